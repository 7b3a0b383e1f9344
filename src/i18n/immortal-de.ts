/**
 * German texts of one part of the report: Immortal time and the primary analysis (src/report/sections-immortal.ts, the headline of the primary result).
 * English reference: src/i18n/immortal-en.ts.
 */
import type { ImmortalMessages, ImmortalTextId } from "./immortal-en.js";
import type { EngineTemplate } from "./warnings.js";

export const immortalDe: ImmortalMessages = {};

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

export const immortalTextsDe: Readonly<Record<ImmortalTextId, EngineTemplate>> = {
  ccwBeyondData: ({ g }) =>
    `${g.stat === "RMST difference" ? "RMST-Differenz" : "Überlebensdifferenz"}${atDe(g.at, g.t, g.unit)} nicht gezeigt, nicht schätzbar: jenseits der Daten, wo die Abbildung eine Kurve beendet (${g.k1} und ${g.k2} Patienten unter Risiko in den beiden Strategien beim nächsten Todesfall, weniger als ${g.min}; ${g.f1} und ${g.f2} unter Beobachtung); results.json behält die Zahl, markiert mit beyondData`,
  ccwBootstrapOffCentre: ({ g }) =>
    `die Bootstrap-Verteilung der ${STAT[g.stat] ?? g.stat}${atDe(g.at, g.t, g.unit)} ist nicht um den Schätzwert zentriert (Mittel der Replikationen ${g.mean}, Schätzwert ${g.est}: Verzerrung ${g.bias}, mehr als ein Viertel des Bootstrap-SE von ${g.se}${g.stat === "survival difference" ? " Prozentpunkten" : g.stat === "RMST difference" ? ` ${unitDat(g.unit)}` : ""}): ihr Perzentilintervall ist unzuverlässig (nicht darauf stützen)`,
  primaryDefaults: ({ g, t }) =>
    `Primäre Analyse ${g.how?.startsWith("chosen") ? "nach der Voreinstellungsregel von survinfer gewählt (nicht in der Spezifikation festgelegt)" : "(in der Spezifikation festgelegt)"}: ${t(g.label ?? "")}${defaultsDe(g.defaults)} — Wahl von survinfer, die Voreinstellung (nicht die der Studie): analyses.primary${g.settings ? " und die als Voreinstellung markierten Einstellungen" : ""} vor Ansicht der Ergebnisse in der Spezifikation festlegen`,
};
