/**
 * German texts of one part of the report: Propensity-score analyses, treatment effects and sensitivity to unmeasured confounding (the propensity section, src/report/sections-effects.ts, sections-sensitivity.ts).
 * English reference: src/i18n/causal-en.ts.
 */
import type { CausalMessages, CausalTextId } from "./causal-en.js";
import type { EngineTemplate } from "./warnings.js";

const bias = (b: string): string => (b === "immortal time" ? "Immortal-Time-Bias" : b);

export const causalDe: CausalMessages = {
  eValueNotGiven: (b) => `Kein E-Wert für Zeilen, die durch das Design verzerrt sind (${bias(b)}): Ein E-Wert misst, wie stark eine nicht gemessene Störgröße sein müsste, und sagt nichts über eine im Vergleich selbst angelegte Verzerrung.`,
  flagsFootnote: (fewEvents, balanceWorsened) =>
    `Markierungen: ${[
      ...(fewEvents ? ["unpräzise: weniger Ereignisse als analyses.safeguards.minEvents; beim nach gematchtem Set stratifizierten Cox-Modell zählen nur die Ereignisse der Sets, deren Risikomenge noch einen behandelten und einen Kontrollpatienten enthält, da nur diese in seine Likelihood eingehen"] : []),
      ...(balanceWorsened ? ["verschlechterte Balance: die adjustierte Stichprobe ist schlechter balanciert als die unadjustierte (siehe die Bewertung der Balance), ihre Schätzer sind daher nicht für Confounding adjustiert"] : []),
    ].join("; ")}. Eine markierte Zeile bleibt zur Transparenz stehen und wird nach der Standardregel nie als primäre Analyse gewählt.`,
  estimateFlag: (flags) => ` Markierung dieser Schätzung: ${flags}.`,
  rosenbaumFlag: (flag) => `Markierung: ${flag}.`,
};

/** German templates of the engine texts of this part (CAUSAL_PATTERNS). */
export const causalTextsDe: Readonly<Record<CausalTextId, EngineTemplate>> = {
  notEstimatedRowCode: ({ g, s, t }) => `Behandlungseffekt, ${s(g.model)}: ${t(g.rest)} [${g.code}]`,
  fewEventsFlag: ({ g }) => `nur ${g.k} Ereignis${g.k === "1" ? "" : "se"}${g.inf ? " in informativen gematchten Sets" : ""}: unpräzise`,
  balanceWorsenedFlag: ({ g }) => `${g.what === "matching" ? "Matching" : "Gewichtung"} verschlechterte die Balance: nicht für Confounding adjustiert`,
  fewEventsWarning: ({ g, t }) =>
    `${t(g.flag)}${g.e ? ` (von den ${g.e} Ereignissen gehen nur die der gematchten Sets, deren Risikomenge noch einen behandelten und einen Kontrollpatienten enthält, in die stratifizierte Likelihood ein)` : ""}: weniger als ${g.min} Ereignisse (analyses.safeguards.minEvents), daher sind die Hazard Ratio und ihr Konfidenzintervall instabil; nach der Standardregel nie die primäre Analyse`,
  balanceWorsenedWarning: ({ g }) =>
    `${g.what === "matching" ? "Das Matching" : "Die Gewichtung"} verschlechterte die Balance der Kovariablen (Terme mit |SMD| ≥ ${g.th}: ${g.after}, unadjustiert ${g.before}; größte |SMD| ${g.max}, ${g.term}, unadjustiert ${g.max0}): Die ${g.sample === "matched" ? "gematchten" : "gewichteten"} Schätzer sind nicht als für Confounding adjustiert zu interpretieren; sie bleiben, markiert, nur als Sensitivitätsanalysen stehen`,
  rosenbaumBiased: ({ g }) => `Die gematchten Paare vergleichen Patienten nach jemals erhaltener Behandlung ab dem Ausgangszeitpunkt und sind durch das Design verzerrt (${bias(g.bias)}): Eine Schranke für verborgene Verzerrung sagt nichts über eine im Vergleich selbst angelegte Verzerrung`,
  rosenbaumWorsened: ({ g }) => `Das Matching verschlechterte die Balance der Kovariablen (größte |SMD| ${g.max}, unadjustiert ${g.max0}): Die Paare sind nicht für Confounding adjustiert, diese Schranken betreffen also verborgene Verzerrung zusätzlich zu dem in den Paaren verbliebenen gemessenen Confounding`,
};
