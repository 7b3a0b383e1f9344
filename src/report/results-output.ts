/**
 * results.json at scale: what a study's results become on disk when the data have more than
 * {@link PATIENT_ARRAY_LIMIT} rows, so that results.json grows with what a reader needs (estimates,
 * curves, tests), not with the number of patients. Up to the limit, results.json holds the results as
 * they are (every per-patient array inline). Above it (docs/report.md, "Large studies"):
 *
 * 1. Per-patient values in data-row order (propensity score, treatment, IPTW and matching weights) go to
 *    `tables/patients.csv`, one row per data row (`dataRow` = 1-based position in the data file); each
 *    patient's cure fraction and probability of cure go to `tables/cure-patients.csv` (`fileRow` = row
 *    number in the file, header = 1); matched sets go to `tables/matched-sets.csv`. In results.json each
 *    of these arrays becomes `{ "file", "column", "length" }`.
 * 2. Survival-type curves (objects with `time` and `nEvent` arrays: Kaplan–Meier strata, mean cumulative
 *    functions) keep their step points only: the rows with an event, and the last row (end of follow-up).
 *    The step function is unchanged at every time; `nCensor` at a kept row still counts the censorings at
 *    that time, and `censorOnlyRowsOmitted` says how many rows were left out (R: `summary(fit, censored = FALSE)`).
 * 3. Every other array longer than {@link SUMMARY_LENGTH} (model internals: linear predictors, fitted values, working
 *    weights, scaled Schoenfeld residuals, preference scores, row lists) becomes
 *    `{ "omitted": "<why>", "length", "min", "max" }` (min/max over its finite numbers, when numeric).
 * 4. `patientData` at the top level lists the rule, the files and every replaced path.
 *
 * Pure: returns a new JSON-ready object and file texts; the in-memory results (which the report renders)
 * are not changed.
 */
import type { StudyResults } from "../study/run.js";
import { csvField, toCsv } from "./csv.js";

/** Most patients (data rows) whose per-patient arrays are written inline in results.json. */
export const PATIENT_ARRAY_LIMIT = 10_000;

/** Above the limit, other arrays (not curves, not CSV columns) longer than this are summarised. */
export const SUMMARY_LENGTH = 1_000;

export const PATIENTS_CSV = "tables/patients.csv";
export const CURE_PATIENTS_CSV = "tables/cure-patients.csv";
export const MATCHED_SETS_CSV = "tables/matched-sets.csv";

type Path = readonly string[];

/** Per-patient arrays that go to a CSV: path in the results, file and column. */
interface PatientColumn {
  readonly path: Path;
  readonly file: string;
  readonly column: string;
  readonly description: string;
}

const PROPENSITY = ["analyses", "propensity", "analysis"] as const;
const CURE_PATIENTS = ["analyses", "cure", "patients"] as const;

const PATIENT_COLUMNS: readonly PatientColumn[] = [
  { path: [...PROPENSITY, "treatment"], file: PATIENTS_CSV, column: "treatment", description: "1 treated, 0 untreated, empty when not in the propensity model" },
  { path: [...PROPENSITY, "ps"], file: PATIENTS_CSV, column: "ps", description: "propensity score" },
  { path: [...PROPENSITY, "weighting", "weights"], file: PATIENTS_CSV, column: "iptwWeight", description: "IPTW weight" },
  { path: [...PROPENSITY, "matching", "weights"], file: PATIENTS_CSV, column: "matchingWeight", description: "matching weight (0 = unmatched)" },
  { path: [...CURE_PATIENTS, "row"], file: CURE_PATIENTS_CSV, column: "fileRow", description: "row number in the data file (header = 1)" },
  { path: [...CURE_PATIENTS, "cureFraction"], file: CURE_PATIENTS_CSV, column: "cureFraction", description: "π(z): probability of belonging to the cured" },
  { path: [...CURE_PATIENTS, "cureProbability"], file: CURE_PATIENTS_CSV, column: "cureProbability", description: "P(cured | event-free at last follow-up)" },
];

const MATCHED_PATH: Path = [...PROPENSITY, "matching", "result", "matched"];

