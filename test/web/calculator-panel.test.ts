/**
 * The app's per-patient calculator: field texts → values → predictPatient (the function the report and
 * the CLI use), warnings for values outside the data and for missing ones, and the view's structure
 * (labels, aria-live outputs with the full number in data-value, escaped strings), checked on the
 * VNode tree of the pure view, on a hand-made model whose answers are computed here by hand.
 */
import { describe, expect, it } from "vitest";
import type { VNode } from "preact";
import { predictPatient, type PatientCalculatorModel } from "../../src/study/calculator.js";
import { predictionSummary } from "../../web/src/engine.js";
import { calculatorWithheldText } from "../../src/report/sections-long-term.js";
import type { PredictionStepResult } from "../../src/study/prediction-step.js";
import type { CalculatorUse } from "../../src/study/calculator-use.js";
import { LANGUAGES, localizeProse, withLanguage } from "../../src/i18n/language.js";
import { messagesFor } from "../../src/i18n/messages.js";
import { CalculatorView, CalculatorWithheldView, calculatorOffered, calculatorReadout, discriminationText, formatNumber, initialTexts, parseNumber, percentText, type PredictionSummary } from "../../web/src/calculator-panel.js";
import { formatCalculatorPercent } from "../../src/report/html.js";

const expit = (x: number): number => 1 / (1 + Math.exp(-x));

/** S(60 | x) = 0.5^exp(0.03·age + 0.7·[synchronous] − 1.65); P(cure) = expit(0.2 − 0.01·age − 0.4·[synchronous]). */
const model: PatientCalculatorModel = {
  title: "Survival calculator <b>before</b> metastasectomy",
  inputs: [
    { kind: "numeric", name: "age_primary", label: "Age at primary (years)", min: 20, max: 80, value: 55 },
    { kind: "categorical", name: "timing", label: "Timing & \"type\"", levels: ["metachronous", "synchronous"], value: "metachronous" },
  ],
  outputs: [
    {
      kind: "survival",
      id: "survival",
      label: "Overall survival at 60 months",
      score: { intercept: 0, numeric: { age_primary: 0.03 }, levels: { timing: { metachronous: 0, synchronous: 0.7 } } },
      time: 60,
      unit: "months",
      baselineSurv: 0.5,
      centre: 1.65,
    },
    { kind: "probability", id: "cure", label: "Probability of cure", score: { intercept: 0.2, numeric: { age_primary: -0.01 }, levels: { timing: { metachronous: 0, synchronous: -0.4 } } } },
  ],
  notes: ["Internal validation only.", "<img src=x onerror=alert(1)>"],
};

const summary: PredictionSummary = {
  endpoint: "os",
  calculator: model,
  harrell: { value: 0.7123, se: 0.04 },
  optimism: { B: 200, indices: [{ name: "harrellC", apparent: 0.7123, training: 0.73, test: 0.69, optimism: 0.04, corrected: 0.6723, nReplicates: 200 }] },
  withheld: null,
};

