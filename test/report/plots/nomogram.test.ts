/** Nomogram: points scale, total points, survival axis from S₀(t), escaping, snapshot. */
import { describe, expect, it } from "vitest";
import { nomogramPlot, nomogramPoints, type NomogramInput } from "../../../src/report/plots/nomogram.js";
import { coxFit } from "../../../src/survival/cox/fit.js";
import { baselineAt } from "../../../src/survival/validation/model.js";
import { expectClose } from "../../helpers/expect-close.js";
import { loadFixture } from "../../helpers/fixtures.js";
import { compareSnapshot } from "./snapshot.js";
import { findAll, hasClass, parseXml, type XmlElement } from "./xml.js";
import { textWidth } from "../../../src/report/plots/svg.js";

// age: effect range 0.02 × 40 = 0.8 (100 points); size: 0.004 × 100 = 0.4 (50 points); timing: |−0.6| × 1 = 0.6 (75 points)
const input: NomogramInput = {
  columns: [
    { name: "age_primary", coef: 0.02, min: 30, max: 70 },
    { name: "primary_size_mm", coef: 0.004, min: 20, max: 120 },
    { name: "timingsynchronous", coef: -0.6, min: 0, max: 1, binary: true },
  ],
  time: 60,
  baselineSurv: 0.5,
  centre: 1.2,
};

const rows = (root: XmlElement, cls: string): XmlElement[] => findAll(root, (e) => hasClass(e, "nomogram-row") && hasClass(e, cls));
/** Tick label text and the x of its tick mark. */
const ticksOf = (row: XmlElement): { label: string; x: number }[] =>
  findAll(row, (e) => hasClass(e, "tick")).map((t) => ({ label: t.text, x: Number(t.children.find((c) => c.name === "line")!.attrs.x1) }));

describe("nomogramPlot", () => {
  it("gives the largest effect range 100 points and the others in proportion (hand-computed)", () => {
    expect(nomogramPoints(input.columns[0], 70, 0.8)).toBeCloseTo(100, 12);
    expect(nomogramPoints(input.columns[1], 120, 0.8)).toBeCloseTo(50, 12);
    // negative coefficient: 0 points at the top of the range, 75 at the bottom
    expect(nomogramPoints(input.columns[2], 1, 0.8)).toBeCloseTo(0, 12);
    expect(nomogramPoints(input.columns[2], 0, 0.8)).toBeCloseTo(75, 12);
  });

  it("places covariate ticks on the points scale", () => {
    const root = parseXml(nomogramPlot(input, { levelLabels: { timingsynchronous: ["metachronous", "synchronous"] } }));
    const points = ticksOf(rows(root, "points")[0]);
    const at = (v: string): number => points.find((t) => t.label === v)!.x;
    const cov = rows(root, "covariate");
    const age = ticksOf(cov[0]);
    // tolerance: 0.05 px: tick positions are written rounded
    expect(age.find((t) => t.label === "30")!.x).toBeCloseTo(at("0"), 1);
    // tolerance: 0.05 px: tick positions are written rounded
    expect(age.find((t) => t.label === "70")!.x).toBeCloseTo(at("100"), 1);
    const size = ticksOf(cov[1]);
    // tolerance: 0.05 px: tick positions are written rounded
    expect(size.find((t) => t.label === "120")!.x).toBeCloseTo(at("50"), 1);
    const timing = ticksOf(cov[2]);
    expect(timing.map((t) => t.label)).toEqual(["metachronous", "synchronous"]);
    // tolerance: 0.05 px: tick positions are written rounded
    expect(timing[1].x).toBeCloseTo(at("0"), 1);
  });

  it("puts survival s at total points P with S0^exp(η(P) − centre) = s (hand-derived)", () => {
    const root = parseXml(nomogramPlot(input));
    const total = ticksOf(rows(root, "total-points")[0]);
    const t0 = total.find((t) => t.label === "0")!.x;
    const t100 = total.find((t) => t.label === "100")!.x;
    const surv = ticksOf(rows(root, "survival")[0]);
    expect(surv.length).toBeGreaterThan(2);
    // refSum = 0.02·30 + 0.004·20 + (−0.6)·1 = 0.08; η(P) = 0.08 + 0.008·P
    for (const t of surv) {
      const P = ((t.x - t0) / (t100 - t0)) * 100;
      const s = 0.5 ** Math.exp(0.08 + 0.008 * P - 1.2);
      // tolerance: 0.005: points read back from rounded tick positions
      expect(s).toBeCloseTo(Number(t.label), 2);
    }
    // total points run to 100 + 50 + 75 = 225
    expect(findAll(root, (e) => e.name === "desc")[0].text).toContain("0–225");
  });

  it("escapes labels", () => {
    const svg = nomogramPlot(input, { labels: { age_primary: "<script>x</script>" }, levelLabels: { timingsynchronous: ["<b>", "&"] } });
    expect(svg).not.toMatch(/<(script|b)>/);
    expect(parseXml(svg).text).toContain("<script>x</script>");
  });

  it("rejects a model without any effect", () => {
    expect(() => nomogramPlot({ ...input, columns: [{ name: "a", coef: 0, min: 0, max: 1 }] })).toThrow(/non-zero coefficient/);
  });

  it("is deterministic and matches its snapshot", () => {
    expect(nomogramPlot(input)).toBe(nomogramPlot(input));
    expect(compareSnapshot("nomogram-lms", nomogramPlot(input, { labels: { age_primary: "Age at primary (years)", primary_size_mm: "Primary size (mm)", timingsynchronous: "Timing" }, levelLabels: { timingsynchronous: ["metachronous", "synchronous"] }, survivalLabel: "5-year survival" }))).toBeNull();
  });
});

