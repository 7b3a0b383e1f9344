/**
 * The study's mixture cure model (analyses.cure): who is cured (logistic incidence) and how long the
 * others live (Weibull or semiparametric PH latency, as R smcure), the cure fraction overall and per
 * group (averaged over the group's patients, delta-method CI), each patient's probability of cure,
 * whether follow-up is long enough to speak of cure (KM plateau, Maller–Zhou), and the curves the
 * report draws over the Kaplan–Meier estimate (mean population survival π + (1 − π)·S_u(t) per group).
 * Covariates enter as in the Cox models (src/study/model-terms.ts) but continuous, never dichotomised.
 * Pure: no I/O.
 */
import { SurvinferError } from "../errors.js";
import { findColumn, selectRows, type Table } from "../data/table.js";
import { cellLabel } from "../data/validate.js";
import { formatName } from "../formula/expr.js";
import { modelMatrix, type ModelMatrix } from "../formula/model-matrix.js";
import { kaplanMeier, type KaplanMeierResult } from "../survival/kaplan-meier.js";
import { followUpCheck, type FollowUpCheckResult } from "../survival/cure/follow-up-check.js";
import { semiparametricCure } from "../survival/cure/semiparametric.js";
import { parametricCure } from "../survival/cure/parametric.js";
import { compareLatencies, type LatencyComparison } from "../survival/cure/compare.js";
import { cureFitCheck, cureFitCaption, type CureFitCheckResult } from "../survival/cure/goodness-of-fit.js";
import { LATENCY_FAMILIES } from "../survival/cure/latency.js";
import { codeOfValue } from "./competing-step.js";
import type { CureFractionEstimate, CureInput, CureProfile } from "../survival/cure/design.js";
import { meanCureFraction, meanPopulationSurvival, type CureFit } from "../survival/cure/predict.js";
import type { PreparedEndpoint, PreparedStudy } from "./prepare.js";
import { cureCohort, type CurePopulation } from "./cure-population.js";
import type { StudySpec } from "./schema.js";
import { cureCauseIssues, lifeTableIssues, specRuleError } from "./spec-rules.js";
import { groupFactor } from "./groups.js";
import { analysisTable, covariateTerms } from "./model-terms.js";
import { epvRefusalError, epvThresholds, eventsPerParameter, type EventsPerParameter } from "./epv.js";
import { expectedHazardAtTimes, expectedSurvival, lifeTableFromTable, relativeSurvivalInputs, type RelativeSurvivalInputs } from "./relative-survival.js";
import type { TimeUnit } from "../data/endpoints.js";
import { cureCovariateEffects, kmAtEnd, modelVsData, type CureCovariateEffect, type KmAtEnd, type ModelVsData } from "./cure-agreement.js";

export interface CureGroupResult {
  readonly name: string;
  readonly n: number;
  readonly events: number;
  /** Cure fraction averaged over the group's patients, with its CI. */
  readonly cureFraction: CureFractionEstimate;
  /** Mean population survival of the group under the model, at `time` (for the figure over the KM curve). */
  readonly curve: { readonly time: number[]; readonly surv: number[] };
  /** Follow-up sufficiency within the group; null without events. */
  readonly followUp: FollowUpCheckResult | null;
  /** Nonparametric cure estimate: the Kaplan–Meier survival after the last event (the plateau); null without events. */
  readonly kmPlateau: number | null;
  /** Model curve against the Kaplan–Meier estimate (largest distance, seeded bootstrap band) and its caption. */
  readonly fitCheck: CureFitCheckResult;
  readonly fitCaption: string;
  /** Kaplan–Meier estimate of the group at its last follow-up time, with the CI at confLevel (src/study/cure-agreement.ts). */
  readonly kmAtEnd?: KmAtEnd | null;
  /** Whether the model's cure fraction and the data agree (null: not judged, relative survival or no events). */
  readonly modelVsData?: ModelVsData | null;
  /**
   * Relative-survival cure only: at `curve.time`, the group's mean expected survival S*(t) from the life table
   * and the model's mean net survival π + (1 − π)·S_u(t) (`curve` is then their all-cause product S*·[π + (1 − π)S_u], averaged).
   */
  readonly relative?: { readonly expected: number[]; readonly net: number[] };
}

