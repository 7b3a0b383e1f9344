/**
 * German texts of one part of the report: Propensity-score analyses, treatment effects and sensitivity to unmeasured confounding (the propensity section, src/report/sections-effects.ts, sections-sensitivity.ts).
 * English reference: src/i18n/causal-en.ts.
 */
import type { CausalMessages, CausalTextId } from "./causal-en.js";
import type { EngineTemplate } from "./warnings.js";

const bias = (b: string): string => (b === "immortal time" ? "Immortal-Time-Bias" : b);

/** The lead of a balance verdict ("Before adjustment" …, src/causal/balance-verdict.ts). */
const leadDe = (lead: string): string => ({ "Before adjustment": "Vor Adjustierung", "After matching": "Nach Matching", "After weighting": "Nach Gewichtung" })[lead] ?? lead;
/** The imbalanced terms of a verdict: the labels are data, only the statistics' names are words. */
const termsDe = (list: string): string => list.replace(/, variance ratio /g, ", Varianzverhältnis ");

export const causalDe: CausalMessages = {
  eValueNotGiven: (b) => `Kein E-Wert für Zeilen, die durch das Design verzerrt sind (${bias(b)}): Ein E-Wert misst, wie stark eine nicht gemessene Störgröße sein müsste, und sagt nichts über eine im Vergleich selbst angelegte Verzerrung.`,
  flagsFootnote: (fewEvents, balanceWorsened, residual = false) =>
    `Markierungen: ${[
      ...(fewEvents ? ["unpräzise: weniger Ereignisse als analyses.safeguards.minEvents; beim nach Matching-Set stratifizierten Cox-Modell zählen nur die Ereignisse der Matching-Sets, deren Risikomenge noch einen behandelten und einen Kontrollpatienten enthält, da nur diese in seine Likelihood eingehen"] : []),
      ...(balanceWorsened ? ["verschlechterte Balance: die adjustierte Stichprobe ist schlechter balanciert als die unadjustierte (siehe die Bewertung der Balance), ihre Schätzer sind daher nicht für Confounding adjustiert"] : []),
      ...(residual ? ["Restungleichgewicht: Matching oder Gewichtung ließ Kovariablenterme jenseits der Schwellen der Balance zurück (unten genannt), die Schätzer der Behandlung allein in dieser Stichprobe beruhen daher zum Teil auf diesen Unterschieden (die für die Kovariablen adjustierten Zeilen modellieren sie)"] : []),
    ].join("; ")}. Eine markierte Zeile bleibt zur Transparenz stehen und wird nach der Standardregel nie als Primäranalyse gewählt.`,
  residualFootnote: (verdict) => `Restungleichgewicht: ${verdict}`,
  estimateFlag: (flags) => ` Markierung dieser Schätzung: ${flags}.`,
  rosenbaumFlag: (flag) => `Markierung: ${flag}.`,
  // ---- the "Propensity-score analyses" section
  psPopulation: (n, t, c) => `Patienten mit vollständigen Kovariablen des Propensity Score, n = ${n}: ${t} behandelt, ${c} unbehandelt`,
  psBiasSuffix: (b) => (b.includes("immortal time") ? ", durch das Design verzerrt (Immortal-Time-Bias)" : b),
  designName: (d) => ({ "atc-matching": "ATC-Matching", "full-matching": "Full Matching", weighting: "Gewichtung" } as Readonly<Record<string, string>>)[d] ?? d,
  designKeeps: (name, estimand, t, c) => `${name} (${estimand.replace(" or ", " oder ")}) behält ${t} Behandelte und ${c} Kontrollen`,
  designBefore: (nC, nT, ratio, max, keeps) =>
    `Design vor dem Matching: ${nC} Kontrollen für ${nT} Behandelte; ein ${ratio}:1-Matching ohne Zurücklegen kann höchstens ${max} von ${nT} Behandelten matchen. Passende Designs: ${keeps}.`,
  psHistogramsNotDrawn: "Histogramme des Propensity Score nicht gezeichnet: Die Ergebnisse enthalten die Behandlung der einzelnen Patienten nicht.",
  iptwLabel: (estimand) => `IPTW (${estimand})`,
  matchedLogrank: (p, n) => `Log-Rank-Test, gematcht: ${p} (n = ${n})`,
  hrMatchedCox: (hr) => `HR ${hr}: Cox-Modell, PS-gematcht`,
  hrIptwCox: (hr) => `HR ${hr}: Cox-Modell, IPTW`,
  hrDetail: (estimand, hrType, variance, n) => `(${estimand}, ${hrType === "marginal" ? "marginale" : hrType === "conditional" ? "bedingte" : hrType} HR; ${variance}; n = ${n})`,
  figureVariance: (v) =>
    ({ "robust SE clustered on matched set": "robuster SE, geclustert nach Matching-Set", "model-based SE, stratified on matched set": "modellbasierter SE, stratifiziert nach Matching-Set", "M-estimation SE": "SE nach M-Schätzung", "robust SE": "robuster SE", "model-based SE": "modellbasierter SE" } as Readonly<Record<string, string>>)[v] ?? v,
  noHrOtherN: (model, nCox, nCurves) => ` Keine Hazard Ratio in der Abbildung: Das ${model === "matched" ? "gematchte" : "IPTW-"}Cox-Modell hat n = ${nCox}, nicht die ${nCurves} der Kurven.`,
  noHrMatched: " Keine Hazard Ratio: Das Cox-Modell der gematchten Stichprobe ist nicht in den Ergebnissen.",
  kmMatchedTitle: (ep, b) => `${ep}, PS-gematchte Stichprobe${b}`,
  kmMatchedCaption: (n, groups) => `Kaplan-Meier-Schätzer in der gematchten Stichprobe (Matching-Gewichte). Population: gematchte Patienten, n = ${n} (${groups}).`,
  survivalMatchedTitle: (ep, b) => `${ep}: Überlebensschätzer, PS-gematchte Stichprobe${b}`,
  matchedPopulation: (n) => `gematchte Patienten, n = ${n}`,
  trimmedPopulation: (nw, n) => `Patienten mit einem Gewicht > 0 nach dem Trimmen, n = ${nw}, von den ${n} mit vollständigen Kovariablen des Propensity Score`,
  kmWeightedCaption: (estimand, trimmed, n, groups, adjusted = true) =>
    `${adjusted ? "Gewichtete (adjustierte)" : "Gewichtete"} Kaplan-Meier-Schätzer, ${estimand}-Gewichte; die Zahlen unter Risiko sind Patienten (ungewichtet). Population: Patienten mit Propensity Score${trimmed ? " und einem Gewicht > 0 (nach dem Trimmen)" : ""}, n = ${n} (${groups}).`,
  survivalWeightedTitle: (ep, estimand, b) => `${ep}: Überlebensschätzer, IPTW (${estimand})${b}`,
  weightedPopulation: (pop) => `gewichtet: ${pop}`,
  curvesFlag: (flag) => ` Hinweis zu diesen Kurven: ${flag}.`,
  kmNaiveSame: (hr, n, immortalSection, crudeN, effectsSection) =>
    `Die Cox-Hazard-Ratio an denselben ${n} Patienten, ${hr}, ist die naive Zeile der Tabelle unter „${immortalSection}“ (durch das Design verzerrt); die rohe Cox-Hazard-Ratio unter „${effectsSection}“ beruht auf ${crudeN} Patienten (der Population der Analysen des Behandlungseffekts).`,
  aliased: "aliasiert",
  psModelFootnote: (firth, formula, n, t, c) =>
    `Logistische Regression ${firth ? "mit penalisierter Likelihood nach Firth" : "(R: glm(family = binomial))"}: ${formula}; n = ${n} (${t} behandelt, ${c} unbehandelt).`,
  unmatchedReason: (reason) =>
    ({ "no-control-within-caliper": "keine Kontrolle innerhalb des Calipers", "controls-exhausted": "erreichbare Kontrollen bereits gematcht", "no-control-in-exact-stratum": "keine Kontrolle im Stratum des exakten Matchings" })[reason] ?? reason,
  estimandFullPartial: (estimand, tm, t, cm, c) => `${estimand} bei den einer Subklasse zugeordneten Patienten (${tm} von ${t} Behandelten, ${cm} von ${c} Kontrollen)`,
  estimandFullAll: (estimand) => `${estimand} (jeder Patient in einer Subklasse)`,
  estimandAtm: (tm, t) => `den Effekt bei den gematchten Behandelten (ATM: ${tm} von ${t} Behandelten behalten), nicht den ATT`,
  estimandAtt: "den ATT (jeder Behandelte gematcht)",
  methodFull: (estimand, maxControls) => `optimales Full Matching (${estimand}-Gewichte aus den Subklassen${maxControls !== null ? `, höchstens ${maxControls} Kontrollen je Behandeltem` : ""})`,
  methodPair: (nearest, ratio, replace, order) => `${nearest ? "Nearest-Neighbour" : "optimales"} 1:${ratio}-Matching ${replace ? "mit" : "ohne"} Zurücklegen${nearest ? `, Reihenfolge: ${order}` : ""}`,
  exactOn: (columns) => `; exakt nach ${columns}`,
  distanceLogit: "Logit des Propensity Score",
  distancePs: "Propensity Score",
  caliperNone: "keiner",
  caliperSd: (sd, width) => ` SD der Distanz (SD ${sd}; Breite ${width})`,
  matchingFootnote: (call, estimand) => `Wie ${call}; die gematchte Stichprobe schätzt ${estimand}.`,
  smdFootnote: (formula) => `SMD, standardisierte Mittelwertdifferenz: ${formula}.`,
  sameDenominators: (n, t, c) => `Alle Spalten verwenden dieselben Nenner, aus den ${n} Patienten mit vollständigen Kovariablen des Propensity Score (${t} behandelt, ${c} unbehandelt).`,
  vrKsFootnote: "VR, Varianzverhältnis behandelt/Kontrolle (nur stetige Terme); KS, Kolmogorov-Smirnov-Statistik (gewichtete empirische Verteilungsfunktionen; bei binären Termen |p₁ − p₀|).",
  imbalancedFootnote: (rule) => `Unbalanciert in: die Stichproben, in denen der Term außerhalb der Schwellenwerte für Balance liegt (${rule}).`,
  loveDashedVr: (low, high) => `VR = ${low} und ${high}`,
  loveCaption: (n, dashed, formula) =>
    `Absolute standardisierte Mittelwertdifferenzen (links), Varianzverhältnisse (Mitte, logarithmische Skala; nur stetige Terme) und Kolmogorov-Smirnov-Statistiken (rechts), unadjustiert (offene Kreise; die ${n} Patienten mit vollständigen Kovariablen des Propensity Score) und nach Adjustierung; gestrichelte Linien bei ${dashed}. SMD: ${formula}.`,
  weightingEstimand: (estimand, description, weights, trimming, truncation) => `Estimand: ${estimand} – ${description}. Gewichte ${weights}${trimming}${truncation}.`,
  weightingBiased: (estimand, target, weights, trimming, truncation) =>
    `Gewichte: ${estimand}-Gewichte (Zielpopulation: ${target}); hier vergleicht die gewichtete Analyse nach jemals erhaltener Behandlung ab dem Ausgangszeitpunkt und ist durch das Design verzerrt (Immortal-Time-Bias); sie schätzt daher nicht den ${estimand}. Gewichte ${weights}${trimming}${truncation}.`,
  weightsTarget: (estimand) =>
    ({ ATE: "die gesamte Studienpopulation", ATT: "die behandelten Patienten", ATC: "die unbehandelten Patienten", ATO: "die Überlappungspopulation (Patienten, die jede der beiden Behandlungen hätten erhalten können)" } as Readonly<Record<string, string>>)[estimand] ?? `die Zielpopulation der ${estimand}-Gewichte`,
  trimmedTo: (lower, upper) => `; Propensity Scores auf [${lower}; ${upper}] getrimmt`,
  truncatedAt: (pct, k) => `; Gewichte an der ${pct}. Perzentile gekappt (${k} gekappt)`,
  essFootnote: (overall) => `ESS, effektive Stichprobengröße nach Kish (Σw)²/Σw² (insgesamt ${overall}).`,
  largestWeights: (items) => `Größte Gewichte: ${items}.`,
  largestWeight: (id, group, weight, share) => `Patient ${id} (${group}) ${weight}, ${share}% der Summe`,
  extremeWeights: (ratio, items) => `Extreme Gewichte (> ${ratio} × Gruppenmittelwert): ${items}.`,
  extremeWeight: (id, weight) => `Patient ${id} (${weight})`,
  weightGroup: (group) => (group === "treated" ? "behandelt" : group === "control" ? "Kontrolle" : group),
  psOverlapSvgTitle: "Verteilungen des Propensity Score",
  psLegendAbove: (label) => `${label} (oberhalb)`,
  psLegendBelow: (label) => `${label} (unterhalb)`,
  psOverlapDescription: (t, c, bins, lo, hi, samples) =>
    `Gespiegelte Histogramme des Propensity Score (${t} oberhalb, ${c} unterhalb), ${bins} gemeinsame Klassen von ${lo} bis ${hi}, für: ${samples}.`,
  loveDescription: (stats, nv, adjusted, smd) =>
    `${stats.split(",").map((x) => ({ smd: "Standardisierte Mittelwertdifferenzen", varianceRatio: "Varianzverhältnisse", ks: "Kolmogorov-Smirnov-Statistiken" } as Readonly<Record<string, string>>)[x] ?? x).join(", ")} von ${nv} Kovariablentermen vor Adjustierung${adjusted !== null ? ` und nach ${adjusted}` : ""}${smd !== null ? `; Schwellenwert der SMD ${smd}` : ""}.`,
  weightSeparator: "; ",
};

