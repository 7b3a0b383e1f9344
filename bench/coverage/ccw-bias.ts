/**
 * Where does the bias of clone–censor–weight's survival difference come from (issue 14 item 5)? One very
 * large lms cohort (no bootstrap), three numbers per strategy at 12/36/60 months:
 * - the engine's estimate (`runPipeline`, the study's covariates entering linearly, complete latent values);
 * - the same weighted Kaplan–Meier with the *true* censoring weights of the simulator (oracle weights):
 *   control arm K(t|x) = 1 − ps(x)·P(W < t) (treatment hazard among the untreated alive is
 *   ps·g(t) / (1 − ps·G_W(t)), the same for every death hazard), treat arm K = P(operated by G | alive at G, x);
 * - the truths from the patients' potential outcomes (exact survival probabilities averaged over the cohort):
 *   "never within G", "operate at W if alive" (the truth used so far) and the strategy the clone–censor–weight
 *   treat arm emulates: natural course up to G, then everyone alive and unoperated operated at G.
 * Then the engine with the piecewise censoring model per number of periods (PERIODS=1,2,4,8), and (unless
 * ENGINE_ONLY=1) a hand-written logistic treat arm with a Cox-per-period control arm (KS=1,2,4). SKIP_COX=1 skips the
 * single-Cox engine run; DEBUGW=1 checks that this script's weighted Kaplan–Meier reproduces the engine's.
 * `npx tsx bench/coverage/ccw-bias.ts --n 200000 --seed 1` (docs/validation.md, issue 14).
 */
import { simulateCohort, DAYS_PER_MONTH } from "../../src/simulate/index.js";
import { baselineCdf, cumulativeHazard } from "../../src/simulate/lms.js";
import { runPipeline } from "../../src/causal/ccw/estimate.js";
import { cloneArm } from "../../src/causal/ccw/clone.js";
import type { CcwInput } from "../../src/causal/ccw/types.js";

const argv = process.argv.slice(2);
const arg = (f: string, d: string): string => (argv.includes(f) ? argv[argv.indexOf(f) + 1] : d);
const n = Number(arg("--n", "200000"));
const seed = Number(arg("--seed", "1"));
const G = 12;
const months = [12, 36, 60];

const sim = simulateCohort({ n, seed });
const p = sim.truth.parameters;
const c = sim.columns;
const l = sim.latent;
const time = new Float64Array(n);
const status = new Int32Array(n);
const treatmentTime = new Float64Array(n);
const cols = ["age", "male", "size", "extraMets", "sync", "grade2", "grade3"];
const x = new Float64Array(n * cols.length);
for (let i = 0; i < n; i++) {
  time[i] = (c.dateLastFollowup[i] - c.dateLungMet[i]) / DAYS_PER_MONTH;
  status[i] = Number.isNaN(c.dateDeath[i]) ? 0 : 1;
  treatmentTime[i] = Number.isNaN(c.datePm[i]) ? Number.POSITIVE_INFINITY : (c.datePm[i] - c.dateLungMet[i]) / DAYS_PER_MONTH;
  const v = [c.agePrimary[i], c.male[i], l.sizeComplete[i], c.nLungMets[i], c.synchronous[i], l.gradeComplete[i] === 2 ? 1 : 0, l.gradeComplete[i] === 3 ? 1 : 0];
  v.forEach((val, j) => (x[j * n + i] = val));
}
const input: CcwInput = { time, status, treatmentTime, x, p: cols.length, columnNames: cols };

// distribution of the wait W (days): 14 + round(45 E)
const maxW = 4000;
const pmfW = new Float64Array(maxW);
for (let k = 0; k < maxW - p.waitMinDays; k++) {
  const lo = Math.max(0, (k - 0.5) / p.waitMeanDays);
  const hi = (k + 0.5) / p.waitMeanDays;
  pmfW[p.waitMinDays + k] = Math.exp(-lo) - Math.exp(-hi);
}
const cdfWBelow = new Float64Array(maxW + 1); // P(W < d)
for (let d = 1; d <= maxW; d++) cdfWBelow[d] = cdfWBelow[d - 1] + pmfW[d - 1];
const Gd = G * DAYS_PER_MONTH;

function report(label: string, tr: number[], co: number[]): void {
  console.log(`${label.padEnd(58)} ${months.map((_, k) => `${tr[k].toFixed(4)} ${co[k].toFixed(4)} ${(tr[k] - co[k]).toFixed(4)}`).join(" | ")}`);
}
console.log(`n = ${n}, seed ${seed}; per time (12 | 36 | 60): treat, control, difference`);

