/**
 * German texts of one part of the report: Treatment effects and sensitivity to unmeasured confounding (src/report/sections-effects.ts, sections-sensitivity.ts, the effect tables of tables.ts).
 * English reference: src/i18n/effects-en.ts. Terms as in de.ts and methods-de.ts: Hazard Ratio, Konfidenzintervall (KI),
 * Schätzgröße (Estimand), E-Wert, Rosenbaum-Schranken, Störgröße, Sensitivitätsanalyse.
 */
import type { EffectsMessages, EffectsTextId } from "./effects-en.js";
import type { EngineTemplate } from "./warnings.js";
import { quotedDe } from "./quote-de.js";

const UNITS: Readonly<Record<string, readonly [string, string, string]>> = {
  // nominative plural, dative plural, singular
  days: ["Tage", "Tagen", "Tag"],
  weeks: ["Wochen", "Wochen", "Woche"],
  months: ["Monate", "Monaten", "Monat"],
  years: ["Jahre", "Jahren", "Jahr"],
};
/** The design bias as German journals name it. */
const biasDe = (b: string): string => (b === "immortal time" ? "Immortal-Time-Bias" : b);
const unitNom = (u: string): string => UNITS[u]?.[0] ?? u;
/** "nach 12 Monaten", "nach 1 Monat". */
const after = (t: string, u: string): string => {
  const w = UNITS[u];
  return w === undefined ? `nach ${t} ${u}`.trimEnd() : `nach ${t} ${t === "1" ? w[2] : w[1]}`;
};

const PART_NAMES: Readonly<Record<string, string>> = { eValue: "E-Wert", rosenbaum: "Rosenbaum-Schranken", biasAnalysis: "Bias-Analyse", negativeControl: "Negativkontroll-Endpunkt", sampleSize: "Fallzahl des Prognosemodells" };
/** A part of the sensitivity analyses by its name ("rosenbaum" → its name). */
const effectsDePartName = (part: string): string => PART_NAMES[part] ?? part;

/** A number the figure passes with a decimal point ("1.86") in German ("1,86"). */
const comma = (s: string): string => s.replace(/(\d)\.(\d)/g, "$1,$2");

