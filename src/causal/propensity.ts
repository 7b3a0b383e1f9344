/**
 * Propensity scores e(X) = P(A = 1 | X) from a logistic model (R's glm, or Firth's penalised fit), with the
 * guard rails that name the offending covariate before and after the model runs: missing values per
 * covariate, constant columns, aliased (collinear) columns, separation of the treatment.
 */
import { SurvinferError } from "../errors.js";
import { firthLogistic, type FirthResult } from "../regression/firth.js";
import { logisticRegression, type LogisticResult } from "../regression/logistic.js";
import type { SeparationReport } from "../regression/separation.js";

export interface PropensityInput {
  /** 1 = treated, 0 = control. */
  readonly treatment: Int32Array | readonly number[];
  /** Design matrix n × p, column-major (covariates; the intercept is added unless `addIntercept` is false). */
  readonly x: Float64Array;
  readonly columnNames: readonly string[];
  /** Default true. */
  readonly addIntercept?: boolean;
  /** Sampling weights for the PS model (R's glm weights). */
  readonly weights?: Float64Array | readonly number[];
}

export type PropensityMethod = "glm" | "firth" | "auto";

export interface PropensityOptions {
  /**
   * "glm" (default, R's glm(binomial)), "firth" (penalised likelihood; finite under separation), or
   * "auto": glm, refitted by Firth when glm shows separation or sparse cells (a covariate level or
   * threshold that holds patients of one group only, fitted probabilities numerically 0 or 1) or does not converge.
   */
  readonly method?: PropensityMethod;
}

export interface PropensityResult {
  /** The model fitted (with "auto": "firth" when glm showed separation). */
  readonly method: "glm" | "firth";
  /** With "auto" and a switch to Firth: why, in words; else null. */
  readonly firthReason: string | null;
  /** Propensity scores in data-row order. */
  readonly ps: readonly number[];
  /** logit(ps), the usual matching distance. */
  readonly logitPs: readonly number[];
  readonly model: LogisticResult | FirthResult;
  /** glm (and "auto"): separation diagnostics of the glm fit naming the covariate (null for "firth"). */
  readonly separation: SeparationReport | null;
  readonly aliased: readonly string[];
  readonly options: { readonly method: PropensityMethod; readonly addIntercept: boolean };
  readonly warnings: readonly string[];
}

/**
 * Why glm's propensity model should give way to Firth's, or null: separation or a sparse cell (a column
 * whose values put every patient on one side of a threshold in one group; for a dummy, a level with patients of
 * one group only), fitted probabilities numerically 0 or 1 (coefficients diverging), or no convergence.
 */
export function firthReasonOf(fit: LogisticResult): string | null {
  const sep = fit.separation;
  if (sep.covariates.length > 0) {
    const names = sep.covariates.map((c) => `"${c.name}" (${c.kind})`).join(", ");
    return `separation or a sparse cell in the propensity model: ${names} predict(s) the treatment exactly`;
  }
  if (sep.fittedZeroOne > 0) return `propensity scores numerically 0 or 1 for ${sep.fittedZeroOne} patient(s) (coefficients diverging${sep.suspects.length > 0 ? `; largest: ${sep.suspects.map((s) => `"${s}"`).join(", ")}` : ""})`;
  if (!fit.convergence.converged) return `the glm propensity model did not converge in ${fit.convergence.iterations} iterations`;
  return null;
}

/**
 * Fits the propensity model logit e(X) = Xβ and returns e and logit e.
 *
 * R equivalent: `fitted(glm(treat ~ X, family = binomial))` (as `MatchIt::matchit(distance = "glm")` and
 * `WeightIt::weightit(method = "glm")`), or `logistf::logistf(treat ~ X)` for `method: "firth"`.
 * Pre-flight: rows with a missing covariate are an error listing every covariate's missing count and rows
 * (DATA_MISSING_COVARIATE); a constant covariate is an error (DATA_CONSTANT_COVARIATE); aliased columns and
 * separation are warnings naming the columns.
 *
 * @example
 * ```ts
 * const fit = propensityScore({ treatment: [0, 1, 0, 1, 1, 0], x: Float64Array.from([50, 62, 45, 70, 58, 66]), columnNames: ["age"] });
 * fit.ps; // fitted probabilities of treatment
 * ```
 */
