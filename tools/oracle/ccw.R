# Clone–censor–weight (target-trial emulation with a grace period), written from the published algorithm
# (Hernán 2016 doi:10.1093/aje/kwv254; Maringe et al. 2020 doi:10.1093/ije/dyaa057) with data.table +
# survival; no CRAN/Debian package implements it. Writes test/fixtures/ccw/*.json.
#   Rscript tools/oracle/ccw.R
# Fixtures named *-piecewise use the piecewise censoring model (survinfer's default); the others the single Cox model.
# Sourced with CCW_LIBRARY_ONLY <- TRUE (bench/cases/ccw.ts) it only defines ccw_clone(), ccw_fit(), ccw_boot().
#
# Algorithm (the same conventions as src/causal/ccw/):
#  1. clone every patient (time T > 0, status, treatment time A, Inf = never; G = grace period);
#     treated within the grace period: A <= G and A <= T (treatment on the event day counts as treatment).
#     arm 1 "treat within G":  treated in grace -> (T, status);  else if T > G -> censored at G (deviation);
#                              else (T, status) (event or censoring before the end of the grace period counts).
#     arm 0 "no treatment within G": treated in grace -> censored at A (deviation, the event is not counted);
#                              else (T, status) (treatment after G is allowed, as in Maringe et al.).
#  2. per arm, model of the time to deviation (censoring_model below: "cox" or "piecewise"); "cox":
#     coxph(Surv(tc, dev) ~ X, ties = "efron") on the clones;
#     K(t | x) = exp(-Lambda0(t) exp(lp)), Lambda0 = basehaz(fit, centered = TRUE) (Efron hazard), lp centred.
#     Stabilised: numerator exp(-Lambda_null(t)) from coxph(Surv(tc, dev) ~ 1).
#  3. split the clones' follow-up at every outcome event time (survSplit); weight of (tstart, tstop]:
#     w = 1 / K(tstop- | x) (deviations at the event time itself come after the event).
#  4. weighted KM per arm: survfit(Surv(tstart, tstop, status) ~ arm, weights = w);
#     HR: coxph(Surv(tstart, tstop, status) ~ arm, weights = w, cluster = id).
suppressPackageStartupMessages({ library(data.table); library(survival); library(jsonlite) })

ccw_clone <- function(T, S, A, G) {
  n <- length(T)
  tig <- A <= G & A <= T
  treat <- data.table(id = seq_len(n), arm = 1L,
    tc = ifelse(tig, T, ifelse(T > G, G, T)),
    status = ifelse(tig, S, ifelse(T > G, 0L, S)),
    dev = as.integer(!tig & T > G))
  control <- data.table(id = seq_len(n), arm = 0L,
    tc = ifelse(tig, A, T), status = ifelse(tig, 0L, S), dev = as.integer(tig))
  rbind(treat, control)
}

# Lambda(t-) of a step function given by (times, cumhaz): the value at the largest time < t
step_left <- function(times, cumhaz, t) {
  k <- findInterval(t, times, left.open = TRUE)
  out <- numeric(length(t)); out[k > 0] <- cumhaz[k[k > 0]]; out
}

