/**
 * `survinfer cuminc DATA --time COL --cause COL [--censor-value V] [--by COL] [--times 12,60]
 *   [--covariates a,b [--reference COL=LEVEL]] [--json]`:
 * cumulative incidence per cause (Aalen–Johansen, as cmprsk::cuminc) with Gray's test between groups;
 * with --covariates, per cause a Fine–Gray model (cmprsk::crr) and a cause-specific Cox model (other
 * causes censored; coxph(Surv(time, cause == k) ~ ...)) on the patients with complete covariates.
 * The cause column holds whole numbers, 0 for censored unless --censor-value names another code, or
 * text with --censor-value naming the censored value (the other values become causes 1, 2, … in level order).
 */
import type { Command } from "commander";
import { cumulativeIncidence, type CumulativeIncidenceResult } from "../../survival/competing/cuminc.js";
import { SurvinferError } from "../../errors.js";
import type { Table } from "../../data/table.js";
import { requireColumn } from "../../data/validate.js";
import { addDataOptions, groupValues, loadData, pick, pickFactor, RowFilter, timeValues, type DataOptions } from "../data-args.js";
import { ciText, formatNumber, formatTable, pText, printJson } from "../format.js";
import { selectRows } from "../../data/table.js";
import { modelMatrix } from "../../formula/model-matrix.js";
import { coxFit } from "../../survival/cox/fit.js";
import type { CoxResult } from "../../survival/cox/types.js";
import { fineGray as fineGrayFit, type FineGrayResult } from "../../survival/competing/fine-gray.js";
import type { CliIO } from "../io.js";
import { parseDecimalText, parseNumberList, parseReferences, TIME_BOUNDS } from "../options.js";
import { optionError } from "../../errors.js";
import { formatRNumber } from "../../formula/format-number.js";

interface CumincCliOptions extends DataOptions {
  time: string;
  cause: string;
  censorValue?: string;
  by?: string;
  times?: string;
  covariates?: string;
  json?: boolean;
}

/** Regression models of one cause. */
interface CauseModelJson {
  readonly cause: number;
  readonly label: string;
  readonly causeSpecific: CoxResult;
  readonly fineGray: FineGrayResult;
}

/** Fine–Gray and cause-specific Cox per cause, on the rows with complete covariates. */
function causeModels(table: Table, rows: Int32Array, time: Float64Array, codes: Int32Array, censorCode: number, causes: readonly number[], labels: Record<number, string>, covariates: string, reference: Readonly<Record<string, string>>): { models: CauseModelJson[]; warnings: string[] } {
  const terms = covariates.split(",").map((t) => t.trim()).filter((t) => t !== "");
  const sub = selectRows(table, rows);
  const mm = modelMatrix(sub, `~ ${terms.join(" + ")}`, { reference, dropIntercept: true });
  const kept = Int32Array.from(mm.rows, (r) => rows[r]);
  const t = pick(time, kept);
  const cause = pick(codes, kept);
  const rowNumbers = pick(table.rowNumbers, kept);
  const warnings = mm.nDropped > 0 ? [`regression models: ${mm.nDropped} rows with a missing covariate left out (${mm.dropped.map((d) => `${d.column}: ${d.count}`).join(", ")})`] : [];
  const models = causes.map((k): CauseModelJson => {
    const fineGray = fineGrayFit({ time: t, cause, x: mm.x, columnNames: mm.columnNames, failcode: k, cencode: censorCode, rowNumbers });
    const causeSpecific = coxFit({ time: t, status: Int32Array.from(cause, (c) => (c === k ? 1 : 0)), x: mm.x, p: mm.nCols, columnNames: mm.columnNames }, {});
    warnings.push(...fineGray.warnings.map((w) => `Fine–Gray, cause ${labels[k] ?? k}: ${w}`), ...causeSpecific.warnings.map((w) => `cause-specific Cox, cause ${labels[k] ?? k}: ${w}`));
    return { cause: k, label: labels[k] ?? String(k), causeSpecific, fineGray };
  });
  return { models, warnings };
}

