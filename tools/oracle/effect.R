# Fixtures for adjusted treatment effects on survival (survinfer treatmentEffects, src/causal/effect.ts).
# Rscript tools/oracle/effect.R  ->  test/fixtures/r/effect/{lalonde,lms}.json
#
# Datasets: MatchIt's lalonde with a synthetic survival outcome drawn here with set.seed (stored in the
# fixture), and the bundled example examples/lms-metastasectomy/cohort.csv (OS from the dates, months of
# 30.4375 days, complete cases for the six covariates).
#
# Expected values:
#   * crude and multivariable coxph; weighted coxph(..., weights = w, robust = TRUE) for ATE, stabilised ATE,
#     ATT and ATO weights from glm(binomial), and survey::svycoxph on svydesign(ids = ~1, weights = ~w);
#   * the M-estimation (stacked estimating equations) variance, written out here in base R because WeightIt
#     is not packaged for Debian (Shu, Young, Toh & Wang 2021, Biometrics, doi:10.1111/biom.13327):
#     theta = (alpha [PS logit], pi [P(A = 1), stabilised weights only], beta [Cox]);
#     G(theta) = sum_i psi_i with psi_alpha = (A - e) Z, psi_pi = A - pi, and the weighted Cox score
#     U(beta; w(alpha, pi)) written by hand (Efron ties) below; the bread A = -dG/dtheta comes from a central
#     finite-difference Jacobian of G (Richardson-extrapolated), the meat B = sum psi_i psi_i^T with the Cox
#     contribution w_i * residuals(coxph, "score")_i; V = A^-1 B A^-T;
#   * matched-sample Cox: the matched sets come from MatchIt 4.5.x's nearest-neighbour algorithm restated in
#     plain R (match-nn.R; Debian's MatchIt 4.5.1 binary is wrong for PS distances, see docs), weights from
#     MatchIt:::weights.matrix; coxph(Surv ~ treat, weights, cluster = subclass), the pair-stratified
#     coxph(Surv ~ treat + strata(subclass), weights), survdiff on the matched units; with replacement
#     coxph(..., weights, cluster = id);
#   * weighted Kaplan-Meier per arm at t and the restricted mean up to tau (survfit with weights,
#     print.survfit's rmean = tau).
args <- commandArgs(trailingOnly = FALSE); here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)]))); source(file.path(here, "common.R"))
source(file.path(here, "match-nn.R"))
suppressPackageStartupMessages({ library(survival); library(MatchIt); library(survey) })

# efron_score() and ps_weights() are in common.R

# num_jacobian() is in common.R

# M-estimation variance of the weighted Cox coefficients (all of them), stacked with the PS model.
m_estimation <- function(time, status, X, A, Z, estimand, stabilize) {
  ps_fit <- glm.fit(Z, A, family = binomial())
  alpha <- coef(ps_fit)
  pi <- mean(A)
  e <- plogis(drop(Z %*% alpha))
  w <- ps_weights(e, A, estimand, stabilize, pi)
  fit <- coxph(Surv(time, status) ~ X, weights = w, robust = TRUE)
  beta <- unname(coef(fit))
  q <- ncol(Z); s <- if (stabilize) 1 else 0; p <- ncol(as.matrix(X))
  G <- function(theta) {
    a <- theta[1:q]
    pp <- if (stabilize) theta[q + 1] else pi
    b <- theta[(q + s + 1):(q + s + p)]
    ee <- plogis(drop(Z %*% a))
    ww <- ps_weights(ee, A, estimand, stabilize, pp)
    c(colSums((A - ee) * Z), if (stabilize) sum(A - pp), efron_score(time, status, X, ww, b))
  }
  theta <- c(alpha, if (stabilize) pi, beta)
  colsd <- function(M) apply(as.matrix(M), 2, function(v) if (sd(v) > 0) sd(v) else 1)
  Amat <- -num_jacobian(G, theta, c(colsd(Z), if (stabilize) 1, colsd(X)))
  sres <- as.matrix(residuals(fit, type = "score"))
  psi <- cbind((A - e) * Z, if (stabilize) A - pi, w * sres)
  B <- crossprod(psi)
  Ainv <- solve(Amat)
  V <- Ainv %*% B %*% t(Ainv)
  idx <- (q + s + 1):(q + s + p)
  # consistency: the beta block of the bread is the weighted information, the robust-only sandwich is coxph's
  info_check <- max(abs(Amat[idx, idx] - solve(fit$naive.var))) / max(abs(Amat[idx, idx]))
  list(fit = fit, w = w, coef = beta, var = V[idx, idx, drop = FALSE], score_at_fit = max(abs(G(theta)[idx])),
       info_check = info_check)
}