# One arm's censoring model: returns function(clone rows, t) -> log weight log(1/K(t-|x)) [- log(1/Knull)]
# model = "cox": one coxph per arm (Maringe et al. 2020). model = "piecewise" (survinfer's default,
# src/causal/ccw/weights.ts): an arm whose deviations all happen at one time g (the treat arm, at G) gets a
# logistic regression among the clones in follow-up at g, K = 1 - p(x) after g; otherwise a Cox model per period
# (cuts at the ceiling(k D / K)-th smallest of the D deviation times, k = 1..K-1), -log K = sum_k exp(lp_k) Lambda_k(t).
censoring_model <- function(cl, X, stabilized, model = "cox", periods = 1L) {
  Xa <- X[cl$id, , drop = FALSE]
  if (sum(cl$dev) == 0) return(list(logw = function(rows, t) numeric(length(t)), fit = NULL))
  devt <- sort(cl$tc[cl$dev == 1])
  if (model == "piecewise" && length(unique(devt)) == 1) {
    g <- devt[1]
    at <- cl$tc >= g
    d <- sum(cl$dev[at]); m <- sum(at)
    fit <- glm(cl$dev ~ Xa, family = binomial, subset = at)
    b <- coef(fit); b[is.na(b)] <- 0
    eta <- drop(cbind(1, Xa) %*% b)
    r <- ifelse(eta > 0, eta + log1p(exp(-eta)), log1p(exp(eta)))  # -log(1 - expit(eta))
    num <- if (stabilized) -log1p(-d / m) else 0
    return(list(fit = fit, coef = unname(coef(fit)), logw = function(rows, t) ifelse(t > g, r[rows] - num, 0)))
  }
  cuts <- numeric(0)
  if (model == "piecewise") for (k in seq_len(periods - 1)) {
    cc <- devt[max(1, ceiling(k * length(devt) / periods))]
    if (cc < devt[length(devt)] && (length(cuts) == 0 || cc > cuts[length(cuts)])) cuts <- c(cuts, cc)
  }
  bounds <- c(0, cuts, Inf)
  comps <- list(); coefs <- c()
  for (k in seq_len(length(bounds) - 1)) {
    a <- bounds[k]; b <- bounds[k + 1]
    rows <- if (k == 1) rep(TRUE, nrow(cl)) else cl$tc > a
    tt <- pmin(cl$tc[rows], b); ss <- as.integer(cl$dev[rows] == 1 & cl$tc[rows] <= b)
    Xs <- Xa[rows, , drop = FALSE]
    fit <- coxph(Surv(tt, ss) ~ Xs, ties = "efron")
    bh <- basehaz(fit, centered = TRUE)
    beta <- coef(fit); beta[is.na(beta)] <- 0
    r <- if (all(rows)) exp(fit$linear.predictors) else {
      shift <- sum(Xs[1, ] * beta) - fit$linear.predictors[1]
      exp(drop(Xa %*% beta) - shift)
    }
    comps[[k]] <- list(r = r, bh = bh)
    coefs <- c(coefs, unname(coef(fit)))
  }
  num <- NULL
  if (stabilized) { f0 <- coxph(Surv(cl$tc, cl$dev) ~ 1, ties = "efron"); num <- basehaz(f0) }
  list(fit = fit, coef = coefs, logw = function(rows, t) {
    lw <- numeric(length(t))
    for (cp in comps) lw <- lw + cp$r[rows] * step_left(cp$bh$time, cp$bh$hazard, t)
    if (stabilized) lw <- lw - step_left(num$time, num$hazard, t)
    lw
  })
}

