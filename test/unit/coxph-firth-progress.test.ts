/** coxph(..., { firth, onProgress }) reports a Firth fit's progress only when the fit is long (n·p³ ≥ FIRTH_PROGRESS_WORK). */
import { describe, expect, it } from "vitest";
import { FIRTH_PROGRESS_WORK, coxph } from "../../src/survival/coxph.js";
import { readTable } from "../../src/data/read.js";
import { streams } from "../../src/simulate/rng.js";

function cohort(n: number, p: number, seed: number): ReturnType<typeof readTable>["table"] {
  const [stream] = streams(seed, 1);
  const rand = (): number => stream.uniform();
  const lines = [["time", "status", ...Array.from({ length: p }, (_, j) => `x${j + 1}`)].join(",")];
  for (let i = 0; i < n; i++) {
    const x = Array.from({ length: p }, () => (rand() - 0.5).toFixed(4));
    lines.push([(1 + rand() * 100).toFixed(3), rand() < 0.6 ? 1 : 0, ...x].join(","));
  }
  return readTable(new TextEncoder().encode(lines.join("\n") + "\n"), { fileName: "cohort.csv" }).table;
}

const formula = (p: number): string => `Surv(time, status) ~ ${Array.from({ length: p }, (_, j) => `x${j + 1}`).join(" + ")}`;

describe("coxph Firth progress", () => {
  it("is silent for a short fit (n·p³ below the threshold)", () => {
    const calls: number[][] = [];
    const fit = coxph(cohort(200, 3, 1), formula(3), { firth: "always", onProgress: (d, t) => calls.push([d, t]) });
    expect(200 * 3 ** 3).toBeLessThan(FIRTH_PROGRESS_WORK);
    expect(fit.firth).toBeDefined();
    expect(calls).toEqual([]);
  });

  it("reports every step of a long fit, ending at done = total = 1 + 3p (estimate, profile limits, tests)", () => {
    const n = 1900;
    const p = 14;
    expect(n * p ** 3).toBeGreaterThanOrEqual(FIRTH_PROGRESS_WORK);
    const calls: number[][] = [];
    const fit = coxph(cohort(n, p, 2), formula(p), { firth: "always", onProgress: (d, t) => calls.push([d, t]) });
    expect(fit.firth).toBeDefined();
    expect(calls.length).toBeGreaterThan(1);
    expect(calls.map((c) => c[0])).toEqual(calls.map((_, k) => k + 1));
    expect(calls[calls.length - 1]).toEqual([1 + 3 * p, 1 + 3 * p]);
  });
});