export const effectsDe: EffectsMessages = {
  howDeclared: "in der Studienspezifikation festgelegt",
  howDefault: "nach der Standardregel",
  ciLevel: (pct) => `${pct}%-KI`,
  notEstimable: "nicht schätzbar",
  hrP: (hrCi, pEq) => `HR ${hrCi}, p ${pEq}`,
  biasedSentence: (bias) => ` Diese Analyse ist durch das Design verzerrt (${biasDe(bias)}): Sie ist zusammen mit den Analysen zu lesen, die diese Verzerrung vermeiden.`,
  primaryMi: (how, label, estimand, n, events, est, bias, ccN) =>
    `Primäranalyse (${how}; fehlende Kovariablen durch multiple Imputation, missing.primary: mi): ${label}, Schätzgröße: ${estimand}; ${n} Patienten, ${events} Ereignisse; ${est}.${bias} Dieselbe Analyse der vollständigen Fälle${ccN === null ? "" : ` (${ccN} Patienten)`} und die übrigen Analysen unten sind Sensitivitätsanalysen (die gepoolten Schätzer jeder Analyse stehen im Abschnitt „Fehlende Daten“).`,
  primaryHere: (how, label, estimand, n, events, est, bias) =>
    `Primäranalyse (${how}): ${label}, Schätzgröße: ${estimand}; ${n} Patienten, ${events} Ereignisse; ${est}.${bias} Die übrigen Analysen sind Sensitivitätsanalysen.`,
  iptwRow: (estimand, flag) => `IPTW (${estimand})${flag}`,
  atmKept: (kept, treated) => `ATM: ${kept} von ${treated} behandelten Patienten behalten`,
  keptOf: (kept, treated) => `${kept} von ${treated} behandelten Patienten behalten`,
  matchedRow: (pop, flag) => `PS-gematcht (${pop})${flag}`,
  randomOrder: (hrUsed, largest, hrRandom, seed, matched) =>
    `Reihenfolge des Greedy-Matchings: Die gematchte HR beträgt ${hrUsed} bei Matching mit dem ${largest ? "größten" : "kleinsten"} Propensity Score zuerst und ${hrRandom} in einer zufälligen Reihenfolge mit Seed (Seed ${seed}, ${matched} behandelte Patienten gematcht). Greedy-Matching mit dem ${largest ? "größten" : "kleinsten"} Propensity Score zuerst hinterlässt ein Ungleichgewicht innerhalb der Paare, das die gematchte HR in Simulationen verzerrte, eine zufällige Reihenfolge dagegen nicht: Wo beide voneinander abweichen, ist die zufällige Reihenfolge (Voreinstellung) oder Full Matching vorzuziehen.`,
  miFootnote: (analysis) =>
    `${analysis}: fehlende Kovariablen durch verkettete Gleichungen imputiert; die Analyse in jedem vervollständigten Datensatz gerechnet und die logarithmierten Hazard Ratios nach den Rubin-Regeln mit Freiheitsgraden nach Barnard–Rubin gepoolt (Within-Ansatz, Leyrat 2019); E-Wert des gepoolten Schätzers.`,
  rowFootnote: (label, method, variance, estimand) => `${label}: ${method}; ${variance}${estimand ? `; Schätzgröße (Estimand): ${estimand}` : ""}.`,
  forestCaption: (where, bias) =>
    `Hazard Ratio der Behandlung je Analyse, logarithmische Skala; ${where}${bias === null ? "" : `; jede Zeile vergleicht Patienten nach jemals erhaltener Behandlung ab dem Ausgangszeitpunkt und ist durch das Design verzerrt (${biasDe(bias)})`}.`,
  forestPrimaryHere: (label, mi) => `die Primäranalyse (${label}) zuerst${mi ? ", danach die Analysen der vollständigen Fälle als Sensitivitätsanalysen" : ""}`,
  forestPrimaryElsewhere: (label, missing) => `die Primäranalyse (${label}) steht im Abschnitt „${missing ? "Fehlende Daten" : "Immortal Time"}“, nicht hier: Jede Zeile ist eine Sensitivitätsanalyse`,
  forestNoPrimary: "keine Primäranalyse (siehe Text)",
  forestN: (n, events) => (events === null ? `n = ${n}` : `n = ${n}, ${events} Ereignisse`),
  biasedLabel: (analysis, bias) => `${analysis} – durch das Design verzerrt (${biasDe(bias)})`,
  estimandHeader: "Schätzgröße",
  weightsScheme: (estimand) => `${estimand}-Gewichte`,
  matchedScheme: "gematchte Stichprobe",
  notCausalHere: (cell, bias) => `${cell}; hier kein kausaler Effekt (${biasDe(bias)})`,
  matchedLogrank: (pop, n, events, pEq, flags, bias) =>
    `Log-Rank-Test (unstratifiziert) in der PS-gematchten Stichprobe (${pop}; n = ${n}, ${events} Ereignisse): p ${pEq}${flags === "" ? "" : `; ${flags}`}${bias === "" ? "" : `; durch das Design verzerrt (${biasDe(bias)})`}.`,
  eValueColumnDropped: (why) => `${why} Die Tabelle hat daher keine Spalte für den E-Wert.`,
  bootNotEstimable: (failed, replicates) => `durch Bootstrap nicht schätzbar (${failed}${replicates === null ? "" : ` von ${replicates}`} Replikationen fehlgeschlagen)`,
  bootFailed: (failed, replicates) => `${failed}${replicates === null ? "" : ` von ${replicates}`} Bootstrap-Replikationen fehlgeschlagen oder divergiert`,
  bootFootnote: (mark, note) => `${mark} ${note} (keine Konvergenz, |log HR| > 10 oder eine geleerte Gruppe); sie gingen nicht in dieses Intervall ein.`,
  absTitle: "Adjustiertes Überleben und restriktive mittlere Überlebenszeit",
  treated: "Behandelt",
  untreated: "Unbehandelt",
  differenceCi: (cl) => `Differenz, behandelt − unbehandelt (${cl}-KI)`,
  sampleRow: (label, n, primary) => `${label}, n = ${n} (${primary ? "Primäranalyse" : "Sensitivitätsanalyse"})`,
  survivalAt: (t, u) => `Überleben ${after(t, u)}, %`,
  rmstUpTo: (tau, u) => `RMST bis ${tau} ${unitNom(u)}, ${unitNom(u)}`,
  ciNotComputed: "KI nicht berechnet (Bootstrap aktivieren)",
  ciNotEstimable: "KI durch Bootstrap nicht schätzbar",
  absFootnote:
    "Adjustiertes Überleben: Kaplan-Meier-Schätzer je Gruppe in der gewichteten (IPTW) oder gematchten Stichprobe; RMST, die Fläche unter diesen Kurven bis τ. Überlebensdifferenzen in Prozentpunkten, RMST-Differenzen in der Zeiteinheit.",
  absBootstrap: (cl, replicates) => `${cl}-KI: Bootstrap-Perzentilintervalle der gesamten Auswertung (${replicates} Replikationen, Ziehen der Patienten innerhalb der Behandlungsgruppen).`,
  absNoBootstrap: "Es wurde kein Bootstrap angefordert, daher haben diese Differenzen kein KI (analyses.propensity.bootstrap setzen, um eines zu berechnen).",
  markedNote: (mark, note) => `${mark} ${note}.`,
  absBiased:
    "Diese Kontraste vergleichen Patienten nach jemals erhaltener Behandlung, gezählt ab dem Ausgangszeitpunkt: Sie sind durch das Design verzerrt (Immortal-Time-Bias) und keine kausalen Effekte; die Primäranalyse ist oben genannt. Ohne diese Verzerrung würden Kontraste adjustierter Überlebenskurven und der RMST kausale Effekte schätzen, sofern kein nicht gemessenes Confounding vorliegt, Positivität gilt und das Propensity-Modell korrekt ist (docs/methods.md, Estimands).",
  absCausal:
    "Diese Kontraste adjustierter Überlebenskurven und der RMST schätzen kausale Effekte in der Population der Stichprobe, sofern kein nicht gemessenes Confounding vorliegt, Positivität gilt und das Propensity-Modell korrekt ist; die Hazard Ratios unten sind nicht so zu lesen (docs/methods.md, Estimands).",
  gammaFound: (g) => `die Schlussfolgerung ändert sich bei Γ = ${g}`,
  gammaNotSignificant: (alpha) => `schon ohne verborgene Verzerrung nicht signifikant (p ≥ ${alpha} bei Γ = 1): nichts zu erklären`,
  gammaBeyond: "die Schlussfolgerung gilt für jedes Γ bis 10.000",
  gammaNoPair: "kein informatives Paar",
  hrNameCcw:
    "die Per-Protocol-Hazard-Ratio des primären Designs (Klonen-Zensieren-Gewichten; eine sekundäre Größe: der primäre Kontrast des Designs ist die Überlebensdifferenz, für die hier kein E-Wert berechnet wird)",
  hrNamePrimary: "die primäre Hazard Ratio",
  eValueHarm: "ein beobachteter Schaden der Behandlung: eine höhere Hazardrate bei den Behandelten",
  eValueBenefit: "ein beobachteter Nutzen der Behandlung: eine niedrigere Hazardrate bei den Behandelten",
  eValueHarmStrategy: "ein beobachteter Schaden der Behandlungsstrategie: eine höhere Hazardrate unter der Strategie der Behandlung als unter der Strategie ohne Behandlung",
  eValueBenefitStrategy: "ein beobachteter Nutzen der Behandlungsstrategie: eine niedrigere Hazardrate unter der Strategie der Behandlung als unter der Strategie ohne Behandlung",
  eValueNull: "keine Assoziation: eine Hazard Ratio von 1",
  eValueTextCiOne: (e, name, hrCi, direction, flag) =>
    `E-Wert: Das Konfidenzintervall für ${name}, ${hrCi}, enthält bereits die 1; der E-Wert des Intervalls ist daher 1: Die Daten sind ohne jede nicht gemessene Störgröße mit keinem Effekt der Behandlung vereinbar. Auf 1 verschieben würde den Punktschätzer (${direction}) eine nicht gemessene Störgröße, die über die gemessenen Kovariablen hinaus sowohl mit der Behandlung als auch mit dem Endpunkt mit einem Risk Ratio von jeweils mindestens ${e} assoziiert ist (der E-Wert des Punktschätzers); schwächeres Confounding könnte ihn nicht so weit verschieben.${flag}`,
  eValueTextCi: (e, ci, name, hrCi, direction, flag) =>
    `E-Wert: Um ${name}, ${hrCi} (${direction}), zu erklären, müsste eine nicht gemessene Störgröße über die gemessenen Kovariablen hinaus sowohl mit der Behandlung als auch mit dem Endpunkt mit einem Risk Ratio von jeweils mindestens ${e} assoziiert sein (der E-Wert des Punktschätzers); um die Konfidenzgrenze, die näher an 1 liegt, auf 1 zu verschieben, genügten Risk Ratios von jeweils ${ci} (der E-Wert des Intervalls).${flag}`,
  eValueTextNoCi: (e, name, hrCi, direction, flag) =>
    `E-Wert: Eine nicht gemessene Störgröße, die über die gemessenen Kovariablen hinaus sowohl mit der Behandlung als auch mit dem Endpunkt mit einem Risk Ratio von jeweils mindestens ${e} assoziiert ist, würde ${name}, ${hrCi} (${direction}), auf 1 verschieben.${flag}`,
  eValueLimitOne: "1 (das Konfidenzintervall enthält die 1)",
  eValueTitle: (label) => `E-Wert des primären Schätzers (${label})`,
  eValueTitleCcw: (label) => `E-Wert der Per-Protocol-Hazard-Ratio des primären Designs (eine sekundäre Größe; ${label})`,
  hrOffCentre: "die Bootstrap-Verteilung dieser Hazard Ratio ist nicht um den Schätzwert zentriert: Die Hazard Ratio selbst kann verzerrt sein und mit ihr ihr E-Wert",
  primaryPop: (n) => `Patienten der Primäranalyse, n = ${n}`,
  quantity: "Größe",
  value: "Wert",
  hrCi95: "Hazard Ratio (95%-KI)",
  cumRisk: (n) => `Kumulatives Risiko am Ende der Nachbeobachtung (1 − Kaplan-Meier, ${n} Patienten)`,
  rrUsed: "Verwendetes Risk Ratio (95%-KI)",
  eValueEstimate: "E-Wert, Schätzer",
  eValueLimit: "E-Wert, Konfidenzgrenze näher an 1",
  eValueRefs: "VanderWeele & Ding 2017 (doi:10.7326/M16-2607); VanderWeele 2020 für die Umrechnung der Hazard Ratio.",
  deathBy: (t, u) => `Tod bis ${t}${u === "" ? "" : ` ${u}`}`,
  rosenbaumText: (alpha, direction, conclusion) =>
    `Rosenbaum-Schranken: Γ gibt an, um wie viel wahrscheinlicher ein Patient eines gematchten Paares wegen einer nicht gemessenen Kovariable behandelt werden könnte als der andere. Der p-Wert der oberen Schranke ist der ungünstigste Fall bei diesem Γ. Gepaarter Prentice-Wilcoxon-Test (einseitig, α = ${alpha}, „${direction}“): ${conclusion}.`,
  pairsPop: (pairs, n) => `${pairs} PS-gematchte Paare, n = ${n}`,
  rosenbaumTitle: "Rosenbaum-Schranken für verborgene Verzerrung in den gematchten Paaren",
  ppwUpper: "Prentice-Wilcoxon, oberes p",
  ppwLower: "Prentice-Wilcoxon, unteres p",
  pairOrderUpper: "Reihenfolge im Paar (Vorzeichentest), oberes p",
  statusUpper: "Status zu einem Zeitpunkt, oberes p",
  upperP: (what) => `${what}, oberes p`,
  ppwFootnote: (informative, conclusion) =>
    `Gepaarter Prentice-Wilcoxon-Test für zensierte Paare (O'Brien & Fleming 1987), Schranken nach Rosenbaum (2002, §4.3–4.4); ${informative} informative Paare; ${conclusion}.`,
  pairOrderFootnote: (treated, control, undetermined, conclusion) =>
    `Reihenfolge im Paar: ${treated} Paare, in denen der behandelte Patient sicher länger lebte, ${control} der Kontrollpatient, ${undetermined} unbestimmt (Zensierung); ${conclusion}.`,
  statusFootnote: (by, onlyControl, onlyTreated, unknown, conclusion) =>
    `${by}: ${onlyControl} Paare, in denen nur der Kontrollpatient starb, ${onlyTreated} nur der behandelte Patient, ${unknown} mit einem vorher zensierten Mitglied; ${conclusion}.`,
  biasText: (name, ciHasNull) =>
    `Bias-Analyse für ${name}: Eine nicht gemessene binäre Störgröße mit der Prävalenz p1 unter behandelten und p0 unter unbehandelten Patienten, die das Hazard um den Faktor γ erhöht, verändert die Hazard Ratio um den Faktor B = (1 + (γ − 1)·p1)/(1 + (γ − 1)·p0) (VanderWeele & Arah 2011). ${ciHasNull ? "Ihr Konfidenzintervall enthält bereits die 1, daher sind nur die Prävalenzen gezeigt, bei denen der Punktschätzer 1 erreicht." : "Tabelle und Abbildung zeigen die Prävalenzen, bei denen die adjustierte Hazard Ratio oder ihre Konfidenzgrenze, die näher an 1 liegt, 1 erreicht."}`,
  biasTitle: (hrCi) => `Bias-Analyse: Kipppunkte der Hazard Ratio ${hrCi}`,
  biasGamma: "HR Störgröße–Endpunkt γ",
  biasP0: "Prävalenz unter Unbehandelten p0",
  biasP1Hr: "p1, bei dem die adjustierte HR = 1",
  biasP1Ci: "p1, bei dem das KI 1 erreicht",
  biasNone: "Keine Störgröße des Rasters verschiebt die Hazard Ratio zu 1.",
  biasGrid: (skipped) =>
    `Prävalenz unter behandelten Patienten (p1) für jedes γ und p0 des Rasters${skipped === null ? "" : `; ${skipped} Kombinationen von γ und p0, für die kein p1 zwischen 0% und 100% dies bewirkt, sind nicht aufgeführt`}; – : kein p1 zwischen 0% und 100% bewirkt dies.`,
  biasFigureTitle: "Bias-Analyse: Prävalenzen einer nicht gemessenen Störgröße, die die Hazard Ratio zu 1 verschieben würden",
  biasCaption: (ciHasNull, pop) =>
    `Linien, auf denen die adjustierte Hazard Ratio (durchgezogen) ${ciHasNull ? "gleich 1 ist (gestrichelte Linien, auf denen eine Konfidenzgrenze gleich 1 ist, markieren Confounding, durch das das Intervall die 1 ausschlösse: Das Intervall enthält hier bereits die 1)" : "oder ihre Konfidenzgrenze, die näher an 1 liegt (gestrichelt), gleich 1 ist"}, je HR Störgröße–Endpunkt γ. Entlang der grauen Diagonale ist die Störgröße in beiden Gruppen gleich häufig und ändert nichts. Population: ${pop}.`,
  contourTitle: "Bias-Analyse: nicht gemessene binäre Störgröße",
  contourDescription: (hr, lower, upper) =>
    `Kipplinien der adjustierten Hazard Ratio (beobachtete HR ${comma(hr)}, ${comma(lower)}–${comma(upper)}) über der Prävalenz der Störgröße unter unbehandelten (x) und behandelten (y) Patienten.`,
  contourLegend: (gamma) => `HR Störgröße–Endpunkt γ = ${gamma}`,
  contourLines: "durchgezogen: adj. HR = 1; gestrichelt: KI-Grenze = 1",
  contourX: "Prävalenz unter Unbehandelten (p0)",
  contourY: "Prävalenz unter Behandelten (p1)",
  causeInText: (cause) => cause,
  ncPop: (n, events, cause) => `n = ${n}, ${events} Todesfälle durch ${cause}`,
  ncText: (cause, interpretation) => `Negativkontroll-Endpunkt (${cause}): ${interpretation}`,
  ncTitle: (cause) => `Negativkontroll-Endpunkt: ursachenspezifische Hazard Ratio für ${cause}`,
  ncHrCi: "HR (95%-KI)",
  ncDeaths: "Todesfälle (Patienten)",
  ncCloneEvents: "Ereignisse der Klone je Strategie",
  ncArmsFootnote: (strategies, inBoth, deaths) =>
    `Ereignisse der Klone je Strategie: ${strategies}. Ein Todesfall innerhalb der Karenzzeit, vor jeder Behandlung, zählt in beiden Strategien (hier ${inBoth}), daher können die Ereignisse der Klone zusammen mehr sein als die ${deaths} Todesfälle.`,
  events: "Ereignisse",
  ncFootnote: (method, same, primaryLabel, label) =>
    `Ursachenspezifisches Hazard (Todesfälle anderer Ursachen zensiert), ${method}${same ? ": dieselbe Analyse wie die Primäranalyse" : primaryLabel !== null ? `: Das primäre Design (${primaryLabel}) hat keine ursachenspezifische Version, daher wird die Analyse „${label}“ aus der Tabelle des Behandlungseffekts verwendet` : ""}.`,
  ssPop: (n, events) => `Patienten mit vollständigen Kovariablen des Modells, n = ${n}, ${events} Ereignisse`,
  ssEnough: (n, min) => `Die ${n} Patienten erreichen das Minimum von ${min}.`,
  ssShort: (n, events, min, minEvents) =>
    `Die ${n} Patienten (${events} Ereignisse) bleiben unter dem Minimum von ${min} (etwa ${minEvents} Ereignisse): Das Modell ist voraussichtlich überangepasst und seine an denselben Patienten gemessene Güte zu optimistisch.`,
  ssText: (parameters, horizon, verdict) =>
    `Fallzahl des Prognosemodells (Riley et al. 2019, 2020): die kleinste Zahl von Patienten, bei der ein Modell mit ${parameters} Parametern voraussichtlich wenig Schrumpfung braucht, wenig Optimismus zeigt und das Gesamtrisiko bei ${horizon} präzise schätzt. ${verdict}`,
  ssTitle: (model) => `Mindestfallzahl: ${model}`,
  ssCriterion: "Kriterium",
  ssMinPatients: "Mindestzahl Patienten",
  ssExpectedEvents: "Erwartete Ereignisse",
  ssEpp: "Ereignisse pro Parameter",
  ssShrinkage: "Schrumpfung",
  ssCritShrinkage: "1. Erwartete Schrumpfung ≥ Zielwert",
  ssCritOptimism: "2. Optimismus im Nagelkerke-R² ≤ 0,05",
  ssCritRisk: "3. Präzises Gesamtrisiko (geprüft beim größeren Wert von 1 und 2, wie pmsampsize)",
  ssMinimum: "Minimum (größtes der drei)",
  ssR2: (adjusted, apparent, vh, max) =>
    `Erwartetes Cox-Snell-R² ${adjusted}: das ${apparent} des angepassten Modells (1 − exp(−LR/n)), geschrumpft mit dem Faktor nach van Houwelingen ${vh}; größtmögliches R² ${max}.`,
  ssRate: (rate, followUp, risk, lower, upper) =>
    `Ereignisrate ${rate} pro Einheit der Nachbeobachtung, mittlere Nachbeobachtung ${followUp}; Gesamtrisiko am Horizont ${risk} (95%-KI ${lower}–${upper} beim Minimum n).`,
  ssPmsampsize: "Berechnet wie pmsampsize (type \"s\").",
  partNames: PART_NAMES,
  notRun: "Nicht durchgeführt:",
  sumTitle: "Sensitivität gegenüber nicht gemessenen Störgrößen:",
  sumEValueOf: (label) => `der Primäranalyse ${label}`,
  sumEValueOfCcw: (label) => `der Per-Protocol-Hazard-Ratio des primären Designs (eine sekundäre Größe), ${label}`,
  sumEValue: (of, n, hrCi, flags, e, ci, rule) => `  E-Wert ${of} (n = ${n}), HR ${hrCi}${flags === null ? "" : ` [${flags}]`}: des Konfidenzintervalls ${ci}; des Punktschätzers ${e} (was ihn auf 1 verschieben würde); ${rule}`,
  sumRosenbaum: (pairs, n, direction, p, conclusion) => `  Rosenbaum-Schranken (${pairs} gematchte Paare, n = ${n}; gepaarter Prentice-Wilcoxon-Test, einseitig „${direction}“): p bei Γ = 1 ${p}; ${conclusion}`,
  sumCaveat: (caveat) => `    Einschränkung: ${caveat}`,
  sumFlag: (flag) => `    Markierung: ${flag}`,
  sumTip: (gamma, p1) => `γ = ${gamma}: ${p1 === null ? "kein p1 in [0, 1]" : `p1 = ${p1}`}`,
  sumBias: (n, tips) => `  Bias-Analyse (n = ${n}), Prävalenz unter Behandelten, die die HR zu 1 verschiebt, wenn sie unter Unbehandelten 0 ist: ${tips}`,
  sumNc: (cause, n, events, label, interpretation) => `  Negativkontrolle, ${cause} (n = ${n}, ${events} Ereignisse; ${label}): ${interpretation}`,
  sumRiley: (model, n, events, criteria, availableN, availableEvents, enough) =>
    `  Mindestfallzahl nach Riley für das ${model}: ${n} Patienten (${events} Ereignisse; Kriterien ${criteria}); verfügbar ${availableN} (${availableEvents} Ereignisse)${enough ? "" : ": zu wenige"}`,
  sumPart: (part) => effectsDePartName(part),
  sumNotRun: (part, reason) => `  nicht durchgeführt: ${part}: ${reason}`,
  sumRow: (label, kept, role, value, variance) => `  ${label}${kept} [${role}]: ${value}; ${variance}`,
  sumKept: (kept, treated) => ` [${kept} von ${treated} Behandelten behalten]`,
  sumRolePrimary: "primär",
  sumRoleSensitivity: "Sensitivitätsanalyse",
  sumRoleCompleteCases: "; vollständige Fälle",
  sumRoleBiased: (bias) => `; durch das Design verzerrt (${biasDe(bias)})`,
  sumBootstrap: (lower, upper) => `Bootstrap ${lower} bis ${upper}`,
  sumEffectsCaveat: (caveat) => `  Einschränkung: ${caveat}`,
};

