/**
 * The concordance kernel's two walks (src/survival/concordance-kernel.ts: back in time over the η ranks;
 * src/survival/concordance-by-score.ts: in ascending η over the time ranks) against the O(n²) definition,
 * pair by pair, on data with many ties in time and in η, weights, time weights and strata. Weights and
 * time weights are integers or multiples of 1/4, so every sum is exact and the comparisons are exact.
 */
import { describe, expect, it } from "vitest";
import { concordanceEstimate, concordancePairs, concordancePairsByTime, type ConcordanceKernelInput, type ConcordancePairs } from "../../src/survival/concordance-kernel.js";
import { concordancePairsByScore, countsAreExactIntegers, stratumTimeRanks } from "../../src/survival/concordance-by-score.js";
import { coxConcordance, stratumTimeRanksOfFit } from "../../src/survival/cox/concordance.js";
import { prepareCoxData } from "../../src/survival/cox/prepare.js";
import { radixArgsort } from "../../src/survival/cox/order.js";

/** Deterministic uniform(0,1) generator (mulberry32). */
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

/** The definition: every ordered pair (i dies, j at risk at Tᵢ in i's stratum), weight ω(Tᵢ)·wᵢwⱼ. */
function bruteForce(input: ConcordanceKernelInput): ConcordancePairs {
  const { time, status, eta, weights } = input;
  const n = time.length;
  const stratum = input.stratum ?? new Int32Array(n);
  const omega = input.timeWeight ?? null;
  const inf0 = new Float64Array(n);
  const inf1 = new Float64Array(n);
  const inf2 = new Float64Array(n);
  let concordant = 0;
  let discordant = 0;
  let tiedX = 0;
  let tiedY = 0;
  let tiedXY = 0;
  for (let i = 0; i < n; i++) {
    if (status[i] === 0) continue;
    const om = omega ? omega[i] : 1;
    for (let j = 0; j < n; j++) {
      if (j === i || stratum[j] !== stratum[i]) continue;
      const atRisk = time[j] > time[i] || (time[j] === time[i] && status[j] === 0);
      if (atRisk) {
        const pw = om * weights[i] * weights[j];
        if (eta[i] > eta[j]) {
          concordant += pw;
          inf1[i] += om * weights[j];
          inf1[j] += om * weights[i];
        } else if (eta[i] < eta[j]) {
          discordant += pw;
          inf0[i] += om * weights[j];
          inf0[j] += om * weights[i];
        } else {
          tiedX += pw;
          inf2[i] += om * weights[j];
          inf2[j] += om * weights[i];
        }
      } else if (j > i && time[j] === time[i] && status[j] !== 0) {
        // two deaths at one time, counted once
        if (eta[i] === eta[j]) tiedXY += om * weights[i] * weights[j];
        else tiedY += om * weights[i] * weights[j];
      }
    }
  }
  return { concordant, discordant, tiedX, tiedY, tiedXY, concordantByRow: inf1, discordantByRow: inf0, tiedXByRow: inf2 };
}

interface Options {
  n: number;
  nTimes: number;
  nEta: number;
  nStrata: number;
  weights: "unit" | "integer" | "quarters";
  timeWeight: boolean;
}

