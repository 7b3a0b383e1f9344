/**
 * Does a cure model's population survival follow the Kaplan–Meier estimate? Computed, never asserted:
 * the largest vertical distance between the two curves, where the model lies above the KM, and whether
 * the model curve stays inside a seeded bootstrap simultaneous band of the KM. Pure: no I/O.
 */
import { SurvinferError } from "../../errors.js";
import { streams } from "../../simulate/rng.js";
import { kaplanMeier } from "../kaplan-meier.js";

export interface CureFitCheckOptions {
  /** Bootstrap resamples of the patients for the band; default 500. */
  readonly replicates?: number;
  /** Seed of the resampling (xoroshiro128+, pure-rand); default 1. */
  readonly seed?: number;
  /** Coverage of the simultaneous band; default 0.95. */
  readonly level?: number;
}

export interface CureFitCheckResult {
  readonly method: "cure-fit-check";
  /** sup_t |S_model(t) − KM(t)| over [0, largest follow-up time]. */
  readonly maxDistance: number;
  /** Where the largest distance is reached, and on which side the model lies there. */
  readonly at: number;
  readonly side: "above" | "below";
  /** Stretches [from, to] (KM step boundaries) on which the model lies above the KM throughout, merged. */
  readonly modelAbove: readonly { readonly from: number; readonly to: number }[];
  /** The band KM(t) ± halfWidth, halfWidth = the `level` quantile (type 7) of sup_t |KM*(t) − KM(t)| over resamples. */
  readonly band: { readonly halfWidth: number; readonly level: number; readonly replicates: number; readonly seed: number };
  /** True when the model curve stays inside the band on the whole follow-up. */
  readonly withinBand: boolean;
  /** Stretches on which the model curve lies outside the band. */
  readonly outside: readonly { readonly from: number; readonly to: number; readonly side: "above" | "below" }[];
  readonly warnings: readonly string[];
}

/** The KM step function: distinct times with its value from each time on (right-continuous). */
function kmSteps(time: Float64Array, status: Int32Array): { t: number[]; s: number[] } {
  const km = kaplanMeier({ time, status }).strata[0];
  return { t: Array.from(km.time), s: Array.from(km.surv) };
}

