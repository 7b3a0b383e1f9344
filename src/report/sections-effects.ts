/**
 * The report's "Treatment effect" section, in the order a reader needs it (docs/report.md, "Treatment
 * effect"): the primary analysis in one sentence (estimand, population n, estimate and CI) or why there is
 * none; the absolute effects (adjusted survival at the Kaplan–Meier times and RMST up to τ, with their
 * differences) as the headline; then the hazard-ratio table with the primary first and the others under
 * "Sensitivity analyses"; the forest plot with the same grouping; the immortal-time caveat. A row that
 * compares patients by treatment ever received from the origin is labelled "biased by design (immortal time)".
 */
import { primaryReasonText } from "./primary-reason.js";
import { contrastSupport, minAtRiskOf } from "../study/beyond-data.js";
import type { KaplanMeierResult } from "../survival/kaplan-meier.js";
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
    analysis: engineText(e.label),
    hr: e.hr,
    lower: e.lower,
    upper: e.upper,
    p: e.p,
    n: e.n,
    events: e.nEvents,
    estimand: e.estimandLabel === null ? null : engineText(e.estimandLabel),
    // no E-value for an estimate biased by design: it measures unmeasured confounding, not a bias of the design (issue 19 point 4)
    eValue: effects.biasedByDesign ? null : e.eValue,
    bootstrap: e.bootstrap,
    note: e.notEstimable === null ? null : engineText(e.notEstimable),
    flags: flagsOf(e.id),
    ...(primary === undefined ? {} : { role: primary.section === "effects" && primary.id === e.id ? ("primary" as const) : ("sensitivity" as const) }),
    biasedByDesign: effects.biasedByDesign ?? null,
  }));
}

/** Why a row biased by design has no E-value, in one line (issue 19 point 4). */
export function eValueNotGiven(bias: string): string {
  return msg().causal.eValueNotGiven(bias);
}

/**
 * The flags' rule in one footnote: what "imprecise", "worsened balance" and "residual imbalance" mean
 * (src/study/effect-flags.ts); then, per residual imbalance, the balance verdict that names the covariate terms.
 */
function flagFootnotes(effects: EffectsStepResult): string[] {
  const flags = effects.flags ?? [];
  if (flags.length === 0) return [];
  const kinds = new Set(flags.map((f) => f.kind));
  const verdicts = [...new Set(flags.flatMap((f) => (f.kind === "residualImbalance" && f.detail !== undefined ? [f.detail] : [])))];
  return [msg().causal.flagsFootnote(kinds.has("fewEvents"), kinds.has("balanceWorsened"), kinds.has("residualImbalance")), ...verdicts.map((v) => msg().causal.residualFootnote(engineText(v)))];
}

