/** Shapes of the Cox fixtures written by tools/oracle/cox.R and their conversion to coxFit input. */
import type { CoxInput, CoxTies } from "../../src/survival/cox/types.js";

type Num = number | null;
type Arr = Num | Num[];

export interface CoxFixtureInput {
  columnNames: string[] | string;
  x: (number[] | number)[] | number[];
  time: number[];
  status: number[];
  ties: CoxTies;
  entry?: number[];
  strata?: number[];
  weights?: number[];
  offset?: number[];
  cluster?: number[];
  robust?: boolean;
}

export interface CoxFixtureExpected {
  coef: Arr;
  var: Num[][] | Num[];
  naiveVar: Num[][] | Num[] | null;
  loglik: number[];
  score: number;
  wald: number;
  iter: number;
  means: Arr;
  linearPredictors: number[];
  n: number;
  nevent: number;
  concordance: { concordant: number; discordant: number; tiedX: number; tiedY: number; tiedXY: number; value: number; se: number };
  rscore: number | null;
  warnings: string[] | string;
  residuals?: Record<string, number[][] | number[]>;
}

export function fixtureToInput(inp: CoxFixtureInput): CoxInput {
  const names = Array.isArray(inp.columnNames) ? inp.columnNames : [inp.columnNames];
  const p = names.length;
  const cols: number[][] = p === 1 && !Array.isArray(inp.x[0]) ? [inp.x as number[]] : (inp.x as number[][]);
  const n = inp.time.length;
  const x = new Float64Array(n * p);
  cols.forEach((c, j) => x.set(c, j * n));
  return {
    time: Float64Array.from(inp.time),
    status: Int32Array.from(inp.status),
    entry: inp.entry ? Float64Array.from(inp.entry) : undefined,
    x,
    p,
    columnNames: names,
    strata: inp.strata ? Int32Array.from(inp.strata) : undefined,
    weights: inp.weights ? Float64Array.from(inp.weights) : undefined,
    offset: inp.offset ? Float64Array.from(inp.offset) : undefined,
    cluster: inp.cluster ? Int32Array.from(inp.cluster) : undefined,
  };
}

