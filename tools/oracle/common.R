# Shared helpers for the oracle scripts: write one fixture as JSON with the inputs, the exact R call,
# the R and package versions, and the expected values at full precision (jsonlite digits = NA: 15
# significant digits; the tests never compare tighter than ~1e-13 relative).
suppressPackageStartupMessages(library(jsonlite))

oracle_root <- function() {
  args <- commandArgs(trailingOnly = FALSE)
  file_arg <- sub("^--file=", "", args[grep("^--file=", args)])
  here <- if (length(file_arg) > 0) dirname(normalizePath(file_arg[1])) else getwd()
  normalizePath(file.path(here, "..", ".."))
}

pkg_versions <- function(pkgs) {
  out <- list()
  for (p in pkgs) out[[p]] <- as.character(utils::packageVersion(p))
  out
}

# write_fixture("km", "lung-by-sex", call = "survfit(Surv(time, status) ~ sex, data = lung)",
#               input = list(...), expected = list(...), packages = c("survival"))
write_fixture <- function(estimator, name, call, input, expected, packages = c("survival"), note = NULL) {
  dir <- file.path(oracle_root(), "test", "fixtures", "r", estimator)
  dir.create(dir, recursive = TRUE, showWarnings = FALSE)
  obj <- list(call = call, r_version = R.version.string, packages = pkg_versions(packages),
              input = input, expected = expected)
  if (!is.null(note)) obj$note <- note
  txt <- toJSON(obj, auto_unbox = TRUE, digits = NA, na = "null", null = "null", pretty = FALSE)
  writeLines(txt, file.path(dir, paste0(name, ".json")))
  invisible(NULL)
}

# The bundled example cohort (examples/lms-metastasectomy/cohort.csv) with its overall survival as the
# example study derives it: from date_lung_met to date_death (event) or date_last_followup (censored), in
# months of 30.4375 days; columns `time` and `status` added.
example_os_cohort <- function() {
  d <- read.csv(file.path(oracle_root(), "examples", "lms-metastasectomy", "cohort.csv"), na.strings = c("", "NA"))
  dt <- function(x) as.Date(x, format = "%d.%m.%Y")
  end <- ifelse(is.na(d$date_death), as.numeric(dt(d$date_last_followup)), as.numeric(dt(d$date_death)))
  d$time <- (end - as.numeric(dt(d$date_lung_met))) / 30.4375
  d$status <- as.integer(!is.na(d$date_death))
  d
}

# Weighted Cox score with Efron ties, by definition (independent of survival's C code).
efron_score <- function(time, status, X, w, beta) {
  X <- as.matrix(X)
  r <- w * exp(drop(X %*% beta))
  U <- numeric(ncol(X))
  for (t in sort(unique(time[status == 1]))) {
    R <- time >= t
    D <- time == t & status == 1
    d <- sum(D)
    wbar <- sum(w[D]) / d
    S0 <- sum(r[R]); S1 <- colSums(r[R] * X[R, , drop = FALSE])
    S0D <- sum(r[D]); S1D <- colSums(r[D] * X[D, , drop = FALSE])
    U <- U + colSums(w[D] * X[D, , drop = FALSE])
    for (k in 0:(d - 1)) U <- U - wbar * (S1 - k / d * S1D) / (S0 - k / d * S0D)
  }
  U
}

# WeightIt::get_w_from_ps (binary treatment) and stabilisation by the group share pi / 1 - pi
ps_weights <- function(e, A, estimand, stabilize, pi) {
  w <- switch(estimand,
    ATE = ifelse(A == 1, 1 / e, 1 / (1 - e)),
    ATT = ifelse(A == 1, 1, e / (1 - e)),
    ATC = ifelse(A == 1, (1 - e) / e, 1),
    ATO = ifelse(A == 1, 1 - e, e))
  if (stabilize) w <- w * ifelse(A == 1, pi, 1 - pi)
  w
}

# central differences with one Richardson step: error O(h^4)
# (steps on the scale of each parameter: 1e-4 / SD of its covariate column)
num_jacobian <- function(f, x, scale) {
  f0 <- f(x)
  J <- matrix(0, length(f0), length(x))
  for (j in seq_along(x)) {
    h <- 1e-4 / scale[j]
    cd <- function(h) { xp <- x; xm <- x; xp[j] <- x[j] + h; xm[j] <- x[j] - h; (f(xp) - f(xm)) / (2 * h) }
    J[, j] <- (4 * cd(h / 2) - cd(h)) / 3
  }
  J
}
