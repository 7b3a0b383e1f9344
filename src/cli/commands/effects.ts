/**
 * `survinfer effects DATA --time COL --event COL --treatment COL --covariates a,b,c --times 12,36,60 [--tau T]
 *   [--estimator gformula|iptw|aipw|all] [--estimand ATE|ATT] [--conf-level 0.95] [--band NSIM [--seed S]] [--json]`
 * Standardised (adjusted) survival per arm and absolute contrasts (riskRegression::ate): g-formula from a Cox
 * model, IPTW with censoring weights, AIPW; SEs from influence functions that account for the fitted models.
 * JSON (docs/cli.md, "effects"): { n, nTreated, nEvent, groups, covariates, estimates[].{estimator, estimand,
 * at[].{time, survival, risk, difference, ratio}, band?, rmst?}, curve, options, statusCoding, warnings }. `--band NSIM`:
 * simultaneous confidence bands over the times from NSIM seeded Gaussian multipliers (riskRegression's band = TRUE),
 * as the study's analyses.adjustedCurves.band.
 */
import type { Command } from "commander";
import { survivalContrasts, type ContrastEstimator, type EstimatorResult } from "../../causal/survival-contrasts/index.js";
import { contrastsInputFromTable } from "../../causal/survival-contrasts/table-input.js";
import { treatmentIndicator } from "../../data/treatment.js";
import { optionError } from "../../errors.js";
import { addDataOptions, eventStatus, loadData, RowFilter, rowIds, statusCodingText, timeValues, type DataOptions } from "../data-args.js";
import { ciText, formatNumber, formatP, formatTable, printJson } from "../format.js";
import type { CliIO } from "../io.js";
import { parseChoice, parseIntegerOption, parseNumberList, parseNumberOption, parseProbabilityOption, parseReferences, parseSeedOption, POSITIVE_TIME, TIME_BOUNDS } from "../options.js";

/** Most multiplier simulations of a simultaneous band (as the spec's analyses.adjustedCurves.band). */
const MAX_BAND_SIMULATIONS = 100_000;

interface EffectsCliOptions extends DataOptions {
  time: string;
  event: string;
  eventValue?: string;
  treatment: string;
  treatedValue?: string;
  covariates: string;
  times: string;
  tau?: string;
  estimator: string;
  estimand: string;
  confLevel: string;
  band?: string;
  seed: string;
  json?: boolean;
}

const LABEL: Record<ContrastEstimator, string> = { gformula: "g-formula (Cox standardisation)", iptw: "IPTW (with censoring weights)", aipw: "AIPW (doubly robust)" };

function estimatorText(e: EstimatorResult, pct: string): string {
  let out = `\n${LABEL[e.estimator]}, ${e.estimand}\n`;
  out += formatTable(
    ["time", "S untreated", "S treated", "difference", pct, "p", "ratio", pct],
    e.at.map((a) => [
      formatNumber(a.time),
      `${formatNumber(a.survival.untreated.estimate, 3)} (${formatNumber(a.survival.untreated.se, 3)})`,
      `${formatNumber(a.survival.treated.estimate, 3)} (${formatNumber(a.survival.treated.se, 3)})`,
      formatNumber(a.difference.estimate, 3),
      ciText(a.difference.lower, a.difference.upper),
      formatP(a.difference.p),
      formatNumber(a.ratio.estimate, 3),
      ciText(a.ratio.lower, a.ratio.upper),
    ]),
  );
  const b = e.band;
  if (b !== undefined) {
    const q = (x: number): string => formatNumber(x, 3);
    out += `Simultaneous ${Math.round(b.confLevel * 100)}% band over the times (${b.nsim} multiplier simulations, seed ${b.seed}; quantile untreated ${q(b.quantile.untreated)}, treated ${q(b.quantile.treated)}, difference ${q(b.quantile.difference)})\n`;
    out += formatTable(
      ["time", "S untreated band", "S treated band", "difference band"],
      b.at.map((a) => [formatNumber(a.time), ciText(a.untreated.lower, a.untreated.upper), ciText(a.treated.lower, a.treated.upper), ciText(a.difference.lower, a.difference.upper)]),
    );
  }
  if (e.rmst) {
    const r = e.rmst;
    out += `RMST up to ${formatNumber(r.tau)}: untreated ${formatNumber(r.untreated.estimate)}, treated ${formatNumber(r.treated.estimate)}, difference ${formatNumber(r.difference.estimate)} (${pct} ${ciText(r.difference.lower, r.difference.upper)}), ${formatP(r.difference.p)}\n`;
  }
  return out;
}

