# Immortal time, adjusted designs (issue 14): on the example cohort (examples/lms-metastasectomy) and on
# the Stanford heart transplant data (survival::jasa, written to test/fixtures/immortal-adjusted/jasa.csv):
# - time-dependent Cox adjusted for the confounders: tmerge(..., tdc(t_treat)) then
#   coxph(Surv(tstart, tstop, death) ~ treated_td + covariates, cluster = id) (robust SE);
# - landmark at L with the PS re-estimated among patients alive and in follow-up at L: glm(binomial),
#   weights by formula (WeightIt is not installed: ATE stabilised = pi/e, (1 - pi)/(1 - e)),
#   coxph(Surv(t - L, status) ~ g, weights = w, robust = TRUE); covariate-adjusted landmark Cox;
#   MatchIt 4.5.x nearest 1:1 (match-nn.R) on the logit PS with caliper 0.2 SD, largest first, then coxph(cluster = subclass);
# - the landmark sensitivity table (adjusted and IPTW HR at each landmark);
# - Simon-Makuch numbers at risk: survfit(Surv(tstart, tstop, death) ~ treated_td)$n.risk at its times,
#   and the risk set sum(tstart < t & t <= tstop) at the figure's ticks.
# Same-day conventions as survival::heart: futime = pmax(0.5 day, futime); a treatment on the last day of
# follow-up moves half a day earlier.
args <- commandArgs(trailingOnly = FALSE); here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)]))); source(file.path(here, "common.R"))
source(file.path(here, "match-nn.R"))
suppressPackageStartupMessages({ library(survival); library(MatchIt) })
out_dir <- file.path(oracle_root(), "test", "fixtures", "immortal-adjusted")
dir.create(out_dir, recursive = TRUE, showWarnings = FALSE)
fixture <- function(name, call, input, expected) {
  obj <- list(call = call, r_version = R.version.string, packages = pkg_versions(c("survival", "MatchIt")), input = input, expected = expected)
  writeLines(toJSON(obj, auto_unbox = TRUE, digits = NA, na = "null", null = "null", pretty = FALSE), file.path(out_dir, paste0(name, ".json")))
}

