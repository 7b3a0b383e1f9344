/**
 * The study spec schema (zod 4): one YAML/JSON file that names the data, the endpoints, the
 * treatment, the covariates and the analyses of an observational treatment comparison.
 * Every object is strict (an unknown key is an error, so typos never pass silently); options that
 * have a conventional default get it here, so a parsed spec is fully explicit and can be echoed in
 * the report. Defaults follow R (survival, MatchIt, WeightIt) unless docs/spec.md says why not.
 * Documentation of every field: docs/spec.md. JSON Schema for editors: schema/study.schema.json.
 */
import { z } from "zod";
import { LANGUAGES } from "../i18n/language.js";
import { sensitivitySchema } from "../sensitivity/spec-schema.js";
import type { DateFormat } from "../data/dates.js";

/** Date formats of the data layer (one list, in src/data/dates.ts). */
export const DATE_FORMATS = ["DD.MM.YYYY", "MM/DD/YYYY", "DD/MM/YYYY", "YYYY-MM-DD", "excel-serial"] as const satisfies readonly DateFormat[];
export const COLUMN_TYPES = ["numeric", "categorical", "date"] as const;
export const TIME_UNITS = ["days", "months", "years"] as const;
export const CONF_TYPES = ["log", "log-log", "plain"] as const;
export const ESTIMANDS = ["ATE", "ATT", "ATC", "ATO"] as const;
export const MATCH_ORDERS = ["largest", "smallest", "random", "data"] as const;

const name = z.string().min(1);
const columnName = name.describe("A column of the data file (exact spelling).");
const scalar = z.union([z.string(), z.number(), z.boolean()]);
const positive = z.number().positive();

export const dataSchema = z
  .strictObject({
    file: name.optional().describe("Data file (CSV, TSV, XLSX, Arrow IPC (.arrow, .feather, .ipc, .arrows), or Parquet read through DuckDB), relative to the spec file. Give it or query, not both."),
    query: name
      .optional()
      .describe("SQL query whose result is the data, run by engine (default duckdb; relative file names in it are looked up next to the spec). The result is loaded into memory, at most 1,000,000 rows (docs/scale.md)."),
    engine: z
      .enum(["memory", "duckdb", "postgres"])
      .optional()
      .describe("Who reads the data: memory (the in-memory reader; default for CSV, TSV, XLSX, Arrow), duckdb (default for Parquet and for a query) or postgres (a query; connection from the PG* environment variables)."),
    id: columnName.optional().describe("Patient id column; default: the data row number."),
    dateFormat: z.enum(DATE_FORMATS).optional().describe("Format of the date columns; required when ambiguous."),
    sheet: name.optional().describe("XLSX sheet; default: the first sheet."),
    decimal: z.enum([".", ","]).optional().describe('Decimal mark of numbers; "," for German-style 1.234,5.'),
    delimiter: z.enum([",", ";", "tab", "|"]).optional().describe("Field delimiter of a CSV/TSV file; default: sniffed."),
    encoding: z.enum(["utf-8", "windows-1252"]).optional().describe("Text encoding of a CSV/TSV file; default: UTF-8, else Windows-1252 (said in a warning)."),
    missing: z.array(z.string()).optional().describe('Tokens read as missing (default: "", NA, N/A, ., -).'),
    types: z
      .record(name, z.enum(COLUMN_TYPES))
      .optional()
      .describe("Override the inferred type of columns: { column: numeric|categorical|date }."),
  })
  .describe("Where the data come from and how to read them.");

export const causesSchema = z
  .strictObject({
    column: columnName.describe("Column with the cause of the event, e.g. cause of death; read only for patients with an event."),
    values: z
      .record(name, z.union([scalar, z.array(scalar).min(1)]))
      .refine((v) => Object.keys(v).length > 0, "name at least one cause")
      .describe('Cause name -> value(s) of the column, e.g. { Sarcoma: sarcoma, "Other causes": [cardiac, other] }. Causes are numbered 1, 2, ... in this order.'),
  })
  .describe("Competing causes of the endpoint's event (for analyses.competingRisks).");

export const datesEndpointSchema = z
  .strictObject({
    label: name.optional().describe('Name for reports, e.g. "Overall survival".'),
    origin: columnName.describe("Date column where follow-up starts (time zero)."),
    originLabel: name
      .optional()
      .describe('What time zero is, in words, for the time axes of the figures: "Months since <originLabel>", e.g. "diagnosis of lung metastases". Default: the origin column\'s name.'),
    event: z
      .union([columnName, z.array(columnName).min(1)])
      .describe("Date column of the event, or a list for a composite endpoint (first of them)."),
    eventLabel: name
      .optional()
      .describe('What the event is, in words, for the Methods: "death", or for a composite endpoint "progression or death" (whichever came first). Default: "the date of the event"; a composite\'s dates by the endpoints whose event they are, else by their columns.'),
    censor: columnName.describe("Date of last follow-up (censoring date when no event)."),
    cutoff: name
      .optional()
      .describe("Administrative cut-off date (YYYY-MM-DD or the data's dateFormat): later events are censored."),
    unit: z.enum(TIME_UNITS).default("months").describe("Time unit: days, months (30.4375 d) or years (365.25 d)."),
    causes: causesSchema.optional(),
  })
  .describe("Endpoint derived from dates.");

