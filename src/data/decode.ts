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
const cp1252 = new TextDecoder("windows-1252");

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
    const line = (invalid > 0 ? cp1252 : utf8).decode(b.subarray(s, e));
    parts.push(line);
    if (invalid > 0 && rows[rows.length - 1] !== row) rows.push(row);
    // a record ends at a line end outside quotes (papaparse's rule, stray mid-field quotes aside)
    for (let k = 0; k < line.length; k++) if (line.charCodeAt(k) === 34) inQuote = !inQuote;
    if (!inQuote) row++;
    s = e;
  }
  return { text: parts.join(""), rows };
}

/** Decodes file bytes to text (see the module comment); notes about the encoding go to `warnings`. */
export function decodeText(bytes: Uint8Array, file: string, warnings: string[]): string {
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
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(start));
  } catch {
    // not valid UTF-8: decide by the evidence below
  }
  const { multibyte } = scanUtf8(bytes, start, bytes.length);
  if (multibyte === 0) {
    warnings.push(`${file}: not valid UTF-8 and no UTF-8 characters at all; read as Windows-1252 (Excel's "CSV" encoding on Windows). Save as "CSV UTF-8" to be sure`);
    return cp1252.decode(bytes.subarray(start));
  }
  const { text, rows } = decodeMixed(bytes, start);
  warnings.push(
    `${file}: mixed encodings: ${listRows(rows)} ${rows.length === 1 ? "is" : "are"} not valid UTF-8 and ${rows.length === 1 ? "was" : "were"} read as Windows-1252; the rest is UTF-8. ` +
      `Check ${rows.length === 1 ? "that row" : "those rows"} and save the file as "CSV UTF-8"`,
  );
  return text;
}
