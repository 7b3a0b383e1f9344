/**
 * M-estimation (stacked estimating equations) variance of an inverse-probability-weighted Cox model
 * that accounts for the estimation of the propensity score — Shu, Young, Toh & Wang (2021),
 * "Variance estimation in inverse probability weighted Cox models", Biometrics 77:1101–1117,
 * doi:10.1111/biom.13327; the approach of WeightIt's `glm_weightit()` / `coxph_weightit()` (M-estimation).
 * Written by hand: WeightIt is not in Debian and no JS library does this; the oracle is the same stacked
 * system written in base R with a numerical Jacobian (tools/oracle/effect.R).
 *
 * Parameters θ = (α, π, β): α the logistic PS coefficients (with intercept), π = P(A = 1) (only for
 * stabilised weights, whose factors are π and 1 − π), β the Cox coefficients. Per subject i:
 *   ψ_α,i = (Aᵢ − eᵢ) zᵢ,   ψ_π,i = Aᵢ − π,   ψ_β,i = wᵢ Lᵢ(β; w)
 * where Lᵢ is the (unweighted) Cox score residual, so Σᵢ ψ_β,i = U(β; w) is the weighted Cox score
 * (Efron or Breslow). Bread A = −∂Σψ/∂θᵀ is block lower-triangular:
 *   A_αα = Σ eᵢ(1 − eᵢ) zᵢzᵢᵀ,  A_ππ = n,  A_ββ = I(β̂) (weighted information),
 *   A_βα = −Σⱼ Lⱼ (∂wⱼ/∂α)ᵀ,    A_βπ = −Σⱼ Lⱼ ∂wⱼ/∂π,
 * using ∂U/∂wⱼ = Lⱼ (the score residual is exactly the derivative of the weighted score with respect to
 * the j-th case weight, Efron's fractional terms included). Meat B = Σ ψᵢψᵢᵀ. V = A⁻¹ B A⁻ᵀ, whose β block
 * is Σ IFᵢ IFᵢᵀ with IFᵢ = I⁻¹ [wᵢLᵢ − A_βη A_ηη⁻¹ ψ_η,i] (η = (α, π)). Dropping the second term gives the
 * robust sandwich of coxph(..., robust = TRUE), which treats the weights as known.
 *
 * Weight derivatives (e = expit(zᵀα), ∂e/∂α = e(1 − e) z): ATE 1/e → −(1 − e)/e · z, 1/(1 − e) → e/(1 − e) · z;
 * ATT 1, e/(1 − e) → e/(1 − e) · z; ATC (1 − e)/e → −(1 − e)/e · z, 1; ATO 1 − e → −e(1 − e) z, e → e(1 − e) z;
 * stabilised: × π (treated) or × (1 − π) (controls), ∂/∂π = w/π or −w/(1 − π).
 *
 * PS trimming and weight truncation (optional `rows`, `fixedWeight`): the trimmed set {i: eᵢ ∉ [a, 1 − a]}
 * and the truncation threshold are held at their fitted values. Trimmed units enter the PS equations only
 * (their indicator is locally constant in α, so it adds no derivative); with stabilisation π is the treated
 * share of the retained units (ψ_π,i = rᵢ(Aᵢ − π), A_ππ = Σ rᵢ); a truncated weight equals the (fixed)
 * threshold, so ∂w/∂α = ∂w/∂π = 0. The variability of the estimated percentile itself is not propagated.
 */
import { inverseSymmetric } from "../math/linalg.js";
import type { CoxInput, CoxResult } from "../survival/cox/types.js";
import { coxResiduals } from "../survival/cox/residuals.js";

export type MEstimand = "ATE" | "ATT" | "ATC" | "ATO";

