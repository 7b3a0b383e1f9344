/**
 * German texts of one part of the report: Long-term survival and cure, the prediction model, recurrent events and competing risks (src/report/sections-long-term.ts, tables-long-term.ts, sections-prediction-use.ts, the competing-risks section).
 * English reference: src/i18n/long-term-en.ts. Terms as in Dtsch Arztebl / Der Chirurg: kumulative Inzidenz,
 * konkurrierende Risiken (Ereignisse), ursachenspezifische Hazard Ratio, Subdistributions-Hazard-Ratio (Fine-Gray-Modell).
 */
import type { LongTermMessages, LongTermTextId } from "./long-term-en.js";
import type { EngineTemplate } from "./warnings.js";
import { quotedDe } from "./quote-de.js";

/** "die 44 behandelten Patienten": the nominative article of a population text turned dative ("bei den 44 …"). */
const dative = (population: string): string => population.replace(/^die /, "den ").replace(/^alle /, "allen ");
/** The adjective of "behandelte Patienten" after an article ("den 44 behandelten Patienten"). */
const weak = (who: string): string => who.replace(/^den /, "").replace(/^(un)?behandelte /, (m) => `${m.trim()}n `);
/** "behandelte Patienten (…)" without an article (the shared pattern of src/i18n/warnings-de.ts gives the dative "den behandelten Patienten (…)"). */
const strong = (who: string): string => who.replace(/^den ((?:un)?behandelte)n /, "$1 ");
/** "60 Monate" after "bei": the dative plural ("bei 60 Monaten"). */
const dat = (time: string): string => time.replace(/ (Tage|Monate|Jahre)$/, " $1n");
/** "1 Ereignis", "4 Ereignisse" (a count as the engines print it). */
const events_ = (n: string | undefined): string => `${n ?? ""} ${n === "1" ? "Ereignis" : "Ereignisse"}`;
/** "… und 3 Patienten, die über das letzte Ereignis bei 137 hinaus nachbeobachtet sind" (singular: "der … ist"). */
const beyondPatients = (n: string | undefined, last: string | undefined): string =>
  n === "1" ? `1 Patienten, der über das letzte Ereignis bei ${last ?? ""} hinaus nachbeobachtet ist` : `${n ?? ""} Patienten, die über das letzte Ereignis bei ${last ?? ""} hinaus nachbeobachtet sind`;
/** A label the report lower-cased for English prose ("overall survival") with its capital back: German nouns keep it. */
const cap = (s: string): string => (s === "" ? s : s[0].toUpperCase() + s.slice(1));
const UNIT_DE: Readonly<Record<string, string>> = { days: "Tagen", weeks: "Wochen", months: "Monaten", years: "Jahren" };
/** The recurrent-event models by their German names (the results carry "Andersen–Gill", "PWP total time", "PWP gap time"). */
const recurrentModelDe = (model: string): string => ({ "Andersen–Gill": "Andersen-Gill", "PWP total time": "PWP-Modell (Gesamtzeit)", "PWP gap time": "PWP-Modell (Lückenzeit)" })[model] ?? model;
const QUARTILE: Readonly<Record<string, string>> = { "lower quartile": "unteres Quartil", median: "Median", "upper quartile": "oberes Quartil" };

