/**
 * Adjusted treatment effects on survival — the front door: from a Table, the time/status of an endpoint
 * and a binary treatment, estimate the hazard ratio of treatment crude, covariate-adjusted, after
 * propensity-score matching (cluster-robust and pair-stratified Cox, log-rank on the matched sample) and
 * after weighting (robust sandwich and M-estimation SE), optionally the covariate-adjusted Cox on the
 * matched/weighted sample (conditional HRs; every estimand and label from effect/estimand.ts), the marginal survival difference at chosen times and the
 * RMST difference between the weighted (and matched) arms, E-values, and bootstrap CIs of the whole
 * pipeline. The pipeline itself is `effect/pipeline.ts`; the bootstrap `bootstrap.ts`.
 */
import { SurvinferError, optionError } from "../errors.js";
import type { Table } from "../data/table.js";
import { findColumn } from "../data/table.js";
import { formatName } from "../formula/expr.js";
import { modelMatrix, type DroppedCount } from "../formula/model-matrix.js";
import { normalQuantile, normalTwoSidedP } from "../math/distributions.js";
import type { CoxTies } from "../survival/cox/types.js";
import { bootstrapEffects, bootstrapEffectsSync, bootstrapFailureText, type BootstrapOptions, type BootstrapResult } from "./bootstrap.js";
import { estimandOf, type EffectEstimand, type HrType, type MatchedTreatedCounts } from "./effect/estimand.js";
import { runEffectPipeline, statisticValues, weightingLabel } from "./effect/pipeline.js";
import { exactStrata } from "./match/exact-strata.js";
import type { CoreEstimate, CoreResult, EffectData, EffectMatchingSpec, EffectSpec, EstimateId, MatchedLogrank, RandomOrderCheck } from "./effect/types.js";
import type { MarginalContrast } from "./effect/marginal.js";
import { eValueHazardRatio } from "./evalue.js";
import type { MEstimand } from "./m-estimation.js";
import { ESTIMANDS } from "./weight.js";

export type { EffectData, EffectSpec, EstimateId } from "./effect/types.js";
export type { EffectEstimand, HrType } from "./effect/estimand.js";
export type { BootstrapOptions, BootstrapResult } from "./bootstrap.js";

export interface TreatmentEffectsInput {
  readonly table: Table;
  /** Follow-up time per table row (NaN = missing). */
  readonly time: Float64Array;
  /** 1 = event, 0 = censored, −1 = missing, per table row. */
  readonly status: Int32Array;
  /** 1 = treated, 0 = control, −1 = missing, per table row. */
  readonly treatment: Int32Array;
  /** Covariates of the PS model and of the multivariable Cox model: column names (or R terms such as `factor(grade)`). */
  readonly covariates: readonly string[];
  /** Patient ids per table row (default: data row numbers 1..n). */
  readonly ids?: readonly string[];
  /** Reference level per categorical covariate. */
  readonly reference?: Readonly<Record<string, string>>;
}

export interface TreatmentEffectsOptions {
  /** Unadjusted Cox HR; default true. */
  readonly crude?: boolean;
  /** Cox HR adjusted for all covariates; default true. */
  readonly multivariable?: boolean;
  /** PS matching (false = none). Defaults are MatchIt's: nearest, 1:1, PS distance, no caliper, largest first. */
  readonly matching?: false | Partial<EffectMatchingSpec>;
  /**
   * PS weighting (false = none). Default ATE, not stabilised, no trimming, no truncation. `trim` q drops
   * patients with PS outside [q, 1 − q] (no re-fit); `truncate` caps the weights at that percentile.
   */
  readonly weighting?: false | { readonly estimand?: MEstimand; readonly stabilize?: boolean; readonly trim?: number | null; readonly truncate?: number | null };
  /** Also the covariate-adjusted Cox on the matched/weighted sample (conditional HRs, not doubly robust); default false. */
  readonly doublyRobust?: boolean;
  /** PS model: "glm" (default) or "firth" (then no M-estimation variance). */
  readonly psModel?: "glm" | "firth";
  /** Times for the survival difference (time units of `time`), e.g. [60] months. Default none. */
  readonly times?: readonly number[];
  /** RMST horizon; default none (no RMST). */
  readonly tau?: number;
  readonly ties?: CoxTies;
  /** Confidence level; default 0.95. */
  readonly confLevel?: number;
  /** E-value: outcome rare (< 15%) at the end of follow-up. Default: events/n < 0.15 in the analysed data. */
  readonly rareOutcome?: boolean;
  /** Bootstrap CIs of the whole pipeline (false/absent = none). */
  readonly bootstrap?: false | BootstrapOptions;
}

