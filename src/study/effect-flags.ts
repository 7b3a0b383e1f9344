/**
 * Flags on treatment hazard ratios that stay in the table but must not be read like the others (issue 19,
 * study-truth points 2 and 3):
 * - few events: an HR from fewer than `analyses.safeguards.minEvents` events (default 10) is imprecise whatever
 *   its parameters (Peduzzi 1995's rule of thumb of 10 events concerns even one parameter; Vittinghoff &
 *   McCulloch 2007, doi:10.1093/aje/kwk052). For a Cox model stratified on matched set only the events at which
 *   the set's risk set still holds a treated and a control member enter the partial likelihood (a pair whose
 *   first member to leave follow-up is censored, or whose members both died before either was at risk with the
 *   other, adds nothing): those informative events are counted.
 * - balance worsened: matching (or weighting) left the sample less balanced than no adjustment at all (more
 *   terms beyond the |SMD| threshold, or a larger largest |SMD|): its estimates are not confounding-adjusted.
 * - residual imbalance: matching or weighting left covariate terms beyond the balance thresholds of the report's
 *   balance verdict (|SMD| ≥ 0.1, Austin 2009, doi:10.1002/sim.3697, or a variance ratio outside 0.5–2; src/causal/
 *   balance-verdict.ts), though fewer than without adjustment: the marginal matched or weighted HR then rests partly
 *   on the covariate differences left. Only the estimates of the treatment alone (matched, matchedStratified,
 *   weighted, weightedMEstimation); the covariate-adjusted ones model the residual differences. A sample whose
 *   balance worsened carries that flag instead.
 * A flagged row keeps its number and carries the flag; the default rule never chooses it as primary, and the
 * sensitivity analyses say the flag when they use it. No R equivalent: R reports whatever it fits.
 */
import type { BalanceRow } from "../causal/balance.js";
import type { StudySpec } from "./schema.js";

/** Default of `analyses.safeguards.minEvents`. */
export const DEFAULT_MIN_EVENTS = 10;

/** The spec's minimum number of events for a treatment HR read without a flag. */
export function minEventsOf(spec: Pick<StudySpec, "analyses">): number {
  return spec.analyses.safeguards?.minEvents ?? DEFAULT_MIN_EVENTS;
}

/** One flag on one treatment-effect estimate (results.analyses.effects.flags[]). */
export interface EffectFlag {
  /** The estimate's id (src/causal/effect.ts), e.g. "matchedStratified". */
  readonly id: string;
  readonly kind: "fewEvents" | "balanceWorsened" | "residualImbalance";
  /** Events the estimate rests on (informative events for a matched-set-stratified model); fewEvents only. */
  readonly events?: number;
  /** The flag as the row shows it, e.g. "only 5 events in informative matched pairs: imprecise". */
  readonly text: string;
  /** residualImbalance only: the balance verdict that names the imbalanced covariate terms (the table's footnote). */
  readonly detail?: string;
}

/**
 * A warning of one hazard-ratio row (results' `rowWarnings`, beside the `warnings` that hold its text): the row's id
 * (as `effects.estimates[].id`) and the warning's text exactly as in those `warnings`.
 */
export interface RowWarning {
  readonly id: string;
  readonly text: string;
}

/** Covariate terms beyond the balance thresholds after matching or weighting (src/causal/balance-verdict.ts). */
export interface ResidualImbalance {
  readonly sample: "matched" | "weighted";
  readonly nImbalanced: number;
  readonly nTerms: number;
  /** The balance verdict, naming each imbalanced term with its statistics. */
  readonly verdict: string;
}

/**
 * Events that enter a Cox partial likelihood stratified on matched set: an event counts when, at its time, the
 * set's risk set (members with time ≥ the event time) holds both a treated and a control member.
 * `sets[k]` lists the set's members as data rows; `time`, `status` and `treated` are indexed by data row
 * (status 1 = event; a row without outcome has NaN time and is left out).
 *
 * @example
 * ```ts
 * // pair 1: control dies at 2, treated censored at 5 → informative; pair 2: treated censored at 1, control dies at 3 → not
 * informativeSetEvents([[0, 1], [2, 3]], [5, 2, 1, 3], [0, 1, 0, 1], [1, 0, 1, 0]); // 1
 * ```
 */
