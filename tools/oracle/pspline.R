args <- commandArgs(trailingOnly = FALSE); here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)]))); source(file.path(here, "common.R"))
# Penalised splines in Cox models for src/formula/splines.ts (pspline basis) and
# src/survival/cox/penalized.ts (coxpenal.fit): coxph(Surv(time, status) ~ pspline(x, ...) + ..., data,
# x = TRUE) on survival::lung and survival::veteran. Prints the basis columns (fit$x), coefficients, both
# variance matrices (var, var2), the term df, log-likelihoods, iterations, the theta search
# (frailty.controldf), print.coxph.penal's linear / non-linear Wald tests, and the basis and log hazard
# ratio of new values (HR curve against a reference, variance dᵀVd with V = fit$var).
# Writes test/fixtures/r/pspline/<case>.json.
suppressPackageStartupMessages(library(survival))

table_of <- function(df) {
  cols <- lapply(names(df), function(nm) {
    v <- df[[nm]]
    if (is.factor(v)) list(name = nm, kind = "categorical", levels = I(levels(v)), labels = I(as.character(v)))
    else list(name = nm, kind = "numeric", values = I(as.numeric(v)))
  })
  list(columns = cols)
}

ps_case <- function(name, formula, df, ties = "efron", curve = NULL, weights = NULL, newdata = NULL, times = NULL) {
  rownames(df) <- NULL
  fo <- as.formula(formula)
  fit <- if (is.null(weights)) coxph(fo, data = df, ties = ties, x = TRUE, model = TRUE) else
    coxph(fo, data = df, ties = ties, x = TRUE, model = TRUE, weights = df[[weights]])
  pt <- which(fit$pterms > 0)
  h <- fit$history[[1]]
  # the printfun table: rows "linear", "nonlin" for the pspline term (coef, se, se2, chisq, df, p)
  kk <- fit$assign2[[pt]]
  pr <- fit$printfun[[1]](fit$coefficients[kk], fit$var[kk, kk], fit$var2[kk, kk], fit$df[pt], h)$coef
  hist <- if (is.null(h$history)) NULL else list(thetas = I(unname(h$history[, 1])), dfs = I(unname(h$history[, 2])))
  # theta used by the final fit: the last row of the search history (df), or the given theta
  theta <- if (is.null(hist)) h$theta else as.numeric(tail(h$history[, 1], 1))
  expected <- list(
    columnNames = I(names(coef(fit))), x = I(as.vector(fit$x)), rows = I(as.integer(rownames(fit$model))), nRows = nrow(fit$x),
    coef = I(unname(coef(fit))), var = I(as.vector(fit$var)), var2 = I(as.vector(fit$var2)), df = I(unname(fit$df)),
    loglik = I(fit$loglik), penalty = I(fit$penalty), iter = I(fit$iter), theta = theta, history = hist,
    means = I(unname(fit$means)), linearPredictors = I(unname(fit$linear.predictors)),
    wald = unname(fit$wald.test), concordance = unname(fit$concordance["concordance"]), n = fit$n, nEvent = fit$nevent,
    linear = list(coef = pr[1, 1], se = pr[1, 2], se2 = pr[1, 3], chisq = pr[1, 4], p = pr[1, 6]),
    nonlinear = list(chisq = pr[2, 4], df = pr[2, 5], p = pr[2, 6]),
    boundary = I(attr(fit$model[[names(fit$pterms)[pt]]], "Boundary.knots")), nterm = attr(fit$model[[names(fit$pterms)[pt]]], "nterm"))
  call <- sprintf("coxph(%s, data, ties = \"%s\", x = TRUE%s)", formula, ties, if (is.null(weights)) "" else sprintf(", weights = %s", weights))
  if (!is.null(curve)) {
    # basis of new values with the training knots (makepredictcall / predict.pspline), and the HR curve
    b <- fit$model[[names(fit$pterms)[pt]]]
    bx <- predict(b, curve$x)
    br <- predict(b, curve$reference)
    d <- sweep(unclass(bx)[, , drop = FALSE], 2, as.vector(unclass(br)))
    attributes(d) <- list(dim = dim(d))
    beta <- fit$coefficients[kk]
    V <- fit$var[kk, kk]
    expected$curve <- list(x = I(curve$x), reference = curve$reference, basis = I(as.vector(unclass(bx)[, ])),
                           logHr = I(as.vector(d %*% beta)), se = I(sqrt(rowSums((d %*% V) * d))))
    # the formula-level curve: 61 points over the range of x in the model's rows, against the median
    xv <- df[[curve$var]][as.integer(rownames(fit$model))]
    grid <- seq(min(xv), max(xv), length.out = 61)
    dg <- unclass(predict(b, grid)) - matrix(as.vector(unclass(predict(b, median(xv)))), 61, length(kk), byrow = TRUE)
    attributes(dg) <- list(dim = dim(dg))
    expected$curve61 <- list(x = I(grid), reference = median(xv), logHr = I(as.vector(dg %*% beta)), se = I(sqrt(rowSums((dg %*% V) * dg))))
    call <- paste0(call, "; curve: B <- fit$model[[pspline term]]; d <- predict(B, x) - predict(B, reference); logHR = d %*% coef, se = sqrt(diag(d %*% fit$var %*% t(d))); curve61: x = seq(min(x), max(x), length.out = 61) over the model's rows, reference = median(x)")
  }
  input <- list(formula = formula, ties = ties, weights = weights, data = table_of(df))
  if (!is.null(newdata)) {
    # predicted survival of new patients (basis of new values with the training knots): survfit(fit, newdata)
    ss <- summary(survfit(fit, newdata = newdata), times = times)
    input$newdata <- table_of(newdata)
    input$times <- I(times)
    expected$predict <- list(surv = I(as.vector(ss$surv)), stdErrSurv = I(as.vector(ss$std.err)))
    call <- paste0(call, "; summary(survfit(fit, newdata), times) (surv, std.err of S), times x profiles")
  }
  write_fixture("pspline", name, call, input, expected)
}

