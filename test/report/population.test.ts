/**
 * Issue 13, item 1 (figure annotation): a Kaplan–Meier figure carries only numbers computed on the same
 * patients as its curves (same n), or none, and its caption states n and the population. Before, the
 * all-patients figure (n = 64) carried the crude Cox HR of the complete cases (n = 56).
 */
import { describe, expect, it } from "vitest";
import { buildReportModel, kmAnnotation } from "../../src/report/render.js";
import { fmtRatioCi } from "../../src/report/tables.js";
import { formatP } from "../../src/report/table1.js";
import type { LogrankResult } from "../../src/survival/logrank.js";
import { exampleResults } from "./render-study.js";

/** The text lines of a KM figure's annotation (the `<g class="annotation">` of src/report/plots/km.ts). */
function annotationLines(svg: string): string[] {
  const m = /<g class="annotation">([\s\S]*?)<\/g>/.exec(svg);
  if (!m) return [];
  const unescape = (t: string): string => t.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;|&apos;/g, "'").replace(/&amp;/g, "&");
  return [...m[1].matchAll(/<text[^>]*>([\s\S]*?)<\/text>/g)].map((t) => unescape(t[1].replace(/<[^>]+>/g, "")));
}


/** The last annotation line of a figure comparing patients by treatment ever received from the origin (issue 19). */
const BIAS_LINE = "Groups by treatment ever received, from the origin: biased by design (immortal time)";

describe("KM figure of all patients", () => {
  const r = exampleResults();
  const built = buildReportModel(r);
  const fig = built.figures.find((f) => f.id === "km")!;
  const km = r.analyses.km!;
  const lr = r.analyses.logrank!;
  const crude = r.analyses.effects!.estimates.find((e) => e.id === "crude")!;

  it("is the situation of the issue: curves on all patients, the crude Cox HR on fewer", () => {
    expect(km.n).toBe(64);
    expect(lr.n).toBe(km.n);
    expect(crude.n).toBeLessThan(km.n);
  });

  it("is annotated with the log-rank p and HR of the curves' own patients, and no Cox HR of the subset", () => {
    const lines = annotationLines(fig.svg);
    const oe = lr.hazardRatio!.observedExpectedRatio;
    // the last line qualifies the naive comparison as its table row does (issue 19)
    expect(lines).toEqual([`Log-rank p = ${formatP(lr.p)} (unadjusted, n = ${km.n})`, `HR ${fmtRatioCi(oe.estimate, oe.lower, oe.upper)} from the log-rank (O/E), unadjusted, n = ${km.n}`, BIAS_LINE]);
    expect(fig.svg).not.toContain(fmtRatioCi(crude.hr, crude.lower, crude.upper));
    expect(fig.svg).not.toContain("Cox HR");
  });

  it("states n, the groups and the population in the caption, and where the subset's HR is", () => {
    // the groups by their level labels (spec labels), as the legend
    const labels = r.spec.labels?.[r.spec.treatment?.column ?? ""] ?? {};
    expect(fig.caption).toContain(`n = ${km.n} (${km.strata.map((s) => `${labels[s.name] ?? s.name}: ${s.n}`).join(", ")})`);
    expect(fig.caption).toContain(`all ${km.n} patients`);
    // the Cox HR on the curves' own patients is the immortal-time section's naive row, named with its HR; the crude Cox
    // of the treatment-effect table is on fewer patients (referee A13: no longer "it is under Treatment effect")
    const naive = r.analyses.immortalTime!.naive.cox;
    expect(naive.n).toBe(km.n);
    const t = naive.terms[0];
    expect(fig.caption).toContain(`The Cox HR on the same ${km.n} patients, ${fmtRatioCi(t.hr, t.lower, t.upper)}, is the naive row of the table under Immortal time (biased by design); the crude Cox HR under Treatment effect is on ${crude.n} patients`);
    expect(fig.caption).not.toContain("not on this figure");
  });

  it("without an immortal-time naive Cox on the curves' patients, says where the crude Cox HR of the subset is", () => {
    const a = kmAnnotation({ n: lr.n }, lr, { hr: 0.5, lower: 0.25, upper: 1, n: lr.n - 3 }, undefined, true, { hr: 0.7, lower: 0.3, upper: 1.6, n: lr.n - 1 });
    expect(a.caption).toContain(`computed on ${lr.n - 3} patients`);
    expect(a.caption).not.toContain("naive row");
  });

  it("agrees with the line under it (the same HR)", () => {
    const oe = lr.hazardRatio!.observedExpectedRatio;
    const html = built.model.sections.find((s) => s.id === "survival")!.blocks.filter((b) => b.kind === "text").map((b) => (b as { text: string }).text).join(" ");
    const [est, lo, hi] = /^([\d.]+) \(([\d.]+)–([\d.]+)\)$/.exec(fmtRatioCi(oe.estimate, oe.lower, oe.upper))!.slice(1);
    expect(html).toContain(`${est} (95% CI ${lo}–${hi})`);
  });
});

