/**
 * Nelson–Aalen cumulative hazard and the Fleming–Harrington survival exp(−Ĥ), equal to R survival
 * 3.5-3's `survfit(Surv(time, status) ~ group, stype = 2, ctype = 1)` (or `ctype = 2`).
 */
import { optionError } from "../errors.js";
import { survivalLimitsCurve } from "./conf-int.js";
import {
  type ConfType,
  type KaplanMeierAt,
  type StratumEventTable,
  type StratumTable,
  type SurvivalInput,
  stratumEventTable,
  summaryAtTimes,
  tabulateSurvivalInput,
  validateCommonOptions,
  validateTimesOption,
} from "./kaplan-meier.js";

/** 1: Nelson–Aalen increments d/n; 2: Fleming–Harrington ties correction (R's ctype). */
export type HazardTies = 1 | 2;

export interface NelsonAalenOptions {
  readonly ctype?: HazardTies;
  readonly confType?: ConfType;
  readonly confLevel?: number;
  readonly times?: readonly number[];
  readonly timefix?: boolean;
}

export interface NelsonAalenStratum extends StratumEventTable {
  /** Ĥ(t), R's fit$cumhaz. */
  readonly cumhaz: number[];
  /** SE of Ĥ(t), R's fit$std.chaz (= SE of log Ŝ_FH). */
  readonly stdErrCumhaz: number[];
  /** Ŝ_FH(t) = exp(−Ĥ(t)). */
  readonly surv: number[];
  /** SE of Ŝ_FH as summary() prints it: Ŝ·SE(Ĥ). */
  readonly stdErr: number[];
  readonly lower: number[];
  readonly upper: number[];
  readonly at: KaplanMeierAt[];
}

export interface NelsonAalenResult {
  readonly method: "nelson-aalen";
  readonly schemaVersion: 1;
  readonly n: number;
  readonly strata: NelsonAalenStratum[];
  readonly options: { readonly ctype: HazardTies; readonly confType: ConfType; readonly confLevel: number; readonly timefix: boolean; readonly times: number[] };
  readonly warnings: string[];
}

/** Ĥ and its variance for one table (survfitkm.c, types 3 and 4, model-based variance). */
export function cumulativeHazard(tab: StratumTable, ctype: HazardTies): { cumhaz: Float64Array; variance: Float64Array } {
  const m = tab.time.length;
  const cumhaz = new Float64Array(m);
  const variance = new Float64Array(m);
  let h = 0;
  let v = 0;
  for (let j = 0; j < m; j++) {
    const d = tab.nEvent[j];
    const d0 = tab.nEventRows[j];
    const nr = tab.nRisk[j];
    if (d0 > 0 && d > 0) {
      if (ctype === 1) {
        h += d / nr;
        v += d / (nr * nr);
      } else {
        // d0 tied deaths leave one at a time: denominators n − k·d/d0, k = 0..d0−1
        for (let k = 0; k < d0; k++) {
          const den = nr - (k * d) / d0;
          h += d / (d0 * den);
          v += d / (d0 * den * den);
        }
      }
    }
    cumhaz[j] = h;
    variance[j] = v;
  }
  return { cumhaz, variance };
}

/**
 * Nelson–Aalen estimate by group: Ĥ(t) = Σ_{t_j ≤ t} d_j / n_j, Var Ĥ(t) = Σ d_j / n_j² (Aalen), and
 * Ŝ(t) = exp(−Ĥ(t)) with limits on the log scale using SE(Ĥ). With `ctype: 2` (Fleming & Harrington
 * 1984) tied deaths count as leaving one at a time: Ĥ += Σ_{k<d} 1/(n − k) (weighted analogue as R).
 *
 * References: Nelson (1972), Technometrics 14:945–966, DOI 10.1080/00401706.1972.10488991;
 * Aalen (1978), Ann Stat 6:701–726, DOI 10.1214/aos/1176344247; Fleming & Harrington (1984),
 * Commun Stat Theory Methods 13:2469–2486, DOI 10.1080/03610928408828837.
 * R: `survival::survfit(Surv(time, status) ~ group, stype = 2, ctype = 1)`.
 * Deliberate difference: with non-integer case weights R defaults to an infinitesimal-jackknife
 * variance; survinfer always uses the model-based variance above and says so in `warnings`.
 *
 * @example
 * ```ts
 * const na = nelsonAalen({ time: Float64Array.from([1, 2, 3]), status: Int32Array.from([1, 1, 1]) });
 * na.strata[0].cumhaz; // [1/3, 1/3 + 1/2, 1/3 + 1/2 + 1]
 * ```
 */
export function nelsonAalen(input: SurvivalInput, options: NelsonAalenOptions = {}): Readonly<NelsonAalenResult> {
  const common = validateCommonOptions(options);
  const ctype = options.ctype ?? 1;
  if (ctype !== 1 && ctype !== 2) throw optionError("ctype", "1 or 2", options.ctype);
  const times = validateTimesOption(options.times);
  const { clean, tab, warnings } = tabulateSurvivalInput(input, common.timefix);
  if (clean.nonIntegerWeights) {
    warnings.push("non-integer weights: model-based (Aalen) variance used; R's survfit would default to the robust (IJ) variance");
  }
  const strata = tab.strata.map((st): NelsonAalenStratum => {
    const { cumhaz, variance } = cumulativeHazard(st, ctype);
    const m = st.time.length;
    const surv = new Array<number>(m);
    const seH = new Array<number>(m);
    const stdErr = new Array<number>(m);
    for (let j = 0; j < m; j++) {
      surv[j] = Math.exp(-cumhaz[j]);
      seH[j] = Math.sqrt(variance[j]);
      stdErr[j] = surv[j] * seH[j];
    }
    const { lower, upper } = survivalLimitsCurve(surv, seH, common.confType, common.confLevel, true);
    return {
      ...stratumEventTable(st),
      cumhaz: Array.from(cumhaz),
      stdErrCumhaz: seH,
      surv,
      stdErr,
      lower,
      upper,
      at: summaryAtTimes({ ...st, surv, stdErr, lower, upper }, times),
    };
  });
  return {
    method: "nelson-aalen",
    schemaVersion: 1,
    n: tab.nUsed,
    strata,
    options: { ctype, ...common, times: [...times] },
    warnings,
  };
}
