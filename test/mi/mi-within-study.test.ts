// The study runs its propensity analyses within each imputation (spec missing: { method: mi }) and pools
// them (src/study/mi-within.ts, Leyrat 2019): every HR of the treatment-effect table, the balance averaged
// over the imputations and the standardised survival / RMST contrasts; the report and the methods say so.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runExampleVariant, withoutLongTerm, type ExampleSpec } from "../report/render-study.js";
import { missingDataSection } from "../../src/report/sections-missing.js";
import { methodsText } from "../../src/report/methods-text.js";
import { buildReportModel } from "../../src/report/render.js";
import type { SectionContext } from "../../src/report/sections-long-term.js";
import { poolRubin } from "../../src/mi/pool.js";
import { expectClose } from "../helpers/expect-close.js";

const dir = mkdtempSync(join(tmpdir(), "survinfer-mi-within-"));
function variant(name: string, primary: "mi" | "complete-case", declare?: string) {
  return runExampleVariant(dir, name, (spec: ExampleSpec) => {
    withoutLongTerm(spec);
    for (const k of ["sensitivity", "table1"]) delete spec.analyses[k];
    spec.analyses.immortalTime = false as unknown as Record<string, unknown>;
    spec.analyses.adjustedCurves = { times: [12, 36], estimators: ["gformula", "aipw"] } as unknown as Record<string, unknown>;
    if (declare !== undefined) (spec.analyses as Record<string, unknown>).primary = declare;
    (spec as Record<string, unknown>).missing = { method: "mi", m: 5, iterations: 5, seed: 3, primary };
    // every HR of the table pooled, the covariate-adjusted ones too (EPV 2.6–3.3: refused at the default floor of 5)
    (spec.analyses as Record<string, unknown>).safeguards = { epvFloor: 0 };
  });
}
const ctx: SectionContext = { table: (id, table) => ({ kind: "table", id, table }), figure: (figure) => ({ kind: "figure", figure }), timeUnit: () => undefined, byLabel: (b) => b };

