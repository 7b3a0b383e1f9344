/**
 * Arrow IPC input (issue 18): the bytes of an Arrow IPC file (`.arrow`, Feather v2 `.feather`, `.ipc`;
 * magic "ARROW1") or stream (`.arrows`; starts with the continuation marker 0xFFFFFFFF) → the same
 * Table the CSV reader gives for the same cohort, read with `apache-arrow`'s `tableFromIPC`.
 *
 * Type mapping (docs/data.md, "Arrow IPC files"):
 * - Int8–64, UInt8–64, Float16–64, Decimal → numeric (doubles). An Int64/UInt64/Decimal value that no
 *   double holds exactly stops the read (DATA_ARROW_INEXACT_NUMBER) naming file, row, column, value;
 *   ±Infinity stops as the CSV reader stops on "Inf" (DATA_INVALID_NUMBER); NaN is read as missing.
 * - Bool → TRUE/FALSE, typed as the CSV reader types the texts TRUE/FALSE (a categorical column with
 *   levels FALSE, TRUE, which Surv() and --event read as FALSE = censored, TRUE = event).
 * - Utf8, LargeUtf8, Dictionary<Utf8> → the texts go through the CSV reader's inference (infer.ts):
 *   numbers, dates, missing tokens, trimming and factor levels exactly as for the same texts in a CSV.
 * - Date32, Date64 → date; Timestamp (any unit) → the calendar day in its declared time zone, in UTC
 *   when it has none.
 * - null → missing. Any other type (List, Struct, Map, Binary, Time, Duration, Interval, …) stops
 *   with DATA_ARROW_UNSUPPORTED_TYPE, unless the column is not read (`columnsToRead`).
 * Rows are numbered as in the same table written as CSV: the first data row is row 2.
 * Compressed IPC bodies (LZ4 frame, pyarrow's and R arrow's Feather default, and ZSTD) are decoded by the
 * codecs of arrow-codecs.ts, registered once when this module loads (the CLI and the app's worker both read
 * through here); a buffer its codec cannot decode stops with DATA_ARROW_INVALID, and a codec that neither
 * apache-arrow nor survinfer knows with DATA_ARROW_COMPRESSED.
 */
import { tableFromIPC, Type, TimeUnit, DateUnit } from "apache-arrow";
import type { Data, DataType, Table as ArrowTable, Vector } from "apache-arrow";
import { SurvinferError } from "../errors.js";
import { formatIsoDate } from "./dates.js";
import { CELL_BOOLEAN, CELL_NUMBER, CELL_TEXT, inferColumn } from "./infer.js";
import type { InferContext, InferenceEntry, RawColumn } from "./infer.js";
import { formatNumberLikeR } from "./numbers.js";
import { nameColumns } from "./csv-header.js";
import type { Column, Table } from "./table.js";
import { checkUniqueIds } from "./validate.js";
import { checkNames, DEFAULT_MISSING, selector } from "./read-columnar.js";
import { isArrowFile, isArrowStream } from "./arrow-kind.js";
import { ArrowCodecError, registerArrowCodecs } from "./arrow-codecs.js";
import type { ReadOptions, ReadResult } from "./read-columnar.js";

export { ARROW_EXT, isArrow, isArrowFile, isArrowStream } from "./arrow-kind.js";

const MS_PER_DAY = 86_400_000;

registerArrowCodecs();

function invalid(file: string, message: string, hint: string): SurvinferError {
  return new SurvinferError({ code: "DATA_ARROW_INVALID", message, file, hint });
}

/** Parses the IPC bytes; a file that is not Arrow, or is damaged or compressed, stops with a clear error. */
function parseIpc(bytes: Uint8Array, file: string): { table: ArrowTable; format: "file" | "stream" } {
  const head = bytes.subarray(0, 8);
  if (head.length >= 4 && head[0] === 0x46 && head[1] === 0x45 && head[2] === 0x41 && head[3] === 0x31) {
    throw invalid(file, "is a Feather version 1 file, which survinfer does not read", "Write it again as Feather version 2 / Arrow IPC (pyarrow: feather.write_feather(df, path, version=2); R: arrow::write_feather(x, path))");
  }
  const format = isArrowFile(head) ? "file" : isArrowStream(head) ? "stream" : undefined;
  if (format === undefined) {
    throw invalid(
      file,
      "is named as an Arrow IPC file but does not begin as one (an Arrow file begins with ARROW1, a stream with 0xFFFFFFFF)",
      "Check that this is the file you meant; a CSV or Parquet file needs its own extension (.csv, .parquet)",
    );
  }
  let table: ArrowTable;
  try {
    table = tableFromIPC(bytes);
  } catch (e) {
    const text = e instanceof Error ? e.message : String(e);
    if (e instanceof ArrowCodecError) {
      throw invalid(file, `has a ${e.codec}-compressed buffer that cannot be decoded (${text})`, "The file is damaged: export it again (uncompressed if this persists)");
    }
    if (/compressed but codec not found/i.test(text)) {
      throw new SurvinferError({
        code: "DATA_ARROW_COMPRESSED",
        message: "is compressed with a codec survinfer does not know (it reads uncompressed, LZ4-frame and ZSTD Arrow files)",
        file,
        hint:
          'Write it with LZ4 or ZSTD compression or uncompressed (pyarrow: feather.write_feather(df, path, compression="lz4"); R: arrow::write_feather(x, path, compression = "lz4"); ' +
          'Polars: df.write_ipc(path, compression="uncompressed")), or export Parquet and read it through DuckDB',
      });
    }
    throw invalid(file, `cannot be read as Arrow IPC (${text})`, "The file may be truncated or damaged: export it again");
  }
  return { table, format };
}