const statusValues = z.array(scalar).min(1).describe("Status values that mean 'event', e.g. [dead, verstorben] or [2].");
const censoredValues = z
  .array(scalar)
  .min(1)
  .optional()
  .describe("Status values that mean censored (alive), e.g. [alive, lebend]; default: the one other value in the column (docs/data.md). Any other value stops with its row.");

export const columnsEndpointSchema = z
  .strictObject({
    label: name.optional(),
    time: columnName.describe("Column with the follow-up time."),
    status: columnName.describe("Column with the status."),
    values: statusValues,
    censored: censoredValues,
    unit: z.enum(TIME_UNITS).default("months").describe("Unit the time column is in."),
    causes: causesSchema.optional(),
  })
  .describe("Endpoint from ready-made time and status columns.");

export const contactEndpointSchema = z
  .strictObject({
    label: name.optional().describe('Name for reports, e.g. "Overall survival".'),
    origin: columnName.describe("Date column where follow-up starts (time zero)."),
    originLabel: name
      .optional()
      .describe('What time zero is, in words, for the time axes of the figures: "Months since <originLabel>", e.g. "diagnosis of lung metastases". Default: the origin column\'s name.'),
    lastContact: columnName.describe("Date of last contact: the date of death for the dead, else the last date known alive."),
    status: columnName.describe("Vital-status column, e.g. Status with verstorben / lebend."),
    values: statusValues,
    censored: censoredValues,
    cutoff: name
      .optional()
      .describe("Administrative cut-off date (YYYY-MM-DD or the data's dateFormat): a later last contact is censored at it."),
    unit: z.enum(TIME_UNITS).default("months").describe("Time unit: days, months (30.4375 d) or years (365.25 d)."),
    causes: causesSchema.optional(),
  })
  .describe("Endpoint from the date of last contact and a vital-status column.");

export const endpointSchema = z.union([datesEndpointSchema, contactEndpointSchema, columnsEndpointSchema]);

export const EMPTY_TREATMENT = ["missing", "untreated"] as const;

const emptyTreatment = z
  .enum(EMPTY_TREATMENT)
  .optional()
  .describe("What an empty cell of the yes/no column means: missing (default; the patient is left out of treatment comparisons) or untreated.");

export const treatmentCheckSchema = z
  .strictObject({
    column: columnName.describe("Yes/no column that must agree with the treatment date."),
    treated: scalar.describe('Value of the column meaning "treated".'),
    empty: emptyTreatment,
  })
  .describe("A yes/no column checked against the treatment date: marked treated without a date, or with a date but marked untreated, stops naming the row.");

/** Name of the indicator derived from a treatment date (not a column of the file). */
export function dateTreatmentColumn(date: string): string {
  return `treated (${date})`;
}

export const treatmentSchema = z
  .strictObject({
    column: columnName.optional().describe("Column that says who was treated; leave out when the treatment is given by its date alone."),
    treated: scalar.optional().describe('Value of the column meaning "treated" (all others: untreated); required with column.'),
    date: columnName
      .optional()
      .describe("Date of treatment (after the origin: immortal time). Alone, without column: treated from this date, empty = never treated."),
    empty: emptyTreatment,
    check: treatmentCheckSchema.optional(),
    label: name.optional(),
  })
  .superRefine((t, ctx) => {
    if (t.column === undefined && t.date === undefined) {
      ctx.addIssue({ code: "custom", path: [], message: "give column (with treated) or date (treated from that date, empty = never)" });
    }
    if (t.column !== undefined && t.treated === undefined) {
      ctx.addIssue({ code: "custom", path: ["treated"], message: `name the value of ${t.column} that means treated, e.g. treated: "yes"` });
    }
    if (t.column === undefined && t.treated !== undefined) {
      ctx.addIssue({ code: "custom", path: ["treated"], message: "treated needs column; with the date alone, a date means treated (a yes/no column to check goes under check)" });
    }
    if (t.column === undefined && t.empty !== undefined) {
      ctx.addIssue({ code: "custom", path: ["empty"], message: "empty describes the yes/no column; with the date alone an empty date means never treated (for the check column: check.empty)" });
    }
    if (t.check !== undefined && (t.column !== undefined || t.date === undefined)) {
      ctx.addIssue({ code: "custom", path: ["check"], message: "check goes with a treatment given by its date alone (date without column)" });
    }
  })
  .transform((t) =>
    // the analyses read a column: a date-only treatment becomes the indicator "treated (<date>)" = no/yes
    t.column !== undefined
      ? { ...t, column: t.column, treated: t.treated ?? "" }
      : { ...t, column: dateTreatmentColumn(t.date ?? ""), treated: "yes", fromDate: true as const },
  )
  .describe("The treatment whose effect is studied.");

export const cutoffSchema = z
  .strictObject({
    above: z.number().optional().describe("Dichotomise as value > above."),
    atLeast: z.number().optional().describe("Dichotomise as value >= atLeast."),
    label: name.optional(),
  })
  .superRefine((c, ctx) => {
    if ((c.above === undefined) === (c.atLeast === undefined)) {
      ctx.addIssue({ code: "custom", path: [], message: "give exactly one of above (value > x) or atLeast (value >= x)" });
    }
  })
  .describe("Exactly one of above / atLeast.");

