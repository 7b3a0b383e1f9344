# Oracle for src/report/table1.ts: Table 1 numbers in base R (mean, sd, median, quantile type 7, table,
# t.test, wilcox.test, chisq.test, fisher.test), survey::svyquantile(qrule = "math") for weighted quantiles,
# and cobalt's SMD definitions (not in Debian: restated as in tools/oracle/balance.R) for the SMDs.
# Data: MatchIt's lalonde (treat) and examples/lms-metastasectomy/cohort.csv (metastasectomy).
# Run: Rscript tools/oracle/table1.R
args <- commandArgs(trailingOnly = FALSE); here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)]))); source(file.path(here, "common.R"))
suppressPackageStartupMessages(library(survey))
data("lalonde", package = "MatchIt")
root <- oracle_root()

# cobalt:::col.w.v (weighted variance; binary p(1 - p)) and the pooled unadjusted SD denominator (ATE)
wvar <- function(x, w, binary) { w <- w / sum(w); m <- sum(w * x); if (binary) m * (1 - m) else sum(w * (x - m)^2) / (1 - sum(w^2)) }
wmean <- function(x, w) sum(w * x) / sum(w)
skew <- function(x) { m <- mean(x); m2 <- mean((x - m)^2); m3 <- mean((x - m)^3); m3 / m2^1.5 }
# Yang & Dalton's multivariate SMD; S from the UNADJUSTED proportions q1, q0 (cobalt's rule for sigma: the same
# denominator before and after adjustment), the multinomial covariances averaged as for the pooled SD
yang_dalton <- function(p1, p0, q1 = p1, q0 = p0) {
  p1 <- p1[-1]; p0 <- p0[-1]; q1 <- q1[-1]; q0 <- q0[-1]
  S <- (diag(q1, length(q1)) - q1 %*% t(q1) + diag(q0, length(q0)) - q0 %*% t(q0)) / 2
  sqrt(drop(t(p1 - p0) %*% solve(S) %*% (p1 - p0)))
}
# survey's weighted quantile: svyquantile(~x, design, p, qrule = "math") within one group
wquant <- function(x, w, p) {
  ok <- !is.na(x) & w > 0
  d <- svydesign(ids = ~1, weights = ~ww, data = data.frame(x = x[ok], ww = w[ok]))
  q <- svyquantile(~x, d, p, qrule = "math", ci = FALSE)
  as.numeric(coef(q))
}

cont_stats <- function(x, w, weighted) {
  present <- w > 0
  x <- x[present]; w <- w[present]
  ok <- !is.na(x)
  if (!weighted) {
    xs <- x[ok]
    q <- unname(quantile(xs, c(0.25, 0.75), type = 7))
    list(n = length(xs), missing = sum(!ok), mean = mean(xs), sd = sd(xs), median = median(xs), q1 = q[1], q3 = q[2])
  } else {
    xs <- x[ok]; ws <- w[ok]
    q <- wquant(xs, ws, c(0.25, 0.5, 0.75))
    list(n = length(xs), missing = sum(!ok), mean = wmean(xs, ws), sd = sqrt(wvar(xs, ws, FALSE)), median = q[2], q1 = q[1], q3 = q[3])
  }
}

