// The chained-equations driver: determinism, the outcome in the models, mice's predictor screen, bad input,
// and seeded statistical checks that imputations reproduce the conditional distribution under MAR.
import { describe, expect, it } from "vitest";
import { completeColumn, imputeChained, type MiColumn } from "../../src/mi/chained.js";
import { keepPredictors, symmetricEigen } from "../../src/mi/lindep.js";
import { poolRubin } from "../../src/mi/pool.js";
import { streams } from "../../src/simulate/rng.js";
import { SurvinferError } from "../../src/errors.js";
import { expectClose } from "../helpers/expect-close.js";
import { loadMi } from "./load.js";

type Completed = Record<"time" | "status" | "trt" | "age_primary" | "primary_size_mm" | "n_lung_mets" | "grade", number[]>;

function exampleColumns(): { cols: MiColumn[]; time: number[]; status: number[]; size: number[] } {
  // the example cohort's analysis variables with primary_size_mm and grade missing as in the CSV
  const f = loadMi<{ columns: string[]; data: Record<string, (number | null)[]> }, unknown>("md-pattern-example");
  const cox = loadMi<{ completed: Completed[] }, unknown>("pool-cox-example");
  const d = f.input.data;
  const num = (v: (number | null)[]): number[] => v.map((x) => (x === null ? Number.NaN : x));
  const grade = d.grade.map((g) => (g === null ? Number.NaN : g - 1));
  const cols: MiColumn[] = [
    { name: "trt", values: cox.input.completed[0].trt },
    { name: "age_primary", values: num(d.age_primary) },
    { name: "male", values: num(d.male), levels: ["0", "1"] },
    { name: "primary_size_mm", values: num(d.primary_size_mm) },
    { name: "n_lung_mets", values: num(d.n_lung_mets) },
    { name: "grade", values: grade, levels: ["1", "2", "3"] },
  ];
  return { cols, time: cox.input.completed[0].time, status: cox.input.completed[0].status, size: num(d.primary_size_mm) };
}

describe("imputeChained on the example cohort", () => {
  const ex = exampleColumns();
  const opts = { m: 5, iterations: 5, seed: 2026, outcome: { time: ex.time, status: ex.status } };
  const mi = imputeChained(ex.cols, opts);

  it("imputes the incomplete variables only, with mice's default methods and the outcome (status, H) as predictors", () => {
    expect(mi.variables.map((v) => [v.name, v.method, v.rows.length])).toEqual([["primary_size_mm", "pmm", 5], ["grade", "polyreg", 4]]);
    expect(mi.outcomeInModels).toBe(true);
    expect(mi.variables[0].predictors).toEqual(expect.arrayContaining(["status", "H", "trt", "grade2", "grade3"]));
  });

  it("is reproducible for a seed, differs for another, and pmm only imputes observed values", () => {
    expect(imputeChained(ex.cols, opts)).toEqual(mi);
    expect(imputeChained(ex.cols, { ...opts, seed: 7 }).variables[0].imputed).not.toEqual(mi.variables[0].imputed);
    const observed = new Set(ex.size.filter((v) => !Number.isNaN(v)));
    for (const chain of mi.variables[0].imputed) for (const v of chain) expect(observed.has(v)).toBe(true);
    for (const chain of mi.variables[1].imputed) for (const v of chain) expect([0, 1, 2]).toContain(v);
  });

  it("returns a convergence trace (iterations × chains) and observed summaries, never NaN", () => {
    for (const v of mi.variables) {
      expect(v.chainMean).toHaveLength(5);
      expect(v.chainMean[0]).toHaveLength(5);
      expect(v.chainMean.flat().every(Number.isFinite)).toBe(true);
      expect(Number.isFinite(v.observed.mean)).toBe(true);
    }
    expect(mi.variables[1].observed.levelCounts?.reduce((a, b) => a + b, 0)).toBe(60);
    const filled = completeColumn(mi, "primary_size_mm", ex.size, 2);
    expect(filled.every(Number.isFinite)).toBe(true);
  });
});

