// Golden tests of the PS "within" approach (Leyrat 2019): on completed datasets that mice imputed in R
// (tools/oracle/mi-within.R -> test/fixtures/mi/within-*.json), survinfer fits the PS model, the IPTW Cox
// model with robust SE and the g-formula survival difference on each, and pools them with Rubin's rules;
// the pooled numbers equal mice::pool(as.mira(coxph fits)) and mice::pool.scalar.
import { describe, expect, it } from "vitest";
import type { Column, Table } from "../../src/data/table.js";
import { treatmentEffects } from "../../src/causal/effect.js";
import { survivalContrasts } from "../../src/causal/survival-contrasts/index.js";
import { contrastsInputFromTable } from "../../src/causal/survival-contrasts/table-input.js";
import { poolHazardRatios, poolScalarEstimate } from "../../src/mi/within.js";
import { poolScalar } from "../../src/mi/pool.js";
import { expectClose } from "../helpers/expect-close.js";
import { loadMi } from "./load.js";

interface Completed { time: number[]; status: number[]; treat: number[]; x1: number[]; x2: number[]; x3: string[] }
interface Input { n: number; m: number; estimand: "ATE"; stabilize: boolean; times: number[] | number; completed: Completed[] }
interface Expected {
  perImputation: { coef: number; robustSe: number; survDiff: number[] | number; survDiffSe: number[] | number }[];
  survivalDifference: { time: number; qbar: number; ubar: number; b: number; t: number; df: number; r: number; fmi: number }[];
  term: string; estimate: number; ubar: number; b: number; t: number; dfcom: number; df: number; riv: number; lambda: number; fmi: number;
  stdError: number; statistic: number; p: number; lower: number; upper: number;
}
const arr = (v: number[] | number): number[] => (Array.isArray(v) ? v : [v]);

function table(c: Completed): Table {
  const n = c.time.length;
  const levels = [...new Set(c.x3)].sort();
  const columns: Column[] = [
    { kind: "numeric", name: "x1", values: Float64Array.from(c.x1) },
    { kind: "numeric", name: "x2", values: Float64Array.from(c.x2) },
    { kind: "categorical", name: "x3", levels, codes: Int32Array.from(c.x3, (v) => levels.indexOf(v)) },
  ];
  return { nRows: n, columns, source: { file: "within.csv" }, rowNumbers: Int32Array.from({ length: n }, (_, i) => i + 2) };
}

for (const name of ["within-ate-n200", "within-ate-stabilised-n120"]) {
  describe(`the within approach on ${name} equals mice::pool`, () => {
    const fx = loadMi<Input, Expected>(name);
    const { input, expected: e } = fx;
    const per = input.completed.map((c) => {
      const t = table(c);
      const base = { table: t, time: Float64Array.from(c.time), status: Int32Array.from(c.status), treatment: Int32Array.from(c.treat), covariates: ["x1", "x2", "x3"] };
      const eff = treatmentEffects(base, { crude: false, multivariable: false, matching: false, weighting: { estimand: input.estimand, stabilize: input.stabilize } });
      const sc = survivalContrasts(contrastsInputFromTable(base, ["0", "1"]).input, { times: arr(input.times), estimators: ["gformula"] });
      return { eff, sc };
    });

    it("fits the IPTW Cox model with robust SE on each completed dataset as coxph (1e-6, Cox iterates)", () => {
      per.forEach((p, k) => {
        const w = p.eff.estimates.find((x) => x.id === "weighted")!;
        // tolerance: 1e-6, coxph's Newton–Raphson stops at eps = 1e-9 on the log-likelihood (observed ~1e-10)
        expectClose(w.coef!, e.perImputation[k].coef, { rel: 1e-6 }, `log HR, imputation ${k + 1}`);
        // tolerance: 1e-6, the robust SE is evaluated at the iterated coefficient
        expectClose(w.se!, e.perImputation[k].robustSe, { rel: 1e-6 }, `robust SE, imputation ${k + 1}`);
      });
    });

    it("pools the IPTW log HRs as pool(as.mira(fits)): R's per-imputation numbers to 1e-10, survinfer's fits to 1e-6", () => {
      const fromR = poolHazardRatios(
        e.perImputation.map((p) => [{ id: "weighted", label: "IPTW", coef: p.coef, se: p.robustSe, n: input.n, nEvents: e.dfcom + 1, notEstimable: null }]),
        () => 1,
      )[0];
      const fields = ["estimate", "ubar", "b", "t", "dfcom", "df", "riv", "lambda", "fmi", "statistic", "p", "lower", "upper"] as const;
      for (const f of fields) expectClose(fromR.pooled![f], e[f], { rel: 1e-10 }, f);
      expectClose(fromR.pooled!.stdError, e.stdError, { rel: 1e-10 }, "stdError");
      const ours = poolHazardRatios(per.map((p) => p.eff.estimates), () => 1).find((x) => x.id === "weighted")!;
      expect(ours.pooled?.dfcom).toBe(e.dfcom);
      // tolerance: 1e-6, the per-imputation Cox fits iterate (above)
      for (const f of fields) expectClose(ours.pooled![f], e[f], { rel: 1e-6, abs: 1e-12 }, f);
      expectClose(ours.hr!, Math.exp(e.estimate), { rel: 1e-6 }, "pooled HR"); // tolerance: iterated fits
    });

    it("pools the g-formula survival differences as pool.scalar(Q, U, n, k = 1)", () => {
      arr(input.times).forEach((time, j) => {
        const ours = per.map((p) => p.sc.estimates[0].at[j].difference);
        // tolerance: 1e-6, the outcome Cox model iterates (riskRegression checked to 1e-6 in test/causal)
        expectClose(ours.map((d) => d.estimate), e.perImputation.map((p) => arr(p.survDiff)[j]), { rel: 1e-6 }, `S1 - S0 at ${time}`);
        // tolerance: 1e-6, as above
        expectClose(ours.map((d) => d.se), e.perImputation.map((p) => arr(p.survDiffSe)[j]), { rel: 1e-6 }, `SE at ${time}`);
        const x = e.survivalDifference[j];
        const pooled = poolScalarEstimate(`difference at ${time}`, ours, input.n, "identity");
        // tolerance: 1e-6, iterated fits
        expectClose([pooled.estimate, pooled.pooled.ubar, pooled.pooled.b, pooled.pooled.t, pooled.pooled.df, pooled.pooled.riv, pooled.pooled.fmi], [x.qbar, x.ubar, x.b, x.t, x.df, x.r, x.fmi], { rel: 1e-6 }, `pooled at ${time}`);
        // R's own per-imputation numbers pooled: mice::pool.scalar exactly (1e-10)
        const exact = poolScalarEstimate("d", e.perImputation.map((p) => ({ estimate: arr(p.survDiff)[j], se: arr(p.survDiffSe)[j] })), input.n, "identity");
        const ref = poolScalar(e.perImputation.map((p) => arr(p.survDiff)[j]), e.perImputation.map((p) => arr(p.survDiffSe)[j] ** 2), input.n, 1);
        expectClose([exact.estimate, exact.pooled.ubar, exact.pooled.b, exact.pooled.t, exact.pooled.df, exact.pooled.fmi], [x.qbar, x.ubar, x.b, x.t, x.df, x.fmi], { rel: 1e-10 }, "pool.scalar");
        expectClose(exact.pooled.df, ref.df, { rel: 1e-12 }, "pool.scalar df");
      });
    });
  });
}
