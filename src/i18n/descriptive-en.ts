/**
 * English texts of one part of the report: Patient flow, Table 1, survival, prognostic factors (Cox) and summary.txt (src/report/render.ts, table1.ts, tables.ts, flow.ts, src/cli/commands/run.ts).
 * The reference for descriptive-de.ts and descriptive-ja.ts (their type is this object's). Engine texts of this part (warnings,
 * notes, reasons the engines emit in English) are patterns in `DESCRIPTIVE_PATTERNS`, appended to the catalogue of
 * src/i18n/warnings-en.ts after its own patterns (the first pattern that matches a whole text wins).
 */
export const descriptiveEn = {
  /** Footnote of a multiple-imputation table with models that use no imputed value (src/report/sections-missing.ts). */
  miNoImputedValue: (rows: string): string =>
    `No imputed value enters ${rows}: the estimate is the same in every imputation (between-imputation variance B = 0), yet Rubin's rules with Barnard–Rubin degrees of freedom ν (complete-data df = events − 1, as mice) use a t quantile on ν df instead of the normal quantile, so the CI is slightly wider than the complete-data CI, and the fraction of missing information is 2/(ν + 3) rather than 0, as mice::pool reports it.`,
  miNoImputedRow: (label: string, dfcom: string, df: string, fmi: string): string => `${label} (complete-data df ${dfcom}, ν = ${df}, FMI ${fmi})`,
  /** The reference level's cell of the Cox table. */
  coxReference: "1 (reference)",
  /** Cox table note on levels too sparse for a stable HR (src/report/tables.ts, SPARSE_LEVEL_*). */
  coxSparse: (mark: string, minN: string, minEvents: string, levels: string): string =>
    `${mark} Sparse level (fewer than ${minN} patients or fewer than ${minEvents} events in the model): ${levels}. Its hazard ratio, and every hazard ratio against it when it is the reference, is unstable (wide CI, possibly far from 1 by chance); merge it with a neighbouring level in the data, or choose a better-populated reference level (covariate \`reference\`, docs/spec.md).`,
  coxSparseLevel: (label: string, n: string, events: string): string => `${label}: ${n} patient${n === "1" ? "" : "s"}, ${events} event${events === "1" ? "" : "s"}`,
  /** x-axis title of a figure of an endpoint measured from a dated origin: "Months since date_lung_met" (unit as the spec names it). */
  timeSince: (unit: string, origin: string): string => `${unit === "" ? "Time" : `${unit.charAt(0).toUpperCase()}${unit.slice(1)}`} since ${origin}`,
};

export type DescriptiveMessages = typeof descriptiveEn;

/** [id, pattern] of the engine texts of this part. */
export const DESCRIPTIVE_PATTERNS = [
  // ["someId", re(String.raw`text with (?<n>{N}) groups`)], with `re` from ./warnings-en-re.js
] as const satisfies readonly (readonly [string, RegExp])[];

export type DescriptiveTextId = (typeof DESCRIPTIVE_PATTERNS)[number][0];
