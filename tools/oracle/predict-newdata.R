# Reference values for `survinfer predict --newdata`: a Cox model on survival::colon recurrence (the CSV
# written by study-long-term.R) applied to new patients, summary(survfit(fit, newdata), times = 1826)$surv
# and predict(fit, newdata, type = "lp") (centred linear predictor, as R's default reference = "sample").
# Writes test/fixtures/r/predict-newdata/colon.json. Run: Rscript tools/oracle/predict-newdata.R
args <- commandArgs(trailingOnly = FALSE); here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)]))); source(file.path(here, "common.R"))
suppressPackageStartupMessages(library(survival))
d <- read.csv(file.path(oracle_root(), "test", "fixtures", "r", "study-long-term", "colon.csv"))
d$many_nodes <- as.integer(d$nodes > 4)
fit <- coxph(Surv(time, status) ~ age + sex + rx + factor(many_nodes), data = d)
nd <- data.frame(id = c("p1", "p2", "p3", "p4"), age = c(50, 80, 30, 61), sex = c("male", "female", "male", "female"),
                 rx = c("Obs", "Lev+5FU", "Lev", "Obs"), many_nodes = c(0L, 1L, 1L, 0L))
s <- summary(survfit(fit, newdata = nd), times = 1826)$surv
write_fixture("predict-newdata", "colon",
  call = "coxph(Surv(time, status) ~ age + sex + rx + factor(many_nodes), data = colon); summary(survfit(fit, newdata = nd), times = 1826)$surv; predict(fit, nd, type = 'lp')",
  input = list(data = "test/fixtures/r/study-long-term/colon.csv with many_nodes = as.integer(nodes > 4)", newdata = nd, time = 1826),
  expected = list(coef = unname(coef(fit)), survival = as.numeric(s), lp = unname(predict(fit, newdata = nd, type = "lp"))),
  note = "survinfer predict DATA --formula ... --times 1826 --newdata FILE --json: predictions[].survival and .linearPredictor")
