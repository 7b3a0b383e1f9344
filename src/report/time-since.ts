/**
 * The x-axis title of a time axis that starts at a dated origin: "Months since diagnosis of lung metastases" (en),
 * "Monate seit …" (de), "… からの期間（か月）" (ja), from the descriptive catalogue's `timeSince`. Every
 * figure whose time axis starts at an endpoint's origin, or at the date of treatment for a population followed from
 * treatment, names that origin this way; without a dated origin the figures keep "Time (months)".
 */
import type { StudyResults } from "../study/run.js";
import { endpointOrigin, endpointOriginLabel } from "../study/schema.js";
import { msg } from "../i18n/messages.js";
import { currentLanguage } from "../i18n/language.js";
import { lowerFirst } from "./labels.js";

/**
 * "Months since <origin>" of `endpoint`: its origin in words (spec `originLabel`, else the origin column), or the
 * treatment (its label, else the treatment's date column `treatment.date`) when the analysis follows its patients from
 * the date of treatment (`fromTreatment`); undefined when there is no such dated origin (then the figure says "Time
 * (months)"). An English label is lower-cased at its start inside the title ("Months since pulmonary metastasectomy").
 *
 * @example
 * ```ts
 * timeSinceOrigin(results, "os", "months"); // "Months since diagnosis of lung metastases" (originLabel; without it "Months since date_lung_met")
 * timeSinceOrigin(results, "os", "months", true); // "Months since pulmonary metastasectomy" (treatment.label)
 * ```
 */
export function timeSinceOrigin(r: Pick<StudyResults, "spec">, endpoint: string | undefined, unit: string | undefined, fromTreatment = false): string | undefined {
  const spec = endpoint === undefined ? undefined : r.spec.endpoints[endpoint];
  const dated = spec === undefined ? undefined : endpointOrigin(spec);
  const treatment = r.spec.treatment;
  const words = fromTreatment ? (dated === undefined || treatment?.date === undefined ? undefined : (treatment.label ?? treatment.date)) : spec === undefined ? undefined : endpointOriginLabel(spec);
  if (words === undefined) return undefined;
  const inTitle = currentLanguage() === "en" && words !== dated && words !== treatment?.date ? lowerFirst(words) : words;
  return msg().descriptive.timeSince(unit ?? "", inTitle);
}

/** `{ xLabel }` with the title when there is one, else `{}` (spread into a figure's options). */
export function xLabelOption(label: string | undefined): { readonly xLabel?: string } {
  return label === undefined ? {} : { xLabel: label };
}
