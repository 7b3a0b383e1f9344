/**
 * The app's treatment-effect table says what the report's table says (referee A17, session 11): each row's label,
 * estimand cell and flags come from the report's own function (src/report/sections-effects.ts effectRows), so the
 * example's rows, biased by design (immortal time), are named by their matched sample or weighting scheme, never by a
 * causal estimand ("ATM", "ATE"), and carry the flags of the report ("only 5 events … imprecise", "residual imbalance
 * after weighting …"). Its "Not estimable" list names the refused rows the same way (referee A8).
 */
import { describe, expect, it } from "vitest";
import type { VNode } from "preact";
import { resultsSummary } from "../../web/src/engine.js";
import { ResultsView } from "../../web/src/results-view.js";
import { effectRows } from "../../src/report/sections-effects.js";
import { messagesFor } from "../../src/i18n/messages.js";
import { withLanguage, type Language } from "../../src/i18n/language.js";
import { exampleResults } from "../report/render-study.js";
import { byTestId, texts, type Node } from "./vnode.js";

/** The texts of one row's cells: [label, role, HR and flags, p, bootstrap?, n, estimand]. */
function cells(row: Node): string[] {
  const kids = (Array.isArray(row.props.children) ? row.props.children : [row.props.children]).flat(3);
  return kids.filter((c): c is Node => c !== null && typeof c === "object" && "props" in c).map((c) => texts(c).join(""));
}

describe("the app's treatment-effect table on the example (biased by design)", () => {
  const results = exampleResults();
  const summary = resultsSummary(results);
  const view = (language: Language): VNode => ResultsView({ results: summary, reportHtml: "<p>report</p>", downloads: [], ms: 1, language });
  const row = (language: Language, id: string): string[] => {
    const r = byTestId(view(language), `effect-${id}`);
    expect(r, `row effect-${id}`).toBeDefined();
    return cells(r!);
  };

  it("is biased by design, with flags on the matched and weighted rows (the premise)", () => {
    expect(summary.analyses.effects?.biasedByDesign).toBe("immortal time");
    expect((summary.analyses.effects?.flags ?? []).map((f) => f.id)).toEqual(expect.arrayContaining(["matchedStratified", "weighted"]));
  });

  it("names the matched row by its sample and the IPTW row by its weights, as the report does", () => {
    const matched = row("en", "matchedStratified");
    expect(matched[0]).toBe("PS-matched Cox stratified on matched set (matched sample, conditional HR)");
    expect(matched.at(-1)).toBe("matched sample: 11 of 40 treated patients kept; conditional HR; not a causal effect here (immortal time)");
    const weighted = row("en", "weighted");
    expect(weighted[0]).toBe("IPTW Cox (ATE weights, marginal HR; robust SE)");
    expect(weighted.at(-1)).toBe("ATE weights; marginal HR; not a causal effect here (immortal time)");
    for (const id of ["matched", "matchedStratified", "matchedAdjusted", "weighted", "weightedMEstimation", "weightedAdjusted", "weightedAdjustedMEstimation"]) {
      const c = row("en", id);
      expect(c[0]).not.toMatch(/\((ATM|ATE|ATT)\b(?! weights)/);
      expect(c.at(-1)).not.toMatch(/^(ATM|ATE|ATT)\b(?! weights)/);
    }
  });

  it("shows each row's flags after its hazard ratio", () => {
    expect(row("en", "matchedStratified")[2]).toMatch(/; only 5 events in informative matched sets: imprecise; matching worsened balance: not confounding-adjusted$/);
    expect(row("en", "weighted")[2]).toMatch(/^1\.22 \(0\.39–3\.75\); residual imbalance after weighting: 4 of 8 covariate terms imbalanced$/);
    // a row without a flag has none
    expect(row("en", "crude")[2]).not.toContain(";");
  });

  it.each(["en", "de", "ja"] as const)("shows in %s the label, estimand and flags of the report's table (effectRows)", (language) => {
    const views = withLanguage(language, () => effectRows(summary.analyses.effects!, summary.primary));
    for (const [k, e] of summary.analyses.effects!.estimates.entries()) {
      const c = row(language, e.id);
      const v = views[k];
      expect(c[0]).toBe(v.analysis);
      expect(c.at(-1)).toBe(v.estimand ?? "");
      for (const f of v.flags ?? []) expect(c[2]).toContain(f);
    }
  });

  it.each(["en", "de", "ja"] as const)("names the refused rows of the not-estimable list in %s by their scheme, not an estimand", (language) => {
    const list = byTestId(view(language), "not-estimable");
    expect(list).toBeDefined();
    const items = texts(list).join("\n");
    const t = messagesFor(language).effects;
    expect(items).toContain(t.matchedScheme);
    expect(items).toContain(t.weightsScheme("ATE"));
    expect(items).not.toMatch(/[(（](ATM|ATE)[,、，]/);
  });
});

describe("the app's notes list shows the warnings as the report does (session 12)", () => {
  const results = exampleResults();
  const summary = resultsSummary(results);
  it.each(["en", "de", "ja"] as const)("in %s: rows biased by design named by their scheme, never '(ATM, …' / '(ATE, …'", (language) => {
    const shown = summary.warningsShown?.[language] ?? [];
    expect(shown.length).toBe(results.warnings.length);
    // the engine's own texts name the estimands (results.json keeps them) …
    expect(results.warnings.some((w) => /\((ATM|ATE), /.test(w))).toBe(true);
    // … the app's list, like Read first and summary.txt, names the schemes of the rows biased by design
    const view = ResultsView({ results: summary, reportHtml: "<p>report</p>", downloads: [], ms: 1, language });
    const all = texts(view).join("\n");
    for (const w of shown) expect(all).toContain(w);
    expect(shown.filter((w) => /^(?!.*landmark).*(PS-matched Cox|IPTW Cox)[^(]*\((ATM|ATE), /.test(w))).toEqual([]);
  });
});
