# Oracle for src/causal/balance.ts. cobalt is not packaged for Debian bookworm: its published definitions
# (col_w_smd, col_w_vr, col_w_ks, col.w.v, .compute_s.d.denom, splitfactor(drop.first = "if2"), bal.tab's
# defaults binary = "raw", continuous = "std", s.d.denom from the estimand) are written here in base R.
# The tableone convention is computed with survey::svyby(~x, ~treat, design, svymean/svyvar), which is what
# tableone::svyCreateTableOne uses for its SMDs, and Yang & Dalton's formula for a multi-level factor.
# Run: Rscript tools/oracle/balance.R
args <- commandArgs(trailingOnly = FALSE); here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)]))); source(file.path(here, "common.R"))
suppressPackageStartupMessages(library(survey))
data("lalonde", package = "MatchIt")
a <- lalonde$treat
ps <- unname(fitted(glm(treat ~ age + educ + race + married + nodegree + re74 + re75, data = lalonde, family = binomial)))
w_ate <- ifelse(a == 1, 1 / ps, 1 / (1 - ps))
w_att <- ifelse(a == 1, 1, ps / (1 - ps))
w_ato <- ifelse(a == 1, 1 - ps, ps)
w_trim <- ifelse(ps >= 0.1 & ps <= 0.9, w_ate, 0)

# covariate matrix as cobalt builds it: numeric columns, every level of race (3 levels) as 0/1 columns
C <- cbind(age = lalonde$age, educ = lalonde$educ,
           race_black = as.numeric(lalonde$race == "black"), race_hispan = as.numeric(lalonde$race == "hispan"),
           race_white = as.numeric(lalonde$race == "white"),
           married = lalonde$married, nodegree = lalonde$nodegree, re74 = lalonde$re74, re75 = lalonde$re75)
bin <- apply(C, 2, function(x) length(unique(x)) == 2)

# cobalt:::col.w.v
wvar <- function(x, w, binary) { w <- w / sum(w); m <- sum(w * x); if (binary) m * (1 - m) else sum(w * (x - m)^2) / (1 - sum(w^2)) }
wmean <- function(x, w) sum(w * x) / sum(w)
# cobalt::col_w_ks, one column
wks <- function(x, a, w, binary) {
  if (binary) return(abs(wmean(x[a == 1], w[a == 1]) - wmean(x[a == 0], w[a == 0])))
  ww <- ifelse(a == 1, w / sum(w[a == 1]), -w / sum(w[a == 0]))
  o <- order(x)
  cumv <- abs(cumsum(ww[o]))[c(diff(x[o]) != 0, TRUE)]
  max(cumv)
}
# cobalt:::.compute_s.d.denom with s.weights = 1 (unadjusted sample)
denom <- function(x, a, binary, sd_denom) {
  one <- rep(1, length(x))
  d <- switch(sd_denom,
              pooled = sqrt((wvar(x[a == 1], one[a == 1], binary) + wvar(x[a == 0], one[a == 0], binary)) / 2),
              treated = sqrt(wvar(x[a == 1], one[a == 1], binary)),
              control = sqrt(wvar(x[a == 0], one[a == 0], binary)))
  if (!is.finite(d) || abs(d) < sqrt(.Machine$double.eps)) d <- sqrt(wvar(x, one, binary))
  d
}
cobalt_rows <- function(w, sd_denom, binary_mode) {
  lapply(colnames(C), function(v) {
    x <- C[, v]; b <- bin[[v]]
    m1 <- wmean(x[a == 1], w[a == 1]); m0 <- wmean(x[a == 0], w[a == 0])
    diff <- m1 - m0
    std <- if (b) binary_mode == "std" else TRUE
    smd <- if (std && abs(diff) >= sqrt(.Machine$double.eps)) diff / denom(x, a, b, sd_denom) else diff
    vr <- if (b) NA_real_ else wvar(x[a == 1], w[a == 1], FALSE) / wvar(x[a == 0], w[a == 0], FALSE)
    list(variable = v, meanTreated = m1, meanControl = m0, smd = smd, varianceRatio = vr, ks = wks(x, a, w, b))
  })
}
cov_input <- list(
  list(name = "age", kind = "numeric", values = lalonde$age),
  list(name = "educ", kind = "numeric", values = lalonde$educ),
  list(name = "race", kind = "categorical", levels = levels(lalonde$race), codes = as.integer(lalonde$race) - 1L),
  list(name = "married", kind = "numeric", values = lalonde$married),
  list(name = "nodegree", kind = "numeric", values = lalonde$nodegree),
  list(name = "re74", kind = "numeric", values = lalonde$re74),
  list(name = "re75", kind = "numeric", values = lalonde$re75))
