/**
 * The report's "Propensity-score analyses" section: the propensity model, the overlap of the scores, the
 * design proposal before matching, the mirrored PS histograms, the Love plot and the balance table with its
 * verdict, the matching and weighting tables, and the matched and weighted Kaplan–Meier curves with their
 * survival tables. Renders results.analyses.propensity (and the matched/IPTW hazard ratios of
 * results.analyses.effects that annotate the curves); never recomputes them.
 */
import type { PropensityStepResult } from "../study/propensity-step.js";
import type { EffectsStepResult } from "../study/effects-step.js";
import type { ReportBlock, ReportSection } from "./html.js";
import { warningLabeller } from "./read-first.js";
import { lovePlot } from "./plots/love.js";
import { psOverlapPlot } from "./plots/ps-overlap.js";
import { pPhrase } from "./number-format.js";
import { balanceSamples, covariateBalanceTable, fmtNum, fmtRatioCi, loveCaption, matchingTable, psModelTable, survivalTable, weightingTable } from "./tables.js";
import { type AnnotationLine, fromPath, kmFigure, kmStyle, type StudySectionContext } from "./report-context.js";
import { timeSinceOrigin, xLabelOption } from "./time-since.js";
import { propensityPopulation, titleWithPopulation } from "./population.js";
import { columnLevelLabels, levelLabeller } from "./level-labels.js";
import type { StudyResults } from "../study/run.js";
import { minAtRiskOf } from "../study/beyond-data.js";
import { msg } from "../i18n/messages.js";
import { engineText } from "../i18n/warnings.js";
import { sampleFlag, sampleWarning, schemeNotEstimand } from "./sections-effects.js";
import { sampleOfEstimate } from "../study/effect-flags.js";
import type { ReadFirstItem } from "./read-first.js";

/** What the section takes from the study-level builder besides the shared context (render.ts's helpers). */
export interface PropensitySectionHelpers {
  /** The treatment-effect results (their matched and IPTW HRs annotate the curves), when any. */
  readonly effects: EffectsStepResult | undefined;
  /** ", biased by design (immortal time)" when the samples compare patients by treatment ever received; else "". */
  readonly psBias: string;
  /** Per-patient treatment (1/0/null, data-row order), or null when the results do not carry it. */
  readonly treatment: readonly (0 | 1 | null)[] | null;
  /** Label of a covariate from the spec. */
  readonly labelOf: (name: string) => string;
  /** Patient ids in a sentence ("1, 4, 9", or the first ones and "and k more"). */
  readonly idList: (ids: readonly (string | number)[]) => string;
  /** The variance of a treatment-effect estimate in a few words, for a figure annotation. */
  readonly figureVariance: (id: string) => string;
}

/**
 * The two treatment groups' display labels [treated, control] (spec `labels`, else the level itself), from the
 * levels of the matched or weighted curves (or the all-patients curves when they are split by treatment) and
 * the spec's treated value; null when the levels are not in the results.
 */
export function treatmentGroupNames(r: StudyResults, p: Pick<PropensityStepResult, "matched" | "weighted">): readonly [string, string] | null {
  const tcol = r.spec.treatment?.column;
  const km = r.analyses.km;
  const levels = (p.weighted?.km ?? p.matched?.km ?? (km !== undefined && (km.by === "treatment" || (tcol !== undefined && km.by === tcol)) ? km : undefined))?.strata.map((s) => s.name);
  if (levels === undefined || levels.length !== 2) return null;
  const given = r.spec.treatment?.treated;
  const treated = given !== undefined && levels.includes(String(given)) ? String(given) : levels[1];
  const control = levels.find((l) => l !== treated) ?? levels[0];
  const label = levelLabeller(r);
  return [label("treatment", treated), label("treatment", control)];
}

