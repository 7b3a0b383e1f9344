/**
 * The log-rank / G-rho test (any strata) in the database: the per-(stratum, group, time) event and row
 * counts come from the GROUP BY of event-cells.ts; the risk-set walk, the variance, χ² and the hazard
 * ratio are the in-memory engine's own kernels (`logrankSums`, `logrankResult` in src/survival/logrank.ts),
 * so the result is the same `LogrankResult` that `logrankTest()` returns.
 *
 * Per stratum and distinct time t, with n_g(t) at risk, d_g(t) events and w = Ŝ(t−)^ρ:
 * O_g = Σ w d_g, E_g = Σ w d n_g/n, V_gh = Σ w² d (n − d)/(n − 1) · (n_g/n)(δ_gh − n_h/n)
 * (Harrington & Fleming 1982, doi:10.1093/biomet/69.3.553). R: `survival::survdiff(Surv(time, status) ~
 * group + strata(s), rho = rho)`. Unweighted, as survdiff: the counts are rows, not weights.
 */
import { logrankResult, logrankSums, validateOptions, type LogrankOptions, type LogrankResult, type RiskBlocks } from "../survival/logrank.js";
import { eventCells, type EventCells } from "./event-cells.js";
import type { SqlEngine } from "./engine.js";
import type { SurvivalRelation } from "./survival-columns.js";
import { SurvinferError } from "../errors.js";

/**
 * Risk-set blocks (one per stratum and distinct time, k groups each, ordered by stratum then time) and the
 * rows per stratum × group, from cells sorted by (stratum, group, time).
 */
export function riskBlocksFromCells(c: EventCells, k: number, s: number): { blocks: RiskBlocks; size: Float64Array } {
  const size = new Float64Array(s * k);
  const times: Set<number>[] = Array.from({ length: s }, () => new Set<number>());
  for (let j = 0; j < c.time.length; j++) {
    size[c.stratum[j] * k + c.group[j]] += c.nRows[j];
    times[c.stratum[j]].add(c.time[j]);
  }
  const grid = times.map((t) => Float64Array.from(t).sort());
  const offset = new Int32Array(s + 1);
  for (let st = 0; st < s; st++) offset[st + 1] = offset[st] + grid[st].length;
  const nb = offset[s];
  const stratum = new Int32Array(nb);
  const deaths = new Float64Array(nb * k);
  const leaving = new Float64Array(nb * k);
  const index = grid.map((g) => new Map(Array.from(g, (t, j) => [t, j])));
  for (let st = 0; st < s; st++) stratum.fill(st, offset[st], offset[st + 1]);
  for (let j = 0; j < c.time.length; j++) {
    const st = c.stratum[j];
    const b = offset[st] + index[st].get(c.time[j])!;
    deaths[b * k + c.group[j]] += c.nEventRows[j];
    leaving[b * k + c.group[j]] += c.nRows[j];
  }
  return { blocks: { stratum, deaths, leaving }, size };
}

/** The log-rank result from cells; `groupLevels`/`strataLevels` name the levels (all present in the data). */
export function logrankFromCells(c: EventCells, groupLevels: readonly string[], strataLevels: readonly string[] | undefined, options: LogrankOptions = {}): Readonly<LogrankResult> {
  const opts = validateOptions(options);
  const k = groupLevels.length;
  const s = strataLevels?.length ?? 1;
  const { blocks, size } = riskBlocksFromCells(c, k, s);
  const sums = logrankSums(blocks, size, k, s, opts.rho);
  let n = 0;
  for (let j = 0; j < size.length; j++) n += size[j];
  return logrankResult(
    { group: { levels: groupLevels }, ...(strataLevels ? { strata: { levels: strataLevels } } : {}) },
    opts,
    { sums, k, s, groupLevels: groupLevels.map((_, j) => j), strataLevels: Array.from({ length: s }, (_, j) => j), nByStratumGroup: size, nMissing: 0, n },
  );
}

/** The log-rank test of relation `rel` (groups `g`, strata `h`) computed in the database. */
export async function logrankSql(engine: SqlEngine, rel: SurvivalRelation, options: LogrankOptions = {}): Promise<Readonly<LogrankResult>> {
  if (rel.group === undefined) throw new SurvinferError({ code: "OPTION_MISSING", message: "the log-rank test needs a group column (--by)" });
  const cells = await eventCells(engine, rel, options.timefix ?? true);
  const res = logrankFromCells(cells, rel.group.levels, rel.strata?.levels, options);
  return { ...res, warnings: [...rel.warnings, ...res.warnings] };
}
