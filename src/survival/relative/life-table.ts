/**
 * Population life tables and the expected (background) survival of each patient, as R's survival::survexp
 * computes it from a `ratetable` (and relsurv uses it): the patient's expected hazard is integrated over age
 * and calendar time together, both advancing with follow-up time (Ederer II-style per-patient expected
 * hazard). Pure: no I/O (src/study/relative-step.ts reads the file).
 *
 * Units: the table's ages are whole years and its years calendar years; internally everything is in days,
 * as survival's rate tables are: an age a starts at a·daysPerYear days (survexp.us: 365.25; relsurv's
 * slopop: 365.241), a year Y at 1 January of Y (days since 1970-01-01, UTC), and a rate of r deaths per
 * person-year is r / daysPerYear per day.
 * Written by hand: no JS library implements survexp's cell walk; it is short (survival's pyears3b.c/pystep.c).
 */
import { SurvinferError } from "../../errors.js";

/** When the year index changes: on 1 January (survival's type 3 "date" tables, relsurv's tables) or, as in survexp.us (type 4 "US-style"), on the birthday. */
export type YearChange = "calendar" | "birthday";

export interface LifeTable {
  /** Whole years of age, ascending (each the start of an age band; the last band extends to any age). */
  readonly ages: readonly number[];
  /** Calendar years, ascending (each the start of a period; the last extends to any later date, the first to any earlier one). */
  readonly years: readonly number[];
  readonly sexLevels: readonly string[];
  /** Start of each age band in days. */
  readonly ageCuts: Float64Array;
  /** Start of each period: 1 January of the year, days since 1970-01-01. */
  readonly yearCuts: Float64Array;
  /** Hazard per day, rate[a + nAge·(y + nYear·s)]. */
  readonly ratePerDay: Float64Array;
  readonly daysPerYear: number;
  readonly yearChange: YearChange;
}

/** One line of a life table file (row = the file's row number, for errors). */
export interface LifeTableRecord {
  readonly age: number;
  readonly sex: string;
  readonly year: number;
  /** Deaths per person-year (the hazard); see `q` in buildLifeTable's options to give probabilities instead. */
  readonly rate: number;
  readonly row: number;
}

export interface LifeTableOptions {
  /** Days in a year of age and of rate; default 365.25 (survexp.us; relsurv's tables use 365.241). */
  readonly daysPerYear?: number;
  readonly yearChange?: YearChange;
  /** The file name, for errors. */
  readonly file?: string;
  /** The rates are annual probabilities of death q (converted to hazards −log(1 − q), as relsurv::transrate). */
  readonly probabilities?: boolean;
}

/** Days from 1970-01-01 to 1 January of `year` (proleptic Gregorian, UTC). */
export function januaryFirst(year: number): number {
  return Date.UTC(year, 0, 1) / 86_400_000;
}

/**
 * Builds a life table from its records: every combination of age, sex and year must appear exactly once
 * with a finite non-negative rate (errors name the file row and what to do).
 */
export function buildLifeTable(records: readonly LifeTableRecord[], options: LifeTableOptions = {}): LifeTable {
  const daysPerYear = options.daysPerYear ?? 365.25;
  const file = options.file;
  if (!(daysPerYear > 300 && daysPerYear < 400)) throw new SurvinferError({ code: "OPTION_INVALID", message: `daysPerYear must be the length of a year in days (e.g. 365.25); got ${daysPerYear}` });
  if (records.length === 0) throw new SurvinferError({ code: "DATA_LIFE_TABLE_INCOMPLETE", file, message: "the life table has no rows", hint: "give one row per age, sex and year with columns age, sex, year, rate" });
  for (const r of records) {
    if (!Number.isInteger(r.age) || r.age < 0) throw new SurvinferError({ code: "DATA_LIFE_TABLE_VALUE", file, row: r.row, column: "age", value: String(r.age), message: "an age in the life table must be a whole number of years ≥ 0" });
    if (!Number.isInteger(r.year) || r.year < 1800 || r.year > 2300) throw new SurvinferError({ code: "DATA_LIFE_TABLE_VALUE", file, row: r.row, column: "year", value: String(r.year), message: "a year in the life table must be a calendar year (e.g. 2010)" });
    const bad = options.probabilities ? !(r.rate >= 0 && r.rate < 1) : !(r.rate >= 0 && Number.isFinite(r.rate));
    if (bad) throw new SurvinferError({ code: "DATA_LIFE_TABLE_VALUE", file, row: r.row, column: options.probabilities ? "q" : "rate", value: String(r.rate), message: options.probabilities ? "a probability of death must be in [0, 1)" : "a death rate must be a finite number ≥ 0 (deaths per person-year)" });
  }
  const ages = [...new Set(records.map((r) => r.age))].sort((a, b) => a - b);
  const years = [...new Set(records.map((r) => r.year))].sort((a, b) => a - b);
  const sexLevels = [...new Set(records.map((r) => r.sex))].sort();
  const nA = ages.length;
  const nY = years.length;
  const ratePerDay = new Float64Array(nA * nY * sexLevels.length).fill(Number.NaN);
  const ai = new Map(ages.map((a, k) => [a, k]));
  const yi = new Map(years.map((y, k) => [y, k]));
  const si = new Map(sexLevels.map((s, k) => [s, k]));
  for (const r of records) {
    const k = ai.get(r.age)! + nA * (yi.get(r.year)! + nY * si.get(r.sex)!);
    if (!Number.isNaN(ratePerDay[k])) throw new SurvinferError({ code: "DATA_LIFE_TABLE_DUPLICATE", file, row: r.row, message: `age ${r.age}, sex ${JSON.stringify(r.sex)}, year ${r.year} appears twice in the life table`, hint: "keep one row per age, sex and year" });
    const hazard = options.probabilities ? -Math.log1p(-r.rate) : r.rate;
    ratePerDay[k] = hazard / daysPerYear;
  }
  const missing = ratePerDay.findIndex((v) => Number.isNaN(v));
  if (missing >= 0) {
    const a = missing % nA;
    const y = Math.floor(missing / nA) % nY;
    const s = Math.floor(missing / (nA * nY));
    throw new SurvinferError({ code: "DATA_LIFE_TABLE_INCOMPLETE", file, message: `the life table has no rate for age ${ages[a]}, sex ${JSON.stringify(sexLevels[s])}, year ${years[y]}`, hint: "give a rate for every combination of the table's ages, sexes and years" });
  }
  return {
    ages,
    years,
    sexLevels,
    ageCuts: Float64Array.from(ages, (a) => a * daysPerYear),
    yearCuts: Float64Array.from(years, januaryFirst),
    ratePerDay,
    daysPerYear,
    yearChange: options.yearChange ?? "calendar",
  };
}

