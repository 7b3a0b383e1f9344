/**
 * `survinfer cuminc DATA --time COL --cause COL [--censor-value V] [--by COL] [--times 12,60] [--json]`:
 * cumulative incidence per cause (Aalen–Johansen, as cmprsk::cuminc) with Gray's test between groups.
 * The cause column holds whole numbers, 0 for censored unless --censor-value names another code, or
 * text with --censor-value naming the censored value (the other values become causes 1, 2, … in level order).
 */
import type { Command } from "commander";
import { cumulativeIncidence, type CumulativeIncidenceResult } from "../../survival/competing/cuminc.js";
import { SurvinferError } from "../../errors.js";
import type { Table } from "../../data/table.js";
import { requireColumn } from "../../data/validate.js";
import { addDataOptions, groupValues, loadData, pick, pickFactor, RowFilter, timeValues, type DataOptions } from "../data-args.js";
import { formatNumber, formatTable, pText, printJson } from "../format.js";
import type { CliIO } from "../io.js";
import { parseNumberList } from "../options.js";

interface CumincCliOptions extends DataOptions {
  time: string;
  cause: string;
  censorValue?: string;
  by?: string;
  times?: string;
  json?: boolean;
}

/** Cause codes: numeric as given (0 = censored unless --censor-value), text levels mapped to 1..k. */
function causeCodes(table: Table, name: string, censorValue: string | undefined, filter: RowFilter): { codes: Int32Array; labels: Record<number, string>; censorCode: number } {
  const col = requireColumn(table, name, "--cause");
  const codes = new Int32Array(table.nRows);
  const labels: Record<number, string> = {};
  if (col.kind === "categorical") {
    if (censorValue === undefined || !col.levels.includes(censorValue)) {
      throw new SurvinferError({ code: "DATA_BAD_STATUS", file: table.source.file, column: name, message: `column "${name}" is text: say which value means censored with --censor-value`, hint: `its values are ${col.levels.map((l) => JSON.stringify(l)).join(", ")}` });
    }
    const map = new Map<number, number>();
    let next = 1;
    col.levels.forEach((l, k) => {
      if (l === censorValue) map.set(k, 0);
      else {
        labels[next] = l;
        map.set(k, next++);
      }
    });
    for (let i = 0; i < table.nRows; i++) {
      if (col.codes[i] < 0) filter.drop(i, name);
      else codes[i] = map.get(col.codes[i]) ?? 0;
    }
    return { codes, labels, censorCode: 0 };
  }
  if (col.kind !== "numeric") throw new SurvinferError({ code: "DATA_BAD_STATUS", file: table.source.file, column: name, message: `column "${name}" holds dates, not causes` });
  const censor = censorValue === undefined ? 0 : Number(censorValue);
  for (let i = 0; i < table.nRows; i++) {
    const v = col.values[i];
    if (Number.isNaN(v)) {
      filter.drop(i, name);
      continue;
    }
    if (!Number.isInteger(v) || v < 0) {
      throw new SurvinferError({ code: "DATA_BAD_STATUS", file: table.source.file, row: table.rowNumbers[i], column: name, value: String(v), message: "a cause must be a whole number ≥ 0 (0 = censored)", hint: "or give text causes with --censor-value" });
    }
    codes[i] = v;
    if (v !== censor) labels[v] = String(v);
  }
  return { codes, labels, censorCode: censor };
}

export function registerCuminc(program: Command, io: CliIO): void {
  addDataOptions(
    program
      .command("cuminc")
      .description("cumulative incidence of competing causes with Gray's test (R: cmprsk::cuminc)")
      .argument("<data>", "data file (CSV, TSV or XLSX)")
      .requiredOption("--time <col>", "follow-up time column")
      .requiredOption("--cause <col>", "cause of the event: 0 = censored, 1, 2, … (or text with --censor-value)")
      .option("--censor-value <value>", "the value of --cause that means censored (default 0)")
      .option("--by <col>", "groups compared by Gray's test")
      .option("--times <list>", "times for the incidence table, e.g. 12,60")
      .option("--json", "print one JSON object"),
  ).action((file: string, opts: CumincCliOptions) => {
    const { table, warnings: readWarnings } = loadData(file, opts, io);
    const filter = new RowFilter(table);
    const time = timeValues(table, opts.time, filter);
    const { codes, labels, censorCode } = causeCodes(table, opts.cause, opts.censorValue, filter);
    const group = opts.by === undefined ? undefined : groupValues(table, opts.by, filter);
    const rows = filter.rows();
    const res = cumulativeIncidence(
      { time: pick(time, rows), cause: pick(codes, rows), group: group && pickFactor(group, rows), rowNumbers: pick(table.rowNumbers, rows) },
      { censorCode, times: opts.times === undefined ? undefined : parseNumberList("--times", opts.times) },
    );
    const warnings = [...readWarnings, ...filter.warnings(), ...res.warnings];
    if (opts.json) return printJson(io, { ...res, causeLabels: labels, warnings });
    io.stdout(cumincText(res, labels, opts.by) + warnings.map((w) => `note: ${w}\n`).join(""));
  });
}

function cumincText(res: CumulativeIncidenceResult, labels: Record<number, string>, by: string | undefined): string {
  let out = "Cumulative incidence (Aalen–Johansen) by cause\n\n";
  const times = res.options.times;
  const rows = res.curves.map((c) => [
    labels[c.cause] ?? String(c.cause),
    by === undefined ? "all" : `${by}=${c.group}`,
    String(c.n),
    String(c.events),
    ...(times ? c.at!.est.map((e, k) => `${formatNumber(e, 3)} (se ${formatNumber(Math.sqrt(c.at!.var[k]), 2)})`) : [formatNumber(c.est[c.est.length - 1], 3)]),
  ]);
  out += formatTable(["cause", "group", "n", "events", ...(times ? times.map((t) => `at ${formatNumber(t)}`) : ["at last time"])], rows);
  for (const t of res.tests ?? []) out += `Gray's test, cause ${labels[t.cause] ?? t.cause}: chi-square ${formatNumber(t.statistic)} on ${t.df} df, ${pText(t.p)}\n`;
  return out;
}
