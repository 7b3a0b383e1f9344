/**
 * The study's primary treatment-effect analysis: the candidates (every treatment-effect estimate the
 * study produced, from each section that estimates one), the declared one (`analyses.primary`) or the
 * default rule, and why. The report shows the primary first and the others as sensitivity analyses.
 *
 * Default rule (docs/spec.md, "analyses.primary"): the first candidate, in this order, that ran, was
 * estimable, carries no flag (src/study/effect-flags.ts: few events, worsened balance, residual imbalance) and is
 * not biased by design — IPTW marginal HR with M-estimation SE (`weightedMEstimation`),
 * then with robust SE (`weighted`), PS-matched marginal HR (`matched`), multivariable Cox
 * (`multivariable`), crude Cox (`crude`). A comparison of patients by treatment ever received, counted
 * from the origin when the treatment came after it, is biased by design (immortal time; Suissa 2008,
 * doi:10.1093/aje/kwm324) and is never the default: then no primary is named unless the spec declares one. Nor
 * is the crude Cox model chosen when a confounding-adjusted candidate before it was skipped for a flag: an
 * unadjusted comparison does not stand in for an adjusted one whose balance or precision falls short.
 *
 * Candidates come from `PRIMARY_SOURCES`: one entry per results section. A new design (immortal-time
 * designs, clone–censor–weight) adds one source here, with its ids, labels and default rank.
 */
import { SurvinferError } from "../errors.js";
import { nearest, type SpecIssue } from "./spec-issues.js";
import type { StudySpec } from "./schema.js";
import type { StudyResults } from "./run.js";
import type { LineOf } from "./prepare.js";
import { isEpvRefusal } from "./epv.js";
import { beyondDataText } from "./beyond-data.js";

/** One analysis that could be the primary. */
export interface PrimaryCandidate {
  /** Stable id, as written in `analyses.primary` (for the effects section: `analyses.effects.estimates[].id`). */
  readonly id: string;
  readonly label: string;
  /** The results section that holds it, e.g. "effects" (results.analyses.effects). */
  readonly section: string;
  /** Why the design is biased, e.g. "immortal time"; null when it is not. */
  readonly biasedByDesign: string | null;
  /** Why it has no estimate (the fit diverged), null when estimable. */
  readonly notEstimable: string | null;
  /** Position in the default rule (smaller first); null = never chosen by default (sensitivity only). */
  readonly defaultRank: number | null;
  /** Why the estimate is flagged (too few events, balance worsened; src/study/effect-flags.ts): never chosen by default. */
  readonly flag?: string | null;
  /** The estimate in a form every section shares (for the primary's sentence outside its own section). */
  readonly estimate?: PrimaryEstimate;
  /** Settings of the design that are survinfer's defaults, not the spec's, as the headline says them ("grace period 6 months (default)"). */
  readonly defaults?: readonly string[];
}

/** A hazard-ratio estimate with its population and estimand, as the primary's sentence states it. */
export interface PrimaryEstimate {
  readonly hr: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
  readonly p: number | null;
  readonly n: number;
  readonly events: number;
  /** The estimand and population in words, e.g. "conditional HR …; all 56 patients with complete covariates". */
  readonly description: string;
  /** The absolute effects when they are the headline (clone–censor–weight): said before the HR, which is then secondary. */
  readonly headline?: string;
}

/** results.json `primary`: the primary analysis, whether declared or by default, and why. */
export interface PrimaryAnalysis {
  /** The candidate id, or null when no analysis qualifies as primary. */
  readonly id: string | null;
  readonly label: string | null;
  readonly section: string | null;
  /** True when `analyses.primary` named it. */
  readonly declared: boolean;
  /** Why this analysis (or why none), in words. */
  readonly reason: string;
  /** "immortal time" when the primary itself is biased by design (only when declared so). */
  readonly biasedByDesign: string | null;
  /** Every candidate, in the order of the default rule first, then the rest. */
  readonly candidates: readonly PrimaryCandidate[];
  /**
   * How the headline opens (report's primary paragraph, summary.txt): "primary analysis chosen by survinfer's default
   * rule (not declared in the spec): <label>; grace period 6 months (default)", or "primary analysis (declared in the
   * spec): <label>"; absent when there is no primary.
   */
  readonly lead?: string;
  /** The lead again when the primary or a setting of it is survinfer's default, not the spec's (shown under Read first). */
  readonly warnings?: readonly string[];
  /**
   * With `missing: { method: mi }`: how the primary handles missing covariates (`missing.primary`, "mi" or
   * "complete-case") and the other version of the same analysis, its sensitivity analysis (id and section of
   * its candidate), or null when it has none. Absent without multiple imputation.
   */
  readonly missingData?: MissingDataRole;
}

