/**
 * Minimum-cost edge cover of a bipartite graph with non-negative edge costs, by reduction to a
 * maximum-weight matching on a much smaller graph (the standard reduction; proof below).
 *
 * Let μ(v) be the cost of the cheapest edge at v. For any matching N, the cover "N plus, for each vertex
 * N leaves uncovered, its cheapest edge" costs at most Σ_v μ(v) − Σ_{(u,v)∈N} w(u, v) with
 * w(u, v) = μ(u) + μ(v) − c(u, v). Conversely, a minimal edge cover is a star forest; taking one edge
 * of each star as N, every other edge (x, y) of the star is charged to its leaf y at c(x, y) ≥ μ(y), so
 * the cover costs at least Σ_v μ(v) − Σ_N w. Hence min cover = Σ_v μ(v) − max_N Σ_N w, and only edges
 * with w > 0 can help the matching: on a line with costs |d_u − d_v| that is a few edges per unit (an
 * edge spanning both a nearer control of its treated unit and a nearer treated unit of its control,
 * in that order, has w < 0). The maximum-weight matching is a minimum-cost circulation
 * (min-cost-flow.ts) with arcs source → u (capacity 1), u → v (capacity 1, cost −w), v → sink
 * (capacity 1), sink → source.
 *
 * Kernel: never throws. Input: the graph as edge lists (u in 0..nU−1, v in 0..nV−1, cost ≥ 0); every
 * vertex with an edge is covered. Returns the indices of the edges in the cover, each once.
 */
import { FlowNetworkBuilder, minCostCirculation } from "./min-cost-flow.js";

export interface EdgeCoverResult {
  /** Indices into the edge lists of the edges in the cover (ascending). */
  readonly edges: Int32Array;
  /** Edges with w > 0 (the matching network's size) and augmenting paths of the matching. */
  readonly matchingEdges: number;
  readonly augmentations: number;
}

export function minCostEdgeCover(nU: number, nV: number, eu: Int32Array, ev: Int32Array, cost: Float64Array, m: number): EdgeCoverResult {
  const muU = new Float64Array(nU).fill(Infinity);
  const muV = new Float64Array(nV).fill(Infinity);
  const bestU = new Int32Array(nU).fill(-1);
  const bestV = new Int32Array(nV).fill(-1);
  for (let k = 0; k < m; k++) {
    if (cost[k] < muU[eu[k]]) {
      muU[eu[k]] = cost[k];
      bestU[eu[k]] = k;
    }
    if (cost[k] < muV[ev[k]]) {
      muV[ev[k]] = cost[k];
      bestV[ev[k]] = k;
    }
  }
  const cand: number[] = [];
  for (let k = 0; k < m; k++) if (muU[eu[k]] + muV[ev[k]] - cost[k] > 0) cand.push(k);
  const source = 0;
  const sink = nU + nV + 1;
  const b = new FlowNetworkBuilder(nU + nV + 2, cand.length + nU + nV + 1);
  const hasU = new Uint8Array(nU);
  const hasV = new Uint8Array(nV);
  for (const k of cand) {
    hasU[eu[k]] = 1;
    hasV[ev[k]] = 1;
  }
  // costs shifted by the largest weight W so that only the n_U arcs out of the source are negative
  let W = 0;
  for (const k of cand) W = Math.max(W, muU[eu[k]] + muV[ev[k]] - cost[k]);
  for (let u = 0; u < nU; u++) if (hasU[u] === 1) b.addEdge(source, 1 + u, 1, -W);
  const arcOf = cand.map((k) => b.addEdge(1 + eu[k], 1 + nU + ev[k], 1, W - (muU[eu[k]] + muV[ev[k]] - cost[k])));
  for (let v = 0; v < nV; v++) if (hasV[v] === 1) b.addEdge(1 + nU + v, sink, 1, 0);
  b.addEdge(sink, source, nU + nV + 1, 0);
  const act: number[] = [];
  for (let u = 0; u < nU; u++) if (hasU[u] === 1) act.push(1 + u);
  const res = minCostCirculation(b.build(), source, Int32Array.from(act), new Float64Array(nU + nV + 2));
  const inCover = new Uint8Array(m);
  const coveredU = new Uint8Array(nU);
  const coveredV = new Uint8Array(nV);
  cand.forEach((k, q) => {
    if (res.flow[arcOf[q]] > 0) {
      inCover[k] = 1;
      coveredU[eu[k]] = 1;
      coveredV[ev[k]] = 1;
    }
  });
  for (let u = 0; u < nU; u++) if (coveredU[u] === 0 && bestU[u] >= 0) inCover[bestU[u]] = 1;
  for (let v = 0; v < nV; v++) if (coveredV[v] === 0 && bestV[v] >= 0) inCover[bestV[v]] = 1;
  let count = 0;
  for (let k = 0; k < m; k++) count += inCover[k];
  const edges = new Int32Array(count);
  for (let k = 0, q = 0; k < m; k++) if (inCover[k] === 1) edges[q++] = k;
  return { edges, matchingEdges: cand.length, augmentations: res.augmentations };
}
