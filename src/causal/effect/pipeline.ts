/**
 * The whole treatment-effect pipeline at matrix level, pure and deterministic: PS model → matching
 * and/or weighting → Cox models of the treatment (crude, multivariable, matched with cluster-robust SE,
 * pair-stratified, weighted with robust and M-estimation SE, covariate-adjusted versions, which give
 * conditional HRs: see estimand.ts) → marginal survival and RMST contrasts. The bootstrap re-runs exactly this function on
 * each resample (`full = false` skips what the bootstrap does not need: M-estimation, log-rank).
 */
import { normalQuantile } from "../../math/distributions.js";
import { coxFit } from "../../survival/cox/fit.js";
import type { CoxInput, CoxResult } from "../../survival/cox/types.js";
import { logrankTest } from "../../survival/logrank.js";
import { iptwCoxMEstimation } from "../m-estimation.js";
import { matchPropensity } from "../match.js";
import { propensityScore } from "../propensity.js";
import { propensityWeights } from "../weight.js";
import { marginalContrast } from "./marginal.js";
import type { CoreEstimate, CoreResult, EffectData, EffectSpec, EstimateId, MatchedLogrank, RandomOrderCheck } from "./types.js";

interface CoxDesign {
  readonly input: CoxInput;
  /** Row indices of `data` used. */
  readonly rows: Int32Array;
}

/** Cox design for rows with weight > 0 (all rows when `w` is null): treatment first, then (optionally) the covariates. */
function coxDesign(
  data: EffectData,
  w: ArrayLike<number> | null,
  adjust: boolean,
  extra: { cluster?: ArrayLike<number | null>; strata?: ArrayLike<number | null>; robust?: boolean } = {},
): CoxDesign {
  const n0 = data.time.length;
  const keep: number[] = [];
  for (let i = 0; i < n0; i++) if (w === null || w[i] > 0) keep.push(i);
  const n = keep.length;
  const rows = Int32Array.from(keep);
  const p = adjust ? 1 + data.q : 1;
  const x = new Float64Array(n * p);
  for (let k = 0; k < n; k++) x[k] = data.treat[rows[k]];
  if (adjust) for (let j = 0; j < data.q; j++) for (let k = 0; k < n; k++) x[(j + 1) * n + k] = data.x[j * n0 + rows[k]];
  const codes = (v: ArrayLike<number | null> | undefined): Int32Array | undefined => (v === undefined ? undefined : Int32Array.from(rows, (i) => v[i] ?? -1));
  return {
    rows,
    input: {
      time: Float64Array.from(rows, (i) => data.time[i]),
      status: Int32Array.from(rows, (i) => data.status[i]),
      x,
      p,
      columnNames: adjust ? ["treatment", ...data.columnNames] : ["treatment"],
      weights: w === null ? undefined : Float64Array.from(rows, (i) => w[i]),
      cluster: codes(extra.cluster),
      strata: codes(extra.strata),
    },
  };
}

/** Largest |log HR| taken as a finite estimate: exp(10) ≈ 22,000, beyond any plausible treatment effect. */
export const MAX_ABS_LOG_HR = 10;

/**
 * Whether the treatment coefficient of a Cox fit diverged: no convergence, a coefficient not estimable,
 * beyond ±MAX_ABS_LOG_HR, or flagged as possibly infinite (monotone likelihood, fit.ts's toler.inf check).
 */
export function coxDiverged(fit: CoxResult): boolean {
  const coef = fit.terms[0]?.coef ?? null;
  if (!fit.converged || coef === null || !Number.isFinite(coef) || Math.abs(coef) > MAX_ABS_LOG_HR) return true;
  return fit.warnings.some((w) => w.includes(`"${fit.terms[0].name}" may be infinite`));
}

function treatmentTerm(
  id: EstimateId,
  fit: CoxResult,
  design: CoxDesign,
  variance: string,
  rCall: string,
  adjustedFor: readonly string[],
  se?: number,
): CoreEstimate {
  const t = fit.terms[0];
  const useSe = se ?? (t.robustSe ?? t.se);
  return {
    id,
    coef: t.coef,
    se: t.coef === null ? null : useSe,
    n: design.rows.length,
    nEvents: fit.nEvent,
    variance,
    rCall,
    adjustedFor,
    warnings: fit.warnings,
    diverged: coxDiverged(fit),
  };
}

