# Multiple imputation (mice 3.15.0): the deterministic parts of mice's univariate imputation models and
# Rubin's rules as mice::pool / mice::pool.scalar compute them. Writes test/fixtures/mi/<case>.json.
# Random draws are recorded by replaying R's RNG with the same seed in the order mice consumes it, so the
# TypeScript side can be checked draw-for-draw (given the draws) without reproducing R's generator.
source(file.path(dirname(normalizePath(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE)[1]))), "common.R"))
suppressPackageStartupMessages({ library(mice); library(survival); library(nnet) })
# estimice's ridge branch logs through updateLog(), which needs the state that mice() creates (and loops
# without it); the collinear case therefore replays estimice's ridge branch with updateLog() stubbed out.
estimice_quiet <- mice:::estimice
environment(estimice_quiet) <- list2env(list(updateLog = function(...) NULL, get.printFlag = function() FALSE),
                                        parent = asNamespace("mice"))
norm_draw_quiet <- mice:::.norm.draw
environment(norm_draw_quiet) <- list2env(list(estimice = estimice_quiet), parent = asNamespace("mice"))

write_mi <- function(name, call, input, expected, packages = c("mice"), note = NULL) {
  dir <- file.path(oracle_root(), "test", "fixtures", "mi")
  dir.create(dir, recursive = TRUE, showWarnings = FALSE)
  obj <- list(call = call, r_version = R.version.string, packages = pkg_versions(packages),
              input = input, expected = expected)
  if (!is.null(note)) obj$note <- note
  txt <- toJSON(obj, auto_unbox = TRUE, digits = NA, na = "null", null = "null", pretty = FALSE, matrix = "rowmajor")
  writeLines(txt, file.path(dir, paste0(name, ".json")))
}

# ---- 1. normal linear model (mice:::estimice, ls.meth = "qr") and the Bayesian draw (.norm.draw) ----
norm_case <- function(name, y, ry, x, seed, note = NULL) {
  X <- cbind(1, as.matrix(x))
  est <- estimice_quiet(X[ry, , drop = FALSE], y[ry])
  set.seed(seed)
  parm <- norm_draw_quiet(y, ry, X)
  set.seed(seed)
  chisq <- rchisq(1, est$df)
  z <- rnorm(ncol(X))
  write_mi(paste0("norm-", name), "mice:::estimice(cbind(1, x)[ry, ], y[ry]); set.seed(seed); mice:::.norm.draw(y, ry, cbind(1, x))",
    input = list(y = y, ry = ry, x = unname(as.matrix(x)), seed = seed),
    expected = list(coef = as.numeric(est$c), v = unname(est$v), df = est$df, rss = sum(est$r^2),
                    draws = list(chisq = chisq, z = z), beta = as.numeric(parm$beta), sigma = parm$sigma), note = note)
}
set.seed(11)
n <- 30; x1 <- rnorm(n, 50, 10); x2 <- rbinom(n, 1, 0.4); x3 <- runif(n)
y <- 2 + 0.1 * x1 - 0.8 * x2 + rnorm(n)
ry <- rep(TRUE, n); ry[c(3, 7, 12, 20, 28)] <- FALSE
norm_case("basic", y, ry, cbind(x1, x2, x3), seed = 101)
norm_case("collinear", y, ry, cbind(x1, x2, 2 * x1), seed = 102,
  note = "x3 = 2 * x1: lm.fit pivots the aliased column last, solve(crossprod(R)) fails, and estimice adds the ridge diag(R'R) * 1e-5; the NA coefficient becomes 0 (rank.adjust)")

