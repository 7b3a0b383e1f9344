/**
 * Referee s12 A1, A3, A6, A14, A15, B14: the sensitivity, cure and prediction sections say what their numbers are.
 * The example study (primary: clone–censor–weight, treatment after the origin) as `survinfer run` runs it, and two
 * variants: the same study without the primary's design (the negative control would be biased by design: not run) and
 * one without a treatment date (no immortal time: the negative control by the treatment-effect table, as before).
 */
import { describe, expect, it } from "vitest";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { exampleWithoutRecurrent, runExampleVariant } from "./render-study.js";
import { expectClose } from "../helpers/expect-close.js";
import { buildReportModel } from "../../src/report/render.js";
import { summaryText } from "../../src/cli/commands/run.js";
import { methodsText } from "../../src/report/methods-text.js";
import { NC_CCW_METHOD } from "../../src/study/sensitivity-step.js";
import { engineText, resetUntranslated, untranslatedEngineTexts } from "../../src/i18n/warnings.js";
import { withLanguage } from "../../src/i18n/language.js";
import type { StudyResults } from "../../src/study/run.js";

const dir = mkdtempSync(join(tmpdir(), "survinfer-senscure-"));
/** The example as it is (prediction without bootstrap, to save time; recurrent events left out). */
const example = exampleWithoutRecurrent;

const sectionText = (r: StudyResults, id: string): string => JSON.stringify(buildReportModel(r).model.sections.find((s) => s.id === id));

describe("negative control by the primary's design (referee s12 A1)", () => {
  it("runs on the primary's clone–censor–weight clones and weights, with other-cause death as the event, on the primary's patients", () => {
    const r = example();
    const nc = r.analyses.sensitivity!.negativeControl!;
    const ccw = r.analyses.immortalTime!.cloneCensorWeight!;
    expect(r.primary.id).toBe("cloneCensorWeight");
    expect(nc.estimateId).toBe("cloneCensorWeight");
    expect(nc.method).toBe(NC_CCW_METHOD);
    // the primary's patients (complete cases of the covariates), not the treatment-effect table's comparison
    expect(nc.n).toBe(ccw.arms[0].clones);
    expect(nc.n).toBe(r.analyses.sensitivity!.primary!.n);
    // the 3 other-cause deaths: the one at 0.59 months (before anyone was operated) counts in both strategies, so the
    // HR is estimable where the comparison by treatment ever received had 0 among the treated
    expect(nc.events).toBe(3);
    expect(nc.hr).not.toBeNull();
    expect(nc.lower!).toBeLessThan(nc.hr!);
    expect(nc.upper!).toBeGreaterThan(nc.hr!);
    expect(r.analyses.sensitivity!.notRun.some((n) => n.part === "negativeControl")).toBe(false);
    // 3 deaths: said to be too few to read "no clear association" as reassurance
    expect(r.analyses.sensitivity!.warnings).toContain("negative control: only 3 deaths from other causes, fewer than 10 (analyses.safeguards.minEvents): the hazard ratio and its interval are unstable, and an interval that contains 1 says little");
    const methods = methodsText(r);
    expect(methods).toContain("the cause-specific hazard of other causes (other events censored) was compared with the same method as the primary analysis (Clone–censor–weight, target-trial emulation (grace period 6 months))");
    expect(methods).not.toMatch(/compared by IPTW Cox/);
    const sec = sectionText(r, "sensitivity");
    expect(sec).toContain("clone–censor–weight as in the primary analysis (the same clones, censoring models and weights");
    expect(sec).not.toContain("0 among the treated");
  });

  it("with all deaths as the 'cause', the same code gives back the primary's per-protocol HR (the design is the primary's)", () => {
    const r = runExampleVariant(dir, "nc-all-deaths", (spec) => {
      for (const k of ["cure", "recurrent", "prediction", "competingRisks", "missing"]) delete spec.analyses[k];
      const os = spec.endpoints.os as { causes: { values: Record<string, unknown> } };
      const listed = Object.values(os.causes.values).flat();
      os.causes.values = { ...os.causes.values, "Any cause": listed };
      spec.analyses.sensitivity = { negativeControl: { cause: "Any cause" }, sampleSize: false };
    });
    const nc = r.analyses.sensitivity!.negativeControl!;
    const hr = r.analyses.immortalTime!.cloneCensorWeight!.hazardRatio!;
    expect(nc.estimateId).toBe("cloneCensorWeight");
    expect(nc.events).toBe(r.analyses.immortalTime!.cloneCensorWeight!.patientEvents);
    expectClose(nc.hr!, hr.hr, { rel: 1e-10 });
    expectClose(nc.lower!, hr.lower, { rel: 1e-10 });
    expectClose(nc.upper!, hr.upper, { rel: 1e-10 });
  });

  it("is not run, with its reason everywhere, when the only cause-specific comparison is by treatment ever received (immortal time)", () => {
    const r = runExampleVariant(dir, "nc-no-ccw", (spec) => {
      for (const k of ["cure", "recurrent", "prediction", "competingRisks", "missing"]) delete spec.analyses[k];
      spec.analyses.immortalTime = { ...(spec.analyses.immortalTime as Record<string, unknown>), cloneCensorWeight: false };
      spec.analyses.sensitivity = { negativeControl: { cause: "Other causes" }, sampleSize: false };
    });
    const s = r.analyses.sensitivity!;
    expect(r.primary.id).not.toBe("cloneCensorWeight");
    expect(s.negativeControl).toBeNull();
    const reason = s.notRun.find((n) => n.part === "negativeControl")!.reason;
    expect(reason).toMatch(/^the only cause-specific comparison available compares patients by treatment ever received from the origin and is biased by design \(immortal time\)/);
    expect(summaryText(r)).toContain(`not run: Negative-control outcome: ${reason}`);
    expect(methodsText(r)).toContain(`No negative-control outcome was analysed: ${reason}.`);
    expect(sectionText(r, "sensitivity")).toContain(`Negative-control outcome: ${reason}`);
    // German and Japanese: the reason is translated, not left in English
    for (const lang of ["de", "ja"] as const) {
      const sec = JSON.stringify(buildReportModel(r, lang).model.sections.find((x) => x.id === "sensitivity"));
      expect(sec).not.toContain("the only cause-specific comparison");
      expect(sec).toContain(lang === "de" ? "Der einzige verfügbare ursachenspezifische Vergleich" : "利用できる唯一の原因別の比較");
    }
  });

  it("without immortal time (no treatment date), still runs by the treatment-effect table's row, as before", () => {
    const r = runExampleVariant(dir, "nc-nodate", (spec) => {
      for (const k of ["cure", "recurrent", "prediction", "competingRisks", "missing"]) delete spec.analyses[k];
      delete spec.analyses.immortalTime;
      delete (spec.treatment as Record<string, unknown>).date;
      spec.analyses.sensitivity = { negativeControl: { cause: "Other causes" }, sampleSize: false, rosenbaum: false };
    });
    const s = r.analyses.sensitivity!;
    const nc = s.negativeControl!;
    expect(r.analyses.effects!.biasedByDesign ?? null).toBeNull();
    expect(r.analyses.effects!.estimates.map((e) => e.id)).toContain(nc.estimateId);
    expect(nc.method).not.toBe(NC_CCW_METHOD);
    expect(s.notRun.some((n) => n.part === "negativeControl")).toBe(false);
    // not estimable there (no death from other causes among the operated): said why, in the section and as a warning
    // (moved from primary-marks.test.ts: the example's negative control now runs on the primary's design)
    expect(nc.hr).toBeNull();
    const why = "could not be estimated: 3 deaths from other causes, 0 among the treated (Metastasectomy) and 3 among the untreated (No metastasectomy)";
    expect(nc.interpretation).toContain(why);
    expect(s.warnings.some((w) => w.startsWith("negative control: ") && w.includes(why))).toBe(true);
  });
});

