# Weight diagnostics of clone–censor–weight (issue 19, referee A9), stated in base R on the clones and censoring weights
# of tools/oracle/ccw.R (ccw_clone, censoring_model): per strategy, the clones still in follow-up after the grace
# period G (tc > G) with their weight from then on, w = 1/K(G | x) (every deviation happens by G, so logw at any time
# after G, here Inf, is that weight), against the reference R: the patients alive and in follow-up after G by their
# own data (T > G), adherent or not, weight 1 (deaths before G are not undone by censoring weights):
#   Kish's ESS = (sum w)^2 / sum w^2 of the uncensored clones (and |R| for the reference);
#   per model-matrix column x: SMD = (mean_U - mean_R) / sigma (unweighted) and (weighted.mean(x_U, w) - mean_R) / sigma,
#   sigma = sqrt((s_U^2 + s_R^2) / 2) of the unweighted groups (continuous: var(), n - 1; binary: p(1 - p)),
#   binary columns (two values) as the raw difference in proportions (binary = "raw") or standardised ("std");
#   variance ratio (continuous) = weighted variance of U, sum w~(x - m)^2 / (1 - sum w~^2), w~ = w / sum w, over var(x_R).
# No R package computes these (cobalt is not packaged for Debian bookworm; cobalt::bal.tab(x, treat = U vs R,
# weights) gives the same numbers with s.d.denom = "pooled"). Writes test/fixtures/ccw-balance/<case>.json.
#   Rscript tools/oracle/ccw-balance.R
args <- commandArgs(trailingOnly = FALSE)
here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)])))
CCW_LIBRARY_ONLY <- TRUE
source(file.path(here, "ccw.R"))

ccw_balance <- function(T, S, A, X, G, stabilized = FALSE, model = "piecewise", periods = 1L, binary = "std") {
  X <- as.matrix(X)
  cl <- ccw_clone(T, S, A, G)
  cl[, row := seq_len(.N), by = arm]
  out <- list()
  for (a in c(1L, 0L)) {
    ca <- cl[arm == a]
    m <- censoring_model(ca, X, stabilized, model, periods)
    w <- exp(m$logw(ca$row, rep(Inf, nrow(ca))))
    U <- ca$tc > G
    Rf <- T[ca$id] > G
    wu <- w[U]
    terms <- lapply(seq_len(ncol(X)), function(j) {
      x <- X[ca$id, j]
      vals <- unique(x)
      bin <- length(vals) == 2
      if (bin) { zero <- if (0 %in% vals) 0 else min(vals); x <- as.numeric(x != zero) }
      xu <- x[U]
      x <- x[Rf]
      v <- function(z) if (bin) mean(z) * (1 - mean(z)) else var(z)
      sigma <- sqrt((v(xu) + v(x)) / 2)
      std <- !bin || binary == "std"
      smd <- function(d) if (abs(d) < sqrt(.Machine$double.eps) || !std) d else d / sigma
      wt <- wu / sum(wu)
      mw <- sum(wt * xu)
      vw <- sum(wt * (xu - mw)^2) / (1 - sum(wt^2))
      list(term = colnames(X)[j], binary = bin,
        meanReference = mean(x), meanUncensored = mean(xu), meanWeighted = mw,
        unweighted = smd(mean(xu) - mean(x)), weighted = smd(mw - mean(x)),
        varianceRatioUnweighted = if (bin) NA else var(xu) / var(x),
        varianceRatioWeighted = if (bin) NA else vw / var(x))
    })
    out[[if (a == 1L) "treat" else "control"]] <- list(clones = nrow(ca), reference = sum(Rf), uncensored = sum(U),
      essUncensored = sum(wu)^2 / sum(wu^2), weights = wu, terms = terms)
  }
  out
}

