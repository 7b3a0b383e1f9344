# Validation of a Cox prediction model: Harrell's and Uno's C (survival::concordance), time-dependent
# AUC (the cumulative/dynamic IPCW estimator of Uno et al. 2007 / Hung & Chiang 2010 as timeROC computes
# it with weighting = "marginal", written in base R because timeROC is not packaged for Debian),
# calibration at t by risk group (predicted survfit(fit, newdata) vs Kaplan-Meier), the calibration
# slope, and Harrell's bootstrap optimism correction as a base-R loop over exported resample indices
# (rms::validate is run too, with its own RNG, and recorded for a loose comparison only).
args <- commandArgs(trailingOnly = FALSE); here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)]))); source(file.path(here, "common.R"))
suppressPackageStartupMessages({ library(survival); have_rms <- requireNamespace("rms", quietly = TRUE) })

# timeROC(T, delta, marker, cause = 1, weighting = "marginal", times = t)$AUC in base R:
# cases T <= t & delta = 1 weighted 1/G(T-), controls T > t; G = KM of the censoring times; ties in marker 1/2.
auc_uno <- function(time, status, marker, t) {
  G <- survfit(Surv(time, 1 - status) ~ 1)
  g_minus <- function(u) { k <- sum(G$time < u); if (k == 0) 1 else G$surv[k] }
  cases <- which(time <= t & status == 1)
  controls <- which(time > t)
  if (length(cases) == 0 || length(controls) == 0) return(NA_real_)
  wi <- 1 / vapply(time[cases], g_minus, 0)
  hits <- vapply(cases, function(i) sum(marker[controls] < marker[i]) + 0.5 * sum(marker[controls] == marker[i]), 0)
  sum(wi * hits) / (sum(wi) * length(controls))
}

conc <- function(time, status, lp, timewt = "n", ymax = NULL) {
  cf <- if (is.null(ymax)) concordance(Surv(time, status) ~ lp, reverse = TRUE, timewt = timewt)
        else concordance(Surv(time, status) ~ lp, reverse = TRUE, timewt = timewt, ymax = ymax)
  list(value = unname(cf$concordance), se = sqrt(unname(cf$var)), counts = as.list(cf$count))
}

groups_of <- function(lp, G) floor(G * (rank(lp, ties.method = "min") - 1) / length(lp)) + 1

