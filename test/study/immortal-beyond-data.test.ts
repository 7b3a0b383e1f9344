/**
 * Issue 14, the referee's review of the primary analysis (clone–censor–weight) on the example:
 * 1. numbers beyond the data — a survival difference or RMST at a time where a strategy has fewer than
 *    figures.minAtRisk unweighted patients at risk (as the figure counts them) is not shown, anywhere;
 * 2. bootstrap bias — the mean of the replicates minus the estimate and the bootstrap SE, with a warning when
 *    |bias| > 0.25 SE;
 * 3. defaults said in the headline — the primary chosen by the default rule, the grace period by default.
 */
import { describe, expect, it } from "vitest";
import { exampleSpec, runSpecRaw, type Json } from "./options-honoured-harness.js";
import { buildReportModel } from "../../src/report/render.js";
import { summaryText } from "../../src/cli/commands/run.js";
import { atRiskAsDrawn, atRiskBefore, dataSupport, minAtRiskOf } from "../../src/study/beyond-data.js";
import { BOOTSTRAP_BIAS_SHARE } from "../../src/study/immortal-time/ccw-checks.js";

describe("beyond the data: the rule (src/study/beyond-data.ts)", () => {
  it("counts patients at risk just before t, #{entry < t ≤ exit}, and as a figure counts them (its next listed time ≥ t)", () => {
    const exit = [1, 2, 2, 5, 8];
    expect(atRiskBefore(exit, 2)).toBe(4);
    expect(atRiskBefore(exit, 2.5)).toBe(2);
    expect(atRiskBefore(exit, 9)).toBe(0);
    expect(atRiskBefore(exit, 2, [0, 0, 1.5, 2, 0])).toBe(3);
    // read from a listed step function (first listed time ≥ t); past the last listed time, the fallback
    expect(atRiskAsDrawn([3, 7], [6, 3], 5)).toBe(3);
    expect(atRiskAsDrawn([3, 7], [6, 3], 7)).toBe(3);
    expect(atRiskAsDrawn([3, 7], [6, 3], 8, 4)).toBe(4);
  });

  it("flags a number when any group has fewer than minAtRisk, never with minAtRisk 0; the threshold is figures.minAtRisk", () => {
    expect(dataSupport([12, 5], 5).beyondData).toBe(false);
    expect(dataSupport([12, 4], 5)).toEqual({ beyondData: true, nRiskUnweighted: [12, 4], minAtRisk: 5 });
    expect(dataSupport([0, 0], 0).beyondData).toBe(false);
    expect(minAtRiskOf({})).toBe(5);
    expect(minAtRiskOf({ figures: { minAtRisk: 2 } as never })).toBe(2);
  });
});

