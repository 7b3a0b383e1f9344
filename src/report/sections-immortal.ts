/**
 * The report's "Immortal time" section: why the section exists; the treatment hazard ratio by design,
 * the adjusted designs first (time-dependent Cox adjusted for the covariates, landmark with the PS
 * re-estimated among those alive at the landmark, sequential matching), each with its population (n),
 * estimand and variance estimator, then the crude ones (treatment only) and the naive comparison, labelled
 * "biased by design (immortal time)"; the adjusted model's covariate rows; the landmark sensitivity
 * table; the Simon–Makuch and landmark figures.
 */
import type { ImmortalTimeResult } from "../study/immortal-time-step.js";
import type { HazardRatioEffect } from "../causal/effect.js";
import type { ReportBlock, ReportSection } from "./html.js";
import { balanceTableOf, fmtNum, fmtRatioCi } from "./tables.js";
import { titleWithPopulation } from "./population.js";
import { covariateObject } from "../study/schema.js";
import { formatP } from "./table1.js";
import { trimZeros, pPhrase } from "./number-format.js";
import { isEpvRefusal } from "../study/epv.js";
import { kmFigure, kmStyle, type StudySectionContext } from "./report-context.js";
import { timeSinceOrigin, xLabelOption } from "./time-since.js";

import type { CloneCensorWeightStudyResult } from "../study/immortal-time/ccw.js";
import { msg } from "../i18n/messages.js";
import { localizeDecimal } from "../i18n/language.js";
import { engineText } from "../i18n/warnings.js";
import { countsText } from "../study/beyond-data.js";
import { withCentreFlag } from "./interval-qualifier.js";
import type { ReadFirstItem } from "./read-first.js";
import { notEstimableParts } from "../study/not-estimable.js";
import { smdDecimals, thresholdRule } from "../causal/balance-verdict.js";
import { termLabel } from "./labels.js";

/** This part's messages (src/i18n/immortal-en.ts and its German and Japanese catalogues). */
const M = () => msg().immortal;

const pts = (x: number | null): string => (x === null ? "–" : `${fmtNum(100 * x, 1)}%`);
const diffPts = (x: number | null): string => (x === null ? "–" : `${x < 0 ? "−" : ""}${fmtNum(Math.abs(100 * x), 1)}`);

/** A difference with its bootstrap interval: "−7.1 (−18.4 to 17.7)", or why there is none. */
function diffCi(d: { readonly estimate: number | null; readonly lower: number | null; readonly upper: number | null; readonly note: string | null }, scale: (x: number | null) => string): string {
  if (d.estimate === null) return d.note === null ? M().notEstimable : engineText(d.note);
  if (d.lower === null || d.upper === null) return M().diffNoCi(scale(d.estimate), d.note === null ? M().noBootstrapCi : engineText(d.note));
  return M().diffCi(scale(d.estimate), scale(d.lower), scale(d.upper));
}

/** How a survival difference's bootstrap bias and percentile limits are written beside its interval (src/report/interval-qualifier.ts). */
const ptsFormat = { num: diffPts, amount: (x: number): string => M().points(diffPts(x)) };

/** "6 months" from an engine label's number and unit, in the language in force. */
const amountOf = (x: string, u: string): string => M().amount(localizeDecimal(x), u);

/**
 * A group or strategy name the engines built in English (src/study/immortal-time-step.ts, ccw.ts) in the
 * language in force: "no pulmonary metastasectomy within 6 months", "after pulmonary metastasectomy",
 * "pulmonary metastasectomy by 6 months"; the treatment's name itself is data and stays as it is.
 */
export function groupName(s: string): string {
  const m = M();
  let x: RegExpExecArray | null;
  if ((x = /^no (.+) within ([−\d.]+) (\w+)$/.exec(s)) !== null) return m.strategyNot(x[1], amountOf(x[2], x[3]));
  if ((x = /^(.+) within ([−\d.]+) (\w+)$/.exec(s)) !== null) return m.strategyTreated(x[1], amountOf(x[2], x[3]));
  if ((x = /^no (.+) \(yet\)$/.exec(s)) !== null) return m.notYet(x[1]);
  if ((x = /^no (.+) by ([−\d.]+) (\w+)$/.exec(s)) !== null) return m.notByLandmark(x[1], amountOf(x[2], x[3]));
  if ((x = /^(.+) by ([−\d.]+) (\w+)$/.exec(s)) !== null) return m.byLandmark(x[1], amountOf(x[2], x[3]));
  if ((x = /^after (.+)$/.exec(s)) !== null) return m.after(x[1]);
  return s;
}

/** Kaplan–Meier strata with their names in the language in force. */
function renamed<T extends { readonly strata: readonly { readonly name: string }[] }>(km: T): T {
  return { ...km, strata: km.strata.map((st) => ({ ...st, name: groupName(st.name) })) };
}

/**
 * The Simon–Makuch curves as the figure draws them: censoring marks ("+") only where patients left follow-up, not where
 * they moved to the treated curve at their treatment date (`transitions`, the exits of the untreated curve that are
 * moves: a reader takes a "+" for a loss to follow-up). The untreated curve is the first stratum (group code 0).
 */
export function simonMakuchCurves(td: NonNullable<ImmortalTimeResult["timeDependent"]>): NonNullable<ImmortalTimeResult["timeDependent"]>["simonMakuch"] {
  const km = renamed(td.simonMakuch);
  const moves = td.transitions;
  if (moves === undefined || km.strata.length === 0) return km;
  const s0 = km.strata[0];
  const nCensor = Array.from(s0.nCensor);
  // moves are exits of the untreated curve at the treatment date: the count of exits without an event there, less the
  // moves (times equal within √ε relative, survival's rule for tied times)
  const tied = (a: number, b: number): boolean => Math.abs(a - b) <= Math.sqrt(Number.EPSILON) * Math.max(Math.abs(a), Math.abs(b));
  let j = 0;
  for (let k = 0; k < moves.time.length; k++) {
    while (j < s0.time.length && s0.time[j] < moves.time[k] && !tied(s0.time[j], moves.time[k])) j++;
    if (j < s0.time.length && tied(s0.time[j], moves.time[k])) nCensor[j] = Math.max(0, nCensor[j] - moves.n[k]);
  }
  return { ...km, strata: [{ ...s0, nCensor }, ...km.strata.slice(1)] };
}

