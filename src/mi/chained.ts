/**
 * Multiple imputation by chained equations (fully conditional specification), as mice 3.15.0 does by
 * default (van Buuren & Groothuis-Oudshoorn 2011, J Stat Softw 45(3), doi:10.18637/jss.v045.i03;
 * van Buuren 2018, FIMD §4.5): each incomplete variable is imputed in turn, left to right, from all the
 * other variables (their current values, categorical ones as treatment-contrast dummies), with pmm for
 * numeric variables, logreg for two-level and polyreg for unordered categorical ones; starting values
 * are random draws from the observed values (mice.impute.sample); `iterations` sweeps per chain; m
 * independent chains give the m completed datasets. For a survival analysis the outcome enters every
 * imputation model as the event indicator and the Nelson–Aalen cumulative hazard (White & Royston 2009).
 * Predictors are screened per model as mice's remove.lindep does (lindep.ts).
 *
 * Differences from mice, on purpose: each chain has its own seeded stream (so chains can run in parallel
 * and do not depend on each other); R's random numbers are not reproduced (the univariate models are
 * checked against mice with R's draws replayed, test/mi/).
 */
import { SurvinferError } from "../errors.js";
import { keepPredictors } from "./lindep.js";
import { logreg } from "./logreg.js";
import { logisticRegression } from "../regression/logistic.js";
import { nelsonAalenAtTimes } from "./nelson-aalen.js";
import { pmm } from "./pmm.js";
import { polyreg } from "./polyreg.js";
import { chainRandoms, type MiRandom } from "./random.js";
import type { UnivariateInput } from "./design.js";

export type MiMethod = "pmm" | "logreg" | "polyreg" | "none";

export interface MiColumn {
  readonly name: string;
  /** Values, NaN where missing. Categorical columns hold level codes 0..levels.length − 1. */
  readonly values: Float64Array | readonly number[];
  /** Present for a categorical column (two levels → logreg, more → polyreg). */
  readonly levels?: readonly string[];
  /** Override the default method; "none" leaves the column's missing values missing (it then cannot be a predictor). */
  readonly method?: MiMethod;
  /** Whether the column predicts the others (default true). An auxiliary variable is a column that is a predictor but not analysed. */
  readonly predictor?: boolean;
}

export interface MiOptions {
  /** Number of imputations (chains); default 20. */
  readonly m?: number;
  /** Iterations per chain; default 10. */
  readonly iterations?: number;
  /** Seed (integer in [0, 2^31)); default 1. */
  readonly seed?: number;
  /** pmm donors; default 5 (mice). */
  readonly donors?: number;
  /** Survival outcome added to every imputation model as `status` and the Nelson–Aalen `H` (White & Royston 2009). */
  readonly outcome?: { readonly time: ArrayLike<number>; readonly status: ArrayLike<number> };
}

export interface MiVariableResult {
  readonly name: string;
  readonly method: MiMethod;
  readonly levels: readonly string[] | null;
  /** 0-based rows with a missing value. */
  readonly rows: readonly number[];
  /** imputed[chain][k] is the value of row rows[k] in completed dataset chain + 1 (level codes for categorical). */
  readonly imputed: readonly (readonly number[])[];
  /** Convergence trace: mean and SD of the imputed values per iteration (rows) and chain (columns); categorical: of the 1-based level numbers, as mice's chainMean. */
  readonly chainMean: readonly (readonly number[])[];
  readonly chainSd: readonly (readonly number[])[];
  /** Observed values' mean and SD (numeric), or counts per level (categorical), for observed-vs-imputed plots. */
  readonly observed: { readonly n: number; readonly mean: number; readonly sd: number; readonly levelCounts: readonly number[] | null };
  /** Predictors the model used in the last iteration (after mice's remove.lindep screen). */
  readonly predictors: readonly string[];
}

export interface MiResult {
  readonly method: "mice-fcs";
  readonly n: number;
  readonly m: number;
  readonly iterations: number;
  readonly seed: number;
  readonly donors: number;
  readonly outcomeInModels: boolean;
  readonly variables: readonly MiVariableResult[];
  readonly warnings: readonly string[];
}

