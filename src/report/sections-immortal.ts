/**
 * The report's "Immortal time" section: why the section exists, the treatment hazard ratio by
 * approach (naive, time-dependent, landmark), the Simon–Makuch and landmark figures.
 */
import type { ImmortalTimeResult } from "../study/immortal-time-step.js";
import type { ReportBlock, ReportSection } from "./html.js";
import { fmtNum, fmtRatioCi } from "./tables.js";
import { formatP } from "./table1.js";
import { kmFigure, type StudySectionContext } from "./report-context.js";

interface HrModel {
  readonly terms: readonly { readonly hr: number | null; readonly lower: number | null; readonly upper: number | null; readonly p: number | null }[];
  readonly n: number;
  readonly nEvent: number;
}

export function immortalTimeSection(it: ImmortalTimeResult, ctx: StudySectionContext): ReportSection {
  const { table, figure, marks, withMark } = ctx;
  const blocks: ReportBlock[] = [{ kind: "note", text: it.explanation }];
  blocks.push({ kind: "text", text: `${it.treatedWithDate} treated patients have a treatment date; median time from origin to treatment ${it.medianWait === null ? "–" : `${fmtNum(it.medianWait, 1)} ${it.unit}`}.` });
  const hrRow = (label: string, cox: HrModel, note: string): string[] => {
    const t = cox.terms[0];
    return [label, t === undefined ? "–" : fmtRatioCi(t.hr, t.lower, t.upper), t === undefined ? "" : formatP(t.p), String(cox.n), String(cox.nEvent), note];
  };
  const rows: string[][] = [hrRow("Naive (treatment as known at baseline)", it.naive.cox, it.naive.note)];
  if (it.timeDependent) rows.push(hrRow("Time-dependent treatment", it.timeDependent.cox, `counting process, ${it.timeDependent.intervals} intervals`));
  if (it.landmark) rows.push(hrRow(withMark(`Landmark at ${fmtNum(it.landmark.time, 1)} ${it.unit}`, marks((w) => w.section === "immortal-time" && w.text.includes("landmark"))), it.landmark.cox, `${it.landmark.n} alive at the landmark, ${it.landmark.excluded} excluded`));
  blocks.push(table("immortal-time", { title: "Immortal time: treatment hazard ratio by approach", headers: [["Approach", "HR (95% CI)", "p", "n", "Events", "Note"]], rows, footnotes: ["Cox models of the treatment alone. The naive estimate is biased in favour of the treatment (immortal time); it is kept for contrast."] }));
  if (it.timeDependent) blocks.push(figure(kmFigure("simon-makuch", "Simon–Makuch plot", it.timeDependent.simonMakuch, it.unit, [], "Survival by treatment as a time-dependent covariate (patients move to the treated curve at their treatment date).")));
  if (it.landmark) blocks.push(figure(kmFigure("km-landmark", `Landmark analysis at ${fmtNum(it.landmark.time, 1)} ${it.unit}`, it.landmark.km, it.unit, [`Log-rank p = ${formatP(it.landmark.logrank.p)}`], "Kaplan–Meier estimates from the landmark among patients alive then, by treatment received before it.")));
  return { id: "immortal-time", title: "Immortal time", blocks };
}