/** Random right-censored data with ties: times on a grid of nTimes values, η among nEta values (with −0 and 0). */
function makeData(seed: number, o: Options): ConcordanceKernelInput {
  const rand = mulberry32(seed);
  const { n } = o;
  const time = new Float64Array(n);
  const status = new Int32Array(n);
  const eta = new Float64Array(n);
  const weights = new Float64Array(n);
  const stratum = new Int32Array(n);
  const etaValues = Array.from({ length: o.nEta }, (_, k) => (k === 0 ? -0 : k === 1 ? 0 : Math.round((rand() - 0.5) * 40) / 8));
  for (let i = 0; i < n; i++) {
    time[i] = 1 + Math.floor(rand() * o.nTimes);
    status[i] = rand() < 0.55 ? 1 : 0;
    eta[i] = etaValues[Math.floor(rand() * o.nEta)];
    weights[i] = o.weights === "unit" ? 1 : o.weights === "integer" ? 1 + Math.floor(rand() * 3) : (1 + Math.floor(rand() * 12)) / 4;
    stratum[i] = Math.floor(rand() * o.nStrata);
  }
  let timeWeight: Float64Array | null = null;
  if (o.timeWeight) {
    // ω equal for the deaths at one time in one stratum, as the kernel requires; 0 after a truncation time
    const byTime = new Map<string, number>();
    timeWeight = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const key = `${stratum[i]}:${time[i]}`;
      if (!byTime.has(key)) byTime.set(key, time[i] > o.nTimes - 2 ? 0 : (1 + Math.floor(rand() * 8)) / 4);
      timeWeight[i] = byTime.get(key) as number;
    }
  }
  return { time, status, eta, weights, stratum: o.nStrata > 1 ? stratum : null, nStrata: o.nStrata, timeWeight };
}

function expectSamePairs(actual: ConcordancePairs | null, expected: ConcordancePairs): void {
  expect(actual).not.toBeNull();
  if (actual === null) return;
  expect([actual.concordant, actual.discordant, actual.tiedX, actual.tiedY, actual.tiedXY]).toEqual([expected.concordant, expected.discordant, expected.tiedX, expected.tiedY, expected.tiedXY]);
  expect(Array.from(actual.concordantByRow)).toEqual(Array.from(expected.concordantByRow));
  expect(Array.from(actual.discordantByRow)).toEqual(Array.from(expected.discordantByRow));
  expect(Array.from(actual.tiedXByRow)).toEqual(Array.from(expected.tiedXByRow));
}

const grid: Options[] = [
  { n: 40, nTimes: 3, nEta: 2, nStrata: 1, weights: "unit", timeWeight: false },
  { n: 150, nTimes: 12, nEta: 6, nStrata: 1, weights: "unit", timeWeight: false },
  { n: 150, nTimes: 150, nEta: 150, nStrata: 1, weights: "unit", timeWeight: false },
  { n: 200, nTimes: 8, nEta: 10, nStrata: 3, weights: "integer", timeWeight: false },
  { n: 200, nTimes: 20, nEta: 4, nStrata: 2, weights: "quarters", timeWeight: false },
  { n: 180, nTimes: 10, nEta: 8, nStrata: 1, weights: "quarters", timeWeight: true },
  { n: 180, nTimes: 6, nEta: 3, nStrata: 4, weights: "integer", timeWeight: true },
];

