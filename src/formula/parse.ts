/**
 * R-style model formulas: `Surv(time, status == 2) ~ age + factor(sex) + strata(inst) + cluster(id)`.
 *
 * A small hand-written tokenizer and recursive-descent parser. No dependency: no maintained npm
 * package parses R's expression grammar, and what a formula needs (names, backquoted names,
 * numbers, strings, calls, R's operator precedence and the term algebra of `terms.formula`) fits in
 * a few hundred lines whose every error can point at the column where it occurs.
 *
 * Operator precedence, loosest first, as in R's `?Syntax`:
 * `~` < `| ||` < `& &&` < `!` < comparisons < `+ -` < `* /` < `%in%` < `:` < unary `- +` < `^`.
 *
 * The right-hand side is expanded as R's `terms.formula` does (Chambers & Hastie 1992, ch. 2):
 * `a + b` union, `a:b` interaction, `a*b` = `a + b + a:b`, `a/b` = `a + a:b`, `(a + b)^2` all
 * interactions up to order 2, `- a` removes a term, `- 1` / `+ 0` remove the intercept; terms are
 * then ordered by their order (main effects, two-way, ...) keeping the order of appearance within
 * an order, and each term's label lists its variables in order of first appearance in the formula.
 * `strata()`, `cluster()` and `offset()` are specials, as in `survival::coxph`.
 */
import { SurvinferError } from "../errors.js";
import { type BinaryOp, type Expr, type CallExpr, deparse, referencedColumns } from "./expr.js";

export type { Expr } from "./expr.js";

/** A variable of the model (R's `attr(terms, "variables")` entry): a column or an expression of columns. */
export interface FormulaVariable {
  /** R's label (the deparsed expression), e.g. `age`, `factor(grade)`, `I(age/10)`, `` `size (mm)` ``. */
  readonly label: string;
  readonly expr: Expr;
  /** Data columns the expression reads. */
  readonly columns: readonly string[];
}

export interface FormulaTerm {
  /** R's term label, e.g. `age`, `factor(grade)`, `age:sex`. */
  readonly label: string;
  /** Labels of the term's variables, in order of first appearance in the formula. */
  readonly variables: readonly string[];
}

export interface SurvResponse {
  readonly kind: "Surv";
  readonly label: string;
  /** `Surv(time)`, `Surv(time, status)` or `Surv(start, stop, status)`. */
  readonly start?: Expr;
  readonly time: Expr;
  readonly status?: Expr;
  readonly args: readonly Expr[];
}

export interface VariableResponse {
  readonly kind: "variable";
  readonly label: string;
  readonly expr: Expr;
}

/** One `strata(...)` call: its label (`strata(inst)`) and its argument(s). */
export interface StrataSpecial {
  readonly label: string;
  readonly variables: readonly FormulaVariable[];
}

export interface ParsedFormula {
  readonly text: string;
  readonly response?: SurvResponse | VariableResponse;
  /** Whether the model has an intercept (`- 1` or `+ 0` removes it). */
  readonly intercept: boolean;
  /** Model terms in R's order (specials excluded). */
  readonly terms: readonly FormulaTerm[];
  /** Variables used by `terms`, in order of first appearance. */
  readonly variables: readonly FormulaVariable[];
  readonly strata: readonly StrataSpecial[];
  readonly cluster?: FormulaVariable;
  readonly offsets: readonly FormulaVariable[];
}

// ---------------------------------------------------------------- tokenizer

type TokenKind = "name" | "number" | "string" | "op" | "(" | ")" | "," | "eof";

interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly value?: number | string;
}

/** Builds the FORMULA_SYNTAX error: message naming the problem, the formula with a caret under the column. */
export function formulaError(text: string, position: number, problem: string, hint?: string, code = "FORMULA_SYNTAX"): SurvinferError {
  const column = position + 1;
  const caret = " ".repeat(Math.max(0, position)) + "^";
  return new SurvinferError({
    code,
    message: `${problem} at column ${column}\n  ${text}\n  ${caret}\n`,
    value: text,
    hint: hint ?? "Write the formula as in R, e.g. Surv(time, status) ~ age + factor(sex) + strata(centre)",
  });
}

