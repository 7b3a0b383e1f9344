args <- commandArgs(trailingOnly = FALSE); here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)]))); source(file.path(here, "common.R"))
# Kaplan–Meier family fixtures (test/fixtures/r/km/*.json), R survival:
#   kind "km":           survfit(Surv(time, status) ~ group, weights, conf.type, conf.int, robust)
#                        + summary(fit, censored = TRUE)$std.err, summary(fit, times = ...), quantile(fit)
#                        + the median that print(fit) shows (survival:::survmean)
#   kind "nelson-aalen": survfit(..., stype = 2, ctype = 1 or 2)
#   kind "follow-up":    median follow-up by reverse KM: survfit(Surv(time, 1 - status) ~ group)
#   kind "conditional":  conditional survival S(t + s) / S(t) written out in base R (definition below)
suppressPackageStartupMessages(library(survival))

num <- function(x) if (is.null(x)) NULL else as.numeric(x)

# One curve of a survfit object (fit[i] for strata), as the fields the TypeScript result uses.
curve_fields <- function(f, name, times, probs) {
  logse <- if (is.null(f$logse)) TRUE else f$logse
  se_surv <- summary(f, censored = TRUE)$std.err
  se_log <- if (logse) f$std.err else ifelse(f$std.err == 0, 0, f$std.err / f$surv)
  q <- quantile(f, probs = probs)
  pm <- survival:::survmean(f, rmean = "none")$matrix; pn <- length(pm)
  out <- list(name = name, n = f$n, events = sum(f$n.event), time = num(f$time), nRisk = num(f$n.risk),
              nEvent = num(f$n.event), nCensor = num(f$n.censor), surv = num(f$surv),
              stdErr = num(se_surv), stdErrLogSurv = num(se_log), lower = num(f$lower), upper = num(f$upper),
              cumhaz = num(f$cumhaz), stdChaz = num(f$std.chaz),
              quantiles = list(probs = probs, estimate = num(q$quantile), lower = num(q$lower), upper = num(q$upper)),
              printMedian = list(estimate = num(pm[pn - 2]), lower = num(pm[pn - 1]), upper = num(pm[pn])))
  if (length(times) > 0) {
    s <- tryCatch(summary(f, times = times), error = function(e) NULL)
    if (is.null(s)) {
      out$at <- list(time = numeric(0), nRisk = numeric(0), nEvent = numeric(0), nCensor = numeric(0),
                     surv = numeric(0), stdErr = numeric(0), lower = numeric(0), upper = numeric(0))
    } else {
      out$at <- list(time = num(s$time), nRisk = num(s$n.risk), nEvent = num(s$n.event), nCensor = num(s$n.censor),
                     surv = num(s$surv), stdErr = num(s$std.err), lower = num(s$lower), upper = num(s$upper))
    }
  }
  out
}

# Writes one fixture. group: a factor or NULL. robust: NULL (R's default), TRUE or FALSE.
km_case <- function(name, time, status, group = NULL, weights = NULL, entry = NULL, conf.type = "log",
                    conf.int = 0.95, times = numeric(0), robust = NULL, kind = "km", stype = 1, ctype = 1,
                    timefix = TRUE, call_text = NULL, note = NULL) {
  d <- data.frame(time = time, status = status)
  d$g <- if (is.null(group)) factor(rep("all", length(time))) else group
  d$w <- if (is.null(weights)) rep(1, length(time)) else weights
  d$entry <- if (is.null(entry)) rep(0, length(time)) else entry
  resp <- if (is.null(entry)) "Surv(time, status)" else "Surv(entry, time, status)"
  fml <- as.formula(paste(resp, if (is.null(group)) "~ 1" else "~ g"))
  args <- list(formula = fml, data = d, conf.type = conf.type, conf.int = conf.int, stype = stype, ctype = ctype,
               timefix = timefix)
  if (!is.null(weights)) args$weights <- d$w
  if (!is.null(robust)) args$robust <- robust
  fit <- do.call(survfit, args)
  probs <- c(0.25, 0.5, 0.75)
  strata <- list()
  if (is.null(fit$strata)) {
    strata[[1]] <- curve_fields(fit, "all", times, probs)
  } else {
    labs <- sub("^g=", "", names(fit$strata))
    for (i in seq_along(fit$strata)) strata[[i]] <- curve_fields(fit[i], labs[i], times, probs)
  }
  robust_used <- !isTRUE(fit$logse) && stype == 1
  input <- list(kind = kind, time = time, status = status,
                options = list(confType = conf.type, confLevel = conf.int, times = times, timefix = timefix,
                               ctype = ctype))
  if (!is.null(group)) input$group <- list(codes = as.integer(group) - 1L, levels = levels(group))
  if (!is.null(weights)) input$weights <- weights
  if (!is.null(entry)) input$entry <- entry
  if (!is.null(robust)) input$options$variance <- if (robust) "robust" else "greenwood"
  if (is.null(call_text)) {
    call_text <- paste0("survfit(", resp, if (is.null(group)) " ~ 1" else " ~ group",
                        if (!is.null(weights)) ", weights = w" else "",
                        ", conf.type = \"", conf.type, "\", conf.int = ", conf.int,
                        if (stype != 1) paste0(", stype = ", stype, ", ctype = ", ctype) else "",
                        if (!is.null(robust)) paste0(", robust = ", robust) else "",
                        if (!timefix) ", timefix = FALSE" else "",
                        "); summary(fit, censored = TRUE); summary(fit, times = ...); quantile(fit)")
  }
  write_fixture("km", name, call_text, input,
                list(n = sum(fit$n), robust = robust_used, logse = isTRUE(fit$logse), strata = strata), note = note)
}

