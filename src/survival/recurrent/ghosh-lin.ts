/**
 * Mean cumulative function of recurrent events with death as a terminal event (Ghosh & Lin 2000), with
 * its robust standard error; equal to R mets 1.3.2 `recurrentMarginal` where mets handles tied times as
 * Nelson–Aalen does (see `ghoshLinKernel`).
 * Written by hand: no JS library estimates it; the kernel is one sweep over the event times.
 */
import { optionError, SurvinferError } from "../../errors.js";
import type { Table } from "../../data/table.js";
import { findColumn } from "../../data/table.js";
import { normalQuantile } from "../../math/distributions.js";
import { tieNearlyEqualTimes } from "../tied-times.js";
import { readRecurrentData, type RecurrentColumns } from "./intervals.js";
import { recurrentGroups } from "./mcf.js";

export interface GhoshLinOptions extends RecurrentColumns {
  /** Column: 1 = the patient died at this row's stop time (terminal event), 0 = alive. Only on a patient's last row. */
  readonly death: string;
  /** Grouping column (one curve per level). */
  readonly by?: string;
  readonly confLevel?: number;
  /** Treat times within √ε (relative) as tied, as survfit's timefix; default true. */
  readonly timefix?: boolean;
}

export interface GhoshLinCurve {
  readonly name: string;
  readonly nPatients: number;
  readonly events: number;
  readonly deaths: number;
  /** Distinct times with a recurrent event. */
  readonly time: number[];
  /** Y(t): patients alive and under observation at t (start < t ≤ stop). */
  readonly nRisk: number[];
  readonly nEvent: number[];
  /** Kaplan–Meier survival from death just before t, S(t−) (mets: St). */
  readonly survival: number[];
  /** μ(t) = Σ_{t_j ≤ t} S(t_j−) d_j / Y(t_j): expected number of events per patient by t, the dead counting their events before death (mets: mu). */
  readonly mu: number[];
  /** Robust SE of μ(t) from the iid decomposition (mets: se.mu). */
  readonly stdErr: number[];
  /** Log-transformed limits μ·exp(∓ z·SE/μ). */
  readonly lower: number[];
  readonly upper: number[];
}

export interface GhoshLinResult {
  readonly schemaVersion: 1;
  readonly method: "ghosh-lin";
  readonly rCall: string;
  readonly curves: readonly GhoshLinCurve[];
  readonly options: { readonly confLevel: number; readonly confType: "log"; readonly ties: "nelson-aalen"; readonly survival: "kaplan-meier"; readonly timefix: boolean; readonly by: string | null };
  readonly warnings: readonly string[];
}

/**
 * Ghosh–Lin kernel for one group. Preconditions: start < stop per row, a patient's rows do not overlap,
 * `patient` codes in [0, nPatients), `event` and `death` ∈ {0, 1}.
 *
 * With t_j the distinct event (recurrence or death) times, Y_j the rows at risk (start < t_j ≤ stop),
 * d_j recurrences and D_j deaths at t_j:
 *   S(t_j−) = Π_{k<j} (1 − D_k/Y_k),   μ(t) = Σ_{t_j ≤ t} S(t_j−) d_j / Y_j.
 * Influence of patient i (dM_i = dN_i − Y_i(t_j)·(count_j / Y_j), for recurrences R and deaths D):
 *   ψ_i(t) = Σ S(t_j−)/Y_j dM_i^R(t_j) − μ(t) Σ dM_i^D(t_j)/Y_j + Σ μ(t_j) dM_i^D(t_j)/Y_j   (sums over t_j ≤ t),
 *   Var̂ μ(t) = Σ_i ψ_i(t)²  (Ghosh & Lin 2000, eq. for the robust variance; mets' varA = IM1 + μ²IM2 + IM3 + 2cov13 − 2μcov12 − 2μcov23).
 * The death influence uses 1/Y_j (not 1/(Y_j − D_j)), as mets.
 * Ties: d_j/Y_j (Nelson–Aalen). mets breaks tied recurrences (1/Y + 1/(Y−1) + …) and pairs the rows of its
 * two fits by sorted position, so it differs when two recurrences, or a death and another row, share a time.
 */
