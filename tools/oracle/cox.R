args <- commandArgs(trailingOnly = FALSE); here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)]))); source(file.path(here, "common.R"))
# Reference values for the Cox fitter (src/survival/cox/): survival::coxph 3.5-3.
# Each case stores the covariate matrix column by column exactly as coxph saw it (factors expanded by
# hand into treatment-contrast dummies), plus time/status/entry/strata/weights/offset/cluster, and the
# fit's coefficients, variances, log-likelihoods, tests, concordance, iterations, linear predictors,
# residuals and the warnings R gave. Rscript tools/oracle/cox.R
suppressPackageStartupMessages(library(survival))

num <- function(v) as.numeric(v)

# Runs coxph capturing warnings, returns the fit and the warning texts.
fit_with_warnings <- function(expr) {
  warns <- character(0)
  fit <- withCallingHandlers(expr, warning = function(w) {
    warns <<- c(warns, conditionMessage(w))
    invokeRestart("muffleWarning")
  })
  list(fit = fit, warnings = warns)
}

mat_rows <- function(m) {
  m <- as.matrix(m)
  lapply(seq_len(nrow(m)), function(i) num(m[i, ]))
}

cox_case <- function(name, call, fitexpr, X, time, status, entry = NULL, strata = NULL,
                     weights = NULL, offset = NULL, cluster = NULL, ties = "efron",
                     robust = NULL, note = NULL, residuals = TRUE) {
  fw <- fit_with_warnings(fitexpr)
  fit <- fw$fit
  X <- as.matrix(X)
  input <- list(
    columnNames = colnames(X),
    x = lapply(seq_len(ncol(X)), function(j) num(X[, j])),
    time = num(time), status = as.integer(status), ties = ties)
  if (!is.null(entry)) input$entry <- num(entry)
  if (!is.null(strata)) input$strata <- as.integer(as.factor(strata)) - 1L
  if (!is.null(weights)) input$weights <- num(weights)
  if (!is.null(offset)) input$offset <- num(offset)
  if (!is.null(cluster)) input$cluster <- as.integer(as.factor(cluster)) - 1L
  if (!is.null(robust)) input$robust <- robust
  conc <- fit$concordance
  expected <- list(
    coef = num(fit$coefficients),
    var = mat_rows(fit$var),
    naiveVar = if (is.null(fit$naive.var)) NULL else mat_rows(fit$naive.var),
    loglik = num(fit$loglik),
    score = num(fit$score),
    wald = num(fit$wald.test),
    iter = as.integer(fit$iter),
    means = num(fit$means),
    linearPredictors = num(fit$linear.predictors),
    n = as.integer(fit$n), nevent = as.integer(fit$nevent),
    concordance = list(concordant = num(conc["concordant"]), discordant = num(conc["discordant"]),
                       tiedX = num(conc["tied.x"]), tiedY = num(conc["tied.y"]),
                       tiedXY = num(conc["tied.xy"]), value = num(conc["concordance"]),
                       se = num(conc["std"])),
    rscore = if (is.null(fit$rscore)) NULL else num(fit$rscore),
    warnings = fw$warnings)
  if (residuals && !any(is.na(fit$coefficients))) {
    expected$residuals <- list(
      martingale = num(residuals(fit, "martingale")),
      deviance = num(residuals(fit, "deviance")),
      score = mat_rows(residuals(fit, "score")),
      dfbeta = mat_rows(residuals(fit, "dfbeta")),
      dfbetas = mat_rows(residuals(fit, "dfbetas")),
      schoenfeld = mat_rows(residuals(fit, "schoenfeld")),
      scaledSchoenfeld = mat_rows(residuals(fit, "scaledsch")))
  }
  write_fixture("cox", name, call, input, expected, note = note)
}

# ---------------------------------------------------------------------------------------------
# lung: age + sex + factor(ph.ecog) (dummies ecog1, ecog2, ecog3; reference 0), rows with NA dropped
lung2 <- lung[!is.na(lung$ph.ecog), ]
lungX <- cbind(age = lung2$age, sex = lung2$sex,
               ecog1 = 1 * (lung2$ph.ecog == 1), ecog2 = 1 * (lung2$ph.ecog == 2),
               ecog3 = 1 * (lung2$ph.ecog == 3))
for (ties in c("efron", "breslow")) {
  cox_case(paste0("lung-", ties),
           sprintf("coxph(Surv(time, status) ~ age + sex + factor(ph.ecog), data = lung[!is.na(lung$ph.ecog), ], ties = \"%s\")", ties),
           coxph(Surv(time, status) ~ age + sex + factor(ph.ecog), data = lung2, ties = ties, x = TRUE),
           lungX, lung2$time, lung2$status - 1, ties = ties)
}

