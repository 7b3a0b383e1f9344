import { describe, expect, it } from "vitest";
import { formatCount, formatEstimateCi, formatFixed, formatPValue, formatTime, pPhrase, withInterval } from "../../src/report/number-format.js";
import { covariateLabel } from "../../src/report/labels.js";

describe("the report's number-format policy (src/report/number-format.ts)", () => {
  it("prints p-values with two significant digits, '< 0.001' below and '> 0.99' above, never '1.000'", () => {
    expect([0.0004, 0.001, 0.00123, 0.0443, 0.0995, 0.12, 0.5, 0.444, 0.99, 0.991, 1].map(formatPValue)).toEqual(["< 0.001", "0.0010", "0.0012", "0.044", "0.10", "0.12", "0.50", "0.44", "0.99", "> 0.99", "> 0.99"]);
    expect(formatPValue(null)).toBe("");
    expect(formatPValue(Number.NaN)).toBe("–");
    expect([0.044, 0.0001, 1].map(pPhrase)).toEqual(["p = 0.044", "p < 0.001", "p > 0.99"]);
  });

  it("writes intervals with 'to' and a true minus sign when a limit is negative, an en dash otherwise", () => {
    expect(formatEstimateCi(6.8, -5.3, 18.9)).toBe("6.8 (\u22125.3 to 18.9)");
    expect(formatEstimateCi(2.1, 0.4, 3.9)).toBe("2.1 (0.4–3.9)");
    expect(formatEstimateCi(-2, -3.25, -0.75, 2)).toBe("\u22122.00 (\u22123.25 to \u22120.75)");
    expect(formatEstimateCi(1.5, null, 2)).toBe("1.5");
    expect(withInterval("0.62", "0.41", "0.93")).toBe("0.62 (0.41–0.93)");
    expect(formatFixed(-0.04, 1)).toBe("0.0"); // rounds to zero: no sign
  });

  it("prints counts as integers, weighted counts rounded unless one decimal is asked for", () => {
    expect([4, 4.0000000001, 12.4, 12.6].map((x) => formatCount(x))).toEqual(["4", "4", "12", "13"]);
    expect(formatCount(12.44, { oneDecimal: true })).toBe("12.4");
    expect(formatCount(4, { oneDecimal: true })).toBe("4");
  });

  it("prints times with one decimal (R's rounding of halves) and 'not reached' for a missing median", () => {
    expect([102, 102.05, 102.25, 0.5].map((x) => formatTime(x))).toEqual(["102.0", "102.0", "102.2", "0.5"]);
    expect(formatTime(null)).toBe("not reached");
  });
});

describe("covariate labels (src/report/labels.ts)", () => {
  const spec = { covariates: ["age", { name: "primary_size_mm", label: "Size of the primary tumour (mm)", cutoff: { above: 70, label: "Primary > 70 mm" } }, { name: "grade", type: "categorical" as const, label: "FNCLCC grade" }] };
  it("names covariates and their derived columns by the spec's labels, never the internal names", () => {
    expect(covariateLabel(spec, "primary_size_mm")).toBe("Size of the primary tumour (mm)");
    expect(covariateLabel(spec, "primary_size_mm>70")).toBe("Primary > 70 mm");
    expect(covariateLabel(spec, "primary_size_mm>70", { missing: true })).toBe("Size of the primary tumour (mm)");
    expect(covariateLabel(spec, "factor(grade)")).toBe("FNCLCC grade");
    expect(covariateLabel(spec, "age")).toBe("age");
    expect(covariateLabel(spec, "unknown_column")).toBe("unknown_column");
  });
});
