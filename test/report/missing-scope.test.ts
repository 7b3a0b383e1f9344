/**
 * The Missing data section says what the imputation reaches (referee A3 of session 12's second read): with immortal
 * time, only the analyses by treatment ever received (biased by design) are imputed, not the primary's design; and it
 * says "main approach", not a second "primary analysis".
 */
import { describe, expect, it } from "vitest";
import { buildReportModel } from "../../src/report/render.js";
import { exampleResults } from "./render-study.js";

describe("Missing data section on the example", () => {
  it("names the main approach and what multiple imputation does not reach", () => {
    const r = exampleResults();
    expect(r.analyses.effects?.biasedByDesign).toBe("immortal time");
    for (const [lang, main, scope] of [
      ["en", "Main approach to missing covariates: complete cases", "Multiple imputation does not reach the immortal-time designs"],
      ["de", "Hauptansatz bei fehlenden Kovariablen: vollständige Fälle", "Die multiple Imputation erreicht weder die Immortal-Time-Designs"],
      ["ja", "欠測共変量への主な対処：完全ケース解析", "多重代入法はイモータルタイムのデザイン"],
    ] as const) {
      const sec = buildReportModel(r, lang).model.sections.find((s) => s.id === "missing-data")!;
      const text = sec.blocks.flatMap((b) => (b.kind === "text" || b.kind === "note" ? [b.text] : [])).join("\n");
      expect(text, lang).toContain(main);
      expect(text, lang).toContain(scope);
      expect(text, lang).not.toMatch(/Primary analysis: |Primäranalyse: |主解析：/);
    }
  });
});
