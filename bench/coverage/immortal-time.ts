/**
 * Coverage study with known truth (issue 14 item 5): does each design of the study answer the question
 * "does metastasectomy prolong survival?" when surgery happens after time zero?
 *
 * Each replicate simulates an `lms` cohort (docs/simulation.md: surgery at a wait W after the diagnosis of
 * lung metastases, conditional HR `trueHazardRatio` from the date of surgery on), runs the real study
 * pipeline (`runStudy`, the same code as `survinfer run`) on it, and compares every treatment estimate
 * with its truth:
 * - hazard ratios against the conditional HR (exact for a Cox model with treatment as a time-dependent
 *   covariate and the six confounders; the ever-treated-from-origin estimates have no truth of their own:
 *   they are shown against it to measure their bias);
 * - survival differences at 12/36/60 months against the population counterfactual difference "operate at
 *   W if alive" minus "never operate", computed once from a large simulated cohort (`--truth-n`).
 * Prints a Markdown table (bias of the log HR or of the difference, SE/SD, 95% CI coverage) for
 * docs/validation.md. Not a test: `npx tsx bench/coverage/immortal-time.ts --n 2000 --reps 500`.
 */
import { simulateCohort, cohortToTable } from "../../src/simulate/index.js";
import { runStudy, type StudyResults } from "../../src/study/run.js";
import { studySpecSchema, type StudySpecInput } from "../../src/study/schema.js";

interface Args {
  readonly n: number;
  readonly reps: number;
  readonly seed0: number;
  readonly truthN: number;
  readonly hr: number;
}

function parseArgs(argv: readonly string[]): Args {
  const get = (flag: string, def: number): number => {
    const i = argv.indexOf(flag);
    if (i < 0) return def;
    const v = Number(argv[i + 1]);
    if (!Number.isFinite(v) || v <= 0) throw new Error(`${flag} needs a positive number, got ${argv[i + 1]}`);
    return v;
  };
  BOOTSTRAP = get("--ccw-bootstrap", 200);
  return { n: get("--n", 2000), reps: get("--reps", 500), seed0: get("--seed0", 1), truthN: get("--truth-n", 1_000_000), hr: get("--hr", 0.7) };
}

/** Bootstrap replicates of clone–censor–weight per cohort (`--ccw-bootstrap`). */
let BOOTSTRAP = 200;

/** The study as a user would write it for this question (covariates entering linearly, no cut-offs). */
export function coverageSpec(extra: Partial<StudySpecInput["analyses"]> = {}): StudySpecInput {
  return {
    title: "coverage",
    data: { file: "simulated", id: "patient_id" },
    endpoints: { os: { label: "Overall survival", origin: "date_lung_met", event: "date_death", censor: "date_last_followup", unit: "months" } },
    treatment: { column: "metastasectomy", treated: "yes", date: "date_pm", label: "Pulmonary metastasectomy" },
    covariates: [
      "age_primary",
      { name: "sex", reference: "female" },
      "primary_size_mm",
      "n_lung_mets",
      { name: "timing", type: "categorical", reference: "metachronous" },
      { name: "grade", type: "categorical", reference: 1 },
    ],
    analyses: {
      km: { endpoint: "os", by: "treatment", times: [12, 36, 60] },
      cox: { endpoint: "os", univariable: [], multivariable: ["age_primary", "sex", "primary_size_mm", "n_lung_mets", "timing", "grade"] },
      propensity: {
        matching: { ratio: 1, caliper: 0.2, distance: "logit", replace: false, order: "largest" },
        weighting: { estimand: "ATE", stabilize: true },
      },
      immortalTime: { landmark: 6, timeDependent: true, cloneCensorWeight: { grace: 12, bootstrap: BOOTSTRAP } },
      ...extra,
    },
    seed: 1,
  } as StudySpecInput;
}

/** One estimate of one replicate: a log HR or a survival difference, with its CI. */
export interface Draw {
  readonly id: string;
  readonly kind: "logHR" | "difference";
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
}

type CoxLike = { readonly terms: readonly { readonly name: string; readonly hr: number | null; readonly lower: number | null; readonly upper: number | null }[] };

function hrDraw(id: string, t: { readonly hr: number | null; readonly lower: number | null; readonly upper: number | null } | undefined): Draw[] {
  if (t === undefined || t.hr === null || t.lower === null || t.upper === null || !(t.hr > 0)) return [];
  return [{ id, kind: "logHR", estimate: Math.log(t.hr), lower: Math.log(t.lower), upper: Math.log(t.upper) }];
}

/** The treatment term of a Cox result: the first term whose name mentions treatment. */
function treatmentTerm(cox: CoxLike | undefined): CoxLike["terms"][number] | undefined {
  return cox?.terms.find((t) => /treat|metastasectomy/i.test(t.name)) ?? cox?.terms[0];
}

/**
 * Every treatment estimate the study produced, by a stable id. New designs are picked up here
 * (the immortal-time step's adjusted analyses, clone–censor–weight) as they land in results.json.
 */
