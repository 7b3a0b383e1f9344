/**
 * Node-only wrapper: reads a data file from disk (read-only; input files are never written) and
 * hands its bytes (file-source.ts) to the pure reader (`readTableFrom`). The browser app calls
 * `readTable` on the dropped file's bytes; the CLI reads with read-file-async.ts, which loads the
 * text and workbook readers only when it needs them.
 */
import { fileByteSource } from "./file-source.js";
import { readTableFrom } from "./read.js";
import type { ReadOptions, ReadResult } from "./read.js";

export { assertRegularFile, CHUNK_BYTES, fileByteSource, MAX_DATA_FILE_BYTES, readRegularFile } from "./file-source.js";

/**
 * Reads `path` and parses it (`readTableFrom`, streamed); `options.fileName` defaults to the path as given (messages name it).
 *
 * @example
 * const { table, inference } = readTableFile("examples/lms-metastasectomy/cohort.csv", { idColumn: "patient_id" });
 */
export function readTableFile(path: string, options: Partial<ReadOptions> = {}): ReadResult {
  const fileName = options.fileName ?? path;
  return readTableFrom(fileByteSource(path, "data file", fileName), { ...options, fileName });
}
