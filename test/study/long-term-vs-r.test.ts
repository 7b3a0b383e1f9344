/**
 * The study runner's long-term analyses equal R end to end: runStudy on the CSVs that
 * tools/oracle/study-long-term.R wrote (test/fixtures/r/study-long-term/), against that script's fixtures.
 *  - analyses.competingRisks with covariates on survival::mgus2 (pcm vs death without progression):
 *    coxph(Surv(etime, event == k) ~ age + sex + hgb) and cmprsk::crr per cause;
 *  - analyses.prediction: coxph(Surv(etime, event > 0) ~ age + sex + hgb), the calculator's S(120 | x)
 *    against summary(survfit(fit, newdata), times = 120)$surv, and concordance(fit);
 *  - analyses.cure (Weibull, by sex, latency age) on survival::colon recurrence (mgus2 has no plateau),
 *    against the same likelihood maximised by optim: estimates and the cure fraction averaged per sex.
 * The mgus2 CSV keeps 13 patients with missing hgb: every model must drop them (complete cases).
 */
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { readTableFile } from "../../src/data/read-file.js";
import { predictPatient } from "../../src/study/calculator.js";
import { runStudy, type StudyResults } from "../../src/study/run.js";
import { specReadOptions } from "../../src/study/read-options.js";
import { parseStudySpec } from "../../src/study/spec.js";
import { expectClose } from "../helpers/expect-close.js";
import { fixtureRoot, loadFixture } from "../helpers/fixtures.js";

const DIR = join(fixtureRoot, "study-long-term");

interface CoxExpected { names: string[]; coef: number[]; se: number[]; p: number[]; loglik: number[]; n: number; nevent: number }
interface CrrExpected { names: string[]; coef: number[]; se: number[]; p: number[]; loglik: number; n: number }
interface CompetingExpected { causes: { cause: string; code: number; coxph: CoxExpected; crr: CrrExpected }[] }
interface PredictionInput { time: number; profiles: { age: number[]; sex: string[]; hgb: number[] } }
interface PredictionExpected { names: string[]; coef: number[]; se: number[]; loglik: number[]; n: number; nevent: number; surv: number[]; concordance: number }
interface CureGroupExpected { name: string; estimate: number; se_logit: number; n: number; events: number }
interface CureExpected { names: string[]; theta: number[]; se: number[]; loglik: number; overall: CureGroupExpected; groups: CureGroupExpected[] }

/** Runs a study spec (YAML text) on a fixture CSV, reading the file as `survinfer run` does. */
function runOn(specText: string): StudyResults {
  const specFile = join(DIR, "study.yaml");
  const spec = parseStudySpec(specText, specFile);
  const read = readTableFile(join(DIR, String(spec.data.file)), specReadOptions(spec, String(spec.data.file)));
  return runStudy({ spec, table: read.table, inference: read.inference, readWarnings: read.warnings, specFile });
}

const MGUS_SPEC = `title: mgus2, progression to plasma cell malignancy or death
data: { file: mgus2.csv, id: id }
endpoints:
  pcmdeath:
    label: Progression or death
    time: etime
    status: event
    values: [1, 2]
    unit: months
    causes: { column: cause, values: { pcm: pcm, death: death } }
covariates: [age, sex, hgb]
analyses:
  competingRisks: { endpoint: pcmdeath, covariates: [age, sex, hgb] }
  prediction: { endpoint: pcmdeath, covariates: [age, sex, hgb], time: 120, bootstrap: 0 }
`;

const COLON_SPEC = `title: colon cancer, recurrence
data: { file: colon.csv, id: id }
endpoints:
  recurrence: { time: time, status: status, values: [1], unit: days }
covariates: [age, sex]
analyses:
  cure: { endpoint: recurrence, model: weibull, by: sex, incidence: [], latency: [age] }
`;

let mgus: StudyResults;
let colon: StudyResults;
beforeAll(() => {
  mgus = runOn(MGUS_SPEC);
  colon = runOn(COLON_SPEC);
});

