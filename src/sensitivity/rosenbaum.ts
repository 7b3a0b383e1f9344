/**
 * Rosenbaum bounds for matched pairs (Rosenbaum 2002, Observational Studies, 2nd ed., Springer,
 * §4.3–4.4, doi:10.1007/978-1-4757-3692-2): how large a hidden bias Γ — the odds that one member of
 * a matched pair, rather than the other, received treatment because of an unmeasured covariate — would
 * have to be before the one-sided test of no effect stops being significant.
 *
 * Every statistic here is a sum over pairs of a fixed non-negative score q_s counted when the pair's
 * difference points in the tested direction: T = Σ_s q_s·1(d_s > 0). Under a hidden bias at most Γ,
 * each indicator is Bernoulli with probability between p⁻ = 1/(1+Γ) and p⁺ = Γ/(1+Γ), so T is bounded
 * stochastically by the sums with all probabilities p⁺ (upper bound on the p-value) and p⁻ (lower
 * bound). With many pairs T is approximately normal: E = p·Σq_s, Var = p(1−p)·Σq_s²
 * (Rosenbaum 2002 §4.3.3, eq. 4.14–4.15). The signed-rank (q = rank of |d|), the paired
 * Prentice–Wilcoxon (q = |score difference|) and the sign test (q = 1, exact binomial) are instances.
 *
 * R equivalents: rbounds::psens (signed rank, its tie branch), rbounds::binarysens (McNemar). rbounds is
 * not in Debian; tools/oracle/sensitivity.R restates its formulas in base R. Deliberate differences from
 * psens: it rounds p-values to 4 digits (here full precision), and its no-tie branch uses the variance
 * S(S+1)·2(S+1)/6 instead of S(S+1)(2S+1)/6 (a typo); here the variance is always Σq_s², which equals
 * psens's tie branch and the textbook formula.
 */
import { SurvinferError } from "../errors.js";
import { normalCdf } from "../math/distributions.js";
import { binomialUpperTail } from "./binomial.js";

/** Default Γ grid: 1 (no hidden bias) to 6, as rbounds' default Gamma = 6, with finer steps below 2. */
export const DEFAULT_GAMMAS: readonly number[] = [1, 1.25, 1.5, 1.75, 2, 2.5, 3, 4, 5, 6];

export interface RosenbaumRow {
  /** Γ ≥ 1: odds ratio of treatment within a pair due to the unmeasured covariate. */
  readonly gamma: number;
  /** One-sided p-value if the hidden bias works against the finding as much as Γ allows (upper bound). */
  readonly pUpper: number;
  /** One-sided p-value if the hidden bias works for the finding (lower bound). */
  readonly pLower: number;
}

export type GammaChangeStatus = "found" | "not significant" | "beyond search" | "undefined";

/** The Γ search's outcome as the result's two fields. */
export function gammaChangeFields(g: number | null, defined: boolean): { gammaChange: number | null; gammaChangeStatus: GammaChangeStatus } {
  if (!defined) return { gammaChange: null, gammaChangeStatus: "undefined" };
  if (g === null) return { gammaChange: null, gammaChangeStatus: "not significant" };
  if (g === Number.POSITIVE_INFINITY) return { gammaChange: null, gammaChangeStatus: "beyond search" };
  return { gammaChange: g, gammaChangeStatus: "found" };
}

export type RosenbaumTest = "signed-rank" | "mcnemar" | "paired-prentice-wilcoxon";

export interface RosenbaumResult {
  readonly method: string;
  readonly test: RosenbaumTest;
  /** Pairs given (before dropping uninformative pairs). */
  readonly nPairs: number;
  /** Pairs that carry information (non-zero score; discordant pairs for McNemar). */
  readonly nInformative: number;
  /** The observed statistic T (sum of the scores of pairs pointing in the tested direction). */
  readonly statistic: number;
  /** The tested direction in words, e.g. "treated patients lived longer". */
  readonly direction: string;
  readonly rows: readonly RosenbaumRow[];
  readonly alpha: number;
  /**
   * Smallest Γ at which the upper-bound p-value reaches alpha: the hidden bias that would change the
   * conclusion; null unless `gammaChangeStatus` is "found".
   */
  readonly gammaChange: number | null;
  /**
   * "found"; "not significant" (not significant at Γ = 1: nothing to explain away); "beyond search" (still
   * significant at Γ = 10⁴, the end of the search); "undefined" (no informative pair). Kept apart from
   * gammaChange so that JSON (which has no Infinity) cannot confuse the cases.
   */
  readonly gammaChangeStatus: GammaChangeStatus;
  readonly options: { readonly approximation: "normal" | "exact binomial"; readonly zeros?: "keep" | "drop" | "pratt" };
  readonly warnings: string[];
}

