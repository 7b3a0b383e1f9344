/**
 * German texts of one part of the report: Patient flow, Table 1, survival, prognostic factors (Cox) and summary.txt (src/report/render.ts, table1.ts, tables.ts, flow.ts, src/cli/commands/run.ts).
 * English reference: src/i18n/descriptive-en.ts.
 */
import type { DescriptiveMessages, DescriptiveTextId } from "./descriptive-en.js";
import type { EngineTemplate } from "./warnings.js";

/** Time units in the nominative plural ("Monate seit …"). */
const UNITS: Readonly<Record<string, string>> = { days: "Tage", weeks: "Wochen", months: "Monate", years: "Jahre" };

export const descriptiveDe: DescriptiveMessages = {
  miNoImputedValue: (rows) =>
    `Kein imputierter Wert geht ein in ${rows}: Der Schätzer ist in jeder Imputation gleich (Varianz zwischen den Imputationen B = 0), doch die Rubin-Regeln mit Freiheitsgraden ν nach Barnard und Rubin (Freiheitsgrade der vollständigen Daten = Ereignisse − 1, wie mice) verwenden ein t-Quantil mit ν Freiheitsgraden statt des Normalverteilungsquantils; daher ist das KI etwas breiter als das KI der vollständigen Daten und der Anteil fehlender Information 2/(ν + 3) statt 0, wie ihn mice::pool angibt.`,
  miNoImputedRow: (label, dfcom, df, fmi) => `${label} (Freiheitsgrade der vollständigen Daten ${dfcom}, ν = ${df}, FMI ${fmi})`,
  coxReference: "1 (Referenz)",
  coxSparse: (mark, minN, minEvents, levels) =>
    `${mark} Schwach besetzte Kategorie (weniger als ${minN} Patienten oder weniger als ${minEvents} Ereignisse im Modell): ${levels}. Ihre Hazard Ratio – und als Referenz jede Hazard Ratio gegen sie – ist instabil (breites KI, zufällig weit von 1 entfernt möglich); sie in den Daten mit einer benachbarten Kategorie zusammenfassen oder eine stärker besetzte Referenz wählen (Kovariable \`reference\`, docs/spec.md).`,
  coxSparseLevel: (label, n, events) => `${label}: ${n} ${n === "1" ? "Patient" : "Patienten"}, ${events} ${events === "1" ? "Ereignis" : "Ereignisse"}`,
  timeSince: (unit, origin) => `${unit === "" ? "Zeit" : (UNITS[unit] ?? unit)} seit ${origin}`,
};

/** German templates of the engine texts of this part (DESCRIPTIVE_PATTERNS). */
export const descriptiveTextsDe: Readonly<Record<DescriptiveTextId, EngineTemplate>> = {};
