import { describe, expect, it } from "vitest";
import { readTable } from "../../src/data/read.js";
import type { ReadOptions } from "../../src/data/read.js";
import type { CategoricalColumn, Column, Table } from "../../src/data/table.js";
import { findColumn } from "../../src/data/table.js";
import { expectDataError } from "./errors.js";

const enc = new TextEncoder();
function read(text: string, options: Partial<ReadOptions> = {}) {
  return readTable(enc.encode(text), { fileName: "cohort.csv", ...options });
}
function col(t: Table, name: string): Column {
  const c = findColumn(t, name);
  if (!c) throw new Error(`no column ${name}`);
  return c;
}
function values(t: Table, name: string): (number | string | null)[] {
  const c = col(t, name);
  if (c.kind === "categorical") return Array.from(c.codes, (k) => (k < 0 ? null : c.levels[k]));
  return Array.from(c.values, (v) => (Number.isNaN(v) ? null : v));
}

describe("readTable: delimiters, encodings, line endings", () => {
  it.each([
    [",", "id,age,sex\n1,50,m\n2,61.5,f\n"],
    [";", "id;age;sex\n1;50;m\n2;61.5;f\n"],
    ["\t", "id\tage\tsex\n1\t50\tm\n2\t61.5\tf\n"],
    ["|", "id|age|sex\n1|50|m\n2|61.5|f\n"],
  ])("sniffs the delimiter %j", (delim, text) => {
    const r = read(text);
    expect(r.format).toEqual({ kind: "csv", delimiter: delim });
    expect(r.table.columns.map((c) => c.name)).toEqual(["id", "age", "sex"]);
    expect(values(r.table, "age")).toEqual([50, 61.5]);
    expect(values(r.table, "sex")).toEqual(["m", "f"]);
  });

  it("prefers ';' over ',' for German files whose numbers have decimal commas", () => {
    const r = read("id;size\n1;3,5\n2;4,25\n", { decimal: "," });
    expect(r.format).toEqual({ kind: "csv", delimiter: ";" });
    expect(values(r.table, "size")).toEqual([3.5, 4.25]);
  });

  it("prefers the delimiter that gives every row the header's cell count", () => {
    const r = read("name, first;age\nAnna;50\nBen;60\n");
    expect(r.format).toEqual({ kind: "csv", delimiter: ";" });
    expect(r.table.columns.map((c) => c.name)).toEqual(["name, first", "age"]);
  });

  it("drops a UTF-8 byte-order mark and reads CRLF line endings", () => {
    const r = read("\uFEFFid,age\r\n1,50\r\n2,60\r\n");
    expect(r.table.columns[0].name).toBe("id");
    expect(values(r.table, "age")).toEqual([50, 60]);
  });

  it("reads UTF-16LE with a byte-order mark (Excel's 'Unicode text')", () => {
    const text = "id\tname\n1\tMüller\n";
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes[0] = 0xff;
    bytes[1] = 0xfe;
    for (let i = 0; i < text.length; i++) bytes[2 + 2 * i] = text.charCodeAt(i);
    const r = readTable(bytes, { fileName: "x.txt" });
    expect(values(r.table, "name")).toEqual(["Müller"]);
  });

  it("reads bytes that are not UTF-8 as Windows-1252, with a warning", () => {
    const bytes = Uint8Array.from([...enc.encode("id,name\n1,M"), 0xfc, ...enc.encode("ller\n")]);
    const r = readTable(bytes, { fileName: "x.csv" });
    expect(values(r.table, "name")).toEqual(["Müller"]);
    expect(r.warnings.join("\n")).toMatch(/Windows-1252/);
  });

  it("refuses binary files", () => {
    expectDataError(() => readTable(Uint8Array.from([1, 2, 0, 4]), { fileName: "x.csv" }), "DATA_NOT_TEXT");
  });

  it("reads quoted fields holding delimiters, doubled quotes and newlines, numbering rows by record", () => {
    const r = read('id,note,age\n1,"a, b",50\n2,"say ""hi""\nsecond line",60\n3,plain,70\n');
    expect(values(r.table, "note")).toEqual(["a, b", 'say "hi"\nsecond line', "plain"]);
    expect(Array.from(r.table.rowNumbers)).toEqual([2, 3, 4]);
  });

  it("refuses a quote that is never closed, naming the row", () => {
    expectDataError(() => read('id,note\n1,ok\n2,"never closed\n3,x\n'), "DATA_UNCLOSED_QUOTE", { row: 3 });
  });
});

