/**
 * Optimal pair (1:k) matching without replacement: the assignment of k distinct controls to every
 * treated unit that minimises the total absolute distance difference Σ |d_i − d_c| (Rosenbaum 1989,
 * "Optimal matching for observational studies", JASA 84:1024–1032, doi:10.1080/01621459.1989.10478868).
 *
 * Solved as a rectangular assignment problem — each treated unit repeated k times as rows, controls as
 * columns — with the Hungarian algorithm in its shortest-augmenting-path form with potentials (Kuhn
 * 1955; Jonker & Volgenant 1987), O(rows² · cols) time and O(rows + cols) memory: costs are computed on
 * the fly, no matrix is stored. Requires rows ≤ cols (the caller transposes the 1:1 problem when there
 * are more treated than controls). Kernel: never throws.
 *
 * Returns, for each row, the assigned column, and the objective.
 */
export function hungarian(rows: number, cols: number, cost: (i: number, j: number) => number): { assign: Int32Array; objective: number } {
  // 1-based arrays as in the classical formulation; column 0 is the virtual start.
  const u = new Float64Array(rows + 1);
  const v = new Float64Array(cols + 1);
  const p = new Int32Array(cols + 1); // p[j] = row assigned to column j (0 = none)
  const way = new Int32Array(cols + 1);
  const minv = new Float64Array(cols + 1);
  const usedCol = new Uint8Array(cols + 1);
  for (let i = 1; i <= rows; i++) {
    p[0] = i;
    let j0 = 0;
    minv.fill(Infinity);
    usedCol.fill(0);
    do {
      usedCol[j0] = 1;
      const i0 = p[j0];
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= cols; j++) {
        if (usedCol[j] === 1) continue;
        const cur = cost(i0 - 1, j - 1) - u[i0] - v[j];
        if (cur < minv[j]) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j] < delta) {
          delta = minv[j];
          j1 = j;
        }
      }
      for (let j = 0; j <= cols; j++) {
        if (usedCol[j] === 1) {
          u[p[j]] += delta;
          v[j] -= delta;
        } else {
          minv[j] -= delta;
        }
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0];
      p[j0] = p[j1];
      j0 = j1;
    } while (j0 !== 0);
  }
  const assign = new Int32Array(rows).fill(-1);
  let objective = 0;
  for (let j = 1; j <= cols; j++) {
    if (p[j] !== 0) {
      assign[p[j] - 1] = j - 1;
      objective += cost(p[j] - 1, j - 1);
    }
  }
  return { assign, objective };
}
