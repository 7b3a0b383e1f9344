/**
 * Kernel of the Firth-penalised Cox fitter, second pass: t_r = tr(A ∂I(β)/∂β_r), r = 1..p, for a
 * fixed symmetric p × p matrix A (Firth's modified score takes A = I(β)⁻¹:
 * U*_r = U_r + ½ t_r; Heinze & Schemper 2001, doi:10.1111/j.0006-341X.2001.00114.x), in O(n p²)
 * without forming the p × p × p tensor ∂I/∂β.
 *
 * With the terms of kernel.ts (weights πᵢ = aᵢ exp(ηᵢ)/M0 over a set R, mean μ = E[x]),
 * ∂I_jk/∂β_r = Σ c κ_jkr, κ_jkr = E[(x−μ)_j (x−μ)_k (x−μ)_r], hence
 *   Σ_jk A_jk κ_jkr = E[qᵢ (x−μ)_r],  qᵢ = (xᵢ−μ)ᵀA(xᵢ−μ) = hᵢ − 2 vᵀxᵢ + μᵀv,  hᵢ = xᵢᵀAxᵢ, v = Aμ,
 *                  = E[h x_r] − μ_r E[h] − 2 (Cov v)_r,   Cov v = E[xxᵀ] v − μ (μᵀv).
 * So one term needs only the risk-set sums S0 = Σ aeᶯ, S1 = Σ aeᶯx, S2 = Σ aeᶯxxᵀ, T0 = Σ aeᶯh and
 * T1 = Σ aeᶯhx, cumulated over the same sweep as the first pass (cox/risk-sets.ts), and two p × p
 * matrix–vector products per death time: v S0 = A S1 and E[xxᵀ]v S0² = S2 (A S1). For Efron's k-th
 * term (g = k/d, D· the deaths' sums) M = S − g D for every sum, and
 * M2 (A M1) = S2 a − g S2 b − g D2 a + g² D2 b with a = A S1, b = A D1, so d tied deaths cost
 * O(p² + d p). S2 is kept on purpose: regrouping Σ_terms S2 A S1/M0² by row as differences of running
 * sums avoids it but loses ~1e-6 of U* when exp(η) spans many decades (test/hostile/firth-numerics.test.ts).
 * Never throws; non-finite values propagate.
 */
import type { CoxData } from "../cox/efron.js";
import { sweepRiskSets, type RiskSetVisitor } from "../cox/risk-sets.js";
import { accumulate2, type FirthEvaluation, type FirthWorkspace } from "./kernel.js";

/** y ← M v for M symmetric, stored as its upper triangle (p × p row-major). */
function symUpperMatVec(m: Float64Array, v: Float64Array, p: number, y: Float64Array): void {
  for (let j = 0; j < p; j++) {
    let s = 0;
    for (let k = 0; k < j; k++) s += m[k * p + j] * v[k];
    const off = j * p;
    for (let k = j; k < p; k++) s += m[off + k] * v[k];
    y[j] = s;
  }
}

/** y ← A v, A full p × p row-major. */
function matVec(a: ArrayLike<number>, v: Float64Array, p: number, y: Float64Array): void {
  for (let j = 0; j < p; j++) {
    let s = 0;
    const off = j * p;
    for (let k = 0; k < p; k++) s += a[off + k] * v[k];
    y[j] = s;
  }
}

/** hᵢ = xᵢᵀ A xᵢ for every row (A symmetric, full). */
function quadraticForms(d: CoxData, amat: ArrayLike<number>, ws: FirthWorkspace): Float64Array {
  const { n, p, xs } = d;
  if (ws.h.length !== n) ws.h = new Float64Array(n);
  const h = ws.h;
  for (let i = 0; i < n; i++) {
    const base = i * p;
    let s = 0;
    for (let j = 0; j < p; j++) {
      const xj = xs[base + j];
      const off = j * p;
      let r = 0.5 * amat[off + j] * xj;
      for (let k = j + 1; k < p; k++) r += amat[off + k] * xs[base + k];
      s += xj * r;
    }
    h[i] = 2 * s;
  }
  return h;
}

/**
 * t_r = tr(A ∂I/∂β_r) at the β of `ev` (the first pass, `firthEvaluate(d, β, ws)`, which supplies the
 * risk weights wᵢ exp(ηᵢ)). `amat` is symmetric p × p, full, row-major.
 */
