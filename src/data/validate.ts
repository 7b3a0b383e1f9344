/**
 * Checks on a read table that stop the analysis with a clear message (missing columns with the
 * nearest names suggested, duplicate patient ids naming both rows), and the patient flow summary
 * ("64 patients read, 2 excluded: …; 62 analysed") built from the exclusions the endpoint
 * derivation logged.
 */
import { SurvinferError } from "../errors.js";
import { findColumn } from "./table.js";
import type { Column, Table } from "./table.js";

/** Levenshtein distance (insert, delete, substitute = 1), case-insensitive. */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  if (s === t) return 0;
  let prev = new Int32Array(t.length + 1);
  let cur = new Int32Array(t.length + 1);
  for (let j = 0; j <= t.length; j++) prev[j] = j;
  for (let i = 1; i <= s.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= t.length; j++) {
      const sub = prev[j - 1] + (s.charCodeAt(i - 1) === t.charCodeAt(j - 1) ? 0 : 1);
      cur[j] = Math.min(sub, prev[j] + 1, cur[j - 1] + 1);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[t.length];
}

/**
 * Up to `max` candidate names closest to `name`: those within an edit distance of
 * max(2, ⌈length/3⌉), or containing it (ignoring case), nearest first.
 */
export function nearestNames(name: string, candidates: readonly string[], max = 3): string[] {
  const limit = Math.max(2, Math.ceil(name.length / 3));
  const low = name.toLowerCase();
  const scored: { name: string; d: number }[] = [];
  for (const c of candidates) {
    const cl = c.toLowerCase();
    const d = editDistance(name, c);
    if (d <= limit || (low.length >= 3 && (cl.includes(low) || low.includes(cl)))) scored.push({ name: c, d });
  }
  scored.sort((a, b) => a.d - b.d);
  return scored.slice(0, max).map((s) => s.name);
}

/** The error for a column name that is not in the table, suggesting the nearest names. */
export function missingColumnError(table: Table, name: string, role?: string): SurvinferError {
  const names = table.columns.map((c) => c.name);
  const near = nearestNames(name, names);
  return new SurvinferError({
    code: "DATA_MISSING_COLUMN",
    message: `has no column ${JSON.stringify(name)}${role ? ` (${role})` : ""}`,
    file: table.source.file,
    value: name,
    hint:
      near.length > 0
        ? `Did you mean ${near.map((s) => JSON.stringify(s)).join(" or ")}?`
        : `Its columns are ${names.map((s) => JSON.stringify(s)).join(", ")}`,
  });
}

/** Looks up a column that must exist; throws DATA_MISSING_COLUMN with suggestions otherwise. */
export function requireColumn(table: Table, name: string, role?: string): Column {
  const c = findColumn(table, name);
  if (c === undefined) throw missingColumnError(table, name, role);
  return c;
}

/** Checks that every name is a column; the error names the first missing one with suggestions. */
export function requireColumns(table: Table, names: readonly string[]): void {
  for (const n of names) requireColumn(table, n);
}

/** Text of a cell for messages. */
export function cellLabel(col: Column, i: number): string {
  if (col.kind === "categorical") return col.codes[i] < 0 ? "" : col.levels[col.codes[i]];
  const v = col.values[i];
  return Number.isNaN(v) ? "" : String(v);
}

/**
 * Checks that the id column exists, has no missing value and no duplicate; errors name the row(s).
 * `DATA_DUPLICATE_ID` names both rows.
 */
export function checkUniqueIds(table: Table, idColumn: string): void {
  const col = requireColumn(table, idColumn, "patient id");
  const seen = new Map<string, number>();
  for (let i = 0; i < table.nRows; i++) {
    const id = cellLabel(col, i);
    if (id === "") {
      throw new SurvinferError({
        code: "DATA_MISSING_ID",
        message: "has no patient id",
        file: table.source.file,
        row: table.rowNumbers[i],
        column: idColumn,
        hint: "Give every row an id, or leave out the id option to number rows",
      });
    }
    const first = seen.get(id);
    if (first !== undefined) {
      throw new SurvinferError({
        code: "DATA_DUPLICATE_ID",
        message: `repeats the patient id of row ${table.rowNumbers[first]}`,
        file: table.source.file,
        row: table.rowNumbers[i],
        column: idColumn,
        value: id,
        hint: `Rows ${table.rowNumbers[first]} and ${table.rowNumbers[i]} have the same id: keep one row per patient`,
      });
    }
    seen.set(id, i);
  }
}

/** One excluded row, as logged by the endpoint derivation. */
export interface Exclusion {
  /** Row number as the user sees it. */
  readonly row: number;
  readonly column: string;
  readonly value: string;
  readonly reason: string;
  readonly code: string;
}

export interface FlowSummary {
  readonly read: number;
  readonly excluded: readonly { readonly reason: string; readonly count: number }[];
  readonly analysed: number;
  /** e.g. "64 patients read, 2 excluded: missing date of death (2); 62 analysed" */
  readonly text: string;
}

/**
 * Patient flow: rows read, excluded by reason (in order of first appearance; a row excluded for two
 * reasons is counted once in the total, under each reason), analysed.
 *
 * @example
 * const ep = deriveEndpoint(table, { origin: "dx", event: "death", censor: "fu" });
 * flowSummary(table.nRows, ep.exclusions).text;
 * // "64 patients read, 2 excluded: missing origin date (dx) (2); 62 analysed"
 */
export function flowSummary(nRead: number, exclusions: readonly Exclusion[]): FlowSummary {
  const byReason = new Map<string, Set<number>>();
  const rows = new Set<number>();
  for (const e of exclusions) {
    let s = byReason.get(e.reason);
    if (s === undefined) byReason.set(e.reason, (s = new Set()));
    s.add(e.row);
    rows.add(e.row);
  }
  const excluded = [...byReason].map(([reason, s]) => ({ reason, count: s.size }));
  const analysed = nRead - rows.size;
  const patients = nRead === 1 ? "patient" : "patients";
  const detail = excluded.length > 0 ? `${rows.size} excluded: ${excluded.map((e) => `${e.reason} (${e.count})`).join(", ")}` : "none excluded";
  return { read: nRead, excluded, analysed, text: `${nRead} ${patients} read, ${detail}; ${analysed} analysed` };
}