export const covariateObjectSchema = z
  .strictObject({
    name: columnName,
    type: z.enum(["numeric", "categorical"]).optional(),
    reference: scalar.optional().describe("Reference level of a categorical covariate (default: first level)."),
    label: name.optional().describe('Name for tables, e.g. "Age at primary (years)".'),
    cutoff: cutoffSchema.optional().describe('Also analyse dichotomised, e.g. { above: 60, label: "Age > 60 years" }.'),
  })
  .superRefine((c, ctx) => {
    if (c.cutoff !== undefined && c.type === "categorical") {
      ctx.addIssue({ code: "custom", path: ["cutoff"], message: "a cut-off needs a numeric covariate, but type is categorical" });
    }
    if (c.cutoff !== undefined && c.reference !== undefined) {
      ctx.addIssue({ code: "custom", path: ["reference"], message: "reference and cutoff exclude each other (a cut-off makes a 0/1 variable)" });
    }
  });

export const covariateSchema = z.union([columnName, covariateObjectSchema]);

const byField = name.describe('"treatment" or a column name.');
const endpointRef = name.describe("Name of an endpoint defined under endpoints.");

export const table1Schema = z.strictObject({
  by: byField.default("treatment"),
  smd: z
    .union([z.boolean(), z.enum(["absolute", "signed"])])
    .default(true)
    .describe('SMD column: "absolute" (|SMD|, as R tableone prints it; true means this), "signed" (treated minus untreated), or false (none).'),
  overall: z.boolean().default(false).describe("An Overall column (both groups together) in the first panel."),
  continuous: z.enum(["mean", "median", "auto"]).default("auto"),
  pValues: z.boolean().default(false).describe("p-values of baseline differences in the unadjusted panel (off by default: STROBE and CONSORT advise against testing baseline differences)."),
});

export const kmSchema = z.strictObject({
  endpoint: endpointRef,
  by: byField.optional(),
  times: z.array(positive).default([]).describe("Times (in the endpoint's unit) at which survival is reported."),
  confType: z.enum(CONF_TYPES).default("log"),
  confLevel: z.number().gt(0).lt(1).default(0.95),
});

export const logrankSchema = z.strictObject({
  endpoint: endpointRef,
  by: byField.default("treatment"),
  rho: z.number().min(0).default(0).describe("G-rho family weight S(t)^rho; 0 is the log-rank test."),
});

export const rmstSchema = z.strictObject({
  endpoint: endpointRef,
  by: byField.default("treatment"),
  tau: positive.optional().describe("Truncation time; default: the smaller of the groups' last follow-up times."),
});

export const adjustedCurvesSchema = z
  .strictObject({
    endpoint: endpointRef.optional().describe("Default: the Kaplan–Meier endpoint (else the first endpoint)."),
    times: z.array(positive).min(1).optional().describe("Times for the survival contrasts; default analyses.km.times."),
    tau: positive.optional().describe("RMST horizon (g-formula); default analyses.rmst.tau."),
    estimators: z.array(z.enum(["gformula", "iptw", "aipw"])).min(1).default(["gformula", "aipw"]),
    estimand: z.enum(["ATE", "ATT"]).default("ATE").describe("ATT: g-formula only."),
    band: z
      .number()
      .int()
      .min(0)
      .max(100000)
      .default(0)
      .describe("Simultaneous confidence bands over the times (riskRegression's band = TRUE): number of Gaussian multiplier simulations, seeded by the spec's seed (e.g. 1000); 0 = none."),
  })
  .describe("Adjusted (standardised) survival curves and absolute contrasts by the g-formula, IPTW and AIPW (riskRegression::ate); leads the treatment-effect section.");

export const coxSchema = z.strictObject({
  endpoint: endpointRef,
  univariable: z.union([z.literal("all"), z.array(name)]).default("all"),
  multivariable: z.array(name).default([]),
  ties: z.enum(["efron", "breslow"]).default("efron"),
  robust: z.boolean().default(false),
  zph: z.boolean().default(true).describe("Test proportional hazards (cox.zph, KM transform)."),
  multivariableCutoffs: z
    .boolean()
    .optional()
    .describe("Multivariable model with the covariates' declared cut-offs (dichotomised); the model with the continuous covariates is reported beside it. Default: continuous covariates only."),
  linearity: z
    .boolean()
    .optional()
    .describe("Check the linearity of each continuous covariate: restricted cubic spline with 4 knots (rms::rcs), Wald test of the non-linear terms (rms::anova), hazard-ratio curve against the median."),
});

export const MATCH_METHODS = ["nearest", "optimal", "full"] as const;

