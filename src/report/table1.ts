/**
 * "Table 1": baseline characteristics by treatment group, with p-values and standardised mean
 * differences, for the whole cohort and (given weights) for a matched or weighted sample; and a layout
 * that puts unadjusted | matched | weighted side by side in one table.
 *
 * The numbers follow base R (mean, sd, median, quantile type 7, t.test, wilcox.test, chisq.test,
 * fisher.test), survey::svyquantile(qrule = "math") for weighted quantiles, and cobalt's bal.tab for the
 * SMDs (through `balanceTable`). Checked against tools/oracle/table1.R.
 */
import { SurvinferError, optionError } from "../errors.js";
import { balanceTable, type BalanceCovariate, type BalanceOptions, type BalanceResult } from "../causal/balance.js";
import { kishEss } from "../causal/ess.js";
import { BALANCE_STATS } from "../causal/balance-stats.js";
import { smdDecimals } from "../causal/balance-verdict.js";
import type { Table } from "../data/table.js";
import { findColumn } from "../data/table.js";
import { chisqTest } from "../stats/chisq.js";
import { mean, medianSorted, quantileSorted, sd, skewness, weightedMean, weightedVariance } from "../stats/descriptive.js";
import { fisherExact } from "../stats/fisher.js";
import { welchTTest } from "../stats/welch-t.js";
import { wilcoxonRankSum } from "../stats/wilcoxon.js";
import type { HeaderCell, ReportTable } from "./csv.js";
import { formatCount, formatPValue, toFixedR } from "./number-format.js";
import { msg } from "../i18n/messages.js";
import { engineText } from "../i18n/warnings.js";
import { localizeDecimal } from "../i18n/language.js";

export type Table1Summary = "mean" | "median" | "auto";
export type Table1TestId = "welch-t" | "wilcoxon" | "chisq" | "chisq-yates" | "fisher";
export type CategoricalTestRule = "auto" | "chisq" | "fisher";

export interface Table1Variable {
  /** Column name in the table. */
  readonly name: string;
  /** Label shown in the table (default: the name). */
  readonly label?: string;
  readonly kind: "continuous" | "categorical";
  /** Continuous variables: mean (SD), median [IQR], or "auto" (default): median [IQR] when |skewness| > skewnessThreshold. */
  readonly summary?: Table1Summary;
  /** Numeric column shown dichotomised as "≤ cutoff" / "> cutoff" (a categorical row), e.g. age > 60. */
  readonly cutoff?: number;
}

export interface Table1By {
  /** 0 = first level (untreated), 1 = second level (treated), −1 = missing (row left out). */
  readonly codes: Int32Array | readonly number[];
  readonly levels: readonly [string, string];
}

export interface Table1Input {
  readonly table: Table;
  readonly by: Table1By;
  readonly variables: readonly Table1Variable[];
  /** Weights of a matched (matching weights, 0 = unmatched) or weighted (IPTW) sample; omit for the cohort as observed. */
  readonly weights?: Float64Array | readonly number[];
  /**
   * The analysis population (per table row, true = in), e.g. the complete cases of the propensity
   * covariates: rows outside it are not described (and not counted as a missing group). Default: every row.
   */
  readonly sample?: ArrayLike<boolean>;
}

export interface Table1Options {
  /** p-values for the unweighted table (default true here; a study's Table 1 has them off unless `analyses.table1.pValues`, as STROBE and CONSORT advise); never computed with weights. */
  readonly pValues?: boolean;
  /** SMD column (default true). */
  readonly smd?: boolean;
  /** Categorical test: "auto" (default) = Fisher's exact when any expected count < fisherBelow, else chi-square. */
  readonly categoricalTest?: CategoricalTestRule;
  /** Expected-count threshold of the "auto" rule; default 5. */
  readonly fisherBelow?: number;
  /** |skewness| above which summary "auto" shows median [IQR]; default 1. */
  readonly skewnessThreshold?: number;
  /** Passed to balanceTable (estimand, SD denominator, binary "raw"/"std"); default cobalt's bal.tab defaults for ATE. */
  readonly balance?: BalanceOptions;
  /**
   * The patients the SMDs are computed on (per table row, true = in), e.g. the complete cases of the
   * propensity covariates, so that Table 1's SMDs equal the balance table's and the Love plot's; the
   * unadjusted SDs of this sample are the denominators. `description` is said in the footnote.
   * Default: every patient of the table.
   */
  readonly smdSample?: { readonly rows: ArrayLike<boolean>; readonly description: string };
}

/** One group (or all patients) of the sample described. */
export interface Table1Group {
  readonly name: string;
  /** Patients in the sample (weight > 0). */
  readonly n: number;
  /** Σ weights (= n without weights). */
  readonly sumWeights: number;
  /** Kish effective sample size (Σw)²/Σw² (= n without weights). */
  readonly ess: number;
}