/** Which version of the primary analysis (multiple imputation or complete cases) is primary, and where the other is. */
export interface MissingDataRole {
  readonly approach: "mi" | "complete-case";
  readonly sensitivity: { readonly id: string; readonly section: string; readonly label: string } | null;
  /** Why the spec's missing.primary could not be followed (the primary design has no multiple-imputation version), else null. */
  readonly note: string | null;
}

/**
 * The qualifier of a clone–censor–weight interval whose bootstrap distribution is not centred on the estimate
 * (results.json `bootstrapOffCentre`, src/study/immortal-time/ccw-checks.ts), inside the interval's parentheses of the
 * primary's headline and description, short. A percentile interval (the RMST difference) is shifted with the
 * replicates: "−4.9 months (−15.0 to 12.4; interval unreliable: bootstrap not centred)". A survival difference's Wald
 * interval is centred on the estimate by construction, so the flag says the estimate may be off and the percentile
 * limits follow: "−14.8 points (−46.6 to 17.0; bootstrap not centred: may be off; percentile −38.5 to 34.6)"
 * (`offCentreText`). The report's cells and figures say the same through `withCentreFlag`
 * (src/report/interval-qualifier.ts); src/i18n/immortal-de.ts and -ja.ts translate these texts.
 */
export const INTERVAL_UNRELIABLE = "interval unreliable: bootstrap not centred";

/** The short qualifier of a flagged Wald interval, with the bootstrap percentile limits as written. */
export function offCentreText(lower: string, upper: string): string {
  return `bootstrap not centred: may be off; percentile ${lower} to ${upper}`;
}

/** The text that labels a row biased by design, in tables, the forest plot and summary.txt. */
export function biasedByDesignText(bias: string): string {
  return `biased by design (${bias})`;
}

/** A results section that contributes candidates: the ids it can produce given the spec, and those it produced. */
interface PrimarySource {
  readonly section: string;
  /** Ids the spec can produce (to refuse an unknown `analyses.primary` before anything runs). */
  planned(spec: StudySpec): readonly string[];
  candidates(analyses: StudyResults["analyses"], spec: StudySpec): readonly PrimaryCandidate[];
}

/** Default order among the treatment-effect estimates (src/causal/effect.ts ids). */
const EFFECTS_RANK: Readonly<Record<string, number>> = { weightedMEstimation: 1, weighted: 2, matched: 3, multivariable: 4, crude: 5 };

const effectsSource: PrimarySource = {
  section: "effects",
  planned(spec) {
    const p = spec.analyses.propensity;
    if (p === undefined || spec.treatment === undefined || spec.covariates.length === 0) return [];
    return [
      "crude",
      "multivariable",
      ...(p.matching ? ["matched", "matchedStratified", "matchedAdjusted"] : []),
      ...(p.weighting ? ["weighted", "weightedMEstimation", "weightedAdjusted", "weightedAdjustedMEstimation"] : []),
    ];
  },
  candidates(analyses) {
    const eff = analyses.effects;
    if (eff === undefined) return [];
    // every row compares patients by treatment ever received, from the origin (effects-step.ts)
    const bias = eff.biasedByDesign;
    const flagOf = (id: string): string | null => (eff.flags ?? []).filter((f) => f.id === id).map((f) => f.text).join("; ") || null;
    return eff.estimates.map((e) => ({ id: e.id, label: e.label, section: "effects", biasedByDesign: bias, notEstimable: e.notEstimable, defaultRank: EFFECTS_RANK[e.id] ?? null, flag: flagOf(e.id) }));
  },
};