export interface Prepared {
  readonly name: string;
  readonly values: Float64Array;
  readonly levels: readonly string[] | null;
  readonly method: MiMethod;
  readonly predictor: boolean;
  readonly missing: number[];
}

function defaultMethod(levels: readonly string[] | null): MiMethod {
  if (levels === null) return "pmm";
  return levels.length <= 2 ? "logreg" : "polyreg";
}

function prepare(columns: readonly MiColumn[], options: MiOptions, warnings: string[]): { cols: Prepared[]; n: number } {
  if (columns.length === 0) throw new SurvinferError({ code: "MI_NO_VARIABLES", message: "multiple imputation needs at least one variable" });
  const n = columns[0].values.length;
  const names = new Set<string>();
  const cols: Prepared[] = columns.map((c) => {
    if (names.has(c.name)) throw new SurvinferError({ code: "MI_DUPLICATE_VARIABLE", message: `variable "${c.name}" is listed twice for imputation` });
    names.add(c.name);
    if (c.values.length !== n) {
      throw new SurvinferError({ code: "MI_LENGTH_MISMATCH", message: `variable "${c.name}" has ${c.values.length} values, "${columns[0].name}" has ${n}` });
    }
    const values = Float64Array.from(c.values);
    const levels = c.levels ?? null;
    const missing: number[] = [];
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (Number.isNaN(v)) missing.push(i);
      else if (!Number.isFinite(v)) {
        throw new SurvinferError({ code: "MI_VALUE_INVALID", message: `variable "${c.name}" has the non-finite value ${v} in data row ${i + 1}`, column: c.name, value: String(v) });
      } else if (levels !== null && !(Number.isInteger(v) && v >= 0 && v < levels.length)) {
        throw new SurvinferError({ code: "MI_VALUE_INVALID", message: `categorical variable "${c.name}" has the code ${v} in data row ${i + 1}; codes must be 0..${levels.length - 1}`, column: c.name, value: String(v) });
      }
    }
    const method = missing.length === 0 ? "none" : (c.method ?? defaultMethod(levels));
    if (method === "logreg" && levels !== null && levels.length > 2) {
      throw new SurvinferError({ code: "OPTION_INVALID", message: `variable "${c.name}" has ${levels.length} levels: logreg needs two; use polyreg` });
    }
    if (missing.length === n) {
      throw new SurvinferError({
        code: "MI_ALL_MISSING",
        message: `variable "${c.name}" is missing for all ${n} patients and cannot be imputed`,
        column: c.name,
        hint: "leave it out of the analysis",
      });
    }
    if (missing.length > 0 && method !== "none") {
      const observed = new Set<number>();
      for (let i = 0; i < n; i++) if (!Number.isNaN(values[i])) observed.add(values[i]);
      if (observed.size === 1) {
        warnings.push(`"${c.name}" has a single observed value (${levels === null ? Array.from(observed)[0] : levels[Array.from(observed)[0]]}); all its imputations equal it`);
      }
    }
    return { name: c.name, values, levels, method, predictor: c.predictor ?? true, missing };
  });
  if (options.outcome !== undefined) {
    const { time, status } = options.outcome;
    if (time.length !== n || status.length !== n) {
      throw new SurvinferError({ code: "MI_LENGTH_MISMATCH", message: `the outcome has ${time.length} times and ${status.length} statuses for ${n} patients` });
    }
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(time[i]) || !(status[i] === 0 || status[i] === 1)) {
        throw new SurvinferError({ code: "MI_OUTCOME_MISSING", message: `the outcome of data row ${i + 1} is missing or invalid (time ${time[i]}, status ${status[i]}): the outcome enters every imputation model and must be complete`, row: i + 2 });
      }
    }
    const h = nelsonAalenAtTimes(time, status);
    for (const extra of ["status", "H"]) {
      if (names.has(extra)) throw new SurvinferError({ code: "MI_DUPLICATE_VARIABLE", message: `a variable is named "${extra}", which is reserved for the outcome in the imputation models` });
    }
    cols.push({ name: "status", values: Float64Array.from(status), levels: null, method: "none", predictor: true, missing: [] });
    cols.push({ name: "H", values: h, levels: null, method: "none", predictor: true, missing: [] });
  }
  for (const c of cols) {
    if (c.missing.length > 0 && c.method === "none" && c.predictor) {
      throw new SurvinferError({ code: "MI_PREDICTOR_INCOMPLETE", message: `variable "${c.name}" has missing values, is not imputed and cannot predict the others`, hint: "impute it, or set predictor: false" });
    }
  }
  return { cols, n };
}

