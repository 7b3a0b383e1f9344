/**
 * `survinfer km DATA --time COL --event COL [--event-value V] [--by COL] [--weights COL]
 *  [--conf-type log|log-log|plain] [--conf-level 0.95] [--times 12,60] [--json]`
 */
import type { Command } from "commander";
import { kaplanMeier, type KaplanMeierResult } from "../../survival/kaplan-meier.js";
import { medianFollowUp } from "../../survival/follow-up.js";
import { ciText, formatNumber, formatTable, printJson } from "../format.js";
import type { CliIO } from "../io.js";
import { parseChoice, parseNumberList, parseProbabilityOption, TIME_BOUNDS } from "../options.js";
import { statusCodingText } from "../data-args.js";
import { addSurvivalDataOptions, loadSurvivalData, type SurvivalDataOptions } from "./survival-data.js";
import { addTreatmentDateOptions, immortalTimeText, type TreatmentDateOptions } from "../treatment-date.js";
import { survivalTreatmentDate, timeDependentLevels } from "./treatment-date-survival.js";
import { addEngineOptions, chosenEngine, MEMORY_ONLY_OPTIONS, rejectMemoryOnlyOptions, withSqlSource, type EngineOptions } from "../engine-args.js";
import { parseReferences } from "../options.js";
import { survivalRelation } from "../../sql/survival-columns.js";
import { kaplanMeierSqlCells } from "../../sql/km.js";
import { followUpFromCells } from "../../sql/follow-up.js";
import type { KaplanMeierOptions } from "../../survival/kaplan-meier.js";

interface KmCliOptions extends SurvivalDataOptions, TreatmentDateOptions, EngineOptions {
  confType: string;
  confLevel: string;
  times?: string;
}

export function registerKm(program: Command, io: CliIO): void {
  addTreatmentDateOptions(
    addSurvivalDataOptions(addEngineOptions(program.command("km")).description("Kaplan–Meier survival curves with medians and survival at chosen times (R: survfit)")).option("--by <col>", "one curve per value of this column"),
    "with --treatment-date: Simon–Makuch curves (untreated until treatment, treated after; R: survfit on tmerge'd data)",
  )
    .option("--weights <col>", "case weights column")
    .option("--conf-type <type>", "confidence interval transform: log (R's default), log-log, plain", "log")
    .option("--conf-level <level>", "confidence level", "0.95")
    .option("--times <list>", "comma-separated times for the survival table, e.g. 12,36,60")
    .option("--json", "print one JSON object")
    .action(async (file: string | undefined, opts: KmCliOptions) => {
      const confType = parseChoice("--conf-type", opts.confType, ["log", "log-log", "plain"] as const);
      const confLevel = parseProbabilityOption("--conf-level", opts.confLevel);
      const times = opts.times === undefined ? undefined : parseNumberList("--times", opts.times, TIME_BOUNDS);
      const engine = chosenEngine(file, opts);
      if (engine !== "memory") return kmInDatabase(engine, file, opts, io, { confType, confLevel, times });
      const d = await loadSurvivalData(file, opts, io);
      const td = await survivalTreatmentDate(d, opts);
      const iv = td.result?.intervals;
      // Simon–Makuch (--time-dependent): Kaplan–Meier on the (tstart, tstop] intervals, grouped by treatment on each interval
      const input = iv
        ? { time: iv.stop, status: iv.status, entry: iv.start, weights: d.weights && Float64Array.from(iv.patient, (k) => d.weights![k]), group: { codes: iv.treated, levels: timeDependentLevels(td.result!.group) }, rowNumbers: td.result!.intervalRowNumbers }
        : { time: d.time, status: d.status, weights: d.weights, group: d.group, rowNumbers: d.rowNumbers };
      const res = kaplanMeier(input, { confType, confLevel, times });
      const followUp = medianFollowUp({ time: d.time, status: d.status, group: d.group, rowNumbers: d.rowNumbers });
      const warnings = [...d.warnings, ...(td.result?.warnings ?? []), ...(td.hint === undefined ? [] : [td.hint]), ...res.warnings];
      const immortalTime = td.result && { ...td.result.summary, ...(iv ? { intervals: iv.stop.length } : {}) };
      if (opts.json) return printJson(io, { ...res, statusCoding: d.statusCoding, followUp, ...(immortalTime ? { immortalTime } : {}), warnings });
      const title = iv ? "Simon–Makuch curves (treatment as time-dependent: patients count as untreated until treatment)\n" : "";
      const by = iv ? undefined : opts.by;
      io.stdout(
        title +
          kmText(res, by, opts.times !== undefined) +
          `${statusCodingText(d.statusCoding, opts.event, opts.eventValue)}\n` +
          followUpText(followUp.strata) +
          (td.result ? immortalTimeText(td.result.summary) : "") +
          warnings.map((w) => `note: ${w}\n`).join(""),
      );
    });
}

