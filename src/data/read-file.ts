/**
 * Node-only wrapper: reads a data file from disk (read-only; input files are never written) and
 * hands its bytes to the pure `readTable`. The browser app calls `readTable` on the dropped file's bytes.
 */
import { readFileSync } from "node:fs";
import { SurvinferError } from "../errors.js";
import { readTable } from "./read.js";
import type { ReadOptions, ReadResult } from "./read.js";

/**
 * The bytes of the data file at `path`, or a SurvinferError (DATA_FILE_NOT_FOUND, DATA_FILE_UNREADABLE) naming it.
 *
 * @example
 * const bytes = readDataFileBytes("examples/lms-metastasectomy/cohort.csv");
 */
export function readDataFileBytes(path: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new SurvinferError({
      code: code === "ENOENT" ? "DATA_FILE_NOT_FOUND" : "DATA_FILE_UNREADABLE",
      message: code === "ENOENT" ? "does not exist" : `cannot be read (${code ?? String(e)})`,
      file: path,
      hint: code === "ENOENT" ? "Check the path (relative paths start from the current directory)" : "Check the file's permissions",
    });
  }
}

/**
 * Reads `path` and parses it with `readTable`; `options.fileName` defaults to the path as given (messages name it).
 *
 * @example
 * const { table, inference } = readTableFile("examples/lms-metastasectomy/cohort.csv", { idColumn: "patient_id" });
 */
export function readTableFile(path: string, options: Partial<ReadOptions> = {}): ReadResult {
  return readTable(readDataFileBytes(path), { ...options, fileName: options.fileName ?? path });
}
