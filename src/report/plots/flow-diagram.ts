/**
 * Patient-flow diagram in the STROBE / CONSORT style (von Elm et al. 2007, STROBE item 13c, "consider
 * use of a flow diagram"): a column of boxes from the patients assessed to those analysed, each exclusion
 * in a box to the right with its reasons, and the analysed patients split into one box per group at the
 * foot. Text is wrapped to its box (never cut); boxes grow to hold it. Pure: returns an SVG string.
 */
import { msg } from "../../i18n/messages.js";
import { optionError } from "../../errors.js";
import { figureLook, figureRoot } from "./layout.js";
import { type Svg, el, g, num, text, wrapText } from "./svg.js";

export { wrapText };
import { INK, type FigureWidth, type FontSizes } from "./theme.js";

/** One box of the main column and, optionally, the exclusion box to its right (leading to the next step). */
export interface FlowStep {
  /** Lines of the box (the first in bold), e.g. ["Patients assessed", "n = 64"]. */
  readonly lines: readonly string[];
  /** Lines of the box of patients leaving after this step, e.g. ["Excluded (n = 3)", "missing date of death: 3"]. */
  readonly side?: readonly string[];
}

export interface FlowDiagramInput {
  readonly steps: readonly FlowStep[];
  /** Boxes at the foot, one per group (e.g. untreated | treated), split from the last step. */
  readonly groups?: readonly (readonly string[])[];
  /** Cohorts of other designs drawn from the analysed patients (e.g. clone–censor–weight, a landmark, a prediction
   * model's population), in a row of dashed boxes under the groups, without arrows: they are not subsets of the groups. */
  readonly cohorts?: readonly (readonly string[])[];
}

export interface FlowDiagramOptions {
  readonly width?: FigureWidth;
  readonly fontSize?: Partial<FontSizes>;
  readonly title?: string;
  readonly colors?: readonly string[];
}

interface BoxText {
  readonly lines: readonly { readonly text: string; readonly bold: boolean }[];
}

const PAD = 6;

/** The lines of a box wrapped to `width` (first given line bold), with the box height. */
function layoutBox(lines: readonly string[], width: number, fontPx: number, lineH: number): BoxText & { readonly h: number } {
  const out: { text: string; bold: boolean }[] = [];
  lines.forEach((l, k) => {
    for (const w of wrapText(l, fontPx, width - 2 * PAD, k === 0)) out.push({ text: w, bold: k === 0 });
  });
  return { lines: out, h: out.length * lineH + 2 * PAD };
}

function boxSvg(x: number, y: number, w: number, box: BoxText & { readonly h: number }, fontPx: number, lineH: number, cls: string): Svg {
  return g(
    { class: cls },
    el("rect", { x: num(x), y: num(y), width: num(w), height: num(box.h), fill: "#ffffff", stroke: INK.axis, "stroke-width": 1 }),
    ...box.lines.map((l, k) => text(x + PAD, y + PAD + lineH * k + fontPx * 0.95, l.text, { "font-size": fontPx, ...(l.bold ? { "font-weight": "bold" } : {}), class: "flow-text" })),
  );
}

/** An arrow from (x1, y1) to (x2, y2), axis-parallel, with a filled head at the end. */
function arrow(x1: number, y1: number, x2: number, y2: number): Svg {
  const a = 4;
  const head = y1 === y2 ? `M${num(x2)},${num(y2)}L${num(x2 - a * 1.5)},${num(y2 - a)}L${num(x2 - a * 1.5)},${num(y2 + a)}Z` : `M${num(x2)},${num(y2)}L${num(x2 - a)},${num(y2 - a * 1.5)}L${num(x2 + a)},${num(y2 - a * 1.5)}Z`;
  return g({ class: "flow-arrow" }, el("path", { d: `M${num(x1)},${num(y1)}L${num(x2)},${num(y2)}`, fill: "none", stroke: INK.axis, "stroke-width": 1 }), el("path", { d: head, fill: INK.axis, stroke: "none" }));
}

/**
 * The flow diagram as an SVG string (double column by default).
 *
 * @example
 * ```ts
 * flowDiagram({ steps: [{ lines: ["Patients assessed", "n = 64"], side: ["Excluded", "no follow-up: 2"] }, { lines: ["Analysed", "n = 62"] }], groups: [["No", "n = 20"], ["Yes", "n = 42"]] });
 * ```
 */