/** "at 12 months: −7.8 points, 36 months: …", a time beyond the data as "not estimable at 60 months: …" (its own "at"). */
function atList(items: readonly string[]): string {
  return items.map((x, k) => (x.startsWith("not estimable at ") ? x : k === 0 || items[k - 1].startsWith("not estimable at ") ? `at ${x}` : x)).join(", ");
}

/** Ids of the immortal-time designs, in default-rule order (they handle immortal time and confounding together). */
const IMMORTAL_RANK: Readonly<Record<string, number>> = { cloneCensorWeight: 0.1, adjustedTimeDependent: 0.2, landmarkWeightedMEstimation: 0.3, landmarkWeighted: 0.4, landmarkMatched: 0.5, landmarkMultivariable: 0.6 };

/** "weightedMEstimation" → "landmarkWeightedMEstimation": ids of the landmark cohort's PS analyses. */
const landmarkId = (id: string): string => `landmark${id.charAt(0).toUpperCase()}${id.slice(1)}`;

type CoxTermLike = { readonly name: string; readonly hr: number | null; readonly lower: number | null; readonly upper: number | null; readonly p: number | null };

const immortalTimeSource: PrimarySource = {
  section: "immortal-time",
  planned(spec) {
    const it = spec.analyses.immortalTime;
    if (it === false || spec.treatment?.date === undefined) return [];
    const p = spec.analyses.propensity;
    const adjusted = (it?.covariates ?? spec.covariates).length > 0;
    return [
      ...(it?.cloneCensorWeight !== false ? ["cloneCensorWeight"] : []),
      ...(adjusted ? ["adjustedTimeDependent"] : []),
      "timeDependent",
      ...(adjusted ? ["landmarkCrude", "landmarkMultivariable", ...(p?.matching ? ["landmarkMatched", "landmarkMatchedStratified"] : []), "landmarkWeighted", "landmarkWeightedMEstimation"] : []),
      ...(it !== undefined && it.sequentialMatching !== false ? ["sequentialMatching"] : []),
    ];
  },
  candidates(analyses) {
    const it = analyses.immortalTime;
    if (it === undefined) return [];
    const out: PrimaryCandidate[] = [];
    const fromTerm = (id: string, label: string, t: CoxTermLike | undefined, n: number, events: number, description: string): void => {
      const hr = t?.hr ?? null;
      out.push({
        id,
        label,
        section: "immortal-time",
        biasedByDesign: null,
        notEstimable: hr === null ? "the model could not be estimated" : null,
        defaultRank: IMMORTAL_RANK[id] ?? null,
        estimate: { hr, lower: t?.lower ?? null, upper: t?.upper ?? null, p: t?.p ?? null, n, events, description },
      });
    };
    const cw = it.cloneCensorWeight;
    if (cw !== undefined) {
      // the emulated trial's headline is absolute: survival and RMST differences; the per-protocol HR summarises the curves
      const hr = cw.hazardRatio;
      // one minus sign (U+2212) for negative numbers, as the report's tables print them
      const signed = (x: number): string => `${x < 0 && Number(Math.abs(x).toFixed(1)) !== 0 ? "−" : ""}${Math.abs(x).toFixed(1)}`;
      const pct = (x: number | null): string => (x === null ? "NA" : signed(100 * x));
      // a difference beyond the data (fewer than figures.minAtRisk patients at risk in a strategy, src/study/beyond-data.ts) is never quoted
      // an interval whose bootstrap distribution is not centred on the estimate (ccw-checks.ts bootstrapOffCentre) says so
      type Flagged = { readonly bootstrapOffCentre: boolean; readonly intervalMethod: string | null; readonly percentileLower: number | null; readonly percentileUpper: number | null };
      const unreliable = (d: Flagged, f: (x: number) => string): string =>
        !d.bootstrapOffCentre ? "" : d.intervalMethod === "wald-larger-se" && d.percentileLower !== null && d.percentileUpper !== null ? `; ${offCentreText(f(d.percentileLower), f(d.percentileUpper))}` : `; ${INTERVAL_UNRELIABLE}`;
      const diffs = cw.survivalDifference.map((d) => (d.estimate !== null && d.beyondData ? beyondDataText(d, `${d.time} ${cw.unit}`) : `${d.time} ${cw.unit}: ${pct(d.estimate)} points${d.lower !== null && d.upper !== null ? ` (${pct(d.lower)} to ${pct(d.upper)}${unreliable(d, pct)})` : ""}`));
      const rm = cw.rmstDifference;
      const rmst =
        rm === null || rm.estimate === null
          ? ""
          : rm.beyondData
            ? `; RMST difference up to ${rm.tau} ${cw.unit}: ${beyondDataText(rm, `${rm.tau} ${cw.unit}`)}`
            : `; RMST difference up to ${rm.tau} ${cw.unit}: ${signed(rm.estimate)} ${cw.unit}${rm.lower !== null && rm.upper !== null ? ` (${signed(rm.lower)} to ${signed(rm.upper)}${unreliable(rm, signed)})` : ""}`;
      out.push({
        id: "cloneCensorWeight",
        label: `Clone–censor–weight, target-trial emulation (grace period ${cw.options.grace} ${cw.unit})`,
        section: "immortal-time",
        biasedByDesign: null,
        notEstimable: hr === null ? "the per-protocol hazard ratio could not be estimated" : null,
        defaultRank: IMMORTAL_RANK.cloneCensorWeight,
        // its weights checked as the landmark IPTW rows are (residual imbalance among the clones uncensored after the
        // grace period, immortal-time/ccw-diagnostics.ts): never chosen by default when flagged; a declared primary keeps it
        flag: cw.diagnostics?.flag?.text ?? null,
        ...(cw.graceByDefault ? { defaults: [`grace period ${cw.options.grace} ${cw.unit} (default)`] } : {}),
        estimate: {
          hr: hr?.hr ?? null,
          lower: hr?.lower ?? null,
          upper: hr?.upper ?? null,
          p: hr?.p ?? null,
          n: cw.n,
          events: cw.patientEvents,
          description: `${cw.estimandLabel}; ${cw.population}; survival difference (treated within the grace period minus not)${diffs.length > 0 ? ` ${atList(diffs)}` : ""}${rmst}; the hazard ratio is the ${cw.hrLabel}`,
          headline: `survival difference (treated within ${cw.options.grace} ${cw.unit} minus not)${diffs.length > 0 ? ` ${atList(diffs)}` : ""}${rmst}`,
        },
      });
    }
    const a = it.adjustedTimeDependent;
    const adjustedLabel = "Time-dependent Cox adjusted for the covariates (conditional HR; robust SE)";
    if (a !== undefined) {
      const t = a.result.fit.terms.find((x) => x.name === a.treatmentTerm);
      fromTerm("adjustedTimeDependent", adjustedLabel, t, a.n, a.events, `${a.estimandLabel}; ${a.population}; ${a.variance}`);
    }
    // refused below the events-per-parameter floor (src/study/epv.ts): it keeps its place in the rule, not estimated
    const refusedTd = (it.refused ?? []).find((x) => x.analysis === "immortalTime.adjustedTimeDependent");
    if (a === undefined && refusedTd !== undefined) {
      out.push({ id: "adjustedTimeDependent", label: adjustedLabel, section: "immortal-time", biasedByDesign: null, notEstimable: refusedTd.epv.message, defaultRank: IMMORTAL_RANK.adjustedTimeDependent });
    }
    if (it.timeDependent !== undefined) {
      const c = it.timeDependent.cox;
      fromTerm("timeDependent", "Time-dependent Cox, treatment only (crude)", c.terms[0], c.n, c.nEvent, "unadjusted HR of treatment as a time-dependent covariate (confounding not handled)");
    }
    const l = it.landmarkPs;
    if (l !== undefined) {
      for (const e of l.effects.estimates) {
        out.push({
          id: landmarkId(e.id),
          label: `Landmark at ${l.time} ${it.unit}: ${e.label}`,
          section: "immortal-time",
          biasedByDesign: null,
          notEstimable: e.notEstimable,
          defaultRank: IMMORTAL_RANK[landmarkId(e.id)] ?? null,
          // flagged as the treatment-effect table's rows are (few events, worsened balance, residual imbalance): never chosen by default
          flag: (l.flags ?? []).filter((f) => f.id === e.id).map((f) => f.text).join("; ") || null,
          ...(it.options.landmarkByDefault ? { defaults: [`landmark ${l.time} ${it.unit} (default)`] } : {}),
          estimate: { hr: e.hr, lower: e.lower, upper: e.upper, p: e.p, n: e.n ?? l.n, events: e.nEvents ?? l.events, description: `${e.estimandDescription.replace(/\.$/, "")}; ${l.population}` },
        });
      }
    }
    const sm = it.sequentialMatching;
    if (sm !== undefined) {
      const c = sm.stratified;
      fromTerm("sequentialMatching", "Sequential (risk-set) matching, Cox stratified on matched set", c.terms[0], c.n, c.nEvent, `${sm.estimandLabel}; ${sm.population}; ${sm.variance}`);
    }
    return out;
  },
};

