/**
 * Gray's K-sample test for equality of cumulative incidence functions of one cause across groups,
 * optionally stratified, as R cmprsk::cuminc's $Tests (Fortran routines `crstm`/`crst`, cmprsk 2.2-11).
 *
 * For group g with risk set R_g(t), left-continuous all-cause Kaplan–Meier Ŝ_g(t−) and
 * left-continuous cumulative incidence F̂_g(t−) of the cause, let R̃_g = R_g / Ŝ_g(t−) (Gray's
 * "adjusted" risk set, whose sum over groups is ĥ) and F̂⁰ the pooled estimate. The score for group g is
 *   s_g = Σ_t W(t) [ d_{1g}(t) − d₁(t) · R_g(t)(1 − F̂_g(t−))/Ŝ_g(t−) / Σ_r R_r(t)(1 − F̂_r(t−))/Ŝ_r(t−) ],
 * W(t) = (1 − F̂⁰(t−))^ρ, summed over strata; the statistic s' V⁻¹ s over the first K − 1 groups is
 * approximately χ²(K − 1). V is Gray's (1988) variance estimator, accumulated exactly as `crst` does.
 *
 * Reference: Gray R.J. (1988) A class of K-sample tests for comparing the cumulative incidence of a
 * competing risk. Ann Statist 16:1141–1154, doi:10.1214/aos/1176350951.
 * R equivalent: `cmprsk::cuminc(ftime, fstatus, group, strata, rho)$Tests`.
 */
import { chisqSf } from "../../math/distributions.js";
import { ldlDecompose, ldlSolve } from "../../math/linalg.js";

export interface GrayTest {
  /** Code of the cause being compared. */
  readonly cause: number;
  /** s' V⁻¹ s; NaN when V is singular (R: −1). */
  readonly statistic: number;
  readonly p: number;
  readonly df: number;
  /** Scores of the first K − 1 groups (crstm's `s`). */
  readonly score: number[];
  /** (K − 1) × (K − 1) variance of the scores (crstm's `vs`). */
  readonly variance: number[][];
}

/** Relative pivot tolerance under which Gray's variance matrix is called singular. */
const SINGULAR_TOLERANCE = 1e-10;

/**
 * Kernel. `order` lists the complete rows sorted by ascending time; `failed[i]` is 1 for a failure
 * of any cause, `ofCause[i]` 1 for the cause tested; `group[i]` ∈ 0..ng−1; `strata[i]` ∈ 0..nStrata−1
 * (null: one stratum). Never throws.
 */
export function grayTestKernel(
  time: Float64Array,
  failed: Uint8Array,
  ofCause: Uint8Array,
  group: Int32Array,
  ng: number,
  strata: Int32Array | null,
  nStrata: number,
  order: Int32Array,
  rho: number,
): Omit<GrayTest, "cause"> {
  const ng1 = ng - 1;
  const s = new Float64Array(ng1);
  const v = new Float64Array(ng1 * ng1); // lower triangle used, row-major
  // rows per stratum, keeping time order
  const perStratum: number[][] = Array.from({ length: nStrata }, () => []);
  for (const i of order) perStratum[strata ? strata[i] : 0].push(i);
  for (const rows of perStratum) {
    if (rows.length === 0) continue;
    grayStratum(time, failed, ofCause, group, ng, rows, rho, s, v);
  }
  const vs = new Float64Array(ng1 * ng1);
  for (let i = 0; i < ng1; i++) {
    for (let j = 0; j <= i; j++) {
      vs[i * ng1 + j] = v[i * ng1 + j];
      vs[j * ng1 + i] = v[i * ng1 + j];
    }
  }
  const df = ng1;
  const factor = ldlDecompose(vs, ng1, SINGULAR_TOLERANCE);
  let statistic = Number.NaN;
  if (factor.rank === ng1 && factor.nonNegative) {
    const sol = ldlSolve(factor, s);
    statistic = 0;
    for (let i = 0; i < ng1; i++) statistic += s[i] * sol[i];
  }
  const variance: number[][] = [];
  for (let i = 0; i < ng1; i++) variance.push(Array.from(vs.subarray(i * ng1, (i + 1) * ng1)));
  return { statistic, p: Number.isNaN(statistic) ? Number.NaN : chisqSf(statistic, df), df, score: Array.from(s), variance };
}

