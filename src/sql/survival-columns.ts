/**
 * The survival columns of a SQL source as one relation `d(t, s, w, g, h)`: time, event status (0/1 by
 * Surv()'s rule, src/formula/surv-status.ts), weight, group key and strata key, over the complete rows.
 * Checks run inside the database in one scan and stop with the same error codes as the in-memory reader:
 * a text time (DATA_NOT_NUMERIC), a negative or infinite time (DATA_NEGATIVE_TIME), a status outside
 * Surv()'s codings (DATA_INVALID_STATUS / DATA_BAD_STATUS), a negative weight (DATA_BAD_WEIGHT), no rows
 * left (DATA_NO_ROWS). Rows with a missing value are counted per column, as RowFilter words it.
 */
import { SurvinferError, optionError } from "../errors.js";
import type { StatusCoding } from "../formula/surv-status.js";
import { isLogicalLevels } from "../formula/surv-status.js";
import { toNumber, type SqlColumnKind, type SqlEngine, type SqlValue } from "./engine.js";
import { requireSqlColumn, type SqlSource } from "./source.js";

export interface SurvivalColumnsSpec {
  readonly time: string;
  readonly event: string;
  readonly eventValue?: string;
  readonly by?: string;
  readonly strata?: string;
  readonly weights?: string;
  /** More columns that must be present (rows missing one are dropped), carried into `d` as c0, c1, … */
  readonly covariates?: readonly string[];
  /** Reference (first) level per column, as --reference COL=LEVEL. */
  readonly reference?: Readonly<Record<string, string>>;
}

/** A grouping column: its levels in R's factor() order and each SQL key's level index. */
export interface SqlFactor {
  readonly column: string;
  readonly levels: readonly string[];
  /** Level index of a key as returned by the database (numbers as String(v), text as is). */
  readonly index: ReadonlyMap<string, number>;
}

export interface SurvivalRelation {
  readonly source: SqlSource;
  /** `WITH src AS (...), d AS (SELECT t, s, w, g, h ...)`: append the query that reads `d`. */
  readonly with: string;
  readonly statusCoding: StatusCoding;
  readonly group?: SqlFactor;
  readonly strata?: SqlFactor;
  readonly weighted: boolean;
  /** Any weight with a fractional part (R then uses the robust variance by default). */
  readonly nonIntegerWeights: boolean;
  readonly nRows: number;
  readonly nUsed: number;
  /** Kinds of spec.covariates (c0, c1, … in `d`: numeric as DOUBLE PRECISION, text as VARCHAR). */
  readonly covariateKinds: readonly SqlColumnKind[];
  readonly warnings: string[];
}

/** The key of a group cell as returned by the database, as a level label (numbers as String(v), as columnFactor). */
export function keyLabel(v: SqlValue): string {
  return String(v);
}

const TRUE_TEXT = ["TRUE", "true", "True", "T"];

const collatorEn = new Intl.Collator("en");

/** R's factor() level order (as src/data/infer.ts): numbers numerically, text by the "en" collation. */
export function sortLevels(values: readonly SqlValue[], numeric: boolean): string[] {
  if (numeric) return values.map((v) => toNumber(v) as number).sort((a, b) => a - b).map(String);
  return values.map(String).sort((a, b) => collatorEn.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0));
}

function notNumeric(source: SqlSource, name: string, role: string, kind: SqlColumnKind): SurvinferError {
  return new SurvinferError({
    code: "DATA_NOT_NUMERIC",
    message: `column "${name}" (${role}) must be numeric but the database gives it as ${kind === "other" ? "a non-numeric type" : kind}`,
    file: source.file ?? source.label,
    column: name,
    hint: "cast it in the query, e.g. CAST(col AS DOUBLE PRECISION), or choose the numeric column",
  });
}

/** SQL for "this value is missing": NULL, or NaN for a numeric column that is not of an integer type. */
function missingSql(engine: SqlEngine, expr: string, kind: SqlColumnKind, integer = false): string {
  return kind === "numeric" && !integer ? `(${expr} IS NULL OR ${engine.dialect.isNaN(`CAST(${expr} AS ${engine.dialect.double})`)})` : `(${expr} IS NULL)`;
}

