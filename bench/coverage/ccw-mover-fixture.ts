/**
 * Writes the input of the MOVER oracle (tools/oracle/ccw-mover.R): the engine's per-arm survival estimates and
 * each bootstrap replicate's per-arm survival (`bootstrap.armSurvival`) on seeded lms cohorts with complete
 * covariates, with the cohort itself, to test/fixtures/r/ccw-mover/<case>.json (input only; the R script adds the
 * expected limits).
 * Not a test. `npx tsx bench/coverage/ccw-mover-fixture.ts && Rscript tools/oracle/ccw-mover.R`
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ccwInputOf } from "./ccw-input.js";
import { cloneCensorWeight, type CcwInput } from "../../src/causal/ccw/index.js";

/** The seeded runs the fixture cases come from (test/causal/ccw-mover.test.ts re-runs them on the data stored in the fixture). */
const MOVER_CASES = [
  { name: "lms-n300", n: 300, seed: 5, grace: 12, times: [12, 36, 60], censoringPeriods: 2, replicates: 60, bootSeed: 3, confLevel: 0.95, maxFailedShare: 0.1 },
  // a 90 % level; an early time (1 month) where some replicates have no death yet in an arm (S* = 1, θ* = −∞);
  // late times where some replicates' follow-up ends before the time (NaN): 2 of 40 at 130 months, 17 of 40 at 140 (more than maxFailedShare: no interval)
  { name: "lms-n150-late", n: 150, seed: 11, grace: 6, times: [1, 24, 130, 140], censoringPeriods: 2, replicates: 40, bootSeed: 7, confLevel: 0.9, maxFailedShare: 0.4 },
] as const;

type MoverCase = (typeof MOVER_CASES)[number];

/** The engine's result on a case. */
function runMoverCase(c: MoverCase, input: CcwInput): ReturnType<typeof cloneCensorWeight> {
  return cloneCensorWeight(input, {
    grace: c.grace,
    times: [...c.times],
    confLevel: c.confLevel,
    censoringModel: "piecewise",
    censoringPeriods: c.censoringPeriods,
    bootstrap: { replicates: c.replicates, seed: c.bootSeed, maxFailedShare: c.maxFailedShare },
  });
}

const nullIfNaN = (v: number): number | null => (Number.isNaN(v) ? null : v);

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "test", "fixtures", "r", "ccw-mover");
  mkdirSync(dir, { recursive: true });
  for (const c of MOVER_CASES) {
    const data = ccwInputOf(c.n, c.seed);
    const res = runMoverCase(c, data);
    const b = res.bootstrap;
    if (b === null) throw new Error("no bootstrap");
    const input = {
      case: c,
      // the cohort (x column-major, n × p); treatment time null = never treated
      data: { time: Array.from(data.time), status: Array.from(data.status), treatmentTime: Array.from(data.treatmentTime, (v) => (Number.isFinite(v) ? v : null)), x: Array.from(data.x), p: data.p, columnNames: data.columnNames },
      confLevel: c.confLevel,
      maxFailedShare: b.maxFailedShare,
      times: res.options.times,
      // [treat, control] at each time
      estimates: res.options.times.map((_, k) => [res.arms[0].survival[k], res.arms[1].survival[k]]),
      // replicates × times × [treat, control]; null = NaN (not computed)
      armSurvival: b.armSurvival.map((row) => row.map((v) => v.map(nullIfNaN))),
    };
    writeFileSync(join(dir, `${c.name}.json`), JSON.stringify({ input }) + "\n");
    const count = (f: (v: number) => boolean): number[] => res.options.times.map((_, k) => b.armSurvival.filter((row) => row[k].some(f)).length);
    console.error(`${c.name}: ${b.replicates} replicates, ${b.failed} failed; per time, with NaN: ${count(Number.isNaN).join(", ")}; with 0 or 1: ${count((v) => v === 0 || v === 1).join(", ")}`);
  }
}
