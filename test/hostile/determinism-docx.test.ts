/**
 * tables.docx is byte-identical for the same tables, whatever the clock says: no creation or
 * modification time in docProps/core.xml and a fixed date on every zip entry.
 */
import { strFromU8, unzipSync } from "fflate";
import { afterEach, describe, expect, it, vi } from "vitest";
import { tablesToDocx } from "../../src/report/docx.js";
import { renderReport } from "../../src/report/render.js";
import type { ReportTable } from "../../src/report/csv.js";
import { EXAMPLE_SPEC, runSpecFile } from "../report/render-study.js";

afterEach(() => vi.useRealTimers());

const tables: ReportTable[] = [
  { title: "Table 1", headers: [["", "No", "Yes"]], rows: [["Age", "53 (8)", "52 (12)"], ["Sex <female> & \"other\"", "10", "12"]], footnotes: ["mean (SD)"] },
  { title: "Table 2", headers: [["Term", "HR", "95% CI", "p"]], rows: [["age", "1.02", "0.99 to 1.05", "0.21"]], footnotes: [] },
];

/** `fn` run with the clock set to `iso` (only Date is faked; timers run as usual). */
async function at<T>(iso: string, fn: () => Promise<T>): Promise<T> {
  vi.useFakeTimers({ toFake: ["Date"], now: new Date(iso) });
  try {
    return await fn();
  } finally {
    vi.useRealTimers();
  }
}

/** The DOS date-time fields of every local file header of a zip. */
function zipEntryTimes(bytes: Uint8Array): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const times: number[] = [];
  for (let i = 0; i + 30 <= bytes.length; i++) if (view.getUint32(i, true) === 0x04034b50) times.push(view.getUint32(i + 10, true));
  return times;
}

describe("tables.docx is deterministic", () => {
  it("gives identical bytes for the same tables on different days and times", async () => {
    const a = await at("2021-03-04T05:06:07Z", () => tablesToDocx(tables, { title: "T" }));
    const b = await at("2030-11-12T23:59:58Z", () => tablesToDocx(tables, { title: "T" }));
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const core = strFromU8(unzipSync(a)["docProps/core.xml"]);
    expect(core).not.toMatch(/dcterms:(created|modified)/);
    expect(core).not.toMatch(/20(21|30)-/);
    const times = zipEntryTimes(a);
    expect(times.length).toBe(Object.keys(unzipSync(a)).length);
    expect(new Set(times).size).toBe(1);
  });

  it("still holds every table (the post-processing keeps the document)", async () => {
    const files = unzipSync(await tablesToDocx(tables));
    const doc = strFromU8(files["word/document.xml"]);
    for (const text of ["Table 1", "53 (8)", "Sex &lt;female&gt; &amp; &quot;other&quot;", "0.99 to 1.05", "mean (SD)"]) expect(doc).toContain(text);
    expect(Object.keys(files)).toContain("[Content_Types].xml");
  });

  it("renders the whole report twice, at different times, to identical files", async () => {
    const results = runSpecFile(EXAMPLE_SPEC);
    const a = await at("2022-01-01T00:00:00Z", () => renderReport(results));
    const b = await at("2027-06-15T12:34:56Z", () => renderReport(results));
    expect(Object.keys(b)).toEqual(Object.keys(a));
    for (const name of Object.keys(a)) {
      const x = a[name];
      const y = b[name];
      expect(typeof x === "string" ? x : Buffer.from(x).toString("base64"), name).toBe(typeof y === "string" ? y : Buffer.from(y).toString("base64"));
    }
  }, 60_000);
});
