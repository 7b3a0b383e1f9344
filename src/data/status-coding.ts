/**
 * Reads a status column against a declared coding: which values mean the event and which mean
 * censored. Shared by the time/status endpoint and the last-contact/status endpoint. Rule when the
 * censored values are not declared: [1] when the event values are [2] (R's 1/2 coding), [0] for
 * other numeric codings without 0, otherwise the single other value seen in the column (a second
 * other value stops, asking to declare `censored`). A value outside the coding stops with file, row,
 * column and value: a silently miscoded status would give a wrong number with exit 0.
 */
import { SurvinferError, optionError } from "../errors.js";
import { formatNumberLikeR, parseNumber } from "./numbers.js";
import type { Column, Table } from "./table.js";
import { cellLabel } from "./validate.js";

/** The canonical text of a code: numbers as R prints them ("2", "1.5"), text as written. */
export function codeKey(v: number | string): string {
  if (typeof v === "number") return formatNumberLikeR(v);
  const x = parseNumber(v.trim(), undefined);
  return Number.isNaN(x) ? v : formatNumberLikeR(x);
}

export class StatusCoding {
  private readonly eventSet: Set<string>;
  private readonly censored: Set<string> | undefined;
  private inferredCensor: string | undefined;

  constructor(
    private readonly table: Table,
    private readonly col: Column,
    values: readonly (number | string)[],
    censored: readonly (number | string)[] | undefined,
  ) {
    if (!Array.isArray(values) || values.length === 0) throw optionError("values", "a non-empty list of event codes", values);
    if (col.kind === "date") {
      throw new SurvinferError({ code: "DATA_INVALID_STATUS", message: "holds dates, not status codes", file: table.source.file, column: col.name });
    }
    this.eventSet = new Set(values.map(codeKey));
    if (censored !== undefined) this.censored = new Set(censored.map(codeKey));
    else if (col.kind === "numeric") {
      const vs = [...this.eventSet];
      if (vs.length === 1 && vs[0] === "2") this.censored = new Set(["1"]);
      else if (!this.eventSet.has("0")) this.censored = new Set(["0"]);
    }
    for (const c of this.censored ?? []) {
      if (this.eventSet.has(c)) throw optionError("censored", "codes different from the event values", censored);
    }
  }

  /** 1 = event, 0 = censored, −1 = empty cell; throws DATA_STATUS_OUTSIDE_CODING for any other value. */
  classify(i: number): 1 | 0 | -1 {
    const label = cellLabel(this.col, i);
    if (label === "") return -1;
    const key = this.col.kind === "numeric" ? formatNumberLikeR(this.col.values[i]) : label;
    if (this.eventSet.has(key)) return 1;
    if (this.censored !== undefined ? this.censored.has(key) : this.inferredCensor === undefined || this.inferredCensor === key) {
      if (this.censored === undefined) this.inferredCensor = key;
      return 0;
    }
    const events = [...this.eventSet];
    const cens = [...(this.censored ?? [this.inferredCensor ?? ""])];
    throw new SurvinferError({
      code: "DATA_STATUS_OUTSIDE_CODING",
      message: `status is outside the declared coding (events: ${events.join(", ")}; censored: ${cens.join(", ")})`,
      file: this.table.source.file,
      row: this.table.rowNumbers[i],
      column: this.col.name,
      value: key,
      hint: `Correct the value, or declare it in the endpoint's values (events) or censored values; allowed now: ${[...events, ...cens].join(", ")}`,
    });
  }

  eventValues(): string[] {
    return [...this.eventSet];
  }

  censoredValues(): string[] {
    return this.censored !== undefined ? [...this.censored] : this.inferredCensor !== undefined ? [this.inferredCensor] : [];
  }
}
