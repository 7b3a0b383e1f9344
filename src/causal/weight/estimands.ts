/**
 * Registry of propensity-score weighting estimands (style §1): one entry per estimand with its weight
 * formula for treated (A = 1) and control (A = 0) units, a description in words, and the reference.
 * Formulas are WeightIt's `get_w_from_ps()` (binary treatment): e = P(A = 1 | X).
 */
import { ate } from "./ate.js";
import { att } from "./att.js";
import { atc } from "./atc.js";
import { ato } from "./ato.js";
import { atm } from "./atm.js";

export type Estimand = "ATE" | "ATT" | "ATC" | "ATO" | "ATM";

export interface EstimandDefinition {
  readonly id: Estimand;
  readonly label: string;
  /** The estimand in words, for reports. */
  readonly description: string;
  /** Weight formula as text: treated; control. */
  readonly formula: string;
  readonly reference: string;
  /** Weight of a unit with propensity score e and treatment a ∈ {0, 1}. */
  readonly weight: (e: number, a: number) => number;
  /** Whether stabilisation (× P(A = a)) is meaningful; false makes `stabilize` an OPTION_CONFLICT. */
  readonly stabilizable: boolean;
}

export const ESTIMANDS: Readonly<Record<Estimand, EstimandDefinition>> = Object.freeze({ ATE: ate, ATT: att, ATC: atc, ATO: ato, ATM: atm });
