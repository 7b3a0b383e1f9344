/**
 * Covariate balance tables before and after weighting or matching (any weight vector), as cobalt's
 * `bal.tab()` computes them by default, or in `tableone`'s convention on request. Statistics come from
 * the registry in `balance-stats.ts`.
 */
import { SurvinferError } from "../errors.js";
import { choleskyInverse } from "../regression/qr.js";
import { BALANCE_STATS, groupMean, groupVariance, sortOrder, surveyGroupVariance, type BalanceStatId } from "./balance-stats.js";
import type { Estimand } from "./weight/estimands.js";

export type BalanceCovariate =
  | { readonly name: string; readonly kind: "numeric"; readonly values: Float64Array | readonly number[] }
  | { readonly name: string; readonly kind: "categorical"; readonly levels: readonly string[]; readonly codes: Int32Array | readonly number[] };

export interface BalanceInput {
  readonly covariates: readonly BalanceCovariate[];
  /** 1 = treated, 0 = control. */
  readonly treatment: Int32Array | readonly number[];
  /** Weights of the adjusted sample (IPTW, or matching weights with 0 for unmatched units). Omit for "before" only. */
  readonly weights?: Float64Array | readonly number[];
}

/** Which SD goes in the SMD denominator (cobalt's `s.d.denom`). */
export type SdDenominator = "pooled" | "treated" | "control" | "all";

export interface BalanceOptions {
  /** Sets the default denominator as cobalt does: ATT → treated, ATC → control, otherwise pooled. Default "ATE". */
  readonly estimand?: Estimand;
  readonly sdDenominator?: SdDenominator;
  /** "cobalt" (default): cobalt's bal.tab; "tableone": pooled SD of each sample (weighted after weighting), binary p(1−p) always standardised. */
  readonly convention?: "cobalt" | "tableone";
  /** Binary variables: "raw" difference in proportions (cobalt's bal.tab default) or "std". cobalt convention only. */
  readonly binary?: "raw" | "std";
  /** Continuous variables: "std" (default) or "raw". cobalt convention only. */
  readonly continuous?: "std" | "raw";
  /** Balance thresholds; default |SMD| < 0.1. Set varianceRatio (e.g. 2) or ks to judge those too. */
  readonly thresholds?: Partial<Record<BalanceStatId, number | null>>;
}

export interface BalanceRow {
  /** Display name: the covariate, or `name_level` for a level of a categorical covariate. */
  readonly variable: string;
  readonly covariate: string;
  readonly level: string | null;
  readonly type: "continuous" | "binary";
  readonly meanTreated: number;
  readonly meanControl: number;
  readonly smd: number;
  /** Whether `smd` is standardised (false: raw difference, cobalt's default for binary variables). */
  readonly standardized: boolean;
  readonly varianceRatio: number | null;
  readonly ks: number;
  /** Verdict against the thresholds (all thresholds that are set must hold). */
  readonly balanced: boolean;
  readonly nMissing: number;
}

export interface CategoricalSmd {
  readonly covariate: string;
  /** Yang & Dalton (2012) multivariate SMD over all levels, as tableone reports for a categorical variable. */
  readonly before: number;
  readonly after: number | null;
}

export interface BalanceResult {
  readonly method: "covariate balance";
  readonly before: readonly BalanceRow[];
  readonly after: readonly BalanceRow[] | null;
  /** The denominator and the treatment of binary variables in words, generated from `options`. */
  readonly smdDenominator: string;
  readonly formula: string;
  /** Patients the table describes (the unadjusted sample; its SDs are the SMD denominators). */
  readonly sample: { readonly n: number; readonly nTreated: number; readonly nControl: number };
  readonly categorical: readonly CategoricalSmd[];
  readonly summary: {
    readonly maxAbsSmdBefore: number;
    readonly maxAbsSmdAfter: number | null;
    readonly nImbalancedBefore: number;
    readonly nImbalancedAfter: number | null;
  };
  readonly options: {
    readonly estimand: Estimand;
    readonly convention: "cobalt" | "tableone";
    readonly sdDenominator: SdDenominator;
    readonly binary: "raw" | "std";
    readonly continuous: "std" | "raw";
    readonly thresholds: Readonly<Record<BalanceStatId, number | null>>;
  };
  readonly warnings: readonly string[];
}