/** Design (n × q column-major, no intercept) of the predictors of column `target`, from the current values. */
function design(cols: readonly Prepared[], current: readonly Float64Array[], target: number, n: number): { x: Float64Array; q: number; names: string[] } {
  const blocks: { vals: Float64Array; name: string; level: number | null }[] = [];
  cols.forEach((c, k) => {
    if (k === target || !c.predictor) return;
    if (c.levels === null) blocks.push({ vals: current[k], name: c.name, level: null });
    else for (let l = 1; l < c.levels.length; l++) blocks.push({ vals: current[k], name: `${c.name}${c.levels[l]}`, level: l });
  });
  const q = blocks.length;
  const x = new Float64Array(n * q);
  blocks.forEach((b, j) => {
    for (let i = 0; i < n; i++) x[j * n + i] = b.level === null ? b.vals[i] : b.vals[i] === b.level ? 1 : 0;
  });
  return { x, q, names: blocks.map((b) => b.name) };
}

function meanSd(v: ArrayLike<number>): { mean: number; sd: number } {
  const n = v.length;
  let s = 0;
  for (let i = 0; i < n; i++) s += v[i];
  const mean = s / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (v[i] - mean) * (v[i] - mean);
  return { mean, sd: n > 1 ? Math.sqrt(ss / (n - 1)) : Number.NaN };
}

function imputeOne(c: Prepared, input: UnivariateInput, rng: MiRandom, donors: number, warnings: Set<string>): Float64Array {
  if (c.method === "pmm") {
    const r = pmm(input, rng, donors);
    if (r.ridge) warnings.add(`"${c.name}": the imputation model's predictors are (nearly) collinear; mice's ridge penalty (1e-5) was applied`);
    return r.values;
  }
  if (c.method === "logreg") {
    const r = logreg(input, rng, c.name);
    for (const w of r.warnings) warnings.add(`"${c.name}" (logistic imputation model): ${w}`);
    return r.values;
  }
  const r = polyreg(input, c.levels ?? [], rng, c.name);
  for (const w of r.warnings) warnings.add(w);
  return r.values;
}

function validateOptions(options: MiOptions): { m: number; iterations: number; seed: number; donors: number } {
  const m = options.m ?? 20;
  const iterations = options.iterations ?? 10;
  const seed = options.seed ?? 1;
  const donors = options.donors ?? 5;
  const int = (v: number, min: number, name: string, allowed: string): void => {
    if (!(Number.isInteger(v) && v >= min)) throw new SurvinferError({ code: "OPTION_INVALID", message: `option ${name} must be ${allowed}; got ${JSON.stringify(v)}` });
  };
  int(m, 2, "m", "an integer ≥ 2 (number of imputations)");
  int(iterations, 1, "iterations", "an integer ≥ 1");
  int(donors, 1, "donors", "an integer ≥ 1");
  if (!(Number.isInteger(seed) && seed >= 0 && seed < 2 ** 31)) throw new SurvinferError({ code: "OPTION_INVALID", message: `option seed must be an integer in [0, 2^31); got ${JSON.stringify(seed)}` });
  return { m, iterations, seed, donors };
}

/** Runs one chain; returns the final imputations and the per-iteration trace for each incomplete column. */
/** One chain's output: final imputations and trace per incomplete column, its warnings (in order) and the last models' predictors. */
export interface ChainResult {
  readonly imputed: Float64Array[];
  readonly mean: number[][];
  readonly sd: number[][];
  readonly warnings: string[];
  readonly predictors: string[][];
}

