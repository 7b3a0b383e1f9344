/**
 * Cloning and artificial censoring (Hernán 2016, doi:10.1093/aje/kwv254; Maringe et al. 2020,
 * doi:10.1093/ije/dyaa057, §"Cloning" and "Censoring"): every patient is copied into both strategies and
 * each copy is censored when its observed course stops agreeing with its strategy.
 *
 * Conventions (one place, echoed in the result's options.conventions):
 * - treated within the grace period G: A ≤ G and A ≤ T (treatment on the day of the event or of the end of
 *   follow-up counts as treatment; a treatment time past T is treatment after follow-up, i.e. none);
 * - "treat within G": a treated-in-grace clone keeps (T, status); an untreated clone still in follow-up
 *   after G (T > G) deviates at G (censored at G); one whose follow-up ends by G (T ≤ G) keeps (T, status):
 *   an event at or before G counts in both arms;
 * - "no treatment within G": a treated-in-grace clone deviates at A (censored at A: an event on the day of
 *   treatment is not counted in this arm); everyone else keeps (T, status) — treatment after G is allowed,
 *   as in Maringe et al.
 */

/** One strategy's clones, clone i = patient i. */
export interface ArmClones {
  /** End of the clone's follow-up (T, A or G). */
  readonly tc: Float64Array;
  /** 1 = event at tc counted in this arm. */
  readonly status: Int32Array;
  /** 1 = artificially censored at tc (deviation from the strategy). */
  readonly dev: Int32Array;
}

export type Strategy = "treat" | "control";

/** Clones of all patients into one strategy (O(n)). */
export function cloneArm(time: Float64Array, status: ArrayLike<number>, treatmentTime: Float64Array, grace: number, strategy: Strategy): ArmClones {
  const n = time.length;
  const tc = new Float64Array(n);
  const st = new Int32Array(n);
  const dev = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const T = time[i];
    const A = treatmentTime[i];
    const treatedInGrace = A <= grace && A <= T; // NaN / Infinity: never
    if (strategy === "treat") {
      if (!treatedInGrace && T > grace) {
        tc[i] = grace;
        dev[i] = 1;
      } else {
        tc[i] = T;
        st[i] = status[i] === 1 ? 1 : 0;
      }
    } else if (treatedInGrace) {
      tc[i] = A;
      dev[i] = 1;
    } else {
      tc[i] = T;
      st[i] = status[i] === 1 ? 1 : 0;
    }
  }
  return { tc, status: st, dev };
}
