/**
 * Standardised (adjusted) survival curves and absolute contrasts: the front door. Validates the input, fits
 * the nuisance models once (outcome Cox, propensity logistic, censoring Cox), runs each requested estimator
 * for both arms and summarises on the survival scale. Reference: riskRegression::ate (2022.11.28),
 * Ozenne, Scheike, Stærk & Gerds 2020, doi:10.1002/bimj.201800298. See docs/methods.md, "Standardised survival".
 */
import { SurvinferError } from "../../errors.js";
import { aipwRisk } from "./aipw.js";
import { contrastsAtTimes, sumSquaresSe, testedDifference, waldEstimate } from "./contrasts.js";
import { fitCoxNuisance, type CoxNuisance } from "./cox-nuisance.js";
import { gformulaCurve, gformulaRisk, gformulaRmst, populationWeights } from "./gformula.js";
import { censoringGridSize } from "./ipcw.js";
import { iptwRisk } from "./iptw.js";
import { treatmentDesign } from "./outcome-design.js";
import { fitPsNuisance } from "./ps-nuisance.js";
import type { ArmRisk, BandLimits, ContrastAtTime, ContrastEstimand, ContrastEstimator, EstimatorResult, RmstContrast, SimultaneousBand, SurvivalContrastsInput, SurvivalContrastsOptions, SurvivalContrastsResult } from "./types.js";
import { bandQuantile } from "./band.js";
import { normalQuantile } from "../../math/distributions.js";
import { tieNearlyEqualTimes } from "../../survival/tied-times.js";

export type * from "./types.js";

const ALL: readonly ContrastEstimator[] = ["gformula", "iptw", "aipw"];

/** A censoring "model" without censoring: G ≡ 1, no influence. */
function noCensoring(time: Float64Array, p: number, columnNames: readonly string[]): CoxNuisance {
  const n = time.length;
  const e = new Float64Array(0);
  return { n, p, xc: new Float64Array(n * p), means: new Float64Array(p), beta: new Float64Array(p), risk: new Float64Array(n).fill(1), jumpTime: e, dLambda: e, cumHaz: e, s0: e, eBar: e, iidBeta: new Float64Array(n * p), time, event: new Uint8Array(n), columnNames };
}

function checkInput(input: SurvivalContrastsInput, options: SurvivalContrastsOptions): void {
  const n = input.time.length;
  const p = input.columnNames.length;
  if (input.status.length !== n || input.treat.length !== n || input.x.length !== n * p) {
    throw new SurvinferError({ code: "DATA_DIMENSION", message: `time, status, treatment and covariates need ${n} rows each` });
  }
  let n1 = 0;
  for (let i = 0; i < n; i++) {
    if (!(input.time[i] >= 0) || !Number.isFinite(input.time[i])) throw new SurvinferError({ code: "DATA_NEGATIVE_TIME", message: "follow-up time must be finite and ≥ 0", row: i + 1, value: String(input.time[i]) });
    if (input.status[i] > 1) throw new SurvinferError({ code: "DATA_BAD_STATUS", message: "status must be 0 or 1", row: i + 1, value: String(input.status[i]) });
    if (input.treat[i] > 1) throw new SurvinferError({ code: "DATA_INVALID_TREATMENT", message: "treatment must be 0 or 1", row: i + 1, value: String(input.treat[i]) });
    n1 += input.treat[i];
    for (let l = 0; l < p; l++) {
      if (!Number.isFinite(input.x[l * n + i])) throw new SurvinferError({ code: "DATA_MISSING", message: "covariate value missing or not a number", row: i + 1, column: input.columnNames[l], value: String(input.x[l * n + i]), hint: "drop incomplete rows first" });
    }
  }
  if (n1 === 0 || n1 === n) throw new SurvinferError({ code: "DATA_ONE_GROUP", message: `all ${n} patients are ${n1 === 0 ? "untreated" : "treated"}`, hint: "both arms are needed to compare survival" });
  if (options.times.length === 0) throw new SurvinferError({ code: "OPTION_MISSING", message: "give at least one time (--times)" });
  const lastFollowUp = [0, 0];
  for (let i = 0; i < n; i++) lastFollowUp[input.treat[i]] = Math.max(lastFollowUp[input.treat[i]], input.time[i]);
  const check = (label: string, t: number): void => {
    if (!(t > 0) || !Number.isFinite(t)) throw new SurvinferError({ code: "OPTION_INVALID", message: `${label} must be a positive number; got ${t}` });
    for (const arm of [0, 1] as const) {
      if (t > lastFollowUp[arm]) {
        throw new SurvinferError({
          code: "EFFECTS_TIME_BEYOND_FOLLOW_UP",
          message: `${label} ${t} is beyond the follow-up of the ${arm === 1 ? "treated" : "untreated"} patients (last follow-up time ${lastFollowUp[arm]})`,
          value: String(t),
          hint: `choose times up to ${Math.min(lastFollowUp[0], lastFollowUp[1])}; survival beyond the data is extrapolation`,
        });
      }
    }
  };
  for (const t of options.times) check("time", t);
  if (options.tau !== undefined) check("tau", options.tau);
}

/** Bands of the survival per arm and of S₁ − S₀ (same multipliers for the three; band.ts). */
function simultaneousBand(times: readonly number[], untreated: ArmRisk, treated: ArmRisk, at: readonly ContrastAtTime[], confLevel: number, nsim: number, seed: number): SimultaneousBand {
  const diffIid = times.map((_, t) => Float64Array.from(treated.iid[t], (v, j) => untreated.iid[t][j] - v));
  const q = (iid: readonly Float64Array[]): number => bandQuantile(iid, iid.map(sumSquaresSe), nsim, seed, confLevel);
  const quantile = { untreated: q(untreated.iid), treated: q(treated.iid), difference: q(diffIid) };
  const lim = (e: { estimate: number; se: number }, k: number): BandLimits => ({ lower: e.estimate - k * e.se, upper: e.estimate + k * e.se });
  return {
    nsim,
    seed,
    confLevel,
    quantile,
    at: at.map((a) => ({ time: a.time, untreated: lim(a.survival.untreated, quantile.untreated), treated: lim(a.survival.treated, quantile.treated), difference: lim(a.difference, quantile.difference) })),
  };
}

