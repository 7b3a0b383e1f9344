/**
 * Minimum-cost flow on a sparse network by successive shortest paths with node potentials (Edmonds &
 * Karp 1972, "Theoretical improvements in algorithmic efficiency for network flow problems", J ACM
 * 19:248–264, doi:10.1145/321694.321699; Ahuja, Magnanti & Orlin 1993, "Network Flows", §9.7).
 *
 * Each step finds a shortest source → sink path in the residual network with Dijkstra's algorithm on
 * the reduced costs c_π(u, v) = c(u, v) + π(u) − π(v) ≥ 0 (binary heap, stopped as soon as the sink is
 * settled), augments along it and updates π. Path costs never decrease, so stopping when the next path
 * would cost ≥ 0 (`mode: "min-cost"`) gives the minimum-cost flow of any value, and stopping when the
 * sink is unreachable (`mode: "max-flow"`) gives the maximum flow of minimum cost. Cost: O(F · E log V)
 * for a flow of value F; E counts arcs, V nodes.
 *
 * Written by hand because no maintained JavaScript library solves min-cost flow on a sparse graph.
 * Kernel: never throws; preconditions (checked by the callers): every arc goes from a lower to a higher
 * node index (the network is a DAG in index order, so the initial potentials are one pass of DAG
 * shortest paths and negative arc costs are allowed), capacities are non-negative integers, costs finite.
 */

export class FlowNetworkBuilder {
  private nArcs = 0;
  private to: Int32Array;
  private cap: Int32Array;
  private cost: Float64Array;
  private tail: Int32Array;

  constructor(readonly nodes: number, expectedEdges = 16) {
    const m = Math.max(16, 2 * expectedEdges);
    this.to = new Int32Array(m);
    this.cap = new Int32Array(m);
    this.cost = new Float64Array(m);
    this.tail = new Int32Array(m);
  }

  /** Adds the arc u → v (u < v) with capacity and cost; returns its edge index (its residual twin is index ^ 1). */
  addEdge(u: number, v: number, capacity: number, cost: number): number {
    if (this.nArcs + 2 > this.to.length) this.grow();
    const e = this.nArcs;
    this.tail[e] = u;
    this.to[e] = v;
    this.cap[e] = capacity;
    this.cost[e] = cost;
    this.tail[e + 1] = v;
    this.to[e + 1] = u;
    this.cap[e + 1] = 0;
    this.cost[e + 1] = -cost;
    this.nArcs += 2;
    return e;
  }

  private grow(): void {
    const m = this.to.length * 2;
    const resize = <T extends Int32Array | Float64Array>(a: T, make: (k: number) => T): T => {
      const b = make(m);
      b.set(a);
      return b;
    };
    this.to = resize(this.to, (k) => new Int32Array(k));
    this.cap = resize(this.cap, (k) => new Int32Array(k));
    this.cost = resize(this.cost, (k) => new Float64Array(k));
    this.tail = resize(this.tail, (k) => new Int32Array(k));
  }

  /** The network in compressed adjacency form (arcs grouped by tail node). */
  build(): FlowNetwork {
    const n = this.nodes;
    const m = this.nArcs;
    const start = new Int32Array(n + 1);
    for (let e = 0; e < m; e++) start[this.tail[e] + 1]++;
    for (let v = 0; v < n; v++) start[v + 1] += start[v];
    const pos = start.slice(0, n);
    const adj = new Int32Array(m);
    for (let e = 0; e < m; e++) adj[pos[this.tail[e]]++] = e;
    return { nodes: n, arcs: m, start, adj, to: this.to.subarray(0, m), tail: this.tail.subarray(0, m), cap: this.cap.slice(0, m), cost: this.cost.subarray(0, m) };
  }
}

export interface FlowNetwork {
  readonly nodes: number;
  readonly arcs: number;
  /** Arcs of node v are adj[start[v] .. start[v + 1]). */
  readonly start: Int32Array;
  readonly adj: Int32Array;
  readonly to: Int32Array;
  readonly tail: Int32Array;
  /** Residual capacities (changed by the solver). */
  readonly cap: Int32Array;
  readonly cost: Float64Array;
}

export interface FlowResult {
  /** Flow on each edge index returned by addEdge (read flow[e] for forward arc e). */
  readonly flow: Int32Array;
  readonly value: number;
  readonly cost: number;
  /** Number of augmenting paths (Dijkstra runs that found the sink). */
  readonly augmentations: number;
}

