/**
 * German texts of one part of the report: Patient flow, Table 1, survival, prognostic factors (Cox) and summary.txt (src/report/render.ts, table1.ts, tables.ts, flow.ts, src/cli/commands/run.ts).
 * English reference: src/i18n/descriptive-en.ts.
 */
import type { DescriptiveMessages, DescriptiveTextId } from "./descriptive-en.js";
import type { EngineTemplate } from "./warnings.js";

export const descriptiveDe: DescriptiveMessages = {};

/** German templates of the engine texts of this part (DESCRIPTIVE_PATTERNS). */
export const descriptiveTextsDe: Readonly<Record<DescriptiveTextId, EngineTemplate>> = {};
