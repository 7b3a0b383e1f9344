/**
 * Issue 12, regression suite for classes that already hold: data text in the report (column names,
 * levels, labels, the title) never becomes markup in report.html, the SVG figures or tables.docx, and
 * never a formula in tables/*.csv. test/report/html.test.ts, csv.test.ts and docx.test.ts cover
 * `<script>` in the HTML, the CSV guard on one table and markup in a hand-made DOCX table; this file
 * adds the classes they miss, through a whole study rendered as `survinfer run` renders it: attribute
 * breakouts (`"` `'`), `</title>`, CDATA ends `]]>`, entity text (`&amp;` stays visible text),
 * control characters (invalid in XML), SVG event handlers, every CSV parsed with a real RFC 4180 reader,
 * and the DOCX XML parsed back.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strFromU8, unzipSync } from "fflate";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderReport } from "../../src/report/render.js";
import { findAll, parseXml, type XmlElement } from "../report/plots/xml.js";
import { runSpecFile } from "../report/render-study.js";

const ESC = "\u001b";
const TITLE = `T</title><script>alert(9)</script>'"`;
const COLUMN = `size" onmouseover="alert(1)`;
const LEVELS = [`=HYPERLINK("http://evil/")`, `-2+3<svg onload=alert(5)>`, `@SUM(1)]]>&amp;`, `${ESC}[2J+ctl\u009b`] as const;
const TREATMENT_LABEL = `Tr'eat<i>`;
/** Characters XML 1.0 does not allow at all (C0 controls except TAB, LF and CR). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;

const dir = mkdtempSync(join(tmpdir(), "survinfer-escaping-"));
let files: Record<string, string | Uint8Array>;

function csvField(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

beforeAll(async () => {
  const rows = [["time", "status", "treat", COLUMN, "grade"].map(csvField).join(",")];
  for (let i = 0; i < 60; i++) {
    rows.push([String(((i * 7) % 37) + 1), String(i % 3 === 0 ? 0 : 1), i % 2 === 0 ? "yes" : "no", String(20 + ((i * 11) % 50)), LEVELS[Math.floor(i / 2) % 4]].map(csvField).join(","));
  }
  writeFileSync(join(dir, "hostile.csv"), rows.join("\n") + "\n");
  const spec = {
    title: TITLE,
    data: { file: "hostile.csv" },
    endpoints: { os: { time: "time", status: "status", values: [1], label: `OS<b>"` } },
    treatment: { column: "treat", treated: "yes", label: TREATMENT_LABEL },
    covariates: [COLUMN, { name: "grade", type: "categorical" }],
    analyses: {
      table1: { by: "treatment", smd: true },
      km: { endpoint: "os", by: "treatment", times: [12] },
      logrank: { endpoint: "os", by: "treatment" },
      cox: { endpoint: "os", univariable: "all", multivariable: [COLUMN, "grade"] },
      propensity: { matching: { ratio: 1 }, weighting: { estimand: "ATE" } },
    },
    seed: 1,
  };
  writeFileSync(join(dir, "study.yaml"), JSON.stringify(spec, null, 2));
  files = await renderReport(runSpecFile(join(dir, "study.yaml")));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function text(name: string): string {
  const v = files[name];
  expect(typeof v, name).toBe("string");
  return v as string;
}

/** Elements that could run code or load something: script, foreignObject, iframe, on* attributes, href. */
function activeContent(root: XmlElement): string[] {
  return findAll(root, (e) => /^(script|foreignObject|iframe|object|embed)$/i.test(e.name) || Object.keys(e.attrs).some((a) => /^on/i.test(a) || /href$/i.test(a))).map((e) => e.name);
}

