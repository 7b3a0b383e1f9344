/**
 * Figures at scale (src/report/plots/thin.ts): a Kaplan–Meier curve of 30,000 patients with continuous
 * (all distinct) times is drawn with at most 2 points per px of plot width, the thinned step function
 * equals the full one at every kept point, keeps every jump (merged within a half-pixel column) and
 * ends where the full one ends; censoring marks and residual scatters stay bounded too.
 */
import { describe, expect, it } from "vitest";
import { streams } from "../../src/simulate/rng.js";
import { kaplanMeier } from "../../src/survival/kaplan-meier.js";
import { kmPlot } from "../../src/report/plots/km.js";
import { zphPlot } from "../../src/report/plots/zph.js";
import { MARK_GRID_PX, MAX_SCATTER_POINTS, STEP_COLUMN_PX, thinStep, thinStepIndices } from "../../src/report/plots/thin.js";
import { stepValueAt } from "../../src/report/plots/layout.js";

const N = 30_000;
const rng = streams(5, 1)[0];
const time = new Float64Array(N);
const status = new Int32Array(N);
const group = new Int32Array(N);
for (let i = 0; i < N; i++) {
  group[i] = rng.uniform() < 0.5 ? 0 : 1;
  const tEvent = -Math.log(rng.uniform()) * (group[i] === 0 ? 30 : 45);
  const tCensor = 6 + 100 * rng.uniform();
  time[i] = Math.min(tEvent, tCensor);
  status[i] = tEvent <= tCensor ? 1 : 0;
}
const km = kaplanMeier({ time, status, group: { codes: group, levels: ["control", "treated"] } });

/** Vertices (x, y) of an SVG path of M/L/H/V commands with absolute coordinates (d3's step paths). */
function vertices(d: string): [number, number][] {
  const out: [number, number][] = [];
  let x = 0;
  let y = 0;
  for (const m of d.matchAll(/([MLHV])([^MLHVZ]*)/g)) {
    const nums = m[2].split(/[ ,]/).filter((s) => s !== "").map(Number);
    if (m[1] === "H") x = nums[0];
    else if (m[1] === "V") y = nums[0];
    else [x, y] = nums;
    out.push([x, y]);
  }
  return out;
}

describe(`a Kaplan–Meier figure of ${N} patients with distinct times`, () => {
  it("has thousands of points per curve before thinning", () => {
    expect(km.strata.every((s) => s.time.length > 10_000)).toBe(true);
  });

  // the scale of a 560 px wide plot from 0 to 110 months
  const plotW = 560;
  const x = (t: number): number => 60 + (t / 110) * plotW;

  for (const s of km.strata) {
    const full: [number, number][] = [[0, 1], ...Array.from(s.time, (t, j): [number, number] => [t, s.surv[j]])];
    const kept = thinStep(full, x, plotW);

    it(`${s.name}: at most 2 points per px of plot width`, () => {
      expect(kept.length).toBeLessThanOrEqual(plotW / STEP_COLUMN_PX + 2);
      expect(kept.length).toBeGreaterThan(plotW / 2);
    });

    it(`${s.name}: the thinned curve equals the full curve at every kept point and ends where it ends`, () => {
      for (const [t, v] of kept) expect(stepValueAt(s.time, s.surv, t)).toBe(v);
      expect(kept[0]).toEqual([0, 1]);
      expect(kept[kept.length - 1]).toEqual(full[full.length - 1]);
    });

    it(`${s.name}: every jump is kept (between kept points the full curve moves within one half-pixel column)`, () => {
      const idx = thinStepIndices(full.map((p) => x(p[0])));
      for (let k = 1; k < idx.length; k++) {
        // the full curve's points between two kept points lie in the column of the later one
        for (let i = idx[k - 1] + 1; i < idx[k]; i++) expect(Math.floor(x(full[i][0]) / STEP_COLUMN_PX)).toBe(Math.floor(x(full[idx[k]][0]) / STEP_COLUMN_PX));
      }
    });
  }

  it("kmPlot draws each curve with at most 2 points per px and bounded censoring marks", () => {
    const svg = kmPlot(km, { width: "double", confInt: true });
    const [viewW, viewH] = /viewBox="0 0 ([\d.]+) ([\d.]+)/.exec(svg)!.slice(1).map(Number);
    const curves = [...svg.matchAll(/<path d="([^"]*)"[^>]*class="km-curve"/g)].map((m) => vertices(m[1]));
    expect(curves).toHaveLength(2);
    // a step path has 2 vertices (H, V) per point; the plot is narrower than the figure
    for (const c of curves) expect(c.length).toBeLessThanOrEqual(2 * (viewW / STEP_COLUMN_PX + 2));
    // a "+" mark is 2 moves (M…H…M…V…); one mark per px cell, and a falling curve passes through at
    // most (width + height) cells
    const marks = [...svg.matchAll(/<path d="([^"]*)"[^>]*class="km-censor"/g)].map((m) => (m[1].match(/M/g) ?? []).length / 2);
    expect(marks).toHaveLength(2);
    for (const m of marks) expect(m).toBeLessThanOrEqual((viewW + viewH) / MARK_GRID_PX);
    expect(svg.length).toBeLessThan(250_000);
  });
});

describe("a scaled Schoenfeld residual plot of 30,000 events", () => {
  it(`draws a systematic sample of at most ${MAX_SCATTER_POINTS} points and says so`, () => {
    const m = 30_000;
    const xs = Array.from({ length: m }, (_, i) => i / m);
    const svg = zphPlot({ transform: "identity", x: xs, time: xs, y: xs.map((v) => [Math.sin(6 * v) + ((v * 7919) % 1) - 0.5]), terms: [{ name: "age", p: 0.2, df: 1 }] }, { column: 0, coef: 0.1 });
    const points = /<path d="([^"]*)"[^>]*class="zph-points"/.exec(svg)![1];
    expect((points.match(/M/g) ?? []).length).toBeLessThanOrEqual(MAX_SCATTER_POINTS);
    expect(svg).toContain("30000 event(s) (every 15th drawn: 2000 points)");
    expect(svg.length).toBeLessThan(250_000);
  });
});