// --- truths from potential outcomes ---
{
  const never = months.map(() => 0);
  const opW = months.map(() => 0);
  const ccwT = months.map(() => 0);
  for (let i = 0; i < n; i++) {
    const th = l.theta[i];
    const w = l.waitDays[i];
    const ps = l.propensity[i];
    months.forEach((m, k) => {
      const t = m * DAYS_PER_MONTH;
      const s0 = Math.exp(-cumulativeHazard(th, t, Number.POSITIVE_INFINITY, p));
      never[k] += s0 / n;
      opW[k] += Math.exp(-cumulativeHazard(th, t, w <= Gd ? w : Number.POSITIVE_INFINITY, p)) / n;
      // CCW treat strategy: planned operated at W (≤ G), the others at G (natural course until G)
      const sPlanned = Math.exp(-cumulativeHazard(th, t, w <= Gd ? w : Gd, p));
      const sOther = Math.exp(-cumulativeHazard(th, t, Gd, p));
      ccwT[k] += (ps * sPlanned + (1 - ps) * sOther) / n;
    });
  }
  report("truth: operate at W (≤ G) vs never", opW, never);
  report("truth: CCW strategy (natural until G, rest at G) vs never", ccwT, never);
}

// --- engine ---
const t0 = Date.now();
const est = process.env.SKIP_COX ? null : runPipeline(input, { grace: G, times: months, tau: null, stabilized: false, confLevel: 0.95, censoring: { model: "cox", periods: 1 } });
if (est !== null) report(`engine (Cox censoring models), ${((Date.now() - t0) / 1000).toFixed(1)} s`, est.arms[0].survival as number[], est.arms[1].survival as number[]);
const maxOf = (a: Float64Array): number => a.reduce((m, v) => Math.max(m, v), 0);
if (est !== null) console.log(`  largest weights ${est.arms.map((a) => maxOf(a.endWeights).toFixed(1)).join(", ")}; censoring fits: ${est.arms.map((a) => JSON.stringify(a.censoringModel?.coef.map((b) => b?.toFixed(3)))).join(" ; ")} converged ${est.arms.map((a) => a.censoringModel?.converged).join(",")}`);

for (const periods of (process.env.PERIODS ?? "1,2,4,8").split(",").map(Number)) {
  const t1 = Date.now();
  const e = runPipeline(input, { grace: G, times: months, tau: null, stabilized: false, confLevel: 0.95, censoring: { model: "piecewise", periods } });
  report(`engine piecewise, ${periods} period(s), ${((Date.now() - t1) / 1000).toFixed(1)} s`, e.arms[0].survival as number[], e.arms[1].survival as number[]);
}
if (process.env.ENGINE_ONLY) process.exit(0);

// --- oracle weights ---
function weightedKm(tc: Float64Array, st: Int32Array, w: (i: number, tMonths: number) => number, varying: (t: number) => boolean): number[] {
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => tc[a] - tc[b]);
  const evTimes = [...new Set(order.filter((i) => st[i] === 1).map((i) => tc[i]))].sort((a, b) => a - b);
  let S = 1;
  const out = months.map(() => Number.NaN);
  let start = 0; // first index in order with tc ≥ t
  let k = 0;
  // suffix sums of the constant (after-G) weights
  const suffix = new Float64Array(n + 1);
  for (let r = n - 1; r >= 0; r--) suffix[r] = suffix[r + 1] + w(order[r], 1e9);
  for (const t of evTimes) {
    while (k < months.length && months[k] < t) out[k++] = S;
    while (start < n && tc[order[start]] < t) start++;
    let R = 0;
    if (varying(t)) for (let r = start; r < n; r++) R += w(order[r], t);
    else R = suffix[start];
    let D = 0;
    for (let r = start; r < n && tc[order[r]] === t; r++) if (st[order[r]] === 1) D += w(order[r], t);
    S *= 1 - D / R;
  }
  while (k < months.length) out[k++] = S;
  return out;
}
{
  const tr = cloneArm(time, status, treatmentTime, G, "treat");
  const co = cloneArm(time, status, treatmentTime, G, "control");
  // control: 1/K(t−|x), K = 1 − ps P(W < t)
  const wCo = (i: number, t: number): number => {
    const d = Math.min(maxW, Math.ceil(Math.min(t, G) * DAYS_PER_MONTH - 1e-9));
    return 1 / (1 - l.propensity[i] * cdfWBelow[d]);
  };
  // treat: after G, 1 / P(operated by G | alive at G, x)
  const pOp = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const th = l.theta[i];
    const ps = l.propensity[i];
    let s1 = 0;
    let pw = 0;
    for (let d = p.waitMinDays; d <= Math.floor(Gd); d++) {
      if (pmfW[d] < 1e-15) continue;
      s1 += pmfW[d] * Math.exp(-cumulativeHazard(th, Gd, d, p));
      pw += pmfW[d];
    }
    const s0 = Math.exp(-th * baselineCdf(Gd, p));
    const alivePlannedOp = ps * s1;
    const aliveUnop = (1 - ps) * s0 + ps * (1 - pw) * s0;
    pOp[i] = alivePlannedOp / (alivePlannedOp + aliveUnop);
  }
  const wTr = (i: number, t: number): number => (t > G ? 1 / pOp[i] : 1);
  report("oracle weights", weightedKm(tr.tc, tr.status, wTr, (t) => t <= G + 1e-9), weightedKm(co.tc, co.status, wCo, (t) => t <= G + 1e-9));
  // mixed: oracle treat, engine control and vice versa are in the engine's arms above
}