function armPair(run: (arm: 0 | 1) => ArmRisk): [ArmRisk, ArmRisk] {
  return [run(0), run(1)];
}

/**
 * Standardised survival per arm at `times` and its contrasts by the g-formula, IPTW and AIPW
 * (riskRegression::ate with Breslow Cox models, logistic PS and a Cox censoring model on treatment + covariates).
 */
export function survivalContrasts(input: SurvivalContrastsInput, options: SurvivalContrastsOptions): Readonly<SurvivalContrastsResult> {
  checkInput(input, options);
  const estimand: ContrastEstimand = options.estimand ?? "ATE";
  const requested = options.estimators ?? ALL;
  const warnings: string[] = [];
  let estimators = [...new Set(requested)];
  if (estimand === "ATT" && estimators.some((e) => e !== "gformula")) {
    if (options.estimators !== undefined && estimators.length < ALL.length) {
      throw new SurvinferError({ code: "OPTION_CONFLICT", message: "the ATT is available for the g-formula only", hint: "use --estimator gformula with --estimand ATT, or --estimand ATE" });
    }
    estimators = ["gformula"];
    warnings.push("the ATT is computed by the g-formula only (IPTW and AIPW give the ATE)");
  }
  const confLevel = options.confLevel ?? 0.95;
  const times = [...options.times];
  // survival's timefix rule (aeqSurv): near-equal times are one time, for the Cox fits and the baseline hazards alike
  const time = tieNearlyEqualTimes(input.time);
  const { status, treat } = input;
  const n = time.length;
  const design = treatmentDesign(treat, input.x, input.columnNames);
  const weighted = estimators.some((e) => e !== "gformula");
  const ps = weighted ? fitPsNuisance(treat, input.x, input.columnNames) : null;
  const mo = fitCoxNuisance(time, status, design.x, design.columnNames, "outcome");
  let mc: CoxNuisance | null = null;
  if (weighted) {
    const cens = Uint8Array.from(status, (s) => 1 - s);
    mc = cens.some((c) => c === 1) ? fitCoxNuisance(time, cens, design.x, design.columnNames, "censoring") : noCensoring(time, design.columnNames.length, design.columnNames);
    let minPs = 1;
    for (const e of ps!.ps) minPs = Math.min(minPs, e, 1 - e);
    if (minPs < 0.01) warnings.push(`some propensity scores are extreme (min(e, 1 − e) = ${minPs.toPrecision(2)}): IPTW and AIPW weights above 100 make these estimates unstable`);
  }
  const v = populationWeights(treat, estimand);
  const results: EstimatorResult[] = [];
  for (const est of estimators) {
    let pair: [ArmRisk, ArmRisk];
    if (est === "gformula") pair = armPair((a) => gformulaRisk(mo, v, a, times));
    else if (est === "iptw") pair = armPair((a) => iptwRisk(ps!, mc!, status, treat, a, times));
    else {
      const grid = censoringGridSize(mc!, times);
      pair = armPair((a) => aipwRisk(ps!, mo, mc!, status, treat, a, times, grid));
    }
    const at = contrastsAtTimes(times, pair[0], pair[1], confLevel);
    const band = options.band ? simultaneousBand(times, pair[0], pair[1], at, confLevel, options.band.nsim ?? 1000, options.band.seed ?? 1) : undefined;
    const r: EstimatorResult = { estimator: est, estimand: est === "gformula" ? estimand : "ATE", at, ...(band ? { band } : {}) };
    if (est === "gformula" && options.tau !== undefined) {
      const z = normalQuantile(1 - (1 - confLevel) / 2);
      const r0 = gformulaRmst(mo, v, 0, options.tau);
      const r1 = gformulaRmst(mo, v, 1, options.tau);
      const rmst: RmstContrast = {
        tau: options.tau,
        untreated: waldEstimate(r0.rmst, sumSquaresSe(r0.iid), z),
        treated: waldEstimate(r1.rmst, sumSquaresSe(r1.iid), z),
        difference: testedDifference(r1.rmst - r0.rmst, sumSquaresSe(Float64Array.from(r1.iid, (x, j) => x - r0.iid[j])), z),
        seMethod: "influence function",
      };
      results.push({ ...r, rmst });
    } else results.push(r);
  }
  let nEvent = 0;
  let nTreated = 0;
  for (let i = 0; i < n; i++) {
    nEvent += status[i];
    nTreated += treat[i];
  }
  const curve = { time: [0, ...mo.jumpTime], untreated: [1, ...gformulaCurve(mo, v, 0)], treated: [1, ...gformulaCurve(mo, v, 1)] };
  return Object.freeze({
    schemaVersion: 1 as const,
    method: "standardised survival (riskRegression::ate)" as const,
    n,
    nTreated,
    nEvent,
    covariates: [...input.columnNames],
    estimates: results,
    curve,
    options: {
      times,
      tau: options.tau ?? null,
      estimators,
      estimand,
      confLevel,
      ties: "breslow" as const,
      survivalFormula: "exp(-cumulative hazard)" as const,
      psModel: "logistic" as const,
      censoringModel: "cox (treatment + covariates)" as const,
      band: options.band ? { nsim: options.band.nsim ?? 1000, seed: options.band.seed ?? 1 } : null,
    },
    warnings,
  });
}
