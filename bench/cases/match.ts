/**
 * 1:1 nearest-neighbour propensity-score matching with a 0.2 SD caliper on a fixed simulated score
 * (the logistic fit belongs to the propensity bench), 20 % treated, against
 * MatchIt::matchit(distance = <the same ps vector>, method = "nearest", caliper = 0.2).
 * Debian's MatchIt 4.5.1 computes every |Δps| as 0 (integer abs()), so its caliper logic is
 * degenerate, but its timing is the reference. MatchIt's matcher recomputes the list of available
 * controls after every match (O(n₁ · n)), so the R side is timed at 100,000 only.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { matchNearest } from "../../src/causal/match.js";
import { defineCases } from "../harness.js";

interface Ctx {
  readonly treat: Int32Array;
  readonly ps: Float64Array;
}

/** Deterministic simulated cohort: logit(ps) = −1.6 + 0.8 z with z from a fixed LCG + Box–Muller; treat ~ Bernoulli(ps). */
function simulate(n: number): Ctx {
  let state = 123456789;
  const u = (): number => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return (state + 0.5) / 4294967296;
  };
  const treat = new Int32Array(n);
  const ps = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const z = Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
    const e = 1 / (1 + Math.exp(-(-1.6 + 0.8 * z)));
    ps[i] = Number(e.toPrecision(15));
    treat[i] = u() < e ? 1 : 0;
  }
  return { treat, ps };
}

function setup(n: number, withR: boolean) {
  return (dir: string): Ctx => {
    const ctx = simulate(n);
    if (withR) {
      const lines = ["treat,ps"];
      for (let i = 0; i < n; i++) lines.push(`${ctx.treat[i]},${ctx.ps[i]}`);
      writeFileSync(join(dir, "cohort.csv"), lines.join("\n") + "\n");
    }
    return ctx;
  };
}

const rScript = (dir: string): string => `
suppressPackageStartupMessages(library(MatchIt))
d <- read.csv(file.path("${dir}", "cohort.csv"))
t0 <- proc.time()[["elapsed"]]
m <- matchit(treat ~ ps, data = d, distance = d$ps, method = "nearest", caliper = 0.2)
cat("ELAPSED", proc.time()[["elapsed"]] - t0, "\\n")
`;

export const cases = defineCases<Ctx>([
  {
    name: "match nearest 1:1 caliper 0.2 SD, n = 100,000 (20% treated)",
    setup: setup(100_000, true),
    run: (ctx) => matchNearest({ treat: ctx.treat, distance: ctx.ps }, { caliper: 0.2 }),
    r: rScript,
    repeats: 3,
  },
  {
    name: "match nearest 1:1 caliper 0.2 SD, n = 1,000,000 (20% treated; R not run: O(n1 n) in MatchIt)",
    setup: setup(1_000_000, false),
    run: (ctx) => matchNearest({ treat: ctx.treat, distance: ctx.ps }, { caliper: 0.2 }),
    repeats: 2,
  },
]);