# lung stratified by sex
cox_case("lung-strata-sex",
         "coxph(Surv(time, status) ~ age + ph.ecog + strata(sex), data = lung[!is.na(lung$ph.ecog), ])",
         coxph(Surv(time, status) ~ age + ph.ecog + strata(sex), data = lung2, x = TRUE),
         cbind(age = lung2$age, ph.ecog = lung2$ph.ecog), lung2$time, lung2$status - 1,
         strata = lung2$sex)

# lung with many strata (institution; > 10 strata takes concordance's collapsed-strata path)
lung3 <- lung[!is.na(lung$ph.ecog) & !is.na(lung$inst), ]
cox_case("lung-strata-inst",
         "coxph(Surv(time, status) ~ age + sex + ph.ecog + strata(inst), data = lung[!is.na(lung$ph.ecog) & !is.na(lung$inst), ])",
         coxph(Surv(time, status) ~ age + sex + ph.ecog + strata(inst), data = lung3, x = TRUE),
         cbind(age = lung3$age, sex = lung3$sex, ph.ecog = lung3$ph.ecog), lung3$time, lung3$status - 1,
         strata = lung3$inst)

# lung, clustered by institution (robust sandwich summed within cluster)
cox_case("lung-cluster-inst",
         "coxph(Surv(time, status) ~ age + sex + ph.ecog + cluster(inst), data = lung[!is.na(lung$ph.ecog) & !is.na(lung$inst), ])",
         coxph(Surv(time, status) ~ age + sex + ph.ecog + cluster(inst), data = lung3, x = TRUE),
         cbind(age = lung3$age, sex = lung3$sex, ph.ecog = lung3$ph.ecog), lung3$time, lung3$status - 1,
         cluster = lung3$inst)

# lung robust = TRUE without cluster (each row its own cluster)
cox_case("lung-robust",
         "coxph(Surv(time, status) ~ age + sex + ph.ecog, data = lung[!is.na(lung$ph.ecog), ], robust = TRUE)",
         coxph(Surv(time, status) ~ age + sex + ph.ecog, data = lung2, robust = TRUE, x = TRUE),
         cbind(age = lung2$age, sex = lung2$sex, ph.ecog = lung2$ph.ecog), lung2$time, lung2$status - 1,
         robust = TRUE)

# lung with non-integer case weights (coxph then uses the robust variance by default)
lw <- 0.5 + (seq_len(nrow(lung2)) %% 4) / 4
cox_case("lung-weights",
         "w <- 0.5 + (seq_len(nrow(d)) %% 4) / 4; coxph(Surv(time, status) ~ age + sex + ph.ecog, data = d, weights = w) with d = lung[!is.na(lung$ph.ecog), ]",
         coxph(Surv(time, status) ~ age + sex + ph.ecog, data = lung2, weights = lw, x = TRUE),
         cbind(age = lung2$age, sex = lung2$sex, ph.ecog = lung2$ph.ecog), lung2$time, lung2$status - 1,
         weights = lw)

# lung with integer case weights, Breslow (model-based variance)
liw <- 1 + (seq_len(nrow(lung2)) %% 3)
cox_case("lung-intweights-breslow",
         "w <- 1 + (seq_len(nrow(d)) %% 3); coxph(Surv(time, status) ~ age + sex + ph.ecog, data = d, weights = w, ties = \"breslow\") with d = lung[!is.na(lung$ph.ecog), ]",
         coxph(Surv(time, status) ~ age + sex + ph.ecog, data = lung2, weights = liw, ties = "breslow", x = TRUE),
         cbind(age = lung2$age, sex = lung2$sex, ph.ecog = lung2$ph.ecog), lung2$time, lung2$status - 1,
         weights = liw, ties = "breslow")

# lung with an offset
cox_case("lung-offset",
         "coxph(Surv(time, status) ~ sex + ph.ecog + offset(0.01 * age), data = lung[!is.na(lung$ph.ecog), ])",
         coxph(Surv(time, status) ~ sex + ph.ecog + offset(0.01 * age), data = lung2, x = TRUE),
         cbind(sex = lung2$sex, ph.ecog = lung2$ph.ecog), lung2$time, lung2$status - 1,
         offset = 0.01 * lung2$age)

