# Immortal-time analyses of the bundled example (examples/lms-metastasectomy): naive Cox with treatment
# fixed at the origin, treatment as a time-dependent covariate via survival::tmerge (tdc), the
# Simon-Makuch Kaplan-Meier on the same (tstart, tstop] intervals, and a landmark analysis at 6 months.
args <- commandArgs(trailingOnly = FALSE); here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)]))); source(file.path(here, "common.R"))
suppressPackageStartupMessages(library(survival))
d <- read.csv(file.path(oracle_root(), "examples", "lms-metastasectomy", "cohort.csv"), na.strings = c("", "NA"))
dt <- function(x) as.numeric(as.Date(x, format = "%d.%m.%Y"))
u <- 30.4375
end <- ifelse(is.na(d$date_death), dt(d$date_last_followup), dt(d$date_death))
d$time <- (end - dt(d$date_lung_met)) / u
d$status <- as.integer(!is.na(d$date_death))
d$treated <- as.integer(d$metastasectomy == "yes")
d$t_pm <- ifelse(d$treated == 1, pmax((dt(d$date_pm) - dt(d$date_lung_met)) / u, 0), NA)

naive <- coxph(Surv(time, status) ~ treated, data = d)

base <- tmerge(d[, c("patient_id", "treated")], d, id = patient_id, death = event(time, status))
# tdc at time 0 makes the patient treated from the start, as survinfer does for t_pm = 0
td <- tmerge(base, d, id = patient_id, pm = tdc(t_pm))
td$pm[is.na(td$pm)] <- 0
tdfit <- coxph(Surv(tstart, tstop, death) ~ pm, data = td)
sm <- survfit(Surv(tstart, tstop, death) ~ pm, data = td)
sms <- summary(sm, times = c(12, 36, 60))

L <- 6
lm <- d[d$time > L, ]
lm$group <- as.integer(lm$treated == 1 & lm$t_pm <= L)
lm$t <- lm$time - L
lmfit <- coxph(Surv(t, status) ~ group, data = lm)
lmkm <- summary(survfit(Surv(t, status) ~ group, data = lm), times = c(12, 36, 60))

write_fixture("immortal-time", "lms-metastasectomy",
  call = "coxph(Surv(time, status) ~ treated); tmerge(..., tdc(t_pm)) + coxph(Surv(tstart, tstop, death) ~ pm); survfit(Surv(tstart, tstop, death) ~ pm); landmark at 6 months",
  input = list(file = "examples/lms-metastasectomy/cohort.csv", landmark = L),
  expected = list(
    naive = list(coef = unname(coef(naive)), se = unname(sqrt(diag(naive$var)))),
    time_dependent = list(coef = unname(coef(tdfit)), se = unname(sqrt(diag(tdfit$var))), n_intervals = nrow(td), loglik = tdfit$loglik),
    simon_makuch = list(strata = as.character(sms$strata), time = sms$time, surv = sms$surv, n_risk = sms$n.risk, lower = sms$lower, upper = sms$upper),
    landmark = list(n = nrow(lm), coef = unname(coef(lmfit)), se = unname(sqrt(diag(lmfit$var))), surv = lmkm$surv, strata = as.character(lmkm$strata), time = lmkm$time)
  ))
