/**
 * German texts of one part of the report: Immortal time and the primary analysis (src/report/sections-immortal.ts, the headline of the primary result).
 * English reference: src/i18n/immortal-en.ts.
 */
import type { ImmortalMessages, ImmortalTextId } from "./immortal-en.js";
import type { EngineTemplate } from "./warnings.js";

/** A label the report lower-cased for English prose ("overall survival") with its capital back: German nouns keep it. */
const cap = (s: string): string => (s === "" ? s : s[0].toUpperCase() + s.slice(1));
export const immortalDe: ImmortalMessages = {
  primaryElsewhere: (lead, headline, hr, n, events) =>
    `${lead}: ${headline}; Per-Protocol-${hr} (sekundär); ${n} Patienten, ${events} Ereignisse (siehe Abschnitt „Immortal Time“); die Zeilen hier sind Sensitivitätsanalysen`,
  primaryHere: (lead, headline, hr, n, events) => `${lead}: ${headline}; Per-Protocol-${hr} (sekundär); ${n} Patienten, ${events} Ereignisse`,
  primaryHereHr: (lead, hr, n, events) => `${lead}: ${hr}; ${n} Patienten, ${events} Ereignisse`,

  // ---- Abschnitt „Immortal Time“
  sinceLandmark: (u) => (u === "" ? "Zeit seit dem Landmark" : `${unitOf(u)} seit dem Landmark`),
  amount: (x, u) => `${x} ${unitOf(u, x === "1")}`,
  notEstimable: "nicht schätzbar",
  noBootstrapCi: "kein Bootstrap: KI nicht berechnet",
  diffCi: (est, lower, upper) => `${est} (${lower} bis ${upper})`,
  diffNoCi: (est, why) => `${est} (${why})`,
  points: (x) => `${x} Prozentpunkte`,
  waited: (treated, wait) => `${treated} behandelte Patienten haben ein Behandlungsdatum; mediane Zeit vom Ausgangszeitpunkt bis zur Behandlung ${wait}.`,
  landmarkDefault: (L) => ` Der Landmark, ${L}, ist die Voreinstellung: die mediane Zeit bis zur Behandlung, gerundet.`,
  sep: "; ",
  primaryOfStudy: (label, defaults, declared) =>
    `Primäranalyse der Studie: ${label.replace("(Karenzzeit ", "(Karenzzeit (Grace Period) ")}${defaults} (${declared ? "in der Studienspezifikation festgelegt" : "nach der Voreinstellungsregel von survinfer gewählt, nicht in der Studienspezifikation festgelegt"}); die übrigen Designs unten und die Vergleiche nach jemals erhaltener Behandlung (Behandlungseffekt) sind Sensitivitätsanalysen.`,
  ccwIntro: (primary, lt, lc, n, excluded, devTreat, devControl, G, model, covariates, estimand, variance, graceDefault) =>
    `${primary ? "Primäranalyse – " : ""}Target-Trial-Emulation durch Klonen-Zensieren-Gewichten (Hernán & Robins 2016; Maringe et al. 2020): Die emulierte Studie vergleicht „${lt}“ mit „${lc}“ ab dem Ausgangszeitpunkt. ` +
    `Jeder der ${n} Patienten mit vollständigen Kovariablen${excluded} wird in beide Strategien geklont; ein Klon wird zensiert, sobald er von seiner Strategie abweicht ` +
    `(${devTreat} Klone in der ersten Strategie nicht innerhalb von ${datOf(G)} behandelt, ${devControl} in der zweiten innerhalb von ${datOf(G)} behandelt), und die künstliche Zensierung wird durch Inverse-Probability-of-Censoring-Gewichte korrigiert, geschätzt ${model} ${covariates}. ` +
    `Ereignisse vor dem Ende der Karenzzeit${primary ? "" : " (Grace Period)"} zählen in beiden Strategien, sodass keiner Strategie Immortal Time zugeschrieben wird. Schätzgröße: ${estimand}. ${variance}.` +
    graceDefault,
  ccwExcluded: (total, treated, untreated) => ` (${total} wegen fehlender Kovariablen nicht berücksichtigt: ${treated} behandelt, ${untreated} nie behandelt)`,
  ccwModelPiecewise: (G, periods) => `mit einer logistischen Regression für „bis ${G} nicht behandelt“ (erste Strategie) und einem Cox-Modell der Zeit bis zur Behandlung${periods} (zweite Strategie), jeweils`,
  ccwPeriods: (k) => ` mit Koeffizienten, die sich zwischen ${k} Perioden ändern`,
  ccwModelCox: "mit einem Cox-Modell der Zeit bis zur Abweichung",
  ccwCovariates: (list) => `auf den Kovariablen (${list})`,
  ccwNoCovariates: "ohne Kovariablen (unadjustiert)",
  ccwGraceDefault: (G) => ` Die Karenzzeit, ${G}, ist die Voreinstellung (das 90. Perzentil der Zeiten bis zur Behandlung, aufgerundet); ein klinisch gewähltes Zeitfenster ist vorzuziehen (immortalTime.cloneCensorWeight.grace).`,
  survivalAt: (t, u) => `Überleben nach ${t} ${unitDatOf(u)}`,
  rmstUpTo: (t, u) => `RMST bis ${t} ${unitOf(u)}`,
  beyondCell: "– (jenseits der Daten)",
  beyondItem: (what, atRisk, inFollowUp) => `${what}: ${atRisk.replace(" and ", " und ")} Patienten unter Risiko${inFollowUp === atRisk ? "" : ` (${inFollowUp.replace(" and ", " und ")} unter Beobachtung)`}`,
  beyondNote: (minAtRisk, items) =>
    `– (jenseits der Daten): nicht gezeigt, weil eine Strategie dort weniger als ${minAtRisk} Patienten unter Risiko hat, ungewichtet gezählt wie in der Abbildung (die Klone, die zu diesem Zeitpunkt unter Beobachtung sind), wo die Abbildung ihre Kurve beendet (figures.minAtRisk): ${items}. results.json behält die Zahlen, markiert mit beyondData.`,
  centreItem: (what, bias, se, offCentre) => `${what}: Verzerrung ${bias}, SE ${se}${offCentre ? " (nicht zentriert)" : ""}`,
  logHr: "logarithmierte HR",
  centreNote: (items) =>
    `Bootstrap-Verzerrung (Mittelwert der Replikationen minus Schätzwert) und Bootstrap-SE: ${items}. Eine Verzerrung über einem Viertel des SE bedeutet, dass die Bootstrap-Verteilung nicht um den Schätzwert zentriert ist: Der Schätzwert kann verzerrt sein, und ein Perzentilintervall (RMST, Bootstrap-Intervall der Hazard Ratio) ist unzuverlässig.`,
  waldOffCentre: (text, bias, lower, upper) =>
    `${text}; Bootstrap-Verzerrung ${bias} (> ¼ SE): Schätzwert und Intervall möglicherweise verzerrt; Bootstrap-Perzentilintervall ${lower} bis ${upper}`,
  waldOffCentreShort: (text, lower, upper) => `${text}; Bootstrap nicht zentriert: möglicherweise verzerrt; Perzentilintervall ${lower} bis ${upper}`,
  seUsedBootstrap: (what, se) => `${what}: Bootstrap-SE ${se}`,
  seUsedIj: (what, se) => `${what}: IJ-SE ${se}`,
  seUsedNote: (items) => `SE des Intervalls jeder Überlebensdifferenz (der größere aus Bootstrap-SE und Infinitesimal-Jackknife-SE, IJ-SE): ${items}.`,
  hrBootOffCentre: (boot, bias) =>
    `${boot}: Die Replikationen sind nicht um den Schätzwert zentriert (Verzerrung ${bias} auf der logarithmischen Skala, mehr als ein Viertel des Bootstrap-SE), daher ist dieses Perzentilintervall unzuverlässig; das robuste Intervall beruht nicht auf dem Bootstrap, doch die Verzerrung bedeutet, dass die Hazard Ratio selbst verzerrt sein kann: das robuste Intervall ist mit derselben Vorsicht zu lesen`,
  primaryIntervals: (items) => `Intervalle: ${items}`,
  intervalsWald: "Überlebensdifferenzen nach Wald mit dem größeren SE aus Bootstrap und IJ",
  intervalsRmstPercentile: "RMST Bootstrap-Perzentilintervall",
  intervalsHrRobust: "Hazard Ratio robuster SE",
  heavyItem: (by, strategy, at, weight, share, ofDifference) =>
    `bis ${by} trägt ein Todesfall in „${strategy}“ (bei ${datOf(at)}, Gewicht ${weight}) ${share}% des Überlebensrückgangs dieser Strategie${ofDifference === null ? "" : ` und ${ofDifference}% der Differenz zwischen den Strategien`}`,
  heavyNote: (items) => `Einzelne Todesfälle mit hohem Gewicht (jeweils mehr als ein Drittel des Rückgangs einer Strategie oder der Differenz): ${items}.`,
  hrNotEstimable: "Per-Protocol-Hazard-Ratio: nicht schätzbar.",
  hrText: (hr, p, boot) => `Per-Protocol-Hazard-Ratio (sekundär; gewichtetes Cox-Modell auf den Klonen, robuster SE, nach Patient geclustert): ${hr}, p ${p}${boot !== null ? `; Bootstrap ${boot}` : ""}.`,
  ccwTitle: (primary, n) => `${primary ? "Primäranalyse: " : ""}Klonen-Zensieren-Gewichten, absolute Effekte (n = ${n})`,
  differenceCi: "Differenz (95%-KI)",
  ccwFootnote: (u, boot, weights, w1, w2, hrText) =>
    `Gewichtete Kaplan-Meier-Schätzer je Strategie; Differenzen sind die erste minus die zweite Strategie, in Prozentpunkten (Überleben) oder ${unitDatOf(u)} (RMST)${boot}. ` +
    `Gewichte: ${weights === "stabilized" ? "stabilisiert" : weights === "unstabilized" ? "nicht stabilisiert" : weights}; je Strategie Min./Median/Max. ${w1} und ${w2}. ${hrText}`,
  ccwFigureTitle: (lt, lc) => `Klonen-Zensieren-Gewichten: ${lt} vs. ${lc}`,
  ccwFigureDifference: (t, u, diff) => `Überlebensdifferenz nach ${t} ${unitDatOf(u)} (Behandlungsstrategie minus Strategie ohne Behandlung): ${diff} Prozentpunkte`,
  ccwBoot: (replicates, failed) => `, mit Intervallen aus ${replicates} Bootstrap-Replikationen der gesamten Auswertung (neu angepasst; ${failed} fehlgeschlagen): für die Überlebensdifferenzen Schätzwert ± 1,96 × der größere der beiden SE (Bootstrap- und Infinitesimal-Jackknife-SE), für die RMST-Differenz Perzentilgrenzen`,
  ccwNoBoot: ", ohne Bootstrap (kein KI)",
  ccwFigureHr: (hr, n) => `Per-Protocol-HR ${hr} (sekundär; gewichtetes Cox-Modell auf den Klonen, robuster SE nach Patient geclustert; n = ${n} Patienten)`,
  // ---- single-column figures (issue 19, h/figs)
  ccwDifferenceShort: (t, u) => `Differenz nach ${t} ${unitDatOf(u)}:`,
  simonMakuchFlag: "Roh (nur Behandlung): Confounding nicht berücksichtigt",
  ccwFigureCaption: (n) =>
    `Mit inversen Zensierungswahrscheinlichkeiten gewichtete Kaplan-Meier-Kurven der beiden Strategien der emulierten Studie (n = ${n} Patienten, jeder in beide geklont); die Anzahl unter Risiko sind die ungewichteten Klone (einer je Patient und Strategie) unter Risiko zum jeweiligen Zeitpunkt (Nachbeobachtung mindestens so lang; abweichende Klone scheiden bei der Abweichung aus), wie in jeder Kaplan-Meier-Abbildung. Die HR in der Abbildung wird auf denselben Klonen berechnet.`,
  strategyTreated: (label, G) => `${cap(label)} innerhalb von ${datOf(G)}`,
  strategyNot: (label, G) => `Keine ${cap(label)} innerhalb von ${datOf(G)}`,
  notYet: (name) => `(Noch) keine ${cap(name)}`,
  after: (name) => `Nach ${cap(name)}`,
  notByLandmark: (name, L) => `Keine ${cap(name)} bis ${L}`,
  byLandmark: (name, L) => `${cap(name)} bis ${L}`,
  crude: "roh (nur Behandlung)",
  primaryTag: (design) => `${design} – Primäranalyse`,
  ccwRowPrimary: (G) => `Klonen-Zensieren-Gewichten, Karenzzeit ${G}: Per-Protocol-HR, die sekundäre Zahl der Primäranalyse (ihr Hauptergebnis sind die absoluten Effekte oben)`,
  ccwRow: (G) => `Klonen-Zensieren-Gewichten, Karenzzeit ${G} (Per-Protocol-HR)`,
  commaSep: ", ",
  ccwEvents: (patients, treat, control) => `${patients} (Ereignisse der Klone ${treat} / ${control})`,
  ccwEventsNote: (lt, lc) =>
    `Ereignisse beim Klonen-Zensieren-Gewichten: die Patienten mit einem Ereignis, dann die Ereignisse der Klone je Strategie („${lt}“ / „${lc}“), auf denen seine Per-Protocol-Hazard-Ratio beruht; ein Todesfall innerhalb der Karenzzeit vor jeder Behandlung zählt in beiden Strategien, ein Todesfall nach Abweichung von einer Strategie in dieser nicht.`,
  ccwPopulation: (n) => `alle mit vollständigen Kovariablen, n = ${n}, jeder in beide Strategien geklont`,
  ccwEstimand: "Per-Protocol-HR der emulierten Studie (Zusammenfassung der gewichteten Kurven)",
  ccwVariance: "robuster SE, nach Patient geclustert",
  adjustedDesign: "Zeitabhängiges Cox-Modell, adjustiert für die Kovariablen",
  completePopulation: (n, intervals) => `alle mit vollständigen Kovariablen${n === null ? "" : `, n = ${n}`}${intervals === null ? "" : ` (${intervals} Intervalle)`}`,
  conditionalAdjusted: "bedingte HR (adjustiert für die Kovariablen)",
  notEstimated: "nicht geschätzt",
  aliveAt: (L, n, treated) => `lebend nach ${datOf(L)}, mit vollständigen Kovariablen, n = ${n} (${treated} bis dahin behandelt)`,
  lmBalanceTitle: (L) => `Balance der Kovariablen im am Landmark (${L}) neu geschätzten Propensity-Score-Modell`,
  lmBalanceFootnote: (L) =>
    `Der Propensity Score der Landmark-Analysen wird unter den Patienten neu geschätzt, die nach ${datOf(L)} lebten und in Nachbeobachtung waren (Behandlung = bis dahin behandelt), mit denselben Kovariablen, demselben Matching und derselben Gewichtung wie ihre Zeilen in der Tabelle oben; die Balance wird wie im Abschnitt zum Propensity Score beurteilt.`,
  matchedAt: (L, n) => `gematcht nach ${datOf(L)}, n = ${n}`,
  stabilised: (estimand) => `${estimand}, stabilisiert`,
  lmIptw: (L, w) => `Landmark nach ${datOf(L)}, PS neu geschätzt, IPTW-Cox-Modell (${w})`,
  lmIptwM: (L, w) => `Landmark nach ${datOf(L)}, PS neu geschätzt, IPTW-Cox-Modell (${w}), SE nach M-Schätzung`,
  lmMatched: (L) => `Landmark nach ${datOf(L)}, PS neu geschätzt, PS-gematchtes Cox-Modell`,
  lmMatchedStratified: (L) => `Landmark nach ${datOf(L)}, PS neu geschätzt, PS-gematchtes Cox-Modell stratifiziert nach Matching-Set`,
  lmPsDesign: (L) => `Landmark nach ${datOf(L)}, PS neu geschätzt (IPTW-, PS-gematchtes und für die Kovariablen adjustiertes Cox-Modell)`,
  lmPsPopulation: (L) => `lebend nach ${datOf(L)}, mit vollständigen Kovariablen`,
  lmAdjusted: (L) => `Landmark nach ${datOf(L)}, Cox-Modell adjustiert für die Kovariablen`,
  lmMarginal: (L, estimand) => `marginale HR bei den nach ${datOf(L)} lebenden Patienten (${estimand})`,
  lmMatchedEstimand: (estimand, L) => `${estimand}, bei den nach ${datOf(L)} lebenden Patienten`,
  lmConditional: (L) => `bedingte HR bei den nach ${datOf(L)} lebenden Patienten`,
  seqPopulation: (matched, eligible, controls) => `${matched} von ${eligible} Behandelten gematcht, ${controls} Kontrollen`,
  seqStratified: "Sequenzielles (Risk-Set-)Matching, Cox-Modell stratifiziert nach Matching-Set",
  seqStratifiedEstimand: "bedingte HR (innerhalb der Matching-Sets), ab dem Behandlungszeitpunkt",
  seqClustered: "Sequenzielles (Risk-Set-)Matching, Cox-Modell auf den Matching-Sets",
  seqClusteredEstimand: "HR bei den Gematchten, ab dem Behandlungszeitpunkt",
  tdCrude: (crude) => `Zeitabhängiges Cox-Modell, ${crude}`,
  allPatients: (n, intervals) => `alle Patienten, n = ${n}${intervals === null ? "" : ` (${intervals} Intervalle)`}`,
  unadjusted: "unadjustierte HR",
  modelBased: "modellbasiert",
  lmCrude: (L, crude) => `Landmark nach ${datOf(L)}, ${crude}`,
  lmCrudePopulation: (L, n, excluded) => `lebend nach ${datOf(L)}, n = ${n} (${excluded} ausgeschlossen)`,
  naive: (biased) => `Naives Cox-Modell der jemals erhaltenen Behandlung, fest ab dem Ausgangszeitpunkt, alle Patienten – ${biased}`,
  naiveEstimand: "unadjustierte HR (verzerrt)",
  crudeNote: (nCrude, nAll) =>
    ` Die naive Zeile ist das rohe Cox-Modell der Tabelle zum Behandlungseffekt (n = ${nCrude}, die Patienten mit vollständigen Propensity-Kovariablen), angepasst an allen ${nAll} Patienten; die beiden unterscheiden sich nur in ihren Patienten.`,
  adjustedFirst: (flagged) =>
    `Adjustierte Designs zuerst: Wenn geschätzt, berücksichtigen sie Immortal Time und gemessene Störgrößen gemeinsam, unter der Annahme, dass kein nicht gemessenes Confounding besteht und die Modelle für Behandlung, Zensierung und Outcome korrekt spezifiziert sind; ein nicht geschätztes Design sagt das in seiner Zeile${flagged ? ", und eine markierte Zeile (zu wenige Ereignisse, verbliebene oder verschlechterte Balance der Kovariablen) erfüllt das nicht und ist nur eine Sensitivitätsanalyse, außer die Studienspezifikation legt sie als Primäranalyse fest (dann wird sie mit ihrer Markierung gelesen)" : ""}. `,
  noCovariates: "Es wurden keine Kovariablen angegeben: nur rohe Designs, die die Immortal Time beseitigen, nicht aber das Confounding. ",
  byDesignFootnote: (biased) =>
    `Rohe Zeilen sind Cox-Modelle nur mit der Behandlung; der naive Vergleich zählt die Zeit vor der Behandlung als behandelt und ist ${biased}, zum Vergleich gezeigt. ` +
    "Eine bedingte HR (kovariablenadjustiert oder stratifiziert) und eine marginale HR (gewichtet) beantworten verschiedene Fragen und unterscheiden sich auch ohne Confounding (Non-Collapsibility).",
  byDesignTitle: "Immortal Time: Hazard Ratio der Behandlung nach Design",
  byDesignHeaders: ["Design", "Population", "Schätzgröße", "HR (95%-KI)", "p", "Ereignisse", "Varianz"],
  lmBeyond: (t, u, atRisk, min) => `${t} ${unitOf(u)} danach nicht schätzbar: ${atRisk.replace(" and ", " und ")} Patienten unter Risiko (weniger als ${min}, wo die Abbildungen die Kurven beenden)`,
  lmAt: (t, u, treated, control, diff) => `${t} ${unitOf(u)} danach ${treated} bei den bis zum Landmark Behandelten vs. ${control} bei den bis dahin nicht Behandelten (Differenz ${diff})`,
  lmWeighted: (population, items, flags) =>
    `IPTW-gewichtetes Kaplan-Meier-Überleben bei den zum Landmark lebenden Patienten (${population}): ${items}. Diese Differenzen haben kein Konfidenzintervall: Die Landmark-Analyse hat keinen Bootstrap.${flags === "" ? "" : ` Markiert wie die IPTW-Zeilen der Landmark-Analyse in der Tabelle, die dieselben Gewichte verwenden (${flags}): Sie sind nur Sensitivitätsanalysen.`}`,
  diverged: "nicht schätzbar (divergiert)",
  adjustedTitle: "Zeitabhängiges Cox-Modell, adjustiert für die Kovariablen",
  adjustedHeaders: ["Term", "HR (95%-KI)", "p"],
  adjustedFootnote: (n, events, intervals, exTotal, exTreated, exUntreated, variance, from) =>
    `n = ${n} Patienten, ${events} Ereignisse, ${intervals} (Start, Stopp]-Intervalle; ${exTotal} ${exTotal === "1" ? "Patient" : "Patienten"} ohne vollständige Kovariablen nicht berücksichtigt (${exTreated} behandelt, ${exUntreated} nie behandelt). ${variance}. Kovariablen: ${from === "immortalTime.covariates" ? "wie immortalTime.covariates" : from === "propensity.covariates" ? "die des Propensity-Modells" : "alle Kovariablen der Studie"}.`,
  landmarksTitle: "Landmark-Sensitivität: Hazard Ratio der Behandlung nach Landmark-Zeitpunkt",
  landmarksHeaders: ["Landmark", "n zum Landmark", "Bis dahin behandelt", "Ereignisse", "Adjustierte HR (95%-KI)", "IPTW-HR (95%-KI)"],
  mainLandmark: " (Haupt-Landmark)",
  landmarksFootnote:
    "Adjustiert: Cox-Modell der Behandlung bis zum Landmark und der Kovariablen (bedingte HR, modellbasierter SE); IPTW: PS zu jedem Landmark neu geschätzt, gewichtetes Cox-Modell mit robustem SE (marginale HR bei den zum Landmark lebenden Patienten).",
  simonMakuchTitle: "Simon-Makuch-Diagramm",
  simonMakuchCaption: (n) =>
    `Überleben nach Behandlung als zeitabhängige Kovariable, roh (nur Behandlung): Patienten wechseln zu ihrem Behandlungsdatum in die Kurve der Behandelten; die Anzahl unter Risiko zählt, wer zu jedem Zeitpunkt in jeder Kurve ist; der Wechsel in die Kurve der Behandelten ist nicht markiert (die Zeichen + markieren nur Zensierungen). Population: alle Patienten mit Nachbeobachtung, n = ${n}.`,
  landmarkFigureTitle: (L) => `Landmark-Analyse nach ${datOf(L)}`,
  landmarkLogrank: (p, n) => `Landmark-Log-Rank-Test ${p} (roh, n = ${n})`,
  landmarkCaption: (L, n, excluded) =>
    `Kaplan-Meier-Schätzer ab dem Landmark bei den dann lebenden und beobachteten Patienten, nach vor dem Landmark erhaltener Behandlung (roh). Population: lebend nach ${datOf(L)}, n = ${n} (${excluded} starben oder schieden vorher aus der Nachbeobachtung aus).`,
  ci: (pct) => `${pct}%-KI`,
  setting: (d) => `; ${d}`,
  primarySentence: (declared, label, defaults, description, n, events, est, flag = null) =>
    `Primäranalyse (${declared ? "in der Studienspezifikation festgelegt" : "nach der Voreinstellungsregel von survinfer gewählt, nicht in der Studienspezifikation festgelegt"}): ${label}${defaults}, im Abschnitt „Immortal Time“, Schätzgröße: ${description}; ${n} Patienten, ${events} Ereignisse; ${est}. ${flag === null ? "Diese Primäranalyse berücksichtigt Immortal Time und Confounding gemeinsam" : `Diese Primäranalyse ist darauf angelegt, Immortal Time und Confounding gemeinsam zu berücksichtigen; hier ist sie markiert: ${flag}`}; die Analysen unten vergleichen Patienten nach jemals erhaltener Behandlung ab dem Ausgangszeitpunkt und sind nur Sensitivitätsanalysen.`,
  // ---- clone–censor–weight weight diagnostics (issue 19, referee A9)
  ccwBalanceTitle: "Klonen-Zensieren-Gewichten: Balance unter den am Ende der Karenzzeit nicht zensierten Klonen",
  ccwBalancePopulation: (n) => `n = ${n} Patienten, jeder in beide Strategien geklont`,
  ccwBalanceTerm: "Kovariablenterm",
  ccwBalanceUnweighted: "SMD, ungewichtet",
  ccwBalanceWeighted: "SMD, gewichtet",
  ccwBalanceUncensored: (G) => `Klone unter Beobachtung nach ${datOf(G)}`,
  ccwBalanceOf: (k, n) => `${k} von ${n}`,
  ccwBalanceReference: (G) => `Referenz: Patienten lebend und unter Beobachtung nach ${datOf(G)}`,
  ccwBalanceEss: "Effektive Stichprobengröße ihrer Gewichte (Kish)",
  ccwBalanceFootnote: (G, binary, rule) =>
    `SMD der nach ${datOf(G)} noch beobachteten Klone (lebend, strategietreu, nicht verloren) gegenüber der Referenz, den nach ${datOf(G)} nach ihren eigenen Daten lebenden und beobachteten Patienten, ob strategietreu oder nicht (ungewichtet; Zensierungsgewichte gleichen die künstliche Zensierung aus, nicht die Todesfälle oder Verluste aus der Beobachtung vor Ende der Karenzzeit): ungewichtet, was die künstliche Zensierung bewirkt hat; gewichtet mit dem Inverse-Wahrscheinlichkeits-Zensierungsgewicht jedes Klons nach ${datOf(G)}, was nach der Gewichtung bleibt. Nenner: die gepoolte SD der beiden ungewichteten Gruppen, √((s₁² + s₀²)/2), für beide Spalten gleich; ${binary}. Effektive Stichprobengröße (Σw)²/Σw² (Kish): bei gleichen Gewichten die Zahl der Klone. Unbalanciert: ${rule} (analyses.propensity.balance.thresholds), die Regel der Balancetabellen der Studie; ein Restungleichgewicht markiert das Design wie die Landmark-IPTW-Zeilen.`,
  ccwBalanceBinaryRaw: "binäre Terme als rohe Differenzen der Anteile",
  ccwBalanceBinaryStd: "binäre Terme mit p(1 − p) standardisiert",
  ccwBalanceVrUnweighted: "VR, ungewichtet",
  ccwBalanceVrWeighted: "VR, gewichtet",
  ccwBalanceImbalancedIn: "Nach Gewichtung unbalanciert in",
  ccwBalanceTermsFootnote: (k, m) =>
    `VR: Varianzverhältnis der Klone zur Referenz (stetige Terme; – bei binären Termen). Nach Gewichtung unbalanciert in: die Strategien, deren gewichtete Klone für den Term außerhalb der Schwellenwerte liegen. Die Terme sind die Spalten der Zensierungsmodelle: die Stufen eines Faktors außer seiner Referenzstufe, die keine Zeile hat (die Balancetabellen des Propensity Scores zeigen jede Stufe); die Markierung wegen Restungleichgewichts zählt die Terme beider Strategien (${k} von ${m}).`,
  ccwBalanceArm: (strategy, G, n, ess, verdict, worse) => `Strategie „${strategy}“, Klone unter Beobachtung nach ${datOf(G)} (n = ${n}, ESS ${ess}): ${verdict}${worse}`,
  ccwBalanceRemain: (k, m, rule, list) => `Nach Gewichtung ${k === "1" ? "bleibt" : "bleiben"} ${k} von ${m} Kovariablentermen unbalanciert (${rule}): ${list}.`,
  ccwBalanceAll: (m, rule) => `Nach Gewichtung sind alle ${m} Kovariablenterme balanciert (${rule}).`,
  ccwBalanceItem: (label, stats) => `${label} (${stats})`,
  ccwBalanceSmd: (x) => `SMD ${x}`,
  ccwBalanceVr: (x) => `Varianzverhältnis ${x}`,
  ccwBalanceChange: (stat, before, after) => `${stat === "smd" ? "SMD" : "Varianzverhältnis"} ${before} → ${after}`,
  ccwBalanceWorse: (list) => ` Durch die Gewichtung verschlechtert (weiter von der Referenz entfernt als die ungewichteten Klone): ${list}.`,
};

