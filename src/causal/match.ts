/**
 * Propensity-score matching: nearest-neighbour (as MatchIt 4.5.x `method = "nearest"`) and optimal
 * pair matching. Front doors: validate, derive the distance, size the caliper, call a kernel in
 * `causal/match/`, package the result. Written by hand because no JS library does matching; the
 * algorithm and its R equivalent are in docs/methods/matching.md.
 */
import { SurvinferError, optionError } from "../errors.js";
import { uniformInt } from "pure-rand/distribution/uniformInt";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import { mahalanobisMetric, nearestMahalanobisKernel } from "./match/nearest-mahalanobis.js";
import { nearestVectorKernel } from "./match/nearest-vector.js";
import { countCaliperEdges, starMatchKernel } from "./match/full.js";
import { hungarian } from "./match/optimal.js";
import { subclassesFromEdges, weightsFromSubclass } from "./match/subclass-weights.js";
import { packageMatches } from "./match/package.js";
import { lowerBound, sortUnits, visitOrder } from "./match/sorted-units.js";
import type { SortedUnits } from "./match/sorted-units.js";
import type {
  FullMatchEstimand,
  MatchDistance,
  MatchFullOptions,
  MatchMethod,
  MatchedSet,
  OrderDiagnostic,
  UnmatchedUnit,
  MatchInput,
  MatchNearestOptions,
  MatchOptimalOptions,
  MatchOrder,
  MatchResult,
  UnmatchedReason,
} from "./match/types.js";

export type * from "./match/types.js";

/** Largest assignment problem optimal matching accepts: (treated × ratio) × controls cells per stratum. */
export const OPTIMAL_MAX_CELLS = 25_000_000;

interface Prepared {
  readonly n: number;
  readonly treat: Int32Array;
  readonly d: Float64Array;
  readonly ids: readonly string[];
  readonly strata: Int32Array | null;
  readonly sd: number;
  readonly distance: MatchDistance;
}

function prepare(input: MatchInput, distance: MatchDistance): Prepared {
  const { treat } = input;
  const n = treat.length;
  if (input.distance.length !== n) {
    throw new SurvinferError({ code: "DATA_LENGTH_MISMATCH", message: `distance has ${input.distance.length} entries but treat has ${n}` });
  }
  let n1 = 0;
  for (let i = 0; i < n; i++) {
    if (treat[i] !== 0 && treat[i] !== 1) {
      throw new SurvinferError({ code: "DATA_TREATMENT_NOT_BINARY", message: `treat must be 0 or 1`, row: i + 2, value: String(treat[i]) });
    }
    n1 += treat[i];
  }
  if (n1 === 0 || n1 === n) {
    throw new SurvinferError({ code: "DATA_ONE_GROUP", message: `matching needs treated and control units; found ${n1} treated and ${n - n1} controls` });
  }
  const ids = input.ids ?? Array.from({ length: n }, (_, i) => String(i + 1));
  if (ids.length !== n) throw new SurvinferError({ code: "DATA_LENGTH_MISMATCH", message: `ids has ${ids.length} entries but treat has ${n}` });
  const d = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const e = input.distance[i];
    if (!Number.isFinite(e)) {
      throw new SurvinferError({ code: "DATA_MISSING_PS", message: "the propensity score is missing or not finite", row: i + 2, value: String(e), hint: "drop or impute the unit before matching" });
    }
    if (distance === "logit") {
      if (!(e > 0 && e < 1)) {
        throw new SurvinferError({ code: "DATA_PS_OUT_OF_RANGE", message: "distance = \"logit\" needs a propensity score strictly between 0 and 1", row: i + 2, value: String(e) });
      }
      d[i] = Math.log(e / (1 - e));
    } else {
      d[i] = e;
    }
  }
  if (input.exact !== undefined && input.exact.length !== n) {
    throw new SurvinferError({ code: "DATA_LENGTH_MISMATCH", message: `exact has ${input.exact.length} entries but treat has ${n}` });
  }
  let mean = 0;
  for (let i = 0; i < n; i++) mean += d[i];
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (d[i] - mean) ** 2;
  return { n, treat, d, ids, strata: input.exact ?? null, sd: Math.sqrt(ss / (n - 1)), distance };
}

function checkRatio(ratio: number): void {
  if (!Number.isInteger(ratio) || ratio < 1) throw optionError("ratio", "a whole number ≥ 1", ratio);
}

