import { describe, expect, it } from "vitest";
import { modelMatrix } from "../../src/formula/model-matrix.js";
import { SurvinferError } from "../../src/errors.js";
import { tableFromFixture } from "./table-from-fixture.js";

// 6 rows, unsorted, with missing values (header = row 1, so data rows are 2..7)
const table = tableFromFixture({
  columns: [
    { name: "time", kind: "numeric", values: [5, 3, 8, 2, 7, 4] },
    { name: "status", kind: "numeric", values: [1, 0, 1, 1, 0, 1] },
    { name: "status12", kind: "numeric", values: [2, 1, 2, 2, 1, 2] },
    { name: "status3", kind: "numeric", values: [0, 1, 3, 1, 0, 1] },
    { name: "age", kind: "numeric", values: [50, 60, null, 70, 40, 55] },
    { name: "grade", kind: "numeric", values: [3, 1, 2, null, 1, 3] },
    { name: "sex", kind: "categorical", levels: ["female", "male"], labels: ["male", "female", "male", "female", "female", "male"] },
    { name: "vital", kind: "categorical", levels: ["alive", "dead"], labels: ["dead", "alive", "dead", "dead", "alive", "dead"] },
    { name: "one", kind: "categorical", levels: ["a"], labels: ["a", "a", "a", "a", "a", "a"] },
    { name: "primary size (mm)", kind: "numeric", values: [10, 20, 30, 40, 50, 60] },
  ],
});

function error(f: () => unknown): SurvinferError {
  try {
    f();
  } catch (e) {
    if (e instanceof SurvinferError) return e;
    throw e;
  }
  throw new Error("no error");
}

