args <- commandArgs(trailingOnly = FALSE); here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)]))); source(file.path(here, "common.R"))
# Reference design matrices for src/formula/model-matrix.ts: model.frame(na.action = na.omit) +
# model.matrix (treatment contrasts), and for Cox cases the X that coxph builds (intercept column
# dropped) with the response, strata (as coxph labels them), cluster and offset.
suppressPackageStartupMessages(library(survival))

# A data frame as the fixture's table: numeric columns as numbers (null = NA), factors as labels
# with their level order (the Table's categorical levels).
table_of <- function(df) {
  cols <- lapply(names(df), function(nm) {
    v <- df[[nm]]
    if (is.factor(v)) list(name = nm, kind = "categorical", levels = I(levels(v)), labels = I(as.character(v)))
    else list(name = nm, kind = "numeric", values = I(as.numeric(v)))
  })
  list(columns = cols)
}

mm_case <- function(name, formula, df, reference = NULL, note = NULL) {
  fo <- as.formula(formula)
  d2 <- df
  if (!is.null(reference)) for (nm in names(reference)) d2[[nm]] <- relevel(factor(d2[[nm]]), ref = reference[[nm]])
  mf <- model.frame(fo, d2, na.action = na.omit)
  x <- model.matrix(fo, mf)
  expected <- list(columnNames = I(colnames(x)), x = I(as.vector(x)), assign = I(attr(x, "assign")),
                   rows = I(as.integer(rownames(mf))), nRows = nrow(x))
  call <- sprintf("model.matrix(%s, model.frame(%s, data, na.action = na.omit))", formula, formula)
  input <- list(formula = formula, data = table_of(df), options = list(reference = reference))
  write_fixture("model-matrix", name, call, input, expected, packages = c("stats", "survival"), note = note)
}

cox_case <- function(name, formula, df, reference = NULL, note = NULL) {
  fo <- as.formula(formula)
  d2 <- df
  if (!is.null(reference)) for (nm in names(reference)) d2[[nm]] <- relevel(factor(d2[[nm]]), ref = reference[[nm]])
  fit <- coxph(fo, d2, x = TRUE, model = TRUE)
  mf <- fit$model
  x <- fit$x
  y <- fit$y
  expected <- list(columnNames = I(colnames(x)), x = I(as.vector(x)), assign = I(as.integer(unlist(lapply(seq_along(fit$assign), function(k) rep(k, length(fit$assign[[k]])))))),
                   rows = I(as.integer(rownames(mf))), nRows = nrow(x))
  if (ncol(y) == 3) { expected$start <- as.vector(y[, 1]); expected$time <- as.vector(y[, 2]); expected$status <- as.vector(y[, 3]) }
  else { expected$time <- as.vector(y[, 1]); expected$status <- as.vector(y[, 2]) }
  Terms <- terms(fo, specials = c("strata", "cluster"))
  st <- untangle.specials(Terms, "strata", 1)
  if (length(st$vars) > 0) {
    sk <- if (length(st$vars) == 1) mf[[st$vars]] else strata(mf[, st$vars], shortlabel = TRUE)
    sk <- droplevels(sk)
    expected$strataLevels <- I(levels(sk))
    expected$strataCodes <- as.integer(sk)
  }
  cl <- untangle.specials(Terms, "cluster", 1)
  if (length(cl$vars) > 0) {
    cv <- mf[["(cluster)"]]
    if (is.null(cv)) cv <- mf[[cl$vars]]
    lev <- sort(unique(cv))
    expected$clusterLevels <- I(as.character(lev))
    expected$clusterCodes <- match(cv, lev)
  }
  if (!is.null(model.offset(mf))) expected$offset <- as.vector(model.offset(mf))
  call <- sprintf("coxph(%s, data, x = TRUE, model = TRUE)$x (and $y, strata as coxph builds them)", formula)
  input <- list(formula = formula, data = table_of(df), options = list(reference = reference, dropIntercept = TRUE))
  write_fixture("model-matrix", name, call, input, expected, packages = c("stats", "survival"), note = note)
}

