// Golden test: the Nelson–Aalen cumulative hazard at each subject's time equals mice::nelsonaalen on the
// example cohort (tools/oracle/mice.R -> test/fixtures/mi/nelson-aalen-example.json).
import { describe, expect, it } from "vitest";
import { nelsonAalenAtTimes } from "../../src/mi/nelson-aalen.js";
import { expectClose } from "../helpers/expect-close.js";
import { loadMi } from "./load.js";

describe("nelsonAalenAtTimes", () => {
  it("equals mice::nelsonaalen on the example cohort", () => {
    const f = loadMi<{ time: number[]; status: number[] }, { H: number[] }>("nelson-aalen-example");
    expectClose(Array.from(nelsonAalenAtTimes(f.input.time, f.input.status)), f.expected.H, { rel: 1e-12 }, "H");
  });
  it("counts tied events together and gives censored subjects the hazard at their time (by hand)", () => {
    // times 1,1,2,3 with status 1,1,0,1: H(1) = 2/4, H(2) = 2/4, H(3) = 2/4 + 1/1
    expect(Array.from(nelsonAalenAtTimes([3, 1, 2, 1], [1, 1, 0, 1]))).toEqual([1.5, 0.5, 0.5, 0.5]);
  });
});