/** Bootstrap of one HR: the percentile interval, or "not estimable" when too many replicates failed. */
export interface HazardRatioBootstrap {
  /** Percentile limits of the HR; null when not estimable by bootstrap. */
  readonly lower: number | null;
  readonly upper: number | null;
  /** SD of the finite replicate log HRs; null when not estimable. */
  readonly seLogHr: number | null;
  /** Replicates that failed or diverged for this estimate, of `replicates`. */
  readonly failed: number;
  readonly replicates: number;
  /** False when more than the spec's maxFailedShare of the replicates failed: no interval is given. */
  readonly estimable: boolean;
  /** "not estimable by bootstrap (k of B replicates failed)", or the warning naming k; null when none failed. */
  readonly note: string | null;
}

export interface HazardRatioEffect {
  readonly id: EstimateId;
  /** Row label, derived from the model, the estimand and the HR type, e.g. "PS-matched Cox (ATM, marginal HR)". */
  readonly label: string;
  readonly method: string;
  /** Target population: "none" (crude, multivariable), "ATE", "ATT", "ATC", "ATO" or "ATM" (matched treated). */
  readonly estimand: EffectEstimand;
  /** "unadjusted" (crude), "marginal" (matched or weighted Cox of the treatment alone) or "conditional" (stratified or covariate-adjusted). */
  readonly hrType: HrType;
  /** Matched estimates: treated patients kept by the matching and discarded (0 for ATT); null otherwise. */
  readonly treatedKept: number | null;
  readonly treatedDiscarded: number | null;
  /** The estimand cell of the table, e.g. "ATM: 11 of 40 treated patients kept; marginal HR". */
  readonly estimandLabel: string;
  /** The estimand in words. */
  readonly estimandDescription: string;
  /** How the SE was obtained. */
  readonly variance: string;
  /** log HR and its SE. */
  readonly coef: number | null;
  readonly se: number | null;
  readonly hr: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
  readonly p: number | null;
  readonly n: number;
  readonly nEvents: number;
  readonly adjustedFor: readonly string[];
  readonly rCall: string;
  /** Why the HR is not given (the Cox fit diverged); then coef, se, hr, limits, p and eValue are null. */
  readonly notEstimable: string | null;
  readonly eValue: { readonly point: number; readonly ci: number | null } | null;
  /** Bootstrap percentile interval of the HR (when requested). */
  readonly bootstrap: HazardRatioBootstrap | null;
  readonly warnings: readonly string[];
}

export interface ContrastWithCi {
  readonly estimate: number | null;
  /** Bootstrap percentile limits; null without a bootstrap or when not estimable by bootstrap. */
  readonly lower: number | null;
  readonly upper: number | null;
  /** Bootstrap replicates that failed for this contrast (e.g. an arm emptied before the time); null without a bootstrap. */
  readonly bootstrapFailed: number | null;
  /** "not estimable by bootstrap (k of B replicates failed)", or the warning naming k; null when none failed. */
  readonly bootstrapNote: string | null;
}

export interface MarginalEffects {
  readonly times: readonly number[];
  readonly survTreated: readonly (number | null)[];
  readonly survControl: readonly (number | null)[];
  /** Treated − control at each time, with bootstrap percentile limits when requested. */
  readonly survDifference: readonly ContrastWithCi[];
  readonly tau: number | null;
  readonly rmstTreated: number | null;
  readonly rmstControl: number | null;
  readonly rmstDifference: ContrastWithCi;
}

