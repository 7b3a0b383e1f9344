import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DAYS_PER_MONTH, LMS_CSV_COLUMNS, LMS_DEFAULTS, cohortToTable, simulateCohort, type SimulatedCohort } from "../../src/simulate/index.js";
import { cumulativeHazard } from "../../src/simulate/lms.js";
import { cohortCsv } from "../../src/simulate/csv.js";
import { civilFromDays, daysFromCivil, formatDayMonthYear } from "../../src/simulate/dates.js";
import { simulateCsv } from "../../src/cli/commands/simulate.js";
import { eventTable, orderByKey } from "../../src/survival/event-table.js";
import { SurvinferError } from "../../src/errors.js";

const root = new URL("../../", import.meta.url);

/** Overall survival (months from the lung metastasis) as time/status arrays. */
function osData(co: SimulatedCohort): { time: Float64Array; status: Int32Array } {
  const c = co.columns;
  const time = new Float64Array(co.n);
  const status = new Int32Array(co.n);
  for (let i = 0; i < co.n; i++) {
    const dead = !Number.isNaN(c.dateDeath[i]);
    status[i] = dead ? 1 : 0;
    time[i] = ((dead ? c.dateDeath[i] : c.dateLastFollowup[i]) - c.dateLungMet[i]) / DAYS_PER_MONTH;
  }
  return { time, status };
}

/** Kaplan–Meier S(t) = Π_{t_j ≤ t} (1 − d_j / n_j), written out here from the event table. */
function kmAt(time: Float64Array, status: Int32Array, t: number, rows?: Int32Array): number {
  const et = eventTable(time, status, orderByKey(time, rows));
  let s = 1;
  for (let j = 0; j < et.time.length && et.time[j] <= t; j++) s *= 1 - et.nEvent[j] / et.nRisk[j];
  return s;
}

const mean = (xs: ArrayLike<number>, keep: (i: number) => boolean): number => {
  let s = 0, k = 0;
  for (let i = 0; i < xs.length; i++) if (keep(i) && !Number.isNaN(xs[i])) { s += xs[i]; k++; }
  return s / k;
};

describe("calendar helpers", () => {
  it("convert days since 1970-01-01 to civil dates and back, leap days included", () => {
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    expect(daysFromCivil(2000, 3, 1)).toBe(11017);
    expect(civilFromDays(daysFromCivil(2020, 2, 29))).toEqual([2020, 2, 29]);
    expect(formatDayMonthYear(daysFromCivil(2021, 6, 30))).toBe("30.06.2021");
    let roundTripFailures = 0;
    for (let d = -30000; d < 30000; d++) if (daysFromCivil(...civilFromDays(d)) !== d) roundTripFailures++;
    expect(roundTripFailures).toBe(0);
    expect(formatDayMonthYear(Number.NaN)).toBe("");
  });
});

describe("simulateCohort (preset lms)", () => {
  it("is deterministic for a seed and differs between seeds", () => {
    expect(cohortCsv(simulateCohort({ n: 500, seed: 3 }))).toBe(cohortCsv(simulateCohort({ n: 500, seed: 3 })));
    expect(cohortCsv(simulateCohort({ n: 500, seed: 4 }))).not.toBe(cohortCsv(simulateCohort({ n: 500, seed: 3 })));
  });

  it("keeps the covariates when only the true hazard ratio changes (common random numbers)", () => {
    const a = simulateCohort({ n: 300, seed: 9, trueHazardRatio: 0.7 }).columns;
    const b = simulateCohort({ n: 300, seed: 9, trueHazardRatio: 1 }).columns;
    expect(b.agePrimary).toEqual(a.agePrimary);
    expect(b.primarySizeMm).toEqual(a.primarySizeMm);
    expect(b.dateLungMet).toEqual(a.dateLungMet);
  });

  it("reproduces the bundled example cohort (n = 64, seed 44, 44 operated)", () => {
    const csv = readFileSync(new URL("examples/lms-metastasectomy/cohort.csv", root), "utf8");
    expect(simulateCsv({ n: 64, seed: 44 })).toBe(csv);
    const co = simulateCohort({ n: 64, seed: 44 });
    expect(co.truth.realised.treated).toBe(44);
  });

  it("writes the documented CSV columns with DD.MM.YYYY dates and empty missing values", () => {
    const lines = simulateCsv({ n: 64, seed: 44 }).trimEnd().split("\n");
    expect(lines[0]).toBe(LMS_CSV_COLUMNS.join(","));
    expect(lines).toHaveLength(65);
    for (const line of lines.slice(1)) {
      const f = line.split(",");
      expect(f).toHaveLength(14);
      for (const k of [2, 3, 8]) expect(f[k]).toMatch(/^\d{2}\.\d{2}\.(200\d|201\d|202[01]|19\d\d)$/);
      expect(["yes", "no"]).toContain(f[4]);
      expect(f[5] === "").toBe(f[4] === "no");
      expect(["synchronous", "metachronous"]).toContain(f[12]);
    }
    const missing = lines.slice(1).filter((l) => l.split(",")[10] === "" || l.split(",")[13] === "");
    expect(missing.length).toBeGreaterThan(0);
  });

  it("refuses invalid options with OPTION_INVALID", () => {
    expect(() => simulateCohort({ n: 0 })).toThrow(SurvinferError);
    expect(() => simulateCohort({ seed: -1 })).toThrow(/seed/);
    expect(() => simulateCohort({ trueHazardRatio: 0 })).toThrow(/hr/);
    expect(() => simulateCsv({ n: "abc" })).toThrow(/--n must be a number/);
    expect(() => simulateCsv({ preset: "breast" })).toThrow(/--preset/);
  });

  it("builds a Table with R's factor level order", () => {
    const t = cohortToTable(simulateCohort({ n: 10, seed: 1 }));
    expect(t.nRows).toBe(10);
    expect(t.columns.map((c) => c.name)).toEqual([...LMS_CSV_COLUMNS]);
    const op = t.columns.find((c) => c.name === "metastasectomy");
    expect(op).toMatchObject({ kind: "categorical", levels: ["no", "yes"] });
    expect(t.rowNumbers[0]).toBe(2);
  });
});