export function informativeSetEvents(sets: readonly (readonly number[])[], time: ArrayLike<number>, status: ArrayLike<number>, treated: ArrayLike<number>): number {
  let k = 0;
  for (const set of sets) {
    const rows = set.filter((i) => Number.isFinite(time[i]));
    for (const i of rows) {
      if (status[i] !== 1) continue;
      const atRisk = rows.filter((j) => time[j] >= time[i]);
      if (atRisk.some((j) => treated[j] === 1) && atRisk.some((j) => treated[j] !== 1)) k++;
    }
  }
  return k;
}

/** Whether an adjusted sample is less balanced than the unadjusted one, with the counts in words. */
export interface BalanceWorsening {
  readonly sample: "matched" | "weighted";
  /** Terms with |SMD| ≥ threshold, unadjusted and adjusted. */
  readonly beyondBefore: number;
  readonly beyondAfter: number;
  /** Largest |SMD|, unadjusted and adjusted, and the term (label) of the adjusted one. */
  readonly maxBefore: number;
  readonly maxAfter: number;
  readonly maxTerm: string;
  /** One sentence for the balance verdict. */
  readonly text: string;
}

const two = (x: number): string => x.toFixed(2);

/**
 * The worsening of balance from `before` (unadjusted rows) to `after` (the adjusted sample's rows), or null when
 * the adjusted sample is not less balanced: more terms with |SMD| ≥ `threshold`, or a larger largest |SMD|
 * (beyond rounding: 0.005).
 */
export function balanceWorsening(sample: "matched" | "weighted", before: readonly BalanceRow[], after: readonly BalanceRow[], threshold: number | null, label: (row: BalanceRow) => string): BalanceWorsening | null {
  const finite = (rows: readonly BalanceRow[]) => rows.filter((r) => Number.isFinite(r.smd));
  const b = finite(before);
  const a = finite(after);
  if (b.length === 0 || a.length === 0) return null;
  const th = threshold ?? 0.1;
  const beyond = (rows: readonly BalanceRow[]): number => rows.filter((r) => Math.abs(r.smd) >= th).length;
  const maxOf = (rows: readonly BalanceRow[]): BalanceRow => rows.reduce((m, r) => (Math.abs(r.smd) > Math.abs(m.smd) ? r : m));
  const mb = maxOf(b);
  const ma = maxOf(a);
  const beyondBefore = beyond(b);
  const beyondAfter = beyond(a);
  const maxBefore = Math.abs(mb.smd);
  const maxAfter = Math.abs(ma.smd);
  if (!(beyondAfter > beyondBefore || maxAfter > maxBefore + 0.005)) return null;
  const what = sample === "matched" ? "Matching" : "Weighting";
  const terms = beyondAfter === beyondBefore ? `as many terms with |SMD| ≥ ${th} as before (${beyondAfter} of ${a.length})` : `${beyondAfter} of ${a.length} terms with |SMD| ≥ ${th} against ${beyondBefore} before`;
  const text = `${what} made covariate balance worse than no adjustment: ${terms}, largest |SMD| ${two(maxAfter)} (${label(ma)}) against ${two(maxBefore)}; the ${sample} estimates are not interpretable as confounding-adjusted.`;
  return { sample, beyondBefore, beyondAfter, maxBefore, maxAfter, maxTerm: label(ma), text };
}

/** The flag text of an HR from too few events. */
export function fewEventsText(events: number, informative: boolean): string {
  return `only ${events} event${events === 1 ? "" : "s"}${informative ? " in informative matched sets" : ""}: imprecise`;
}

/** The flag text of an estimate from a sample whose balance matching or weighting worsened. */
export function balanceWorsenedText(sample: "matched" | "weighted"): string {
  return `${sample === "matched" ? "matching" : "weighting"} worsened balance: not confounding-adjusted`;
}

/** The flag text of an estimate from a sample that matching or weighting left imbalanced. */
export function residualImbalanceText(r: Pick<ResidualImbalance, "sample" | "nImbalanced" | "nTerms">): string {
  return `residual imbalance after ${r.sample === "matched" ? "matching" : "weighting"}: ${r.nImbalanced} of ${r.nTerms} covariate terms imbalanced`;
}

/**
 * The row warning of an estimate flagged for residual imbalance (its ⚠ mark; Read first lists it). `where`: the table
 * under which the balance verdict names the terms (the landmark's PS model has its own balance table).
 */
