# Reference values for competing risks: cmprsk::cuminc (cumulative incidence, Gray's variance,
# Gray's test), cmprsk::timepoints and cmprsk::crr (Fine-Gray regression).
# Writes test/fixtures/r/cmprsk/<case>.json. Run: Rscript tools/oracle/cmprsk.R
args <- commandArgs(trailingOnly = FALSE); here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)]))); source(file.path(here, "common.R"))
suppressPackageStartupMessages(library(cmprsk))

pkgs <- c("cmprsk", "survival")

# a factor as {codes (0-based, -1 = NA), levels}
enc_factor <- function(f) {
  f <- as.factor(f)
  codes <- as.integer(f) - 1L
  codes[is.na(codes)] <- -1L
  list(codes = codes, levels = levels(f))
}

cuminc_case <- function(name, time, cause, group = NULL, strata = NULL, rho = 0, times = NULL, note = NULL) {
  args_list <- list(ftime = time, fstatus = cause, rho = rho)
  if (!is.null(group)) args_list$group <- group
  if (!is.null(strata)) args_list$strata <- strata
  fit <- do.call(cuminc, args_list)
  curves <- list()
  nm <- setdiff(names(fit), "Tests")
  for (k in nm) curves[[length(curves) + 1]] <- list(name = k, time = fit[[k]]$time, est = fit[[k]]$est, var = fit[[k]]$var)
  tests <- NULL
  if (!is.null(fit$Tests)) {
    tests <- list()
    for (r in seq_len(nrow(fit$Tests))) {
      tests[[r]] <- list(cause = rownames(fit$Tests)[r], stat = unname(fit$Tests[r, "stat"]),
                         pv = unname(fit$Tests[r, "pv"]), df = unname(fit$Tests[r, "df"]))
    }
  }
  expected <- list(curves = curves, tests = tests)
  if (!is.null(times)) {
    tp <- timepoints(fit, times)
    expected$timepoints <- list(times = sort(unique(times)), names = rownames(tp$est),
                                est = lapply(seq_len(nrow(tp$est)), function(r) unname(tp$est[r, ])),
                                var = lapply(seq_len(nrow(tp$var)), function(r) unname(tp$var[r, ])))
  }
  input <- list(time = time, cause = ifelse(is.na(cause), -1L, as.integer(cause)), rho = rho)
  call <- "cuminc(ftime = time, fstatus = cause"
  if (!is.null(group)) { input$group <- enc_factor(group); call <- paste0(call, ", group = group") }
  if (!is.null(strata)) { input$strata <- enc_factor(strata); call <- paste0(call, ", strata = strata") }
  call <- paste0(call, ", rho = ", rho, ")")
  if (!is.null(times)) { input$times <- times; call <- paste0(call, "; timepoints(fit, times)") }
  write_fixture("cmprsk", paste0("cuminc-", name), call, input, expected, packages = pkgs, note = note)
}

crr_case <- function(name, time, cause, x, failcode = 1, cencode = 0, note = NULL) {
  x <- as.matrix(x)
  fit <- crr(time, cause, x, failcode = failcode, cencode = cencode)
  s <- summary(fit)
  se <- sqrt(diag(fit$var))
  # I(): keep length-1 vectors as JSON arrays (one covariate)
  expected <- list(coef = I(unname(fit$coef)), var = lapply(seq_len(nrow(fit$var)), function(r) I(unname(fit$var[r, ]))),
                   se = I(unname(se)), z = I(unname(s$coef[, "z"])),
                   # summary.crr rounds its p-value to 2 significant digits: the unrounded two-sided normal p
                   p = I(unname(2 * pnorm(-abs(fit$coef) / se))),
                   lower = I(unname(s$conf.int[, "2.5%"])), upper = I(unname(s$conf.int[, "97.5%"])),
                   logtest = unname(s$logtest[["test"]]),
                   loglik = fit$loglik, loglikNull = fit$loglik.null, converged = fit$converged, n = fit$n,
                   nMissing = fit$n.missing, uftime = I(fit$uftime), bfitj = I(fit$bfitj),
                   inf = lapply(seq_len(nrow(fit$inf)), function(r) I(unname(fit$inf[r, ]))), score = I(unname(fit$score)))
  input <- list(time = time, cause = ifelse(is.na(cause), -1L, as.integer(cause)),
                x = as.vector(x), p = ncol(x), columnNames = I(colnames(x)), failcode = failcode, cencode = cencode)
  call <- sprintf("crr(ftime = time, fstatus = cause, cov1 = x, failcode = %d, cencode = %d); summary(fit)", failcode, cencode)
  write_fixture("cmprsk", paste0("crr-", name), call, input, expected, packages = pkgs, note = note)
}

# ---- cuminc ---------------------------------------------------------------------------------

# 1. the example in ?cuminc (3 groups, 2 causes, 2 strata)
set.seed(2)
ss <- rexp(100)
gg <- factor(sample(1:3, 100, replace = TRUE), 1:3, c("a", "b", "c"))
cc <- sample(0:2, 100, replace = TRUE)
strt <- sample(1:2, 100, replace = TRUE)
cuminc_case("help-example", ss, cc, gg, strt, times = c(0, 0.5, 1, 1.5, 2, 10),
            note = "The example of ?cuminc: set.seed(2); rexp(100); 3 groups, 2 strata")
cuminc_case("help-example-unstratified", ss, cc, gg, times = c(0.2, 1))

