/**
 * Firth-penalised Cox (coxphf's algorithm, Breslow ties; the estimate alone, and with profile
 * penalised-likelihood CIs and LR tests for every coefficient) on 5,000 patients with 20 and 40
 * covariates and integer-day times (many ties).
 * The first covariate is a rare binary factor whose carriers never have the event, so the plain Cox
 * estimate diverges: the situation in which a study falls back to Firth automatically. No R case:
 * coxphf is not packaged in Debian (install it from CRAN and time `coxphf(..., pl = TRUE)` by hand).
 */
import { defineCases } from "../harness.js";
import { coxFirth } from "../../src/survival/cox-firth.js";
import type { CoxInput } from "../../src/survival/cox/types.js";

/** Deterministic uniform(0,1) generator (mulberry32), seed recorded in each case. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** n patients, p covariates (x1 rare and event-free: monotone likelihood), exponential times in days. */
export function simulateFirth(n: number, p: number, seed: number): CoxInput {
  const rand = mulberry32(seed);
  const x = new Float64Array(n * p);
  const time = new Float64Array(n);
  const status = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let eta = 0;
    const rare = rand() < 0.03 ? 1 : 0;
    x[i] = rare;
    for (let j = 1; j < p; j++) {
      const v = j % 2 === 0 ? (rand() < 0.4 ? 1 : 0) : rand() + rand() + rand() - 1.5;
      x[j * n + i] = v;
      eta += ((j % 2 === 0 ? 0.3 : -0.2) / (1 + j / 5)) * v;
    }
    const t = -Math.log(rand()) / (0.005 * Math.exp(eta));
    const c = 730 * rand();
    time[i] = Math.max(1, Math.ceil(Math.min(t, c)));
    status[i] = rare === 0 && t <= c ? 1 : 0;
  }
  return { time, status, x, p, columnNames: Array.from({ length: p }, (_, j) => `x${j + 1}`) };
}

export const cases = defineCases<CoxInput>(
  [20, 40].flatMap((p) => [
    {
      // the Newton fit alone (Wald inference): one kernel evaluation per step
      name: `coxphf 5000 x ${p} (estimate only)`,
      repeats: 1,
      setup: (): CoxInput => simulateFirth(5000, p, 20261205 + p),
      run: (input: CoxInput): unknown => coxFirth(input, { pl: false }),
    },
    {
      // coxphf's default: 2p profile limits and p penalised LR tests, ~25 restricted fits per coefficient
      name: `coxphf 5000 x ${p} (profile CIs)`,
      repeats: 1,
      setup: (): CoxInput => simulateFirth(5000, p, 20261205 + p),
      run: (input: CoxInput): unknown => coxFirth(input),
    },
  ]),
);
