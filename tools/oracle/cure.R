# Reference values for mixture cure models (issue 8, "Cure"). smcure and flexsurvcure are not packaged
# for Debian bookworm, so this script states both models in base R from their published definitions:
#  (a) the Weibull mixture cure model, maximum likelihood with optim (BFGS, reltol 1e-14) followed by
#      Newton refinements with a numerical Hessian of the analytic gradient;
#  (b) the semiparametric PH mixture cure model by EM as in Peng & Dear (2000), Sy & Taylor (2000) and
#      smcure (Cai et al. 2012, doi:10.1016/j.cmpb.2012.08.013): logistic M-step (quasibinomial glm on the
#      E-step weights), Breslow Cox M-step with offset log(w) on the rows with w > 0, Breslow-type baseline
#      survival with the zero-tail constraint, smcure's convergence rule and limits (eps 1e-7, emmax 50).
# Writes test/fixtures/r/cure/<case>.json. Run: Rscript tools/oracle/cure.R
args <- commandArgs(trailingOnly = FALSE); here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)]))); source(file.path(here, "common.R"))
suppressPackageStartupMessages(library(survival))

expit <- function(x) 1 / (1 + exp(-x))

# ---- (a) Weibull mixture cure ------------------------------------------------------------------
# theta = (gamma [incidence, P(uncured) = expit(Z gamma)], beta [latency], log lambda, log alpha);
# S_u(t | x) = exp(-(lambda exp(x beta) t)^alpha).
wb_parts <- function(theta, t, d, Z, X) {
  pz <- ncol(Z); px <- ncol(X)
  g <- theta[seq_len(pz)]; b <- if (px > 0) theta[pz + seq_len(px)] else numeric(0)
  la <- theta[pz + px + 1]; al <- exp(theta[pz + px + 2])
  lin <- if (px > 0) drop(X %*% b) else rep(0, length(t))
  logu <- al * (la + lin + log(t))
  list(p = expit(drop(Z %*% g)), logu = logu, u = exp(logu), al = al, pz = pz, px = px)
}
wb_loglik <- function(theta, t, d, Z, X) {
  q <- wb_parts(theta, t, d, Z, X)
  ev <- log(q$p) + log(q$al) + q$logu - log(t) - q$u
  ce <- log(1 - q$p + q$p * exp(-q$u))
  sum(ifelse(d == 1, ev, ce))
}
wb_grad <- function(theta, t, d, Z, X) {
  q <- wb_parts(theta, t, d, Z, X)
  D <- 1 - q$p + q$p * exp(-q$u)
  # derivative of log-lik contribution w.r.t. eta_z (= Z gamma) and w.r.t. log u
  dz <- ifelse(d == 1, 1 - q$p, q$p * (1 - q$p) * (exp(-q$u) - 1) / D)
  dlu <- ifelse(d == 1, 1 - q$u, -q$p * exp(-q$u) * q$u / D)
  gg <- drop(crossprod(Z, dz))
  gb <- if (q$px > 0) q$al * drop(crossprod(X, dlu)) else numeric(0)
  gla <- q$al * sum(dlu)
  gal <- sum(d) + sum(dlu * q$logu)
  c(gg, gb, gla, gal)
}
# (arguments named so that none is a prefix of another: R matches partial names)
num_hess <- function(par, tobs, dobs, Zm, Xm) {
  k <- length(par); H <- matrix(0, k, k)
  for (j in seq_len(k)) {
    h <- 1e-5 * max(1, abs(par[j]))
    tp <- par; tm <- par; tp[j] <- tp[j] + h; tm[j] <- tm[j] - h
    H[, j] <- (wb_grad(tp, tobs, dobs, Zm, Xm) - wb_grad(tm, tobs, dobs, Zm, Xm)) / (2 * h)
  }
  (H + t(H)) / 2
}
fit_weibull_cure <- function(t, d, Z, X) {
  # starting values: logistic on the event indicator; exponential rate on the events
  g0 <- coef(glm(d ~ Z - 1, family = binomial))
  th <- c(g0, rep(0, ncol(X)), log(sum(d) / sum(t)), 0)
  o <- optim(th, wb_loglik, wb_grad, t = t, d = d, Z = Z, X = X, method = "BFGS",
             control = list(fnscale = -1, reltol = 1e-14, maxit = 10000))
  th <- o$par
  for (k in 1:5) {
    H <- num_hess(th, t, d, Z, X)
    th <- th - solve(H, wb_grad(th, t, d, Z, X))
  }
  H <- num_hess(th, t, d, Z, X)
  V <- solve(-H)
  list(theta = th, loglik = wb_loglik(th, t, d, Z, X), grad = wb_grad(th, t, d, Z, X), vcov = V, se = sqrt(diag(V)), optim = o)
}

