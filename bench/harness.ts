/**
 * Benchmark harness: each bench/cases/*.ts exports `cases: BenchCase[]`. A case prepares its inputs
 * once (untimed, possibly writing CSV files into a temp dir for R), then the JS work is timed (best
 * of `repeats`), and, when `Rscript` is on PATH and the case has R code, the R equivalent is timed
 * in the same run; the ratio survinfer / R is printed (< 1 means survinfer is faster).
 */
export interface BenchCase<C = unknown> {
  readonly name: string;
  /** Untimed preparation; may write files into `dir` for the R side. */
  setup(dir: string): C | Promise<C>;
  /** The timed work. */
  run(ctx: C): unknown | Promise<unknown>;
  /** R script body for the same work: it reads what setup wrote in `dir` and prints `ELAPSED <seconds>` for the timed part only. */
  r?(dir: string): string;
  /** Timed repetitions (best is reported); default 3. */
  readonly repeats?: number;
}

export function defineCases<C>(cases: BenchCase<C>[]): BenchCase[] {
  return cases as unknown as BenchCase[];
}