# split = "all": survSplit at every outcome event time (Maringe et al.); split = "grace": only at the event
# times <= G (all deviations happen by G, so the weights are constant after G: same estimates, fewer rows)
ccw_fit <- function(T, S, A, X, G, times, tau, stabilized = FALSE, split = "all", model = "cox", periods = 1L) {
  X <- as.matrix(X)
  cl <- ccw_clone(T, S, A, G)
  models <- list()
  cl[, row := seq_len(.N), by = arm]
  for (a in c(1L, 0L)) models[[as.character(a)]] <- censoring_model(cl[arm == a], X, stabilized, model, periods)
  cl[, wEnd := 0]
  for (a in c(1L, 0L)) { s <- cl$arm == a; cl$wEnd[s] <- exp(models[[as.character(a)]]$logw(cl$row[s], cl$tc[s])) }
  ev <- sort(unique(cl$tc[cl$status == 1]))
  cuts <- if (split == "all") ev else ev[ev <= G]
  sp <- as.data.table(survSplit(Surv(tc, status) ~ ., data = as.data.frame(cl[tc > 0]), cut = cuts, start = "tstart", end = "tstop", event = "status"))
  sp[, w := 0]
  for (a in c(1L, 0L)) { s <- sp$arm == a; sp$w[s] <- exp(models[[as.character(a)]]$logw(sp$row[s], sp$tstop[s])) }
  km <- survfit(Surv(tstart, tstop, status) ~ arm, data = sp, weights = w)
  hr <- coxph(Surv(tstart, tstop, status) ~ arm, data = sp, weights = w, cluster = id, ties = "efron")
  arms <- list()
  for (a in c(1L, 0L)) {
    k <- km[paste0("arm=", a)]
    e <- k$n.event > 0
    tt <- k$time[e]; ss <- k$surv[e]
    maxT <- max(cl$tc[cl$arm == a])
    at <- sapply(times, function(t) if (t > maxT) NA else { j <- findInterval(t, tt); if (j == 0) 1 else ss[j] })
    rm <- if (tau > maxT) NA else { g <- c(0, tt[tt < tau], tau); sum(diff(g) * c(1, ss[tt < tau])) }
    arms[[as.character(a)]] <- list(time = tt, nRisk = k$n.risk[e], nEvent = k$n.event[e], surv = ss, at = at, rmst = rm,
      clones = sum(cl$arm == a), deviations = sum(cl$dev[cl$arm == a]), events = sum(cl$status[cl$arm == a]),
      censoringCoef = if (is.null(models[[as.character(a)]]$fit)) NULL else models[[as.character(a)]]$coef,
      wEnd = cl$wEnd[cl$arm == a])
  }
  # infinitesimal-jackknife SE of each difference with the weights held fixed (src/causal/ccw/influence.ts): scaling
  # patient i's weights by (1 + eps) moves a functional sum_k a_k log(1 - h_k)-type by
  # IF_i = -sum_k a_k w_i(t_k) [dN_i(t_k) - Y_i(t_k) h_k] / (W_k - Dw_k), h_k = Dw_k / W_k at the arm's event times;
  # a_k = S(t) (t_k <= t) for the survival at t, a_k = int_{t_k}^tau S (t_k < tau) for the RMST; summed over the split rows
  infl <- function(a, mult) {
    k <- km[paste0("arm=", a)]; e <- k$n.event > 0
    tt <- k$time[e]; W <- k$n.risk[e]; Dw <- k$n.event[e]
    g <- ifelse(mult != 0 & W - Dw > 0, mult / (W - Dw), 0)
    Q <- c(0, cumsum(g * Dw / W))
    r <- sp[arm == a]
    atrisk <- r$w * (Q[findInterval(r$tstop, tt) + 1] - Q[findInterval(r$tstart, tt) + 1])
    ke <- match(r$tstop, tt)
    ev <- ifelse(r$status == 1, r$w * g[ke], 0)
    out <- numeric(nrow(cl) / 2)
    s <- rowsum(atrisk - ev, r$id)
    out[as.integer(rownames(s))] <- s[, 1]
    out
  }
  mult_surv <- function(a, t) { x <- arms[[as.character(a)]]; ifelse(x$time <= t, x$at[match(t, times)], 0) }
  mult_rmst <- function(a) {
    x <- arms[[as.character(a)]]; tt <- x$time; ss <- x$surv; m <- length(tt)
    nxt <- pmin(c(tt[-1], Inf), tau)
    seg <- ifelse(tt < tau, ss * (nxt - tt), 0)
    ifelse(tt < tau, rev(cumsum(rev(seg))), 0)
  }
  ij <- function(m1, m0) sqrt(sum((infl(1L, m1) - infl(0L, m0))^2))
  survDiff <- arms[["1"]]$at - arms[["0"]]$at
  rmstDiff <- arms[["1"]]$rmst - arms[["0"]]$rmst
  seDiff <- sapply(seq_along(times), function(j) if (is.na(survDiff[j])) NA else ij(mult_surv(1L, times[j]), mult_surv(0L, times[j])))
  seRmst <- if (is.na(rmstDiff)) NA else ij(mult_rmst(1L), mult_rmst(0L))
  list(arms = arms, survDiff = survDiff, rmstDiff = rmstDiff,
    logHR = unname(coef(hr)), robustSe = unname(sqrt(diag(hr$var))), naiveSe = unname(sqrt(diag(hr$naive.var))),
    analyticSe = c(seDiff, seRmst))
}

