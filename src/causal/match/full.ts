/**
 * Kernels for optimal full matching and optimal pair matching with a caliper, both as a minimum-cost
 * flow on the sparse bipartite network of focal–other pairs within the caliper (min-cost-flow.ts).
 *
 * Full matching (Rosenbaum 1991, JRSS-B 53:597–610; Hansen 2004, JASA 99:609–618,
 * doi:10.1198/016214504000000647; Hansen & Klopfer 2006, JCGS 15:609–627, doi:10.1198/106186006X137047)
 * splits the units into subclasses of one focal unit with ≥ 1 others, or one other unit with ≥ 1 focal
 * units, minimising the total within-subclass focal–other distance Σ_s Σ_{i∈s focal, j∈s other} |d_i − d_j|.
 * Such a partition is a spanning star forest of the pair graph, and a star forest is exactly what is left
 * of a minimum-cost edge cover with non-negative costs once every edge between two units of degree ≥ 2 is
 * dropped (dropping it keeps both covered and cannot raise the cost). So the kernel solves the
 * degree-constrained edge cover as a flow:
 *
 *   source → focal i: one arc of capacity 1 and cost −M (covering i), one of capacity maxOthers − 1, cost 0;
 *   focal i → other j: capacity 1, cost |d_i − d_j|, only when |d_i − d_j| ≤ caliper width;
 *   other j → sink: one arc of capacity 1 and cost −M, one of capacity maxFocal − 1, cost 0;
 *   sink → source: free (the amount of flow is part of the optimisation: a minimum-cost circulation);
 *
 * with M = (2V + 1)·max edge cost + 1 larger than any path's distance, so the minimum-cost flow first
 * covers as many units as the caliper and the bounds allow, then minimises the total distance.
 * maxOthers is optmatch's max.controls, maxFocal = ⌊1 / min.controls⌋ (∞ when min.controls = 0).
 * Without bounds (both ∞, optmatch's default) every unit with a partner is covered and the problem is a
 * plain minimum-cost edge cover, solved instead by its reduction to a maximum-weight matching on the
 * few pairs that can lower the cost (edge-cover.ts): on 2,000 treated × 8,000 controls with a 0.2 SD
 * caliper, 10⁴ of 1.6·10⁶ pairs, and seconds instead of minutes (docs/validation.md).
 *
 * Pair matching 1:k (Rosenbaum 1989) with a caliper: source → focal capacity k at cost −M per pair,
 * focal → other capacity 1 at their distance, other → sink capacity 1, sink → source free: the
 * minimum-cost circulation matches the most pairs possible within the caliper at the least total distance.
 *
 * Kernel: never throws. Preconditions: `s` from sortUnits with focal units coded 1; `d` finite; width > 0
 * or Infinity; maxOthers, maxFocal whole numbers ≥ 1 or Infinity.
 */
import { minCostEdgeCover } from "./edge-cover.js";
import { FlowNetworkBuilder, minCostCirculation } from "./min-cost-flow.js";
import { lowerBound } from "./sorted-units.js";
import type { SortedUnits } from "./sorted-units.js";

export interface StarMatchKernelResult {
  /** Focal unit index and other unit index of every edge kept, in focal rank then distance order. */
  readonly edgeFocal: Int32Array;
  readonly edgeOther: Int32Array;
  /** Σ |d_i − d_j| over the kept edges. */
  readonly objective: number;
  /** Edges in the sparse network (pairs within the caliper). */
  readonly networkEdges: number;
  readonly augmentations: number;
  /** Per focal rank: number of others within the caliper (0 = no possible match). */
  readonly reach: Int32Array;
}

/** Counts the focal–other pairs within the caliper (the sparse network's size) without building it. */
export function countCaliperEdges(s: SortedUnits, d: Float64Array, width: number): number {
  let m = 0;
  for (let r = 0; r < s.treated.length; r++) {
    const x = d[s.treated[r]];
    if (!Number.isFinite(width)) {
      m += s.hi[r] - s.lo[r];
      continue;
    }
    const a = lowerBound(s.ctlD, s.lo[r], s.hi[r], x - width);
    let b = a;
    while (b < s.hi[r] && s.ctlD[b] - x <= width) b++;
    m += b - a;
  }
  return m;
}

/** The focal–other pairs within the caliper (the sparse network's edges), in focal rank then position order. */
interface CaliperPairs {
  readonly m: number;
  readonly rank: Int32Array;
  readonly pos: Int32Array;
  readonly cost: Float64Array;
  /** Per focal rank / per other position: pairs within the caliper. */
  readonly reach: Int32Array;
  readonly degOther: Int32Array;
  readonly maxCost: number;
}

function caliperPairs(s: SortedUnits, d: Float64Array, width: number): CaliperPairs {
  const expected = countCaliperEdges(s, d, width);
  const n1 = s.treated.length;
  const reach = new Int32Array(n1);
  const degOther = new Int32Array(s.ctl.length);
  const rank = new Int32Array(expected);
  const pos = new Int32Array(expected);
  const cost = new Float64Array(expected);
  let m = 0;
  let maxCost = 0;
  for (let r = 0; r < n1; r++) {
    const x = d[s.treated[r]];
    const a = Number.isFinite(width) ? lowerBound(s.ctlD, s.lo[r], s.hi[r], x - width) : s.lo[r];
    for (let j = a; j < s.hi[r]; j++) {
      const c = Math.abs(s.ctlD[j] - x);
      if (s.ctlD[j] - x > width) break;
      if (c > width) continue;
      rank[m] = r;
      pos[m] = j;
      cost[m++] = c;
      reach[r]++;
      degOther[j]++;
      if (c > maxCost) maxCost = c;
    }
  }
  return { m, rank, pos, cost, reach, degOther, maxCost };
}

