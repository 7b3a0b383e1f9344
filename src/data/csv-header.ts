/**
 * The papaparse-free parts of reading delimited text, shared by the text reader (read-csv.ts) and the
 * columnar fast path (columnar-csv.ts), so that the fast path loads no CSV library (issue 18):
 * column names (`nameColumns`) and the delimiter sniff on a sample without quote characters
 * (`sniffDelimiterPlain`), which gives what read-csv.ts's papaparse sniff gives on such a sample.
 */
import type { Delimiter } from "./read-csv.js";

export const DELIMITER_CANDIDATES: readonly Delimiter[] = [",", ";", "\t", "|"];

/**
 * The delimiter whose field counts per record (`countsOf`) fit the header best: candidates no record overflows
 * first, then those where every record fits the header exactly, then more header columns; "," when none gives more
 * than one column. `truncated`: the last record may be cut short by the sample's end.
 */
export function bestDelimiter(countsOf: (d: Delimiter) => readonly number[], truncated: boolean): Delimiter {
  let best: Delimiter = ",";
  let bestScore = -1;
  for (const d of DELIMITER_CANDIDATES) {
    const counts = countsOf(d);
    if (counts.length === 0) continue;
    const header = counts[0];
    const isCut = (i: number) => i === counts.length - 1 && truncated;
    const consistent = counts.every((c, i) => isCut(i) || c <= header);
    const exact = counts.every((c, i) => isCut(i) || c === header);
    const score = (consistent ? 2e6 : 0) + (exact ? 1e6 : 0) + header;
    if (header > 1 && score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

/**
 * The line end papaparse guesses for a text without quotes (its `guessLineEndings`): "\n" when there
 * is no CR or an LF comes before the first CR, else "\r\n" when at least half of the CRs are followed
 * by an LF, else "\r".
 */
function guessLineEnd(text: string): string {
  const r = text.split("\r");
  const n = text.split("\n");
  if (r.length === 1 || (n.length > 1 && n[0].length < r[0].length)) return "\n";
  let withLf = 0;
  for (const part of r) if (part.charCodeAt(0) === 10) withLf++;
  return withLf >= r.length / 2 ? "\r\n" : "\r";
}

/** Field count of each of the first 50 records (blank ones skipped; trailing empty cells do not count), as read-csv.ts's `fieldCounts`. */
function plainFieldCounts(records: readonly string[], delimiter: Delimiter): number[] {
  const counts: number[] = [];
  for (const rec of records) {
    const cells = rec.split(delimiter);
    if (cells.every((c) => c.trim() === "")) continue;
    let k = cells.length;
    while (k > 1 && cells[k - 1].trim() === "") k--;
    counts.push(k);
  }
  return counts;
}

/**
 * read-csv.ts's `sniffDelimiterSample` for a sample without a quote character (papaparse then splits
 * records at the guessed line end and cells at the delimiter, nothing else); undefined when the
 * sample holds a quote (then only papaparse's reading of quotes gives the same answer).
 */
export function sniffDelimiterPlain(sample: string, truncated: boolean): Delimiter | undefined {
  if (sample.includes('"')) return undefined;
  const records = sample.split(guessLineEnd(sample)).slice(0, 50);
  const best = bestDelimiter((d) => plainFieldCounts(records, d), truncated);
  return best;
}

/**
 * Column names: empty names become `V<j>` (column number), duplicates get `.1`, `.2`, … as R's
 * `make.unique()` gives them; both with a warning.
 */
export function nameColumns(header: readonly string[], file: string, warnings: string[], headerRow: number): string[] {
  const names = header.map((s, j) => {
    if (s !== "") return s;
    warnings.push(`${file}: column ${j + 1} has no name in the header (row ${headerRow}); named "V${j + 1}"`);
    return `V${j + 1}`;
  });
  const used = new Set<string>();
  const counts = new Map<string, number>();
  const out: string[] = [];
  for (const nm of names) {
    if (!used.has(nm)) {
      used.add(nm);
      out.push(nm);
      continue;
    }
    let k = counts.get(nm) ?? 1;
    while (used.has(`${nm}.${k}`)) k++;
    counts.set(nm, k + 1);
    const unique = `${nm}.${k}`;
    used.add(unique);
    out.push(unique);
    warnings.push(`${file}: column name ${JSON.stringify(nm)} appears more than once; the later one is named ${JSON.stringify(unique)}`);
  }
  return out;
}