/**
 * The pooled version's label: "IPTW Cox (ATE, marginal HR)" → "IPTW Cox by multiple imputation, m = 20 (ATE,
 * marginal HR)" (the estimand stays last, where the forest plot keeps it when it shortens a label).
 */
export function miLabel(label: string, m: number): string {
  const k = label.indexOf(" (");
  const mi = ` by multiple imputation, m = ${m}`;
  return k < 0 ? `${label}${mi}` : `${label.slice(0, k)}${mi}${label.slice(k)}`;
}

/**
 * The treatment-effect estimates by multiple imputation (results.analyses.missing.within, src/study/mi-within.ts):
 * the same ids as the effects section, in the section "missing". Never chosen by the default rule itself:
 * resolvePrimary takes the pooled version of the chosen analysis when missing.primary is "mi".
 */
const missingSource: PrimarySource = {
  section: "missing",
  // analyses.primary names the analysis (an effects id); missing.primary says which version of it is primary
  planned: () => [],
  candidates(analyses) {
    const w = analyses.missing?.within;
    if (w === undefined || w === null) return [];
    const bias = analyses.effects?.biasedByDesign ?? null;
    return w.hazardRatios.map((h): PrimaryCandidate => {
      const constant = h.n.min === h.n.max;
      const sample = constant ? "" : `; ${h.n.min}–${h.n.max} patients analysed per imputation`;
      return {
        id: h.id,
        label: miLabel(h.label, w.m),
        section: "missing",
        biasedByDesign: bias,
        notEstimable: h.notEstimable,
        defaultRank: null,
        estimate: {
          hr: h.hr,
          lower: h.lower,
          upper: h.upper,
          p: h.p,
          n: constant ? h.n.min : w.n,
          events: Math.round(h.nEvents.mean),
          description: `${h.estimandDescription.replace(/\.$/, "")}; all ${w.n} patients, missing covariates imputed ${w.m} times (chained equations), the analysis run in each completed dataset and pooled by Rubin's rules (within approach, Leyrat 2019)${sample}`,
        },
      };
    });
  },
};