# d: one row per patient with id, time, status, treated (ever), t_treat (NA when never) and the covariates
adjusted_designs <- function(d, covs, landmark, landmarks, ticks, match = TRUE) {
  rhs <- paste(covs, collapse = " + ")
  cc <- d[complete.cases(d[, covs]), ]
  base <- tmerge(cc[, c("id", covs)], cc, id = id, death = event(time, status))
  td <- tmerge(base, cc, id = id, treated_td = tdc(t_treat))
  td$treated_td[is.na(td$treated_td)] <- 0
  fit <- coxph(as.formula(paste("Surv(tstart, tstop, death) ~ treated_td +", rhs)), data = td, cluster = id)
  s <- summary(fit)
  adj <- list(n = nrow(cc), events = sum(cc$status), intervals = nrow(td), names = names(coef(fit)), coef = unname(coef(fit)),
    se = unname(sqrt(diag(fit$naive.var))), robust_se = unname(sqrt(diag(fit$var))),
    lower = unname(s$conf.int[, "lower .95"]), upper = unname(s$conf.int[, "upper .95"]),
    excluded_treated = sum(!complete.cases(d[, covs]) & d$treated == 1), excluded_untreated = sum(!complete.cases(d[, covs]) & d$treated == 0))
  # Simon-Makuch (crude, all patients): n.risk at survfit's times and the risk set at the ticks
  tdall <- tmerge(tmerge(d[, c("id", "treated")], d, id = id, death = event(time, status)), d, id = id, treated_td = tdc(t_treat))
  tdall$treated_td[is.na(tdall$treated_td)] <- 0
  sm <- survfit(Surv(tstart, tstop, death) ~ treated_td, data = tdall)
  grp <- rep(c(0, 1), sm$strata)
  at_tick <- function(g) sapply(ticks, function(t) with(tdall[tdall$treated_td == g, ], if (t == 0) sum(tstart <= 0 & tstop > 0) else sum(tstart < t & t <= tstop)))
  sm_out <- list(time0 = sm$time[grp == 0], n_risk0 = sm$n.risk[grp == 0], time1 = sm$time[grp == 1], n_risk1 = sm$n.risk[grp == 1],
    ticks = ticks, at_tick0 = at_tick(0), at_tick1 = at_tick(1))
  lm_one <- function(L, full) {
    lm <- d[d$time > L, ]
    lm <- lm[complete.cases(lm[, covs]), ]
    lm$g <- as.integer(lm$treated == 1 & !is.na(lm$t_treat) & lm$t_treat <= L)
    lm$t <- lm$time - L
    ps <- fitted(glm(as.formula(paste("g ~", rhs)), family = binomial, data = lm))
    pi <- mean(lm$g)
    lm$w <- ps_weights(ps, lm$g, "ATE", TRUE, pi)
    wfit <- coxph(Surv(t, status) ~ g, data = lm, weights = w, robust = TRUE)
    afit <- coxph(as.formula(paste("Surv(t, status) ~ g +", rhs)), data = lm)
    one <- function(f, robust) { s <- summary(f); list(coef = unname(coef(f)[1]), se = unname(sqrt(diag(if (robust) f$var else f$var))[1]),
      lower = unname(s$conf.int[1, "lower .95"]), upper = unname(s$conf.int[1, "upper .95"])) }
    r <- list(time = L, n = nrow(lm), n_treated = sum(lm$g), events = sum(lm$status), weighted = one(wfit, TRUE), adjusted = one(afit, FALSE), ps = unname(ps), weights = unname(lm$w))
    if (full) {
      cfit <- coxph(Surv(t, status) ~ g, data = lm)
      r$crude <- one(cfit, FALSE)
      if (match) {
        # MatchIt 4.5.x nearest neighbour restated in plain R (match-nn.R: Debian's matchit() binary is wrong
        # for vector distances, see match.R), MatchIt's own weights, then the matched coxph clustered on the set
        treat <- lm$g
        names(treat) <- lm$id
        dist <- qlogis(ps)
        mm <- nn_match_vec_45(treat, dist, 1, FALSE, 0.2 * sd(dist), "largest")
        w <- as.numeric(MatchIt:::weights.matrix(mm, treat))
        sub <- rep(NA_integer_, nrow(lm))
        ind1 <- which(treat == 1)
        for (i in seq_len(nrow(mm))) {
          ctl <- mm[i, !is.na(mm[i, ])]
          if (length(ctl) > 0) sub[c(ind1[i], ctl)] <- i
        }
        md <- cbind(lm, weights = w, subclass = sub)[w > 0, ]
        mfit <- coxph(Surv(t, status) ~ g, data = md, weights = weights, cluster = subclass)
        r$matched <- c(one(mfit, TRUE), list(n = nrow(md)))
      }
    }
    r
  }
  list(adjusted_td = adj, simon_makuch = sm_out, landmark = lm_one(landmark, TRUE), landmarks = lapply(landmarks, function(L) lm_one(L, FALSE)))
}

# Sequential (risk-set) matching, Lu 2005, as survinfer states it (src/study/immortal-time/sequential-matching.ts):
# time-dependent PS = linear predictor of coxph(Surv(wait, got) ~ covs) (time to treatment, censored at the
# end of follow-up); treated in order of treatment time (ties: data order) matched to the `ratio` nearest
# on the linear predictor within caliper * sd(lp) among patients in follow-up after t, not yet treated at t,
# not used before (ties: earlier row); follow-up from t; a control treated later is censored then.
seq_match <- function(d, covs, ratio = 1, caliper = 0.2) {
  cc <- d[complete.cases(d[, covs]), ]
  tx <- cc$treated == 1 & !is.na(cc$t_treat) & cc$t_treat < cc$time
  cc$wait <- ifelse(tx, cc$t_treat, cc$time)
  cc$got <- as.integer(tx)
  pfit <- coxph(as.formula(paste("Surv(wait, got) ~", paste(covs, collapse = " + "))), data = cc)
  lp <- unname(predict(pfit, type = "lp"))
  width <- if (is.null(caliper)) Inf else caliper * sd(lp)
  ord <- which(tx)
  ord <- ord[order(cc$t_treat[ord], ord)]
  used <- rep(FALSE, nrow(cc))
  rows <- list(); sets <- list()
  for (q in ord) {
    t <- cc$t_treat[q]
    ok <- seq_len(nrow(cc)) != q & !used & cc$time > t & !(tx & cc$t_treat <= t) & !(cc$treated == 1 & !is.na(cc$t_treat) & cc$t_treat <= t)
    dist <- abs(lp - lp[q])
    cand <- which(ok & dist <= width)
    cand <- cand[order(dist[cand], cand)]
    ctl <- head(cand, ratio)
    if (length(ctl) == 0) next
    used[ctl] <- TRUE
    si <- length(sets) + 1
    sets[[si]] <- list(time = t, treated = as.character(cc$id[q]), controls = I(as.character(cc$id[ctl])))
    later <- tx[ctl]
    rows[[si]] <- data.frame(set = si, pid = c(cc$id[q], cc$id[ctl]), trt = c(1, rep(0, length(ctl))),
      t = c(cc$time[q], ifelse(later, cc$t_treat[ctl], cc$time[ctl])) - t, status = c(cc$status[q], ifelse(later, 0, cc$status[ctl])))
  }
  md <- do.call(rbind, rows)
  fs <- suppressWarnings(coxph(Surv(t, status) ~ trt + strata(set), data = md, cluster = pid))
  fc <- coxph(Surv(t, status) ~ trt, data = md, cluster = pid)
  list(caliper_width = width, treated_eligible = length(ord), sets = sets,
    stratified = list(coef = unname(coef(fs)), robust_se = sqrt(fs$var[1, 1]), iter = fs$iter),
    clustered = list(coef = unname(coef(fc)), robust_se = sqrt(fc$var[1, 1]), se = sqrt(fc$naive.var[1, 1])))
}

