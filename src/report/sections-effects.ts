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
import { absoluteEffectsTable, effectsTable, fmtNum, fmtRatioCi, type AbsoluteEffectView, type EffectRowView } from "./tables.js";
import { fromPath, type StudySectionContext } from "./report-context.js";
import type { ReadFirstItem } from "./read-first.js";
import type { StudyResults } from "../study/run.js";
import { propensityEpvWarning } from "../study/propensity-step.js";
import { primaryLeads } from "./primary-headline.js";
import { balanceWorsenedWarning, fewEventsText, minEventsOf, sampleOfEstimate } from "../study/effect-flags.js";
import { msg } from "../i18n/messages.js";
import { engineText } from "../i18n/warnings.js";

/**
 * A row biased by design names its method, not an estimand (issue 19 point 3): in its label, estimand cell and
 * footnote (already in the language in force), "ATE" becomes the weighting scheme ("ATE weights") and a matched row's
 * "ATM" or "ATT" the sample ("matched sample"), so that nothing reads as a causal average treatment effect.
 */
export function schemeNotEstimand(text: string, e: { readonly id: string; readonly estimand: string }): string {
  if (e.estimand === "none") return text;
  const t = msg().effects;
  const word = sampleOfEstimate(e.id) === "matched" ? t.matchedScheme : t.weightsScheme(e.estimand);
  return text.replace(new RegExp(`(^|[(（])${e.estimand}(?![A-Za-z])`), (_m, pre: string) => `${pre}${word}`);
}

