/**
 * German texts of one part of the report: Patient flow, Table 1, survival, prognostic factors (Cox) and summary.txt (src/report/render.ts, table1.ts, tables.ts, flow.ts, src/cli/commands/run.ts).
 * English reference: src/i18n/descriptive-en.ts.
 */
import type { DescriptiveMessages, DescriptiveTextId } from "./descriptive-en.js";
import type { EngineTemplate } from "./warnings.js";
import { quotedDe } from "./quote-de.js";

/** Time units in the nominative plural ("Monate seit …"). */
/** A label the report lower-cased for English prose ("overall survival") with its capital back: German nouns keep it. */
const cap = (s: string): string => (s === "" ? s : s[0].toUpperCase() + s.slice(1));
const UNITS: Readonly<Record<string, string>> = { days: "Tage", weeks: "Wochen", months: "Monate", years: "Jahre" };

/** "12 Monate" → "12 Monaten" after "nach" (dative plural). */
const dat = (t: string): string => t.replace(/(\d) (Monate|Tage|Jahre)$/, "$1 $2n");

/** The subsets callers of endpointPopulation name (src/report/population.ts). */
/** A number a figure passes with a decimal point ("46.05") in German ("46,05"). */
const comma = (s: string): string => s.replace(/(\d)\.(\d)/g, "$1,$2");
const SUBSETS_DE: Readonly<Record<string, string>> = { "complete data for this analysis": "vollständige Daten für diese Analyse", "complete covariates": "vollständige Kovariablen" };

