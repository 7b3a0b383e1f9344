/**
 * File bytes → text, deciding the encoding from the evidence in the bytes:
 * - a UTF-16 BOM → UTF-16 (Excel's "Unicode text"); a NUL byte otherwise → not a text file (refused);
 * - valid UTF-8 (with or without BOM) → UTF-8;
 * - no valid UTF-8 multibyte sequence but bytes ≥ 0x80 → Windows-1252 (Excel's "CSV" on Windows), with a note;
 * - valid UTF-8 multibyte sequences AND invalid bytes (a file pasted together from two sources) →
 *   each line is decoded by its own evidence (valid UTF-8 → UTF-8, else Windows-1252), so "männlich"
 *   written in either encoding becomes the same text; a warning names the rows read as Windows-1252.
 * Lines are split at LF (CR for old Mac files without LF): both are ASCII and never part of a
 * multibyte sequence in either encoding.
 */
import { SurvinferError } from "../errors.js";

/**
 * Length of the well-formed UTF-8 sequence starting at `i` (1 for ASCII), or 0 when the bytes there
 * are not well-formed UTF-8 (Unicode 15, Table 3-7: no overlongs, no surrogates, nothing above U+10FFFF).
 */
export function utf8SequenceLength(b: Uint8Array, i: number, end: number): number {
  const c = b[i];
  if (c < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf) => i + k < end && b[i + k] >= lo && b[i + k] <= hi;
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0;
  if (c === 0xe0) return cont(1, 0xa0) && cont(2) ? 3 : 0;
  if ((c >= 0xe1 && c <= 0xec) || c === 0xee || c === 0xef) return cont(1) && cont(2) ? 3 : 0;
  if (c === 0xed) return cont(1, 0x80, 0x9f) && cont(2) ? 3 : 0;
  if (c === 0xf0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (c >= 0xf1 && c <= 0xf3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (c === 0xf4) return cont(1, 0x80, 0x8f) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

/** Counts of valid multibyte sequences and invalid bytes in b[from, to). */
function scanUtf8(b: Uint8Array, from: number, to: number): { multibyte: number; invalid: number } {
  let multibyte = 0;
  let invalid = 0;
  for (let i = from; i < to; ) {
    const k = utf8SequenceLength(b, i, to);
    if (k === 0) {
      invalid++;
      i++;
    } else {
      if (k > 1) multibyte++;
      i += k;
    }
  }
  return { multibyte, invalid };
}

const utf8 = new TextDecoder("utf-8");

/**
 * Windows-1252 code points of bytes 0x80–0x9F (WHATWG Encoding, index-windows-1252); the other bytes
 * are their Latin-1 code points. Written out because Node 20's `TextDecoder("windows-1252")` decodes
 * as Latin-1 (0x80 → U+0080 instead of €; nodejs/node#56542), while browsers follow WHATWG.
 */
const CP1252_80_9F = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

/** Decodes Windows-1252 bytes (see CP1252_80_9F). */
export function decodeWindows1252(b: Uint8Array): string {
  const parts: string[] = [];
  const chunk = new Uint16Array(Math.min(b.length, 8192));
  for (let start = 0; start < b.length; start += chunk.length) {
    const end = Math.min(b.length, start + chunk.length);
    for (let i = start; i < end; i++) {
      const c = b[i];
      chunk[i - start] = c >= 0x80 && c <= 0x9f ? CP1252_80_9F[c - 0x80] : c;
    }
    parts.push(String.fromCharCode(...chunk.subarray(0, end - start)));
  }
  return parts.join("");
}

/** "rows 3, 7 and 9" / "rows 3, 7, … (12 rows)" */
function listRows(rows: readonly number[]): string {
  if (rows.length === 1) return `row ${rows[0]}`;
  if (rows.length <= 10) return `rows ${rows.slice(0, -1).join(", ")} and ${rows[rows.length - 1]}`;
  return `rows ${rows.slice(0, 10).join(", ")}, … (${rows.length} rows)`;
}

/**
 * Decodes a file that mixes UTF-8 and Windows-1252 line by line. Returns the text and the rows (as the
 * user sees them: a quoted value spanning lines is one row) holding a line read as Windows-1252.
 */
function decodeMixed(b: Uint8Array, start: number): { text: string; rows: number[] } {
  const eol = b.indexOf(0x0a, start) >= 0 ? 0x0a : 0x0d;
  const parts: string[] = [];
  const rows: number[] = [];
  let row = 1;
  let inQuote = false;
  for (let s = start; s < b.length; ) {
    let e = b.indexOf(eol, s);
    e = e < 0 ? b.length : e + 1;
    const { invalid } = scanUtf8(b, s, e);
    const line = invalid > 0 ? decodeWindows1252(b.subarray(s, e)) : utf8.decode(b.subarray(s, e));
    parts.push(line);
    if (invalid > 0 && rows[rows.length - 1] !== row) rows.push(row);
    // a record ends at a line end outside quotes (papaparse's rule, stray mid-field quotes aside)
    for (let k = 0; k < line.length; k++) if (line.charCodeAt(k) === 34) inQuote = !inQuote;
    if (!inQuote) row++;
    s = e;
  }
  return { text: parts.join(""), rows };
}

/** Largest delimited text decoded (bytes): below V8's longest string (2^29 − 24 characters). */
export const MAX_TEXT_BYTES = 500_000_000;

/** A declared text encoding (the spec's `data.encoding`, the CLI's `--encoding`); undefined = decided from the bytes. */
export type TextEncoding = "utf-8" | "windows-1252";
export const TEXT_ENCODINGS: readonly TextEncoding[] = ["utf-8", "windows-1252"];

/** Row (header = 1) of byte offset `at`: one more than the line feeds before it. */
function rowOfByte(b: Uint8Array, at: number): number {
  let row = 1;
  for (let i = 0; i < at; i++) if (b[i] === 0x0a) row++;
  return row;
}

/**
 * Decodes file bytes to text (see the module comment); notes about the encoding go to `warnings`.
 * A declared `encoding` is obeyed: "windows-1252" decodes every byte as Windows-1252 (no detection);
 * "utf-8" refuses bytes that are not UTF-8, naming the row, instead of falling back.
 */
export function decodeText(bytes: Uint8Array, file: string, warnings: string[], encoding?: TextEncoding): string {
  // a JavaScript string holds at most 2^29 − 24 characters: refuse before decoding, not crash in it
  // (files read from disk are refused earlier, in read-file.ts; this guards bytes from the app)
  if (bytes.length > MAX_TEXT_BYTES) {
    throw new SurvinferError({
      code: "DATA_FILE_TOO_LARGE",
      message: `is ${Math.round(bytes.length / 1e6)} MB; survinfer reads text files of at most ${MAX_TEXT_BYTES / 1e6} MB (about 5,000,000 rows of the example cohort's 17 columns)`,
      file,
      hint: "Keep only the columns the study uses, or analyse a random sample or a subset (one period, one centre)",
    });
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    throw new SurvinferError({
      code: "DATA_NOT_TEXT",
      message: `is not a text file (byte ${nul} is NUL)`,
      file,
      hint: "Give a CSV/TSV file (UTF-8) or an .xlsx workbook",
    });
  }
  let start = 0;
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  if (encoding === "windows-1252") return decodeWindows1252(bytes.subarray(start));
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(start));
  } catch {
    // not valid UTF-8: decide by the evidence below, unless UTF-8 was declared
  }
  if (encoding === "utf-8") {
    let i = start;
    while (i < bytes.length) {
      const len = utf8SequenceLength(bytes, i, bytes.length);
      if (len === 0) break;
      i += len;
    }
    throw new SurvinferError({
      code: "DATA_NOT_UTF8",
      message: `was declared UTF-8 but byte ${i} (0x${(bytes[i] ?? 0).toString(16).padStart(2, "0")}) is not valid UTF-8`,
      file,
      row: rowOfByte(bytes, i),
      hint: 'Save the file as "CSV UTF-8", or declare its encoding as windows-1252 (data.encoding in the spec, --encoding on the command line)',
    });
  }
  const { multibyte } = scanUtf8(bytes, start, bytes.length);
  if (multibyte === 0) {
    warnings.push(`${file}: not valid UTF-8 and no UTF-8 characters at all; read as Windows-1252 (Excel's "CSV" encoding on Windows). Save as "CSV UTF-8" to be sure`);
    return decodeWindows1252(bytes.subarray(start));
  }
  const { text, rows } = decodeMixed(bytes, start);
  warnings.push(
    `${file}: mixed encodings: ${listRows(rows)} ${rows.length === 1 ? "is" : "are"} not valid UTF-8 and ${rows.length === 1 ? "was" : "were"} read as Windows-1252; the rest is UTF-8. ` +
      `Check ${rows.length === 1 ? "that row" : "those rows"} and save the file as "CSV UTF-8"`,
  );
  return text;
}
