/**
 * The app's results panel follows the report's rules (issue 13): the analyses that could not be estimated
 * reach the panel's summary with their reasons (shown first, as the report's "Analyses not estimable"), and
 * the primary analysis is named even when it is in another section (the immortal-time designs).
 */
import { describe, expect, it } from "vitest";
import { resultsSummary } from "../../web/src/engine.js";
import { notEstimableText } from "../../src/study/not-estimable.js";
import { exampleResults } from "../report/render-study.js";

describe("the app's results summary", () => {
  const r = exampleResults();
  const s = resultsSummary(r);

  it("carries every not-estimable analysis with its reason", () => {
    expect(r.notEstimable.length).toBeGreaterThan(0);
    expect(s.notEstimable).toEqual(r.notEstimable);
    // the reason itself, after the model it names (said once when the label already names it: src/study/not-estimable.ts)
    for (const n of s.notEstimable) expect(notEstimableText(n)).toContain(n.reason.slice(-30));
  });

  it("names the primary analysis of the immortal-time designs", () => {
    expect(s.primary).toMatchObject({ id: "cloneCensorWeight", section: "immortal-time" });
  });
});
