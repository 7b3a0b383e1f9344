# Key figures of the bundled example study (examples/lms-metastasectomy), computed in R from the CSV,
# for the end-to-end test of `survinfer run`: overall survival from the dates (months of 30.4375 days),
# Kaplan-Meier by treatment at 12/36/60 months, the log-rank test, the propensity model (glm) and the
# stabilised ATE weights with the weighted Kaplan-Meier (survfit's default robust SE for such weights).
args <- commandArgs(trailingOnly = FALSE); here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)]))); source(file.path(here, "common.R"))
suppressPackageStartupMessages(library(survival))
d <- example_os_cohort()
d$treat <- as.integer(d$metastasectomy == "yes")
d$sex <- relevel(factor(d$sex), ref = "female")
d$timing <- relevel(factor(d$timing), ref = "metachronous")
d$grade <- relevel(factor(d$grade), ref = "1")

km <- survfit(Surv(time, status) ~ treat, data = d)
s <- summary(km, times = c(12, 36, 60))
lr <- survdiff(Surv(time, status) ~ treat, data = d)

cc <- d[complete.cases(d[, c("age_primary", "sex", "primary_size_mm", "n_lung_mets", "timing", "grade")]), ]
ps_fit <- glm(treat ~ age_primary + sex + primary_size_mm + n_lung_mets + timing + grade, family = binomial, data = cc)
ps <- fitted(ps_fit)
w <- ifelse(cc$treat == 1, mean(cc$treat) / ps, (1 - mean(cc$treat)) / (1 - ps))
wkm <- survfit(Surv(time, status) ~ treat, data = cc, weights = w)
ws <- summary(wkm, times = c(12, 36, 60))

write_fixture("example", "lms-metastasectomy",
  call = paste("survfit(Surv(time, status) ~ treat); survdiff(...);",
               "glm(treat ~ age_primary + sex + primary_size_mm + n_lung_mets + timing + grade, binomial);",
               "survfit(..., weights = stabilised ATE weights)"),
  input = list(file = "examples/lms-metastasectomy/cohort.csv"),
  expected = list(
    time = d$time, status = d$status,
    km = list(strata = as.character(s$strata), time = s$time, surv = s$surv, lower = s$lower, upper = s$upper, n_risk = s$n.risk),
    logrank = list(chisq = lr$chisq, observed = as.numeric(lr$obs), expected = as.numeric(lr$exp)),
    ps = list(patient_id = cc$patient_id, ps = unname(ps), coef = unname(coef(ps_fit)), names = names(coef(ps_fit))),
    weights = unname(w),
    weighted_km = list(strata = as.character(ws$strata), time = ws$time, surv = ws$surv, std_err = ws$std.err, lower = ws$lower, upper = ws$upper)
  ))
