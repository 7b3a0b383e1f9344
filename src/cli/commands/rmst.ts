/** `survinfer rmst DATA --time COL --event COL --by COL [--tau T] [--conf-level 0.95] [--json]` */
import type { Command } from "commander";
import { rmst, type RmstEstimate } from "../../survival/rmst.js";
import { formatNumber, ciText, formatTable, pText, printJson } from "../format.js";
import type { CliIO } from "../io.js";
import { parseNumberOption, parseProbabilityOption, POSITIVE_TIME } from "../options.js";
import { statusCodingText } from "../data-args.js";
import { addSurvivalDataOptions, loadSurvivalData, type SurvivalDataOptions } from "./survival-data.js";
import { addTreatmentDateOptions, immortalTimeText, type TreatmentDateOptions } from "../treatment-date.js";
import { survivalTreatmentDate } from "./treatment-date-survival.js";

interface RmstCliOptions extends SurvivalDataOptions, TreatmentDateOptions {
  tau?: string;
  confLevel?: string;
}

export function registerRmst(program: Command, io: CliIO): void {
  addTreatmentDateOptions(
    addSurvivalDataOptions(program.command("rmst").description("restricted mean survival time up to tau by group, difference and ratio (survRM2's method)")).requiredOption("--by <col>", "group column"),
  )
    .option("--tau <time>", "truncation time (default: survRM2's rule, the largest tau all groups support)")
    .option("--conf-level <level>", "confidence level", "0.95")
    .option("--json", "print one JSON object")
    .action(async (file: string, opts: RmstCliOptions) => {
      const tau = opts.tau === undefined ? undefined : parseNumberOption("--tau", opts.tau, POSITIVE_TIME);
      const confLevel = parseProbabilityOption("--conf-level", opts.confLevel ?? "0.95");
      const d = await loadSurvivalData(file, opts, io);
      const res = rmst({ time: d.time, status: d.status, group: d.group!, rowNumbers: d.rowNumbers }, { tau, confLevel });
      const td = await survivalTreatmentDate(d, opts);
      const warnings = [...d.warnings, ...(td.result?.warnings ?? []), ...(td.hint === undefined ? [] : [td.hint]), ...res.warnings];
      if (opts.json) return printJson(io, { ...res, statusCoding: d.statusCoding, ...(td.result ? { immortalTime: td.result.summary } : {}), warnings });
      const pct = `${Math.round(confLevel * 100)}% CI`;
      let out = `Restricted mean survival time up to tau = ${formatNumber(res.tau)}${res.tauDefaulted ? " (default: largest tau all groups support)" : ""}\n\n`;
      out += formatTable(
        ["group", "n", "events", "RMST", "SE", pct],
        res.groups.map((g) => [`${opts.by}=${g.name}`, String(g.n), String(g.events), formatNumber(g.rmst), formatNumber(g.se), ciText(g.lower, g.upper)]),
      );
      const line = (label: string, e: RmstEstimate): string => `  ${label}: ${formatNumber(e.estimate)} (${pct} ${ciText(e.lower, e.upper)}), ${pText(e.p)}\n`;
      for (const c of res.contrasts) {
        out += `\n${c.comparison}\n` + line("RMST difference", c.difference) + line("RMST ratio", c.ratio) + line("RMTL ratio", c.rmtlRatio);
      }
      out += `${statusCodingText(d.statusCoding, opts.event, opts.eventValue)}\n`;
      if (td.result) out += immortalTimeText(td.result.summary);
      out += warnings.map((w) => `note: ${w}\n`).join("");
      io.stdout(out);
    });
}
