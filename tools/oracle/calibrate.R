# Optimism-corrected calibration at a horizon u, as rms::calibrate(cph(..., x = TRUE, y = TRUE, surv = TRUE,
# time.inc = u), cmethod = "KM", u = u, m = m | cuts = cuts, B = B) computes it (rms 6.5-0: calibrate.cph,
# predab.resample, groupkm, Hmisc::cut2), restated in base R + survival over resample indices exported to
# the fixture:
#   S_i = S0(u)^exp(x_i b - sum(b * means))              predicted survival at u (Efron baseline at the means)
#   cuts = unique(quantile(c(0, 1, S), seq(0, 1, length = g + 1))), g = max(1, floor(n / m))   (or given cuts)
#   groups: [c_k, c_{k+1}), the last closed (cut2 with cuts = findInterval(S, cuts, rightmost.closed = TRUE))
#   per group: mean S and the Kaplan-Meier estimate at u (groupkm: NA with < 2 patients, or when u is past
#   the group's last time + 1e-6 and KM > 0); d_k = KM_k - mean S_k
#   for each resample with >= 5 events: refit; d_k on the resample (training) and on the original rows
#   (test), both with the resample's model and the ORIGINAL cuts; optimism_k = mean(train_k) - mean(test_k)
#   over the resamples where both are defined; corrected KM_k = KM_k - optimism_k.
# The resamples are the ones rms draws itself after set.seed(seed) (predab.resample calls
# sample(n, replace = TRUE) once per replicate and uses no other random numbers), so the script also checks
# that the restatement with cph's convergence (eps = 1e-4, iter.max = 10) reproduces rms::calibrate on them,
# and exports rms's numbers. A second rms::calibrate with B = 200, set.seed(1) is kept for a loose
# comparison with survinfer's own seeded resamples.
args <- commandArgs(trailingOnly = FALSE); here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)]))); source(file.path(here, "common.R"))
suppressPackageStartupMessages({ library(survival); have_rms <- requireNamespace("rms", quietly = TRUE) })

cph_control <- coxph.control(eps = 1e-4, iter.max = 10)  # cph's defaults (rms 6.5-0)

# S0(u) at the covariate means (Efron hazard for an Efron fit); NA past the last follow-up unless S0 = 0
# (cph's surv.summary rule); survinfer's baselineAt takes the last time <= u (rms: <= u + 1e-6).
pred_surv <- function(fit, Xrows, u, maxtime) {
  sf <- survfit(fit)
  tt <- c(0, sf$time); ss <- c(1, sf$surv)
  s0 <- ss[max(which(tt <= u))]
  if (u > maxtime + 1e-6 && ss[length(ss)] > 0) return(rep(NA_real_, nrow(Xrows)))
  b <- coef(fit); b[is.na(b)] <- 0
  drop(s0^exp(Xrows %*% b - sum(b * fit$means)))
}

# Kaplan-Meier at u as rms::groupkm reads it off survfitKM (no timefix): last time <= u + 1e-6.
km_at <- function(t, s, u) {
  if (length(t) < 2) return(NA_real_)
  f <- survfit(Surv(t, s) ~ 1, timefix = FALSE)
  tt <- c(0, f$time); ss <- c(1, f$surv)
  if (u > tt[length(tt)] + 1e-6 && ss[length(ss)] > 0) return(NA_real_)
  ss[max(which(tt <= u + 1e-6))]
}

group_km <- function(S, t, s, cuts, u) {
  q <- findInterval(S, cuts, rightmost.closed = TRUE)
  G <- length(cuts) - 1
  out <- t(vapply(seq_len(G), function(k) {
    w <- which(q == k)
    c(n = length(w), events = sum(s[w]), predicted = if (length(w)) mean(S[w]) else NA_real_, observed = km_at(t[w], s[w], u))
  }, numeric(4)))
  out
}

quantile_cuts <- function(S, g) unique(quantile(c(0, 1, S), seq(0, 1, length = g + 1), names = FALSE))

# survinfer's front-door grouping: cuts that reproduce G equal-size risk groups by rank(lp, ties = "min")
# (tools/oracle/validation.R's groups_of): 0, the mid-points between the smallest S of one group and the largest
# S of the next riskier group, 1 (mid-points, so that cph's slightly different convergence keeps the groups).
rank_cuts <- function(lp, S, G) {
  grp <- floor(G * (rank(lp, ties.method = "min") - 1) / length(lp)) + 1
  used <- sort(unique(grp))
  lows <- tapply(S, grp, min)[as.character(used)]
  highs <- tapply(S, grp, max)[as.character(used)]
  k <- seq_len(length(used) - 1)
  unique(c(0, sort(unname((lows[k] + highs[k + 1]) / 2)), 1))
}

