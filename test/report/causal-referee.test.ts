/**
 * Issue 19, study-truth points of the propensity, treatment-effect and sensitivity sections: each test states one
 * point of the referee and fails on the report as it was — refused rows named by their model (1), HRs from too few
 * (informative) events flagged and kept from the primary (2), matching that worsened balance said and flagged (3),
 * no E-value or Rosenbaum bound for estimates biased by design (4), the ps-overlap legend with level labels (5).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { buildReportModel } from "../../src/report/render.js";
import { notEstimableParts, notEstimableText } from "../../src/study/not-estimable.js";
import { balanceWorsening, effectFlags, informativeSetEvents } from "../../src/study/effect-flags.js";
import { resolvePrimary } from "../../src/study/primary.js";
import { seriousWarning } from "../../src/report/render.js";
import type { BalanceRow } from "../../src/causal/balance.js";
import type { StudyResults } from "../../src/study/run.js";
import type { StudySpec } from "../../src/study/schema.js";
import { exampleResults } from "./render-study.js";

let r: StudyResults;
let built: ReturnType<typeof buildReportModel>;
beforeAll(() => {
  r = exampleResults();
  built = buildReportModel(r);
}, 600_000);
const tableOf = (id: string) => {
  const t = built.tables.find((x) => x.id === id);
  if (t === undefined) throw new Error(`table ${id} not in the report`);
  return t.table;
};
const sectionText = (id: string): string => JSON.stringify(built.model.sections.find((s) => s.id === id) ?? null);

describe("issue 19 point 1: a refused model is named by its row, not by its table", () => {
  it("notEstimableParts names the table and the model: 'Treatment effect, PS-matched Cox adjusted for covariates (…): not estimated: …'", () => {
    const n = { analysis: "effects.matchedAdjusted", reason: "PS-matched Cox adjusted for covariates (ATM, conditional HR): not estimated: 10 events for 8 parameters (EPV 1.3, floor 5)", code: "MODEL_TOO_FEW_EVENTS" };
    expect(notEstimableParts(n)).toEqual({ context: "Treatment effect, PS-matched Cox adjusted for covariates (ATM, conditional HR)", text: "not estimated: 10 events for 8 parameters (EPV 1.3, floor 5)" });
    expect(notEstimableText(n)).toBe("Treatment effect, PS-matched Cox adjusted for covariates (ATM, conditional HR): not estimated: 10 events for 8 parameters (EPV 1.3, floor 5) [MODEL_TOO_FEW_EVENTS]");
    // a whole analysis that is not estimable keeps its label and reason
    expect(notEstimableText({ analysis: "rmst", reason: "tau = 250 is past the follow-up", code: "OPTION_TAU_TOO_LARGE" })).toBe("Restricted mean survival time (RMST): not estimable — tau = 250 is past the follow-up [OPTION_TAU_TOO_LARGE]");
  });

  it("the example's Read first names each refused treatment-effect model by its row", () => {
    const texts = (built.model.readFirst ?? []).map((x) => x.text);
    // biased by design, the row is named by its matched sample, as the effects table names it (referee A8, session 11)
    expect(texts.some((t) => t.startsWith("Treatment effect, PS-matched Cox adjusted for covariates (matched sample, conditional HR): not estimated: 10 events"))).toBe(true);
    expect(texts.some((t) => t.includes("Treatment-effect table: not estimable"))).toBe(false);
  });
});

describe("issue 19 point 2: hazard ratios from too few events are flagged", () => {
  it("informativeSetEvents counts only events whose matched set still holds a treated and a control member at risk", () => {
    // rows: 0 treated censored 5, 1 control died 2 → informative; 2 treated censored 1, 3 control died 3 → not;
    // 4 treated died 4, 5 control died 6 → only the first death (4) is informative; 6, 7 tied deaths at 2 → both at risk: 2
    const time = [5, 2, 1, 3, 4, 6, 2, 2];
    const status = [0, 1, 0, 1, 1, 1, 1, 1];
    const treated = [1, 0, 1, 0, 1, 0, 1, 0];
    expect(informativeSetEvents([[0, 1], [2, 3], [4, 5], [6, 7]], time, status, treated)).toBe(4);
    // a member without outcome (NaN time) leaves its set uninformative
    expect(informativeSetEvents([[0, 1]], [Number.NaN, 2], [0, 1], [1, 0])).toBe(0);
  });

  it("effectFlags flags an HR below minEvents, and the stratified matched model by its informative events", () => {
    const est = [
      { id: "crude", hr: 0.6, nEvents: 23 },
      { id: "matched", hr: 1.2, nEvents: 10 },
      { id: "matchedStratified", hr: 1.5, nEvents: 10 },
      { id: "multivariable", hr: null, nEvents: 3 },
    ];
    const flags = effectFlags(est, { minEvents: 10, informativeEvents: 5, worsened: [] });
    expect(flags).toEqual([{ id: "matchedStratified", kind: "fewEvents", events: 5, text: "only 5 events in informative matched sets: imprecise" }]);
    expect(effectFlags(est, { minEvents: 0, informativeEvents: 5, worsened: [] })).toEqual([]);
    expect(effectFlags(est, { minEvents: 11, informativeEvents: null, worsened: [] }).map((f) => [f.id, f.text])).toEqual([
      ["matched", "only 10 events: imprecise"],
      ["matchedStratified", "only 10 events: imprecise"],
    ]);
  });

  it("the example's pair-stratified matched Cox (10 events, 5 in informative pairs) carries the flag in its row and a serious warning", () => {
    const flags = r.analyses.effects?.flags ?? [];
    expect(flags.find((f) => f.id === "matchedStratified" && f.kind === "fewEvents")).toMatchObject({ events: 5 });
    const row = tableOf("effects").rows.find((x) => x[0].startsWith("PS-matched Cox stratified on matched set"))!;
    expect(row[1]).toMatch(/^1\.50 \(0\.25–8\.98\); only 5 events in informative matched sets: imprecise/);
    const item = (built.model.readFirst ?? []).find((x) => x.text.includes("only 5 events in informative matched sets: imprecise"));
    expect(item?.tier).toBe("serious");
    expect(tableOf("effects").footnotes.join(" ")).toMatch(/only the events of matched sets whose risk set still holds a treated and a control member count/);
  });

  it("a flagged estimate is never chosen as the primary analysis by the default rule", () => {
    const estimate = (id: string, hr: number) => ({ id, label: id, hr, lower: hr / 2, upper: hr * 2, notEstimable: null });
    const effects = { estimates: [estimate("weightedMEstimation", 0.7), estimate("matched", 0.8), estimate("crude", 0.6)], biasedByDesign: null };
    const spec = { analyses: {} } as unknown as StudySpec;
    const plain = resolvePrimary({ effects } as unknown as StudyResults["analyses"], spec);
    expect(plain.id).toBe("weightedMEstimation");
    const flagged = resolvePrimary({ effects: { ...effects, flags: [{ id: "weightedMEstimation", kind: "fewEvents", events: 6, text: "only 6 events: imprecise" }] } } as unknown as StudyResults["analyses"], spec);
    expect(flagged.id).toBe("matched");
    expect(flagged.reason).toContain("weightedMEstimation: only 6 events: imprecise");
  });
});

describe("issue 19 point 3: matching that worsened balance", () => {
  const row = (variable: string, smd: number): BalanceRow => ({ variable, covariate: variable, level: null, type: "continuous", meanTreated: 0, meanControl: 0, smd, standardized: true, varianceRatio: 1, ks: 0, balanced: Math.abs(smd) < 0.1 }) as BalanceRow;
  it("balanceWorsening: more terms beyond the threshold, or a larger largest |SMD|, is a worsening; an improvement is not", () => {
    const before = [row("a", 0.05), row("b", -0.3)];
    expect(balanceWorsening("matched", before, [row("a", 0.02), row("b", 0.1)], 0.1, (x) => x.variable)).toBeNull();
    const more = balanceWorsening("matched", before, [row("a", 0.15), row("b", 0.2)], 0.1, (x) => x.variable);
    expect(more).toMatchObject({ beyondBefore: 1, beyondAfter: 2 });
    const larger = balanceWorsening("weighted", before, [row("a", 0.01), row("b", -0.45)], 0.1, (x) => x.variable);
    expect(larger?.text).toMatch(/^Weighting made covariate balance worse than no adjustment: as many terms with \|SMD\| ≥ 0\.1 as before \(1 of 2\), largest \|SMD\| 0\.45 \(b\) against 0\.30; the weighted estimates are not interpretable as confounding-adjusted\.$/);
  });

  it("the example's balance verdict says matching made balance worse, with a serious warning, and the matched rows carry the flag", () => {
    const p = r.analyses.propensity!;
    expect(p.balance.worsened?.map((w) => w.sample)).toEqual(["matched"]);
    const verdict = p.balance.verdicts.find((v) => v.sample === "matched")!.text;
    expect(verdict).toMatch(/Matching made covariate balance worse than no adjustment: .*largest \|SMD\| 0\.91 \(Sex: male\) against 0\.74; the matched estimates are not interpretable as confounding-adjusted\./);
    const warning = (built.model.readFirst ?? []).find((x) => x.text.includes("matching worsened covariate balance"));
    expect(warning?.tier).toBe("serious");
    expect(seriousWarning(warning!.text)).toBe(true);
    const matchedRows = tableOf("effects").rows.filter((x) => x[0].startsWith("PS-matched Cox") && !x[1].startsWith("not estimated"));
    expect(matchedRows.length).toBe(2);
    for (const x of matchedRows) expect(x[1]).toContain("matching worsened balance: not confounding-adjusted");
    // weighting improved balance: its rows carry no such flag
    for (const x of tableOf("effects").rows.filter((y) => y[0].startsWith("IPTW Cox (ATE, marginal"))) expect(x[1]).not.toContain("worsened");
    expect(tableOf("effects-absolute").rows.find((x) => x[0].startsWith("PS-matched"))?.[0]).toContain("matching worsened balance");
  });
});

describe("issue 19 point 4: no E-value or Rosenbaum bound for an estimate biased by design", () => {
  it("the effects table prints no E-value for rows biased by design (immortal time) and says why in one line", () => {
    const t = tableOf("effects");
    const rows = t.rows.filter((x) => x[0].includes("biased by design (immortal time)"));
    expect(rows.length).toBeGreaterThan(0);
    // every row is biased by design: no E-value column at all (issue 19, session 11), and the footnote says why
    expect(t.headers[0].some((h) => /E-value/.test(typeof h === "string" ? h : h.text))).toBe(false);
    expect(t.footnotes).toContain("No E-value for rows biased by design (immortal time): an E-value measures how strong unmeasured confounding would have to be, and says nothing about a bias built into the comparison. The table therefore has no E-value column.");
  });

  it("the sensitivity section gives no Rosenbaum bounds for matched pairs biased by design, and says why", () => {
    const s = r.analyses.sensitivity!;
    expect(s.rosenbaum).toBeNull();
    expect(s.notRun.find((n) => n.part === "rosenbaum")?.reason).toMatch(/biased by design \(immortal time\): a bound on hidden bias says nothing about a bias built into the comparison/);
    expect(built.tables.some((x) => x.id === "sensitivity-rosenbaum")).toBe(false);
    // the primary (clone–censor–weight) is not biased by design: its E-value stays
    expect(s.eValue).not.toBeNull();
  });
});

describe("issue 19 point 5: the ps-overlap legend uses the report's level labels", () => {
  it("names the groups 'Metastasectomy' and 'No metastasectomy' (spec labels), not the raw levels yes/no", () => {
    const svg = built.figures.find((f) => f.id === "ps-overlap")!.svg;
    expect(svg).toContain(">Metastasectomy (above)<");
    expect(svg).toContain(">No metastasectomy (below)<");
    expect(svg).not.toMatch(/>(yes|no) \((above|below)\)</);
    expect(sectionText("propensity")).toContain("n = 22 (No metastasectomy: 11, Metastasectomy: 11)");
  });
});

describe("read-first tiers of the flags", () => {
  it("a few-events flag and a worsened-balance warning are serious", () => {
    expect(seriousWarning("only 6 events: imprecise")).toBe(true);
    expect(seriousWarning("matching worsened covariate balance (…): the matched estimates are not interpretable as confounding-adjusted")).toBe(true);
  });
});