const OPERATORS = ["%in%", "==", "!=", "<=", ">=", "&&", "||", "~", "+", "-", "*", "/", "^", ":", "<", ">", "!", "&", "|"];

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const start = i;
    if (ch === "`") {
      let j = i + 1;
      let name = "";
      while (j < text.length && text[j] !== "`") {
        if (text[j] === "\\" && j + 1 < text.length) j++;
        name += text[j];
        j++;
      }
      if (j >= text.length) throw formulaError(text, start, "unclosed backquote", "Close the backquoted column name with `");
      if (name.length === 0) throw formulaError(text, start, "empty backquoted name");
      tokens.push({ kind: "name", text: text.slice(start, j + 1), start, end: j + 1, value: name });
      i = j + 1;
      continue;
    }
    if (ch === '"' || ch === "'") {
      let j = i + 1;
      let s = "";
      while (j < text.length && text[j] !== ch) {
        if (text[j] === "\\" && j + 1 < text.length) j++;
        s += text[j];
        j++;
      }
      if (j >= text.length) throw formulaError(text, start, "unclosed string", `Close the string with ${ch}`);
      tokens.push({ kind: "string", text: text.slice(start, j + 1), start, end: j + 1, value: s });
      i = j + 1;
      continue;
    }
    const num = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(text.slice(i));
    if (num) {
      tokens.push({ kind: "number", text: num[0], start, end: i + num[0].length, value: Number(num[0]) });
      i += num[0].length;
      continue;
    }
    const name = /^[A-Za-z.][A-Za-z0-9._]*/.exec(text.slice(i));
    if (name) {
      if (text.startsWith("::", i + name[0].length)) {
        throw formulaError(text, i + name[0].length, "unsupported '::'", `Write the function without its package, e.g. ${text.slice(i + name[0].length + 2).split("(")[0]}(...)`);
      }
      tokens.push({ kind: "name", text: name[0], start, end: i + name[0].length, value: name[0] });
      i += name[0].length;
      continue;
    }
    if (ch === "(" || ch === ")" || ch === ",") {
      tokens.push({ kind: ch, text: ch, start, end: i + 1 });
      i++;
      continue;
    }
    if (ch === "%") {
      const m = /^%[^%]*%/.exec(text.slice(i));
      if (m && m[0] !== "%in%") throw formulaError(text, start, `unsupported operator '${m[0]}'`, "Only %in% is supported");
    }
    const op = OPERATORS.find((o) => text.startsWith(o, i));
    if (op !== undefined) {
      tokens.push({ kind: "op", text: op, start, end: i + op.length });
      i += op.length;
      continue;
    }
    if (ch === "=") {
      // a named argument (ns(age, df = 3)); anywhere else the parser refuses it
      tokens.push({ kind: "op", text: "=", start, end: i + 1 });
      i++;
      continue;
    }
    throw formulaError(text, start, `unexpected character '${ch}'`);
  }
  tokens.push({ kind: "eof", text: "", start: text.length, end: text.length });
  return tokens;
}

// ---------------------------------------------------------------- parser

class Parser {
  private pos = 0;
  constructor(
    private readonly text: string,
    private readonly tokens: Token[],
  ) {}

  peek(): Token {
    return this.tokens[this.pos];
  }

  next(): Token {
    return this.tokens[this.pos++];
  }

  isOp(...ops: string[]): boolean {
    const t = this.peek();
    return t.kind === "op" && ops.includes(t.text);
  }

  unexpected(t: Token, expecting?: string): SurvinferError {
    if (t.kind === "op" && t.text === "=") {
      return formulaError(this.text, t.start, "unexpected '='", `Named arguments are accepted only in ${[...NAMED_ARGUMENT_FUNCTIONS].join("(), ")}(); use == to compare`);
    }
    const what = t.kind === "eof" ? "unexpected end of formula" : `unexpected '${t.text}'`;
    return formulaError(this.text, t.start, expecting ? `${what} (expected ${expecting})` : what);
  }