balance_case <- function(name, T, S, A, X, G, stabilized, model, periods, binary, note) {
  dir <- file.path(oracle_root_ccw(), "test", "fixtures", "ccw-balance")
  dir.create(dir, recursive = TRUE, showWarnings = FALSE)
  obj <- list(
    call = sprintf("ccw_balance(T, S, A, X, G = %s, stabilized = %s, model = \"%s\", periods = %d, binary = \"%s\") in tools/oracle/ccw-balance.R", G, stabilized, model, periods, binary),
    r_version = R.version.string,
    packages = list(survival = as.character(packageVersion("survival")), data.table = as.character(packageVersion("data.table"))),
    note = note,
    input = list(time = T, status = S, treatmentTime = ifelse(is.finite(A), A, NA), x = unname(as.matrix(X)), columnNames = colnames(X),
      grace = G, stabilized = stabilized, censoringModel = model, censoringPeriods = periods, binary = binary),
    expected = ccw_balance(T, S, A, X, G, stabilized, model, periods, binary))
  writeLines(toJSON(obj, auto_unbox = TRUE, digits = NA, na = "null", null = "null", pretty = FALSE, matrix = "rowmajor"), file.path(dir, paste0(name, ".json")))
}

# (a) the bundled example cohort, as tools/oracle/ccw.R builds it (complete covariates age, sex, number of lung
#     metastases, timing; grace 6 months)
d <- read.csv(file.path(oracle_root_ccw(), "examples", "lms-metastasectomy", "cohort.csv"), na.strings = c("", "NA"))
dt <- function(x) as.numeric(as.Date(x, format = "%d.%m.%Y"))
end <- ifelse(is.na(d$date_death), dt(d$date_last_followup), dt(d$date_death))
T <- (end - dt(d$date_lung_met)) / 30.4375
S <- as.integer(!is.na(d$date_death))
A <- (dt(d$date_pm) - dt(d$date_lung_met)) / 30.4375; A[is.na(A)] <- Inf
X <- cbind(age_primary = d$age_primary, sexmale = as.numeric(d$sex == "male"), n_lung_mets = d$n_lung_mets,
  timingsynchronous = as.numeric(d$timing == "synchronous"))
lms_note <- "examples/lms-metastasectomy/cohort.csv as in tools/oracle/ccw.R (64 patients, 4 covariate columns, grace 6 months)"
balance_case("lms-example-piecewise-1-std", T, S, A, X, 6, FALSE, "piecewise", 1L, "std", paste0(lms_note, "; the study's censoring model (logistic at G, one Cox model) and its balance convention (binary standardised)"))
balance_case("lms-example-cox-stabilized-raw", T, S, A, X, 6, TRUE, "cox", 1L, "raw", paste0(lms_note, "; one Cox model per strategy, stabilised weights, binary as raw differences"))
# (b) the hand-made edge case of tools/oracle/ccw.R: ties, treatment at time 0 and on the event day, an event at G
T <- c(2, 3, 3, 4, 5, 5, 6, 7, 8, 9, 10, 10, 1, 4, 6, 3, 2.5, 7, 12, 11)
S <- c(1L, 1L, 0L, 1L, 1L, 0L, 1L, 0L, 1L, 1L, 0L, 1L, 1L, 0L, 1L, 1L, 1L, 1L, 0L, 1L)
A <- c(Inf, 1, 3, Inf, 2, 0, 2, 5, 3, Inf, 1, 4, 2, Inf, 3, Inf, 1, 2, 6, 3)
X <- cbind(age = c(60, 55, 70, 65, 50, 45, 72, 58, 61, 66, 49, 53, 77, 62, 59, 68, 51, 57, 63, 70),
  male = c(1, 0, 1, 1, 0, 0, 1, 0, 1, 0, 1, 1, 0, 0, 1, 0, 1, 0, 1, 0))
balance_case("edge-ties-piecewise-std", T, S, A, X, 3, FALSE, "piecewise", 2L, "std", "hand-made (tools/oracle/ccw.R edge-ties): 20 patients, grace 3, an event exactly at G (not in follow-up after G); censoring model piecewise, 2 periods")