/** Arrow's type as its writers name it, for messages. */
function typeName(t: DataType): string {
  return String(t);
}

/** The kinds of Arrow column survinfer reads. */
type ArrowKind = "number" | "bool" | "text" | "date" | "timestamp" | "null";

function kindOf(t: DataType): ArrowKind | undefined {
  switch (t.typeId) {
    case Type.Int:
    case Type.Float:
    case Type.Decimal:
      return "number";
    case Type.Bool:
      return "bool";
    case Type.Utf8:
    case Type.LargeUtf8:
      return "text";
    case Type.Date:
      return "date";
    case Type.Timestamp:
      return "timestamp";
    case Type.Null:
      return "null";
    case Type.Dictionary: {
      const v = (t as unknown as { dictionary: DataType }).dictionary;
      return v.typeId === Type.Utf8 || v.typeId === Type.LargeUtf8 ? "text" : undefined;
    }
    default:
      return undefined;
  }
}

interface Ctx {
  readonly file: string;
  readonly rowNumbers: Int32Array;
}

function rowOf(ctx: Ctx, i: number): number {
  return ctx.rowNumbers[i];
}

/** Walks the column's chunks: `fn(data, k, i)` for the k-th value of a chunk, i the table row. */
function eachValid<T extends DataType>(vec: Vector<T>, fn: (data: Data<T>, k: number, i: number) => void, onNull: (i: number) => void): void {
  let i = 0;
  for (const data of vec.data) {
    for (let k = 0; k < data.length; k++, i++) {
      if (data.nullCount > 0 && !data.getValid(k)) onNull(i);
      else fn(data, k, i);
    }
  }
}

const TWO53 = 2n ** 53n;

/** A 64-bit integer as a double, refusing one that no double holds exactly. */
function exactBig(v: bigint, ctx: Ctx, column: string, i: number): number {
  const x = Number(v);
  if ((v > TWO53 || v < -TWO53) && BigInt(x) !== v) throw inexact(ctx, column, i, v.toString(), "a 64-bit integer");
  return x;
}

function inexact(ctx: Ctx, column: string, i: number, value: string, what: string): SurvinferError {
  return new SurvinferError({
    code: "DATA_ARROW_INEXACT_NUMBER",
    message: `is ${what} that no double-precision number holds exactly (beyond 2^53 = 9007199254740992), so it would be read as another number`,
    file: ctx.file,
    row: rowOf(ctx, i),
    column,
    value,
    hint: "If the column is an identifier, name it as the id column (--id / data.id) or declare it categorical (data.types): it is then read as text; otherwise store it as a float or with fewer digits",
  });
}

/** The unscaled integer of a Decimal value (two's complement, little-endian 32-bit words). */
function decimalBig(words: Uint32Array, at: number, n: number): bigint {
  let v = 0n;
  for (let w = n - 1; w >= 0; w--) v = (v << 32n) | BigInt(words[at + w]);
  const bits = BigInt(32 * n);
  return v >= 1n << (bits - 1n) ? v - (1n << bits) : v;
}

/** A decimal's text: the unscaled integer with the decimal point `scale` places from the right. */
function decimalText(v: bigint, scale: number): string {
  const neg = v < 0n;
  let s = (neg ? -v : v).toString();
  if (scale > 0) {
    s = s.padStart(scale + 1, "0");
    s = `${s.slice(0, s.length - scale)}.${s.slice(s.length - scale)}`;
  } else if (scale < 0) s += "0".repeat(-scale);
  return (neg ? "-" : "") + s;
}

