// Golden tests: Rubin's rules as mice 3.15.0's pool() / summary(conf.int = TRUE) and pool.scalar(), on
// completed datasets that R imputed (tools/oracle/mice.R -> test/fixtures/mi/pool-*.json).
import { describe, expect, it } from "vitest";
import { barnardRubinDf, poolRubin, poolScalar } from "../../src/mi/pool.js";
import { poolCox, poolLogistic } from "../../src/mi/pool-models.js";
import { coxFit } from "../../src/survival/cox/fit.js";
import { logisticRegression } from "../../src/regression/logistic.js";
import { SurvinferError } from "../../src/errors.js";
import { expectClose } from "../helpers/expect-close.js";
import { loadMi } from "./load.js";

interface Pooled {
  perImputation: { estimate: number[]; se: number[] }[];
  term: string[]; estimate: number[]; ubar: number[]; b: number[]; t: number[]; dfcom: number[]; df: number[];
  riv: number[]; lambda: number[]; fmi: number[]; stdError: number[]; statistic: number[]; p: number[]; lower: number[]; upper: number[];
}
type Completed = Record<"time" | "status" | "trt" | "age_primary" | "primary_size_mm" | "n_lung_mets" | "grade", number[]>;
const COVS = ["trt", "age_primary", "primary_size_mm", "n_lung_mets", "grade"] as const;

function compare(actual: ReturnType<typeof poolRubin>, e: Pooled, rel: number): void {
  expect(actual.terms.map((t) => t.term)).toEqual(e.term);
  const fields = ["estimate", "ubar", "b", "t", "dfcom", "df", "riv", "lambda", "fmi", "stdError", "statistic", "p", "lower", "upper"] as const;
  for (const f of fields) expectClose(actual.terms.map((t) => t[f]), e[f], { rel }, f);
}

describe("poolRubin equals mice::pool", () => {
  const cox = loadMi<{ m: number; completed: Completed[]; nevent: number }, Pooled>("pool-cox-example");

  it("pools R's per-imputation Cox estimates and SEs exactly as pool() (1e-10)", () => {
    const e = cox.expected;
    const out = poolRubin(e.term, e.perImputation.map((p) => p.estimate), e.perImputation.map((p) => p.se.map((s) => s * s)), cox.input.nevent - 5);
    compare(out, e, 1e-10);
  });

  it("fits Cox on each completed dataset (survinfer's coxph) and pools: equals R end to end (1e-6, Cox iterates)", () => {
    const fits = cox.input.completed.map((c) => {
      const n = c.time.length;
      const x = new Float64Array(n * COVS.length);
      COVS.forEach((v, j) => c[v].forEach((val, i) => (x[j * n + i] = val)));
      return coxFit({ time: Float64Array.from(c.time), status: Int32Array.from(c.status), x, p: COVS.length, columnNames: [...COVS] });
    });
    compare(poolCox(fits), cox.expected, 1e-6);
  });

  it("pools logistic fits (dfcom = df.residual) as pool() on glm", () => {
    const lg = loadMi<{ m: number }, Pooled>("pool-logistic-example");
    const fits = cox.input.completed.map((c) => {
      const n = c.time.length;
      const names = ["age_primary", "primary_size_mm", "n_lung_mets", "grade"] as const;
      const x = new Float64Array(n * names.length);
      names.forEach((v, j) => c[v].forEach((val, i) => (x[j * n + i] = val)));
      return logisticRegression({ y: Int32Array.from(c.trt), x, columnNames: [...names], addIntercept: true });
    });
    compare(poolLogistic(fits), lg.expected, 1e-8);
  });

  it("refuses fewer than two imputations and non-finite estimates with a typed error", () => {
    expect(() => poolRubin(["a"], [[1]], [[0.1]], Infinity)).toThrow(SurvinferError);
    expect(() => poolRubin(["a"], [[1], [Number.NaN]], [[0.1], [0.1]], Infinity)).toThrow(/not usable/);
  });
});

interface ScalarIn { Q: number[]; U: number[]; n: number | "Inf"; k: number }
interface ScalarOut { qbar: number; ubar: number; b: number; t: number; df: number; r: number; fmi: number }

describe("poolScalar equals mice::pool.scalar", () => {
  for (const name of ["pool-scalar-survdiff", "pool-scalar-rmst-infinite", "pool-scalar-no-between"]) {
    it(`${name}`, () => {
      const f = loadMi<ScalarIn, ScalarOut>(name);
      const out = poolScalar(f.input.Q, f.input.U, f.input.n === "Inf" ? Infinity : f.input.n, f.input.k);
      for (const k of ["qbar", "ubar", "b", "t", "df", "r", "fmi"] as const) expectClose(out[k], f.expected[k], { rel: 1e-10, abs: 1e-15 }, k);
    });
  }

  it("Barnard–Rubin df tends to (m − 1)/λ² as dfcom grows and never exceeds dfcom", () => {
    const big = barnardRubinDf(10, 0.2, 1.2, 1e12);
    // tolerance: 1e-6, the limit is approached at rate ν_old/ν_com ≈ 1e-10 plus rounding of ν_com terms
    expectClose(big, 9 / Math.pow((1.1 * 0.2) / 1.2, 2), { rel: 1e-6 });
    expect(barnardRubinDf(10, 0.2, 1.2, 30)).toBeLessThan(30);
  });
});
