/**
 * `survinfer sensitivity`: the sensitivity engines of src/sensitivity/ without a study, one mode per call —
 *   --hr H --lower L --upper U [--survival-at-end S] [--gammas ..] [--p1 ..] [--p0 ..]   E-value + bias analysis
 *   --discordant T,O [--gammas ..] [--alpha A]                                           Rosenbaum McNemar bounds
 *   --sample-size --rsquared R --parameters P --rate r --horizon t --mean-follow-up f [--shrinkage S]   Riley criteria
 * `--json` prints one JSON object (docs/cli.md, "sensitivity").
 */
import type { Command } from "commander";
import { SurvinferError } from "../../errors.js";
import { eValueFromSurvival, eValueHazardRatio } from "../../causal/evalue.js";
import { biasAnalysis, DEFAULT_BIAS_GRID } from "../../sensitivity/bias-analysis.js";
import { DEFAULT_GAMMAS, rosenbaumMcNemar } from "../../sensitivity/rosenbaum.js";
import { rileySampleSize } from "../../sensitivity/sample-size.js";
import { parseIntegerOption, parseNumberList, parseNumberOption } from "../options.js";
import { formatNumber, formatP, formatTable, printJson } from "../format.js";
import type { CliIO } from "../io.js";

interface SensitivityOptions {
  hr?: string;
  lower?: string;
  upper?: string;
  survivalAtEnd?: string;
  gammas?: string;
  p1?: string;
  p0?: string;
  discordant?: string;
  alpha?: string;
  sampleSize?: boolean;
  rsquared?: string;
  parameters?: string;
  rate?: string;
  horizon?: string;
  meanFollowUp?: string;
  shrinkage?: string;
  json?: boolean;
}

const RATIO = { min: 0, minExclusive: true, describe: "a hazard ratio > 0" } as const;
const POSITIVE = { min: 0, minExclusive: true, describe: "a number > 0" } as const;
const UNIT = { min: 0, max: 1, minExclusive: true, maxExclusive: true, describe: "a number strictly between 0 and 1" } as const;

function need(opts: SensitivityOptions, key: keyof SensitivityOptions, flag: string, mode: string): string {
  const v = opts[key];
  if (typeof v !== "string") throw new SurvinferError({ code: "OPTION_INVALID", message: `${mode} needs ${flag}` });
  return v;
}

function riley(opts: SensitivityOptions, io: CliIO): void {
  const mode = "--sample-size";
  const res = rileySampleSize({
    rsquared: parseNumberOption("--rsquared", need(opts, "rsquared", "--rsquared", mode), UNIT),
    parameters: parseIntegerOption("--parameters", need(opts, "parameters", "--parameters", mode), { min: 1, max: 100000 }),
    rate: parseNumberOption("--rate", need(opts, "rate", "--rate", mode), POSITIVE),
    timepoint: parseNumberOption("--horizon", need(opts, "horizon", "--horizon", mode), POSITIVE),
    meanFollowUp: parseNumberOption("--mean-follow-up", need(opts, "meanFollowUp", "--mean-follow-up", mode), POSITIVE),
    shrinkage: opts.shrinkage === undefined ? undefined : parseNumberOption("--shrinkage", opts.shrinkage, UNIT),
  });
  if (opts.json) return printJson(io, res);
  io.stdout(
    `Minimum sample size for a survival prediction model (Riley et al. 2019/2020; pmsampsize type "s")\n` +
      formatTable(
        ["criterion", "n", "events", "EPP", "shrinkage"],
        [...res.criteria.map((c) => [c.criterion, String(c.n), formatNumber(c.events, 1), formatNumber(c.epp, 2), formatNumber(c.shrinkage, 3)]), ["minimum", String(res.n), formatNumber(res.events, 1), formatNumber(res.epp, 2), formatNumber(res.shrinkage, 3)]],
      ) +
      `\n  max R² (Cox–Snell) ${formatNumber(res.maxRsquared, 2)}; overall risk at the horizon ${formatNumber(res.risk.estimate, 3)} (${formatNumber(res.risk.lower, 3)} to ${formatNumber(res.risk.upper, 3)})\n`,
  );
}

function mcnemar(opts: SensitivityOptions, io: CliIO): void {
  const parts = parseNumberList("--discordant", opts.discordant!, { min: 0, describe: "a count ≥ 0" });
  if (parts.length !== 2 || !parts.every(Number.isInteger)) throw new SurvinferError({ code: "OPTION_INVALID", message: "option --discordant must be two whole counts: pairs in the tested direction, pairs in the other", value: opts.discordant });
  const gammas = opts.gammas === undefined ? DEFAULT_GAMMAS : parseNumberList("--gammas", opts.gammas, { min: 1, describe: "a Γ ≥ 1" });
  const alpha = opts.alpha === undefined ? undefined : parseNumberOption("--alpha", opts.alpha, UNIT);
  const res = rosenbaumMcNemar(parts[0], parts[1], { gammas, alpha });
  if (opts.json) return printJson(io, res);
  const change = res.gammaChangeStatus === "found" ? `conclusion changes at Γ = ${formatNumber(res.gammaChange, 3)}` : res.gammaChangeStatus;
  io.stdout(`${res.method}\n${formatTable(["Γ", "upper p", "lower p"], res.rows.map((r) => [formatNumber(r.gamma, 2), formatP(r.pUpper), formatP(r.pLower)]))}\n  ${change}\n`);
}

