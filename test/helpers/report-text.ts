/**
 * The report's prose of one block, for the language tests: paragraphs, notes, lists, table titles, headers and
 * footnotes, figure titles and captions.
 */
import type { ReportBlock } from "../../src/report/html.js";

export function blockTexts(b: ReportBlock): string[] {
  switch (b.kind) {
    case "text":
    case "note":
      return [b.text];
    case "list":
      return [...b.items];
    case "table":
      return [b.table.title, ...b.table.footnotes, ...b.table.headers.flat().map((h) => (typeof h === "string" ? h : h.text))];
    case "figure":
      return [b.figure.title, b.figure.caption ?? ""];
    default:
      return [];
  }
}
