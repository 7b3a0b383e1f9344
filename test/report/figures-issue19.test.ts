/**
 * Issue 19, the referee's figure points on the rendered example report (en, de, ja): a cure fraction the data do not
 * support is not labelled as a finding on the cure figure (1); every time axis that starts at a dated origin names it
 * (2); numbers-at-risk labels of the clone–censor–weight and landmark figures wrap instead of crowding the first cells,
 * and every row stops where its curve stops (3); decision-curve lines are cut where they leave the panel, not run flat
 * along its lower edge (4); the SVG descriptions of the Kaplan–Meier and MCF figures are in the report's language (5).
 */
import { describe, expect, it } from "vitest";
import { buildReportModel } from "../../src/report/render.js";
import { textWidth } from "../../src/report/plots/svg.js";
import { exampleResults } from "./render-study.js";
import { findAll, hasClass, parseXml, type XmlElement } from "./plots/xml.js";

type Lang = "en" | "de" | "ja";
const LANGS: readonly Lang[] = ["en", "de", "ja"];

const built = (() => {
  const cache = new Map<Lang, ReturnType<typeof buildReportModel>>();
  return (lang: Lang) => {
    const hit = cache.get(lang);
    if (hit !== undefined) return hit;
    const b = buildReportModel(exampleResults(), lang);
    cache.set(lang, b);
    return b;
  };
})();
const svgOf = (id: string, lang: Lang = "en"): XmlElement => {
  const f = built(lang).figures.find((x) => x.id === id);
  if (f === undefined) throw new Error(`figure ${id} not in the ${lang} report`);
  return parseXml(f.svg);
};
const byClass = (root: XmlElement, c: string): XmlElement[] => findAll(root, (e) => hasClass(e, c));
/** The x-axis title: the last axis title (plotAxes draws the y axis's first). */
const xTitle = (root: XmlElement): string => byClass(root, "axis-title").at(-1)?.text ?? "";

describe("issue 19 figures (1): the cure figure does not present a cure fraction the data do not support as a finding", () => {
  it("the example's cure fraction disagrees with the data (the premise), and its line is named as the model's in en, de and ja", () => {
    const cure = exampleResults().analyses.cure!;
    expect(["outside-km-ci", "plateau-not-reached"]).toContain(cure.overall.modelVsData);
    const expected: Record<Lang, string> = {
      en: "mixture cure model (cure fraction not supported by the data)",
      de: "Mixture-Cure-Modell (Heilungsanteil durch die Daten nicht gestützt)",
      ja: "混合治癒モデル（治癒割合はデータにより支持されない）",
    };
    for (const lang of LANGS) {
      const root = svgOf("cure-fit", lang);
      const labels = byClass(root, "cure-label").map((t) => t.text);
      expect(labels.join(" "), lang).toBe(expected[lang]);
      expect(root.text, lang).not.toMatch(/cured \d|geheilt \d|治癒 \d/);
      const desc = findAll(root, (e) => e.name === "desc")[0].text;
      expect(desc, lang).toMatch(/not supported by the data|nicht gestützt|支持されない/);
    }
  });
});

describe("issue 19 figures (2): time axes name their origin", () => {
  const since: Record<Lang, (origin: string) => RegExp> = {
    en: (o) => new RegExp(`^Months since ${o}$`),
    de: (o) => new RegExp(`^Monate seit „${o}“$`),
    ja: (o) => new RegExp(`^${o} からの期間（か月）$`),
  };
  for (const lang of LANGS) {
    it(`${lang}: CIF, clone–censor–weight, matched and weighted KM, Simon–Makuch from the endpoint's origin; MCF and cure from the date of treatment; landmark from the landmark`, () => {
      // the endpoint's originLabel (examples/lms-metastasectomy/study.yaml)
      for (const id of ["km", "cif", "ccw", "km-matched", "km-weighted", "simon-makuch"]) expect(xTitle(svgOf(id, lang)), `${lang} ${id}`).toMatch(since[lang]("diagnosis of lung metastases"));
      // the recurrent-events and cure analyses follow the operated from the date of their operation (population: treated): the treatment's label
      for (const id of ["mcf", "cure-fit"]) expect(xTitle(svgOf(id, lang)), `${lang} ${id}`).toMatch(since[lang](lang === "en" ? "pulmonary metastasectomy" : "Pulmonary metastasectomy"));
      expect(xTitle(svgOf("km-landmark", lang))).toMatch(/since the landmark|seit dem Landmark|ランドマーク/);
    });
  }
});

