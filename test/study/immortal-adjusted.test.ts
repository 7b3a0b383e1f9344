/**
 * Issue 14, item 3: the adjusted immortal-time designs of the study step equal R (fixtures by
 * tools/oracle/immortal-adjusted.R) on the example cohort and on the Stanford heart transplant data
 * (survival::jasa as a spreadsheet: acceptance, transplant and follow-up dates, days): the time-dependent
 * Cox adjusted for the covariates with robust (cluster) SE, the landmark with the PS re-estimated in the
 * landmark cohort (IPTW, matched, covariate-adjusted, crude) and the landmark sensitivity table; and the
 * Simon–Makuch numbers at risk (survfit n.risk at its times; #{entry < t ≤ exit} at the figure's ticks).
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { ImmortalTimeResult } from "../../src/study/immortal-time-step.js";
import { numberAtRisk } from "../../src/report/plots/km.js";
import { expectClose } from "../helpers/expect-close.js";
import { EXAMPLE_DIR, ROOT, exampleSpec, runSpecRaw, type Json } from "./options-honoured-harness.js";
import { readFileSync } from "node:fs";

interface Hr { coef: number; se: number; lower: number; upper: number }
interface Lm { time: number; n: number; n_treated: number; events: number; weighted: Hr; adjusted: Hr; crude?: Hr; matched?: Hr & { n: number } }
interface Expected {
  adjusted_td: { n: number; events: number; intervals: number; names: string[]; coef: number[]; se: number[]; robust_se: number[]; lower: number[]; upper: number[]; excluded_treated: number; excluded_untreated: number };
  simon_makuch: { time0: number[]; n_risk0: number[]; time1: number[]; n_risk1: number[]; ticks: number[]; at_tick0: number[]; at_tick1: number[] };
  landmark: Lm;
  landmarks: Lm[];
  sequential: {
    caliper_width: number;
    treated_eligible: number;
    sets: { time: number; treated: string; controls: string[] }[];
    stratified: { coef: number; robust_se: number; iter: number };
    clustered: { coef: number; robust_se: number; se: number };
  };
}
const FIX = join(ROOT, "test", "fixtures", "immortal-adjusted");
const fixture = (name: string): { input: { covariates: string[]; landmark: number; landmarks: number[] }; expected: Expected } =>
  JSON.parse(readFileSync(join(FIX, `${name}.json`), "utf8")) as { input: { covariates: string[]; landmark: number; landmarks: number[] }; expected: Expected };

const REL = { rel: 1e-8 };

function lmsSpec(): Json {
  const s = exampleSpec() as { analyses: Record<string, Json> };
  const f = fixture("lms-metastasectomy").input;
  s.analyses = {
    km: s.analyses.km,
    propensity: { matching: { ratio: 1, caliper: 0.2, distance: "logit", order: "largest" }, weighting: { estimand: "ATE", stabilize: true } },
    immortalTime: { covariates: f.covariates, landmark: f.landmark, landmarks: f.landmarks, timeDependent: true, sequentialMatching: true },
    // R parity of the adjusted models: fitted whatever their events per parameter (below the default floor of 5
    // the adjusted time-dependent and landmark Cox models are not estimated: test/study/effects-epv.test.ts)
    safeguards: { epvFloor: 0 },
  };
  return s as unknown as Json;
}

function jasaSpec(): Json {
  const f = fixture("jasa").input;
  return {
    title: "Stanford heart transplant",
    data: { file: "jasa.csv", id: "id", dateFormat: "YYYY-MM-DD" },
    endpoints: { os: { label: "Survival", origin: "accept_dt", lastContact: "fu_date", status: "fustat", values: [1], censored: [0], unit: "days" } },
    treatment: { date: "tx_date", label: "Transplant" },
    covariates: ["age", "surgery"],
    analyses: {
      km: { endpoint: "os", times: [100, 365] },
      propensity: { matching: { ratio: 1, caliper: 0.2, distance: "logit", order: "largest" } },
      immortalTime: { landmark: f.landmark, landmarks: f.landmarks, sequentialMatching: { ratio: 1, caliper: 0.2 } },
    },
  };
}

function check(name: string, it6: ImmortalTimeResult): void {
  const x = fixture(name).expected;
  const adj = it6.adjustedTimeDependent!;
  expect(adj.n).toBe(x.adjusted_td.n);
  expect(adj.events).toBe(x.adjusted_td.events);
  expect(adj.intervals).toBe(x.adjusted_td.intervals);
  expect(adj.excluded).toEqual({ treated: x.adjusted_td.excluded_treated, untreated: x.adjusted_td.excluded_untreated });
  const terms = adj.result.fit.terms;
  expect(terms.map((t) => (t.name === adj.treatmentTerm ? "treated_td" : t.name))).toEqual(x.adjusted_td.names);
  expectClose(terms.map((t) => t.coef!), x.adjusted_td.coef, REL, "adjusted TD coef");
  expectClose(terms.map((t) => t.se!), x.adjusted_td.se, REL, "adjusted TD model SE");
  expectClose(terms.map((t) => t.robustSe!), x.adjusted_td.robust_se, REL, "adjusted TD robust SE");
  expectClose(terms.map((t) => t.lower!), x.adjusted_td.lower, REL, "adjusted TD lower");
  expectClose(terms.map((t) => t.upper!), x.adjusted_td.upper, REL, "adjusted TD upper");
  expect(adj.estimandLabel).toContain("conditional HR");

  const lp = it6.landmarkPs!;
  expect(lp.n).toBe(x.landmark.n);
  expect(lp.nTreated).toBe(x.landmark.n_treated);
  expect(lp.events).toBe(x.landmark.events);
  const est = (id: string) => lp.effects.estimates.find((e) => e.id === id)!;
  const same = (id: string, r: Hr, what: string): void => {
    const e = est(id);
    expectClose([e.coef!, e.se!, e.lower!, e.upper!], [r.coef, r.se, r.lower, r.upper], REL, `${what}: coef, SE, CI`);
  };
  same("weighted", x.landmark.weighted, "landmark IPTW (robust)");
  same("multivariable", x.landmark.adjusted, "landmark covariate-adjusted");
  same("crude", x.landmark.crude!, "landmark crude");
  if (x.landmark.matched) {
    same("matched", x.landmark.matched, "landmark matched");
    expect(est("matched").n).toBe(x.landmark.matched.n);
  }
  expect(est("weighted").label).toContain("marginal HR");
  expect(est("multivariable").label).toContain("conditional HR");
  expect(lp.population).toContain(`n = ${x.landmark.n}`);

  // the sensitivity table: the primary landmark first, then the others in the order given
  const rows = it6.landmarks!;
  const want = [x.landmark, ...x.landmarks];
  expect(rows.map((r) => r.time)).toEqual(want.map((r) => r.time));
  rows.forEach((r, k) => {
    expect(r.n).toBe(want[k].n);
    expect(r.events).toBe(want[k].events);
    expectClose([r.adjusted!.coef!, r.adjusted!.se!, r.weighted!.coef!, r.weighted!.se!], [want[k].adjusted.coef, want[k].adjusted.se, want[k].weighted.coef, want[k].weighted.se], REL, `landmark ${r.time}`);
  });

  // sequential (risk-set) matching: the same sets, then the Cox models on them
  const sq = it6.sequentialMatching!;
  const xs = x.sequential;
  expectClose(sq.caliperWidth!, xs.caliper_width, REL, "caliper width");
  expect(sq.treatedEligible).toBe(xs.treated_eligible);
  expect(sq.sets.map((m) => [m.treated, m.controls])).toEqual(xs.sets.map((m) => [m.treated, m.controls]));
  expectClose(sq.sets.map((m) => m.time), xs.sets.map((m) => m.time), { rel: 1e-12 }, "set times");
  const cl = sq.clustered.terms[0];
  expectClose([cl.coef!, cl.robustSe!, cl.se!], [xs.clustered.coef, xs.clustered.robust_se, xs.clustered.se], REL, "sequential matching, clustered Cox");
  if (xs.stratified.iter <= 20) {
    const st = sq.stratified.terms[0];
    expectClose([st.coef!, st.robustSe!], [xs.stratified.coef, xs.stratified.robust_se], REL, "sequential matching, stratified Cox");
  } else {
    // R ran out of iterations too (a monotone likelihood in 1:1 sets): both say so
    expect(sq.stratified.warnings.join(" ")).toMatch(/did not converge|infinite/);
  }

  // Simon–Makuch: survfit's n.risk at its times, and the risk set at the figure's ticks
  const sm = it6.timeDependent!.simonMakuch.strata;
  expectClose(sm[0].time, x.simon_makuch.time0, { rel: 1e-12 }, "untreated times");
  expect(sm[0].nRisk).toEqual(x.simon_makuch.n_risk0);
  expectClose(sm[1].time, x.simon_makuch.time1, { rel: 1e-12 }, "treated times");
  expect(sm[1].nRisk).toEqual(x.simon_makuch.n_risk1);
  expect(x.simon_makuch.ticks.map((t) => numberAtRisk(sm[0], t))).toEqual(x.simon_makuch.at_tick0);
  expect(x.simon_makuch.ticks.map((t) => numberAtRisk(sm[1], t))).toEqual(x.simon_makuch.at_tick1);
}

describe("adjusted immortal-time designs equal R", () => {
  it("example cohort: adjusted time-dependent Cox, landmark PS at 6 months, landmarks 3/6/12, Simon–Makuch risk table", () => {
    const r = runSpecRaw(lmsSpec(), EXAMPLE_DIR);
    check("lms-metastasectomy", r.analyses.immortalTime!);
    // the groups are named by the treatment (its label), never by the raw levels ("not yes by 6 months")
    const label = (r.spec.treatment?.label ?? "treatment").replace(/^./, (ch) => ch.toLowerCase());
    expect(r.analyses.immortalTime!.timeDependent!.simonMakuch.strata.map((s) => s.name)).toEqual([`no ${label} (yet)`, `after ${label}`]);
    const lm = r.analyses.immortalTime!.landmark!;
    expect(lm.km.strata.map((s) => s.name)).toEqual([`no ${label} by ${lm.time} ${r.analyses.immortalTime!.unit}`, `${label} by ${lm.time} ${r.analyses.immortalTime!.unit}`]);
  });

  it("Stanford heart transplant (jasa, days, a death on day 0 and a transplant on the last day)", () => {
    const r = runSpecRaw(jasaSpec(), FIX);
    const it6 = r.analyses.immortalTime!;
    check("jasa", it6);
    expect(it6.warnings.some((w) => w.includes("half a day"))).toBe(true);
  });
});
