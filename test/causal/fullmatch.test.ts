/**
 * Optimal full matching and caliper optimal pair matching (src/causal/match/full.ts, min-cost-flow.ts):
 * against the base-R oracle (tools/oracle/fullmatch.R → test/fixtures/fullmatch/*.json: total distance,
 * subclasses where the optimum is unique, MatchIt:::weights.subclass weights) and against brute-force
 * enumeration of all partitions (full) or assignments (pair) on tiny random data, in this file.
 */
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { matchFull, matchOptimal } from "../../src/causal/match.js";
import type { MatchResult } from "../../src/causal/match.js";
import { FlowNetworkBuilder, minCostCirculation } from "../../src/causal/match/min-cost-flow.js";
import { weightsFromSubclass } from "../../src/causal/match/subclass-weights.js";
import { isSurvinferError } from "../../src/errors.js";
import { expectClose } from "../helpers/expect-close.js";
import { assertProperty, property } from "../helpers/property.js";

const T = (a: number[]): Int32Array => Int32Array.from(a);
const D = (a: number[]): Float64Array => Float64Array.from(a);

interface FullFixture {
  call: string;
  input: {
    treat: number[];
    ps: number[];
    distance: "ps" | "logit";
    caliper: number | null;
    stdCaliper: boolean;
    method: "full" | "pair";
    estimand: "ATT" | "ATC" | "ATE";
    minControls: number;
    maxControls: number | null;
    ratio: number;
  };
  expected: { objective: number; unique: boolean; subclass: (number | null)[]; weights: number[] | null; matchedTreated: number; matchedControls: number };
}

const dir = join(dirname(fileURLToPath(import.meta.url)), "..", "fixtures", "fullmatch");
const cases = readdirSync(dir).filter((f) => f.endsWith(".json")).sort();

/** Relabels subclasses 1, 2, … in order of first appearance (as the oracle's canon()). */
function canon(sub: readonly (number | null)[]): (number | null)[] {
  const seen = new Map<number, number>();
  return sub.map((s) => {
    if (s === null) return null;
    if (!seen.has(s)) seen.set(s, seen.size + 1);
    return seen.get(s)!;
  });
}

function run(f: FullFixture): Readonly<MatchResult> {
  const i = f.input;
  const input = { treat: T(i.treat), distance: D(i.ps) };
  const caliper = i.caliper ?? undefined;
  if (i.method === "pair") return matchOptimal(input, { distance: i.distance, ratio: i.ratio, caliper, stdCaliper: i.stdCaliper });
  return matchFull(input, { distance: i.distance, estimand: i.estimand, caliper, stdCaliper: i.stdCaliper, minControls: i.minControls, maxControls: i.maxControls ?? Infinity });
}

describe("full and caliper optimal matching against the base-R oracle (tools/oracle/fullmatch.R)", () => {
  it("has fixtures", () => expect(cases.length).toBeGreaterThanOrEqual(10));
  for (const file of cases) {
    const f = JSON.parse(readFileSync(join(dir, file), "utf8")) as FullFixture;
    it(`${file}: ${f.call.slice(0, 60)}…`, () => {
      const r = run(f);
      expectClose(r.objective!, f.expected.objective, { abs: 1e-10 }, "total distance");
      const sub = r.subclass;
      expect(sub.filter((s, i) => s !== null && f.input.treat[i] === 1).length).toBe(f.expected.matchedTreated);
      expect(sub.filter((s, i) => s !== null && f.input.treat[i] === 0).length).toBe(f.expected.matchedControls);
      if (f.expected.unique) expect(canon(sub)).toEqual(f.expected.subclass);
      if (f.expected.weights !== null) {
        // MatchIt's weight formula on R's subclasses
        expectClose(weightsFromSubclass(T(f.input.treat), f.expected.subclass, f.input.estimand), f.expected.weights, { rel: 1e-12, abs: 1e-14 }, "weights on R's subclasses");
        if (f.expected.unique) expectClose(r.weights, f.expected.weights, { rel: 1e-12, abs: 1e-14 }, "weights");
      }
    });
  }
});

/** Brute force: all set partitions; a block is one unit (unmatched) or one focal + ≥ 1 others or one other + ≥ 1 focal. */
function bruteFull(treat: number[], d: number[], width: number, maxOthers: number, maxFocal: number): { matched: number; cost: number } {
  const n = treat.length;
  const a = new Array<number>(n).fill(0);
  let best = { matched: -1, cost: Infinity };
  const rec = (k: number, mx: number): void => {
    if (k === n) {
      let matched = 0;
      let cost = 0;
      for (let b = 0; b <= mx; b++) {
        const u = a.flatMap((x, i) => (x === b ? [i] : []));
        if (u.length <= 1) continue;
        const f = u.filter((i) => treat[i] === 1);
        const o = u.filter((i) => treat[i] === 0);
        if (f.length === 0 || o.length === 0 || (f.length > 1 && o.length > 1) || o.length > maxOthers || f.length > maxFocal) return;
        for (const i of f) {
          for (const j of o) {
            const c = Math.abs(d[i] - d[j]);
            if (c > width) return;
            cost += c;
          }
        }
        matched += u.length;
      }
      if (matched > best.matched || (matched === best.matched && cost < best.cost)) best = { matched, cost };
      return;
    }
    for (let v = 0; v <= mx + 1; v++) {
      a[k] = v;
      rec(k + 1, Math.max(mx, v));
    }
  };
  a[0] = 0;
  rec(1, 0);
  return best;
}

