/**
 * Golden tests: design matrices, kept rows, responses and strata against R
 * (fixtures written by tools/oracle/model-matrix.R: model.matrix(...) and coxph(..., x = TRUE)$x).
 * Column names and counts must match exactly; values to 1e-13 relative (fixtures hold 15 digits).
 */
import { describe, expect, it } from "vitest";
import { modelMatrix } from "../../src/formula/model-matrix.js";
import { tableFromFixture, type FixtureColumn } from "./table-from-fixture.js";
import { expectClose } from "../helpers/expect-close.js";
import { listFixtures, loadFixture } from "../helpers/fixtures.js";

interface Input {
  formula: string;
  data: { columns: FixtureColumn[] };
  options: { reference?: Record<string, string>; dropIntercept?: boolean };
}

interface Expected {
  columnNames: string[];
  x: number[];
  assign: number[];
  rows: number[];
  nRows: number;
  time?: number[];
  start?: number[];
  status?: number[];
  strataLevels?: string[];
  strataCodes?: number[];
  clusterLevels?: string[];
  clusterCodes?: number[];
  offset?: number[];
}

describe("modelMatrix agrees with R's model.matrix / coxph X", () => {
  for (const name of listFixtures("model-matrix", 24)) {
    it(`${name}: names, rows and values as R`, () => {
      const fx = loadFixture<Input, Expected>("model-matrix", name);
      const table = tableFromFixture(fx.input.data);
      const mm = modelMatrix(table, fx.input.formula, { reference: fx.input.options.reference ?? undefined, dropIntercept: fx.input.options.dropIntercept ?? false });
      const e = fx.expected;
      expect(mm.columnNames).toEqual(e.columnNames);
      expect(mm.nRows).toBe(e.nRows);
      expect(Array.from(mm.rows, (r) => r + 1)).toEqual(e.rows);
      expect(mm.assign).toEqual(e.assign);
      expect(mm.nDropped).toBe(table.nRows - e.nRows);
      expectClose(mm.x, e.x, { rel: 1e-13 }, `${name} x`);
      if (e.time !== undefined) {
        if (mm.response?.kind !== "Surv") throw new Error("expected a Surv response");
        expectClose(mm.response.time, e.time, { rel: 1e-13 }, "time");
        expect(Array.from(mm.response.status)).toEqual(e.status);
        if (e.start !== undefined) expectClose(mm.response.start as Float64Array, e.start, { rel: 1e-13 }, "start");
      }
      if (e.strataLevels !== undefined) {
        expect(mm.strata?.levels).toEqual(e.strataLevels);
        expect(Array.from(mm.strata?.codes ?? [], (c) => c + 1)).toEqual(e.strataCodes);
      }
      if (e.clusterLevels !== undefined) {
        expect(mm.cluster?.levels).toEqual(e.clusterLevels);
        expect(Array.from(mm.cluster?.codes ?? [], (c) => c + 1)).toEqual(e.clusterCodes);
      }
      if (e.offset !== undefined) expectClose(mm.offset as Float64Array, e.offset, { rel: 1e-13 }, "offset");
    });
  }
});