/** Every section that estimates a treatment effect. Add new designs here. */
const PRIMARY_SOURCES: readonly PrimarySource[] = [immortalTimeSource, effectsSource, missingSource];

/** Ids `analyses.primary` may name for this spec. */
export function plannedPrimaryIds(spec: StudySpec): string[] {
  return PRIMARY_SOURCES.flatMap((s) => [...s.planned(spec)]);
}

/**
 * Refuses an `analyses.primary` that names no analysis this spec runs (SPEC_PRIMARY_UNKNOWN, exit 2),
 * before any analysis runs.
 */
export function checkDeclaredPrimary(spec: StudySpec, specFile?: string, lineOf?: LineOf): void {
  const [issue] = declaredPrimaryIssues(spec, lineOf);
  if (issue === undefined) return;
  throw new SurvinferError({
    code: issue.code!,
    path: issue.path,
    ...(specFile === undefined ? {} : { file: specFile }),
    ...(issue.line === undefined ? {} : { line: issue.line }),
    value: issue.value,
    message: issue.message,
    hint: issue.hint,
  });
}

/** The problem with `analyses.primary` when it names no analysis this spec runs (SPEC_PRIMARY_UNKNOWN), else none. */
export function declaredPrimaryIssues(spec: StudySpec, lineOf?: LineOf): SpecIssue[] {
  const declared = spec.analyses.primary;
  if (declared === undefined) return [];
  const ids = plannedPrimaryIds(spec);
  if (ids.includes(declared)) return [];
  const near = nearest(declared, ids);
  return [{
    code: "SPEC_PRIMARY_UNKNOWN",
    path: "analyses.primary",
    pathParts: ["analyses", "primary"],
    line: lineOf?.(["analyses", "primary"]),
    value: declared,
    message:
      ids.length === 0
        ? "names a primary analysis, but this study estimates no treatment effect (it needs treatment, covariates and analyses.propensity)"
        : `is not a treatment-effect analysis of this study; valid ids: ${ids.join(", ")}`,
    hint: near !== undefined ? `Did you mean "${near}"?` : "Leave analyses.primary out to use the default rule (docs/spec.md)",
  }];
}

