/**
 * Which latency? Fits the parametric mixture cure model with each latency family to the same patients and
 * compares them by Akaike's information criterion; the chosen model is the lowest AIC among the fits that
 * converged (the criterion is stated in the result). Pure: no I/O.
 */
import { parametricCure, type ParametricCureOptions, type ParametricCureResult } from "./parametric.js";
import { LATENCY_DISTRIBUTIONS, LATENCY_FAMILIES, type LatencyDistribution } from "./latency.js";
import type { CureInput } from "./design.js";

export interface LatencyComparisonRow {
  readonly distribution: LatencyDistribution;
  readonly label: string;
  readonly loglik: number;
  readonly nParameters: number;
  /** −2ℓ + 2k. */
  readonly aic: number;
  /** AIC − the lowest AIC. */
  readonly deltaAic: number;
  /** Cure fraction averaged over the patients, with its CI. */
  readonly cureFraction: { readonly estimate: number; readonly lower: number; readonly upper: number };
  readonly converged: boolean;
  readonly chosen: boolean;
}

export interface LatencyComparison {
  readonly criterion: "lowest AIC among the converged fits";
  readonly rows: readonly LatencyComparisonRow[];
  readonly chosen: LatencyDistribution;
  /** The fits, by family (the chosen one is reused by callers). */
  readonly fits: Readonly<Record<LatencyDistribution, ParametricCureResult>>;
  readonly warnings: readonly string[];
}

/**
 * Fits every latency family (Weibull, log-normal, log-logistic, generalised gamma) and compares them by
 * AIC = −2ℓ + 2k (the generalised gamma has one parameter more, Q; it nests the Weibull and the log-normal).
 * A difference below 2 means the data hardly prefer one latency: the cure fractions of the close models are
 * then the honest range.
 * R equivalent: `AIC(flexsurvcure(..., dist = d))` for d in weibull, lnorm, llogis, gengamma (fixtures:
 * tools/oracle/cure.R, tools/oracle/cure-gengamma.R).
 *
 * @example
 * const cmp = compareLatencies(input);
 * cmp.chosen; // e.g. "lognormal"
 * cmp.rows.map((r) => [r.label, r.aic, r.cureFraction.estimate]);
 */
export function compareLatencies(input: CureInput, options: Omit<ParametricCureOptions, "distribution"> = {}): LatencyComparison {
  const fits = {} as Record<LatencyDistribution, ParametricCureResult>;
  for (const d of LATENCY_DISTRIBUTIONS) fits[d] = parametricCure(input, { ...options, distribution: d });
  const ok = LATENCY_DISTRIBUTIONS.filter((d) => fits[d].convergence.converged && Number.isFinite(fits[d].aic));
  const pool = ok.length > 0 ? ok : LATENCY_DISTRIBUTIONS;
  const chosen = pool.reduce((best, d) => (fits[d].aic < fits[best].aic ? d : best), pool[0]);
  const minAic = fits[chosen].aic;
  const rows = LATENCY_DISTRIBUTIONS.map((d) => {
    const f = fits[d];
    const cf = f.cureFraction.average;
    return { distribution: d, label: LATENCY_FAMILIES[d].label, loglik: f.loglik, nParameters: f.nParameters, aic: f.aic, deltaAic: f.aic - minAic, cureFraction: { estimate: cf.estimate, lower: cf.lower, upper: cf.upper }, converged: f.convergence.converged, chosen: d === chosen };
  });
  const warnings: string[] = [];
  if (ok.length === 0) warnings.push("no latency model converged: the AIC comparison is unreliable");
  // a fit that did not converge (e.g. the generalised gamma running to a boundary, Q → ±∞) is left out of the choice, said
  const failed = ok.length === 0 ? [] : rows.filter((r) => !r.converged);
  if (failed.length > 0) warnings.push(`the ${failed.map((r) => r.label).join(" and ")} latency did not converge (its likelihood runs to the edge of the parameter space) and is left out of the AIC choice`);
  const close = rows.filter((r) => !r.chosen && r.converged && r.deltaAic < 2);
  if (close.length > 0) {
    const range = [fits[chosen].cureFraction.average.estimate, ...close.map((r) => r.cureFraction.estimate)];
    warnings.push(
      `the latency is not determined by the data: ${close.map((r) => `${r.label} (AIC +${r.deltaAic.toFixed(1)})`).join(", ")} fit${close.length === 1 ? "s" : ""} almost as well as the chosen ${LATENCY_FAMILIES[chosen].label}, with cure fractions from ${pct(Math.min(...range))} to ${pct(Math.max(...range))}`,
    );
  }
  return { criterion: "lowest AIC among the converged fits", rows, chosen, fits, warnings };
}

function pct(x: number): string {
  return `${(100 * x).toFixed(0)}%`;
}