/** How the relative-survival cure model placed the patients in the life table. */
export interface CureRelativeSurvival {
  readonly lifeTableFile: string;
  readonly ages: readonly [number, number];
  readonly years: readonly [number, number];
  readonly sexes: readonly string[];
  readonly daysPerYear: number;
  readonly yearChange: "calendar" | "birthday";
  /** In words (report and methods). */
  readonly description: string;
}

/** What the cure fraction is of: which event, which patients, and whether it answers "cured of the disease". */
export interface CureClaims {
  /** "any" = the endpoint's event from any cause; else the cause's name (cause-specific: other causes censored). */
  readonly cause: string;
  /** In words, e.g. "death from any cause" or "death from Sarcoma (other causes censored)". */
  readonly eventText: string;
  /** In words: the patients the model was fitted to and whether the treatment is in the model. */
  readonly populationText: string;
  /** True when the treatment enters the incidence model (a term or `by: treatment`). */
  readonly treatmentInIncidence: boolean;
  /** True when the model answers the cure question: cause-specific, and the treatment is in the model or all patients share one treatment. */
  readonly isCureOfDisease: boolean;
  /** Cause-specific model only: the endpoint's events of other causes among the model's patients (censored in the model). */
  readonly otherCauseEvents?: number;
}

export interface CureStepResult {
  readonly endpoint: string;
  readonly unit: string;
  /** The patients the model is fitted to (analyses.cure.population) and where their follow-up starts. */
  readonly population?: CurePopulation;
  /** Present when the model is on the excess hazard over a life table (analyses.cure.relative). */
  readonly relative?: CureRelativeSurvival;
  /** The spec's choice (aic = lowest AIC) and the latency actually fitted. */
  readonly model: "aic" | "weibull" | "lognormal" | "loglogistic" | "gengamma" | "ph";
  readonly latencyLabel: string;
  readonly by?: string;
  readonly fit: CureFit;
  /** The parametric latencies compared by AIC on the same patients, with the stated criterion (absent for ph with follow-up times of 0). */
  readonly latencyComparison?: Omit<LatencyComparison, "fits">;
  readonly claims: CureClaims;
  /** Display label per coefficient name of the incidence and latency models. */
  readonly incidenceLabels: Readonly<Record<string, string>>;
  readonly latencyLabels: Readonly<Record<string, string>>;
  /** All patients, then one entry per group (when `by`). */
  readonly overall: CureGroupResult;
  readonly groups: readonly CureGroupResult[];
  /** The Kaplan–Meier estimate of the same patients (by group when `by`), drawn under the model curves. */
  readonly km: KaplanMeierResult;
  /** Per patient of the model (file row number): π(z) and P(cured | alive and event-free at the last follow-up). */
  readonly patients: { readonly row: number[]; readonly cureFraction: number[]; readonly cureProbability: number[] };
  readonly nExcluded: number;
  /** Events per parameter: events over the covariate columns of the incidence and latency models (src/study/epv.ts). */
  readonly epv?: EventsPerParameter;
  /** Per incidence covariate, the odds ratio of cure across its profiles and whether its CI is narrow enough to describe. */
  readonly covariateEffects?: readonly CureCovariateEffect[];
  readonly warnings: readonly string[];
}

const GRID = 120;

function designOf(table: Table, terms: readonly string[], reference: Readonly<Record<string, string>>): ModelMatrix {
  return modelMatrix(table, `Surv(.time, .status) ~ ${terms.length > 0 ? terms.join(" + ") : "1"}`, { reference, dropIntercept: true });
}

function quantile(sorted: readonly number[], p: number): number {
  const h = (sorted.length - 1) * p; // R's quantile type 7
  const lo = Math.floor(h);
  return sorted[lo] + (h - lo) * ((sorted[Math.min(lo + 1, sorted.length - 1)] ?? sorted[lo]) - sorted[lo]);
}

/**
 * Covariate profiles of the incidence model: each level of a factor, and the quartiles of a numeric
 * covariate, the other covariates at their means (the first `labels.length` terms; a `by` term after
 * them is left at its mean), grouped by covariate (its label).
 */
