/**
 * PH diagnostic plot (scaled Schoenfeld residuals): points, LOWESS smooth, reference lines, the PH test
 * in the corner, the time axis of each transform, escaping, determinism, validation and snapshots on
 * lung (coxph(Surv(time, status) ~ age + sex + ph.karno), where ph.karno violates PH: cox.zph p = 0.0046).
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readTableFile } from "../../../src/data/read-file.js";
import { lowess } from "../../../src/math/lowess.js";
import { zphPlot, type ZphPlotInput } from "../../../src/report/plots/zph.js";
import { coxph } from "../../../src/survival/coxph.js";
import type { ZphTransform } from "../../../src/survival/cox/zph.js";
import { buildReportModel, renderReport, zphBlocks } from "../../../src/report/render.js";
import type { CoxStepResult } from "../../../src/study/cox-step.js";
import type { StudyResults } from "../../../src/study/run.js";
import { fixtureRoot } from "../../helpers/fixtures.js";
import { exampleResults } from "../render-study.js";
import { compareSnapshot } from "./snapshot.js";
import { findAll, hasClass, parseXml, type XmlElement } from "./xml.js";

const lung = readTableFile(join(fixtureRoot, "..", "data", "lung.csv")).table;
const FORMULA = "Surv(time, status) ~ age + sex + ph.karno";
const fits = new Map<ZphTransform, ReturnType<typeof coxph>>();
function lungFit(transform: ZphTransform = "km"): ReturnType<typeof coxph> {
  let f = fits.get(transform);
  if (!f) {
    f = coxph(lung, FORMULA, { zph: transform });
    fits.set(transform, f);
  }
  return f;
}
const zphOf = (t: ZphTransform = "km"): ZphPlotInput => lungFit(t).zph!;
const coefOf = (j: number): number => lungFit().fit.coef[j] as number;

const tickLabels = (root: XmlElement): XmlElement[] => findAll(findAll(root, (e) => hasClass(e, "x-axis"))[0], (e) => hasClass(e, "tick-label"));
const pointCount = (root: XmlElement): number => ((findAll(root, (e) => hasClass(e, "zph-points"))[0]?.attrs.d ?? "").match(/M/g) ?? []).length;

describe("zphPlot", () => {
  it("draws one point per event with a residual, the LOWESS smooth, and dashed lines at the coefficient and at 0", () => {
    const z = zphOf();
    const root = parseXml(zphPlot(z, { column: 2, coef: coefOf(2) }));
    expect(pointCount(root)).toBe(z.x.length);
    expect(z.x.length).toBe(lungFit().fit.nEvent); // 164 deaths among the 227 rows with ph.karno
    const smooth = findAll(root, (e) => hasClass(e, "zph-smooth"));
    expect(smooth).toHaveLength(1);
    expect((smooth[0].attrs.d.match(/[ML]/g) ?? []).length).toBe(z.x.length);
    expect(findAll(root, (e) => hasClass(e, "zph-coef"))[0].attrs["stroke-dasharray"]).toBe("4,3");
    expect(findAll(root, (e) => hasClass(e, "zph-zero"))).toHaveLength(1);
    expect(findAll(parseXml(zphPlot(z, { column: 2 })), (e) => hasClass(e, "zph-coef"))).toHaveLength(0);
    expect(findAll(parseXml(zphPlot(z, { column: 2, smooth: false })), (e) => hasClass(e, "zph-smooth"))).toHaveLength(0);
  });

  it("places the smooth at R's lowess of the points (first and last vertex)", () => {
    const z = zphOf();
    const root = parseXml(zphPlot(z, { column: 2, coef: coefOf(2) }));
    const s = lowess(z.x, z.y.map((r) => r[2] as number));
    const pts = (findAll(root, (e) => hasClass(e, "zph-points"))[0].attrs.d.match(/M(-?[\d.]+),(-?[\d.]+)/g) ?? []).map((m) => m.slice(1).split(",").map(Number));
    const d = findAll(root, (e) => hasClass(e, "zph-smooth"))[0].attrs.d;
    const verts = (d.match(/[ML](-?[\d.]+),(-?[\d.]+)/g) ?? []).map((m) => m.slice(1).split(",").map(Number));
    // x pixel of the smooth's first vertex = the point with the smallest x (its path starts r to the left)
    const minPx = Math.min(...pts.map((p) => p[0])) + 1.7;
    expect(Math.abs(verts[0][0] - minPx)).toBeLessThan(0.02);
    // the smooth rises for ph.karno (β(t) increases: the Karnofsky effect fades over time)
    expect(s.y[s.y.length - 1]).toBeGreaterThan(s.y[0]);
    expect(verts[verts.length - 1][1]).toBeLessThan(verts[0][1]);
  });

  it("prints the term's PH test p in the corner (one test per column) and the joint test of a grouped term", () => {
    const root = parseXml(zphPlot(zphOf(), { column: 2 }));
    expect(findAll(root, (e) => hasClass(e, "zph-test"))[0].text).toBe("PH test p = 0.0046");
    const grouped = coxph(lung, "Surv(time, status) ~ age + factor(ph.ecog)", { zph: "km" });
    const z = grouped.zph!;
    expect(z.terms).toHaveLength(2);
    // three dummy columns for two tests: no p unless the term is named
    expect(findAll(parseXml(zphPlot(z, { column: 1 })), (e) => hasClass(e, "zph-test"))).toHaveLength(0);
    const named = parseXml(zphPlot(z, { column: 1, term: "factor(ph.ecog)", label: "ECOG 1 vs 0" }));
    expect(findAll(named, (e) => hasClass(e, "zph-test"))[0].text).toMatch(/^PH test p [=<] .* \(3 df\)$/);
  });

  it("labels the km-scale axis with times (2 significant digits) at their transformed positions, increasing", () => {
    const z = zphOf();
    const root = parseXml(zphPlot(z, { column: 2, timeUnit: "days" }));
    const ticks = tickLabels(root);
    expect(ticks.length).toBeGreaterThanOrEqual(4);
    const times = ticks.map((t) => Number(t.text.replace(/,/g, "")));
    for (const t of times) expect(Number(t.toPrecision(2))).toBe(t);
    const xs = ticks.map((t) => Number(t.attrs.x));
    for (let k = 1; k < xs.length; k++) {
      expect(xs[k]).toBeGreaterThan(xs[k - 1]);
      expect(times[k]).toBeGreaterThan(times[k - 1]);
    }
    expect(findAll(root, (e) => hasClass(e, "axis-title")).map((e) => e.text)).toContain("Time (days), Kaplan–Meier scale");
  });

  it("puts identity ticks at the times themselves and log ticks at round times", () => {
    const id = parseXml(zphPlot(zphOf("identity"), { column: 0 }));
    const idTicks = tickLabels(id);
    expect(idTicks.map((t) => t.text)).toEqual(["0", "100", "200", "300", "400", "500", "600", "700", "800", "900"]);
    const lg = parseXml(zphPlot(zphOf("log"), { column: 0, width: "double" }));
    expect(tickLabels(lg).map((t) => t.text)).toEqual(["5", "10", "20", "50", "100", "200", "500", "1,000"]);
    expect(findAll(lg, (e) => hasClass(e, "axis-title")).map((e) => e.text)).toContain("Time, log scale");
  });

  it("skips events without a residual for the column (null: the covariate is constant in that stratum)", () => {
    const z: ZphPlotInput = {
      transform: "identity",
      x: [1, 2, 3, 4, 5],
      time: [1, 2, 3, 4, 5],
      y: [[0.5, null], [0.1, 0.2], [-0.3, null], [0.2, 0.4], [0.0, 0.1]],
      terms: [{ name: "a", p: 0.5, df: 1 }, { name: "b", p: 0.04, df: 1 }],
    };
    expect(pointCount(parseXml(zphPlot(z, { column: 1 })))).toBe(3);
    expect(pointCount(parseXml(zphPlot(z, { column: 0 })))).toBe(5);
    // no events at all: axes only
    const empty = parseXml(zphPlot({ transform: "km", x: [], time: [], y: [], terms: [] }, { column: 0 }));
    expect(pointCount(empty)).toBe(0);
  });

  it("escapes a hostile label everywhere (legend, axis titles, title, description)", () => {
    const hostile = `<script>alert(1)</script>`;
    const svg = zphPlot(zphOf(), { column: 2, coef: coefOf(2), label: hostile, xLabel: `" onload="x`, title: "<b>t</b>" });
    expect(svg).not.toContain("<script");
    expect(svg).not.toContain(`" onload="`);
    expect(svg).not.toContain("<b>");
    const root = parseXml(svg);
    expect(findAll(root, (e) => e.name === "script")).toHaveLength(0);
    expect(findAll(root, (e) => Object.keys(e.attrs).some((k) => k.startsWith("on")))).toHaveLength(0);
    expect(root.text).toContain(hostile);
  });

  it("is deterministic: the same input gives the same bytes, numbers rounded to 2 decimals", () => {
    const a = zphPlot(zphOf(), { column: 2, coef: coefOf(2) });
    expect(zphPlot(zphOf(), { column: 2, coef: coefOf(2) })).toBe(a);
    expect(a).not.toMatch(/="[^"]*\d\.\d{3,}[^"]*"/); // coordinates (attribute values) have ≤ 2 decimals
    expect(a).not.toMatch(/NaN|Infinity|undefined/);
  });

  it("uses at least 8 pt text (10.67 px at 96 dpi)", () => {
    const root = parseXml(zphPlot(zphOf(), { column: 2, coef: coefOf(2) }));
    const sizes = findAll(root, (e) => e.attrs["font-size"] !== undefined).map((e) => Number(e.attrs["font-size"]));
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(10.66);
  });

  it("rejects invalid options with OPTION_INVALID and malformed input with INPUT_INVALID", () => {
    const z = zphOf();
    expect(() => zphPlot(z, { column: 3 })).toThrow(/option column/);
    expect(() => zphPlot(z, { column: 1.5 })).toThrow(/option column/);
    expect(() => zphPlot(z, { column: 0, coef: Number.NaN })).toThrow(/option coef/);
    expect(() => zphPlot(z, { column: 0, term: "nope" })).toThrow(/option term/);
    expect(() => zphPlot(z, { column: 0, span: 0 })).toThrow(/option span/);
    expect(() => zphPlot(z, { column: 0, width: 10 })).toThrow(/width/);
    expect(() => zphPlot({ ...z, time: [] }, { column: 0 })).toThrow(/one entry per event/);
  });

  it("matches the SVG snapshots", () => {
    const cases: [string, string][] = [
      ["zph-lung-karno-km", zphPlot(zphOf(), { column: 2, coef: coefOf(2), label: "Karnofsky score (physician)", timeUnit: "days" })],
      ["zph-lung-age-identity-double", zphPlot(zphOf("identity"), { column: 0, coef: lungFit("identity").fit.coef[0] as number, width: "double", timeUnit: "days" })],
      ["zph-lung-sex-rank", zphPlot(zphOf("rank"), { column: 1, coef: lungFit("rank").fit.coef[1] as number, label: "Male sex" })],
    ];
    for (const [name, svg] of cases) expect(compareSnapshot(name, svg)).toBeNull();
  });
});

describe("the report's proportional-hazards figures", () => {
  const lungStep = (): CoxStepResult => ({
    endpoint: "os",
    univariable: [],
    multivariable: { covariates: ["age", "sex", "ph.karno"], labels: {}, termLabels: { age: "age", sexmale: "sex: male vs female", "ph.karno": "ph.karno" }, result: lungFit() },
    warnings: [],
  });

  it("draws one figure per flagged term (lung: ph.karno, PH p = 0.0046) and says which term was flagged", () => {
    const blocks = zphBlocks(lungStep(), "days");
    expect(blocks[0]).toEqual({ kind: "text", text: expect.stringMatching(/^Proportional hazards \(multivariable model\): ph\.karno was flagged .*global test χ² = .* on 3 df, p = 0\.0\d\d\)\.$/) });
    const figs = blocks.filter((b) => b.kind === "figure");
    expect(figs).toHaveLength(1);
    const f = figs[0].kind === "figure" ? figs[0].figure : undefined;
    expect(f?.id).toBe("zph-ph-karno");
    const root = parseXml(f!.svg);
    expect(findAll(root, (e) => hasClass(e, "zph-test"))[0].text).toBe("PH test p = 0.0046");
    expect(findAll(root, (e) => hasClass(e, "axis-title")).map((e) => e.text)).toContain("Time (days), Kaplan–Meier scale");
    expect(f?.caption).toContain("R's plot.cox.zph draws a spline smooth");
  });

  it("states in one sentence that no term was flagged, with the global test (the example study)", () => {
    const r = exampleResults();
    const blocks = zphBlocks(r.analyses.cox!, "months");
    expect(blocks).toHaveLength(1);
    expect(blocks[0]).toEqual({ kind: "text", text: expect.stringMatching(/^Proportional hazards \(multivariable model\): no term was flagged \(.*global test χ² = [\d.]+ on 3 df, p = 0\.\d{2,3}\)\.$/) });
    const cox = buildReportModel(r).model.sections.find((x) => x.id === "cox")!;
    expect(cox.blocks.some((b) => b.kind === "text" && b.text.includes("no term was flagged"))).toBe(true);
  });

  it("writes figures/zph-<term>.svg (and .png through the rasterizer) and puts the figure in the Cox section of report.html", async () => {
    const base = exampleResults();
    const r: StudyResults = { ...base, analyses: { ...base.analyses, cox: lungStep() } };
    const files = await renderReport(r, { rasterize: (svg) => new TextEncoder().encode(svg.slice(0, 4)) });
    expect(Object.keys(files)).toContain("figures/zph-ph-karno.svg");
    expect(Object.keys(files)).toContain("figures/zph-ph-karno.png");
    const html = files["report.html"] as string;
    const coxStart = html.indexOf('id="cox"');
    const fig = html.indexOf('id="fig-zph-ph-karno"');
    expect(coxStart).toBeGreaterThan(0);
    expect(fig).toBeGreaterThan(coxStart);
    expect(fig).toBeLessThan(html.indexOf('id="propensity"'));
  });
});
