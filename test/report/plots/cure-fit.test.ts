/**
 * Cure-model fit over Kaplan–Meier: one solid Kaplan–Meier path per stratum and one dashed model path per
 * cure curve (through the given points), dotted cure lines and bands at the right height (read back through
 * the y axis parsed from the SVG), numbers at risk equal to numberAtRisk at the x ticks, escaping,
 * validation and determinism; end to end with kaplanMeier + weibullCure on the sim-n300 cure fixture.
 */
import { describe, expect, it } from "vitest";
import { SurvinferError } from "../../../src/errors.js";
import { cureFitPlot, type CureFitModelCurve } from "../../../src/report/plots/cure-fit.js";
import { numberAtRisk, type KmPlotInput } from "../../../src/report/plots/km.js";
import { weibullCure } from "../../../src/survival/cure/index.js";
import { kaplanMeier } from "../../../src/survival/kaplan-meier.js";
import { loadFixture } from "../../helpers/fixtures.js";
import { textWidth } from "../../../src/report/plots/svg.js";
import { findAll, hasClass, parseXml, type XmlElement } from "./xml.js";

// two strata with plateaus (hand-made Kaplan–Meier tables: Ŝ = Π(1 − d/n))
const km: KmPlotInput = {
  strata: [
    { name: "Surgery", time: [2, 5, 9, 14, 30], nRisk: [20, 18, 15, 12, 8], nEvent: [2, 2, 3, 0, 0], nCensor: [0, 1, 0, 4, 8], surv: [0.9, 0.8, 0.64, 0.64, 0.64] },
    { name: "No surgery", time: [1, 3, 6, 10, 24], nRisk: [10, 8, 6, 4, 2], nEvent: [2, 2, 1, 1, 0], nCensor: [0, 0, 1, 1, 2], surv: [0.8, 0.6, 0.5, 0.375, 0.375] },
  ],
};

/** S_pop(t) = π + (1 − π)·exp(−(λt)^α) on 0, 1, …, tEnd. */
function weibullMixture(name: string, pi: number, lambda: number, alpha: number, tEnd: number, ci?: [number, number]): CureFitModelCurve {
  const time = Array.from({ length: tEnd + 1 }, (_, k) => k);
  return { name, time, surv: time.map((t) => pi + (1 - pi) * Math.exp(-((lambda * t) ** alpha))), cureFraction: pi, cureLower: ci?.[0] ?? null, cureUpper: ci?.[1] ?? null };
}

const model: CureFitModelCurve[] = [weibullMixture("Surgery", 0.62, 0.15, 1.2, 30, [0.45, 0.76]), weibullMixture("No surgery", 0.34, 0.25, 1.1, 24)];

const byClass = (root: XmlElement, c: string): XmlElement[] => findAll(root, (e) => hasClass(e, c));
const axisOf = (root: XmlElement, c: "x-axis" | "y-axis"): XmlElement => byClass(root, c)[0];
const plain = (s: string): number => Number(s.replace(/,/g, "").replace("\u2212", "-"));

/** px → value along the y axis, from the parsed tick marks and labels (least squares through all ticks). */
function yAxisInverse(root: XmlElement): (px: number) => number {
  const ticks = byClass(axisOf(root, "y-axis"), "tick").map((t) => ({ v: plain(byClass(t, "tick-label")[0].text), px: Number(byClass(t, "tick-mark")[0].attrs.y1) }));
  expect(ticks.length).toBeGreaterThanOrEqual(3);
  const n = ticks.length;
  const mv = ticks.reduce((a, t) => a + t.v, 0) / n;
  const mp = ticks.reduce((a, t) => a + t.px, 0) / n;
  const slope = ticks.reduce((a, t) => a + (t.px - mp) * (t.v - mv), 0) / ticks.reduce((a, t) => a + (t.px - mp) ** 2, 0);
  return (px) => mv + slope * (px - mp);
}

/** value → px along an axis (inverse of the above, for pixel tolerances). */
function axisMap(root: XmlElement, axis: "x-axis" | "y-axis"): (v: number) => number {
  const ticks = byClass(axisOf(root, axis), "tick").map((t) => ({ v: plain(byClass(t, "tick-label")[0].text), px: Number(byClass(t, "tick-mark")[0].attrs[axis === "x-axis" ? "x1" : "y1"]) }));
  const a = ticks[0];
  const b = ticks[ticks.length - 1];
  return (v) => a.px + ((b.px - a.px) * (v - a.v)) / (b.v - a.v);
}

