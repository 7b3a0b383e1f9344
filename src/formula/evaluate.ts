/**
 * Evaluates a formula expression over a Table, as R evaluates a model-frame variable: column
 * look-up, arithmetic (`+ - * / ^`), comparisons, `%in% c(...)`, `& | !` with R's NA rules,
 * `factor()` / `as.factor()`, `I()` and the transforms `log exp sqrt abs log2 log10 log1p`.
 * Missing values are NaN (numbers, logicals) or code −1 (factors); R's NaN from `log(-1)` is
 * missing too, as `na.omit` treats it.
 */
import { SurvinferError } from "../errors.js";
import type { Table } from "../data/table.js";
import { findColumn } from "../data/table.js";
import type { Expr } from "./expr.js";
import { deparse, isReservedConstant } from "./expr.js";
import { formatRNumber } from "./format-number.js";

export type Value =
  | { readonly type: "numeric"; readonly values: Float64Array }
  /** 0 = FALSE, 1 = TRUE, NaN = NA. */
  | { readonly type: "logical"; readonly values: Float64Array }
  | { readonly type: "factor"; readonly levels: readonly string[]; readonly codes: Int32Array }
  | { readonly type: "scalar"; readonly value: number }
  | { readonly type: "text"; readonly value: string }
  | { readonly type: "list"; readonly items: readonly (number | string)[] };

const TRANSFORMS: Record<string, (x: number) => number> = {
  log: Math.log,
  exp: Math.exp,
  sqrt: Math.sqrt,
  abs: Math.abs,
  log2: Math.log2,
  log10: Math.log10,
  log1p: Math.log1p,
};

/** Edit distance, for "did you mean" hints. */
function distance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur = [i];
    for (let j = 1; j <= n; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1));
    }
    prev = cur;
  }
  return prev[n];
}

/** The (up to 3) column names nearest to `name`. */
export function nearestColumns(table: Table, name: string): string[] {
  return table.columns
    .map((c) => ({ name: c.name, d: distance(name, c.name) }))
    .sort((x, y) => x.d - y.d || x.name.localeCompare(y.name))
    .slice(0, 3)
    .map((x) => x.name);
}

function evalError(formula: string, e: Expr, message: string, hint?: string): SurvinferError {
  return new SurvinferError({ code: "FORMULA_INVALID", message: `${deparse(e)}: ${message}`, value: formula, hint });
}

/** Distinct non-missing values sorted numerically, labelled as R's `factor()` labels them. */
export function factorFromNumbers(values: Float64Array): { levels: string[]; codes: Int32Array } {
  const sorted = Float64Array.from(values).sort(); // numeric sort, NaN last
  const distinct: number[] = [];
  for (const v of sorted) if (!Number.isNaN(v) && (distinct.length === 0 || distinct[distinct.length - 1] !== v)) distinct.push(v);
  const labels = distinct.map(formatRNumber);
  // values printing alike (15 significant digits) share one level, as factor() merges duplicated labels
  const levels = [...new Set(labels)];
  const levelIndex = new Map(levels.map((l, i) => [l, i]));
  const codeOf = new Map(distinct.map((v, i) => [v, levelIndex.get(labels[i]) as number]));
  const codes = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) codes[i] = Number.isNaN(values[i]) ? -1 : (codeOf.get(values[i]) as number);
  return { levels, codes };
}

/** Drops levels no row uses (R's factor() applied to a factor). */
function dropUnused(levels: readonly string[], codes: Int32Array): { levels: string[]; codes: Int32Array } {
  const used = new Uint8Array(levels.length);
  for (const c of codes) if (c >= 0) used[c] = 1;
  const map = new Int32Array(levels.length).fill(-1);
  const kept: string[] = [];
  for (let k = 0; k < levels.length; k++) if (used[k]) map[k] = kept.push(levels[k]) - 1;
  const out = new Int32Array(codes.length);
  for (let i = 0; i < codes.length; i++) out[i] = codes[i] < 0 ? -1 : map[codes[i]];
  return { levels: kept, codes: out };
}

export class Evaluator {
  constructor(
    private readonly table: Table,
    private readonly formula: string,
  ) {}