# ---- 2. predictive mean matching (mice.impute.pmm, matchtype 1, donors 5) ----
pmm_case <- function(name, y, ry, x, seed, donors = 5L) {
  X <- cbind(1, as.matrix(x))
  df <- max(sum(ry) - ncol(X), 1)
  set.seed(seed)
  chisq <- rchisq(1, df); z <- rnorm(ncol(X))
  shuffle <- sample(sum(ry)); h <- sample(seq_len(min(donors, sum(ry))), sum(!ry), replace = TRUE)
  set.seed(seed)
  imp <- mice.impute.pmm(y, ry, as.matrix(x), donors = donors)
  set.seed(seed)
  parm <- mice:::.norm.draw(y, ry, X)
  yhatobs <- drop(X[ry, , drop = FALSE] %*% parm$coef); yhatmis <- drop(X[!ry, , drop = FALSE] %*% parm$beta)
  set.seed(seed + 1)
  idx <- mice:::matchindex(yhatobs, yhatmis, donors)
  set.seed(seed + 1)
  shuffle2 <- sample(length(yhatobs)); h2 <- sample(seq_len(min(donors, length(yhatobs))), length(yhatmis), replace = TRUE)
  write_mi(paste0("pmm-", name), "set.seed(seed); mice.impute.pmm(y, ry, x, donors = 5)",
    input = list(y = y, ry = ry, x = unname(as.matrix(x)), seed = seed, donors = donors),
    expected = list(draws = list(chisq = chisq, z = z, shuffle = shuffle, h = h), imputed = imp,
                    matchindex = list(d = yhatobs, t = yhatmis, shuffle = shuffle2, h = h2, idx = idx)),
    note = "matchindex(d, t, k) draws sample(length(d)) to break ties, then sample(1:k, length(t), replace = TRUE)")
}
set.seed(12)
n <- 40; a <- rnorm(n); b <- rbinom(n, 1, 0.5)
yy <- round(10 + 3 * a + 2 * b + rnorm(n), 1)
ryy <- rep(TRUE, n); ryy[c(2, 5, 9, 14, 15, 22, 30, 31, 38)] <- FALSE
pmm_case("basic", yy, ryy, cbind(a, b), seed = 201)
yt <- yy; yt[ryy] <- round(yt[ryy])  # many ties in the donors' values and fitted means
pmm_case("ties", yt, ryy, cbind(b), seed = 202)

# ---- 3. logistic (mice.impute.logreg with augment()) ----
logreg_case <- function(name, y, ry, x, seed) {
  aug <- mice:::augment(y, ry, as.matrix(x), !ry)
  X <- cbind(1, as.matrix(aug$x))
  fit <- suppressWarnings(glm.fit(x = X[aug$ry, , drop = FALSE], y = aug$y[aug$ry], family = quasibinomial(link = logit), weights = aug$w[aug$ry]))
  s <- summary.glm(fit)
  set.seed(seed)
  z <- rnorm(ncol(X)); u <- runif(sum(!ry))
  set.seed(seed)
  imp <- suppressWarnings(mice.impute.logreg(y, ry, as.matrix(x)))
  write_mi(paste0("logreg-", name), "set.seed(seed); mice.impute.logreg(y, ry, x)",
    input = list(y = y, ry = ry, x = unname(as.matrix(x)), seed = seed),
    expected = list(augX = unname(as.matrix(aug$x)), augY = as.numeric(aug$y), augW = aug$w,
                    coef = unname(coef(fit)), covUnscaled = unname(s$cov.unscaled), draws = list(z = z, u = u),
                    imputed = as.numeric(imp)))
}
set.seed(13)
n <- 50; a <- rnorm(n); g <- rbinom(n, 1, 0.5)
yb <- rbinom(n, 1, plogis(-0.3 + 1.2 * a - 0.7 * g))
ryb <- rep(TRUE, n); ryb[c(1, 6, 11, 17, 23, 29, 34, 44)] <- FALSE
logreg_case("basic", yb, ryb, cbind(a, g), seed = 301)
ys <- as.integer(a > 0)  # perfect prediction among the observed: augmentation keeps the fit finite
logreg_case("separation", ys, ryb, cbind(a, g), seed = 302)

