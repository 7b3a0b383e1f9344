/**
 * Golden tests: spline bases in formulas against R (fixtures in test/fixtures/splines, written by
 * tools/oracle/splines.R with rms 6.5.0 rcs(), splines::ns() and splines::bs(), R 4.2.2). Column names,
 * kept rows and `assign` exactly; knots and basis columns to 1e-10 relative; new data evaluated with the
 * training knots as R's makepredictcall; a Cox fit on spline columns (interaction with a factor) to 1e-8.
 */
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { modelMatrix } from "../../src/formula/model-matrix.js";
import { coxph } from "../../src/survival/coxph.js";
import { tableFromFixture, type FixtureColumn } from "./table-from-fixture.js";
import { expectClose } from "../helpers/expect-close.js";

const dir = join(dirname(fileURLToPath(import.meta.url)), "..", "fixtures", "splines");

interface Fixture {
  call: string;
  packages: Record<string, string>;
  input: { formula: string; data: { columns: FixtureColumn[] }; newdata?: { columns: FixtureColumn[] } };
  expected: {
    columnNames: string[];
    x: number[];
    assign?: number[];
    rows: number[];
    nRows: number;
    bases?: { fn: string; knots: number[]; boundary?: number[] }[];
    newX?: number[];
    coef?: number[];
    var?: number[];
    loglik?: number[];
  };
}

function load(name: string): Fixture {
  return JSON.parse(readFileSync(join(dir, `${name}.json`), "utf8")) as Fixture;
}

const names = readdirSync(dir)
  .filter((f) => f.endsWith(".json"))
  .map((f) => f.slice(0, -5))
  .sort();
const TOL = { rel: 1e-10, abs: 1e-12 };

describe("spline terms agree with R (rms::rcs, splines::ns, splines::bs)", () => {
  it("has the 15 fixture cases of tools/oracle/splines.R", () => expect(names).toHaveLength(15));
  for (const name of names.filter((n) => !n.startsWith("cox-"))) {
    it(`${name}: column names, rows, knots and basis as R`, () => {
      const fx = load(name);
      expect(fx.packages.rms).toBe("6.5.0");
      const table = tableFromFixture(fx.input.data);
      const mm = modelMatrix(table, fx.input.formula);
      const e = fx.expected;
      expect(mm.columnNames).toEqual(e.columnNames);
      expect(mm.nRows).toBe(e.nRows);
      expect(Array.from(mm.rows, (r) => r + 1)).toEqual(e.rows);
      expect(mm.assign).toEqual(e.assign);
      const bases = Object.values(mm.bases);
      expect(bases.map((b) => b.kind)).toEqual((e.bases ?? []).map((b) => b.fn));
      bases.forEach((b, k) => {
        const r = (e.bases ?? [])[k];
        expectClose(b.knots, r.knots, TOL, `${name} knots ${k}`);
        if (r.boundary !== undefined) expectClose(b.boundary ?? [], r.boundary, TOL, `${name} boundary ${k}`);
      });
      expectClose(mm.x, e.x, TOL, `${name} x`);
      if (fx.input.newdata !== undefined && e.newX !== undefined) {
        const fresh = modelMatrix(tableFromFixture(fx.input.newdata), fx.input.formula, { bases: mm.bases });
        expect(fresh.columnNames).toEqual(e.columnNames);
        expectClose(fresh.x, e.newX, TOL, `${name} new data x`);
        // the new data's own range would give other knots: the training basis is what was used
        const own = modelMatrix(tableFromFixture(fx.input.newdata), fx.input.formula);
        expect(Array.from(own.x)).not.toEqual(Array.from(fresh.x));
      }
    });
  }
  for (const name of names.filter((n) => n.startsWith("cox-"))) {
    it(`${name}: coxph design matrix and fit as R`, () => {
      const fx = load(name);
      const table = tableFromFixture(fx.input.data);
      const res = coxph(table, fx.input.formula);
      const e = fx.expected;
      const mm = modelMatrix(table, fx.input.formula, { dropIntercept: true });
      expect(mm.columnNames).toEqual(e.columnNames);
      expect(Array.from(mm.rows, (r) => r + 1)).toEqual(e.rows);
      expectClose(mm.x, e.x, TOL, `${name} x`);
      expect(res.fit.columnNames).toEqual(e.columnNames);
      expectClose(res.fit.coef.map((c) => c ?? Number.NaN), e.coef ?? [], { rel: 1e-8 }, `${name} coef`);
      expectClose(res.fit.loglik, e.loglik ?? [], { rel: 1e-8 }, `${name} loglik`);
      expectClose(res.fit.var.flat(), e.var ?? [], { rel: 1e-8 }, `${name} var`);
    });
  }
});
