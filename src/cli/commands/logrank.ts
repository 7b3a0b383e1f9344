/** `survinfer logrank DATA --time COL --event COL [--event-value V] --by COL [--strata COL] [--rho 0] [--trend] [--json]` */
import type { Command } from "commander";
import { logrankTest, logrankTrendTest } from "../../survival/logrank.js";
import { formatNumber, ciText, formatTable, pText, printJson } from "../format.js";
import type { CliIO } from "../io.js";
import { parseNumberOption } from "../options.js";
import { statusCodingText } from "../data-args.js";
import { addSurvivalDataOptions, loadSurvivalData, type SurvivalDataOptions } from "./survival-data.js";
import { addTreatmentDateOptions, immortalTimeText, type TreatmentDateOptions } from "../treatment-date.js";
import { survivalTreatmentDate, timeDependentLevels, type SurvivalTreatmentDate } from "./treatment-date-survival.js";
import { mantelByar } from "../../survival/mantel-byar.js";
import { SurvinferError } from "../../errors.js";
import type { StatusCoding } from "../../formula/surv-status.js";
import { addEngineOptions, chosenEngine, MEMORY_ONLY_OPTIONS, rejectMemoryOnlyOptions, withSqlSource, type EngineOptions } from "../engine-args.js";
import { parseReferences } from "../options.js";
import { survivalRelation } from "../../sql/survival-columns.js";
import { logrankSql } from "../../sql/logrank.js";
import type { LogrankResult } from "../../survival/logrank.js";

interface LogrankCliOptions extends SurvivalDataOptions, TreatmentDateOptions, EngineOptions {
  rho?: string;
  trend?: boolean;
}

export function registerLogrank(program: Command, io: CliIO): void {
  addTreatmentDateOptions(
    addSurvivalDataOptions(addEngineOptions(program.command("logrank")).description("log-rank / G-rho test comparing survival between groups (R: survdiff)"))
      .requiredOption("--by <col>", "group column")
      .option("--strata <col>", "stratify the test by this column"),
    "with --treatment-date: Mantel–Byar test (log-rank on counting-process data: untreated until treatment, treated after)",
  )
    .option("--rho <number>", "G-rho exponent: 0 log-rank (default), 1 Peto–Peto", "0")
    .option("--trend", "also the test for trend across the ordered groups (scores 1..k)")
    .option("--json", "print one JSON object")
    .action(async (file: string | undefined, opts: LogrankCliOptions) => {
      const rho = parseNumberOption("--rho", opts.rho ?? "0");
      const engine = chosenEngine(file, opts);
      if (engine !== "memory") return logrankInDatabase(engine, file, opts, io, rho);
      const d = await loadSurvivalData(file, opts, io);
      const td = await survivalTreatmentDate(d, opts);
      if (td.result?.intervals) return mantelByarOutput(io, opts, d.statusCoding, td.result, rho, [...d.warnings, ...td.result.warnings]);
      const input = { time: d.time, status: d.status, group: d.group!, strata: d.strata, rowNumbers: d.rowNumbers };
      const res = logrankTest(input, { rho });
      const trend = opts.trend ? logrankTrendTest(input, { rho }) : undefined;
      const warnings = [...d.warnings, ...(td.result?.warnings ?? []), ...(td.hint === undefined ? [] : [td.hint]), ...res.warnings, ...(trend?.warnings ?? [])];
      if (opts.json) return printJson(io, { ...res, statusCoding: d.statusCoding, trend, ...(td.result ? { immortalTime: td.result.summary } : {}), warnings });
      io.stdout(logrankText(res, opts, d.statusCoding, trend) + (td.result ? immortalTimeText(td.result.summary) : "") + warnings.map((w) => `note: ${w}\n`).join(""));
    });
}