/** Why treated unit t got no control: its stratum has no control, none within the caliper, or all taken. */
function reasons(s: SortedUnits, d: Float64Array, caliperWidth: number): (t: number) => UnmatchedReason {
  return (t) => {
    const r = s.treatedRank[t];
    const lo = s.lo[r];
    const hi = s.hi[r];
    if (hi <= lo) return "no-control-in-exact-stratum";
    if (Number.isFinite(caliperWidth)) {
      const k = lowerBound(s.ctlD, lo, hi, d[t]);
      const near = Math.min(k < hi ? Math.abs(s.ctlD[k] - d[t]) : Infinity, k > lo ? Math.abs(s.ctlD[k - 1] - d[t]) : Infinity);
      if (near > caliperWidth) return "no-control-within-caliper";
    }
    return "controls-exhausted";
  };
}

/**
 * Nearest-neighbour propensity-score matching, equal to MatchIt 4.5.x (with its C++ |·| bug fixed):
 *
 *   distance d_i = e_i (distance "ps") or logit(e_i) = log(e_i / (1 − e_i)) ("logit");
 *   caliper width w = caliper × SD(d) over all units when stdCaliper (Austin 2011 recommends 0.2 SD of
 *   the logit), else w = caliper; a control c is within reach of treated unit i when |d_c − d_i| ≤ w.
 *
 * Treated units are visited in `order` (MatchIt `m.order`, default "largest"); with ratio k, every
 * treated unit gets its 1st control before any gets its 2nd. Each takes the nearest available control
 * on either side in the sorted distance (the lower one on equal distance, i.e. ties go to the control
 * sorted first: lower distance, then earlier data row). With `mahalanobis`, the nearest control in
 * Mahalanobis distance (pooled within-group covariance) among those within the PS caliper wins.
 * Exact strata are matched separately. Estimand: ATT. Weights as MatchIt (see MatchResult.weights).
 *
 * References: Austin PC (2011) "Optimal caliper widths for propensity-score matching when estimating
 * differences in means and differences in proportions in observational studies", Pharm Stat 10:150–161,
 * doi:10.1002/pst.433. Ho, Imai, King & Stuart (2011) "MatchIt: Nonparametric Preprocessing for
 * Parametric Causal Inference", J Stat Softw 42(8), doi:10.18637/jss.v042.i08.
 *
 * R: `MatchIt::matchit(treat ~ ..., data, distance = ps, method = "nearest", ratio = k, replace,
 * caliper, std.caliper = TRUE, m.order = "largest", exact = ~ s, mahvars = ~ x1 + x2)`; for "logit",
 * `distance = qlogis(ps)` (equivalently `link = "linear.logit"`).
 *
 * Deliberate differences: MatchIt forces m.order = "data" with replacement (order cannot change the
 * result then); "random" uses survinfer's seeded generator, not R's; exact Mahalanobis ties go to the
 * first control in data order. Debian's MatchIt 4.5.1 binary gives different (wrong) sets: see
 * docs/methods/matching.md.
 *
 * Cost: O(n log n) for one-dimensional distances (sort once, union–find "next available" pointers);
 * Mahalanobis O(n₁ · m · p²), m = controls inside the caliper window.
 *
 * @example
 * ```ts
 * import { matchNearest } from "survinfer";
 * const r = matchNearest(
 *   { treat: Int32Array.from([1, 0, 0, 1, 0]), distance: Float64Array.from([0.7, 0.65, 0.2, 0.3, 0.35]) },
 *   { ratio: 1, caliper: 0.25 },
 * );
 * r.matched; // [{ subclass: 1, treated: "1", controls: ["2"] }, { subclass: 2, treated: "4", controls: ["5"] }]
 * ```
 */
