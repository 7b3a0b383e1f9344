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

export interface PropensityOptions {
  /** "glm" (default, R's glm(binomial)) or "firth" (penalised likelihood; finite under separation). */
  readonly method?: "glm" | "firth";
}

export interface PropensityResult {
  readonly method: "glm" | "firth";
  /** Propensity scores in data-row order. */
  readonly ps: readonly number[];
  /** logit(ps), the usual matching distance. */
  readonly logitPs: readonly number[];
  readonly model: LogisticResult | FirthResult;
  /** glm only: separation diagnostics naming the covariate (null for Firth). */
  readonly separation: SeparationReport | null;
  readonly aliased: readonly string[];
  readonly options: { readonly method: "glm" | "firth"; readonly addIntercept: boolean };
  readonly warnings: readonly string[];
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
  const method = options.method ?? "glm";
  if (method !== "glm" && method !== "firth") throw new SurvinferError({ code: "OPTION_INVALID", message: `option method must be "glm" or "firth"; got ${JSON.stringify(method)}` });
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
  if (method === "glm") {
    const fit = logisticRegression({ y, x: input.x, columnNames: input.columnNames, addIntercept, weights: input.weights });
    model = fit;
    separation = fit.separation;
    aliased = fit.aliased;
    warnings.push(...fit.warnings);
  } else {
    const fit = firthLogistic({ y, x: input.x, columnNames: input.columnNames, addIntercept, weights: input.weights }, { profile: false });
    model = fit;
    warnings.push(...fit.warnings);
  }
  const ps = model.fittedValues;
  const logitPs = model.linearPredictors;
  return Object.freeze({ method, ps, logitPs, model, separation, aliased, options: { method, addIntercept }, warnings });
}
