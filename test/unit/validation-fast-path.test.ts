/**
 * The bootstrap optimism loop's shared-work path gives the front doors' numbers bit for bit:
 * discriminationIndices (src/survival/validation/indices.ts) = concordance(...).value and timeAuc(...).auc,
 * baselineHazard (model.ts) = coxSurvival(...).curves[0].cumhaz, coxFitOnRows / coxFitWithoutConcordance
 * (src/survival/cox/fit.ts) = coxFit without its concordance, and bootstrapOptimism = a loop over the front
 * doors written out here.
 */
import { describe, expect, it } from "vitest";
import { coxFit, coxFitOnRows, coxFitWithoutConcordance, prepareCoxRows } from "../../src/survival/cox/fit.js";
import { coxSurvival } from "../../src/survival/cox/predict.js";
import type { CoxControl, CoxInput } from "../../src/survival/cox/types.js";
import { concordance } from "../../src/survival/validation/concordance.js";
import { discriminationIndices, prepareIndexSample, rankScores, resampleIndexSample } from "../../src/survival/validation/indices.js";
import {
  baselineAt,
  baselineHazard,
  calibrationIntercept,
  calibrationSlope,
  expectedEvents,
  linearPredictor,
  prepareSlopeRows,
  slopeOnRows,
  subsetCoxInput,
} from "../../src/survival/validation/model.js";
import { bootstrapOptimism, bootstrapResample } from "../../src/survival/validation/optimism.js";
import { censoringCurve, timeAuc } from "../../src/survival/validation/time-auc.js";

/** Deterministic pseudo-random numbers in [0, 1) (a linear congruential generator; no state shared between tests). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** n rows, p = 3 (a continuous, a 0/1 and a −1/0/1 column), times on a coarse grid (ties of deaths and censorings). */
function makeInput(n: number, seed: number): CoxInput {
  const u = lcg(seed);
  const time = new Float64Array(n);
  const status = new Int32Array(n);
  const x = new Float64Array(3 * n);
  for (let i = 0; i < n; i++) {
    x[i] = Math.round(10 * (u() * 4 - 2)) / 10;
    x[n + i] = u() < 0.4 ? 1 : 0;
    x[2 * n + i] = Math.floor(u() * 3) - 1;
    const t = -Math.log(1 - u()) / (0.3 * Math.exp(0.6 * x[i] - 0.5 * x[n + i]));
    const c = 6 * u();
    time[i] = Math.max(0.5, Math.round(2 * Math.min(t, c)) / 2);
    status[i] = t <= c ? 1 : 0;
  }
  return { time, status, x, p: 3, columnNames: ["a", "b", "c"] };
}

