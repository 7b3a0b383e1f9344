/**
 * Shared look of survinfer's figures: a colour-blind-safe palette (Okabe & Ito 2008, "Color Universal
 * Design"), one font stack, journal column widths and minimum font sizes.
 *
 * Units: figures are laid out in CSS px at 96 dpi (1 mm = 96/25.4 px, 1 pt = 4/3 px) and written with
 * their printed width in mm, so a single-column figure prints 85 mm wide with 8–9 pt text.
 */
import { optionError } from "../../errors.js";

/** Okabe–Ito colours, ordered for curves on white (yellow last: low contrast). */
export const OKABE_ITO = Object.freeze([
  "#0072B2", // blue
  "#D55E00", // vermillion
  "#009E73", // bluish green
  "#CC79A7", // reddish purple
  "#E69F00", // orange
  "#56B4E9", // sky blue
  "#000000", // black
  "#F0E442", // yellow
] as const);

/**
 * Fixed font stack (no dependence on the viewer's defaults beyond the generic family). Names are unquoted on
 * purpose: valid CSS, and resvg 2.6 ignores quoted family names.
 */
export const FONT_FAMILY = "Helvetica, Arial, Liberation Sans, DejaVu Sans, sans-serif";

export const PX_PER_MM = 96 / 25.4;
export const PX_PER_PT = 96 / 72;

/** Journal column widths in mm: single column 85 mm, double (full page) 175 mm. */
export const COLUMN_WIDTH_MM = Object.freeze({ single: 85, double: 175 });

export type FigureWidth = "single" | "double" | number;

/** Colours that are not data. */
export const INK = Object.freeze({ text: "#000000", axis: "#000000", grid: "#d9d9d9", muted: "#595959", reference: "#7f7f7f" });

export interface FontSizes {
  /** Tick labels, risk table numbers (pt); at least 8. */
  readonly small: number;
  /** Axis titles, legend, annotation (pt). */
  readonly normal: number;
}

export const DEFAULT_FONT_PT: FontSizes = Object.freeze({ small: 8, normal: 9 });

/** Width in px for a FigureWidth ("single" | "double" | mm between 40 and 400). */
export function widthPx(width: FigureWidth | undefined, fallback: "single" | "double" = "single"): number {
  const w = width ?? fallback;
  if (w === "single" || w === "double") return COLUMN_WIDTH_MM[w] * PX_PER_MM;
  if (typeof w !== "number" || !Number.isFinite(w) || w < 40 || w > 400) throw optionError("width", `"single", "double" or a width in mm between 40 and 400`, width);
  return w * PX_PER_MM;
}

/** Validated font sizes in px (each ≥ 8 pt, ≤ 14 pt). */
export function fontPx(sizes: Partial<FontSizes> | undefined): { small: number; normal: number } {
  const small = sizes?.small ?? DEFAULT_FONT_PT.small;
  const normal = sizes?.normal ?? DEFAULT_FONT_PT.normal;
  for (const [k, v] of [["fontSize.small", small], ["fontSize.normal", normal]] as const) {
    if (typeof v !== "number" || !(v >= 8 && v <= 14)) throw optionError(k, "a size in pt between 8 and 14", v);
  }
  return { small: small * PX_PER_PT, normal: normal * PX_PER_PT };
}

/**
 * Line type for series i, so curves stay apart in greyscale print: solid, dashed, dotted, dash-dot.
 * The untreated group (first level) is solid blue, the treated (second level) dashed vermillion in every
 * figure (KM, CIF, PS histograms, landmark, clone–censor–weight).
 */
export const SERIES_DASHES: readonly (string | null)[] = Object.freeze([null, "6,3", "2,2", "8,3,2,3"]);

/** Dash pattern of series i (null = solid). */
export function seriesDash(i: number): string | null {
  return SERIES_DASHES[i % SERIES_DASHES.length];
}

/**
 * Colours of the adjusted samples of the balance (Love) plot — Matched, IPTW, then any further — from the Okabe–Ito
 * palette but never the treatment groups' colours (blue = untreated, vermillion = treated, OKABE_ITO[0..1] in every
 * Kaplan–Meier figure): a reader must not map "Matched" to the untreated group (issue 19). Bluish green and reddish
 * purple are told apart by colour-blind readers; in greyscale (both mid-grey) by their markers
 * ({@link ADJUSTMENT_MARKERS}): filled triangle and filled square beside the unadjusted open circle.
 */
export const ADJUSTMENT_COLORS = Object.freeze([
  "#009E73", // bluish green
  "#CC79A7", // reddish purple
  "#E69F00", // orange
  "#000000", // black
] as const);

/** Markers of the adjusted samples (the unadjusted sample is an open circle): triangle, square, diamond, circle. */
export const ADJUSTMENT_MARKERS = Object.freeze(["triangle", "square", "diamond", "circle"] as const);

/** Colour of adjusted sample k ({@link ADJUSTMENT_COLORS}); `colors` overrides the palette as for {@link seriesColor}. */
export function adjustmentColor(k: number, colors?: readonly string[]): string {
  return colors && colors.length > 0 ? colors[k % colors.length] : ADJUSTMENT_COLORS[k % ADJUSTMENT_COLORS.length];
}

/** Colour for series i; `colors` overrides the palette (validated as #rgb / #rrggbb). */
export function seriesColor(i: number, colors?: readonly string[]): string {
  const pal = colors && colors.length > 0 ? colors : OKABE_ITO;
  return pal[i % pal.length];
}

export function validateColors(colors: unknown): readonly string[] | undefined {
  if (colors === undefined) return undefined;
  if (!Array.isArray(colors) || colors.some((c) => typeof c !== "string" || !/^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/.test(c))) {
    throw optionError("colors", "an array of hex colours such as \"#0072B2\"", colors);
  }
  return colors as string[];
}