function profileGroups(z: ModelMatrix, labels: readonly string[]): { covariate: string; profiles: CureProfile[] }[] {
  const n = z.nRows;
  const means = z.columnNames.map((_, j) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += z.x[j * n + i];
    return s / n;
  });
  const groups: { covariate: string; profiles: CureProfile[] }[] = [];
  z.terms.slice(0, labels.length).forEach((t, k) => {
    const out: CureProfile[] = [];
    groups.push({ covariate: labels[k], profiles: out });
    const levels = z.xlevels[t.variables[0]] ?? z.xlevels[t.label];
    if (levels !== undefined) {
      levels.forEach((level, l) => {
        const v = [...means];
        t.columns.forEach((j, q) => (v[j] = q + 1 === l ? 1 : 0));
        out.push({ name: `${labels[k]}: ${level}`, z: v });
      });
      return;
    }
    const j = t.columns[0];
    const sorted = Array.from(z.x.subarray(j * n, (j + 1) * n)).sort((x, y) => x - y);
    // a quartile of a count (all values whole) that falls between two values is said to be interpolated (referee s12 B5)
    const whole = sorted.every((x) => Number.isInteger(x));
    for (const [p, name] of [[0.25, "lower quartile"], [0.5, "median"], [0.75, "upper quartile"]] as const) {
      const v = [...means];
      v[j] = quantile(sorted, p);
      out.push({ name: `${labels[k]} = ${Number(v[j].toPrecision(4))} (${name}${whole && !Number.isInteger(v[j]) ? ", interpolated" : ""})`, z: v });
    }
  });
  return groups;
}

/**
 * Runs analyses.cure, or returns undefined when the spec has none.
 *
 * R equivalent: `smcure(Surv(time, status) ~ latency, cureform = ~ incidence, model = "ph", Var = TRUE,
 * nboot = bootstrap)` for model "ph"; for "weibull" the same likelihood maximised by `optim`
 * (tools/oracle/cure.R; flexsurvcure(mixture = TRUE, dist = "weibullPH") up to parametrisation).
 */
