/**
 * Issue 19, the referee's reading of the example's figures: the figures carry the qualifiers of the table rows their
 * numbers come from, in the SVG itself (1); the Love plot's adjusted samples are not drawn in the treatment groups'
 * colours (2); the clone–censor–weight figure counts its numbers at risk at the tick, as every other risk table (3);
 * the balance counts say their criterion, and an SMD just below the threshold is not printed as the threshold (4).
 */
import { describe, expect, it } from "vitest";
import { buildReportModel } from "../../src/report/render.js";
import { seriesColor } from "../../src/report/plots/theme.js";
import { engineText } from "../../src/i18n/warnings.js";
import { withLanguage } from "../../src/i18n/language.js";
import { summaryText } from "../../src/cli/commands/run.js";
import { exampleResults } from "./render-study.js";
import { findAll, hasClass, parseXml } from "./plots/xml.js";

type Lang = "en" | "de" | "ja";
const built = (() => {
  const cache = new Map<Lang, ReturnType<typeof buildReportModel>>();
  return (lang: Lang = "en") => {
    const hit = cache.get(lang);
    if (hit !== undefined) return hit;
    const b = buildReportModel(exampleResults(), lang);
    cache.set(lang, b);
    return b;
  };
})();
const figure = (id: string, lang: Lang = "en") => {
  const f = built(lang).figures.find((x) => x.id === id);
  if (f === undefined) throw new Error(`figure ${id} not in the report`);
  return f;
};
/** The SVG's annotation text, wrapped lines joined again. */
const annotation = (svg: string): string =>
  findAll(parseXml(svg), (e) => hasClass(e, "annotation"))
    .flatMap((a) => findAll(a, (e) => e.name === "text").map((t) => t.text))
    .join(" ");
/** Numbers-at-risk rows: each cell's time (its tick) and number. */
const riskRows = (svg: string): { time: number; n: number }[][] =>
  findAll(parseXml(svg), (e) => hasClass(e, "risk-row")).map((row) => findAll(row, (e) => e.name === "text" && hasClass(e, "risk-n")).map((c) => ({ time: Number(c.attrs["data-time"]), n: Number(c.text) })));

describe("issue 19 (1): every figure carries its table row's qualifiers in the SVG", () => {
  it("km: the naive comparison by treatment ever received says 'biased by design (immortal time)' beside its log-rank p and HR", () => {
    const a = annotation(figure("km").svg);
    expect(a).toMatch(/Log-rank p = [\d.]+ \(unadjusted, n = 64\)/);
    expect(a).toContain("biased by design (immortal time)");
  });

  it("km-matched and km-weighted: the effects table's flag texts of their estimates, and the immortal-time label", () => {
    const flags = exampleResults().analyses.effects?.flags ?? [];
    const matchedFlag = flags.find((f) => f.id === "matched" && f.kind === "balanceWorsened");
    const weightedFlag = flags.find((f) => f.id === "weightedMEstimation" && f.kind === "residualImbalance");
    expect(matchedFlag?.text).toBe("matching worsened balance: not confounding-adjusted");
    expect(weightedFlag?.text).toMatch(/^residual imbalance after weighting: \d+ of \d+ covariate terms imbalanced$/);
    const m = annotation(figure("km-matched").svg);
    const w = annotation(figure("km-weighted").svg);
    expect(m.toLowerCase()).toContain(matchedFlag!.text);
    expect(w.toLowerCase()).toContain(weightedFlag!.text);
    for (const a of [m, w]) expect(a).toContain("biased by design (immortal time)");
    // translated as the table translates them
    const de = annotation(figure("km-matched", "de").svg);
    const deFlag = withLanguage("de", () => engineText(matchedFlag!.text));
    expect(deFlag).not.toBe(matchedFlag!.text);
    expect(de.toLowerCase()).toContain(deFlag.toLowerCase());
    expect(de).toContain("Immortal-Time-Bias");
    // (Japanese wraps between characters: the lines are joined without the space)
    expect(annotation(figure("km-weighted", "ja").svg).replace(/ /g, "")).toContain("イモータルタイム");
  });

  it("cif: Gray's tests compare groups by treatment ever received and say so", () => {
    const a = parseXml(figure("cif").svg).text;
    expect(a).toMatch(/Gray.s test, Sarcoma \(n = 64\)/);
    expect(annotation(figure("cif").svg)).toContain("biased by design (immortal time)");
  });
});

describe("issue 19 (2): the Love plot's adjusted samples are not in the treatment groups' colours", () => {
  it("Matched and IPTW markers use neither the untreated nor the treated colour of the KM figures", () => {
    const km = findAll(parseXml(figure("km").svg), (e) => hasClass(e, "km-curve")).map((e) => e.attrs.stroke);
    expect(km).toEqual([seriesColor(0), seriesColor(1)]);
    const fills = new Set(findAll(parseXml(figure("love").svg), (e) => hasClass(e, "smd-adjusted")).map((e) => e.attrs.fill));
    expect(fills.size).toBe(2);
    for (const f of fills) expect(km).not.toContain(f);
  });
});

