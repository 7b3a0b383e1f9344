/**
 * The CLI's reader (issue 18): the same Table, warnings and errors as `readTableFile` (read-file.ts),
 * but the text reader (papaparse) and the workbook reader (SheetJS, ~20 MiB and ~0.15 s to load) are
 * loaded only when the columnar fast path cannot read the file (a workbook, a quoted delimiter, a
 * stray text in a number column, ...); papaparse's delimiter sniff alone when the file's first bytes
 * hold a quote character. A plain CSV is read without loading either.
 */
import { fileByteSource } from "./file-source.js";
import { columnarApplies, readColumnar, startRead } from "./read-columnar.js";
import type { ByteSource, ReadOptions, ReadResult } from "./read-columnar.js";
import { isArrow } from "./arrow-kind.js";

const QUOTE = 0x22;
/** Bytes the columnar reader's delimiter sniff may look at (200,000 characters, a UTF-8 BOM or two included). */
const SNIFF_BYTES = 800_006;

/** Whether the first bytes of `source` hold a quote character (then only papaparse sniffs the delimiter as the text reader does). */
function quoteInHead(source: ByteSource): boolean {
  const it = source.chunks()[Symbol.iterator]();
  try {
    const first = it.next();
    return first.done !== true && first.value.subarray(0, SNIFF_BYTES).includes(QUOTE);
  } finally {
    it.return?.();
  }
}

/** `readTableFrom` (read.ts), loading the text and workbook readers only when needed (see the module comment). */
export async function readTableFromAsync(source: ByteSource, options: ReadOptions): Promise<ReadResult> {
  startRead(source, options);
  // Arrow IPC (read-arrow.ts): apache-arrow loads only for an Arrow file
  if (isArrow(source.head, options.fileName)) return (await import("./read-arrow.js")).readArrow(source.all(), options);
  if (columnarApplies(source, options)) {
    const sniffQuoted = options.delimiter === undefined && quoteInHead(source) ? (await import("./read-csv.js")).sniffDelimiterSample : undefined;
    const res = readColumnar(source, options, sniffQuoted);
    if (res !== undefined) return res;
  }
  const { readWhole } = await import("./read.js");
  return readWhole(source.all(), options);
}

/** `readTable` (read.ts) on bytes, loading the text and workbook readers only when needed. */
export function readTableAsync(bytes: Uint8Array, options: ReadOptions): Promise<ReadResult> {
  return readTableFromAsync({ size: bytes.length, head: bytes.subarray(0, 8), chunks: () => [bytes], all: () => bytes }, options);
}

/**
 * `readTableFile` (read-file.ts), loading the text and workbook readers only when needed.
 *
 * @example
 * const { table } = await readTableFileAsync("registry.csv", { columnsToRead: ["time", "status", "group"] });
 */
export function readTableFileAsync(path: string, options: Partial<ReadOptions> = {}): Promise<ReadResult> {
  const fileName = options.fileName ?? path;
  return readTableFromAsync(fileByteSource(path, "data file", fileName), { ...options, fileName });
}