# spec: list(name, kind, summary, cutoff); returns the expected row
expected_row <- function(df, g, w, spec, weighted) {
  x <- df[[spec$name]]
  kind <- spec$kind
  if (!is.null(spec$cutoff)) { x <- factor(ifelse(is.na(x), NA, ifelse(x > spec$cutoff, "> c", "<= c")), levels = c("<= c", "> c")); kind <- "categorical" }
  if (kind == "continuous") {
    sk <- skew(x[!is.na(x)])
    summary <- if (is.null(spec$summary) || spec$summary == "auto") (if (abs(sk) > 1) "median" else "mean") else spec$summary
    groups <- list(cont_stats(x[g == 0], w[g == 0], weighted), cont_stats(x[g == 1], w[g == 1], weighted), cont_stats(x, w, weighted))
    p <- NULL; test <- NULL
    if (!weighted) {
      x0 <- x[g == 0 & !is.na(x)]; x1 <- x[g == 1 & !is.na(x)]
      if (summary == "mean") { p <- t.test(x0, x1)$p.value; test <- "welch-t" } else { p <- suppressWarnings(wilcox.test(x0, x1))$p.value; test <- "wilcoxon" }
    }
    ok <- !is.na(x)
    b <- length(unique(x[ok])) == 2
    xx <- if (b) as.numeric(x[ok] != (if (0 %in% x[ok]) 0 else min(x[ok]))) else x[ok]
    gg <- g[ok]; ww <- w[ok]
    diff <- wmean(xx[gg == 1], ww[gg == 1]) - wmean(xx[gg == 0], ww[gg == 0])
    smd <- if (b) diff else diff / sqrt((wvar(xx[gg == 1], rep(1, sum(gg == 1)), FALSE) + wvar(xx[gg == 0], rep(1, sum(gg == 0)), FALSE)) / 2)
    return(list(kind = "continuous", variable = spec$name, summary = summary, skewness = sk, groups = groups, test = test, p = p, smd = smd))
  }
  f <- if (is.factor(x)) x else factor(x)
  lev <- levels(f)
  present <- w > 0
  cnt <- function(sel) sapply(lev, function(l) sum(w[sel & present & !is.na(f) & f == l]))
  counts <- list(cnt(g == 0), cnt(g == 1), cnt(rep(TRUE, length(g))))
  levels_out <- lapply(seq_along(lev), function(l) {
    p1 <- counts[[2]][l] / sum(counts[[2]]); p0 <- counts[[1]][l] / sum(counts[[1]])
    smd <- if (length(lev) == 2 && l == 1) NULL else p1 - p0   # cobalt binary = "raw"
    list(level = lev[l], counts = unname(sapply(counts, function(cc) cc[l])),
         percents = unname(sapply(counts, function(cc) 100 * cc[l] / sum(cc))), smd = unname(smd))
  })
  missing <- c(sum(is.na(f) & g == 0 & present), sum(is.na(f) & g == 1 & present), sum(is.na(f) & present))
  p <- NULL; test <- NULL; minE <- NULL
  if (!weighted) {
    tab <- table(droplevels(f), g)
    cs <- suppressWarnings(chisq.test(tab))
    minE <- min(cs$expected)
    if (minE < 5) { p <- fisher.test(tab)$p.value; test <- "fisher" }
    else { p <- cs$p.value; test <- if (nrow(tab) == 2) "chisq-yates" else "chisq" }
  }
  P1 <- counts[[2]] / sum(counts[[2]]); P0 <- counts[[1]] / sum(counts[[1]])
  ucnt <- function(sel) sapply(lev, function(l) sum(sel & !is.na(f) & f == l))
  U1 <- ucnt(g == 1) / sum(ucnt(g == 1)); U0 <- ucnt(g == 0) / sum(ucnt(g == 0))
  smd <- if (length(lev) == 2) unname(P1[2] - P0[2]) else yang_dalton(P1, P0, U1, U0)
  list(kind = "categorical", variable = spec$name, levels = levels_out, missing = missing, test = test, p = p, minExpected = minE, smd = smd)
}

col_input <- function(df, specs) {
  nm <- unique(sapply(specs, function(s) s$name))
  lapply(nm, function(v) {
    x <- df[[v]]
    if (is.numeric(x)) list(name = v, kind = "numeric", values = x)
    else { f <- factor(x); list(name = v, kind = "categorical", levels = levels(f), labels = as.character(f)) }
  })
}

