/**
 * The report's "Sensitivity to unmeasured confounding" section, from results only (src/study/sensitivity-step.ts):
 * the E-value of the primary estimate, the Rosenbaum bounds of the PS-matched pairs, the bias analysis
 * for one unmeasured binary confounder (table of tipping points and contour figure), the negative-control
 * outcome and the Riley sample-size criteria of the prediction model. Each block says in one sentence what
 * its number means, and every title carries its population n (src/report/population.ts).
 */
import type { SensitivityStepResult } from "../study/sensitivity-step.js";
import type { RosenbaumResult } from "../sensitivity/rosenbaum.js";
import type { ReportBlock, ReportSection } from "./html.js";
import type { SectionContext } from "./sections-long-term.js";
import { titleWithPopulation } from "./population.js";
import { biasContourPlot } from "./plots/bias-contour.js";
import { formatP } from "./table1.js";
import { fmtNum, fmtRatioCi } from "./tables.js";
import { msg } from "../i18n/messages.js";
import { localizeDecimal } from "../i18n/language.js";
import { engineText } from "../i18n/warnings.js";

const pct = (x: number | null): string => (x === null ? "–" : `${fmtNum(100 * x, 0)}%`);
/** What the Γ search found, as a clause: "the conclusion changes at Γ = 1.54", or why there is no such Γ. */
const conclusionText = (r: RosenbaumResult): string => {
  switch (r.gammaChangeStatus) {
    case "found":
      return `the conclusion changes at Γ = ${fmtNum(r.gammaChange, 2)}`;
    case "not significant":
      return `not significant even without hidden bias (p ≥ ${r.alpha} at Γ = 1): nothing to explain away`;
    case "beyond search":
      return "the conclusion holds for every Γ up to 10,000";
    default:
      return "no informative pair";
  }
};

/** How the primary hazard ratio is named: clone–censor–weight's HR is the per-protocol HR, a secondary number of that design. */
function primaryHrName(p: NonNullable<SensitivityStepResult["primary"]>): string {
  return p.id === "cloneCensorWeight" ? "the per-protocol hazard ratio of the primary design (clone–censor–weight; a secondary number: the design's primary contrast is the survival difference, for which no E-value is defined)" : "the primary hazard ratio";
}

function eValueBlocks(s: SensitivityStepResult, ctx: SectionContext): ReportBlock[] {
  const e = s.eValue;
  const p = s.primary;
  if (e === null || p === null) return [];
  // a flagged primary estimate (too few events, balance worsened) carries its flag wherever it is used (issue 19 points 2–3)
  const flagText = p.flags !== undefined && p.flags.length > 0 ? msg().causal.estimateFlag(p.flags.map(engineText).join("; ")) : "";
  const ciText = e.ci === null ? "" : e.ci === 1 ? " The confidence interval already contains 1, so its E-value is 1: no confounding is needed to move it to the null." : ` To move the confidence limit closer to 1 to the null, the confounder would need risk ratios of ${fmtNum(e.ci, 2)} with both.`;
  return [
    {
      kind: "text",
      text: `E-value: an unmeasured confounder would need to be associated with both the treatment and the outcome by a risk ratio of at least ${fmtNum(e.point, 2)} each, above the measured covariates, to explain away ${primaryHrName(p)}, ${fmtRatioCi(p.hr, p.lower, p.upper)}.${ciText}${flagText}`,
    },
    ctx.table("sensitivity-evalue", {
      title: titleWithPopulation(`E-value of the primary estimate (${p.label})`, `the primary analysis's patients, n = ${e.n}`),
      headers: [["Quantity", "Value"]],
      rows: [
        ["Hazard ratio (95% CI)", `${fmtRatioCi(p.hr, p.lower, p.upper)}${p.flags !== undefined && p.flags.length > 0 ? `; ${p.flags.map(engineText).join("; ")}` : ""}`],
        [`Cumulative risk at the end of follow-up (1 − Kaplan–Meier, ${e.n} patients)`, pct(e.outcomeRisk)],
        ["Risk ratio used (95% CI)", fmtRatioCi(e.rr.estimate, e.rr.lower, e.rr.upper)],
        ["E-value, estimate", fmtNum(e.point, 2)],
        ["E-value, confidence limit", e.ci === null ? "–" : fmtNum(e.ci, 2)],
      ],
      footnotes: [e.rareRule, "VanderWeele & Ding 2017 (doi:10.7326/M16-2607); VanderWeele 2020 for the hazard-ratio conversion."],
    }),
  ];
}

