/**
 * Column type inference, shared by the CSV and XLSX readers. A column is
 * - numeric when every non-missing value is a number (spreadsheet number cells, or texts that parse
 *   under the `decimal` convention),
 * - a date when every non-missing value is a date-formatted spreadsheet number (Excel serial) or a
 *   text in one unambiguous date format (see dates.ts),
 * - an error when it is numbers with a few stray values (`n/a`, `?`, `Inf`: DATA_INVALID_NUMBER; see
 *   `STRAY_SHARE`), or numbers written with the other decimal mark than the one in force ("63,5"
 *   when none or "." is; DATA_UNDECLARED_DECIMAL_MARK): R would make a factor of either, silently;
 * - categorical otherwise (flagged `numericLooking` when at least half of its values are numbers);
 *   its levels sort as R's `factor()` sorts them: `sort(unique(x))`, which for
 *   text follows the locale's collation (we use `Intl.Collator("en")`, the order R 4.2 gives with ICU
 *   in en_US.UTF-8 and C.UTF-8) and for numbers forced to categorical is numeric order.
 * Any column can be overridden (`type`, `dateFormat`, `reference`). Every decision is reported.
 */
import { SurvinferError } from "../errors.js";
import { DateParse, detectDateFormat, formatIsoDate, lastParsedDays, parseDateText, excelSerialToDays } from "./dates.js";
import type { DateFormat } from "./dates.js";
import { LEADING_NUMBER, formatNumberLikeR, parseNumber } from "./numbers.js";
import type { DecimalMark } from "./numbers.js";
import type { Column, ColumnKind } from "./table.js";

/** Per-column override of what inference would decide. */
export interface ColumnOverride {
  readonly type?: ColumnKind;
  /** Date format of this column's texts (also settles DD/MM vs MM/DD). */
  readonly dateFormat?: DateFormat;
  /** Categorical level to put first (the reference level in models). */
  readonly reference?: string;
}

/** One line of the inference report. */
export interface InferenceEntry {
  readonly column: string;
  readonly kind: ColumnKind;
  readonly reason: string;
  readonly nMissing: number;
  readonly dateFormat?: DateFormat;
}

/** How categorical levels are sorted: `"en"` = R in an English/C.UTF-8 locale with ICU; `"C"` = R in the C locale (code points). */
export type Collation = "en" | "C";

/** Spreadsheet cell kinds for `RawColumn.cellKind`. */
export const CELL_TEXT = 0;
export const CELL_NUMBER = 1;
export const CELL_DATE_SERIAL = 2;
export const CELL_BOOLEAN = 3;

/**
 * A column as read, before typing. `texts[i]` is the cell's text (undefined when empty or when the
 * cell is a spreadsheet number, boolean or date serial, then held in `numbers[i]` with `cellKind[i]`).
 */
export interface RawColumn {
  readonly name: string;
  readonly texts: (string | undefined)[];
  readonly numbers?: Float64Array;
  readonly cellKind?: Uint8Array;
}

export interface InferContext {
  readonly file: string;
  readonly rowNumbers: Int32Array;
  readonly missing: ReadonlySet<string>;
  readonly decimal?: DecimalMark;
  readonly dateFormat?: DateFormat;
  readonly date1904?: boolean;
  readonly collation?: Collation;
  /** Why no decimal mark was detected (decimal-mark.ts), for the message of a column of decimal-comma numbers. */
  readonly decimalWhy?: string;
  /** Whether `decimal` was detected rather than declared (for messages). */
  readonly decimalDetected?: boolean;
}

const collatorEn = new Intl.Collator("en");

