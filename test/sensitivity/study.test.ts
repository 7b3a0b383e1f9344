/**
 * analyses.sensitivity in a study: the example study with `sensitivity: { negativeControl: ... }` run as
 * `survinfer run` runs it; results.json fields, the report section (population n on every table and
 * figure) and summary.txt lines, each checked against an independent computation where one exists.
 */
import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runExampleVariant, ROOT } from "../report/render-study.js";
import { expectClose } from "../helpers/expect-close.js";
import { buildReportModel } from "../../src/report/render.js";
import { summaryText } from "../../src/cli/commands/run.js";
import { methodsText } from "../../src/report/methods-text.js";
import { eValueFromSurvival } from "../../src/causal/evalue.js";
import { biasFactor } from "../../src/sensitivity/bias-analysis.js";
import { kaplanMeier } from "../../src/survival/kaplan-meier.js";
import type { StudyResults } from "../../src/study/run.js";

const dir = mkdtempSync(join(tmpdir(), "survinfer-sens-"));
let cached: StudyResults | undefined;
function results(): StudyResults {
  cached ??= runExampleVariant(dir, "sens", (spec) => {
    for (const k of ["cure", "recurrent"]) delete spec.analyses[k];
    (spec.analyses.prediction as Record<string, unknown>).bootstrap = 0;
    spec.analyses.sensitivity = { negativeControl: { cause: "Other causes" } };
  });
  return cached;
}

