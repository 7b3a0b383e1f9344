/**
 * The report's "Sensitivity to unmeasured confounding" section, from results only (src/study/sensitivity-step.ts):
 * the E-value of the primary estimate, the Rosenbaum bounds of the PS-matched pairs, the bias analysis
 * for one unmeasured binary confounder (table of tipping points and contour figure), the negative-control
 * outcome. Each block says in one sentence what its number means, and every title carries its population n
 * (src/report/population.ts). The Riley sample-size criteria of the prediction model, computed by the same step, are
 * rendered here too but shown in the prediction section (predictionSampleSizeBlocks), where the calculator uses them.
 */
import { groupName } from "./sections-immortal.js";
import type { SensitivityStepResult } from "../study/sensitivity-step.js";
import type { EffectsStepResult } from "../study/effects-step.js";
import { schemeNotEstimand } from "./sections-effects.js";
import type { RosenbaumResult } from "../sensitivity/rosenbaum.js";
import type { ReportBlock, ReportSection } from "./html.js";
import type { SectionContext } from "./sections-long-term.js";
import type { StudySectionContext } from "./report-context.js";
import type { ReadFirstItem } from "./read-first.js";
import { titleWithPopulation } from "./population.js";
import { biasContourPlot } from "./plots/bias-contour.js";
import { formatP } from "./table1.js";
import { fmtNum, fmtRatioCi } from "./tables.js";
import { msg } from "../i18n/messages.js";
import { localizeDecimal } from "../i18n/language.js";
import { engineText } from "../i18n/warnings.js";

/** The section's context; with the study's `marks`, a part's text carries the marks of the warnings it raised (referee A10). */
type SensitivityContext = SectionContext & Partial<Pick<StudySectionContext, "marks">>;

/**
 * Which "Read first" items a part of the step raised: its warnings start with the part's name ("bias analysis: ",
 * "negative control: ", "Rosenbaum bounds: "; src/study/sensitivity-step.ts), as raised or with the study-level
 * "sensitivity: " prefix.
 */
export function sensitivityPartWarning(part: string): (it: ReadFirstItem) => boolean {
  return (it) => it.section === "sensitivity" && it.sources.some((t) => t.startsWith(`${part}: `) || t.startsWith(`sensitivity: ${part}: `));
}

/** `text` followed by the marks of the part's warnings, when there are any. */
function withPartMark(text: string, ctx: SensitivityContext, part: string): string {
  const m = ctx.marks?.(sensitivityPartWarning(part)) ?? "";
  return m === "" ? text : `${text} ${m}`;
}

const pct = (x: number | null): string => (x === null ? "–" : `${fmtNum(100 * x, 0)}%`);
/** What the Γ search found, as a clause: "the conclusion changes at Γ = 1.54", or why there is no such Γ. */
const conclusionText = (r: RosenbaumResult): string => {
  switch (r.gammaChangeStatus) {
    case "found":
      return msg().effects.gammaFound(fmtNum(r.gammaChange, 2));
    case "not significant":
      return msg().effects.gammaNotSignificant(localizeDecimal(String(r.alpha)));
    case "beyond search":
      return msg().effects.gammaBeyond;
    default:
      return msg().effects.gammaNoPair;
  }
};

/** How the primary hazard ratio is named: clone–censor–weight's HR is the per-protocol HR, a secondary number of that design. */
function primaryHrName(p: NonNullable<SensitivityStepResult["primary"]>): string {
  return p.id === "cloneCensorWeight" ? msg().effects.hrNameCcw : msg().effects.hrNamePrimary;
}

/** The clone–censor–weight warning that its per-protocol HR's bootstrap is off-centre (src/study/immortal-time/ccw.ts). */
const hrOffCentreWarning = (it: ReadFirstItem): boolean => it.sources.some((t) => t.includes("bootstrap distribution of the per-protocol log hazard ratio is not centred"));

