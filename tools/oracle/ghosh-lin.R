# Ghosh-Lin mean cumulative function of recurrent events with death as a terminal event (issue 17, item 4):
# mu(t) = int_0^t S(u-) dR(u), S the Kaplan-Meier estimate of death, dR = dN_R / Y the Nelson-Aalen
# increment of the recurrent events among those alive and under observation; robust SE from the iid
# decomposition (Ghosh & Lin 2000, doi:10.1111/j.0006-341X.2000.00554.x), as mets::recurrentMarginal.
# Writes test/fixtures/r/ghosh-lin/<case>.json with
#  - expected$mets: mets::recurrentMarginal(phreg(Surv(entry, time, status) ~ cluster(id)),
#    phreg(Surv(entry, time, death) ~ cluster(id))): times, mu, se.mu (cases whose tied times mets handles
#    as Nelson-Aalen does: no two recurrent events and no two deaths at one time);
#  - expected$formula: the same estimator written from its definition in base R (Nelson-Aalen ties d/Y,
#    all cases), checked here against mets where mets applies;
#  - expected$naive: survfit(Surv(entry, time, status) ~ 1, id = id) (death treated as censoring).
# Run: Rscript tools/oracle/ghosh-lin.R
args <- commandArgs(trailingOnly = FALSE); here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)]))); source(file.path(here, "common.R"))
suppressPackageStartupMessages({ library(survival); library(mets) })

# (the check against mets on its untied example data is the stopifnot in gl_case)
# Ghosh-Lin from its definition: psi_i(t) = int S(u-)/Y dM_i^R - mu(t) int 1/Y dM_i^D + int mu(u)/Y dM_i^D,
# Var mu(t) = sum_i psi_i(t)^2 (patients i; M_i the counting-process martingale residuals).
gl_formula <- function(d) {
  tj <- sort(unique(d$time[d$status == 1 | d$death == 1]))
  ids <- sort(unique(d$id))
  Y <- sapply(tj, function(u) sum(d$entry < u & d$time >= u))
  dR <- sapply(tj, function(u) sum(d$time == u & d$status == 1))
  dD <- sapply(tj, function(u) sum(d$time == u & d$death == 1))
  S <- cumprod(1 - dD / Y); Sm <- c(1, head(S, -1))
  mu <- cumsum(Sm * dR / Y)
  A <- B <- C <- matrix(0, length(ids), length(tj))
  for (k in seq_along(ids)) {
    di <- d[d$id == ids[k], ]
    yi <- sapply(tj, function(u) sum(di$entry < u & di$time >= u))
    nR <- sapply(tj, function(u) sum(di$time == u & di$status == 1))
    nD <- sapply(tj, function(u) sum(di$time == u & di$death == 1))
    A[k, ] <- cumsum(Sm / Y * (nR - yi * dR / Y))
    B[k, ] <- cumsum(1 / Y * (nD - yi * dD / Y))
    C[k, ] <- cumsum(mu / Y * (nD - yi * dD / Y))
  }
  psi <- A - sweep(B, 2, mu, "*") + C
  se <- sqrt(colSums(psi^2))
  keep <- dR > 0
  list(time = tj[keep], mu = mu[keep], se = se[keep], St = Sm[keep], nRisk = Y[keep], nEvent = dR[keep])
}

gl_case <- function(name, d, with_mets, note) {
  f <- gl_formula(d)
  expected <- list(formula = f)
  if (with_mets) {
    xr <- phreg(Surv(entry, time, status) ~ cluster(id), data = d)
    dr <- phreg(Surv(entry, time, death) ~ cluster(id), data = d)
    m <- recurrentMarginal(xr, dr)
    stopifnot(isTRUE(all.equal(m$times, f$time)), max(abs(m$mu - f$mu)) < 1e-10, max(abs(m$se.mu - f$se)) < 1e-10)
    expected$mets <- list(time = m$times, mu = m$mu, se = m$se.mu, St = m$St)
  }
  nv <- survfit(Surv(entry, time, status) ~ 1, data = d, id = id)
  expected$naive <- list(time = nv$time, cumhaz = nv$cumhaz, stdErr = nv$std.chaz)
  write_fixture("ghosh-lin", name,
    call = paste("mets::recurrentMarginal(phreg(Surv(entry, time, status) ~ cluster(id), data = d), phreg(Surv(entry, time, death) ~ cluster(id), data = d))",
                 "; base-R definition gl_formula (tools/oracle/ghosh-lin.R); survfit(Surv(entry, time, status) ~ 1, data = d, id = id)"),
    input = list(id = d$id, entry = d$entry, time = d$time, status = d$status, death = d$death),
    expected = expected, packages = c("survival", "mets"), note = note)
}

