/**
 * Conditional survival: the probability of surviving `horizon` more time units given survival to
 * `given`, CS(s | t) = Ŝ(t + s) / Ŝ(t), from the Kaplan–Meier curve. By the delta method on the
 * Greenwood formula, Var(log CS) = Σ_{t < t_j ≤ t + s} d_j / (n_j (n_j − d_j)) (the Greenwood sum over
 * (t, t + s]); limits by `confType` exactly as survfit's (log by default).
 *
 * Reference: Zabor, Gonen, Chapman & Panageas (2013), Dynamic prognostication using conditional
 * survival estimates (DOI as cited in issue 3: 10.1200/JCO.2012.46.0728).
 * R equivalent: written out in base R in tools/oracle/km.R (no packaged reference).
 * Not estimable (null, with a warning) when t + s is past the last observation or Ŝ(t) = 0.
 *
 * @example
 * ```ts
 * const cs = conditionalSurvival({ time: Float64Array.from([1, 2, 3, 4]), status: Int32Array.from([1, 1, 1, 0]) }, { given: [1], horizon: 1 });
 * cs.strata[0].rows[0].surv; // Ŝ(2)/Ŝ(1) = 0.5/0.75
 * ```
 */
import { optionError } from "../errors.js";
import { confidenceZ, survivalLimits } from "./conf-int.js";
import { type ConfType, type SurvivalInput, productLimit, tabulateSurvivalInput, validateCommonOptions } from "./kaplan-meier.js";

export interface ConditionalOptions {
  /** Times t already survived. */
  readonly given: readonly number[];
  /** Additional time s. */
  readonly horizon: number;
  readonly confType?: ConfType;
  readonly confLevel?: number;
  readonly timefix?: boolean;
}

export interface ConditionalRow {
  readonly given: number;
  readonly horizon: number;
  readonly estimable: boolean;
  readonly surv: number | null;
  /** SE of CS (delta method). */
  readonly stdErr: number | null;
  /** SE of log CS: √(Greenwood sum over (t, t + s]). */
  readonly stdErrLog: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
}

export interface ConditionalResult {
  readonly method: "conditional-survival";
  readonly schemaVersion: 1;
  readonly strata: { readonly name: string; readonly rows: ConditionalRow[] }[];
  readonly options: { readonly given: number[]; readonly horizon: number; readonly confType: ConfType; readonly confLevel: number; readonly timefix: boolean; readonly variance: "greenwood" };
  readonly warnings: string[];
}

function stepAt(time: Float64Array, values: Float64Array, tau: number, before: number): number {
  let lo = 0;
  let hi = time.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (time[mid] <= tau) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? before : values[lo - 1];
}

export function conditionalSurvival(input: SurvivalInput, options: ConditionalOptions): Readonly<ConditionalResult> {
  const common = validateCommonOptions(options);
  const given = options.given;
  if (!Array.isArray(given) || given.some((x) => typeof x !== "number" || !(x >= 0) || !Number.isFinite(x))) {
    throw optionError("given", "an array of finite times ≥ 0", given);
  }
  const s = options.horizon;
  if (typeof s !== "number" || !(s > 0) || !Number.isFinite(s)) throw optionError("horizon", "a finite time > 0", s);
  // as kaplanMeier: empty groups, and rows dropped for a missing value, are said
  const { tab, warnings } = tabulateSurvivalInput(input, common.timefix);
  const z = confidenceZ(common.confLevel);
  const strata = tab.strata.map((st) => {
    const { surv, greenwood } = productLimit(st);
    const last = st.time[st.time.length - 1];
    const rows = given.map((t): ConditionalRow => {
      const sT = stepAt(st.time, surv, t, 1);
      if (t + s > last || sT === 0) {
        warnings.push(`group "${st.name}": conditional survival given ${t} over ${s} not estimable (past the last observation ${last} or Ŝ(t) = 0)`);
        return { given: t, horizon: s, estimable: false, surv: null, stdErr: null, stdErrLog: null, lower: null, upper: null };
      }
      const cs = stepAt(st.time, surv, t + s, 1) / sT;
      const seLog = Math.sqrt(stepAt(st.time, greenwood, t + s, 0) - stepAt(st.time, greenwood, t, 0));
      const lim = survivalLimits(cs, seLog, common.confType, z);
      const num = (x: number): number | null => (Number.isNaN(x) ? null : x);
      return { given: t, horizon: s, estimable: true, surv: cs, stdErr: num(cs * seLog), stdErrLog: num(seLog), lower: num(lim.lower), upper: num(lim.upper) };
    });
    return { name: st.name, rows };
  });
  return {
    method: "conditional-survival",
    schemaVersion: 1,
    strata,
    options: { given: [...given], horizon: s, ...common, variance: "greenwood" },
    warnings,
  };
}
