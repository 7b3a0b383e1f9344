/**
 * Rosenbaum bounds for censored matched pairs (survival times of a treated patient and the matched
 * control, either possibly censored): Rosenbaum 2002, Observational Studies §4.4 (and Rosenbaum 1988,
 * "Sensitivity analysis for matching with multiple controls", the censored-pairs sign score).
 *
 * Three pair scorings, each then bounded by the sum-of-signed-scores bound of ./rosenbaum.ts:
 * - Paired Prentice–Wilcoxon (O'Brien & Fleming 1987, Biometrics 43:169, doi:10.2307/2531957): every
 *   patient of the pooled 2S gets the Prentice–Wilcoxon score w = 1 − 2·S̃(t) for a death at t and
 *   w = 1 − S̃(t) for a censoring at t, S̃(t) = Π_{t_j ≤ t} (n_j + 1 − d_j)/(n_j + 1) over the pooled
 *   death times (n_j at risk, d_j deaths); long survival scores high. The pair difference is
 *   d_s = w_treated − w_control, its score q_s = |d_s|. Swapping treatment within pairs leaves the pooled
 *   scores unchanged, so the permutation (and the sensitivity) distribution is that of a signed sum.
 * - Gehan sign score: +1 when the treated patient certainly outlived the control, −1 when the control
 *   certainly outlived the treated, 0 when censoring hides the order (Gehan 1965); the pairs with a
 *   known order give an exact sign test (McNemar-type bound).
 * - Binary status at a time t: pairs in which one died by t and the other was followed alive to t.
 * A censoring at the same time as a death counts as surviving past it (R survival's convention).
 * R equivalent: none packaged; tools/oracle/sensitivity.R restates these scorings in base R.
 */
import { SurvinferError } from "../errors.js";
import { rosenbaumMcNemar, rosenbaumSignedScores, type RosenbaumResult } from "./rosenbaum.js";

export interface CensoredPairs {
  readonly treatedTime: ArrayLike<number>;
  readonly treatedStatus: ArrayLike<number>;
  readonly controlTime: ArrayLike<number>;
  readonly controlStatus: ArrayLike<number>;
}

/** "treated-longer": the treatment prolongs survival (tested when the HR is below 1). */
export type SurvivalDirection = "treated-longer" | "treated-shorter";

export interface CensoredPairOptions {
  readonly gammas?: readonly number[];
  readonly alpha?: number;
  readonly direction?: SurvivalDirection;
}

function checkCensoredPairs(p: CensoredPairs): number {
  const n = p.treatedTime.length;
  if (p.treatedStatus.length !== n || p.controlTime.length !== n || p.controlStatus.length !== n) {
    throw new SurvinferError({ code: "OPTION_INVALID", message: "treated and control times and statuses must have one value per pair" });
  }
  for (let s = 0; s < n; s++) {
    for (const [t, d] of [[p.treatedTime[s], p.treatedStatus[s]], [p.controlTime[s], p.controlStatus[s]]]) {
      if (!(Number.isFinite(t) && t >= 0) || !(d === 0 || d === 1)) {
        throw new SurvinferError({ code: "OPTION_INVALID", message: `pair ${s + 1} has an invalid time or status`, value: `${t}, ${d}`, hint: "times must be finite and ≥ 0, statuses 0 (censored) or 1 (event)" });
      }
    }
  }
  return n;
}

/**
 * Prentice–Wilcoxon scores of a pooled sample (O'Brien & Fleming 1987): 1 − 2·S̃(t) for a death at t,
 * 1 − S̃(t) for a censoring at t, S̃(t) = Π_{t_j ≤ t} (n_j + 1 − d_j)/(n_j + 1). Scores sum to 0
 * without ties of deaths.
 */
export function prenticeWilcoxonScores(time: ArrayLike<number>, status: ArrayLike<number>): Float64Array {
  const n = time.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => time[a] - time[b]);
  const w = new Float64Array(n);
  let sTilde = 1;
  let nRisk = n;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && time[order[j + 1]] === time[order[i]]) j++;
    let deaths = 0;
    for (let k = i; k <= j; k++) deaths += status[order[k]];
    if (deaths > 0) sTilde *= (nRisk + 1 - deaths) / (nRisk + 1);
    for (let k = i; k <= j; k++) w[order[k]] = status[order[k]] === 1 ? 1 - 2 * sTilde : 1 - sTilde;
    nRisk -= j - i + 1;
    i = j + 1;
  }
  return w;
}

/** Paired Prentice–Wilcoxon bounds: T = Σ |d_s|·1(d_s > 0), d_s = w_treated − w_control (sign flipped for "treated-shorter"). */
export function rosenbaumCensoredPairs(pairs: CensoredPairs, options: CensoredPairOptions = {}): RosenbaumResult {
  const n = checkCensoredPairs(pairs);
  const time = new Float64Array(2 * n);
  const status = new Float64Array(2 * n);
  for (let s = 0; s < n; s++) {
    time[s] = pairs.treatedTime[s];
    status[s] = pairs.treatedStatus[s];
    time[n + s] = pairs.controlTime[s];
    status[n + s] = pairs.controlStatus[s];
  }
  const w = prenticeWilcoxonScores(time, status);
  const sign = options.direction === "treated-shorter" ? -1 : 1;
  const q = new Float64Array(n);
  const positive: boolean[] = [];
  for (let s = 0; s < n; s++) {
    const d = sign * (w[s] - w[n + s]);
    q[s] = Math.abs(d);
    positive.push(d > 0);
  }
  const res = rosenbaumSignedScores(q, positive, {
    gammas: options.gammas,
    alpha: options.alpha,
    test: "paired-prentice-wilcoxon",
    direction: sign > 0 ? "treated patients lived longer than their matched controls" : "treated patients died sooner than their matched controls",
    nPairs: n,
  });
  return { ...res, method: "Rosenbaum bounds, paired Prentice–Wilcoxon test for censored pairs (Rosenbaum 2002, §4.4; O'Brien & Fleming 1987)" };
}