export interface ContinuousStats {
  /** Patients with a value (weight > 0). */
  readonly n: number;
  /** Patients without a value (weight > 0). */
  readonly missing: number;
  readonly mean: number;
  readonly sd: number;
  readonly median: number;
  readonly q1: number;
  readonly q3: number;
}

export interface Table1ContinuousRow {
  readonly kind: "continuous";
  readonly variable: string;
  readonly label: string;
  readonly summary: "mean" | "median";
  /** Skewness of the pooled unweighted values (drives summary "auto"). */
  readonly skewness: number;
  /** [first level, second level, overall]. */
  readonly groups: readonly [ContinuousStats, ContinuousStats, ContinuousStats];
  readonly test: Table1TestId | null;
  readonly p: number | null;
  readonly smd: number | null;
}

export interface Table1Level {
  readonly level: string;
  /** Counts (weighted: Σw) for [first level, second level, overall]. */
  readonly counts: readonly [number, number, number];
  /** Percent of the non-missing patients of the group. */
  readonly percents: readonly [number, number, number];
  /** cobalt SMD of the level indicator (null for the first level of a two-level variable, which has none). */
  readonly smd: number | null;
}

export interface Table1CategoricalRow {
  readonly kind: "categorical";
  readonly variable: string;
  readonly label: string;
  readonly levels: readonly Table1Level[];
  /** Patients without a value (weight > 0), per [first, second, overall]. */
  readonly missing: readonly [number, number, number];
  readonly test: Table1TestId | null;
  readonly p: number | null;
  /** Smallest expected count of the test table (unweighted only). */
  readonly minExpected: number | null;
  /** Two levels: SMD of the second level; more: Yang–Dalton multivariate SMD. */
  readonly smd: number | null;
}

export type Table1Row = Table1ContinuousRow | Table1CategoricalRow;

export interface Table1Result {
  readonly method: "table 1";
  readonly weighted: boolean;
  readonly groups: readonly [Table1Group, Table1Group, Table1Group];
  readonly rows: readonly Table1Row[];
  /** Rows left out because the grouping variable is missing. */
  readonly nMissingGroup: number;
  /** Rule and formula texts for the footnotes. */
  readonly footnotes: readonly string[];
  readonly balance: Readonly<BalanceResult> | null;
  readonly options: {
    readonly pValues: boolean;
    readonly smd: boolean;
    readonly categoricalTest: CategoricalTestRule;
    readonly fisherBelow: number;
    readonly skewnessThreshold: number;
    readonly quantileType: 7;
    readonly weightedQuantile: "survey qrule = math";
  };
  readonly warnings: string[];
}

export const TEST_LABELS: Readonly<Record<Table1TestId, string>> = Object.freeze({
  "welch-t": "Welch's t-test",
  wilcoxon: "Wilcoxon rank-sum test",
  chisq: "Pearson's chi-squared test",
  "chisq-yates": "Pearson's chi-squared test with Yates' continuity correction",
  fisher: "Fisher's exact test",
});

const NO_P_WEIGHTED =
  "No p-values are given for the matched or weighted samples: balance is a property of the sample at hand, not a hypothesis about a population, and p-values there mostly reflect the (reduced) sample size (Austin PC, Stat Med 2009;28:3083–3107; Imai K, King G, Stuart EA, J R Stat Soc A 2008;171:481–502).";

interface PreparedVariable {
  readonly spec: Table1Variable;
  readonly label: string;
  readonly kind: "continuous" | "categorical";
  /** Continuous values (NaN = missing), rows of the analysed subset. */
  readonly values?: Float64Array;
  /** Categorical codes (−1 = missing) and levels. */
  readonly codes?: Int32Array;
  readonly levels?: readonly string[];
}

function formatLevelNumber(v: number): string {
  // as R's as.character() for the numbers a Table 1 meets (integers and short decimals)
  return String(v);
}

