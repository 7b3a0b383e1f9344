import { describe, expect, it } from "vitest";
import type { Table } from "../../src/data/table.js";
import { SurvinferError } from "../../src/errors.js";
import { andersenGill, meanCumulativeFunction, pwpGap, readRecurrentData } from "../../src/survival/recurrent/index.js";
import { expectClose } from "../helpers/expect-close.js";

function table(cols: Record<string, number[]>): Table {
  const names = Object.keys(cols);
  const n = cols[names[0]].length;
  return {
    nRows: n,
    columns: names.map((name) => ({ kind: "numeric" as const, name, values: Float64Array.from(cols[name]) })),
    source: { file: "t.csv" },
    rowNumbers: Int32Array.from({ length: n }, (_, i) => i + 2),
  };
}
const columns = { id: "id", start: "start", stop: "stop", event: "event" };

// Patients 1: (0,2] event, (2,5] censored; 2: (0,3] event, (3,4] event; 3: (0,4] censored (rows out of order).
const small = table({ id: [2, 1, 3, 1, 2], start: [3, 2, 0, 0, 0], stop: [4, 5, 4, 2, 3], event: [1, 0, 0, 1, 1], x: [1, 0, 0, 0, 1] });

function thrown(f: () => unknown): SurvinferError {
  try {
    f();
  } catch (e) {
    if (e instanceof SurvinferError) return e;
    throw e;
  }
  throw new Error("no error thrown");
}

describe("readRecurrentData", () => {
  it("numbers each row's event as 1 + the patient's earlier events, whatever the row order", () => {
    const d = readRecurrentData(small, columns);
    expect(Array.from(d.eventNumber)).toEqual([2, 2, 1, 1, 1]);
  });

  it("rejects overlapping intervals of one patient, naming the patient and both rows", () => {
    const bad = table({ id: [7, 7], start: [0, 3], stop: [4, 6], event: [1, 0] });
    const e = thrown(() => readRecurrentData(bad, columns));
    expect(e.code).toBe("DATA_OVERLAPPING_INTERVALS");
    expect(e.message).toContain("patient 7");
    expect(e.message).toContain("rows 2 (0, 4] and 3 (3, 6]");
  });

  it("rejects an interval whose stop is not after its start", () => {
    const e = thrown(() => readRecurrentData(table({ id: [1], start: [2], stop: [2], event: [1] }), columns));
    expect(e.code).toBe("DATA_BAD_INTERVAL");
    expect(e.location.row).toBe(2);
  });

  it("rejects event values other than 0/1 (or 1/2, Surv()'s rule)", () => {
    expect(thrown(() => readRecurrentData(table({ id: [1, 2], start: [0, 0], stop: [2, 2], event: [0, 2] }), columns)).code).toBe("DATA_INVALID_STATUS");
    expect(thrown(() => readRecurrentData(table({ id: [1], start: [0], stop: [2], event: [3] }), columns)).code).toBe("DATA_INVALID_STATUS");
  });
});

describe("meanCumulativeFunction", () => {
  it("sums d/n over event times with the Lawless–Nadeau robust variance (hand derivation)", () => {
    // t=2: n=3 (1,2,3), d=1 → MCF 1/3; influences (1−1/3)/3, −1/9, −1/9 → Var 6/81.
    // t=3: n=3, d=1 (patient 2) → 2/3; D = (1/9, 1/9, −2/9) → 6/81.
    // t=4: n=3, d=1 (patient 2) → 1; D = (0, 3/9, −3/9) → 18/81. t=5: n=1, d=0, unchanged.
    const res = meanCumulativeFunction(small, columns);
    const c = res.curves[0];
    expect(c.time).toEqual([2, 3, 4, 5]);
    expect(c.nRisk).toEqual([3, 3, 3, 1]);
    expect(c.nEvent).toEqual([1, 1, 1, 0]);
    expect(c.nCensor).toEqual([0, 0, 1, 1]);
    expectClose(c.mcf, [1 / 3, 2 / 3, 1, 1], { rel: 1e-14 }, "MCF");
    expectClose(c.stdErr, [6 / 81, 6 / 81, 18 / 81, 18 / 81].map(Math.sqrt), { rel: 1e-13 }, "robust SE");
    expectClose(c.naiveStdErr, [1 / 9, 2 / 9, 3 / 9, 3 / 9].map(Math.sqrt), { rel: 1e-13 }, "Poisson SE");
    expect(res.options.variance).toBe("lawless-nadeau");
  });

  it("gives log-scale limits around the MCF and none before the first event", () => {
    const res = meanCumulativeFunction(table({ id: [1, 2, 2, 3], start: [0, 0, 1, 0], stop: [0.5, 1, 3, 4], event: [0, 0, 1, 1] }), columns);
    const c = res.curves[0];
    expect(Number.isNaN(c.lower[0])).toBe(true);
    expect(c.lower[2]).toBeLessThan(c.mcf[2]);
    expect(c.upper[2]).toBeGreaterThan(c.mcf[2]);
  });

  it("rejects a confidence level outside (0, 1)", () => {
    expect(thrown(() => meanCumulativeFunction(small, { ...columns, confLevel: 95 })).code).toBe("OPTION_INVALID");
  });
});

describe("recurrent Cox models", () => {
  it("Andersen–Gill uses the robust variance clustered on the patient", () => {
    const res = andersenGill(small, { ...columns, covariates: ["x"] });
    expect(res.fit.options.robust).toBe(true);
    expect(res.nPatients).toBe(3);
    expect(res.strata).toEqual([]);
    expect(res.rCall).toBe("coxph(Surv(start, stop, event) ~ x + cluster(id), data = d)");
  });

  it("PWP gap time counts rows and events per event-number stratum", () => {
    const res = pwpGap(small, { ...columns, covariates: ["x"] });
    expect(res.strata).toEqual([{ eventNumber: 1, n: 3, events: 2 }, { eventNumber: 2, n: 2, events: 1 }]);
    expect(res.options.timeScale).toBe("gap");
  });

  it("refuses a model without covariates", () => {
    expect(thrown(() => andersenGill(small, { ...columns, covariates: [] })).code).toBe("OPTION_INVALID");
  });
});
