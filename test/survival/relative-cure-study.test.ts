/**
 * analyses.cure.relative on the example cohort: the study reads the bundled US life table (survival's
 * survexp.us, 1970–2014), places each patient at the origin (age at the primary moved to the date of the lung
 * metastasis, sex, calendar date; US-style years) and fits the mixture cure model on the excess hazard. The fit
 * equals tools/oracle/relative-cure.R's base-R statement (fixture lms-cohort-survexp-us), the claims say it is a
 * cure of the disease, and bad inputs are refused with codes that name the row and what to do.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectClose } from "../helpers/expect-close.js";
import { loadFixture } from "../helpers/fixtures.js";
import { buildReportModel } from "../../src/report/render.js";
import { cureCalculatorDecision } from "../../src/study/cure-step.js";
import { parseStudySpec } from "../../src/study/spec.js";
import { ROOT, runExampleVariant, withoutLongTerm, type ExampleSpec } from "../report/render-study.js";
import { SurvinferError } from "../../src/errors.js";
import { isParametricCure } from "../../src/survival/cure/predict.js";
import { stringify } from "yaml";

const dir = mkdtempSync(join(tmpdir(), "survinfer-relative-cure-"));
const US = join(ROOT, "examples", "lms-metastasectomy", "life-table-us.csv");
const relative = (extra: Record<string, unknown> = {}) => ({ lifeTable: US, age: "age_primary", ageAt: "date_primary", sex: "sex", yearChange: "birthday", ...extra });
const cureOnly = (cure: Record<string, unknown>) => (s: ExampleSpec): void => {
  withoutLongTerm(s);
  s.analyses.cure = cure;
};
const base = { endpoint: "os", by: "treatment", incidence: ["n_lung_mets"], latency: ["age_primary"] };

interface Fit { theta: number[]; loglik: number; aic: number; cureFractionAverage: number }

describe("analyses.cure.relative on the example cohort", () => {
  const r = runExampleVariant(dir, "relative", cureOnly({ ...base, relative: relative() }));
  const c = r.analyses.cure!;
  const fx = loadFixture<Record<string, unknown>, { fits: Record<"weibull" | "lognormal" | "loglogistic", Fit> }>("relative-cure", "lms-cohort-survexp-us");

  it("fits every latency on the excess hazard equal to the base-R statement (estimates 1e-8, log-likelihood 1e-10) and chooses the lowest AIC", () => {
    const fit = c.fit;
    if (!isParametricCure(fit)) throw new Error("expected a parametric fit");
    expect(fit.options.relativeSurvival).toBe(true);
    expect(c.fit.n).toBe(64);
    for (const d of ["weibull", "lognormal", "loglogistic"] as const) {
      const row = c.latencyComparison!.rows.find((x) => x.distribution === d)!;
      expectClose(row.loglik, fx.expected.fits[d].loglik, { rel: 1e-10 }, `${d} loglik`);
    }
    expect(c.latencyComparison!.chosen).toBe("weibull");
    // the generalised gamma runs to the edge here (Q → ∞): not converged, left out of the choice and of the "close" list, and said
    const gg = c.latencyComparison!.rows.find((x) => x.distribution === "gengamma")!;
    expect(gg.converged).toBe(false);
    expect(c.warnings.join("\n")).toMatch(/the generalised gamma latency did not converge .* left out of the AIC choice/);
    expect(c.warnings.join("\n")).not.toMatch(/generalised gamma \(AIC/);
    expectClose(fit.theta, fx.expected.fits.weibull.theta, { rel: 1e-8, abs: 1e-8 }, "weibull theta");
    expectClose(c.overall.cureFraction.estimate, fx.expected.fits.weibull.cureFractionAverage, { rel: 1e-8 }, "cure fraction");
  });

  it("says it is a cure of the disease (excess mortality, treatment in the model), and the calculator may show it", () => {
    expect(c.claims.isCureOfDisease).toBe(true);
    expect(c.claims.cause).toBe("the disease");
    expect(c.claims.eventText).toMatch(/^excess mortality over the general population of the same age, sex and calendar year/);
    expect(cureCalculatorDecision(c).show).toBe(true);
    expect(c.relative).toEqual({
      lifeTableFile: "life-table-us.csv",
      ages: [0, 109],
      years: [1970, 2014],
      sexes: ["female", "male"],
      daysPerYear: 365.25,
      yearChange: "birthday",
      description: expect.stringMatching(/^background mortality from the life table \(ages 0–109, years 1970–2014, sexes female, male;/),
    });
    // the cohort is followed until 2021: the 2014 rates stand in for later years, and the results say so
    expect(c.warnings.join("\n")).toMatch(/the rates of 2014 are used for every later year/);
  });

  it("draws the all-cause model S*·[π + (1 − π)S_u] over the KM, below the net curve by the expected survival", () => {
    const g = c.overall;
    expect(g.relative).toBeDefined();
    const k = g.curve.time.length - 1;
    expect(g.relative!.expected[0]).toBe(1);
    expect(g.relative!.expected[k]).toBeLessThan(1);
    expect(g.curve.surv[k]).toBeLessThan(g.relative!.net[k]);
    // the net curve levels off at the cure fraction; the all-cause curve keeps falling with background mortality
    expect(g.relative!.net[k]).toBeGreaterThanOrEqual(g.cureFraction.estimate - 1e-12);
    const { model } = buildReportModel(r);
    const text = model.sections.find((s) => s.id === "cure")!.blocks.map((b) => ("text" in b ? b.text : "")).join("\n");
    expect(text).toMatch(/Relative survival: background mortality from the life table life-table-us\.csv/);
  });

  it("model: gengamma fits the generalised gamma on the excess hazard; it nests the Weibull and log-normal, so its log-likelihood is at least theirs", () => {
    const g = runExampleVariant(dir, "relative-gengamma", cureOnly({ ...base, model: "gengamma", relative: relative() })).analyses.cure!;
    expect(g.fit.method).toBe("gengamma-mixture-cure");
    expect(g.latencyLabel).toBe("generalised gamma");
    const rows = g.latencyComparison!.rows;
    const ll = (d: string) => rows.find((r) => r.distribution === d)!.loglik;
    expect(ll("gengamma")).toBeGreaterThanOrEqual(Math.max(ll("weibull"), ll("lognormal")) - 1e-9);
    expect(rows.find((r) => r.distribution === "gengamma")!.nParameters).toBe(rows.find((r) => r.distribution === "weibull")!.nParameters + 1);
  });
  it("with an age recorded at the origin (no ageAt) the patients are younger at the origin and the expected survival is higher", () => {
    const r2 = runExampleVariant(dir, "relative-no-ageat", cureOnly({ ...base, model: "weibull", relative: relative({ ageAt: undefined }) }));
    const k = c.overall.curve.time.length - 1;
    expect(r2.analyses.cure!.overall.relative!.expected[k]).toBeGreaterThan(c.overall.relative!.expected[k]);
  });
});

describe("analyses.cure.relative refusals", () => {
  const codeOf = (f: () => unknown): string => {
    try {
      f();
    } catch (e) {
      return e instanceof SurvinferError ? `${e.code}: ${e.message}` : String(e);
    }
    return "no error";
  };
  const run = (name: string, cure: Record<string, unknown>) => () => runExampleVariant(dir, name, cureOnly(cure)).analyses.cure;

  it("a sex value that the life table lacks names the row, column and the table's sexes", () => {
    const lt = join(dir, "lt-men.csv");
    writeFileSync(lt, "age,sex,year,rate\n" + Array.from({ length: 111 }, (_, a) => `${a},m,2000,0.01\n${a},f,2000,0.01`).join("\n") + "\n");
    expect(codeOf(run("bad-sex", { ...base, relative: relative({ lifeTable: lt }) }))).toMatch(/^DATA_LIFE_TABLE_SEX: .*cohort\.csv, row \d+, column "sex": sex "(fe)?male" is not in the life table .*"f", "m"/);
  });
  it("a life table without a rate (or q) column is refused with the layout to use", () => {
    const lt = join(dir, "lt-norate.csv");
    writeFileSync(lt, "age,sex,year,deaths\n0,male,2000,3\n");
    expect(codeOf(run("no-rate", { ...base, relative: relative({ lifeTable: lt }) }))).toMatch(/^DATA_LIFE_TABLE_COLUMNS: lt-norate\.csv: the life table has no column rate \(or q\)/);
  });
  it("a life table with both rate and q is refused", () => {
    const lt = join(dir, "lt-both.csv");
    writeFileSync(lt, "age,sex,year,rate,q\n0,male,2000,0.1,0.1\n");
    expect(codeOf(run("both", { ...base, relative: relative({ lifeTable: lt }) }))).toMatch(/^DATA_LIFE_TABLE_COLUMNS: .*both a rate and a q column/);
  });
  it("an age at the origin outside 0–130 years is refused naming the row (a column of millimetres given as the age)", () => {
    expect(codeOf(run("bad-age", { ...base, relative: relative({ age: "primary_size_mm", ageAt: undefined }) }))).toMatch(/^DATA_AGE_OUT_OF_RANGE: .*cohort\.csv, row \d+, column "primary_size_mm": the age at the origin, \d+\.\d years, is not between 0 and 130/);
  });
  it("a numeric calendar year must be whole; whole years are taken as 1 July and said", () => {
    const withYear = (name: string, f: (y: number, i: number) => string) => {
      const csv = readFileSync(join(ROOT, "examples", "lms-metastasectomy", "cohort.csv"), "utf8").trimEnd().split("\n");
      const col = csv[0].split(",").indexOf("date_lung_met");
      const out = [csv[0] + ",dx_year", ...csv.slice(1).map((l, i) => `${l},${f(Number(l.split(",")[col].slice(-4)), i)}`)];
      const path = join(dir, name);
      writeFileSync(path, out.join("\n") + "\n");
      return path;
    };
    const spec = (file: string) => (s: ExampleSpec): void => {
      s.data.file = file;
      cureOnly({ ...base, model: "weibull", relative: relative({ year: "dx_year" }) })(s);
    };
    const half = withYear("cohort-half-year.csv", (y, i) => (i === 3 ? `${y}.5` : String(y)));
    expect(codeOf(() => runExampleVariant(dir, "half-year", spec(half)))).toMatch(/^DATA_INVALID_NUMBER: .*cohort-half-year\.csv, row 5, column "dx_year": a calendar year must be a whole number/);
    const whole = withYear("cohort-year.csv", (y) => String(y));
    expect(runExampleVariant(dir, "year", spec(whole)).analyses.cure!.warnings.join("\n")).toMatch(/column dx_year holds calendar years, not dates: each patient's origin is taken as 1 July/);
  });
  it("a column that is not in the data is named with its spec path (and its line: found before any step, src/study/preflight.ts)", () => {
    expect(codeOf(run("no-col", { ...base, relative: relative({ age: "age_at_diagnosis" }) }))).toMatch(/^SPEC_UNKNOWN_COLUMN: .*no-col\.yaml, line \d+, at analyses\.cure\.relative\.age: the data file .* has no column "age_at_diagnosis"/);
  });
  it("the spec refuses relative with cause or with the semiparametric model", () => {
    const spec = (cure: Record<string, unknown>) => stringify({ title: "t", data: { file: "d.csv" }, endpoints: { os: { time: "t", status: "s" } }, analyses: { cure } });
    expect(codeOf(() => parseStudySpec(spec({ endpoint: "os", cause: "Sarcoma", relative: { lifeTable: "lt.csv", age: "age", sex: "sex" } }), "study.yaml"))).toMatch(/relative and cause are two answers/);
    expect(codeOf(() => parseStudySpec(spec({ endpoint: "os", model: "ph", relative: { lifeTable: "lt.csv", age: "age", sex: "sex" } }), "study.yaml"))).toMatch(/parametric latency/);
  });
});
