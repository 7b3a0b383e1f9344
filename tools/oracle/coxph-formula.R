# Formula-level Cox models on test/fixtures/data/lung.csv (survival's lung with sex as text), for the
# tests of coxph(table, formula) and `survinfer cox`: the same formula strings go through our formula
# parser, model matrix and fitter. Expected: coefficients, SEs (robust where used), tests, concordance,
# loglik and cox.zph(terms = TRUE).
args <- commandArgs(trailingOnly = FALSE); here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)]))); source(file.path(here, "common.R"))
suppressPackageStartupMessages(library(survival))
lung <- read.csv(file.path(oracle_root(), "test", "fixtures", "data", "lung.csv"))
cases <- list(
  list(name = "age-sex-ecog", formula = "Surv(time, status) ~ age + sex + factor(ph.ecog)", ties = "efron", zph = TRUE),
  list(name = "breslow-strata", formula = "Surv(time, status) ~ age + ph.karno + strata(sex)", ties = "breslow", zph = TRUE),
  list(name = "interaction", formula = "Surv(time, status) ~ age * sex + wt.loss", ties = "efron", zph = FALSE),
  list(name = "cluster-inst", formula = "Surv(time, status) ~ age + sex + cluster(inst)", ties = "efron", zph = FALSE),
  list(name = "status-eq-2", formula = "Surv(time, status == 2) ~ meal.cal + sex", ties = "efron", zph = FALSE)
)
for (cs in cases) {
  fit <- coxph(as.formula(cs$formula), data = lung, ties = cs$ties)
  s <- summary(fit)
  se <- sqrt(diag(fit$var))
  exp <- list(
    names = names(coef(fit)), coef = unname(coef(fit)), se = unname(se),
    naive_se = if (!is.null(fit$naive.var)) unname(sqrt(diag(fit$naive.var))) else NULL,
    loglik = fit$loglik, wald = unname(fit$wald.test), score = unname(fit$score),
    lr = unname(2 * diff(fit$loglik)), n = fit$n, nevent = fit$nevent,
    concordance = unname(fit$concordance[c("concordance", "std")]),
    p = unname(s$coefficients[, ncol(s$coefficients)])
  )
  if (cs$zph) {
    z <- cox.zph(fit)
    exp$zph <- list(terms = rownames(z$table), chisq = unname(z$table[, "chisq"]), df = unname(z$table[, "df"]), p = unname(z$table[, "p"]))
  }
  write_fixture("coxph-formula", cs$name, call = sprintf('coxph(%s, data = lung, ties = "%s")', cs$formula, cs$ties),
    input = list(formula = cs$formula, ties = cs$ties, data = "test/fixtures/data/lung.csv"), expected = exp)
}
