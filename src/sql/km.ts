/**
 * Kaplan–Meier in the database: the per-(group, time) counts and risk sets come from one GROUP BY with a
 * window sum (event-cells.ts); the product limit, Greenwood or infinitesimal-jackknife variance, limits,
 * quantiles and the summary at chosen times are the in-memory engine's own functions, so the result is
 * the same `KaplanMeierResult` that `kaplanMeier()` returns (src/survival/kaplan-meier.ts) and the CLI's
 * output code is reused.
 *
 * Ŝ(t) = Π_{t_j ≤ t} (1 − d_j/n_j); Greenwood Var(log Ŝ) = Σ d_j/(n_j(n_j − d_j)) (Kaplan & Meier 1958,
 * doi:10.1080/01621459.1958.10501452). Robust (R's default with non-integer weights, survfit robust = TRUE,
 * one cluster per row): Var Ŝ(t) = Ŝ(t)² Σ_k w_k² B_k(t)², with C(t) the Greenwood sum and, for a row
 * leaving at t_k ≤ t, B_k = C(t_k) − δ_k/(n_k − d_k), else B_k = C(t). B_k is constant within a
 * (time, status) cell, so the sums of w² per cell suffice: no row-level pass.
 * R: `survival::survfit(Surv(time, status) ~ group, data, weights = w)`.
 * Deliberate difference from the in-memory engine: delayed entry (Simon–Makuch) is not available here.
 */
import { productLimit, summaryAtTimes, validateCommonOptions, validateTimesOption, type KaplanMeierOptions, type KaplanMeierResult, type KaplanMeierStratum, type KmVariance, type StratumTable } from "../survival/kaplan-meier.js";
import { survivalLimitsCurve } from "../survival/conf-int.js";
import { survivalQuantiles } from "../survival/survival-quantile.js";
import { optionError } from "../errors.js";
import { eventCells, type EventCells } from "./event-cells.js";
import type { SqlEngine } from "./engine.js";
import type { SurvivalRelation } from "./survival-columns.js";

const EMPTY = new Int32Array(0);

/** One group's slice [from, to) of the cells as the product-limit kernel's table. */
function stratumTable(c: EventCells, from: number, to: number, name: string): StratumTable {
  return {
    level: c.group[from],
    name,
    rows: EMPTY,
    time: c.time.slice(from, to),
    nRisk: c.nRisk.slice(from, to),
    nEvent: c.nEvent.slice(from, to),
    nCensor: c.nCensor.slice(from, to),
    nEventRows: c.nEventRows.slice(from, to),
    exitPos: EMPTY,
    entryPos: EMPTY,
  };
}

/** IJ standard error of Ŝ from the per-cell Σw² (see the header); 0 once Ŝ = 0, as R. */
export function robustSeFromCells(st: StratumTable, w2Censor: Float64Array, w2Event: Float64Array, surv: Float64Array, cum: Float64Array): Float64Array {
  const m = st.time.length;
  const after = new Float64Array(m + 1); // Σ w² of rows leaving after t_j
  for (let j = m - 1; j >= 0; j--) after[j] = after[j + 1] + w2Censor[j] + w2Event[j];
  const se = new Float64Array(m);
  let fin = 0;
  for (let j = 0; j < m; j++) {
    const c = cum[j];
    fin += w2Censor[j] * c * c;
    if (w2Event[j] > 0) {
      const b = st.nEvent[j] > 0 ? c - 1 / (st.nRisk[j] - st.nEvent[j]) : c;
      fin += w2Event[j] * b * b;
    }
    se[j] = surv[j] === 0 ? 0 : surv[j] * Math.sqrt(Math.max(fin + c * c * after[j + 1], 0));
  }
  return se;
}

/**
 * The Kaplan–Meier result from event cells (one group per `group` level; strata ignored). `nonIntegerWeights`
 * chooses R's default variance; `levels` names the groups (["all"] without --by).
 */
