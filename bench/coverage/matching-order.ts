/**
 * Coverage study (issue 16, "Greedy matching order carries a bias"): does the order in which greedy 1:1
 * caliper matching visits the treated bias the matched hazard ratio?
 *
 * Each replicate simulates an `lms` cohort (src/simulate, docs/simulation.md) in one of two settings:
 * "time zero" (surgery at the diagnosis of lung metastases: waitMinDays = waitMeanDays = 0) and "after
 * time zero" (the preset's waits; the matched analysis is ever-operated vs never from the diagnosis, as
 * the study's matched effect is, so it also carries immortal time). Missing values are switched off. A
 * logistic propensity model on the six confounders (as the study fits it), then four matchings on the
 * logit of the score with a 0.2 SD caliper: greedy nearest neighbour largest-first (MatchIt's default),
 * greedy in a seeded random order, optimal 1:1 (most pairs, least total distance) and optimal full
 * matching (ATT weights). The matched HR is a Cox model on the matched sample with the matching weights
 * and a robust SE clustered on the matched set (what the study reports).
 *
 * Truth: the marginal HR for the treated (ATT) from the simulator's potential outcomes. For every operated
 * patient of a large cohort (`--truth-n`), the exponential that drives death is redrawn given survival to
 * the surgery W (memorylessness: e = θF(W) + Exp(1)), giving both the death time if operated at W and if
 * never operated from the same e; both are censored at the patient's own censoring time (administrative
 * cut-off or loss); a Cox model on the two stacked potential-outcome sets gives the log HR.
 *
 * Prints Markdown tables (bias of the log HR, SD, mean SE / SD, 95% CI coverage, treated matched) for
 * docs/validation.md. Not a test:
 *   npx tsx bench/coverage/matching-order.ts --n 1000,4000 --reps 200 [--seed0 1] [--truth-n 100000] [--skip-optimal]
 */
import { simulateCohort, type LmsParameters } from "../../src/simulate/index.js";
import { baselineCdf } from "../../src/simulate/lms.js";
import { streams } from "../../src/simulate/rng.js";
import { isoToDays } from "../../src/simulate/dates.js";
import { coxFitWithoutConcordance } from "../../src/survival/cox/fit.js";
import { propensityScore } from "../../src/causal/propensity.js";
import { matchFull, matchNearest, matchOptimal, type MatchResult } from "../../src/causal/match.js";
import { normalQuantile } from "../../src/math/distributions.js";

const SETTINGS: Record<string, Partial<Omit<LmsParameters, "trueHazardRatio">>> = {
  "time zero": { waitMinDays: 0, waitMeanDays: 0, missingSize: 0, missingGrade: 0 },
  "after time zero": { missingSize: 0, missingGrade: 0 },
};
const METHODS = ["nearest, largest first", "nearest, random order", "optimal 1:1", "full (ATT)"] as const;
type Method = (typeof METHODS)[number];

function arg(name: string, def: string): string {
  const i = process.argv.indexOf(name);
  return i < 0 ? def : process.argv[i + 1];
}

/** Covariate matrix (column-major) of the six confounders as the study codes them. */
function design(c: ReturnType<typeof simulateCohort>["columns"]): { x: Float64Array; p: number; names: string[] } {
  const n = c.patientId.length;
  const names = ["age_primary", "male", "primary_size_mm", "n_lung_mets", "synchronous", "grade2", "grade3"];
  const x = new Float64Array(n * names.length);
  for (let i = 0; i < n; i++) {
    x[i] = c.agePrimary[i];
    x[n + i] = c.male[i];
    x[2 * n + i] = c.primarySizeMm[i];
    x[3 * n + i] = c.nLungMets[i];
    x[4 * n + i] = c.synchronous[i];
    x[5 * n + i] = c.grade[i] === 2 ? 1 : 0;
    x[6 * n + i] = c.grade[i] === 3 ? 1 : 0;
  }
  return { x, p: names.length, names };
}

