/**
 * Bias analysis for one unmeasured binary confounder U of a hazard ratio (VanderWeele & Arah 2011,
 * Epidemiology 22:42, doi:10.1097/EDE.0b013e3181f74493; for a rare outcome the hazard ratio behaves as a
 * risk ratio). If U has prevalence p1 among the treated and p0 among the untreated, and raises the hazard
 * by the factor γ (confounder–outcome HR, the same in both groups), the observed HR is biased by
 *   B = (1 + (γ − 1)·p1) / (1 + (γ − 1)·p0),
 * and the HR adjusted for U is HR / B; the confidence limits are divided by the same B (B is a fixed
 * assumption, not an estimate). Over a grid of (γ, p1, p0) the result is the data of a contour figure;
 * for each γ and p0 the p1 at which the adjusted HR (or the confidence limit closer to 1) reaches 1 is
 * the tipping line: p1 = (x·(1 + (γ − 1)·p0) − 1)/(γ − 1) with x the HR (or that limit).
 * R equivalent: EValue::bias_factor-style arithmetic (not in Debian); closed forms, checked in the tests.
 */
import { SurvinferError } from "../errors.js";

/** B = (1 + (γ − 1)·p1) / (1 + (γ − 1)·p0) (VanderWeele & Arah 2011, eq. for a binary U without interaction). */
export function biasFactor(gamma: number, p1: number, p0: number): number {
  return (1 + (gamma - 1) * p1) / (1 + (gamma - 1) * p0);
}

export interface BiasGrid {
  /** Confounder–outcome hazard ratios γ (> 0, ≠ 1). */
  readonly gammas: readonly number[];
  /** Prevalences of U among the treated, each in [0, 1]. */
  readonly p1: readonly number[];
  /** Prevalences of U among the untreated, each in [0, 1]. */
  readonly p0: readonly number[];
}

/** Default grid: harmful and protective confounders, prevalences 0 to 1 by 0.1. */
export const DEFAULT_BIAS_GRID: BiasGrid = Object.freeze({
  gammas: Object.freeze([0.33, 0.5, 2, 3]),
  p1: Object.freeze([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]),
  p0: Object.freeze([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]),
});

export interface BiasPanel {
  readonly gamma: number;
  /** Adjusted HR, z[i][j] at p0[i], p1[j]. */
  readonly hr: readonly (readonly number[])[];
  readonly lower: readonly (readonly number[])[];
  readonly upper: readonly (readonly number[])[];
  /** Cells where the adjusted confidence interval contains 1. */
  readonly containsNull: readonly (readonly boolean[])[];
  /** For each p0 (in grid order): the p1 at which the adjusted HR equals 1 (null outside [0, 1]). */
  readonly tippingHr: readonly (number | null)[];
  /** For each p0: the p1 at which the confidence limit closer to 1 reaches 1 (null outside [0, 1]). */
  readonly tippingCi: readonly (number | null)[];
  /** The whole tipping line of the HR inside the unit square (p1 = (x − 1)/(γ − 1) + x·p0), null when it misses it. */
  readonly tippingHrSegment: TippingSegment | null;
  /** The same for the confidence limit closer to 1. */
  readonly tippingCiSegment: TippingSegment | null;
}

/** A straight tipping line clipped to 0 ≤ p0, p1 ≤ 1: its two ends as [p0, p1]. */
export interface TippingSegment {
  readonly from: readonly [number, number];
  readonly to: readonly [number, number];
}

export interface BiasAnalysisResult {
  readonly method: "Bias analysis for an unmeasured binary confounder (VanderWeele & Arah 2011)";
  readonly observed: { readonly hr: number; readonly lower: number; readonly upper: number };
  readonly grid: BiasGrid;
  readonly panels: readonly BiasPanel[];
  readonly warnings: string[];
}

