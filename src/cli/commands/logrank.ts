/** `survinfer logrank DATA --time COL --event COL [--event-value V] --by COL [--strata COL] [--rho 0] [--trend] [--json]` */
import type { Command } from "commander";
import { logrankTest, logrankTrendTest } from "../../survival/logrank.js";
import { formatNumber, ciText, formatTable, pText, printJson } from "../format.js";
import type { CliIO } from "../io.js";
import { parseNumberOption } from "../options.js";
import { statusCodingText } from "../data-args.js";
import { addSurvivalDataOptions, loadSurvivalData, type SurvivalDataOptions } from "./survival-data.js";

interface LogrankCliOptions extends SurvivalDataOptions {
  rho?: string;
  trend?: boolean;
}

export function registerLogrank(program: Command, io: CliIO): void {
  addSurvivalDataOptions(program.command("logrank").description("log-rank / G-rho test comparing survival between groups (R: survdiff)"))
    .requiredOption("--by <col>", "group column")
    .option("--strata <col>", "stratify the test by this column")
    .option("--rho <number>", "G-rho exponent: 0 log-rank (default), 1 Peto–Peto", "0")
    .option("--trend", "also the test for trend across the ordered groups (scores 1..k)")
    .option("--json", "print one JSON object")
    .action((file: string, opts: LogrankCliOptions) => {
      const rho = parseNumberOption("--rho", opts.rho ?? "0");
      const d = loadSurvivalData(file, opts, io);
      const input = { time: d.time, status: d.status, group: d.group!, strata: d.strata, rowNumbers: d.rowNumbers };
      const res = logrankTest(input, { rho });
      const trend = opts.trend ? logrankTrendTest(input, { rho }) : undefined;
      const warnings = [...d.warnings, ...res.warnings, ...(trend?.warnings ?? [])];
      if (opts.json) return printJson(io, { ...res, statusCoding: d.statusCoding, trend, warnings });
      const rows = res.groups.map((g, k) => {
        const oe = g.observed - g.expected;
        return [
          `${opts.by}=${g.name}`,
          String(g.n),
          formatNumber(g.observed),
          formatNumber(g.expected),
          formatNumber((oe * oe) / g.expected),
          formatNumber((oe * oe) / res.variance[k][k]),
        ];
      });
      let out = `${res.method} test${d.strata ? ` stratified by ${opts.strata}` : ""}${rho !== 0 ? ` (rho = ${rho})` : ""}\n\n`;
      out += formatTable(["group", "N", "Observed", "Expected", "(O-E)^2/E", "(O-E)^2/V"], rows);
      out += `\nChisq = ${formatNumber(res.chisq)} on ${res.df} degrees of freedom, ${pText(res.p)}\n`;
      if (trend) out += `Test for trend (scores 1..${trend.groups.length}): Chisq = ${formatNumber(trend.chisq)} on 1 df, ${pText(trend.p)}\n`;
      if (res.hazardRatio) {
        const hr = res.hazardRatio.observedExpectedRatio;
        out += `Hazard ratio from the log-rank (O/E ratio, not a Cox model), ${res.hazardRatio.comparison}: ${formatNumber(hr.estimate)} (${Math.round(res.hazardRatio.confLevel * 100)}% CI ${ciText(hr.lower, hr.upper)})\n`;
      }
      out += `${statusCodingText(d.statusCoding, opts.event, opts.eventValue)}\n`;
      out += warnings.map((w) => `note: ${w}\n`).join("");
      io.stdout(out);
    });
}
