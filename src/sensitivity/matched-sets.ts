/**
 * Rosenbaum bounds for matched sets of one treated and several controls (1:k matching, full matching's
 * sets with one treated), by the asymptotically separable approximation of Gastwirth, Krieger & Rosenbaum
 * (2000, JRSS-B 62:545–555, doi:10.1111/1467-9868.00249; Rosenbaum 2002, Observational Studies, §4.4 and
 * Rosenbaum 2007, Biometrics 63:456–464, doi:10.1111/j.1541-0420.2006.00717.x).
 *
 * Each set s has scores q_s1 (the treated unit's) and q_s2 … q_sn_s (its controls'), any statistic of
 * the form T = Σ_s q_s,treated. Under a hidden bias at most Γ, the treated unit of set s is unit j with
 * probability ∝ Γ^u_j for unknown u_j ∈ [0, 1]; the upper bound on the p-value takes, set by set, the u
 * that maximises the null expectation of the set's term — u = 1 for the a largest scores, u = 0 for the
 * rest (a = 1 … n_s − 1), and among equal expectations the largest variance:
 *   μ_s(a) = (Σ_{j ≤ n_s−a} q_(j) + Γ Σ_{j > n_s−a} q_(j)) / (n_s − a + Γ a),
 *   σ²_s(a) = (Σ_{j ≤ n_s−a} q_(j)² + Γ Σ_{j > n_s−a} q_(j)²) / (n_s − a + Γ a) − μ_s(a)²
 * (q_(1) ≤ … ≤ q_(n_s) sorted). Then p⁺ = 1 − Φ((T − Σ_s μ_s) / √Σ_s σ²_s). For pairs this is the
 * matched-pairs bound of rosenbaum.ts. R: sensitivitymv::separable1v (called by senmv on its M-scores);
 * sensitivitymv is not in Debian (tools/oracle/rosenbaum-matched-sets.R sources it from a CRAN checkout).
 *
 * Kernel over a given score matrix: the M-scores of senmv (Huber's ψ on within-set differences) are not
 * computed here; any scores work (e.g. ranks, Prentice–Wilcoxon scores of survival times).
 */
import { SurvinferError } from "../errors.js";
import { normalCdf } from "../math/distributions.js";
import { DEFAULT_GAMMAS, gammaAtAlpha, gammaChangeFields, type GammaChangeStatus } from "./rosenbaum.js";

export interface MatchedSetsRow {
  readonly gamma: number;
  /** Upper bound on the one-sided p-value (hidden bias against the finding). */
  readonly pUpper: number;
  /** The standardised deviate (T − E)/√V at the upper bound. */
  readonly deviate: number;
  readonly expectation: number;
  readonly variance: number;
}

export interface MatchedSetsResult {
  readonly method: string;
  readonly nSets: number;
  /** T = Σ of the treated units' scores. */
  readonly statistic: number;
  readonly rows: readonly MatchedSetsRow[];
  readonly alpha: number;
  readonly gammaChange: number | null;
  readonly gammaChangeStatus: GammaChangeStatus;
}

/** The separable bound at one Γ (see the module comment). */
export function separableBound(sets: readonly (readonly number[])[], gamma: number): MatchedSetsRow {
  let t = 0;
  let mu = 0;
  let v = 0;
  for (const set of sets) {
    t += set[0];
    const q = [...set].sort((a, b) => a - b);
    const n = q.length;
    let best = -Infinity;
    let bestVar = -Infinity;
    for (let a = 1; a < n; a++) {
      // the a units with u = 1 are the a largest scores
      let s1 = 0;
      let s2 = 0;
      for (let j = 0; j < n; j++) {
        const w = j < n - a ? 1 : gamma;
        s1 += w * q[j];
        s2 += w * q[j] * q[j];
      }
      const denom = n - a + gamma * a;
      const m = s1 / denom;
      const va = s2 / denom - m * m;
      if (m > best) {
        best = m;
        bestVar = va;
      } else if (m === best) {
        bestVar = Math.max(bestVar, va);
      }
    }
    mu += best;
    v += bestVar;
  }
  const deviate = (t - mu) / Math.sqrt(v);
  return { gamma, pUpper: normalCdf(-deviate), deviate, expectation: mu, variance: v };
}

/**
 * Rosenbaum bounds for 1:k matched sets over a grid of Γ, and the Γ at which the upper bound reaches
 * alpha. `sets[s]` holds the scores of set s, the treated unit's first (at least one control each).
 *
 * @example
 * rosenbaumMatchedSets([[3, 1, 0], [2, 0, 1], [4, 2, 1]], { gammas: [1, 2] }).rows[0].pUpper
 */
export function rosenbaumMatchedSets(sets: readonly (readonly number[])[], options: { readonly gammas?: readonly number[]; readonly alpha?: number } = {}): MatchedSetsResult {
  const gammas = options.gammas ?? DEFAULT_GAMMAS;
  const alpha = options.alpha ?? 0.05;
  sets.forEach((set, s) => {
    if (set.length < 2 || set.some((x) => !Number.isFinite(x))) {
      throw new SurvinferError({ code: "OPTION_INVALID", message: `matched set ${s + 1} needs a treated score and at least one control score, all finite`, value: String(set), hint: "drop incomplete sets before the sensitivity analysis" });
    }
  });
  for (const g of gammas) {
    if (!(Number.isFinite(g) && g >= 1)) throw new SurvinferError({ code: "OPTION_INVALID", message: "every Γ of the sensitivity grid must be a finite number ≥ 1", value: String(g) });
  }
  if (!(alpha > 0 && alpha < 1)) throw new SurvinferError({ code: "OPTION_INVALID", message: "alpha must lie strictly between 0 and 1", value: String(alpha) });
  const rows = gammas.map((g) => separableBound(sets, g));
  const defined = sets.length > 0 && Number.isFinite(rows[0]?.deviate ?? Number.NaN);
  const change = gammaChangeFields(defined ? gammaAtAlpha((g) => separableBound(sets, g).pUpper, alpha) : null, defined);
  return {
    method: "Rosenbaum bounds for matched sets, separable approximation (Gastwirth, Krieger & Rosenbaum 2000; sensitivitymv::separable1v)",
    nSets: sets.length,
    statistic: sets.reduce((acc, set) => acc + set[0], 0),
    rows,
    alpha,
    ...change,
  };
}