# ---------------------------------------------------------------------------------------------
# Real data sets
lung01 <- lung$status - 1
sex <- factor(lung$sex, levels = 1:2, labels = c("male", "female"))
lung_times <- c(0, 100, 365, 730, 1000, 2000)
km_case("lung-overall", lung$time, lung01, times = lung_times)
km_case("lung-by-sex", lung$time, lung01, group = sex, times = lung_times)
km_case("lung-by-sex-loglog", lung$time, lung01, group = sex, conf.type = "log-log", times = lung_times)
km_case("lung-by-sex-plain", lung$time, lung01, group = sex, conf.type = "plain", times = lung_times)
km_case("lung-by-sex-log-90", lung$time, lung01, group = sex, conf.int = 0.9, times = lung_times)
km_case("lung-overall-loglog-90", lung$time, lung01, conf.type = "log-log", conf.int = 0.9, times = lung_times)
km_case("lung-overall-plain-90", lung$time, lung01, conf.type = "plain", conf.int = 0.9, times = lung_times)

vet_times <- c(30, 90, 180, 365, 1000)
km_case("veteran-by-trt", veteran$time, veteran$status,
        group = factor(veteran$trt, levels = 1:2, labels = c("standard", "test")), times = vet_times)
km_case("veteran-by-celltype", veteran$time, veteran$status, group = veteran$celltype, times = vet_times)
km_case("ovarian-by-rx", ovarian$futime, ovarian$fustat,
        group = factor(ovarian$rx, levels = 1:2, labels = c("1", "2")), times = c(365, 730, 1000))
km_case("aml-by-x", aml$time, aml$status, group = aml$x, times = c(12, 24, 36, 60))
# Freireich et al. (1963) 6-MP remission data (Gehan 1965; MASS::gehan), typed in
gehan_time <- c(6, 6, 6, 6, 7, 9, 10, 10, 11, 13, 16, 17, 19, 20, 22, 23, 25, 32, 32, 34, 35,
                1, 1, 2, 2, 3, 4, 4, 5, 5, 8, 8, 8, 8, 11, 11, 12, 12, 15, 17, 22, 23)
gehan_status <- c(1, 1, 1, 0, 1, 0, 1, 0, 0, 1, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, rep(1, 21))
gehan_trt <- factor(rep(c("6-MP", "control"), each = 21), levels = c("control", "6-MP"))
km_case("leukemia-6mp-by-treatment", gehan_time, gehan_status, group = gehan_trt, times = c(10, 20, 30, 40))

# ---------------------------------------------------------------------------------------------
# Synthetic edge cases
km_case("tied-events-and-censorings", c(5, 2, 2, 8, 5, 5, 3, 5, 9, 2), c(1, 1, 0, 0, 1, 0, 1, 0, 1, 1),
        times = c(2, 4, 5, 9))
