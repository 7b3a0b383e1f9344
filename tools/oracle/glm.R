# Oracle for src/regression/logistic.ts: stats::glm(family = binomial) on MatchIt's lalonde and small cases.
# Writes test/fixtures/r/glm/<case>.json. Run: Rscript tools/oracle/glm.R
args <- commandArgs(trailingOnly = FALSE); here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)]))); source(file.path(here, "common.R"))
data("lalonde", package = "MatchIt")

glm_case <- function(name, call_text, X, y, weights = NULL, offset = NULL, note = NULL, packages = c("stats")) {
  ws <- character(0)
  fit <- withCallingHandlers(
    glm.fit(x = X, y = y, weights = weights, offset = offset, family = binomial()),
    warning = function(w) { ws <<- c(ws, conditionMessage(w)); invokeRestart("muffleWarning") })
  # the same numbers through the formula interface are checked below for the lalonde case
  class(fit) <- c("glm", "lm")
  fit$call <- quote(glm.fit())
  fit$offset <- offset
  fit$prior.weights <- if (is.null(weights)) rep(1, length(y)) else weights
  s <- summary.glm(fit)
  cf <- coef(fit)
  se <- rep(NA_real_, length(cf)); z <- se; p <- se
  names(se) <- names(cf)
  ok <- !is.na(cf)
  se[ok] <- s$coefficients[, 2]; z[ok] <- s$coefficients[, 3]; p[ok] <- s$coefficients[, 4]
  null_dev <- fit$null.deviance
  if (!is.null(offset) && "(Intercept)" %in% colnames(X)) {
    fit2 <- suppressWarnings(glm.fit(x = X[, "(Intercept)", drop = FALSE], y = y, weights = weights, offset = offset,
                                     mustart = fit$fitted.values, family = binomial(), intercept = TRUE))
    null_dev <- fit2$deviance
  }
  input <- list(columnNames = colnames(X), x = lapply(seq_len(ncol(X)), function(j) unname(X[, j])), y = unname(y))
  if (!is.null(weights)) input$weights <- unname(weights)
  if (!is.null(offset)) input$offset <- unname(offset)
  expected <- list(coef = unname(cf), se = unname(se), z = unname(z), p = unname(p),
                   deviance = fit$deviance, nullDeviance = null_dev, aic = fit$aic,
                   dfResidual = fit$df.residual, dfNull = fit$df.null, rank = fit$rank,
                   iter = fit$iter, converged = fit$converged,
                   fitted = unname(fit$fitted.values), linearPredictors = unname(fit$linear.predictors),
                   vcov = unname(s$cov.unscaled), warnings = I(ws))
  write_fixture("glm", name, call_text, input, expected, packages = packages, note = note)
}

# 1. propensity model on lalonde (formula interface; check glm() and glm.fit agree)
f <- treat ~ age + educ + race + married + nodegree + re74 + re75
X <- model.matrix(f, data = lalonde)
full <- glm(f, data = lalonde, family = binomial)
stopifnot(isTRUE(all.equal(coef(full), coef(glm.fit(X, lalonde$treat, family = binomial())), tolerance = 1e-14)))
glm_case("lalonde-ps", "glm(treat ~ age + educ + race + married + nodegree + re74 + re75, data = lalonde, family = binomial)",
         X, lalonde$treat, packages = c("stats", "MatchIt"),
         note = "MatchIt::lalonde; race is a factor (reference level black): columns are model.matrix() columns")

# 2. aliased column: re_sum = re74 + re75 placed after re74 and re75 -> NA
lal <- lalonde; lal$re_sum <- lal$re74 + lal$re75
f2 <- treat ~ age + educ + race + married + nodegree + re74 + re75 + re_sum
X2 <- model.matrix(f2, data = lal)
glm_case("lalonde-aliased", "glm(treat ~ age + educ + race + married + nodegree + re74 + re75 + re_sum, data = lal, family = binomial) with re_sum = re74 + re75",
         X2, lal$treat, packages = c("stats", "MatchIt"), note = "re_sum is aliased: R reports NA for it")