describe("clone–censor–weight primary on the example: beyond the data, bootstrap bias, defaults", () => {
  const s = exampleSpec() as unknown as { analyses: Record<string, Json>; figures?: Record<string, Json> };
  // counted at the tick (issue 19: clones in follow-up ≥ t), the no-treatment strategy keeps 8 clones at 60 months and
  // 10 at 36 on this spec: a threshold of 9 puts 60 months (and the RMST up to it) beyond the data, 12 and 36 within
  s.figures = { ...(s.figures as Record<string, Json> | undefined), minAtRisk: 9 };
  s.analyses = {
    km: { endpoint: "os", by: "treatment", times: [12, 36, 60] },
    rmst: { endpoint: "os", by: "treatment", tau: 60 },
    immortalTime: { covariates: ["age_primary", "sex", "n_lung_mets", "timing"], landmark: 6, cloneCensorWeight: { bootstrap: 60 } },
    // balance thresholds under which the clone–censor–weight's weights pass its balance check, so that the default rule
    // picks it (a flagged one is never the default primary: referee s12 A9, test/study/ccw-diagnostics.test.ts); the
    // thresholds live in analyses.propensity.balance, which needs weighting or matching, so IPTW runs beside it
    propensity: { weighting: { estimand: "ATE", stabilize: true }, balance: { thresholds: { smd: 0.35, varianceRatio: null } } },
  };
  const r = runSpecRaw(s as unknown as Json);
  const cw = r.analyses.immortalTime!.cloneCensorWeight!;
  const at60 = cw.survivalDifference.find((d) => d.time === 60)!;

  it("flags the 60-month difference and the RMST up to 60 months as beyond the data: the no-treatment strategy has fewer than 9 clones in follow-up", () => {
    // the figure's count (issue 19): the strategy's unweighted clones with follow-up ≥ 60 months, from its step function over every follow-up end
    const control = cw.arms[1].atRisk;
    const k = control.time.findIndex((t) => t >= 60);
    expect(k).toBeGreaterThanOrEqual(0);
    expect(control.n[k]).toBe(8);
    expect(at60.beyondData).toBe(true);
    expect(at60.nRiskUnweighted).toEqual([cw.arms[0].atRisk.n[cw.arms[0].atRisk.time.findIndex((t) => t >= 60)], 8]);
    // one count: the clones in follow-up at 60 months
    expect(at60.inFollowUp).toEqual(at60.nRiskUnweighted);
    expect(at60.minAtRisk).toBe(9);
    // results.json keeps the number
    expect(at60.estimate).not.toBeNull();
    expect(cw.rmstDifference!.beyondData).toBe(true);
    // 12 months is within the data in both strategies
    expect(cw.survivalDifference.find((d) => d.time === 12)!.beyondData).toBe(false);
  });

  it("never prints a difference beyond the data: not in the headline, the summary, the CCW table or the figure", () => {
    const pct = `${(100 * at60.estimate!).toFixed(1)} points`;
    const pc = r.primary.candidates.find((c) => c.id === "cloneCensorWeight")!.estimate!;
    expect(pc.headline).toContain("not estimable at 60 months:");
    expect(pc.headline).not.toContain(pct);
    expect(pc.description).not.toContain(pct);
    const summary = summaryText(r);
    expect(summary).toContain("not estimable at 60 months:");
    expect(summary).not.toContain(pct);
    const model = buildReportModel(r);
    const table = model.tables.find((t) => t.id === "ccw")!.table;
    const row = table.rows.find((x) => x[0] === "Survival at 60 months")!;
    expect(row[3]).toBe("– (beyond the data)");
    expect(row[2]).toBe("–");
    expect((table.footnotes ?? []).join(" ")).toMatch(/– \(beyond the data\): not shown because a strategy has fewer than 9 patients at risk/);
    const fig = model.figures.find((f) => f.id === "ccw")!;
    expect(fig.svg).not.toContain("Survival difference at 60");
    expect(cw.warnings.some((w) => w.startsWith("clone–censor–weight: survival difference at 60 months not shown, not estimable: beyond the data"))).toBe(true);
  });

  it("gives each bootstrap interval its bias (mean of the replicates − estimate) and SE, and warns when |bias| > 0.25 SE", () => {
    const b = cw.bootstrap!;
    const checked = [...cw.survivalDifference.map((d) => ({ d, name: `survDifference@${d.time}`, what: `survival difference at ${d.time} months` }))];
    for (const { d, name, what } of checked) {
      const j = b.names.indexOf(name);
      const v = b.values.map((row) => row[j]).filter(Number.isFinite);
      const mean = v.reduce((a, x) => a + x, 0) / v.length;
      expect(d.bootstrapMean).toBeCloseTo(mean, 12);
      expect(d.bootstrapBias).toBeCloseTo(mean - d.estimate!, 12);
      expect(d.bootstrapSe).toBe(d.se);
      const off = Math.abs(mean - d.estimate!) > BOOTSTRAP_BIAS_SHARE * d.se!;
      expect(d.bootstrapOffCentre).toBe(off);
      // warned for an interval shown (not for one beyond the data)
      const warned = cw.warnings.some((w) => w.includes(`bootstrap distribution of the ${what} is not centred`));
      expect(warned).toBe(off && !d.beyondData);
    }
    const h = cw.hazardRatio!.bootstrap!;
    const j = b.names.indexOf("logHR");
    const v = b.values.map((row) => row[j]).filter(Number.isFinite);
    const mean = v.reduce((a, x) => a + x, 0) / v.length;
    expect(h.bootstrapBias).toBeCloseTo(mean - cw.hazardRatio!.coef, 12);
    // the CCW table's footnote reports bias and SE of every interval shown
    const foot = (buildReportModel(r).tables.find((t) => t.id === "ccw")!.table.footnotes ?? []).join(" ");
    expect(foot).toMatch(/Bootstrap bias \(mean of the replicates minus the estimate\) and bootstrap SE: 12 months: bias /);
    expect(foot).not.toMatch(/60 months: bias/);
  });

  it("says in the headline that the primary and the grace period are survinfer's defaults, and lists it under Read first", () => {
    expect(r.primary.lead).toBe("primary analysis chosen by survinfer's default rule (not declared in the spec): Clone–censor–weight, target-trial emulation (grace period 6 months); grace period 6 months (default)");
    expect(summaryText(r)).toContain(`  ${r.primary.lead}: survival difference`);
    const { model } = buildReportModel(r);
    const texts = model.sections.flatMap((x) => x.blocks.flatMap((blk) => (blk.kind === "text" ? [blk.text] : [])));
    // without a treatment-effect section, the Immortal time section says the primary (with one, its lead paragraph does: test/report/primary-report.test.ts)
    expect(texts).toContain(
      "Primary analysis of the study: Clone–censor–weight, target-trial emulation (grace period 6 months); grace period 6 months (default) (chosen by survinfer's default rule, not declared in the study specification); the other designs below and the comparisons by treatment ever received (Treatment effect) are sensitivity analyses.",
    );
    const rf = (model.readFirst ?? []).find((x) => x.text.startsWith("primary analysis chosen by survinfer's default rule"));
    expect(rf?.tier).toBe("primary");
  });

  it("says the primary's line of summary.txt in German and Japanese, the number beyond the data included", () => {
    const de = summaryText(r, "de");
    expect(de).toContain("  Primäranalyse nach der Voreinstellungsregel von survinfer gewählt (nicht in der Spezifikation festgelegt): Klonen-Zensieren-Gewichten, Target-Trial-Emulation (Karenzzeit 6 Monate); Karenzzeit 6 Monate (Voreinstellung): Überlebensdifferenz (Behandlung innerhalb von 6 Monaten minus keine) nach 12 Monaten: ");
    expect(de).toContain("nach 60 Monaten nicht schätzbar: ");
    expect(de).not.toContain("primary analysis chosen");
    const ja = summaryText(r, "ja");
    expect(ja).toContain("  主解析はsurvinferの既定ルールで選択（研究仕様で未宣言）：クローン・打ち切り・重み付け、ターゲットトライアルエミュレーション（猶予期間6か月）；猶予期間6か月（既定値）：生存率の差（6か月以内の治療あり－なし）：12か月時点：");
    expect(ja).toContain("60か月時点は推定不能：");
    expect(ja).not.toContain("primary analysis chosen");
  });

  it("a declared primary with a declared grace period is said as declared, with no default", () => {
    const d = structuredClone(s) as unknown as { analyses: Record<string, Json> & { immortalTime: { cloneCensorWeight: Record<string, Json> } } };
    d.analyses.primary = "cloneCensorWeight";
    d.analyses.immortalTime.cloneCensorWeight = { grace: 6, bootstrap: 0 };
    const r2 = runSpecRaw(d as unknown as Json);
    expect(r2.primary.lead).toBe("primary analysis (declared in the spec): Clone–censor–weight, target-trial emulation (grace period 6 months)");
    expect(r2.primary.warnings).toEqual([]);
  });

  it("the landmark's IPTW-weighted survival is not quoted where a group has fewer than 5 patients at risk", () => {
    const lp = r.analyses.immortalTime!.landmarkPs!;
    const sup = lp.weightedSupport!;
    expect(sup.map((x) => x.time)).toEqual(lp.effects.weighted!.survival.times);
    const text = buildReportModel(r)
      .model.sections.find((x) => x.id === "immortal-time")!
      .blocks.flatMap((blk) => (blk.kind === "text" && blk.text.startsWith("IPTW-weighted Kaplan–Meier survival among patients alive at the landmark") ? [blk.text] : []))[0];
    for (const x of sup) {
      if (x.beyondData) expect(text).toContain(`${x.time} months after it, not estimable:`);
      else expect(text).not.toContain(`${x.time} months after it, not estimable`);
    }
  });
});

