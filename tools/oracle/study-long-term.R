# Reference values for the study runner's long-term analyses, checked end to end by
# test/study/long-term-vs-r.test.ts (runStudy on the CSVs written here):
#  (a) analyses.competingRisks with covariates: per cause a cause-specific coxph (other causes censored)
#      and cmprsk::crr (Fine-Gray), on survival::mgus2 with survival's documented competing-risk coding;
#  (b) analyses.prediction: coxph on any event, survfit(fit, newdata) at 120 months and concordance(fit);
#  (c) analyses.cure: Weibull mixture cure model by maximum likelihood (optim BFGS, reltol 1e-14, analytic
#      gradient, then Newton steps on a numerical Hessian of that gradient), in the parametrisation of
#      src/survival/cure/weibull.ts: P(uncured) = expit(g0 + z g), S_u(t | x) = exp(-(lambda e^{x b} t)^alpha).
#      mgus2 (progression or death) has no plateau: death comes to everyone, the intercept of the
#      incidence model runs off to +17 (cure fraction 0, not identifiable). The cure model therefore uses
#      survival::colon, recurrence (etype == 1), whose Kaplan-Meier curve levels off near 48%.
# flexsurvcure/smcure are not packaged for Debian bookworm: the likelihood is written out in base R.
# Writes test/fixtures/r/study-long-term/{mgus2.csv, colon.csv, competing.json, prediction.json, cure.json}.
# Run: Rscript tools/oracle/study-long-term.R
args <- commandArgs(trailingOnly = FALSE); here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)]))); source(file.path(here, "common.R"))
suppressPackageStartupMessages({
  library(survival)
  library(cmprsk)
})

out <- file.path(oracle_root(), "test", "fixtures", "r", "study-long-term")
dir.create(out, recursive = TRUE, showWarnings = FALSE)
pkgs <- c("survival", "cmprsk", "jsonlite")

# ---- data: mgus2 with the competing-risk coding of survival's compete vignette -----------------------
# etime: months to progression (pcm) or, without progression, to death or last follow-up;
# event: 0 = censored, 1 = pcm, 2 = death without progression. NAs of hgb (13), creat, mspike are left in:
# every model here uses complete cases of its own covariates (R's na.omit, survinfer's model matrix).
m <- mgus2
m$etime <- with(m, ifelse(pstat == 0, futime, ptime))
m$event <- with(m, pstat + 2 * (1 - pstat) * death)
m$cause <- c("", "pcm", "death")[m$event + 1]
mgus_csv <- data.frame(id = m$id, age = m$age, sex = as.character(m$sex), hgb = m$hgb, creat = m$creat,
                       mspike = m$mspike, etime = m$etime, event = m$event, cause = m$cause)
write.csv(mgus_csv, file.path(out, "mgus2.csv"), row.names = FALSE, na = "")

# ---- data: colon, recurrence ----------------------------------------------------------------------
co <- subset(colon, etype == 1)
colon_csv <- data.frame(id = co$id, age = co$age, sex = ifelse(co$sex == 1, "male", "female"), rx = as.character(co$rx),
                        nodes = co$nodes, time = co$time, status = co$status)
write.csv(colon_csv, file.path(out, "colon.csv"), row.names = FALSE, na = "")

# read back what the tests read, so R and survinfer see the same numbers
m <- read.csv(file.path(out, "mgus2.csv"), na.strings = "")
m$sex <- factor(m$sex)
co <- read.csv(file.path(out, "colon.csv"), na.strings = "")
co$sex <- factor(co$sex)

# ---- (a) competing risks: cause-specific Cox and Fine-Gray per cause ------------------------------
cc <- complete.cases(m[, c("age", "sex", "hgb")])
X <- model.matrix(~ age + sex + hgb, data = m[cc, ])[, -1]
causes <- list()
for (k in 1:2) {
  cs <- coxph(Surv(etime, event == k) ~ age + sex + hgb, data = m)
  sc <- summary(cs)$coefficients
  fg <- crr(m$etime[cc], m$event[cc], X, failcode = k, cencode = 0)
  fse <- sqrt(diag(fg$var))
  causes[[k]] <- list(
    cause = c("pcm", "death")[k], code = k,
    coxph = list(names = names(coef(cs)), coef = unname(coef(cs)), se = unname(sc[, "se(coef)"]),
                 p = unname(sc[, "Pr(>|z|)"]), loglik = unname(cs$loglik), n = cs$n, nevent = cs$nevent),
    crr = list(names = colnames(X), coef = unname(fg$coef), se = unname(fse), p = unname(2 * pnorm(-abs(fg$coef) / fse)),
               loglik = fg$loglik, n = fg$n, converged = fg$converged)
  )
}
write_fixture("study-long-term", "competing",
  call = paste("coxph(Surv(etime, event == k) ~ age + sex + hgb, data = mgus2csv);",
               "crr(etime, event, model.matrix(~ age + sex + hgb)[, -1], failcode = k, cencode = 0) on complete cases; k = 1 (pcm), 2 (death)"),
  input = list(file = "mgus2.csv", covariates = c("age", "sex", "hgb"), n_complete = sum(cc)),
  expected = list(causes = causes), packages = pkgs,
  note = "mgus2.csv keeps the 13 rows with missing hgb: both models drop them (complete cases)")

# ---- (b) prediction model: Cox on any event, survival at 120 months for new patients --------------
pred <- coxph(Surv(etime, event > 0) ~ age + sex + hgb, data = m)
profiles <- data.frame(age = c(60, 72, 80, 50, 100), sex = factor(c("F", "M", "F", "M", "M"), levels = levels(m$sex)),
                       hgb = c(13, 12, 10.5, 15.5, 20))
