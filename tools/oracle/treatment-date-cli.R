# Reference values of the single-analysis commands with --treatment-date (survinfer km|logrank|cox
# DATA ... --treatment-date date_op --origin date_dx --time-unit months): a synthetic cohort (seed 14)
# where surgery happens after the diagnosis, with the same-day cases of R's survival::heart
# convention (a death on the day of diagnosis; a surgery on the day follow-up ends; a surgery on the
# day of diagnosis). Writes test/fixtures/treatment-date-cli/cohort.csv and expected.json.
#   naive:        coxph(Surv(time, status) ~ op + age + sex)                       (ever treated, biased)
#   tmerge:       tmerge(d, d, id, death = event(time, status), tx = tdc(t_op))    (intervals)
#   cox:          coxph(Surv(tstart, tstop, death) ~ op + age + sex + cluster(id))  (robust SE by patient)
#   simon-makuch: survfit(Surv(tstart, tstop, death) ~ op)
#   mantel-byar:  log-rank O, E and hypergeometric V summed over the risk sets of the intervals (by hand:
#                 survdiff takes no (start, stop] data)
args <- commandArgs(trailingOnly = FALSE); here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)]))); source(file.path(here, "common.R"))
suppressPackageStartupMessages(library(survival))

set.seed(14)
n <- 80
u <- 30.4375
dx <- as.Date("2015-01-01") + sample(0:1500, n, replace = TRUE)
age <- round(rnorm(n, 60, 10))
sex <- sample(c("female", "male"), n, replace = TRUE)
op <- rbinom(n, 1, plogis(-0.2 + 0.04 * (60 - age)))
wait <- ifelse(op == 1, round(rexp(n, 1 / 120)), NA)
death_day <- round(rexp(n, exp(-6.3 + 0.03 * (age - 60))))
cens_day <- sample(200:2500, n, replace = TRUE)
fu <- pmin(death_day, cens_day)
status <- as.integer(death_day <= cens_day)
# treated after the end of follow-up: never treated (the operation did not happen)
op[op == 1 & wait > fu] <- 0L
wait[op == 0] <- NA
# the same-day cases
status[1] <- 1L; fu[1] <- 0; op[1] <- 0L; wait[1] <- NA                 # death on the day of diagnosis
op[2] <- 1L; status[2] <- 1L; fu[2] <- 300; wait[2] <- 300               # surgery on the day of death
op[3] <- 1L; wait[3] <- 0; status[3] <- 0L; fu[3] <- 900                 # surgery on the day of diagnosis
birth <- dx - round(age * 365.25)
d0 <- data.frame(id = sprintf("P%03d", seq_len(n)), time = fu / u, status = status, op = ifelse(op == 1, "yes", "no"),
                 age = age, sex = sex, date_birth = format(birth), date_dx = format(dx),
                 date_op = ifelse(op == 1, format(dx + wait), ""))
dir <- file.path(oracle_root(), "test", "fixtures", "treatment-date-cli")
dir.create(dir, recursive = TRUE, showWarnings = FALSE)
write.csv(d0, file.path(dir, "cohort.csv"), row.names = FALSE, quote = FALSE)

# everything below from the file as written (times as printed), as survinfer reads it
d <- read.csv(file.path(dir, "cohort.csv"), na.strings = c("", "NA"))
d$op <- factor(d$op, levels = c("no", "yes"))
d$sex <- factor(d$sex)
t_op <- (as.numeric(as.Date(d$date_op)) - as.numeric(as.Date(d$date_dx))) / u
end_day <- as.numeric(as.Date(d$date_dx)) + round(d$time * u)
naive <- coxph(Surv(time, status) ~ op + age + sex, data = d)

# survival::heart: futime = pmax(.5 day, futime); surgery on the day follow-up ends → half a day earlier
half <- 0.5 / u
same_day <- !is.na(t_op) & t_op > 0 & as.numeric(as.Date(d$date_op)) == end_day
h <- d
h$time <- ifelse(h$time == 0, half, h$time)
h$t_op <- ifelse(same_day, pmax(h$time - half, 0), t_op)
base <- tmerge(h[, c("id", "age", "sex")], h, id = id, death = event(time, status))
td <- tmerge(base, h, id = id, tx = tdc(t_op))
td$tx[is.na(td$tx)] <- 0
td$op <- factor(ifelse(td$tx == 1, "yes", "no"), levels = c("no", "yes"))
cox <- coxph(Surv(tstart, tstop, death) ~ op + age + sex + cluster(id), data = td)