describe("concordance kernel: the walk in η, the walk back in time and the O(n²) definition agree exactly", () => {
  for (const o of grid) {
    it(`n ${o.n}, ${o.nTimes} times, ${o.nEta} η values, ${o.nStrata} strata, ${o.weights} weights${o.timeWeight ? ", time weights" : ""}`, () => {
      for (let seed = 1; seed <= 12; seed++) {
        const input = makeData(1000 * o.n + seed, o);
        const want = bruteForce(input);
        expect(want.concordant + want.discordant + want.tiedX).toBeGreaterThan(0);
        expectSamePairs(concordancePairsByScore(input), want);
        expectSamePairs(concordancePairsByTime(input), want);
        expectSamePairs(concordancePairs(input), want);
        const a = concordanceEstimate(concordancePairsByScore(input) as ConcordancePairs, input.weights);
        const b = concordanceEstimate(concordancePairsByTime(input), input.weights);
        expect([a.value, a.se]).toEqual([b.value, b.se]);
      }
    });
  }

  it("large groups of tied η (a binary score) and many rows tied in time", () => {
    const input = makeData(77, { n: 3000, nTimes: 25, nEta: 2, nStrata: 2, weights: "integer", timeWeight: false });
    expectSamePairs(concordancePairsByScore(input), concordancePairsByTime(input));
  });

  it("the walk in η is used only when its sums are exact integers, and not for an η that is NaN", () => {
    const base = makeData(5, { n: 30, nTimes: 5, nEta: 5, nStrata: 1, weights: "unit", timeWeight: false });
    expect(countsAreExactIntegers(base)).toBe(true);
    expect(countsAreExactIntegers({ ...base, weights: base.weights.map((w, i) => (i === 3 ? 0.5 : w)) })).toBe(false);
    expect(countsAreExactIntegers({ ...base, timeWeight: base.time.map(() => 1 / 3) })).toBe(false);
    expect(countsAreExactIntegers({ ...base, weights: base.weights.map(() => 2 ** 25) })).toBe(false); // (Σw)² ≥ 2⁵³
    const eta = Float64Array.from(base.eta as Float64Array);
    eta[4] = Number.NaN;
    expect(concordancePairsByScore({ ...base, eta })).toBeNull();
    // the dispatcher then counts by the time walk (the earlier behaviour)
    expectSamePairs(concordancePairs({ ...base, eta }), concordancePairsByTime({ ...base, eta }));
  });

  it("the (stratum, time) ranks of the Cox fit's sort equal the kernel's own, −1 only for rows in no comparable pair", () => {
    const o: Options = { n: 120, nTimes: 15, nEta: 9, nStrata: 3, weights: "unit", timeWeight: false };
    let anyDropped = false;
    for (let seed = 1; seed <= 6; seed++) {
      const input = makeData(seed, o);
      const n = input.time.length;
      const x = Float64Array.from(input.eta as Float64Array);
      const strata = input.stratum ?? new Int32Array(n);
      const prep = prepareCoxData({ time: input.time, status: Int32Array.from(input.status), x, p: 1, columnNames: ["eta"], strata }, true, true);
      const fromFit = stratumTimeRanksOfFit(prep.data, n);
      const own = stratumTimeRanks(input.time, input.stratum ?? null, o.nStrata);
      // same order among the rows the fit kept (ranks may be shifted by the rows it dropped)
      let orderMismatches = 0;
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          if (fromFit[i] >= 0 && fromFit[j] >= 0 && Math.sign(fromFit[i] - fromFit[j]) !== Math.sign(own[i] - own[j])) orderMismatches++;
        }
      }
      expect(orderMismatches).toBe(0);
      const first = new Map<number, number>();
      for (let i = 0; i < n; i++) if (input.status[i] === 1) first.set(strata[i], Math.min(first.get(strata[i]) ?? Infinity, input.time[i]));
      const dropped = Array.from(fromFit, (r) => r < 0);
      expect(dropped).toEqual(Array.from(input.time, (t, i) => !(t >= (first.get(strata[i]) ?? Infinity))));
      if (dropped.some((d) => d)) anyDropped = true;
      const viaFit = coxConcordance(prep.time, prep.status, null, input.eta, prep.weights, prep.stratum, prep.nStrata, undefined, prep.data);
      const direct = concordanceEstimate(bruteForce({ ...input, stratum: prep.stratum, nStrata: prep.nStrata }), prep.weights);
      expect(viaFit).toEqual(direct);
    }
    expect(anyDropped).toBe(true); // the data exercise the fit's dropped rows
  });

  it("radixArgsort is a stable ascending argsort (negatives, −0 before 0, ties, infinities)", () => {
    const rand = mulberry32(3);
    const v = Float64Array.from({ length: 500 }, () => {
      const u = rand();
      return u < 0.1 ? -0 : u < 0.2 ? 0 : u < 0.25 ? -Infinity : u < 0.3 ? Infinity : Math.round((rand() - 0.5) * 50) / 4;
    });
    const idx = Array.from(radixArgsort(v));
    const want = Array.from(v.keys()).sort((a, b) => {
      const ka = Object.is(v[a], -0) ? -1e-300 : v[a];
      const kb = Object.is(v[b], -0) ? -1e-300 : v[b];
      return ka < kb ? -1 : ka > kb ? 1 : a - b;
    });
    expect(idx).toEqual(want);
  });
});
