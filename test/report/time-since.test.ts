/**
 * Issue 19: time axes name their origin in words — the endpoint's `originLabel`, else its origin column; for
 * patients followed from treatment the treatment's label, else its date column (src/report/time-since.ts).
 */
import { describe, expect, it } from "vitest";
import { timeSinceOrigin } from "../../src/report/time-since.js";
import { withLanguage } from "../../src/i18n/language.js";
import type { StudySpec } from "../../src/study/schema.js";

const spec = (endpoint: Record<string, unknown>, treatment: Record<string, unknown> | undefined): { spec: StudySpec } => ({
  // only the keys timeSinceOrigin reads
  spec: { endpoints: { os: { origin: "date_met", event: "date_death", censor: "date_fu", unit: "months", ...endpoint } }, ...(treatment ? { treatment } : {}) } as unknown as StudySpec,
});

describe("timeSinceOrigin", () => {
  it("uses originLabel, lower-cased at its start in English only, in quotes in German (an English label in a German title)", () => {
    const r = spec({ originLabel: "Diagnosis of lung metastases" }, undefined);
    expect(timeSinceOrigin(r, "os", "months")).toBe("Months since diagnosis of lung metastases");
    expect(withLanguage("de", () => timeSinceOrigin(r, "os", "months"))).toBe("Monate seit „Diagnosis of lung metastases“");
  });
  it("falls back to the origin column as written", () => {
    expect(timeSinceOrigin(spec({}, undefined), "os", "days")).toBe("Days since date_met");
  });
  it("from treatment: the treatment's label, else its date column; nothing without a treatment date", () => {
    expect(timeSinceOrigin(spec({}, { column: "op", treated: "yes", date: "date_op", label: "Pulmonary metastasectomy" }), "os", "months", true)).toBe("Months since pulmonary metastasectomy");
    expect(timeSinceOrigin(spec({}, { column: "op", treated: "yes", date: "date_op" }), "os", "months", true)).toBe("Months since date_op");
    expect(timeSinceOrigin(spec({}, { column: "op", treated: "yes", label: "Surgery" }), "os", "months", true)).toBeUndefined();
  });
  it("keeps acronyms as written", () => {
    expect(timeSinceOrigin(spec({ originLabel: "CT diagnosis" }, undefined), "os", "months")).toBe("Months since CT diagnosis");
  });
});

describe("Methods: the endpoint's origin and dates in words", () => {
  it("names the origin by its originLabel without its column, and by the column only without a label (en, de, ja)", async () => {
    const { methodsText } = await import("../../src/report/methods-text.js");
    const { exampleResults } = await import("./render-study.js");
    const r = exampleResults();
    expect(methodsText(r)).toContain("Overall survival was measured from diagnosis of lung metastases to the date of the event; patients without the event were censored at their last follow-up.");
    expect(withLanguage("de", () => methodsText(r))).toContain("Der Endpunkt „Overall survival“ wurde ab „diagnosis of lung metastases“ bis zum Datum des Ereignisses gemessen; Patienten ohne Ereignis wurden zum Datum der letzten Nachbeobachtung zensiert.");
    expect(withLanguage("ja", () => methodsText(r))).toContain("Overall survivalはdiagnosis of lung metastasesからイベント発生日までとして測定した。イベントのない患者は最終追跡日で打ち切りとした。");
    const os = r.spec.endpoints.os as Record<string, unknown>;
    const bare = { ...r, spec: { ...r.spec, endpoints: { ...r.spec.endpoints, os: { ...os, originLabel: undefined } } } } as unknown as typeof r;
    expect(methodsText(bare)).toContain("Overall survival was measured from the date in column date_lung_met to the date of the event");
  });
});