/** "months" → "Monate" (capitalised noun); one: "Monat". */
function unitOf(u: string, one = false): string {
  return (one ? ({ days: "Tag", weeks: "Woche", months: "Monat", years: "Jahr" } as Readonly<Record<string, string>>) : ({ days: "Tage", weeks: "Wochen", months: "Monate", years: "Jahre" } as Readonly<Record<string, string>>))[u] ?? u;
}
function unitDatOf(u: string): string {
  return ({ days: "Tagen", weeks: "Wochen", months: "Monaten", years: "Jahren" } as Readonly<Record<string, string>>)[u] ?? u;
}
/** an amount already in German ("6,0 Monate") in the dative ("6,0 Monaten") */
function datOf(amount: string): string {
  return amount.replace(/ (Tage|Monate|Jahre)$/, " $1n");
}

/** German templates of the engine texts of this part (IMMORTAL_PATTERNS). */
const UNITS: Readonly<Record<string, readonly [string, string]>> = { days: ["Tage", "Tagen"], weeks: ["Wochen", "Wochen"], months: ["Monate", "Monaten"], years: ["Jahre", "Jahren"] };
const unit = (u: string | undefined): string => (u === undefined ? "" : (UNITS[u]?.[0] ?? u));
const unitDat = (u: string | undefined): string => (u === undefined ? "" : (UNITS[u]?.[1] ?? u));
const STAT: Readonly<Record<string, string>> = { "survival difference": "Überlebensdifferenz", "RMST difference": "RMST-Differenz", "per-protocol log hazard ratio": "logarithmierten Per-Protocol-Hazard-Ratio" };
/** The unit an engine text writes after a number (" points", " months" or ""), nominative ("−5,3 Prozentpunkte") or dative ("von 10,0 Prozentpunkten"). */
const unitAfter = (u: string | undefined, dative: boolean): string => {
  const w = (u ?? "").trim();
  if (w === "") return "";
  if (w === "points") return dative ? " Prozentpunkten" : " Prozentpunkte";
  return ` ${dative ? unitDat(w) : unit(w)}`;
};
/** "bei 60 Monaten" / "bis 60 Monate" */
const atDe = (at: string | undefined, t: string | undefined, u: string | undefined): string => (t === undefined ? "" : at === "up to" ? ` bis ${t} ${unit(u)}` : ` nach ${t} ${unitDat(u)}`);
/** "; grace period 6 months (default)" → "; Karenzzeit 6 Monate (Voreinstellung)" */
const defaultsDe = (s: string | undefined): string =>
  (s ?? "").replace(/; (grace period|landmark) ([−\d.,]+) (\w+) \(default\)/g, (_m, what: string, n: string, u: string) => `; ${what === "landmark" ? "Landmark" : "Karenzzeit"} ${n} ${unit(u)} (Voreinstellung)`);