/** On-curve points of a path (M/L endpoints and the end point of each cubic C segment). */
function pathVertices(d: string): [number, number][] {
  const out: [number, number][] = [];
  for (const m of d.matchAll(/([MLC])([^MLCZHVz]*)/g)) {
    const nums = m[2].split(/[ ,]+/).filter((s) => s !== "").map(Number);
    if (m[1] === "C") for (let k = 0; k + 5 < nums.length; k += 6) out.push([nums[k + 4], nums[k + 5]]);
    else for (let k = 0; k + 1 < nums.length; k += 2) out.push([nums[k], nums[k + 1]]);
  }
  return out;
}

function expectInputInvalid(f: () => unknown, pattern: RegExp): void {
  let err: unknown = null;
  try {
    f();
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(SurvinferError);
  expect((err as SurvinferError).code).toBe("INPUT_INVALID");
  expect((err as SurvinferError).message).toMatch(pattern);
}

describe("cureFitPlot", () => {
  it("produces well-formed SVG with one solid Kaplan–Meier path per stratum and one dashed model path per curve, in the stratum's colour", () => {
    const root = parseXml(cureFitPlot(km, model, { timeUnit: "months" }));
    expect(root.name).toBe("svg");
    expect(root.attrs.class).toContain("survinfer-cure-fit");
    const kmPaths = byClass(root, "km-curve");
    const modelPaths = byClass(root, "cure-curve");
    expect(kmPaths).toHaveLength(2);
    expect(modelPaths).toHaveLength(2);
    for (const p of kmPaths) expect(p.attrs["stroke-dasharray"]).toBeUndefined();
    for (const p of modelPaths) expect(p.attrs["stroke-dasharray"]).toMatch(/^\d/);
    modelPaths.forEach((p, k) => {
      expect(p.attrs["data-stratum"]).toBe(String(k));
      expect(p.attrs.stroke).toBe(kmPaths[k].attrs.stroke);
    });
    expect(kmPaths[0].attrs.stroke).not.toBe(kmPaths[1].attrs.stroke);
    // "+" censoring marks where nCensor > 0 (3 times in each stratum)
    expect(byClass(root, "km-censor").map((m) => (m.attrs.d.match(/M/g) ?? []).length / 2)).toEqual([3, 3]);
  });

  it("draws a stratum without a model curve as Kaplan–Meier only, and model curves in stratum order whatever their order", () => {
    const one = parseXml(cureFitPlot(km, [model[1]]));
    expect(byClass(one, "km-curve")).toHaveLength(2);
    expect(byClass(one, "cure-curve").map((p) => p.attrs["data-stratum"])).toEqual(["1"]);
    const swapped = parseXml(cureFitPlot(km, [model[1], model[0]]));
    expect(byClass(swapped, "cure-curve").map((p) => p.attrs["data-stratum"])).toEqual(["0", "1"]);
  });

  it("puts each dotted cure line at y = cureFraction (read back through the y axis within 1 px), across the whole time axis", () => {
    for (const width of ["single", "double"] as const) {
      const root = parseXml(cureFitPlot(km, model, { width }));
      const toValue = yAxisInverse(root);
      const toPx = axisMap(root, "y-axis");
      const xPx = axisMap(root, "x-axis");
      const lines = byClass(root, "cure-line");
      expect(lines).toHaveLength(2);
      lines.forEach((l, k) => {
        const pi = model[k].cureFraction;
        expect(l.attrs["stroke-dasharray"]).toMatch(/^\d/);
        expect(l.attrs.y1).toBe(l.attrs.y2);
        expect(Math.abs(Number(l.attrs.y1) - toPx(pi))).toBeLessThanOrEqual(1);
        expect(Math.abs(toValue(Number(l.attrs.y1)) - pi)).toBeLessThanOrEqual(Math.abs(1 / (toPx(1) - toPx(0))));
        expect(Math.abs(Number(l.attrs.x1) - xPx(0))).toBeLessThanOrEqual(0.01);
        // tolerance: 0.005 px: SVG coordinates are written rounded
        expect(Number(l.attrs.x2)).toBeCloseTo(Number(byClass(axisOf(root, "x-axis"), "domain")[0].attrs.x2), 2);
      });
    }
  });

  it("labels each cure line at its right end: 'cured 62%' with one stratum, with the group name with several", () => {
    const single = parseXml(cureFitPlot({ strata: [km.strata[0]] }, [model[0]]));
    expect(byClass(single, "cure-label").map((t) => t.text)).toEqual(["cured 62%"]);
    const root = parseXml(cureFitPlot(km, model));
    const labels = byClass(root, "cure-label");
    expect(labels.map((t) => t.text)).toEqual(["Surgery: cured 62%", "No surgery: cured 34%"]);
    const lines = byClass(root, "cure-line");
    labels.forEach((t, k) => {
      expect(t.attrs["text-anchor"]).toBe("end");
      expect(Number(t.attrs.x)).toBeGreaterThan(Number(lines[k].attrs.x2) - 10);
      expect(Number(t.attrs.x)).toBeLessThanOrEqual(Number(lines[k].attrs.x2));
      // next to its own line (within two text lines)
      expect(Math.abs(Number(t.attrs.y) - Number(lines[k].attrs.y1))).toBeLessThan(25);
    });
  });

  it("labels a cure line the data do not support as the model's, not as a finding (en/de/ja), and says so in the description", async () => {
    const { withLanguage } = await import("../../../src/i18n/language.js");
    const unsupported = { ...model[0], notSupported: true };
    const one = (lang: "en" | "de" | "ja"): XmlElement => withLanguage(lang, () => parseXml(cureFitPlot({ strata: [km.strata[0]] }, [unsupported], { width: "double" })));
    expect(byClass(one("en"), "cure-label").map((t) => t.text)).toEqual(["mixture cure model (cure fraction not supported by the data)"]);
    expect(byClass(one("de"), "cure-label").map((t) => t.text).join(" ")).toBe("Mixture-Cure-Modell (Heilungsanteil durch die Daten nicht gestützt)");
    expect(byClass(one("ja"), "cure-label").map((t) => t.text).join("")).toBe("混合治癒モデル（治癒割合はデータにより支持されない）");
    for (const lang of ["en", "de", "ja"] as const) expect(one(lang).text).not.toMatch(/cured 62|geheilt 62|治癒 62/);
    expect(findAll(one("en"), (e) => e.name === "desc")[0].text).toContain("(62%, not supported by the data)");
    // with several strata the group's name leads, and a supported line keeps "cured 34%"
    const root = parseXml(cureFitPlot(km, [unsupported, model[1]], { width: "double" }));
    const labels = byClass(root, "cure-label");
    expect(labels.filter((t) => t.attrs["data-stratum"] === "0").map((t) => t.text).join(" ")).toBe("Surgery: mixture cure model (cure fraction not supported by the data)");
    expect(labels.filter((t) => t.attrs["data-stratum"] === "1").map((t) => t.text)).toEqual(["No surgery: cured 34%"]);
    // on a single-column figure the long label wraps, every line inside the plot
    const narrow = parseXml(cureFitPlot({ strata: [km.strata[0]] }, [unsupported]));
    const lines = byClass(narrow, "cure-label");
    expect(lines.length).toBeGreaterThan(1);
    const xPx = axisMap(narrow, "x-axis");
    for (const l of lines) expect(Number(l.attrs.x) - textWidth(l.text, Number(l.attrs["font-size"]))).toBeGreaterThanOrEqual(xPx(0));
    expect(() => cureFitPlot(km, [{ ...model[0], notSupported: "yes" as never }])).toThrow(/notSupported/);
  });

  it("takes an x-axis title (the report's 'Months since date_pm')", () => {
    const titles = byClass(parseXml(cureFitPlot(km, model, { timeUnit: "months", xLabel: "Months since date_pm" })), "axis-title").map((t) => t.text);
    expect(titles).toContain("Months since date_pm");
    expect(titles).not.toContain("Time (months)");
  });

  it("keeps labels of nearby cure lines apart", () => {
    const close = [weibullMixture("Surgery", 0.5, 0.2, 1, 30), weibullMixture("No surgery", 0.51, 0.3, 1, 24)];
    const ys = byClass(parseXml(cureFitPlot(km, close)), "cure-label").map((t) => Number(t.attrs.y));
    expect(Math.abs(ys[0] - ys[1])).toBeGreaterThanOrEqual(((8 * 4) / 3) * 1.2 - 0.02);
  });

  it("shades a band from cureLower to cureUpper (within 1 px) only where both limits are given", () => {
    const root = parseXml(cureFitPlot(km, model));
    const toPx = axisMap(root, "y-axis");
    const bands = byClass(root, "cure-band");
    expect(bands).toHaveLength(1);
    const b = bands[0];
    expect(b.attrs["data-stratum"]).toBe("0");
    expect(Math.abs(Number(b.attrs.y) - toPx(0.76))).toBeLessThanOrEqual(1);
    expect(Math.abs(Number(b.attrs.y) + Number(b.attrs.height) - toPx(0.45))).toBeLessThanOrEqual(1);
    expect(Number(b.attrs["fill-opacity"])).toBeLessThan(0.3);
    const none = parseXml(cureFitPlot(km, model.map((c) => ({ ...c, cureLower: undefined, cureUpper: null }))));
    expect(byClass(none, "cure-band")).toHaveLength(0);
  });

  it("draws the model curve through the given (time, surv) points, cut at xMax", () => {
    const root = parseXml(cureFitPlot(km, model, { xMax: 20 }));
    const xPx = axisMap(root, "x-axis");
    const yPx = axisMap(root, "y-axis");
    byClass(root, "cure-curve").forEach((p, k) => {
      const c = model[k];
      const v = pathVertices(p.attrs.d);
      const kept = c.time.filter((t) => t <= 20);
      expect(v).toHaveLength(kept.length);
      kept.forEach((t, j) => {
        expect(Math.abs(v[j][0] - xPx(t))).toBeLessThanOrEqual(1);
        expect(Math.abs(v[j][1] - yPx(c.surv[j]))).toBeLessThanOrEqual(1);
      });
    });
    // Kaplan–Meier curves stop at xMax too
    for (const p of byClass(root, "km-curve")) for (const [px] of pathVertices(p.attrs.d.replace(/H([\d.]+)/g, "L$1,0"))) expect(px).toBeLessThanOrEqual(xPx(20) + 0.01);
  });

  it("has a legend: one colour per stratum, solid = Kaplan–Meier, dashed = cure model", () => {
    const root = parseXml(cureFitPlot(km, model));
    const items = byClass(root, "legend-item");
    expect(items.map((e) => e.text)).toEqual(["Surgery", "No surgery", "Kaplan–Meier", "Cure model"]);
    const swatch = (kind: string): XmlElement => findAll(items.find((e) => e.attrs["data-kind"] === kind)!, (e) => e.name === "line")[0];
    expect(swatch("km").attrs["stroke-dasharray"]).toBeUndefined();
    expect(swatch("model").attrs["stroke-dasharray"]).toBe(byClass(root, "cure-curve")[0].attrs["stroke-dasharray"]);
    // one stratum: no colour items, the key in the curve's colour
    const single = parseXml(cureFitPlot({ strata: [km.strata[1]] }, [model[1]]));
    const keys = byClass(single, "legend-item");
    expect(keys.map((e) => e.text)).toEqual(["Kaplan–Meier", "Cure model"]);
    expect(findAll(keys[1], (e) => e.name === "line")[0].attrs.stroke).toBe(byClass(single, "cure-curve")[0].attrs.stroke);
  });

  it("prints numbers at risk equal to numberAtRisk at the x ticks, exactly under them", () => {
    for (const opts of [{}, { timeUnit: "months" as const }, { width: "double" as const, xMax: 25 }]) {
      const root = parseXml(cureFitPlot(km, model, opts));
      const ticks = byClass(axisOf(root, "x-axis"), "tick-label");
      const rows = byClass(root, "risk-row");
      expect(rows).toHaveLength(2);
      rows.forEach((row, i) => {
        expect(byClass(row, "risk-label")[0].text).toBe(km.strata[i].name);
        const cells = byClass(row, "risk-n");
        expect(cells).toHaveLength(ticks.length);
        cells.forEach((c, k) => {
          expect(c.attrs.x).toBe(ticks[k].attrs.x);
          expect(plain(c.text)).toBe(numberAtRisk(km.strata[i], plain(ticks[k].text)));
        });
      });
    }
    const root = parseXml(cureFitPlot(km, model, { timeUnit: "months" }));
    // 0, 6, …, 30 months: first observed time ≥ t, 0 past the end
    expect(byClass(root, "risk-n").map((c) => c.text)).toEqual(["20", "15", "12", "8", "8", "8", "10", "6", "2", "2", "2", "0"]);
    expect(byClass(parseXml(cureFitPlot(km, model, { riskTable: false })), "risk-table")).toHaveLength(0);
  });

  it("rounds weighted numbers at risk to whole numbers and says so, as kmPlot does", () => {
    const w: KmPlotInput = { strata: [{ ...km.strata[0], nRisk: [20.4, 18.2, 15.6, 12.1, 8.5] }] };
    const root = parseXml(cureFitPlot(w, [model[0]], { timeUnit: "months" }));
    expect(byClass(root, "risk-title")[0].text).toBe("Number at risk (weighted)");
    expect(byClass(root, "risk-n").map((c) => c.text)).toEqual(["20", "16", "12", "9", "9", "9"]); // 0, 6, …, 30 months
    expect(byClass(root, "risk-caption")[0].text).toBe("Weighted numbers at risk, rounded to whole numbers.");
    expect(byClass(parseXml(cureFitPlot(km, model)), "risk-caption")).toHaveLength(0);
  });

  it("escapes hostile group names, labels and annotation everywhere", () => {
    const hostile = `<script>alert(1)</script>`;
    const attr = `" onload="x`;
    const k2: KmPlotInput = { strata: [{ ...km.strata[0], name: hostile }, { ...km.strata[1], name: attr }] };
    const svg = cureFitPlot(k2, [{ ...model[0], name: hostile }, { ...model[1], name: attr }], { annotation: ["p < 0.05 & <b>x</b>"], title: "<i>t</i>", width: "double" });
    expect(svg).not.toContain("<script");
    expect(svg).not.toContain(`" onload="`);
    expect(svg).not.toMatch(/<(b|i)>/);
    const root = parseXml(svg);
    expect(findAll(root, (e) => e.name === "script")).toHaveLength(0);
    expect(findAll(root, (e) => Object.keys(e.attrs).some((a) => a.startsWith("on")))).toHaveLength(0);
    expect(byClass(root, "cure-label")[0].text).toBe(`${hostile}: cured 62%`);
    // a long name is shortened, the cure fraction is kept
    const long = "a very long group name that would not fit at the right end of the plot";
    const rl = parseXml(cureFitPlot({ strata: [{ ...km.strata[0], name: long }, km.strata[1]] }, [{ ...model[0], name: long }]));
    expect(byClass(rl, "cure-label")[0].text).toMatch(/^a very .*…: cured 62%$/);
    expect(root.text).toContain(attr);
    const labelled = cureFitPlot(km, model, { labels: ["<A&B>", "'C'"] });
    expect(labelled).toContain("&lt;A&amp;B&gt;: cured 62%");
    expect(() => parseXml(labelled)).not.toThrow();
  });

  it("rejects a model curve whose name matches no stratum (INPUT_INVALID, naming it)", () => {
    expectInputInvalid(() => cureFitPlot(km, [{ ...model[0], name: "Surgery " }]), /"Surgery ".*matches no Kaplan–Meier stratum/);
    expectInputInvalid(() => cureFitPlot(km, [model[0], { ...model[1], name: "Chemo" }]), /"Chemo"/);
    expectInputInvalid(() => cureFitPlot({ strata: [] }, [model[0]]), /"Surgery"/);
  });

  it("rejects invalid model curves (INPUT_INVALID) and options (OPTION_INVALID)", () => {
    expectInputInvalid(() => cureFitPlot(km, [model[0], model[0]]), /two cure model curves/);
    expectInputInvalid(() => cureFitPlot(km, [{ ...model[0], surv: model[0].surv.slice(1) }]), /same, non-zero length/);
    expectInputInvalid(() => cureFitPlot(km, [{ ...model[0], time: [0, 2, 1], surv: [1, 0.9, 0.8] }]), /strictly increasing/);
    expectInputInvalid(() => cureFitPlot(km, [{ ...model[0], surv: model[0].surv.map((s, j) => (j === 3 ? NaN : s)) }]), /surv\[3\]/);
    expectInputInvalid(() => cureFitPlot(km, [{ ...model[0], cureFraction: 1.2 }]), /cureFraction/);
    expectInputInvalid(() => cureFitPlot(km, [{ ...model[0], cureLower: 0.8, cureUpper: 0.5 }]), /cureLower/);
    expectInputInvalid(() => cureFitPlot({ strata: [{ ...km.strata[0], surv: [1] }] }, []), /different lengths/);
    const optionInvalid = (f: () => unknown, re: RegExp): void => {
      expect(f).toThrow(re);
      try {
        f();
      } catch (e) {
        expect((e as SurvinferError).code).toBe("OPTION_INVALID");
      }
    };
    optionInvalid(() => cureFitPlot(km, model, { xMax: -1 }), /xMax/);
    optionInvalid(() => cureFitPlot(km, model, { labels: ["one"] }), /labels/);
    optionInvalid(() => cureFitPlot(km, model, { timeUnit: "hours" as never }), /timeUnit/);
    optionInvalid(() => cureFitPlot(km, model, { width: 10 }), /width/);
    optionInvalid(() => cureFitPlot(km, model, { colors: ["red"] }), /colors/);
    optionInvalid(() => cureFitPlot(km, model, { fontSize: { small: 6 } }), /fontSize/);
  });

  it("places the annotation bottom-left when the curves leave room, else above the plot", () => {
    const root = parseXml(cureFitPlot(km, model, { annotation: "Weibull mixture cure" }));
    const ann = byClass(root, "annotation")[0];
    const bottom = Number(byClass(axisOf(root, "x-axis"), "domain")[0].attrs.y1);
    expect(Number(findAll(ann, (e) => e.name === "text")[0].attrs.y)).toBeGreaterThan(bottom - 30);
    const low = [weibullMixture("Surgery", 0.02, 0.5, 1, 30), model[1]];
    const r2 = parseXml(cureFitPlot(km, low, { annotation: "Weibull mixture cure" }));
    const top = Number(byClass(axisOf(r2, "y-axis"), "domain")[0].attrs.y1);
    expect(Number(findAll(byClass(r2, "annotation")[0], (e) => e.name === "text")[0].attrs.y)).toBeLessThan(top);
  });

  it("is deterministic, rounds numbers and uses at least 8 pt text", () => {
    const a = cureFitPlot(km, model, { timeUnit: "months", annotation: "x" });
    expect(cureFitPlot(km, model, { timeUnit: "months", annotation: "x" })).toBe(a);
    expect(a).not.toMatch(/\d\.\d{3,}/); // numbers rounded to ≤ 2 decimals
    expect(a).not.toMatch(/NaN|Infinity|undefined/);
    const sizes = findAll(parseXml(a), (e) => e.attrs["font-size"] !== undefined).map((e) => Number(e.attrs["font-size"]));
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(10.66);
  });

  it("renders kaplanMeier + weibullCure end to end (sim-n300): model points on the curve, cure line at π̂", () => {
    const f = loadFixture<{ time: number[]; status: number[] }>("cure", "sim-n300");
    const time = Float64Array.from(f.input.time);
    const status = Int32Array.from(f.input.status);
    const fit = kaplanMeier({ time, status });
    const wb = weibullCure({ time, status, z: new Float64Array(0), zNames: [], x: new Float64Array(0), xNames: [] });
    const pi = wb.cureFraction.meanProfile;
    const grid = Array.from({ length: 41 }, (_, k) => k);
    const curve: CureFitModelCurve = {
      name: fit.strata[0].name,
      time: grid,
      surv: grid.map((t) => pi.estimate + (1 - pi.estimate) * Math.exp(-((wb.lambda * t) ** wb.shape))),
      cureFraction: pi.estimate,
      cureLower: pi.lower,
      cureUpper: pi.upper,
    };
    const svg = cureFitPlot(fit, [curve], { timeUnit: "months" });
    const root = parseXml(svg);
    const yPx = axisMap(root, "y-axis");
    const xPx = axisMap(root, "x-axis");
    const v = pathVertices(byClass(root, "cure-curve")[0].attrs.d);
    expect(v).toHaveLength(grid.length);
    v.forEach(([px, py], j) => {
      expect(Math.abs(px - xPx(grid[j]))).toBeLessThanOrEqual(1);
      expect(Math.abs(py - yPx(curve.surv[j]))).toBeLessThanOrEqual(1);
    });
    expect(Math.abs(Number(byClass(root, "cure-line")[0].attrs.y1) - yPx(pi.estimate))).toBeLessThanOrEqual(1);
    expect(byClass(root, "cure-label")[0].text).toBe(`cured ${Math.round(pi.estimate * 100)}%`);
    expect(byClass(root, "risk-n")[0].text).toBe("300");
  });
});
