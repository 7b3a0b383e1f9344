/** Point markers shared by the dot plots (love plot, forest plot): path data centred on (x, y). */
import { num } from "./svg.js";

export type MarkerShape = "circle" | "triangle" | "square" | "diamond";

export const MARKER_ORDER: readonly MarkerShape[] = ["circle", "triangle", "square", "diamond"];

/** SVG path data for a marker of "radius" r (equal-area-ish shapes). */
export function markerPath(shape: MarkerShape, x: number, y: number, r: number): string {
  switch (shape) {
    case "circle":
      return `M${num(x - r)},${num(y)}A${num(r)},${num(r)} 0 1,0 ${num(x + r)},${num(y)}A${num(r)},${num(r)} 0 1,0 ${num(x - r)},${num(y)}Z`;
    case "triangle": {
      const h = r * 1.25;
      return `M${num(x)},${num(y - h)}L${num(x + h * 0.94)},${num(y + h * 0.62)}L${num(x - h * 0.94)},${num(y + h * 0.62)}Z`;
    }
    case "square":
      return `M${num(x - r * 0.9)},${num(y - r * 0.9)}H${num(x + r * 0.9)}V${num(y + r * 0.9)}H${num(x - r * 0.9)}Z`;
    case "diamond":
      return `M${num(x)},${num(y - r * 1.25)}L${num(x + r * 1.25)},${num(y)}L${num(x)},${num(y + r * 1.25)}L${num(x - r * 1.25)},${num(y)}Z`;
  }
}