export function matchNearest(input: MatchInput, options: MatchNearestOptions = {}): Readonly<MatchResult> {
  const distance = options.distance ?? "ps";
  if (distance !== "ps" && distance !== "logit") throw optionError("distance", '"ps" or "logit"', distance);
  const ratio = options.ratio ?? 1;
  checkRatio(ratio);
  const replace = options.replace ?? false;
  const stdCaliper = options.stdCaliper ?? true;
  const requestedOrder: MatchOrder = options.order ?? "largest";
  if (!["largest", "smallest", "random", "data"].includes(requestedOrder)) {
    throw optionError("order", '"largest", "smallest", "random" or "data"', requestedOrder);
  }
  if (options.caliper !== undefined && !(Number.isFinite(options.caliper) && options.caliper > 0)) {
    throw optionError("caliper", "a positive number", options.caliper);
  }
  if (options.seed !== undefined && requestedOrder !== "random") {
    throw new SurvinferError({ code: "OPTION_CONFLICT", message: `option seed only applies to order = "random"; got order = "${requestedOrder}"` });
  }
  const warnings: string[] = [];
  const P = prepare(input, distance);
  const caliperWidth = options.caliper === undefined ? Infinity : stdCaliper ? options.caliper * P.sd : options.caliper;
  const s = sortUnits(P.treat, P.d, P.strata);
  // MatchIt sets m.order = "data" when matching with replacement: the order cannot change the result.
  const order: MatchOrder = replace ? "data" : requestedOrder;
  if (replace && options.order !== undefined && options.order !== "data") {
    warnings.push(`order "${options.order}" has no effect when matching with replacement; units were visited in data order (as MatchIt does)`);
  }
  let visit: Int32Array;
  let seed: number | null = null;
  if (order === "random") {
    seed = options.seed ?? 1;
    visit = Int32Array.from(s.treated);
    const rng = xoroshiro128plus(seed | 0);
    for (let i = visit.length - 1; i > 0; i--) {
      const j = uniformInt(rng, 0, i);
      const tmp = visit[i];
      visit[i] = visit[j];
      visit[j] = tmp;
    }
  } else {
    visit = visitOrder(s.treated, P.d, order);
  }
  let mm: Int32Array;
  let metric: "distance" | "mahalanobis" = "distance";
  if (input.mahalanobis !== undefined) {
    metric = "mahalanobis";
    const { x, p } = input.mahalanobis;
    if (!Number.isInteger(p) || p < 1 || x.length !== P.n * p) {
      throw new SurvinferError({ code: "DATA_LENGTH_MISMATCH", message: `mahalanobis.x must hold n × p = ${P.n} × ${p} values; got ${x.length}` });
    }
    for (let i = 0; i < x.length; i++) {
      if (!Number.isFinite(x[i])) {
        throw new SurvinferError({ code: "DATA_MISSING_COVARIATE", message: `Mahalanobis covariate ${(i % p) + 1} is missing or not finite`, row: Math.floor(i / p) + 2, value: String(x[i]) });
      }
    }
    const M = mahalanobisMetric(x, p, P.treat);
    if (M.chol === null) {
      throw new SurvinferError({ code: "DATA_COLLINEAR", message: "the Mahalanobis covariates are collinear (their pooled covariance matrix is singular)", hint: "drop a covariate that is a combination of the others" });
    }
    if (M.columns.length < p) warnings.push(`${p - M.columns.length} constant Mahalanobis covariate(s) dropped`);
    mm = nearestMahalanobisKernel(s, P.d, visit, ratio, replace, caliperWidth, x, p, M);
  } else {
    mm = nearestVectorKernel(s, P.d, visit, ratio, replace, caliperWidth);
  }
  const pk = packageMatches(mm, ratio, P.treat, s.treated, P.ids, replace, reasons(s, P.d, caliperWidth));
  if (pk.steps.treatedUnmatched > 0) warnings.push(`${pk.steps.treatedUnmatched} of ${pk.steps.treated} treated units were not matched`);
  if (pk.steps.treatedWithFewerThanRatio > 0) warnings.push(`${pk.steps.treatedWithFewerThanRatio} treated units received fewer than ${ratio} controls`);
  let orderDiagnostic: OrderDiagnostic | undefined;
  if (!replace && metric === "distance" && (order === "largest" || order === "smallest") && P.sd > 0) {
    // the same matching in a seeded random order (Fisher–Yates with survinfer's generator, seed 1)
    const rvisit = Int32Array.from(s.treated);
    const rng = xoroshiro128plus(1);
    for (let i = rvisit.length - 1; i > 0; i--) {
      const j = uniformInt(rng, 0, i);
      const tmp = rvisit[i];
      rvisit[i] = rvisit[j];
      rvisit[j] = tmp;
    }
    const rm = nearestVectorKernel(s, P.d, rvisit, ratio, false, caliperWidth);
    const a = meanPairDifference(mm, ratio, s.treated, P.d) / P.sd;
    const b = meanPairDifference(rm, ratio, s.treated, P.d) / P.sd;
    let nb = 0;
    for (let r = 0; r < s.treated.length; r++) if (rm[r * ratio] >= 0) nb++;
    const material = Math.abs(a) >= 0.05 && Math.abs(a) >= 2 * Math.abs(b);
    orderDiagnostic = { order, meanPairDifferenceSd: a, randomOrderMeanPairDifferenceSd: b, randomOrderSeed: 1, randomOrderTreatedMatched: nb, material };
    if (material) {
      warnings.push(`greedy ${order}-first matching left a within-pair imbalance in the ${distance === "logit" ? "logit " : ""}propensity score: treated minus control ${a.toFixed(3)} SD on average, against ${b.toFixed(3)} SD in a seeded random order (${nb} treated matched); the matched effect may carry it (a biased HR with under-covering CI): prefer order "random", a tighter caliper, or full matching`);
    }
  }
  return {
    method: "nearest",
    options: {
      method: "nearest",
      distance,
      metric,
      ratio,
      replace,
      caliper: options.caliper ?? null,
      stdCaliper,
      caliperWidth: Number.isFinite(caliperWidth) ? caliperWidth : null,
      distanceSd: P.sd,
      order,
      seed,
      exact: P.strata !== null,
      estimand: "ATT",
      minControls: null,
      maxControls: null,
      ties: metric === "distance" ? "lower sorted position (MatchIt nn_matchC_vec)" : "first control in data order (R which.min)",
    },
    ...pk,
    ...(orderDiagnostic ? { orderDiagnostic } : {}),
    warnings,
  };
}