# ---- (a') log-normal and log-logistic latencies (issue 17): the same likelihood through the standardised
# log time w = alpha (log lambda + x beta + log t); S_u = S0(w), f_u = alpha / t * g0(w):
#   lognormal S0 = pnorm(-w), g0 = dnorm(w); loglogistic S0 = 1 / (1 + e^w), g0 = e^w / (1 + e^w)^2.
fam <- list(
  weibull = list(logS = function(w) -exp(w), dlogS = function(w) -exp(w), logg = function(w) w - exp(w), dlogg = function(w) 1 - exp(w)),
  lognormal = list(logS = function(w) pnorm(-w, log.p = TRUE), dlogS = function(w) -exp(dnorm(w, log = TRUE) - pnorm(-w, log.p = TRUE)),
                   logg = function(w) dnorm(w, log = TRUE), dlogg = function(w) -w),
  loglogistic = list(logS = function(w) -log1p(exp(w)), dlogS = function(w) -plogis(w), logg = function(w) w - 2 * log1p(exp(w)), dlogg = function(w) 1 - 2 * plogis(w)))
pc_parts <- function(theta, t, Z, X) {
  pz <- ncol(Z); px <- ncol(X)
  g <- theta[seq_len(pz)]; b <- if (px > 0) theta[pz + seq_len(px)] else numeric(0)
  al <- exp(theta[pz + px + 2])
  lin <- theta[pz + px + 1] + log(t) + (if (px > 0) drop(X %*% b) else 0)
  list(p = plogis(drop(Z %*% g)), w = al * lin, al = al, pz = pz, px = px)
}
pc_loglik <- function(theta, t, d, Z, X, family) {
  f <- family
  q <- pc_parts(theta, t, Z, X)
  sum(ifelse(d == 1, log(q$p) + log(q$al) - log(t) + f$logg(q$w), log(1 - q$p + q$p * exp(f$logS(q$w)))))
}
pc_grad <- function(theta, t, d, Z, X, family) {
  f <- family
  q <- pc_parts(theta, t, Z, X)
  e <- exp(f$logS(q$w)); D <- 1 - q$p + q$p * e
  dz <- ifelse(d == 1, 1 - q$p, q$p * (1 - q$p) * (e - 1) / D)
  dw <- ifelse(d == 1, f$dlogg(q$w), q$p * e * f$dlogS(q$w) / D)
  c(drop(crossprod(Z, dz)), if (q$px > 0) q$al * drop(crossprod(X, dw)) else numeric(0), q$al * sum(dw), sum(d) + sum(dw * q$w))
}
pc_hess <- function(par, tobs, dobs, Zm, Xm, f) {
  k <- length(par); H <- matrix(0, k, k)
  for (j in seq_len(k)) {
    h <- 1e-5 * max(1, abs(par[j]))
    tp <- par; tm <- par; tp[j] <- tp[j] + h; tm[j] <- tm[j] - h
    H[, j] <- (pc_grad(tp, tobs, dobs, Zm, Xm, f) - pc_grad(tm, tobs, dobs, Zm, Xm, f)) / (2 * h)
  }
  (H + t(H)) / 2
}
fit_parametric_cure <- function(t, d, Z, X, dist) {
  f <- fam[[dist]]
  # start: the Weibull cure fit (its parameters are on the same scale for every family)
  th <- fit_weibull_cure(t, d, Z, X)$theta
  o <- optim(th, pc_loglik, pc_grad, t = t, d = d, Z = Z, X = X, family = f, method = "BFGS",
             control = list(fnscale = -1, reltol = 1e-14, maxit = 10000))
  th <- o$par
  for (k in 1:8) th <- th - solve(pc_hess(th, t, d, Z, X, f), pc_grad(th, t, d, Z, X, f))
  V <- solve(-pc_hess(th, t, d, Z, X, f))
  ll <- pc_loglik(th, t, d, Z, X, f)
  list(theta = th, loglik = ll, se = sqrt(diag(V)), gradNorm = max(abs(pc_grad(th, t, d, Z, X, f))), aic = -2 * ll + 2 * length(th),
       optimConvergence = o$convergence, cureFractionMeanProfile = unname(1 - plogis(sum(colMeans(Z) * th[seq_len(ncol(Z))]))))
}

