/**
 * `cox --treatment-date`: the yes/no treatment of the formula as a time-dependent covariate, with the
 * other terms of the formula unchanged and a robust variance clustered by patient, as R does it:
 *   td <- tmerge(d, d, id = id, death = event(time, status), tx = tdc(t_tx))
 *   coxph(Surv(tstart, tstop, death) ~ tx + age + ... + cluster(id), data = td)
 * (the treatment column keeps its name and coding; it only changes value at the treatment time).
 * The ever-treated fit of the formula as given is kept as `naive`, labelled biased by design.
 */
import { SurvinferError } from "../../errors.js";
import { columnFactor } from "../../data/factor.js";
import { selectRows, type Column, type Table } from "../../data/table.js";
import { requireColumn } from "../../data/validate.js";
import { modelMatrix } from "../../formula/model-matrix.js";
import { formatFormula, parseFormula, type ParsedFormula } from "../../formula/parse.js";
import { coxph, type CoxphOptions, type CoxphResult } from "../../survival/coxph.js";
import { rowIds } from "../data-args.js";
import { treatmentDateHint } from "../treatment-date-hint.js";
import type { HintTreatment } from "../hint-dates.js";
import { checkAgainstFollowUp, IMMORTAL_TIME_LABEL, splitForCli, treatedGroup, type ImmortalTimeSummary, type TreatmentTiming } from "../treatment-date.js";

export interface CoxTreatmentDate {
  /** The time-dependent fit (its formula is the counting-process one). */
  readonly res: CoxphResult;
  readonly immortalTime: ImmortalTimeSummary & {
    readonly intervals: number;
    readonly formula: string;
    /** Coefficient names of the treatment (time-dependent in `res`). */
    readonly treatmentTerms: readonly string[];
    readonly naive: { readonly formula: string; readonly label: string | null; readonly terms: CoxphResult["fit"]["terms"] };
  };
  readonly warnings: readonly string[];
}

/** Variables of the formula that are one column with two values: the possible yes/no treatments. */
function twoValued(table: Table, f: ParsedFormula): string[] {
  const out: string[] = [];
  for (const v of f.variables) {
    if (v.columns.length !== 1 || out.includes(v.columns[0])) continue;
    const col = table.columns.find((c) => c.name === v.columns[0]);
    if (col !== undefined && col.kind !== "date" && hasTwoValues(col)) out.push(col.name);
  }
  return out;
}

/** columnFactor(col).levels.length === 2, stopping at a third distinct value (a continuous covariate of 10⁶ rows stops at once). */
function hasTwoValues(col: Column): boolean {
  if (col.kind !== "numeric") return columnFactor(col).levels.length === 2;
  let a = Number.NaN;
  let b = Number.NaN;
  for (let i = 0; i < col.values.length; i++) {
    const v = col.values[i];
    if (Number.isNaN(v) || v === a || v === b) continue;
    if (Number.isNaN(a)) a = v;
    else if (Number.isNaN(b)) b = v;
    else return false;
  }
  return !Number.isNaN(b);
}

/**
 * Without --treatment-date: the heuristic's warning for the first two-valued term that has one, on
 * the table `withDates` gives for those terms (the date columns, read when they can matter: hint-dates.ts).
 */
export async function coxTreatmentDateHint(table: Table, formula: string, withDates: (treatments: readonly HintTreatment[]) => Promise<Table>): Promise<string | undefined> {
  const treatments = twoValued(table, parseFormula(formula)).map((column) => ({ column, factor: columnFactor(requireColumn(table, column)) }));
  if (treatments.length === 0) return undefined;
  const forHint = await withDates(treatments);
  for (const { column, factor } of treatments) {
    const hint = treatmentDateHint(forHint, column, factor);
    if (hint !== undefined) return hint;
  }
  return undefined;
}

/** Dates in exactly one of the two values of `name` (over the model rows). */
function datesInOneGroup(table: Table, name: string, timing: TreatmentTiming, rows: Int32Array): boolean {
  const f = columnFactor(requireColumn(table, name));
  const seen = [0, 0];
  for (const i of rows) if (f.codes[i] >= 0 && !Number.isNaN(timing.time[i])) seen[f.codes[i]]++;
  return (seen[0] > 0) !== (seen[1] > 0);
}

function uniqueName(table: Table, base: string): string {
  let name = base;
  while (table.columns.some((c) => c.name === name)) name += "_";
  return name;
}