/**
 * The headline's opening: whether the primary was declared or chosen by the default rule, and the design's settings
 * that are defaults ("…; grace period 6 months (default)").
 */
export function primaryLead(c: Pick<PrimaryCandidate, "label" | "defaults">, declared: boolean): string {
  const how = declared ? "primary analysis (declared in the spec)" : "primary analysis chosen by survinfer's default rule (not declared in the spec)";
  return `${how}: ${c.label}${(c.defaults ?? []).map((d) => `; ${d}`).join("")}`;
}

/** All candidates of the results, default-rule order first. */
export function primaryCandidates(analyses: StudyResults["analyses"], spec: StudySpec): PrimaryCandidate[] {
  const all = PRIMARY_SOURCES.flatMap((s) => [...s.candidates(analyses, spec)]);
  const ranked = all.filter((c) => c.defaultRank !== null).sort((a, b) => a.defaultRank! - b.defaultRank!);
  return [...ranked, ...all.filter((c) => c.defaultRank === null)];
}

/** The default rule in words (docs/spec.md repeats it). */
export const DEFAULT_ORDER_TEXT =
  "clone–censor–weight (target-trial emulation), time-dependent Cox adjusted for the covariates, landmark IPTW (M-estimation SE, then robust SE), landmark PS-matched, landmark multivariable Cox (these handle immortal time), IPTW with M-estimation SE, IPTW with robust SE, PS-matched, multivariable and crude Cox";

/** Why a skipped candidate of the default rule was skipped, in words. */
function skippedText(c: PrimaryCandidate): string {
  // an events-per-parameter refusal says its figures ("not estimated: 23 events for 8 parameters (EPV 2.9, …)")
  if (c.notEstimable !== null) return isEpvRefusal(c.notEstimable) ? c.notEstimable : "not estimable";
  if (c.biasedByDesign === null && c.flag) return c.flag;
  return biasedByDesignText(c.biasedByDesign ?? "");
}

/**
 * The primary analysis of a finished study (declared, else by the default rule), with the reason. A declared
 * primary refused for too few events per parameter falls to the default rule, and the reason says so.
 */
