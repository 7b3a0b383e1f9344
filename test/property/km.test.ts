import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { expectClose } from "../helpers/expect-close.js";
import { kaplanMeier } from "../../src/survival/kaplan-meier.js";
import { eventTable, orderByKey } from "../../src/survival/event-table.js";
import { assertProperty, property } from "../helpers/property.js";

const rowsArb = fc.array(fc.record({ t: fc.integer({ min: 0, max: 30 }), d: fc.integer({ min: 0, max: 1 }), g: fc.integer({ min: 0, max: 1 }) }), {
  minLength: 1,
  maxLength: 60,
});
const toInput = (rows: { t: number; d: number; g: number }[]) => ({
  time: Float64Array.from(rows.map((r) => r.t)),
  status: Int32Array.from(rows.map((r) => r.d)),
  group: { codes: Int32Array.from(rows.map((r) => r.g)), levels: ["a", "b"] },
});

describe("kaplanMeier properties (fast-check)", () => {
  it("survival is non-increasing and within [0, 1]", () => {
    assertProperty(
      property(rowsArb, (rows) => {
        for (const s of kaplanMeier(toInput(rows)).strata) {
          for (let j = 0; j < s.surv.length; j++) {
            expect(s.surv[j]).toBeGreaterThanOrEqual(0);
            expect(s.surv[j]).toBeLessThanOrEqual(1);
            if (j > 0) expect(s.surv[j]).toBeLessThanOrEqual(s.surv[j - 1]);
          }
        }
      }),
      { seed: 20261224 },
    );
  });

  it("keeps n-at-risk bookkeeping: nRisk[j+1] = nRisk[j] − nEvent[j] − nCensor[j]", () => {
    assertProperty(
      property(rowsArb, (rows) => {
        for (const s of kaplanMeier(toInput(rows)).strata) {
          expect(s.nRisk[0]).toBe(s.n);
          for (let j = 0; j + 1 < s.time.length; j++) expect(s.nRisk[j + 1]).toBe(s.nRisk[j] - s.nEvent[j] - s.nCensor[j]);
        }
      }),
      { seed: 20261223 },
    );
  });

  it("weights of 2 equal duplicated rows (curve, Greenwood SE, limits, median)", () => {
    assertProperty(
      property(rowsArb, (rows) => {
        const one = toInput(rows);
        const w = kaplanMeier({ ...one, weights: new Float64Array(rows.length).fill(2) });
        const dup = kaplanMeier(toInput([...rows, ...rows]));
        w.strata.forEach((s, k) => {
          const e = dup.strata[k];
          expect(s.time).toEqual(e.time);
          expect(s.nRisk).toEqual(e.nRisk);
          expectClose(s.surv, e.surv, { rel: 1e-14, abs: 1e-15 }, "surv");
          expectClose(s.stdErr, e.stdErr, { rel: 1e-12, abs: 1e-15 }, "stdErr");
          expectClose(s.lower, e.lower, { rel: 1e-12, abs: 1e-15 }, "lower");
          expect(s.median).toEqual(e.median);
        });
      }),
      { seed: 20261222 },
    );
  });

  it("does not depend on row order", () => {
    assertProperty(
      property(rowsArb, fc.integer(), (rows, seed) => {
        const shuffled = [...rows];
        let s = seed >>> 0;
        for (let i = shuffled.length - 1; i > 0; i--) {
          s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
          const j = s % (i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
        }
        expect(kaplanMeier(toInput(shuffled)).strata).toEqual(kaplanMeier(toInput(rows)).strata);
      }),
      { seed: 20261221 },
    );
  });

  it("equals the product-limit of the shared eventTable, with entry times", () => {
    const arb = fc.array(fc.record({ e: fc.integer({ min: 0, max: 10 }), len: fc.integer({ min: 1, max: 15 }), d: fc.integer({ min: 0, max: 1 }) }), { minLength: 1, maxLength: 40 });
    assertProperty(
      property(arb, (rows) => {
        const entry = Float64Array.from(rows.map((r) => r.e));
        const time = Float64Array.from(rows.map((r) => r.e + r.len));
        const status = Int32Array.from(rows.map((r) => r.d));
        const s = kaplanMeier({ time, status, entry }).strata[0];
        const tab = eventTable(time, status, orderByKey(time), undefined, entry);
        expect(s.time).toEqual(Array.from(tab.time));
        expect(s.nRisk).toEqual(Array.from(tab.nRisk));
        let km = 1;
        const expected = Array.from(tab.time, (_, j) => (tab.nEvent[j] > 0 ? (km *= (tab.nRisk[j] - tab.nEvent[j]) / tab.nRisk[j]) : km));
        expectClose(s.surv, expected, { rel: 1e-14, abs: 1e-15 }, "surv");
      }),
      { seed: 20261220 },
    );
  });
});
