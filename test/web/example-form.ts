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
    analyses: { ...f.analyses, coxMultivariable: ["age_primary", "primary_size_mm", "n_lung_mets"] },
  };
}
