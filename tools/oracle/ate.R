# Fixtures for standardised (adjusted) survival curves and absolute contrasts
# (survinfer survivalContrasts, src/causal/survival-contrasts/).
# Rscript tools/oracle/ate.R  ->  test/fixtures/r/ate/{veteran,lms,colon}.json
#
# Reference: riskRegression::ate (Ozenne, Scheike, Staerk & Gerds 2020, Biometrical Journal,
# doi:10.1002/bimj.201800298) with
#   outcome   coxph(Surv(time, status) ~ treat + X, ties = "breslow", x = TRUE, y = TRUE)
#   treatment glm(treat ~ X, family = binomial)
#   censoring coxph(Surv(time, status == 0) ~ treat + X, ties = "breslow", x = TRUE, y = TRUE)
#   ate(outcome, treatment, censor, data, times, estimator = c("GFORMULA", "IPTW", "AIPTW"), se = TRUE,
#       iid = TRUE, known.nuisance = FALSE)  (influence functions that account for the estimation of all
#       three nuisance models; product.limit = FALSE: S = exp(-Lambda)).
# Survival = 1 - risk. The survival ratio S1/S0 and its SE come from riskRegression's own influence functions
# (a$iid): IF = IF_S1 / S0 - S1 IF_S0 / S0^2, SE = sqrt(sum(IF^2)).
# RMST (g-formula): the standardised curve is a step function with jumps at the outcome's event times, so
#   RMST_a(tau) = sum_k S_a(t_k) (min(t_{k+1}, tau) - t_k) with t_0 = 0; its SE is sqrt(sum(IF^2)) with the
#   IF a linear combination of riskRegression's g-formula IFs at all event times before tau
#   (ate(..., times = event times)).
# Ties: riskRegression 2022.11.28's iidCox (src/iidCox.cpp, IFbeta_cpp) sums 1 / S0(t_k) per distinct event time
#   in the compensator of the score, not d_k / S0(t_k), so with tied event times its IF of beta differs from
#   residuals(coxph, "dfbeta") (checked below: "veteran-ties" stores both). survinfer uses the dfbeta (the
#   coxph score residuals). The SE fixtures therefore use tie-free data: veteran and colon with time +
#   row * 1e-6 (row order breaks ties; 1e-6 is far below the data's resolution); the tied original veteran
#   checks the point estimates and the dfbeta.
# ATT (g-formula only): the mean of the predicted risks over the treated; its IF adds the term from the
#   plug-in of the Cox model, riskRegression::predictRisk(..., average.iid = TRUE) over the treated rows
#   (scaled by n / n1), to the centred predictions A_j (F_j - theta) / n1.
args <- commandArgs(trailingOnly = FALSE); here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)]))); source(file.path(here, "common.R"))
suppressPackageStartupMessages({ library(survival); library(riskRegression); library(data.table) })