interface PreparedVariable {
  variable: string;
  covariate: string;
  level: string | null;
  binary: boolean;
  x: Float64Array;
  a: Int32Array;
  w1: Float64Array; // unit weights (before)
  w: Float64Array | null; // adjusted weights (after)
  nMissing: number;
  order?: Uint32Array; // sort order of x, for KS (continuous only)
}

const SQRT_EPS = Math.sqrt(2.220446049250313e-16);

function prepare(input: BalanceInput, warnings: string[]): { vars: PreparedVariable[]; cats: { name: string; idx: number[] }[] } {
  const n = input.treatment.length;
  const a = Int32Array.from(input.treatment as ArrayLike<number>);
  const w = input.weights === undefined ? null : Float64Array.from(input.weights as ArrayLike<number>);
  const vars: PreparedVariable[] = [];
  const cats: { name: string; idx: number[] }[] = [];
  const subset = (keep: Uint8Array, values: Float64Array, variable: string, covariate: string, level: string | null, binary: boolean, nMissing: number): PreparedVariable => {
    const m = keep.reduce((s, k) => s + k, 0);
    const x = new Float64Array(m);
    const aa = new Int32Array(m);
    const ww = w === null ? null : new Float64Array(m);
    let k = 0;
    for (let i = 0; i < n; i++) {
      if (keep[i] !== 1) continue;
      x[k] = values[i];
      aa[k] = a[i];
      if (ww !== null && w !== null) ww[k] = w[i];
      k++;
    }
    return { variable, covariate, level, binary, x, a: aa, w1: new Float64Array(m).fill(1), w: ww, nMissing };
  };
  for (const cov of input.covariates) {
    const keep = new Uint8Array(n);
    let nMissing = 0;
    if (cov.kind === "numeric") {
      if (cov.values.length !== n) throw new SurvinferError({ code: "DATA_DIMENSION", message: `covariate "${cov.name}" has ${cov.values.length} values; expected ${n}` });
      const v = Float64Array.from(cov.values as ArrayLike<number>);
      const distinct = new Set<number>();
      for (let i = 0; i < n; i++) {
        if (Number.isFinite(v[i])) {
          keep[i] = 1;
          if (distinct.size < 3) distinct.add(v[i]);
        } else nMissing++;
      }
      if (distinct.size <= 1) {
        warnings.push(`covariate "${cov.name}" is constant (or all missing); it is left out of the balance table`);
        continue;
      }
      if (distinct.size === 2) {
        // cobalt's binarize(): 1 = value other than 0 (or other than the minimum when 0 is absent)
        const vals = [...distinct];
        const zero = vals.includes(0) ? 0 : Math.min(...vals);
        const b = new Float64Array(n);
        for (let i = 0; i < n; i++) b[i] = v[i] !== zero ? 1 : 0;
        vars.push(subset(keep, b, cov.name, cov.name, null, true, nMissing));
      } else {
        vars.push(subset(keep, v, cov.name, cov.name, null, false, nMissing));
      }
    } else {
      const codes = Int32Array.from(cov.codes as ArrayLike<number>);
      if (codes.length !== n) throw new SurvinferError({ code: "DATA_DIMENSION", message: `covariate "${cov.name}" has ${codes.length} values; expected ${n}` });
      for (let i = 0; i < n; i++) {
        if (codes[i] >= 0) keep[i] = 1;
        else nMissing++;
      }
      const present = new Set<number>();
      for (let i = 0; i < n; i++) if (codes[i] >= 0) present.add(codes[i]);
      if (present.size <= 1) {
        warnings.push(`covariate "${cov.name}" has a single level (or is all missing); it is left out of the balance table`);
        continue;
      }
      // cobalt's splitfactor(drop.first = "if2"): a two-level factor is one binary row (its second level)
      const levelsUsed = cov.levels.map((_, l) => l).filter((l) => present.has(l));
      const shown = levelsUsed.length === 2 ? [levelsUsed[1]] : levelsUsed;
      const idx: number[] = [];
      for (const l of shown) {
        const b = new Float64Array(n);
        for (let i = 0; i < n; i++) b[i] = codes[i] === l ? 1 : 0;
        idx.push(vars.length);
        vars.push(subset(keep, b, `${cov.name}_${cov.levels[l]}`, cov.name, cov.levels[l], true, nMissing));
      }
      if (levelsUsed.length > 2) {
        cats.push({ name: cov.name, idx });
      }
    }
    if (nMissing > 0) warnings.push(`covariate "${cov.name}": ${nMissing} missing value(s) left out of its balance statistics`);
  }
  return { vars, cats };
}