function confounding(opts: SensitivityOptions, io: CliIO): void {
  const mode = "--hr";
  const hr = parseNumberOption("--hr", opts.hr!, RATIO);
  const lower = parseNumberOption("--lower", need(opts, "lower", "--lower", mode), RATIO);
  const upper = parseNumberOption("--upper", need(opts, "upper", "--upper", mode), RATIO);
  const eValue =
    opts.survivalAtEnd === undefined
      ? eValueHazardRatio({ hr, lower, upper, rare: false })
      : eValueFromSurvival({ hr, lower, upper, survivalAtEnd: parseNumberOption("--survival-at-end", opts.survivalAtEnd, { min: 0, max: 1, describe: "a survival probability in [0, 1]" }) });
  const prev = { min: 0, max: 1, describe: "a prevalence in [0, 1]" } as const;
  const grid = {
    gammas: opts.gammas === undefined ? DEFAULT_BIAS_GRID.gammas : parseNumberList("--gammas", opts.gammas, RATIO),
    p1: opts.p1 === undefined ? DEFAULT_BIAS_GRID.p1 : parseNumberList("--p1", opts.p1, prev),
    p0: opts.p0 === undefined ? DEFAULT_BIAS_GRID.p0 : parseNumberList("--p0", opts.p0, prev),
  };
  const bias = biasAnalysis({ hr, lower, upper }, grid);
  if (opts.json) return printJson(io, { eValue, biasAnalysis: bias });
  const rows: string[][] = [];
  for (const p of bias.panels) {
    const s = p.tippingHrSegment;
    const c = p.tippingCiSegment;
    const seg = (x: typeof s): string => (x === null ? "none in [0, 1]" : `from p0 ${formatNumber(x.from[0], 3)}, p1 ${formatNumber(x.from[1], 3)} to p0 ${formatNumber(x.to[0], 3)}, p1 ${formatNumber(x.to[1], 3)}`);
    rows.push([formatNumber(p.gamma, 2), seg(s), seg(c)]);
  }
  io.stdout(
    `E-value: ${formatNumber(eValue.point)} (confidence limit: ${eValue.ci === null ? "–" : formatNumber(eValue.ci)}); ${"rareRule" in eValue ? eValue.rareRule : "common outcome assumed (give --survival-at-end to decide from 1 − KM)"}\n` +
      `Bias analysis (VanderWeele & Arah 2011): prevalences of an unmeasured binary confounder (p1 treated, p0 untreated) at which\n` +
      formatTable(["γ", "adjusted HR = 1", "confidence limit = 1"], rows) +
      "\n" +
      bias.warnings.map((w) => `  note: ${w}\n`).join(""),
  );
}

export function registerSensitivity(program: Command, io: CliIO): void {
  program
    .command("sensitivity")
    .description("Sensitivity to unmeasured confounding (E-value, bias analysis, Rosenbaum McNemar bounds) and the Riley sample size")
    .option("--hr <number>", "hazard ratio (E-value and bias analysis)")
    .option("--lower <number>", "lower confidence limit of the HR")
    .option("--upper <number>", "upper confidence limit of the HR")
    .option("--survival-at-end <number>", "Kaplan–Meier survival at the end of follow-up: decides the rare-outcome rule (1 − S < 15%)")
    .option("--gammas <list>", "bias analysis: confounder–outcome HRs γ (default 0.33,0.5,2,3); --discordant: Γ grid (default 1,1.25,…,6)")
    .option("--p1 <list>", "prevalences of the confounder among the treated (default 0,0.1,…,1)")
    .option("--p0 <list>", "prevalences of the confounder among the untreated (default 0,0.1,…,1)")
    .option("--discordant <t,o>", "McNemar-type Rosenbaum bounds: discordant pairs in the tested direction and in the other")
    .option("--alpha <number>", "one-sided level for the Γ at which the conclusion changes (default 0.05)")
    .option("--sample-size", "Riley et al. minimum sample size for a survival prediction model")
    .option("--rsquared <number>", "anticipated Cox–Snell R²")
    .option("--parameters <n>", "candidate predictor parameters")
    .option("--rate <number>", "events per unit of person-time")
    .option("--horizon <number>", "prediction horizon (unit of the rate)")
    .option("--mean-follow-up <number>", "mean follow-up (unit of the rate)")
    .option("--shrinkage <number>", "target shrinkage (default 0.9)")
    .option("--json", "print one JSON object")
    .action((opts: SensitivityOptions) => {
      const modes = [opts.hr !== undefined, opts.discordant !== undefined, opts.sampleSize === true].filter(Boolean).length;
      if (modes !== 1) {
        throw new SurvinferError({ code: "OPTION_CONFLICT", message: "give exactly one of --hr (E-value and bias analysis), --discordant (Rosenbaum bounds) or --sample-size (Riley criteria)" });
      }
      if (opts.sampleSize) return riley(opts, io);
      if (opts.discordant !== undefined) return mcnemar(opts, io);
      return confounding(opts, io);
    });
}
