/**
 * The render-time translation of engine texts (src/i18n/warnings.ts) and the prose number rules
 * (localizeProse, trimZeros): English unchanged, a known text translated with its parameters, scopes
 * split and translated, an unknown text left in English with the language's decimal mark and counted.
 */
import { describe, expect, it } from "vitest";
import { engineText, resetUntranslated, untranslatedEngineTexts } from "../../src/i18n/warnings.js";
import { localizeProse, withLanguage } from "../../src/i18n/language.js";
import { trimZeros } from "../../src/report/number-format.js";

describe("engineText", () => {
  const w = "propensity: 29 of 40 treated units were not matched";

  it("leaves English as it is", () => {
    expect(engineText(w)).toBe(w);
  });

  it("translates a known text with its numbers, and its scope", () => {
    expect(withLanguage("de", () => engineText(w))).toBe("Propensity Score: 29 von 40 behandelten Patienten wurden nicht gematcht");
    expect(withLanguage("ja", () => engineText(w))).toBe("傾向スコア：治療例40例中29例がマッチしなかった");
  });

  it("translates nested scopes and a nested reason, numbers with the German decimal comma", () => {
    const t = "Competing risks, Fine–Gray model: Other causes: not estimable: Fine–Gray, Other causes: not estimated: 3 events for 2 parameters (EPV 1.5, floor 5; set analyses.safeguards.epvFloor to change)";
    expect(withLanguage("de", () => engineText(t))).toBe(
      "Konkurrierende Risiken, Fine-Gray-Modell: Other causes: nicht schätzbar: Fine-Gray-Modell, Other causes: nicht geschätzt: 3 Ereignisse für 2 Parameter (EPV 1,5, Untergrenze 5; zum Ändern analyses.safeguards.epvFloor setzen)",
    );
  });

  it("shows an unknown text in English, with the language's decimal mark, and counts it", () => {
    resetUntranslated();
    const unknown = "a message no engine writes: 0.25 of something";
    expect(withLanguage("de", () => engineText(unknown))).toBe("a message no engine writes: 0,25 of something");
    expect(untranslatedEngineTexts()).toEqual([unknown]);
    resetUntranslated();
    expect(untranslatedEngineTexts()).toEqual([]);
  });
});

describe("localizeProse and trimZeros", () => {
  it("gives German prose decimal commas but keeps DOIs, versions, section numbers and R calls", () => {
    const s = 'SMD 0.12 (doi:10.7326/M16-2607; survinfer 0.1.0; §4.3–4.4; MatchIt::matchit(caliper = 0.2); survfit(conf.type = "log")), p = 0.04';
    expect(withLanguage("de", () => localizeProse(s))).toBe('SMD 0,12 (doi:10.7326/M16-2607; survinfer 0.1.0; §4.3–4.4; MatchIt::matchit(caliper = 0.2); survfit(conf.type = "log")), p = 0,04');
    expect(withLanguage("ja", () => localizeProse(s))).toBe(s);
    expect(localizeProse(s)).toBe(s);
  });

  it("separates a German list of decimal numbers by '; '", () => {
    expect(withLanguage("de", () => localizeProse("γ = 0.33, 0.5, 2, 3; n = 12, 36, 60"))).toBe("γ = 0,33; 0,5; 2; 3; n = 12, 36, 60");
  });

  it("trims trailing zeros after either decimal mark, never leaving the mark", () => {
    expect(trimZeros("1.00")).toBe("1");
    expect(trimZeros("1,00")).toBe("1");
    expect(trimZeros("0,50")).toBe("0,5");
    expect(trimZeros("10")).toBe("10");
    expect(trimZeros("100.0")).toBe("100");
  });
});