one_weighting <- function(d, X, Z, estimand, stabilize, xnames) {
  m <- m_estimation(d$time, d$status, X, d$treat, Z, estimand, stabilize)
  des <- svydesign(ids = ~1, weights = ~w, data = cbind(d, w = m$w))
  f <- as.formula(paste("Surv(time, status) ~", paste(xnames, collapse = " + ")))
  sv <- svycoxph(f, design = des)
  fit <- m$fit
  list(estimand = estimand, stabilize = stabilize,
       weights = m$w,
       coef = m$coef, robust_se = sqrt(diag(fit$var)), naive_se = sqrt(diag(fit$naive.var)),
       m_se = sqrt(diag(m$var)), svy_coef = unname(coef(sv)), svy_se = unname(sqrt(diag(vcov(sv)))),
       n = fit$n, nevent = fit$nevent,
       checks = list(info_rel_diff = m$info_check, score_at_fit = m$score_at_fit))
}

matched_sample <- function(d, ps, opts) {
  treat <- d$treat
  names(treat) <- d$id
  dist <- if (opts$distance == "logit") qlogis(ps) else ps
  cal <- if (is.null(opts$caliper)) NULL else opts$caliper * sd(dist)
  mm <- nn_match_vec_45(treat, dist, opts$ratio, opts$replace, cal, opts$order)
  w <- as.numeric(MatchIt:::weights.matrix(mm, treat))
  sub <- rep(NA_integer_, nrow(d))
  if (!opts$replace) {
    ind1 <- which(treat == 1)
    for (i in seq_len(nrow(mm))) {
      ctl <- mm[i, !is.na(mm[i, ])]
      if (length(ctl) > 0) sub[c(ind1[i], ctl)] <- i
    }
  }
  md <- cbind(d, weights = w, subclass = sub)[w > 0, ]
  out <- list(options = opts, n = nrow(md), ids = I(md$id), weights = md$weights)
  if (!opts$replace) {
    f1 <- coxph(Surv(time, status) ~ treat, data = md, weights = weights, cluster = subclass)
    f2 <- coxph(Surv(time, status) ~ treat + strata(subclass), data = md, weights = weights)
    lr <- survdiff(Surv(time, status) ~ treat, data = md)
    out$cluster <- list(call = "coxph(Surv(time, status) ~ treat, data = md, weights = weights, cluster = subclass)",
                        coef = unname(coef(f1)), se = sqrt(f1$var[1, 1]), naive_se = sqrt(f1$naive.var[1, 1]), nevent = f1$nevent)
    out$strata <- list(call = "coxph(Surv(time, status) ~ treat + strata(subclass), data = md, weights = weights)",
                       coef = unname(coef(f2)), se = sqrt(f2$var[1, 1]), robust = !is.null(f2$naive.var), nevent = f2$nevent)
    out$logrank <- list(chisq = lr$chisq, observed = as.numeric(lr$obs), expected = as.numeric(lr$exp))
  } else {
    f1 <- coxph(Surv(time, status) ~ treat, data = md, weights = weights, cluster = id)
    out$cluster <- list(call = "coxph(Surv(time, status) ~ treat, data = md, weights = weights, cluster = id)",
                        coef = unname(coef(f1)), se = sqrt(f1$var[1, 1]), naive_se = sqrt(f1$naive.var[1, 1]), nevent = f1$nevent)
  }
  out
}

