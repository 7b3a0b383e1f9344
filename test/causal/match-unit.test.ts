/**
 * Hand-derived cases and properties for matchNearest / matchOptimal. Every expected value below is
 * worked out in the comment next to it.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { matchNearest, matchOptimal } from "../../src/causal/match.js";
import { isSurvinferError } from "../../src/errors.js";
import { expectClose } from "../helpers/expect-close.js";
import { assertProperty, property } from "../helpers/property.js";

const T = (a: number[]): Int32Array => Int32Array.from(a);
const D = (a: number[]): Float64Array => Float64Array.from(a);

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return isSurvinferError(e) ? e.code : "not a SurvinferError";
  }
  return undefined;
}

describe("matchNearest on hand-worked data", () => {
  // units (id = row):   1     2     3     4     5     6
  // treat:              1     0     0     1     0     1
  // ps:               0.70  0.65  0.20  0.30  0.35  0.50
  const treat = T([1, 0, 0, 1, 0, 1]);
  const ps = D([0.7, 0.65, 0.2, 0.3, 0.35, 0.5]);

  it("visits the largest score first and takes the nearest control on either side", () => {
    // largest first: 1 (0.70) → 2 (0.65, Δ .05); 6 (0.50) → left 5 (Δ .15) vs right none left → 5;
    // 4 (0.30) → 3 (Δ .10), the only control left.
    const r = matchNearest({ treat, distance: ps });
    expect(r.matched.map((s) => [s.treated, s.controls])).toEqual([
      ["1", ["2"]],
      ["4", ["3"]],
      ["6", ["5"]],
    ]);
    expect(r.options.order).toBe("largest");
    expect(r.weights).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it("uses order = smallest to change who gets the contested control", () => {
    // smallest first: 4 (0.30) → 5 (Δ .05); 6 (0.50) → 2 (Δ .15) beats 3 (Δ .30); 1 (0.70) → 3 (Δ .50).
    const r = matchNearest({ treat, distance: ps }, { order: "smallest" });
    expect(r.matched.map((s) => [s.treated, s.controls[0]])).toEqual([
      ["1", "3"],
      ["4", "5"],
      ["6", "2"],
    ]);
  });

  it("applies a caliper in SD units of the distance over all units and says why a unit stayed unmatched", () => {
    // mean 0.45; Σ(d − mean)² = .0625+.04+.0625+.0225+.01+.0025 = .2; SD = √(.2/5) = 0.2; caliper .25 SD = .05.
    // largest first: 1 → 2 (Δ .05 ≤ .05); 6 (0.50): nearest available 5 (Δ .15) > .05 → none;
    // 4 (0.30) → 5 (Δ .05).
    const r = matchNearest({ treat, distance: ps }, { caliper: 0.25 });
    expectClose(r.options.distanceSd, 0.2, { rel: 1e-14 }, "sd");
    expectClose(r.options.caliperWidth, 0.05, { rel: 1e-14 }, "caliper width");
    expect(r.matched.map((s) => [s.treated, s.controls[0]])).toEqual([
      ["1", "2"],
      ["4", "5"],
    ]);
    expect(r.unmatched).toEqual([{ id: "6", reason: "no-control-within-caliper" }]);
    expect(r.steps).toEqual({
      treated: 3,
      controls: 3,
      treatedMatched: 2,
      treatedWithFewerThanRatio: 0,
      treatedUnmatched: 1,
      unmatchedByReason: { "no-control-in-exact-stratum": 0, "no-control-within-caliper": 1, "controls-exhausted": 0 },
      controlsMatched: 2,
      controlsUnused: 1,
    });
    expect(r.weights).toEqual([1, 1, 0, 1, 1, 0]);
  });

  it("reports controls-exhausted when a control within the caliper was taken earlier", () => {
    // treated 0.50 and 0.52, one control 0.51; caliper .05 raw: 0.52 (largest) takes it, 0.50 is left.
    const r = matchNearest({ treat: T([1, 1, 0, 0]), distance: D([0.5, 0.52, 0.51, 0.9]) }, { caliper: 0.05, stdCaliper: false });
    expect(r.unmatched).toEqual([{ id: "1", reason: "controls-exhausted" }]);
  });

  it("breaks an equal-distance tie towards the lower control, as MatchIt's left-first rule", () => {
    // treated 0.5; controls 0.4 and 0.6 are equally far: the left (lower) one wins.
    const r = matchNearest({ treat: T([0, 1, 0]), distance: D([0.6, 0.5, 0.4]) });
    expect(r.matched[0].controls).toEqual(["3"]);
  });

  it("breaks ties among equal scores by sorted position: nearest data row before the treated unit wins", () => {
    // all 0.5; sorted stably: c1, c2, t3, c4. Left scan from t3 meets c2 first (Δ 0 ≤ Δ 0 of c4).
    const r = matchNearest({ treat: T([0, 0, 1, 0]), distance: D([0.5, 0.5, 0.5, 0.5]) });
    expect(r.matched[0].controls).toEqual(["2"]);
  });

  it("gives every treated unit its first control before anyone gets a second (ratio 2)", () => {
    // treated A 0.50 (row 1), B 0.60 (row 2); controls 0.55 (3), 0.62 (4), 0.30 (5), 0.95 (6).
    // round 1, largest first: B → 0.62 (Δ .02); A → 0.55 (Δ .05).
    // round 2: B → left 0.55 used; nearest available left 0.30 (Δ .30) vs right 0.95 (Δ .35) → 0.30;
    //          A → right 0.95 (Δ .45) only one left.
    const r = matchNearest({ treat: T([1, 1, 0, 0, 0, 0]), distance: D([0.5, 0.6, 0.55, 0.62, 0.3, 0.95]) }, { ratio: 2 });
    expect(r.matched.map((s) => [s.treated, s.controls])).toEqual([
      ["1", ["3", "6"]],
      ["2", ["4", "5"]],
    ]);
    // weights: each control 1/2 per set; 4 controls with Σ = 2 → scaled by 4/2: all 1.
    expect(r.weights).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it("computes MatchIt's weights with replacement: 1/k per use, rescaled to the number of distinct controls", () => {
    // treated 0.5, 0.52, 0.9; controls 0.51, 0.8: 0.51 used twice (raw 2), 0.8 once (raw 1);
    // Σ raw = 3 over 2 distinct controls → ×2/3: 4/3 and 2/3.
    const r = matchNearest({ treat: T([1, 1, 1, 0, 0]), distance: D([0.5, 0.52, 0.9, 0.51, 0.8]) }, { replace: true });
    expectClose(r.weights, [1, 1, 1, 4 / 3, 2 / 3], { rel: 1e-14 }, "weights");
    expect(r.subclass).toEqual([null, null, null, null, null]);
  });

  it("matches only inside exact strata and names the reason when a stratum has no control", () => {
    const r = matchNearest({ treat: T([1, 0, 1, 0, 0]), distance: D([0.5, 0.51, 0.6, 0.9, 0.61]), exact: T([1, 2, 2, 2, 3]) });
    expect(r.matched.map((s) => [s.treated, s.controls[0]])).toEqual([["3", "2"]]);
    expect(r.unmatched).toEqual([{ id: "1", reason: "no-control-in-exact-stratum" }]);
  });

  it("matches on the logit of the score with distance = logit", () => {
    // treated 0.9; controls 0.8 (Δp .1, Δlogit 2.197−1.386 = .811) and 0.99 (Δp .09, Δlogit 4.595−2.197 = 2.398)
    const ps2 = D([0.9, 0.8, 0.99]);
    expect(matchNearest({ treat: T([1, 0, 0]), distance: ps2 }).matched[0].controls).toEqual(["3"]);
    expect(matchNearest({ treat: T([1, 0, 0]), distance: ps2 }, { distance: "logit" }).matched[0].controls).toEqual(["2"]);
  });

  it("records the seed of a random order and is reproducible with it", () => {
    const a = matchNearest({ treat, distance: ps }, { order: "random", seed: 7 });
    const b = matchNearest({ treat, distance: ps }, { order: "random", seed: 7 });
    expect(a.options.seed).toBe(7);
    expect(a.matched).toEqual(b.matched);
  });

  it("rejects bad input and conflicting options with stable codes", () => {
    expect(codeOf(() => matchNearest({ treat: T([1, 0]), distance: D([0.5, Number.NaN]) }))).toBe("DATA_MISSING_PS");
    expect(codeOf(() => matchNearest({ treat: T([1, 0]), distance: D([0.5, 1]) }, { distance: "logit" }))).toBe("DATA_PS_OUT_OF_RANGE");
    expect(codeOf(() => matchNearest({ treat: T([1, 2]), distance: D([0.5, 0.4]) }))).toBe("DATA_TREATMENT_NOT_BINARY");
    expect(codeOf(() => matchNearest({ treat: T([1, 1]), distance: D([0.5, 0.4]) }))).toBe("DATA_ONE_GROUP");
    expect(codeOf(() => matchNearest({ treat, distance: ps }, { ratio: 1.5 }))).toBe("OPTION_INVALID");
    expect(codeOf(() => matchNearest({ treat, distance: ps }, { caliper: -1 }))).toBe("OPTION_INVALID");
    expect(codeOf(() => matchNearest({ treat, distance: ps }, { seed: 3 }))).toBe("OPTION_CONFLICT");
    expect(codeOf(() => matchOptimal({ treat, distance: ps }, { caliper: -1 }))).toBe("OPTION_INVALID");
    expect(codeOf(() => matchOptimal({ treat, distance: ps }, { replace: true }))).toBe("OPTION_CONFLICT");
  });
});

describe("matchNearest properties", () => {
  const cohort = fc
    .array(fc.record({ t: fc.integer({ min: 0, max: 1 }), e: fc.integer({ min: 1, max: 40 }) }), { minLength: 2, maxLength: 40 })
    .filter((u) => u.some((x) => x.t === 1) && u.some((x) => x.t === 0));

  it("never uses a control twice without replacement and never exceeds the caliper", () => {
    assertProperty(
      property(cohort, fc.integer({ min: 1, max: 3 }), fc.boolean(), (units, ratio, withCal) => {
        const treat = T(units.map((u) => u.t));
        const ps = D(units.map((u) => u.e / 41)); // coarse grid: many ties
        const r = matchNearest({ treat, distance: ps }, { ratio, caliper: withCal ? 0.1 : undefined, stdCaliper: false });
        const used = r.matched.flatMap((s) => s.controls);
        expect(new Set(used).size).toBe(used.length);
        for (const s of r.matched) {
          expect(s.controls.length).toBeLessThanOrEqual(ratio);
          for (const c of s.controls) {
            if (withCal) expect(Math.abs(ps[Number(c) - 1] - ps[Number(s.treated) - 1])).toBeLessThanOrEqual(0.1);
          }
        }
        expect(r.steps.treatedMatched + r.steps.treatedUnmatched).toBe(r.steps.treated);
        // matched controls' weights sum to the number of distinct matched controls
        const wc = r.weights.filter((_, i) => treat[i] === 0).reduce((a, b) => a + b, 0);
        expectClose(wc, r.steps.controlsMatched, { rel: 1e-12 }, "control weight sum");
      }),
      { seed: 20261207, numRuns: 200 },
    );
  });
});

/** Minimum total |Δ| over all injective assignments of k controls per treated unit (brute force). */
function bruteForce(dt: number[], dc: number[], k: number): number {
  const slots = dt.flatMap((d) => Array.from({ length: k }, () => d));
  const used = new Array<boolean>(dc.length).fill(false);
  let best = Infinity;
  const rec = (i: number, acc: number): void => {
    if (acc >= best) return;
    if (i === slots.length) {
      best = acc;
      return;
    }
    for (let j = 0; j < dc.length; j++) {
      if (used[j]) continue;
      used[j] = true;
      rec(i + 1, acc + Math.abs(slots[i] - dc[j]));
      used[j] = false;
    }
  };
  rec(0, 0);
  return best;
}