export function propensityScore(input: PropensityInput, options: PropensityOptions = {}): Readonly<PropensityResult> {
  const requested = options.method ?? "glm";
  if (requested !== "glm" && requested !== "firth" && requested !== "auto") throw new SurvinferError({ code: "OPTION_INVALID", message: `option method must be "glm", "firth" or "auto"; got ${JSON.stringify(requested)}` });
  const addIntercept = input.addIntercept ?? true;
  const n = input.treatment.length;
  const p = input.columnNames.length;
  if (input.x.length !== n * p) throw new SurvinferError({ code: "DATA_DIMENSION", message: `design matrix has ${input.x.length} values; expected n × p = ${n} × ${p}` });
  let n1 = 0;
  for (let i = 0; i < n; i++) {
    const a = input.treatment[i];
    if (a !== 0 && a !== 1) throw new SurvinferError({ code: "DATA_INVALID_TREATMENT", message: "treatment must be coded 1 (treated) or 0 (control) and not missing", row: i + 1, value: String(a) });
    n1 += a;
  }
  if (n1 === 0 || n1 === n) throw new SurvinferError({ code: "DATA_EMPTY_GROUP", message: `every unit is ${n1 === 0 ? "a control" : "treated"}: a propensity score needs both groups` });
  // pre-flight: missing values per covariate, then constant covariates
  const missing: string[] = [];
  for (let j = 0; j < p; j++) {
    const rows: number[] = [];
    for (let i = 0; i < n; i++) if (!Number.isFinite(input.x[j * n + i])) rows.push(i + 1);
    if (rows.length > 0) missing.push(`"${input.columnNames[j]}": ${rows.length} (rows ${rows.slice(0, 10).join(", ")}${rows.length > 10 ? ", …" : ""})`);
  }
  if (missing.length > 0) {
    throw new SurvinferError({ code: "DATA_MISSING_COVARIATE", message: `missing covariate values — ${missing.join("; ")}`, hint: "exclude these patients explicitly or impute the values before fitting the propensity model" });
  }
  for (let j = 0; j < p; j++) {
    const first = input.x[j * n];
    let constant = true;
    for (let i = 1; i < n && constant; i++) if (input.x[j * n + i] !== first) constant = false;
    if (constant && !(first === 1 && !addIntercept)) {
      throw new SurvinferError({ code: "DATA_CONSTANT_COVARIATE", message: `covariate "${input.columnNames[j]}" is constant (${first}) and cannot enter the propensity model`, column: input.columnNames[j], hint: "remove it from the covariates" });
    }
  }
  const y = Int32Array.from(input.treatment as ArrayLike<number>);
  const warnings: string[] = [];
  let model: LogisticResult | FirthResult;
  let separation: SeparationReport | null = null;
  let aliased: readonly string[] = [];
  let firthReason: string | null = null;
  if (requested !== "firth") {
    const fit = logisticRegression({ y, x: input.x, columnNames: input.columnNames, addIntercept, weights: input.weights });
    model = fit;
    separation = fit.separation;
    aliased = fit.aliased;
    if (requested === "auto") firthReason = firthReasonOf(fit);
    // with the switch, glm's own advice ("consider Firth") is replaced by the sentence saying it was done
    if (firthReason === null) warnings.push(...fit.warnings);
  }
  if (requested === "firth" || firthReason !== null) {
    // aliased columns (glm's rank check) leave the Firth fit as they leave glm's
    const keep = input.columnNames.map((_, j) => j).filter((j) => !aliased.includes(input.columnNames[j]));
    const x = keep.length === p ? input.x : new Float64Array(n * keep.length);
    if (keep.length !== p) keep.forEach((j, k) => x.set(input.x.subarray(j * n, (j + 1) * n), k * n));
    const fit = firthLogistic({ y, x, columnNames: keep.map((j) => input.columnNames[j]), addIntercept, weights: input.weights }, { profile: false });
    model = fit;
    if (firthReason !== null) warnings.push(`${firthReason}: the propensity model was refitted by Firth's penalised logistic regression (Heinze & Schemper 2002; R: logistf), whose scores are used`);
    if (aliased.length > 0) warnings.push(`aliased (collinear) column(s) left out of the Firth fit: ${aliased.join(", ")}`);
    warnings.push(...fit.warnings);
  }
  const method = model!.method === "firth-penalised-logistic" ? "firth" : "glm";
  const ps = model!.fittedValues;
  const logitPs = model!.linearPredictors;
  return Object.freeze({ method, firthReason, ps, logitPs, model: model!, separation, aliased, options: { method: requested, addIntercept }, warnings });
}
