/**
 * The steps of a run as the app's status line names them: each step name the engine reports (runAll's
 * `onStep`, runStudy's `onProgress`, the app's own "starting") mapped to its label in the app's language.
 * English labels are the engine's names themselves, so the English status line reads as before.
 * test/web/steps.test.ts collects the step names from the source and checks that each one is here.
 */
import type { Messages } from "../../src/i18n/messages.js";

type AppTexts = Messages["app"];

/** The catalogue key of each step name the engine can report. */
export const STEP_KEYS = {
  starting: "stepStarting",
  "reading the data": "stepReading",
  "running the analyses": "stepAnalyses",
  "rendering the report": "stepRendering",
  bootstrap: "stepBootstrap",
  "Firth Cox model": "stepFirth",
  "clone–censor–weight bootstrap": "stepCcwBootstrap",
  "multiple imputation": "stepImputation",
} as const satisfies Readonly<Record<string, keyof AppTexts>>;

/** A step's label in the language of `t`; a step name not listed is shown as the engine names it. */
export function stepLabel(step: string, t: AppTexts): string {
  const key = (STEP_KEYS as Readonly<Record<string, keyof AppTexts>>)[step];
  if (key === undefined) return step;
  const label = t[key];
  return typeof label === "string" ? label : step;
}
