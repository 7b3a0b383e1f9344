/**
 * Issue 19, figures a journal takes as they are: the example report with `figures: { size: single }` (85 mm), in English
 * and German. The Kaplan–Meier-type figures are at most 1.1 × as high as wide (numbers at risk included), with no text
 * outside the figure and no two texts on top of each other (1); their annotation is compact (the numbers with their n,
 * short flags) with a footnote mark per shortened line whose full text the caption gives, and the flags stay in the
 * SVG (2); the double-column figures keep their full annotation (3). The Simon–Makuch figure marks censorings only,
 * not the moves to the treated curve, and says so (4); the clone–censor–weight HR note is one statement that the wrap
 * helper breaks, no hard break leaving "den Klonen," alone on a line in German (5).
 */
import { describe, expect, it } from "vitest";
import { buildReportModel } from "../../src/report/render.js";
import { textWidth } from "../../src/report/plots/svg.js";
import type { StudyResults } from "../../src/study/run.js";
import { exampleResults } from "./render-study.js";
import { findAll, hasClass, parseXml, type XmlElement } from "./plots/xml.js";

type Lang = "en" | "de";
const LANGS: readonly Lang[] = ["en", "de"];
const KM_LIKE = ["km", "km-matched", "km-weighted", "cif", "ccw", "km-landmark", "simon-makuch"];

const built = (() => {
  const cache = new Map<string, ReturnType<typeof buildReportModel>>();
  return (lang: Lang, size: "single" | "double") => {
    const key = `${lang} ${size}`;
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    const r = exampleResults();
    const results: StudyResults = { ...r, spec: { ...r.spec, figures: { ...r.spec.figures, size } as StudyResults["spec"]["figures"] } };
    const b = buildReportModel(results, lang);
    cache.set(key, b);
    return b;
  };
})();
const fig = (id: string, lang: Lang, size: "single" | "double" = "single") => {
  const f = built(lang, size).figures.find((x) => x.id === id);
  if (f === undefined) throw new Error(`figure ${id} not in the ${lang} report`);
  return f;
};
const viewBox = (root: XmlElement): { W: number; H: number } => {
  const [, , w, h] = root.attrs.viewBox.split(" ").map(Number);
  return { W: w, H: h };
};
/** The annotation's lines as printed. */
const annotationLines = (root: XmlElement): string[] => findAll(root, (e) => hasClass(e, "annotation")).flatMap((a) => findAll(a, (e) => e.name === "text").map((t) => t.text));

interface Box {
  readonly text: string;
  readonly x0: number;
  readonly x1: number;
  readonly y0: number;
  readonly y1: number;
}

/**
 * The box of every text of a figure, from its attributes and the text-width estimate the figures lay out with
 * (font size, weight and anchor inherited from the enclosing groups; the rotated y-axis title turned by 90°): from
 * 0.75 em above the baseline to 0.22 em below it.
 */
function textBoxes(root: XmlElement): Box[] {
  const out: Box[] = [];
  const walk = (e: XmlElement, inherited: { size: number; bold: boolean; anchor: string }): void => {
    if (e.name === "title" || e.name === "desc") return;
    const size = e.attrs["font-size"] !== undefined ? Number(e.attrs["font-size"]) : inherited.size;
    const bold = e.attrs["font-weight"] !== undefined ? e.attrs["font-weight"] === "bold" : inherited.bold;
    const anchor = e.attrs["text-anchor"] ?? inherited.anchor;
    if (e.name === "text") {
      const w = textWidth(e.text, size, bold);
      const rotated = /translate\(([\d.-]+),([\d.-]+)\) rotate\(-90\)/.exec(e.attrs.transform ?? "");
      if (rotated !== null) {
        const [tx, ty] = [Number(rotated[1]), Number(rotated[2])];
        out.push({ text: e.text, x0: tx - 0.75 * size, x1: tx + 0.22 * size, y0: ty - w / 2, y1: ty + w / 2 });
      } else {
        const x = Number(e.attrs.x);
        const y = Number(e.attrs.y);
        const left = anchor === "middle" ? x - w / 2 : anchor === "end" ? x - w : x;
        out.push({ text: e.text, x0: left, x1: left + w, y0: y - 0.75 * size, y1: y + 0.22 * size });
      }
      return;
    }
    for (const c of e.children) walk(c, { size, bold, anchor });
  };
  walk(root, { size: Number(root.attrs["font-size"] ?? 10), bold: false, anchor: "start" });
  return out;
}

