/**
 * `survinfer match DATA --treatment COL [--treated-value V] --covariates a,b,c [--distance ps|logit] [--ratio 1]
 *   [--caliper 0.2] [--replace] [--order largest|smallest|random|data] [--method nearest|optimal|full]
 *   [--min-controls 0] [--max-controls k] [--estimand ATT|ATC|ATE] [--json]` (the last three: full matching)
 * `survinfer weight DATA --treatment COL --covariates a,b,c --estimand ATE|ATT|ATC|ATO [--stabilize] [--trim Q]
 *   [--truncate P] [--json]`
 * JSON (design contract): { ps, weights, matched?, ess?, balance: { before[], after[] } } with ps and weights
 * in data-row order (null for patients left out), matched[].{treated, controls[]} as ids, and
 * balance[].{variable, smd, varianceRatio, ks}.
 */
import type { Command } from "commander";
import { propensityAnalysis, type PropensityAnalysisResult } from "../../causal/propensity-analysis.js";
import type { BalanceResult } from "../../causal/balance.js";
import { treatmentIndicator, type TreatmentIndicator } from "../../data/treatment.js";
import type { Table } from "../../data/table.js";
import { treatmentEffectsParallel, type TreatmentEffectsOptions, type TreatmentEffectsResult } from "../../causal/effect.js";
import { SurvinferError, optionError } from "../../errors.js";
import { addDataOptions, eventStatus, loadData, namesIn, RowFilter, rowIds, statusCodingText, timeValues, type ColumnProjection, type DataOptions } from "../data-args.js";
import type { ReadResult } from "../../data/read.js";
import type { StatusCoding } from "../../formula/surv-status.js";
import { ciText, formatNumber, formatP, formatTable, printJson } from "../format.js";
import type { CliIO } from "../io.js";
import { addTreatmentDateOptions, immortalTimeText, treatedGroup, treatmentTiming, type ImmortalTimeSummary, type TreatmentDateOptions } from "../treatment-date.js";
import { treatmentDateHint } from "../treatment-date-hint.js";
import { hintTable } from "../hint-dates.js";
import { parseChoice, parseIntegerOption, parseNumberList, parseNumberOption, parseProbabilityOption, parseReferences, parseReplicatesOption, parseSeedOption, POSITIVE_TIME, TIME_BOUNDS } from "../options.js";
import { randomOrderSentence } from "../../report/sections-effects.js";

interface PropensityCliOptions extends DataOptions, TreatmentDateOptions {
  treatment: string;
  treatedValue?: string;
  covariates: string;
  model: string;
  json?: boolean;
  time?: string;
  event?: string;
  eventValue?: string;
  times?: string;
  tau?: string;
  bootstrap?: string;
  bootstrapSeed: string;
}

interface MatchCliOptions extends PropensityCliOptions {
  distance: string;
  ratio: string;
  caliper?: string;
  replace?: boolean;
  order: string;
  method: string;
  seed: string;
  minControls?: string;
  maxControls?: string;
  estimand?: string;
}

interface WeightCliOptions extends PropensityCliOptions {
  estimand: string;
  stabilize?: boolean;
  trim?: string;
  truncate?: string;
}

/** The columns match and weight read (column projection, issue 18; the treatment-date hint reads date columns itself: hint-dates.ts). */
function propensityColumns(opts: PropensityCliOptions): ColumnProjection {
  return { columns: [opts.treatment, ...namesIn(opts.covariates), opts.time, opts.event, opts.id, opts.treatmentDate, opts.origin] };
}

