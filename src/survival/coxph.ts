/**
 * `coxph(table, formula, options)`: the formula-level front door of the Cox model, as R's
 * survival::coxph(formula, data). Builds the model frame and design matrix with R's treatment
 * contrasts (src/formula/model-matrix.ts: rows with a missing value dropped and counted per column),
 * fits with the matrix-level engine (src/survival/cox/fit.ts) and, on request, tests proportional
 * hazards per model term and globally (cox.zph(fit, terms = TRUE)).
 *
 * @example
 * const { fit } = coxph(table, "Surv(time, status) ~ age + factor(ph.ecog) + strata(sex)");
 * fit.terms.map((t) => [t.name, t.hr, t.lower, t.upper, t.p]);
 */
import { SurvinferError } from "../errors.js";
import type { Table } from "../data/table.js";
import { findColumn } from "../data/table.js";
import { modelMatrix, type DroppedCount, type ModelMatrix, type ModelTerm } from "../formula/model-matrix.js";
import { coxphPenalized, psplineSpecs } from "./cox/pspline-fit.js";
import { coxFit } from "./cox/fit.js";
import type { CoxControl, CoxInput, CoxResult } from "./cox/types.js";
import { coxZph, type CoxZphResult, type ZphTransform } from "./cox/zph.js";
import { coxFirth, type CoxFirthResult } from "./cox-firth.js";
import { parseFormula } from "../formula/parse.js";
import { ttCall } from "../formula/tt.js";
import { expandRiskSets, type TtColumn } from "./cox/time-transform.js";

/** n·p³ from which a Firth fit reports progress (a few seconds on a laptop). */
export const FIRTH_PROGRESS_WORK = 5e6;