describe("issue 19: single-column Kaplan–Meier-type figures a journal takes as they are", () => {
  for (const lang of LANGS) {
    it(`${lang}: each is at most 1.1 × as high as wide, risk table included (or its plot is as low as it goes)`, () => {
      const over: string[] = [];
      for (const id of KM_LIKE) {
        const root = parseXml(fig(id, lang).svg);
        const { W, H } = viewBox(root);
        expect(W, id).toBeLessThan(330); // 85 mm
        if (H <= 1.1 * W + 0.01) continue;
        // taller only when the texts need more than the lowest plot (0.45 × its width) leaves: then the plot is that low
        const domain = (axis: string): XmlElement => findAll(findAll(root, (e) => hasClass(e, axis))[0], (e) => hasClass(e, "domain"))[0];
        const plotH = Math.abs(Number(domain("y-axis").attrs.y2) - Number(domain("y-axis").attrs.y1));
        const plotW = Number(domain("x-axis").attrs.x2) - Number(domain("x-axis").attrs.x1);
        // tolerance: 0.02 px: coordinates are written to 2 decimals
        expect(plotH, `${lang} ${id}: ${W} × ${H}`).toBeLessThanOrEqual(0.45 * plotW + 0.02);
        over.push(id);
      }
      // the one exception: German clone–censor–weight, whose strategies' names ("keine Pulmonary metastasectomy innerhalb
      // von 6 Monaten") take two legend lines and three risk-table lines each
      expect(over).toEqual(lang === "de" ? ["ccw"] : []);
    });

    it(`${lang}: no text leaves the figure, none lies on another`, () => {
      for (const id of KM_LIKE) {
        const root = parseXml(fig(id, lang).svg);
        const { W, H } = viewBox(root);
        const boxes = textBoxes(root);
        expect(boxes.length, id).toBeGreaterThan(20);
        for (const b of boxes) {
          // tolerance: 0.5 px: coordinates are written to 2 decimals
          expect(b.x0, `${lang} ${id}: "${b.text}" left of the figure`).toBeGreaterThanOrEqual(-0.5);
          expect(b.x1, `${lang} ${id}: "${b.text}" right of the figure`).toBeLessThanOrEqual(W + 0.5);
          expect(b.y0, `${lang} ${id}: "${b.text}" above the figure`).toBeGreaterThanOrEqual(-0.5);
          expect(b.y1, `${lang} ${id}: "${b.text}" below the figure`).toBeLessThanOrEqual(H + 0.5);
        }
        // two texts overlap when their boxes share more than a sliver (as the screenshot test counts it)
        for (let i = 0; i < boxes.length; i++) {
          for (let j = i + 1; j < boxes.length; j++) {
            const a = boxes[i];
            const c = boxes[j];
            const w = Math.min(a.x1, c.x1) - Math.max(a.x0, c.x0);
            const h = Math.min(a.y1, c.y1) - Math.max(a.y0, c.y0);
            const smaller = Math.min((a.x1 - a.x0) * (a.y1 - a.y0), (c.x1 - c.x0) * (c.y1 - c.y0));
            expect(w > 0 && h > 0 && w * h > 0.2 * smaller, `${lang} ${id}: "${a.text}" and "${c.text}" overlap`).toBe(false);
          }
        }
      }
    });

    it(`${lang}: legend entries are whole (a legend that does not fit beside the plot takes the figure's width, and wraps beyond it)`, () => {
      for (const id of KM_LIKE) {
        const legend = findAll(parseXml(fig(id, lang).svg), (e) => hasClass(e, "legend"))[0];
        for (const t of findAll(legend, (e) => e.name === "text")) expect(t.text, `${lang} ${id}`).not.toContain("…");
      }
    });

    it(`${lang}: a compact annotation, its flags short in the SVG and every mark's full text in the caption`, () => {
      const marks = /[*†‡§‖¶]$/;
      for (const id of KM_LIKE) {
        const f = fig(id, lang);
        const lines = annotationLines(parseXml(f.svg));
        expect(lines.length, id).toBeGreaterThan(0);
        expect(lines.length, id).toBeLessThanOrEqual(5);
        const marked = lines.filter((l) => marks.test(l)).map((l) => l.slice(-1));
        expect(marked.length, id).toBeGreaterThan(0);
        // each mark once in the figure, and the caption's key gives it
        expect(new Set(marked).size, id).toBe(marked.length);
        const key = lang === "en" ? "Marks in the figure: " : "Zeichen in der Abbildung: ";
        expect(f.caption, id).toContain(key);
        for (const m of marked) expect(f.caption, `${id} ${m}`).toMatch(new RegExp(`(: |; )\\${m === "*" ? "*" : m} \\S`));
      }
      // the flags stay in the SVG, short; what they stand for is in the caption
      const biased = lang === "en" ? "Biased by design" : "Durch das Design verzerrt";
      const bias = lang === "en" ? "Groups by treatment ever received, from the origin: biased by design (immortal time)" : "Gruppen nach jemals erhaltener Behandlung, ab dem Ausgangszeitpunkt: durch das Design verzerrt (Immortal-Time-Bias)";
      for (const id of ["km", "km-matched", "km-weighted", "cif"]) {
        expect(annotationLines(parseXml(fig(id, lang).svg)).some((l) => l.startsWith(biased)), id).toBe(true);
        expect(fig(id, lang).caption, id).toContain(bias);
      }
      expect(annotationLines(parseXml(fig("km-matched", lang).svg))).toContain(lang === "en" ? "Balance worsened‡" : "Balance verschlechtert‡");
      expect(annotationLines(parseXml(fig("km-weighted", lang).svg))).toContain(lang === "en" ? "Residual imbalance†" : "Restungleichgewicht†");
      expect(annotationLines(parseXml(fig("simon-makuch", lang).svg))).toEqual([lang === "en" ? "Crude*" : "Roh (unadjustiert)*"]);
      // the numbers keep their n in the SVG; the log-rank p of the curves' patients
      const km = annotationLines(parseXml(fig("km", lang).svg));
      expect(km[0]).toMatch(lang === "en" ? /^Log-rank p = [\d.]+ \(n = 64\)\*$/ : /^Log-Rank-Test p = [\d,]+ \(n = 64\)\*$/);
      expect(km[1]).toMatch(/^HR [\d.,]+ \([\d.,]+–[\d.,]+\), n = 64†$/);
    });
  }

  it("double column: the full annotation as before, no marks and no key", () => {
    const km = annotationLines(parseXml(fig("km", "en", "double").svg));
    expect(km.join(" ")).toContain("Groups by treatment ever received, from the origin: biased by design (immortal time)");
    expect(km[0]).toMatch(/^Log-rank p = [\d.]+ \(unadjusted, n = 64\)$/);
    for (const id of KM_LIKE) {
      expect(fig(id, "en", "double").caption, id).not.toContain("Marks in the figure");
      for (const l of annotationLines(parseXml(fig(id, "en", "double").svg))) expect(l, id).not.toMatch(/[*†‡§‖¶]$/);
    }
  });
});

