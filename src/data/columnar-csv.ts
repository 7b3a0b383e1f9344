/**
 * The fast path of the CSV reader (issue 18): bytes → columns without a string per cell.
 *
 * Fed chunk by chunk (`push`, then `finish`), it keeps only the columns asked for (projection): a
 * number column goes straight from bytes into a Float64Array (bytes-number.ts), a plain number cell
 * parsed in the same pass that finds its end (one pass over the bytes of a line); any other column
 * keeps its texts, as codes into the distinct texts, each decoded once and shared (interned, interner.ts), so that the same
 * `inferColumn` (infer.ts) types it as the text reader would. Columns not asked for are scanned over.
 * Whether an undeclared column is a number column is decided on the first `SAMPLE_ROWS` data rows;
 * the full pass checks every cell.
 *
 * It reads only what it can read exactly as `parseDelimited` (papaparse) does, and otherwise gives
 * up (`push`/`finish` return false) so that the caller reads the file with the text reader, which
 * then gives today's tables, warnings and errors (file, row, column, value). Plain quoted fields
 * (`"male"`, R's write.csv) are read; it gives up on: a quote in any other place (a quoted field
 * holding a delimiter, a line end or a doubled quote; text around the quotes), a NUL byte or a UTF-16 BOM, bytes that are not UTF-8, a CR
 * that is not part of a CRLF line end in a CRLF file (or any CR in an LF file), a comma inside a
 * cell of a file whose decimal mark is not declared (the decimal mark is then detected from all
 * cells: decimal-mark.ts), a record with more cells than the header, no header or no data row, a
 * file larger than `MAX_TEXT_BYTES`, and a cell of a number column that is not a number.
 *
 * Pure over bytes (no Node API), so the browser app runs it too.
 */
import { BYTES_NUMBER, lastBytesStatus, NUMBER, parseNumberBytes, scanNumber } from "./bytes-number.js";
import { MAX_TEXT_BYTES } from "./decode.js";
import { DateParse, parseDateText } from "./dates.js";
import { Interner } from "./interner.js";
import { parseNumber } from "./numbers.js";
import type { DecimalMark } from "./numbers.js";
import { nameColumns, sniffDelimiterPlain } from "./csv-header.js";
import type { Delimiter } from "./read-csv.js";

/** Data rows on which an undeclared column is judged a number column. */
export const SAMPLE_ROWS = 1000;
/** Bytes gathered before the delimiter is sniffed and the header read (the text reader sniffs on 200,000 characters). */
export const FIRST_BYTES = 1 << 20;

/**
 * How a column asked for is read: `number` (declared numeric), `maybe-number` (decided on the sample),
 * `text`, or `if-date`: kept as text only when every value of the sample looks like a date (the
 * caller then keeps it only if it is typed a date), else scanned over.
 */
export type ColumnPlan = "number" | "maybe-number" | "text" | "if-date";

export interface ColumnarCsvOptions {
  readonly file: string;
  readonly delimiter?: Delimiter;
  readonly decimal?: DecimalMark;
  /** Missing-value tokens, trimmed (as `readTable` holds them). */
  readonly missing: ReadonlySet<string>;
  /** Which columns to keep (by their final name, after `nameColumns`) and how; undefined = skip. */
  readonly plan: (name: string) => ColumnPlan | undefined;
  /** UTF-8 validator of whole lines (default: a fatal TextDecoder); Node passes `buffer.isUtf8`. */
  readonly isUtf8?: (bytes: Uint8Array) => boolean;
  /** Byte search over whole regions, as `Uint8Array.prototype.indexOf` (default); Node passes `Buffer#indexOf` (memchr). */
  readonly indexOf?: (bytes: Uint8Array, byte: number, from: number) => number;
  /** Expected size in bytes, to size the columns (optional). */
  readonly sizeHint?: number;
  /**
   * The text reader's delimiter sniff (read-csv.ts `sniffDelimiterSample`, papaparse), needed only when
   * the sniffed sample holds a quote character; without it such a file is left to the text reader.
   * (Passed in so that the fast path itself loads no CSV library.)
   */
  readonly sniffQuoted?: (sample: string, truncated: boolean) => Delimiter;
}

export interface ColumnarNumbers {
  readonly kind: "number";
  readonly name: string;
  readonly values: Float64Array;
  /** Empty cells, missing tokens and cells of short records. */
  readonly nMissing: number;
}