/** German templates of the engine texts of this part (EFFECTS_PATTERNS). */
const hrDe = (hr: string | undefined): string => (hr === "marginal" ? "marginale HR" : "bedingte HR");
/** "nearest, 1:1, caliper 0.2 SD of the logit PS" word by word. */
const matchSpecDe = (s: string | undefined): string =>
  (s ?? "")
    .replace(/\bnearest\b/, "Nearest Neighbour")
    .replace(/\bfull\b/, "Full Matching")
    .replace(/ weights\b/, "-Gewichte")
    .replace(/, with replacement/, ", mit Zurücklegen")
    .replace(/caliper ([−\d.,]+)( SD)? of the (logit PS|PS)/, (_m, c: string, sd: string | undefined, d: string) => `Caliper ${c}${sd ?? ""} ${d === "PS" ? "des PS" : "des Logit-PS"}`)
    .replace(/, exact on /, ", exakt nach ");
/** "ATE, stabilised, PS trimmed to [0.05, 0.95]" word by word. */
const weightsDe = (w: string | undefined): string =>
  (w ?? "").replace(/\bstabilised\b/, "stabilisiert").replace(/PS trimmed to/, "PS getrimmt auf").replace(/truncated at the ([−\d.,]+)th percentile/, "gekappt beim $1. Perzentil");