/** The weighting options in words, e.g. "ATE, stabilised, PS trimmed to [0.05, 0.95], truncated at the 99th percentile". */
export function weightingLabel(w: NonNullable<EffectSpec["weighting"]>): string {
  const num = (x: number): number => Number(x.toPrecision(12)); // 1 − 0.07 prints as 0.93, not 0.9299999999999999
  const parts: string[] = [w.estimand];
  if (w.stabilize) parts.push("stabilised");
  if (w.trim !== undefined && w.trim !== null) parts.push(`PS trimmed to [${num(Math.min(w.trim, 1 - w.trim))}, ${num(Math.max(w.trim, 1 - w.trim))}]`);
  if (w.truncate !== undefined && w.truncate !== null) parts.push(`truncated at the ${num(100 * Math.max(w.truncate, 1 - w.truncate))}th percentile`);
  return parts.join(", ");
}

/** Runs the pipeline once. `full` adds the M-estimation variances and the matched log-rank test. */
export function runEffectPipeline(data: EffectData, spec: EffectSpec, full: boolean): CoreResult {
  const n = data.time.length;
  const estimates: CoreEstimate[] = [];
  const warnings: string[] = [];
  const control = { ties: spec.ties, confLevel: spec.confLevel };
  const covs = data.columnNames;
  const covText = covs.join(" + ");
  if (spec.crude) {
    const d = coxDesign(data, null, false);
    const fit = coxFit(d.input, control);
    estimates.push(treatmentTerm("crude", fit, d, "model-based (inverse information)", "coxph(Surv(time, status) ~ treat)", []));
  }
  if (spec.multivariable && data.q > 0) {
    const d = coxDesign(data, null, true);
    const fit = coxFit(d.input, control);
    estimates.push(treatmentTerm("multivariable", fit, d, "model-based (inverse information)", `coxph(Surv(time, status) ~ treat + ${covText})`, covs));
  }
  let ps: Float64Array | null = null;
  let z: Float64Array | null = null;
  let qz = 0;
  if (spec.matching !== null || spec.weighting !== null) {
    const fit = propensityScore({ treatment: data.treat, x: data.x, columnNames: data.columnNames }, { method: spec.psModel });
    warnings.push(...fit.warnings);
    ps = Float64Array.from(fit.ps);
    // PS design with intercept, aliased columns removed (for the M-estimation)
    const coef = fit.model.coef;
    const cols: number[] = [];
    for (let j = 0; j < data.q; j++) if (Number.isFinite(coef[j + 1])) cols.push(j);
    qz = cols.length + 1;
    z = new Float64Array(n * qz);
    z.fill(1, 0, n);
    cols.forEach((j, k) => z!.set(data.x.subarray(j * n, (j + 1) * n), (k + 1) * n));
  }

  let matched: CoreResult["matched"] = null;
  if (spec.matching !== null && ps !== null) {
    const m = spec.matching;
    const ids = data.ids as string[];
    const exactNames = m.exact ?? [];
    if (exactNames.length > 0 && data.exact === undefined) throw new Error("effect pipeline: matching.exact is set but the data carry no exact strata");
    const exact = exactNames.length > 0 ? data.exact : undefined;
    const res = matchPropensity({ treat: data.treat, distance: ps, ids, exact }, m.method === "nearest"
      ? { distance: m.distance, ratio: m.ratio, replace: m.replace, caliper: m.caliper ?? undefined, stdCaliper: m.stdCaliper, order: m.order, seed: m.order === "random" ? m.seed : undefined }
      : { method: m.method, distance: m.distance, ratio: m.method === "full" ? undefined : m.ratio, caliper: m.caliper ?? undefined, stdCaliper: m.stdCaliper, minControls: m.minControls, maxControls: m.maxControls, estimand: m.estimand });
    warnings.push(...res.warnings);
    const w = res.weights;
    let nT = 0;
    let nC = 0;
    for (let i = 0; i < n; i++) {
      if (w[i] > 0 && data.treat[i] === 1) nT++;
      else if (w[i] > 0) nC++;
    }
    if (nT > 0 && nC > 0) {
      // with replacement there is no matched set: cluster on the patient (MatchIt's advice)
      const clusterOnSet = !m.replace;
      const cluster = clusterOnSet ? res.subclass : Array.from({ length: n }, (_, i) => i);
      const d = coxDesign(data, w, false, { cluster });
      const fit = coxFit(d.input, { ...control, robust: true });
      estimates.push(treatmentTerm(
        "matched",
        fit,
        d,
        clusterOnSet ? "robust, clustered on matched set (Austin 2013)" : "robust, clustered on patient (matching with replacement)",
        clusterOnSet
          ? "coxph(Surv(time, status) ~ treat, data = match.data(m), weights = weights, cluster = subclass)"
          : "coxph(Surv(time, status) ~ treat, data = match.data(m), weights = weights, cluster = id)",
        [],
      ));
      if (clusterOnSet) {
        const ds = coxDesign(data, w, false, { strata: res.subclass });
        const fs = coxFit(ds.input, control);
        estimates.push(treatmentTerm(
          "matchedStratified",
          fs,
          ds,
          fs.options.robust ? "robust (non-integer matching weights), stratified on matched set" : "model-based, stratified on matched set",
          "coxph(Surv(time, status) ~ treat + strata(subclass), data = match.data(m), weights = weights)",
          [],
        ));
      }
      if (spec.doublyRobust && data.q > 0) {
        const da = coxDesign(data, w, true, { cluster });
        const fa = coxFit(da.input, { ...control, robust: true });
        estimates.push(treatmentTerm(
          "matchedAdjusted",
          fa,
          da,
          clusterOnSet ? "robust, clustered on matched set" : "robust, clustered on patient",
          `coxph(Surv(time, status) ~ treat + ${covText}, data = match.data(m), weights = weights, cluster = ${clusterOnSet ? "subclass" : "id"})`,
          covs,
        ));
      }
      let logrank: MatchedLogrank | null = null;
      if (full) {
        const rows: number[] = [];
        for (let i = 0; i < n; i++) if (w[i] > 0) rows.push(i);
        const lr = logrankTest({
          time: Float64Array.from(rows, (i) => data.time[i]),
          status: Int32Array.from(rows, (i) => data.status[i]),
          group: { codes: Int32Array.from(rows, (i) => data.treat[i]), levels: ["control", "treated"] },
        });
        logrank = { chisq: lr.chisq, df: lr.df, p: lr.p, observed: lr.groups.map((g) => g.observed), expected: lr.groups.map((g) => g.expected) };
        let allOne = true;
        for (const i of rows) if (w[i] !== 1) allOne = false;
        if (!allOne) warnings.push("the log-rank test on the matched sample counts each matched patient once (survdiff takes no weights); the matching weights are not all 1");
      }
      // greedy-order check: the same matching in a seeded random order, and its matched HR
      let randomOrder: RandomOrderCheck | null = null;
      if (full && m.method === "nearest" && !m.replace && (m.order === "largest" || m.order === "smallest")) {
        const rr = matchPropensity({ treat: data.treat, distance: ps, ids, exact }, { distance: m.distance, ratio: m.ratio, replace: false, caliper: m.caliper ?? undefined, stdCaliper: m.stdCaliper, order: "random", seed: m.seed });
        let rT = 0;
        let rC = 0;
        for (let i = 0; i < n; i++) {
          if (rr.weights[i] > 0 && data.treat[i] === 1) rT++;
          else if (rr.weights[i] > 0) rC++;
        }
        let hr: number | null = null;
        let lower: number | null = null;
        let upper: number | null = null;
        if (rT > 0 && rC > 0) {
          const fr = coxFit(coxDesign(data, rr.weights, false, { cluster: rr.subclass }).input, { ...control, robust: true });
          const t = fr.terms[0];
          const se = t.robustSe ?? t.se;
          if (t.coef !== null && se !== null && !coxDiverged(fr)) {
            const z = normalQuantile(1 - (1 - spec.confLevel) / 2);
            hr = Math.exp(t.coef);
            lower = Math.exp(t.coef - z * se);
            upper = Math.exp(t.coef + z * se);
          }
        }
        randomOrder = { order: m.order, seed: m.seed, treatedMatched: rr.steps.treatedMatched, hr, lower, upper };
      }
      matched = {
        randomOrder,
        n: nT + nC,
        nTreated: nT,
        nControl: nC,
        weights: [...w],
        logrank,
        marginal: marginalContrast(data.time, data.status, data.treat, w, spec.times, spec.tau),
      };
    } else {
      warnings.push("matching left no treated–control pair: no matched estimate");
    }
  }

  let weighted: CoreResult["weighted"] = null;
  if (spec.weighting !== null && ps !== null && z !== null) {
    const { estimand, stabilize } = spec.weighting;
    const trim = spec.weighting.trim ?? undefined;
    const truncate = spec.weighting.truncate ?? undefined;
    // order as propensityWeights: trim PS → weights → stabilise → truncate
    const wr = propensityWeights({ ps, treatment: data.treat, ids: data.ids }, { estimand, stabilize, trimPs: trim, truncate });
    warnings.push(...wr.warnings);
    const w = wr.weights;
    // units whose weight was truncated to the threshold (held fixed in the M-estimation)
    let fixedWeight: Uint8Array | undefined;
    if (wr.truncation !== null) {
      const raw = propensityWeights({ ps, treatment: data.treat, ids: data.ids }, { estimand, stabilize, trimPs: trim }).weights;
      const threshold = wr.truncation.threshold;
      fixedWeight = Uint8Array.from(raw, (v, i) => (wr.included[i] && wr.truncation!.groupsTruncated.includes(data.treat[i]) && v > threshold ? 1 : 0));
    }
    const label = weightingLabel(spec.weighting);
    const heldFixed = [trim !== undefined ? "trimming set" : "", wr.truncation !== null ? "truncation threshold" : ""].filter((x) => x !== "").join(" and ");
    const runWeighted = (adjust: boolean): void => {
      const d = coxDesign(data, w, adjust);
      const fit = coxFit(d.input, { ...control, robust: true });
      const call = `coxph(Surv(time, status) ~ treat${adjust ? ` + ${covText}` : ""}, weights = w, robust = TRUE${trim !== undefined ? ", subset = w > 0" : ""})`;
      const adj = adjust ? covs : [];
      estimates.push(treatmentTerm(adjust ? "weightedAdjusted" : "weighted", fit, d, `robust sandwich, the weights (${label}) treated as known`, call, adj));
      if (full && fit.terms[0].coef !== null && z !== null && ps !== null) {
        // d.rows: the units with weight > 0 (PS-trimmed units enter the PS equations only)
        const me = iptwCoxMEstimation({ cox: d.input, fit, z, q: qz, ps, treat: data.treat, estimand, stabilize, rows: d.rows, fixedWeight });
        estimates.push(treatmentTerm(
          adjust ? "weightedAdjustedMEstimation" : "weightedMEstimation",
          fit,
          d,
          `M-estimation: stacked PS and Cox score equations, weights ${label} (Shu et al. 2021)${heldFixed !== "" ? `; the ${heldFixed} held fixed at ${heldFixed.includes(" and ") ? "their" : "its"} estimated ${heldFixed.includes(" and ") ? "values" : "value"}` : ""}`,
          `${call}; variance by stacked estimating equations (WeightIt::coxph_weightit, vcov = "asympt")`,
          adj,
          Math.sqrt(me.var[0][0]),
        ));
      }
    };
    runWeighted(false);
    if (spec.doublyRobust && data.q > 0) runWeighted(true);
    weighted = { weights: [...w], marginal: marginalContrast(data.time, data.status, data.treat, w, spec.times, spec.tau) };
  }
  return { estimates, ps: ps === null ? null : Array.from(ps), matched, weighted, warnings };
}