describe("imputeChained refuses or flags bad input", () => {
  it("a variable missing for everyone is a typed error naming it", () => {
    const run = (): unknown => imputeChained([{ name: "a", values: [1, 2, 3] }, { name: "b", values: [Number.NaN, Number.NaN, Number.NaN] }], { m: 2 });
    expect(run).toThrow(SurvinferError);
    expect(run).toThrow(/"b" is missing for all 3 patients/);
  });

  it("a constant predictor and a single observed value are warnings, and the imputations stay finite", () => {
    const mi = imputeChained(
      [
        { name: "k", values: [5, 5, 5, 5, 5, 5] },
        { name: "x", values: [1, 2, 3, 4, 5, 6] },
        { name: "y", values: [2, 2, Number.NaN, 2, Number.NaN, 2] },
      ],
      { m: 2, iterations: 2 },
    );
    expect(mi.warnings.join("\n")).toMatch(/"k" is constant/);
    expect(mi.warnings.join("\n")).toMatch(/"y" has a single observed value/);
    expect(mi.variables[0].imputed.flat()).toEqual([2, 2, 2, 2]);
  });

  it("perfect prediction of a binary variable stays finite thanks to mice's augmentation", () => {
    const x = Array.from({ length: 40 }, (_, i) => i / 4);
    const z = x.map((v, i) => (i % 7 === 3 ? Number.NaN : v > 5 ? 1 : 0));
    const mi = imputeChained([{ name: "x", values: x }, { name: "z", values: z, levels: ["no", "yes"] }], { m: 3, iterations: 3 });
    const v = mi.variables[0];
    expect(v.method).toBe("logreg");
    for (const chain of v.imputed) for (const val of chain) expect([0, 1]).toContain(val);
  });

  it("options are validated", () => {
    expect(() => imputeChained([{ name: "a", values: [1, Number.NaN, 3] }], { m: 1 })).toThrow(/option m/);
    expect(() => imputeChained([{ name: "a", values: [1, Number.NaN, 3] }], { seed: -1 })).toThrow(/option seed/);
    expect(() => imputeChained([{ name: "a", values: [1, Number.NaN, 3] }], { outcome: { time: [1, 2, Number.NaN], status: [1, 0, 1] } })).toThrow(/outcome of data row 3/);
  });
});

describe("mice's predictor screen (remove.lindep)", () => {
  it("drops an exact linear combination, a constant and a predictor correlated ≥ 0.99 with y", () => {
    const n = 30;
    const s = streams(3, 1)[0];
    const a = Array.from({ length: n }, () => s.normal());
    const b = Array.from({ length: n }, () => s.normal());
    const y = Float64Array.from(a, (v, i) => v + b[i] + s.normal());
    const x = new Float64Array(n * 5);
    for (let i = 0; i < n; i++) {
      x[i] = a[i];
      x[n + i] = b[i];
      x[2 * n + i] = a[i] + 2 * b[i]; // linear combination
      x[3 * n + i] = 1; // constant
      x[4 * n + i] = y[i] * 3 + 1; // perfectly correlated with y
    }
    const keep = keepPredictors(x, 5, y, new Uint8Array(n).fill(1));
    expect(keep.filter(Boolean)).toHaveLength(2);
    expect(keep.slice(3)).toEqual([false, false]);
  });

  it("symmetricEigen reproduces A = V Λ Vᵀ", () => {
    const a = Float64Array.from([4, 1, 0.5, 1, 3, 0.2, 0.5, 0.2, 1]);
    const { values, vectors } = symmetricEigen(a, 3);
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        let s = 0;
        for (let k = 0; k < 3; k++) s += vectors[i * 3 + k] * values[k] * vectors[j * 3 + k];
        expectClose(s, a[i * 3 + j], { abs: 1e-12 });
      }
    }
    expect(values[0]).toBeGreaterThan(values[1]);
  });
});

