# Reference values for relative-survival (excess-hazard) mixture cure models (issue 17, item 2).
#
# (1) Life tables: survival's survexp.us and relsurv's slopop exported as CSV in survinfer's life-table layout
#     (docs/data.md, "Life tables": columns age, sex, year, rate; rate = deaths per person-year, i.e. the
#     ratetable's daily hazard x days-per-year; age in whole years; a year's rates apply from 1 January).
# (2) Expected survival S*(t) per patient and the expected hazard h*(t) at t, by survival::survexp(...,
#     method = "individual.s") with the same ratetable (equal to relsurv's use of it): the per-patient hazard is
#     integrated over age and calendar time together (survival's pyears3b/pystep cell walk, the table extended at
#     its edges). h*(t) is the rate of the cell holding (age + t, date + t), a cell starting at its cut-point.
#     survexp.us is a "US-style" table (type 4): its year index changes on the birthday (survexp.fit's offset).
# (3) The mixture cure model on the excess hazard (Lambert et al. 2007, doi:10.1002/sim.2655; De Angelis et al.
#     1999): S(t) = S*(t) [pi + (1 - pi) S_u(t)], incidence logit(1 - pi) = Z gamma, latency S_u as in cure.R
#     (Weibull, log-normal, log-logistic through w = alpha (log lambda + x beta + log t)). Log-likelihood, up to
#     the constant sum log S*(t_i):
#       l = sum d_i log(h*_i D_i + p_i f_u(t_i)) + (1 - d_i) log D_i,  D_i = 1 - p_i + p_i S_u(t_i),  p_i = 1 - pi_i.
#     No Debian package fits it (rstpm2/flexsurvcure are not packaged; relsurv fits no cure model), so it is
#     maximised in base R: optim BFGS with the analytic gradient, then Newton steps with a numerical Hessian.
# Writes test/fixtures/r/relative-cure/*.json, test/fixtures/r/relative-cure/slopop.csv and
# examples/lms-metastasectomy/life-table-us.csv. Run: Rscript tools/oracle/relative-cure.R
args <- commandArgs(trailingOnly = FALSE); here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)]))); source(file.path(here, "common.R"))
suppressPackageStartupMessages({ library(survival); library(relsurv) })
root <- oracle_root()
fxdir <- file.path(root, "test", "fixtures", "r", "relative-cure")
dir.create(fxdir, recursive = TRUE, showWarnings = FALSE)

# ---- (1) export a ratetable (age x sex x year, continuous age and calendar year) -----------------------
export_ratetable <- function(rt, file, days_per_year, years = NULL) {
  dn <- dimnames(rt); dimid <- names(dn); if (is.null(dimid)) dimid <- attr(rt, "dimid")
  cuts <- attr(rt, "cutpoints")
  ia <- match("age", dimid); iy <- match("year", dimid); is <- match("sex", dimid)
  age <- round(cuts[[ia]] / days_per_year)
  stopifnot(max(abs(age * days_per_year - cuts[[ia]])) < 1e-9)
  yr <- as.integer(format(as.Date(as.numeric(ratetableDate(cuts[[iy]])), origin = "1970-01-01"), "%Y"))
  stopifnot(all(as.numeric(ratetableDate(cuts[[iy]])) == as.numeric(as.Date(paste0(yr, "-01-01")))))
  keep <- if (is.null(years)) seq_along(yr) else which(yr %in% years)
  rows <- list()
  for (s in seq_along(dn[[is]])) for (y in keep) {
    idx <- vector("list", 3); idx[[ia]] <- seq_along(age); idx[[iy]] <- y; idx[[is]] <- s
    r <- do.call(`[`, c(list(unclass(rt)), idx))
    rows[[length(rows) + 1]] <- data.frame(age = age, sex = dn[[is]][s], year = yr[y], rate = sprintf("%.17g", r * days_per_year))
  }
  out <- do.call(rbind, rows)
  out <- out[order(out$sex, out$year, out$age), ]
  write.csv(out, file, row.names = FALSE, quote = FALSE)
  invisible(out)
}
export_ratetable(slopop, file.path(fxdir, "slopop.csv"), 365.241)
us_years <- 1970:2014
us_file <- file.path(root, "examples", "lms-metastasectomy", "life-table-us.csv")
export_ratetable(survexp.us, us_file, 365.25, us_years)

