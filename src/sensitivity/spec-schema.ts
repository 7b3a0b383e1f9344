/**
 * The study spec's `analyses.sensitivity` block (docs/spec.md, "analyses.sensitivity"): sensitivity of the
 * primary treatment effect to what was not measured, and whether the data suffice for a prediction model.
 * Every part is on by default once the block is present (`sensitivity: {}`); `false` switches one off.
 */
import { z } from "zod";

const positive = z.number().positive();
const proportion = z.number().min(0).max(1);

export const rosenbaumSpecSchema = z.strictObject({
  gammas: z.array(z.number().min(1)).min(1).default([1, 1.25, 1.5, 1.75, 2, 2.5, 3, 4, 5, 6]).describe("Γ grid (odds of treatment within a matched pair due to an unmeasured covariate); 1 = no hidden bias."),
  alpha: z.number().gt(0).lt(1).default(0.05).describe("One-sided significance level whose crossing gives 'the Γ at which the conclusion changes'."),
  time: positive.optional().describe("Time (endpoint's unit) for the McNemar-type bound on death by that time; default the last analyses.km time."),
});

export const biasAnalysisSpecSchema = z.strictObject({
  gammas: z.array(positive.refine((g) => g !== 1, "γ = 1 is no confounding")).min(1).default([0.33, 0.5, 2, 3]).describe("Confounder–outcome hazard ratios γ of the unmeasured binary confounder."),
  p1: z.array(proportion).min(1).default([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]).describe("Prevalences of the confounder among the treated."),
  p0: z.array(proportion).min(1).default([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]).describe("Prevalences of the confounder among the untreated."),
});

export const negativeControlSpecSchema = z.strictObject({
  endpoint: z.string().min(1).optional().describe("Endpoint whose `causes` name the negative-control cause; default the outcome endpoint of the treatment effect."),
  cause: z.string().min(1).describe('Cause (a name under the endpoint\'s causes.values) the treatment cannot plausibly affect, e.g. "Other causes".'),
});

export const sampleSizeSpecSchema = z.strictObject({
  shrinkage: z.number().gt(0).lt(1).default(0.9).describe("Target expected shrinkage (Riley criterion 1)."),
  horizon: positive.optional().describe("Prediction horizon; default analyses.prediction.time."),
});

export const sensitivitySchema = z
  .strictObject({
    eValue: z.boolean().default(true).describe("E-value of the primary estimate and its confidence limit (rare-outcome rule from 1 − KM at the end of follow-up)."),
    rosenbaum: z.union([z.literal(false), rosenbaumSpecSchema]).default(rosenbaumSpecSchema.parse({})).describe("Rosenbaum bounds on the PS-matched pairs (1:1 matching); false = off."),
    biasAnalysis: z.union([z.literal(false), biasAnalysisSpecSchema]).default(biasAnalysisSpecSchema.parse({})).describe("Adjusted HR over a grid of an unmeasured binary confounder's prevalences and strength; false = off."),
    negativeControl: negativeControlSpecSchema.optional().describe("Association of the treatment with a cause it cannot affect (cause-specific HR, adjusted as the primary)."),
    sampleSize: z.union([z.literal(false), sampleSizeSpecSchema]).default(sampleSizeSpecSchema.parse({})).describe("Riley et al. minimum sample size for the prediction model (analyses.prediction); false = off."),
  })
  .describe("Sensitivity to what was not measured (E-value, Rosenbaum bounds, bias analysis, negative control) and the Riley sample-size criteria.");

export type SensitivitySpec = z.infer<typeof sensitivitySchema>;
