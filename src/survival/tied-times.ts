/**
 * Near-tie rule for survival times, as R survival's aeqSurv(): after sorting the distinct finite
 * times y, consecutive values with dy ≤ tol or dy / mean(|y|) ≤ tol (tol = √ε ≈ 1.49e-8) are one
 * time, and every value is replaced by the smallest member of its tie group (findInterval on the
 * cut points). This is what survfit, survdiff and coxph apply by default (timefix = TRUE), so
 * times like 0.1 + 0.2 and 0.3 tie as they do in R. Returns the input array itself when no
 * near-ties exist.
 */
export const TIME_TIE_TOLERANCE = Math.sqrt(Number.EPSILON);

export function tieNearlyEqualTimes(times: Float64Array, tolerance: number = TIME_TIE_TOLERANCE): Float64Array {
  if (!(tolerance > 0)) return times;
  const finite: number[] = [];
  for (let i = 0; i < times.length; i++) if (Number.isFinite(times[i])) finite.push(times[i]);
  if (finite.length < 2) return times;
  const sorted = Float64Array.from(finite).sort();
  let nUnique = 0;
  let sumAbs = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (i === 0 || sorted[i] !== sorted[i - 1]) {
      sorted[nUnique++] = sorted[i];
      sumAbs += Math.abs(sorted[i]);
    }
  }
  const y = sorted.subarray(0, nUnique);
  const meanAbs = sumAbs / nUnique;
  const cuts: number[] = [y[0]];
  let anyTied = false;
  for (let i = 1; i < y.length; i++) {
    const dy = y[i] - y[i - 1];
    if (dy <= tolerance || dy / meanAbs <= tolerance) anyTied = true;
    else cuts.push(y[i]);
  }
  if (!anyTied) return times;
  const out = new Float64Array(times.length);
  for (let i = 0; i < times.length; i++) {
    const t = times[i];
    if (!Number.isFinite(t)) {
      out[i] = t;
      continue;
    }
    // findInterval: largest k with cuts[k] <= t
    let lo = 0;
    let hi = cuts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (cuts[mid] <= t) lo = mid;
      else hi = mid - 1;
    }
    out[i] = cuts[lo];
  }
  return out;
}