function checkGammas(gammas: readonly number[], alpha: number): void {
  for (const g of gammas) {
    if (!(Number.isFinite(g) && g >= 1)) {
      throw new SurvinferError({ code: "OPTION_INVALID", message: "every Γ of the sensitivity grid must be a finite number ≥ 1", value: String(g), hint: "Γ = 1 means no hidden bias; give values such as 1, 1.5, 2, 3" });
    }
  }
  if (!(alpha > 0 && alpha < 1)) {
    throw new SurvinferError({ code: "OPTION_INVALID", message: "alpha must lie strictly between 0 and 1", value: String(alpha) });
  }
}

/** Bounds of the normal approximation for T = Σ q_s·1(positive_s) at one Γ (Rosenbaum 2002 eq. 4.14–4.15). */
export function signedScoreBounds(statistic: number, sumQ: number, sumQ2: number, gamma: number): RosenbaumRow {
  const pPlus = gamma / (1 + gamma);
  const pMinus = 1 / (1 + gamma);
  const sd = Math.sqrt(pPlus * pMinus * sumQ2);
  // 1 − Φ(z) computed as Φ(−z): R's 1 - pnorm(z) agrees to ~1e-16 absolute
  const pUpper = sd > 0 ? normalCdf(-(statistic - pPlus * sumQ) / sd) : Number.NaN;
  const pLower = sd > 0 ? normalCdf(-(statistic - pMinus * sumQ) / sd) : Number.NaN;
  return { gamma, pUpper, pLower };
}

/**
 * Smallest Γ ≥ 1 with upperP(Γ) ≥ alpha, by bisection on log Γ (upperP increases with Γ);
 * null when upperP(1) ≥ alpha already, Infinity when upperP(10⁴) < alpha. Accurate to 1e-10 relative.
 */
export function gammaAtAlpha(upperP: (gamma: number) => number, alpha: number): number | null {
  if (!(upperP(1) < alpha)) return null;
  const hiMax = 1e4;
  if (upperP(hiMax) < alpha) return Number.POSITIVE_INFINITY;
  let lo = 0;
  let hi = Math.log(hiMax);
  for (let it = 0; it < 200 && hi - lo > 1e-11; it++) {
    const mid = (lo + hi) / 2;
    if (upperP(Math.exp(mid)) < alpha) lo = mid;
    else hi = mid;
  }
  return Math.exp((lo + hi) / 2);
}

/**
 * The generic bound for a sum of sign-flipped pair scores: q (≥ 0) and whether each pair points in the
 * tested direction. Pairs with q = 0 carry no information and add nothing to T, E or Var.
 */
export function rosenbaumSignedScores(
  q: ArrayLike<number>,
  positive: ArrayLike<boolean>,
  options: { readonly gammas?: readonly number[]; readonly alpha?: number; readonly test: RosenbaumTest; readonly direction: string; readonly nPairs?: number; readonly zeros?: "keep" | "drop" | "pratt" },
): RosenbaumResult {
  const gammas = options.gammas ?? DEFAULT_GAMMAS;
  const alpha = options.alpha ?? 0.05;
  checkGammas(gammas, alpha);
  let t = 0;
  let sumQ = 0;
  let sumQ2 = 0;
  let informative = 0;
  for (let s = 0; s < q.length; s++) {
    const qs = q[s];
    if (qs > 0) informative++;
    sumQ += qs;
    sumQ2 += qs * qs;
    if (positive[s]) t += qs;
  }
  const warnings: string[] = [];
  if (informative === 0) warnings.push("no pair carries information (all differences are zero or undetermined): the bounds are not defined");
  else if (informative < 10) warnings.push(`only ${informative} informative pairs: the normal approximation of the bounds is rough`);
  const rows = gammas.map((g) => signedScoreBounds(t, sumQ, sumQ2, g));
  const change = gammaChangeFields(informative === 0 ? null : gammaAtAlpha((g) => signedScoreBounds(t, sumQ, sumQ2, g).pUpper, alpha), informative > 0);
  return {
    method: "Rosenbaum bounds (Rosenbaum 2002, §4.3)",
    test: options.test,
    nPairs: options.nPairs ?? q.length,
    nInformative: informative,
    statistic: t,
    direction: options.direction,
    rows,
    alpha,
    ...change,
    options: { approximation: "normal", ...(options.zeros === undefined ? {} : { zeros: options.zeros }) },
    warnings,
  };
}

/** Average ranks of x (ties share the mean rank); R: rank(x, ties.method = "average"). */
export function averageRanks(x: ArrayLike<number>): Float64Array {
  const n = x.length;
  const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => x[a] - x[b]);
  const r = new Float64Array(n);
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && x[idx[j + 1]] === x[idx[i]]) j++;
    const avg = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) r[idx[k]] = avg;
    i = j + 1;
  }
  return r;
}

function checkPairs(treated: ArrayLike<number>, control: ArrayLike<number>): void {
  if (treated.length !== control.length) {
    throw new SurvinferError({ code: "OPTION_INVALID", message: `treated and control outcomes must be paired: ${treated.length} treated vs ${control.length} control values` });
  }
  for (let s = 0; s < treated.length; s++) {
    if (!Number.isFinite(treated[s]) || !Number.isFinite(control[s])) {
      throw new SurvinferError({ code: "OPTION_INVALID", message: `pair ${s + 1} has a missing or non-finite outcome`, value: `${treated[s]}, ${control[s]}`, hint: "drop incomplete pairs before the sensitivity analysis" });
    }
  }
}