# ---- (2) expected survival and hazard per patient -------------------------------------------------------
# age_d: age in days at the origin, date_d: days since 1970-01-01, sexi: 1 = male, 2 = female (both tables' order)
cell_rate <- function(rt, age_d, date_d, sexi, us_style) {
  dimid <- names(dimnames(rt)); if (is.null(dimid)) dimid <- attr(rt, "dimid")
  cuts <- attr(rt, "cutpoints")
  ia <- match("age", dimid); iy <- match("year", dimid); is <- match("sex", dimid)
  ycut <- as.numeric(ratetableDate(cuts[[iy]]))
  if (us_style) { # survexp.fit: the year coordinate is moved back to 1 January of the birth year's position
    bdate <- as.Date("1970-01-01") + (date_d - age_d)
    date_d <- date_d - as.numeric(bdate - as.Date(paste0(format(bdate, "%Y"), "-01-01")))
  }
  a <- pmax(1, findInterval(age_d, cuts[[ia]])); y <- pmax(1, findInterval(date_d, ycut))
  out <- numeric(length(age_d))
  for (i in seq_along(age_d)) { idx <- integer(3); idx[ia] <- a[i]; idx[iy] <- y[i]; idx[is] <- sexi[i]; out[i] <- unclass(rt)[matrix(idx, 1)] }
  out
}
expected_parts <- function(rt, age_d, date_d, sexi, t_d, us_style, grid_d) {
  dd <- data.frame(t = t_d, age = age_d, sex = sexi, year = as.Date(date_d, origin = "1970-01-01"))
  s_at <- function(tt) { dd$t <- tt; survexp(t ~ 1, data = dd, ratetable = rt, rmap = list(age = age, sex = sex, year = year), method = "individual.s") }
  # the cumulative hazard at t_i and on a grid; the hazard at t_i by the cell rule (checked against a finite
  # difference of survexp's cumulative hazard where t_i is not near a cut-point)
  cumhaz <- -log(s_at(t_d))
  grid <- lapply(grid_d, function(g) -log(s_at(rep(g, nrow(dd)))))
  haz <- cell_rate(rt, age_d + t_d, date_d + t_d, sexi, us_style)
  fd <- (-log(s_at(t_d + 0.01)) + log(s_at(t_d))) / 0.01
  list(cumhaz = cumhaz, grid = grid, haz = haz, fdAgree = mean(abs(fd - haz) / haz < 1e-6))
}

# ---- (3) relative-survival mixture cure -------------------------------------------------------------
fam <- list(
  weibull = list(logS = function(w) -exp(w), dlogS = function(w) -exp(w), logg = function(w) w - exp(w), dlogg = function(w) 1 - exp(w)),
  lognormal = list(logS = function(w) pnorm(-w, log.p = TRUE), dlogS = function(w) -exp(dnorm(w, log = TRUE) - pnorm(-w, log.p = TRUE)),
                   logg = function(w) dnorm(w, log = TRUE), dlogg = function(w) -w),
  loglogistic = list(logS = function(w) -log1p(exp(w)), dlogS = function(w) -plogis(w), logg = function(w) w - 2 * log1p(exp(w)), dlogg = function(w) 1 - 2 * plogis(w)))
