/**
 * Pointwise confidence limits for a survival probability, exactly as R survival 3.5-3's
 * `survfit_confint()` computes them (the function survfit uses for `lower`/`upper`).
 *
 * Input is Ŝ and the standard error of log Ŝ (for Greenwood: σ = √Σ d/(n(n−d)), R's `fit$std.err`);
 * z = Φ⁻¹(1 − (1 − level)/2). Transforms (f, and the limit f⁻¹(f(Ŝ) ∓ z·se_f)):
 *
 * | confType  | limits                                                        | NA (here NaN) when |
 * |-----------|---------------------------------------------------------------|--------------------|
 * | "plain"   | Ŝ ∓ z·σ·Ŝ, clipped to [0, 1]                                  | σ·Ŝ is NaN (Ŝ = 0, σ = ∞) |
 * | "log"     | exp(log Ŝ ∓ z·σ), upper clipped at 1                          | Ŝ = 0              |
 * | "log-log" | exp(−exp(log(−log Ŝ) ∓ z·σ / log Ŝ))                          | Ŝ = 0 or Ŝ = 1     |
 *
 * Reference: Kalbfleisch & Prentice (2002), The Statistical Analysis of Failure Time Data, 2nd ed.,
 * §1.4 (DOI 10.1002/9781118032985); Borgan & Liestøl (1990), Scand J Stat 17:35–41 (log-log).
 * R: `survival:::survfit_confint(p, se, logse = TRUE, conf.type, conf.int)`.
 * Deliberate difference: none (R's NA is NaN here; JSON writes it as null).
 *
 * @example
 * ```ts
 * const z = confidenceZ(0.95);                       // 1.959963984540054
 * survivalLimits(0.75, 0.2886751345948129, "log", z); // { lower: 0.4259…, upper: 1 }
 * ```
 */
import { normalQuantile } from "../math/normal.js";

export type ConfType = "log" | "log-log" | "plain";
export const CONF_TYPES: readonly ConfType[] = ["log", "log-log", "plain"];

/** z = Φ⁻¹(1 − (1 − level)/2), as R's qnorm(1 - (1 - conf.int)/2). */
export function confidenceZ(confLevel: number): number {
  return normalQuantile(1 - (1 - confLevel) / 2);
}

export interface Limits {
  lower: number;
  upper: number;
}

/**
 * One pair of limits for survival probability `surv` whose log has standard error `seLog`.
 * Never throws; returns NaN limits where R returns NA/NaN.
 */
export function survivalLimits(surv: number, seLog: number, confType: ConfType, z: number): Limits {
  switch (confType) {
    case "plain": {
      const half = seLog * surv * z;
      return { lower: rMax(surv - half, 0), upper: rMin(surv + half, 1) };
    }
    case "log": {
      if (surv === 0 || Number.isNaN(surv)) return { lower: Number.NaN, upper: Number.NaN };
      const ls = Math.log(surv);
      return { lower: Math.exp(ls - z * seLog), upper: rMin(Math.exp(ls + z * seLog), 1) };
    }
    case "log-log": {
      if (surv === 0 || surv === 1 || Number.isNaN(surv)) return { lower: Number.NaN, upper: Number.NaN };
      const ls = Math.log(surv);
      const se2 = (z * seLog) / ls;
      const lls = Math.log(-ls);
      return { lower: Math.exp(-Math.exp(lls - se2)), upper: Math.exp(-Math.exp(lls + se2)) };
    }
  }
}

/**
 * Limits for whole curves. `seLog[j]` is the SE of log Ŝ(t_j). For a robust (IJ) variance R stores the
 * SE of Ŝ itself and converts with se/Ŝ (0 when se = 0); pass `seIsOnLogScale = false` for that.
 */
export function survivalLimitsCurve(
  surv: ArrayLike<number>,
  se: ArrayLike<number>,
  confType: ConfType,
  confLevel: number,
  seIsOnLogScale = true,
): { lower: number[]; upper: number[] } {
  const z = confidenceZ(confLevel);
  const lower = new Array<number>(surv.length);
  const upper = new Array<number>(surv.length);
  for (let j = 0; j < surv.length; j++) {
    const s = se[j];
    const seLog = seIsOnLogScale ? s : s === 0 ? 0 : s / surv[j];
    const l = survivalLimits(surv[j], seLog, confType, z);
    lower[j] = l.lower;
    upper[j] = l.upper;
  }
  return { lower, upper };
}

/** R's pmax/pmin propagate NaN; Math.max/min do too, but keep it explicit. */
function rMax(a: number, b: number): number {
  return Number.isNaN(a) ? Number.NaN : Math.max(a, b);
}
function rMin(a: number, b: number): number {
  return Number.isNaN(a) ? Number.NaN : Math.min(a, b);
}
