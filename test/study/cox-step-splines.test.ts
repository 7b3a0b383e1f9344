/**
 * The Cox step with splines: a covariate with a declared cut-off stays continuous in the multivariable
 * model unless cox.multivariableCutoffs asks for the cut-offs (then both models are reported), and
 * cox.linearity adds the rcs(x, 4) linearity check, which agrees with rms::anova(cph(...)) on the example
 * cohort (fixture test/fixtures/splines/linearity/example-os.json from tools/oracle/splines.R).
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runExampleVariant, withoutLongTerm, type ExampleSpec } from "../report/render-study.js";
import { expectClose } from "../helpers/expect-close.js";
import { buildReportModel } from "../../src/report/render.js";
import { hrCurvePlot } from "../../src/report/plots/hr-curve.js";

const dir = mkdtempSync(join(tmpdir(), "survinfer-cox-splines-"));
const fixture = JSON.parse(readFileSync(join(import.meta.dirname, "..", "fixtures", "splines", "linearity", "example-os.json"), "utf8")) as {
  expected: { tests: { covariate: string; chisq: number; df: number; p: number; knots: number[] }[]; totalNonlinear: { chisq: number; df: number } };
};

function coxOnly(extra: Record<string, unknown>) {
  return (spec: ExampleSpec): void => {
    withoutLongTerm(spec);
    const a = spec.analyses;
    for (const k of Object.keys(a)) if (k !== "cox" && k !== "km") delete a[k];
    a.cox = { ...(a.cox as Record<string, unknown>), ...extra };
  };
}

describe("Cox step: cut-offs and splines in the multivariable model", () => {
  it("keeps covariates with a cut-off continuous in the multivariable model by default", () => {
    const r = runExampleVariant(dir, "default", coxOnly({}));
    const mv = r.analyses.cox?.multivariable;
    expect(mv?.result.terms.map((t) => t.label)).toEqual(["age_primary", "primary_size_mm", "n_lung_mets"]);
    expect(mv?.dichotomised).toEqual([]);
    expect(r.analyses.cox?.multivariableContinuous).toBeUndefined();
  });
  it("with multivariableCutoffs reports the dichotomised model and the continuous one beside it", () => {
    const r = runExampleVariant(dir, "cutoffs", coxOnly({ multivariableCutoffs: true }));
    const cox = r.analyses.cox;
    const built = buildReportModel(r);
    const cont = built.tables.find((t) => t.id === "cox-continuous")?.table;
    expect(cont?.rows.map((row) => row[0])).toEqual(["Age at diagnosis of the primary (years)", "Size of the primary tumour (mm)", "Number of lung metastases"]);
    expect(cox?.multivariable?.result.terms.map((t) => t.label)).toEqual(["`age_primary>60`", "`primary_size_mm>70`", "`n_lung_mets>=5`"]);
    expect(cox?.multivariable?.dichotomised).toEqual(["age_primary", "primary_size_mm", "n_lung_mets"]);
    expect(cox?.multivariableContinuous?.result.terms.map((t) => t.label)).toEqual(["age_primary", "primary_size_mm", "n_lung_mets"]);
  });
  it("with linearity tests each continuous covariate's non-linear spline terms as rms::anova", () => {
    const r = runExampleVariant(dir, "linearity", coxOnly({ linearity: true }));
    const lin = r.analyses.cox?.linearity;
    expect(lin?.formula).toBe("Surv(.time, .status) ~ rcs(age_primary, 4) + rcs(primary_size_mm, 4) + rcs(n_lung_mets, 4)");
    expect(lin?.tests.map((t) => t.covariate)).toEqual(fixture.expected.tests.map((t) => t.covariate));
    lin?.tests.forEach((t, k) => {
      const e = fixture.expected.tests[k];
      expectClose(t.knots, e.knots, { rel: 1e-12 }, `${e.covariate} knots`);
      expect(t.nonlinear.df).toBe(e.df);
      expectClose([t.nonlinear.chisq, t.nonlinear.p], [e.chisq, e.p], { rel: 1e-8 }, `${e.covariate} nonlinear`);
      expect(t.curve.x).toHaveLength(61);
    });
    expectClose([lin?.totalNonlinear?.chisq ?? Number.NaN], [fixture.expected.totalNonlinear.chisq], { rel: 1e-8 }, "total nonlinear");
    expect(lin?.labels.age_primary).toBe("Age at diagnosis of the primary (years)");
    const built = buildReportModel(r);
    expect(built.tables.find((t) => t.id === "cox-linearity")?.table.rows).toHaveLength(3);
    const figs = built.figures.filter((f) => f.id.startsWith("hr-curve-"));
    expect(figs).toHaveLength(3);
    expect(figs[0].svg).toContain("survinfer-hr-curve");
    // HR = 1 at the reference value: the curve passes through the reference mark
    const c = lin?.tests[0].curve;
    expect(c?.x[0]).toBeLessThan(c?.reference ?? 0);
  });
  it("hrCurvePlot refuses non-positive hazard ratios and escapes its labels", () => {
    expect(() => hrCurvePlot({ x: [1, 2], hr: [1, 0], lower: [1, 1], upper: [1, 1], reference: 1 })).toThrow(/positive hazard ratios/);
    const svg = hrCurvePlot({ x: [1, 2, 3], hr: [0.5, 1, 2], lower: [0.3, 1, 1.5], upper: [0.8, 1, 3], reference: 2, knots: [1.5, 2.5] }, { xLabel: "<b>age</b>" });
    expect(svg).toContain("&lt;b&gt;age&lt;/b&gt;");
    expect(svg).not.toContain("<b>");
  });
});