describe("adjusted survival curves (g-formula table): the same rule", () => {
  const s = exampleSpec() as unknown as { analyses: Record<string, Json> };
  s.analyses = { km: { endpoint: "os", by: "treatment", times: [12, 36, 130] }, adjustedCurves: { estimators: ["gformula"] }, immortalTime: false };
  const r = runSpecRaw(s as unknown as Json);
  const a = r.analyses.adjustedCurves!;

  it("counts the unweighted patients at risk per group at each time and hides the cells where a group has fewer than 5", () => {
    expect(a.support.at.map((x) => x.time)).toEqual([12, 36, 130]);
    for (const x of a.support.at) expect(x.beyondData).toBe(x.nRiskUnweighted.some((k) => k < 5));
    // at 12 months both groups are well populated; at 130 months the untreated group is not
    expect(a.support.at[0].beyondData).toBe(false);
    expect(a.support.at[2].beyondData).toBe(true);
    // counts fall with time, group by group
    for (const g of [0, 1]) expect(a.support.at[0].nRiskUnweighted[g]).toBeGreaterThanOrEqual(a.support.at[2].nRiskUnweighted[g]);
    const built = buildReportModel(r);
    const table = built.tables.find((t) => t.id === "adjusted-contrasts")!.table;
    const at130 = table.rows.find((row) => row[1] === "130.0")!;
    expect(at130[4]).toBe("– (beyond the data)");
    const at12 = table.rows.find((row) => row[1] === "12.0")!;
    expect(at12[4]).not.toContain("–");
    expect((table.footnotes ?? []).join(" ")).toMatch(/– \(beyond the data\): not shown where a group has fewer than 5 patients at risk \(unweighted\)/);
  });
});
