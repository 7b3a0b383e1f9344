args <- commandArgs(trailingOnly = FALSE); here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)]))); source(file.path(here, "common.R"))
# Reference spline bases for src/formula/splines.ts (rcs, ns, bs) and design matrices that use them:
# model.matrix(formula, model.frame(formula, data, na.action = na.omit)) with rms::rcs, splines::ns and
# splines::bs; basis parameters as R keeps them in attr(terms, "predvars") (makepredictcall), a design
# matrix of new data built with the training knots, and a Cox fit on spline columns with an interaction.
# Writes test/fixtures/splines/<case>.json.
suppressPackageStartupMessages({ library(survival); library(splines); library(rms) })

table_of <- function(df) {
  cols <- lapply(names(df), function(nm) {
    v <- df[[nm]]
    if (is.factor(v)) list(name = nm, kind = "categorical", levels = I(levels(v)), labels = I(as.character(v)))
    else list(name = nm, kind = "numeric", values = I(as.numeric(v)))
  })
  list(columns = cols)
}

write_spline_fixture <- function(name, call, input, expected) {
  dir <- file.path(oracle_root(), "test", "fixtures", "splines")
  dir.create(dir, recursive = TRUE, showWarnings = FALSE)
  obj <- list(call = call, r_version = R.version.string, packages = pkg_versions(c("stats", "splines", "rms", "survival")),
              input = input, expected = expected)
  writeLines(toJSON(obj, auto_unbox = TRUE, digits = NA, na = "null", null = "null", pretty = FALSE), file.path(dir, paste0(name, ".json")))
}

# knots of each spline term as R keeps them (predvars): rcs parms; ns/bs interior + boundary knots
knots_of <- function(mf) {
  pv <- attr(attr(mf, "terms"), "predvars")
  out <- list()
  for (k in seq_along(pv)[-1]) {
    e <- pv[[k]]
    if (!is.call(e)) next
    fn <- as.character(e[[1]])
    if (fn == "rcs") out[[length(out) + 1]] <- list(fn = fn, knots = I(unname(eval(e$parms))))
    if (fn %in% c("ns", "bs")) out[[length(out) + 1]] <- list(fn = fn, knots = I(unname(eval(e$knots))), boundary = I(unname(eval(e$Boundary.knots))))
  }
  out
}

mm_case <- function(name, formula, df, newdata = NULL) {
  fo <- as.formula(formula)
  mf <- model.frame(fo, df, na.action = na.omit)
  x <- model.matrix(fo, mf)
  expected <- list(columnNames = I(colnames(x)), x = I(as.vector(x)), assign = I(attr(x, "assign")),
                   rows = I(as.integer(rownames(mf))), nRows = nrow(x), bases = knots_of(mf))
  input <- list(formula = formula, data = table_of(df))
  call <- sprintf("model.matrix(%s, model.frame(%s, data, na.action = na.omit))", formula, formula)
  if (!is.null(newdata)) {
    tt <- delete.response(terms(mf))
    xn <- model.matrix(tt, model.frame(tt, newdata))
    input$newdata <- table_of(newdata)
    expected$newX <- I(as.vector(xn))
    call <- paste0(call, "; new data: model.matrix(delete.response(terms(mf)), model.frame(delete.response(terms(mf)), newdata)) (training knots)")
  }
  write_spline_fixture(name, call, input, expected)
}

lung1 <- survival::lung
lung1$sex <- factor(lung1$sex, labels = c("male", "female"))
l <- lung1[, c("time", "status", "age", "sex", "ph.ecog", "ph.karno", "wt.loss", "meal.cal")]

for (k in 3:7) mm_case(sprintf("lung-rcs%d", k), sprintf("~ rcs(age, %d)", k), l)
mm_case("lung-rcs-default", "~ rcs(wt.loss)", l)
mm_case("lung60-rcs4", "~ rcs(age, 4) + rcs(ph.karno, 3)", l[1:60, ])
mm_case("lung-rcs-knots", "~ rcs(age, c(45, 55, 65, 75))", l)
# a covariate with 20 zeros (12 % tied at the minimum): rcspline.eval's fractied rule places the first knot
set.seed(17)
tied <- data.frame(x = c(rep(0, 20), round(rexp(150, 1 / 10), 2)), y = rnorm(170))
mm_case("tied-rcs5", "~ rcs(x, 5)", tied)
# knots from all rows with the covariate present (before na.omit of the other variables), as model.frame does
mm_case("lung-ns", "~ ns(age, df = 3) + ns(wt.loss, knots = c(0, 10)) + ns(ph.karno, 1)", l)
mm_case("lung-bs", "~ bs(age, df = 5) + bs(meal.cal, degree = 2, df = 4) + bs(wt.loss)", l)
mm_case("lung-ns-boundary", "~ ns(age, df = 4, Boundary.knots = c(45, 75))", l)
newd <- data.frame(age = c(30, 39, 45.5, 60, 71.25, 82, 90), wt.loss = c(-30, -24, 0, 7, 33, 68, 80))
mm_case("lung-newdata", "~ rcs(age, 4) + ns(age, df = 3) + bs(wt.loss, df = 4) + ns(wt.loss, df = 2)", l, newdata = newd)

