/** Hand-computed Table 1 on a tiny cohort, the documented rules, errors and the side-by-side layout. */
import { describe, expect, it } from "vitest";
import type { Table } from "../../src/data/table.js";
import { SurvinferError } from "../../src/errors.js";
import { formatP, table1, table1SideBySide, toFixedR, weightedQuantile, type Table1CategoricalRow, type Table1ContinuousRow } from "../../src/report/table1.js";
import { reportTableToCsvRows, toCsv } from "../../src/report/csv.js";
import { expectClose } from "../helpers/expect-close.js";

// 8 patients, unsorted, one missing age and one missing group
const table: Table = {
  nRows: 8,
  columns: [
    { kind: "numeric", name: "age", values: Float64Array.from([60, 50, Number.NaN, 70, 40, 55, 65, 45]) },
    { kind: "categorical", name: "sex", levels: ["female", "male"], codes: Int32Array.from([0, 1, 1, 0, 0, 1, -1, 0]) },
    { kind: "numeric", name: "grade", values: Float64Array.from([1, 2, 3, 1, 2, 2, 3, 1]) },
    { kind: "date", name: "dx", values: new Float64Array(8) },
  ],
  source: { file: "tiny.csv" },
  rowNumbers: Int32Array.from({ length: 8 }, (_, i) => i + 2),
};
const by = { codes: Int32Array.from([1, 0, 1, 1, 0, 0, 1, -1]), levels: ["no", "yes"] as [string, string] };