function prepareVariable(table: Table, spec: Table1Variable, rows: Int32Array): PreparedVariable {
  const column = findColumn(table, spec.name);
  if (column === undefined) {
    throw new SurvinferError({ code: "DATA_UNKNOWN_COLUMN", message: `Table 1 variable "${spec.name}" is not a column of the data`, file: table.source.file, column: spec.name, hint: `columns are: ${table.columns.map((c) => c.name).join(", ")}` });
  }
  if (spec.kind !== "continuous" && spec.kind !== "categorical") throw optionError(`variables[${JSON.stringify(spec.name)}].kind`, '"continuous" or "categorical"', spec.kind);
  if (spec.summary !== undefined && !["mean", "median", "auto"].includes(spec.summary)) throw optionError(`variables[${JSON.stringify(spec.name)}].summary`, '"mean", "median" or "auto"', spec.summary);
  const label = spec.label ?? spec.name;
  if (column.kind === "date") {
    throw new SurvinferError({ code: "OPTION_INVALID", message: `Table 1 variable "${spec.name}" is a date column`, column: spec.name, hint: "derive a number from it (e.g. age at diagnosis) and describe that" });
  }
  if (spec.cutoff !== undefined) {
    if (column.kind !== "numeric" || !Number.isFinite(spec.cutoff)) {
      throw new SurvinferError({ code: "OPTION_INVALID", message: `Table 1 variable "${spec.name}": a cutoff needs a numeric column and a finite number`, column: spec.name, value: String(spec.cutoff) });
    }
    const codes = new Int32Array(rows.length);
    for (let k = 0; k < rows.length; k++) {
      const v = column.values[rows[k]];
      codes[k] = Number.isNaN(v) ? -1 : v > spec.cutoff ? 1 : 0;
    }
    const c = formatLevelNumber(spec.cutoff);
    return { spec, label: spec.label ?? `${spec.name} > ${c}`, kind: "categorical", codes, levels: [`≤ ${c}`, `> ${c}`] };
  }
  if (spec.kind === "continuous") {
    if (column.kind !== "numeric") {
      throw new SurvinferError({ code: "OPTION_INVALID", message: `Table 1 variable "${spec.name}" is declared continuous but its column is text (categorical)`, column: spec.name, hint: 'declare it kind: "categorical", or fix the non-numeric values' });
    }
    const values = new Float64Array(rows.length);
    for (let k = 0; k < rows.length; k++) values[k] = column.values[rows[k]];
    return { spec, label, kind: "continuous", values };
  }
  if (column.kind === "categorical") {
    const codes = new Int32Array(rows.length);
    for (let k = 0; k < rows.length; k++) codes[k] = column.codes[rows[k]];
    return { spec, label, kind: "categorical", codes, levels: column.levels };
  }
  // numeric column described as categorical: levels are the sorted distinct values, as R's factor()
  const distinct = [...new Set(Array.from(rows, (r) => column.values[r]).filter((v) => !Number.isNaN(v)))].sort((a, b) => a - b);
  const index = new Map(distinct.map((v, i) => [v, i]));
  const codes = new Int32Array(rows.length);
  for (let k = 0; k < rows.length; k++) {
    const v = column.values[rows[k]];
    codes[k] = Number.isNaN(v) ? -1 : (index.get(v) as number);
  }
  return { spec, label, kind: "categorical", codes, levels: distinct.map(formatLevelNumber) };
}

/**
 * Weighted quantile as survey::svyquantile(qrule = "math") (survey 4.1): the smallest x whose cumulative
 * weight share reaches p, i.e. the inverse of the weighted ECDF; zero weights are left out. Deliberate
 * difference: when the first value alone holds more than p of the weight, survey 4.1's `qs()` returns the
 * second value; this returns the first (the inverse ECDF).
 */
export function weightedQuantile(x: ArrayLike<number>, w: ArrayLike<number>, p: number): number {
  const idx: number[] = [];
  for (let i = 0; i < x.length; i++) if (w[i] !== 0) idx.push(i);
  if (idx.length === 0) return Number.NaN;
  idx.sort((a, b) => x[a] - x[b]);
  let total = 0;
  for (const i of idx) total += w[i];
  let cum = 0;
  for (let k = 0; k < idx.length; k++) {
    cum += w[idx[k]];
    // survey: pos = last index with cumw ≤ p·W; x[pos] when p − cumw[pos]/W == 0, else x[pos + 1]
    if (cum <= p * total) {
      if (p - cum / total === 0) return x[idx[k]];
      continue;
    }
    return x[idx[k]];
  }
  return x[idx[idx.length - 1]];
}

function continuousStats(values: Float64Array, group: Int32Array, g: number, w: Float64Array | null): ContinuousStats {
  const xs: number[] = [];
  const ws: number[] = [];
  let missing = 0;
  for (let i = 0; i < values.length; i++) {
    if (g >= 0 && group[i] !== g) continue;
    if (w !== null && w[i] === 0) continue;
    if (Number.isNaN(values[i])) {
      missing++;
      continue;
    }
    xs.push(values[i]);
    ws.push(w === null ? 1 : w[i]);
  }
  if (w === null) {
    const sortedX = Float64Array.from(xs).sort();
    return { n: xs.length, missing, mean: mean(xs), sd: sd(xs), median: medianSorted(sortedX), q1: quantileSorted(sortedX, 0.25), q3: quantileSorted(sortedX, 0.75) };
  }
  return {
    n: xs.length,
    missing,
    mean: xs.length === 0 ? Number.NaN : weightedMean(xs, ws),
    sd: xs.length < 2 ? Number.NaN : Math.sqrt(weightedVariance(xs, ws)),
    median: weightedQuantile(xs, ws, 0.5),
    q1: weightedQuantile(xs, ws, 0.25),
    q3: weightedQuantile(xs, ws, 0.75),
  };
}

type Triple = [number, number, number];

