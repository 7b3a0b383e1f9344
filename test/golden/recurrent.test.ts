/**
 * Recurrent-event models equal R survival 3.5-3 on bladder2 and a small synthetic case with ties
 * (fixtures by tools/oracle/recurrent.R): Andersen–Gill, PWP total and gap time (coxph with cluster(id),
 * strata(enum)) and the mean cumulative function (survfit(..., id = id): cumhaz, std.chaz).
 */
import { describe, expect, it } from "vitest";
import type { Table } from "../../src/data/table.js";
import { andersenGill, meanCumulativeFunction, pwpGap, pwpTotal, readRecurrentData } from "../../src/survival/recurrent/index.js";
import type { RecurrentCoxResult } from "../../src/survival/recurrent/index.js";
import { expectClose } from "../helpers/expect-close.js";
import { loadFixture } from "../helpers/fixtures.js";

type Input = Record<string, number[]> & { covariates: string[]; enum?: number[]; by?: string };
interface CoxExpected { coef: number[]; se: number[]; robustSe: number[]; loglik: number[]; n: number; nEvent: number }
interface McfStratum { name: string; time: number[]; nRisk: number[]; nEvent: number[]; nCensor: number[]; nCensorAlone?: number[]; cumhaz: number[]; stdErr: number[]; naiveStdErr?: number[] }

function tableOf(input: Input): Table {
  const names = ["id", "start", "stop", "event", ...input.covariates];
  const n = input.id.length;
  return {
    nRows: n,
    columns: names.map((name) => ({ kind: "numeric" as const, name, values: Float64Array.from(input[name]) })),
    source: { file: "fixture.csv" },
    rowNumbers: Int32Array.from({ length: n }, (_, i) => i + 2),
  };
}

const columns = { id: "id", start: "start", stop: "stop", event: "event" };
const models = { ag: andersenGill, "pwp-total": pwpTotal, "pwp-gap": pwpGap } as const;

describe("recurrent-event Cox models equal R coxph with cluster(id)", () => {
  for (const data of ["bladder2", "synthetic-ties"]) {
    for (const model of ["ag", "pwp-total", "pwp-gap"] as const) {
      it(`${model} on ${data}: coefficients 1e-8, robust and model SE 1e-10, log-likelihood`, () => {
        const fx = loadFixture<Input, CoxExpected>("recurrent", `${data}-${model}`);
        const res: RecurrentCoxResult = models[model](tableOf(fx.input), { ...columns, covariates: fx.input.covariates });
        const e = fx.expected;
        expect(res.fit.n).toBe(e.n);
        expect(res.nEvents).toBe(e.nEvent);
        expect(res.fit.options.robust).toBe(true);
        res.fit.terms.forEach((t, j) => {
          expectClose(t.coef, e.coef[j], { rel: 1e-10, abs: 1e-10 }, `${t.name} coef`);
          expectClose(t.robustSe, e.robustSe[j], { rel: 1e-10 }, `${t.name} robust SE`);
          expectClose(t.se, e.se[j], { rel: 1e-10 }, `${t.name} model SE`);
        });
        expectClose(res.fit.loglik[0], e.loglik[0], { rel: 1e-10 }, "initial loglik");
        expectClose(res.fit.loglik[1], e.loglik[1], { rel: 1e-10 }, "final loglik");
      });
    }
    it(`event numbers on ${data} equal the enum built in R`, () => {
      const fx = loadFixture<Input, CoxExpected>("recurrent", `${data}-pwp-total`);
      const d = readRecurrentData(tableOf(fx.input), columns);
      expect(Array.from(d.eventNumber)).toEqual(fx.input.enum);
    });
  }
});

describe("meanCumulativeFunction equals R survfit(Surv(start, stop, event) ~ g, id = id)", () => {
  for (const data of ["bladder2", "synthetic-ties"]) {
    for (const suffix of ["mcf", "mcf-by"]) {
      it(`${data}-${suffix}: counts exact, MCF 1e-10, robust SE 1e-8`, () => {
        const fx = loadFixture<Input, { strata: McfStratum[] }>("recurrent", `${data}-${suffix}`);
        const res = meanCumulativeFunction(tableOf(fx.input), { ...columns, by: fx.input.by });
        expect(res.curves.map((c) => c.name)).toEqual(fx.expected.strata.map((s) => (fx.input.by === undefined ? "all" : s.name)));
        res.curves.forEach((c, k) => {
          const s = fx.expected.strata[k];
          expect(c.time).toEqual(s.time);
          expect(c.nRisk).toEqual(s.nRisk);
          expect(c.nEvent).toEqual(s.nEvent);
          expect(c.nCensor).toEqual(s.nCensorAlone ?? s.nCensor);
          c.mcf.forEach((v, j) => expectClose(v, s.cumhaz[j], { rel: 1e-10 }, `MCF at ${c.time[j]}`));
          c.stdErr.forEach((v, j) => expectClose(v, s.stdErr[j], { rel: 1e-10, abs: 1e-14 }, `SE at ${c.time[j]}`));
          if (s.naiveStdErr) c.naiveStdErr.forEach((v, j) => expectClose(v, s.naiveStdErr?.[j] ?? Number.NaN, { rel: 1e-10, abs: 1e-14 }, `naive SE at ${c.time[j]}`));
        });
      });
    }
  }
});