describe("table1 on a hand-computed cohort", () => {
  const r = table1({ table, by, variables: [{ name: "age", kind: "continuous", summary: "mean" }, { name: "sex", kind: "categorical" }, { name: "grade", kind: "categorical" }] });

  it("leaves out rows with a missing group and says so", () => {
    expect(r.nMissingGroup).toBe(1);
    expect(r.warnings).toContain("1 row(s) with a missing group left out of Table 1");
    expect(r.groups.map((g) => g.n)).toEqual([3, 4, 7]);
  });

  it("summarises a continuous variable per group with its missing count", () => {
    const age = r.rows[0] as Table1ContinuousRow;
    // no: 50, 40, 55 → mean 48.33…, sd √(( 2.78 + 69.4 + 44.4)/2); yes: 60, 70, 65 (one missing) → 65 (5)
    expectClose(age.groups[0].mean, 145 / 3, { rel: 1e-14 }, "mean no");
    expectClose(age.groups[0].sd, Math.sqrt(((50 - 145 / 3) ** 2 + (40 - 145 / 3) ** 2 + (55 - 145 / 3) ** 2) / 2), { rel: 1e-14 }, "sd no");
    expect(age.groups[1]).toMatchObject({ n: 3, missing: 1, mean: 65, sd: 5, median: 65, q1: 62.5, q3: 67.5 });
    expect(age.test).toBe("welch-t");
  });

  it("gives n (%) of the non-missing patients and counts missing values per group", () => {
    const sex = r.rows[1] as Table1CategoricalRow;
    // no: male, female, male → female 1 (33.3 %); yes: female, male, female, missing → female 2 of 3
    expect(sex.levels[0].counts).toEqual([1, 2, 3]);
    expectClose(sex.levels[0].percents, [100 / 3, 200 / 3, 50], { rel: 1e-14 }, "percents");
    expect(sex.missing).toEqual([0, 1, 1]);
  });

  it("describes a numeric column as categorical with levels sorted as factor() does, and picks Fisher's test for small expected counts", () => {
    const grade = r.rows[2] as Table1CategoricalRow;
    expect(grade.levels.map((l) => l.level)).toEqual(["1", "2", "3"]);
    expect(grade.test).toBe("fisher");
    expect(grade.minExpected).toBeLessThan(5);
    expect(r.footnotes.join(" ")).toMatch(/Fisher's exact test when any expected count is below 5/);
  });

  it("states the SMD formula in a footnote", () => {
    expect(r.footnotes.some((f) => f.startsWith("SMD: SMD = (x̄₁ʷ − x̄₀ʷ)/σ"))).toBe(true);
  });
});

describe("table1 rules and options", () => {
  it('shows median [IQR] under summary "auto" only when |skewness| > 1', () => {
    const skewed: Table = { ...table, columns: [{ kind: "numeric", name: "x", values: Float64Array.from([1, 1, 1, 1, 2, 1, 30, 1]) }, { kind: "numeric", name: "y", values: Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8]) }] };
    const r = table1({ table: skewed, by, variables: [{ name: "x", kind: "continuous" }, { name: "y", kind: "continuous" }] });
    expect((r.rows[0] as Table1ContinuousRow).summary).toBe("median");
    expect(r.rows[0].test).toBe("wilcoxon");
    expect((r.rows[1] as Table1ContinuousRow).summary).toBe("mean");
  });

  it("dichotomises a numeric column at a cutoff", () => {
    const r = table1({ table, by, variables: [{ name: "age", kind: "categorical", cutoff: 52 }] });
    const row = r.rows[0] as Table1CategoricalRow;
    expect(row.label).toBe("age > 52");
    expect(row.levels.map((l) => l.level)).toEqual(["≤ 52", "> 52"]);
    expect(row.levels[1].counts).toEqual([1, 3, 4]);
  });

  it("categoricalTest 'chisq' forces the chi-squared test", () => {
    const r = table1({ table, by, variables: [{ name: "grade", kind: "categorical" }] }, { categoricalTest: "chisq" });
    expect(r.rows[0].test).toBe("chisq");
  });

  it("weighted tables have no p-values, say why, and report Kish's ESS per group", () => {
    const weights = [1, 2, 1, 1, 0, 1, 3, 1];
    const r = table1({ table, by, variables: [{ name: "age", kind: "continuous", summary: "mean" }, { name: "sex", kind: "categorical" }], weights });
    expect(r.rows.every((row) => row.p === null && row.test === null)).toBe(true);
    expect(r.footnotes.some((f) => f.startsWith("No p-values are given for the matched or weighted samples"))).toBe(true);
    // no: rows 1, 4 (w 0), 5 → n = 2, Σw = 3, ESS = 9/5; yes: rows 0, 2, 3, 6 → Σw = 6, Σw² = 12, ESS = 3
    expect(r.groups[0]).toMatchObject({ n: 2, sumWeights: 3 });
    expectClose(r.groups[0].ess, 9 / 5, { rel: 1e-14 }, "ESS no");
    expectClose(r.groups[1].ess, 3, { rel: 1e-14 }, "ESS yes");
    const age = r.rows[0] as Table1ContinuousRow;
    expectClose(age.groups[0].mean, (2 * 50 + 55) / 3, { rel: 1e-14 }, "weighted mean");
    const sex = r.rows[1] as Table1CategoricalRow;
    expect(sex.levels[0].counts).toEqual([0, 2, 2]); // weighted counts Σw (the female control has w = 0)
  });

  it("weightedQuantile inverts the weighted ECDF as survey's qrule = 'math'", () => {
    expect(weightedQuantile([1, 2, 3, 4], [1, 1, 1, 1], 0.5)).toBe(2);
    expect(weightedQuantile([3, 1, 2], [1, 1, 2], 0.5)).toBe(2);
    expect(weightedQuantile([1, 2, 3], [10, 1, 1], 0.25)).toBe(1);
    expect(weightedQuantile([1, 2, 3], [0, 1, 1], 0.25)).toBe(2);
  });

  it("throws typed errors for an unknown column, a text column declared continuous, a date column and an empty group", () => {
    const code = (f: () => unknown): string => {
      try {
        f();
      } catch (e) {
        return e instanceof SurvinferError ? e.code : "other";
      }
      return "none";
    };
    expect(code(() => table1({ table, by, variables: [{ name: "nope", kind: "continuous" }] }))).toBe("DATA_UNKNOWN_COLUMN");
    expect(code(() => table1({ table, by, variables: [{ name: "sex", kind: "continuous" }] }))).toBe("OPTION_INVALID");
    expect(code(() => table1({ table, by, variables: [{ name: "dx", kind: "continuous" }] }))).toBe("OPTION_INVALID");
    expect(code(() => table1({ table, by: { ...by, codes: Int32Array.from([1, 1, 1, 1, 1, 1, 1, -1]) }, variables: [{ name: "age", kind: "continuous" }] }))).toBe("DATA_EMPTY_GROUP");
    expect(code(() => table1({ table, by, variables: [{ name: "age", kind: "continuous" }], weights: [1, 1, 1, 1, 1, 1, -1, 1] }))).toBe("DATA_INVALID_WEIGHT");
  });
});