const POP_DE: Readonly<Record<string, string>> = {
  "whole study": "die gesamte Studienpopulation (ATE-Gewichte)",
  treated: "die behandelte Population (ATT-Gewichte)",
  untreated: "die unbehandelte Population (ATC-Gewichte)",
  overlap: "die Overlap-Population, Patienten mit realer Chance auf beide Behandlungen (ATO-Gewichte)",
};
const popDe = (p: string | undefined): string => POP_DE[p ?? ""] ?? p ?? "";
/** A label the engine text lower-cased ("other causes") with its capital back: German nouns keep it. */
const capital = (s: string | undefined): string => (s === undefined || s === "" ? "" : s[0].toUpperCase() + s.slice(1));
const HOW_DE: Readonly<Record<string, string>> = {
  "marginal hazard ratio of treated versus matched untreated patients": "die marginale Hazard Ratio behandelter gegenüber gematchten unbehandelten Patienten",
  "hazard ratio conditional on matched set (pair-stratified Cox), which differs from the marginal HR because the HR is non-collapsible":
    "die auf das Matching-Set bedingte Hazard Ratio (nach Paaren stratifiziertes Cox-Modell), die von der marginalen HR abweicht, da die HR nicht kollabierbar ist",
  "hazard ratio conditional on the covariates in the matched sample, which differs from the marginal HR because the HR is non-collapsible":
    "die auf die Kovariablen bedingte Hazard Ratio in der gematchten Stichprobe, die von der marginalen HR abweicht, da die HR nicht kollabierbar ist",
};

