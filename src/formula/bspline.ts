/**
 * B-spline basis values and derivatives, as R's `splines::splineDesign(knots, x, ord, derivs)`:
 * column j is B_{j,ord}(x) (j = 0 .. length(knots) − ord − 1), by the Cox–de Boor recursion
 * (de Boor 1978, A Practical Guide to Splines, ch. IX)
 *   B_{j,1}(x) = 1 on [t_j, t_{j+1}),  B_{j,m} = (x − t_j)/(t_{j+m−1} − t_j) B_{j,m−1} + (t_{j+m} − x)/(t_{j+m} − t_{j+1}) B_{j+1,m−1},
 * derivatives by B'_{j,m} = (m − 1) [B_{j,m−1}/(t_{j+m−1} − t_j) − B_{j+1,m−1}/(t_{j+m} − t_{j+1})] (0/0 = 0).
 * At the right boundary knot the last non-empty interval is used (left limit), as splineDesign does.
 * Written by hand: no maintained npm package evaluates B-spline bases with derivatives.
 */

/** Index i of the knot interval [t_i, t_{i+1}) holding x, within [t_{ord−1}, t_{n−ord}]; −1 outside. */
function knotInterval(knots: readonly number[], ord: number, x: number): number {
  const lo = ord - 1;
  const hi = knots.length - ord; // right boundary knot index
  if (!(x >= knots[lo] && x <= knots[hi])) return -1;
  let i = -1;
  for (let k = lo; k < hi; k++) if (knots[k] <= x && knots[k] < knots[k + 1]) i = k;
  return i;
}

function ratio(a: number, b: number): number {
  return b === 0 ? 0 : a / b;
}

/**
 * Values of all B-splines of order `ord` (derivative `deriv`) at x: length(knots) − ord numbers.
 * x outside [t_{ord−1}, t_{n−ord}] gives NaN (R's splineDesign refuses it unless outer.ok).
 */
export function bsplineRow(knots: readonly number[], ord: number, x: number, deriv = 0): Float64Array {
  const nb = knots.length - ord;
  const out = new Float64Array(nb);
  const i = knotInterval(knots, ord, x);
  if (i < 0 || Number.isNaN(x)) return out.fill(Number.NaN);
  if (deriv >= ord) return out;
  // order-1 basis over all indices j = 0 .. n−2
  const nAll = knots.length - 1;
  let b = new Float64Array(nAll);
  b[i] = 1;
  const base = ord - deriv;
  for (let m = 2; m <= base; m++) {
    const next = new Float64Array(nAll);
    for (let j = 0; j + m < knots.length; j++) {
      next[j] = ratio(x - knots[j], knots[j + m - 1] - knots[j]) * b[j] + ratio(knots[j + m] - x, knots[j + m] - knots[j + 1]) * b[j + 1];
    }
    b = next;
  }
  for (let m = base + 1; m <= ord; m++) {
    const next = new Float64Array(nAll);
    for (let j = 0; j + m < knots.length; j++) {
      next[j] = (m - 1) * (ratio(b[j], knots[j + m - 1] - knots[j]) - ratio(b[j + 1], knots[j + m] - knots[j + 1]));
    }
    b = next;
  }
  for (let j = 0; j < nb; j++) out[j] = b[j];
  return out;
}
