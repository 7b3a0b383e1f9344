/**
 * Immortal time: when the treatment happens after the origin (metastasectomy after the diagnosis of
 * lung metastases), a patient must survive until the operation to be counted as treated, so a
 * comparison by "ever treated" from the origin favours treatment (Suissa 2008, doi:10.1093/aje/kwm324).
 * Three analyses side by side:
 * - naive: Cox with treatment fixed at the origin — kept, labelled as biased, for contrast;
 * - time-dependent: treatment as a time-dependent covariate on counting-process data, untreated on
 *   (0, t_treat], treated on (t_treat, T] (R: tmerge(..., tdc(t_treat)) then coxph(Surv(tstart, tstop,
 *   status) ~ treated)), with the Simon–Makuch curves (Kaplan–Meier on the same intervals, Simon &
 *   Makuch 1984, doi:10.1002/sim.4780030106);
 * - landmark at L: patients still in follow-up at L, grouped by treatment received by L, time from L
 *   (Anderson, Cain & Gelber 1983, doi:10.1200/JCO.1983.1.11.710).
 * Same-day events follow R's survival::heart convention (tmerge vignette): a follow-up ending on the
 * day of the origin (time 0) lasts half a day, and a treatment on the day follow-up ends is moved
 * half a day earlier, so no interval is empty; each moved patient is named (id and data row).
 */
import { findColumn } from "../data/table.js";
import { coxFit } from "../survival/cox/fit.js";
import type { CoxResult } from "../survival/cox/types.js";
import { kaplanMeier, type KaplanMeierResult } from "../survival/kaplan-meier.js";
import { logrankTest, type LogrankResult } from "../survival/logrank.js";
import { endpointOrigin, type StudySpec } from "./schema.js";
import type { PreparedStudy } from "./prepare.js";

export interface ImmortalTimeResult {
  readonly endpoint: string;
  readonly unit: string;
  /** Why this section exists, in words (shown in the report and the CLI). */
  readonly explanation: string;
  readonly treatedWithDate: number;
  /** Median time from origin to treatment among the treated (the immortal time), in `unit`. */
  readonly medianWait: number | null;
  readonly naive: { readonly cox: CoxResult; readonly note: string };
  readonly timeDependent?: { readonly cox: CoxResult; readonly simonMakuch: KaplanMeierResult; readonly intervals: number };
  readonly landmark?: { readonly time: number; readonly n: number; readonly excluded: number; readonly km: KaplanMeierResult; readonly logrank: LogrankResult; readonly cox: CoxResult };
  readonly warnings: readonly string[];
}

function median(v: number[]): number | null {
  if (v.length === 0) return null;
  const s = [...v].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 === 1 ? s[h] : (s[h - 1] + s[h]) / 2;
}

