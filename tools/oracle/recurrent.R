# Recurrent events: Andersen-Gill, PWP total time and PWP gap time Cox models (robust variance clustered
# on the patient) and the mean cumulative function (Nelson-Aalen over all recurrences, with the
# infinitesimal-jackknife / Lawless-Nadeau robust SE that survfit reports when id is given).
# Run: Rscript tools/oracle/recurrent.R
args <- commandArgs(trailingOnly = FALSE); here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)]))); source(file.path(here, "common.R"))
suppressPackageStartupMessages(library(survival))

cox_expected <- function(fit) {
  list(coef = unname(fit$coefficients), se = unname(sqrt(diag(fit$naive.var))),
       robustSe = unname(sqrt(diag(fit$var))), loglik = unname(fit$loglik),
       n = fit$n, nEvent = fit$nevent)
}

mcf_expected <- function(f) {
  strata <- if (is.null(f$strata)) c(all = length(f$time)) else f$strata
  out <- list(); start <- 1
  for (k in seq_along(strata)) {
    idx <- start:(start + strata[k] - 1); start <- start + strata[k]
    out[[k]] <- list(name = names(strata)[k], time = f$time[idx], nRisk = f$n.risk[idx], nEvent = f$n.event[idx],
                     nCensor = f$n.censor[idx], cumhaz = f$cumhaz[idx], stdErr = f$std.chaz[idx])
  }
  out
}

fixtures_for <- function(name, d, covs) {
  rhs <- paste(covs, collapse = " + ")
  input <- as.list(d[, c("id", "start", "stop", "event", covs)])
  input$covariates <- covs
  ag_call <- paste0("coxph(Surv(start, stop, event) ~ ", rhs, " + cluster(id), data = d)")
  ag <- eval(parse(text = ag_call))
  write_fixture("recurrent", paste0(name, "-ag"), ag_call, input, cox_expected(ag))
  # enum: 1 + number of earlier events of the patient (rows sorted by id, start)
  d <- d[order(d$id, d$start), ]
  d$enum <- ave(d$event, d$id, FUN = function(e) 1 + c(0, cumsum(e)[-length(e)]))
  input <- as.list(d[, c("id", "start", "stop", "event", covs)])
  input$covariates <- covs
  input$enum <- d$enum
  tot_call <- paste0("coxph(Surv(start, stop, event) ~ ", rhs, " + cluster(id) + strata(enum), data = d)")
  tot <- eval(parse(text = tot_call))
  write_fixture("recurrent", paste0(name, "-pwp-total"), tot_call, input, cox_expected(tot))
  gap_call <- paste0("coxph(Surv(stop - start, event) ~ ", rhs, " + cluster(id) + strata(enum), data = d)")
  gap <- eval(parse(text = gap_call))
  write_fixture("recurrent", paste0(name, "-pwp-gap"), gap_call, input, cox_expected(gap))
  mcf_call <- "survfit(Surv(start, stop, event) ~ 1, data = d, id = id)"
  f <- survfit(Surv(start, stop, event) ~ 1, data = d, id = id)
  naive <- survfit(Surv(start, stop, event) ~ 1, data = d)
  e <- mcf_expected(f); e[[1]]$naiveStdErr <- naive$std.chaz
  write_fixture("recurrent", paste0(name, "-mcf"), mcf_call, input, list(strata = e),
                note = "std.chaz with id = infinitesimal-jackknife (Lawless-Nadeau robust) SE; naiveStdErr = survfit without id (Poisson sqrt(sum d/n^2))")
  by <- covs[1]
  by_call <- paste0("survfit(Surv(start, stop, event) ~ ", by, ", data = d, id = id)")
  fb <- eval(parse(text = by_call))
  eb <- mcf_expected(fb)
  # survfit's n.censor with id and strata does not match the groups fitted one at a time (survflag is
  # applied out of order); record the per-group counts, which is what survinfer reports.
  levs <- sort(unique(d[[by]]))
  for (k in seq_along(levs)) {
    alone <- survfit(Surv(start, stop, event) ~ 1, data = d[d[[by]] == levs[k], ], id = id)
    stopifnot(isTRUE(all.equal(alone$cumhaz, eb[[k]]$cumhaz)), isTRUE(all.equal(alone$std.chaz, eb[[k]]$stdErr)))
    eb[[k]]$nCensorAlone <- alone$n.censor
  }
  write_fixture("recurrent", paste0(name, "-mcf-by"), by_call, c(input, list(by = by)), list(strata = eb),
                note = "nCensorAlone: n.censor of survfit(Surv(start, stop, event) ~ 1, data = d[d$g == level, ], id = id); the stratified fit's n.censor differs (R quirk)")
}

fixtures_for("bladder2", bladder2[, c("id", "start", "stop", "event", "rx", "number", "size")], c("rx", "number", "size"))

# Small synthetic case with ties: events of several patients at one time, an event and a censoring at
# one time, a patient with a gap in follow-up, rows given out of order.
syn <- data.frame(
  id    = c(1, 1, 1, 2, 2, 3, 4, 4, 5, 6, 6, 7, 8, 8, 8, 9, 10, 10, 3),
  start = c(0, 2, 5, 0, 3, 0, 0, 2, 0, 0, 5, 0, 0, 2, 4, 0, 0, 6, 3),
  stop  = c(2, 5, 9, 3, 8, 3, 2, 7, 5, 5, 10, 6, 2, 4, 9, 4, 5, 8, 8),
  event = c(1, 1, 0, 1, 1, 1, 1, 0, 0, 1, 0, 1, 1, 1, 0, 1, 1, 0, 0),
  x     = c(1, 1, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 1, 1, 1, 0, 0, 0, 1),
  z     = c(0.5, 0.5, 0.5, -1, -1, 2, 0.3, 0.3, -0.2, 1.1, 1.1, 0, -0.7, -0.7, -0.7, 0.4, 1.5, 1.5, 2)
)
fixtures_for("synthetic-ties", syn, c("x", "z"))
cat("recurrent fixtures written\n")