export const longTermDe: LongTermMessages = {
  // ---- Heilung (cureSection, Tabellen des Heilungsmodells, plots/cure-fit.ts)
  cureFlat: (length, unit, pct) => `Die Kaplan-Meier-Kurve verläuft nach dem letzten Ereignis ${length} ${unit} lang flach, bei ${pct}.`,
  cureRule: (min, alpha) => `(Regel: Weniger als ${min} Ereignisse im Fenster oder weniger als ${min} über das letzte Ereignis hinaus nachbeobachtete Patienten gelten als nicht entscheidbar; sonst entscheidet der Maller-Zhou-Test auf dem Niveau ${alpha}.)`,
  cureUpperBound: " Die Heilungsanteile unten sind als Obergrenzen zu lesen: Spätere Ereignisse sind noch möglich.",
  cureProbNever: (cause, event) =>
    cause === null ? `Wahrscheinlichkeit, dass ${event} nie eintritt` : `Wahrscheinlichkeit, nie an ${cause} zu sterben (Todesfälle anderer Ursache zensiert: ein ursachenspezifisches Mixture-Cure-Modell)`,
  cureOfWhat: (probability, population, latency, aic, notOfDisease) =>
    `Worauf sich der Heilungsanteil bezieht: die ${probability}, bei ${dative(population)}; Latenz: ${latency}${aic ? " (kleinstes AIC der parametrischen Latenzverteilungen)" : ""}.${notOfDisease === null ? "" : ` Es ist kein Heilungsanteil der Erkrankung${notOfDisease.anyCause ? ": Todesfälle aus anderen Ursachen zählen als Ereignisse" : ""}${notOfDisease.pooled ? ", und behandelte und unbehandelte Patienten sind zusammengefasst" : ""}.`}`,
  cureRelative: (description) => `Relatives Überleben: ${description}. Das Modell ist S(t) = S*(t)·[π + (1 − π)·S_u(t)], mit S*(t) dem erwarteten Überleben jedes Patienten; π, der Heilungsanteil, ist der Anteil ohne Exzessmortalität (ihr Überleben entspricht dem der Allgemeinbevölkerung).`,
  curePopulation: (all, n, who, endpoint, fromTreatment, excluded) =>
    `${all ? "alle " : ""}${n} ${who === null ? "Patienten" : strong(who)} mit Daten zu ${quotedDe(endpoint)}${fromTreatment ? " ab dem Behandlungsdatum" : ""}${excluded === null ? "" : ` und vollständigen Kovariablen des Modells (${excluded} ausgeschlossen)`}, n = ${n}`,
  cureCauseEndpoint: (cause) => `Tod durch ${cause} (andere Todesursachen zensiert)`,
  cureKmCauseSpecific: (cause) => `Der Kaplan-Meier-Schätzer ist ursachenspezifisch: Tod durch ${cause} ist das Ereignis, Todesfälle anderer Ursache sind zensiert.`,
  cureFitPlotTitle: (label) => `${label}: Heilungsmodell über Kaplan-Meier`,
  cureFitFigureTitle: (label) => `${label}: Mixture-Cure-Modell über dem Kaplan-Meier-Schätzer.`,
  cfTailNote: (minAtRisk) => ` Anders als in den übrigen Abbildungen reichen die Kaplan-Meier-Kurven bis zur letzten Nachbeobachtung, über den Punkt hinaus, ab dem weniger als ${minAtRisk} Patienten unter Risiko stehen: An diesem Ende wird ein Heilungsmodell gemessen; es ist mit seiner Anzahl unter Risiko zu lesen.`,
  cureFitCaption: (by, relative, fits, population, kmN) =>
    `Durchgezogen: Kaplan-Meier-Schätzer${by ? ` nach ${by}` : ""}; gestrichelt: das Überleben nach dem Heilungsmodell (${relative ? "Gesamtüberleben: S*(t)·[π + (1 − π)·S_u(t)] mit S*(t) dem erwarteten Überleben aus der Sterbetafel" : "π + (1 − π)·S_u(t)"}, gemittelt über die Patienten${by ? " der Gruppe" : ""}); gepunktet: der geschätzte Heilungsanteil${by ? " je Gruppe" : ""}. ${fits} Population: ${population}${kmN === null ? "" : ` (Kaplan-Meier: n = ${kmN})`}.`,
  cureProfilesPopulation: (population) => `Modell angepasst an ${population}`,
  cureOverall: "gesamt",
  cureNoEvents: "nicht schätzbar (keine Ereignisse)",
  cureGroupEstimate: (estimate, lower, upper, plateau, disagrees) =>
    `${estimate} (95%-KI ${lower}–${upper})${plateau === null ? "" : `, Kaplan-Meier-Plateau ${plateau}`}${disagrees ? " – kein Befund: Modell und Daten widersprechen sich (siehe den ersten Absatz)" : ""}`,
  cureKmEnd: (surv, lower, upper) => `${surv} (95%-KI ${lower}–${upper})`,
  cureGroupKmFirst: (km, estimate, lower, upper) =>
    `Kaplan-Meier-Schätzer am Ende der Nachbeobachtung ${km}, eine Obergrenze für den Anteil Geheilter; Modell ${estimate} (95%-KI ${lower}–${upper}), durch die Daten nicht gestützt (siehe den ersten Absatz)`,
  cureTableNotSupported: (title) => `${title} – Modell durch die Daten nicht gestützt, zur Transparenz gezeigt`,
  cureSummary: (disagrees, latency, aic, event, population, groups) =>
    `${disagrees ? `Anteil Geheilter (${event}; ${population}; Modell: Mixture-Cure-Modell, Latenz ${latency}${aic ? ", kleinstes AIC" : ""})` : `Geschätzter Heilungsanteil nach dem Mixture-Cure-Modell (Latenz: ${latency}${aic ? ", kleinstes AIC" : ""}) (${event}; ${population})`}: ${groups}. Die Heilungswahrscheinlichkeit jedes Patienten bei seinen Kovariablen und bei bisher ereignisfreier Nachbeobachtung steht in results.json (analyses.cure.patients).`,
  cfCured: (pct) => `geheilt ${pct}`,
  cfModel: "Heilungsmodell",
  cfKaplanMeier: "Kaplan-Meier",
  cfNotSupported: "Mixture-Cure-Modell (Heilungsanteil durch die Daten nicht gestützt)",
  cfFractionNotSupported: (pct) => `${pct}, durch die Daten nicht gestützt`,
  cfTitle: "Heilungsmodell über Kaplan-Meier-Kurven",
  cfDescription: (groups, fractions, risk) =>
    `Kaplan-Meier-Schätzer (durchgezogen) und das angepasste Überleben nach dem Mixture-Cure-Modell (gestrichelt)${groups === null ? "" : ` nach Gruppe: ${groups}`}${fractions === null ? "" : `; gepunktete Linien bei den Heilungsanteilen (${fractions})`}${risk ? ", mit Patienten unter Risiko" : ""}.`,
  ctNotEstimable: "nicht schätzbar (keine Ereignisse)",
  ctVerdict: (verdict, events) => `${verdict === "sufficient" ? "ausreichend" : verdict === "inconclusive" ? "nicht entscheidbar" : "nicht gezeigt"} (${events} Ereignisse im Fenster)`,
  ctOutsideBand: " (außerhalb des Bandes)",
  ctModelEm: (replicates) => `semiparametrischen PH-Mixture-Cure-Modell (EM wie R smcure; Bootstrap-KI, ${replicates} Replikationen)`,
  ctModelMl: (latency) => `Mixture-Cure-Modell (Latenz: ${latency}; Maximum-Likelihood; KI nach der Delta-Methode)`,
  ctTitle: "Geschätzter Heilungsanteil",
  ctGroup: "Gruppe",
  ctEvents: "Ereignisse",
  ctCured: (level) => `Geheilt, % (${level}%-KI)`,
  ctPlateau: (unit) => `Plateau (${unit})`,
  ctBeyond: "Über das letzte Ereignis hinaus nachbeobachtet",
  ctMallerZhou: "p (Maller-Zhou)",
  ctKmLast: "KM beim letzten Ereignis, %",
  ctKmEndCi: (level) => `Kaplan-Meier-Schätzer am Ende der Nachbeobachtung, % (${level}%-KI): Obergrenze des geheilten Anteils`,
  ctCuredModel: (level) => `Geheilt laut Modell, % (${level}%-KI)`,
  ctNotSupported: (value) => `${value}; durch die Daten nicht gestützt`,
  ctFootNotFinding:
    "Der Heilungsanteil des Modells ist hier kein Befund (Modell und Daten widersprechen sich; siehe den ersten Absatz): Zuerst steht der Kaplan-Meier-Schätzer am Ende der Nachbeobachtung, eine Obergrenze des geheilten Anteils, danach der Anteil des Modells.",
  cfNoBand: " Die gepunktete Linie eines durch die Daten nicht gestützten Heilungsanteils ist ohne ihr Konfidenzband gezeichnet, damit sie nicht als Befund gelesen wird; abzulesen ist das Ende der Kaplan-Meier-Kurve als Obergrenze.",
  ctFollowUp: "Nachbeobachtung",
  ctDistance: "Größter Abstand Modell – KM",
  ctFootCured: (model, probability, population) => `Geheilt: die ${probability} nach dem ${model}, gemittelt über die Patienten der Gruppe (${population}).`,
  ctFootPlateau:
    "Plateau: Zeit vom letzten Ereignis bis zum Ende der Nachbeobachtung, in der die Kaplan-Meier-Kurve flach verläuft; KM beim letzten Ereignis: der nichtparametrische Heilungsschätzer (die Höhe des Plateaus). p (Maller-Zhou): Test auf ausreichende Nachbeobachtung (Maller & Zhou 1996, q_n); Nachbeobachtung: nicht entscheidbar bei weniger als 5 Ereignissen im Fenster vor dem letzten Ereignis oder weniger als 5 darüber hinaus nachbeobachteten Patienten, sonst ausreichend bei p < 0,05.",
  ctFootDistance: (replicates, seed, outside) =>
    `Größter Abstand: Supremum über die Zeit von |Modellüberleben − Kaplan-Meier|; ${outside ? "außerhalb des Bandes: Die Modellkurve verlässt das simultane 95%-Bootstrap-Band" : "die Modellkurve bleibt innerhalb des simultanen 95%-Bootstrap-Bandes"} des Kaplan-Meier-Schätzers (${replicates} Stichproben, Seed ${seed}).`,
  clLowestAic: " (kleinstes AIC)",
  clNotConverged: " (nicht konvergiert: nicht verglichen)",
  clUsed: " – verwendet",
  clEmUsed: "Semiparametrisches PH-Modell (EM) – verwendet",
  clKm: "Nichtparametrisch: Kaplan-Meier beim letzten Ereignis",
  clTitle: "Heilungsmodell: Wahl der Latenzverteilung",
  clLatency: "Latenz der Nichtgeheilten",
  clLoglik: "Log-Likelihood",
  clCured: "Geheilt, % (95%-KI)",
  clFootCriterion: (criterion) =>
    `Kriterium: ${criterion} (AIC = −2 Log-Likelihood + 2 × Anzahl der Parameter; die verallgemeinerte Gammaverteilung hat einen Parameter mehr, ihre Form Q, und enthält die Weibull-Verteilung bei Q = 1 und die Lognormalverteilung für Q → 0, liegt also stets innerhalb von 2 der besseren dieser beiden). Ein ΔAIC unter 2 bedeutet, dass die Daten kaum eine Latenzverteilung bevorzugen: Die Heilungsanteile dieser Modelle sind dann die ehrliche Spannweite.`,
  clFootKm: "Kaplan-Meier beim letzten Ereignis: der nichtparametrische Heilungsschätzer, gültig nur bei ausreichend langer Nachbeobachtung (siehe die Prüfung der Nachbeobachtung). Das semiparametrische Modell hat keine vergleichbare Likelihood.",
  cpTitle: "Heilungsanteil nach Kovariablenprofil",
  cpProfile: "Profil",
  cpFoot: "Heilungswahrscheinlichkeit nach dem Inzidenzmodell für jedes Profil, die übrigen Kovariablen an ihren Mittelwerten; KI nach der Delta-Methode auf der Logit-Skala.",
  cmIncidence: "Inzidenz: Odds Ratio der Heilung",
  cmLatencyTime: "Latenz: Zeitverhältnis bei den Nichtgeheilten",
  cmLatencyHazard: "Latenz: Hazard Ratio bei den Nichtgeheilten",
  cmFootMixture: "Mixture-Cure-Modell: Überleben = π + (1 − π)·S_u(t), mit π der Heilungswahrscheinlichkeit (logistisches Modell) und S_u dem Überleben der Nichtgeheilten (Latenz).",
  cmFootEm: "Semiparametrische Proportional-Hazards-Latenz (R smcure); KI und p-Werte aus den Bootstrap-Standardfehlern.",
  cmFootAft: (latency, shape, rate, unit, ratios) =>
    `Latenz ${latency}: Form ${shape}, Rate ${rate} pro ${unit}${ratios ? "; Zeitverhältnisse e^{−β} (die Überlebenszeiten der Nichtgeheilten werden je Einheit mit diesem Faktor multipliziert)" : ""}; Wald-Tests aus der beobachteten Information.`,
  cmFootWeibull: (shape, rate, unit, ratios) =>
    `Weibull-Latenz: Form ${shape}, Rate ${rate} pro ${unit}${ratios ? "; Hazard Ratios e^{αβ} mit KI nach der Delta-Methode" : ""}; Wald-Tests aus der beobachteten Information.`,
  cmPerUnit: (unit) => ({ days: "Tag", weeks: "Woche", months: "Monat", years: "Jahr" })[unit] ?? unit,
  cmTitleCure: "Koeffizienten des Heilungsmodells",
  cmCovariate: "Kovariable",
  cmRatio: "Verhältnis (95%-KI)",
  // ---- Prognosemodell (predictionSection, Tabellen, sections-prediction-use.ts, plots/calibration.ts, plots/nomogram.ts)
  tripodSource: "4a–5c Datenquelle, Setting, Einschlusskriterien: Abschnitt Patientenfluss und die Studienspezifikation.",
  tripodOutcome: (endpoint, endpointKey, horizon, unit) =>
    `6a Zielgröße: ${endpoint} (Endpunkt ${endpointKey}), definiert in der Studienspezifikation; Zeithorizont ${horizon} ${unit}.`,
  tripodPredictors: (predictors) =>
    `7a Prädiktoren: ${predictors} – alle vor der Operation bekannt.`,
  tripodSize: (n, events, epc) =>
    `8 Fallzahl: ${n} Patienten, ${events} Ereignisse (${epc} Ereignisse pro Koeffizient).`,
  tripodMissing: (dropped) =>
    `9 Fehlende Daten: vollständige Fälle (${dropped} Patienten ausgeschlossen).`,
  tripodModel: (population, diverging, shrinkage) =>
    `10a–10b Modell: Cox-Proportional-Hazards-Modell bei ${population}, stetige Prädiktoren stetig (linear), keine Variablenselektion${diverging === null ? "" : ` (divergierende Terme ausgeschlossen: ${diverging})`}; Bindungen nach Efron${shrinkage === null ? "" : `; einheitliche Schrumpfung um ${shrinkage} in Nomogramm und Rechner`}.`,
  tripodPerformance: "10d Güte: Harrells C und Unos C, AUC(t), Kalibrierungsdiagramm, geglättete Kalibrierungskurve (ICI), Kalibrierungssteigung und Calibration-in-the-large, Entscheidungskurve; 10b/16 interne Validierung durch Bootstrap-Optimismuskorrektur.",
  tripodParticipants: "13a–14a Teilnehmer und Ereignisse: Abschnitt Patientenfluss und die Tabellenfußnoten.",
  tripodFull: "15a Vollständiges Modell: Koeffizienten und das Basisüberleben am Zeithorizont (Tabelle Prognosemodell).",
  tripodUse: (offered) =>
    offered ? "15b Anwendung: Nomogramm und Rechner für den einzelnen Patienten." : "15b Anwendung: nicht angeboten – das Modell besteht die Prüfungen für die Anwendung bei neuen Patienten nicht (siehe den Hinweis oben); es wird als Entwicklungsergebnis berichtet.",
  tripodNotCovered: "Nicht abgedeckt: externe Validierung (Punkte 10c, 12, 13c, 17); der Bericht enthält nur die interne Validierung.",
  tripodIntro: "TRIPOD-Punkte, die dieser Bericht abdeckt:",
  wSampleSize: (available, availableEvents, n, events, coefficients) =>
    `Das Modell wurde an ${available} Patienten (${availableEvents} Ereignisse) angepasst, weniger als die ${n} Patienten (${events} Ereignisse), die die Mindestfallzahl für ein Prognosemodell mit ${coefficients} Koeffizienten verlangt (Riley et al. 2020)`,
  wNoSignal: "Seine Likelihood-Quotienten-Statistik übersteigt die Zahl seiner Koeffizienten nicht; es erklärt also nicht mehr als der Zufall, und keine Mindestfallzahl ist berechenbar (Riley et al. 2020)",
  wCStatistic: (corrected, c, auc, time, minimum) =>
    `Harrells C des Modells beträgt ${corrected ? "nach Optimismuskorrektur" : "an denselben Patienten gemessen (ohne Optimismuskorrektur)"} ${c}${auc === null ? "" : ` und die AUC bei ${dat(time)} ${auc}`}, unter ${minimum} (analyses.prediction.minimumCStatistic): Es ordnet Patienten kaum besser als der Zufall (0,5)`,
  withheld: (why) => `Rechner und Nomogramm nicht angeboten: ${why}. Tabelle, Güte und Kalibrierung des Modells oben sind ein Entwicklungsergebnis, kein Werkzeug für einzelne Patienten.`,
  pIntro: (endpoint, n, events, time, use) =>
    `Ein Cox-Modell für ${quotedDe(endpoint)} mit den präoperativen Kovariablen, angepasst an ${n} Patienten (${events} Ereignisse; vollständige Fälle), sagt das Überleben bei ${dat(time)} vorher. ${use} `,
  pDiscrimination: (c, corrected) => `Diskrimination: Harrells C ${c}${corrected === null ? "" : ` (${corrected} nach Optimismuskorrektur)`}; `,
  pSlope: (slope, overfitted) =>
    `erwartete Kalibrierungssteigung bei neuen Patienten ${slope}${overfitted === "no" ? "" : ` – das Modell ist überangepasst: Seine Vorhersagen sind zu extrem${overfitted === "shrunk" ? ", daher die obige Schrumpfung" : " und müssten geschrumpft werden"}`}.`,
  pPopulation: (all, who, endpoint, dropped, fromTreatment, n, events) =>
    `${all ? "alle " : ""}${who === null ? "Patienten" : strong(who)} mit Daten zu ${quotedDe(endpoint)}${dropped === null ? "" : ` und vollständigen Kovariablen (${dropped} ausgeschlossen)`}${fromTreatment ? " ab dem Behandlungsdatum" : ""}, n = ${n}, ${events} Ereignisse`,
  calSlope: (slope, corrected) => `Kalibrierungssteigung ${slope}${corrected ? " (korrigiert)" : ""}`,
  calC: (c, corrected) => `Harrells C ${c}${corrected === null ? "" : ` (korrigiert ${corrected})`}`,
  calX: (time) => `Vorhergesagtes Überleben bei ${dat(time)}`,
  calY: (time) => `Beobachtetes Überleben bei ${dat(time)} (Kaplan-Meier)`,
  calFigureTitle: (time) => `Kalibrierung bei ${dat(time)}.`,
  calCaption: (replicates) =>
    `Mittleres vorhergesagtes gegen beobachtetes Kaplan-Meier-Überleben je Risikogruppe, mit 95%-KI; die Diagonale ist perfekte Kalibrierung.${replicates !== null ? ` Gefüllt: unkorrigiert (an denselben Patienten gemessen); offen, gestrichelt: optimismuskorrigiert durch den Bootstrap (${replicates} Replikationen, wie rms::calibrate).` : " Unkorrigierte Kalibrierung (an denselben Patienten gemessen); die optimismuskorrigierte Steigung steht in der Tabelle zur Modellgüte."}`,
  population: (text, population) => `${text} Population: ${population}.`,
  calPlotTitle: "Kalibrierungsdiagramm",
  calPlotDescription: (time, groups, corrected) =>
    `Beobachtetes gegen vorhergesagtes Überleben bei t = ${time} für ${groups} ${groups === "1" ? "Risikogruppe" : "Risikogruppen"}, ${corrected ? "unkorrigiert und biaskorrigiert (Bootstrap), " : ""}mit der Linie perfekter Kalibrierung.`,
  calLegendApparent: "unkorrigiert",
  calLegendCorrected: "biaskorrigiert (Bootstrap)",
  nomDefaultSurvival: (time) => `Vorhergesagtes Überleben bei t = ${time}`,
  nomPoints: "Punkte",
  nomTotal: "Gesamtpunkte",
  nomPlotTitle: "Nomogramm",
  nomDescription: (axes, total, time) => `Nomogramm mit ${axes} Kovariablenachsen, Gesamtpunkten 0–${total} und vorhergesagtem Überleben bei t = ${time}.`,
  nomSurvival: (endpoint, time) => `${endpoint} bei ${dat(time)}`,
  nomTitle: (endpoint, time) => `Nomogramm: ${endpoint} bei ${dat(time)}.`,
  nomCaption: (population, shrinkage) =>
    `Die Punkte jeder Kovariable auf der oberen Skala ablesen, addieren und unter der Summe das vorhergesagte Überleben ablesen. Modell angepasst an ${population}${shrinkage === null ? "" : `; Koeffizienten um ${shrinkage} geschrumpft`}.`,
  pmTitle: "Prognosemodell",
  pmCoefficient: "Koeffizient",
  pmHr: "HR (95%-KI)",
  pmFootFit: (n, events, dropped) => `Cox-Modell, angepasst an ${n} Patienten mit ${events} Ereignissen${dropped === null ? "" : ` (${dropped} wegen fehlender Kovariablen ausgeschlossen)`}; alle vorab festgelegten Kovariablen beibehalten (keine Selektion).`,
  pmFootFormula: (endpoint, time, unit, s0, centre) => `Vorhergesagtes ${endpoint} bei ${dat(`${time} ${unit}`)}: S(t | x) = ${s0}^exp(LP − ${centre}), LP = Σ Koeffizient × Wert (das vollständige Modell, TRIPOD-Punkt 15a).`,
  ppHarrell: "Harrells C",
  ppTitle: "Güte des Prognosemodells",
  ppIndex: "Maß",
  ppApparent: "Unkorrigiert",
  ppOptimism: "Optimismus",
  ppCorrected: "Korrigiert",
  ppUno: (tau, unit) => `Unos C (bis ${tau} ${unit})`,
  ppAuc: (time, unit) => `AUC bei ${dat(`${time} ${unit}`)}`,
  ppSlope: "Kalibrierungssteigung",
  ppCitl: "Kalibrierung im Mittel (Calibration-in-the-large), log(B/E)",
  ppFootIndices: (time, unit) =>
    `Harrells C: Konkordanz des linearen Prädiktors mit dem Überleben (wie survival::concordance); Unos C: mit Gewichten der inversen Zensierungswahrscheinlichkeit bis τ; AUC: kumulative/dynamische AUC bei ${dat(`${time} ${unit}`)} mit IPCW (wie timeROC).`,
  ppFootOptimism: (b) =>
    `Optimismus: Mittel über ${b} Bootstrap-Replikationen von (Maß in der Bootstrap-Stichprobe − Maß des Bootstrap-Modells in den Originaldaten); korrigiert = unkorrigiert − Optimismus (Methode nach Harrell, wie rms::validate). Die korrigierte Kalibrierungssteigung ist die Schrumpfung, die eine neue Stichprobe voraussichtlich braucht.`,
  ppFootApparent: "Kein Bootstrap: Die Maße sind an denselben Patienten gemessen, an denen das Modell geschätzt wurde (unkorrigiert, optimistisch).",
  ctTitleCal: (time, unit) => `Kalibrierung bei ${dat(`${time} ${unit}`)}`,
  ctRiskGroup: "Risikogruppe",
  ctPredicted: "Vorhergesagt, %",
  ctObserved: "Beobachtet (Kaplan-Meier), % (95%-KI)",
  ctBiasCorrected: "Biaskorrigiert, %",
  ctNotFollowed: "nicht so lange nachbeobachtet",
  ctFootGroups: (groups, time, unit, slope) =>
    `Patienten in ${groups} gleich großen Gruppen nach dem linearen Prädiktor (1 = niedrigstes Risiko); vorhergesagt: mittleres Modellüberleben bei ${dat(`${time} ${unit}`)}; Kalibrierungssteigung ${slope} (Cox-Regression der Zielgröße auf den linearen Prädiktor; 1 = ideal).`,
  ctFootBias: (b) => `Biaskorrigiert: beobachtet minus der Bootstrap-Optimismus von (beobachtet − vorhergesagt) in der Gruppe (${b} Replikationen), wie rms::calibrate(cmethod = "KM").`,
  puFitted: (population, fromTreatment) =>
    `Das Modell ist an ${population.replace(/^den /, "")} angepasst${fromTreatment ? ", mit dem Überleben ab dem Behandlungsdatum (dem Zeitpunkt, von dem aus ein Chirurg vorhersagt)" : ""}.`,
  puLeftOut: (list) => `Ausgeschlossen: ${list}.`,
  puShrunk: (withheld, factor, bootstrap, s0, centre) =>
    `${withheld ? "Vorhersagen für neue Patienten bräuchten" : "Nomogramm und Rechner verwenden"} um ${factor} geschrumpfte Koeffizienten (${bootstrap ? "die optimismuskorrigierte Kalibrierungssteigung, van Houwelingen & le Cessie 1990" : "den in der Studie festgelegten Faktor"}), mit neu geschätztem Basisüberleben, damit ihre Vorhersagen für neue Patienten nicht zu extrem sind: S(t | x) = ${s0}^exp(${factor} × (LP − ${centre})).`,
  puNoShrinkNeeded: (slope) => `Es war keine Schrumpfung nötig (optimismuskorrigierte Kalibrierungssteigung ${slope}).`,
  puNoBootstrap: "Die Koeffizienten sind nicht geschrumpft: Ohne Bootstrap gibt es keinen Schätzer der Schrumpfung, die eine neue Stichprobe braucht.",
  puNone: "Die Koeffizienten sind nicht geschrumpft (Schrumpfung: keine).",
  puWeak: (c, auc) =>
    `Nach Optimismuskorrektur diskriminiert das Modell kaum (Harrells C ${c}${auc === null ? "" : `, AUC ${auc}`}; 0,5 ist Zufall): Nomogramm und Rechner werden zur Transparenz gezeigt und sollten Entscheidungen nicht leiten, bevor das Modell an anderen Patienten validiert ist.`,
  puCorrectedCal: (b, ici, iciApparent, e50, e90) =>
    ` Für neue Patienten, die optimismuskorrigierten Vorhersagen des Rechners (${b} Bootstrap-Replikationen): ICI ${ici} (unkorrigiert ${iciApparent}), E50 ${e50}, E90 ${e90} – Mittelwert, Median und 90. Perzentil der absoluten Differenz zwischen vorhergesagtem und beobachtetem Risiko.`,
  puSmoothed: (ici, e90, corrected) =>
    `Eine geglättete Kalibrierungskurve (Austin, Harrell & van Klaveren 2020) an denselben Patienten wird nicht gezeigt: Dort passt das Kalibrierungsmodell den eigenen linearen Prädiktor des Modells erneut an, sodass sie konstruktionsbedingt auf der Diagonalen liegt (unkorrigierter ICI ${ici}, E90 ${e90}; results.json). Die optimismuskorrigierte Kalibrierungssteigung und die biaskorrigierten Gruppen oben sind der Maßstab für neue Patienten.${corrected}`,
  dcModel: "Entscheidung nach dem vorhergesagten Risiko des Rechners",
  dcCorrected: "dasselbe, optimismuskorrigiert",
  dcAll: "alle als Hochrisiko behandeln",
  dcNone: "niemanden als Hochrisiko behandeln",
  dcX: (time) => `Schwellenrisiko für Tod bis ${time}`,
  dcY: "Nettonutzen",
  dcPlotTitle: "Entscheidungskurve",
  dcDescription: (time) => `Nettonutzen bei ${dat(time)}, nach dem vorhergesagten Risiko, bei allen oder bei niemandem zu handeln, über die Schwellenrisiken.`,
  dcTitle: (time, corrected) => `Entscheidungskurve bei ${dat(time)} (unkorrigiert${corrected ? " und optimismuskorrigiert" : ""}).`,
  dcCaption: (time, b, population) =>
    `Nettonutzen (Vickers et al. 2008), einen Patienten als Hochrisiko einzustufen, wenn das vorhergesagte Risiko für Tod bis ${time} mindestens die Schwelle erreicht: richtig Positive minus falsch Positive, gewichtet mit den Schwellen-Odds, Ereignisse nach Kaplan-Meier gezählt. Das Modell nützt nur bei Schwellen, an denen seine Kurve über „alle“ und „niemand“ liegt. Unkorrigiert: an denselben Patienten gemessen${b === null ? "" : `; korrigiert: abzüglich des Optimismus aus ${b} Bootstrap-Neuanpassungen (Nettonutzen in der eigenen Stichprobe minus in allen Patienten), was bei neuen Patienten zu erwarten ist`}. Population: ${population}.`,
  dtTitle: (time, population) => `Nettonutzen bei ${dat(time)} – ${population}`,
  dtThreshold: "Schwellenrisiko, %",
  dtCalled: "Als Hochrisiko eingestuft, %",
  dtModel: "Nettonutzen: Modell",
  dtEveryone: "Nettonutzen: alle",
  dtCorrected: "Nettonutzen: Modell, optimismuskorrigiert",
  dtFoot: (time, risk, b, shrinkage) =>
    `Risiko für Tod bis ${time} nach Kaplan-Meier: ${risk}% aller dieser Patienten. Der Nettonutzen von „niemand“ ist 0. Unkorrigiert (an denselben Patienten gemessen)${b === null ? "" : `; optimismuskorrigiert mit ${b} Bootstrap-Replikationen (Methode nach Harrell, jede Neuanpassung wie der Rechner um ${shrinkage} geschrumpft)`}.`,
  // ---- die Antwort zum Langzeitüberleben (long-term-answer.ts)
  laTheDisease: "der Erkrankung",
  laWhoAll: (n) => `allen ${n} Patienten`,
  laWhoSome: (n, who) => `den ${n} ${weak(who)}`,
  laEventsRelative: (e) => `${e} Todesfälle jeder Ursache; das Modell schreibt den Überschuss über die Sterbetafel der Erkrankung zu`,
  laEventsAny: (e) => `${e} Ereignisse jeder Ursache`,
  laEventsCause: (e, cause) => `${e} Todesfälle an ${cause}`,
  laModel: (kind, latency, chosen) =>
    `${kind === "relative" ? "das Mixture-Cure-Modell des relativen Überlebens" : kind === "all-cause" ? "das Mixture-Cure-Modell der Gesamtmortalität" : "das ursachenspezifische Mixture-Cure-Modell"} (Latenz: ${latency}${chosen === "aic" ? ", gewählt nach dem kleinsten AIC unter den konvergierten Anpassungen mit Weibull-, Lognormal-, log-logistischer und verallgemeinerter Gammaverteilung" : chosen === "ph" ? "" : ", wie in der Studienspezifikation festgelegt"})`,
  laCriterionRelative:
    " Kriterium für die Art des Modells: Das relative Überleben benötigt keine Todesursache, nur eine Sterbetafel der eigenen Bevölkerung und der Kalenderjahre der Patienten; die Alternative, ein ursachenspezifisches Modell, benötigt für jeden Todesfall eine dokumentierte Ursache.",
  laCriterionCause:
    " Kriterium für die Art des Modells: ein ursachenspezifisches Modell, weil für jeden Todesfall die Ursache dokumentiert ist (ein Todesfall ohne Ursache bricht den Lauf ab); das relative Überleben ist die Alternative, wenn Ursachen fehlen oder unzuverlässig sind, und benötigt eine Sterbetafel der eigenen Bevölkerung und der Kalenderjahre der Patienten.",
  laEffect: (or, lower, upper, to, from) => `Odds Ratio der Heilung ${or}, 95%-KI ${lower}–${upper}, ${to} gegenüber ${from}`,
  laUnusable: (covariate, effect, fold) => `${covariate} (${effect}; das KI umfasst mehr als das ${fold}-Fache)`,
  laNoUsable: (all, list) => ` ${all ? "Für keine Kovariable gibt es einen brauchbaren Schätzer ihres Effekts auf die Heilung" : "Kein brauchbarer Schätzer für"}: ${list}.`,
  laProfileAt: (pct, name, lower, upper) => `${pct} (${name}${lower === null || upper === null ? "" : `; 95%-KI ${lower}–${upper}%`})`,
  laProfileRange: (lo, hi) => ` Nach dem Inzidenzmodell reicht die Heilungswahrscheinlichkeit von ${lo} bis ${hi}, die übrigen Kovariablen an ihren Mittelwerten.`,
  laPrediction: (endpoint, time, unit, population, n, events, corrected, c, reading) =>
    ` Vor der Operation unterscheidbar? Das Prognosemodell für ${quotedDe(endpoint)} über ${time} ${unit} bei ${dative(population)} (n = ${n}, ${events} Ereignisse) erreicht ${corrected ? "nach Optimismuskorrektur " : ""}Harrells C = ${c}: ${reading === "chance" ? "eine Diskrimination kaum besser als der Zufall (0,5)" : reading === "modest" ? "eine mäßige Diskrimination" : "eine brauchbare Diskrimination"}.`,
  laLimitFollowUp: (events, beyond, inconclusive) =>
    `dass die Nachbeobachtung lang genug ist, um von Heilung zu sprechen: ${events_(events)} ${events === "1" ? "fällt" : "fallen"} in das Maller-Zhou-Fenster vor dem letzten Ereignis und ${beyond} ${beyond === "1" ? "Patient wird" : "Patienten werden"} darüber hinaus nachbeobachtet; die Prüfung ist daher ${inconclusive ? "nicht entscheidbar" : "nicht bestanden"}, und jeder Heilungsanteil hier ist eine Obergrenze`,
  laLimitAbovePlateau: (model, plateau) =>
    `einen Heilungsanteil über dem Kaplan-Meier-Plateau: Die ${model} des Modells übersteigen die ${plateau}, die nach dem letzten Ereignis noch leben; das Modell überschätzt die Heilung im Verlauf, das Plateau ist die sicherere Zahl`,
  laLimitLatencies: (n, lo, hi) => `eine Wahl zwischen Latenzverteilungen: ${n} Anpassungen liegen innerhalb von 2 AIC-Punkten, mit Heilungsanteilen von ${lo} bis ${hi}`,
  laLimitEpv: (events, parameters, epv) => `genaue Kovariableneffekte: ${events} Ereignisse für ${parameters} Koeffizienten (${epv} Ereignisse pro Koeffizient)`,
  laLimitCause: (cause) =>
    `eine Trennung von Tod an ${cause} und Tod aus anderen Ursachen: Kein Patient des Modells starb an einer anderen Ursache, daher ist das ursachenspezifische Modell hier nicht von einem Modell des Todes jeder Ursache zu unterscheiden`,
  laLimitFit: "eine gute Anpassung des Modells an die Kaplan-Meier-Kurve: Es verlässt das Bootstrap-Band",
  laLimitRelative: "die erwartete Mortalität einer anderen Bevölkerung: Das Modell des relativen Überlebens gilt nur mit einer Sterbetafel der eigenen Bevölkerung und Jahre der Patienten",
  laDisagreeOutside: (pct, lower, upper, time, unit) =>
    `der Heilungsanteil des Modells von ${pct} liegt außerhalb des 95%-KI des Kaplan-Meier-Schätzers am Ende der Nachbeobachtung (${lower}–${upper}% bei ${dat(`${time} ${unit}`)})`,
  laDisagreePlateau: (check) =>
    `das Modell setzt einen geheilten Anteil voraus, aber die Daten zeigen nicht, dass die Kaplan-Meier-Kurve ein Plateau erreicht hat${check === null ? "" : ` (Prüfung der Nachbeobachtung ${check.inconclusive ? "nicht entscheidbar" : "nicht bestanden"}: ${events_(check.events)} im Maller-Zhou-Fenster vor dem letzten Ereignis, ${check.beyond} ${check.beyond === "1" ? "Patient" : "Patienten"} darüber hinaus nachbeobachtet)`}`,
  laNoNonparametric: "der nichtparametrische Schätzer ist nicht verfügbar.",
  laKmAfterLast: (pct) => `der nichtparametrische Schätzer, das Kaplan-Meier-Überleben nach dem letzten Ereignis, beträgt ${pct}.`,
  laKmAtEnd: (time, unit, pct, ci) => `der nichtparametrische Schätzer, das Kaplan-Meier-Überleben am Ende der Nachbeobachtung (${time} ${unit}), beträgt ${pct}${ci}, eine Obergrenze für den Anteil der Geheilten.`,
  laCi: (lower, upper) => ` (95%-KI ${lower}–${upper}%)`,
  laHead: (disease, who, events, model) => `Wer wird voraussichtlich langfristig überleben oder von ${disease === "der Erkrankung" ? disease : cap(disease)} geheilt sein? Bei ${who} (${events}): ${model}`,
  laNoEvents: (head) => `${head} ist nicht schätzbar: Es gibt keine Ereignisse.`,
  laDisagree: (head, why, pct, km) => `${head} wurde angepasst; Modell und Daten widersprechen sich, denn ${why}. Der Heilungsanteil des Modells (${pct}) ist daher kein Befund dieser Studie; ${km}`,
  laEstimate: (head, pct, ci, cured, km) =>
    `${head} schätzt, dass ${pct}${ci} geheilt sind (${cured.kind === "relative" ? "keine Exzessmortalität gegenüber der Allgemeinbevölkerung" : cured.kind === "any" ? "das Ereignis tritt nie ein" : `sie sterben nie an ${cured.disease}`}); ${km}`,
  laPlateauAt: (time, unit, pct) => `der nichtparametrische Schätzer, das Kaplan-Meier-Plateau nach dem letzten Ereignis bei ${dat(`${time} ${unit}`)}, beträgt ${pct}.`,
  laNoObjection: " Über ihre Konfidenzintervalle hinaus sprechen die Daten nicht gegen diese Schätzer.",
  laCannot: (list) => ` Was die Daten nicht stützen: ${list}.`,
  crPopulation: (n, endpoint, all) => `${all ? "alle " : ""}${n} Patienten mit Daten zu ${quotedDe(endpoint)}${all ? "" : " und vollständigen Daten für diese Analyse"}, n = ${n}`,
  crModelsPopulation: (n, endpoint, all) => `${all ? "alle " : ""}${n} Patienten mit Daten zu ${quotedDe(endpoint)}${all ? "" : " und vollständigen Kovariablen"}, n = ${n}`,
  crTableTitle: (by) => `Kumulative Inzidenz konkurrierender Ursachen${by === null ? "" : ` nach ${quotedDe(by)}`}`,
  crCause: "Ursache",
  crGroup: "Gruppe",
  crEvents: "Ereignisse",
  crAtTime: (t, unit) => `${t} ${unit}, % (Standardfehler)`,
  crAtLast: "Bei letzter Nachbeobachtung, % (Standardfehler)",
  crGrayP: "p (Gray)",
  crFootAalen: (endpoint, causes) => `Aalen-Johansen-Schätzer der kumulativen Inzidenz jeder konkurrierenden Ursache (${causes}) des Ereignisses von „${endpoint}“, mit Standardfehlern nach Gray, wie cmprsk::cuminc; Patienten ohne Ereignis werden zensiert.`,
  crFootGray: (by, rho) => `p: Gray-Test auf gleiche kumulative Inzidenz ${by === null ? "zwischen den Gruppen" : `nach ${quotedDe(by)}`} (rho = ${rho}).`,
  crFewCause: (cause, events) => `${cause} (${events} Ereignisse)`,
  crFootFew: (min, causes) => `‡ Weniger als ${min} Ereignisse der Ursache: ${causes}; der Gray-Test beruht auf einer χ²-Näherung, die so wenige Ereignisse nicht tragen; dieser p-Wert belegt keinen Unterschied.`,
  crGrayAnnotation: (cause, n, p) => `Gray-Test, ${cause} (n = ${n}): ${p}`,
  crTooFew: (events) => `${events} ${events === 1 ? "Ereignis" : "Ereignisse"}: zu wenige für eine Aussage`,
  crPlotTitle: (endpoint) => `${endpoint}: kumulative Inzidenz`,
  crFigureTitle: (endpoint, bias) => `${endpoint}: kumulative Inzidenz nach Ursache${bias}.`,
  crFigureCaption: (by, population, groups) => `Kumulative Inzidenz jeder Ursache (Aalen-Johansen)${by === null ? "" : ` nach ${quotedDe(by)}`}; die übrigen Ursachen sind konkurrierende Ereignisse. Population: ${population}${groups === null ? "" : ` (${groups})`}.`,
  crRiskNote: "Anzahl unter Risiko: Patienten ohne Ereignis, die noch nachbeobachtet werden.",
  crCutNote: (min) => `Die Kurven enden, wo weniger als ${min} Patienten unter Risiko verbleiben.`,
  crBandNote: "Schattiert: punktweise 95%-Konfidenzbänder (Varianz nach Gray, log(−log)-Transformation).",
  cifYLabel: "Kumulative Inzidenz",
  cifRiskTitle: "Anzahl unter Risiko",
  cifTitle: "Kurven der kumulativen Inzidenz",
  cifDescription: (causes, groups, risk) => `Kumulative Inzidenz von ${causes}${groups === null ? "" : ` nach Gruppe: ${groups}`}${risk ? ", mit der Anzahl unter Risiko" : ""}.`,
  cmTitle: "Konkurrierende Ursachen: Regressionsmodelle",
  cmCauseCovariate: "Ursache / Kovariable",
  cmCauseSpecific: "Ursachenspezifische HR (95%-KI)",
  cmSubdistribution: "Subdistributions-HR (95%-KI)",
  cmFootModels:
    "Ursachenspezifische HR: Cox-Modell der Ereignisse dieser Ursache, die übrigen Ursachen zensiert (Effekt auf die Rate dieser Ursache bei den noch ereignisfreien Patienten; survival::coxph). Subdistributions-HR: Fine-Gray-Modell (Effekt auf die kumulative Inzidenz der Ursache; cmprsk::crr, robuster Standardfehler).",
  cmFootRefused: (floor) => `Nicht geschätzt: Eine Ursache mit weniger als ${floor} Ereignissen pro Modellparameter wird nicht modelliert (analyses.safeguards.epvFloor).`,
  recGl: (name, mu, lower, upper, time, unit, nRisk) => `${name}${mu} pro Patient (95%-KI ${lower}–${upper}) bis ${time} ${unit} (${nRisk} Patienten noch unter Risiko)`,
  recNaive: (name, v, time, unit) => `${name}${v} bis ${time} ${unit}`,
  recNotQuoted: (min) => `nicht angegeben (zu jedem Ereigniszeitpunkt weniger als ${min} Patienten unter Risiko)`,
  recIntro: (events, label, patients, terminal, min, quotes) =>
    `${events} Ereignisse (${label}) bei ${patients} Patienten. Mittlere Anzahl pro Patient mit ${terminal} als terminalem Ereignis (Ghosh-Lin-Schätzer; keine Ereignisse nach ${terminal}; robustes KI), abgelesen zum letzten Ereigniszeitpunkt mit mindestens ${min} Patienten unter Risiko: ${quotes}. `,
  recNaiveIntro: (terminal, quotes) => `Nur zum Vergleich die mittlere kumulative Funktion, die ${terminal} als Zensierung behandelt (die Rate in einer Welt ohne ${terminal}, die die Last überschätzt, wenn ${terminal} häufig ist), zum selben Zeitpunkt: ${quotes}.`,
  recFromOperation: (population, column, terminal) => `Population: ${population}. Zeitpunkt 0 ist die Indexoperation${column === null ? "" : ` (${column})`}; Ereignisse sind die folgenden Operationen, die Nachbeobachtung endet mit ${terminal} oder dem letzten Kontakt.`,
  recIndexCounted: (column) => `Die Indexoperation (${column}) wird als Ereignis gezählt: Patienten ohne sie haben konstruktionsbedingt keines, daher unterscheiden sich Gruppen nach Behandlung per Definition.`,
  recIndexNotCounted: (column) => `Die Indexoperation (${column}) wird nicht gezählt: Ereignisse sind die folgenden Operationen. Folgeoperationen gibt es nur nach einer ersten, daher haben Patienten ohne sie konstruktionsbedingt keine.`,
  recPopulation: (who, n, endpoint, events) => `${who === null ? `${n} Patienten` : `${n} ${who}`}, nachbeobachtet für ${quotedDe(endpoint)}, n = ${n}, ${events} Ereignisse`,
  recNaiveName: (terminal) => `naiv (${terminal} zensiert)`,
  recGhoshLinName: "Ghosh-Lin",
  recYLabel: "Mittlere Anzahl Ereignisse pro Patient",
  recPlotTitle: (label) => `${label}: mittlere Anzahl Ereignisse`,
  recFigureTitle: (label) => `${label}: mittlere Anzahl Ereignisse pro Patient.`,
  recFigureCaption: (by, terminal, cut, population) =>
    `Mittlere Anzahl Ereignisse (Ghosh-Lin-Schätzer)${by === null ? "" : ` nach ${quotedDe(by)}`} mit ${terminal} als terminalem Ereignis (wie mets::recurrentMarginal), 95%-KI aus der robusten Varianz; die naive mittlere kumulative Funktion, die bei ${terminal} zensiert, ist nur zum Vergleich und ohne KI dargestellt. Unter Beobachtung: lebende, noch nachbeobachtete Patienten, für beide Schätzer dieselben.${cut === null ? "" : ` Die Kurven enden, wo weniger als ${cut} Patienten unter Beobachtung verbleiben.`} Population: ${population}.`,
  mcfRiskTitle: "Unter Beobachtung",
  mcfTitle: "Mittlere kumulative Funktion",
  mcfDescription: (yTitle, groups, risk) => `${yTitle}${groups === null ? "" : ` nach Gruppe: ${groups}`}${risk ? ", mit der Anzahl unter Beobachtung" : ""}.`,
  rcTitle: (label) => `${label}: Ereignisse pro Patient`,
  rcEvents: "Ereignisse",
  rcPatients: "Patienten",
  rcFoot: (label, index) => `Ereignisse: jedes erfasste Datum von „${label}“${index === null ? "" : " nach dem ersten (die Indexoperation, nicht gezählt)"}.`,
  rmTitle: (label) => `${label}: Modelle für wiederkehrende Ereignisse`,
  rmCovariate: "Kovariable",
  rmHr: (model) => `${recurrentModelDe(model)}: HR (95%-KI)`,
  rmFootFollowUp: (events, patients, fromOperation, endpoint) => `${events} Ereignisse bei ${patients} Patienten, Nachbeobachtung ${fromOperation ? "ab der Indexoperation" : `ab dem Ursprung von ${endpoint}`} bis zum Ereignis oder zur Zensierung. Robuste (Sandwich-)Varianz, geclustert nach Patient.`,
  rmFootModel: (model, call, kind) =>
    `${recurrentModelDe(model)}: ${call}${kind === "ag" ? " — alle Ereignisse teilen sich ein gemeinsames Baseline-Hazard (Ratenverhältnis)" : kind === "pwp-total" ? " — die Risikomenge des k-ten Ereignisses enthält Patienten mit k − 1 Ereignissen, Zeit seit dem Ursprung" : " — die Risikomenge des k-ten Ereignisses enthält Patienten mit k − 1 Ereignissen, Zeit seit dem vorigen Ereignis"}.`,
  whyShortSampleSize: (available, availableEvents, n, events) =>
    `das Modell wurde an ${available} Patienten (${availableEvents} Ereignisse) angepasst, weniger als die ${n} Patienten (${events} Ereignisse), die die Mindestfallzahl für ein Prognosemodell verlangt (Riley et al. 2020)`,
  whyShortNoSignal: "das Modell erklärt nicht mehr als der Zufall (Likelihood-Quotienten-Statistik nicht größer als die Zahl seiner Koeffizienten)",
  whyShortC: (corrected, c, auc, minimum) =>
    `Harrells C ${corrected ? "nach Optimismuskorrektur" : "ohne Optimismuskorrektur"} ${c}${auc === null ? "" : ` und AUC ${auc}`}, unter ${minimum}`,
  transparencyOnly: (why) => `Das Modell wird zur Transparenz berichtet; Rechner und Nomogramm werden nicht angeboten: ${why}.`,
  tripodModelWithheld: (population, diverging, shrinkage) =>
    `10a–10b Modell: Cox-Proportional-Hazards-Modell bei ${population}, stetige Prädiktoren stetig (linear), keine Variablenselektion${diverging === null ? "" : ` (divergierende Terme ausgeschlossen: ${diverging})`}; Bindungen nach Efron${shrinkage === null ? "" : `; einheitliche Schrumpfung um ${shrinkage}, die neue Patienten bräuchten (Nomogramm und Rechner werden nicht angeboten)`}.`,
  puCorrectedCalWithheld: (b, ici, iciApparent, e50, e90) =>
    ` Für neue Patienten, die optimismuskorrigierten Vorhersagen des geschrumpften Modells (${b} Bootstrap-Replikationen): ICI ${ici} (unkorrigiert ${iciApparent}), E50 ${e50}, E90 ${e90} – Mittelwert, Median und 90. Perzentil der absoluten Differenz zwischen vorhergesagtem und beobachtetem Risiko.`,
  dcModelWithheld: "Entscheidung nach dem vorhergesagten Risiko des Modells",
  dtFootWithheld: (time, risk, b, shrinkage) =>
    `Risiko für Tod bis ${time} nach Kaplan-Meier: ${risk}% aller dieser Patienten. Der Nettonutzen von „niemand“ ist 0. Unkorrigiert (an denselben Patienten gemessen)${b === null ? "" : `; optimismuskorrigiert mit ${b} Bootstrap-Replikationen (Methode nach Harrell, jede Neuanpassung wie das berichtete Modell um ${shrinkage} geschrumpft)`}.`,
  whySep: "; ",
  ssIntro: (parameters, horizon, verdict) =>
    `Mindestfallzahl des Prognosemodells (Riley et al. 2019, 2020): die kleinste Zahl von Patienten, bei der ein Modell mit ${parameters} Parametern voraussichtlich wenig Schrumpfung braucht, wenig Optimismus zeigt und das Gesamtrisiko eines Ereignisses innerhalb von ${dat(horizon)} präzise schätzt; Rechner und Nomogramm werden nur angeboten, wenn das Modell an mindestens so vielen Patienten angepasst wurde. ${verdict}`,
  ssEnoughPatients: (n, events, min, minEvents) => `Die ${n} Patienten (${events} Ereignisse) erreichen das Minimum von ${min} Patienten (etwa ${minEvents} Ereignisse).`,
  ssShortPatients: (n, events, min, minEvents) =>
    `Die ${n} Patienten (${events} Ereignisse) bleiben unter dem Minimum von ${min} Patienten (etwa ${minEvents} Ereignisse): Das Modell ist voraussichtlich überangepasst und seine an denselben Patienten gemessene Güte zu optimistisch.`,
  ssRateUnits: (rate, per, followUp, horizon, risk, lower, upper, km) =>
    `Ereignisrate ${rate} Ereignisse pro Patient und ${per} Nachbeobachtung; mittlere Nachbeobachtung ${followUp}; Gesamtrisiko eines Ereignisses innerhalb von ${dat(horizon)} ${risk} (exponentielle Näherung aus der Ereignisrate, wie in pmsampsize${km === "" ? "" : `; Kaplan-Meier-Schätzer ${km}`}; 95%-KI ${lower}–${upper} bei der Mindestzahl von Patienten).`,
  sumRiley: (n, events, shrinkage, optimism, risk, availableN, availableEvents, enough) =>
    `  Mindestfallzahl nach Riley: mindestens ${n} Patienten (etwa ${events} Ereignisse), das größte der drei Kriterien (erwartete Schrumpfung ${shrinkage}, Optimismus ${optimism}, präzises Gesamtrisiko ${risk} Patienten); das Modell hat ${availableN} Patienten (${availableEvents} Ereignisse)${enough ? "" : ": zu wenige (deshalb weder Rechner noch Nomogramm)"}`,
};