/** Brute force 1:1: every injective partial assignment of controls to treated; most pairs, then least cost. */
function brutePair(treat: number[], d: number[], width: number): { pairs: number; cost: number } {
  const t = treat.flatMap((x, i) => (x === 1 ? [i] : []));
  const c = treat.flatMap((x, i) => (x === 0 ? [i] : []));
  const used = new Array<boolean>(c.length).fill(false);
  let best = { pairs: -1, cost: Infinity };
  const rec = (k: number, pairs: number, cost: number): void => {
    if (k === t.length) {
      if (pairs > best.pairs || (pairs === best.pairs && cost < best.cost)) best = { pairs, cost };
      return;
    }
    rec(k + 1, pairs, cost);
    for (let j = 0; j < c.length; j++) {
      const e = Math.abs(d[t[k]] - d[c[j]]);
      if (used[j] || e > width) continue;
      used[j] = true;
      rec(k + 1, pairs + 1, cost + e);
      used[j] = false;
    }
  };
  rec(0, 0, 0);
  return best;
}

const tiny = fc
  .array(fc.record({ t: fc.integer({ min: 0, max: 1 }), e: fc.integer({ min: 1, max: 999 }) }), { minLength: 3, maxLength: 8 })
  .filter((u) => u.some((x) => x.t === 1) && u.some((x) => x.t === 0));

describe("full matching equals brute-force enumeration of all partitions", () => {
  it("total distance and units matched, with and without caliper and size bounds", () => {
    assertProperty(
      property(tiny, fc.constantFrom(Infinity, 0.15), fc.constantFrom(Infinity, 1, 2), fc.constantFrom(0, 0.5, 1), (units, width, maxControls, minControls) => {
        const treat = units.map((u) => u.t);
        const d = units.map((u) => u.e / 1000);
        const r = matchFull({ treat: T(treat), distance: D(d) }, { caliper: Number.isFinite(width) ? width : undefined, stdCaliper: false, maxControls, minControls });
        const b = bruteFull(treat, d, width, maxControls, minControls === 0 ? Infinity : Math.round(1 / minControls));
        expect(r.subclass.filter((s) => s !== null).length).toBe(b.matched);
        expectClose(r.objective!, b.cost, { abs: 1e-10 }, "total distance");
        // every subclass is a star within the caliper and bounds
        for (const s of r.subclasses!) {
          expect(s.treated.length === 1 || s.controls.length === 1).toBe(true);
          expect(s.controls.length).toBeLessThanOrEqual(s.treated.length === 1 ? maxControls : 1);
        }
      }),
      { seed: 16, numRuns: 150 },
    );
  });
});

describe("optimal 1:1 matching with a caliper equals brute-force enumeration", () => {
  it("matches the most treated possible at the least total distance", () => {
    assertProperty(
      property(tiny, fc.constantFrom(0.05, 0.1, 0.3), (units, width) => {
        const treat = units.map((u) => u.t);
        const d = units.map((u) => u.e / 1000);
        const r = matchOptimal({ treat: T(treat), distance: D(d) }, { caliper: width, stdCaliper: false });
        const b = brutePair(treat, d, width);
        expect(r.steps.treatedMatched).toBe(b.pairs);
        expectClose(r.objective!, b.pairs === 0 ? 0 : b.cost, { abs: 1e-10 }, "total distance");
        expect(r.steps.treatedUnmatched).toBe(r.steps.treated - b.pairs);
      }),
      { seed: 17, numRuns: 150 },
    );
  });

  it("without a binding caliper, gives the same total distance as the Hungarian algorithm", () => {
    const treat = T([1, 0, 1, 0, 0, 1, 0, 0]);
    const ps = D([0.61, 0.2, 0.4, 0.55, 0.33, 0.8, 0.7, 0.45]);
    const h = matchOptimal({ treat, distance: ps });
    const f = matchOptimal({ treat, distance: ps }, { caliper: 100 });
    expectClose(f.objective!, h.objective!, { abs: 1e-12 }, "objective");
  });
});

