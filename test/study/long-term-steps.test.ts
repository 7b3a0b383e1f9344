/**
 * analyses.cure and analyses.prediction in a study: the steps give what the R-checked engines give
 * when called directly on hand-built inputs (weibullCure, validatePredictionModel), the per-group
 * cure fractions are the patients' average, the calculator reproduces every patient's predicted
 * survival and cure probability, the report gains its sections, and bad specs fail at their line.
 * (The comparison with R itself: test/study/long-term-vs-r.test.ts.)
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { streams } from "../../src/simulate/rng.js";
import { SurvinferError } from "../../src/errors.js";
import { buildReportModel } from "../../src/report/render.js";
import { parseStudySpecWithLines } from "../../src/study/spec.js";
import { predictPatient } from "../../src/study/calculator.js";
import { weibullCure } from "../../src/survival/cure/weibull.js";
import { readTableFile } from "../../src/data/read-file.js";
import { validatePredictionModel } from "../../src/survival/validation/index.js";
import { expectClose } from "../helpers/expect-close.js";
import { runSpecFile } from "../report/render-study.js";

interface Patient {
  id: number;
  time: number;
  status: number;
  age: number;
  nmets: number;
  timing: "metachronous" | "synchronous";
  arm: "surgery" | "none";
}

/** A mixture-cure cohort: cure more likely with few metastases and surgery; Weibull latency in months. */
function cohort(n: number, seed: number): Patient[] {
  const stream = streams(seed, 1)[0];
  const u = (): number => stream.uniform();
  const out: Patient[] = [];
  for (let i = 0; i < n; i++) {
    const age = Math.round(40 + 35 * u());
    const nmets = 1 + Math.floor(6 * u() * u());
    const timing = u() < 0.35 ? "synchronous" : "metachronous";
    const arm = u() < 0.6 ? "surgery" : "none";
    const etaUncured = -0.2 + 0.45 * (nmets - 2) + (arm === "surgery" ? -0.6 : 0);
    const cured = u() > 1 / (1 + Math.exp(-etaUncured));
    const rate = 0.04 * Math.exp(0.02 * (age - 55));
    const tEvent = cured ? Infinity : Math.pow(-Math.log(u()), 1 / 1.2) / rate;
    const tCensor = 12 + 120 * u();
    const time = Math.max(0.5, Math.round(Math.min(tEvent, tCensor) * 10) / 10);
    out.push({ id: i + 1, time, status: tEvent <= tCensor ? 1 : 0, age, nmets, timing, arm });
  }
  return out;
}

const PATIENTS = cohort(300, 8);

function csv(rows: readonly Patient[]): string {
  return ["id,time,status,age,nmets,timing,arm", ...rows.map((p) => [p.id, p.time, p.status, p.age, p.nmets, p.timing, p.arm].join(","))].join("\n") + "\n";
}

function spec(analyses: string): string {
  return `title: Long-term test
data: { file: cohort.csv, id: id }
endpoints:
  os: { label: Overall survival, time: time, status: status, values: [1], unit: months }
treatment: { column: arm, treated: surgery }
covariates:
  - { name: age, label: Age (years) }
  - { name: nmets, label: Lung metastases }
  - { name: timing, label: Timing, reference: metachronous }
analyses:
${analyses}
seed: 3
`;
}

/** The rows alone as cohort.csv in a fresh folder; returns its path. */
function writeCsv(rows: readonly Patient[]): string {
  const dir = mkdtempSync(join(tmpdir(), "survinfer-lt-"));
  writeFileSync(join(dir, "cohort.csv"), csv(rows));
  return join(dir, "cohort.csv");
}

function writeStudy(specText: string, rows: readonly Patient[] = PATIENTS): string {
  const dir = mkdtempSync(join(tmpdir(), "survinfer-lt-"));
  writeFileSync(join(dir, "cohort.csv"), csv(rows));
  writeFileSync(join(dir, "study.yaml"), specText);
  return join(dir, "study.yaml");
}

const expit = (x: number): number => 1 / (1 + Math.exp(-x));

