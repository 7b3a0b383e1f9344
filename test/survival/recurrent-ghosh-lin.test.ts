/**
 * Ghosh–Lin mean cumulative function with death as terminal event equals R mets 1.3.2
 * `recurrentMarginal` (mu, se.mu) on mets' simulated example and on a case with ties that mets handles as
 * Nelson–Aalen does, and the estimator's definition written in base R on a case with many ties
 * (fixtures by tools/oracle/ghosh-lin.R); the naive MCF (death as censoring) equals survfit with id.
 */
import { describe, expect, it } from "vitest";
import type { Table } from "../../src/data/table.js";
import { ghoshLin, meanCumulativeFunction } from "../../src/survival/recurrent/index.js";
import { isSurvinferError } from "../../src/errors.js";
import { expectClose } from "../helpers/expect-close.js";
import { listFixtures, loadFixture } from "../helpers/fixtures.js";

interface Input { id: number[]; entry: number[]; time: number[]; status: number[]; death: number[] }
interface Curve { time: number[]; mu: number[]; se: number[]; St: number[] }
interface Expected { formula: Curve & { nRisk: number[]; nEvent: number[] }; mets?: Curve; naive: { time: number[]; cumhaz: number[]; stdErr: number[] } }

function tableOf(input: Input, extra: Record<string, number[]> = {}): Table {
  const cols: Record<string, number[]> = { id: input.id, start: input.entry, stop: input.time, event: input.status, death: input.death, ...extra };
  const n = input.id.length;
  return {
    nRows: n,
    columns: Object.entries(cols).map(([name, v]) => ({ kind: "numeric" as const, name, values: Float64Array.from(v) })),
    source: { file: "fixture.csv" },
    rowNumbers: Int32Array.from({ length: n }, (_, i) => i + 2),
  };
}

const columns = { id: "id", start: "start", stop: "stop", event: "event", death: "death" };

describe("ghoshLin equals mets::recurrentMarginal and the base-R definition", () => {
  for (const name of listFixtures("ghosh-lin", 3)) {
    const fx = loadFixture<Input, Expected>("ghosh-lin", name);
    const res = ghoshLin(tableOf(fx.input), columns);
    const c = res.curves[0];
    const refs: [string, Curve][] = [["definition", fx.expected.formula]];
    if (fx.expected.mets) refs.push(["mets", fx.expected.mets]);
    for (const [label, e] of refs) {
      it(`${name}: times, S(t−), μ(t) and its robust SE equal the ${label} to 1e-8`, () => {
        expect(c.time).toEqual(e.time);
        expectClose(c.survival, e.St, { rel: 1e-10 }, "S(t-)");
        expectClose(c.mu, e.mu, { rel: 1e-8 }, "mu");
        expectClose(c.stdErr, e.se, { rel: 1e-8 }, "se.mu");
      });
    }
    it(`${name}: risk sets and event counts are exact; the naive MCF (death as censoring) equals survfit with id`, () => {
      expect(c.nRisk).toEqual(fx.expected.formula.nRisk);
      expect(c.nEvent).toEqual(fx.expected.formula.nEvent);
      const naive = meanCumulativeFunction(tableOf(fx.input), { id: "id", start: "start", stop: "stop", event: "event" }).curves[0];
      expect(naive.time).toEqual(fx.expected.naive.time);
      expectClose(naive.mcf, fx.expected.naive.cumhaz, { rel: 1e-10 }, "naive MCF");
      expectClose(naive.stdErr, fx.expected.naive.stdErr, { rel: 1e-8, abs: 1e-15 }, "naive MCF SE");
      // death stops the recurrences: μ(t) never exceeds the MCF that treats death as censoring
      const at = (t: number): number => naive.mcf[naive.time.findIndex((u) => u === t)];
      c.time.forEach((t, j) => expect(c.mu[j]).toBeLessThanOrEqual(at(t) + 1e-12));
    });
  }
});

describe("ghoshLin: hand-computed case and input errors", () => {
  // 4 patients: A events at 1 and 3, then censored at 5; B dies at 2; C event at 4, censored at 6; D censored at 6.
  const hand: Input = { id: [1, 1, 1, 2, 3, 3, 4], entry: [0, 1, 3, 0, 0, 4, 0], time: [1, 3, 5, 2, 4, 6, 6], status: [1, 1, 0, 0, 1, 0, 0], death: [0, 0, 0, 1, 0, 0, 0] };
  it("μ(t) = Σ S(t−) d/Y: 1/4 at 1, then S = 3/4 after B's death: 1/4 + (3/4)(1/3) at 3 and + (3/4)(1/3) at 4", () => {
    const c = ghoshLin(tableOf(hand), columns).curves[0];
    expect(c.time).toEqual([1, 3, 4]);
    expect(c.nRisk).toEqual([4, 3, 3]);
    expectClose(c.survival, [1, 0.75, 0.75], { rel: 1e-15 }, "S(t-)");
    expectClose(c.mu, [0.25, 0.5, 0.75], { rel: 1e-15 }, "mu");
    // at t = 1 only the recurrence martingales: ψ_A = 3/16, ψ_{B,C,D} = −1/16 → Var = 12/256
    expectClose(c.stdErr[0], Math.sqrt(12 / 256), { rel: 1e-14 }, "se at 1");
  });
  it("rejects a death before the patient's last interval (DATA_DEATH_NOT_LAST, naming the row)", () => {
    const bad = { ...hand, death: [1, 0, 0, 1, 0, 0, 0] };
    try {
      ghoshLin(tableOf(bad), columns);
      expect.unreachable();
    } catch (e) {
      expect(isSurvinferError(e) && e.code).toBe("DATA_DEATH_NOT_LAST");
      expect(isSurvinferError(e) && e.location.row).toBe(2);
    }
  });
  it("rejects a death value other than 0/1", () => {
    const bad = { ...hand, death: [0, 0, 0, 2, 0, 0, 0] };
    expect(() => ghoshLin(tableOf(bad), columns)).toThrow(/death must be 0/);
  });
  it("by group: one curve per level, each equal to the curve of that group alone", () => {
    const fx = loadFixture<Input, Expected>("ghosh-lin", "ties-many");
    const g = fx.input.id.map((id) => id % 2);
    const res = ghoshLin(tableOf(fx.input, { g }), { ...columns, by: "g" });
    expect(res.curves.map((c) => c.name)).toEqual(["g=0", "g=1"]);
    const keep = g.map((v, i) => (v === 1 ? i : -1)).filter((i) => i >= 0);
    const pick = (a: number[]): number[] => keep.map((i) => a[i]);
    const alone = ghoshLin(tableOf({ id: pick(fx.input.id), entry: pick(fx.input.entry), time: pick(fx.input.time), status: pick(fx.input.status), death: pick(fx.input.death) }), columns).curves[0];
    expectClose(res.curves[1].mu, alone.mu, { rel: 1e-14 }, "mu g=1");
    expectClose(res.curves[1].stdErr, alone.stdErr, { rel: 1e-12 }, "se g=1");
  });
});
