/**
 * Shared by km, logrank and rmst: read DATA, pick time/event/group (and optional strata, weights)
 * columns, drop rows with missing values (counted in the warnings) and return engine-ready arrays.
 */
import type { Command } from "commander";
import type { Table } from "../../data/table.js";
import { addDataOptions, eventValues, groupValues, loadData, pick, pickFactor, RowFilter, timeValues, weightValues } from "../data-args.js";
import type { DataOptions, GroupFactor } from "../data-args.js";
import type { CliIO } from "../io.js";

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
  readonly group?: GroupFactor;
  readonly strata?: GroupFactor;
  readonly weights?: Float64Array;
  readonly rowNumbers: Int32Array;
  readonly warnings: string[];
}

export function addSurvivalDataOptions(cmd: Command): Command {
  return addDataOptions(
    cmd
      .argument("<data>", "data file (CSV, TSV or XLSX)")
      .requiredOption("--time <col>", "follow-up time column")
      .requiredOption("--event <col>", "event status column (0/1, 1/2, or any values with --event-value)")
      .option("--event-value <value>", "the value of --event that means an event"),
  );
}

export function loadSurvivalData(file: string, opts: SurvivalDataOptions, io: CliIO): SurvivalData {
  const { table, warnings: readWarnings } = loadData(file, opts, io);
  const filter = new RowFilter(table);
  const time = timeValues(table, opts.time, filter);
  const status = eventValues(table, opts.event, opts.eventValue, filter);
  const group = opts.by === undefined ? undefined : groupValues(table, opts.by, filter);
  const strata = opts.strata === undefined ? undefined : groupValues(table, opts.strata, filter, "--strata");
  const weights = opts.weights === undefined ? undefined : weightValues(table, opts.weights, filter);
  const rows = filter.rows();
  return {
    table,
    time: pick(time, rows),
    status: pick(status, rows),
    group: group && pickFactor(group, rows),
    strata: strata && pickFactor(strata, rows),
    weights: weights && pick(weights, rows),
    rowNumbers: pick(table.rowNumbers, rows),
    warnings: [...readWarnings, ...filter.warnings()],
  };
}