marginal <- function(d, w, times, tau) {
  km <- survfit(Surv(time, status) ~ treat, data = d, weights = w)
  s <- summary(km, times = times, extend = TRUE)
  rm <- summary(km, rmean = tau)$table[, "rmean"]
  surv <- matrix(s$surv, ncol = 2)
  list(times = times, tau = tau,
       surv_control = surv[, 1], surv_treated = surv[, 2],
       rmst_control = unname(rm[1]), rmst_treated = unname(rm[2]))
}

run_dataset <- function(name, d, covs, reference, times, tau, match_opts, note) {
  ps_formula <- as.formula(paste("treat ~", paste(covs, collapse = " + ")))
  Z <- model.matrix(ps_formula, data = d)
  ps_fit <- glm(ps_formula, family = binomial, data = d)
  ps <- unname(fitted(ps_fit))
  crude <- coxph(Surv(time, status) ~ treat, data = d)
  multi <- coxph(as.formula(paste("Surv(time, status) ~ treat +", paste(covs, collapse = " + "))), data = d)
  Xcov <- model.matrix(as.formula(paste("~", paste(covs, collapse = " + "))), data = d)[, -1, drop = FALSE]
  X1 <- matrix(d$treat, ncol = 1, dimnames = list(NULL, "treat"))
  weighting <- list(
    one_weighting(d, X1, Z, "ATE", FALSE, "treat"),
    one_weighting(d, X1, Z, "ATE", TRUE, "treat"),
    one_weighting(d, X1, Z, "ATT", FALSE, "treat"),
    one_weighting(d, X1, Z, "ATO", FALSE, "treat"))
  # double robustness: covariate-adjusted weighted Cox (ATE)
  dcov <- cbind(d, Xcov)
  colnames(dcov) <- make.names(colnames(dcov), unique = TRUE)
  dr <- one_weighting(dcov, cbind(X1, Xcov), Z, "ATE", FALSE, make.names(c("treat", colnames(Xcov))))
  matched <- lapply(match_opts, function(o) matched_sample(d, ps, o))
  w_ate <- weighting[[1]]$weights
  input_cols <- d[, c("id", "time", "status", "treat", unique(all.vars(ps_formula[[3]])))]
  write_fixture("effect", name,
    call = paste("glm(treat ~ covs, binomial); coxph(Surv(time, status) ~ treat, weights = w, robust = TRUE);",
                 "svycoxph; stacked estimating equations in base R; matched coxph (cluster, strata), survdiff;",
                 "survfit(weights = w) at times and rmean = tau"),
    input = list(data = input_cols, covariates = covs, reference = reference, times = times, tau = tau),
    expected = list(
      ps = list(coef = unname(coef(ps_fit)), names = names(coef(ps_fit)), fitted = ps),
      crude = list(coef = unname(coef(crude)), se = sqrt(crude$var[1, 1]), n = crude$n, nevent = crude$nevent),
      multivariable = list(coef = unname(coef(multi))[1], se = sqrt(multi$var[1, 1]), names = names(coef(multi))),
      weighting = weighting,
      doublyRobust = dr,
      matched = matched,
      marginalAte = marginal(d, w_ate, times, tau)),
    packages = c("survival", "MatchIt", "survey"), note = note)
}

# ---- lalonde with a synthetic outcome ----
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
  times = c(12, 24), tau = 30,
  match_opts = list(
    list(distance = "logit", ratio = 1L, replace = FALSE, caliper = 0.2, order = "largest"),
    list(distance = "ps", ratio = 2L, replace = FALSE, caliper = NULL, order = "largest"),
    list(distance = "ps", ratio = 1L, replace = TRUE, caliper = NULL, order = "data")),
  note = paste("Synthetic outcome: set.seed(20240607); hazard 0.05*exp(-0.4 treat + 0.03 (age-25) - 0.05 (educ-10) +",
               "0.3 black + 0.2 married + 0.3 nodegree - 3e-5 re74), censoring U(5, 40), times rounded to 0.1 (ties)."))

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
  times = c(12, 60), tau = 60,
  match_opts = list(list(distance = "logit", ratio = 1L, replace = FALSE, caliper = 0.2, order = "largest")),
  note = "OS from date_lung_met: event if date_death, else censored at date_last_followup; months of 30.4375 days; complete cases.")