  binary(op: string, left: Expr, right: Expr): Expr {
    const o = (op === "&&" ? "&" : op === "||" ? "|" : op) as BinaryOp;
    return { kind: "binary", op: o, left, right, start: left.start, end: right.end };
  }

  parseTop(): Expr {
    let e: Expr;
    if (this.isOp("~")) {
      const t = this.next();
      const right = this.parseOr();
      e = { kind: "binary", op: "~", left: { kind: "name", name: "", start: t.start, end: t.start }, right, start: t.start, end: right.end };
    } else {
      const left = this.parseOr();
      if (!this.isOp("~")) {
        const t = this.peek();
        if (t.kind === "eof") throw formulaError(this.text, t.start, "missing '~'", "A formula has the form response ~ terms, e.g. Surv(time, status) ~ age");
        throw this.unexpected(t, "'~'");
      }
      this.next();
      const right = this.parseOr();
      e = this.binary("~", left, right);
    }
    const t = this.peek();
    if (t.kind !== "eof") {
      if (t.kind === ")") throw formulaError(this.text, t.start, "unexpected ')'", "Remove the extra ')' or add the matching '('");
      throw this.unexpected(t, t.kind === "op" && t.text === "~" ? undefined : "an operator");
    }
    return e;
  }

  parseOr(): Expr {
    let left = this.parseAnd();
    while (this.isOp("|", "||")) {
      const op = this.next().text;
      left = this.binary(op, left, this.parseAnd());
    }
    return left;
  }

  parseAnd(): Expr {
    let left = this.parseNot();
    while (this.isOp("&", "&&")) {
      const op = this.next().text;
      left = this.binary(op, left, this.parseNot());
    }
    return left;
  }

  parseNot(): Expr {
    if (this.isOp("!")) {
      const t = this.next();
      const arg = this.parseNot();
      return { kind: "unary", op: "!", arg, start: t.start, end: arg.end };
    }
    return this.parseComparison();
  }

  parseComparison(): Expr {
    let left = this.parseAdditive();
    while (this.isOp("==", "!=", "<", "<=", ">", ">=")) {
      const op = this.next().text;
      left = this.binary(op, left, this.parseAdditive());
    }
    return left;
  }

  parseAdditive(): Expr {
    let left = this.parseMultiplicative();
    while (this.isOp("+", "-")) {
      const op = this.next().text;
      left = this.binary(op, left, this.parseMultiplicative());
    }
    return left;
  }

  parseMultiplicative(): Expr {
    let left = this.parseSpecialOp();
    while (this.isOp("*", "/")) {
      const op = this.next().text;
      left = this.binary(op, left, this.parseSpecialOp());
    }
    return left;
  }

  parseSpecialOp(): Expr {
    let left = this.parseColon();
    while (this.isOp("%in%")) {
      const op = this.next().text;
      left = this.binary(op, left, this.parseColon());
    }
    return left;
  }

  parseColon(): Expr {
    let left = this.parseUnary();
    while (this.isOp(":")) {
      const op = this.next().text;
      left = this.binary(op, left, this.parseUnary());
    }
    return left;
  }

  parseUnary(): Expr {
    if (this.isOp("-", "+")) {
      const t = this.next();
      const arg = this.parseUnary();
      return { kind: "unary", op: t.text as "-" | "+", arg, start: t.start, end: arg.end };
    }
    return this.parsePower();
  }

  parsePower(): Expr {
    const base = this.parsePostfix();
    if (this.isOp("^")) {
      this.next();
      const exponent = this.parseUnary();
      return this.binary("^", base, exponent);
    }
    return base;
  }