export interface ColumnarTexts {
  readonly kind: "text";
  readonly name: string;
  /** As `RawColumn.texts`: the cell as written (untrimmed), undefined for cells of short records. */
  readonly texts: (string | undefined)[];
}

/**
 * An `if-date` column as a dictionary: `codes[i]` indexes `values` (−1: a cell of a short record),
 * values in order of first appearance, `firstRows[k]` the row index where `values[k]` first appears.
 */
export interface ColumnarDictionary {
  readonly kind: "dict";
  readonly name: string;
  readonly codes: Int32Array;
  readonly values: readonly string[];
  readonly firstRows: readonly number[];
}

export interface ColumnarResult {
  /** Every column of the file (after dropping empty unnamed trailing ones), in file order. */
  readonly names: readonly string[];
  /** The kept columns, in file order. */
  readonly columns: readonly (ColumnarNumbers | ColumnarTexts | ColumnarDictionary)[];
  readonly rowNumbers: Int32Array;
  readonly headerRow: number;
  readonly delimiter: Delimiter;
  readonly warnings: string[];
}

/** One format per shape of text date (the slash shape covers MM/DD and DD/MM). */
const DATE_SHAPES = ["DD.MM.YYYY", "DD/MM/YYYY", "YYYY-MM-DD"] as const;

/** `fastLine` outcomes besides the next line's start (QUOTED: read the line with `carefulLine`). */
const QUOTED = -1;
const FAILED = -2;

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
const COMMA = 0x2c;

function isWs(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d);
}

const utf8 = new TextDecoder("utf-8", { ignoreBOM: true });
const fatalUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

function defaultIsUtf8(b: Uint8Array): boolean {
  try {
    fatalUtf8.decode(b);
    return true;
  } catch {
    return false;
  }
}