export const matchingSchema = z.strictObject({
  method: z
    .enum(MATCH_METHODS)
    .default("nearest")
    .describe("nearest: greedy nearest neighbour (MatchIt's default); optimal: 1:ratio pairs of least total distance (most pairs within the caliper); full: optimal full matching, every patient with a partner within the caliper in a subclass (MatchIt method = \"full\"); needs no more controls than treated."),
  ratio: z.number().int().min(1).default(1),
  caliper: positive.nullable().default(0.2).describe("In SD of the distance; null for none."),
  distance: z.enum(["ps", "logit"]).default("logit"),
  replace: z.boolean().default(false),
  order: z
    .enum(MATCH_ORDERS)
    .default("random")
    .describe("Order in which greedy nearest-neighbour matching visits the treated: random (default; seeded by the study's seed), largest or smallest score first (largest is MatchIt's default: use it to reproduce MatchIt), or data order. Largest-first leaves a within-pair imbalance that biases the matched HR (docs/validation.md, \"Greedy matching order\"); optimal and full matching do not depend on it."),
  exact: z.array(name).optional().describe("Covariates to match on exactly."),
  minControls: z
    .number()
    .min(0)
    .max(1)
    .optional()
    .describe("Full matching: fewest controls per treated patient in a subclass (optmatch min.controls), 0 or 1/k: at most k treated share one control. Default 0."),
  maxControls: z
    .number()
    .int()
    .min(1)
    .optional()
    .describe("Full matching: most controls per treated patient in a subclass (optmatch max.controls). Default no limit."),
  estimand: z
    .enum(["ATT", "ATC", "ATE"])
    .optional()
    .describe("Full matching: the estimand of the subclass weights (MatchIt estimand). Default ATT."),
}).superRefine((m, ctx) => {
  if (m.method !== "full") {
    for (const k of ["minControls", "maxControls", "estimand"] as const) {
      if (m[k] !== undefined) ctx.addIssue({ code: "custom", path: [k], message: `${k} applies to full matching only; set method: full or remove it` });
    }
  }
  if (m.method !== "nearest" && m.replace) ctx.addIssue({ code: "custom", path: ["replace"], message: `${m.method} matching is without replacement` });
  if (m.method === "full" && m.ratio !== 1) ctx.addIssue({ code: "custom", path: ["ratio"], message: "full matching has no ratio; bound the subclasses with minControls / maxControls" });
});

export const weightingSchema = z
  .strictObject({
    estimand: z.enum(ESTIMANDS).default("ATE"),
    stabilize: z.boolean().default(false),
    trim: z.number().gt(0).lt(0.5).optional().describe("Drop patients with PS outside [trim, 1 - trim]."),
    truncate: z.number().gt(0.5).lt(1).optional().describe("Truncate weights at this percentile (e.g. 0.99)."),
  })
  .superRefine((w, ctx) => {
    if (w.stabilize && w.estimand === "ATO") {
      ctx.addIssue({ code: "custom", path: ["stabilize"], message: "overlap (ATO) weights are not stabilised; remove stabilize or choose another estimand" });
    }
  });

export const effectBootstrapSchema = z
  .strictObject({
    replicates: z.number().int().min(10).describe("Number of bootstrap replicates (e.g. 1000); each is seeded from the spec's seed and its index."),
    maxFailedShare: z.number().min(0).max(0.99).default(0.1).describe("Largest share of failed or diverged replicates (non-convergence, |log HR| > 10, a group emptied) with which an interval is still given; above it the estimate is 'not estimable by bootstrap'."),
  })
  .describe("Bootstrap CIs of the whole propensity pipeline (PS model, matching/weighting, Cox): resampling within treatment groups.");

export const BALANCE_BINARY = ["standardized", "raw"] as const;
export const BALANCE_DENOMINATORS = ["pooled", "treated", "control", "all"] as const;

export const balanceSchema = z
  .strictObject({
    binary: z
      .enum(BALANCE_BINARY)
      .default("standardized")
      .describe("Binary and categorical terms: standardized (p₁ − p₀)/σ with s² = p(1 − p), as Austin 2009, tableone and SAS PSMATCH; raw: the difference in proportions, cobalt's bal.tab default."),
    denominator: z
      .enum(BALANCE_DENOMINATORS)
      .default("pooled")
      .describe("SD in the SMD denominator, always of the unadjusted sample (complete cases of the propensity covariates) and the same before and after adjustment: pooled √((s₁² + s₀²)/2), treated s₁ (cobalt's default for ATT), control s₀, or all."),
    thresholds: z
      .strictObject({
        smd: positive.default(0.1).describe("Balanced when |SMD| < this."),
        varianceRatio: z.number().gt(1).nullable().default(2).describe("Balanced when 1/t < VR < t (continuous terms); null: not judged."),
        ks: z.number().gt(0).lt(1).nullable().default(null).describe("Balanced when KS < this; null (default): not judged."),
      })
      .default({ smd: 0.1, varianceRatio: 2, ks: null }),
  })
  .describe("How covariate balance is measured and judged (Table 1 SMDs, balance table, Love plot, verdict).");

export const propensitySchema = z.strictObject({
  covariates: z.array(name).optional().describe("Propensity model covariates; default: all covariates."),
  balance: balanceSchema.default({ binary: "standardized", denominator: "pooled", thresholds: { smd: 0.1, varianceRatio: 2, ks: null } }),
  matching: matchingSchema.optional(),
  weighting: weightingSchema.optional(),
  bootstrap: effectBootstrapSchema.optional().describe("Bootstrap CIs of the treatment effects; default none."),
});

export const sequentialMatchingSchema = z
  .strictObject({
    ratio: z.number().int().min(1).default(1).describe("Controls per newly treated patient."),
    caliper: positive.nullable().default(0.2).describe("In SD of the linear predictor of the time-to-treatment Cox model; null for none."),
  })
  .describe("Sequential (risk-set) matching, Lu 2005: each newly treated patient is matched to patients still at risk and not yet treated at that time.");

export const CCW_WEIGHTS = ["unstabilized", "stabilized"] as const;
export const CCW_CENSORING_MODELS = ["piecewise", "cox"] as const;

