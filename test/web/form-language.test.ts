/**
 * Issue 19: the labels the form writes into study.yaml by default (the first endpoint's label, the title of a
 * study without one) are in the app's language, since they reach the report; English stays as it was.
 */
import { describe, expect, it } from "vitest";
import { buildSpecInput, defaultForm, emptyEndpoint, switchLanguage } from "../../web/src/form.js";
import { exampleForm } from "./example-form.js";

describe("the form's default labels in the app's language", () => {
  it("keeps the English defaults in English", () => {
    expect(defaultForm().endpoints[0].label).toBe("Overall survival");
    expect(emptyEndpoint("os").label).toBe("Overall survival");
    expect(buildSpecInput({ ...exampleForm(), title: "" }).title).toBe("Untitled study");
    expect("language" in defaultForm()).toBe(false);
  });

  it("writes them in German and Japanese", () => {
    expect(defaultForm("de").endpoints[0].label).toBe("Gesamtüberleben");
    expect(defaultForm("ja").endpoints[0].label).toBe("全生存");
    expect(defaultForm("de").language).toBe("de");
    expect(buildSpecInput({ ...exampleForm(), title: "", language: "de" }).title).toBe("Studie ohne Titel");
    expect(buildSpecInput({ ...exampleForm(), title: "", language: "ja" }).title).toBe("無題の研究");
  });

  it("rewrites a default label when the language is switched, and leaves a typed label alone", () => {
    const de = switchLanguage(defaultForm(), "de");
    expect(de.language).toBe("de");
    expect(de.endpoints[0].label).toBe("Gesamtüberleben");
    expect(switchLanguage(de, "ja").endpoints[0].label).toBe("全生存");
    expect(switchLanguage(switchLanguage(de, "ja"), "en").endpoints[0].label).toBe("Overall survival");
    const typed = { ...defaultForm(), endpoints: [{ ...emptyEndpoint("os"), label: "Survie globale" }] };
    expect(switchLanguage(typed, "de").endpoints[0].label).toBe("Survie globale");
    // an endpoint other than the first starts without a label, in any language
    expect(emptyEndpoint("pfs", "de").label).toBe("");
  });
});
