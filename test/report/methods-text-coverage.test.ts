/**
 * The methods paragraph mentions every analysis present in results.json, on the example and on spec
 * variants (no propensity analysis, weighting only, bootstrap on, no treatment date), and never shows a raw
 * covariate column name when the spec gives the covariate a label. An analysis added to results.json
 * without a methods sentence (or a pattern here) fails the first check.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { methodsText } from "../../src/report/methods-text.js";
import { covariateObject } from "../../src/study/schema.js";
import type { StudyResults } from "../../src/study/run.js";
import { exampleResults, lenientBalance, runExampleVariant, undeclared, type ExampleSpec } from "./render-study.js";

const dir = mkdtempSync(join(tmpdir(), "survinfer-methods-"));

type Spec = ExampleSpec;

/** The example without its protocol's declarations (the default rule picks the primary), with `edit` applied. */
function variant(name: string, edit: (spec: Spec) => void): StudyResults {
  return runExampleVariant(dir, name, (s) => {
    undeclared(s);
    edit(s);
  });
}

/** What the methods text must say for each part of results.json that is present. */
function expectedMentions(r: StudyResults): { what: string; pattern: RegExp }[] {
  const a = r.analyses;
  const out: { what: string; pattern: RegExp }[] = [];
  const known: Record<string, (() => void) | undefined> = {
    km: () => out.push({ what: "km", pattern: /Kaplan–Meier method with \d+% confidence intervals/ }),
    logrank: () => out.push({ what: "logrank", pattern: /log-rank test/ }),
    rmst: () => out.push({ what: "rmst", pattern: /restricted mean survival time up to \d+/ }),
    table1: () => out.push({ what: "table1", pattern: /Baseline characteristics were summarised/ }),
    cox: () => {
      out.push({ what: "cox", pattern: /Cox proportional-hazards models/ });
      if (a.cox?.multivariable) out.push({ what: "cox.multivariable", pattern: /The multivariable model included/ });
      if (a.cox?.univariable.some((u) => u.result.firth !== undefined) || a.cox?.multivariable?.result.firth !== undefined) out.push({ what: "cox firth", pattern: /Firth's penalised partial likelihood/ });
    },
    propensity: () => {
      out.push({ what: "propensity", pattern: /Propensity scores .* were estimated by logistic regression/ });
      if (a.propensity?.analysis.matching) out.push({ what: "matching", pattern: /matched 1:\d+ to untreated patients/ });
      if (a.propensity?.analysis.weighting) out.push({ what: "weighting", pattern: /Inverse probability of treatment weights for the/ });
      out.push({ what: "balance", pattern: /Covariate balance before and after/ });
    },
    immortalTime: () => {
      out.push({ what: "immortalTime", pattern: /immortal-time bias/ });
      if (a.immortalTime?.timeDependent) out.push({ what: "immortalTime.timeDependent", pattern: /time-dependent covariate in a Cox model/ });
      if (a.immortalTime?.landmark) out.push({ what: "immortalTime.landmark", pattern: /landmark analysis at \d+/ });
    },
    effects: () => {
      const ids: Record<string, RegExp> = {
        crude: /without adjustment \(crude\)/,
        multivariable: /adjusted for the propensity-model covariates \(multivariable\)/,
        matched: /in the matched sample, of the treatment alone with a robust variance/,
        matchedStratified: /in the matched sample, [^;]*stratified on matched set/,
        matchedAdjusted: /in the matched sample, [^;]*adjusted for the covariates/,
        weighted: /in the weighted sample, of the treatment alone[^;]*robust sandwich variance/,
        weightedMEstimation: /in the weighted sample, of the treatment alone[^;]*M-estimation variance/,
        weightedAdjusted: /in the weighted sample, [^;]*adjusted for the covariates[^;]*robust sandwich variance/,
        weightedAdjustedMEstimation: /in the weighted sample, [^;]*adjusted for the covariates[^;]*M-estimation variance/,
      };
      for (const e of a.effects!.estimates) out.push({ what: `effects.${e.id}`, pattern: ids[e.id] ?? /(?!)/ });
      // the E-values of the hazard ratios only when the table shows them: none on rows biased by design (referee A6)
      if (a.effects!.biasedByDesign === null && a.effects!.estimates.some((e) => e.eValue !== null)) out.push({ what: "E-values", pattern: /robustness of each hazard ratio to unmeasured confounding is given by its E-value/ });
      if (a.effects!.bootstrap !== null) out.push({ what: "bootstrap", pattern: new RegExp(`Bootstrap percentile intervals came from ${a.effects!.bootstrap.replicates} replicates`) });
      if (a.effects!.weighted !== null || a.effects!.matched !== null) out.push({ what: "absolute effects", pattern: /Absolute effects were estimated as differences \(treated − untreated\)/ });
      out.push({ what: "primary", pattern: r.primary.id === null ? /No treatment-effect estimate was taken as primary/ : new RegExp(`The primary analysis was ${r.primary.label!.replace(/[()]/g, "\\$&")}`) });
    },
    competingRisks: () => out.push({ what: "competingRisks", pattern: /Aalen–Johansen method/ }),
    cure: () => out.push({ what: "cure", pattern: /mixture cure model/ }),
    prediction: () => out.push({ what: "prediction", pattern: /A prediction model for/ }),
    recurrent: () => out.push({ what: "recurrent", pattern: /Repeated events/ }),
    sensitivity: () => out.push({ what: "sensitivity", pattern: /Sensitivity to unmeasured confounding was assessed/ }),
    missing: () => out.push({ what: "missing", pattern: /fitted by multiple imputation by chained equations \(\d+ imputations/ }),
  };
  for (const [key, value] of Object.entries(a)) {
    if (value === undefined) continue;
    const f = known[key];
    // a new analysis in results.json needs its methods sentence (and a line here)
    if (f === undefined) out.push({ what: `${key} (no methods sentence known)`, pattern: /(?!)/ });
    else f();
  }
  if (r.endpoints.length > 0) out.push({ what: "population", pattern: new RegExp(`The data set held ${r.data.nRows} patients`) });
  out.push({ what: "software", pattern: new RegExp(`survinfer ${r.software.version.replace(/\./g, "\\.")}`) });
  return out;
}

function missingMentions(r: StudyResults): string[] {
  const t = methodsText(r);
  return expectedMentions(r)
    .filter((m) => !m.pattern.test(t))
    .map((m) => m.what);
}

/** Covariate column names that appear in the text although the spec labels them (and the label does not contain the name). */
function rawNames(r: StudyResults, t: string = methodsText(r)): string[] {
  return r.spec.covariates
    .map(covariateObject)
    .filter((c) => c.label !== undefined && !c.label.toLowerCase().includes(c.name.toLowerCase()))
    .map((c) => c.name)
    .filter((name) => new RegExp(`(^|[^A-Za-z0-9_])${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}($|[^A-Za-z0-9_])`).test(t));
}

const noLongTerm = (s: Spec): void => {
  for (const k of ["competingRisks", "cure", "prediction", "recurrent"]) delete s.analyses[k];
};

const cases: [string, () => StudyResults][] = [
  ["the example", exampleResults],
  [
    "no propensity analysis",
    () =>
      variant("no-propensity", (s) => {
        noLongTerm(s);
        delete s.analyses.propensity;
      }),
  ],
  [
    "weighting only (ATT, trimmed and truncated)",
    () =>
      variant("weighting-only", (s) => {
        noLongTerm(s);
        s.analyses.propensity = { weighting: { estimand: "ATT", stabilize: true, trim: 0.05, truncate: 0.99 } };
      }),
  ],
  [
    "bootstrap on",
    () =>
      variant("bootstrap", (s) => {
        noLongTerm(s);
        s.analyses.immortalTime = false;
        (s.analyses.propensity as Record<string, unknown>).bootstrap = { replicates: 20 };
      }),
  ],
  [
    "no treatment date (no immortal time; weighted sample balanced)",
    () =>
      variant("no-date", (s) => {
        noLongTerm(s);
        lenientBalance(s);
        delete s.analyses.immortalTime;
        delete (s.treatment as Record<string, unknown>).date;
      }),
  ],
];

describe("the methods paragraph covers what ran", () => {
  for (const [name, results] of cases) {
    it(`${name}: every analysis in results.json is mentioned and no labelled covariate appears by its column name`, () => {
      const r = results();
      expect(missingMentions(r)).toEqual([]);
      expect(rawNames(r)).toEqual([]);
    });
  }

  it("the checks can fail: a results.json analysis without a sentence, and a raw column name, are caught", () => {
    const r = exampleResults();
    const withoutEffects = { ...r, analyses: { ...r.analyses, effects: undefined } };
    // the effects sentences vanish, so requiring them (from the full results) finds them missing
    const t = methodsText(withoutEffects);
    expect(expectedMentions(r).filter((m) => !m.pattern.test(t)).map((m) => m.what)).toContain("effects.crude");
    // without labels the text names the columns; checked against the labelled spec, they are caught
    const unlabelled: StudyResults = { ...r, spec: { ...r.spec, covariates: r.spec.covariates.map((c) => ({ ...covariateObject(c), label: undefined, cutoff: undefined })) } };
    expect(rawNames(r, methodsText(unlabelled))).toEqual(expect.arrayContaining(["age_primary", "primary_size_mm", "n_lung_mets"]));
  });

  it("weighting only: the ATT weights are described as stabilised, with the treated weight that was used (not w = 1)", () => {
    const r = cases[2][1]();
    const t = methodsText(r);
    expect(t).toMatch(/w = 1 \(treated\); w = e\/\(1 − e\) \(control\), then stabilised: multiplied by the proportion of patients in the patient's own group \(0\.\d+ for treated, 0\.\d+ for untreated patients, so every treated weight is 0\.\d+\)/);
    expect(t).toMatch(/after trimming propensity scores outside/);
    expect(t).toMatch(/truncated at the 99th percentile/);
  });

  it("bootstrap on: the absolute effects have bootstrap CIs and the bootstrap is described with its B", () => {
    const r = cases[3][1]();
    const t = methodsText(r);
    expect(t).toContain("with bootstrap percentile confidence intervals");
    expect(t).toContain("Bootstrap percentile intervals came from 20 replicates");
    // the treatment date stays but the immortal-time analyses are switched off: every estimate is biased by design, none is primary
    expect(r.primary.id).toBeNull();
  });

  it("without a treatment date the default primary is the IPTW estimate with M-estimation SE, named in the text", () => {
    const r = cases[4][1]();
    expect(r.primary).toMatchObject({ id: "weightedMEstimation", declared: false, biasedByDesign: null });
    expect(methodsText(r)).toContain(`The primary analysis was ${r.primary.label}, chosen by survinfer's default rule (not declared in the study specification`);
    expect(methodsText(r)).not.toMatch(/immortal-time bias/);
  });
});