describe("issue 19: the Simon–Makuch figure marks censorings, not the moves to the treated curve", () => {
  it("the engine lists the moves: one per patient treated after time zero and before the end of follow-up", () => {
    const td = exampleResults().analyses.immortalTime!.timeDependent!;
    const moves = td.transitions!;
    // each move splits a patient's follow-up into two intervals
    expect(moves.n.reduce((a, b) => a + b, 0)).toBe(td.intervals - exampleResults().analyses.immortalTime!.naive.cox.n);
    expect(moves.time.every((t, k) => t > 0 && (k === 0 || t > moves.time[k - 1]))).toBe(true);
  });

  for (const lang of LANGS) {
    it(`${lang}: every "+" on the untreated curve is at the censoring time of a never-treated patient; the caption says the moves are not marked`, () => {
      const f = fig("simon-makuch", lang, "double");
      const root = parseXml(f.svg);
      const ticks = findAll(findAll(root, (e) => hasClass(e, "x-axis"))[0], (e) => hasClass(e, "tick-label")).map((t) => ({ t: Number(t.text), x: Number(t.attrs.x) }));
      const pxPerUnit = (ticks[1].x - ticks[0].x) / (ticks[1].t - ticks[0].t);
      const untreated = findAll(root, (e) => hasClass(e, "km-censor") && e.attrs["data-stratum"] === "0")[0];
      // each mark: "M(cx − h),cy H(cx + h) M cx,(cy − h) V(cy + h)": its centre is the x of the second move
      const centres = Array.from(untreated.attrs.d.matchAll(/M([\d.]+),[\d.]+V/g), (m) => (Number(m[1]) - ticks[0].x) / pxPerUnit);
      expect(centres.length).toBeGreaterThan(0);
      // the never-treated patients are the all-patients curves' untreated group (treatment ever received)
      const km = exampleResults().analyses.km!;
      const never = km.strata.find((s) => s.name === "no")!;
      const censored = Array.from(never.time).filter((_, j) => never.nCensor[j] > 0);
      // tolerance: 1 px on the time axis: marks closer than that are drawn once (thin.ts)
      for (const c of centres) expect(Math.min(...censored.map((t) => Math.abs(t - c))), `mark at ${c.toFixed(1)}`).toBeLessThanOrEqual(1 / pxPerUnit);
      // the moves in the first months are not drawn (they were a dense run of "+")
      const moves = exampleResults().analyses.immortalTime!.timeDependent!.transitions!;
      const earlyMoves = moves.time.filter((t) => t < 12 && censored.every((u) => Math.abs(u - t) > 1 / pxPerUnit));
      expect(earlyMoves.length).toBeGreaterThan(5);
      for (const t of earlyMoves) expect(centres.every((c) => Math.abs(c - t) > 1 / pxPerUnit), `move at ${t}`).toBe(true);
      expect(f.caption).toContain(lang === "en" ? "a move to the treated curve is not marked (the + marks are censorings only)" : "der Wechsel in die Kurve der Behandelten ist nicht markiert");
      // and the figure carries its flag, as the other naive figures
      expect(annotationLines(root)).toEqual([lang === "en" ? "Crude (treatment only): confounding not handled" : "Roh (nur Behandlung): Confounding nicht berücksichtigt"]);
    });
  }
});

