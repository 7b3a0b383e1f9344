/**
 * The study's relative-survival inputs (analyses.cure.relative): the life table read by the caller (CLI or app)
 * as a Table, turned into a LifeTable, and each patient's position in it at the endpoint's origin (age, sex,
 * calendar date), from which the cure model takes the expected hazard at the patient's follow-up time and the
 * report the expected survival. Pure: no I/O.
 */
import { SurvinferError } from "../errors.js";
import { findColumn, type Column, type Table } from "../data/table.js";
import { cellLabel } from "../data/validate.js";
import { DAYS_PER_UNIT } from "../data/endpoints.js";
import { buildLifeTable, expectedCumHazard, expectedHazard, januaryFirst, sexIndex, type LifeTable, type LifeTablePatient, type LifeTableRecord } from "../survival/relative/life-table.js";
import type { RelativeSurvivalSpec, StudySpec } from "./schema.js";

const PATH = "analyses.cure.relative";

/** Reads the life table's columns age, sex, year and rate (or q) into a LifeTable (errors name the file, row and column). */
export function lifeTableFromTable(table: Table, spec: RelativeSurvivalSpec): LifeTable {
  const file = table.source.file;
  const col = (name: string): Column | undefined => table.columns.find((c) => c.name.trim().toLowerCase() === name);
  const age = col("age");
  const sex = col("sex");
  const year = col("year");
  const rate = col("rate");
  const q = col("q");
  const missing = [["age", age], ["sex", sex], ["year", year]].filter(([, c]) => c === undefined).map(([n]) => n as string);
  if (rate === undefined && q === undefined) missing.push("rate (or q)");
  if (missing.length > 0 || (rate !== undefined && q !== undefined)) {
    throw new SurvinferError({
      code: "DATA_LIFE_TABLE_COLUMNS",
      file,
      message: missing.length > 0 ? `the life table has no column ${missing.join(", ")}` : "the life table has both a rate and a q column",
      hint: "give columns age, sex, year and either rate (deaths per person-year) or q (probability of dying within the year); see docs/data.md, \"Life tables\"",
    });
  }
  const numeric = (c: Column, i: number, name: string): number => {
    const v = c.kind === "categorical" ? Number(c.levels[c.codes[i]]) : c.values[i];
    if (!Number.isFinite(v)) throw new SurvinferError({ code: "DATA_LIFE_TABLE_VALUE", file, row: table.rowNumbers[i], column: name, value: cellLabel(c, i), message: `the life table's ${name} must be a number` });
    return v;
  };
  const value = (rate ?? q)!;
  const records: LifeTableRecord[] = [];
  for (let i = 0; i < table.nRows; i++) {
    const s = cellLabel(sex!, i);
    if (s === "") throw new SurvinferError({ code: "DATA_LIFE_TABLE_VALUE", file, row: table.rowNumbers[i], column: sex!.name, value: s, message: "the life table's sex is missing" });
    records.push({ age: numeric(age!, i, "age"), sex: s, year: numeric(year!, i, "year"), rate: numeric(value, i, value.name), row: table.rowNumbers[i] });
  }
  return buildLifeTable(records, { daysPerYear: spec.daysPerYear, yearChange: spec.yearChange, file, probabilities: q !== undefined });
}

export interface RelativeSurvivalInputs {
  readonly lifeTable: LifeTable;
  /** Per model row (set by the cure step once its rows are final): the patient's position in the table at the origin. */
  readonly patients: readonly LifeTablePatient[];
  /** Position per row of the analysis table (the candidates with an age, sex and date). */
  readonly positions: ReadonlyMap<number, LifeTablePatient>;
  /** Days per unit of the endpoint's time. */
  readonly unitDays: number;
  /** Rows (indices into the analysis table) left out for a missing age, sex or date. */
  readonly missingRows: readonly number[];
  readonly warnings: readonly string[];
  /** In words, for the report and methods: the life table, its range and how patients were placed in it. */
  readonly description: string;
}