export function residualImbalanceWarning(r: Pick<ResidualImbalance, "sample" | "nImbalanced" | "nTerms">, where: "the treatment-effect table" | "the landmark balance table" = "the treatment-effect table"): string {
  return `${residualImbalanceText(r)}: the ${r.sample} estimate rests partly on the covariate differences left (named under ${where}); never the default primary analysis`;
}

/**
 * The warning on an adjusted sample less balanced than the unadjusted one (the propensity step's, in
 * results.analyses.propensity.analysis.warnings and results.warnings "propensity: …"; the landmark PS model's); the
 * report finds it by this text to mark that sample's rows (src/report/sections-effects.ts).
 */
export function balanceWorsenedWarning(w: BalanceWorsening, threshold: number | null): string {
  return `${w.sample === "matched" ? "matching" : "weighting"} worsened covariate balance (terms with |SMD| ≥ ${threshold ?? 0.1}: ${w.beyondAfter}, unadjusted ${w.beyondBefore}; largest |SMD| ${w.maxAfter.toFixed(2)}, ${w.maxTerm}, unadjusted ${w.maxBefore.toFixed(2)}): the ${w.sample} estimates are not interpretable as confounding-adjusted; they are kept, flagged, as sensitivity analyses only`;
}

/**
 * The warnings of one flagged estimate (too few events, residual imbalance), as its row's ⚠ marks and Read first say
 * them; empty when it carries neither. A worsened balance is warned once for its sample (balanceWorsenedWarning).
 */
export function flagWarnings(
  e: { readonly id: string; readonly nEvents: number },
  flags: readonly EffectFlag[],
  residual: readonly ResidualImbalance[],
  minEvents: number,
  where?: "the treatment-effect table" | "the landmark balance table",
): string[] {
  const few = flags.find((f) => f.id === e.id && f.kind === "fewEvents");
  const left = flags.some((f) => f.id === e.id && f.kind === "residualImbalance") ? residual.find((x) => x.sample === sampleOfEstimate(e.id)) : undefined;
  const why = few !== undefined && e.id === "matchedStratified" && few.events !== e.nEvents ? ` (of its ${e.nEvents} events, only those in matched sets whose risk set still holds a treated and a control member enter the stratified likelihood)` : "";
  return [
    ...(few === undefined ? [] : [`${few.text}${why}: fewer than ${minEvents} events (analyses.safeguards.minEvents), so the hazard ratio and its interval are unstable; never the default primary analysis`]),
    ...(left === undefined ? [] : [residualImbalanceWarning(left, where)]),
  ];
}

/** Estimates of the treatment alone on an adjusted sample: the ones a residual imbalance flags. */
const UNADJUSTED_ON_SAMPLE: ReadonlySet<string> = new Set(["matched", "matchedStratified", "weighted", "weightedMEstimation"]);

/** Which adjusted sample an estimate id comes from. */
export function sampleOfEstimate(id: string): "matched" | "weighted" | null {
  return id.startsWith("matched") ? "matched" : id.startsWith("weighted") ? "weighted" : null;
}

/**
 * The flags of a treatment-effect table's estimates. `informativeEvents`: the informative events of the
 * matched-set-stratified model (null when the matched sets are not known: its events are then counted as given).
 */
export function effectFlags(
  estimates: readonly { readonly id: string; readonly hr: number | null; readonly nEvents: number }[],
  options: { readonly minEvents: number; readonly informativeEvents: number | null; readonly worsened: readonly BalanceWorsening[]; readonly residual?: readonly ResidualImbalance[] },
): EffectFlag[] {
  const out: EffectFlag[] = [];
  for (const e of estimates) {
    if (e.hr === null) continue;
    const informative = e.id === "matchedStratified" && options.informativeEvents !== null;
    const events = informative ? options.informativeEvents! : e.nEvents;
    if (events < options.minEvents) out.push({ id: e.id, kind: "fewEvents", events, text: fewEventsText(events, informative) });
    const sample = sampleOfEstimate(e.id);
    const worse = sample !== null && options.worsened.some((w) => w.sample === sample);
    if (worse) out.push({ id: e.id, kind: "balanceWorsened", text: balanceWorsenedText(sample) });
    const left = sample === null || worse || !UNADJUSTED_ON_SAMPLE.has(e.id) ? undefined : (options.residual ?? []).find((r) => r.sample === sample && r.nImbalanced > 0);
    if (left !== undefined) out.push({ id: e.id, kind: "residualImbalance", text: residualImbalanceText(left), detail: left.verdict });
  }
  return out;
}