function compareLevels(collation: Collation): (a: string, b: string) => number {
  if (collation === "C") return (a, b) => (a < b ? -1 : a > b ? 1 : 0);
  return (a, b) => collatorEn.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

function kindOf(raw: RawColumn, i: number): number {
  return raw.cellKind === undefined ? CELL_TEXT : raw.cellKind[i];
}

/** Trims texts in place and turns missing tokens into undefined; returns the number of missing cells. */
function normaliseMissing(raw: RawColumn, missing: ReadonlySet<string>): number {
  const t = raw.texts;
  let nMissing = 0;
  let maxLen = 0;
  for (const m of missing) maxLen = Math.max(maxLen, m.length);
  for (let i = 0; i < t.length; i++) {
    const s = t[i];
    if (s === undefined) {
      if (kindOf(raw, i) === CELL_TEXT) nMissing++;
      continue;
    }
    // trim only when needed, and look up missing tokens only for short texts (speed on big files)
    const n = s.length;
    const c0 = n > 0 ? s.charCodeAt(0) : 0;
    const c1 = n > 0 ? s.charCodeAt(n - 1) : 0;
    const v = c0 > 32 && c0 < 127 && c1 > 32 && c1 < 127 ? s : s.trim();
    if (v.length <= maxLen && missing.has(v)) {
      t[i] = undefined;
      nMissing++;
    } else t[i] = v;
  }
  return nMissing;
}

function where(ctx: InferContext, raw: RawColumn, i: number, value: string) {
  return { file: ctx.file, row: ctx.rowNumbers[i], column: raw.name, value };
}

interface Built {
  readonly column: Column;
  readonly entry: InferenceEntry;
}

/** A declared date format that the values' shape overrules (e.g. MM/DD/YYYY for 31.10.2010) is said aloud, never dropped silently. */
function noteDeclaredFormat(name: string, fmt: DateFormat, declared: DateFormat | undefined, warnings: string[]): void {
  if (declared !== undefined && declared !== fmt) warnings.push(`column "${name}": dates read as ${fmt}; the declared dateFormat ${declared} does not fit their shape`);
}

/** Types one column (see the module comment). Throws SurvinferError for values that contradict a decided or declared type. */
export function inferColumn(
  raw: RawColumn,
  override: ColumnOverride | undefined,
  ctx: InferContext,
  warnings: string[],
  /** Keep the texts as written (ids: "007" stays "007"), instead of R's numeric reading of number-like texts. */
  asText = false,
): Built {
  const nMissing = normaliseMissing(raw, ctx.missing);
  const n = raw.texts.length;
  const declared = override?.type;
  const name = raw.name;

  if (declared === "numeric") {
    const values = toNumeric(raw, ctx, true);
    if (values === undefined) throw new Error("unreachable");
    return { column: { kind: "numeric", name, values }, entry: { column: name, kind: "numeric", reason: "declared numeric", nMissing } };
  }
  if (declared === "date" && nMissing === n) {
    return {
      column: { kind: "date", name, values: new Float64Array(n).fill(Number.NaN) },
      entry: { column: name, kind: "date", reason: "declared date; every value is missing", nMissing },
    };
  }
  if (declared === "date") {
    const fmt = override?.dateFormat ?? chooseDateFormat(raw, ctx, undefined) ?? failNonDate(raw, ctx);
    noteDeclaredFormat(name, fmt, ctx.dateFormat, warnings);
    const values = toDates(raw, ctx, fmt);
    return {
      column: { kind: "date", name, values },
      entry: { column: name, kind: "date", reason: "declared date", nMissing, dateFormat: fmt },
    };
  }
  if (declared === "categorical" || asText) {
    return toCategorical(raw, ctx, override?.reference, nMissing, asText ? "read as text" : "declared categorical", asText);
  }

  if (nMissing === n) {
    return {
      column: { kind: "numeric", name, values: new Float64Array(n).fill(Number.NaN) },
      entry: { column: name, kind: "numeric", reason: "every value is missing", nMissing },
    };
  }

  // numeric?
  const numeric = toNumeric(raw, ctx, false);
  if (numeric !== undefined) {
    if (override?.reference !== undefined) {
      return toCategorical(raw, ctx, override.reference, nMissing, "numbers, categorical because a reference level was given");
    }
    return { column: { kind: "numeric", name, values: numeric }, entry: { column: name, kind: "numeric", reason: "every value is a number", nMissing } };
  }

  // date?
  const fmt = chooseDateFormat(raw, ctx, override?.dateFormat);
  if (fmt !== undefined) {
    noteDeclaredFormat(name, fmt, override?.dateFormat ?? ctx.dateFormat, warnings);
    const values = toDates(raw, ctx, fmt);
    const reason = fmt === "excel-serial" ? "every value is a spreadsheet date" : `every value is a date in ${fmt}`;
    return { column: { kind: "date", name, values }, entry: { column: name, kind: "date", reason, nMissing, dateFormat: fmt } };
  }

  const look = checkMostlyNumbers(raw, ctx);
  const built = toCategorical(raw, ctx, override?.reference, nMissing, look.reason);
  if (!look.numericLooking || built.column.kind !== "categorical") return built;
  return { ...built, column: { ...built.column, numericLooking: true } };
}

/**
 * A column that is numeric except for a few values stops the read (see docs/data.md, "Numbers with
 * stray values"): at least `STRAY_SHARE` of its non-missing values are numbers, or at least
 * `STRAY_SHARE_FEW` with at most `STRAY_MAX_TOKENS` distinct values that are not.
 */
export const STRAY_SHARE = 0.8;
export const STRAY_SHARE_FEW = 0.5;
export const STRAY_MAX_TOKENS = 3;

interface NumberEvidence {
  readonly nPresent: number;
  readonly nNum: number;
  /** Texts that are numbers only with the other decimal mark ("63,5" when none or "." is in force, "63.5" under ","). */
  readonly nOtherMark: number;
  readonly firstOtherMark: number;
  /** Distinct values that are not numbers (at most STRAY_MAX_TOKENS + 1 kept) → first row index. */
  readonly tokens: ReadonlyMap<string, number>;
  /** Texts that are not numbers but begin with one ("63 years", "45%", "<5"), and the first of them. */
  readonly nLeadingNumber: number;
  readonly firstLeadingNumber: number;
}

function numberEvidence(raw: RawColumn, ctx: InferContext): NumberEvidence {
  let nPresent = 0;
  let nNum = 0;
  let nOtherMark = 0;
  let firstOtherMark = -1;
  let nLeadingNumber = 0;
  let firstLeadingNumber = -1;
  const other = ctx.decimal === "," ? "." : ",";
  const tokens = new Map<string, number>();
  const token = (label: string, i: number) => {
    if (tokens.size <= STRAY_MAX_TOKENS && !tokens.has(label)) tokens.set(label, i);
  };
  for (let i = 0; i < raw.texts.length; i++) {
    const s = raw.texts[i];
    if (s === undefined) {
      const k = kindOf(raw, i);
      if (k === CELL_TEXT) continue;
      nPresent++;
      if (k === CELL_NUMBER) nNum++;
      else token(labelOf(raw, i, ctx.date1904 === true) ?? "", i);
      continue;
    }
    nPresent++;
    if (!Number.isNaN(parseNumber(s, ctx.decimal))) nNum++;
    else {
      if (s.includes(other) && !Number.isNaN(parseNumber(s, other))) {
        nOtherMark++;
        if (firstOtherMark < 0) firstOtherMark = i;
      }
      if (LEADING_NUMBER.test(s)) {
        nLeadingNumber++;
        if (firstLeadingNumber < 0) firstLeadingNumber = i;
      }
      token(s, i);
    }
  }
  return { nPresent, nNum, nOtherMark, firstOtherMark, tokens, nLeadingNumber, firstLeadingNumber };
}

/** `["", "NA", "x"]` as a spec list and `",NA,x"` as a --missing value. */
function missingLists(ctx: InferContext, extra: string): { spec: string; cli: string } {
  const list = [...ctx.missing, extra];
  return { spec: `[${list.map((t) => JSON.stringify(t)).join(", ")}]`, cli: JSON.stringify(list.join(",")) };
}

/** What to do about a stray value: declare a grouping decimal mark, the token as missing, or the column as categorical. */
function strayHint(raw: RawColumn, ctx: InferContext, token: string, i: number): string {
  const grouped = ([".", ","] as const).find((d) => d !== ctx.decimal && !Number.isNaN(parseNumber(token, d)));
  if (grouped !== undefined) {
    return `It is a number written with a thousands separator or a decimal comma: declare the decimal mark (decimal: "${grouped}" in the spec's data section, --decimal "${grouped}" on the command line)`;
  }
  const lists = missingLists(ctx, token);
  const advice = [
    `If ${JSON.stringify(token)} means "not known", declare it missing: data: { missing: ${lists.spec} } in the spec, ` +
      `or --missing ${lists.cli} on the command line (the list replaces the default one)`,
    `If the column is categorical, declare it so (data: { types: { ${JSON.stringify(raw.name)}: categorical } })`,
    "Otherwise correct the value in the file",
  ];
  if (i === 0) advice.push("If this row is a second header line, remove it");
  return advice.join(". ");
}

/**
 * For a column about to be read as text: stops when its values look like decimal-comma numbers and no
 * decimal mark is in force, or when it is numbers with a few stray values; otherwise returns the
 * inference reason (naming a numeric look, which models then refuse unless declared; model-matrix.ts).
 */
function checkMostlyNumbers(raw: RawColumn, ctx: InferContext): { reason: string; numericLooking: boolean } {
  const ev = numberEvidence(raw, ctx);
  const { nPresent, nNum } = ev;
  if (ev.nOtherMark > 0 && nNum + ev.nOtherMark >= STRAY_SHARE_FEW * nPresent) {
    const s = raw.texts[ev.firstOtherMark] as string;
    const other = ctx.decimal === "," ? "." : ",";
    const inForce =
      ctx.decimal === undefined
        ? `no decimal mark was declared${ctx.decimalWhy !== undefined ? ` and none was detected: ${ctx.decimalWhy}` : ""}`
        : `the decimal mark in force is "${ctx.decimal}" (${ctx.decimalDetected === true ? "detected" : "declared"})`;
    throw new SurvinferError({
      code: "DATA_UNDECLARED_DECIMAL_MARK",
      message: `looks like a number with "${other}" as decimal mark (${ev.nOtherMark} of ${nPresent} values in the column are written so), but ${inForce}`,
      ...where(ctx, raw, ev.firstOtherMark, s),
      hint:
        `Declare the decimal mark: decimal: "${other}" in the spec's data section or --decimal "${other}" on the command line` +
        (other === "," ? ' (or "." if the comma separates thousands)' : "") +
        "; if the column is text, declare it categorical (data.types)",
    });
  }
  const text = { reason: "text values", numericLooking: false };
  if (nNum === 0) return ev.nLeadingNumber >= STRAY_SHARE_FEW * nPresent ? leadingNumberLook(raw, ctx, ev) : text;
  const share = nNum / nPresent;
  const few = ev.tokens.size <= STRAY_MAX_TOKENS;
  const [first, i] = ev.tokens.entries().next().value as [string, number];
  if (share >= STRAY_SHARE || (share >= STRAY_SHARE_FEW && few)) {
    const others = [...ev.tokens].slice(1).map(([t, k]) => `${JSON.stringify(t)} (row ${ctx.rowNumbers[k]})`);
    throw new SurvinferError({
      code: "DATA_INVALID_NUMBER",
      message:
        `is not a number, while ${nNum} of the ${nPresent} values in this column are numbers` +
        (others.length > 0 ? `; other values that are not numbers: ${others.join(", ")}${few ? "" : ", …"}` : ""),
      ...where(ctx, raw, i, first),
      hint: strayHint(raw, ctx, first, i),
    });
  }
  if (share >= STRAY_SHARE_FEW) {
    const reason = `text: ${nNum} of ${nPresent} values are numbers, but row ${ctx.rowNumbers[i]} has ${JSON.stringify(first)}; models refuse it as a covariate with many levels unless declared (factor() or data.types)`;
    return { reason, numericLooking: true };
  }
  return nNum + ev.nLeadingNumber >= STRAY_SHARE_FEW * nPresent ? leadingNumberLook(raw, ctx, ev) : text;
}

/** A text column whose values mostly begin with a number ("63 years", "<5"): numeric-looking (units, comparisons). */
function leadingNumberLook(raw: RawColumn, ctx: InferContext, ev: NumberEvidence): { reason: string; numericLooking: boolean } {
  const k = ev.firstLeadingNumber;
  const reason =
    `text: ${ev.nNum + ev.nLeadingNumber} of ${ev.nPresent} values are numbers or begin with one (row ${ctx.rowNumbers[k]} has ${JSON.stringify(raw.texts[k])}); ` +
    "models refuse it as a covariate with many levels unless declared (factor() or data.types)";
  return { reason, numericLooking: true };
}

/** Numeric values, or undefined when some value is not a number (and `strict` is false). */
function toNumeric(raw: RawColumn, ctx: InferContext, strict: boolean): Float64Array | undefined {
  const n = raw.texts.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const s = raw.texts[i];
    if (s === undefined) {
      const k = kindOf(raw, i);
      if (k === CELL_TEXT) out[i] = Number.NaN;
      else if ((k === CELL_DATE_SERIAL || k === CELL_BOOLEAN) && !strict) return undefined;
      else out[i] = raw.numbers![i];
      continue;
    }
    const v = parseNumber(s, ctx.decimal);
    if (Number.isNaN(v)) {
      if (!strict) return undefined;
      throw new SurvinferError({
        code: "DATA_INVALID_NUMBER",
        message: "is not a number",
        ...where(ctx, raw, i, s),
        hint:
          ctx.decimal === undefined && /^[+-]?\d+,\d+$/.test(s)
            ? 'Declare decimal: "," for numbers written with a decimal comma'
            : "Correct the value or mark it missing (empty or NA)",
      });
    }
    out[i] = v;
  }
  return out;
}

