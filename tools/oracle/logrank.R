# Log-rank family fixtures: survival::survdiff (G-rho, k groups, stratified), the log-rank test for
# trend and the hazard ratio "from the log-rank" (both written in base R from survdiff's output).
# Run: Rscript tools/oracle/logrank.R  -> test/fixtures/r/logrank/*.json
args <- commandArgs(trailingOnly = FALSE); here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)]))); source(file.path(here, "common.R"))
suppressPackageStartupMessages(library(survival))

# codes: 0-based factor codes, -1 for NA (what survinfer's categorical columns hold)
codes <- function(f) { x <- as.integer(f) - 1L; x[is.na(x)] <- -1L; x }

# One fixture. time/status (0/1) vectors, group and strata as factors (NA allowed).
logrank_case <- function(name, time, status, group, strata = NULL, rho = 0, scores = NULL, note = NULL,
                         call_text) {
  d <- data.frame(time = time, status = status, group = group)
  if (!is.null(strata)) d$strata <- strata
  fml <- if (is.null(strata)) Surv(time, status) ~ group else Surv(time, status) ~ group + strata(strata)
  fit <- survdiff(fml, data = d, rho = rho)
  o <- fit$obs; e <- fit$exp
  otmp <- if (is.matrix(o)) rowSums(o) else o
  etmp <- if (is.matrix(e)) rowSums(e) else e
  df <- sum(etmp > 0) - 1
  expected <- list(
    n = as.numeric(fit$n), groupNames = sub("^group=", "", names(fit$n)),
    observed = otmp, expected = etmp, var = fit$var, chisq = fit$chisq, df = df, p = fit$pvalue)
  if (is.matrix(o)) {
    expected$observedByStratum <- t(o)  # one row per stratum
    expected$expectedByStratum <- t(e)
    expected$strataNames <- names(fit$strata)
    expected$strataN <- as.numeric(fit$strata)
  }
  # Hazard ratio from the log-rank (two groups, rho = 0): group 2 vs group 1.
  if (length(otmp) == 2 && rho == 0) {
    z <- qnorm(0.975)
    lhr <- log((otmp[2] / etmp[2]) / (otmp[1] / etmp[1]))
    se <- sqrt(1 / etmp[1] + 1 / etmp[2])
    v <- fit$var[2, 2]
    lp <- (otmp[2] - etmp[2]) / v
    expected$hazardRatio <- list(
      observedExpectedRatio = c(exp(lhr), exp(lhr - z * se), exp(lhr + z * se)),
      peto = c(exp(lp), exp(lp - z / sqrt(v)), exp(lp + z / sqrt(v))))
  }
  # Log-rank test for trend: (sum s (O - E))^2 / (s' V s), 1 df; scores default 1..k.
  if (!is.null(scores)) {
    s <- scores
    u <- sum(s * (otmp - etmp))
    vt <- drop(t(s) %*% fit$var %*% s)
    expected$trend <- list(scores = s, statistic = u, variance = vt, chisq = u^2 / vt,
                           p = pchisq(u^2 / vt, 1, lower.tail = FALSE))
  }
  input <- list(time = time, status = status, group = codes(group), groupLevels = levels(group), rho = rho)
  if (!is.null(strata)) { input$strata <- codes(strata); input$strataLevels <- levels(strata) }
  write_fixture("logrank", name, call = call_text, input = input, expected = expected, note = note)
}

lung0 <- survival::lung
lung0$status01 <- lung0$status - 1L
for (rho in c(0, 1, 0.5)) {
  tag <- if (rho == 0) "" else paste0("-rho", sub("\\.", "", format(rho)))
  logrank_case(paste0("lung-sex", tag), lung0$time, lung0$status01, factor(lung0$sex),
               rho = rho, call_text = sprintf("survdiff(Surv(time, status) ~ sex, data = lung, rho = %s)", rho))
}
logrank_case("lung-ecog", lung0$time, lung0$status01, factor(lung0$ph.ecog), scores = 1:4,
             note = "ph.ecog has one NA (omitted) and level 3 has a single subject; trend scores 1..4",
             call_text = "survdiff(Surv(time, status) ~ ph.ecog, data = lung); trend from $obs, $exp, $var")
logrank_case("lung-ecog-rho1", lung0$time, lung0$status01, factor(lung0$ph.ecog), rho = 1, scores = c(0, 1, 2, 3),
             call_text = "survdiff(Surv(time, status) ~ ph.ecog, data = lung, rho = 1); trend scores 0..3")
logrank_case("lung-sex-strata-ecog", lung0$time, lung0$status01, factor(lung0$sex), strata = factor(lung0$ph.ecog),
             call_text = "survdiff(Surv(time, status) ~ sex + strata(ph.ecog), data = lung)")

vet <- survival::veteran
logrank_case("veteran-trt", vet$time, vet$status, factor(vet$trt),
             call_text = "survdiff(Surv(time, status) ~ trt, data = veteran)")