/** Names of the bootstrapped statistics, in a fixed order that depends on the spec only. */
export function statisticNames(spec: EffectSpec, q: number): string[] {
  const names: string[] = [];
  if (spec.crude) names.push("logHR:crude");
  if (spec.multivariable && q > 0) names.push("logHR:multivariable");
  const marg = (prefix: string): void => {
    for (const t of spec.times) names.push(`${prefix}:survDifference@${t}`);
    if (spec.tau !== null) names.push(`${prefix}:rmstDifference`);
  };
  if (spec.matching !== null) {
    names.push("logHR:matched");
    if (!spec.matching.replace) names.push("logHR:matchedStratified");
    if (spec.doublyRobust && q > 0) names.push("logHR:matchedAdjusted");
    marg("matched");
  }
  if (spec.weighting !== null) {
    names.push("logHR:weighted");
    if (spec.doublyRobust && q > 0) names.push("logHR:weightedAdjusted");
    marg("weighted");
  }
  return names;
}

/** The statistic vector of one pipeline run (NaN where not estimable), in `statisticNames` order. */
export function statisticValues(spec: EffectSpec, q: number, res: CoreResult): number[] {
  const byName = new Map<string, number>();
  // a diverged fit is a failed replicate, not a huge number in the percentile interval
  for (const e of res.estimates) byName.set(`logHR:${e.id}`, e.diverged ? Number.NaN : (e.coef ?? Number.NaN));
  const put = (prefix: string, m: { marginal: { times: number[]; survDifference: (number | null)[]; rmstDifference: number | null } } | null): void => {
    if (m === null) return;
    m.marginal.times.forEach((t, j) => byName.set(`${prefix}:survDifference@${t}`, m.marginal.survDifference[j] ?? Number.NaN));
    byName.set(`${prefix}:rmstDifference`, m.marginal.rmstDifference ?? Number.NaN);
  };
  put("matched", res.matched);
  put("weighted", res.weighted);
  return statisticNames(spec, q).map((name) => byName.get(name) ?? Number.NaN);
}
