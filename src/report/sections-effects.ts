/**
 * The report's "Treatment effect" section: the table of treatment-effect estimates (with their
 * estimands, variance estimators and warning marks), the forest plot, and the immortal-time caveat.
 */
import type { TreatmentEffectsResult } from "../causal/effect.js";
import type { EffectsStepResult } from "../study/effects-step.js";
import type { ReportBlock, ReportSection } from "./html.js";
import { forestPlot } from "./plots/forest.js";
import { effectsTable, type EffectRowView } from "./tables.js";
import { fromPath, type StudySectionContext } from "./report-context.js";

/** The treatment-effect rows as the report shows them. */
export function effectRows(effects: TreatmentEffectsResult): EffectRowView[] {
  return effects.estimates.map((e) => ({
    analysis: e.label,
    hr: e.hr,
    lower: e.lower,
    upper: e.upper,
    p: e.p,
    n: e.n,
    events: e.nEvents,
    estimand: e.estimandLabel,
    eValue: e.eValue,
    bootstrap: e.bootstrap,
    note: e.notEstimable,
  }));
}

export function effectsSection(effects: EffectsStepResult, ctx: StudySectionContext): ReportSection {
  const { table, figure, marks, withMark } = ctx;
  const rows = effectRows(effects).map((x, i) => ({ ...x, mark: marks((it) => it.section === "effects" && fromPath(`analyses.effects.estimates[${i}]`)(it)) }));
  const et = effectsTable(rows, { confLevel: effects.options.confLevel, footnotes: effects.estimates.map((e) => `${e.label}: ${e.method}; ${e.variance}${e.estimandDescription ? `; estimand: ${e.estimandDescription}` : ""}.`) });
  const blocks: ReportBlock[] = [table("effects", { ...et, title: withMark(et.title, marks((it) => it.section === "effects" && fromPath("analyses.effects", true)(it))) })];
  // the mark first: a long label is shortened before its final "(estimand)", which stays whole
  const forest = rows.map((x) => ({ label: x.mark === "" ? x.analysis : `${x.mark} ${x.analysis}`, estimate: x.hr, lower: x.lower, upper: x.upper, p: x.p, ...(x.note ? { text: "not estimable" } : {}) }));
  if (forest.some((f) => f.estimate !== null)) blocks.push(figure({ id: "forest-effects", title: "Treatment effect.", caption: "Hazard ratio of treatment by analysis, log scale.", svg: forestPlot({ rows: forest }, { title: "Treatment effect", width: "double" }) }));
  if (effects.immortalTimeCaveat) blocks.push({ kind: "note", text: effects.immortalTimeCaveat });
  return { id: "effects", title: "Treatment effect", blocks };
}
