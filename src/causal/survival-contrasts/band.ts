/**
 * Simultaneous confidence bands over the requested times (riskRegression::ate(band = TRUE), 2022.11.28; Scheike
 * & Zhang 2008, Scand J Stat 35:301–316; Ozenne et al. 2020, doi:10.1002/bimj.201800298, §3.3): the band is
 * estimate(t) ± q·SE(t) for all t at once, where q is the conf-level quantile (type 7, as R's quantile) of the
 * sup over t of the standardised influence process under Gaussian multipliers,
 *   M_b = max_t | Σ_i G_bi · IF_i(t) / SE(t) |,   G_bi ~ N(0, 1) independent,  b = 1..nsim,
 * with SE(t) = sqrt(Σ_i IF_i(t)²) (times with SE(t) = 0 are left out of the sup). The multipliers come from a
 * seeded stream (src/simulate/rng.ts), so the band is reproducible; riskRegression draws them with R's RNG, so
 * its quantile agrees within Monte-Carlo error only. `bandQuantileWithDraws` takes the draws explicitly (tests).
 */
import { SurvinferError } from "../../errors.js";
import { quantileSorted } from "../../stats/descriptive.js";
import { streams } from "../../simulate/rng.js";

/**
 * q from the influence functions `iid[t]` (length n each), their SEs and the multipliers `draw(b, i)` for
 * simulation b (0-based) and patient i.
 */
export function bandQuantileWithDraws(iid: readonly Float64Array[], se: readonly number[], nsim: number, draw: (b: number, i: number) => number, confLevel = 0.95): number {
  if (!(Number.isInteger(nsim) && nsim >= 1)) throw new SurvinferError({ code: "OPTION_INVALID", message: `option band.nsim must be an integer ≥ 1; got ${JSON.stringify(nsim)}` });
  const times = iid.map((_, t) => t).filter((t) => se[t] > 0 && Number.isFinite(se[t]));
  if (times.length === 0) return Number.NaN;
  const n = iid[times[0]].length;
  const sup = new Float64Array(nsim);
  const g = new Float64Array(n);
  for (let b = 0; b < nsim; b++) {
    for (let i = 0; i < n; i++) g[i] = draw(b, i);
    let m = 0;
    for (const t of times) {
      const f = iid[t];
      let s = 0;
      for (let i = 0; i < n; i++) s += g[i] * f[i];
      m = Math.max(m, Math.abs(s) / se[t]);
    }
    sup[b] = m;
  }
  sup.sort();
  return quantileSorted(sup, confLevel);
}

/** q with multipliers from the seeded stream of `seed` (n·nsim standard normal draws, simulation by simulation). */
export function bandQuantile(iid: readonly Float64Array[], se: readonly number[], nsim: number, seed: number, confLevel = 0.95): number {
  if (!(Number.isInteger(seed) && seed >= 0 && seed < 2 ** 31)) throw new SurvinferError({ code: "OPTION_INVALID", message: `option band.seed must be an integer in [0, 2^31); got ${JSON.stringify(seed)}` });
  const s = streams(seed, 1)[0];
  return bandQuantileWithDraws(iid, se, nsim, () => s.normal(), confLevel);
}
