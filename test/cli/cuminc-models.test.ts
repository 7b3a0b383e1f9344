/**
 * `survinfer cuminc --covariates`: per cause, the cause-specific Cox model (other causes censored) and
 * the Fine–Gray model equal R's coxph(Surv(etime, event == k) ~ ...) and cmprsk::crr on mgus2's complete
 * cases (fixture from tools/oracle/study-long-term.R); the rows left out are said once.
 */
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { loadFixture } from "../helpers/fixtures.js";
import { expectClose } from "../helpers/expect-close.js";

interface Fit {
  names: string[];
  coef: number[];
  se: number[];
  p: number[];
}
const fx = loadFixture<Record<string, unknown>, { causes: { code: number; coxph: Fit & { nevent: number }; crr: Fit }[] }>("study-long-term", "competing");

interface ModelJson {
  cause: number;
  causeSpecific: { nEvent: number; terms: { name: string; coef: number; se: number; p: number }[] };
  fineGray: { terms: { name: string; coef: number; se: number; p: number }[] };
}

describe("survinfer cuminc --covariates", () => {
  it("fits cause-specific Cox and Fine–Gray models per cause as R does", async () => {
    const run = await runCli(["cuminc", "test/fixtures/r/study-long-term/mgus2.csv", "--time", "etime", "--cause", "event", "--covariates", "age,sex,hgb", "--json"]);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as { models: ModelJson[]; warnings: string[] };
    expect(json.models.map((m) => m.cause)).toEqual([1, 2]);
    for (const m of json.models) {
      const r = fx.expected.causes.find((c) => c.code === m.cause)!;
      expect(m.causeSpecific.terms.map((t) => t.name)).toEqual(r.coxph.names);
      expectClose(m.causeSpecific.terms.map((t) => t.coef), r.coxph.coef, { rel: 1e-8 });
      expectClose(m.causeSpecific.terms.map((t) => t.se), r.coxph.se, { rel: 1e-8 });
      expect(m.causeSpecific.nEvent).toBe(r.coxph.nevent);
      expectClose(m.fineGray.terms.map((t) => t.coef), r.crr.coef, { rel: 1e-10 });
      expectClose(m.fineGray.terms.map((t) => t.se), r.crr.se, { rel: 1e-10 });
      expectClose(m.fineGray.terms.map((t) => t.p), r.crr.p, { rel: 1e-10 });
    }
    expect(json.warnings.filter((w) => /missing covariate/.test(w))).toEqual(["regression models: 13 rows with a missing covariate left out (hgb: 13)"]);
  });

  it("prints both hazard ratios side by side per cause", async () => {
    const run = await runCli(["cuminc", "test/fixtures/r/study-long-term/mgus2.csv", "--time", "etime", "--cause", "event", "--covariates", "age,sex"]);
    expect(run.stderr).toBe("");
    expect(run.stdout).toMatch(/Cause 1\n[\s\S]*Cause 2\n/);
    expect(run.stdout).toMatch(/cause-specific HR .* subdistribution HR/);
  });
});
