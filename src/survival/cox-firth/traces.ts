/**
 * Kernel of the Firth-penalised Cox fitter, second pass: t_r = tr(A ∂I(β)/∂β_r), r = 1..p, for a
 * fixed symmetric p × p matrix A (Firth's modified score takes A = I(β)⁻¹:
 * U*_r = U_r + ½ t_r; Heinze & Schemper 2001, doi:10.1111/j.0006-341X.2001.00114.x), in O(n p²)
 * without forming the p × p × p tensor ∂I/∂β.
 *
 * With the terms of kernel.ts (weights πᵢ = aᵢ exp(ηᵢ)/M0 over a set R, mean μ = E[x]),
 * ∂I_jk/∂β_r = Σ c κ_jkr, κ_jkr = E[(x−μ)_j (x−μ)_k (x−μ)_r], hence, with gᵢ = A xᵢ, hᵢ = xᵢᵀgᵢ,
 *   Σ_jk A_jk κ_jkr = E[(x−μ)ᵀA(x−μ) (x−μ)_r]
 *                  = E[h x_r] − μ_r E[h] + 2 μ_r μᵀAμ − 2 (E[x xᵀ] A μ)_r.
 * The first three parts need, per term, only the risk-set sums M0 = Σ aeᶯ, M1 = Σ aeᶯx,
 * T0 = Σ aeᶯh, T1 = Σ aeᶯhx and A M1 = Σ aeᶯg (scalars and p-vectors, cumulated over the sweep of
 * cox/risk-sets.ts). The last part, summed over terms, is rearranged by row:
 *   Σ_terms (c/M0²) M2 A M1 = Σᵢ wᵢeᶯⁱ xᵢ (gᵢᵀ Wᵢ),   Wᵢ = Σ_{terms whose set holds i} aᵢ c M1/M0²,
 * and Wᵢ is the running sum C of c M1/M0² when row i leaves its risk set minus C when it entered
 * (Efron: a tied death carries weight 1 − k/d in its own time's k-th term, so its Wᵢ loses
 * Σ_k (k/d) c M1ₖ/M0ₖ²). So one pass costs n p² (gᵢ) + O(n p) + O(p) per term, and no p × p sum is
 * kept. Never throws; non-finite values propagate.
 */
import type { CoxData } from "../cox/efron.js";
import { sweepRiskSets, type RiskSetVisitor } from "../cox/risk-sets.js";
import type { FirthEvaluation, FirthWorkspace } from "./kernel.js";

/** gᵢ = A xᵢ (n × p, row-major) and hᵢ = xᵢᵀ A xᵢ for every row; A symmetric, full. */
function rowForms(d: CoxData, amat: ArrayLike<number>, ws: FirthWorkspace): { g: Float64Array; h: Float64Array } {
  const { n, p, xs } = d;
  if (ws.h.length !== n) {
    ws.h = new Float64Array(n);
    ws.g = new Float64Array(n * p);
    ws.startC = new Float64Array(n * p);
    ws.open = new Uint8Array(n);
  }
  const { g, h } = ws;
  for (let i = 0; i < n; i++) {
    const base = i * p;
    let hi = 0;
    for (let j = 0; j < p; j++) {
      const off = j * p;
      let s = 0;
      for (let k = 0; k < p; k++) s += amat[off + k] * xs[base + k];
      g[base + j] = s;
      hi += s * xs[base + j];
    }
    h[i] = hi;
  }
  return { g, h };
}

/**
 * t_r = tr(A ∂I/∂β_r) at the β of `ev` (the first pass, `firthEvaluate(d, β, ws)`, which supplies the
 * risk weights wᵢ exp(ηᵢ)). `amat` is symmetric p × p, full, row-major.
 */