describe("nomogramPlot on the example cohort (R fixture validation/lms-cohort)", () => {
  const fx = loadFixture<{ time: number[]; status: number[]; columns: string[]; x: number[][]; t: number }, { predicted: number[] }>("validation", "lms-cohort");
  const n = fx.input.time.length;
  const x = new Float64Array(n * fx.input.columns.length);
  fx.input.x.forEach((col, j) => x.set(col, j * n));
  const input = { time: Float64Array.from(fx.input.time), status: Int32Array.from(fx.input.status), x, p: fx.input.columns.length, columnNames: fx.input.columns };
  const fit = coxFit(input);
  const base = baselineAt(input, fit, fx.input.t);
  const model: NomogramInput = {
    columns: fx.input.columns.map((name, j) => ({ name, coef: fit.coef[j]!, min: Math.min(...fx.input.x[j]), max: Math.max(...fx.input.x[j]), binary: name === "timingsynchronous", levelLabels: name === "timingsynchronous" ? (["metachronous", "synchronous"] as const) : undefined })),
    time: fx.input.t,
    baselineSurv: base.baselineSurv,
    centre: base.centre,
  };

  it("total points of each patient read off R's predicted 5-year survival (survfit(fit, newdata))", () => {
    const E = Math.max(...model.columns.map((c) => Math.abs(c.coef) * (c.max - c.min)));
    const refSum = model.columns.reduce((s, c) => s + c.coef * (c.coef > 0 ? c.min : c.max), 0);
    for (let i = 0; i < n; i++) {
      const P = model.columns.reduce((s, c, j) => s + nomogramPoints(c, fx.input.x[j][i], E), 0);
      const S = base.baselineSurv ** Math.exp(refSum + (P * E) / 100 - base.centre);
      expectClose(S, fx.expected.predicted[i], { rel: 1e-8 }, `patient ${i + 1}`);
    }
  });

  it("matches its snapshot", () => {
    expect(compareSnapshot("nomogram-lms-cohort", nomogramPlot(model, { labels: { age_primary: "Age at primary (years)", primary_size_mm: "Primary tumour size (mm)", n_lung_mets: "Number of lung metastases", timingsynchronous: "Timing" }, survivalLabel: "5-year overall survival" }))).toBeNull();
  });
});

describe("nomogram row labels", () => {
  it("wraps a long label onto several lines, never cutting it, and keeps it left of the axes", () => {
    const long = "Age at diagnosis of the primary tumour in completed years";
    const root = parseXml(nomogramPlot(input, { labels: { age_primary: long } }));
    const row = rows(root, "covariate")[0];
    const label = findAll(row, (e) => hasClass(e, "row-label"))[0];
    const lines = findAll(label, (e) => e.name === "text").map((t) => ({ text: t.text, x: Number(t.attrs.x), size: Number(t.attrs["font-size"]) }));
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.map((l) => l.text).join(" ")).toBe(long);
    expect(lines.map((l) => l.text).join("")).not.toContain("…");
    const axisStart = Math.min(...ticksOf(rows(root, "points")[0]).map((t) => t.x));
    for (const l of lines) expect(l.x + textWidth(l.text, l.size)).toBeLessThan(axisStart);
  });
});