function addPropensityOptions(cmd: Command): Command {
  return addTreatmentDateOptions(addDataOptions(
    cmd
      .argument("<data>", "data file (CSV, TSV, XLSX or Arrow)")
      .requiredOption("--treatment <col>", "treatment column")
      .option("--treated-value <value>", "value of --treatment meaning treated (default: 1, or the second level)")
      .requiredOption("--covariates <list>", "comma-separated covariates of the propensity model")
      .option("--model <model>", "propensity model: glm (R's glm binomial) or firth", "glm")
      .option("--time <col>", "follow-up time: also estimate the treatment effect on survival")
      .option("--event <col>", "event status (0/1, 1/2, or with --event-value)")
      .option("--event-value <value>", "the value of --event that means an event")
      .option("--times <list>", "times for survival differences, e.g. 60")
      .option("--tau <time>", "horizon of the RMST difference")
      .option("--bootstrap <n>", "bootstrap replicates of the whole pipeline for CIs (seeded, on worker threads)")
      .option("--bootstrap-seed <n>", "seed of the bootstrap", "1")
      .option("--json", "print one JSON object"),
  ));
}

/** Without `--treatment-date`: the treatment-date hint (on the date columns hint-dates.ts reads when they can matter). */
async function treatmentDateHintOf(file: string, data: ReadResult, opts: PropensityCliOptions, io: CliIO): Promise<string | undefined> {
  const t = treatment(data.table, opts);
  if (treatmentTiming(data.table, opts) !== undefined) return undefined;
  const factor = { codes: t.codes, levels: [t.levels[0], t.levels[1]] };
  return treatmentDateHint(await hintTable(file, opts, io, data, [{ column: opts.treatment, factor }]), opts.treatment, factor);
}

function run(data: ReadResult, opts: PropensityCliOptions, adjust: Parameters<typeof propensityAnalysis>[1], hint: string | undefined): { res: PropensityAnalysisResult; warnings: string[]; immortalTime?: ImmortalTimeSummary } {
  const { table } = data;
  const t = treatment(table, opts);
  const it = immortalTime(table, opts, t, hint);
  const warnings = [...data.warnings, ...it.warnings];
  const covariates = opts.covariates.split(",").map((s) => s.trim()).filter((s) => s !== "");
  const res = propensityAnalysis(
    { table, treatment: t.codes, covariates, ids: rowIds(table, opts.id), reference: parseReferences(opts.reference) },
    { ...adjust, model: parseChoice("--model", opts.model, ["glm", "firth"] as const) },
  );
  return { res, warnings: [...warnings, ...res.warnings], ...(it.summary ? { immortalTime: it.summary } : {}) };
}

/**
 * `--treatment-date`: the immortal-time summary of the treatment (matching and weighting compare the
 * ever treated from the origin: biased by design when treatment came later). Without it, the hint
 * when a date column looks like the treatment's date.
 */
function immortalTime(table: Table, opts: PropensityCliOptions, t: TreatmentIndicator, hint: string | undefined): { summary?: ImmortalTimeSummary; warnings: string[] } {
  const factor = { codes: t.codes, levels: [t.levels[0], t.levels[1]] };
  const timing = treatmentTiming(table, opts);
  if (timing === undefined) return { warnings: hint === undefined ? [] : [hint] };
  const g = treatedGroup(table, opts.treatment, factor, timing, "naive");
  if (g.treatedCode !== 1) {
    throw new SurvinferError({
      code: "DATA_INVALID_TREATMENT",
      file: table.source.file,
      column: timing.column,
      message: `the treatment dates of "${timing.column}" are all in the untreated group (${opts.treatment} = ${t.levels[0]}), the treated being ${opts.treatment} = ${t.levels[1]}`,
      hint: "check --treated-value, or the columns",
    });
  }
  return { summary: g.summary, warnings: [...g.warnings] };
}

/** The treatment indicator; `--treated-value` must be one of the column's values (as --event-value). */
function treatment(table: Table, opts: PropensityCliOptions): TreatmentIndicator {
  const t = treatmentIndicator(table, opts.treatment, opts.treatedValue);
  if (opts.treatedValue !== undefined && !t.values.includes(opts.treatedValue)) {
    throw optionError("--treated-value", `one of the values of column "${opts.treatment}" (${t.values.slice(0, 10).map((v) => JSON.stringify(v)).join(", ")})`, opts.treatedValue);
  }
  return t;
}

