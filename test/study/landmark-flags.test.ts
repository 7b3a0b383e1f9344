/**
 * Issue 19 (journal referee, immortal-time section): the landmark analysis with the PS re-estimated among the patients
 * alive at 6 months carries the treatment-effect table's flags (src/study/effect-flags.ts) — matching that worsened
 * balance, residual imbalance after weighting, too few (informative) events — on its rows, in results.json
 * (`landmarkPs.flags`), in summary.txt's helper and in the primary rule; shows its Cox model stratified on matched set;
 * is refused with `propensityBelowFloor: refuse`; and the section's intro names only the adjusted designs estimated
 * (src/study/immortal-time/explanation.ts).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { buildReportModel } from "../../src/report/render.js";
import { landmarkFlagSuffix } from "../../src/report/sections-immortal.js";
import { immortalExplanation } from "../../src/study/immortal-time/explanation.js";
import { withLanguage } from "../../src/i18n/language.js";
import { engineText } from "../../src/i18n/warnings.js";
import { primaryReasonText } from "../../src/report/primary-reason.js";
import type { StudyResults } from "../../src/study/run.js";
import { exampleSpec, patched, runSpecRaw, type Json } from "./options-honoured-harness.js";

/** The example's propensity and immortal-time analyses (landmark at 6 months, the same PS options), without the long-term ones. */
function lean(extra: Record<string, Json> = {}): Json {
  const s = exampleSpec() as unknown as { analyses: Record<string, Json> };
  s.analyses = { km: s.analyses.km, propensity: s.analyses.propensity, immortalTime: { landmark: 6, timeDependent: true, cloneCensorWeight: { grace: 6, bootstrap: 0 } }, ...extra };
  delete (s as Record<string, unknown>).missing;
  return s as unknown as Json;
}

const rowOf = (rows: readonly (readonly string[])[], re: RegExp): readonly string[] => {
  const r = rows.find((x) => re.test(x[0]));
  expect(r, String(re)).toBeDefined();
  return r!;
};

