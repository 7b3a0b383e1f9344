/**
 * Recurrent-event data in counting-process form: one row per patient interval (start, stop] with an
 * event indicator, several rows per patient. Reads and validates the columns (no missing values,
 * start < stop, event 0/1 or 1/2 by Surv()'s rule, a patient's intervals do not overlap) and numbers the events: `eventNumber`
 * of a row = 1 + the number of earlier events of its patient (R users build this `enum` by hand).
 */
import { SurvinferError } from "../../errors.js";
import type { Table } from "../../data/table.js";
import { findColumn } from "../../data/table.js";
import { decodeStatus } from "../../formula/surv-status.js";

/** The column names of the counting-process layout. */
export interface RecurrentColumns {
  readonly id: string;
  readonly start: string;
  readonly stop: string;
  readonly event: string;
}

/** Validated recurrent-event rows, in table row order. */
export interface RecurrentData {
  /** Patient code per row (0-based, in order of first appearance). */
  readonly patient: Int32Array;
  /** Patient labels, indexed by code. */
  readonly patientLabels: readonly string[];
  readonly start: Float64Array;
  readonly stop: Float64Array;
  /** 1 = event at `stop`, 0 = censored (end of the interval without an event). */
  readonly event: Int32Array;
  /** 1 + number of events of the same patient in earlier intervals (R's `enum` of bladder2). */
  readonly eventNumber: Int32Array;
  /**
   * 1 when the row ends a stretch of follow-up: the patient's last row, or the next row starts after this
   * stop (a gap), as survival's survflag; survfit counts a censoring only at such rows.
   */
  readonly endsFollowUp: Uint8Array;
  readonly rowNumbers: Int32Array;
}

function numericColumn(table: Table, name: string, role: string): Float64Array {
  const col = findColumn(table, name);
  if (col === undefined) {
    throw new SurvinferError({ code: "DATA_MISSING_COLUMN", file: table.source.file, message: `no column ${JSON.stringify(name)} (${role})`, hint: `columns: ${table.columns.map((c) => c.name).join(", ")}` });
  }
  if (col.kind === "categorical") {
    throw new SurvinferError({ code: "DATA_NOT_NUMERIC", file: table.source.file, column: name, message: `${role} column ${JSON.stringify(name)} must be numeric`, hint: "give times as numbers (or dates) and events as 0/1" });
  }
  for (let i = 0; i < col.values.length; i++) {
    if (!Number.isFinite(col.values[i])) {
      throw new SurvinferError({ code: "DATA_MISSING_VALUE", file: table.source.file, row: table.rowNumbers[i], column: name, value: String(col.values[i]), message: `missing ${role} value`, hint: "recurrent-event rows need id, start, stop and event on every row" });
    }
  }
  return col.values;
}

/** Reads and validates the counting-process columns of a recurrent-event table (see the module comment). */
export function readRecurrentData(table: Table, columns: RecurrentColumns): RecurrentData {
  const idCol = findColumn(table, columns.id);
  if (idCol === undefined) {
    throw new SurvinferError({ code: "DATA_MISSING_COLUMN", file: table.source.file, message: `no patient id column ${JSON.stringify(columns.id)}`, hint: `columns: ${table.columns.map((c) => c.name).join(", ")}` });
  }
  const n = table.nRows;
  const labels = new Map<string, number>();
  const patient = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let label: string | undefined;
    if (idCol.kind === "categorical") label = idCol.codes[i] < 0 ? undefined : idCol.levels[idCol.codes[i]];
    else label = Number.isFinite(idCol.values[i]) ? String(idCol.values[i]) : undefined;
    if (label === undefined) {
      throw new SurvinferError({ code: "DATA_MISSING_VALUE", file: table.source.file, row: table.rowNumbers[i], column: columns.id, message: "missing patient id", hint: "every interval must name its patient" });
    }
    let code = labels.get(label);
    if (code === undefined) {
      code = labels.size;
      labels.set(label, code);
    }
    patient[i] = code;
  }
  const start = numericColumn(table, columns.start, "start");
  const stop = numericColumn(table, columns.stop, "stop");
  // Surv()'s status rule, as every command reads an event status (0/1, or 1/2 when the largest is 2)
  const decoded = decodeStatus(numericColumn(table, columns.event, "event"), { label: columns.event, file: table.source.file, column: columns.event, rowNumbers: table.rowNumbers });
  const event = Int32Array.from(decoded.status);
  for (let i = 0; i < n; i++) {
    if (!(start[i] < stop[i])) {
      throw new SurvinferError({ code: "DATA_BAD_INTERVAL", file: table.source.file, row: table.rowNumbers[i], column: columns.stop, value: `(${start[i]}, ${stop[i]}]`, message: "the stop time must be after the start time (as Surv(start, stop, event))", hint: "drop zero-length intervals or fix the times" });
    }
  }
  // Sort once by (patient, start, stop) and walk each patient's intervals.
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => patient[a] - patient[b] || start[a] - start[b] || stop[a] - stop[b] || a - b);
  const eventNumber = new Int32Array(n);
  const endsFollowUp = new Uint8Array(n).fill(1);
  const patientLabels = [...labels.keys()];
  let previous = -1;
  let count = 0;
  for (const i of order) {
    if (previous < 0 || patient[previous] !== patient[i]) {
      count = 0;
    } else if (start[i] < stop[previous]) {
      throw new SurvinferError({
        code: "DATA_OVERLAPPING_INTERVALS",
        file: table.source.file,
        row: table.rowNumbers[i],
        column: columns.start,
        value: `(${start[i]}, ${stop[i]}]`,
        message: `intervals of patient ${patientLabels[patient[i]]} overlap: rows ${table.rowNumbers[previous]} (${start[previous]}, ${stop[previous]}] and ${table.rowNumbers[i]} (${start[i]}, ${stop[i]}]`,
        hint: "each patient's intervals must follow one another (the next start at or after the previous stop)",
      });
    }
    if (previous >= 0 && patient[previous] === patient[i] && start[i] === stop[previous]) endsFollowUp[previous] = 0;
    eventNumber[i] = count + 1;
    count += event[i];
    previous = i;
  }
  return { patient, patientLabels, start, stop, event, eventNumber, endsFollowUp, rowNumbers: table.rowNumbers };
}