# lung with a collinear column: agesex = age + 2 * sex
cox_case("lung-collinear",
         "coxph(Surv(time, status) ~ age + sex + agesex, data = transform(lung, agesex = age + 2 * sex))",
         coxph(Surv(time, status) ~ age + sex + agesex, data = transform(lung, agesex = age + 2 * sex), x = TRUE),
         cbind(age = lung$age, sex = lung$sex, agesex = lung$age + 2 * lung$sex), lung$time, lung$status - 1,
         residuals = FALSE)

# lung with event times grouped to months: heavy ties
lm_time <- ceiling(lung2$time / 30.4375)
for (ties in c("efron", "breslow")) {
  cox_case(paste0("lung-months-", ties),
           sprintf("coxph(Surv(ceiling(time / 30.4375), status) ~ age + sex + ph.ecog, data = lung[!is.na(lung$ph.ecog), ], ties = \"%s\")", ties),
           coxph(Surv(lm_time, status) ~ age + sex + ph.ecog, data = lung2, ties = ties, x = TRUE),
           cbind(age = lung2$age, sex = lung2$sex, ph.ecog = lung2$ph.ecog), lm_time, lung2$status - 1,
           ties = ties)
}

# veteran: trt + karno + factor(celltype) (reference squamous)
vX <- cbind(trt = veteran$trt, karno = veteran$karno,
            smallcell = 1 * (veteran$celltype == "smallcell"), adeno = 1 * (veteran$celltype == "adeno"),
            large = 1 * (veteran$celltype == "large"))
for (ties in c("efron", "breslow")) {
  cox_case(paste0("veteran-", ties),
           sprintf("coxph(Surv(time, status) ~ trt + karno + celltype, data = veteran, ties = \"%s\")", ties),
           coxph(Surv(time, status) ~ trt + karno + celltype, data = veteran, ties = ties, x = TRUE),
           vX, veteran$time, veteran$status, ties = ties)
}

# ovarian: age + resid.ds + rx
cox_case("ovarian-efron", "coxph(Surv(futime, fustat) ~ age + resid.ds + rx, data = ovarian)",
         coxph(Surv(futime, fustat) ~ age + resid.ds + rx, data = ovarian, x = TRUE),
         cbind(age = ovarian$age, resid.ds = ovarian$resid.ds, rx = ovarian$rx), ovarian$futime, ovarian$fustat)

# rats: clustered by litter
cox_case("rats-cluster-litter", "coxph(Surv(time, status) ~ rx + sex + cluster(litter), data = rats)",
         coxph(Surv(time, status) ~ rx + sex + cluster(litter), data = rats, x = TRUE),
         cbind(rx = rats$rx, sexm = 1 * (rats$sex == "m")), rats$time, rats$status,
         cluster = rats$litter)

# diverging coefficient: no events when z = 0 (monotone likelihood)
div <- data.frame(time = c(5, 8, 12, 3, 9, 15, 20, 7, 11, 14, 6, 18, 4, 10, 16),
                  status = c(1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0),
                  z = c(1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0),
                  age = c(61, 55, 70, 48, 66, 59, 62, 51, 73, 58, 64, 49, 57, 68, 60))
cox_case("diverging", "coxph(Surv(time, status) ~ z + age, data = div)",
         coxph(Surv(time, status) ~ z + age, data = div, x = TRUE),
         cbind(z = div$z, age = div$age), div$time, div$status, residuals = FALSE,
         note = "events only when z = 1: the partial likelihood is monotone in beta_z")

# counting process (start, stop]: Stanford heart transplant, transplant as a time-dependent covariate
for (ties in c("efron", "breslow")) {
  cox_case(paste0("heart-", ties),
           sprintf("coxph(Surv(start, stop, event) ~ age + year + surgery + transplant, data = heart, ties = \"%s\")", ties),
           coxph(Surv(start, stop, event) ~ age + year + surgery + transplant, data = heart, ties = ties, x = TRUE),
           cbind(age = heart$age, year = heart$year, surgery = heart$surgery, transplant = as.numeric(heart$transplant) - 1),
           heart$stop, heart$event, entry = heart$start, ties = ties)
}
cox_case("heart-strata-cluster",
         "coxph(Surv(start, stop, event) ~ age + year + transplant + strata(surgery) + cluster(id), data = heart)",
         coxph(Surv(start, stop, event) ~ age + year + transplant + strata(surgery) + cluster(id), data = heart, x = TRUE),
         cbind(age = heart$age, year = heart$year, transplant = as.numeric(heart$transplant) - 1),
         heart$stop, heart$event, entry = heart$start, strata = heart$surgery, cluster = heart$id)

