/**
 * Why the immortal-time section exists, in words (results.analyses.immortalTime.explanation; the report's section
 * intro and summary.txt print it): the immortal-time bias of the comparison by treatment received, then the adjusted
 * designs that were estimated — only those — with the condition under which they address immortal time and measured
 * confounding together (no unmeasured confounding, correctly specified models), the adjusted designs that were not
 * estimated (listed as such in the section and under Not estimable), and a caution when some of their rows carry flags
 * (src/study/effect-flags.ts). Issue 19, referee point 4: the intro named designs that were not estimated.
 */

/** An adjusted design of the section, by the name the explanation gives it. */
export const ADJUSTED_DESIGN_NAMES = {
  cloneCensorWeight: "target-trial emulation by clone–censor–weight",
  adjustedTimeDependent: "time-dependent Cox adjusted for the confounders",
  landmarkPs: "landmark analysis with the propensity score re-estimated among patients alive at the landmark",
  sequentialMatching: "sequential matching on the time of treatment",
} as const;

export type AdjustedDesign = keyof typeof ADJUSTED_DESIGN_NAMES;

export interface ExplanationInput {
  /** The treatment's name (its column or date column). */
  readonly treatment: string;
  readonly endpointLabel: string;
  /** Median time from origin to treatment, in `unit` (null when unknown). */
  readonly medianWait: number | null;
  readonly unit: string;
  /** Whether the section has covariates (otherwise only crude designs run). */
  readonly covariates: boolean;
  /** The adjusted designs the spec asked for, in the section's order, and whether each was estimated. */
  readonly designs: readonly { readonly design: AdjustedDesign; readonly estimated: boolean }[];
  /** Whether a row of an estimated adjusted design carries a flag (too few events, residual or worsened balance). */
  readonly flagged: boolean;
  /** The analyses ran by default (the spec did not ask for them). */
  readonly byDefault: boolean;
}

/**
 * @example
 * ```ts
 * immortalExplanation({ treatment: "metastasectomy", endpointLabel: "Overall survival", medianWait: 1.4, unit: "months", covariates: true,
 *   designs: [{ design: "cloneCensorWeight", estimated: true }, { design: "adjustedTimeDependent", estimated: false }], flagged: false, byDefault: false });
 * // "… The adjusted designs estimated below (target-trial emulation by clone–censor–weight) address immortal time and measured
 * // confounding together, under no unmeasured confounding and correctly specified treatment, censoring and outcome models.
 * // Not estimated on these data, and listed as such: time-dependent Cox adjusted for the confounders. …"
 * ```
 */
export function immortalExplanation(x: ExplanationInput): string {
  const estimated = x.designs.filter((d) => d.estimated).map((d) => ADJUSTED_DESIGN_NAMES[d.design]);
  const notEstimated = x.designs.filter((d) => !d.estimated).map((d) => ADJUSTED_DESIGN_NAMES[d.design]);
  const designs = !x.covariates
    ? "No covariates were given, so only crude designs are shown: they remove immortal time but not confounding. "
    : estimated.length === 0
      ? `No adjusted design could be estimated on these data (listed as such: ${notEstimated.join("; ")}), so only crude designs give estimates: they remove immortal time but not confounding. `
      : `The adjusted designs estimated below (${estimated.join("; ")}) address immortal time and measured confounding together, under no unmeasured confounding and correctly specified treatment, censoring and outcome models. ` +
        (notEstimated.length > 0 ? `Not estimated on these data, and listed as such: ${notEstimated.join("; ")}. ` : "") +
        (x.flagged ? "Their rows flagged in the table (too few events, residual or worsened covariate balance) fall short of that and are sensitivity analyses only. " : "");
  return (
    `Treatment (${x.treatment}) happened after the origin of ${x.endpointLabel} (median ${x.medianWait?.toFixed(1) ?? "NA"} ${x.unit} later): ` +
    "a patient had to survive until treatment to be counted as treated, so comparing groups by treatment received (from the origin) is biased in favour of treatment (immortal-time bias). " +
    designs +
    "The crude analyses (treatment only) are shown after them; the naive comparison is biased by design and kept for contrast only." +
    (x.byDefault ? " These analyses ran by default because treatment dates fall after the origin (set analyses.immortalTime: false to switch them off)." : "")
  );
}