export function ghoshLinKernel(
  patient: Int32Array,
  start: Float64Array,
  stop: Float64Array,
  event: Int32Array | Uint8Array,
  death: Int32Array | Uint8Array,
  rows: Int32Array,
  nPatients: number,
): Omit<GhoshLinCurve, "name" | "lower" | "upper" | "nPatients"> {
  const nr = rows.length;
  const byStop = Int32Array.from(rows).sort((a, b) => stop[a] - stop[b]);
  const byStart = Int32Array.from(rows).sort((a, b) => start[a] - start[b]);
  const atRisk = new Int32Array(nPatients);
  const nR = new Float64Array(nPatients);
  const nD = new Float64Array(nPatients);
  const A = new Float64Array(nPatients);
  const B = new Float64Array(nPatients);
  const C = new Float64Array(nPatients);
  const members = new Set<number>();
  for (const r of rows) members.add(patient[r]);
  const who = Int32Array.from(members);
  const out = { time: [] as number[], nRisk: [] as number[], nEvent: [] as number[], survival: [] as number[], mu: [] as number[], stdErr: [] as number[] };
  let y = 0;
  let s = 1;
  let mu = 0;
  let events = 0;
  let deaths = 0;
  let iLeave = 0;
  let iEnter = 0;
  let iStop = 0;
  while (iStop < nr) {
    const t = stop[byStop[iStop]];
    for (; iLeave < nr && stop[byStop[iLeave]] < t; iLeave++) {
      atRisk[patient[byStop[iLeave]]]--;
      y--;
    }
    for (; iEnter < nr && start[byStart[iEnter]] < t; iEnter++) {
      atRisk[patient[byStart[iEnter]]]++;
      y++;
    }
    let d = 0;
    let dd = 0;
    const first = iStop;
    for (; iStop < nr && stop[byStop[iStop]] === t; iStop++) {
      const r = byStop[iStop];
      if (event[r] === 1) {
        d++;
        nR[patient[r]]++;
      }
      if (death[r] === 1) {
        dd++;
        nD[patient[r]]++;
      }
    }
    if (d === 0 && dd === 0) continue;
    const sMinus = s;
    mu += (sMinus * d) / y;
    s *= 1 - dd / y;
    const hR = d / y;
    const hD = dd / y;
    let v = 0;
    for (const p of who) {
      if (atRisk[p] > 0 || nR[p] > 0 || nD[p] > 0) {
        const mR = nR[p] - atRisk[p] * hR;
        const mD = nD[p] - atRisk[p] * hD;
        A[p] += (sMinus * mR) / y;
        B[p] += mD / y;
        C[p] += (mu * mD) / y;
      }
      if (d > 0) {
        const psi = A[p] - mu * B[p] + C[p];
        v += psi * psi;
      }
    }
    for (let k = first; k < iStop; k++) {
      nR[patient[byStop[k]]] = 0;
      nD[patient[byStop[k]]] = 0;
    }
    events += d;
    deaths += dd;
    if (d > 0) {
      out.time.push(t);
      out.nRisk.push(y);
      out.nEvent.push(d);
      out.survival.push(sMinus);
      out.mu.push(mu);
      out.stdErr.push(Math.sqrt(v));
    }
  }
  return { events, deaths, ...out };
}

/** Reads the death column: 0/1, no missing value, only on a patient's last row. */
function readDeath(table: Table, name: string, patient: Int32Array, stop: Float64Array): Int32Array {
  const col = findColumn(table, name);
  if (col === undefined) throw new SurvinferError({ code: "DATA_MISSING_COLUMN", file: table.source.file, message: `no death column ${JSON.stringify(name)}`, hint: `columns: ${table.columns.map((c) => c.name).join(", ")}` });
  if (col.kind === "categorical") throw new SurvinferError({ code: "DATA_NOT_NUMERIC", file: table.source.file, column: name, message: `death column ${JSON.stringify(name)} must be 0/1`, hint: "code death at the row's stop time as 1, alive as 0" });
  const n = table.nRows;
  const death = new Int32Array(n);
  const lastStop = new Map<number, number>();
  for (let i = 0; i < n; i++) lastStop.set(patient[i], Math.max(lastStop.get(patient[i]) ?? -Infinity, stop[i]));
  for (let i = 0; i < n; i++) {
    const v = col.values[i];
    if (v !== 0 && v !== 1) throw new SurvinferError({ code: "DATA_BAD_STATUS", file: table.source.file, row: table.rowNumbers[i], column: name, value: String(v), message: "death must be 0 (alive) or 1 (died at the stop time)", hint: "code the terminal event as 0/1" });
    if (v === 1 && stop[i] < (lastStop.get(patient[i]) ?? stop[i])) {
      throw new SurvinferError({ code: "DATA_DEATH_NOT_LAST", file: table.source.file, row: table.rowNumbers[i], column: name, value: String(v), message: "a death before the patient's last interval: follow-up cannot go on after death", hint: "put the death on the patient's last row, or correct the later rows" });
    }
    death[i] = v;
  }
  return death;
}