  column(e: Extract<Expr, { kind: "name" }>): Value {
    const col = findColumn(this.table, e.name);
    if (col === undefined) {
      const near = nearestColumns(this.table, e.name);
      throw new SurvinferError({
        code: "FORMULA_UNKNOWN_COLUMN",
        message: `unknown column "${e.name}" in the formula`,
        column: e.name,
        value: this.formula,
        hint: near.length > 0 ? `Nearest columns: ${near.map((n) => `"${n}"`).join(", ")}; use backquotes for names with spaces, e.g. \`primary size (mm)\`` : undefined,
      });
    }
    if (col.kind === "categorical") return { type: "factor", levels: col.levels, codes: col.codes };
    return { type: "numeric", values: col.values };
  }

  /**
   * R's logical constants: `TRUE`/`FALSE` are reserved words (a column of that name is written in
   * backquotes, `` `TRUE` ``); `T`/`F` are ordinary variables, so a data column named T or F comes
   * first, as R's model.frame looks in the data before the base environment.
   */
  private logicalConstant(e: Extract<Expr, { kind: "name" }>): number | undefined {
    if (isReservedConstant(e)) return e.name === "TRUE" ? 1 : 0;
    if (e.quoted !== true && (e.name === "T" || e.name === "F") && findColumn(this.table, e.name) === undefined) return e.name === "T" ? 1 : 0;
    return undefined;
  }

  numeric(e: Expr, v: Value): Float64Array | number {
    if (v.type === "numeric" || v.type === "logical") return v.values;
    if (v.type === "scalar") return v.value;
    throw evalError(this.formula, e, v.type === "factor" ? "arithmetic on a text column" : "expected a number", "Compare a text column with a level instead, e.g. sex == \"male\"");
  }

  evaluate(e: Expr): Value {
    const n = this.table.nRows;
    switch (e.kind) {
      case "name": {
        const constant = this.logicalConstant(e);
        return constant === undefined ? this.column(e) : { type: "scalar", value: constant };
      }
      case "number":
        return { type: "scalar", value: e.value };
      case "string":
        return { type: "text", value: e.value };
      case "paren":
        return this.evaluate(e.inner);
      case "unary": {
        const v = this.evaluate(e.arg);
        const x = this.numeric(e.arg, v);
        const f = e.op === "-" ? (a: number) => -a : e.op === "+" ? (a: number) => a : (a: number) => (Number.isNaN(a) ? a : a === 0 ? 1 : 0);
        if (typeof x === "number") return { type: "scalar", value: f(x) };
        const out = new Float64Array(n);
        for (let i = 0; i < n; i++) out[i] = f(x[i]);
        return { type: e.op === "!" || (e.op === "+" && v.type === "logical") ? "logical" : "numeric", values: out };
      }
      case "call":
        return this.call(e);
      case "binary":
        return this.binary(e);
    }
  }

  private call(e: Extract<Expr, { kind: "call" }>): Value {
    const n = this.table.nRows;
    if (e.fn === "c") {
      const items = e.args.map((a) => {
        const v = this.evaluate(a);
        if (v.type === "scalar") return v.value;
        if (v.type === "text") return v.value;
        throw evalError(this.formula, a, "c() may only list numbers or strings");
      });
      return { type: "list", items };
    }
    if (e.args.length !== 1) throw evalError(this.formula, e, `${e.fn}() takes one argument here`);
    const arg = e.args[0];
    const v = this.evaluate(arg);
    if (e.fn === "factor" || e.fn === "as.factor") {
      if (v.type === "factor") return { type: "factor", ...dropUnused(v.levels, v.codes) };
      if (v.type === "logical") return { type: "factor", ...dropUnused(["FALSE", "TRUE"], Int32Array.from(v.values, (x) => (Number.isNaN(x) ? -1 : x))) };
      if (v.type === "numeric") return { type: "factor", ...factorFromNumbers(v.values) };
      throw evalError(this.formula, e, "factor() needs a column");
    }
    if (e.fn === "I") return v;
    const f = TRANSFORMS[e.fn];
    if (f === undefined) {
      throw evalError(this.formula, e, `unknown function ${e.fn}()`, `Supported: factor, I, ${Object.keys(TRANSFORMS).join(", ")}`);
    }
    const x = this.numeric(arg, v);
    if (typeof x === "number") return { type: "scalar", value: f(x) };
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = f(x[i]);
    return { type: "numeric", values: out };
  }