/**
 * A number column as doubles (NaN = missing), or, with `asText`, as the texts a CSV would hold (64-bit
 * integers and decimals exactly, so an id column keeps every digit).
 */
function numbers(vec: Vector, ctx: Ctx, column: string, warnings: string[], asText: boolean): { values: Float64Array; texts?: (string | undefined)[] } {
  const n = vec.length;
  const values = new Float64Array(n).fill(Number.NaN);
  const texts: (string | undefined)[] | undefined = asText ? new Array<string | undefined>(n) : undefined;
  const t = vec.type as DataType;
  let nNaN = 0;
  const put = (i: number, x: number) => {
    if (x !== x) {
      nNaN++;
      return;
    }
    if (x === Infinity || x === -Infinity) {
      throw new SurvinferError({
        code: "DATA_INVALID_NUMBER",
        message: "is not a finite number",
        file: ctx.file,
        row: rowOf(ctx, i),
        column,
        value: x > 0 ? "Inf" : "-Inf",
        hint: "Correct the value or store it as null (missing)",
      });
    }
    values[i] = x;
    if (texts !== undefined) texts[i] = formatNumberLikeR(x);
  };
  const onNull = () => undefined;
  if (t.typeId === Type.Decimal) {
    const { scale, bitWidth } = t as unknown as { scale: number; bitWidth: number };
    const stride = bitWidth / 32;
    eachValid(
      vec,
      (data, k, i) => {
        const v = decimalBig(data.values as unknown as Uint32Array, k * stride, stride);
        const s = decimalText(v, scale);
        if (v > TWO53 || v < -TWO53) throw inexact(ctx, column, i, s, "a decimal with more significant digits");
        values[i] = Number(s); // the double nearest the decimal, as the CSV reader reads its text
        if (texts !== undefined) texts[i] = s;
      },
      onNull,
    );
  } else if (t.typeId === Type.Float && (t as unknown as { precision: number }).precision === 0) {
    eachValid(vec, (_d, _k, i) => put(i, vec.get(i) as number), onNull);
  } else {
    eachValid(
      vec,
      (data, k, i) => {
        const raw = (data.values as ArrayLike<number | bigint>)[k];
        if (typeof raw === "bigint") {
          const x = asText ? Number(raw) : exactBig(raw, ctx, column, i);
          values[i] = x;
          if (texts !== undefined) texts[i] = raw.toString();
        } else put(i, raw);
      },
      onNull,
    );
  }
  if (nNaN > 0) warnings.push(`${ctx.file}: column "${column}": ${nNaN} NaN value(s) read as missing`);
  return texts === undefined ? { values } : { values, texts };
}

/** Milliseconds since the epoch of a Date64/Timestamp value in `unit`, floored. */
function toMs(v: bigint, unit: TimeUnit): number {
  switch (unit) {
    case TimeUnit.SECOND:
      return Number(v) * 1000;
    case TimeUnit.MILLISECOND:
      return Number(v);
    case TimeUnit.MICROSECOND:
      return Number(floorDiv(v, 1000n));
    default:
      return Number(floorDiv(v, 1_000_000n));
  }
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b < 0n ? q - 1n : q;
}

/**
 * The offset of a time zone from UTC (ms) at an instant, from the platform's time zone database
 * (`Intl.DateTimeFormat`); a fixed offset ("+01:00") directly. Throws RangeError for an unknown zone.
 */