one_case <- function(name, d, xnames, times, tau, note, ties_check = FALSE) {
  d <- as.data.frame(d)
  d$treat <- factor(d$treat, levels = c(0, 1))
  X <- as.matrix(d[, xnames, drop = FALSE])
  fx <- paste(xnames, collapse = " + ")
  f_out <- as.formula(paste("Surv(time, status) ~ treat +", fx))
  f_cens <- as.formula(paste("Surv(time, status == 0) ~ treat +", fx))
  f_ps <- as.formula(paste("treat ~", fx))
  m_out <- coxph(f_out, data = d, ties = "breslow", x = TRUE, y = TRUE)
  m_cens <- coxph(f_cens, data = d, ties = "breslow", x = TRUE, y = TRUE)
  m_ps <- glm(f_ps, data = d, family = binomial)
  a <- ate(m_out, treatment = m_ps, censor = m_cens, data = d, times = times,
           estimator = c("GFORMULA", "IPTW", "AIPTW"), se = TRUE, iid = TRUE, verbose = FALSE, cause = 1)
  n <- nrow(d)
  per_est <- list()
  for (est in c("GFORMULA", "IPTW", "AIPTW")) {
    mr <- a$meanRisk[a$meanRisk$estimator == est, ]
    dr <- a$diffRisk[a$diffRisk$estimator == est, ]
    rr <- a$ratioRisk[a$ratioRisk$estimator == est, ]
    iid0 <- a$iid[[est]][["0"]]; iid1 <- a$iid[[est]][["1"]]
    r0 <- mr$estimate[mr$treatment == "0"]; r1 <- mr$estimate[mr$treatment == "1"]
    s0 <- 1 - r0; s1 <- 1 - r1
    # survival ratio from the risk IFs (IF_S = -IF_F)
    if_sr <- sweep(-iid1, 2, s0, "/") - sweep(-iid0, 2, s1 / s0^2, "*")
    per_est[[est]] <- list(
      risk0 = r0, risk1 = r1,
      se0 = mr$se[mr$treatment == "0"], se1 = mr$se[mr$treatment == "1"],
      se0_from_iid = sqrt(colSums(iid0^2)), se1_from_iid = sqrt(colSums(iid1^2)),
      diff = dr$estimate, diff_se = dr$se,
      ratio = rr$estimate, ratio_se = rr$se,
      surv_ratio = s1 / s0, surv_ratio_se = sqrt(colSums(if_sr^2)))
  }
  # RMST by the g-formula
  tk <- sort(unique(d$time[d$status == 1])); tk <- tk[tk <= tau]
  ag <- ate(m_out, treatment = "treat", data = d, times = tk, estimator = "GFORMULA", se = TRUE, iid = TRUE, verbose = FALSE, cause = 1)
  grid <- c(0, tk); widths <- diff(c(grid, tau))
  rm <- list()
  for (arm in c("0", "1")) {
    risk <- ag$meanRisk[ag$meanRisk$treatment == arm, ]$estimate
    S <- c(1, 1 - risk)
    ifm <- -ag$iid$GFORMULA[[arm]]  # IF of S at each t_k
    rm[[arm]] <- list(rmst = sum(S * widths), iid = drop(ifm %*% widths[-1]))
  }
  rmst <- list(tau = tau, rmst0 = rm[["0"]]$rmst, rmst1 = rm[["1"]]$rmst,
               se0 = sqrt(sum(rm[["0"]]$iid^2)), se1 = sqrt(sum(rm[["1"]]$iid^2)),
               diff = rm[["1"]]$rmst - rm[["0"]]$rmst, diff_se = sqrt(sum((rm[["1"]]$iid - rm[["0"]]$iid)^2)))
  # ATT by the g-formula
  A <- as.integer(as.character(d$treat)); n1 <- sum(A)
  att <- list(); m_iid <- iidCox(m_out, tau.max = max(times), store.iid = "minimal", return.object = TRUE)
  for (arm in c("0", "1")) {
    dt <- d[A == 1, ]; dt$treat <- factor(arm, levels = c(0, 1))
    pr <- predictRisk(m_iid, newdata = dt, times = times, average.iid = TRUE, product.limit = FALSE)
    est <- colMeans(pr)
    direct <- matrix(0, n, length(times)); direct[A == 1, ] <- sweep(pr, 2, est, "-") / n1
    iid <- direct + attr(pr, "average.iid")  # average.iid is the IF of mean over newdata: no rescaling needed
    att[[arm]] <- list(risk = est, se = sqrt(colSums(iid^2)), iid = iid)
  }
  att_out <- list(risk0 = att[["0"]]$risk, risk1 = att[["1"]]$risk, se0 = att[["0"]]$se, se1 = att[["1"]]$se,
                  diff = att[["1"]]$risk - att[["0"]]$risk, diff_se = sqrt(colSums((att[["1"]]$iid - att[["0"]]$iid)^2)))
  extra <- list()
  if (ties_check) {
    ic <- iidCox(m_out, store.iid = "full", return.object = FALSE)
    extra <- list(dfbeta = lapply(seq_along(coef(m_out)), function(l) unname(residuals(m_out, type = "dfbeta")[, l])),
                  rr_ifbeta_differs = max(abs(residuals(m_out, type = "dfbeta") - ic$IFbeta)))
  }
  write_fixture("ate", name,
    call = paste0("ate(coxph(Surv(time, status) ~ treat + X, ties = 'breslow'), treatment = glm(treat ~ X, binomial), ",
                  "censor = coxph(Surv(time, status == 0) ~ treat + X, ties = 'breslow'), times, ",
                  "estimator = c('GFORMULA', 'IPTW', 'AIPTW'), se = TRUE, iid = TRUE)"),
    input = list(time = d$time, status = d$status, treat = A, x = lapply(xnames, function(v) d[[v]]),
                 covariates = xnames, times = times, tau = tau),
    expected = list(n = n, gformula = per_est$GFORMULA, iptw = per_est$IPTW, aipw = per_est$AIPTW,
                    rmst = rmst, att = att_out,
                    coef_outcome = unname(coef(m_out)), coef_censor = unname(coef(m_cens)), coef_ps = unname(coef(m_ps)), ties = extra),
    packages = c("survival", "riskRegression", "data.table"), note = note)
}

v <- survival::veteran
vd <- data.frame(time = v$time, status = v$status, treat = v$trt - 1, karno = v$karno, age = v$age, prior = v$prior / 10)
one_case("veteran-ties", vd, c("karno", "age", "prior"), c(30, 90, 180), 180,
  "survival::veteran with its tied times; treat = trt - 1 (test chemotherapy); prior = prior / 10 (0/1); days. SEs differ from survinfer's by riskRegression's IF of beta with ties (see the script).",
  ties_check = TRUE)
vd$time <- vd$time + seq_len(nrow(vd)) * 1e-6
one_case("veteran", vd, c("karno", "age", "prior"), c(30, 90, 180), 180,
  "survival::veteran, ties broken: time + row * 1e-6; treat = trt - 1 (test chemotherapy); prior = prior / 10 (0/1); days.")

d <- example_os_cohort()
ld <- data.frame(time = d$time, status = d$status, treat = as.integer(d$metastasectomy == "yes"),
                 age_primary = d$age_primary, primary_size_mm = d$primary_size_mm, n_lung_mets = d$n_lung_mets)
ld <- ld[complete.cases(ld), ]
one_case("lms", ld, c("age_primary", "primary_size_mm", "n_lung_mets"), c(12, 36, 60), 60,
  "examples/lms-metastasectomy/cohort.csv: OS from date_lung_met (months of 30.4375 days); treat = metastasectomy yes; complete cases.")

cl <- survival::colon[survival::colon$etype == 2 & survival::colon$rx != "Lev", ]
cd <- data.frame(time = cl$time, status = cl$status, treat = as.integer(cl$rx == "Lev+5FU"),
                 age = cl$age, nodes = cl$nodes, extent = cl$extent, obstruct = cl$obstruct)
cd <- cd[complete.cases(cd), ]
cd$time <- cd$time + seq_len(nrow(cd)) * 1e-3  # coarser than coxph timefix (sqrt(eps) relative) at ~1000 days
one_case("colon", cd, c("age", "nodes", "extent", "obstruct"), c(365, 1095, 1826), 1826,
  "survival::colon, etype == 2 (death), rx Obs (0) vs Lev+5FU (1); complete cases; ties broken: time + row * 1e-3; days.")
