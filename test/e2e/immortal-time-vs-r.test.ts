/**
 * Immortal-time analyses of `survinfer run` on the example equal R (fixture immortal-time/lms-metastasectomy
 * by tools/oracle/immortal-time.R): naive Cox, time-dependent Cox via tmerge, Simon–Makuch curves, landmark.
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
const dir = mkdtempSync(join(tmpdir(), "survinfer-immortal-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Cox { coef: number[]; terms: { se: number }[]; loglik: number[] }
interface Km { strata: { at: { surv: number; nRisk: number; lower: number; upper: number }[] }[] }
interface Result { naive: { cox: Cox }; timeDependent: { cox: Cox; intervals: number; simonMakuch: Km }; landmark: { n: number; cox: Cox; km: Km } }
interface Expected {
  naive: { coef: number; se: number };
  time_dependent: { coef: number; se: number; n_intervals: number; loglik: number[] };
  simon_makuch: { surv: number[]; n_risk: number[]; lower: number[]; upper: number[] };
  landmark: { n: number; coef: number; se: number; surv: number[] };
}

const fx = loadFixture<unknown, Expected>("immortal-time", "lms-metastasectomy");
let it6: Result;

beforeAll(async () => {
  const r = await runCli(["run", join(root, "examples", "lms-metastasectomy", "study.yaml"), "--out", join(dir, "out")]);
  expect(r.code, r.stderr).toBe(0);
  it6 = (JSON.parse(readFileSync(join(dir, "out", "results.json"), "utf8")) as { analyses: { immortalTime: Result } }).analyses.immortalTime;
});

const at = (km: Km) => km.strata.flatMap((s) => s.at);

describe("immortal-time analyses equal R", () => {
  it("naive Cox with treatment fixed at the origin", () => {
    expectClose(it6.naive.cox.coef[0], fx.expected.naive.coef, { rel: 1e-8 }, "coef");
    expectClose(it6.naive.cox.terms[0].se, fx.expected.naive.se, { rel: 1e-10 }, "se");
  });

  it("time-dependent Cox on tmerge-style (tstart, tstop] intervals", () => {
    expect(it6.timeDependent.intervals).toBe(fx.expected.time_dependent.n_intervals);
    expectClose(it6.timeDependent.cox.coef[0], fx.expected.time_dependent.coef, { rel: 1e-8 }, "coef");
    expectClose(it6.timeDependent.cox.terms[0].se, fx.expected.time_dependent.se, { rel: 1e-10 }, "se");
    expectClose(it6.timeDependent.cox.loglik, fx.expected.time_dependent.loglik, { rel: 1e-10 }, "loglik");
  });

  it("Simon–Makuch curves at 12, 36, 60 months", () => {
    const rows = at(it6.timeDependent.simonMakuch);
    expectClose(rows.map((r) => r.surv), fx.expected.simon_makuch.surv, { rel: 1e-10 }, "surv");
    expect(rows.map((r) => r.nRisk)).toEqual(fx.expected.simon_makuch.n_risk);
    expectClose(rows.map((r) => r.upper), fx.expected.simon_makuch.upper, { rel: 1e-8 }, "upper");
  });

  it("landmark analysis at 6 months", () => {
    expect(it6.landmark.n).toBe(fx.expected.landmark.n);
    expectClose(it6.landmark.cox.coef[0], fx.expected.landmark.coef, { rel: 1e-8 }, "coef");
    expectClose(it6.landmark.cox.terms[0].se, fx.expected.landmark.se, { rel: 1e-10 }, "se");
    expectClose(at(it6.landmark.km).map((r) => r.surv), fx.expected.landmark.surv, { rel: 1e-10 }, "surv");
  });
});

describe("the univariable Cox screen of the example falls back to Firth where the likelihood is monotone", () => {
  it("FNCLCC grade (no deaths in grade 1): Firth estimates and profile limits equal coxphf's definition (fixture coxphf/example-grade)", async () => {
    const fx = loadFixture<unknown, { coef: number[]; hrLower: number[]; hrUpper: number[] }>("coxphf", "example-grade");
    const out = join(dir, "out-firth");
    const r = await runCli(["run", join(root, "examples", "lms-metastasectomy", "study.yaml"), "--out", out, "--no-png"]);
    expect(r.code, r.stderr).toBe(0);
    const res = JSON.parse(readFileSync(join(out, "results.json"), "utf8")) as { analyses: { cox: { univariable: { covariate: string; result: { firth?: { coef: number[]; terms: { lower: number; upper: number }[] } } }[] } } };
    const grade = res.analyses.cox.univariable.find((u) => u.covariate === "grade")!;
    expect(grade.result.firth).toBeDefined();
    // tolerance: 1e-6, coxphf stops by |Δβ·sd(x)| ≤ 1e-6 on both sides (observed 1.3e-8)
    expectClose(grade.result.firth!.coef, fx.expected.coef, { rel: 1e-6 }, "Firth coef");
    expectClose(grade.result.firth!.terms.map((t) => t.lower), fx.expected.hrLower, { rel: 1e-10 }, "lower");
    expectClose(grade.result.firth!.terms.map((t) => t.upper), fx.expected.hrUpper, { rel: 1e-8 }, "upper");
    const age = res.analyses.cox.univariable.find((u) => u.covariate === "age_primary")!;
    expect(age.result.firth).toBeUndefined();
  });
});
