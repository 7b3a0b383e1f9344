import { describe, expect, it } from "vitest";
import { deriveEndpoint } from "../../src/data/endpoints.js";
import { readTable } from "../../src/data/read.js";
import type { ReadOptions } from "../../src/data/read.js";
import { flowSummary } from "../../src/data/validate.js";
import { expectClose } from "../helpers/expect-close.js";
import { expectDataError } from "./errors.js";

const enc = new TextEncoder();
const table = (text: string, o: Partial<ReadOptions> = {}) => readTable(enc.encode(text), { fileName: "cohort.csv", ...o }).table;

// Hand-computed day counts from 01.01.2010: to 01.02.2010 = 31, to 01.03.2010 = 31 + 28 = 59,
// to 01.07.2010 = 31+28+31+30+31+30 = 181, to 01.01.2011 = 365.
const cohort = [
  "id,dx,prog,death,fu",
  "1,01.01.2010,,01.03.2010,", // row 2: death at 59
  "2,01.01.2010,01.02.2010,01.03.2010,01.03.2010", // row 3: progression 31, death 59
  "3,01.01.2010,,,01.01.2011", // row 4: censored at 365
  "4,,,01.03.2010,", // row 5: no origin -> excluded
  "5,01.01.2010,,,", // row 6: neither event nor follow-up -> excluded
  "6,01.01.2010,,01.01.2010,", // row 7: death on day 0
  "7,01.01.2010,,01.01.2012,01.01.2012", // row 8: death after a 2010-07-01 cut-off
  "8,01.08.2010,,,01.01.2011", // row 9: origin after a 2010-07-01 cut-off
].join("\n");