export const descriptiveDe: DescriptiveMessages = {
  coxPopUni: "univariable Modelle bei den Patienten mit einem Wert der jeweiligen Kovariable (n je Modell unter der Tabelle)",
  coxPopMv: (population) => `multivariables Modell bei ${population}`,
  forestTitleMv: (endpoint, n, events) => `Prognosefaktoren: multivariables Cox-Modell, ${cap(endpoint)}, vollständige Fälle (n = ${n}, ${events} Ereignisse).`,
  forestTitleUni: (endpoint) => `Prognosefaktoren: univariable Cox-Modelle, ${endpoint}.`,
  coxMethodsNote: (ties, robust, transform) =>
    `Cox-Regressionsmodelle (Bindungen nach ${ties}${robust ? ", robuste Varianz" : ""}; R: survival::coxph); p-Werte nach Wald. PH-Test p: skalierte Schoenfeld-Residuen, cox.zph(transform = "${transform}", terms = TRUE), ein gemeinsamer Test je Faktor.`,
  coxMvNote: (n, events, covariates, dichotomised, caution) =>
    `Multivariables Modell: n = ${n}, ${events} Ereignisse; Kovariablen: ${covariates}.${dichotomised ? " Dichotomisierte Kovariablen gehen mit ihrem Schwellenwert in das multivariable Modell ein." : ""}${caution === null ? "" : ` Vorsicht – ${caution}.`}`,
  coxUniEach: (models) => `Univariable Modelle verwenden jeden Patienten mit einem Wert der Kovariable: ${models}.`,
  coxUniModel: (label, n, events) => `${label} n = ${n} (${events} Ereignisse)`,
  coxUniSame: (n, events) => `Univariable Modelle: n = ${n}, ${events} Ereignisse.`,
  coxFirthNote:
    "† Der gewöhnliche Koeffizient divergiert (monotone Likelihood, z. B. keine Ereignisse in einer Gruppe): Schätzer der penalisierten Likelihood nach Firth mit Profil-Likelihood-KI und p aus dem penalisierten Likelihood-Quotienten-Test (Heinze & Schemper 2001; R: coxphf, Bindungen nach Breslow).",
  t1PanelNames: (matched, weighted) => `Unadjustiert${matched || weighted ? `, ${[matched ? "PS-gematcht" : "", weighted ? "IPTW" : ""].filter((x) => x !== "").join(" und ")}` : ""}`,
  t1Panels: (panels, n, groups, adjusted) =>
    `Spalten ${panels}: die ${n} Patienten mit vollständigen Propensity-Kovariablen (${groups}), die Population der Propensity-Analysen${adjusted ? "; die adjustierten Spalten gewichten diese Patienten (n zählt jene mit Gewicht > 0)" : ""}.`,
  t1Excluded: (n, groups, why, all) =>
    `Wegen fehlender Propensity-Kovariablen ausgeschlossen: ${n} Patienten (${groups})${why === null ? "" : `; fehlend ${why} (bei einem Patienten können mehrere Werte fehlen)`}.${all === null ? "" : ` Die Spalte „Alle Patienten“ beschreibt zum Vergleich alle ${all} Patienten mit einem Behandlungswert.`}`,
  flowGroupColumns: (by) => `Gruppenspalten: ${by} wie in der Kaplan-Meier-Analyse.`,
  treatment: "Behandlung",
  rmstFootnote: (tau, defaulted) =>
    `Fläche unter der Kaplan-Meier-Kurve bis τ = ${tau}${defaulted ? " (voreingestellt auf das größte τ, das die Daten zulassen)" : ""}; Varianz nach dem Greenwood-Plug-in-Verfahren, wie survRM2::rmst2.`,
  logrankHrLine: (comparison, ci, cl) => `HR ${comparison.replace(/ vs /g, " vs. ")} ${ci.replace(" (", ` (${cl}-KI `)} – HR aus dem Log-Rank-Test (O/E-Verhältnis), kein Cox-Modell`,
  lowerFirst: (s) => s,
  byGroup: (by) => ` nach ${quotedDe(by)}`,
  populationAll: (n, endpoint) => `alle ${n} Patienten${endpoint === null ? "" : ` mit Daten zu ${quotedDe(cap(endpoint))}`}, n = ${n}`,
  populationSubset: (n, endpoint, subset) => `${n} Patienten${endpoint === null ? "" : ` mit Daten zu ${quotedDe(cap(endpoint))}`}${subset === null ? "" : `, ${subset}`}, n = ${n}`,
  populationSubsetWords: (subset) => SUBSETS_DE[subset] ?? subset,
  splines: {
    linearityFootnote: (n, events) =>
      `Ein Cox-Modell (n = ${n}, ${events} Ereignisse), in dem jede stetige Kovariable als restringierter kubischer Spline mit 4 Knoten an Harrells Standardquantilen eingeht (rms::rcs); Wald-Test der nichtlinearen Spline-Terme wie rms::anova „Nonlinear“. Ein kleiner p-Wert spricht dafür, dass das logarithmierte Hazard nicht linear von der Kovariable abhängt.`,
    allNonlinear: (chisq, df, p) => `Alle nichtlinearen Terme zusammen: χ² = ${chisq} bei ${df} FG, ${p}.`,
    notChecked: (list) => `Nicht geprüft (kategorial oder weniger als 7 verschiedene Werte): ${list}.`,
    linearityTitle: "Linearität der stetigen Kovariablen (restringierte kubische Splines)",
    completeCases: (n, events) => `Patienten mit vollständigen Kovariablen, n = ${n}, ${events} Ereignisse`,
    knots: "Knoten",
    knotSep: "; ",
    chisqNonlinear: "χ² (nichtlinear)",
    df: "FG",
    hrBy: (label) => `Hazard Ratio in Abhängigkeit von ${label}`,
    hrByPspline: (label) => `Hazard Ratio in Abhängigkeit von ${label} (penalisierter Spline)`,
    rcsCaption: (ref, level, p, n, events) =>
      `Hazard Ratio (logarithmische Skala) gegenüber ${ref} (dem Median; HR = 1) aus dem Cox-Modell mit restringierten kubischen Splines (4 Knoten, Striche auf der x-Achse), mit punktweisem ${level}%-Konfidenzband; Test auf Nichtlinearität ${p}. R: rms::contrast(fit, list(x = x), list(x = median)). Population: Patienten mit vollständigen Kovariablen, n = ${n}, ${events} Ereignisse.`,
    thetaGiven: (theta) => `θ = ${theta} vorgegeben`,
    thetaChosen: (theta, df) => `θ = ${theta} gewählt für ${df} FG`,
    psplineCaption: (ref, label, smooth, df, level, p, n, events) =>
      `Hazard Ratio (logarithmische Skala) gegenüber ${ref} (dem Median; HR = 1) aus dem Cox-Modell mit einem penalisierten Spline von ${label} (survival::pspline: ${smooth}, effektive FG ${df}), mit punktweisem ${level}%-Konfidenzband; Test auf Nichtlinearität ${p}. Population: n = ${n}, ${events} Ereignisse.`,
    continuousTitle: "Multivariables Cox-Modell mit stetigen Kovariablen",
    continuousPopulation: (n, events) => `n = ${n}, ${events} Ereignisse`,
    continuousFootnote: (n, events) =>
      `Dieselben Kovariablen wie im multivariablen Modell oben, ohne ihre Schwellenwerte: n = ${n}, ${events} Ereignisse; HR je Einheit jeder stetigen Kovariable.`,
    curveTitle: "Hazard-Ratio-Kurve",
    curveDescription: (ref, lo, hi, knots) =>
      `Hazard Ratio gegenüber ${comma(ref)} (Referenz, HR = 1) mit punktweisem Konfidenzband, von ${comma(lo)} bis ${comma(hi)}${knots === null ? "" : `; Knoten bei ${comma(knots).replace(/, /g, "; ")}`}.`,
    covariate: "Kovariable",
  },
  flowDiagram: {
    assessed: "Patienten geprüft",
    nIs: (n) => `n = ${n}`,
    excluded: (n) => `Ausgeschlossen (n = ${n})`,
    reasonCount: (reason, n) => `${reason}: ${n}`,
    analysed: (endpoint) => `Ausgewertet: ${cap(endpoint)}`,
    nEvents: (n, events) => `n = ${n}, ${events} Ereignisse`,
    notInPs: (n) => `Nicht in den Propensity-Score-Analysen (n = ${n})`,
    missingCount: (what, n) => `fehlend ${cap(what)}: ${n}`,
    missSeveral: "(bei einem Patienten können mehrere Werte fehlen)",
    psAnalyses: "Propensity-Score-Analysen",
    psComplete: (n) => `n = ${n} mit vollständigen Kovariablen`,
    matchedLine: (matched, treated, unmatched) => `gematcht: ${matched} (${treated} behandelt), nicht gematcht: ${unmatched}`,
    weightedLine: (n, ess) => `gewichtet: ${n} mit Gewicht > 0, ESS ${ess}`,
    predictionModel: "Prognosemodell",
    fromTreatmentDate: ", ab dem Datum der Behandlung",
    groupAnalysed: (n, events) => `ausgewertet: n = ${n}, ${events} Ereignisse`,
    groupPs: (n) => `Propensity-Score-Analysen: ${n}`,
    groupPsOf: (n, analysed) => `Propensity-Score-Analysen: ${n} von ${analysed} ausgewerteten`,
    groupMatched: (n) => `gematcht: ${n}`,
    groupWeighted: (n, ess) => `gewichtet: ${n} (ESS ${ess})`,
    ccw: "Klonen-Zensieren-Gewichten",
    ccwPrimary: "Klonen-Zensieren-Gewichten (Primäranalyse)",
    ccwNote: "jeder Patient in beide Strategien geklont",
    tdCox: "Adjustiertes zeitabhängiges Cox-Modell",
    tdNote: "behandelt ab dem Datum der Behandlung",
    landmarkAt: (time, unit) => `Landmark nach ${dat(`${time} ${unit}`)}`,
    landmarkNote: (treated) => `zum Landmark lebend und unter Beobachtung; ${treated} bis dahin behandelt`,
    landmarkPsNote: (alive, treated) => `mit vollständigen Kovariablen, von ${alive} zum Landmark lebend und unter Beobachtung; ${treated} bis dahin behandelt`,
    otherCohorts: "Kohorten anderer Designs, aus den ausgewerteten Patienten gebildet",
  },
  summary: {
    allPatients: "alle",
    of: (endpoint, by) => `${endpoint}${by === null ? "" : ` nach ${quotedDe(by)}`}`,
    versus: (a, b) => `${a} vs. ${b}`,
    flow: (read, excluded, reasons, analysed) => `${read} ${read === "1" ? "Patient" : "Patienten"} eingelesen, ${excluded === null ? "keiner ausgeschlossen" : `${excluded} ausgeschlossen: ${reasons}`}; ${analysed} ausgewertet`,
    flowReason: (reason, n) => `${reason} (${n})`,
    kmHeading: (what, n) => `Kaplan-Meier-Schätzer, ${what} (n = ${n})`,
    kmStratum: (group, n, events, median, at) => `  ${group} (n = ${n}, ${events} Ereignisse): mediane Überlebenszeit ${median}${at === "" ? "" : `; Überleben ${at}`}`,
    survivalAt: (time, value) => `nach ${dat(time)} ${value}`,
    testHeading: (test, what, n) => `${test}, ${what} (n = ${n})`,
    chisq: (chisq, df, p) => `χ² = ${chisq} bei ${df} Freiheitsgrad${df === "1" ? "" : "en"}, ${p}`,
    logrankHr: (comparison, n, ci) => `  Hazard Ratio aus dem Log-Rank-Test (O/E-Verhältnis, kein Cox-Modell), ${comparison} (n = ${n}): ${ci}`,
    rmstHeading: (tau, what, n) => `Restriktive mittlere Überlebenszeit (RMST) bis ${tau}, ${what} (n = ${n})`,
    rmstGroup: (group, n, events, value) => `  ${group} (n = ${n}, ${events} Ereignisse): ${value}`,
    rmstDifference: (comparison, value, p) => `  Differenz, ${comparison}: ${value}, ${p}`,
    coxHeading: (endpoint, n, events, covariates) => `Multivariables Cox-Modell, ${endpoint} (vollständige Fälle, n = ${n}, ${events} Ereignisse): ${covariates}`,
    coxTerm: (label, value) => `  ${label}: ${value}`,
    ciNotComputed: "KI nicht berechnet: Bootstrap aktivieren",
    adjustedAt: (time, treated, control, difference, ci) => `nach ${dat(time)} ${treated} vs. ${control}, Differenz ${difference} Prozentpunkte${ci}`,
    adjustedRmst: (tau, treated, control, difference, ci) => `RMST bis ${tau} ${treated} vs. ${control}, Differenz ${difference}${ci}`,
    adjusted: (name, n, parts) => `  adjustiertes Überleben, ${name}${n === "" ? "" : ` (n = ${n})`}, behandelt vs. unbehandelt: ${parts}`,
    miHeading: (missing, n, m, iterations, seed, primaryMi, key) =>
      `Fehlende Kovariablen: ${missing} von ${n} Patienten haben einen fehlenden Wert; die multiple Imputation (${m} Imputationen, ${iterations} Iterationen, Seed ${seed}) ist ${primaryMi ? "die Primäranalyse, die Analyse vollständiger Fälle eine Sensitivitätsanalyse" : "eine Sensitivitätsanalyse, die Analyse vollständiger Fälle die Primäranalyse"} (missing.primary: ${key})`,
    miWithin: (endpoint, n) => `  Behandlungseffekt nach multipler Imputation, Within-Ansatz (${endpoint}; alle ${n} Patienten; gepoolt nach den Rubin-Regeln):`,
    tagPrimary: " [Primäranalyse]",
    tagSensitivityOfPrimary: " [Sensitivitätsanalyse der Primäranalyse]",
    eValue: (point, ci) => `; E-Wert ${point}${ci === null ? "" : ` (KI-Grenze ${ci})`}`,
    miCox: (endpoint, n) => `  multivariables Cox-Modell nach multipler Imputation (${endpoint}; alle ${n} Patienten):`,
    immortalHeading: (title, explanation) => `${title}: ${explanation}`,
    immortalAdjusted: (n, estimand, hr) => `  zeitabhängiges Cox-Modell, adjustiert für die Kovariablen (n = ${n}; ${estimand}; robuster SE): ${hr}`,
    psMatchedSample: (estimand) => `PS-gematcht (${estimand})`,
    immortalLandmarkPs: (time, population, hr) => `  Landmark nach ${dat(time)}, PS neu geschätzt, IPTW (${population}; marginale HR; robuster SE): ${hr}`,
    immortalNaive: (n, hr) => `  naiv (durch das Design verzerrt (Immortal-Time-Bias), Behandlung zum Ausgangszeitpunkt festgelegt; n = ${n}): ${hr}`,
    immortalTimeDependent: (n, hr) => `  Behandlung als zeitabhängige Kovariable, roh (nur Behandlung; n = ${n}): ${hr}`,
    immortalLandmark: (time, n, hr) => `  Landmark nach ${dat(time)} (n = ${n}), roh (nur Behandlung): ${hr}`,
    immortalLandmarkPsHeading: (time, population) => `  Landmark nach ${dat(time)}, PS neu geschätzt (${population}):`,
    immortalLandmarkPsRow: (label, n, value) => `    ${label} (n = ${n}): ${value}`,
    immortalLandmarkPsRefused: (time, reason) => `  Landmark nach ${dat(time)}, PS neu geschätzt: ${reason}`,
    immortalLandmarkWeighted: (n, items) => `    IPTW-gewichtete Kaplan-Meier-Überlebensraten (n = ${n}): ${items}; ohne Konfidenzintervall (die Landmark-Analyse hat keinen Bootstrap)`,
    crHeading: (what, n) => `Konkurrierende Risiken, ${what} (n = ${n}), kumulative Inzidenz (Aalen-Johansen):`,
    crHeadingFlagged: (what, n, flag) => `Konkurrierende Risiken, ${what} (n = ${n}), kumulative Inzidenz (Aalen-Johansen)${flag}:`,
    incidenceAt: (time, value) => `nach ${dat(time)} ${value}`,
    incidenceLast: (value) => `zum letzten Zeitpunkt ${value}`,
    crCurve: (cause, group, n, events, at) => `  ${cause}${group === null ? "" : `, ${group}`} (n = ${n}, ${events} Ereignisse): ${at}`,
    grayTest: (cause, n, p) => `  Gray-Test, ${cause} (n = ${n}): ${p}`,
    crModel: (model, term, n, cs, sd) => `  ${model}, ${term} (n = ${n}): ursachenspezifische HR ${cs}${sd === null ? "" : `; Subdistributions-HR ${sd}`}`,
    cureRelative: "relatives Überleben",
    cureAnyCause: "jede Ursache",
    cureCause: (cause) => `ursachenspezifisch: ${cause}`,
    cureCauseSpecific: "ursachenspezifisches Modell",
    cureSemiparametric: "semiparametrisches PH",
    cureHeading: (endpoint, of, population, model, aic) =>
      `Heilungsmodell (${endpoint}, ${of}${population === null ? "" : `; ${population}`}; ${model}-Mischmodell${aic ? ", niedrigstes AIC" : ""}), Heilungsanteil:`,
    cureNoEvents: "nicht schätzbar (keine Ereignisse)",
    cureFollowUp: (plateau, p, verdict) =>
      `Plateau über ${plateau}, Maller-Zhou-Test ${p}; Nachbeobachtung ${verdict === "sufficient" ? "ausreichend" : verdict === "inconclusive" ? "nicht entscheidbar" : "nicht als ausreichend belegt"}`,
    cureNotFinding: (why) =>
      `    kein Befund: Modell und Daten widersprechen sich (${why === "outside-km-ci" ? "der Heilungsanteil des Modells liegt außerhalb des Kaplan-Meier-Konfidenzintervalls am Ende der Nachbeobachtung" : "das Erreichen des Kaplan-Meier-Plateaus ist nicht gezeigt"}); stattdessen das Kaplan-Meier-Plateau als Obergrenze heranziehen`,
    cureGroupNotFinding: (group, n, events, km, fraction, followUp) =>
      `  ${group} (n = ${n}, ${events} Ereignisse): Kaplan-Meier-Schätzer am Ende der Nachbeobachtung ${km}, eine Obergrenze des geheilten Anteils; Modell ${fraction}, durch die Daten nicht gestützt${followUp === null ? "" : `; ${followUp}`}`,
    cureGroup: (group, n, events, fraction, plateau, followUp) =>
      `  ${group} (n = ${n}, ${events} Ereignisse): ${fraction}${plateau === null ? "" : `; Kaplan-Meier-Plateau ${plateau}`}${followUp === null ? "" : `; ${followUp}`}`,
    apparentCorrected: (apparent, corrected) => `${apparent}${corrected === null ? "" : ` (optimismuskorrigiert ${corrected})`}`,
    predictionHeading: (endpoint, time, covariates) => `Prognosemodell (${endpoint} nach ${dat(time)}): ${covariates}`,
    predictionIndices: (n, events, harrell, uno, auc, slope, corrected) =>
      `  n = ${n}, ${events} Ereignisse; Harrells C ${harrell}, Unos C ${uno}, AUC ${auc}, Kalibrierungssteigung ${slope}${corrected ? " (optimismuskorrigiert)" : ""}`,
    recurrentHeading: (label, events, n) => `Wiederkehrende Ereignisse (${label}): ${events} Ereignisse bei ${n} Patienten`,
    recurrentPopulation: (population) => `  Population: ${population}`,
    recurrentMean: (group, value, time, atRisk) =>
      `  mittlere Anzahl der Ereignisse pro Patient (Ghosh-Lin-Schätzer, Tod als terminales Ereignis)${group === null ? "" : `, ${group}`}: ${value} bis ${time} (${atRisk} unter Risiko)`,
    recurrentNaive: (group, value, time) =>
      `  nur zum Vergleich, die naive mittlere kumulative Anzahl (Tod als Zensierung; überschätzt die Last)${group === null ? "" : `, ${group}`}: ${value} bis ${time}`,
    recurrentModel: (model, term, n, hr) => `  ${model}, ${term} (n = ${n}): ${hr}`,
    notRun: (analysis, reason) => `${analysis} (${reason})`,
    miHeadingCounts: (counts, m, iterations, seed, primaryMi, key) =>
      `Fehlende Kovariablen: ${counts}; die multiple Imputation (${m} Imputationen, ${iterations} Iterationen, Seed ${seed}) ist ${primaryMi ? "die Primäranalyse, die Analyse vollständiger Fälle eine Sensitivitätsanalyse" : "eine Sensitivitätsanalyse, die Analyse vollständiger Fälle die Primäranalyse"} (missing.primary: ${key})`,
    miCountCox: (lost, n, vars) => `bei ${lost} von ${n} Patienten fehlt eine Kovariable des multivariablen Cox-Modells (${vars})`,
    miCountPropensity: (lost, n, vars) => `bei ${lost} von ${n} Patienten fehlt eine Kovariable des Propensity-Score-Modells (${vars})`,
    miCountSep: "; ",
    grayTestFlagged: (cause, n, p, flags) => `  Gray-Test, ${cause} (n = ${n}): ${p} [${flags}]`,
  },
  miNoImputedValue: (rows) =>
    `Kein imputierter Wert geht ein in ${rows}: Der Schätzer ist in jeder Imputation gleich (Varianz zwischen den Imputationen B = 0), doch die Rubin-Regeln mit Freiheitsgraden ν nach Barnard und Rubin (Freiheitsgrade der vollständigen Daten = Ereignisse − 1, wie mice) verwenden ein t-Quantil mit ν Freiheitsgraden statt des Normalverteilungsquantils; daher ist das KI etwas breiter als das KI der vollständigen Daten und der Anteil fehlender Information 2/(ν + 3) statt 0, wie ihn mice::pool angibt.`,
  miNoImputedRow: (label, dfcom, df, fmi) => `${label} (Freiheitsgrade der vollständigen Daten ${dfcom}, ν = ${df}, FMI ${fmi})`,
  coxReference: "1 (Referenz)",
  coxSparse: (mark, minN, minEvents, levels) =>
    `${mark} Schwach besetzte Kategorie (weniger als ${minN} Patienten oder weniger als ${minEvents} Ereignisse im Modell): ${levels}. Ihre Hazard Ratio – und als Referenz jede Hazard Ratio gegen sie – ist instabil (breites KI, zufällig weit von 1 entfernt möglich); sie in den Daten mit einer benachbarten Kategorie zusammenfassen oder eine stärker besetzte Referenz wählen (Kovariable \`reference\`, docs/spec.md).`,
  coxSparseLevel: (label, n, events) => `${label}: ${n} ${n === "1" ? "Patient" : "Patienten"}, ${events} ${events === "1" ? "Ereignis" : "Ereignisse"}`,
  kmDescription: (groups, risk, cumEvents) =>
    `Kaplan-Meier-Schätzer des Überlebens${groups === null ? "" : ` nach Gruppe: ${groups}`}${risk ? ", mit der Anzahl unter Risiko" : ""}${cumEvents ? ", mit der kumulativen Anzahl der Ereignisse" : ""}.`,
  timeSince: (unit, origin) => `${unit === "" ? "Zeit" : (UNITS[unit] ?? unit)} seit „${origin}“`,
};

/** German templates of the engine texts of this part (DESCRIPTIVE_PATTERNS). */
export const descriptiveTextsDe: Readonly<Record<DescriptiveTextId, EngineTemplate>> = {
  t1Continuous: ({ g }) => `Stetige Variablen: Mittelwert (SD) oder Median [Q1, Q3] (Quantile wie R, Typ 7), wenn gewählt oder wenn |Schiefe| > ${g.k} (Zusammenfassung "auto").`,
  t1Categorical: () => "Kategoriale Variablen: n (%), Prozent der Patienten mit bekanntem Wert; fehlend: Anzahl der Patienten ohne Wert.",
  t1Weighted: () =>
    'Gematchte/gewichtete Spalten: gewichtete Mittelwerte, SD (Σw̃(x − x̄)²/(1 − Σw̃²), w̃ = w/Σw), Mediane und Quartile (Umkehrung der gewichteten empirischen Verteilungsfunktion, wie survey::svyquantile mit qrule = "math"), Anzahlen Σw und gewichtete Prozente; n und fehlend zählen Patienten mit Gewicht > 0.',
  t1NoP: ({ g }) =>
    `Für die gematchten oder gewichteten Stichproben werden keine p-Werte angegeben: Balance ist eine Eigenschaft der vorliegenden Stichprobe, keine Hypothese über eine Population, und p-Werte spiegeln dort vor allem die (verkleinerte) Stichprobengröße wider (${g.refs}).`,
  t1Smd: ({ g, t }) =>
    `SMD: ${t(g.text)}; mehrstufige Variablen: multivariate SMD nach Yang und Dalton √(dᵀΣ⁻¹d), ${g.described !== undefined ? "ihre Kovarianz aus der beschriebenen Stichprobe" : "ihre Kovarianz Σ aus der unadjustierten Stichprobe, wie σ, sodass adjustierte und unadjustierte SMD denselben Nenner haben"}.${g.sample === undefined ? "" : ` SMD bei ${t(g.sample)} (n = ${g.n}; ${g.t} vs. ${g.c}), deren unadjustierte SD die Nenner sind.`}`,
  psCompleteCases: () => "den Patienten mit vollständigen Propensity-Kovariablen",
  t1Ess: () => "ESS: effektive Stichprobengröße nach Kish (Σw)²/Σw².",
};
