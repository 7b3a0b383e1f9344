/**
 * Runs a study: from a parsed spec and the read table to one plain, JSON-serialisable results
 * object (results.json), which the report renders without recomputing anything. Pure: the CLI and
 * the app do the reading and writing.
 */
import type { InferenceEntry } from "../data/infer.js";
import type { FlowSummary } from "../data/validate.js";
import type { Table } from "../data/table.js";
import { kaplanMeier, type KaplanMeierResult, type SurvivalInput } from "../survival/kaplan-meier.js";
import { medianFollowUp, type FollowUpResult } from "../survival/follow-up.js";
import { logrankTest, type LogrankResult } from "../survival/logrank.js";
import { rmst, type RmstResult } from "../survival/rmst.js";
import { VERSION } from "../version.js";
import { SurvinferError } from "../errors.js";
import { prepareStudy, type LineOf, type PreparedEndpoint, type PreparedStudy } from "./prepare.js";
import type { StudySpec } from "./schema.js";
import { groupFactor } from "./groups.js";
import { propensityStep, type PropensityStepResult } from "./propensity-step.js";
import { table1Step, type Table1StepResult } from "./table1-step.js";
import { treatmentDateWarnings } from "./treatment-date-detect.js";
import { emptyReferenceWarnings } from "./model-terms.js";
import { coxStep, type CoxStepResult } from "./cox-step.js";
import { miOutcome, miStep, type MiStepResult, type PrecomputedImputations } from "./mi-step.js";
import { immortalTimeStep, type ImmortalTimeResult } from "./immortal-time-step.js";
import { effectsStep, type EffectsStepResult } from "./effects-step.js";
import { adjustedCurvesStep, type AdjustedCurvesStepResult } from "./adjusted-curves-step.js";
import { competingStep, type CompetingStepResult } from "./competing-step.js";
import { cureStep, type CureStepResult } from "./cure-step.js";
import { predictionStep, type PredictionStepResult } from "./prediction-step.js";
import { recurrentStep, type RecurrentStepResult } from "./recurrent-step.js";
import { sensitivityStep, type SensitivityStepResult } from "./sensitivity-step.js";
import { estimabilityGuard, type NotEstimable } from "./not-estimable.js";
import { resolvePrimary, type PrimaryAnalysis } from "./primary.js";
import { checkStudyBeforeRun } from "./preflight.js";
import { EPV_CODE, effectsEpvRowWarnings, epvThresholds, refusalsOf } from "./epv.js";

export const RESULTS_SCHEMA_VERSION = 1;

export interface EndpointSummary {
  readonly name: string;
  readonly label: string;
  readonly unit: string;
  readonly n: number;
  readonly events: number;
  readonly flow: FlowSummary;
  readonly followUp: FollowUpResult;
  readonly warnings: readonly string[];
}

export interface StudyResults {
  readonly schemaVersion: number;
  readonly software: { readonly name: "survinfer"; readonly version: string };
  readonly title: string;
  readonly seed: number;
  /** The data file: its base name only (no folders, so results do not depend on where it was run) and its SHA-256 (hex). */
  readonly data: { readonly file: string; readonly sha256?: string; readonly nRows: number; readonly inference: readonly InferenceEntry[]; readonly warnings: readonly string[] };
  readonly endpoints: readonly EndpointSummary[];
  readonly analyses: {
    readonly km?: KaplanMeierResult & { readonly endpoint: string; readonly by?: string };
    readonly logrank?: LogrankResult & { readonly endpoint: string; readonly by: string };
    readonly rmst?: RmstResult & { readonly endpoint: string; readonly by: string };
    readonly propensity?: PropensityStepResult;
    readonly table1?: Table1StepResult;
    readonly cox?: CoxStepResult;
    readonly immortalTime?: ImmortalTimeResult;
    readonly effects?: EffectsStepResult;
    readonly competingRisks?: CompetingStepResult;
    readonly cure?: CureStepResult;
    readonly prediction?: PredictionStepResult;
    readonly recurrent?: RecurrentStepResult;
    readonly sensitivity?: SensitivityStepResult;
    /** Multiple imputation of the multivariable Cox model (spec key missing: { method: "mi" }). */
    readonly missing?: MiStepResult;
    readonly adjustedCurves?: AdjustedCurvesStepResult;
  };
  /** Analyses in the spec that this version does not run yet, said aloud rather than skipped silently. */
  readonly notRun: readonly { readonly analysis: string; readonly reason: string }[];
  /** The primary treatment-effect analysis (declared by analyses.primary or by the default rule; study/primary.ts). */
  readonly primary: PrimaryAnalysis;
  /**
   * Analyses that ran but could not be estimated on these data (RMST tau past a group's follow-up, no
   * matched control, a model that cannot be fitted), with the reason and error code; the rest of the
   * study is produced. Kept apart from notRun: notRun is "not attempted", this is "attempted, not estimable".
   */
  readonly notEstimable: readonly NotEstimable[];
  readonly spec: StudySpec;
  readonly warnings: readonly string[];
}