/** German templates of the engine texts of this part (CAUSAL_PATTERNS). */
export const causalTextsDe: Readonly<Record<CausalTextId, EngineTemplate>> = {
  notEstimatedRowCode: ({ g, s, t }) => `Behandlungseffekt, ${s(g.model)}: ${t(g.rest)} [${g.code}]`,
  fewEventsFlag: ({ g }) => `nur ${g.k} Ereignis${g.k === "1" ? "" : "se"}${g.inf ? " in informativen Matching-Sets" : ""}: unpräzise`,
  balanceWorsenedFlag: ({ g }) => `${g.what === "matching" ? "Matching" : "Gewichtung"} verschlechterte die Balance: nicht für Confounding adjustiert`,
  residualImbalanceFlag: ({ g }) => `Restungleichgewicht nach ${g.what === "matching" ? "Matching" : "Gewichtung"}: ${g.k} von ${g.m} Kovariablentermen unbalanciert`,
  residualImbalanceWarning: ({ g, t }) =>
    `${t(g.flag)}: Der ${g.sample === "matched" ? "gematchte" : "gewichtete"} Schätzer beruht zum Teil auf den verbliebenen Unterschieden der Kovariablen (unter der ${g.where === "the landmark balance table" ? "Balancetabelle des Landmarks" : "Tabelle der Behandlungseffekte"} genannt); nach der Standardregel nie die Primäranalyse`,
  fewEventsWarning: ({ g, t }) =>
    `${t(g.flag)}${g.e ? ` (von den ${g.e} Ereignissen gehen nur die der Matching-Sets, deren Risikomenge noch einen behandelten und einen Kontrollpatienten enthält, in die stratifizierte Likelihood ein)` : ""}: weniger als ${g.min} Ereignisse (analyses.safeguards.minEvents), daher sind die Hazard Ratio und ihr Konfidenzintervall instabil; nach der Standardregel nie die Primäranalyse`,
  balanceWorsenedWarning: ({ g }) =>
    `${g.what === "matching" ? "Das Matching" : "Die Gewichtung"} verschlechterte die Balance der Kovariablen (Terme mit |SMD| ≥ ${g.th}: ${g.after}, unadjustiert ${g.before}; größte |SMD| ${g.max}, ${g.term}, unadjustiert ${g.max0}): Die ${g.sample === "matched" ? "gematchten" : "gewichteten"} Schätzer sind nicht als für Confounding adjustiert zu interpretieren; sie bleiben, markiert, nur als Sensitivitätsanalysen stehen`,
  rosenbaumBiased: ({ g }) => `Die gematchten Paare vergleichen Patienten nach jemals erhaltener Behandlung ab dem Ausgangszeitpunkt und sind durch das Design verzerrt (${bias(g.bias)}): Eine Schranke für verborgene Verzerrung sagt nichts über eine im Vergleich selbst angelegte Verzerrung`,
  rosenbaumWorsened: ({ g }) => `Das Matching verschlechterte die Balance der Kovariablen (größte |SMD| ${g.max}, unadjustiert ${g.max0}): Die Paare sind nicht für Confounding adjustiert, diese Schranken betreffen also verborgene Verzerrung zusätzlich zu dem in den Paaren verbliebenen gemessenen Confounding`,
  balanceRuleFailing: ({ g }) =>
    [`|SMD| ≥ ${g.smd}`, g.lo !== undefined ? `Varianzverhältnis außerhalb ${g.lo}–${g.hi}` : null, g.ks !== undefined ? `KS ≥ ${g.ks}` : null].filter((x): x is string => x !== null).join(" oder "),
  verdictNone: ({ g }) => `${leadDe(g.lead)}${g.n ? ` (n = ${g.n})` : ""} konnte keine Kovariable verglichen werden.`,
  verdictBalanced: ({ g, t }) => `${leadDe(g.lead)}${g.n ? ` (n = ${g.n})` : ""} sind alle ${g.m} Kovariablenterme balanciert (${t(g.rule)}).`,
  verdictImbalanced: ({ g, t }) =>
    `${leadDe(g.lead)}${g.n ? ` (n = ${g.n})` : ""} ${g.lead === "Before adjustment" ? "sind" : "bleiben"} ${g.k} von ${g.m} Kovariablentermen unbalanciert (${t(g.rule)})${g.ks !== undefined ? `, davon ${g.ks} mit |SMD| ≥ ${g.kth}` : ""}: ${termsDe(g.list)}.${g.worse ? ` ${t(g.worse)}` : ""}`,
  balanceWorse: ({ g }) =>
    `${g.what === "Matching" ? "Nach dem Matching" : "Nach der Gewichtung"} war die Balance der Kovariablen schlechter als ohne Adjustierung: ${g.a !== undefined ? `ebenso viele Terme mit |SMD| ≥ ${g.th} wie zuvor (${g.a} von ${g.m})` : `${g.a2} von ${g.m2} Termen mit |SMD| ≥ ${g.th2} gegenüber ${g.b2} zuvor`}, größte |SMD| ${g.max} (${g.term}) gegenüber ${g.max0}; die ${g.sample === "matched" ? "gematchten" : "gewichteten"} Schätzer sind nicht als für Confounding adjustiert zu interpretieren.`,
};