function rosenbaumBlocks(s: SensitivityStepResult, ctx: SectionContext, unit: string): ReportBlock[] {
  const by = (t: number): string => `Death by ${fmtNum(t, 0)}${unit === "" ? "" : ` ${unit}`}`;
  const r = s.rosenbaum;
  if (r === null) return [];
  const ppw = r.prenticeWilcoxon;
  const blocks: ReportBlock[] = [
    {
      kind: "text",
      text: `Rosenbaum bounds: Γ is how many times more likely one patient of a matched pair could be to receive treatment than the other because of an unmeasured covariate. The upper-bound p-value is the worst case at that Γ. Paired Prentice–Wilcoxon test (one-sided, α = ${ppw.alpha}, "${ppw.direction}"): ${conclusionText(ppw)}.`,
    },
  ];
  if (r.caveat !== null) blocks.push({ kind: "note", text: r.caveat });
  if (r.flag != null) blocks.push({ kind: "note", text: msg().causal.rosenbaumFlag(engineText(r.flag)) });
  const order = r.pairOrder;
  const st = r.statusAt;
  const rows = ppw.rows.map((row, k) => [fmtNum(row.gamma, 2), formatP(row.pUpper), formatP(row.pLower), formatP(order.rows[k].pUpper), st === null ? "–" : formatP(st.rows[k].pUpper)]);
  const pop = `${r.nPairs} PS-matched pairs, n = ${r.n}`;
  blocks.push(
    ctx.table("sensitivity-rosenbaum", {
      title: titleWithPopulation("Rosenbaum bounds for hidden bias in the matched pairs", pop),
      headers: [["Γ", "Prentice–Wilcoxon, upper p", "Prentice–Wilcoxon, lower p", "Pair order (sign test), upper p", st === null ? "Status at a time, upper p" : `${by(st.counts.time)}, upper p`]],
      rows,
      footnotes: [
        `Paired Prentice–Wilcoxon test on censored pairs (O'Brien & Fleming 1987), bounds of Rosenbaum (2002, §4.3–4.4); ${ppw.nInformative} informative pairs; ${conclusionText(ppw)}.`,
        `Pair order: ${order.counts.treatedLonger} pairs in which the treated patient certainly lived longer, ${order.counts.controlLonger} the control, ${order.counts.undetermined} undetermined (censoring); ${conclusionText(order)}.`,
        ...(st === null ? [] : [`${by(st.counts.time)}: ${st.counts.onlyControlDied} pairs in which only the control died, ${st.counts.onlyTreatedDied} only the treated patient, ${st.counts.unknown} with a member censored before; ${conclusionText(st)}.`]),
      ],
    }),
  );
  return blocks;
}

function biasBlocks(s: SensitivityStepResult, ctx: SectionContext): ReportBlock[] {
  const b = s.biasAnalysis;
  if (b === null) return [];
  const pop = `the primary analysis's patients, n = ${b.n}`;
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
  const name = s.primary === null ? "the primary hazard ratio" : primaryHrName(s.primary);
  return [
    {
      kind: "text",
      text: `Bias analysis of ${name}: an unmeasured binary confounder with prevalence p1 among treated and p0 among untreated patients, raising the hazard γ-fold, changes the hazard ratio by the factor B = (1 + (γ − 1)·p1)/(1 + (γ − 1)·p0) (VanderWeele & Arah 2011). ${ciHasNull ? "Its confidence interval already contains 1, so only the prevalences at which the point estimate reaches 1 are shown." : "The table and figure show the prevalences at which the adjusted hazard ratio, or its confidence limit closer to 1, reaches 1."}`,
    },
    ctx.table("sensitivity-bias", {
      title: titleWithPopulation(`Bias analysis: tipping points of the hazard ratio ${fmtRatioCi(b.observed.hr, b.observed.lower, b.observed.upper)}`, pop),
      headers: [["Confounder–outcome HR γ", "Prevalence among untreated p0", "p1 at which the adjusted HR = 1", ...(ciHasNull ? [] : ["p1 at which the CI reaches 1"])]],
      rows,
      footnotes: rows.length === 0 ? ["No confounder on the grid moves the hazard ratio to 1."] : [`Prevalence among treated patients (p1) for each γ and p0 of the grid${skipped > 0 ? `; ${skipped} combinations of γ and p0 for which no p1 between 0% and 100% does it are not listed` : ""}; – : no p1 between 0% and 100% does it.`],
    }),
    ctx.figure({
      id: "sensitivity-bias-contour",
      title: titleWithPopulation(`Bias analysis: prevalences of an unmeasured confounder that would move the hazard ratio to 1`, pop),
      caption: `Lines where the adjusted hazard ratio (solid) ${ciHasNull ? "equals 1 (dashed lines, where a confidence limit equals 1, mark confounding that would make the interval exclude 1: the interval here already contains 1)" : "or its confidence limit closer to 1 (dashed) equals 1"}, per confounder–outcome HR γ. Along the grey diagonal the confounder is equally common in both groups and changes nothing. Population: ${pop}.`,
      svg: biasContourPlot(b, { width: "single" }),
    }),
  ];
}

