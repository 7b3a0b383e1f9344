/**
 * The x-axis title of a time axis that starts at a dated origin: "Months since date_lung_met" (en), "Monate seit
 * date_lung_met" (de), "date_lung_met からの期間（か月）" (ja), from the descriptive catalogue's `timeSince`. Every
 * figure whose time axis starts at an endpoint's origin, or at the date of treatment for a population followed from
 * treatment, names that origin this way; without a dated origin the figures keep "Time (months)".
 */
import type { StudyResults } from "../study/run.js";
import { endpointOrigin } from "../study/schema.js";
import { msg } from "../i18n/messages.js";

/**
 * "Months since <origin>" of `endpoint`: its origin column, or the treatment's date column (spec `treatment.date`)
 * when the analysis follows its patients from the date of treatment (`fromTreatment`); undefined when there is no such
 * dated origin (then the figure says "Time (months)").
 *
 * @example
 * ```ts
 * timeSinceOrigin(results, "os", "months"); // "Months since date_lung_met"
 * timeSinceOrigin(results, "os", "months", true); // "Months since date_pm"
 * ```
 */
export function timeSinceOrigin(r: Pick<StudyResults, "spec">, endpoint: string | undefined, unit: string | undefined, fromTreatment = false): string | undefined {
  const spec = endpoint === undefined ? undefined : r.spec.endpoints[endpoint];
  const endpointStart = spec === undefined ? undefined : endpointOrigin(spec);
  const origin = fromTreatment ? (endpointStart === undefined ? undefined : r.spec.treatment?.date) : endpointStart;
  return origin === undefined ? undefined : msg().descriptive.timeSince(unit ?? "", origin);
}

/** `{ xLabel }` with the title when there is one, else `{}` (spread into a figure's options). */
export function xLabelOption(label: string | undefined): { readonly xLabel?: string } {
  return label === undefined ? {} : { xLabel: label };
}