describe("the example's landmark PS rows carry the treatment-effect table's flags", () => {
  let r: StudyResults;
  let built: ReturnType<typeof buildReportModel>;
  beforeAll(() => {
    r = runSpecRaw(lean());
    built = buildReportModel(r);
  }, 600_000);

  it("results.json: matching worsened balance, residual imbalance after weighting, too few (informative) events", () => {
    const lp = r.analyses.immortalTime!.landmarkPs!;
    const kinds = (id: string): string[] => (lp.flags ?? []).filter((f) => f.id === id).map((f) => f.kind);
    // Age SMD −0.19 → 0.90 after matching: the largest |SMD| grew
    expect(lp.psBalance!.worsened!.map((w) => w.sample)).toEqual(["matched"]);
    expect(kinds("matched")).toEqual(["fewEvents", "balanceWorsened"]);
    expect(kinds("matchedStratified")).toEqual(["fewEvents", "balanceWorsened"]);
    expect(kinds("weighted")).toEqual(["residualImbalance"]);
    expect(kinds("weightedMEstimation")).toEqual(["residualImbalance"]);
    expect(kinds("crude")).toEqual([]);
    const matched = lp.effects.estimates.find((e) => e.id === "matched")!;
    expect(matched.nEvents).toBe(6);
    expect(lp.flags!.find((f) => f.id === "matched" && f.kind === "fewEvents")!.text).toBe("only 6 events: imprecise");
    // the stratified model: fewer informative events than its 6
    const few = lp.flags!.find((f) => f.id === "matchedStratified" && f.kind === "fewEvents")!;
    expect(few.events).toBeLessThan(6);
    expect(few.text).toBe(`only ${few.events} events in informative matched sets: imprecise`);
    const weighted = lp.psBalance!.verdicts.find((v) => v.sample === "weighted")!;
    expect(lp.flags!.find((f) => f.id === "weighted")!.text).toBe(`residual imbalance after weighting: ${weighted.nImbalanced} of ${weighted.nTerms} covariate terms imbalanced`);
    // the verdict says the worsening, as the study's does
    expect(lp.psBalance!.verdicts.find((v) => v.sample === "matched")!.text).toContain("Matching made covariate balance worse than no adjustment");
    // and the warnings reach the section (each flagged estimate by its label)
    const w = r.analyses.immortalTime!.warnings;
    expect(w).toContain(`landmark at 6 months (PS): PS-matched Cox (ATM, marginal HR): only 6 events: imprecise: fewer than 10 events (analyses.safeguards.minEvents), so the hazard ratio and its interval are unstable; never the default primary analysis`);
    expect(w.some((x) => x.startsWith("landmark at 6 months (PS): matching worsened covariate balance"))).toBe(true);
    expect(w.some((x) => x.includes("(named under the landmark balance table)"))).toBe(true);
  });

  it("the report's rows show the flags after the HR, the stratified row is shown, the footnote explains the flags", () => {
    const t = built.tables.find((x) => x.id === "immortal-time")!.table;
    const iptw = rowOf(t.rows, /PS re-estimated, IPTW \(ATE, stabilised\) Cox ⚠/);
    expect(iptw[3]).toMatch(/^\d\.\d\d \(\d\.\d\d–\d\.\d\d\); residual imbalance after weighting: \d of 8 covariate terms imbalanced$/);
    const matched = rowOf(t.rows, /PS re-estimated, PS-matched Cox ⚠/);
    expect(matched[3]).toMatch(/; only 6 events: imprecise; matching worsened balance: not confounding-adjusted$/);
    const strat = rowOf(t.rows, /PS re-estimated, PS-matched Cox stratified on matched set/);
    const est = r.analyses.immortalTime!.landmarkPs!.effects.estimates.find((e) => e.id === "matchedStratified")!;
    expect(strat[1]).toBe(`matched at 6 months, n = ${est.n}`);
    expect(strat[2]).toMatch(/conditional HR, among patients alive at 6 months$/);
    expect(strat[3]).toMatch(/events in informative matched sets: imprecise; matching worsened balance: not confounding-adjusted$/);
    expect(strat[5]).toBe(String(est.nEvents));
    // each flagged row carries its own warning's mark, not its neighbour's
    const markOf = (text: string): string => (built.model.readFirst ?? []).find((x) => x.text.includes(text))!.mark;
    const mStrat = markOf("landmark at 6 months (PS): PS-matched Cox stratified on matched set (ATM, conditional HR): only");
    const mMatched = markOf("landmark at 6 months (PS): PS-matched Cox (ATM, marginal HR): only 6 events");
    expect(strat[0].split("⚠")[1].split(",")).toContain(mStrat.replace("⚠", ""));
    expect(matched[0].split("⚠")[1].split(",")).not.toContain(mStrat.replace("⚠", ""));
    expect(matched[0].split("⚠")[1].split(",")).toContain(mMatched.replace("⚠", ""));
    expect(t.footnotes.join(" ")).toContain("Flags: imprecise: fewer events than analyses.safeguards.minEvents");
    expect(t.footnotes[0]).toMatch(/^Adjusted designs first: estimated, they address immortal time and the measured confounders together, under no unmeasured confounding and correctly specified treatment, censoring and outcome models; a design not estimated says so in its row, and a flagged row/);
  });

  it("summary.txt's helper gives the landmark IPTW line its flag, in the language in force", () => {
    const lp = r.analyses.immortalTime!.landmarkPs!;
    expect(landmarkFlagSuffix(lp, "weighted")).toMatch(/^; residual imbalance after weighting: \d of 8 covariate terms imbalanced$/);
    expect(landmarkFlagSuffix(lp, "crude")).toBe("");
    withLanguage("de", () => {
      expect(landmarkFlagSuffix(lp, "weighted")).toMatch(/^; Restungleichgewicht nach Gewichtung: \d von 8 Kovariablentermen unbalanciert$/);
      expect(engineText(r.analyses.immortalTime!.warnings.find((x) => x.includes("(named under the landmark balance table)"))!)).toContain("unter der Balancetabelle des Landmarks genannt");
    });
  });

  it("the intro says only the designs estimated without a flag meet the condition, names the flagged ones and every model not estimated (referee s11 A12), and the clone–censor–weight's own flag and caveats (referee s12 A9)", () => {
    const x = r.analyses.immortalTime!.explanation;
    // the adjusted time-dependent Cox (23 events for 8 parameters, EPV 2.9) and the landmark Cox adjusted for the covariates are not estimated
    expect(r.analyses.immortalTime!.adjustedTimeDependent).toBeUndefined();
    expect(r.notEstimable.some((n) => n.analysis === "immortalTime.landmarkPs.multivariable")).toBe(true);
    // the clone–censor–weight's weights leave covariate terms imbalanced among the clones uncensored after the grace
    // period (its diagnostics): flagged, and (no primary declared here) a sensitivity analysis like the landmark PS
    // design; its censoring model is below the EPV floor (16 deviations for 7 parameters), said as its caveat
    expect(r.analyses.immortalTime!.cloneCensorWeight!.diagnostics.flag).not.toBeNull();
    expect(x).toContain("No adjusted design was estimated without a flag. Caveats of target-trial emulation by clone–censor–weight: its censoring model has fewer deviations per parameter than the floor at which the study's other models are not fitted. ");
    expect(x).not.toContain("estimated without a flag: it addresses");
    expect(x).toContain("Flagged in every estimated row (too few events, residual or worsened covariate balance), and so sensitivity analyses only: target-trial emulation by clone–censor–weight; landmark analysis with the propensity score re-estimated among patients alive at the landmark.");
    expect(x).toContain("Not estimated on these data, and listed as such: time-dependent Cox adjusted for the confounders; landmark Cox adjusted for the confounders.");
    expect(x).not.toContain("Their rows flagged");
    const note = (lang: "de" | "ja"): string => {
      const b = buildReportModel(r, lang).model.sections.find((s) => s.id === "immortal-time")!.blocks[0];
      return b.kind === "note" ? b.text : "";
    };
    expect(note("de")).toContain("Einschränkungen von Target-Trial-Emulation durch Klonen-Zensieren-Gewichten: ihr Zensierungsmodell hat weniger Abweichungen pro Parameter als die Untergrenze");
    expect(note("de")).toContain("In jeder geschätzten Zeile der Tabelle markiert (zu wenige Ereignisse, verbliebene oder verschlechterte Balance der Kovariablen) und daher nur Sensitivitätsanalysen: Target-Trial-Emulation durch Klonen-Zensieren-Gewichten; Landmark-Analyse");
    expect(note("de")).toContain("Auf diesen Daten nicht geschätzt und als solche aufgeführt: zeitabhängiges Cox-Modell, adjustiert für die Störgrößen; Landmark-Cox-Modell, adjustiert für die Störgrößen.");
    expect(note("ja")).toContain("クローン・打ち切り・重み付けによるターゲットトライアルエミュレーションの留意点：打ち切りモデルのパラメータあたりの逸脱数が");
    expect(note("ja")).toContain("このデータでは推定できず、その旨を記載したもの：交絡因子で調整した時間依存性Cox回帰、交絡因子で調整したランドマークCox回帰。");
    for (const n of [note("de"), note("ja")]) expect(n).not.toMatch(/Of the adjusted|Flagged|Not estimated|Caveats|censoring model/);
  });
});