t1_case <- function(name, df, g, levels, specs, w, wname, call, note) {
  weighted <- !is.null(w)
  ww <- if (weighted) w else rep(1, length(g))
  grp <- function(sel, nm) list(name = nm, n = sum(sel & ww > 0), sumWeights = sum(ww[sel]), ess = sum(ww[sel])^2 / sum(ww[sel]^2))
  expected <- list(groups = list(grp(g == 0, levels[1]), grp(g == 1, levels[2]), grp(rep(TRUE, length(g)), "Overall")),
                   rows = lapply(specs, function(s) expected_row(df, g, ww, s, weighted)))
  write_fixture("table1", name, call,
                input = list(data = list(columns = col_input(df, specs)), by = list(codes = g, levels = levels), variables = specs, weights = w),
                expected = expected, packages = c("stats", "MatchIt", "survey"), note = note)
}

ll_specs <- list(list(name = "age", kind = "continuous", summary = "auto"),
                 list(name = "age", kind = "categorical", cutoff = 30),
                 list(name = "educ", kind = "continuous", summary = "mean"),
                 list(name = "race", kind = "categorical"),
                 list(name = "married", kind = "categorical"),
                 list(name = "nodegree", kind = "categorical"),
                 list(name = "re74", kind = "continuous", summary = "auto"),
                 list(name = "re75", kind = "continuous", summary = "median"))
ll <- lalonde
ll$race <- as.character(ll$race)
ps <- unname(fitted(glm(treat ~ age + educ + race + married + nodegree + re74 + re75, data = lalonde, family = binomial)))
w_ate <- ifelse(lalonde$treat == 1, 1 / ps, 1 / (1 - ps))
w_match <- as.numeric(ps >= 0.15 & ps <= 0.85)
note <- "base R summaries and tests; SMD as cobalt::bal.tab(estimand = \"ATE\", binary = \"raw\") restated in base R (cobalt not in Debian); multi-level SMD by Yang & Dalton with the covariance of the unadjusted sample (the same before and after weighting); weighted quantiles survey::svyquantile(qrule = \"math\")"
t1_case("lalonde", ll, lalonde$treat, c("control", "treated"), ll_specs, NULL, NULL,
        "Table 1 of lalonde by treat: mean/sd/median/quantile(type = 7), t.test, wilcox.test, chisq.test or fisher.test (any expected < 5)", note)
t1_case("lalonde-iptw", ll, lalonde$treat, c("control", "treated"), ll_specs, w_ate, "ATE",
        "weighted Table 1 of lalonde, w = 1/ps or 1/(1 - ps), ps = fitted(glm(treat ~ age + educ + race + married + nodegree + re74 + re75, binomial))", note)
t1_case("lalonde-trimmed", ll, lalonde$treat, c("control", "treated"), ll_specs, w_match, "0/1",
        "Table 1 of the lalonde subsample with 0.15 <= ps <= 0.85 (0/1 weights, as a matched sample)", note)

lms <- read.csv(file.path(root, "examples", "lms-metastasectomy", "cohort.csv"), stringsAsFactors = FALSE)
g_lms <- as.integer(lms$metastasectomy == "yes")
lms_specs <- list(list(name = "age_primary", kind = "continuous"),
                  list(name = "sex", kind = "categorical"),
                  list(name = "primary_size_mm", kind = "continuous"),
                  list(name = "n_lung_mets", kind = "continuous"),
                  list(name = "timing", kind = "categorical"),
                  list(name = "grade", kind = "categorical"))
t1_case("lms", lms, g_lms, c("no", "yes"), lms_specs, NULL, NULL,
        "Table 1 of examples/lms-metastasectomy/cohort.csv by metastasectomy (summary auto: median when |skewness| > 1)", note)
ps_lms <- unname(fitted(glm(metastasectomy == "yes" ~ age_primary + n_lung_mets + timing, data = lms, family = binomial)))
w_lms <- ifelse(g_lms == 1, 1 / ps_lms, 1 / (1 - ps_lms))
t1_case("lms-iptw", lms, g_lms, c("no", "yes"), lms_specs, w_lms, "ATE",
        "weighted Table 1 of the lms cohort, ATE weights from glm(metastasectomy ~ age_primary + n_lung_mets + timing, binomial)", note)
cat("table1 fixtures written\n")
