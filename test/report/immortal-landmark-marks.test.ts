/**
 * Referee session 11, A4 and A5, on the example report's "Immortal time" section: the landmark PS rows carry the
 * warnings of their source only (the landmark PS model's on every PS row; the matching's — treated unmatched, greedy
 * order — on the matched rows only; a refused row's own "not estimated" item on that row, as the refused adjusted
 * time-dependent Cox's), and the landmark IPTW-weighted survival paragraph carries the flag and marks of the IPTW rows
 * that use the same weights. Each test fails on the report as it was.
 */
import { describe, expect, it } from "vitest";
import { buildReportModel } from "../../src/report/render.js";
import type { ReportBlock } from "../../src/report/html.js";
import { exampleResults } from "./render-study.js";
import { marksIn, readFirstMark } from "../helpers/report-text.js";

const built = (() => {
  const cache = new Map<string, ReturnType<typeof buildReportModel>>();
  return (lang: "en" | "de" = "en") => {
    const hit = cache.get(lang) ?? buildReportModel(exampleResults(), lang);
    cache.set(lang, hit);
    return hit;
  };
})();
/** The mark number of the one "Read first" entry whose text matches. */
const markOf = (re: RegExp): string => readFirstMark(built().model, re);
/** The design cell of the immortal-time table's row whose design starts with `start`. */
const designCell = (start: string): string => {
  const t = built().tables.find((x) => x.id === "immortal-time")!.table;
  const rows = t.rows.filter((r) => r[0].startsWith(start) && (start.endsWith("Cox") ? /^[^⚠]*Cox\s*(⚠|$)/.test(r[0]) : true));
  expect(rows.map((r) => r[0]), start).toHaveLength(1);
  return rows[0][0];
};
const weightedParagraph = (lang: "en" | "de", start: string): string =>
  (built(lang).model.sections.find((s) => s.id === "immortal-time")?.blocks ?? []).flatMap((b: ReportBlock) => (b.kind === "text" && b.text.startsWith(start) ? [b.text] : []))[0] ?? "";

describe("referee s11 A5: the landmark rows' marks by the source of their warnings", () => {
  const psModel = () => markOf(/^immortal time: landmark at 6 months \(PS\): propensity model: .*below the floor/);
  const matching = () => [markOf(/^immortal time: landmark at 6 months \(PS\): \d+ of \d+ treated units were not matched/), markOf(/^immortal time: landmark at 6 months \(PS\): greedy largest-first matching left/)];
  // the residual imbalance of both IPTW rows: one item naming both (session 12), as the treatment-effect rows' is
  const ownIptw = () => markOf(/^immortal time: landmark at 6 months \(PS\): IPTW Cox \(ATE, marginal HR; robust SE\); IPTW Cox \(ATE, marginal HR; M-estimation SE\): residual imbalance/);
  const landmarkRefused = () => markOf(/^Immortal time, landmark at 6 months, Cox adjusted for the covariates \(conditional HR\): not estimated/);

  it("the IPTW rows carry the PS model's warning and their own, not the matching's", () => {
    for (const start of ["Landmark at 6 months, PS re-estimated, IPTW (ATE, stabilised) Cox", "Landmark at 6 months, PS re-estimated, IPTW (ATE, stabilised) Cox, M-estimation SE"]) {
      const marks = marksIn(designCell(start));
      expect(marks, start).toEqual(expect.arrayContaining([psModel(), ownIptw()]));
      for (const m of matching()) expect(marks, start).not.toContain(m);
    }
  });

  it("the matched rows carry the PS model's and the matching's warnings", () => {
    for (const start of ["Landmark at 6 months, PS re-estimated, PS-matched Cox", "Landmark at 6 months, PS re-estimated, PS-matched Cox stratified on matched set"]) {
      expect(marksIn(designCell(start)), start).toEqual(expect.arrayContaining([psModel(), ...matching()]));
    }
  });

  it("the landmark Cox adjusted for the covariates (not estimated) carries its own not-estimated mark, not the PS model's or the matching's", () => {
    const marks = marksIn(designCell("Landmark at 6 months, Cox adjusted for the covariates"));
    expect(marks).toContain(landmarkRefused());
    for (const m of [psModel(), ...matching()]) expect(marks).not.toContain(m);
  });

  it("the time-dependent Cox adjusted for the covariates (not estimated) carries its not-estimated mark", () => {
    expect(marksIn(designCell("Time-dependent Cox adjusted for the covariates"))).toContain(markOf(/^Immortal time: time-dependent Cox adjusted for the covariates: not estimated/));
  });
});

describe("referee s11 A4: the landmark IPTW-weighted survival paragraph carries the IPTW rows' flag and marks", () => {
  it("English: the flag of the same weights, the marks of both IPTW rows and the PS model, not the matching's", () => {
    const p = weightedParagraph("en", "IPTW-weighted Kaplan–Meier survival among patients alive at the landmark");
    expect(p).toMatch(/Flagged as the landmark IPTW rows of the table, which use the same weights \(residual imbalance after weighting: \d of 8 covariate terms imbalanced\): they are sensitivity analyses only\./);
    const marks = marksIn(p);
    expect(marks).toEqual(expect.arrayContaining([markOf(/^immortal time: landmark at 6 months \(PS\): IPTW Cox \(ATE, marginal HR; robust SE\); IPTW Cox \(ATE, marginal HR; M-estimation SE\): residual/), markOf(/^immortal time: landmark at 6 months \(PS\): propensity model: /)]));
    expect(marks).not.toContain(markOf(/^immortal time: landmark at 6 months \(PS\): \d+ of \d+ treated units were not matched/));
  });

  it("German: the flag translated", () => {
    const p = weightedParagraph("de", "IPTW-gewichtetes Kaplan-Meier-Überleben");
    expect(p).toMatch(/Markiert wie die IPTW-Zeilen der Landmark-Analyse in der Tabelle, die dieselben Gewichte verwenden \(Restungleichgewicht nach Gewichtung: \d von 8 Kovariablentermen unbalanciert\): Sie sind nur Sensitivitätsanalysen\./);
  });
});