# Cox model with an interaction between a spline and a factor: X as coxph builds it, and the fit
cox_spline <- function(name, formula, df) {
  fo <- as.formula(formula)
  rownames(df) <- NULL
  fit <- coxph(fo, df, x = TRUE, model = TRUE)
  expected <- list(columnNames = I(colnames(fit$x)), x = I(as.vector(fit$x)), rows = I(as.integer(rownames(fit$model))), nRows = nrow(fit$x),
                   coef = I(unname(coef(fit))), var = I(as.vector(fit$var)), loglik = I(fit$loglik))
  write_spline_fixture(name, sprintf("coxph(%s, data, x = TRUE)", formula), list(formula = formula, data = table_of(df)), expected)
}
cox_spline("cox-lung-rcs-sex", "Surv(time, status) ~ rcs(age, 4) * sex + ns(ph.karno, df = 2)", l)
cox_spline("cox-lung-ns-ecog", "Surv(time, status) ~ ns(age, df = 3):factor(ph.ecog) + factor(ph.ecog)", l[!is.na(l$ph.ecog) & l$ph.ecog < 3, ])

# Time-varying coefficients: coxph(..., tt = function(x, t, ...) x * g(t)) on survival::veteran (the
# vignette's karno example) and lung; step functions via survSplit(cut = ...) + x:strata(tgroup).
write_tt_fixture <- function(name, call, input, expected) {
  dir <- file.path(oracle_root(), "test", "fixtures", "splines", "tt")
  dir.create(dir, recursive = TRUE, showWarnings = FALSE)
  obj <- list(call = call, r_version = R.version.string, packages = pkg_versions(c("survival")), input = input, expected = expected)
  writeLines(toJSON(obj, auto_unbox = TRUE, digits = NA, na = "null", null = "null", pretty = FALSE), file.path(dir, paste0(name, ".json")))
}
g_of <- list(log = function(x, t, ...) x * log(t), identity = function(x, t, ...) x * t, sqrt = function(x, t, ...) x * sqrt(t))
tt_case <- function(name, formula, rformula, df, g = "log", ties = "efron") {
  rownames(df) <- NULL
  fit <- coxph(as.formula(rformula), data = df, tt = g_of[[g]], ties = ties)
  expected <- list(coef = I(unname(coef(fit))), var = I(as.vector(fit$var)), loglik = I(fit$loglik), n = fit$n, nEvent = fit$nevent,
                   concordance = unname(fit$concordance["concordance"]), wald = unname(fit$wald.test), score = unname(fit$score), iter = fit$iter)
  write_tt_fixture(name, sprintf("coxph(%s, data, tt = function(x, t, ...) %s, ties = \"%s\")", rformula, deparse(body(g_of[[g]])), ties),
                   list(formula = formula, ties = ties, data = table_of(df)), expected)
}
vet <- survival::veteran
tt_case("veteran-log", "Surv(time, status) ~ trt + prior + karno + tt(karno)", "Surv(time, status) ~ trt + prior + karno + tt(karno)", vet)
tt_case("veteran-identity", "Surv(time, status) ~ trt + prior + karno + tt(karno, \"identity\")", "Surv(time, status) ~ trt + prior + karno + tt(karno)", vet, g = "identity")
tt_case("veteran-strata-breslow", "Surv(time, status) ~ trt + karno + tt(karno) + strata(celltype)", "Surv(time, status) ~ trt + karno + tt(karno) + strata(celltype)", vet, ties = "breslow")
tt_case("lung-sqrt", "Surv(time, status) ~ age + sex + ph.karno + tt(ph.karno, fn = \"sqrt\")", "Surv(time, status) ~ age + sex + ph.karno + tt(ph.karno)", l, g = "sqrt")
tt_case("lung-log", "Surv(time, status) ~ age + sex + ph.karno + tt(ph.karno)", "Surv(time, status) ~ age + sex + ph.karno + tt(ph.karno)", l)
# step function: a karno coefficient per interval (0, 90], (90, 180], (180, Inf)
vs <- survSplit(Surv(time, status) ~ ., data = vet, cut = c(90, 180), episode = "tgroup")
fit <- coxph(Surv(tstart, time, status) ~ trt + prior + karno:strata(tgroup), data = vs)
write_tt_fixture("veteran-cut", "survSplit(Surv(time, status) ~ ., veteran, cut = c(90, 180), episode = \"tgroup\"); coxph(Surv(tstart, time, status) ~ trt + prior + karno:strata(tgroup), data = split)",
                 list(formula = "Surv(time, status) ~ trt + prior + tt(karno, cut = c(90, 180))", ties = "efron", data = table_of(vet)),
                 list(coef = I(unname(coef(fit))), var = I(as.vector(fit$var)), loglik = I(fit$loglik), n = nrow(vet), nEvent = fit$nevent))