# ---- 4. multinomial (mice.impute.polyreg: nnet::multinom on the augmented data) ----
# nnet's BFGS stops at reltol 1e-8 on the deviance, so its coefficients agree with the exact MLE to ~1e-4
# only. The exact weighted-multinomial MLE is computed here by Newton-Raphson from nnet's solution
# (base R, by definition), and nnet's own fit is kept for reference.
multinom_newton <- function(Y, X, w, start) {
  K <- ncol(Y); p <- ncol(X)
  beta <- start
  for (it in 1:100) {
    eta <- cbind(0, X %*% beta); P <- exp(eta - apply(eta, 1, max)); P <- P / rowSums(P)
    g <- as.vector(crossprod(X, w * (Y[, -1, drop = FALSE] - P[, -1, drop = FALSE])))
    H <- matrix(0, p * (K - 1), p * (K - 1))
    for (k in 2:K) for (l in 2:K) {
      wk <- w * P[, k] * ((k == l) - P[, l])
      H[(k - 2) * p + 1:p, (l - 2) * p + 1:p] <- crossprod(X, wk * X)
    }
    step <- solve(H, g)
    beta <- beta + matrix(step, p, K - 1)
    if (max(abs(step)) < 1e-13) break
  }
  list(beta = beta, probs = P, vcov = solve(H))
}
polyreg_case <- function(name, y, ry, x, seed) {
  aug <- mice:::augment(y, ry, as.matrix(x), !ry)
  fy <- aug$y; X <- cbind(1, as.matrix(aug$x)); w <- aug$w
  Y <- model.matrix(~ fy - 1)
  set.seed(seed)
  u <- runif(sum(!ry))
  set.seed(seed)
  imp <- mice.impute.polyreg(y, ry, as.matrix(x))
  xy <- cbind.data.frame(y = fy, x = aug$x)
  fit <- nnet::multinom(formula(xy), data = xy[aug$ry, , drop = FALSE], weights = w[aug$ry], maxit = 100, trace = FALSE)
  start <- t(coef(fit))
  ex <- multinom_newton(Y[aug$ry, , drop = FALSE], X[aug$ry, , drop = FALSE], w[aug$ry], start)
  eta <- cbind(0, X[aug$wy, , drop = FALSE] %*% ex$beta); post <- exp(eta) / rowSums(exp(eta))
  write_mi(paste0("polyreg-", name), "set.seed(seed); mice.impute.polyreg(y, ry, x)",
    input = list(y = as.integer(y), levels = levels(y), ry = ry, x = unname(as.matrix(x)), seed = seed),
    expected = list(augX = unname(as.matrix(aug$x)), augY = as.integer(aug$y), augW = aug$w,
                    coef = unname(t(ex$beta)), nnetCoef = unname(coef(fit)), probsMissing = unname(post),
                    draws = list(u = u), imputed = as.character(imp)),
    packages = c("mice", "nnet"),
    note = "coef: rows = levels 2..K, columns = intercept and x; exact MLE by Newton-Raphson started at nnet's BFGS solution (nnetCoef)")
}
set.seed(14)
n <- 60; a <- rnorm(n); g <- rbinom(n, 1, 0.5)
eta2 <- 0.2 + 0.8 * a; eta3 <- -0.5 - 0.6 * a + 0.9 * g
pr <- cbind(1, exp(eta2), exp(eta3)); pr <- pr / rowSums(pr)
yc <- factor(apply(pr, 1, function(p) sample(c("low", "mid", "high"), 1, prob = p)), levels = c("low", "mid", "high"))
ryc <- rep(TRUE, n); ryc[c(4, 8, 15, 16, 27, 33, 41, 52, 59)] <- FALSE
polyreg_case("basic", yc, ryc, cbind(a, g), seed = 401)

# ---- 5. the example cohort: md.pattern, mice with the outcome, pooled Cox and logistic fits ----
d <- example_os_cohort()
d$trt <- as.integer(d$metastasectomy == "yes")
d$male <- as.integer(d$sex == "male")
d$synchronous <- as.integer(d$timing == "synchronous")
vars <- c("age_primary", "male", "primary_size_mm", "n_lung_mets", "synchronous", "grade")
pat <- md.pattern(d[, vars], plot = FALSE)
write_mi("md-pattern-example", "md.pattern(cohort[, vars], plot = FALSE)",
  input = list(columns = vars, data = lapply(d[, vars], function(v) v)),
  expected = list(pattern = unname(pat), rowCounts = as.integer(rownames(pat)[-nrow(pat)]), columns = colnames(pat)))

dd <- d[, c("time", "status", "trt", vars)]
dd$H <- nelsonaalen(dd, time, status)
write_mi("nelson-aalen-example", "mice::nelsonaalen(cohort, time, status)",
  input = list(time = dd$time, status = dd$status), expected = list(H = dd$H), packages = c("mice", "survival"))
meth <- make.method(dd); meth[c("time")] <- ""
pred <- make.predictorMatrix(dd); pred[, "time"] <- 0
imp <- mice(dd, m = 5, maxit = 5, seed = 2026, method = meth, predictorMatrix = pred, printFlag = FALSE)
completed <- lapply(1:5, function(i) complete(imp, i))
fits <- lapply(completed, function(c) coxph(Surv(time, status) ~ trt + age_primary + primary_size_mm + n_lung_mets + grade, data = c))
pooled_cox <- pool(as.mira(fits))
sc <- summary(pooled_cox, conf.int = TRUE)
per <- lapply(fits, function(f) list(estimate = unname(coef(f)), se = unname(sqrt(diag(vcov(f))))))
pooled_fields <- function(pl, s) list(term = as.character(pl$pooled$term), estimate = pl$pooled$estimate,
  ubar = pl$pooled$ubar, b = pl$pooled$b, t = pl$pooled$t, dfcom = pl$pooled$dfcom, df = pl$pooled$df,
  riv = pl$pooled$riv, lambda = pl$pooled$lambda, fmi = pl$pooled$fmi, stdError = s$std.error,
  statistic = s$statistic, p = s$p.value, lower = s[["2.5 %"]], upper = s[["97.5 %"]])