/** Reads the columns and builds the relation `d` (one scan for the checks, one GROUP BY per factor). */
export async function survivalRelation(engine: SqlEngine, source: SqlSource, spec: SurvivalColumnsSpec): Promise<SurvivalRelation> {
  const q = engine.dialect;
  const dbl = q.double;
  const where = source.file ?? source.label;
  const timeKind = requireSqlColumn(source, spec.time, "--time");
  if (timeKind !== "numeric") throw notNumeric(source, spec.time, "--time", timeKind);
  const eventKind = requireSqlColumn(source, spec.event, "--event");
  const used: { name: string; kind: SqlColumnKind }[] = [
    { name: spec.time, kind: timeKind },
    { name: spec.event, kind: eventKind },
  ];
  for (const [name, role] of [
    [spec.by, "--by"],
    [spec.strata, "--strata"],
  ] as const) {
    if (name !== undefined) used.push({ name, kind: requireSqlColumn(source, name, role) });
  }
  if (spec.weights !== undefined) {
    const k = requireSqlColumn(source, spec.weights, "--weights");
    if (k !== "numeric") throw notNumeric(source, spec.weights, "--weights", k);
    used.push({ name: spec.weights, kind: k });
  }
  const covariateKinds = (spec.covariates ?? []).map((name) => {
    const kind = requireSqlColumn(source, name, "the formula");
    used.push({ name, kind });
    return kind;
  });
  const T = `CAST(${q.ident(spec.time)} AS ${dbl})`;
  // integer columns cannot hold NaN or infinity: their checks are left out of the scans (10⁸ rows: a third of the time)
  const isInt = (name: string): boolean => source.integerColumns?.has(name) === true;
  const missing = (name: string, kind: SqlColumnKind): string => missingSql(engine, q.ident(name), kind, isInt(name));
  const infinite = (name: string, expr: string): string => (isInt(name) ? "FALSE" : q.isInfinite(expr));
  const E = q.ident(spec.event);
  const EN = `CAST(${E} AS ${dbl})`;
  const W = spec.weights === undefined ? undefined : `CAST(${q.ident(spec.weights)} AS ${dbl})`;
  // the first missing column of each row names its drop (RowFilter's order: time, event, by, strata, weights)
  const uniqueUsed = used.filter((u, k) => used.findIndex((v) => v.name === u.name) === k);
  const why = `CASE ${uniqueUsed.map((u, k) => `WHEN ${missing(u.name, u.kind)} THEN ${k}`).join(" ")} ELSE -1 END`;
  const complete = uniqueUsed.map((u) => `NOT ${missing(u.name, u.kind)}`).join(" AND ");
  const withSrc = `WITH src AS (${source.select})`;

  const cols: string[] = [
    `CAST(COUNT(*) AS ${dbl})`,
    `CAST(SUM(CASE WHEN NOT ${missing(spec.time, "numeric")} AND (${T} < 0 OR ${infinite(spec.time, T)}) THEN 1 ELSE 0 END) AS ${dbl})`,
    `MIN(CASE WHEN NOT ${missing(spec.time, "numeric")} AND (${T} < 0 OR ${infinite(spec.time, T)}) THEN ${T} END)`,
  ];
  const numericStatus = eventKind === "numeric" && spec.eventValue === undefined;
  if (numericStatus) {
    const ok = `NOT ${missing(spec.event, "numeric")}`;
    cols.push(`MAX(CASE WHEN ${ok} THEN ${EN} END)`, `MIN(CASE WHEN ${ok} AND ${EN} NOT IN (0, 1) THEN ${EN} END)`, `MIN(CASE WHEN ${ok} AND ${EN} NOT IN (1, 2) THEN ${EN} END)`);
  }
  if (W !== undefined) {
    const ok = `NOT ${missing(spec.weights!, "numeric")}`;
    cols.push(`MIN(CASE WHEN ${ok} AND (${W} < 0 OR ${infinite(spec.weights!, W)}) THEN ${W} END)`, `CAST(SUM(CASE WHEN ${ok} AND ${W} <> FLOOR(${W}) THEN 1 ELSE 0 END) AS ${dbl})`);
  }
  // the missing-value counts ride on the same scan: one column per used column, then the complete rows
  const nCheck = cols.length;
  for (let j = 0; j < uniqueUsed.length; j++) cols.push(`CAST(SUM(CASE WHEN ${why} = ${j} THEN 1 ELSE 0 END) AS ${dbl})`);
  cols.push(`CAST(SUM(CASE WHEN ${why} = -1 THEN 1 ELSE 0 END) AS ${dbl})`);
  const stats = (await cheapChecks(engine, withSrc, spec, uniqueUsed, isInt, numericStatus, nCheck)) ?? (await engine.query(`${withSrc} SELECT ${cols.join(", ")} FROM src`)).rows[0];
  const nRows = toNumber(stats[0]) ?? 0;
  if ((toNumber(stats[1]) ?? 0) > 0) {
    throw new SurvinferError({
      code: "DATA_NEGATIVE_TIME",
      message: `survival time must be finite and ≥ 0, but ${toNumber(stats[1])} row(s) are not (the smallest shown)`,
      file: where,
      column: spec.time,
      value: String(toNumber(stats[2])),
      hint: "check the dates or times of these patients",
    });
  }
  let k = 3;
  let statusSql: string;
  let statusCoding: StatusCoding;
  if (spec.eventValue !== undefined) {
    ({ statusSql, statusCoding } = await eventValueStatus(engine, spec, eventKind, withSrc));
  } else if (numericStatus) {
    const max = toNumber(stats[k]);
    const shift = max === 2 ? 1 : 0;
    const bad = toNumber(stats[shift === 1 ? k + 2 : k + 1]);
    k += 3;
    if (bad !== null) {
      throw new SurvinferError({
        code: "DATA_INVALID_STATUS",
        message: `event status must be 0/1 (or 1/2, or TRUE/FALSE), as Surv() reads it`,
        file: where,
        column: spec.event,
        value: String(bad),
        hint: "say which value means an event with --event-value",
      });
    }
    statusSql = shift === 1 ? `CAST(${EN} - 1 AS INTEGER)` : `CAST(${EN} AS INTEGER)`;
    statusCoding = shift === 1 ? "1/2" : "0/1";
  } else if (eventKind === "boolean") {
    statusSql = `CASE WHEN ${E} THEN 1 ELSE 0 END`;
    statusCoding = "TRUE/FALSE";
  } else {
    const levels = (await engine.query(`${withSrc} SELECT DISTINCT CAST(${E} AS ${q.text}) FROM src WHERE ${E} IS NOT NULL LIMIT 20`)).rows.map((r) => String(r[0]));
    if (!isLogicalLevels(levels)) {
      throw new SurvinferError({
        code: "DATA_BAD_STATUS",
        message: `column "${spec.event}" is text with levels ${levels.slice(0, 10).map((l) => JSON.stringify(l)).join(", ")}`,
        file: where,
        column: spec.event,
        hint: "say which value means an event with --event-value",
      });
    }
    statusSql = `CASE WHEN CAST(${E} AS ${q.text}) IN (${TRUE_TEXT.map(q.literal).join(", ")}) THEN 1 ELSE 0 END`;
    statusCoding = "TRUE/FALSE";
  }
  let nonIntegerWeights = false;
  if (W !== undefined) {
    const badW = toNumber(stats[k]);
    if (badW !== null) {
      throw new SurvinferError({ code: "DATA_BAD_WEIGHT", message: "case weights must be finite and not negative", file: where, column: spec.weights, value: String(badW), hint: "fix or remove these weights" });
    }
    nonIntegerWeights = (toNumber(stats[k + 1]) ?? 0) > 0;
  }

  // missing values, counted by the first missing column of each row (from the checks' scan)
  const dropped = uniqueUsed.map((u, j) => ({ column: u.name, count: toNumber(stats[nCheck + j]) ?? 0 }));
  const nUsed = toNumber(stats[nCheck + uniqueUsed.length]) ?? 0;
  if (nUsed === 0) throw noRows(where, nRows, dropped);
  const totalDropped = nRows - nUsed;
  const warnings: string[] = [];
  if (totalDropped > 0) {
    const parts = dropped.filter((d) => d.count > 0).map((d) => `${d.count} in ${d.column}`).join(", ");
    warnings.push(`${totalDropped} ${totalDropped === 1 ? "row" : "rows"} dropped for a missing value: ${parts}`);
  }

  const factorOf = async (name: string | undefined): Promise<{ factor?: SqlFactor; key: string }> => {
    if (name === undefined) return { key: "0" };
    const kind = source.columns.get(name)!;
    const key = kind === "numeric" ? `CAST(${q.ident(name)} AS ${dbl})` : `CAST(${q.ident(name)} AS ${q.text})`;
    const values = (await engine.query(`${withSrc} SELECT DISTINCT ${key} FROM src WHERE ${complete}`)).rows.map((r) => r[0]);
    let levels = sortLevels(values, kind === "numeric");
    const ref = spec.reference?.[name];
    if (ref !== undefined) {
      if (!levels.includes(ref)) throw optionError("--reference", `one of the levels of "${name}" (${levels.map((l) => JSON.stringify(l)).join(", ")})`, `${name}=${ref}`);
      levels = [ref, ...levels.filter((l) => l !== ref)];
    }
    return { factor: { column: name, levels, index: new Map(levels.map((l, j) => [l, j])) }, key };
  };
  const g = await factorOf(spec.by);
  const h = await factorOf(spec.strata);
  const cov = (spec.covariates ?? []).map((name, j) => `, ${covariateKinds[j] === "numeric" ? `CAST(${q.ident(name)} AS ${dbl})` : `CAST(${q.ident(name)} AS ${q.text})`} AS c${j}`).join("");
  const d = `d AS (SELECT ${T} AS t, ${statusSql} AS s, ${W ?? `CAST(1 AS ${dbl})`} AS w, ${g.key} AS g, ${h.key} AS h${cov} FROM src WHERE ${complete})`;
  return {
    source,
    with: `${withSrc}, ${d}`,
    statusCoding,
    group: g.factor,
    strata: h.factor,
    weighted: W !== undefined,
    nonIntegerWeights,
    nRows,
    nUsed,
    covariateKinds,
    warnings,
  };
}

