/**
 * Word (.docx) output, because manuscripts are written in Word. Built with the `docx` package (an OOXML
 * writer; no hand-written XML).
 *
 * - `reportToDocx(model)`: the whole report (report.docx): Title, Heading 1 per section, text, lists,
 *   every table and figure with a caption, the methods paragraphs, and the STROBE (and TRIPOD, with a
 *   prediction model) checklist saying where each item is reported.
 * - `tablesToDocx(tables)`: the tables alone (tables.docx), in the same styles.
 *
 * Styles are Word's own (Title, Heading 1–3, Caption), so the navigation pane, a table of contents and
 * "Insert table of figures" work. Captions number tables and figures with SEQ fields (`SEQ Table`,
 * `SEQ Figure`) carrying their value, so Word renumbers them when the author moves things. Tables are
 * three-line journal tables: a rule above the header, one under it and one under the last row, no
 * vertical lines or grid. Column widths are fixed and sum to the text width; a table too wide for a
 * portrait page gets a landscape section of its own, and one too wide for that a smaller font (down to
 * 7 pt), so no table runs off the page. Figures are the PNGs rendered from the SVGs, at their printed
 * size (85 or 175 mm wide), scaled down to the text width where needed.
 */
import { msg } from "../i18n/messages.js";
import { withLanguage, type Language } from "../i18n/language.js";
import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  ImageRun,
  Packer,
  PageOrientation,
  Paragraph,
  SimpleField,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  type ISectionOptions,
} from "docx";
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from "fflate";
import type { HeaderCell, ReportTable } from "./csv.js";
import type { ReadFirstEntry, ReportBlock, ReportFigure, ReportModel } from "./html.js";
import { captionNumbers, checklistTables, type CaptionNumbers } from "./checklist.js";

/** A table with the number its caption carries in the Word files; null for a lead-in table before Table 1. */
export interface NumberedTable {
  readonly table: ReportTable;
  readonly number: number | null;
}

export interface DocxOptions {
  /** Font family; default "Arial". */
  readonly font?: string;
  /** Font size of table text in points; default 9 (body text is one point larger). */
  readonly fontSize?: number;
  /** "auto" (default): each table portrait when it fits the portrait text width, else in a landscape section. */
  readonly orientation?: "auto" | "portrait" | "landscape";
  /** Document title (core properties). */
  readonly title?: string;
  /** Language of the document's own texts ("Table", "Figure", checklist); default the report model's, else English. */
  readonly language?: Language;
}

export interface ReportDocxOptions extends DocxOptions {
  /** PNG bytes by figure id (figures/<id>.png); a figure without one is named by its SVG file instead. */
  readonly figures?: Readonly<Record<string, Uint8Array>>;
  /** Append the STROBE/TRIPOD checklist; default true. */
  readonly checklist?: boolean;
}

// ---- page geometry (twips: 1/20 pt; 1440 per inch). A4 with 1-inch margins, as Word's default.
const PAGE_W = 11906;
const PAGE_H = 16838;
const MARGIN = 1440;
/** Text width of a portrait and a landscape A4 page, twips. */
export const TEXT_WIDTH = { portrait: PAGE_W - 2 * MARGIN, landscape: PAGE_H - 2 * MARGIN } as const;
const TEXT_HEIGHT_PORTRAIT = PAGE_H - 2 * MARGIN;
/** Smallest table font, points. */
const MIN_TABLE_PT = 7;
/** Cell margins left and right (0.1 cm each, tighter than Word's 0.19 cm, as journal tables are), twips. */
const CELL_MARGIN = 57;
/** Left + right cell margins plus a little slack for rounding in the renderer, twips. */
const CELL_PADDING = 2 * CELL_MARGIN + 20;

const NONE = { style: BorderStyle.NONE, size: 0, color: "FFFFFF" } as const;
/** Journal rules: 1 pt (size in eighths of a point) above and below, 0.5 pt under the header. */
const HEAVY = { style: BorderStyle.SINGLE, size: 8, color: "000000" } as const;
const LIGHT = { style: BorderStyle.SINGLE, size: 4, color: "000000" } as const;

type Orientation = "portrait" | "landscape";

function columnCount(t: ReportTable): number {
  let n = 0;
  for (const r of t.rows) n = Math.max(n, r.length);
  for (const h of t.headers) n = Math.max(n, h.reduce((s, c) => s + (typeof c === "string" ? 1 : c.span), 0));
  return Math.max(n, 1);
}