rc_parts <- function(theta, t, Z, X, f) {
  pz <- ncol(Z); px <- ncol(X)
  g <- theta[seq_len(pz)]; b <- if (px > 0) theta[pz + seq_len(px)] else numeric(0)
  al <- exp(theta[pz + px + 2])
  w <- al * (theta[pz + px + 1] + log(t) + (if (px > 0) drop(X %*% b) else 0))
  p <- plogis(drop(Z %*% g)); e <- exp(f$logS(w)); fu <- exp(log(al) - log(t) + f$logg(w))
  list(p = p, w = w, al = al, e = e, fu = fu, D = 1 - p + p * e, pz = pz, px = px)
}
rc_loglik <- function(theta, t, d, Z, X, hs, fm) {
  f <- fm
  q <- rc_parts(theta, t, Z, X, f)
  sum(ifelse(d == 1, log(hs * q$D + q$p * q$fu), log(q$D)))
}
rc_grad <- function(theta, t, d, Z, X, hs, fm) {
  f <- fm
  q <- rc_parts(theta, t, Z, X, f)
  A <- hs * q$D + q$p * q$fu
  De <- q$p * (1 - q$p) * (q$e - 1); Dw <- q$p * q$e * f$dlogS(q$w)
  deta <- ifelse(d == 1, (hs * De + q$p * (1 - q$p) * q$fu) / A, De / q$D)
  dw <- ifelse(d == 1, (hs * Dw + q$p * q$fu * f$dlogg(q$w)) / A, Dw / q$D)
  dal <- ifelse(d == 1, q$p * q$fu / A, 0)
  c(drop(crossprod(Z, deta)), if (q$px > 0) q$al * drop(crossprod(X, dw)) else numeric(0), q$al * sum(dw), sum(dw * q$w) + sum(dal))
}
rc_hess <- function(par, tobs, dobs, Zm, Xm, hs, f) {
  k <- length(par); H <- matrix(0, k, k)
  for (j in seq_len(k)) {
    h <- 1e-5 * max(1, abs(par[j]))
    tp <- par; tm <- par; tp[j] <- tp[j] + h; tm[j] <- tm[j] - h
    H[, j] <- (rc_grad(tp, tobs, dobs, Zm, Xm, hs, f) - rc_grad(tm, tobs, dobs, Zm, Xm, hs, f)) / (2 * h)
  }
  (H + t(H)) / 2
}
fit_relative_cure <- function(t, d, Z, X, hs, dist) {
  f <- fam[[dist]]
  g0 <- coef(glm(d ~ Z - 1, family = binomial))
  th <- c(g0, rep(0, ncol(X)), log(sum(d) / sum(t)), 0)
  o <- optim(th, rc_loglik, rc_grad, t = t, d = d, Z = Z, X = X, hs = hs, fm = f, method = "BFGS",
             control = list(fnscale = -1, reltol = 1e-15, maxit = 20000))
  th <- o$par
  for (k in 1:10) th <- th - solve(rc_hess(th, t, d, Z, X, hs, f), rc_grad(th, t, d, Z, X, hs, f))
  V <- solve(-rc_hess(th, t, d, Z, X, hs, f))
  ll <- rc_loglik(th, t, d, Z, X, hs, f)
  stopifnot(max(abs(rc_grad(th, t, d, Z, X, hs, f))) < 1e-6)
  list(theta = th, loglik = ll, se = sqrt(diag(V)), gradNorm = max(abs(rc_grad(th, t, d, Z, X, hs, f))), aic = -2 * ll + 2 * length(th),
       optimConvergence = o$convergence, cureFractionMeanProfile = unname(1 - plogis(sum(colMeans(Z) * th[seq_len(ncol(Z))]))),
       cureFractionAverage = mean(1 - plogis(drop(Z %*% th[seq_len(ncol(Z))]))))
}
# gradient check of the statement itself (central differences of rc_loglik)
grad_check <- function(theta, t, d, Z, X, hs, f) {
  g <- rc_grad(theta, t, d, Z, X, hs, f)
  num <- vapply(seq_along(theta), function(j) { h <- 1e-6; a <- theta; b <- theta; a[j] <- a[j] + h; b[j] <- b[j] - h
    (rc_loglik(a, t, d, Z, X, hs, f) - rc_loglik(b, t, d, Z, X, hs, f)) / (2 * h) }, 0)
  max(abs(g - num) / pmax(1, abs(num)))
}

relative_case <- function(name, rt, table_file, days_per_year, us_style, age_y, sexi, date_d, t_d, d, Z, X, unit_days, grid_d, note, fit = TRUE) {
  age_d <- age_y * days_per_year
  ex <- expected_parts(rt, age_d, date_d, sexi, t_d, us_style, grid_d)
  t <- t_d / unit_days; hs <- ex$haz * unit_days
  fits <- if (fit) lapply(c(weibull = "weibull", lognormal = "lognormal", loglogistic = "loglogistic"), function(dist) {
    r <- fit_relative_cure(t, d, Z, X, hs, dist)
    stopifnot(grad_check(r$theta + 0.01, t, d, Z, X, hs, fam[[dist]]) < 1e-6)
    r
  }) else NULL
  write_fixture("relative-cure", name,
    call = paste0("S*(t): survexp(t ~ 1, ratetable = ", deparse(substitute(rt)), ", rmap = list(age = age * ", days_per_year, ", sex = sex, year = date), method = 'individual.s');",
                  " h*(t): the ratetable cell of (age + t, date + t)", if (us_style) " with survexp.fit's US-style (type 4) year offset" else "", ";",
                  " relative-survival mixture cure: optim(BFGS, reltol 1e-15) on rc_loglik/rc_grad then 10 Newton steps (tools/oracle/relative-cure.R fit_relative_cure)"),
    packages = c("survival", "relsurv"),
    input = list(lifeTable = table_file, daysPerYear = days_per_year, yearChange = if (us_style) "birthday" else "calendar",
                 age = age_y, sex = ifelse(sexi == 1, "male", "female"), date = date_d, timeDays = t_d, status = d, unitDays = unit_days,
                 z = lapply(seq_len(ncol(Z)), function(j) Z[, j]), zNames = I(colnames(Z)),
                 x = lapply(seq_len(ncol(X)), function(j) X[, j]), xNames = I(as.character(colnames(X))), gridDays = grid_d),
    expected = c(list(expectedCumHazard = ex$cumhaz, expectedCumHazardGrid = ex$grid, expectedHazardPerDay = ex$haz, finiteDifferenceAgreement = ex$fdAgree),
                 if (fit) list(fits = fits) else list()),
    note = note)
}

