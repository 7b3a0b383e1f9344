/**
 * Node-only: a data file on disk as a `ByteSource` (read-only; input files are never written), its
 * bytes in chunks of `CHUNK_BYTES` for the columnar CSV reader, so that a file is never held whole in
 * memory, or whole when the text or workbook reader must read it (read-file.ts, read-file-async.ts).
 *
 * Only regular files are read (`assertRegularFile`): a directory, a FIFO, `/dev/zero` or a socket is
 * refused before anything is opened for reading (reading a FIFO would wait forever, `/dev/zero` never
 * ends), and so is a file larger than the in-memory reader can hold (`MAX_DATA_FILE_BYTES`).
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync } from "node:fs";
import type { Stats } from "node:fs";
import { constants as bufferConstants, isUtf8 } from "node:buffer";
import { SurvinferError } from "../errors.js";
import type { ByteSource } from "./read-columnar.js";

/**
 * Largest file read into memory: 512 MiB, or V8's longest string if that is shorter (536,870,888
 * UTF-16 units in Node 20 on 64 bits): the text of a CSV becomes one string.
 */
export const MAX_DATA_FILE_BYTES = Math.min(512 * 1024 * 1024, bufferConstants.MAX_STRING_LENGTH);

function kind(s: Stats): string {
  if (s.isDirectory()) return "a directory";
  if (s.isFIFO()) return "a named pipe (FIFO)";
  if (s.isCharacterDevice()) return "a character device";
  if (s.isBlockDevice()) return "a block device";
  if (s.isSocket()) return "a socket";
  return "not a regular file";
}

function size(n: number): string {
  return `${(n / (1024 * 1024)).toFixed(1)} MB (${n.toLocaleString("en")} bytes)`;
}

function checkStats(s: Stats, role: string, shownAs: string, maxBytes: number): void {
  if (!s.isFile()) {
    throw new SurvinferError({
      code: "DATA_FILE_UNREADABLE",
      message: `cannot be read as the ${role}: it is ${kind(s)}, not a regular file`,
      file: shownAs,
      hint: `Give the path of the ${role} itself (a regular file)`,
    });
  }
  if (s.size > maxBytes) {
    throw new SurvinferError({
      code: "DATA_FILE_TOO_LARGE",
      message: `is ${size(s.size)}, more than the ${size(maxBytes)} survinfer reads into memory as the ${role}`,
      file: shownAs,
      hint: "Keep only the rows and columns the study needs (one row per patient), or split the file",
    });
  }
}

function notFound(e: unknown, role: string, shownAs: string): SurvinferError {
  const code = (e as { code?: string }).code;
  return new SurvinferError({
    code: code === "ENOENT" || code === "ENOTDIR" ? "DATA_FILE_NOT_FOUND" : "DATA_FILE_UNREADABLE",
    message: code === "ENOENT" || code === "ENOTDIR" ? "does not exist" : `cannot be read as the ${role} (${code ?? String(e)})`,
    file: shownAs,
    hint: code === "ENOENT" || code === "ENOTDIR" ? "Check the path (relative paths start from the current directory)" : "Check the file's permissions",
  });
}

/**
 * Refuses, with exit-code-2 errors naming the file, anything at `path` that is not a regular file of
 * at most `maxBytes` (default `MAX_DATA_FILE_BYTES`): missing (`DATA_FILE_NOT_FOUND`), a directory,
 * FIFO, device or socket (`DATA_FILE_UNREADABLE`), too large (`DATA_FILE_TOO_LARGE`). Symbolic links
 * are followed. `role` says what the file is for ("data file", "study spec"); `shownAs` is the name in
 * messages (default `path`). Uses `stat`, which never blocks, so it is safe on a FIFO.
 *
 * @example
 * assertRegularFile("/dev/zero", "data file"); // throws: it is a character device, not a regular file
 */
export function assertRegularFile(path: string, role: string, shownAs: string = path, maxBytes: number = MAX_DATA_FILE_BYTES): Stats {
  let s: Stats;
  try {
    s = statSync(path);
  } catch (e) {
    throw notFound(e, role, shownAs);
  }
  checkStats(s, role, shownAs, maxBytes);
  return s;
}

/** Opens a file for reading with `O_NONBLOCK` (a FIFO swapped in after the check cannot hang the open); a missing file is a clear error. */
function openChecked(path: string, role: string, shownAs: string): number {
  try {
    return openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    throw notFound(e, role, shownAs);
  }
}

