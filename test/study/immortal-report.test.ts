/**
 * Issue 14: the report's immortal-time section lists the adjusted designs first (with population, estimand
 * and variance), then the crude rows labelled "crude (treatment only)" and the naive one "biased by design
 * (immortal time)"; it no longer says the crude analyses "avoid" the bias; the Simon–Makuch risk table
 * starts the treated curve with nobody at risk when nobody was treated at the origin.
 */
import { describe, expect, it } from "vitest";
import { buildReportModel } from "../../src/report/render.js";
import { exampleSpec, runSpecRaw, type Json } from "./options-honoured-harness.js";

describe("immortal-time section of the report", () => {
  const s = exampleSpec() as unknown as { analyses: Record<string, Json> };
  // epvFloor 0: the layout of the adjusted models' rows (23 events for 8 parameters is below the default floor, where
  // the adjusted time-dependent Cox is not estimated and its row says so: test/study/effects-epv.test.ts)
  s.analyses = { km: s.analyses.km, propensity: s.analyses.propensity, immortalTime: { landmark: 6, landmarks: [3, 12], sequentialMatching: true }, safeguards: { epvFloor: 0 } };
  const results = runSpecRaw(s as unknown as Json);
  const built = buildReportModel(results);
  const main = built.tables.find((t) => t.id === "immortal-time")!.table;

  it("adjusted designs first, then the crude ones, the naive one last and labelled biased", () => {
    const designs = main.rows.map((r) => r[0]);
    const first = (re: RegExp): number => designs.findIndex((d) => re.test(d));
    expect(first(/^Clone–censor–weight/)).toBe(0);
    expect(first(/^Time-dependent Cox adjusted/)).toBe(1);
    expect(first(/PS re-estimated, IPTW/)).toBeGreaterThan(0);
    expect(first(/^Sequential/)).toBeGreaterThan(first(/PS re-estimated/));
    expect(first(/crude \(treatment only\)/)).toBeGreaterThan(first(/^Sequential/));
    expect(designs[designs.length - 1]).toContain("biased by design (immortal time)");
    // every row names its population with n, its estimand and its variance
    for (const r of main.rows) {
      expect(r[1]).toMatch(/n = \d+|\d+ of \d+ treated matched/);
      expect(r[2]).not.toBe("");
      expect(r[6]).not.toBe("");
    }
    expect(main.rows[0][2]).toContain("per-protocol HR of the emulated trial");
    expect(main.rows[1][2]).toContain("conditional HR");
    expect(main.rows.find((r) => /IPTW/.test(r[0]))![2]).toContain("marginal HR among patients alive at 6");
  });

  it("the explanation no longer says the crude analyses avoid the bias", () => {
    const text = JSON.stringify(built.model);
    expect(text).not.toContain("avoid it");
    expect(results.analyses.immortalTime!.explanation).toMatch(/(address|addresses) immortal time and measured confounding together/);
  });

  it("covariate rows of the adjusted model and the landmark sensitivity table", () => {
    const cov = built.tables.find((t) => t.id === "immortal-time-adjusted")!.table;
    expect(cov.rows[0][0]).toBe("Pulmonary metastasectomy (time-dependent)");
    expect(cov.rows.some((r) => r[0] === "Sex: male vs female")).toBe(true);
    const lm = built.tables.find((t) => t.id === "immortal-time-landmarks")!.table;
    expect(lm.rows.map((r) => r[0])).toEqual(["6 months (main landmark)", "3 months", "12 months"]);
  });

  it("Simon–Makuch risk table: nobody in the treated curve at t = 0", () => {
    const sm = built.figures.find((f) => f.id === "simon-makuch")!;
    const row = sm.svg.slice(sm.svg.lastIndexOf('data-stratum="1"'));
    const at0 = /class="risk-n" data-time="0">([^<]*)</.exec(row);
    expect(at0?.[1]).toBe("0");
    // the untreated curve starts with everyone
    const row0 = sm.svg.slice(sm.svg.lastIndexOf('data-stratum="0"'), sm.svg.lastIndexOf('data-stratum="1"'));
    expect(/class="risk-n" data-time="0">([^<]*)</.exec(row0)?.[1]).toBe(String(results.analyses.immortalTime!.naive.cox.n));
  });
});