describe("deriveEndpoint from dates", () => {
  it("derives overall survival in days: event at the death date, else censored at last follow-up", () => {
    const ep = deriveEndpoint(table(cohort), { origin: "dx", event: "death", censor: "fu" });
    expect(Array.from(ep.included)).toEqual([0, 1, 2, 5, 6, 7]);
    expect(Array.from(ep.time)).toEqual([59, 59, 365, 0, 730, 153]);
    expect(Array.from(ep.status)).toEqual([1, 1, 0, 1, 1, 0]);
    expect(ep.exclusions.map((e) => [e.row, e.code])).toEqual([
      [5, "DATA_MISSING_ORIGIN"],
      [6, "DATA_MISSING_FOLLOWUP"],
    ]);
    expect(ep.warnings.join("\n")).toMatch(/1 row\(s\) have a survival time of 0.*row 7/);
    expect(ep.options).toEqual({ kind: "dates", unit: "days", daysPerUnit: 1 });
  });

  it("takes the first of several event dates for a composite endpoint (progression-free survival)", () => {
    const ep = deriveEndpoint(table(cohort), { origin: "dx", event: ["prog", "death"], censor: "fu" });
    expect(Array.from(ep.time)).toEqual([59, 31, 365, 0, 730, 153]);
    expect(Array.from(ep.status)).toEqual([1, 1, 0, 1, 1, 0]);
  });

  it("censors at an administrative cut-off: later events and later follow-up count as censored at it", () => {
    const ep = deriveEndpoint(table(cohort), { origin: "dx", event: "death", censor: "fu", cutoff: "2010-07-01" });
    expect(Array.from(ep.included)).toEqual([0, 1, 2, 5, 6]);
    expect(Array.from(ep.time)).toEqual([59, 59, 181, 0, 181]);
    expect(Array.from(ep.status)).toEqual([1, 1, 0, 1, 0]);
    expect(ep.exclusions.map((e) => [e.row, e.code])).toEqual([
      [5, "DATA_MISSING_ORIGIN"],
      [6, "DATA_MISSING_FOLLOWUP"],
      [9, "DATA_ORIGIN_AFTER_CUTOFF"],
    ]);
    const w = ep.warnings.join("\n");
    expect(w).toMatch(/1 row\(s\) with follow-up after the cut-off were censored at the cut-off \(first: row 4\)/);
    expect(w).toMatch(/1 row\(s\) with an event after the cut-off were censored at the cut-off \(first: row 8\)/);
    expect(ep.options.cutoff).toBe("2010-07-01");
    // the same cut-off as a day count or in the file's format
    const days = deriveEndpoint(table(cohort), { origin: "dx", event: "death", censor: "fu", cutoff: 14791 });
    expect(Array.from(days.time)).toEqual(Array.from(ep.time));
    const de = deriveEndpoint(table(cohort), { origin: "dx", event: "death", censor: "fu", cutoff: "01.07.2010", dateFormat: "DD.MM.YYYY" });
    expect(Array.from(de.time)).toEqual(Array.from(ep.time));
  });

  it("converts to months (30.4375 days) and years (365.25 days)", () => {
    const m = deriveEndpoint(table(cohort), { origin: "dx", event: "death", censor: "fu", unit: "months" });
    expectClose(Array.from(m.time), [59 / 30.4375, 59 / 30.4375, 365 / 30.4375, 0, 730 / 30.4375, 153 / 30.4375], { rel: 1e-15 }, "months");
    expectClose(m.time[2], 11.991786447638603, { rel: 1e-13 }, "365 days in months");
    const y = deriveEndpoint(table(cohort), { origin: "dx", event: "death", censor: "fu", unit: "years" });
    expectClose(y.time[2], 365 / 365.25, { rel: 1e-15 }, "365 days in years");
    expect(y.options.daysPerUnit).toBe(365.25);
  });

  it("counts exclusions in the flow summary", () => {
    const ep = deriveEndpoint(table(cohort), { origin: "dx", event: "death", censor: "fu" });
    const flow = flowSummary(8, ep.exclusions);
    expect(flow.text).toBe(
      "8 patients read, 2 excluded: missing origin date (dx) (1), missing event and last follow-up dates (death; fu) (1); 6 analysed",
    );
    expect(flow.analysed).toBe(6);
  });

  it("refuses an event date before the origin, naming row and column", () => {
    const t = table("dx,death,fu\n01.01.2010,,01.01.2011\n01.01.2010,31.12.2009,\n");
    expectDataError(() => deriveEndpoint(t, { origin: "dx", event: "death", censor: "fu" }), "DATA_EVENT_BEFORE_ORIGIN", {
      row: 3,
      column: "death",
      value: "2009-12-31",
    });
  });

  it("refuses a last follow-up before the origin (negative time), naming row and column", () => {
    const t = table("dx,death,fu\n01.01.2010,,01.01.2011\n01.01.2010,,01.01.2009\n");
    expectDataError(() => deriveEndpoint(t, { origin: "dx", event: "death", censor: "fu" }), "DATA_NEGATIVE_TIME", { row: 3, column: "fu" });
  });

  it("refuses an unparseable date in an endpoint column, naming row, column and value", () => {
    const t = table("dx,death,fu\n01.01.2010,,01.01.2011\n01.01.2010,unknown,\n");
    expectDataError(() => deriveEndpoint(t, { origin: "dx", event: "death", censor: "fu" }), "DATA_INVALID_DATE", {
      row: 3,
      column: "death",
      value: "unknown",
    });
    const mixed = table("dx,death,fu\n01.01.2010,02.02.2010,01.01.2011\n01.01.2010,2010-03-01,\n");
    expectDataError(() => deriveEndpoint(mixed, { origin: "dx", event: "death", censor: "fu" }), "DATA_INVALID_DATE", {
      row: 3,
      column: "death",
      text: /row 2/,
    });
  });

  it("refuses numbers where dates are expected, hinting at excel-serial", () => {
    const t = table("dx,death,fu\n40179,,40544\n");
    expectDataError(() => deriveEndpoint(t, { origin: "dx", event: "death", censor: "fu" }), "DATA_INVALID_DATE", {
      row: 2,
      column: "dx",
      text: /excel-serial/,
    });
  });

  it("refuses an unknown column with the nearest names", () => {
    expectDataError(() => deriveEndpoint(table(cohort), { origin: "dx", event: "dead", censor: "fu" }), "DATA_MISSING_COLUMN", {
      text: /Did you mean "death"/,
    });
  });

  it("validates options", () => {
    expectDataError(() => deriveEndpoint(table(cohort), { origin: "dx", event: "death", censor: "fu", cutoff: "July 2010" }), "OPTION_INVALID");
    expectDataError(() => deriveEndpoint(table(cohort), { origin: "dx", event: [], censor: "fu" }), "OPTION_INVALID");
    expectDataError(() => deriveEndpoint(table(cohort), { origin: "dx", event: "death", censor: "fu", unit: "weeks" as "days" }), "OPTION_INVALID");
  });
});