export interface PatientDataIndex {
  readonly rule: string;
  readonly limit: number;
  readonly nRows: number;
  readonly files: readonly { readonly file: string; readonly columns: readonly { readonly column: string; readonly path: string; readonly description: string }[] }[];
  readonly summarised: readonly { readonly path: string; readonly length: number }[];
  readonly curvesStepPointsOnly: readonly string[];
}

const RULE =
  `above ${PATIENT_ARRAY_LIMIT.toLocaleString("en-US")} data rows, per-patient values are written to CSV files under tables/, ` +
  `curves keep their step points (rows with an event, and the last row) and other arrays longer than ${SUMMARY_LENGTH.toLocaleString("en-US")} are summarised (length, min, max); see docs/report.md`;

type ArrayValue = readonly unknown[] | ArrayLike<number>;

function isArrayValue(v: unknown): v is ArrayValue {
  return Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView));
}

function samePath(a: Path, b: Path): boolean {
  return a.length === b.length && a.every((k, i) => k === b[i]);
}

/** Min and max over the finite numbers of an array; nulls when it has none. */
function range(a: ArrayValue): { min: number | null; max: number | null } {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (typeof v === "number" && Number.isFinite(v)) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  return min <= max ? { min, max } : { min: null, max: null };
}

/** The rows of a curve to keep: rows with an event, and the last row. */
function stepRows(nEvent: ArrayLike<number>): number[] {
  const keep: number[] = [];
  for (let j = 0; j < nEvent.length; j++) if (nEvent[j] > 0 || j === nEvent.length - 1) keep.push(j);
  return keep;
}

/** Numbers (or nulls) only: a per-row column of a curve, as opposed to a list of objects (`at`, `quantiles`). */
function isNumericArray(a: ArrayValue): boolean {
  if (!Array.isArray(a)) return true;
  return a.every((v) => v === null || typeof v === "number");
}

/** A curve object: `time` and `nEvent` arrays of the same length. */
function isCurve(o: Record<string, unknown>): boolean {
  const t = o.time;
  const e = o.nEvent;
  return isArrayValue(t) && isArrayValue(e) && t.length === e.length && t.length > 0;
}

/**
 * results.json as written for `results`: the results themselves up to {@link PATIENT_ARRAY_LIMIT} data
 * rows, else the compact form described above (with `patientData`).
 */
export function resultsForJson(results: StudyResults, limit = PATIENT_ARRAY_LIMIT): unknown {
  if (results.data.nRows <= limit) return results;
  const summarised: { path: string; length: number }[] = [];
  const curves: string[] = [];
  const present = new Set<PatientColumn>();
  let matchedSets = false;

  const walk = (v: unknown, path: string[]): unknown => {
    if (isArrayValue(v)) {
      const col = PATIENT_COLUMNS.find((c) => samePath(c.path, path));
      if (col) {
        present.add(col);
        return { file: col.file, column: col.column, length: v.length };
      }
      if (samePath(MATCHED_PATH, path) && v.length > SUMMARY_LENGTH) {
        matchedSets = true;
        return { file: MATCHED_SETS_CSV, length: v.length };
      }
      if (v.length > SUMMARY_LENGTH) {
        summarised.push({ path: path.join("."), length: v.length });
        return { omitted: `${v.length} values in a study of more than ${limit} patients (results.json at scale, docs/report.md)`, length: v.length, ...range(v) };
      }
      if (Array.isArray(v) && v.some((x) => x !== null && typeof x === "object")) return v.map((x, i) => walk(x, [...path, String(i)]));
      return v;
    }
    if (v === null || typeof v !== "object") return v;
    const o = v as Record<string, unknown>;
    let rows: number[] | null = null;
    if (isCurve(o)) {
      const keep = stepRows(o.nEvent as ArrayLike<number>);
      if (keep.length < (o.time as ArrayValue).length) {
        rows = keep;
        curves.push(path.join("."));
      }
    }
    const out: Record<string, unknown> = {};
    const len = rows === null ? -1 : (o.time as ArrayValue).length;
    for (const [k, x] of Object.entries(o)) {
      if (rows !== null && isArrayValue(x) && x.length === len && isNumericArray(x)) {
        const a = x;
        out[k] = rows.map((j) => a[j]);
      } else out[k] = walk(x, [...path, k]);
    }
    if (rows !== null) out.censorOnlyRowsOmitted = len - rows.length;
    return out;
  };

  const json = walk(results, []) as Record<string, unknown>;
  const byFile = new Map<string, { column: string; path: string; description: string }[]>();
  for (const c of PATIENT_COLUMNS) {
    if (!present.has(c)) continue;
    const list = byFile.get(c.file) ?? [];
    list.push({ column: c.column, path: c.path.join("."), description: c.description });
    byFile.set(c.file, list);
  }
  if (matchedSets) byFile.set(MATCHED_SETS_CSV, [{ column: "set, treated, controls", path: MATCHED_PATH.join("."), description: "matched sets: set number, treated id, control ids separated by ';'" }]);
  const index: PatientDataIndex = {
    rule: RULE,
    limit,
    nRows: results.data.nRows,
    files: [...byFile].map(([file, columns]) => ({ file, columns })),
    summarised,
    curvesStepPointsOnly: curves,
  };
  return { ...json, patientData: index };
}

