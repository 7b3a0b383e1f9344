import { describe, it } from "vitest";
import { chisqSf, normalCdf, normalQuantile, normalTwoSidedP } from "../../src/math/distributions.js";
import { expectClose } from "../helpers/expect-close.js";

// Reference values from R 4.x: pchisq(x, df, lower.tail = FALSE), pnorm, qnorm.
describe("distributions", () => {
  it("chisqSf keeps the digits of tiny upper tails as pchisq(lower.tail = FALSE) does", () => {
    expectClose(chisqSf(3.841458820694124, 1), 0.05, { rel: 1e-12 });
    expectClose(chisqSf(100, 1), 1.523970604832105e-23, { rel: 1e-10 });
    expectClose(chisqSf(10, 3), 0.01856613546304325, { rel: 1e-12 });
    expectClose(chisqSf(0, 2), 1, { rel: 0 });
  });
  it("normalQuantile inverts normalCdf", () => {
    expectClose(normalQuantile(0.975), 1.959963984540054, { rel: 1e-14 });
    expectClose(normalCdf(-1.959963984540054), 0.025, { rel: 1e-13 });
    expectClose(normalTwoSidedP(1.959963984540054), 0.05, { rel: 1e-13 });
  });
});
