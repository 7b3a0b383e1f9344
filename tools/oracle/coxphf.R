args <- commandArgs(trailingOnly = FALSE); here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)]))); source(file.path(here, "common.R"))
# Reference values for Firth-penalised Cox regression (src/survival/cox-firth.ts), as R's
# coxphf::coxphf(..., firth = TRUE, pl = TRUE) defines it (Heinze & Schemper 2001,
# doi:10.1111/j.0006-341X.2001.00114.x). coxphf is not packaged for Debian, so the estimator is
# written here from its definition on top of survival's own likelihood:
#   l*(b) = l(b) + 1/2 log det I(b),
# with l(b) = fit$loglik[2] and I(b) = solve(fit$var) from
#   coxph(Surv(time, status) ~ X, init = b, control = coxph.control(iter.max = 0), ties = "breslow")
# (log det I(b) = -log det fit$var). l* is maximised with optim(method = "BFGS", reltol = 1e-14) on a
# numerical gradient and refined by Newton steps on the numerically differentiated penalised score
# (4-point central differences, step 1e-3 / sd(x_j)). Profile penalised-likelihood limits solve
#   l*(b_j, b_-j(b_j)) = l*(bhat) - qchisq(0.95, 1) / 2
# by uniroot (tol 1e-12), each profile value maximised over the other coefficients the same way;
# penalised LR p-values are 2 (l*(bhat) - max l*(b_j = 0)) referred to chi-square(1); the overall
# penalised LR test is 2 (l*(bhat) - l*(0)) on p df (coxphf's loglik = c(l*(0), l*(bhat))).
# Note: coxphf standardises X by sd before fitting, so its printed loglik differs from l* here by
# sum(log sd(x_j)); coefficients, CIs and tests do not depend on that constant.
# Rscript tools/oracle/coxphf.R
suppressPackageStartupMessages(library(survival))

num <- function(v) as.numeric(v)
# vectors stay JSON arrays even with one element (jsonlite's auto_unbox otherwise writes a scalar)
vec <- function(v) I(as.numeric(v))

# l(b), I(b) and l*(b) from coxph's likelihood at fixed b (no iterations).
make_pll <- function(X, time, status, strata = NULL, ties = "breslow", entry = NULL) {
  X <- as.matrix(X)
  force(time); force(status); force(strata); force(entry)
  eval_at <- function(b) {
    fit <- if (!is.null(entry)) {
      coxph(Surv(entry, time, status) ~ X, init = b, control = coxph.control(iter.max = 0), ties = ties)
    } else if (is.null(strata)) {
      coxph(Surv(time, status) ~ X, init = b, control = coxph.control(iter.max = 0), ties = ties)
    } else {
      coxph(Surv(time, status) ~ X + strata(strata), init = b, control = coxph.control(iter.max = 0), ties = ties)
    }
    ld <- -as.numeric(determinant(as.matrix(fit$var), logarithm = TRUE)$modulus)
    list(ll = fit$loglik[2], logdet = ld, pll = fit$loglik[2] + 0.5 * ld, var = as.matrix(fit$var))
  }
  list(eval = eval_at, pll = function(b) eval_at(b)$pll)
}

# 4-point central-difference gradient of f over the coordinates `free`.
num_grad <- function(f, b, h, free = seq_along(b)) {
  g <- numeric(length(free))
  for (a in seq_along(free)) {
    j <- free[a]
    e <- numeric(length(b)); e[j] <- h[j]
    g[a] <- (8 * (f(b + e) - f(b - e)) - (f(b + 2 * e) - f(b - 2 * e))) / (12 * h[j])
  }
  g
}

# Maximise f over b[free] (other coordinates fixed): BFGS, then Newton on the numerical gradient.
maximise <- function(f, start, h, free = seq_along(start)) {
  b <- start
  if (length(free) == 0) return(list(b = b, value = f(b)))
  g_free <- function(v) { bb <- b; bb[free] <- v; -f(bb) }
  gr_free <- function(v) { bb <- b; bb[free] <- v; -num_grad(f, bb, h, free) }
  o <- optim(b[free], g_free, gr_free, method = "BFGS",
             control = list(reltol = 1e-14, maxit = 500, parscale = h[free] * 1e3))
  b[free] <- o$par
  for (it in 1:8) {
    g <- num_grad(f, b, h, free)
    H <- matrix(0, length(free), length(free))
    for (a in seq_along(free)) {
      e <- numeric(length(b)); e[free[a]] <- h[free[a]]
      H[, a] <- (num_grad(f, b + e, h, free) - num_grad(f, b - e, h, free)) / (2 * h[free[a]])
    }
    H <- (H + t(H)) / 2
    step <- -solve(H, g)
    b[free] <- b[free] + step
    if (max(abs(step * (1 / h[free]) * 1e-3)) < 1e-13) break
  }
  list(b = b, value = f(b), grad = num_grad(f, b, h, free))
}