  parsePostfix(): Expr {
    const t = this.peek();
    const primary = this.parsePrimary();
    if (primary.kind === "name" && this.peek().kind === "(" && t.kind === "name") {
      const open = this.next();
      const args: Expr[] = [];
      const argNames: (string | undefined)[] = [];
      if (this.peek().kind !== ")") {
        for (;;) {
          const a = this.peek();
          if (a.kind === "," || a.kind === ")") throw formulaError(this.text, a.start, `missing argument to ${primary.name}()`);
          const eq = this.tokens[this.pos + 1];
          if (a.kind === "name" && eq.kind === "op" && eq.text === "=" && NAMED_ARGUMENT_FUNCTIONS.has(primary.name)) {
            this.pos += 2;
            argNames[args.length] = a.value as string;
          }
          args.push(this.parseOr());
          const sep = this.peek();
          if (sep.kind === ",") {
            this.next();
            continue;
          }
          if (sep.kind === ")") break;
          if (sep.kind === "eof") throw formulaError(this.text, open.start, `unclosed '(' of ${primary.name}(`, "Add the matching ')'");
          throw this.unexpected(sep, "',' or ')'");
        }
      }
      const close = this.next();
      const named = argNames.some((x) => x !== undefined);
      return { kind: "call", fn: primary.name, args, ...(named ? { argNames: args.map((_, k) => argNames[k]) } : {}), start: primary.start, end: close.end };
    }
    return primary;
  }

  parsePrimary(): Expr {
    const t = this.next();
    switch (t.kind) {
      case "name":
        return { kind: "name", name: t.value as string, start: t.start, end: t.end, ...(t.text.startsWith("`") ? { quoted: true } : {}) };
      case "number":
        return { kind: "number", value: t.value as number, start: t.start, end: t.end };
      case "string":
        return { kind: "string", value: t.value as string, start: t.start, end: t.end };
      case "(": {
        if (this.peek().kind === ")") throw formulaError(this.text, this.peek().start, "empty parentheses");
        const inner = this.parseOr();
        const close = this.peek();
        if (close.kind !== ")") {
          if (close.kind === "eof") throw formulaError(this.text, t.start, "unclosed '('", "Add the matching ')'");
          throw this.unexpected(close, "')'");
        }
        this.next();
        return { kind: "paren", inner, start: t.start, end: close.end };
      }
      default:
        throw this.unexpected(t, "a column name, number or '('");
    }
  }
}

/** Parses a formula into its expression tree (`~` at the root); throws FORMULA_SYNTAX with the column. */
export function parseExpression(text: string): Expr {
  if (text.trim().length === 0) throw formulaError(text, 0, "empty formula");
  return new Parser(text, tokenize(text)).parseTop();
}

// ---------------------------------------------------------------- term algebra

const SPECIALS = new Set(["strata", "cluster", "offset"]);
const UNSUPPORTED_SPECIALS = new Set(["frailty", "frailty.gamma", "frailty.gaussian", "ridge", "poly", "Surv"]);
/** Calls whose arguments may be named (`ns(age, df = 3)`, `tt(karno, fn = "log")`). */
const NAMED_ARGUMENT_FUNCTIONS = new Set(["rcs", "ns", "bs", "tt", "pspline"]);

type TermBits = readonly number[];

class TermBuilder {
  readonly variables: FormulaVariable[] = [];
  private readonly index = new Map<string, number>();
  intercept = true;
  readonly strata: StrataSpecial[] = [];
  cluster: FormulaVariable | undefined;
  readonly offsets: FormulaVariable[] = [];

  constructor(private readonly text: string) {}

  variable(expr: Expr): number {
    const label = deparse(expr);
    const found = this.index.get(label);
    if (found !== undefined) return found;
    this.variables.push({ label, expr, columns: referencedColumns(expr) });
    this.index.set(label, this.variables.length - 1);
    return this.variables.length - 1;
  }

  special(e: CallExpr, topLevel: boolean): void {
    if (!topLevel) {
      throw formulaError(this.text, e.start, `${e.fn}() cannot be part of an interaction`, `Add ${e.fn}() as a separate term: ... + ${deparse(e)}`, "FORMULA_UNSUPPORTED");
    }
    const vars = e.args.map((a) => ({ label: deparse(a), expr: a, columns: referencedColumns(a) }));
    if (e.fn === "strata") {
      if (vars.length === 0) throw formulaError(this.text, e.start, "strata() needs at least one variable");
      this.strata.push({ label: deparse(e), variables: vars });
      return;
    }
    if (vars.length !== 1) throw formulaError(this.text, e.start, `${e.fn}() takes exactly one variable`);
    if (e.fn === "cluster") {
      if (this.cluster !== undefined) throw formulaError(this.text, e.start, "a formula cannot have two cluster() terms", undefined, "FORMULA_UNSUPPORTED");
      this.cluster = vars[0];
      return;
    }
    this.offsets.push(vars[0]);
  }