describe("discriminationIndices equals the front doors bit for bit", () => {
  const cases: { name: string; time: number[]; status: number[]; eta: number[]; horizon: number | null; tau: number | null }[] = [
    // deaths and censorings at one time (2), tied deaths (2, 4), tied scores
    { name: "ties of times and scores", time: [1, 2, 2, 2, 3, 4, 4, 5, 6, 7], status: [1, 1, 0, 1, 0, 1, 1, 0, 1, 0], eta: [2, 1, 1, 0.5, 3, 1, -1, 0.5, 0, 2], horizon: 4, tau: 5 },
    // 0.1 + 0.2 and 0.3 are one time under the near-tie rule (not for the AUC, which uses the raw times)
    { name: "near-tied times", time: [0.1 + 0.2, 0.3, 0.5, 0.7, 0.9, 1.1], status: [1, 0, 1, 1, 0, 1], eta: [1, 2, 0, 3, 1, -2], horizon: 0.3, tau: null },
    { name: "one death: Uno falls back to Harrell's weights", time: [1, 2, 3, 4], status: [0, 1, 0, 0], eta: [1, 2, 3, 4], horizon: 2.5, tau: null },
    { name: "no horizon, all censored", time: [1, 2, 3], status: [0, 0, 0], eta: [1, 2, 3], horizon: null, tau: 2 },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const time = Float64Array.from(c.time);
      const sample = prepareIndexSample(time, c.status, c.horizon, c.tau);
      const d = discriminationIndices(sample, rankScores(sample, c.eta));
      expect(d.harrellC).toBe(concordance(time, c.status, c.eta).value);
      expect(d.unoC).toBe(concordance(time, c.status, c.eta, { timeWeight: "n/G2", tau: c.tau }).value);
      if (c.horizon === null) expect(d.auc).toBeNaN();
      else expect(d.auc).toBe(timeAuc(time, c.status, c.eta, c.horizon).auc);
    });
  }

  it("on a bootstrap sample prepared from its parent (ranks taken from the parent's)", () => {
    const input = makeInput(150, 11);
    const n = input.time.length;
    const parent = prepareIndexSample(input.time, input.status, 3, 4);
    const eta = linearPredictor(input, [0.7, -0.4, 0.2]);
    const ranks = rankScores(parent, eta);
    for (let b = 0; b < 5; b++) {
      const idx = bootstrapResample(n, 5, b);
      const boot = subsetCoxInput(input, idx);
      const etaBoot = Float64Array.from(idx, (i) => eta[i]);
      const d = discriminationIndices(resampleIndexSample(parent, idx, boot.time, boot.status), { rank: Int32Array.from(idx, (i) => ranks.rank[i]), m: ranks.m });
      expect(d.harrellC).toBe(concordance(boot.time, boot.status, etaBoot).value);
      expect(d.unoC).toBe(concordance(boot.time, boot.status, etaBoot, { timeWeight: "n/G2", tau: 4 }).value);
      expect(d.auc).toBe(timeAuc(boot.time, boot.status, etaBoot, 3).auc);
    }
  });

  it("censoringCurve gives the same curve with a given ascending order", () => {
    const input = makeInput(60, 3);
    const order = Int32Array.from({ length: 60 }, (_, i) => i).sort((a, b) => input.time[a] - input.time[b]);
    expect(censoringCurve(input.time, input.status, order)).toEqual(censoringCurve(input.time, input.status));
  });
});

describe("baselineHazard equals coxSurvival's cumulative hazard bit for bit", () => {
  const base = makeInput(120, 21);
  const n = base.time.length;
  const u = lcg(4);
  const weights = Float64Array.from({ length: n }, () => 0.5 + Math.floor(4 * u()) / 2);
  const offset = Float64Array.from({ length: n }, () => u() - 0.5);
  const strata = Int32Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 7 : 2));
  const entry = Float64Array.from(base.time, (t) => (u() < 0.3 ? t / 3 : 0));
  const variants: [string, CoxInput, CoxControl][] = [
    ["Efron", base, {}],
    ["Breslow", base, { ties: "breslow" }],
    ["weights and offset", { ...base, weights, offset }, {}],
    ["strata (first stratum)", { ...base, strata }, {}],
    ["(start, stop] data", { ...base, entry }, {}],
    ["near-tied times, timefix off", { ...base, time: Float64Array.from(base.time, (t, i) => (i % 5 === 0 ? t + 1e-12 : t)) }, { timefix: false }],
  ];
  for (const [name, input, control] of variants) {
    it(name, () => {
      const fit = coxFit(input, control);
      const curve = coxSurvival(input, fit).curves[0];
      const h = baselineHazard(input, fit);
      expect(Array.from(h.time)).toEqual(curve.time);
      expect(Array.from(h.cumhaz)).toEqual(curve.cumhaz);
      // baselineAt reads exp(−Λ̂₀) at the last time ≤ t, as survfit's curve
      for (const t of [0.1, 1, 2.5, 100]) {
        const k = curve.time.filter((s) => s <= t).length;
        expect(baselineAt(input, fit, t).baselineSurv).toBe(k === 0 ? 1 : curve.surv[k - 1]);
      }
      // expected events: Λ̂₀(Tᵢ)·exp(ηᵢ − Σβx̄) with the cumulative hazard read at each row's time
      const lp = linearPredictor(input, fit.coef);
      let centre = 0;
      fit.coef.forEach((b, j) => (centre += (b ?? 0) * fit.means[j]));
      const e = expectedEvents(input, input, fit);
      for (let i = 0; i < n; i += 7) {
        const k = curve.time.filter((s) => s <= input.time[i]).length;
        expect(e[i]).toBe((k === 0 ? 0 : curve.cumhaz[k - 1]) * Math.exp(lp[i] - centre));
      }
    });
  }
});

