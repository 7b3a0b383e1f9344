/**
 * The study's cure model on the example cohort answers the referee: it says what its cure fraction is
 * of (all-cause death among operated and unoperated pooled, so not a cure of the cancer; the calculator
 * shows no "Probability of cure"), compares the latencies by AIC, computes its fit against the KM, and
 * gives a follow-up verdict with what it rests on; with `cause: Sarcoma` and `by: treatment` it is a
 * cause-specific model of the sarcoma deaths with the treatment in it.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildReportModel } from "../../src/report/render.js";
import { cureCalculatorDecision } from "../../src/study/cure-step.js";
import { runExampleVariant, withoutLongTerm, type ExampleSpec } from "../report/render-study.js";

const dir = mkdtempSync(join(tmpdir(), "survinfer-cure-study-"));
const cureOnly = (cure: Record<string, unknown>) => (s: ExampleSpec): void => {
  withoutLongTerm(s);
  s.analyses.cure = cure;
};

describe("analyses.cure on the example cohort", () => {
  const r = runExampleVariant(dir, "all-cause", cureOnly({ endpoint: "os", incidence: ["n_lung_mets", "timing"], latency: ["age_primary"] }));
  const c = r.analyses.cure!;

  it("compares the latencies by AIC and uses the lowest (the Weibull here), saying so", () => {
    expect(c.model).toBe("aic");
    expect(c.latencyComparison?.criterion).toBe("lowest AIC among the converged fits");
    expect(c.latencyComparison?.chosen).toBe("weibull");
    expect(c.fit.method).toBe("weibull-mixture-cure");
    expect(c.latencyLabel).toBe("Weibull");
  });

  it("says its fraction is of death from any cause among treated and untreated pooled: not a cure of the disease, and no calculator cure", () => {
    expect(c.claims.cause).toBe("any");
    expect(c.claims.isCureOfDisease).toBe(false);
    expect(c.claims.populationText).toMatch(/treated and untreated together/);
    expect(c.warnings.join("\n")).toMatch(/probability of never having death from any cause among the 64 patients of the model, treated and untreated together .*not a cure fraction of the disease/);
    expect(cureCalculatorDecision(c).show).toBe(false);
  });

  it("computes the fit against the KM and a follow-up verdict, and the report shows both with the latency table", () => {
    expect(c.overall.fitCheck.band.replicates).toBe(500);
    expect(c.overall.fitCheck.maxDistance).toBeGreaterThan(0);
    expect(c.overall.fitCaption).toMatch(/^Largest distance between the model curve and the Kaplan–Meier estimate/);
    expect(c.overall.kmPlateau).toBe(c.overall.followUp!.plateauSurvival);
    expect(["sufficient", "not-shown", "inconclusive"]).toContain(c.overall.followUp!.verdict);
    const { model, tables, figures } = buildReportModel(r);
    expect(tables.map((t) => t.id)).toEqual(expect.arrayContaining(["cure-fraction", "cure-latency"]));
    const fig = figures.find((f) => f.id === "cure-fit")!;
    expect(fig.caption).toContain(c.overall.fitCaption);
    expect(fig.caption).not.toMatch(/support the model/);
    const section = model.sections.find((s) => s.id === "cure")!;
    const text = section.blocks.map((b) => ("text" in b ? b.text : "")).join("\n");
    expect(text).toMatch(/What the cure fraction is of: the probability of never having death from any cause/);
    expect(text).toContain(c.overall.followUp!.verdictText);
  });

  it("cause: Sarcoma with by: treatment fits the 23 sarcoma deaths (3 other deaths censored) and answers the cure question", () => {
    const cs = runExampleVariant(dir, "sarcoma", cureOnly({ endpoint: "os", cause: "Sarcoma", by: "treatment", incidence: ["n_lung_mets"], latency: ["age_primary"] })).analyses.cure!;
    expect(cs.fit.nEvent).toBe(23);
    expect(cs.claims.cause).toBe("Sarcoma");
    expect(cs.claims.eventText).toMatch(/death from Sarcoma \(other causes censored: a cause-specific mixture cure model\)/);
    expect(cs.claims.treatmentInIncidence).toBe(true);
    expect(cs.claims.isCureOfDisease).toBe(true);
    expect(cureCalculatorDecision(cs)).toMatchObject({ show: true, label: "Probability of cure" });
  });

  it("refuses a cause the endpoint does not name, at its spec path", () => {
    expect(() => runExampleVariant(dir, "bad-cause", cureOnly({ endpoint: "os", cause: "Cardiac", incidence: ["n_lung_mets"] }))).toThrow(/cause "Cardiac" is not named under endpoints\.os\.causes\.values/);
  });
});
