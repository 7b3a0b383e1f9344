/**
 * The balance verdicts and worsening notes stay English in results.json and are translated at render time by
 * CAUSAL_PATTERNS (src/i18n/causal-en.ts): each shape the engines write (balanced, imbalanced with a KS
 * threshold, worsened by weighting with more terms beyond the threshold, nothing to compare) comes out
 * German and Japanese with its numbers, and none is left untranslated.
 */
import { describe, expect, it } from "vitest";
import { balanceVerdict } from "../../src/causal/balance-verdict.js";
import { balanceWorsening } from "../../src/study/effect-flags.js";
import type { BalanceResult, BalanceRow } from "../../src/causal/balance.js";
import { withLanguage } from "../../src/i18n/language.js";
import { engineText, resetUntranslated, untranslatedEngineTexts } from "../../src/i18n/warnings.js";

function row(variable: string, smd: number, varianceRatio: number | null, ks: number): BalanceRow {
  return { variable, covariate: variable, level: null, type: varianceRatio === null ? "binary" : "continuous", meanTreated: 0, meanControl: 0, smd, standardized: true, varianceRatio, ks, balanced: false, nMissing: 0 } as BalanceRow;
}

const thresholds = { smd: 0.1, varianceRatio: 2, ks: 0.2 };
const before = [row("age", 0.05, 1.2, 0.1), row("size", 0.3, 2.5, 0.25)];
const after = [row("age", 0.4, 1.1, 0.05), row("size", 0.35, 1.3, 0.1)];
const result = (rows: readonly BalanceRow[], adj: readonly BalanceRow[]): Pick<BalanceResult, "before" | "after" | "options"> =>
  ({ before: rows, after: adj, options: { thresholds } }) as unknown as Pick<BalanceResult, "before" | "after" | "options">;
const label = (r: BalanceRow): string => r.variable;

describe("balance verdicts in German and Japanese (CAUSAL_PATTERNS)", () => {
  const texts = (): string[] => {
    const imbalanced = balanceVerdict(result(before, after), "unadjusted", label, 40).text;
    const balanced = balanceVerdict(result(before, [row("age", 0.01, 1, 0.02)]), "weighted", label, 38).text;
    const none = balanceVerdict(result(before, []), "matched", label, 20).text;
    const worse = balanceWorsening("weighted", before, after, 0.1, label);
    expect(worse).not.toBeNull();
    return [imbalanced, balanced, none, `${balanceVerdict(result(before, after), "weighted", label, 38).text} ${worse!.text}`];
  };

  it("English: the texts are the engines' own (the patterns must keep matching them)", () => {
    const [imbalanced, balanced, none, worse] = texts();
    expect(imbalanced).toBe("Before adjustment (n = 40), 1 of 2 covariate terms are imbalanced (|SMD| ≥ 0.1 or variance ratio outside 0.50–2 or KS ≥ 0.2), 1 of them with |SMD| ≥ 0.1: size (SMD 0.30, variance ratio 2.50, KS 0.25).");
    expect(balanced).toBe("After weighting (n = 38), all 1 covariate terms are balanced (|SMD| < 0.1 and variance ratio within 0.50–2 and KS < 0.2).");
    expect(none).toBe("After matching (n = 20), no covariate could be compared.");
    expect(worse).toContain("Weighting made covariate balance worse than no adjustment: 2 of 2 terms with |SMD| ≥ 0.1 against 1 before");
  });

  it("German: every shape translated, numbers with decimal commas", () => {
    resetUntranslated();
    const de = withLanguage("de", () => texts().map(engineText));
    expect(untranslatedEngineTexts()).toEqual([]);
    expect(de[0]).toBe("Vor Adjustierung (n = 40) sind 1 von 2 Kovariablentermen unbalanciert (|SMD| ≥ 0,1 oder Varianzverhältnis außerhalb 0,50–2 oder KS ≥ 0,2), davon 1 mit |SMD| ≥ 0,1: size (SMD 0,30, Varianzverhältnis 2,50, KS 0,25).");
    expect(de[1]).toBe("Nach Gewichtung (n = 38) sind alle 1 Kovariablenterme balanciert (|SMD| < 0,1 und das Varianzverhältnis zwischen 0,50 und 2 liegt und KS < 0,2).");
    expect(de[2]).toBe("Nach Matching (n = 20) konnte keine Kovariable verglichen werden.");
    expect(de[3]).toContain("Nach der Gewichtung war die Balance der Kovariablen schlechter als ohne Adjustierung: 2 von 2 Termen mit |SMD| ≥ 0,1 gegenüber 1 zuvor, größte |SMD| 0,40 (age) gegenüber 0,30; die gewichteten Schätzer");
  });

  it("Japanese: every shape translated", () => {
    resetUntranslated();
    const ja = withLanguage("ja", () => texts().map(engineText));
    expect(untranslatedEngineTexts()).toEqual([]);
    expect(ja[0]).toBe("調整前（n = 40）、2個の共変量項のうち1個が不均衡である（|SMD| ≥ 0.1または分散比が0.50–2の範囲外またはKS ≥ 0.2；うち |SMD| ≥ 0.1 は1個）：size（SMD 0.30、分散比 2.50、KS 0.25）。");
    expect(ja[2]).toBe("マッチング後（n = 20）、比較できる共変量はなかった。");
    expect(ja[3]).toContain("重み付けにより共変量バランスが調整なしより悪化した：|SMD| ≥ 0.1 の項は2個中2個（以前は1個）");
    for (const t of ja) expect(t).not.toMatch(/ (?:the|and|of|with|is) /);
  });
});
