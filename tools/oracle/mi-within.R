# The propensity-score "within" approach to multiple imputation (Leyrat et al. 2019, Stat Methods Med
# Res 28:3-19, doi:10.1177/0962280217713032): on each completed dataset of a mice() run, the PS model is
# fitted, the IPTW Cox model (ATE weights, robust SE) and the g-formula survival difference
# (riskRegression::ate) are estimated, and the m estimates are pooled with mice::pool / mice::pool.scalar.
# Writes test/fixtures/mi/within-<case>.json with the completed datasets, so the TypeScript side is
# checked on the same data without reproducing R's random numbers (the imputation itself is checked in
# mice.R). Run: Rscript tools/oracle/mi-within.R
source(file.path(dirname(normalizePath(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE)[1]))), "common.R"))
suppressPackageStartupMessages({ library(mice); library(survival); library(riskRegression) })

write_mi <- function(name, call, input, expected, packages, note = NULL) {
  dir <- file.path(oracle_root(), "test", "fixtures", "mi")
  dir.create(dir, recursive = TRUE, showWarnings = FALSE)
  obj <- list(call = call, r_version = R.version.string, packages = pkg_versions(packages),
              input = input, expected = expected)
  if (!is.null(note)) obj$note <- note
  txt <- toJSON(obj, auto_unbox = TRUE, digits = NA, na = "null", null = "null", pretty = FALSE, matrix = "rowmajor")
  writeLines(txt, file.path(dir, paste0(name, ".json")))
}

pooled_fields <- function(pl, s) list(term = as.character(pl$pooled$term), estimate = pl$pooled$estimate,
  ubar = pl$pooled$ubar, b = pl$pooled$b, t = pl$pooled$t, dfcom = pl$pooled$dfcom, df = pl$pooled$df,
  riv = pl$pooled$riv, lambda = pl$pooled$lambda, fmi = pl$pooled$fmi, stdError = s$std.error,
  statistic = s$statistic, p = s$p.value, lower = s[["2.5 %"]], upper = s[["97.5 %"]])

within_case <- function(name, d, m, seed, times, estimand = "ATE", stabilize = FALSE) {
  imp <- mice(d, m = m, seed = seed, printFlag = FALSE)
  completed <- lapply(seq_len(m), function(k) complete(imp, k))
  per <- list()
  fits <- list()
  sd_q <- matrix(NA_real_, m, length(times)); sd_u <- sd_q
  for (k in seq_len(m)) {
    ck <- completed[[k]]
    ps <- fitted(glm(treat ~ x1 + x2 + x3, family = binomial, data = ck))
    pi1 <- mean(ck$treat)
    ck$w <- ps_weights(ps, ck$treat, estimand, stabilize, pi1)
    fit <- coxph(Surv(time, status) ~ treat, data = ck, weights = w, robust = TRUE)
    fits[[k]] <- fit
    ck$treatf <- factor(ck$treat)
    a <- ate(event = coxph(Surv(time, status) ~ treatf + x1 + x2 + x3, data = ck, x = TRUE, y = TRUE),
             treatment = "treatf", data = ck, times = times, estimator = "GFORMULA", verbose = FALSE, se = TRUE, band = FALSE)
    dd <- as.data.frame(a$diffRisk)
    # survival difference S1 - S0 = -(risk difference F1 - F0); same SE
    sd_q[k, ] <- -dd$estimate
    sd_u[k, ] <- dd$se^2
    per[[k]] <- list(ps = unname(ps), coef = unname(coef(fit)), robustSe = unname(sqrt(diag(fit$var))),
                     survDiff = -dd$estimate, survDiffSe = dd$se)
  }
  pl <- pool(as.mira(fits))
  s <- summary(pl, conf.int = TRUE)
  n <- nrow(d)
  scal <- lapply(seq_along(times), function(j) {
    ps <- pool.scalar(sd_q[, j], sd_u[, j], n = n, k = 1)
    list(time = times[j], qbar = ps$qbar, ubar = ps$ubar, b = ps$b, t = ps$t, df = ps$df, r = ps$r, fmi = ps$fmi)
  })
  data_k <- lapply(completed, function(ck) list(time = ck$time, status = ck$status, treat = ck$treat,
    x1 = ck$x1, x2 = ck$x2, x3 = as.character(ck$x3)))
  write_mi(paste0("within-", name),
    paste0("imp <- mice(d, m = ", m, ", seed = ", seed, "); per completed dataset: glm(treat ~ x1 + x2 + x3, binomial); ",
           estimand, " weights", if (stabilize) " (stabilised)" else "", "; coxph(Surv(time, status) ~ treat, weights = w, robust = TRUE); ",
           "ate(coxph(Surv(time, status) ~ treatf + x1 + x2 + x3), estimator = 'GFORMULA', times); ",
           "pool(as.mira(fits)); pool.scalar(-diffRisk, se^2, n = nrow(d), k = 1)"),
    input = list(n = n, m = m, estimand = estimand, stabilize = stabilize, times = times,
                 original = list(x1 = d$x1, x2 = d$x2, x3 = as.character(d$x3)), completed = data_k),
    expected = c(list(perImputation = per, survivalDifference = scal), pooled_fields(pl, s)),
    packages = c("mice", "survival", "riskRegression"),
    note = "Completed datasets exported from mice(); the TypeScript test fits the same models on them and pools (Rubin's rules, Barnard-Rubin df). Continuous times without ties (riskRegression's Cox influence function is wrong with ties).")
}

# a confounded cohort with MAR covariates: x1 numeric (missing more often when treated), x3 factor (missing more often with an event)
sim <- function(n, seed) {
  set.seed(seed)
  x1 <- rnorm(n, 60, 10); x2 <- rbinom(n, 1, 0.45); x3 <- factor(sample(c("a", "b", "c"), n, TRUE, c(0.5, 0.3, 0.2)))
  treat <- rbinom(n, 1, plogis(-0.5 + 0.04 * (x1 - 60) + 0.6 * x2 - 0.5 * (x3 == "c")))
  lp <- -0.5 * treat + 0.03 * (x1 - 60) + 0.4 * x2 + 0.5 * (x3 == "b") + 0.9 * (x3 == "c")
  t_event <- rexp(n, 0.05 * exp(lp)); t_cens <- runif(n, 5, 40)
  time <- pmin(t_event, t_cens); status <- as.integer(t_event <= t_cens)
  d <- data.frame(time = time, status = status, treat = treat, x1 = x1, x2 = x2, x3 = x3)
  d$x1[runif(n) < plogis(-2 + 1 * treat)] <- NA
  d$x3[runif(n) < plogis(-2.5 + 0.8 * status)] <- NA
  d
}
within_case("ate-n200", sim(200, 20261205), m = 5, seed = 41, times = c(5, 15))
within_case("ate-stabilised-n120", sim(120, 7), m = 4, seed = 9, times = c(10), stabilize = TRUE)