describe("Cox fits without concordance and on prepared rows equal coxFit", () => {
  const input = makeInput(200, 8);
  const n = input.time.length;
  const { concordance: _c, ...withoutConcordance } = coxFit(input);

  it("coxFitWithoutConcordance is coxFit without fit$concordance, and coxFit keeps its key order", () => {
    expect(coxFitWithoutConcordance(input)).toEqual(withoutConcordance);
    expect(Object.keys(coxFit(input)).indexOf("concordance")).toBe(Object.keys(coxFit(input)).indexOf("tests") + 1);
  });

  it("coxFitOnRows refits new covariates (incl. a −1/0/1 column) to the same rows, with weights and strata", () => {
    const u = lcg(9);
    const weighted: CoxInput = { ...input, weights: Float64Array.from({ length: n }, () => 1 + Math.floor(3 * u())), strata: Int32Array.from({ length: n }, (_, i) => i % 2) };
    for (const [rowsInput, control] of [[input, {}], [weighted, { ties: "breslow" }]] as const) {
      const rows = prepareCoxRows(rowsInput, control);
      for (let r = 0; r < 3; r++) {
        const x = Float64Array.from(rowsInput.x, (v, k) => (k < 2 * n ? v * (1 + r) + u() : v));
        const { concordance: _cc, ...expected } = coxFit({ ...rowsInput, x }, control);
        expect(coxFitOnRows(rows, x)).toEqual(expected);
      }
    }
  });

  it("coxFitOnRows reports a non-finite covariate as coxFit does", () => {
    const x = Float64Array.from(input.x);
    x[5] = Number.NaN;
    expect(() => coxFitOnRows(prepareCoxRows(input), x)).toThrow(/not finite/);
  });

  it("slopeOnRows equals calibrationSlope", () => {
    const rows = prepareSlopeRows(input.time, input.status);
    for (const coef of [[0.5, -0.3, 0.1], [1, 0, 0], [0, 0, 1]]) {
      const lp = linearPredictor(input, coef);
      expect(slopeOnRows(rows, lp)).toEqual(calibrationSlope(input.time, input.status, lp));
    }
  });
});

describe("bootstrapOptimism equals a loop over the front doors", () => {
  it("Harrell's and Uno's C, AUC(t), slope and log(O/E), training and test, bit for bit", () => {
    const input = makeInput(180, 31);
    const n = input.time.length;
    const B = 6;
    const horizon = 3;
    const tau = 4;
    const names = ["harrellC", "unoC", "auc", "slope", "intercept"] as const;
    const indices = (rows: CoxInput, fitInput: CoxInput, fit: ReturnType<typeof coxFit>, training: boolean): Record<(typeof names)[number], number> => {
      const lp = linearPredictor(rows, fit.coef);
      return {
        harrellC: concordance(rows.time, rows.status, lp).value,
        unoC: concordance(rows.time, rows.status, lp, { timeWeight: "n/G2", tau }).value,
        auc: timeAuc(rows.time, rows.status, lp, horizon).auc,
        slope: training ? 1 : calibrationSlope(rows.time, rows.status, lp).slope,
        intercept: calibrationIntercept(rows.status, expectedEvents(rows, fitInput, fit)).intercept,
      };
    };
    const train = { harrellC: 0, unoC: 0, auc: 0, slope: 0, intercept: 0 };
    const test = { ...train };
    for (let b = 0; b < B; b++) {
      const boot = subsetCoxInput(input, bootstrapResample(n, 2, b));
      const fitB = coxFit(boot, { robust: false });
      const tr = indices(boot, boot, fitB, true);
      const te = indices(input, boot, fitB, false);
      for (const k of names) {
        train[k] += tr[k];
        test[k] += te[k];
      }
    }
    const r = bootstrapOptimism(input, { B, seed: 2, time: horizon, tau });
    for (const k of names) {
      const idx = r.indices.find((i) => i.name === k)!;
      expect(idx.nReplicates).toBe(B);
      expect(idx.training).toBe(train[k] / B);
      expect(idx.test).toBe(test[k] / B);
    }
  });
});
