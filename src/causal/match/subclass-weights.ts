/**
 * Subclasses from the edges of a star forest, and MatchIt's weights from subclasses.
 *
 * Weights (MatchIt 4.5 `weights.subclass`, used after full matching and subclassification), with n₁ₛ
 * treated and n₀ₛ controls in subclass s, and units outside any subclass weighted 0:
 *   ATT: treated 1; control (n₁ₛ / n₀ₛ), then controls rescaled to sum to the number of matched controls;
 *   ATC: control 1; treated (n₀ₛ / n₁ₛ), then treated rescaled to sum to the number of matched treated;
 *   ATE: treated (nₛ / n₁ₛ), control (nₛ / n₀ₛ), each group rescaled to sum to its number of matched units.
 * R: `MatchIt:::weights.subclass(subclass, treat, estimand)`.
 */

export type SubclassEstimand = "ATT" | "ATC" | "ATE";

/**
 * Union–find over the units joined by edges; subclasses numbered 1, 2, … in data order of their first
 * unit; units on no edge get null.
 */
export function subclassesFromEdges(n: number, a: Int32Array, b: Int32Array): (number | null)[] {
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  const onEdge = new Uint8Array(n);
  for (let k = 0; k < a.length; k++) {
    onEdge[a[k]] = 1;
    onEdge[b[k]] = 1;
    const ra = find(a[k]);
    const rb = find(b[k]);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
  const label = new Int32Array(n);
  const out = new Array<number | null>(n).fill(null);
  let next = 0;
  for (let i = 0; i < n; i++) {
    if (onEdge[i] === 0) continue;
    const r = find(i);
    if (label[r] === 0) label[r] = ++next;
    out[i] = label[r];
  }
  return out;
}

export function weightsFromSubclass(treat: Int32Array, subclass: readonly (number | null)[], estimand: SubclassEstimand): number[] {
  const n = treat.length;
  let k = 0;
  for (const s of subclass) if (s !== null && s > k) k = s;
  const n1s = new Float64Array(k + 1);
  const n0s = new Float64Array(k + 1);
  for (let i = 0; i < n; i++) {
    const s = subclass[i];
    if (s === null) continue;
    if (treat[i] === 1) n1s[s]++;
    else n0s[s]++;
  }
  const w = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    const s = subclass[i];
    if (s === null) continue;
    const t = treat[i] === 1;
    if (estimand === "ATT") w[i] = t ? 1 : n1s[s] / n0s[s];
    else if (estimand === "ATC") w[i] = t ? n0s[s] / n1s[s] : 1;
    else w[i] = t ? (n1s[s] + n0s[s]) / n1s[s] : (n1s[s] + n0s[s]) / n0s[s];
  }
  // rescale the non-focal group(s) to sum to their number of matched units
  for (const g of estimand === "ATT" ? [0] : estimand === "ATC" ? [1] : [1, 0]) {
    let sum = 0;
    let count = 0;
    for (let i = 0; i < n; i++) {
      if (treat[i] !== g || subclass[i] === null) continue;
      sum += w[i];
      count++;
    }
    if (sum > 0) for (let i = 0; i < n; i++) if (treat[i] === g && subclass[i] !== null) w[i] *= count / sum;
  }
  return w;
}