export interface TreatmentEffectsResult {
  readonly schemaVersion: 1;
  readonly method: "adjusted treatment effects on survival";
  readonly n: number;
  readonly nTreated: number;
  readonly nControl: number;
  readonly nEvents: number;
  readonly dropped: readonly DroppedCount[];
  readonly estimates: readonly HazardRatioEffect[];
  /** The estimate to report first: M-estimation IPTW if weighting, else matched, else multivariable. */
  readonly primary: EstimateId | null;
  readonly matched: {
    readonly n: number;
    readonly nTreated: number;
    readonly nControl: number;
    /** "ATT" when every treated patient was kept, else "ATM" (matched treated). */
    readonly estimand: "ATT" | "ATM";
    readonly treatedDiscarded: number;
    readonly logrank: MatchedLogrank | null;
    readonly survival: MarginalEffects;
    /** Greedy-order check (nearest matching in largest/smallest order): the matched HR in a seeded random order; else null. */
    readonly randomOrder: RandomOrderCheck | null;
  } | null;
  readonly weighted: { readonly survival: MarginalEffects; readonly estimandDescription: string } | null;
  readonly bootstrap: Omit<BootstrapResult, "values"> | null;
  readonly options: EffectSpec & { readonly rareOutcome: boolean };
  readonly warnings: readonly string[];
}

function buildSpec(options: TreatmentEffectsOptions): EffectSpec {
  const confLevel = options.confLevel ?? 0.95;
  if (!(confLevel > 0 && confLevel < 1)) throw optionError("confLevel", "a number in (0, 1)", confLevel);
  const ties = options.ties ?? "efron";
  if (ties !== "efron" && ties !== "breslow") throw optionError("ties", '"efron" or "breslow"', ties);
  const psModel = options.psModel ?? "glm";
  if (psModel !== "glm" && psModel !== "firth") throw optionError("psModel", '"glm" or "firth"', psModel);
  let matching: EffectMatchingSpec | null = null;
  if (options.matching !== false) {
    const m = options.matching ?? {};
    const exact: unknown = m.exact ?? [];
    if (!Array.isArray(exact) || exact.some((e) => typeof e !== "string" || e === "")) throw optionError("matching.exact", "an array of column names", m.exact);
    matching = {
      method: m.method ?? "nearest",
      distance: m.distance ?? "ps",
      ratio: m.ratio ?? 1,
      replace: m.replace ?? false,
      caliper: m.caliper ?? null,
      stdCaliper: m.stdCaliper ?? true,
      order: m.order ?? "largest",
      seed: m.seed ?? 1,
      exact: [...(exact as string[])],
    };
    if (matching.method !== "nearest" && matching.replace) {
      throw new SurvinferError({ code: "OPTION_CONFLICT", message: `${matching.method} matching is without replacement`, hint: "use nearest-neighbour matching for replacement" });
    }
    if (m.method === "full") matching = { ...matching, minControls: m.minControls, maxControls: m.maxControls, estimand: m.estimand };
  }
  let weighting: EffectSpec["weighting"] = null;
  if (options.weighting !== false) {
    const w = options.weighting ?? {};
    const estimand = w.estimand ?? "ATE";
    if (!["ATE", "ATT", "ATC", "ATO"].includes(estimand)) throw optionError("weighting.estimand", '"ATE", "ATT", "ATC" or "ATO"', estimand);
    const stabilize = w.stabilize ?? false;
    if (stabilize && estimand === "ATO") {
      throw new SurvinferError({ code: "OPTION_CONFLICT", message: "options stabilize and estimand = \"ATO\" conflict: overlap weights are bounded and are not stabilised" });
    }
    const trim = w.trim ?? null;
    if (trim !== null && !(typeof trim === "number" && trim > 0 && trim < 0.5)) throw optionError("weighting.trim", "a number in (0, 0.5), e.g. 0.05 for [0.05, 0.95]", trim);
    const truncate = w.truncate ?? null;
    if (truncate !== null && !(typeof truncate === "number" && truncate > 0.5 && truncate < 1)) throw optionError("weighting.truncate", "a percentile in (0.5, 1), e.g. 0.99", truncate);
    weighting = { estimand, stabilize, trim, truncate };
  }
  const times = options.times ?? [];
  if (!Array.isArray(times) || times.some((t) => typeof t !== "number" || !(t >= 0))) throw optionError("times", "an array of non-negative numbers", times);
  const tau = options.tau ?? null;
  if (tau !== null && !(tau > 0)) throw optionError("tau", "a positive number", tau);
  return {
    crude: options.crude ?? true,
    multivariable: options.multivariable ?? true,
    matching,
    weighting,
    doublyRobust: options.doublyRobust ?? false,
    psModel,
    times: [...times],
    tau,
    ties,
    confLevel,
  };
}