/**
 * The annotation lines that qualify a matched or weighted figure as the effects table qualifies its rows (issue 19):
 * the flags of the HR shown (`hrId`; src/study/effect-flags.ts, the row's own texts, translated as the table translates
 * them), the sample's balance flag ({@link sampleFlag}) that also qualifies its curves and log-rank p, and "biased by
 * design (immortal time)" when the groups compare treatment ever received (`biased`). Each line with its short form for
 * a single-column figure: the flags' kinds in a few words ("Balance worsened"), "Biased by design".
 */
export function figureQualifiers(flags: EffectsStepResult["flags"] | undefined, sample: "matched" | "weighted", hrId: string | undefined, biased: boolean): AnnotationLine[] {
  const all = flags ?? [];
  const ownFlags = hrId === undefined ? [] : all.filter((f) => f.id === hrId);
  const own = ownFlags.map((f) => engineText(f.text));
  const balance = sampleFlag(flags, sample);
  const texts = [...new Set([...own, ...(balance === null ? [] : [balance])])];
  // the kinds behind the texts: the HR's own flags, and the sample's balance flag (the one sampleFlag names: a worsened
  // balance before a residual imbalance)
  const ofSample = (kind: "balanceWorsened" | "residualImbalance") => all.find((f) => f.kind === kind && sampleOfEstimate(f.id) === sample);
  const balanceFlag = ofSample("balanceWorsened") ?? ofSample("residualImbalance");
  const kinds = [...new Set([...ownFlags.map((f) => f.kind), ...(balanceFlag === undefined ? [] : [balanceFlag.kind])])];
  const first = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
  const short = kinds.map((k) => msg().plot.flagShort[k]).join("; ");
  return [
    ...(texts.length === 0 ? [] : [{ text: first(texts.join("; ")), ...(short === "" ? {} : { short: first(short) }) }]),
    ...(biased ? [{ text: msg().report.figureImmortalBias, short: msg().plot.biasedShort }] : []),
  ];
}

/**
 * The marks of a matched or weighted sample's numbers (curves, survival table): those of its hazard-ratio row `hrId` in
 * the effects table (the row's own warnings and its sample's: propensity model, matching or weighting, worsened
 * balance; {@link sampleWarning}), so that the curves and their HR carry the same marks (referee A9).
 */
function sampleMarks(ctx: StudySectionContext, sample: "matched" | "weighted", hrId: string | undefined): string {
  const i = hrId === undefined ? -1 : (ctx.r.analyses.effects?.estimates.findIndex((e) => e.id === hrId) ?? -1);
  const ofSample = sampleWarning(ctx.r, sample);
  const ofRow = i < 0 ? () => false : (it: ReadFirstItem) => it.section === "effects" && fromPath(`analyses.effects.estimates[${i}]`)(it);
  return ctx.marks((it) => ofSample(it) || ofRow(it));
}

