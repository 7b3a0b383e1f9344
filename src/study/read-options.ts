/**
 * How a study spec asks for its data file to be read: the `readTable` options implied by `data:`
 * (sheet, decimal mark, missing tokens, date format, id column) plus per-column overrides (date columns
 * of the endpoints, declared types, reference levels of covariates). Pure and browser-safe, so the CLI
 * (`survinfer run`) and the local app read a file in exactly the same way.
 */
import type { ColumnOverride, ReadOptions } from "../data/read.js";
import { covariateObject, type StudySpec } from "./schema.js";
import { specColumnReferences } from "./spec-columns.js";

/**
 * Per-column read overrides from the spec: date columns of endpoints, declared types and reference levels.
 *
 * @example
 * columnOverrides(spec); // { date_lung_met: { type: "date" }, ..., sex: { reference: "female" } }
 */
export function columnOverrides(spec: StudySpec): Record<string, ColumnOverride> {
  const out: Record<string, { type?: ColumnOverride["type"]; reference?: string }> = {};
  for (const ref of specColumnReferences(spec)) if (ref.expectedKind === "date") out[ref.column] = { type: "date" };
  for (const [name, type] of Object.entries(spec.data.types ?? {})) out[name] = { ...out[name], type };
  for (const c of spec.covariates) {
    const cov = covariateObject(c);
    if (cov.type !== undefined) out[cov.name] = { ...out[cov.name], type: cov.type };
    if (cov.reference !== undefined) out[cov.name] = { ...out[cov.name], reference: String(cov.reference) };
  }
  return out;
}

/**
 * The `readTable` options of a spec's data file (`fileName` is how messages name the file).
 * Overrides naming absent columns are skipped, so that the study runner's own check can point at the
 * spec's line instead.
 *
 * @example
 * const read = readTable(bytes, specReadOptions(spec, "cohort.csv"));
 */
export function specReadOptions(spec: StudySpec, fileName: string): ReadOptions {
  return {
    fileName,
    sheet: spec.data.sheet,
    decimal: spec.data.decimal,
    ...(spec.data.delimiter !== undefined ? { delimiter: spec.data.delimiter === "tab" ? "\t" : spec.data.delimiter } : {}),
    ...(spec.data.encoding !== undefined ? { encoding: spec.data.encoding } : {}),
    missing: spec.data.missing,
    dateFormat: spec.data.dateFormat,
    idColumn: spec.data.id,
    columns: columnOverrides(spec),
    skipAbsentColumnOverrides: true,
  };
}