# ---- (b) semiparametric PH mixture cure by EM ------------------------------------------------
# Breslow-type baseline survival of the uncured: jump d_j / sum_{T_i >= t_j} w_i exp(x_i beta) at each
# distinct event time; S0 = 0 after the last event time, 1 before the first.
em_baseline <- function(t, d, X, beta, w) {
  tj <- sort(unique(t[d == 1]))
  ex <- exp(drop(X %*% beta))
  lam <- vapply(tj, function(s) sum(d[t == s]) / sum(w[t >= s] * ex[t >= s]), 0)
  H <- vapply(t, function(s) sum(lam[tj <= s]), 0)
  S <- exp(-H)
  S[t > max(tj)] <- 0
  S
}
em_cure <- function(t, d, Z, X, b, beta, emmax = 50, eps = 1e-7) {
  w <- d
  s <- em_baseline(t, d, X, beta, w)
  conv <- 1000; i <- 1
  while (conv > eps && i < emmax) {
    pu <- expit(drop(Z %*% b))
    su <- s^exp(drop(X %*% beta))
    w <- d + (1 - d) * pu * su / (1 - pu + pu * su)
    nb <- suppressWarnings(coef(glm(w ~ Z - 1, family = quasibinomial)))
    keep <- w != 0
    nbeta <- coef(coxph(Surv(t[keep], d[keep]) ~ X[keep, , drop = FALSE] + offset(log(w[keep])), ties = "breslow"))
    ns <- em_baseline(t, d, X, beta, w) # as smcure: the baseline uses the previous beta
    conv <- sum(c(nb - b, nbeta - beta)^2) + sum((s - ns)^2)
    b <- nb; beta <- nbeta; s <- ns
    i <- i + 1
  }
  list(b = unname(b), beta = unname(beta), s = s, tau = conv, iterations = i - 1, w = w)
}
fit_em_cure <- function(t, d, Z, X) {
  b0 <- suppressWarnings(coef(glm(d ~ Z - 1, family = quasibinomial)))
  beta0 <- coef(coxph(Surv(t[d == 1], d[d == 1]) ~ X[d == 1, , drop = FALSE], ties = "breslow"))
  list(b0 = unname(b0), beta0 = unname(beta0), fit = em_cure(t, d, Z, X, b0, beta0))
}

cure_case <- function(name, t, d, Z, X, note) {
  wb <- fit_weibull_cure(t, d, Z, X)
  em <- if (ncol(X) > 0) fit_em_cure(t, d, Z, X) else NULL # smcure needs a latency covariate
  pz <- ncol(Z)
  ln <- fit_parametric_cure(t, d, Z, X, "lognormal")
  ll <- fit_parametric_cure(t, d, Z, X, "loglogistic")
  stopifnot(abs(fit_parametric_cure(t, d, Z, X, "weibull")$loglik - wb$loglik) < 1e-9)
  write_fixture("cure", name,
    call = paste("Weibull mixture cure: optim(theta, loglik, grad, method = 'BFGS', control = list(fnscale = -1, reltol = 1e-14))",
                 "then 5 Newton steps with a numerical Hessian (tools/oracle/cure.R fit_weibull_cure);",
                 "log-normal and log-logistic latencies: the same with pc_loglik/pc_grad, 8 Newton steps (fit_parametric_cure);",
                 "PH mixture cure: EM as smcure(model = 'ph', link = 'logit', eps = 1e-7, emmax = 50) written in base R + coxph/glm (tools/oracle/cure.R em_cure)"),
    input = list(time = t, status = d, z = lapply(seq_len(ncol(Z)), function(j) Z[, j]), zNames = I(colnames(Z)),
                 x = lapply(seq_len(ncol(X)), function(j) X[, j]), xNames = I(as.character(colnames(X)))),
    expected = list(
      weibull = list(theta = wb$theta, loglik = wb$loglik, se = wb$se, vcov = lapply(seq_len(nrow(wb$vcov)), function(r) wb$vcov[r, ]),
                     gradNorm = max(abs(wb$grad)), optimConvergence = wb$optim$convergence,
                     cureFractionMeanProfile = unname(1 - expit(sum(colMeans(Z) * wb$theta[seq_len(pz)]))), aic = -2 * wb$loglik + 2 * length(wb$theta)),
      lognormal = ln, loglogistic = ll,
      em = if (is.null(em)) NULL else list(b0 = I(em$b0), beta0 = I(em$beta0), b = I(em$fit$b), beta = I(em$fit$beta), s = em$fit$s, tau = em$fit$tau,
                iterations = em$fit$iterations, w = em$fit$w)),
    note = note)
}

