/**
 * Issue 13, item 2: one SMD convention per comparison, stated once and correctly. On the example study:
 * every balance number (Table 1's SMD columns, the balance table, the Love plot, the verdict) uses one
 * denominator — the pooled SD of the unadjusted complete-case sample (n = 56) — before and after matching
 * and weighting; binary terms are standardised by default (Austin 2009) or raw on request
 * (`analyses.propensity.balance.binary: raw`); SMD, VR and KS equal base-R statements of cobalt's
 * definitions (tools/oracle/balance-study.R, fixtures test/fixtures/r/balance-study) to 1e-10; the words
 * in captions and methods come from the options in force.
 */
import { describe, expect, it } from "vitest";
import { buildReportModel } from "../../src/report/render.js";
import { covariateBalanceTable } from "../../src/report/tables.js";
import type { BalanceRow } from "../../src/causal/balance.js";
import type { StudyResults } from "../../src/study/run.js";
import { expectClose } from "../helpers/expect-close.js";
import { loadFixture } from "../helpers/fixtures.js";
import { base, DELETE, patched, runSpecRaw } from "./options-honoured-harness.js";

interface Row {
  variable: string;
  smd: number;
  varianceRatio: number | null;
  ks: number;
}
interface Expected {
  before: Row[];
  matched: Row[];
  weighted: Row[];
}
interface Input {
  n: number;
  nTreated: number;
  matchedIds: number[];
}

const P = "analyses.propensity";
const runs = new Map<string, StudyResults>();
function run(binary: "standardized" | "raw" | null): StudyResults {
  const key = String(binary);
  let r = runs.get(key);
  if (r === undefined) {
    r = runSpecRaw(binary === null ? base() : patched(base(), { [`${P}.balance`]: { binary } }));
    runs.set(key, r);
  }
  return r;
}

function compareRows(actual: readonly BalanceRow[], expected: readonly Row[], what: string): void {
  expect(actual.map((r) => r.variable)).toEqual(expected.map((r) => r.variable));
  expected.forEach((e, i) => {
    const a = actual[i];
    expectClose(a.smd, e.smd, { rel: 1e-10, abs: 1e-12 }, `${what} ${e.variable} SMD`);
    expectClose(a.ks, e.ks, { rel: 1e-10, abs: 1e-12 }, `${what} ${e.variable} KS`);
    if (e.varianceRatio === null) expect(a.varianceRatio, `${what} ${e.variable}: no VR for a binary term`).toBeNull();
    else expectClose(a.varianceRatio as number, e.varianceRatio, { rel: 1e-10 }, `${what} ${e.variable} VR`);
  });
}