/**
 * Table 1 of baseline characteristics by treatment group.
 *
 * Continuous variables: mean (SD) — `mean`, `sd` — or median [Q1, Q3] with R's quantile type 7
 * (Hyndman & Fan 1996, doi:10.2307/2684934); summary "auto" shows the median when the pooled sample
 * skewness g₁ = m₃/m₂^{3/2} exceeds 1 in absolute value. Test: Welch's t-test for mean rows
 * (`t.test(x ~ g)`), Wilcoxon rank-sum for median rows (`wilcox.test(x ~ g)`).
 * Categorical variables: n (%) per level, percent of the non-missing patients of the group; test:
 * Pearson's chi-squared (`chisq.test(table(x, g))`, Yates-corrected for 2 × 2), or Fisher's exact test
 * (`fisher.test(table(x, g))`) when any expected count is below 5 (rule "auto"); levels absent from both
 * groups are dropped first (`droplevels`). Missing values are counted per group and left out of the
 * summaries and tests.
 * SMD: from `balanceTable` (cobalt's `bal.tab` by default: continuous (x̄₁ − x̄₀)/√((s₁² + s₀²)/2),
 * binary levels as raw differences in proportions; see its options), Yang–Dalton for multi-level variables.
 * Weighted (matched or IPTW) tables: weighted means, SDs (Σw̃(x − x̄)²/(1 − Σw̃²)), quantiles
 * (survey::svyquantile, qrule = "math"), weighted counts and percentages, weighted SMDs, Kish ESS per group,
 * and no p-values.
 * References: Austin PC. Stat Med 2009;28:3083–3107 (doi:10.1002/sim.3697).
 *
 * @example
 * ```ts
 * const t1 = table1({
 *   table,
 *   by: { codes: Int32Array.from([0, 1, 1, 0]), levels: ["no", "yes"] },
 *   variables: [{ name: "age", kind: "continuous", summary: "mean" }, { name: "sex", kind: "categorical" }],
 * });
 * t1.rows[0]; // { kind: "continuous", groups: [{ mean, sd, … }, …], test: "welch-t", p, smd }
 * ```
 */
