// missing: { method: mi, primary: mi } makes the pooled (within) estimate the study's primary everywhere the
// primary is quoted: results.primary, summary.txt, the treatment-effect section's first sentence, table and
// forest plot, and the E-value; the complete-case estimate is labelled as its sensitivity analysis (and vice
// versa with primary: complete-case). src/study/primary.ts, src/report/sections-effects.ts, src/cli/commands/run.ts.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lenientBalance, runExampleVariant, undeclared, withoutLongTerm, type ExampleSpec } from "../report/render-study.js";
import { buildReportModel } from "../../src/report/render.js";
import { summaryText } from "../../src/cli/commands/run.js";
import { eValueFromSurvival, eValueHazardRatio } from "../../src/causal/evalue.js";

const dir = mkdtempSync(join(tmpdir(), "survinfer-mi-primary-"));
function variant(name: string, primary: "mi" | "complete-case") {
  return runExampleVariant(dir, name, (spec: ExampleSpec) => {
    // the default rule picks the primary (the example declares clone–censor–weight, which needs the treatment date)
    undeclared(spec);
    withoutLongTerm(spec);
    // the weighted sample balanced (no residual-imbalance flag): the default rule's IPTW estimate is the primary
    lenientBalance(spec);
    delete spec.analyses.table1;
    // without the treatment date there is no immortal-time design: the default rule picks from the treatment-effect table
    delete spec.treatment.date;
    delete spec.analyses.immortalTime;
    // the E-value and the bias analysis of the primary; the other parts off (faster)
    spec.analyses.sensitivity = { rosenbaum: false, sampleSize: false };
    (spec as Record<string, unknown>).missing = { method: "mi", m: 3, iterations: 3, seed: 7, primary };
  });
}

describe("missing.primary: mi — the pooled estimate is the primary everywhere", () => {
  const r = variant("primary-mi", "mi");
  const w = r.analyses.missing!.within!;
  const eff = r.analyses.effects!;

  it("results.primary is the pooled estimate of the default-rule analysis (all patients, m imputations), with the complete-case one as its sensitivity analysis", () => {
    expect(r.primary.section).toBe("missing");
    expect(r.primary.id).toBe("weightedMEstimation");
    expect(r.primary.label).toBe("IPTW Cox by multiple imputation, m = 3 (ATE, marginal HR; M-estimation SE)");
    expect(r.primary.missingData).toEqual({ approach: "mi", sensitivity: { id: "weightedMEstimation", section: "effects", label: eff.estimates.find((e) => e.id === "weightedMEstimation")!.label }, note: null });
    expect(r.primary.reason).toContain("the primary estimate is this analysis by multiple imputation (3 imputations of all 64 patients");
    expect(r.primary.reason).toContain("its complete-case estimate (56 patients) is a sensitivity analysis");
    const c = r.primary.candidates.find((x) => x.section === "missing" && x.id === r.primary.id)!;
    const h = w.hazardRatios.find((x) => x.id === r.primary.id)!;
    expect(c.estimate).toMatchObject({ hr: h.hr, lower: h.lower, upper: h.upper, p: h.p, n: 64 });
    expect(c.estimate!.description).toContain("all 64 patients, missing covariates imputed 3 times");
    // the complete-case table no longer names a primary row, the pooled table does
    expect(eff.primary).toBeNull();
    expect(w.primaryId).toBe("weightedMEstimation");
    // the pooled HR differs from the complete-case one (other patients): the test would see a swap back
    expect(h.hr).not.toBe(eff.estimates.find((e) => e.id === "weightedMEstimation")!.hr);
  });

  it("the E-value (and the bias analysis) are of the pooled estimate and its CI limit", () => {
    const s = r.analyses.sensitivity!;
    const h = w.hazardRatios.find((x) => x.id === r.primary.id)!;
    expect(s.primary).toMatchObject({ id: h.id, section: "missing", hr: h.hr, lower: h.lower, upper: h.upper, n: 64 });
    expect(s.eValue!.n).toBe(64);
    const again = eValueFromSurvival({ hr: h.hr!, lower: h.lower!, upper: h.upper!, survivalAtEnd: 1 - s.eValue!.outcomeRisk });
    expect(s.eValue!.point).toBe(again.point);
    expect(s.eValue!.ci).toBe(again.ci);
    expect(s.biasAnalysis!.observed).toMatchObject({ hr: h.hr, lower: h.lower, upper: h.upper });
    // each pooled HR carries its own E-value, as each complete-case row does
    const rare = eff.options.rareOutcome;
    expect(h.eValue).toEqual((({ point, ci }) => ({ point, ci }))(eValueHazardRatio({ hr: h.hr!, lower: h.lower!, upper: h.upper!, rare })));
  });

  it("the treatment-effect section leads with the pooled estimate: sentence, first table row and first forest-plot row", () => {
    const sec = buildReportModel(r).model.sections.find((x) => x.id === "effects")!;
    const first = sec.blocks[0];
    expect(first.kind === "text" && first.text).toMatch(/^Primary analysis \(by the default rule; missing covariates by multiple imputation, missing.primary: mi\): .* by multiple imputation, m = 3 \(ATE, marginal HR; M-estimation SE\), estimating .*; 64 patients, \d+ events; HR /);
    expect(first.kind === "text" && first.text).toContain("The same analysis on complete cases (56 patients) and the other analyses below are sensitivity analyses");
    const table = sec.blocks.flatMap((b) => (b.kind === "table" && b.id === "effects" ? [b.table] : []))[0];
    expect(table.rows[0][0]).toBe("Primary analysis");
    expect(table.rows[1][0]).toBe(r.primary.label);
    expect(table.rows[1][table.headers[0].indexOf("n")]).toBe("64");
    expect(table.rows[2][0]).toBe("Sensitivity analyses");
    expect(table.rows.slice(3).map((x) => x[0])).toEqual(eff.estimates.map((e) => e.label));
    const fig = sec.blocks.flatMap((b) => (b.kind === "figure" && b.figure.id === "forest-effects" ? [b.figure] : []))[0];
    expect(fig.caption).toContain(`the primary analysis (${r.primary.label}) first, then the complete-case analyses as sensitivity analyses`);
    const svg = fig.svg;
    // the first row label is the pooled analysis (shortened to fit, its estimand kept), above the complete-case rows
    expect(svg.indexOf(">IPTW Cox by")).toBeGreaterThan(0);
    expect(svg.indexOf(">IPTW Cox by")).toBeLessThan(svg.indexOf(`>${eff.estimates[0].label.slice(0, 12)}`));
    // the E-value section quotes the pooled estimate
    const sens = buildReportModel(r).model.sections.find((x) => x.id === "sensitivity")!;
    const evTable = sens.blocks.flatMap((b) => (b.kind === "table" && b.id === "sensitivity-evalue" ? [b.table] : []))[0];
    expect(evTable.title).toContain("by multiple imputation, m = 3");
    expect(evTable.title).toContain("n = 64");
  });

  it("summary.txt quotes the pooled estimate as primary and tags the complete-case row as its sensitivity analysis", () => {
    const text = summaryText(r, "en");
    const h = w.hazardRatios.find((x) => x.id === r.primary.id)!;
    // "  primary analysis chosen by survinfer's default rule (not declared in the spec): …" (issue 14's review: the lead says so)
    const line = text.split("\n").find((l) => l.startsWith("  primary analysis chosen by survinfer's default rule (not declared in the spec): "))!;
    expect(line).toContain(r.primary.label!);
    expect(line).toContain(`all 64 patients`);
    expect(line).toContain("3 imputations");
    expect(line).toContain("estimand: ");
    expect(line).toContain(h.hr!.toFixed(2));
    const cc = eff.estimates.find((e) => e.id === r.primary.id)!;
    expect(text).toContain(`  ${cc.label} [sensitivity; complete cases]: `);
    expect(text).not.toMatch(/\[primary\]: .*\n[\s\S]*\[primary\]: /);
    expect(text).toContain("multiple imputation (3 imputations, 3 iterations, seed 7) is primary, complete cases a sensitivity analysis (missing.primary: mi)");
    expect(text).toMatch(new RegExp(`    ${h.label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} \\[primary\\]: `));
  });
});

