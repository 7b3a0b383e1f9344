/**
 * Every SQL difference between the engines survinfer targets, in one place. The estimators write
 * portable SQL (CTEs, GROUP BY, CASE, SUM/COUNT, EXP/LN/ABS, window SUM … OVER) and call these helpers
 * only where engines disagree. docs/scale.md lists the same differences for Spark SQL and Trino.
 *
 * | what                         | DuckDB                         | PostgreSQL                         |
 * |------------------------------|--------------------------------|------------------------------------|
 * | double type                  | DOUBLE                         | DOUBLE PRECISION                   |
 * | NaN test                     | isnan(x)                       | x = 'NaN'::float8 (NaN = NaN)      |
 * | infinite test                | isinf(x)                       | x IN ('Infinity', '-Infinity')     |
 * | a Parquet / CSV file as table| read_parquet('f'), read_csv('f') | not available (use --sql / a table) |
 */
import { SurvinferError } from "../errors.js";

export interface Dialect {
  readonly name: "duckdb" | "postgres";
  readonly double: string;
  readonly text: string;
  /** Quotes an identifier ("col", with embedded quotes doubled). */
  ident(name: string): string;
  /** A string literal ('…', quotes doubled). */
  literal(value: string): string;
  /** True when the (already numeric) expression is NaN. */
  isNaN(expr: string): string;
  /** True when the (already numeric) expression is +/-Infinity. */
  isInfinite(expr: string): string;
  /** A data file as a relation (FROM clause item); throws when the engine cannot read files. */
  fileRelation(path: string, format: "parquet" | "csv"): string;
}

const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;
const literal = (value: string): string => `'${value.replace(/'/g, "''")}'`;

export const DUCKDB: Dialect = {
  name: "duckdb",
  double: "DOUBLE",
  text: "VARCHAR",
  ident,
  literal,
  isNaN: (e) => `isnan(${e})`,
  isInfinite: (e) => `isinf(${e})`,
  fileRelation: (path, format) => (format === "parquet" ? `read_parquet(${literal(path)})` : `read_csv(${literal(path)}, header = true, auto_type_candidates = ['BIGINT', 'DOUBLE', 'VARCHAR'])`),
};

export const POSTGRES: Dialect = {
  name: "postgres",
  double: "DOUBLE PRECISION",
  text: "VARCHAR",
  ident,
  literal,
  isNaN: (e) => `(${e} = CAST('NaN' AS DOUBLE PRECISION))`,
  isInfinite: (e) => `(${e} IN (CAST('Infinity' AS DOUBLE PRECISION), CAST('-Infinity' AS DOUBLE PRECISION)))`,
  fileRelation: () => {
    throw new SurvinferError({
      code: "OPTION_CONFLICT",
      message: "the postgres engine reads tables, not files",
      hint: 'give the data as a query with --sql "SELECT ... FROM table", or use --engine duckdb for a file',
    });
  },
};