# case 1: relsurv's rdata (1040 patients, Slovene population; time in days) with slopop; model in years
rd <- rdata
relative_case("rdata-slopop", slopop, "slopop.csv", 365.241, FALSE, rd$age, as.integer(rd$sex), as.numeric(unclass(rd$year)), rd$time, rd$cens,
  cbind("(Intercept)" = 1, age = rd$age - 60), cbind(female = as.numeric(rd$sex == 2)), 365.241, c(365, 1826, 3652, 7305),
  note = "relsurv::rdata (time in days, cens, age in years, sex 1 = male 2 = female, year = date of diagnosis) with relsurv::slopop; model time in years of 365.241 days; incidence ~ (age - 60), latency ~ female")

# case 2: relsurv's colrec (colorectal cancer, Slovenia 1994-2000), 1200 patients drawn with set.seed(17); age in days there
set.seed(17)
cr <- colrec[sort(sample(nrow(colrec), 1200)), ]
relative_case("colrec-slopop", slopop, "slopop.csv", 365.241, FALSE, cr$age / 365.241, as.integer(cr$sex), as.numeric(unclass(cr$diag)), cr$time, cr$stat,
  cbind("(Intercept)" = 1, rectum = as.numeric(cr$site == "rectum"), age = cr$age / 365.241 - 70), matrix(numeric(0), nrow(cr), 0, dimnames = list(NULL, character(0))), 365.241, c(365, 1826, 3652),
  note = "relsurv::colrec, 1200 rows drawn with set.seed(17); sample(nrow(colrec), 1200), sorted; age given in days (age / 365.241 years); model time in years of 365.241 days; incidence ~ rectum + (age - 70), latency ~ 1")

# case 3: the expected-survival part with survexp.us (US-style year) on the rdata patients (no model fit)
relative_case("rdata-survexp-us", survexp.us, "life-table-us.csv", 365.25, TRUE, rd$age, as.integer(rd$sex), as.numeric(unclass(rd$year)), rd$time, rd$cens,
  cbind("(Intercept)" = rep(1, nrow(rd))), matrix(numeric(0), nrow(rd), 0), 365.25, c(365, 1826, 3652, 7305), fit = FALSE,
  note = "relsurv::rdata patients (ages, sexes and diagnosis dates) with survival::survexp.us (US total population 1940-2014; exported 1970-2014 as examples/lms-metastasectomy/life-table-us.csv); expected survival only")

# case 4: the example cohort with survexp.us (US-style years), as the example study's relative cure model:
# OS in months from date_lung_met; age at the origin = age_primary (recorded at date_primary) + the days from
# date_primary to date_lung_met; incidence ~ n_lung_mets + metastasectomy, latency ~ age_primary + metastasectomy
co <- example_os_cohort()
dt <- function(x) as.numeric(as.Date(x, format = "%d.%m.%Y"))
age_origin <- co$age_primary + (dt(co$date_lung_met) - dt(co$date_primary)) / 365.25
op <- as.numeric(co$metastasectomy == "yes")
relative_case("lms-cohort-survexp-us", survexp.us, "life-table-us.csv", 365.25, TRUE, age_origin, ifelse(co$sex == "male", 1L, 2L), dt(co$date_lung_met),
  co$time * 30.4375, co$status,
  cbind("(Intercept)" = 1, n_lung_mets = co$n_lung_mets, metastasectomyyes = op), cbind(age_primary = co$age_primary, metastasectomyyes = op), 30.4375, c(365.25, 1826.25, 3652.5),
  note = paste("examples/lms-metastasectomy/cohort.csv with survival::survexp.us: OS in months (30.4375 days) from date_lung_met; age at the origin = age_primary + (date_lung_met - date_primary) / 365.25;",
               "sex male/female; calendar date date_lung_met; incidence ~ n_lung_mets + metastasectomy, latency ~ age_primary + metastasectomy (the study's by: treatment)"))