describe("analyses.sensitivity on the example study", () => {
  it("gives the E-value of the primary estimate with the rare-outcome rule from 1 − KM at the end of follow-up", () => {
    const r = results();
    const s = r.analyses.sensitivity!;
    const p = s.primary!;
    expect(p.id).toBe(r.primary.id);
    const os = r.analyses.km!;
    // the KM of all patients on the outcome (not by treatment): recompute independently from the endpoint rows
    const all = kaplanMeier({ time: Float64Array.from(os.strata.flatMap((x) => x.time.flatMap((t, j) => Array(x.nEvent[j] + x.nCensor[j]).fill(t) as number[]))), status: Int32Array.from(os.strata.flatMap((x) => x.time.flatMap((_, j) => [...Array(x.nEvent[j]).fill(1), ...Array(x.nCensor[j]).fill(0)] as number[]))) });
    const sEnd = all.strata[0].surv.at(-1)!;
    const ev = eValueFromSurvival({ hr: p.hr, lower: p.lower, upper: p.upper, survivalAtEnd: sEnd });
    expectClose(s.eValue!.point, ev.point, { rel: 1e-12 });
    expect(s.eValue!.ci).toBe(ev.ci);
    expect(s.eValue!.n).toBe(p.n);
    expectClose(s.eValue!.outcomeRisk, 1 - sEnd, { rel: 1e-12 });
  });

  it("gives no Rosenbaum bounds for matched pairs biased by design (immortal time), and says why (issue 19 point 4)", () => {
    const s = results().analyses.sensitivity!;
    expect(s.rosenbaum).toBeNull();
    expect(s.notRun.find((n) => n.part === "rosenbaum")?.reason).toMatch(/biased by design \(immortal time\)/);
  });

  it("runs the Rosenbaum bounds on the 1:1 matched pairs without a treatment date, tests the direction the pairs point in, and flags a matching that worsened balance", () => {
    const r = runExampleVariant(dir, "sens-nodate", (spec) => {
      for (const k of ["cure", "recurrent", "prediction", "competingRisks"]) delete spec.analyses[k];
      delete spec.analyses.immortalTime;
      delete (spec.treatment as Record<string, unknown>).date;
      spec.analyses.sensitivity = { sampleSize: false };
    });
    const s = r.analyses.sensitivity!;
    const m = r.analyses.propensity!.analysis.matching!.result;
    const rb = s.rosenbaum!;
    expect(rb.nPairs).toBe(m.matched.length);
    expect(rb.n).toBe(2 * rb.nPairs);
    expect(rb.prenticeWilcoxon.rows[0].pUpper).toBeLessThanOrEqual(0.5);
    expect(rb.pairOrder.counts.treatedLonger + rb.pairOrder.counts.controlLonger + rb.pairOrder.counts.undetermined).toBe(rb.nPairs);
    expect(rb.caveat).toBeNull();
    expect(rb.statusAt!.counts.time).toBe(60);
    // the methods and the table give the time with its unit (issue 19 (7))
    const methods = methodsText(r);
    expect(methods).toMatch(/McNemar's test on death by 60 months/);
    expect(methods).not.toMatch(/death by 60[,.;]/);
    const ros = buildReportModel(r).tables.find((x) => x.id === "sensitivity-rosenbaum")!.table;
    expect(ros.headers[0]).toContain("Death by 60 months, upper p");
    // the flag follows the balance verdict: set exactly when matching made balance worse
    const worse = r.analyses.propensity!.balance.worsened?.some((w) => w.sample === "matched") ?? false;
    expect(rb.flag != null).toBe(worse);
    if (worse) expect(rb.flag).toMatch(/^matching worsened covariate balance/);
  });

  it("bias analysis divides the primary HR and limits by B over the default grid", () => {
    const s = results().analyses.sensitivity!;
    const b = s.biasAnalysis!;
    expect(b.grid.gammas).toEqual([0.33, 0.5, 2, 3]);
    const panel = b.panels[2];
    expectClose(panel.hr[3][7], s.primary!.hr / biasFactor(2, b.grid.p1[7], b.grid.p0[3]), { rel: 1e-14 });
    expectClose(panel.upper[5][1], s.primary!.upper / biasFactor(2, b.grid.p1[1], b.grid.p0[5]), { rel: 1e-14 });
  });

  it("negative control: events are the deaths from other causes in the data, with an interpretation sentence", () => {
    const nc = results().analyses.sensitivity!.negativeControl!;
    const lines = readFileSync(join(ROOT, "examples", "lms-metastasectomy", "cohort.csv"), "utf8").trim().split("\n");
    const head = lines[0].split(",");
    const c = head.indexOf("cause_of_death");
    const d = head.indexOf("date_death");
    const other = lines.slice(1).map((l) => l.split(",")).filter((f) => f[d] !== "" && f[c] === "other").length;
    expect(nc.events).toBe(other);
    expect(nc.cause).toBe("Other causes");
    expect(nc.interpretation.length).toBeGreaterThan(20);
    expect(nc.n).toBeGreaterThan(0);
  });

  it("Riley criteria for the prediction model compare the minimum with the patients at hand", () => {
    const r = results();
    const z = r.analyses.sensitivity!.sampleSize!;
    const fit = r.analyses.prediction!.validation.fit;
    expect(z.available.n).toBe(fit.n);
    expect(z.available.events).toBe(fit.nEvent);
    expectClose(z.anticipated.rsquaredApparent, 1 - Math.exp(-(2 * (fit.loglik[1] - fit.loglik[0])) / fit.n), { rel: 1e-12 });
    expect(z.n).toBe(Math.max(...z.criteria.map((c) => c.n)));
    expect(z.available.enough).toBe(fit.n >= z.n);
    expect(z.horizon).toBe(60);
  });

  it("the report has the section, with the population n in every table and figure title, and summary.txt has the lines", () => {
    const r = results();
    const built = buildReportModel(r);
    const sec = built.model.sections.find((x) => x.id === "sensitivity")!;
    expect(sec).toBeDefined();
    const tables = sec.blocks.filter((b) => b.kind === "table");
    const figures = sec.blocks.filter((b) => b.kind === "figure");
    // E-value, bias analysis, negative control; no Rosenbaum bounds: the matched pairs are biased by design (issue 19); the
    // Riley sample size is in the prediction section, beside the calculator decision that uses it (issue 19)
    expect(tables.length).toBe(3);
    const prediction = built.model.sections.find((x) => x.id === "prediction")!;
    expect(prediction.blocks.some((b) => b.kind === "table" && b.id === "sensitivity-sample-size")).toBe(true);
    expect(figures.length).toBe(1);
    for (const b of tables) if (b.kind === "table") expect(b.table.title).toMatch(/n = \d+/);
    for (const b of figures) if (b.kind === "figure") {
      expect(b.figure.title).toMatch(/n = \d+/);
      expect(b.figure.svg.startsWith("<svg")).toBe(true);
    }
    const methods = methodsText(r);
    // the example's primary is clone–censor–weight: its E-value is of the design's per-protocol HR, a secondary number (referee s12 A6)
    expect(methods).toMatch(/Sensitivity to unmeasured confounding was assessed for the per-protocol hazard ratio of the primary design/);
    // no Rosenbaum bounds on pairs biased by design, so the methods do not claim them
    expect(methods).not.toMatch(/Rosenbaum bounds/);
    expect(methods).toMatch(/negative-control outcome/);
    const text = summaryText(r);
    expect(text).toContain("Sensitivity to unmeasured confounding:");
    expect(text).toMatch(/E-value of the per-protocol hazard ratio of the primary design \(a secondary number\)/);
    expect(text).toMatch(/Riley minimum sample size/);
  });

  it("is absent without analyses.sensitivity", () => {
    const r = runExampleVariant(dir, "nosens", (spec) => {
      for (const k of ["cure", "recurrent", "prediction", "competingRisks", "sensitivity"]) delete spec.analyses[k];
    });
    expect(r.analyses.sensitivity).toBeUndefined();
  });

  it("refuses a negative-control cause that the endpoint does not list, naming the causes", () => {
    expect(() =>
      runExampleVariant(dir, "badcause", (spec) => {
        for (const k of ["cure", "recurrent", "prediction", "competingRisks"]) delete spec.analyses[k];
        spec.analyses.sensitivity = { negativeControl: { cause: "Cardiac" } };
      }),
    ).toThrow(/not listed.*Listed causes/);
  });
});

describe("analyses.sensitivity parts that cannot run", () => {
  it("says why: no 1:1 matching (weighting only), no prediction model; the rest runs", () => {
    const r = runExampleVariant(dir, "weightonly", (spec) => {
      for (const k of ["cure", "recurrent", "prediction", "competingRisks"]) delete spec.analyses[k];
      delete (spec.analyses.propensity as Record<string, unknown>).matching;
      spec.analyses.sensitivity = {};
    });
    const s = r.analyses.sensitivity!;
    expect(s.rosenbaum).toBeNull();
    expect(s.sampleSize).toBeNull();
    expect(s.notRun.map((n) => n.part)).toEqual(["rosenbaum", "sampleSize"]);
    expect(s.notRun[0].reason).toMatch(/PS matching/);
    expect(s.eValue).not.toBeNull();
    expect(s.biasAnalysis).not.toBeNull();
    const sec = buildReportModel(r).model.sections.find((x) => x.id === "sensitivity")!;
    expect(JSON.stringify(sec)).toContain("Not run:");
  });
});