/** The survival-effect options shared by match and weight, validated before any data is read. */
interface EffectOptions {
  readonly times: number[];
  readonly tau: number | undefined;
  readonly replicates: number;
  readonly seed: number;
}

function effectOptions(opts: PropensityCliOptions): EffectOptions {
  if ((opts.time === undefined) !== (opts.event === undefined)) {
    throw new SurvinferError({ code: "OPTION_INVALID", message: "--time and --event go together (the survival outcome of the treatment effect)" });
  }
  return {
    times: opts.times === undefined ? [] : parseNumberList("--times", opts.times, TIME_BOUNDS),
    tau: opts.tau === undefined ? undefined : parseNumberOption("--tau", opts.tau, POSITIVE_TIME),
    replicates: opts.bootstrap === undefined ? 0 : parseReplicatesOption("--bootstrap", opts.bootstrap),
    seed: parseSeedOption("--bootstrap-seed", opts.bootstrapSeed),
  };
}

/** The treatment effect on survival for --time/--event, with the same matching or weighting options. */
async function effectOnSurvival(data: ReadResult, opts: PropensityCliOptions, eff: EffectOptions, io: CliIO, adjust: Pick<TreatmentEffectsOptions, "matching" | "weighting">): Promise<(TreatmentEffectsResult & { statusCoding: StatusCoding }) | undefined> {
  if (opts.time === undefined || opts.event === undefined) return undefined;
  const { table } = data;
  const filter = new RowFilter(table);
  const time = Float64Array.from(timeValues(table, opts.time, filter));
  const event = eventStatus(table, opts.event, opts.eventValue, filter);
  filter.rows(); // stops (DATA_NO_ROWS) when no row has both a time and an event status
  const status = Int32Array.from(event.status);
  for (let i = 0; i < table.nRows; i++) if (filter.keep[i] === 0) status[i] = -1;
  const t = treatment(table, opts);
  const replicates = eff.replicates;
  const progress = (done: number, total: number): void => {
    if (done === total || done % Math.max(1, Math.floor(total / 50)) === 0) {
      const width = 30;
      const filled = Math.round((done / total) * width);
      io.stderr(`\rbootstrap [${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total}${done === total ? "\n" : ""}`);
    }
  };
  const res = await treatmentEffectsParallel(
    { table, time, status, treatment: t.codes, covariates: opts.covariates.split(",").map((x) => x.trim()).filter((x) => x !== ""), ids: rowIds(table, opts.id), reference: parseReferences(opts.reference) },
    {
      ...adjust,
      psModel: parseChoice("--model", opts.model, ["glm", "firth"] as const),
      times: eff.times,
      tau: eff.tau,
      bootstrap: replicates > 0 ? { replicates, seed: eff.seed, onProgress: progress } : false,
    },
  );
  return { ...res, statusCoding: event.coding };
}

function effectText(e: TreatmentEffectsResult & { statusCoding: StatusCoding }, opts: PropensityCliOptions): string {
  const pct = `${Math.round(e.options.confLevel * 100)}% CI`;
  let out = "\nTreatment effect on survival (Cox hazard ratio of treated vs untreated):\n";
  out += `${statusCodingText(e.statusCoding, opts.event ?? "", opts.eventValue)}\n`;
  out += formatTable(
    ["estimate", "estimand", "HR", pct, "p", ...(e.bootstrap ? [`bootstrap ${pct}`] : []), "E-value", "variance"],
    e.estimates.map((x) => [
      x.label,
      x.estimand,
      x.notEstimable === null ? formatNumber(x.hr, 3) : "not estimable",
      ciText(x.lower, x.upper),
      formatP(x.p),
      ...(e.bootstrap ? [x.bootstrap ? ciText(x.bootstrap.lower, x.bootstrap.upper) : ""] : []),
      formatNumber(x.eValue?.point ?? null, 3),
      x.variance,
    ]),
  );
  for (const x of e.estimates) if (x.notEstimable !== null) out += `${x.label}: ${x.notEstimable}\n`;
  const orderCheck = randomOrderSentence(e);
  if (orderCheck !== null) out += `${orderCheck}\n`;
  for (const [label, m] of [["matched", e.matched?.survival], ["weighted", e.weighted?.survival]] as const) {
    if (!m) continue;
    m.times.forEach((t, k) => {
      const d = m.survDifference[k];
      out += `Survival at ${formatNumber(t)} (${label}): treated ${formatNumber(m.survTreated[k], 3)}, untreated ${formatNumber(m.survControl[k], 3)}, difference ${formatNumber(d.estimate, 3)}${d.lower === null ? "" : ` (bootstrap ${pct} ${ciText(d.lower, d.upper)})`}\n`;
    });
    if (m.tau !== null) {
      const d = m.rmstDifference;
      out += `RMST to ${formatNumber(m.tau)} (${label}): difference ${formatNumber(d.estimate, 4)}${d.lower === null ? "" : ` (bootstrap ${pct} ${ciText(d.lower, d.upper)})`}\n`;
    }
  }
  if (e.bootstrap) out += `Bootstrap: ${e.bootstrap.replicates} replicates of the whole pipeline (PS model included), seed ${e.bootstrap.seed}\n`;
  return out;
}