/**
 * Wilcoxon signed-rank bounds for pair differences d_s = treated_s − control_s, testing "treated
 * higher" (`alternative: "greater"`, as rbounds::psens) or "treated lower" (`"less"`, the same test on
 * −d). `zeros: "keep"` (an earlier psens's default: zero differences get a rank, never count in T but
 * stay in E and Var), `"drop"` (Wilcoxon's convention and rbounds 2.2's psens: zero differences removed
 * before ranking) or `"pratt"` (zero differences ranked, then scored 0: Rosenbaum's own convention,
 * DOS2::senWilcox, which reproduces the lead example of Rosenbaum 2002, §4.3: upper bounds 0.0018,
 * 0.0136, 0.0388 at Γ = 2, 3, 4; test/fixtures/sensitivity/published-lead-psens.json).
 *
 * @example
 * rosenbaumSignedRank([38, 23, 41], [16, 18, 18]).rows[0].pUpper // p-value at Γ = 1
 */
export function rosenbaumSignedRank(
  treated: ArrayLike<number>,
  control: ArrayLike<number>,
  options: { readonly gammas?: readonly number[]; readonly alpha?: number; readonly alternative?: "greater" | "less"; readonly zeros?: "keep" | "drop" | "pratt" } = {},
): RosenbaumResult {
  checkPairs(treated, control);
  const sign = options.alternative === "less" ? -1 : 1;
  const zeros = options.zeros ?? "keep";
  const d: number[] = [];
  for (let s = 0; s < treated.length; s++) {
    const ds = sign * (treated[s] - control[s]);
    if (zeros === "drop" && ds === 0) continue;
    d.push(ds);
  }
  const ranks = averageRanks(d.map(Math.abs));
  // "pratt": zero differences take part in the ranking, then score 0 (Pratt 1959; Rosenbaum 2002 Table 4.3)
  if (zeros === "pratt") d.forEach((v, s) => v === 0 && (ranks[s] = 0));
  const res = rosenbaumSignedScores(ranks, d.map((v) => v > 0), {
    gammas: options.gammas,
    alpha: options.alpha,
    test: "signed-rank",
    direction: sign > 0 ? "treated higher than control" : "treated lower than control",
    nPairs: treated.length,
    zeros,
  });
  // a zero difference has a rank but never counts: it is not informative
  const informative = d.filter((v) => v !== 0).length;
  return { ...res, method: "Rosenbaum bounds, Wilcoxon signed-rank test (Rosenbaum 2002, §4.3.3; rbounds::psens)", nInformative: informative };
}

/**
 * McNemar-type bounds for a binary outcome in matched pairs (Rosenbaum 2002, §4.3.2; rbounds::binarysens):
 * among the D discordant pairs, T = those in the tested direction; upper bound P(Bin(D, Γ/(1+Γ)) ≥ T),
 * lower bound P(Bin(D, 1/(1+Γ)) ≥ T), both exact.
 *
 * @param tested discordant pairs in the tested direction (e.g. only the control died).
 * @param other discordant pairs in the other direction (only the treated died).
 */
export function rosenbaumMcNemar(
  tested: number,
  other: number,
  options: { readonly gammas?: readonly number[]; readonly alpha?: number; readonly direction?: string; readonly nPairs?: number } = {},
): RosenbaumResult {
  const gammas = options.gammas ?? DEFAULT_GAMMAS;
  const alpha = options.alpha ?? 0.05;
  checkGammas(gammas, alpha);
  for (const [name, v] of [["tested", tested], ["other", other]] as const) {
    if (!(Number.isInteger(v) && v >= 0)) throw new SurvinferError({ code: "OPTION_INVALID", message: `the number of discordant pairs (${name}) must be a whole number ≥ 0`, value: String(v) });
  }
  const dTotal = tested + other;
  const upper = (g: number): number => binomialUpperTail(tested, dTotal, g / (1 + g));
  const rows = gammas.map((g) => ({ gamma: g, pUpper: upper(g), pLower: binomialUpperTail(tested, dTotal, 1 / (1 + g)) }));
  const warnings: string[] = [];
  if (dTotal === 0) warnings.push("no discordant pair: the bounds are not defined");
  return {
    method: "Rosenbaum bounds, McNemar's test (Rosenbaum 2002, §4.3.2; rbounds::binarysens)",
    test: "mcnemar",
    nPairs: options.nPairs ?? dTotal,
    nInformative: dTotal,
    statistic: tested,
    direction: options.direction ?? "tested direction",
    rows,
    alpha,
    ...gammaChangeFields(dTotal === 0 ? null : gammaAtAlpha(upper, alpha), dTotal > 0),
    options: { approximation: "exact binomial" },
    warnings,
  };
}
