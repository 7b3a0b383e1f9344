/**
 * The design of a Cox model in SQL: which columns give time, status, strata and weights, and one SQL
 * expression per model-matrix column over relation `d` (survival-columns.ts) — a numeric column as is, a
 * text column or factor(col) as treatment dummies named label + level (R's contr.treatment names, as
 * src/formula/model-matrix.ts). Formulas beyond that (interactions, I(), splines, tt(), offsets, cluster,
 * Surv(start, stop, event)) stop with FORMULA_UNSUPPORTED: use --engine memory for them.
 */
import { SurvinferError } from "../errors.js";
import { parseFormula, type Expr } from "../formula/parse.js";
import { toNumber, type SqlEngine } from "./engine.js";
import { requireSqlColumn, type SqlSource } from "./source.js";
import { sortLevels, type SurvivalRelation } from "./survival-columns.js";

export interface CoxFormulaColumns {
  readonly time: string;
  readonly status: string;
  readonly strata?: string;
  /** Covariate terms in formula order: a column, as numeric or as a factor. */
  readonly terms: readonly { readonly label: string; readonly column: string; readonly factor: boolean }[];
}

export interface CoxDesign {
  readonly columnNames: readonly string[];
  /** SQL expression of each model-matrix column over `d` (covariate k is `c{k}`). */
  readonly columns: readonly string[];
}

function unsupported(formula: string, what: string): SurvinferError {
  return new SurvinferError({
    code: "FORMULA_UNSUPPORTED",
    message: `the database engines fit Surv(time, status) ~ columns, factor(column) and one strata(column); ${what} is not available there (formula ${JSON.stringify(formula)})`,
    hint: "use --engine memory for this model, or compute the term in the query (--sql)",
  });
}

function columnName(e: Expr | undefined, formula: string, what: string): string {
  if (e?.kind === "name") return e.name;
  throw unsupported(formula, what);
}

/** Reads a formula into columns, or FORMULA_UNSUPPORTED for terms the SQL engines do not build. */
export function coxFormulaColumns(formula: string): CoxFormulaColumns {
  const f = parseFormula(formula);
  const r = f.response;
  if (r === undefined || r.kind !== "Surv" || r.status === undefined) throw unsupported(formula, "a response other than Surv(time, status)");
  if (r.start !== undefined) throw unsupported(formula, "Surv(start, stop, event)");
  if (f.cluster !== undefined) throw unsupported(formula, "cluster()");
  if (f.offsets.length > 0) throw unsupported(formula, "offset()");
  if (f.strata.length > 1 || (f.strata.length === 1 && f.strata[0].variables.length !== 1)) throw unsupported(formula, "more than one strata variable");
  const time = columnName(r.time, formula, `the time ${r.label}`);
  const status = columnName(r.status, formula, `the status ${r.label}`);
  const strata = f.strata.length === 1 ? columnName(f.strata[0].variables[0].expr, formula, f.strata[0].label) : undefined;
  const vars = new Map(f.variables.map((v) => [v.label, v]));
  const terms = f.terms.map((t) => {
    if (t.variables.length !== 1) throw unsupported(formula, `the interaction ${t.label}`);
    const e = vars.get(t.variables[0])!.expr;
    if (e.kind === "name") return { label: t.label, column: e.name, factor: false };
    const arg = e.kind === "call" && e.fn === "factor" && e.args.length === 1 ? e.args[0] : undefined;
    if (arg?.kind === "name") return { label: t.label, column: arg.name, factor: true };
    throw unsupported(formula, `the term ${t.label}`);
  });
  if (terms.length === 0) throw new SurvinferError({ code: "FORMULA_NO_COVARIATES", message: `the formula ${JSON.stringify(formula)} has no covariates`, hint: 'add covariates after "~"' });
  return { time, status, strata, terms };
}

/** The model-matrix columns as SQL over `d` (covariates c0, c1, … in `terms` order), levels read from the data. */
export async function coxDesign(engine: SqlEngine, source: SqlSource, rel: SurvivalRelation, cols: CoxFormulaColumns, reference: Readonly<Record<string, string>> = {}): Promise<CoxDesign> {
  const q = engine.dialect;
  const columnNames: string[] = [];
  const columns: string[] = [];
  for (let k = 0; k < cols.terms.length; k++) {
    const term = cols.terms[k];
    const kind = requireSqlColumn(source, term.column, "the formula");
    if (!term.factor && kind === "numeric") {
      columnNames.push(term.label);
      columns.push(`c${k}`);
      continue;
    }
    if (kind !== "numeric" && kind !== "text") throw new SurvinferError({ code: "DATA_NOT_NUMERIC", message: `column "${term.column}" is neither numeric nor text`, file: source.file ?? source.label, column: term.column, hint: "cast it in the query (--sql)" });
    const values = (await engine.query(`${rel.with} SELECT DISTINCT c${k} FROM d`)).rows.map((r) => r[0]);
    let levels = sortLevels(values, kind === "numeric");
    const ref = reference[term.column];
    if (ref !== undefined && levels.includes(ref)) levels = [ref, ...levels.filter((l) => l !== ref)];
    if (levels.length < 2) {
      throw new SurvinferError({
        code: "FORMULA_ONE_LEVEL",
        message: `${term.label} has ${levels.length === 0 ? "no levels" : `only one level (${JSON.stringify(levels[0])})`} among the rows used; a factor needs at least 2`,
        hint: "drop the term or check the rows used",
      });
    }
    for (const level of levels.slice(1)) {
      columnNames.push(term.label + level);
      columns.push(`CASE WHEN c${k} = ${kind === "numeric" ? String(toNumber(level)) : q.literal(level)} THEN CAST(1 AS ${q.double}) ELSE CAST(0 AS ${q.double}) END`);
    }
  }
  return { columnNames, columns };
}
