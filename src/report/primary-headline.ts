/**
 * The primary analysis when it is one of the immortal-time designs (clone–censor–weight, adjusted time-dependent
 * Cox, landmark with the PS re-estimated), in one line for the places that show it first (issue 14): summary.txt's
 * Immortal time block and the app's results panel. Its lead (declared or by the default rule, settings that are
 * defaults), its absolute effects (the clone–censor–weight headline, each interval whose bootstrap is not centred
 * flagged: src/study/primary.ts), its HR and its patients and events, in the language in force.
 */
import type { PrimaryAnalysis } from "../study/primary.js";
import type { StudyResults } from "../study/run.js";
import { msg } from "../i18n/messages.js";
import { engineText } from "../i18n/warnings.js";
import { pPhrase } from "./number-format.js";
import { fmtRatioCi } from "./tables.js";
import { ccwSmallSampleWarning } from "../study/immortal-time/ccw-diagnostics.js";

/**
 * How the clone–censor–weight primary's intervals were formed, said once (referee finding B2): "intervals: survival
 * differences Wald with the larger of the bootstrap and IJ SEs, RMST bootstrap percentile, HR robust SE", from
 * results.json `intervalMethod`; "" when the primary is another design or its results are not given.
 */
function intervalMethods(primary: Pick<PrimaryAnalysis, "id">, analyses: Pick<StudyResults["analyses"], "immortalTime"> | undefined): string {
  const cw = analyses?.immortalTime?.cloneCensorWeight;
  if (primary.id !== "cloneCensorWeight" || cw === undefined) return "";
  const im = msg().immortal;
  const items = [
    ...(cw.survivalDifference.some((d) => d.intervalMethod === "wald-larger-se") ? [im.intervalsWald] : []),
    ...(cw.rmstDifference?.intervalMethod === "percentile" ? [im.intervalsRmstPercentile] : []),
    ...(cw.hazardRatio !== null ? [im.intervalsHrRobust] : []),
  ];
  return items.length === 0 ? "" : `${im.sep}${im.primaryIntervals(items.join(", "))}`;
}

/**
 * The line, or null when the primary is in another section, has no estimate, or there is none. With the study's
 * `analyses`, a clone–censor–weight primary's line ends with how its intervals were formed.
 */
export function immortalPrimaryText(primary: Pick<PrimaryAnalysis, "id" | "section" | "candidates" | "lead">, analyses?: Pick<StudyResults["analyses"], "immortalTime">): string | null {
  const pe = primary.section === "immortal-time" ? primary.candidates.find((c) => c.id === primary.id && c.section === primary.section)?.estimate : undefined;
  if (pe === undefined || primary.lead === undefined) return null;
  const hr = `HR ${fmtRatioCi(pe.hr, pe.lower, pe.upper)}, ${pPhrase(pe.p)}`;
  const im = msg().immortal;
  const lead = engineText(primary.lead);
  const line = pe.headline !== undefined ? im.primaryHere(lead, engineText(pe.headline), hr, String(pe.n), String(pe.events)) : im.primaryHereHr(lead, hr, String(pe.n), String(pe.events));
  return `${line}${intervalMethods(primary, analyses)}`;
}

/**
 * Whether the primary analysis is one of the immortal-time designs (clone–censor–weight, adjusted time-dependent
 * Cox, landmark with the PS re-estimated): then its section leads the report and summary.txt, before the crude
 * comparisons by treatment ever received (issue 14). A study without immortal time, or whose primary is in the
 * treatment-effect section, keeps the usual order.
 */
export function primaryLeads(r: Pick<StudyResults, "primary" | "analyses">): boolean {
  return r.primary?.section === "immortal-time" && r.primary.id !== null && r.analyses.immortalTime !== undefined;
}

/**
 * What the clone–censor–weight primary's line must carry beside its numbers (issue 19, referee A9 and A2): the
 * residual-imbalance flag of its weights (cloneCensorWeight.diagnostics.flag) and, below the cohort sizes at which the
 * coverage of its survival differences' interval was checked, that the coverage is unknown; in the language in force.
 */
export function ccwPrimaryCaveats(r: Pick<StudyResults, "primary" | "analyses">): string[] {
  const cw = r.analyses.immortalTime?.cloneCensorWeight;
  if (r.primary?.id !== "cloneCensorWeight" || r.primary.section !== "immortal-time" || cw === undefined) return [];
  const flag = cw.diagnostics?.flag;
  const small = ccwSmallSampleWarning(cw.n, cw.bootstrap !== null);
  return [...(flag ? [engineText(flag.text)] : []), ...(small === null ? [] : [engineText(small)])];
}

/**
 * The immortal-time primary's line as summary.txt and the app print it: {@link immortalPrimaryText} and the caveats
 * its numbers carry ({@link ccwPrimaryCaveats}); null when the primary is not an immortal-time design.
 */
export function immortalPrimaryLine(r: Pick<StudyResults, "primary" | "analyses">): string | null {
  const primary = immortalPrimaryText(r.primary, r.analyses);
  return primary === null ? null : `${primary}${ccwPrimaryCaveats(r).map((c) => `${msg().immortal.sep}${c}`).join("")}`;
}