describe("readTable: rows and header", () => {
  it("skips blank lines (and ;;; lines) but keeps the row numbers the user sees", () => {
    const r = read("id;age\n1;50\n\n;\n2;60\n", { delimiter: ";" });
    expect(values(r.table, "age")).toEqual([50, 60]);
    expect(Array.from(r.table.rowNumbers)).toEqual([2, 5]);
  });

  it("pads short rows with missing values and warns", () => {
    const r = read("id,age,sex\n1,50,m\n2,60\n");
    expect(values(r.table, "sex")).toEqual(["m", null]);
    expect(r.warnings.join("\n")).toMatch(/fewer cells.*row 3/);
  });

  it("ignores trailing empty cells and empty trailing header cells (Excel's ;;;)", () => {
    const r = read("id;age;;\n1;50;;\n2;60;;\n", { delimiter: ";" });
    expect(r.table.columns.map((c) => c.name)).toEqual(["id", "age"]);
  });

  it("refuses a row with more cells than the header, naming the row", () => {
    expectDataError(() => read("id,age\n1,50\n2,60,7\n"), "DATA_RAGGED_ROW", { row: 3 });
  });

  it("names empty header cells V<j> and de-duplicates names as R's make.unique", () => {
    const r = read("id,,age,age\n1,x,50,51\n");
    expect(r.table.columns.map((c) => c.name)).toEqual(["id", "V2", "age", "age.1"]);
    expect(r.warnings.length).toBe(2);
  });

  it("refuses an empty file and a header without rows", () => {
    expectDataError(() => read(""), "DATA_EMPTY_FILE");
    expectDataError(() => read("\n\n  \n"), "DATA_EMPTY_FILE");
    expectDataError(() => read("id,age\n"), "DATA_EMPTY_FILE", { row: 1 });
  });
});

describe("readTable: type inference", () => {
  it("infers numeric, date and categorical columns and reports why", () => {
    const r = read("id,dx,size,grade\n1,02.01.2010,35,G1\n2,NA,,G2\n3,31.12.2011,1e2,G1\n");
    expect(r.inference.map((e) => [e.column, e.kind, e.nMissing])).toEqual([
      ["id", "numeric", 0],
      ["dx", "date", 1],
      ["size", "numeric", 1],
      ["grade", "categorical", 0],
    ]);
    expect(r.inference[1].dateFormat).toBe("DD.MM.YYYY");
    expect(values(r.table, "dx")).toEqual([14611, null, 15339]);
    expect(values(r.table, "size")).toEqual([35, null, 100]);
  });

  it("treats empty, NA, N/A, '.' and '-' as missing by default, and a custom list when given", () => {
    const text = "a,b\n1,NA\n2,N/A\n3,.\n4,-\n5, \n6,7\n";
    expect(values(read(text).table, "b")).toEqual([null, null, null, null, null, 7]);
    const r = read("a,b\n1,999\n2,7\n", { missing: ["", "999"] });
    expect(values(r.table, "b")).toEqual([null, 7]);
  });

  it("reads a column that is entirely missing as numeric NaN", () => {
    const r = read("a,b\n1,\n2,NA\n");
    expect(r.inference[1]).toMatchObject({ kind: "numeric", nMissing: 2 });
  });

  it("reads decimal commas and German grouping only when decimal is ','", () => {
    const r = read("id;x\n1;3,5\n2;1.234,5\n3;-0,25\n", { decimal: "," });
    expect(values(r.table, "x")).toEqual([3.5, 1234.5, -0.25]);
    // undeclared: detected from the cells (";" file, "3,5", no "." decimals) and said in the warnings
    const plain = read("id;x\n1;3,5\n2;4,5\n");
    expect(values(plain.table, "x")).toEqual([3.5, 4.5]);
    expect(plain.warnings.join("\n")).toMatch(/decimal mark "," \(detected\)/);
  });

  it("reads US grouping only when decimal is '.'", () => {
    const r = read('id,x\n1,"1,234.5"\n2,7\n', { decimal: "." });
    expect(values(r.table, "x")).toEqual([1234.5, 7]);
    expectDataError(() => read('id,x\n1,"1,234.5"\n2,7\n'), "DATA_INVALID_NUMBER", { row: 2, column: "x", value: "1,234.5", text: /decimal: "\."/ });
  });

  it("does not take Infinity, hex or text as numbers", () => {
    // a column of numbers with such a value stops (it would silently be a factor in R)
    for (const v of ["Inf", "0x10", "1_000", "12abc"]) expectDataError(() => read(`a,b\n1,${v}\n2,3\n`), "DATA_INVALID_NUMBER", { row: 2, column: "b", value: v });
  });

  it("orders text levels as R's factor() does (ICU collation, R 4.2.2)", () => {
    // R 4.2.2: levels(factor(c("b","a","B","A","10","9","Ä"))) is "10" "9" "a" "A" "Ä" "b" "B"
    const r = read("g\nb\na\nB\nA\n10\n9\nÄ\n");
    const g = col(r.table, "g");
    // "10" and "9" make the column mixed text, so it is categorical with R's ordering
    expect((g as CategoricalColumn).levels).toEqual(["10", "9", "a", "A", "Ä", "b", "B"]);
  });

  it("orders levels of numbers forced to categorical numerically, labelled as R's as.character", () => {
    // R: levels(factor(c(10, 2, 1.5))) is "1.5" "2" "10"
    const r = read("g\n10\n2\n1.50\n", { columns: { g: { type: "categorical" } } });
    expect((col(r.table, "g") as CategoricalColumn).levels).toEqual(["1.5", "2", "10"]);
  });

  it("orders levels in code-point order with collation 'C' (R in the C locale)", () => {
    const r = read("g\nb\na\nB\n", { collation: "C" });
    expect((col(r.table, "g") as CategoricalColumn).levels).toEqual(["B", "a", "b"]);
  });

  it("puts a reference level first", () => {
    const r = read("arm\nsurgery\nnone\nsurgery\n", { columns: { arm: { reference: "surgery" } } });
    const c = col(r.table, "arm") as CategoricalColumn;
    expect(c.levels).toEqual(["surgery", "none"]);
    expect(Array.from(c.codes)).toEqual([0, 1, 0]);
    expectDataError(() => read("arm\nsurgery\nnone\n", { columns: { arm: { reference: "surgeon" } } }), "OPTION_UNKNOWN_LEVEL", {
      column: "arm",
      text: /"none", "surgery"/,
    });
  });

  it("honours type overrides and date formats", () => {
    const r = read("id,code,d\n1,007,01/02/2010\n2,008,03/04/2011\n", {
      columns: { code: { type: "categorical" }, d: { dateFormat: "MM/DD/YYYY" } },
    });
    // "007" is the number 7 to R's read.csv as well; factor() of it gives level "7"
    expect(values(r.table, "code")).toEqual(["7", "8"]);
    expect(values(r.table, "d")).toEqual([14611, 15037]); // 2010-01-02, 2011-03-04
  });

  it("reads Excel serials in a CSV when the column is declared excel-serial", () => {
    const r = read("d\n40179\n40180\n", { columns: { d: { type: "date", dateFormat: "excel-serial" } } });
    expect(values(r.table, "d")).toEqual([14610, 14611]);
  });

  it("reads an id column as text (keeps leading zeros) and requires unique ids", () => {
    const r = read("pid,age\n007,50\n010,60\n", { idColumn: "pid" });
    expect(values(r.table, "pid")).toEqual(["007", "010"]);
    expect(r.table.idColumn).toBe("pid");
    const err = expectDataError(() => read("pid,age\n7,50\n8,60\n7,70\n", { idColumn: "pid" }), "DATA_DUPLICATE_ID", {
      row: 4,
      column: "pid",
      value: "7",
    });
    expect(err.message).toMatch(/row 2/);
    expectDataError(() => read("pid,age\n7,50\n,60\n", { idColumn: "pid" }), "DATA_MISSING_ID", { row: 3, column: "pid" });
  });

  it("suggests the nearest column names for unknown id or override columns", () => {
    expectDataError(() => read("patient_id,age\n1,2\n", { idColumn: "patientid" }), "DATA_MISSING_COLUMN", { text: /Did you mean "patient_id"/ });
    expectDataError(() => read("patient_id,age\n1,2\n", { columns: { Age: { type: "numeric" } } }), "DATA_MISSING_COLUMN", { text: /"age"/ });
  });
});

