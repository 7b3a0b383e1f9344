/**
 * The matching design proposed before matching: when matching without replacement is requested and the
 * controls are too few for every treated patient to get `ratio` of them (after complete cases), MatchIt
 * warns "Fewer control units than treated units; not all treated units will get a match." survinfer says
 * the same before the matching is reported, and proposes the designs that fit, with what each keeps:
 * matching the controls to treated patients (ATC), full matching (every patient, ATT or ATE), or
 * weighting (IPTW ATE, overlap weights ATO). Pure: counts in, words out.
 */

export interface DesignOption {
  readonly design: "atc-matching" | "full-matching" | "weighting";
  /** The estimand the design targets, e.g. "ATC". */
  readonly estimand: string;
  /** Patients the design keeps (at most, before any caliper). */
  readonly keeps: { readonly treated: number; readonly control: number };
  readonly text: string;
}

export interface DesignProposal {
  readonly nTreated: number;
  readonly nControl: number;
  readonly ratio: number;
  /** Most treated patients the requested design can match (ratio controls each, no replacement). */
  readonly maxMatchedTreated: number;
  readonly options: readonly DesignOption[];
  /** The warning and the proposal in words (shown under "Read first"). */
  readonly warnings: readonly string[];
}

/**
 * The proposal, or null when the requested design can match every treated patient (controls ≥ ratio ×
 * treated), matches with replacement, or is full matching.
 *
 * @example
 * ```ts
 * designProposal(40, 16, 1, false)?.maxMatchedTreated; // 16
 * ```
 */
/** What optimal full matching with the study's caliper keeps (src/causal/match.ts `matchFull` on the same scores). */
export interface FullMatchingKeeps {
  readonly treated: number;
  readonly control: number;
  /** The caliper in words, e.g. "0.2 SD of the logit PS". */
  readonly caliper: string;
}

/**
 * `fullKeeps`: what full matching with the requested caliper keeps (counted by running it); without it (no caliper,
 * or not counted) full matching keeps every patient.
 */
export function designProposal(nTreated: number, nControl: number, ratio: number, replace: boolean, method: "nearest" | "optimal" | "full" = "nearest", fullKeeps?: FullMatchingKeeps): DesignProposal | null {
  // full matching already fits any group sizes: every patient with a partner within the caliper is kept
  if (method === "full" || replace || nControl >= ratio * nTreated) return null;
  const maxMatchedTreated = Math.min(nTreated, Math.floor(nControl / ratio));
  const n = nTreated + nControl;
  // 1:1 ATC matching without replacement: one treated patient per control, as far as the treated go
  const atc = Math.min(nTreated, nControl);
  const options: DesignOption[] = [
    {
      design: "atc-matching",
      estimand: "ATC",
      keeps: { treated: atc, control: atc },
      text: `match each control to a treated patient (ATC, the effect in patients like the controls): keeps ${atc === nControl ? `all ${nControl}` : `${atc} of ${nControl}`} controls and ${atc} of ${nTreated} treated`,
    },
    {
      design: "full-matching",
      estimand: "ATT or ATE",
      keeps: fullKeeps === undefined ? { treated: nTreated, control: nControl } : { treated: fullKeeps.treated, control: fullKeeps.control },
      text: `full matching (subclasses of one treated and several controls or the reverse, MatchIt method = "full"; in the spec, matching.method: full): ${
        fullKeeps === undefined || fullKeeps.treated + fullKeeps.control === n
          ? `keeps all ${n} patients`
          : `keeps ${fullKeeps.treated + fullKeeps.control} of ${n} patients with the caliper of ${fullKeeps.caliper} (${fullKeeps.treated} of ${nTreated} treated, ${fullKeeps.control} of ${nControl} controls: those with a partner within it), all ${n} without a caliper (matching.caliper: null)`
      }, ATT or ATE`,
    },
    {
      design: "weighting",
      estimand: "ATE or ATO",
      keeps: { treated: nTreated, control: nControl },
      text: `weighting (IPTW for the ATE, or overlap weights for the ATO, which down-weight patients without comparable counterparts): keeps all ${n} patients`,
    },
  ];
  const warnings = [
    `fewer control units than treated units (${nControl} controls, ${nTreated} treated, ${ratio}:1 matching without replacement); not all treated units will get a match: at most ${maxMatchedTreated} of ${nTreated} treated can be matched, and the matched sample estimates the effect in the matched treated, not the ATT. Designs that fit: ${options.map((o) => o.text).join("; ")}`,
  ];
  return { nTreated, nControl, ratio, maxMatchedTreated, options, warnings };
}