sp <- summary(survfit(pred, newdata = profiles), times = 120)
write_fixture("study-long-term", "prediction",
  call = "fit <- coxph(Surv(etime, event > 0) ~ age + sex + hgb, data = mgus2csv); summary(survfit(fit, newdata = profiles), times = 120)$surv; concordance(fit)$concordance",
  input = list(file = "mgus2.csv", time = 120,
               profiles = list(age = profiles$age, sex = as.character(profiles$sex), hgb = profiles$hgb)),
  expected = list(names = names(coef(pred)), coef = unname(coef(pred)), se = unname(sqrt(diag(vcov(pred)))),
                  loglik = unname(pred$loglik), n = pred$n, nevent = pred$nevent,
                  surv = unname(as.vector(sp$surv)), concordance = unname(concordance(pred)$concordance)),
  packages = pkgs,
  note = "the last profile (age 100, hgb 20) lies outside the data (age 24-96, hgb 5.7-18.9)")

# ---- (c) Weibull mixture cure model on colon recurrence, grouped by sex -----------------------------
# analyses.cure { by: sex, incidence: [], latency: [age] }: `by` joins both parts as a factor, so
# incidence ~ sex and latency ~ age + sex (src/study/cure-step.ts puts the grouping last).
expit <- function(x) 1 / (1 + exp(-x))
Z <- model.matrix(~ sex, data = co)
Xl <- model.matrix(~ age + sex, data = co)[, -1, drop = FALSE]
tt <- co$time
dd <- co$status
wb_parts <- function(theta) {
  pz <- ncol(Z); px <- ncol(Xl)
  g <- theta[seq_len(pz)]; b <- theta[pz + seq_len(px)]
  la <- theta[pz + px + 1]; al <- exp(theta[pz + px + 2])
  logu <- al * (la + drop(Xl %*% b) + log(tt))
  list(p = expit(drop(Z %*% g)), logu = logu, u = exp(logu), al = al)
}
# event: log p + log alpha + log u - log t - u; censored: log(1 - p + p e^{-u}), u = (lambda e^{xb} t)^alpha
wb_loglik <- function(theta) {
  q <- wb_parts(theta)
  sum(ifelse(dd == 1, log(q$p) + log(q$al) + q$logu - log(tt) - q$u, log(1 - q$p + q$p * exp(-q$u))))
}
wb_grad <- function(theta) {
  q <- wb_parts(theta)
  D <- 1 - q$p + q$p * exp(-q$u)
  dz <- ifelse(dd == 1, 1 - q$p, q$p * (1 - q$p) * (exp(-q$u) - 1) / D)
  dlu <- ifelse(dd == 1, 1 - q$u, -q$p * exp(-q$u) * q$u / D)
  c(drop(crossprod(Z, dz)), q$al * drop(crossprod(Xl, dlu)), q$al * sum(dlu), sum(dd) + sum(dlu * q$logu))
}
# central differences of the analytic gradient, h = 1e-5 max(1, |theta_j|), symmetrised (as weibull.ts)
num_hess <- function(par) {
  k <- length(par); H <- matrix(0, k, k)
  for (j in seq_len(k)) {
    h <- 1e-5 * max(1, abs(par[j]))
    tp <- par; tm <- par; tp[j] <- tp[j] + h; tm[j] <- tm[j] - h
    H[, j] <- (wb_grad(tp) - wb_grad(tm)) / (2 * h)
  }
  (H + t(H)) / 2
}
th0 <- c(coef(glm(dd ~ Z - 1, family = binomial)), rep(0, ncol(Xl)), log(sum(dd) / sum(tt)), 0)
o <- optim(th0, wb_loglik, wb_grad, method = "BFGS", control = list(fnscale = -1, reltol = 1e-14, maxit = 10000))
th <- o$par
for (k in 1:5) th <- th - solve(num_hess(th), wb_grad(th))
V <- solve(-num_hess(th))
stopifnot(max(abs(wb_grad(th))) < 1e-8, wb_loglik(th) >= o$value)
pz <- ncol(Z)
gam <- th[seq_len(pz)]
Vg <- V[seq_len(pz), seq_len(pz)]
# cure fraction averaged over a group's patients, delta method on logit: d pibar / d gamma = -(1/n) sum pi (1 - pi) z
avg_cure <- function(rows) {
  Zr <- Z[rows, , drop = FALSE]
  pi <- 1 - expit(drop(Zr %*% gam))
  pibar <- mean(pi)
  g <- -colMeans(pi * (1 - pi) * Zr)
  list(estimate = pibar, se_logit = sqrt(drop(t(g) %*% Vg %*% g)) / (pibar * (1 - pibar)), n = length(rows), events = sum(dd[rows]))
}
groups <- lapply(levels(co$sex), function(l) c(list(name = l), avg_cure(which(co$sex == l))))
write_fixture("study-long-term", "cure",
  call = paste("optim(theta0, loglik, grad, method = 'BFGS', control = list(fnscale = -1, reltol = 1e-14)) + 5 Newton steps;",
               "P(uncured) = expit(g0 + g sexmale), S_u = exp(-(lambda exp(b1 age + b2 sexmale) t)^alpha); colon, etype == 1"),
  input = list(file = "colon.csv", incidence = "~ sex", latency = "~ age + sex"),
  expected = list(names = c(colnames(Z), colnames(Xl), "log(lambda)", "log(alpha)"), theta = unname(th), se = unname(sqrt(diag(V))),
                  loglik = wb_loglik(th), max_abs_gradient = max(abs(wb_grad(th))), optim_convergence = o$convergence,
                  overall = c(list(name = "All patients"), avg_cure(seq_len(nrow(co)))), groups = groups),
  packages = pkgs,
  note = "mgus2 (progression or death) has no plateau (incidence intercept diverges), so the cure model uses survival::colon recurrence")
