/**
 * Issue 19: the "Working: …" status line names every step in the app's language. The step names are collected
 * from the source (the app's own "starting", runAll's onStep calls in web/src/engine.ts, and the step names the
 * study's steps pass to runStudy's onProgress in src/study), so a new step without a label fails here.
 */
import { describe, expect, it } from "vitest";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { STEP_KEYS, stepLabel } from "../../web/src/steps.js";
import { messagesFor } from "../../src/i18n/messages.js";
import { LANGUAGES } from "../../src/i18n/language.js";

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith(".ts") ? [path] : [];
  });
}

/** Code without its comments (a step named in a comment is not reported). */
function code(path: string): string {
  return readFileSync(path, "utf8").replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:])\/\/.*$/gm, "$1");
}

// a step name is the first argument, a string literal, of onStep / onProgress / the run's `report` (its onProgress),
// or the step the app shows before the worker reports one
const STEP_CALL = /\b(?:onStep\??\.?|onProgress|report)\(\s*"([^"]+)"|status: "running", step: "([^"]+)"/g;

function reportedSteps(): Set<string> {
  const out = new Set<string>();
  for (const path of [...sources("web/src"), ...sources("src/study")]) for (const m of code(path).matchAll(STEP_CALL)) out.add(m[1] ?? m[2]);
  return out;
}

describe("the run's steps in the app's language", () => {
  const steps = reportedSteps();

  it("finds the steps the engine reports (the collection is not empty)", () => {
    for (const s of ["starting", "reading the data", "running the analyses", "rendering the report", "bootstrap", "Firth Cox model"]) expect(steps, s).toContain(s);
  });

  it("has a label for every step the engine can report", () => {
    expect([...steps].filter((s) => !Object.hasOwn(STEP_KEYS, s))).toEqual([]);
  });

  it("shows each step by its English name in English, and translated in German and Japanese", () => {
    const en = messagesFor("en").app;
    for (const s of steps) expect(stepLabel(s, en)).toBe(s);
    for (const language of LANGUAGES.filter((l) => l !== "en")) {
      const t = messagesFor(language).app;
      for (const s of steps) {
        const label = stepLabel(s, t);
        expect(label, `${language}: ${s}`).not.toBe(s);
        expect(label.trim(), `${language}: ${s}`).not.toBe("");
      }
      expect(t.working(stepLabel("reading the data", t))).not.toContain("reading");
    }
  });

  it("shows a step the engine names but the app does not know as it is", () => {
    expect(stepLabel("some new step", messagesFor("de").app)).toBe("some new step");
  });
});
