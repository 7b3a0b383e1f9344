/**
 * Survival tables hide a survival probability where a group has fewer than figures.minAtRisk patients at risk
 * (unweighted, as the figures count them: src/study/beyond-data.ts), with a footnote giving the counts; the
 * referee found the PS-matched 60-month survival printed where the matched curves had already ended.
 */
import { describe, expect, it } from "vitest";
import { kaplanMeier } from "../../src/survival/kaplan-meier.js";
import { survivalTable } from "../../src/report/tables.js";

// group a: 20 patients followed 1..20; group b: 8 patients followed 1..8 (censored at 8 at the latest)
const a = Array.from({ length: 20 }, (_, i) => i + 1);
const b = Array.from({ length: 8 }, (_, i) => i + 1);
const time = Float64Array.from([...a, ...b]);
const status = Int32Array.from([...a.map((t) => (t % 3 === 0 ? 1 : 0)), ...b.map((t) => (t % 2 === 0 ? 1 : 0))]);
const group = { codes: Int32Array.from([...a.map(() => 0), ...b.map(() => 1)]), levels: ["a", "b"] };

describe("survival table: numbers beyond the data", () => {
  it("hides the survival at a time where a group has fewer than minAtRisk patients at risk, and says why", () => {
    const km = kaplanMeier({ time, status, group }, { times: [2, 6] });
    // at t = 6 group b has 3 patients at risk (6, 7, 8), at t = 2 it has 7
    const t = survivalTable(km, { unit: "months", minAtRisk: 5 });
    const [ra, rb] = t.rows;
    expect(rb[4]).toMatch(/^\d/);
    expect(rb[5]).toBe("– (beyond the data)");
    expect(ra[5]).toMatch(/^\d/); // group a still has 15 at risk: its own survival stays
    expect(t.footnotes.join(" ")).toContain("fewer than 5 patients at risk");
    expect(t.footnotes.join(" ")).toContain("6 months: a 15, b 3");
  });

  it("shows every estimable number with minAtRisk 0 or without the option", () => {
    const km = kaplanMeier({ time, status, group }, { times: [2, 6] });
    for (const t of [survivalTable(km, { unit: "months", minAtRisk: 0 }), survivalTable(km, { unit: "months" })]) {
      expect(t.rows.flatMap((r) => r.slice(4)).every((c) => /^\d/.test(c))).toBe(true);
      expect(t.footnotes.join(" ")).not.toContain("beyond the data");
    }
  });

  it("counts patients, not weights, under a weighted curve", () => {
    // weights of 10 on group b: 3 patients at t = 6 weigh 30 but are still 3 patients
    const weights = Float64Array.from([...a.map(() => 1), ...b.map(() => 10.5)]);
    const km = kaplanMeier({ time, status, group, weights }, { times: [6] });
    expect(survivalTable(km, { unit: "months", minAtRisk: 5 }).rows[1][4]).toBe("– (beyond the data)");
  });
});

describe("adjusted survival and RMST contrasts: numbers beyond the data", () => {
  it("hide a group's survival, the difference and the RMST where the group has fewer than minAtRisk at risk", async () => {
    const { absoluteEffectsTable } = await import("../../src/report/tables.js");
    const diff = (estimate: number) => ({ estimate, lower: null, upper: null, bootstrapFailed: null, bootstrapNote: null });
    const survival = {
      times: [12, 60],
      survTreated: [0.8, 0.6],
      survControl: [0.7, 0.5],
      survDifference: [diff(0.1), diff(0.1)],
      tau: 60,
      rmstTreated: 40,
      rmstControl: 35,
      rmstDifference: diff(5),
    } as unknown as Parameters<typeof absoluteEffectsTable>[0][number]["survival"];
    const row = { analysis: "PS-matched", role: "sensitivity" as const, n: 22, survival, support: { atTimes: [[10, 9], [6, 4]] as [number, number][], atTau: [6, 4] as [number, number], minAtRisk: 5 } };
    const t = absoluteEffectsTable([row], { unit: "months" });
    const [, at12, at60, rmst] = t.rows;
    expect(at12.slice(1)).toEqual(["80.0", "70.0", expect.stringMatching(/^10\.0/)]);
    expect(at60.slice(1)).toEqual(["60.0", "– (beyond the data)", "– (beyond the data)"]);
    expect(rmst.slice(1)).toEqual(["– (beyond the data)", "– (beyond the data)", "– (beyond the data)"]);
    expect(t.footnotes.join(" ")).toContain("fewer than 5 patients at risk");
    // without support (or minAtRisk 0) every number is shown
    const all = absoluteEffectsTable([{ ...row, support: { ...row.support, minAtRisk: 0 } }], { unit: "months" });
    expect(all.rows[2][2]).toBe("50.0");
  });
});

describe("survival table of a weighted curve", () => {
  it("heads the events column as weighted sums, not counts", () => {
    const weights = Float64Array.from([...a.map(() => 1.5), ...b.map(() => 0.7)]);
    const weighted = survivalTable(kaplanMeier({ time, status, group, weights }, { times: [2] }), { unit: "months" });
    expect(weighted.headers[0][2]).toBe("Events (weighted, Σw)");
    expect(survivalTable(kaplanMeier({ time, status, group }, { times: [2] }), { unit: "months" }).headers[0][2]).toBe("Events");
  });
});