# 2b. aliased column first among collinear ones: R pivots it to the end only if it is negligible when reached
lal$age2 <- 2 * lal$age
X2b <- model.matrix(treat ~ age2 + age + educ, data = lal)
glm_case("lalonde-aliased-dup", "glm(treat ~ age2 + age + educ, data = lal, family = binomial) with age2 = 2 * age",
         X2b, lal$treat, packages = c("stats", "MatchIt"), note = "age (after age2) is aliased")

# 3. non-integer prior weights (AIC uses rounded weights)
w <- 1 + (lalonde$age %% 3) / 2
glm_case("lalonde-weights", "glm(treat ~ age + educ + race + married + nodegree + re74 + re75, data = lalonde, family = binomial, weights = 1 + (age %% 3)/2)",
         X, lalonde$treat, weights = w, packages = c("stats", "MatchIt"), note = "non-integer weights: R warns 'non-integer #successes'")

# 4. zero weights and an offset
w0 <- rep(1, nrow(lalonde)); w0[seq(5, nrow(lalonde), by = 7)] <- 0
off <- (lalonde$educ - 10) / 10
X4 <- model.matrix(treat ~ age + married + re74, data = lalonde)
glm_case("lalonde-offset-zero-weights", "glm(treat ~ age + married + re74 + offset((educ - 10)/10), data = lalonde, family = binomial, weights = w0) with w0 = 0 every 7th row from row 5",
         X4, lalonde$treat, weights = w0, offset = off, packages = c("stats", "MatchIt"))

# 5. tiny unsorted data, derivable by hand in principle
x5 <- c(3.2, 1.1, 4.5, 2.0, 5.8, 0.7, 3.9, 2.6)
y5 <- c(1, 0, 1, 0, 1, 0, 0, 1)
glm_case("tiny", "glm(y ~ x, family = binomial) with x = c(3.2, 1.1, 4.5, 2.0, 5.8, 0.7, 3.9, 2.6), y = c(1, 0, 1, 0, 1, 0, 0, 1)",
         cbind("(Intercept)" = 1, x = x5), y5)

# 6. complete separation by one covariate
x6 <- c(1, 2, 3, 4, 5, 6, 7, 8, 9, 10); z6 <- c(0.3, -1.2, 0.8, 0.1, -0.5, 1.4, -0.9, 0.6, 0.2, -0.3)
y6 <- as.numeric(x6 > 5.5)
glm_case("separation-complete", "glm(y ~ x + z, family = binomial) with y = x > 5.5",
         cbind("(Intercept)" = 1, x = x6, z = z6), y6, note = "complete separation by x: R warns, coefficients diverge")

# 7. quasi-complete separation by a dummy on lalonde: treated-only indicator for hispanic with educ > 12
lal$hisp_hi <- as.numeric(lal$race == "hispan" & lal$educ > 10 & lal$treat == 1)
X7 <- model.matrix(treat ~ age + educ + hisp_hi, data = lal)
glm_case("lalonde-quasi-separation", "glm(treat ~ age + educ + hisp_hi, data = lal, family = binomial) with hisp_hi = (race == 'hispan' & educ > 10 & treat == 1)",
         X7, lal$treat, packages = c("stats", "MatchIt"), note = "hisp_hi = 1 only among treated: quasi-complete separation")
cat("glm fixtures written\n")

