/**
 * Issue 19 (journal referee, point 3): the landmark propensity analyses of the immortal-time section show their PS
 * model's covariate balance (SMD, VR, KS before and after matching and weighting, the propensity section's table)
 * and its events per parameter (src/study/immortal-time/landmark-ps.ts, src/report/sections-immortal.ts).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { summaryText } from "../../src/cli/commands/run.js";
import { buildReportModel } from "../../src/report/render.js";
import type { StudyResults } from "../../src/study/run.js";
import { exampleResults } from "./render-study.js";

describe("the example's landmark PS model (landmark at 6 months)", () => {
  let r: StudyResults;
  let built: ReturnType<typeof buildReportModel>;
  beforeAll(() => {
    r = exampleResults();
    built = buildReportModel(r);
  }, 600_000);
  const section = () => built.model.sections.find((s) => s.id === "immortal-time")!;

  it("its balance is computed on the landmark cohort and samples of the landmark effects", () => {
    const lp = r.analyses.immortalTime!.landmarkPs!;
    const b = lp.psBalance!;
    expect(b.sample).toEqual({ n: lp.n, nTreated: lp.nTreated, nControl: lp.nControl });
    // the same matched and weighted samples as the landmark hazard ratios
    expect(b.matched!.n).toBe(lp.effects.matched!.n);
    expect(b.weighted!.n).toBe(lp.effects.estimates.find((e) => e.id === "weighted")!.n);
    expect(b.before.map((x) => x.variable)).toEqual(r.analyses.propensity!.analysis.balanceBefore.before.map((x) => x.variable));
    expect(b.verdicts.map((v) => v.sample)).toEqual(["unadjusted", "matched", "weighted"]);
    // 16 patients not treated by 6 months for the model's coefficients: below the floor of 5
    expect(b.epv.events).toBe(16);
    expect(b.epv.status).toBe("refuse");
    expect(b.epvWarning).toMatch(/^propensity model: 16 patients in the smaller group \(controls\) for \d+ coefficients \(EPV [\d.]+, below the floor of 5\)/);
    // the sensitivity landmarks do not repeat it
    expect(r.analyses.immortalTime!.landmarks ?? []).not.toContainEqual(expect.objectContaining({ psBalance: expect.anything() }));
  });

  it("the section shows the balance table (as the propensity section's), the verdicts and the EPV warning with its mark", () => {
    const t = built.tables.find((x) => x.id === "immortal-time-landmark-balance")!.table;
    const lp = r.analyses.immortalTime!.landmarkPs!;
    expect(t.title).toMatch(/^Covariate balance of the propensity model re-estimated at the landmark \(6 months\) \(alive at 6 months with complete covariates, n = 53 \(37 treated by then\)\) ⚠\d+$/);
    expect(t.headers[0].map((c) => (typeof c === "string" ? c : c.text))).toEqual(["", "Unadjusted (n = 53)", "Matched (n = 20)", "IPTW (ATE) (n = 53)", ""]);
    expect(t.headers[1]).toEqual(built.tables.find((x) => x.id === "balance")!.table.headers[1]);
    expect(t.rows).toHaveLength(lp.psBalance!.before.length);
    expect(t.rows.find((x) => x[0] === "Number of lung metastases")![1]).toBe(lp.psBalance!.before.find((x) => x.covariate === "n_lung_mets")!.smd.toFixed(2).replace(/^-/, "\u2212"));
    expect(t.footnotes.join(" ")).toContain("re-estimated among the patients alive and in follow-up at 6 months");
    const texts = section().blocks.flatMap((b) => (b.kind === "text" ? [b.text] : []));
    expect(texts.some((x) => x.startsWith("Before adjustment (n = 53), 6 of 8 covariate terms are imbalanced"))).toBe(true);
    const mark = /⚠(\d+)$/.exec(t.title)![1];
    const item = (built.model.readFirst ?? []).find((x) => x.mark === `⚠${mark}` || x.text.includes("landmark at 6 months (PS): propensity model:"));
    expect(item?.text).toContain("landmark at 6 months (PS): propensity model: 16 patients in the smaller group");
    expect(summaryText(r)).toContain("landmark at 6 months (PS): propensity model: 16 patients in the smaller group (controls)");
  });

  it("in German and Japanese the table's title and footnote are translated", () => {
    const de = buildReportModel(r, "de").tables.find((x) => x.id === "immortal-time-landmark-balance")!.table;
    expect(de.title).toMatch(/^Balance der Kovariablen im am Landmark \(6 Monate\) neu geschätzten Propensity-Score-Modell/);
    expect(de.footnotes.join(" ")).toContain("Der Propensity Score der Landmark-Analysen wird unter den Patienten neu geschätzt");
    const ja = buildReportModel(r, "ja").tables.find((x) => x.id === "immortal-time-landmark-balance")!.table;
    expect(ja.title).toMatch(/^ランドマーク（6.*）で再推定した傾向スコアモデルの共変量バランス/);
  });
});
