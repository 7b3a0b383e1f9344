/**
 * Expression nodes of an R-style formula and their printer (R's `deparse`), shared by the parser,
 * the term algebra and the model-matrix builder. Positions are 0-based character offsets into the
 * formula text (`start` inclusive, `end` exclusive); messages show them 1-based as "column".
 */
import { formatRNumber } from "./format-number.js";

export type BinaryOp =
  | "~"
  | "+"
  | "-"
  | "*"
  | "/"
  | "^"
  | ":"
  | "%in%"
  | "=="
  | "!="
  | "<"
  | "<="
  | ">"
  | ">="
  | "&"
  | "|";

export type UnaryOp = "-" | "+" | "!";

interface Span {
  readonly start: number;
  readonly end: number;
}

export interface NameExpr extends Span {
  readonly kind: "name";
  readonly name: string;
  /** Written in backquotes (`` `TRUE` ``): always a column, never R's constant TRUE/FALSE. */
  readonly quoted?: boolean;
}
export interface NumberExpr extends Span {
  readonly kind: "number";
  readonly value: number;
}
export interface StringExpr extends Span {
  readonly kind: "string";
  readonly value: string;
}
export interface CallExpr extends Span {
  readonly kind: "call";
  readonly fn: string;
  readonly args: readonly Expr[];
  /** Argument names (`ns(age, df = 3)`: [undefined, "df"]); absent when no argument is named. */
  readonly argNames?: readonly (string | undefined)[];
}
export interface UnaryExpr extends Span {
  readonly kind: "unary";
  readonly op: UnaryOp;
  readonly arg: Expr;
}
export interface BinaryExpr extends Span {
  readonly kind: "binary";
  readonly op: BinaryOp;
  readonly left: Expr;
  readonly right: Expr;
}
export interface ParenExpr extends Span {
  readonly kind: "paren";
  readonly inner: Expr;
}

export type Expr = NameExpr | NumberExpr | StringExpr | CallExpr | UnaryExpr | BinaryExpr | ParenExpr;

const RESERVED = new Set([
  "if", "else", "repeat", "while", "function", "for", "next", "break", "TRUE", "FALSE", "NULL", "Inf", "NaN",
  "NA", "NA_integer_", "NA_real_", "NA_character_", "in",
]);

/** True when `name` is a syntactic R name (printed without backquotes). */
export function isSyntacticName(name: string): boolean {
  if (RESERVED.has(name)) return false;
  return /^(?:[A-Za-z][A-Za-z0-9._]*|\.(?:[A-Za-z._][A-Za-z0-9._]*)?)$/.test(name);
}

/** Prints a name as R's deparse does: backquoted when not syntactic. */
export function formatName(name: string): string {
  return isSyntacticName(name) ? name : "`" + name.replace(/\\/g, "\\\\").replace(/`/g, "\\`") + "`";
}

function formatString(value: string): string {
  return JSON.stringify(value);
}

/** R's reserved logical constants written bare (`TRUE`, `FALSE`); in backquotes they name a column. */
export function isReservedConstant(e: NameExpr): boolean {
  return e.quoted !== true && (e.name === "TRUE" || e.name === "FALSE");
}

/** Operators R's deparse prints without surrounding spaces. */
const TIGHT = new Set<BinaryOp>(["/", "^", ":"]);

/**
 * Prints an expression as R's `deparse()` does (the text R uses for variable, term and column
 * names): spaces around `+ - * == & ~ %in%` etc., none around `/ ^ :`, parentheses as written,
 * non-syntactic names in backquotes, numbers with 15 significant digits.
 */
export function deparse(e: Expr): string {
  switch (e.kind) {
    case "name":
      return isReservedConstant(e) ? e.name : formatName(e.name);
    case "number":
      return formatRNumber(e.value);
    case "string":
      return formatString(e.value);
    case "call":
      return `${formatName(e.fn)}(${e.args.map((a, k) => (e.argNames?.[k] !== undefined ? `${formatName(e.argNames[k] as string)} = ${deparse(a)}` : deparse(a))).join(", ")})`;
    case "unary":
      return e.op + deparse(e.arg);
    case "paren":
      return `(${deparse(e.inner)})`;
    case "binary":
      return TIGHT.has(e.op) ? `${deparse(e.left)}${e.op}${deparse(e.right)}` : `${deparse(e.left)} ${e.op} ${deparse(e.right)}`;
  }
}

/** Column names an expression reads, in order of first appearance (function names excluded). */
export function referencedColumns(e: Expr, out: string[] = []): string[] {
  switch (e.kind) {
    case "name":
      if (!isReservedConstant(e) && !out.includes(e.name)) out.push(e.name);
      break;
    case "call":
      for (const a of e.args) referencedColumns(a, out);
      break;
    case "unary":
      referencedColumns(e.arg, out);
      break;
    case "paren":
      referencedColumns(e.inner, out);
      break;
    case "binary":
      referencedColumns(e.left, out);
      referencedColumns(e.right, out);
      break;
    default:
      break;
  }
  return out;
}