/**
 * Builds the matrix-level analysis data from a Table: complete cases for time, status, treatment and
 * every covariate (R's na.omit), the covariate design matrix as R's model.matrix (treatment contrasts).
 */
export function effectData(input: TreatmentEffectsInput, exact: readonly string[] = []): { data: EffectData; dropped: DroppedCount[]; warnings: string[] } {
  const { table, covariates } = input;
  const nRows = table.nRows;
  for (const name of [input.time, input.status, input.treatment]) {
    if (name.length !== nRows) throw new SurvinferError({ code: "DATA_DIMENSION", message: `time, status and treatment need one value per table row (${nRows}); got ${name.length}` });
  }
  const terms = covariates.map((c) => (findColumn(table, c) !== undefined ? formatName(c) : c));
  const mm = modelMatrix(table, covariates.length > 0 ? `~ ${terms.join(" + ")}` : "~ 1", { reference: input.reference, dropIntercept: true, dropUnusedLevels: true });
  const keep: number[] = [];
  const missing: number[] = [];
  for (let k = 0; k < mm.rows.length; k++) {
    const i = mm.rows[k];
    const ok = Number.isFinite(input.time[i]) && (input.status[i] === 0 || input.status[i] === 1) && (input.treatment[i] === 0 || input.treatment[i] === 1);
    if (ok) keep.push(k);
    else missing.push(table.rowNumbers[i]);
  }
  const n = keep.length;
  const q = mm.nCols;
  const x = new Float64Array(n * q);
  for (let j = 0; j < q; j++) for (let k = 0; k < n; k++) x[j * n + k] = mm.x[j * mm.nRows + keep[k]];
  const rows = keep.map((k) => mm.rows[k]);
  const allIds = input.ids ?? Array.from({ length: nRows }, (_, i) => String(i + 1));
  let data: EffectData = {
    time: Float64Array.from(rows, (i) => input.time[i]),
    status: Int32Array.from(rows, (i) => input.status[i]),
    treat: Int32Array.from(rows, (i) => input.treatment[i]),
    x,
    q,
    columnNames: [...mm.columnNames],
    ids: rows.map((i) => allIds[i]),
  };
  const strata = exactStrata(table, exact, rows);
  if (strata !== null) data = { ...data, exact: strata };
  for (let k = 0; k < n; k++) {
    if (data.time[k] < 0) throw new SurvinferError({ code: "DATA_NEGATIVE_TIME", message: "follow-up time must be ≥ 0", row: table.rowNumbers[rows[k]], value: String(data.time[k]) });
  }
  const dropped = [...mm.dropped];
  if (missing.length > 0) dropped.push({ column: "time/status/treatment", count: missing.length, rows: missing });
  const warnings = [...mm.warnings];
  if (missing.length > 0) warnings.push(`${missing.length} patient(s) left out for a missing time, status or treatment`);
  let n1 = 0;
  for (let k = 0; k < n; k++) n1 += data.treat[k];
  if (n1 === 0 || n1 === n) {
    throw new SurvinferError({ code: "DATA_ONE_GROUP", message: `after dropping incomplete rows, all ${n} remaining patients are ${n1 === 0 ? "untreated" : "treated"}`, hint: "check the treatment column and the covariates' missing values" });
  }
  return { data, dropped, warnings };
}

