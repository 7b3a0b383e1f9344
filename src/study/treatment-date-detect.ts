/**
 * An undeclared treatment date (issue 14, item 2): the treatment is a plain yes/no column, but the data
 * hold a date column that looks like the date of that treatment — dates after the origin in the treated
 * rows and (almost) none in the untreated, or a name that says so ("date_pm", "op_date", "surgery",
 * the treatment's own name). Then every comparison by treatment from the origin carries immortal time
 * (Suissa 2008, doi:10.1093/aje/kwm324), and the study says how to declare the date (`treatment.date`).
 * Pure: the prepared table and the spec in, warning texts out.
 */
import { detectDateFormat, parseDate } from "../data/dates.js";
import type { Column, Table } from "../data/table.js";
import type { StudySpec } from "./schema.js";

/** Evidence for one date column being the treatment's date. */
export interface TreatmentDateCandidate {
  readonly column: string;
  /** Treated patients with a date on or after the origin, and treated patients with an origin. */
  readonly treatedAfterOrigin: number;
  readonly treated: number;
  /** Untreated patients with a date in the column, and untreated patients. */
  readonly untreatedWithDate: number;
  readonly untreated: number;
  /** The column's name suggests a treatment date. */
  readonly nameHint: boolean;
}

/** Name fragments of a treatment date: op_date, date_op, opdate, surgery, resection, treatment, therapy, date_pm, rt, ct. */
const NAME_HINT = /(^|[^a-z])op(s|date|datum)?([^a-z]|$)|surg|resect|operat|treat|therap|(^|[^a-z])(pm|rt|ct)([^a-z]|$)/i;

/**
 * Days since 1970 of a date column, or of a text column whose every value reads as a date in the data's
 * date format (a column the spec does not name is read as text); null for any other column.
 */
function datesOf(col: Column, spec: StudySpec): Float64Array | null {
  if (col.kind === "date") return col.values;
  if (col.kind !== "categorical" || col.levels.length === 0) return null;
  let format;
  try {
    format = detectDateFormat(col.levels, spec.data.dateFormat === undefined ? {} : { dateFormat: spec.data.dateFormat });
  } catch {
    return null; // ambiguous day/month order: not read as dates here
  }
  if (format === undefined) return null;
  const days = col.levels.map((l) => parseDate(l, format));
  if (days.some((d) => Number.isNaN(d))) return null;
  return Float64Array.from(col.codes, (k) => (k < 0 ? Number.NaN : days[k]));
}

/** Date columns the spec uses as endpoints' dates (origin, events, censoring, last contact). */
function endpointDateColumns(spec: StudySpec): Set<string> {
  const out = new Set<string>();
  for (const ep of Object.values(spec.endpoints)) {
    const e = ep as Readonly<Record<string, unknown>>;
    for (const k of ["origin", "censor", "lastContact"]) if (typeof e[k] === "string") out.add(e[k]);
    const ev = e.event;
    if (typeof ev === "string") out.add(ev);
    if (Array.isArray(ev)) for (const x of ev) if (typeof x === "string") out.add(x);
  }
  return out;
}

/**
 * Date columns that look like the date of a treatment given as a yes/no column (none when the spec
 * declares `treatment.date`, or no endpoint has an origin date). `treated`: 1 treated, 0 untreated,
 * −1 missing, per table row.
 */
export function treatmentDateCandidates(table: Table, spec: StudySpec, treated: ArrayLike<number>): TreatmentDateCandidate[] {
  const t = spec.treatment;
  if (t === undefined || t.date !== undefined || t.column === undefined) return [];
  const originName = Object.values(spec.endpoints).map((e) => (e as { readonly origin?: string }).origin).find((o) => o !== undefined);
  const origin = table.columns.find((c) => c.name === originName);
  if (origin === undefined || origin.kind !== "date") return [];
  const skip = endpointDateColumns(spec);
  // recurrent-event dates stay candidates: the first repeated operation is often the treatment itself
  const treatmentName = t.column.toLowerCase();
  const out: TreatmentDateCandidate[] = [];
  for (const col of table.columns) {
    if (skip.has(col.name)) continue;
    const values = datesOf(col, spec);
    if (values === null) continue;
    let nT = 0;
    let afterT = 0;
    let nU = 0;
    let withU = 0;
    for (let i = 0; i < table.nRows; i++) {
      const o = origin.values[i];
      const d = values[i];
      if (treated[i] === 1 && !Number.isNaN(o)) {
        nT++;
        if (!Number.isNaN(d) && d >= o) afterT++;
      } else if (treated[i] === 0) {
        nU++;
        if (!Number.isNaN(d)) withU++;
      }
    }
    const name = col.name.toLowerCase();
    const nameHint = name.includes(treatmentName) || NAME_HINT.test(name);
    // the values: a date after the origin in most treated rows, (almost) none in the untreated
    const strict = nT >= 3 && afterT >= 0.8 * nT && withU === 0;
    const loose = nT >= 3 && afterT >= 0.5 * nT && withU <= 0.1 * nU;
    if (strict || (nameHint && loose)) out.push({ column: col.name, treatedAfterOrigin: afterT, treated: nT, untreatedWithDate: withU, untreated: nU, nameHint });
  }
  return out;
}

/** The warning for each candidate: what was seen, why it matters and the spec line that declares it. */
export function treatmentDateWarnings(table: Table, spec: StudySpec, treated: ArrayLike<number>): string[] {
  const t = spec.treatment;
  return treatmentDateCandidates(table, spec, treated).map(
    (c) =>
      `column ${c.column} looks like the date of ${t?.label ?? t?.column ?? "the treatment"}: a date on or after the origin in ${c.treatedAfterOrigin} of ${c.treated} treated patients and in ${c.untreatedWithDate} of ${c.untreated} untreated. ` +
      `If treatment started on that date, comparisons by treatment from the origin are biased in its favour (immortal time); declare it as treatment.date (treatment: { column: ${t?.column ?? ""}, treated: ${JSON.stringify(t?.treated ?? "")}, date: ${c.column} }) to get the time-dependent and landmark analyses.`,
  );
}