# statistics of one replicate: survival differences, RMST difference, log HR; and their analytic SEs
ccw_stats <- function(f) c(f$survDiff, f$rmstDiff, f$logHR)
ccw_ses <- function(f) c(f$analyticSe, f$robustSe)

# bootstrap-t limits (Efron & Tibshirani 1993 ch. 12; Davison & Hinkley 1997 eq. 5.7): t* = (theta* - theta)/se*,
# [theta - se t*_(1 - alpha/2), theta - se t*_(alpha/2)] with R's quantile type 6 (order statistics (B+1)alpha)
ccw_studentized <- function(est, se, vals, ses, level = 0.95) {
  ok <- is.finite(vals) & is.finite(ses) & ses > 1e-10 * se  # an SE of 0 up to rounding: no studentized value
  t <- (vals[ok] - est) / ses[ok]
  q <- unname(quantile(t, c((1 + level) / 2, (1 - level) / 2), type = 6))
  est - se * q
}

# the survival differences' reported interval (session 11): Wald with the larger of the bootstrap SD (finite replicates)
# and the infinitesimal-jackknife SE, est -/+ qnorm(1 - alpha/2) * max(sd(vals), se)
ccw_wald_larger_se <- function(est, se, vals, level = 0.95) {
  v <- vals[is.finite(vals)]
  m <- max(sd(v), se)
  est + c(-1, 1) * qnorm((1 + level) / 2) * m
}

ccw_boot <- function(T, S, A, X, G, times, tau, B, seed, stabilized = FALSE, split = "all", model = "cox", periods = 1L) {
  set.seed(seed)
  n <- length(T); X <- as.matrix(X)
  idx <- matrix(0L, B, n); vals <- matrix(NA_real_, B, length(times) + 2); ses <- vals
  for (b in seq_len(B)) {
    i <- sample.int(n, n, replace = TRUE); idx[b, ] <- i
    f <- tryCatch(ccw_fit(T[i], S[i], A[i], X[i, , drop = FALSE], G, times, tau, stabilized, split, model, periods), error = function(e) NULL)
    if (!is.null(f)) { vals[b, ] <- ccw_stats(f); ses[b, ] <- ccw_ses(f) }
  }
  list(indices = idx, values = vals, standardErrors = ses)
}

write_ccw_fixture <- function(name, call, input, expected, note) {
  dir <- file.path(oracle_root_ccw(), "test", "fixtures", "ccw")
  dir.create(dir, recursive = TRUE, showWarnings = FALSE)
  obj <- list(call = call, r_version = R.version.string,
    packages = list(survival = as.character(packageVersion("survival")), data.table = as.character(packageVersion("data.table"))),
    note = note, input = input, expected = expected)
  writeLines(toJSON(obj, auto_unbox = TRUE, digits = NA, na = "null", null = "null", pretty = FALSE, matrix = "rowmajor"),
    file.path(dir, paste0(name, ".json")))
}

oracle_root_ccw <- function() {
  args <- commandArgs(trailingOnly = FALSE)
  f <- sub("^--file=", "", args[grep("^--file=", args)])
  normalizePath(file.path(dirname(normalizePath(f[1])), "..", ".."))
}

