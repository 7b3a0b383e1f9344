/**
 * Golden tests of the standardised survival contrasts against riskRegression::ate (tools/oracle/ate.R):
 * g-formula, IPTW and AIPW risks per arm with influence-function SEs that account for all nuisance models,
 * their differences and ratios, the g-formula RMST and the ATT, on survival::veteran, the example cohort and
 * survival::colon. Survival = 1 − risk; the survival difference is minus the risk difference.
 */
import { describe, it } from "vitest";
import { fitCoxNuisance } from "../../src/causal/survival-contrasts/cox-nuisance.js";
import { survivalContrasts, type EstimatorResult } from "../../src/causal/survival-contrasts/index.js";
import { treatmentDesign } from "../../src/causal/survival-contrasts/outcome-design.js";
import { expectClose } from "../helpers/expect-close.js";
import { listFixtures, loadFixture } from "../helpers/fixtures.js";

interface AteInput {
  time: number[];
  status: number[];
  treat: number[];
  x: number[][];
  covariates: string[];
  times: number[];
  tau: number;
}
interface PerEstimator {
  risk0: number[];
  risk1: number[];
  se0: number[];
  se1: number[];
  diff: number[];
  diff_se: number[];
  ratio: number[];
  ratio_se: number[];
  surv_ratio: number[];
  surv_ratio_se: number[];
}
interface AteExpected {
  n: number;
  gformula: PerEstimator;
  iptw: PerEstimator;
  aipw: PerEstimator;
  rmst: { tau: number; rmst0: number; rmst1: number; se0: number; se1: number; diff: number; diff_se: number };
  ties: { dfbeta?: number[][]; rr_ifbeta_differs?: number };
  att: { risk0: number[]; risk1: number[]; se0: number[]; se1: number[]; diff: number[]; diff_se: number[] };
}

function inputOf(inp: AteInput) {
  const n = inp.time.length;
  const p = inp.covariates.length;
  const x = new Float64Array(n * p);
  inp.x.forEach((col, l) => x.set(col, l * n));
  return { time: Float64Array.from(inp.time), status: Uint8Array.from(inp.status), treat: Uint8Array.from(inp.treat), x, columnNames: inp.covariates };
}

// Point estimates are closed forms of the fitted models (Cox coefficients converge to ~1e-9 relative);
// SEs are sums of products of those: 1e-6 relative.
// tolerance: Cox coefficients converge to ~1e-9 relative (R iterates); estimates are smooth in them
const EST = { rel: 1e-7, abs: 1e-10 };
// tolerance: SEs are sums of products of iterated quantities (Cox, glm); observed ≤ 1e-7
const SE = { rel: 1e-6 };

function checkEstimator(r: EstimatorResult, e: PerEstimator, label: string, withSe = true): void {
  const at = r.at;
  expectClose(at.map((a) => a.risk.untreated.estimate), e.risk0, EST, `${label} risk0`);
  expectClose(at.map((a) => a.risk.treated.estimate), e.risk1, EST, `${label} risk1`);
  expectClose(at.map((a) => a.survival.untreated.estimate), e.risk0.map((f) => 1 - f), EST, `${label} survival0`);
  expectClose(at.map((a) => -a.difference.estimate), e.diff, EST, `${label} difference`);
  expectClose(at.map((a) => a.ratio.estimate), e.surv_ratio, EST, `${label} survival ratio`);
  if (!withSe) return;
  expectClose(at.map((a) => a.risk.untreated.se), e.se0, SE, `${label} se0`);
  expectClose(at.map((a) => a.risk.treated.se), e.se1, SE, `${label} se1`);
  expectClose(at.map((a) => a.difference.se), e.diff_se, SE, `${label} difference se`);
  expectClose(at.map((a) => a.ratio.se), e.surv_ratio_se, SE, `${label} survival ratio se`);
}

describe("survivalContrasts vs riskRegression::ate", () => {
  // veteran-ties: riskRegression's IF of beta ignores the number of tied events (docs/methods.md); with ties
  // the point estimates are compared, and survinfer's IF of beta against residuals(coxph, "dfbeta").
  it("veteran-ties: point estimates with tied times, and the outcome model's IF of beta = coxph dfbeta", () => {
    const fx = loadFixture<AteInput, AteExpected>("ate", "veteran-ties");
    const inp = inputOf(fx.input);
    const res = survivalContrasts(inp, { times: fx.input.times, tau: fx.input.tau });
    for (const id of ["gformula", "iptw", "aipw"] as const) checkEstimator(res.estimates.find((e) => e.estimator === id)!, fx.expected[id], `ties ${id}`, false);
    expectClose(res.estimates[0].rmst!.difference.estimate, fx.expected.rmst.diff, EST, "ties rmst diff");
    const design = treatmentDesign(inp.treat, inp.x, inp.columnNames);
    const mo = fitCoxNuisance(inp.time, inp.status, design.x, design.columnNames, "outcome");
    const dfbeta = fx.expected.ties.dfbeta!;
    // tolerance: dfbeta from iterated Cox coefficients (R iterates to eps = 1e-9)
    dfbeta.forEach((col, l) => expectClose(Array.from({ length: mo.n }, (_, j) => mo.iidBeta[j * mo.p + l]), col, { rel: 1e-6, abs: 1e-12 }, `dfbeta ${l}`));
  });

  for (const name of listFixtures("ate", 3, (f) => f !== "veteran-ties")) {
    const fx = loadFixture<AteInput, AteExpected>("ate", name);
    it(`${name}: g-formula, IPTW, AIPW (ATE) and g-formula RMST`, () => {
      const res = survivalContrasts(inputOf(fx.input), { times: fx.input.times, tau: fx.input.tau });
      const by = (id: string): EstimatorResult => res.estimates.find((e) => e.estimator === id)!;
      checkEstimator(by("gformula"), fx.expected.gformula, `${name} gformula`);
      checkEstimator(by("iptw"), fx.expected.iptw, `${name} iptw`);
      checkEstimator(by("aipw"), fx.expected.aipw, `${name} aipw`);
      const rm = by("gformula").rmst!;
      const er = fx.expected.rmst;
      expectClose(rm.untreated.estimate, er.rmst0, EST, "rmst0");
      expectClose(rm.treated.estimate, er.rmst1, EST, "rmst1");
      expectClose(rm.untreated.se, er.se0, SE, "rmst se0");
      expectClose(rm.treated.se, er.se1, SE, "rmst se1");
      expectClose(rm.difference.estimate, er.diff, EST, "rmst diff");
      expectClose(rm.difference.se, er.diff_se, SE, "rmst diff se");
    });
    it(`${name}: g-formula ATT`, () => {
      const res = survivalContrasts(inputOf(fx.input), { times: fx.input.times, estimators: ["gformula"], estimand: "ATT" });
      const at = res.estimates[0].at;
      const e = fx.expected.att;
      expectClose(at.map((a) => a.risk.untreated.estimate), e.risk0, EST, "att risk0");
      expectClose(at.map((a) => a.risk.treated.estimate), e.risk1, EST, "att risk1");
      expectClose(at.map((a) => a.risk.untreated.se), e.se0, SE, "att se0");
      expectClose(at.map((a) => a.risk.treated.se), e.se1, SE, "att se1");
      expectClose(at.map((a) => -a.difference.estimate), e.diff, EST, "att diff");
      expectClose(at.map((a) => a.difference.se), e.diff_se, SE, "att diff se");
    });
  }
});