/** Average glyph width of Arial/Liberation Sans ≈ 0.55 em (digits 0.556 em); in twips per character at `pt` points. */
const charTwips = (pt: number): number => pt * 20 * 0.55;
/** Bold header text is about 10% wider. */
const BOLD = 1.1;

/**
 * Widest text (characters) a column should show on one line before wrapping: on a portrait page label
 * columns wrap after 28 characters and the others after 14 (two-line cells are fine); on a landscape page
 * after 40 and 24.
 */
const NATURAL_CAP = { portrait: { first: 28, other: 14 }, landscape: { first: 40, other: 24 } } as const;

/** Per column: natural width (one line up to the cap) and minimum width (the longest word), in characters. */
function columnChars(t: ReportTable, caps: { readonly first: number; readonly other: number }): { natural: number[]; min: number[] } {
  const n = columnCount(t);
  const natural = new Array<number>(n).fill(1);
  const min = new Array<number>(n).fill(1);
  const see = (j: number, text: string, factor: number): void => {
    const cap = j === 0 ? caps.first : caps.other;
    natural[j] = Math.max(natural[j], Math.min([...text].length * factor, cap));
    for (const w of text.split(/\s+/)) min[j] = Math.max(min[j], Math.min([...w].length * factor, cap));
  };
  for (const h of t.headers) {
    let j = 0;
    for (const c of h) {
      if (typeof c === "string") see(j, c, BOLD);
      j += typeof c === "string" ? 1 : c.span;
    }
  }
  for (const r of t.rows) r.forEach((text, j) => see(j, text, 1));
  for (let j = 0; j < n; j++) min[j] = Math.min(min[j], natural[j]);
  return { natural, min };
}

/** Orientation, font size and column widths (twips, summing to the text width) of a table. */
export interface TableLayout {
  readonly orientation: Orientation;
  readonly fontPt: number;
  readonly widths: readonly number[];
}

/**
 * Lays a table out on the page: portrait at the base font (or one point less) when its natural width fits, else landscape at
 * the base font, then landscape at smaller fonts down to 7 pt; failing all, landscape at 7 pt with the
 * columns squeezed (cells wrap; Word breaks a word only when it is wider than its column). Widths are
 * always the text width in total, so the table never runs off the page.
 */
export function layoutTable(t: ReportTable, basePt: number, orientation: "auto" | Orientation = "auto"): TableLayout {
  const twips = (chars: readonly number[], pt: number): number[] => chars.map((c) => c * charTwips(pt) + CELL_PADDING);
  const candidates: { orientation: Orientation; pt: number }[] = [];
  const orients: Orientation[] = orientation === "auto" ? ["portrait", "landscape"] : [orientation];
  for (const o of orients) {
    // a portrait page takes one point less than the base font before the table turns to landscape
    if (o === "portrait" && orientation === "auto") for (let pt = basePt; pt >= Math.max(basePt - 1, Math.min(basePt, MIN_TABLE_PT)); pt--) candidates.push({ orientation: o, pt });
    else for (let pt = basePt; pt >= Math.min(basePt, MIN_TABLE_PT); pt--) candidates.push({ orientation: o, pt });
  }
  for (const c of candidates) {
    const nat = twips(columnChars(t, NATURAL_CAP[c.orientation]).natural, c.pt);
    const avail = TEXT_WIDTH[c.orientation];
    const sum = nat.reduce((a, b) => a + b, 0);
    if (sum <= avail) return { orientation: c.orientation, fontPt: c.pt, widths: fill(nat, avail) };
  }
  const last = candidates[candidates.length - 1];
  const avail = TEXT_WIDTH[last.orientation];
  const { natural, min } = columnChars(t, NATURAL_CAP[last.orientation]);
  const nat = twips(natural, last.pt);
  const mn = twips(min, last.pt);
  const sumNat = nat.reduce((a, b) => a + b, 0);
  const sumMin = mn.reduce((a, b) => a + b, 0);
  // between the longest words and one line per cell; below the longest words, everything scaled down
  const widths = sumMin <= avail ? mn.map((m, j) => m + ((nat[j] - m) * (avail - sumMin)) / Math.max(sumNat - sumMin, 1)) : mn.map((m) => (m * avail) / sumMin);
  return { orientation: last.orientation, fontPt: last.pt, widths: integerWidths(widths, avail) };
}

