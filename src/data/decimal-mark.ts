/**
 * Detects the decimal mark of a file from its cells, as the delimiter is sniffed, when the user did
 * not declare one. The decimal comma is taken only on clear evidence:
 * - the file is not comma-delimited (a comma CSV needs quotes around "63,5"; there a comma is more
 *   often a thousands separator or a list),
 * - some column reads as numbers under "," (at least half of its non-missing cells, one with a comma),
 * - no cell anywhere is a number with "." as decimal mark ("12.5", also "1.234", which could be
 *   either: conservative), and
 * - some comma number cannot be a thousands separator ("63,5", "0,125", "1234,5", "1.234,5"); when all
 *   of them look like "1,234" the file is ambiguous and nothing is chosen.
 * Otherwise no mark is chosen and `why` says why; columns that look like decimal-comma numbers then
 * stop with an error asking for the declaration (infer.ts).
 */
import type { RawColumn } from "./infer.js";
import { parseNumber } from "./numbers.js";
import type { DecimalMark } from "./numbers.js";

export interface DecimalDetection {
  /** The detected mark; undefined when none was detected (plain numbers only). */
  readonly mark?: DecimalMark;
  /** Why nothing was detected (for the messages of columns that look like decimal-comma numbers). */
  readonly why?: string;
  /** What was detected and on which evidence (a read warning). */
  readonly note?: string;
}

/** A comma number that could also be a number with a thousands separator ("1,234", "-12,500"). */
const THOUSANDS_LIKE = /^[+-]?[1-9]\d{0,2},\d{3}$/;

interface Cell {
  readonly value: string;
  readonly column: string;
  readonly row: number;
}

const show = (c: Cell) => `${JSON.stringify(c.value)} (column "${c.column}", row ${c.row})`;

/**
 * Detects the decimal mark of a delimited file (see the module comment).
 *
 * @example
 * detectDecimalMark(columns, new Set(["", "NA"]), rowNumbers, ";", () => false).mark; // "," for Alter = 63,5; 58,0; …
 */
export function detectDecimalMark(
  columns: readonly RawColumn[],
  missing: ReadonlySet<string>,
  rowNumbers: Int32Array,
  delimiter: string | undefined,
  skip: (column: string) => boolean,
): DecimalDetection {
  // the usual file has no comma in any cell: one cheap pass decides it
  const hasComma = (col: RawColumn) => !skip(col.name) && col.texts.some((t) => t !== undefined && t.includes(","));
  if (!columns.some(hasComma)) return {};
  let comma: Cell | undefined;
  let clearComma: Cell | undefined;
  let nComma = 0;
  let nThousandsLike = 0;
  let dot: Cell | undefined;
  for (const col of columns) {
    if (skip(col.name)) continue;
    let nPresent = 0;
    let nUnderComma = 0;
    let colComma: Cell | undefined;
    let colClear: Cell | undefined;
    let colN = 0;
    let colThousands = 0;
    for (let i = 0; i < col.texts.length; i++) {
      const raw = col.texts[i];
      if (raw === undefined) {
        const kind = col.cellKind?.[i] ?? 0;
        if (kind !== 0) nPresent++; // a workbook cell that is not text
        if (kind === 1) nUnderComma++; // a workbook number cell
        continue;
      }
      const s = raw.trim();
      if (missing.has(s)) continue;
      nPresent++;
      const hasComma = s.includes(",");
      const hasDot = s.includes(".");
      if (hasDot && !Number.isNaN(parseNumber(s, "."))) {
        dot ??= { value: s, column: col.name, row: rowNumbers[i] };
        continue;
      }
      if (Number.isNaN(parseNumber(s, ","))) continue;
      nUnderComma++;
      if (!hasComma) continue;
      colN++;
      const cell = { value: s, column: col.name, row: rowNumbers[i] };
      colComma ??= cell;
      if (THOUSANDS_LIKE.test(s)) colThousands++;
      else colClear ??= cell;
    }
    if (colComma !== undefined && nUnderComma >= 0.5 * nPresent) {
      comma ??= colComma;
      clearComma ??= colClear;
      nComma += colN;
      nThousandsLike += colThousands;
    }
  }
  if (comma === undefined) return {};
  if (delimiter === ",") return { why: "the file is comma-delimited, so a comma in a number is not taken as decimal mark without a declaration" };
  if (dot !== undefined) return { why: `the file also has numbers with "." as decimal mark, e.g. ${show(dot)}` };
  if (clearComma === undefined) {
    return { why: `values like ${show(comma)} could use "," as decimal mark (1.234) or as thousands separator (1234)` };
  }
  const amb = nThousandsLike > 0 ? `; ${nThousandsLike} value(s) like "1,234" are read with "," as decimal mark too (1.234)` : "";
  return {
    mark: ",",
    note: `decimal mark "," (detected): ${nComma} number(s) written with a decimal comma, e.g. ${show(clearComma)}, and none with "." as decimal mark${amb}. Declare decimal ("." or ",") to override`,
  };
}
