/**
 * `--treatment-date` of the single-analysis commands against R (tools/oracle/treatment-date-cli.R:
 * tmerge + coxph with cluster(id), survfit on the intervals, the Mantel–Byar sums), on a cohort
 * whose surgery happens after diagnosis and which holds the survival::heart same-day cases.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectClose } from "../helpers/expect-close.js";
import { runCli } from "../helpers/cli.js";

const dir = join(process.cwd(), "test", "fixtures", "treatment-date-cli");
const csv = join(dir, "cohort.csv");

interface SmStratum { time: number[]; n_risk: number[]; n_event: number[]; surv: number[]; std_err: number[]; lower: number[]; upper: number[] }
interface Expected {
  n_treated: number;
  n_treated_after_origin: number;
  median_wait: number;
  moved_to_half_day: number;
  treatment_moved_earlier: number;
  intervals: number;
  naive: { names: string[]; coef: number[]; se: number[] };
  cox: { names: string[]; coef: number[]; se: number[]; robust_se: number[]; loglik: number[]; score: number; n: number; nevent: number };
  simon_makuch: SmStratum[];
  mantel_byar: { observed: number[]; expected: number[]; variance: number; chisq: number; p: number };
  mantel_byar_by_sex: { expected_treated: number; variance: number; chisq: number };
}
const fx = (JSON.parse(readFileSync(join(dir, "expected.json"), "utf8")) as { expected: Expected }).expected;

const dates = ["--treatment-date", "date_op", "--origin", "date_dx", "--time-unit", "months", "--id", "id"];

interface ImmortalTime { nTreated: number; nTreatedAfterOrigin: number; medianWait: number; naiveComparison: string | null; design: string; intervals?: number }

function checkSummary(it: ImmortalTime): void {
  expect(it.nTreated).toBe(fx.n_treated);
  expect(it.nTreatedAfterOrigin).toBe(fx.n_treated_after_origin);
  expectClose(it.medianWait, fx.median_wait, { rel: 1e-13 }, "medianWait");
  expect(it.naiveComparison).toBe("biased by design (immortal time)");
}

describe("survinfer cox --treatment-date equals R tmerge + coxph(... + cluster(id))", () => {
  it("time-dependent treatment with the other terms, robust SE by patient; naive fit labelled", async () => {
    const r = await runCli(["cox", csv, "--formula", "Surv(time, status) ~ op + age + sex", ...dates, "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const res = JSON.parse(r.stdout) as {
      n: number;
      nEvent: number;
      terms: { name: string; coef: number; se: number; robustSe: number | null }[];
      loglik: number[];
      tests: { score: { statistic: number } };
      immortalTime: ImmortalTime & { treatmentTerms: string[]; naive: { label: string; terms: { name: string; coef: number; se: number }[] } };
      warnings: string[];
    };
    expect(res.terms.map((t) => t.name)).toEqual(fx.cox.names);
    expect(res.n).toBe(fx.cox.n);
    expect(res.nEvent).toBe(fx.cox.nevent);
    // Newton–Raphson in both: coefficients agree to R's convergence (eps = 1e-9), far tighter in practice
    expectClose(res.terms.map((t) => t.coef), fx.cox.coef, { rel: 1e-8 }, "coef");
    expectClose(res.terms.map((t) => t.robustSe), fx.cox.robust_se, { rel: 1e-8 }, "robust se");
    expectClose(res.loglik, fx.cox.loglik, { rel: 1e-10 }, "loglik");
    expectClose(res.tests.score.statistic, fx.cox.score, { rel: 1e-8 }, "score test");
    checkSummary(res.immortalTime);
    expect(res.immortalTime.intervals).toBe(fx.intervals);
    expect(res.immortalTime.treatmentTerms).toEqual(["opyes"]);
    expect(res.immortalTime.naive.label).toBe("biased by design (immortal time)");
    expectClose(res.immortalTime.naive.terms[0].coef, fx.naive.coef[0], { rel: 1e-8 }, "naive coef");
    expectClose(res.immortalTime.naive.terms[0].se, fx.naive.se[0], { rel: 1e-8 }, "naive se");
    expect(res.warnings.join("\n")).toContain(`row ${fx.moved_to_half_day}`);
    expect(res.warnings.join("\n")).toContain(`row ${fx.treatment_moved_earlier}`);
  });

  it("says in the text output that the ever-treated comparison is biased and the treatment term is time-dependent", async () => {
    const r = await runCli(["cox", csv, "--formula", "Surv(time, status) ~ op + age + sex", ...dates]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("opyes (time-dependent)");
    expect(r.stdout).toContain("biased by design (immortal time)");
    expect(r.stdout).toContain(`${fx.n_treated_after_origin} of ${fx.n_treated} treated patients`);
    expect(r.stdout).toContain("survival::heart: patient P001 (row 2)");
    expect(r.stdout).toContain("treatment counted half a day earlier, as R's survival::heart: patient P002 (row 3)");
  });

  it("a numeric --treatment-date (time since the origin) gives the same fit as dates", async () => {
    // write the times to treatment into a copy of the cohort
    const lines = readFileSync(csv, "utf8").trim().split("\n");
    const head = lines[0].split(",");
    const iDx = head.indexOf("date_dx");
    const iOp = head.indexOf("date_op");
    const out = [`${lines[0]},t_op`, ...lines.slice(1).map((l) => {
      const c = l.split(",");
      const t = c[iOp] === "" ? "" : String((Date.parse(c[iOp]) - Date.parse(c[iDx])) / 86400000 / 30.4375);
      return `${l},${t}`;
    })];
    const tmp = mkdtempSync(join(tmpdir(), "survinfer-td-"));
    try {
      const file = join(tmp, "numeric.csv");
      writeFileSync(file, out.join("\n") + "\n");
      const r = await runCli(["cox", file, "--formula", "Surv(time, status) ~ op + age + sex", "--treatment-date", "t_op", "--time-unit", "months", "--id", "id", "--json"]);
      expect(r.code, r.stderr).toBe(0);
      const res = JSON.parse(r.stdout) as { terms: { coef: number }[] };
      expectClose(res.terms.map((t) => t.coef), fx.cox.coef, { rel: 1e-8 }, "coef");
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});

describe("cox --treatment-date: the treatment's coding does not change the fit", () => {
  it("0/1 numeric, factor() of it, and --reference op=yes give R's coefficient (sign flipped for the reference)", async () => {
    const lines = readFileSync(csv, "utf8").trim().split("\n");
    const iOp = lines[0].split(",").indexOf("op");
    const body = [`${lines[0]},op01`, ...lines.slice(1).map((l) => `${l},${l.split(",")[iOp] === "yes" ? 1 : 0}`)];
    const tmp = mkdtempSync(join(tmpdir(), "survinfer-td-"));
    try {
      const file = join(tmp, "op01.csv");
      writeFileSync(file, body.join("\n") + "\n");
      const fit = async (formula: string, ...extra: string[]): Promise<{ terms: { name: string; coef: number }[]; immortalTime: { treatmentTerms: string[] } }> => {
        const r = await runCli(["cox", file, "--formula", formula, ...dates, ...extra, "--json"]);
        expect(r.code, r.stderr).toBe(0);
        return JSON.parse(r.stdout) as { terms: { name: string; coef: number }[]; immortalTime: { treatmentTerms: string[] } };
      };
      const numeric = await fit("Surv(time, status) ~ op01 + age + sex");
      expect(numeric.immortalTime.treatmentTerms).toEqual(["op01"]);
      expectClose(numeric.terms.map((t) => t.coef), fx.cox.coef, { rel: 1e-8 }, "op01");
      const factor = await fit("Surv(time, status) ~ factor(op01) + age + sex");
      expect(factor.immortalTime.treatmentTerms).toEqual(["factor(op01)1"]);
      expectClose(factor.terms.map((t) => t.coef), fx.cox.coef, { rel: 1e-8 }, "factor(op01)");
      const ref = await fit("Surv(time, status) ~ op + age + sex", "--reference", "op=yes");
      expect(ref.terms[0].name).toBe("opno");
      expectClose(ref.terms[0].coef, -fx.cox.coef[0], { rel: 1e-8 }, "opno");
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});

describe("survinfer km --treatment-date --time-dependent equals R survfit on tmerge'd data (Simon–Makuch)", () => {
  it("curves of the untreated-until-treatment and the treated-from-treatment intervals", async () => {
    const r = await runCli(["km", csv, "--time", "time", "--event", "status", "--by", "op", ...dates, "--time-dependent", "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const res = JSON.parse(r.stdout) as { strata: { name: string; time: number[]; nRisk: number[]; nEvent: number[]; surv: number[]; stdErrLogSurv: number[]; lower: number[]; upper: number[] }[]; immortalTime: ImmortalTime };
    expect(res.strata.map((s) => s.name)).toEqual(["op=no / not yet yes", "op=yes (from treatment)"]);
    res.strata.forEach((s, k) => {
      const want = fx.simon_makuch[k];
      expectClose(s.time, want.time, { rel: 1e-13 }, `time ${k}`);
      expect(s.nRisk).toEqual(want.n_risk);
      expect(s.nEvent).toEqual(want.n_event);
      expectClose(s.surv, want.surv, { rel: 1e-10 }, `surv ${k}`);
      // survfit's std.err is the standard error of the cumulative hazard (−log S)
      expectClose(s.stdErrLogSurv, want.std_err, { rel: 1e-8 }, `stdErr ${k}`);
      expectClose(s.lower, want.lower, { rel: 1e-8 }, `lower ${k}`);
      expectClose(s.upper, want.upper, { rel: 1e-8 }, `upper ${k}`);
    });
    checkSummary(res.immortalTime);
    expect(res.immortalTime.design).toBe("time-dependent");
  });

  it("without --time-dependent: the ever-treated curves, labelled biased by design", async () => {
    const r = await runCli(["km", csv, "--time", "time", "--event", "status", "--by", "op", ...dates]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("op=yes");
    expect(r.stdout).toContain("The comparison above is by treatment received from the origin: biased by design (immortal time)");
  });
});

describe("survinfer logrank --treatment-date --time-dependent: Mantel–Byar as R's sums over the interval risk sets", () => {
  it("observed, expected, variance and chi-square", async () => {
    const r = await runCli(["logrank", csv, "--time", "time", "--event", "status", "--by", "op", ...dates, "--time-dependent", "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const res = JSON.parse(r.stdout) as { method: string; chisq: number; p: number; variance: number; groups: { observed: number; expected: number }[]; immortalTime: ImmortalTime };
    expect(res.method).toBe("Mantel-Byar");
    expect(res.groups.map((g) => g.observed)).toEqual(fx.mantel_byar.observed);
    expectClose(res.groups.map((g) => g.expected), fx.mantel_byar.expected, { rel: 1e-10 }, "expected");
    expectClose(res.variance, fx.mantel_byar.variance, { rel: 1e-10 }, "variance");
    expectClose(res.chisq, fx.mantel_byar.chisq, { rel: 1e-10 }, "chisq");
    expectClose(res.p, fx.mantel_byar.p, { rel: 1e-8 }, "p");
    checkSummary(res.immortalTime);
  });

  it("stratified (--strata sex): the sums within each stratum", async () => {
    const r = await runCli(["logrank", csv, "--time", "time", "--event", "status", "--by", "op", "--strata", "sex", ...dates, "--time-dependent", "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const res = JSON.parse(r.stdout) as { chisq: number; variance: number; groups: { expected: number }[] };
    expectClose(res.groups[1].expected, fx.mantel_byar_by_sex.expected_treated, { rel: 1e-10 }, "expected (treated)");
    expectClose(res.variance, fx.mantel_byar_by_sex.variance, { rel: 1e-10 }, "variance");
    expectClose(res.chisq, fx.mantel_byar_by_sex.chisq, { rel: 1e-10 }, "chisq");
  });

  it("rmst and weight label the ever-treated comparison", async () => {
    const rm = await runCli(["rmst", csv, "--time", "time", "--event", "status", "--by", "op", ...dates, "--tau", "24", "--json"]);
    expect(rm.code, rm.stderr).toBe(0);
    checkSummary((JSON.parse(rm.stdout) as { immortalTime: ImmortalTime }).immortalTime);
    const w = await runCli(["weight", csv, "--treatment", "op", "--covariates", "age,sex", "--estimand", "ATE", ...dates, "--json"]);
    expect(w.code, w.stderr).toBe(0);
    checkSummary((JSON.parse(w.stdout) as { immortalTime: ImmortalTime }).immortalTime);
  });
});