export function kaplanMeierFromCells(c: EventCells, levels: readonly string[], nonIntegerWeights: boolean, options: KaplanMeierOptions = {}): KaplanMeierResult {
  const common = validateCommonOptions(options);
  const times = validateTimesOption(options.times);
  const probs = options.probs ?? [0.25, 0.5, 0.75];
  if (!Array.isArray(probs) || probs.some((p) => typeof p !== "number" || !(p >= 0 && p <= 1))) throw optionError("probs", "an array of probabilities in [0, 1]", options.probs);
  const variance: KmVariance = options.variance ?? (nonIntegerWeights ? "robust" : "greenwood");
  const warnings: string[] = [];
  const strata: KaplanMeierStratum[] = [];
  let nUsed = 0;
  for (let from = 0; from < c.time.length; ) {
    let to = from;
    while (to < c.time.length && c.group[to] === c.group[from]) to++;
    const st = stratumTable(c, from, to, levels[c.group[from]]);
    let n = 0;
    for (let j = from; j < to; j++) n += c.nRows[j];
    nUsed += n;
    const { surv, greenwood } = productLimit(st);
    const m = to - from;
    const stdErr = new Array<number>(m);
    const stdErrLogSurv = new Array<number>(m);
    let lim: { lower: number[]; upper: number[] };
    if (variance === "greenwood") {
      for (let j = 0; j < m; j++) {
        stdErrLogSurv[j] = Math.sqrt(greenwood[j]);
        stdErr[j] = surv[j] * stdErrLogSurv[j];
      }
      lim = survivalLimitsCurve(surv, stdErrLogSurv, common.confType, common.confLevel, true);
    } else {
      const se = robustSeFromCells(st, c.w2Censor.subarray(from, to), c.w2Event.subarray(from, to), surv, greenwood);
      for (let j = 0; j < m; j++) {
        stdErr[j] = se[j];
        stdErrLogSurv[j] = se[j] === 0 ? 0 : se[j] / surv[j];
      }
      lim = survivalLimitsCurve(surv, se, common.confType, common.confLevel, false);
    }
    const survArr = Array.from(surv);
    const quantiles = survivalQuantiles(st.time, survArr, lim.lower, lim.upper, probs);
    const med = survivalQuantiles(st.time, survArr, lim.lower, lim.upper, [0.5])[0];
    const at = summaryAtTimes({ ...st, surv: survArr, stdErr, lower: lim.lower, upper: lim.upper }, times);
    const past = at.filter((a) => !a.estimable).map((a) => a.time);
    if (past.length > 0) warnings.push(`group "${st.name}": no estimate at time(s) ${past.join(", ")} past the last observation (${st.time[m - 1]}); no extrapolation`);
    let events = 0;
    for (let j = 0; j < m; j++) events += st.nEvent[j];
    strata.push({
      name: st.name,
      n,
      events,
      time: Array.from(st.time),
      nRisk: Array.from(st.nRisk),
      nEvent: Array.from(st.nEvent),
      nCensor: Array.from(st.nCensor),
      surv: survArr,
      stdErr,
      stdErrLogSurv,
      lower: lim.lower,
      upper: lim.upper,
      median: { estimate: med.estimate, lower: med.lower, upper: med.upper },
      quantiles,
      at,
    });
    from = to;
  }
  return {
    method: "kaplan-meier",
    schemaVersion: 1,
    n: nUsed,
    strata,
    options: { ...common, variance, times: [...times], probs: [...probs], medianRule: "quantile.survfit" },
    warnings,
  };
}

/** Kaplan–Meier of relation `rel` (its `g` groups) computed in the database; warnings include the dropped rows. */
export async function kaplanMeierSql(engine: SqlEngine, rel: SurvivalRelation, options: KaplanMeierOptions = {}): Promise<KaplanMeierResult> {
  return (await kaplanMeierSqlCells(engine, rel, options)).result;
}

/** As kaplanMeierSql, also returning the event cells (for the reverse-KM follow-up without a second scan). */
export async function kaplanMeierSqlCells(engine: SqlEngine, rel: SurvivalRelation, options: KaplanMeierOptions = {}): Promise<{ result: KaplanMeierResult; cells: EventCells }> {
  const cells = await eventCells(engine, rel, options.timefix ?? true);
  const res = kaplanMeierFromCells(cells, rel.group?.levels ?? ["all"], rel.nonIntegerWeights, options);
  return { result: { ...res, warnings: [...rel.warnings, ...res.warnings] }, cells };
}