describe("KM figures of the adjusted samples", () => {
  const r = exampleResults();
  const built = buildReportModel(r);
  const effects = r.analyses.effects!.estimates;
  /**
   * A matched or weighted figure's caption and survival table carry the sample's flag and, at their end, the marks of
   * the effects-table row that starts with `rowLabel` (referee A9).
   */
  const expectFlagAndMarks = (caption: string | undefined, flag: string, rowLabel: string, tableId: string, titlePart: string): void => {
    expect(caption).toContain(`Flag of these curves: ${flag}.`);
    if (caption === undefined) return;
    const row = built.tables.find((t) => t.id === "effects")!.table.rows.find((x) => x[0].startsWith(rowLabel))!;
    const rowMark = /⚠[\d,]+/.exec(row.join(" "))![0];
    expect(caption.endsWith(` ${rowMark}`)).toBe(true);
    const title = built.tables.find((t) => t.id === tableId)!.table.title;
    expect(title).toContain(titlePart);
    expect(title.endsWith(` ${rowMark}`)).toBe(true);
  };

  it("annotate the matched curves only with the matched sample's log-rank and Cox HR (same n)", () => {
    const p = r.analyses.propensity!;
    const fig = built.figures.find((f) => f.id === "km-matched")!;
    const hr = effects.find((e) => e.id === "matched")!;
    expect(hr.n).toBe(p.matched!.km.n);
    expect(p.matched!.logrank.n).toBe(p.matched!.km.n);
    // then the effects table's flag of the estimate and the immortal-time label (issue 19)
    expect(annotationLines(fig.svg)).toEqual([`Matched log-rank p = ${formatP(p.matched!.logrank.p)} (n = ${hr.n})`, `HR ${fmtRatioCi(hr.hr, hr.lower, hr.upper)}: PS-matched Cox`, `(matched sample, marginal HR; robust SE clustered on matched set; n = ${hr.n})`, "Matching worsened balance: not confounding-adjusted", BIAS_LINE]);
    expect(fig.caption).toContain(`Population: matched patients, n = ${p.matched!.km.n}`);
    // the sample's flag and the marks of its HR row (referee A9)
    expectFlagAndMarks(fig.caption, "matching worsened balance: not confounding-adjusted", "PS-matched Cox (matched sample, marginal HR)", "survival-matched", "biased by design (immortal time); matching worsened balance: not confounding-adjusted (matched patients, n = 22)");
  });

  it("annotate the weighted curves only with the weighted Cox HR of the same n", () => {
    const p = r.analyses.propensity!;
    const fig = built.figures.find((f) => f.id === "km-weighted")!;
    const hr = effects.find((e) => e.id === "weightedMEstimation") ?? effects.find((e) => e.id === "weighted")!;
    expect(hr.n).toBe(p.weighted!.km.n);
    expect(annotationLines(fig.svg)).toEqual([`HR ${fmtRatioCi(hr.hr, hr.lower, hr.upper)}: IPTW Cox`, `(${hr.estimand} weights, marginal HR; ${hr.id === "weightedMEstimation" ? "M-estimation SE" : "robust SE"}; n = ${hr.n})`, "Residual imbalance after weighting: 4 of 8 covariate terms imbalanced", BIAS_LINE]);
    expect(fig.caption).toContain(`Population: patients with a propensity score, n = ${p.weighted!.km.n}`);
    // not "adjusted" curves: biased by design and flagged; the flag and the marks of the HR row shown (referee A9)
    expect(fig.caption?.startsWith("Weighted Kaplan–Meier estimates")).toBe(true);
    expectFlagAndMarks(fig.caption, "residual imbalance after weighting: 4 of 8 covariate terms imbalanced", "IPTW Cox (ATE weights, marginal HR; M-estimation SE)", "survival-weighted", "IPTW (ATE weights), biased by design (immortal time); residual imbalance after weighting: 4 of 8 covariate terms imbalanced");
    // the weighting note names the weights' target, not the ATE as an estimand (referee A8)
    const note = built.tables.find((t) => t.id === "weighting")!.table.footnotes[0];
    expect(note.startsWith("Weights: ATE weights (target: the whole study population); here the weighted comparison is by treatment ever received from the origin and biased by design (immortal time), so it does not estimate the ATE.")).toBe(true);
    expect(note).not.toContain("had the whole study population been treated");
  });
});

describe("kmAnnotation", () => {
  const lr = exampleResults().analyses.logrank! as LogrankResult;

  it("uses the crude Cox HR when it is on the curves' patients", () => {
    const a = kmAnnotation({ n: lr.n }, lr, { hr: 0.5, lower: 0.25, upper: 1, n: lr.n });
    expect(a.annotation).toEqual([`Log-rank p = ${formatP(lr.p)} (unadjusted, n = ${lr.n})`, `Crude Cox HR ${fmtRatioCi(0.5, 0.25, 1)} (treatment only, n = ${lr.n})`]);
    expect(a.caption).toContain(`same ${lr.n} patients`);
  });

  it("falls back to the log-rank HR when the Cox HR is on other patients, and says why", () => {
    const a = kmAnnotation({ n: lr.n }, lr, { hr: 0.5, lower: 0.25, upper: 1, n: lr.n - 3 });
    expect(a.annotation.join(" ")).not.toContain(fmtRatioCi(0.5, 0.25, 1));
    expect(a.annotation[1]).toMatch(/from the log-rank \(O\/E\), unadjusted, n = \d+$/);
    expect(a.caption).toContain(`computed on ${lr.n - 3} patients`);
  });

  it("shows nothing computed on other patients", () => {
    const a = kmAnnotation({ n: lr.n + 1 }, lr, { hr: 0.5, lower: 0.25, upper: 1, n: lr.n });
    expect(a.annotation).toEqual([]);
    expect(a.caption).toContain(`computed on ${lr.n} patients, not the ${lr.n + 1}`);
  });
});