/**
 * The checks' answers without a scan of the values, when they can be read from counts, minima and maxima alone
 * (which a Parquet file's metadata holds): every used column of an integer, text or boolean type (missing =
 * NULL only), no NULL in any of them, no weights, a numeric status. Returns the full check query's row, or
 * null when the full scan must run (it then finds and words any problem).
 */
async function cheapChecks(
  engine: SqlEngine,
  withSrc: string,
  spec: SurvivalColumnsSpec,
  used: readonly { name: string; kind: SqlColumnKind }[],
  isInt: (name: string) => boolean,
  numericStatus: boolean,
  nCheck: number,
): Promise<SqlValue[] | null> {
  const nullOnly = used.every((u) => (u.kind === "numeric" ? isInt(u.name) : u.kind === "text" || u.kind === "boolean"));
  if (!nullOnly || spec.weights !== undefined || !numericStatus || nCheck !== 6) return null;
  const q = engine.dialect;
  const T = q.ident(spec.time);
  const E = q.ident(spec.event);
  const row = (await engine.query(`${withSrc} SELECT ${[`COUNT(*)`, `MIN(${T})`, `MIN(${E})`, `MAX(${E})`, ...used.map((u) => `COUNT(${q.ident(u.name)})`)].map((x) => `CAST(${x} AS ${q.double})`).join(", ")} FROM src`)).rows[0];
  const n = toNumber(row[0]) ?? 0;
  const [minT, minE, maxE] = [toNumber(row[1]), toNumber(row[2]), toNumber(row[3])];
  if (n === 0 || used.some((_, j) => toNumber(row[4 + j]) !== n)) return null;
  if (minT === null || minT < 0 || minE === null || maxE === null) return null;
  // Surv()'s codings: 0/1, or 1/2 when the largest value is 2
  if (maxE === 2 ? minE < 1 : minE < 0 || maxE > 1) return null;
  return [n, 0, null, maxE, null, null, ...used.map(() => 0), n];
}

