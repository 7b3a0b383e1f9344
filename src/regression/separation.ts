/**
 * Separation diagnostics for binary-outcome logistic models (Albert & Anderson 1984,
 * doi:10.1093/biomet/71.1.1). A covariate column x separates y when a threshold c puts every
 * y = 1 on one side and every y = 0 on the other: complete when the two sets of values do not touch
 * (max x|y=0 < min x|y=1, or the reverse), quasi-complete when they share one boundary value
 * (e.g. a 0/1 dummy whose level 1 only has y = 1). Either makes the maximum-likelihood coefficient
 * infinite; R's glm then stops with "fitted probabilities numerically 0 or 1 occurred" and a huge SE.
 * Separation by a combination of columns is flagged from the fit (fitted values at 0 or 1) and the
 * covariates with the largest |β|·sd(x) are named. Firth's penalised likelihood (`firthLogistic`)
 * gives finite estimates in both cases.
 */

export type SeparationKind = "complete" | "quasi-complete";

export interface SeparatingCovariate {
  readonly name: string;
  readonly kind: SeparationKind;
  /** "higher values go with y = 1" or the reverse. */
  readonly direction: "positive" | "negative";
  /** The threshold value: all y = 1 on one side of it, all y = 0 on the other. */
  readonly threshold: number;
}

export interface SeparationReport {
  /** True if a single column separates y, or fitted probabilities were numerically 0 or 1. */
  readonly detected: boolean;
  readonly covariates: readonly SeparatingCovariate[];
  /** Number of units with fitted probability within 10·ε of 0 or 1 (R's test). */
  readonly fittedZeroOne: number;
  /** When no single column separates: the covariates with the largest |β|·sd(x), most suspicious first. */
  readonly suspects: readonly string[];
  readonly message: string | null;
}

/**
 * Checks each non-constant column j of x (n × p column-major, rows with weight > 0) for a threshold
 * that separates y ∈ {0, 1}. O(n p).
 */
export function separatingColumns(
  y: ArrayLike<number>,
  x: Float64Array,
  n: number,
  columnNames: readonly string[],
  weights?: ArrayLike<number>,
): SeparatingCovariate[] {
  const p = columnNames.length;
  const out: SeparatingCovariate[] = [];
  for (let j = 0; j < p; j++) {
    let min1 = Infinity;
    let max1 = -Infinity;
    let min0 = Infinity;
    let max0 = -Infinity;
    let binaryY = true;
    for (let i = 0; i < n; i++) {
      if (weights !== undefined && !(weights[i] > 0)) continue;
      const v = x[j * n + i];
      const yi = y[i];
      if (yi === 1) {
        if (v < min1) min1 = v;
        if (v > max1) max1 = v;
      } else if (yi === 0) {
        if (v < min0) min0 = v;
        if (v > max0) max0 = v;
      } else binaryY = false;
    }
    if (!binaryY || !Number.isFinite(min1) || !Number.isFinite(min0)) continue;
    if (Math.min(min0, min1) === Math.max(max0, max1)) continue; // constant column (e.g. intercept)
    if (max0 < min1) out.push({ name: columnNames[j], kind: "complete", direction: "positive", threshold: (max0 + min1) / 2 });
    else if (max1 < min0) out.push({ name: columnNames[j], kind: "complete", direction: "negative", threshold: (max1 + min0) / 2 });
    else if (max0 === min1) out.push({ name: columnNames[j], kind: "quasi-complete", direction: "positive", threshold: max0 });
    else if (max1 === min0) out.push({ name: columnNames[j], kind: "quasi-complete", direction: "negative", threshold: max1 });
  }
  return out;
}

export function separationMessage(cov: readonly SeparatingCovariate[], fittedZeroOne: number, suspects: readonly string[]): string | null {
  if (cov.length > 0) {
    const parts = cov.map((c) => `"${c.name}" (${c.kind}: ${c.direction === "positive" ? "values above" : "values below"} ${c.threshold} predict the outcome exactly)`);
    return `separation: ${parts.join(", ")}; its maximum-likelihood coefficient is infinite. Use Firth's penalised logistic regression (firthLogistic / method "firth"), or remove or regroup the covariate`;
  }
  if (fittedZeroOne > 0) {
    const who = suspects.length > 0 ? ` (largest standardised coefficients: ${suspects.map((s) => `"${s}"`).join(", ")})` : "";
    return `fitted probabilities numerically 0 or 1 occurred for ${fittedZeroOne} unit(s): quasi-complete separation by a combination of covariates is likely${who}. Consider Firth's penalised logistic regression (method "firth")`;
  }
  return null;
}
