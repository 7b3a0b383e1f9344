# Bootstrap optimism correction of the smoothed calibration (ICI, E50, E90) and of the decision curve's net benefit
# (src/survival/validation/decision-optimism.ts), in base R + survival + rms, over resamples drawn here with
# set.seed() and exported in the fixture:
#   for each resample: fitB <- coxph(formula, d[idx, ]); S(t | x) from survfit(fitB, newdata) on the resample
#   ("training") and on the original data ("test") -- with shrinkage s < 1 through
#   coxph(Surv ~ lp_s, init = 1, iter.max = 0), lp_s = s * lp (as tools/oracle/prediction-decision.R);
#   smoothed calibration (Austin, Harrell & van Klaveren 2020): cll = log(-log S), knots quantile(cll, .1/.5/.9),
#   coxph(Surv ~ rms::rcs(cll, knots)), ICI = mean |pred - obs|, E50, E90 (type 7);
#   net benefit (Vickers et al. 2008): (1 - KM+(t)) P+ - KM+(t) P+ pt / (1 - pt);
#   optimism = mean(training - test); corrected = apparent - optimism.
# Writes test/fixtures/r/decision-optimism/<case>.json.
args <- commandArgs(trailingOnly = FALSE); here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)]))); source(file.path(here, "common.R"))
suppressPackageStartupMessages({ library(survival); library(rms) })

surv_at <- function(sf, t) drop(summary(sf, times = t, extend = TRUE)$surv)

km_at <- function(time, status, t) {
  f <- survfit(Surv(time, status) ~ 1)
  tt <- c(0, f$time); ss <- c(1, f$surv)
  ss[max(which(tt <= t))]
}

# S(t | x) of `newd` (its model matrix Xnew) under the model fitted to `fd`, shrunk by s (baseline re-estimated)
predict_s <- function(fit, fd, Xfit, Xnew, newd, s, t) {
  b <- coef(fit)
  if (s == 1) return(surv_at(survfit(fit, newdata = newd), t))
  fd$lp_s <- s * drop(Xfit %*% b)
  fit0 <- coxph(Surv(time, status) ~ lp_s, data = fd, ties = "efron", model = TRUE, init = 1, control = coxph.control(iter.max = 0))
  surv_at(survfit(fit0, newdata = data.frame(lp_s = s * drop(Xnew %*% b))), t)
}

smoothed <- function(time, status, S, t) {
  cll <- log(-log(S))
  knots <- unname(quantile(cll, c(0.1, 0.5, 0.9)))
  if (!(knots[1] < knots[2] && knots[2] < knots[3])) return(NULL)
  cd <- data.frame(time = time, status = status, cll = cll)
  cal <- coxph(Surv(time, status) ~ rcs(cll, knots), data = cd, ties = "efron", model = TRUE)
  diff <- abs((1 - S) - (1 - surv_at(survfit(cal, newdata = cd), t)))
  c(ici = mean(diff), e50 = unname(quantile(diff, 0.5)), e90 = unname(quantile(diff, 0.9)))
}

net_benefit <- function(time, status, risk, t, thresholds) sapply(thresholds, function(pt) {
  pos <- risk >= pt
  if (!any(pos)) return(0)
  e <- 1 - km_at(time[pos], status[pos], t)
  e * mean(pos) - (1 - e) * mean(pos) * pt / (1 - pt)
})

run_case <- function(name, d, formula, horizon, s, thresholds, B, seed) {
  rownames(d) <- NULL
  fit <- coxph(formula, data = d, ties = "efron", model = TRUE, x = TRUE)
  X <- model.matrix(fit)
  S <- predict_s(fit, d, X, X, d, s, horizon)
  app_cal <- smoothed(d$time, d$status, S, horizon)
  app_nb <- net_benefit(d$time, d$status, 1 - S, horizon, thresholds)
  set.seed(seed)
  n <- nrow(d)
  resamples <- lapply(seq_len(B), function(b) sample.int(n, n, replace = TRUE))
  cal_tr <- cal_te <- NULL; nb_tr <- nb_te <- NULL
  for (idx in resamples) {
    db <- d[idx, ]
    rownames(db) <- NULL
    if (sum(db$status) == 0) next
    fb <- coxph(formula, data = db, ties = "efron", model = TRUE, x = TRUE)
    Xb <- model.matrix(fb)
    Str <- predict_s(fb, db, Xb, Xb, db, s, horizon)
    Ste <- predict_s(fb, db, Xb, X, d, s, horizon)
    nb_tr <- rbind(nb_tr, net_benefit(db$time, db$status, 1 - Str, horizon, thresholds))
    nb_te <- rbind(nb_te, net_benefit(d$time, d$status, 1 - Ste, horizon, thresholds))
    ctr <- smoothed(db$time, db$status, Str, horizon)
    cte <- smoothed(d$time, d$status, Ste, horizon)
    if (!is.null(ctr) && !is.null(cte)) { cal_tr <- rbind(cal_tr, ctr); cal_te <- rbind(cal_te, cte) }
  }
  opt_cal <- colMeans(cal_tr) - colMeans(cal_te)
  opt_nb <- colMeans(nb_tr) - colMeans(nb_te)
  write_fixture("decision-optimism", name,
    call = paste0("coxph(", deparse(formula), "); shrinkage s = ", s, "; bootstrap optimism of smoothed calibration and net benefit at t = ", horizon, " over ", B, " resamples (set.seed(", seed, "); sample.int(n, n, replace = TRUE))"),
    input = list(time = d$time, status = d$status, x = unname(lapply(seq_len(ncol(X)), function(j) X[, j])), columns = colnames(X),
                 horizon = horizon, shrinkage = s, thresholds = thresholds, resamples = lapply(resamples, function(r) I(r - 1L))),
    expected = list(apparent = list(ici = unname(app_cal["ici"]), e50 = unname(app_cal["e50"]), e90 = unname(app_cal["e90"]), netBenefit = app_nb),
                    nCalibration = nrow(cal_tr), nNetBenefit = nrow(nb_tr),
                    training = list(ici = unname(colMeans(cal_tr)["ici"]), e50 = unname(colMeans(cal_tr)["e50"]), e90 = unname(colMeans(cal_tr)["e90"]), netBenefit = unname(colMeans(nb_tr))),
                    test = list(ici = unname(colMeans(cal_te)["ici"]), e50 = unname(colMeans(cal_te)["e50"]), e90 = unname(colMeans(cal_te)["e90"]), netBenefit = unname(colMeans(nb_te))),
                    corrected = list(ici = unname(app_cal["ici"] - opt_cal["ici"]), e50 = unname(app_cal["e50"] - opt_cal["e50"]), e90 = unname(app_cal["e90"] - opt_cal["e90"]), netBenefit = unname(app_nb - opt_nb))),
    packages = c("survival", "rms"))
}

lung <- survival::lung
lung <- lung[complete.cases(lung[, c("time", "status", "age", "sex", "ph.ecog")]), ]
lung$status <- as.integer(lung$status == 2)
run_case("lung-age-sex-ecog", lung, Surv(time, status) ~ age + sex + ph.ecog, 365, 1, seq(0.1, 0.9, by = 0.1), 25, 17)

ex <- example_os_cohort()
ex <- ex[complete.cases(ex[, c("time", "status", "age_primary", "primary_size_mm")]), ]
run_case("example-age-size-shrunk", ex, Surv(time, status) ~ age_primary + primary_size_mm, 60, 0.9, seq(0.1, 0.9, by = 0.1), 25, 3)
cat("decision-optimism fixtures written\n")