/** German templates of the engine texts of this part (LONG_TERM_PATTERNS). */
export const longTermTextsDe: Readonly<Record<LongTermTextId, EngineTemplate>> = {
  ltPopulationFromTreatment: ({ g }) => `${g.kind === "treated" ? "behandelte" : "unbehandelte"} Patienten (${g.arm}) ab dem Behandlungsdatum`,
  ltPopulationArm: ({ g }) => `${g.kind === "treated" ? "behandelte" : "unbehandelte"} Patienten (${g.arm})`,
  ltPopulationAllOrigin: () => "alle Patienten ab dem Ursprung des Endpunkts",
  ltPopulationAll: () => "alle Patienten",
  ltEventRelative: ({ g }) =>
    `${g.what === "mortality" ? "Exzessmortalität" : `Exzess an ${(g.what ?? "").replace(/^the event of /, "")}`} gegenüber der Allgemeinbevölkerung gleichen Alters, Geschlechts und Kalenderjahres (relatives Überleben: Todesfälle an der Erkrankung, unabhängig von der dokumentierten Ursache)`,
  ltModelPatientsIncidence: ({ g }) => `die ${g.n} Patienten des Modells, mit ${g.t} im Inzidenzmodell`,
  ltModelPatientsOneArm: ({ g }) => `die ${g.n} Patienten des Modells (alle mit demselben Status für ${g.t})`,
  ltModelPatientsPooled: ({ g }) => `die ${g.n} Patienten des Modells, behandelte und unbehandelte zusammen (${g.t} ist nicht im Modell)`,
  ltModelPatients: ({ g }) => `die ${g.n} Patienten des Modells`,
  ltPopulationN: ({ g, t }) => `die ${g.n} ${weak(t(g.who ?? ""))}`,
  ltVerdictInconclusive: ({ g }) =>
    `Nicht entscheidbar: Die Prüfung stützt sich auf ${events_(g.e)} zwischen ${g.a} und ${g.b} (das Maller-Zhou-Fenster vor dem letzten Ereignis) und ${beyondPatients(g.n, g.last)}; weniger als ${g.min} von beidem sind zu wenige, um zu entscheiden, ob die Nachbeobachtung lang genug ist (Maller-Zhou-p = ${g.p}).`,
  ltVerdictSufficient: ({ g }) =>
    `Nachbeobachtung nach dem Maller-Zhou-Test lang genug (p = ${g.p} < ${g.alpha}), gestützt auf ${events_(g.e)} zwischen ${g.a} und ${g.b} (das Maller-Zhou-Fenster vor dem letzten Ereignis) und ${beyondPatients(g.n, g.last)}.`,
  ltVerdictNotShown: ({ g }) =>
    `Ausreichende Nachbeobachtung nicht gezeigt (Maller-Zhou-p = ${g.p} ≥ ${g.alpha}${g.minPlateau === undefined ? "" : ` oder ein Plateau kürzer als ${g.minPlateau}`}), gestützt auf ${events_(g.e)} zwischen ${g.a} und ${g.b} (das Maller-Zhou-Fenster vor dem letzten Ereignis) und ${beyondPatients(g.n, g.last)}.`,
  ltFitCaption: ({ g }) => {
    const u = UNIT_DE[g.unit ?? ""] ?? g.unit;
    const side = (x: string): string => (x === "above" ? "oberhalb" : "unterhalb");
    const of = `des Kaplan-Meier-Schätzers (±${g.hw}; ${g.rep} Stichproben, Seed ${g.seed})`;
    const outside = (g.outside ?? "").replace(/\((above|below), /g, (_m, x: string) => `(${side(x)}, `).replace(/ (days|weeks|months|years)\)/g, (_m, x: string) => ` ${UNIT_DE[x] ?? x})`);
    return (
      `Größter Abstand zwischen Modellkurve und Kaplan-Meier-Schätzer: ${g.d} bei ${g.at} ${u} (Modell ${side(g.side ?? "")})` +
      `${g.from === undefined ? "" : `; das Modell liegt von ${g.from} bis ${g.to} ${u} oberhalb des Kaplan-Meier-Schätzers`}` +
      `; ${g.inside === "stays inside" ? `die Modellkurve bleibt innerhalb des simultanen ${g.level}%-Bootstrap-Bandes ${of}` : `die Modellkurve verlässt das simultane ${g.level}%-Bootstrap-Band ${of} ${outside}`}.`
    );
  },
  ltCriterionAic: () => "kleinstes AIC unter den konvergierten Anpassungen",
  ltProfileQuartile: ({ g }) => `${g.label} = ${g.v} (${QUARTILE[g.q ?? ""] ?? g.q}${g.i === undefined ? "" : ", interpoliert"})`,
  ltQuartileValue: ({ g }) => `${g.v} (${QUARTILE[g.q ?? ""] ?? g.q}${g.i === undefined ? "" : ", interpoliert"})`,
  ltTerminalDeath: () => "Tod",
  ltTerminalEvent: ({ g }) => `das Ereignis ${g.ep}`,
};
