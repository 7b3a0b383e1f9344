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
  });
});