/**
 * Reads a whole regular file, checked before and after opening (the path may change in between):
 * `O_NONBLOCK` so that a FIFO swapped in after the check cannot hang the open.
 */
export function readRegularFile(path: string, role: string, shownAs: string = path, maxBytes: number = MAX_DATA_FILE_BYTES): Uint8Array {
  assertRegularFile(path, role, shownAs, maxBytes);
  const fd = openChecked(path, role, shownAs);
  try {
    const s = fstatSync(fd);
    checkStats(s, role, shownAs, maxBytes);
    const bytes = new Uint8Array(s.size);
    let got = 0;
    while (got < bytes.length) {
      const n = readSync(fd, bytes, got, bytes.length - got, null);
      if (n === 0) break;
      got += n;
    }
    // A file that shrank or grew while being read would be read in part: stop instead.
    if (got !== s.size || readSync(fd, new Uint8Array(1), 0, 1, null) !== 0) {
      throw changed(role, shownAs);
    }
    return bytes;
  } catch (e) {
    if (e instanceof SurvinferError) throw e;
    throw notFound(e, role, shownAs);
  } finally {
    closeSync(fd);
  }
}

/** Chunk size of the streamed read (the columnar reader's first chunk is also where it sniffs the delimiter). */
export const CHUNK_BYTES = 1 << 20;

function changed(role: string, shownAs: string): SurvinferError {
  return new SurvinferError({
    code: "DATA_FILE_CHANGED",
    message: `changed while it was being read as the ${role}`,
    file: shownAs,
    hint: "Wait until the program writing it has finished, then run again",
  });
}

/**
 * The file as a `ByteSource`: its chunks read one after another (checked as `readRegularFile`
 * checks: a regular file, not too large, not changing while read), or whole with `readRegularFile`.
 */
export function fileByteSource(path: string, role: string, shownAs: string = path, maxBytes: number = MAX_DATA_FILE_BYTES): ByteSource {
  const s = assertRegularFile(path, role, shownAs, maxBytes);
  const head = new Uint8Array(Math.min(8, s.size));
  if (head.length > 0) {
    const fd = openChecked(path, role, shownAs);
    try {
      checkStats(fstatSync(fd), role, shownAs, maxBytes);
      readSync(fd, head, 0, head.length, 0);
    } finally {
      closeSync(fd);
    }
  }
  return {
    size: s.size,
    head,
    isUtf8: (b) => isUtf8(b),
    // Buffer's indexOf searches with memchr, several times faster than Uint8Array's element loop
    indexOf: (b, byte, from) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).indexOf(byte, from),
    all: () => readRegularFile(path, role, shownAs, maxBytes),
    *chunks() {
      const fd = openChecked(path, role, shownAs);
      try {
        const st = fstatSync(fd);
        checkStats(st, role, shownAs, maxBytes);
        if (st.size !== s.size) throw changed(role, shownAs);
        let got = 0;
        // one buffer for every chunk: the reader copies what it keeps (the unfinished last line)
        const buffer = new Uint8Array(Math.min(CHUNK_BYTES, st.size));
        while (got < st.size) {
          const chunk = buffer.subarray(0, Math.min(CHUNK_BYTES, st.size - got));
          let filled = 0;
          while (filled < chunk.length) {
            const n = readSync(fd, chunk, filled, chunk.length - filled, null);
            if (n === 0) break;
            filled += n;
          }
          if (filled < chunk.length) throw changed(role, shownAs);
          got += filled;
          yield chunk;
        }
        // a file that grew while being read would be read in part: stop instead
        if (readSync(fd, new Uint8Array(1), 0, 1, null) !== 0) throw changed(role, shownAs);
      } finally {
        closeSync(fd);
      }
    },
  };
}

/**
 * The first bytes of a regular file (at most `maxBytes`, fewer when the file is shorter), checked as
 * `readRegularFile` checks the whole file; for a look at the first rows without reading the rest.
 */
export function readFileHead(path: string, maxBytes: number, role: string, shownAs: string = path): Uint8Array {
  assertRegularFile(path, role, shownAs);
  const fd = openChecked(path, role, shownAs);
  try {
    checkStats(fstatSync(fd), role, shownAs, MAX_DATA_FILE_BYTES);
    const bytes = new Uint8Array(Math.min(maxBytes, fstatSync(fd).size));
    let got = 0;
    while (got < bytes.length) {
      const n = readSync(fd, bytes, got, bytes.length - got, null);
      if (n === 0) break;
      got += n;
    }
    return bytes.subarray(0, got);
  } finally {
    closeSync(fd);
  }
}