describe("missing.primary: complete-case — the complete-case estimate is primary, the pooled one its sensitivity analysis", () => {
  const r = variant("primary-cc", "complete-case");

  it("results.primary stays in the effects section and names the pooled version as the sensitivity analysis", () => {
    expect(r.primary.section).toBe("effects");
    expect(r.primary.id).toBe("weightedMEstimation");
    expect(r.primary.missingData?.approach).toBe("complete-case");
    expect(r.primary.missingData?.sensitivity).toMatchObject({ id: "weightedMEstimation", section: "missing" });
    expect(r.analyses.sensitivity!.primary).toMatchObject({ section: "effects", n: 56 });
    const text = summaryText(r, "en");
    expect(text).toMatch(/\[sensitivity analysis of the primary\]: /);
    expect(text).toContain("is a sensitivity analysis, complete cases primary (missing.primary: complete-case)");
    const sec = buildReportModel(r).model.sections.find((x) => x.id === "missing-data")!;
    const t = sec.blocks.flatMap((b) => (b.kind === "table" && b.id === "effects-mi" ? [b.table] : []))[0];
    expect(t.rows.filter((x) => x[0].endsWith("(sensitivity analysis of the primary)"))).toHaveLength(1);
    expect(t.rows.some((x) => x[0].endsWith("(primary analysis)"))).toBe(false);
    // each pooled HR with its E-value (estimate and CI limit)
    const ev = t.headers[0].indexOf("E-value (CI)");
    const w = r.analyses.missing!.within!;
    // (models refused below the EPV floor in the completed datasets have no pooled HR, hence no E-value: "–")
    expect(w.hazardRatios.filter((h) => h.eValue !== null).length).toBeGreaterThan(0);
    t.rows.forEach((row, k) => {
      const e = w.hazardRatios[k].eValue;
      expect(row[ev]).toBe(e === null ? "–" : `${e.point.toFixed(2)} (${e.ci === null ? "–" : e.ci.toFixed(2)})`);
    });
  });
});
