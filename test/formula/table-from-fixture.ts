/** Builds a Table from a model-matrix fixture's `data` (numeric values with null = NA; labels with level order). */
import type { Column, Table } from "../../src/data/table.js";

export type FixtureColumn =
  | { name: string; kind: "numeric"; values: (number | null)[] }
  | { name: string; kind: "categorical"; levels: string[]; labels: (string | null)[] };

export function tableFromFixture(data: { columns: FixtureColumn[] }): Table {
  const columns: Column[] = data.columns.map((c) => {
    if (c.kind === "numeric") return { kind: "numeric", name: c.name, values: Float64Array.from(c.values, (v) => (v === null ? Number.NaN : v)) };
    return { kind: "categorical", name: c.name, levels: c.levels, codes: Int32Array.from(c.labels, (l) => (l === null ? -1 : c.levels.indexOf(l))) };
  });
  const n = data.columns[0].kind === "numeric" ? data.columns[0].values.length : data.columns[0].labels.length;
  return { nRows: n, columns, source: { file: "fixture.csv" }, rowNumbers: Int32Array.from({ length: n }, (_, i) => i + 2) };
}
