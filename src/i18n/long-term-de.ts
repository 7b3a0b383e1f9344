/**
 * German texts of one part of the report: Long-term survival and cure, the prediction model, recurrent events and competing risks (src/report/sections-long-term.ts, tables-long-term.ts, sections-prediction-use.ts, the competing-risks section).
 * English reference: src/i18n/long-term-en.ts. Terms as in Dtsch Arztebl / Der Chirurg: kumulative Inzidenz,
 * konkurrierende Risiken (Ereignisse), ursachenspezifische Hazard Ratio, Subdistribution-Hazard-Ratio (Fine-Gray-Modell).
 */
import type { LongTermMessages, LongTermTextId } from "./long-term-en.js";
import type { EngineTemplate } from "./warnings.js";

export const longTermDe: LongTermMessages = {
  crPopulation: (n, endpoint, all) => `${all ? "alle " : ""}${n} Patienten mit Daten zu ${endpoint}${all ? "" : " und vollständigen Daten für diese Analyse"}, n = ${n}`,
  crModelsPopulation: (n, endpoint, all) => `${all ? "alle " : ""}${n} Patienten mit Daten zu ${endpoint}${all ? "" : " und vollständigen Kovariablen"}, n = ${n}`,
  crTableTitle: (by) => `Kumulative Inzidenz konkurrierender Ursachen${by === null ? "" : ` nach ${by}`}`,
  crCause: "Ursache",
  crGroup: "Gruppe",
  crEvents: "Ereignisse",
  crAtTime: (t, unit) => `${t} ${unit}, % (Standardfehler)`,
  crAtLast: "Bei letzter Nachbeobachtung, % (Standardfehler)",
  crGrayP: "p (Gray)",
  crFootAalen: (endpoint, column) => `Aalen-Johansen-Schätzer der kumulativen Inzidenz jeder Ursache von ${endpoint} (Ursachen aus Spalte ${column}), mit Standardfehlern nach Gray, wie cmprsk::cuminc; Patienten ohne Ereignis werden zensiert.`,
  crFootGray: (by, rho) => `p: Gray-Test auf gleiche kumulative Inzidenz ${by === null ? "zwischen den Gruppen" : `nach ${by}`} (rho = ${rho}).`,
  crFewCause: (cause, events) => `${cause} (${events} Ereignisse)`,
  crFootFew: (min, causes) => `‡ Weniger als ${min} Ereignisse der Ursache: ${causes}; der Gray-Test beruht auf einer χ²-Näherung, die so wenige Ereignisse nicht tragen; dieser p-Wert belegt keinen Unterschied.`,
  crGrayAnnotation: (cause, n, p) => `Gray-Test, ${cause} (n = ${n}): ${p}`,
  crTooFew: (events) => `${events} ${events === 1 ? "Ereignis" : "Ereignisse"}: zu wenige für eine Aussage`,
  crPlotTitle: (endpoint) => `${endpoint}: kumulative Inzidenz`,
  crFigureTitle: (endpoint, bias) => `${endpoint}: kumulative Inzidenz nach Ursache${bias}.`,
  crFigureCaption: (by, population, groups) => `Kumulative Inzidenz jeder Ursache (Aalen-Johansen)${by === null ? "" : ` nach ${by}`}; die übrigen Ursachen sind konkurrierende Ereignisse. Population: ${population}${groups === null ? "" : ` (${groups})`}.`,
  crRiskNote: "Zahl unter Risiko: Patienten ohne Ereignis, die noch nachbeobachtet werden.",
  crCutNote: (min) => `Die Kurven enden, wo weniger als ${min} Patienten unter Risiko verbleiben.`,
  crBandNote: "Schattiert: punktweise 95%-Konfidenzbänder (Varianz nach Gray, log(−log)-Transformation).",
  cifYLabel: "Kumulative Inzidenz",
  cifRiskTitle: "Zahl unter Risiko",
  cifTitle: "Kurven der kumulativen Inzidenz",
  cmTitle: "Konkurrierende Ursachen: Regressionsmodelle",
  cmCauseCovariate: "Ursache / Kovariable",
  cmCauseSpecific: "Ursachenspezifische HR (95%-KI)",
  cmSubdistribution: "Subdistribution-HR (95%-KI)",
  cmFootModels:
    "Ursachenspezifische HR: Cox-Modell der Ereignisse dieser Ursache, die übrigen Ursachen zensiert (Effekt auf die Rate dieser Ursache bei den noch ereignisfreien Patienten; survival::coxph). Subdistribution-HR: Fine-Gray-Modell (Effekt auf die kumulative Inzidenz der Ursache; cmprsk::crr, robuster Standardfehler).",
  cmFootRefused: (floor) => `Nicht geschätzt: Eine Ursache mit weniger als ${floor} Ereignissen pro Modellparameter wird nicht modelliert (analyses.safeguards.epvFloor).`,
};

/** German templates of the engine texts of this part (LONG_TERM_PATTERNS). */
export const longTermTextsDe: Readonly<Record<LongTermTextId, EngineTemplate>> = {};