firth_case <- function(name, call, X, time, status, strata = NULL, ties = "breslow", note = NULL, entry = NULL) {
  X <- as.matrix(X)
  p <- ncol(X)
  pl <- make_pll(X, time, status, strata, ties, entry)
  f <- pl$pll
  h <- 1e-3 / apply(X, 2, sd)
  fit <- maximise(f, rep(0, p), h)
  bhat <- fit$b
  at_hat <- pl$eval(bhat)
  at_0 <- pl$eval(rep(0, p))
  se <- sqrt(diag(at_hat$var))
  crit <- qchisq(0.95, 1)
  target <- at_hat$pll - crit / 2
  lower <- upper <- chisq <- numeric(p)
  for (j in seq_len(p)) {
    free <- setdiff(seq_len(p), j)
    warm <- bhat
    prof <- function(v) {
      s <- warm; s[j] <- v
      m <- maximise(f, s, h, free)
      warm <<- m$b
      m$value
    }
    bracket <- function(dir) {
      step <- 2 * se[j]
      inner <- bhat[j]
      repeat {
        outer <- bhat[j] + dir * step
        warm <<- bhat
        if (prof(outer) < target) return(sort(c(inner, outer)))
        inner <- outer
        step <- step * 2
      }
    }
    br <- bracket(-1)
    warm <- bhat
    lower[j] <- uniroot(function(v) prof(v) - target, br, tol = 1e-12)$root
    br <- bracket(1)
    warm <- bhat
    upper[j] <- uniroot(function(v) prof(v) - target, br, tol = 1e-12)$root
    warm <- bhat
    chisq[j] <- 2 * (at_hat$pll - prof(0))
  }
  plain <- tryCatch(suppressWarnings(if (!is.null(entry)) coxph(Surv(entry, time, status) ~ X, ties = ties) else if (is.null(strata)) coxph(Surv(time, status) ~ X, ties = ties) else coxph(Surv(time, status) ~ X + strata(strata), ties = ties)), error = function(e) NULL)
  lr <- 2 * (at_hat$pll - at_0$pll)
  input <- list(columnNames = I(colnames(X)), x = lapply(seq_len(p), function(j) num(X[, j])),
                time = num(time), status = as.integer(status), ties = ties)
  if (!is.null(strata)) input$strata <- as.integer(as.factor(strata)) - 1L
  if (!is.null(entry)) input$entry <- num(entry)
  expected <- list(
    coef = vec(bhat), se = vec(se), var = lapply(seq_len(p), function(i) vec(at_hat$var[i, ])),
    hr = vec(exp(bhat)),
    lower = vec(lower), upper = vec(upper), hrLower = vec(exp(lower)), hrUpper = vec(exp(upper)),
    chisq = vec(chisq), pLR = vec(pchisq(chisq, 1, lower.tail = FALSE)),
    penalisedLoglik = c(at_0$pll, at_hat$pll), loglik = c(at_0$ll, at_hat$ll),
    lrTest = list(statistic = lr, df = p, p = pchisq(lr, p, lower.tail = FALSE)),
    penalisedScoreAtEstimate = vec(fit$grad),
    plainCoxCoef = if (is.null(plain)) NULL else vec(plain$coefficients),
    n = length(time), nEvent = sum(status))
  write_fixture("coxphf", name, call, input, expected, packages = c("survival"),
                note = paste("coxphf not in Debian: Firth's l* = l + 0.5 log det I (Breslow unless stated) maximised in base R on survival's coxph likelihood at fixed beta (iter.max = 0); optim BFGS + Newton refinement; profile limits by uniroot.",
                             if (is.null(note)) "" else note))
  cat(name, ": coef", format(bhat, digits = 10), " lower", format(lower, digits = 8), " upper", format(upper, digits = 8), "\n")
}

# 1. Separation: no events in one binary group (monotone likelihood), plus a continuous covariate.
set.seed(20240501)
n <- 30
grp <- rep(c(0, 1), times = c(18, 12))
age <- round(rnorm(n, 60, 10))
t0 <- round(rexp(n, 1 / 24), 1) + 0.5
ev <- as.integer(runif(n) < 0.7)
ev[grp == 1] <- 0L            # no events in group 1: plain Cox coefficient diverges to -Inf
X <- cbind(group = grp, age = age)
firth_case("separated", "coxphf::coxphf(Surv(time, status) ~ group + age, data = d, firth = TRUE, pl = TRUE) (base-R definition; no events when group = 1)",
           X, t0, ev, note = "Simulated with set.seed(20240501); group = 1 has no events.")

