# Fixtures for "every propensity option honoured" (issue 13): the IPTW hazard ratios with PS trimming and
# weight truncation (robust and M-estimation SEs) and the PS-matched hazard ratios with exact matching, as
# survinfer's treatmentEffects (src/causal/effect.ts) computes them for a study's analyses.propensity.
# Rscript tools/oracle/study-options.R  ->  test/fixtures/r/study-options/{lms,lalonde}.json
#
# Datasets: the bundled example (examples/lms-metastasectomy/cohort.csv, OS in months, complete cases of
# the six covariates) and MatchIt's lalonde with the synthetic survival outcome of tools/oracle/effect.R
# (same set.seed(20240607) recipe, restated here).
#
# Expected values:
#   * weights: WeightIt's definitions in base R (WeightIt is not packaged for Debian), in survinfer's order
#     trim PS -> weights -> stabilise -> truncate: units with e outside [trim, 1 - trim] get weight 0 (the PS
#     model is not re-fitted; stabilisation factors are the group shares among the retained units);
#     truncation as WeightIt::trim(w, at, treat) (quantile type 3 over the groups whose weights vary);
#   * coxph(Surv(time, status) ~ treat [+ covariates], weights = w, robust = TRUE, subset = w > 0);
#   * the M-estimation variance as stacked estimating equations in base R (Shu et al. 2021,
#     doi:10.1111/biom.13327), bread from a central-difference Jacobian (one Richardson step), with the
#     trimmed set and the truncation threshold held at their fitted values: a trimmed unit contributes only
#     its PS score; a truncated unit's weight is the constant threshold;
#   * matching: MatchIt 4.5.x nearest neighbour restated in plain R (match-nn.R, `exact` = strata matched
#     separately; Debian's MatchIt 4.5.1 binary is wrong for PS distances), weights from
#     MatchIt:::weights.matrix, coxph(..., weights, cluster = subclass), coxph(... + strata(subclass)),
#     survdiff on the matched units;
#   * the weighted Kaplan-Meier per arm (survfit with weights) at `times` and rmean = tau for one weighting.
args <- commandArgs(trailingOnly = FALSE); here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)]))); source(file.path(here, "common.R"))
source(file.path(here, "match-nn.R"))
suppressPackageStartupMessages({ library(survival); library(MatchIt) })

# efron_score() and ps_weights() are in common.R

# WeightIt:::.trim_weights(at, lower = FALSE, drop = FALSE): groups with constant weights are left alone;
# returns the threshold and which units were truncated (strictly above it)
truncation <- function(w, A, at) {
  at <- max(at, 1 - at)
  same <- tapply(w, A, function(x) abs(max(x) - min(x)) < sqrt(.Machine$double.eps))
  groups <- as.numeric(names(same)[!same])
  tb <- A %in% groups
  q <- unname(quantile(w[tb], probs = at, type = 3))
  list(q = q, truncated = tb & w > q)
}

# num_jacobian() is in common.R

# One weighting: weights, weighted Cox (robust), M-estimation variance with trimming/truncation held fixed.
one_weighting <- function(d, X, Z, estimand, stabilize, trim, truncate, times = NULL, tau = NULL) {
  A <- d$treat; n <- nrow(d)
  X <- as.matrix(X)
  alpha <- coef(glm.fit(Z, A, family = binomial()))
  e <- plogis(drop(Z %*% alpha))
  inc <- if (is.null(trim)) rep(TRUE, n) else e >= min(trim, 1 - trim) & e <= max(trim, 1 - trim)
  pi <- mean(A[inc])
  raw <- function(ee, pp) { w <- rep(0, n); w[inc] <- ps_weights(ee[inc], A[inc], estimand, stabilize, pp); w }
  w <- raw(e, pi)
  fixed <- rep(FALSE, n); q <- NA_real_
  if (!is.null(truncate)) {
    tr <- truncation(w[inc], A[inc], truncate)
    q <- tr$q
    fixed[inc] <- tr$truncated
    w[fixed] <- q
  }
  wfun <- function(ee, pp) { ww <- raw(ee, pp); ww[fixed] <- q; ww }
  fit <- coxph(Surv(d$time[inc], d$status[inc]) ~ X[inc, , drop = FALSE], weights = w[inc], robust = TRUE)
  beta <- unname(coef(fit))
  qz <- ncol(Z); s <- if (stabilize) 1 else 0; p <- ncol(X)
  G <- function(theta) {
    a <- theta[1:qz]
    pp <- if (stabilize) theta[qz + 1] else pi
    b <- theta[(qz + s + 1):(qz + s + p)]
    ee <- plogis(drop(Z %*% a))
    ww <- wfun(ee, pp)
    c(colSums((A - ee) * Z), if (stabilize) sum(inc * (A - pp)),
      efron_score(d$time[inc], d$status[inc], X[inc, , drop = FALSE], ww[inc], b))
  }
  theta <- c(alpha, if (stabilize) pi, beta)
  colsd <- function(M) apply(as.matrix(M), 2, function(v) if (sd(v) > 0) sd(v) else 1)
  Amat <- -num_jacobian(G, theta, c(colsd(Z), if (stabilize) 1, colsd(X)))
  sres <- matrix(0, n, p)
  sres[inc, ] <- as.matrix(residuals(fit, type = "score"))
  psi <- cbind((A - e) * Z, if (stabilize) inc * (A - pi), w * sres)
  Ainv <- solve(Amat)
  V <- Ainv %*% crossprod(psi) %*% t(Ainv)
  idx <- (qz + s + 1):(qz + s + p)
  out <- list(estimand = estimand, stabilize = stabilize, trim = trim, truncate = truncate,
    weights = w, nTrimmed = sum(!inc), threshold = q, nTruncated = sum(fixed),
    coef = beta[1], robust_se = sqrt(fit$var[1, 1]), naive_se = sqrt(fit$naive.var[1, 1]), m_se = sqrt(V[idx[1], idx[1]]),
    n = fit$n, nevent = fit$nevent,
    call = sprintf("coxph(Surv(time, status) ~ %s, weights = w, robust = TRUE, subset = w > 0)", paste(colnames(X), collapse = " + ")),
    checks = list(score_at_fit = max(abs(G(theta)[idx])),
                  info_rel_diff = max(abs(Amat[idx, idx] - solve(fit$naive.var))) / max(abs(Amat[idx, idx]))))
  if (!is.null(times)) {
    km <- survfit(Surv(time, status) ~ treat, data = d[inc, ], weights = w[inc])
    sm <- summary(km, times = times, extend = TRUE)
    surv <- matrix(sm$surv, ncol = 2)
    rm <- summary(km, rmean = tau)$table[, "rmean"]
    out$marginal <- list(times = times, tau = tau, surv_control = surv[, 1], surv_treated = surv[, 2],
                         rmst_control = unname(rm[1]), rmst_treated = unname(rm[2]))
  }
  out
}