/** The first n entries: a view when little is wasted (no second copy at the peak), else a copy. */
function shrink<T extends Float64Array | Int32Array>(a: T, n: number): T {
  if (a.length === n) return a;
  return (a.length <= n + (n >> 3) ? a.subarray(0, n) : a.slice(0, n)) as T;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/** One kept column while reading. */
interface Sink {
  readonly name: string;
  readonly index: number;
  number: boolean;
  values: Float64Array;
  /** Given as a dictionary (`if-date` columns) instead of texts. */
  readonly dict: boolean;
  /** Every column that is not a number column is kept as codes into its interner (−1: a cell of a short record). */
  codes: Int32Array;
  intern: Interner | undefined;
}

/**
 * Incremental columnar reader (see the module comment). `push` each chunk in order, then `finish`;
 * either returns false when the file must be read by the text reader instead (stop pushing then).
 *
 * @example
 * const r = new ColumnarCsvReader({ file: "km.csv", missing: new Set(["", "NA"]), plan: (n) => (n === "time" ? "maybe-number" : undefined) });
 * r.push(bytes) && r.finish(); // r.result().columns[0].values: the times
 */
export class ColumnarCsvReader {
  private readonly o: ColumnarCsvOptions;
  private readonly isUtf8: (b: Uint8Array) => boolean;
  private readonly indexOf: (b: Uint8Array, byte: number, from: number) => number;
  private failed = false;
  private started = false;
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private totalBytes = 0;
  private carry: Uint8Array = new Uint8Array(0);
  private crlf = false;
  private delim = 0x2c;
  private delimiter: Delimiter = ",";
  private commaFails = false;
  private header: string[] = [];
  private headerRow = 0;
  /** 0-based record (line) index of the next line; the user's row number is record + 1. */
  private record = 0;
  private width = 0;
  /** Index from which every header name is empty: such trailing columns are dropped when empty. */
  private trailingFrom = 0;
  private nonBlank: Uint8Array = new Uint8Array(0);
  /** Kept column per file column index (undefined = scanned over). */
  private sinkAt: (Sink | undefined)[] = [];
  private sinks: Sink[] = [];
  /** Last field index a line needs looked at: the last kept column, or the last column when trailing unnamed ones are checked. */
  private lastNeeded = 0;
  private nRows = 0;
  private rowNumbers = new Int32Array(1024);
  private nShort = 0;
  private firstShort = 0;
  private readonly missingBytes: Uint8Array[] = [];
  private readonly missingMaxLen: number;
  /** First bytes of the ASCII missing tokens, and whether "" is one: most cells skip the token comparison. */
  private readonly missingFirst = new Uint8Array(256);
  private emptyMissing = false;
  private readonly point: number;
  /** Whether `fastLine` parses a number column's cells as it finds them (not when the decimal mark is the delimiter). */
  private fusedNumbers = false;
  private out: ColumnarResult | undefined;

  constructor(options: ColumnarCsvOptions) {
    this.o = options;
    this.isUtf8 = options.isUtf8 ?? defaultIsUtf8;
    this.indexOf = options.indexOf ?? ((b, byte, from) => b.indexOf(byte, from));
    let maxLen = 0;
    const enc = new TextEncoder();
    for (const m of options.missing) {
      const b = enc.encode(m);
      // a token with non-ASCII characters only matches cells with such bytes: those go through the text path
      if (b.every((x) => x < 0x80)) {
        this.missingBytes.push(b);
        if (b.length === 0) this.emptyMissing = true;
        else this.missingFirst[b[0]] = 1;
      }
      maxLen = Math.max(maxLen, b.length);
    }
    this.missingMaxLen = maxLen;
    this.point = options.decimal === "," ? COMMA : 0x2e;
  }

  /** Feeds the next chunk of the file (not kept after the call: the caller may reuse it); false = give up (read with the text reader). */
  push(chunk: Uint8Array): boolean {
    if (this.failed) return false;
    this.totalBytes += chunk.length;
    if (this.totalBytes > MAX_TEXT_BYTES) return this.fail();
    if (!this.started) {
      // kept until the first FIRST_BYTES are in: copied, as the caller may reuse its buffer
      this.pending.push(chunk.length >= FIRST_BYTES && this.pending.length === 0 ? chunk : chunk.slice());
      this.pendingBytes += chunk.length;
      if (this.pendingBytes < FIRST_BYTES) return true;
      return this.start(false);
    }
    if (chunk.length === 0) return true;
    let from = 0;
    if (this.carry.length > 0) {
      const nl = chunk.indexOf(LF);
      if (nl < 0) {
        this.carry = concat(this.carry, chunk);
        return true;
      }
      const joined = concat(this.carry, chunk.subarray(0, nl + 1));
      this.carry = new Uint8Array(0);
      if (this.region(joined, 0, false) !== joined.length) return this.fail();
      from = nl + 1;
    }
    const done = this.region(chunk, from, false);
    if (done < 0) return false;
    this.carry = chunk.slice(done);
    return true;
  }

  /** Ends the input; false = give up (read with the text reader). */
  finish(): boolean {
    if (this.failed) return false;
    if (!this.started) return this.start(true) && this.end();
    if (this.carry.length > 0) {
      const last = this.carry;
      this.carry = new Uint8Array(0);
      if (this.region(last, 0, true) < 0) return false;
    }
    return this.end();
  }

  /** The columns read (after `finish` returned true). */
  result(): ColumnarResult {
    if (this.out === undefined) throw new Error("ColumnarCsvReader.result() before a successful finish()");
    return this.out;
  }

  private fail(): false {
    this.failed = true;
    this.pending = [];
    this.sinks = [];
    this.sinkAt = [];
    return false;
  }

  /** First bytes: BOM, delimiter, line ends, header, plans, sample; then the data in them. */
  private start(final: boolean): boolean {
    this.started = true;
    let buf = this.pending.length === 1 ? this.pending[0] : this.pending.reduce(concat, new Uint8Array(0));
    this.pending = [];
    if (buf.length >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff))) return this.fail();
    // decode.ts strips a UTF-8 BOM, and its TextDecoder a second one
    let at = 0;
    for (let k = 0; k < 2 && buf.length >= at + 3 && buf[at] === 0xef && buf[at + 1] === 0xbb && buf[at + 2] === 0xbf; k++) at += 3;
    buf = buf.subarray(at);
    if (buf.length === 0) return this.fail();
    if (buf.indexOf(0) >= 0) return this.fail();

    // delimiter: as the text reader sniffs it, on the first 200,000 characters
    if (this.o.delimiter !== undefined) this.delimiter = this.o.delimiter;
    else {
      const head = utf8.decode(buf.subarray(0, Math.min(buf.length, 800_000)), { stream: true });
      const truncated = head.length > 200_000 || buf.length > 800_000 || !final;
      utf8.decode(); // reset the streaming state
      const sample = head.length > 200_000 ? head.slice(0, 200_000) : head;
      const sniffed = sniffDelimiterPlain(sample, truncated) ?? this.o.sniffQuoted?.(sample, truncated);
      if (sniffed === undefined) return this.fail();
      this.delimiter = sniffed;
    }
    this.delim = this.delimiter.charCodeAt(0);
    this.fusedNumbers = this.point !== this.delim;
    this.commaFails = this.o.decimal === undefined && this.delim !== COMMA;

    // line ends: LF, or CRLF when the first line ends so (papaparse guesses them the same way on such files)
    const firstLf = buf.indexOf(LF);
    this.crlf = firstLf > 0 && buf[firstLf - 1] === CR;

    // the end of the last complete line (all of it when final)
    const lastLf = buf.lastIndexOf(LF);
    const usable = final ? buf.length : lastLf + 1;
    if (!this.check(buf, 0, usable)) return this.fail();

    // header: the first record that is not blank
    let pos = 0;
    for (;;) {
      if (pos >= usable) return this.fail();
      let nl = buf.indexOf(LF, pos);
      if (nl < 0 || nl >= usable) nl = usable;
      const contentEnd = this.crlf && nl < usable ? nl - 1 : nl;
      if (this.crlf && nl < usable && buf[nl - 1] !== CR) return this.fail();
      const cr = this.crlf ? buf.indexOf(CR, pos) : -1;
      if (cr >= 0 && cr < contentEnd) return this.fail();
      this.record++;
      const q = buf.indexOf(QUOTE, pos);
      const nFields = this.split(buf, pos, contentEnd, q >= 0 && q < contentEnd);
      if (nFields < 0) return this.fail();
      const cells: string[] = [];
      for (let j = 0; j < nFields; j++) cells.push(utf8.decode(buf.subarray(this.fs[j], this.fe[j])).trim());
      if (cells.some((x) => x !== "")) {
        this.header = cells;
        this.headerRow = this.record;
        pos = nl + 1;
        break;
      }
      pos = nl + 1;
    }
    this.width = this.header.length;
    let t = this.width;
    while (t > 1 && this.header[t - 1] === "") t--;
    this.trailingFrom = t;
    this.nonBlank = new Uint8Array(this.width);
    const names = nameColumns(this.header, this.o.file, [], this.headerRow);
    this.sinkAt = new Array<Sink | undefined>(this.width).fill(undefined);
    const plans: (ColumnPlan | undefined)[] = names.map((n) => this.o.plan(n));
    const sampleEnd = this.sampleEnd(buf, pos, usable);
    for (let j = 0; j < this.width; j++) {
      const plan = plans[j];
      if (plan === undefined) continue;
      if (plan === "if-date" && !this.sampleIsDates(buf, pos, sampleEnd, j)) continue;
      const number = plan === "number" || (plan === "maybe-number" && this.sampleIsNumbers(buf, pos, sampleEnd, j));
      const sink: Sink = { name: names[j], index: j, number, values: new Float64Array(0), dict: plan === "if-date", codes: new Int32Array(0), intern: number ? undefined : new Interner() };
      this.sinkAt[j] = sink;
      this.sinks.push(sink);
    }
    this.lastNeeded = this.trailingFrom < this.width ? this.width - 1 : Math.max(0, ...this.sinks.map((k) => k.index));
    const rowsGuess = Math.max(1024, Math.ceil(((this.o.sizeHint ?? buf.length) / Math.max(1, sampleEnd.bytesPerRow)) * 1.05));
    this.rowNumbers = new Int32Array(rowsGuess);
    for (const s of this.sinks) {
      if (s.number) s.values = new Float64Array(rowsGuess);
      if (!s.number) s.codes = new Int32Array(rowsGuess);
    }
    const done = this.lines(buf, pos, usable, final);
    if (done < 0) return false;
    this.carry = final ? new Uint8Array(0) : buf.slice(done);
    return true;
  }

  /** Where the sample's data rows end, and the mean bytes per line (to size the columns). */
  private sampleEnd(buf: Uint8Array, from: number, usable: number): { end: number; bytesPerRow: number } {
    let pos = from;
    let n = 0;
    while (pos < usable && n < SAMPLE_ROWS) {
      const nl = buf.indexOf(LF, pos);
      pos = nl < 0 || nl >= usable ? usable : nl + 1;
      n++;
    }
    return { end: pos, bytesPerRow: n === 0 ? 64 : (pos - from) / n };
  }

  /** Whether every cell of column j in the sample is missing or has the shape of a text date (DD.MM.YYYY, DD/MM/YYYY or YYYY-MM-DD). */
  private sampleIsDates(buf: Uint8Array, from: number, sample: { end: number }, j: number): boolean {
    return this.sampleEvery(buf, from, sample, j, (s, e) => {
      const text = utf8.decode(buf.subarray(s, e)).trim();
      return this.o.missing.has(text) || DATE_SHAPES.some((f) => parseDateText(text, f) !== DateParse.WrongShape);
    });
  }

  /** Whether every cell of column j in the sample is missing or a number. */
  private sampleIsNumbers(buf: Uint8Array, from: number, sample: { end: number }, j: number): boolean {
    return this.sampleEvery(buf, from, sample, j, (s, e) => !Number.isNaN(this.cellNumber(buf, s, e)) || this.wasMissing);
  }

  /** Whether `ok(start, end)` holds for the cell of column j in every sample line that has one. */
  private sampleEvery(buf: Uint8Array, from: number, sample: { end: number }, j: number, ok: (start: number, end: number) => boolean): boolean {
    let pos = from;
    let q = -1;
    while (pos < sample.end) {
      let nl = buf.indexOf(LF, pos);
      if (nl < 0 || nl >= sample.end) nl = sample.end;
      const contentEnd = this.crlf && nl < sample.end && buf[nl - 1] === CR ? nl - 1 : nl;
      if (q < pos) {
        q = buf.indexOf(QUOTE, pos);
        if (q < 0) q = buf.length;
      }
      const nFields = this.split(buf, pos, contentEnd, q < contentEnd);
      if (nFields > j && !ok(this.fs[j], this.fe[j])) return false;
      pos = nl + 1;
    }
    return true;
  }

  /**
   * Rejects (false) what the fast path does not read exactly as the text reader: a quote, a NUL,
   * invalid UTF-8, a comma in a file with an undeclared decimal mark, a CR in an LF file.
   */
  private check(b: Uint8Array, s: number, e: number): boolean {
    if (s >= e) return true;
    const part = b.subarray(s, e);
    if (this.indexOf(part, 0, 0) >= 0) return false;
    if (this.commaFails && this.indexOf(part, COMMA, 0) >= 0) return false;
    if (!this.crlf && this.indexOf(part, CR, 0) >= 0) return false;
    return this.isUtf8(part);
  }

  /** A region of complete lines from `from` (plus an unterminated last line when final); returns where the unread tail starts, −1 = gave up. */
  private region(b: Uint8Array, from: number, final: boolean): number {
    const lastLf = b.lastIndexOf(LF);
    const usable = final ? b.length : lastLf < from ? from : lastLf + 1;
    if (!this.check(b, from, usable)) return this.fail() ? 0 : -1;
    return this.lines(b, from, usable, final);
  }

  /** Whether a line holds only blanks and delimiters (papaparse's blank record, skipped). */
  private blankLine(b: Uint8Array, s: number, e: number): boolean {
    let high = false;
    for (let i = s; i < e; i++) {
      const c = b[i];
      if (c === this.delim || isWs(c)) continue;
      if (c < 0x80) return false;
      high = true;
    }
    if (!high) return true;
    return utf8
      .decode(b.subarray(s, e))
      .split(this.delimiter)
      .every((x) => x.trim() === "");
  }

  /** Whether a cell's bytes are blank after JavaScript's trim(). */
  private blankCell(b: Uint8Array, s: number, e: number): boolean {
    let high = false;
    for (let i = s; i < e; i++) {
      const c = b[i];
      if (isWs(c)) continue;
      if (c < 0x80) return false;
      high = true;
    }
    return !high || utf8.decode(b.subarray(s, e)).trim() === "";
  }

  private wasMissing = false;

  /**
   * A cell of a number column: its value, NaN with `wasMissing` for a missing cell, or NaN without
   * it when the cell is not a number (as `normaliseMissing` then `parseNumber` decide, infer.ts).
   */
  private cellNumber(b: Uint8Array, s: number, e: number): number {
    let ts = s;
    let te = e;
    while (ts < te && isWs(b[ts])) ts++;
    while (te > ts && isWs(b[te - 1])) te--;
    const len = te - ts;
    this.wasMissing = false;
    if (len <= this.missingMaxLen && (len === 0 ? this.emptyMissing : this.missingFirst[b[ts]] === 1)) {
      for (const m of this.missingBytes) {
        if (m.length !== len) continue;
        let same = true;
        for (let k = 0; k < len; k++) {
          if (m[k] !== b[ts + k]) {
            same = false;
            break;
          }
        }
        if (same) {
          this.wasMissing = true;
          return Number.NaN;
        }
      }
    }
    if (len > 0) {
      const v = parseNumberBytes(b, ts, te, this.point);
      if (lastBytesStatus() === BYTES_NUMBER) return v;
    }
    // the text reader's own steps, on the decoded cell
    const text = utf8.decode(b.subarray(s, e)).trim();
    if (this.o.missing.has(text)) {
      this.wasMissing = true;
      return Number.NaN;
    }
    return parseNumber(text, this.o.decimal);
  }

  private grow(): void {
    const cap = this.rowNumbers.length * 2;
    const rn = new Int32Array(cap);
    rn.set(this.rowNumbers);
    this.rowNumbers = rn;
    for (const s of this.sinks) {
      if (!s.number) {
        const c = new Int32Array(cap);
        c.set(s.codes);
        s.codes = c;
      }
      if (!s.number) continue;
      const v = new Float64Array(cap);
      v.set(s.values);
      s.values = v;
    }
  }

  /** Field ranges of the current line (start, end), after unquoting. */
  private fs = new Int32Array(64);
  private fe = new Int32Array(64);

  /**
   * Splits b[s, e) at the delimiter into `fs`/`fe`; returns the number of fields, or −1 when a field
   * holds a quote character other than as a plain quoted field ("abc": no quote, delimiter or line end
   * inside, nothing outside the quotes), which only the text reader reads as papaparse does.
   */
  private split(b: Uint8Array, s: number, e: number, quotes: boolean): number {
    const delim = this.delim;
    let n = 0;
    let i = s;
    for (;;) {
      let k = i;
      while (k < e && b[k] !== delim) k++;
      if (n === this.fs.length) {
        const fs = new Int32Array(n * 2);
        fs.set(this.fs);
        this.fs = fs;
        const fe = new Int32Array(n * 2);
        fe.set(this.fe);
        this.fe = fe;
      }
      let fs = i;
      let fe = k;
      if (quotes) {
        const q = b.indexOf(QUOTE, i);
        if (q >= 0 && q < k) {
          if (q !== i || k - i < 2 || b[k - 1] !== QUOTE) return -1;
          const inner = b.indexOf(QUOTE, i + 1);
          if (inner !== k - 1) return -1;
          fs = i + 1;
          fe = k - 1;
        }
      }
      this.fs[n] = fs;
      this.fe[n] = fe;
      n++;
      if (k >= e) return n;
      i = k + 1;
    }
  }

  /** Reads the lines of b[from, usable); returns usable, or −1 when it gave up. */
  private lines(b: Uint8Array, from: number, usable: number, final: boolean): number {
    const delim = this.delim;
    let nextQuote = -1;
    let pos = from;
    while (pos < usable) {
      if (nextQuote < pos) {
        nextQuote = this.indexOf(b, QUOTE, pos);
        if (nextQuote < 0 || nextQuote > usable) nextQuote = usable;
      }
      const c0 = b[pos];
      // most lines start with a plain byte: they cannot be blank, and are read in one pass
      if (c0 !== delim && c0 < 0x80 && c0 !== QUOTE && !isWs(c0)) {
        const next = this.fastLine(b, pos, nextQuote, usable, final);
        if (next >= 0) {
          pos = next;
          continue;
        }
        if (next === FAILED) return -1;
        // a quote in the line: read it the careful way
      }
      const next = this.carefulLine(b, pos, usable, final);
      if (next < 0) return -1;
      pos = next;
    }
    return usable;
  }

  /** Stores field j = b[s, e) of the current row; false when the reader must give up. */
  private field(b: Uint8Array, j: number, s: number, e: number, row: number): boolean {
    if (j < this.width) {
      const sink = this.sinkAt[j];
      if (sink !== undefined) {
        if (sink.number) {
          const v = this.cellNumber(b, s, e);
          if (v !== v && !this.wasMissing) return false; // not a number: the text reader decides
          sink.values[row] = v;
        } else if (sink.dict) sink.codes[row] = (sink.intern as Interner).id(b, s, e, row);
        else sink.codes[row] = (sink.intern as Interner).code(b, s, e);
      }
      if (j >= this.trailingFrom && this.nonBlank[j] === 0 && !this.blankCell(b, s, e)) this.nonBlank[j] = 1;
      return true;
    }
    return this.blankCell(b, s, e); // more cells than the header: an error, said by the text reader
  }

  /** Pads a short record with missing cells and counts the row. */
  private endRow(nFields: number, row: number): void {
    if (nFields < this.width) {
      if (this.nShort++ === 0) this.firstShort = this.record;
      for (let k = nFields; k < this.width; k++) {
        const sink = this.sinkAt[k];
        if (sink === undefined) continue;
        if (sink.number) sink.values[row] = Number.NaN;
        else sink.codes[row] = -1;
      }
    }
    this.rowNumbers[row] = this.record;
    this.nRows++;
  }

  /**
   * One line that starts with a plain byte, in a single pass over its bytes: returns the start of the
   * next line, `QUOTED` when a quote comes before the line's end (nothing kept of it), or `FAILED`.
   * Past the last field that needs looking at (`lastNeeded`), the rest of the line is only counted.
   */
  private fastLine(b: Uint8Array, start: number, nextQuote: number, usable: number, final: boolean): number {
    const delim = this.delim;
    const crlf = this.crlf;
    const width = this.width;
    const sinkAt = this.sinkAt;
    const lastNeeded = this.lastNeeded;
    if (this.nRows === this.rowNumbers.length) this.grow();
    const row = this.nRows;
    const fused = this.fusedNumbers;
    const missingFirst = this.missingFirst;
    const missingMaxLen = this.missingMaxLen;
    let j = 0;
    let s = start;
    let i = start;
    for (;;) {
      let c = 0;
      let stored = false;
      const sink = j < width ? sinkAt[j] : undefined;
      if (fused && sink !== undefined && sink.number && i < nextQuote) {
        // a number column's cell read as it is found: a plain number directly followed by the delimiter or
        // the line end is stored; anything else (blanks, texts, a cell as short as a missing token that
        // starts as one, e.g. "-" or "-99") is read by `field` below
        const at = scanNumber(b, i, nextQuote, this.point);
        if (at >= 0 && at < nextQuote && ((c = b[at]) === delim || c === LF || c === CR) && (missingFirst[b[i]] === 0 || at - i > missingMaxLen)) {
          sink.values[row] = NUMBER[0];
          if (j >= this.trailingFrom) this.nonBlank[j] = 1;
          i = at;
          stored = true;
        }
      }
      if (!stored) {
        while (i < nextQuote) {
          c = b[i];
          if (c === delim || (c <= 13 && (c === LF || c === CR))) break;
          i++;
        }
      }
      let next = -1;
      if (i === nextQuote) {
        if (i < usable) return QUOTED; // the careful reader rewrites this row
        if (!final) return this.fail() ? 0 : FAILED;
        next = usable;
      } else if (c === CR) {
        if (!crlf || i + 1 >= usable || b[i + 1] !== LF) return this.fail() ? 0 : FAILED;
        next = i + 2;
      } else if (c === LF) {
        if (crlf) return this.fail() ? 0 : FAILED;
        next = i + 1;
      }
      if (!stored && (j >= width || sink !== undefined || j >= this.trailingFrom)) {
        if (!this.field(b, j, s, i, row)) return this.fail() ? 0 : FAILED;
      }
      j++;
      if (next >= 0) {
        this.record++;
        this.endRow(j, row);
        return next;
      }
      i++;
      s = i;
      if (j > lastNeeded) break;
    }
    // the rest of the line: count its fields (a short record pads, a long one is for the careful reader)
    let nl = b.indexOf(LF, i);
    if (nl < 0 || nl >= usable) {
      if (!final) return this.fail() ? 0 : FAILED;
      nl = usable;
    }
    if (nextQuote < nl) return QUOTED; // the careful reader rewrites this row
    let end = nl;
    if (crlf && nl < usable) {
      if (b[nl - 1] !== CR) return this.fail() ? 0 : FAILED;
      end = nl - 1;
    }
    let n = j + 1;
    for (let k = i; k < end; k++) {
      const c = b[k];
      if (c === delim) n++;
      else if (c === CR) return this.fail() ? 0 : FAILED;
    }
    if (n > width) return QUOTED; // the careful reader rewrites this row
    this.record++;
    this.endRow(n, row);
    return nl + 1;
  }

  /** One line read with every check (blank lines, quoted fields, CR); returns the start of the next line or −1. */
  private carefulLine(b: Uint8Array, pos: number, usable: number, final: boolean): number {
    let nl = b.indexOf(LF, pos);
    if (nl < 0 || nl >= usable) {
      if (!final) return this.fail() ? 0 : -1; // unreachable: regions end at a line end
      nl = usable;
    }
    let contentEnd = nl;
    if (this.crlf && nl < usable) {
      if (nl - 1 < pos || b[nl - 1] !== CR) return this.fail() ? 0 : -1;
      contentEnd = nl - 1;
    }
    // a CR inside the line (CRLF files): papaparse would keep it in the cell
    if (this.crlf) {
      const cr = b.indexOf(CR, pos);
      if (cr >= 0 && cr < contentEnd) return this.fail() ? 0 : -1;
    }
    this.record++;
    const next = nl + 1;
    if (this.blankLine(b, pos, contentEnd)) return next;
    const q = b.indexOf(QUOTE, pos);
    const quotes = q >= 0 && q < contentEnd;
    const nFields = this.split(b, pos, contentEnd, quotes);
    if (nFields < 0) return this.fail() ? 0 : -1;
    const fs = this.fs;
    const fe = this.fe;
    if (quotes) {
      let blank = true;
      for (let j = 0; j < nFields && blank; j++) blank = this.blankCell(b, fs[j], fe[j]);
      if (blank) return next;
    }
    if (this.nRows === this.rowNumbers.length) this.grow();
    const row = this.nRows;
    for (let j = 0; j < nFields; j++) if (!this.field(b, j, fs[j], fe[j], row)) return this.fail() ? 0 : -1;
    this.endRow(nFields, row);
    return next;
  }

  private end(): boolean {
    if (this.failed) return false;
    if (this.nRows === 0) return this.fail();
    const warnings: string[] = [];
    if (this.nShort > 0) {
      warnings.push(`${this.o.file}: ${this.nShort} row(s) have fewer cells than the header (first: row ${this.firstShort}); the missing cells are read as missing`);
    }
    let width = this.width;
    while (width > 1 && this.header[width - 1] === "" && this.nonBlank[width - 1] === 0) width--;
    const names = nameColumns(this.header.slice(0, width), this.o.file, warnings, this.headerRow);
    const n = this.nRows;
    const columns: (ColumnarNumbers | ColumnarTexts | ColumnarDictionary)[] = [];
    for (const s of this.sinks) {
      if (s.index >= width) continue;
      if (s.number) {
        const values = shrink(s.values, n);
        // a number column holds NaN only for its missing cells (any other non-number gave up)
        let nMissing = 0;
        for (let i = 0; i < n; i++) if (values[i] !== values[i]) nMissing++;
        columns.push({ kind: "number", name: s.name, values, nMissing });
      } else if (s.dict) {
        const dict = s.intern as Interner;
        columns.push({ kind: "dict", name: s.name, codes: shrink(s.codes, n), values: dict.strings, firstRows: dict.firstRows });
      } else {
        // the texts made once at their final length from the codes (no array grown cell by cell)
        const strings = (s.intern as Interner).strings;
        const texts = new Array<string | undefined>(n);
        for (let i = 0; i < n; i++) {
          const c = s.codes[i];
          texts[i] = c < 0 ? undefined : strings[c];
        }
        columns.push({ kind: "text", name: s.name, texts });
      }
    }
    this.out = { names, columns, rowNumbers: shrink(this.rowNumbers, n), headerRow: this.headerRow, delimiter: this.delimiter, warnings };
    this.sinks = [];
    this.sinkAt = [];
    return true;
  }
}
