/**
 * German templates of the engine texts (src/i18n/warnings-en.ts has the English patterns and their
 * groups). Terms as in the German catalogue (src/i18n/de.ts): Ereignisse pro Parameter (EPV), Hazard Ratio,
 * Konfidenzintervall (KI), gematcht, Karenzzeit (Grace Period), Heilungsanteil, Störgröße.
 */
import type { EngineCatalogue, ScopeCatalogue } from "./warnings.js";
import { immortalTextsDe } from "./immortal-de.js";
import { causalTextsDe } from "./causal-de.js";
import { effectsTextsDe } from "./effects-de.js";
import { longTermTextsDe } from "./long-term-de.js";
import { descriptiveTextsDe } from "./descriptive-de.js";

const UNITS: Readonly<Record<string, readonly [string, string]>> = { days: ["Tage", "Tagen"], weeks: ["Wochen", "Wochen"], months: ["Monate", "Monaten"], years: ["Jahre", "Jahren"] };
const unit = (u: string | undefined): string => (u === undefined ? "" : (UNITS[u]?.[0] ?? u));
const unitDat = (u: string | undefined): string => (u === undefined ? "" : (UNITS[u]?.[1] ?? u));

/** Whether an engine's count is one (German verbs and nouns agree with it: "1 Zeile … ausgeschlossen", "1 Patient starb"). */
const one = (n: string | undefined): boolean => n === "1";

/** '"A" and "B"' → '"A" und "B"'. */
const terms = (s: string | undefined): string => (s ?? "").replace(/" and "/g, '" und "');

/** "5 missing X, 4 missing Y" → "X: 5; Y: 4" (the labels are data, kept as written). */
const missingList = (s: string | undefined): string =>
  (s ?? "")
    .split(/, (?=\d+ missing )/)
    .map((item) => item.replace(/^(\d+) missing (.+)$/, "$2: $1"))
    .join("; ");

/** Effect-model labels ("PS-matched Cox adjusted for covariates (ATM, conditional HR)") word by word. */
export function effectWordsDe(s: string): string {
  return s
    .replace(/\bCrude Cox\b/g, "Rohes Cox-Modell")
    .replace(/\bMultivariable Cox\b/g, "Multivariables Cox-Modell")
    .replace(/\bPS-matched Cox\b/g, "PS-gematchtes Cox-Modell")
    .replace(/\bIPTW Cox\b/g, "IPTW-Cox-Modell")
    .replace(/ stratified on matched set/g, ", stratifiziert nach Matching-Set")
    .replace(/ adjusted for covariates/g, ", adjustiert für Kovariablen")
    .replace(/\bunadjusted HR\b/g, "unadjustierte HR")
    .replace(/\bconditional HR\b/g, "bedingte HR")
    .replace(/\bmarginal HR\b/g, "marginale HR")
    .replace(/\bM-estimation SE\b/g, "SE nach M-Schätzung")
    .replace(/\brobust SE\b/g, "robuster SE");
}

const LATENCY: Readonly<Record<string, string>> = { Weibull: "Weibull-Verteilung", "log-normal": "Lognormalverteilung", "log-logistic": "log-logistische Verteilung", "generalised gamma": "verallgemeinerte Gammaverteilung", exponential: "Exponentialverteilung" };

