/**
 * Propensity-score weights: a front door that validates, then dispatches on the estimand to the
 * registry in `weight/estimands.ts` (ATE, ATT, ATC, ATO, ATM), with optional PS trimming (units
 * dropped), stabilisation and weight truncation, Kish ESS per group and a report of extreme weights.
 */
import { SurvinferError } from "../errors.js";
import { kishEss } from "./ess.js";
import { ESTIMANDS, type Estimand } from "./weight/estimands.js";
import { truncateWeights, type TruncationReport } from "./weight/truncate.js";

export type { Estimand } from "./weight/estimands.js";
export { ESTIMANDS } from "./weight/estimands.js";

export interface PropensityWeightsInput {
  /** Propensity scores e = P(A = 1 | X), strictly inside (0, 1), in data-row order. */
  readonly ps: Float64Array | readonly number[];
  /** Treatment indicator, 1 = treated, 0 = control. */
  readonly treatment: Int32Array | readonly number[];
  /** Unit ids as the user sees them (default: 1-based data row numbers). */
  readonly ids?: readonly (string | number)[];
}

export interface PropensityWeightsOptions {
  readonly estimand: Estimand;
  /** Multiply each weight by the share of units in the unit's own group, P(A = a) (WeightIt `stabilize = TRUE`). Default false. */
  readonly stabilize?: boolean;
  /**
   * PS trimming (Crump et al. 2009 style): units with e outside [lower, upper] are dropped (weight 0)
   * before the weights are computed. A single number q means [q, 1 − q]. The propensity model is NOT
   * re-fitted on the remaining units (re-fit by calling `propensityScore` on the subset if wanted).
   */
  readonly trimPs?: number | readonly [number, number];
  /** Truncate (winsorise) weights at this percentile, as `WeightIt::trim(w, at = truncate)`; e.g. 0.99. */
  readonly truncate?: number;
  /** How many of the largest weights to list with their ids. Default 5. */
  readonly topK?: number;
  /** A weight above this multiple of its group's mean weight is flagged as extreme. Default 10. */
  readonly extremeRatio?: number;
}

export interface ExtremeWeight {
  readonly id: string | number;
  readonly group: "treated" | "control";
  readonly weight: number;
  /** Share of its group's total weight. */
  readonly shareOfGroup: number;
  /** Share of the total weight of both groups. */
  readonly shareOfTotal: number;
}

export interface GroupWeightSummary {
  readonly n: number;
  readonly sumWeights: number;
  readonly min: number;
  readonly max: number;
  readonly mean: number;
  /** Kish effective sample size (Σw)²/Σw². */
  readonly ess: number;
}

export interface PropensityWeightsResult {
  readonly method: "propensity-score weighting";
  readonly estimand: Estimand;
  readonly estimandLabel: string;
  /** The estimand in words. */
  readonly estimandDescription: string;
  readonly formula: string;
  readonly reference: string;
  /** Weights in data-row order; 0 for units dropped by PS trimming. */
  readonly weights: readonly number[];
  readonly included: readonly boolean[];
  readonly treated: GroupWeightSummary;
  readonly control: GroupWeightSummary;
  readonly ess: { readonly treated: number; readonly control: number; readonly overall: number };
  readonly extreme: {
    readonly maxWeight: number;
    readonly maxId: string | number;
    readonly maxShareOfTotal: number;
    readonly top: readonly ExtremeWeight[];
    /** Units whose weight exceeds `extremeRatio` × their group's mean weight. */
    readonly flagged: readonly ExtremeWeight[];
  };
  readonly trimming: { readonly lower: number; readonly upper: number; readonly droppedIds: readonly (string | number)[]; readonly refitted: false } | null;
  readonly truncation: TruncationReport | null;
  readonly options: {
    readonly estimand: Estimand;
    readonly stabilize: boolean;
    readonly stabilizationFactors: { readonly treated: number; readonly control: number } | null;
    readonly trimPs: readonly [number, number] | null;
    readonly truncate: number | null;
    readonly topK: number;
    readonly extremeRatio: number;
    readonly order: "trim PS → weights → stabilise → truncate";
  };
  readonly warnings: readonly string[];
}

function conflict(message: string): SurvinferError {
  return new SurvinferError({ code: "OPTION_CONFLICT", message });
}

function summarise(w: Float64Array, mask: (i: number) => boolean): GroupWeightSummary {
  let n = 0;
  let s = 0;
  let mn = Infinity;
  let mx = -Infinity;
  for (let i = 0; i < w.length; i++) {
    if (!mask(i)) continue;
    n++;
    s += w[i];
    if (w[i] < mn) mn = w[i];
    if (w[i] > mx) mx = w[i];
  }
  return { n, sumWeights: s, min: n > 0 ? mn : Number.NaN, max: n > 0 ? mx : Number.NaN, mean: n > 0 ? s / n : Number.NaN, ess: kishEss(w, mask) };
}