  encode(e: Expr, parity: boolean, topLevel: boolean): TermBits[] {
    switch (e.kind) {
      case "number":
        if (e.value === 1) this.intercept = parity;
        else if (e.value === 0) this.intercept = !parity;
        else throw formulaError(this.text, e.start, `unexpected number ${e.value} as a term`, "Only 1 (intercept) or 0 (no intercept) may appear as terms; use I(...) for arithmetic");
        return [];
      case "paren":
        return this.encode(e.inner, parity, topLevel);
      case "unary":
        if (e.op === "+") return this.encode(e.arg, parity, topLevel);
        if (e.op === "-") {
          this.encode(e.arg, !parity, topLevel);
          return [];
        }
        return [[this.variable(e)]];
      case "string":
        throw formulaError(this.text, e.start, "unexpected string as a term");
      case "name":
        if (e.name === ".") throw formulaError(this.text, e.start, "'.' (all other columns) is not supported", "List the columns explicitly", "FORMULA_UNSUPPORTED");
        return [[this.variable(e)]];
      case "call":
        if (SPECIALS.has(e.fn)) {
          this.special(e, topLevel);
          return [];
        }
        if (e.fn === "pspline" && !topLevel) {
          // survival::coxph: "Penalty terms cannot be in an interaction"
          throw formulaError(this.text, e.start, "pspline() cannot be part of an interaction", `Add ${deparse(e)} as a separate term, or use rcs()/ns() in the interaction`, "FORMULA_UNSUPPORTED");
        }
        if (UNSUPPORTED_SPECIALS.has(e.fn)) {
          const hint = e.fn === "poly" ? "Use a spline, rcs(x, 4) or ns(x, df = 3), or I(x^2)" : undefined;
          throw formulaError(this.text, e.start, `${e.fn}() is not supported in a formula`, hint, "FORMULA_UNSUPPORTED");
        }
        return [[this.variable(e)]];
      case "binary":
        return this.encodeBinary(e, parity, topLevel);
    }
  }

  private encodeBinary(e: Extract<Expr, { kind: "binary" }>, parity: boolean, topLevel: boolean): TermBits[] {
    switch (e.op) {
      case "+":
        return union(this.encode(e.left, parity, topLevel), this.encode(e.right, parity, topLevel));
      case "-": {
        const left = this.encode(e.left, parity, topLevel);
        const right = this.encode(e.right, !parity, topLevel);
        const drop = new Set(right.map(key));
        return left.filter((t) => !drop.has(key(t)));
      }
      case ":":
        return interact(this.encode(e.left, parity, false), this.encode(e.right, parity, false));
      case "*": {
        const l = this.encode(e.left, parity, false);
        const r = this.encode(e.right, parity, false);
        return union(union(l, r), interact(l, r));
      }
      case "/": {
        const l = this.encode(e.left, parity, false);
        const r = this.encode(e.right, parity, false);
        const all = [...new Set(l.flat())].sort((a, b) => a - b);
        return union(l, interact(all.length > 0 ? [all] : [], r));
      }
      case "^": {
        const l = this.encode(e.left, parity, false);
        const n = e.right.kind === "number" ? e.right.value : Number.NaN;
        if (!Number.isInteger(n) || n < 1) {
          throw formulaError(this.text, e.right.start, "the power of a term must be a whole number ≥ 1", "Write e.g. (a + b + c)^2, or I(x^2) for a squared covariate");
        }
        let result = l;
        for (let i = 1; i < n; i++) result = union(result, interact(result, l));
        return result;
      }
      case "%in%":
        throw formulaError(this.text, e.start, "%in% between terms is not supported", "Use a:b or a/b", "FORMULA_UNSUPPORTED");
      case "~":
        throw formulaError(this.text, e.start, "unexpected '~'");
      default:
        // comparison / logical operators: the whole expression is one (logical) variable, as in R
        return [[this.variable(e)]];
    }
  }
}

