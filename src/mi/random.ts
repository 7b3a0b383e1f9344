/**
 * Random draws for multiple imputation, from the seeded xoroshiro128+ streams of src/simulate/rng.ts
 * (one independent stream per imputation chain, so chains can later run in parallel workers and the
 * result does not depend on the order in which chains run). R's generator is not reproduced: the
 * univariate models also accept the draws explicitly, which is how the tests replay R's draws.
 */
import { streams, type Stream } from "../simulate/rng.js";

export interface MiRandom {
  /** Uniform on (0, 1). */
  uniform(): number;
  /** Standard normal. */
  normal(): number;
  /** Chi-square with `df` > 0 degrees of freedom (as R's rchisq(1, df)). */
  chisq(df: number): number;
  /** A random permutation of 1..n (as R's sample(n)). */
  permutation(n: number): Int32Array;
  /** `size` integers drawn uniformly from 1..k with replacement (as R's sample(1:k, size, replace = TRUE)). */
  integers(k: number, size: number): Int32Array;
}

/**
 * Gamma(shape, 1) by Marsaglia & Tsang (2000), ACM TOMS 26:363–372; shape < 1 by the boost
 * Gamma(a) = Gamma(a + 1) · U^(1/a). Exact in distribution (rejection sampling).
 */
function gamma(s: Stream, shape: number): number {
  if (shape < 1) return gamma(s, shape + 1) * Math.pow(s.uniform(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = s.normal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = s.uniform();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

export function fromStream(s: Stream): MiRandom {
  return {
    uniform: () => s.uniform(),
    normal: () => s.normal(),
    chisq: (df: number) => 2 * gamma(s, df / 2),
    permutation(n: number): Int32Array {
      const out = new Int32Array(n);
      for (let i = 0; i < n; i++) out[i] = i + 1;
      for (let i = n - 1; i > 0; i--) {
        const j = Math.floor(s.uniform() * (i + 1));
        const t = out[i];
        out[i] = out[j];
        out[j] = t;
      }
      return out;
    },
    integers(k: number, size: number): Int32Array {
      const out = new Int32Array(size);
      for (let i = 0; i < size; i++) out[i] = 1 + Math.min(k - 1, Math.floor(s.uniform() * k));
      return out;
    },
  };
}

/** `m` independent generators for a seed (an integer in [0, 2^31)), one per imputation chain. */
export function chainRandoms(seed: number, m: number): MiRandom[] {
  return streams(seed, m).map(fromStream);
}