export function firthTraces(d: CoxData, ev: FirthEvaluation, amat: ArrayLike<number>, ws: FirthWorkspace): Float64Array {
  const { p, xs, weights, status, bounds, efron } = d;
  const riskOf = ev.risk;
  const h = quadraticForms(d, amat, ws);
  const { s1, s2, d1, d2, t1, dt1, mu, a, b, s2a, s2b, d2a, d2b } = ws;
  const p2 = p * p;
  const tr = new Float64Array(p);
  let s0 = 0;
  let t0 = 0;

  /** tr += c · [(T1 − μ T0)/M0 − 2 (E[xxᵀ]v − μ (μᵀv))] with μ = M1/M0, v = va/M0, M2 v = m2v/M0. */
  const addTerm = (c: number, m0: number, m1: Float64Array, va: Float64Array, m2v: Float64Array, tt0: number, tt1: Float64Array): void => {
    const inv = 1 / m0;
    const inv2 = inv * inv;
    let muv = 0;
    for (let j = 0; j < p; j++) {
      mu[j] = m1[j] * inv;
      muv += mu[j] * va[j];
    }
    muv *= inv;
    const eh = tt0 * inv;
    for (let r = 0; r < p; r++) tr[r] += c * ((tt1[r] * inv - mu[r] * eh) - 2 * (m2v[r] * inv2 - mu[r] * muv));
  };

  const visit: RiskSetVisitor = {
    leave(q) {
      const risk = riskOf[q];
      s0 -= risk;
      const rh = risk * h[q];
      t0 -= rh;
      const base = q * p;
      for (let j = 0; j < p; j++) t1[j] -= rh * xs[base + j];
      accumulate2(-risk, xs, base, p, s1, s2);
    },
    clear() {
      s0 = 0;
      t0 = 0;
      s1.fill(0);
      s2.fill(0);
      t1.fill(0);
    },
    enter(k, k2, _time, hasDeath) {
      let deaths = 0;
      let deadWt = 0;
      let d0 = 0;
      let dt0 = 0;
      if (hasDeath) {
        d1.fill(0);
        d2.fill(0);
        dt1.fill(0);
      }
      for (let q = k; q < k2; q++) {
        const risk = riskOf[q];
        const rh = risk * h[q];
        const base = q * p;
        if (status[q] === 0) {
          s0 += risk;
          t0 += rh;
          for (let j = 0; j < p; j++) t1[j] += rh * xs[base + j];
          accumulate2(risk, xs, base, p, s1, s2);
        } else {
          deaths++;
          deadWt += weights[q];
          d0 += risk;
          dt0 += rh;
          for (let j = 0; j < p; j++) dt1[j] += rh * xs[base + j];
          accumulate2(risk, xs, base, p, d1, d2);
        }
      }
      if (deaths === 0) return;
      s0 += d0;
      t0 += dt0;
      for (let j = 0; j < p; j++) {
        s1[j] += d1[j];
        t1[j] += dt1[j];
      }
      for (let j = 0; j < p2; j++) s2[j] += d2[j];
      matVec(amat, s1, p, a);
      symUpperMatVec(s2, a, p, s2a);
      if (!efron || deaths === 1) {
        addTerm(deadWt, s0, s1, a, s2a, t0, t1);
        return;
      }
      matVec(amat, d1, p, b);
      symUpperMatVec(s2, b, p, s2b);
      symUpperMatVec(d2, a, p, d2a);
      symUpperMatVec(d2, b, p, d2b);
      const wtave = deadWt / deaths;
      const { m1, va, m2v, mt1 } = ws;
      for (let m = 0; m < deaths; m++) {
        const g = m / deaths;
        for (let j = 0; j < p; j++) {
          m1[j] = s1[j] - g * d1[j];
          va[j] = a[j] - g * b[j];
          m2v[j] = s2a[j] - g * s2b[j] - g * d2a[j] + g * g * d2b[j];
          mt1[j] = t1[j] - g * dt1[j];
        }
        addTerm(wtave, s0 - g * d0, m1, va, m2v, t0 - g * dt0, mt1);
      }
    },
  };
  for (let s = 0; s + 1 < bounds.length; s++) {
    visit.clear();
    sweepRiskSets(d, bounds[s], bounds[s + 1], visit);
  }
  return tr;
}
