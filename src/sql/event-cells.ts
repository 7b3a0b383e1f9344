/**
 * The per-(stratum, group, time) table that Kaplan–Meier, Nelson–Aalen and the log-rank family are
 * functions of, computed by the database with one GROUP BY and a window sum:
 *
 *   SELECT h, g, t, Σ w·s AS nEvent, Σ w·(1 − s) AS nCensor, Σ s AS nEventRows, COUNT(*) AS nRows,
 *          Σ w² over censored rows, Σ w² over event rows,
 *          SUM(Σ w) OVER (PARTITION BY h, g ORDER BY t DESC) AS nRisk      -- n(t) = Σ w [T ≥ t]
 *   FROM d GROUP BY h, g, t
 *
 * Only the distinct times travel to JavaScript (O(strata × groups × distinct times), not O(rows)).
 * R's near-tie rule (aeqSurv, src/survival/tied-times.ts) is then applied to the distinct times of all
 * cells, as the in-memory engines apply it to all rows, and cells that become tied are merged.
 */
import { tieNearlyEqualTimes } from "../survival/tied-times.js";
import { toNumber, type SqlEngine } from "./engine.js";
import { keyLabel, type SurvivalRelation } from "./survival-columns.js";

/** Cells sorted by stratum, group, then time ascending. Stratum and group are level indices (0 without). */
export interface EventCells {
  readonly stratum: Int32Array;
  readonly group: Int32Array;
  readonly time: Float64Array;
  readonly nRisk: Float64Array;
  readonly nEvent: Float64Array;
  readonly nCensor: Float64Array;
  readonly nEventRows: Float64Array;
  readonly nRows: Float64Array;
  /** Σ w² of the censored rows and of the event rows (the robust KM variance needs only these). */
  readonly w2Censor: Float64Array;
  readonly w2Event: Float64Array;
}

/** The GROUP BY + window query of the header, over relation `d` of `withClause`, every result cast to `double`. */
export function eventCellsQuery(withClause: string, double: string): string {
  const cast = (x: string): string => `CAST(${x} AS ${double})`;
  return (
    `${withClause}, cells AS (SELECT h, g, t, SUM(w * s) AS ne, SUM(w * (1 - s)) AS nc, SUM(s) AS ner, COUNT(*) AS nr, SUM(w) AS sw, ` +
    `SUM(CASE WHEN s = 0 THEN w * w ELSE 0 END) AS w2c, SUM(CASE WHEN s = 1 THEN w * w ELSE 0 END) AS w2e FROM d GROUP BY h, g, t) ` +
    `SELECT h, g, t, ${cast("SUM(sw) OVER (PARTITION BY h, g ORDER BY t DESC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)")} AS nrisk, ` +
    `${cast("ne")}, ${cast("nc")}, ${cast("ner")}, ${cast("nr")}, ${cast("w2c")}, ${cast("w2e")} FROM cells ORDER BY h, g, t`
  );
}

/**
 * Without weights (w = 1) the cells need only the rows and the events per (h, g, t): the other sums follow
 * (nc = nr − ne, w² sums = counts) and the numbers at risk are summed in JavaScript over the few cells, so the
 * scan carries two aggregates instead of seven (10⁸ rows: the largest part of the time).
 */
export function unweightedCellsQuery(withClause: string, double: string): string {
  return `${withClause} SELECT h, g, t, CAST(SUM(s) AS ${double}) AS ne, CAST(COUNT(*) AS ${double}) AS nr FROM d GROUP BY h, g, t ORDER BY h, g, t`;
}

/** A cell table of m zero rows, to fill. */
function emptyCells(m: number): { -readonly [K in keyof EventCells]: EventCells[K] } {
  return {
    stratum: new Int32Array(m),
    group: new Int32Array(m),
    time: new Float64Array(m),
    nRisk: new Float64Array(m),
    nEvent: new Float64Array(m),
    nCensor: new Float64Array(m),
    nEventRows: new Float64Array(m),
    nRows: new Float64Array(m),
    w2Censor: new Float64Array(m),
    w2Event: new Float64Array(m),
  };
}