describe("readTable: bad values", () => {
  it("refuses a date that is not in the calendar, naming file, row, column and value", () => {
    const err = expectDataError(() => read("id,dx\n1,02.01.2010\n2,31.02.2010\n"), "DATA_INVALID_DATE", {
      row: 3,
      column: "dx",
      value: "31.02.2010",
    });
    expect(err.message).toMatch(/^cohort\.csv/);
  });

  it("refuses ambiguous slash dates unless dateFormat is declared", () => {
    expectDataError(() => read("dx\n01/02/2010\n03/04/2011\n"), "DATA_AMBIGUOUS_DATE_FORMAT", { column: "dx", text: /dateFormat/ });
    // 2010-02-01 and 2011-04-03
    expect(values(read("dx\n01/02/2010\n03/04/2011\n", { dateFormat: "DD/MM/YYYY" }).table, "dx")).toEqual([14641, 15067]);
  });

  it("reads a date column with a stray text value as text, saying which value", () => {
    const r = read("dx\n02.01.2010\nunknown\n");
    expect(r.inference[0].kind).toBe("categorical");
    expectDataError(() => read("dx\n02.01.2010\nunknown\n", { columns: { dx: { type: "date" } } }), "DATA_INVALID_DATE", {
      row: 3,
      column: "dx",
      value: "unknown",
    });
  });

  it("refuses a value that is not a number in a declared numeric column, naming row and column", () => {
    expectDataError(() => read("id,size\n1,35\n2,3,5\n".replace("3,5", '"3,5"'), { columns: { size: { type: "numeric" } } }), "DATA_INVALID_NUMBER", {
      row: 3,
      column: "size",
      value: "3,5",
      text: /decimal/,
    });
  });

  it("stops at the first non-number in a mostly numeric column, naming row and value", () => {
    expectDataError(() => read("x\n1\n2\n3\n4\nabout 5\n"), "DATA_INVALID_NUMBER", { row: 6, column: "x", value: "about 5" });
  });

  it("validates its options", () => {
    expectDataError(() => read("a\n1\n", { decimal: ";" as "," }), "OPTION_INVALID");
    expectDataError(() => read("a\n1\n", { sheet: "x" }), "OPTION_INVALID");
  });
});