/** Right end of a curve path (largest x of its points). */
const pathEnd = (d: string): number => Math.max(...Array.from(d.matchAll(/[MLHC]([\d.]+)/g), (m) => Number(m[1])));

describe("issue 19 figures (3): numbers-at-risk labels do not crowd the table, and rows stop with their curves", () => {
  for (const lang of LANGS) {
    it(`${lang}: clone–censor–weight and landmark row labels are whole, within 30% of the width, clear of the first cells and inside the figure`, () => {
      for (const id of ["ccw", "km-landmark"]) {
        const root = svgOf(id, lang);
        const W = Number(root.attrs.viewBox.split(" ")[2]);
        for (const row of byClass(root, "risk-row")) {
          const labels = byClass(row, "risk-label");
          const cells = byClass(row, "risk-n");
          const firstCellLeft = Number(cells[0].attrs.x) - textWidth(cells[0].text, Number(cells[0].attrs["font-size"])) / 2;
          for (const l of labels) {
            const w = textWidth(l.text, Number(l.attrs["font-size"]));
            expect(l.text, `${id}: ${l.text}`).not.toContain("…");
            expect(w, `${id}: ${l.text}`).toBeLessThanOrEqual(0.3 * W);
            // right-aligned at x: from x − w to x, which ends at least 6 px before the first number and starts inside the figure
            expect(Number(l.attrs.x) - w).toBeGreaterThanOrEqual(0);
            expect(firstCellLeft - Number(l.attrs.x)).toBeGreaterThanOrEqual(6 - 0.01);
          }
          // the lines of a wrapped label are one under the other, the numbers on the first
          labels.forEach((l, k) => k > 0 && expect(Number(l.attrs.y)).toBeGreaterThan(Number(labels[k - 1].attrs.y)));
          expect(cells.every((c) => c.attrs.y === labels[0].attrs.y)).toBe(true);
        }
        // rows of a wrapped label push the next row down: no two texts of the table on one baseline from different rows
        const rowsY = byClass(root, "risk-row").map((r) => byClass(r, "risk-label").map((l) => Number(l.attrs.y)));
        for (let i = 1; i < rowsY.length; i++) expect(Math.min(...rowsY[i])).toBeGreaterThan(Math.max(...rowsY[i - 1]));
      }
    });
  }

  it("every Kaplan–Meier, CIF and MCF row stops where its curve stops: no number at a tick past the curve's end", () => {
    const figures: [string, string][] = [
      ["km", "km-curve"],
      ["ccw", "km-curve"],
      ["km-landmark", "km-curve"],
      ["km-matched", "km-curve"],
      ["km-weighted", "km-curve"],
      ["simon-makuch", "km-curve"],
      ["mcf", "mcf-curve"],
    ];
    let stopped = 0;
    for (const [id, curveClass] of figures) {
      const root = svgOf(id);
      const curves = byClass(root, curveClass);
      const rows = byClass(root, "risk-row");
      expect(rows.length, id).toBe(curves.length);
      const ticks = byClass(byClass(root, "x-axis")[0], "tick").length;
      rows.forEach((row, i) => {
        const end = pathEnd(curves[i].attrs.d);
        const cells = byClass(row, "risk-n");
        // past the end only the 0 of a curve that ran out of patients (R's summary(fit, times, extend = TRUE)); a curve cut
        // where fewer than 5 remained prints nothing there
        for (const c of cells) if (Number(c.attrs.x) > end + 0.01) expect(c.text, `${id} row ${i} at ${c.attrs["data-time"]}`).toBe("0");
        if (cells.length < ticks) stopped++;
      });
    }
    // the example's curves end before the axis does (fewer than 5 at risk): the check above is not empty
    expect(stopped).toBeGreaterThanOrEqual(5);
    // CIF: one row per group, its curves end together
    const cif = svgOf("cif");
    byClass(cif, "risk-row").forEach((row, i) => {
      const group = byClass(cif, "cif-curve").filter((c) => c.attrs["data-group"] === ["no", "yes"][i]);
      const end = Math.max(...group.map((c) => pathEnd(c.attrs.d)));
      for (const c of byClass(row, "risk-n")) if (Number(c.attrs.x) > end + 0.01) expect(c.text).toBe("0");
    });
  });
});