/** The treatment-effect rows as the report shows them (role and design bias from the study's primary). */
export function effectRows(effects: TreatmentEffectsResult & { readonly biasedByDesign?: string | null; readonly flags?: EffectsStepResult["flags"] }, primary?: PrimaryAnalysis): EffectRowView[] {
  const flagsOf = (id: string): string[] => (effects.flags ?? []).filter((f) => f.id === id).map((f) => engineText(f.text));
  const bias = effects.biasedByDesign ?? null;
  // biased by design: the estimand cell says what the row estimates and that it is no causal effect (issue 19 point 3)
  const estimandCell = (e: TreatmentEffectsResult["estimates"][number], cell: string): string => (bias === null || e.estimand === "none" ? cell : msg().effects.notCausalHere(schemeNotEstimand(cell, e), bias));
  return effects.estimates.map((e) => ({
    analysis: bias === null ? engineText(e.label) : schemeNotEstimand(engineText(e.label), e),
    hr: e.hr,
    lower: e.lower,
    upper: e.upper,
    p: e.p,
    n: e.n,
    events: e.nEvents,
    estimand: e.estimandLabel === null ? null : estimandCell(e, engineText(e.estimandLabel)),
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
      // its own flag (e.g. the clone–censor–weight's residual imbalance after weighting; third referee read A3)
      c.flag === undefined || c.flag === null ? null : engineText(c.flag),
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

/**
 * The balance flag of a matched or weighted sample (worsened balance, else residual imbalance; src/study/effect-flags.ts),
 * translated as the effects table translates it; null when the sample has none. It qualifies every number of the sample:
 * its curves, survival table and log-rank p, as its hazard-ratio rows (referee A9).
 */
export function sampleFlag(flags: EffectsStepResult["flags"] | undefined, sample: "matched" | "weighted"): string | null {
  const all = flags ?? [];
  const ofSample = (kind: "balanceWorsened" | "residualImbalance") => all.find((f) => f.kind === kind && sampleOfEstimate(f.id) === sample);
  const balance = ofSample("balanceWorsened") ?? ofSample("residualImbalance");
  return balance === undefined ? null : engineText(balance.text);
}

/**
 * The absolute-effect rows of the weighted and matched samples; `markOf`: the marks of the warnings that qualify a
 * sample's estimates (as on its hazard-ratio rows). A sample biased by design is named by its method (issue 19 point 3).
 */
export function absoluteEffectRows(effects: EffectsStepResult, primary: PrimaryAnalysis, samples: AbsoluteSamples = {}, markOf: (sample: "matched" | "weighted") => string = () => ""): AbsoluteEffectView[] {
  const named = (text: string, id: string, estimand: string): string => (effects.biasedByDesign ? schemeNotEstimand(text, { id, estimand }) : text);
  const mark = (sample: "matched" | "weighted"): { mark?: string } => ((m) => (m === "" ? {} : { mark: m }))(markOf(sample));
  const role = (prefix: string): "primary" | "sensitivity" => (primary.section === "effects" && primary.id !== null && primary.id.startsWith(prefix) ? "primary" : "sensitivity");
  const out: AbsoluteEffectView[] = [];
  const w = effects.weighted;
  const wEst = effects.estimates.find((x) => x.id === "weighted");
  if (w !== null && effects.options.weighting !== null) {
    // the sample's balance flag (worsened, else residual imbalance), as on its hazard-ratio rows
    const worse = sampleFlag(effects.flags, "weighted");
    const est = effects.options.weighting.estimand;
    out.push({ analysis: msg().effects.iptwRow(effects.biasedByDesign ? msg().effects.weightsScheme(est) : est, worse === null ? "" : `; ${worse}`), role: role("weighted"), n: wEst?.n ?? effects.n, biasedByDesign: effects.biasedByDesign, survival: w.survival, ...supportOf(samples.weighted, w.survival, samples.minAtRisk), ...mark("weighted") });
  }
  const m = effects.matched;
  if (m !== null) {
    const pop = m.estimand === "ATM" ? msg().effects.atmKept(String(m.nTreated), String(effects.nTreated)) : "ATT";
    // the sample's balance flag (worsened, else residual imbalance), as on its hazard-ratio rows
    const worse = sampleFlag(effects.flags, "matched");
    out.push({ analysis: msg().effects.matchedRow(named(pop, "matched", m.estimand), worse === null ? "" : `; ${worse}`), role: role("matched"), n: m.n, biasedByDesign: effects.biasedByDesign, survival: m.survival, ...supportOf(samples.matched, m.survival, samples.minAtRisk), ...mark("matched") });
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

/**
 * Which "Read first" items qualify the estimates on an adjusted sample (issue 19 point 1): the propensity model's (its
 * fit, its events per parameter, the overlap of the scores) on every matched and weighted row; the matching's (too few
 * controls, treated patients unmatched, the greedy order, worsened balance) on the matched rows; the weighting's
 * (weights, worsened balance) on the weighted rows. Found by their source: the results array the engine put them in
 * (`paths`), or, for the two warnings the propensity step adds to the analysis's own list, that step's own text of the
 * warning (`sources`), never by reading its words.
 */
export function sampleWarning(r: Pick<StudyResults, "analyses">, sample: "matched" | "weighted"): (it: ReadFirstItem) => boolean {
  const ps = r.analyses.propensity;
  if (ps === undefined) return () => false;
  const own = ["analyses.propensity.analysis.model", "analyses.propensity.analysis.overlap", ...(sample === "matched" ? ["analyses.propensity.analysis.matching", "analyses.propensity.designProposal"] : ["analyses.propensity.analysis.weighting"])].map((q) => fromPath(q));
  const inAnalysis = fromPath("analyses.propensity.analysis", true);
  const texts = [
    ps.epv === undefined ? null : propensityEpvWarning(ps.epv, ps.analysis.nTreated, ps.analysis.nControl),
    ...(ps.balance.worsened ?? []).filter((w) => w.sample === sample).map((w) => balanceWorsenedWarning(w, ps.balance.options.thresholds.smd ?? 0.1)),
  ].filter((x): x is string => x !== null);
  return (it) => own.some((q) => q(it)) || (inAnalysis(it) && it.sources.some((x) => texts.includes(x)));
}

/**
 * The matched log-rank test in the treatment-effect section (issue 19 point 2: the matched Kaplan–Meier figure shows its
 * p, and a number in a figure is also in the text), with its population, events, flags and marks; null without it.
 */
export function matchedLogrankText(effects: EffectsStepResult, spec: StudyResults["spec"], mark: string): string | null {
  const m = effects.matched;
  const lr = m?.logrank ?? null;
  if (m === null || lr === null) return null;
  const t = msg().effects;
  const events = lr.observed.reduce((a, b) => a + b, 0);
  // "PS-matched sample (ATM: 11 of 40 treated patients kept …)"; biased by design, no estimand: "(11 of 40 treated patients kept …)"
  const pop = effects.biasedByDesign ? t.keptOf(String(m.nTreated), String(effects.nTreated)) : m.estimand === "ATM" ? t.atmKept(String(m.nTreated), String(effects.nTreated)) : "ATT";
  // the matched sample's flags as on its hazard-ratio rows (worsened balance, residual imbalance), then too few events
  const sampleFlags = (effects.flags ?? []).filter((f) => f.id === "matched" && f.kind !== "fewEvents").map((f) => engineText(f.text));
  const few = events < minEventsOf(spec) ? [engineText(fewEventsText(events, false))] : [];
  const pEq = `${/^[<>]/.test(formatP(lr.p)) ? "" : "= "}${formatP(lr.p)}`;
  const text = t.matchedLogrank(pop, String(m.n), String(events), pEq, [...sampleFlags, ...few].join("; "), effects.biasedByDesign ?? "");
  return mark === "" ? text : `${text} ${mark}`;
}

export function effectsSection(effects: EffectsStepResult, ctx: StudySectionContext): ReportSection {
  const { table, figure, marks, withMark, r } = ctx;
  const primary = r.primary;
  const unit = r.endpoints.find((x) => x.name === effects.endpoint)?.unit ?? "";
  // a row's own warnings, the study-level warning on few events per parameter where it names the row's model
  // (models below the floor are not estimated: their row says so, src/study/effects-epv.ts), and on an estimate from
  // a matched or weighted sample the warnings of its propensity model and of its matching or weighting (issue 19)
  // (the rows it concerns are known from results' effects.rowWarnings, session 12; one item may name several; in
  // results without them, by the text that names the row's label)
  const namesRow = (it: ReadFirstItem, i: number): boolean => {
    const e = effects.estimates[i];
    if (e === undefined) return false;
    if (effects.rowWarnings !== undefined) return (it.rows ?? []).some((x) => x.table === "effects" && x.id === e.id);
    return it.paths.includes("warnings") && /few events per parameter/.test(it.text) && it.text.includes(`${e.label}: `);
  };
  const qualifies = { matched: sampleWarning(r, "matched"), weighted: sampleWarning(r, "weighted") };
  const ofSample = (i: number): "matched" | "weighted" | null => {
    const e = effects.estimates[i];
    return e === undefined || e.hr === null ? null : sampleOfEstimate(e.id);
  };
  const ofRow =
    (i: number) =>
    (it: ReadFirstItem): boolean =>
      (it.section === "effects" && (fromPath(`analyses.effects.estimates[${i}]`)(it) || namesRow(it, i))) || ((x) => x !== null && qualifies[x](it))(ofSample(i));
  const indexOf = (id: string): number => effects.estimates.findIndex((e) => e.id === id);
  // the primary's own warnings marked on its headline, as on its table (a clone–censor–weight primary: its bootstrap, weights, EPV)
  const primaryMark =
    primary.section === "immortal-time" && primary.id === "cloneCensorWeight"
      ? marks((w) => w.section === "immortal-time" && w.text.includes("clone–censor–weight"))
      : primary.section === "effects" && primary.id !== null && indexOf(primary.id) >= 0
        ? marks(ofRow(indexOf(primary.id)))
        : "";
  const blocks: ReportBlock[] = [{ kind: "text", text: withMark(primarySentence(effects, primary), primaryMark) }];
  const ps = r.analyses.propensity;
  // an absolute-effect sample carries the marks of its base hazard-ratio row (the treatment alone on that sample)
  const sampleMark = (sample: "matched" | "weighted"): string => ((i) => (i < 0 ? marks(qualifies[sample]) : marks((it) => ofRow(i)(it) || qualifies[sample](it))))(indexOf(sample));
  const abs = absoluteEffectRows(effects, primary, { weighted: ps?.weighted?.km, matched: ps?.matched?.km, minAtRisk: minAtRiskOf(r.spec) }, sampleMark);
  if (abs.some((a) => a.survival.times.length > 0 || a.survival.tau !== null)) {
    blocks.push(table("effects-absolute", absoluteEffectsTable(abs, { unit, confLevel: effects.options.confLevel, replicates: effects.bootstrap?.replicates ?? null })));
  }
  const ccRows = effectRows(effects, primary).map((x, i) => ({ ...x, mark: marks(ofRow(i)) }));
  // missing.primary: mi — the pooled estimate is the primary row, above the complete-case rows (src/report/sections-missing.ts)
  const miRow = miPrimaryRow(r);
  const rows = miRow === null ? ccRows : [{ ...miRow, mark: "" }, ...ccRows];
  const t = msg().effects;
  const miFootnote = miRow === null ? [] : [t.miFootnote(miRow.analysis)];
  // no row has an E-value when every row is biased by design: the table drops the column and says why
  const noEValue = effects.biasedByDesign ? [rows.some((x) => x.eValue) ? eValueNotGiven(effects.biasedByDesign) : t.eValueColumnDropped(eValueNotGiven(effects.biasedByDesign))] : [];
  const flagNotes = flagFootnotes(effects);
  // a weighted row's description already names its weights ("(ATE weights)"); a matched row's names its population "(ATM: …)"
  const named = (text: string, e: (typeof effects.estimates)[number]): string => (effects.biasedByDesign ? schemeNotEstimand(text, e) : text);
  const et = effectsTable(rows, {
    confLevel: effects.options.confLevel,
    footnotes: [...miFootnote, ...effects.estimates.map((e) => t.rowFootnote(named(engineText(e.label), e), engineText(e.method), engineText(e.variance), e.estimandDescription ? (sampleOfEstimate(e.id) === "matched" ? named(engineText(e.estimandDescription), e) : engineText(e.estimandDescription)) : "")), ...flagNotes, ...noEValue],
  });
  // the table's title: the section's own warnings that are on no row (rows dropped for missing values …)
  const onRow = (it: ReadFirstItem): boolean => effects.estimates.some((_, i) => ofRow(i)(it));
  blocks.push(table("effects", { ...et, title: withMark(et.title, marks((it) => it.section === "effects" && fromPath("analyses.effects", true)(it) && !onRow(it))) }));
  // the matched log-rank p of the matched Kaplan–Meier figure, in the text with its n, flags and marks
  const logrank = matchedLogrankText(effects, r.spec, marks(qualifies.matched));
  if (logrank !== null) blocks.push({ kind: "text", text: logrank });
  // the primary first under its own heading, then the sensitivity analyses; the mark first, the row's flags after its
  // name (as after its HR in the table); a long label wraps
  // a group header fits about 50 characters: "Sensitivity: biased by design (immortal time)"
  const groupOf = (role: EffectRowView["role"]): string => msg().table.forestGroup(role === "primary", effects.biasedByDesign);
  const ordered = [...rows.filter((x) => x.role === "primary"), ...rows.filter((x) => x.role !== "primary")];
  // each row with its own patients: the matched rows stand on fewer than the others (referee A7, session 12)
  const nOf = (x: EffectRowView): string => (x.n === null ? "" : ` (${t.forestN(String(x.n), x.events === undefined || x.events === null ? null : fmtNum(x.events, Number.isInteger(x.events) ? 0 : 1))})`);
  const forest = ordered.map((x) => ({
    label: `${x.mark === "" ? "" : `${x.mark} `}${x.analysis}${nOf(x)}${x.hr !== null && x.flags !== undefined && x.flags.length > 0 ? `; ${x.flags.join("; ")}` : ""}`,
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
  // when the immortal-time primary leads the report, the caveat names it (not the crude time-dependent and landmark rows)
  if (effects.immortalTimeCaveat) blocks.push({ kind: "note", text: primaryLeads(ctx.r) ? msg().report.immortalCaveatPrimary(engineText(ctx.r.primary.label ?? "")) : engineText(effects.immortalTimeCaveat) });
  return { id: "effects", title: msg().section.effects, blocks };
}