describe("matchOptimal", () => {
  it("finds a lower total distance than greedy nearest-neighbour on a hand example", () => {
    // treated .5, .6; controls .58, .9: greedy (largest first) .6–.58 + .5–.9 = .42; optimal .5–.58 + .6–.9 = .38.
    const input = { treat: T([1, 1, 0, 0]), distance: D([0.5, 0.6, 0.58, 0.9]) };
    const r = matchOptimal(input);
    expectClose(r.objective, 0.38, { rel: 1e-12 }, "objective");
    expect(r.matched.map((s) => [s.treated, s.controls[0]])).toEqual([
      ["1", "3"],
      ["2", "4"],
    ]);
  });

  it("reaches the brute-force minimum of Σ|Δ| over all assignments (1:1 and 1:2)", () => {
    assertProperty(
      property(
        // valid inputs only: at least k controls per treated unit (k · 3 ≤ 6 ≤ 7 controls)
        fc.integer({ min: 1, max: 2 }).chain((k) =>
          fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 3 }).chain((dt) =>
            fc.tuple(fc.constant(k), fc.constant(dt), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: dt.length * k, maxLength: 7 })),
          ),
        ),
        ([k, dt, dc]) => {
          const r = matchOptimal({ treat: T([...dt.map(() => 1), ...dc.map(() => 0)]), distance: D([...dt, ...dc]) }, { ratio: k });
          expectClose(r.objective, bruteForce(dt, dc, k), { rel: 1e-12, abs: 1e-12 }, "objective");
          const total = r.matched.reduce((acc, s) => acc + s.controls.reduce((a, c) => a + Math.abs(dt[Number(s.treated) - 1] - dc[Number(c) - dt.length - 1]), 0), 0);
          expectClose(total, r.objective ?? Number.NaN, { rel: 1e-12, abs: 1e-12 }, "objective equals the sets' total");
        },
      ),
      { seed: 20261206, numRuns: 300 },
    );
  });

  it("matches every control and reports the leftover treated units when treated outnumber controls (1:1)", () => {
    // treated .1, .5, .9; control .45: the optimal pair is .5–.45, the others are unmatched.
    const r = matchOptimal({ treat: T([1, 1, 1, 0]), distance: D([0.1, 0.5, 0.9, 0.45]) });
    expect(r.matched.map((s) => [s.treated, s.controls[0]])).toEqual([["2", "4"]]);
    expect(r.unmatched.map((u) => u.reason)).toEqual(["controls-exhausted", "controls-exhausted"]);
  });
});
