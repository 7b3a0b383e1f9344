/**
 * Why a study has no primary analysis, in the report's and the app's language (src/report/primary-reason.ts):
 * each reason src/study/primary.ts writes is said in German and Japanese, English unchanged.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { primaryReasonText } from "../../src/report/primary-reason.js";
import { withLanguage } from "../../src/i18n/language.js";
import { runExampleVariant, undeclared, withoutLongTerm } from "./render-study.js";

const LITERAL = [
  "No primary analysis: every treatment-effect analysis available compares patients by treatment ever received from the origin and is biased by design (immortal time); all are shown as sensitivity analyses. Declare analyses.primary to name one anyway.",
  "No primary analysis: no candidate of the default rule was estimable; all are shown as sensitivity analyses.",
  "No treatment-effect analysis ran.",
  "The declared primary analysis (weighted) could not be estimated on these data (see Not estimable).",
  "The declared primary analysis (analyses.primary: multivariable, Multivariable Cox (conditional HR)) was not estimated: 23 events for 8 parameters (EPV 2.9, floor 5; set analyses.safeguards.epvFloor to change); the primary falls to the next by the default rule. No primary analysis: no candidate of the default rule was estimable; all are shown as sensitivity analyses.",
];

describe("the reason a study has no primary analysis", () => {
  it("is unchanged in English and translated in German and Japanese", () => {
    for (const reason of LITERAL) {
      expect(withLanguage("en", () => primaryReasonText(reason))).toBe(reason);
      const de = withLanguage("de", () => primaryReasonText(reason));
      const ja = withLanguage("ja", () => primaryReasonText(reason));
      for (const text of [de, ja]) expect(text).not.toMatch(/No primary analysis|primary falls|could not be estimated|analysis ran/);
    }
    expect(withLanguage("de", () => primaryReasonText(LITERAL[4]))).toMatch(/^Die angegebene Primäranalyse \(analyses\.primary: multivariable, .*\) war nicht geschätzt: 23 Ereignisse .*Keine Primäranalyse: Kein Kandidat/);
  });

  it("the example without its treatment date: every adjusted estimate flagged, said in each language with the flags", () => {
    const dir = mkdtempSync(join(tmpdir(), "survinfer-primary-reason-"));
    const r = runExampleVariant(dir, "flagged", (s) => {
      undeclared(s);
      withoutLongTerm(s);
      delete s.analyses.immortalTime;
      delete (s.treatment as Record<string, unknown>).date;
    });
    expect(r.primary.id).toBeNull();
    const reason = r.primary.reason;
    expect(reason).toMatch(/^No primary analysis: every confounding-adjusted analysis/);
    expect(withLanguage("en", () => primaryReasonText(reason))).toBe(reason);
    const de = withLanguage("de", () => primaryReasonText(reason));
    expect(de).toMatch(/^Keine Primäranalyse: Jede für Confounding adjustierte Analyse/);
    expect(de).toContain("unbalanciert");
    expect(de).not.toMatch(/No primary analysis|residual imbalance|not chosen/);
    const ja = withLanguage("ja", () => primaryReasonText(reason));
    expect(ja).toMatch(/^主解析なし：既定の規則の交絡調整解析/);
    expect(ja).not.toMatch(/No primary analysis|residual imbalance|not chosen/);
  });
});
