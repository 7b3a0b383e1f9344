/**
 * The example's Word documents open cleanly in LibreOffice (issue 19): report.docx and tables.docx are
 * converted to PDF with Debian's LibreOffice (`soffice --headless --convert-to pdf`), then read back with
 * poppler-utils: the page count is plausible, every page is A4 (portrait or landscape), no word of any
 * table or paragraph lies outside the page's text area (a table wider than the page would), every figure
 * is an image in the PDF, and the SEQ-numbered captions come out as Figure 1…n and Table 1…m.
 *
 * Runs when `soffice`, `pdftotext`, `pdfinfo` and `pdfimages` are installed (.ci/run installs
 * libreoffice-writer-nogui and poppler-utils); under CI their absence is a failure, not a pass.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { buildReportModel, renderReport } from "../../src/report/render.js";
import { layoutTable, TEXT_WIDTH } from "../../src/report/docx.js";
import { svgToPng } from "../../src/report/plots/png.js";
import { exampleResults } from "./render-study.js";

/** Full path of a program on PATH, or null. */
function which(name: string): string | null {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    const p = join(dir, name);
    if (dir !== "" && existsSync(p)) return p;
  }
  return null;
}

const TOOLS = { soffice: which("soffice"), pdftotext: which("pdftotext"), pdfinfo: which("pdfinfo"), pdfimages: which("pdfimages") };
const missing = Object.entries(TOOLS).filter(([, p]) => p === null).map(([k]) => k);
if (missing.length > 0) console.warn(`docx-libreoffice: not run here, missing ${missing.join(", ")} (apt-get install -y libreoffice-writer-nogui poppler-utils)`);

/** The tools are required under CI (.ci/run installs them); elsewhere the checks run when they are present. */
function toolsPresent(): boolean {
  if (missing.length === 0) return true;
  if (process.env.CI === "true") throw new Error(`CI must run the LibreOffice check: missing ${missing.join(", ")}; .ci/run installs libreoffice-writer-nogui and poppler-utils`);
  return false;
}

/** 1 inch, the documents' page margin, in PDF points. */
const MARGIN_PT = 72;
/** Slack for glyph side bearings and LibreOffice's rounding, points. */
const SLACK_PT = 3;

interface PdfWord {
  readonly page: number;
  readonly xMin: number;
  readonly xMax: number;
  readonly text: string;
}

interface PdfPage {
  readonly width: number;
  readonly height: number;
  readonly words: readonly PdfWord[];
}