lung1 <- lung
lung_sex <- lung; lung_sex$sex <- factor(lung_sex$sex, levels = 1:2, labels = c("male", "female"))
vet <- veteran

# synthetic cohort with a column name that needs backquotes and text levels
syn <- data.frame(
  time = c(5, 12, 3, 30, 22, 8, 15, 40, 9, 27, 18, 6),
  status = c(1, 0, 1, 0, 1, 1, 0, 0, 1, 1, 0, 1),
  `primary size (mm)` = c(40, 55, NA, 80, 35, 60, 90, 25, 70, NA, 45, 50),
  grade = c(2, 3, 1, 3, NA, 2, 1, 2, 3, 1, 2, 3),
  timing = factor(c("sync", "meta", "meta", "sync", "meta", "meta", "sync", "meta", "meta", "sync", "meta", "sync")),
  surgery = factor(c("yes", "no", "yes", "yes", "no", "yes", "no", "yes", "yes", "no", "yes", "no")),
  check.names = FALSE)

mm_case("lung-factor-ecog", "~ age + factor(ph.ecog) + sex", lung1)
mm_case("lung-sex-labels", "~ age + sex", lung_sex)
mm_case("lung-missing", "~ age + ph.karno + wt.loss + meal.cal", lung1, note = "rows with NA in any variable are dropped (na.omit)")
mm_case("lung-numeric-by-factor", "~ age*sex", lung_sex)
mm_case("lung-numeric-in-factor", "~ age:factor(ph.ecog)", lung1, note = "no main effect: factor coded by indicators of all levels")
mm_case("lung-xy", "~ age*wt.loss + I(age/10) + log(meal.cal) + I(age > 60)", lung1)
mm_case("veteran-celltype", "~ trt + celltype + karno", vet, note = "celltype levels in R's order: squamous, smallcell, adeno, large")
mm_case("veteran-celltype-relevel", "~ celltype + karno", vet, reference = list(celltype = "adeno"))
mm_case("veteran-factor-by-factor", "~ celltype*factor(prior)", vet)
mm_case("veteran-interaction-only", "~ celltype:factor(trt)", vet, note = "a:b alone: both factors coded by indicators")
mm_case("veteran-no-intercept", "~ celltype + factor(trt) - 1", vet, note = "no intercept: the first factor is coded by indicators")
mm_case("veteran-three-way", "~ (celltype + factor(trt) + factor(prior))^2 + karno", vet)
mm_case("veteran-nested", "~ factor(trt)/celltype", vet)
mm_case("synthetic-backquote", "~ `primary size (mm)` + factor(grade) + timing*surgery", syn, reference = list(surgery = "yes"))

cox_case("cox-lung-status12", "Surv(time, status) ~ age + sex + factor(ph.ecog)", lung_sex, note = "status 1/2 treated as 0/1 by Surv")
cox_case("cox-lung-status-eq", "Surv(time, status == 2) ~ age + sex", lung_sex)
cox_case("cox-lung-strata", "Surv(time, status) ~ age + strata(inst)", lung1)
cox_case("cox-lung-strata-two-vars", "Surv(time, status) ~ age + strata(sex, ph.ecog)", lung1, note = "numeric strata variables: labels sex=1, ph.ecog=0")
cox_case("cox-lung-strata-two-terms", "Surv(time, status) ~ age + strata(sex) + strata(ph.ecog)", lung1)
cox_case("cox-lung-strata-factor", "Surv(time, status) ~ age + strata(sex)", lung_sex, note = "strata() of a factor uses short labels")
cox_case("cox-lung-cluster-offset", "Surv(time, status) ~ age + cluster(inst) + offset(log(meal.cal))", lung1)
cox_case("cox-heart-counting", "Surv(start, stop, event) ~ age + transplant + surgery", heart)
cox_case("cox-veteran-relevel", "Surv(time, status) ~ trt + celltype", vet, reference = list(celltype = "large"))
cox_case("cox-synthetic", "Surv(time, status) ~ `primary size (mm)` + factor(grade) + timing", syn)
