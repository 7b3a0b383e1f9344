/**
 * Issue 19: the app's own texts in the chosen language. The results view (its tables, captions, headings and
 * the downloads' labels) and the per-patient calculator are rendered in English, German and Japanese from the
 * same results; every English UI phrase the English view shows is absent from the German and Japanese ones,
 * which carry the journals' terms instead (Hazard Ratio, 95%-KI; ハザード比, 95%信頼区間). Data values (file
 * names, column names) stay as they are.
 */
import { describe, expect, it } from "vitest";
import type { VNode } from "preact";
import { resultsSummary, type PredictionSummary } from "../../web/src/engine.js";
import { ResultsView } from "../../web/src/results-view.js";
import { CalculatorView } from "../../web/src/calculator-panel.js";
import { downloadLabel } from "../../web/src/app.js";
import { messagesFor } from "../../src/i18n/messages.js";
import type { Language } from "../../src/i18n/language.js";
import type { PatientCalculatorModel } from "../../src/study/calculator.js";
import { exampleResults } from "../report/render-study.js";
import { specStrings } from "../helpers/report-text.js";
import { defaultForm, type FormState } from "../../web/src/form.js";
import { AnalysesSection, EndpointsSection, TreatmentSection } from "../../web/src/study-sections.js";

interface Node {
  readonly type: unknown;
  readonly props: Record<string, unknown> & { children?: unknown };
}

/** The texts of a VNode tree: its text nodes and the attributes a reader sees or hears (title, aria-label, placeholder). */
function texts(v: unknown, out: string[] = []): string[] {
  if (Array.isArray(v)) for (const c of v) texts(c, out);
  else if (typeof v === "string" || typeof v === "number") out.push(String(v));
  else if (v !== null && typeof v === "object" && "props" in v) {
    const n = v as Node;
    for (const a of ["title", "aria-label", "placeholder"]) if (typeof n.props[a] === "string") out.push(n.props[a] as string);
    texts(n.props.children, out);
  }
  return out;
}

// the phrases of the English results view that the app itself writes (not the engine's or the data's)
const RESULTS_PHRASES = [
  "7. Results",
  "Computed in",
  "in this browser by survinfer",
  "Not estimable on these data",
  "Kaplan–Meier survival (",
  "Treatment effect on",
  "hazard ratio (95% CI)",
  "HR (95% CI)",
  "Primary analysis (",
  "events among",
  "Downloads",
  "Full report",
  "exactly as report.html",
  "(the whole report, one file)",
  "(every number)",
  "rerun with",
];
// the English table headers and roles, as whole text nodes
// (the example's primary analysis is an immortal-time design, so every row of its effects table is a sensitivity analysis)
const RESULTS_WORDS = ["Group", "events", "Analysis", "role", "estimand", "sensitivity"];

describe("the results view in the app's language", () => {
  const summary = resultsSummary(exampleResults());
  const render = (language: Language): string[] => {
    const t = messagesFor(language).app;
    const downloads = ["report.html", "results.json", "study.yaml", "tables.docx", "table1.csv", "km.svg"].map((name) => ({ name, url: `blob:${name}`, label: downloadLabel(name, t) }));
    return texts(ResultsView({ results: summary, reportHtml: "<p>report</p>", downloads, ms: 1234, language }) as VNode);
  };
  const en = render("en");

  it("shows every listed English phrase in English (the list is the view's)", () => {
    const all = en.join("\n");
    for (const phrase of RESULTS_PHRASES) expect(all, phrase).toContain(phrase);
    for (const word of RESULTS_WORDS) expect(en, word).toContain(word);
    expect(all).toContain("Computed in 1.2 s in this browser");
  });

  for (const language of ["de", "ja"] as const) {
    it(`shows none of them in ${language}`, () => {
      const shown = render(language);
      const all = shown.join("\n");
      for (const phrase of RESULTS_PHRASES) expect(all, phrase).not.toContain(phrase);
      for (const word of RESULTS_WORDS) expect(shown, word).not.toContain(word);
      // the data's names stay as they are
      expect(all).toContain(summary.data.file);
      expect(all).toContain("results.json");
    });
  }

  it("uses the journals' terms and the decimal comma in German, the Japanese terms in Japanese", () => {
    const de = render("de").join("\n");
    expect(de).toContain("Behandlungseffekt auf");
    expect(de).toContain("Hazard Ratio (95%-KI)");
    expect(de).toContain("Berechnet in 1,2 s in diesem Browser");
    const ja = render("ja").join("\n");
    expect(ja).toContain("ハザード比（95%信頼区間）");
    expect(ja).toContain("1.2 秒");
  });
});

const model: PatientCalculatorModel = {
  title: "Calculator",
  inputs: [{ kind: "numeric", name: "age", label: "age", min: 20, max: 80, value: 55 }],
  outputs: [
    { kind: "survival", id: "survival", label: "os", score: { intercept: 0, numeric: { age: 0.03 }, levels: {} }, time: 60, unit: "months", baselineSurv: 0.5, centre: 1.65 },
  ],
  notes: [],
};
const prediction: PredictionSummary = {
  endpoint: "os",
  calculator: model,
  harrell: { value: 0.7123, se: 0.04 },
  optimism: { B: 200, indices: [{ name: "harrellC", apparent: 0.7123, training: 0.73, test: 0.69, optimism: 0.04, corrected: 0.6723, nReplicates: 200 }] },
  withheld: null,
};
const CALCULATOR_PHRASES = ["Back to the typical patient", "The patient's values before the operation", "Discrimination:", "Harrell's C", "optimism-corrected", "data: 20 to 80", "is outside the range of the data", "Enter a number for"];

