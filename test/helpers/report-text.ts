/**
 * The report's prose of one block, for the language tests: paragraphs, notes, lists, table titles, headers and
 * footnotes, figure titles and captions.
 */
import { expect } from "vitest";
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

/** The mark number of the one "Read first" entry of `model` whose text matches `re` (fails unless exactly one does). */
export function readFirstMark(model: { readonly readFirst?: readonly { readonly text: string; readonly mark: string }[] }, re: RegExp): string {
  const hits = (model.readFirst ?? []).filter((e) => re.test(e.text));
  expect(hits.map((e) => e.text)).toHaveLength(1);
  return hits[0].mark.replace("⚠", "");
}

/** The warning mark numbers a table cell or label carries ("⚠3,17" → ["3", "17"]). */
export const marksIn = (cell: string): string[] => /⚠([\d,]+)/.exec(cell)?.[1].split(",") ?? [];
