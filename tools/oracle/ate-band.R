# Simultaneous confidence bands of standardised survival (riskRegression::ate(band = TRUE), 2022.11.28):
# the quantile of max_t |sum_i G_i IF_i(t) / SE(t)| under Gaussian multipliers G. Writes
# test/fixtures/r/ate-band/<case>.json with the data, riskRegression's influence functions and SEs per arm,
# its band quantiles (nsim.band = 10000, R's RNG: agreement within Monte-Carlo error only), and a base-R
# statement of the same quantile with deterministic multipliers G[b, i] = qnorm(frac(sin(k) * 43758.5453)),
# k = b n + i + 1, b = 0..nsim-1, i = 0..n-1 (a hash both sides compute to ~1e-11), which the TypeScript side
# reproduces to 1e-8, and the exact quantile of max_t |Z_t|, Z ~ N(0, corr of the standardised influence
# functions), by mvtnorm::qmvnorm (numerical integration, error ~1e-3).
# Run: Rscript tools/oracle/ate-band.R
source(file.path(dirname(normalizePath(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE)[1]))), "common.R"))
suppressPackageStartupMessages({ library(survival); library(riskRegression) })

hash_draws <- function(n, nsim) {
  k <- outer(0:(n - 1), 0:(nsim - 1), function(i, b) b * n + i + 1) # n x nsim, column b
  x <- sin(k) * 43758.5453
  qnorm(x - floor(x))
}
exact_quantile <- function(iid, se, conf = 0.95) {
  rho <- crossprod(sweep(iid, 2, se, "/"))
  set.seed(1)
  mvtnorm::qmvnorm(conf, tail = "both.tails", corr = cov2cor(rho))$quantile
}
band_quantile_base <- function(iid, se, G, conf = 0.95) {
  keep <- se > 0
  Z <- t(G) %*% iid[, keep, drop = FALSE]            # nsim x T
  sup <- apply(abs(sweep(Z, 2, se[keep], "/")), 1, max)
  unname(quantile(sup, conf, type = 7))
}

band_case <- function(name, d, times, estimators, nsim_det = 500) {
  d$treatf <- factor(d$treat)
  fit <- coxph(Surv(time, status) ~ treatf + x1 + x2, data = d, ties = "breslow", x = TRUE, y = TRUE)
  ps <- glm(treatf ~ x1 + x2, data = d, family = binomial)
  cens <- coxph(Surv(time, status == 0) ~ treatf + x1 + x2, data = d, ties = "breslow", x = TRUE, y = TRUE)
  G <- hash_draws(nrow(d), nsim_det)
  out <- list()
  for (est in estimators) {
    set.seed(2026)
    a <- if (est == "GFORMULA") {
      ate(fit, treatment = "treatf", data = d, times = times, estimator = est, verbose = FALSE, se = TRUE, band = TRUE, nsim.band = 10000, store = list(iid = TRUE))
    } else {
      ate(fit, treatment = ps, censor = cens, data = d, times = times, estimator = est, verbose = FALSE, se = TRUE, band = TRUE, nsim.band = 10000, store = list(iid = TRUE), cause = 1)
    }
    iid0 <- a$iid[[est]][["0"]]; iid1 <- a$iid[[est]][["1"]]
    mr <- as.data.frame(a$meanRisk); dr <- as.data.frame(a$diffRisk)
    se0 <- mr$se[mr$treatment == "0"]; se1 <- mr$se[mr$treatment == "1"]
    stopifnot(max(abs(sqrt(colSums(iid0^2)) - se0)) < 1e-10)
    iidd <- iid1 - iid0
    out[[est]] <- list(
      risk0 = mr$estimate[mr$treatment == "0"], risk1 = mr$estimate[mr$treatment == "1"], se0 = se0, se1 = se1,
      seDiff = dr$se, iid0 = unname(iid0), iid1 = unname(iid1),
      quantileR = list(untreated = mr$quantileBand[mr$treatment == "0"][1], treated = mr$quantileBand[mr$treatment == "1"][1], difference = dr$quantileBand[1]),
      quantileBase = list(untreated = band_quantile_base(iid0, se0, G), treated = band_quantile_base(iid1, se1, G), difference = band_quantile_base(iidd, dr$se, G)),
      quantileExact = list(untreated = exact_quantile(iid0, se0), treated = exact_quantile(iid1, se1), difference = exact_quantile(iidd, dr$se)))
  }
  write_fixture("ate-band", name,
    call = paste0("ate(coxph(Surv(time, status) ~ treatf + x1 + x2, ties = 'breslow'), ..., times = c(", paste(times, collapse = ", "),
                  "), band = TRUE, nsim.band = 10000, store = list(iid = TRUE)); base R: quantile(apply(abs(t(G) %*% iid / se), 1, max), 0.95) with G = qnorm(frac(sin(k) * 43758.5453)); mvtnorm::qmvnorm(0.95, tail = 'both.tails', corr)"),
    input = list(time = d$time, status = d$status, treat = d$treat, x1 = d$x1, x2 = d$x2, times = times, nsimDeterministic = nsim_det, nsimR = 10000),
    expected = out, packages = c("survival", "riskRegression", "mvtnorm"),
    note = "Continuous times without ties (riskRegression's Cox influence function is wrong with ties). quantileR uses R's random multipliers: compare within Monte-Carlo error.")
}

set.seed(1); n <- 150
d <- data.frame(x1 = rnorm(n), x2 = rbinom(n, 1, 0.5))
d$treat <- rbinom(n, 1, plogis(0.3 * d$x1))
tt <- rexp(n, 0.1 * exp(0.5 * d$x1 - 0.4 * d$treat)); cc <- runif(n, 2, 20)
d$time <- pmin(tt, cc); d$status <- as.integer(tt <= cc)
band_case("sim-n150", d, c(3, 6, 9), c("GFORMULA", "AIPTW"))
