/** balanceVerdict: which terms fail which threshold, counted and said in words (issue 13). */
import { describe, expect, it } from "vitest";
import { balanceTable } from "../../src/causal/balance.js";
import { balanceVerdict, smdDecimals, smdText, thresholdRule } from "../../src/causal/balance-verdict.js";

// x: treated 1, 2, 3 / control 1, 1, 5 (VR = 1/4); b: binary, treated 1, 1, 0 / control 0, 0, 0
const input = {
  covariates: [
    { name: "x", kind: "numeric" as const, values: [1, 2, 3, 1, 1, 5] },
    { name: "b", kind: "numeric" as const, values: [1, 1, 0, 0, 0, 0] },
  ],
  treatment: [1, 1, 1, 0, 0, 0],
  weights: [1, 1, 1, 1, 1, 1],
};

describe("balanceVerdict", () => {
  it("flags each term by the thresholds it fails: |SMD| ≥ t, VR outside 1/t–t (continuous only), KS ≥ t", () => {
    const r = balanceTable(input, { binary: "std", thresholds: { smd: 0.1, varianceRatio: 2, ks: null } });
    const x = r.after!.find((row) => row.variable === "x")!;
    expect(x.smd).toBeCloseTo(-1 / 3 / Math.sqrt((1 + 16 / 3) / 2), 12);
    expect(x.varianceRatio).toBeCloseTo(1 / (16 / 3), 12);
    const v = balanceVerdict(r, "matched", (row) => row.variable.toUpperCase(), 6);
    expect(v.nTerms).toBe(2);
    expect(v.nImbalanced).toBe(2);
    expect(v.imbalanced.map((i) => [i.variable, i.failed])).toEqual([
      ["x", ["smd", "varianceRatio"]],
      ["b", ["smd"]],
    ]);
    expect(v.text).toBe(`After matching (n = 6), 2 of 2 covariate terms remain imbalanced (|SMD| ≥ 0.1 or variance ratio outside 0.50–2), 2 of them with |SMD| ≥ 0.1: X (SMD −${Math.abs(x.smd).toFixed(2)}, variance ratio 0.19); B (SMD ${r.after![1].smd.toFixed(2)}).`);
  });

  it("says all terms are balanced when none fails, and the rule follows the thresholds in force", () => {
    const r = balanceTable(input, { thresholds: { smd: 5, varianceRatio: null, ks: 0.9 } });
    const v = balanceVerdict(r, "unadjusted", (row) => row.variable);
    expect(v.nImbalanced).toBe(0);
    expect(v.text).toBe("Before adjustment, all 2 covariate terms are balanced (|SMD| < 5 and KS < 0.9).");
    expect(thresholdRule({ smd: 0.1, varianceRatio: 2, ks: null }, true)).toBe("|SMD| ≥ 0.1 or variance ratio outside 0.50–2");
  });

  it("prints an SMD with the decimals that show on which side of the |SMD| threshold it is (issue 19): 0.0996 is not '0.10'", () => {
    expect(smdDecimals(0.0996, 0.1)).toBe(4);
    expect(smdDecimals(-0.0996, 0.1)).toBe(4);
    expect(smdDecimals(0.0949, 0.1)).toBe(2); // "0.09"
    expect(smdDecimals(0.09949, 0.1)).toBe(3); // "0.099"
    expect(smdDecimals(0.1004, 0.1)).toBe(2); // "0.10", counted
    expect(smdDecimals(0.1, 0.1)).toBe(2);
    expect(smdDecimals(0.0996, null)).toBe(2);
    expect(smdDecimals(0.09996, 0.1, 3)).toBe(5);
    expect(smdText(-0.0996, 0.1)).toBe("−0.0996");
    expect(smdText(0.24, 0.25)).toBe("0.24");
    expect(smdText(0.2496, 0.25)).toBe("0.2496");
    // in the verdict: a term failing the variance ratio only, its SMD just below 0.1
    const rows = [{ variable: "age", covariate: "age", level: null, smd: 0.0996, varianceRatio: 3.1, ks: 0.1 }, { variable: "sex", covariate: "sex", level: null, smd: 0.3, varianceRatio: null, ks: 0.2 }];
    const v = balanceVerdict({ before: rows, options: { thresholds: { smd: 0.1, varianceRatio: 2, ks: null } } } as never, "unadjusted", (row) => row.variable);
    expect(v.text).toBe("Before adjustment, 2 of 2 covariate terms are imbalanced (|SMD| ≥ 0.1 or variance ratio outside 0.50–2), 1 of them with |SMD| ≥ 0.1: age (SMD 0.0996, variance ratio 3.10); sex (SMD 0.30).");
  });
});
