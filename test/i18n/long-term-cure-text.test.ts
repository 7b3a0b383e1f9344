/**
 * The cure step's English texts that the report shows in its language (LONG_TERM_PATTERNS, src/i18n/long-term-*.ts):
 * the follow-up check's verdict in each of its three forms (from followUpCheck itself), the fit check's caption
 * inside and outside the band (from cureFitCaption), the claims' event and population texts, the latency criterion
 * and the quartile profiles. Each must translate whole (nothing counted as untranslated), keep its numbers, and
 * leave no English prose.
 */
import { describe, expect, it } from "vitest";
import { engineText, resetUntranslated, untranslatedEngineTexts } from "../../src/i18n/warnings.js";
import { withLanguage } from "../../src/i18n/language.js";
import { followUpCheck } from "../../src/survival/cure/follow-up-check.js";
import { cureFitCaption, type CureFitCheckResult } from "../../src/survival/cure/goodness-of-fit.js";

/** A cohort with `early` deaths at 1..early, `late` deaths in the window and `plateau` patients censored far beyond. */
function cohort(early: number, late: number, plateau: number): { time: Float64Array; status: Int32Array } {
  const time: number[] = [];
  const status: number[] = [];
  const add = (t: number, s: number): void => {
    time.push(t);
    status.push(s);
  };
  for (let i = 1; i <= early; i++) add(i, 1);
  for (let i = 0; i < late; i++) add(40 + i, 1);
  for (let i = 0; i < plateau; i++) add(120 + i, 0);
  return { time: Float64Array.from(time), status: Int32Array.from(status) };
}

const fit = (withinBand: boolean): CureFitCheckResult => ({
  method: "cure-fit-check",
  maxDistance: 0.133,
  at: 137,
  side: "above",
  modelAbove: [{ from: 88.4, to: 203 }],
  band: { halfWidth: 0.363, level: 0.95, replicates: 500, seed: 44 },
  withinBand,
  outside: withinBand ? [] : [{ from: 100, to: 150, side: "above" }],
  warnings: [],
});

const ENGLISH = / (?:the|and|of|with|is|patients|events?|follow-up) /i;

function check(text: string, numbers: readonly string[]): void {
  for (const lang of ["de", "ja"] as const) {
    resetUntranslated();
    const out = withLanguage(lang, () => engineText(text));
    expect(untranslatedEngineTexts(), `${lang}: ${text}`).toEqual([]);
    expect(out).not.toBe(text);
    expect(ENGLISH.test(` ${out} `), `${lang}: ${out}`).toBe(false);
    const plain = out.replace(/(\d),(\d)/g, "$1.$2");
    for (const n of numbers) expect(plain, `${lang}: ${out}`).toContain(n);
  }
}

describe("the cure step's texts in German and Japanese", () => {
  it("translates the follow-up verdict: inconclusive, sufficient and not shown", () => {
    const verdicts = new Set<string>();
    // not shown: a plateau shorter than the minimum asked for
    for (const [early, late, plateau, minPlateau] of [
      [10, 2, 3, null],
      [5, 30, 30, null],
      [5, 30, 30, 1000],
    ] as const) {
      const c = cohort(early, late, plateau);
      const f = followUpCheck(c.time, c.status, minPlateau === null ? {} : { minPlateau });
      verdicts.add(f.verdict);
      check(f.verdictText, [String(f.nCensoredOnPlateau), String(f.mallerZhou.nEventsInInterval)]);
    }
    expect([...verdicts].sort()).toEqual(["inconclusive", "not-shown", "sufficient"]);
  });

  it("translates the fit caption inside and outside the bootstrap band", () => {
    check(cureFitCaption(fit(true), "months"), ["0.133", "137", "88.4", "203", "0.363", "500", "44"]);
    check(cureFitCaption(fit(false), "months"), ["0.133", "100", "150", "0.363"]);
    expect(withLanguage("de", () => engineText(cureFitCaption(fit(false), "months")))).toContain("(oberhalb, 100–150 Monaten)");
  });

  it("translates the claims' event and population texts, the latency criterion and the quartile profiles", () => {
    check("death from Sarcoma (other causes censored: a cause-specific mixture cure model)", ["Sarcoma"]);
    check("excess mortality over the general population of the same age, sex and calendar year (relative survival: deaths from the disease, whatever the recorded cause)", []);
    check("the 64 patients of the model, treated and untreated together (metastasectomy is not in the model)", ["64", "metastasectomy"]);
    check("the 64 patients of the model, with metastasectomy in the incidence model", ["64"]);
    check("the 44 treated patients (Metastasectomy) from the date of treatment", ["44", "Metastasectomy"]);
    check("lowest AIC among the converged fits", ["AIC"]);
    check("Tumour size = 3.25 (upper quartile)", ["Tumour size = 3.25"]);
    expect(withLanguage("de", () => engineText("the 44 treated patients (Metastasectomy) from the date of treatment"))).toMatch(/^die 44 behandelten Patienten \(Metastasectomy\)/);
  });
});