fixture_case <- function(name, T, S, A, X, G, times, tau, stabilized, B, seed, note, model = "cox", periods = 1L) {
  f <- ccw_fit(T, S, A, X, G, times, tau, stabilized, model = model, periods = periods)
  bt <- ccw_boot(T, S, A, X, G, times, tau, B, seed, stabilized, model = model, periods = periods)
  arm_out <- function(a) { x <- f$arms[[a]]; x }
  write_ccw_fixture(name,
    call = sprintf("ccw_fit(T, S, A, X, G = %s, times, tau, stabilized = %s, model = \"%s\", periods = %d) in tools/oracle/ccw.R; bootstrap: set.seed(%d), sample.int(n, n, replace = TRUE) x %d", G, stabilized, model, periods, seed, B),
    input = list(time = T, status = S, treatmentTime = ifelse(is.finite(A), A, NA), x = unname(as.matrix(X)), columnNames = colnames(X),
      grace = G, times = times, tau = tau, stabilized = stabilized, censoringModel = model, censoringPeriods = periods),
    expected = list(treat = arm_out("1"), control = arm_out("0"), survDiff = f$survDiff, rmstDiff = f$rmstDiff,
      logHR = f$logHR, robustSe = f$robustSe, naiveSe = f$naiveSe, analyticSe = f$analyticSe,
      bootstrap = list(indices = bt$indices - 1L, values = bt$values, standardErrors = bt$standardErrors,
        # bootstrap-t limits of each statistic from R's own replicates (all finite ones; log HR on the log scale)
        studentized = lapply(seq_len(ncol(bt$values)), function(j) {
          est <- ccw_stats(f)[j]; se <- ccw_ses(f)[j]
          if (!is.finite(est) || !is.finite(se)) return(c(NA, NA))
          ccw_studentized(est, se, bt$values[, j], bt$standardErrors[, j])
        }),
        # the survival differences' reported limits (Wald, larger of the bootstrap SD and the IJ SE)
        waldLargerSe = lapply(seq_along(times), function(j) {
          est <- f$survDiff[j]; se <- f$analyticSe[j]
          if (!is.finite(est) || !is.finite(se)) return(c(NA, NA))
          ccw_wald_larger_se(est, se, bt$values[, j])
        }))),
    note = note)
}

