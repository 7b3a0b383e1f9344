/**
 * The design matrix of a parsed formula, built as R's `model.frame()` + `model.matrix()` build it with
 * treatment contrasts (`contr.treatment`), plus the response, strata, cluster and offset that
 * `survival::coxph` extracts from the same model frame.
 *
 * Coding rule (R's `TermCode`, src/library/stats/src/model.c): in each term, a factor is coded by
 * contrasts (levels 2..k, the first level is the reference) when the term without that factor is
 * empty or contained in an earlier term, and by indicators of all k levels otherwise; without an
 * intercept, the first factor of the first term that has one is coded by indicators. Interaction
 * columns are products, the first variable varying fastest, named `a2:b2`.
 *
 * Deliberate differences from R: a `Surv()` status other than 0/1 (or 1/2) is an error naming the
 * values (R converts it to NA with a warning); `start >= stop` is an error naming the row (R sets
 * NA and drops the row); empty strata are not reported.
 */
import { SurvinferError, optionError } from "../errors.js";
import type { Table } from "../data/table.js";
import { findColumn } from "../data/table.js";
import { LEADING_NUMBER, parseNumber } from "../data/numbers.js";
import { deparse, referencedColumns, type Expr } from "./expr.js";
import { Evaluator, factorFromNumbers, type Value } from "./evaluate.js";
import { formatRNumber } from "./format-number.js";
import { survStatusValue } from "./surv-status-value.js";
import type { FormulaVariable, ParsedFormula } from "./parse.js";
import { parseFormula } from "./parse.js";
import { ttCall, ttCutSuffixes } from "./tt.js";
import { SPLINE_FUNCTIONS, fitSplineBasis, splineCall, splineColumns, type SplineBasis } from "./splines.js";

export interface ModelMatrixOptions {
  /** Reference level per column (or per variable label such as `factor(grade)`), as `relevel()`. */
  readonly reference?: Readonly<Record<string, string>>;
  /**
   * Code factors as if the model had an intercept and leave the `(Intercept)` column out, as
   * `survival::coxph` does. Default false (R's `model.matrix`).
   */
  readonly dropIntercept?: boolean;
  /** Drop factor levels no kept row uses (`model.frame(drop.unused.levels = TRUE)`, as lm/glm do). Default false (coxph). */
  readonly dropUnusedLevels?: boolean;
  /**
   * Spline bases fixed by a training fit, per variable label (`rcs(age, 4)`): new data are evaluated
   * with the training knots, as R's makepredictcall does. Default: computed from `table`.
   */
  readonly bases?: Readonly<Record<string, SplineBasis>>;
  /**
   * Accept tt() terms (their columns hold x itself; the Cox fit multiplies them by g(t) per risk set,
   * src/survival/cox/time-transform.ts). Default false: a tt() term stops with FORMULA_UNSUPPORTED, so no
   * other model treats it silently as x.
   */
  readonly timeTransform?: boolean;
  /**
   * Accept pspline() terms (their columns are the B-spline basis; only the Cox fit penalises them,
   * src/survival/cox/penalized.ts). Default false: a pspline() term stops with FORMULA_UNSUPPORTED unless its
   * basis is given in `bases` (new data for a fitted model), so no other model fits it unpenalised.
   */
  readonly penalized?: boolean;
}

export interface ModelTerm {
  readonly label: string;
  /** Indices into the columns of `x` (R's `assign`). */
  readonly columns: readonly number[];
  readonly variables: readonly string[];
}

export interface SurvResponseData {
  readonly kind: "Surv";
  readonly label: string;
  /** Stop time for counting-process data, follow-up time otherwise. */
  readonly time: Float64Array;
  readonly start?: Float64Array;
  /** 0 = censored, 1 = event (after Surv's 1/2 → 0/1 rule or evaluating `status == 2`). */
  readonly status: Float64Array;
}

export interface VariableResponseData {
  readonly kind: "variable";
  readonly label: string;
  /** Numeric response; logical as 0/1; a factor as 0 for its first level, 1 otherwise (glm binomial). */
  readonly y: Float64Array;
  readonly levels?: readonly string[];
}

export interface Grouping {
  readonly label: string;
  /** 0-based code per kept row. */
  readonly codes: Int32Array;
  readonly levels: readonly string[];
}

export interface DroppedCount {
  /** Column (or expression) whose missing value dropped the rows. */
  readonly column: string;
  readonly count: number;
  /** Row numbers as the user sees them in the file. */
  readonly rows: readonly number[];
}