/** KM value at t (1 before the first time). */
function stepAt(k: { t: number[]; s: number[] }, t: number): number {
  let lo = 0;
  let hi = k.t.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (k.t[mid] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? 1 : k.s[lo - 1];
}

function quantile7(sorted: readonly number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/**
 * Compares a model's population survival with the Kaplan–Meier estimate of the same patients.
 *
 * Distance: KM is constant, K_j, on [t_j, t_{j+1}) and the model S is non-increasing, so
 * sup |S − KM| = max_j max(|S(t_j) − K_j|, |S(t_{j+1}) − K_j|) (t_0 = 0, K_0 = 1, last stretch to the largest
 * follow-up time). Above: the stretches on which S(t_{j+1}) > K_j (the model above the KM all along).
 * Band: resample the patients B times (seeded), D*_b = sup_t |KM*_b(t) − KM(t)| over t up to the
 * resample's largest time, c = quantile_level(D*); the band KM ± c covers the true survival curve with
 * about that probability (Efron 1981 bootstrap simultaneous band), so a correct model should stay inside
 * it (ignoring the model's own estimation error, which makes the check lenient). Outside: stretches where
 * S(t) > KM(t) + c or S(t) < KM(t) − c at a stretch end.
 * R equivalent: none packaged; by hand `km <- survfit(Surv(t, d) ~ 1)`, the bootstrap loop and
 * `max(abs(S_model(t) - km$surv))`.
 *
 * @param modelSurv the model's population survival at each of the given times (non-increasing in t).
 * @example
 * const chk = cureFitCheck(time, status, (ts) => ts.map((t) => 0.3 + 0.7 * Math.exp(-t / 20)), { seed: 44 });
 * chk.maxDistance; chk.withinBand;
 */
export function cureFitCheck(time: Float64Array, status: Int32Array, modelSurv: (t: readonly number[]) => number[], options: CureFitCheckOptions = {}): CureFitCheckResult {
  const replicates = options.replicates ?? 500;
  const seed = options.seed ?? 1;
  const level = options.level ?? 0.95;
  if (!Number.isInteger(replicates) || replicates < 20) throw new SurvinferError({ code: "OPTION_INVALID", message: `replicates must be an integer ≥ 20; got ${replicates}` });
  if (!(level > 0 && level < 1)) throw new SurvinferError({ code: "OPTION_INVALID", message: `level must be in (0, 1); got ${level}` });
  const n = time.length;
  const km = kmSteps(time, status);
  const tMax = time.reduce((m, t) => Math.max(m, t), 0);
  // KM steps at event times only (censoring-only times do not move the curve): boundaries 0, t_1, ..., t_m, tMax
  const bounds: number[] = [0];
  const kv: number[] = [1];
  for (let j = 0; j < km.t.length; j++) {
    if (km.s[j] !== kv[kv.length - 1]) {
      bounds.push(km.t[j]);
      kv.push(km.s[j]);
    }
  }
  bounds.push(tMax);
  const sModel = modelSurv(bounds);
  let maxDistance = 0;
  let at = 0;
  let side: "above" | "below" = "above";
  const aboveRaw: { from: number; to: number }[] = [];
  for (let j = 0; j < kv.length; j++) {
    for (const [s, t] of [[sModel[j], bounds[j]], [sModel[j + 1], bounds[j + 1]]] as const) {
      const dist = Math.abs(s - kv[j]);
      if (dist > maxDistance) {
        maxDistance = dist;
        at = t;
        side = s > kv[j] ? "above" : "below";
      }
    }
    if (sModel[j + 1] > kv[j] && bounds[j + 1] > bounds[j]) aboveRaw.push({ from: bounds[j], to: bounds[j + 1] });
  }
  const modelAbove = merge(aboveRaw);

  // bootstrap simultaneous band of the KM
  const rng = streams(seed, 1)[0];
  const sup: number[] = [];
  const tb = new Float64Array(n);
  const db = new Int32Array(n);
  for (let b = 0; b < replicates; b++) {
    let tMaxB = 0;
    for (let i = 0; i < n; i++) {
      const r = Math.floor(rng.uniform() * n);
      tb[i] = time[r];
      db[i] = status[r];
      tMaxB = Math.max(tMaxB, tb[i]);
    }
    if (!db.some((d) => d === 1)) {
      sup.push(0);
      continue;
    }
    const kb = kmSteps(tb, db);
    let d = 0;
    for (const t of km.t) {
      if (t > tMaxB) break;
      d = Math.max(d, Math.abs(stepAt(kb, t) - stepAt(km, t)));
    }
    sup.push(d);
  }
  sup.sort((a, b) => a - b);
  const halfWidth = quantile7(sup, level);
  const outsideRaw: { from: number; to: number; side: "above" | "below" }[] = [];
  for (let j = 0; j < kv.length; j++) {
    const hi = Math.max(sModel[j], sModel[j + 1]);
    const lo = Math.min(sModel[j], sModel[j + 1]);
    if (hi > kv[j] + halfWidth) outsideRaw.push({ from: bounds[j], to: bounds[j + 1], side: "above" });
    else if (lo < kv[j] - halfWidth) outsideRaw.push({ from: bounds[j], to: bounds[j + 1], side: "below" });
  }
  const outside: { from: number; to: number; side: "above" | "below" }[] = [];
  for (const o of outsideRaw) {
    const last = outside[outside.length - 1];
    if (last !== undefined && last.side === o.side && last.to === o.from) outside[outside.length - 1] = { ...last, to: o.to };
    else outside.push(o);
  }
  const warnings: string[] = [];
  if (outside.length > 0) warnings.push(`the cure model's survival curve leaves the ${Math.round(level * 100)}% bootstrap band of the Kaplan–Meier estimate (${outside.map((o) => `${o.side} it from ${fmt(o.from)} to ${fmt(o.to)}`).join("; ")}): the model does not describe these data there`);
  return { method: "cure-fit-check", maxDistance, at, side, modelAbove, band: { halfWidth, level, replicates, seed }, withinBand: outside.length === 0, outside, warnings };
}

function merge(list: readonly { from: number; to: number }[]): { from: number; to: number }[] {
  const out: { from: number; to: number }[] = [];
  for (const s of list) {
    const last = out[out.length - 1];
    if (last !== undefined && last.to === s.from) out[out.length - 1] = { from: last.from, to: s.to };
    else out.push({ ...s });
  }
  return out;
}

function fmt(x: number): string {
  return String(Number(x.toPrecision(3)));
}

/**
 * One sentence on what the check found, for captions: the largest distance and where, the stretch of the
 * tail where the model lies above the KM, and whether the model stays inside the band.
 */
export function cureFitCaption(c: CureFitCheckResult, unit: string): string {
  const parts = [`Largest distance between the model curve and the Kaplan–Meier estimate: ${c.maxDistance.toFixed(3)} at ${fmt(c.at)} ${unit} (model ${c.side})`];
  const tail = c.modelAbove[c.modelAbove.length - 1];
  if (tail !== undefined && tail.to - tail.from > 0) parts.push(`the model lies above the Kaplan–Meier estimate from ${fmt(tail.from)} to ${fmt(tail.to)} ${unit}`);
  const bandText = `the ${Math.round(c.band.level * 100)}% simultaneous bootstrap band of the Kaplan–Meier estimate (±${c.band.halfWidth.toFixed(3)}; ${c.band.replicates} resamples, seed ${c.band.seed})`;
  parts.push(c.withinBand ? `the model curve stays inside ${bandText}` : `the model curve leaves ${bandText} ${c.outside.map((o) => `(${o.side}, ${fmt(o.from)}–${fmt(o.to)} ${unit})`).join(", ")}`);
  return `${parts.join("; ")}.`;
}
