/**
 * The app's language switch writes the spec's `language` (so the worker's report is in that language) only when
 * it is not English: an English study.yaml from the app is the same as before languages existed.
 */
import { describe, expect, it } from "vitest";
import { buildSpecInput, formSpec } from "../../web/src/form.js";
import { exampleForm } from "../web/example-form.js";

describe("the app's language switch", () => {
  it("leaves an English spec without a language key", () => {
    expect("language" in buildSpecInput(exampleForm())).toBe(false);
    expect("language" in buildSpecInput({ ...exampleForm(), language: "en" })).toBe(false);
    expect(formSpec(exampleForm()).yaml).not.toContain("language:");
  });
  it("writes language: de / ja into the spec the worker runs", () => {
    for (const language of ["de", "ja"] as const) {
      const { spec, yaml } = formSpec({ ...exampleForm(), language });
      expect(spec.language).toBe(language);
      expect(yaml).toContain(`language: ${language}`);
    }
  });
});