describe("the calculator in the app's language", () => {
  const render = (language: Language, age: string): string => texts(CalculatorView({ prediction, texts: { age }, onInput: () => {}, onReset: () => {}, language })).join("\n");

  it("shows the English phrases in English, none of them in German or Japanese", () => {
    const en = render("en", "95") + render("en", "");
    for (const phrase of CALCULATOR_PHRASES) expect(en, phrase).toContain(phrase);
    for (const language of ["de", "ja"] as const) {
      const shown = render(language, "95") + render(language, "");
      for (const phrase of CALCULATOR_PHRASES) expect(shown, `${language}: ${phrase}`).not.toContain(phrase);
    }
  });

  it("writes German numbers with the decimal comma", () => {
    const de = render("de", "95,5");
    expect(de).toContain("Harrells C 0,712");
    expect(de).toContain("age = 95,5 liegt außerhalb des Bereichs der Daten (20 bis 80)");
    expect(render("ja", "95")).toContain("HarrellのC統計量 0.712");
  });
});

// phrases of the study form's sections in English, with every analysis ticked (the form writes them, not the data)
const FORM_PHRASES = [
  "Add an event date",
  "Choose the columns to see n, events",
  "Overall survival",
  "— none —",
  "RMST horizon",
  "Multivariable model:",
  "Caliper (SD of the distance",
  "logit of the PS",
  "Bootstrap replicates",
  "Landmark time",
  "Competing risks",
  "Choose the column with the cause",
  "Long-term survival and cure",
  "Cure model (who is cured?)",
  "maximum likelihood",
  "Recurrent events",
  "Add a recurrent event column",
  "Pre-operative prediction model",
  "choose covariates in section 4",
  "Prediction horizon",
  "months (30.4375 days)",
];

describe("the study form in the app's language", () => {
  const render = (language: Language): string => {
    const base = defaultForm();
    const form: FormState = {
      ...base,
      language,
      analyses: { ...base.analyses, rmst: true, cure: true, competingRisks: true, recurrent: true, prediction: true },
    };
    const p = { form, columns: [], update: () => {} };
    return [EndpointsSection({ ...p, feedback: [], onRow: () => {} }), TreatmentSection(p), AnalysesSection(p)].map((v) => texts(v).join("\n")).join("\n");
  };

  it("shows the English phrases in English, none of them in German or Japanese", () => {
    const en = render("en");
    for (const phrase of FORM_PHRASES) expect(en, phrase).toContain(phrase);
    for (const language of ["de", "ja"] as const) {
      const shown = render(language);
      for (const phrase of FORM_PHRASES) expect(shown, `${language}: ${phrase}`).not.toContain(phrase);
    }
    expect(render("de")).toContain("Langzeitüberleben und Heilung");
    expect(render("ja")).toContain("競合リスク");
  });
});


// English function words, as test/i18n/no-english.test.ts finds English prose
const FUNCTION_WORDS = / (?:the|and|of|with|is|not|among) /i;

describe("the engine's labels, reasons and notes in the results view (issue 19, point 2)", () => {
  const results = exampleResults();
  const summary = resultsSummary(results);
  const data = specStrings(results);
  const render = (language: Language): string[] => {
    const t = messagesFor(language).app;
    return texts(ResultsView({ results: summary, reportHtml: "<p>report</p>", downloads: [{ name: "results.json", url: "blob:r", label: downloadLabel("results.json", t) }], ms: 1000, language }) as VNode);
  };
  const ENGINE_PHRASES = ["Crude Cox", "IPTW Cox adjusted", "conditional HR", "not estimated:", "patients read", "Treatment happened after the origin", "propensity:", "rows dropped for missing values"];

  it("shows the engine's English texts in English", () => {
    const en = render("en").join("\n");
    for (const phrase of ENGINE_PHRASES) expect(en, phrase).toContain(phrase);
  });

  for (const language of ["de", "ja"] as const) {
    it(`shows them translated in ${language}, with no English prose outside the data's names`, () => {
      const shown = render(language);
      for (const phrase of ENGINE_PHRASES) expect(shown.filter((s) => s.includes(phrase)), phrase).toEqual([]);
      const english = shown.filter((s) => {
        let t = ` ${s} `;
        for (const d of data) t = t.split(d).join(" DATA ");
        return FUNCTION_WORDS.test(t);
      });
      expect(english).toEqual([]);
    });
  }
});

describe("the reason the study has no primary analysis (issue 19, point 2)", () => {
  const base = resultsSummary(exampleResults());
  const reasons = [
    "No primary analysis: every treatment-effect analysis available compares patients by treatment ever received from the origin and is biased by design (immortal time); all are shown as sensitivity analyses. Declare analyses.primary to name one anyway.",
    "No primary analysis: no candidate of the default rule was estimable; all are shown as sensitivity analyses.",
    "The declared primary analysis (weighted) could not be estimated on these data (see Not estimable).",
  ];
  const shown = (reason: string, language: Language): string => {
    const summary = { ...base, primary: { ...base.primary, id: null, label: null, reason } };
    const t = messagesFor(language).app;
    return texts(ResultsView({ results: summary, reportHtml: "", downloads: [{ name: "results.json", url: "blob:r", label: downloadLabel("results.json", t) }], ms: 1, language }) as VNode).join("\n");
  };

  it("is the engine's sentence in English, byte for byte, and translated in German and Japanese", () => {
    for (const reason of reasons) {
      expect(shown(reason, "en")).toContain(reason);
      for (const language of ["de", "ja"] as const) expect(shown(reason, language), `${language}: ${reason}`).not.toContain(reason.slice(0, 30));
    }
    expect(shown(reasons[0], "de")).toContain("Keine Primäranalyse");
    expect(shown(reasons[0], "de")).toContain("Immortal-Time-Bias");
    expect(shown(reasons[2], "ja")).toContain("指定した主解析（weighted）");
  });
});