/** Widths scaled up proportionally to the available width. */
function fill(widths: readonly number[], avail: number): number[] {
  const sum = widths.reduce((a, b) => a + b, 0);
  return integerWidths(
    widths.map((w) => (w * avail) / sum),
    avail,
  );
}

/** Whole twips summing exactly to `total` (the remainder goes to the first column). */
function integerWidths(widths: readonly number[], total: number): number[] {
  const out = widths.map((w) => Math.floor(w));
  out[0] += total - out.reduce((a, b) => a + b, 0);
  return out;
}

interface CellStyle {
  readonly bold?: boolean;
  readonly span: number;
  readonly width: number;
  readonly indent?: boolean;
  readonly first: boolean;
  readonly top?: typeof HEAVY | typeof LIGHT;
  readonly bottom?: typeof HEAVY | typeof LIGHT;
  readonly font: string;
  readonly halfPt: number;
}

function cell(text: string, s: CellStyle): TableCell {
  return new TableCell({
    children: [
      new Paragraph({
        alignment: s.first ? AlignmentType.LEFT : AlignmentType.CENTER,
        spacing: { before: 0, after: 0 },
        ...(s.indent === true ? { indent: { left: 240 } } : {}),
        children: [new TextRun({ text, bold: s.bold === true, font: s.font, size: s.halfPt })],
      }),
    ],
    width: { size: s.width, type: WidthType.DXA },
    ...(s.span > 1 ? { columnSpan: s.span } : {}),
    borders: { top: s.top ?? NONE, bottom: s.bottom ?? NONE, left: NONE, right: NONE },
  });
}

/** A three-line journal table with fixed column widths. */
function buildTable(t: ReportTable, layout: TableLayout, font: string): Table {
  const halfPt = Math.round(layout.fontPt * 2);
  const n = layout.widths.length;
  const spanWidth = (j: number, span: number): number => layout.widths.slice(j, j + span).reduce((a, b) => a + b, 0);
  const rows: TableRow[] = [];
  t.headers.forEach((h: readonly HeaderCell[], hi) => {
    const last = hi === t.headers.length - 1;
    let j = 0;
    const cells: TableCell[] = [];
    for (const c of h) {
      const text = typeof c === "string" ? c : c.text;
      const span = Math.min(typeof c === "string" ? 1 : c.span, n - j);
      if (span <= 0) break;
      cells.push(cell(text, { bold: true, span, width: spanWidth(j, span), first: j === 0, top: hi === 0 ? HEAVY : undefined, bottom: last ? LIGHT : undefined, font, halfPt }));
      j += span;
    }
    if (j < n) cells.push(cell("", { span: n - j, width: spanWidth(j, n - j), first: false, top: hi === 0 ? HEAVY : undefined, bottom: last ? LIGHT : undefined, font, halfPt }));
    rows.push(new TableRow({ tableHeader: true, cantSplit: true, children: cells }));
  });
  t.rows.forEach((r, ri) => {
    const last = ri === t.rows.length - 1;
    const top = ri === 0 && t.headers.length === 0 ? HEAVY : undefined;
    const cells = Array.from({ length: n }, (_, j) => cell(r[j] ?? "", { span: 1, width: layout.widths[j], first: j === 0, indent: j === 0 && t.indented?.[ri] === true, top, bottom: last ? HEAVY : undefined, font, halfPt }));
    rows.push(new TableRow({ cantSplit: true, children: cells }));
  });
  return new Table({
    rows,
    width: { size: TEXT_WIDTH[layout.orientation], type: WidthType.DXA },
    columnWidths: [...layout.widths],
    layout: TableLayoutType.FIXED,
    margins: { left: CELL_MARGIN, right: CELL_MARGIN, top: 0, bottom: 0 },
    borders: TableBorders.NONE,
  });
}

/** "Table 1. Baseline …" → "Baseline …": the document numbers tables itself. */
export function stripNumber(title: string, label: "Table" | "Figure"): string {
  const own = label === "Table" ? msg().docx.table : msg().docx.figure;
  return title.replace(new RegExp(`^(?:${label}|${own})\\s*\\d+[.:]\\s*`), "");
}