function eValueBlocks(s: SensitivityStepResult, ctx: SensitivityContext): ReportBlock[] {
  const e = s.eValue;
  const p = s.primary;
  if (e === null || p === null) return [];
  // a flagged primary estimate (too few events, balance worsened) carries its flag wherever it is used (issue 19 points 2–3)
  const flagText = p.flags !== undefined && p.flags.length > 0 ? msg().causal.estimateFlag(p.flags.map(engineText).join("; ")) : "";
  const t = msg().effects;
  // the interval first (issue 19): a CI that contains 1 leaves nothing to explain away, and the point estimate's
  // E-value then only says what would move the point estimate to 1; the direction is said (HR > 1: an apparent harm)
  const ciHasNull = p.lower !== null && p.upper !== null && p.lower <= 1 && p.upper >= 1;
  // a contrast of strategies (clone–censor–weight: every patient cloned into both) is not one of treated and untreated patients
  const strategies = p.id === "cloneCensorWeight";
  const direction = p.hr === null || p.hr === 1 ? t.eValueNull : p.hr > 1 ? (strategies ? t.eValueHarmStrategy : t.eValueHarm) : strategies ? t.eValueBenefitStrategy : t.eValueBenefit;
  const name = primaryHrName(p);
  const hrCi = fmtRatioCi(p.hr, p.lower, p.upper);
  const point = fmtNum(e.point, 2);
  // the per-protocol HR whose bootstrap is off-centre carries that warning (its mark) beside its E-value (referee s12 A6)
  const offMark = p.bootstrapOffCentre === true ? (ctx.marks?.(hrOffCentreWarning) ?? "") : "";
  const offCentre = p.bootstrapOffCentre === true ? [`${t.hrOffCentre}${offMark === "" ? "" : ` ${offMark}`}`] : [];
  const text = e.ci === null ? t.eValueTextNoCi(point, name, hrCi, direction, flagText) : ciHasNull || e.ci === 1 ? t.eValueTextCiOne(point, name, hrCi, direction, flagText) : t.eValueTextCi(point, fmtNum(e.ci, 2), name, hrCi, direction, flagText);
  return [
    { kind: "text", text },
    ctx.table("sensitivity-evalue", {
      title: titleWithPopulation((p.id === "cloneCensorWeight" ? t.eValueTitleCcw : t.eValueTitle)(engineText(p.label)), t.primaryPop(String(e.n))),
      headers: [[t.quantity, t.value]],
      rows: [
        [t.hrCi95, [fmtRatioCi(p.hr, p.lower, p.upper), ...(p.flags ?? []).map(engineText), ...offCentre].join("; ")],
        [t.cumRisk(String(e.n)), pct(e.outcomeRisk)],
        [t.rrUsed, fmtRatioCi(e.rr.estimate, e.rr.lower, e.rr.upper)],
        [t.eValueEstimate, fmtNum(e.point, 2)],
        [t.eValueLimit, e.ci === null ? "–" : e.ci === 1 ? t.eValueLimitOne : fmtNum(e.ci, 2)],
      ],
      footnotes: [engineText(e.rareRule), t.eValueRefs],
    }),
  ];
}

function rosenbaumBlocks(s: SensitivityStepResult, ctx: SensitivityContext, unit: string): ReportBlock[] {
  const t = msg().effects;
  const by = (time: number): string => t.deathBy(fmtNum(time, 0), unit === "" ? "" : msg().unit(unit));
  const r = s.rosenbaum;
  if (r === null) return [];
  const ppw = r.prenticeWilcoxon;
  const blocks: ReportBlock[] = [
    {
      kind: "text",
      text: withPartMark(t.rosenbaumText(localizeDecimal(String(ppw.alpha)), ppw.direction, conclusionText(ppw)), ctx, "Rosenbaum bounds"),
    },
  ];
  if (r.caveat !== null) blocks.push({ kind: "note", text: engineText(r.caveat) });
  if (r.flag != null) blocks.push({ kind: "note", text: msg().causal.rosenbaumFlag(engineText(r.flag)) });
  const order = r.pairOrder;
  const st = r.statusAt;
  const rows = ppw.rows.map((row, k) => [fmtNum(row.gamma, 2), formatP(row.pUpper), formatP(row.pLower), formatP(order.rows[k].pUpper), st === null ? "–" : formatP(st.rows[k].pUpper)]);
  const pop = t.pairsPop(String(r.nPairs), String(r.n));
  blocks.push(
    ctx.table("sensitivity-rosenbaum", {
      title: titleWithPopulation(t.rosenbaumTitle, pop),
      headers: [["Γ", t.ppwUpper, t.ppwLower, t.pairOrderUpper, st === null ? t.statusUpper : t.upperP(by(st.counts.time))]],
      rows,
      footnotes: [
        t.ppwFootnote(String(ppw.nInformative), conclusionText(ppw)),
        t.pairOrderFootnote(String(order.counts.treatedLonger), String(order.counts.controlLonger), String(order.counts.undetermined), conclusionText(order)),
        ...(st === null ? [] : [t.statusFootnote(by(st.counts.time), String(st.counts.onlyControlDied), String(st.counts.onlyTreatedDied), String(st.counts.unknown), conclusionText(st))]),
      ],
    }),
  );
  return blocks;
}