/**
 * Optimal pair matching (1:k, without replacement): minimises Σ over matched pairs of |d_i − d_c| over
 * all assignments of k distinct controls to each treated unit (within exact strata), by the Hungarian
 * algorithm. Rosenbaum PR (1989) "Optimal matching for observational studies", JASA 84:1024–1032,
 * doi:10.1080/01621459.1989.10478868.
 *
 * R: `MatchIt::matchit(..., method = "optimal", distance = ps, ratio = k)` (which calls optmatch's
 * `pairmatch`; optmatch is not packaged for Debian, so the objective is checked against a brute force
 * over all assignments instead). Optimal sets are not unique under ties; the objective is.
 *
 * With more treated than controls (1:1 only) every control is matched and the treated units left over
 * are reported as unmatched ("controls-exhausted"). Replacement or Mahalanobis distance is an
 * OPTION_CONFLICT error. Size limit: (treated × ratio) × controls ≤ OPTIMAL_MAX_CELLS per stratum
 * (O(rows² · cols) time).
 *
 * With a caliper (in SD of the distance unless stdCaliper = false, as MatchIt) only pairs within it
 * may be matched; when that makes a full assignment impossible, the most pairs possible (1:1: the most
 * treated units) are matched at the least total distance, by a minimum-cost maximum flow on the sparse
 * network of pairs within the caliper (causal/match/full.ts), and the treated units left out are
 * counted in steps.treatedUnmatched with their reason. R: optmatch's `pairmatch(..., caliper)` fails
 * instead when not every treated unit can be matched.
 *
 * @example
 * ```ts
 * import { matchOptimal } from "survinfer";
 * const r = matchOptimal({ treat: Int32Array.from([1, 1, 0, 0]), distance: Float64Array.from([0.5, 0.6, 0.58, 0.9]) });
 * r.objective; // 0.38 (0.5–0.58 and 0.6–0.9); greedy nearest-neighbour, largest first, gives 0.02 + 0.4 = 0.42
 * ```
 */
