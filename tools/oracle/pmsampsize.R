# Minimum sample size for a survival prediction model (Riley et al. 2019 Stat Med; 2020 BMJ), restating
# pmsampsize::pmsampsize(type = "s") (pmsampsize_surv.R, pmsampsize 1.1.x) in base R: pmsampsize is not
# packaged for Debian. Cases: the package's own tests (tests/testthat/test_surv.R, expected sample sizes and
# EPP printed there). Writes test/fixtures/sensitivity/pmsampsize.json.
# Run: Rscript tools/oracle/pmsampsize.R
args <- commandArgs(trailingOnly = FALSE); here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)]))); source(file.path(here, "common.R"))

riley_surv <- function(rsquared, parameters, rate, timepoint, meanfup, shrinkage = 0.9) {
  n <- 10000; r2a <- rsquared
  events <- ceiling(rate * meanfup * n)
  n1 <- ceiling(parameters / ((shrinkage - 1) * log(1 - r2a / shrinkage)))
  lnLnull <- events * log(events / n) - events
  max_r2a <- round(1 - exp(2 * lnLnull / n), digits = 2)
  if (max_r2a < r2a) stop("R-squared larger than its maximum")
  s2 <- round(r2a / (r2a + 0.05 * max_r2a), digits = 3)
  n2 <- ceiling(parameters / ((s2 - 1) * log(1 - r2a / s2)))
  n3 <- max(n1, n2)
  pt <- round(meanfup * n3, digits = 1)
  uci <- 1 - exp(-(rate + 1.96 * (rate / pt)^0.5) * timepoint)
  lci <- 1 - exp(-(rate - 1.96 * (rate / pt)^0.5) * timepoint)
  cuminc <- 1 - exp(-timepoint * rate)
  s3 <- max(s2, shrinkage)
  nf <- max(n1, n2, n3)
  list(n = c(n1, n2, n3, nf), shrinkage = c(shrinkage, s2, s3, s3), events = c(n1, n2, n3, nf) * rate * meanfup,
       epp = c(n1, n2, n3, nf) * rate * meanfup / parameters, maxRsquared = max_r2a,
       risk = list(estimate = round(cuminc, 3), lower = round(lci, 3), upper = round(uci, 3), marginOfError = uci - cuminc))
}

# pmsampsize tests/testthat/test_surv.R: inputs, expected sample sizes (criteria 1, 2, 3, final) and EPP (2 digits)
published <- list(
  list(rsquared = 0.051, parameters = 25, rate = 0.065, timepoint = 2, meanfup = 2.07, n = c(4286, 875, 4286, 4286), epp = c(23.07, 4.71, 23.07, 23.07)),
  list(rsquared = 0.065, parameters = 25, rate = 0.065, timepoint = 2, meanfup = 2.07, n = c(3335, 868, 3335, 3335), epp = c(17.95, 4.67, 17.95, 17.95)),
  list(rsquared = 0.051, parameters = 50, rate = 0.065, timepoint = 2, meanfup = 2.07, n = c(8572, 1749, 8572, 8572), epp = c(23.07, 4.71, 23.07, 23.07)),
  list(rsquared = 0.051, parameters = 25, rate = 0.1, timepoint = 2, meanfup = 2.07, n = c(4286, 725, 4286, 4286), epp = c(35.49, 6, 35.49, 35.49)),
  list(rsquared = 0.051, parameters = 25, rate = 0.065, timepoint = 4, meanfup = 2.07, n = c(4286, 875, 4286, 4286), epp = c(23.07, 4.71, 23.07, 23.07)),
  list(rsquared = 0.051, parameters = 25, rate = 0.065, timepoint = 2, meanfup = 4, n = c(4286, 684, 4286, 4286), epp = c(44.57, 7.11, 44.57, 44.57)),
  list(rsquared = 0.06, parameters = 40, rate = 0.08, timepoint = 3, meanfup = 5, n = c(5798, 974, 5798, 5798), epp = c(57.98, 9.74, 57.98, 57.98)),
  list(rsquared = 0.03, parameters = 10, rate = 0.09, timepoint = 3, meanfup = 3, n = c(2950, 273, 2950, 2950), epp = c(79.65, 7.37, 79.65, 79.65)),
  list(rsquared = 0.3, parameters = 80, rate = 0.03, timepoint = 1, meanfup = 5, n = c(1974, 2279, 2279, 2279), epp = c(3.7, 4.27, 4.27, 4.27))
)
cases <- lapply(published, function(cs) {
  got <- riley_surv(cs$rsquared, cs$parameters, cs$rate, cs$timepoint, cs$meanfup)
  stopifnot(all(got$n == cs$n), all(abs(round(got$epp, 2) - cs$epp) < 1e-9))
  list(input = cs[c("rsquared", "parameters", "rate", "timepoint", "meanfup")], published = cs[c("n", "epp")], expected = got)
})
dir <- file.path(oracle_root(), "test", "fixtures", "sensitivity")
dir.create(dir, recursive = TRUE, showWarnings = FALSE)
obj <- list(call = "pmsampsize::pmsampsize(type = \"s\", rsquared, parameters, rate, timepoint, meanfup) restated in base R",
            r_version = R.version.string, packages = list(), cases = cases,
            note = "pmsampsize is not in Debian: pmsampsize_surv.R restated in base R (same roundings). 'published' = the expected sample sizes and EPP of the package's tests/testthat/test_surv.R. The numbers of the Riley et al. 2020 BMJ worked example could not be retrieved offline; the package tests stand in as the published check.")
writeLines(toJSON(obj, auto_unbox = TRUE, digits = NA, na = "null", null = "null"), file.path(dir, "pmsampsize.json"))
