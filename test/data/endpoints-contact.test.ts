/** Endpoints and treatments as clinicians record them: last contact + vital status, treatment by its date. */
import { describe, expect, it } from "vitest";
import { deriveEndpoint } from "../../src/data/endpoints.js";
import { readTable } from "../../src/data/read.js";
import { treatmentFromDate, treatmentIndicator } from "../../src/data/treatment.js";
import { expectDataError } from "./errors.js";

const enc = new TextEncoder();
const table = (text: string) => readTable(enc.encode(text), { fileName: "kohorte.csv", dateFormat: "DD.MM.YYYY" }).table;

// Days from 01.01.2010: 01.03.2010 = 59, 01.01.2011 = 365, 01.07.2010 = 181.
const german = [
  "ID,Diagnose,Letzter_Kontakt,Status,OP_Datum,Operiert",
  "1,01.01.2010,01.03.2010,verstorben,01.02.2010,ja", // row 2: death at 59, operated at 31
  "2,01.01.2010,01.01.2011,lebend,,nein", // row 3: alive at 365
  "3,01.01.2010,01.01.2010,verstorben,,nein", // row 4: death on day 0
  "4,01.01.2010,,lebend,,nein", // row 5: no last contact -> excluded
  "5,01.01.2010,01.07.2010,,,", // row 6: no status -> excluded (and Operiert empty)
  "6,01.01.2010,01.01.2012,verstorben,01.07.2010,ja", // row 7: death at 730
].join("\n");
// The same patients in the classic layout: a death date, a last follow-up date.
const classic = [
  "ID,Diagnose,Tod,FU",
  "1,01.01.2010,01.03.2010,",
  "2,01.01.2010,,01.01.2011",
  "3,01.01.2010,01.01.2010,",
  "4,01.01.2010,,",
  "5,01.01.2010,,01.07.2010",
  "6,01.01.2010,01.01.2012,",
].join("\n");

describe("endpoint from the date of last contact and a vital-status column", () => {
  it("gives the times and events of the classic death-date layout", () => {
    const ep = deriveEndpoint(table(german), { origin: "Diagnose", lastContact: "Letzter_Kontakt", status: "Status", values: ["verstorben"], unit: "months" });
    const ref = deriveEndpoint(table(classic), { origin: "Diagnose", event: "Tod", censor: "FU", unit: "months" });
    expect(Array.from(ep.status)).toEqual([1, 0, 1, 1]);
    expect(Array.from(ep.time)).toEqual([59 / 30.4375, 365 / 30.4375, 0, 730 / 30.4375]);
    expect(Array.from(ep.included)).toEqual([0, 1, 2, 5]);
    // the classic layout has row 6 (alive, contact 01.07.2010) that the German sheet lacks a status for
    const keep = [0, 1, 2, 4];
    expect(keep.map((k) => ref.time[k])).toEqual(Array.from(ep.time));
    expect(keep.map((k) => ref.status[k])).toEqual(Array.from(ep.status));
    expect(ep.exclusions.map((e) => [e.row, e.code, e.column])).toEqual([
      [5, "DATA_MISSING_FOLLOWUP", "Letzter_Kontakt"],
      [6, "DATA_MISSING_STATUS", "Status"],
    ]);
    expect(ep.options).toMatchObject({ kind: "last-contact", eventValues: ["verstorben"], censoredValues: ["lebend"] });
    expect(ep.warnings.join("\n")).toMatch(/survival time of 0.*row 4/);
  });

  it("stops on a status that is neither an event nor a censored value, naming file, row, column and value", () => {
    const bad = german.replace("2,01.01.2010,01.01.2011,lebend", "2,01.01.2010,01.01.2011,Lebend");
    const err = expectDataError(
      () => deriveEndpoint(table(bad), { origin: "Diagnose", lastContact: "Letzter_Kontakt", status: "Status", values: ["verstorben"], censored: ["lebend"] }),
      "DATA_STATUS_OUTSIDE_CODING",
      { row: 3, column: "Status", value: "Lebend" },
    );
    expect(err.message).toContain("kohorte.csv");
  });

  it("without declared censored values, a second non-event value stops and asks to declare them", () => {
    const bad = german.replace("2,01.01.2010,01.01.2011,lebend", "2,01.01.2010,01.01.2011,unbekannt");
    const err = expectDataError(
      () => deriveEndpoint(table(bad), { origin: "Diagnose", lastContact: "Letzter_Kontakt", status: "Status", values: ["verstorben"] }),
      "DATA_STATUS_OUTSIDE_CODING",
      { row: 5, column: "Status", value: "lebend" },
    );
    expect(err.hint).toMatch(/censored/);
  });

  it("stops on a last contact before the origin, naming the row and the column", () => {
    const bad = german.replace("2,01.01.2010,01.01.2011", "2,01.01.2010,01.01.2009");
    expectDataError(
      () => deriveEndpoint(table(bad), { origin: "Diagnose", lastContact: "Letzter_Kontakt", status: "Status", values: ["verstorben"] }),
      "DATA_NEGATIVE_TIME",
      { row: 3, column: "Letzter_Kontakt", value: "2009-01-01" },
    );
  });

  it("censors at the cut-off a death recorded after it", () => {
    const ep = deriveEndpoint(table(german), { origin: "Diagnose", lastContact: "Letzter_Kontakt", status: "Status", values: ["verstorben"], cutoff: "2011-01-01" });
    expect(Array.from(ep.time)).toEqual([59, 365, 0, 365]);
    expect(Array.from(ep.status)).toEqual([1, 0, 1, 0]);
    expect(ep.warnings.join("\n")).toMatch(/event after the cut-off.*row 7/);
  });

  it("reads numeric codings of vital status (1 = dead, 0 = alive by default)", () => {
    const t = table("id,dx,last,vital\n1,01.01.2010,01.03.2010,1\n2,01.01.2010,01.01.2011,0\n");
    const ep = deriveEndpoint(t, { origin: "dx", lastContact: "last", status: "vital", values: [1] });
    expect(Array.from(ep.status)).toEqual([1, 0]);
    expect(Array.from(ep.time)).toEqual([59, 365]);
  });
});

