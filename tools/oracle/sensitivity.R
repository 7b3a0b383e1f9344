# Rosenbaum bounds for matched pairs, restating rbounds (psens, binarysens; Keele, rbounds 2.x) in base R:
# rbounds is not packaged for Debian. Also the censored-pairs scorings of src/sensitivity/censored-pairs.ts
# (paired Prentice–Wilcoxon, O'Brien & Fleming 1987; Gehan's pair order; status at a time), written from
# their definitions (a loop per patient, not the TypeScript algorithm). Writes test/fixtures/sensitivity/*.json.
# Run: Rscript tools/oracle/sensitivity.R
args <- commandArgs(trailingOnly = FALSE); here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)]))); source(file.path(here, "common.R"))

write_sens <- function(name, call, input, expected, note) {
  dir <- file.path(oracle_root(), "test", "fixtures", "sensitivity")
  dir.create(dir, recursive = TRUE, showWarnings = FALSE)
  obj <- list(call = call, r_version = R.version.string, packages = list(), input = input, expected = expected, note = note)
  writeLines(toJSON(obj, auto_unbox = TRUE, digits = NA, na = "null", null = "null"), file.path(dir, paste0(name, ".json")))
}

# psens, tie branch (E = p * sum(q), V = p(1-p) * sum(q^2)), without its rounding to 4 digits; T = sum of q with d > 0
signed_scores <- function(q, pos, gammas) {
  T <- sum(q[pos])
  t(sapply(gammas, function(g) {
    pp <- g / (1 + g); pm <- 1 / (1 + g); v <- pp * (1 - pp) * sum(q^2)
    c(gamma = g, pUpper = 1 - pnorm((T - pp * sum(q)) / sqrt(v)), pLower = 1 - pnorm((T - pm * sum(q)) / sqrt(v)))
  }))
}
gamma_change <- function(upper, alpha = 0.05) {
  if (upper(1) >= alpha) return(NULL)
  uniroot(function(lg) upper(exp(lg)) - alpha, c(0, log(1e4)), tol = 1e-13)$root |> exp()
}
psens_base <- function(trt, ctrl, gammas, zeros = "keep") {
  d <- trt - ctrl
  if (zeros == "drop") d <- d[d != 0]
  q <- rank(abs(d), ties.method = "average"); pos <- d > 0
  rows <- signed_scores(q, pos, gammas)
  up <- function(g) { pp <- g / (1 + g); 1 - pnorm((sum(q[pos]) - pp * sum(q)) / sqrt(pp * (1 - pp) * sum(q^2))) }
  list(statistic = sum(q[pos]), nInformative = sum(d != 0), gamma = rows[, "gamma"], pUpper = rows[, "pUpper"], pLower = rows[, "pLower"], gammaChange = gamma_change(up))
}
binarysens_base <- function(ctrl, trt, gammas) {
  mx <- ctrl + trt; series <- trt:mx
  up <- function(g) sum(dbinom(series, mx, g / (1 + g)))
  list(gamma = gammas, pUpper = sapply(gammas, up), pLower = sapply(gammas, function(g) sum(dbinom(series, mx, 1 / (1 + g)))), gammaChange = gamma_change(up))
}

gammas <- c(1, 1.25, 1.5, 1.75, 2, 2.5, 3, 4, 5, 6)
# Lead in children's blood (Morton et al. 1982), the example of rbounds::psens and Rosenbaum (2002) §4.3.3
trt <- c(38,23,41,18,37,36,23,62,31,34,24,14,21,17,16,20,15,10,45,39,22,35,49,48,44,35,43,39,34,13,73,25,27)
ctrl <- c(16,18,18,24,19,11,10,15,16,18,18,13,19,10,16,16,24,13,9,14,21,19,7,18,19,12,11,22,25,16,13,11,13)
for (z in c("keep", "drop")) {
  write_sens(paste0("psens-lead-", z),
    call = sprintf("rbounds::psens(trt, ctrl, Gamma = 6) restated in base R (tie branch, unrounded), zero differences: %s", z),
    input = list(treated = trt, control = ctrl, gammas = gammas, zeros = z), expected = psens_base(trt, ctrl, gammas, z),
    note = "rbounds is not in Debian: its psens formulas restated in base R. Data: Morton et al. (1982), Am J Epidemiol 115:549, as in the rbounds::psens help and Rosenbaum (2002) Observational Studies §4.3.3 (T = 527 with zero differences ranked). psens prints these p-values rounded to 4 digits. Published tables could not be retrieved offline for this fixture.")
}
# Smoking and lung cancer (Hammond 1964), rbounds::binarysens(12, 110): 110 discordant pairs with only the smoker dead of lung cancer, 12 the reverse
write_sens("binarysens-smoking",
  call = "rbounds::binarysens(12, 110, Gamma = 6) restated in base R (unrounded)",
  input = list(tested = 110, other = 12, gammas = gammas), expected = binarysens_base(12, 110, gammas),
  note = "rbounds is not in Debian: binarysens restated in base R. Counts from the rbounds::binarysens help (Rosenbaum 2002, p. 112, Hammond 1964).")