km_case("all-censored", c(3, 5, 7, 9), c(0, 0, 0, 0), times = c(1, 5, 10))
km_case("single-subject-event", c(4), c(1), times = c(2, 4, 6))
km_case("single-subject-censored", c(4), c(0), times = c(2, 4))
km_case("event-at-time-zero", c(0, 0, 1, 2, 3, 4, 5), c(1, 0, 1, 1, 0, 1, 0), times = c(0, 2.5, 5))
km_case("all-events-last-time-all-die", c(1, 2, 2, 3, 3), c(1, 1, 0, 1, 1), times = c(1, 3))
w_frac <- c(1.5, 0.5, 2, 1, 1.2, 0.7, 2.3, 0.9, 1.1, 0.4, 3, 1.6)
t_w <- c(1, 2, 2, 3, 4, 5, 5, 6, 7, 8, 9, 10)
s_w <- c(1, 1, 0, 1, 0, 1, 1, 0, 1, 0, 1, 0)
g_w <- factor(rep(c("a", "b"), 6))
km_case("weights-noninteger-robust-default", t_w, s_w, weights = w_frac, times = c(3, 6, 9),
        note = "non-integer weights: survfit defaults to robust = TRUE (infinitesimal jackknife SE)")
km_case("weights-noninteger-greenwood", t_w, s_w, weights = w_frac, robust = FALSE, times = c(3, 6, 9))
km_case("weights-noninteger-robust-by-group", t_w, s_w, group = g_w, weights = w_frac, times = c(3, 6, 9))
km_case("weights-integer", t_w, s_w, weights = c(1, 2, 3, 1, 1, 2, 1, 1, 4, 1, 2, 1), times = c(3, 6, 9))
km_case("weights-integer-robust", t_w, s_w, weights = c(1, 2, 3, 1, 1, 2, 1, 1, 4, 1, 2, 1), robust = TRUE,
        times = c(3, 6, 9))
km_case("weights-with-zero", t_w, s_w, weights = c(1, 0, 3, 1, 0, 2, 1, 1, 4, 1, 2, 1), times = c(3, 6, 9))
set.seed(20240301)
nl <- nrow(lung)
lung_w <- round(runif(nl, 0.2, 3), 3)
km_case("lung-by-sex-weights-robust", lung$time, lung01, group = sex, weights = lung_w, times = lung_times)
km_case("lung-by-sex-weights-greenwood", lung$time, lung01, group = sex, weights = lung_w, robust = FALSE,
        times = lung_times)
entry <- c(0, 0, 1, 2, 0, 3, 1, 4, 0, 2, 5, 6)
km_case("entry-times", t_w + 1, s_w, entry = entry, times = c(2, 5, 8, 11))
km_case("entry-times-by-group", t_w + 1, s_w, group = g_w, entry = entry, times = c(2, 5, 8))
km_case("entry-times-weights-robust", t_w + 1, s_w, entry = entry, weights = w_frac, times = c(2, 5, 8))
# late entry into an empty risk set: the curve reaches 0 and new subjects enter afterwards
km_case("entry-after-curve-hits-zero", c(2, 3, 6, 7, 8), c(1, 1, 1, 0, 1), entry = c(0, 0, 4, 4, 5))
km_case("lung-entry", lung$time, lung01, group = sex, entry = pmax(0, round(lung$time / 3) - 10),
        times = lung_times)
km_case("group-without-events", c(1, 2, 3, 4, 5, 6, 7, 8), c(1, 1, 0, 1, 0, 0, 0, 0),
        group = factor(c("a", "a", "a", "a", "b", "b", "b", "b")), times = c(2, 6))
km_case("median-flat-at-half", c(1, 2, 3, 4, 5, 6, 7, 8), c(1, 1, 1, 1, 0, 1, 1, 1), times = c(4, 6),
        note = "S = 0.5 on [4, 6): the median is (4 + 6) / 2 = 5 (mid-point rule)")
km_case("median-flat-at-half-to-end", c(1, 2, 3, 4), c(1, 1, 0, 0),
        note = "S = 0.5 from t = 2 to the last time 4: quantile() gives (2 + 4) / 2 = 3, print() gives 2")
km_case("median-upper-not-reached", c(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), c(1, 1, 1, 1, 1, 0, 0, 0, 0, 0),
        times = c(5, 10))
km_case("median-not-reached", c(1, 2, 3, 4, 5, 6), c(1, 0, 0, 1, 0, 0))
km_case("times-past-last-observation", c(1, 3, 4, 6, 8), c(1, 0, 1, 1, 0),
        group = factor(c("a", "a", "b", "b", "b")), times = c(2, 5, 8, 20),
        note = "summary(fit, times) drops times past each curve's last time (extend = FALSE)")