/** Binary min-heap of (key, node) with lazy deletion. */
class Heap {
  keys = new Float64Array(64);
  vals = new Int32Array(64);
  size = 0;
  push(k: number, v: number): void {
    if (this.size === this.keys.length) {
      const k2 = new Float64Array(this.size * 2);
      k2.set(this.keys);
      const v2 = new Int32Array(this.size * 2);
      v2.set(this.vals);
      this.keys = k2;
      this.vals = v2;
    }
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.keys[p] <= k) break;
      this.keys[i] = this.keys[p];
      this.vals[i] = this.vals[p];
      i = p;
    }
    this.keys[i] = k;
    this.vals[i] = v;
  }
  /** Pops the minimum; returns its node (its key is left in `top`). */
  top = 0;
  pop(): number {
    const v = this.vals[0];
    this.top = this.keys[0];
    const k = this.keys[--this.size];
    const x = this.vals[this.size];
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= this.size) break;
      if (c + 1 < this.size && this.keys[c + 1] < this.keys[c]) c++;
      if (this.keys[c] >= k) break;
      this.keys[i] = this.keys[c];
      this.vals[i] = this.vals[c];
      i = c;
    }
    this.keys[i] = k;
    this.vals[i] = x;
    return v;
  }
}

export function minCostFlow(net: FlowNetwork, source: number, sink: number, mode: "min-cost" | "max-flow"): FlowResult {
  const { nodes: n, start, adj, to, cap, cost } = net;
  const cap0 = cap.slice();
  // initial potentials: shortest distances from the source in index (topological) order
  const pot = new Float64Array(n).fill(Infinity);
  pot[source] = 0;
  for (let u = 0; u < n; u++) {
    if (pot[u] === Infinity) continue;
    for (let q = start[u]; q < start[u + 1]; q++) {
      const e = adj[q];
      if (cap[e] > 0 && pot[u] + cost[e] < pot[to[e]]) pot[to[e]] = pot[u] + cost[e];
    }
  }
  let maxPot = 0;
  for (let v = 0; v < n; v++) if (pot[v] !== Infinity && pot[v] > maxPot) maxPot = pot[v];
  for (let v = 0; v < n; v++) if (pot[v] === Infinity) pot[v] = maxPot; // unreachable nodes: any finite value
  const dist = new Float64Array(n);
  const done = new Uint8Array(n);
  const prevArc = new Int32Array(n);
  const touched = new Int32Array(n);
  dist.fill(Infinity);
  const heap = new Heap();
  let value = 0;
  let total = 0;
  let augmentations = 0;
  for (;;) {
    let nTouched = 0;
    heap.size = 0;
    dist[source] = 0;
    touched[nTouched++] = source;
    heap.push(0, source);
    let dSink = Infinity;
    while (heap.size > 0) {
      const u = heap.pop();
      const du = heap.top;
      if (done[u] === 1 || du > dist[u]) continue;
      done[u] = 1;
      if (u === sink) {
        dSink = du;
        break;
      }
      const pu = pot[u];
      for (let q = start[u]; q < start[u + 1]; q++) {
        const e = adj[q];
        if (cap[e] <= 0) continue;
        const v = to[e];
        if (done[v] === 1) continue;
        let rc = cost[e] + pu - pot[v];
        if (rc < 0) rc = 0; // rounding: reduced costs are ≥ 0 in exact arithmetic
        const nd = du + rc;
        if (nd < dist[v]) {
          if (dist[v] === Infinity) touched[nTouched++] = v;
          dist[v] = nd;
          prevArc[v] = e;
          heap.push(nd, v);
        }
      }
    }
    if (dSink === Infinity) {
      for (let k = 0; k < nTouched; k++) {
        const v = touched[k];
        dist[v] = Infinity;
        done[v] = 0;
      }
      break;
    }
    // potentials: settled nodes by their distance, the rest by the sink's (keeps reduced costs ≥ 0)
    for (let k = 0; k < nTouched; k++) {
      const v = touched[k];
      pot[v] += done[v] === 1 ? dist[v] : dSink;
    }
    // untouched nodes also move by dSink; do it lazily by shifting touched ones back instead:
    // π'(v) = π(v) + min(dist(v), dSink) − dSink leaves reduced costs unchanged and untouched nodes fixed.
    for (let k = 0; k < nTouched; k++) pot[touched[k]] -= dSink;
    const pathCost = pot[sink] - pot[source];
    if (mode === "min-cost" && pathCost >= 0) {
      for (let k = 0; k < nTouched; k++) {
        const v = touched[k];
        dist[v] = Infinity;
        done[v] = 0;
      }
      break;
    }
    let push = Infinity;
    for (let v = sink; v !== source; v = net.tail[prevArc[v]]) push = Math.min(push, cap[prevArc[v]]);
    for (let v = sink; v !== source; v = net.tail[prevArc[v]]) {
      const e = prevArc[v];
      cap[e] -= push;
      cap[e ^ 1] += push;
      total += push * cost[e];
    }
    value += push;
    augmentations++;
    for (let k = 0; k < nTouched; k++) {
      const v = touched[k];
      dist[v] = Infinity;
      done[v] = 0;
    }
  }
  const flow = new Int32Array(net.arcs);
  for (let e = 0; e < net.arcs; e += 2) flow[e] = cap0[e] - cap[e];
  return { flow, value, cost: total, augmentations };
}