# Censored pairs: deterministic synthetic pairs with ties of deaths, ties of deaths with censorings, both censored
set.seed(20261205)
S <- 40
tt <- round(rexp(S, 1 / 30)); tc <- round(rexp(S, 1 / 18)); ct <- round(runif(S, 5, 60)); cc <- round(runif(S, 5, 60))
pairs <- list(treatedTime = pmin(tt, ct), treatedStatus = as.integer(tt <= ct), controlTime = pmin(tc, cc), controlStatus = as.integer(tc <= cc))
pw_scores <- function(time, status) {
  dt <- sort(unique(time[status == 1]))
  fac <- sapply(dt, function(u) { n <- sum(time >= u); d <- sum(time == u & status == 1); (n + 1 - d) / (n + 1) })
  sapply(seq_along(time), function(i) { s <- prod(fac[dt <= time[i]]); if (status[i] == 1) 1 - 2 * s else 1 - s })
}
censored_case <- function(p, direction) {
  w <- pw_scores(c(p$treatedTime, p$controlTime), c(p$treatedStatus, p$controlStatus))
  n <- length(p$treatedTime); sg <- if (direction == "treated-longer") 1 else -1
  d <- sg * (w[1:n] - w[n + 1:n]); q <- abs(d); pos <- d > 0
  rows <- signed_scores(q, pos, gammas)
  up <- function(g) { pp <- g / (1 + g); 1 - pnorm((sum(q[pos]) - pp * sum(q)) / sqrt(pp * (1 - pp) * sum(q^2))) }
  # Gehan: who certainly lived longer (a censoring at a death time outlives it)
  tl <- with(p, controlStatus == 1 & (controlTime < treatedTime | (controlTime == treatedTime & treatedStatus == 0)))
  cl <- with(p, !tl & treatedStatus == 1 & (treatedTime < controlTime | (treatedTime == controlTime & controlStatus == 0)))
  st <- function(t, d, at) ifelse(d == 1 & t <= at, "died", ifelse(t >= at, "alive", "unknown"))
  at <- 24
  a <- st(p$treatedTime, p$treatedStatus, at); b <- st(p$controlTime, p$controlStatus, at)
  known <- a != "unknown" & b != "unknown"
  oc <- sum(known & a == "alive" & b == "died"); ot <- sum(known & a == "died" & b == "alive")
  order_sens <- binarysens_base(if (sg > 0) sum(cl) else sum(tl), if (sg > 0) sum(tl) else sum(cl), gammas)
  status_sens <- binarysens_base(if (sg > 0) ot else oc, if (sg > 0) oc else ot, gammas)
  list(scores = w, ppw = list(statistic = sum(q[pos]), gamma = rows[, "gamma"], pUpper = rows[, "pUpper"], pLower = rows[, "pLower"], gammaChange = gamma_change(up)),
       order = list(treatedLonger = sum(tl), controlLonger = sum(cl), pUpper = order_sens$pUpper, pLower = order_sens$pLower, gammaChange = order_sens$gammaChange),
       statusAt = list(time = at, onlyControlDied = oc, onlyTreatedDied = ot, unknown = sum(!known), pUpper = status_sens$pUpper, pLower = status_sens$pLower, gammaChange = status_sens$gammaChange))
}
for (dir in c("treated-longer", "treated-shorter")) {
  write_sens(paste0("censored-pairs-", dir),
    call = sprintf("paired Prentice-Wilcoxon, Gehan pair order and status at t = 24 with Rosenbaum bounds, direction %s, in base R", dir),
    input = c(pairs, list(gammas = gammas, direction = dir)), expected = censored_case(pairs, dir),
    note = "No R package computes Rosenbaum bounds for censored pairs; scores from their definitions (O'Brien & Fleming 1987; Gehan 1965), bounds as psens/binarysens. Pairs simulated with set.seed(20261205).")
}