function balanceRows(b: BalanceResult, which: "before" | "after"): { variable: string; smd: number; varianceRatio: number | null; ks: number; balanced: boolean }[] {
  return (which === "before" ? b.before : (b.after ?? [])).map((r) => ({ variable: r.variable, smd: r.smd, varianceRatio: r.varianceRatio, ks: r.ks, balanced: r.balanced }));
}

function balanceText(b: BalanceResult): string {
  const after = b.after ?? [];
  const rows = b.before.map((r, k) => [
    r.variable,
    formatNumber(r.smd, 3),
    formatNumber(after[k]?.smd, 3),
    formatNumber(after[k]?.varianceRatio ?? null, 3),
    formatNumber(after[k]?.ks, 3),
    after[k]?.balanced ? "yes" : "NO",
  ]);
  return formatTable(["covariate", "SMD before", "SMD after", "var. ratio after", "KS after", "balanced"], rows) + `SMD: ${b.formula}\n`;
}

export function registerPropensity(program: Command, io: CliIO): void {
  addPropensityOptions(program.command("match").description("propensity-score matching (as MatchIt: nearest neighbour, optimal pairs or full matching) with balance before and after"))
    .option("--distance <d>", "match on the propensity score (ps) or its logit", "ps")
    .option("--ratio <k>", "controls per treated patient", "1")
    .option("--caliper <sd>", "caliper in SD units of the distance (e.g. 0.2)")
    .option("--replace", "match with replacement")
    .option("--order <order>", "matching order: random (default, with --seed), largest (MatchIt's default m.order: use it to reproduce MatchIt), smallest, data; largest-first biases the matched HR (docs/validation.md)", "random")
    .option("--method <method>", "nearest (default), optimal (1:k pairs of least total distance; with --caliper the most pairs possible) or full (optimal full matching: subclasses of one treated and several controls or the reverse)", "nearest")
    .option("--min-controls <x>", "full matching: fewest controls per treated in a subclass, 0 or 1/k (optmatch min.controls)")
    .option("--max-controls <k>", "full matching: most controls per treated in a subclass (optmatch max.controls)")
    .option("--estimand <e>", "full matching: ATT (default), ATC or ATE weights from the subclasses")
    .option("--seed <n>", "seed for --order random", "1")
    .action(async (file: string, opts: MatchCliOptions) => {
      const order = parseChoice("--order", opts.order, ["largest", "smallest", "random", "data"] as const);
      const seed = parseSeedOption("--seed", opts.seed);
      const method = parseChoice("--method", opts.method, ["nearest", "optimal", "full"] as const);
      const fullOnly = (flag: string, given: unknown): void => {
        if (given !== undefined && method !== "full") throw new SurvinferError({ code: "OPTION_CONFLICT", message: `${flag} applies to --method full only` });
      };
      fullOnly("--min-controls", opts.minControls);
      fullOnly("--max-controls", opts.maxControls);
      fullOnly("--estimand", opts.estimand);
      const minControls = opts.minControls === undefined ? undefined : parseNumberOption("--min-controls", opts.minControls, { min: 0, describe: "0 or 1/k for a whole k ≥ 1 (e.g. 0.5)" });
      const maxControls = opts.maxControls === undefined ? undefined : parseIntegerOption("--max-controls", opts.maxControls, { min: 1, max: 1_000_000, describe: "a whole number ≥ 1" });
      const estimand = opts.estimand === undefined ? undefined : parseChoice("--estimand", opts.estimand, ["ATT", "ATC", "ATE"] as const);
      const distance = parseChoice("--distance", opts.distance, ["ps", "logit"] as const);
      const caliper = opts.caliper === undefined ? undefined : parseNumberOption("--caliper", opts.caliper, { min: 0, minExclusive: true, describe: "a number > 0 (SDs of the distance)" });
      const eff = effectOptions(opts);
      const data = await loadData(file, opts, io, propensityColumns(opts));
      // MatchIt: each treated patient gets `ratio` distinct controls, so at most the number of untreated
      const nUntreated = treatment(data.table, opts).nUntreated;
      const ratio = parseIntegerOption("--ratio", opts.ratio, {
        min: 1,
        max: Math.max(1, nUntreated),
        describe: `a whole number from 1 to ${nUntreated}, the number of untreated patients (each treated patient gets this many distinct controls)`,
      });
      const matching = { method, distance, ratio, caliper, replace: opts.replace === true, order, seed: order === "random" ? seed : undefined, minControls, maxControls, estimand };
      const { res, warnings, immortalTime: it } = run(data, opts, { matching }, await treatmentDateHintOf(file, data, opts, io));
      const effect = await effectOnSurvival(data, opts, eff, io, { matching: { ...matching, caliper: matching.caliper ?? null, seed: matching.seed ?? 1 }, weighting: false });
      const m = res.matching!;
      if (opts.json) {
        return printJson(io, {
          ps: res.ps,
          weights: m.weights,
          matched: m.result.matched.map((s) => ({ treated: s.treated, controls: s.controls })),
          ...(m.result.subclasses ? { subclasses: m.result.subclasses, objective: m.result.objective } : {}),
          unmatched: m.result.unmatched,
          steps: m.result.steps,
          balance: { before: balanceRows(m.balance, "before"), after: balanceRows(m.balance, "after"), formula: m.balance.formula },
          model: res.model,
          overlap: res.overlap,
          options: m.result.options,
          effect,
          ...(it ? { immortalTime: it } : {}),
          warnings,
        });
      }
      const s = m.result.steps;
      const o = m.result.options;
      const what = o.method === "full"
        ? `optimal full matching (${o.estimand} weights${o.minControls ? `, min controls ${formatNumber(o.minControls)}` : ""}${o.maxControls !== null ? `, max controls ${o.maxControls}` : ""})`
        : `${o.method === "nearest" ? "nearest neighbour" : "optimal"} 1:${o.ratio}`;
      let out = `Propensity-score matching: ${what} on the ${m.result.options.distance === "logit" ? "logit of the " : ""}propensity score`;
      out += m.result.options.caliperWidth === null ? ", no caliper" : `, caliper ${formatNumber(m.result.options.caliper)}${m.result.options.stdCaliper ? " SD" : ""} (= ${formatNumber(m.result.options.caliperWidth)})`;
      out += `${o.replace ? ", with replacement" : ", without replacement"}${o.method === "nearest" ? `, order ${o.order}` : ""}\n`;
      out += `Propensity model: ${res.formula} (${res.model.method}), ${res.n} patients (${res.nTreated} treated, ${res.nControl} untreated)\n`;
      const reasons = Object.entries(s.unmatchedByReason).filter(([, k]) => k > 0).map(([r, k]) => `${k} ${r.replace(/-/g, " ")}`);
      out += `Matched: ${s.treatedMatched} of ${s.treated} treated with ${s.controlsMatched} of ${s.controls} untreated patients`;
      out += s.treatedUnmatched > 0 ? `; ${s.treatedUnmatched} treated unmatched (${reasons.join(", ")})\n` : "\n";
      if (m.result.subclasses) out += `Subclasses: ${m.result.subclasses.length}; total within-subclass distance ${formatNumber(m.result.objective ?? Number.NaN)}\n`;
      out += "\n";
      out += balanceText(m.balance);
      if (effect) out += effectText(effect, opts);
      if (it) out += immortalTimeText(it);
      out += warnings.map((w) => `note: ${w}\n`).join("");
      io.stdout(out);
    });

  addPropensityOptions(program.command("weight").description("inverse probability of treatment weights (ATE, ATT, ATC, overlap) with balance before and after"))
    .requiredOption("--estimand <e>", "ATE, ATT, ATC or ATO (overlap)")
    .option("--stabilize", "stabilised weights (multiplied by the marginal treatment probability)")
    .option("--trim <q>", "drop patients with a propensity score outside [q, 1 - q]")
    .option("--truncate <p>", "truncate weights at this percentile (e.g. 0.99)")
    .action(async (file: string, opts: WeightCliOptions) => {
      const weighting = {
        estimand: parseChoice("--estimand", opts.estimand, ["ATE", "ATT", "ATC", "ATO"] as const),
        stabilize: opts.stabilize === true,
        trimPs: opts.trim === undefined ? undefined : parseNumberOption("--trim", opts.trim, { min: 0, max: 0.5, maxExclusive: true, describe: "a quantile q in [0, 0.5), e.g. 0.05" }),
        truncate: opts.truncate === undefined ? undefined : parseProbabilityOption("--truncate", opts.truncate, "a percentile strictly between 0 and 1, e.g. 0.99"),
      };
      const eff = effectOptions(opts);
      const data = await loadData(file, opts, io, propensityColumns(opts));
      const { res, warnings, immortalTime: it } = run(data, opts, { weighting }, await treatmentDateHintOf(file, data, opts, io));
      if ((weighting.trimPs !== undefined || weighting.truncate !== undefined) && opts.time !== undefined) {
        throw new SurvinferError({ code: "OPTION_CONFLICT", message: "--trim and --truncate are not yet supported together with the survival effect (--time/--event)", hint: "run the effect without trimming, or the balance without --time" });
      }
      const effect = await effectOnSurvival(data, opts, eff, io, { matching: false, weighting: { estimand: weighting.estimand, stabilize: weighting.stabilize } });
      const w = res.weighting!;
      if (opts.json) {
        return printJson(io, {
          ps: res.ps,
          weights: w.weights,
          ess: w.ess,
          balance: { before: balanceRows(w.balance, "before"), after: balanceRows(w.balance, "after"), formula: w.balance.formula },
          estimand: w.result.estimand,
          estimandDescription: w.result.estimandDescription,
          extreme: w.result.extreme,
          model: res.model,
          overlap: res.overlap,
          effect,
          ...(it ? { immortalTime: it } : {}),
          warnings,
        });
      }
      let out = `Propensity-score weighting: ${w.result.estimandLabel}${opts.stabilize ? ", stabilised" : ""} — ${w.result.estimandDescription}\n`;
      out += `Weights: ${w.result.formula}\n`;
      out += `Propensity model: ${res.formula} (${res.model.method}), ${res.n} patients (${res.nTreated} treated, ${res.nControl} untreated)\n`;
      out += `Effective sample size: treated ${formatNumber(w.ess.treated)}, untreated ${formatNumber(w.ess.control)}; largest weight ${formatNumber(w.result.extreme.maxWeight)} (patient ${w.result.extreme.maxId})\n\n`;
      out += balanceText(w.balance);
      if (effect) out += effectText(effect, opts);
      if (it) out += immortalTimeText(it);
      out += warnings.map((x) => `note: ${x}\n`).join("");
      io.stdout(out);
    });
}