describe("calculatorReadout (the calculator's pure part)", () => {
  it("starts at the model's starting values, where S(60) = 0.5 exactly, and gives predictPatient's numbers", () => {
    const texts = initialTexts(model);
    expect(texts).toEqual({ age_primary: "55", timing: "metachronous" });
    const r = calculatorReadout(model, texts);
    expect(r.values).toEqual({ age_primary: 55, timing: "metachronous" });
    expect(r.issues).toEqual([]);
    expect(r.predictions).toEqual(predictPatient(model, { age_primary: 55, timing: "metachronous" }));
    expect(r.predictions[0].value).toBeCloseTo(0.5, 15);
    expect(r.predictions[1].value).toBeCloseTo(expit(0.2 - 0.55), 15);
  });

  it("reads the typed texts: S(60 | 70, synchronous) = 0.5^exp(0.03·70 + 0.7 − 1.65)", () => {
    const r = calculatorReadout(model, { age_primary: " 70 ", timing: "synchronous" });
    expect(r.issues).toEqual([]);
    expect(r.predictions[0].value).toBeCloseTo(Math.pow(0.5, Math.exp(0.03 * 70 + 0.7 - 1.65)), 15);
    expect(r.predictions[1].value).toBeCloseTo(expit(0.2 - 0.7 - 0.4), 15);
    // a field not given keeps its starting value
    expect(calculatorReadout(model, { timing: "synchronous" }).values).toEqual({ age_primary: 55, timing: "synchronous" });
  });

  it("warns outside the data's range but still predicts (extrapolation)", () => {
    const r = calculatorReadout(model, { age_primary: "95", timing: "metachronous" });
    expect(r.issues).toEqual([{ name: "age_primary", kind: "out-of-range", message: "Age at primary (years) = 95 is outside the range of the data (20 to 80): the prediction extrapolates." }]);
    expect(r.predictions[0].value).toBeCloseTo(Math.pow(0.5, Math.exp(0.03 * 95 - 1.65)), 15);
    // the limits themselves are inside
    expect(calculatorReadout(model, { age_primary: "80" }).issues).toEqual([]);
    expect(calculatorReadout(model, { age_primary: "20" }).issues).toEqual([]);
  });

  it("gives no number (NaN) and says what to enter when a value is missing or not a number", () => {
    for (const text of ["", "  ", "abc", "5 5", "0x10"]) {
      const r = calculatorReadout(model, { age_primary: text });
      expect(r.issues.map((i) => i.kind), JSON.stringify(text)).toEqual(["missing"]);
      expect(r.issues[0].message).toBe("Enter a number for Age at primary (years).");
      expect(r.predictions.every((p) => Number.isNaN(p.value))).toBe(true);
    }
    const r = calculatorReadout(model, { timing: "unknown" });
    expect(r.issues.map((i) => i.kind)).toEqual(["unknown-level"]);
    expect(r.predictions.every((p) => Number.isNaN(p.value))).toBe(true);
  });

  it("parses numbers as typed, a decimal comma as a point", () => {
    expect(parseNumber("55,5")).toBe(55.5);
    expect(parseNumber("-.5")).toBe(-0.5);
    expect(parseNumber("1e2")).toBe(100);
    expect(parseNumber("1,000.5")).toBeNaN();
    expect(parseNumber("1,2,3")).toBeNaN();
    expect(parseNumber("Infinity")).toBeNaN();
    expect(formatNumber(12)).toBe("12");
    expect(formatNumber(12.34567)).toBe("12.35");
  });

  it("shows percentages with one decimal and the discrimination line", () => {
    expect(percentText(0.52349)).toBe("52.3%");
    expect(percentText(1)).toBe("100.0%");
    expect(percentText(Number.NaN)).toBe("—");
    // the language's number format, as the report's calculator prints it (issue 19): German "84,1 %" with a no-break space
    expect(percentText(0.8412, "de")).toBe("84,1\u00a0%");
    expect(percentText(0.8412, "ja")).toBe("84.1%");
    expect(percentText(0.5625, "de")).toBe("56,2\u00a0%"); // R's rounding of an exact binary half, as toFixedR
    for (const lang of ["en", "de", "ja"] as const) for (const p of [0, 0.0625, 0.4375, 0.52349, 0.8412, 1]) expect(percentText(p, lang)).toBe(withLanguage(lang, () => formatCalculatorPercent(p)));
    expect(discriminationText(summary)).toBe("Harrell's C 0.712 (apparent); optimism-corrected C 0.672 (200 bootstrap replicates)");
    expect(discriminationText({ ...summary, optimism: null })).toBe("Harrell's C 0.712 (apparent; no bootstrap optimism correction)");
    expect(discriminationText({ ...summary, harrell: { value: Number.NaN, se: Number.NaN } })).toBeNull();
  });
});

type Node = VNode<Record<string, unknown>>;

/** Every element VNode of a tree (depth first), as the DOM would hold them. */
function elements(v: unknown, out: Node[] = []): Node[] {
  if (Array.isArray(v)) for (const c of v) elements(c, out);
  else if (v !== null && typeof v === "object" && "type" in v) {
    const node = v as Node;
    out.push(node);
    elements(node.props.children, out);
  }
  return out;
}

/** Text content of a VNode tree. */
function text(v: unknown): string {
  if (Array.isArray(v)) return v.map(text).join("");
  if (typeof v === "string" || typeof v === "number") return String(v);
  if (v !== null && typeof v === "object" && "props" in v) return text((v as Node).props.children);
  return "";
}

const byTestId = (nodes: Node[], id: string): Node | undefined => nodes.find((n) => n.props["data-testid"] === id);