export const cloneCensorWeightSchema = z
  .strictObject({
    grace: positive
      .optional()
      .describe("Grace period in the endpoint's unit: 'treat' means treated within it; default: the 90th percentile of the times from origin to treatment, rounded up, and at least the landmark."),
    weights: z.enum(CCW_WEIGHTS).default("unstabilized").describe("Censoring weights 1/K(t|x), or stabilised K0(t)/K(t|x)."),
    censoringModel: z
      .enum(CCW_CENSORING_MODELS)
      .default("piecewise")
      .describe("Model of deviation per strategy: piecewise = logistic regression at the end of the grace period (treatment strategy) and a Cox model with coefficients per period (no-treatment strategy); cox = one Cox model per strategy (Maringe et al. 2020; the model before session 6)."),
    bootstrap: z.number().int().min(0).max(100000).default(200).describe("Bootstrap replicates (patients resampled, the whole pipeline refitted) for the CIs; 0 = none."),
  })
  .describe("Target-trial emulation by clone–censor–weight (Hernán 2016; Maringe et al. 2020): treat within the grace period vs do not.");

export const immortalTimeSchema = z.strictObject({
  covariates: z
    .array(name)
    .optional()
    .describe("Confounders of the adjusted designs (time-dependent Cox, landmark models and PS); default: the propensity covariates, else all covariates; [] = crude models only."),
  landmark: positive.optional().describe("Landmark time in the endpoint's unit; default: the median time from origin to treatment, rounded (at least 1)."),
  landmarks: z.array(positive).optional().describe("More landmark times for a sensitivity table of the adjusted landmark HR, e.g. [3, 6, 12]."),
  timeDependent: z.boolean().default(true).describe("Treatment as a time-dependent covariate (crude and adjusted Cox, Simon–Makuch curves)."),
  sequentialMatching: z
    .union([z.boolean(), sequentialMatchingSchema])
    .default(false)
    .describe("Sequential (risk-set) matching on the time of treatment (Lu 2005); true = ratio 1, caliper 0.2 SD."),
  cloneCensorWeight: z
    .union([z.boolean(), cloneCensorWeightSchema])
    .default(true)
    .describe("Clone–censor–weight (target-trial emulation) with a grace period; on by default, the default primary analysis; false = off."),
});

/** `immortalTime: false` switches the immortal-time analyses off (the report then says the naive comparisons are biased). */
export const immortalTimeSwitchSchema = z.union([z.literal(false), immortalTimeSchema]);

export const competingRisksSchema = z.strictObject({
  endpoint: endpointRef.describe("Endpoint whose `causes` say which event is which."),
  by: byField.optional(),
  times: z.array(positive).default([]).describe("Times (in the endpoint's unit) at which cumulative incidence is reported."),
  covariates: z
    .array(name)
    .default([])
    .describe("Covariates of the regression models per cause: cause-specific Cox (other causes censored) and Fine–Gray subdistribution hazards; none by default."),
});

export const CURE_MODELS = ["aic", "weibull", "lognormal", "loglogistic", "gengamma", "ph"] as const;

export const relativeSurvivalSchema = z.strictObject({
  lifeTable: z.string().min(1).describe("Life table file (CSV, TSV or XLSX; path relative to the spec): columns age (whole years), sex, year (calendar year, rates from 1 January) and rate (deaths per person-year) or q (probability of dying within the year); one row per age, sex and year (docs/data.md, \"Life tables\")."),
  age: columnName.describe("Age in years at the endpoint's origin (or at the date in ageAt)."),
  ageAt: columnName.optional().describe("Date column at which the age was recorded (e.g. the date of the primary diagnosis): age at the origin = age + (origin − ageAt) / 365.25 days. Default: the age is at the origin."),
  sex: columnName.describe("Sex column; its values must match the life table's sex values (case-insensitive)."),
  year: columnName.optional().describe("Calendar time at the origin: a date column, or a numeric calendar year (taken as 1 July of that year, said in the report). Default: the endpoint's origin date."),
  daysPerYear: z.number().gt(300).lt(400).default(365.25).describe("Days in a year of the life table's ages and rates: 365.25 (survival's survexp.us) or 365.241 (relsurv's tables)."),
  yearChange: z.enum(["calendar", "birthday"]).default("calendar").describe("When a patient moves to the next year of the table: on 1 January (calendar; relsurv's and most national tables) or on the birthday (as survival's US-style survexp.us)."),
});