/**
 * Propensity-score weights for a binary treatment.
 *
 * w(e, a) per estimand (WeightIt `get_w_from_ps()`): ATE 1/e, 1/(1−e); ATT 1, e/(1−e); ATC (1−e)/e, 1;
 * ATO 1−e, e (Li, Morgan & Zaslavsky 2018, doi:10.1080/01621459.2016.1260466); ATM min(e,1−e)/e,
 * min(e,1−e)/(1−e) (Li & Greene 2013, doi:10.1515/ijb-2012-0030). Stabilised: w × P̂(A = a), the share of
 * (retained) units in the unit's group, as WeightIt's `stabilize = TRUE`. Truncation: `WeightIt::trim(w, at)`
 * (quantile type 3 over the groups whose weights vary). ESS = (Σw)²/Σw² per group (Kish 1965).
 *
 * R equivalent: `WeightIt::weightit(treat ~ X, method = "glm", estimand = E, stabilize = S)`, then
 * `WeightIt::trim(W, at = q)`; `WeightIt::ESS()`. Deliberate differences: stabilising ATO or ATM is an
 * error (their weights are already bounded); PS trimming drops units without re-fitting the model.
 *
 * @example
 * ```ts
 * const r = propensityWeights({ ps: [0.2, 0.5, 0.8, 0.4], treatment: [0, 1, 1, 0] }, { estimand: "ATE" });
 * r.weights; // [1.25, 2, 1.25, 1.666…]
 * ```
 */