describe("analyses.cure in a study", () => {
  const path = writeStudy(spec("  cure: { endpoint: os, by: treatment, incidence: [nmets], latency: [age] }"));
  const r = runSpecFile(path);
  const c = r.analyses.cure!;

  it("fits the Weibull cure model the engine fits on the same matrices (group as a treatment dummy in both parts)", () => {
    const n = PATIENTS.length;
    const surgery = Float64Array.from(PATIENTS, (p) => (p.arm === "surgery" ? 1 : 0));
    const z = new Float64Array(2 * n);
    const x = new Float64Array(2 * n);
    PATIENTS.forEach((p, i) => {
      z[i] = p.nmets;
      z[n + i] = surgery[i];
      x[i] = p.age;
      x[n + i] = surgery[i];
    });
    const direct = weibullCure({ time: Float64Array.from(PATIENTS, (p) => p.time), status: Int32Array.from(PATIENTS, (p) => p.status), z, zNames: ["nmets", "armsurgery"], x, xNames: ["age", "armsurgery"] });
    expect(c.fit.incidence.map((k) => k.name)).toEqual(["(Intercept)", "nmets", "armsurgery"]);
    expectClose(c.fit.incidence.map((k) => k.estimate), direct.incidence.map((k) => k.estimate), { rel: 1e-12 });
    expectClose(c.fit.latency.map((k) => k.se), direct.latency.map((k) => k.se), { rel: 1e-12 });
    expect(c.incidenceLabels.armsurgery).toBe("arm: surgery vs none");
  });

  it("gives each group's cure fraction as its patients' average π(z), with a CI around it, and curves that start at 1 and fall to it", () => {
    const g = c.fit.incidence.map((k) => k.estimate);
    for (const group of c.groups) {
      const members = PATIENTS.filter((p) => p.arm === group.name);
      const avg = members.reduce((s, p) => s + 1 - expit(g[0] + g[1] * p.nmets + g[2] * (p.arm === "surgery" ? 1 : 0)), 0) / members.length;
      expectClose(group.cureFraction.estimate, avg, { rel: 1e-12 });
      expect(group.cureFraction.lower).toBeLessThan(avg);
      expect(group.cureFraction.upper).toBeGreaterThan(avg);
      expect(group.n).toBe(members.length);
      expect(group.curve.surv[0]).toBe(1);
      const last = group.curve.surv[group.curve.surv.length - 1];
      expect(last).toBeGreaterThan(group.cureFraction.estimate);
      for (let k = 1; k < group.curve.surv.length; k++) expect(group.curve.surv[k]).toBeLessThanOrEqual(group.curve.surv[k - 1]);
    }
    expect(c.groups.map((x) => x.name)).toEqual(["none", "surgery"]);
    expect(c.km.strata.map((s) => s.name)).toEqual(["none", "surgery"]);
    // the simulated truth: surgery cures more often
    expect(c.groups[1].cureFraction.estimate).toBeGreaterThan(c.groups[0].cureFraction.estimate);
    expect(c.patients.row).toHaveLength(PATIENTS.length);
    expect(c.patients.cureProbability.every((p, i) => (PATIENTS[i].status === 1 ? p === 0 : p > 0 && p < 1))).toBe(true);
  });

  it("reports the cure fraction at covariate profiles: quartiles of a numeric covariate, the group dummy at its mean", () => {
    const g = c.fit.incidence.map((k) => k.estimate);
    const sorted = PATIENTS.map((p) => p.nmets).sort((a, b) => a - b);
    const q = (p: number): number => {
      const h = (sorted.length - 1) * p;
      const lo = Math.floor(h);
      return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
    };
    const meanSurgery = PATIENTS.filter((p) => p.arm === "surgery").length / PATIENTS.length;
    const profiles = c.fit.cureFraction.profiles;
    expect(profiles.map((p) => p.name)).toEqual([`Lung metastases = ${q(0.25)} (lower quartile)`, `Lung metastases = ${q(0.5)} (median)`, `Lung metastases = ${q(0.75)} (upper quartile)`]);
    profiles.forEach((p, k) => expectClose(p.estimate, 1 - expit(g[0] + g[1] * q([0.25, 0.5, 0.75][k]) + g[2] * meanSurgery), { rel: 1e-12 }));
    expect(profiles.every((p) => p.lower < p.estimate && p.estimate < p.upper)).toBe(true);
  });

  it("renders the cure section: follow-up reading, cure-fraction table, model over KM, coefficients", () => {
    const { model, figures, tables } = buildReportModel(r);
    const section = model.sections.find((s) => s.id === "cure");
    expect(section).toBeDefined();
    expect(figures.map((f) => f.id)).toContain("cure-fit");
    expect(tables.map((t) => t.id)).toEqual(expect.arrayContaining(["cure-fraction", "cure-model", "cure-profiles"]));
    const fraction = tables.find((t) => t.id === "cure-fraction")!.table;
    expect(fraction.rows.map((row) => row[0])).toEqual(["All patients", "none", "surgery"]);
    // the model's cure fraction: its own column ("Cured" or, when a group's fraction is not a finding, "Cured by the
    // model" after the Kaplan–Meier column; referee s12 A15)
    const col = fraction.headers[0].findIndex((h) => /^Cured/.test(typeof h === "string" ? h : h.text));
    expect(col).toBeGreaterThan(2);
    expect(fraction.rows[1][col]).toContain(`${(100 * c.groups[0].cureFraction.estimate).toFixed(1)} (${(100 * c.groups[0].cureFraction.lower).toFixed(1)}–${(100 * c.groups[0].cureFraction.upper).toFixed(1)})`);
    const text = section!.blocks.filter((b) => b.kind === "text" || b.kind === "note").map((b) => (b as { text: string }).text).join(" ");
    expect(text).toMatch(/follow-up/i);
  });

  it("fits the semiparametric model with seeded bootstrap SEs (same seed, same numbers)", () => {
    const p1 = writeStudy(spec("  cure: { endpoint: os, model: ph, incidence: [nmets], latency: [age], bootstrap: 20 }"));
    const a = runSpecFile(p1).analyses.cure!;
    const p2 = writeStudy(spec("  cure: { endpoint: os, model: ph, incidence: [nmets], latency: [age], bootstrap: 20 }") + "\n");
    const b = runSpecFile(p2).analyses.cure!;
    expect(a.fit.method).toBe("ph-mixture-cure-em");
    expect(a.fit.incidence.map((k) => k.se)).toEqual(b.fit.incidence.map((k) => k.se));
    expect(a.groups).toEqual([]);
    expect(Number.isFinite(a.overall.cureFraction.lower)).toBe(true);
  });

  it("calls a group without events not estimable and draws no model curve for it", () => {
    const rows = PATIENTS.map((p) => (p.arm === "none" ? { ...p, status: 0 } : p));
    const res = runSpecFile(writeStudy(spec("  cure: { endpoint: os, by: treatment, incidence: [nmets] }"), rows));
    const table = buildReportModel(res).tables.find((t) => t.id === "cure-fraction")!.table;
    const col = table.headers[0].findIndex((h) => /^Cured/.test(typeof h === "string" ? h : h.text));
    expect(table.rows.find((r) => r[0] === "none")![col]).toBe("not estimable (no events)");
    const svg = buildReportModel(res).figures.find((f) => f.id === "cure-fit")!.svg;
    // the group with a model is labelled on its cure line ("cured …", or the model's name when the data do not support the fraction)
    expect(svg).toMatch(/surgery: (cured|mixture cure model)/);
    expect(svg).not.toMatch(/none: (cured|mixture cure model)/);
  });

  it("leaves out patients with a missing covariate and says so", () => {
    const rows = PATIENTS.map((p, i) => (i % 50 === 0 ? { ...p, nmets: Number.NaN } : p));
    const dir = mkdtempSync(join(tmpdir(), "survinfer-lt-"));
    writeFileSync(join(dir, "cohort.csv"), csv(rows).replace(/,NaN,/g, ",,"));
    writeFileSync(join(dir, "study.yaml"), spec("  cure: { endpoint: os, incidence: [nmets] }"));
    const res = runSpecFile(join(dir, "study.yaml")).analyses.cure!;
    expect(res.overall.n).toBe(PATIENTS.length - 6);
    expect(res.nExcluded).toBe(6);
    expect(res.warnings.join("\n")).toMatch(/6 patient\(s\) with a missing covariate/);
  });
});

