/**
 * Der Methodenteil auf Deutsch (src/report/methods-text.ts; English reference: src/i18n/methods-en.ts).
 * Terms as in German-language clinical journals (Dtsch Arztebl, Der Chirurg): Kaplan-Meier-Methode,
 * Log-Rank-Test, Konfidenzintervall, Cox-Regression, Propensity Score, Matching, Caliper, inverse
 * Wahrscheinlichkeitsgewichtung (IPTW), standardisierte Mittelwertdifferenz, robuste Varianz,
 * restriktive mittlere Überlebenszeit (RMST), konkurrierende Risiken, Immortal-Time-Bias,
 * Target-Trial-Emulation, Heilungsanteil, Störgröße. Labels keep their capital (German nouns).
 */
import type { MethodsMessages } from "./methods-en.js";
import { quotedDe } from "./quote-de.js";

const UNITS: Readonly<Record<string, readonly [string, string]>> = {
  // nominative plural, dative plural ("nach 12 Monaten")
  days: ["Tage", "Tagen"],
  weeks: ["Wochen", "Wochen"],
  months: ["Monate", "Monaten"],
  years: ["Jahre", "Jahren"],
};

/** The dative plural of a German unit already in the nominative ("Monate" → "Monaten"); other words as they are. */
function dat(u: string): string {
  for (const [nom, d] of Object.values(UNITS)) if (u === nom || u.endsWith(` ${nom}`)) return u.slice(0, u.length - nom.length) + d;
  return u;
}

const TESTS: Readonly<Record<string, string>> = {
  "welch-t": "dem Welch-t-Test",
  wilcoxon: "dem Wilcoxon-Rangsummentest",
  chisq: "dem Chi-Quadrat-Test nach Pearson",
  "chisq-yates": "dem Chi-Quadrat-Test nach Pearson mit Yates-Korrektur",
  fisher: "dem exakten Test nach Fisher",
};

const ESTIMATORS: Readonly<Record<string, string>> = {
  gformula: "die G-Formel (Standardisierung eines Cox-Modells für Behandlung und Kovariablen)",
  iptw: "inverse Wahrscheinlichkeitsgewichtung der Behandlung mit Zensierungsgewichten",
  aipw: "augmentierte inverse Wahrscheinlichkeitsgewichtung (doppelt robust)",
};

/** A spec label (English, as the user wrote it) inside a German sentence, in German quotes; the column fallback
 * ("dem Datum in der Spalte …", `originColumn`) is already German and stays as it is (referee B24). */
function quotedOrigin(origin: string): string {
  return origin.startsWith("dem Datum in der Spalte ") ? origin : `„${origin}“`;
}

/** A spec label (endpoint, treatment, cause, covariate) inside a German sentence, in German quotes (referee B24); the
 * German fallback words for a treatment without a label ("Behandlung", "der Behandlung") as they are. */
function q(label: string): string {
  return label === "Behandlung" || label === "der Behandlung" ? label : quotedDe(label);
}

