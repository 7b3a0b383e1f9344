/**
 * The report's prose of one block, for the language tests: paragraphs, notes, lists, table titles, headers and
 * footnotes, figure titles and captions.
 */
import type { ReportBlock } from "../../src/report/html.js";
import type { StudyResults } from "../../src/study/run.js";

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

/**
 * Every string of the study specification (labels, levels, column names, the title) and the endpoints' labels: data
 * values, allowed in any language; longest first, so that a test removes "Overall survival" before "survival".
 */
export function specStrings(r: StudyResults): string[] {
  const out = new Set<string>();
  const walk = (v: unknown): void => {
    if (typeof v === "string") out.add(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === "object")
      for (const [k, x] of Object.entries(v)) {
        out.add(k);
        walk(x);
      }
  };
  walk(r.spec);
  for (const ep of r.endpoints) out.add(ep.label);
  return [...out].filter((s) => s.length > 2).sort((a, b) => b.length - a.length);
}
