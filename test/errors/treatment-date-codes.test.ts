/**
 * The error codes of `--treatment-date` (src/cli/treatment-date.ts), each triggered and checked by code
 * with its file, row, column and value (the CLI tests in test/cli/treatment-date-errors.test.ts check
 * the messages users see).
 */
import { describe, expect, it } from "vitest";
import { readTable } from "../../src/data/read.js";
import { SurvinferError } from "../../src/errors.js";
import { checkAgainstFollowUp, treatedGroup, treatmentTiming } from "../../src/cli/treatment-date.js";
import { columnFactor } from "../../src/data/factor.js";

const table = (text: string) => readTable(new TextEncoder().encode(text), { fileName: "cohort.csv" }).table;

function thrown(fn: () => unknown): SurvinferError {
  try {
    fn();
  } catch (e) {
    if (e instanceof SurvinferError) return e;
    throw e;
  }
  throw new Error("expected an error");
}

const CSV = "id,time,op,date_dx,date_op\n1,10,yes,2020-01-01,2020-01-05\n2,20,no,2020-01-01,\n3,15,yes,2020-01-01,2020-01-03\n4,12,yes,2020-01-01,2020-01-04\n";

describe("--treatment-date error codes", () => {
  it("DATA_TREATMENT_DATE_TYPE: a text column, with its first row and value", () => {
    const e = thrown(() => treatmentTiming(table(CSV), { treatmentDate: "op" }));
    expect(e).toMatchObject({ code: "DATA_TREATMENT_DATE_TYPE", location: { file: "cohort.csv", row: 2, column: "op" } });
  });

  it("DATA_TREATMENT_BEFORE_ORIGIN: names the row, the column and the date", () => {
    const t = table(CSV.replace("2020-01-03", "2019-12-01"));
    const e = thrown(() => treatmentTiming(t, { treatmentDate: "date_op", origin: "date_dx", timeUnit: "days" }));
    expect(e).toMatchObject({ code: "DATA_TREATMENT_BEFORE_ORIGIN", location: { file: "cohort.csv", row: 4, column: "date_op", value: "2019-12-01" } });
  });

  it("DATA_NO_TREATMENT_DATES: no analysed patient has a date", () => {
    // an empty column reads as numeric (times since the origin), all missing
    const t = table(CSV.replace(/2020-01-0[345]\n/g, "\n"));
    const timing = treatmentTiming(t, { treatmentDate: "date_op" })!;
    const op = t.columns.find((c) => c.name === "op")!;
    const e = thrown(() => treatedGroup(t, "op", columnFactor(op), timing, "naive"));
    expect(e).toMatchObject({ code: "DATA_NO_TREATMENT_DATES", location: { file: "cohort.csv", column: "date_op" } });
  });

  it("DATA_TREATMENT_AFTER_FOLLOWUP: every treated patient treated after the end of follow-up (wrong origin or unit)", () => {
    const t = table(CSV);
    const timing = treatmentTiming(t, { treatmentDate: "date_op", origin: "date_dx", timeUnit: "days" })!;
    const op = t.columns.find((c) => c.name === "op")!;
    const g = treatedGroup(t, "op", columnFactor(op), timing, "naive");
    const rows = Int32Array.from({ length: t.nRows }, (_, i) => i);
    // follow-up times a hundred times too short: every treatment falls after the end of follow-up
    const e = thrown(() => checkAgainstFollowUp(t, g, timing, () => 0.01, rows));
    expect(e).toMatchObject({ code: "DATA_TREATMENT_AFTER_FOLLOWUP", location: { file: "cohort.csv", row: 2, column: "date_op" } });
  });
});