function zoneOffset(zone: string): (utcMs: number) => number {
  const fixed = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (fixed !== null) {
    const off = (fixed[1] === "-" ? -1 : 1) * (Number(fixed[2]) * 60 + Number(fixed[3])) * 60_000;
    return () => off;
  }
  if (/^(utc|z|etc\/utc|gmt)$/i.test(zone)) return () => 0;
  const fmt = new Intl.DateTimeFormat("en-US", { timeZone: zone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" });
  const exact = (ms: number): number => {
    const p: Record<string, number> = {};
    for (const part of fmt.formatToParts(new Date(ms))) if (part.type !== "literal") p[part.type] = Number(part.value);
    const local = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
    return local - (ms - (((ms % 1000) + 1000) % 1000));
  };
  // offsets change at most once a day: one look-up at each end of a UTC day, exact in between only on a change
  const cache = new Map<number, [number, number]>();
  return (ms) => {
    const day = Math.floor(ms / MS_PER_DAY);
    let c = cache.get(day);
    if (c === undefined) {
      c = [exact(day * MS_PER_DAY), exact(day * MS_PER_DAY + MS_PER_DAY - 1000)];
      cache.set(day, c);
    }
    return c[0] === c[1] ? c[0] : exact(ms);
  };
}

/** A Date or Timestamp column as days since 1970-01-01 (NaN = missing), and how they were read. */
function days(vec: Vector, ctx: Ctx, column: string): { values: Float64Array; reason: string } {
  const t = vec.type as DataType;
  const values = new Float64Array(vec.length).fill(Number.NaN);
  const int64 = (data: Data, k: number): bigint => {
    const v = data.values as unknown as BigInt64Array | Int32Array;
    return v instanceof BigInt64Array ? v[k] : BigInt(v[2 * k]) + (BigInt(v[2 * k + 1]) << 32n);
  };
  if (t.typeId === Type.Date) {
    const unit = (t as unknown as { unit: DateUnit }).unit;
    eachValid(
      vec,
      (data, k, i) => {
        values[i] = unit === DateUnit.DAY ? (data.values as unknown as Int32Array)[k] : Math.floor(Number(int64(data, k)) / MS_PER_DAY);
      },
      () => undefined,
    );
    return { values, reason: `an Arrow ${typeName(t)} column` };
  }
  const { unit, timezone } = t as unknown as { unit: TimeUnit; timezone: string | null };
  let offset: (ms: number) => number = () => 0;
  if (timezone !== null && timezone !== "") {
    try {
      offset = zoneOffset(timezone);
    } catch {
      throw new SurvinferError({
        code: "DATA_ARROW_UNSUPPORTED_TYPE",
        message: `is a timestamp in the time zone ${JSON.stringify(timezone)}, which this platform does not know`,
        file: ctx.file,
        column,
        value: timezone,
        hint: "Write the timestamps in UTC or with an IANA time zone name (e.g. Europe/Berlin), or as dates (Date32)",
      });
    }
  }
  eachValid(
    vec,
    (data, k, i) => {
      const ms = toMs(int64(data, k), unit);
      values[i] = Math.floor((ms + offset(ms)) / MS_PER_DAY);
    },
    () => undefined,
  );
  const zone = timezone !== null && timezone !== "" ? `the calendar day in ${timezone}` : "the calendar day in UTC (no time zone declared)";
  return { values, reason: `an Arrow ${typeName(t)} column: ${zone}` };
}

function unsupported(ctx: Ctx, column: string, t: DataType): SurvinferError {
  return new SurvinferError({
    code: "DATA_ARROW_UNSUPPORTED_TYPE",
    message: `is an Arrow ${typeName(t)} column, which survinfer cannot read as numbers, dates or categories`,
    file: ctx.file,
    column,
    value: typeName(t),
    hint: "Convert it to a number, text (string), boolean, date or timestamp column before exporting, or leave the column out of the file (a column the analysis does not use is skipped)",
  });
}

/** One Arrow column as a RawColumn for inferColumn (texts, or spreadsheet-like number/boolean cells). */
function rawColumn(vec: Vector, kind: ArrowKind, name: string, ctx: Ctx, warnings: string[], asText: boolean): RawColumn {
  const n = vec.length;
  if (kind === "text") {
    const texts = new Array<string | undefined>(n);
    for (let i = 0; i < n; i++) {
      const v = vec.get(i) as string | null;
      texts[i] = v === null ? undefined : v;
    }
    return { name, texts };
  }
  if (kind === "number") {
    const got = numbers(vec, ctx, name, warnings, asText);
    if (got.texts !== undefined) return { name, texts: got.texts };
    const cellKind = new Uint8Array(n);
    for (let i = 0; i < n; i++) cellKind[i] = got.values[i] === got.values[i] ? CELL_NUMBER : CELL_TEXT;
    return { name, texts: new Array<string | undefined>(n), numbers: got.values, cellKind };
  }
  if (kind === "bool") {
    const nums = new Float64Array(n);
    const cellKind = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const v = vec.get(i) as boolean | null;
      if (v === null) continue;
      nums[i] = v ? 1 : 0;
      cellKind[i] = CELL_BOOLEAN;
    }
    return { name, texts: new Array<string | undefined>(n), numbers: nums, cellKind };
  }
  if (kind === "date" || kind === "timestamp") {
    const d = days(vec, ctx, name).values;
    return { name, texts: Array.from(d, (x) => (x === x ? formatIsoDate(x) : undefined)) };
  }
  return { name, texts: new Array<string | undefined>(n) };
}

/**
 * Reads Arrow IPC bytes (file or stream format) into the Table the CSV reader would give for the same
 * data (see the module comment); `options` as for `readTable` (`sheet`, `delimiter`, `decimal` and
 * `encoding` do not apply to Arrow and are refused). The input bytes are only read.
 *
 * @example
 * const bytes = tableToIPC(tableFromArrays({ time: Float64Array.from([5, 8]), status: Int32Array.from([1, 0]) }), "file");
 * const { table } = readArrow(bytes, { fileName: "cohort.arrow" }); // two numeric columns
 */
export function readArrow(bytes: Uint8Array, options: ReadOptions): ReadResult {
  const file = options.fileName;
  for (const key of ["sheet", "delimiter", "decimal", "encoding"] as const) {
    if (options[key] !== undefined) {
      throw new SurvinferError({
        code: "OPTION_CONFLICT",
        message: `${key} is for CSV/TSV and workbook files; an Arrow file carries its own types`,
        file,
        value: String(options[key]),
        hint: `drop ${key}`,
      });
    }
  }
  const { table: at, format } = parseIpc(bytes, file);
  const nRows = at.numRows;
  const rowNumbers = new Int32Array(nRows);
  for (let i = 0; i < nRows; i++) rowNumbers[i] = i + 2;
  if (nRows === 0) {
    throw new SurvinferError({ code: "DATA_EMPTY_FILE", message: "has columns but no data rows", file, hint: "Give one row per patient" });
  }
  const warnings: string[] = [];
  const fields = at.schema.fields;
  const names = nameColumns(
    fields.map((f) => f.name.trim()),
    file,
    warnings,
    1,
  );
  checkNames(names, options);
  const keep = selector(options);
  const missing = new Set((options.missing ?? DEFAULT_MISSING).map((s) => s.trim()));
  const ctx: Ctx = { file, rowNumbers };
  const inferCtx: InferContext = { file, rowNumbers, missing, dateFormat: options.dateFormat, collation: options.collation };
  const columns: Column[] = [];
  const inference: InferenceEntry[] = [];
  for (let j = 0; j < fields.length; j++) {
    const name = names[j];
    const k = keep(name);
    if (k === undefined) continue;
    const vec = at.getChildAt(j) as Vector;
    const kind = kindOf(fields[j].type as DataType);
    if (kind === undefined) {
      if (k === "if-date") continue;
      throw unsupported(ctx, name, fields[j].type as DataType);
    }
    const ov = options.columns?.[name];
    const isId = name === options.idColumn && ov?.type === undefined;
    if (k === "if-date" && kind !== "date" && kind !== "timestamp" && kind !== "text") continue;
    // typed dates and plain numbers are kept as they are, unless declared otherwise
    if ((kind === "date" || kind === "timestamp") && !isId && (ov?.type === undefined || ov.type === "date") && ov?.reference === undefined) {
      const d = days(vec, ctx, name);
      let nMissing = 0;
      for (let i = 0; i < nRows; i++) if (d.values[i] !== d.values[i]) nMissing++;
      columns.push({ kind: "date", name, values: d.values });
      inference.push({ column: name, kind: "date", reason: ov?.type === "date" ? `declared date; ${d.reason}` : d.reason, nMissing });
      continue;
    }
    if (kind === "number" && !isId && (ov?.type === undefined || ov.type === "numeric") && ov?.reference === undefined) {
      const { values } = numbers(vec, ctx, name, warnings, false);
      let nMissing = 0;
      for (let i = 0; i < nRows; i++) if (values[i] !== values[i]) nMissing++;
      const reason = ov?.type === "numeric" ? "declared numeric" : nMissing === nRows ? "every value is missing" : "every value is a number";
      columns.push({ kind: "numeric", name, values });
      inference.push({ column: name, kind: "numeric", reason, nMissing });
      continue;
    }
    const asText = isId || ov?.type === "categorical";
    const raw = rawColumn(vec, kind, name, ctx, warnings, asText);
    if (k === "if-date") {
      const own: string[] = [];
      let built;
      try {
        built = inferColumn(raw, ov, inferCtx, own, false);
      } catch (e) {
        if (e instanceof SurvinferError) continue;
        throw e;
      }
      if (built.column.kind !== "date") continue;
      warnings.push(...own);
      columns.push(built.column);
      inference.push(built.entry);
      continue;
    }
    const built = inferColumn(raw, ov, inferCtx, warnings, isId);
    columns.push(built.column);
    inference.push(isId ? { ...built.entry, reason: "patient id (read as text)" } : built.entry);
  }
  const base: Table = { nRows, columns, source: { file }, rowNumbers };
  const table: Table = options.idColumn !== undefined ? { ...base, idColumn: options.idColumn } : base;
  if (options.idColumn !== undefined) checkUniqueIds(table, options.idColumn);
  return { table, inference, warnings, format: { kind: "arrow", format }, columnNames: names, reader: "arrow" };
}