/** A Caption-style paragraph "Table k. title" (k a SEQ field holding its value), or "title" alone when k is null. */
function captionParagraph(label: "Table" | "Figure", k: number | null, text: string, font: string, keepNext: boolean): Paragraph {
  if (k === null) return new Paragraph({ style: "Caption", keepNext, children: [new TextRun({ text, font })] });
  // the label in the document's language ("Tabelle", "表"); the SEQ field keeps Word's English identifier
  const shown = label === "Table" ? msg().docx.table : msg().docx.figure;
  return new Paragraph({
    style: "Caption",
    keepNext,
    children: [new TextRun({ text: `${shown} `, bold: true, font }), new SimpleField(`SEQ ${label} \\* ARABIC`, String(k)), new TextRun({ text: ". ", bold: true, font }), new TextRun({ text, font })],
  });
}

function footnote(text: string, font: string, halfPt: number): Paragraph {
  return new Paragraph({ spacing: { before: 40, after: 0 }, children: [new TextRun({ text, font, size: halfPt - 2 })] });
}

/** The paragraphs and table of one report table (caption above, numbered unless k is null; footnotes below). */
function tableParts(t: ReportTable, k: number | null, layout: TableLayout, font: string): (Paragraph | Table)[] {
  const halfPt = Math.round(layout.fontPt * 2);
  const out: (Paragraph | Table)[] = [captionParagraph("Table", k, stripNumber(t.title, "Table"), font, true), buildTable(t, layout, font)];
  for (const f of t.footnotes) out.push(footnote(f, font, halfPt));
  out.push(new Paragraph({ spacing: { after: 120 }, children: [] }));
  return out;
}

/** Printed size of a figure in mm, from its SVG's width/height attributes ("175mm"); null when absent. */
export function svgSizeMm(svg: string): { width: number; height: number } | null {
  const tag = /<svg\b[^>]*>/.exec(svg)?.[0] ?? "";
  const mm = (name: string): number | null => {
    const m = new RegExp(`\\b${name}="([0-9.]+)mm"`).exec(tag);
    return m ? Number(m[1]) : null;
  };
  const w = mm("width");
  const h = mm("height");
  return w !== null && h !== null && w > 0 && h > 0 ? { width: w, height: h } : null;
}

/** Pixel size of a PNG from its IHDR chunk. */
function pngSize(png: Uint8Array): { width: number; height: number } | null {
  if (png.length < 24) return null;
  const v = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return v.getUint32(12) === 0x49484452 ? { width: v.getUint32(16), height: v.getUint32(20) } : null;
}

/**
 * Display size of a figure in pixels at 96 per inch (what `docx` expects): its printed size, scaled down to
 * the portrait text width and to the text height less room for the caption.
 */
export function figureDisplayPx(svg: string, png: Uint8Array): { width: number; height: number } {
  const mmToPx = 96 / 25.4;
  const size = svgSizeMm(svg);
  const px = size ? { width: size.width * mmToPx, height: size.height * mmToPx } : (pngSize(png) ?? { width: 600, height: 400 });
  const maxW = (TEXT_WIDTH.portrait / 1440) * 96;
  const maxH = (TEXT_HEIGHT_PORTRAIT / 1440) * 96 - 120; // about 32 mm left for the caption
  const scale = Math.min(1, maxW / px.width, maxH / px.height);
  return { width: Math.floor(px.width * scale), height: Math.floor(px.height * scale) };
}

/** The image and caption of one figure (caption below, journal style). */
function figureParts(f: ReportFigure, k: number, png: Uint8Array | undefined, font: string): Paragraph[] {
  const title = stripNumber(f.title, "Figure");
  const text = `${title}${/[.!?]$/.test(title) ? "" : "."}${f.caption ? ` ${f.caption}` : ""}`;
  const image =
    png === undefined
      ? new Paragraph({ keepNext: true, children: [new TextRun({ text: `[Figure not embedded: this copy was made without a PNG renderer; the figure is figures/${f.id}.svg.]`, italics: true, font })] })
      : new Paragraph({
          keepNext: true,
          alignment: AlignmentType.CENTER,
          children: [new ImageRun({ type: "png", data: png, transformation: figureDisplayPx(f.svg, png), altText: { name: f.id, title, description: title } })],
        });
  return [image, captionParagraph("Figure", k, text, font, false)];
}