# ---- case 1: mets' own example (simRecurrent with its base1cumhaz and drcumhaz), n = 200 -------------
data(base1cumhaz); data(drcumhaz)
set.seed(20261205)
rr <- simRecurrent(200, base1cumhaz, death.cumhaz = drcumhaz)
rr <- rr[, c("id", "entry", "time", "status", "death")]
rr$time <- signif(rr$time, 12); rr$entry <- signif(rr$entry, 12)
gl_case("mets-example-n200", rr, TRUE,
  "set.seed(20261205); mets::simRecurrent(200, base1cumhaz, death.cumhaz = drcumhaz) as in ?recurrentMarginal; times rounded to 12 significant digits")

# ---- case 2: ties that mets and Nelson-Aalen handle alike -----------------------------------------
# (whole months: a recurrence tied with another patient's censoring, recurrences tied with the entry of the
# next interval; never two recurrences at one time and no death at the time of another row. mets breaks
# tied recurrences (1/Y + 1/(Y-1) + ...) and pairs the rows of its two fits by their sorted position, whose
# order within tied times differs between the fits (unstable sort on the status); its SE then depends on
# that order in some configurations, e.g. a recurrence and another patient's censoring at one time when the
# recurrent patient later dies: 0.2263 vs 0.2167 by the definition at t = 20 in this case with id 5 censored at 9)
tie <- data.frame(
  id     = c(1, 1, 1, 2, 2, 3, 4, 4, 5, 6, 6, 7, 8, 9, 9, 10, 11, 12),
  entry  = c(0, 3, 6, 0, 4, 0, 0, 7, 0, 0, 9, 0, 0, 0, 12, 0, 0, 0),
  time   = c(3, 6, 13, 4, 10, 5, 7, 11, 8, 9, 15, 2, 4, 12, 20, 16, 21, 24),
  status = c(1, 1, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0),
  death  = c(0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 1, 0))
gl_case("ties-mets", tie, TRUE,
  "hand-made, 12 patients, whole months: a recurrence tied with another patient's censoring (t = 4), recurrences tied with the entry of the next interval (t = 3, 4, 6, 7, 9), a censoring tied with an entry (t = 12); never two recurrences at one time and no death at the time of another row (mets handles those ties otherwise, see ties-many)")

# ---- case 3: many ties of recurrences and of deaths (Nelson-Aalen d/Y; mets breaks such ties) -------
set.seed(11)
n <- 60; rows <- list()
for (i in 1:n) {
  fu <- ceiling(runif(1, 2, 30)); dies <- rbinom(1, 1, 0.5)
  ev <- sort(unique(ceiling(runif(rpois(1, 2), 0, fu))))
  ev <- ev[ev > 0 & ev < fu]
  s <- 0
  for (e in ev) { rows[[length(rows) + 1]] <- c(i, s, e, 1, 0); s <- e }
  rows[[length(rows) + 1]] <- c(i, s, fu, 0, dies)
}
mt <- as.data.frame(do.call(rbind, rows)); names(mt) <- c("id", "entry", "time", "status", "death")
gl_case("ties-many", mt, FALSE,
  "set.seed(11); 60 patients, follow-up ceiling(U(2, 30)) months, death with probability 1/2 at the end, Poisson(2) recurrences at whole months: many tied recurrences, tied deaths and recurrences tied with deaths. mets breaks tied event times (1/Y + 1/(Y-1) + ...) and pairs the rows of its two fits by sorted position, so only the base-R definition with Nelson-Aalen ties is the reference here")