describe("full matching by hand", () => {
  // ps: 1 (T) .30, 2 (T) .35, 3 (C) .32, 4 (T) .70, 5 (C) .68, 6 (C) .75
  // best: {1, 2 | 3} costs .02 + .03; {4 | 5, 6} costs .02 + .05; total .12
  const treat = T([1, 1, 0, 1, 0, 0]);
  const ps = D([0.3, 0.35, 0.32, 0.7, 0.68, 0.75]);
  it("forms the two stars and MatchIt's ATT, ATE and ATC weights", () => {
    const r = matchFull({ treat, distance: ps });
    expect(r.subclasses).toEqual([
      { subclass: 1, treated: ["1", "2"], controls: ["3"] },
      { subclass: 2, treated: ["4"], controls: ["5", "6"] },
    ]);
    expectClose(r.objective!, 0.12, { abs: 1e-14 }, "objective");
    // ATT: controls n1s/n0s = 2, .5, .5, sum 3 = number of controls: no rescaling
    expectClose(r.weights, [1, 1, 2, 1, 0.5, 0.5], { rel: 1e-14 });
    // ATE: treated ns/n1s = 1.5, 1.5, 3 rescaled to sum 3 → .75, .75, 1.5; controls 3, 1.5, 1.5 → 1.5, .75, .75
    expectClose(matchFull({ treat, distance: ps }, { estimand: "ATE" }).weights, [0.75, 0.75, 1.5, 1.5, 0.75, 0.75], { rel: 1e-14 });
    // maxControls = 1 forbids {4 | 5, 6}: 6 goes with 4 only if 5 pairs elsewhere, else one control is left out
    const m1 = matchFull({ treat, distance: ps }, { maxControls: 1, minControls: 1 });
    expect(m1.subclasses!.every((s) => s.treated.length === 1 && s.controls.length === 1)).toBe(true);
  });
  it("the matched list keeps the contract: one entry per matched treated unit with its subclass's controls", () => {
    const r = matchFull({ treat, distance: ps });
    expect(r.matched).toEqual([
      { subclass: 1, treated: "1", controls: ["3"] },
      { subclass: 1, treated: "2", controls: ["3"] },
      { subclass: 2, treated: "4", controls: ["5", "6"] },
    ]);
  });
  it("rejects unsupported bounds with a typed error", () => {
    const code = (f: () => unknown): string | undefined => {
      try {
        f();
      } catch (e) {
        return isSurvinferError(e) ? e.code : "other";
      }
      return undefined;
    };
    expect(code(() => matchFull({ treat, distance: ps }, { minControls: 2 }))).toBe("OPTION_INVALID");
    expect(code(() => matchFull({ treat, distance: ps }, { minControls: 0.4 }))).toBe("OPTION_INVALID");
    expect(code(() => matchFull({ treat, distance: ps }, { maxControls: 0.5 }))).toBe("OPTION_INVALID");
    expect(code(() => matchFull({ treat, distance: ps }, { estimand: "ATO" as "ATT" }))).toBe("OPTION_INVALID");
  });
});

describe("min-cost circulation kernel", () => {
  it("solves a small transportation problem by hand", () => {
    // s=0 → a=1, b=2 (cap 1, reward −10 each); a→c=3 cost 1, a→d=4 cost 3, b→c cost 2, b→d cost 5;
    // c,d → t=5 cap 1; t → s free. Both units flow: a→d + b→c = 5 beats a→c + b→d = 6.
    const b = new FlowNetworkBuilder(6);
    b.addEdge(0, 1, 1, -10);
    b.addEdge(0, 2, 1, -10);
    const ac = b.addEdge(1, 3, 1, 1);
    const ad = b.addEdge(1, 4, 1, 3);
    b.addEdge(2, 3, 1, 2);
    b.addEdge(2, 4, 1, 5);
    b.addEdge(3, 5, 1, 0);
    b.addEdge(4, 5, 1, 0);
    b.addEdge(5, 0, 10, 0);
    const r = minCostCirculation(b.build(), 0, Int32Array.from([1, 2]), new Float64Array(6));
    expect(r.value).toBe(2);
    expectClose(r.cost, -20 + 5, { abs: 1e-14 }, "cost");
    expect([r.flow[ac], r.flow[ad]]).toEqual([0, 1]);
  });
  it("leaves a unit out when its reward does not pay for its cheapest route", () => {
    // s → a (reward −2, cap 3); a → t by arcs of cost 1, then 4: only the first pays
    const b = new FlowNetworkBuilder(3);
    b.addEdge(0, 1, 3, -2);
    b.addEdge(1, 2, 1, 1);
    b.addEdge(1, 2, 2, 4);
    b.addEdge(2, 0, 5, 0);
    const r = minCostCirculation(b.build(), 0, Int32Array.from([1]), new Float64Array(3));
    expect(r.value).toBe(1);
    expectClose(r.cost, -1, { abs: 1e-14 }, "cost");
  });
});
