/**
 * report.html: ONE self-contained file — inline CSS and inline SVG figures, no script, no font, no
 * image or link to anywhere else, under a Content-Security-Policy that forbids every request
 * (`default-src 'none'; style-src 'unsafe-inline'; img-src data:`). Print CSS: A4/Letter margins, each
 * section on a new page, tables that wrap instead of overflowing (fixed layout, 100% width), figures
 * scaled to the page width. Every string from the data goes through `escapeHtml` (src/report/escape.ts);
 * figures come from the SVG builders, which escape their own text. Pure: string in, string out.
 */
import type { ReportTable } from "./csv.js";
import { type Html, escapeHtml, fragment, h, hVoid, trusted } from "./escape.js";

export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

export interface ReportFigure {
  /** File stem under figures/ (e.g. "km-treatment"). */
  readonly id: string;
  readonly title: string;
  readonly caption?: string;
  /** SVG markup from a src/report/plots builder. */
  readonly svg: string;
}

export type ReportBlock =
  | { readonly kind: "table"; readonly id: string; readonly table: ReportTable }
  | { readonly kind: "figure"; readonly figure: ReportFigure }
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "note"; readonly text: string }
  | { readonly kind: "list"; readonly items: readonly string[] }
  | { readonly kind: "pre"; readonly text: string };

export interface ReportSection {
  readonly id: string;
  readonly title: string;
  readonly blocks: readonly ReportBlock[];
}

export interface ReportModel {
  readonly title: string;
  /** Lines under the title (software, data file, date-free so the output is reproducible). */
  readonly subtitle: readonly string[];
  readonly sections: readonly ReportSection[];
}

const CSS = `
:root { --ink: #111; --muted: #555; --rule: #333; --light: #ddd; }
* { box-sizing: border-box; }
html { font-family: Helvetica, Arial, "Liberation Sans", "DejaVu Sans", sans-serif; font-size: 10.5pt; color: var(--ink); background: #fff; }
body { margin: 0 auto; padding: 16px 24px; max-width: 190mm; line-height: 1.4; overflow-wrap: anywhere; }
h1 { font-size: 17pt; margin: 0 0 4px; line-height: 1.2; }
h2 { font-size: 13pt; margin: 24px 0 8px; border-bottom: 1px solid var(--rule); padding-bottom: 2px; }
h3 { font-size: 11pt; margin: 14px 0 6px; }
p { margin: 6px 0; }
.subtitle { color: var(--muted); margin: 0 0 2px; }
nav ol { columns: 2; padding-left: 20px; margin: 8px 0; }
.table-wrap { margin: 8px 0 14px; max-width: 100%; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; font-size: 8.5pt; }
table.wide { font-size: 7.5pt; }
caption { caption-side: top; text-align: left; font-weight: bold; font-size: 9.5pt; padding-bottom: 4px; }
th, td { padding: 2px 4px; vertical-align: top; overflow-wrap: anywhere; word-break: break-word; hyphens: auto; }
th { font-weight: bold; text-align: center; }
th:first-child, td:first-child { text-align: left; }
td { text-align: center; }
thead tr:first-child th { border-top: 1.5px solid var(--rule); }
thead tr:last-child th { border-bottom: 1px solid var(--rule); }
tbody tr:last-child td { border-bottom: 1.5px solid var(--rule); }
td.indent { padding-left: 14px; }
.footnotes { font-size: 7.5pt; color: var(--muted); margin: 3px 0 0; padding: 0; list-style: none; }
figure { margin: 10px 0 16px; max-width: 100%; break-inside: avoid; page-break-inside: avoid; }
figure svg { display: block; width: 100%; max-width: 165mm; height: auto; }
figcaption { font-size: 8.5pt; color: var(--muted); margin-top: 4px; }
.note { border-left: 3px solid #e69f00; padding: 2px 8px; background: #fff8e8; font-size: 9pt; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; font-size: 8pt; background: #f6f6f6; padding: 8px; max-width: 100%; }
ul { margin: 4px 0; padding-left: 20px; }
@page { size: A4; margin: 15mm 14mm; }
@media print {
  html { font-size: 9.5pt; }
  body { max-width: none; padding: 0; }
  nav { display: none; }
  section.page { break-before: page; page-break-before: always; }
  h2, h3, caption { break-after: avoid; page-break-after: avoid; }
  tr, figure { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
}
`;

