/**
 * Issue 19: the calculator's own texts (title, output names, notes) in German and Japanese, made from the numbers
 * and names the engine used. Made with the English catalogue, the same builder gives the engine's English texts
 * word for word: so the German and Japanese notes say what the English ones say, one note for one note.
 */
import { describe, expect, it } from "vitest";
import { calculatorTexts, calculatorTextsHere } from "../../web/src/calculator-texts.js";
import { CalculatorView } from "../../web/src/calculator-panel.js";
import { predictionSummary } from "../../web/src/engine.js";
import { withLanguage } from "../../src/i18n/language.js";
import { exampleResults } from "../report/render-study.js";

const r = exampleResults();
const p = r.analyses.prediction!;
const cure = r.analyses.cure;

/** The texts of a VNode tree (text nodes and the attributes a reader sees or hears). */
function texts(v: unknown, out: string[] = []): string[] {
  if (Array.isArray(v)) for (const c of v) texts(c, out);
  else if (typeof v === "string" || typeof v === "number") out.push(String(v));
  else if (v !== null && typeof v === "object" && "props" in v) {
    const props = (v as { props: Record<string, unknown> }).props;
    for (const a of ["title", "aria-label", "placeholder"]) if (typeof props[a] === "string") out.push(props[a] as string);
    texts(props.children, out);
  }
  return out;
}

describe("the calculator's texts in the app's languages", () => {
  it("the example's model has a cure output and notes to translate (the check is not vacuous)", () => {
    expect(cure).toBeDefined();
    expect(p.calculator.outputs.map((o) => o.id)).toEqual(["survival", "cure"]);
    expect(p.calculator.notes.length).toBeGreaterThanOrEqual(5);
  });

  it("made with the English catalogue, are the engine's texts word for word", () => {
    const en = withLanguage("en", () => calculatorTextsHere(p, cure));
    expect(en.title).toBe(p.calculator.title);
    expect(en.outputs).toEqual(Object.fromEntries(p.calculator.outputs.map((o) => [o.id, o.label])));
    expect(en.notes).toEqual(p.calculator.notes);
  });

  it("are the model's own in English, and translated note for note in German and Japanese", () => {
    const all = calculatorTexts(p, cure);
    expect(all.en.notes).toBe(p.calculator.notes);
    for (const language of ["de", "ja"] as const) {
      const t = all[language];
      expect(t.notes.length).toBe(p.calculator.notes.length);
      const text = [t.title, ...Object.values(t.outputs), ...t.notes].join("\n");
      // the data's names stay (the covariates' labels are the study's), the English sentences do not
      for (const english of ["for one patient", "fitted to", "Internal validation only", "Values outside the range", "Probability of cure", "mixture cure model", "Read it as an upper bound", "Coefficients shrunk"]) {
        expect(text, `${language}: ${english}`).not.toContain(english);
      }
      expect(text).toContain(p.covariateLabels[p.covariates[0]]);
    }
    expect(all.de.notes[0]).toMatch(/Harrells C 0,\d{3}/);
    expect(all.de.title).toBe("Vorhergesagtes Overall survival für einen Patienten".replace("Overall survival", p.endpointLabel));
    expect(all.ja.outputs.cure).toBe("治癒確率");
  });

  it("are what the calculator shows in the chosen language", () => {
    // the example's model is withheld (it fails the checks for use on new patients): its texts as an offered one would carry them
    const summary = { ...predictionSummary(p, cure), withheld: null, texts: calculatorTexts(p, cure) };
    for (const language of ["de", "ja"] as const) {
      const shown = texts(CalculatorView({ prediction: summary, texts: {}, onInput: () => {}, language })).join("\n");
      const own = summary.texts![language];
      expect(shown).toContain(own.title);
      for (const n of own.notes) expect(shown).toContain(n);
      expect(shown).not.toContain(p.calculator.title);
    }
    const en = texts(CalculatorView({ prediction: summary, texts: {}, onInput: () => {}, language: "en" })).join("\n");
    expect(en).toContain(p.calculator.title);
    for (const n of p.calculator.notes) expect(en).toContain(n);
  });
});