# 2. heavily tied times (integers), 2 groups, 3 causes, missing values, censoring tied with failures
set.seed(20240611)
n <- 300
g <- sample(c("control", "treated"), n, replace = TRUE)
t1 <- rexp(n, ifelse(g == "treated", 0.08, 0.12)); t2 <- rexp(n, 0.05); t3 <- rexp(n, 0.03); tc <- runif(n, 0, 30)
tt <- pmin(t1, t2, t3, tc)
cause <- ifelse(tt == tc, 0L, ifelse(tt == t1, 1L, ifelse(tt == t2, 2L, 3L)))
time <- ceiling(tt)
time[c(5, 17)] <- NA; cause[c(40)] <- NA; g[c(77)] <- NA
cuminc_case("ties-3causes-2groups", time, cause, g, times = c(0, 1, 5, 10, 10.5, 20, 30, 31),
            note = "Integer times (many ties of events and censorings), causes 1-3, NA in time, cause and group")
cuminc_case("ties-3causes-2groups-rho1", time, cause, g, rho = 1)
strat <- ifelse(seq_len(n) %% 3 == 0, "s1", "s2")
cuminc_case("ties-3causes-2groups-strata", time, cause, g, strat)

# 3. no group
cuminc_case("ties-3causes-nogroup", time, cause, times = c(2, 7, 15))

# 4. 4 groups, 2 causes, continuous times, one group without cause-2 events
set.seed(7)
n <- 160
g4 <- sample(c("g1", "g2", "g3", "g4"), n, replace = TRUE)
tt <- round(rexp(n, 0.1), 2)
cs <- sample(0:2, n, replace = TRUE, prob = c(0.3, 0.45, 0.25))
cs[g4 == "g4" & cs == 2] <- 1L
cuminc_case("four-groups-missing-cause", tt, cs, g4, times = c(1, 5, 12))

# 5. small hand-checkable data (6 rows, unsorted)
cuminc_case("six-rows", c(3, 1, 2, 5, 2, 4), c(1, 1, 2, 2, 0, 0), times = c(0, 1, 2.5, 4, 5, 6),
            note = "Unsorted 6 rows; the unit test derives the same numbers by hand")

# 6. failure at the largest time and zero times
cuminc_case("zero-and-last", c(0, 0, 1, 2, 2, 3, 3, 3), c(1, 0, 2, 1, 1, 0, 2, 1), c("x", "y", "x", "y", "x", "y", "x", "y"), times = c(0, 3))

# ---- crr ------------------------------------------------------------------------------------

# 1. the example in ?crr (3 covariates)
set.seed(10)
ftime <- rexp(200)
fstatus <- sample(0:2, 200, replace = TRUE)
cov <- matrix(runif(600), nrow = 200)
dimnames(cov)[[2]] <- c("x1", "x2", "x3")
crr_case("help-example", ftime, fstatus, cov, note = "The example of ?crr: set.seed(10)")
crr_case("help-example-failcode2", ftime, fstatus, cov[, 1:2], failcode = 2)

# 2. tied times, one binary covariate, 3 causes, missing values
set.seed(99)
n <- 250
trt <- rbinom(n, 1, 0.5)
age <- round(rnorm(n, 60, 10))
t1 <- rexp(n, 0.1 * exp(-0.5 * trt + 0.02 * (age - 60))); t2 <- rexp(n, 0.06); t3 <- rexp(n, 0.02); tc <- runif(n, 2, 25)
tt <- pmin(t1, t2, t3, tc)
cs <- ifelse(tt == tc, 0L, ifelse(tt == t1, 1L, ifelse(tt == t2, 2L, 3L)))
tm <- ceiling(tt)
crr_case("ties-1cov", tm, cs, cbind(trt = trt))
age_na <- age; age_na[c(3, 50)] <- NA
tm_na <- tm; tm_na[9] <- NA
crr_case("ties-2cov-missing", tm_na, cs, cbind(trt = trt, age = age_na),
         note = "Integer times (ties), causes 1-3, NA in a covariate and in time")
crr_case("ties-2cov-cencode9", tm, ifelse(cs == 0L, 9L, cs), cbind(trt = trt, age = age), cencode = 9, failcode = 1)

# 3. zero times (censored, competing and failing at 0) and censorings tied with failures
set.seed(5)
n <- 120
z1 <- rnorm(n); z2 <- rbinom(n, 1, 0.4); z3 <- runif(n)
tm <- pmax(0, round(rexp(n, 0.2 * exp(0.4 * z1)) - 0.5))
cs <- sample(0:2, n, replace = TRUE, prob = c(0.3, 0.4, 0.3))
tm[1:6] <- 0; cs[1:6] <- c(0L, 0L, 1L, 2L, 2L, 1L)
crr_case("zero-times-3cov", tm, cs, cbind(z1 = z1, z2 = z2, z3 = z3),
         note = "Rows at time 0 (crr's censoring weight at 0 is G(0), after censorings at 0), many ties")

# cuminc: a group that leaves before any event makes Gray's variance singular (R reports stat = -1)
cuminc_case("singular-gray", c(0.5, 0.6, 1, 2, 3, 4, 5, 6, 7, 8), c(0, 0, 1, 2, 1, 0, 1, 1, 2, 1),
            c("c", "c", "a", "a", "a", "b", "b", "b", "a", "b"),
            note = "Group c is censored before any event: singular variance, R's statistic is -1 and p = 1")