export function matchOptimal(input: MatchInput, options: MatchOptimalOptions = {}): Readonly<MatchResult> {
  const distance = options.distance ?? "ps";
  if (distance !== "ps" && distance !== "logit") throw optionError("distance", '"ps" or "logit"', distance);
  const ratio = options.ratio ?? 1;
  checkRatio(ratio);
  if (options.caliper !== undefined && !(Number.isFinite(options.caliper) && options.caliper > 0)) {
    throw optionError("caliper", "a positive number", options.caliper);
  }
  if (options.replace === true) {
    throw new SurvinferError({ code: "OPTION_CONFLICT", message: "optimal matching is without replacement", hint: "use matchNearest with replace = true" });
  }
  if (input.mahalanobis !== undefined) {
    throw new SurvinferError({ code: "OPTION_CONFLICT", message: "Mahalanobis distance is not supported with optimal matching" });
  }
  const P = prepare(input, distance);
  if (options.caliper !== undefined) return optimalWithCaliper(P, distance, ratio, options.caliper, options.stdCaliper ?? true);
  const s = sortUnits(P.treat, P.d, P.strata);
  const n1 = s.treated.length;
  const mm = new Int32Array(n1 * ratio).fill(-1);
  // group treated ranks by stratum (same lo/hi ⇒ same stratum)
  const byStratum = new Map<number, number[]>();
  for (let r = 0; r < n1; r++) {
    const list = byStratum.get(s.lo[r]);
    if (list) list.push(r);
    else byStratum.set(s.lo[r], [r]);
  }
  let objective = 0;
  for (const ranks of byStratum.values()) {
    const lo = s.lo[ranks[0]];
    const hi = s.hi[ranks[0]];
    const nc = hi - lo;
    if (nc === 0) continue;
    const rows = ranks.length * ratio;
    if (rows * nc > OPTIMAL_MAX_CELLS) {
      throw new SurvinferError({ code: "DATA_TOO_LARGE", message: `optimal matching of ${ranks.length} treated × ${nc} controls (ratio ${ratio}) exceeds ${OPTIMAL_MAX_CELLS} cells`, hint: "use matchNearest, or exact strata to split the problem" });
    }
    const dt = (row: number): number => P.d[s.treated[ranks[Math.floor(row / ratio)]]];
    if (rows <= nc) {
      const res = hungarian(rows, nc, (i, j) => Math.abs(dt(i) - s.ctlD[lo + j]));
      objective += res.objective;
      for (let i = 0; i < rows; i++) {
        const r = ranks[Math.floor(i / ratio)];
        mm[r * ratio + (i % ratio)] = s.ctl[lo + res.assign[i]];
      }
    } else if (ratio === 1) {
      const res = hungarian(nc, rows, (j, i) => Math.abs(dt(i) - s.ctlD[lo + j]));
      objective += res.objective;
      for (let j = 0; j < nc; j++) mm[ranks[res.assign[j]]] = s.ctl[lo + j];
    } else {
      throw new SurvinferError({ code: "DATA_TOO_FEW_CONTROLS", message: `optimal 1:${ratio} matching needs at least ${ratio} controls per treated unit in each stratum; a stratum has ${ranks.length} treated and ${nc} controls`, hint: "lower the ratio or use matchNearest" });
    }
  }
  // order controls within each set by closeness, for readability
  for (let r = 0; r < n1; r++) {
    const t = s.treated[r];
    const row = Array.from(mm.subarray(r * ratio, r * ratio + ratio)).filter((c) => c >= 0);
    row.sort((a, b) => Math.abs(P.d[a] - P.d[t]) - Math.abs(P.d[b] - P.d[t]) || a - b);
    for (let q = 0; q < ratio; q++) mm[r * ratio + q] = q < row.length ? row[q] : -1;
  }
  const pk = packageMatches(mm, ratio, P.treat, s.treated, P.ids, false, reasons(s, P.d, Infinity));
  const warnings: string[] = [];
  if (pk.steps.treatedUnmatched > 0) warnings.push(`${pk.steps.treatedUnmatched} of ${pk.steps.treated} treated units were not matched`);
  return {
    method: "optimal",
    options: {
      method: "optimal",
      distance,
      metric: "distance",
      ratio,
      replace: false,
      caliper: null,
      stdCaliper: false,
      caliperWidth: null,
      distanceSd: P.sd,
      order: "data",
      seed: null,
      exact: P.strata !== null,
      estimand: "ATT",
      minControls: null,
      maxControls: null,
      ties: "any optimal assignment (the objective is unique, the sets need not be)",
    },
    ...pk,
    objective,
    warnings,
  };
}

function caliperWidthOf(P: Prepared, caliper: number | undefined, stdCaliper: boolean): number {
  if (caliper === undefined) return Infinity;
  if (!(Number.isFinite(caliper) && caliper > 0)) throw optionError("caliper", "a positive number", caliper);
  return stdCaliper ? caliper * P.sd : caliper;
}

/** Unmatched reason for a focal unit that the flow left out: no partner within reach, or bounds/others used up. */
function flowReason(s: SortedUnits, reach: Int32Array): (t: number) => UnmatchedReason {
  return (t) => {
    const r = s.treatedRank[t];
    if (s.hi[r] <= s.lo[r]) return "no-control-in-exact-stratum";
    return reach[r] === 0 ? "no-control-within-caliper" : "controls-exhausted";
  };
}

