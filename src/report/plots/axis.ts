/** Axes for the figures: tick marks, tick labels and titles at given positions (no DOM). */
import { type Svg, g, line, num, text, textWidth } from "./svg.js";
import { INK } from "./theme.js";

export interface AxisTick {
  readonly value: number;
  /** Position in px. */
  readonly pos: number;
  readonly label: string;
}

/** Horizontal axis at y (baseline) from x0 to x1, ticks pointing down, labels below. */
export function bottomAxis(ticks: readonly AxisTick[], y: number, x0: number, x1: number, fontPx: number, className = "x-axis"): Svg {
  const tickLen = 4;
  return g(
    { class: className },
    line(x0, y, x1, y, { stroke: INK.axis, "stroke-width": 0.75, class: "domain" }),
    ...ticks.map((t) =>
      g(
        { class: "tick" },
        line(t.pos, y, t.pos, y + tickLen, { stroke: INK.axis, "stroke-width": 0.75, class: "tick-mark" }),
        text(t.pos, y + tickLen + fontPx * 0.95, t.label, { "text-anchor": "middle", "font-size": fontPx, class: "tick-label" }),
      ),
    ),
  );
}

/** Vertical axis at x from y0 (top) to y1 (bottom), ticks pointing left, labels right-aligned. */
export function leftAxis(ticks: readonly AxisTick[], x: number, y0: number, y1: number, fontPx: number, className = "y-axis"): Svg {
  const tickLen = 4;
  return g(
    { class: className },
    line(x, y0, x, y1, { stroke: INK.axis, "stroke-width": 0.75, class: "domain" }),
    ...ticks.map((t) =>
      g(
        { class: "tick" },
        line(x - tickLen, t.pos, x, t.pos, { stroke: INK.axis, "stroke-width": 0.75, class: "tick-mark" }),
        text(x - tickLen - 2, t.pos + fontPx * 0.35, t.label, { "text-anchor": "end", "font-size": fontPx, class: "tick-label" }),
      ),
    ),
  );
}

/** Rotated (vertical) axis title centred on (x, y). */
export function verticalTitle(x: number, y: number, content: string, fontPx: number): Svg {
  return text(0, 0, content, { transform: `translate(${num(x)},${num(y)}) rotate(-90)`, "text-anchor": "middle", "font-size": fontPx, class: "axis-title" });
}


/** x of a centred title: `center`, moved so the text (estimated width) stays inside [4, figureWidth − 4]. */
export function centredTitleX(center: number, content: string, fontPx: number, figureWidth: number): number {
  const half = textWidth(content, fontPx) / 2;
  return Math.min(Math.max(center, 4 + half), figureWidth - 4 - half);
}