/** The SMD denominator in words, generated from the options in force (never a fixed sentence). */
function denominatorText(convention: "cobalt" | "tableone", d: SdDenominator, binary: "raw" | "std", continuous: "std" | "raw"): string {
  if (convention === "tableone") return "σ = √((s₁² + s₀²)/2) of the sample described (weighted variances, as survey::svyvar, after weighting); binary variables standardised with s² = p(1 − p)";
  const sd =
    d === "pooled"
      ? "σ = √((s₁² + s₀²)/2), the pooled SD of the unadjusted treated and control groups"
      : d === "treated"
        ? "σ = s₁, the SD of the unadjusted treated group"
        : d === "control"
          ? "σ = s₀, the SD of the unadjusted control group"
          : "σ = s, the SD of the whole unadjusted sample";
  const cont = continuous === "std" ? "continuous variables (x̄₁ − x̄₀)/σ" : "continuous variables as raw differences in means";
  const bin = binary === "std" ? "binary variables (p₁ − p₀)/σ with s² = p(1 − p)" : "binary variables as raw differences in proportions (p₁ − p₀, not standardised)";
  return `${sd}, the same before and after adjustment; ${cont}; ${bin}`;
}

/**
 * Yang & Dalton (2012) SMD for a categorical variable from its level proportions (first level dropped):
 * √(tᵀ S⁻¹ t), t = p₁ − p₀, S the average of the multinomial covariances Cov(q) = diag(q) − q qᵀ of the proportion
 * vectors `denominator` (by default p₁ and p₀ themselves, as tableone; the cobalt convention passes the unadjusted
 * proportions, so that S, like σ of the other rows, is the same before and after adjustment).
 */
function yangDalton(p1: number[], p0: number[], denominator: readonly (readonly number[])[] = [p1, p0]): number {
  const k = p1.length - 1;
  if (k < 1) return Number.NaN;
  const t = new Float64Array(k);
  const s = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    t[i] = p1[i + 1] - p0[i + 1];
    for (let j = 0; j < k; j++) {
      let c = 0;
      for (const q of denominator) c += i === j ? q[i + 1] * (1 - q[i + 1]) : -q[i + 1] * q[j + 1];
      s[i * k + j] = c / denominator.length;
    }
  }
  const inv = choleskyInverse(s, k);
  if (inv === null) return Number.NaN;
  let q = 0;
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) q += t[i] * inv.inverse[i * k + j] * t[j];
  return Math.sqrt(q);
}

/**
 * Balance table: for every covariate (each level of a categorical one), weighted means by group, the
 * SMD, the variance ratio (continuous only) and the KS statistic, before and (given `weights`) after
 * adjustment, with a verdict against the thresholds (default |SMD| < 0.1).
 *
 * cobalt convention (default; `cobalt::bal.tab(covs, treat, weights, estimand, binary = "raw")`):
 * SMD = (x̄₁ʷ − x̄₀ʷ)/σ with σ computed once on the UNADJUSTED sample — pooled √((s₁² + s₀²)/2) for ATE/ATO/ATM,
 * s₁ for ATT, s₀ for ATC (`s.d.denom`); binary variables report the raw difference in proportions unless
 * `binary: "std"` (then σ uses p(1 − p)). Weighted variances: Σw̃(x − x̄)²/(1 − Σw̃²), w̃ = w/Σw.
 * tableone convention (`tableone::svyCreateTableOne(..., smd = TRUE)`): σ = √((s₁² + s₀²)/2) from the
 * sample being described (weighted variances as survey::svyvar after weighting), binary always standardised
 * with p(1 − p), and one Yang–Dalton SMD per categorical variable.
 * References: Austin PC. Stat Med 2009;28:3083–3107 (doi:10.1002/sim.3697); Greifer N. cobalt (CRAN);
 * Yang D, Dalton JE. SAS Global Forum 2012, paper 335-2012.
 *
 * @example
 * ```ts
 * const r = balanceTable(
 *   { covariates: [{ name: "age", kind: "numeric", values: [50, 60, 70, 40] }], treatment: [1, 1, 0, 0] },
 *   { estimand: "ATE" },
 * );
 * r.before[0].smd; // (55 − 55)/… = 0
 * ```
 */
