/**
 * The "Analyses not estimable" entries as the report and the app show them (referee A8, session 11): a refused row of
 * the treatment-effect table (effects.matchedAdjusted, effects.weightedAdjusted, …) whose effects are biased by design
 * is named as the table names it, by its matched sample or weighting scheme and never by a causal estimand
 * (schemeNotEstimand in sections-effects.ts): "IPTW Cox adjusted for covariates (ATE weights, conditional HR)".
 */
import { notEstimableParts, notEstimableText, type NotEstimable } from "../study/not-estimable.js";
import { engineText } from "../i18n/warnings.js";
import { schemeNotEstimand } from "./sections-effects.js";
import { warningLabeller, warningRows, type ReadFirstRow } from "./read-first.js";
import type { StudyResults } from "../study/run.js";

/** What of the treatment-effect results the entries need: the design bias and the rows' ids and estimands. */
export interface EffectsForNotEstimable {
  readonly biasedByDesign?: string | null;
  readonly estimates: readonly { readonly id: string; readonly estimand: string }[];
}

/** The treatment-effect row an entry refuses ("effects.<id>"), when the effects are biased by design; otherwise undefined. */
export function biasedEffectRow(n: Pick<NotEstimable, "analysis">, effects: EffectsForNotEstimable | undefined): { readonly id: string; readonly estimand: string } | undefined {
  if (effects === undefined || (effects.biasedByDesign ?? null) === null) return undefined;
  const m = /^effects\.([A-Za-z]+)$/.exec(n.analysis);
  return m === null ? undefined : effects.estimates.find((e) => e.id === m[1]);
}

/** One entry in the language in force (notEstimableText, translated), a biased-by-design row named by its scheme. */
export function notEstimableShown(n: NotEstimable, effects: EffectsForNotEstimable | undefined): string {
  const text = engineText(notEstimableText(n));
  const row = biasedEffectRow(n, effects);
  return row === undefined ? text : schemeNotEstimand(text, row);
}

/**
 * A Read-first item made from an entry (read-first.ts: context and text from notEstimableParts) as it is shown: the
 * entry's refused row, biased by design, named by its scheme as in the list above; undefined for any other item, which
 * is shown as before (render.ts itemText).
 */
export function readFirstNotEstimableShown(item: { readonly context: string; readonly text: string }, notEstimable: readonly NotEstimable[], effects: EffectsForNotEstimable | undefined): string | undefined {
  const n = notEstimable.find((x) => {
    const p = notEstimableParts(x);
    return p.context === item.context && p.text === item.text;
  });
  const row = n === undefined ? undefined : biasedEffectRow(n, effects);
  return row === undefined ? undefined : schemeNotEstimand(engineText(`${item.context}: ${item.text}`), row);
}

/**
 * A warning as shown (its text already in the language in force, engineText) with each row it concerns that is biased
 * by design named by its scheme, as the tables name the row (issue 19, session 12): "IPTW Cox (ATE weights, marginal
 * HR; robust SE): residual imbalance …", "missing data: PS-matched Cox adjusted for covariates (matched sample, …): not
 * estimable …". The rows come from the results' structure (read-first.ts warningRows); each row's label, in the same
 * language, is renamed where the text names it. results.json keeps the engine's text.
 */
export function rowsNamedByScheme(shown: string, rows: readonly ReadFirstRow[] | undefined): string {
  let out = shown;
  for (const row of rows ?? []) {
    if (row.biasedByDesign === null || row.estimand === "none") continue;
    const label = engineText(row.label);
    out = out.split(label).join(schemeNotEstimand(label, row));
  }
  return out;
}

/**
 * A study-level warning (results.warnings, "missing data: …") as summary.txt and the app list it: in the language in
 * force, column names as the spec's labels (read-first.ts warningLabeller), and the rows it concerns that are biased
 * by design named by their scheme ({@link rowsNamedByScheme}).
 */
export function studyWarningShown(r: StudyResults): (text: string) => string {
  const labelled = warningLabeller(r);
  const rowsOf = warningRows(r);
  return (text) => rowsNamedByScheme(engineText(labelled(text)), rowsOf("warnings", text));
}
