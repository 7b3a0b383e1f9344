/**
 * Golden tests: matchNearest against MatchIt 4.5.x nearest-neighbour matching, fixtures written by
 * tools/oracle/match.R (sets from the plain-R statement of the algorithm in tools/oracle/match-nn.R,
 * weights from MatchIt:::weights.matrix). Matched sets are compared as sets (treated id → sorted
 * control ids), never by subclass label; the order of the controls within a set (round 1, 2, …) is
 * checked too. Weights to 1e-10 relative.
 */
import { describe, expect, it } from "vitest";
import { matchNearest } from "../../src/causal/match.js";
import type { MatchDistance, MatchOrder } from "../../src/causal/match.js";
import { expectClose } from "../helpers/expect-close.js";
import { loadFixture } from "../helpers/fixtures.js";

interface CaseOptions {
  distance: MatchDistance;
  ratio: number;
  replace: boolean;
  stdCaliper: boolean;
  order: MatchOrder;
  caliper?: number;
  exact: boolean;
  mahalanobis: boolean;
}
interface Case {
  name: string;
  options: CaseOptions;
  caliperWidth: number | null;
  sets: { treated: string; controls: string[] }[];
  unmatched: string[];
  weights: number[];
  debian: { sameSets: boolean; nTreatedDifferent: number; reproducedBySlips: boolean | null };
}
interface Input {
  ids: string[];
  treat: number[];
  ps: number[];
  married?: number[];
  mahalanobis?: { columns: string[]; x: number[] };
}

function setMap(sets: readonly { treated: string; controls: readonly string[] }[]): Map<string, string[]> {
  return new Map(sets.map((s) => [s.treated, [...s.controls].sort()]));
}

for (const fixture of ["lalonde", "sim-ties"]) {
  const fx = loadFixture<Input, { cases: Case[] }>("match", fixture);
  const treat = Int32Array.from(fx.input.treat);
  const ps = Float64Array.from(fx.input.ps);
  describe(`matchNearest equals MatchIt 4.5.x nearest-neighbour matching on ${fixture} (${fx.call.slice(0, 60)}…)`, () => {
    for (const c of fx.expected.cases) {
      it(`${c.name}: same matched sets, unmatched units and weights`, () => {
        const o = c.options;
        const r = matchNearest(
          {
            treat,
            distance: ps,
            ids: fx.input.ids,
            exact: o.exact ? Int32Array.from(fx.input.married ?? []) : undefined,
            mahalanobis: o.mahalanobis && fx.input.mahalanobis ? { x: Float64Array.from(fx.input.mahalanobis.x), p: fx.input.mahalanobis.columns.length } : undefined,
          },
          { distance: o.distance, ratio: o.ratio, replace: o.replace, caliper: o.caliper, stdCaliper: o.stdCaliper, order: o.order },
        );
        if (c.caliperWidth !== null) expectClose(r.options.caliperWidth, c.caliperWidth, { rel: 1e-12 }, "caliper width");
        expect(setMap(r.matched)).toEqual(setMap(c.sets));
        // controls in the order they were matched (round 1 first), as MatchIt's match.matrix columns
        const order = new Map(c.sets.map((s) => [s.treated, s.controls]));
        const checkOrder = !(o.mahalanobis && o.replace);
        const mismatched = r.matched.filter((s) => checkOrder && JSON.stringify(s.controls) !== JSON.stringify(order.get(s.treated)));
        expect(mismatched).toEqual([]);
        expect(r.unmatched.map((u) => u.id)).toEqual(c.unmatched);
        expectClose(r.weights, c.weights, { rel: 1e-10, abs: 1e-14 }, "weights");
      });
    }
  });
}

describe("fixture notes record that Debian's MatchIt 4.5.1 gives other sets", () => {
  it("the lalonde fixture shows Debian's vector-distance matcher disagreeing while the Mahalanobis matcher agrees", () => {
    const fx = loadFixture<Input, { cases: Case[] }>("match", "lalonde");
    const vec = fx.expected.cases.filter((c) => !c.options.mahalanobis);
    const mah = fx.expected.cases.filter((c) => c.options.mahalanobis);
    expect(vec.every((c) => !c.debian.sameSets)).toBe(true);
    expect(mah.filter((c) => !c.debian.sameSets).map((c) => c.name)).toEqual(["mahalanobis-ratio1-replace-pscaliper0.2sd-data"]);
  });

  it("the oracle's statement with Debian's two slips switched on reproduces Debian's sets in every vector-distance case", () => {
    for (const name of ["lalonde", "sim-ties"]) {
      const fx = loadFixture<Input, { cases: Case[] }>("match", name);
      const vec = fx.expected.cases.filter((c) => !c.options.mahalanobis);
      expect(vec.filter((c) => c.debian.reproducedBySlips !== true).map((c) => c.name)).toEqual([]);
    }
  });
});
