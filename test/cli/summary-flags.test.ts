/**
 * summary.txt carries the report's flags (referee findings A3, A4, A11 and A15, session 11): the adjusted-survival lines
 * are named as the report's "Adjusted survival and restricted mean survival time" rows (balance flag, biased by design,
 * n, role); the Immortal time block prints every landmark-PS row of the report's table with its flags (or its reason
 * when not estimated) and the landmark IPTW-weighted survival with the weighted rows' flag; the competing-risks heading
 * says "biased by design (immortal time)" as Kaplan–Meier's does.
 */
import { describe, expect, it } from "vitest";
import { summaryText } from "../../src/cli/commands/run.js";
import { longTermLines } from "../../src/cli/summary-sections.js";
import { IMMORTAL_BIAS_LABEL, buildReportModel } from "../../src/report/render.js";
import { landmarkFlagSuffix } from "../../src/report/sections-immortal.js";
import { fmtRatioCi } from "../../src/report/tables.js";
import { formatPercent, pPhrase } from "../../src/report/number-format.js";
import type { Language } from "../../src/i18n/language.js";
import { exampleResults } from "../report/render-study.js";
import { exampleSpec, runSpecRaw, type Json } from "../study/options-honoured-harness.js";

const lines = (lang: Language = "en"): string[] => summaryText(exampleResults(), lang).split("\n");

/** The report's absolute-effects row labels (the sample rows, without their ⚠ marks). */
function reportSampleRows(lang: Language): string[] {
  const t = buildReportModel(exampleResults(), lang).tables.find((x) => x.id === "effects-absolute")!.table;
  return t.rows.filter((_, i) => t.indented?.[i] === false).map((row) => row[0].replace(/ ⚠[\d,]+$/, ""));
}

describe("summary.txt: adjusted survival carries the report's row names and flags (A3)", () => {
  for (const [lang, lead] of [["en", "  adjusted survival, "], ["de", "  adjustiertes Überleben, "]] as const) {
    it(`${lang}: each line names its sample as the report's table does`, () => {
      const rows = reportSampleRows(lang);
      expect(rows).toHaveLength(2);
      const adjusted = lines(lang).filter((l) => l.startsWith(lead));
      expect(adjusted).toHaveLength(rows.length);
      rows.forEach((row, k) => expect(adjusted[k].startsWith(`${lead}${row}, `), `${adjusted[k]}\n  ≠ ${row}`).toBe(true));
    });
  }

  it("the flags themselves: residual imbalance (IPTW), worsened balance (matched), biased by design, sensitivity analysis", () => {
    const [iptw, matched] = lines().filter((l) => l.startsWith("  adjusted survival, "));
    expect(iptw).toMatch(/^ {2}adjusted survival, IPTW \(ATE weights\); residual imbalance after weighting: 4 of 8 covariate terms imbalanced — biased by design \(immortal time\), n = 56 \(sensitivity analysis\), treated vs untreated: at 12 months 86\.5% vs 83\.4%/);
    expect(matched).toMatch(/^ {2}adjusted survival, PS-matched \(matched sample: 11 of 40 treated patients kept\); matching worsened balance: not confounding-adjusted — biased by design \(immortal time\), n = 22 \(sensitivity analysis\), treated vs untreated: /);
    // beyond the data: the matched sample's 60-month contrast and RMST are not shown (figures.minAtRisk)
    expect(matched).toMatch(/; 60 months: – \(beyond the data\); RMST 60 months: – \(beyond the data\)$/);
  });
});