/** Pages and word boxes from `pdftotext -bbox` (XHTML with one <page> per page and one <word> per word). */
function readBoxes(pdf: string): PdfPage[] {
  const html = execFileSync(TOOLS.pdftotext as string, ["-bbox", pdf, "-"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  return html
    .split(/<page /)
    .slice(1)
    .map((chunk, i) => {
      const size = /width="([\d.]+)" height="([\d.]+)"/.exec(chunk);
      const words = [...chunk.matchAll(/<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g)].map((m) => ({ page: i + 1, xMin: Number(m[1]), xMax: Number(m[2]), text: m[3] }));
      return { width: Number(size?.[1]), height: Number(size?.[2]), words };
    });
}

function pageCount(pdf: string): number {
  const info = execFileSync(TOOLS.pdfinfo as string, [pdf], { encoding: "utf8" });
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? NaN);
}

/** Converts a .docx to PDF in `dir` with a private LibreOffice profile (parallel runs do not share a lock). */
function toPdf(docx: string, dir: string): string {
  const profile = pathToFileURL(join(dir, "lo-profile")).href;
  execFileSync(TOOLS.soffice as string, [`-env:UserInstallation=${profile}`, "--headless", "--norestore", "--convert-to", "pdf", "--outdir", dir, docx], { stdio: "pipe", timeout: 240_000 });
  const pdf = docx.replace(/\.docx$/, ".pdf");
  expect(existsSync(pdf), `LibreOffice wrote no ${pdf}`).toBe(true);
  return pdf;
}

/** Words outside the text area of their page (beyond the side margins, with a little slack). */
function overflowing(pages: readonly PdfPage[]): PdfWord[] {
  return pages.flatMap((p) => p.words.filter((w) => w.xMin < MARGIN_PT - SLACK_PT || w.xMax > p.width - MARGIN_PT + SLACK_PT));
}

/** A4 in points, either way round. */
function isA4(p: PdfPage): boolean {
  const [a, b] = [Math.min(p.width, p.height), Math.max(p.width, p.height)];
  return Math.abs(a - 595.3) < 1 && Math.abs(b - 841.9) < 1;
}

describe("the example's Word documents in LibreOffice", () => {
  const dir = mkdtempSync(join(tmpdir(), "survinfer-docx-lo-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("report.docx converts to PDF with every figure, numbered captions and no text outside the page's text area", { timeout: 300_000 }, async () => {
    if (!toolsPresent()) return;
    const results = exampleResults();
    const { figures, tables } = buildReportModel(results);
    // 100 dpi keeps the test quick; the layout does not depend on the resolution
    const files = await renderReport(results, { rasterize: (svg) => svgToPng(svg, { dpi: 100 }) });
    const docx = join(dir, "report.docx");
    writeFileSync(docx, files["report.docx"] as Uint8Array);
    const pdf = toPdf(docx, dir);

    const pages = readBoxes(pdf);
    expect(pages.length).toBe(pageCount(pdf));
    for (const p of pages) expect(isA4(p), `page ${pages.indexOf(p) + 1}: ${p.width} × ${p.height} pt`).toBe(true);
    // plausible length: at least a page per 3 figures, at most 2 pages per table or figure (a table split row by row would exceed it)
    expect(pages.length).toBeGreaterThanOrEqual(Math.ceil(figures.length / 3));
    expect(pages.length).toBeLessThanOrEqual(2 * (figures.length + tables.length) + 4);
    // the tables laid out in landscape got landscape pages
    const landscapeTables = tables.filter((t) => layoutTable(t.table, 9).orientation === "landscape").length;
    expect(landscapeTables).toBeGreaterThan(0); // the side-by-side Table 1 of the example is too wide for portrait
    expect(pages.filter((p) => p.width > p.height).length).toBeGreaterThanOrEqual(landscapeTables);

    const out = overflowing(pages);
    expect(out.map((w) => `page ${w.page}: "${w.text}" ${w.xMin.toFixed(1)}–${w.xMax.toFixed(1)}`)).toEqual([]);

    // every figure is an image (pdfimages lists an alpha channel as "smask" beside its "image")
    const images = execFileSync(TOOLS.pdfimages as string, ["-list", pdf], { encoding: "utf8" })
      .split("\n")
      .slice(2)
      .filter((line) => line.trim().split(/\s+/)[2] === "image");
    expect(images.length).toBe(figures.length);

    // the SEQ fields come out as numbers 1…n in order; the checklist is there
    const text = execFileSync(TOOLS.pdftotext as string, ["-raw", pdf, "-"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 }).replace(/\s+/g, " ");
    for (let k = 1; k <= figures.length; k++) expect(text).toContain(`Figure ${k}. `);
    for (let k = 1; k <= tables.length; k++) expect(text).toContain(`Table ${k}. `);
    expect(text).toContain("STROBE checklist");
    expect(text).toContain("Statistical methods");
  });

  it("tables.docx converts to PDF with no table wider than the page", { timeout: 300_000 }, async () => {
    if (!toolsPresent()) return;
    const files = await renderReport(exampleResults());
    const docx = join(dir, "tables.docx");
    writeFileSync(docx, files["tables.docx"] as Uint8Array);
    const pdf = toPdf(docx, dir);
    const pages = readBoxes(pdf);
    expect(pages.length).toBe(pageCount(pdf));
    const { tables } = buildReportModel(exampleResults());
    expect(pages.length).toBeGreaterThanOrEqual(Math.ceil(tables.length / 4));
    expect(pages.length).toBeLessThanOrEqual(2 * tables.length + 2);
    for (const p of pages) expect(isA4(p)).toBe(true);
    expect(overflowing(pages).map((w) => `page ${w.page}: "${w.text}" ${w.xMax.toFixed(1)}`)).toEqual([]);
    // the text area really is the one the layout assumes (twips → points)
    const widest = Math.max(...pages.flatMap((p) => p.words.map((w) => w.xMax - MARGIN_PT)));
    expect(widest).toBeLessThanOrEqual(TEXT_WIDTH.landscape / 20 + SLACK_PT);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe("%PDF-");
  });
});