function optimalWithCaliper(P: Prepared, distance: MatchDistance, ratio: number, caliper: number, stdCaliper: boolean): Readonly<MatchResult> {
  const width = caliperWidthOf(P, caliper, stdCaliper);
  const s = sortUnits(P.treat, P.d, P.strata);
  checkNetworkSize(s, P.d, width);
  const k = starMatchKernel(s, P.d, width, "pair", ratio, 1);
  const n1 = s.treated.length;
  const mm = new Int32Array(n1 * ratio).fill(-1);
  const fill = new Int32Array(n1);
  const order = Array.from(k.edgeFocal.keys()).sort((a, b) => Math.abs(P.d[k.edgeOther[a]] - P.d[k.edgeFocal[a]]) - Math.abs(P.d[k.edgeOther[b]] - P.d[k.edgeFocal[b]]) || k.edgeOther[a] - k.edgeOther[b]);
  for (const q of order) {
    const r = s.treatedRank[k.edgeFocal[q]];
    mm[r * ratio + fill[r]++] = k.edgeOther[q];
  }
  const pk = packageMatches(mm, ratio, P.treat, s.treated, P.ids, false, flowReason(s, k.reach));
  const warnings: string[] = [];
  if (pk.steps.treatedUnmatched > 0) {
    warnings.push(`${pk.steps.treatedUnmatched} of ${pk.steps.treated} treated units were not matched (the caliper leaves no full assignment); the most pairs possible were matched at the least total distance`);
  }
  if (pk.steps.treatedWithFewerThanRatio > 0) warnings.push(`${pk.steps.treatedWithFewerThanRatio} treated units received fewer than ${ratio} controls`);
  return {
    method: "optimal",
    options: {
      method: "optimal",
      distance,
      metric: "distance",
      ratio,
      replace: false,
      caliper,
      stdCaliper,
      caliperWidth: width,
      distanceSd: P.sd,
      order: "data",
      seed: null,
      exact: P.strata !== null,
      estimand: "ATT",
      minControls: null,
      maxControls: null,
      ties: "any optimal assignment (the objective is unique, the sets need not be)",
    },
    ...pk,
    objective: k.objective,
    network: { edges: k.networkEdges, augmentations: k.augmentations },
    warnings,
  };
}

/** Largest sparse network (pairs within the caliper) that full and caliper-optimal matching accept. */
export const FLOW_MAX_EDGES = 40_000_000;

function checkNetworkSize(s: SortedUnits, d: Float64Array, width: number): void {
  const m = countCaliperEdges(s, d, width);
  if (m > FLOW_MAX_EDGES) {
    throw new SurvinferError({ code: "DATA_TOO_LARGE", message: `the matching network has ${m} treated–control pairs within the caliper, more than ${FLOW_MAX_EDGES}`, hint: "use a caliper (e.g. 0.2 SD) or a narrower one, or exact strata, to make the network sparse" });
  }
}

/**
 * Optimal full matching (Rosenbaum 1991; Hansen 2004, doi:10.1198/016214504000000647; Hansen & Klopfer
 * 2006, doi:10.1198/106186006X137047): every unit with a possible partner is placed in a subclass of one
 * treated unit and ≥ 1 controls, or one control and ≥ 1 treated units, so that the total treated–control
 * distance within subclasses, Σ_s Σ_{i,j ∈ s} |d_i − d_j|, is least. Solved exactly as a minimum-cost flow
 * on the sparse network of pairs within the caliper (causal/match/full.ts; successive shortest paths,
 * O(F · E log V)); without min/max bounds, as a minimum-cost edge cover reduced to a maximum-weight
 * matching on the few pairs that can lower the cost (causal/match/edge-cover.ts). Weights from the subclasses exactly as MatchIt (`weights.subclass`, see
 * causal/match/subclass-weights.ts) for the ATT, ATC or ATE.
 *
 * Options as optmatch::fullmatch: minControls (0 or 1/k) and maxControls (whole ≥ 1 or ∞) bound the
 * controls per treated unit within a subclass; with estimand "ATC" the controls are the focal group, so
 * the bounds count treated per control (as MatchIt swaps the roles). The caliper is in SD of the
 * distance (SD over all units) unless stdCaliper = false. Units with no partner within the caliper, or
 * left out because the bounds cannot hold for everyone, get no subclass and weight 0; the flow first
 * matches as many units as possible, then minimises the distance.
 *
 * R: `MatchIt::matchit(treat ~ ..., distance = ps, method = "full", estimand, caliper, min.controls,
 * max.controls)` (optmatch::fullmatch; optmatch is not packaged for Debian: tools/oracle/fullmatch.R
 * states the same problem as a linear program in base R). Deliberate differences: optmatch fails when
 * min.controls/max.controls cannot hold for every unit; MatchIt forbids a caliper with min.controls.
 * Subclass labels differ from MatchIt's (compare the sets, not the labels); optimal sets need not be
 * unique under ties, the objective is.
 *
 * @example
 * ```ts
 * import { matchFull } from "survinfer";
 * const r = matchFull({ treat: Int32Array.from([1, 1, 0, 1, 0, 0]), distance: Float64Array.from([0.3, 0.35, 0.32, 0.7, 0.68, 0.75]) });
 * r.subclasses; // [{ subclass: 1, treated: ["1", "2"], controls: ["3"] }, { subclass: 2, treated: ["4"], controls: ["5", "6"] }]
 * ```
 */
