/**
 * The per-patient calculator of the study's prediction model (results.analyses.prediction.calculator):
 * one labelled field per pre-operative covariate, and the model's predictions for the values entered,
 * computed as the user types with `predictPatient` (src/study/calculator.ts) — the function the report
 * and the CLI rely on, so the app shows their numbers: S(t | x) = S₀(t)^exp(xᵀβ − x̄ᵀβ) from the Cox
 * model, and P(cure) when a cure model ran. Under it: a warning for values outside the data's range
 * (extrapolation), the model's notes and its discrimination (Harrell's C, apparent and
 * optimism-corrected). When the report withholds the calculator (the model fails the checks for use on
 * new patients), the panel shows the report's reason instead, in the app's language. The text handling
 * is pure (`calculatorReadout`), the view is a pure function of the texts (`CalculatorView`);
 * `CalculatorPanel` only holds the texts. Strings from the data (labels,
 * levels, notes) are rendered as text nodes and attributes by Preact, which escapes them.
 */
import { html } from "htm/preact";
import { useState } from "preact/hooks";
import type { VNode } from "preact";
import { predictPatient, type CalculatorInput, type PatientCalculatorModel, type PatientPrediction } from "../../src/study/calculator.js";
import type { PredictionSummary } from "./engine.js";
import { fieldId } from "./fields.js";
import { DECIMAL_MARK, localizePercent, withLanguage, type Language } from "../../src/i18n/language.js";
import { formatPercent } from "../../src/report/number-format.js";
import { messagesFor } from "../../src/i18n/messages.js";

export type { PredictionSummary };

/** Texts of the calculator's fields, by input name. */
export type FieldTexts = Readonly<Record<string, string>>;

export interface CalculatorIssue {
  readonly name: string;
  readonly kind: "missing" | "out-of-range" | "unknown-level";
  readonly message: string;
}

export interface CalculatorReadout {
  /** The values passed to predictPatient (NaN for a number not entered). */
  readonly values: Readonly<Record<string, number | string>>;
  readonly predictions: readonly PatientPrediction[];
  readonly issues: readonly CalculatorIssue[];
}

/** The fields' starting texts: the model's starting values (medians, most frequent levels). */
export function initialTexts(model: PatientCalculatorModel): Record<string, string> {
  const out: Record<string, string> = {};
  for (const input of model.inputs) out[input.name] = String(input.value);
  return out;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A number as typed (a decimal comma is read as a point: "55,5" = 55.5); NaN when blank or not a number. */
export function parseNumber(text: string): number {
  let t = text.trim();
  if (!t.includes(".") && /^[^,]*,[^,]*$/.test(t)) t = t.replace(",", ".");
  return NUMBER.test(t) ? Number(t) : Number.NaN;
}

/** A number for display: integers as they are, others to 4 significant digits, with the decimal mark of `language` (German "55,5"). */
export function formatNumber(x: number, language: Language = "en"): string {
  const s = Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(4)));
  return s.replace(".", DECIMAL_MARK[language]);
}

function valueOf(input: CalculatorInput, text: string): number | string {
  return input.kind === "numeric" ? parseNumber(text) : text;
}

function issueOf(input: CalculatorInput, value: number | string, language: Language): CalculatorIssue | undefined {
  const t = messagesFor(language).app;
  if (input.kind === "categorical") {
    return input.levels.includes(String(value)) ? undefined : { name: input.name, kind: "unknown-level", message: t.chooseLevel(input.label) };
  }
  const x = value as number;
  if (!Number.isFinite(x)) return { name: input.name, kind: "missing", message: t.enterNumber(input.label) };
  if (x < input.min || x > input.max) {
    return {
      name: input.name,
      kind: "out-of-range",
      message: t.outsideRange(input.label, formatNumber(x, language), formatNumber(input.min, language), formatNumber(input.max, language)),
    };
  }
  return undefined;
}

/**
 * The calculator's predictions and warnings for the fields' texts (a field not in `texts` keeps its
 * starting value); the warnings in `language`.
 *
 * @example
 * calculatorReadout(model, { age_primary: "55", timing: "synchronous" }).predictions[0].value; // S(60 | x)
 */
export function calculatorReadout(model: PatientCalculatorModel, texts: FieldTexts, language: Language = "en"): CalculatorReadout {
  const values: Record<string, number | string> = {};
  const issues: CalculatorIssue[] = [];
  for (const input of model.inputs) {
    const text = Object.hasOwn(texts, input.name) ? texts[input.name] : String(input.value);
    values[input.name] = valueOf(input, text);
    const issue = issueOf(input, values[input.name], language);
    if (issue) issues.push(issue);
  }
  return { values, predictions: predictPatient(model, values), issues };
}

/**
 * A probability as a percentage with one decimal, as the report's calculator prints it (R's rounding of halves,
 * the language's decimal mark and percent sign: "52.3%", German "52,3 %" with a no-break space), or "—" when it
 * cannot be computed.
 */
export function percentText(p: number, language: Language = "en"): string {
  return Number.isFinite(p) ? withLanguage(language, () => localizePercent(`${formatPercent(p)}%`)) : "—";
}

/** "Harrell's C 0.712; optimism-corrected C 0.681 (200 bootstrap replicates)", without the second part when no bootstrap ran. */
export function discriminationText(s: Pick<PredictionSummary, "harrell" | "optimism">, language: Language = "en"): string | null {
  if (!Number.isFinite(s.harrell.value)) return null;
  const t = messagesFor(language).app;
  const c = (x: number): string => x.toFixed(3).replace(".", DECIMAL_MARK[language]);
  const apparent = c(s.harrell.value);
  const corrected = s.optimism?.indices.find((i) => i.name === "harrellC")?.corrected;
  if (s.optimism === null || corrected === undefined || !Number.isFinite(corrected)) return t.harrellApparentOnly(apparent);
  return t.harrellCorrected(apparent, c(corrected), String(s.optimism.B));
}

