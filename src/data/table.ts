/**
 * The columnar table every engine front door reads from. Numeric columns are Float64Array with NaN
 * for missing; categorical columns hold level codes (Int32Array, −1 = missing) into `levels`, which
 * are ordered as R's factor() orders them unless the spec says otherwise; dates are days since
 * 1970-01-01 (UTC, integral), NaN for missing.
 */
export interface NumericColumn {
  readonly kind: "numeric";
  readonly name: string;
  readonly values: Float64Array;
}

export interface CategoricalColumn {
  readonly kind: "categorical";
  readonly name: string;
  /** Level labels; code k means levels[k]. The first level is the reference. */
  readonly levels: readonly string[];
  /** One code per row, −1 for missing. */
  readonly codes: Int32Array;
  /**
   * Set (true) by type inference when an undeclared text column holds mostly numbers (≥ half of its
   * values): models refuse it as a covariate with many levels unless it is wrapped in factor().
   */
  readonly numericLooking?: boolean;
}

export interface DateColumn {
  readonly kind: "date";
  readonly name: string;
  /** Days since 1970-01-01 (UTC), NaN for missing. */
  readonly values: Float64Array;
}

export type Column = NumericColumn | CategoricalColumn | DateColumn;
export type ColumnKind = Column["kind"];

export interface Table {
  readonly nRows: number;
  readonly columns: readonly Column[];
  /** Where the data came from, for error messages. */
  readonly source: { readonly file: string; readonly sheet?: string };
  /** Row number as the user sees it in the file (header = 1, first data row = 2), per table row. */
  readonly rowNumbers: Int32Array;
  /** The column holding patient ids, when the user named one (checked unique and non-missing by readTable). */
  readonly idColumn?: string;
}

/** Looks up a column by exact name; undefined when absent. */
export function findColumn(table: Table, name: string): Column | undefined {
  return table.columns.find((c) => c.name === name);
}

/** Keeps the rows whose index is listed in `rows` (ascending), preserving source row numbers. */
export function selectRows(table: Table, rows: Int32Array): Table {
  const columns = table.columns.map((c): Column => {
    if (c.kind === "categorical") {
      const codes = new Int32Array(rows.length);
      for (let i = 0; i < rows.length; i++) codes[i] = c.codes[rows[i]];
      return { ...c, codes };
    }
    const values = new Float64Array(rows.length);
    for (let i = 0; i < rows.length; i++) values[i] = c.values[rows[i]];
    return { ...c, values };
  });
  const rowNumbers = new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i++) rowNumbers[i] = table.rowNumbers[rows[i]];
  const out: Table = { nRows: rows.length, columns, source: table.source, rowNumbers };
  return table.idColumn === undefined ? out : { ...out, idColumn: table.idColumn };
}