describe("treatment from its date", () => {
  it("treated = a date is present; empty = never treated", () => {
    const ind = treatmentFromDate(table(german), "OP_Datum", "treated (OP_Datum)");
    expect(Array.from(ind.codes)).toEqual([1, 0, 0, 0, 0, 1]);
    expect(ind.levels).toEqual(["no", "yes"]);
    expect([ind.nTreated, ind.nUntreated]).toEqual([2, 4]);
  });

  it("a yes/no check column that agrees passes; an empty check cell means missing by default", () => {
    const ind = treatmentFromDate(table(german), "OP_Datum", "t", { column: "Operiert", treated: "ja" });
    expect(Array.from(ind.codes)).toEqual([1, 0, 0, 0, 0, 1]);
  });

  it("stops when a patient is marked treated but has no date", () => {
    const bad = german.replace("2,01.01.2010,01.01.2011,lebend,,nein", "2,01.01.2010,01.01.2011,lebend,,ja");
    const err = expectDataError(() => treatmentFromDate(table(bad), "OP_Datum", "t", { column: "Operiert", treated: "ja" }), "DATA_TREATMENT_MISMATCH", {
      row: 3,
      column: "Operiert",
      value: "ja",
    });
    expect(err.message).toContain("OP_Datum");
  });

  it("stops when a patient has a date but is marked untreated", () => {
    const bad = german.replace("6,01.01.2010,01.01.2012,verstorben,01.07.2010,ja", "6,01.01.2010,01.01.2012,verstorben,01.07.2010,nein");
    const err = expectDataError(() => treatmentFromDate(table(bad), "OP_Datum", "t", { column: "Operiert", treated: "ja" }), "DATA_TREATMENT_MISMATCH", {
      row: 7,
      column: "Operiert",
      value: "nein",
    });
    expect(err.message).toContain("2010-07-01");
  });

  it("with empty: untreated, an empty check cell beside a date stops", () => {
    const bad = german.replace("1,01.01.2010,01.03.2010,verstorben,01.02.2010,ja", "1,01.01.2010,01.03.2010,verstorben,01.02.2010,");
    expectDataError(() => treatmentFromDate(table(bad), "OP_Datum", "t", { column: "Operiert", treated: "ja", empty: "untreated" }), "DATA_TREATMENT_MISMATCH", { row: 2, column: "Operiert" });
  });

  it("stops on a treatment date that is not a date, naming row, column and value", () => {
    const bad = german.replace("01.02.2010,ja", "Feb 2010,ja");
    expectDataError(() => treatmentFromDate(table(bad), "OP_Datum", "t"), "DATA_INVALID_DATE", { row: 2, column: "OP_Datum", value: "Feb 2010" });
  });
});

describe("empty cells of a yes/no treatment column", () => {
  it("count as missing by default and as untreated when declared", () => {
    const t = table(german);
    expect(Array.from(treatmentIndicator(t, "Operiert", "ja").codes)).toEqual([1, 0, 0, 0, -1, 1]);
    expect(Array.from(treatmentIndicator(t, "Operiert", "ja", "untreated").codes)).toEqual([1, 0, 0, 0, 0, 1]);
  });
});
