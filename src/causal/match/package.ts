/**
 * Turns a match matrix (row = treated unit in data order, `ratio` columns of control unit indices, −1
 * for none) into the parts of a MatchResult: matched sets, MatchIt's matching weights, subclasses,
 * unmatched units with their reason, and the step counts.
 *
 * Weights (MatchIt 4.5 `weights_matrixC`, estimand ATT): w_i = 1 for a treated unit with ≥ 1 control;
 * a control gets Σ over the sets it belongs to of 1 / (number of controls in that set); the control
 * weights are then multiplied by (number of controls with w > 0) / Σ w, so they sum to the number of
 * distinct matched controls. Unmatched units get 0.
 */
import type { MatchSteps, MatchedSet, UnmatchedReason, UnmatchedUnit } from "./types.js";

export interface Packaged {
  readonly matched: MatchedSet[];
  readonly weights: number[];
  readonly subclass: (number | null)[];
  readonly unmatched: UnmatchedUnit[];
  readonly steps: MatchSteps;
}

export function packageMatches(
  mm: Int32Array,
  ratio: number,
  treat: Int32Array,
  treated: Int32Array,
  ids: readonly string[],
  replace: boolean,
  reasonFor: (treatedUnit: number) => UnmatchedReason,
): Packaged {
  const n = treat.length;
  const weights = new Array<number>(n).fill(0);
  const subclass = new Array<number | null>(n).fill(null);
  const matched: MatchedSet[] = [];
  const unmatched: UnmatchedUnit[] = [];
  const unmatchedByReason: Record<UnmatchedReason, number> = {
    "no-control-in-exact-stratum": 0,
    "no-control-within-caliper": 0,
    "controls-exhausted": 0,
  };
  let fewer = 0;
  for (let r = 0; r < treated.length; r++) {
    const t = treated[r];
    const controls: number[] = [];
    for (let q = 0; q < ratio; q++) {
      const c = mm[r * ratio + q];
      if (c >= 0) controls.push(c);
    }
    if (controls.length === 0) {
      const reason = reasonFor(t);
      unmatched.push({ id: ids[t], reason });
      unmatchedByReason[reason]++;
      continue;
    }
    if (controls.length < ratio) fewer++;
    const sc = matched.length + 1;
    matched.push({ subclass: sc, treated: ids[t], controls: controls.map((c) => ids[c]) });
    weights[t] += 1;
    for (const c of controls) weights[c] += 1 / controls.length;
    if (!replace) {
      subclass[t] = sc;
      for (const c of controls) subclass[c] = sc;
    }
  }
  let sumC = 0;
  let nC = 0;
  let n0 = 0;
  for (let i = 0; i < n; i++) {
    if (treat[i] === 1) continue;
    n0++;
    if (weights[i] > 0) {
      sumC += weights[i];
      nC++;
    }
  }
  if (sumC > 0) {
    const scale = nC / sumC;
    for (let i = 0; i < n; i++) if (treat[i] !== 1 && weights[i] > 0) weights[i] *= scale;
  }
  const steps: MatchSteps = {
    treated: treated.length,
    controls: n0,
    treatedMatched: matched.length,
    treatedWithFewerThanRatio: fewer,
    treatedUnmatched: unmatched.length,
    unmatchedByReason,
    controlsMatched: nC,
    controlsUnused: n0 - nC,
  };
  return { matched, weights, subclass, unmatched, steps };
}
