/** The HR-curve figure of a pspline() term (src/report/cox-splines.ts) renders the fit's curve, and only for penalised fits. */
import { describe, expect, it } from "vitest";
import { psplineHrCurveFigures } from "../../src/report/cox-splines.js";
import { coxph } from "../../src/survival/coxph.js";
import { tableFromFixture, type FixtureColumn } from "../formula/table-from-fixture.js";
import { loadFixture } from "../helpers/fixtures.js";

const lung = tableFromFixture(loadFixture<{ data: { columns: FixtureColumn[] } }>("pspline", "lung-age-df4").input.data);

describe("psplineHrCurveFigures", () => {
  it("draws one figure per pspline term, against the median, naming θ, df and the non-linearity test", () => {
    const res = coxph(lung, "Surv(time, status) ~ pspline(age, df = 3) + sex");
    const figs = psplineHrCurveFigures(res, { age: "Age (years)" });
    expect(figs.map((f) => f.id)).toEqual(["hr-curve-pspline-1"]);
    const curve = res.fit.penalized?.terms[0].curve;
    expect(curve?.x).toHaveLength(61);
    expect(curve?.reference).toBe(63);
    expect(figs[0].title).toBe("Hazard ratio by Age (years) (penalised spline).");
    expect(figs[0].caption).toMatch(/against 63 \(the median; HR = 1\).*chosen for 3 df, effective df 3\.\d.*non-linearity p/);
    expect(figs[0].svg).toContain("survinfer-hr-curve");
  });

  it("gives no figure for a model without pspline terms", () => {
    expect(psplineHrCurveFigures(coxph(lung, "Surv(time, status) ~ age + sex"))).toEqual([]);
  });
});