export function coxWithTreatmentDate(table: Table, formula: string, timing: TreatmentTiming, treatment: string | undefined, idColumn: string | undefined, options: CoxphOptions): CoxTreatmentDate {
  const parsed = parseFormula(formula);
  if (parsed.response?.kind !== "Surv" || parsed.response.start !== undefined) {
    throw new SurvinferError({ code: "OPTION_CONFLICT", message: "--treatment-date needs a formula with Surv(time, status): the intervals are built from the follow-up time", value: formula, hint: "write the response as Surv(time, status)" });
  }
  if (options.firth === "always") {
    throw new SurvinferError({ code: "OPTION_CONFLICT", message: "--firth does not go with --treatment-date: the time-dependent fit uses a robust variance clustered by patient, which Firth's penalised likelihood (coxphf) does not take", hint: "drop --firth" });
  }
  const mm = modelMatrix(table, parsed, { reference: options.reference, dropIntercept: true });
  const candidates = twoValued(table, parsed);
  let column: string;
  if (treatment !== undefined) {
    if (!candidates.includes(treatment)) {
      throw new SurvinferError({ code: "OPTION_CONFLICT", column: treatment, value: treatment, message: `--treatment ${treatment} must be a yes/no (two-valued) column of the formula`, hint: `the formula's yes/no columns: ${candidates.map((c) => JSON.stringify(c)).join(", ") || "none"}` });
    }
    column = treatment;
  } else {
    const fits = candidates.filter((c) => datesInOneGroup(table, c, timing, mm.rows));
    if (fits.length !== 1) {
      throw new SurvinferError({
        code: "OPTION_MISSING",
        message: fits.length === 0 ? `no yes/no column of the formula has its treatment dates ("${timing.column}") in one group only` : `more than one yes/no column of the formula could be the treatment of "${timing.column}": ${fits.join(", ")}`,
        hint: "name the treatment column of the formula with --treatment COL",
      });
    }
    column = fits[0];
  }
  const naive = coxph(table, formula, options);
  const col = requireColumn(table, column);
  const group = treatedGroup(table, column, columnFactor(col), timing, "time-dependent", mm.rows);
  const response = mm.response as { time: Float64Array; status: Float64Array };
  const position = new Map<number, number>();
  mm.rows.forEach((i, k) => position.set(i, k));
  const checks = checkAgainstFollowUp(table, group, timing, (i) => response.time[position.get(i)!], mm.rows);
  const split = splitForCli(table, timing, {
    time: response.time,
    status: Int32Array.from(response.status),
    treatmentTime: Float64Array.from(mm.rows, (i) => group.time[i]),
    rows: mm.rows,
    ids: rowIds(table, idColumn),
  });
  const iv = split.intervals;
  const base = selectRows(table, Int32Array.from(iv.patient, (k) => mm.rows[k]));
  const names = { start: uniqueName(table, "tstart"), stop: uniqueName(table, "tstop"), event: uniqueName(table, "event_td"), id: uniqueName(table, "patient_td") };
  const levelValue = (x: number): number => (x === 1 ? group.treatedCode : 1 - group.treatedCode);
  const numericLevels = col.kind === "numeric" ? columnFactor(col).levels.map(Number) : [];
  const columns: Column[] = base.columns.map((c): Column => {
    if (c.name !== column) return c;
    if (c.kind === "categorical") return { ...c, codes: Int32Array.from(iv.treated, (x) => levelValue(x)) };
    return { ...c, values: Float64Array.from(iv.treated, (x) => numericLevels[levelValue(x)]) };
  });
  columns.push(
    { kind: "numeric", name: names.start, values: iv.start },
    { kind: "numeric", name: names.stop, values: iv.stop },
    { kind: "numeric", name: names.event, values: Float64Array.from(iv.status) },
    { kind: "numeric", name: names.id, values: Float64Array.from(iv.patient) },
  );
  const expanded: Table = { ...base, columns };
  const rhs = formatFormula({ ...parsed, response: undefined }).slice(1);
  const tdFormula = `Surv(${names.start}, ${names.stop}, ${names.event}) ~ ${rhs}${parsed.cluster === undefined ? ` + cluster(${names.id})` : ""}`;
  const td = coxph(expanded, tdFormula, options);
  const varColumns = new Map(parsed.variables.map((v) => [v.label, v.columns]));
  const termColumns = (r: CoxphResult): number[] => r.terms.filter((t) => t.variables.some((v) => varColumns.get(v)?.includes(column))).flatMap((t) => [...t.columns]);
  const res: CoxphResult = { ...td, nDropped: naive.nDropped, dropped: naive.dropped };
  return {
    res,
    immortalTime: {
      ...group.summary,
      intervals: iv.stop.length,
      formula: tdFormula,
      treatmentTerms: termColumns(td).map((j) => td.fit.terms[j].name),
      naive: { formula, label: group.summary.naiveComparison === null ? null : IMMORTAL_TIME_LABEL, terms: termColumns(naive).map((j) => naive.fit.terms[j]) },
    },
    warnings: [...group.warnings, ...checks, ...split.warnings],
  };
}