# the restatement: apparent groups, and the bootstrap over `idx` (1-based resamples)
restate <- function(df, formula, X, u, cuts, idx, control) {
  time <- df$time; status <- df$status
  fit <- coxph(formula, data = df, control = control, x = TRUE, model = TRUE)
  S <- pred_surv(fit, X, u, max(time))
  app <- group_km(S, time, status, cuts, u)
  d_app <- app[, "observed"] - app[, "predicted"]
  G <- nrow(app)
  train <- test <- matrix(NA_real_, G, length(idx))
  failed <- 0L
  for (b in seq_along(idx)) {
    ii <- idx[[b]]
    if (sum(status[ii]) < 5) { failed <- failed + 1L; next }
    fb <- coxph(formula, data = df[ii, ], control = control, x = TRUE, model = TRUE)
    tr <- group_km(pred_surv(fb, X[ii, , drop = FALSE], u, max(time[ii])), time[ii], status[ii], cuts, u)
    te <- group_km(pred_surv(fb, X, u, max(time[ii])), time, status, cuts, u)
    train[, b] <- tr[, "observed"] - tr[, "predicted"]
    test[, b] <- te[, "observed"] - te[, "predicted"]
  }
  ok <- !is.na(train + test)
  num <- rowSums(ok)
  trs <- rowSums(ifelse(ok, train, 0)) / num
  tes <- rowSums(ifelse(ok, test, 0)) / num
  opt <- trs - tes
  list(coef = unname(coef(fit)), predictedRows = unname(S), cuts = cuts,
       groups = lapply(seq_len(G), function(k) list(n = app[k, "n"], events = app[k, "events"], predicted = unname(app[k, "predicted"]),
         observedApparent = unname(app[k, "observed"]), training = trs[k], test = tes[k], optimism = opt[k],
         observedCorrected = unname(app[k, "observed"] - opt[k]), nReplicates = num[k])),
       nFailed = failed,
       first = list(training = unname(train[, 1]), test = unname(test[, 1])))
}

as_na <- function(x) { x <- unname(x); x[is.nan(x)] <- NA; x }

calibrate_case <- function(name, df, formula, u, grouping, seed, B, note) {
  n <- nrow(df)
  X <- coxph(formula, data = df, x = TRUE)$x
  # the cuts come from the model's own predictions, so from cph's convergence for the rms check
  cuts_of <- function(control) {
    fit <- coxph(formula, data = df, x = TRUE, model = TRUE, control = control)
    b <- coef(fit); b[is.na(b)] <- 0
    lp <- drop(X %*% b)
    S <- pred_surv(fit, X, u, max(df$time))
    switch(grouping$type, m = quantile_cuts(S, max(1, floor(n / grouping$m))), rank = rank_cuts(lp, S, grouping$groups))
  }
  cuts <- cuts_of(coxph.control())
  cuts_cph <- cuts_of(cph_control)
  set.seed(seed)
  idx <- lapply(seq_len(B), function(b) sample(n, replace = TRUE))
  res <- restate(df, formula, X, u, cuts, idx, coxph.control())
  res_cph <- restate(df, formula, X, u, cuts_cph, idx, cph_control)
  rms_same <- NULL
  rms_loose <- NULL
  if (have_rms) {
    suppressPackageStartupMessages(library(rms))
    assign("dd_calibrate", datadist(df), envir = globalenv()); options(datadist = "dd_calibrate")
    f <- cph(formula, data = df, x = TRUE, y = TRUE, surv = TRUE, time.inc = u)
    run <- function(B, seed) {
      set.seed(seed)
      cal <- suppressWarnings(if (grouping$type == "m") rms::calibrate(f, cmethod = "KM", u = u, m = grouping$m, B = B)
                              else rms::calibrate(f, cmethod = "KM", u = u, cuts = cuts_cph, B = B))
      cal <- unclass(cal)
      list(meanPredicted = as_na(cal[, "mean.predicted"]), KM = as_na(cal[, "KM"]), training = as_na(cal[, "training"]),
           test = as_na(cal[, "test"]), optimism = as_na(cal[, "mean.optimism"]), KMcorrected = as_na(cal[, "KM.corrected"]),
           n = unname(cal[, "n"]), B = B, seed = seed)
    }
    invisible(capture.output(rms_same <- run(B, seed)))
    # the restatement with cph's convergence reproduces rms::calibrate on the same resamples
    opt_cph <- vapply(res_cph$groups, function(g) g$optimism, 0)
    stopifnot(isTRUE(all.equal(as_na(opt_cph), rms_same$optimism, tolerance = 1e-10)))
    stopifnot(isTRUE(all.equal(vapply(res_cph$groups, function(g) g$nReplicates, 0), rms_same$n)))
    stopifnot(isTRUE(all.equal(as_na(vapply(res_cph$groups, function(g) g$observedApparent, 0)), rms_same$KM, tolerance = 1e-10)))
    stopifnot(isTRUE(all.equal(as_na(vapply(res_cph$groups, function(g) g$predicted, 0)), rms_same$meanPredicted, tolerance = 1e-10)))
    # the group assignment equals cut2's (groupkm on the apparent predictions)
    gk <- suppressWarnings(rms::groupkm(res$predictedRows, Surv(df$time, df$status), u = u, cuts = cuts))
    stopifnot(isTRUE(all.equal(as_na(gk[, "KM"]), as_na(vapply(res$groups, function(g) g$observedApparent, 0)))))
    invisible(capture.output(rms_loose <- run(200, 1)))
  }
  write_fixture("calibrate", name,
    call = paste0("restatement of rms::calibrate(cph(", deparse(formula), ", x = TRUE, y = TRUE, surv = TRUE, time.inc = ", u,
                  "), cmethod = 'KM', u = ", u, ", ", if (grouping$type == "m") paste0("m = ", grouping$m) else paste0("cuts = <", grouping$groups, " rank groups>"),
                  ", B = ", B, ") over the resamples drawn by set.seed(", seed, "); rms itself on the same resamples and with B = 200, set.seed(1)"),
    input = list(time = df$time, status = df$status, columns = colnames(X), x = unname(as.list(as.data.frame(X))), u = u,
                 grouping = grouping, resamples = lapply(idx, function(ii) ii - 1L)),
    expected = list(restatement = res, restatementCph = res_cph, rmsSame = rms_same, rmsLoose = rms_loose),
    packages = if (have_rms) c("survival", "rms", "Hmisc") else "survival", note = note)
}