function negativeControlBlocks(s: SensitivityStepResult, ctx: SectionContext): ReportBlock[] {
  const nc = s.negativeControl;
  if (nc === null) return [];
  const pop = `n = ${nc.n}, ${nc.events} deaths from ${nc.cause.toLowerCase()}`;
  return [
    { kind: "text", text: `Negative-control outcome (${nc.cause.toLowerCase()}): ${nc.interpretation}` },
    ctx.table("sensitivity-negative-control", {
      title: titleWithPopulation(`Negative-control outcome: cause-specific hazard ratio of ${nc.cause.toLowerCase()}`, pop),
      headers: [["Analysis", "HR (95% CI)", "p", "Events"]],
      rows: [[nc.label, fmtRatioCi(nc.hr, nc.lower, nc.upper), nc.p === null ? "–" : formatP(nc.p), String(nc.events)]],
      footnotes: [`Cause-specific hazard (deaths from other causes censored), ${nc.method}${s.primary !== null && s.primary.id === nc.estimateId ? ": the same analysis as the primary" : s.primary !== null ? `: the primary design (${s.primary.label.toLowerCase()}) has no cause-specific version, so the treatment-effect table's ${nc.label} is used` : ""}.`],
    }),
  ];
}

function sampleSizeBlocks(s: SensitivityStepResult, ctx: SectionContext): ReportBlock[] {
  const z = s.sampleSize;
  if (z === null) return [];
  const pop = `patients with complete model covariates, n = ${z.available.n}, ${z.available.events} events`;
  const verdict = z.available.enough
    ? `The ${z.available.n} patients reach the minimum of ${z.n}.`
    : `The ${z.available.n} patients (${z.available.events} events) fall short of the minimum of ${z.n} (about ${fmtNum(z.events, 0)} events): expect the model to be overfitted and its apparent performance to be optimistic.`;
  return [
    { kind: "text", text: `Sample size of the prediction model (Riley et al. 2019, 2020): the smallest number of patients for which a model with ${z.input.parameters} parameters is expected to need little shrinkage, to show little optimism and to estimate the overall risk at ${fmtNum(z.horizon, 0)} precisely. ${verdict}` },
    ctx.table("sensitivity-sample-size", {
      title: titleWithPopulation(`Minimum sample size of the ${z.model}`, pop),
      headers: [["Criterion", "Minimum patients", "Expected events", "Events per parameter", "Shrinkage"]],
      rows: [
        ...z.criteria.map((c) => [c.criterion === "shrinkage" ? "1. Expected shrinkage ≥ target" : c.criterion === "optimism" ? "2. Optimism in Nagelkerke R² ≤ 0.05" : "3. Precise overall risk", String(c.n), fmtNum(c.events, 0), fmtNum(c.epp, 1), fmtNum(c.shrinkage, 3)]),
        ["Minimum (largest of the three)", String(z.n), fmtNum(z.events, 0), fmtNum(z.epp, 1), fmtNum(z.shrinkage, 3)],
      ],
      footnotes: [
        `Anticipated Cox–Snell R² ${fmtNum(z.anticipated.rsquaredAdjusted, 3)}: the fitted model's ${fmtNum(z.anticipated.rsquaredApparent, 3)} (1 − exp(−LR/n)) shrunk by van Houwelingen's factor ${fmtNum(z.anticipated.shrinkageVH, 2)}; largest possible R² ${fmtNum(z.maxRsquared, 2)}.`,
        `Event rate ${fmtNum(z.input.rate, 4)} per unit of follow-up, mean follow-up ${fmtNum(z.input.meanFollowUp, 1)}; overall risk at the horizon ${pct(z.risk.estimate)} (95% CI ${pct(z.risk.lower)}–${pct(z.risk.upper)} at the minimum n).`,
        "As pmsampsize (type \"s\") computes it.",
      ],
    }),
  ];
}

/** The sensitivity section; parts that did not run are listed with their reason. */
export function sensitivitySection(s: SensitivityStepResult, ctx: SectionContext, unit = ""): ReportSection {
  const blocks: ReportBlock[] = [...eValueBlocks(s, ctx), ...rosenbaumBlocks(s, ctx, unit), ...biasBlocks(s, ctx), ...negativeControlBlocks(s, ctx), ...sampleSizeBlocks(s, ctx)];
  const names: Readonly<Record<string, string>> = { eValue: "E-value", rosenbaum: "Rosenbaum bounds", biasAnalysis: "Bias analysis", negativeControl: "Negative-control outcome", sampleSize: "Sample size of the prediction model" };
  if (s.notRun.length > 0) blocks.push({ kind: "note", text: "Not run:" }, { kind: "list", items: s.notRun.map((n) => `${names[n.part] ?? n.part}: ${engineText(n.reason)}`) });
  return { id: "sensitivity", title: msg().section.sensitivity, blocks };
}

/** summary.txt lines of the sensitivity analyses (empty without them). */
export function sensitivitySummaryLines(s: SensitivityStepResult | undefined): string[] {
  if (s === undefined) return [];
  const lines = ["", "Sensitivity to unmeasured confounding:"];
  const p = s.primary;
  if (s.eValue !== null && p !== null) {
    lines.push(`  E-value of the primary ${p.label} (n = ${s.eValue.n}), HR ${fmtRatioCi(p.hr, p.lower, p.upper)}${p.flags !== undefined && p.flags.length > 0 ? ` [${p.flags.join("; ")}]` : ""}: ${fmtNum(s.eValue.point, 2)} (confidence limit: ${s.eValue.ci === null ? "–" : fmtNum(s.eValue.ci, 2)}); ${s.eValue.rareRule}`);
  }
  const r = s.rosenbaum;
  if (r !== null) {
    const ppw = r.prenticeWilcoxon;
    lines.push(`  Rosenbaum bounds (${r.nPairs} matched pairs, n = ${r.n}; paired Prentice–Wilcoxon, one-sided "${ppw.direction}"): p at Γ = 1 ${formatP(ppw.rows[0]?.pUpper ?? Number.NaN)}; ${conclusionText(ppw)}`);
    if (r.caveat !== null) lines.push(`    caveat: ${r.caveat}`);
    if (r.flag != null) lines.push(`    flag: ${r.flag}`);
  }
  const b = s.biasAnalysis;
  if (b !== null) {
    const tips = b.panels.map((x) => {
      const i = b.grid.p0.indexOf(0);
      const t = i >= 0 ? x.tippingHr[i] : null;
      return `γ = ${fmtNum(x.gamma, 2)}: ${t === null ? "no p1 in [0, 1]" : `p1 = ${pct(t)}`}`;
    });
    lines.push(`  bias analysis (n = ${b.n}), prevalence among the treated that moves the HR to 1 when the untreated have none: ${tips.join("; ")}`);
  }
  const nc = s.negativeControl;
  if (nc !== null) lines.push(`  negative control, ${nc.cause.toLowerCase()} (n = ${nc.n}, ${nc.events} events; ${nc.label}): HR ${fmtRatioCi(nc.hr, nc.lower, nc.upper)}. ${nc.interpretation}`);
  const z = s.sampleSize;
  if (z !== null) lines.push(`  Riley minimum sample size for the ${z.model}: ${z.n} patients (${fmtNum(z.events, 0)} events; criteria ${z.criteria.map((c) => c.n).join(", ")}); available ${z.available.n} (${z.available.events} events)${z.available.enough ? "" : ": too few"}`);
  for (const n of s.notRun) lines.push(`  not run: ${n.part}: ${n.reason}`);
  return lines;
}

/** The methods paragraph's sentences on the sensitivity analyses (empty without them). */
export function sensitivityMethodsSentences(s: SensitivityStepResult | undefined, unit = ""): string[] {
  if (s === undefined) return [];
  const m = msg().methods;
  const out: string[] = [m.sensitivityIntro];
  if (s.eValue !== null) out.push(m.eValueRare(s.eValue.options.rare));
  if (s.biasAnalysis !== null) out.push(m.biasAnalysis(s.biasAnalysis.grid.gammas.map((g) => localizeDecimal(String(g))).join(m.numberSep)));
  if (s.rosenbaum !== null) out.push(m.rosenbaum(s.rosenbaum.nPairs, s.rosenbaum.statusAt === null ? "" : m.mcnemar(unit === "" ? fmtNum(s.rosenbaum.statusAt.counts.time, 0) : m.quantity(fmtNum(s.rosenbaum.statusAt.counts.time, 0), m.unit(unit))), localizeDecimal(String(s.rosenbaum.prenticeWilcoxon.alpha))));
  if (s.negativeControl !== null) {
    const same = s.primary !== null && s.primary.id === s.negativeControl.estimateId;
    out.push(m.negativeControl(m.lowerLabels ? s.negativeControl.cause.toLowerCase() : s.negativeControl.cause, same, engineText(s.negativeControl.label), s.primary !== null ? engineText(m.lowerLabels ? s.primary.label.toLowerCase() : s.primary.label) : ""));
  }
  if (s.sampleSize !== null) out.push(m.sampleSize);
  return out;
}
