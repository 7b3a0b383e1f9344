/**
 * The per-patient calculator's own texts (its title, the names of its outputs and its notes) in each of the app's
 * languages. The engine writes them in English (src/study/prediction-step.ts: `calculator.title`, `outputs[].label`,
 * `notes`); English shows those as they are. German and Japanese are made here from the same numbers and names the
 * engine used (the prediction step's result and the cure step's), with the catalogue's sentences (src/i18n, `app.calc…`),
 * not by translating the English sentences. Made in the worker for all three languages, so the app's language
 * switch changes them without a new run. test/web/calculator-texts.test.ts checks that the English made here is
 * the engine's, note for note, so the German and Japanese say what the English says.
 */
import type { PredictionStepResult } from "../../src/study/prediction-step.js";
import { cureCalculatorDecision, type CureStepResult } from "../../src/study/cure-step.js";
import { LANGUAGES, localizeDecimal, withLanguage, type Language } from "../../src/i18n/language.js";
import { msg } from "../../src/i18n/messages.js";
import { engineText } from "../../src/i18n/warnings.js";
import { formatFixed } from "../../src/report/number-format.js";

export interface CalculatorTexts {
  readonly title: string;
  /** Each output's name by its id ("survival", "cure"). */
  readonly outputs: Readonly<Record<string, string>>;
  readonly notes: readonly string[];
}

/** A number with `d` decimals as the engine prints it (toFixed), with the decimal mark of the language in force. */
const fixed = (x: number, d: number): string => formatFixed(x, d);

/** The notes of the cure part (src/study/cure-step.ts cureCalculatorDecision), in the language in force. */
function cureNotes(p: PredictionStepResult, cure: CureStepResult | undefined): string[] {
  if (cure === undefined) return [];
  const t = msg().app;
  const decision = cureCalculatorDecision(cure);
  const c = cure.claims;
  if (!decision.show) return [t.calcNoteCureHidden(engineText(c.eventText), engineText(c.populationText))];
  if (!p.calculator.outputs.some((o) => o.id === "cure")) return [t.calcNoteCureOtherCovariates];
  const cause = c.cause === "the disease" ? t.calcNoteCureDisease : c.cause;
  const fu = cure.overall.followUp;
  const bound = fu !== null && fu.verdict !== "sufficient" ? t.calcNoteCureBound(String(fu.verdict === "inconclusive"), String(fu.mallerZhou.nEventsInInterval), String(fu.nCensoredOnPlateau)) : "";
  return [`${t.calcNoteCure(cause, engineText(cure.latencyLabel), engineText(c.eventText), engineText(c.populationText), `${fixed(100 * cure.overall.cureFraction.estimate, 1)}%`)}${bound}`];
}

/** The calculator's texts in the language in force, made from the prediction step's numbers and names. */
export function calculatorTextsHere(p: PredictionStepResult, cure?: CureStepResult): CalculatorTexts {
  const t = msg().app;
  const endpoint = msg().descriptive.lowerFirst(p.endpointLabel);
  const outputs: Record<string, string> = {};
  for (const o of p.calculator.outputs) outputs[o.id] = o.kind === "survival" ? t.calcSurvivalAt(p.endpointLabel, localizeDecimal(String(o.time)), o.unit) : t.calcCure;
  const v = p.validation;
  const covariates = p.covariates.map((n) => p.covariateLabels[n] ?? n).join(t.calcListSep);
  const corrected = v.optimism?.indices.find((i) => i.name === "harrellC")?.corrected;
  const notes: string[] = [
    corrected === undefined
      ? t.calcNoteModel(endpoint, covariates, String(v.n), String(v.nEvent), fixed(v.harrell.value, 3))
      : t.calcNoteModelCorrected(endpoint, covariates, String(v.n), String(v.nEvent), fixed(v.harrell.value, 3), fixed(corrected, 3), String(v.options.B)),
  ];
  const s = p.shrinkage;
  if (s.factor < 1) notes.push(s.source === "bootstrap" ? t.calcNoteShrunkSlope(fixed(s.factor, 2)) : t.calcNoteShrunkSpec(fixed(s.factor, 2)));
  const who = engineText(p.population.description);
  notes.push(p.population.kind === "treated" ? t.calcNoteTreated(who) : p.population.kind === "untreated" ? t.calcNoteUntreated(who) : t.calcNoteAll(who));
  notes.push(t.calcNoteExtrapolation);
  notes.push(...cureNotes(p, cure));
  return { title: t.calcTitle(endpoint), outputs, notes };
}

/**
 * The calculator's texts in every language: English the engine's own (as results.json has them), German and
 * Japanese made by `calculatorTextsHere`.
 */
export function calculatorTexts(p: PredictionStepResult, cure?: CureStepResult): Readonly<Record<Language, CalculatorTexts>> {
  const out = {} as Record<Language, CalculatorTexts>;
  for (const l of LANGUAGES) {
    out[l] =
      l === "en"
        ? { title: p.calculator.title, outputs: Object.fromEntries(p.calculator.outputs.map((o) => [o.id, o.label])), notes: p.calculator.notes }
        : withLanguage(l, () => calculatorTextsHere(p, cure));
  }
  return out;
}
