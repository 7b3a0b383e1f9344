/**
 * `survinfer recurrent DATA --id COL --start COL --stop COL --event COL [--covariates a,b]
 *   [--model ag|pwp-total|pwp-gap] [--by COL] [--ties efron|breslow] [--conf-level 0.95] [--json]`
 * Recurrent events in counting-process rows (one row per patient interval): the mean cumulative function
 * (R: survfit(Surv(start, stop, event) ~ by, id = id)) and, with --covariates, the Andersen–Gill or PWP
 * Cox model (R: coxph(... + cluster(id) [+ strata(enum)])).
 * JSON: { model: {model, rCall, nPatients, nRows, nEvents, n, nEvent, terms[].{name, coef, hr, se, robustSe,
 * z, p, lower, upper}, loglik, tests, strata[].{eventNumber, n, events}, options} | null,
 * mcf: {rCall, curves[].{name, nPatients, events, time, nRisk, nEvent, nCensor, mcf, stdErr, naiveStdErr, lower, upper}, options},
 * warnings }.
 * The --id column repeats across a patient's rows here (it is not checked unique as in other commands).
 */
import type { Command } from "commander";
import { SurvinferError } from "../../errors.js";
import type { Table } from "../../data/table.js";
import { meanCumulativeFunction, type McfResult } from "../../survival/recurrent/mcf.js";
import { fitRecurrentCox, type RecurrentCoxResult, type RecurrentModel } from "../../survival/recurrent/recurrent-cox.js";
import { addDataOptions, loadData, type DataOptions } from "../data-args.js";
import { ciText, formatNumber, formatP, formatTable, pText, printJson } from "../format.js";
import type { CliIO } from "../io.js";
import { findColumn } from "../../data/table.js";
import { decodeStatus, type StatusCoding } from "../../formula/surv-status.js";
import { statusCodingText } from "../data-args.js";
import { parseChoice, parseProbabilityOption, parseReferences } from "../options.js";

interface RecurrentCliOptions extends DataOptions {
  start: string;
  stop: string;
  event: string;
  covariates?: string;
  model: string;
  by?: string;
  ties: string;
  confLevel: string;
  json?: boolean;
}

const MODEL_TITLES: Record<RecurrentModel, string> = {
  ag: "Andersen–Gill model",
  "pwp-total": "Prentice–Williams–Peterson model, total time",
  "pwp-gap": "Prentice–Williams–Peterson model, gap time",
};

export function registerRecurrent(program: Command, io: CliIO): void {
  addDataOptions(
    program
      .command("recurrent")
      .description("recurrent events: mean cumulative function (survfit with id) and Andersen–Gill / PWP Cox models (coxph + cluster(id))")
      .argument("<data>", "data file (CSV, TSV or XLSX), one row per patient interval (start, stop]")
      .requiredOption("--start <col>", "interval start time")
      .requiredOption("--stop <col>", "interval stop time")
      .requiredOption("--event <col>", "1 = event at the stop time, 0 = none")
      .option("--covariates <cols>", "comma-separated covariates of the Cox model (formula terms such as factor(grade) allowed)")
      .option("--model <model>", "ag (Andersen–Gill), pwp-total or pwp-gap", "ag")
      .option("--by <col>", "one mean cumulative function per level of this column")
      .option("--ties <method>", "efron (R's default) or breslow", "efron")
      .option("--conf-level <level>", "confidence level", "0.95")
      .option("--json", "print one JSON object"),
  ).action(async (file: string, opts: RecurrentCliOptions) => {
    if (opts.id === undefined) {
      throw new SurvinferError({ code: "OPTION_MISSING", message: "recurrent events need --id: the column naming each row's patient", hint: "add --id COL" });
    }
    const model = parseChoice("--model", opts.model, ["ag", "pwp-total", "pwp-gap"] as const);
    const confLevel = parseProbabilityOption("--conf-level", opts.confLevel);
    // The id repeats across a patient's intervals: read the file without the unique-id check.
    const { table, warnings: readWarnings } = await loadData(file, { ...opts, id: undefined }, io);
    const columns = { id: opts.id, start: opts.start, stop: opts.stop, event: opts.event };
    const mcf = meanCumulativeFunction(table, { ...columns, by: opts.by, confLevel });
    const covariates = (opts.covariates ?? "").split(",").map((s) => s.trim()).filter((s) => s.length > 0);
    const cox = covariates.length === 0 ? null : fitRecurrentCox(table, model, {
      ...columns,
      covariates,
      reference: parseReferences(opts.reference),
      ties: parseChoice("--ties", opts.ties, ["efron", "breslow"] as const),
      confLevel,
    });
    const warnings = [...readWarnings, ...mcf.warnings, ...(cox?.warnings ?? [])];
    const statusCoding = eventCoding(table, opts.event);
    if (opts.json) {
      const modelJson = cox === null ? null : {
        model: cox.model, rCall: cox.rCall, nPatients: cox.nPatients, nRows: cox.nRows, nEvents: cox.nEvents,
        ...cox.fit, strata: cox.strata, modelTerms: cox.terms, nDropped: cox.nDropped, dropped: cox.dropped, options: cox.options,
      };
      return printJson(io, { statusCoding, model: modelJson, mcf, warnings });
    }
    io.stdout(recurrentText(mcf, cox) + `${statusCodingText(statusCoding, opts.event)}\n` + warnings.map((w) => `note: ${w}\n`).join(""));
  });
}

