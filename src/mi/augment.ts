/**
 * mice's augmentation against perfect prediction in logistic and polytomous imputation models
 * (mice 3.15.0 `mice:::augment`; White, Daniel & Royston 2010, Comput Stat Data Anal 54:2267–2275,
 * doi:10.1016/j.csda.2010.04.005): for each of the q predictors and each of the k categories present in y,
 * two pseudo-rows at the predictor's mean ± sd/2 (other predictors at their means, clamped to the observed
 * range), with category codes repeated, each of weight (q + 1) / (2 q k). The pseudo-rows fit the model
 * (ry = 1) but are never imputed. No augmentation when q = 0 or exactly one case is missing (as mice).
 */
export interface Augmented {
  readonly y: Float64Array;
  readonly ry: Uint8Array;
  readonly wy: Uint8Array;
  /** (n + nr) × q, column-major. */
  readonly x: Float64Array;
  readonly q: number;
  /** Prior weights: 1 for the data rows, (q + 1) / nr for the pseudo-rows. */
  readonly w: Float64Array;
}

export function augment(y: Float64Array, ry: Uint8Array, x: Float64Array, q: number, wy: Uint8Array): Augmented {
  const n = y.length;
  let nMissing = 0;
  for (let i = 0; i < n; i++) if (ry[i] !== 1) nMissing++;
  if (q === 0 || nMissing === 1) return { y, ry, wy, x, q, w: new Float64Array(n).fill(1) };
  // icod <- sort(unique(unclass(y))) over all rows (current values of the incomplete variable)
  const icod = Array.from(new Set(Array.from(y).filter((v) => !Number.isNaN(v)))).sort((a, b) => a - b);
  const k = icod.length;
  const nr = 2 * q * k;
  const period = 2 * k + nr;
  const mean = new Float64Array(q);
  const sd = new Float64Array(q);
  const lo = new Float64Array(q);
  const hi = new Float64Array(q);
  for (let j = 0; j < q; j++) {
    let s = 0;
    let mn = Infinity;
    let mx = -Infinity;
    for (let i = 0; i < n; i++) {
      const v = x[j * n + i];
      s += v;
      if (v < mn) mn = v;
      if (v > mx) mx = v;
    }
    const m = s / n;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (x[j * n + i] - m) * (x[j * n + i] - m);
    mean[j] = m;
    sd[j] = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
    lo[j] = mn;
    hi[j] = mx;
  }
  const na = n + nr;
  const xa = new Float64Array(na * q);
  for (let j = 0; j < q; j++) {
    for (let i = 0; i < n; i++) xa[j * na + i] = x[j * n + i];
    for (let r = 0; r < nr; r++) {
      // b: rep(c(rep(c(0.5, -0.5), k), rep(0, nr)), length = nr * q) filled by column
      const pos = (j * nr + r) % period;
      const b = pos < 2 * k ? (pos % 2 === 0 ? 0.5 : -0.5) : 0;
      const v = mean[j] + b * sd[j];
      xa[j * na + n + r] = Math.min(hi[j], Math.max(lo[j], v));
    }
  }
  const ya = new Float64Array(na);
  ya.set(y);
  for (let r = 0; r < nr; r++) ya[n + r] = icod[Math.floor((r % (2 * k)) / 2)];
  const rya = new Uint8Array(na);
  rya.set(ry);
  rya.fill(1, n);
  const wya = new Uint8Array(na);
  wya.set(wy);
  const w = new Float64Array(na).fill(1);
  w.fill((q + 1) / nr, n);
  return { y: ya, ry: rya, wy: wya, x: xa, q, w };
}
