/**
 * Golden tests of table1() against tools/oracle/table1.R (base R summaries and tests, cobalt SMDs restated
 * in base R, survey::svyquantile(qrule = "math") for weighted quantiles) on MatchIt's lalonde and the
 * bundled lms-metastasectomy cohort, unweighted, IPTW-weighted and as a 0/1-weighted (matched-like) sample.
 * Tolerances: counts and test choice exact; summaries, percentages, p-values and SMDs 1e-10 relative
 * (closed forms; abs floor 1e-12 for values near 0).
 */
import { describe, expect, it } from "vitest";
import { table1, type Table1CategoricalRow, type Table1ContinuousRow, type Table1Variable } from "../../src/report/table1.js";
import { tableFromFixture, type FixtureColumn } from "../formula/table-from-fixture.js";
import { expectClose } from "../helpers/expect-close.js";
import { listFixtures, loadFixture } from "../helpers/fixtures.js";

interface Input {
  data: { columns: FixtureColumn[] };
  by: { codes: number[]; levels: [string, string] };
  variables: Table1Variable[];
  weights: number[] | null;
}
interface ExpStats {
  n: number;
  missing: number;
  mean: number;
  sd: number;
  median: number;
  q1: number;
  q3: number;
}
type ExpRow =
  | { kind: "continuous"; variable: string; summary: string; skewness: number; groups: ExpStats[]; test: string | null; p: number | null; smd: number }
  | { kind: "categorical"; variable: string; levels: { level: string; counts: number[]; percents: number[]; smd: number | null }[]; missing: number[]; test: string | null; p: number | null; minExpected: number | null; smd: number };
interface Expected {
  groups: { name: string; n: number; sumWeights: number; ess: number }[];
  rows: ExpRow[];
}

const tol = { rel: 1e-10, abs: 1e-12 };

describe("table1 equals the base-R Table 1 (tools/oracle/table1.R)", () => {
  for (const name of listFixtures("table1", 5)) {
    it(`${name}`, () => {
      const f = loadFixture<Input, Expected>("table1", name);
      const table = tableFromFixture(f.input.data);
      const r = table1({
        table,
        by: { codes: Int32Array.from(f.input.by.codes), levels: f.input.by.levels },
        variables: f.input.variables,
        ...(f.input.weights === null ? {} : { weights: f.input.weights }),
      });
      r.groups.forEach((g, k) => {
        expect(g.name).toBe(f.expected.groups[k].name);
        expect(g.n).toBe(f.expected.groups[k].n);
        expectClose(g.sumWeights, f.expected.groups[k].sumWeights, tol, `${name} group ${k} Σw`);
        expectClose(g.ess, f.expected.groups[k].ess, tol, `${name} group ${k} ESS`);
      });
      expect(r.rows.length).toBe(f.expected.rows.length);
      f.expected.rows.forEach((e, i) => {
        const row = r.rows[i];
        const label = `${name} ${e.variable}#${i}`;
        expect(row.kind, label).toBe(e.kind);
        expect(row.test, `${label} test`).toBe(e.test);
        if (e.p === null) expect(row.p).toBeNull();
        else expectClose(row.p, e.p, tol, `${label} p`);
        expectClose(row.smd, e.smd, tol, `${label} smd`);
        if (e.kind === "continuous") {
          const c = row as Table1ContinuousRow;
          expect(c.summary, `${label} summary`).toBe(e.summary);
          expectClose(c.skewness, e.skewness, tol, `${label} skewness`);
          e.groups.forEach((s, g) => {
            expect(c.groups[g].n, `${label} n[${g}]`).toBe(s.n);
            expect(c.groups[g].missing, `${label} missing[${g}]`).toBe(s.missing);
            for (const key of ["mean", "sd", "median", "q1", "q3"] as const) expectClose(c.groups[g][key], s[key], tol, `${label} ${key}[${g}]`);
          });
        } else {
          const c = row as Table1CategoricalRow;
          expect([...c.missing], `${label} missing`).toEqual(e.missing);
          if (e.minExpected === null) expect(c.minExpected).toBeNull();
          else expectClose(c.minExpected, e.minExpected, tol, `${label} minExpected`);
          expect(c.levels.length).toBe(e.levels.length);
          e.levels.forEach((lv, l) => {
            if (f.input.variables[i].cutoff === undefined) expect(c.levels[l].level).toBe(lv.level);
            expectClose(c.levels[l].counts, lv.counts, tol, `${label} counts[${l}]`);
            expectClose(c.levels[l].percents, lv.percents, tol, `${label} percents[${l}]`);
            expectClose(c.levels[l].smd, lv.smd, tol, `${label} level smd[${l}]`);
          });
        }
      });
    });
  }
});
