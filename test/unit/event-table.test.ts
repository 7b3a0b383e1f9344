import { describe, expect, it } from "vitest";
import { eventTable, orderByKey } from "../../src/survival/event-table.js";
import { tieNearlyEqualTimes } from "../../src/survival/tied-times.js";

describe("eventTable", () => {
  it("counts risk sets, events and censorings at distinct times (hand-computed)", () => {
    const time = Float64Array.from([5, 2, 2, 8, 5, 3]);
    const status = Int32Array.from([1, 1, 0, 0, 1, 1]);
    const tab = eventTable(time, status, orderByKey(time));
    expect(Array.from(tab.time)).toEqual([2, 3, 5, 8]);
    expect(Array.from(tab.nRisk)).toEqual([6, 4, 3, 1]);
    expect(Array.from(tab.nEvent)).toEqual([1, 1, 2, 0]);
    expect(Array.from(tab.nCensor)).toEqual([1, 0, 0, 1]);
  });

  it("with entry times counts only rows with entry < t <= exit", () => {
    const entry = Float64Array.from([0, 0, 3, 0]);
    const time = Float64Array.from([2, 6, 6, 4]);
    const status = Int32Array.from([1, 1, 0, 1]);
    const tab = eventTable(time, status, orderByKey(time), undefined, entry);
    expect(Array.from(tab.time)).toEqual([2, 4, 6]);
    expect(Array.from(tab.nRisk)).toEqual([3, 3, 2]);
  });

  it("weights of 2 equal duplicated rows", () => {
    const time = Float64Array.from([1, 2, 3]);
    const status = Int32Array.from([1, 0, 1]);
    const w = Float64Array.from([2, 2, 2]);
    const a = eventTable(time, status, orderByKey(time), w);
    const t2 = Float64Array.from([1, 1, 2, 2, 3, 3]);
    const s2 = Int32Array.from([1, 1, 0, 0, 1, 1]);
    const b = eventTable(t2, s2, orderByKey(t2));
    expect(Array.from(a.nRisk)).toEqual(Array.from(b.nRisk));
    expect(Array.from(a.nEvent)).toEqual(Array.from(b.nEvent));
  });
});

describe("tieNearlyEqualTimes", () => {
  it("ties 0.1 + 0.2 with 0.3 as R's aeqSurv does, and leaves distinct times alone", () => {
    const x = Float64Array.from([0.1 + 0.2, 0.3, 1]);
    const y = tieNearlyEqualTimes(x);
    expect(y[0]).toBe(y[1]);
    const z = Float64Array.from([1, 2, 3]);
    expect(tieNearlyEqualTimes(z)).toBe(z);
  });
});