export function propensityWeights(input: PropensityWeightsInput, options: PropensityWeightsOptions): Readonly<PropensityWeightsResult> {
  const def = ESTIMANDS[options.estimand];
  if (def === undefined) {
    throw new SurvinferError({ code: "OPTION_INVALID", message: `option estimand must be one of ATE, ATT, ATC, ATO, ATM; got ${JSON.stringify(options.estimand)}` });
  }
  const stabilize = options.stabilize === true;
  if (stabilize && !def.stabilizable) {
    throw conflict(`options stabilize and estimand = "${def.id}" conflict: ${def.id} weights are bounded by 1 and are not stabilised; drop stabilize or choose ATE, ATT or ATC`);
  }
  const n = input.ps.length;
  if (input.treatment.length !== n) {
    throw new SurvinferError({ code: "DATA_DIMENSION", message: `treatment has length ${input.treatment.length}; ps has length ${n}` });
  }
  const ids = input.ids ?? Array.from({ length: n }, (_, i) => i + 1);
  if (ids.length !== n) throw new SurvinferError({ code: "DATA_DIMENSION", message: `ids has length ${ids.length}; ps has length ${n}` });
  let trim: [number, number] | null = null;
  if (options.trimPs !== undefined) {
    const t = options.trimPs;
    trim = typeof t === "number" ? [Math.min(t, 1 - t), Math.max(t, 1 - t)] : [t[0], t[1]];
    if (!(trim[0] >= 0 && trim[1] <= 1 && trim[0] < trim[1])) {
      throw new SurvinferError({ code: "OPTION_INVALID", message: `option trimPs must be q in [0, 0.5) or [lower, upper] with 0 ≤ lower < upper ≤ 1; got ${JSON.stringify(t)}` });
    }
  }
  if (options.truncate !== undefined && !(options.truncate > 0 && options.truncate < 1)) {
    throw new SurvinferError({ code: "OPTION_INVALID", message: `option truncate must be a percentile in (0, 1), e.g. 0.99; got ${JSON.stringify(options.truncate)}` });
  }
  const topK = options.topK ?? 5;
  const extremeRatio = options.extremeRatio ?? 10;
  const a = Int32Array.from(input.treatment as ArrayLike<number>);
  const e = Float64Array.from(input.ps as ArrayLike<number>);
  for (let i = 0; i < n; i++) {
    if (a[i] !== 0 && a[i] !== 1) {
      throw new SurvinferError({ code: "DATA_INVALID_TREATMENT", message: "treatment must be coded 1 (treated) or 0 (control)", row: i + 1, value: String(input.treatment[i]) });
    }
    if (!(e[i] > 0 && e[i] < 1)) {
      throw new SurvinferError({
        code: "DATA_PS_OUT_OF_RANGE",
        message: `propensity score must be strictly between 0 and 1 (unit ${String(ids[i])})`,
        row: i + 1,
        value: String(e[i]),
        hint: "a score of 0 or 1 means separation in the propensity model: see its separation report, or use Firth's method",
      });
    }
  }
  const warnings: string[] = [];
  const include = new Uint8Array(n).fill(1);
  const dropped: (string | number)[] = [];
  if (trim !== null) {
    for (let i = 0; i < n; i++) {
      if (e[i] < trim[0] || e[i] > trim[1]) {
        include[i] = 0;
        dropped.push(ids[i]);
      }
    }
    if (dropped.length > 0) warnings.push(`PS trimming to [${trim[0]}, ${trim[1]}] dropped ${dropped.length} unit(s); the estimand now refers to the trimmed population and the propensity model was not re-fitted`);
  }
  let n1 = 0;
  let n0 = 0;
  for (let i = 0; i < n; i++) {
    if (include[i] !== 1) continue;
    if (a[i] === 1) n1++;
    else n0++;
  }
  if (n1 === 0 || n0 === 0) {
    throw new SurvinferError({ code: "DATA_EMPTY_GROUP", message: `no ${n1 === 0 ? "treated" : "control"} units remain${trim !== null ? " after PS trimming" : ""}`, hint: "widen trimPs or check the treatment column" });
  }
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) w[i] = include[i] === 1 ? def.weight(e[i], a[i]) : 0;
  let factors: { treated: number; control: number } | null = null;
  if (stabilize) {
    factors = { treated: n1 / (n1 + n0), control: n0 / (n1 + n0) };
    for (let i = 0; i < n; i++) w[i] *= a[i] === 1 ? factors.treated : factors.control;
  }
  let truncation: TruncationReport | null = null;
  if (options.truncate !== undefined) {
    truncation = truncateWeights(w, a, include, options.truncate);
    if (truncation === null) warnings.push("weights are all the same in each treatment group and were not truncated");
    else warnings.push(`weights above the ${Number((100 * truncation.at).toPrecision(12))}th percentile (${Number(truncation.threshold.toPrecision(4))}) were truncated to it for ${truncation.nTruncated} unit(s)`);
  }
  const isT = (i: number): boolean => include[i] === 1 && a[i] === 1;
  const isC = (i: number): boolean => include[i] === 1 && a[i] === 0;
  const treated = summarise(w, isT);
  const control = summarise(w, isC);
  const total = treated.sumWeights + control.sumWeights;
  const order = Array.from({ length: n }, (_, i) => i).filter((i) => include[i] === 1);
  order.sort((x, y) => w[y] - w[x] || x - y);
  const describe = (i: number): ExtremeWeight => {
    const g = a[i] === 1 ? treated : control;
    return { id: ids[i], group: a[i] === 1 ? "treated" : "control", weight: w[i], shareOfGroup: w[i] / g.sumWeights, shareOfTotal: w[i] / total };
  };
  const top = order.slice(0, topK).map(describe);
  const flagged = order.filter((i) => w[i] > extremeRatio * (a[i] === 1 ? treated.mean : control.mean)).map(describe);
  if (flagged.length > 0) {
    const list = flagged.slice(0, 10).map((f) => `${String(f.id)} (${f.group}, w = ${f.weight.toPrecision(4)}, ${(100 * f.shareOfGroup).toFixed(1)}% of its group's weight)`);
    warnings.push(`extreme weights (> ${extremeRatio} × group mean): ${list.join("; ")}${flagged.length > 10 ? ` and ${flagged.length - 10} more` : ""}. Consider ATO/matching weights, PS trimming or truncation`);
  }
  const maxI = order[0];
  return Object.freeze({
    method: "propensity-score weighting" as const,
    estimand: def.id,
    estimandLabel: def.label,
    estimandDescription: def.description,
    formula: def.formula,
    reference: def.reference,
    weights: Array.from(w),
    included: Array.from(include, (v) => v === 1),
    treated,
    control,
    ess: { treated: treated.ess, control: control.ess, overall: kishEss(w, (i) => include[i] === 1) },
    extreme: { maxWeight: w[maxI], maxId: ids[maxI], maxShareOfTotal: w[maxI] / total, top, flagged },
    trimming: trim === null ? null : { lower: trim[0], upper: trim[1], droppedIds: dropped, refitted: false as const },
    truncation,
    options: {
      estimand: def.id,
      stabilize,
      stabilizationFactors: factors,
      trimPs: trim,
      truncate: options.truncate ?? null,
      topK,
      extremeRatio,
      order: "trim PS → weights → stabilise → truncate" as const,
    },
    warnings,
  });
}