/** One stratum's contribution (crst), added into `sOut` and the lower triangle of `vOut`. */
function grayStratum(
  time: Float64Array,
  failed: Uint8Array,
  ofCause: Uint8Array,
  group: Int32Array,
  ng: number,
  rows: number[],
  rho: number,
  sOut: Float64Array,
  vOut: Float64Array,
): void {
  const ng1 = ng - 1;
  const n = rows.length;
  const rs = new Float64Array(ng); // risk set per group
  for (const i of rows) rs[group[i]]++;
  const f1m = new Float64Array(ng); // F̂_g(t−)
  const f1 = new Float64Array(ng); // F̂_g(t)
  const skmm = new Float64Array(ng).fill(1); // Ŝ_g(t−)
  const skm = new Float64Array(ng).fill(1); // Ŝ_g(t)
  const v3 = new Float64Array(ng);
  const v2 = new Float64Array(ng1 * ng); // (i, k) → i·ng + k
  const c = new Float64Array(ng * ng);
  const a = new Float64Array(ng * ng);
  const s = new Float64Array(ng1);
  const v = new Float64Array(ng1 * ng1);
  const d1 = new Float64Array(ng);
  const d2 = new Float64Array(ng);
  let fm = 0;
  let f = 0;
  let ll = 0;
  while (ll < n) {
    const t = time[rows[ll]];
    let lu = ll;
    while (lu + 1 < n && time[rows[lu + 1]] <= t) lu++;
    d1.fill(0);
    d2.fill(0);
    let nd1 = 0;
    let nd2 = 0;
    for (let r = ll; r <= lu; r++) {
      const i = rows[r];
      const g = group[i];
      if (ofCause[i]) {
        d1[g]++;
        nd1++;
      } else if (failed[i]) {
        d2[g]++;
        nd2++;
      }
    }
    if (nd1 > 0 || nd2 > 0) {
      let tr = 0;
      let tq = 0;
      for (let g = 0; g < ng; g++) {
        if (rs[g] <= 0) continue;
        const td = d1[g] + d2[g];
        skm[g] = (skmm[g] * (rs[g] - td)) / rs[g];
        f1[g] = f1m[g] + (skmm[g] * d1[g]) / rs[g];
        tr += rs[g] / skmm[g];
        tq += (rs[g] * (1 - f1m[g])) / skmm[g];
      }
      f = fm + nd1 / tr;
      const fb = Math.pow(1 - fm, rho);
      for (let i = 0; i < ng; i++) {
        for (let j = i; j < ng; j++) a[i * ng + j] = 0;
        if (rs[i] <= 0) continue;
        const t1 = rs[i] / skmm[i];
        a[i * ng + i] = fb * t1 * (1 - t1 / tr);
        c[i * ng + i] += (a[i * ng + i] * nd1) / (tr * (1 - fm));
        for (let j = i + 1; j < ng; j++) {
          if (rs[j] <= 0) continue;
          a[i * ng + j] = -((fb * t1 * rs[j]) / (skmm[j] * tr));
          c[i * ng + j] += (a[i * ng + j] * nd1) / (tr * (1 - fm));
        }
      }
      for (let i = 1; i < ng; i++) {
        for (let j = 0; j < i; j++) {
          a[i * ng + j] = a[j * ng + i];
          c[i * ng + j] = c[j * ng + i];
        }
      }
      for (let i = 0; i < ng1; i++) {
        if (rs[i] <= 0) continue;
        s[i] += fb * (d1[i] - (nd1 * rs[i] * (1 - f1m[i])) / (skmm[i] * tq));
      }
      if (nd1 > 0) {
        for (let k = 0; k < ng; k++) {
          if (rs[k] <= 0) continue;
          const t4 = skm[k] > 0 ? 1 - (1 - f) / skm[k] : 1;
          const t5 = nd1 > 1 ? 1 - (nd1 - 1) / (tr * skmm[k] - 1) : 1;
          const t3 = (t5 * skmm[k] * nd1) / (tr * rs[k]);
          v3[k] += t4 * t4 * t3;
          for (let i = 0; i < ng1; i++) {
            const t1 = a[i * ng + k] - t4 * c[i * ng + k];
            v2[i * ng + k] += t1 * t4 * t3;
            for (let j = 0; j <= i; j++) {
              const t2 = a[j * ng + k] - t4 * c[j * ng + k];
              v[i * ng1 + j] += t1 * t2 * t3;
            }
          }
        }
      }
      if (nd2 > 0) {
        for (let k = 0; k < ng; k++) {
          if (skm[k] <= 0 || d2[k] <= 0) continue;
          const t4 = (1 - f) / skm[k];
          const t5 = d2[k] > 1 ? 1 - (d2[k] - 1) / (rs[k] - 1) : 1;
          const t3 = (t5 * (skmm[k] * skmm[k] * d2[k])) / (rs[k] * rs[k]);
          v3[k] += t4 * t4 * t3;
          for (let i = 0; i < ng1; i++) {
            const t1 = t4 * c[i * ng + k];
            v2[i * ng + k] -= t1 * t4 * t3;
            for (let j = 0; j <= i; j++) {
              const t2 = t4 * c[j * ng + k];
              v[i * ng1 + j] += t1 * t2 * t3;
            }
          }
        }
      }
    }
    if (lu >= n - 1) break;
    for (let r = ll; r <= lu; r++) rs[group[rows[r]]]--;
    fm = f;
    for (let g = 0; g < ng; g++) {
      f1m[g] = f1[g];
      skmm[g] = skm[g];
    }
    ll = lu + 1;
  }
  for (let i = 0; i < ng1; i++) {
    for (let j = 0; j <= i; j++) {
      let acc = v[i * ng1 + j];
      for (let k = 0; k < ng; k++) {
        acc += c[i * ng + k] * c[j * ng + k] * v3[k];
        acc += c[i * ng + k] * v2[j * ng + k];
        acc += c[j * ng + k] * v2[i * ng + k];
      }
      v[i * ng1 + j] = acc;
    }
  }
  for (let i = 0; i < ng1; i++) {
    sOut[i] += s[i];
    for (let j = 0; j <= i; j++) vOut[i * ng1 + j] += v[i * ng1 + j];
  }
}