lung <- survival::lung[, c("time", "status", "age", "sex", "ph.ecog", "ph.karno", "wt.loss")]
vet <- survival::veteran[, c("time", "status", "trt", "karno", "age", "celltype")]

ps_case("lung-age-df4", "Surv(time, status) ~ pspline(age, df = 4)", lung,
        curve = list(x = c(35, 39, 40.5, 50, 62, 75.25, 82, 90), reference = 63, var = "age"))
ps_case("lung-age-df2-sex", "Surv(time, status) ~ pspline(age, df = 2) + sex", lung,
        newdata = data.frame(age = c(39, 50, 70, 85), sex = c(1, 2, 1, 2)), times = c(100, 365, 700))
ps_case("lung-age-theta-sex", "Surv(time, status) ~ sex + pspline(age, theta = 0.9)", lung)
ps_case("lung-age-df4-sex-breslow", "Surv(time, status) ~ pspline(age, df = 4) + sex", lung, ties = "breslow",
        newdata = data.frame(age = c(45, 62, 77), sex = c(2, 1, 1)), times = c(50, 200, 500, 800))
ps_case("lung-karno-nterm-strata", "Surv(time, status) ~ pspline(ph.karno, df = 3, nterm = 6) + age + strata(sex)", lung)
ps_case("lung-wtloss-df5-na", "Surv(time, status) ~ pspline(wt.loss, df = 5) + age + factor(ph.ecog)", lung)
ps_case("veteran-karno-df4", "Surv(time, status) ~ pspline(karno, df = 4) + trt", vet,
        curve = list(x = c(10, 20, 45, 60, 75, 99, 105), reference = 60, var = "karno"))
ps_case("veteran-age-df2-breslow", "Surv(time, status) ~ trt + pspline(age, df = 2) + celltype", vet, ties = "breslow")
vet$w <- rep(c(1, 2, 3), length.out = nrow(vet))
ps_case("veteran-karno-df3-weights", "Surv(time, status) ~ pspline(karno, df = 3) + age", vet, weights = "w")
ps_case("veteran-karno-theta", "Surv(time, status) ~ pspline(karno, theta = 0.5, nterm = 8)", vet)
