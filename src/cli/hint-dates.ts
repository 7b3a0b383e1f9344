/**
 * The date columns the treatment-date hint looks at (treatment-date-hint.ts), read only when they can
 * matter (issue 18: on a 1,000,000-row file, typing two date columns nobody asked for cost ~0.5 s and
 * ~30 MiB of every `km --by`). The command reads the columns it names; then the file's first rows
 * (its first `HEAD_BYTES`) tell which other columns are date-shaped and whether each is filled for
 * patients of both groups (`possibleTreatmentDates`). Only when one could still be the treatment's
 * date are all date columns read, as before, and given to the hint; the hint itself is unchanged.
 */
import { resolve } from "node:path";
import { SurvinferError } from "../errors.js";
import { ColumnarCsvReader, type ColumnPlan } from "../data/columnar-csv.js";
import { readFileHead } from "../data/file-source.js";
import { DEFAULT_MISSING, type ReadOptions, type ReadResult } from "../data/read-columnar.js";
import { readTableFileAsync } from "../data/read-file-async.js";
import type { Factor } from "../data/factor.js";
import type { Column, Table } from "../data/table.js";
import { readOptions, type DataOptions } from "./data-args.js";
import type { CliIO } from "./io.js";
import { possibleTreatmentDates, type SampleColumn } from "./treatment-date-hint.js";

/** Bytes of the file's start that make the sample (whole lines; the columnar reader decides date shapes on its first 1,000 rows). */
export const HEAD_BYTES = 1 << 20;

/** A yes/no treatment the hint is asked about: its column and its factor over the table's rows. */
export interface HintTreatment {
  readonly column: string;
  readonly factor: Factor;
}

const LF = 0x0a;

function filledTexts(texts: readonly (string | undefined)[], missing: ReadonlySet<string>): Uint8Array {
  return Uint8Array.from(texts, (t) => (t !== undefined && !missing.has(t.trim()) ? 1 : 0));
}

/** The first rows of the file's `names` columns as filled/empty, or undefined when they cannot be told apart from the table's first rows. */
async function sampleOf(path: string, options: ReadOptions, read: ReadResult, names: readonly string[]): Promise<SampleColumn[] | undefined> {
  if (read.format.kind !== "csv") return undefined; // a workbook has no "first bytes": read its dates
  const head = readFileHead(path, HEAD_BYTES, "data file", options.fileName);
  const bytes = head.length < HEAD_BYTES ? head : head.subarray(0, head.lastIndexOf(LF) + 1);
  if (bytes.length === 0) return undefined;
  const missing = new Set((options.missing ?? DEFAULT_MISSING).map((s) => s.trim()));
  const wanted = new Set(names);
  // as readTable plans a column kept only if it is a date: date-shaped on the sample, or any column when a type or Excel serials are declared
  const plan = (name: string): ColumnPlan | undefined => (!wanted.has(name) ? undefined : options.columns?.[name] !== undefined || options.dateFormat === "excel-serial" ? "text" : "if-date");
  const reader = new ColumnarCsvReader({ file: options.fileName, delimiter: read.format.delimiter, decimal: options.decimal, missing, plan });
  let rowNumbers: Int32Array;
  let columns: SampleColumn[];
  if (reader.push(bytes) && reader.finish()) {
    const res = reader.result();
    rowNumbers = res.rowNumbers;
    columns = res.columns.map((c) => {
      if (c.kind === "dict") return { name: c.name, filled: Uint8Array.from(c.codes, (k) => (k >= 0 && !missing.has(c.values[k].trim()) ? 1 : 0)) };
      if (c.kind === "text") return { name: c.name, filled: filledTexts(c.texts, missing) };
      return { name: c.name, filled: Uint8Array.from(c.values, (v) => (v === v ? 1 : 0)) };
    });
  } else {
    // what the columnar reader leaves (quoted delimiters, decimal commas, ...): the text reader's cells, every column a candidate date
    try {
      const { decodeText, parseDelimited } = await import("../data/read-csv.js");
      const raw = parseDelimited(decodeText(bytes, options.fileName, [], options.encoding), { file: options.fileName, delimiter: read.format.delimiter });
      rowNumbers = raw.rowNumbers;
      columns = raw.columns.filter((c) => wanted.has(c.name)).map((c) => ({ name: c.name, filled: filledTexts(c.texts, missing) }));
    } catch (e) {
      if (e instanceof SurvinferError) return undefined;
      throw e;
    }
  }
  // the sample's rows must be the table's first rows (the last one left out when the file goes on: a quoted line end may continue it)
  const k = Math.min(rowNumbers.length - (head.length === HEAD_BYTES ? 1 : 0), read.table.nRows);
  for (let i = 0; i < k; i++) if (rowNumbers[i] !== read.table.rowNumbers[i]) return undefined;
  return columns.map((c) => ({ name: c.name, filled: c.filled.subarray(0, Math.max(0, k)) }));
}

/**
 * The table to give the treatment-date hint: `read.table` itself when no column it did not read can
 * be the treatment's date (decided on the file's first rows), else `read.table` with every date column
 * of the file added (read as `alsoDateColumns` reads them; their warnings are not the command's).
 */
export async function hintTable(file: string, opts: DataOptions, io: CliIO, read: ReadResult, treatments: readonly HintTreatment[]): Promise<Table> {
  const table = read.table;
  const twoLevel = treatments.filter((t) => t.factor.levels.length === 2);
  const present = new Set(table.columns.map((c) => c.name));
  const others = read.columnNames.filter((n) => !present.has(n));
  if (twoLevel.length === 0 || others.length === 0) return table;
  const options = readOptions(file, opts);
  const path = resolve(io.cwd, file);
  const sample = await sampleOf(path, options, read, others);
  if (sample !== undefined && possibleTreatmentDates(sample, twoLevel).length === 0) return table;
  const dates = await readTableFileAsync(path, { ...options, idColumn: undefined, columnsToRead: () => false, alsoDateColumns: true });
  const same = dates.table.nRows === table.nRows && dates.table.rowNumbers.every((r, i) => r === table.rowNumbers[i]);
  if (!same) {
    throw new SurvinferError({ code: "DATA_FILE_CHANGED", message: "changed while it was being read as the data file", file: options.fileName, hint: "Wait until the program writing it has finished, then run again" });
  }
  const order = new Map(read.columnNames.map((n, j) => [n, j]));
  const added = dates.table.columns.filter((c) => c.kind === "date" && !present.has(c.name));
  const columns: Column[] = [...table.columns, ...added].sort((a, b) => (order.get(a.name) ?? 0) - (order.get(b.name) ?? 0));
  return { ...table, columns };
}