export function table1(input: Table1Input, options: Table1Options = {}): Readonly<Table1Result> {
  const { table, by, variables } = input;
  const weighted = input.weights !== undefined;
  const pValues = !weighted && (options.pValues ?? true);
  const smdOn = options.smd ?? true;
  const categoricalTest = options.categoricalTest ?? "auto";
  if (!["auto", "chisq", "fisher"].includes(categoricalTest)) throw optionError("categoricalTest", '"auto", "chisq" or "fisher"', categoricalTest);
  const fisherBelow = options.fisherBelow ?? 5;
  if (!(fisherBelow >= 0) || !Number.isFinite(fisherBelow)) throw optionError("fisherBelow", "a finite number ≥ 0", fisherBelow);
  const skewnessThreshold = options.skewnessThreshold ?? 1;
  if (!(skewnessThreshold > 0)) throw optionError("skewnessThreshold", "a number > 0", skewnessThreshold);
  if (by.codes.length !== table.nRows) throw new SurvinferError({ code: "DATA_DIMENSION", message: `the grouping has ${by.codes.length} values; the data have ${table.nRows} rows` });
  if (input.weights !== undefined && input.weights.length !== table.nRows) throw new SurvinferError({ code: "DATA_DIMENSION", message: `weights has length ${input.weights.length}; the data have ${table.nRows} rows` });
  if (variables.length === 0) throw optionError("variables", "a non-empty list", []);
  const names = new Set<string>();
  for (const v of variables) {
    const key = `${v.name}\u0000${v.cutoff ?? ""}`;
    if (names.has(key)) throw new SurvinferError({ code: "OPTION_INVALID", message: `Table 1 variable "${v.name}" is listed twice`, column: v.name });
    names.add(key);
  }
  const warnings: string[] = [];
  const keep: number[] = [];
  if (input.sample !== undefined && input.sample.length !== table.nRows) throw new SurvinferError({ code: "DATA_DIMENSION", message: `sample has length ${input.sample.length}; the data have ${table.nRows} rows` });
  let nMissingGroup = 0;
  for (let i = 0; i < table.nRows; i++) {
    const c = by.codes[i];
    if (c === -1) nMissingGroup++;
    if (c === 0 || c === 1) {
      if (input.sample === undefined || input.sample[i]) keep.push(i);
    } else if (c !== -1) throw new SurvinferError({ code: "DATA_INVALID_TREATMENT", message: "group codes must be 0, 1 or −1 (missing)", row: table.rowNumbers[i], value: String(c) });
    if (input.weights !== undefined) {
      const w = input.weights[i];
      if (!Number.isFinite(w) || w < 0) throw new SurvinferError({ code: "DATA_INVALID_WEIGHT", message: "weights must be finite and ≥ 0", row: table.rowNumbers[i], value: String(w) });
    }
  }
  const rows = Int32Array.from(keep);
  if (nMissingGroup > 0) warnings.push(`${nMissingGroup} row(s) with a missing group left out of Table 1`);
  const group = Int32Array.from(rows, (r) => by.codes[r]);
  const w = input.weights === undefined ? null : Float64Array.from(rows, (r) => (input.weights as ArrayLike<number>)[r]);
  const groupInfo = (g: number): Table1Group => {
    let n = 0;
    let sw = 0;
    for (let i = 0; i < group.length; i++) {
      if (g >= 0 && group[i] !== g) continue;
      const wi = w === null ? 1 : w[i];
      if (wi > 0) n++;
      sw += wi;
    }
    const ess = w === null ? n : kishEss(w, (i) => g < 0 || group[i] === g);
    return { name: g === 0 ? by.levels[0] : g === 1 ? by.levels[1] : "Overall", n, sumWeights: sw, ess };
  };
  const groups: [Table1Group, Table1Group, Table1Group] = [groupInfo(0), groupInfo(1), groupInfo(-1)];
  if (groups[0].n === 0 || groups[1].n === 0) {
    throw new SurvinferError({ code: "DATA_EMPTY_GROUP", message: `the group "${groups[0].n === 0 ? by.levels[0] : by.levels[1]}" has no patients${weighted ? " with weight > 0" : ""}` });
  }
  const prepared = variables.map((v) => prepareVariable(table, v, rows));

  // SMDs from the balance engine (one call for all variables)
  let balance: Readonly<BalanceResult> | null = null;
  if (smdOn) {
    const covariates: BalanceCovariate[] = prepared.map((p, k) =>
      p.kind === "continuous"
        ? { name: `v${k}`, kind: "numeric", values: p.values as Float64Array }
        : { name: `v${k}`, kind: "categorical", levels: p.levels as readonly string[], codes: p.codes as Int32Array },
    );
    const sample = options.smdSample;
    if (sample !== undefined && sample.rows.length !== table.nRows) throw new SurvinferError({ code: "DATA_DIMENSION", message: `smdSample.rows has length ${sample.rows.length}; the data have ${table.nRows} rows` });
    const sub = sample === undefined ? null : Int32Array.from(Array.from(rows.keys()).filter((k) => sample.rows[rows[k]] === true));
    const pickF = (x: Float64Array): Float64Array => (sub === null ? x : Float64Array.from(sub, (k) => x[k]));
    const pickI = (x: Int32Array): Int32Array => (sub === null ? x : Int32Array.from(sub, (k) => x[k]));
    balance = balanceTable(
      {
        covariates: covariates.map((c): BalanceCovariate => (c.kind === "numeric" ? { ...c, values: pickF(c.values as Float64Array) } : { ...c, codes: pickI(c.codes as Int32Array) })),
        treatment: pickI(group),
        ...(w === null ? {} : { weights: pickF(w) }),
      },
      options.balance ?? {},
    );
    for (const msg of balance.warnings) warnings.push(msg.replace(/covariate "v(\d+)"/g, (_, k: string) => `variable "${prepared[Number(k)].label}"`));
  }
  const balanceRows = balance === null ? [] : (w === null ? balance.before : balance.after) ?? [];
  const smdSampleNote = options.smdSample === undefined || balance === null ? "" : ` SMDs on ${options.smdSample.description} (n = ${balance.sample.n}; ${balance.sample.nTreated} vs ${balance.sample.nControl}), whose unadjusted SDs are the denominators.`;

  const footTests = new Set<Table1TestId>();
  const out: Table1Row[] = prepared.map((p, k): Table1Row => {
    const covName = `v${k}`;
    if (p.kind === "continuous") {
      const values = p.values as Float64Array;
      const all = Array.from(values).filter((v) => !Number.isNaN(v));
      const g1 = skewness(all);
      const requested = p.spec.summary ?? "auto";
      const summary: "mean" | "median" = requested === "auto" ? (Math.abs(g1) > skewnessThreshold ? "median" : "mean") : requested;
      const stats: [ContinuousStats, ContinuousStats, ContinuousStats] = [continuousStats(values, group, 0, w), continuousStats(values, group, 1, w), continuousStats(values, group, -1, w)];
      let test: Table1TestId | null = null;
      let pv: number | null = null;
      if (pValues) {
        const x0 = Array.from(values).filter((v, i) => group[i] === 0 && !Number.isNaN(v));
        const x1 = Array.from(values).filter((v, i) => group[i] === 1 && !Number.isNaN(v));
        // R's formula interface t.test(x ~ g) compares the first level with the second: same p either way
        const r = summary === "mean" ? welchTTest(x0, x1) : wilcoxonRankSum(x0, x1);
        test = summary === "mean" ? "welch-t" : "wilcoxon";
        pv = r.p;
        footTests.add(test);
        for (const msg of r.warnings) warnings.push(`${p.label}: ${msg}`);
      }
      const b = balanceRows.find((r) => r.covariate === covName);
      return { kind: "continuous", variable: p.spec.name, label: p.label, summary, skewness: g1, groups: stats, test, p: pv, smd: b === undefined ? null : b.smd };
    }
    const codes = p.codes as Int32Array;
    const levels = p.levels as readonly string[];
    const nl = levels.length;
    const counts = Array.from({ length: nl }, (): Triple => [0, 0, 0]);
    const raw = Array.from({ length: nl }, () => [0, 0]);
    const missing: Triple = [0, 0, 0];
    const nonMissing: Triple = [0, 0, 0];
    for (let i = 0; i < codes.length; i++) {
      const wi = w === null ? 1 : w[i];
      if (wi === 0) continue;
      const g = group[i];
      if (codes[i] < 0) {
        missing[g]++;
        missing[2]++;
        continue;
      }
      counts[codes[i]][g] += wi;
      counts[codes[i]][2] += wi;
      raw[codes[i]][g]++;
      nonMissing[g] += wi;
      nonMissing[2] += wi;
    }
    const present = levels.map((_, l) => l).filter((l) => raw[l][0] + raw[l][1] > 0);
    const levelRows: Table1Level[] = levels.map((level, l) => {
      const b = balanceRows.find((r) => r.covariate === covName && r.level === level);
      return {
        level,
        counts: counts[l],
        percents: [0, 1, 2].map((g) => (100 * counts[l][g]) / nonMissing[g]) as Triple,
        smd: b === undefined ? null : b.smd,
      };
    });
    let test: Table1TestId | null = null;
    let pv: number | null = null;
    let minExpected: number | null = null;
    if (pValues) {
      const tab = present.map((l) => [raw[l][0], raw[l][1]]);
      if (tab.length < 2) {
        warnings.push(`${p.label}: no test (fewer than 2 levels observed)`);
      } else {
        const chi = chisqTest(tab);
        minExpected = chi.minExpected;
        const useFisher = categoricalTest === "fisher" || (categoricalTest === "auto" && chi.minExpected < fisherBelow);
        if (useFisher) {
          const f = fisherExact(tab);
          if (Number.isNaN(f.p)) {
            for (const msg of f.warnings) warnings.push(`${p.label}: ${msg}; chi-squared test used instead`);
            test = chi.yates ? "chisq-yates" : "chisq";
            pv = chi.p;
          } else {
            test = "fisher";
            pv = f.p;
          }
        } else {
          test = chi.yates ? "chisq-yates" : "chisq";
          pv = chi.p;
          if (categoricalTest === "chisq") for (const msg of chi.warnings) warnings.push(`${p.label}: ${msg}`);
        }
        footTests.add(test);
      }
    }
    let smd: number | null = null;
    if (balance !== null) {
      const cat = balance.categorical.find((c) => c.covariate === covName);
      if (cat !== undefined) smd = w === null ? cat.before : cat.after;
      else {
        const b = balanceRows.find((r) => r.covariate === covName);
        smd = b === undefined ? null : b.smd;
      }
    }
    return { kind: "categorical", variable: p.spec.name, label: p.label, levels: levelRows, missing, test, p: pv, minExpected, smd };
  });

  const footnotes: string[] = [];
  const hasContinuous = out.some((r) => r.kind === "continuous");
  if (hasContinuous) footnotes.push(`Continuous variables: mean (SD), or median [Q1, Q3] (R's quantile type 7) when chosen or when |skewness| > ${skewnessThreshold} (summary "auto").`);
  if (out.some((r) => r.kind === "categorical")) footnotes.push("Categorical variables: n (%), percent of the patients with a known value; missing: number of patients without a value.");
  if (pValues) {
    const parts: string[] = [];
    if (footTests.has("welch-t")) parts.push("Welch's t-test for means");
    if (footTests.has("wilcoxon")) parts.push("Wilcoxon rank-sum test for medians (exact when both groups have < 50 patients and no ties, else normal approximation with continuity correction)");
    if (footTests.has("chisq") || footTests.has("chisq-yates")) parts.push("Pearson's chi-squared test (Yates-corrected for 2 × 2 tables)");
    if (footTests.has("fisher")) parts.push("Fisher's exact test");
    let rule = "";
    if (categoricalTest === "auto") rule = ` Categorical variables: Fisher's exact test when any expected count is below ${fisherBelow}, otherwise the chi-squared test.`;
    if (parts.length > 0) footnotes.push(`p-values: ${parts.join("; ")}.${rule}`);
  }
  if (weighted) {
    footnotes.push("Matched/weighted columns: weighted means, SDs (Σw̃(x − x̄)²/(1 − Σw̃²), w̃ = w/Σw), medians and quartiles (inverse of the weighted empirical distribution function, as survey::svyquantile with qrule = \"math\"), counts Σw and weighted percentages; n and missing count patients with weight > 0.");
    footnotes.push(NO_P_WEIGHTED);
  }
  if (balance !== null) {
    // the multi-level SMD's denominator (covariance) follows the same rule as σ (balance.ts yangDalton)
    const ydDenominator = balance.options.convention === "tableone" ? "its covariance from the sample described" : "its covariance Σ from the unadjusted sample, as σ, so that adjusted and unadjusted SMDs share a denominator";
    footnotes.push(`SMD: ${balance.formula}; multi-level variables: Yang–Dalton multivariate SMD √(dᵀΣ⁻¹d), ${ydDenominator}.${smdSampleNote}`);
  }
  if (weighted) footnotes.push("ESS: Kish's effective sample size (Σw)²/Σw².");
  return Object.freeze({
    method: "table 1" as const,
    weighted,
    groups,
    rows: out,
    nMissingGroup,
    footnotes,
    balance,
    options: { pValues, smd: smdOn, categoricalTest, fisherBelow, skewnessThreshold, quantileType: 7 as const, weightedQuantile: "survey qrule = math" as const },
    warnings,
  });
}