describe("analyses.prediction in a study", () => {
  const path = writeStudy(
    spec(`  cure: { endpoint: os, incidence: [nmets, timing], latency: [age] }
  prediction: { endpoint: os, covariates: [age, nmets, timing], time: 60, bootstrap: 20, population: all }`),
  );
  const r = runSpecFile(path);
  const p = r.analyses.prediction!;

  it("validates the Cox model validatePredictionModel validates on the raw columns", () => {
    const read = readTableFile(join(path, "..", "cohort.csv"), { fileName: "cohort.csv" });
    const direct = validatePredictionModel(read.table, "Surv(time, status) ~ age + nmets + timing", { time: 60, B: 20, seed: 3, reference: { timing: "metachronous" } });
    expectClose(p.validation.fit.coef as number[], direct.fit.coef as number[], { rel: 1e-12 });
    expectClose(p.validation.harrell.value, direct.harrell.value, { rel: 1e-14 });
    expectClose(p.validation.optimism!.indices.map((i) => i.corrected), direct.optimism!.indices.map((i) => i.corrected), { rel: 1e-10 });
    expect(p.termLabels.timingsynchronous).toBe("Timing: synchronous vs metachronous");
  });

  it("has a calculator that reproduces each patient's model survival at the horizon, and no probability of cure from an all-cause model", () => {
    const calc = p.calculator;
    expect(calc.inputs.map((i) => [i.name, i.kind])).toEqual([
      ["age", "numeric"],
      ["nmets", "numeric"],
      ["timing", "categorical"],
    ]);
    const timing = calc.inputs[2];
    expect(timing.kind === "categorical" && timing.levels).toEqual(["metachronous", "synchronous"]);
    // the calculator uses the shrunken model: s·β and S0(t) re-estimated for it
    const nom = p.nomogram!;
    const s0 = p.shrinkage.factor;
    expect(s0).toBeLessThan(1);
    const beta = (p.validation.fit.coef as number[]).map((b) => s0 * b);
    for (const pt of PATIENTS.slice(0, 40)) {
      const [s] = predictPatient(calc, { age: pt.age, nmets: pt.nmets, timing: pt.timing });
      const lp = beta[0] * pt.age + beta[1] * pt.nmets + beta[2] * (pt.timing === "synchronous" ? 1 : 0);
      expectClose(s.value, Math.pow(nom.baselineSurv, Math.exp(lp - nom.centre)), { rel: 1e-12 });
    }
    // the cure model is of death from any cause among treated and untreated together: not a cure of the disease
    expect(calc.outputs.map((o) => o.id)).toEqual(["survival"]);
    expect(calc.notes.join(" ")).toMatch(/does not show a probability of cure: the study's cure model is of death from any cause among the 300 patients of the model, treated and untreated together/);
    const numeric = calc.inputs[0];
    expect(numeric.kind === "numeric" && [numeric.min, numeric.max]).toEqual([Math.min(...PATIENTS.map((x) => x.age)), Math.max(...PATIENTS.map((x) => x.age))]);
  });

  it("shrinks by the optimism-corrected calibration slope, and says so in the calculator's notes", () => {
    const slope = p.validation.optimism!.indices.find((i) => i.name === "slope")!.corrected;
    expect(p.shrinkage).toEqual({ factor: slope, source: "bootstrap", correctedSlope: slope });
    expect(p.nomogram!.columns.map((c) => c.coef)).toEqual(p.validation.nomogram!.columns.map((c) => slope * c.coef));
    expect(p.calculator.notes.join(" ")).toContain(`Coefficients shrunk by ${slope.toFixed(2)}`);
    expect(p.population).toEqual({ kind: "all", description: "all patients", fromTreatment: false });
    // the smoothed calibration and the decision curve come with the model
    expect(p.smoothedCalibration!.ici).toBeGreaterThan(0);
    expect(p.decisionCurve!.points).toHaveLength(99);
  });

  it("is fitted to the treated by default, and shrinkage can be switched off or set", () => {
    const treated = runSpecFile(writeStudy(spec(`  prediction: { endpoint: os, covariates: [age, nmets], time: 60, bootstrap: 0, shrinkage: none }`))).analyses.prediction!;
    expect(treated.population.kind).toBe("treated");
    expect(treated.population.description).toBe("treated patients (arm = surgery)");
    const surgery = PATIENTS.filter((x) => x.arm === "surgery");
    const direct = validatePredictionModel(readTableFile(writeCsv(surgery), { fileName: "cohort.csv" }).table, "Surv(time, status) ~ age + nmets", { time: 60, B: 0 });
    expect(treated.validation.n).toBe(surgery.length);
    expectClose(treated.validation.fit.coef as number[], direct.fit.coef as number[], { rel: 1e-12 });
    expect(treated.shrinkage).toEqual({ factor: 1, source: "none", correctedSlope: null });
    expect(treated.warnings.join(" ")).toMatch(/survival is counted from the endpoint's origin/);
    const set = runSpecFile(writeStudy(spec(`  prediction: { endpoint: os, covariates: [age, nmets], time: 60, bootstrap: 0, shrinkage: 0.8 }`))).analyses.prediction!;
    expect(set.shrinkage.factor).toBe(0.8);
    expect(set.nomogram!.columns.map((c) => c.coef)).toEqual(set.validation.nomogram!.columns.map((c) => 0.8 * c.coef));
  });

  it("leaves out a covariate whose coefficient diverges, and says so (the calculator would promise 100% survival)", () => {
    // no events at all among synchronous patients: timing's coefficient runs to −∞
    const rows = PATIENTS.map((x) => (x.timing === "synchronous" ? { ...x, status: 0 } : x));
    const q = runSpecFile(writeStudy(spec(`  prediction: { endpoint: os, covariates: [age, nmets, timing], time: 60, bootstrap: 0, population: all }`), rows)).analyses.prediction!;
    expect(q.covariates).toEqual(["age", "nmets"]);
    expect(q.dropped).toEqual([{ covariate: "Timing", reason: expect.stringMatching(/^its coefficient \(timingsynchronous\) diverged/) }]);
    expect(q.warnings[0]).toMatch(/^Timing left out of the prediction model: its coefficient \(timingsynchronous\) diverged/);
  });

  it("shows the probability of cure π(z) for a cause-specific cure model of the operated patients only, and reproduces it", () => {
    const operated = PATIENTS.filter((x) => x.arm === "surgery");
    const dir = mkdtempSync(join(tmpdir(), "survinfer-lt-"));
    const cause = (x: Patient): string => (x.status === 1 ? (x.id % 4 === 0 ? "other" : "sarcoma") : "");
    writeFileSync(join(dir, "cohort.csv"), ["id,time,status,age,nmets,timing,arm,cause", ...operated.map((x) => [x.id, x.time, x.status, x.age, x.nmets, x.timing, x.arm, cause(x)].join(","))].join("\n") + "\n");
    writeFileSync(
      join(dir, "study.yaml"),
      spec(`  cure: { endpoint: os, cause: Sarcoma, incidence: [nmets, timing], latency: [age] }
  prediction: { endpoint: os, covariates: [age, nmets, timing], time: 60, bootstrap: 0 }`).replace("unit: months }", "unit: months, causes: { column: cause, values: { Sarcoma: sarcoma, Other: other } } }").replace("treatment: { column: arm, treated: surgery }\n", ""),
    );
    const res = runSpecFile(join(dir, "study.yaml"));
    const c = res.analyses.cure!;
    expect(c.claims.cause).toBe("Sarcoma");
    expect(c.claims.isCureOfDisease).toBe(true);
    expect(c.fit.nEvent).toBe(operated.filter((x) => cause(x) === "sarcoma").length);
    const calc = res.analyses.prediction!.calculator;
    expect(calc.outputs.map((o) => o.id)).toEqual(["survival", "cure"]);
    expect(calc.outputs[1].label).toBe("Probability of cure");
    const g = c.fit.incidence.map((k) => k.estimate);
    for (const pt of operated.slice(0, 30)) {
      const [, pc] = predictPatient(calc, { age: pt.age, nmets: pt.nmets, timing: pt.timing });
      expectClose(pc.value, 1 - expit(g[0] + g[1] * pt.nmets + g[2] * (pt.timing === "synchronous" ? 1 : 0)), { rel: 1e-12 });
    }
  });

  it("leaves the probability of cure out of the calculator when the cure model uses other covariates", () => {
    const other = runSpecFile(writeStudy(spec(`  cure: { endpoint: os, by: treatment, incidence: [nmets] }
  prediction: { endpoint: os, covariates: [age, nmets], time: 60, bootstrap: 0 }`))).analyses.prediction!;
    expect(other.calculator.outputs.map((o) => o.id)).toEqual(["survival"]);
    expect(other.calculator.notes.join(" ")).toMatch(/does not show a probability of cure/);
    expect(other.validation.optimism).toBeNull();
  });

  it("renders the prediction section: model, performance, calibration, nomogram, calculator, TRIPOD list", () => {
    // the rendering of a model offered for use (the checks of src/study/calculator-use.ts are tested in test/study/calculator-use.test.ts)
    expect(p.calculatorUse).toBeDefined();
    const offered = { ...r, analyses: { ...r.analyses, prediction: { ...p, calculatorUse: { ...p.calculatorUse!, offered: true, failed: [] } } } };
    const { model, figures, tables } = buildReportModel(offered);
    const section = model.sections.find((s) => s.id === "prediction")!;
    expect(figures.map((f) => f.id)).toEqual(expect.arrayContaining(["calibration", "decision-curve", "nomogram"]));
    // the apparent smoothed calibration is said in words, not drawn (it lies on the diagonal by construction)
    expect(figures.map((f) => f.id)).not.toContain("calibration-smoothed");
    expect(tables.map((t) => t.id)).toEqual(expect.arrayContaining(["prediction-model", "prediction-performance", "prediction-calibration", "decision-curve"]));
    // the text says who the model is for and the shrunken formula the calculator uses
    const intro = section.blocks[0];
    expect(intro.kind === "text" && intro.text).toContain(`The model is fitted to all patients. The nomogram and the calculator use coefficients shrunk by ${p.shrinkage.factor.toFixed(2)}`);
    const said = section.blocks.find((b) => b.kind === "text" && b.text.startsWith("A smoothed calibration curve"));
    expect(said && said.kind === "text" && said.text).toContain(`apparent ICI ${p.smoothedCalibration!.ici.toFixed(3)}`);
    const nb = tables.find((t) => t.id === "decision-curve")!.table;
    expect(nb.rows).toHaveLength(9);
    expect(nb.rows[0]).toEqual(["10", expect.any(String), p.decisionCurve!.points[9].netBenefitModel.toFixed(3), p.decisionCurve!.points[9].netBenefitAll.toFixed(3), p.decisionOptimism!.netBenefit[9].corrected.toFixed(3)]);
    // with a bootstrap: the calculator's ICI and the net benefit corrected for optimism (decision-optimism.ts)
    expect(said && said.kind === "text" && said.text).toContain(`ICI ${p.decisionOptimism!.calibration!.ici.corrected.toFixed(3)} (apparent ${p.decisionOptimism!.calibration!.ici.apparent.toFixed(3)})`);
    expect(p.decisionOptimism!.B).toBe(p.validation.options.B);
    expect(section.blocks.some((b) => b.kind === "calculator")).toBe(true);
    const list = section.blocks.find((b) => b.kind === "list");
    expect(list && list.kind === "list" && list.items.join("\n")).toMatch(/15a full model/);
    // the bias-corrected calibration is on the same groups (rms orders them highest risk first)
    const cal = p.validation.calibration!;
    const cc = p.validation.calibrationCorrected!;
    expect([...cc.groups].reverse().map((g) => g.n)).toEqual(cal.groups.map((g) => g.n));
    expectClose([...cc.groups].reverse().map((g) => g.predicted as number), cal.groups.map((g) => g.predicted), { rel: 1e-12 });
    const calTable = tables.find((t) => t.id === "prediction-calibration")!.table;
    expect(calTable.headers[0].at(-1)).toBe("Bias-corrected, %");
    expect(calTable.rows[0].at(-1)).toBe((100 * (cc.groups.at(-1)!.observedCorrected as number)).toFixed(1));
    const perf = tables.find((t) => t.id === "prediction-performance")!.table;
    expect(perf.rows[0]).toEqual(["Harrell's C", p.validation.harrell.value.toFixed(3), expect.any(String), p.validation.optimism!.indices[0].corrected.toFixed(3)]);
  });

  it("names the spec line of a prediction covariate that is not declared", () => {
    const text = spec("  prediction: { endpoint: os, covariates: [age, size], time: 60 }");
    let err: unknown;
    try {
      parseStudySpecWithLines(text, "study.yaml");
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SurvinferError);
    expect(String((err as Error).message)).toMatch(/analyses\.prediction\.covariates\[1\].*"size" is not a declared covariate/s);
  });

  it("refuses population: treated in a study without a treatment, and an unknown population", () => {
    const noTreatment = spec("  prediction: { endpoint: os, covariates: [age], time: 60, population: treated }").replace("treatment: { column: arm, treated: surgery }\n", "");
    expect(() => parseStudySpecWithLines(noTreatment, "study.yaml")).toThrow(/analyses\.prediction\.population.*needs a treatment, but the spec has no treatment section/s);
    expect(() => parseStudySpecWithLines(spec("  prediction: { endpoint: os, covariates: [age], time: 60, population: operated }"), "study.yaml")).toThrow(/population/);
    expect(() => parseStudySpecWithLines(spec("  prediction: { endpoint: os, covariates: [age], time: 60, shrinkage: 1.5 }"), "study.yaml")).toThrow(/shrinkage/);
  });
});
