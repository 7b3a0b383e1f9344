/**
 * The report's "Treatment effect" section, in the order a reader needs it (docs/report.md, "Treatment
 * effect"): the primary analysis in one sentence (estimand, population n, estimate and CI) or why there is
 * none; the absolute effects (adjusted survival at the Kaplan–Meier times and RMST up to τ, with their
 * differences) as the headline; then the hazard-ratio table with the primary first and the others under
 * "Sensitivity analyses"; the forest plot with the same grouping; the immortal-time caveat. A row that
 * compares patients by treatment ever received from the origin is labelled "biased by design (immortal time)".
 */
import { miPrimaryRow } from "./sections-missing.js";
import type { TreatmentEffectsResult } from "../causal/effect.js";
import type { EffectsStepResult } from "../study/effects-step.js";
import type { PrimaryAnalysis } from "../study/primary.js";
import type { ReportBlock, ReportSection } from "./html.js";
import { forestPlot } from "./plots/forest.js";
import { formatP } from "./table1.js";
import { absoluteEffectsTable, effectsTable, fmtRatioCi, type AbsoluteEffectView, type EffectRowView } from "./tables.js";
import { fromPath, type StudySectionContext } from "./report-context.js";
import type { ReadFirstItem } from "./read-first.js";
import { msg } from "../i18n/messages.js";
import { engineText } from "../i18n/warnings.js";

/** The treatment-effect rows as the report shows them (role and design bias from the study's primary). */
export function effectRows(effects: TreatmentEffectsResult & { readonly biasedByDesign?: string | null; readonly flags?: EffectsStepResult["flags"] }, primary?: PrimaryAnalysis): EffectRowView[] {
  const flagsOf = (id: string): string[] => (effects.flags ?? []).filter((f) => f.id === id).map((f) => engineText(f.text));
  return effects.estimates.map((e) => ({
    analysis: e.label,
    hr: e.hr,
    lower: e.lower,
    upper: e.upper,
    p: e.p,
    n: e.n,
    events: e.nEvents,
    estimand: e.estimandLabel,
    // no E-value for an estimate biased by design: it measures unmeasured confounding, not a bias of the design (issue 19 point 4)
    eValue: effects.biasedByDesign ? null : e.eValue,
    bootstrap: e.bootstrap,
    note: e.notEstimable,
    flags: flagsOf(e.id),
    ...(primary === undefined ? {} : { role: primary.section === "effects" && primary.id === e.id ? ("primary" as const) : ("sensitivity" as const) }),
    biasedByDesign: effects.biasedByDesign ?? null,
  }));
}

/** Why a row biased by design has no E-value, in one line (issue 19 point 4). */
export function eValueNotGiven(bias: string): string {
  return msg().causal.eValueNotGiven(bias);
}

/** The flags' rule in one footnote: what "imprecise" and "worsened balance" mean (src/study/effect-flags.ts). */
function flagFootnote(effects: EffectsStepResult): string {
  const kinds = new Set((effects.flags ?? []).map((f) => f.kind));
  return msg().causal.flagsFootnote(kinds.has("fewEvents"), kinds.has("balanceWorsened"));
}