export interface MEstimationInput {
  /** The weighted Cox model's input (weights = the PS weights) and its fit. */
  readonly cox: CoxInput;
  readonly fit: CoxResult;
  /** PS design matrix n × q, column-major, including the intercept column; aliased columns removed. */
  readonly z: Float64Array;
  readonly q: number;
  /** Fitted propensity scores e = expit(zᵀα̂). */
  readonly ps: Float64Array;
  readonly treat: Int32Array;
  readonly estimand: MEstimand;
  readonly stabilize: boolean;
  /** PS unit of each Cox row (default: all units, in order); units left out (PS trimming) enter the PS equations only. */
  readonly rows?: Int32Array;
  /** Per PS unit: 1 when its weight was truncated to the threshold (held fixed: no derivative). */
  readonly fixedWeight?: Uint8Array;
  /**
   * Small-sample correction of the sandwich: "none" (default, WeightIt's asymptotic variance) or "hc1",
   * MacKinnon & White's (1985) degrees-of-freedom factor n/(n − k) on the stacked system, k = all
   * parameters (PS coefficients, π when stabilised, Cox coefficients). docs/validation.md ("Small-sample
   * M-estimation variance") measures what it recovers at n = 200.
   */
  readonly smallSample?: SmallSampleCorrection;
}

export type SmallSampleCorrection = "none" | "hc1";

export interface MEstimationResult {
  /** Variance of the Cox coefficients (p × p) accounting for the estimated PS. */
  readonly var: number[][];
  /** Per-subject influence functions of β̂ (n × p): var = Σ IFᵢ IFᵢᵀ. */
  readonly influence: Float64Array;
  readonly method: "M-estimation (stacked PS and Cox score equations; Shu et al. 2021)";
  /** Which variance: the correction and the factor `var` was multiplied by (1 without correction). */
  readonly smallSample: { readonly correction: SmallSampleCorrection; readonly factor: number; readonly n: number; readonly parameters: number };
}

/** HC1 factor n/(n − k) (MacKinnon & White 1985, J Econometrics 29:305, doi:10.1016/0304-4076(85)90158-7); 1 for "none". */
export function smallSampleFactor(correction: SmallSampleCorrection, n: number, k: number): number {
  if (correction === "none") return 1;
  return n > k ? n / (n - k) : Number.NaN;
}

/** ∂wᵢ/∂(zᵢᵀα) divided by nothing: returns d such that ∂wᵢ/∂α = d · zᵢ (unstabilised weight w0). */
function weightLinearDerivative(e: number, a: number, estimand: MEstimand): { w0: number; d: number } {
  switch (estimand) {
    case "ATE":
      return a === 1 ? { w0: 1 / e, d: -(1 - e) / e } : { w0: 1 / (1 - e), d: e / (1 - e) };
    case "ATT":
      return a === 1 ? { w0: 1, d: 0 } : { w0: e / (1 - e), d: e / (1 - e) };
    case "ATC":
      return a === 1 ? { w0: (1 - e) / e, d: -(1 - e) / e } : { w0: 1, d: 0 };
    case "ATO":
      return a === 1 ? { w0: 1 - e, d: -e * (1 - e) } : { w0: e, d: e * (1 - e) };
  }
}

/**
 * M-estimation variance of IPTW Cox coefficients (see the module comment for the formulas).
 * R equivalent: `WeightIt::coxph_weightit(Surv(t, d) ~ A, weightit = W, vcov = "asympt")` in spirit; the
 * committed oracle is the stacked system in base R (tools/oracle/effect.R), agreeing to 1e-6.
 *
 * @example
 * ```ts
 * const m = iptwCoxMEstimation({ cox, fit, z, q, ps, treat, estimand: "ATE", stabilize: false });
 * Math.sqrt(m.var[0][0]); // SE of the log hazard ratio, smaller than the robust SE for the ATE
 * ```
 */
