/**
 * splitAtTreatment: tmerge(..., tdc(t_tx)) intervals and the survival::heart same-day rules, by hand.
 */
import { describe, expect, it } from "vitest";
import { splitAtTreatment } from "../../src/survival/tmerge.js";

const split = (time: number[], status: number[], tx: number[], halfDay = 0.5) =>
  splitAtTreatment({ time: Float64Array.from(time), status: Int32Array.from(status), treatmentTime: Float64Array.from(tx), halfDay });

describe("splitAtTreatment(time, status, t_tx) builds tmerge's tdc() intervals", () => {
  it("untreated on (0, t_tx], treated on (t_tx, T] with the event on the last interval; never treated: one interval", () => {
    const iv = split([10, 5], [1, 0], [4, Number.NaN]);
    expect([...iv.start]).toEqual([0, 4, 0]);
    expect([...iv.stop]).toEqual([4, 10, 5]);
    expect([...iv.status]).toEqual([0, 1, 0]);
    expect([...iv.treated]).toEqual([0, 1, 0]);
    expect([...iv.patient]).toEqual([0, 0, 1]);
  });

  it("treatment at time 0: treated from the start; treatment after the end of follow-up: untreated throughout", () => {
    const iv = split([7, 3], [0, 1], [0, 5]);
    expect([...iv.start]).toEqual([0, 0]);
    expect([...iv.stop]).toEqual([7, 3]);
    expect([...iv.treated]).toEqual([1, 0]);
    expect([...iv.status]).toEqual([0, 1]);
    expect(iv.treatedAfterEnd).toEqual([1]);
    expect(iv.movedToHalfDay).toEqual([]);
    expect(iv.treatmentMovedEarlier).toEqual([]);
  });

  it("survival::heart: follow-up ending at time 0 lasts half a day; treatment on the last day moves half a day earlier", () => {
    const iv = split([0, 6, 2], [1, 1, 0], [Number.NaN, 6, Number.POSITIVE_INFINITY], 0.25);
    expect(iv.movedToHalfDay).toEqual([0]);
    expect(iv.treatmentMovedEarlier).toEqual([1]);
    expect([...iv.time]).toEqual([0.25, 6, 2]);
    expect([...iv.start]).toEqual([0, 0, 5.75, 0]);
    expect([...iv.stop]).toEqual([0.25, 5.75, 6, 2]);
    expect([...iv.status]).toEqual([1, 0, 1, 0]);
    expect([...iv.treated]).toEqual([0, 0, 1, 0]);
  });

  it("a treatment time equal to the end up to rounding (√ε relative) counts as the same day", () => {
    const t = 9.85626283367557;
    const iv = split([t], [1], [(300 / 30.4375) * (1 + 1e-15)], 0.5 / 30.4375);
    expect(iv.treatmentMovedEarlier).toEqual([0]);
    expect(iv.stop.length).toBe(2);
  });

  it("every interval is non-empty and the intervals of a patient tile (0, T]", () => {
    const time = [0, 1, 2, 3, 4, 5, 6, 0];
    const tx = [0, 1, 0.5, 3, Number.NaN, 7, 2, 0];
    const iv = split(time, [1, 1, 0, 1, 0, 1, 0, 0], tx);
    for (let j = 0; j < iv.stop.length; j++) expect(iv.stop[j]).toBeGreaterThan(iv.start[j]);
    for (let k = 0; k < time.length; k++) {
      const mine = [...iv.patient.keys()].filter((j) => iv.patient[j] === k);
      expect(iv.start[mine[0]]).toBe(0);
      expect(iv.stop[mine[mine.length - 1]]).toBe(iv.time[k]);
      for (let m = 1; m < mine.length; m++) expect(iv.start[mine[m]]).toBe(iv.stop[mine[m - 1]]);
    }
  });
});