# 1. lung: age + sex + ph.ecog, complete cases, u = 365 days, m = 50 (4 groups)
data(cancer, package = "survival")
lung2 <- lung[complete.cases(lung[, c("time", "status", "age", "sex", "ph.ecog")]), c("time", "status", "age", "sex", "ph.ecog")]
lung2$status <- lung2$status - 1L
rownames(lung2) <- NULL
calibrate_case("lung", lung2, Surv(time, status) ~ age + sex + ph.ecog, u = 365, grouping = list(type = "m", m = 50),
  seed = 20261202, B = 40, note = "survival::lung, rows with missing ph.ecog dropped (n = 227), status recoded 0/1")

# 2. ties in the linear predictor: lung with sex + ph.ecog only (7 distinct scores), m = 56 (4 groups)
calibrate_case("lung-ties", lung2, Surv(time, status) ~ sex + ph.ecog, u = 365, grouping = list(type = "m", m = 56),
  seed = 20261203, B = 40, note = "survival::lung (n = 227); two discrete covariates: the 227 linear predictors take 7 values (sex × ph.ecog; ph.ecog = 3 only once)")

# 3. the example cohort: OS from the lung metastasis (months of 30.4375 days), u = 60, survinfer's front-door
#    grouping (5 risk groups by rank of lp, passed to rms as cuts)
d <- example_os_cohort()
d$timing <- relevel(factor(d$timing), ref = "metachronous")
cohort <- d[complete.cases(d[, c("age_primary", "primary_size_mm", "n_lung_mets", "timing")]), c("time", "status", "age_primary", "primary_size_mm", "n_lung_mets", "timing")]
rownames(cohort) <- NULL
calibrate_case("lms-cohort", cohort, Surv(time, status) ~ age_primary + primary_size_mm + n_lung_mets + timing, u = 60,
  grouping = list(type = "rank", groups = 5), seed = 20261204, B = 40,
  note = "examples/lms-metastasectomy/cohort.csv; OS: event if date_death, else censored at date_last_followup; months of 30.4375 days; timing reference metachronous; cuts from 5 rank groups of lp")

# 4. a group without follow-up to u: the 10 highest-risk patients are all censored or dead before u = 10
#    without the Kaplan-Meier reaching 0 (deterministic data)
z <- (1:40) / 10
tt <- c(round(8 + (40 / (1:30)) %% 7 + (1:30) %% 11, 2), c(1, 2, 3, 4, 5, 5.5, 6, 6, 6, 6))
ss <- c(as.integer((1:30) %% 3 != 0), c(1, 1, 1, 1, 1, 0, 0, 0, 0, 0))
nofu <- data.frame(time = tt, status = ss, z = z)
calibrate_case("no-follow-up", nofu, Surv(time, status) ~ z, u = 10, grouping = list(type = "m", m = 10),
  seed = 20261205, B = 40, note = "synthetic: z = 1..40 / 10; rows 31-40 (highest z) end before u = 10 with KM 0.5")