export function drawsOf(r: StudyResults): Draw[] {
  const out: Draw[] = [];
  const eff = r.analyses.effects;
  for (const e of eff?.estimates ?? []) out.push(...hrDraw(`effects.${e.id}`, e));
  // adjusted survival differences (with CIs only when the bootstrap ran)
  for (const key of ["matched", "weighted"] as const) {
    const s = eff?.[key]?.survival;
    if (s === undefined) continue;
    s.times.forEach((t, j) => {
      const d = s.survDifference[j];
      if (d !== undefined && d.estimate !== null && d.lower !== null && d.upper !== null) out.push({ id: `effects.${key} survival difference at ${t}`, kind: "difference", estimate: d.estimate, lower: d.lower, upper: d.upper });
    });
  }
  const imm = r.analyses.immortalTime;
  const adj = imm?.adjustedTimeDependent;
  if (adj !== undefined) out.push(...hrDraw("immortalTime.adjustedTimeDependent", adj.result.fit.terms.find((t) => t.name === adj.treatmentTerm)));
  for (const e of imm?.landmarkPs?.effects.estimates ?? []) out.push(...hrDraw(`immortalTime.landmarkPs.${e.id}`, e));
  const cw = imm?.cloneCensorWeight;
  if (cw !== undefined) {
    cw.survivalDifference.forEach((d) => {
      if (d.estimate !== null && d.lower !== null && d.upper !== null) out.push({ id: `immortalTime.cloneCensorWeight survival difference at ${d.time}`, kind: "difference", estimate: d.estimate, lower: d.lower, upper: d.upper });
    });
    const h = cw.hazardRatio;
    if (h !== null) out.push(...hrDraw("immortalTime.cloneCensorWeight per-protocol HR (no conditional truth)", h));
  }
  const it = r.analyses.immortalTime as unknown as Record<string, unknown> | undefined;
  if (it !== undefined) {
    for (const [key, value] of Object.entries(it)) {
      const v = value as { cox?: CoxLike } | undefined;
      if (v !== null && typeof v === "object" && v.cox !== undefined && Array.isArray(v.cox.terms)) out.push(...hrDraw(`immortalTime.${key}`, treatmentTerm(v.cox)));
    }
  }
  return out;
}

interface Summary {
  readonly id: string;
  readonly kind: Draw["kind"];
  readonly truth: number;
  readonly reps: number;
  readonly meanEstimate: number;
  readonly bias: number;
  readonly sd: number;
  readonly meanSe: number;
  readonly coverage: number;
}

/** Bias, SE/SD and coverage of one estimate's draws against `truth` (SE from the CI width: Wald-type intervals). */
export function summarise(id: string, draws: readonly Draw[], truth: number): Summary {
  const m = draws.length;
  const est = draws.map((d) => d.estimate);
  const mean = est.reduce((s, x) => s + x, 0) / m;
  const sd = Math.sqrt(est.reduce((s, x) => s + (x - mean) ** 2, 0) / (m - 1));
  const meanSe = draws.reduce((s, d) => s + (d.upper - d.lower) / (2 * 1.959963984540054), 0) / m;
  const covered = draws.filter((d) => d.lower <= truth && truth <= d.upper).length;
  return { id, kind: draws[0].kind, truth, reps: m, meanEstimate: mean, bias: mean - truth, sd, meanSe, coverage: covered / m };
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const t0 = Date.now();
  const big = simulateCohort({ n: args.truthN, seed: 987_654_321, trueHazardRatio: args.hr });
  const truthDiff = big.truth.counterfactual.ate.difference;
  const months = big.truth.counterfactual.timesMonths;
  const spec = studySpecSchema.parse(coverageSpec());
  const byId = new Map<string, Draw[]>();
  let failed = 0;
  for (let r = 0; r < args.reps; r++) {
    const cohort = simulateCohort({ n: args.n, seed: args.seed0 + r, trueHazardRatio: args.hr });
    try {
      const res = runStudy({ spec, table: cohortToTable(cohort), inference: [], readWarnings: [], specFile: "coverage.yaml" });
      for (const d of drawsOf(res)) {
        const list = byId.get(d.id) ?? [];
        list.push(d);
        byId.set(d.id, list);
      }
    } catch (e) {
      failed++;
      if (failed <= 3) console.error(`replicate ${r + 1}: ${(e as Error).message}`);
    }
    if ((r + 1) % 50 === 0) console.error(`${r + 1}/${args.reps} replicates, ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  }
  const rows: Summary[] = [];
  for (const [id, draws] of byId) {
    const kind = draws[0].kind;
    const k = kind === "difference" ? months.indexOf(Number(/at (\d+)/.exec(id)?.[1] ?? NaN)) : -1;
    rows.push(summarise(id, draws, kind === "logHR" ? Math.log(args.hr) : truthDiff[k]));
  }
  console.log(`lms cohorts, n = ${args.n}, ${args.reps} replicates (seeds ${args.seed0}–${args.seed0 + args.reps - 1}), true conditional HR ${args.hr}; ${failed} replicate(s) failed; ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  console.log(`counterfactual survival difference (operate at W vs never), population truth from n = ${args.truthN}: ${months.map((t, j) => `${t} mo ${truthDiff[j].toFixed(4)}`).join(", ")}`);
  console.log("");
  console.log("| estimate | truth | replicates | mean estimate | bias | SE/SD | 95% CI coverage |");
  console.log("|---|---|---|---|---|---|---|");
  for (const s of rows) {
    const show = (x: number): string => (s.kind === "logHR" ? Math.exp(x).toFixed(3) : x.toFixed(4));
    console.log(`| ${s.id} | ${s.kind === "logHR" ? `HR ${show(s.truth)}` : show(s.truth)} | ${s.reps} | ${show(s.meanEstimate)} | ${s.bias.toFixed(4)}${s.kind === "logHR" ? " (log)" : ""} | ${(s.meanSe / s.sd).toFixed(2)} | ${(100 * s.coverage).toFixed(1)}% |`);
  }
}

if (process.argv[1] !== undefined && /immortal-time\.ts$/.test(process.argv[1])) main();
