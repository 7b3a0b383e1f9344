/**
 * Calibration of predicted survival at a horizon t: patients are grouped by predicted risk, and each
 * group's mean predicted survival is set against its Kaplan–Meier estimate at t (the calibration plot,
 * Harrell, Lee & Mark 1996, doi:10.1002/(SICI)1097-0258(19960229)15:4<361::AID-SIM168>3.0.CO;2-4; TRIPOD
 * item 16), plus the calibration slope (coefficient of the linear predictor in a Cox model).
 *
 * Groups: with rᵢ = rank(ηᵢ, ties "min") among n rows, gᵢ = ⌊G·(rᵢ − 1)/n⌋ + 1 (G groups of ≈ equal size,
 * tied η always share a group; group 1 = lowest risk). Per group k:
 *   predicted = mean of Ŝ(t | xᵢ) = S₀(t)^exp(ηᵢ − η̄),  observed = Ŝ_KM,k(t) with Greenwood SE and a
 *   log-transformed CI (survfit defaults).
 * R: `grp <- floor(G * (rank(lp, ties.method = "min") - 1) / n) + 1`;
 *   `tapply(1 - predicted risk, grp, mean)`; `summary(survfit(Surv(time, status) ~ grp), times = t)`;
 *   slope: `coef(coxph(Surv(time, status) ~ lp))`. This is the apparent calibration; the bootstrap
 *   bias-corrected one of rms::calibrate(cmethod = "KM") is in calibrate.ts.
 */
import { optionError, SurvinferError } from "../../errors.js";
import { kaplanMeier } from "../kaplan-meier.js";
import { calibrationSlope, type CalibrationSlope } from "./model.js";

export interface CalibrationGroup {
  readonly group: number;
  readonly n: number;
  readonly events: number;
  /** Range of the linear predictor in the group. */
  readonly lpMin: number;
  readonly lpMax: number;
  /** Mean predicted survival at t. */
  readonly predicted: number;
  /** Kaplan–Meier survival at t; null when the group's follow-up ends before t. */
  readonly observed: number | null;
  readonly stdErr: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
}

export interface CalibrationResult {
  readonly method: "calibration";
  readonly time: number;
  readonly groups: CalibrationGroup[];
  readonly slope: CalibrationSlope;
  readonly options: { readonly nGroups: number; readonly grouping: "rank(lp, ties = min) into equal-size groups"; readonly confType: "log"; readonly confLevel: number };
  readonly warnings: string[];
}

export interface CalibrationOptions {
  /** Number of risk groups (2–20); default 5 (quintiles). */
  readonly groups?: number;
  readonly confLevel?: number;
}

/** Risk-group index (0-based) of each row: ⌊G·(rank_min − 1)/n⌋. */
export function riskGroups(lp: ArrayLike<number>, nGroups: number): Int32Array {
  const n = lp.length;
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => lp[a] - lp[b]);
  const out = new Int32Array(n);
  let rankMin = 1;
  for (let k = 0; k < n; k++) {
    if (k > 0 && lp[order[k]] !== lp[order[k - 1]]) rankMin = k + 1;
    out[order[k]] = Math.floor((nGroups * (rankMin - 1)) / n);
  }
  return out;
}

/**
 * Calibration at `horizon` of predicted survival `predicted[i]` (from linear predictor `lp[i]`).
 *
 * @example
 * ```ts
 * const base = baselineAt(input, fit, 60);
 * const cal = calibrationAtTime(input.time, input.status, fit.linearPredictors, predictedSurvival(fit.linearPredictors, base), 60);
 * cal.groups.map((g) => [g.predicted, g.observed]);
 * ```
 */
export function calibrationAtTime(time: Float64Array, status: ArrayLike<number>, lp: ArrayLike<number>, predicted: ArrayLike<number>, horizon: number, options: CalibrationOptions = {}): Readonly<CalibrationResult> {
  const n = time.length;
  const nGroups = options.groups ?? 5;
  if (!Number.isInteger(nGroups) || nGroups < 2 || nGroups > 20) throw optionError("groups", "an integer from 2 to 20", options.groups);
  const confLevel = options.confLevel ?? 0.95;
  if (!Number.isFinite(horizon) || horizon < 0) throw optionError("time", "a finite time ≥ 0", horizon);
  if (status.length !== n || lp.length !== n || predicted.length !== n) throw new SurvinferError({ code: "INPUT_INVALID", message: "time, status, lp and predicted must have the same length" });
  const warnings: string[] = [];
  const g = riskGroups(lp, nGroups);
  const used = [...new Set(g)].sort((a, b) => a - b);
  if (used.length < nGroups) warnings.push(`ties in the linear predictor left ${used.length} of ${nGroups} groups`);
  const codes = Int32Array.from(g, (k) => used.indexOf(k));
  const km = kaplanMeier({ time, status: Int32Array.from(status), group: { codes, levels: used.map((k) => String(k + 1)) } }, { times: [horizon], confLevel });
  const groups: CalibrationGroup[] = used.map((k, idx) => {
    let cnt = 0;
    let ev = 0;
    let sum = 0;
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < n; i++) {
      if (g[i] !== k) continue;
      cnt++;
      ev += status[i];
      sum += predicted[i];
      lo = Math.min(lo, lp[i]);
      hi = Math.max(hi, lp[i]);
    }
    const at = km.strata[idx].at[0];
    const ok = at !== undefined && at.estimable && at.surv !== null;
    if (!ok) warnings.push(`group ${k + 1}: follow-up ends before t = ${horizon}`);
    return { group: k + 1, n: cnt, events: ev, lpMin: lo, lpMax: hi, predicted: sum / cnt, observed: ok ? at.surv : null, stdErr: ok ? at.stdErr : null, lower: ok ? at.lower : null, upper: ok ? at.upper : null };
  });
  const slope = calibrationSlope(time, status, lp);
  return { method: "calibration", time: horizon, groups, slope, options: { nGroups, grouping: "rank(lp, ties = min) into equal-size groups", confType: "log", confLevel }, warnings: [...warnings, ...km.warnings] };
}