/** The date format the column's texts share, or undefined when they are not all dates (or not all spreadsheet dates). */
function chooseDateFormat(raw: RawColumn, ctx: InferContext, declared: DateFormat | undefined): DateFormat | undefined {
  let nSerial = 0;
  let nText = 0;
  for (let i = 0; i < raw.texts.length; i++) {
    if (raw.texts[i] !== undefined) {
      nText++;
      continue;
    }
    const k = kindOf(raw, i);
    if (k === CELL_DATE_SERIAL) nSerial++;
    else if (k !== CELL_TEXT) return undefined; // a plain number or boolean among dates
  }
  if (declared === "excel-serial") return declared;
  if (nText === 0) return nSerial > 0 ? "excel-serial" : undefined;
  return detectDateFormat(raw.texts, { file: ctx.file, column: raw.name, rows: ctx.rowNumbers, dateFormat: declared ?? ctx.dateFormat });
}

/** Throws DATA_INVALID_DATE for the first value of a declared date column that is a date in no format (or mixes formats). */
function failNonDate(raw: RawColumn, ctx: InferContext): never {
  let first = -1;
  let firstFormat: DateFormat | undefined;
  for (let i = 0; i < raw.texts.length; i++) {
    const s = raw.texts[i];
    if (s === undefined) {
      if (kindOf(raw, i) === CELL_NUMBER || kindOf(raw, i) === CELL_BOOLEAN) {
        const v = labelOf(raw, i) ?? "";
        throw new SurvinferError({
          code: "DATA_INVALID_DATE",
          message: "is a number, not a date",
          ...where(ctx, raw, i, v),
          hint: 'Format the cell as a date, or declare dateFormat: "excel-serial" if the column holds Excel day numbers',
        });
      }
      continue;
    }
    const fmt = DATE_TEXT_FORMATS.find((f) => parseDateText(s, f) !== DateParse.WrongShape);
    if (fmt === undefined || (firstFormat !== undefined && fmt.charAt(2) !== firstFormat.charAt(2))) {
      throw new SurvinferError({
        code: "DATA_INVALID_DATE",
        message:
          fmt === undefined
            ? "is not a date (expected DD.MM.YYYY, MM/DD/YYYY, DD/MM/YYYY or YYYY-MM-DD)"
            : `is written as ${fmt} but row ${ctx.rowNumbers[first]} as ${firstFormat}`,
        ...where(ctx, raw, i, s),
        hint: "Correct the value or mark it missing (empty or NA), or declare the column's dateFormat",
      });
    }
    if (first < 0) {
      first = i;
      firstFormat = fmt;
    }
  }
  throw new SurvinferError({
    code: "DATA_INVALID_DATE",
    message: "holds no dates",
    file: ctx.file,
    column: raw.name,
    hint: "Declare the column's dateFormat",
  });
}