function biasBlocks(s: SensitivityStepResult, ctx: SensitivityContext): ReportBlock[] {
  const b = s.biasAnalysis;
  if (b === null) return [];
  const t = msg().effects;
  const pop = t.primaryPop(String(b.n));
  // when the interval already contains 1 there is nothing for a confounder to explain away at the limit: the
  // "CI reaches 1" column would mark where confounding makes the interval exclude 1 on the other side
  const ciHasNull = b.observed.lower !== null && b.observed.upper !== null && b.observed.lower <= 1 && b.observed.upper >= 1;
  const rows: string[][] = [];
  let skipped = 0;
  for (const p of b.panels) {
    b.grid.p0.forEach((p0, i) => {
      const h = p.tippingHr[i];
      const c = p.tippingCi[i];
      if (h === null && (ciHasNull || c === null)) {
        skipped++;
        return;
      }
      rows.push([fmtNum(p.gamma, 2), pct(p0), h === null ? "–" : pct(h), ...(ciHasNull ? [] : [c === null ? "–" : pct(c)])]);
    });
  }
  const name = s.primary === null ? t.hrNamePrimary : primaryHrName(s.primary);
  return [
    {
      kind: "text",
      text: withPartMark(t.biasText(name, ciHasNull), ctx, "bias analysis"),
    },
    ctx.table("sensitivity-bias", {
      title: titleWithPopulation(t.biasTitle(fmtRatioCi(b.observed.hr, b.observed.lower, b.observed.upper)), pop),
      headers: [[t.biasGamma, t.biasP0, t.biasP1Hr, ...(ciHasNull ? [] : [t.biasP1Ci])]],
      rows,
      footnotes: rows.length === 0 ? [t.biasNone] : [t.biasGrid(skipped > 0 ? String(skipped) : null)],
    }),
    ctx.figure({
      id: "sensitivity-bias-contour",
      title: titleWithPopulation(t.biasFigureTitle, pop),
      caption: t.biasCaption(ciHasNull, pop),
      svg: biasContourPlot(b, { width: "single" }),
    }),
  ];
}

/**
 * The treatment-effect estimates (results.analyses.effects), to name the negative control's estimate as the effects
 * table names it: biased by design, by its weights or matched sample, not an estimand (schemeNotEstimand, issue 19).
 */
export type EffectsNaming = Pick<EffectsStepResult, "biasedByDesign" | "estimates">;

/** The label of the treatment-effect estimate `id` as the effects table shows it (engine label when not found). */
function effectLabelOf(label: string, id: string, effects: EffectsNaming | undefined): string {
  const e = effects?.estimates.find((x) => x.id === id);
  return effects?.biasedByDesign && e !== undefined ? schemeNotEstimand(engineText(label), e) : engineText(label);
}

function negativeControlBlocks(s: SensitivityStepResult, ctx: SensitivityContext, effects: EffectsNaming | undefined): ReportBlock[] {
  const nc = s.negativeControl;
  if (nc === null) return [];
  const t = msg().effects;
  const label = effectLabelOf(nc.label, nc.estimateId, effects);
  const cause = t.causeInText(nc.cause);
  const pop = t.ncPop(String(nc.n), String(nc.events), cause);
  // by clone–censor–weight: the clone events per strategy beside the patients' deaths, a death within the grace period
  // counted in both (referee s12 A1, A11)
  const arms = nc.eventsByStrategy;
  const byArm = arms === undefined ? [] : [arms.map((a) => String(a.events)).join(" / ")];
  const armNote = arms === undefined ? [] : [t.ncArmsFootnote(arms.map((a) => groupName(a.label)).join(" / "), String(nc.eventsInBoth ?? 0), String(nc.events))];
  return [
    { kind: "text", text: withPartMark(t.ncText(cause, engineText(nc.interpretation)), ctx, "negative control") },
    ctx.table("sensitivity-negative-control", {
      title: titleWithPopulation(t.ncTitle(cause), pop),
      headers: [[msg().table.analysis, t.ncHrCi, "p", t.ncDeaths, ...(arms === undefined ? [] : [t.ncCloneEvents])]],
      rows: [[label, fmtRatioCi(nc.hr, nc.lower, nc.upper), nc.p === null ? "–" : formatP(nc.p), String(nc.events), ...byArm]],
      footnotes: [t.ncFootnote(engineText(nc.method), s.primary !== null && s.primary.id === nc.estimateId, s.primary === null ? null : t.causeInText(engineText(s.primary.label)), label), ...armNote],
    }),
  ];
}