/** The headline's items: "at 12 months: -7.8 points (-27.7 to 19.8), not estimable at 60 months: 12 and 3 patients at risk (…)". */
const headlineDe = (s: string | undefined): string =>
  (s ?? "")
    .replace(/\(([−\d.,-]+) to ([−\d.,-]+); bootstrap not centred: may be off; percentile ([−\d.,-]+) to ([−\d.,-]+)\)/g, "($1 bis $2; Bootstrap nicht zentriert: möglicherweise verzerrt; Perzentilintervall $3 bis $4)")
    .replace(/\(([−\d.,-]+) to ([−\d.,-]+); interval unreliable: bootstrap not centred\)/g, "($1 bis $2; Intervall unzuverlässig: Bootstrap-Verteilung nicht zentriert)")
    .replace(/not estimable at ([−\d.,-]+) (\w+): ([−\d.,-]+) and ([−\d.,-]+) patients at risk \(fewer than ([−\d.,-]+), where the figures end the curves\)/g, (_m, t: string, u: string, a: string, b: string, k: string) => `nach ${t} ${unitDat(u)} nicht schätzbar: ${a} und ${b} Patienten unter Risiko (weniger als ${k}, wo die Abbildungen die Kurven beenden)`)
    .replace(/(^|, | )at ([−\d.,-]+) (\w+):/g, (_m, pre: string, t: string, u: string) => `${pre}nach ${t} ${unitDat(u)}:`)
    .replace(/, ([−\d.,-]+) (\w+): /g, (_m, t: string, u: string) => `, nach ${t} ${unitDat(u)}: `)
    .replace(/ points/g, " Prozentpunkte")
    .replace(/\(([−\d.,-]+) to ([−\d.,-]+)\)/g, "($1 bis $2)")
    .replace(/; RMST difference up to ([−\d.,-]+) (\w+): /g, (_m, t: string, u: string) => `; RMST-Differenz bis ${t} ${unit(u)}: `)
    .replace(/: ([−\d.,-]+) (months|days|weeks|years)( |$)/g, (_m, x: string, u: string, e: string) => `: ${x} ${unit(u)}${e}`);

