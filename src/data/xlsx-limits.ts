/**
 * Resource limits for workbooks, checked on the ZIP container before SheetJS parses it.
 *
 * A workbook is a ZIP of XML parts. A few hundred KB can unpack to gigabytes (a "ZIP bomb", e.g. a
 * sharedStrings.xml of millions of repeated strings), and SheetJS would spend minutes and gigabytes on
 * it. So every part is inflated here first, as a stream that is never kept: its real unpacked size,
 * its compression ratio and the number of cells, rows and shared strings it declares are counted, and
 * the file is refused (`DATA_WORKBOOK_TOO_LARGE`) as soon as one limit is passed, before any parsing.
 *
 * The walk mirrors SheetJS 0.20.3's own (`parse_zip`: end-of-central-directory record found from the
 * end, entries from the central directory, data at the offset its local header gives, sizes from the
 * local header with ZIP64 overrides), so what is counted is what SheetJS would inflate. Sizes declared
 * in headers are not trusted: the charge of a part is the larger of its declared and its real size
 * (SheetJS allocates the declared size). Limits follow Apache POI's `ZipSecureFile` idea (minimum
 * inflate ratio 0.01, checked once a part is past a grace size).
 *
 * Since every part is inflated anyway, two checks SheetJS skips are made too, so that a damaged file is
 * refused (`DATA_UNREADABLE_WORKBOOK`) instead of read with changed values: each part's CRC-32, and its
 * declared unpacked size against the real one (SheetJS would cut or pad the part to the declared size).
 */
import { Inflate } from "fflate";
import { SurvinferError } from "../errors.js";

export interface WorkbookLimits {
  /** Sum of the unpacked sizes of all parts, in bytes. */
  readonly maxUnpackedBytes: number;
  /** Unpacked / packed size of one part, checked once the part has unpacked more than `ratioGraceBytes`. */
  readonly maxRatio: number;
  readonly ratioGraceBytes: number;
  /** Cells (`<c>` elements; ODS `<table:table-cell>`, times its repeats) in all sheets, empty formatted cells included. */
  readonly maxCells: number;
  /** Rows (`<row>` elements; ODS `<table:table-row>`) in all sheets. */
  readonly maxRows: number;
  /** Shared strings (`<si>` elements of sharedStrings.xml). */
  readonly maxSharedStrings: number;
}

const MB = 1024 * 1024;

/** The limits survinfer applies (documented in docs/data.md, "Workbook limits"). */
export const WORKBOOK_LIMITS: WorkbookLimits = Object.freeze({
  maxUnpackedBytes: 256 * MB,
  maxRatio: 100,
  ratioGraceBytes: 1 * MB,
  maxCells: 2_000_000,
  maxRows: 2_000_000,
  maxSharedStrings: 2_000_000,
});

/** What the walk found: real unpacked bytes and element counts over all parts. */
export interface WorkbookCounts {
  readonly parts: number;
  /** SheetJS will read it as OpenDocument (.ods). */
  readonly ods: boolean;
  readonly unpackedBytes: number;
  readonly cells: number;
  readonly rows: number;
  readonly sharedStrings: number;
}

const HINT =
  "survinfer refuses such workbooks to protect the machine's memory. Export the sheet as CSV (UTF-8) and read the CSV instead, " +
  "or remove unused sheets, formatting and images and save the workbook again";

/** Packed bytes given to the inflater at a time: one step unpacks at most ~66 MB (deflate expands at most ~1032-fold). */
const CHUNK = 64 * 1024;

