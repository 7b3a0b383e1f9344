/**
 * CSV output of a simulated cohort: comma-separated, header row, dates as DD.MM.YYYY, missing
 * values as empty fields, "\n" line ends. Written in chunks of rows so that 10^6 patients never
 * need one giant string (each chunk is built from the typed arrays, no per-row objects).
 */
import { formatDayMonthYear } from "./dates.js";
import { CAUSES_OF_DEATH, LMS_CSV_COLUMNS, type SimulatedCohort } from "./index.js";

const num = (v: number): string => (Number.isNaN(v) ? "" : String(v));

/** The CSV as a sequence of text chunks: the header, then `chunkRows` rows per chunk. */
export function* cohortCsvChunks(cohort: SimulatedCohort, chunkRows = 10_000): Generator<string, void, undefined> {
  const c = cohort.columns;
  const date = dateCache([c.datePrimary, c.dateLungMet, c.datePm, c.dateProgression, c.dateDeath, c.dateLastFollowup, c.datePm2, c.datePm3]);
  yield LMS_CSV_COLUMNS.join(",") + "\n";
  for (let start = 0; start < cohort.n; start += chunkRows) {
    const end = Math.min(cohort.n, start + chunkRows);
    const lines: string[] = new Array<string>(end - start);
    for (let i = start; i < end; i++) {
      lines[i - start] =
        `${c.patientId[i]},${c.male[i] ? "male" : "female"},${date(c.datePrimary[i])},` +
        `${date(c.dateLungMet[i])},${c.metastasectomy[i] ? "yes" : "no"},${date(c.datePm[i])},` +
        `${date(c.dateProgression[i])},${date(c.dateDeath[i])},` +
        `${date(c.dateLastFollowup[i])},${num(c.agePrimary[i])},${num(c.primarySizeMm[i])},` +
        `${num(c.nLungMets[i])},${c.synchronous[i] ? "synchronous" : "metachronous"},${num(c.grade[i])},` +
        `${CAUSES_OF_DEATH[c.causeOfDeath[i]]},${date(c.datePm2[i])},${date(c.datePm3[i])}`;
    }
    yield lines.join("\n") + "\n";
  }
}

/** DD.MM.YYYY strings for every day between the smallest and largest date, looked up by index. */
function dateCache(cols: readonly Float64Array[]): (days: number) => string {
  let lo = Infinity, hi = -Infinity;
  for (const col of cols) {
    for (let i = 0; i < col.length; i++) {
      const v = col[i];
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (!(hi >= lo)) return formatDayMonthYear;
  const table: string[] = new Array<string>(hi - lo + 1);
  for (let d = lo; d <= hi; d++) table[d - lo] = formatDayMonthYear(d);
  return (days) => (Number.isNaN(days) ? "" : table[days - lo]);
}

/** The whole CSV as one string (convenient for small n). */
export function cohortCsv(cohort: SimulatedCohort): string {
  let s = "";
  for (const chunk of cohortCsvChunks(cohort)) s += chunk;
  return s;
}