export const methodsDe: MethodsMessages = {
  listSep: ", ",
  listAnd: " und ",
  numberSep: "; ",
  joinSentences: (a, b) => `${a} ${b}`,
  quantity: (n, u) => `${n} ${u}`,
  lowerLabels: false,
  unitText: (u) => (u === "days" ? "Tagen" : u === "months" ? "Monaten (zu 30,4375 Tagen)" : u === "years" ? "Jahren (zu 365,25 Tagen)" : u === "weeks" ? "Wochen" : `der Einheit ${u}`),
  unit: (u) => UNITS[u]?.[0] ?? u,
  treatmentFallback: "Behandlung",
  theTreatmentFallback: "der Behandlung",
  followUpOrTreatment: "Nachbeobachtung oder Behandlung",
  droppedItem: (what, count) => `${what} bei ${count}`,
  droppedPatients: (total, what) => `${total} ${total === 1 ? "Patient" : "Patienten"} (fehlend: ${what})`,
  dataSetHeld: (n) => `Der Datensatz umfasste ${n} Patienten.`,
  excludedReason: (reason, count) => `${reason}: ${count}`,
  endpointExcluded: (label, excluded, reasons, analysed) => `Für ${q(label)} wurden ${excluded} Patienten ausgeschlossen (${reasons}); ausgewertet wurden ${analysed}.`,
  ccPropensity: (dropped, n) => `${dropped} aus den Propensity-Score- und Behandlungseffekt-Analysen (${n} ausgewertet)`,
  ccMultivariable: (dropped, n) => `${dropped} aus dem multivariablen Cox-Modell (${n} ausgewertet)`,
  completeCasesLeftOut: (mi, what) =>
    `${mi ? "Abgesehen von der unten beschriebenen multiplen Imputation wurden fehlende Kovariablenwerte nicht imputiert" : "Fehlende Kovariablenwerte wurden nicht imputiert"}: Jedes Modell verwendete die vollständigen Fälle seiner eigenen Kovariablen; dadurch fielen ${what} heraus. Univariable Modelle schlossen nur die Patienten aus, bei denen die jeweilige Kovariable fehlte.`,
  completeCases: (mi) => `Jedes Modell verwendete die vollständigen Fälle seiner eigenen Kovariablen (fehlende Werte wurden nicht imputiert${mi ? ", außer in der unten beschriebenen multiplen Imputation" : ""}).`,
  miFitted: (coxModel, m, iterations, n, nMissing, checked) =>
    `${coxModel ? "Das multivariable Cox-Modell" : "Der Behandlungsvergleich"} wurde zusätzlich mit multipler Imputation durch verkettete Gleichungen geschätzt (${m} Imputationen, ${iterations} Iterationen; Predictive Mean Matching für numerische, logistische und polytome Regression für kategoriale Kovariablen, wie R mice; geprüft gegen ${checked}), mit dem Ereignisindikator und der kumulativen Nelson-Aalen-Hazardfunktion in jedem Imputationsmodell (White & Royston 2009), an allen ${n} Patienten (${nMissing} mit einer fehlenden Modellkovariable); die Schätzer wurden nach den Rubin-Regeln mit Freiheitsgraden nach Barnard und Rubin zusammengefasst.`,
  miWithin: (m, contrasts) =>
    `Die Propensity-Score-Analysen wurden in jedem vervollständigten Datensatz durchgeführt („Within“-Ansatz; Leyrat et al. 2019): In jedem der ${m} Datensätze wurde der Propensity Score geschätzt, wurden die Patienten gematcht und gewichtet und die Outcome-Modelle angepasst; Hazard Ratios wurden auf der logarithmischen Skala zusammengefasst${contrasts ? ", standardisierte Überlebens- und RMST-Differenzen auf der Identitätsskala (Überlebensverhältnisse auf der logarithmischen Skala)" : ""}, und die Kovariablenbalance wurde über die Imputationen gemittelt.`,
  miPrimary: (miPrimary, within) =>
    `${miPrimary ? "Hauptansatz bei fehlenden Kovariablen war die multiple Imputation, die Analysen vollständiger Fälle waren Sensitivitätsanalysen" : "Hauptansatz bei fehlenden Kovariablen waren vollständige Fälle, die Analysen mit multipler Imputation waren Sensitivitätsanalysen"}; die ${within ? "Immortal-Time-" : "Propensity-Score-, Immortal-Time-"} und Prognosemodell-Analysen bleiben Analysen vollständiger Fälle.`,

  firstOfDates: (dates) => `zum frühesten seiner Ereignisdaten (${dates})`,
  theEvent: "zum Datum des Ereignisses",
  eventOf: (endpoint) => `Ereignis des Endpunkts ${q(endpoint)}`,
  columnDate: (col) => `Spalte ${col}`,
  eventNamed: (event) => `zum Ereignis ${quotedDe(event)}`,
  eventNamedFirst: (event) => `zum Ereignis ${quotedDe(event)} (dem frühesten seiner Ereignisdaten)`,
  eventNamedDate: (event) => `Datum des Ereignisses ${quotedDe(event)}`,
  lastFollowUp: "zum Datum der letzten Nachbeobachtung",
  cutoffClause: (cutoff) => ` bzw. zum administrativen Stichtag ${cutoff}, je nachdem, was früher war`,
  originColumn: (col) => `dem Datum in der Spalte ${col}`,
  endpointDates: (label, origin, events, censor, cutoff) => `Der Endpunkt „${label}“ wurde ab ${quotedOrigin(origin)} bis ${events} gemessen; Patienten ohne Ereignis wurden ${censor}${cutoff} zensiert.`,
  valuesOr: " oder ",
  endpointContact: (label, origin, values, cutoff) =>
    `Der Endpunkt „${label}“ wurde ab ${quotedOrigin(origin)} bis zum letzten Kontakt gemessen; der Vitalstatus ${values} kennzeichnete das Ereignis, die übrigen Patienten wurden zum letzten Kontakt${cutoff} zensiert.`,
  endpointColumns: (label, u, values) => `Der Endpunkt „${label}“ wurde aus der erfassten Nachbeobachtungszeit (in ${u}) und dem Ereignisstatus (Ereignis: ${values}) übernommen.`,
  timeIn: (units) => `Zeiten sind in ${units} angegeben.`,
  medianFollowUp: "Die mediane Nachbeobachtungszeit wurde mit der umgekehrten Kaplan-Meier-Methode geschätzt.",
  endpointNamed: (label, name) => `${quotedDe(label)} (${name})`,
  unusedEndpoints: (endpoints, one) =>
    `${one ? "Der Endpunkt" : "Die Endpunkte"} ${endpoints} ${one ? "wurde" : "wurden"} in der Studienspezifikation definiert, aber von keiner Analyse verwendet: ${one ? "Seine" : "Ihre"} Ereignisse und Nachbeobachtung sind oben beschrieben, ein Schätzer wird nicht berichtet (als Endpunkt einer Analyse angeben oder aus der Spezifikation entfernen).`,

  kmEstimated: (pct, confType, variance) => `Das Überleben wurde mit der Kaplan-Meier-Methode mit ${pct}%-Konfidenzintervallen (${confType}-Transformation, Varianz nach ${variance}) geschätzt`,
  greenwood: "Greenwood",
  logrankTest: "Log-Rank-Test",
  otherTest: (method, rho) => (rho === "" ? `${method}-Test` : `${method}-Test (rho = ${rho})`),
  kmCompared: (between, test) => ` und ${between ? "zwischen den Gruppen " : ""}mit dem ${test} verglichen`,
  sentenceEnd: ".",
  lrOnly: (test) => `Das Überleben wurde zwischen den Gruppen mit dem ${test} verglichen.`,
  cumulativeIncidence: (label, causes, gray) =>
    `Für ${q(label)} wurde die kumulative Inzidenz jeder Ursache (${causes}) mit dem Aalen-Johansen-Schätzer und der Varianz nach Gray geschätzt, wobei die jeweils anderen Ursachen als konkurrierende Ereignisse galten${gray ? ", und zwischen den Gruppen mit dem Gray-Test verglichen" : ""}.`,
  crModels: "Die Effekte der Kovariablen auf jede Ursache wurden als ursachenspezifische Hazard Ratios (Cox-Modelle, andere Ursachen zensiert) und als Subdistributions-Hazard-Ratios (Fine-Gray-Modelle) geschätzt.",
  rmst: (tau, u) => `Die restriktive mittlere Überlebenszeit (RMST) bis ${tau} ${u} wurde zwischen den Gruppen als Differenz und als Verhältnis verglichen (Plug-in-Varianz nach Greenwood).`,

  table1: (tests) => `Die Ausgangsmerkmale wurden als Mittelwert (SD) bzw. Median [Interquartilsabstand] und n (%) beschrieben${tests !== "" ? ` und mit ${tests} verglichen` : ""}.`,
  testLabel: (id) => TESTS[id] ?? id,
  table1Smd: (formula) => `Die Balance zwischen den Gruppen wurde mit standardisierten Mittelwertdifferenzen gemessen (SMD; ${formula}).`,

  coxModels: (efron, robust, design) =>
    `Prognosefaktoren wurden mit Cox-Regressionsmodellen (proportionale Hazards; ${efron ? "Efron" : "Breslow"}-Methode für Bindungen${robust ? ", robuste Varianz" : ""}) untersucht${design === "both" ? ", zunächst univariabel und anschließend in einem multivariablen Modell" : design === "multivariable" ? " in einem multivariablen Modell" : ", jeweils univariabel"}.`,
  coxUnivariable: (covs) => `Die univariablen Modelle umfassten ${covs}.`,
  coxCutoffs: (labels) => `Stetige Kovariablen wurden zusätzlich an vorab festgelegten Grenzwerten dichotomisiert analysiert (${labels}).`,
  coxMultivariable: (terms) => `Das multivariable Modell enthielt ${terms}.`,
  coxZph: "Die Proportional-Hazards-Annahme wurde mit skalierten Schoenfeld-Residuen geprüft (Tests je Term und global).",
  firthUnivariable: (label) => `das univariable Modell für ${q(label)}`,
  firthMultivariable: "das multivariable Modell",
  coxFirth: (models) => `Wo ein Koeffizient divergierte (monotone Likelihood: ${models}), wurde stattdessen die penalisierte partielle Likelihood nach Firth angepasst (Heinze und Schemper 2001; R coxphf), deren Schätzer berichtet werden.`,

  psModel: (firth) => (firth ? "logistischer Regression mit penalisierter Likelihood nach Firth" : "logistischer Regression"),
  psEstimated: (treatment, model, covs, n) => `Propensity Scores (die Wahrscheinlichkeit für ${q(treatment)} gegeben die Kovariablen) wurden mittels ${model} mit ${covs} geschätzt (${n} Patienten mit vollständigen Kovariablen).`,
  psDistance: (logit) => (logit ? "dem Logit des Propensity Scores" : "dem Propensity Score"),
  caliper: (width, sd, distance) => ` innerhalb eines Calipers von ${width} ${sd ? "SD" : "Einheiten"} auf ${distance}`,
  orderRandom: (seed) => `in zufälliger Reihenfolge, Seed ${seed}`,
  orderData: "in der Reihenfolge der Daten",
  orderPs: (order) => (order === "largest" ? "größter Propensity Score zuerst" : order === "smallest" ? "kleinster Propensity Score zuerst" : `${order} Propensity Score zuerst`),
  exactOn: (covs) => `, exakt nach ${covs}`,
  fullMatching: (distance, caliper, exact, maxControls, tMatched, t, cMatched, c, estimand) =>
    `Die Patienten wurden durch optimales Full Matching (Hansen 2004) auf ${distance}${caliper}${exact} gruppiert: Subklassen aus einem behandelten und einem oder mehreren unbehandelten Patienten oder aus einem unbehandelten und einem oder mehreren behandelten Patienten mit minimaler Gesamtdistanz innerhalb der Subklassen${maxControls !== "" ? ` (höchstens ${maxControls} unbehandelte je behandelten Patienten)` : ""}; ${tMatched} von ${t} behandelten und ${cMatched} von ${c} unbehandelten Patienten wurden einer Subklasse zugeordnet und wie in MatchIt für den ${estimand} gewichtet. Der Effekt wurde mit gewichteter Cox-Regression und nach Subklasse geclusterten robusten Standardfehlern geschätzt.`,
  pairMatching: (ratio, nearest, distanceClause, replace, caliper, exact, order, matched, treated) =>
    `Behandelte Patienten wurden 1:${ratio} mit unbehandelten Patienten gematcht, ${nearest ? "nach dem Nearest-Neighbour-Verfahren" : "durch optimales Matching"}${distanceClause !== "" ? ` auf ${distanceClause}` : ""} ${replace ? "mit" : "ohne"} Zurücklegen${caliper}${exact} (${order}); ${matched} von ${treated} behandelten Patienten wurden gematcht. Das Überleben in der gematchten Stichprobe wurde mit der Kaplan-Meier-Methode geschätzt und mit dem Log-Rank-Test verglichen.`,
  trimming: (lower, upper) => `, nach Trimmen der Propensity Scores außerhalb von [${lower}; ${upper}]`,
  truncation: (pct) => `, beim ${pct}. Perzentil gekappt`,
  iptw: (estimand, description, weights, trimming, truncation) =>
    `Gewichte der inversen Behandlungswahrscheinlichkeit (IPTW) für den ${estimand} (${description}) wurden als ${weights} berechnet${trimming}${truncation}; gewichtete Kaplan-Meier-Kurven schätzen das adjustierte Überleben.`,
  iptwBiased: (estimand, biased) =>
    `Die Gewichte zielen auf den ${estimand}; der gewichtete Vergleich erfolgt jedoch nach jemals erhaltener Behandlung ab dem Ausgangszeitpunkt und ist durch das Design verzerrt (${biased === "immortal time" ? "Immortal-Time-Bias" : biased}), schätzt ihn also nicht.`,
  balance: (what, n, formula, rule) =>
    `Die Kovariablenbalance vor und nach ${what === "both" ? "Matching und Gewichtung" : what === "matching" ? "Matching" : "Gewichtung"} wurde mit standardisierten Mittelwertdifferenzen (SMD), Varianzverhältnissen und Kolmogorov-Smirnov-Statistiken beurteilt, jeweils an den ${n} Patienten mit vollständigen Propensity-Kovariablen; ${formula}. Ein Kovariablenterm galt als balanciert, wenn ${rule}.`,

  clusteredOn: (what) => `, geclustert nach ${what}`,
  crude: "ohne Adjustierung (roh)",
  multivariable: "adjustiert für die Kovariablen des Propensity-Modells (multivariabel)",
  modelBased: (designs) => `${designs}, jeweils mit der modellbasierten Varianz`,
  matchedAlone: (cluster) => `mit der Behandlung allein und robuster Varianz${cluster} (Austin 2013)`,
  matchedStratified: "stratifiziert nach Matching-Set",
  matchedAdjusted: (cluster) => `adjustiert für die Kovariablen (robuste Varianz${cluster})`,
  inMatched: (models) => `in der gematchten Stichprobe ${models}`,
  weightedAlone: "mit der Behandlung allein",
  weightedAdjusted: "adjustiert für die Kovariablen",
  robustSandwich: "einer robusten Sandwich-Varianz, die die Gewichte als bekannt behandelt",
  mEstimation: "einer M-Schätzer-Varianz, die auch die Schätzung des Propensity Scores berücksichtigt (Shu et al. 2021)",
  inWeighted: (models, each, variances) => `in der gewichteten Stichprobe ${models}, ${each ? "jeweils mit" : "mit"} ${variances}`,
  designSep: "; ",
  effectEstimated: (treatment, endpoint, designs) => `Der Effekt ${treatment === "der Behandlung" ? treatment : `von ${q(treatment)}`} auf ${q(endpoint)} wurde als Hazard Ratio aus Cox-Modellen geschätzt: ${designs}.`,
  refusedItem: (model, events, parameters) => `${model}, ${events} Ereignisse für ${parameters} Parameter`,
  ccwArmTreat: "Behandlungsstrategie",
  ccwArmControl: "Strategie ohne Behandlung",
  ccwBelowFloor: (items) => `Die Zensierungsmodelle von Klonen-Zensieren-Gewichten wurden unterhalb dieser Grenze angepasst (${items}), da ohne sie keine Gewichte gebildet werden können; ihre Intervalle sind gekennzeichnet.`,
  refusedModels: (floor, items) => `Kovariablenadjustierte Modelle mit weniger als ${floor} Ereignissen pro Parameter wurden nicht geschätzt (Vittinghoff und McCulloch 2007): ${items}.`,
  primary: (label, declared, defaultOrder, biased) =>
    `Die Primäranalyse war ${label}${declared ? ", wie in der Studienspezifikation festgelegt" : `, gewählt nach der Standardregel von survinfer (nicht in der Studienspezifikation festgelegt: die erste schätzbare aus ${defaultOrder}; nie ein durch Immortal Time verzerrtes Design)`}${biased !== "" ? `, obwohl sie durch das Design verzerrt ist (${biased})` : ""}; die übrigen Schätzer sind Sensitivitätsanalysen.`,
  noPrimary: (biased) => `Kein Schätzer des Behandlungseffekts wurde als primär gewählt: Jeder vergleicht Patienten nach jemals erhaltener Behandlung ab dem Ausgangszeitpunkt und ist durch das Design verzerrt (${biased}); alle werden als Sensitivitätsanalysen berichtet.`,
  survivalAt: (times, u) => `des Überlebens nach ${times} ${dat(u)}`,
  rmstUpTo: (tau, u) => `der restriktiven mittleren Überlebenszeit bis ${tau} ${u}`,
  weighted: "gewichteten",
  matched: "gematchten",
  absolute: (what, samples, bootstrap) =>
    `Absolute Effekte wurden als Differenzen (behandelt − unbehandelt) ${what} zwischen den ${samples} Kaplan-Meier-Kurven geschätzt${bootstrap ? ", mit Bootstrap-Perzentil-Konfidenzintervallen" : "; ohne Bootstrap haben diese Differenzen kein Konfidenzintervall"}.`,
  eValue: "Die Robustheit jeder Hazard Ratio gegenüber nicht gemessenen Störgrößen wird durch ihren E-Wert angegeben (VanderWeele und Ding 2017).",

  atm: (discarded, total, kept) =>
    `Beim Matching wurden ${discarded} von ${total} behandelten Patienten ohne akzeptablen Partner verworfen; die gematchten Analysen schätzen daher den Effekt bei den gematchten Behandelten (ATM: ${kept} von ${total} behandelten Patienten behalten), nicht den durchschnittlichen Effekt bei den Behandelten (ATT).`,
  att: (total) => `Beim Matching wurden alle ${total} behandelten Patienten behalten; die gematchten Analysen schätzen daher den Effekt bei den Behandelten (ATT).`,
  marginal: (models) => `Die Cox-Modelle mit der Behandlung allein in der gematchten bzw. gewichteten Stichprobe (${models}) schätzen marginale (populationsgemittelte) Hazard Ratios.`,
  conditional: (models) =>
    `Die stratifizierten und für Kovariablen adjustierten Modelle (${models}) schätzen bedingte Hazard Ratios; diese unterscheiden sich auch ohne Confounding von marginalen, weil die Hazard Ratio nicht kollabierbar ist (Hernán 2010).`,
  notPotentialBiased:
    "Hazard Ratios werden nicht als Kontraste potenzieller Outcomes gelesen; ebenso wenig die adjustierten Überlebenskurven von Patienten, die nach jemals erhaltener Behandlung gruppiert sind und Immortal Time enthalten – nur die Kontraste der Designs, die diese berücksichtigen (Klonen-Zensieren-Gewichten).",
  notPotential: "Hazard Ratios werden nicht als Kontraste potenzieller Outcomes gelesen; die adjustierten Überlebenskurven und restriktiven mittleren Überlebenszeiten dagegen schon.",
  bootstrap: (replicates, pct) =>
    `Bootstrap-Perzentil-Intervalle beruhen auf ${replicates} Replikationen, die Patienten innerhalb der Behandlungsgruppen neu zogen und die gesamte Auswertung wiederholten; Replikationen, deren Anpassung scheiterte oder divergierte (keine Konvergenz, |log Hazard Ratio| > 10, ein unendlicher Koeffizient oder eine geleerte Gruppe), wurden ausgelassen, und ein Schätzer mit mehr als ${pct}% solcher Replikationen wird als per Bootstrap nicht schätzbar berichtet.`,

  adjustedEstimator: (id) => ESTIMATORS[id] ?? id,
  adjustedCurves: (rmst, treatedOnly, estimators, checked) =>
    `Adjustierte Überlebenskurven und absolute Behandlungseffekte (Überlebensdifferenzen und -verhältnisse${rmst ? " sowie die Differenz der restriktiven mittleren Überlebenszeit" : ""}) für ${treatedOnly ? "die behandelten Patienten" : "alle Patienten"} wurden durch ${estimators} geschätzt, wie in R riskRegression::ate (geprüft gegen ${checked}), mit Standardfehlern aus Einflussfunktionen, die die Anpassung der Outcome-, Propensity- und Zensierungsmodelle berücksichtigen.`,

  immortalIntro: (treatment, label, wait, u) =>
    `Da die Behandlung${treatment === "Behandlung" ? "" : ` („${treatment}“)`} nach dem Ausgangszeitpunkt von „${label}“ stattfand${wait !== "" ? ` (im Median ${wait} ${u} später)` : ""}, schreibt ein Vergleich der Patienten nach erhaltener Behandlung, gerechnet ab dem Ausgangszeitpunkt, den Behandelten die Zeit vor der Behandlung gut (Immortal-Time-Bias; Suissa 2008); er wird nur zum Vergleich gezeigt.`,
  noCovariates: "keinen Kovariablen",
  censoringPeriods: (k) => `, dessen Koeffizienten sich zwischen ${k} Perioden ändern`,
  censoringOnePeriod: " mit einer Periode (konstante Koeffizienten)",
  censoringPiecewise: (covs, periods) =>
    `Modellen der Abweichung mit ${covs} (in der Behandlungsstrategie eine logistische Regression dafür, bis zum Ende der Karenzzeit nicht behandelt zu sein; in der Strategie ohne Behandlung ein Cox-Modell der Zeit bis zur Behandlung${periods}; Perioden werden nur mit mindestens 10 Behandlungen innerhalb der Karenzzeit je Parameter in jeder Periode verwendet)`,
  censoringCox: (covs) => `einem Cox-Modell der Zeit bis zur Abweichung mit ${covs}`,
  ccwAt: (times, u) => ` nach ${times} ${dat(u)}`,
  ccwRmst: (tau, u) => ` und die restriktive mittlere Überlebenszeit bis ${tau} ${u}`,
  ccwBootstrap: (replicates) => `mit Konfidenzintervallen aus ${replicates} nichtparametrischen Bootstrap-Replikationen (Patienten neu gezogen, gesamtes Verfahren wiederholt): für die Überlebensdifferenzen Schätzwert ± 1,96 × der größere der beiden SE (Bootstrap- und Infinitesimal-Jackknife-SE), für die RMST-Differenz Perzentilgrenzen (die Überdeckung des Intervalls der Überlebensdifferenzen wurde in Simulationen nur für Kohorten von 300 bis 2000 Patienten geprüft; kleinere Kohorten liegen außerhalb dieser Prüfung)`,
  ccwNoBootstrap: "ohne Bootstrap (keine Konfidenzintervalle)",
  weightsKind: (kind) => (kind === "unstabilized" ? "nicht stabilisiert" : kind === "stabilized" ? "stabilisiert" : kind),
  ccwHrPercentile: ", sowie ein Bootstrap-Perzentilintervall aus denselben Replikationen",
  ccw: (grace, weights, model, at, rmst, bootstrap, hrPercentile) =>
    `Emulation einer Zielstudie (Target Trial) mit Behandlung innerhalb von ${dat(grace)} nach dem Ausgangszeitpunkt (Karenzzeit, Grace Period) gegenüber keiner Behandlung innerhalb von ${dat(grace)} durch Klonen, Zensieren und Gewichten (Hernán und Robins 2016; Maringe et al. 2020): Jeder Patient wurde in beide Strategien geklont, Klone wurden bei Abweichung von ihrer Strategie zensiert, und die künstliche Zensierung wurde durch Inverse-Probability-of-Censoring-Gewichte (${weights}) aus ${model} korrigiert; gewichtete Kaplan-Meier-Kurven je Strategie ergaben das Überleben${at}${rmst} und deren Differenzen, ${bootstrap}; ein gewichtetes Cox-Modell auf den Klonen ergab eine Per-Protocol-Hazard-Ratio mit robuster, nach Patient geclusterter Varianz${hrPercentile}`,
  ccwBalanceCheck: (grace, rule, flag) =>
    `Beim Klonen-Zensieren-Gewichten wurde die Balance nach Gewichtung in jeder Strategie unter den am Ende der Karenzzeit (${grace}) noch beobachteten Klonen, gewichtet, gegenüber den zu diesem Zeitpunkt lebenden und beobachteten Patienten, ungewichtet, geprüft (standardisierte Mittelwertdifferenzen mit der gepoolten SD der beiden ungewichteten Gruppen und Varianzverhältnisse stetiger Terme; ein Term galt als unbalanciert bei ${rule}), zusammen mit der effektiven Stichprobengröße nach Kish der Gewichte der Klone; ${flag} Ein Todesfall, dessen Gewicht mehr als ein Drittel des Überlebensabfalls einer Strategie bis zu einem berichteten Zeitpunkt oder mehr als ein Drittel der Überlebensdifferenz trägt, die er vergrößert, wird im Bericht als einzelner schwer gewichteter Todesfall genannt.`,
  ccwFlagged: (k, m) => `das Design wurde wegen Restungleichgewichts nach Gewichtung markiert (${k} von ${m} Kovariablentermen über beide Strategien), und seine Schätzungen sind mit dieser Markierung zu lesen.`,
  ccwNotFlagged: "nach Gewichtung war kein Kovariablenterm unbalanciert.",
  adjustedTd: (covs) => `ein Cox-Modell mit der Behandlung als zeitabhängiger Kovariable, adjustiert für ${covs} (eine bedingte Hazard Ratio; robuste, nach Patient geclusterte Varianz)`,
  adjustedTdRefused: (covs, events, parameters, floor) =>
    `ein Cox-Modell mit der Behandlung als zeitabhängiger Kovariable, adjustiert für ${covs}, nicht geschätzt (${events} Ereignisse für ${parameters} Parameter, weniger als ${floor} pro Parameter)`,
  repeatedAt: (times, u) => `, als Sensitivitätsanalyse wiederholt nach ${times} ${dat(u)}`,
  landmarkAdjust: "Kovariablenadjustierung",
  landmarkAdjustRefused: (events, parameters, floor) => `Kovariablenadjustierung (nicht geschätzt: ${events} Ereignisse für ${parameters} Parameter, weniger als ${floor} pro Parameter)`,
  landmarkPs: (time, u, estimand, stabilised, matching, repeated, adjustment) =>
    `eine Landmark-Analyse nach ${time} ${dat(u)}, in der der Propensity Score unter den zu diesem Zeitpunkt lebenden und nachbeobachteten Patienten neu geschätzt wurde, mit inverser Wahrscheinlichkeitsgewichtung (${estimand}${stabilised ? ", stabilisiert" : ""})${matching ? `${adjustment !== "" ? ", " : " und "}Propensity-Score-Matching` : ""}${adjustment !== "" ? ` und ${adjustment}` : ""}${repeated}`,
  landmarkPsFlagged: (time, u, worsened, residual, fewEvents) =>
    `Schätzer der Landmark-Analyse nach ${time} ${dat(u)} sind im Bericht gekennzeichnet, wo ${[worsened ? "das Matching die Kovariablenbalance verschlechterte (nicht für Confounding adjustiert)" : null, residual ? "nach der Gewichtung Imbalancen der Kovariablen blieben" : null, fewEvents ? "zu wenige Ereignisse sie unpräzise machten" : null].filter((x) => x !== null).join(", ").replace(/, (?=[^,]*$)/, " oder ")}.`,
  sequentialMatching: "sequenzielles Matching (Risk-Set-Matching) auf den Behandlungszeitpunkt (Lu 2005) mit Cox-Modellen auf den Matching-Sets und robusten, nach Patient geclusterten Varianzen",
  designItem: (k, text) => `(${String.fromCharCode(97 + k)}) ${text}`,
  addressedTogether: (designs) => `Immortal Time und gemessenes Confounding wurden gemeinsam behandelt durch ${designs}.`,
  timeDependent: "als zeitabhängige Kovariable in einem Cox-Modell in Zählprozess-Form (Patienten tragen bis zum Behandlungsdatum unbehandelte Zeit bei; Simon-Makuch-Darstellung)",
  landmark: (time, u) => `in einer Landmark-Analyse nach ${time} ${dat(u)} unter den dann noch lebenden und nachbeobachteten Patienten, nach vor dem Landmark erhaltener Behandlung (Kaplan-Meier, Log-Rank-Test und Cox-Modell)`,
  designsJoin: " sowie ",
  crudeDesigns: (adjusted, designs) => `${adjusted ? "Ohne Adjustierung für Confounding (roh) wurde die Behandlung außerdem analysiert" : "Die Behandlung wurde daher analysiert"}: ${designs}.`,

  cureParametric: (latency, aic) =>
    `einer ${latency.replace(/^(log-logistische|verallgemeinerte) /, "$1n ")} für das Überleben der Nichtgeheilten, angepasst mit Maximum-Likelihood (Standardfehler aus der beobachteten Information)${aic ? ", gewählt nach dem kleinsten Akaike-Informationskriterium unter Weibull-, Lognormal-, log-logistischer und verallgemeinerter Gammaverteilung" : ""}`,
  cureSemiparametric: (replicates) =>
    `einem semiparametrischen Proportional-Hazards-Modell für das Überleben der Nichtgeheilten, angepasst mit dem EM-Algorithmus wie in R smcure (Peng und Dear 2000; Sy und Taylor 2000), mit Bootstrap-Standardfehlern (${replicates} Replikationen)`,
  noCovariate: "keine Kovariable",
  cureCovariates: (incidence, latency) => ` Die Heilung wurde ${incidence === "keine Kovariable" ? "ohne Kovariablen" : `mit ${incidence}`} modelliert, das Überleben der Nichtgeheilten ${latency === "keine Kovariable" ? "ohne Kovariablen" : `mit ${latency}`}.`,
  cure: (label, probability, population, latency, covs) =>
    `Der Heilungsanteil für ${q(label)} (die ${probability}) wurde mit einem Mixture-Cure-Modell${population === "" ? "" : ` bei den ${population.replace(/^((?:un)?behandelte) /, "$1n ")}`} geschätzt: einem logistischen Modell für die Heilungswahrscheinlichkeit und ${latency}.${covs}`,
  cureRelative: (description, file, checked) =>
    `Es handelte sich um ein Heilungsmodell des relativen Überlebens (De Angelis et al. 1999; Lambert et al. 2007): Die Mischung wurde auf die Exzess-Hazard über ${description} gelegt, das erwartete Überleben jedes Patienten wie mit R survexp berechnet (${checked}; Sterbetafel ${file}).`,
  cureCauseSpecific: (otherCauseEvents) => `Es handelte sich um ein ursachenspezifisches Modell: Todesfälle aus anderen Ursachen wurden zensiert${otherCauseEvents === "" ? "" : ` (${otherCauseEvents} bei den Patienten des Modells)`}.`,
  curePlateau: "Der nichtparametrische Heilungsschätzer, das Kaplan-Meier-Überleben nach dem letzten Ereignis (das Plateau), wird neben dem des Modells berichtet.",
  cureFollowUp:
    "Ob die Nachbeobachtung lang genug war, um von Heilung zu sprechen, wurde anhand des Plateaus der Kaplan-Meier-Kurve nach dem letzten Ereignis und des Maller-Zhou-Tests auf ausreichende Nachbeobachtung beurteilt (nicht aussagekräftig mit weniger als 5 Ereignissen im Testfenster oder 5 Patienten, die über das letzte Ereignis hinaus nachbeobachtet wurden); die Überlebenskurve des Modells wurde mit dem Kaplan-Meier-Schätzer über ihren größten Abstand und ein simultanes Bootstrap-Band verglichen.",
  predictionDropped: (covs, one) => ` (${covs} ausgelassen, weil ${one ? "der Koeffizient" : "die Koeffizienten"} divergierte${one ? "" : "n"})`,
  predictionOptimism: (b) => `; alle Maße wurden mit ${b} Bootstrap-Replikationen für Optimismus korrigiert (Methode nach Harrell)`,
  predictionShrunk: (factor, bootstrap) =>
    ` Die Koeffizienten von Nomogramm und Rechner wurden einheitlich mit ${factor} geschrumpft${bootstrap ? ", der optimismuskorrigierten Kalibrierungssteigung" : ""}, und das Basisüberleben wurde neu geschätzt.`,
  predictionDca: (optimism) =>
    ` Der klinische Nutzen wurde mit einer Entscheidungskurvenanalyse zum Zeithorizont beurteilt (Vickers et al. 2008)${optimism ? ", wobei der Nettonutzen und der Integrated Calibration Index des Rechners mit demselben Bootstrap um den Optimismus korrigiert wurden" : ""}.`,
  prediction: (label, time, u, covs, population, dropped, optimism, shrunk, dca) =>
    `Ein Prognosemodell für ${q(label)} nach ${time} ${dat(u)} wurde als Cox-Modell der präoperativen Kovariablen ${covs} bei ${population} ohne Variablenselektion erstellt${dropped} und nach TRIPOD berichtet. ` +
    `Die Diskrimination wurde mit Harrells C und Unos C sowie der zeitabhängigen AUC gemessen, die Kalibrierung mit der Kalibrierungssteigung, Calibration-in-the-large, einem Kalibrierungsdiagramm nach Risikogruppen und einer geglätteten Kalibrierungskurve mit dem Integrated Calibration Index (Austin et al. 2020)${optimism}.` +
    `${shrunk}${dca}`,
  recurrentModels: (names) => ` Kovariableneffekte wurden mit Cox-Modellen (${names}) in Zählprozess-Form mit robuster, nach Patient geclusterter Varianz modelliert.`,
  recurrentFromTreatment: (description) => `der ${description.replace(/^((?:un)?behandelte) /, "$1n ")} begann mit der Indexoperation und `,
  recurrent: (label, terminal, quotedAt, models, fromTreatment, endpoint) =>
    `Wiederkehrende Ereignisse (${label}) wurden durch die mittlere Anzahl der Ereignisse je Patient mit ${terminal} als terminalem Ereignis beschrieben (Ghosh und Lin 2000): μ(t) = Σ_{t_j ≤ t} Ŝ(t_j−)·d_j / Y(t_j), mit Ŝ dem Kaplan-Meier-Schätzer des Überlebens ohne ${terminal}, sodass Patienten ihre Ereignisse bis zum ${terminal} beitragen und danach keine; 95%-Konfidenzintervalle stammen aus der robusten Varianz (Einflussfunktion), wie R mets::recurrentMarginal. ` +
    `${quotedAt === "" ? "" : `Angegeben wird der Wert zum letzten Ereigniszeitpunkt mit mindestens ${quotedAt} Patienten unter Risiko. `}` +
    `Die mittlere kumulative Funktion, die ${terminal} als Zensierung behandelt (Nelson-Aalen-Typ, Varianz nach Lawless und Nadeau), wird nur zum Vergleich gezeigt, da sie eine Welt ohne ${terminal} beschreibt.` +
    `${models} Die Nachbeobachtung ${fromTreatment}endete mit dem Ereignis des Endpunkts „${endpoint}“ oder der Zensierung.`,

  sensitivityIntro: "Die Sensitivität gegenüber nicht gemessenen Störgrößen wurde für den primären Schätzer untersucht.",
  sensitivityIntroCcw:
    "Die Sensitivität gegenüber nicht gemessenen Störgrößen wurde für die Per-Protocol-Hazard-Ratio des primären Designs untersucht (eine sekundäre Größe: Der primäre Kontrast des Designs ist die Überlebensdifferenz, für die hier kein E-Wert berechnet wird).",
  eValueRare: (rare) =>
    `Ihr E-Wert (VanderWeele & Ding 2017) wurde berechnet, wobei die Hazard Ratio ${rare ? "als relatives Risiko (Risk Ratio) genommen wurde (seltenes Ereignis: kumulatives Risiko unter 15% am Ende der Nachbeobachtung nach Kaplan-Meier)" : "in ein relatives Risiko (Risk Ratio) umgerechnet wurde, weil das Ereignis häufig war (kumulatives Risiko von 15% oder mehr am Ende der Nachbeobachtung nach Kaplan-Meier; VanderWeele 2020)"}.`,
  biasAnalysis: (gammas) =>
    `Eine Bias-Analyse für eine nicht gemessene binäre Störgröße (VanderWeele & Arah 2011) teilte die Hazard Ratio und ihre Konfidenzgrenzen durch den Bias-Faktor über einem Raster aus der Prävalenz der Störgröße bei behandelten und unbehandelten Patienten und ihrer Hazard Ratio für den Endpunkt (${gammas}).`,
  mcnemar: (time) => ` und der McNemar-Test auf Tod bis ${time}`,
  rosenbaum: (pairs, mcnemar, alpha) =>
    `Für die Rosenbaum-Schranken (Rosenbaum 2002) der ${pairs} nach Propensity Score gematchten Paare wurden der gepaarte Prentice-Wilcoxon-Test für zensierte Paare (O'Brien & Fleming 1987), der Vorzeichentest für Paare mit bekannter Reihenfolge der Todesfälle${mcnemar} verwendet, einseitig mit α = ${alpha}.`,
  negativeControl: (cause, same, label, primary) =>
    `Als Negativkontroll-Endpunkt wurde das ursachenspezifische Hazard für ${q(cause)} (andere Ereignisse zensiert) ${same ? `mit derselben Methode wie die Primäranalyse verglichen (${label})` : `mit ${label} verglichen${primary !== "" ? ` (das primäre Design, ${primary}, hat keine ursachenspezifische Variante)` : ""}`}.`,
  negativeControlNotRun: (reason) => `Ein Negativkontroll-Endpunkt wurde nicht analysiert: ${reason}.`,
  sampleSize: "Die Mindeststichprobengröße des Prognosemodells wurde anhand der Kriterien von Riley et al. (2019, 2020) geprüft, mit dem erwarteten Cox-Snell-R² aus dem angepassten Modell, geschrumpft mit dem Faktor nach van Houwelingen.",
  software: (version) => `Alle Analysen wurden mit survinfer ${version} durchgeführt.`,
  predictionShrunkWithheld: (factor, bootstrap) =>
    ` Die Schrumpfung, die Vorhersagen für neue Patienten bräuchten, wurde auf ${factor} geschätzt${bootstrap ? ", die optimismuskorrigierte Kalibrierungssteigung" : ""} (Koeffizienten einheitlich geschrumpft, Basisüberleben neu geschätzt).`,
  predictionDcaWithheld: (optimism) =>
    ` Der klinische Nutzen wurde mit einer Entscheidungskurvenanalyse zum Zeithorizont beurteilt (Vickers et al. 2008)${optimism ? ", wobei der Nettonutzen und der Integrated Calibration Index der Vorhersagen des geschrumpften Modells mit demselben Bootstrap um den Optimismus korrigiert wurden" : ""}.`,
  predictionBelowFloor: (events, parameters, epv, floor) =>
    `Das Prognosemodell wurde mit ${events} Ereignissen für ${parameters} Parameter (EPV ${epv}) angepasst, unterhalb der Grenze von ${floor}, unter der die Effektmodelle nicht geschätzt wurden, da ein Prognosemodell nach seiner internen Validierung beurteilt wird (Riley et al. 2020); mit großem Optimismus ist zu rechnen.`,
  predictionWithheld: (why) => `Das Modell wurde nur zur Transparenz berichtet; Rechner und Nomogramm wurden nicht angeboten: ${why}.`,
};