export function cureStep(study: PreparedStudy, spec: StudySpec, lifeTableData?: Table): CureStepResult | undefined {
  const a = spec.analyses.cure;
  if (a === undefined) return undefined;
  // the population's patients, followed from the date of treatment for "treated" (src/study/cure-population.ts)
  const cohort = cureCohort(study, spec, study.endpoints.get(a.endpoint)!);
  const ep = cohort.ep;
  const full = analysisTable(study, spec, ep);
  const [noLifeTable] = lifeTableIssues(spec, lifeTableData !== undefined);
  if (noLifeTable !== undefined) throw specRuleError(noLifeTable);
  const lifeTable = a.relative === undefined || lifeTableData === undefined ? undefined : lifeTableFromTable(lifeTableData, a.relative);
  const terms = covariateTerms(spec, full);
  const warnings: string[] = [...cohort.warnings];
  let byTerm: string | undefined;
  if (a.by !== undefined) {
    const column = a.by === "treatment" ? spec.treatment?.column : a.by;
    const col = full.columns.find((c) => c.name === column);
    byTerm = a.by === "treatment" ? terms.term("treatment") : col?.kind === "numeric" ? `factor(${formatName(a.by)})` : terms.term(a.by);
  }
  const withBy = (list: readonly string[]): string[] => [...new Set([...list.map((n) => terms.term(n)), ...(byTerm ? [byTerm] : [])])];
  const incidenceTerms = withBy(a.incidence);
  const latencyTerms = withBy(a.latency ?? a.incidence);
  // complete cases over both parts; the Weibull density needs time > 0
  const union = designOf(full, [...new Set([...incidenceTerms, ...latencyTerms])], terms.reference);
  const rel: RelativeSurvivalInputs | undefined = lifeTable === undefined ? undefined : relativeSurvivalInputs(full, Array.from(union.rows), lifeTable, spec, a.endpoint, ep.unit as TimeUnit, cohort.originShiftDays);
  const keep: number[] = [];
  const zeroRows: number[] = [];
  for (const r of union.rows) {
    if (rel !== undefined && !rel.positions.has(r)) continue;
    if (a.model !== "ph" && !(ep.derived.time[r] > 0)) zeroRows.push(full.rowNumbers[r]);
    else keep.push(r);
  }
  if (rel !== undefined) warnings.push(...rel.warnings);
  if (zeroRows.length > 0) warnings.push(`${zeroRows.length} patient(s) with follow-up time 0 left out of the parametric cure model, whose density is not defined at time 0 (rows ${zeroRows.slice(0, 10).join(", ")}${zeroRows.length > 10 ? ", ..." : ""})`);
  if (union.nDropped > 0) warnings.push(`${union.nDropped} patient(s) with a missing covariate left out of the cure model (${union.dropped.map((d) => `${d.column}: ${d.count}`).join(", ")})`);
  const rows = Int32Array.from(keep);
  const table = selectRows(full, rows);
  const z = designOf(table, incidenceTerms, terms.reference);
  const x = designOf(table, latencyTerms, terms.reference);
  const n = rows.length;
  const time = Float64Array.from(rows, (r) => ep.derived.time[r]);
  const cause = causeStatus(study, spec, ep, rows, full.rowNumbers);
  const status = cause?.status ?? Int32Array.from(rows, (r) => ep.derived.status[r]);
  if (!status.some((d) => d === 1)) {
    throw new SurvinferError({ code: "DATA_NO_EVENTS", path: "analyses.cure", message: `the cure model of endpoint ${a.endpoint}${a.cause ? ` (cause ${a.cause})` : ""} has no events among its ${n} patients`, hint: "check the endpoint's event column" });
  }
  // events per parameter: the covariate columns of both parts (intercept and latency scale and shape not counted)
  let nEvents = 0;
  for (let k = 0; k < n; k++) nEvents += status[k];
  const epv = eventsPerParameter(nEvents, z.nCols + x.nCols, epvThresholds(spec));
  if (epv.status === "refuse") throw epvRefusalError("cure model", epv);
  if (epv.message !== null) warnings.push(epv.message);
  const input: CureInput = { time, status, z: z.x, zNames: z.columnNames, x: x.x, xNames: x.columnNames };
  const groupedProfiles = profileGroups(z, [...new Set(a.incidence)].map((name) => terms.label(name)));
  const profiles = groupedProfiles.flatMap((g) => g.profiles);
  // relative survival: each model row's position in the life table, its expected hazard at its time
  const relRows: RelativeSurvivalInputs | undefined = rel === undefined ? undefined : { ...rel, patients: Array.from(rows, (r) => rel.positions.get(r)!) };
  const expectedHazard = relRows === undefined ? undefined : expectedHazardAtTimes(relRows, time);
  const comparison = time.every((t) => t > 0) ? compareLatencies(input, { confLevel: a.confLevel, profiles, expectedHazard }) : undefined;
  const latencyComparison = comparison === undefined ? undefined : { criterion: comparison.criterion, rows: comparison.rows, chosen: comparison.chosen, warnings: comparison.warnings };
  const family = a.model === "aic" ? (comparison?.chosen ?? "weibull") : a.model === "ph" ? undefined : a.model;
  const fit: CureFit =
    family !== undefined
      ? (comparison?.fits[family] ?? parametricCure(input, { distribution: family, confLevel: a.confLevel, profiles, expectedHazard }))
      : semiparametricCure(input, { confLevel: a.confLevel, bootstrap: a.bootstrap ?? 100, seed: spec.seed, profiles });
  warnings.push(...fit.warnings);
  if (family !== undefined && comparison !== undefined) warnings.push(...comparison.warnings);
  if (a.model !== "aic" && family !== undefined && comparison !== undefined && family !== comparison.chosen) {
    const best = comparison.rows.find((r) => r.chosen);
    const mine = comparison.rows.find((r) => r.distribution === family);
    if (best && mine && mine.deltaAic >= 2) warnings.push(`the ${LATENCY_FAMILIES[family].label} latency asked for fits worse than the ${best.label} (AIC +${mine.deltaAic.toFixed(1)}); the ${best.label} model gives a cure fraction of ${(100 * best.cureFraction.estimate).toFixed(0)}%`);
  }
  const latencyLabel = family !== undefined ? LATENCY_FAMILIES[family].label : "semiparametric proportional hazards";

  const tMax = time.reduce((m, t) => Math.max(m, t), 0);
  const grid = Array.from({ length: GRID + 1 }, (_, k) => (tMax * k) / GRID);
  // relative survival: the model's all-cause survival S*ᵢ(t)·[πᵢ + (1 − πᵢ)S_u(t)] is what the Kaplan–Meier estimates
  const expected = relRows === undefined ? undefined : (i: number, t: number) => expectedSurvival(relRows, i, t);
  const summary = (name: string, idx: Int32Array): CureGroupResult => {
    const t = Float64Array.from(idx, (i) => time[i]);
    const d = Int32Array.from(idx, (i) => status[i]);
    const events = d.reduce((s, v) => s + v, 0);
    const followUp = events > 0 ? followUpCheck(t, d) : null;
    const km = kmAtEnd(t, d, a.confLevel);
    const cureFraction = meanCureFraction(fit, input, idx, name, a.confLevel);
    const fitCheck = cureFitCheck(t, d, (ts) => meanPopulationSurvival(fit, input, idx, [...ts], expected), { replicates: a.bandReplicates, seed: spec.seed });
    const relative = expected === undefined ? undefined : { expected: meanExpectedSurvival(idx, grid, expected), net: meanPopulationSurvival(fit, input, idx, grid) };
    return {
      name,
      n: idx.length,
      events,
      cureFraction,
      curve: { time: grid, surv: meanPopulationSurvival(fit, input, idx, grid, expected) },
      followUp,
      kmPlateau: followUp?.plateauSurvival ?? null,
      fitCheck,
      fitCaption: cureFitCaption(fitCheck, ep.unit),
      kmAtEnd: km,
      modelVsData: events === 0 || expected !== undefined ? null : modelVsData(cureFraction.estimate, km, followUp),
      ...(relative === undefined ? {} : { relative }),
    };
  };
  const all = Int32Array.from({ length: n }, (_, i) => i);
  const overall = summary(cohort.population.name, all);
  const groups: CureGroupResult[] = [];
  let km: KaplanMeierResult;
  const rowNumbers = Int32Array.from(rows, (r) => full.rowNumbers[r]);
  if (a.by !== undefined) {
    const g = groupFactor(study, a.by, Int32Array.from(rows, (r) => ep.derived.included[r]));
    g.levels.forEach((level, l) => {
      const idx = Int32Array.from(all.filter((i) => g.codes[i] === l));
      if (idx.length > 0) groups.push(summary(level, idx));
    });
    km = kaplanMeier({ time, status, group: g, rowNumbers });
  } else {
    km = kaplanMeier({ time, status, rowNumbers });
  }
  for (const g of [overall, ...groups]) for (const w of [...(g.followUp?.warnings ?? []), ...g.fitCheck.warnings]) warnings.push(`${g.name}: ${w}`);
  // a cure fraction above the Kaplan–Meier plateau says the model does not fit the tail: nobody can be cured who died
  // (not for relative survival: its cure fraction is of net survival, which lies above the all-cause Kaplan–Meier by design)
  for (const g of rel === undefined ? [overall, ...groups] : []) {
    const plateau = g.followUp?.plateauSurvival;
    if (plateau !== undefined && g.cureFraction.estimate > plateau + 0.02) {
      warnings.push(`${g.name}: the model's cure fraction (${(100 * g.cureFraction.estimate).toFixed(1)}%) is above the Kaplan–Meier survival after the last event (${(100 * plateau).toFixed(1)}%), which a cure fraction should not exceed (the cured are among the long-term survivors): the model overstates cure in the tail`);
    }
  }
  const claimed = cureClaims(spec, a, incidenceTerms, byTerm, cohort.population.kind === "all" ? terms.term("treatment") : "", cause?.label, n, full, rows, lifeTable !== undefined, cohort.population);
  const claims: CureClaims = cause === undefined ? claimed : { ...claimed, otherCauseEvents: cause.otherEvents };
  if (!claims.isCureOfDisease) warnings.push(`the cure fraction is the probability of never having ${claims.eventText} among ${claims.populationText}: not a cure fraction of the disease${claims.cause === "any" ? " (name the cause of interest under analyses.cure.cause for a cause-specific model)" : ""}`);
  const gamma0 = fit.incidence[0].estimate;
  const cureFraction = Array.from(all, (i) => {
    let eta = gamma0;
    for (let j = 1; j < fit.incidence.length; j++) eta += fit.incidence[j].estimate * input.z[(j - 1) * n + i];
    return 1 / (1 + Math.exp(eta));
  });
  const coefficientLabels = (m: ModelMatrix): Record<string, string> => ({ "(Intercept)": "Intercept", ...terms.coefficientLabels(m.columnNames, m.terms) });
  return {
    endpoint: a.endpoint,
    unit: ep.unit,
    population: cohort.population,
    model: a.model,
    ...(lifeTable === undefined || rel === undefined || a.relative === undefined
      ? {}
      : {
          relative: {
            lifeTableFile: lifeTableData?.source.file ?? a.relative.lifeTable,
            ages: [lifeTable.ages[0], lifeTable.ages[lifeTable.ages.length - 1]] as const,
            years: [lifeTable.years[0], lifeTable.years[lifeTable.years.length - 1]] as const,
            sexes: lifeTable.sexLevels,
            daysPerYear: lifeTable.daysPerYear,
            yearChange: lifeTable.yearChange,
            description: rel.description,
          },
        }),
    latencyLabel,
    by: a.by,
    fit,
    ...(latencyComparison === undefined ? {} : { latencyComparison }),
    claims,
    incidenceLabels: coefficientLabels(z),
    latencyLabels: coefficientLabels(x),
    overall,
    groups,
    km,
    patients: { row: Array.from(rowNumbers), cureFraction, cureProbability: [...fit.cureProbability] },
    nExcluded: ep.derived.included.length - n,
    epv,
    covariateEffects: cureCovariateEffects(fit, groupedProfiles, fit.cureFraction.profiles, a.confLevel),
    warnings,
  };
}