/** CRC-32 (ISO-HDLC, reflected polynomial 0xEDB88320), the checksum ZIP stores for every part. */
const CRC_TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();
function crc32(crc: number, b: Uint8Array): number {
  let c = ~crc;
  for (let i = 0; i < b.length; i++) c = CRC_TABLE[(c ^ b[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

function u16(b: Uint8Array, i: number): number {
  return b[i] | (b[i + 1] << 8);
}
function u32(b: Uint8Array, i: number): number {
  return (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16)) + b[i + 3] * 0x1000000;
}
function u64(b: Uint8Array, i: number): number {
  return u32(b, i) + u32(b, i + 4) * 0x100000000;
}

/** ZIP64 extended information (header id 0x0001) as SheetJS reads it: unpacked size, then packed size. */
function zip64(b: Uint8Array, start: number, len: number): { usz?: number; csz?: number } {
  let i = start;
  const end = Math.min(start + len, b.length);
  while (i + 4 <= end) {
    const id = u16(b, i);
    const sz = u16(b, i + 2);
    if (id === 0x0001) {
      const out: { usz?: number; csz?: number } = {};
      if (sz >= 8 && i + 12 <= end) out.usz = u64(b, i + 4);
      if (sz >= 16 && i + 20 <= end) out.csz = u64(b, i + 12);
      return out;
    }
    i += 4 + sz;
  }
  return {};
}

function kb(n: number): string {
  return n >= MB ? `${(n / MB).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;
}

const enum Tag {
  Other,
  Cell,
  Row,
  SharedString,
  OdsCell,
  OdsRow,
  OdsCoveredCell,
}

const ODS_REPEAT = /number-(rows|columns)-repeated\s*=\s*["']\s*(\d+)/g;

/**
 * Counts XML start tags by local name across chunk boundaries (`<x:c ...>` counts as `c`): cells,
 * rows and shared strings. One pass over the bytes; only the attributes of ODS table tags are kept,
 * because there one element can stand for many cells: SheetJS copies a non-empty
 * `<table:table-cell number-columns-repeated="n">` n times in each of the `number-rows-repeated` rows
 * of its row, so such a cell counts n × rows (a self-closing cell makes at most one cell, and
 * repeated rows themselves are not materialised, so LibreOffice's trailing empty rows cost nothing).
 */
class TagCounter {
  cells = 0;
  rows = 0;
  sharedStrings = 0;
  /** 0: outside a tag; 1: reading the element name; 2: reading the attributes of an ODS table tag. */
  private mode = 0;
  /** Bytes of the local name being read (after the last ':'). */
  private len = 0;
  private readonly name = new Uint8Array(24);
  private tag = Tag.Other;
  private attrs = new Uint8Array(256);
  private attrLen = 0;
  private quote = 0;
  /** `number-rows-repeated` of the current ODS row. */
  private rowRepeat = 1;

  scan(chunk: Uint8Array): void {
    const name = this.name;
    for (let i = 0; i < chunk.length; i++) {
      const ch = chunk[i];
      if (this.mode === 0) {
        if (ch === 0x3c) {
          this.mode = 1; // '<'
          this.len = 0;
        }
      } else if (this.mode === 1) {
        if (ch === 0x20 || ch === 0x3e || ch === 0x2f || ch === 0x09 || ch === 0x0a || ch === 0x0d) {
          this.endName(ch);
        } else if (ch === 0x3a || ch === 0x3c) {
          this.len = 0; // ':' starts the local name; a stray '<' starts over
        } else if (this.len < name.length) {
          name[this.len++] = ch;
        } else {
          this.len = name.length + 1; // too long to matter
        }
      } else if (this.quote !== 0) {
        if (ch === this.quote) this.quote = 0;
        this.pushAttr(ch);
      } else if (ch === 0x22 || ch === 0x27) {
        this.quote = ch;
        this.pushAttr(ch);
      } else if (ch === 0x3e) {
        this.endOdsTag();
      } else {
        this.pushAttr(ch);
      }
    }
  }

  private endName(terminator: number): void {
    const tag = this.classify();
    this.mode = 0;
    if (tag === Tag.Cell) this.cells++;
    else if (tag === Tag.Row) this.rows++;
    else if (tag === Tag.SharedString) this.sharedStrings++;
    else if (tag !== Tag.Other) {
      this.tag = tag;
      this.attrLen = 0;
      this.quote = 0;
      if (terminator === 0x3e) this.endOdsTag();
      else {
        if (terminator === 0x2f) this.pushAttr(terminator);
        this.mode = 2;
      }
    }
  }

  private classify(): Tag {
    const n = this.name;
    const len = this.len;
    if (len === 1 && n[0] === 0x63) return Tag.Cell; // c
    if (len === 3 && n[0] === 0x72 && n[1] === 0x6f && n[2] === 0x77) return Tag.Row; // row
    if (len === 2 && n[0] === 0x73 && n[1] === 0x69) return Tag.SharedString; // si
    if (len === 9 || len === 10 || len === 18) {
      const s = String.fromCharCode(...n.subarray(0, len));
      if (s === "table-cell") return Tag.OdsCell;
      if (s === "table-row") return Tag.OdsRow;
      if (s === "covered-table-cell") return Tag.OdsCoveredCell;
    }
    return Tag.Other;
  }

  private pushAttr(ch: number): void {
    if (this.attrLen === this.attrs.length) {
      const grown = new Uint8Array(this.attrs.length * 2);
      grown.set(this.attrs);
      this.attrs = grown;
    }
    this.attrs[this.attrLen++] = ch;
  }

  private endOdsTag(): void {
    this.mode = 0;
    let last = this.attrLen - 1;
    while (last >= 0 && (this.attrs[last] === 0x20 || this.attrs[last] === 0x09 || this.attrs[last] === 0x0a || this.attrs[last] === 0x0d)) last--;
    const selfClosing = last >= 0 && this.attrs[last] === 0x2f;
    let rows = 1;
    let cols = 1;
    if (this.attrLen > 0) {
      const text = new TextDecoder().decode(this.attrs.subarray(0, this.attrLen));
      for (const m of text.matchAll(ODS_REPEAT)) {
        const n = Math.max(1, Number(m[2]) || 1);
        if (m[1] === "rows") rows = n;
        else cols = n;
      }
    }
    if (this.attrs.length > 4096) this.attrs = new Uint8Array(256);
    this.attrLen = 0;
    if (this.tag === Tag.OdsRow) {
      this.rows++;
      if (!selfClosing) this.rowRepeat = rows;
    } else if (this.tag === Tag.OdsCell && !selfClosing) {
      this.cells += cols * this.rowRepeat;
    } else {
      this.cells++;
    }
  }
}

/** True when SheetJS will read the archive as an OpenDocument spreadsheet (its `parse_zip` test). */
function isOds(names: readonly string[]): boolean {
  return names.some((n) => {
    const k = n.replace(/^\//, "").toLowerCase();
    return k === "meta-inf/manifest.xml" || k === "objectdata.xml";
  });
}

interface Entry {
  readonly name: string;
  readonly crc: number;
  readonly method: number;
  readonly dataStart: number;
  readonly packed: number;
  readonly declared: number;
  /** The unpacked size SheetJS will use (local header, ZIP64 overrides); 0 when a data descriptor follows. */
  readonly localSize: number;
}

function damaged(file: string, what: string): SurvinferError {
  return new SurvinferError({
    code: "DATA_UNREADABLE_WORKBOOK",
    message: `could not be read as a spreadsheet (damaged ZIP archive: ${what})`,
    file,
    hint: "Open it in Excel and save it again as .xlsx, or export the sheet as CSV (UTF-8)",
  });
}

/** Central directory → entries, as SheetJS `parse_zip` walks it. */
function entries(bytes: Uint8Array, file: string): Entry[] {
  let eocd = bytes.length - 4;
  while (eocd >= 0 && !(bytes[eocd] === 0x50 && bytes[eocd + 1] === 0x4b && bytes[eocd + 2] === 0x05 && bytes[eocd + 3] === 0x06)) eocd--;
  if (eocd < 0 || eocd + 20 > bytes.length) throw damaged(file, "no end-of-central-directory record");
  const count = u16(bytes, eocd + 8);
  let p = u32(bytes, eocd + 16);
  const out: Entry[] = [];
  for (let k = 0; k < count; k++) {
    if (p + 46 > bytes.length) throw damaged(file, `central directory entry ${k + 1} lies outside the file`);
    const crc = u32(bytes, p + 16);
    let csz = u32(bytes, p + 20);
    let usz = u32(bytes, p + 24);
    const nameLen = u16(bytes, p + 28);
    const extraLen = u16(bytes, p + 30);
    const commentLen = u16(bytes, p + 32);
    const offset = u32(bytes, p + 42);
    const cd64 = zip64(bytes, p + 46 + nameLen, extraLen);
    const name = new TextDecoder().decode(bytes.subarray(p + 46, Math.min(p + 46 + nameLen, bytes.length)));
    p += 46 + nameLen + extraLen + commentLen;
    if (cd64.usz) usz = cd64.usz;
    if (cd64.csz) csz = cd64.csz;

    const h = offset + 4; // just after the local header signature, as SheetJS positions it
    if (h + 26 > bytes.length) throw damaged(file, `part ${JSON.stringify(name)} lies outside the file`);
    const method = u16(bytes, h + 4);
    let lcsz = u32(bytes, h + 14);
    let lusz = u32(bytes, h + 18);
    const lNameLen = u16(bytes, h + 22);
    const lExtraLen = u16(bytes, h + 24);
    if (lExtraLen > 0) {
      const l64 = zip64(bytes, h + 26 + lNameLen, lExtraLen);
      if (l64.usz) lusz = l64.usz;
      if (l64.csz) lcsz = l64.csz;
      if (cd64.usz) lusz = cd64.usz;
      if (cd64.csz) lcsz = cd64.csz;
    }
    const dataStart = h + 26 + lNameLen + lExtraLen;
    // A local header without sizes (data descriptor follows the data): the central directory has them.
    const packed = lcsz > 0 ? lcsz : csz;
    out.push({ name, crc, method, dataStart, packed, declared: Math.max(lusz, usz, method === 0 ? packed : 0), localSize: lusz });
  }
  return out;
}

/**
 * Refuses a ZIP-based workbook (.xlsx, .xlsm, .xlsb, .ods) that passes one of `limits` (default
 * `WORKBOOK_LIMITS`), with `DATA_WORKBOOK_TOO_LARGE` naming the file, the part and the limit; a damaged
 * archive gives `DATA_UNREADABLE_WORKBOOK`. Returns the counts when the workbook is within the limits.
 * Work is bounded by the limits, not by what the file claims.
 *
 * @example
 * checkWorkbookArchive(bytes, "cohort.xlsx"); // throws before XLSX.read on a 777 KB shared-strings bomb
 */
export function checkWorkbookArchive(bytes: Uint8Array, file: string, limits: WorkbookLimits = WORKBOOK_LIMITS): WorkbookCounts {
  const counter = new TagCounter();
  let total = 0;
  const list = entries(bytes, file);
  const tooLarge = (message: string): SurvinferError =>
    new SurvinferError({ code: "DATA_WORKBOOK_TOO_LARGE", message, file, hint: HINT });
  const checkTotal = (extra: number): void => {
    if (total + extra > limits.maxUnpackedBytes) {
      throw tooLarge(
        `is a workbook whose parts unpack to more than ${kb(limits.maxUnpackedBytes)} (limit: ${kb(limits.maxUnpackedBytes)} unpacked in all)`,
      );
    }
  };
  // SheetJS skips the checksum; a changed byte that still inflates would change values silently.
  const badCrc = (part: string): SurvinferError => damaged(file, `part ${JSON.stringify(part)} fails its CRC-32 check`);
  const checkCounts = (part: string): void => {
    const over = (what: string, n: number, max: number): SurvinferError =>
      tooLarge(`is a workbook with more than ${max.toLocaleString("en")} ${what} (limit: ${max.toLocaleString("en")}; found ${n.toLocaleString("en")} by part ${JSON.stringify(part)})`);
    if (counter.cells > limits.maxCells) throw over("cells", counter.cells, limits.maxCells);
    if (counter.rows > limits.maxRows) throw over("rows", counter.rows, limits.maxRows);
    if (counter.sharedStrings > limits.maxSharedStrings) throw over("shared strings", counter.sharedStrings, limits.maxSharedStrings);
  };

  for (const e of list) {
    if (e.dataStart > bytes.length || e.dataStart + e.packed > bytes.length) {
      throw damaged(file, `part ${JSON.stringify(e.name)} extends past the end of the file`);
    }
    // SheetJS allocates the declared size up front: charge it before inflating anything.
    checkTotal(e.declared);
    if (e.method === 0) {
      const data = bytes.subarray(e.dataStart, e.dataStart + e.packed);
      counter.scan(data);
      if (crc32(0, data) !== e.crc) throw badCrc(e.name);
      total += e.packed;
      checkCounts(e.name);
      continue;
    }
    if (e.method !== 8) continue; // SheetJS refuses other methods itself
    if (e.packed === 0) throw damaged(file, `part ${JSON.stringify(e.name)} has no compressed size`);
    let unpacked = 0;
    let pushed = 0;
    let crc = 0;
    const ratioError = (): SurvinferError =>
      tooLarge(
        `is a workbook whose part ${JSON.stringify(e.name)} unpacks to more than ${limits.maxRatio} times its packed size ` +
          `(${kb(pushed)} → at least ${kb(unpacked)}; limit: ratio ${limits.maxRatio} for parts over ${kb(limits.ratioGraceBytes)}), as a ZIP bomb does`,
      );
    const inflater = new Inflate((chunk) => {
      unpacked += chunk.length;
      checkTotal(Math.max(unpacked, e.declared));
      if (unpacked > limits.ratioGraceBytes && unpacked > limits.maxRatio * pushed) throw ratioError();
      counter.scan(chunk);
      checkCounts(e.name);
      crc = crc32(crc, chunk);
    });
    const end = e.dataStart + e.packed;
    try {
      for (let at = e.dataStart; at < end; at += CHUNK) {
        const stop = Math.min(at + CHUNK, end);
        pushed = stop - e.dataStart;
        inflater.push(bytes.subarray(at, stop), stop === end);
      }
    } catch (err) {
      if (err instanceof SurvinferError) throw err;
      throw damaged(file, `part ${JSON.stringify(e.name)}: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (crc !== e.crc) throw badCrc(e.name);
    // SheetJS cuts or pads the part to its declared size: only an exact size is read as written.
    if (e.localSize !== 0 && e.localSize !== unpacked) {
      throw damaged(file, `part ${JSON.stringify(e.name)} declares ${e.localSize} bytes but unpacks to ${unpacked}`);
    }
    total += Math.max(unpacked, e.declared);
  }
  return { parts: list.length, ods: isOds(list.map((e) => e.name)), unpackedBytes: total, cells: counter.cells, rows: counter.rows, sharedStrings: counter.sharedStrings };
}
