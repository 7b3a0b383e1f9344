/**
 * Mantel–Byar test (Mantel & Byar 1974, doi:10.1080/01621459.1974.10480125): the log-rank test on
 * counting-process data, for a treatment that starts during follow-up. A patient is in the untreated
 * risk set until treatment and in the treated one after (the intervals of src/survival/tmerge.ts), so
 * the treated group gets no credit for the time before treatment. At each distinct event time t
 * (stratum by stratum), with n(t) at risk (start < t ≤ stop), n₁(t) of them treated, d(t) events:
 *   E₁ = Σ d n₁/n,  V = Σ d (n₁/n)(1 − n₁/n)(n − d)/(n − 1),  χ² = (O₁ − E₁)² / V on 1 df,
 * the hypergeometric variance of survival::survdiff. R has no survdiff for (start, stop] data; the
 * oracle (tools/oracle/treatment-date-cli.R) sums the same terms over the risk sets of tmerge'd data.
 * Times are compared exactly (no near-tie rule); times derived from dates are exact.
 */
import { chisqSf } from "../math/chisq.js";

export interface MantelByarInput {
  readonly start: Float64Array;
  readonly stop: Float64Array;
  /** 1 = event at stop. */
  readonly status: Int32Array;
  /** 1 = treated on the interval. */
  readonly treated: Int32Array;
  /** Stratum code per interval (any integers). */
  readonly strata?: Int32Array;
}

export interface MantelByarResult {
  readonly method: "Mantel-Byar";
  readonly chisq: number;
  readonly df: 1;
  readonly p: number;
  /** [untreated, treated]: observed and expected events. */
  readonly observed: readonly [number, number];
  readonly expected: readonly [number, number];
  readonly variance: number;
}

function upperBound(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** @example mantelByar({ start, stop, status, treated }).chisq */
export function mantelByar(input: MantelByarInput): MantelByarResult {
  const n = input.stop.length;
  const codes = input.strata ?? new Int32Array(n);
  const byStratum = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const list = byStratum.get(codes[i]);
    if (list) list.push(i);
    else byStratum.set(codes[i], [i]);
  }
  const observed: [number, number] = [0, 0];
  const expected: [number, number] = [0, 0];
  let variance = 0;
  for (const rows of byStratum.values()) {
    const ev = Float64Array.from(rows.filter((i) => input.status[i] === 1).map((i) => input.stop[i])).sort();
    const times = ev.filter((t, k) => k === 0 || t !== ev[k - 1]);
    const m = times.length;
    if (m === 0) continue;
    // difference arrays over event-time indices: an interval is at risk at times[j] for start < times[j] ≤ stop
    const dAll = new Float64Array(m + 1);
    const dTr = new Float64Array(m + 1);
    const deaths = new Float64Array(m);
    for (const i of rows) {
      const a = upperBound(times, input.start[i]);
      const b = upperBound(times, input.stop[i]);
      if (a < b) {
        dAll[a]++;
        dAll[b]--;
        if (input.treated[i] === 1) {
          dTr[a]++;
          dTr[b]--;
        }
      }
      if (input.status[i] === 1) {
        const j = b - 1;
        deaths[j]++;
        observed[input.treated[i] === 1 ? 1 : 0]++;
      }
    }
    let nAll = 0;
    let nTr = 0;
    for (let j = 0; j < m; j++) {
      nAll += dAll[j];
      nTr += dTr[j];
      const d = deaths[j];
      const f = nTr / nAll;
      expected[1] += d * f;
      expected[0] += d * (1 - f);
      if (nAll > 1) variance += (d * f * (1 - f) * (nAll - d)) / (nAll - 1);
    }
  }
  const oe = observed[1] - expected[1];
  const chisq = variance > 0 ? (oe * oe) / variance : Number.NaN;
  return { method: "Mantel-Byar", chisq, df: 1, p: Number.isNaN(chisq) ? Number.NaN : chisqSf(chisq, 1), observed, expected, variance };
}