const DATE_TEXT_FORMATS: readonly DateFormat[] = ["DD.MM.YYYY", "DD/MM/YYYY", "YYYY-MM-DD"];

/** Parses every non-missing value as a date in `format`; spreadsheet numbers are Excel serials. Throws on the first bad value. */
function toDates(raw: RawColumn, ctx: InferContext, format: DateFormat): Float64Array {
  const n = raw.texts.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const s = raw.texts[i];
    if (s === undefined) {
      const k = kindOf(raw, i);
      if (k === CELL_TEXT) {
        out[i] = Number.NaN;
        continue;
      }
      const d = k === CELL_BOOLEAN ? Number.NaN : excelSerialToDays(raw.numbers![i], ctx.date1904 === true);
      if (Number.isNaN(d)) {
        throw new SurvinferError({
          code: "DATA_INVALID_DATE",
          message: "is not a valid spreadsheet date",
          ...where(ctx, raw, i, formatNumberLikeR(raw.numbers![i])),
          hint: "Correct the cell (Excel's 29.02.1900 does not exist) or mark it missing",
        });
      }
      out[i] = d;
      continue;
    }
    const status = parseDateText(s, format);
    if (status !== DateParse.Ok) {
      throw new SurvinferError({
        code: "DATA_INVALID_DATE",
        message: status === DateParse.NotACalendarDate ? `is not a date in the calendar (format ${format})` : `is not a date in the format ${format}`,
        ...where(ctx, raw, i, s),
        hint: "Correct the date, mark it missing (empty or NA), or declare the column's dateFormat",
      });
    }
    out[i] = lastParsedDays();
  }
  return out;
}

