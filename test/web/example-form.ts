/** The app's form filled in as the e2e test fills it for the bundled example (OS by metastasectomy). */
import { defaultForm, emptyCovariate, type FormState } from "../../web/src/form.js";

export const EXAMPLE_DIR = "examples/lms-metastasectomy";

export function exampleForm(): FormState {
  const f = defaultForm();
  return {
    ...f,
    title: "cohort",
    fileName: "cohort.csv",
    endpoints: [{ ...f.endpoints[0], name: "os", label: "Overall survival", mode: "dates", origin: "date_lung_met", events: ["date_death"], censor: "date_last_followup", unit: "months" }],
    treatment: { column: "metastasectomy", treated: "yes", date: "", label: "" },
    covariates: [
      { ...emptyCovariate("age_primary"), cutoffKind: "above", cutoffValue: "60" },
      { ...emptyCovariate("sex"), reference: "female" },
      { ...emptyCovariate("primary_size_mm"), cutoffKind: "above", cutoffValue: "70" },
      { ...emptyCovariate("n_lung_mets"), cutoffKind: "atLeast", cutoffValue: "5" },
      { ...emptyCovariate("timing"), type: "categorical", reference: "metachronous" },
      { ...emptyCovariate("grade"), type: "categorical", reference: "1" },
    ],
    // the example keeps MatchIt's largest-first order (compared with R); the form's default is a seeded random order
    analyses: { ...f.analyses, coxMultivariable: ["age_primary", "primary_size_mm", "n_lung_mets"], order: "largest" },
  };
}

/**
 * The example study's competing risks, as the e2e test sets them: causes of death Sarcoma (sarcoma) and
 * Other causes (other), by treatment, at the Kaplan–Meier times, models of age_primary and n_lung_mets.
 */
export const exampleCompeting: Partial<FormState["analyses"]> = {
  competingRisks: true,
  competingCauseColumn: "cause_of_death",
  competingCauses: [
    { value: "sarcoma", cause: "Sarcoma" },
    { value: "other", cause: "Other causes" },
  ],
  competingByTreatment: true,
  competingTimesSameAsKm: true,
  competingCovariates: ["age_primary", "n_lung_mets"],
};

/** The example study's recurrent events: repeated pulmonary metastasectomies (date_pm, date_pm2, date_pm3) with n_lung_mets and timing, in the operated from their first. */
export const exampleRecurrent: Partial<FormState["analyses"]> = {
  recurrent: true,
  recurrentEvents: ["date_pm", "date_pm2", "date_pm3"],
  recurrentLabel: "Pulmonary metastasectomy",
  recurrentCovariates: ["n_lung_mets", "timing"],
  recurrentPopulation: "treated",
};

/**
 * The example study's cure model, as the form sets it: cause-specific (Sarcoma, the causes named as for competing
 * risks), in the operated (population treated), latency by the lowest AIC, incidence n_lung_mets + timing, a
 * latency without covariates. The operated are followed from the date of surgery only when the form's treatment
 * has its date (treatment.date), as the example study's has.
 */
export const exampleCure: Partial<FormState["analyses"]> = {
  cure: true,
  cureModel: "aic",
  cureCause: "Sarcoma",
  curePopulation: "treated",
  cureIncidence: ["n_lung_mets", "timing"],
  cureLatencySame: false,
  cureLatency: [],
  competingCauseColumn: exampleCompeting.competingCauseColumn!,
  competingCauses: exampleCompeting.competingCauses!,
};