// ---------------------------------------------------------------------------------------------------
// Layout: one or more Table 1 results side by side (unadjusted | matched | weighted)

export interface Table1Panel {
  /** Column-group title, e.g. "Unadjusted", "PS-matched", "IPTW (ATE)". */
  readonly title: string;
  readonly result: Readonly<Table1Result>;
}

export interface Table1LayoutOptions {
  readonly title?: string;
  /** Show the Overall column of the first panel; default false. */
  readonly overall?: boolean;
  /** Decimals for means, SDs, medians, quartiles; default 1. */
  readonly digits?: number;
  /** Decimals for percentages; default 1. */
  readonly percentDigits?: number;
  /** Decimals for SMDs; default 2. */
  readonly smdDigits?: number;
  /** SMDs as "absolute" values (|SMD|, as R tableone prints them) or "signed" (treated − untreated); default "signed". */
  readonly smdSign?: "absolute" | "signed";
  /** Display labels of the group columns, by group name (the spec's `labels` of the `by` column); default the names. */
  readonly groupLabels?: Readonly<Record<string, string>>;
  /** Display labels of categorical levels, by variable then level (the spec's `labels`); default the levels. */
  readonly levelLabels?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

export interface Table1Column {
  readonly panel: string;
  readonly kind: "group" | "p" | "smd";
  readonly group?: string;
  /** n (unweighted) or ESS (weighted) for group columns. */
  readonly n?: number;
  readonly ess?: number;
}

export interface Table1Layout extends ReportTable {
  readonly columns: readonly Table1Column[];
}

export { toFixedR };

function fmt(x: number, digits: number): string {
  if (Number.isNaN(x)) return "–";
  const s = toFixedR(x, digits);
  return localizeDecimal(/^-0\.?0*$/.test(s) ? s.slice(1) : s);
}

/** p-value for display, by the report's one rule (src/report/number-format.ts): "< 0.001", "> 0.99", else two significant digits. */
export function formatP(p: number | null): string {
  return formatPValue(p);
}

/** A count as an integer; a weighted count (Σw) rounded to an integer too, the rounding said in a footnote (src/report/number-format.ts). */
function formatTable1Count(x: number): string {
  return formatCount(x);
}

/**
 * Lays out Table 1 results side by side (e.g. unadjusted | matched | weighted) as one report table:
 * a first header row with the panel titles (spanning their columns), a second with the groups and their
 * n (or ESS for weighted panels), then one row per continuous variable, and per categorical variable a
 * row with its p and SMD followed by one indented row per level; missing counts are shown in a
 * "missing" sub-row when any. All panels must describe the same variables in the same order.
 *
 * @example
 * ```ts
 * const layout = table1SideBySide([{ title: "Unadjusted", result: t1 }, { title: "IPTW", result: t1w }]);
 * toCsv(reportTableToCsvRows(layout));
 * ```
 */
export function table1SideBySide(panels: readonly Table1Panel[], options: Table1LayoutOptions = {}): Table1Layout {
  if (panels.length === 0) throw optionError("panels", "a non-empty list", []);
  const ref = panels[0].result.rows;
  for (const p of panels) {
    if (p.result.rows.length !== ref.length || p.result.rows.some((r, i) => r.variable !== ref[i].variable || r.kind !== ref[i].kind || r.label !== ref[i].label)) {
      throw new SurvinferError({ code: "OPTION_INVALID", message: `Table 1 panel "${p.title}" does not describe the same variables as "${panels[0].title}"` });
    }
  }
  const digits = options.digits ?? 1;
  const pd = options.percentDigits ?? 1;
  const sd = options.smdDigits ?? 2;
  const absolute = options.smdSign === "absolute";
  // an SMD as printed: |SMD| when absolute, else signed with a true minus (a bare "-" reads as a dash); one just below
  // the default balance threshold (0.1) keeps the decimals that show it is below (0.0996, not "0.10"; smdDecimals)
  const smdText = (x: number | null): string => {
    if (x === null) return "";
    const d = smdDecimals(x, BALANCE_STATS.smd.threshold, sd);
    return absolute ? fmt(Math.abs(x), d) : fmt(x, d).replace(/^-/, "\u2212");
  };
  const columns: Table1Column[] = [];
  const head1: HeaderCell[] = [""];
  const head2: HeaderCell[] = [msg().table.characteristic];
  const panelGroups = panels.map((p, k) => (k === 0 && options.overall === true ? [0, 1, 2] : [0, 1]));
  panels.forEach((p, k) => {
    const gs = panelGroups[k];
    let span = 0;
    for (const g of gs) {
      const info = p.result.groups[g];
      columns.push({ panel: p.title, kind: "group", group: info.name, n: info.n, ess: info.ess });
      const shown = options.groupLabels?.[info.name] ?? info.name;
      head2.push(p.result.weighted ? `${shown} (n = ${info.n}; ESS = ${localizeDecimal(toFixedR(info.ess, 1))})` : `${shown} (n = ${info.n})`);
      span++;
    }
    if (p.result.options.pValues) {
      columns.push({ panel: p.title, kind: "p" });
      head2.push("p");
      span++;
    }
    if (p.result.options.smd) {
      columns.push({ panel: p.title, kind: "smd" });
      head2.push(absolute ? "|SMD|" : "SMD");
      span++;
    }
    head1.push({ text: p.title, span });
  });
  const body: string[][] = [];
  const indented: boolean[] = [];
  const cellsFor = (k: number, make: (p: Readonly<Table1Result>, g: number) => string, pCell: (p: Readonly<Table1Result>) => string, smdCell: (p: Readonly<Table1Result>) => string): string[] => {
    const p = panels[k].result;
    const cells = panelGroups[k].map((g) => make(p, g));
    if (p.options.pValues) cells.push(pCell(p));
    if (p.options.smd) cells.push(smdCell(p));
    return cells;
  };
  ref.forEach((r0, i) => {
    if (r0.kind === "continuous") {
      const suffix = r0.summary === "mean" ? msg().table.meanSd : msg().table.medianQ;
      const row = [r0.label + suffix];
      const anyMissing = panels.some((p) => (p.result.rows[i] as Table1ContinuousRow).groups[2].missing > 0);
      panels.forEach((_, k) => {
        const r = panels[k].result.rows[i] as Table1ContinuousRow;
        row.push(
          ...cellsFor(
            k,
            (_p, g) => (r.summary === "mean" ? `${fmt(r.groups[g].mean, digits)} (${fmt(r.groups[g].sd, digits)})` : `${fmt(r.groups[g].median, digits)} ${msg().table.quartiles(fmt(r.groups[g].q1, digits), fmt(r.groups[g].q3, digits))}`),
            () => formatP(r.p),
            () => smdText(r.smd),
          ),
        );
      });
      body.push(row);
      indented.push(false);
      if (anyMissing) {
        const mrow = [msg().table.missing];
        panels.forEach((_, k) => {
          const r = panels[k].result.rows[i] as Table1ContinuousRow;
          mrow.push(...cellsFor(k, (_p, g) => String(r.groups[g].missing), () => "", () => ""));
        });
        body.push(mrow);
        indented.push(true);
      }
      return;
    }
    const head = [`${r0.label}${msg().table.nPercent}`];
    panels.forEach((_, k) => {
      const r = panels[k].result.rows[i] as Table1CategoricalRow;
      head.push(...cellsFor(k, () => "", () => formatP(r.p), () => smdText(r.smd)));
    });
    body.push(head);
    indented.push(false);
    r0.levels.forEach((lv, l) => {
      const row = [options.levelLabels?.[r0.variable]?.[lv.level] ?? lv.level];
      panels.forEach((_, k) => {
        const p = panels[k].result;
        const r = p.rows[i] as Table1CategoricalRow;
        row.push(...cellsFor(k, (_p, g) => `${formatTable1Count(r.levels[l].counts[g])} (${fmt(r.levels[l].percents[g], pd)})`, () => "", () => ""));
      });
      body.push(row);
      indented.push(true);
    });
    if (panels.some((p) => (p.result.rows[i] as Table1CategoricalRow).missing[2] > 0)) {
      const mrow = [msg().table.missing];
      panels.forEach((_, k) => {
        const r = panels[k].result.rows[i] as Table1CategoricalRow;
        mrow.push(...cellsFor(k, (_p, g) => String(r.missing[g]), () => "", () => ""));
      });
      body.push(mrow);
      indented.push(true);
    }
  });
  const footnotes: string[] = [];
  // the footnotes as the results hold them (English), in the language in force (DESCRIPTIVE_PATTERNS, src/i18n/descriptive-en.ts)
  for (const p of panels) for (const f of p.result.footnotes.map(engineText)) if (!footnotes.includes(f)) footnotes.push(f);
  if (panels.some((p) => p.result.weighted && p.result.rows.some((r) => r.kind === "categorical" && r.levels.some((lv) => lv.counts.some((c) => Math.abs(c - Math.round(c)) > 1e-9))))) {
    footnotes.push(msg().table.weightedCountsRounded);
  }
  footnotes.push(msg().table.table1Abbreviations);
  return { title: options.title ?? msg().table.table1Title, headers: panels.length > 1 || options.overall === true ? [head1, head2] : [head2], rows: body, footnotes, indented, columns };
}