validation_case <- function(name, df, formula, covars, t, tau, B, call_note, note, split) {
  fit <- coxph(formula, data = df, x = TRUE)
  X <- fit$x
  lp <- drop(X %*% coef(fit))
  time <- df$time; status <- df$status
  # predicted survival at t per row and calibration in 5 risk groups
  pred <- drop(summary(survfit(fit, newdata = df), times = t)$surv)
  grp <- groups_of(lp, 5)
  km <- summary(survfit(Surv(time, status) ~ grp), times = t, extend = FALSE)
  kmg <- as.integer(sub("grp=", "", as.character(km$strata)))
  cal <- lapply(sort(unique(grp)), function(k) {
    j <- match(k, kmg)
    list(group = k, n = sum(grp == k), events = sum(status[grp == k]), predicted = mean(pred[grp == k]),
         observed = if (is.na(j)) NA else km$surv[j], stdErr = if (is.na(j)) NA else km$std.err[j],
         lower = if (is.na(j)) NA else km$lower[j], upper = if (is.na(j)) NA else km$upper[j])
  })
  # calibration slope in a split: fit on the rows in `split`, slope of its lp on the others
  fit_a <- coxph(formula, data = df[split, ])
  lp_b <- drop(X[-split, , drop = FALSE] %*% coef(fit_a))
  sl <- coxph(Surv(time, status) ~ lp_b, data = df[-split, ])
  # bootstrap optimism over exported resamples
  set.seed(20261128)
  n <- nrow(df)
  idx <- lapply(seq_len(B), function(b) sample.int(n, n, replace = TRUE))
  # calibration intercept: the Poisson intercept with offset log(expected), expected = predict(type = "expected",
  # newdata); its MLE is log(sum(status) / sum(expected)) (closed form used in the loop, where a row can have
  # expected = 0 before the bootstrap model's first death and glm() refuses log(0); checked against glm() below)
  cal_int <- function(fitm, rows) {
    e <- predict(fitm, newdata = rows, type = "expected")
    log(sum(rows$status) / sum(e))
  }
  e_app <- predict(fit, newdata = df, type = "expected")
  glm_int <- unname(coef(glm(df$status ~ offset(log(e_app)), family = poisson))[1])
  stopifnot(abs(glm_int - cal_int(fit, df)) < 1e-8)
  ind <- function(time, status, lp, slope, intercept) c(harrellC = conc(time, status, lp)$value,
    unoC = conc(time, status, lp, "n/G2", tau)$value, auc = auc_uno(time, status, lp, t), slope = slope, intercept = intercept)
  app <- ind(time, status, lp, 1, cal_int(fit, df))
  reps <- t(vapply(idx, function(ii) {
    dfb <- df[ii, ]
    fb <- coxph(formula, data = dfb, x = TRUE)
    beta <- coef(fb); beta[is.na(beta)] <- 0
    lpt <- drop(X[ii, , drop = FALSE] %*% beta)
    lpo <- drop(X %*% beta)
    s_test <- unname(coef(coxph(Surv(time, status) ~ lpo))[1])
    c(ind(time[ii], status[ii], lpt, 1, cal_int(fb, dfb)), ind(time, status, lpo, s_test, cal_int(fb, df)))
  }, numeric(10)))
  train <- colMeans(reps[, 1:5]); test <- colMeans(reps[, 6:10])
  names(train) <- names(test) <- names(app)
  optimism <- train - test
  rms_loose <- NULL
  if (have_rms) {
    suppressPackageStartupMessages(library(rms))
    assign("dd_validation", datadist(df), envir = globalenv()); options(datadist = "dd_validation")
    f <- cph(formula, data = df, x = TRUE, y = TRUE, surv = TRUE)
    set.seed(1)
    v <- validate(f, B = 200)
    rms_loose <- list(B = 200, seed = 1, dxyCorrected = v["Dxy", "index.corrected"], cCorrected = 0.5 + v["Dxy", "index.corrected"] / 2,
                      dxyApparent = v["Dxy", "index.orig"], slopeCorrected = v["Slope", "index.corrected"], slopeOptimism = v["Slope", "optimism"])
  }
  write_fixture("validation", name,
    call = paste0("fit <- coxph(", deparse(formula), "); concordance(fit); concordance(fit, timewt = 'n/G2', ymax = ", tau,
                  "); base-R timeROC marginal AUC at ", t, "; summary(survfit(fit, newdata), times = ", t,
                  ") by 5 risk groups vs survfit(Surv(time, status) ~ grp); coef(coxph(Surv(time, status) ~ lp)); bootstrap optimism loop (", call_note, ")"),
    input = list(time = time, status = status, columns = colnames(X), x = unname(as.list(as.data.frame(X))), t = t, tau = tau,
                 split = split - 1L, resamples = lapply(idx, function(ii) ii - 1L)),
    expected = list(
      coef = unname(coef(fit)), lp = unname(fit$linear.predictors), means = unname(fit$means),
      harrell = conc(time, status, lp), harrellFit = list(value = unname(concordance(fit)$concordance), se = sqrt(unname(concordance(fit)$var))),
      uno = conc(time, status, lp, "n/G2", tau), unoAll = conc(time, status, lp, "n/G2"),
      harrellTau = conc(time, status, lp, "n", tau),
      auc = auc_uno(time, status, lp, t), predicted = unname(pred), calibration = cal,
      expected = unname(predict(fit, newdata = df, type = "expected")), calibrationIntercept = unname(app["intercept"]),
      splitSlope = list(slope = unname(coef(sl)), se = unname(sqrt(diag(vcov(sl))))),
      optimism = list(apparent = as.list(app), training = as.list(train), test = as.list(test), optimism = as.list(optimism), corrected = as.list(app - optimism)),
      rmsLoose = rms_loose),
    packages = if (have_rms) c("survival", "rms") else "survival", note = note)
}

