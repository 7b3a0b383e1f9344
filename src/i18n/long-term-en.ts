/**
 * English texts of one part of the report: Long-term survival and cure, the prediction model, recurrent events and competing risks (src/report/sections-long-term.ts, tables-long-term.ts, sections-prediction-use.ts, the competing-risks section).
 * The reference for long-term-de.ts and long-term-ja.ts (their type is this object's). Engine texts of this part (warnings,
 * notes, reasons the engines emit in English) are patterns in `LONG_TERM_PATTERNS`, appended to the catalogue of
 * src/i18n/warnings-en.ts after its own patterns (the first pattern that matches a whole text wins).
 */
import { re } from "./warnings-en-re.js";

export const longTermEn = {
  // ---- competing risks (src/report/sections-competing.ts, cif-figure.ts, plots/cif.ts)
  /** The population of the competing-risks analysis: all patients with the endpoint's data, or those of the analysis. */
  crPopulation: (n: string, endpoint: string, all: boolean): string => `${all ? "all " : ""}${n} patients with ${endpoint.toLowerCase()} data${all ? "" : " and complete data for this analysis"}, n = ${n}`,
  crModelsPopulation: (n: string, endpoint: string, all: boolean): string => `${all ? "all " : ""}${n} patients with ${endpoint.toLowerCase()} data${all ? "" : " and complete covariates"}, n = ${n}`,
  crTableTitle: (by: string | null): string => `Cumulative incidence of competing causes${by === null ? "" : ` by ${by}`}`,
  crCause: "Cause",
  crGroup: "Group",
  crEvents: "Events",
  crAtTime: (t: string, unit: string): string => `${t} ${unit}, % (SE)`,
  crAtLast: "At last follow-up, % (SE)",
  crGrayP: "Gray's p",
  crFootAalen: (endpoint: string, column: string): string => `Aalen–Johansen estimates of the cumulative incidence of each cause of ${endpoint} (causes from column ${column}), with Gray's standard errors, as cmprsk::cuminc; patients without an event are censored.`,
  crFootGray: (by: string | null, rho: string): string => `p: Gray's test of equal cumulative incidence across ${by ?? "groups"} (rho = ${rho}).`,
  crFewCause: (cause: string, events: string): string => `${cause} (${events} events)`,
  crFootFew: (min: string, causes: string): string => `‡ Fewer than ${min} events of the cause: ${causes}; Gray's test rests on a χ² approximation that so few events do not support, so this p is not evidence of a difference.`,
  crGrayAnnotation: (cause: string, n: string, p: string): string => `Gray's test, ${cause} (n = ${n}): ${p}`,
  crTooFew: (events: number): string => `${events} event${events === 1 ? "" : "s"}: too few to rely on`,
  crPlotTitle: (endpoint: string): string => `${endpoint}: cumulative incidence`,
  crFigureTitle: (endpoint: string, bias: string): string => `${endpoint}: cumulative incidence by cause${bias}.`,
  crFigureCaption: (by: string | null, population: string, groups: string | null): string => `Aalen–Johansen cumulative incidence of each cause${by === null ? "" : ` by ${by}`}; the other causes are competing events. Population: ${population}${groups === null ? "" : ` (${groups})`}.`,
  crRiskNote: "Numbers at risk: patients free of any event and still followed.",
  crCutNote: (min: string): string => `Curves end where fewer than ${min} patients remain at risk.`,
  crBandNote: "Shaded: pointwise 95% confidence bands (Gray's variance, log(−log) transform).",
  cifYLabel: "Cumulative incidence",
  cifRiskTitle: "Number at risk",
  cifTitle: "Cumulative incidence curves",
  cmTitle: "Competing causes: regression models",
  cmCauseCovariate: "Cause / covariate",
  cmCauseSpecific: "Cause-specific HR (95% CI)",
  cmSubdistribution: "Subdistribution HR (95% CI)",
  cmFootModels:
    "Cause-specific HR: Cox model of the cause's events with the other causes censored (effect on the rate of that cause among those still event-free; survival::coxph). Subdistribution HR: Fine–Gray model (effect on the cumulative incidence of the cause; cmprsk::crr, robust SE).",
  cmFootRefused: (floor: string): string => `Not estimated: a cause with fewer than ${floor} events per model parameter is not modelled (analyses.safeguards.epvFloor).`,
  // ---- recurrent events (sections-long-term.ts recurrentSection, tables-long-term.ts, plots/mcf.ts)
  recGl: (name: string, mu: string, lower: string, upper: string, time: string, unit: string, nRisk: string): string => `${name}${mu} per patient (95% CI ${lower}–${upper}) by ${time} ${unit} (${nRisk} patients still at risk)`,
  recNaive: (name: string, v: string, time: string, unit: string): string => `${name}${v} by ${time} ${unit}`,
  recNotQuoted: (min: string): string => `not quoted (fewer than ${min} patients at risk at every event time)`,
  recIntro: (events: string, label: string, patients: string, terminal: string, min: string, quotes: string): string =>
    `${events} ${label.toLowerCase()} events in ${patients} patients. Mean number per patient with ${terminal} as a terminal event (Ghosh–Lin; no events after ${terminal}; robust CI), read at the last event time with at least ${min} patients at risk: ${quotes}. `,
  recNaiveIntro: (terminal: string, quotes: string): string => `For comparison only, the mean cumulative function that treats ${terminal} as censoring (the rate in a world without ${terminal}, which overstates the burden when ${terminal} is common), at the same time: ${quotes}.`,
  recFromOperation: (population: string, column: string | null, terminal: string): string => `Population: ${population}. Time 0 is the index operation${column === null ? "" : ` (${column})`}; the events are the operations after it, and follow-up ends at ${terminal} or the last contact.`,
  recIndexCounted: (column: string): string => `The index operation (${column}) is counted as an event: patients without it have none by construction, so groups by treatment differ by definition.`,
  recIndexNotCounted: (column: string): string => `The index operation (${column}) is not counted: the events are the operations after it. Repeat operations only follow a first one, so patients without it have none by construction.`,
  recPopulation: (who: string | null, n: string, endpoint: string, events: string): string => `${who === null ? `${n} patients` : `${n} ${who}`} followed for ${endpoint.toLowerCase()}, n = ${n}, ${events} events`,
  recNaiveName: (terminal: string): string => `naive (${terminal} censored)`,
  recYLabel: "Mean number of events per patient",
  recPlotTitle: (label: string): string => `${label}: mean number of events`,
  recFigureTitle: (label: string): string => `${label}: mean number of events per patient.`,
  recFigureCaption: (by: string | null, terminal: string, cut: string | null, population: string): string =>
    `Ghosh–Lin mean number of events${by === null ? "" : ` by ${by}`} with ${terminal} as a terminal event (as mets::recurrentMarginal), 95% CIs from the robust variance; the naive mean cumulative function that censors at ${terminal} is drawn without CIs for comparison only. Under observation: patients alive and still followed, the same for both estimates.${cut === null ? "" : ` Curves end where fewer than ${cut} patients remain under observation.`} Population: ${population}.`,
  mcfRiskTitle: "Under observation",
  mcfTitle: "Mean cumulative function",
  rcTitle: (label: string): string => `${label}: events per patient`,
  rcEvents: "Events",
  rcPatients: "Patients",
  rcFoot: (columns: string, index: string | null): string => `From columns ${columns}${index === null ? "" : ` (${index}, the index operation, not counted)`}.`,
  rmTitle: (label: string): string => `${label}: recurrent-event models`,
  rmCovariate: "Covariate",
  rmHr: (model: string): string => `${model}: HR (95% CI)`,
  rmFootFollowUp: (events: string, patients: string, fromOperation: boolean, endpoint: string): string => `${events} events in ${patients} patients, follow-up from ${fromOperation ? "the index operation" : `the origin of ${endpoint}`} to its event or censoring. Robust (sandwich) variance clustered on the patient.`,
  rmFootModel: (model: string, call: string, kind: "ag" | "pwp-total" | "pwp-gap"): string =>
    `${model}: ${call}${kind === "ag" ? " — all events share one baseline hazard (rate ratio)" : kind === "pwp-total" ? " — the k-th event's risk set holds patients with k − 1 events, time since the origin" : " — the k-th event's risk set holds patients with k − 1 events, time since the previous event"}.`,
};

export type LongTermMessages = typeof longTermEn;

/** [id, pattern] of the engine texts of this part. */
export const LONG_TERM_PATTERNS = [
  // who an analysis of this part is fitted to (src/study/cure-population.ts, prediction-population.ts, recurrent-step.ts)
  ["ltPopulationFromTreatment", re(String.raw`(?<kind>treated|untreated) patients \((?<arm>.+)\) from the date of treatment`)],
  ["ltPopulationArm", re(String.raw`(?<kind>treated|untreated) patients \((?<arm>.+)\)`)],
  ["ltPopulationAllOrigin", re(String.raw`all patients from the endpoint's origin`)],
  ["ltPopulationAll", re(String.raw`all patients`)],
  // the terminal event of the recurrent-events analysis (recurrent-step.ts terminalLabel)
  ["ltTerminalDeath", re(String.raw`death`)],
  ["ltTerminalEvent", re(String.raw`the event of (?<ep>.+)`)],
] as const satisfies readonly (readonly [string, RegExp])[];

export type LongTermTextId = (typeof LONG_TERM_PATTERNS)[number][0];
