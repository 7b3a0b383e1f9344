/**
 * Golden tests of src/stats against base R (fixtures from tools/oracle/tests.R): t.test(var.equal = FALSE),
 * wilcox.test (exact/normal rule, ties, continuity correction), chisq.test (Yates for 2 × 2) and fisher.test.
 * Each fixture records the exact R call. Tolerances: p-values and statistics 1e-10 relative (closed forms;
 * the t quantile in the CI limits 1e-8).
 */
import { describe, expect, it } from "vitest";
import { chisqTest, fisherExact, welchTTest, wilcoxonRankSum } from "../../src/stats/index.js";
import { expectClose } from "../helpers/expect-close.js";
import { listFixtures, loadFixture } from "../helpers/fixtures.js";

const toNumbers = (v: (number | null)[]): number[] => v.map((x) => (x === null ? Number.NaN : x));
const cases = listFixtures("tests", 28);

interface TwoSample {
  x: (number | null)[];
  y: (number | null)[];
}

describe("welchTTest equals R's t.test(var.equal = FALSE)", () => {
  for (const name of cases.filter((c) => c.startsWith("welch-"))) {
    it(`${name}`, () => {
      const f = loadFixture<TwoSample, Record<string, number>>("tests", name);
      const r = welchTTest(toNumbers(f.input.x), toNumbers(f.input.y));
      for (const key of ["statistic", "df", "p", "meanX", "meanY", "stdErr"] as const) {
        expectClose(r[key], f.expected[key], { rel: 1e-10 }, `${name} ${key}`);
      }
      expectClose(r.lower, f.expected.lower, { rel: 1e-10 }, `${name} lower`);
      expectClose(r.upper, f.expected.upper, { rel: 1e-10 }, `${name} upper`);
      expect(r.warnings).toEqual([]);
    });
  }
});

describe("wilcoxonRankSum equals R's wilcox.test", () => {
  for (const name of cases.filter((c) => c.startsWith("wilcoxon-"))) {
    it(`${name}`, () => {
      const f = loadFixture<TwoSample, { statistic: number; p: number; method: string }>("tests", name);
      const r = wilcoxonRankSum(toNumbers(f.input.x), toNumbers(f.input.y));
      expect(r.statistic).toBe(f.expected.statistic);
      expectClose(r.p, f.expected.p, { rel: 1e-10 }, `${name} p`);
      expect(r.method).toBe(f.expected.method);
    });
  }
});

interface TableCase {
  table: number[][];
}
interface TableExpected {
  chisq: { statistic: number; df: number; p: number; method: string; expected: number[][] };
  fisher: { p: number };
}

describe("chisqTest and fisherExact equal R's chisq.test and fisher.test", () => {
  for (const name of cases.filter((c) => c.startsWith("table-"))) {
    it(`${name}`, () => {
      const f = loadFixture<TableCase, TableExpected>("tests", name);
      const c = chisqTest(f.input.table);
      expectClose(c.statistic, f.expected.chisq.statistic, { rel: 1e-10 }, `${name} chisq statistic`);
      expect(c.df).toBe(f.expected.chisq.df);
      expectClose(c.p, f.expected.chisq.p, { rel: 1e-10 }, `${name} chisq p`);
      expect(c.method).toBe(f.expected.chisq.method);
      c.expected.forEach((row, i) => expectClose(row, f.expected.chisq.expected[i], { rel: 1e-12 }, `${name} expected row ${i}`));
      expectClose(fisherExact(f.input.table).p, f.expected.fisher.p, { rel: 1e-10 }, `${name} fisher p`);
    });
  }
});