function checkGrid(grid: BiasGrid): void {
  const bad = (what: string, v: unknown, rule: string): never => {
    throw new SurvinferError({ code: "OPTION_INVALID", message: `bias analysis: every ${what} must be ${rule}`, value: String(v) });
  };
  if (grid.gammas.length === 0 || grid.p1.length === 0 || grid.p0.length === 0) bad("grid list", "[]", "non-empty");
  for (const g of grid.gammas) if (!(Number.isFinite(g) && g > 0 && g !== 1)) bad("confounder–outcome HR γ", g, "a positive number other than 1");
  for (const p of [...grid.p1, ...grid.p0]) if (!(Number.isFinite(p) && p >= 0 && p <= 1)) bad("prevalence", p, "a proportion in [0, 1]");
}

/** p1 with B(γ, p1, p0) = x, or null when it falls outside [0, 1]. */
function tipping(x: number, gamma: number, p0: number): number | null {
  const p1 = (x * (1 + (gamma - 1) * p0) - 1) / (gamma - 1);
  return p1 >= 0 && p1 <= 1 ? p1 : null;
}

/** The line p1 = (x − 1)/(γ − 1) + x·p0 (slope x > 0) clipped to the unit square; null when it misses it or touches one point. */
export function tippingSegment(x: number, gamma: number): TippingSegment | null {
  const a = (x - 1) / (gamma - 1);
  const lo = Math.max(0, -a / x);
  const hi = Math.min(1, (1 - a) / x);
  if (!(hi > lo)) return null;
  const at = (p0: number): readonly [number, number] => [p0, Math.min(1, Math.max(0, a + x * p0))];
  return { from: at(lo), to: at(hi) };
}

/**
 * Adjusted HRs and limits over the grid.
 *
 * @example
 * biasAnalysis({ hr: 0.6, lower: 0.4, upper: 0.9 }, { gammas: [2], p1: [0.2], p0: [0.5] }).panels[0].hr[0][0] // 0.6 / (1.2 / 1.5) = 0.75
 */
export function biasAnalysis(observed: { readonly hr: number; readonly lower: number; readonly upper: number }, grid: BiasGrid = DEFAULT_BIAS_GRID): BiasAnalysisResult {
  const { hr, lower, upper } = observed;
  for (const [k, v] of [["hr", hr], ["lower", lower], ["upper", upper]] as const) {
    if (!(Number.isFinite(v) && v > 0)) throw new SurvinferError({ code: "OPTION_INVALID", message: `bias analysis: ${k} must be a positive finite hazard ratio`, value: String(v) });
  }
  if (!(lower <= hr && hr <= upper)) throw new SurvinferError({ code: "OPTION_INVALID", message: `bias analysis: the interval [${lower}, ${upper}] does not contain the HR ${hr}` });
  checkGrid(grid);
  // the limit closer to 1: the one that crosses 1 first when the HR is moved towards 1
  const nearLimit = hr < 1 ? upper : lower;
  const panels = grid.gammas.map((gamma): BiasPanel => {
    const rows = grid.p0.map((p0) => grid.p1.map((p1) => biasFactor(gamma, p1, p0)));
    const lo = rows.map((r) => r.map((b) => lower / b));
    const hi = rows.map((r) => r.map((b) => upper / b));
    return {
      gamma,
      hr: rows.map((r) => r.map((b) => hr / b)),
      lower: lo,
      upper: hi,
      containsNull: lo.map((r, i) => r.map((l, j) => l <= 1 && hi[i][j] >= 1)),
      tippingHr: grid.p0.map((p0) => tipping(hr, gamma, p0)),
      tippingCi: grid.p0.map((p0) => tipping(nearLimit, gamma, p0)),
      tippingHrSegment: tippingSegment(hr, gamma),
      tippingCiSegment: tippingSegment(nearLimit, gamma),
    };
  });
  const warnings = lower <= 1 && upper >= 1 ? ["the observed confidence interval already contains 1: the bias analysis shows how far the estimate could move, not what would explain a significant result away"] : [];
  return { method: "Bias analysis for an unmeasured binary confounder (VanderWeele & Arah 2011)", observed: { hr, lower, upper }, grid, panels, warnings };
}