describe("issue 19 figures (4): decision-curve lines leave the panel instead of running along its lower edge", () => {
  it("no line has two vertices on the lower edge of the plot, and none is below it", () => {
    const root = svgOf("decision-curve");
    const domain = byClass(byClass(root, "y-axis")[0], "domain")[0];
    const bottom = Math.max(Number(domain.attrs.y1), Number(domain.attrs.y2));
    const series = byClass(root, "series");
    expect(series.length).toBeGreaterThanOrEqual(3);
    let cut = 0;
    for (const s of series) {
      const pts = s.name === "polyline" ? s.attrs.points.split(" ").map((p) => p.split(",").map(Number)) : Array.from(s.attrs.d.matchAll(/[ML]([\d.-]+),([\d.-]+)/g), (m) => [Number(m[1]), Number(m[2])]);
      for (const [, py] of pts) expect(py).toBeLessThanOrEqual(bottom + 0.01);
      const onEdge = pts.filter(([, py]) => Math.abs(py - bottom) < 0.01).length;
      // a cut line ends (or restarts) on the edge once per piece, never runs along it
      const pieces = s.name === "polyline" ? 1 : (s.attrs.d.match(/M/g) ?? []).length;
      expect(onEdge).toBeLessThanOrEqual(2 * pieces);
      cut += onEdge;
    }
    // "treat all" falls below −0.05 in the example: at least one line is cut at the edge
    expect(cut).toBeGreaterThan(0);
  });
});

describe("issue 19 figures (5): SVG title and description of the Kaplan–Meier and MCF figures in the report's language", () => {
  const english = /Kaplan–Meier estimates of survival|with numbers at risk|by group|with numbers under observation|Mean cumulative function|Cumulative incidence of/;
  it("English as before", () => {
    const desc = findAll(svgOf("km"), (e) => e.name === "desc")[0].text;
    expect(desc).toBe("Kaplan–Meier estimates of survival by group: No metastasectomy, Metastasectomy, with numbers at risk.");
    expect(findAll(svgOf("mcf"), (e) => e.name === "desc")[0].text).toBe("Mean number of events per patient by group: Ghosh–Lin, naive (death censored), with numbers under observation.");
  });
  for (const lang of ["de", "ja"] as const) {
    it(`${lang}: no English in the title or description of km, km-matched, km-weighted, ccw, km-landmark, simon-makuch, mcf, cif`, () => {
      for (const id of ["km", "km-matched", "km-weighted", "ccw", "km-landmark", "simon-makuch", "mcf", "cif"]) {
        const root = svgOf(id, lang);
        const about = ["title", "desc"].map((n) => findAll(root, (e) => e.name === n)[0].text).join(" | ");
        expect(about, `${lang} ${id}`).not.toMatch(english);
      }
      expect(findAll(svgOf("km", lang), (e) => e.name === "desc")[0].text).toMatch(lang === "de" ? /^Kaplan-Meier-Schätzer des Überlebens nach Gruppe: .*, mit der Anzahl unter Risiko\.$/ : /^カプラン・マイヤー法による生存率の推定（群：.*）。リスク集合の人数付き。$/);
    });
  }
});