write_mi("pool-cox-example", "pool(with(imp, coxph(Surv(time, status) ~ trt + age_primary + primary_size_mm + n_lung_mets + grade)))",
  input = list(m = 5, completed = lapply(completed, function(c) as.list(c[, c("time", "status", "trt", "age_primary", "primary_size_mm", "n_lung_mets", "grade")])),
               nevent = sum(dd$status)),
  expected = c(list(perImputation = per), pooled_fields(pooled_cox, sc)), packages = c("mice", "survival"),
  note = "mice(m = 5, maxit = 5, seed = 2026) with status and the Nelson-Aalen H as predictors (White & Royston 2009); dfcom = nevent - p")

lfits <- lapply(completed, function(c) glm(trt ~ age_primary + primary_size_mm + n_lung_mets + grade, family = binomial, data = c))
pooled_glm <- pool(as.mira(lfits))
sl <- summary(pooled_glm, conf.int = TRUE)
write_mi("pool-logistic-example", "pool(with(imp, glm(trt ~ age_primary + primary_size_mm + n_lung_mets + grade, family = binomial)))",
  input = list(m = 5),
  expected = c(list(perImputation = lapply(lfits, function(f) list(estimate = unname(coef(f)), se = unname(sqrt(diag(vcov(f))))))),
               pooled_fields(pooled_glm, sl)), packages = c("mice", "stats"),
  note = "same completed datasets as pool-cox-example; dfcom = df.residual")

# ---- 6. pool.scalar: any scalar (survival difference, RMST difference) ----
scalar_case <- function(name, Q, U, n = Inf, k = 1) {
  r <- pool.scalar(Q, U, n = n, k = k)
  write_mi(paste0("pool-scalar-", name), sprintf("pool.scalar(Q, U, n = %s, k = %s)", n, k),
    input = list(Q = Q, U = U, n = if (is.finite(n)) n else "Inf", k = k),
    expected = list(qbar = r$qbar, ubar = r$ubar, b = r$b, t = r$t, df = r$df, r = r$r, fmi = r$fmi))
}
set.seed(15)
scalar_case("survdiff", 0.12 + rnorm(20, 0, 0.03), (0.07 + runif(20, -0.005, 0.005))^2, n = 64, k = 2)
scalar_case("rmst-infinite", 5.3 + rnorm(10, 0, 1.1), (2.4 + runif(10, -0.1, 0.1))^2)
scalar_case("no-between", rep(0.4, 5), rep(0.01, 5), n = 100, k = 1)

# ---- 7. statistical check: MAR data where pmm attenuates in the sparse tail; mice's own behaviour as reference ----
set.seed(42); n <- 600
x <- rnorm(n); y <- 1 + 2 * x + rnorm(n); z <- rbinom(n, 1, plogis(-0.5 + x))
my <- runif(n) < plogis(-0.5 + 1.5 * x); mz <- runif(n) < plogis(-0.5 + 1.5 * x)
y[my] <- NA; z[mz] <- NA
dm <- data.frame(x, y, z = factor(z))
stats <- t(sapply(1:10, function(s) {
  im <- mice(dm, m = 10, maxit = 5, printFlag = FALSE, seed = s)
  iy <- unlist(im$imp$y); xx <- rep(x[my], 10); f <- lm(iy ~ xx)
  iz <- as.integer(as.character(unlist(im$imp$z)))
  c(slope = unname(coef(f)[2]), sigma = sigma(f), zmean = mean(iz))
}))
write_mi("mar-check", "mice(data.frame(x, y, z = factor(z)), m = 10, maxit = 5, seed = 1:10): lm(imputed y ~ x) over the imputed rows",
  input = list(x = x, y = y, z = z),
  expected = list(slope = mean(stats[, "slope"]), sigma = mean(stats[, "sigma"]), zMean = mean(stats[, "zmean"]),
                  slopeSd = sd(stats[, "slope"]), sigmaSd = sd(stats[, "sigma"]), zMeanSd = sd(stats[, "zmean"])),
  note = "y = 1 + 2x + N(0,1), z ~ Bernoulli(expit(-0.5 + x)), each missing with probability expit(-0.5 + 1.5x); averages over 10 mice runs")