describe("CalculatorView (the calculator's VNode tree)", () => {
  const render = (texts: Record<string, string>, onInput: (name: string, text: string) => void = () => {}): Node[] => elements(CalculatorView({ prediction: summary, texts, onInput }));

  it("labels every field (label for = control id), with the data's range as the numeric field's hint", () => {
    const nodes = render(initialTexts(model));
    const controls = nodes.filter((n) => n.type === "input" || n.type === "select");
    expect(controls.map((c) => c.props["data-testid"])).toEqual(["calc-input-age_primary", "calc-input-timing"]);
    const labels = nodes.filter((n) => n.type === "label");
    expect(labels.map((l) => l.props.for)).toEqual(controls.map((c) => c.props.id));
    expect(labels.map((l) => text(l))).toEqual(["Age at primary (years)", 'Timing & "type"']);
    const age = controls[0];
    expect(age.props).toMatchObject({ type: "number", min: 20, max: 80, value: "55" });
    expect(text(nodes.find((n) => n.props.id === age.props["aria-describedby"]))).toBe("data: 20 to 80");
    const options = nodes.filter((n) => n.type === "option");
    expect(options.map((o) => [o.props.value, o.props.selected])).toEqual([["metachronous", true], ["synchronous", false]]);
  });

  it("shows each output as a percentage in a polite live region, with the full number in data-value", () => {
    const nodes = render({ age_primary: "70", timing: "synchronous" });
    const live = byTestId(nodes, "calc-outputs")!;
    expect(live.props["aria-live"]).toBe("polite");
    const expected = predictPatient(model, { age_primary: 70, timing: "synchronous" });
    for (const e of expected) {
      const out = byTestId(nodes, `calc-output-${e.id}`)!;
      expect(out.props["data-value"]).toBe(String(e.value));
      expect(Number(out.props["data-value"])).toBe(e.value);
      expect(text(out)).toBe(percentText(e.value));
      expect(elements(live).includes(out)).toBe(true);
    }
    expect(text(byTestId(nodes, "calc-warnings"))).toBe("");
    expect(text(byTestId(nodes, "calc-discrimination"))).toBe(`Discrimination: ${discriminationText(summary)}.`);
  });

  it("marks an out-of-range field invalid and lists the warning; a missing number gives blank data-values", () => {
    let nodes = render({ age_primary: "95" });
    expect(byTestId(nodes, "calc-input-age_primary")!.props["aria-invalid"]).toBe("true");
    expect(text(byTestId(nodes, "calc-warnings"))).toContain("outside the range of the data (20 to 80)");
    nodes = render({ age_primary: "" });
    expect(byTestId(nodes, "calc-output-survival")!.props["data-value"]).toBe("");
    expect(text(byTestId(nodes, "calc-output-survival"))).toBe("—");
  });

  it("reports edits with the field's name", () => {
    const edits: [string, string][] = [];
    const nodes = render(initialTexts(model), (name, t) => edits.push([name, t]));
    (byTestId(nodes, "calc-input-age_primary")!.props.onInput as (e: unknown) => void)({ target: { value: "61" } });
    (byTestId(nodes, "calc-input-timing")!.props.onChange as (e: unknown) => void)({ target: { value: "synchronous" } });
    expect(edits).toEqual([["age_primary", "61"], ["timing", "synchronous"]]);
  });

  it("renders the data's strings (title, labels, notes) as text, never as markup", () => {
    const nodes = render(initialTexts(model));
    expect(nodes.some((n) => "dangerouslySetInnerHTML" in n.props)).toBe(false);
    expect(nodes.some((n) => n.type === "img" || n.type === "b")).toBe(false);
    expect(text(nodes.find((n) => n.type === "h3"))).toBe(model.title);
    expect(elements(byTestId(nodes, "calc-notes")).filter((n) => n.type === "li").map(text)).toEqual([...model.notes]);
  });
});