/**
 * The Riley minimum sample size of the prediction model (Riley et al. 2019, 2020; pmsampsize), shown in the prediction
 * section, where the calculator decision uses it (src/study/calculator-use.ts), not among the analyses of unmeasured
 * confounding: every number with its unit (patients, events, the endpoint's time unit). `unit`: the endpoint's unit id;
 * `kmRisk`: the Kaplan–Meier risk at the horizon of the same patients (the decision curve's), shown beside the
 * exponential approximation the criteria use (referee s12 A14); null when not known.
 */
export function predictionSampleSizeBlocks(s: SensitivityStepResult, ctx: SectionContext, unit: string, kmRisk: number | null = null): ReportBlock[] {
  const z = s.sampleSize;
  if (z === null) return [];
  const t = msg().effects;
  const lt = msg().longTerm;
  const u = unit === "" ? "" : ` ${msg().unit(unit)}`;
  const pop = t.ssPop(String(z.available.n), String(z.available.events));
  const verdict = (z.available.enough ? lt.ssEnoughPatients : lt.ssShortPatients)(String(z.available.n), String(z.available.events), String(z.n), fmtNum(z.events, 0));
  const horizon = `${fmtNum(z.horizon, z.horizon % 1 === 0 ? 0 : 1)}${u}`;
  return [
    { kind: "text", text: lt.ssIntro(String(z.input.parameters), horizon, verdict) },
    ctx.table("sensitivity-sample-size", {
      title: titleWithPopulation(t.ssTitle(engineText(z.model)), pop),
      headers: [[t.ssCriterion, t.ssMinPatients, t.ssExpectedEvents, t.ssEpp, t.ssShrinkage]],
      rows: [
        ...z.criteria.map((c) => [c.criterion === "shrinkage" ? t.ssCritShrinkage : c.criterion === "optimism" ? t.ssCritOptimism : t.ssCritRisk, String(c.n), fmtNum(c.events, 0), fmtNum(c.epp, 1), fmtNum(c.shrinkage, 3)]),
        [t.ssMinimum, String(z.n), fmtNum(z.events, 0), fmtNum(z.epp, 1), fmtNum(z.shrinkage, 3)],
      ],
      footnotes: [
        t.ssR2(fmtNum(z.anticipated.rsquaredAdjusted, 3), fmtNum(z.anticipated.rsquaredApparent, 3), fmtNum(z.anticipated.shrinkageVH, 2), fmtNum(z.maxRsquared, 2)),
        lt.ssRateUnits(fmtNum(z.input.rate, 4), unit === "" ? "" : lt.cmPerUnit(unit), `${fmtNum(z.input.meanFollowUp, 1)}${u}`, horizon, pct(z.risk.estimate), pct(z.risk.lower), pct(z.risk.upper), kmRisk === null ? "" : `${fmtNum(100 * kmRisk, 1)}%`),
        t.ssPmsampsize,
      ],
    }),
  ];
}

/** summary.txt, prediction block: the Riley minimum with what each number is (empty without it). */
export function predictionSampleSizeLine(s: SensitivityStepResult | undefined): string[] {
  const z = s?.sampleSize;
  if (z === undefined || z === null) return [];
  const of = (k: string): string => String(z.criteria.find((c) => c.criterion === k)?.n ?? "–");
  return [msg().longTerm.sumRiley(String(z.n), fmtNum(z.events, 0), of("shrinkage"), of("optimism"), of("overall risk"), String(z.available.n), String(z.available.events), z.available.enough)];
}

/**
 * The sensitivity section; parts that did not run are listed with their reason. `effects`: the treatment-effect
 * estimates, to name the negative control's estimate as the effects table does.
 */
export function sensitivitySection(s: SensitivityStepResult, ctx: SensitivityContext, unit = "", effects?: EffectsNaming): ReportSection {
  const blocks: ReportBlock[] = [...eValueBlocks(s, ctx), ...rosenbaumBlocks(s, ctx, unit), ...biasBlocks(s, ctx), ...negativeControlBlocks(s, ctx, effects)];
  const names = msg().effects.partNames;
  if (s.notRun.length > 0) blocks.push({ kind: "note", text: msg().effects.notRun }, { kind: "list", items: s.notRun.map((n) => `${names[n.part] ?? n.part}: ${engineText(n.reason)}`) });
  return { id: "sensitivity", title: msg().section.sensitivity, blocks };
}