export function balanceTable(input: BalanceInput, options: BalanceOptions = {}): Readonly<BalanceResult> {
  const estimand = options.estimand ?? "ATE";
  const convention = options.convention ?? "cobalt";
  if (convention !== "cobalt" && convention !== "tableone") throw new SurvinferError({ code: "OPTION_INVALID", message: `option convention must be "cobalt" or "tableone"; got ${JSON.stringify(convention)}` });
  if (convention === "tableone" && (options.sdDenominator !== undefined || options.binary !== undefined || options.continuous !== undefined)) {
    const which = ["sdDenominator", "binary", "continuous"].filter((k) => options[k as keyof BalanceOptions] !== undefined);
    throw new SurvinferError({ code: "OPTION_CONFLICT", message: `options convention = "tableone" and ${which.join(", ")} conflict: tableone fixes the denominator (pooled, of the sample described) and standardises every variable` });
  }
  const sdDenominator: SdDenominator = convention === "tableone" ? "pooled" : options.sdDenominator ?? (estimand === "ATT" ? "treated" : estimand === "ATC" ? "control" : "pooled");
  const binaryMode = convention === "tableone" ? "std" : options.binary ?? "raw";
  const continuousMode = convention === "tableone" ? "std" : options.continuous ?? "std";
  const thresholds: Record<BalanceStatId, number | null> = { smd: 0.1, varianceRatio: null, ks: null, ...options.thresholds };
  const n = input.treatment.length;
  let n1 = 0;
  for (let i = 0; i < n; i++) {
    const t = input.treatment[i];
    if (t !== 0 && t !== 1) throw new SurvinferError({ code: "DATA_INVALID_TREATMENT", message: "treatment must be coded 1 (treated) or 0 (control)", row: i + 1, value: String(t) });
    n1 += t;
  }
  if (n1 === 0 || n1 === n) throw new SurvinferError({ code: "DATA_EMPTY_GROUP", message: `the ${n1 === 0 ? "treated" : "control"} group is empty` });
  if (input.weights !== undefined) {
    if (input.weights.length !== n) throw new SurvinferError({ code: "DATA_DIMENSION", message: `weights has length ${input.weights.length}; expected ${n}` });
    for (let i = 0; i < n; i++) {
      const wi = input.weights[i];
      if (!(wi >= 0) || !Number.isFinite(wi)) throw new SurvinferError({ code: "DATA_INVALID_WEIGHT", message: "weights must be finite and ≥ 0", row: i + 1, value: String(wi) });
    }
  }
  const warnings: string[] = [];
  const { vars, cats } = prepare(input, warnings);
  const statIds: BalanceStatId[] = ["smd", "varianceRatio", "ks"];

  const cobaltDenominator = (v: PreparedVariable): number => {
    const w1 = v.w1;
    let d: number;
    if (sdDenominator === "pooled") d = Math.sqrt((groupVariance(v.x, v.a, w1, 1, v.binary) + groupVariance(v.x, v.a, w1, 0, v.binary)) / 2);
    else if (sdDenominator === "treated") d = Math.sqrt(groupVariance(v.x, v.a, w1, 1, v.binary));
    else if (sdDenominator === "control") d = Math.sqrt(groupVariance(v.x, v.a, w1, 0, v.binary));
    else d = Math.sqrt(groupVariance(v.x, v.a, w1, -1, v.binary));
    // cobalt: a zero or non-finite SD falls back to the SD of the whole sample
    if (!Number.isFinite(d) || Math.abs(d) < SQRT_EPS) d = Math.sqrt(groupVariance(v.x, v.a, w1, -1, v.binary));
    return d;
  };

  const rowFor = (v: PreparedVariable, w: Float64Array): BalanceRow => {
    const standardized = v.binary ? binaryMode === "std" : continuousMode === "std";
    let denominator = 1;
    if (standardized) {
      denominator =
        convention === "tableone"
          ? Math.sqrt((surveyGroupVariance(v.x, v.a, w, 1, v.binary) + surveyGroupVariance(v.x, v.a, w, 0, v.binary)) / 2)
          : cobaltDenominator(v);
    }
    if (!v.binary && v.order === undefined) v.order = sortOrder(v.x);
    const ctx = { x: v.x, a: v.a, w, binary: v.binary, denominator, order: v.order };
    const values: Record<BalanceStatId, number | null> = { smd: null, varianceRatio: null, ks: null };
    for (const id of statIds) values[id] = BALANCE_STATS[id].compute(ctx);
    let balanced = true;
    for (const id of statIds) {
      const th = thresholds[id];
      const val = values[id];
      if (th === null || th === undefined || val === null) continue;
      if (!(BALANCE_STATS[id].absolute(val) < th)) balanced = false;
    }
    return {
      variable: v.variable,
      covariate: v.covariate,
      level: v.level,
      type: v.binary ? "binary" : "continuous",
      meanTreated: groupMean(v.x, v.a, w, 1),
      meanControl: groupMean(v.x, v.a, w, 0),
      smd: values.smd as number,
      standardized,
      varianceRatio: values.varianceRatio,
      ks: values.ks as number,
      balanced,
      nMissing: v.nMissing,
    };
  };

  const before = vars.map((v) => rowFor(v, v.w1));
  const after = input.weights === undefined ? null : vars.map((v) => rowFor(v, v.w as Float64Array));
  const categorical: CategoricalSmd[] = cats.map((c) => {
    // proportions of each level in group g (g = −1: the whole sample)
    const levelMeans = (w: (v: PreparedVariable) => Float64Array, g: number): number[] =>
      c.idx.map((k) => (g >= 0 ? groupMean(vars[k].x, vars[k].a, w(vars[k]), g) : vars[k].x.reduce((s, x) => s + x, 0) / vars[k].x.length));
    // cobalt convention: S from the UNADJUSTED proportions of the groups sdDenominator names (pooled: both;
    // treated; control; all: the whole sample), the same before and after adjustment, as σ of the other rows;
    // tableone: S from the sample described (weighted after weighting)
    const u1 = levelMeans((v) => v.w1, 1);
    const u0 = levelMeans((v) => v.w1, 0);
    const uAll = levelMeans((v) => v.w1, -1);
    const unadjusted = sdDenominator === "pooled" ? [u1, u0] : sdDenominator === "treated" ? [u1] : sdDenominator === "control" ? [u0] : [uAll];
    const props = (w: (v: PreparedVariable) => Float64Array) => {
      const p1 = levelMeans(w, 1);
      const p0 = levelMeans(w, 0);
      return convention === "tableone" ? yangDalton(p1, p0) : yangDalton(p1, p0, unadjusted);
    };
    return { covariate: c.name, before: props((v) => v.w1), after: input.weights === undefined ? null : props((v) => v.w as Float64Array) };
  });
  const maxAbs = (rows: readonly BalanceRow[]) => rows.reduce((m, r) => Math.max(m, Math.abs(r.smd)), 0);
  const formula =
    convention === "tableone"
      ? "SMD = (x̄₁ − x̄₀)/√((s₁² + s₀²)/2), all from the sample described (weighted after weighting); binary s² = p(1 − p)"
      : `SMD = (x̄₁ʷ − x̄₀ʷ)/σ, ${denominatorText(convention, sdDenominator, binaryMode, continuousMode)}; weighted means and variances Σw̃(x − x̄)²/(1 − Σw̃²), w̃ = w/Σw`;
  return Object.freeze({
    method: "covariate balance" as const,
    before,
    after,
    smdDenominator: denominatorText(convention, sdDenominator, binaryMode, continuousMode),
    sample: { n, nTreated: n1, nControl: n - n1 },
    formula,
    categorical,
    summary: {
      maxAbsSmdBefore: maxAbs(before),
      maxAbsSmdAfter: after === null ? null : maxAbs(after),
      nImbalancedBefore: before.filter((r) => !r.balanced).length,
      nImbalancedAfter: after === null ? null : after.filter((r) => !r.balanced).length,
    },
    options: { estimand, convention, sdDenominator, binary: binaryMode, continuous: continuousMode, thresholds },
    warnings,
  });
}
