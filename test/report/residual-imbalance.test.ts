/**
 * Issue 19 (journal referee, point 2): matching or weighting that leaves covariate terms beyond the balance
 * thresholds (|SMD| ≥ 0.1 or variance ratio outside 0.5–2, the report's balance verdict) flags the estimates of the
 * treatment alone on that sample — in the effects table, the absolute-effects table, the forest plot (⚠ mark),
 * summary.txt and Read first — and names the covariates in the table's footnote (src/study/effect-flags.ts).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { summaryText } from "../../src/cli/commands/run.js";
import { buildReportModel, seriousWarning } from "../../src/report/render.js";
import { effectFlags, residualImbalanceText, residualImbalanceWarning } from "../../src/study/effect-flags.js";
import type { StudyResults } from "../../src/study/run.js";
import { exampleResults } from "./render-study.js";

describe("effectFlags: residual imbalance", () => {
  const est = ["crude", "matched", "matchedStratified", "matchedAdjusted", "weighted", "weightedMEstimation", "weightedAdjusted", "weightedAdjustedMEstimation"].map((id) => ({ id, hr: 1, nEvents: 30 }));
  const residual = [
    { sample: "weighted" as const, nImbalanced: 3, nTerms: 8, verdict: "After weighting (n = 56), 3 of 8 covariate terms remain imbalanced (|SMD| ≥ 0.1): a (SMD 0.12); b (SMD −0.13); c (SMD 0.11)." },
    { sample: "matched" as const, nImbalanced: 0, nTerms: 8, verdict: "After matching (n = 22), all 8 covariate terms are balanced (|SMD| < 0.1)." },
  ];

  it("flags the weighted estimates of the treatment alone, not the covariate-adjusted ones, and not a balanced sample", () => {
    const flags = effectFlags(est, { minEvents: 10, informativeEvents: null, worsened: [], residual });
    expect(flags.map((f) => [f.id, f.kind])).toEqual([
      ["weighted", "residualImbalance"],
      ["weightedMEstimation", "residualImbalance"],
    ]);
    expect(flags[0].text).toBe("residual imbalance after weighting: 3 of 8 covariate terms imbalanced");
    expect(flags[0].detail).toBe(residual[0].verdict);
    // without the verdicts nothing is flagged
    expect(effectFlags(est, { minEvents: 10, informativeEvents: null, worsened: [] })).toEqual([]);
  });

  it("a sample whose balance worsened carries that flag instead", () => {
    const worse = { sample: "weighted" as const, beyondBefore: 1, beyondAfter: 3, maxBefore: 0.3, maxAfter: 0.4, maxTerm: "a", text: "" };
    const flags = effectFlags(est, { minEvents: 10, informativeEvents: null, worsened: [worse], residual });
    expect(flags.filter((f) => f.id === "weighted").map((f) => f.kind)).toEqual(["balanceWorsened"]);
  });

  it("its row warning is serious and says it is never the default primary analysis", () => {
    const w = residualImbalanceWarning(residual[0]);
    expect(w.startsWith(residualImbalanceText(residual[0]))).toBe(true);
    expect(w).toContain("never the default primary analysis");
    expect(seriousWarning(w)).toBe(true);
  });
});

describe("the example: IPTW keeps 4 of 8 covariate terms imbalanced", () => {
  let r: StudyResults;
  let built: ReturnType<typeof buildReportModel>;
  beforeAll(() => {
    r = exampleResults();
    built = buildReportModel(r);
  }, 600_000);
  const tableOf = (id: string) => built.tables.find((x) => x.id === id)!.table;
  const FLAG = "residual imbalance after weighting: 4 of 8 covariate terms imbalanced";

  it("the weighted verdict has 4 of 8 terms imbalanced and the IPTW estimates of the treatment alone carry the flag", () => {
    const v = r.analyses.propensity!.balance.verdicts.find((x) => x.sample === "weighted")!;
    expect([v.nImbalanced, v.nTerms]).toEqual([4, 8]);
    const flagged = (r.analyses.effects!.flags ?? []).filter((f) => f.kind === "residualImbalance").map((f) => f.id);
    expect(flagged).toEqual(["weighted", "weightedMEstimation"]);
    // matching worsened balance: its rows carry that flag, not this one
    expect((r.analyses.effects!.flags ?? []).some((f) => f.id === "matched" && f.kind === "balanceWorsened")).toBe(true);
  });

  it("every row, the forest plot and summary.txt show it; the footnote names the covariates", () => {
    const effects = tableOf("effects");
    // biased by design (immortal time): the rows name the weighting scheme ("ATE weights"), not the estimand (issue 19, session 11)
    for (const label of ["IPTW Cox (ATE weights, marginal HR; robust SE)", "IPTW Cox (ATE weights, marginal HR; M-estimation SE)"]) {
      const row = effects.rows.find((x) => x[0].startsWith(label))!;
      expect(row[1]).toMatch(new RegExp(`^1\\.22 \\([\\d.–]+\\); ${FLAG} ⚠[\\d,]+$`));
    }
    const notes = effects.footnotes.join(" ");
    expect(notes).toContain("residual imbalance: matching or weighting left covariate terms beyond the balance thresholds");
    expect(notes).toMatch(/Residual imbalance: After weighting \(n = 56\), 4 of 8 covariate terms remain imbalanced \(\|SMD\| ≥ 0\.1 or variance ratio outside 0\.50–2\), 3 of them with \|SMD\| ≥ 0\.1: Age at diagnosis of the primary \(years\) \(SMD −0\.02, variance ratio 2\.50\); Sex: male \(SMD −0\.12\); FNCLCC grade: 2 \(SMD 0\.12\); FNCLCC grade: 3 \(SMD −0\.13\)\./);
    expect(tableOf("effects-absolute").rows[0][0]).toContain(`IPTW (ATE weights); ${FLAG}`);
    const forest = built.figures.find((f) => f.id === "forest-effects")!.svg;
    // (the row's label wraps onto lines, now that it carries its flag)
    expect(forest.replace(/<[^>]+>/g, "")).toMatch(/⚠[\d,]+ IPTW Cox \(ATE weights, marginal HR; robust SE\)/);
    const s = summaryText(r);
    // the two IPTW HR rows and the IPTW adjusted-survival line (named as the absolute-effects table's row, referee A3)
    expect(s.split("\n").filter((l) => l.includes(FLAG))).toHaveLength(3);
    const item = (built.model.readFirst ?? []).find((x) => x.text.includes(FLAG));
    expect(item?.tier).toBe("serious");
  });

  it("in German and Japanese the flag and the footnote are translated", () => {
    const de = buildReportModel(r, "de").tables.find((x) => x.id === "effects")!.table;
    expect(JSON.stringify(de)).toContain("Restungleichgewicht nach Gewichtung: 4 von 8 Kovariablentermen unbalanciert");
    expect(de.footnotes.join(" ")).toMatch(/Restungleichgewicht: Nach Gewichtung \(n = 56\) bleiben 4 von 8 Kovariablentermen unbalanciert/);
    const ja = buildReportModel(r, "ja").tables.find((x) => x.id === "effects")!.table;
    expect(JSON.stringify(ja)).toContain("重み付け後の残存する不均衡：共変量項8個中4個が不均衡");
  });
});