km_case("timefix-near-ties", c(0.3 + 1e-10, 0.3, 0.7, 1.1, 1.1 + 1e-12, 2), c(1, 1, 0, 1, 1, 0))
km_case("timefix-off", c(0.3 + 1e-10, 0.3, 0.7, 1.1, 1.1 + 1e-12, 2), c(1, 1, 0, 1, 1, 0), timefix = FALSE)
km_case("loglog-conf-99", aml$time, aml$status, conf.type = "log-log", conf.int = 0.99)

# ---------------------------------------------------------------------------------------------
# Nelson–Aalen / Fleming–Harrington
km_case("na-lung-by-sex", lung$time, lung01, group = sex, kind = "nelson-aalen", stype = 2, ctype = 1,
        times = lung_times)
km_case("na-fh-ties-tied", c(5, 2, 2, 8, 5, 5, 3, 5, 9, 2), c(1, 1, 0, 0, 1, 0, 1, 1, 1, 1),
        kind = "nelson-aalen", stype = 2, ctype = 2)
km_case("na-fh-ties-aml", aml$time, aml$status, group = aml$x, kind = "nelson-aalen", stype = 2, ctype = 2)
km_case("na-weights-integer", t_w, s_w, weights = c(1, 2, 3, 1, 1, 2, 1, 1, 4, 1, 2, 1), kind = "nelson-aalen",
        stype = 2, ctype = 1)
km_case("na-entry", t_w + 1, s_w, entry = entry, kind = "nelson-aalen", stype = 2, ctype = 1, conf.type = "plain")

# ---------------------------------------------------------------------------------------------
# Median follow-up by reverse Kaplan–Meier: censorings are the events
fu_case <- function(name, time, status, group = NULL) {
  km_case(name, time, 1 - status, group = group, kind = "follow-up",
          call_text = "survfit(Surv(time, 1 - status) ~ group); quantile(fit, 0.5)")
}
fu_case("follow-up-lung-by-sex", lung$time, lung01, group = sex)
fu_case("follow-up-veteran", veteran$time, veteran$status)
fu_case("follow-up-aml", aml$time, aml$status)

# ---------------------------------------------------------------------------------------------
# Conditional survival (Zabor et al. 2013, DOI 10.1200/JCO.2012.46.0728), written out in base R:
#   CS(s | t) = S(t + s) / S(t), S read from the KM step function at t and t + s;
#   Var(log CS) = Σ_{t < t_j ≤ t + s} d_j / (n_j (n_j − d_j))  (Greenwood sum over (t, t + s]);
#   limits: log (default) exp(log CS ± z σ), upper clipped at 1; log-log and plain as survfit_confint.
cond_case <- function(name, time, status, given, horizon, conf.type = "log", conf.int = 0.95) {
  fit <- survfit(Surv(time, status) ~ 1)
  step <- function(x, t, v0) { k <- findInterval(t, fit$time); ifelse(k == 0, v0, x[pmax(k, 1)]) }
  gw <- cumsum(ifelse(fit$n.event > 0, fit$n.event / (fit$n.risk * (fit$n.risk - fit$n.event)), 0))
  s_t <- step(fit$surv, given, 1)
  s_ts <- step(fit$surv, given + horizon, 1)
  v <- step(gw, given + horizon, 0) - step(gw, given, 0)
  cs <- s_ts / s_t
  se <- sqrt(v)
  ci <- survival:::survfit_confint(cs, se, logse = TRUE, conf.type = conf.type, conf.int = conf.int)
  ok <- (given + horizon) <= max(fit$time) & s_t > 0
  write_fixture("km", name,
                "S <- survfit(Surv(time, status) ~ 1); CS = S(t + s) / S(t); Var(log CS) = Greenwood sum over (t, t + s]",
                list(kind = "conditional", time = time, status = status,
                     options = list(given = given, horizon = horizon, confType = conf.type, confLevel = conf.int)),
                list(given = given, horizon = horizon, estimable = ok,
                     surv = ifelse(ok, cs, NA), stdErrLog = ifelse(ok, se, NA), stdErr = ifelse(ok, cs * se, NA),
                     lower = ifelse(ok, ci$lower, NA), upper = ifelse(ok, ci$upper, NA)),
                note = "definition written in base R (Zabor et al. 2013); no packaged reference")
}
cond_case("conditional-lung", lung$time, lung01, given = c(0, 90, 180, 365, 730), horizon = 180)
cond_case("conditional-veteran-loglog", veteran$time, veteran$status, given = c(30, 100, 200), horizon = 100,
          conf.type = "log-log", conf.int = 0.9)
