/**
 * Why a study has no primary analysis (the `reason` src/study/primary.ts writes when it names none), in the
 * language in force: each sentence primary.ts writes is matched whole and said from the catalogue (the `app`
 * texts, shared by the report and the browser app); anything else goes through the engine-text catalogue.
 */
import { msg, type Messages } from "../i18n/messages.js";
import { engineText } from "../i18n/warnings.js";

const FALLBACK = /^The declared primary analysis \(analyses\.primary: ([^,]+), (.+?)\) was (.+?); the primary falls to the next by the default rule\. (.+)$/s;
const BIASED = /^No primary analysis: every treatment-effect analysis available compares patients by treatment ever received from the origin and is biased by design \((.+)\); all are shown as sensitivity analyses\. Declare analyses\.primary to name one anyway\.$/;
const FLAGGED = /^No primary analysis: every confounding-adjusted analysis of the default rule is flagged or not estimable(?: \((.+)\))?, and the crude Cox model, not adjusted for confounding, is not chosen in their place; all are shown as sensitivity analyses\. Declare analyses\.primary to name one anyway\.$/s;
const FLAGGED_ALL = /^No primary analysis: every candidate of the default rule not biased by design is flagged or not estimable \((.+)\); all are shown as sensitivity analyses\. Declare analyses\.primary to name one anyway\.$/s;
const NOT_ESTIMABLE = /^The declared primary analysis \((.+)\) could not be estimated on these data \(see Not estimable\)\.$/;

export function primaryReasonText(reason: string, t: Messages["app"] = msg().app): string {
  let m = FALLBACK.exec(reason);
  if (m !== null) return t.primaryFallback(m[1], engineText(m[2]), engineText(m[3]), primaryReasonText(m[4], t));
  m = BIASED.exec(reason);
  if (m !== null) return t.noPrimaryBiased(m[1]);
  m = FLAGGED.exec(reason);
  // the skipped analyses, "label: why; label: why", each said by the engine-text catalogue
  if (m !== null) return t.noPrimaryFlagged(m[1] === undefined ? "" : splitOutside(m[1]).map((x) => engineText(x)).join(t.listSeparator));
  m = FLAGGED_ALL.exec(reason);
  if (m !== null) return t.noPrimaryFlaggedAll(splitOutside(m[1]).map((x) => engineText(x)).join(t.listSeparator));
  if (reason === "No primary analysis: no candidate of the default rule was estimable; all are shown as sensitivity analyses.") return t.noPrimaryNone;
  if (reason === "No treatment-effect analysis ran.") return t.noPrimaryNoAnalysis;
  m = NOT_ESTIMABLE.exec(reason);
  if (m !== null) return t.primaryNotEstimable(m[1]);
  return engineText(reason);
}

/** "a (x; y): b; c: d" → ["a (x; y): b", "c: d"]: split at "; " outside parentheses. */
function splitOutside(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "(") depth++;
    else if (c === ")") depth = Math.max(0, depth - 1);
    else if (depth === 0 && c === ";" && text[i + 1] === " ") {
      out.push(text.slice(start, i));
      start = i + 2;
    }
  }
  out.push(text.slice(start));
  return out;
}