/** Mean expected survival (1/|R|) Σ S*ᵢ(t) over the patients `idx` at each time. */
function meanExpectedSurvival(idx: Int32Array, times: readonly number[], expected: (i: number, t: number) => number): number[] {
  return times.map((t) => idx.reduce((s, i) => s + expected(i, t), 0) / Math.max(1, idx.length));
}

/**
 * The cause-specific event indicator (analyses.cure.cause): 1 when the endpoint's event has that cause,
 * 0 otherwise (other causes censored); undefined without a cause. Errors name the row and column of an
 * event with a missing or unlisted cause.
 */
function causeStatus(study: PreparedStudy, spec: StudySpec, ep: PreparedEndpoint, rows: Int32Array, rowNumbers: Int32Array): { status: Int32Array; label: string; otherEvents: number } | undefined {
  const a = spec.analyses.cure!;
  if (a.cause === undefined) return undefined;
  // the endpoint lists its causes and this one among them: checked before any computation (study/spec-rules.ts)
  const [bad] = cureCauseIssues(spec);
  if (bad !== undefined) throw specRuleError(bad);
  const causes = spec.endpoints[a.endpoint]!.causes!;
  const labels = Object.keys(causes.values);
  const code = labels.indexOf(a.cause) + 1;
  const col = findColumn(study.table, causes.column);
  if (col === undefined) throw new SurvinferError({ code: "SPEC_UNKNOWN_COLUMN", path: `endpoints.${a.endpoint}.causes.column`, message: `the data file ${study.table.source.file} has no column ${JSON.stringify(causes.column)}` });
  const codes = codeOfValue(causes.values);
  const status = new Int32Array(rows.length);
  rows.forEach((r, k) => {
    if (ep.derived.status[r] !== 1) return;
    const i = ep.derived.included[r];
    const text = cellLabel(col, i);
    const c = codes.get(text);
    if (c === undefined) {
      throw new SurvinferError({ code: "DATA_INVALID_CAUSE", file: study.table.source.file, row: rowNumbers[r], column: causes.column, value: text, message: `${text === "" ? "the cause is missing" : `cause ${JSON.stringify(text)} is not listed under endpoints.${a.endpoint}.causes.values`}, but the patient has an event`, hint: `Listed causes: ${[...codes.keys()].map((v) => JSON.stringify(v)).join(", ")}` });
    }
    status[k] = c === code ? 1 : 0;
  });
  let otherEvents = 0;
  rows.forEach((r, k) => (otherEvents += ep.derived.status[r] === 1 && status[k] === 0 ? 1 : 0));
  return { status, label: a.cause, otherEvents };
}