export function propensitySection(p: PropensityStepResult, ctx: StudySectionContext, helpers: PropensitySectionHelpers): ReportSection {
  const { r, table, figure, marks, withMark, treatmentLabel } = ctx;
  const { effects, idList, figureVariance } = helpers;
  const c = msg().causal;
  const psBias = c.psBiasSuffix(helpers.psBias);
  const biased = helpers.psBias !== "";
  // an HR on a figure biased by design names its weights or matched sample, not an estimand (referee A8)
  const estimandWord = (e: { readonly id: string; readonly estimand: string }): string => (biased ? schemeNotEstimand(e.estimand, e) : e.estimand);
  // a table title: the bias, then the sample's balance flag (referee A9)
  const flagged = (flag: string | null): string => (flag === null ? psBias : `${psBias}; ${flag}`);
  const labelOf = (name: string): string => helpers.labelOf(name);
  const groupLabels = (column: string | undefined) => columnLevelLabels(r, column);
  const levelLabel = levelLabeller(r);
  const endpointOf = (name: string | undefined) => r.endpoints.find((e) => e.name === name);
  // model terms by their labels ("sexmale" → "Sex: male"), as everywhere else in the report
  const termLabel = warningLabeller(r);
  // an HR on a matched or weighted figure: its two lines ("HR …: PS-matched Cox", "(estimand, HR type; variance; n)"); on
  // a single-column figure one short line "HR … , n = …" whose mark gives both in the caption
  const hrLines = (head: string, hr: { readonly id: string; readonly estimand: string; readonly hrType: string; readonly n: number; readonly hr: number | null; readonly lower: number | null; readonly upper: number | null }): (string | AnnotationLine)[] => {
    const detail = c.hrDetail(estimandWord(hr), hr.hrType, c.figureVariance(figureVariance(hr.id)), String(hr.n));
    return [{ text: head, continued: detail, short: msg().plot.hrShort(fmtRatioCi(hr.hr, hr.lower, hr.upper), String(hr.n)) }];
  };
  const psm0 = psModelTable(p);
  const psm = { ...psm0, rows: psm0.rows.map((row) => [termLabel(`"${row[0]}"`).replace(/^"|"$/g, ""), ...row.slice(1)]) };
  const psPop = propensityPopulation(p.balance.sample.n, p.balance.sample.nTreated, p.balance.sample.nControl);
  const blocks: ReportBlock[] = [table("ps-model", { ...psm, title: withMark(titleWithPopulation(psm.title, psPop), marks(fromPath("analyses.propensity.analysis", true))) })];
  const ov = p.analysis.overlap;
  blocks.push({
    kind: "text",
    text: `${msg().report.psRange(fmtNum(ov.treated.min, 3), fmtNum(ov.treated.max, 3), String(ov.treated.n), fmtNum(ov.control.min, 3), fmtNum(ov.control.max, 3), String(ov.control.n), ov.commonSupport ? `${fmtNum(ov.commonSupport[0], 3)}–${fmtNum(ov.commonSupport[1], 3)}` : null, String(ov.outside.treated.length), ov.outside.treated.length > 0 ? idList(ov.outside.treated) : null, String(ov.outside.control.length), ov.outside.control.length > 0 ? idList(ov.outside.control) : null)}${((m) => (m === "" ? "" : ` ${m}`))(marks(fromPath("analyses.propensity.analysis.overlap")))}`,
  });
  // the design proposal before any matched result (issue 16): group sizes and what each design that fits keeps
  const dp = p.designProposal;
  if (dp !== undefined) {
    const keeps = dp.options.map((o) => c.designKeeps(c.designName(o.design), o.estimand, String(o.keeps.treated), String(o.keeps.control))).join("; ");
    blocks.push({ kind: "note", text: `${c.designBefore(String(dp.nControl), String(dp.nTreated), String(dp.ratio), String(dp.maxMatchedTreated), keeps)}${((m) => (m === "" ? "" : ` ${m}`))(marks((it) => it.text.includes("fewer control units than treated units")))}` });
  }
  const treat = helpers.treatment;
  // the legend names the groups by the level labels the rest of the report uses (spec `labels`; issue 19 point 5)
  const groupNames = treatmentGroupNames(r, p);
  if (treat !== null) {
    const rows = treat.map((t, i) => (t === null || p.analysis.ps[i] === null ? -1 : i)).filter((i) => i >= 0);
    // each panel with its own patients: the matched panel holds only the matched (referee A13, session 12)
    const inSample = (w: readonly number[]): string => String(w.filter((x) => x > 0).length);
    const adjusted: { label: string; weights: number[] }[] = [];
    if (p.analysis.matching) {
      const weights = rows.map((i) => p.analysis.matching!.weights[i] ?? 0);
      adjusted.push({ label: msg().report.panelMatched(inSample(weights)), weights });
    }
    if (p.analysis.weighting) {
      const weights = rows.map((i) => p.analysis.weighting!.weights[i] ?? 0);
      adjusted.push({ label: msg().report.panelIptw(p.analysis.weighting.result.estimand, inSample(weights)), weights });
    }
    const svg = psOverlapPlot(
      { ps: rows.map((i) => p.analysis.ps[i] as number), treatment: rows.map((i) => treat[i] as number), adjusted },
      { width: "double", beforeLabel: msg().plot.beforeAdjustmentN(String(rows.length)), ...(groupNames === null ? {} : { groupLabels: groupNames }) },
    );
    blocks.push(figure({ id: "ps-overlap", title: msg().report.psDistributionsTitle, caption: msg().report.psOverlapCaption(psPop), svg }));
  } else {
    blocks.push({ kind: "note", text: c.psHistogramsNotDrawn });
  }
  // balance: one convention for the comparison (p.balance), the same unadjusted sample in every panel
  const balanceLabel = (b: { covariate: string; level: string | null }): string => (b.level === null ? labelOf(b.covariate) : `${labelOf(b.covariate)}: ${b.level}`);
  const variableLabels: Record<string, string> = {};
  for (const b of p.analysis.balanceBefore.before) variableLabels[b.variable] = balanceLabel(b);
  const th = p.balance.options.thresholds;
  const love = lovePlot(
    { before: p.analysis.balanceBefore.before, adjusted: balanceSamples(p).map((x) => ({ label: `${x.label} (n = ${x.n})`, rows: x.rows })) },
    { variableLabels, width: "double", stats: ["smd", "varianceRatio", "ks"], threshold: th.smd, varianceRatioThreshold: th.varianceRatio, ksThreshold: th.ks, beforeLabel: msg().report.unadjustedN(String(p.balance.sample.n)) },
  );
  blocks.push(figure({ id: "love", title: msg().report.loveTitle(String(p.balance.sample.n)), caption: loveCaption(p), svg: love }));
  const bt = covariateBalanceTable(p, balanceLabel);
  blocks.push(table("balance", { ...bt, title: titleWithPopulation(bt.title, psPop) }));
  // the verdicts stay English in results.json; translated here (CAUSAL_PATTERNS of src/i18n/causal-en.ts)
  blocks.push({ kind: "text", text: p.balance.verdicts.map((v) => engineText(v.text)).reduce((a, b) => msg().methods.joinSentences(a, b)) });
  const mt = matchingTable(p, (c) => labelOf(c));
  const matchMark = marks(fromPath("analyses.propensity.analysis.matching"));
  if (mt) blocks.push(table("matching", { ...mt, title: withMark(titleWithPopulation(mt.title, psPop), matchMark) }));
  const ep = endpointOf(p.endpoint);
  // the time axis of the matched and weighted curves: time since the endpoint's origin, as the Kaplan–Meier figure
  const kmAxis = kmStyle(r, "treatment", xLabelOption(timeSinceOrigin(r, p.endpoint, ep?.unit)));
  if (p.matched) {
    const lr = p.matched.logrank;
    // only numbers on the curves' patients (same n) annotate the figure
    const mkm = p.matched.km;
    const hrAny = effects?.estimates.find((e) => e.id === "matched");
    const hr = hrAny !== undefined && hrAny.n === mkm.n ? hrAny : undefined;
    // each number says what it is: test or model, estimand, variance, n
    // (a line, and on a single-column figure its short form: the numbers and n, the rest in the caption by a mark)
    const ann: (string | AnnotationLine)[] = [
      ...(lr.n === mkm.n ? [{ text: c.matchedLogrank(pPhrase(lr.p), String(lr.n)), short: msg().plot.logrankShort(pPhrase(lr.p), String(lr.n)) }] : []),
      ...(hr && hr.hr !== null ? hrLines(c.hrMatchedCox(fmtRatioCi(hr.hr, hr.lower, hr.upper)), hr) : []),
      // the effects table's flags and the immortal-time label, in the SVG itself (issue 19)
      ...figureQualifiers(effects?.flags, "matched", hr && hr.hr !== null ? hr.id : undefined, helpers.psBias !== ""),
    ];
    const why = hr ? "" : hrAny ? c.noHrOtherN("matched", String(hrAny.n), String(mkm.n)) : c.noHrMatched;
    // the sample's flag and the marks of its HR row on the caption and the table's title (referee A9)
    const flag = sampleFlag(effects?.flags, "matched");
    const mMark = ((m) => (m === "" ? "" : ` ${m}`))(sampleMarks(ctx, "matched", hrAny?.id));
    blocks.push(figure(kmFigure("km-matched", c.kmMatchedTitle(ep?.label ?? p.endpoint, psBias), mkm, ep?.unit, ann, `${c.kmMatchedCaption(String(mkm.n), mkm.strata.map((x) => `${levelLabel("treatment", x.name)}: ${x.n}`).join(", "))}${why}${flag === null ? "" : c.curvesFlag(flag)}${mMark}`, undefined, kmAxis)));
    blocks.push(table("survival-matched", survivalTable(p.matched.km, { unit: ep?.unit ?? "", title: `${titleWithPopulation(c.survivalMatchedTitle(ep?.label ?? p.endpoint, flagged(flag)), c.matchedPopulation(String(mkm.n)))}${mMark}`, groupHeader: treatmentLabel, groupLabels: groupLabels("treatment"), minAtRisk: minAtRiskOf(r.spec) })));
  }
  const wt = weightingTable(p, biased);
  const nWeighted = p.analysis.weighting?.weights.filter((x) => x !== null && x > 0).length ?? 0;
  const wPop = nWeighted < p.balance.sample.n ? c.trimmedPopulation(String(nWeighted), String(p.balance.sample.n)) : psPop;
  if (wt) blocks.push(table("weighting", { ...wt, title: withMark(titleWithPopulation(wt.title, wPop), marks(fromPath("analyses.propensity.analysis.weighting"))) }));
  if (p.weighted) {
    const wkm = p.weighted.km;
    const hrAny = effects?.estimates.find((e) => e.id === "weightedMEstimation") ?? effects?.estimates.find((e) => e.id === "weighted");
    const hr = hrAny !== undefined && hrAny.n === wkm.n ? hrAny : undefined;
    const ann: (string | AnnotationLine)[] = [
      ...(hr && hr.hr !== null ? hrLines(c.hrIptwCox(fmtRatioCi(hr.hr, hr.lower, hr.upper)), hr) : []),
      ...figureQualifiers(effects?.flags, "weighted", hr && hr.hr !== null ? hr.id : undefined, helpers.psBias !== ""),
    ];
    const why = hrAny && !hr ? c.noHrOtherN("iptw", String(hrAny.n), String(wkm.n)) : "";
    // the sample's flag and the marks of its HR row on the caption and the table's title (referee A9); not "adjusted"
    // curves when biased by design or flagged
    const flag = sampleFlag(effects?.flags, "weighted");
    const wMark = ((m) => (m === "" ? "" : ` ${m}`))(sampleMarks(ctx, "weighted", (hr ?? hrAny)?.id));
    const caption = c.kmWeightedCaption(p.weighted.estimand, Boolean(p.analysis.weighting) && wkm.n < p.balance.sample.n, String(wkm.n), wkm.strata.map((x) => `${levelLabel("treatment", x.name)}: ${x.n}`).join(", "), !biased && flag === null);
    blocks.push(figure(kmFigure("km-weighted", `${ep?.label ?? p.endpoint}, ${c.iptwLabel(estimandWord({ id: "weighted", estimand: p.weighted.estimand }))}${psBias}`, wkm, ep?.unit, ann, `${caption}${why}${flag === null ? "" : c.curvesFlag(flag)}${wMark}`, undefined, kmAxis)));
    blocks.push(table("survival-weighted", survivalTable(p.weighted.km, { unit: ep?.unit ?? "", title: `${titleWithPopulation(c.survivalWeightedTitle(ep?.label ?? p.endpoint, estimandWord({ id: "weighted", estimand: p.weighted.estimand }), flagged(flag)), c.weightedPopulation(propensityPopulation(wkm.n, wkm.strata[1]?.n ?? 0, wkm.strata[0]?.n ?? 0)))}${wMark}`, groupHeader: treatmentLabel, groupLabels: groupLabels("treatment"), minAtRisk: minAtRiskOf(r.spec) })));
  }
  return { id: "propensity", title: msg().section.propensity, blocks };
}