describe("table1SideBySide", () => {
  const variables = [{ name: "age", kind: "continuous" as const, summary: "mean" as const }, { name: "sex", kind: "categorical" as const }];
  const un = table1({ table, by, variables });
  const wt = table1({ table, by, variables, weights: [1, 2, 1, 1, 0.5, 1, 3, 1] });
  const layout = table1SideBySide([{ title: "Unadjusted", result: un }, { title: "IPTW", result: wt }]);

  it("spans the panel titles over their columns and shows n or ESS in the group headers", () => {
    expect(layout.headers[0]).toEqual(["", { text: "Unadjusted", span: 4 }, { text: "IPTW", span: 3 }]);
    expect(layout.headers[1]).toEqual(["Characteristic", "no (n = 3)", "yes (n = 4)", "p", "SMD", `no (n = 3; ESS = ${wt.groups[0].ess.toFixed(1)})`, `yes (n = 4; ESS = ${wt.groups[1].ess.toFixed(1)})`, "SMD"]);
    expect(layout.columns.filter((c) => c.kind === "p")).toHaveLength(1);
  });

  it("lays out one row per continuous variable, a header row and indented level rows per categorical variable, and missing rows", () => {
    expect(layout.rows.map((r) => r[0])).toEqual(["age, mean (SD)", "missing", "sex, n (%)", "female", "male", "missing"]);
    expect(layout.indented).toEqual([false, true, false, true, true, true]);
    expect(layout.rows[0].slice(1, 3)).toEqual(["48.3 (7.6)", "65.0 (5.0)"]);
    expect(layout.rows[3].slice(1, 3)).toEqual(["1 (33.3)", "2 (66.7)"]);
    for (const r of layout.rows) expect(r.length).toBe(8);
  });

  it("merges the panels' footnotes and exports to CSV", () => {
    expect(layout.footnotes.some((f) => f.startsWith("No p-values"))).toBe(true);
    expect(toCsv(reportTableToCsvRows(layout))).toContain(",Unadjusted,,,,IPTW,,\r\n");
  });

  it("refuses panels that describe different variables", () => {
    const other = table1({ table, by, variables: [variables[0]] });
    expect(() => table1SideBySide([{ title: "a", result: un }, { title: "b", result: other }])).toThrow(SurvinferError);
  });

  it("formats p-values as < 0.001 or with 3 decimals", () => {
    expect(formatP(0.0004)).toBe("< 0.001");
    expect(formatP(0.04567)).toBe("0.046");
    expect(formatP(null)).toBe("");
  });
});

describe("toFixedR", () => {
  it("rounds exact binary halves to even as R's sprintf does, and everything else as toFixed", () => {
    expect(toFixedR(145.25, 1)).toBe("145.2"); // exact tie → even (R: sprintf("%.1f", 145.25) = "145.2")
    expect(toFixedR(7.25, 1)).toBe("7.2");
    expect(toFixedR(7.75, 1)).toBe("7.8");
    expect(toFixedR(0.5, 0)).toBe("0");
    expect(toFixedR(2.5, 0)).toBe("2");
    expect(toFixedR(-2.5, 0)).toBe("-2");
    expect(toFixedR(0.15, 1)).toBe("0.1"); // 0.15 is 0.1499999… in binary: not a tie
    expect(toFixedR(1.005, 2)).toBe("1.00");
    expect(toFixedR(3.14159, 2)).toBe("3.14");
  });
});