export const cureSchema = z.strictObject({
  endpoint: endpointRef,
  model: z
    .enum(CURE_MODELS)
    .default("aic")
    .describe("Latency of the uncured: aic (default: the Weibull, log-normal, log-logistic or generalised gamma fit with the lowest AIC, said in the report), one of those four (maximum likelihood; gengamma as flexsurv's, Prentice's parameterisation with shape Q), or ph (semiparametric, EM as R smcure)."),
  cause: name.optional().describe("Fit the cure model to this cause of the endpoint (a name under the endpoint's causes; other causes censored: a cause-specific mixture cure model). Without it the model is of the endpoint's event from any cause, and the report says so."),
  by: byField.optional().describe("Cure fraction per group: the grouping joins the incidence and latency models as a factor."),
  incidence: z.array(name).default([]).describe("Covariates of the incidence (who is cured) logistic model."),
  latency: z.array(name).optional().describe("Covariates of the latency (survival of the uncured) model; default: those of the incidence model."),
  bootstrap: z.number().int().min(0).optional().describe("Bootstrap replicates for the SEs of the ph model (smcure's nboot); default 100. Refused with the parametric models, whose SEs come from the observed information."),
  bandReplicates: z.number().int().min(20).default(500).describe("Bootstrap resamples of the simultaneous band of the Kaplan–Meier estimate that the model curve is checked against (seeded by the study's seed)."),
  confLevel: z.number().gt(0).lt(1).default(0.95),
  population: z
    .enum(["all", "treated", "untreated"])
    .optional()
    .describe('Patients the cure model is fitted to: "all" (default: every patient of the endpoint from its origin), "treated" (the treated patients, followed from the date of treatment when treatment.date is given: who is cured among the operated) or "untreated".'),
  relative: relativeSurvivalSchema
    .optional()
    .describe("Relative-survival cure: background mortality from a population life table by age, sex and calendar year; the model is S(t) = S*(t)·[π + (1 − π) S_u(t)] and π the fraction with no excess mortality (cured of the disease, whatever the cause of death)."),
}).superRefine((c, ctx) => {
  // an option that would change nothing is refused, never ignored
  if (c.relative !== undefined && c.cause !== undefined) {
    ctx.addIssue({ code: "custom", path: ["relative"], message: "relative and cause are two answers to the same question (cure of the disease): give one; relative survival needs no cause of death" });
  }
  if (c.relative !== undefined && c.model === "ph") {
    ctx.addIssue({ code: "custom", path: ["relative"], message: 'the relative-survival cure model has a parametric latency: model aic, weibull, lognormal, loglogistic or gengamma, not "ph"' });
  }
  if ((c.population === "treated" || c.population === "untreated") && (c.by === "treatment" || c.incidence.includes("treatment") || (c.latency ?? []).includes("treatment"))) {
    ctx.addIssue({ code: "custom", path: ["population"], message: `population "${c.population}" keeps one treatment arm, so the treatment cannot also be a term or the grouping of the cure model: remove it from by, incidence and latency, or use population: all` });
  }
  if (c.model !== "ph" && c.bootstrap !== undefined) {
    ctx.addIssue({ code: "custom", path: ["bootstrap"], message: 'applies to model "ph" only: the parametric cure models\' standard errors come from the observed information; remove bootstrap or set model: ph' });
  }
});

export const predictionSchema = z.strictObject({
  endpoint: endpointRef,
  covariates: z.array(name).optional().describe("Pre-operative covariates of the Cox prediction model; default: all covariates."),
  time: positive.describe("Prediction horizon (endpoint's unit), e.g. 60 months: AUC(t), calibration, nomogram and calculator."),
  bootstrap: z.number().int().min(0).max(100000).default(200).describe("Bootstrap replicates for Harrell's optimism correction; 0 = none."),
  groups: z.number().int().min(2).max(20).default(5).describe("Risk groups of the calibration plot."),
  population: z
    .enum(["all", "treated", "untreated"])
    .optional()
    .describe('Patients the model is fitted to: "treated" (default with a treatment: the patients who face the decision; with a treatment date, survival is counted from it), "untreated" or "all".'),
  shrinkage: z
    .union([z.enum(["bootstrap", "none"]), z.number().gt(0).lte(1)])
    .default("bootstrap")
    .describe('Uniform shrinkage of the coefficients used by the nomogram and calculator: "bootstrap" (the optimism-corrected calibration slope, when below 1), "none", or a factor in (0, 1].'),
  minimumCStatistic: z
    .number()
    .min(0.5)
    .max(1)
    .optional()
    .describe("Lowest optimism-corrected Harrell's C and AUC at the horizon at which the report offers the calculator and nomogram (default 0.6); a model below it, or with fewer patients than the Riley minimum sample size, is shown as a development result only."),
});

export const RECURRENT_MODELS = ["ag", "pwp-total", "pwp-gap"] as const;

export const recurrentSchema = z.strictObject({
  endpoint: endpointRef.describe("Endpoint whose origin starts and whose end (event or censoring) stops the follow-up of the recurrent events."),
  events: z
    .array(columnName)
    .min(1)
    .describe("Columns with the date (dates endpoint) or time since the origin (time/status endpoint) of the 1st, 2nd, ... recurrent event; empty cell = no such event."),
  label: name.optional().describe('Name of the recurrent event for reports, e.g. "Pulmonary metastasectomy".'),
  by: byField.optional().describe("Mean cumulative number of events per group, and the grouping as a model covariate."),
  covariates: z.array(name).default([]).describe("Covariates of the recurrent-event Cox models."),
  models: z.array(z.enum(RECURRENT_MODELS)).min(1).default(["ag", "pwp-total", "pwp-gap"]).describe("Andersen–Gill, PWP total time, PWP gap time."),
  countIndexOperation: z
    .boolean()
    .default(false)
    .describe("When the first event column is the treatment's date (the index operation), count it as a recurrent event (true) or not (default false: only the operations after it are recurrences; the untreated then have none by construction, which the report says)."),
  population: z
    .enum(["all", "treated"])
    .optional()
    .describe('Patients and time origin: "all" (default: every patient of the endpoint from its origin) or "treated" (the treated patients from the date of treatment, the index operation: time 0 is the operation, and the events are the operations after it; needs treatment.date and an endpoint from dates).'),
}).superRefine((r, ctx) => {
  // an option that would change nothing is refused, never ignored
  if (r.population === "treated" && r.countIndexOperation) {
    ctx.addIssue({ code: "custom", path: ["countIndexOperation"], message: 'with population "treated" the index operation is the time origin (time 0), so it cannot also be counted as an event: remove countIndexOperation' });
  }
});