function key(t: TermBits): string {
  return t.join(",");
}

function union(a: TermBits[], b: TermBits[]): TermBits[] {
  const seen = new Set(a.map(key));
  const out = [...a];
  for (const t of b) {
    const k = key(t);
    if (!seen.has(k)) {
      seen.add(k);
      out.push(t);
    }
  }
  return out;
}

function interact(a: TermBits[], b: TermBits[]): TermBits[] {
  const out: TermBits[] = [];
  for (const l of a) for (const r of b) out.push([...new Set([...l, ...r])].sort((x, y) => x - y));
  return union([], out);
}

function responseOf(text: string, e: Expr): SurvResponse | VariableResponse | undefined {
  if (e.kind === "name" && e.name === "") return undefined;
  if (e.kind === "call" && e.fn === "Surv") {
    const n = e.args.length;
    if (n < 1 || n > 3) throw formulaError(text, e.start, `Surv() takes 1 to 3 arguments, got ${n}`, "Use Surv(time, status) or Surv(start, stop, status)");
    const label = deparse(e);
    if (n === 1) return { kind: "Surv", label, time: e.args[0], args: e.args };
    if (n === 2) return { kind: "Surv", label, time: e.args[0], status: e.args[1], args: e.args };
    return { kind: "Surv", label, start: e.args[0], time: e.args[1], status: e.args[2], args: e.args };
  }
  return { kind: "variable", label: deparse(e), expr: e };
}

/**
 * Parses an R model formula.
 *
 * @example
 * ```ts
 * const f = parseFormula("Surv(time, status == 2) ~ age*sex + factor(ph.ecog) + strata(inst)");
 * f.terms.map((t) => t.label); // ["age", "sex", "factor(ph.ecog)", "age:sex"]
 * f.strata[0].label;           // "strata(inst)"
 * ```
 */
export function parseFormula(text: string): ParsedFormula {
  const root = parseExpression(text);
  if (root.kind !== "binary" || root.op !== "~") throw formulaError(text, 0, "missing '~'");
  const response = responseOf(text, root.left);
  const b = new TermBuilder(text);
  if (response !== undefined && response.kind === "variable") b.variable(response.expr);
  const bits = b.encode(root.right, true, true);
  // stable sort by order (R's terms.formula)
  const ordered = bits.map((t, i) => ({ t, i })).sort((x, y) => x.t.length - y.t.length || x.i - y.i);
  const used = new Set<number>();
  const terms: FormulaTerm[] = ordered.map(({ t }) => {
    for (const v of t) used.add(v);
    const variables = t.map((v) => b.variables[v].label);
    return { label: variables.join(":"), variables };
  });
  const variables = b.variables.filter((_, i) => used.has(i));
  return {
    text,
    ...(response !== undefined ? { response } : {}),
    intercept: b.intercept,
    terms,
    variables,
    strata: b.strata,
    ...(b.cluster !== undefined ? { cluster: b.cluster } : {}),
    offsets: b.offsets,
  };
}

/**
 * Prints a parsed formula in canonical R form (`Surv(time, status) ~ age + sex + age:sex + strata(inst)`);
 * `parseFormula(formatFormula(f))` gives the same terms, specials and intercept as `f`.
 */
export function formatFormula(f: ParsedFormula): string {
  const rhs: string[] = f.terms.map((t) => t.label);
  for (const s of f.strata) rhs.push(s.label);
  if (f.cluster !== undefined) rhs.push(`cluster(${f.cluster.label})`);
  for (const o of f.offsets) rhs.push(`offset(${o.label})`);
  let right = rhs.length > 0 ? rhs.join(" + ") : "1";
  if (!f.intercept) right += " - 1";
  return f.response === undefined ? `~${right}` : `${f.response.label} ~ ${right}`;
}