/** DATA_NO_ROWS, worded as the CLI's noRowsError (src/cli/data-args.ts), which src/sql may not import. */
function noRows(file: string, nRows: number, dropped: readonly { column: string; count: number }[]): SurvinferError {
  if (nRows === 0) return new SurvinferError({ code: "DATA_NO_ROWS", file, message: "has no data rows: nothing to analyse", hint: "Give a query or file with one row per patient" });
  const parts = dropped.filter((d) => d.count > 0).map((d) => `${d.count} in column "${d.column}"`);
  return new SurvinferError({
    code: "DATA_NO_ROWS",
    file,
    message: `no rows left to analyse: all ${nRows} ${nRows === 1 ? "row was" : "rows were"} dropped for a missing value (${parts.join(", ")})`,
    hint: "Check those columns for NULLs (or NaN), or choose other columns",
  });
}

async function eventValueStatus(engine: SqlEngine, spec: SurvivalColumnsSpec, kind: SqlColumnKind, withSrc: string): Promise<{ statusSql: string; statusCoding: StatusCoding }> {
  const q = engine.dialect;
  const value = spec.eventValue!;
  const E = q.ident(spec.event);
  let test: string;
  if (kind === "numeric") {
    const v = Number(value.trim());
    if (value.trim() === "" || !Number.isFinite(v)) throw optionError("--event-value", `a number (column "${spec.event}" is numeric)`, value);
    test = `CAST(${E} AS ${q.double}) = ${v}`;
  } else {
    test = `CAST(${E} AS ${q.text}) = ${q.literal(value)}`;
  }
  const hits = toNumber((await engine.query(`${withSrc} SELECT CAST(COUNT(*) AS ${q.double}) FROM (SELECT 1 AS one FROM src WHERE ${test} LIMIT 1) AS x`)).rows[0][0]);
  if (!hits) {
    const some = (await engine.query(`${withSrc} SELECT DISTINCT CAST(${E} AS ${q.text}) FROM src WHERE ${E} IS NOT NULL LIMIT 10`)).rows.map((r) => JSON.stringify(String(r[0])));
    throw optionError("--event-value", `one of the values of column "${spec.event}" (${some.join(", ")})`, value);
  }
  return { statusSql: `CASE WHEN ${test} THEN 1 ELSE 0 END`, statusCoding: "event-value" };
}