describe("a flagged landmark PS estimate is never the default primary", () => {
  it("without clone–censor–weight, the flagged landmark IPTW rows are skipped by the default rule", () => {
    const r = runSpecRaw(patched(lean(), { "analyses.immortalTime.cloneCensorWeight": false }));
    const c = r.primary.candidates.find((x) => x.id === "landmarkWeightedMEstimation")!;
    expect(c.flag).toMatch(/^residual imbalance after weighting: \d of 8 covariate terms imbalanced$/);
    // every landmark PS candidate of the default rule is flagged or not estimated, and the rest are biased by design: none
    expect(r.primary.id).toBeNull();
    expect(r.primary.reason).toMatch(/^No primary analysis: every candidate of the default rule not biased by design is flagged or not estimable \(.*Landmark at 6 months: IPTW Cox \(ATE, marginal HR; M-estimation SE\): residual imbalance after weighting: \d of 8 covariate terms imbalanced/);
    expect(withLanguage("de", () => primaryReasonText(r.primary.reason))).toMatch(/^Keine Primäranalyse: Jeder nicht durch das Design verzerrte Kandidat der Standardregel ist markiert oder nicht schätzbar \(.*Restungleichgewicht nach Gewichtung/);
  }, 600_000);
});

describe("analyses.safeguards.propensityBelowFloor", () => {
  /** The "kept because … is "warn"" of a PS model below the floor, as JSON writes it. */
  const WARN_TEXT = String.raw`kept because analyses.safeguards.propensityBelowFloor is \"warn\"`;
  it("refuse: the landmark PS analysis is not estimated either, says why, and nothing says \"warn\"", () => {
    const r = runSpecRaw(lean({ safeguards: { propensityBelowFloor: "refuse" } }));
    const it6 = r.analyses.immortalTime!;
    expect(it6.landmarkPs).toBeUndefined();
    const ne = r.notEstimable.find((n) => n.analysis === "immortalTime.landmarkPs")!;
    expect(ne.code).toBe("MODEL_TOO_FEW_EVENTS");
    expect(ne.reason).toMatch(/^landmark at 6 months \(PS\): propensity model \(events = patients in the smaller group\): not estimated: 16 patients for 7 parameters \(EPV 2\.3, floor 5;/);
    // anywhere in the results (the warn test below finds the same string when the setting is "warn")
    expect(JSON.stringify(r)).not.toContain(WARN_TEXT);
    expect(it6.explanation).toContain("Not estimated on these data, and listed as such: time-dependent Cox adjusted for the confounders; landmark analysis with the propensity score re-estimated among patients alive at the landmark.");
    const built = buildReportModel(r);
    const row = rowOf(built.tables.find((x) => x.id === "immortal-time")!.table.rows, /^Landmark at 6 months, PS re-estimated \(IPTW, PS-matched and covariate-adjusted Cox\)$/);
    expect(row[3]).toContain("not estimated: 16 patients for 7 parameters");
    expect(built.tables.find((x) => x.id === "immortal-time-landmark-balance")).toBeUndefined();
    // in German the reason is translated
    const de = rowOf(buildReportModel(r, "de").tables.find((x) => x.id === "immortal-time")!.table.rows, /^Landmark nach 6 Monaten, PS neu geschätzt \(/);
    expect(de[3]).toContain("Propensity-Modell (Ereignisse = Patienten der kleineren Gruppe): nicht geschätzt: 16 Patienten für 7 Parameter");
  }, 600_000);

  it("warn (the default): the landmark PS analysis is kept, with the warning that says so", () => {
    const r = runSpecRaw(lean({ safeguards: { propensityBelowFloor: "warn" } }));
    expect(r.analyses.immortalTime!.landmarkPs).toBeDefined();
    expect(r.notEstimable.some((n) => n.analysis === "immortalTime.landmarkPs")).toBe(false);
    expect(JSON.stringify(r)).toContain(WARN_TEXT);
    expect(r.analyses.immortalTime!.warnings.some((w) => w.startsWith('landmark at 6 months (PS): propensity model: 16 patients in the smaller group (controls) for 7 coefficients (EPV 2.3, below the floor of 5): kept because analyses.safeguards.propensityBelowFloor is "warn"'))).toBe(true);
  }, 600_000);
});

describe("immortalExplanation", () => {
  const base = { treatment: "surgery", endpointLabel: "Overall survival", medianWait: 2, unit: "months", covariates: true, byDefault: false };
  it("with no adjusted design estimated, says so and names them as not estimated", () => {
    const x = immortalExplanation({ ...base, designs: [{ design: "cloneCensorWeight", estimated: false }, { design: "adjustedTimeDependent", estimated: false }] });
    expect(x).toContain("No adjusted design could be estimated on these data (listed as such: target-trial emulation by clone–censor–weight; time-dependent Cox adjusted for the confounders), so only crude designs give estimates");
    expect(x).not.toContain("address immortal time and measured confounding together");
    withLanguage("de", () => {
      expect(engineText(x)).toContain("Auf diesen Daten konnte kein adjustiertes Design geschätzt werden (als solche aufgeführt: Target-Trial-Emulation durch Klonen-Zensieren-Gewichten; zeitabhängiges Cox-Modell");
    });
  });
  it("every design estimated and none flagged: no list of designs not estimated, no flag sentence", () => {
    const x = immortalExplanation({ ...base, designs: [{ design: "adjustedTimeDependent", estimated: true }, { design: "sequentialMatching", estimated: true }] });
    expect(x).toContain("The adjusted designs estimated below (time-dependent Cox adjusted for the confounders; sequential matching on the time of treatment) address");
    expect(x).not.toContain("Not estimated");
    expect(x).not.toContain("flagged");
    withLanguage("ja", () => {
      expect(engineText(x)).toContain("以下で推定された調整デザイン（交絡因子で調整した時間依存性Cox回帰、治療時点での逐次マッチング）");
    });
  });
  it("no design estimated without a flag: says so, and names the designs flagged in some rows (referee s11 A12)", () => {
    const x = immortalExplanation({ ...base, designs: [{ design: "cloneCensorWeight", estimated: false }, { design: "landmarkPs", estimated: true, flagged: "some" }, { design: "sequentialMatching", estimated: true, flagged: "all" }] });
    expect(x).toContain("No adjusted design was estimated without a flag. Flagged in every estimated row (too few events, residual or worsened covariate balance), and so sensitivity analyses only: sequential matching on the time of treatment. ");
    expect(x).toContain("Flagged in some rows (too few events, residual or worsened covariate balance), which are sensitivity analyses only: landmark analysis with the propensity score re-estimated among patients alive at the landmark. ");
    expect(x).toContain("Not estimated on these data, and listed as such: target-trial emulation by clone–censor–weight.");
    expect(x).not.toContain("address immortal time and measured confounding together");
    withLanguage("de", () => {
      const de = engineText(x);
      expect(de).toContain("Kein adjustiertes Design wurde ohne Markierung geschätzt. In jeder geschätzten Zeile der Tabelle markiert");
      expect(de).toContain("In einigen Zeilen der Tabelle markiert (zu wenige Ereignisse, verbliebene oder verschlechterte Balance der Kovariablen), die nur Sensitivitätsanalysen sind: Landmark-Analyse");
    });
    withLanguage("ja", () => expect(engineText(x)).toContain("フラグなしで推定された調整デザインはない。"));
  });
  it("two designs estimated without a flag beside a flagged one: plural agreement in every language", () => {
    const x = immortalExplanation({ ...base, designs: [{ design: "cloneCensorWeight", estimated: true }, { design: "adjustedTimeDependent", estimated: true }, { design: "landmarkPs", estimated: true, flagged: "all" }] });
    expect(x).toContain("Of the adjusted designs, only target-trial emulation by clone–censor–weight; time-dependent Cox adjusted for the confounders were estimated with no flag of the kinds used below (too few events, residual or worsened covariate balance): they address immortal time");
    withLanguage("de", () => expect(engineText(x)).toContain("Von den adjustierten Designs wurden nur Target-Trial-Emulation durch Klonen-Zensieren-Gewichten; zeitabhängiges Cox-Modell, adjustiert für die Störgrößen ohne eine Markierung der unten verwendeten Arten (zu wenige Ereignisse, verbliebene oder verschlechterte Balance der Kovariablen) geschätzt: Diese Designs berücksichtigen"));
  });
  it("a design estimated without a flag but with caveats (censoring model below the EPV floor, bootstrap off-centre) has them named after the lead, in every language (referee s12 A9)", () => {
    const x = immortalExplanation({ ...base, designs: [{ design: "cloneCensorWeight", estimated: true, caveats: ["censoringBelowFloor", "bootstrapOffCentre"] }, { design: "landmarkPs", estimated: true, flagged: "all" }] });
    expect(x).toContain("only target-trial emulation by clone–censor–weight was estimated with no flag of the kinds used below (too few events, residual or worsened covariate balance): it addresses");
    expect(x).toContain("Caveats of target-trial emulation by clone–censor–weight: its censoring model has fewer deviations per parameter than the floor at which the study's other models are not fitted; its bootstrap distributions are not centred on the estimates. Flagged in every estimated row");
    withLanguage("de", () => expect(engineText(x)).toContain("Einschränkungen von Target-Trial-Emulation durch Klonen-Zensieren-Gewichten: ihr Zensierungsmodell hat weniger Abweichungen pro Parameter als die Untergrenze, unter der die anderen Modelle der Studie nicht angepasst werden; ihre Bootstrap-Verteilungen sind nicht um die Schätzwerte zentriert. "));
    withLanguage("ja", () => expect(engineText(x)).toContain("留意点：打ち切りモデルのパラメータあたりの逸脱数が、本研究の他のモデルを当てはめない下限を下回る、ブートストラップ分布が推定値を中心としていない。"));
    // without caveats, no caveat sentence; a flagged design that is not the declared primary is a sensitivity analysis
    const y = immortalExplanation({ ...base, designs: [{ design: "cloneCensorWeight", estimated: true, flagged: "all" }] });
    expect(y).not.toContain("Caveats");
    expect(y).toContain("and so sensitivity analyses only: target-trial emulation by clone–censor–weight.");
    const z = immortalExplanation({ ...base, designs: [{ design: "cloneCensorWeight", estimated: true, flagged: "all", declaredPrimary: true }] });
    expect(z).not.toContain("sensitivity analyses only");
    expect(z).toContain("but declared the primary analysis in the study specification: target-trial emulation by clone–censor–weight.");
  });
  it("a flagged declared primary names its own flags, not the kinds of flag (referee s12 A8), in every language", () => {
    const flag = "residual imbalance after weighting: 3 of 14 covariate terms imbalanced";
    const x = immortalExplanation({ ...base, covariates: true, designs: [{ design: "cloneCensorWeight", estimated: true, flagged: "all", declaredPrimary: true, flags: [flag] }] });
    expect(x).toContain(`Flagged (${flag}) but declared the primary analysis in the study specification: target-trial emulation by clone–censor–weight.`);
    expect(x).not.toContain("Flagged (too few events");
    withLanguage("de", () => {
      const de = engineText(x);
      expect(de).toContain("Markiert (Restungleichgewicht nach Gewichtung: 3 von 14 Kovariablentermen unbalanciert), aber in der Studienspezifikation als Primäranalyse festgelegt");
      expect(de).not.toContain("zu wenige Ereignisse");
    });
    withLanguage("ja", () => {
      const ja = engineText(x);
      expect(ja).toContain("フラグが付いた（重み付け後の残存する不均衡：共変量項14個中3個が不均衡）が、研究仕様で主解析として宣言されている");
      expect(ja).not.toContain("イベント数不足");
      expect(ja).not.toMatch(/residual|imbalanced/);
    });
  });
});
