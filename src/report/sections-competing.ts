/**
 * The report's competing-risks section (`analyses.competingRisks`): the cumulative incidence table by cause
 * (and group), the Aalen–Johansen figure with Gray's tests, and the cause-specific / Fine–Gray models table.
 * Renders the study result only (src/study/competing-step.ts); figure options come from src/report/cif-figure.ts.
 */
import type { StudyResults } from "../study/run.js";
import type { CompetingStepResult } from "../study/competing-step.js";
import type { ReportTable } from "./csv.js";
import type { ReportBlock, ReportFigure, ReportSection } from "./html.js";
import { cifPlot } from "./plots/cif.js";
import { cifFigureStyle } from "./cif-figure.js";
import { timeUnit } from "./report-context.js";
import { competingRisksTable, grayP } from "./tables.js";
import { causeModelsTable } from "./tables-long-term.js";
import { endpointPopulation, titleWithPopulation } from "./population.js";
import { msg } from "../i18n/messages.js";

/** What the section needs from the study-level builder (render.ts). */
export interface CompetingSectionContext {
  readonly r: StudyResults;
  readonly table: (id: string, t: ReportTable) => ReportBlock;
  readonly figure: (f: ReportFigure) => ReportBlock;
  /** Display label of the treatment. */
  readonly treatmentLabel: string;
  /** Level labels of a column from the spec's `labels`. */
  readonly groupLabels: (column: string | undefined) => Readonly<Record<string, string>> | undefined;
  /** The label that marks a comparison by treatment ever received from the origin ("" when it is not biased). */
  readonly biasLabel: string;
}

export function competingRisksSection(cr: CompetingStepResult, ctx: CompetingSectionContext): ReportSection {
  const { r, table, figure, treatmentLabel, groupLabels } = ctx;
  const ep = r.endpoints.find((e) => e.name === cr.endpoint);
  const by = cr.by === "treatment" ? treatmentLabel : cr.by;
  const causeLabels: Record<number, string> = {};
  for (let k = 0; k < cr.causeLabels.length; k++) causeLabels[k + 1] = cr.causeLabels[k];
  // what each p is: Gray's test of the cause by group, on the figure's patients (n), with a caveat under 5 events
  const annotation = (cr.tests ?? []).map((t) => `Gray's test, ${causeLabels[t.cause] ?? `cause ${t.cause}`} (n = ${cr.n}): ${grayP(cr, t.cause, t.p)}`);
  const crPop = endpointPopulation(cr.n, ep);
  const crt = competingRisksTable({ ...cr, by }, groupLabels(cr.by));
  const crBias = ctx.biasLabel === "" ? "" : `, ${ctx.biasLabel}`;
  const blocks: ReportBlock[] = [table("competing-risks", { ...crt, title: titleWithPopulation(`${crt.title}${crBias}`, crPop) })];
  if (cr.curves.length > 0) {
    // figure options, numbers at risk and CI bands as the KM figure (src/report/cif-figure.ts)
    const style = cifFigureStyle(r, cr);
    const svg = cifPlot(cr, { width: "double", ...style.options, timeUnit: timeUnit(cr.unit), causeLabels, annotation, title: `${ep?.label ?? cr.endpoint}: cumulative incidence` });
    blocks.push(figure({ id: "cif", title: `${ep?.label ?? cr.endpoint}: cumulative incidence by cause${crBias}.`, caption: `Aalen–Johansen cumulative incidence of each cause${by ? ` by ${by}` : ""}; the other causes are competing events. Population: ${crPop}${cr.curves.length > 1 ? ` (${[...new Map(cr.curves.map((c) => [c.group ?? c.name, c.n])).entries()].map(([g, n]) => `${g}: ${n}`).join(", ")})` : ""}.${style.notes.map((x) => ` ${x}`).join("")}`, svg }));
  }
  const models = causeModelsTable(cr);
  const mn = cr.models[0]?.fineGray?.n;
  if (models) blocks.push(table("competing-models", mn === undefined ? models : { ...models, title: titleWithPopulation(models.title, endpointPopulation(mn, ep, "complete covariates")) }));
  return { id: "competing-risks", title: msg().section.competingRisks, blocks };
}
