/**
 * Mean cumulative function (MCF) of recurrent events, Nelson–Aalen type, with the Lawless–Nadeau robust
 * standard error; equal to R survival 3.5-3's `survfit(Surv(start, stop, event) ~ group, id = id)`
 * (`cumhaz`, `std.chaz`).
 */
import { optionError, SurvinferError } from "../../errors.js";
import type { Table } from "../../data/table.js";
import { findColumn } from "../../data/table.js";
import { normalQuantile } from "../../math/distributions.js";
import { tieNearlyEqualTimes } from "../tied-times.js";
import { readRecurrentData, type RecurrentColumns } from "./intervals.js";

export interface McfOptions extends RecurrentColumns {
  /** Grouping column (one curve per level, as `~ group`). */
  readonly by?: string;
  readonly confLevel?: number;
  /** Treat times within √ε (relative) as tied, as survfit's timefix; default true. */
  readonly timefix?: boolean;
}

export interface McfCurve {
  readonly name: string;
  readonly nPatients: number;
  readonly events: number;
  /** Distinct stop times of the group's intervals (with or without an event). */
  readonly time: number[];
  /** n_j: intervals (= patients) under observation at t_j, start < t_j ≤ stop. */
  readonly nRisk: number[];
  readonly nEvent: number[];
  /** Patients whose follow-up ends (last row, or a gap follows) at t_j without an event, as survfit's n.censor with id. */
  readonly nCensor: number[];
  /** MCF(t) = Σ_{t_j ≤ t} d_j / n_j (R: cumhaz). */
  readonly mcf: number[];
  /** Lawless–Nadeau robust SE (R: std.chaz with id). */
  readonly stdErr: number[];
  /** Poisson (naive) SE sqrt(Σ d_j / n_j²) (R: std.chaz without id). */
  readonly naiveStdErr: number[];
  /** Log-transformed limits MCF·exp(∓ z·SE/MCF), from the robust SE (NaN while MCF = 0). */
  readonly lower: number[];
  readonly upper: number[];
}

export interface McfResult {
  readonly schemaVersion: 1;
  readonly method: "mcf";
  readonly rCall: string;
  readonly curves: readonly McfCurve[];
  readonly options: { readonly variance: "lawless-nadeau"; readonly confLevel: number; readonly confType: "log"; readonly timefix: boolean; readonly by: string | null };
  readonly warnings: readonly string[];
}

/**
 * MCF kernel for one group. Preconditions: start < stop per row, a patient's rows do not overlap,
 * `patient` codes in [0, nPatients); `endsFollowUp` as RecurrentData. Sweep over the distinct stop times with running sums, O(n log n):
 * the influence of patient i on MCF(t) is D_i(t) = Σ_{t_j ≤ t} [dN_i(t_j) − Y_i(t_j) d_j/n_j] / n_j; while
 * i is at risk D_i(t) = B_i − c(t) with c(t) = Σ_{t_j ≤ t} d_j/n_j², so Σ_i D_i(t)² = Σ_{at risk}(B_i − c)² +
 * Σ_{not at risk} D_i², kept as S2 − 2cS1 + m c² + F.
 */
export function mcfKernel(patient: Int32Array, start: Float64Array, stop: Float64Array, event: Int32Array, endsFollowUp: Uint8Array, rows: Int32Array, nPatients: number): Omit<McfCurve, "name" | "lower" | "upper" | "nPatients"> {
  const byStop = Int32Array.from(rows).sort((a, b) => stop[a] - stop[b]);
  const byStart = Int32Array.from(rows).sort((a, b) => start[a] - start[b]);
  const bI = new Float64Array(nPatients); // B_i while at risk
  const dI = new Float64Array(nPatients); // D_i while not at risk
  let s1 = 0;
  let s2 = 0;
  let f = 0;
  let m = 0;
  let c = 0;
  let h = 0;
  let naive = 0;
  let events = 0;
  const out = { time: [] as number[], nRisk: [] as number[], nEvent: [] as number[], nCensor: [] as number[], mcf: [] as number[], stdErr: [] as number[], naiveStdErr: [] as number[] };
  let iLeave = 0;
  let iEnter = 0;
  let iStop = 0;
  const nr = rows.length;
  while (iStop < nr) {
    const t = stop[byStop[iStop]];
    for (; iLeave < nr && stop[byStop[iLeave]] < t; iLeave++) {
      const p = patient[byStop[iLeave]];
      const b = bI[p];
      s1 -= b;
      s2 -= b * b;
      m -= 1;
      dI[p] = b - c;
      f += dI[p] * dI[p];
    }
    for (; iEnter < nr && start[byStart[iEnter]] < t; iEnter++) {
      const p = patient[byStart[iEnter]];
      f -= dI[p] * dI[p];
      const b = dI[p] + c;
      bI[p] = b;
      s1 += b;
      s2 += b * b;
      m += 1;
    }
    let d = 0;
    let cens = 0;
    const first = iStop;
    for (; iStop < nr && stop[byStop[iStop]] === t; iStop++) {
      if (event[byStop[iStop]] === 1) d++;
      else if (endsFollowUp[byStop[iStop]] === 1) cens++;
    }
    if (d > 0) {
      const inv = 1 / m;
      h += d * inv;
      c += d * inv * inv;
      naive += d * inv * inv;
      for (let k = first; k < iStop; k++) {
        const r = byStop[k];
        if (event[r] !== 1) continue;
        const b = bI[patient[r]];
        s1 += inv;
        s2 += 2 * b * inv + inv * inv;
        bI[patient[r]] = b + inv;
      }
      events += d;
    }
    const v = s2 - 2 * c * s1 + m * c * c + f;
    out.time.push(t);
    out.nRisk.push(m);
    out.nEvent.push(d);
    out.nCensor.push(cens);
    out.mcf.push(h);
    out.stdErr.push(Math.sqrt(Math.max(v, 0)));
    out.naiveStdErr.push(Math.sqrt(naive));
  }
  return { events, ...out };
}