export function firthTraces(d: CoxData, ev: FirthEvaluation, amat: ArrayLike<number>, ws: FirthWorkspace): Float64Array {
  const { p, xs, weights, status, bounds, efron } = d;
  const riskOf = ev.risk;
  const { g, h } = rowForms(d, amat, ws);
  const { s1, d1, t1, dt1, a, b, m1, va, mt1, cSum, eSum, wRow } = ws;
  const startC = ws.startC;
  const open = ws.open;
  open.fill(0);
  const tr = new Float64Array(p);
  /** Σᵢ rᵢ xᵢ (gᵢᵀWᵢ), added as rows leave their risk sets. */
  const q2 = new Float64Array(p);
  let s0 = 0;
  let t0 = 0;
  let nOpen = 0;
  let sumOpen = 0;

  /** Row q leaves: Wq = C − C(entry); q2 += r_q (g_qᵀ Wq) x_q. */
  const close = (q: number): void => {
    const base = q * p;
    let gw = 0;
    for (let j = 0; j < p; j++) gw += g[base + j] * (cSum[j] - startC[base + j]);
    const f = riskOf[q] * gw;
    for (let j = 0; j < p; j++) q2[j] += f * xs[base + j];
    open[q] = 0;
    nOpen--;
    sumOpen -= q;
  };
  const zeroSums = (): void => {
    s0 = 0;
    t0 = 0;
    s1.fill(0);
    t1.fill(0);
    a.fill(0);
  };

  const visit: RiskSetVisitor = {
    leave(q) {
      const risk = riskOf[q];
      const rh = risk * h[q];
      s0 -= risk;
      t0 -= rh;
      const base = q * p;
      for (let j = 0; j < p; j++) {
        s1[j] -= risk * xs[base + j];
        t1[j] -= rh * xs[base + j];
        a[j] -= risk * g[base + j];
      }
      close(q);
    },
    clear() {
      // the sweep empties the risk set when its last row leaves: that row is the only open one
      if (nOpen === 1) close(sumOpen);
      zeroSums();
    },
    enter(k, k2, _time, hasDeath) {
      let deaths = 0;
      let deadWt = 0;
      let d0 = 0;
      let dt0 = 0;
      if (hasDeath) {
        d1.fill(0);
        dt1.fill(0);
        b.fill(0);
      }
      for (let q = k; q < k2; q++) {
        const risk = riskOf[q];
        const rh = risk * h[q];
        const base = q * p;
        for (let j = 0; j < p; j++) startC[base + j] = cSum[j];
        open[q] = 1;
        nOpen++;
        sumOpen += q;
        if (status[q] === 0) {
          s0 += risk;
          t0 += rh;
          for (let j = 0; j < p; j++) {
            s1[j] += risk * xs[base + j];
            t1[j] += rh * xs[base + j];
            a[j] += risk * g[base + j];
          }
        } else {
          deaths++;
          deadWt += weights[q];
          d0 += risk;
          dt0 += rh;
          for (let j = 0; j < p; j++) {
            d1[j] += risk * xs[base + j];
            dt1[j] += rh * xs[base + j];
            b[j] += risk * g[base + j];
          }
        }
      }
      if (deaths === 0) return;
      s0 += d0;
      t0 += dt0;
      for (let j = 0; j < p; j++) {
        s1[j] += d1[j];
        t1[j] += dt1[j];
        a[j] += b[j];
      }
      const tied = efron && deaths > 1;
      const nTerm = tied ? deaths : 1;
      const c = tied ? deadWt / deaths : deadWt;
      eSum.fill(0);
      for (let m = 0; m < nTerm; m++) {
        const gk = m / nTerm;
        const m0 = s0 - gk * d0;
        const inv = 1 / m0;
        let muAmu = 0;
        for (let j = 0; j < p; j++) {
          m1[j] = s1[j] - gk * d1[j];
          va[j] = a[j] - gk * b[j];
          mt1[j] = t1[j] - gk * dt1[j];
          muAmu += m1[j] * va[j];
        }
        muAmu *= inv * inv;
        const eh = (t0 - gk * dt0) * inv;
        const cw = c * inv * inv;
        for (let r = 0; r < p; r++) {
          const mu = m1[r] * inv;
          tr[r] += c * (mt1[r] * inv - mu * eh + 2 * mu * muAmu);
          wRow[r] = cw * m1[r];
          cSum[r] += wRow[r];
          eSum[r] += gk * wRow[r];
        }
      }
      if (tied) {
        // the deaths at this time had weight 1 − k/d in term k: move their entry point up by Σ (k/d) w_k
        for (let q = k; q < k2; q++) {
          if (status[q] === 0) continue;
          const base = q * p;
          for (let j = 0; j < p; j++) startC[base + j] += eSum[j];
        }
      }
    },
  };
  for (let s = 0; s + 1 < bounds.length; s++) {
    const lo = bounds[s];
    const hi = bounds[s + 1];
    cSum.fill(0);
    zeroSums();
    sweepRiskSets(d, lo, hi, visit);
    // rows still at risk when the stratum ends leave now
    for (let q = lo; q < hi && nOpen > 0; q++) if (open[q] === 1) close(q);
    nOpen = 0;
    sumOpen = 0;
  }
  for (let r = 0; r < p; r++) tr[r] -= 2 * q2[r];
  return tr;
}
