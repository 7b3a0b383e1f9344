/** Properties of the cumulative incidence estimator (fast-check). */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { cumulativeIncidence } from "../../src/survival/competing/cuminc.js";
import { eventTable, orderByKey } from "../../src/survival/event-table.js";
import { expectClose } from "../helpers/expect-close.js";
import { assertProperty, property } from "../helpers/property.js";

const rowsArb = fc.array(fc.record({ t: fc.integer({ min: 0, max: 15 }), c: fc.integer({ min: 0, max: 3 }) }), { minLength: 1, maxLength: 60 });

describe("cumulativeIncidence properties (fast-check)", () => {
  it("Σ over causes of F_k(t) + Kaplan–Meier of any event = 1 at every time", () => {
    assertProperty(
      property(rowsArb, (rows) => {
        const time = Float64Array.from(rows, (r) => r.t);
        const cause = Int32Array.from(rows, (r) => r.c);
        const grid = [...new Set(rows.map((r) => r.t))].sort((a, b) => a - b);
        const fit = cumulativeIncidence({ time, cause }, { times: grid });
        // all-cause Kaplan–Meier from the event table, by hand: Π (1 − d/n)
        const status = Int32Array.from(cause, (c) => (c === 0 ? 0 : 1));
        const et = eventTable(time, status, orderByKey(time));
        let s = 1;
        grid.forEach((t, j) => {
          expect(et.time[j]).toBe(t);
          s *= 1 - et.nEvent[j] / et.nRisk[j];
          let total = s;
          for (const c of fit.curves) total += c.at!.est[j];
          expectClose(total, 1, { abs: 1e-12 }, `sum at t=${t}`);
        });
      }),
      { seed: 20261219 },
    );
  });

  it("curves do not change when rows are permuted", () => {
    assertProperty(
      property(rowsArb, fc.integer(), (rows, seed) => {
        const perm = rows.map((r, i) => ({ r, k: Math.sin(seed + i * 7.1) })).sort((a, b) => a.k - b.k).map((o) => o.r);
        const mk = (rs: typeof rows) => ({
          time: Float64Array.from(rs, (r) => r.t),
          cause: Int32Array.from(rs, (r) => r.c),
          group: { codes: Int32Array.from(rs, (r) => r.t % 2), levels: ["even", "odd"] },
        });
        const a = cumulativeIncidence(mk(rows));
        const b = cumulativeIncidence(mk(perm));
        expect(b.curves.map((c) => c.time)).toEqual(a.curves.map((c) => c.time));
        a.curves.forEach((c, k) => {
          expectClose(b.curves[k].est, c.est, { rel: 1e-12, abs: 1e-15 }, "est");
          expectClose(b.curves[k].var, c.var, { rel: 1e-12, abs: 1e-15 }, "var");
        });
      }),
      { seed: 20261218 },
    );
  });
});
