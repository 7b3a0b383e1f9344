/**
 * Nearest-neighbour matching on the Mahalanobis distance with an optional caliper on the propensity
 * score distance: MatchIt 4.5.x `nn_matchC` with `mahvars` (its `transform_covariates(method =
 * "mahalanobis")`):
 *
 *   D²(i, j) = δᵀ S⁻¹ δ,  δ_m = (x_im − x_jm) / sd_m,
 *   S = Σ_g Σ_{i∈g} (z_i − z̄_g)(z_i − z̄_g)ᵀ / (n − G)   (pooled within-treatment covariance of the
 *       scaled covariates z = (x − x̄) / sd; columns with range < √ε are dropped first).
 *
 * For r = 1..k (one pass when matching with replacement), for each treated unit in visiting order, the
 * eligible controls (same exact stratum, not used up, not already in the row, |d_c − d_i| ≤ caliper)
 * are scanned and the one with the smallest D wins, the first in data order on exact ties (R's
 * which.min). With replacement the k closest are taken at once (all of them when ≤ k are eligible).
 * D is computed from the raw difference δ, so mathematically equal distances (δ and −δ) are equal in
 * floating point; MatchIt works on transformed coordinates, where such exact ties fall either way by
 * rounding noise.
 *
 * Cost: O(n p² + n₁ · m · p²) where m is the number of controls inside the caliper window (all
 * controls of the stratum without a caliper), i.e. O(n₁ n₀ p²) in the worst case. Kernel: never throws.
 */
import type { SortedUnits } from "./sorted-units.js";
import { lowerBound } from "./sorted-units.js";

export interface MahalanobisMetric {
  /** Kept columns (indices into the p covariates). */
  readonly columns: Int32Array;
  readonly sd: Float64Array;
  /** Lower-triangular Cholesky factor L of S (row-major q × q), S = L Lᵀ; null when S is not positive definite. */
  readonly chol: Float64Array | null;
}

/** The metric of MatchIt's transform_covariates("mahalanobis") for row-major x (n × p). */
export function mahalanobisMetric(x: Float64Array, p: number, treat: Int32Array): MahalanobisMetric {
  const n = treat.length;
  const keep: number[] = [];
  for (let m = 0; m < p; m++) {
    let mn = Infinity;
    let mx = -Infinity;
    for (let i = 0; i < n; i++) {
      const v = x[i * p + m];
      if (v < mn) mn = v;
      if (v > mx) mx = v;
    }
    if (Math.abs(mx - mn) >= Math.sqrt(Number.EPSILON)) keep.push(m);
  }
  const q = keep.length;
  const columns = Int32Array.from(keep);
  const sd = new Float64Array(q);
  const z = new Float64Array(n * q);
  for (let a = 0; a < q; a++) {
    const m = keep[a];
    let mean = 0;
    for (let i = 0; i < n; i++) mean += x[i * p + m];
    mean /= n;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (x[i * p + m] - mean) ** 2;
    sd[a] = Math.sqrt(ss / (n - 1));
    for (let i = 0; i < n; i++) z[i * q + a] = (x[i * p + m] - mean) / sd[a];
  }
  // centre within treatment group
  let groups = 0;
  for (const g of [0, 1]) {
    let cnt = 0;
    const mean = new Float64Array(q);
    for (let i = 0; i < n; i++) {
      if (treat[i] !== g) continue;
      cnt++;
      for (let a = 0; a < q; a++) mean[a] += z[i * q + a];
    }
    if (cnt === 0) continue;
    groups++;
    for (let a = 0; a < q; a++) mean[a] /= cnt;
    for (let i = 0; i < n; i++) {
      if (treat[i] !== g) continue;
      for (let a = 0; a < q; a++) z[i * q + a] -= mean[a];
    }
  }
  const S = new Float64Array(q * q);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < q; a++) {
      const za = z[i * q + a];
      for (let b = 0; b <= a; b++) S[a * q + b] += za * z[i * q + b];
    }
  }
  for (let a = 0; a < q; a++) for (let b = 0; b <= a; b++) S[a * q + b] /= n - groups;
  return { columns, sd, chol: cholesky(S, q) };
}

