/**
 * Self-consistency of balance after weighting on simulated confounded cohorts (seeded LCG, no R needed):
 * overlap weights from a logistic PS give exact mean balance for every covariate in the model
 * (Li, Morgan & Zaslavsky 2018, Theorem 3), and ATE/ATO weighting reduce the largest |SMD|.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { balanceTable, type BalanceCovariate } from "../../src/causal/balance.js";
import { propensityScore } from "../../src/causal/propensity.js";
import { propensityWeights } from "../../src/causal/weight.js";
import { assertProperty, property } from "../helpers/property.js";

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s + 0.5) / 4294967296;
  };
}

function simulate(seed: number, n: number) {
  const u = lcg(seed);
  const normal = () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
  const age = new Float64Array(n);
  const size = new Float64Array(n);
  const female = new Float64Array(n);
  const stage = new Int32Array(n);
  const treatment = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    age[i] = 60 + 10 * normal();
    size[i] = Math.exp(3 + 0.5 * normal());
    female[i] = u() < 0.4 ? 1 : 0;
    stage[i] = Math.floor(u() * 3);
    const lp = -0.5 - 0.06 * (age[i] - 60) - 0.02 * (size[i] - 20) + 0.5 * female[i] + 0.4 * (stage[i] === 2 ? 1 : 0);
    treatment[i] = u() < 1 / (1 + Math.exp(-lp)) ? 1 : 0;
  }
  return { age, size, female, stage, treatment };
}

describe("balance after weighting on simulated confounded data", () => {
  it("ATO weights give |SMD| ≈ 0 (1e-8) for every covariate in the logistic PS model; ATE and ATO reduce max |SMD|", () => {
    assertProperty(
      property(fc.integer({ min: 1, max: 1_000_000 }), (seed) => {
        const n = 400;
        const d = simulate(seed, n);
        const stage1 = Float64Array.from(d.stage, (s) => (s === 1 ? 1 : 0));
        const stage2 = Float64Array.from(d.stage, (s) => (s === 2 ? 1 : 0));
        const x = new Float64Array(n * 5);
        [d.age, d.size, d.female, stage1, stage2].forEach((c, j) => x.set(c, j * n));
        const ps = propensityScore({ treatment: d.treatment, x, columnNames: ["age", "size", "female", "stage1", "stage2"] });
        const covariates: BalanceCovariate[] = [
          { name: "age", kind: "numeric", values: d.age },
          { name: "size", kind: "numeric", values: d.size },
          { name: "female", kind: "numeric", values: d.female },
          { name: "stage", kind: "categorical", levels: ["I", "II", "III"], codes: d.stage },
        ];
        const ato = propensityWeights({ ps: ps.ps, treatment: d.treatment }, { estimand: "ATO" });
        const bAto = balanceTable({ covariates, treatment: d.treatment, weights: ato.weights }, { estimand: "ATO", binary: "std" });
        for (const row of bAto.after ?? []) expect(Math.abs(row.smd)).toBeLessThan(1e-8);
        expect(bAto.summary.maxAbsSmdAfter as number).toBeLessThan(bAto.summary.maxAbsSmdBefore);
        const ate = propensityWeights({ ps: ps.ps, treatment: d.treatment }, { estimand: "ATE" });
        const bAte = balanceTable({ covariates, treatment: d.treatment, weights: ate.weights }, { estimand: "ATE", binary: "std" });
        expect(bAte.summary.maxAbsSmdAfter as number).toBeLessThanOrEqual(bAte.summary.maxAbsSmdBefore);
      }),
      { numRuns: 20, seed: 20240501 },
    );
  });

  it("balance statistics do not change when rows are permuted", () => {
    const d = simulate(7, 120);
    const w = Array.from({ length: 120 }, (_, i) => 0.5 + (i % 7) / 3);
    const covs = (perm: number[]): BalanceCovariate[] => [
      { name: "age", kind: "numeric", values: perm.map((i) => d.age[i]) },
      { name: "stage", kind: "categorical", levels: ["I", "II", "III"], codes: perm.map((i) => d.stage[i]) },
    ];
    const id = Array.from({ length: 120 }, (_, i) => i);
    const perm = [...id].reverse();
    const a = balanceTable({ covariates: covs(id), treatment: id.map((i) => d.treatment[i]), weights: id.map((i) => w[i]) });
    const b = balanceTable({ covariates: covs(perm), treatment: perm.map((i) => d.treatment[i]), weights: perm.map((i) => w[i]) });
    (a.after ?? []).forEach((r, k) => {
      const s = (b.after ?? [])[k];
      expect(Math.abs(r.smd - s.smd)).toBeLessThan(1e-12);
      expect(Math.abs(r.ks - s.ks)).toBeLessThan(1e-12);
    });
  });
});

describe("balanceTable conventions", () => {
  it("states its denominator and rejects tableone with a cobalt-only option (OPTION_CONFLICT)", () => {
    const input = { covariates: [{ name: "age", kind: "numeric" as const, values: [50, 60, 70, 40, 55] }], treatment: [1, 1, 0, 0, 1] };
    expect(balanceTable(input, { estimand: "ATT" }).smdDenominator).toMatch(/^σ = s₁, the SD of the unadjusted treated group/);
    expect(balanceTable(input).smdDenominator).toMatch(/^σ = √\(\(s₁² \+ s₀²\)\/2\), the pooled SD of the unadjusted/);
    // the words follow the binary option: never "p(1 − p)" for raw differences (issue 13)
    expect(balanceTable(input).smdDenominator).toContain("binary variables as raw differences in proportions");
    expect(balanceTable(input).smdDenominator).not.toContain("p(1 − p)");
    expect(balanceTable(input, { binary: "std" }).smdDenominator).toContain("binary variables (p₁ − p₀)/σ with s² = p(1 − p)");
    expect(balanceTable(input, { binary: "std" }).formula).toContain("s² = p(1 − p)");
    expect(balanceTable(input).sample).toEqual({ n: 5, nTreated: 3, nControl: 2 });
    expect(() => balanceTable(input, { convention: "tableone", binary: "raw" })).toThrow(/convention = "tableone" and binary conflict/);
  });

  it("hand-derived SMD: pooled SD of the unweighted groups", () => {
    // treated 50, 60 (mean 55, var 50); control 70, 40 (mean 55 → diff 0); shift control by −10
    const r = balanceTable({ covariates: [{ name: "x", kind: "numeric", values: [50, 60, 60, 30] }], treatment: [1, 1, 0, 0] });
    // diff = 55 − 45 = 10; var₁ = 50, var₀ = 450 → pooled SD √250
    expect(Math.abs(r.before[0].smd - 10 / Math.sqrt(250))).toBeLessThan(1e-14);
    expect(Math.abs((r.before[0].varianceRatio as number) - 50 / 450)).toBeLessThan(1e-14);
    expect(r.before[0].ks).toBe(0.5);
  });
});