export function iptwCoxMEstimation(input: MEstimationInput): MEstimationResult {
  const { cox, fit, z, q, ps, treat, estimand, stabilize } = input;
  const n = treat.length;
  const p = cox.p;
  const nCox = cox.time.length;
  const coxRows = input.rows ?? Int32Array.from({ length: n }, (_, i) => i);
  if (coxRows.length !== nCox) throw new Error(`m-estimation: ${coxRows.length} rows for ${nCox} Cox rows`);
  // Cox row of each PS unit, −1 when the unit is not in the Cox model (trimmed)
  const coxRow = new Int32Array(n).fill(-1);
  coxRows.forEach((i, k) => (coxRow[i] = k));
  const fixed = input.fixedWeight;
  const wCox = cox.weights ?? new Float64Array(nCox).fill(1);
  const L = coxResiduals(cox, fit, "score");
  let n1 = 0;
  for (const i of coxRows) n1 += treat[i];
  const pi = n1 / nCox;
  const s = stabilize ? 1 : 0;
  const m = q + s;
  // A_ηη (symmetric, block diagonal) and A_βη = −Σ L_j (∂w_j/∂η)ᵀ
  const aEta = new Float64Array(m * m);
  const aBetaEta = new Float64Array(p * m);
  for (let i = 0; i < n; i++) {
    const e = ps[i];
    const a = treat[i];
    const { w0, d } = weightLinearDerivative(e, a, estimand);
    const factor = stabilize ? (a === 1 ? pi : 1 - pi) : 1;
    const v = e * (1 - e);
    const k0 = coxRow[i];
    // the weight moves with (α, π) only for a retained unit whose weight was not truncated
    const moves = k0 >= 0 && (fixed === undefined || fixed[i] !== 1);
    for (let j = 0; j < q; j++) {
      const zj = z[j * n + i];
      for (let k = j; k < q; k++) aEta[j * m + k] += v * zj * z[k * n + i];
      const dw = d * factor * zj;
      if (moves && dw !== 0) for (let r = 0; r < p; r++) aBetaEta[r * m + j] -= L[k0][r] * dw;
    }
    if (stabilize && moves) {
      const dwPi = a === 1 ? w0 : -w0;
      for (let r = 0; r < p; r++) aBetaEta[r * m + q] -= L[k0][r] * dwPi;
    }
  }
  if (stabilize) aEta[q * m + q] = nCox;
  for (let j = 0; j < m; j++) for (let k = 0; k < j; k++) aEta[j * m + k] = aEta[k * m + j];
  const aEtaInv = inverseSymmetric(aEta, m);
  // C = A_βη A_ηη⁻¹ (p × m)
  const C = new Float64Array(p * m);
  for (let r = 0; r < p; r++) for (let k = 0; k < m; k++) {
    let acc = 0;
    for (let j = 0; j < m; j++) acc += aBetaEta[r * m + j] * aEtaInv[j * m + k];
    C[r * m + k] = acc;
  }
  const V = fit.naiveVar ?? fit.var;
  const influence = new Float64Array(n * p);
  const g = new Float64Array(p);
  const psiEta = new Float64Array(m);
  const out = new Float64Array(p * p);
  for (let i = 0; i < n; i++) {
    const r0 = treat[i] - ps[i];
    const k0 = coxRow[i];
    for (let j = 0; j < q; j++) psiEta[j] = r0 * z[j * n + i];
    if (stabilize) psiEta[q] = k0 >= 0 ? treat[i] - pi : 0;
    for (let r = 0; r < p; r++) {
      let acc = k0 >= 0 ? wCox[k0] * L[k0][r] : 0;
      for (let k = 0; k < m; k++) acc -= C[r * m + k] * psiEta[k];
      g[r] = acc;
    }
    for (let r = 0; r < p; r++) {
      let acc = 0;
      for (let k = 0; k < p; k++) acc += V[r][k] * g[k];
      influence[i * p + r] = acc;
    }
    for (let r = 0; r < p; r++) for (let k = 0; k < p; k++) out[r * p + k] += influence[i * p + r] * influence[i * p + k];
  }
  const correction = input.smallSample ?? "none";
  const k = m + p;
  const factor = smallSampleFactor(correction, n, k);
  const rows: number[][] = [];
  for (let r = 0; r < p; r++) rows.push(Array.from(out.subarray(r * p, (r + 1) * p), (v) => v * factor));
  return { var: rows, influence, method: "M-estimation (stacked PS and Cox score equations; Shu et al. 2021)", smallSample: { correction, factor, n, parameters: k } };
}
