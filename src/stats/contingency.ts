/** Shared helpers for r × c contingency tables given as rows of counts. */

export interface Margins {
  readonly nRow: number;
  readonly nCol: number;
  readonly rowSums: number[];
  readonly colSums: number[];
  readonly total: number;
}

/** Row and column sums of a rectangular table of non-negative counts. */
export function margins(table: readonly (readonly number[])[]): Margins {
  const nRow = table.length;
  const nCol = nRow === 0 ? 0 : table[0].length;
  const rowSums = new Array<number>(nRow).fill(0);
  const colSums = new Array<number>(nCol).fill(0);
  let total = 0;
  for (let i = 0; i < nRow; i++) {
    for (let j = 0; j < nCol; j++) {
      const v = table[i][j];
      rowSums[i] += v;
      colSums[j] += v;
      total += v;
    }
  }
  return { nRow, nCol, rowSums, colSums, total };
}

/** Problems with a table given to a test, as a message, or null when it is a valid table of counts. */
export function tableProblem(table: readonly (readonly number[])[], integer: boolean): string | null {
  if (table.length < 2) return "the table needs at least 2 rows";
  const nCol = table[0].length;
  if (nCol < 2) return "the table needs at least 2 columns";
  for (const row of table) {
    if (row.length !== nCol) return "the table is not rectangular";
    for (const v of row) {
      if (!Number.isFinite(v) || v < 0) return `the table holds an invalid count (${v})`;
      if (integer && !Number.isInteger(v)) return `the table holds a non-integer count (${v})`;
    }
  }
  return null;
}