describe("report.html with hostile data", () => {
  it("keeps the title, column name, levels and labels as text in every context", () => {
    const html = text("report.html");
    // no tag other than the report's own gained an event handler or a script
    expect(html).not.toMatch(/<[a-z][^>]*\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain("<svg onload");
    expect(html).not.toContain("<i>");
    // the title element holds the whole title as text (the `</title>` inside is escaped)
    const title = /<title>([\s\S]*?)<\/title>/.exec(html)?.[1] ?? "";
    expect(title).toContain("T&lt;/title&gt;&lt;script&gt;alert(9)&lt;/script&gt;");
    expect(title).not.toMatch(/[<>]/);
    // attribute-breaking quotes, entity text and CDATA ends are shown, not interpreted
    expect(html).toContain("size&quot; onmouseover=&quot;alert(1)");
    expect(html).toContain("-2+3&lt;svg onload=alert(5)&gt;");
    expect(html).toContain("@SUM(1)]]&gt;&amp;amp;");
    expect(html).toContain("Tr&#39;eat&lt;i&gt;");
  });

  it("holds no raw control character, and shows the rest of such a level", () => {
    const html = text("report.html");
    expect(CONTROL.test(html)).toBe(false);
    expect(html).toContain("[2J+ctl");
  });

  it("inlines only well-formed SVG without active content", () => {
    const svgs = text("report.html").match(/<svg[\s\S]*?<\/svg>/g) ?? [];
    expect(svgs.length).toBeGreaterThan(3);
    for (const svg of svgs) expect(activeContent(parseXml(svg))).toEqual([]);
  });
});

describe("figures/*.svg with hostile data", () => {
  it("are well-formed XML without control characters or active content, the data shown as text", () => {
    const names = Object.keys(files).filter((n) => n.endsWith(".svg"));
    expect(names).toContain("figures/love.svg");
    expect(names).toContain("figures/forest-cox.svg");
    let shown = "";
    for (const name of names) {
      const svg = text(name);
      expect(CONTROL.test(svg), name).toBe(false);
      const root = parseXml(svg);
      expect(activeContent(root), name).toEqual([]);
      shown += root.text;
    }
    // the decoded text of the figures holds the hostile names literally (they were text, not markup)
    expect(shown).toContain(`${COLUMN}`);
    expect(shown).toContain("-2+3<svg onload=alert(5)>");
    expect(shown).toContain("@SUM(1)]]>&amp;");
  });
});

describe("tables/*.csv with hostile data", () => {
  const FORMULA = /^[=+\-@\t\r]/;
  const PLAIN_NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

  it("parse as RFC 4180 and no cell starts a formula unless it is a plain number", () => {
    const names = Object.keys(files).filter((n) => n.startsWith("tables/") && n.endsWith(".csv"));
    expect(names.length).toBeGreaterThan(5);
    const cells: string[] = [];
    for (const name of names) {
      // the delimiter given: the first record is the table's title, one field, from which Papa cannot guess it
      const parsed = Papa.parse<string[]>(text(name), { newline: "\r\n", delimiter: "," });
      expect(parsed.errors, name).toEqual([]);
      for (const row of parsed.data) for (const cell of row) {
        if (FORMULA.test(cell)) expect(cell, `${name}: ${JSON.stringify(cell)}`).toMatch(PLAIN_NUMBER);
        cells.push(cell);
      }
    }
    // the guarded cells are the data's text with only an apostrophe in front
    expect(cells).toContain(`'${LEVELS[0]}`);
    expect(cells).toContain(`'${LEVELS[1]}`);
    expect(cells).toContain(`'${LEVELS[2]}`);
    expect(cells).toContain(`${COLUMN}, mean (SD)`);
    expect(cells.some((c) => /^-0\.\d+$/.test(c))).toBe(true); // negative SMDs stay numbers
  });
});

describe("tables.docx with hostile data", () => {
  it("holds well-formed XML whose text is the data, without markup or control characters", () => {
    const bytes = files["tables.docx"];
    expect(bytes).toBeInstanceOf(Uint8Array);
    const xml = strFromU8(unzipSync(bytes as Uint8Array)["word/document.xml"]);
    expect(CONTROL.test(xml)).toBe(false);
    const root = parseXml(xml);
    expect(findAll(root, (e) => /^(script|svg|i|b)$/i.test(e.name))).toEqual([]);
    const runs = findAll(root, (e) => e.name === "w:t").map((e) => e.text);
    expect(runs.some((t) => t.includes("-2+3<svg onload=alert(5)>"))).toBe(true);
    expect(runs.some((t) => t.includes("@SUM(1)]]>&amp;"))).toBe(true);
    expect(runs.some((t) => t.includes(`${COLUMN}, mean (SD)`))).toBe(true);
    expect(runs.some((t) => t.includes("[2J+ctl"))).toBe(true);
  });
});
