/**
 * English texts of one part of the report: Long-term survival and cure, the prediction model, recurrent events and competing risks (src/report/sections-long-term.ts, tables-long-term.ts, sections-prediction-use.ts, the competing-risks section).
 * The reference for long-term-de.ts and long-term-ja.ts (their type is this object's). Engine texts of this part (warnings,
 * notes, reasons the engines emit in English) are patterns in `LONG_TERM_PATTERNS`, appended to the catalogue of
 * src/i18n/warnings-en.ts after its own patterns (the first pattern that matches a whole text wins).
 */
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
};

export type LongTermMessages = typeof longTermEn;

/** [id, pattern] of the engine texts of this part. */
export const LONG_TERM_PATTERNS = [
  // ["someId", re(String.raw`text with (?<n>{N}) groups`)], with `re` from ./warnings-en-re.js
] as const satisfies readonly (readonly [string, RegExp])[];

export type LongTermTextId = (typeof LONG_TERM_PATTERNS)[number][0];
