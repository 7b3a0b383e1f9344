/**
 * Word (.docx) export of report tables, because manuscripts are written in Word. Built with the `docx`
 * package (OOXML writer; no hand-written XML): one document, each table preceded by its title and
 * followed by its footnotes, in a plain journal style (horizontal rules only, 9 pt text). Pages turn to
 * landscape when any table has more than 7 columns (side-by-side Table 1).
 */
import { AlignmentType, BorderStyle, Document, Packer, PageOrientation, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from "docx";
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from "fflate";
import type { HeaderCell, ReportTable } from "./csv.js";

export interface DocxOptions {
  /** Font family; default "Arial". */
  readonly font?: string;
  /** Font size in points; default 9. */
  readonly fontSize?: number;
  /** "auto" (default): landscape when a table has more than 7 columns. */
  readonly orientation?: "auto" | "portrait" | "landscape";
  /** Document title (core properties). */
  readonly title?: string;
}

const NONE = { style: BorderStyle.NONE, size: 0, color: "FFFFFF" } as const;
const RULE = { style: BorderStyle.SINGLE, size: 6, color: "000000" } as const;

function columnCount(t: ReportTable): number {
  let n = 0;
  for (const r of t.rows) n = Math.max(n, r.length);
  for (const h of t.headers) n = Math.max(n, h.reduce((s, c) => s + (typeof c === "string" ? 1 : c.span), 0));
  return n;
}

function cell(text: string, opts: { bold?: boolean; span?: number; indent?: boolean; first: boolean; top?: boolean; bottom?: boolean; font: string; size: number }): TableCell {
  return new TableCell({
    children: [
      new Paragraph({
        alignment: opts.first ? AlignmentType.LEFT : AlignmentType.CENTER,
        ...(opts.indent === true ? { indent: { left: 240 } } : {}),
        children: [new TextRun({ text, bold: opts.bold === true, font: opts.font, size: opts.size })],
      }),
    ],
    ...(opts.span !== undefined && opts.span > 1 ? { columnSpan: opts.span } : {}),
    borders: { top: opts.top === true ? RULE : NONE, bottom: opts.bottom === true ? RULE : NONE, left: NONE, right: NONE },
  });
}

function buildTable(t: ReportTable, font: string, size: number): Table {
  const rows: TableRow[] = [];
  t.headers.forEach((h: readonly HeaderCell[], hi) => {
    const last = hi === t.headers.length - 1;
    rows.push(
      new TableRow({
        tableHeader: true,
        children: h.map((c, ci) => {
          const text = typeof c === "string" ? c : c.text;
          const span = typeof c === "string" ? 1 : c.span;
          return cell(text, { bold: true, span, first: ci === 0, top: hi === 0, bottom: last, font, size });
        }),
      }),
    );
  });
  t.rows.forEach((r, ri) => {
    const last = ri === t.rows.length - 1;
    rows.push(new TableRow({ children: r.map((text, ci) => cell(text, { first: ci === 0, indent: ci === 0 && t.indented?.[ri] === true, bottom: last, font, size })) }));
  });
  return new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } });
}

/**
 * Report tables to a .docx file (bytes). Text is written as given (Word escapes nothing: `docx` writes
 * it as XML text nodes, so "<", "&" and quotes are safe).
 *
 * @example
 * ```ts
 * const bytes = await tablesToDocx([{ title: "Table 1", headers: [["", "No", "Yes"]], rows: [["Age", "53 (8)", "52 (12)"]], footnotes: ["mean (SD)"] }]);
 * // write bytes to tables.docx
 * ```
 */
export async function tablesToDocx(tables: readonly ReportTable[], options: DocxOptions = {}): Promise<Uint8Array> {
  const font = options.font ?? "Arial";
  const size = Math.round((options.fontSize ?? 9) * 2);
  const wide = tables.some((t) => columnCount(t) > 7);
  const landscape = options.orientation === "landscape" || ((options.orientation ?? "auto") === "auto" && wide);
  const children: (Paragraph | Table)[] = [];
  tables.forEach((t, k) => {
    children.push(new Paragraph({ spacing: { before: k === 0 ? 0 : 360, after: 120 }, children: [new TextRun({ text: t.title, bold: true, font, size: size + 2 })] }));
    children.push(buildTable(t, font, size));
    for (const f of t.footnotes) children.push(new Paragraph({ spacing: { before: 60 }, children: [new TextRun({ text: f, font, size: size - 2 })] }));
  });
  const doc = new Document({
    ...(options.title === undefined ? {} : { title: options.title }),
    creator: "survinfer",
    sections: [
      {
        properties: landscape ? { page: { size: { orientation: PageOrientation.LANDSCAPE } } } : {},
        children,
      },
    ],
  });
  const buffer = await Packer.toArrayBuffer(doc);
  return deterministicZip(new Uint8Array(buffer));
}

/**
 * The same .docx with nothing that depends on the clock, so that the same tables give the same bytes:
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
    const content = name === "docProps/core.xml" ? strToU8(strFromU8(data).replace(/<dcterms:(created|modified)\b[^>]*>[^<]*<\/dcterms:\1>/g, "")) : data;
    out[name] = [content, { mtime }];
  }
  return zipSync(out);
}