/** A ReportTable as an HTML table (escaped; header spans kept; sub-rows indented; footnotes below). */
export function tableHtml(t: ReportTable, id?: string): Html {
  const ncol = Math.max(0, ...t.rows.map((r) => r.length), ...t.headers.map((hr) => hr.reduce((s, c) => s + (typeof c === "string" ? 1 : c.span), 0)));
  const head = h(
    "thead",
    {},
    ...t.headers.map((hr) =>
      h(
        "tr",
        {},
        ...hr.map((c) => (typeof c === "string" ? h("th", { scope: "col" }, c) : h("th", { scope: "colgroup", colspan: c.span }, c.text))),
      ),
    ),
  );
  const body = h(
    "tbody",
    {},
    ...t.rows.map((r, i) => h("tr", {}, ...r.map((c, j) => h("td", { class: j === 0 && t.indented?.[i] === true ? "indent" : null }, c)))),
  );
  // first column wider: labels wrap less than numbers
  const first = ncol <= 2 ? 45 : ncol <= 4 ? 34 : ncol <= 7 ? 24 : 17;
  const rest = ncol > 1 ? (100 - first) / (ncol - 1) : 0;
  const cols = h("colgroup", {}, ...Array.from({ length: ncol }, (_, k) => hVoid("col", { style: `width:${(k === 0 ? first : rest).toFixed(2)}%` })));
  const table = h("table", { class: ncol > 7 ? "wide" : null, id: id ?? null }, h("caption", {}, t.title), cols, head, body);
  const notes = t.footnotes.length > 0 ? h("ul", { class: "footnotes" }, ...t.footnotes.map((f) => h("li", {}, f))) : null;
  return h("div", { class: "table-wrap" }, table, notes);
}

/** Inline form of an SVG figure: the XML declaration and the namespace attribute are dropped (HTML puts <svg> in its namespace). */
export function inlineSvg(svg: string): Html {
  const s = svg.replace(/^<\?xml[^>]*\?>\s*/, "").replace(/^<svg([^>]*?) xmlns="http:\/\/www\.w3\.org\/2000\/svg"/, "<svg$1");
  return trusted(s);
}

function figureHtml(f: ReportFigure): Html {
  return h("figure", { id: `fig-${f.id}` }, inlineSvg(f.svg), h("figcaption", {}, h("strong", {}, f.title), f.caption ? ` ${f.caption}` : null));
}

function blockHtml(b: ReportBlock): Html {
  switch (b.kind) {
    case "table":
      return tableHtml(b.table, `tab-${b.id}`);
    case "figure":
      return figureHtml(b.figure);
    case "text":
      return h("p", {}, b.text);
    case "note":
      return h("p", { class: "note" }, b.text);
    case "list":
      return h("ul", {}, ...b.items.map((i) => h("li", {}, i)));
    case "pre":
      return h("pre", {}, b.text);
  }
}

/**
 * The whole report as one HTML document.
 *
 * @example
 * ```ts
 * const html = reportHtml({ title: "Study", subtitle: ["survinfer 0.1.0"], sections: [{ id: "flow", title: "Patient flow", blocks: [{ kind: "text", text: "64 patients" }] }] });
 * html.startsWith("<!DOCTYPE html>"); // true
 * ```
 */
export function reportHtml(model: ReportModel): string {
  const head = h(
    "head",
    {},
    hVoid("meta", { charset: "utf-8" }),
    hVoid("meta", { "http-equiv": "Content-Security-Policy", content: REPORT_CSP }),
    hVoid("meta", { name: "viewport", content: "width=device-width, initial-scale=1" }),
    hVoid("meta", { name: "referrer", content: "no-referrer" }),
    hVoid("meta", { name: "generator", content: "survinfer" }),
    h("title", {}, model.title),
    h("style", {}, trusted(CSS)),
  );
  const nav = h("nav", { "aria-label": "Contents" }, h("ol", {}, ...model.sections.map((s) => h("li", {}, h("a", { href: `#${s.id}` }, s.title)))));
  const sections = model.sections.map((s, i) => h("section", { id: s.id, class: i === 0 ? null : "page" }, h("h2", {}, s.title), ...s.blocks.map(blockHtml)));
  const header = h("header", {}, h("h1", {}, model.title), ...model.subtitle.map((l) => h("p", { class: "subtitle" }, l)));
  const body = h("body", {}, header, nav, h("main", {}, ...sections));
  return `<!DOCTYPE html>\n${h("html", { lang: "en" }, head, body).html}\n`;
}

export { escapeHtml, fragment };