note <- "cobalt not in Debian: its published definitions (col_w_smd/col_w_vr/col_w_ks/col.w.v, s.d.denom from the unadjusted sample) are written in base R in tools/oracle/balance.R; weights from ps = fitted(glm(treat ~ age + educ + race + married + nodegree + re74 + re75, lalonde, binomial))"

cobalt_case <- function(name, w, wname, estimand, sd_denom, binary_mode) {
  write_fixture("balance", name,
                sprintf("cobalt::bal.tab(treat ~ age + educ + race + married + nodegree + re74 + re75, data = lalonde, weights = %s, estimand = \"%s\", s.d.denom = \"%s\", binary = \"%s\", stats = c(\"m\", \"v\", \"ks\"), un = TRUE)", wname, estimand, sd_denom, binary_mode),
                input = list(covariates = cov_input, treatment = a, weights = w, estimand = estimand, binary = binary_mode, convention = "cobalt"),
                expected = list(before = cobalt_rows(rep(1, length(a)), sd_denom, binary_mode), after = cobalt_rows(w, sd_denom, binary_mode)),
                packages = c("stats", "MatchIt"), note = note)
}
cobalt_case("lalonde-ate", w_ate, "1/ps or 1/(1-ps)", "ATE", "pooled", "raw")
cobalt_case("lalonde-ate-binary-std", w_ate, "1/ps or 1/(1-ps)", "ATE", "pooled", "std")
cobalt_case("lalonde-att", w_att, "1 or ps/(1-ps)", "ATT", "treated", "raw")
cobalt_case("lalonde-atc", ifelse(a == 1, (1 - ps) / ps, 1), "(1-ps)/ps or 1", "ATC", "control", "std")
cobalt_case("lalonde-ato", w_ato, "1-ps or ps", "ATO", "pooled", "std")
cobalt_case("lalonde-ate-trimmed", w_trim, "ATE weights, 0 outside ps in [0.1, 0.9]", "ATE", "pooled", "raw")

# tableone convention, via survey
tableone_rows <- function(w) {
  d <- svydesign(ids = ~1, weights = ~ww, data = data.frame(C, treat = a, ww = w))
  lapply(colnames(C), function(v) {
    f <- as.formula(paste0("~", v))
    m <- svyby(f, ~treat, d, svymean)
    b <- bin[[v]]
    vv <- if (b) m[, 2] * (1 - m[, 2]) else svyby(f, ~treat, d, svyvar)[, 2]
    m1 <- m[m$treat == 1, 2]; m0 <- m[m$treat == 0, 2]
    list(variable = v, meanTreated = m1, meanControl = m0, smd = (m1 - m0) / sqrt(sum(vv) / 2))
  })
}
yang_dalton <- function(w) {
  P <- sapply(c(1, 0), function(g) sapply(levels(lalonde$race), function(l) wmean(as.numeric(lalonde$race[a == g] == l), w[a == g])))
  p1 <- P[-1, 1]; p0 <- P[-1, 2]
  S <- (diag(p1) - p1 %*% t(p1) + diag(p0) - p0 %*% t(p0)) / 2
  sqrt(drop(t(p1 - p0) %*% solve(S) %*% (p1 - p0)))
}
write_fixture("balance", "lalonde-ate-tableone",
              "tableone::svyCreateTableOne(vars, strata = \"treat\", data = svydesign(ids = ~1, weights = ~w_ate, data = lalonde), factorVars = c(\"race\", \"married\", \"nodegree\"), smd = TRUE) (computed with survey::svyby)",
              input = list(covariates = cov_input, treatment = a, weights = w_ate, estimand = "ATE", convention = "tableone"),
              expected = list(before = tableone_rows(rep(1, length(a))), after = tableone_rows(w_ate),
                              raceBefore = yang_dalton(rep(1, length(a))), raceAfter = yang_dalton(w_ate)),
              packages = c("stats", "MatchIt", "survey"),
              note = "tableone not in Debian: its SMD definition (svymean/svyvar by group, pooled sqrt((v1 + v0)/2), Yang & Dalton for multi-level factors) computed with survey in tools/oracle/balance.R")
cat("balance fixtures written\n")
