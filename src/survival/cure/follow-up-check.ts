/**
 * Is follow-up long enough to speak of cure? The Kaplan–Meier plateau and the Maller–Zhou test of
 * sufficient follow-up. Pure: no I/O; returns numbers and plain-language warnings.
 */
import { validateCureInput } from "./design.js";

export interface FollowUpCheckOptions {
  /** Significance level of the Maller–Zhou test; default 0.05. */
  readonly alpha?: number;
  /** A plateau shorter than this (in the data's time unit) triggers a warning; default: none (only the test). */
  readonly minPlateau?: number;
  /**
   * Fewest events in the Maller–Zhou window, and fewest patients followed beyond the last event, for a
   * verdict; fewer make it "inconclusive" (default 5 each).
   */
  readonly minEvidence?: number;
}

/** sufficient: the test rejects insufficient follow-up on enough evidence; not-shown: it does not; inconclusive: too few events or patients to tell. */
export type FollowUpVerdict = "sufficient" | "not-shown" | "inconclusive";

export interface FollowUpCheckResult {
  readonly method: "follow-up-sufficiency";
  readonly n: number;
  readonly nEvent: number;
  /** Largest follow-up time t_(n) (event or censored). */
  readonly tMax: number;
  /** Largest event time t*_(n). */
  readonly tMaxEvent: number;
  /** Plateau length t_(n) − t*_(n): how long the KM curve stays flat after the last event. */
  readonly plateauLength: number;
  /** Kaplan–Meier survival on the plateau (after the last event), and the number censored on it. */
  readonly plateauSurvival: number;
  readonly nCensoredOnPlateau: number;
  readonly mallerZhou: {
    /** Interval (2t*_(n) − t_(n), t*_(n)] (left end max(0, ·)). */
    readonly interval: readonly [number, number];
    /** N_n: number of EVENTS in the interval (Maller & Zhou's definition). */
    readonly nEventsInInterval: number;
    /** q_n = N_n / n. */
    readonly qn: number;
    /** α_n = (1 − q_n)^n: approximate p-value of H0 "follow-up is not sufficient". */
    readonly pValue: number;
    /** R npcure::testmz's variant: all observations (events and censored) in [max(0, 2t* − t), t*]. */
    readonly npcure: { readonly count: number; readonly pValue: number };
  };
  /** True when the verdict is "sufficient" (and the plateau is long enough, if asked). */
  readonly sufficient: boolean;
  /** The verdict and the rule that gave it, in words (what it rests on). */
  readonly verdict: FollowUpVerdict;
  readonly verdictText: string;
  readonly options: { readonly alpha: number; readonly minPlateau: number | null; readonly minEvidence: number };
  readonly warnings: readonly string[];
}

/**
 * Follow-up sufficiency for cure.
 *
 * Plateau: with t_(n) the largest observed time and t*_(n) the largest event time, the Kaplan–Meier
 * curve is flat on [t*_(n), t_(n)]; its length and height are reported.
 * Maller–Zhou test (Maller RA, Zhou S. Testing for sufficient follow-up and outliers in survival data.
 * JASA 1994;89:1499–1506, doi:10.1080/01621459.1994.10476889; Maller & Zhou, Survival Analysis with
 * Long-Term Survivors, Wiley 1996, §4.3): N_n = #{i : δᵢ = 1, 2t*_(n) − t_(n) < tᵢ ≤ t*_(n)}, q_n = N_n/n;
 * under H0 (the support of the uncured times extends beyond the censoring support: follow-up is not
 * sufficient) P(q_n > x) ≈ (1 − x)^n, so α_n = (1 − q_n)^n is the p-value; a small α_n (< alpha)
 * supports sufficient follow-up. Few events just before the last one, relative to n, mean the curve
 * may still be falling when follow-up ends.
 * Verdict (survinfer's rule, stated in the result): "inconclusive" when fewer than `minEvidence` (5) events
 * fall in the window or fewer than 5 patients are followed beyond the last event; else "sufficient" when
 * α_n < alpha, "not-shown" otherwise.
 * R equivalent: no CRAN function with this exact definition; `npcure::testmz(t, d)` counts all
 * observations (censored too) in the closed interval [max(0, 2t* − t), t*] and is reported alongside.
 *
 * @example
 * ```ts
 * const fu = followUpCheck(Float64Array.from([1, 2, 3, 4, 10, 12, 20, 20]), Int32Array.from([1, 1, 1, 1, 0, 0, 0, 0]));
 * fu.plateauLength; // 16
 * fu.mallerZhou.pValue; // (1 − N/n)^n
 * ```
 */