export function immortalTimeStep(study: PreparedStudy, spec: StudySpec, endpointName: string, times: readonly number[]): ImmortalTimeResult | undefined {
  const it = spec.analyses.immortalTime;
  const t = study.treatment;
  const ep = study.endpoints.get(endpointName)!;
  const epSpec = spec.endpoints[endpointName];
  const originName = endpointOrigin(epSpec);
  if (it === undefined || t === undefined || spec.treatment?.date === undefined || originName === undefined) return undefined;
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
  const status = ep.derived.status;
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
  const listed = (xs: string[]): string => (xs.length <= 10 ? xs.join(", ") : `${xs.slice(0, 10).join(", ")} and ${xs.length - 10} more`);
  if (movedZero.length > 0) {
    warnings.push(`${movedZero.length} patient(s) ended follow-up on the day of ${originName} (time 0): counted as half a day, as R's survival::heart: ${listed(movedZero)}`);
  }
  if (movedTreat.length > 0) {
    warnings.push(`${movedTreat.length} patient(s) ended follow-up on the day of treatment (${spec.treatment.date}): treatment counted half a day earlier, as R's survival::heart: ${listed(movedTreat)}`);
  }
  if (missingDate > 0) warnings.push(`${missingDate} treated patient(s) have no treatment date: counted as treated from the origin in the time-dependent and landmark analyses`);
  if (beforeOrigin > 0) warnings.push(`${beforeOrigin} treated patient(s) were treated before the origin: counted as treated from the origin`);
  if (afterEnd > 0) warnings.push(`${afterEnd} patient(s) were treated at or after the end of their follow-up: untreated throughout in the time-dependent analysis`);

  const naive = coxFit({ time, status, x: Float64Array.from(treated), p: 1, columnNames: ["treated"] });
  const explanation =
    `Treatment (${"fromDate" in spec.treatment ? spec.treatment.date : t.column}) happened after the origin of ${ep.label} (median ${median(waits)?.toFixed(1) ?? "NA"} ${ep.unit} later): ` +
    "a patient had to survive until treatment to be counted as treated, so comparing groups by treatment received (from the origin) is biased in favour of treatment (immortal-time bias). " +
    "The time-dependent and landmark analyses below avoid it; the naive comparison is kept for contrast only.";

  let timeDependent: ImmortalTimeResult["timeDependent"];
  if (it.timeDependent) {
    const entry: number[] = [];
    const stop: number[] = [];
    const st: number[] = [];
    const x: number[] = [];
    const rowNumbers: number[] = [];
    const interval = (start: number, end: number, event: number, isTreated: number, row: number): void => {
      entry.push(start);
      stop.push(end);
      st.push(event);
      x.push(isTreated);
      rowNumbers.push(row);
    };
    for (let k = 0; k < n; k++) {
      const rn = study.table.rowNumbers[rows[k]];
      if (treated[k] === 1 && tTreat[k] < time[k]) {
        if (tTreat[k] > 0) interval(0, tTreat[k], 0, 0, rn);
        interval(tTreat[k], time[k], status[k], 1, rn);
      } else {
        interval(0, time[k], status[k], 0, rn);
      }
    }
    const input = { time: Float64Array.from(stop), status: Int32Array.from(st), entry: Float64Array.from(entry) };
    const cox = coxFit({ ...input, x: Float64Array.from(x), p: 1, columnNames: ["treated (time-dependent)"] });
    const simonMakuch = kaplanMeier(
      { ...input, group: { codes: Int32Array.from(x), levels: [`${t.levels[0]} / not yet ${t.levels[1]}`, `${t.levels[1]} (from treatment)`] }, rowNumbers: Int32Array.from(rowNumbers) },
      { times },
    );
    timeDependent = { cox, simonMakuch, intervals: stop.length };
  }

  let landmark: ImmortalTimeResult["landmark"];
  if (it.landmark !== undefined) {
    const L = it.landmark;
    const keep: number[] = [];
    for (let k = 0; k < n; k++) if (time[k] > L) keep.push(k);
    const lTime = Float64Array.from(keep, (k) => time[k] - L);
    const lStatus = Int32Array.from(keep, (k) => status[k]);
    const lGroup = Int32Array.from(keep, (k) => (treated[k] === 1 && tTreat[k] <= L ? 1 : 0));
    const group = { codes: lGroup, levels: [`not ${t.levels[1]} by ${L} ${ep.unit}`, `${t.levels[1]} by ${L} ${ep.unit}`] };
    const rowNumbers = Int32Array.from(keep, (k) => study.table.rowNumbers[rows[k]]);
    const km = kaplanMeier({ time: lTime, status: lStatus, group, rowNumbers }, { times: times.filter((x) => x > 0) });
    const logrank = logrankTest({ time: lTime, status: lStatus, group, rowNumbers });
    const cox = coxFit({ time: lTime, status: lStatus, x: Float64Array.from(lGroup), p: 1, columnNames: [`treated by ${L} ${ep.unit}`] });
    landmark = { time: L, n: keep.length, excluded: n - keep.length, km, logrank, cox };
    if (keep.length < n) warnings.push(`landmark at ${L} ${ep.unit}: ${n - keep.length} patient(s) died or left follow-up before it and are not in the landmark analysis`);
  }
  return {
    endpoint: endpointName,
    unit: ep.unit,
    explanation,
    treatedWithDate: waits.length,
    medianWait: median(waits),
    naive: { cox: naive, note: "biased: treatment fixed at the origin counts the time before treatment as treated, immortal time" },
    timeDependent,
    landmark,
    warnings,
  };
}
