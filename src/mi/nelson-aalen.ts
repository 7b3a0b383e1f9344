/**
 * The outcome in imputation models for a Cox analysis (White & Royston 2009, Stat Med 28:1982–1998,
 * doi:10.1002/sim.3618): the event indicator and the Nelson–Aalen cumulative hazard Ĥ(T_i) at each
 * subject's own time, Ĥ(t) = Σ_{t_j ≤ t} d_j / n_j; as mice 3.15.0 `nelsonaalen(data, time, status)`
 * (basehaz of the null coxph, matched on each subject's time).
 */
export function nelsonAalenAtTimes(time: ArrayLike<number>, status: ArrayLike<number>): Float64Array {
  const n = time.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => time[a] - time[b]);
  const out = new Float64Array(n);
  let h = 0;
  let atRisk = n;
  let i = 0;
  while (i < n) {
    const t = time[order[i]];
    let j = i;
    let d = 0;
    while (j < n && time[order[j]] === t) {
      if (status[order[j]] === 1) d++;
      j++;
    }
    if (d > 0) h += d / atRisk;
    for (let k = i; k < j; k++) out[order[k]] = h;
    atRisk -= j - i;
    i = j;
  }
  return out;
}