export function resolvePrimary(analyses: StudyResults["analyses"], spec: StudySpec): PrimaryAnalysis {
  const candidates = primaryCandidates(analyses, spec);
  const declared = spec.analyses.primary;
  // with missing.primary "mi", the pooled version of a treatment-effect estimate stands in for its complete-case one
  const miPrimary = spec.missing?.method === "mi" && spec.missing.primary === "mi";
  const pooledOf = (c: PrimaryCandidate): PrimaryCandidate | undefined => (c.section === "effects" ? candidates.find((x) => x.section === "missing" && x.id === c.id) : undefined);
  const version = (c: PrimaryCandidate): PrimaryCandidate => (miPrimary ? (pooledOf(c) ?? c) : c);
  const analysesOnly = candidates.filter((c) => c.section !== "missing");
  const role = (chosen: PrimaryCandidate | null): { missingData?: MissingDataRole } => (analyses.missing === undefined ? {} : { missingData: missingDataRole(analyses, chosen, candidates, miPrimary) });
  const none = (reason: string, isDeclared = declared !== undefined): PrimaryAnalysis => ({ id: null, label: null, section: null, declared: isDeclared, reason, biasedByDesign: null, candidates, ...role(null) });
  const finish = (c: PrimaryCandidate, isDeclared: boolean, reason: string): PrimaryAnalysis => {
    const md = role(c).missingData;
    const mi = md === undefined ? "" : ` ${missingDataSentence(md, c, analyses)}`;
    const lead = primaryLead(c, isDeclared);
    const byDefault = !isDeclared || (c.defaults ?? []).length > 0;
    return {
      id: c.id,
      label: c.label,
      section: c.section,
      declared: isDeclared,
      reason: `${reason}${mi}`,
      biasedByDesign: isDeclared ? c.biasedByDesign : null,
      candidates,
      lead,
      // worded as the report's serious warnings ("the default ("), so Read first lists it with the primary's
      warnings: byDefault ? [`${lead} — survinfer's choice, the default (not the study's): declare analyses.primary${(c.defaults ?? []).length > 0 ? " and the settings marked (default)" : ""} in the spec before seeing the results`] : [],
      ...(md === undefined ? {} : { missingData: md }),
    };
  };
  let fallback = "";
  if (declared !== undefined) {
    const found = analysesOnly.find((x) => x.id === declared);
    if (found === undefined) return none(`The declared primary analysis (${declared}) could not be estimated on these data (see Not estimable).`);
    if (!isEpvRefusal(found.notEstimable)) {
      const c = version(found);
      const bias = c.biasedByDesign === null ? "" : `; it is ${biasedByDesignText(c.biasedByDesign)}, so read it with the analyses that avoid that bias`;
      return finish(c, true, `Declared primary analysis in the study specification (analyses.primary: ${c.id})${bias}.`);
    }
    fallback = `The declared primary analysis (analyses.primary: ${found.id}, ${found.label}) was ${found.notEstimable}; the primary falls to the next by the default rule. `;
  }
  if (analysesOnly.length === 0) return none("No treatment-effect analysis ran.");
  // a flagged estimate (too few events, balance worsened) is never chosen by default (src/study/effect-flags.ts)
  const pickFrom = analysesOnly.find((c) => c.defaultRank !== null && version(c).biasedByDesign === null && version(c).notEstimable === null && !c.flag);
  if (pickFrom === undefined) {
    const biased = analysesOnly.filter((c) => c.biasedByDesign !== null);
    if (biased.length === analysesOnly.length) {
      return none(
        `${fallback}No primary analysis: every treatment-effect analysis available compares patients by treatment ever received from the origin and is ${biasedByDesignText(biased[0].biasedByDesign!)}; all are shown as sensitivity analyses. Declare analyses.primary to name one anyway.`,
        false,
      );
    }
    // candidates skipped for a flag (landmark PS rows: residual imbalance, worsened balance, few events) were estimable: say why each was skipped
    const flagged = analysesOnly.filter((c) => c.defaultRank !== null && c.biasedByDesign === null && (c.notEstimable !== null || c.flag));
    if (flagged.some((c) => c.notEstimable === null)) {
      return none(`${fallback}No primary analysis: every candidate of the default rule not biased by design is flagged or not estimable (${flagged.map((c) => `${c.label}: ${skippedText(c)}`).join("; ")}); all are shown as sensitivity analyses. Declare analyses.primary to name one anyway.`, false);
    }
    return none(`${fallback}No primary analysis: no candidate of the default rule was estimable; all are shown as sensitivity analyses.`, false);
  }
  const before = analysesOnly.filter((c) => c.defaultRank !== null && c.defaultRank < pickFrom.defaultRank!);
  // the version used (pooled with missing.primary: mi) keeps the flag of the analysis it pools
  const skipped = before.map((c) => ({ ...version(c), flag: version(c).flag ?? c.flag ?? null }));
  const why = skipped.length === 0 ? "" : ` (${skipped.map((c) => `${c.label}: ${skippedText(c)}`).join("; ")})`;
  // the unadjusted comparison never stands in for a confounding-adjusted one that was flagged (residual imbalance, worsened balance, few events)
  if (pickFrom.section === "effects" && pickFrom.id === "crude" && before.some((c) => c.notEstimable === null && c.biasedByDesign === null && c.flag)) {
    return none(`${fallback}No primary analysis: every confounding-adjusted analysis of the default rule is flagged or not estimable${why}, and the crude Cox model, not adjusted for confounding, is not chosen in their place; all are shown as sensitivity analyses. Declare analyses.primary to name one anyway.`, false);
  }
  return finish(version(pickFrom), false, `${fallback}Default rule${fallback === "" ? " (analyses.primary not set)" : ""}: the first estimable analysis not biased by design, in this order: ${DEFAULT_ORDER_TEXT}${why}.`);
}