/** --engine duckdb|postgres: the test from counts computed in the database (src/sql/logrank.ts); no --trend there. */
async function logrankInDatabase(engine: "duckdb" | "postgres", file: string | undefined, opts: LogrankCliOptions, io: CliIO, rho: number): Promise<void> {
  rejectMemoryOnlyOptions(engine, opts as unknown as Record<string, unknown>, [...MEMORY_ONLY_OPTIONS, "trend"]);
  const { res, rel } = await withSqlSource(engine, file, opts, io, async (db, source) => {
    const rel = await survivalRelation(db, source, { time: opts.time, event: opts.event, eventValue: opts.eventValue, by: opts.by, strata: opts.strata, reference: parseReferences(opts.reference) });
    return { res: await logrankSql(db, rel, { rho }), rel };
  });
  if (opts.json) return printJson(io, { ...res, statusCoding: rel.statusCoding, engine, warnings: res.warnings });
  io.stdout(logrankText(res, opts, rel.statusCoding, undefined) + `(computed by ${engine})\n` + res.warnings.map((w) => `note: ${w}\n`).join(""));
}

/** The human table of the test (and the trend test), shared by both engines. */
function logrankText(res: Readonly<LogrankResult>, opts: LogrankCliOptions, statusCoding: StatusCoding, trend: { chisq: number; p: number; groups: readonly unknown[] } | undefined): string {
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
  const rho = res.options.rho;
  let out = `${res.method} test${opts.strata !== undefined ? ` stratified by ${opts.strata}` : ""}${rho !== 0 ? ` (rho = ${rho})` : ""}\n\n`;
  out += formatTable(["group", "N", "Observed", "Expected", "(O-E)^2/E", "(O-E)^2/V"], rows);
  out += `\nChisq = ${formatNumber(res.chisq)} on ${res.df} degrees of freedom, ${pText(res.p)}\n`;
  if (trend) out += `Test for trend (scores 1..${trend.groups.length}): Chisq = ${formatNumber(trend.chisq)} on 1 df, ${pText(trend.p)}\n`;
  if (res.hazardRatio) {
    const hr = res.hazardRatio.observedExpectedRatio;
    out += `Hazard ratio from the log-rank (O/E ratio, not a Cox model), ${res.hazardRatio.comparison}: ${formatNumber(hr.estimate)} (${Math.round(res.hazardRatio.confLevel * 100)}% CI ${ciText(hr.lower, hr.upper)})\n`;
  }
  out += `${statusCodingText(statusCoding, opts.event, opts.eventValue)}\n`;
  return out;
}

/** `--time-dependent`: the Mantel–Byar test on the counting-process intervals (rho = 0, no trend). */
function mantelByarOutput(io: CliIO, opts: LogrankCliOptions, statusCoding: StatusCoding, td: SurvivalTreatmentDate, rho: number, warnings: string[]): void {
  if (rho !== 0 || opts.trend) {
    throw new SurvinferError({ code: "OPTION_CONFLICT", message: `--time-dependent gives the Mantel–Byar (log-rank) test: it does not take ${rho !== 0 ? "--rho" : "--trend"}`, hint: "drop that option or --time-dependent" });
  }
  const iv = td.intervals!;
  const res = mantelByar({ start: iv.start, stop: iv.stop, status: iv.status, treated: iv.treated, strata: td.intervalStrata });
  const names = timeDependentLevels(td.group);
  const patients = (x: number): number => new Set(Array.from(iv.patient).filter((_, j) => iv.treated[j] === x)).size;
  const groups = [0, 1].map((x) => ({ name: names[x], n: patients(x), observed: res.observed[x], expected: res.expected[x] }));
  const immortalTime = { ...td.summary, intervals: iv.stop.length };
  if (opts.json) return printJson(io, { method: res.method, chisq: res.chisq, df: res.df, p: res.p, groups, variance: res.variance, statusCoding, immortalTime, warnings });
  let out = `Mantel–Byar test (log-rank with treatment as time-dependent: patients count as untreated until treatment)${opts.strata ? ` stratified by ${opts.strata}` : ""}\n\n`;
  out += formatTable(
    ["group", "N", "Observed", "Expected"],
    groups.map((g) => [g.name, String(g.n), formatNumber(g.observed), formatNumber(g.expected)]),
  );
  out += `\nChisq = ${formatNumber(res.chisq)} on 1 degree of freedom, ${pText(res.p)}\n`;
  out += `(N counts patients contributing time to each group: a patient treated during follow-up is in both.)\n`;
  out += immortalTimeText(td.summary);
  out += warnings.map((w) => `note: ${w}\n`).join("");
  io.stdout(out);
}