export const effectsTextsDe: Readonly<Record<EffectsTextId, EngineTemplate>> = {
  estimandNone: () => "keine (unadjustierte Assoziation)",
  estimandAllPatients: () => "bedingte HR (adjustiert für die Kovariablen)",
  estimandMatched: ({ g }) => `${g.kept === undefined ? "ATT" : `ATM: ${g.kept} von ${g.total} behandelten Patienten behalten`}; ${hrDe(g.hr)}`,
  estimandWeighted: ({ g }) => `${g.est}${g.trim === undefined ? "" : " (PS getrimmt)"}; ${hrDe(g.hr)}`,
  methodCrude: () => "Cox-Modell nur mit der Behandlung",
  methodMultivariable: () => "Cox-Modell mit der Behandlung und den Kovariablen",
  methodMatched: ({ g }) => `PS-Matching (${matchSpecDe(g.spec)}), dann Cox-Modell${g.how === undefined ? "" : g.how.includes("stratified") ? ", stratifiziert nach Matching-Set" : ", adjustiert für die Kovariablen"}`,
  methodWeighted: ({ g }) => `inverse Wahrscheinlichkeitsgewichtung der Behandlung (IPTW; ${weightsDe(g.w)}), dann gewichtetes Cox-Modell${g.adj === undefined ? "" : ", adjustiert für die Kovariablen"}`,
  varianceModel: () => "modellbasiert (inverse Informationsmatrix)",
  varianceClustered: ({ g }) => `robust, geclustert nach ${g.on === "patient" ? "Patient" : "Matching-Set"}${g.ref === undefined ? "" : g.ref.includes("Austin") ? " (Austin 2013)" : " (Matching mit Zurücklegen)"}`,
  varianceStratified: ({ g }) => `${g.how === "model-based" ? "modellbasiert" : "robust (nicht ganzzahlige Matching-Gewichte)"}, stratifiziert nach Matching-Set`,
  varianceSandwich: ({ g }) => `robuster Sandwich-Schätzer, die Gewichte (${weightsDe(g.w)}) als bekannt behandelt`,
  varianceMEstimation: ({ g }) => `M-Schätzung: gestapelte Schätzgleichungen von PS- und Cox-Modell, Gewichte ${weightsDe(g.w)} (Shu et al. 2021)`,
  descCrude: () => "die unadjustierte Hazard Ratio behandelter gegenüber unbehandelten Patienten: eine Assoziation, verzerrt durch alles, was über die Behandlung entschied",
  descMultivariable: () => "die bedingte Hazard Ratio der Behandlung unter Patienten mit gleichen Kovariablenwerten; kein über die Population gemittelter Effekt (die HR ist nicht kollabierbar)",
  descMatched: ({ g }) =>
    `${HOW_DE[g.how ?? ""] ?? g.how}, in ${g.all !== undefined ? `der behandelten Population (ATT: alle ${g.all} behandelten Patienten gematcht)` : `der gematchten behandelten Population (ATM: ${g.kept} von ${g.total} behandelten Patienten behalten, ${g.disc} ohne akzeptablen Partner verworfen), die die behandelten Patienten mit Partner beschreibt, nicht alle behandelten Patienten`}`,
  descWeightedAdjusted: ({ g }) => `die auf die Kovariablen bedingte Hazard Ratio, gewichtet auf ${popDe(g.pop)}: eine bedingte HR, kein doppelt robuster Schätzer der marginalen HR`,
  descWeighted: ({ g }) => `die marginale Hazard Ratio behandelter gegenüber unbehandelten Patienten in ${popDe(g.pop).replace(/^die (gesamte|behandelte|unbehandelte) /, "der $1n ").replace(/^die Overlap-/, "der Overlap-")}`,
  immortalCaveat: () =>
    "Die Behandlung erfolgte nach dem Ausgangszeitpunkt, daher enthalten diese Vergleiche nach erhaltener Behandlung Immortal Time (die Patienten mussten bis zur Behandlung überleben); siehe die zeitabhängigen und die Landmark-Analysen.",
  rareRule: ({ g }) => `Endpunkt selten (1 − KM = ${g.pct}% < 15% am Ende der Nachbeobachtung): HR als Risk Ratio verwendet`,
  commonRule: ({ g }) => `Endpunkt häufig (1 − KM = ${g.pct}% ≥ 15% am Ende der Nachbeobachtung): HR in ein relatives Risiko (Risk Ratio) umgerechnet mit (1 − 0,5^√HR)/(1 − 0,5^√(1/HR))`,
  ncNotEstimatedCounts: ({ g }) => `${g.pre ? "Negativkontrolle: " : ""}Die Assoziation mit ${capital(g.cause)} konnte nicht geschätzt werden: ${g.n} Todesfälle dieser Ursache, ${g.t} bei den Behandelten (${g.tl}) und ${g.u} bei den Unbehandelten (${g.ul}).`,
  ncNotEstimatedArms: ({ g }) =>
    `${g.pre ? "Negativkontrolle: " : ""}Die Assoziation mit ${capital(g.cause)} konnte nicht geschätzt werden: ${g.n} Todesfälle dieser Ursache, ${g.t} gezählt in der Strategie „Behandlung innerhalb der Karenzzeit“ und ${g.u} in „keine Behandlung innerhalb der Karenzzeit“ (ein Todesfall vor dem Ende der Karenzzeit zählt in beiden).`,
  ncCcwMethod: () =>
    "Klonen-Zensieren-Gewichten wie in der Primäranalyse (dieselben Klone, Zensierungsmodelle und Gewichte; Per-Protocol-Hazard-Ratio aus dem gewichteten Cox-Modell der Klone, robuster Standardfehler geclustert nach Patient; kein Bootstrap)",
  ncBiased: ({ g, t }) =>
    `Der einzige verfügbare ursachenspezifische Vergleich vergleicht Patienten nach jemals erhaltener Behandlung ab dem Ausgangszeitpunkt und ist durch das Design verzerrt (${biasDe(g.bias)})${g.primary === undefined ? "" : `; für das primäre Design (${t(g.primary)}) gibt es hier keine ursachenspezifische Version`}: Ein Todesfall dieser Ursache vor der Behandlung zählt konstruktionsbedingt bei den Unbehandelten, daher würde die Prüfung diese Verzerrung zeigen, nicht residuales Confounding`,
  ncNoDesign: ({ g, t }) => `Das primäre Design (${t(g.primary)}) lässt sich für den Endpunkt ${g.endpoint} nicht bilden (kein Behandlungsdatum oder kein Datum als Ausgangszeitpunkt)`,
  ncFewEvents: ({ g }) =>
    `${g.pre ? "Negativkontrolle: " : ""}nur ${g.n} Todesfälle durch ${capital(g.cause)}, weniger als ${g.min} (analyses.safeguards.minEvents): Die Hazard Ratio und ihr Konfidenzintervall sind instabil, und ein Intervall, das 1 enthält, sagt wenig aus`,
  ncNotEstimated: ({ g }) => `Die Assoziation mit ${capital(g.cause)} konnte nicht geschätzt werden.`,
  ncUninformative: ({ g }) =>
    `Nicht aussagekräftig: ${g.n} Todesfälle durch ${capital(g.cause)}${g.both === undefined ? "" : `, davon ${g.both} innerhalb der Karenzzeit und in beiden Strategien gezählt`}, weniger als ${g.min} (analyses.safeguards.minEvents); diese Prüfung kann residuales Confounding weder zeigen noch ausschließen. Der Punktschätzer (HR ${g.hr}, 95%-KI ${g.lo}–${g.hi}) ${g.way === "below" ? `liegt unter 1 (weniger Todesfälle durch ${capital(g.cause)} unter Behandlung)` : g.way === "above" ? `liegt über 1 (mehr Todesfälle durch ${capital(g.cause)} unter Behandlung)` : "ist 1"}.`,
  ncAssociated: ({ g }) =>
    `Die Behandlung ist mit ${capital(g.cause)} assoziiert, worauf sie plausibel keinen Einfluss haben kann (HR ${g.hr}, 95%-KI ${g.lo}–${g.hi}): Dies spricht für residuales Confounding oder Selektion (etwa fittere Patienten für die Behandlung ausgewählt, oder Immortal Time), daher ist der primäre Schätzer wahrscheinlich in dieselbe Richtung verzerrt.`,
  ncNone: ({ g }) => `Keine klare Assoziation mit ${capital(g.cause)} (HR ${g.hr}, 95%-KI ${g.lo}–${g.hi}): Diese Prüfung zeigt kein Zeichen von residualem Confounding, ein weites Intervall kann es aber nicht ausschließen.`,
  rileyModel: ({ g }) =>
    `Cox-Prognosemodell für ${quotedDe(capital(g.endpoint))} mit ${g.terms} bei ${(g.pop ?? "").replace(/^all patients$/, "allen Patienten").replace(/^treated patients/, "behandelten Patienten").replace(/^untreated patients/, "unbehandelten Patienten")}`,
};