describe("summary.txt: the Immortal time block prints every landmark-PS row (A11) and the weighted survival (A4)", () => {
  const r = exampleResults();
  const lp = r.analyses.immortalTime!.landmarkPs!;
  const block = (): string[] => {
    const all = lines();
    const from = all.findIndex((l) => l.startsWith("Immortal time: "));
    const to = all.findIndex((l, i) => i > from && l === "");
    return all.slice(from, to);
  };

  it("one line per estimate of the report's table, in its order, each with its n, HR and flags, or its reason", () => {
    const b = block();
    const ids = ["weighted", "weightedMEstimation", "matched", "matchedStratified", "multivariable"];
    const at = ids.map((id) => {
      const e = lp.effects.estimates.find((x) => x.id === id)!;
      const value = e.hr === null ? e.notEstimable! : `HR ${fmtRatioCi(e.hr, e.lower, e.upper)}, ${pPhrase(e.p)}${landmarkFlagSuffix(lp, id)}`;
      const i = b.indexOf(`    ${e.label} (n = ${e.n}): ${value}`);
      expect(i, `${id}: ${value}`).toBeGreaterThan(0);
      return i;
    });
    expect([...at].sort((x, y) => x - y)).toEqual(at);
    expect(b[at[0] - 1]).toBe(`  landmark at 6 months, PS re-estimated (${lp.population}):`);
    // the four rows the referee listed, with their flags, and the covariate-adjusted one with its reason
    expect(b.filter((l) => l.includes("residual imbalance after weighting: 5 of 8 covariate terms imbalanced"))).toHaveLength(3); // 2 IPTW rows + weighted survival
    expect(b.filter((l) => l.includes("matching worsened balance: not confounding-adjusted"))).toHaveLength(2);
    expect(b.find((l) => l.startsWith("    Multivariable Cox (conditional HR) (n = 53): not estimated: 22 events for 8 parameters"))).toBeDefined();
  });

  it("the landmark IPTW-weighted survival differences, with the weighted rows' flag", () => {
    const ws = lp.effects.weighted!.survival;
    const line = block().find((l) => l.startsWith("    IPTW-weighted Kaplan–Meier survival (n = 53): "))!;
    expect(line).toBeDefined();
    expect(line).toContain(`12 months after it, ${formatPercent(ws.survTreated[0])}% treated by the landmark vs ${formatPercent(ws.survControl[0])}% not treated by then (difference −14.2 points)`);
    expect(line).toContain("60 months after it, 56.8% treated by the landmark vs 75.0% not treated by then (difference −18.1 points)");
    expect(line.endsWith(`; no confidence interval (the landmark analysis has no bootstrap)${landmarkFlagSuffix(lp, "weighted")}`)).toBe(true);
  });

  it("de and ja: the same rows in the language", () => {
    const de = summaryText(r, "de");
    expect(de).toContain("  Landmark nach 6 Monaten, PS neu geschätzt (");
    expect(de).toMatch(/\n {4}IPTW-gewichtete Kaplan-Meier-Überlebensraten \(n = 53\): 12 Monate danach 80,3\u00a0% [^\n]*; Restungleichgewicht nach Gewichtung: 5 von 8 Kovariablentermen unbalanciert\n/);
    const ja = summaryText(r, "ja");
    expect(ja).toContain("傾向スコア再推定（");
    expect(ja).toMatch(/\n {4}IPTW 重み付き Kaplan–Meier 生存率（n = 53）：[^\n]*共変量項8個中5個が不均衡\n/);
  });

  it("a landmark PS design refused as a whole says so with its reason", () => {
    const s = exampleSpec() as unknown as { analyses: Record<string, Json> };
    s.analyses = { km: s.analyses.km, propensity: s.analyses.propensity, immortalTime: { landmark: 6, timeDependent: true }, safeguards: { propensityBelowFloor: "refuse" } };
    delete (s as Record<string, unknown>).missing;
    const refused = runSpecRaw(s as unknown as Json);
    expect(refused.analyses.immortalTime!.landmarkPs).toBeUndefined();
    expect(summaryText(refused)).toMatch(/\n {2}landmark at 6 months, PS re-estimated: landmark at 6 months \(PS\): propensity model \(events = patients in the smaller group\): not estimated: 16 patients for 7 parameters/);
  }, 600_000);
});

describe("summary.txt: the competing-risks heading says biased by design (A15)", () => {
  it("as the Kaplan–Meier heading does, on the example", () => {
    const all = lines();
    const km = all.find((l) => l.startsWith("Kaplan–Meier, "))!;
    const cr = all.find((l) => l.startsWith("Competing risks, Overall survival"))!;
    expect(km).toContain(` — ${IMMORTAL_BIAS_LABEL}:`);
    expect(cr).toBe(`Competing risks, Overall survival by Pulmonary metastasectomy (n = 64), cumulative incidence (Aalen–Johansen) — ${IMMORTAL_BIAS_LABEL}:`);
  });

  it("and not when the comparison is not biased (the helper's label is empty)", () => {
    const cr = longTermLines(exampleResults(), () => "").find((l) => l.startsWith("Competing risks, "));
    expect(cr).toBe("Competing risks, Overall survival by Pulmonary metastasectomy (n = 64), cumulative incidence (Aalen–Johansen):");
  });
});