export interface CoxphOptions extends CoxControl {
  /** Reference level per categorical column (as relevel). */
  readonly reference?: Readonly<Record<string, string>>;
  /** Name of a numeric column of case weights. */
  readonly weights?: string;
  /** Test proportional hazards (cox.zph) with this transform; default none. */
  readonly zph?: ZphTransform | false;
  /**
   * Firth's penalised likelihood (coxphf): "always", "never" (default), or "auto" = also fit it when a
   * coefficient of the ordinary fit diverges (monotone likelihood). Breslow ties, as coxphf.
   */
  readonly firth?: "always" | "never" | "auto";
  /**
   * Progress of a Firth fit (estimate, then each profile limit and test), called only when the fit is
   * long: n·p³ ≥ FIRTH_PROGRESS_WORK (e.g. 5,000 patients with 10 or more coefficients).
   */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface CoxphResult {
  readonly formula: string;
  readonly fit: CoxResult;
  /** Model terms with the columns (coefficients) each owns, e.g. factor(grade) → grade2, grade3. */
  readonly terms: readonly ModelTerm[];
  readonly nDropped: number;
  readonly dropped: readonly DroppedCount[];
  readonly zph?: CoxZphResult;
  /** Firth-penalised fit (coxphf) when requested or, with firth "auto", when a coefficient diverged. */
  readonly firth?: CoxFirthResult;
  readonly warnings: readonly string[];
}

/** The engine input of a formula over a table (exported for diagnostics and prediction). */
export function coxInputFromFormula(
  table: Table,
  formula: string,
  options: CoxphOptions = {},
  /** Accept tt() terms (only coxph, which expands the risk sets; other users would take tt(x) as x). */
  timeTransform = false,
  /** Accept pspline() terms (only coxph, which penalises them; other users would fit the basis unpenalised). */
  penalized = false,
): { input: CoxInput; terms: readonly ModelTerm[]; nDropped: number; dropped: readonly DroppedCount[]; warnings: readonly string[]; bases: ModelMatrix["bases"]; splineX: ModelMatrix["splineX"] } {
  const mm = modelMatrix(table, formula, { reference: options.reference, dropIntercept: true, timeTransform, penalized });
  const response = mm.response;
  if (response === undefined || response.kind !== "Surv") {
    throw new SurvinferError({ code: "FORMULA_INVALID", message: "a Cox model needs a Surv(time, status) response", value: formula, hint: 'write it as "Surv(time, status) ~ covariates"' });
  }
  let weights: Float64Array | undefined;
  const warnings = [...mm.warnings];
  if (options.weights !== undefined) {
    const col = findColumn(table, options.weights);
    if (col === undefined || col.kind !== "numeric") {
      throw new SurvinferError({ code: "DATA_MISSING_COLUMN", file: table.source.file, message: `no numeric weights column ${JSON.stringify(options.weights)}` });
    }
    weights = Float64Array.from(mm.rows, (i) => col.values[i]);
    for (let k = 0; k < weights.length; k++) {
      if (!(weights[k] > 0) || !Number.isFinite(weights[k])) {
        throw new SurvinferError({ code: "DATA_BAD_WEIGHT", file: table.source.file, row: mm.rowNumbers[k], column: options.weights, value: String(weights[k]), message: "case weights must be positive and finite", hint: "drop the row or fix its weight" });
      }
    }
  }
  let nEvents = 0;
  for (let k = 0; k < response.status.length; k++) nEvents += response.status[k];
  if (nEvents === 0) {
    throw new SurvinferError({ code: "COX_NO_EVENTS", file: table.source.file, message: `no events among the ${mm.nRows} rows of the model`, hint: "a Cox model needs at least one event" });
  }
  const input: CoxInput = {
    time: response.time,
    status: Int32Array.from(response.status),
    entry: response.start,
    x: mm.x,
    p: mm.nCols,
    columnNames: mm.columnNames,
    strata: mm.strata?.codes,
    weights,
    offset: mm.offset,
    cluster: mm.cluster?.codes,
  };
  return { input, terms: mm.terms, nDropped: mm.nDropped, dropped: mm.dropped, warnings, bases: mm.bases, splineX: mm.splineX };
}

/**
 * The tt() columns of a formula (src/survival/cox/time-transform.ts): term by term, g(t) per column; empty
 * without tt(). A tt() term inside an interaction is refused.
 */
export function ttColumnsOf(formula: string, terms: readonly ModelTerm[]): TtColumn[] {
  const f = parseFormula(formula);
  const out: TtColumn[] = [];
  for (const t of terms) {
    const vars = t.variables.map((l) => f.variables.find((v) => v.label === l));
    const tt = vars.filter((v) => v?.expr.kind === "call" && v.expr.fn === "tt");
    if (tt.length === 0) continue;
    if (vars.length > 1) {
      throw new SurvinferError({ code: "FORMULA_UNSUPPORTED", message: `tt() cannot be part of an interaction (${t.label})`, value: formula, hint: "add the tt() term on its own, e.g. ... + x + tt(x)" });
    }
    const expr = tt[0]?.expr;
    if (expr?.kind !== "call") continue;
    const spec = ttCall(expr, formula);
    if ("cut" in spec) {
      const b = [0, ...spec.cut, Number.POSITIVE_INFINITY];
      t.columns.forEach((column, k) => out.push({ column, lower: b[k], upper: b[k + 1] }));
    } else for (const column of t.columns) out.push({ column, fn: spec.fn });
  }
  return out;
}

/** The ordinary fit's advice on a diverging coefficient (src/survival/cox/fit.ts), dropped once Firth's fit is done. */
const FIRTH_ADVICE = "; consider Firth's penalised likelihood (R: coxphf)";

/** The note of a model refitted by Firth's penalised likelihood because a coefficient diverged: what was done and where its estimates are. */
export const FIRTH_FITTED_NOTE = "Firth's penalised likelihood (coxphf) was fitted because a coefficient diverged: use its estimates (the result's firth part; in the report's Cox table, the rows marked †), not the diverging ones";

export function coxph(table: Table, formula: string, options: CoxphOptions = {}): CoxphResult {
  const { input, terms, nDropped, dropped, warnings, bases, splineX } = coxInputFromFormula(table, formula, options, true, true);
  const tt = ttColumnsOf(formula, terms);
  const penalties = psplineSpecs(terms, bases);
  if (penalties.length > 0) {
    if (tt.length > 0) throw new SurvinferError({ code: "FORMULA_UNSUPPORTED", message: "pspline() and tt() terms cannot be combined in one model", value: formula, hint: "use rcs(x, 4) or ns(x, df = 3) with tt()" });
    return coxphPenalized(input, penalties, { formula, terms, nDropped, dropped, warnings }, options, bases, splineX);
  }
  if (tt.length > 0) return coxphTt(input, tt, { formula, terms, nDropped, dropped, warnings }, options);
  const fit = coxFit(input, options);
  let zph: CoxZphResult | undefined;
  if (options.zph) {
    const groups = terms.map((t) => ({ name: t.label, columns: [...t.columns] }));
    zph = coxZph(input, fit, options.zph, groups);
  }
  const diverged = fit.warnings.some((w) => w.includes("may be infinite"));
  const wantFirth = options.firth === "always" || (options.firth === "auto" && diverged);
  let firth: CoxFirthResult | undefined;
  if (wantFirth) {
    if (input.weights !== undefined || input.cluster !== undefined) {
      throw new SurvinferError({ code: "OPTION_CONFLICT", message: "Firth's penalised Cox model does not take case weights or clusters (as coxphf)", hint: "drop --weights/cluster() or the Firth option" });
    }
    // progress only for fits long enough to be waited for: work grows as n·p² per iteration and 1 + 3p fits with profile limits
    const long = input.time.length * input.p ** 3 >= FIRTH_PROGRESS_WORK;
    firth = coxFirth(input, { confLevel: options.confLevel, onProgress: long ? options.onProgress : undefined });
  }
  // with Firth's fit done, the ordinary fit's advice to do it ("consider Firth's …") is dropped and the note says it was
  // done and where its estimates are (as the propensity model's switch to Firth does, src/causal/propensity.ts)
  const firthDone = firth !== undefined && diverged;
  const fitWarnings = firthDone ? fit.warnings.map((w) => w.replace(FIRTH_ADVICE, "")) : fit.warnings;
  const notes = firthDone ? [FIRTH_FITTED_NOTE] : [];
  return { formula, fit: firthDone ? { ...fit, warnings: fitWarnings } : fit, terms, nDropped, dropped, zph, firth, warnings: [...warnings, ...fitWarnings, ...(zph?.warnings ?? []), ...(firth?.warnings ?? []), ...notes] };
}

/**
 * A Cox model with tt() terms: fitted on the risk-set expansion, as survival::coxph(formula, tt = function(x, t, ...) x * g(t)).
 * n and the number of events are the patients'; concordance and linear predictors are those of the
 * expanded rows, as coxph reports them. No PH test (cox.zph refuses tt models) and no Firth fit.
 */
function coxphTt(input: CoxInput, tt: readonly TtColumn[], base: Omit<CoxphResult, "fit" | "zph" | "firth">, options: CoxphOptions): CoxphResult {
  if (options.zph) throw new SurvinferError({ code: "OPTION_CONFLICT", message: "the proportional-hazards test (cox.zph) is not defined for a model with tt() terms", value: base.formula, hint: "drop --zph, or test the covariate without tt()" });
  if (options.firth === "always") throw new SurvinferError({ code: "OPTION_CONFLICT", message: "Firth's penalised Cox model is not available with tt() terms", value: base.formula, hint: "drop the Firth option or the tt() term" });
  if (options.robust === true && input.cluster === undefined) {
    throw new SurvinferError({ code: "OPTION_CONFLICT", message: "a robust variance with tt() terms needs cluster(id): the expanded rows of one patient are not independent", value: base.formula, hint: "add + cluster(id) to the formula" });
  }
  const expanded = expandRiskSets(input, tt, options.timefix ?? true);
  const fit = coxFit(expanded.input, options);
  let nEvent = 0;
  for (let i = 0; i < input.status.length; i++) nEvent += input.status[i] === 1 ? 1 : 0;
  return { ...base, fit: { ...fit, n: input.time.length, nEvent }, warnings: [...base.warnings, ...fit.warnings] };
}