describe("the calculator withheld as in the report (analyses.prediction.calculatorUse.offered false)", () => {
  const use: CalculatorUse = {
    offered: false,
    failed: ["sample-size", "c-statistic"],
    sampleSize: { n: 212, events: 140, available: 64, availableEvents: 41 },
    // 0.583 and 0.547 print as the report prints them: two decimals (0.58, 0.55; German 0,58, 0,55)
    discrimination: { harrellC: 0.583, auc: 0.547, corrected: true },
    minimumC: 0.6,
  };
  // the fields of a prediction step that predictionSummary and the report's reason read
  const step = (u: CalculatorUse | undefined): PredictionStepResult =>
    ({
      endpoint: "os",
      time: 60,
      unit: "months",
      calculator: model,
      validation: { harrell: { value: 0.7123, se: 0.04 }, optimism: null, fit: { coef: [0.03, 0.7] }, n: 64, nEvent: 41, options: { B: 0 } },
      // what the calculator's texts in German and Japanese are made of (web/src/calculator-texts.ts)
      endpointLabel: "Overall survival",
      covariates: ["age", "timing"],
      covariateLabels: { age: "Age", timing: "Timing" },
      shrinkage: { factor: 1, source: "bootstrap", correctedSlope: null },
      population: { kind: "all", description: "all 64 patients", fromTreatment: false },
      ...(u === undefined ? {} : { calculatorUse: u }),
    }) as unknown as PredictionStepResult;

  it("carries the report's decision and its reason, in English, German and Japanese, into the app's summary", () => {
    const s = predictionSummary(step(use));
    expect(s.calculatorUse?.offered).toBe(false);
    expect(calculatorOffered(s)).toBe(false);
    expect(s.withheld?.en).toBe(
      "Calculator and nomogram not offered: the model was fitted on 64 patients (41 events), fewer than the 212 patients (140 events) that the minimum sample size for a prediction model with 2 coefficients asks for (Riley et al. 2020); its optimism-corrected Harrell's C is 0.58 and its AUC at 60 months 0.55, below 0.60 (analyses.prediction.minimumCStatistic): it ranks patients little better than chance (0.5). The model's table, performance and calibration above are a development result, not a tool for individual patients.",
    );
    // German: the catalogue's sentence and the decimal comma (the report's localizeProse); the year of a citation keeps its digits
    expect(s.withheld?.de).toMatch(/^Rechner und Nomogramm nicht angeboten: Das Modell wurde an 64 Patienten \(41 Ereignisse\) angepasst, weniger als die 212 Patienten \(140 Ereignisse\), die die Mindestfallzahl für ein Prognosemodell mit 2 Koeffizienten verlangt \(Riley et al\. 2020\); Harrells C des Modells beträgt nach Optimismuskorrektur 0,58 und die AUC bei .*60 Monat.* 0,55, unter 0,60 \(analyses\.prediction\.minimumCStatistic\): Es ordnet Patienten kaum besser als der Zufall \(0,5\)\. /);
    // Japanese: the catalogue's sentence; the reasons are joined by "; " as in the report (calculatorWithheldText)
    expect(s.withheld?.ja).toMatch(/^計算ツールとノモグラムは提供しない：モデルは64例（イベント41件）で当てはめられたが、係数2個の予測モデルに必要な最小サンプルサイズ212例（イベント140件）に満たない（Riley et al\. 2020）; 楽観度補正後のHarrellのC統計量は0\.58、60.*時点のAUCは0\.55で、0\.60（analyses\.prediction\.minimumCStatistic）を下回る/);
    // the same text the report's prediction section carries as its note, language by language
    for (const l of LANGUAGES) expect(s.withheld?.[l]).toBe(withLanguage(l, () => localizeProse(calculatorWithheldText(step(use), use))));
  });

  it("names a model without signal and an apparent C when no bootstrap ran", () => {
    const noSignal: CalculatorUse = { ...use, failed: ["no-signal", "c-statistic"], sampleSize: null, discrimination: { harrellC: 0.512, auc: null, corrected: false } };
    const s = predictionSummary(step(noSignal));
    expect(s.withheld?.en).toBe(
      "Calculator and nomogram not offered: its likelihood-ratio statistic does not exceed its number of coefficients, so it explains no more than chance and no minimum sample size can be computed (Riley et al. 2020); its apparent Harrell's C is 0.51, below 0.60 (analyses.prediction.minimumCStatistic): it ranks patients little better than chance (0.5). The model's table, performance and calibration above are a development result, not a tool for individual patients.",
    );
    expect(s.withheld?.de).toContain("Harrells C des Modells beträgt an denselben Patienten gemessen (ohne Optimismuskorrektur) 0,51, unter 0,60");
  });

  it("offers the calculator when the checks pass and for results written before the checks", () => {
    const passed = predictionSummary(step({ ...use, offered: true, failed: [] }));
    expect(calculatorOffered(passed)).toBe(true);
    expect(passed.withheld).toBeNull();
    const old = predictionSummary(step(undefined));
    expect(old.calculatorUse).toBeUndefined();
    expect(old.withheld).toBeNull();
    expect(calculatorOffered(old)).toBe(true);
  });

  it("shows the reason under the report's section title in the app's language, and no field or prediction", () => {
    const s = predictionSummary(step(use));
    for (const l of LANGUAGES) {
      const nodes = elements(CalculatorWithheldView({ reason: s.withheld![l], language: l }));
      expect(byTestId(nodes, "calculator-withheld")).toBeDefined();
      expect(text(nodes.find((n) => n.type === "h3"))).toBe(messagesFor(l).section.prediction);
      expect(text(byTestId(nodes, "calculator-withheld-reason"))).toBe(s.withheld![l]);
      expect(nodes.some((n) => n.type === "input" || n.type === "select" || n.type === "button")).toBe(false);
      expect(byTestId(nodes, "calc-outputs")).toBeUndefined();
    }
    expect(messagesFor("de").section.prediction).not.toBe(messagesFor("en").section.prediction);
  });
});
