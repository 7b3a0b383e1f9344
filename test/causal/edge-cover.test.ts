/**
 * Minimum-cost edge cover by reduction to a maximum-weight matching (src/causal/match/edge-cover.ts), the
 * kernel of full matching without bounds: against brute-force enumeration of all edge subsets on small
 * random bipartite graphs with arbitrary costs (not only |d_i − d_j|), and, on larger 1-D data, against
 * the minimum-cost flow on the whole caliper network (full matching with a bound that never binds).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { matchFull } from "../../src/causal/match.js";
import { minCostEdgeCover } from "../../src/causal/match/edge-cover.js";
import { expectClose } from "../helpers/expect-close.js";
import { assertProperty, property } from "../helpers/property.js";

/** Least cost over all edge subsets that cover every vertex with an edge (m ≤ 12). */
function bruteCover(eu: number[], ev: number[], cost: number[]): number {
  const m = eu.length;
  const needU = new Set(eu);
  const needV = new Set(ev);
  let best = Infinity;
  for (let mask = 0; mask < 1 << m; mask++) {
    const cu = new Set<number>();
    const cv = new Set<number>();
    let c = 0;
    for (let k = 0; k < m; k++) {
      if ((mask >> k) & 1) {
        cu.add(eu[k]);
        cv.add(ev[k]);
        c += cost[k];
      }
    }
    if (cu.size === needU.size && cv.size === needV.size && c < best) best = c;
  }
  return best;
}

const graph = fc
  .record({ nU: fc.integer({ min: 1, max: 4 }), nV: fc.integer({ min: 1, max: 5 }) })
  .chain(({ nU, nV }) =>
    fc
      .uniqueArray(fc.record({ u: fc.integer({ min: 0, max: nU - 1 }), v: fc.integer({ min: 0, max: nV - 1 }), c: fc.integer({ min: 0, max: 20 }) }), {
        minLength: 1,
        maxLength: 12,
        selector: (e) => `${e.u},${e.v}`,
      })
      .map((edges) => ({ nU, nV, edges })),
  );

describe("minCostEdgeCover equals brute-force enumeration", () => {
  it("covers every vertex that has an edge, at the least total cost (integer costs with ties)", () => {
    assertProperty(
      property(graph, ({ nU, nV, edges }) => {
        const eu = edges.map((e) => e.u);
        const ev = edges.map((e) => e.v);
        const cost = edges.map((e) => e.c / 4);
        const r = minCostEdgeCover(nU, nV, Int32Array.from(eu), Int32Array.from(ev), Float64Array.from(cost), edges.length);
        const kept = Array.from(r.edges);
        expect(new Set(kept.map((k) => eu[k]))).toEqual(new Set(eu));
        expect(new Set(kept.map((k) => ev[k]))).toEqual(new Set(ev));
        expectClose(
          kept.reduce((s, k) => s + cost[k], 0),
          bruteCover(eu, ev, cost),
          { abs: 1e-12 },
          "cover cost",
        );
      }),
      { seed: 1616, numRuns: 300 },
    );
  });

  it("a path a–x–b–y: the two end edges, not the cheap middle one", () => {
    // u0–v0 (1), u1–v0 (0.5), u1–v1 (1): covering v1 needs u1–v1, u0 needs u0–v0; the middle edge is not needed
    const r = minCostEdgeCover(2, 2, Int32Array.from([0, 1, 1]), Int32Array.from([0, 0, 1]), Float64Array.from([1, 0.5, 1]), 3);
    expect(Array.from(r.edges)).toEqual([0, 2]);
  });
});

/** Deterministic 1-D data: treated logit ~ N(−0.5, 1), controls ~ N(−1, 1) (LCG + Box–Muller). */
function data(n1: number, n0: number, seed: number): { treat: Int32Array; ps: Float64Array } {
  let state = seed >>> 0;
  const u = (): number => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return (state + 0.5) / 4294967296;
  };
  const treat = new Int32Array(n1 + n0);
  const ps = new Float64Array(n1 + n0);
  for (let i = 0; i < n1 + n0; i++) {
    treat[i] = i < n1 ? 1 : 0;
    const z = Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
    ps[i] = 1 / (1 + Math.exp(-((i < n1 ? -0.5 : -1) + z)));
  }
  return { treat, ps };
}

describe("full matching without bounds (edge cover) equals the minimum-cost flow on the whole network", () => {
  for (const [n1, n0, caliper, seed] of [
    [60, 240, 0.2, 1],
    [150, 150, 0.1, 2],
    [200, 80, 0.25, 3],
    [40, 400, undefined, 4],
  ] as const) {
    it(`${n1} treated, ${n0} controls, caliper ${caliper ?? "none"}`, () => {
      const { treat, ps } = data(n1, n0, seed);
      const input = { treat, distance: ps };
      const cover = matchFull(input, { distance: "logit", caliper });
      // a maximum that cannot bind sends the problem through the flow network with its bounds
      const flow = matchFull(input, { distance: "logit", caliper, maxControls: n0 + 1 });
      expect(cover.subclass.filter((s) => s !== null).length).toBe(flow.subclass.filter((s) => s !== null).length);
      expectClose(cover.objective!, flow.objective!, { abs: 1e-10 }, "total distance");
      expect(cover.objective!).toBeGreaterThan(0);
    });
  }
});

describe("minCostEdgeCover edge cases", () => {
  it("returns no edge for an empty graph and the only edge for a single pair", () => {
    expect(Array.from(minCostEdgeCover(2, 3, new Int32Array(0), new Int32Array(0), new Float64Array(0), 0).edges)).toEqual([]);
    expect(Array.from(minCostEdgeCover(1, 1, Int32Array.from([0]), Int32Array.from([0]), Float64Array.from([0]), 1).edges)).toEqual([0]);
  });
});