export function followUpCheck(time: Float64Array, status: Int32Array | Uint8Array, options: FollowUpCheckOptions = {}): Readonly<FollowUpCheckResult> {
  validateCureInput({ time, status, z: new Float64Array(0), zNames: [], x: new Float64Array(0), xNames: [] }, false);
  const alpha = options.alpha ?? 0.05;
  const minPlateau = options.minPlateau ?? null;
  const minEvidence = options.minEvidence ?? 5;
  const n = time.length;
  let tMax = -Infinity;
  let tMaxEvent = -Infinity;
  let nEvent = 0;
  for (let i = 0; i < n; i++) {
    tMax = Math.max(tMax, time[i]);
    if (status[i] === 1) {
      tMaxEvent = Math.max(tMaxEvent, time[i]);
      nEvent++;
    }
  }
  const left = 2 * tMaxEvent - tMax;
  const leftNp = Math.max(0, left);
  let nEv = 0;
  let nAll = 0;
  let nCensoredOnPlateau = 0;
  for (let i = 0; i < n; i++) {
    const t = time[i];
    if (status[i] === 1 && t > left && t <= tMaxEvent) nEv++;
    if (t >= leftNp && t <= tMaxEvent) nAll++;
    if (status[i] === 0 && t >= tMaxEvent) nCensoredOnPlateau++;
  }
  // Kaplan–Meier at the last event time (events before censorings at tied times)
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => time[a] - time[b] || status[b] - status[a]);
  let surv = 1;
  let atRisk = n;
  let k = 0;
  while (k < n) {
    const t = time[order[k]];
    let d = 0;
    let c = 0;
    while (k < n && time[order[k]] === t) {
      if (status[order[k]] === 1) d++;
      else c++;
      k++;
    }
    if (d > 0) surv *= 1 - d / atRisk;
    atRisk -= d + c;
  }
  const qn = nEv / n;
  const pValue = Math.pow(1 - qn, n);
  const npP = Math.pow(1 - nAll / n, n);
  const plateauLength = tMax - tMaxEvent;
  const warnings: string[] = [];
  const fmt = (x: number): string => String(Number(x.toPrecision(3)));
  const window = `${fmt(Math.max(0, left))} and ${fmt(tMaxEvent)}`;
  const restsOn = `${nEv} event(s) between ${window} (the Maller–Zhou window before the last event), ${nCensoredOnPlateau} patient(s) followed beyond the last event at ${fmt(tMaxEvent)}`;
  // verdict rule: fewer than minEvidence events in the window, or fewer than minEvidence patients followed
  // beyond the last event, is too thin to tell; otherwise the test at alpha decides
  let verdict: FollowUpVerdict = nEv < minEvidence || nCensoredOnPlateau < minEvidence ? "inconclusive" : pValue < alpha ? "sufficient" : "not-shown";
  if (minPlateau !== null && plateauLength < minPlateau && verdict === "sufficient") verdict = "not-shown";
  const verdictText =
    verdict === "inconclusive"
      ? `Inconclusive: the check rests on ${restsOn}; fewer than ${minEvidence} of either is too few to tell whether follow-up is long enough (Maller–Zhou p = ${pValue.toPrecision(2)}).`
      : verdict === "sufficient"
        ? `Follow-up long enough by the Maller–Zhou test (p = ${pValue.toPrecision(2)} < ${alpha}), resting on ${restsOn}.`
        : `Sufficient follow-up not shown (Maller–Zhou p = ${pValue.toPrecision(2)} ≥ ${alpha}${minPlateau !== null && plateauLength < minPlateau ? `, or a plateau shorter than ${minPlateau}` : ""}), resting on ${restsOn}.`;
  const sufficient = verdict === "sufficient";
  if (pValue >= alpha) {
    warnings.push(
      `Follow-up may be too short to speak of cure: the Maller–Zhou test does not show sufficient follow-up (p = ${pValue.toPrecision(3)} ≥ ${alpha}); ` +
        `only ${nEv} of ${n} patients died in the ${plateauLength.toPrecision(3)} time units before the last death, so deaths may still occur later. Treat any estimated cure fraction as an upper bound.`,
    );
  } else if (verdict === "inconclusive") {
    warnings.push(`Whether follow-up is long enough is inconclusive: the Maller–Zhou test rests on ${restsOn} (fewer than ${minEvidence} is too few).`);
  }
  if (minPlateau !== null && plateauLength < minPlateau) {
    warnings.push(`The survival curve is flat for only ${plateauLength.toPrecision(3)} time units after the last death (less than ${minPlateau}): too short a plateau to call the survivors cured.`);
  }
  if (nCensoredOnPlateau < 5) {
    warnings.push(`Only ${nCensoredOnPlateau} patients are followed beyond the last death: the plateau rests on very few patients.`);
  }
  return Object.freeze({
    method: "follow-up-sufficiency" as const,
    n,
    nEvent,
    tMax,
    tMaxEvent,
    plateauLength,
    plateauSurvival: surv,
    nCensoredOnPlateau,
    mallerZhou: { interval: [left, tMaxEvent] as const, nEventsInInterval: nEv, qn, pValue, npcure: { count: nAll, pValue: npP } },
    sufficient,
    verdict,
    verdictText,
    options: { alpha, minPlateau, minEvidence },
    warnings,
  });
}