function labelOf(raw: RawColumn, i: number, date1904 = false): string | undefined {
  const s = raw.texts[i];
  if (s !== undefined) return s;
  const k = kindOf(raw, i);
  if (k === CELL_TEXT) return undefined;
  const v = raw.numbers![i];
  if (k === CELL_BOOLEAN) return v !== 0 ? "TRUE" : "FALSE";
  if (k === CELL_DATE_SERIAL) return formatIsoDate(excelSerialToDays(v, date1904));
  return formatNumberLikeR(v);
}

function toCategorical(
  raw: RawColumn,
  ctx: InferContext,
  reference: string | undefined,
  nMissing: number,
  reason: string,
  asText = false,
): Built {
  const n = raw.texts.length;
  // If every value is a number, R's factor(x) of the numeric column sorts numerically and labels as as.character(x).
  let allNumbers = !asText;
  const nums = new Float64Array(n);
  for (let i = 0; allNumbers && i < n; i++) {
    const s = raw.texts[i];
    if (s === undefined) {
      const k = kindOf(raw, i);
      if (k === CELL_TEXT) nums[i] = Number.NaN;
      else if (k === CELL_NUMBER) nums[i] = raw.numbers![i];
      else {
        allNumbers = false;
        break;
      }
      continue;
    }
    const v = parseNumber(s, ctx.decimal);
    if (Number.isNaN(v)) {
      allNumbers = false;
      break;
    }
    nums[i] = v;
  }

  const codes = new Int32Array(n);
  const index = new Map<string, number>();
  const seen: string[] = [];
  const seenValue: number[] = [];
  for (let i = 0; i < n; i++) {
    const label = allNumbers ? (Number.isNaN(nums[i]) ? undefined : formatNumberLikeR(nums[i])) : labelOf(raw, i, ctx.date1904 === true);
    if (label === undefined) {
      codes[i] = -1;
      continue;
    }
    let c = index.get(label);
    if (c === undefined) {
      c = seen.length;
      index.set(label, c);
      seen.push(label);
      seenValue.push(allNumbers ? nums[i] : 0);
    }
    codes[i] = c;
  }
  const order = seen.map((_, k) => k);
  if (allNumbers) order.sort((a, b) => seenValue[a] - seenValue[b]);
  else {
    const cmp = compareLevels(ctx.collation ?? "en");
    order.sort((a, b) => cmp(seen[a], seen[b]));
  }
  if (reference !== undefined) {
    let at = order.findIndex((k) => seen[k] === reference);
    // a numeric level written as the column's numbers are ("1" among "2", "3") but held by no patient:
    // kept as an empty level, so the models that need it are reported not estimable (src/study/prepare.ts)
    const refNumber = Number(reference);
    if (at < 0 && allNumbers && seen.length > 0 && reference.trim() !== "" && Number.isFinite(refNumber) && formatNumberLikeR(refNumber) === reference) {
      seen.push(reference);
      seenValue.push(refNumber);
      order.push(seen.length - 1);
      at = order.length - 1;
    }
    if (at < 0) {
      throw new SurvinferError({
        code: "OPTION_UNKNOWN_LEVEL",
        message: `reference level ${JSON.stringify(reference)} does not occur in the column`,
        file: ctx.file,
        column: raw.name,
        value: reference,
        hint: `Levels are: ${order.map((k) => JSON.stringify(seen[k])).join(", ")}`,
      });
    }
    order.unshift(...order.splice(at, 1));
  }
  const remap = new Int32Array(seen.length);
  for (let r = 0; r < order.length; r++) remap[order[r]] = r;
  for (let i = 0; i < n; i++) if (codes[i] >= 0) codes[i] = remap[codes[i]];
  const levels = order.map((k) => seen[k]);
  return {
    column: { kind: "categorical", name: raw.name, levels, codes },
    entry: {
      column: raw.name,
      kind: "categorical",
      reason: reference !== undefined ? `${reason}; reference level ${JSON.stringify(reference)}` : reason,
      nMissing,
    },
  };
}
