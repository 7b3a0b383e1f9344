/**
 * Cumulative incidence functions (Aalen–Johansen estimator) per group and cause with Gray's
 * variance, as R cmprsk::cuminc (cmprsk 2.2-11), and cmprsk::timepoints at requested times.
 *
 * Written by hand because no JavaScript library gives cuminc's estimator, its variance (Gray's
 * delta-method estimator from the Fortran routine `cinc`) and its step-function layout. Rows are
 * sorted once by time; each (cause, group) curve is one pass over the group's rows, O(n log n + n·K).
 * Times are compared exactly, as cmprsk does (no near-tie rule as survival's timefix).
 */
import { SurvinferError, optionError } from "../../errors.js";
import { completeCompetingRows, sortRowsByTime } from "./prepare.js";
import type { CompetingRisksInput } from "./prepare.js";
import { grayTestKernel } from "./gray-test.js";
import type { GrayTest } from "./gray-test.js";

export type { CompetingRisksInput, CodedFactor } from "./prepare.js";
export type { GrayTest } from "./gray-test.js";

export interface CumulativeIncidenceOptions {
  /** Causes to report, by code (default: every code other than `censorCode` that occurs, ascending, as cuminc). */
  readonly causes?: readonly number[];
  /** Code that marks a censored row; cuminc's `cencode`, default 0. */
  readonly censorCode?: number;
  /** Times at which to read the curves off, as cmprsk::timepoints (sorted and made unique, as R does). */
  readonly times?: readonly number[];
  /** Exponent of the weight (1 − F(t−))^rho in Gray's test; cuminc's `rho`, default 0. */
  readonly rho?: number;
}

/** Estimates of one curve at requested times (cmprsk::timepoints); NaN (R: NA) after the group's last follow-up time or before 0. */
export interface CumulativeIncidenceAt {
  readonly time: number[];
  readonly est: number[];
  readonly var: number[];
}

/**
 * One cumulative incidence curve as cuminc returns it: the corners of the step function. The
 * first point is (0, 0); each distinct time t with events of this cause appears twice, first with
 * the value before the jump and then with the value after it; the last point repeats the final
 * value at the group's largest follow-up time. `var` follows the same layout.
 */
export interface CumulativeIncidenceCurve {
  /** cuminc's list name: "<group> <cause>" (just "<cause>" without groups). */
  readonly name: string;
  /** Group label ("" when no group was given). */
  readonly group: string;
  readonly cause: number;
  /** Rows in the group (after missing values were dropped) and events of this cause among them. */
  readonly n: number;
  readonly events: number;
  readonly time: number[];
  readonly est: number[];
  readonly var: number[];
  /** Present when `options.times` was given. */
  readonly at?: CumulativeIncidenceAt;
}

export interface CumulativeIncidenceResult {
  readonly method: "Aalen-Johansen";
  /** Ordered as cuminc: for each cause, for each group. */
  readonly curves: CumulativeIncidenceCurve[];
  /** Gray's K-sample test per cause (cuminc's $Tests); null with fewer than two groups. */
  readonly tests: GrayTest[] | null;
  readonly causes: number[];
  /** Groups that have at least one complete row (cuminc drops empty levels). */
  readonly groups: string[];
  readonly n: number;
  readonly nMissing: number;
  readonly options: { readonly censorCode: number; readonly rho: number; readonly times: number[] | null };
  readonly warnings: string[];
}

/** Step-function corners of one CIF (cmprsk's `cinc` layout). */
export interface CifSteps {
  readonly time: number[];
  readonly est: number[];
  readonly var: number[];
}

/**
 * Kernel: the cumulative incidence of one cause and Gray's variance for the rows `rows` (sorted by
 * ascending time), where `failed[i]` is 1 for a failure from any cause and `ofCause[i]` is 1 for a
 * failure from the cause of interest. Never throws.
 *
 * With n(t) at risk, d₁(t) failures from the cause, d₂(t) from other causes, d = d₁ + d₂ and
 * Ŝ(t−) the all-cause Kaplan–Meier just before t:
 *   F̂(t) = Σ_{s ≤ t} Ŝ(s−) d₁(s)/n(s),
 * and the variance is Gray's (1988) delta-method form accumulated in three sums v₁, v₂, v₃ at each
 * event time (with a hypergeometric tie correction 1 − (d − 1)/(n − 1)), Var F̂(t) = v₁ + F̂(t)² v₃ − 2 F̂(t) v₂,
 * exactly as cmprsk's `cinc` does it.
 */
