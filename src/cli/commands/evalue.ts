/** `survinfer evalue --hr 0.62 --lower 0.41 --upper 0.94 [--rare] [--json]` */
import type { Command } from "commander";
import { eValueHazardRatio } from "../../causal/evalue.js";
import { parseNumberOption } from "../options.js";
import { formatNumber, printJson } from "../format.js";
import type { CliIO } from "../io.js";

interface EValueOptions {
  hr: string;
  lower?: string;
  upper?: string;
  rare?: boolean;
  json?: boolean;
}

/** A hazard ratio or a confidence limit of one: a finite number > 0. */
const RATIO = { min: 0, minExclusive: true, describe: "a hazard ratio > 0" } as const;

export function registerEValue(program: Command, io: CliIO): void {
  program
    .command("evalue")
    .description("E-value of a hazard ratio and its confidence limit (VanderWeele & Ding 2017)")
    .requiredOption("--hr <number>", "hazard ratio")
    .option("--lower <number>", "lower confidence limit")
    .option("--upper <number>", "upper confidence limit")
    .option("--rare", "outcome rare (< 15%) at the end of follow-up: no common-outcome transformation")
    .option("--json", "print one JSON object")
    .action((opts: EValueOptions) => {
      const res = eValueHazardRatio({
        hr: parseNumberOption("--hr", opts.hr, RATIO),
        lower: opts.lower === undefined ? undefined : parseNumberOption("--lower", opts.lower, RATIO),
        upper: opts.upper === undefined ? undefined : parseNumberOption("--upper", opts.upper, RATIO),
        rare: opts.rare === true,
      });
      if (opts.json) return printJson(io, res);
      io.stdout(
        `E-value for the hazard ratio${res.options.rare ? " (rare outcome: HR used as RR)" : " (common outcome: HR converted to RR)"}\n` +
          `  point estimate: ${formatNumber(res.point)}\n` +
          (res.ci === null ? "" : `  confidence limit closer to 1: ${formatNumber(res.ci)}\n`) +
          res.warnings.map((w) => `  note: ${w}\n`).join(""),
      );
    });
}
