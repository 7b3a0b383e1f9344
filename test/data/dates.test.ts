import { describe, expect, it } from "vitest";
import {
  daysFromCivil,
  detectDateFormat,
  excelSerialToDays,
  formatIsoDate,
  isCalendarDate,
  parseDate,
} from "../../src/data/dates.js";
import { SurvinferError } from "../../src/errors.js";

// Reference day counts: R 4.2.2, as.numeric(as.Date(c("2010-01-02", "2000-02-29", "1900-03-01", "1969-12-31")))
// gives 14611 11016 -25508 -1; as.Date(40179, origin = "1899-12-30") is day 14610 (2010-01-01).

describe("parseDate", () => {
  it("reads DD.MM.YYYY, MM/DD/YYYY, DD/MM/YYYY and YYYY-MM-DD as days since 1970-01-01 (R's as.Date)", () => {
    expect(parseDate("02.01.2010", "DD.MM.YYYY")).toBe(14611);
    expect(parseDate("2.1.2010", "DD.MM.YYYY")).toBe(14611);
    expect(parseDate("01/02/2010", "MM/DD/YYYY")).toBe(14611);
    expect(parseDate("02/01/2010", "DD/MM/YYYY")).toBe(14611);
    expect(parseDate("2010-01-02", "YYYY-MM-DD")).toBe(14611);
    expect(parseDate("29.02.2000", "DD.MM.YYYY")).toBe(11016);
    expect(parseDate("1900-03-01", "YYYY-MM-DD")).toBe(-25508);
    expect(parseDate("31.12.1969", "DD.MM.YYYY")).toBe(-1);
    expect(parseDate("1970-01-01", "YYYY-MM-DD")).toBe(0);
  });

  it("ignores a time of day after the date, as as.Date does", () => {
    expect(parseDate("2010-01-02 13:45", "YYYY-MM-DD")).toBe(14611);
    expect(parseDate("2010-01-02T13:45:00.000Z", "YYYY-MM-DD")).toBe(14611);
    expect(parseDate("02.01.2010 00:00:00", "DD.MM.YYYY")).toBe(14611);
    expect(parseDate("02.01.2010 nonsense", "DD.MM.YYYY")).toBeNaN();
  });

  it("refuses days that are not in the calendar and texts of the wrong shape", () => {
    expect(parseDate("31.02.2010", "DD.MM.YYYY")).toBeNaN();
    expect(parseDate("29.02.2010", "DD.MM.YYYY")).toBeNaN();
    expect(parseDate("29.02.1900", "DD.MM.YYYY")).toBeNaN(); // 1900 is not a leap year
    expect(parseDate("13/01/2010", "MM/DD/YYYY")).toBeNaN();
    expect(parseDate("00.01.2010", "DD.MM.YYYY")).toBeNaN();
    expect(parseDate("02.01.10", "DD.MM.YYYY")).toBeNaN(); // two-digit years are not accepted
    expect(parseDate("2010-01-02", "DD.MM.YYYY")).toBeNaN();
    expect(parseDate("020.01.2010", "DD.MM.YYYY")).toBeNaN();
  });

  it("reads Excel serials in the 1900 system, refusing Excel's phantom 29 Feb 1900", () => {
    expect(excelSerialToDays(40179)).toBe(14610); // 2010-01-01
    expect(excelSerialToDays(40179.75)).toBe(14610); // time of day dropped
    expect(excelSerialToDays(61)).toBe(-25508); // 1900-03-01
    expect(excelSerialToDays(59)).toBe(-25509); // 1900-02-28
    expect(excelSerialToDays(1)).toBe(-25567); // 1900-01-01
    expect(excelSerialToDays(60)).toBeNaN();
    expect(excelSerialToDays(0)).toBeNaN();
    expect(parseDate("40179", "excel-serial")).toBe(14610);
  });

  it("reads Excel serials in the 1904 system (serial 0 = 1904-01-01)", () => {
    expect(excelSerialToDays(0, true)).toBe(daysFromCivil(1904, 1, 1));
    expect(excelSerialToDays(40179 - 1462, true)).toBe(14610);
  });
});

describe("calendar helpers", () => {
  it("daysFromCivil and formatIsoDate are inverse over four centuries", () => {
    const bad: number[] = [];
    for (let d = daysFromCivil(1800, 1, 1); d < daysFromCivil(2200, 1, 1); d++) {
      const [y, m, dd] = formatIsoDate(d).split("-").map(Number);
      if (daysFromCivil(y, m, dd) !== d || !isCalendarDate(y, m, dd)) bad.push(d);
    }
    expect(bad).toEqual([]);
  });
});

describe("detectDateFormat", () => {
  it("recognises each text format by its shape", () => {
    expect(detectDateFormat(["02.01.2010", "31.12.2011"])).toBe("DD.MM.YYYY");
    expect(detectDateFormat(["2010-01-02", "2011-12-31"])).toBe("YYYY-MM-DD");
    expect(detectDateFormat(["12/31/2010", "01/02/2011"])).toBe("MM/DD/YYYY");
    expect(detectDateFormat(["31/12/2010", "01/02/2011"])).toBe("DD/MM/YYYY");
  });

  it("returns undefined when values are not all dates of one shape", () => {
    expect(detectDateFormat(["02.01.2010", "2010-01-02"])).toBeUndefined();
    expect(detectDateFormat(["02.01.2010", "unknown"])).toBeUndefined();
    expect(detectDateFormat(["12", "13"])).toBeUndefined();
    expect(detectDateFormat([])).toBeUndefined();
  });

  it("refuses slash dates that read equally well as DD/MM and MM/DD, asking to declare dateFormat", () => {
    try {
      detectDateFormat(["01/02/2010", "03/04/2011"], { file: "c.csv", column: "dx" });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(SurvinferError);
      const err = e as SurvinferError;
      expect(err.code).toBe("DATA_AMBIGUOUS_DATE_FORMAT");
      expect(err.message).toContain('column "dx"');
      expect(err.message).toContain("dateFormat");
    }
  });

  it("uses a declared format to settle DD/MM against MM/DD", () => {
    expect(detectDateFormat(["01/02/2010", "03/04/2011"], { dateFormat: "MM/DD/YYYY" })).toBe("MM/DD/YYYY");
    expect(detectDateFormat(["01/02/2010", "03/04/2011"], { dateFormat: "DD/MM/YYYY" })).toBe("DD/MM/YYYY");
  });

  it("accepts slash dates whose day equals their month (both readings agree)", () => {
    expect(detectDateFormat(["01/01/2010", "05/05/2011"])).toBe("DD/MM/YYYY");
  });

  it("refuses a column that mixes DD/MM and MM/DD, naming both rows", () => {
    expect(() => detectDateFormat(["25/01/2010", "01/25/2010"], { rows: [2, 3], column: "dx" })).toThrow(/row 2.*row 3/);
  });
});