export function cumulativeIncidenceSteps(
  time: Float64Array,
  failed: Uint8Array,
  ofCause: Uint8Array,
  rows: Int32Array,
): CifSteps {
  const n = rows.length;
  const x: number[] = [0];
  const f: number[] = [0];
  const v: number[] = [0];
  if (n === 0) return { time: x, est: f, var: v };
  let sPrev = 1; // Ŝ(t−), all-cause Kaplan–Meier just before the current time
  let v1 = 0;
  let v2 = 0;
  let v3 = 0;
  let nRisk = n;
  let start = 0;
  while (start < n) {
    const t = time[rows[start]];
    let end = start;
    let d1 = 0;
    let d2 = 0;
    while (end < n && time[rows[end]] === t) {
      const i = rows[end];
      d1 += ofCause[i];
      d2 += failed[i] - ofCause[i];
      end++;
    }
    const d = d1 + d2;
    if (d > 0) {
      const sNext = (sPrev * (nRisk - d)) / nRisk;
      if (d1 > 0) {
        const last = f[f.length - 1];
        f.push(last, last + (sPrev * d1) / nRisk);
      }
      const fNow = f[f.length - 1];
      if (d2 > 0 && sNext > 0) {
        const tie = d2 > 1 ? 1 - (d2 - 1) / (nRisk - 1) : 1;
        const w = (((sPrev * sPrev) * tie) * d2) / (nRisk * nRisk);
        const t3 = 1 / sNext;
        const t4 = fNow / sNext;
        v1 += t4 * t4 * w;
        v2 += t3 * t4 * w;
        v3 += t3 * t3 * w;
      }
      if (d1 > 0) {
        const tie = d1 > 1 ? 1 - (d1 - 1) / (nRisk - 1) : 1;
        const w = (((sPrev * sPrev) * tie) * d1) / (nRisk * nRisk);
        const t3 = sNext > 0 ? 1 / sNext : 0;
        const t4 = 1 + t3 * fNow;
        v1 += t4 * t4 * w;
        v2 += t3 * t4 * w;
        v3 += t3 * t3 * w;
        x.push(t, t);
        v.push(v[v.length - 1], v1 + fNow * fNow * v3 - 2 * fNow * v2);
      }
      sPrev = sNext;
    }
    nRisk = n - end;
    start = end;
  }
  x.push(time[rows[n - 1]]);
  f.push(f[f.length - 1]);
  v.push(v[v.length - 1]);
  return { time: x, est: f, var: v };
}

/**
 * Values of step corners at requested times, as cmprsk's `tpoi`: for 0 ≤ τ < last time, the value
 * after the last corner at or before τ (the right-continuous CIF at τ); at the last time its final
 * value; NaN after the last follow-up time or before time 0.
 */
export function stepValuesAt(steps: CifSteps, times: readonly number[]): CumulativeIncidenceAt {
  const x = steps.time;
  const n = x.length;
  const est: number[] = [];
  const vr: number[] = [];
  for (const tau of times) {
    let idx = -1;
    if (tau === x[n - 1]) idx = n - 1;
    else if (tau < x[n - 1]) {
      // largest k ≤ n − 2 with x[k] ≤ τ, then the corner after it
      let lo = 0;
      let hi = n - 2;
      if (x[0] <= tau) {
        while (lo < hi) {
          const mid = (lo + hi + 1) >> 1;
          if (x[mid] <= tau) lo = mid;
          else hi = mid - 1;
        }
        idx = lo + 1;
      }
    }
    est.push(idx < 0 ? Number.NaN : steps.est[idx]);
    vr.push(idx < 0 ? Number.NaN : steps.var[idx]);
  }
  return { time: [...times], est, var: vr };
}

/**
 * Cumulative incidence of each cause in each group (Aalen–Johansen), with Gray's variance, and
 * Gray's K-sample test of equal cumulative incidence across groups for each cause.
 *
 * F̂_k(t) = Σ_{s ≤ t} Ŝ(s−) d_k(s) / n(s), where Ŝ is the Kaplan–Meier estimate of freedom from any
 * event, n(s) the number at risk and d_k(s) the failures from cause k at s. Variance: Gray's
 * delta-method estimator (see {@link cumulativeIncidenceSteps}); Gray's test: see {@link grayTestKernel}.
 *
 * References: Aalen O.O., Johansen S. (1978) Scand J Statist 5:141–150; Gray R.J. (1988) Ann Statist
 * 16:1141–1154, doi:10.1214/aos/1176350951; Kalbfleisch & Prentice (1980).
 *
 * R equivalent: `cmprsk::cuminc(ftime, fstatus, group, strata, rho = 0, cencode = 0)` and
 * `cmprsk::timepoints(fit, times)` (cmprsk 2.2-11). Deliberate difference: when Gray's variance
 * matrix is singular R reports the statistic as −1 (p = 1); survinfer reports NaN and a warning.
 *
 * @example
 * ```ts
 * import { cumulativeIncidence } from "survinfer";
 * const fit = cumulativeIncidence({
 *   time: Float64Array.from([1, 2, 2, 3, 4, 5]),
 *   cause: Int32Array.from([1, 2, 0, 1, 0, 2]),
 * }, { times: [3] });
 * fit.curves[0].at?.est; // [0.3888…] = F̂₁(3) = 1/6 + (2/3)(1/3) = 7/18
 * ```
 */