/** summary.txt lines of the sensitivity analyses (empty without them); `effects` as for {@link sensitivitySection}. */
export function sensitivitySummaryLines(s: SensitivityStepResult | undefined, effects?: EffectsNaming): string[] {
  if (s === undefined) return [];
  const t = msg().effects;
  const lines = ["", t.sumTitle];
  const p = s.primary;
  if (s.eValue !== null && p !== null) {
    const all = [...(p.flags ?? []).map(engineText), ...(p.bootstrapOffCentre === true ? [t.hrOffCentre] : [])];
    const flags = all.length > 0 ? all.join("; ") : null;
    const of = (p.id === "cloneCensorWeight" ? t.sumEValueOfCcw : t.sumEValueOf)(engineText(p.label));
    lines.push(t.sumEValue(of, String(s.eValue.n), fmtRatioCi(p.hr, p.lower, p.upper), flags, fmtNum(s.eValue.point, 2), s.eValue.ci === null ? "–" : s.eValue.ci === 1 ? t.eValueLimitOne : fmtNum(s.eValue.ci, 2), engineText(s.eValue.rareRule)));
  }
  const r = s.rosenbaum;
  if (r !== null) {
    const ppw = r.prenticeWilcoxon;
    lines.push(t.sumRosenbaum(String(r.nPairs), String(r.n), ppw.direction, formatP(ppw.rows[0]?.pUpper ?? Number.NaN), conclusionText(ppw)));
    if (r.caveat !== null) lines.push(t.sumCaveat(engineText(r.caveat)));
    if (r.flag != null) lines.push(t.sumFlag(engineText(r.flag)));
  }
  const b = s.biasAnalysis;
  if (b !== null) {
    const tips = b.panels.map((x) => {
      const i = b.grid.p0.indexOf(0);
      const tip = i >= 0 ? x.tippingHr[i] : null;
      return t.sumTip(fmtNum(x.gamma, 2), tip === null ? null : pct(tip));
    });
    lines.push(t.sumBias(String(b.n), tips.join("; ")));
  }
  const nc = s.negativeControl;
  // the HR and its interval once, in the interpretation's words (referee s12 B1)
  if (nc !== null) lines.push(t.sumNc(t.causeInText(nc.cause), String(nc.n), String(nc.events), effectLabelOf(nc.label, nc.estimateId, effects), engineText(nc.interpretation)));
  for (const n of s.notRun) lines.push(t.sumNotRun(t.sumPart(n.part), engineText(n.reason)));
  return lines;
}

/** The methods paragraph's sentences on the sensitivity analyses (empty without them). */
export function sensitivityMethodsSentences(s: SensitivityStepResult | undefined, unit = "", effects?: EffectsNaming): string[] {
  if (s === undefined) return [];
  const m = msg().methods;
  const out: string[] = [s.primary?.id === "cloneCensorWeight" ? m.sensitivityIntroCcw : m.sensitivityIntro];
  if (s.eValue !== null) out.push(m.eValueRare(s.eValue.options.rare));
  if (s.biasAnalysis !== null) out.push(m.biasAnalysis(s.biasAnalysis.grid.gammas.map((g) => localizeDecimal(String(g))).join(m.numberSep)));
  if (s.rosenbaum !== null) out.push(m.rosenbaum(s.rosenbaum.nPairs, s.rosenbaum.statusAt === null ? "" : m.mcnemar(unit === "" ? fmtNum(s.rosenbaum.statusAt.counts.time, 0) : m.quantity(fmtNum(s.rosenbaum.statusAt.counts.time, 0), m.unit(unit))), localizeDecimal(String(s.rosenbaum.prenticeWilcoxon.alpha))));
  if (s.negativeControl !== null) {
    const same = s.primary !== null && s.primary.id === s.negativeControl.estimateId;
    out.push(m.negativeControl(m.lowerLabels ? s.negativeControl.cause.toLowerCase() : s.negativeControl.cause, same, effectLabelOf(s.negativeControl.label, s.negativeControl.estimateId, effects), s.primary !== null ? engineText(m.lowerLabels ? s.primary.label.toLowerCase() : s.primary.label) : ""));
  }
  // not run (biased by design, referee s12 A1): said in the methods too, with its reason
  const ncNotRun = s.notRun.find((n) => n.part === "negativeControl");
  if (ncNotRun !== undefined) out.push(m.negativeControlNotRun(engineText(ncNotRun.reason)));
  return out;
}