function columnOf(table: Table, name: string, key: string): Column {
  const c = findColumn(table, name);
  if (c === undefined) throw new SurvinferError({ code: "SPEC_UNKNOWN_COLUMN", path: `${PATH}.${key}`, value: name, message: `the data file ${table.source.file} has no column ${JSON.stringify(name)}` });
  return c;
}

/**
 * Places each patient of the analysis table `full` (rows `candidates`) in the life table at the origin of the
 * endpoint: age in days (age + (origin − ageAt) when ageAt), sex index, date in days since 1970-01-01; with
 * `originShiftDays` (per row of `full`), at the origin moved on by that many days (e.g. the date of treatment).
 * Rows with a missing age, sex or date are listed in `missingRows`; a sex absent from the table is an error
 * naming the row.
 */
export function relativeSurvivalInputs(
  full: Table,
  candidates: readonly number[],
  lifeTable: LifeTable,
  spec: StudySpec,
  endpoint: string,
  unit: keyof typeof DAYS_PER_UNIT,
  originShiftDays?: Float64Array,
): RelativeSurvivalInputs {
  const rs = spec.analyses.cure!.relative!;
  const epSpec = spec.endpoints[endpoint];
  const originName = epSpec !== undefined && "origin" in epSpec ? epSpec.origin : undefined;
  const yearName = rs.year ?? originName;
  if (yearName === undefined) {
    throw new SurvinferError({ code: "SPEC_INVALID", path: `${PATH}.year`, message: `endpoint ${endpoint} has no origin date, so the calendar year at the origin must be named`, hint: "add year: <date column of the origin, or a calendar year column>" });
  }
  const age = columnOf(full, rs.age, "age");
  const sex = columnOf(full, rs.sex, "sex");
  const year = columnOf(full, yearName, rs.year === undefined ? "year (the endpoint's origin)" : "year");
  const ageAt = rs.ageAt === undefined ? undefined : columnOf(full, rs.ageAt, "ageAt");
  const origin = originName === undefined ? undefined : findColumn(full, originName);
  if (age.kind !== "numeric") throw new SurvinferError({ code: "SPEC_INVALID", path: `${PATH}.age`, value: rs.age, message: `column ${JSON.stringify(rs.age)} must hold ages in years (numbers); it is ${age.kind}` });
  if (year.kind === "categorical") throw new SurvinferError({ code: "SPEC_INVALID", path: `${PATH}.year`, value: yearName, message: `column ${JSON.stringify(yearName)} must hold dates or calendar years; it is categorical` });
  if (ageAt !== undefined && (ageAt.kind !== "date" || origin?.kind !== "date")) {
    throw new SurvinferError({ code: "SPEC_INVALID", path: `${PATH}.ageAt`, value: rs.ageAt, message: "ageAt needs a date column and an endpoint with an origin date", hint: "name the date at which the age was recorded, or give the age at the origin and drop ageAt" });
  }
  const originDates = origin?.kind === "date" ? origin.values : undefined;
  const ageAtDates = ageAt?.kind === "date" ? ageAt.values : undefined;
  const warnings: string[] = [];
  const positions = new Map<number, LifeTablePatient>();
  const missingRows: number[] = [];
  const file = full.source.file;
  const dpy = rs.daysPerYear;
  for (const r of candidates) {
    const a = age.values[r];
    const s = cellLabel(sex, r);
    // age recorded at another date: add the time from that date to the origin
    // a later origin (the cure model's population "treated": the date of treatment) moves age and date on alike
    const moved = originShiftDays?.[r] ?? 0;
    const shift = (ageAtDates === undefined || originDates === undefined ? 0 : originDates[r] - ageAtDates[r]) + moved;
    const when = (year.kind === "date" ? year.values[r] : Date.UTC(year.values[r], 6, 1) / 86_400_000) + moved;
    if (Number.isNaN(a) || s === "" || Number.isNaN(when) || Number.isNaN(shift) || (year.kind === "numeric" && !Number.isInteger(year.values[r]))) {
      if (year.kind === "numeric" && Number.isFinite(year.values[r]) && !Number.isInteger(year.values[r])) {
        throw new SurvinferError({ code: "DATA_INVALID_NUMBER", file, row: full.rowNumbers[r], column: yearName, value: String(year.values[r]), message: "a calendar year must be a whole number", hint: "give the year (e.g. 2010) or a date column" });
      }
      missingRows.push(r);
      continue;
    }
    const ageDays = a * dpy + shift;
    if (!(ageDays >= 0 && ageDays <= 130 * dpy)) {
      throw new SurvinferError({ code: "DATA_AGE_OUT_OF_RANGE", file, row: full.rowNumbers[r], column: rs.age, value: String(a), message: `the age at the origin, ${(ageDays / dpy).toFixed(1)} years, is not between 0 and 130`, hint: "check the age column (years) and ageAt" });
    }
    const k = sexIndex(lifeTable, s);
    if (k < 0) {
      throw new SurvinferError({ code: "DATA_LIFE_TABLE_SEX", file, row: full.rowNumbers[r], column: rs.sex, value: s, message: `sex ${JSON.stringify(s)} is not in the life table`, hint: `the life table's sexes are ${lifeTable.sexLevels.map((v) => JSON.stringify(v)).join(", ")}: recode the column or the table` });
    }
    positions.set(r, { sex: k, ageDays, dateDays: when });
  }
  if (missingRows.length > 0) warnings.push(`${missingRows.length} patient(s) with a missing age, sex or calendar date left out of the relative-survival cure model`);
  const patients = [...positions.values()];
  const first = januaryFirst(lifeTable.years[0]);
  const last = januaryFirst(lifeTable.years[lifeTable.years.length - 1] + 1);
  const before = patients.filter((p) => p.dateDays < first).length;
  if (before > 0) warnings.push(`${before} patient(s) start follow-up before the life table's first year (${lifeTable.years[0]}): the rates of ${lifeTable.years[0]} are used for them`);
  const lastYear = lifeTable.years[lifeTable.years.length - 1];
  const unitDays = DAYS_PER_UNIT[unit];
  const oldest = patients.reduce((m, p) => Math.max(m, p.ageDays), 0) / dpy;
  if (oldest > lifeTable.ages[lifeTable.ages.length - 1]) warnings.push(`some patients are older than the life table's last age (${lifeTable.ages[lifeTable.ages.length - 1]}): its rates are used for any higher age`);
  const afterEnd = patients.length > 0 && patients.some((p) => p.dateDays >= last);
  if (afterEnd) warnings.push(`some patients start follow-up after the life table's last year (${lastYear}): the rates of ${lastYear} are used for every later year`);
  const description =
    `background mortality from the life table (ages ${lifeTable.ages[0]}–${lifeTable.ages[lifeTable.ages.length - 1]}, years ${lifeTable.years[0]}–${lastYear}, sexes ${lifeTable.sexLevels.join(", ")}; ` +
    `rates of the last year used for later years and of the last age for higher ages), matched on age, sex and calendar date at the origin${originShiftDays?.some((d) => d > 0) === true ? " (for the treated patients, at the date of treatment)" : ""}` +
    (year.kind === "numeric" ? " (calendar year taken as 1 July)" : "") +
    `; the year index changes ${lifeTable.yearChange === "calendar" ? "on 1 January" : "on the birthday (US-style table)"}`;
  if (year.kind === "numeric") warnings.push(`column ${yearName} holds calendar years, not dates: each patient's origin is taken as 1 July of that year for the life table`);
  return { lifeTable, patients, positions, unitDays, missingRows, warnings, description };
}

/** Expected hazard h*ᵢ(tᵢ) per unit of the endpoint's time, for the cure likelihood. */
export function expectedHazardAtTimes(inputs: RelativeSurvivalInputs, time: Float64Array): Float64Array {
  return Float64Array.from(inputs.patients, (p, i) => inputs.unitDays * expectedHazard(inputs.lifeTable, p, time[i] * inputs.unitDays));
}

/** Expected survival S*ᵢ(t) = exp(−Λ*ᵢ(t)) of model row i at t (endpoint's unit). */
export function expectedSurvival(inputs: RelativeSurvivalInputs, i: number, t: number): number {
  return Math.exp(-expectedCumHazard(inputs.lifeTable, inputs.patients[i], t * inputs.unitDays));
}
