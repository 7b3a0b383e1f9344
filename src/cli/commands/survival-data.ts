/**
 * Shared by km, logrank and rmst: read DATA, pick time/event/group (and optional strata, weights)
 * columns, drop rows with missing values (counted in the warnings) and return engine-ready arrays.
 * The event status follows Surv()'s rule (src/formula/surv-status.ts); no row left stops with DATA_NO_ROWS.
 */
import type { Command } from "commander";
import { SurvinferError } from "../../errors.js";
import type { Table } from "../../data/table.js";
import { addDataOptions, eventStatus, groupValues, loadData, pick, pickFactor, RowFilter, timeValues, weightValues } from "../data-args.js";
import type { DataOptions, GroupFactor } from "../data-args.js";
import type { CliIO } from "../io.js";
import { hintTable, type HintTreatment } from "../hint-dates.js";
import type { StatusCoding } from "../../formula/surv-status.js";

export interface SurvivalDataOptions extends DataOptions {
  time: string;
  event: string;
  eventValue?: string;
  by?: string;
  strata?: string;
  weights?: string;
  json?: boolean;
}

export interface SurvivalData {
  readonly table: Table;
  readonly time: Float64Array;
  readonly status: Int32Array;
  /** How --event was read: "0/1", "1/2", "TRUE/FALSE" or "event-value" (Surv()'s rule). */
  readonly statusCoding: StatusCoding;
  readonly group?: GroupFactor;
  readonly strata?: GroupFactor;
  readonly weights?: Float64Array;
  readonly rowNumbers: Int32Array;
  readonly warnings: string[];
  /** The table for the treatment-date hint: `table` with the file's date columns when they can matter (hint-dates.ts). */
  readonly hintTable: (treatments: readonly HintTreatment[]) => Promise<Table>;
}

export function addSurvivalDataOptions(cmd: Command): Command {
  return addDataOptions(
    cmd
      .argument("[data]", "data file (CSV, TSV, XLSX or Arrow; Parquet through DuckDB); omit it with --sql")
      .requiredOption("--time <col>", "follow-up time column")
      .requiredOption("--event <col>", "event status column (0/1, 1/2, or any values with --event-value)")
      .option("--event-value <value>", "the value of --event that means an event"),
  );
}

export async function loadSurvivalData(file: string | undefined, opts: SurvivalDataOptions & { treatmentDate?: string; origin?: string }, io: CliIO): Promise<SurvivalData> {
  if (file === undefined) throw new SurvinferError({ code: "OPTION_MISSING", message: "no data file given", hint: 'name the data file (or give --sql "SELECT ..." with --engine duckdb or postgres)' });
  // only the columns named on the command line are read (issue 18); the treatment-date hint reads date columns when they can matter
  const columns = [opts.time, opts.event, opts.by, opts.strata, opts.weights, opts.id, opts.treatmentDate, opts.origin];
  const read = await loadData(file, opts, io, { columns });
  const { table, warnings: readWarnings } = read;
  const filter = new RowFilter(table);
  const time = timeValues(table, opts.time, filter);
  const event = eventStatus(table, opts.event, opts.eventValue, filter);
  const group = opts.by === undefined ? undefined : groupValues(table, opts.by, filter);
  const strata = opts.strata === undefined ? undefined : groupValues(table, opts.strata, filter, "--strata");
  const weights = opts.weights === undefined ? undefined : weightValues(table, opts.weights, filter);
  // Every row kept (the usual case): the table's arrays themselves, not copies (issue 18: a 1,000,000-row
  // file saves 20 MB). The engines that take them (km, logrank, rmst, follow-up) never write to their input.
  const all = filter.keptAll() && table.nRows > 0;
  const rows = all ? undefined : filter.rows();
  const sub = <T extends Float64Array | Int32Array>(a: T): T => (rows === undefined ? a : pick(a, rows));
  const subFactor = (f: GroupFactor): GroupFactor => (rows === undefined ? f : pickFactor(f, rows));
  return {
    table,
    time: sub(time),
    status: sub(event.status),
    statusCoding: event.coding,
    group: group && subFactor(group),
    strata: strata && subFactor(strata),
    weights: weights && sub(weights),
    rowNumbers: sub(table.rowNumbers),
    warnings: [...readWarnings, ...filter.warnings()],
    hintTable: (treatments) => hintTable(file, opts, io, read, treatments),
  };
}