# left truncation: lung with a delayed entry for every third patient
lt_entry <- ifelse(seq_len(nrow(lung2)) %% 3 == 0, pmin(lung2$time - 1, 60), 0)
cox_case("lung-lefttrunc",
         "coxph(Surv(entry, time, status) ~ age + sex + ph.ecog, data = d) with d = lung[!is.na(lung$ph.ecog), ], entry = ifelse(row %% 3 == 0, pmin(time - 1, 60), 0)",
         coxph(Surv(lt_entry, time, status) ~ age + sex + ph.ecog, data = lung2, x = TRUE),
         cbind(age = lung2$age, sex = lung2$sex, ph.ecog = lung2$ph.ecog), lung2$time, lung2$status - 1,
         entry = lt_entry)

# tiny case with ties of events and censorings and weights (book1-like)
tiny <- data.frame(time = c(9, 3, 1, 1, 6, 6, 8, 3, 9, 6), status = c(1, 1, 0, 1, 1, 0, 0, 1, 1, 1),
                   x = c(0, 2, 1, 1, 1, 0, 0, 1, 0, 2), w = c(1, 2, 1, 1.5, 1, 1, 3, 1, 2, 1))
for (ties in c("efron", "breslow")) {
  cox_case(paste0("tiny-weights-", ties),
           sprintf("coxph(Surv(time, status) ~ x, data = tiny, weights = w, ties = \"%s\", robust = FALSE)", ties),
           coxph(Surv(time, status) ~ x, data = tiny, weights = w, ties = ties, robust = FALSE, x = TRUE),
           cbind(x = tiny$x), tiny$time, tiny$status, weights = tiny$w, ties = ties, robust = FALSE)
}

# edge cases: a stratum without events, an event at time 0, events tied with censorings
edge <- data.frame(time = c(0, 2, 2, 2, 5, 5, 7, 9, 9, 12, 3, 4, 6, 8, 1, 4, 4, 10),
                   status = c(1, 1, 0, 1, 1, 0, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 0, 1),
                   x = c(1.2, 0.4, -0.3, 2.1, 0.8, -1.1, 0.5, 1.7, -0.6, 0.1, 0.9, -0.2, 1.4, 0.3, -0.7, 0.6, 1.1, -1.3),
                   g = c(1, 0, 1, 1, 0, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 1, 0, 0),
                   s = c(rep(1, 10), rep(2, 4), rep(3, 4)))
for (ties in c("efron", "breslow")) {
  cox_case(paste0("edge-strata-", ties),
           sprintf("coxph(Surv(time, status) ~ x + g + strata(s), data = edge, ties = \"%s\")", ties),
           coxph(Surv(time, status) ~ x + g + strata(s), data = edge, ties = ties, x = TRUE),
           cbind(x = edge$x, g = edge$g), edge$time, edge$status, strata = edge$s, ties = ties,
           note = "stratum 2 has no events; an event at time 0; events tied with censorings")
}

# ---------------------------------------------------------------------------------------------
# cox.zph: proportional-hazards tests per column (terms = FALSE) and global, with the plot data.
# input names the cox fixture whose data and fit are used.
zph_case <- function(coxname, fit, transform) {
  z <- cox.zph(fit, transform = transform, terms = FALSE)
  tbl <- z$table
  write_fixture("cox/zph", paste0(coxname, "-", transform),
                sprintf("cox.zph(fit, transform = \"%s\", terms = FALSE) with fit from fixture cox/%s", transform, coxname),
                list(coxFixture = coxname, transform = transform),
                list(chisq = num(tbl[, "chisq"]), df = num(tbl[, "df"]), p = num(tbl[, "p"]),
                     names = rownames(tbl), x = num(z$x), time = num(z$time), y = mat_rows(z$y)))
}
fit_lung <- coxph(Surv(time, status) ~ age + sex + factor(ph.ecog), data = lung2)
for (tr in c("km", "rank", "identity", "log")) zph_case("lung-efron", fit_lung, tr)
zph_case("lung-breslow", coxph(Surv(time, status) ~ age + sex + factor(ph.ecog), data = lung2, ties = "breslow"), "km")
zph_case("veteran-efron", coxph(Surv(time, status) ~ trt + karno + celltype, data = veteran), "km")
zph_case("lung-strata-sex", coxph(Surv(time, status) ~ age + ph.ecog + strata(sex), data = lung2), "km")
zph_case("lung-months-efron", coxph(Surv(lm_time, status) ~ age + sex + ph.ecog, data = lung2), "rank")
zph_case("heart-efron", coxph(Surv(start, stop, event) ~ age + year + surgery + transplant, data = heart), "km")
zph_case("lung-weights", coxph(Surv(time, status) ~ age + sex + ph.ecog, data = lung2, weights = lw), "km")
zph_case("edge-strata-efron", coxph(Surv(time, status) ~ x + g + strata(s), data = edge), "identity")
zph_case("heart-strata-cluster", coxph(Surv(start, stop, event) ~ age + year + transplant + strata(surgery) + cluster(id), data = heart), "rank")