/** The primary analysis in one sentence, or why the study has none. */
export function primarySentence(effects: EffectsStepResult, primary: PrimaryAnalysis): string {
  const e = primary.section === "effects" ? effects.estimates.find((x) => x.id === primary.id) : undefined;
  const how = primary.declared ? "declared in the study specification" : "by the default rule";
  const cl = `${Math.round(100 * effects.options.confLevel)}% CI`;
  if (e === undefined) {
    // a primary from another section (the immortal-time designs): its own summary, and where it is
    const c = primary.candidates.find((x) => x.id === primary.id && x.section === primary.section);
    const q = c?.estimate;
    if (c === undefined || q === undefined) return primary.reason;
    const est = q.hr === null ? (c.notEstimable ?? "not estimable") : `HR ${fmtRatioCi(q.hr, q.lower, q.upper).replace(" (", ` (${cl} `)}, p ${/^[<>]/.test(formatP(q.p)) ? "" : "= "}${formatP(q.p)}`;
    if (c.section === "missing") {
      // missing.primary: mi — the pooled estimate of the same analysis; its complete-case row is a sensitivity analysis
      const cc = effects.estimates.find((x) => x.id === c.id);
      const bias = c.biasedByDesign === null ? "" : ` This analysis is biased by design (${c.biasedByDesign}): read it with the analyses that avoid that bias.`;
      return `Primary analysis (${how}; missing covariates by multiple imputation, missing.primary: mi): ${c.label}, estimating ${q.description.replace(/\.$/, "")}; ${q.n} patients, ${q.events} events; ${est}.${bias} The same analysis on complete cases${cc === undefined ? "" : ` (${cc.n} patients)`} and the other analyses below are sensitivity analyses (pooled estimates of each in the section "Missing data").`;
    }
    // an immortal-time design: said as chosen by survinfer's default rule when not declared, with its settings that are defaults (study/primary.ts);
    // its texts in the language in force (src/i18n/immortal-*.ts; label, settings and description are engine texts)
    const estLocal = q.hr === null ? engineText(c.notEstimable ?? "not estimable") : `HR ${fmtRatioCi(q.hr, q.lower, q.upper).replace(" (", ` (${msg().immortal.ci(String(Math.round(100 * effects.options.confLevel)))} `)}, p ${/^[<>]/.test(formatP(q.p)) ? "" : "= "}${formatP(q.p)}`;
    return msg().immortal.primarySentence(
      primary.declared,
      engineText(c.label),
      (c.defaults ?? []).map((d) => msg().immortal.setting(engineText(d))).join(""),
      engineText(q.description.replace(/\.$/, "")),
      String(q.n),
      String(q.events),
      estLocal,
    );
  }
  const est = e.hr === null ? (e.notEstimable ?? "not estimable") : `HR ${fmtRatioCi(e.hr, e.lower, e.upper).replace(" (", ` (${cl} `)}, p ${/^[<>]/.test(formatP(e.p)) ? "" : "= "}${formatP(e.p)}`;
  const bias = primary.biasedByDesign === null ? "" : ` This analysis is biased by design (${primary.biasedByDesign}): read it with the analyses that avoid that bias.`;
  return `Primary analysis (${how}): ${e.label}, estimating ${e.estimandDescription.replace(/\.$/, "")}; ${e.n} patients, ${e.nEvents} events; ${est}.${bias} The other analyses are sensitivity analyses.`;
}

/** The adjusted samples with absolute effects (IPTW, PS-matched), with their role. */
export function absoluteEffectRows(effects: EffectsStepResult, primary: PrimaryAnalysis): AbsoluteEffectView[] {
  const role = (prefix: string): "primary" | "sensitivity" => (primary.section === "effects" && primary.id !== null && primary.id.startsWith(prefix) ? "primary" : "sensitivity");
  const out: AbsoluteEffectView[] = [];
  const w = effects.weighted;
  const wEst = effects.estimates.find((x) => x.id === "weighted");
  if (w !== null && effects.options.weighting !== null) {
    const worse = (effects.flags ?? []).find((f) => f.id.startsWith("weighted") && f.kind === "balanceWorsened");
    out.push({ analysis: `IPTW (${effects.options.weighting.estimand})${worse === undefined ? "" : `; ${engineText(worse.text)}`}`, role: role("weighted"), n: wEst?.n ?? effects.n, biasedByDesign: effects.biasedByDesign, survival: w.survival });
  }
  const m = effects.matched;
  if (m !== null) {
    const pop = m.estimand === "ATM" ? `ATM: ${m.nTreated} of ${effects.nTreated} treated patients kept` : "ATT";
    const worse = (effects.flags ?? []).find((f) => f.id.startsWith("matched") && f.kind === "balanceWorsened");
    out.push({ analysis: `PS-matched (${pop})${worse === undefined ? "" : `; ${engineText(worse.text)}`}`, role: role("matched"), n: m.n, biasedByDesign: effects.biasedByDesign, survival: m.survival });
  }
  return out;
}

/**
 * The greedy-order check in words (results.analyses.effects.matched.randomOrder), or null: the matched HR
 * under the order used and under a seeded random order, side by side (docs/validation.md, "Greedy
 * matching order": largest-first greedy matching biased the matched HR in simulation, a random order did not).
 */
export function randomOrderSentence(effects: Pick<TreatmentEffectsResult, "matched" | "estimates">): string | null {
  const ro = effects.matched?.randomOrder ?? null;
  const est = effects.estimates.find((e) => e.id === "matched");
  if (ro === null || est === undefined) return null;
  return `Greedy matching order: the matched HR is ${fmtRatioCi(est.hr, est.lower, est.upper)} with ${ro.order}-first matching and ${fmtRatioCi(ro.hr, ro.lower, ro.upper)} in a seeded random order (seed ${ro.seed}, ${ro.treatedMatched} treated patients matched). ${ro.order === "largest" ? "Largest" : "Smallest"}-first greedy matching leaves a within-pair imbalance that biased the matched HR in simulation and a random order did not: where the two differ, prefer the random order (the default) or full matching.`;
}

export function effectsSection(effects: EffectsStepResult, ctx: StudySectionContext): ReportSection {
  const { table, figure, marks, withMark, r } = ctx;
  const primary = r.primary;
  const unit = r.endpoints.find((x) => x.name === effects.endpoint)?.unit ?? "";
  const blocks: ReportBlock[] = [{ kind: "text", text: primarySentence(effects, primary) }];
  const abs = absoluteEffectRows(effects, primary);
  if (abs.some((a) => a.survival.times.length > 0 || a.survival.tau !== null)) {
    blocks.push(table("effects-absolute", absoluteEffectsTable(abs, { unit, confLevel: effects.options.confLevel, replicates: effects.bootstrap?.replicates ?? null })));
  }
  // a row's own warnings, and the study-level warning on few events per parameter where it names the row's model
  // (models below the floor are not estimated: their row says so, src/study/effects-epv.ts)
  const namesRow = (it: ReadFirstItem, i: number): boolean => {
    const label = effects.estimates[i]?.label;
    return label !== undefined && it.paths.includes("warnings") && /few events per parameter/.test(it.text) && it.text.includes(`${label}: `);
  };
  const ccRows = effectRows(effects, primary).map((x, i) => ({ ...x, mark: marks((it) => it.section === "effects" && (fromPath(`analyses.effects.estimates[${i}]`)(it) || namesRow(it, i))) }));
  // missing.primary: mi — the pooled estimate is the primary row, above the complete-case rows (src/report/sections-missing.ts)
  const miRow = miPrimaryRow(r);
  const rows = miRow === null ? ccRows : [{ ...miRow, mark: "" }, ...ccRows];
  const miFootnote = miRow === null ? [] : [`${miRow.analysis}: missing covariates imputed by chained equations; the analysis run in each completed dataset and the log hazard ratios pooled by Rubin's rules with Barnard–Rubin degrees of freedom (within approach, Leyrat 2019); E-value of the pooled estimate.`];
  const noEValue = effects.biasedByDesign ? [eValueNotGiven(effects.biasedByDesign)] : [];
  const flagNotes = (effects.flags ?? []).length > 0 ? [flagFootnote(effects)] : [];
  const et = effectsTable(rows, { confLevel: effects.options.confLevel, footnotes: [...miFootnote, ...effects.estimates.map((e) => `${e.label}: ${e.method}; ${e.variance}${e.estimandDescription ? `; estimand: ${e.estimandDescription}` : ""}.`), ...flagNotes, ...noEValue] });
  blocks.push(table("effects", { ...et, title: withMark(et.title, marks((it) => it.section === "effects" && fromPath("analyses.effects", true)(it))) }));
  // the primary first under its own heading, then the sensitivity analyses; the mark first: a long label is
  // shortened before its final "(estimand)", which stays whole
  // a group header fits about 50 characters: "Sensitivity: biased by design (immortal time)"
  const groupOf = (role: EffectRowView["role"]): string => msg().table.forestGroup(role === "primary", effects.biasedByDesign);
  const ordered = [...rows.filter((x) => x.role === "primary"), ...rows.filter((x) => x.role !== "primary")];
  const forest = ordered.map((x) => ({
    label: x.mark === "" ? x.analysis : `${x.mark} ${x.analysis}`,
    estimate: x.hr,
    lower: x.lower,
    upper: x.upper,
    p: x.p,
    group: groupOf(x.role),
    ...(x.note ? { text: msg().num.notEstimable } : {}),
  }));
  if (forest.some((f) => f.estimate !== null)) {
    const caption = `Hazard ratio of treatment by analysis, log scale; ${(primary.section === "effects" || miRow !== null) && primary.label !== null ? `the primary analysis (${primary.label}) first${miRow === null ? "" : ", then the complete-case analyses as sensitivity analyses"}` : primary.id !== null && primary.label !== null ? `the primary analysis (${primary.label}) is in the section "${primary.section === "missing" ? "Missing data" : "Immortal time"}", not here: every row is a sensitivity analysis` : "no primary analysis (see the text)"}${effects.biasedByDesign === null ? "" : `; every row compares patients by treatment ever received from the origin and is biased by design (${effects.biasedByDesign})`}.`;
    blocks.push(figure({ id: "forest-effects", title: `${msg().section.effects}.`, caption, svg: forestPlot({ rows: forest }, { title: msg().section.effects, width: "double" }) }));
  }
  const orderCheck = randomOrderSentence(effects);
  if (orderCheck !== null) blocks.push({ kind: "note", text: orderCheck });
  if (effects.immortalTimeCaveat) blocks.push({ kind: "note", text: effects.immortalTimeCaveat });
  return { id: "effects", title: msg().section.effects, blocks };
}
