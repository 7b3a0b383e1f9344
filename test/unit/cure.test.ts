/** Unit tests of the cure models and the follow-up check: hand derivations, properties, edge cases. */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { expectClose } from "../helpers/expect-close.js";
import { followUpCheck, semiparametricCure, weibullCure, weibullCureLogLik, type CureInput } from "../../src/survival/cure/index.js";
import { assertProperty, property } from "../helpers/property.js";

const none = { z: new Float64Array(0), zNames: [] as string[], x: new Float64Array(0), xNames: [] as string[] };

/** A small cohort with a plateau: 12 patients, one binary covariate used in both parts. */
function small(): CureInput {
  const time = Float64Array.from([3, 7, 2, 40, 11, 45, 5, 38, 9, 50, 14, 42]);
  const status = Int32Array.from([1, 1, 1, 0, 1, 0, 0, 0, 1, 0, 1, 0]);
  const g = Float64Array.from([1, 0, 1, 0, 1, 0, 1, 1, 0, 0, 1, 0]);
  return { time, status, z: g, zNames: ["g"], x: g, xNames: ["g"] };
}

describe("followUpCheck", () => {
  it("measures the plateau and counts the events in (2t* − t_max, t*] (hand-derived)", () => {
    // t_max = 20, t* = 4: interval (−12, 4] holds the 4 events; q = 4/8, α = (1/2)^8
    const fu = followUpCheck(Float64Array.from([10, 2, 20, 1, 4, 12, 3, 20]), Int32Array.from([0, 1, 0, 1, 1, 0, 1, 0]));
    expect(fu.tMax).toBe(20);
    expect(fu.tMaxEvent).toBe(4);
    expect(fu.plateauLength).toBe(16);
    expect(fu.mallerZhou.interval).toEqual([-12, 4]);
    expect(fu.mallerZhou.nEventsInInterval).toBe(4);
    expectClose(fu.mallerZhou.pValue, 1 / 256, { rel: 1e-14 }, "alpha_n");
    // KM after the last event: (7/8)(6/7)(5/6)(4/5) = 1/2
    expectClose(fu.plateauSurvival, 0.5, { rel: 1e-14 }, "plateau S");
    expect(fu.nCensoredOnPlateau).toBe(4);
    // 4 events in the window and 4 patients beyond the last event: fewer than 5 → inconclusive despite p < 0.05
    expect(fu.verdict).toBe("inconclusive");
    expect(fu.sufficient).toBe(false);
    expect(fu.verdictText).toMatch(/^Inconclusive: the check rests on 4 event\(s\) between 0 and 4 .*4 patient\(s\) followed beyond the last event at 4/);
    const lenient = followUpCheck(Float64Array.from([10, 2, 20, 1, 4, 12, 3, 20]), Int32Array.from([0, 1, 0, 1, 1, 0, 1, 0]), { minEvidence: 4 });
    expect(lenient.verdict).toBe("sufficient");
    expect(lenient.sufficient).toBe(true);
  });

  it("warns in plain language when the last observation is an event (no plateau)", () => {
    // t* = t_max = 10: the interval (10, 10] is empty, N = 0, α = 1; npcure counts the 2 observations at 10
    const fu = followUpCheck(Float64Array.from([1, 5, 9, 10, 10]), Int32Array.from([1, 0, 1, 1, 0]));
    expect(fu.plateauLength).toBe(0);
    expect(fu.mallerZhou.nEventsInInterval).toBe(0);
    expect(fu.mallerZhou.pValue).toBe(1);
    expect(fu.mallerZhou.npcure.count).toBe(2);
    expectClose(fu.mallerZhou.npcure.pValue, Math.pow(3 / 5, 5), { rel: 1e-14 }, "npcure");
    expect(fu.sufficient).toBe(false);
    expect(fu.warnings.join(" ")).toMatch(/Follow-up may be too short to speak of cure/);
  });

  it("flags a plateau shorter than minPlateau", () => {
    const fu = followUpCheck(Float64Array.from([10, 2, 20, 1, 4, 12, 3, 20]), Int32Array.from([0, 1, 0, 1, 1, 0, 1, 0]), { minPlateau: 24 });
    expect(fu.sufficient).toBe(false);
    expect(fu.warnings.some((w) => w.includes("flat for only 16"))).toBe(true);
  });

  it("rejects data without events", () => {
    expect(() => followUpCheck(Float64Array.from([1, 2]), Int32Array.from([0, 0]))).toThrow(/no events/);
  });
});

