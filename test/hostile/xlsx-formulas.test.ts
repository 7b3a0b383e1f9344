/**
 * Formula cells (issue 12): a formula without a stored result (a workbook written by a program that
 * does not compute formulas) must stop the run, naming the cell; one with a stored result reads as before.
 */
import { afterAll, describe, expect, it } from "vitest";
import { readTable } from "../../src/data/read.js";
import { SurvinferError } from "../../src/errors.js";
import { km, sha256, tempDir, writeBytes } from "./files.js";
import { num, row, str, xlsx } from "./workbook.js";

const { dir, cleanup } = tempDir("xlsx-formulas");
afterAll(cleanup);

const header = row(1, str("A1", "months") + str("B1", "time") + str("C1", "status"));
/** Row r: months in A, time = A*1 as a formula in B (`formulaCell` gives its XML), status in C. */
const dataRow = (r: number, months: number, formulaCell: string, status: number): string =>
  row(r, num(`A${r}`, months) + formulaCell + num(`C${r}`, status));

function readError(bytes: Uint8Array, fileName: string): SurvinferError {
  try {
    readTable(bytes, { fileName });
  } catch (e) {
    if (e instanceof SurvinferError) return e;
    throw e;
  }
  throw new Error("expected a SurvinferError");
}

describe("XLSX formula cells", () => {
  it("a formula without a stored result: exit 2 naming file, sheet, cell, row and column, with what to do; file unchanged", async () => {
    const sheet =
      header +
      dataRow(2, 5, `<c r="B2"><f>A2*1</f><v>5</v></c>`, 1) +
      dataRow(3, 8, `<c r="B3"><f>A3*1</f></c>`, 0) +
      dataRow(4, 12, `<c r="B4"><f>A4*1</f><v>12</v></c>`, 1);
    const path = writeBytes(dir, "uncomputed.xlsx", xlsx({ sheetData: sheet, sheetName: "Cohort" }));
    const before = sha256(path);
    const run = await km("uncomputed.xlsx", dir);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain('uncomputed.xlsx, row 3, column "time": sheet "Cohort", cell B3 holds a formula without a stored result');
    expect(run.stderr).toContain('(value: "=A3*1")');
    expect(run.stderr).toContain("Open and save the file in Excel or LibreOffice so the values are computed, or export CSV");
    expect(sha256(path)).toBe(before);
  });

  it("finds them in every form: empty <v/>, shared formulas, array formulas; counts them and shows the first", () => {
    const sheet =
      header +
      dataRow(2, 5, `<c r="B2"><f t="shared" ref="B2:B4" si="0">A2*1</f><v>5</v></c>`, 1) +
      dataRow(3, 8, `<c r="B3"><f t="shared" si="0"/></c>`, 0) +
      dataRow(4, 12, `<c r="B4"><f t="shared" si="0"/><v/></c>`, 1) +
      dataRow(5, 20, `<c r="B5"><f t="array" ref="B5">A5*1</f><v></v></c>`, 1);
    const err = readError(xlsx({ sheetData: sheet }), "shared.xlsx");
    expect(err.code).toBe("DATA_FORMULA_WITHOUT_VALUE");
    expect(err.location).toMatchObject({ file: "shared.xlsx", row: 3, column: "time", value: "=A3*1" });
    expect(err.message).toContain('sheet "Patients", cell B3 holds a formula without a stored result (3 such cells; the first is shown)');
  });

  it("an uncomputed formula in the header names the cell as a header cell", () => {
    const sheet = row(1, str("A1", "time") + `<c r="B1" t="str"><f>"sta"&amp;"tus"</f><v/></c><c r="C1"><f>1+1</f></c>`) + row(2, num("A2", 1) + num("B2", 1));
    const err = readError(xlsx({ sheetData: sheet }), "h.xlsx");
    expect(err.code).toBe("DATA_FORMULA_WITHOUT_VALUE");
    expect(err.message).toContain("cell C1 (the header row) holds a formula without a stored result");
    expect(err.location.column).toBeUndefined();
  });

  it("a row holding only uncomputed formulas is not skipped as blank", () => {
    const sheet = header + dataRow(2, 5, num("B2", 5), 1) + row(3, `<c r="A3"><f>A2+3</f></c><c r="B3"><f>A3*1</f></c><c r="C3"><f>C2</f></c>`);
    const err = readError(xlsx({ sheetData: sheet }), "blank.xlsx");
    expect(err.location).toMatchObject({ row: 3, column: "months" });
  });

  it("formula cells with a stored result read as their values (numbers, text, booleans, errors as before)", async () => {
    const sheet =
      row(1, str("A1", "time") + str("B1", "status") + str("C1", "arm") + str("D1", "flag") + str("E1", "ratio")) +
      row(2, `<c r="A2"><f>2+3</f><v>5</v></c><c r="B2"><f>1</f><v>1</v></c><c r="C2" t="str"><f>"a"</f><v>a</v></c><c r="D2" t="b"><f>TRUE()</f><v>1</v></c><c r="E2" t="e"><f>1/0</f><v>#DIV/0!</v></c>`) +
      row(3, `<c r="A3"><f>4*2</f><v>8</v></c><c r="B3"><f>0</f><v>0</v></c><c r="C3" t="str"><f>""</f><v></v></c><c r="D3" t="b"><f>FALSE()</f><v>0</v></c><c r="E3"><v>2</v></c>`);
    const bytes = xlsx({ sheetData: sheet });
    const r = readTable(bytes, { fileName: "cached.xlsx" });
    const col = (name: string) => r.table.columns.find((c) => c.name === name);
    const time = col("time");
    expect(time?.kind).toBe("numeric");
    if (time?.kind === "numeric") expect(Array.from(time.values)).toEqual([5, 8]);
    const arm = col("arm");
    if (arm?.kind !== "categorical") throw new Error("arm should be categorical");
    expect(Array.from(arm.codes)).toEqual([0, -1]); // a text formula whose result is "" is an empty text, as Excel stores it
    expect(r.warnings.join("\n")).toMatch(/1 cell\(s\) hold Excel errors/);

    const path = writeBytes(dir, "cached.xlsx", bytes);
    const before = sha256(path);
    const run = await km("cached.xlsx", dir);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { strata: { n: number; events: number }[] };
    expect(out.strata[0]).toMatchObject({ n: 2, events: 1 });
    expect(sha256(path)).toBe(before);
  });
});