/** Cause codes: numeric as given (0 = censored unless --censor-value), text levels mapped to 1..k. */
function causeCodes(table: Table, name: string, censorValue: string | undefined, filter: RowFilter): { codes: Int32Array; labels: Record<number, string>; censorCode: number } {
  const col = requireColumn(table, name, "--cause");
  const codes = new Int32Array(table.nRows);
  const labels: Record<number, string> = {};
  if (censorValue !== undefined && censorValue.trim() === "") throw optionError("--censor-value", `one of the values of column "${name}"`, censorValue);
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
  const censor = censorValue === undefined ? 0 : parseDecimalText(censorValue);
  if (censor === undefined || (censorValue !== undefined && !col.values.includes(censor))) {
    const present = [...new Set(Array.from(col.values).filter((v) => !Number.isNaN(v)))].sort((a, b) => a - b).slice(0, 10).map(formatRNumber);
    throw optionError("--censor-value", `one of the values of column "${name}" (${present.join(", ")})`, censorValue);
  }
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
      .argument("<data>", "data file (CSV, TSV, XLSX or Arrow)")
      .requiredOption("--time <col>", "follow-up time column")
      .requiredOption("--cause <col>", "cause of the event: 0 = censored, 1, 2, … (or text with --censor-value)")
      .option("--censor-value <value>", "the value of --cause that means censored (default 0)")
      .option("--by <col>", "groups compared by Gray's test")
      .option("--times <list>", "times for the incidence table, e.g. 12,60")
      .option("--covariates <terms>", "comma-separated covariates (formula terms, e.g. age,factor(grade)): Fine–Gray and cause-specific Cox models per cause")
      .option("--json", "print one JSON object"),
  ).action(async (file: string, opts: CumincCliOptions) => {
    const times = opts.times === undefined ? undefined : parseNumberList("--times", opts.times, TIME_BOUNDS);
    const { table, warnings: readWarnings } = await loadData(file, opts, io);
    const filter = new RowFilter(table);
    const time = timeValues(table, opts.time, filter);
    const { codes, labels, censorCode } = causeCodes(table, opts.cause, opts.censorValue, filter);
    const group = opts.by === undefined ? undefined : groupValues(table, opts.by, filter);
    const rows = filter.rows();
    const res = cumulativeIncidence(
      { time: pick(time, rows), cause: pick(codes, rows), group: group && pickFactor(group, rows), rowNumbers: pick(table.rowNumbers, rows) },
      { censorCode, times },
    );
    const warnings = [...readWarnings, ...filter.warnings(), ...res.warnings];
    const regression = opts.covariates === undefined ? undefined : causeModels(table, rows, time, codes, censorCode, res.causes, labels, opts.covariates, parseReferences(opts.reference));
    if (regression) warnings.push(...regression.warnings);
    if (opts.json) return printJson(io, { ...res, causeLabels: labels, ...(regression ? { models: regression.models } : {}), warnings });
    io.stdout(cumincText(res, labels, opts.by) + (regression ? modelsText(regression.models) : "") + warnings.map((w) => `note: ${w}\n`).join(""));
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

function modelsText(models: readonly CauseModelJson[]): string {
  let out = "\nRegression per cause: cause-specific Cox (other causes censored) and Fine–Gray subdistribution hazards\n";
  for (const m of models) {
    out += `\nCause ${m.label}\n`;
    out += formatTable(
      ["term", "cause-specific HR", "95% CI", "p", "subdistribution HR", "95% CI", "p"],
      m.causeSpecific.terms.map((cs, j) => {
        const fg = m.fineGray.terms[j];
        return [cs.name, formatNumber(cs.hr ?? Number.NaN, 3), ciText(cs.lower ?? Number.NaN, cs.upper ?? Number.NaN), pText(cs.p ?? Number.NaN), formatNumber(fg.shr, 3), ciText(fg.lower, fg.upper), pText(fg.p)];
      }),
    );
  }
  return out;
}
