/**
 * The example study's key figures from `survinfer run` equal R's (fixture example/lms-metastasectomy,
 * made by tools/oracle/example.R from the same CSV): derived times, KM at 12/36/60 months, log-rank,
 * propensity scores, stabilised ATE weights and the weighted KM (R's default robust SE).
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectClose } from "../helpers/expect-close.js";
import { loadFixture } from "../helpers/fixtures.js";
import { runCli } from "../helpers/cli.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const dir = mkdtempSync(join(tmpdir(), "survinfer-example-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface AtRow { time: number; surv: number; lower: number; upper: number; nRisk: number; stdErr: number }
interface Km { strata: { name: string; at: AtRow[] }[] }
interface Results {
  analyses: {
    km: Km;
    logrank: { chisq: number; groups: { name: string; observed: number; expected: number }[] };
    propensity: { analysis: { ps: (number | null)[]; weighting: { weights: (number | null)[] }; model: { model: { coef: (number | null)[] } } }; weighted: { km: Km } };
  };
}
interface Expected {
  km: { strata: string[]; time: number[]; surv: number[]; lower: number[]; upper: number[]; n_risk: number[] };
  logrank: { chisq: number; observed: number[]; expected: number[] };
  ps: { patient_id: number[]; ps: number[]; coef: number[] };
  weights: number[];
  weighted_km: { strata: string[]; time: number[]; surv: number[]; std_err: number[]; lower: number[]; upper: number[] };
}

const fx = loadFixture<{ file: string }, Expected>("example", "lms-metastasectomy");
let res: Results;

beforeAll(async () => {
  const r = await runCli(["run", join(root, "examples", "lms-metastasectomy", "study.yaml"), "--out", join(dir, "out")]);
  expect(r.code, r.stderr).toBe(0);
  res = JSON.parse(readFileSync(join(dir, "out", "results.json"), "utf8")) as Results;
});

function atRows(km: Km): AtRow[] {
  // R orders strata treat=0 then treat=1: survinfer's levels are ["no", "yes"]
  return [...km.strata.find((s) => s.name === "no")!.at, ...km.strata.find((s) => s.name === "yes")!.at];
}

describe("survinfer run on the example equals R", () => {
  it("Kaplan–Meier at 12, 36 and 60 months by treatment", () => {
    const at = atRows(res.analyses.km);
    expectClose(at.map((a) => a.surv), fx.expected.km.surv, { rel: 1e-10 }, "surv");
    expectClose(at.map((a) => a.lower), fx.expected.km.lower, { rel: 1e-8 }, "lower");
    expectClose(at.map((a) => a.upper), fx.expected.km.upper, { rel: 1e-8 }, "upper");
    expect(at.map((a) => a.nRisk)).toEqual(fx.expected.km.n_risk);
  });

  it("log-rank test", () => {
    expectClose(res.analyses.logrank.chisq, fx.expected.logrank.chisq, { rel: 1e-8 }, "chisq");
    expectClose(res.analyses.logrank.groups.map((g) => g.expected), fx.expected.logrank.expected, { rel: 1e-8 }, "expected");
  });

  it("propensity scores and model coefficients (glm)", () => {
    const ps = res.analyses.propensity.analysis.ps.filter((p): p is number => p !== null);
    expectClose(ps, fx.expected.ps.ps, { rel: 1e-8 }, "ps");
    expectClose(res.analyses.propensity.analysis.model.model.coef, fx.expected.ps.coef, { rel: 1e-8 }, "coef");
  });

  it("stabilised ATE weights and the weighted Kaplan–Meier with R's robust SE", () => {
    const w = res.analyses.propensity.analysis.weighting.weights.filter((x): x is number => x !== null);
    expectClose(w, fx.expected.weights, { rel: 1e-8 }, "weights");
    const at = atRows(res.analyses.propensity.weighted.km);
    expectClose(at.map((a) => a.surv), fx.expected.weighted_km.surv, { rel: 1e-8 }, "weighted surv");
    expectClose(at.map((a) => a.stdErr), fx.expected.weighted_km.std_err, { rel: 1e-8 }, "weighted std err");
    expectClose(at.map((a) => a.upper), fx.expected.weighted_km.upper, { rel: 1e-8 }, "weighted upper");
  });
});
