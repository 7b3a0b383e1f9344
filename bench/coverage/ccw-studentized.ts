/**
 * Interval study of the clone–censor–weight bootstrap (issue 14, session 8): from the JSON lines written by
 * `bench/coverage/immortal-time.ts --designs ccw` (which record, per cohort, the estimates, their analytic SEs and
 * the B bootstrap replicates with each replicate's analytic SE), the coverage of the percentile, normal
 * (bootstrap SE), Wald (analytic IJ SE) and bootstrap-t intervals of the survival differences and of the
 * per-protocol log HR against the truths of the strategies (`--truth-file`, written by immortal-time.ts), with the
 * misses below and above the truth. The bootstrap-t limits are those of the engine (interval.ts studentizedColumn).
 * Not a test: `npx tsx bench/coverage/ccw-studentized.ts --truth-file truths.json run-c0.jsonl run-c1.jsonl`.
 */
import { readFileSync } from "node:fs";
import { quantile6, studentizedColumn } from "../../src/causal/ccw/interval.js";

interface Record {
  readonly seed: number;
  readonly ccw?: {
    readonly names: string[];
    readonly values: (number | null)[][];
    readonly se?: (number | null)[][];
    readonly estimate?: (number | null)[];
    readonly analyticSe?: (number | null)[];
  } | null;
}

interface Truths {
  readonly months: number[];
  readonly ccwStrategy: { readonly difference: number[]; readonly logHR: number };
}

const Z = 1.959963984540054;
const num = (x: number | null | undefined): number => (x === null || x === undefined ? Number.NaN : x);
const mean = (v: readonly number[]): number => v.reduce((a, x) => a + x, 0) / v.length;
const sd = (v: readonly number[]): number => {
  const m = mean(v);
  return Math.sqrt(v.reduce((a, x) => a + (x - m) ** 2, 0) / (v.length - 1));
};
const corr = (a: readonly number[], b: readonly number[]): number => {
  const ma = mean(a);
  const mb = mean(b);
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  a.forEach((x, i) => {
    sab += (x - ma) * (b[i] - mb);
    saa += (x - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  });
  return sab / Math.sqrt(saa * sbb);
};

function main(): void {
  const argv = process.argv.slice(2);
  const ti = argv.indexOf("--truth-file");
  if (ti < 0) throw new Error("--truth-file is required (written by bench/coverage/immortal-time.ts)");
  const truth = JSON.parse(readFileSync(argv[ti + 1], "utf8")) as Truths;
  const files = argv.filter((a, i) => i !== ti && i !== ti + 1);
  const bySeed = new Map<number, Record>();
  for (const f of files) {
    for (const line of readFileSync(f, "utf8").split("\n")) {
      if (line.trim() === "") continue;
      const r = JSON.parse(line) as Record;
      if (!bySeed.has(r.seed) && r.ccw?.se !== undefined) bySeed.set(r.seed, r);
    }
  }
  const recs = [...bySeed.values()];
  const seeds = recs.map((r) => r.seed).sort((a, b) => a - b);
  console.log(`${recs.length} cohorts (seeds ${seeds[0]}–${seeds[seeds.length - 1]}), B = ${recs[0]?.ccw?.values.length}`);
  console.log("");
  console.log("| statistic | truth | cohorts | bias | SD across cohorts | √mean IJ SE² / SD | √mean boot var / SD | corr(estimate, boot SD) | corr(estimate, IJ SE) | percentile | normal (boot SE) | Wald (IJ SE) | bootstrap-t | bootstrap-t misses below / above | percentile misses below / above |");
  console.log("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
  const stats = [...truth.months.map((t, k) => ({ name: `survDifference@${t}`, label: `survival difference at ${t}`, truth: truth.ccwStrategy.difference[k] })), { name: "logHR", label: "per-protocol log HR", truth: truth.ccwStrategy.logHR }];
  for (const st of stats) {
    const est: number[] = [];
    const ij: number[] = [];
    const bsd: number[] = [];
    let pct = 0;
    let nor = 0;
    let wald = 0;
    let bt = 0;
    let btBelow = 0;
    let btAbove = 0;
    let pBelow = 0;
    let pAbove = 0;
    let btMissing = 0;
    for (const r of recs) {
      const c = r.ccw!;
      const j = c.names.indexOf(st.name);
      const e = num(c.estimate?.[j]);
      const s = num(c.analyticSe?.[j]);
      if (j < 0 || !Number.isFinite(e)) continue;
      const values = c.values.map((row) => row.map(num));
      const ses = (c.se ?? []).map((row) => row.map(num));
      const v = values.map((row) => row[j]).filter(Number.isFinite).sort((a, b) => a - b);
      est.push(e);
      ij.push(s);
      const b = sd(v);
      bsd.push(b);
      const lo = quantile6(v, 0.025);
      const hi = quantile6(v, 0.975);
      if (lo <= st.truth && st.truth <= hi) pct++;
      else if (hi < st.truth) pBelow++;
      else pAbove++;
      if (Math.abs(e - st.truth) <= Z * b) nor++;
      if (Math.abs(e - st.truth) <= Z * s) wald++;
      const lim = studentizedColumn(values, ses, j, e, s, 0.95, 0.1);
      if (lim.lower === null || lim.upper === null) {
        btMissing++;
        continue;
      }
      if (lim.lower <= st.truth && st.truth <= lim.upper) bt++;
      else if (lim.upper < st.truth) btBelow++;
      else btAbove++;
    }
    const m = est.length;
    const pc = (x: number, of = m): string => `${((100 * x) / of).toFixed(1)}%`;
    const sdAcross = sd(est);
    console.log(
      `| ${st.label} | ${st.truth.toFixed(4)} | ${m} | ${(mean(est) - st.truth).toFixed(4)} | ${sdAcross.toFixed(4)} | ${(Math.sqrt(mean(ij.map((x) => x * x))) / sdAcross).toFixed(2)} | ${(Math.sqrt(mean(bsd.map((x) => x * x))) / sdAcross).toFixed(2)} | ${corr(est, bsd).toFixed(2)} | ${corr(est, ij).toFixed(2)} | ${pc(pct)} | ${pc(nor)} | ${pc(wald)} | ${pc(bt, m - btMissing)}${btMissing > 0 ? ` (${btMissing} without)` : ""} | ${pc(btBelow, m - btMissing)} / ${pc(btAbove, m - btMissing)} | ${pc(pBelow)} / ${pc(pAbove)} |`,
    );
  }
}

main();