export function cumulativeIncidence(
  input: CompetingRisksInput,
  options: CumulativeIncidenceOptions = {},
): Readonly<CumulativeIncidenceResult> {
  const censorCode = options.censorCode ?? 0;
  if (!Number.isInteger(censorCode) || censorCode < 0) throw optionError("censorCode", "a non-negative integer", censorCode);
  const rho = options.rho ?? 0;
  if (!Number.isFinite(rho)) throw optionError("rho", "a finite number", rho);
  let times: number[] | null = null;
  if (options.times) {
    for (const t of options.times) if (!Number.isFinite(t)) throw optionError("times", "finite numbers", options.times);
    times = [...new Set(options.times)].sort((a, b) => a - b);
  }
  const { rows, nMissing } = completeCompetingRows(input);
  const warnings: string[] = [];
  if (nMissing > 0) warnings.push(`${nMissing} row(s) with missing values were omitted`);
  const n = rows.length;
  if (n === 0) {
    throw new SurvinferError({ code: "DATA_NO_ROWS", message: "no complete rows (time, cause, group) to estimate cumulative incidence" });
  }
  const order = sortRowsByTime(input.time, rows);
  const nAll = input.time.length;

  // causes present (cuminc: sort(unique(cause[cause != cencode])))
  const present = new Set<number>();
  for (let k = 0; k < n; k++) {
    const c = input.cause[order[k]];
    if (c !== censorCode) present.add(c);
  }
  const observed = [...present].sort((a, b) => a - b);
  let causes = observed;
  if (options.causes) {
    for (const c of options.causes) {
      if (!present.has(c)) {
        throw optionError("causes", `codes of causes that occur in the data (${observed.join(", ") || "none"})`, options.causes);
      }
    }
    causes = [...options.causes];
  }
  if (observed.length === 0) warnings.push("no failures from any cause: every row is censored");

  // groups: levels with at least one complete row, in level order; group index per row
  const groupCode = new Int32Array(nAll);
  const groups: string[] = [];
  if (input.group) {
    const count = new Int32Array(input.group.levels.length);
    for (let k = 0; k < n; k++) count[input.group.codes[order[k]]]++;
    const remap = new Int32Array(count.length).fill(-1);
    for (let g = 0; g < count.length; g++) {
      if (count[g] > 0) {
        remap[g] = groups.length;
        groups.push(input.group.levels[g]);
      }
    }
    for (let k = 0; k < n; k++) groupCode[order[k]] = remap[input.group.codes[order[k]]];
  } else {
    groups.push("");
  }
  const ng = groups.length;
  const groupRows: Int32Array[] = [];
  {
    const counts = new Int32Array(ng);
    for (let k = 0; k < n; k++) counts[groupCode[order[k]]]++;
    for (let g = 0; g < ng; g++) groupRows.push(new Int32Array(counts[g]));
    const fill = new Int32Array(ng);
    for (let k = 0; k < n; k++) {
      const i = order[k];
      const g = groupCode[i];
      groupRows[g][fill[g]++] = i;
    }
  }

  const failed = new Uint8Array(nAll);
  for (let k = 0; k < n; k++) failed[order[k]] = input.cause[order[k]] !== censorCode ? 1 : 0;
  const ofCause = new Uint8Array(nAll);
  const curves: CumulativeIncidenceCurve[] = [];
  const tests: GrayTest[] = [];
  let stratumCode: Int32Array | null = null;
  let nStrata = 1;
  if (input.strata && ng > 1) {
    stratumCode = input.strata.codes;
    nStrata = input.strata.levels.length;
  }
  for (const cause of causes) {
    for (let k = 0; k < n; k++) ofCause[order[k]] = input.cause[order[k]] === cause ? 1 : 0;
    for (let g = 0; g < ng; g++) {
      const steps = cumulativeIncidenceSteps(input.time, failed, ofCause, groupRows[g]);
      let events = 0;
      for (const i of groupRows[g]) events += ofCause[i];
      const name = input.group ? `${groups[g]} ${cause}` : String(cause);
      curves.push({
        name,
        group: groups[g],
        cause,
        n: groupRows[g].length,
        events,
        ...steps,
        ...(times ? { at: stepValuesAt(steps, times) } : {}),
      });
    }
    if (ng > 1) {
      const test = grayTestKernel(input.time, failed, ofCause, groupCode, ng, stratumCode, nStrata, order, rho);
      const full: GrayTest = { cause, ...test };
      if (Number.isNaN(test.statistic)) {
        warnings.push(`Gray's test for cause ${cause}: the variance matrix is singular (R's cuminc reports the statistic as -1)`);
      }
      tests.push(full);
    }
  }
  return {
    method: "Aalen-Johansen",
    curves,
    tests: ng > 1 ? tests : null,
    causes,
    groups: input.group ? groups : [],
    n,
    nMissing,
    options: { censorCode, rho, times },
    warnings,
  };
}