export const engineTextsDe: EngineCatalogue = {
  ...immortalTextsDe,
  ...causalTextsDe,
  ...effectsTextsDe,
  ...longTermTextsDe,
  ...descriptiveTextsDe,
  notEstimatedCode: ({ g, t, s }) => `${s(g.what)}: ${t(g.rest)} [${g.code}]`,
  notEstimableDash: ({ g, t, s }) => `${s(g.what)}: nicht schätzbar – ${t(g.reason)} [${g.code}]`,
  notEstimable: ({ g, t }) => `nicht schätzbar: ${t(g.reason)}`,
  eventDeath: () => "Tod",
  eventFromCause: ({ g }) => `${g.event === "death" ? "Tod" : (g.event ?? "").replace(/^the event of /, "Ereignis ")} an ${g.cause} (andere Ursachen zensiert: ursachenspezifisches Mixture-Cure-Modell)`,
  eventAnyCause: ({ g }) => `${g.event === "death" ? "Tod" : (g.event ?? "").replace(/^the event of /, "Ereignis ")} jeder Ursache`,
  noPooled: ({ g, t }) => `${t(g.text)}; kein gepoolter Schätzer`,
  notEstimatedBare: ({ g }) => `nicht geschätzt: ${g.e} Ereignisse für ${g.p} Parameter (EPV ${g.epv}, Untergrenze ${g.floor}; zum Ändern ${g.key} setzen)`,
  fewBeyondLast: ({ g }) => `Nur ${g.n} ${one(g.n) ? "Patient wird" : "Patienten werden"} über den letzten Todesfall hinaus nachbeobachtet: Das Plateau beruht auf sehr wenigen Patienten.`,
  treatedFromDate: ({ g }) => `behandelte Patienten (${g.label}) ab dem Datum der Behandlung`,
  inAllImputations: ({ g, t }) => `${t(g.text)} (in allen ${g.m} vervollständigten Datensätzen)`,
  notEstimableAny: ({ g, t }) => `in keinem der ${g.m} vervollständigten Datensätze schätzbar${g.reason === undefined ? "" : ` (Datensatz ${g.k}: ${t(g.reason)})`}`,
  notEstimableIn: ({ g, t }) => `nicht schätzbar ${(g.list ?? "").includes(",") ? "in den vervollständigten Datensätzen" : "im vervollständigten Datensatz"} ${g.list} von ${g.m}${g.reason === undefined ? "" : ` (${t(g.reason)})`}`,
  notEstimated: ({ g, s }) =>
    `${s(g.model)}: nicht geschätzt: ${g.e} Ereignisse für ${g.p} Parameter (EPV ${g.epv}, Untergrenze ${g.floor}; zum Ändern ${g.key} setzen)`,
  notRun: ({ g, t }) => `nicht durchgeführt: ${t(g.reason)}`,
  rowsDropped: ({ g }) => `${g.n} ${one(g.n) ? "Zeile" : "Zeilen"} wegen fehlender Werte ausgeschlossen (${missingList(g.list)})`,
  leftOutMissing: ({ g }) => `${g.n} ${one(g.n) ? "Patient" : "Patienten"} wegen fehlender Kovariablen nicht berücksichtigt (${g.t} behandelt, ${g.c} nie behandelt)`,
  leftOutMissingBy: ({ g }) => `${g.n} ${one(g.n) ? "Patient" : "Patienten"} wegen fehlender Kovariablen nicht berücksichtigt (${g.t} bis dahin behandelt, ${g.c} nicht)`,
  landmarkExcluded: ({ g }) =>
    `${g.n} ${one(g.n) ? "Patient starb oder schied" : "Patienten starben oder schieden"} vor dem Landmark aus der Nachbeobachtung aus und ${one(g.n) ? "ist" : "sind"} nicht in der Landmark-Analyse`,
  fewEpv: ({ g }) =>
    `wenige Ereignisse pro Parameter: ${g.e} Ereignisse für ${g.p} Parameter (EPV ${g.epv}, unter ${g.floor}): die Schätzer können von 1 weg verzerrt und ihre KI zu schmal sein (Peduzzi 1996)`,
  fewEpvConditional: ({ g }) =>
    `wenige Ereignisse pro Parameter: ${g.e} Ereignisse für ${g.p} Parameter (EPV ${g.epv}): die bedingte HR kann von 1 weg verzerrt und ihr KI zu schmal sein (Peduzzi 1996)`,
  tooFewEpvPrediction: ({ g }) =>
    `zu wenige Ereignisse pro Parameter: ${g.e} Ereignisse für ${g.p} Parameter (EPV ${g.epv}, unter der Untergrenze von ${g.floor}): eine große Optimismuskorrektur und schlechte Kalibrierung bei neuen Patienten sind zu erwarten; weniger Kovariablen wählen`,
  effectsEpv: ({ g, t }) =>
    `${g.k} Modelle mit zu wenigen Ereignissen pro Parameter, unter der Untergrenze von ${g.floor}, unterhalb derer die übrigen Modelle der Studie nicht angepasst werden: ${(g.list ?? "")
      .split(/; (?=(?:Crude|Multivariable|PS-matched|IPTW) Cox)/)
      .map(t)
      .join("; ")}: diesen Schätzern nicht vertrauen`,
  modelEpvItem: ({ g }) => `${effectWordsDe(g.model)}: ${g.e} Ereignisse für ${g.p} Parameter, EPV ${g.epv}`,
  propensityRefused: ({ g }) =>
    `Propensity-Modell (Ereignisse = Patienten der kleineren Gruppe): nicht geschätzt: ${g.n} Patienten für ${g.k} Parameter (EPV ${g.epv}, Untergrenze ${g.floor}; zum Ändern ${g.key} setzen)${g.hint ? ". Mehr Ereignisse sammeln, weniger Parameter anpassen oder analyses.safeguards.epvFloor senken" : ""}`,
  propensityEpv: ({ g }) =>
    `Propensity-Modell: ${g.n} Patienten in der kleineren Gruppe (${g.group === "controls" ? "Kontrollen" : "Behandelte"}) für ${g.k} Koeffizienten (EPV ${g.epv}, unter der Untergrenze von ${g.floor}): beibehalten, weil ${g.key} auf "warn" steht; seine Koeffizienten werden nicht interpretiert, es ist nach der Balance nach Matching und Gewichtung zu beurteilen; weniger Kovariablen sind vorzuziehen`,
  ccwEpvFloor: ({ g }) =>
    `${g.d} Abweichungen für ${g.p} Parameter (EPV ${g.epv}, unter der Untergrenze von ${g.floor}, unterhalb derer die übrigen Modelle der Studie nicht angepasst werden; beibehalten, weil die Gewichte ohne dieses Modell nicht gebildet werden können): die Gewichte (max. ${g.max}) können instabil sein; die Intervalle mit Vorsicht lesen oder weniger Kovariablen verwenden`,
  ccwEpv: ({ g }) => `${g.d} Abweichungen für ${g.p} Parameter (EPV ${g.epv}, unter ${g.floor}): die Gewichte (max. ${g.max}) können instabil sein; die Intervalle mit Vorsicht lesen oder weniger Kovariablen verwenden`,
  riley: ({ g }) =>
    `Stichprobengröße: das Modell wurde an ${g.n} Patienten (${g.e} Ereignisse) angepasst; die Riley-Kriterien verlangen mindestens ${g.need} Patienten (${g.needE} Ereignisse) für ${g.p} Parameter: Überanpassung ist zu erwarten`,
  infinite: ({ g }) =>
    /" (?:and|,) "/.test(g.terms ?? "")
      ? `die Koeffizienten für ${terms(g.terms)} können unendlich sein: die partielle Likelihood konvergierte vor diesen Koeffizienten (monotone Likelihood, z. B. keine Ereignisse in einer Gruppe); penalisierte Likelihood nach Firth erwägen (R: coxphf)`
      : `der Koeffizient für ${terms(g.terms)} kann unendlich sein: die partielle Likelihood konvergierte vor diesem Koeffizienten (monotone Likelihood, z. B. keine Ereignisse in einer Gruppe); penalisierte Likelihood nach Firth erwägen (R: coxphf)`,
  firthFitted: () => "das Modell mit penalisierter Likelihood nach Firth (coxphf) wurde angepasst, weil ein Koeffizient divergierte: seine Schätzer berichten",
  notMatched: ({ g }) => `${g.n} von ${g.total} behandelten Patienten ${one(g.n) ? "wurde" : "wurden"} nicht gematcht`,
  outsideRange: ({ g }) => `${g.t} behandelte und ${g.c} Kontrollpatienten liegen außerhalb des Propensity-Score-Bereichs der anderen Gruppe (keine vergleichbaren Patienten)`,
  greedyOrder: ({ g }) =>
    `Greedy-Matching mit dem ${g.order === "largest" ? "größten" : "kleinsten"} Propensity Score zuerst hinterließ ein Ungleichgewicht innerhalb der Paare im Logit des Propensity Scores: behandelt minus Kontrolle im Mittel ${g.a} SD, gegenüber ${g.b} SD in einer zufälligen Reihenfolge mit Seed (${g.m} Behandelte gematcht); der gematchte Effekt kann es übernehmen (eine verzerrte HR mit zu seltener Überdeckung des KI): Reihenfolge "random", einen engeren Caliper oder Full Matching vorziehen`,
  fewerControls: ({ g }) =>
    `weniger Kontroll- als behandelte Patienten (${g.c} Kontrollen, ${g.t} Behandelte, 1:${g.ratio}-Matching ohne Zurücklegen); nicht jeder Behandelte erhält einen Partner: höchstens ${g.max} von ${g.t2} Behandelten können gematcht werden, und die gematchte Stichprobe schätzt den Effekt bei den gematchten Behandelten, nicht den ATT. Passende Designs: jede Kontrolle mit einem Behandelten matchen (ATC, der Effekt bei Patienten wie den Kontrollen): behält ${g.c2 !== undefined ? `alle ${g.c2}` : `${g.c2k} von ${g.c2n}`} Kontrollen und ${g.c3} von ${g.t3} Behandelten; Full Matching (Subklassen aus einem Behandelten und mehreren Kontrollen oder umgekehrt, MatchIt method = "full"; in der Spezifikation matching.method: full): ${g.full !== undefined ? `behält alle ${g.full} Patienten` : `behält mit dem Caliper von ${(g.cal ?? "").replace(/SD of the logit PS/, "SD des logit-transformierten PS").replace(/SD of the PS/, "SD des PS")} ${g.fk} von ${g.fn} Patienten (${g.ft} von ${g.ftn} Behandelten, ${g.fc} von ${g.fcn} Kontrollen: jene mit einem Partner innerhalb des Calipers), ohne Caliper alle ${g.fall} (matching.caliper: null)`}, ATT oder ATE; Gewichtung (IPTW für den ATE oder Overlap-Gewichte für den ATO, die Patienten ohne vergleichbare Gegenstücke heruntergewichten): behält alle ${g.w} Patienten`,
  bootstrapFailed: ({ g }) => `${g.n} von ${g.b} Bootstrap-Replikationen ${one(g.n) ? "schlug vollständig fehl und wurde" : "schlugen vollständig fehl und wurden"} ausgelassen`,
  graceDefault: ({ g }) =>
    `Karenzzeit ${g.g} ${unit(g.unit)}, die Voreinstellung (das 90. Perzentil der Zeiten vom Ausgangszeitpunkt bis zur Behandlung, aufgerundet, mindestens der Landmark); ${g.key} auf das klinisch beabsichtigte Zeitfenster setzen`,
  latencyUndetermined: ({ g }) =>
    `die Latenzverteilung ist durch die Daten nicht bestimmt: ${(g.list ?? "").replace(/(log-normal|log-logistic|generalised gamma|Weibull|exponential)/g, (d) => LATENCY[d] ?? d)} passen fast so gut wie die gewählte ${LATENCY[g.chosen] ?? g.chosen}, mit Heilungsanteilen von ${g.lo}% bis ${g.hi}%`,
  mallerZhouInconclusive: ({ g }) =>
    `Ob die Nachbeobachtung lang genug ist, ist nicht entscheidbar: der Maller-Zhou-Test stützt sich auf ${g.e} ${one(g.e) ? "Ereignis" : "Ereignisse"} zwischen ${g.a} und ${g.b} (das Maller-Zhou-Fenster vor dem letzten Ereignis) und auf ${g.n} ${one(g.n) ? "Patient, der" : "Patienten, die"} über das letzte Ereignis bei ${g.last} hinaus nachbeobachtet ${one(g.n) ? "wurde" : "wurden"} (weniger als ${g.min} sind zu wenige).`,
  cureAboveKm: ({ g }) =>
    `der Heilungsanteil des Modells (${g.cure}%) liegt über dem Kaplan-Meier-Überleben nach dem letzten Ereignis (${g.km}%), das ein Heilungsanteil nicht überschreiten sollte (die Geheilten gehören zu den Langzeitüberlebenden): das Modell überschätzt die Heilung im Verlauf`,
  cureAllCause: ({ g, t }) =>
    `der Heilungsanteil ist die Wahrscheinlichkeit, dass ${t(g.event ?? "")} nie eintritt, unter den ${g.n} Patienten des Modells, Behandelte und Unbehandelte zusammen (${g.treatment} ist nicht im Modell): kein Heilungsanteil der Erkrankung (für ein ursachenspezifisches Modell die interessierende Ursache unter ${g.key} angeben)`,
  emptyStrata: ({ g }) => `Strata nach Ereignisnummer ohne Ereignisse (sie tragen nichts zur Likelihood bei): ${g.list}`,
  indexOperation: ({ g }) =>
    `die Indexoperation (${g.col}, das Datum von ${g.treatment}) wird nicht gezählt: Ereignisse sind die Operationen danach (countIndexOperation: true setzen, um sie zu zählen); Folgeoperationen folgen nur auf eine erste, daher haben Patienten ohne ${g.treatment2} konstruktionsbedingt keine (population: treated verfolgt stattdessen die operierten Patienten ab dem Operationsdatum)`,
  ciContainsOne: () => "das beobachtete Konfidenzintervall enthält bereits 1: die Bias-Analyse zeigt, wie weit sich der Schätzer verschieben könnte, nicht, was ein signifikantes Ergebnis erklären würde",
  rosenbaumCensored: ({ g }) => `${g.n} Paare mit einem vor ${g.t} zensierten Partner werden ausgelassen`,
  ate: () => "durchschnittlichen Behandlungseffekt (ATE)",
  att: () => "durchschnittlichen Behandlungseffekt bei den Behandelten (ATT)",
  ateDescription: () => "der Effekt der Behandlung, wenn die gesamte Studienpopulation behandelt worden wäre, gegenüber keiner Behandlung",
  attDescription: () => "der Effekt der Behandlung bei den behandelten Patienten",
  weightsAte: ({ g, t }) => `w = 1/e (behandelt); w = 1/(1 − e) (Kontrolle)${g.rest === undefined || g.rest === "" ? "" : t(g.rest)}`,
  stabilised: ({ g }) => `, anschließend stabilisiert: multipliziert mit dem Anteil der Patienten in der eigenen Gruppe des Patienten (${g.t} für behandelte, ${g.c} für unbehandelte Patienten)`,
  smdFormula: () =>
    "SMD = (x̄₁ʷ − x̄₀ʷ)/σ, σ = √((s₁² + s₀²)/2), die gepoolte SD der unadjustierten Behandlungs- und Kontrollgruppe, vor und nach Adjustierung dieselbe; stetige Variablen (x̄₁ − x̄₀)/σ; binäre Variablen (p₁ − p₀)/σ mit s² = p(1 − p); gewichtete Mittelwerte und Varianzen Σw̃(x − x̄)²/(1 − Σw̃²), w̃ = w/Σw",
  balanceRule: ({ g }) =>
    [`|SMD| < ${g.smd}`, g.lo !== undefined ? `das Varianzverhältnis zwischen ${g.lo} und ${g.hi} liegt` : null, g.ks !== undefined ? `KS < ${g.ks}` : null].filter((x): x is string => x !== null).join(" und "),
  matchedSet: () => "Matching-Set",
  ccwPrimary: ({ g }) => `Klonen-Zensieren-Gewichten, Target-Trial-Emulation (Karenzzeit ${g.g} ${unit(g.unit)})`,
  defaultOrder: () =>
    "Klonen-Zensieren-Gewichten (Target-Trial-Emulation), zeitabhängiges Cox-Modell adjustiert für die Kovariablen, Landmark-IPTW (SE nach M-Schätzung, dann robuster SE), Landmark PS-gematcht, Landmark multivariables Cox-Modell (diese berücksichtigen Immortal Time), IPTW mit SE nach M-Schätzung, IPTW mit robustem SE, PS-gematcht, multivariables und rohes Cox-Modell",
  deathAnyCause: () => "der Tod jeglicher Ursache",
  treatedPatients: ({ g }) => `den behandelten Patienten (${g.def})`,
  allPatients: () => "allen Patienten",
  effectLabel: ({ g }) => effectWordsDe(g.model + (g.adj ?? "") + (g.details !== undefined ? ` (${g.details})` : "")),
  andersenGill: () => "Andersen-Gill",
  pwp: ({ g }) => (g.scale === "total" ? "PWP-Modell (Gesamtzeit)" : "PWP-Modell (Lückenzeit)"),
  latency: ({ g }) => LATENCY[g.dist] ?? g.dist,
  infiniteFirthDone: ({ g }) =>
    /" (?:and|,) "/.test(g.terms ?? "")
      ? `die Koeffizienten für ${terms(g.terms)} können unendlich sein: die partielle Likelihood konvergierte vor diesen Koeffizienten (monotone Likelihood, z. B. keine Ereignisse in einer Gruppe)`
      : `der Koeffizient für ${terms(g.terms)} kann unendlich sein: die partielle Likelihood konvergierte vor diesem Koeffizienten (monotone Likelihood, z. B. keine Ereignisse in einer Gruppe)`,
  firthFittedWhere: () =>
    "das Modell mit penalisierter Likelihood nach Firth (coxphf) wurde angepasst, weil ein Koeffizient divergierte: seine Schätzer verwenden (Teil firth des Ergebnisses; in der Cox-Tabelle des Berichts die mit † markierten Zeilen), nicht die divergierenden",
  bootNotEstimableCount: ({ g }) => `durch Bootstrap nicht schätzbar (${g.failed} von ${g.b} Replikationen fehlgeschlagen)`,
  notInEquipoise: ({ g }) =>
    `kein empirisches Gleichgewicht (empirical equipoise): ${g.t}% der Behandelten und ${g.c}% der Kontrollen haben einen Preference Score in [${g.lo}; ${g.hi}] (Walker et al. verlangen je ≥ ${g.share}%)`,
  immortalSwitchedOff: ({ g }) =>
    `die Analysen der Immortal Time sind abgeschaltet (immortalTime: false), obwohl die Behandlung (${g.date}) nach dem Ausgangszeitpunkt erfolgen kann: Jeder Vergleich nach der ab dem Ausgangszeitpunkt erhaltenen Behandlung ist durch das Design verzerrt (Immortal-Time-Bias)`,
};