sm <- survfit(Surv(tstart, tstop, death) ~ op, data = td)
sms <- lapply(1:2, function(k) { s <- sm[k]; list(time = s$time, n_risk = s$n.risk, n_event = s$n.event, surv = s$surv, std_err = s$std.err, lower = s$lower, upper = s$upper) })

ev <- sort(unique(td$tstop[td$death == 1]))
O1 <- sum(td$death[td$op == "yes"]); O0 <- sum(td$death[td$op == "no"])
E1 <- 0; E0 <- 0; V <- 0
for (t in ev) {
  r <- td$tstart < t & td$tstop >= t
  nn <- sum(r); n1 <- sum(r & td$op == "yes"); dd <- sum(td$death[td$tstop == t])
  E1 <- E1 + dd * n1 / nn; E0 <- E0 + dd * (nn - n1) / nn
  if (nn > 1) V <- V + dd * (n1 / nn) * (1 - n1 / nn) * (nn - dd) / (nn - 1)
}
chisq <- (O1 - E1)^2 / V
# stratified by sex: the same sums within each stratum
mb_strat <- list(O1 = 0, E1 = 0, V = 0)
for (s in levels(td$sex)) {
  ts <- td[td$sex == s, ]
  mb_strat$O1 <- mb_strat$O1 + sum(ts$death[ts$op == "yes"])
  for (t in sort(unique(ts$tstop[ts$death == 1]))) {
    r <- ts$tstart < t & ts$tstop >= t
    nn <- sum(r); n1 <- sum(r & ts$op == "yes"); dd <- sum(ts$death[ts$tstop == t])
    mb_strat$E1 <- mb_strat$E1 + dd * n1 / nn
    if (nn > 1) mb_strat$V <- mb_strat$V + dd * (n1 / nn) * (1 - n1 / nn) * (nn - dd) / (nn - 1)
  }
}
mb_strat$chisq <- (mb_strat$O1 - mb_strat$E1)^2 / mb_strat$V

obj <- list(
  call = "tmerge(d, d, id = id, death = event(time, status), tx = tdc(t_op)); coxph(Surv(tstart, tstop, death) ~ op + age + sex + cluster(id)); survfit(Surv(tstart, tstop, death) ~ op); Mantel-Byar by hand; naive coxph(Surv(time, status) ~ op + age + sex)",
  r_version = R.version.string, packages = pkg_versions("survival"),
  input = list(file = "test/fixtures/treatment-date-cli/cohort.csv", unit = "months", days_per_unit = u, seed = 14),
  expected = list(
    n_treated = sum(d$op == "yes"), n_treated_after_origin = sum(t_op > 0, na.rm = TRUE), median_wait = median(t_op, na.rm = TRUE),
    moved_to_half_day = which(d$time == 0) + 1, treatment_moved_earlier = which(same_day) + 1,
    intervals = nrow(td),
    naive = list(names = names(coef(naive)), coef = unname(coef(naive)), se = unname(sqrt(diag(naive$var)))),
    cox = list(names = names(coef(cox)), coef = unname(coef(cox)), se = unname(sqrt(diag(cox$naive.var))), robust_se = unname(sqrt(diag(cox$var))),
               loglik = cox$loglik, score = unname(cox$score), n = cox$n, nevent = cox$nevent),
    simon_makuch = sms,
    mantel_byar = list(observed = c(O0, O1), expected = c(E0, E1), variance = V, chisq = chisq, p = pchisq(chisq, 1, lower.tail = FALSE)),
    mantel_byar_by_sex = list(expected_treated = mb_strat$E1, variance = mb_strat$V, chisq = mb_strat$chisq)
  ))
writeLines(toJSON(obj, auto_unbox = TRUE, digits = NA, na = "null", null = "null"), file.path(dir, "expected.json"))