describe("modelMatrix on a hand-computed table", () => {
  it("drops rows with missing values and counts them per column with the user's row numbers", () => {
    const mm = modelMatrix(table, "Surv(time, status) ~ age + factor(grade)");
    // row index 2 (file row 4) misses age, row index 3 (file row 5) misses grade
    expect(Array.from(mm.rows)).toEqual([0, 1, 4, 5]);
    expect(Array.from(mm.rowNumbers)).toEqual([2, 3, 6, 7]);
    expect(mm.nDropped).toBe(2);
    expect(mm.dropped).toEqual([
      { column: "age", count: 1, rows: [4] },
      { column: "grade", count: 1, rows: [5] },
    ]);
    expect(mm.warnings[0]).toBe("2 rows dropped for missing values: 1 missing age, 1 missing grade");
  });

  it("codes factor(numeric) by treatment contrasts with numerically sorted levels", () => {
    const mm = modelMatrix(table, "~ age + factor(grade)");
    expect(mm.columnNames).toEqual(["(Intercept)", "age", "factor(grade)2", "factor(grade)3"]);
    // kept rows: grade 3, 1, 1, 3 -> the level-2 column is all zero (level from rows later dropped)
    expect(Array.from(mm.x)).toEqual([1, 1, 1, 1, 50, 60, 40, 55, 0, 0, 0, 0, 1, 0, 0, 1]);
    expect(mm.assign).toEqual([0, 1, 2, 2]);
    expect(mm.terms.map((t) => [t.label, t.columns])).toEqual([["age", [1]], ["factor(grade)", [2, 3]]]);
    expect(mm.warnings.some((w) => w.includes('factor(grade): level "2" has no rows'))).toBe(true);
  });

  it("drops unused levels when asked (as lm/glm do)", () => {
    const mm = modelMatrix(table, "~ factor(grade)", { dropUnusedLevels: true });
    expect(mm.columnNames).toEqual(["(Intercept)", "factor(grade)2", "factor(grade)3"]);
    const mm2 = modelMatrix(table, "~ age + factor(grade)", { dropUnusedLevels: true });
    expect(mm2.columnNames).toEqual(["(Intercept)", "age", "factor(grade)3"]);
  });

  it("builds age:sexmale and moves the reference level first when asked", () => {
    const mm = modelMatrix(table, "~ age*sex", { reference: { sex: "male" }, dropIntercept: true });
    expect(mm.columnNames).toEqual(["age", "sexfemale", "age:sexfemale"]);
    // kept rows 0,1,3,4,5: sex m f f f m, age 50 60 70 40 55
    expect(Array.from(mm.x.subarray(5, 10))).toEqual([0, 1, 1, 1, 0]);
    expect(Array.from(mm.x.subarray(10, 15))).toEqual([0, 60, 70, 40, 0]);
    expect(mm.xlevels.sex).toEqual(["male", "female"]);
  });

  it("names a backquoted column as R does", () => {
    expect(modelMatrix(table, "~ `primary size (mm)`").columnNames).toEqual(["(Intercept)", "`primary size (mm)`"]);
  });

  it("applies Surv's rule: 1/2 means censored/event", () => {
    const mm = modelMatrix(table, "Surv(time, status12) ~ sex");
    expect(mm.response?.kind === "Surv" && Array.from(mm.response.status)).toEqual([1, 0, 1, 1, 0, 1]);
  });

  it("evaluates status == \"dead\" on a text column", () => {
    const mm = modelMatrix(table, 'Surv(time, vital == "dead") ~ sex');
    expect(mm.response?.kind === "Surv" && Array.from(mm.response.status)).toEqual([1, 0, 1, 1, 0, 1]);
  });

  it("evaluates status %in% c(2, 3) and status > 0", () => {
    const a = modelMatrix(table, "Surv(time, status3 %in% c(3)) ~ sex");
    expect(a.response?.kind === "Surv" && Array.from(a.response.status)).toEqual([0, 0, 1, 0, 0, 0]);
    const b = modelMatrix(table, "Surv(time, status3 > 0) ~ sex");
    expect(b.response?.kind === "Surv" && Array.from(b.response.status)).toEqual([0, 1, 1, 1, 0, 1]);
  });

  it("rejects a status that is not 0/1, naming the values and the row", () => {
    const e = error(() => modelMatrix(table, "Surv(time, status3) ~ sex"));
    expect(e.code).toBe("DATA_INVALID_STATUS");
    expect(e.message).toMatch(/found 3/);
    expect(e.location.row).toBe(4);
  });

  it("rejects a text status with a hint to compare it", () => {
    const e = error(() => modelMatrix(table, "Surv(time, vital) ~ sex"));
    expect(e.code).toBe("DATA_INVALID_STATUS");
    expect(e.hint).toContain('vital == "dead"');
  });

  it("names the nearest columns for an unknown column", () => {
    const e = error(() => modelMatrix(table, "Surv(time, status) ~ agee + sex"));
    expect(e.code).toBe("FORMULA_UNKNOWN_COLUMN");
    expect(e.location.column).toBe("agee");
    expect(e.hint).toContain('"age"');
  });

  it("rejects a factor with one level", () => {
    expect(error(() => modelMatrix(table, "~ one")).code).toBe("FORMULA_ONE_LEVEL");
  });

  it("rejects an unknown reference level, listing the levels", () => {
    const e = error(() => modelMatrix(table, "~ sex", { reference: { sex: "other" } }));
    expect(e.code).toBe("OPTION_INVALID");
    expect(e.message).toContain('"female", "male"');
  });

  it("rejects counting-process rows with start >= stop", () => {
    const t = tableFromFixture({
      columns: [
        { name: "start", kind: "numeric", values: [0, 5, 2] },
        { name: "stop", kind: "numeric", values: [4, 5, 6] },
        { name: "event", kind: "numeric", values: [0, 1, 1] },
      ],
    });
    const e = error(() => modelMatrix(t, "Surv(start, stop, event) ~ 1"));
    expect(e.code).toBe("DATA_START_NOT_BEFORE_STOP");
    expect(e.location.row).toBe(3);
  });

  it("labels strata as R's strata() does and sums offsets", () => {
    const mm = modelMatrix(table, "Surv(time, status) ~ age + strata(sex, grade) + offset(log(time))", { dropIntercept: true });
    // kept rows 0,1,4,5: (male,3) (female,1) (female,1) (male,3); numeric second argument: padded "grade=k"
    expect(mm.strata?.levels).toEqual(["sex=female, grade=1", "sex=male, grade=3"]);
    expect(Array.from(mm.strata?.codes ?? [])).toEqual([1, 0, 0, 1]);
    expect(Array.from(mm.offset ?? [])).toEqual([Math.log(5), Math.log(3), Math.log(7), Math.log(4)]);
  });

  it("uses short labels for strata() of text columns", () => {
    const mm = modelMatrix(table, "Surv(time, status) ~ age + strata(sex)");
    expect(mm.strata?.levels).toEqual(["female", "male"]);
  });
});
