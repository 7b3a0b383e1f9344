# A prediction model put to use (src/survival/validation/decision.ts), in base R + survival + rms:
#   shrinkage:  coxph(Surv(time, status) ~ lp_s, init = 1, iter.max = 0) with lp_s = s * lp (the coefficient held at 1; survfit on an
#     offset-only coxph recycles its risk vector wrongly in survival 3.5-3) and survfit(fit0, newdata) at the horizon, s given;
#   smoothed calibration (Austin, Harrell & van Klaveren 2020): cll = log(-log S(t | x)), knots at the 10/50/90%
#     quantiles of cll, coxph(Surv(time, status) ~ rms::rcs(cll, knots)), observed risk = 1 - survfit(cal, newdata) at t,
#     ICI = mean |pred - obs|, E50, E90 = quantile(type 7), Emax;
#   decision curve (Vickers et al. 2008, as dcurves::dca for Surv outcomes): NB = (1 - KM+(t)) P+ - KM+(t) P+ pt/(1 - pt).
# Writes test/fixtures/r/prediction-decision/<case>.json.
args <- commandArgs(trailingOnly = FALSE); here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)]))); source(file.path(here, "common.R"))
suppressPackageStartupMessages({ library(survival); library(rms) })

surv_at <- function(sf, t) drop(summary(sf, times = t, extend = TRUE)$surv)

km_at <- function(time, status, t) {
  if (length(time) == 0) return(NA_real_)
  f <- survfit(Surv(time, status) ~ 1)
  tt <- c(0, f$time); ss <- c(1, f$surv)
  ss[max(which(tt <= t))]
}

run_case <- function(name, d, formula, horizon, s, thresholds) {
  fit <- coxph(formula, data = d, ties = "efron", model = TRUE, x = TRUE)
  X <- model.matrix(fit)
  lp <- drop(X %*% coef(fit))
  S <- surv_at(survfit(fit, newdata = d), horizon)
  # shrinkage
  d$lp_s <- s * lp
  fit0 <- coxph(Surv(time, status) ~ lp_s, data = d, ties = "efron", model = TRUE, init = 1, control = coxph.control(iter.max = 0))  # coefficient fixed at 1
  centre_s <- s * sum(coef(fit) * fit$means)
  base_s <- surv_at(survfit(fit0, newdata = data.frame(lp_s = centre_s)), horizon)
  S_shrunk <- surv_at(survfit(fit0, newdata = d), horizon)
  # smoothed calibration
  cll <- log(-log(S))
  knots <- unname(quantile(cll, c(0.1, 0.5, 0.9)))
  cd <- data.frame(time = d$time, status = d$status, cll = cll)
  cal <- coxph(Surv(time, status) ~ rcs(cll, knots), data = cd, ties = "efron", model = TRUE)
  obs <- 1 - surv_at(survfit(cal, newdata = cd), horizon)
  pred <- 1 - S
  diff <- abs(pred - obs)
  # decision curve
  risk <- 1 - S
  all <- 1 - km_at(d$time, d$status, horizon)
  nb <- sapply(thresholds, function(pt) {
    pos <- risk >= pt
    if (!any(pos)) return(0)
    e <- 1 - km_at(d$time[pos], d$status[pos], horizon)
    e * mean(pos) - (1 - e) * mean(pos) * pt / (1 - pt)
  })
  nb_all <- sapply(thresholds, function(pt) all - (1 - all) * pt / (1 - pt))
  write_fixture("prediction-decision", name,
    call = paste0("coxph(", deparse(formula), "); shrinkage s = ", s, "; smoothed calibration and decision curve at t = ", horizon),
    input = list(time = d$time, status = d$status, x = unname(lapply(seq_len(ncol(X)), function(j) X[, j])), columns = colnames(X),
                 horizon = horizon, shrinkage = s, thresholds = thresholds),
    expected = list(coef = unname(coef(fit)), survival = S,
                    shrunk = list(coef = unname(s * coef(fit)), baselineSurv = base_s, centre = centre_s, survival = S_shrunk),
                    calibration = list(knots = knots, calCoef = unname(coef(cal)), observed = obs, ici = mean(diff),
                                       e50 = unname(quantile(diff, 0.5)), e90 = unname(quantile(diff, 0.9)), emax = max(diff)),
                    decision = list(risk = all, netBenefitModel = nb, netBenefitAll = nb_all, positive = sapply(thresholds, function(pt) mean(risk >= pt)))),
    packages = c("survival", "rms"))
}

lung <- survival::lung
lung <- lung[complete.cases(lung[, c("time", "status", "age", "sex", "ph.ecog")]), ]
lung$status <- as.integer(lung$status == 2)
run_case("lung-age-sex-ecog", lung, Surv(time, status) ~ age + sex + ph.ecog, 365, 0.85, seq(0.05, 0.95, by = 0.05))

pbc <- survival::pbc[1:312, ]
pbc$status <- as.integer(pbc$status == 2)
pbc <- pbc[complete.cases(pbc[, c("time", "status", "age", "bili", "albumin", "edema")]), ]
pbc$logbili <- log(pbc$bili)
run_case("pbc-age-logbili-albumin-edema", pbc, Surv(time, status) ~ age + logbili + albumin + edema, 1825, 0.77, c(0.01, seq(0.1, 0.9, by = 0.1), 0.99))

ex <- example_os_cohort()
ex <- ex[complete.cases(ex[, c("time", "status", "age_primary", "primary_size_mm")]), ]
run_case("example-age-size", ex, Surv(time, status) ~ age_primary + primary_size_mm, 60, 0.9, seq(0.1, 0.9, by = 0.1))
cat("prediction-decision fixtures written\n")