logrank_case("veteran-celltype", vet$time, vet$status, vet$celltype, scores = 1:4,
             call_text = "survdiff(Surv(time, status) ~ celltype, data = veteran)")
logrank_case("veteran-celltype-rho1", vet$time, vet$status, vet$celltype, rho = 1,
             call_text = "survdiff(Surv(time, status) ~ celltype, data = veteran, rho = 1)")
logrank_case("veteran-trt-strata-celltype", vet$time, vet$status, factor(vet$trt), strata = vet$celltype,
             call_text = "survdiff(Surv(time, status) ~ trt + strata(celltype), data = veteran)")
logrank_case("veteran-trt-strata-celltype-rho05", vet$time, vet$status, factor(vet$trt), strata = vet$celltype, rho = 0.5,
             call_text = "survdiff(Surv(time, status) ~ trt + strata(celltype), data = veteran, rho = 0.5)")

ov <- survival::ovarian
logrank_case("ovarian-rx", ov$futime, ov$fustat, factor(ov$rx),
             call_text = "survdiff(Surv(futime, fustat) ~ rx, data = ovarian)")
logrank_case("ovarian-rx-strata-resid", ov$futime, ov$fustat, factor(ov$rx), strata = factor(ov$resid.ds),
             call_text = "survdiff(Surv(futime, fustat) ~ rx + strata(resid.ds), data = ovarian)")
aml0 <- survival::aml
logrank_case("aml-x", aml0$time, aml0$status, aml0$x,
             call_text = "survdiff(Surv(time, status) ~ x, data = aml)")
logrank_case("aml-x-rho1", aml0$time, aml0$status, aml0$x, rho = 1,
             call_text = "survdiff(Surv(time, status) ~ x, data = aml, rho = 1)")

# Synthetic edge cases.
# Ties of events and censorings at one time, in both groups.
tt <- c(2, 2, 2, 3, 3, 5, 5, 5, 5, 7, 8, 8, 9, 9, 12)
ss <- c(1, 1, 0, 1, 0, 1, 1, 0, 0, 1, 1, 0, 1, 0, 0)
gg <- factor(c("a", "b", "b", "a", "b", "a", "b", "a", "b", "b", "a", "a", "b", "a", "b"))
logrank_case("tied-events-censorings", tt, ss, gg, scores = 1:2,
             call_text = "survdiff(Surv(time, status) ~ group, data = d) on synthetic ties")
# A stratum with no events.
st <- factor(c(rep("s1", 10), rep("s2", 5)))
ss2 <- ss; ss2[11:15] <- 0
logrank_case("stratum-without-events", tt, ss2, gg, strata = st,
             note = "stratum s2 has no events",
             call_text = "survdiff(Surv(time, status) ~ group + strata(strata), data = d)")
# A group with no events (three groups; group c never has an event).
g3 <- factor(c("a", "b", "c", "a", "b", "c", "a", "b", "c", "a", "b", "c", "a", "b", "c"))
ss3 <- ss; ss3[g3 == "c"] <- 0
logrank_case("group-without-events", tt, ss3, g3, scores = c(1, 2, 3),
             call_text = "survdiff(Surv(time, status) ~ group, data = d); group c has no events")
# Times equal up to rounding (timefix): 0.3 + 1e-10 ties with 0.3, 0.7 + 3e-9 with 0.7 (relative
# differences below sqrt(eps); chosen so that the 15-digit JSON keeps the difference).
tf <- c(0.3 + 1e-10, 0.3, 0.3, 0.5, 0.7, 0.7 + 3e-9, 0.9, 1.1)
logrank_case("timefix-near-ties", tf, c(1, 1, 0, 1, 1, 1, 0, 1), factor(c(1, 2, 1, 2, 1, 2, 1, 2)),
             call_text = "survdiff(Surv(time, status) ~ group, data = d) with near-tied times 0.3 + 1e-10 and 0.3 (timefix = TRUE)")
# Many groups (10) with ties, seeded.
set.seed(20240601)
nm <- 400
gm <- factor(sample(sprintf("g%02d", 1:10), nm, replace = TRUE))
tm <- round(rexp(nm, rate = 0.1 * (1 + as.integer(gm) / 10)), 1)
cm <- round(runif(nm, 0, 25), 1)
logrank_case("many-groups", pmin(tm, cm), as.integer(tm <= cm), gm, scores = 1:10,
             call_text = "survdiff(Surv(time, status) ~ group, data = d) on 10 simulated groups (set.seed(20240601))")
logrank_case("many-groups-rho1", pmin(tm, cm), as.integer(tm <= cm), gm, rho = 1,
             call_text = "survdiff(Surv(time, status) ~ group, data = d, rho = 1) on 10 simulated groups")
# Event at time 0 and a single subject in one group.
logrank_case("zero-time-single-subject", c(0, 1, 2, 2, 4, 6, 3), c(1, 1, 0, 1, 1, 0, 1), factor(c("x", "x", "x", "x", "x", "x", "y")),
             call_text = "survdiff(Surv(time, status) ~ group, data = d) with an event at time 0 and group y of one subject")