// --- candidate censoring models ---
import { logisticRegression } from "../../src/regression/logistic.js";
import { coxFitWithoutConcordance } from "../../src/survival/cox/fit.js";

/** Efron baseline cumulative hazard with delayed entry: risk set at t = {entry < t ≤ exit}. */
function efronBaselineEntry(entry: Float64Array, exit: Float64Array, ev: Int32Array, r: Float64Array): { time: number[]; value: number[] } {
  const m = exit.length;
  const evIdx = Array.from({ length: m }, (_, i) => i).filter((i) => ev[i] === 1).sort((a, b) => exit[a] - exit[b]);
  const times = [...new Set(evIdx.map((i) => exit[i]))];
  // S0(t) = Σ_{exit ≥ t} r − Σ_{entry ≥ t} r
  const byExit = Array.from({ length: m }, (_, i) => i).sort((a, b) => exit[b] - exit[a]);
  const byEntry = Array.from({ length: m }, (_, i) => i).sort((a, b) => entry[b] - entry[a]);
  const out: number[] = [];
  let H = 0;
  const hs = new Map<number, number>();
  let qa = 0, qb = 0, sExit = 0, sEntry = 0;
  for (const t of [...times].reverse()) {
    for (; qa < m && exit[byExit[qa]] >= t; qa++) sExit += r[byExit[qa]];
    for (; qb < m && entry[byEntry[qb]] >= t; qb++) sEntry += r[byEntry[qb]];
    const S0 = sExit - sEntry;
    let d = 0, S0D = 0;
    for (const i of evIdx) if (exit[i] === t) { d++; S0D += r[i]; }
    let h = 0;
    for (let k = 0; k < d; k++) h += 1 / (S0 - (k / d) * S0D);
    hs.set(t, h);
  }
  for (const t of times) { H += hs.get(t)!; out.push(H); }
  return { time: times, value: out };
}

function stepLeftArr(f: { time: number[]; value: number[] }, t: number): number {
  let lo = 0, hi = f.time.length;
  while (lo < hi) { const mid = (lo + hi) >>> 1; if (f.time[mid] < t) lo = mid + 1; else hi = mid; }
  return lo === 0 ? 0 : f.value[lo - 1];
}

