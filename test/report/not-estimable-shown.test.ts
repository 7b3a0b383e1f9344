/**
 * Referee A8 (session 11): the report's "Analyses not estimable" list names a refused treatment-effect row biased by
 * design as the effects table names it, by its matched sample or weighting scheme ("(matched sample, conditional HR)",
 * "(ATE weights, conditional HR)"), not by the causal estimand the table no longer claims ("(ATM, …)", "(ATE, …)").
 */
import { beforeAll, describe, expect, it } from "vitest";
import { buildReportModel } from "../../src/report/render.js";
import { biasedEffectRow, notEstimableShown } from "../../src/report/not-estimable-shown.js";
import { withLanguage } from "../../src/i18n/language.js";
import type { StudyResults } from "../../src/study/run.js";
import { exampleResults } from "./render-study.js";

let r: StudyResults;
beforeAll(() => {
  r = exampleResults();
}, 600_000);

/** The items of the report's not-estimable list, in the language in force. */
function listed(results: StudyResults): string[] {
  const section = buildReportModel(results).model.sections.find((s) => s.id === "not-estimable");
  const list = section?.blocks.find((b) => b.kind === "list");
  return list?.kind === "list" ? [...list.items] : [];
}

describe("the not-estimable list of a study biased by design (the example)", () => {
  it("names the refused matched and weighted rows by their sample and scheme", () => {
    const items = listed(r);
    expect(items).toContain("Treatment effect, PS-matched Cox adjusted for covariates (matched sample, conditional HR): not estimated: 10 events for 8 parameters (EPV 1.3, floor 5; set analyses.safeguards.epvFloor to change) [MODEL_TOO_FEW_EVENTS]");
    expect(items).toContain("Treatment effect, IPTW Cox adjusted for covariates (ATE weights, conditional HR): not estimated: 23 events for 8 parameters (EPV 2.9, floor 5; set analyses.safeguards.epvFloor to change) [MODEL_TOO_FEW_EVENTS]");
    expect(items.join("\n")).not.toMatch(/\((ATM|ATE),/);
    // the landmark models are not biased by design: named as they are
    expect(items.some((x) => x.startsWith("Immortal time, landmark at 6 months, Cox adjusted for the covariates (conditional HR): not estimated"))).toBe(true);
  });

  it("Read first names them the same way", () => {
    const texts = (buildReportModel(r).model.readFirst ?? []).map((x) => x.text);
    expect(texts).toContain("Treatment effect, IPTW Cox adjusted for covariates (ATE weights, conditional HR): not estimated: 23 events for 8 parameters (EPV 2.9, floor 5; set analyses.safeguards.epvFloor to change)");
    expect(texts.some((t) => t.startsWith("Treatment effect, PS-matched Cox adjusted for covariates (matched sample, conditional HR): not estimated: 10 events"))).toBe(true);
    const de = (buildReportModel(r, "de").model.readFirst ?? []).map((x) => x.text).join("\n");
    expect(de).toContain("gematchte Stichprobe");
    expect(de).toContain("Behandlungseffekt, IPTW-Cox-Modell, adjustiert für Kovariablen (ATE-Gewichte, bedingte HR): nicht geschätzt");
    expect(de).not.toMatch(/Behandlungseffekt, [^\n]*\((ATM|ATE),/);
  });

  it("in German and Japanese too", () => {
    const de = withLanguage("de", () => r.notEstimable.map((n) => notEstimableShown(n, r.analyses.effects))).join("\n");
    expect(de).toContain("gematchte Stichprobe");
    expect(de).toContain("ATE-Gewichte");
    const ja = withLanguage("ja", () => r.notEstimable.map((n) => notEstimableShown(n, r.analyses.effects))).join("\n");
    expect(ja).toContain("マッチング後の標本");
    expect(ja).toContain("ATE重み");
    for (const t of [de, ja]) expect(t).not.toMatch(/[(（](ATM|ATE)[,、，]/);
  });

  it("keeps the estimand words when the effects are not biased by design", () => {
    const eff = r.analyses.effects!;
    const unbiased = { ...eff, biasedByDesign: null };
    const n = r.notEstimable.find((x) => x.analysis === "effects.matchedAdjusted")!;
    expect(biasedEffectRow(n, eff)).toMatchObject({ id: "matchedAdjusted", estimand: "ATM" });
    expect(biasedEffectRow(n, unbiased)).toBeUndefined();
    expect(notEstimableShown(n, unbiased)).toContain("(ATM, conditional HR)");
  });
});