export const scopesDe: ScopeCatalogue = {
  propensity: () => "Propensity Score",
  cox: () => "Cox",
  multivariable: () => "multivariabel",
  univariable: ({ g }) => `univariabel ${g.label}`,
  univariableList: ({ g }) => `univariabel ${g.label}, multivariabel und Linearitätsprüfung`,
  linearity: () => "Linearitätsprüfung",
  immortal: () => "Immortal Time",
  tdAdjusted: () => "adjustiertes zeitabhängiges Cox-Modell",
  // the prefix only when the scope carried it (split at ": ", "Immortal time" is translated on its own)
  tdAdjustedLong: ({ g }) => `${g.prefix ? "Immortal Time: " : ""}zeitabhängiges Cox-Modell, adjustiert für die Kovariablen`,
  landmarkPsLong: () => "Landmark-Analyse mit neu geschätztem Propensity Score",
  immortalCap: () => "Immortal Time",
  tdAdjustedAndCcw: () => "adjustiertes zeitabhängiges Cox-Modell und Klonen-Zensieren-Gewichten",
  landmarkPs: ({ g }) => `Landmark nach ${g.t} ${unitDat(g.unit)} (PS)`,
  landmark: ({ g }) => `Landmark nach ${g.t} ${unitDat(g.unit)}`,
  ccw: () => "Klonen-Zensieren-Gewichten",
  ccwCensoring: ({ g }) =>
    `Klonen-Zensieren-Gewichten, Zensierungsmodell der Strategie „${g.strategy === "treatment within the grace period" ? "Behandlung innerhalb der Karenzzeit" : g.strategy === "no treatment within the grace period" ? "keine Behandlung innerhalb der Karenzzeit" : g.strategy}“`,
  effects: () => "Behandlungseffekte",
  cure: () => "Heilungsmodell",
  allPatients: () => "Alle Patienten",
  missingData: () => "Fehlende Daten",
  effectRow: ({ g }) => `Behandlungseffekt, ${effectWordsDe(g.list)}`,
  prediction: () => "Prognosemodell",
  recurrent: () => "wiederkehrende Ereignisse",
  pwpBoth: () => "PWP-Modell (Gesamtzeit) und PWP-Modell (Lückenzeit)",
  pwp: ({ g }) => (g.scale === "total" ? "PWP-Modell (Gesamtzeit)" : "PWP-Modell (Lückenzeit)"),
  sensitivity: () => "Sensitivität",
  biasAnalysis: () => "Bias-Analyse",
  rosenbaum: () => "Rosenbaum-Schranken",
  competingCs: () => "Konkurrierende Risiken, ursachenspezifisches Cox-Modell",
  competingFg: () => "Konkurrierende Risiken, Fine-Gray-Modell",
  csModel: ({ g }) => `ursachenspezifisches Cox-Modell, ${g.cause}`,
  fgModel: ({ g }) => `Fine-Gray-Modell, ${g.cause}`,
  effectLabels: ({ g }) => effectWordsDe(g.list),
  landmarkRow: ({ g, t }) => `Immortal Time, Landmark nach ${g.t} ${unitDat(g.unit)}, ${t(g.model ?? "")}`,
  hrOfRow: ({ g }) => `Hazard Ratio, ${effectWordsDe(g.list)}`,
};