export function flowDiagram(input: FlowDiagramInput, options: FlowDiagramOptions = {}): string {
  if (!input || !Array.isArray(input.steps) || input.steps.length === 0) throw optionError("steps", "at least one step", input?.steps);
  const { fs, W } = figureLook({ width: options.width ?? "double", ...(options.fontSize ? { fontSize: options.fontSize } : {}) });
  const fontPx = fs.normal;
  const lineH = fontPx * 1.3;
  const margin = 4;
  const mainW = W * 0.46;
  const mainX = margin;
  const cx = mainX + mainW / 2;
  const sideX = mainX + mainW + W * 0.06;
  const sideW = W - sideX - margin;
  const gap = 14;
  const parts: Svg[] = [];
  let y = margin;
  input.steps.forEach((step, i) => {
    const box = layoutBox(step.lines, mainW, fontPx, lineH);
    parts.push(boxSvg(mainX, y, mainW, box, fontPx, lineH, "flow-box"));
    y += box.h;
    const last = i === input.steps.length - 1;
    if (step.side !== undefined && step.side.length > 0) {
      const side = layoutBox(step.side, sideW, fontPx, lineH);
      const sy = y + gap;
      parts.push(boxSvg(sideX, sy, sideW, side, fontPx, lineH, "flow-side"));
      parts.push(arrow(cx, sy + Math.min(side.h / 2, 2 * lineH), sideX, sy + Math.min(side.h / 2, 2 * lineH)));
      const yNext = sy + side.h + gap;
      if (!last) parts.push(arrow(cx, y, cx, yNext));
      else parts.push(el("path", { d: `M${num(cx)},${num(y)}V${num(sy + Math.min(side.h / 2, 2 * lineH))}`, fill: "none", stroke: INK.axis, "stroke-width": 1 }));
      y = yNext;
    } else if (!last) {
      parts.push(arrow(cx, y, cx, y + 2 * gap));
      y += 2 * gap;
    }
  });
  const groups = input.groups ?? [];
  if (groups.length > 0) {
    const k = groups.length;
    const gw = Math.min(mainW, (W - 2 * margin - (k - 1) * gap) / k);
    const total = k * gw + (k - 1) * gap;
    const gx0 = (W - total) / 2;
    const centres = groups.map((_, j) => gx0 + j * (gw + gap) + gw / 2);
    const boxes = groups.map((lines) => layoutBox(lines, gw, fontPx, lineH));
    const split = y + gap;
    const top = split + gap;
    parts.push(el("path", { d: `M${num(cx)},${num(y)}V${num(split)}M${num(Math.min(...centres, cx))},${num(split)}H${num(Math.max(...centres, cx))}`, fill: "none", stroke: INK.axis, "stroke-width": 1 }));
    centres.forEach((c, j) => {
      parts.push(arrow(c, split, c, top));
      parts.push(boxSvg(c - gw / 2, top, gw, boxes[j], fontPx, lineH, "flow-group"));
    });
    y = top + Math.max(...boxes.map((b) => b.h));
  }
  const cohorts = input.cohorts ?? [];
  if (cohorts.length > 0) {
    const k = cohorts.length;
    const cw = (W - 2 * margin - (k - 1) * gap) / k;
    const boxes = cohorts.map((lines) => layoutBox(lines, cw, fontPx, lineH));
    const top = y + 2 * gap;
    parts.push(text(margin, top, msg().descriptive.flowDiagram.otherCohorts, { "font-size": fontPx, "font-style": "italic", class: "flow-text" }));
    const by = top + lineH * 0.6;
    boxes.forEach((b, j) => parts.push(g({ "stroke-dasharray": "4 3" }, boxSvg(margin + j * (cw + gap), by, cw, b, fontPx, lineH, "flow-cohort"))));
    y = by + Math.max(...boxes.map((b) => b.h));
  }
  const H = y + margin;
  return figureRoot("flow", W, H, { small: fs.small, normal: fs.normal }, { title: options.title ?? "Patient flow diagram", description: input.steps.map((s) => s.lines.join(": ")).join("; ") }, ...parts);
}