/** Weighted Cox of time on treatment in the matched sample, robust SE clustered on the matched set. */
function matchedLogHr(m: Readonly<MatchResult>, treat: Int32Array, time: Float64Array, status: Int32Array): { est: number; se: number; treatedMatched: number } | null {
  const rows: number[] = [];
  for (let i = 0; i < treat.length; i++) if (m.weights[i] > 0 && m.subclass[i] !== null) rows.push(i);
  const k = rows.length;
  if (k < 10) return null;
  const fit = coxFitWithoutConcordance(
    {
      time: Float64Array.from(rows, (i) => time[i]),
      status: Int32Array.from(rows, (i) => status[i]),
      x: Float64Array.from(rows, (i) => treat[i]),
      p: 1,
      columnNames: ["treat"],
      weights: Float64Array.from(rows, (i) => m.weights[i]),
      cluster: Int32Array.from(rows, (i) => m.subclass[i]!),
    },
    { ties: "efron" },
  );
  const est = fit.coef[0];
  const v = fit.var[0]?.[0];
  if (est === null || v === undefined || !(v > 0)) return null;
  return { est, se: Math.sqrt(v), treatedMatched: m.steps.treatedMatched };
}

/** Log marginal HR for the treated from both potential outcomes (see the header). */
function truthLogHr(setting: string, n: number, seed: number, hr: number): number {
  const cohort = simulateCohort({ n, seed, trueHazardRatio: hr, parameters: SETTINGS[setting] });
  const p = cohort.truth.parameters;
  const { columns: c, latent: l } = cohort;
  const [rng] = streams(seed + 7919, 1);
  const t: number[] = [];
  const s: number[] = [];
  const a: number[] = [];
  const quantile = (q: number): number => p.weibullScaleMonths * 30.4375 * Math.exp(Math.log(-Math.log1p(-q)) / p.weibullShape);
  for (let i = 0; i < c.patientId.length; i++) {
    if (c.metastasectomy[i] !== 1) continue;
    const theta = l.theta[i];
    const w = l.waitDays[i];
    const fw = baselineCdf(w, p);
    const e = theta * fw + rng.exponential();
    const q1 = fw + (e / theta - fw) / hr;
    const d1 = q1 < 1 ? quantile(q1) : Infinity;
    const d0 = e < theta ? quantile(e / theta) : Infinity;
    // censoring as for the patient: the last follow-up when alive; after a death D, the cut-off or the
    // loss to follow-up, which given loss ≥ D is D + Exp(loss rate) (memorylessness)
    const alive = Number.isNaN(c.dateDeath[i]);
    const admin = isoToDays(p.cutoff) - c.dateLungMet[i];
    const deathDay = c.dateDeath[i] - c.dateLungMet[i];
    const cens = alive ? c.dateLastFollowup[i] - c.dateLungMet[i] : Math.min(admin, deathDay + rng.exponential() / (p.lossRatePerYear / 365.25));
    for (const [d, arm] of [[d1, 1], [d0, 0]] as const) {
      const day = Math.max(1, Math.ceil(d));
      const event = d < Infinity && day <= cens;
      t.push(event ? day : Math.min(cens, 1e9));
      s.push(event ? 1 : 0);
      a.push(arm);
    }
  }
  const fit = coxFitWithoutConcordance({ time: Float64Array.from(t), status: Int32Array.from(s), x: Float64Array.from(a), p: 1, columnNames: ["a"] }, { ties: "efron" });
  return fit.coef[0]!;
}

interface Acc {
  est: number[];
  se: number[];
  cover: number;
  matched: number[];
  failed: number;
}