/**
 * What the cure fraction is of. It answers "cured of the disease" only when the model is of the cause of
 * interest (cause-specific) and the treatment is either in the incidence model or the same for everyone
 * in it (else the fraction mixes treated and untreated patients).
 */
function cureClaims(
  spec: StudySpec,
  a: NonNullable<StudySpec["analyses"]["cure"]>,
  incidenceTerms: readonly string[],
  byTerm: string | undefined,
  treatmentTerm: string,
  causeLabel: string | undefined,
  n: number,
  full: Table,
  rows: Int32Array,
  relative = false,
  population?: CurePopulation,
): CureClaims {
  const epSpec = spec.endpoints[a.endpoint];
  const epLabel = epSpec?.label ?? a.endpoint;
  const event = /overall|death|os\b/i.test(`${epLabel} ${a.endpoint}`) ? "death" : `the event of ${epLabel.toLowerCase()}`;
  const eventText = relative
    ? `excess ${event === "death" ? "mortality" : event} over the general population of the same age, sex and calendar year (relative survival: deaths from the disease, whatever the recorded cause)`
    : causeLabel === undefined
      ? `${event} from any cause`
      : `${event} from ${causeLabel} (other causes censored: a cause-specific mixture cure model)`;
  const treatment = spec.treatment;
  const treatmentInIncidence = treatment !== undefined && (incidenceTerms.includes(treatmentTerm) || (a.by === "treatment" && byTerm !== undefined));
  let oneArm = treatment === undefined;
  if (treatment !== undefined) {
    const col = findColumn(full, treatment.column);
    if (col !== undefined) {
      const seen = new Set(Array.from(rows, (r) => cellLabel(col, r)));
      oneArm = seen.size <= 1;
    }
  }
  const who = `the ${n} patients of the model`;
  const populationText =
    population !== undefined && population.kind !== "all"
      ? `the ${n} ${population.description}`
      : treatment === undefined
      ? who
      : treatmentInIncidence
        ? `${who}, with ${(treatment.label ?? treatment.column).toLowerCase()} in the incidence model`
        : oneArm
          ? `${who} (all with the same ${(treatment.label ?? treatment.column).toLowerCase()} status)`
          : `${who}, treated and untreated together (${(treatment.label ?? treatment.column).toLowerCase()} is not in the model)`;
  return { cause: relative ? "the disease" : (causeLabel ?? "any"), eventText, populationText, treatmentInIncidence, isCureOfDisease: (relative || causeLabel !== undefined) && (treatmentInIncidence || oneArm) };
}