/** Styles: Word's built-in Title, Heading 1–3 and Caption, set in the document font. */
function styles(font: string, bodyHalfPt: number) {
  // the outline level makes them headings for Word's navigation pane and LibreOffice's PDF bookmarks whatever the style's name
  const heading = (halfPt: number, before: number, level: number) => ({ run: { font, size: halfPt, bold: true, color: "000000" }, paragraph: { spacing: { before, after: 120 }, keepNext: true, keepLines: true, outlineLevel: level } });
  return {
    default: {
      document: { run: { font, size: bodyHalfPt }, paragraph: { spacing: { after: 120 } } },
      title: { run: { font, size: 36, bold: true, color: "000000" }, paragraph: { spacing: { after: 120 } } },
      heading1: heading(30, 360, 0),
      heading2: heading(26, 240, 1),
      heading3: heading(22, 200, 2),
      caption: { run: { font, size: bodyHalfPt - 2, italics: false, bold: false, color: "000000" }, paragraph: { spacing: { before: 120, after: 80 } } },
    },
  };
}

/** Paragraphs of a non-table, non-figure block. */
function blockParagraphs(b: Exclude<ReportBlock, { kind: "table" } | { kind: "figure" }>, font: string, halfPt: number): Paragraph[] {
  switch (b.kind) {
    case "text":
      return [new Paragraph({ children: [new TextRun({ text: b.text, font })] })];
    case "note":
      return [new Paragraph({ border: { left: { style: BorderStyle.SINGLE, size: 18, color: "E69F00", space: 6 } }, indent: { left: 120 }, children: [new TextRun({ text: b.text, font, size: halfPt - 2 })] })];
    case "list":
      return b.items.map((item) => new Paragraph({ bullet: { level: 0 }, spacing: { after: 40 }, children: [new TextRun({ text: item, font })] }));
    case "pre":
      return [new Paragraph({ children: b.text.split("\n").map((line, i) => new TextRun({ text: line, font: "Courier New", size: 16, ...(i > 0 ? { break: 1 } : {}) })) })];
    case "calculator":
      return [new Paragraph({ children: [new TextRun({ text: msg().docx.calculatorInteractive, italics: true, font })] })];
  }
}

type Child = Paragraph | Table;

/** Consecutive content of one orientation becomes one section (a section break starts a new page). */
class SectionBuilder {
  readonly sections: ISectionOptions[] = [];
  private current: Child[] = [];
  private orientation: Orientation = "portrait";
  /** A heading waits for the content after it, so that it starts the same section (page) as that content. */
  private pending: Child[] = [];

  heading(p: Paragraph): void {
    this.pending.push(p);
  }

  add(children: readonly Child[], orientation: Orientation = "portrait"): void {
    if (orientation !== this.orientation && this.current.length > 0) this.flush(false);
    this.orientation = orientation;
    this.current.push(...this.pending, ...children);
    this.pending = [];
  }

  /** Ends the current section; `withPending` false keeps a waiting heading for the next section. */
  flush(withPending = true): void {
    if (withPending) {
      this.current.push(...this.pending);
      this.pending = [];
    }
    if (this.current.length === 0) return;
    const landscape = this.orientation === "landscape";
    this.sections.push({
      properties: {
        page: {
          size: landscape ? { width: PAGE_W, height: PAGE_H, orientation: PageOrientation.LANDSCAPE } : { width: PAGE_W, height: PAGE_H },
          margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
        },
      },
      children: this.current,
    });
    this.current = [];
  }
}

async function pack(sections: ISectionOptions[], font: string, bodyHalfPt: number, title: string | undefined): Promise<Uint8Array> {
  const doc = new Document({
    ...(title === undefined ? {} : { title }),
    creator: "survinfer",
    styles: styles(font, bodyHalfPt),
    sections,
  });
  const buffer = await Packer.toArrayBuffer(doc);
  return deterministicZip(new Uint8Array(buffer));
}

/**
 * Report tables to a .docx file (bytes): each table with its caption above and footnotes below. Text is
 * written as given (`docx` writes XML text nodes, so "<", "&" and quotes are safe).
 *
 * @example
 * ```ts
 * const bytes = await tablesToDocx([{ title: "Table 1", headers: [["", "No", "Yes"]], rows: [["Age", "53 (8)", "52 (12)"]], footnotes: ["mean (SD)"] }]);
 * // write bytes to tables.docx
 * ```
 */
