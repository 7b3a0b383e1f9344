/**
 * Golden tests: balanceTable against cobalt's published definitions and tableone's (via survey), written in
 * base R in tools/oracle/balance.R (fixtures test/fixtures/r/balance). Means, SMDs, variance ratios and KS
 * statistics to 1e-8 relative (closed forms: they agree to ~1e-13).
 */
import { describe, expect, it } from "vitest";
import { balanceTable, type BalanceCovariate } from "../../src/causal/balance.js";
import type { Estimand } from "../../src/causal/weight.js";
import { expectClose } from "../helpers/expect-close.js";
import { listFixtures, loadFixture } from "../helpers/fixtures.js";

interface BInput {
  covariates: BalanceCovariate[];
  treatment: number[];
  weights: number[];
  estimand: Estimand;
  binary?: "raw" | "std";
  convention: "cobalt" | "tableone";
}
interface BRow {
  variable: string;
  meanTreated: number;
  meanControl: number;
  smd: number;
  varianceRatio?: number | null;
  ks?: number;
}
interface BExpected {
  before: BRow[];
  after: BRow[];
  raceBefore?: number;
  raceAfter?: number;
}

describe("balanceTable equals cobalt / tableone definitions (base-R oracle)", () => {
  for (const name of listFixtures("balance", 7)) {
    const fx = loadFixture<BInput, BExpected>("balance", name);
    it(`${name}: ${fx.call}`, () => {
      const { input, expected } = fx;
      const r = balanceTable(
        { covariates: input.covariates, treatment: input.treatment, weights: input.weights },
        input.convention === "tableone" ? { estimand: input.estimand, convention: "tableone" } : { estimand: input.estimand, binary: input.binary },
      );
      for (const [label, rows, exp] of [["before", r.before, expected.before], ["after", r.after ?? [], expected.after]] as const) {
        expect(rows.map((x) => x.variable)).toEqual(exp.map((x) => x.variable));
        expectClose(rows.map((x) => x.meanTreated), exp.map((x) => x.meanTreated), { rel: 1e-10 }, `${label} mean treated`);
        expectClose(rows.map((x) => x.meanControl), exp.map((x) => x.meanControl), { rel: 1e-10 }, `${label} mean control`);
        // SMDs near 0 (ATO after weighting) are compared with an absolute floor
        expectClose(rows.map((x) => x.smd), exp.map((x) => x.smd), { rel: 1e-8, abs: 1e-12 }, `${label} smd`);
        if (exp[0].varianceRatio !== undefined) expectClose(rows.map((x) => x.varianceRatio), exp.map((x) => x.varianceRatio ?? null), { rel: 1e-10 }, `${label} variance ratio`);
        if (exp[0].ks !== undefined) expectClose(rows.map((x) => x.ks), exp.map((x) => x.ks ?? null), { rel: 1e-8, abs: 1e-12 }, `${label} ks`);
      }
      if (expected.raceBefore !== undefined) {
        const race = r.categorical.find((c) => c.covariate === "race");
        expectClose(race?.before, expected.raceBefore, { rel: 1e-10 }, "race Yang–Dalton before");
        expectClose(race?.after, expected.raceAfter, { rel: 1e-10 }, "race Yang–Dalton after");
      }
    });
  }
});