export interface RunStudyInput {
  readonly spec: StudySpec;
  readonly table: Table;
  readonly inference: readonly InferenceEntry[];
  readonly readWarnings: readonly string[];
  readonly specFile: string;
  /** SHA-256 of the data file's bytes (lower-case hex), recorded as `data.sha256`. */
  readonly dataSha256?: string;
  /** The life table of analyses.cure.relative, read by the caller (columns age, sex, year, rate or q; docs/data.md). */
  readonly lifeTable?: Table;
  readonly lineOf?: LineOf;
  /**
   * Progress of long steps: `step` names the step ("bootstrap"), `done` of `total` units are finished.
   * Called synchronously from inside runStudy (after each bootstrap replicate).
   */
  readonly onProgress?: (step: string, done: number, total: number) => void;
  /** Multiple imputations already computed on worker threads (runStudyAsync, src/study/run-async.ts); identical to those runStudy would compute. */
  readonly imputations?: PrecomputedImputations;
}

/** Rows of an endpoint as engine input, with an optional grouping (codes −1 = missing, dropped by the engine). */
function survivalInput(study: PreparedStudy, ep: PreparedEndpoint, by: string | undefined): SurvivalInput & { group?: { codes: Int32Array; levels: readonly string[] } } {
  const rows = ep.derived.included;
  const rowNumbers = new Int32Array(rows.length);
  for (let k = 0; k < rows.length; k++) rowNumbers[k] = study.table.rowNumbers[rows[k]];
  const group = by === undefined ? undefined : groupFactor(study, by, rows);
  return { time: ep.derived.time, status: ep.derived.status, group, rowNumbers };
}

/**
 * Most data rows a study runs on: every analysis holds all rows in memory; the largest study measured
 * (docs/report.md, "Large studies") had 3,000,000 rows (4.3 GB, 13 CPU minutes, growing faster than
 * linearly). Above the limit the study stops before any analysis with STUDY_TOO_LARGE (exit 2) instead
 * of running for many minutes and perhaps failing.
 */
export const MAX_STUDY_ROWS = 3_000_000;