describe("imputations reproduce the conditional distribution under MAR (seeded simulation)", () => {
  // x ~ N(0, 1); y = 1 + 2x + ε, ε ~ N(0, 1); z ~ Bernoulli(expit(−0.5 + x)); y and z missing with probability
  // expit(−1 + 0.8 x) (MAR on x, with donors left across x's range: pmm cannot extrapolate beyond them)
  const n = 600;
  const s = streams(42, 1)[0];
  const x: number[] = [];
  const y: number[] = [];
  const z: number[] = [];
  const yFull: number[] = [];
  const zProb: number[] = [];
  for (let i = 0; i < n; i++) {
    const xi = s.normal();
    const yi = 1 + 2 * xi + s.normal();
    const pz = 1 / (1 + Math.exp(0.5 - xi));
    const zi = s.uniform() < pz ? 1 : 0;
    const miss = s.uniform() < 1 / (1 + Math.exp(1 - 0.8 * xi));
    const missZ = s.uniform() < 1 / (1 + Math.exp(1 - 0.8 * xi));
    x.push(xi);
    yFull.push(yi);
    zProb.push(pz);
    y.push(miss ? Number.NaN : yi);
    z.push(missZ ? Number.NaN : zi);
  }
  const mi = imputeChained([{ name: "x", values: x }, { name: "y", values: y }, { name: "z", values: z, levels: ["0", "1"] }], { m: 10, iterations: 5, seed: 11 });

  it("the complete-case mean of y is biased; the pooled MI mean covers the true mean 1", () => {
    const cc = y.filter((v) => !Number.isNaN(v));
    const ccMean = cc.reduce((a, b) => a + b, 0) / cc.length;
    expect(ccMean).toBeLessThan(0.8); // missingness rises with x, so the observed y are too low
    const est: number[][] = [];
    const vr: number[][] = [];
    for (let c = 0; c < 10; c++) {
      const yc = completeColumn(mi, "y", y, c);
      const mean = yc.reduce((a, b) => a + b, 0) / n;
      let ss = 0;
      for (const v of yc) ss += (v - mean) * (v - mean);
      est.push([mean]);
      vr.push([ss / (n - 1) / n]);
    }
    const pooled = poolRubin(["mean"], est, vr, n - 1).terms[0];
    expect(pooled.lower).toBeLessThan(1);
    expect(pooled.upper).toBeGreaterThan(1);
    expect(pooled.fmi).toBeGreaterThan(0);
  });

  it("the pooled regression of y on x over the completed datasets covers the true slope 2 (Rubin's rules)", () => {
    const est: number[][] = [];
    const vr: number[][] = [];
    for (let c = 0; c < 10; c++) {
      const yc = completeColumn(mi, "y", y, c);
      const mx = x.reduce((a, b) => a + b, 0) / n;
      const my = yc.reduce((a, b) => a + b, 0) / n;
      let sxy = 0;
      let sxx = 0;
      for (let i = 0; i < n; i++) {
        sxy += (x[i] - mx) * (yc[i] - my);
        sxx += (x[i] - mx) * (x[i] - mx);
      }
      const slope = sxy / sxx;
      let rss = 0;
      for (let i = 0; i < n; i++) rss += (yc[i] - my - slope * (x[i] - mx)) ** 2;
      est.push([slope]);
      vr.push([rss / (n - 2) / sxx]);
    }
    const pooled = poolRubin(["x"], est, vr, n - 2).terms[0];
    expect(pooled.lower).toBeLessThan(2);
    expect(pooled.upper).toBeGreaterThan(2);
    // the imputed rows' own slope is attenuated where donors are sparse, as in mice: checked against mice below (mar-check)
  });

  it("imputed z match the true conditional probabilities expit(−0.5 + x) of the missing rows", () => {
    const v = mi.variables.find((w) => w.name === "z");
    if (v === undefined) throw new Error("z not imputed");
    const expected = v.rows.reduce((a, i) => a + zProb[i], 0) / v.rows.length;
    const got = v.imputed.flat().reduce((a, b) => a + b, 0) / (v.rows.length * v.imputed.length);
    // SE of a proportion over ~240 rows × 10 imputations is about 0.01 (imputations are correlated within a row: allow 0.06)
    expect(Math.abs(got - expected)).toBeLessThan(0.06);
  });
});

describe("on data where pmm attenuates (sparse donors in the tail), survinfer behaves as mice does", () => {
  it("slope and residual SD of imputed y on x, and the share of imputed z = 1, agree with mice's averages over 10 runs", () => {
    const f = loadMi<{ x: number[]; y: (number | null)[]; z: (number | null)[] }, { slope: number; sigma: number; zMean: number }>("mar-check");
    const x = f.input.x;
    const y = f.input.y.map((v) => (v === null ? Number.NaN : v));
    const z = f.input.z.map((v) => (v === null ? Number.NaN : v));
    const slopes: number[] = [];
    const sigmas: number[] = [];
    const zMeans: number[] = [];
    for (const seed of [1, 2, 3, 4, 5]) {
      const mi = imputeChained([{ name: "x", values: x }, { name: "y", values: y }, { name: "z", values: z, levels: ["0", "1"] }], { m: 10, iterations: 5, seed });
      const vy = mi.variables[0];
      const pairs: [number, number][] = [];
      vy.imputed.forEach((chain) => chain.forEach((val, k) => pairs.push([x[vy.rows[k]], val])));
      const mx = pairs.reduce((a, p) => a + p[0], 0) / pairs.length;
      const my = pairs.reduce((a, p) => a + p[1], 0) / pairs.length;
      let sxy = 0;
      let sxx = 0;
      for (const [a, b] of pairs) {
        sxy += (a - mx) * (b - my);
        sxx += (a - mx) * (a - mx);
      }
      const slope = sxy / sxx;
      let rss = 0;
      for (const [a, b] of pairs) rss += (b - my - slope * (a - mx)) ** 2;
      slopes.push(slope);
      sigmas.push(Math.sqrt(rss / (pairs.length - 2)));
      const flat = mi.variables[1].imputed.flat();
      zMeans.push(flat.reduce((a, b) => a + b, 0) / flat.length);
    }
    const avg = (v: number[]): number => v.reduce((a, b) => a + b, 0) / v.length;
    // mice's run-to-run SDs are 0.023 (slope), 0.014 (sigma), 0.009 (z share): allow about 4 SDs of the difference of averages
    // tolerance: 0.06, Monte Carlo: different random streams; mice's run-to-run SD of the slope is 0.023
    expectClose(avg(slopes), f.expected.slope, { abs: 0.06 }, "slope");
    // tolerance: 0.04, Monte Carlo: mice's run-to-run SD of the residual SD is 0.014
    expectClose(avg(sigmas), f.expected.sigma, { abs: 0.04 }, "sigma");
    // tolerance: 0.03, Monte Carlo: mice's run-to-run SD of the share is 0.009
    expectClose(avg(zMeans), f.expected.zMean, { abs: 0.03 }, "share of z = 1");
  });
});