function runChain(cols: readonly Prepared[], n: number, iterations: number, donors: number, rng: MiRandom): ChainResult {
  const warnings = new Set<string>();
  const current = cols.map((c) => Float64Array.from(c.values));
  const targets = cols.map((c, k) => (c.method !== "none" ? k : -1)).filter((k) => k >= 0);
  // starting values: mice.impute.sample — draws with replacement from the observed values
  for (const k of targets) {
    const obs: number[] = [];
    for (let i = 0; i < n; i++) if (!Number.isNaN(cols[k].values[i])) obs.push(cols[k].values[i]);
    for (const i of cols[k].missing) current[k][i] = obs[Math.min(obs.length - 1, Math.floor(rng.uniform() * obs.length))];
  }
  const mean = targets.map(() => [] as number[]);
  const sd = targets.map(() => [] as number[]);
  const predictorNames: string[][] = targets.map(() => []);
  for (let it = 0; it < iterations; it++) {
    targets.forEach((k, t) => {
      const c = cols[k];
      const full = design(cols, current, k, n);
      const ry = new Uint8Array(n);
      const wy = new Uint8Array(n);
      for (let i = 0; i < n; i++) ry[i] = Number.isNaN(c.values[i]) ? 0 : 1;
      for (const i of c.missing) wy[i] = 1;
      const keep = keepPredictors(full.x, full.q, current[k], ry);
      const kept = keep.flatMap((kp, j) => (kp ? [j] : []));
      const x = new Float64Array(n * kept.length);
      kept.forEach((j, a) => x.set(full.x.subarray(j * n, (j + 1) * n), a * n));
      predictorNames[t] = kept.map((j) => full.names[j]);
      const vals = imputeOne(c, { y: current[k], ry, wy, x, q: kept.length }, rng, donors, warnings);
      c.missing.forEach((i, a) => (current[k][i] = vals[a]));
      const ms = meanSd(c.levels === null ? vals : vals.map((v) => v + 1));
      mean[t].push(ms.mean);
      sd[t].push(ms.sd);
    });
  }
  return { imputed: targets.map((k) => Float64Array.from(cols[k].missing, (i) => current[k][i])), mean, sd, warnings: Array.from(warnings), predictors: predictorNames };
}

/**
 * Multiple imputation of `columns` (all of the same length n). Complete columns are predictors only.
 * @example
 * const mi = imputeChained([{ name: "size", values: [57, NaN, 91] }, { name: "age", values: [80, 55, 46] }], { m: 5, seed: 7 });
 * const first = completeColumn(mi, "size", [57, NaN, 91], 0);
 */
export function imputeChained(columns: readonly MiColumn[], options: MiOptions = {}): MiResult {
  const setup = setupChains(columns, options);
  const rngs = chainRandoms(setup.seed, setup.m);
  return assembleChains(setup, rngs.map((rng) => runChain(setup.cols, setup.n, setup.iterations, setup.donors, rng)), options);
}

/** Validated options and prepared columns: everything a chain needs (also rebuilt, identically, in a worker). */
export interface ChainSetup {
  readonly m: number;
  readonly iterations: number;
  readonly seed: number;
  readonly donors: number;
  readonly n: number;
  readonly cols: readonly Prepared[];
  readonly startWarnings: readonly string[];
}

export function setupChains(columns: readonly MiColumn[], options: MiOptions): ChainSetup {
  const { m, iterations, seed, donors } = validateOptions(options);
  const startWarnings: string[] = [];
  const { cols, n } = prepare(columns, options, startWarnings);
  for (const c of cols) {
    if (c.missing.length === 0 && c.predictor) {
      const { sd } = meanSd(c.values);
      if (!(sd > 0)) startWarnings.push(`"${c.name}" is constant; it cannot predict anything and is left out of the imputation models`);
    }
  }
  startWarnings.push(...separationWarnings(cols, n));
  return { m, iterations, seed, donors, n, cols, startWarnings };
}

/**
 * A binary variable whose observed values the complete predictors separate (completely or quasi-completely):
 * the plain logistic fit on the observed rows diverges (R: "fitted probabilities numerically 0 or 1"). mice's
 * augmentation (augment.ts) keeps the imputation model finite, so this is a warning naming the variable, not
 * an error: its imputed values follow the separation.
 */