# Linearity check (src/study/cox-linearity.ts): rms::anova(cph(...)) "Nonlinear" and "TOTAL NONLINEAR" rows,
# and the hazard-ratio curve of each spline term against the median by rms::contrast.
lin_case <- function(name, formula, df, vars) {
  rownames(df) <- NULL
  dd <- datadist(df); options(datadist = dd)
  assign("dd", dd, envir = globalenv()); options(datadist = "dd")
  # eps = 1e-9 as coxph (cph defaults to 1e-4): both sides at the same converged estimate
  fit <- cph(as.formula(formula), data = df, x = TRUE, y = TRUE, eps = 1e-9)
  a <- anova(fit)
  rn <- trimws(rownames(a))
  cc <- complete.cases(df[, all.vars(as.formula(formula))])
  tests <- lapply(vars, function(v) {
    i <- which(rownames(a) == v) + 1  # the " Nonlinear" row under the variable
    x <- df[[v]][cc]
    grid <- seq(min(x), max(x), length.out = 61)
    ref <- median(x)
    ct <- contrast(fit, setNames(list(grid), v), setNames(list(ref), v))
    list(covariate = v, chisq = unname(a[i, 1]), df = unname(a[i, 2]), p = unname(a[i, 3]), knots = I(unname(fit$Design$parms[[v]])),
         reference = ref, x = I(grid), logHr = I(unname(ct$Contrast)), se = I(unname(ct$SE)))
  })
  total <- which(rn == "TOTAL NONLINEAR")
  expected <- list(tests = tests, totalNonlinear = list(chisq = unname(a[total, 1]), df = unname(a[total, 2]), p = unname(a[total, 3])),
                   coef = I(unname(coef(fit))), loglik = I(fit$loglik))
  dir <- file.path(oracle_root(), "test", "fixtures", "splines", "linearity")
  dir.create(dir, recursive = TRUE, showWarnings = FALSE)
  obj <- list(call = sprintf("anova(cph(%s, data, eps = 1e-9)); contrast(fit, list(x = grid), list(x = median))", formula), r_version = R.version.string,
              packages = pkg_versions(c("survival", "rms")), input = list(formula = formula, vars = I(vars), data = table_of(df)), expected = expected)
  writeLines(toJSON(obj, auto_unbox = TRUE, digits = NA, na = "null", null = "null", pretty = FALSE), file.path(dir, paste0(name, ".json")))
}
lin_case("lung-age-wtloss", "Surv(time, status) ~ rcs(age, 4) + rcs(wt.loss, 4) + sex", l[, c("time", "status", "age", "wt.loss", "sex")], c("age", "wt.loss"))
vet2 <- vet[, c("time", "status", "karno", "age", "trt")]
lin_case("veteran-karno", "Surv(time, status) ~ trt + rcs(karno, 4)", vet2, c("karno"))
# the example study's multivariable model (overall survival) with the three continuous covariates as splines
ex <- example_os_cohort()[, c("time", "status", "age_primary", "primary_size_mm", "n_lung_mets")]
lin_case("example-os", "Surv(time, status) ~ rcs(age_primary, 4) + rcs(primary_size_mm, 4) + rcs(n_lung_mets, 4)", ex, c("age_primary", "primary_size_mm", "n_lung_mets"))
