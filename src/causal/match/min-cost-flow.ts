/**
 * Minimum-cost circulation on a sparse network, by successive shortest paths with node potentials added
 * one supply node at a time, as the Hungarian algorithm adds one row at a time (Edmonds & Karp 1972,
 * J ACM 19:248–264, doi:10.1145/321694.321699; Ahuja, Magnanti & Orlin 1993, "Network Flows", §9.7 and
 * §12.4).
 *
 * The network has a source s whose arcs s → v (possibly of negative cost) are switched on node by node
 * (`activate`), and any other arcs (including a free return arc sink → s, so that the flow value is
 * part of the optimisation). Invariant: every residual arc except the arcs s → v of the node just switched
 * on has a reduced cost c_π(u, w) = c(u, w) + π(u) − π(w) ≥ 0, i.e. the current circulation is of minimum
 * cost for the nodes switched on so far. Switching on v: π(v) is set so that v's own arcs have c_π ≥ 0;
 * then, while the cheapest residual arc s → v has c_π < 0, Dijkstra's algorithm (binary heap) from v
 * finds the shortest path back to s; if the cycle s → v ⇝ s has negative cost the flow is pushed round
 * it, and the potentials of the nodes settled are updated so that the invariant holds again. Each
 * Dijkstra run only visits nodes closer to v than s, so on a sparse, local network (pairs within a
 * caliper) the work stays near v. Cost: O((F + N) · E log V) in the worst case for F units of flow and N
 * nodes switched on; E arcs, V nodes.
 *
 * Written by hand because no maintained JavaScript library solves min-cost flow on a sparse graph.
 * Kernel: never throws; preconditions (checked by the callers): capacities are non-negative integers,
 * costs finite, and before any node is switched on every residual arc has c_π ≥ 0 for the potentials
 * given (`initialPotential`).
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

  /** Adds the arc u → v with capacity and cost; returns its edge index (its residual twin is index ^ 1). */
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
  /** Units pushed out of the source. */
  readonly value: number;
  readonly cost: number;
  /** Number of negative cycles cancelled (Dijkstra runs that improved the flow). */
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

export function minCostCirculation(net: FlowNetwork, source: number, activate: Int32Array, initialPotential: Float64Array): FlowResult {
  const { nodes: n, start, adj, to, cap, cost } = net;
  const cap0 = cap.slice();
  const pot = Float64Array.from(initialPotential);
  const dist = new Float64Array(n).fill(Infinity);
  const done = new Uint8Array(n);
  const prevArc = new Int32Array(n);
  const touched = new Int32Array(n);
  const heap = new Heap();
  let augmentations = 0;
  let value = 0;
  for (const v of activate) {
    // π(v): the least value that makes every residual arc out of v non-negative
    let pv = -Infinity;
    for (let q = start[v]; q < start[v + 1]; q++) {
      const e = adj[q];
      if (cap[e] > 0 && to[e] !== source) pv = Math.max(pv, pot[to[e]] - cost[e]);
    }
    if (pv === -Infinity) continue;
    pot[v] = pv;
    for (;;) {
      // the cheapest residual arc s → v
      let sv = -1;
      let rcSv = Infinity;
      for (let q = start[v]; q < start[v + 1]; q++) {
        if (to[adj[q]] !== source) continue;
        const e = adj[q] ^ 1; // the arc s → v whose residual twin this is
        if ((e & 1) === 1 || cap[e] <= 0) continue;
        const rc = cost[e] + pot[source] - pot[v];
        if (rc < rcSv) {
          rcSv = rc;
          sv = e;
        }
      }
      if (sv < 0 || rcSv >= 0) break;
      let nTouched = 0;
      heap.size = 0;
      dist[v] = 0;
      touched[nTouched++] = v;
      heap.push(0, v);
      let dS = Infinity;
      let maxSettled = 0;
      while (heap.size > 0) {
        const u = heap.pop();
        const du = heap.top;
        if (done[u] === 1 || du > dist[u]) continue;
        done[u] = 1;
        maxSettled = du;
        if (u === source) {
          dS = du;
          break;
        }
        const pu = pot[u];
        for (let q = start[u]; q < start[u + 1]; q++) {
          const e = adj[q];
          if (cap[e] <= 0) continue;
          const w = to[e];
          if (done[w] === 1) continue;
          let rc = cost[e] + pu - pot[w];
          if (rc < 0) rc = 0; // rounding: reduced costs are ≥ 0 in exact arithmetic
          const nd = du + rc;
          if (nd < dist[w]) {
            if (dist[w] === Infinity) touched[nTouched++] = w;
            dist[w] = nd;
            prevArc[w] = e;
            heap.push(nd, w);
          }
        }
      }
      const reached = dS !== Infinity;
      const D = reached ? dS : Math.max(maxSettled, -rcSv);
      for (let k = 0; k < nTouched; k++) {
        const w = touched[k];
        if (done[w] === 1) pot[w] += dist[w] - D;
      }
      const cycle = rcSv + D; // reduced = real cost of the cycle s → v ⇝ s
      const improve = reached && cycle < 0;
      if (improve) {
        let push = cap[sv];
        for (let w = source; w !== v; w = net.tail[prevArc[w]]) push = Math.min(push, cap[prevArc[w]]);
        cap[sv] -= push;
        cap[sv ^ 1] += push;
        for (let w = source; w !== v; w = net.tail[prevArc[w]]) {
          const e = prevArc[w];
          cap[e] -= push;
          cap[e ^ 1] += push;
        }
        value += push;
        augmentations++;
      }
      for (let k = 0; k < nTouched; k++) {
        const w = touched[k];
        dist[w] = Infinity;
        done[w] = 0;
      }
      if (!improve) break;
    }
  }
  const flow = new Int32Array(net.arcs);
  let total = 0;
  for (let e = 0; e < net.arcs; e += 2) {
    flow[e] = cap0[e] - cap[e];
    total += flow[e] * cost[e];
  }
  return { flow, value, cost: total, augmentations };
}
