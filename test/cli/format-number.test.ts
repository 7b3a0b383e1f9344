import { describe, expect, it } from "vitest";
import { formatNumber } from "../../src/cli/format.js";

describe("formatNumber: R's print(x, digits = 4) choice between fixed and scientific", () => {
  it("prints counts and whole numbers as they are (a 1,000,000-row KM table said n = 4.993e+5)", () => {
    expect(formatNumber(499333)).toBe("499333");
    expect(formatNumber(100000)).toBe("100000");
    expect(formatNumber(-42)).toBe("-42");
    expect(formatNumber(0)).toBe("0");
  });

  it("rounds to 4 significant digits but keeps every integer digit, as R does", () => {
    expect(formatNumber(12345.67)).toBe("12346"); // print(12345.67, digits = 4)
    expect(formatNumber(123.456)).toBe("123.5");
    expect(formatNumber(1.5)).toBe("1.5");
    expect(formatNumber(0.1 + 0.2)).toBe("0.3");
    expect(formatNumber(0.0001234)).toBe("0.0001234");
  });

  it("uses scientific notation only when it is shorter, with R's two-digit exponent", () => {
    expect(formatNumber(0.00001234)).toBe("1.234e-05");
    expect(formatNumber(-0.00001234)).toBe("-1.234e-05");
    expect(formatNumber(3e-10)).toBe("3e-10");
  });

  it("says NA, Inf and -Inf for what is not a number", () => {
    expect(formatNumber(null)).toBe("NA");
    expect(formatNumber(Number.NaN)).toBe("NA");
    expect(formatNumber(Infinity)).toBe("Inf");
    expect(formatNumber(-Infinity)).toBe("-Inf");
  });
});
