/**
 * Thinning of what a figure draws to what it can show, so a figure of a million patients is as small as
 * one of a thousand. Every rule works on the points' positions in SVG units (px) after the scales,
 * so it depends on the figure's width only, never on the data's size. A curve with at most 2 points per
 * px of plot width (a few hundred points) is drawn as it is, so small studies draw exactly what they drew
 * before; above that budget:
 *
 * - step curves (Kaplan–Meier, cumulative incidence, mean cumulative function): of the points that fall in
 *   one column of {@link STEP_COLUMN_PX} px, only the last is kept. The drawn step function equals the full
 *   one at every kept point (its value there is the point's own value), every jump is kept (the jumps of a
 *   column merge into one of their summed size at the column's last point, so no drop is lost), and the
 *   position of a jump moves by less than one column. A curve has at most 2 points per px of plot width.
 * - polylines (smooths): the first and the last point of each column are kept (the line between them is
 *   within the column, so the drawing moves by less than one column).
 * - marks at points (censoring "+", 5.2 px wide): one mark per cell of {@link MARK_GRID_PX} px; marks in
 *   the same cell draw on top of each other (less than a pixel apart) and the first of them is kept.
 * - scatters (scaled Schoenfeld residuals): above {@link MAX_SCATTER_POINTS} points, a systematic sample
 *   (every k-th point in the input order, k = ⌈n / MAX_SCATTER_POINTS⌉), said in the figure's description;
 *   summaries (smooths, tests) always use all points.
 */

/** Width of a thinning column of step curves and polylines, in px (SVG units). */
export const STEP_COLUMN_PX = 0.5;

/** Censoring marks in the same cell of this size (px) are drawn once (a mark is 5.2 px wide). */
export const MARK_GRID_PX = 1;

/** Most points a scatter draws; more are sampled systematically. */
export const MAX_SCATTER_POINTS = 2000;

/**
 * Indices of the points of a step curve to draw: the last point of each column of `columnPx` px, given
 * the points' x positions `px` (non-decreasing). The first point is always kept.
 *
 * @example
 * ```ts
 * thinStepIndices([0, 0.1, 0.2, 3, 3.3, 7]); // [0, 2, 3, 4, 5]
 * ```
 */
export function thinStepIndices(px: ArrayLike<number>, columnPx = STEP_COLUMN_PX): number[] {
  const n = px.length;
  const keep: number[] = [];
  for (let i = 0; i < n; i++) {
    if (i === 0 || i === n - 1 || Math.floor(px[i + 1] / columnPx) !== Math.floor(px[i] / columnPx)) keep.push(i);
  }
  return keep;
}

/** True when `n` points exceed the budget of a plot `plotW` px wide (one point per column of `columnPx`). */
export function overBudget(n: number, plotW: number, columnPx = STEP_COLUMN_PX): boolean {
  return n > Math.max(2, Math.ceil(plotW / columnPx));
}

/**
 * The points of a step curve (`[x, y, ...]` tuples in data units, the first coordinate mapped to px by
 * `toPx`), thinned by {@link thinStepIndices} when they exceed the budget of a plot `plotW` px wide.
 */
export function thinStep<T extends readonly number[]>(points: readonly T[], toPx: (t: number) => number, plotW: number, columnPx = STEP_COLUMN_PX): T[] {
  if (!overBudget(points.length, plotW, columnPx)) return [...points];
  const px = points.map((p) => toPx(p[0]));
  return thinStepIndices(px, columnPx).map((i) => points[i]);
}

/** The points of a polyline thinned by {@link thinPolylineIndices} when they exceed the budget of a plot `plotW` px wide. */
export function thinPolyline<T extends readonly number[]>(points: readonly T[], toPx: (t: number) => number, plotW: number, columnPx = STEP_COLUMN_PX): T[] {
  if (!overBudget(points.length, plotW, columnPx)) return [...points];
  const px = points.map((p) => toPx(p[0]));
  return thinPolylineIndices(px, columnPx).map((i) => points[i]);
}

/**
 * Indices of the points of a polyline to draw: the first and the last point of each column of `columnPx`
 * px, given the x positions `px` (non-decreasing).
 */
export function thinPolylineIndices(px: ArrayLike<number>, columnPx = STEP_COLUMN_PX): number[] {
  const n = px.length;
  const keep: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = Math.floor(px[i] / columnPx);
    const first = i === 0 || Math.floor(px[i - 1] / columnPx) !== c;
    const last = i === n - 1 || Math.floor(px[i + 1] / columnPx) !== c;
    if (first || last) keep.push(i);
  }
  return keep;
}

/**
 * Keeps one of the marks at positions (x, y) px that fall in the same {@link MARK_GRID_PX} cell, when
 * there are more marks than the budget of a plot `plotW` px wide; returns the kept indices in order.
 */
export function distinctMarkIndices(xs: readonly number[], ys: readonly number[], plotW: number, gridPx = MARK_GRID_PX): number[] {
  if (!overBudget(xs.length, plotW, gridPx)) return xs.map((_, i) => i);
  const seen = new Set<string>();
  const keep: number[] = [];
  for (let i = 0; i < xs.length; i++) {
    const key = `${Math.round(xs[i] / gridPx)},${Math.round(ys[i] / gridPx)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    keep.push(i);
  }
  return keep;
}

/** Every k-th index (k = ⌈n / max⌉) from 0, or all indices when n ≤ max: a deterministic systematic sample. */
export function systematicSample(n: number, max = MAX_SCATTER_POINTS): { readonly indices: number[]; readonly step: number } {
  const step = n <= max ? 1 : Math.ceil(n / max);
  const indices: number[] = [];
  for (let i = 0; i < n; i += step) indices.push(i);
  return { indices, step };
}