/** "ATE, stabilised" → "ATE, stabilisiert" */
const weightsDe = (w: string | undefined): string => (w ?? "").replace(/unstabilised/g, "nicht stabilisiert").replace(/(^|[^a-z])stabilised/g, "$1stabilisiert");

/** The adjusted designs the explanation names (src/study/immortal-time/explanation.ts), "; "-separated, in German. */
const designsDe = (list: string): string =>
  list
    .split("; ")
    .map(
      (d) =>
        ({
          "target-trial emulation by clone–censor–weight": "Target-Trial-Emulation durch Klonen-Zensieren-Gewichten",
          "time-dependent Cox adjusted for the confounders": "zeitabhängiges Cox-Modell, adjustiert für die Störgrößen",
          "landmark analysis with the propensity score re-estimated among patients alive at the landmark": "Landmark-Analyse mit dem bei den zum Landmark lebenden Patienten neu geschätzten Propensity Score",
          "landmark Cox adjusted for the confounders": "Landmark-Cox-Modell, adjustiert für die Störgrößen",
          "sequential matching on the time of treatment": "sequenzielles Matching zum Behandlungszeitpunkt",
        })[d] ?? d,
    )
    .join("; ");

/** The caveats of a design estimated without a flag (src/study/immortal-time/explanation.ts DESIGN_CAVEATS). */
const caveatsDe = (list: string): string =>
  list
    .split("; ")
    .map(
      (c) =>
        ({
          "its censoring model has fewer deviations per parameter than the floor at which the study's other models are not fitted":
            "ihr Zensierungsmodell hat weniger Abweichungen pro Parameter als die Untergrenze, unter der die anderen Modelle der Studie nicht angepasst werden",
          "its censoring model has few deviations per parameter": "ihr Zensierungsmodell hat wenige Abweichungen pro Parameter",
          "its bootstrap distributions are not centred on the estimates": "ihre Bootstrap-Verteilungen sind nicht um die Schätzwerte zentriert",
        })[c] ?? c,
    )
    .join("; ");