/** How the estimate was obtained, in words (its estimand is `estimandOf`). */
function methodOf(id: EstimateId, spec: EffectSpec): string {
  switch (id) {
    case "crude":
      return "Cox model of the treatment alone";
    case "multivariable":
      return "Cox model of the treatment and the covariates";
    case "matched":
    case "matchedStratified":
    case "matchedAdjusted": {
      const m = spec.matching!;
      const cal = m.caliper !== null;
      const exact = m.exact ?? [];
      return `PS matching (${m.method}${m.method === "full" ? `, ${m.estimand ?? "ATT"} weights` : `, 1:${m.ratio}`}${m.replace ? ", with replacement" : ""}${cal ? `, caliper ${m.caliper}${m.stdCaliper ? " SD" : ""} of the ${m.distance === "logit" ? "logit PS" : "PS"}` : ""}${exact.length > 0 ? `, exact on ${exact.join(", ")}` : ""}), then Cox${id === "matchedStratified" ? " stratified on matched set" : ""}${id === "matchedAdjusted" ? " adjusted for the covariates" : ""}`;
    }
    default:
      return `inverse probability of treatment weighting (${weightingLabel(spec.weighting!)}), then weighted Cox${id.startsWith("weightedAdjusted") ? " adjusted for the covariates" : ""}`;
  }
}

function packageEstimate(e: CoreEstimate, spec: EffectSpec, rare: boolean, boot: BootstrapResult | null, matchedCounts: MatchedTreatedCounts | null): HazardRatioEffect {
  const z = normalQuantile(1 - (1 - spec.confLevel) / 2);
  const d = estimandOf(e.id, spec, e.id.startsWith("matched") ? matchedCounts : null);
  // a diverged fit (no convergence, |log HR| > 10, monotone likelihood) is refused, never printed as a number
  const notEstimable = e.diverged ? `not estimable: the treatment coefficient did not converge to a finite value (${e.nEvents} events among ${e.n} patients)` : null;
  const coef = notEstimable === null ? e.coef : null;
  const se = notEstimable === null ? e.se : null;
  const ok = coef !== null && se !== null && Number.isFinite(coef) && Number.isFinite(se);
  const hr = coef === null ? null : Math.exp(coef);
  const lower = ok ? Math.exp(coef - z * se) : null;
  const upper = ok ? Math.exp(coef + z * se) : null;
  let eValue: HazardRatioEffect["eValue"] = null;
  const warnings = [...e.warnings, ...(notEstimable === null ? [] : [`${d.label}: ${notEstimable}`])];
  if (hr !== null && Number.isFinite(hr) && hr > 0) {
    try {
      const ev = eValueHazardRatio(lower !== null && upper !== null && lower > 0 && Number.isFinite(upper) ? { hr, lower, upper, rare } : { hr, rare });
      eValue = { point: ev.point, ci: ev.ci };
    } catch {
      warnings.push("E-value not computable");
    }
  }
  let bootstrap: HazardRatioEffect["bootstrap"] = null;
  const bootId = e.id === "weightedMEstimation" ? "weighted" : e.id === "weightedAdjustedMEstimation" ? "weightedAdjusted" : e.id;
  const iv = boot?.intervals.find((v) => v.name === `logHR:${bootId}`);
  if (iv !== undefined && boot !== null) {
    const note = bootstrapFailureText(iv.failed, boot.replicates, iv.estimable);
    bootstrap = iv.estimable
      ? { lower: Math.exp(iv.lower), upper: Math.exp(iv.upper), seLogHr: iv.se, failed: iv.failed, replicates: boot.replicates, estimable: true, note }
      : { lower: null, upper: null, seLogHr: null, failed: iv.failed, replicates: boot.replicates, estimable: false, note };
    if (note !== null) warnings.push(`${d.label}: ${note}`);
  }
  return {
    id: e.id,
    label: d.label,
    method: methodOf(e.id, spec),
    estimand: d.estimand,
    hrType: d.hrType,
    treatedKept: d.treatedKept,
    treatedDiscarded: d.treatedDiscarded,
    estimandLabel: d.estimandLabel,
    estimandDescription: d.description,
    variance: e.variance,
    coef,
    se,
    hr,
    lower,
    upper,
    p: ok ? normalTwoSidedP(coef / se) : null,
    notEstimable,
    n: e.n,
    nEvents: e.nEvents,
    adjustedFor: e.adjustedFor,
    rCall: e.rCall,
    eValue,
    bootstrap,
    warnings,
  };
}

