/**
 * The app's primary line says what the report's and summary.txt's say (issue 19): on the example the primary is the
 * clone–censor–weight emulation, and its line ends with how its intervals were formed (Wald survival differences with
 * the larger SE, RMST bootstrap percentile, HR robust SE). The summary the app receives has no immortal-time results,
 * so the worker words the line from the full results (resultsSummary.primaryFirst), in each of the app's languages.
 */
import { describe, expect, it } from "vitest";
import type { VNode } from "preact";
import { resultsSummary } from "../../web/src/engine.js";
import { ResultsView } from "../../web/src/results-view.js";
import { immortalPrimaryLine, immortalPrimaryText } from "../../src/report/primary-headline.js";
import { messagesFor } from "../../src/i18n/messages.js";
import { withLanguage, type Language } from "../../src/i18n/language.js";
import { summaryText } from "../../src/cli/commands/run.js";
import { exampleResults } from "../report/render-study.js";
import { byTestId, texts } from "./vnode.js";

/** The text of the element whose data-testid is `id`, or undefined. */
const textOf = (v: unknown, id: string): string | undefined => {
  const n = byTestId(v, id);
  return n === undefined ? undefined : texts(n.props.children).join("");
};

describe("the app's primary line on the example (clone–censor–weight primary)", () => {
  const r = exampleResults();
  const summary = resultsSummary(r);
  const line = (language: Language): string => {
    const text = textOf(ResultsView({ results: summary, reportHtml: "", downloads: [], ms: 1, language }) as VNode, "primary-first");
    expect(text, `primary-first (${language})`).toBeDefined();
    return text!;
  };

  it("is the primary of the study (the premise)", () => {
    expect(r.primary.id).toBe("cloneCensorWeight");
    expect(r.primary.section).toBe("immortal-time");
  });

  for (const language of ["en", "de", "ja"] as const) {
    it(`names the interval methods as the report and summary.txt do (${language})`, () => {
      const im = messagesFor(language).immortal;
      // summary.txt's line: the report's text and the caveats its numbers carry (residual imbalance, coverage unknown)
      const expected = withLanguage(language, () => immortalPrimaryLine(r))!;
      expect(expected.startsWith(withLanguage(language, () => immortalPrimaryText(r.primary, r.analyses))!)).toBe(true);
      expect(line(language)).toBe(`${expected.charAt(0).toUpperCase()}${expected.slice(1)}`);
      expect(line(language)).toContain(im.primaryIntervals([im.intervalsWald, im.intervalsRmstPercentile, im.intervalsHrRobust].join(", ")));
    });
  }

  it("is the line summary.txt prints (English)", () => {
    const printed = summaryText(r, "en").split("\n").map((l) => l.trim());
    const app = line("en");
    expect(printed).toContain(`${app.charAt(0).toLowerCase()}${app.slice(1)}`);
  });
});
