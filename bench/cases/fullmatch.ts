/**
 * Optimal full matching (causal/match/full.ts: min-cost flow on the sparse caliper network) of 2,000
 * treated and 8,000 controls on the logit of a simulated propensity score with a 0.2 SD caliper; target
 * under 10 s. And optimal 1:1 matching with the same caliper (most pairs, least total distance).
 * No R side: optmatch (MatchIt method = "full") is not packaged for Debian.
 */
import { matchFull, matchOptimal } from "../../src/causal/match.js";
import { defineCases } from "../harness.js";

interface Ctx {
  readonly treat: Int32Array;
  readonly ps: Float64Array;
}

/** 2,000 treated with logit ps ~ N(−0.9, 1), 8,000 controls with logit ps ~ N(−1.6, 1); fixed LCG + Box–Muller. */
function simulate(n1: number, n0: number): Ctx {
  let state = 20261205;
  const u = (): number => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return (state + 0.5) / 4294967296;
  };
  const n = n1 + n0;
  const treat = new Int32Array(n);
  const ps = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const z = Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
    treat[i] = i % 5 === 0 ? 1 : 0;
    ps[i] = 1 / (1 + Math.exp(-((treat[i] === 1 ? -0.9 : -1.6) + z)));
  }
  return { treat, ps };
}

export const cases = defineCases<Ctx>([
  {
    name: "full matching, 2,000 treated × 8,000 controls, caliper 0.2 SD of the logit (target < 10 s)",
    setup: () => simulate(2_000, 8_000),
    run: (ctx) => matchFull({ treat: ctx.treat, distance: ctx.ps }, { distance: "logit", caliper: 0.2 }),
    repeats: 1,
  },
  {
    name: "optimal 1:1 matching with caliper 0.2 SD, 2,000 treated × 8,000 controls",
    setup: () => simulate(2_000, 8_000),
    run: (ctx) => matchOptimal({ treat: ctx.treat, distance: ctx.ps }, { distance: "logit", caliper: 0.2 }),
    repeats: 1,
  },
]);