/** Cholesky factor (lower, row-major) of the symmetric matrix whose lower triangle is in `A`; null if not PD. */
function cholesky(A: Float64Array, q: number): Float64Array | null {
  const L = new Float64Array(q * q);
  for (let j = 0; j < q; j++) {
    let s = A[j * q + j];
    for (let k = 0; k < j; k++) s -= L[j * q + k] ** 2;
    if (!(s > 1e-12 * Math.max(1, A[j * q + j]))) return null;
    const ljj = Math.sqrt(s);
    L[j * q + j] = ljj;
    for (let i = j + 1; i < q; i++) {
      let t = A[i * q + j];
      for (let k = 0; k < j; k++) t -= L[i * q + k] * L[j * q + k];
      L[i * q + j] = t / ljj;
    }
  }
  return L;
}

/** Mahalanobis distance between units i and j (forward substitution L y = δ, D = ‖y‖). */
export function mahalanobisDistance(M: MahalanobisMetric, x: Float64Array, p: number, i: number, j: number, work: Float64Array): number {
  const q = M.columns.length;
  const L = M.chol as Float64Array;
  let ss = 0;
  for (let a = 0; a < q; a++) {
    const m = M.columns[a];
    let t = (x[i * p + m] - x[j * p + m]) / M.sd[a];
    for (let b = 0; b < a; b++) t -= L[a * q + b] * work[b];
    t /= L[a * q + a];
    work[a] = t;
    ss += t * t;
  }
  return Math.sqrt(ss);
}

export function nearestMahalanobisKernel(
  s: SortedUnits,
  d: Float64Array,
  visit: Int32Array,
  ratio: number,
  replace: boolean,
  caliperWidth: number,
  x: Float64Array,
  p: number,
  M: MahalanobisMetric,
): Int32Array {
  const n1 = s.treated.length;
  const mm = new Int32Array(n1 * ratio).fill(-1);
  const used = new Uint8Array(d.length);
  const work = new Float64Array(M.columns.length);
  const rounds = replace ? 1 : ratio;
  const candU: number[] = [];
  const candD: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (let v = 0; v < visit.length; v++) {
      const unit = visit[v];
      const row = s.treatedRank[unit];
      if (r > 0 && mm[row * ratio + r - 1] === -1) continue;
      const dt = d[unit];
      let a = s.lo[row];
      let b = s.hi[row];
      if (Number.isFinite(caliperWidth)) {
        a = lowerBound(s.ctlD, a, b, dt - caliperWidth);
        // a control exactly at dt + caliper is inside; the window end is the first one beyond it
        let e = lowerBound(s.ctlD, a, b, dt + caliperWidth);
        while (e < b && s.ctlD[e] - dt <= caliperWidth) e++;
        b = e;
        // rounding: the window bounds use d_c ≥ d_i − w, the rule is |d_c − d_i| ≤ w; recheck below
        while (a > s.lo[row] && Math.abs(dt - s.ctlD[a - 1]) <= caliperWidth) a--;
      }
      candU.length = 0;
      candD.length = 0;
      let bestU = -1;
      let bestD = Infinity;
      for (let pos = a; pos < b; pos++) {
        const c = s.ctl[pos];
        if (!replace && used[c] === 1) continue;
        if (Math.abs(s.ctlD[pos] - dt) > caliperWidth) continue;
        let inRow = false;
        for (let q = 0; q < r; q++) if (mm[row * ratio + q] === c) inRow = true;
        if (inRow) continue;
        const dist = M.chol === null ? 0 : mahalanobisDistance(M, x, p, unit, c, work);
        if (replace) {
          candU.push(c);
          candD.push(dist);
        } else if (dist < bestD || (dist === bestD && c < bestU)) {
          bestD = dist;
          bestU = c;
        }
      }
      if (replace) {
        const idx = candU.map((_, q) => q);
        idx.sort((u, w) => candD[u] - candD[w] || candU[u] - candU[w]);
        const take = Math.min(ratio, idx.length);
        const chosen = idx.slice(0, take).map((q) => candU[q]);
        if (candU.length <= ratio) chosen.sort((u, w) => u - w); // MatchIt assigns them in data order
        for (let q = 0; q < take; q++) mm[row * ratio + q] = chosen[q];
      } else if (bestU >= 0) {
        mm[row * ratio + r] = bestU;
        used[bestU] = 1;
      }
    }
  }
  return mm;
}