function marginalEffects(m: MarginalContrast, prefix: string, boot: BootstrapResult | null): MarginalEffects {
  const ci = (name: string, estimate: number | null): ContrastWithCi => {
    const iv = boot?.intervals.find((v) => v.name === name);
    const ok = iv !== undefined && iv.estimable;
    return {
      estimate,
      lower: ok && Number.isFinite(iv.lower) ? iv.lower : null,
      upper: ok && Number.isFinite(iv.upper) ? iv.upper : null,
      bootstrapFailed: iv === undefined ? null : iv.failed,
      bootstrapNote: iv === undefined || boot === null ? null : bootstrapFailureText(iv.failed, boot.replicates, iv.estimable),
    };
  };
  return {
    times: m.times,
    survTreated: m.survTreated,
    survControl: m.survControl,
    survDifference: m.times.map((t, j) => ci(`${prefix}:survDifference@${t}`, m.survDifference[j])),
    tau: m.tau,
    rmstTreated: m.rmstTreated,
    rmstControl: m.rmstControl,
    rmstDifference: ci(`${prefix}:rmstDifference`, m.rmstDifference),
  };
}

function packageResult(
  data: EffectData,
  dropped: DroppedCount[],
  prepWarnings: string[],
  spec: EffectSpec,
  core: CoreResult,
  rare: boolean,
  boot: BootstrapResult | null,
): TreatmentEffectsResult {
  let n1 = 0;
  let ev = 0;
  for (let i = 0; i < data.treat.length; i++) {
    n1 += data.treat[i];
    ev += data.status[i];
  }
  const matchedCounts: MatchedTreatedCounts | null = core.matched === null ? null : { treatedTotal: n1, treatedKept: core.matched.nTreated };
  const estimates = core.estimates.map((e) => packageEstimate(e, spec, rare, boot, matchedCounts));
  const has = (id: EstimateId): boolean => estimates.some((e) => e.id === id);
  const primary: EstimateId | null = has("weightedMEstimation") ? "weightedMEstimation" : has("weighted") ? "weighted" : has("matched") ? "matched" : has("multivariable") ? "multivariable" : has("crude") ? "crude" : null;
  const warnings = [...prepWarnings, ...core.warnings];
  if (boot !== null) {
    // per HR, named by its label; replicates that failed altogether are counted once, in boot.warnings
    const own = (e: HazardRatioEffect): boolean => e.bootstrap !== null && e.bootstrap.note !== null && (!e.bootstrap.estimable || e.bootstrap.failed > boot.failed);
    warnings.push(...boot.warnings.filter((w) => !w.startsWith("logHR:")), ...estimates.filter(own).map((e) => `${e.label}: ${e.bootstrap!.note}`));
  }
  if (spec.psModel === "firth" && spec.weighting !== null) warnings.push("M-estimation variance is not available with Firth's PS model (its estimating equations are penalised): use the bootstrap");
  let bootOut: TreatmentEffectsResult["bootstrap"] = null;
  if (boot !== null) {
    const { values: _values, ...rest } = boot;
    bootOut = rest;
  }
  return {
    schemaVersion: 1,
    method: "adjusted treatment effects on survival",
    n: data.treat.length,
    nTreated: n1,
    nControl: data.treat.length - n1,
    nEvents: ev,
    dropped,
    estimates,
    primary,
    matched: core.matched === null ? null : {
      n: core.matched.n,
      nTreated: core.matched.nTreated,
      nControl: core.matched.nControl,
      estimand: core.matched.nTreated === n1 ? "ATT" : "ATM",
      treatedDiscarded: n1 - core.matched.nTreated,
      logrank: core.matched.logrank,
      survival: marginalEffects(core.matched.marginal, "matched", boot),
      randomOrder: core.matched.randomOrder,
    },
    weighted: core.weighted === null ? null : { survival: marginalEffects(core.weighted.marginal, "weighted", boot), estimandDescription: ESTIMANDS[spec.weighting!.estimand].description },
    bootstrap: bootOut,
    options: { ...spec, rareOutcome: rare },
    warnings,
  };
}

