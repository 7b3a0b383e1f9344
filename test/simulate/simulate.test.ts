import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DAYS_PER_MONTH, LMS_CSV_COLUMNS, LMS_DEFAULTS, cohortToTable, simulateCohort, type SimulatedCohort } from "../../src/simulate/index.js";
import { readTable } from "../../src/data/read.js";
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

const expectCloseRel = (a: number, b: number, rel: number): void => {
  expect(Math.abs(a - b)).toBeLessThanOrEqual(rel * Math.abs(b));
};

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
    expect(lines[0]).toBe(
      "patient_id,sex,date_primary,date_lung_met,metastasectomy,date_pm,date_progression,date_death,date_last_followup," +
        "age_primary,primary_size_mm,n_lung_mets,timing,grade,cause_of_death,date_pm2,date_pm3",
    );
    expect(lines[0]).toBe(LMS_CSV_COLUMNS.join(","));
    expect(lines).toHaveLength(65);
    const date = /^\d{2}\.\d{2}\.(200\d|201\d|202[01]|19\d\d)$/;
    for (const line of lines.slice(1)) {
      const f = line.split(",");
      expect(f).toHaveLength(17);
      for (const k of [2, 3, 8]) expect(f[k]).toMatch(date);
      expect(["yes", "no"]).toContain(f[4]);
      expect(f[5] === "").toBe(f[4] === "no");
      expect(["synchronous", "metachronous"]).toContain(f[12]);
      // cause of death present exactly when there is a death date
      expect(f[14] === "").toBe(f[7] === "");
      if (f[14] !== "") expect(["sarcoma", "other"]).toContain(f[14]);
      // repeat metastasectomies only after a first one, the 3rd only after the 2nd
      if (f[15] !== "") {
        expect(f[4]).toBe("yes");
        expect(f[15]).toMatch(date);
      }
      if (f[16] !== "") {
        expect(f[15]).not.toBe("");
        expect(f[16]).toMatch(date);
      }
    }
    const missing = lines.slice(1).filter((l) => l.split(",")[10] === "" || l.split(",")[13] === "");
    expect(missing.length).toBeGreaterThan(0);
    // the example shows every kind of value of the new columns
    const col = (k: number): string[] => lines.slice(1).map((l) => l.split(",")[k]);
    expect(new Set(col(14))).toEqual(new Set(["", "sarcoma", "other"]));
    expect(col(16).some((v) => v !== "")).toBe(true);
  });

  it("keeps the first 14 columns of every earlier version (cause of death and repeats come from a fifth stream)", () => {
    const first14 = (csv: string): string => csv.split("\n").map((l) => l.split(",").slice(0, 14).join(",")).join("\n");
    // sha-256 of `survinfer simulate --n 2000 --seed 3` written before date_pm2, date_pm3 and cause_of_death existed
    const sha = createHash("sha256").update(first14(simulateCsv({ n: 2000, seed: 3 }))).digest("hex");
    expect(sha).toBe("ce5e3c4c8292df8d656727315b52061c95ad15af0f524ef8b5f23bdc6f0de86e");
    // and they do not move when the new parameters change
    const other = simulateCohort({ n: 3000, seed: 8, parameters: { probSarcomaDeath: 0.2, repeatRatePerYear: { cured: 1, uncured: 2 }, repeatMinGapDays: 0 } });
    const base = simulateCohort({ n: 3000, seed: 8 });
    expect(first14(cohortCsv(other))).toBe(first14(cohortCsv(base)));
    expect(cohortCsv(other)).not.toBe(cohortCsv(base));
  });

  it("refuses invalid options with OPTION_INVALID", () => {
    expect(() => simulateCohort({ n: 0 })).toThrow(SurvinferError);
    expect(() => simulateCohort({ seed: -1 })).toThrow(/seed/);
    expect(() => simulateCohort({ trueHazardRatio: 0 })).toThrow(/hr/);
    expect(() => simulateCsv({ n: "abc" })).toThrow(/--n must be a whole number/);
    expect(() => simulateCsv({ preset: "breast" })).toThrow(/--preset/);
    expect(() => simulateCohort({ parameters: { probSarcomaDeath: 1.5 } })).toThrow(/probSarcomaDeath/);
    expect(() => simulateCohort({ parameters: { repeatRatePerYear: { cured: -1, uncured: 0.3 } } })).toThrow(/repeatRatePerYear\.cured/);
    expect(() => simulateCohort({ parameters: { repeatMinGapDays: 1.5 } })).toThrow(/repeatMinGapDays/);
  });

  it("builds a Table with R's factor level order", () => {
    const t = cohortToTable(simulateCohort({ n: 10, seed: 1 }));
    expect(t.nRows).toBe(10);
    expect(t.columns.map((c) => c.name)).toEqual([...LMS_CSV_COLUMNS]);
    const op = t.columns.find((c) => c.name === "metastasectomy");
    expect(op).toMatchObject({ kind: "categorical", levels: ["no", "yes"] });
    expect(t.rowNumbers[0]).toBe(2);
  });

  it("builds the same Table as reading its CSV, new columns included", () => {
    const co = simulateCohort({ n: 400, seed: 12 });
    const built = cohortToTable(co, "sim.csv");
    const read = readTable(new TextEncoder().encode(cohortCsv(co)), { fileName: "sim.csv", dateFormat: "DD.MM.YYYY" }).table;
    for (const name of ["cause_of_death", "date_pm2", "date_pm3", "date_pm", "date_death"]) {
      const a = built.columns.find((c) => c.name === name);
      const b = read.columns.find((c) => c.name === name);
      expect(b, name).toEqual(a);
    }
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
    // tolerance: 0.005, a realised share of missing values in a seeded cohort is near, not equal to, the 5% asked
    expect(co.truth.realised.missingSize / n).toBeCloseTo(0.05, 2);
    // tolerance: 0.005, as the line above
    expect(co.truth.realised.missingGrade / n).toBeCloseTo(0.05, 2);
  });

  it("gives every death a cause, sarcoma for 90% of the (all uncured) deaths, and no cause without a death", () => {
    let bad = 0, sarcoma = 0, deaths = 0;
    for (let i = 0; i < n; i++) {
      const dead = !Number.isNaN(c.dateDeath[i]);
      const cause = c.causeOfDeath[i];
      if (dead !== (cause !== 0)) bad++;
      if (dead && co.latent.cured[i] === 1 && cause !== 2) bad++;
      if (dead) {
        deaths++;
        if (cause === 1) sarcoma++;
      }
    }
    expect(bad).toBe(0);
    expect(co.truth.realised.deathsSarcoma + co.truth.realised.deathsOther).toBe(deaths);
    expect(co.truth.causeOfDeath.probSarcoma).toBe(0.9);
    // ~87,000 deaths: binomial SD of the fraction about 0.001
    expect(Math.abs(sarcoma / deaths - 0.9)).toBeLessThan(0.005);
  });

  it("has repeat metastasectomies only after a first one, at least 90 days apart, strictly before death or last follow-up", () => {
    let bad = 0, repeats = 0, withTwo = 0;
    for (let i = 0; i < n; i++) {
      const pm = c.datePm[i], pm2 = c.datePm2[i], pm3 = c.datePm3[i], lfu = c.dateLastFollowup[i];
      if (Number.isNaN(pm2)) {
        if (!Number.isNaN(pm3)) bad++;
        continue;
      }
      repeats++;
      const ok = c.metastasectomy[i] === 1 && pm2 - pm > 90 && pm2 < lfu && (Number.isNaN(pm3) || (pm3 - pm2 > 90 && pm3 < lfu));
      if (!ok) bad++;
      if (!Number.isNaN(pm3)) withTwo++;
    }
    expect(bad).toBe(0);
    expect(repeats).toBe(co.truth.realised.patientsWithRepeat);
    expect(withTwo).toBe(co.truth.realised.patientsWithTwoRepeats);
    expect(co.truth.realised.repeatSurgeries).toBe(repeats + withTwo);
    // about 28% of the operated have at least one repeat, about 8% two
    expect(repeats / co.truth.realised.treated).toBeGreaterThan(0.26);
    expect(repeats / co.truth.realised.treated).toBeLessThan(0.3);
    expect(withTwo / co.truth.realised.treated).toBeGreaterThan(0.065);
    expect(withTwo / co.truth.realised.treated).toBeLessThan(0.09);
  });

  it("has repeat rates per year at risk equal to the documented rates (0.3 uncured, 0.03 cured)", () => {
    // at risk: from 90 days after each lung operation to the next, or to the last day while < 2 repeats
    const events = [0, 0], days = [0, 0];
    for (let i = 0; i < n; i++) {
      if (c.metastasectomy[i] !== 1) continue;
      const k = co.latent.cured[i] === 1 ? 0 : 1;
      let previous = c.datePm[i];
      for (const next of [c.datePm2[i], c.datePm3[i]]) {
        const end = Number.isNaN(next) ? c.dateLastFollowup[i] : next;
        days[k] += Math.max(0, end - previous - 90);
        if (Number.isNaN(next)) break;
        events[k]++;
        previous = next;
      }
    }
    const rate = (k: number): number => events[k] / (days[k] / 365.25);
    const truth = co.truth.repeatSurgery;
    expect(truth.ratePerYear).toEqual({ cured: 0.03, uncured: 0.3 });
    expectCloseRel(rate(0), co.truth.repeatSurgery.realisedRatePerYear.cured, 1e-12);
    expectCloseRel(rate(1), co.truth.repeatSurgery.realisedRatePerYear.uncured, 1e-12);
    // ~18,000 and ~32,000 events: Poisson relative SE under 1%; the whole-day rounding biases by < 0.1%
    expect(Math.abs(rate(0) / 0.03 - 1)).toBeLessThan(0.04);
    expect(Math.abs(rate(1) / 0.3 - 1)).toBeLessThan(0.03);
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
