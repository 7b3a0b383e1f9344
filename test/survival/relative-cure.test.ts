/**
 * Relative-survival cure (issue 17, item 2): the expected survival of each patient from a life table equals
 * survival::survexp(method = "individual.s") with the same ratetable (relsurv's slopop, calendar years;
 * survival's survexp.us, US-style years) to 1e-8, and the mixture cure model on the excess hazard maximises the
 * likelihood that tools/oracle/relative-cure.R maximises in base R (fixtures test/fixtures/r/relative-cure/).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectClose } from "../helpers/expect-close.js";
import { fixtureRoot, listFixtures, loadFixture } from "../helpers/fixtures.js";
import { buildLifeTable, expectedCumHazard, expectedHazard, januaryFirst, sexIndex, type LifeTable, type LifeTableRecord, type YearChange } from "../../src/survival/relative/life-table.js";
import { parametricCure, parametricCureLogLik } from "../../src/survival/cure/parametric.js";
import { LATENCY_DISTRIBUTIONS } from "../../src/survival/cure/latency.js";

/** The two-parameter latencies (the generalised gamma has its own fixtures: test/survival/cure-gengamma.test.ts). */
const TWO_PARAMETER = LATENCY_DISTRIBUTIONS.filter((d): d is "weibull" | "lognormal" | "loglogistic" => d !== "gengamma");
import type { CureInput } from "../../src/survival/cure/design.js";
import { SurvinferError } from "../../src/errors.js";

interface In {
  lifeTable: string;
  daysPerYear: number;
  yearChange: YearChange;
  age: number[];
  sex: string[];
  date: number[];
  timeDays: number[];
  status: number[];
  unitDays: number;
  z: number[][];
  zNames: string[];
  x: number[][];
  xNames: string[];
  gridDays: number[];
}
interface Fit { theta: number[]; loglik: number; se: number[]; aic: number; cureFractionMeanProfile: number; cureFractionAverage: number }
interface Ex {
  expectedCumHazard: number[];
  expectedCumHazardGrid: number[][];
  expectedHazardPerDay: number[];
  fits?: Record<"weibull" | "lognormal" | "loglogistic", Fit>;
}

const root = join(fixtureRoot, "..", "..", "..");
function tableFile(name: string): string {
  return name === "life-table-us.csv" ? join(root, "examples", "lms-metastasectomy", name) : join(fixtureRoot, "relative-cure", name);
}

function readLifeTable(name: string, daysPerYear: number, yearChange: YearChange): LifeTable {
  const lines = readFileSync(tableFile(name), "utf8").trim().split("\n");
  expect(lines[0]).toBe("age,sex,year,rate");
  const records: LifeTableRecord[] = lines.slice(1).map((l, k) => {
    const [age, sex, year, rate] = l.split(",");
    return { age: Number(age), sex, year: Number(year), rate: Number(rate), row: k + 2 };
  });
  return buildLifeTable(records, { daysPerYear, yearChange, file: name });
}

function toInput(inp: In): CureInput {
  const n = inp.timeDays.length;
  const zCols = inp.z.slice(1);
  const z = new Float64Array(n * zCols.length);
  zCols.forEach((c, j) => z.set(c, j * n));
  const x = new Float64Array(n * inp.x.length);
  inp.x.forEach((c, j) => x.set(c, j * n));
  return { time: Float64Array.from(inp.timeDays, (t) => t / inp.unitDays), status: Int32Array.from(inp.status), z, zNames: inp.zNames.slice(1), x, xNames: inp.xNames };
}

const cases = listFixtures("relative-cure", 4);

