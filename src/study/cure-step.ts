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
import { selectRows, type Table } from "../data/table.js";
import { formatName } from "../formula/expr.js";
import { modelMatrix, type ModelMatrix } from "../formula/model-matrix.js";
import { kaplanMeier, type KaplanMeierResult } from "../survival/kaplan-meier.js";
import { followUpCheck, type FollowUpCheckResult } from "../survival/cure/follow-up-check.js";
import { semiparametricCure } from "../survival/cure/semiparametric.js";
import { weibullCure } from "../survival/cure/weibull.js";
import type { CureFractionEstimate, CureInput, CureProfile } from "../survival/cure/design.js";
import { meanCureFraction, meanPopulationSurvival, type CureFit } from "../survival/cure/predict.js";
import type { PreparedStudy } from "./prepare.js";
import type { StudySpec } from "./schema.js";
import { groupFactor } from "./groups.js";
import { analysisTable, covariateTerms } from "./model-terms.js";
import { epvRefusalError, epvThresholds, eventsPerParameter, type EventsPerParameter } from "./epv.js";

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
}

export interface CureStepResult {
  readonly endpoint: string;
  readonly unit: string;
  readonly model: "weibull" | "ph";
  readonly by?: string;
  readonly fit: CureFit;
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
 * them is left at its mean).
 */
function covariateProfiles(z: ModelMatrix, labels: readonly string[]): CureProfile[] {
  const n = z.nRows;
  const means = z.columnNames.map((_, j) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += z.x[j * n + i];
    return s / n;
  });
  const out: CureProfile[] = [];
  z.terms.slice(0, labels.length).forEach((t, k) => {
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
    for (const [p, name] of [[0.25, "lower quartile"], [0.5, "median"], [0.75, "upper quartile"]] as const) {
      const v = [...means];
      v[j] = quantile(sorted, p);
      out.push({ name: `${labels[k]} = ${Number(v[j].toPrecision(4))} (${name})`, z: v });
    }
  });
  return out;
}

/**
 * Runs analyses.cure, or returns undefined when the spec has none.
 *
 * R equivalent: `smcure(Surv(time, status) ~ latency, cureform = ~ incidence, model = "ph", Var = TRUE,
 * nboot = bootstrap)` for model "ph"; for "weibull" the same likelihood maximised by `optim`
 * (tools/oracle/cure.R; flexsurvcure(mixture = TRUE, dist = "weibullPH") up to parametrisation).
 */
export function cureStep(study: PreparedStudy, spec: StudySpec): CureStepResult | undefined {
  const a = spec.analyses.cure;
  if (a === undefined) return undefined;
  const ep = study.endpoints.get(a.endpoint)!;
  const full = analysisTable(study, spec, ep);
  const terms = covariateTerms(spec, full);
  const warnings: string[] = [];
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
  const keep: number[] = [];
  const zeroRows: number[] = [];
  for (const r of union.rows) {
    if (a.model === "weibull" && !(ep.derived.time[r] > 0)) zeroRows.push(full.rowNumbers[r]);
    else keep.push(r);
  }
  if (zeroRows.length > 0) warnings.push(`${zeroRows.length} patient(s) with follow-up time 0 left out of the Weibull cure model (rows ${zeroRows.slice(0, 10).join(", ")}${zeroRows.length > 10 ? ", ..." : ""})`);
  if (union.nDropped > 0) warnings.push(`${union.nDropped} patient(s) with a missing covariate left out of the cure model (${union.dropped.map((d) => `${d.column}: ${d.count}`).join(", ")})`);
  const rows = Int32Array.from(keep);
  const table = selectRows(full, rows);
  const z = designOf(table, incidenceTerms, terms.reference);
  const x = designOf(table, latencyTerms, terms.reference);
  const n = rows.length;
  const time = Float64Array.from(rows, (r) => ep.derived.time[r]);
  const status = Int32Array.from(rows, (r) => ep.derived.status[r]);
  if (!status.some((d) => d === 1)) {
    throw new SurvinferError({ code: "DATA_NO_EVENTS", path: "analyses.cure", message: `the cure model of endpoint ${a.endpoint} has no events among its ${n} patients`, hint: "check the endpoint's event column" });
  }
  // events per parameter: the covariate columns of both parts (intercept and Weibull scale and shape not counted)
  let nEvents = 0;
  for (let k = 0; k < n; k++) nEvents += status[k];
  const epv = eventsPerParameter(nEvents, z.nCols + x.nCols, epvThresholds(spec));
  if (epv.status === "refuse") throw epvRefusalError("cure model", epv);
  if (epv.message !== null) warnings.push(epv.message);
  const input: CureInput = { time, status, z: z.x, zNames: z.columnNames, x: x.x, xNames: x.columnNames };
  const profiles = covariateProfiles(z, [...new Set(a.incidence)].map((name) => terms.label(name)));
  const fit: CureFit =
    a.model === "weibull"
      ? weibullCure(input, { confLevel: a.confLevel, profiles })
      : semiparametricCure(input, { confLevel: a.confLevel, bootstrap: a.bootstrap ?? 100, seed: spec.seed, profiles });
  warnings.push(...fit.warnings);

  const tMax = time.reduce((m, t) => Math.max(m, t), 0);
  const grid = Array.from({ length: GRID + 1 }, (_, k) => (tMax * k) / GRID);
  const summary = (name: string, idx: Int32Array): CureGroupResult => {
    const t = Float64Array.from(idx, (i) => time[i]);
    const d = Int32Array.from(idx, (i) => status[i]);
    const events = d.reduce((s, v) => s + v, 0);
    return {
      name,
      n: idx.length,
      events,
      cureFraction: meanCureFraction(fit, input, idx, name, a.confLevel),
      curve: { time: grid, surv: meanPopulationSurvival(fit, input, idx, grid) },
      followUp: events > 0 ? followUpCheck(t, d) : null,
    };
  };
  const all = Int32Array.from({ length: n }, (_, i) => i);
  const overall = summary("All patients", all);
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
  for (const g of [overall, ...groups]) for (const w of g.followUp?.warnings ?? []) warnings.push(`${g.name}: ${w}`);
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
    model: a.model,
    by: a.by,
    fit,
    incidenceLabels: coefficientLabels(z),
    latencyLabels: coefficientLabels(x),
    overall,
    groups,
    km,
    patients: { row: Array.from(rowNumbers), cureFraction, cureProbability: [...fit.cureProbability] },
    nExcluded: ep.derived.included.length - n,
    epv,
    warnings,
  };
}