describe("analyses.competingRisks with covariates equals coxph and cmprsk::crr per cause (mgus2)", () => {
  const fx = loadFixture<Record<string, unknown>, CompetingExpected>("study-long-term", "competing");

  it("fits one cause-specific Cox and one Fine–Gray model per cause, in the spec's order", () => {
    const models = mgus.analyses.competingRisks!.models;
    expect(models.map((m) => [m.cause, m.label])).toEqual(fx.expected.causes.map((c) => [c.code, c.cause]));
  });

  for (const [k, c] of fx.expected.causes.entries()) {
    it(`cause-specific coxph(Surv(etime, event == ${c.code}) ~ age + sex + hgb) for ${c.cause}, complete cases`, () => {
      const fit = mgus.analyses.competingRisks!.models[k].causeSpecific.fit;
      expect(fit.columnNames).toEqual(c.coxph.names);
      expect([fit.n, fit.nEvent]).toEqual([c.coxph.n, c.coxph.nevent]);
      expectClose(fit.coef, c.coxph.coef, { rel: 1e-8 }, `${c.cause} coef`);
      expectClose(fit.terms.map((t) => t.se), c.coxph.se, { rel: 1e-8 }, `${c.cause} se`);
      expectClose(fit.terms.map((t) => t.p), c.coxph.p, { rel: 1e-10 }, `${c.cause} p`);
      expectClose(fit.loglik, c.coxph.loglik, { rel: 1e-10 }, `${c.cause} loglik`);
    });

    it(`crr(etime, event, cov, failcode = ${c.code}) for ${c.cause}, complete cases`, () => {
      const fg = mgus.analyses.competingRisks!.models[k].fineGray!;
      expect(fg).not.toBeNull();
      expect(fg.terms.map((t) => t.name)).toEqual(c.crr.names);
      expect(fg.n).toBe(c.crr.n);
      expectClose(fg.terms.map((t) => t.coef), c.crr.coef, { rel: 1e-10 }, `${c.cause} crr coef`);
      expectClose(fg.terms.map((t) => t.se), c.crr.se, { rel: 1e-10 }, `${c.cause} crr se`);
      expectClose(fg.terms.map((t) => t.p), c.crr.p, { rel: 1e-10 }, `${c.cause} crr p`);
      expectClose(fg.loglik, c.crr.loglik, { rel: 1e-10 }, `${c.cause} crr loglik`);
    });
  }
});

describe("analyses.prediction equals coxph, survfit(fit, newdata) and concordance(fit) (mgus2)", () => {
  const fx = loadFixture<PredictionInput, PredictionExpected>("study-long-term", "prediction");

  it("fits the Cox model on any event with the complete cases", () => {
    const v = mgus.analyses.prediction!.validation;
    expect(v.fit.columnNames).toEqual(fx.expected.names);
    expect([v.n, v.nEvent, v.nDropped]).toEqual([fx.expected.n, fx.expected.nevent, 13]);
    expectClose(v.fit.coef, fx.expected.coef, { rel: 1e-8 }, "coef");
    expectClose(v.fit.terms.map((t) => t.se), fx.expected.se, { rel: 1e-8 }, "se");
    expectClose(v.fit.loglik, fx.expected.loglik, { rel: 1e-10 }, "loglik");
  });

  it("predictPatient on the calculator gives survfit's S(120 | x), also outside the data's range", () => {
    const calc = mgus.analyses.prediction!.calculator;
    const p = fx.input.profiles;
    const surv = p.age.map((age, i) => {
      const out = predictPatient(calc, { age, sex: p.sex[i], hgb: p.hgb[i] });
      return out.find((o) => o.id === "survival")!.value;
    });
    expectClose(surv, fx.expected.surv, { rel: 1e-8 }, "S(120 | x)");
    const age = calc.inputs.find((i) => i.name === "age")!;
    expect(age.kind === "numeric" && p.age[4] > age.max).toBe(true);
  });

  it("Harrell's C equals concordance(fit)$concordance", () => {
    expectClose(mgus.analyses.prediction!.validation.harrell.value, fx.expected.concordance, { rel: 1e-10 }, "C");
  });
});

describe("analyses.cure (Weibull, by sex, latency age) equals the likelihood maximised by optim (colon recurrence)", () => {
  const fx = loadFixture<Record<string, unknown>, CureExpected>("study-long-term", "cure");

  it("estimates (γ₀, γ_sex; β_age, β_sex; log λ, log α) and the maximised log-likelihood", () => {
    const fit = colon.analyses.cure!.fit;
    expect(fit.method).toBe("weibull-mixture-cure");
    if (fit.method !== "weibull-mixture-cure") return;
    expect([...fit.incidence.map((c) => c.name), ...fit.latency.map((c) => c.name)]).toEqual(fx.expected.names.slice(0, 4));
    expectClose(fit.theta, fx.expected.theta, { rel: 1e-10 }, "theta");
    expectClose(fit.loglik, fx.expected.loglik, { rel: 1e-10 }, "loglik");
    // both sides invert a central-difference Hessian of the same analytic gradient
    expectClose(fit.vcov.map((row, j) => Math.sqrt(row[j])), fx.expected.se, { rel: 1e-8 }, "se");
  });

  it("cure fraction averaged over all patients and over each sex, with the delta-method SE of its logit", () => {
    const cure = colon.analyses.cure!;
    const got = [cure.overall, ...cure.groups];
    const want = [fx.expected.overall, ...fx.expected.groups];
    expect(got.map((g) => [g.name, g.n, g.events])).toEqual(want.map((g) => [g.name, g.n, g.events]));
    expectClose(got.map((g) => g.cureFraction.estimate), want.map((g) => g.estimate), { rel: 1e-10 }, "cure fraction");
    expectClose(got.map((g) => g.cureFraction.seLogit), want.map((g) => g.se_logit), { rel: 1e-8 }, "se(logit)");
  });
});