/** How the (already validated) event column was read, by Surv()'s rule. */
function eventCoding(table: Table, event: string): StatusCoding {
  const col = findColumn(table, event);
  if (col === undefined || col.kind !== "numeric") return "0/1";
  return decodeStatus(col.values, { label: event, rowNumbers: table.rowNumbers }).coding;
}

/** Human-readable summary: the MCF at a few times per group and the Cox model table. */
export function recurrentText(mcf: McfResult, cox: RecurrentCoxResult | null): string {
  let out = `Mean cumulative number of events (Nelson–Aalen, Lawless–Nadeau robust SE): ${mcf.rCall}\n`;
  const pct = `${Math.round(mcf.options.confLevel * 100)}% CI`;
  const rows = mcf.curves.map((c) => {
    const j = c.time.length - 1;
    return [c.name, String(c.nPatients), String(c.events), formatNumber(c.time[j], 4), formatNumber(c.mcf[j], 4), formatNumber(c.stdErr[j], 4), ciText(c.lower[j], c.upper[j])];
  });
  out += formatTable(["group", "patients", "events", "last time", "MCF", "SE", pct], rows);
  if (cox !== null) {
    const fit = cox.fit;
    out += `\n${MODEL_TITLES[cox.model]} (${fit.options.ties} ties, robust variance clustered on the patient): ${cox.rCall}\n`;
    out += `patients = ${cox.nPatients}, intervals = ${cox.nRows}, events = ${cox.nEvents}${cox.nDropped > 0 ? ` (${cox.nDropped} rows dropped for missing values)` : ""}\n`;
    if (cox.strata.length > 0) out += `event-number strata (rows/events): ${cox.strata.map((s) => `${s.eventNumber}: ${s.n}/${s.events}`).join(", ")}\n`;
    out += "\n";
    out += formatTable(["term", "HR", `${Math.round(fit.options.confLevel * 100)}% CI`, "robust SE", "p"], fit.terms.map((t) => [
      t.name,
      t.hr === null ? "NA (collinear)" : formatNumber(t.hr, 3),
      t.hr === null ? "" : ciText(t.lower, t.upper),
      formatNumber(t.robustSe, 4),
      formatP(t.p),
    ]));
    const r = fit.tests.robustScore;
    out += `\nWald test (robust) = ${formatNumber(fit.tests.wald.statistic)} on ${fit.tests.wald.df} df, ${pText(fit.tests.wald.p)}\n`;
    if (r) out += `Robust score test  = ${formatNumber(r.statistic)} on ${r.df} df, ${pText(r.p)}\n`;
  }
  return out;
}
