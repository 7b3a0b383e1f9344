/**
 * The numbers under the cursor of the interactive Kaplan–Meier figure: at time t, each curve's
 * survival and confidence limits (the step function is right-continuous, S = 1 before the first time)
 * and the number at risk at t (patients with time >= t, as R's summary(survfit, times = t) reports).
 * Pure; reads the KaplanMeierResult strata of results.json, never recomputes.
 */
export interface KmCurve {
  readonly name: string;
  readonly time: readonly number[];
  readonly nRisk: readonly number[];
  readonly nEvent: readonly number[];
  readonly nCensor: readonly number[];
  readonly surv: readonly (number | null)[];
  readonly lower: readonly (number | null)[];
  readonly upper: readonly (number | null)[];
  readonly n: number;
}

export interface KmReadout {
  readonly name: string;
  readonly time: number;
  readonly surv: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
  readonly nRisk: number;
  /** False past the curve's last time (the curve is not drawn there). */
  readonly inRange: boolean;
}

/** Index of the last time <= t, or −1 (binary search over ascending times). */
export function lastAtOrBefore(times: readonly number[], t: number): number {
  let lo = 0;
  let hi = times.length - 1;
  let ans = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid] <= t) {
      ans = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return ans;
}

export function kmReadout(curve: KmCurve, t: number): KmReadout {
  const j = lastAtOrBefore(curve.time, t);
  const last = curve.time.length === 0 ? 0 : curve.time[curve.time.length - 1];
  // at risk at t: the risk set of the first time >= t (all n before the first time, 0 after the last)
  const k = j >= 0 && curve.time[j] === t ? j : j + 1;
  const nRisk = k < curve.time.length ? curve.nRisk[k] : 0;
  if (j < 0) return { name: curve.name, time: t, surv: 1, lower: 1, upper: 1, nRisk: curve.time.length > 0 ? curve.nRisk[0] : curve.n, inRange: true };
  return { name: curve.name, time: t, surv: curve.surv[j], lower: curve.lower[j], upper: curve.upper[j], nRisk, inRange: t <= last };
}