describe("missing: { method: mi } with a propensity analysis: the within approach", () => {
  const res = variant("within", "complete-case");
  const mi = res.analyses.missing!;
  const w = mi.within!;
  const cc = res.analyses.effects!;

  it("imputes the propensity covariates too, and pools every HR of the treatment-effect table over the 5 imputations", () => {
    expect(w).not.toBeNull();
    expect(w.approach).toBe("within");
    expect(mi.variables).toEqual(expect.arrayContaining(["age_primary", "primary_size_mm", "n_lung_mets", "metastasectomy", "sex", "timing", "grade"]));
    expect(w.hazardRatios.map((h) => h.id)).toEqual(cc.estimates.map((e) => e.id));
    // complete cases leave out the 8 patients with a missing covariate; the within approach keeps all 64
    expect(cc.estimates.find((e) => e.id === "weighted")?.n).toBe(56);
    for (const h of w.hazardRatios) {
      expect(h.notEstimable).toBeNull();
      expect(h.pooled!.m).toBe(5);
      expect(h.perImputation).toHaveLength(5);
      expectClose(h.hr!, Math.exp(h.pooled!.estimate), { rel: 1e-14 }, `${h.id} HR`);
      expect(h.lower!).toBeLessThan(h.hr!);
      expect(h.upper!).toBeGreaterThan(h.hr!);
    }
    const weighted = w.hazardRatios.find((h) => h.id === "weighted")!;
    expect(weighted.n).toEqual({ mean: 64, min: 64, max: 64 });
  });

  it("pools each HR with Rubin's rules on the log scale from its per-imputation estimates, with mice's complete-data df", () => {
    const events = res.endpoints.find((e) => e.name === w.endpoint)!.events;
    const q = res.analyses.propensity!.analysis.model.model.coefficients.filter((c) => c.name !== "(Intercept)").length;
    for (const h of w.hazardRatios) {
      const p = 1 + (["multivariable", "matchedAdjusted", "weightedAdjusted", "weightedAdjustedMEstimation"].includes(h.id) ? q : 0);
      const again = poolRubin([h.id], h.perImputation.map((x) => [x.coef!]), h.perImputation.map((x) => [x.se! ** 2]), Math.max(h.nEvents.min - p, 1)).terms[0];
      expect(again).toEqual(h.pooled);
      if (h.nEvents.min === events) expect(h.pooled!.dfcom).toBe(events - p);
    }
    // imputations differ, so the between-imputation variance is positive for the weighted HR
    expect(w.hazardRatios.find((h) => h.id === "weighted")!.pooled!.b).toBeGreaterThan(0);
  });

  it("averages the SMDs over the imputations, for the unadjusted, matched and weighted samples", () => {
    expect(w.balance.map((b) => b.sample)).toEqual(["unadjusted", "matched", "weighted"]);
    for (const b of w.balance) {
      expect(b.n).toBe(64);
      for (const r of b.rows) {
        expect(r.m).toBe(5);
        expect(r.smdMin).toBeLessThanOrEqual(r.smd);
        expect(r.smdMax).toBeGreaterThanOrEqual(r.smd);
      }
      expect(b.maxAbsSmd).toBe(Math.max(...b.rows.map((r) => Math.abs(r.smd))));
    }
    // weighting balances the completed data better than no adjustment
    expect(w.balance[2].maxAbsSmd).toBeLessThan(w.balance[0].maxAbsSmd);
  });

  it("pools the standardised survival differences (identity scale), ratios (log scale) and the RMST difference", () => {
    expect(w.contrasts?.map((c) => c.estimator)).toEqual(["gformula", "aipw"]);
    expect(w.scales).toEqual({ hazardRatio: "log", survivalDifference: "identity", survivalRatio: "log", rmstDifference: "identity" });
    const g = w.contrasts![0];
    expect(g.at.map((a) => a.time)).toEqual([12, 36]);
    for (const a of g.at) {
      expect(a.difference.scale).toBe("identity");
      expect(a.ratio.scale).toBe("log");
      expect(a.difference.pooled.dfcom).toBe(w.n - 1);
      expectClose(a.difference.estimate, a.survival.treated.estimate - a.survival.untreated.estimate, { rel: 1e-10, abs: 1e-14 }, "difference of the pooled arms");
      expectClose(a.ratio.estimate, Math.exp(a.ratio.pooled.estimate), { rel: 1e-14 }, "ratio back-transformed");
      expect(a.difference.lower).toBeLessThan(a.difference.estimate);
    }
    expect(g.rmst?.tau).toBe(60);
    expectClose(g.rmst!.difference.estimate, g.rmst!.treated.estimate - g.rmst!.untreated.estimate, { rel: 1e-10, abs: 1e-12 }, "RMST difference");
    expect(w.contrasts![1].rmst).toBeNull();
  });

  it("the report shows the pooled tables, says the within approach, m and which analysis is primary", () => {
    expect(mi.primary).toBe("complete-case");
    const sec = missingDataSection(mi, ctx);
    const tables = sec.blocks.flatMap((b) => (b.kind === "table" ? [b] : []));
    expect(tables.map((t) => t.id)).toEqual(["missing-by-group", "missing-pattern", "cox-mi", "effects-mi", "balance-mi", "contrasts-mi"]);
    const text = sec.blocks.flatMap((b) => (b.kind === "text" ? [b.text] : [])).join(" ");
    expect(text).toContain("\u201cwithin\u201d approach");
    expect(text).toContain("Main approach to missing covariates: complete cases; multiple imputation (5 imputations)");
    const eff = tables.find((t) => t.id === "effects-mi")!.table;
    expect(eff.title).toContain("within approach (m = 5)");
    expect(eff.title).toContain("n = 64");
    expect(eff.rows).toHaveLength(w.hazardRatios.length);
    expect(tables.find((t) => t.id === "contrasts-mi")!.table.rows).toHaveLength(2 + 1 + 2);
    const methods = methodsText(res);
    expect(methods).toMatch(/within each completed dataset \(the \u201cwithin\u201d approach; Leyrat et al\. 2019\)/);
    expect(methods).toContain("Complete cases were the main approach to missing covariates");
  });

  it("with missing.primary: mi the MI analyses are primary, and the pooled estimate of the declared primary is marked", () => {
    const r2 = variant("within-primary", "mi", "weighted");
    const m2 = r2.analyses.missing!;
    expect(m2.primary).toBe("mi");
    expect(r2.primary.id).toBe("weighted");
    expect(r2.primary.section).toBe("missing");
    expect(m2.within?.primaryId).toBe("weighted");
    // same seed, same imputations: the pooled numbers do not depend on which analysis is declared primary
    expect(m2.within?.hazardRatios).toEqual(w.hazardRatios);
    const sec = missingDataSection(m2, ctx);
    expect(sec.blocks.flatMap((b) => (b.kind === "text" ? [b.text] : []))).toContain("Main approach to missing covariates: multiple imputation (5 imputations) of the Cox model and the propensity analyses; the complete-case analyses are a sensitivity analysis.");
    const eff = sec.blocks.flatMap((b) => (b.kind === "table" && b.id === "effects-mi" ? [b.table] : []))[0];
    expect(eff.rows.filter((r) => r[0].endsWith("(primary analysis)"))).toHaveLength(1);
    expect(methodsText(r2)).toContain("Multiple imputation was the main approach to missing covariates");
    // the treatment-effect section leads with the pooled estimate; the complete-case rows are its sensitivity analyses (test/mi/mi-primary.test.ts)
    const effects = buildReportModel(r2).model.sections.find((x) => x.id === "effects")!;
    const texts = effects.blocks.flatMap((b) => (b.kind === "text" ? [b.text] : []));
    expect(texts[0]).toMatch(/^Primary analysis \(declared in the study specification; missing covariates by multiple imputation, missing.primary: mi\): IPTW Cox by multiple imputation, m = 5 .*; 64 patients, \d+ events; HR /);
    const none = buildReportModel(res).model.sections.find((x) => x.id === "effects")!;
    expect(none.blocks.some((b) => b.kind === "text" && b.text.includes("missing.primary: mi"))).toBe(false);
  });

  it("without a propensity section, the adjusted curves alone run within each imputation", () => {
    const r3 = runExampleVariant(dir, "within-curves-only", (spec: ExampleSpec) => {
      withoutLongTerm(spec);
      for (const k of ["sensitivity", "table1", "propensity", "cox"]) delete spec.analyses[k];
      spec.analyses.immortalTime = false as unknown as Record<string, unknown>;
      spec.analyses.adjustedCurves = { times: [12], estimators: ["gformula"] } as unknown as Record<string, unknown>;
      (spec as Record<string, unknown>).missing = { method: "mi", m: 3, iterations: 2, seed: 5 };
    });
    const m3 = r3.analyses.missing!;
    expect(m3.cox).toBeNull();
    expect(m3.within?.hazardRatios).toEqual([]);
    expect(m3.within?.balance).toEqual([]);
    expect(m3.within?.contrasts?.[0].at[0].difference.pooled.m).toBe(3);
    expect(m3.within?.n).toBe(64);
    const tables = missingDataSection(m3, ctx).blocks.flatMap((b) => (b.kind === "table" ? [b.id] : []));
    expect(tables).toEqual(["missing-by-group", "missing-pattern", "contrasts-mi"]);
  });
});