# 1. lung: age + sex + ph.ecog, complete cases, t = 365 days, tau = 730
data(cancer, package = "survival")
lung2 <- lung[complete.cases(lung[, c("time", "status", "age", "sex", "ph.ecog")]), c("time", "status", "age", "sex", "ph.ecog")]
lung2$status <- lung2$status - 1L
rownames(lung2) <- NULL
validation_case("lung", lung2, Surv(time, status) ~ age + sex + ph.ecog, c("age", "sex", "ph.ecog"), t = 365, tau = 730, B = 40,
  call_note = "40 resamples", note = "survival::lung, rows with missing ph.ecog dropped (n = 227), status recoded 0/1; split = odd rows",
  split = seq(1, nrow(lung2), by = 2))

# 2. the example cohort: OS from the lung metastasis (months of 30.4375 days), pre-operative covariates
d <- example_os_cohort()
d$timing <- relevel(factor(d$timing), ref = "metachronous")
cohort <- d[complete.cases(d[, c("age_primary", "primary_size_mm", "n_lung_mets", "timing")]), c("time", "status", "age_primary", "primary_size_mm", "n_lung_mets", "timing")]
rownames(cohort) <- NULL
validation_case("lms-cohort", cohort, Surv(time, status) ~ age_primary + primary_size_mm + n_lung_mets + timing, NULL, t = 60, tau = 60, B = 40,
  call_note = "40 resamples", note = "examples/lms-metastasectomy/cohort.csv; OS: event if date_death, else censored at date_last_followup; months of 30.4375 days; timing reference metachronous; split = odd rows",
  split = seq(1, nrow(cohort), by = 2))

# 3. small hand-checkable data: tied times (death and censoring at 6), tied scores, weights
small <- data.frame(time = c(6, 6, 2, 9, 4, 6, 11, 3, 8, 4, 12, 7), status = c(1, 0, 1, 1, 1, 1, 0, 1, 1, 1, 0, 0),
                    eta = c(0.5, 0.5, -1, 1, 1, 0.5, -2, 1, 0, 2, 0.3, 1.5), w = c(1, 2, 1, 1, 3, 1, 1, 2, 1, 1, 2, 1))
sdat <- small[, c("time", "status", "eta")]
ci <- function(timewt, ymax = NULL, w = NULL) {
  if (is.null(w)) w <- rep(1, nrow(sdat))
  cf <- if (is.null(ymax)) concordance(Surv(time, status) ~ eta, data = sdat, reverse = TRUE, timewt = timewt, weights = w)
        else concordance(Surv(time, status) ~ eta, data = sdat, reverse = TRUE, timewt = timewt, ymax = ymax, weights = w)
  list(value = unname(cf$concordance), se = sqrt(unname(cf$var)), counts = as.list(cf$count))
}
write_fixture("validation", "small-ties",
  call = "concordance(Surv(time, status) ~ eta, reverse = TRUE, timewt = 'n' | 'n/G2', ymax = 7, weights = w); base-R timeROC marginal AUC at 5 and 8",
  input = as.list(small),
  expected = list(harrell = ci("n"), uno = ci("n/G2"), harrellTau = ci("n", 7), unoTau = ci("n/G2", 7),
                  harrellWeighted = ci("n", NULL, small$w), unoWeighted = ci("n/G2", NULL, small$w),
                  auc5 = auc_uno(small$time, small$status, small$eta, 5), auc8 = auc_uno(small$time, small$status, small$eta, 8)),
  note = "unsorted; deaths and a censoring tied at 6; tied scores among tied deaths (tied.xy)")