describe.each(cases)("expected survival from the life table, fixture %s", (name) => {
  const fx = loadFixture<In, Ex>("relative-cure", name);
  const inp = fx.input;
  const table = readLifeTable(inp.lifeTable, inp.daysPerYear, inp.yearChange);
  const patients = inp.age.map((a, i) => ({ sex: sexIndex(table, inp.sex[i]), ageDays: a * inp.daysPerYear, dateDays: inp.date[i] }));

  it("every patient's sex is in the table", () => {
    expect(patients.every((p) => p.sex >= 0)).toBe(true);
  });
  it("Λ*(tᵢ) equals −log survexp(individual.s) to 1e-8 relative", () => {
    expectClose(patients.map((p, i) => expectedCumHazard(table, p, inp.timeDays[i])), fx.expected.expectedCumHazard, { rel: 1e-8, abs: 1e-14 }, "cumulative hazard");
  });
  it("Λ*(t) on a grid of times equals survexp to 1e-8 relative", () => {
    inp.gridDays.forEach((g, k) => {
      expectClose(patients.map((p) => expectedCumHazard(table, p, g)), fx.expected.expectedCumHazardGrid[k], { rel: 1e-8, abs: 1e-14 }, `cumulative hazard at ${g} days`);
    });
  });
  it("h*(tᵢ) is the rate of the cell holding (age + tᵢ, date + tᵢ), as the oracle's ratetable lookup", () => {
    expectClose(patients.map((p, i) => expectedHazard(table, p, inp.timeDays[i])), fx.expected.expectedHazardPerDay, { rel: 1e-13 }, "hazard");
  });
});

describe.each(cases.filter((c) => loadFixture<In, Ex>("relative-cure", c).expected.fits !== undefined))("relative-survival mixture cure, fixture %s", (name) => {
  const fx = loadFixture<In, Ex>("relative-cure", name);
  const inp = fx.input;
  const table = readLifeTable(inp.lifeTable, inp.daysPerYear, inp.yearChange);
  const input = toInput(inp);
  const hStar = Float64Array.from(inp.age, (a, i) => inp.unitDays * expectedHazard(table, { sex: sexIndex(table, inp.sex[i]), ageDays: a * inp.daysPerYear, dateDays: inp.date[i] }, inp.timeDays[i]));
  for (const dist of TWO_PARAMETER) {
    it(`${dist}: estimates to 1e-8 (observed 1e-14), log-likelihood and AIC to 1e-10, SEs to 1e-6, cure fractions to 1e-8`, () => {
      const e = fx.expected.fits![dist];
      const fit = parametricCure(input, { distribution: dist, expectedHazard: hStar });
      expect(fit.convergence.converged).toBe(true);
      expect(fit.options.relativeSurvival).toBe(true);
      expectClose(fit.theta, e.theta, { rel: 1e-8, abs: 1e-8 }, "theta");
      expectClose(fit.loglik, e.loglik, { rel: 1e-10 }, "loglik");
      expectClose(fit.aic, e.aic, { rel: 1e-10 }, "AIC");
      // tolerance: 1e-6, SEs from central-difference Hessians (step ~1e-5) of the analytic gradient in each implementation (observed 2e-10)
      expectClose(fit.vcov.map((r, j) => Math.sqrt(r[j])), e.se, { rel: 1e-6 }, "se");
      expectClose(fit.cureFraction.meanProfile.estimate, e.cureFractionMeanProfile, { rel: 1e-8 }, "cure fraction, mean profile");
      expectClose(fit.cureFraction.average.estimate, e.cureFractionAverage, { rel: 1e-8 }, "cure fraction, average");
    });
  }
  it("the excess-hazard log-likelihood's analytic gradient equals central differences", () => {
    const theta = fx.expected.fits!.weibull.theta.map((v) => v + 0.05);
    for (const dist of TWO_PARAMETER) {
      const g = parametricCureLogLik(input, theta, dist, hStar).gradient;
      theta.forEach((_, j) => {
        const h = 1e-6;
        const up = [...theta];
        const dn = [...theta];
        up[j] += h;
        dn[j] -= h;
        const num = (parametricCureLogLik(input, up, dist, hStar).loglik - parametricCureLogLik(input, dn, dist, hStar).loglik) / (2 * h);
        // tolerance: 1e-6, central differences of a sum over ~1000 patients carry ~1e-8 rounding
        expectClose(g[j], num, { rel: 1e-6, abs: 1e-6 }, `${dist} gradient ${j}`);
      });
    }
  });
  it("with no background mortality (h* = 0) the model is the all-cause mixture cure model", () => {
    const zero = parametricCure(input, { distribution: "weibull", expectedHazard: new Float64Array(input.time.length) });
    const plain = parametricCure(input, { distribution: "weibull" });
    // tolerance: 1e-7, two Newton runs from different starts converge to the same optimum within their stopping rule
    expectClose(zero.theta, plain.theta, { rel: 1e-7, abs: 1e-7 }, "theta");
    expect(zero.cureFraction.meanProfile.estimate).toBeGreaterThan(0);
  });
});

