/**
 * Rosenbaum bounds for 1:k matched sets (src/sensitivity/matched-sets.ts) against Rosenbaum's own code,
 * sensitivitymv 1.4.3 (tools/oracle/rosenbaum-matched-sets.R: senmv on its M-scores, separable1v), on the
 * welders of Rosenbaum (2007) Table 1 (pairs) and the NHANES mercury data (397 sets of 1 treated and 2
 * controls); and against the matched-pairs bound of rosenbaum.ts.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { rosenbaumMatchedSets, separableBound } from "../../src/sensitivity/matched-sets.js";
import { signedScoreBounds } from "../../src/sensitivity/rosenbaum.js";
import { SurvinferError } from "../../src/errors.js";
import { expectClose } from "../helpers/expect-close.js";

const dir = join(dirname(fileURLToPath(import.meta.url)), "..", "fixtures", "sensitivity");

interface SenmvFixture {
  input: { sets: number[][]; gammas: number[] };
  expected: { pval: number[]; deviate: number[]; statistic: number; expectation: number[]; variance: number[] };
}

describe("rosenbaumMatchedSets equals sensitivitymv::senmv (separable1v) on its published examples", () => {
  for (const name of ["erpcp", "mercury"]) {
    it(`${name}: statistic, expectation, variance, deviate and p-value bound at every Γ`, () => {
      const f = JSON.parse(readFileSync(join(dir, `published-senmv-${name}.json`), "utf8")) as SenmvFixture;
      const r = rosenbaumMatchedSets(f.input.sets, { gammas: f.input.gammas });
      expectClose(r.statistic, f.expected.statistic, { rel: 1e-12 }, "statistic");
      expectClose(r.rows.map((x) => x.expectation), f.expected.expectation, { rel: 1e-12, abs: 1e-12 }, "expectation");
      expectClose(r.rows.map((x) => x.variance), f.expected.variance, { rel: 1e-12 }, "variance");
      expectClose(r.rows.map((x) => x.deviate), f.expected.deviate, { rel: 1e-12 }, "deviate");
      expectClose(r.rows.map((x) => x.pUpper), f.expected.pval, { rel: 1e-10, abs: 1e-15 }, "p-value bound");
      expect(r.nSets).toBe(f.input.sets.length);
    });
  }
});

describe("rosenbaumMatchedSets on pairs", () => {
  it("equals the matched-pairs bound with q = |score difference| when the treated and control scores are ±q/2", () => {
    const d = [1.5, -0.4, 2.2, 0.9, -1.1, 3.0, 0.2];
    const sets = d.map((x) => [x / 2, -x / 2]);
    const q = d.map(Math.abs);
    const t = d.reduce((s, x) => s + (x > 0 ? Math.abs(x) : 0), 0);
    for (const g of [1, 1.5, 3]) {
      const pair = signedScoreBounds(t, q.reduce((a, b) => a + b, 0), q.reduce((a, b) => a + b * b, 0), g);
      expectClose(separableBound(sets, g).pUpper, pair.pUpper, { rel: 1e-12 }, `Γ = ${g}`);
    }
  });

  it("gives the Γ at which the bound reaches alpha and refuses a set without a control", () => {
    const sets = Array.from({ length: 40 }, (_, s) => [1 + (s % 3), 0.5, (s % 5) / 5]);
    const r = rosenbaumMatchedSets(sets, { gammas: [1, 2] });
    expect(r.gammaChangeStatus).toBe("found");
    expectClose(separableBound(sets, r.gammaChange!).pUpper, 0.05, { abs: 1e-9 }, "p at Γ change");
    let code = "";
    try {
      rosenbaumMatchedSets([[1]]);
    } catch (e) {
      code = e instanceof SurvinferError ? e.code : "other";
    }
    expect(code).toBe("OPTION_INVALID");
  });
});