/**
 * Ghosh–Lin mean cumulative function: the expected number of recurrent events per patient by time t when
 * death stops the recurrences, μ(t) = ∫₀ᵗ S(u−) dR(u) (S Kaplan–Meier of death, dR = dN_R/Y the
 * Nelson–Aalen increment among the living under observation), with the robust (iid) SE and log-scale
 * limits. Unlike the MCF that treats death as censoring (which estimates the rate in a world without
 * death, and overstates the burden when death is common), μ counts no events after death.
 *
 * Reference: Ghosh D, Lin DY (2000). Nonparametric analysis of recurrent events and death. Biometrics
 * 56:554–562. doi:10.1111/j.0006-341X.2000.00554.x.
 * R: `mets::recurrentMarginal(phreg(Surv(start, stop, event) ~ cluster(id), data = d),
 *     phreg(Surv(start, stop, death) ~ cluster(id), data = d))` → mu, se.mu (mets 1.3.2; ties: see the kernel).
 *
 * @example
 * const gl = ghoshLin(table, { id: "id", start: "start", stop: "stop", event: "event", death: "death" });
 * gl.curves[0].mu.at(-1); // expected events per patient by the last event time
 */
export function ghoshLin(table: Table, options: GhoshLinOptions): GhoshLinResult {
  const confLevel = options.confLevel ?? 0.95;
  if (!(confLevel > 0 && confLevel < 1)) throw optionError("confLevel", "a number between 0 and 1, e.g. 0.95", confLevel);
  const timefix = options.timefix ?? true;
  const data = readRecurrentData(table, options);
  const n = data.start.length;
  let start = data.start;
  let stop = data.stop;
  if (timefix) {
    const both = new Float64Array(2 * n);
    both.set(start, 0);
    both.set(stop, n);
    const tied = tieNearlyEqualTimes(both);
    start = tied.subarray(0, n);
    stop = tied.subarray(n);
  }
  const death = readDeath(table, options.death, data.patient, stop);
  const { codes, names } = recurrentGroups(table, options.by, data.rowNumbers, n);
  const z = normalQuantile(1 - (1 - confLevel) / 2);
  const curves: GhoshLinCurve[] = [];
  const warnings: string[] = [];
  for (let g = 0; g < names.length; g++) {
    const list: number[] = [];
    for (let i = 0; i < n; i++) if (codes === undefined || codes[i] === g) list.push(i);
    if (list.length === 0) continue;
    const k = ghoshLinKernel(data.patient, start, stop, data.event, death, Int32Array.from(list), data.patientLabels.length);
    const name = options.by === undefined ? "all" : `${options.by}=${names[g]}`;
    if (k.events === 0) warnings.push(`${name}: no recurrent event, the mean number of events is 0 throughout`);
    const lower = k.mu.map((m, j) => (m > 0 ? m * Math.exp((-z * k.stdErr[j]) / m) : Number.NaN));
    const upper = k.mu.map((m, j) => (m > 0 ? m * Math.exp((z * k.stdErr[j]) / m) : Number.NaN));
    curves.push({ name, nPatients: new Set(list.map((i) => data.patient[i])).size, ...k, lower, upper });
  }
  const strata = options.by === undefined ? "" : `strata(${options.by}) + `;
  const rCall = `mets::recurrentMarginal(phreg(Surv(${options.start}, ${options.stop}, ${options.event}) ~ ${strata}cluster(${options.id}), data = d), phreg(Surv(${options.start}, ${options.stop}, ${options.death}) ~ ${strata}cluster(${options.id}), data = d))`;
  return { schemaVersion: 1, method: "ghosh-lin", rCall, curves, options: { confLevel, confType: "log", ties: "nelson-aalen", survival: "kaplan-meier", timefix, by: options.by ?? null }, warnings };
}
