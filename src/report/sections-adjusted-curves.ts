/**
 * The adjusted survival curves that lead the report's "Treatment effect" section (`analyses.adjustedCurves`):
 * the g-formula curves of both arms as a figure (standardised over the study population, or the treated for the
 * ATT), then one table of survival per arm, difference and ratio at each time for each estimator (g-formula,
 * IPTW, AIPW), and the RMST difference. Renders the study result only (src/study/adjusted-curves-step.ts).
 */
import type { AdjustedCurvesStepResult } from "../study/adjusted-curves-step.js";
import type { ContrastEstimator } from "../causal/survival-contrasts/index.js";
import type { ReportBlock, ReportSection } from "./html.js";
import { kmPlot } from "./plots/km.js";
import type { StudySectionContext } from "./report-context.js";
import { fmtNum } from "./tables.js";
import { msg } from "../i18n/messages.js";
import type { DataSupport } from "../study/beyond-data.js";

const NAME: Record<ContrastEstimator, string> = { gformula: "G-formula (Cox standardisation)", iptw: "IPTW with censoring weights", aipw: "AIPW (doubly robust)" };

const pct = (x: number): string => fmtNum(100 * x, 1);
const ciPct = (e: { estimate: number; lower: number; upper: number }): string => `${pct(e.estimate)} (${pct(e.lower)} to ${pct(e.upper)})`;
const ciRatio = (e: { estimate: number; lower: number; upper: number }): string => `${fmtNum(e.estimate, 2)} (${fmtNum(e.lower, 2)} to ${fmtNum(e.upper, 2)})`;