/** The condition under which an adjusted design estimated without a flag addresses immortal time and confounding. */
const CONDITION_DE =
  "Immortal Time und gemessenes Confounding gemeinsam, unter der Annahme, dass kein nicht gemessenes Confounding besteht und die Modelle für Behandlung, Zensierung und Outcome korrekt spezifiziert sind";
const FLAGS_DE = "zu wenige Ereignisse, verbliebene oder verschlechterte Balance der Kovariablen";

export const immortalTextsDe: Readonly<Record<ImmortalTextId, EngineTemplate>> = {
  itExplanation: ({ g, t }) =>
    `Die Behandlung (${g.name}) fand nach dem Ausgangszeitpunkt von „${g.label}“ statt (im Median ${g.wait} ${unit(g.unit)} später): Ein Patient musste bis zur Behandlung überleben, um als behandelt zu gelten; ein Vergleich der Gruppen nach erhaltener Behandlung (ab dem Ausgangszeitpunkt) ist daher zugunsten der Behandlung verzerrt (Immortal-Time-Bias). ` +
    (g.none === undefined && (g.est !== undefined || g.only !== undefined || g.all !== undefined || g.some !== undefined || g.declared !== undefined)
      ? (g.est !== undefined
          ? `Die unten geschätzten adjustierten Designs (${designsDe(g.est)}) berücksichtigen ${CONDITION_DE}. `
          : g.only !== undefined
            ? `Von den adjustierten Designs ${g.only.includes("; ") ? "wurden" : "wurde"} nur ${designsDe(g.only)} ohne eine Markierung der unten verwendeten Arten (${FLAGS_DE}) geschätzt: ${g.only.includes("; ") ? "Diese Designs berücksichtigen" : "Dieses Design berücksichtigt"} ${CONDITION_DE}. `
            : "Kein adjustiertes Design wurde ohne Markierung geschätzt. ") +
        (g.declared !== undefined ? `Markiert (${g.declFlags === undefined ? FLAGS_DE : g.declFlags.split("; ").map(t).join("; ")}), aber in der Studienspezifikation als Primäranalyse festgelegt: ${designsDe(g.declared)}. ` : "") +
        (g.cav !== undefined ? `Einschränkungen von ${designsDe(g.cavOf ?? "")}: ${caveatsDe(g.cav)}. ` : "") +
        (g.all !== undefined ? `In jeder geschätzten Zeile der Tabelle markiert (${FLAGS_DE}) und daher nur Sensitivitätsanalysen: ${designsDe(g.all)}. ` : "") +
        (g.some !== undefined ? `In einigen Zeilen der Tabelle markiert (${FLAGS_DE}), die nur Sensitivitätsanalysen sind: ${designsDe(g.some)}. ` : "") +
        (g.not !== undefined ? `Auf diesen Daten nicht geschätzt und als solche aufgeführt: ${designsDe(g.not)}. ` : "")
      : g.none !== undefined
        ? `Auf diesen Daten konnte kein adjustiertes Design geschätzt werden (als solche aufgeführt: ${designsDe(g.none)}), daher liefern nur rohe Designs Schätzungen: Sie beseitigen die Immortal Time, nicht aber das Confounding. `
        : "Es wurden keine Kovariablen angegeben, daher werden nur rohe Designs gezeigt: Sie beseitigen die Immortal Time, nicht aber das Confounding. ") +
    "Die rohen Analysen (nur Behandlung) folgen danach; der naive Vergleich ist durch das Design verzerrt und wird nur zum Vergleich gezeigt." +
    (g.byDefault ? " Diese Analysen liefen per Voreinstellung, weil Behandlungsdaten nach dem Ausgangszeitpunkt liegen (analyses.immortalTime: false setzen, um sie abzuschalten)." : ""),
  settingDefault: ({ g }) => `${g.what === "landmark" ? "Landmark" : "Karenzzeit"} ${g.x} ${unit(g.unit)} (Voreinstellung)`,
  ccwEstimand: ({ g }) =>
    `Differenz im Überleben (und in der RMST) zwischen einer Behandlung aller Patienten innerhalb von ${g.g} ${unitDat(g.unit)} und keiner Behandlung innerhalb von ${g.g} ${unitDat(g.unit)} (Per-Protocol-Effekt der emulierten Studie; ein kausaler Kontrast unter der Annahme, dass kein nicht gemessenes Confounding des Behandlungszeitpunkts besteht)`,
  ccwVarianceBootstrap: ({ g }) => `Nichtparametrischer Bootstrap der gesamten Auswertung, ${g.b} Replikationen (Überlebensdifferenzen: Wald-Intervalle mit dem größeren der Bootstrap- und Infinitesimal-Jackknife-SE; RMST-Differenz: Perzentilintervalle); die HR hat zusätzlich einen robusten, nach Patient geclusterten SE`,
  ccwVarianceRobust: () => "Robuster, nach Patient geclusterter SE für die HR; kein Bootstrap (immortalTime.cloneCensorWeight.bootstrap setzen für KI der Überlebensdifferenzen)",
  ccwPopulation: ({ g }) => `alle ${g.n} Patienten mit vollständigen Kovariablen, jeder in beide Strategien geklont`,
  ccwHrNotEstimable: () => "die Per-Protocol-Hazard-Ratio konnte nicht geschätzt werden",
  ccwDescription: ({ g, t }) =>
    `${t(g.estimand ?? "")}; ${t(g.population ?? "")}; Überlebensdifferenz (Behandlung innerhalb der Karenzzeit minus keine)${headlineDe(g.items)}${headlineDe(g.rmst)}; die Hazard Ratio ist die Per-Protocol-Hazard-Ratio der emulierten Studie (gewichtetes Cox-Modell auf den Klonen; eine Zusammenfassung der Kurven, kein kausaler Hazard-Kontrast)`,
  lmPopulation: ({ g }) => `lebend und unter Beobachtung nach ${g.t} ${unitDat(g.unit)}, mit vollständigen Kovariablen, n = ${g.n} (${g.k} bis dahin behandelt)`,
  lmDescription: ({ g, t }) => `${t(g.estimand ?? "")}; ${t(g.population ?? "")}`,
  tdEstimandAdjusted: () => "bedingte HR (adjustiert für die Kovariablen), behandelt ab dem Behandlungsdatum",
  tdEstimandUnadjusted: () => "unadjustierte HR, behandelt ab dem Behandlungsdatum",
  tdVariance: () => "robuste (Sandwich-)Varianz, nach Patient geclustert, wie coxph(cluster = id)",
  tdPopulation: ({ g }) => `alle ${g.n} Patienten mit vollständigen Kovariablen, jeder bis zur Behandlung in der unbehandelten Gruppe`,
  tdCrudeDescription: () => "unadjustierte HR der Behandlung als zeitabhängige Kovariable (Confounding nicht berücksichtigt)",
  seqEstimand: () => "HR bei den gematchten Behandelten ab ihrem Behandlungszeitpunkt (bei Stratifizierung bedingt auf das Matching-Set)",
  seqVariance: () => "robuste (Sandwich-)Varianz, nach Patient geclustert (ein Patient kann Kontrolle sein und später behandelt werden)",
  seqPopulation: ({ g }) => `${g.k} von ${g.n} behandelten Patienten zu ihrem Behandlungszeitpunkt mit ${g.c} noch nicht behandelten, noch beobachteten ${g.c === "1" ? "Kontrolle" : "Kontrollen"} gematcht`,
  designDescription: ({ g, t }) => `${t(g.a ?? "")}; ${t(g.b ?? "")}; ${t(g.c ?? "")}`,
  varModelBased: () => "modellbasiert (inverse Informationsmatrix)",
  varModelBasedStrata: () => "modellbasiert, stratifiziert nach Matching-Set",
  varRobustStrata: () => "robust (nicht ganzzahlige Matching-Gewichte), stratifiziert nach Matching-Set",
  varRobustSet: ({ g }) => `robust, geclustert nach ${g.on === "patient" ? "Patient" : "Matching-Set"}${g.ref === " (Austin 2013)" ? " (Austin 2013)" : g.ref ? " (Matching mit Zurücklegen)" : ""}`,
  varSandwich: ({ g }) => `robuste Sandwich-Varianz, die Gewichte (${weightsDe(g.w)}) als bekannt behandelt`,
  varMEstimation: ({ g }) => `M-Schätzung: gestapelte Score-Gleichungen von PS- und Cox-Modell, Gewichte ${weightsDe(g.w)} (Shu et al. 2021)`,
  atmKept: ({ g }) => `ATM: ${g.k} von ${g.n} behandelten Patienten behalten; ${g.hr === "marginal" ? "marginale" : "bedingte"} HR`,
  primaryLead: ({ g, t }) =>
    `Primäranalyse ${g.how?.startsWith("chosen") ? "nach der Voreinstellungsregel von survinfer gewählt (nicht in der Spezifikation festgelegt)" : "(in der Spezifikation festgelegt)"}: ${t(g.label ?? "")}${defaultsDe(g.defaults)}`,
  ccwHeadline: ({ g }) => `Überlebensdifferenz (Behandlung innerhalb von ${g.g} ${unitDat(g.unit)} minus keine)${headlineDe(g.items)}${headlineDe(g.rmst)}`,
  ccwBeyondData: ({ g }) =>
    `${g.stat === "RMST difference" ? "RMST-Differenz" : "Überlebensdifferenz"}${atDe(g.at, g.t, g.unit)} nicht gezeigt, nicht schätzbar: jenseits der Daten, wo die Abbildung eine Kurve beendet (${g.k1} und ${g.k2} Patienten unter Risiko (unter Beobachtung) in den beiden Strategien, weniger als ${g.min}); results.json behält die Zahl, markiert mit beyondData`,
  ccwHeavyDifference: ({ g }) =>
    `die Überlebensdifferenz nach ${g.t} ${unitDat(g.unit)} beruht großteils auf einem Todesfall: bei ${g.at} ${unitDat(g.unit)}, mit Gewicht ${g.w}, trägt er ${g.share}% der Differenz (den Schätzwert mit Vorsicht lesen)`,
  ccwBootstrapOffCentre: ({ g }) =>
    `die Bootstrap-Verteilung der ${STAT[g.stat] ?? g.stat}${atDe(g.at, g.t, g.unit)} ist nicht um den Schätzwert zentriert (Mittelwert der Replikationen ${g.mean}${unitAfter(g.u, false)}, Schätzwert ${g.est}${unitAfter(g.u, false)}: Verzerrung ${g.bias}${unitAfter(g.u, false)}, mehr als ein Viertel des Bootstrap-SE von ${g.se}${unitAfter(g.u, true)}): ${g.end?.startsWith("the estimate") ? "Schätzwert und Intervall können verzerrt sein (nicht darauf stützen)" : "ihr Intervall ist unzuverlässig (nicht darauf stützen)"}`,
  primaryDefaults: ({ g, t }) =>
    `Primäranalyse ${g.how?.startsWith("chosen") ? "nach der Voreinstellungsregel von survinfer gewählt (nicht in der Spezifikation festgelegt)" : "(in der Spezifikation festgelegt)"}: ${t(g.label ?? "")}${defaultsDe(g.defaults)} — Wahl von survinfer, die Voreinstellung (nicht die der Studie): analyses.primary${g.settings ? " und die als Voreinstellung markierten Einstellungen" : ""} vor Ansicht der Ergebnisse in der Spezifikation festlegen`,
  notEstimatedLandmarkRow: ({ g, t }) => `Immortal Time, Landmark nach ${g.t} ${unitDat(g.unit)}, ${t(g.model ?? "")}: ${t(g.rest ?? "")} [${g.code}]`,
  lmAdjustedModel: () => "Cox-Modell adjustiert für die Kovariablen (bedingte HR)",
  ccwResidualImbalance: ({ g, t }) =>
    `${t(g.flag ?? "")}: die gewichteten Überlebenskurven beruhen teilweise auf den Kovariablenunterschieden, die unter den nach der Karenzzeit noch beobachteten Klonen verbleiben (genannt unter der Balancetabelle von Klonen-Zensieren-Gewichten)`,
  ccwSmallSample: ({ g }) =>
    `die Überdeckung der Konfidenzintervalle der Überlebensdifferenzen wurde in Simulationen für ${g.min}–2000 Patienten geprüft (docs/validation.md); bei ${g.n} Patienten ist sie unbekannt`,
};
