/**
 * The journal referee's points on the long-term sections of the example report (cure, prediction, recurrent events,
 * competing risks). Each test states one point and fails on the report as it was: the MCF figure's numbers under
 * observation and truncation (3), the cure headline when model and data disagree (1), the calculator withheld from
 * a model that fails the minimum sample size or discriminates poorly (2).
 */
import { describe, expect, it } from "vitest";
import { buildReportModel } from "../../src/report/render.js";
import { exampleResults } from "./render-study.js";
import { findAll, hasClass, parseXml } from "./plots/xml.js";

const built = (() => {
  let b: ReturnType<typeof buildReportModel> | undefined;
  return () => (b ??= buildReportModel(exampleResults()));
})();
const figure = (id: string) => {
  const f = built().figures.find((x) => x.id === id);
  if (f === undefined) throw new Error(`figure ${id} not in the report`);
  return f;
};
const riskRows = (svg: string): string[][] => findAll(parseXml(svg), (e) => hasClass(e, "risk-row")).map((row) => findAll(row, (e) => e.name === "text" && hasClass(e, "risk-n")).map((c) => c.text));

describe("referee (3): the recurrent-events figure", () => {
  it("prints the same patients under observation at time 0 for the Ghosh–Lin and the naive estimate (all patients of the analysis)", () => {
    const rec = exampleResults().analyses.recurrent!;
    const rows = riskRows(figure("mcf").svg);
    expect(rows).toHaveLength(2);
    expect(rows[0][0]).toBe(String(rec.nPatients));
    expect(rows[1][0]).toBe(String(rec.nPatients));
    // the same risk set at every tick: both estimates describe the same patients alive and under observation
    expect(rows[0]).toEqual(rows[1]);
  });

  it("ends the curves where fewer than 5 patients remain under observation (the KM figures' threshold), and the caption says so", () => {
    const rec = exampleResults().analyses.recurrent!;
    const naive = rec.mcf.curves[0];
    let j = naive.time.length;
    while (j > 0 && naive.nRisk[j - 1] < 5) j--;
    const cut = naive.time[j - 1];
    expect(cut).toBeLessThan(naive.time[naive.time.length - 1]);
    const root = parseXml(figure("mcf").svg);
    const axis = findAll(root, (e) => hasClass(e, "x-axis"))[0];
    const ticks = findAll(axis, (e) => e.name === "text").map((t) => ({ v: Number(t.text), x: Number(t.attrs.x) }));
    const px = (t: number): number => ticks[0].x + ((ticks[1].x - ticks[0].x) * (t - ticks[0].v)) / (ticks[1].v - ticks[0].v);
    for (const c of findAll(root, (e) => hasClass(e, "mcf-curve"))) {
      const xs = c.attrs.d.slice(1).split("L").map((p) => Number(p.split(",")[0]));
      // tolerance: 0.05 px: path coordinates are written rounded to 2 decimals
      expect(Math.max(...xs)).toBeLessThanOrEqual(px(cut) + 0.05);
    }
    expect(figure("mcf").caption).toMatch(/Curves end where fewer than 5 patients remain under observation/);
  });
});

describe("referee (2): the prediction calculator of a model that fails the checks for use", () => {
  const section = (id: string) => {
    const s = built().model.sections.find((x) => x.id === id);
    if (s === undefined) throw new Error(`section ${id} not in the report`);
    return s;
  };
  const texts = (id: string): string[] => section(id).blocks.flatMap((b) => (b.kind === "text" || b.kind === "note" ? [b.text] : b.kind === "list" ? [...b.items] : []));

  it("is not offered (no calculator, no nomogram) when the model has fewer patients than the Riley minimum and a corrected C below 0.6; the note gives the numbers", () => {
    const p = exampleResults().analyses.prediction!;
    expect(p.calculatorUse?.failed).toEqual(["sample-size", "c-statistic"]);
    const blocks = section("prediction").blocks;
    expect(blocks.some((b) => b.kind === "calculator")).toBe(false);
    expect(built().figures.some((f) => f.id === "nomogram")).toBe(false);
    const note = texts("prediction").find((t) => t.startsWith("Calculator and nomogram not offered"));
    expect(note).toBeDefined();
    const ss = p.calculatorUse!.sampleSize!;
    expect(note).toContain(`fitted on ${ss.available} patients (${ss.availableEvents} events), fewer than the ${ss.n} patients`);
    expect(note).toMatch(/Harrell's C is 0\.56 and its AUC at 60 months 0\.50, below 0\.60/);
    // the model's table stays, as a development result
    expect(blocks.some((b) => b.kind === "table" && b.id === "prediction-model")).toBe(true);
    expect(texts("prediction").join(" ")).not.toMatch(/calculator are shown for transparency/);
  });
});

describe("referee (1): the cure headline when the model and the data disagree", () => {
  const answer = (): string => {
    const s = built().model.sections.find((x) => x.id === "cure")!;
    const b = s.blocks[0];
    return b.kind === "text" ? b.text : "";
  };

  it("says that the model and the data disagree and does not state the model's cure fraction as the finding when the plateau is not shown", () => {
    const c = exampleResults().analyses.cure!;
    expect(c.overall.followUp?.verdict).toBe("inconclusive");
    expect(c.overall.modelVsData).toBe("plateau-not-reached");
    const a = answer();
    expect(a).toMatch(/the model and the data disagree, because the model assumes a cured fraction, but the data do not show that the Kaplan–Meier curve has reached a plateau/);
    expect(a).toContain("The model's cure fraction (41%) is therefore not a finding of this study");
    expect(a).not.toMatch(/estimates that 41% .* are cured/);
    // the nonparametric estimate with its CI instead
    expect(a).toMatch(/Kaplan–Meier survival at the end of follow-up \(203 months\), is 38% \(95% CI 19–75%\)/);
  });

  it("describes no covariate effect whose CI spans more than 10-fold (timing: OR 3.9, 0.3–48)", () => {
    const c = exampleResults().analyses.cure!;
    const timing = c.covariateEffects!.find((e) => e.covariate === "Timing of lung metastases")!;
    expect(timing.usable).toBe(false);
    expect(timing.ciFold).toBeGreaterThan(10);
    const a = answer();
    expect(a).not.toMatch(/the probability of cure runs from/);
    expect(a).toContain("No covariate has a usable estimate of its effect on cure: ");
    expect(a).toContain("Timing of lung metastases (odds ratio of cure 3.9, 95% CI 0.3–48, synchronous against metachronous; the CI spans more than 10-fold)");
  });
});

describe("summary.txt's cure line follows the report's headline", () => {
  it("says the model's fraction is not a finding when model and data disagree, in English, German and Japanese", async () => {
    const { summaryText } = await import("../../src/cli/commands/run.js");
    const r = exampleResults();
    const g = r.analyses.cure!.overall;
    expect(g.modelVsData === "outside-km-ci" || g.modelVsData === "plateau-not-reached").toBe(true);
    const line = (lang: "en" | "de" | "ja"): string => summaryText(r, lang).split("\n").find((l) => /not a finding|kein Befund|知見ではない/.test(l)) ?? "";
    expect(line("en")).toMatch(/^ {4}not a finding: the model and the data disagree/);
    expect(line("de")).toMatch(/^ {4}kein Befund: Modell und Daten widersprechen sich/);
    expect(line("ja")).toMatch(/^ {4}知見ではない/);
  });
});