export async function tablesToDocx(tables: readonly (ReportTable | NumberedTable)[], options: DocxOptions = {}): Promise<Uint8Array> {
  const font = options.font ?? "Arial";
  const pt = options.fontSize ?? 9;
  const out = new SectionBuilder();
  withLanguage(options.language ?? "en", () =>
    tables.forEach((x, k) => {
      const [t, number] = "table" in x ? [x.table, x.number] : [x, k + 1];
      const layout = layoutTable(t, pt, options.orientation ?? "auto");
      out.add(tableParts(t, number, layout, font), layout.orientation);
    }),
  );
  out.flush();
  if (out.sections.length === 0) out.sections.push({ children: [new Paragraph({ children: [] })] });
  return pack(out.sections, font, Math.round((pt + 1) * 2), options.title);
}

/**
 * The report's tables in the order (and so with the numbers) report.docx gives them: by the table numbers of the
 * ordered report model ({@link captionNumbers}: the section order of buildReportModel, e.g. an immortal-time primary
 * right after Table 1), each id once; a table built but not placed in the model (none today) follows, in build order.
 * tables.docx is made from this list, so "Table k" names the same table in both Word files (referee A2, session 11).
 *
 * @example
 * ```ts
 * const { model, tables } = buildReportModel(results);
 * const bytes = await tablesToDocx(tablesInReportOrder(model, tables));
 * ```
 */
export function tablesInReportOrder(model: ReportModel, tables: readonly { readonly id: string; readonly table: ReportTable }[]): NumberedTable[] {
  const number = captionNumbers(model).table;
  const seen = new Set<string>();
  const once = tables.filter((t) => !seen.has(t.id) && seen.add(t.id));
  const placedIds = new Set(model.sections.flatMap((s) => s.blocks.flatMap((b) => (b.kind === "table" ? [b.id] : []))));
  // the lead-in tables before Table 1 (unnumbered, in report order), then the numbered ones, then any not placed
  const leadIn = once.filter((t) => placedIds.has(t.id) && !number.has(t.id)).map((t) => ({ table: t.table, number: null }));
  const placed = once.filter((t) => number.has(t.id)).sort((a, b) => (number.get(a.id) ?? 0) - (number.get(b.id) ?? 0));
  const rest = once.filter((t) => !placedIds.has(t.id));
  return [...leadIn, ...[...placed, ...rest].map((t, k) => ({ table: t.table, number: number.get(t.id) ?? placed.length + k + 1 }))];
}

/**
 * The whole report as a .docx (report.docx): the title, "Read first", each section under Heading 1 with
 * its text, lists, tables (captioned, three-line) and figures (PNG from `options.figures`, captioned),
 * then the reporting checklist (STROBE; TRIPOD when a prediction model is reported).
 *
 * @example
 * ```ts
 * const { model, figures } = buildReportModel(results);
 * const png = Object.fromEntries(figures.map((f) => [f.id, svgToPng(f.svg, { dpi: 300 })]));
 * const bytes = await reportToDocx(model, { figures: png, title: results.title });
 * ```
 */
export async function reportToDocx(model: ReportModel, options: ReportDocxOptions = {}): Promise<Uint8Array> {
  const font = options.font ?? "Arial";
  const pt = options.fontSize ?? 9;
  const bodyHalfPt = Math.round((pt + 1) * 2);
  // the document's own texts in the report's language (built synchronously; only packing is asynchronous)
  const sections = withLanguage(options.language ?? model.language ?? "en", () => reportSections(model, options, font, pt, bodyHalfPt));
  return pack(sections, font, bodyHalfPt, options.title ?? model.title);
}