describe("issue 19 (3): the CCW figure's numbers at risk are counted at the tick", () => {
  it("each cell is the strategy's clones with follow-up ≥ the tick (the arm's atRisk), not the next death's risk set", () => {
    const cw = exampleResults().analyses.immortalTime!.cloneCensorWeight!;
    const svg = figure("ccw").svg;
    const rows = riskRows(svg);
    expect(rows).toHaveLength(2);
    const arms = [cw.arms[1], cw.arms[0]]; // the no-treatment strategy first, as the untreated group
    const atTick = (a: (typeof arms)[number], x: number): number => a.atRisk.n[a.atRisk.time.findIndex((u) => u >= x)] ?? 0;
    const nextDeath = (a: (typeof arms)[number], x: number): number => a.curve.nRiskUnweighted[a.curve.time.findIndex((u) => u >= x)] ?? 0;
    let differs = false;
    rows.forEach((cells, k) => {
      expect(cells.length).toBeGreaterThan(3);
      for (const c of cells) {
        expect(c.n).toBe(atTick(arms[k], c.time));
        if (atTick(arms[k], c.time) !== nextDeath(arms[k], c.time)) differs = true;
      }
    });
    expect(differs).toBe(true);
    // the caption says how the numbers are counted, without "the next death"
    expect(figure("ccw").caption).toMatch(/at risk at each time \(follow-up at least that long/);
    expect(figure("ccw").caption).not.toContain("next death");
  });

  it("the beyond-the-data counts are the figure's: the clones in follow-up at t", () => {
    const cw = exampleResults().analyses.immortalTime!.cloneCensorWeight!;
    for (const d of cw.survivalDifference) expect(d.nRiskUnweighted).toEqual(d.inFollowUp);
  });

  it("the beyond-the-data warning is translated (its pattern follows the new text)", () => {
    const w = "clone–censor–weight: survival difference at 60 months not shown, not estimable: beyond the data, where the figure ends a curve (8 and 3 patients at risk (in follow-up) in the two strategies, fewer than 5); results.json keeps the number, flagged beyondData";
    const de = withLanguage("de", () => engineText(w));
    const ja = withLanguage("ja", () => engineText(w));
    expect(de).toContain("8 und 3 Patienten unter Risiko (unter Beobachtung) in den beiden Strategien, weniger als 5");
    expect(ja).toContain("8例と3例");
    expect(ja).not.toContain("beyond the data");
  });
});

describe("issue 19 (4): balance counts name their criterion; SMDs show which side of the threshold they are on", () => {
  const p = () => exampleResults().analyses.propensity!;

  it("the matched verdict counts the terms beyond either criterion and, of them, those with |SMD| ≥ 0.1: the count the worsening compares", () => {
    const v = p().balance.verdicts.find((x) => x.sample === "matched")!;
    const bySmd = v.imbalanced.filter((x) => x.failed.includes("smd")).length;
    expect(bySmd).toBeLessThan(v.nImbalanced);
    expect(v.text).toContain(`${v.nImbalanced} of ${v.nTerms} covariate terms remain imbalanced (|SMD| ≥ 0.1 or variance ratio outside 0.50–2), ${bySmd} of them with |SMD| ≥ 0.1:`);
    const worse = (p().balance.worsened ?? []).find((x) => x.sample === "matched")!;
    expect(worse.beyondAfter).toBe(bySmd);
    // translated: the pattern still matches the verdict
    const de = withLanguage("de", () => engineText(v.text));
    expect(de).toContain(`, davon ${bySmd} mit |SMD| ≥ 0,1:`);
    expect(withLanguage("ja", () => engineText(v.text))).toContain(`うち |SMD| ≥ 0.1 は${bySmd}個`);
  });

  it("an |SMD| just below 0.1 is printed with the decimals that show it (verdict, balance table, summary.txt), never as 0.10", () => {
    const after = p().analysis.matching!.balance.after!;
    const age = after.find((r) => r.covariate === "age_primary")!;
    expect(Math.abs(age.smd)).toBeLessThan(0.1);
    expect(Number(Math.abs(age.smd).toFixed(2))).toBe(0.1);
    const shown = age.smd.toFixed(4).replace("-", "−");
    const v = p().balance.verdicts.find((x) => x.sample === "matched")!;
    expect(v.text).toContain(`(SMD ${shown}, variance ratio`);
    const table = built().tables.find((t) => t.id === "balance")!.table;
    const row = table.rows.find((r) => String(r[0]).startsWith("Age at diagnosis"))!;
    expect(row).toContain(shown);
    expect(row.filter((c) => c === "0.10" || c === "−0.10")).toEqual([]);
    expect(summaryText(exampleResults())).toContain(`(SMD ${shown}, variance ratio`);
  });
});