export function matchFull(input: MatchInput, options: MatchFullOptions = {}): Readonly<MatchResult> {
  const distance = options.distance ?? "ps";
  if (distance !== "ps" && distance !== "logit") throw optionError("distance", '"ps" or "logit"', distance);
  const estimand: FullMatchEstimand = options.estimand ?? "ATT";
  if (!["ATT", "ATC", "ATE"].includes(estimand)) throw optionError("estimand", '"ATT", "ATC" or "ATE"', estimand);
  const minControls = options.minControls ?? 0;
  const maxControls = options.maxControls ?? Infinity;
  const perControl = minControls > 0 ? 1 / minControls : Infinity; // most focal units sharing one other unit
  if (!(minControls === 0 || (minControls > 0 && minControls <= 1 && Math.abs(perControl - Math.round(perControl)) < 1e-9))) {
    throw new SurvinferError({
      code: "OPTION_INVALID",
      message: `option minControls must be 0 or 1/k for a whole k ≥ 1 (e.g. 0.5: at most 2 treated share one control); got ${JSON.stringify(options.minControls)}`,
      hint: "minControls above 1 (several controls required per treated unit) is not supported: use optimal 1:k matching",
    });
  }
  if (!(maxControls === Infinity || (Number.isInteger(maxControls) && maxControls >= 1))) {
    throw new SurvinferError({
      code: "OPTION_INVALID",
      message: `option maxControls must be a whole number ≥ 1 or Infinity; got ${JSON.stringify(options.maxControls)}`,
      hint: "maxControls below 1 (several treated required per control) is not supported",
    });
  }
  const stdCaliper = options.stdCaliper ?? true;
  const P = prepare(input, distance);
  const width = caliperWidthOf(P, options.caliper, stdCaliper);
  // focal group coded 1: treated, or the controls for the ATC (MatchIt swaps the roles)
  const focalTreat = estimand === "ATC" ? P.treat.map((t) => 1 - t) : P.treat;
  const s = sortUnits(focalTreat, P.d, P.strata);
  checkNetworkSize(s, P.d, width);
  const maxFocal = minControls === 0 ? Infinity : Math.round(perControl);
  const k = starMatchKernel(s, P.d, width, "full", maxControls, maxFocal);
  const subclass = subclassesFromEdges(P.n, k.edgeFocal, k.edgeOther);
  const weights = weightsFromSubclass(P.treat, subclass, estimand);
  const members = new Map<number, { treated: string[]; controls: string[] }>();
  for (let i = 0; i < P.n; i++) {
    const sc = subclass[i];
    if (sc === null) continue;
    let m = members.get(sc);
    if (m === undefined) {
      m = { treated: [], controls: [] };
      members.set(sc, m);
    }
    (P.treat[i] === 1 ? m.treated : m.controls).push(P.ids[i]);
  }
  const subclasses = [...members.entries()].sort((a, b) => a[0] - b[0]).map(([sc, m]) => ({ subclass: sc, treated: m.treated, controls: m.controls }));
  const matched: MatchedSet[] = [];
  const unmatched: UnmatchedUnit[] = [];
  const unmatchedByReason: Record<UnmatchedReason, number> = { "no-control-in-exact-stratum": 0, "no-control-within-caliper": 0, "controls-exhausted": 0 };
  const reason = flowReason(s, k.reach);
  const reasonOf = (i: number): UnmatchedReason => {
    if (focalTreat[i] === 1) return reason(i);
    // a non-focal unit: does any focal unit of its stratum lie within the caliper?
    for (let r = 0; r < s.treated.length; r++) {
      const t = s.treated[r];
      if ((P.strata === null || P.strata[t] === P.strata[i]) && Math.abs(P.d[t] - P.d[i]) <= width) return "controls-exhausted";
    }
    return P.strata !== null && !s.treated.some((t) => P.strata![t] === P.strata![i]) ? "no-control-in-exact-stratum" : "no-control-within-caliper";
  };
  let nT = 0;
  let nC = 0;
  let nC0 = 0;
  for (let i = 0; i < P.n; i++) {
    const sc = subclass[i];
    if (P.treat[i] !== 1) {
      nC0++;
      if (sc !== null) nC++;
      continue;
    }
    nT++;
    if (sc === null) {
      const why = reasonOf(i);
      unmatched.push({ id: P.ids[i], reason: why });
      unmatchedByReason[why]++;
    } else {
      matched.push({ subclass: sc, treated: P.ids[i], controls: members.get(sc)!.controls });
    }
  }
  const warnings: string[] = [];
  if (unmatched.length > 0) warnings.push(`${unmatched.length} of ${nT} treated units were not placed in a subclass (${Object.entries(unmatchedByReason).filter(([, v]) => v > 0).map(([r, v]) => `${v} ${r.replace(/-/g, " ")}`).join(", ")})`);
  if (nC < nC0) warnings.push(`${nC0 - nC} of ${nC0} controls were not placed in a subclass (no treated unit within the caliper${Number.isFinite(maxControls) || minControls > 0 ? ", or the subclass size bounds" : ""})`);
  return {
    method: "full",
    options: {
      method: "full",
      distance,
      metric: "distance",
      ratio: 1,
      replace: false,
      caliper: options.caliper ?? null,
      stdCaliper,
      caliperWidth: Number.isFinite(width) ? width : null,
      distanceSd: P.sd,
      order: "data",
      seed: null,
      exact: P.strata !== null,
      estimand,
      minControls,
      maxControls: Number.isFinite(maxControls) ? maxControls : null,
      ties: "any optimal partition (the objective is unique, the subclasses need not be)",
    },
    matched,
    subclasses,
    weights,
    subclass,
    unmatched,
    steps: {
      treated: nT,
      controls: nC0,
      treatedMatched: matched.length,
      treatedWithFewerThanRatio: 0,
      treatedUnmatched: unmatched.length,
      unmatchedByReason,
      controlsMatched: nC,
      controlsUnused: nC0 - nC,
    },
    objective: k.objective,
    network: { edges: k.networkEdges, augmentations: k.augmentations },
    warnings,
  };
}