/** The figure and the contrasts table (blocks that can lead another section). */
export function adjustedCurvesBlocks(res: AdjustedCurvesStepResult, ctx: StudySectionContext): ReportBlock[] {
  const unit = ctx.r.endpoints.find((x) => x.name === res.endpoint)?.unit;
  const cl = `${Math.round(100 * res.options.confLevel)}% CI`;
  const population = res.options.estimand === "ATT" ? "the treated patients" : "all patients";
  const blocks: ReportBlock[] = [];
  const c = res.curve;
  if (c !== undefined) {
    const zeros = c.time.map(() => 0);
    const stratum = (name: string, surv: readonly number[]) => ({ name, time: c.time, surv, nRisk: zeros, nEvent: zeros, nCensor: zeros });
    const svg = kmPlot(
      { strata: [stratum(res.groups.untreated, c.untreated), stratum(res.groups.treated, c.treated)] },
      { timeUnit: ctx.timeUnit(unit), width: "double", riskTable: false, censorMarks: false, title: "Adjusted survival curves", labels: [`${ctx.treatmentLabel}: ${res.groups.untreated}`, `${ctx.treatmentLabel}: ${res.groups.treated}`] },
    );
    const bias = res.biasedByDesign === null ? "" : ` Treatment happened after the origin: this comparison is biased by design (${res.biasedByDesign}).`;
    blocks.push(
      ctx.figure({
        id: "adjusted-curves",
        title: "Adjusted survival curves.",
        caption: `Survival if ${population} had been treated (${res.groups.treated}) or not (${res.groups.untreated}): the Cox model of treatment and ${res.covariates.length} covariate terms, averaged over ${population} (g-formula, ${res.options.estimand}).${bias}`,
        svg,
      }),
    );
  }
  const rows: string[][] = [];
  // beyond the data (src/study/beyond-data.ts): a group with fewer than figures.minAtRisk unweighted patients at risk
  const supportAt = (t: number): DataSupport | undefined => res.support?.at.find((x) => x.time === t);
  const beyond = new Map<string, DataSupport>();
  const off = (s: DataSupport | null | undefined, g: 0 | 1 | null): boolean => s != null && (g === null ? s.beyondData : s.minAtRisk > 0 && s.nRiskUnweighted[g] < s.minAtRisk);
  for (const e of res.estimates) {
    for (const a of e.at) {
      const s = supportAt(a.time);
      if (s !== undefined && s.beyondData) beyond.set(fmtNum(a.time, 1), s);
      rows.push([
        `${NAME[e.estimator]} (${e.estimand})`,
        fmtNum(a.time, 1),
        off(s, 0) ? "–" : ciPct(a.survival.untreated),
        off(s, 1) ? "–" : ciPct(a.survival.treated),
        off(s, null) ? "– (beyond the data)" : ciPct(a.difference),
        off(s, null) ? "–" : ciRatio(a.ratio),
      ]);
    }
    if (e.rmst) {
      const r = e.rmst;
      const s = res.support?.tau;
      if (s != null && s.beyondData) beyond.set(`RMST up to ${fmtNum(r.tau, 1)}`, s);
      rows.push([
        `${NAME[e.estimator]} (${e.estimand}): RMST up to ${fmtNum(r.tau, 1)}`,
        "",
        off(s, 0) ? "–" : fmtNum(r.untreated.estimate, 1),
        off(s, 1) ? "–" : fmtNum(r.treated.estimate, 1),
        off(s, null) ? "– (beyond the data)" : `${fmtNum(r.difference.estimate, 1)} (${fmtNum(r.difference.lower, 1)} to ${fmtNum(r.difference.upper, 1)})`,
        "",
      ]);
    }
  }
  const beyondNote =
    beyond.size === 0
      ? []
      : [
          `– (beyond the data): not shown where a group has fewer than ${[...beyond.values()][0].minAtRisk} patients at risk (unweighted), where the figures end the curves (figures.minAtRisk): ${[...beyond.entries()].map(([t, s]) => `${t}: ${s.nRiskUnweighted[0]} ${res.groups.untreated}, ${s.nRiskUnweighted[1]} ${res.groups.treated}`).join("; ")}. results.json keeps the numbers (adjustedCurves.support).`,
        ];
  blocks.push(
    ctx.table("adjusted-contrasts", {
      title: `Adjusted survival and absolute treatment effect (${res.n} patients, ${res.nEvent} events)`,
      headers: [["Estimator", `Time${unit ? ` (${unit})` : ""}`, `Survival, ${res.groups.untreated} % (${cl})`, `Survival, ${res.groups.treated} % (${cl})`, `Difference, points (${cl})`, `Ratio (${cl})`]],
      rows,
      footnotes: [
        "Difference = treated minus untreated survival in percentage points; ratio = treated / untreated survival (CI on the log scale). RMST rows: restricted mean survival time in the endpoint's unit and its difference.",
        "SEs from influence functions that account for fitting the outcome Cox model, the logistic propensity model and the Cox censoring model (riskRegression::ate); Breslow ties.",
        ...res.estimates.flatMap((e) =>
          e.band === undefined
            ? []
            : [
                `${NAME[e.estimator]}: simultaneous ${fmtNum(100 * e.band.confLevel, 0)}% bands over the ${e.at.length} times (estimate ± q·SE at every time at once; q from ${e.band.nsim} seeded Gaussian multiplier simulations of the sup of the standardised influence process, seed ${e.band.seed}, as riskRegression's band = TRUE): q = ${fmtNum(e.band.quantile.untreated, 2)} (${res.groups.untreated}), ${fmtNum(e.band.quantile.treated, 2)} (${res.groups.treated}), ${fmtNum(e.band.quantile.difference, 2)} (difference); ${e.band.at.map((b) => `at ${fmtNum(b.time, 1)}: difference ${fmtNum(100 * b.difference.lower, 1)} to ${fmtNum(100 * b.difference.upper, 1)} points`).join("; ")}.`,
              ],
        ),
        ...(res.biasedByDesign === null ? [] : [`Biased by design (${res.biasedByDesign}): patients are compared by treatment ever received from the origin.`]),
        ...beyondNote,
      ],
    }),
  );
  return blocks;
}

/** As its own section, when the study has no treatment-effect table to lead. */
export function adjustedCurvesSection(res: AdjustedCurvesStepResult, ctx: StudySectionContext): ReportSection {
  return { id: "adjusted-curves", title: msg().section.adjustedCurves, blocks: adjustedCurvesBlocks(res, ctx) };
}