# ---- case 1: simulated, seeded in R, known cure fraction ------------------------------------
set.seed(20261128)
n <- 300
z1 <- rnorm(n); z2 <- rbinom(n, 1, 0.4)
uncured <- rbinom(n, 1, expit(0.5 + 0.8 * z1 - 0.6 * z2))
lam <- 0.1; al <- 1.5; bx <- 0.5
tu <- (-log(runif(n)))^(1 / al) / (lam * exp(bx * z1))
cens <- runif(n, 0, 40)
tt <- ifelse(uncured == 1, pmin(tu, cens), cens)
dd <- as.integer(uncured == 1 & tu <= cens)
tt <- signif(tt, 12)
cure_case("sim-n300", tt, dd, cbind("(Intercept)" = 1, z1 = z1, z2 = z2), cbind(z1 = z1),
  note = paste("set.seed(20261128); n = 300; P(uncured) = expit(0.5 + 0.8 z1 - 0.6 z2), z1 ~ N(0,1), z2 ~ Bernoulli(0.4);",
               "latency Weibull lambda = 0.1, alpha = 1.5, beta(z1) = 0.5; censoring U(0, 40); times rounded to 12 significant digits"))

# ---- case 2: the example cohort (OS from the date of lung metastasis) -------------------------
root <- oracle_root()
co <- read.csv(file.path(root, "examples", "lms-metastasectomy", "cohort.csv"), stringsAsFactors = FALSE)
dt <- function(x) as.Date(x, format = "%d.%m.%Y")
os_t <- as.numeric(dt(co$date_last_followup) - dt(co$date_lung_met)) / 30.4375
os_d <- as.integer(!is.na(co$date_death) & co$date_death != "")
timing <- factor(co$timing)
Zl <- cbind("(Intercept)" = 1, n_lung_mets = co$n_lung_mets, timingsynchronous = as.numeric(timing == "synchronous"))
Xl <- cbind(age_primary = co$age_primary)
cure_case("lms-cohort", os_t, os_d, Zl, Xl,
  note = "examples/lms-metastasectomy/cohort.csv: OS in months (30.4375 days) from date_lung_met to date_death (event) or date_last_followup; incidence ~ n_lung_mets + timing, latency ~ age_primary")

# ---- case 2b: the example cohort, intercept-only (the referee's latency comparison: no covariates) -------
cure_case("lms-cohort-intercept", os_t, os_d, cbind("(Intercept)" = rep(1, length(os_t))), matrix(numeric(0), length(os_t), 0, dimnames = list(NULL, character(0))),
  note = "examples/lms-metastasectomy/cohort.csv: OS in months from date_lung_met; intercept-only incidence, no latency covariates (compare the latencies by AIC)")

# ---- case 3: tied times (whole months), events and censorings tied at the same times ----------
set.seed(7)
n <- 150
z1 <- rnorm(n); x2 <- rbinom(n, 1, 0.5)
uncured <- rbinom(n, 1, expit(0.2 + 0.7 * z1))
tu <- (-log(runif(n)))^(1 / 1.2) / (0.08 * exp(0.6 * x2))
cens <- runif(n, 1, 36)
tt <- ceiling(ifelse(uncured == 1, pmin(tu, cens), cens))
dd <- as.integer(uncured == 1 & tu <= cens)
cure_case("sim-ties-n150", tt, dd, cbind("(Intercept)" = 1, z1 = z1), cbind(x2 = x2, z1 = z1),
  note = paste("set.seed(7); n = 150; P(uncured) = expit(0.2 + 0.7 z1); latency Weibull lambda = 0.08, alpha = 1.2, beta(x2) = 0.6;",
               "censoring U(1, 36); times rounded up to whole months (many ties of events and censorings)"))