/**
 * Mean cumulative function of recurrent events (Nelson 2003; Lawless & Nadeau 1995):
 * MCF(t) = Σ_{t_j ≤ t} d_j / n_j over all recurrences, d_j events at t_j among the n_j patients under
 * observation (start < t_j ≤ stop). Variance (Lawless & Nadeau's robust estimator, which does not assume
 * Poisson events): Var̂ MCF(t) = Σ_i [Σ_{t_j ≤ t} (dN_i(t_j) − Y_i(t_j) d_j/n_j) / n_j]². This is what R
 * reports as std.chaz when survfit is given `id`; the Poisson variance Σ d_j/n_j² (survfit without id) is
 * given as `naiveStdErr`. Limits on the log scale (not in survfit's output, derived here).
 *
 * References: Lawless JF, Nadeau C (1995). Some simple robust methods for the analysis of recurrent events.
 * Technometrics 37:158–168. doi:10.1080/00401706.1995.10485888. Nelson WB (2003). Recurrent Events Data
 * Analysis for Product Repairs, Disease Recurrences, and Other Applications. SIAM. doi:10.1137/1.9780898718454.
 * R: `survival::survfit(Surv(start, stop, event) ~ group, data = d, id = id)`: fit$cumhaz, fit$std.chaz.
 *
 * @example
 * const res = meanCumulativeFunction(table, { id: "id", start: "start", stop: "stop", event: "event", by: "rx" });
 * res.curves.map((c) => [c.name, c.mcf.at(-1), c.stdErr.at(-1)]);
 */
export function meanCumulativeFunction(table: Table, options: McfOptions): McfResult {
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
  const { codes: groupCodes, names: groupNames } = recurrentGroups(table, options.by, data.rowNumbers, n);
  const z = normalQuantile(1 - (1 - confLevel) / 2);
  const curves: McfCurve[] = [];
  const nPatientsAll = data.patientLabels.length;
  for (let g = 0; g < groupNames.length; g++) {
    const rowsList: number[] = [];
    for (let i = 0; i < n; i++) if (groupCodes === undefined || groupCodes[i] === g) rowsList.push(i);
    if (rowsList.length === 0) continue;
    const rows = Int32Array.from(rowsList);
    const k = mcfKernel(data.patient, start, stop, data.event, data.endsFollowUp, rows, nPatientsAll);
    const lower = k.mcf.map((hh, j) => (hh > 0 ? hh * Math.exp(-z * k.stdErr[j] / hh) : Number.NaN));
    const upper = k.mcf.map((hh, j) => (hh > 0 ? hh * Math.exp(z * k.stdErr[j] / hh) : Number.NaN));
    const name = options.by === undefined ? "all" : `${options.by}=${groupNames[g]}`;
    curves.push({ name, nPatients: new Set(rowsList.map((i) => data.patient[i])).size, ...k, lower, upper });
  }
  const rCall = `survfit(Surv(${options.start}, ${options.stop}, ${options.event}) ~ ${options.by ?? "1"}, data = d, id = ${options.id})`;
  return { schemaVersion: 1, method: "mcf", rCall, curves, options: { variance: "lawless-nadeau", confLevel, confType: "log", timefix, by: options.by ?? null }, warnings: [] };
}

/**
 * Group code per row (0-based) and group names for `by`: a categorical column's levels, or a numeric column's sorted
 * distinct values; one group "all" without `by`. A missing group value stops with the row (DATA_MISSING_VALUE).
 */
export function recurrentGroups(table: Table, by: string | undefined, rowNumbers: ArrayLike<number>, n: number): { codes: Int32Array | undefined; names: string[] } {
  if (by === undefined) return { codes: undefined, names: ["all"] };
  const col = findColumn(table, by);
  if (col === undefined) throw new SurvinferError({ code: "DATA_MISSING_COLUMN", file: table.source.file, message: `no grouping column ${JSON.stringify(by)}` });
  const codes = new Int32Array(n);
  let names: string[];
  if (col.kind === "categorical") {
    names = [...col.levels];
    codes.set(col.codes);
  } else {
    const levels = [...new Set(Array.from(col.values).filter((v) => Number.isFinite(v)))].sort((a, b) => a - b);
    names = levels.map(String);
    const codeOf = new Map(levels.map((v, k) => [v, k]));
    for (let i = 0; i < n; i++) codes[i] = codeOf.get(col.values[i]) ?? -1;
  }
  for (let i = 0; i < n; i++) {
    if (codes[i] < 0) throw new SurvinferError({ code: "DATA_MISSING_VALUE", file: table.source.file, row: rowNumbers[i], column: by, message: "missing group value", hint: "drop the row or give its group" });
  }
  return { codes, names };
}