describe("weibullCure", () => {
  it("computes the log-likelihood of the mixture by hand on three rows", () => {
    // θ = (γ₀ = 0.3, log λ = log 0.1, log α = log 2); p = expit(0.3)
    const input: CureInput = { time: Float64Array.from([2, 5, 8]), status: Int32Array.from([1, 0, 1]), ...none };
    const p = 1 / (1 + Math.exp(-0.3));
    const u = (t: number): number => (0.1 * t) ** 2;
    const logf = (t: number): number => Math.log(2) + Math.log(u(t)) - Math.log(t) - u(t);
    const want = Math.log(p) + logf(2) + Math.log(1 - p + p * Math.exp(-u(5))) + Math.log(p) + logf(8);
    expectClose(weibullCureLogLik(input, [0.3, Math.log(0.1), Math.log(2)]).loglik, want, { rel: 1e-14 }, "loglik");
  });

  it("has an analytic gradient equal to central differences of the log-likelihood", () => {
    const input = small();
    assertProperty(
      property(fc.array(fc.double({ min: -1.5, max: 1.5, noNaN: true }), { minLength: 5, maxLength: 5 }), (raw) => {
        const theta = [raw[0], raw[1], raw[2], -3 + raw[3], raw[4] / 2];
        const { gradient } = weibullCureLogLik(input, theta);
        const num = theta.map((_, j) => {
          const h = 1e-6;
          const tp = [...theta];
          const tm = [...theta];
          tp[j] += h;
          tm[j] -= h;
          return (weibullCureLogLik(input, tp).loglik - weibullCureLogLik(input, tm).loglik) / (2 * h);
        });
        // tolerance: 1e-5, a central difference (h = 1e-6) of the log-likelihood
        expectClose(gradient, num, { rel: 1e-5, abs: 1e-6 }, "gradient");
      }),
      { numRuns: 30, seed: 42 },
    );
  });

  it("is equivariant in the time unit: times × c shift log λ by −log c and leave the rest", () => {
    const a = weibullCure(small());
    const s = small();
    const b = weibullCure({ ...s, time: s.time.map((t) => t * 30.4375) });
    const k = a.theta.length;
    // tolerance: 1e-6, both fits stop at optim's reltol; rescaling time changes the path
    expectClose(b.theta.slice(0, k - 2), a.theta.slice(0, k - 2), { rel: 1e-6, abs: 1e-7 }, "other parameters");
    // tolerance: 1e-6, as the line above
    expectClose(b.theta[k - 2], a.theta[k - 2] - Math.log(30.4375), { rel: 1e-6 }, "log lambda");
    expectClose(b.loglik, a.loglik - a.nEvent * Math.log(30.4375), { rel: 1e-9 }, "loglik shifts by −d log c (density Jacobian)");
  });

  it("does not depend on the row order", () => {
    const s = small();
    const perm = [5, 0, 11, 3, 8, 1, 10, 2, 7, 4, 9, 6];
    const p = (a: Float64Array): Float64Array => Float64Array.from(perm, (i) => a[i]);
    const a = weibullCure(s);
    const b = weibullCure({ ...s, time: p(s.time), status: Int32Array.from(perm, (i) => s.status[i]), z: p(s.z), x: p(s.x) });
    expectClose(b.theta, a.theta, { rel: 1e-8, abs: 1e-9 }, "theta");
    expectClose(b.cureProbability, perm.map((i) => a.cureProbability[i]), { rel: 1e-8, abs: 1e-12 }, "cure probability");
  });

  it("gives P(cured | T > t) = π/(π + (1 − π)S_u(t)) to the censored and 0 to events", () => {
    const s = small();
    const f = weibullCure(s);
    const [g0, g1, b1, logLambda, logShape] = f.theta;
    for (let i = 0; i < s.time.length; i++) {
      if (s.status[i] === 1) {
        expect(f.cureProbability[i]).toBe(0);
        continue;
      }
      const pi = 1 - 1 / (1 + Math.exp(-(g0 + g1 * s.z[i])));
      const su = Math.exp(-Math.pow(Math.exp(logLambda + b1 * s.x[i]) * s.time[i], Math.exp(logShape)));
      expectClose(f.cureProbability[i], pi / (pi + (1 - pi) * su), { rel: 1e-12 }, `patient ${i}`);
      expectClose(f.cureFractionPerPatient[i], pi, { rel: 1e-12 }, `pi ${i}`);
    }
  });

  it("reports cure fractions with delta-method CIs on the logit scale at given profiles", () => {
    const f = weibullCure(small(), { profiles: [{ name: "g=0", z: [0] }, { name: "g=1", z: [1] }] });
    const [g0] = f.theta;
    const v00 = f.vcov[0][0];
    const prof = f.cureFraction.profiles[0];
    expectClose(prof.estimate, 1 / (1 + Math.exp(g0)), { rel: 1e-12 }, "π(g=0)");
    expectClose(prof.seLogit, Math.sqrt(v00), { rel: 1e-12 }, "se");
    expectClose(prof.lower, 1 / (1 + Math.exp(g0 + 1.959963984540054 * Math.sqrt(v00))), { rel: 1e-9 }, "lower");
  });

  it("reports the latency hazard ratio among the uncured as e^{αβ}", () => {
    const f = weibullCure(small());
    expectClose(f.latencyHazardRatio[0].hr, Math.exp(f.shape * f.latency[0].estimate), { rel: 1e-14 }, "hr");
    expect(f.latencyHazardRatio[0].lower).toBeLessThan(f.latencyHazardRatio[0].hr);
  });

  it("runs the TSDoc examples", () => {
    const w = weibullCure({ time: Float64Array.from([2, 5, 9, 12, 30, 30, 30, 4]), status: Int32Array.from([1, 1, 1, 0, 0, 0, 0, 1]), ...none });
    expect(w.convergence.converged).toBe(true);
    expect(w.cureFraction.meanProfile.estimate).toBeGreaterThan(0.3);
    const s = semiparametricCure(
      { time: Float64Array.from([2, 5, 9, 12, 30, 30, 31, 4, 7, 28]), status: Int32Array.from([1, 1, 1, 0, 0, 0, 0, 1, 1, 0]), z: new Float64Array(0), zNames: [], x: Float64Array.from([1, 0, 1, 0, 1, 0, 1, 1, 0, 0]), xNames: ["treated"] },
      { bootstrap: 20, seed: 1 },
    );
    expect(Number.isFinite(s.latency[0].estimate)).toBe(true);
    expect(s.warnings).toEqual([]);
  });

  it("warns that no one can be cured when every patient had the event, without reporting a spurious SE", () => {
    const f = weibullCure({ time: Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8]), status: Int32Array.from([1, 1, 1, 1, 1, 1, 1, 1]), ...none });
    expect(f.cureFraction.meanProfile.estimate).toBeLessThan(1e-6);
    expect(f.warnings.join(" ")).toMatch(/every patient had the event/);
    expect(Number.isNaN(f.incidence[0].se)).toBe(true);
  });

  it("rejects zero times, which have no Weibull density", () => {
    expect(() => weibullCure({ time: Float64Array.from([0, 1, 2]), status: Int32Array.from([1, 1, 0]), ...none })).toThrow(/positive/);
  });
});