/** The primary analysis in one sentence, or why the study has none. */
export function primarySentence(effects: EffectsStepResult, primary: PrimaryAnalysis): string {
  const e = primary.section === "effects" ? effects.estimates.find((x) => x.id === primary.id) : undefined;
  const t = msg().effects;
  const how = primary.declared ? t.howDeclared : t.howDefault;
  const cl = t.ciLevel(String(Math.round(100 * effects.options.confLevel)));
  if (e === undefined) {
    // a primary from another section (the immortal-time designs): its own summary, and where it is
    const c = primary.candidates.find((x) => x.id === primary.id && x.section === primary.section);
    const q = c?.estimate;
    if (c === undefined || q === undefined) return primaryReasonText(primary.reason);
    const est = q.hr === null ? (c.notEstimable ?? "not estimable") : `HR ${fmtRatioCi(q.hr, q.lower, q.upper).replace(" (", ` (${cl} `)}, p ${/^[<>]/.test(formatP(q.p)) ? "" : "= "}${formatP(q.p)}`;
    if (c.section === "missing") {
      // missing.primary: mi — the pooled estimate of the same analysis; its complete-case row is a sensitivity analysis
      const cc = effects.estimates.find((x) => x.id === c.id);
      const bias = c.biasedByDesign === null ? "" : t.biasedSentence(c.biasedByDesign);
      return t.primaryMi(how, engineText(c.label), engineText(q.description.replace(/\.$/, "")), String(q.n), String(q.events), est, bias, cc === undefined ? null : String(cc.n));
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
  const est = e.hr === null ? (e.notEstimable === null ? t.notEstimable : engineText(e.notEstimable)) : t.hrP(fmtRatioCi(e.hr, e.lower, e.upper).replace(" (", ` (${cl} `), `${/^[<>]/.test(formatP(e.p)) ? "" : "= "}${formatP(e.p)}`);
  const bias = primary.biasedByDesign === null ? "" : t.biasedSentence(primary.biasedByDesign);
  return t.primaryHere(how, engineText(e.label), engineText(e.estimandDescription.replace(/\.$/, "")), String(e.n), String(e.nEvents), est, bias);
}

/** The adjusted samples with absolute effects (IPTW, PS-matched), with their role. */
/** The Kaplan–Meier curves of the weighted and matched samples (results.analyses.propensity), for the support of their contrasts. */
export interface AbsoluteSamples {
  readonly weighted?: KaplanMeierResult;
  readonly matched?: KaplanMeierResult;
  /** figures.minAtRisk (0 or absent: every number shown). */
  readonly minAtRisk?: number;
}

/** The sample's unweighted numbers at risk at the contrast's times and tau (src/study/beyond-data.ts), when its curves are there. */
function supportOf(km: KaplanMeierResult | undefined, s: AbsoluteEffectView["survival"], minAtRisk: number | undefined): Pick<AbsoluteEffectView, "support"> {
  if (km === undefined || minAtRisk === undefined || minAtRisk <= 0) return {};
  const atTimes = contrastSupport(km, s.times);
  if (atTimes === null) return {};
  return { support: { atTimes, atTau: s.tau === null ? null : contrastSupport(km, [s.tau])![0], minAtRisk } };
}

export function absoluteEffectRows(effects: EffectsStepResult, primary: PrimaryAnalysis, samples: AbsoluteSamples = {}): AbsoluteEffectView[] {
  const role = (prefix: string): "primary" | "sensitivity" => (primary.section === "effects" && primary.id !== null && primary.id.startsWith(prefix) ? "primary" : "sensitivity");
  const out: AbsoluteEffectView[] = [];
  const w = effects.weighted;
  const wEst = effects.estimates.find((x) => x.id === "weighted");
  if (w !== null && effects.options.weighting !== null) {
    // the sample's balance flag (worsened, else residual imbalance), as on its hazard-ratio rows
    const worse = (effects.flags ?? []).find((f) => f.id.startsWith("weighted") && f.kind === "balanceWorsened") ?? (effects.flags ?? []).find((f) => f.id.startsWith("weighted") && f.kind === "residualImbalance");
    out.push({ analysis: msg().effects.iptwRow(effects.options.weighting.estimand, worse === undefined ? "" : `; ${engineText(worse.text)}`), role: role("weighted"), n: wEst?.n ?? effects.n, biasedByDesign: effects.biasedByDesign, survival: w.survival, ...supportOf(samples.weighted, w.survival, samples.minAtRisk) });
  }
  const m = effects.matched;
  if (m !== null) {
    const pop = m.estimand === "ATM" ? msg().effects.atmKept(String(m.nTreated), String(effects.nTreated)) : "ATT";
    // the sample's balance flag (worsened, else residual imbalance), as on its hazard-ratio rows
    const worse = (effects.flags ?? []).find((f) => f.id.startsWith("matched") && f.kind === "balanceWorsened") ?? (effects.flags ?? []).find((f) => f.id.startsWith("matched") && f.kind === "residualImbalance");
    out.push({ analysis: msg().effects.matchedRow(pop, worse === undefined ? "" : `; ${engineText(worse.text)}`), role: role("matched"), n: m.n, biasedByDesign: effects.biasedByDesign, survival: m.survival, ...supportOf(samples.matched, m.survival, samples.minAtRisk) });
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
  return msg().effects.randomOrder(fmtRatioCi(est.hr, est.lower, est.upper), ro.order === "largest", fmtRatioCi(ro.hr, ro.lower, ro.upper), String(ro.seed), String(ro.treatedMatched));
}

export function effectsSection(effects: EffectsStepResult, ctx: StudySectionContext): ReportSection {
  const { table, figure, marks, withMark, r } = ctx;
  const primary = r.primary;
  const unit = r.endpoints.find((x) => x.name === effects.endpoint)?.unit ?? "";
  // the primary's own warnings marked on its headline, as on its table (a clone–censor–weight primary: its bootstrap, weights, EPV)
  const primaryMark = primary.section === "immortal-time" && primary.id === "cloneCensorWeight" ? marks((w) => w.section === "immortal-time" && w.text.includes("clone–censor–weight")) : "";
  const blocks: ReportBlock[] = [{ kind: "text", text: withMark(primarySentence(effects, primary), primaryMark) }];
  const ps = r.analyses.propensity;
  const abs = absoluteEffectRows(effects, primary, { weighted: ps?.weighted?.km, matched: ps?.matched?.km, minAtRisk: minAtRiskOf(r.spec) });
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
  const t = msg().effects;
  const miFootnote = miRow === null ? [] : [t.miFootnote(miRow.analysis)];
  const noEValue = effects.biasedByDesign ? [eValueNotGiven(effects.biasedByDesign)] : [];
  const flagNotes = flagFootnotes(effects);
  const et = effectsTable(rows, { confLevel: effects.options.confLevel, footnotes: [...miFootnote, ...effects.estimates.map((e) => t.rowFootnote(engineText(e.label), engineText(e.method), engineText(e.variance), e.estimandDescription ? engineText(e.estimandDescription) : "")), ...flagNotes, ...noEValue] });
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
    const where =
      (primary.section === "effects" || miRow !== null) && primary.label !== null
        ? t.forestPrimaryHere(engineText(primary.label), miRow !== null)
        : primary.id !== null && primary.label !== null
          ? t.forestPrimaryElsewhere(engineText(primary.label), primary.section === "missing")
          : t.forestNoPrimary;
    const caption = t.forestCaption(where, effects.biasedByDesign);
    blocks.push(figure({ id: "forest-effects", title: `${msg().section.effects}.`, caption, svg: forestPlot({ rows: forest }, { title: msg().section.effects, width: "double" }) }));
  }
  const orderCheck = randomOrderSentence(effects);
  if (orderCheck !== null) blocks.push({ kind: "note", text: orderCheck });
  if (effects.immortalTimeCaveat) blocks.push({ kind: "note", text: engineText(effects.immortalTimeCaveat) });
  return { id: "effects", title: msg().section.effects, blocks };
}
