/**
 * German texts of one part of the report: Immortal time and the primary analysis (src/report/sections-immortal.ts, the headline of the primary result).
 * English reference: src/i18n/immortal-en.ts.
 */
import type { ImmortalMessages, ImmortalTextId } from "./immortal-en.js";
import type { EngineTemplate } from "./warnings.js";

export const immortalDe: ImmortalMessages = {
  primaryElsewhere: (lead, headline, hr, n, events) =>
    `${lead}: ${headline}; Per-Protocol-${hr} (sekundär); ${n} Patienten, ${events} Ereignisse (unter Immortal Time unten); die Zeilen hier sind Sensitivitätsanalysen`,
  primaryHere: (lead, headline, hr, n, events) => `${lead}: ${headline}; Per-Protocol-${hr} (sekundär); ${n} Patienten, ${events} Ereignisse`,
  primaryHereHr: (lead, hr, n, events) => `${lead}: ${hr}; ${n} Patienten, ${events} Ereignisse`,
};

/** German templates of the engine texts of this part (IMMORTAL_PATTERNS). */
const UNITS: Readonly<Record<string, readonly [string, string]>> = { days: ["Tage", "Tagen"], weeks: ["Wochen", "Wochen"], months: ["Monate", "Monaten"], years: ["Jahre", "Jahren"] };
const unit = (u: string | undefined): string => (u === undefined ? "" : (UNITS[u]?.[0] ?? u));
const unitDat = (u: string | undefined): string => (u === undefined ? "" : (UNITS[u]?.[1] ?? u));
const STAT: Readonly<Record<string, string>> = { "survival difference": "Überlebensdifferenz", "RMST difference": "RMST-Differenz", "per-protocol log hazard ratio": "logarithmierten Per-Protocol-Hazard-Ratios" };
/** "bei 60 Monaten" / "bis 60 Monate" */
const atDe = (at: string | undefined, t: string | undefined, u: string | undefined): string => (t === undefined ? "" : at === "up to" ? ` bis ${t} ${unit(u)}` : ` bei ${t} ${unitDat(u)}`);
/** "; grace period 6 months (default)" → "; Übergangsfrist 6 Monate (Voreinstellung)" */
const defaultsDe = (s: string | undefined): string =>
  (s ?? "").replace(/; (grace period|landmark) ([−\d.,]+) (\w+) \(default\)/g, (_m, what: string, n: string, u: string) => `; ${what === "landmark" ? "Landmark" : "Übergangsfrist"} ${n} ${unit(u)} (Voreinstellung)`);

/** The headline's items: "at 12 months: -7.8 points (-27.7 to 19.8), not estimable at 60 months: 12 and 3 patients at risk (…)". */
const headlineDe = (s: string | undefined): string =>
  (s ?? "")
    .replace(/not estimable at ([−\d.,-]+) (\w+): ([−\d.,-]+) and ([−\d.,-]+) patients at risk \(fewer than ([−\d.,-]+), where the figures end the curves\)/g, (_m, t: string, u: string, a: string, b: string, k: string) => `nicht schätzbar bei ${t} ${unitDat(u)}: ${a} und ${b} Patienten unter Risiko (weniger als ${k}, wo die Abbildungen die Kurven beenden)`)
    .replace(/(^|, | )at ([−\d.,-]+) (\w+):/g, (_m, pre: string, t: string, u: string) => `${pre}bei ${t} ${unitDat(u)}:`)
    .replace(/, ([−\d.,-]+) (\w+): /g, (_m, t: string, u: string) => `, ${t} ${unitDat(u)}: `)
    .replace(/ points/g, " Prozentpunkte")
    .replace(/\(([−\d.,-]+) to ([−\d.,-]+)\)/g, "($1 bis $2)")
    .replace(/; RMST difference up to ([−\d.,-]+) (\w+): /g, (_m, t: string, u: string) => `; RMST-Differenz bis ${t} ${unit(u)}: `)
    .replace(/: ([−\d.,-]+) (months|days|weeks|years)( |$)/g, (_m, x: string, u: string, e: string) => `: ${x} ${unit(u)}${e}`);

export const immortalTextsDe: Readonly<Record<ImmortalTextId, EngineTemplate>> = {
  primaryLead: ({ g, t }) =>
    `Primäre Analyse ${g.how?.startsWith("chosen") ? "nach der Voreinstellungsregel von survinfer gewählt (nicht in der Spezifikation festgelegt)" : "(in der Spezifikation festgelegt)"}: ${t(g.label ?? "")}${defaultsDe(g.defaults)}`,
  ccwHeadline: ({ g }) => `Überlebensdifferenz (Behandlung innerhalb von ${g.g} ${unitDat(g.unit)} minus keine)${headlineDe(g.items)}${headlineDe(g.rmst)}`,
  ccwBeyondData: ({ g }) =>
    `${g.stat === "RMST difference" ? "RMST-Differenz" : "Überlebensdifferenz"}${atDe(g.at, g.t, g.unit)} nicht gezeigt, nicht schätzbar: jenseits der Daten, wo die Abbildung eine Kurve beendet (${g.k1} und ${g.k2} Patienten unter Risiko in den beiden Strategien beim nächsten Todesfall, weniger als ${g.min}; ${g.f1} und ${g.f2} unter Beobachtung); results.json behält die Zahl, markiert mit beyondData`,
  ccwBootstrapOffCentre: ({ g }) =>
    `die Bootstrap-Verteilung der ${STAT[g.stat] ?? g.stat}${atDe(g.at, g.t, g.unit)} ist nicht um den Schätzwert zentriert (Mittel der Replikationen ${g.mean}, Schätzwert ${g.est}: Verzerrung ${g.bias}, mehr als ein Viertel des Bootstrap-SE von ${g.se}${g.stat === "survival difference" ? " Prozentpunkten" : g.stat === "RMST difference" ? ` ${unitDat(g.unit)}` : ""}): ihr Perzentilintervall ist unzuverlässig (nicht darauf stützen)`,
  primaryDefaults: ({ g, t }) =>
    `Primäre Analyse ${g.how?.startsWith("chosen") ? "nach der Voreinstellungsregel von survinfer gewählt (nicht in der Spezifikation festgelegt)" : "(in der Spezifikation festgelegt)"}: ${t(g.label ?? "")}${defaultsDe(g.defaults)} — Wahl von survinfer, die Voreinstellung (nicht die der Studie): analyses.primary${g.settings ? " und die als Voreinstellung markierten Einstellungen" : ""} vor Ansicht der Ergebnisse in der Spezifikation festlegen`,
};