export interface ModelMatrix {
  /** n × p, column-major: column j is x[j*nRows .. (j+1)*nRows). */
  readonly x: Float64Array;
  readonly nRows: number;
  readonly nCols: number;
  readonly columnNames: readonly string[];
  readonly terms: readonly ModelTerm[];
  /** R's `assign`: term index (1-based) per column, 0 for the intercept. */
  readonly assign: readonly number[];
  /** Kept table row indices (0-based, ascending). */
  readonly rows: Int32Array;
  /** Kept rows as the user sees them in the file. */
  readonly rowNumbers: Int32Array;
  readonly response?: SurvResponseData | VariableResponseData;
  readonly strata?: Grouping;
  readonly cluster?: Grouping;
  readonly offset?: Float64Array;
  /** Basis (knots) per spline variable label, e.g. `rcs(age, 4)` (R's `predvars`); pass back as `options.bases` for new data. */
  readonly bases: Readonly<Record<string, SplineBasis>>;
  /** The covariate of each spline variable label on the kept rows (e.g. age for `pspline(age)`), for curves over its range. */
  readonly splineX: Readonly<Record<string, Float64Array>>;
  /** Levels used per factor variable, reference first (R's `xlevels`). */
  readonly xlevels: Readonly<Record<string, readonly string[]>>;
  readonly nDropped: number;
  /** Rows dropped for missing values, per column; a row missing two values counts under both. */
  readonly dropped: readonly DroppedCount[];
  readonly formula: ParsedFormula;
  readonly options: { readonly contrasts: "treatment"; readonly intercept: boolean; readonly dropUnusedLevels: boolean; readonly reference: Readonly<Record<string, string>> };
  readonly warnings: readonly string[];
}

type VarData =
  | { readonly kind: "numeric"; readonly values: Float64Array }
  /** A spline basis: several numeric columns named label + suffix. */
  | { readonly kind: "matrix"; readonly columns: readonly Float64Array[]; readonly suffixes: readonly string[]; readonly names?: readonly string[] }
  | { readonly kind: "factor"; levels: string[]; codes: Int32Array; readonly logical: boolean };

interface MissingItem {
  readonly label: string;
  readonly columns: readonly string[];
  readonly missing: (i: number) => boolean;
}

function toVarData(v: Value, label: string, formula: string): Exclude<VarData, { kind: "matrix" }> {
  switch (v.type) {
    case "numeric":
      return { kind: "numeric", values: v.values };
    case "factor":
      return { kind: "factor", levels: [...v.levels], codes: v.codes, logical: false };
    case "logical":
      return { kind: "factor", levels: ["FALSE", "TRUE"], codes: Int32Array.from(v.values, (x) => (Number.isNaN(x) ? -1 : x)), logical: true };
    default:
      throw new SurvinferError({ code: "FORMULA_INVALID", message: `${label} is a constant, not a column`, value: formula });
  }
}

function isMissing(d: VarData, i: number): boolean {
  if (d.kind === "matrix") return Number.isNaN(d.columns[0][i]);
  return d.kind === "numeric" ? Number.isNaN(d.values[i]) : d.codes[i] < 0;
}

function numericOf(v: Value, label: string, formula: string, what: string): Float64Array {
  if (v.type === "numeric" || v.type === "logical") return v.values;
  throw new SurvinferError({
    code: "FORMULA_INVALID",
    message: `${what} ${label} must be numeric${v.type === "factor" ? "; it is a text column" : ""}`,
    value: formula,
  });
}

/** Surv()'s status rule, shared with the CLI's --event (src/formula/surv-status.ts). */
function survStatus(v: Value, expr: Expr, table: Table, formula: string): Float64Array {
  return survStatusValue(v, expr, table, formula).status;
}

function relevel(d: VarData & { kind: "factor" }, level: string, label: string): void {
  const k = d.levels.indexOf(level);
  if (k < 0) throw optionError(`reference for ${label}`, `one of ${d.levels.map((l) => JSON.stringify(l)).join(", ")}`, level);
  if (k === 0) return;
  const map = d.levels.map((_, j) => (j === k ? 0 : j < k ? j + 1 : j));
  d.levels = [level, ...d.levels.filter((_, j) => j !== k)];
  d.codes = Int32Array.from(d.codes, (c) => (c < 0 ? c : map[c]));
}