# 2. lung: age + sex, no separation (Firth close to plain Cox).
lung2 <- survival::lung
X <- cbind(age = lung2$age, sex = lung2$sex)
firth_case("lung-age-sex", "coxphf::coxphf(Surv(time, status == 2) ~ age + sex, data = lung, firth = TRUE, pl = TRUE) (base-R definition)",
           X, lung2$time, as.integer(lung2$status == 2))

# 3. Small n = 20 with tied event times (and a censoring tied with events).
set.seed(7)
n <- 20
x1 <- round(rnorm(n), 2)
x2 <- rbinom(n, 1, 0.5)
tt <- c(2, 3, 3, 3, 5, 5, 6, 7, 7, 8, 9, 10, 10, 11, 12, 12, 14, 15, 18, 20)
st <- c(1, 1, 1, 0, 1, 1, 0, 1, 1, 1, 0, 1, 0, 1, 1, 1, 0, 1, 0, 1)
X <- cbind(x1 = x1, x2 = x2)
firth_case("small-ties", "coxphf::coxphf(Surv(time, status) ~ x1 + x2, data = d, firth = TRUE, pl = TRUE) (base-R definition, Breslow ties)",
           X, tt, st, note = "n = 20 simulated with set.seed(7); tied event times and an event tied with a censoring.")
# 3b. Same data with Efron ties (survinfer option ties = 'efron'; coxphf itself has only Breslow).
firth_case("small-ties-efron", "Firth-penalised Cox with Efron ties: l(b) + 0.5 log det I(b), coxph(..., ties = 'efron') likelihood (coxphf has Breslow only)",
           X, tt, st, ties = "efron", note = "Efron variant: not a coxphf option; same definition with survival's Efron likelihood and information.")
# 3c. Stratified (coxphf has no strata): the penalty uses the information summed over strata.
sg <- rep(c("a", "b"), length.out = n)
firth_case("small-ties-strata", "Firth-penalised Cox with strata: l(b) + 0.5 log det I(b), coxph(Surv(time, status) ~ x1 + x2 + strata(s), ties = 'breslow') likelihood (coxphf has no strata)",
           X, tt, st, strata = sg, note = "Strata variant: not a coxphf option; same definition on survival's stratified Breslow likelihood.")

# 3d. Counting-process data (coxphf's own example test2: Surv(start, stop, event) ~ x).
test2 <- data.frame(start = c(1, 2, 5, 2, 1, 7, 3, 4, 8, 8), stop = c(2, 3, 6, 7, 8, 9, 9, 9, 14, 17),
                    event = c(1, 1, 1, 1, 1, 1, 1, 0, 0, 0), x = c(1, 0, 0, 1, 0, 1, 1, 1, 0, 0))
firth_case("counting-test2", "coxphf::coxphf(Surv(start, stop, event) ~ x, data = test2, firth = TRUE, pl = TRUE) (coxphf's help-page example; base-R definition)",
           cbind(x = test2$x), test2$stop, test2$event, entry = test2$start,
           note = "coxphf help page, data test2 (start, stop] intervals.")

# 4. Example cohort: OS ~ factor(grade), reference 1 (no events in grade 1: separation).
d <- read.csv(file.path(oracle_root(), "examples", "lms-metastasectomy", "cohort.csv"), stringsAsFactors = FALSE)
dt <- function(x) as.Date(x, format = "%d.%m.%Y")
end <- ifelse(is.na(dt(d$date_death)), as.numeric(dt(d$date_last_followup)), as.numeric(dt(d$date_death)))
d$time <- (end - as.numeric(dt(d$date_lung_met))) / 30.4375
d$status <- as.integer(!is.na(dt(d$date_death)))
d <- d[!is.na(d$grade), ]
g <- relevel(factor(d$grade), ref = "1")
X <- model.matrix(~ g)[, -1, drop = FALSE]
colnames(X) <- paste0("grade", levels(g)[-1])
firth_case("example-grade", "coxphf::coxphf(Surv(time, status) ~ factor(grade), data = cohort, firth = TRUE, pl = TRUE) with OS from dates (months of 30.4375 days), grade reference 1 (base-R definition)",
           X, d$time, d$status, note = "examples/lms-metastasectomy/cohort.csv, rows with missing grade dropped; grade 1 has no deaths (separation).")
cat("coxphf fixtures written\n")