describe("life tables", () => {
  const rec = (age: number, sex: string, year: number, rate: number, row: number): LifeTableRecord => ({ age, sex, year, rate, row });
  const small = [rec(0, "male", 2000, 0.01, 2), rec(1, "male", 2000, 0.02, 3), rec(0, "male", 2001, 0.03, 4), rec(1, "male", 2001, 0.04, 5)];

  it("a patient crossing a birthday and a new year within one year accumulates each cell's rate for its time (by hand)", () => {
    const t = buildLifeTable(small, { daysPerYear: 365.25 });
    // born so that age 1 is reached 100 days after the origin of 1 October 2000 (92 days to the new year)
    const p = { sex: 0, ageDays: 365.25 - 100, dateDays: januaryFirst(2000) + 274 };
    const toNewYear = januaryFirst(2001) - p.dateDays;
    expect(toNewYear).toBe(92);
    const perDay = (r: number) => r / 365.25;
    const byHand = 92 * perDay(0.01) + 8 * perDay(0.03) + 100 * perDay(0.04);
    expectClose(expectedCumHazard(t, p, 200), byHand, { rel: 1e-14 }, "Λ*");
    expect(expectedHazard(t, p, 50)).toBe(perDay(0.01));
    expect(expectedHazard(t, p, 92)).toBe(perDay(0.03)); // a cell starts at its cut-point
    expect(expectedHazard(t, p, 150)).toBe(perDay(0.04));
  });
  it("probabilities q are converted to hazards −log(1 − q), as relsurv::transrate", () => {
    const t = buildLifeTable(small.map((r) => ({ ...r, rate: 1 - Math.exp(-r.rate) })), { probabilities: true });
    expectClose(Array.from(t.ratePerDay, (v) => v * 365.25), [0.01, 0.02, 0.03, 0.04], { rel: 1e-12 }, "rates");
  });
  it("refuses an incomplete table, a duplicate row and a bad rate, naming the row", () => {
    const codeOf = (f: () => unknown): string => {
      try {
        f();
      } catch (e) {
        return e instanceof SurvinferError ? `${e.code}: ${e.message}` : String(e);
      }
      return "no error";
    };
    expect(codeOf(() => buildLifeTable(small.slice(1), { file: "lt.csv" }))).toMatch(/^DATA_LIFE_TABLE_INCOMPLETE: lt\.csv: the life table has no rate for age 0, sex "male", year 2000/);
    expect(codeOf(() => buildLifeTable([...small, rec(1, "male", 2001, 0.05, 6)], { file: "lt.csv" }))).toMatch(/^DATA_LIFE_TABLE_DUPLICATE: lt\.csv, row 6: age 1, sex "male", year 2001 appears twice/);
    expect(codeOf(() => buildLifeTable([rec(0, "male", 2000, -1, 2)], { file: "lt.csv" }))).toMatch(/^DATA_LIFE_TABLE_VALUE: lt\.csv, row 2, column "rate": a death rate must be/);
    expect(codeOf(() => buildLifeTable([rec(0.5, "male", 2000, 0.1, 2)]))).toMatch(/^DATA_LIFE_TABLE_VALUE: row 2, column "age"/);
    expect(codeOf(() => buildLifeTable([]))).toMatch(/^DATA_LIFE_TABLE_INCOMPLETE/);
    expect(codeOf(() => parametricCure({ time: Float64Array.from([1, 2]), status: Int32Array.from([1, 0]), z: new Float64Array(0), zNames: [], x: new Float64Array(0), xNames: [] }, { expectedHazard: Float64Array.from([0.1, Number.NaN]) }))).toMatch(/^DATA_LIFE_TABLE_VALUE: row 2/);
  });
});