/** R's `strata()` labels for one strata(...) call, over all table rows. */
function strataFactor(vars: readonly FormulaVariable[], values: readonly Value[], formula: string): { levels: string[]; codes: Int32Array } {
  const factors = values.map((v, j) => {
    if (v.type === "factor") return { levels: [...v.levels], codes: v.codes };
    const d = toVarData(v, vars[j].label, formula);
    if (d.kind === "factor") return { levels: d.levels, codes: d.codes };
    return factorFromNumbers(d.values);
  });
  const shortlabel = values.every((v) => v.type === "factor");
  const n = factors[0].codes.length;
  let labs: string[] = shortlabel ? factors[0].levels : factors[0].levels.map((l) => `${vars[0].label}=${l}`);
  const combined = Int32Array.from(factors[0].codes);
  for (let j = 1; j < factors.length; j++) {
    let wlab = factors[j].levels;
    if (!shortlabel) {
      wlab = wlab.map((l) => `${vars[j].label}=${l}`);
      const width = Math.max(...wlab.map((w) => w.length));
      wlab = wlab.map((w) => w.padEnd(width, " "));
    }
    const k = wlab.length;
    for (let i = 0; i < n; i++) {
      const c = factors[j].codes[i];
      combined[i] = combined[i] < 0 || c < 0 ? -1 : combined[i] * k + c;
    }
    labs = labs.flatMap((a) => wlab.map((b) => `${a}, ${b}`));
  }
  const seen = new Set<number>();
  for (let i = 0; i < n; i++) if (combined[i] >= 0) seen.add(combined[i]);
  const present = [...seen].sort((a, b) => a - b);
  const map = new Map(present.map((c, i) => [c, i]));
  for (let i = 0; i < n; i++) combined[i] = combined[i] < 0 ? -1 : (map.get(combined[i]) as number);
  return { levels: present.map((c) => labs[c]), codes: combined };
}

/** More levels than this make a text column of mostly numbers a probable measurement rather than a category. */
export const MAX_NUMERIC_LOOKING_LEVELS = 5;

/**
 * Refuses a text column that type inference flagged as mostly numbers (`numericLooking`) when it is
 * used bare as a model variable with more than `MAX_NUMERIC_LOOKING_LEVELS` levels: R would fit one
 * coefficient per value of what is probably a measurement. `factor(x)` or a declared type says it is
 * meant (a declared categorical column is never flagged).
 */
function refuseNumericLooking(table: Table, v: FormulaVariable, formula: string): void {
  if (v.expr.kind !== "name") return;
  const name = v.expr.name;
  const col = findColumn(table, name);
  if (col?.kind !== "categorical" || col.numericLooking !== true || col.levels.length <= MAX_NUMERIC_LOOKING_LEVELS) return;
  const isNumber = (l: string) => !Number.isNaN(parseNumber(l, undefined)) || !Number.isNaN(parseNumber(l, ","));
  const numberLike = col.levels.filter((l) => isNumber(l) || LEADING_NUMBER.test(l));
  const others = col.levels.filter((l) => !isNumber(l));
  if (others.length === 0) return;
  const firstOther = col.levels.indexOf(others[0]);
  const row = col.codes.indexOf(firstOther);
  const show = (ls: readonly string[]) => ls.slice(0, 4).map((l) => JSON.stringify(l)).join(", ") + (ls.length > 4 ? ", …" : "");
  throw new SurvinferError({
    code: "DATA_NUMERIC_LOOKING_FACTOR",
    message:
      `looks numeric (${numberLike.length} of its ${col.levels.length} distinct values are numbers or begin with one: ${show(numberLike)}) but was read as text because of ${show(others)}; ` +
      `as a covariate it would get ${col.levels.length - 1} coefficients, one per value`,
    file: table.source.file,
    ...(row >= 0 ? { row: table.rowNumbers[row] } : {}),
    column: name,
    value: others[0],
    hint:
      `If "${name}" is a measurement, correct the values that are not numbers (units, signs, notes) or declare them missing (data.missing, --missing); ` +
      `if it is a category, say so: factor(${name}) in the formula, or declare the column categorical (data.types) [formula: ${formula}]`,
  });
}