/** --engine duckdb|postgres: the same curves from counts computed in the database (src/sql/km.ts). */
async function kmInDatabase(engine: "duckdb" | "postgres", file: string | undefined, opts: KmCliOptions, io: CliIO, options: KaplanMeierOptions): Promise<void> {
  rejectMemoryOnlyOptions(engine, opts as unknown as Record<string, unknown>, MEMORY_ONLY_OPTIONS);
  const out = await withSqlSource(engine, file, opts, io, async (db, source) => {
    const rel = await survivalRelation(db, source, { time: opts.time, event: opts.event, eventValue: opts.eventValue, by: opts.by, weights: opts.weights, reference: parseReferences(opts.reference) });
    const { result, cells } = await kaplanMeierSqlCells(db, rel, options);
    return { res: result, rel, followUp: followUpFromCells(cells, rel.group?.levels ?? ["all"]) };
  });
  const { res, rel, followUp } = out;
  if (opts.json) return printJson(io, { ...res, statusCoding: rel.statusCoding, followUp, engine, warnings: res.warnings });
  io.stdout(kmText(res, opts.by, opts.times !== undefined) + `${statusCodingText(rel.statusCoding, opts.event, opts.eventValue)}\n` + followUpText(followUp.strata) + `(computed by ${engine})\n` + res.warnings.map((w) => `note: ${w}\n`).join(""));
}

function kmText(res: KaplanMeierResult, by: string | undefined, withTimes: boolean): string {
  const pct = `${Math.round(res.options.confLevel * 100)}% CI`;
  const label = (name: string): string => (by !== undefined ? `${by}=${name}` : res.strata.length === 1 ? "all" : name);
  let out = `Kaplan–Meier estimate (${res.options.confType} confidence intervals, ${res.options.variance} variance)\n\n`;
  if (withTimes) {
    for (const s of res.strata) {
      out += `${label(s.name)}\n`;
      out += formatTable(
        ["time", "n.risk", "n.event", "survival", "std.err", pct],
        s.at.map((a) => [
          formatNumber(a.time),
          formatNumber(a.nRisk),
          formatNumber(a.nEvent),
          a.estimable ? formatNumber(a.surv) : "NA",
          a.estimable ? formatNumber(a.stdErr) : "NA",
          a.estimable ? ciText(a.lower, a.upper) : "past the last observation",
        ]),
      );
      out += "\n";
    }
  }
  const med = (x: number | null): string => (x === null ? "not reached" : formatNumber(x));
  out += formatTable(
    ["group", "n", "events", "median", pct],
    res.strata.map((s) => [label(s.name), formatNumber(s.n), formatNumber(s.events), med(s.median.estimate), `${med(s.median.lower)} to ${med(s.median.upper)}`]),
  );
  return out;
}

function followUpText(strata: readonly { name: string; median: { estimate: number | null } }[]): string {
  const parts = strata.map((s) => `${s.name}: ${s.median.estimate === null ? "not reached" : formatNumber(s.median.estimate)}`);
  return `\nMedian follow-up (reverse Kaplan–Meier): ${parts.join("; ")}\n`;
}