describe("E-value of the per-protocol HR named as such (referee s12 A6)", () => {
  it("title, Methods and summary.txt name the per-protocol HR of the primary design, a secondary number, with its off-centre bootstrap", () => {
    const r = example();
    const p = r.analyses.sensitivity!.primary!;
    const offCentre = r.analyses.immortalTime!.cloneCensorWeight!.hazardRatio!.bootstrap!.bootstrapOffCentre;
    expect(offCentre).toBe(true);
    expect(p.bootstrapOffCentre).toBe(true);
    const built = buildReportModel(r);
    const table = built.tables.find((x) => x.id === "sensitivity-evalue")!.table;
    expect(table.title).toMatch(/^E-value of the per-protocol hazard ratio of the primary design \(a secondary number; /);
    // the HR row carries the design's own warning and its mark (the Read-first item of the off-centre bootstrap)
    expect(table.rows[0][1]).toMatch(/the bootstrap distribution of this hazard ratio is not centred on the estimate: the hazard ratio itself may be off, and its E-value with it ⚠\d+$/);
    const sec = sectionText(r, "sensitivity");
    expect(sec).toContain("for which no E-value is computed here");
    expect(sec).not.toContain("for which no E-value is defined");
    const methods = methodsText(r);
    expect(methods).toContain("Sensitivity to unmeasured confounding was assessed for the per-protocol hazard ratio of the primary design (a secondary number");
    expect(methods).not.toContain("was assessed for the primary estimate");
    const text = summaryText(r);
    expect(text).toContain("E-value of the per-protocol hazard ratio of the primary design (a secondary number), Clone–censor–weight");
    // among the primary's flags in brackets (after its residual imbalance, h/ccwdiag)
    expect(text).toMatch(/\[[^\]]*the bootstrap distribution of this hazard ratio is not centred on the estimate/);
  });
});

describe("summary.txt names parts and gives KM medians with their CI (referee s12 B14)", () => {
  it("says 'Rosenbaum bounds', not the results key, and 'median 55.8 (31.9–NR) months'", () => {
    const r = example();
    const text = summaryText(r);
    expect(text).toContain("not run: Rosenbaum bounds: ");
    expect(text).not.toContain("not run: rosenbaum:");
    const km = r.analyses.km!;
    for (const st of km.strata) {
      const m = st.median;
      const lim = (x: number | null): string => (x === null ? "NR" : x.toFixed(1));
      expect(text).toContain(`median ${m.estimate!.toFixed(1)} (${lim(m.lower)}–${lim(m.upper)}) months`);
    }
    expect(text).toContain("median 55.8 (31.9–NR) months");
  });
});

describe("the Riley block says which 60-month risk is which (referee s12 A14)", () => {
  it("names the exponential approximation of pmsampsize and gives the Kaplan–Meier risk of the decision curve beside it", () => {
    const r = example();
    const dc = r.analyses.prediction!.decisionCurve!;
    const z = r.analyses.sensitivity!.sampleSize!;
    expect(dc.horizon).toBe(z.horizon);
    const table = buildReportModel(r).tables.find((x) => x.id === "sensitivity-sample-size")!.table;
    const foot = table.footnotes!.join(" ");
    expect(foot).toContain(`by 60 months ${Math.round(100 * z.risk.estimate)}% (exponential approximation from the event rate, as pmsampsize; Kaplan–Meier ${(100 * dc.risk).toFixed(1)}%; 95% CI`);
  });
});

describe("a cure fraction that is not a finding does not lead (referee s12 A15, A3)", () => {
  it("summary.txt and the cure table lead with the Kaplan–Meier estimate at the end of follow-up and its CI; the model comes second, not supported", () => {
    const r = example();
    const c = r.analyses.cure!;
    const o = c.overall;
    expect(o.modelVsData).toBe("plateau-not-reached");
    const km = o.kmAtEnd!;
    const p1 = (x: number): string => (100 * x).toFixed(1);
    const text = summaryText(r);
    expect(text).toContain(`Metastasectomy (n = 44, 17 events): Kaplan–Meier at the end of follow-up ${p1(km.surv)}% (${p1(km.lower)}–${p1(km.upper)}), an upper bound on the proportion cured; model ${p1(o.cureFraction.estimate)}% (${p1(o.cureFraction.lower)}–${p1(o.cureFraction.upper)}), not supported by the data`);
    const t = buildReportModel(r).tables.find((x) => x.id === "cure-fraction")!.table;
    expect(t.headers[0][3]).toBe("Kaplan–Meier at the end of follow-up, % (95% CI): upper bound on the proportion cured");
    expect(t.headers[0][4]).toBe("Cured by the model, % (95% CI)");
    expect(t.rows[0][3]).toBe(`${p1(km.surv)} (${p1(km.lower)}–${p1(km.upper)})`);
    expect(t.rows[0][4]).toBe(`${p1(o.cureFraction.estimate)} (${p1(o.cureFraction.lower)}–${p1(o.cureFraction.upper)}); not supported by the data`);
    expect(t.footnotes![0]).toMatch(/^The model's cure fraction is not a finding here/);
    expect(t.headers[0]).not.toContain("KM at last event, %");
  });

  it("the cure figure draws no band for the unsupported fraction (the caption says so) and names its risk row by the treated population", () => {
    const r = example();
    const sec = buildReportModel(r).model.sections.find((s) => s.id === "cure")!;
    const fig = sec.blocks.find((b) => b.kind === "figure" && b.figure.id === "cure-fit");
    if (fig?.kind !== "figure") throw new Error("no cure figure");
    expect(fig.figure.svg).not.toContain("cure-band");
    expect(fig.figure.caption).toContain("drawn without its confidence band");
    expect(r.analyses.cure!.population!.kind).toBe("treated");
    expect(fig.figure.svg).not.toContain(">All patients<");
    expect(fig.figure.svg).toContain(">Metastasectomy<");
  });
});

describe("the negative control's new engine texts are translated (de, ja)", () => {
  it("the method, the per-strategy 'not estimable' sentence, the few-deaths warning and the reasons it is not run", () => {
    const texts = [
      NC_CCW_METHOD,
      'The association with other causes could not be estimated: 3 deaths from other causes, 1 counted in the strategy "treatment within the grace period" and 3 in "no treatment within the grace period" (a death before the end of the grace period counts in both).',
      "negative control: only 3 deaths from other causes, fewer than 10 (analyses.safeguards.minEvents): the hazard ratio and its interval are unstable, and an interval that contains 1 says little",
      "the only cause-specific comparison available compares patients by treatment ever received from the origin and is biased by design (immortal time); the primary design (Clone–censor–weight, target-trial emulation (grace period 6 months)) has no cause-specific version here: a death from the cause before treatment counts among the untreated by construction, so the check would show that bias, not residual confounding",
      "the primary design (Clone–censor–weight, target-trial emulation (grace period 6 months)) cannot be formed on endpoint os (no treatment date or no date origin)",
    ];
    for (const lang of ["de", "ja"] as const) {
      resetUntranslated();
      const out = withLanguage(lang, () => texts.map(engineText));
      expect(untranslatedEngineTexts()).toEqual([]);
      out.forEach((o, k) => expect(o).not.toBe(texts[k]));
      // the strategies and the nested primary label are translated too, not left in English
      expect(out.join(" ")).not.toMatch(/grace period|Clone–censor–weight/);
    }
  });
});