/**
 * Builds R's model frame and design matrix (treatment contrasts) for `formula` over `table`.
 *
 * Matches `model.matrix(formula, model.frame(formula, data, na.action = na.omit))` column for
 * column (names, order, values, `assign`); with `dropIntercept` it matches the `X` of
 * `survival::coxph`. Rows with a missing value in any variable used (response, terms, strata,
 * cluster, offset) are dropped and counted per column.
 *
 * @example
 * ```ts
 * const mm = modelMatrix(table, "Surv(time, status) ~ age + sex", { dropIntercept: true });
 * mm.columnNames; // ["age", "sexmale"]
 * ```
 */
export function modelMatrix(table: Table, formula: string | ParsedFormula, options: ModelMatrixOptions = {}): ModelMatrix {
  const f = typeof formula === "string" ? parseFormula(formula) : formula;
  const text = f.text;
  const ev = new Evaluator(table, text);
  const n = table.nRows;
  const warnings: string[] = [];
  const reference = options.reference ?? {};
  const dropIntercept = options.dropIntercept ?? false;
  const dropUnusedLevels = options.dropUnusedLevels ?? false;
  const items: MissingItem[] = [];
  const colMissing = (name: string, i: number): boolean => {
    const c = findColumn(table, name);
    if (c === undefined) return false;
    return c.kind === "categorical" ? c.codes[i] < 0 : Number.isNaN(c.values[i]);
  };

  // response
  let response: SurvResponseData | VariableResponseData | undefined;
  if (f.response?.kind === "Surv") {
    const r = f.response;
    const time = numericOf(ev.evaluate(r.time), deparse(r.time), text, "time");
    const start = r.start !== undefined ? numericOf(ev.evaluate(r.start), deparse(r.start), text, "start time") : undefined;
    const status = r.status !== undefined ? survStatus(ev.evaluate(r.status), r.status, table, text) : new Float64Array(n).fill(1);
    for (const [e, vals] of [[r.start, start], [r.time, time], [r.status, status]] as const) {
      if (e === undefined || vals === undefined) continue;
      items.push({ label: deparse(e), columns: referencedColumns(e), missing: (i) => Number.isNaN(vals[i]) });
    }
    if (start !== undefined) {
      for (let i = 0; i < n; i++) {
        if (start[i] >= time[i]) {
          throw new SurvinferError({
            code: "DATA_START_NOT_BEFORE_STOP",
            message: `start ${formatRNumber(start[i])} is not before stop ${formatRNumber(time[i])}`,
            row: table.rowNumbers[i],
            hint: "Counting-process intervals (start, stop] need start < stop",
          });
        }
      }
    }
    response = { kind: "Surv", label: r.label, time, ...(start !== undefined ? { start } : {}), status };
  } else if (f.response?.kind === "variable") {
    const r = f.response;
    const v = ev.evaluate(r.expr);
    let y: Float64Array;
    let levels: string[] | undefined;
    if (v.type === "factor") {
      levels = [...v.levels];
      y = Float64Array.from(v.codes, (c) => (c < 0 ? Number.NaN : c === 0 ? 0 : 1));
    } else y = numericOf(v, r.label, text, "response");
    items.push({ label: r.label, columns: referencedColumns(r.expr), missing: (i) => Number.isNaN(y[i]) });
    response = { kind: "variable", label: r.label, y, ...(levels !== undefined ? { levels } : {}) };
  }

  // model variables
  const data = new Map<string, VarData>();
  const bases: Record<string, SplineBasis> = {};
  const splineXAll: Record<string, Float64Array> = {};
  for (const v of f.variables) {
    refuseNumericLooking(table, v, text);
    let d: VarData;
    if (v.expr.kind === "call" && SPLINE_FUNCTIONS.has(v.expr.fn)) {
      const spec = splineCall(v.expr, text);
      if (spec.kind === "pspline" && options.penalized !== true && options.bases?.[v.label] === undefined) {
        throw new SurvinferError({
          code: "FORMULA_UNSUPPORTED",
          message: `${v.label}: a penalised spline pspline() is available only in a Cox model fitted by coxph (the cox command)`,
          value: text,
          hint: "use rcs(x, 4) or ns(x, df = 3) in this model",
        });
      }
      const xv = numericOf(ev.evaluate(spec.x), deparse(spec.x), text, "the covariate of");
      const given = options.bases?.[v.label];
      const basis = given ?? fitSplineBasis(spec, xv, v.label, text, v.expr);
      if (given === undefined) warnings.push(...basis.warnings);
      bases[v.label] = basis;
      splineXAll[v.label] = xv;
      d = { kind: "matrix", columns: splineColumns(basis, xv), suffixes: basis.suffixes, ...(basis.columnNames !== undefined ? { names: basis.columnNames } : {}) };
    } else if (v.expr.kind === "call" && v.expr.fn === "tt") {
      if (options.timeTransform !== true) {
        throw new SurvinferError({
          code: "FORMULA_UNSUPPORTED",
          message: `${v.label}: a time-varying coefficient tt() is available only in a Cox model fitted by coxph (the cox command)`,
          value: text,
          hint: "drop tt() from this formula",
        });
      }
      // tt(x): the covariate itself here (one copy per interval with cut =); survival/coxph.ts multiplies it by g(t) per risk set
      const spec = ttCall(v.expr, text);
      const xv = numericOf(ev.evaluate(spec.x), deparse(spec.x), text, "the covariate of");
      d = "cut" in spec ? { kind: "matrix", columns: spec.cut.concat(0).map(() => xv), suffixes: ttCutSuffixes(spec.cut) } : { kind: "numeric", values: xv };
    } else d = toVarData(ev.evaluate(v.expr), v.label, text);
    data.set(v.label, d);
    items.push({ label: v.label, columns: v.columns, missing: (i) => isMissing(d, i) });
  }
  for (const [key, level] of Object.entries(reference)) {
    for (const v of f.variables) {
      const single = v.columns.length === 1 && v.columns[0] === key;
      if (v.label !== key && !(single && (v.label === key || v.expr.kind === "call"))) continue;
      const d = data.get(v.label) as VarData;
      if (d.kind === "factor") relevel(d, level, v.label);
      else if (v.label === key) warnings.push(`reference ${key}=${level} ignored: ${key} is numeric; wrap it in factor() to treat it as categorical`);
    }
  }

  // strata, cluster, offset
  const strataParts = f.strata.map((s) => {
    const values = s.variables.map((v) => ev.evaluate(v.expr));
    const sf = strataFactor(s.variables, values, text);
    items.push({ label: s.label, columns: s.variables.flatMap((v) => v.columns), missing: (i) => sf.codes[i] < 0 });
    return sf;
  });
  let clusterValue: Exclude<VarData, { kind: "matrix" }> | undefined;
  if (f.cluster !== undefined) {
    const c = f.cluster;
    clusterValue = toVarData(ev.evaluate(c.expr), c.label, text);
    const cv = clusterValue;
    items.push({ label: c.label, columns: c.columns, missing: (i) => isMissing(cv, i) });
  }
  const offsetValues = f.offsets.map((o) => {
    const vals = numericOf(ev.evaluate(o.expr), o.label, text, "offset");
    items.push({ label: o.label, columns: o.columns, missing: (i) => Number.isNaN(vals[i]) });
    return vals;
  });

  // na.omit, with the reasons
  const keep: number[] = [];
  const droppedBy = new Map<string, number[]>();
  for (const it of items) for (const c of it.columns.length > 0 ? it.columns : [it.label]) if (!droppedBy.has(c)) droppedBy.set(c, []);
  const masks = items.map((it) => {
    const mask = new Uint8Array(n);
    for (let i = 0; i < n; i++) if (it.missing(i)) mask[i] = 1;
    return mask;
  });
  for (let i = 0; i < n; i++) {
    let drop = false;
    for (const mask of masks) if (mask[i] === 1) drop = true;
    if (!drop) {
      keep.push(i);
      continue;
    }
    const reasons = new Set<string>();
    items.forEach((it, k) => {
      if (masks[k][i] !== 1) return;
      const cols = it.columns.filter((c) => colMissing(c, i));
      if (cols.length === 0) reasons.add(it.label);
      for (const c of cols) reasons.add(c);
    });
    for (const r of reasons) {
      if (!droppedBy.has(r)) droppedBy.set(r, []);
      (droppedBy.get(r) as number[]).push(table.rowNumbers[i]);
    }
  }
  const rows = Int32Array.from(keep);
  const m = rows.length;
  const dropped: DroppedCount[] = [...droppedBy.entries()].filter(([, r]) => r.length > 0).map(([column, r]) => ({ column, count: r.length, rows: r }));
  const nDropped = n - m;
  if (nDropped > 0) {
    warnings.push(`${nDropped} row${nDropped === 1 ? "" : "s"} dropped for missing values: ${dropped.map((d) => `${d.count} missing ${d.column}`).join(", ")}`);
  }

  // factor levels on the kept rows
  const xlevels: Record<string, readonly string[]> = {};
  for (const v of f.variables) {
    const d = data.get(v.label) as VarData;
    if (d.kind !== "factor") continue;
    const used = new Uint8Array(d.levels.length);
    for (const r of keep) used[d.codes[r]] = 1;
    // logical variables become factors inside model.matrix, i.e. after na.omit: only levels present
    if (d.logical || dropUnusedLevels) {
      const map = new Int32Array(d.levels.length).fill(-1);
      const kept: string[] = [];
      d.levels.forEach((l, k) => {
        if (used[k]) map[k] = kept.push(l) - 1;
      });
      d.codes = Int32Array.from(d.codes, (c) => (c < 0 ? c : map[c]));
      d.levels = kept;
    } else {
      const empty = d.levels.filter((_, k) => !used[k]);
      if (empty.length > 0) warnings.push(`${v.label}: level${empty.length > 1 ? "s" : ""} ${empty.map((l) => JSON.stringify(l)).join(", ")} ha${empty.length > 1 ? "ve" : "s"} no rows after dropping missing values; its column is all zero`);
    }
    if (d.levels.length < 2) {
      throw new SurvinferError({
        code: "FORMULA_ONE_LEVEL",
        message: `${v.label} has ${d.levels.length === 0 ? "no levels" : `only one level (${JSON.stringify(d.levels[0])})`} among the rows used; a factor needs at least 2`,
        column: v.columns[0],
        value: text,
        hint: "Remove it from the formula",
      });
    }
    xlevels[v.label] = d.levels;
  }

  // coding (R's TermCode) and columns
  const hasIntercept = f.intercept || dropIntercept;
  const termSets = f.terms.map((t) => new Set(t.variables));
  const codes: ("numeric" | "contrasts" | "indicators")[][] = f.terms.map((t, ti) =>
    t.variables.map((v) => {
      if ((data.get(v) as VarData).kind !== "factor") return "numeric";
      const rest = t.variables.filter((w) => w !== v);
      if (rest.length === 0) return "contrasts";
      for (let p = 0; p < ti; p++) if (rest.every((w) => termSets[p].has(w))) return "contrasts";
      return "indicators";
    }),
  );
  if (!hasIntercept) {
    outer: for (let ti = 0; ti < f.terms.length; ti++) {
      for (const v of f.variables) {
        const j = f.terms[ti].variables.indexOf(v.label);
        if (j >= 0 && codes[ti][j] !== "numeric") {
          codes[ti][j] = "indicators";
          break outer;
        }
      }
    }
  }

  const columns: Float64Array[] = [];
  const columnNames: string[] = [];
  const assign: number[] = [];
  if (f.intercept && !dropIntercept) {
    columns.push(new Float64Array(m).fill(1));
    columnNames.push("(Intercept)");
    assign.push(0);
  }
  const terms: ModelTerm[] = f.terms.map((t, ti) => {
    let cols: { name: string; values: Float64Array | undefined }[] = [{ name: "", values: undefined }];
    t.variables.forEach((v, j) => {
      const d = data.get(v) as VarData;
      let parts: { name: string; values: Float64Array }[];
      if (d.kind === "numeric") {
        parts = [{ name: v, values: pickF64(d.values, rows) }];
      } else if (d.kind === "matrix") {
        // a one-column basis is named by the variable alone, as model.matrix names a one-column matrix
        parts = d.columns.map((c, k) => ({ name: d.names !== undefined ? d.names[k] : d.columns.length === 1 ? v : v + d.suffixes[k], values: pickF64(c, rows) }));
      } else {
        const first = codes[ti][j] === "contrasts" ? 1 : 0;
        parts = [];
        for (let k = first; k < d.levels.length; k++) parts.push({ name: v + d.levels[k], values: new Float64Array(m) });
        for (let i = 0; i < m; i++) {
          const c = d.codes[rows[i]] - first;
          if (c >= 0) parts[c].values[i] = 1;
        }
      }
      // earlier variables vary fastest
      const next: { name: string; values: Float64Array | undefined }[] = [];
      for (const p of parts) {
        for (const c of cols) {
          const cv = c.values;
          let values = p.values;
          if (cv !== undefined) {
            values = new Float64Array(m);
            for (let i = 0; i < m; i++) values[i] = cv[i] * p.values[i];
          }
          next.push({ name: c.name === "" ? p.name : `${c.name}:${p.name}`, values });
        }
      }
      cols = next;
    });
    const idx: number[] = [];
    for (const c of cols) {
      idx.push(columns.length);
      columns.push(c.values ?? new Float64Array(m).fill(1));
      columnNames.push(c.name);
      assign.push(ti + 1);
    }
    return { label: t.label, columns: idx, variables: t.variables };
  });
  const p = columns.length;
  const x = new Float64Array(m * p);
  columns.forEach((c, j) => x.set(c, j * m));

  // response, strata, cluster, offset on kept rows
  const sub = (a: Float64Array): Float64Array => pickF64(a, rows);
  let resp: SurvResponseData | VariableResponseData | undefined;
  if (response?.kind === "Surv") {
    resp = { kind: "Surv", label: response.label, time: sub(response.time), ...(response.start !== undefined ? { start: sub(response.start) } : {}), status: sub(response.status) };
  } else if (response?.kind === "variable") {
    resp = { ...response, y: sub(response.y) };
  }
  let strata: Grouping | undefined;
  if (strataParts.length === 1) {
    strata = compact(f.strata[0].label, strataParts[0].levels, pickI32(strataParts[0].codes, rows));
  } else if (strataParts.length > 1) {
    // coxph: strata(mf[, vars], shortlabel = TRUE) over the kept rows
    const parts = strataParts.map((s) => pickI32(s.codes, rows));
    const labs = new Map<string, string>();
    const codesK = new Array<string>(m);
    for (let i = 0; i < m; i++) {
      const key = parts.map((pc) => String(pc[i]).padStart(10, "0")).join("|");
      codesK[i] = key;
      if (!labs.has(key)) labs.set(key, parts.map((pc, j) => strataParts[j].levels[pc[i]]).join(", "));
    }
    const ordered = [...labs.keys()].sort();
    const idx = new Map(ordered.map((k, i) => [k, i]));
    strata = { label: f.strata.map((s) => s.label).join(" + "), levels: ordered.map((k) => labs.get(k) as string), codes: Int32Array.from(codesK, (k) => idx.get(k) as number) };
  }
  let cluster: Grouping | undefined;
  if (clusterValue !== undefined && f.cluster !== undefined) {
    const cf = clusterValue.kind === "factor" ? { levels: clusterValue.levels, codes: clusterValue.codes } : factorFromNumbers(clusterValue.values);
    cluster = compact(f.cluster.label, cf.levels, pickI32(cf.codes, rows));
  }
  let offset: Float64Array | undefined;
  if (offsetValues.length > 0) {
    offset = new Float64Array(m);
    for (const o of offsetValues) for (let i = 0; i < m; i++) offset[i] += o[rows[i]];
  }

  return {
    x,
    nRows: m,
    nCols: p,
    columnNames,
    terms,
    assign,
    rows,
    rowNumbers: pickI32(table.rowNumbers, rows),
    ...(resp !== undefined ? { response: resp } : {}),
    ...(strata !== undefined ? { strata } : {}),
    ...(cluster !== undefined ? { cluster } : {}),
    ...(offset !== undefined ? { offset } : {}),
    bases,
    splineX: Object.fromEntries(Object.entries(splineXAll).map(([k, v]) => [k, pickF64(v, rows)])),
    xlevels,
    nDropped,
    dropped,
    formula: f,
    options: { contrasts: "treatment", intercept: f.intercept && !dropIntercept, dropUnusedLevels, reference },
    warnings,
  };
}

/** Renumbers codes to the levels present (in level order). */
function compact(label: string, levels: readonly string[], codes: Int32Array): Grouping {
  const used = new Uint8Array(levels.length);
  for (const c of codes) used[c] = 1;
  const map = new Int32Array(levels.length).fill(-1);
  const kept: string[] = [];
  levels.forEach((l, k) => {
    if (used[k]) map[k] = kept.push(l) - 1;
  });
  return { label, levels: kept, codes: Int32Array.from(codes, (c) => map[c]) };
}

function pickF64(src: Float64Array, rows: Int32Array): Float64Array {
  // rows ascend without repeats: as many as the source's means all of them, in order (a copy, not a gather)
  if (rows.length === src.length && (rows.length === 0 || rows[rows.length - 1] === rows.length - 1)) return src.slice();
  const out = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = src[rows[i]];
  return out;
}

function pickI32(src: Int32Array, rows: Int32Array): Int32Array {
  const out = new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = src[rows[i]];
  return out;
}