export function runStudy(input: RunStudyInput): StudyResults {
  const { spec } = input;
  if (input.table.nRows > MAX_STUDY_ROWS) {
    throw new SurvinferError({
      code: "STUDY_TOO_LARGE",
      file: input.table.source.file,
      message: `has ${input.table.nRows.toLocaleString("en-US")} data rows; a study runs on at most ${MAX_STUDY_ROWS.toLocaleString("en-US")}`,
      hint: "Analyse a random sample or a subset (one period, one centre), or fit single analyses with survinfer km/cox on the columns they need",
    });
  }
  // every problem the spec and the data's header show, all at once, before the first estimate (study/preflight.ts)
  checkStudyBeforeRun(input);
  const study = prepareStudy(spec, input.table, input.specFile, input.lineOf);
  const endpoints: EndpointSummary[] = [...study.endpoints.values()].map((ep) => {
    let events = 0;
    for (let k = 0; k < ep.derived.status.length; k++) events += ep.derived.status[k];
    return {
      name: ep.name,
      label: ep.label,
      unit: ep.unit,
      n: ep.derived.status.length,
      events,
      flow: ep.flow,
      followUp: medianFollowUp({ time: ep.derived.time, status: ep.derived.status }),
      warnings: ep.derived.warnings,
    };
  });
  const a = spec.analyses;
  const analyses: { -readonly [K in keyof StudyResults["analyses"]]: StudyResults["analyses"][K] } = {};
  // every step runs through one guard: estimability failures become notEstimable entries, bad input stops (not-estimable.ts)
  const notEstimable: NotEstimable[] = [];
  const guard = estimabilityGuard(notEstimable);
  if (a.km) {
    const km = a.km;
    analyses.km = guard("km", () => {
      const ep = study.endpoints.get(km.endpoint)!;
      const res = kaplanMeier(survivalInput(study, ep, km.by), { times: km.times, confType: km.confType, confLevel: km.confLevel });
      return { ...res, endpoint: km.endpoint, by: km.by };
    });
  }
  if (a.logrank) {
    const lr = a.logrank;
    analyses.logrank = guard("logrank", () => {
      const si = survivalInput(study, study.endpoints.get(lr.endpoint)!, lr.by);
      const res = logrankTest({ time: si.time, status: si.status, group: si.group!, rowNumbers: si.rowNumbers }, { rho: lr.rho });
      return { ...res, endpoint: lr.endpoint, by: lr.by };
    });
  }
  if (a.rmst) {
    const rm = a.rmst;
    analyses.rmst = guard("rmst", () => {
      const si = survivalInput(study, study.endpoints.get(rm.endpoint)!, rm.by);
      const res = rmst({ time: si.time, status: si.status, group: si.group!, rowNumbers: si.rowNumbers }, { tau: rm.tau });
      return { ...res, endpoint: rm.endpoint, by: rm.by };
    });
  }
  // the outcome of the propensity and immortal-time analyses: the KM endpoint (else the first endpoint)
  const outcome = a.km?.endpoint ?? [...study.endpoints.keys()][0];
  if (a.propensity) analyses.propensity = guard("propensity", () => propensityStep(study, spec, outcome, a.km?.times ?? []));
  analyses.table1 = guard("table1", () => table1Step(study, spec, analyses.propensity, guard));
  analyses.cox = guard("cox", () => coxStep(study, spec, input.onProgress, guard));
  if (spec.missing?.method === "mi") analyses.missing = guard("missing", () => miStep(study, spec, miOutcome(spec, outcome), input.imputations));
  analyses.immortalTime = guard("immortalTime", () => immortalTimeStep(study, spec, outcome, a.km?.times ?? [], guard, a.rmst !== undefined && a.rmst.endpoint === outcome ? a.rmst.tau : undefined, input.onProgress));
  // a propensity model refused for too few events per parameter (analyses.safeguards) leaves no treatment-effect table
  if (a.propensity && !notEstimable.some((n) => n.analysis === "propensity" && n.code === EPV_CODE)) {
    const report = input.onProgress;
    const rmstReason = notEstimable.find((n) => n.analysis === "rmst")?.reason;
    analyses.effects = guard("effects", () => effectsStep(study, spec, outcome, report ? (done, total) => report("bootstrap", done, total) : undefined, rmstReason, analyses.propensity));
  }
  if (a.adjustedCurves) analyses.adjustedCurves = guard("adjustedCurves", () => adjustedCurvesStep(study, spec, outcome));
  if (a.competingRisks) analyses.competingRisks = guard("competingRisks", () => competingStep(study, spec));
  if (a.cure) analyses.cure = guard("cure", () => cureStep(study, spec, input.lifeTable));
  if (a.prediction) analyses.prediction = guard("prediction", () => predictionStep(study, spec, analyses.cure));
  if (a.recurrent) analyses.recurrent = guard("recurrent", () => recurrentStep(study, spec));
  const primary = resolvePrimary(analyses, spec);
  // the effects section names the study's primary (null when it is in another section, or none qualifies)
  if (analyses.effects !== undefined) analyses.effects = { ...analyses.effects, primary: primary.section === "effects" ? analyses.effects.estimates.find((e) => e.id === primary.id)!.id : null };
  // the pooled (within) estimate of the same analysis: the primary when missing.primary is "mi", else its sensitivity analysis (src/study/primary.ts)
  const within = analyses.missing?.within;
  if (analyses.missing !== undefined && within != null && (primary.section === "effects" || primary.section === "missing")) {
    const id = within.hazardRatios.find((h) => h.id === primary.id)?.id ?? null;
    analyses.missing = { ...analyses.missing, within: { ...within, primaryId: id } };
  }
  // sensitivity of the primary estimate to what was not measured (src/study/sensitivity-step.ts)
  if (a.sensitivity) analyses.sensitivity = guard("sensitivity", () => sensitivityStep(study, spec, outcome, analyses, primary));
  // models the steps did not fit for too few events per parameter (src/study/epv.ts)
  notEstimable.push(...refusalsOf(analyses));
  // events per parameter of the treatment-effect table's Cox models between the floor and epvWarn (below the floor
  // they are not estimated and listed under notEstimable; src/study/effects-epv.ts), each with its row
  const effectsEpv = effectsEpvRowWarnings(analyses.effects?.estimates ?? [], epvThresholds(spec));
  if (analyses.effects !== undefined) analyses.effects = { ...analyses.effects, rowWarnings: effectsEpv };
  const notRun: { analysis: string; reason: string }[] = [];
  if (a.immortalTime && !analyses.immortalTime && !notEstimable.some((n) => n.analysis === "immortalTime")) {
    notRun.push({ analysis: "immortalTime", reason: "needs treatment.date and an endpoint derived from dates" });
  }
  // immortal time switched off although treatment dates fall after the origin: say the comparisons are biased
  const immortalOff =
    a.immortalTime === false && spec.treatment?.date !== undefined
      ? [`immortal time: the immortal-time analyses are switched off (immortalTime: false) although treatment (${spec.treatment.date}) can happen after the origin: every comparison by treatment received from the origin is biased by design (immortal time)`]
      : [];
  const warnings = [
    ...input.readWarnings,
    ...immortalOff,
    ...endpoints.flatMap((e) => e.warnings.map((w) => `${e.name}: ${w}`)),
    ...[analyses.km, analyses.logrank, analyses.rmst].flatMap((r) => (r?.warnings ?? []).map((w) => `${r?.method}: ${w}`)),
    ...(analyses.propensity?.analysis.warnings ?? []).map((w) => `propensity: ${w}`),
    ...(analyses.table1?.unadjusted.warnings ?? []).map((w) => `table 1: ${w}`),
    ...(analyses.cox?.warnings ?? []).map((w) => `Cox: ${w}`),
    ...(analyses.missing?.warnings ?? []).map((w) => `missing data: ${w}`),
    ...(analyses.immortalTime?.warnings ?? []).map((w) => `immortal time: ${w}`),
    // the clone–censor–weight engine's own warnings (failed bootstrap replicates, censoring models below the EPV
    // floor): often the primary analysis, so they belong in results.warnings and summary.txt too
    ...(analyses.immortalTime?.cloneCensorWeight?.warnings ?? []).map((w) => `immortal time: ${w}`),
    ...(study.treatment ? treatmentDateWarnings(study.table, spec, study.treatment.codes) : []).map((w) => `treatment: ${w}`),
    ...emptyReferenceWarnings(spec, study.table).map((w) => `covariates: ${w}`),
    ...(analyses.effects?.warnings ?? []).map((w) => `treatment effects: ${w}`),
    ...[...new Set(effectsEpv.map((w) => w.text))].map((w) => `treatment effects: ${w}`),
    ...(analyses.competingRisks?.warnings ?? []).map((w) => `competing risks: ${w}`),
    ...(analyses.cure?.warnings ?? []).map((w) => `cure model: ${w}`),
    ...(analyses.prediction?.warnings ?? []).map((w) => `prediction model: ${w}`),
    ...(analyses.recurrent?.warnings ?? []).map((w) => `recurrent events: ${w}`),
    ...(analyses.sensitivity?.warnings ?? []).map((w) => `sensitivity: ${w}`),
    ...(analyses.adjustedCurves?.warnings ?? []).map((w) => `adjusted survival curves: ${w}`),
  ];
  return {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    software: { name: "survinfer", version: VERSION },
    title: spec.title,
    seed: spec.seed,
    data: { file: baseName(input.table.source.file), ...(input.dataSha256 === undefined ? {} : { sha256: input.dataSha256 }), nRows: input.table.nRows, inference: input.inference, warnings: input.readWarnings },
    endpoints,
    analyses,
    notRun,
    primary,
    notEstimable,
    spec,
    warnings,
  };
}

/** The last part of a path, "/" or "\\" separated (browser-safe; node:path is not available there). */
function baseName(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}
