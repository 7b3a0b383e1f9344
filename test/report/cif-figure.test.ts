/**
 * The report's cumulative incidence figure on the example (issue 19): numbers at risk under the plot from the
 * Kaplan–Meier risk sets of the same endpoint and groups, curves ending where fewer than figures.minAtRisk
 * remain at risk, CI bands with figures.ciBands, level labels from `labels`; the caption says each of these.
 */
import { describe, expect, it } from "vitest";
import { buildReportModel } from "../../src/report/render.js";
import { cifRiskSets } from "../../src/report/cif-figure.js";
import type { StudyResults } from "../../src/study/run.js";
import { exampleResults } from "./render-study.js";
import { findAll, hasClass, parseXml } from "./plots/xml.js";

function withSpec(r: StudyResults, extra: Record<string, unknown>): StudyResults {
  return { ...r, spec: { ...r.spec, ...extra } } as StudyResults;
}

function fig(r: StudyResults, id: string) {
  const f = buildReportModel(r).figures.find((x) => x.id === id);
  if (f === undefined) throw new Error(`no figure ${id}`);
  return f;
}

const riskCells = (svg: string): string[][] => findAll(parseXml(svg), (e) => hasClass(e, "risk-row")).map((row) => findAll(row, (e) => hasClass(e, "risk-n")).map((e) => e.text));

describe("the competing-risks figure of the example", () => {
  const r = exampleResults();

  it("shows the numbers at risk of the Kaplan–Meier figure of the same endpoint and groups, and says what they count", () => {
    const cr = r.analyses.competingRisks!;
    expect(cifRiskSets(r, cr)?.map((s) => s.group)).toEqual(["no", "yes"]);
    const cif = fig(r, "cif");
    const km = fig(r, "km");
    const cells = riskCells(cif.svg);
    expect(cells.length).toBe(2);
    // same ticks on both figures here (same endpoint, same follow-up): the same numbers
    expect(cells).toEqual(riskCells(km.svg));
    expect(cif.caption).toContain("Numbers at risk: patients free of any event and still followed.");
    expect(cif.caption).toContain("Curves end where fewer than 5 patients remain at risk.");
    expect(cif.caption).not.toContain("confidence bands");
    expect(findAll(parseXml(cif.svg), (e) => hasClass(e, "cif-band")).length).toBe(0);
  });

  it("takes no risk set from a Kaplan–Meier analysis of other patients or groups", () => {
    const cr = r.analyses.competingRisks!;
    const km = r.analyses.km!;
    expect(cifRiskSets({ ...r, analyses: { ...r.analyses, km: { ...km, by: undefined } } } as StudyResults, cr)).toBeNull();
    expect(cifRiskSets({ ...r, analyses: { ...r.analyses, km: { ...km, strata: km.strata.map((s, i) => (i === 0 ? { ...s, n: s.n - 1 } : s)) } } } as StudyResults, cr)).toBeNull();
    const noKm = { ...r, analyses: { ...r.analyses, km: undefined } } as StudyResults;
    expect(cifRiskSets(noKm, cr)).toBeNull();
    const svg = cifRiskSets(noKm, cr) === null ? fig(noKm, "cif").svg : "";
    expect(findAll(parseXml(svg), (e) => hasClass(e, "risk-table")).length).toBe(0);
  });

  it("shades CI bands with figures.ciBands and draws to the end with minAtRisk 0", () => {
    const banded = fig(withSpec(r, { figures: { ...r.spec.figures, ciBands: true, minAtRisk: 0 } }), "cif");
    const bands = findAll(parseXml(banded.svg), (e) => hasClass(e, "cif-band"));
    // one band per curve with events (the "yes: Other causes" curve stays at 0 and has none)
    const withEvents = r.analyses.competingRisks!.curves.filter((c) => c.events > 0).length;
    expect(bands.length).toBe(withEvents);
    expect(banded.caption).toContain("pointwise 95% confidence bands");
    expect(banded.caption).not.toContain("Curves end where");
  });

  it("names the groups by their labels in the legend and the risk table", () => {
    const column = r.spec.treatment?.column as string;
    const labelled = fig(withSpec(r, { labels: { [column]: { no: "No metastasectomy", yes: "Metastasectomy" } } }), "cif");
    const root = parseXml(labelled.svg);
    expect(findAll(root, (e) => hasClass(e, "risk-label")).map((e) => e.text)).toEqual(["No metastasectomy", "Metastasectomy"]);
    expect(findAll(root, (e) => hasClass(e, "legend"))[0].text).toContain("Metastasectomy: Sarcoma");
  });
});