export const PROPENSITY_BELOW_FLOOR = ["warn", "refuse"] as const;

export const safeguardsSchema = z
  .strictObject({
    epvWarn: positive.default(10).describe("Warn when a regression has fewer events per parameter (EPV) than this (Peduzzi 1996)."),
    epvFloor: z.number().min(0).default(5).describe("Do not fit a regression with fewer events per parameter than this; its place says 'not estimated: k events for p parameters'. 0: never refuse."),
    propensityBelowFloor: z
      .enum(PROPENSITY_BELOW_FLOOR)
      .default("warn")
      .describe("The propensity model (events = the smaller treatment group) below epvFloor: warn (default; its coefficients are not interpreted and balance is checked afterwards) or refuse (no propensity analysis)."),
    minEvents: z
      .number()
      .int()
      .min(0)
      .default(10)
      .describe("A treatment hazard ratio from fewer events than this (for a matched-set-stratified Cox model: events in informative sets) is flagged 'only k events: imprecise', never the default primary analysis. 0: never flag."),
  })
  .superRefine((s, ctx) => {
    if (s.epvFloor > s.epvWarn) ctx.addIssue({ code: "custom", path: ["epvFloor"], message: `epvFloor (${s.epvFloor}) must not exceed epvWarn (${s.epvWarn})` });
  })
  .describe("Small-sample safeguards: events per parameter of every regression (src/study/epv.ts).");

export const analysesSchema = z.strictObject({
  primary: name
    .optional()
    .describe(
      'The primary treatment-effect analysis, by the id of a treatment-effect estimate (e.g. "weightedMEstimation", "weighted", "matched", "multivariable", "crude"); default: the first estimable of these, never one biased by design (immortal time).',
    ),
  safeguards: safeguardsSchema.optional(),
  table1: table1Schema.optional(),
  km: kmSchema.optional(),
  logrank: logrankSchema.optional(),
  rmst: rmstSchema.optional(),
  cox: coxSchema.optional(),
  propensity: propensitySchema.optional(),
  immortalTime: immortalTimeSwitchSchema
    .optional()
    .describe("On by default when some treated patients have a treatment date after the origin; false switches it off."),
  competingRisks: competingRisksSchema.optional(),
  cure: cureSchema.optional(),
  prediction: predictionSchema.optional(),
  recurrent: recurrentSchema.optional(),
  sensitivity: sensitivitySchema.optional(),
  adjustedCurves: adjustedCurvesSchema.optional(),
});

/** Missing covariates (docs/spec.md "missing"; src/study/mi-step.ts): complete cases, or multiple imputation (mice's defaults). */
export const missingSchema = z.strictObject({
  method: z.enum(["mi", "complete-case"]).default("complete-case").describe('"mi": also fit the multivariable Cox model and the propensity analyses (within each imputation) by multiple imputation (chained equations, Rubin\'s rules); "complete-case": drop patients with a missing covariate.'),
  m: z.number().int().min(2).max(500).default(20).describe("Number of imputations (default 20)."),
  iterations: z.number().int().min(1).max(200).default(10).describe("Iterations of the chained equations per imputation (default 10)."),
  seed: z.number().int().min(0).max(2 ** 31 - 1).optional().describe("Seed of the imputations (default: the spec's seed)."),
  auxiliary: z.array(columnName).default([]).describe("Further columns that predict the missing values but are not in the model."),
  primary: z
    .enum(["complete-case", "mi"])
    .default("complete-case")
    .describe('Which analysis is primary: "complete-case" (default) or "mi" (the multiple-imputation estimates, the propensity analyses by the within approach); the other is reported as a sensitivity analysis.'),
});

export const figuresSchema = z
  .strictObject({
    ciBands: z.boolean().default(false).describe("Shade the pointwise 95% confidence bands of Kaplan–Meier curves."),
    minAtRisk: z.number().int().min(0).default(5).describe("End each curve where fewer than this many patients remain at risk (said in the caption); 0 draws to the last observation."),
    xMax: positive.optional().describe("End of the time axis, in the endpoint's unit (default: the last time drawn)."),
    breakBy: positive.optional().describe("A time-axis tick every this many units (e.g. 12 for months)."),
    legendTitle: z.string().optional().describe("Title above the legend of the curves by treatment (default: none)."),
    cumulativeEvents: z.boolean().default(false).describe("A cumulative-events table under the numbers at risk of the Kaplan–Meier figures (as survminer's cumevents = TRUE)."),
    size: z.enum(["single", "double"]).optional().describe("Width of the Kaplan–Meier and cumulative incidence figures: single journal column (85 mm) or double (175 mm, default)."),
    dpi: z.union([z.literal(300), z.literal(600)]).optional().describe("Resolution of the PNG and TIFF figures, dots per inch (journals ask for 300 or 600); the CLI's --dpi, when given, wins. Default 300."),
    format: z
      .array(z.enum(["svg", "png", "tiff"]))
      .min(1)
      .optional()
      .describe("Figure files to write under figures/: svg, png and/or tiff (LZW-compressed RGB, as journals accept). Default [svg, png]."),
  })
  .describe("Options of the report's figures (docs/spec.md, \"Figures\").");

