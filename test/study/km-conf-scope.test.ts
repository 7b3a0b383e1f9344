/**
 * analyses.km.confType / confLevel are the study's Kaplan–Meier interval: they reach every KM curve it estimates —
 * the crude one, the PS-matched and IPTW-weighted ones, the landmark and Simon–Makuch curves — and the report's
 * survival tables say so (referee A10, session 12: before, only the crude table followed them and the matched and
 * weighted tables stayed at 95 %, log, side by side with it).
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildReportModel } from "../../src/report/render.js";
import type { StudyResults } from "../../src/study/run.js";
import { runExampleVariant, withoutLongTerm } from "../report/render-study.js";

describe("km.confType and km.confLevel reach every Kaplan–Meier curve", () => {
  let r: StudyResults;
  beforeAll(() => {
    r = runExampleVariant(mkdtempSync(join(tmpdir(), "survinfer-km-conf-")), "km-conf", (s) => {
      withoutLongTerm(s);
      for (const k of ["missing", "sensitivity"]) delete s.analyses[k];
      s.analyses.km = { ...(s.analyses.km as object), confType: "log-log", confLevel: 0.9 };
    });
  }, 600_000);

  it("results.json: the matched, weighted, landmark and Simon–Makuch curves at 90 %, log-log", () => {
    const a = r.analyses;
    const curves = [a.km, a.propensity?.matched?.km, a.propensity?.weighted?.km, a.immortalTime?.landmark?.km, a.immortalTime?.timeDependent?.simonMakuch];
    for (const [k, km] of curves.entries()) {
      expect(km, `curve ${k}`).toBeDefined();
      expect(km?.options.confLevel, `curve ${k}`).toBe(0.9);
      expect(km?.options.confType, `curve ${k}`).toBe("log-log");
    }
  });

  it("the report's matched and weighted survival tables give the 90 % log-log intervals", () => {
    const built = buildReportModel(r, "en");
    const survivalTables = built.tables.filter((t) => /survival estimates/.test(t.table.title));
    expect(survivalTables.length).toBeGreaterThanOrEqual(3);
    for (const t of survivalTables) {
      const text = JSON.stringify(t.table);
      expect(text, t.id).toContain("90%");
      expect(text, t.id).not.toContain("95% CI");
    }
  });
});
