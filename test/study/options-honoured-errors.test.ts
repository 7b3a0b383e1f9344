/**
 * Issue 13: bad propensity options given to the effects engine are refused with a typed error that names the
 * option (or the row and column of the offending value), never ignored.
 */
import { describe, expect, it } from "vitest";
import type { Table } from "../../src/data/table.js";
import { treatmentEffects, type TreatmentEffectsInput } from "../../src/causal/effect.js";
import { SurvinferError } from "../../src/errors.js";

// 12 patients: treatment alternates, one covariate, a categorical exact variable with one missing value
const n = 12;
const table: Table = {
  nRows: n,
  source: { file: "cohort.csv" },
  rowNumbers: Int32Array.from({ length: n }, (_, i) => i + 2),
  columns: [
    { kind: "numeric", name: "age", values: Float64Array.from({ length: n }, (_, i) => 40 + ((i * 7) % 13)) },
    { kind: "categorical", name: "sex", levels: ["female", "male"], codes: Int32Array.from({ length: n }, (_, i) => (i === 5 ? -1 : i % 3 === 0 ? 1 : 0)) },
  ],
};
const input: TreatmentEffectsInput = {
  table,
  time: Float64Array.from({ length: n }, (_, i) => 1 + i),
  status: Int32Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 1 : 0)),
  treatment: Int32Array.from({ length: n }, (_, i) => (i % 2 === 1 || i === 4 ? 1 : 0)),
  covariates: ["age"],
};

function errorOf(f: () => unknown): SurvinferError {
  try {
    f();
  } catch (e) {
    if (e instanceof SurvinferError) return e;
    throw e;
  }
  throw new Error("expected an error");
}

describe("propensity options are validated, not ignored", () => {
  it("weighting.trim outside (0, 0.5) and weighting.truncate outside (0.5, 1) are OPTION_INVALID naming the option", () => {
    const t = errorOf(() => treatmentEffects(input, { matching: false, weighting: { trim: 0.6 } }));
    expect(t.code).toBe("OPTION_INVALID");
    expect(t.message).toContain("weighting.trim");
    const u = errorOf(() => treatmentEffects(input, { matching: false, weighting: { truncate: 1.5 } }));
    expect(u.code).toBe("OPTION_INVALID");
    expect(u.message).toContain("weighting.truncate");
  });

  it("the weighting options are named in the estimate's method, in readable numbers", () => {
    const res = treatmentEffects(input, { crude: false, multivariable: false, matching: false, weighting: { trim: 0.07, truncate: 0.57 } });
    expect(res.estimates.find((e) => e.id === "weighted")!.method).toContain("(ATE, PS trimmed to [0.07, 0.93], truncated at the 57th percentile)");
  });

  it("matching.exact must be a list of column names", () => {
    const e = errorOf(() => treatmentEffects(input, { weighting: false, matching: { exact: "sex" as unknown as string[] } }));
    expect(e.code).toBe("OPTION_INVALID");
    expect(e.message).toContain("matching.exact");
  });

  it("an exact-matching column that is not in the data, or is missing for a patient, is a data error with file, row and column", () => {
    const unknown = errorOf(() => treatmentEffects(input, { weighting: false, matching: { exact: ["sx"] } }));
    expect(unknown.code).toBe("DATA_UNKNOWN_COLUMN");
    expect(unknown.location.column).toBe("sx");
    const missing = errorOf(() => treatmentEffects(input, { weighting: false, matching: { exact: ["sex"] } }));
    expect(missing.code).toBe("DATA_MISSING_COVARIATE");
    expect(missing.location).toMatchObject({ file: "cohort.csv", row: 7, column: "sex" });
  });
});