/**
 * Clone–censor–weight: the emulated trial in words, the weighted survival curves of the two strategies,
 * survival and RMST per strategy with their differences and bootstrap CIs (the headline: absolute effects),
 * and the per-protocol HR as a secondary number.
 */
function ccwBlocks(cw: CloneCensorWeightStudyResult, ctx: StudySectionContext, primary: boolean, mark: string, endpoint: string): ReportBlock[] {
  const { table, figure, withMark } = ctx;
  const u = cw.unit;
  const m = M();
  const G = m.amount(trimZeros(fmtNum(cw.options.grace, 1)), u);
  const [treatArm, controlArm] = cw.arms;
  const [lt, lc] = cw.strategyLabels.map(groupName);
  const blocks: ReportBlock[] = [];
  const boot = cw.bootstrap;
  blocks.push({
    kind: "text",
    text: m.ccwIntro(
      primary,
      lt,
      lc,
      String(cw.n),
      cw.excluded.treated + cw.excluded.untreated > 0 ? m.ccwExcluded(String(cw.excluded.treated + cw.excluded.untreated), String(cw.excluded.treated), String(cw.excluded.untreated)) : "",
      String(treatArm.deviations),
      String(controlArm.deviations),
      G,
      cw.options.censoringModel === "piecewise" ? m.ccwModelPiecewise(G, cw.options.censoringPeriods > 1 ? m.ccwPeriods(String(cw.options.censoringPeriods)) : "") : m.ccwModelCox,
      cw.covariates.length > 0 ? m.ccwCovariates(cw.covariates.map((c) => ctx.r.spec.covariates.map((x) => (typeof x === "string" ? { name: x } : x)).find((x) => x.name === c)?.label ?? c).join(", ")) : m.ccwNoCovariates,
      engineText(cw.estimandLabel),
      engineText(cw.variance),
      cw.graceByDefault ? m.ccwGraceDefault(G) : "",
    ),
  });
  // beyond the data (src/study/beyond-data.ts): a survival or difference where a strategy has fewer than figures.minAtRisk
  // patients at risk, as the figure counts them, is "–" with a footnote; results.json keeps it, flagged beyondData
  const beyond: string[] = [];
  const hidden = (d: { readonly beyondData: boolean; readonly nRiskUnweighted: readonly number[]; readonly minAtRisk: number }, arm: 0 | 1 | null): boolean =>
    arm === null ? d.beyondData : d.minAtRisk > 0 && d.nRiskUnweighted[arm] < d.minAtRisk;
  const rows: string[][] = cw.options.times.map((t, k) => {
    const d = cw.survivalDifference[k];
    if (d.beyondData && d.estimate !== null) beyond.push(m.beyondItem(m.amount(fmtNum(t, 0), u), countsText(d.nRiskUnweighted), countsText(d.inFollowUp)));
    return [
      m.survivalAt(fmtNum(t, 0), u),
      hidden(d, 0) ? "–" : pts(treatArm.survival[k]),
      hidden(d, 1) ? "–" : pts(controlArm.survival[k]),
      d.beyondData && d.estimate !== null ? m.beyondCell : d.estimate === null ? diffCi(d, diffPts) : withCentreFlag(m.points(diffCi(d, diffPts)), d, ptsFormat),
    ];
  });
  const rd = cw.rmstDifference;
  if (rd !== null) {
    const off = rd.beyondData && rd.estimate !== null;
    if (off) beyond.push(m.beyondItem(m.rmstUpTo(fmtNum(rd.tau, 0), u), countsText(rd.nRiskUnweighted), countsText(rd.inFollowUp)));
    rows.push([
      m.rmstUpTo(fmtNum(rd.tau, 0), u),
      treatArm.rmst === null || hidden(rd, 0) ? "–" : m.amount(fmtNum(treatArm.rmst, 1), u),
      controlArm.rmst === null || hidden(rd, 1) ? "–" : m.amount(fmtNum(controlArm.rmst, 1), u),
      off ? m.beyondCell : withCentreFlag(m.amount(diffCi(rd, (x) => (x === null ? "–" : `${x < 0 ? "−" : ""}${fmtNum(Math.abs(x), 1)}`)), u), rd),
    ]);
  }
  const minAtRisk = cw.survivalDifference[0]?.minAtRisk ?? rd?.minAtRisk ?? 0;
  const beyondNote = beyond.length === 0 ? [] : [m.beyondNote(String(minAtRisk), beyond.join(m.sep))];
  // bootstrap bias (mean of the replicates − estimate) and SE of each interval shown; off-centre when |bias| > 0.25 SE
  const centreOf = (what: string, c: { readonly bootstrapBias: number | null; readonly bootstrapSe: number | null; readonly bootstrapOffCentre: boolean }, f: (x: number) => string): string | null =>
    c.bootstrapBias === null || c.bootstrapSe === null ? null : m.centreItem(what, f(c.bootstrapBias), f(c.bootstrapSe), c.bootstrapOffCentre);
  const sgn = (x: number, d: number): string => `${x < 0 ? "−" : ""}${fmtNum(Math.abs(x), d)}`;
  const centres = [
    ...cw.survivalDifference.map((d) => (d.beyondData ? null : centreOf(m.amount(fmtNum(d.time, 0), u), d, (x) => m.points(sgn(100 * x, 1))))),
    rd === null || rd.beyondData ? null : centreOf(`RMST`, rd, (x) => m.amount(sgn(x, 1), u)),
    cw.hazardRatio?.bootstrap ? centreOf(m.logHr, cw.hazardRatio.bootstrap, (x) => sgn(x, 2)) : null,
  ].filter((x): x is string => x !== null);
  const centreNote = centres.length === 0 ? [] : [m.centreNote(centres.join(m.sep))];
  // the SE each survival difference's Wald interval used: the larger of the bootstrap SE and the IJ SE (src/causal/ccw/interval.ts largerSeWald)
  const seUsed = cw.survivalDifference.flatMap((d) => {
    if (d.beyondData || d.intervalMethod !== "wald-larger-se" || d.intervalSe === null || d.lower === null) return [];
    const what = m.amount(fmtNum(d.time, 0), u);
    const se = m.points(sgn(100 * d.intervalSe, 1));
    return [d.intervalSe === d.se ? m.seUsedBootstrap(what, se) : m.seUsedIj(what, se)];
  });
  const seNote = seUsed.length === 0 ? [] : [m.seUsedNote(seUsed.join(m.sep))];
  const heavy = cw.survivalDifference.flatMap((d) =>
    d.beyondData ? [] : d.heavyDeaths.map((x) => m.heavyItem(m.amount(fmtNum(d.time, 0), u), groupName(cw.strategyLabels[x.arm]), m.amount(fmtNum(x.time, 1), u), fmtNum(x.weight, 2), fmtNum(100 * x.share, 0), x.shareOfDifference === null || x.shareOfDifference === undefined ? null : fmtNum(100 * x.shareOfDifference, 0))),
  );
  const heavyNote = heavy.length === 0 ? [] : [m.heavyNote(heavy.join(m.sep))];
  const h = cw.hazardRatio;
  // the HR's percentile interval, and when its replicates are not centred what that means for both of its intervals, said once here (referee A14)
  const hrBoot = (b: NonNullable<NonNullable<typeof h>["bootstrap"]>): string => {
    const ci = fmtRatioCi(b.estimate, b.lower, b.upper).replace(/^[^(]*\(/, "(");
    return b.bootstrapOffCentre && b.bootstrapBias !== null ? m.hrBootOffCentre(ci, sgn(b.bootstrapBias, 2)) : withCentreFlag(ci, b);
  };
  const hrText =
    h === null
      ? m.hrNotEstimable
      : m.hrText(
          fmtRatioCi(h.hr, h.lower, h.upper),
          `${/^[<>]/.test(formatP(h.p)) ? "" : "= "}${formatP(h.p)}`,
          h.bootstrap !== null && h.bootstrap.lower !== null && h.bootstrap.upper !== null ? hrBoot(h.bootstrap) : null,
        );
  blocks.push(
    table("ccw", {
      title: withMark(m.ccwTitle(primary, String(cw.n)), mark),
      headers: [["", lt, lc, m.differenceCi]],
      rows,
      footnotes: [
        m.ccwFootnote(
          u,
          boot !== null ? m.ccwBoot(String(boot.replicates), String(boot.failed)) : m.ccwNoBoot,
          cw.options.weights,
          `${fmtNum(treatArm.weights.min, 2)}/${fmtNum(treatArm.weights.median, 2)}/${fmtNum(treatArm.weights.max, 2)}`,
          `${fmtNum(controlArm.weights.min, 2)}/${fmtNum(controlArm.weights.median, 2)}/${fmtNum(controlArm.weights.max, 2)}`,
          hrText,
        ),
        ...beyondNote,
        ...seNote,
        ...centreNote,
        ...heavyNote,
      ],
    }),
  );
  // the no-treatment strategy first, as the untreated group in every Kaplan–Meier figure: one colour and line type per arm across the report;
  // numbers at risk at each tick from the clones' follow-up ends (atRisk: follow-up ≥ t, issue 19), not the next death's risk set
  const strata = [1, 0].map((k) => {
    const a = cw.arms[k];
    return { name: groupName(cw.strategyLabels[k]), time: a.curve.time, nRisk: a.curve.nRisk, nEvent: a.curve.nEvent, nCensor: a.curve.time.map(() => 0), surv: a.curve.surv, nRiskUnweighted: a.curve.nRiskUnweighted, ...(a.atRisk === undefined ? {} : { atRisk: a.atRisk }) };
  });
  blocks.push(
    figure(
      kmFigure(
        "ccw",
        m.ccwFigureTitle(lt, lc),
        { strata },
        u,
        [
          ...(() => {
            // the latest time within the data (a difference beyond it is not quoted, src/study/beyond-data.ts)
            const d = [...cw.survivalDifference].reverse().find((x) => x.estimate !== null && !x.beyondData);
            // one column: the difference and its interval, the rest (what is subtracted, the bootstrap's flag) in the caption
            return d === undefined ? [] : [{ text: withCentreFlag(m.ccwFigureDifference(fmtNum(d.time, 0), u, diffCi(d, diffPts)), d, ptsFormat, true), short: [m.ccwDifferenceShort(fmtNum(d.time, 0), u), m.points(diffCi(d, diffPts)), ...(d.bootstrapOffCentre === true && d.lower !== null ? [msg().plot.offCentreShort] : [])] }];
          })(),
          // one line, wrapped where the figure's width needs it (no hard break: "den Klonen," alone on a line in German)
          ...(h === null ? [] : [{ text: m.ccwFigureHr(fmtRatioCi(h.hr, h.lower, h.upper), String(cw.n)), short: msg().plot.hrShort(fmtRatioCi(h.hr, h.lower, h.upper), String(cw.n)) }]),
        ],
        m.ccwFigureCaption(String(cw.n)),
        undefined,
        // the spec's figure options (minAtRisk, axis, size) as every Kaplan–Meier figure; the clones' time zero is the
        // endpoint's origin (the grace period runs from it)
        kmStyle(ctx.r, undefined, xLabelOption(timeSinceOrigin(ctx.r, endpoint, u))),
      ),
    ),
  );
  return blocks;
}

/**
 * Clone–censor–weight: the weight diagnostics per strategy (results cloneCensorWeight.diagnostics; issue 19, referee A9):
 * the reference (the patients alive and in follow-up after the grace period), the clones still in follow-up after it (of
 * the reference) and the ESS of their weights, then per covariate term the SMD and the variance ratio against the
 * reference, unweighted and weighted, and the strategies in which the term is imbalanced after weighting (referee s12
 * A4, as the study's other balance tables' "Imbalanced in"); below it each strategy's balance in words (ccwBalanceSentence).
 * The table's title carries the mark of the residual-imbalance warning when it fires. Nothing for results before issue 19.
 */
function ccwBalanceBlocks(cw: CloneCensorWeightStudyResult, ctx: StudySectionContext, mark: string): ReportBlock[] {
  const d = cw.diagnostics;
  if (d === undefined || d.perArm.every((a) => a.smd.length === 0)) return [];
  const m = M();
  const u = cw.unit;
  const G = m.amount(trimZeros(fmtNum(d.grace, 1)), u);
  const arms = d.perArm;
  const th = d.thresholds;
  const smd = (x: number | undefined): string => (x === undefined ? "–" : fmtNum(x, smdDecimals(x, th.smd)));
  const vr = (x: number | null | undefined): string => (x === undefined || x === null ? "–" : fmtNum(x, 2));
  const terms = arms.find((a) => a.smd.length > 0)?.smd ?? [];
  // per strategy: SMD and VR unweighted and weighted; then the strategies in which the term is beyond the thresholds
  // after weighting, as the study's other balance tables' "Imbalanced in" (referee s12 A4, B2); results before session
  // 12 have no VR or imbalanced marker in smd[]: "–" and no strategy named
  const blank = (k: number): string[] => Array.from({ length: k }, () => "");
  const rows: string[][] = [
    [m.ccwBalanceReference(G), ...arms.flatMap((a) => [m.ccwBalanceOf(String(a.reference), String(a.clones)), ...blank(3)]), ""],
    [m.ccwBalanceUncensored(G), ...arms.flatMap((a) => [m.ccwBalanceOf(String(a.uncensored), String(a.reference)), ...blank(3)]), ""],
    [m.ccwBalanceEss, ...arms.flatMap((a) => ["", fmtNum(a.essUncensored, 1), "", ""]), ""],
    ...terms.map((t) => {
      const per = arms.map((a) => a.smd.find((y) => y.term === t.term));
      const imbalancedIn = arms.filter((_, k) => per[k]?.imbalanced === true).map((a) => groupName(a.arm));
      return [t.label, ...per.flatMap((x) => [smd(x?.unweighted), smd(x?.weighted), vr(x?.varianceRatioUnweighted), vr(x?.varianceRatioWeighted)]), imbalancedIn.length === 0 ? "–" : imbalancedIn.join("; ")];
    }),
  ];
  const blocks: ReportBlock[] = [
    ctx.table("ccw-balance", {
      title: ctx.withMark(titleWithPopulation(m.ccwBalanceTitle, m.ccwBalancePopulation(String(cw.n))), mark),
      headers: [
        ["", ...arms.map((a) => ({ text: groupName(a.arm), span: 4 })), ""],
        [m.ccwBalanceTerm, ...arms.flatMap(() => [m.ccwBalanceUnweighted, m.ccwBalanceWeighted, m.ccwBalanceVrUnweighted, m.ccwBalanceVrWeighted]), m.ccwBalanceImbalancedIn],
      ],
      rows,
      footnotes: [
        m.ccwBalanceFootnote(G, d.binary === "std" ? m.ccwBalanceBinaryStd : m.ccwBalanceBinaryRaw, engineText(thresholdRule(th, true))),
        m.ccwBalanceTermsFootnote(String(d.imbalanced.count), String(d.imbalanced.total)),
      ],
    }),
  ];
  blocks.push({ kind: "text", text: arms.map((a) => ccwBalanceSentence(a, G, th)).join(" ") });
  return blocks;
}

/** Two numbers with as many decimals (from `d`, at most 4) as it takes to print them apart: "0.148 → 0.150", not "0.15 → 0.15". */
function apart(a: number, b: number, d: number): [string, string] {
  let k = d;
  while (k < 4 && fmtNum(a, k) === fmtNum(b, k)) k++;
  return [fmtNum(a, k), fmtNum(b, k)];
}

/**
 * One strategy's balance after weighting in words, from the structured diagnostics (referee s12 A4, B3): the clones in
 * follow-up after the grace period with the ESS of their weights beside their number, the terms left beyond the
 * thresholds with the statistics that put them there, and the terms that weighting moved further from the reference.
 */
function ccwBalanceSentence(a: NonNullable<CloneCensorWeightStudyResult["diagnostics"]>["perArm"][number], G: string, th: NonNullable<CloneCensorWeightStudyResult["diagnostics"]>["thresholds"]): string {
  const m = M();
  const smd = (x: number): string => fmtNum(x, smdDecimals(x, th.smd));
  const vrFails = (x: number | null): boolean => th.varianceRatio !== null && x !== null && !(Math.max(x, 1 / x) < th.varianceRatio);
  const left = a.smd.filter((t) => t.imbalanced === true);
  const list = left.map((t) => m.ccwBalanceItem(t.label, [...(th.smd !== null && !(Math.abs(t.weighted) < th.smd) ? [m.ccwBalanceSmd(smd(t.weighted))] : []), ...(vrFails(t.varianceRatioWeighted ?? null) ? [m.ccwBalanceVr(fmtNum(t.varianceRatioWeighted!, 2))] : [])].join(m.commaSep)));
  const rule = (failing: boolean): string => engineText(thresholdRule(th, failing));
  const verdict = left.length === 0 ? m.ccwBalanceAll(String(a.nTerms), rule(false)) : m.ccwBalanceRemain(String(left.length), String(a.nTerms), rule(true), list.join(m.sep));
  const worse = a.smd.flatMap((t) =>
    (t.worsenedBy ?? []).length === 0
      ? []
      : [m.ccwBalanceItem(t.label, (t.worsenedBy ?? []).map((s) => (s === "smd" ? m.ccwBalanceChange(s, ...apart(t.unweighted, t.weighted, smdDecimals(t.weighted, th.smd))) : m.ccwBalanceChange(s, ...apart(t.varianceRatioUnweighted ?? Number.NaN, t.varianceRatioWeighted ?? Number.NaN, 2)))).join(m.commaSep))],
  );
  return m.ccwBalanceArm(groupName(a.arm), G, String(a.uncensored), fmtNum(a.essUncensored, 1), verdict, worse.length === 0 ? "" : m.ccwBalanceWorse(worse.join(m.sep)));
}

/**
 * The flags of one landmark PS estimate (results.analyses.immortalTime.landmarkPs.flags; src/study/effect-flags.ts) as
 * they follow its HR in the report's table and summary.txt: "; residual imbalance after weighting: 5 of 8 covariate
 * terms imbalanced", in the language in force; "" when it has none. `id`: the estimate's id ("weighted", "matched", …).
 */
export function landmarkFlagSuffix(lp: Pick<NonNullable<ImmortalTimeResult["landmarkPs"]>, "flags">, id: string): string {
  return (lp.flags ?? [])
    .filter((f) => f.id === id)
    .map((f) => `; ${engineText(f.text)}`)
    .join("");
}

/**
 * Which warnings of Read first qualify one landmark PS row (referee s11 A5), by their source as the treatment-effect
 * table attaches them (src/report/sections-effects.ts `sampleWarning`): a warning about rows (its `rows`, from
 * landmarkPs.rowWarnings; in results without them, a warning naming a row's label) on those rows only;
 * a worsened balance on its sample's rows; the matching's warnings (treated unmatched, greedy order) on the matched rows
 * only; the weighting's on the weighted rows only; the PS model's (its events per parameter, fit, overlap) on every PS
 * row, not on the covariate-adjusted Cox; the design's others (patients left out) on every landmark row. The landmark
 * step's warnings read "landmark at 6 months (PS): …" (src/study/immortal-time-step.ts: the engine's number, not "6.0").
 */
export function landmarkWarningOf(
  it: Pick<ImmortalTimeResult, "unit">,
  lp: Pick<NonNullable<ImmortalTimeResult["landmarkPs"]>, "time" | "effects" | "psBalance">,
  e: Pick<HazardRatioEffect, "id" | "label">,
): (w: ReadFirstItem) => boolean {
  const prefix = `landmark at ${lp.time} ${it.unit} (PS): `;
  const labels = lp.effects.estimates.map((x) => `${prefix}${x.label}: `);
  const src = lp.psBalance?.warningSources;
  const sample = e.id.startsWith("matched") ? "matching" : e.id.startsWith("weighted") ? "weighting" : null;
  const from = (w: ReadFirstItem, list: readonly string[] | undefined): boolean => list !== undefined && w.sources.some((s) => list.some((x) => s === x || s === `${prefix}${x}`));
  return (w) => {
    if (w.section !== "immortal-time" || !w.text.includes(prefix)) return false;
    // a warning about landmark rows (known from landmarkPs.rowWarnings; one item may name several): on those rows only
    const rows = (w.rows ?? []).filter((x) => x.table === "landmarkPs");
    if (rows.length > 0) return rows.some((x) => x.id === e.id);
    if (labels.some((l) => w.text.includes(l))) return w.text.includes(`${prefix}${e.label}: `);
    const worse = /\(PS\): (matching|weighting) worsened covariate balance/.exec(w.text);
    if (worse !== null) return worse[1] === sample;
    if (from(w, src?.matching)) return sample === "matching";
    if (from(w, src?.weighting)) return sample === "weighting";
    if (w.text.includes(`${prefix}propensity model:`) || from(w, src?.model)) return sample !== null;
    return true;
  };
}

/** The "not estimated" item of Read first of a refused model (results.notEstimable `analysis`), to mark its row. */
function notEstimableItem(ctx: StudySectionContext, analysis: string): (w: ReadFirstItem) => boolean {
  const n = (ctx.r.notEstimable ?? []).find((x) => x.analysis === analysis);
  if (n === undefined) return () => false;
  const { context } = notEstimableParts(n);
  return (w) => w.kind === "not-run" && w.context === context;
}

interface HrTerm {
  readonly hr: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
  readonly p: number | null;
}


export function immortalTimeSection(it: ImmortalTimeResult, ctx: StudySectionContext): ReportSection {
  const { table, figure, marks, withMark } = ctx;
  const u = it.unit;
  const o = it.options;
  const m = M();
  const CRUDE = m.crude;
  const BIASED = msg().report.immortalBias;
  const mark = (pred: string): string => marks((w) => w.section === "immortal-time" && w.text.includes(pred));
  // the declared primary's own flag in the intro carries the mark of its warning (referee s12 A8: "(residual imbalance
  // after weighting: 3 of 14 covariate terms imbalanced, ⚠9)")
  const ccwFlag = it.cloneCensorWeight?.diagnostics?.flag;
  const intro = engineText(it.explanation);
  const flagText = ccwFlag ? engineText(ccwFlag.text) : "";
  const flagMark = ccwFlag ? mark("clone–censor–weight: residual imbalance after weighting") : "";
  const close = [")", "）"].find((c) => intro.includes(`${flagText}${c}`));
  const blocks: ReportBlock[] = [{ kind: "note", text: flagMark !== "" && close !== undefined ? intro.replace(`${flagText}${close}`, `${flagText}${m.commaSep}${flagMark}${close}`) : intro }];
  const waited = m.waited(String(it.treatedWithDate), it.medianWait === null ? "–" : m.amount(fmtNum(it.medianWait, 1), u));
  const lmText = o.landmarkByDefault ? m.landmarkDefault(m.amount(trimZeros(fmtNum(o.landmark, 1)), u)) : "";
  blocks.push({ kind: "text", text: waited + lmText });
  // the study's primary analysis, when it is one of these designs (study/primary.ts): said first and marked on its row
  const primary = ctx.r.primary;
  const isPrimary = (id: string): boolean => primary?.section === "immortal-time" && primary.id === id;
  const primaryTag = (id: string, design: string): string => (isPrimary(id) ? m.primaryTag(design) : design);
  if (primary?.section === "immortal-time" && primary.id !== null) {
    const c = primary.candidates.find((x) => x.id === primary.id && x.section === primary.section);
    const defaults = (c?.defaults ?? []).map((d) => m.setting(engineText(d))).join("");
    blocks.push({ kind: "text", text: m.primaryOfStudy(engineText(primary.label ?? ""), defaults, primary.declared) });
  }
  const cw = it.cloneCensorWeight;
  if (cw) blocks.push(...ccwBlocks(cw, ctx, isPrimary("cloneCensorWeight"), mark("clone–censor–weight"), it.endpoint));
  if (cw) blocks.push(...ccwBalanceBlocks(cw, ctx, mark("clone–censor–weight: residual imbalance after weighting")));
  // Design | Population | Estimand | HR (95% CI) | p | Events | Variance
  const rows: string[][] = [];
  // `refusal`: "not estimated: k events for p parameters …" of a model below the events-per-parameter floor (src/study/epv.ts);
  // `flags`: the row's flags after its HR, as the treatment-effect table shows them (src/study/effect-flags.ts)
  const row = (design: string, population: string, estimand: string, t: HrTerm | undefined, events: number | string, variance: string, refusal?: string, flags = ""): void => {
    rows.push([design, population, estimand, refusal ?? (t === undefined || t.hr === null ? m.notEstimable : `${fmtRatioCi(t.hr, t.lower, t.upper)}${flags}`), t === undefined ? "" : formatP(t.p), String(events), variance]);
  };
  if (cw) {
    const h = cw.hazardRatio;
    row(
      withMark(isPrimary("cloneCensorWeight") ? m.ccwRowPrimary(m.amount(trimZeros(fmtNum(cw.options.grace, 1)), u)) : m.ccwRow(m.amount(trimZeros(fmtNum(cw.options.grace, 1)), u)), mark("clone–censor–weight")),
      m.ccwPopulation(String(cw.n)),
      m.ccwEstimand,
      h === null ? undefined : h,
      // the patients with an event and the clone events per strategy the per-protocol HR rests on (referee s12 A11)
      m.ccwEvents(String(cw.patientEvents), String(cw.arms[0].events), String(cw.arms[1].events)),
      m.ccwVariance,
      undefined,
      // the residual-imbalance flag of its weights (cloneCensorWeight.diagnostics.flag), as the landmark rows carry theirs
      cw.diagnostics?.flag ? `; ${engineText(cw.diagnostics.flag.text)}` : "",
    );
  }
  const adj = it.adjustedTimeDependent;
  if (adj) {
    const t = adj.result.fit.terms.find((x) => x.name === adj.treatmentTerm);
    row(withMark(primaryTag("adjustedTimeDependent", m.adjustedDesign), mark("adjusted time-dependent")), m.completePopulation(String(adj.n), String(adj.intervals)), engineText(adj.estimandLabel), t, adj.events, engineText(adj.variance));
  }
  // below the events-per-parameter floor: not estimated, its place says so (src/study/immortal-time-step.ts), marked
  // with its own "not estimated" item of Read first (referee s11 A5)
  const adjRefused = adj === undefined ? (it.refused ?? []).find((x) => x.analysis === "immortalTime.adjustedTimeDependent") : undefined;
  if (adjRefused !== undefined) {
    row(withMark(m.adjustedDesign, marks(notEstimableItem(ctx, "immortalTime.adjustedTimeDependent"))), m.completePopulation(adjRefused.n === undefined ? null : String(adjRefused.n), null), m.conditionalAdjusted, undefined, adjRefused.epv.events, "–", adjRefused.epv.message === undefined || adjRefused.epv.message === null ? m.notEstimated : engineText(adjRefused.epv.message));
  }
  const lp = it.landmarkPs;
  if (lp) {
    const L = m.amount(trimZeros(fmtNum(lp.time, 1)), u);
    const pop = m.aliveAt(L, String(lp.n), String(lp.nTreated));
    const rowMark = (e: HazardRatioEffect): string => marks((w) => landmarkWarningOf(it, lp, e)(w) || notEstimableItem(ctx, `immortalTime.landmarkPs.${e.id}`)(w));
    const show = (e: HazardRatioEffect | undefined, design: string, estimand: string): void => {
      if (e === undefined) return;
      const id = `landmark${e.id.charAt(0).toUpperCase()}${e.id.slice(1)}`;
      row(withMark(primaryTag(id, design), rowMark(e)), e.id.startsWith("matched") ? m.matchedAt(L, String(e.n)) : pop, estimand, e.notEstimable === null ? e : undefined, e.nEvents, engineText(e.variance), isEpvRefusal(e.notEstimable) ? engineText(e.notEstimable!) : undefined, landmarkFlagSuffix(lp, e.id));
    };
    const est = (id: string): HazardRatioEffect | undefined => lp.effects.estimates.find((e) => e.id === id);
    const w = lp.weighting.stabilize ? m.stabilised(lp.weighting.estimand) : lp.weighting.estimand;
    show(est("weighted"), m.lmIptw(L, w), m.lmMarginal(L, lp.weighting.estimand));
    show(est("weightedMEstimation"), m.lmIptwM(L, w), m.lmMarginal(L, lp.weighting.estimand));
    const matched = est("matched");
    if (matched) show(matched, m.lmMatched(L), m.lmMatchedEstimand(engineText(matched.estimandLabel), L));
    // the Cox model stratified on matched set (conditional HR), as the treatment-effect table shows it (issue 19)
    const stratified = est("matchedStratified");
    if (stratified) show(stratified, m.lmMatchedStratified(L), m.lmMatchedEstimand(engineText(stratified.estimandLabel), L));
    show(est("multivariable"), m.lmAdjusted(L), m.lmConditional(L));
  }
  // the landmark PS analysis not estimated (its propensity model below the floor with propensityBelowFloor "refuse",
  // src/study/immortal-time/landmark-ps.ts): its place says so, with the reason
  const lpRefused = lp === undefined && o.covariates.length > 0 ? (ctx.r.notEstimable ?? []).find((x) => x.analysis === "immortalTime.landmarkPs") : undefined;
  if (lpRefused !== undefined) {
    const L = m.amount(trimZeros(fmtNum(o.landmark, 1)), u);
    row(m.lmPsDesign(L), m.lmPsPopulation(L), "–", undefined, "–", "–", engineText(lpRefused.reason));
  }
  const sq = it.sequentialMatching;
  if (sq) {
    const pop = m.seqPopulation(String(sq.treatedMatched), String(sq.treatedEligible), String(sq.sets.reduce((k, s) => k + s.controls.length, 0)));
    row(withMark(primaryTag("sequentialMatching", m.seqStratified), mark("sequential matching")), pop, m.seqStratifiedEstimand, sq.stratified.terms[0], sq.stratified.nEvent, engineText(sq.variance));
    row(m.seqClustered, pop, m.seqClusteredEstimand, sq.clustered.terms[0], sq.clustered.nEvent, engineText(sq.variance));
  }
  if (it.timeDependent) row(m.tdCrude(CRUDE), m.allPatients(String(it.naive.cox.n), String(it.timeDependent.intervals)), m.unadjusted, it.timeDependent.cox.terms[0], it.timeDependent.cox.nEvent, m.modelBased);
  if (it.landmark) {
    const L = m.amount(trimZeros(fmtNum(it.landmark.time, 1)), u);
    row(withMark(m.lmCrude(L, CRUDE), mark("died or left follow-up before it")), m.lmCrudePopulation(L, String(it.landmark.n), String(it.landmark.excluded)), m.unadjusted, it.landmark.cox.terms[0], it.landmark.cox.nEvent, m.modelBased);
  }
  row(m.naive(BIASED), m.allPatients(String(it.naive.cox.n), null), m.naiveEstimand, it.naive.cox.terms[0], it.naive.cox.nEvent, m.modelBased);
  // the treatment-effect table's crude Cox is the same model on the propensity analyses' patients: say which is which
  const crude = ctx.r.analyses.effects?.estimates.find((e) => e.id === "crude");
  const crudeNote = crude !== undefined && crude.n !== it.naive.cox.n ? m.crudeNote(String(crude.n), String(it.naive.cox.n)) : "";
  // the landmark rows' flags (src/study/effect-flags.ts), explained as under the treatment-effect table
  const lpFlags = (lp?.flags ?? []).filter((f) => f.id !== "crude");
  // … and the clone–censor–weight's residual imbalance of its weights (cloneCensorWeight.diagnostics.flag)
  const ccwFlagged = cw?.diagnostics?.flag ? (["residualImbalance"] as const) : [];
  const kinds = new Set([...lpFlags.map((f) => f.kind), ...ccwFlagged]);
  const flagNote = kinds.size === 0 ? [] : [msg().causal.flagsFootnote(kinds.has("fewEvents"), kinds.has("balanceWorsened"), kinds.has("residualImbalance"))];
  const adjustedFirst = adj || adjRefused || lp || lpRefused || sq ? m.adjustedFirst(lpFlags.length > 0) : m.noCovariates;
  blocks.push(
    table("immortal-time", {
      title: m.byDesignTitle,
      headers: [[...m.byDesignHeaders]],
      rows,
      footnotes: [adjustedFirst + m.byDesignFootnote(BIASED) + crudeNote, ...(cw ? [m.ccwEventsNote(...(cw.strategyLabels.map(groupName) as [string, string]))] : []), ...flagNote],
    }),
  );
  // the landmark PS model's covariate balance, as the propensity section's table, and its events per parameter (issue 19, referee point 3)
  const lb = lp?.psBalance;
  if (lp && lb) {
    const L = m.amount(trimZeros(fmtNum(lp.time, 1)), u);
    const covLabel = (name: string): string => ctx.r.spec.covariates.map(covariateObject).find((c) => c.name === name)?.label ?? name;
    const labelOf = (b: { covariate: string; level: string | null }): string => (b.level === null ? covLabel(b.covariate) : `${covLabel(b.covariate)}: ${b.level}`);
    const adjusted = [
      ...(lb.matched ? [{ label: msg().table.matched, rows: lb.matched.rows, n: lb.matched.n }] : []),
      ...(lb.weighted ? [{ label: msg().causal.iptwLabel(lb.weighted.estimand), rows: lb.weighted.rows, n: lb.weighted.n }] : []),
    ];
    const bt = balanceTableOf({ options: lb.options, sample: lb.sample, formula: lb.formula, before: lb.before, adjusted }, labelOf);
    // the EPV warning of the landmark PS model marks the table's title (its text is in the section's warnings and Read first)
    const epvMark = lb.epvWarning === null ? "" : mark(`landmark at ${lp.time} ${u} (PS): propensity model:`);
    const pop = m.aliveAt(L, String(lb.sample.n), String(lb.sample.nTreated));
    blocks.push(table("immortal-time-landmark-balance", { ...bt, title: withMark(titleWithPopulation(m.lmBalanceTitle(L), pop), epvMark), footnotes: [...bt.footnotes, m.lmBalanceFootnote(L)] }));
    blocks.push({ kind: "text", text: lb.verdicts.map((v) => engineText(v.text)).reduce((a, b) => msg().methods.joinSentences(a, b)) });
  }
  const ws = lp?.effects.weighted?.survival;
  if (lp && ws && ws.times.length > 0) {
    const pct = (x: number | null): string => (x === null ? "–" : `${fmtNum(100 * x, 1)}%`);
    // beyond the data (src/study/beyond-data.ts): fewer than figures.minAtRisk unweighted patients at risk in a group
    const at = ws.times.map((t, k) => {
      const sup = lp.weightedSupport?.[k];
      if (sup !== undefined && sup.beyondData) return m.lmBeyond(fmtNum(t, 0), u, countsText(sup.nRiskUnweighted), String(sup.minAtRisk));
      return m.lmAt(fmtNum(t, 0), u, pct(ws.survTreated[k]), pct(ws.survControl[k]), ws.survDifference[k].estimate === null ? "–" : m.points(diffPts(ws.survDifference[k].estimate)));
    });
    // the same weights as the landmark IPTW rows: their flags and marks (referee s11 A4)
    const iptw = lp.effects.estimates.filter((e) => e.id === "weighted" || e.id === "weightedMEstimation");
    const flags = [...new Set((lp.flags ?? []).filter((f) => iptw.some((e) => e.id === f.id)).map((f) => engineText(f.text)))].join("; ");
    const weightedMark = marks((w) => iptw.some((e) => landmarkWarningOf(it, lp, e)(w)));
    blocks.push({ kind: "text", text: withMark(m.lmWeighted(engineText(lp.population), at.join(m.sep), flags), weightedMark) });
  }
  if (adj) {
    // a coefficient that diverged (monotone likelihood) has no usable HR or p: say so instead
    const diverged = (name: string): boolean => adj.result.fit.warnings.some((w) => w.includes(`"${name}" may be infinite`));
    const covRows = adj.result.fit.terms.map((t) =>
      diverged(t.name) || t.hr === null ? [termLabel(adj.termLabels[t.name] ?? t.name), m.diverged, ""] : [termLabel(adj.termLabels[t.name] ?? t.name), fmtRatioCi(t.hr, t.lower, t.upper), formatP(t.p)],
    );
    const ex = adj.excluded;
    blocks.push(
      table("immortal-time-adjusted", {
        title: m.adjustedTitle,
        headers: [[...m.adjustedHeaders]],
        rows: covRows,
        footnotes: [
          m.adjustedFootnote(
            String(adj.n),
            String(adj.events),
            String(adj.intervals),
            String(ex.treated + ex.untreated),
            String(ex.treated),
            String(ex.untreated),
            engineText(adj.variance),
            o.covariatesFrom === "immortalTime.covariates" || o.covariatesFrom === "propensity.covariates" ? o.covariatesFrom : "all",
          ),
        ],
      }),
    );
  }
  if (it.landmarks && it.landmarks.length > 1) {
    const ci = (h: { hr: number | null; lower: number | null; upper: number | null } | null): string => (h === null || h.hr === null ? "–" : fmtRatioCi(h.hr, h.lower, h.upper));
    blocks.push(
      table("immortal-time-landmarks", {
        title: m.landmarksTitle,
        headers: [[...m.landmarksHeaders]],
        rows: it.landmarks.map((r, k) => [`${m.amount(trimZeros(fmtNum(r.time, 1)), u)}${k === 0 ? m.mainLandmark : ""}`, String(r.n), String(r.nTreated), String(r.events), ci(r.adjusted), ci(r.weighted)]),
        footnotes: [m.landmarksFootnote],
      }),
    );
  }
  if (it.timeDependent) {
    blocks.push(
      figure(
        kmFigure(
          "simon-makuch",
          m.simonMakuchTitle,
          simonMakuchCurves(it.timeDependent),
          u,
          // crude: the flag in the SVG itself, as on the other naive figures (issue 19)
          [{ text: m.simonMakuchFlag, short: msg().plot.crudeShort }],
          m.simonMakuchCaption(String(it.naive.cox.n)),
          undefined,
          kmStyle(ctx.r, "treatment", xLabelOption(timeSinceOrigin(ctx.r, it.endpoint, u))),
        ),
      ),
    );
  }
  if (it.landmark) {
    const L = m.amount(trimZeros(fmtNum(it.landmark.time, 1)), u);
    const n = String(it.landmark.n);
    blocks.push(figure(kmFigure("km-landmark", m.landmarkFigureTitle(L), renamed(it.landmark.km), u, [{ text: m.landmarkLogrank(pPhrase(it.landmark.logrank.p), n), short: [msg().plot.logrankShort(pPhrase(it.landmark.logrank.p), n), msg().plot.crudeShort] }], m.landmarkCaption(L, n, String(it.landmark.excluded)), undefined, kmStyle(ctx.r, "treatment", { xLabel: m.sinceLandmark(u) }))));
  }
  return { id: "immortal-time", title: msg().section.immortalTime, blocks };
}