/** Index of the band holding x (the last cut ≤ x; the first band below the first cut) and the time to the next cut (Infinity past the last). */
function band(cuts: Float64Array, x: number): { index: number; toNext: number } {
  let lo = 0;
  let hi = cuts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cuts[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  // lo = number of cuts ≤ x (pystep's j)
  if (lo === 0) return { index: 0, toNext: cuts[0] - x };
  if (lo === cuts.length) return { index: lo - 1, toNext: Infinity };
  return { index: lo - 1, toNext: cuts[lo] - x };
}

/**
 * The calendar coordinate of a patient at the origin. "birthday" (survexp.fit's US-style tables): moved back
 * by the time from 1 January of the birth year to the birth date (birth = date − age), so that the year index
 * changes together with the age.
 */
function yearCoordinate(table: LifeTable, ageDays: number, dateDays: number): number {
  if (table.yearChange === "calendar") return dateDays;
  const birth = dateDays - ageDays;
  const birthYear = new Date(Math.floor(birth) * 86_400_000).getUTCFullYear();
  return dateDays - (birth - januaryFirst(birthYear));
}

/** A patient's position in the table at the origin: sex index, age in days, date in days since 1970-01-01. */
export interface LifeTablePatient {
  readonly sex: number;
  readonly ageDays: number;
  readonly dateDays: number;
}

/**
 * Expected cumulative hazard Λ*(t) = ∫₀ᵗ h*(age + u, date + u) du over t days of follow-up, walking the table's
 * cells (survival's pyears3b with pystep, edge = 1: the table extends at its edges). S*(t) = exp(−Λ*(t)).
 * R: `-log(survexp(t ~ 1, ratetable = rt, rmap = list(age = age, sex = sex, year = date), method = "individual.s"))`.
 */
export function expectedCumHazard(table: LifeTable, patient: LifeTablePatient, tDays: number): number {
  const nA = table.ages.length;
  const nY = table.years.length;
  let age = patient.ageDays;
  let year = yearCoordinate(table, patient.ageDays, patient.dateDays);
  let left = tDays;
  let h = 0;
  const base = nA * nY * patient.sex;
  while (left > 0) {
    const a = band(table.ageCuts, age);
    const y = band(table.yearCuts, year);
    const step = Math.min(left, a.toNext, y.toNext);
    h += step * table.ratePerDay[base + a.index + nA * y.index];
    age += step;
    year += step;
    left -= step;
  }
  return h;
}

/** Expected hazard per day at t days after the origin: the rate of the cell holding (age + t, date + t), a cell starting at its cut-point. */
export function expectedHazard(table: LifeTable, patient: LifeTablePatient, tDays: number): number {
  const nA = table.ages.length;
  const nY = table.years.length;
  const a = band(table.ageCuts, patient.ageDays + tDays);
  const y = band(table.yearCuts, yearCoordinate(table, patient.ageDays, patient.dateDays) + tDays);
  return table.ratePerDay[nA * nY * patient.sex + a.index + nA * y.index];
}

/** Index of a sex in the table, matched case-insensitively after trimming; -1 when absent. */
export function sexIndex(table: LifeTable, value: string): number {
  const v = value.trim().toLowerCase();
  return table.sexLevels.findIndex((s) => s.trim().toLowerCase() === v);
}
