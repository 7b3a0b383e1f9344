/** The design [A, X] of the outcome and censoring Cox models, and the counterfactual row with A set to a. */
import type { CoxNuisance } from "./cox-nuisance.js";

export function treatmentDesign(treat: Uint8Array, x: Float64Array, columnNames: readonly string[]): { x: Float64Array; columnNames: string[] } {
  const n = treat.length;
  const out = new Float64Array(n * (columnNames.length + 1));
  for (let i = 0; i < n; i++) out[i] = treat[i];
  out.set(x.subarray(0, n * columnNames.length), n);
  return { x: out, columnNames: ["treatment", ...columnNames] };
}

/** Row i of the centred design with the treatment (column 0) set to `arm`, and its relative risk. */
export function counterfactualRow(m: CoxNuisance, i: number, arm: 0 | 1, row: Float64Array): number {
  let eta = 0;
  for (let l = 0; l < m.p; l++) {
    row[l] = l === 0 ? arm - m.means[0] : m.xc[l * m.n + i];
    eta += row[l] * m.beta[l];
  }
  return Math.exp(eta);
}
