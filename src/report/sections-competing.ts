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
import { figureAnnotation, timeUnit } from "./report-context.js";
import { pPhrase } from "./number-format.js";
import { timeSinceOrigin, xLabelOption } from "./time-since.js";
import { causeEvents, competingRisksTable, fmtNum, GRAY_MIN_EVENTS } from "./tables.js";
import { formatP } from "./table1.js";
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

/** Gray's test p of cause k as the figure prints it, with a caveat under GRAY_MIN_EVENTS events (as tables.ts grayP). */
function grayText(cr: CompetingStepResult, k: number, p: number): string {
  const e = causeEvents(cr, k);
  const text = `${/^[<>]/.test(formatP(p)) ? "p " : "p = "}${formatP(p)}`;
  return e < GRAY_MIN_EVENTS ? `${text} (${msg().longTerm.crTooFew(e)})` : text;
}

/** The population in words (as population.ts endpointPopulation, in the report's language). */
function population(n: number, ep: StudyResults["endpoints"][number] | undefined, models: boolean): string {
  if (ep === undefined) return endpointPopulation(n, ep);
  const t = msg().longTerm;
  return (models ? t.crModelsPopulation : t.crPopulation)(String(n), ep.label, n === ep.n);
}

/** The cumulative incidence table of tables.ts with its title, headers and footnotes in the report's language. */
function localTable(cr: CompetingStepResult, crt: ReportTable, by: string | undefined, endpointLabel: string): ReportTable {
  const t = msg().longTerm;
  const times = cr.options.times;
  const grouped = cr.groups.length > 1 || cr.by !== undefined;
  const causeName = (k: number): string => cr.causeLabels[k - 1] ?? `Cause ${k}`;
  // the endpoint and the causes by their labels, not the endpoint's key and the cause column (referee B1)
  const footnotes = [t.crFootAalen(endpointLabel, cr.causeLabels.join(", "))];
  if (cr.tests !== null) footnotes.push(t.crFootGray(by ?? null, String(cr.options.rho)));
  const few = (cr.tests ?? []).filter((x) => causeEvents(cr, x.cause) < GRAY_MIN_EVENTS).map((x) => t.crFewCause(causeName(x.cause), String(causeEvents(cr, x.cause))));
  if (few.length > 0) footnotes.push(t.crFootFew(String(GRAY_MIN_EVENTS), few.join(", ")));
  const timeHeaders = times !== null ? times.map((x) => t.crAtTime(fmtNum(x, x % 1 === 0 ? 0 : 1), msg().unit(cr.unit))) : [t.crAtLast];
  return {
    ...crt,
    title: t.crTableTitle(by ?? null),
    headers: [[t.crCause, ...(grouped ? [t.crGroup] : []), "n", t.crEvents, ...timeHeaders, ...(cr.tests !== null ? [t.crGrayP] : [])]],
    footnotes,
  };
}

export function competingRisksSection(cr: CompetingStepResult, ctx: CompetingSectionContext): ReportSection {
  const { r, table, figure, treatmentLabel, groupLabels } = ctx;
  const t = msg().longTerm;
  const ep = r.endpoints.find((e) => e.name === cr.endpoint);
  const by = cr.by === "treatment" ? treatmentLabel : cr.by;
  const causeLabels: Record<number, string> = {};
  for (let k = 0; k < cr.causeLabels.length; k++) causeLabels[k + 1] = cr.causeLabels[k];
  // what each p is: Gray's test of the cause by group, on the figure's patients (n), with a caveat under 5 events
  // (on a single-column figure "Sarcoma: Gray p = 0.65" with a mark, the full line in the caption)
  const grays = (cr.tests ?? []).map((x) => ({ text: t.crGrayAnnotation(causeLabels[x.cause] ?? `cause ${x.cause}`, String(cr.n), grayText(cr, x.cause, x.p)), short: msg().plot.grayShort(causeLabels[x.cause] ?? `cause ${x.cause}`, pPhrase(x.p)) }));
  // groups by treatment ever received: the tests carry the table's immortal-time label, in the SVG itself (issue 19)
  const single = r.spec.figures?.size === "single";
  const ann = figureAnnotation(ctx.biasLabel === "" ? grays : [...grays, { text: msg().report.figureImmortalBias, short: msg().plot.biasedShort }], single);
  const crPop = population(cr.n, ep, false);
  const crt = localTable(cr, competingRisksTable({ ...cr, by }, groupLabels(cr.by)), by, ep?.label ?? cr.endpoint);
  const crBias = ctx.biasLabel === "" ? "" : `${msg().methods.listSep}${ctx.biasLabel}`;
  const blocks: ReportBlock[] = [table("competing-risks", { ...crt, title: titleWithPopulation(`${crt.title}${crBias}`, crPop) })];
  if (cr.curves.length > 0) {
    // figure options, numbers at risk and CI bands as the KM figure (src/report/cif-figure.ts)
    const style = cifFigureStyle(r, cr);
    const svg = cifPlot(cr, { width: "double", ...style.options, timeUnit: timeUnit(cr.unit), ...xLabelOption(timeSinceOrigin(r, cr.endpoint, cr.unit)), causeLabels, annotation: ann.lines, ...(single ? { annotationSize: "small" as const } : {}), title: t.crPlotTitle(ep?.label ?? cr.endpoint) });
    const groups = cr.curves.length > 1 ? [...new Map(cr.curves.map((c) => [c.group ?? c.name, c.n])).entries()].map(([g, n]) => `${groupLabels(cr.by)?.[g] ?? g}: ${n}`).join(", ") : null;
    blocks.push(figure({ id: "cif", title: t.crFigureTitle(ep?.label ?? cr.endpoint, crBias), caption: `${t.crFigureCaption(by ?? null, crPop, groups)}${[ann.key, ...style.notes].filter((x) => x !== "").map((x) => ` ${x}`).join("")}`, svg }));
  }
  const models = causeModelsTable(cr);
  const mn = cr.models[0]?.fineGray?.n;
  if (models) blocks.push(table("competing-models", mn === undefined ? models : { ...models, title: titleWithPopulation(models.title, population(mn, ep, true)) }));
  return { id: "competing-risks", title: msg().section.competingRisks, blocks };
}