export const levelLabelsSchema = z
  .record(name, z.record(z.string(), name))
  .describe('Display labels of the levels of a column, by column, e.g. { surgery: { "no": "No metastasectomy", "yes": "Metastasectomy" } }; used in the figures\' legends and numbers-at-risk tables and in every table that shows a level (Table 1, Cox, survival, RMST, competing risks, flow).');

export const outputSchema = z
  .strictObject({
    excel: z.boolean().default(false).describe('CSV tables for Excel in a decimal-comma locale: ";" between fields and decimal commas (the CLI option --excel does the same).'),
    bom: z.boolean().default(true).describe("Start CSV tables with a UTF-8 byte-order mark, so Excel on Windows shows \"–\", \"Σ\" and \"χ²\" (default true)."),
  })
  .describe("How the report's files are written.");

export const studySpecSchema = z
  .strictObject({
    $schema: z.string().optional().describe("JSON Schema reference for editors; ignored."),
    title: name,
    data: dataSchema,
    endpoints: z.record(name, endpointSchema).refine((e) => Object.keys(e).length > 0, "define at least one endpoint"),
    treatment: treatmentSchema.optional(),
    covariates: z.array(covariateSchema).default([]),
    analyses: analysesSchema.default({}),
    missing: missingSchema.optional().describe("Missing covariates: complete cases (default) or multiple imputation."),
    figures: figuresSchema.optional(),
    labels: levelLabelsSchema.optional(),
    output: outputSchema.optional(),
    language: z
      .enum(LANGUAGES)
      .optional()
      .describe('Language of the report, summary.txt and tables: "en" (default), "de" (German, decimal comma) or "ja" (Japanese); results.json is the same in every language. The CLI option --language overrides it.'),
    seed: z.number().int().min(0).max(2 ** 31 - 1).default(1).describe("Seed for every random step (random order, bootstrap)."),
  })
  .describe("survinfer study spec: see docs/spec.md");

export type StudySpec = z.infer<typeof studySpecSchema>;
export type StudySpecInput = z.input<typeof studySpecSchema>;
export type DataSpec = z.infer<typeof dataSchema>;
export type EndpointSpec = z.infer<typeof endpointSchema>;
export type DatesEndpointSpec = z.infer<typeof datesEndpointSchema>;
export type ColumnsEndpointSpec = z.infer<typeof columnsEndpointSchema>;
export type ContactEndpointSpec = z.infer<typeof contactEndpointSchema>;
export type TreatmentCheckSpec = z.infer<typeof treatmentCheckSchema>;
export type TreatmentSpec = z.infer<typeof treatmentSchema>;
export type CovariateSpec = z.infer<typeof covariateSchema>;
export type CovariateObjectSpec = z.infer<typeof covariateObjectSchema>;
export type CutoffSpec = z.infer<typeof cutoffSchema>;
export type AnalysesSpec = z.infer<typeof analysesSchema>;
export type Table1Spec = z.infer<typeof table1Schema>;
export type OutputSpec = z.infer<typeof outputSchema>;
export type FiguresSpec = z.infer<typeof figuresSchema>;
export type KmSpec = z.infer<typeof kmSchema>;
export type LogrankSpec = z.infer<typeof logrankSchema>;
export type RmstSpec = z.infer<typeof rmstSchema>;
export type CoxSpec = z.infer<typeof coxSchema>;
export type PropensitySpec = z.infer<typeof propensitySchema>;
export type BalanceSpec = z.infer<typeof balanceSchema>;
export type MatchingSpec = z.infer<typeof matchingSchema>;
export type WeightingSpec = z.infer<typeof weightingSchema>;
export type EffectBootstrapSpec = z.infer<typeof effectBootstrapSchema>;
export type ImmortalTimeSpec = z.infer<typeof immortalTimeSchema>;
export type SequentialMatchingSpec = z.infer<typeof sequentialMatchingSchema>;
export type CloneCensorWeightSpec = z.infer<typeof cloneCensorWeightSchema>;
export type CausesSpec = z.infer<typeof causesSchema>;
export type CompetingRisksSpec = z.infer<typeof competingRisksSchema>;
export type CureSpec = z.infer<typeof cureSchema>;
export type RelativeSurvivalSpec = z.infer<typeof relativeSurvivalSchema>;
export type PredictionSpec = z.infer<typeof predictionSchema>;
export type RecurrentSpec = z.infer<typeof recurrentSchema>;
export type SafeguardsSpec = z.infer<typeof safeguardsSchema>;

/** True when the endpoint is derived from dates (origin/event/censor). */
export function isDatesEndpoint(e: EndpointSpec): e is DatesEndpointSpec {
  return "origin" in e && "censor" in e;
}

/** True when the endpoint is derived from the date of last contact and a status column. */
export function isContactEndpoint(e: EndpointSpec): e is ContactEndpointSpec {
  return "lastContact" in e;
}

/** The origin date column of an endpoint measured from dates (either dated form), else undefined. */
export function endpointOrigin(e: EndpointSpec): string | undefined {
  return "origin" in e ? e.origin : undefined;
}

/** The words for an endpoint's time zero (`originLabel`, else its origin column), else undefined when it has no dated origin. */
export function endpointOriginLabel(e: EndpointSpec): string | undefined {
  return "origin" in e ? (e.originLabel ?? e.origin) : undefined;
}

/** A covariate in object form (a bare name becomes { name }). */
export function covariateObject(c: CovariateSpec): CovariateObjectSpec {
  return typeof c === "string" ? { name: c } : c;
}
