/**
 * Registry of covariate-balance statistics (style §1, after cobalt's `STATS` list): each entry has an
 * id, a label, a compute function, a default threshold, how a value is made "absolute" for the
 * threshold check, and the love-plot axis scale. The report, CLI and app read this table.
 *
 * The compute functions follow cobalt 4.5 (`col_w_smd`, `col_w_vr`, `col_w_ks`, `col.w.v`), written
 * from their published definitions: with w̃ = w/Σw within a group,
 *   mean  x̄ = Σ w̃ x;
 *   var   continuous: Σ w̃ (x − x̄)² / (1 − Σ w̃²)  (= the unbiased n−1 variance when w ≡ 1);
 *         binary:     p(1 − p), no correction;
 *   SMD   (x̄₁ − x̄₀) / denominator, the denominator given by the caller (see balance.ts);
 *   VR    var₁ / var₀ (continuous variables only);
 *   KS    max over x of |F̂₁(x) − F̂₀(x)| with weighted ECDFs (binary: |p₁ − p₀|).
 */

/** One variable, complete cases only, with the treatment and the weights of the sample being described. */
export interface BalanceContext {
  readonly x: Float64Array;
  readonly a: Int32Array;
  readonly w: Float64Array;
  readonly binary: boolean;
  /** SMD denominator for this variable and sample (1 when the difference is reported raw). */
  readonly denominator: number;
  /** Indices sorting x ascending (computed once per variable and shared by the before/after tables). */
  readonly order?: Uint32Array;
}

/** Indices that sort x ascending. */
export function sortOrder(x: Float64Array): Uint32Array {
  const idx = new Uint32Array(x.length);
  for (let i = 0; i < idx.length; i++) idx[i] = i;
  return idx.sort((p, q) => x[p] - x[q]);
}

export type BalanceStatId = "smd" | "varianceRatio" | "ks";

export interface BalanceStatDefinition {
  readonly id: BalanceStatId;
  readonly label: string;
  /** Default balance threshold (null: none by default). */
  readonly threshold: number | null;
  /** Value compared with the threshold: |SMD|, max(VR, 1/VR), KS. */
  readonly absolute: (v: number) => number;
  /** Love-plot axis. */
  readonly axisScale: "linear" | "log";
  /** Reference line on the love plot. */
  readonly baseline: number;
  readonly compute: (ctx: BalanceContext) => number | null;
}

/** Weighted mean of x in group g. */
export function groupMean(x: Float64Array, a: Int32Array, w: Float64Array, g: number): number {
  let s = 0;
  let sw = 0;
  for (let i = 0; i < x.length; i++) {
    if (a[i] !== g) continue;
    s += w[i] * x[i];
    sw += w[i];
  }
  return s / sw;
}

/** cobalt's `col.w.v` for group g (g = -1: all units). */
export function groupVariance(x: Float64Array, a: Int32Array, w: Float64Array, g: number, binary: boolean): number {
  let sw = 0;
  for (let i = 0; i < x.length; i++) if (g < 0 || a[i] === g) sw += w[i];
  let m = 0;
  for (let i = 0; i < x.length; i++) if (g < 0 || a[i] === g) m += (w[i] / sw) * x[i];
  if (binary) return m * (1 - m);
  let ss = 0;
  let sw2 = 0;
  for (let i = 0; i < x.length; i++) {
    if (!(g < 0 || a[i] === g)) continue;
    const wt = w[i] / sw;
    ss += wt * (x[i] - m) * (x[i] - m);
    sw2 += wt * wt;
  }
  return ss / (1 - sw2);
}

/**
 * survey::svyvar for group g, as tableone uses it: Σw(x − x̄)²/Σw · n/(n − 1), n = units with w ≠ 0;
 * binary: p(1 − p).
 */
export function surveyGroupVariance(x: Float64Array, a: Int32Array, w: Float64Array, g: number, binary: boolean): number {
  let sw = 0;
  let s = 0;
  let n = 0;
  for (let i = 0; i < x.length; i++) {
    if (a[i] !== g) continue;
    sw += w[i];
    s += w[i] * x[i];
    if (w[i] !== 0) n++;
  }
  const m = s / sw;
  if (binary) return m * (1 - m);
  let ss = 0;
  for (let i = 0; i < x.length; i++) if (a[i] === g) ss += w[i] * (x[i] - m) * (x[i] - m);
  return (ss / sw) * (n / (n - 1));
}

function smd(ctx: BalanceContext): number {
  const diff = groupMean(ctx.x, ctx.a, ctx.w, 1) - groupMean(ctx.x, ctx.a, ctx.w, 0);
  // cobalt leaves a difference that is zero to √ε unstandardised
  if (Math.abs(diff) < Math.sqrt(2.220446049250313e-16)) return diff;
  return diff / ctx.denominator;
}

function varianceRatio(ctx: BalanceContext): number | null {
  if (ctx.binary) return null;
  return groupVariance(ctx.x, ctx.a, ctx.w, 1, false) / groupVariance(ctx.x, ctx.a, ctx.w, 0, false);
}

function ks(ctx: BalanceContext): number {
  const { x, a, w } = ctx;
  if (ctx.binary) return Math.abs(groupMean(x, a, w, 1) - groupMean(x, a, w, 0));
  let s1 = 0;
  let s0 = 0;
  for (let i = 0; i < x.length; i++) {
    if (a[i] === 1) s1 += w[i];
    else s0 += w[i];
  }
  const order = ctx.order ?? sortOrder(x);
  let cum = 0;
  let best = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k];
    cum += a[i] === 1 ? w[i] / s1 : -w[i] / s0;
    const last = k === order.length - 1 || x[order[k + 1]] !== x[i];
    if (last && Math.abs(cum) > best) best = Math.abs(cum);
  }
  return best;
}

export const BALANCE_STATS: Readonly<Record<BalanceStatId, BalanceStatDefinition>> = Object.freeze({
  smd: {
    id: "smd",
    label: "Standardised mean difference",
    threshold: 0.1,
    absolute: (v: number) => Math.abs(v),
    axisScale: "linear",
    baseline: 0,
    compute: smd,
  },
  varianceRatio: {
    id: "varianceRatio",
    label: "Variance ratio (treated/control)",
    threshold: 2,
    absolute: (v: number) => (v < 1 ? 1 / v : v),
    axisScale: "log",
    baseline: 1,
    compute: varianceRatio,
  },
  ks: {
    id: "ks",
    label: "Kolmogorov–Smirnov statistic",
    threshold: null,
    absolute: (v: number) => v,
    axisScale: "linear",
    baseline: 0,
    compute: ks,
  },
});