describe("simulateCohort: documented properties at large n", () => {
  const n = 200_000;
  const co = simulateCohort({ n, seed: 2024 });
  const c = co.columns;
  const treated = (i: number): boolean => c.metastasectomy[i] === 1;
  const untreated = (i: number): boolean => c.metastasectomy[i] === 0;

  it("operates about 69% of patients (selection model + deaths before surgery)", () => {
    expect(co.truth.realised.proportionTreated).toBeGreaterThan(0.68);
    expect(co.truth.realised.proportionTreated).toBeLessThan(0.705);
    expect(co.truth.realised.plannedNotOperated).toBeGreaterThan(0);
  });

  it("selects younger patients with smaller primaries and fewer, more often metachronous metastases", () => {
    expect(mean(c.agePrimary, treated)).toBeLessThan(mean(c.agePrimary, untreated) - 3);
    expect(mean(c.primarySizeMm, treated)).toBeLessThan(mean(c.primarySizeMm, untreated) - 5);
    expect(mean(c.nLungMets, treated)).toBeLessThan(mean(c.nLungMets, untreated) - 1);
    expect(mean(c.synchronous, treated)).toBeLessThan(mean(c.synchronous, untreated) - 0.15);
  });

  it("has overall 5-year survival (Kaplan–Meier from the lung metastasis) within 0.02 of 55%", () => {
    const { time, status } = osData(co);
    expect(Math.abs(kmAt(time, status, 60) - 0.55)).toBeLessThan(0.02);
  });

  it("has a cured fraction near its documented value (~48%) and the KM curve plateaus at it", () => {
    const r = co.truth.realised;
    expect(Math.abs(r.curedFraction - r.expectedCureFraction)).toBeLessThan(0.005);
    expect(Math.abs(r.curedFraction - 0.48)).toBeLessThan(0.02);
    const { time, status } = osData(co);
    expect(Math.abs(kmAt(time, status, 180) - r.curedFraction)).toBeLessThan(0.03);
  });

  it("draws death times from the stated cumulative hazard: P(T <= 60 months) = mean of 1 - exp(-H_i(60))", () => {
    for (const hr of [0.7, 0.4]) {
      const s = simulateCohort({ n: 60_000, seed: 5, trueHazardRatio: hr });
      const p = { ...LMS_DEFAULTS, trueHazardRatio: hr };
      const t = 60 * DAYS_PER_MONTH;
      let observed = 0, expected = 0;
      for (let i = 0; i < s.n; i++) {
        const w = s.latent.planned[i] ? s.latent.waitDays[i] : Infinity;
        expected += 1 - Math.exp(-cumulativeHazard(s.latent.theta[i], t, w, p));
        if (s.latent.deathDays[i] <= t) observed++;
      }
      // binomial SD of the observed fraction is about 0.002
      expect(Math.abs(observed / s.n - expected / s.n)).toBeLessThan(0.008);
    }
  });

  it("flatters surgery in the naive comparison (treated survive longer than the true effect alone explains)", () => {
    const { time, status } = osData(co);
    const rows = (f: (i: number) => boolean): Int32Array => Int32Array.from({ length: n }, (_, i) => i).filter(f);
    const naive = kmAt(time, status, 60, rows(treated)) - kmAt(time, status, 60, rows(untreated));
    expect(naive).toBeGreaterThan(2 * co.truth.counterfactual.att.difference[2]);
  });

  it("has a few missing values (about 5%) in primary size and grade", () => {
    expect(co.truth.realised.missingSize / n).toBeCloseTo(0.05, 2);
    expect(co.truth.realised.missingGrade / n).toBeCloseTo(0.05, 2);
  });

  it("keeps dates consistent: primary <= lung met < surgery < death, follow-up ends by the cut-off", () => {
    const cutoff = daysFromCivil(2021, 6, 30);
    const accrualStart = daysFromCivil(2004, 1, 1);
    const accrualEnd = daysFromCivil(2020, 12, 31);
    let bad = 0;
    for (let i = 0; i < n; i++) {
      const lm = c.dateLungMet[i], pm = c.datePm[i], death = c.dateDeath[i], lfu = c.dateLastFollowup[i], prog = c.dateProgression[i];
      const ok =
        c.datePrimary[i] <= lm && lm >= accrualStart && lm <= accrualEnd &&
        lfu > lm && lfu <= cutoff &&
        (Number.isNaN(death) || death === lfu) &&
        (Number.isNaN(pm) ? c.metastasectomy[i] === 0 : c.metastasectomy[i] === 1 && pm > lm && pm <= lfu && (Number.isNaN(death) || death > pm)) &&
        (Number.isNaN(prog) || (prog > lm && prog <= lfu && (Number.isNaN(death) || prog < death) && (Number.isNaN(pm) || prog > pm)));
      if (!ok) bad++;
    }
    expect(bad).toBe(0);
  });
});
