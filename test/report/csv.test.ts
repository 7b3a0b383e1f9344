import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvField, reportTableToCsvRows, toCsv, toCsvStyled } from "../../src/report/csv.js";
import { assertProperty, property } from "../helpers/property.js";

/** Minimal RFC 4180 reader, for round trips (quoted fields, doubled quotes, CRLF records). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else field += ch;
      i++;
      continue;
    }
    if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += ch;
    i++;
  }
  return rows;
}

describe("toCsv", () => {
  it("quotes fields with commas, quotes, CR or LF and doubles the quotes (RFC 4180), CRLF after each record", () => {
    expect(toCsv([["a", "b,c"], ['say "hi"', "line\nbreak"]])).toBe('a,"b,c"\r\n"say ""hi""","line\nbreak"\r\n');
  });

  it("writes a number the report shows with a true minus (U+2212) with '-', so that spreadsheets read a number", () => {
    expect(csvField("\u22120.04")).toBe("-0.04");
    expect(csvField("\u22121.5e-3")).toBe("-1.5e-3");
    expect(toCsvStyled([["\u22120.04", "\u22125.3 to 18.9"]], { excel: true })).toBe("-0,04;\u22125,3 to 18,9\r\n");
    // German tables: a decimal comma, the same rule (no apostrophe: a number is not a formula)
    expect(csvField("\u22120,04")).toBe('"-0,04"');
    expect(csvField("-0,04")).toBe('"-0,04"');
    // text that only starts with a minus sign stays text
    expect(csvField("\u2212x")).toBe("\u2212x");
  });

  it("prefixes an apostrophe to text starting with = + - @ tab or CR (formula injection)", () => {
    expect(csvField("=HYPERLINK(\"http://x\",\"y\")")).toBe("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
    expect(csvField("+1+1")).toBe("'+1+1");
    expect(csvField("-2+3")).toBe("'-2+3");
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvField("\tcmd")).toBe("'\tcmd");
    expect(csvField("\r=1")).toBe("\"'\r=1\"");
    expect(csvField("=1,2")).toBe("\"'=1,2\"");
  });

  it("leaves numbers and plain decimal text such as -0.12 alone", () => {
    expect(csvField(-0.12)).toBe("-0.12");
    expect(csvField("-0.12")).toBe("-0.12");
    expect(csvField("+3e-4")).toBe("+3e-4");
    expect(csvField(1e21)).toBe("1e+21");
  });

  it("writes null and NaN as empty fields and infinities as Inf/-Inf", () => {
    expect(toCsv([[null, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]])).toBe(",,Inf,-Inf\r\n");
  });

  it("round-trips any text through an RFC 4180 reader, with guarded cells gaining only the apostrophe", () => {
    assertProperty(
      property(fc.array(fc.array(fc.string({ unit: "grapheme-ascii", maxLength: 8 }), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 5 }), (rows) => {
        const back = parseCsv(toCsv(rows));
        expect(back.length).toBe(rows.length);
        rows.forEach((r, i) =>
          r.forEach((cell, j) => {
            const guarded = /^[=+\-@\t\r]/.test(cell) && !/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(cell);
            expect(back[i][j]).toBe(guarded ? `'${cell}` : cell);
          }),
        );
      }),
      { seed: 20261225 },
    );
  });

  it("reportTableToCsvRows writes the title first, expands spanning header cells and appends the footnotes after a blank line", () => {
    const rows = reportTableToCsvRows({ title: "T", headers: [["", { text: "Matched", span: 2 }], ["x", "No", "Yes"]], rows: [["Age", "50", "51"]], footnotes: ["- note"] });
    expect(rows).toEqual([["T"], ["", "Matched", ""], ["x", "No", "Yes"], ["Age", "50", "51"], [], ["- note"]]);
    expect(toCsv(rows)).toBe("T\r\n,Matched,\r\nx,No,Yes\r\nAge,50,51\r\n\r\n'- note\r\n");
  });

  it("keeps the title's qualifiers (biased by design, flags) without its warning marks, in both dialects (referee A9)", () => {
    const table = { title: "Survival estimates, PS-matched sample, biased by design (immortal time); matching worsened balance: not confounding-adjusted (n = 22) ⚠17,18", headers: [["Group", "n"]], rows: [["Yes", "11"]], footnotes: [] };
    const rows = reportTableToCsvRows(table);
    expect(rows[0]).toEqual(["Survival estimates, PS-matched sample, biased by design (immortal time); matching worsened balance: not confounding-adjusted (n = 22)"]);
    const excel = toCsvStyled(rows, { bom: true, excel: true });
    expect(excel.startsWith("\uFEFF\"Survival estimates, PS-matched sample, biased by design (immortal time); matching worsened balance: not confounding-adjusted (n = 22)\"\r\nGroup;n\r\n")).toBe(true);
    expect(toCsv(reportTableToCsvRows({ ...table, title: "" }))).toBe("Group,n\r\nYes,11\r\n");
  });
});

describe("toCsvStyled (CSV for spreadsheets)", () => {
  it("starts with a UTF-8 byte-order mark when asked, so Excel on Windows reads \"–\" and \"Σ\"", () => {
    const text = toCsvStyled([["Σw", "0.62 (0.41–0.93)"]], { bom: true });
    expect(text).toBe("\uFEFFΣw,0.62 (0.41–0.93)\r\n");
    expect(Array.from(new TextEncoder().encode(text).slice(0, 3))).toEqual([0xef, 0xbb, 0xbf]);
    expect(toCsvStyled([["a"]])).toBe("a\r\n");
  });

  it("writes the Excel dialect: ';' between fields, decimal commas, quotes only where needed", () => {
    const rows = [["Median, months", "HR", "p"], ["102.0 (60.5–NR)", 0.62, "< 0.001"], ["a;b", "-0.12", "=1+1"]];
    expect(toCsvStyled(rows, { excel: true })).toBe('Median, months;HR;p\r\n102,0 (60,5–NR);0,62;< 0,001\r\n"a;b";-0,12;\'=1+1\r\n');
    expect(toCsvStyled(rows, { excel: true, bom: true }).startsWith("\uFEFFMedian, months;")).toBe(true);
  });
});
