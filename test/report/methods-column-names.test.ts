/**
 * The Methods paragraph describes variables, not data columns (issue 19, referee: "date_lung_met", "date_death",
 * "cause_of_death", "date_pm" do not belong in a manuscript): an endpoint's origin by its originLabel, its event date
 * by the endpoint's label, its censoring date as the last follow-up (or last contact), a status column as the vital
 * or event status, the treatment by its label. A column is named only where nothing describes it (an origin without
 * originLabel, a date of a composite event that is no other endpoint's event), in all three languages.
 */
import { describe, expect, it } from "vitest";
import { methodsText } from "../../src/report/methods-text.js";
import { withLanguage, type Language } from "../../src/i18n/language.js";
import type { StudyResults } from "../../src/study/run.js";
import { exampleResults } from "./render-study.js";

const LANGS: readonly Language[] = ["en", "de", "ja"];

/** Whether `text` names `column` as a word of its own. */
function names(text: string, column: string): boolean {
  return new RegExp(`(^|[^A-Za-z0-9_])${column.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}($|[^A-Za-z0-9_])`).test(text);
}

/** The example with endpoint `os` replaced. */
function withOs(r: StudyResults, os: Record<string, unknown>): StudyResults {
  return { ...r, spec: { ...r.spec, endpoints: { ...r.spec.endpoints, os } } } as unknown as StudyResults;
}

describe("the Methods paragraph names no data column that a label or its role describes", () => {
  const r = exampleResults();
  // the example's columns with a declared label or a role the text words: origin (originLabel), event and censoring
  // dates, the cause-of-death column, the treatment's date (treatment label), the id (the treatment's column,
  // "metastasectomy", is also a word of its label "Pulmonary metastasectomy")
  const described = ["date_lung_met", "date_death", "date_last_followup", "cause_of_death", "date_pm", "patient_id"];
  for (const lang of LANGS) {
    it(`${lang}: none of ${described.join(", ")} appears`, () => {
      const t = withLanguage(lang, () => methodsText(r));
      expect(described.filter((c) => names(t, c))).toEqual([]);
    });
  }

  it("a composite event without eventLabel: each date as another endpoint's event where it is one, else its column (the fallback)", () => {
    const { eventLabel: _e, ...pfs } = r.spec.endpoints.pfs as Record<string, unknown>;
    const bare = { ...r, spec: { ...r.spec, endpoints: { ...r.spec.endpoints, pfs } } } as unknown as StudyResults;
    expect(methodsText(bare)).toContain("Progression-free survival was measured from diagnosis of lung metastases to the earliest of its event dates (column date_progression and the event of overall survival)");
    expect(withLanguage("de", () => methodsText(bare))).toContain("bis zum frühesten seiner Ereignisdaten (Spalte date_progression und Ereignis des Endpunkts „Overall survival“) gemessen");
    expect(withLanguage("ja", () => methodsText(bare))).toContain("イベント日（date_progression列およびOverall survivalのイベント）のうち最も早い日付");
  });

  it("an endpoint from the last contact and a vital status: described by their roles, not by their columns", () => {
    const contact = withOs(r, { label: "Overall survival", origin: "date_lung_met", originLabel: "diagnosis of lung metastases", lastContact: "last_seen_on", status: "vital_flag", values: ["verstorben"], unit: "months" });
    const en = methodsText(contact);
    expect(en).toContain("Overall survival was measured from diagnosis of lung metastases to the date of last contact; a vital status of verstorben marked the event, other patients were censored at their last contact.");
    expect(withLanguage("de", () => methodsText(contact))).toContain("bis zum letzten Kontakt gemessen; der Vitalstatus verstorben kennzeichnete das Ereignis");
    expect(withLanguage("ja", () => methodsText(contact))).toContain("生存状況がverstorbenの場合をイベントとし");
    for (const lang of LANGS) {
      const t = withLanguage(lang, () => methodsText(contact));
      expect(["last_seen_on", "vital_flag"].filter((c) => names(t, c)), lang).toEqual([]);
    }
  });

  it("an endpoint from ready-made time and status columns: the follow-up time and event status, not the columns", () => {
    const columns = withOs(r, { label: "Overall survival", time: "os_time_months", status: "os_status_flag", values: [1], unit: "months" });
    expect(methodsText(columns)).toContain("Overall survival was taken from the recorded follow-up time (in months (30.4375 days)) and event status (event: 1).");
    for (const lang of LANGS) {
      const t = withLanguage(lang, () => methodsText(columns));
      expect(["os_time_months", "os_status_flag"].filter((c) => names(t, c)), lang).toEqual([]);
    }
  });

  it("the check can fail: the column of an origin without originLabel is named (the fallback)", () => {
    const os = r.spec.endpoints.os as Record<string, unknown>;
    const bare = withOs(r, { ...os, originLabel: undefined });
    for (const lang of LANGS) expect(names(withLanguage(lang, () => methodsText(bare)), "date_lung_met"), lang).toBe(true);
  });
});