/** Which version of the chosen analysis is primary (multiple imputation or complete cases), and where the other one is. */
function missingDataRole(analyses: StudyResults["analyses"], chosen: PrimaryCandidate | null, candidates: readonly PrimaryCandidate[], miPrimary: boolean): MissingDataRole {
  const ref = (c: PrimaryCandidate | undefined): MissingDataRole["sensitivity"] => (c === undefined ? null : { id: c.id, section: c.section, label: c.label });
  if (chosen === null) return { approach: miPrimary ? "mi" : "complete-case", sensitivity: null, note: null };
  if (chosen.section === "missing") return { approach: "mi", sensitivity: ref(candidates.find((x) => x.section === "effects" && x.id === chosen.id)), note: null };
  const pooled = chosen.section === "effects" ? candidates.find((x) => x.section === "missing" && x.id === chosen.id) : undefined;
  if (!miPrimary) return { approach: "complete-case", sensitivity: ref(pooled), note: null };
  const w = analyses.missing?.within;
  const why =
    chosen.section !== "effects"
      ? "multiple imputation covers the treatment-effect table and the multivariable Cox model, not this design"
      : w === null || w === undefined
        ? "no covariate of the propensity analyses has a missing value, so multiple imputation changes nothing"
        : "its pooled estimate is missing";
  return { approach: "complete-case", sensitivity: null, note: `missing.primary is "mi", but the primary analysis (${chosen.label}) has no multiple-imputation version (${why}): its complete-case estimate is primary` };
}

/** The reason's sentence on missing covariates: which version is primary and which is the sensitivity analysis. */
function missingDataSentence(md: MissingDataRole, c: PrimaryCandidate, analyses: StudyResults["analyses"]): string {
  if (md.note !== null) return `Missing covariates: ${md.note}.`;
  const w = analyses.missing?.within;
  const ccN = analyses.effects?.estimates.find((e) => e.id === c.id)?.n;
  if (md.approach === "mi" && w !== null && w !== undefined) {
    return `Missing covariates (missing.primary: mi): the primary estimate is this analysis by multiple imputation (${w.m} imputations of all ${w.n} patients, pooled by Rubin's rules); its complete-case estimate${ccN === undefined ? "" : ` (${ccN} patients)`} is a sensitivity analysis.`;
  }
  return md.sensitivity === null ? "Missing covariates: complete-case analysis (missing.primary: complete-case)." : `Missing covariates (missing.primary: complete-case): the primary estimate is the complete-case analysis; the same analysis by multiple imputation (${md.sensitivity.label}) is a sensitivity analysis.`;
}