function inputField(input: CalculatorInput, k: number, text: string, issue: CalculatorIssue | undefined, onInput: (name: string, text: string) => void, language: Language): VNode {
  const id = fieldId(`calc-${k}-${input.name}`);
  const hintId = `${id}-hint`;
  const testid = `calc-input-${input.name}`;
  if (input.kind === "categorical") {
    return html`<div class="field">
      <label for=${id}>${input.label}</label>
      <select id=${id} data-testid=${testid} aria-invalid=${issue ? "true" : "false"} onChange=${(e: Event) => onInput(input.name, (e.target as HTMLSelectElement).value)}>
        ${input.levels.map((l) => html`<option value=${l} selected=${l === text}>${l}</option>`)}
      </select>
    </div>`;
  }
  return html`<div class="field">
    <label for=${id}>${input.label}</label>
    <input
      id=${id}
      data-testid=${testid}
      type="number"
      step="any"
      inputmode="decimal"
      min=${input.min}
      max=${input.max}
      value=${text}
      aria-describedby=${hintId}
      aria-invalid=${issue ? "true" : "false"}
      onInput=${(e: Event) => onInput(input.name, (e.target as HTMLInputElement).value)}
    />
    <small id=${hintId}>${messagesFor(language).app.dataRange(formatNumber(input.min, language), formatNumber(input.max, language))}</small>
  </div>`;
}

/** The calculator for given field texts (pure: no state; `onInput(name, text)` reports an edit). */
export function CalculatorView(p: { prediction: PredictionSummary; texts: FieldTexts; onInput: (name: string, text: string) => void; onReset?: () => void; language?: Language }): VNode {
  const language = p.language ?? "en";
  const t = messagesFor(language).app;
  const model = p.prediction.calculator;
  const r = calculatorReadout(model, p.texts, language);
  const issueFor = (name: string): CalculatorIssue | undefined => r.issues.find((i) => i.name === name);
  const discrimination = discriminationText(p.prediction, language);
  // the calculator's own texts in the app's language (the model's English ones when the summary has none)
  const own = p.prediction.texts?.[language];
  const title = own?.title ?? model.title;
  const outputLabel = (o: PatientPrediction): string => own?.outputs[o.id] ?? o.label;
  const notes = own?.notes ?? model.notes;
  return html`<section class="calculator" aria-labelledby="h-calculator" data-testid="calculator">
    <h3 id="h-calculator">${title}</h3>
    <div class="row" role="group" aria-label=${t.patientValues}>
      ${model.inputs.map((input, k) => inputField(input, k, Object.hasOwn(p.texts, input.name) ? p.texts[input.name] : String(input.value), issueFor(input.name), p.onInput, language))}
    </div>
    ${p.onReset ? html`<button type="button" class="small" onClick=${p.onReset}>${t.backToTypical}</button>` : null}
    <div class="calc-outputs" aria-live="polite" aria-atomic="true" data-testid="calc-outputs">
      ${r.predictions.map(
        (o) => html`<p class="calc-output">
          ${outputLabel(o)}: <strong data-testid=${`calc-output-${o.id}`} data-value=${Number.isFinite(o.value) ? String(o.value) : ""}>${percentText(o.value, language)}</strong>
        </p>`,
      )}
    </div>
    <ul class="warnings" aria-live="polite" data-testid="calc-warnings">
      ${r.issues.map((i) => html`<li data-kind=${i.kind}>${i.message}</li>`)}
    </ul>
    ${discrimination ? html`<p data-testid="calc-discrimination">${t.discrimination(discrimination)}</p>` : null}
    ${notes.length > 0 ? html`<ul class="note" data-testid="calc-notes">${notes.map((n) => html`<li>${n}</li>`)}</ul>` : null}
  </section>`;
}

/**
 * In place of the calculator when the report withholds it (results.analyses.prediction.calculatorUse.offered
 * false): under the report's section title, the report's note saying which check failed, with its numbers, in
 * the app's language. No field and no prediction: the model is a development result, not a tool for patients.
 */
export function CalculatorWithheldView(p: { reason: string; language: Language }): VNode {
  return html`<section class="calculator" aria-labelledby="h-calculator" data-testid="calculator-withheld">
    <h3 id="h-calculator">${messagesFor(p.language).section.prediction}</h3>
    <p class="note" role="note" data-testid="calculator-withheld-reason">${p.reason}</p>
  </section>`;
}

/** Whether the app shows the calculator: as the report, not when the model fails the checks for use on new patients. */
export function calculatorOffered(p: Pick<PredictionSummary, "withheld">): boolean {
  return p.withheld === null;
}

/** The calculator panel of the results view: holds the texts typed for the current model; the report's reason instead when the report withholds it. */
export function CalculatorPanel(p: { prediction: PredictionSummary; language: Language }): VNode {
  const [edited, setEdited] = useState<{ model: PatientCalculatorModel; texts: FieldTexts } | null>(null);
  if (p.prediction.withheld !== null) return CalculatorWithheldView({ reason: p.prediction.withheld[p.language], language: p.language });
  const model = p.prediction.calculator;
  // a new run brings a new model: its fields start again from its starting values
  const texts = edited !== null && edited.model === model ? edited.texts : initialTexts(model);
  return CalculatorView({
    prediction: p.prediction,
    texts,
    onInput: (name, text) => setEdited({ model, texts: { ...texts, [name]: text } }),
    onReset: () => setEdited(null),
    language: p.language,
  });
}