  /** A factor compared with a number or string: label equality, as R compares factors. */
  private factorMatch(f: Extract<Value, { type: "factor" }>, targets: readonly (number | string)[]): Float64Array {
    const wanted = new Set(targets.map((t) => (typeof t === "number" ? formatRNumber(t) : t)));
    const hit = f.levels.map((l) => wanted.has(l));
    const out = new Float64Array(f.codes.length);
    for (let i = 0; i < out.length; i++) out[i] = f.codes[i] < 0 ? Number.NaN : hit[f.codes[i]] ? 1 : 0;
    return out;
  }

  private binary(e: Extract<Expr, { kind: "binary" }>): Value {
    const n = this.table.nRows;
    const l = this.evaluate(e.left);
    const r = this.evaluate(e.right);
    if (e.op === "%in%") {
      const items = r.type === "list" ? r.items : r.type === "scalar" ? [r.value] : r.type === "text" ? [r.value] : undefined;
      if (items === undefined) throw evalError(this.formula, e.right, "%in% needs a list of values, e.g. c(1, 2)");
      if (l.type === "factor") return { type: "logical", values: this.factorMatch(l, items) };
      const x = this.numeric(e.left, l);
      const nums = new Set(items.filter((t): t is number => typeof t === "number"));
      const out = new Float64Array(n);
      // R: NA %in% c(1, 2) is FALSE, not NA
      for (let i = 0; i < n; i++) out[i] = typeof x === "number" ? (nums.has(x) ? 1 : 0) : nums.has(x[i]) ? 1 : 0;
      return { type: "logical", values: out };
    }
    if ((e.op === "==" || e.op === "!=") && (l.type === "factor" || r.type === "factor")) {
      const f = (l.type === "factor" ? l : r) as Extract<Value, { type: "factor" }>;
      const other = l.type === "factor" ? r : l;
      const otherExpr = l.type === "factor" ? e.right : e.left;
      if (other.type !== "text" && other.type !== "scalar") throw evalError(this.formula, otherExpr, "a text column can only be compared with a level, e.g. sex == \"male\"");
      const eq = this.factorMatch(f, [other.type === "text" ? other.value : other.value]);
      if (e.op === "!=") for (let i = 0; i < eq.length; i++) if (!Number.isNaN(eq[i])) eq[i] = 1 - eq[i];
      return { type: "logical", values: eq };
    }
    const a = this.numeric(e.left, l);
    const b = this.numeric(e.right, r);
    let f: (x: number, y: number) => number;
    let type: "numeric" | "logical" = "logical";
    const na = Number.NaN;
    const cmp = (p: (x: number, y: number) => boolean) => (x: number, y: number) => (Number.isNaN(x) || Number.isNaN(y) ? na : p(x, y) ? 1 : 0);
    switch (e.op) {
      case "+": f = (x, y) => x + y; type = "numeric"; break;
      case "-": f = (x, y) => x - y; type = "numeric"; break;
      case "*": f = (x, y) => x * y; type = "numeric"; break;
      case "/": f = (x, y) => x / y; type = "numeric"; break;
      case "^": f = (x, y) => (x === 1 || y === 0 ? 1 : x ** y); type = "numeric"; break;
      case "==": f = cmp((x, y) => x === y); break;
      case "!=": f = cmp((x, y) => x !== y); break;
      case "<": f = cmp((x, y) => x < y); break;
      case "<=": f = cmp((x, y) => x <= y); break;
      case ">": f = cmp((x, y) => x > y); break;
      case ">=": f = cmp((x, y) => x >= y); break;
      case "&": f = (x, y) => (x === 0 || y === 0 ? 0 : Number.isNaN(x) || Number.isNaN(y) ? na : 1); break;
      case "|": f = (x, y) => (x === 1 || y === 1 || (x !== 0 && !Number.isNaN(x)) || (y !== 0 && !Number.isNaN(y)) ? 1 : Number.isNaN(x) || Number.isNaN(y) ? na : 0); break;
      default:
        throw evalError(this.formula, e, `operator ${e.op} is not allowed inside an expression`);
    }
    if (typeof a === "number" && typeof b === "number") return { type: "scalar", value: f(a, b) };
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = f(typeof a === "number" ? a : a[i], typeof b === "number" ? b : b[i]);
    return { type, values: out };
  }
}