function main(): void {
  const ns = arg("--n", "1000,4000").split(",").map(Number);
  const reps = Number(arg("--reps", "200"));
  const seed0 = Number(arg("--seed0", "1"));
  const truthN = Number(arg("--truth-n", "400000"));
  const hr = Number(arg("--hr", "0.7"));
  const z = normalQuantile(0.975);
  const settings = arg("--settings", Object.keys(SETTINGS).join(",")).split(",");
  // --skip-optimal: leave out optimal 1:1 (its flow on the whole caliper network dominates the time at n = 4,000)
  const methods = METHODS.filter((m) => !(process.argv.includes("--skip-optimal") && m === "optimal 1:1"));
  for (const setting of settings) {
    // the truth cohort for a setting whose censoring truth uses each operated patient's observed follow-up
    const truth = truthLogHr(setting, truthN, 99_991, hr);
    for (const n of ns) {
      const acc = new Map<Method, Acc>(METHODS.map((m) => [m, { est: [], se: [], cover: 0, matched: [], failed: 0 }]));
      let treatedTotal = 0;
      const t0 = Date.now();
      for (let r = 0; r < reps; r++) {
        const seed = seed0 + r;
        const { columns: c } = simulateCohort({ n, seed, trueHazardRatio: hr, parameters: SETTINGS[setting] });
        const treat = Int32Array.from(c.metastasectomy);
        const time = new Float64Array(n);
        const status = new Int32Array(n);
        for (let i = 0; i < n; i++) {
          const died = !Number.isNaN(c.dateDeath[i]);
          time[i] = (died ? c.dateDeath[i] : c.dateLastFollowup[i]) - c.dateLungMet[i];
          status[i] = died ? 1 : 0;
        }
        treatedTotal += treat.reduce((x, y) => x + y, 0);
        const d = design(c);
        const ps = propensityScore({ treatment: treat, x: d.x, columnNames: d.names });
        const input = { treat, distance: Float64Array.from(ps.ps) };
        const common = { distance: "logit" as const, caliper: 0.2 };
        const runs: Record<Method, () => Readonly<MatchResult>> = {
          "nearest, largest first": () => matchNearest(input, { ...common, order: "largest" }),
          "nearest, random order": () => matchNearest(input, { ...common, order: "random", seed }),
          "optimal 1:1": () => matchOptimal(input, common),
          "full (ATT)": () => matchFull(input, { ...common, estimand: "ATT" }),
        };
        for (const method of methods) {
          const a = acc.get(method)!;
          const res = matchedLogHr(runs[method](), treat, time, status);
          if (res === null) {
            a.failed++;
            continue;
          }
          a.est.push(res.est);
          a.se.push(res.se);
          a.matched.push(res.treatedMatched);
          if (Math.abs(res.est - truth) <= z * res.se) a.cover++;
        }
        if ((r + 1) % 20 === 0) process.stderr.write(`${setting} n=${n}: ${r + 1}/${reps} (${((Date.now() - t0) / 1000).toFixed(0)} s)\n`);
        if ((r + 1) % 50 === 0 || r + 1 === reps) table(setting, n, r + 1, seed0, truth, truthN, treatedTotal, acc, methods);
      }
    }
  }
}

function table(setting: string, n: number, reps: number, seed0: number, truth: number, truthN: number, treatedTotal: number, acc: Map<Method, Acc>, methods: readonly Method[]): void {
  console.log(`\n#### ${setting}, n = ${n}, ${reps} replicates (seeds ${seed0}–${seed0 + reps - 1}); true ATT log HR ${truth.toFixed(4)} (HR ${Math.exp(truth).toFixed(4)}, truth cohort n = ${truthN}); treated per cohort ${(treatedTotal / reps).toFixed(0)}\n`);
  console.log("| matching | treated matched (mean) | bias of log HR (MC SE) | SD | mean SE / SD | 95% CI coverage (MC SE) | failed |");
  console.log("|---|---|---|---|---|---|---|");
  for (const method of methods) {
    const a = acc.get(method)!;
    const k = a.est.length;
    const mean = a.est.reduce((x, y) => x + y, 0) / k;
    const sd = Math.sqrt(a.est.reduce((x, y) => x + (y - mean) ** 2, 0) / (k - 1));
    const mse = a.se.reduce((x, y) => x + y, 0) / k;
    const cov = a.cover / k;
    const m = a.matched.reduce((x, y) => x + y, 0) / k;
    console.log(`| ${method} | ${m.toFixed(0)} | ${(mean - truth).toFixed(3)} (${(sd / Math.sqrt(k)).toFixed(3)}) | ${sd.toFixed(3)} | ${(mse / sd).toFixed(2)} | ${(100 * cov).toFixed(1)} % (${(100 * Math.sqrt((cov * (1 - cov)) / k)).toFixed(1)}) | ${a.failed} |`);
  }
}

main();
