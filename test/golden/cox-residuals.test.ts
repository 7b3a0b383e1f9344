/**
 * Golden tests: coxResiduals against residuals.coxph (survival 3.5-3) for every fixture of
 * tools/oracle/cox.R that stores residuals (martingale, deviance, score, dfbeta, dfbetas,
 * schoenfeld, scaledsch), at 1e-10 relative with an absolute floor of 1e-11 (observed agreement: |Δ| ≤ 1.5e-13).
 */
import { describe, it } from "vitest";
import { coxFit } from "../../src/survival/cox/fit.js";
import { coxResiduals } from "../../src/survival/cox/residuals.js";
import { expectClose } from "../helpers/expect-close.js";
import { listFixtures, loadFixture } from "../helpers/fixtures.js";
import { fixtureToInput } from "./cox-fixture.js";
import type { CoxFixtureExpected, CoxFixtureInput } from "./cox-fixture.js";

const flat = (v: number[][] | number[]): number[] => (v as unknown[]).flatMap((r) => (Array.isArray(r) ? (r as number[]) : [r as number]));
// residuals near 0 (martingale, Schoenfeld) are held by the absolute floor (observed |Δ| ≤ 1.5e-13)
const TOL = { rel: 1e-10, abs: 1e-11 };

describe("coxResiduals matches residuals.coxph", () => {
  for (const name of listFixtures("cox", 25)) {
    const fx = loadFixture<CoxFixtureInput, CoxFixtureExpected>("cox", name);
    const r = fx.expected.residuals;
    if (!r) continue;
    it(`${name}: martingale, deviance, score, dfbeta(s) and (scaled) Schoenfeld residuals equal R's`, () => {
      const input = fixtureToInput(fx.input);
      const fit = coxFit(input, { ties: fx.input.ties, robust: fx.input.robust });
      expectClose(coxResiduals(input, fit, "martingale"), flat(r.martingale), TOL, "martingale");
      expectClose(coxResiduals(input, fit, "deviance"), flat(r.deviance), TOL, "deviance");
      expectClose(coxResiduals(input, fit, "score").flat(), flat(r.score), TOL, "score");
      expectClose(coxResiduals(input, fit, "dfbeta").flat(), flat(r.dfbeta), TOL, "dfbeta");
      expectClose(coxResiduals(input, fit, "dfbetas").flat(), flat(r.dfbetas), TOL, "dfbetas");
      expectClose(coxResiduals(input, fit, "schoenfeld").values.flat(), flat(r.schoenfeld), TOL, "schoenfeld");
      expectClose(coxResiduals(input, fit, "scaledsch").values.flat(), flat(r.scaledSchoenfeld), TOL, "scaled schoenfeld");
    });
  }
});