describe("deriveEndpoint from time and status columns", () => {
  it("reads R's 1/2 coding with values [2] (as Surv(time, status == 2))", () => {
    const t = table("time,status\n5,2\n8,1\n3,2\n,2\n7,\n");
    const ep = deriveEndpoint(t, { time: "time", status: "status", values: [2] });
    expect(Array.from(ep.time)).toEqual([5, 8, 3]);
    expect(Array.from(ep.status)).toEqual([1, 0, 1]);
    expect(ep.exclusions.map((e) => [e.row, e.code])).toEqual([
      [5, "DATA_MISSING_TIME"],
      [6, "DATA_MISSING_STATUS"],
    ]);
    expect(ep.options.censoredValues).toEqual(["1"]);
    expect(flowSummary(5, ep.exclusions).text).toBe("5 patients read, 2 excluded: missing time (time) (1), missing status (status) (1); 3 analysed");
  });

  it("reads 0/1 coding and text coding", () => {
    const a = deriveEndpoint(table("t,s\n5,1\n8,0\n"), { time: "t", status: "s", values: [1] });
    expect(Array.from(a.status)).toEqual([1, 0]);
    const b = deriveEndpoint(table("t,s\n5,dead\n8,alive\n9,alive\n"), { time: "t", status: "s", values: ["dead"] });
    expect(Array.from(b.status)).toEqual([1, 0, 0]);
    expect(b.options.censoredValues).toEqual(["alive"]);
  });

  it("refuses a status value outside the declared coding, naming row, column and value", () => {
    expectDataError(() => deriveEndpoint(table("t,s\n5,1\n8,0\n9,3\n"), { time: "t", status: "s", values: [1] }), "DATA_STATUS_OUTSIDE_CODING", {
      row: 4,
      column: "s",
      value: "3",
    });
    expectDataError(
      () => deriveEndpoint(table("t,s\n5,dead\n8,alive\n9,lost\n"), { time: "t", status: "s", values: ["dead"] }),
      "DATA_STATUS_OUTSIDE_CODING",
      { row: 4, column: "s", value: "lost" },
    );
    const ok = deriveEndpoint(table("t,s\n5,dead\n8,alive\n9,lost\n"), { time: "t", status: "s", values: ["dead"], censored: ["alive", "lost"] });
    expect(Array.from(ok.status)).toEqual([1, 0, 0]);
  });

  it("keeps zero times with a warning and refuses negative times", () => {
    const ep = deriveEndpoint(table("t,s\n0,1\n8,0\n"), { time: "t", status: "s", values: [1] });
    expect(Array.from(ep.time)).toEqual([0, 8]);
    expect(ep.warnings.join("\n")).toMatch(/survival time of 0.*row 2/);
    expectDataError(() => deriveEndpoint(table("t,s\n5,1\n-1,0\n"), { time: "t", status: "s", values: [1] }), "DATA_NEGATIVE_TIME", {
      row: 3,
      column: "t",
    });
  });

  it("refuses a time that is not a number, naming row, column and value", () => {
    expectDataError(() => deriveEndpoint(table("t,s\n5,1\n7 months,0\n"), { time: "t", status: "s", values: [1] }), "DATA_INVALID_NUMBER", {
      row: 3,
      column: "t",
      value: "7 months",
    });
  });
});
