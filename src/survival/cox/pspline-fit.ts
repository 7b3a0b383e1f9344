/**
 * A Cox formula with pspline() terms: the penalties of its spline bases (src/formula/pspline.ts) fitted by
 * the penalised Cox fitter (penalized.ts), as R's coxph with pspline (coxpenal.fit), and the hazard-ratio
 * curve of one term against a reference value (log HR(x) = (B(x) − B(r))ᵀβ, variance dᵀ V d with V = fit$var).
 */
import { SurvinferError } from "../../errors.js";
import type { ModelMatrix, ModelTerm } from "../../formula/model-matrix.js";
import { psplinePenaltyMatrix } from "../../formula/pspline.js";
import { splineColumns, type SplineBasis } from "../../formula/splines.js";
import { normalQuantile } from "../../math/distributions.js";
import type { CoxphOptions, CoxphResult } from "../coxph.js";
import { coxPenalizedFit, type CoxPenaltySpec } from "./penalized.js";
import type { CoxInput, CoxResult, PenalizedHrCurve } from "./types.js";
import { quantile7 } from "../../formula/splines.js";

/** The penalty of every pspline() term of a model (empty when there is none). */
export function psplineSpecs(terms: readonly ModelTerm[], bases: ModelMatrix["bases"]): CoxPenaltySpec[] {
  const out: CoxPenaltySpec[] = [];
  for (const t of terms) {
    const ps = t.variables.map((v) => bases[v]).filter((b): b is SplineBasis => b?.kind === "pspline");
    if (ps.length === 0) continue;
    const info = ps[0].pspline;
    if (info === undefined) continue;
    out.push({ label: t.label, columns: [...t.columns], pmat: psplinePenaltyMatrix(t.columns.length), smoothing: info.smoothing, nterm: info.nterm, centres: info.centres });
  }
  return out;
}

/**
 * coxph() for a model with pspline() terms (no tt(), zph, Firth, robust variance or counting-process data);
 * each pspline term gets its HR curve against the median of x on 61 points over the range of x in the model's rows.
 */
export function coxphPenalized(input: CoxInput, penalties: readonly CoxPenaltySpec[], base: Omit<CoxphResult, "fit" | "zph" | "firth">, options: CoxphOptions, bases: ModelMatrix["bases"], splineX: ModelMatrix["splineX"]): CoxphResult {
  if (options.zph) throw new SurvinferError({ code: "OPTION_CONFLICT", message: "the proportional-hazards test (cox.zph) is not available for a model with pspline() terms here", value: base.formula, hint: "drop --zph, or test the model with rcs(x, 4) instead of pspline()" });
  if (options.firth === "always") throw new SurvinferError({ code: "OPTION_CONFLICT", message: "Firth's penalised Cox model is not available with pspline() terms", value: base.formula, hint: "drop the Firth option or the pspline() term" });
  const fit = coxPenalizedFit(
    input,
    penalties,
    base.terms.map((t) => ({ label: t.label, columns: t.columns })),
    options,
  );
  const pen = fit.penalized;
  if (pen === undefined) return { ...base, fit, warnings: [...base.warnings, ...fit.warnings] };
  const terms = pen.terms.map((t) => {
    const variable = base.terms.find((m) => m.label === t.label)?.variables[0];
    const basis = variable === undefined ? undefined : bases[variable];
    const x = variable === undefined ? undefined : splineX[variable];
    if (basis === undefined || x === undefined || x.length === 0) return t;
    const xs = Float64Array.from(x).sort();
    const lo = xs[0];
    const hi = xs[xs.length - 1];
    // seq(lo, hi, length.out = 61) and the median, as the linearity check's rcs curves
    const by = (hi - lo) / 60;
    const grid = Array.from({ length: 61 }, (_, i) => (i === 60 ? hi : lo + i * by));
    return { ...t, curve: psplineHrCurve(fit, basis, t.columns, grid, quantile7(xs, 0.5)) };
  });
  const withCurves: CoxResult = { ...fit, penalized: { ...pen, terms } };
  return { ...base, fit: withCurves, warnings: [...base.warnings, ...fit.warnings] };
}

export type PsplineHrCurve = PenalizedHrCurve;

/**
 * Hazard ratio of a pspline() term against `reference`: log HR(x) = (B(x) − B(r))ᵀβ, se² = dᵀVd with d =
 * B(x) − B(r) and V the term's block of fit$var (H⁻¹), pointwise CI exp(log HR ± z se). Values outside the
 * training range use pspline's linear extrapolation. R: `d <- predict(B, x) - predict(B, r)` with B the
 * term's basis in the model frame, `d %*% coef(fit)[cols]`, `sqrt(diag(d %*% fit$var[cols, cols] %*% t(d)))`.
 */
export function psplineHrCurve(fit: CoxResult, basis: SplineBasis, columns: readonly number[], x: readonly number[], reference: number, confLevel = fit.options.confLevel): PsplineHrCurve {
  const bx = splineColumns(basis, Float64Array.from(x));
  const br = splineColumns(basis, Float64Array.of(reference));
  const m = columns.length;
  const z = normalQuantile(1 - (1 - confLevel) / 2);
  const logHr: number[] = [];
  const se: number[] = [];
  for (let i = 0; i < x.length; i++) {
    const d = Array.from({ length: m }, (_, j) => bx[j][i] - br[j][0]);
    let eta = 0;
    let v = 0;
    for (let a = 0; a < m; a++) {
      eta += d[a] * (fit.coef[columns[a]] ?? 0);
      for (let b = 0; b < m; b++) v += d[a] * fit.var[columns[a]][columns[b]] * d[b];
    }
    logHr.push(eta);
    se.push(Math.sqrt(Math.max(v, 0)));
  }
  return {
    x: [...x],
    reference,
    logHr,
    se,
    hr: logHr.map(Math.exp),
    lower: logHr.map((l, i) => Math.exp(l - z * se[i])),
    upper: logHr.map((l, i) => Math.exp(l + z * se[i])),
  };
}