describe("issue 19: the clone–censor–weight HR note is one statement, wrapped where the figure needs it", () => {
  for (const lang of LANGS) {
    for (const size of ["double", "single"] as const) {
      it(`${lang}, ${size}: no line of the annotation ends where the next line's first word would still have fitted`, () => {
        const root = parseXml(fig("ccw", lang, size).svg);
        const domain = findAll(findAll(root, (e) => hasClass(e, "x-axis"))[0], (e) => hasClass(e, "domain"))[0];
        const plotW = Number(domain.attrs.x2) - Number(domain.attrs.x1);
        const texts = findAll(findAll(root, (e) => hasClass(e, "annotation"))[0], (e) => e.name === "text");
        const size0 = Number(texts[0].attrs["font-size"]);
        const lines = texts.map((t) => t.text);
        const hr = lines.findIndex((l) => /^(Per-protocol HR|Per-Protocol-HR|HR) /.test(l));
        expect(hr).toBeGreaterThanOrEqual(0);
        // the HR note's lines: a greedy wrap at plotW − 12 px breaks only where the next word does not fit
        for (let k = hr; k < lines.length - 1; k++) {
          const next = lines[k + 1].split(" ")[0];
          expect(textWidth(`${lines[k]} ${next}`, size0), `"${lines[k]}" / "${lines[k + 1]}"`).toBeGreaterThan(plotW - 12);
        }
        expect(lines).not.toContain("den Klonen,");
      });
    }
  }
});