/** The sections of report.docx (see reportToDocx), with the language in force. */
function reportSections(model: ReportModel, options: ReportDocxOptions, font: string, pt: number, bodyHalfPt: number): ISectionOptions[] {
  const numbers: CaptionNumbers = captionNumbers(model);
  const out = new SectionBuilder();
  const orient = options.orientation ?? "auto";

  out.add([new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun({ text: model.title, font })] }), ...model.subtitle.map((s) => new Paragraph({ children: [new TextRun({ text: s, font, size: bodyHalfPt - 2, color: "555555" })] }))]);
  if (model.readFirst !== undefined) {
    const serious = model.readFirst.filter((e) => e.serious !== false);
    const minor = model.readFirst.filter((e) => e.serious === false);
    const items: Child[] = [new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun({ text: msg().html.readFirst, font })] })];
    if (model.readFirst.length === 0) items.push(...blockParagraphs({ kind: "text", text: msg().html.noWarnings }, font, bodyHalfPt));
    const line = (e: ReadFirstEntry): string => `${e.mark} ${e.text} (${e.sectionTitle})`;
    // the same severity tiers, under the same headings, as report.html's box (src/report/html.ts readFirstHtml)
    const tiers = [
      { tier: "primary", title: msg().html.tierPrimary },
      { tier: "serious", title: msg().html.tierSerious },
      { tier: "notEstimated", title: msg().html.tierNotEstimated },
      { tier: "minor", title: msg().html.tierMinor },
    ] as const;
    if (serious.length > 0 && serious.every((e) => e.tier !== undefined)) {
      for (const { tier, title } of tiers) {
        const own = serious.filter((e) => e.tier === tier);
        if (own.length === 0) continue;
        items.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun({ text: title, font })] }));
        items.push(...blockParagraphs({ kind: "list", items: own.map(line) }, font, bodyHalfPt));
      }
    } else items.push(...blockParagraphs({ kind: "list", items: serious.map(line) }, font, bodyHalfPt));
    if (minor.length > 0) {
      items.push(...blockParagraphs({ kind: "note", text: `${msg().html.furtherNotes(minor.length)}${minor.map((e) => `${e.mark} ${e.sectionTitle}`).join(msg().methods.listSep)}${msg().docx.furtherNotesEnd}` }, font, bodyHalfPt));
    }
    out.add(items);
  }
  const figureNo = new Map<string, number>();
  for (const s of model.sections) {
    out.heading(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun({ text: s.title, font })] }));
    for (const b of s.blocks) {
      if (b.kind === "table") {
        // a lead-in table before Table 1 has no number (captionNumbers); every other one has
        const k = numbers.table.get(b.id) ?? null;
        const layout = layoutTable(b.table, pt, orient);
        out.add(tableParts(b.table, k, layout, font), layout.orientation);
      } else if (b.kind === "figure") {
        const k = figureNo.get(b.figure.id) ?? numbers.figure.get(b.figure.id) ?? figureNo.size + 1;
        figureNo.set(b.figure.id, k);
        out.add(figureParts(b.figure, k, options.figures?.[b.figure.id], font));
      } else out.add(blockParagraphs(b, font, bodyHalfPt));
    }
  }
  if (options.checklist !== false) {
    const lists = checklistTables(model, numbers);
    out.heading(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun({ text: msg().docx.checklistHeading, font })] }));
    let k = numbers.table.size;
    for (const { table } of lists) {
      out.heading(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun({ text: table.title.replace(/[:：].*$/, ""), font })] }));
      const layout = layoutTable(table, pt, orient);
      out.add(tableParts(table, ++k, layout, font), layout.orientation);
    }
  }
  out.flush();
  return out.sections;
}

/**
 * The same .docx with nothing that depends on the clock or on earlier documents, so that the same tables give the same bytes:
 * `docx` stamps docProps/core.xml with the current time (dcterms:created/modified, both optional in
 * OOXML, so they are left out) and every zip entry with the current local time (set to a fixed date).
 * Entries keep their order and DEFLATE settings (fflate, which `docx` also zips with).
 */
function deterministicZip(bytes: Uint8Array): Uint8Array {
  const entries = unzipSync(bytes);
  // a fixed local date-time: zip entry times are local, so building it from local fields gives the same bytes in every time zone
  const mtime = new Date(2000, 0, 1, 0, 0, 0);
  const out: Zippable = {};
  for (const [name, data] of Object.entries(entries)) {
    let content = data;
    if (name === "docProps/core.xml") content = strToU8(strFromU8(data).replace(/<dcterms:(created|modified)\b[^>]*>[^<]*<\/dcterms:\1>/g, ""));
    // drawing ids come from a counter that runs on across documents made in one process: number them 1, 2, … per document
    let k = 0;
    if (name === "word/document.xml") content = strToU8(strFromU8(data).replace(/<wp:docPr id="\d+"/g, () => `<wp:docPr id="${++k}"`));
    // images are PNGs, already compressed: stored as they are (DEFLATE again would only cost time)
    out[name] = [content, name.startsWith("word/media/") ? { mtime, level: 0 } : { mtime }];
  }
  return zipSync(out);
}
