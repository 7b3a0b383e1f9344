/**
 * Golden tests: coxSurvival against survfit(coxph fit, newdata) (survival 3.5-3, default options:
 * Efron/Breslow hazard as the fit, Tsiatis variance, log CI) on the fits of the cox fixtures.
 */
import { describe, expect, it } from "vitest";
import { coxFit } from "../../src/survival/cox/fit.js";
import { coxSurvival } from "../../src/survival/cox/predict.js";
import type { CoxSurvivalCurve } from "../../src/survival/cox/predict.js";
import { expectClose } from "../helpers/expect-close.js";
import { listFixtures, loadFixture } from "../helpers/fixtures.js";
import { fixtureToInput } from "./cox-fixture.js";
import type { CoxFixtureExpected, CoxFixtureInput } from "./cox-fixture.js";

type Col = number[] | number[][];
interface SurvfitExpected {
  time: number[];
  nRisk: number[];
  nEvent: number[];
  nCensor: number[];
  surv: Col;
  cumhaz: Col;
  stdErr: Col;
  lower: Col;
  upper: Col;
  strata: number[] | number | null;
}

describe("coxSurvival matches survfit.coxph", () => {
  for (const name of listFixtures("cox/survfit", 5)) {
    it(`${name}: times, risk sets, survival, cumulative hazard, standard errors and log CIs equal R's`, () => {
      const fx0 = loadFixture<{ coxFixture: string; profiles: number[][] | null }, SurvfitExpected>("cox/survfit", name);
      const fx = loadFixture<CoxFixtureInput, CoxFixtureExpected>("cox", fx0.input.coxFixture);
      const input = fixtureToInput(fx.input);
      const fit = coxFit(input, { ties: fx.input.ties, robust: fx.input.robust });
      const profiles = fx0.input.profiles ?? undefined;
      const res = coxSurvival(input, fit, { profiles });
      const e = fx0.expected;
      const nProf = profiles ? profiles.length : 1;
      // R: one column per profile (time × profiles) when several profiles; strata are stacked
      const pick = (f: (c: CoxSurvivalCurve) => number[]): number[] => {
        if (nProf === 1) return res.curves.flatMap(f);
        const out: number[] = [];
        const len = res.curves[0].time.length;
        for (let a = 0; a < len; a++) for (const c of res.curves) out.push(f(c)[a]);
        return out;
      };
      const flat = (v: Col): number[] => (v as unknown[]).flatMap((r) => (Array.isArray(r) ? (r as number[]) : [r as number]));
      const first = res.curves.filter((c) => c.profile === 0);
      expectClose(first.flatMap((c) => c.time), e.time, { rel: 1e-12 }, "time");
      expectClose(first.flatMap((c) => c.nRisk), e.nRisk, { rel: 1e-12 }, "n.risk");
      expectClose(first.flatMap((c) => c.nEvent), e.nEvent, { rel: 1e-12 }, "n.event");
      expectClose(first.flatMap((c) => c.nCensor), e.nCensor, { rel: 1e-12 }, "n.censor");
      if (e.strata !== null) expect(first.map((c) => c.time.length)).toEqual(Array.isArray(e.strata) ? e.strata : [e.strata]);
      expectClose(pick((c) => c.surv), flat(e.surv), { rel: 1e-10 }, "surv");
      expectClose(pick((c) => c.cumhaz), flat(e.cumhaz), { rel: 1e-10, abs: 1e-14 }, "cumhaz");
      expectClose(pick((c) => c.stdErr), flat(e.stdErr), { rel: 1e-10, abs: 1e-14 }, "std.err");
      expectClose(pick((c) => c.lower), flat(e.lower), { rel: 1e-10 }, "lower");
      expectClose(pick((c) => c.upper), flat(e.upper), { rel: 1e-10 }, "upper");
    });
  }
});
