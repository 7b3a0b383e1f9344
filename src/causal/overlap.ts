/**
 * Common-support (overlap) report for a propensity score: PS range per group, the units of each group that
 * lie outside the other group's range, and Walker et al.'s preference score with the share of each group in
 * empirical equipoise.
 */
import { SurvinferError } from "../errors.js";

export interface OverlapInput {
  readonly ps: Float64Array | readonly number[];
  readonly treatment: Int32Array | readonly number[];
  readonly ids?: readonly (string | number)[];
}

export interface OverlapOptions {
  /** Preference-score band for empirical equipoise (Walker et al.: [0.3, 0.7]). */
  readonly equipoiseBand?: readonly [number, number];
  /** Share of each group that must lie in the band (Walker et al.: 0.5). */
  readonly equipoiseShare?: number;
}

export interface GroupRange {
  readonly n: number;
  readonly min: number;
  readonly max: number;
}

export interface OverlapResult {
  readonly method: "propensity-score overlap";
  readonly treated: GroupRange;
  readonly control: GroupRange;
  /** [max of the minima, min of the maxima]: the PS range where both groups have units (null when the ranges do not overlap). */
  readonly commonSupport: readonly [number, number] | null;
  /** Treated units with PS outside the control range, and control units outside the treated range. */
  readonly outside: {
    readonly treated: readonly (string | number)[];
    readonly control: readonly (string | number)[];
  };
  readonly preference: {
    /** P = share treated. */
    readonly prevalence: number;
    /** F with logit F = logit e − logit P, in data-row order. */
    readonly scores: readonly number[];
    readonly band: readonly [number, number];
    readonly shareInBandTreated: number;
    readonly shareInBandControl: number;
    /** Both shares ≥ equipoiseShare. */
    readonly equipoise: boolean;
  };
  readonly options: { readonly equipoiseBand: readonly [number, number]; readonly equipoiseShare: number };
  readonly warnings: readonly string[];
}

/**
 * Overlap of propensity scores between treated and control units.
 *
 * Preference score (Walker AM et al. Comp Eff Res 2013;3:11–20, doi:10.2147/CER.S40357):
 * ln(F/(1 − F)) = ln(e/(1 − e)) − ln(P/(1 − P)), P the proportion treated; the groups are in empirical
 * equipoise when at least half of each has 0.3 ≤ F ≤ 0.7. Common support as the min/max rule
 * (Dehejia & Wahba 1999). No single R function; `MatchIt::matchit(discard = "both")` drops the units
 * listed in `outside`.
 *
 * @example
 * ```ts
 * const o = overlapReport({ ps: [0.1, 0.4, 0.6, 0.9], treatment: [0, 0, 1, 1] });
 * o.outside.treated; // [4]: 0.9 is above the control maximum 0.4
 * ```
 */
export function overlapReport(input: OverlapInput, options: OverlapOptions = {}): Readonly<OverlapResult> {
  const n = input.ps.length;
  if (input.treatment.length !== n) throw new SurvinferError({ code: "DATA_DIMENSION", message: `treatment has length ${input.treatment.length}; ps has length ${n}` });
  const ids = input.ids ?? Array.from({ length: n }, (_, i) => i + 1);
  const band = options.equipoiseBand ?? ([0.3, 0.7] as const);
  const share = options.equipoiseShare ?? 0.5;
  const r = [
    { n: 0, min: Infinity, max: -Infinity },
    { n: 0, min: Infinity, max: -Infinity },
  ];
  for (let i = 0; i < n; i++) {
    const a = input.treatment[i];
    const e = input.ps[i];
    if (a !== 0 && a !== 1) throw new SurvinferError({ code: "DATA_INVALID_TREATMENT", message: "treatment must be coded 1 (treated) or 0 (control)", row: i + 1, value: String(a) });
    if (!(e > 0 && e < 1)) throw new SurvinferError({ code: "DATA_PS_OUT_OF_RANGE", message: "propensity score must be strictly between 0 and 1", row: i + 1, value: String(e) });
    const g = r[a];
    g.n++;
    if (e < g.min) g.min = e;
    if (e > g.max) g.max = e;
  }
  if (r[0].n === 0 || r[1].n === 0) throw new SurvinferError({ code: "DATA_EMPTY_GROUP", message: `the ${r[1].n === 0 ? "treated" : "control"} group is empty` });
  const lo = Math.max(r[0].min, r[1].min);
  const hi = Math.min(r[0].max, r[1].max);
  const outT: (string | number)[] = [];
  const outC: (string | number)[] = [];
  const prevalence = r[1].n / n;
  const lp = Math.log(prevalence / (1 - prevalence));
  const scores: number[] = new Array<number>(n);
  let inT = 0;
  let inC = 0;
  for (let i = 0; i < n; i++) {
    const e = input.ps[i];
    const a = input.treatment[i];
    const other = r[1 - a];
    if (e < other.min || e > other.max) (a === 1 ? outT : outC).push(ids[i]);
    const f = 1 / (1 + Math.exp(-(Math.log(e / (1 - e)) - lp)));
    scores[i] = f;
    if (f >= band[0] && f <= band[1]) {
      if (a === 1) inT++;
      else inC++;
    }
  }
  const shareT = inT / r[1].n;
  const shareC = inC / r[0].n;
  const warnings: string[] = [];
  if (outT.length + outC.length > 0) {
    warnings.push(`${outT.length} treated and ${outC.length} control unit(s) lie outside the other group's propensity-score range (no comparable patients)`);
  }
  const equipoise = shareT >= share && shareC >= share;
  if (!equipoise) warnings.push(`not in empirical equipoise: ${(100 * shareT).toFixed(1)}% of treated and ${(100 * shareC).toFixed(1)}% of controls have a preference score in [${band[0]}, ${band[1]}] (Walker et al. ask ≥ ${100 * share}% of each)`);
  return Object.freeze({
    method: "propensity-score overlap" as const,
    treated: { ...r[1] },
    control: { ...r[0] },
    commonSupport: lo <= hi ? ([lo, hi] as const) : null,
    outside: { treated: outT, control: outC },
    preference: { prevalence, scores, band, shareInBandTreated: shareT, shareInBandControl: shareC, equipoise },
    options: { equipoiseBand: band, equipoiseShare: share },
    warnings,
  });
}
