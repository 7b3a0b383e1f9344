/**
 * Treatment as a time-dependent covariate: split each patient's follow-up (0, T] at the time of
 * treatment t_tx into counting-process intervals, untreated on (0, t_tx] and treated on (t_tx, T],
 * the event (if any) on the last interval only. This is R's
 *   tmerge(d, d, id = id, death = event(time, status), tx = tdc(t_tx))
 * (Therneau, Crowson & Atkinson, "Using time dependent covariates and time dependent coefficients in
 * the Cox model", survival vignette), used by coxph(Surv(tstart, tstop, death) ~ tx) and by the
 * Simon–Makuch curves (Simon & Makuch 1984, doi:10.1002/sim.4780030106).
 *
 * Rules, as tmerge's tdc():
 * - t_tx ≤ 0 (treated on the day of the origin): treated from the start, one interval;
 * - 0 < t_tx < T: two intervals;
 * - t_tx ≥ T, or no treatment: untreated throughout, one interval.
 * Same-day conventions of R's survival::heart data (tmerge vignette), so no interval is empty:
 * - a follow-up ending at time 0 (event or censoring on the day of the origin) lasts half a day:
 *   T = `halfDay`;
 * - a treatment on the day follow-up ends (t_tx = T, within √ε relative) is moved half a day
 *   earlier: t_tx = max(T − halfDay, 0); the patient is then treated on (t_tx, T].
 * Pure: no I/O, never throws; the caller turns `movedToHalfDay` / `treatmentMovedEarlier` into
 * warnings naming the patients.
 */
import { TIME_TIE_TOLERANCE } from "./tied-times.js";

export interface SplitAtTreatmentInput {
  /** Follow-up time T from the origin (≥ 0), one per patient. */
  readonly time: Float64Array;
  /** 1 = event at T, 0 = censored. */
  readonly status: Int32Array | Uint8Array;
  /**
   * Time of treatment from the origin, in the unit of `time`; NaN or +Infinity = never treated (the
   * caller decides what a treated patient without a date means, e.g. 0 = treated from the origin).
   */
  readonly treatmentTime: Float64Array;
  /** Half a day in the unit of `time` (0.5 for days, 0.5 / 30.4375 for months, 0.5 / 365.25 for years). */
  readonly halfDay: number;
}

export interface TreatmentIntervals {
  /** Interval start (tstart), stop (tstop), event at stop, treated on the interval (0/1). */
  readonly start: Float64Array;
  readonly stop: Float64Array;
  readonly status: Int32Array;
  readonly treated: Int32Array;
  /** Index of the patient (into the input arrays) each interval belongs to, ascending. */
  readonly patient: Int32Array;
  /** Follow-up time after the same-day rule (T, or halfDay when T was 0), per patient. */
  readonly time: Float64Array;
  /** Treatment time after the same-day rule (NaN when never treated), per patient. */
  readonly treatmentTime: Float64Array;
  /** Patients whose follow-up ended at time 0, counted as half a day. */
  readonly movedToHalfDay: readonly number[];
  /** Patients treated on the day their follow-up ended, treatment moved half a day earlier. */
  readonly treatmentMovedEarlier: readonly number[];
  /** Patients with a treatment time after the end of follow-up: untreated throughout. */
  readonly treatedAfterEnd: readonly number[];
}

/** Same time up to survival's near-tie rule (√ε relative, see tied-times.ts). */
function sameTime(a: number, b: number): boolean {
  const d = Math.abs(a - b);
  return d <= TIME_TIE_TOLERANCE || d <= TIME_TIE_TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
}

/**
 * @example
 * ```ts
 * const iv = splitAtTreatment({ time: Float64Array.from([10, 5]), status: Int32Array.from([1, 0]),
 *   treatmentTime: Float64Array.from([4, NaN]), halfDay: 0.5 });
 * [...iv.start]; // [0, 4, 0]
 * [...iv.stop];  // [4, 10, 5]
 * [...iv.status]; // [0, 1, 0]
 * [...iv.treated]; // [0, 1, 0]
 * ```
 */
export function splitAtTreatment(input: SplitAtTreatmentInput): TreatmentIntervals {
  const n = input.time.length;
  const time = Float64Array.from(input.time);
  const tTx = Float64Array.from(input.treatmentTime, (t) => (Number.isFinite(t) ? t : Number.NaN));
  const movedToHalfDay: number[] = [];
  const treatmentMovedEarlier: number[] = [];
  const treatedAfterEnd: number[] = [];
  const start: number[] = [];
  const stop: number[] = [];
  const status: number[] = [];
  const treated: number[] = [];
  const patient: number[] = [];
  const push = (a: number, b: number, s: number, x: number, k: number): void => {
    start.push(a);
    stop.push(b);
    status.push(s);
    treated.push(x);
    patient.push(k);
  };
  for (let k = 0; k < n; k++) {
    const hasTx = !Number.isNaN(tTx[k]);
    // survival::heart: treatment on the day follow-up ends → txtime − .5 (judged on the original day)
    const sameDay = hasTx && tTx[k] > 0 && sameTime(tTx[k], time[k]);
    if (time[k] === 0) {
      time[k] = input.halfDay; // survival::heart: futime = pmax(.5, futime)
      movedToHalfDay.push(k);
    }
    if (sameDay) {
      tTx[k] = Math.max(time[k] - input.halfDay, 0);
      treatmentMovedEarlier.push(k);
    }
    const s = input.status[k] === 1 ? 1 : 0;
    if (hasTx && tTx[k] < time[k]) {
      if (tTx[k] > 0) push(0, tTx[k], 0, 0, k);
      push(Math.max(tTx[k], 0), time[k], s, 1, k);
    } else {
      if (hasTx) treatedAfterEnd.push(k);
      push(0, time[k], s, 0, k);
    }
  }
  return {
    start: Float64Array.from(start),
    stop: Float64Array.from(stop),
    status: Int32Array.from(status),
    treated: Int32Array.from(treated),
    patient: Int32Array.from(patient),
    time,
    treatmentTime: tTx,
    movedToHalfDay,
    treatmentMovedEarlier,
    treatedAfterEnd,
  };
}
