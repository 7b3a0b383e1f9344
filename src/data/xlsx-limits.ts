/**
 * Resource limits for workbooks, checked on the ZIP container before SheetJS parses it.
 *
 * A workbook is a ZIP of XML parts. A few hundred KB can unpack to gigabytes (a "ZIP bomb", e.g. a
 * sharedStrings.xml of millions of repeated strings), and SheetJS would spend minutes and gigabytes on
 * it. So every part is inflated here first, as a stream that is never kept: its real unpacked size,
 * its compression ratio and the number of cells, rows and shared strings it declares are counted, and
 * the file is refused (`DATA_WORKBOOK_TOO_LARGE`) as soon as one limit is passed, before any parsing.
 *
 * The walk (`zip-entries.ts`) mirrors SheetJS 0.20.3's own `parse_zip`, so what is counted is what
 * SheetJS would inflate; the XML is counted by `xlsx-tag-count.ts`. Sizes declared
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
import { TagCounter, isOds } from "./xlsx-tag-count.js";
import { crc32, damagedWorkbook, zipEntries } from "./zip-entries.js";

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

function kb(n: number): string {
  return n >= MB ? `${(n / MB).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;
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
  const list = zipEntries(bytes, file);
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
  const badCrc = (part: string): SurvinferError => damagedWorkbook(file, `part ${JSON.stringify(part)} fails its CRC-32 check`);
  const checkCounts = (part: string): void => {
    const over = (what: string, n: number, max: number): SurvinferError =>
      tooLarge(`is a workbook with more than ${max.toLocaleString("en")} ${what} (limit: ${max.toLocaleString("en")}; found ${n.toLocaleString("en")} by part ${JSON.stringify(part)})`);
    if (counter.cells > limits.maxCells) throw over("cells", counter.cells, limits.maxCells);
    if (counter.rows > limits.maxRows) throw over("rows", counter.rows, limits.maxRows);
    if (counter.sharedStrings > limits.maxSharedStrings) throw over("shared strings", counter.sharedStrings, limits.maxSharedStrings);
  };

  for (const e of list) {
    if (e.dataStart > bytes.length || e.dataStart + e.packed > bytes.length) {
      throw damagedWorkbook(file, `part ${JSON.stringify(e.name)} extends past the end of the file`);
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
    if (e.packed === 0) throw damagedWorkbook(file, `part ${JSON.stringify(e.name)} has no compressed size`);
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
      throw damagedWorkbook(file, `part ${JSON.stringify(e.name)}: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (crc !== e.crc) throw badCrc(e.name);
    // SheetJS cuts or pads the part to its declared size: only an exact size is read as written.
    if (e.localSize !== 0 && e.localSize !== unpacked) {
      throw damagedWorkbook(file, `part ${JSON.stringify(e.name)} declares ${e.localSize} bytes but unpacks to ${unpacked}`);
    }
    total += Math.max(unpacked, e.declared);
  }
  return { parts: list.length, ods: isOds(list.map((e) => e.name)), unpackedBytes: total, cells: counter.cells, rows: counter.rows, sharedStrings: counter.sharedStrings };
}