function separationWarnings(cols: readonly Prepared[], n: number): string[] {
  const out: string[] = [];
  cols.forEach((c, k) => {
    if (c.method !== "logreg") return;
    const preds = cols.filter((o, j) => j !== k && o.predictor && o.missing.length === 0);
    const obs: number[] = [];
    for (let i = 0; i < n; i++) if (!Number.isNaN(c.values[i])) obs.push(i);
    const blocks: { vals: Float64Array; level: number | null; name: string }[] = [];
    for (const o of preds) {
      if (o.levels === null) blocks.push({ vals: o.values, level: null, name: o.name });
      else for (let l = 1; l < o.levels.length; l++) blocks.push({ vals: o.values, level: l, name: `${o.name}${o.levels[l]}` });
    }
    if (blocks.length === 0 || obs.length < 2) return;
    const x = new Float64Array(obs.length * blocks.length);
    blocks.forEach((b, j) => obs.forEach((i, a) => (x[j * obs.length + a] = b.level === null ? b.vals[i] : b.vals[i] === b.level ? 1 : 0)));
    const y = Float64Array.from(obs, (i) => c.values[i]);
    let fitWarnings: readonly string[];
    try {
      fitWarnings = logisticRegression({ y, x, columnNames: blocks.map((b) => b.name), intercept: true }).warnings;
    } catch {
      return; // a singular design is screened per model later (lindep.ts)
    }
    if (fitWarnings.some((w) => /numerically 0 or 1|did not converge/.test(w))) {
      out.push(`"${c.name}" (logistic imputation model): its observed values are separated by the other variables (the plain logistic fit diverges); mice's augmentation keeps the model finite, but the imputed values follow the separation: check "${c.name}" against ${preds.map((p) => `"${p.name}"`).join(", ")}`);
    }
  });
  return out;
}

/** Chain `k` (0-based) of a setup, on its own stream (the k-th jump of the seed's generator): the same wherever it runs. */
export function runChainOf(setup: ChainSetup, k: number): ChainResult {
  return runChain(setup.cols, setup.n, setup.iterations, setup.donors, chainRandoms(setup.seed, k + 1)[k]);
}

/** The result from the m chains, in chain order (warnings merged in that order, predictors of the last chain). */
export function assembleChains(setup: ChainSetup, chains: readonly ChainResult[], options: MiOptions): MiResult {
  const { cols, n, m, iterations, seed, donors } = setup;
  const targets = cols.filter((c) => c.method !== "none");
  const warnings = new Set<string>(setup.startWarnings);
  for (const ch of chains) for (const w of ch.warnings) warnings.add(w);
  const last = chains[chains.length - 1];
  const variables: MiVariableResult[] = targets.map((c, t) => {
    const obsVals: number[] = [];
    for (let i = 0; i < n; i++) if (!Number.isNaN(c.values[i])) obsVals.push(c.values[i]);
    const ms = meanSd(obsVals);
    const levelCounts = c.levels === null ? null : c.levels.map((_, l) => obsVals.filter((v) => v === l).length);
    return {
      name: c.name,
      method: c.method,
      levels: c.levels,
      rows: c.missing,
      imputed: chains.map((ch) => Array.from(ch.imputed[t])),
      chainMean: Array.from({ length: iterations }, (_, it) => chains.map((ch) => ch.mean[t][it])),
      chainSd: Array.from({ length: iterations }, (_, it) => chains.map((ch) => ch.sd[t][it])),
      observed: { n: obsVals.length, mean: ms.mean, sd: ms.sd, levelCounts },
      predictors: last.predictors[t],
    };
  });
  return { method: "mice-fcs", n, m, iterations, seed, donors, outcomeInModels: options.outcome !== undefined, variables, warnings: Array.from(warnings) };
}

/** The completed values of one variable in imputation `chain` (0-based); `values` are the original values. */
export function completeColumn(result: MiResult, name: string, values: ArrayLike<number>, chain: number): Float64Array {
  const out = Float64Array.from(values);
  const v = result.variables.find((x) => x.name === name);
  if (v === undefined) return out;
  v.rows.forEach((i, k) => (out[i] = v.imputed[chain][k]));
  return out;
}
