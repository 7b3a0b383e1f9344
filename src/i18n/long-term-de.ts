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
  recGl: (name, mu, lower, upper, time, unit, nRisk) => `${name}${mu} pro Patient (95%-KI ${lower}–${upper}) bis ${time} ${unit} (${nRisk} Patienten noch unter Risiko)`,
  recNaive: (name, v, time, unit) => `${name}${v} bis ${time} ${unit}`,
  recNotQuoted: (min) => `nicht angegeben (zu jedem Ereigniszeitpunkt weniger als ${min} Patienten unter Risiko)`,
  recIntro: (events, label, patients, terminal, min, quotes) =>
    `${events} Ereignisse (${label}) bei ${patients} Patienten. Mittlere Anzahl pro Patient mit ${terminal} als terminalem Ereignis (Ghosh-Lin; keine Ereignisse nach ${terminal}; robustes KI), abgelesen zum letzten Ereigniszeitpunkt mit mindestens ${min} Patienten unter Risiko: ${quotes}. `,
  recNaiveIntro: (terminal, quotes) => `Nur zum Vergleich die mittlere kumulative Funktion, die ${terminal} als Zensierung behandelt (die Rate in einer Welt ohne ${terminal}, die die Last überschätzt, wenn ${terminal} häufig ist), zum selben Zeitpunkt: ${quotes}.`,
  recFromOperation: (population, column, terminal) => `Population: ${population}. Zeitpunkt 0 ist die Indexoperation${column === null ? "" : ` (${column})`}; Ereignisse sind die folgenden Operationen, die Nachbeobachtung endet mit ${terminal} oder dem letzten Kontakt.`,
  recIndexCounted: (column) => `Die Indexoperation (${column}) wird als Ereignis gezählt: Patienten ohne sie haben konstruktionsbedingt keines, daher unterscheiden sich Gruppen nach Behandlung per Definition.`,
  recIndexNotCounted: (column) => `Die Indexoperation (${column}) wird nicht gezählt: Ereignisse sind die folgenden Operationen. Folgeoperationen gibt es nur nach einer ersten, daher haben Patienten ohne sie konstruktionsbedingt keine.`,
  recPopulation: (who, n, endpoint, events) => `${who === null ? `${n} Patienten` : `${n} ${who}`}, nachbeobachtet für ${endpoint}, n = ${n}, ${events} Ereignisse`,
  recNaiveName: (terminal) => `naiv (${terminal} zensiert)`,
  recYLabel: "Mittlere Anzahl Ereignisse pro Patient",
  recPlotTitle: (label) => `${label}: mittlere Anzahl Ereignisse`,
  recFigureTitle: (label) => `${label}: mittlere Anzahl Ereignisse pro Patient.`,
  recFigureCaption: (by, terminal, cut, population) =>
    `Mittlere Anzahl Ereignisse nach Ghosh-Lin${by === null ? "" : ` nach ${by}`} mit ${terminal} als terminalem Ereignis (wie mets::recurrentMarginal), 95%-KI aus der robusten Varianz; die naive mittlere kumulative Funktion, die bei ${terminal} zensiert, ist nur zum Vergleich und ohne KI dargestellt. Unter Beobachtung: lebende, noch nachbeobachtete Patienten, für beide Schätzer dieselben.${cut === null ? "" : ` Die Kurven enden, wo weniger als ${cut} Patienten unter Beobachtung verbleiben.`} Population: ${population}.`,
  mcfRiskTitle: "Unter Beobachtung",
  mcfTitle: "Mittlere kumulative Funktion",
  rcTitle: (label) => `${label}: Ereignisse pro Patient`,
  rcEvents: "Ereignisse",
  rcPatients: "Patienten",
  rcFoot: (columns, index) => `Aus den Spalten ${columns}${index === null ? "" : ` (${index}, die Indexoperation, nicht gezählt)`}.`,
  rmTitle: (label) => `${label}: Modelle für wiederkehrende Ereignisse`,
  rmCovariate: "Kovariable",
  rmHr: (model) => `${model}: HR (95%-KI)`,
  rmFootFollowUp: (events, patients, fromOperation, endpoint) => `${events} Ereignisse bei ${patients} Patienten, Nachbeobachtung ${fromOperation ? "ab der Indexoperation" : `ab dem Ursprung von ${endpoint}`} bis zum Ereignis oder zur Zensierung. Robuste (Sandwich-)Varianz, geclustert nach Patient.`,
  rmFootModel: (model, call, kind) =>
    `${model}: ${call}${kind === "ag" ? " — alle Ereignisse teilen eine Baseline-Hazard (Ratenverhältnis)" : kind === "pwp-total" ? " — die Risikomenge des k-ten Ereignisses enthält Patienten mit k − 1 Ereignissen, Zeit seit dem Ursprung" : " — die Risikomenge des k-ten Ereignisses enthält Patienten mit k − 1 Ereignissen, Zeit seit dem vorigen Ereignis"}.`,
};

/** German templates of the engine texts of this part (LONG_TERM_PATTERNS). */
export const longTermTextsDe: Readonly<Record<LongTermTextId, EngineTemplate>> = {
  ltPopulationFromTreatment: ({ g }) => `${g.kind === "treated" ? "behandelte" : "unbehandelte"} Patienten (${g.arm}) ab dem Behandlungsdatum`,
  ltPopulationArm: ({ g }) => `${g.kind === "treated" ? "behandelte" : "unbehandelte"} Patienten (${g.arm})`,
  ltPopulationAllOrigin: () => "alle Patienten ab dem Ursprung des Endpunkts",
  ltPopulationAll: () => "alle Patienten",
  ltTerminalDeath: () => "Tod",
  ltTerminalEvent: ({ g }) => `das Ereignis ${g.ep}`,
};
