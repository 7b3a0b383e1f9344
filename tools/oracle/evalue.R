# E-values for hazard ratios, restating EValue::evalues.HR (VanderWeele & Ding 2017; the common-outcome
# transformation of VanderWeele 2020) in base R: the EValue package is not packaged for Debian.
args <- commandArgs(trailingOnly = FALSE); here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)]))); source(file.path(here, "common.R"))

hr_to_rr <- function(hr, rare) if (rare) hr else (1 - 0.5^sqrt(hr)) / (1 - 0.5^sqrt(1 / hr))
evalue_rr <- function(rr) { if (rr < 1) rr <- 1 / rr; rr + sqrt(rr * (rr - 1)) }
evalues_hr <- function(est, lo, hi, rare) {
  rr <- hr_to_rr(est, rare); rlo <- hr_to_rr(lo, rare); rhi <- hr_to_rr(hi, rare)
  ci <- if (rlo <= 1 && rhi >= 1) 1 else if (rr < 1) evalue_rr(rhi) else evalue_rr(rlo)
  list(rr = rr, rr_lower = rlo, rr_upper = rhi, point = evalue_rr(rr), ci = ci)
}

cases <- list(
  list(name = "protective-common", hr = 0.62, lower = 0.41, upper = 0.94, rare = FALSE),
  list(name = "protective-rare", hr = 0.62, lower = 0.41, upper = 0.94, rare = TRUE),
  list(name = "harmful-common", hr = 1.8, lower = 1.2, upper = 2.7, rare = FALSE),
  list(name = "harmful-rare", hr = 1.8, lower = 1.2, upper = 2.7, rare = TRUE),
  list(name = "ci-contains-null", hr = 0.8, lower = 0.5, upper = 1.3, rare = FALSE)
)
for (cs in cases) {
  write_fixture("evalue", cs$name,
    call = sprintf("evalues.HR(est = %g, lo = %g, hi = %g, rare = %s) restated in base R", cs$hr, cs$lower, cs$upper, cs$rare),
    input = cs[c("hr", "lower", "upper", "rare")], expected = evalues_hr(cs$hr, cs$lower, cs$upper, cs$rare),
    packages = character(0), note = "EValue is not in Debian; formulas of VanderWeele & Ding 2017 and VanderWeele 2020 in base R")
}
