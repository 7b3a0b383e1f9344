/**
 * The immortal-time cohort: per patient of the endpoint, follow-up time, status, whether treated and the
 * time of treatment from the origin (∞ when never). Same-day events follow R's survival::heart convention
 * (tmerge vignette): a follow-up ending on the day of the origin (time 0) lasts half a day, and a
 * treatment on the day follow-up ends is moved half a day earlier, so no interval is empty; each moved
 * patient is named (id and data row).
 */
import { findColumn } from "../../data/table.js";
import { endpointOrigin, type StudySpec } from "../schema.js";
import type { PreparedEndpoint, PreparedStudy } from "../prepare.js";

export interface ImmortalCohort {
  readonly ep: PreparedEndpoint;
  /** Table rows of the endpoint's patients (ep.derived.included). */
  readonly rows: Int32Array;
  readonly n: number;
  /** Follow-up from the origin, same-day ends moved to half a day. */
  readonly time: Float64Array;
  readonly status: Int32Array | Uint8Array;
  /** 1 = treated (at any time), 0 = never. */
  readonly treated: Int32Array;
  /** Time of treatment from the origin (0 when before the origin or without a date), ∞ when never treated. */
  readonly tTreat: Float64Array;
  /** Origin-to-treatment times of the treated with a date. */
  readonly waits: readonly number[];
  readonly originName: string;
  readonly treatmentLevels: readonly string[];
  /** The treatment's name inside a sentence (its label lower-cased, "treatment" without one), for group names. */
  readonly treatmentName: string;
  /** "patient <id> (row <n>)" of cohort position k. */
  who(k: number): string;
  readonly warnings: readonly string[];
}

export function median(v: readonly number[]): number | null {
  if (v.length === 0) return null;
  const s = [...v].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 === 1 ? s[h] : (s[h - 1] + s[h]) / 2;
}

const listed = (xs: string[]): string => (xs.length <= 10 ? xs.join(", ") : `${xs.slice(0, 10).join(", ")} and ${xs.length - 10} more`);

/** The cohort, or undefined when the study has no treatment date or no date origin for the endpoint. */
export function immortalCohort(study: PreparedStudy, spec: StudySpec, endpointName: string): ImmortalCohort | undefined {
  const t = study.treatment;
  const ep = study.endpoints.get(endpointName)!;
  const originName = endpointOrigin(spec.endpoints[endpointName]);
  if (t === undefined || spec.treatment?.date === undefined || originName === undefined) return undefined;
  const origin = findColumn(study.table, originName);
  const treatDate = findColumn(study.table, spec.treatment.date);
  if (origin?.kind !== "date" || treatDate?.kind !== "date") return undefined;
  const perUnit = ep.derived.options.daysPerUnit;
  const warnings: string[] = [];
  const rows = ep.derived.included;
  const n = rows.length;
  const treated = new Int32Array(n);
  const tTreat = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  const waits: number[] = [];
  let missingDate = 0;
  let afterEnd = 0;
  let beforeOrigin = 0;
  for (let k = 0; k < n; k++) {
    const i = rows[k];
    if (t.codes[i] !== 1) continue;
    treated[k] = 1;
    const d = (treatDate.values[i] - origin.values[i]) / perUnit;
    if (Number.isNaN(d)) {
      missingDate++;
      tTreat[k] = 0;
      continue;
    }
    if (d < 0) beforeOrigin++;
    tTreat[k] = Math.max(d, 0);
    waits.push(Math.max(d, 0));
    if (d > ep.derived.time[k]) afterEnd++;
  }
  // survival::heart: futime = pmax(.5, futime); txtime − .5 when treatment and end of follow-up share a day
  const half = 0.5 / perUnit;
  const time = Float64Array.from(ep.derived.time);
  const who = (k: number): string => `patient ${study.ids[rows[k]]} (row ${study.table.rowNumbers[rows[k]]})`;
  const movedZero: string[] = [];
  const movedTreat: string[] = [];
  for (let k = 0; k < n; k++) {
    const sameDay = treated[k] === 1 && !Number.isNaN(treatDate.values[rows[k]]) && tTreat[k] === time[k];
    if (time[k] === 0) {
      time[k] = half;
      movedZero.push(who(k));
    }
    if (sameDay) {
      tTreat[k] = Math.max(time[k] - half, 0);
      movedTreat.push(who(k));
    }
  }
  if (movedZero.length > 0) {
    warnings.push(`${movedZero.length} patient(s) ended follow-up on the day of ${originName} (time 0): counted as half a day, as R's survival::heart: ${listed(movedZero)}`);
  }
  if (movedTreat.length > 0) {
    warnings.push(`${movedTreat.length} patient(s) ended follow-up on the day of treatment (${spec.treatment.date}): treatment counted half a day earlier, as R's survival::heart: ${listed(movedTreat)}`);
  }
  if (missingDate > 0) warnings.push(`${missingDate} treated patient(s) have no treatment date: counted as treated from the origin in the time-dependent and landmark analyses`);
  if (beforeOrigin > 0) warnings.push(`${beforeOrigin} treated patient(s) were treated before the origin: counted as treated from the origin`);
  if (afterEnd > 0) warnings.push(`${afterEnd} patient(s) were treated at or after the end of their follow-up: untreated throughout in the time-dependent analysis`);
  return { ep, rows, n, time, status: ep.derived.status, treated, tTreat, waits, originName, treatmentLevels: t.levels, treatmentName: treatmentName(spec), who, warnings };
}

/** True when some treated patient was treated after the origin (immortal time is present). */
export function hasImmortalTime(c: ImmortalCohort): boolean {
  return c.waits.some((w) => w > 0);
}

/** "pulmonary metastasectomy" from the label "Pulmonary metastasectomy" (acronyms kept), else "treatment". */
function treatmentName(spec: StudySpec): string {
  const l = spec.treatment?.label;
  if (l === undefined || l.trim() === "") return "treatment";
  return /^[A-Z][a-z]/.test(l) ? l[0].toLowerCase() + l.slice(1) : l;
}
