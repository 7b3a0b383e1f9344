/**
 * Seeded random streams for the simulator: xoroshiro128+ (pure-rand) with 53-bit uniform doubles,
 * bit-for-bit identical on every platform (integer arithmetic only). Independent streams come from
 * the generator's jump function (2^64 steps apart), so that, for one seed, the covariates stay the
 * same when, e.g., the true hazard ratio changes (common random numbers across scenarios).
 * Normal deviates use Box–Muller with a fixed two uniforms per draw, so every patient consumes a
 * fixed number of uniforms from each stream.
 */
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import type { RandomGenerator } from "pure-rand/types/RandomGenerator";
import type { JumpableRandomGenerator } from "pure-rand/types/JumpableRandomGenerator";

const HALF_ULP = 2 ** -54;

export class Stream {
  private readonly gen: RandomGenerator;
  constructor(gen: RandomGenerator) {
    this.gen = gen;
  }
  /** Uniform on the open interval (0, 1): a multiple of 2^-53 shifted by 2^-54. */
  uniform(): number {
    return uniformFloat64(this.gen) + HALF_ULP;
  }
  /** Standard normal (Box–Muller, cosine branch; consumes two uniforms). */
  normal(): number {
    const u1 = this.uniform();
    const u2 = this.uniform();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }
  /** Exponential with mean 1. */
  exponential(): number {
    return -Math.log(this.uniform());
  }
}

/** `count` independent streams for a seed (an integer in [0, 2^31)). */
export function streams(seed: number, count: number): Stream[] {
  const gen: JumpableRandomGenerator = xoroshiro128plus(seed | 0);
  const out: Stream[] = [];
  for (let k = 0; k < count; k++) {
    out.push(new Stream(gen.clone()));
    gen.jump();
  }
  return out;
}
