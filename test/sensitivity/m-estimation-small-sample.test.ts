/** The opt-in small-sample factor of the M-estimation variance (src/causal/m-estimation.ts, item 6 of issue 16). */
import { describe, expect, it } from "vitest";
import { expectClose } from "../helpers/expect-close.js";
import { iptwCoxMEstimation, smallSampleFactor } from "../../src/causal/m-estimation.js";
import { coxFit } from "../../src/survival/cox/fit.js";

// 24 patients: one covariate x, treatment, follow-up; PS e = expit(0.2 + 0.5x) (any PS shows the scaling)
const n = 24;
const x = Float64Array.from({ length: n }, (_, i) => ((i * 7) % 11) / 5 - 1);
const treat = Int32Array.from({ length: n }, (_, i) => ((i * 5) % 3 === 0 ? 1 : 0));
const time = Float64Array.from({ length: n }, (_, i) => 1 + ((i * 13) % 17) + 0.5 * treat[i]);
const status = Int32Array.from({ length: n }, (_, i) => (i % 4 === 3 ? 0 : 1));
const ps = Float64Array.from(x, (v) => 1 / (1 + Math.exp(-(0.2 + 0.5 * v))));
const z = new Float64Array(2 * n);
for (let i = 0; i < n; i++) {
  z[i] = 1;
  z[n + i] = x[i];
}
const weights = Float64Array.from(ps, (e, i) => (treat[i] === 1 ? 1 / e : 1 / (1 - e)));
const cox = { time, status, x: Float64Array.from(treat), p: 1, columnNames: ["treat"], weights };
const fit = coxFit(cox, { robust: true });

describe("iptwCoxMEstimation small-sample correction", () => {
  it("leaves the variance unchanged by default and says so", () => {
    const m = iptwCoxMEstimation({ cox, fit, z, q: 2, ps, treat, estimand: "ATE", stabilize: false });
    expect(m.smallSample).toEqual({ correction: "none", factor: 1, n, parameters: 3 });
  });

  it("hc1 multiplies the variance by n/(n − k), k = PS coefficients (+ π when stabilised) + Cox coefficients", () => {
    for (const stabilize of [false, true]) {
      const base = iptwCoxMEstimation({ cox, fit, z, q: 2, ps, treat, estimand: "ATE", stabilize });
      const hc1 = iptwCoxMEstimation({ cox, fit, z, q: 2, ps, treat, estimand: "ATE", stabilize, smallSample: "hc1" });
      const k = 2 + (stabilize ? 1 : 0) + 1;
      expect(hc1.smallSample).toEqual({ correction: "hc1", factor: n / (n - k), n, parameters: k });
      expectClose(hc1.var[0][0], (base.var[0][0] * n) / (n - k), { rel: 1e-14 });
      expect(Array.from(hc1.influence)).toEqual(Array.from(base.influence));
    }
  });

  it("smallSampleFactor is NaN when there are no degrees of freedom left", () => {
    expect(smallSampleFactor("hc1", 5, 5)).toBeNaN();
    expect(smallSampleFactor("none", 5, 5)).toBe(1);
  });
});