{
  const tr = cloneArm(time, status, treatmentTime, G, "treat");
  const co = cloneArm(time, status, treatmentTime, G, "control");
  const p0 = cols.length;
  // treat arm: logistic regression of deviation among the clones at risk at G
  const atG: number[] = [];
  for (let i = 0; i < n; i++) if (tr.tc[i] >= G) atG.push(i);
  const m = atG.length;
  const xg = new Float64Array(m * p0);
  for (let j = 0; j < p0; j++) atG.forEach((i, r) => (xg[j * m + r] = x[j * n + i]));
  const lg = logisticRegression({ y: Int32Array.from(atG, (i) => tr.dev[i]), x: xg, columnNames: cols, addIntercept: true });
  const pDev = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let eta = lg.coef[0];
    for (let j = 0; j < p0; j++) eta += lg.coef[j + 1] * x[j * n + i];
    pDev[i] = 1 / (1 + Math.exp(-eta));
  }
  console.log(`  treat-arm logistic coefficients ${lg.coef.map((b) => b.toFixed(3)).join(", ")}; largest weight ${Math.max(...atG.filter((i) => tr.dev[i] === 0).map((i) => 1 / (1 - pDev[i]))).toFixed(1)}`);
  const wTrLogit = (i: number, t: number): number => (t > G ? 1 / (1 - pDev[i]) : 1);
  const kmTrLogit = weightedKm(tr.tc, tr.status, wTrLogit, (t) => t <= G + 1e-9);

  // control arm: piecewise Cox (coefficients per period), cuts at quantiles of the deviation times
  const devT = Array.from(co.tc).filter((_, i) => co.dev[i] === 1).sort((a, b) => a - b);
  for (const K of (process.env.KS ?? "1").split(",").map(Number)) {
    const cuts = [0, ...Array.from({ length: K - 1 }, (_, k) => devT[Math.floor(((k + 1) * devT.length) / K)]), Number.POSITIVE_INFINITY];
    const parts: { r: Float64Array; base: { time: number[]; value: number[] }; a: number; b: number }[] = [];
    for (let k = 0; k < K; k++) {
      const a = cuts[k], b = cuts[k + 1];
      const rows: number[] = [];
      for (let i = 0; i < n; i++) if (co.tc[i] > a) rows.push(i);
      const mm = rows.length;
      const xs = new Float64Array(mm * p0);
      for (let j = 0; j < p0; j++) rows.forEach((i, r) => (xs[j * mm + r] = x[j * n + i]));
      const entry = Float64Array.from(rows, () => a);
      const exit = Float64Array.from(rows, (i) => Math.min(co.tc[i], b));
      const ev = Int32Array.from(rows, (i) => (co.dev[i] === 1 && co.tc[i] <= b ? 1 : 0));
      const fit = coxFitWithoutConcordance({ time: exit, status: ev, entry, x: xs, p: p0, columnNames: cols }, { ties: "efron" });
      const rr = Float64Array.from(fit.linearPredictors, (v) => Math.exp(v));
      const base = efronBaselineEntry(entry, exit, ev, rr);
      // risk of every clone in this period's centring
      // the fit's own centring: c = xβ − lp of its first row
      const xb = (i: number): number => { let v = 0; for (let j = 0; j < p0; j++) v += (fit.terms[j].coef ?? 0) * x[j * n + i]; return v; };
      const cShift = xb(rows[0]) - fit.linearPredictors[0];
      const rAll = new Float64Array(n);
      for (let i = 0; i < n; i++) rAll[i] = Math.exp(xb(i) - cShift);
      parts.push({ r: rAll, base, a, b });
    }
    const wCoPw = (i: number, t: number): number => {
      let lw = 0;
      for (const q of parts) lw += q.r[i] * stepLeftArr(q.base, Math.min(t, 1e6));
      return Math.exp(lw);
    };
    const kmCo = weightedKm(co.tc, co.status, wCoPw, (t) => t <= G + 1e-9);
    report(`treat logistic, control Cox in ${K} period(s)`, kmTrLogit, kmCo);
  }
}

if (process.env.DEBUGW) {
  const co = cloneArm(time, status, treatmentTime, G, "control");
  const p0 = cols.length;
  const fit = coxFitWithoutConcordance({ time: co.tc, status: co.dev, x, p: p0, columnNames: cols }, { ties: "efron" });
  const rr = Float64Array.from(fit.linearPredictors, (v) => Math.exp(v));
  const base = efronBaselineEntry(new Float64Array(n), co.tc, co.dev, rr);
  const ew = est!.arms[1].endWeights;
  let maxRel = 0;
  for (let i = 0; i < n; i++) {
    const mine = Math.exp(rr[i] * stepLeftArr(base, co.tc[i]));
    maxRel = Math.max(maxRel, Math.abs(mine / ew[i] - 1));
  }
  console.log(`engine vs my end weights (control): max rel diff ${maxRel}; base at G ${stepLeftArr(base, G + 1)}; coef ${fit.terms.map((t) => t.coef?.toFixed(3))}`);
  // engine weighted KM vs mine with the engine's weights
  const { armWeights, logWeight } = await import("../../src/causal/ccw/weights.js");
  const aw = armWeights(co, x, p0, cols, false, "control");
  const km = weightedKm(co.tc, co.status, (i, t) => Math.exp(logWeight(aw, i, Math.min(t, 1e6))), (t) => t <= G + 1e-9);
  console.log(`my KM with the engine's weights: ${km.map((v) => v.toFixed(4)).join(" ")}; engine curve ${est!.arms[1].survival.map((v) => v?.toFixed(4)).join(" ")}`);
}
