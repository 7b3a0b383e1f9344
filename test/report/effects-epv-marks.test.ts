/**
 * The referee's point: the events-per-parameter warning of the treatment-effect table named the adjusted models,
 * but its warning mark was on none of their rows. Each row it names carries the mark, in the forest plot as in the
 * table. Since the floor applies to these models too (src/study/effects-epv.ts), the example's adjusted models
 * (EPV 1.3–2.9) are not estimated and say so in their rows; the warning (EPV between the floor and 10) is checked
 * with `epvFloor: 0`, where they are fitted and warned.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildReportModel, renderReport } from "../../src/report/render.js";
import { runExampleVariant, withoutLongTerm } from "./render-study.js";

const dir = mkdtempSync(join(tmpdir(), "survinfer-epv-marks-"));

describe("the events-per-parameter warning of the treatment-effect table", () => {
  it("marks every row it names, and no other (epvFloor 0: the adjusted models are fitted and warned)", async () => {
    // without the long-term analyses, multiple imputation and the clone–censor–weight bootstrap (speed)
    const r = runExampleVariant(dir, "floor0", (s) => {
      withoutLongTerm(s);
      delete s.analyses.sensitivity;
      delete (s as Record<string, unknown>).missing;
      s.analyses.immortalTime = { landmark: 6, cloneCensorWeight: false };
      s.analyses.safeguards = { epvFloor: 0 };
    });
    const html = String((await renderReport(r))["report.html"]);
    const text = html.replace(/<[^>]+>/g, " ").replace(/&amp;/g, "&").replace(/\s+/g, " ");
    const items = [...text.matchAll(/⚠(\d+) treatment effects: [^⚠]*?few events per parameter[^⚠]*/g)];
    expect(items.length).toBeGreaterThan(0);
    const forest = buildReportModel(r).figures.find((f) => f.id === "forest-effects")!.svg.replace(/<[^>]+>/g, " ");
    // (forest labels are shortened: "IPTW C… (ATE, …)")
    // every row the items name carries an item's mark: the four adjusted rows (multivariable, matched adjusted,
    // weighted adjusted with two variances), and no other
    const nums = new Set(items.map((m) => m[1]));
    const adjusted = r.analyses.effects!.estimates.filter((e) => e.adjustedFor.length > 0);
    expect(adjusted).toHaveLength(4);
    for (const e of adjusted) expect(items.some((m) => m[0].includes(e.label)), e.label).toBe(true);
    // the mark is its own text chunk in the SVG (h/figs: "⚠" then "17,18"), so a space may follow it
    const marked = [...forest.matchAll(/⚠\s*([\d,]+) ([^⚠]*)/g)].filter((m) => m[1].split(",").some((k) => nums.has(k)));
    expect(marked.length).toBe(4);
    for (const e of adjusted) expect(marked.some((m) => m[2].trim().startsWith(e.label.slice(0, 6))), e.label).toBe(true);
  });
});