function prepare(input: TreatmentEffectsInput, options: TreatmentEffectsOptions): { data: EffectData; dropped: DroppedCount[]; warnings: string[]; spec: EffectSpec; core: CoreResult; rare: boolean } {
  const spec = buildSpec(options);
  const { data, dropped, warnings } = effectData(input, spec.matching?.exact ?? []);
  const core = runEffectPipeline(data, spec, true);
  let ev = 0;
  for (let i = 0; i < data.status.length; i++) ev += data.status[i];
  const rare = options.rareOutcome ?? ev / data.status.length < 0.15;
  return { data, dropped, warnings, spec, core, rare };
}

/**
 * Adjusted treatment effects on survival (synchronous; a bootstrap, if requested, runs in this thread).
 *
 * Estimates (each a Cox log HR of the treatment, CI exp(β̂ ± z·SE)):
 * - crude: coxph(Surv ~ treat); multivariable: coxph(Surv ~ treat + covariates).
 * - matched (Austin 2013, doi:10.1002/sim.5705; Austin 2014, doi:10.1002/sim.5984): coxph(Surv ~ treat,
 *   weights = matching weights, cluster = matched set) on the matched sample (with replacement: cluster = patient);
 *   pair-stratified coxph(Surv ~ treat + strata(subclass), weights); log-rank (survdiff) on the matched sample.
 * - weighted (Austin 2016, doi:10.1002/sim.7084): coxph(Surv ~ treat, weights = w, robust = TRUE), and the same
 *   coefficient with the M-estimation variance that accounts for the estimated PS (Shu et al. 2021,
 *   doi:10.1111/biom.13327; see m-estimation.ts).
 * - doublyRobust (option name kept): the same models plus the covariates, conditional HRs (not doubly robust).
 * Marginal: weighted (and matched) Kaplan–Meier per arm, survival difference at `times`, RMST difference up to τ.
 * E-values (VanderWeele & Ding 2017, doi:10.7326/M16-2607) with the common-outcome transformation unless rare.
 *
 * @example
 * ```ts
 * const res = treatmentEffects(
 *   { table, time, status, treatment, covariates: ["age_primary", "sex", "n_lung_mets"] },
 *   { matching: { caliper: 0.2, distance: "logit" }, weighting: { estimand: "ATE" }, times: [60], tau: 60 },
 * );
 * res.estimates.find((e) => e.id === "weightedMEstimation")?.hr;
 * ```
 */
export function treatmentEffects(input: TreatmentEffectsInput, options: TreatmentEffectsOptions = {}): Readonly<TreatmentEffectsResult> {
  const p = prepare(input, options);
  let boot: BootstrapResult | null = null;
  if (options.bootstrap !== undefined && options.bootstrap !== false) {
    const est = statisticValues(p.spec, p.data.q, p.core);
    boot = bootstrapEffectsSync(p.data, p.spec, est, { ...options.bootstrap, workers: 1 });
  }
  return packageResult(p.data, p.dropped, p.warnings, p.spec, p.core, p.rare, boot);
}

/**
 * As `treatmentEffects`, with the bootstrap on worker threads (all cores by default; identical results
 * for any number of workers).
 *
 * @example
 * ```ts
 * const res = await treatmentEffectsParallel(input, { times: [60], tau: 60, bootstrap: { replicates: 1000, seed: 44, onProgress } });
 * ```
 */
export async function treatmentEffectsParallel(input: TreatmentEffectsInput, options: TreatmentEffectsOptions = {}): Promise<Readonly<TreatmentEffectsResult>> {
  const p = prepare(input, options);
  let boot: BootstrapResult | null = null;
  if (options.bootstrap !== undefined && options.bootstrap !== false) {
    const est = statisticValues(p.spec, p.data.q, p.core);
    boot = await bootstrapEffects(p.data, p.spec, est, options.bootstrap);
  }
  return packageResult(p.data, p.dropped, p.warnings, p.spec, p.core, p.rare, boot);
}