if (!exists("CCW_LIBRARY_ONLY")) {
  # (a) the bundled example cohort: OS from the diagnosis of lung metastases, treatment = date of metastasectomy
  d <- read.csv(file.path(oracle_root_ccw(), "examples", "lms-metastasectomy", "cohort.csv"), na.strings = c("", "NA"))
  dt <- function(x) as.numeric(as.Date(x, format = "%d.%m.%Y"))
  end <- ifelse(is.na(d$date_death), dt(d$date_last_followup), dt(d$date_death))
  T <- (end - dt(d$date_lung_met)) / 30.4375
  S <- as.integer(!is.na(d$date_death))
  A <- (dt(d$date_pm) - dt(d$date_lung_met)) / 30.4375; A[is.na(A)] <- Inf
  X <- cbind(age_primary = d$age_primary, sexmale = as.numeric(d$sex == "male"), n_lung_mets = d$n_lung_mets,
    timingsynchronous = as.numeric(d$timing == "synchronous"))
  lms_note <- "examples/lms-metastasectomy/cohort.csv: time in months (30.4375 days) from date_lung_met to date_death or date_last_followup; treatment time = date_pm (empty = never); covariates age_primary, sex, n_lung_mets, timing (complete); grace 6 months"
  for (stab in c(FALSE, TRUE)) fixture_case(if (stab) "lms-example-stabilized" else "lms-example", T, S, A, X, 6, c(12, 36, 60), 60, stab, 20, 14, lms_note)
  # the piecewise model with 4 periods (the engine's default) and, stabilised, 3 periods
  fixture_case("lms-example-piecewise", T, S, A, X, 6, c(12, 36, 60), 60, FALSE, 20, 14,
    paste0(lms_note, "; censoring model piecewise (logistic at G in the treat arm, Cox in 4 periods in the control arm: the default)"), model = "piecewise", periods = 4L)
  # one period: what the study chooses for this cohort (src/study/immortal-time/ccw.ts, censoringPeriodsFor: at least
  # 10 deviations per parameter in each period; test/study/ccw-step.test.ts checks the study against it)
  fixture_case("lms-example-piecewise-1", T, S, A, X, 6, c(12, 36, 60), 60, FALSE, 20, 14,
    paste0(lms_note, "; censoring model piecewise with 1 period (logistic at G in the treat arm, one Cox model in the control arm: the study's choice for 4 parameters and fewer than 80 deviations)"), model = "piecewise", periods = 1L)
  fixture_case("lms-example-piecewise-stabilized", T, S, A, X, 6, c(12, 36, 60), 60, TRUE, 20, 14,
    paste0(lms_note, "; censoring model piecewise (logistic at G in the treat arm, Cox in 3 periods in the control arm)"), model = "piecewise", periods = 3L)
  # (b) Stanford heart transplant (survival::jasa): days from acceptance to death/last follow-up, treatment = transplant;
  #     a follow-up of 0 days is moved to 0.5 (the survival::heart convention); grace 30 days
  j <- jasa
  T <- as.numeric(j$fu.date - j$accept.dt); T[T == 0] <- 0.5
  S <- as.integer(j$fustat)
  A <- as.numeric(j$tx.date - j$accept.dt); A[is.na(A)] <- Inf
  X <- cbind(age = j$age, surgery = j$surgery)
  jasa_note <- "survival::jasa: days from accept.dt to fu.date (0 -> 0.5), fustat; treatment time = tx.date - accept.dt (transplant on day 0 and on the last day of follow-up included); covariates age, surgery; grace 30 days"
  fixture_case("jasa-transplant", T, S, A, X, 30, c(30, 180, 365), 365, FALSE, 20, 3, jasa_note)
  fixture_case("jasa-transplant-piecewise", T, S, A, X, 30, c(30, 180, 365), 365, FALSE, 20, 3, paste0(jasa_note, "; censoring model piecewise, 4 periods"), model = "piecewise", periods = 4L)
  # (c) a hand-made edge case: ties of events, deviations and the grace period; treatment on the event day,
  #     at time 0, after the end of follow-up; an event exactly at G
  T <- c(2, 3, 3, 4, 5, 5, 6, 7, 8, 9, 10, 10, 1, 4, 6, 3, 2.5, 7, 12, 11)
  S <- c(1L, 1L, 0L, 1L, 1L, 0L, 1L, 0L, 1L, 1L, 0L, 1L, 1L, 0L, 1L, 1L, 1L, 1L, 0L, 1L)
  A <- c(Inf, 1, 3, Inf, 2, 0, 2, 5, 3, Inf, 1, 4, 2, Inf, 3, Inf, 1, 2, 6, 3)
  X <- cbind(age = c(60, 55, 70, 65, 50, 45, 72, 58, 61, 66, 49, 53, 77, 62, 59, 68, 51, 57, 63, 70),
    male = c(1, 0, 1, 1, 0, 0, 1, 0, 1, 0, 1, 1, 0, 0, 1, 0, 1, 0, 1, 0))
  edge_note <- "hand-made: 20 patients, grace 3; treatment on the event day (rows 3, 15), at time 0 (row 6), after follow-up (row 13: A = 2 > T = 1), an event exactly at G (rows 2, 16), tied events and deviations; the time 11 is past the control arm's follow-up"
  fixture_case("edge-ties", T, S, A, X, 3, c(1, 3, 5, 11), 10, FALSE, 20, 5, edge_note)
  fixture_case("edge-ties-piecewise", T, S, A, X, 3, c(1, 3, 5, 11), 10, FALSE, 20, 5, paste0(edge_note, "; censoring model piecewise, 2 periods (cut at a tied deviation time)"), model = "piecewise", periods = 2L)
}
