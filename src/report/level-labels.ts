/**
 * Display labels of the levels of a column, from the spec's `labels` (e.g. metastasectomy: { yes:
 * "Metastasectomy", no: "No metastasectomy" }), for every table that shows a level: Table 1 (group columns,
 * categorical levels), the Cox table (factor levels), the survival, RMST, competing-risks and flow tables
 * (groups). The figures take the same map (report-context.ts). A level without a label shows as it is.
 */
import type { StudyResults } from "../study/run.js";

/** Label of `level` of `column` ("treatment" means the treatment's column). */
export type LevelLabeller = (column: string | undefined, level: string) => string;

/**
 * The labeller of a study: the spec's `labels` map, looked up by column (and by the treatment's column for
 * "treatment").
 *
 * @example
 * ```ts
 * const label = levelLabeller(results);
 * label("treatment", "yes"); // "Metastasectomy" with labels: { metastasectomy: { yes: Metastasectomy } }
 * ```
 */
export function levelLabeller(r: Pick<StudyResults, "spec">): LevelLabeller {
  const labels = r.spec.labels;
  const treatment = r.spec.treatment?.column;
  return (column, level) => {
    if (labels === undefined || column === undefined) return level;
    const col = column === "treatment" && treatment !== undefined ? treatment : column;
    return labels[col]?.[level] ?? level;
  };
}

/** The labels of one column as a map (for builders that take `{ level: label }`); undefined without any. */
export function columnLevelLabels(r: Pick<StudyResults, "spec">, column: string | undefined): Readonly<Record<string, string>> | undefined {
  if (column === undefined) return undefined;
  const col = column === "treatment" ? (r.spec.treatment?.column ?? column) : column;
  return r.spec.labels?.[col];
}