/** Pairs used by the minimum-cost flow on the whole caliper network (any bounds, full or pair mode). */
function flowPairs(P: CaliperPairs, n1: number, n0: number, mode: "full" | "pair", maxOthers: number, maxFocal: number): { used: number[]; augmentations: number } {
  const source = 0;
  const sink = n1 + n0 + 1;
  const other = (j: number): number => n1 + 1 + j; // node of the control at sorted position j
  const b = new FlowNetworkBuilder(n1 + n0 + 2, P.m + 2 * (n1 + n0));
  const V = n1 + n0 + 2;
  // reward per unit covered (full) or per pair (pair): larger than any rerouting's change in distance
  const M = (2 * V + 1) * P.maxCost + 1;
  for (let r = 0; r < n1; r++) {
    if (P.reach[r] === 0) continue;
    if (mode === "full") {
      b.addEdge(source, 1 + r, 1, -M);
      const extra = Math.min(maxOthers, P.reach[r]) - 1;
      if (extra > 0) b.addEdge(source, 1 + r, extra, 0);
    } else {
      b.addEdge(source, 1 + r, Math.min(maxOthers, P.reach[r]), -M);
    }
  }
  const pairEdges = new Int32Array(P.m);
  for (let k = 0; k < P.m; k++) pairEdges[k] = b.addEdge(1 + P.rank[k], other(P.pos[k]), 1, P.cost[k]);
  for (let j = 0; j < n0; j++) {
    if (P.degOther[j] === 0) continue;
    if (mode === "full") {
      b.addEdge(other(j), sink, 1, -M);
      const extra = Math.min(maxFocal, P.degOther[j]) - 1;
      if (extra > 0) b.addEdge(other(j), sink, extra, 0);
    } else {
      b.addEdge(other(j), sink, 1, 0);
    }
  }
  b.addEdge(sink, source, n1 + n0 + 1, 0); // the flow value is free: a circulation
  const net = b.build();
  // potentials with every residual arc non-negative before any focal unit is switched on
  const pot0 = new Float64Array(V);
  for (let j = 0; j < n0; j++) pot0[other(j)] = mode === "full" ? M : 0;
  // switch focal units on in a fixed pseudo-random order: the optimum does not depend on the order, but
  // the work does — in sorted order each new unit takes over the others of all earlier neighbours (each
  // other unit moves ~ once per focal unit within the caliper), in random order only when the new unit is
  // the nearest so far (~ log of that number of moves: the record values of a random sequence)
  const ranks = Array.from({ length: n1 }, (_, r) => r).filter((r) => P.reach[r] > 0);
  let state = 0x9e3779b9;
  for (let i = ranks.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0; // LCG (Numerical Recipes), only for the order
    const j = Math.floor((state / 4294967296) * (i + 1));
    const tmp = ranks[i];
    ranks[i] = ranks[j];
    ranks[j] = tmp;
  }
  const res = minCostCirculation(net, source, Int32Array.from(ranks, (r) => 1 + r), pot0);
  const used: number[] = [];
  for (let k = 0; k < P.m; k++) if (res.flow[pairEdges[k]] > 0) used.push(k);
  return { used, augmentations: res.augmentations };
}

export function starMatchKernel(
  s: SortedUnits,
  d: Float64Array,
  width: number,
  mode: "full" | "pair",
  maxOthers: number,
  maxFocal: number,
): StarMatchKernelResult {
  const n1 = s.treated.length;
  const n0 = s.ctl.length;
  const P = caliperPairs(s, d, width);
  const { m, reach } = P;
  const pairRank = P.rank;
  const pairPos = P.pos;
  let used: number[];
  let augmentations: number;
  if (mode === "full" && maxOthers === Infinity && maxFocal === Infinity) {
    // no bounds: a minimum-cost edge cover, solved as a matching on the few edges that can help
    const cover = minCostEdgeCover(n1, n0, P.rank, P.pos, P.cost, m);
    used = Array.from(cover.edges);
    augmentations = cover.augmentations;
  } else {
    ({ used, augmentations } = flowPairs(P, n1, n0, mode, maxOthers, maxFocal));
  }
  if (mode === "full") {
    // drop edges between two units of degree ≥ 2 (zero-cost ties only): what remains is a star forest
    const degF = new Int32Array(n1);
    const degO = new Int32Array(n0);
    for (const k of used) {
      degF[pairRank[k]]++;
      degO[pairPos[k]]++;
    }
    let w = 0;
    for (const k of used) {
      if (degF[pairRank[k]] >= 2 && degO[pairPos[k]] >= 2) {
        degF[pairRank[k]]--;
        degO[pairPos[k]]--;
      } else {
        used[w++] = k;
      }
    }
    used.length = w;
  }
  const edgeFocal = new Int32Array(used.length);
  const edgeOther = new Int32Array(used.length);
  let objective = 0;
  used.forEach((k, q) => {
    edgeFocal[q] = s.treated[pairRank[k]];
    edgeOther[q] = s.ctl[pairPos[k]];
    objective += Math.abs(d[edgeFocal[q]] - d[edgeOther[q]]);
  });
  return { edgeFocal, edgeOther, objective, networkEdges: m, augmentations, reach };
}
