/**
 * The immortal-time options as the study runs them: defaults filled in (issue 14, item 2). When the
 * treatment has a date after the origin for some treated patients the analyses run even without
 * `analyses.immortalTime`; `immortalTime: false` switches them off.
 */
import { covariateObject, type StudySpec } from "../schema.js";
import { median, type ImmortalCohort } from "./cohort.js";

export interface SequentialMatchingOptions {
  readonly ratio: number;
  /** In SD of the linear predictor of the time-to-treatment Cox model; null for none. */
  readonly caliper: number | null;
}

export interface ImmortalTimeOptions {
  /** True when the spec has no `analyses.immortalTime` and the study ran it because of the treatment dates. */
  readonly byDefault: boolean;
  /** Confounders of the adjusted designs (spec names); [] = crude models only. */
  readonly covariates: readonly string[];
  /** Where the covariates come from, in words. */
  readonly covariatesFrom: "immortalTime.covariates" | "propensity.covariates" | "all covariates";
  readonly timeDependent: boolean;
  /** Primary landmark time (endpoint's unit). */
  readonly landmark: number;
  /** True when the landmark is the default (median wait, rounded). */
  readonly landmarkByDefault: boolean;
  /** Landmarks of the sensitivity table, the primary first. */
  readonly landmarks: readonly number[];
  readonly sequentialMatching: SequentialMatchingOptions | null;
  /** Clone–censor–weight, null when switched off (immortal-time/ccw.ts). */
  readonly cloneCensorWeight: CloneCensorWeightOptions | null;
}

export interface CloneCensorWeightOptions {
  /** Grace period (endpoint's unit). */
  readonly grace: number;
  /** True when the grace period is the default (90th percentile of the waits, rounded up, at least the landmark). */
  readonly graceByDefault: boolean;
  readonly weights: "unstabilized" | "stabilized";
  /** Censoring (deviation) model of the engine (src/causal/ccw/types.ts CcwCensoringModel). */
  readonly censoringModel: "piecewise" | "cox";
  readonly bootstrap: number;
}

/** Default grace period: the 90th percentile of the times from origin to treatment, rounded up, at least the landmark. */
export function defaultGrace(waits: readonly number[], landmark: number): number {
  if (waits.length === 0) return landmark;
  const s = [...waits].sort((a, b) => a - b);
  const q90 = s[Math.min(s.length - 1, Math.ceil(0.9 * s.length) - 1)];
  return Math.max(landmark, Math.ceil(q90));
}

/** The options, or undefined when the analyses are off (explicitly, or by default without immortal time). */
export function immortalTimeOptions(spec: StudySpec, cohort: ImmortalCohort): ImmortalTimeOptions | undefined {
  const it = spec.analyses.immortalTime;
  if (it === false) return undefined;
  const byDefault = it === undefined;
  if (byDefault && !cohort.waits.some((w) => w > 0)) return undefined;
  const p = spec.analyses.propensity;
  const covariates = it?.covariates ?? p?.covariates ?? spec.covariates.map((c) => covariateObject(c).name);
  const covariatesFrom = it?.covariates !== undefined ? "immortalTime.covariates" : p?.covariates !== undefined ? "propensity.covariates" : "all covariates";
  // default landmark: the median wait from origin to treatment, rounded to a whole unit (at least 1)
  const landmark = it?.landmark ?? Math.max(1, Math.round(median(cohort.waits) ?? 1));
  const landmarks = [landmark, ...(it?.landmarks ?? []).filter((l) => l !== landmark)].filter((l, k, all) => all.indexOf(l) === k);
  const sm = it?.sequentialMatching ?? false;
  const sequentialMatching = sm === false ? null : sm === true ? { ratio: 1, caliper: 0.2 } : { ratio: sm.ratio, caliper: sm.caliper };
  const cw = it?.cloneCensorWeight ?? true;
  const cwObj = typeof cw === "object" ? cw : undefined;
  const cloneCensorWeight =
    cw === false
      ? null
      : { grace: cwObj?.grace ?? defaultGrace(cohort.waits, landmark), graceByDefault: cwObj?.grace === undefined, weights: cwObj?.weights ?? "unstabilized", censoringModel: cwObj?.censoringModel ?? "piecewise", bootstrap: cwObj?.bootstrap ?? 200 };
  return { byDefault, covariates, covariatesFrom, timeDependent: it?.timeDependent ?? true, landmark, landmarkByDefault: it?.landmark === undefined, landmarks, sequentialMatching, cloneCensorWeight };
}
