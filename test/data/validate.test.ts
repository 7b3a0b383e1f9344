import { describe, expect, it } from "vitest";
import { readTable } from "../../src/data/read.js";
import { checkUniqueIds, editDistance, flowSummary, nearestNames, requireColumns } from "../../src/data/validate.js";
import { selectRows } from "../../src/data/table.js";
import { expectDataError } from "./errors.js";

const enc = new TextEncoder();
const table = (text: string) => readTable(enc.encode(text), { fileName: "cohort.csv" }).table;

describe("validate", () => {
  it("editDistance counts insertions, deletions and substitutions, ignoring case", () => {
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("Age", "age")).toBe(0);
    expect(editDistance("", "abc")).toBe(3);
  });

  it("nearestNames suggests close and containing names, nearest first", () => {
    const cols = ["patient_id", "date_death", "date_last_followup", "age_primary", "sex"];
    expect(nearestNames("date_deth", cols)[0]).toBe("date_death");
    expect(nearestNames("followup", cols)).toEqual(["date_last_followup"]);
    expect(nearestNames("zzz", cols)).toEqual([]);
  });

  it("requireColumns names the missing column and suggests the nearest", () => {
    const t = table("patient_id,date_death\n1,02.01.2010\n");
    expect(() => requireColumns(t, ["patient_id"])).not.toThrow();
    expectDataError(() => requireColumns(t, ["patient_id", "date_of_death"]), "DATA_MISSING_COLUMN", {
      value: "date_of_death",
      text: /Did you mean "date_death"/,
    });
  });

  it("checkUniqueIds names both rows of a duplicate id", () => {
    const t = table("id,x\nA,1\nB,2\nA,3\n");
    const err = expectDataError(() => checkUniqueIds(t, "id"), "DATA_DUPLICATE_ID", { row: 4, column: "id", value: "A" });
    expect(err.message).toMatch(/row 2/);
  });

  it("flowSummary counts rows read, excluded by reason, and analysed", () => {
    const ex = [
      { row: 5, column: "date_death", value: "", reason: "missing date of death status", code: "X" },
      { row: 9, column: "date_death", value: "", reason: "missing date of death status", code: "X" },
    ];
    const f = flowSummary(64, ex);
    expect(f).toEqual({
      read: 64,
      excluded: [{ reason: "missing date of death status", count: 2 }],
      analysed: 62,
      text: "64 patients read, 2 excluded: missing date of death status (2); 62 analysed",
    });
    expect(flowSummary(1, []).text).toBe("1 patient read, none excluded; 1 analysed");
  });

  it("flowSummary counts a row excluded for two reasons once in the total", () => {
    const ex = [
      { row: 5, column: "a", value: "", reason: "r1", code: "X" },
      { row: 5, column: "b", value: "", reason: "r2", code: "X" },
    ];
    expect(flowSummary(10, ex).text).toBe("10 patients read, 1 excluded: r1 (1), r2 (1); 9 analysed");
  });

  it("selectRows keeps the source row numbers and the id column", () => {
    const t = readTable(enc.encode("id,x\nA,1\nB,2\nC,3\n"), { fileName: "c.csv", idColumn: "id" }).table;
    const s = selectRows(t, Int32Array.from([0, 2]));
    expect(Array.from(s.rowNumbers)).toEqual([2, 4]);
    expect(s.idColumn).toBe("id");
  });
});