/** Runs the cell query and returns the cells after R's near-tie rule (`timefix`). */
export async function eventCells(engine: SqlEngine, rel: SurvivalRelation, timefix: boolean): Promise<EventCells> {
  const dbl = engine.dialect.double;
  if (!rel.weighted) return unweightedCells(engine, rel, timefix);
  const res = await engine.query(eventCellsQuery(rel.with, dbl));
  const m = res.rows.length;
  const level = (f: SurvivalRelation["group"], v: (typeof res.rows)[number][number]): number => (f === undefined ? 0 : (f.index.get(keyLabel(v)) ?? -1));
  const raw = emptyCells(m);
  res.rows.forEach((r, k) => {
    raw.stratum[k] = level(rel.strata, r[0]);
    raw.group[k] = level(rel.group, r[1]);
    raw.time[k] = toNumber(r[2]) ?? Number.NaN;
    raw.nRisk[k] = toNumber(r[3]) ?? 0;
    raw.nEvent[k] = toNumber(r[4]) ?? 0;
    raw.nCensor[k] = toNumber(r[5]) ?? 0;
    raw.nEventRows[k] = toNumber(r[6]) ?? 0;
    raw.nRows[k] = toNumber(r[7]) ?? 0;
    raw.w2Censor[k] = toNumber(r[8]) ?? 0;
    raw.w2Event[k] = toNumber(r[9]) ?? 0;
  });
  return sortAndTie(raw, timefix);
}

/** The cells of an unweighted relation from `unweightedCellsQuery`: nRisk = Σ rows at t or later within (h, g). */
async function unweightedCells(engine: SqlEngine, rel: SurvivalRelation, timefix: boolean): Promise<EventCells> {
  const res = await engine.query(unweightedCellsQuery(rel.with, engine.dialect.double));
  const m = res.rows.length;
  const level = (f: SurvivalRelation["group"], v: (typeof res.rows)[number][number]): number => (f === undefined ? 0 : (f.index.get(keyLabel(v)) ?? -1));
  const raw = emptyCells(m);
  res.rows.forEach((r, k) => {
    raw.stratum[k] = level(rel.strata, r[0]);
    raw.group[k] = level(rel.group, r[1]);
    raw.time[k] = toNumber(r[2]) ?? Number.NaN;
    const ne = toNumber(r[3]) ?? 0;
    const nr = toNumber(r[4]) ?? 0;
    raw.nEvent[k] = ne;
    raw.nEventRows[k] = ne;
    raw.w2Event[k] = ne;
    raw.nRows[k] = nr;
    raw.nCensor[k] = nr - ne;
    raw.w2Censor[k] = nr - ne;
  });
  // rows come ordered by (h, g, t) in the database's order of the keys: sum backwards within each (h, g) run
  for (let k = m - 1, acc = 0; k >= 0; k--) {
    const sameRun = k < m - 1 && res.rows[k][0] === res.rows[k + 1][0] && res.rows[k][1] === res.rows[k + 1][1];
    acc = (sameRun ? acc : 0) + raw.nRows[k];
    raw.nRisk[k] = acc;
  }
  return sortAndTie(raw, timefix);
}

/**
 * Orders cells by (stratum level, group level, time) — the database orders by its keys, survinfer by
 * factor level — and merges cells whose times the near-tie rule makes equal: counts add up, and the
 * merged nRisk is that of the earliest member (the largest risk set).
 */
export function sortAndTie(c: EventCells, timefix: boolean): EventCells {
  const m = c.time.length;
  let time = c.time;
  if (timefix && m > 1) {
    const distinct = Float64Array.from(new Set(c.time)).sort();
    const fixed = tieNearlyEqualTimes(distinct);
    if (fixed !== distinct) {
      const map = new Map<number, number>();
      distinct.forEach((v, j) => map.set(v, fixed[j]));
      time = Float64Array.from(c.time, (v) => map.get(v)!);
    }
  }
  const order = Int32Array.from({ length: m }, (_, k) => k).sort((a, b) => c.stratum[a] - c.stratum[b] || c.group[a] - c.group[b] || time[a] - time[b] || c.time[a] - c.time[b]);
  const out = emptyCells(m);
  let j = -1;
  for (const k of order) {
    const same = j >= 0 && out.stratum[j] === c.stratum[k] && out.group[j] === c.group[k] && out.time[j] === time[k];
    if (!same) {
      j++;
      out.stratum[j] = c.stratum[k];
      out.group[j] = c.group[k];
      out.time[j] = time[k];
      out.nRisk[j] = c.nRisk[k];
    }
    out.nEvent[j] += c.nEvent[k];
    out.nCensor[j] += c.nCensor[k];
    out.nEventRows[j] += c.nEventRows[k];
    out.nRows[j] += c.nRows[k];
    out.w2Censor[j] += c.w2Censor[k];
    out.w2Event[j] += c.w2Event[k];
  }
  const len = j + 1;
  return {
    stratum: out.stratum.slice(0, len),
    group: out.group.slice(0, len),
    time: out.time.slice(0, len),
    nRisk: out.nRisk.slice(0, len),
    nEvent: out.nEvent.slice(0, len),
    nCensor: out.nCensor.slice(0, len),
    nEventRows: out.nEventRows.slice(0, len),
    nRows: out.nRows.slice(0, len),
    w2Censor: out.w2Censor.slice(0, len),
    w2Event: out.w2Event.slice(0, len),
  };
}