export function registerEffects(program: Command, io: CliIO): void {
  addDataOptions(
    program
      .command("effects")
      .description("adjusted survival curves and absolute contrasts (g-formula, IPTW, AIPW; riskRegression::ate)")
      .argument("<data>", "data file (CSV, TSV, XLSX or Arrow)")
      .requiredOption("--time <col>", "follow-up time column")
      .requiredOption("--event <col>", "event status column (0/1, 1/2, or any values with --event-value)")
      .option("--event-value <value>", "the value of --event that means an event")
      .requiredOption("--treatment <col>", "treatment column")
      .option("--treated-value <value>", "value of --treatment meaning treated (default: 1, or the second level)")
      .requiredOption("--covariates <list>", "comma-separated covariates of the outcome, propensity and censoring models")
      .requiredOption("--times <list>", "times at which to compare survival, e.g. 12,36,60")
      .option("--tau <time>", "horizon of the restricted mean survival time (g-formula)")
      .option("--estimator <name>", "gformula, iptw, aipw or all", "all")
      .option("--estimand <name>", "ATE or ATT (ATT: g-formula only)", "ATE")
      .option("--conf-level <level>", "confidence level", "0.95")
      .option("--band <nsim>", "simultaneous confidence bands over the times from NSIM Gaussian multiplier simulations (e.g. 1000)")
      .option("--seed <n>", "seed of the band's multipliers", "1")
      .option("--json", "print one JSON object"),
  ).action(async (file: string, opts: EffectsCliOptions) => {
    const times = parseNumberList("--times", opts.times, TIME_BOUNDS);
    const tau = opts.tau === undefined ? undefined : parseNumberOption("--tau", opts.tau, POSITIVE_TIME);
    const est = parseChoice("--estimator", opts.estimator, ["gformula", "iptw", "aipw", "all"] as const);
    const estimand = parseChoice("--estimand", opts.estimand.toUpperCase(), ["ATE", "ATT"] as const);
    const confLevel = parseProbabilityOption("--conf-level", opts.confLevel);
    const band = opts.band === undefined ? false : { nsim: parseIntegerOption("--band", opts.band, { min: 1, max: MAX_BAND_SIMULATIONS }), seed: parseSeedOption("--seed", opts.seed) };
    const covariates = opts.covariates.split(",").map((s) => s.trim()).filter((s) => s !== "");
    if (covariates.length === 0) throw optionError("--covariates", "a comma-separated list of columns", opts.covariates);
    const { table, warnings: readWarnings } = await loadData(file, opts, io);
    const filter = new RowFilter(table);
    const time = Float64Array.from(timeValues(table, opts.time, filter));
    const event = eventStatus(table, opts.event, opts.eventValue, filter);
    filter.rows();
    const status = Int32Array.from(event.status);
    for (let i = 0; i < table.nRows; i++) if (filter.keep[i] === 0) status[i] = -1;
    const t = treatmentIndicator(table, opts.treatment, opts.treatedValue);
    if (opts.treatedValue !== undefined && !t.values.includes(opts.treatedValue)) {
      throw optionError("--treated-value", `one of the values of column "${opts.treatment}" (${t.values.slice(0, 10).map((v) => JSON.stringify(v)).join(", ")})`, opts.treatedValue);
    }
    const prepared = contrastsInputFromTable(
      { table, time, status, treatment: t.codes, covariates, ids: rowIds(table, opts.id), reference: parseReferences(opts.reference) },
      t.levels,
    );
    const res = survivalContrasts(prepared.input, { times, tau, estimators: est === "all" ? undefined : [est], estimand, confLevel, band });
    const warnings = [...readWarnings, ...filter.warnings(), ...prepared.warnings, ...res.warnings];
    const groups = { untreated: t.levels[0], treated: t.levels[1] };
    if (opts.json) return printJson(io, { ...res, groups, dropped: prepared.dropped, statusCoding: event.coding, warnings });
    const pct = `${Math.round(confLevel * 100)}% CI`;
    let out = `Adjusted survival: ${opts.treatment} = ${groups.treated} (treated) vs ${groups.untreated} (untreated); n = ${res.n}, ${res.nTreated} treated, ${res.nEvent} events\n`;
    out += `Covariates: ${res.covariates.join(", ")}; S (SE) per arm; difference = treated − untreated; ratio = treated / untreated\n`;
    for (const e of res.estimates) out += estimatorText(e, pct);
    out += `${statusCodingText(event.coding, opts.event, opts.eventValue)}\n`;
    out += warnings.map((w) => `note: ${w}\n`).join("");
    io.stdout(out);
  });
}