/**
 * The calculator's cure output, decided here so that it appears only when the model is of the cause and
 * population it claims: label "Probability of cure" for a cause-specific model with the treatment in
 * it (or one arm); otherwise no output, and the note says why.
 */
export function cureCalculatorDecision(cure: CureStepResult): { readonly show: boolean; readonly label: string; readonly note: string } {
  const c = cure.claims;
  if (c.isCureOfDisease) {
    // a cure fraction is an upper bound when follow-up is not shown to be long enough: the calculator says so too
    const fu = cure.overall.followUp;
    const bound = fu !== null && fu.verdict !== "sufficient" ? ` Read it as an upper bound: whether follow-up is long enough to speak of cure is ${fu.verdict === "inconclusive" ? "inconclusive" : "not shown"} (${fu.mallerZhou.nEventsInInterval} events in the Maller–Zhou window, ${fu.nCensoredOnPlateau} patients beyond the last event).` : "";
    return { show: true, label: "Probability of cure", note: `Probability of cure: never dying of ${c.cause} (${cure.latencyLabel} mixture cure model of ${c.eventText}, ${c.populationText}; overall ${(100 * cure.overall.cureFraction.estimate).toFixed(1)}%).${bound}` };
  }
  return {
    show: false,
    label: "",
    note: `The calculator does not show a probability of cure: the study's cure model is of ${c.eventText} among ${c.populationText}, so its incidence part is not a patient's chance of being cured of the disease.`,
  };
}