export interface PairOrderCounts {
  /** Pairs in which the treated patient certainly outlived the control. */
  readonly treatedLonger: number;
  /** Pairs in which the control certainly outlived the treated patient. */
  readonly controlLonger: number;
  /** Pairs whose order censoring hides (or tied deaths). */
  readonly undetermined: number;
}

/** Gehan's comparison of the two members of each pair: who certainly lived longer. */
export function censoredPairOrder(pairs: CensoredPairs): PairOrderCounts {
  const n = checkCensoredPairs(pairs);
  let tl = 0;
  let cl = 0;
  for (let s = 0; s < n; s++) {
    const tT = pairs.treatedTime[s];
    const dT = pairs.treatedStatus[s];
    const tC = pairs.controlTime[s];
    const dC = pairs.controlStatus[s];
    // the control died before the treated patient's last contact (a censoring at a death time outlives it)
    if (dC === 1 && (tC < tT || (tC === tT && dT === 0))) tl++;
    else if (dT === 1 && (tT < tC || (tT === tC && dC === 0))) cl++;
  }
  return { treatedLonger: tl, controlLonger: cl, undetermined: n - tl - cl };
}

/** Sign-test bounds on the pairs whose order is known (Gehan scoring; exact binomial). */
export function rosenbaumPairOrder(pairs: CensoredPairs, options: CensoredPairOptions = {}): RosenbaumResult & { readonly counts: PairOrderCounts } {
  const counts = censoredPairOrder(pairs);
  const longer = options.direction !== "treated-shorter";
  const res = rosenbaumMcNemar(longer ? counts.treatedLonger : counts.controlLonger, longer ? counts.controlLonger : counts.treatedLonger, {
    gammas: options.gammas,
    alpha: options.alpha,
    nPairs: pairs.treatedTime.length,
    direction: longer ? "the treated patient outlived the matched control" : "the matched control outlived the treated patient",
  });
  return { ...res, method: "Rosenbaum bounds, sign test on pairs with a known order of death (Gehan scoring; Rosenbaum 2002, §4.4)", counts };
}

export interface StatusAtCounts {
  readonly time: number;
  /** Only the control had died by `time` (the treated patient was followed alive to it). */
  readonly onlyControlDied: number;
  /** Only the treated patient had died by `time`. */
  readonly onlyTreatedDied: number;
  readonly bothDied: number;
  readonly bothAlive: number;
  /** Pairs in which a member was censored before `time` (status unknown). */
  readonly unknown: number;
}

/** Status by `time` of each member of a pair: died (death ≤ t), alive (followed to ≥ t without death by t), unknown. */
export function statusAtCounts(pairs: CensoredPairs, time: number): StatusAtCounts {
  const n = checkCensoredPairs(pairs);
  const state = (t: number, d: number): "died" | "alive" | "unknown" => (d === 1 && t <= time ? "died" : t >= time ? "alive" : "unknown");
  let oc = 0;
  let ot = 0;
  let bd = 0;
  let ba = 0;
  let un = 0;
  for (let s = 0; s < n; s++) {
    const a = state(pairs.treatedTime[s], pairs.treatedStatus[s]);
    const b = state(pairs.controlTime[s], pairs.controlStatus[s]);
    if (a === "unknown" || b === "unknown") un++;
    else if (a === "died" && b === "died") bd++;
    else if (a === "alive" && b === "alive") ba++;
    else if (b === "died") oc++;
    else ot++;
  }
  return { time, onlyControlDied: oc, onlyTreatedDied: ot, bothDied: bd, bothAlive: ba, unknown: un };
}

/** McNemar-type bounds for death by `time` in censored pairs (rbounds::binarysens on the discordant pairs). */
export function rosenbaumStatusAt(pairs: CensoredPairs, time: number, options: CensoredPairOptions = {}): RosenbaumResult & { readonly counts: StatusAtCounts } {
  const counts = statusAtCounts(pairs, time);
  const longer = options.direction !== "treated-shorter";
  const res = rosenbaumMcNemar(longer ? counts.onlyControlDied : counts.onlyTreatedDied, longer ? counts.onlyTreatedDied : counts.onlyControlDied, {
    gammas: options.gammas,
    alpha: options.alpha,
    nPairs: pairs.treatedTime.length,
    direction: longer ? `only the control had died by ${time}` : `only the treated patient had died by ${time}`,
  });
  const warnings = counts.unknown > 0 ? [...res.warnings, `${counts.unknown} pairs with a member censored before ${time} are left out`] : res.warnings;
  return { ...res, counts, warnings };
}