# ---- the example cohort (months of 30.4375 days), covariates without grade (grade 1 has no deaths: monotone likelihood)
ex <- example_os_cohort()
dt <- function(x) as.numeric(as.Date(x, format = "%d.%m.%Y"))
ex$id <- ex$patient_id
ex$treated <- as.integer(ex$metastasectomy == "yes")
ex$t_treat <- ifelse(ex$treated == 1, pmax((dt(ex$date_pm) - dt(ex$date_lung_met)) / 30.4375, 0), NA)
ex$sex <- relevel(factor(ex$sex), ref = "female")
ex$timing <- relevel(factor(ex$timing), ref = "metachronous")
lms_covs <- c("age_primary", "sex", "primary_size_mm", "n_lung_mets", "timing")
fixture("lms-metastasectomy",
  call = "tmerge(tdc) + coxph(Surv(tstart, tstop, death) ~ treated_td + covs, cluster = id); landmark PS glm + ATE stabilised weights + coxph(weights, robust = TRUE); MatchIt nearest logit caliper 0.2; survfit n.risk",
  input = list(file = "examples/lms-metastasectomy/cohort.csv", covariates = lms_covs, landmark = 6, landmarks = c(3, 6, 12), unit = "months"),
  expected = c(adjusted_designs(ex, lms_covs, 6, c(3, 12), ticks = c(0, 6, 12, 24, 36, 48, 60)), list(sequential = seq_match(ex, lms_covs))))

# ---- Stanford heart transplant (survival::jasa), days; written as CSV with ISO dates for the study
j <- survival::jasa
jcsv <- data.frame(id = seq_len(nrow(j)), accept_dt = format(j$accept.dt), tx_date = ifelse(is.na(j$tx.date), "", format(j$tx.date)),
  fu_date = format(j$fu.date), fustat = j$fustat, age = round(as.numeric(j$accept.dt - j$birth.dt) / 365.25, 6), surgery = j$surgery)
write.csv(jcsv, file.path(out_dir, "jasa.csv"), row.names = FALSE, quote = FALSE)
jd <- read.csv(file.path(out_dir, "jasa.csv"), na.strings = c("", "NA"))
jd$time <- as.numeric(as.Date(jd$fu_date) - as.Date(jd$accept_dt))
jd$status <- jd$fustat
jd$treated <- as.integer(!is.na(jd$tx_date))
jd$t_treat <- ifelse(jd$treated == 1, as.numeric(as.Date(jd$tx_date) - as.Date(jd$accept_dt)), NA)
# survival::heart conventions: follow-up ending on day 0 lasts half a day; a transplant on the last day moves half a day earlier
jd$time <- pmax(jd$time, 0.5)
same <- !is.na(jd$t_treat) & jd$t_treat == jd$time
jd$t_treat[same] <- jd$t_treat[same] - 0.5
fixture("jasa",
  call = "survival::jasa with heart's conventions: tmerge(tdc(tx)) + coxph(Surv(tstart, tstop, death) ~ treated_td + age + surgery, cluster = id); landmark PS at 30 days (10, 60 sensitivity)",
  input = list(file = "test/fixtures/immortal-adjusted/jasa.csv", covariates = c("age", "surgery"), landmark = 30, landmarks = c(10, 30, 60), unit = "days"),
  expected = c(adjusted_designs(jd, c("age", "surgery"), 30, c(10, 60), ticks = c(0, 100, 200, 500, 1000)), list(sequential = seq_match(jd, c("age", "surgery")))))