/** True for a study's results object (what runStudy returns); toJson writes those through {@link resultsForJson}. */
export function isStudyResults(v: unknown): v is StudyResults {
  if (v === null || typeof v !== "object") return false;
  const o = v as Partial<Record<keyof StudyResults, unknown>>;
  const software = o.software as { name?: unknown } | undefined;
  return software?.name === "survinfer" && typeof o.schemaVersion === "number" && typeof o.analyses === "object" && typeof o.data === "object" && o.data !== null;
}

function at(results: StudyResults, path: Path): unknown {
  let v: unknown = results;
  for (const k of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<string, unknown>)[k];
  }
  return v;
}

/** A CSV of equal-length columns as the other tables/*.csv (src/report/csv.ts: RFC 4180, CRLF, null → empty). */
function columnsCsv(header: readonly string[], columns: readonly ArrayValue[]): string {
  const n = columns.reduce((m, c) => Math.max(m, c.length), 0);
  const cell = (v: unknown): string => csvField(typeof v === "number" || typeof v === "string" ? v : null);
  const lines: string[] = [header.map((h) => csvField(h)).join(",")];
  for (let i = 0; i < n; i++) {
    let line = cell(columns[0][i]);
    for (let j = 1; j < columns.length; j++) line += `,${cell(columns[j][i])}`;
    lines.push(line);
  }
  return lines.join("\r\n") + "\r\n";
}

/**
 * The CSV files that carry the per-patient values left out of results.json (none up to
 * {@link PATIENT_ARRAY_LIMIT} data rows): paths relative to the output directory → text.
 */
export function patientFiles(results: StudyResults, limit = PATIENT_ARRAY_LIMIT): Record<string, string> {
  if (results.data.nRows <= limit) return {};
  const files: Record<string, string> = {};
  const nRows = results.data.nRows;
  const data: { column: string; values: ArrayValue }[] = [];
  const cure: { column: string; values: ArrayValue }[] = [];
  for (const c of PATIENT_COLUMNS) {
    const v = at(results, c.path);
    if (!isArrayValue(v)) continue;
    (c.file === PATIENTS_CSV ? data : cure).push({ column: c.column, values: v });
  }
  if (data.length > 0) {
    const rows = Int32Array.from({ length: nRows }, (_, i) => i + 1);
    files[PATIENTS_CSV] = columnsCsv(["dataRow", ...data.map((d) => d.column)], [rows, ...data.map((d) => d.values)]);
  }
  if (cure.length > 0) files[CURE_PATIENTS_CSV] = columnsCsv(cure.map((d) => d.column), cure.map((d) => d.values));
  const matched = at(results, MATCHED_PATH);
  if (Array.isArray(matched) && matched.length > SUMMARY_LENGTH) {
    const sets = matched as readonly { readonly subclass: number; readonly treated: string; readonly controls: readonly string[] }[];
    files[MATCHED_SETS_CSV] = toCsv([["set", "treated", "controls"], ...sets.map((s) => [String(s.subclass), s.treated, s.controls.join(";")])]);
  }
  return files;
}