# ---- Firth's penalised logistic regression (logistf is not packaged for Debian bookworm) ----------------
# Base-R oracle from the definition: maximise l*(b) = l(b) + 0.5 log|X'WX| by Newton-Raphson on the modified
# score U* = X'(y - mu + h (1/2 - mu)); cross-checked against optim(BFGS) on l* itself; profile penalised-
# likelihood CIs {b: 2(l*max - l*_profile(b)) <= qchisq(.95, 1)} by uniroot; penalised LR p-values.
pll_fn <- function(X, y, b) {
  eta <- drop(X %*% b); mu <- plogis(eta)
  l <- sum(y * eta - ifelse(eta > 0, eta + log1p(exp(-eta)), log1p(exp(eta))))
  l + 0.5 * as.numeric(determinant(crossprod(X * sqrt(mu * (1 - mu))))$modulus)
}
firth_newton <- function(X, y, fixed_j = integer(0), fixed_v = numeric(0), start = rep(0, ncol(X)), tol = 1e-12, maxit = 500) {
  p <- ncol(X); b <- start; b[fixed_j] <- fixed_v
  free <- setdiff(seq_len(p), fixed_j)
  for (it in seq_len(maxit)) {
    eta <- drop(X %*% b); mu <- plogis(eta); W <- mu * (1 - mu)
    I <- crossprod(X * sqrt(W)); Iinv <- solve(I)
    h <- W * rowSums((X %*% Iinv) * X)
    U <- drop(crossprod(X, y - mu + h * (0.5 - mu)))
    delta <- rep(0, p); delta[free] <- solve(I[free, free, drop = FALSE], U[free])
    if (max(abs(delta)) < tol) break
    if (max(abs(delta)) > 5) delta <- delta * 5 / max(abs(delta))
    old <- pll_fn(X, y, b); s <- 1
    repeat { nb <- b + s * delta; if (pll_fn(X, y, nb) >= old - 1e-13 * abs(old) || s < 1e-8) break; s <- s / 2 }
    b <- nb
  }
  list(b = b, pll = pll_fn(X, y, b), vcov = Iinv, iter = it)
}
firth_case <- function(name, call_text, X, y, note = NULL, packages = c("stats")) {
  fit <- firth_newton(X, y)
  opt <- optim(rep(0, ncol(X)), function(b) -pll_fn(X, y, b), method = "BFGS", control = list(reltol = 1e-15, maxit = 10000))
  # Newton's optimum must be at least as high as BFGS's (BFGS stalls on unscaled lalonde columns)
  stopifnot(-opt$value <= fit$pll + 1e-9)
  if (ncol(X) <= 3 && nrow(X) < 50) stopifnot(max(abs(opt$par - fit$b)) < 1e-4)
  q <- qchisq(0.95, 1)
  prof <- function(j, v) firth_newton(X, y, fixed_j = j, fixed_v = v, start = fit$b)$pll
  se <- sqrt(diag(fit$vcov))
  lower <- upper <- pLR <- numeric(ncol(X))
  for (j in seq_len(ncol(X))) {
    f <- function(v) 2 * (fit$pll - prof(j, v)) - q
    k <- 1; while (f(fit$b[j] - k * se[j]) < 0) k <- k * 2
    lower[j] <- uniroot(f, c(fit$b[j] - k * se[j], fit$b[j]), tol = 1e-12)$root
    k <- 1; while (f(fit$b[j] + k * se[j]) < 0) k <- k * 2
    upper[j] <- uniroot(f, c(fit$b[j], fit$b[j] + k * se[j]), tol = 1e-12)$root
    pLR[j] <- pchisq(max(0, 2 * (fit$pll - prof(j, 0))), 1, lower.tail = FALSE)
  }
  write_fixture("glm", name, call_text,
                input = list(columnNames = colnames(X), x = lapply(seq_len(ncol(X)), function(j) unname(X[, j])), y = unname(y)),
                expected = list(coef = unname(fit$b), se = unname(se), penalisedLogLik = fit$pll, lower = lower, upper = upper,
                                pLR = pLR, vcov = unname(fit$vcov)),
                packages = packages,
                note = paste("logistf not in Debian: Firth's l* = l + 0.5 log|I| maximised in base R (Newton on the modified score, checked with optim); profile CIs by uniroot.", if (is.null(note)) "" else note))
}
firth_case("firth-separation-complete", "logistf::logistf(y ~ x + z, firth = TRUE, pl = TRUE) with y = x > 5.5 (base-R definition)",
           cbind("(Intercept)" = 1, x = x6, z = z6), y6)
firth_case("firth-tiny", "logistf::logistf(y ~ x, firth = TRUE, pl = TRUE) on the tiny data (base-R definition)",
           cbind("(Intercept)" = 1, x = x5), y5)
firth_case("firth-lalonde-quasi-separation", "logistf::logistf(treat ~ age + educ + hisp_hi, data = lal, firth = TRUE, pl = TRUE) (base-R definition)",
           X7, lal$treat, packages = c("stats", "MatchIt"))
cat("firth fixtures written\n")
