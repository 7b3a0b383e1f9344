import { unzipSync, strFromU8 } from "fflate";
import { describe, expect, it } from "vitest";
import { tablesToDocx } from "../../src/report/docx.js";
import type { ReportTable } from "../../src/report/csv.js";

const t1: ReportTable = {
  title: "Table 1. Baseline characteristics",
  headers: [
    ["", { text: "Unadjusted", span: 2 }],
    ["Characteristic", "No (n = 20)", "Yes (n = 44)"],
  ],
  rows: [
    ["Age, mean (SD)", "53.5 (7.7)", "52.0 (12.5)"],
    ["Sex, n (%)", "", ""],
    ["female", "11 (55.0)", "25 (56.8)"],
  ],
  indented: [false, false, true],
  footnotes: ["SMD = (x̄₁ − x̄₀)/√((s₁² + s₀²)/2)"],
};

async function documentXml(tables: ReportTable[], options = {}): Promise<{ files: Record<string, Uint8Array>; xml: string }> {
  const bytes = await tablesToDocx(tables, options);
  expect(bytes).toBeInstanceOf(Uint8Array);
  // a .docx is a zip archive: local file header signature "PK\x03\x04"
  expect([...bytes.slice(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
  const files = unzipSync(bytes);
  return { files, xml: strFromU8(files["word/document.xml"]) };
}

describe("tablesToDocx", () => {
  it("writes a valid .docx zip whose word/document.xml holds every cell text, title and footnote", async () => {
    const { files, xml } = await documentXml([t1]);
    expect(Object.keys(files)).toContain("[Content_Types].xml");
    for (const text of ["Table 1. Baseline characteristics", "Unadjusted", "Characteristic", "No (n = 20)", "53.5 (7.7)", "female", "25 (56.8)", "SMD = (x̄₁ − x̄₀)/√((s₁² + s₀²)/2)"]) {
      expect(xml).toContain(text);
    }
    expect(xml).toContain('<w:gridSpan w:val="2"/>');
    expect((xml.match(/<w:tbl>/g) ?? []).length).toBe(1);
  });

  it("escapes markup in cell text instead of injecting it into the XML", async () => {
    const hostile: ReportTable = { title: "<script>alert(1)</script>", headers: [["a & b", "\"q\""]], rows: [["</w:t><w:t>x", "1 < 2"]], footnotes: [] };
    const { xml } = await documentXml([hostile]);
    expect(xml).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(xml).toContain("a &amp; b");
    expect(xml).toContain("&lt;/w:t&gt;&lt;w:t&gt;x");
    expect(xml).not.toContain("<script>");
  });

  it("puts several tables in one document and turns the page to landscape for wide tables", async () => {
    const wide: ReportTable = { title: "Wide", headers: [Array.from({ length: 10 }, (_, i) => `h${i}`)], rows: [Array.from({ length: 10 }, (_, i) => `c${i}`)], footnotes: [] };
    const { xml } = await documentXml([t1, wide]);
    expect((xml.match(/<w:tbl>/g) ?? []).length).toBe(2);
    const pg = /<w:pgSz[^>]*w:w="(\d+)"[^>]*w:h="(\d+)"[^>]*w:orient="landscape"/.exec(xml);
    expect(pg).not.toBeNull();
    expect(Number(pg?.[1])).toBeGreaterThan(Number(pg?.[2]));
  });

  it("keeps portrait pages for narrow tables", async () => {
    const { xml } = await documentXml([t1]);
    expect(xml).not.toContain('w:orient="landscape"');
  });
});