one_matching <- function(d, ps, opts) {
  treat <- d$treat
  names(treat) <- d$id
  dist <- if (opts$distance == "logit") qlogis(ps) else ps
  cal <- if (is.null(opts$caliper)) NULL else opts$caliper * sd(dist)
  ex <- if (length(opts$exact) == 0) NULL else interaction(d[, opts$exact, drop = FALSE], drop = TRUE)
  mm <- nn_match_vec_45(treat, dist, opts$ratio, FALSE, cal, opts$order, exact = ex)
  w <- as.numeric(MatchIt:::weights.matrix(mm, treat))
  sub <- rep(NA_integer_, nrow(d))
  ind1 <- which(treat == 1)
  for (i in seq_len(nrow(mm))) {
    ctl <- mm[i, !is.na(mm[i, ])]
    if (length(ctl) > 0) sub[c(ind1[i], ctl)] <- i
  }
  # every matched set lies within one exact stratum
  if (!is.null(ex)) stopifnot(all(tapply(as.character(ex[!is.na(sub)]), sub[!is.na(sub)], function(v) length(unique(v))) == 1))
  md <- cbind(d, weights = w, subclass = sub)[w > 0, ]
  f1 <- coxph(Surv(time, status) ~ treat, data = md, weights = weights, cluster = subclass)
  f2 <- coxph(Surv(time, status) ~ treat + strata(subclass), data = md, weights = weights)
  lr <- survdiff(Surv(time, status) ~ treat, data = md)
  # the same options without `exact`, to show that exact matching changes the sample
  mm0 <- nn_match_vec_45(treat, dist, opts$ratio, FALSE, cal, opts$order)
  list(options = opts, n = nrow(md), ids = I(md$id), weights = md$weights,
       nWithoutExact = sum(MatchIt:::weights.matrix(mm0, treat) > 0),
       cluster = list(coef = unname(coef(f1)), se = sqrt(f1$var[1, 1]), naive_se = sqrt(f1$naive.var[1, 1]), nevent = f1$nevent),
       strata = list(coef = unname(coef(f2)), se = sqrt(f2$var[1, 1]), robust = !is.null(f2$naive.var), nevent = f2$nevent),
       logrank = list(chisq = lr$chisq, observed = as.numeric(lr$obs), expected = as.numeric(lr$exp)))
}