# ---------------------------------------------------------------------------------------------
# survfit.coxph: predicted survival for covariate profiles (or at the means), default options.
surv_case <- function(name, coxname, fit, newdata = NULL, profiles = NULL, call) {
  sf <- if (is.null(newdata)) survfit(fit) else survfit(fit, newdata = newdata)
  m <- function(v) if (is.matrix(v)) mat_rows(v) else lapply(num(v), function(z) z)
  strata <- if (is.null(sf$strata)) NULL else as.integer(sf$strata)
  write_fixture("cox/survfit", name, call,
                list(coxFixture = coxname, profiles = profiles),
                list(time = num(sf$time), nRisk = num(sf$n.risk), nEvent = num(sf$n.event),
                     nCensor = num(sf$n.censor), surv = m(sf$surv), cumhaz = m(sf$cumhaz),
                     stdErr = m(sf$std.err), lower = m(sf$lower), upper = m(sf$upper), strata = strata))
}
fit_le <- coxph(Surv(time, status) ~ age + sex + factor(ph.ecog), data = lung2)
surv_case("lung-efron-profiles", "lung-efron", fit_le,
          newdata = data.frame(age = c(50, 70), sex = c(1, 2), ph.ecog = c(0, 2)),
          profiles = list(c(50, 1, 0, 0, 0), c(70, 2, 0, 1, 0)),
          call = "survfit(coxph(Surv(time, status) ~ age + sex + factor(ph.ecog), data = d), newdata = data.frame(age = c(50, 70), sex = c(1, 2), ph.ecog = c(0, 2)))")
surv_case("lung-breslow-means", "lung-breslow",
          coxph(Surv(time, status) ~ age + sex + factor(ph.ecog), data = lung2, ties = "breslow"),
          call = "survfit(coxph(Surv(time, status) ~ age + sex + factor(ph.ecog), data = d, ties = \"breslow\"))")
surv_case("lung-strata-sex-profile", "lung-strata-sex",
          coxph(Surv(time, status) ~ age + ph.ecog + strata(sex), data = lung2),
          newdata = data.frame(age = 65, ph.ecog = 1), profiles = list(c(65, 1)),
          call = "survfit(coxph(Surv(time, status) ~ age + ph.ecog + strata(sex), data = d), newdata = data.frame(age = 65, ph.ecog = 1))")
surv_case("heart-efron-profile", "heart-efron",
          coxph(Surv(start, stop, event) ~ age + year + surgery + transplant, data = heart),
          newdata = data.frame(age = -5, year = 3, surgery = 0, transplant = factor(1, levels = 0:1)), profiles = list(c(-5, 3, 0, 1)),
          call = "survfit(coxph(Surv(start, stop, event) ~ age + year + surgery + transplant, data = heart), newdata = data.frame(age = -5, year = 3, surgery = 0, transplant = 1))")
surv_case("lung-months-efron-means", "lung-months-efron",
          coxph(Surv(lm_time, status) ~ age + sex + ph.ecog, data = lung2),
          call = "survfit(coxph(Surv(ceiling(time / 30.4375), status) ~ age + sex + ph.ecog, data = d))")
# terms = TRUE: factor(ph.ecog) tested as one 3-df term
zt <- cox.zph(fit_lung, transform = "km", terms = TRUE)
write_fixture("cox/zph-terms", "lung-efron-km",
              "cox.zph(fit, transform = \"km\", terms = TRUE) with fit from fixture cox/lung-efron",
              list(coxFixture = "lung-efron", transform = "km",
                   groups = list(list(name = "age", columns = 0L), list(name = "sex", columns = 1L),
                                 list(name = "factor(ph.ecog)", columns = 2:4))),
              list(chisq = num(zt$table[, "chisq"]), df = num(zt$table[, "df"]), p = num(zt$table[, "p"]),
                   names = rownames(zt$table)))
