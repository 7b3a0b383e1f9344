/**
 * The risk-set table at the heart of every survival estimator: for the distinct times t₁ < … < t_m
 * of one group, n(t) at risk, d(t) events and c(t) censorings (case-weighted when weights are given),
 * computed after one sort by cumulative sums, O(n log n) in all. Kaplan–Meier, Nelson–Aalen,
 * log-rank and RMST are all functions of this table, as in R survival's survfit/survdiff.
 *
 * Right-censored data: n(t) = Σ w_i [T_i ≥ t]. With entry (left-truncation / counting-process
 * start) times: n(t) = Σ w_i [S_i < t ≤ T_i], as survfit(Surv(start, stop, event)) computes it.
 * Times must already have been passed through tieNearlyEqualTimes() when R's timefix is wanted.
 */
export interface EventTable {
  /** Distinct times (events and censorings) in ascending order. */
  readonly time: Float64Array;
  readonly nRisk: Float64Array;
  readonly nEvent: Float64Array;
  readonly nCensor: Float64Array;
  /** Unweighted number of event records at each time (equals nEvent without weights). */
  readonly nEventRecords: Float64Array;
}

/** Indices 0..n−1 of `rows` (or of all rows) ordered by ascending key; stable. */
export function orderByKey(key: Float64Array, rows?: Int32Array): Int32Array {
  const idx = rows ? Int32Array.from(rows) : Int32Array.from({ length: key.length }, (_, i) => i);
  return idx.sort((a, b) => key[a] - key[b] || a - b);
}

/**
 * Builds the event table for the rows listed in `order`, which must be sorted by ascending `time`.
 * `status[i]` is 1 for an event and 0 for censoring; `weights` defaults to 1; `entry`, when given,
 * holds the start of each row's at-risk interval (S_i < T_i).
 */
export function eventTable(
  time: Float64Array,
  status: Int32Array | Uint8Array,
  order: Int32Array,
  weights?: Float64Array,
  entry?: Float64Array,
): EventTable {
  const n = order.length;
  // count distinct times
  let m = 0;
  for (let k = 0; k < n; k++) if (k === 0 || time[order[k]] !== time[order[k - 1]]) m++;
  const t = new Float64Array(m);
  const nRisk = new Float64Array(m);
  const nEvent = new Float64Array(m);
  const nCensor = new Float64Array(m);
  const nEventRecords = new Float64Array(m);
  let j = -1;
  let totalWeight = 0;
  for (let k = 0; k < n; k++) {
    const i = order[k];
    const w = weights ? weights[i] : 1;
    totalWeight += w;
    if (k === 0 || time[i] !== time[order[k - 1]]) t[++j] = time[i];
    if (status[i] !== 0) {
      nEvent[j] += w;
      nEventRecords[j] += 1;
    } else {
      nCensor[j] += w;
    }
  }
  if (!entry) {
    // n(t_j) = total − Σ_{l<j} (d_l + c_l)
    let leftBefore = 0;
    for (let l = 0; l < m; l++) {
      nRisk[l] = totalWeight - leftBefore;
      leftBefore += nEvent[l] + nCensor[l];
    }
    return { time: t, nRisk, nEvent, nCensor, nEventRecords };
  }
  // With entry times: n(t_j) = Σ w [S < t_j] − Σ w [T < t_j]; both by a merge over sorted keys.
  const byEntry = orderByKey(entry, order);
  let p = 0;
  let entered = 0;
  let exited = 0;
  for (let l = 0; l < m; l++) {
    while (p < n && entry[byEntry[p]] < t[l]) {
      entered += weights ? weights[byEntry[p]] : 1;
      p++;
    }
    nRisk[l] = entered - exited;
    exited += nEvent[l] + nCensor[l];
  }
  return { time: t, nRisk, nEvent, nCensor, nEventRecords };
}