run_dataset <- function(name, d, covs, reference, weighting, matching, times, tau, note) {
  ps_formula <- as.formula(paste("treat ~", paste(covs, collapse = " + ")))
  Z <- model.matrix(ps_formula, data = d)
  ps <- unname(fitted(glm(ps_formula, family = binomial, data = d)))
  Xcov <- model.matrix(as.formula(paste("~", paste(covs, collapse = " + "))), data = d)[, -1, drop = FALSE]
  X1 <- matrix(d$treat, ncol = 1, dimnames = list(NULL, "treat"))
  w_out <- lapply(seq_along(weighting), function(k) {
    o <- weighting[[k]]
    X <- if (isTRUE(o$adjust)) cbind(X1, Xcov) else X1
    r <- one_weighting(d, X, Z, o$estimand, o$stabilize, o$trim, o$truncate,
                       times = if (k == 1) times else NULL, tau = if (k == 1) tau else NULL)
    r$adjust <- isTRUE(o$adjust)
    # the case must exercise what it is named after
    if (!is.null(o$trim)) stopifnot(r$nTrimmed > 0)
    if (!is.null(o$truncate)) stopifnot(r$nTruncated > 0)
    r
  })
  m_out <- lapply(matching, function(o) one_matching(d, ps, o))
  input_cols <- d[, c("id", "time", "status", "treat", unique(all.vars(ps_formula[[3]])))]
  write_fixture("study-options", name,
    call = paste("glm(treat ~ covs, binomial); weights with PS trimming / truncation (WeightIt definitions in base R);",
                 "coxph(Surv(time, status) ~ treat, weights = w, robust = TRUE, subset = w > 0); stacked estimating",
                 "equations in base R; nearest-neighbour matching with exact strata (match-nn.R); matched coxph",
                 "(cluster, strata), survdiff; survfit(weights = w) at times and rmean = tau"),
    input = list(data = input_cols, covariates = covs, reference = reference, times = times, tau = tau),
    expected = list(ps = ps, weighting = w_out, matching = m_out),
    packages = c("survival", "MatchIt"), note = note)
}

# ---- the bundled example cohort ----
d <- example_os_cohort()
d$treat <- as.integer(d$metastasectomy == "yes")
d$id <- as.character(d$patient_id)
d$sex <- relevel(factor(d$sex), ref = "female")
d$timing <- relevel(factor(d$timing), ref = "metachronous")
d$grade <- relevel(factor(d$grade), ref = "1")
covs <- c("age_primary", "sex", "primary_size_mm", "n_lung_mets", "timing", "grade")
cc <- d[complete.cases(d[, covs]), ]
run_dataset("lms", cc, covs, list(sex = "female", timing = "metachronous", grade = "1"),
  weighting = list(
    list(estimand = "ATE", stabilize = TRUE, trim = 0.1, truncate = 0.95),
    list(estimand = "ATE", stabilize = FALSE, trim = 0.1, truncate = NULL),
    list(estimand = "ATE", stabilize = FALSE, trim = NULL, truncate = 0.9),
    list(estimand = "ATT", stabilize = FALSE, trim = NULL, truncate = 0.9),
    list(estimand = "ATO", stabilize = FALSE, trim = 0.1, truncate = NULL),
    list(estimand = "ATE", stabilize = FALSE, trim = 0.1, truncate = 0.95, adjust = TRUE)),
  matching = list(
    list(distance = "logit", ratio = 1L, caliper = 0.2, order = "largest", exact = "sex"),
    list(distance = "ps", ratio = 1L, caliper = NULL, order = "largest", exact = c("timing", "sex"))),
  times = c(12, 60), tau = 60,
  note = "OS from date_lung_met: event if date_death, else censored at date_last_followup; months of 30.4375 days; complete cases.")

# ---- lalonde with a synthetic outcome (recipe of tools/oracle/effect.R) ----
data("lalonde", package = "MatchIt")
ll <- data.frame(id = rownames(lalonde), lalonde, stringsAsFactors = FALSE)
set.seed(20240607)
lp <- -0.4 * ll$treat + 0.03 * (ll$age - 25) - 0.05 * (ll$educ - 10) + 0.3 * (ll$race == "black") +
  0.2 * ll$married + 0.3 * ll$nodegree - 0.00003 * ll$re74
t_event <- rexp(nrow(ll), rate = 0.05 * exp(lp))
t_cens <- runif(nrow(ll), 5, 40)
ll$time <- round(pmin(t_event, t_cens), 1)
ll$time[ll$time == 0] <- 0.1
ll$status <- as.integer(t_event <= t_cens)
ll$race <- factor(ll$race)
run_dataset("lalonde", ll, c("age", "educ", "race", "married", "nodegree", "re74", "re75"), list(),
  weighting = list(
    list(estimand = "ATE", stabilize = TRUE, trim = 0.05, truncate = 0.99),
    list(estimand = "ATE", stabilize = FALSE, trim = 0.1, truncate = NULL),
    list(estimand = "ATT", stabilize = FALSE, trim = 0.05, truncate = 0.95),
    list(estimand = "ATC", stabilize = TRUE, trim = NULL, truncate = 0.9),
    list(estimand = "ATE", stabilize = FALSE, trim = 0.05, truncate = 0.99, adjust = TRUE)),
  matching = list(
    list(distance = "logit", ratio = 1L, caliper = 0.2, order = "largest", exact = "race"),
    list(distance = "ps", ratio = 2L, caliper = NULL, order = "largest", exact = c("married", "nodegree"))),
  times = c(12, 24), tau = 30,
  note = paste("Synthetic outcome: set.seed(20240607); hazard 0.05*exp(-0.4 treat + 0.03 (age-25) - 0.05 (educ-10) +",
               "0.3 black + 0.2 married + 0.3 nodegree - 3e-5 re74), censoring U(5, 40), times rounded to 0.1 (ties)."))
cat("study-options fixtures written\n")