/** Options of matchPropensity: nearest-neighbour options plus the method and full matching's own. */
export interface MatchOptions extends MatchNearestOptions {
  /** Default "nearest". */
  readonly method?: MatchMethod;
  /** Full matching only (see MatchFullOptions). */
  readonly minControls?: number;
  readonly maxControls?: number;
  readonly estimand?: FullMatchEstimand;
}

/**
 * One front door for the three methods: "nearest" (matchNearest), "optimal" (matchOptimal, 1:k, with
 * or without caliper) and "full" (matchFull). Options that a method does not use are an OPTION_CONFLICT
 * error when they change the result (replacement with optimal or full, ratio ≠ 1 with full); the
 * matching order is ignored by optimal and full matching (their result does not depend on it).
 */
export function matchPropensity(input: MatchInput, options: MatchOptions = {}): Readonly<MatchResult> {
  const { method = "nearest", minControls, maxControls, estimand, ...rest } = options;
  if (method === "nearest") {
    if (minControls !== undefined || maxControls !== undefined || (estimand !== undefined && estimand !== "ATT")) {
      throw new SurvinferError({ code: "OPTION_CONFLICT", message: "minControls, maxControls and estimand apply to full matching (method \"full\") only" });
    }
    return matchNearest(input, rest);
  }
  if (rest.replace === true) {
    throw new SurvinferError({ code: "OPTION_CONFLICT", message: `${method} matching is without replacement`, hint: "use method \"nearest\" with replace = true" });
  }
  if (method === "optimal") {
    if (minControls !== undefined || maxControls !== undefined || (estimand !== undefined && estimand !== "ATT")) {
      throw new SurvinferError({ code: "OPTION_CONFLICT", message: "minControls, maxControls and estimand apply to full matching (method \"full\") only" });
    }
    return matchOptimal(input, { distance: rest.distance, ratio: rest.ratio, caliper: rest.caliper, stdCaliper: rest.stdCaliper });
  }
  if (method === "full") {
    if (rest.ratio !== undefined && rest.ratio !== 1) {
      throw new SurvinferError({ code: "OPTION_CONFLICT", message: `full matching has no ratio (got ${rest.ratio})`, hint: "bound the subclass sizes with minControls / maxControls instead" });
    }
    return matchFull(input, { distance: rest.distance, caliper: rest.caliper, stdCaliper: rest.stdCaliper, minControls, maxControls, estimand });
  }
  throw optionError("method", '"nearest", "optimal" or "full"', method);
}

/** Mean over matched pairs of d(treated) − d(control); NaN when there is no pair. */
function meanPairDifference(mm: Int32Array, ratio: number, treated: Int32Array, d: Float64Array): number {
  let sum = 0;
  let k = 0;
  for (let r = 0; r < treated.length; r++) {
    for (let q = 0; q < ratio; q++) {
      const c = mm[r * ratio + q];
      if (c < 0) continue;
      sum += d[treated[r]] - d[c];
      k++;
    }
  }
  return k === 0 ? Number.NaN : sum / k;
}