describe("semiparametricCure", () => {
  it("sets the baseline survival to 0 after the last event (zero-tail constraint) and cure probability 0 for events", () => {
    const s = small();
    const f = semiparametricCure(s, { bootstrap: 0 });
    const lastEvent = Math.max(...Array.from(s.time).filter((_, i) => s.status[i] === 1));
    for (let i = 0; i < s.time.length; i++) {
      if (s.time[i] > lastEvent) {
        expect(f.baselineSurvivalPerPatient[i]).toBe(0);
        expect(f.cureProbability[i]).toBe(1);
      }
      if (s.status[i] === 1) expect(f.cureProbability[i]).toBe(0);
    }
    expect(f.baseline.time).toEqual([2, 3, 7, 9, 11, 14]);
    expect(f.incidence.every((c) => Number.isNaN(c.se))).toBe(true);
  });

  it("repeats its bootstrap exactly for a seed and changes with the seed", () => {
    const s = small();
    const a = semiparametricCure(s, { bootstrap: 15, seed: 3 });
    const b = semiparametricCure(s, { bootstrap: 15, seed: 3 });
    const c = semiparametricCure(s, { bootstrap: 15, seed: 4 });
    expect(a.bootstrap.replicates).toBe(15);
    expect(a.incidence.map((x) => x.se)).toEqual(b.incidence.map((x) => x.se));
    expect(a.incidence.map((x) => x.se)).not.toEqual(c.incidence.map((x) => x.se));
  });

  it("rejects a negative bootstrap count", () => {
    expect(() => semiparametricCure(small(), { bootstrap: -1 })).toThrow(/bootstrap/);
  });
});