describe("one SMD convention per comparison (example study)", () => {
  for (const mode of ["std", "raw"] as const) {
    it(`binary ${mode}: unadjusted, matched and weighted SMD, VR and KS equal cobalt's definitions in base R (1e-10)`, () => {
      const fx = loadFixture<Input, Expected>("balance-study", `example-study-binary-${mode}`);
      const r = run(mode === "std" ? null : "raw");
      const a = r.analyses.propensity!.analysis;
      expect(a.n).toBe(fx.input.n);
      expect(a.nTreated).toBe(fx.input.nTreated);
      compareRows(a.balanceBefore.before, fx.expected.before, "unadjusted");
      compareRows(a.matching!.balance.after!, fx.expected.matched, "matched");
      compareRows(a.weighting!.balance.after!, fx.expected.weighted, "weighted");
      // the same unadjusted values in every balance table: one denominator for the comparison
      compareRows(a.matching!.balance.before, fx.expected.before, "matched table, unadjusted");
      compareRows(a.weighting!.balance.before, fx.expected.before, "weighted table, unadjusted");
    });
  }

  it("binary terms are standardised by default: after matching, sex shows its standardised difference (−0.91), not the raw one", () => {
    const std = run(null).analyses.propensity!.analysis.matching!.balance.after!.find((x) => x.variable === "sex_male")!;
    const raw = run("raw").analyses.propensity!.analysis.matching!.balance.after!.find((x) => x.variable === "sex_male")!;
    expect(std.standardized).toBe(true);
    // tolerance: 0.0005, the reference SMDs are the 3-decimal values printed by cobalt / tableone
    expect(std.smd).toBeCloseTo(-0.915, 3);
    expect(raw.standardized).toBe(false);
    // tolerance: 0.0005, a 3-decimal reference value as above
    expect(raw.smd).toBeCloseTo(-0.455, 3);
  });

  it("Table 1's SMD columns equal the balance table's: same patients (complete cases, n = 56) and denominators", () => {
    const r = run(null);
    const t1 = r.analyses.table1!;
    const a = r.analyses.propensity!.analysis;
    const pairs: [typeof t1.unadjusted, readonly BalanceRow[]][] = [
      [t1.unadjusted, a.balanceBefore.before],
      [t1.matched!, a.matching!.balance.after!],
      [t1.weighted!, a.weighting!.balance.after!],
    ];
    for (const [panel, rows] of pairs) {
      expect(panel.balance!.sample.n).toBe(56);
      for (const row of panel.rows) {
        if (row.kind === "continuous") {
          const b = rows.find((x) => x.covariate === row.variable)!;
          expect(row.smd, row.variable).toBe(b.smd);
        } else {
          for (const lv of row.levels) {
            const b = rows.find((x) => x.covariate === row.variable && x.level === lv.level);
            if (b !== undefined && lv.smd !== null) expect(lv.smd, `${row.variable}: ${lv.level}`).toBe(b.smd);
          }
        }
      }
      expect(panel.footnotes.join(" ")).toContain("SMDs on the patients with complete propensity covariates (n = 56");
    }
    // n_lung_mets: one unadjusted SMD everywhere (it was −0.51 / 0.74 / −0.85 with three conventions)
    const nl = (t1.unadjusted.rows.find((x) => x.variable === "n_lung_mets")!).smd;
    expect(nl).toBe(a.balanceBefore.before.find((x) => x.variable === "n_lung_mets")!.smd);
    expect(nl).toBe(a.matching!.balance.before.find((x) => x.variable === "n_lung_mets")!.smd);
  });

  it("without a propensity section, Table 1's SMDs use the same defaults (binary standardised, pooled SD) on every patient", () => {
    const r = runSpecRaw(patched(base(), { [P]: DELETE }));
    const b = r.analyses.table1!.unadjusted.balance!;
    expect(b.options.binary).toBe("std");
    expect(b.options.sdDenominator).toBe("pooled");
    expect(b.sample.n).toBe(64);
    expect(r.analyses.table1!.unadjusted.footnotes.join(" ")).not.toContain("complete propensity covariates");
    expect(r.analyses.table1!.unadjusted.footnotes.join(" ")).toContain("s² = p(1 − p)");
  });

  it("the verdict names the imbalanced terms and counts them; thresholds come from the spec", () => {
    const r = run(null);
    const b = r.analyses.propensity!.balance;
    expect(b.options).toEqual({ binary: "standardized", denominator: "pooled", thresholds: { smd: 0.1, varianceRatio: 2, ks: null } });
    const matched = b.verdicts.find((v) => v.sample === "matched")!;
    const rows = r.analyses.propensity!.analysis.matching!.balance.after!;
    const failing = rows.filter((x) => Math.abs(x.smd) >= 0.1 || (x.varianceRatio !== null && (x.varianceRatio >= 2 || x.varianceRatio <= 0.5)));
    expect(matched.nImbalanced).toBe(failing.length);
    expect(matched.nTerms).toBe(rows.length);
    expect(matched.text).toContain(`After matching (n = ${matched.n}), ${failing.length} of ${rows.length} covariate terms remain imbalanced`);
    expect(matched.text).toContain("Sex: male (SMD −0.91)");
    const loose = runSpecRaw(patched(base(), { [`${P}.balance.thresholds`]: { smd: 1, varianceRatio: null } }));
    const v = loose.analyses.propensity!.balance.verdicts.find((x) => x.sample === "matched")!;
    expect(v.nImbalanced).toBe(0);
    expect(v.text).toMatch(/^After matching \(n = \d+\), all 8 covariate terms are balanced \(\|SMD\| < 1\)\./);
    // … yet the largest |SMD| grew (0.74 → 0.91): the verdict says that matching made balance worse (issue 19)
    expect(v.text).toContain("Matching made covariate balance worse than no adjustment");
  });

  it("the balance table shows SMD, VR and KS for every sample with its n, and where each term is imbalanced", () => {
    const p = run(null).analyses.propensity!;
    const t = covariateBalanceTable(p, (r) => r.variable);
    expect(t.headers[0]).toEqual(["", { text: "Unadjusted (n = 56)", span: 3 }, { text: "Matched (n = 22)", span: 3 }, { text: "IPTW (ATE) (n = 56)", span: 3 }, ""]);
    expect(t.headers[1]).toEqual(["Covariate", "SMD", "VR", "KS", "SMD", "VR", "KS", "SMD", "VR", "KS", "Imbalanced in"]);
    const sex = t.rows.find((r) => r[0] === "sex_male")!;
    expect(sex.slice(4, 7)).toEqual(["\u22120.91", "–", "0.45"]); // a true minus, as every negative number of the report
    expect(sex[10]).toBe("Matched, IPTW (ATE)");
    const age = t.rows.find((r) => r[0] === "age_primary")!;
    // age is balanced on the SMD everywhere but its variance ratio is outside 0.5–2 in every sample
    expect(age[10]).toBe("Unadjusted, Matched, IPTW (ATE)");
    expect(t.footnotes!.join(" ")).toContain("from the 56 patients with complete propensity covariates (40 treated, 16 untreated)");
  });

  it("captions, balance table and methods text state the formula of the options in force", () => {
    const html = (binary: "standardized" | "raw" | null): string => JSON.stringify(buildReportModel(run(binary)));
    const std = html(null);
    const raw = html("raw");
    expect(std).toContain("binary variables (p₁ − p₀)/σ with s² = p(1 − p)");
    expect(std).not.toContain("raw differences in proportions");
    expect(raw).toContain("binary variables as raw differences in proportions");
    expect(raw).not.toContain("s² = p(1 − p)");
    for (const text of [std, raw]) {
      expect(text).toContain("Covariate balance");
      expect(text).toContain("the same before and after adjustment");
      expect(text).toContain("all on the 56 patients with complete propensity covariates");
      expect(text).toContain("|SMD| < 0.1 and variance ratio within 0.50–2");
      expect(text).toContain("After matching (n = ");
    }
  });
});
