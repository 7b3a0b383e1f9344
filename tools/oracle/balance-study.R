# Oracle for the example study's covariate balance (issue 13: one SMD convention per comparison).
# cobalt is not packaged for Debian bookworm: the definitions used (bal.tab with s.d.denom = "pooled"
# from the UNADJUSTED sample, binary = "std" (Austin 2009: p(1 - p)) or "raw", col_w_vr, col_w_ks)
# are written in base R here; matching is MatchIt 4.5.x's nearest-neighbour algorithm in plain R
# (tools/oracle/match-nn.R; Debian's MatchIt 4.5.1 is wrong for PS distances, see design.md).
# Sample: complete cases of the six propensity covariates of examples/lms-metastasectomy (n = 56).
# Run: Rscript tools/oracle/balance-study.R
args <- commandArgs(trailingOnly = FALSE); here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)]))); source(file.path(here, "common.R"))
source(file.path(here, "match-nn.R"))
d <- example_os_cohort()
d$treat <- as.integer(d$metastasectomy == "yes")
d$sex <- relevel(factor(d$sex), ref = "female")
d$timing <- relevel(factor(d$timing), ref = "metachronous")
d$grade <- relevel(factor(d$grade), ref = "1")
covs <- c("age_primary", "sex", "primary_size_mm", "n_lung_mets", "timing", "grade")
cc <- d[complete.cases(d[, covs]), ]
a <- cc$treat
ps <- unname(fitted(glm(treat ~ age_primary + sex + primary_size_mm + n_lung_mets + timing + grade, family = binomial, data = cc)))
# stabilised ATE weights (the example's weighting), and 1:1 nearest-neighbour matching on the logit, caliper 0.2 SD, largest first
pi1 <- mean(a)
w_ate <- ifelse(a == 1, pi1 / ps, (1 - pi1) / (1 - ps))
treat <- a; names(treat) <- as.character(cc$patient_id)
dist <- qlogis(ps)
mm <- nn_match_vec_45(treat, dist, 1L, FALSE, 0.2 * sd(dist), "largest")
w_match <- as.numeric(MatchIt:::weights.matrix(mm, treat))

# balance terms as survinfer/cobalt build them: numeric columns; a two-level factor as its second level
# (levels sorted as R's factor(): female < male, metachronous < synchronous); a 3-level factor, every level
C <- cbind(age_primary = cc$age_primary, sex_male = as.numeric(cc$sex == "male"), primary_size_mm = cc$primary_size_mm,
           n_lung_mets = cc$n_lung_mets, timing_synchronous = as.numeric(cc$timing == "synchronous"),
           grade_1 = as.numeric(cc$grade == "1"), grade_2 = as.numeric(cc$grade == "2"), grade_3 = as.numeric(cc$grade == "3"))
bin <- apply(C, 2, function(x) length(unique(x)) == 2)
wmean <- function(x, w) sum(w * x) / sum(w)
# cobalt:::col.w.v: binary p(1 - p); continuous sum(w~ (x - m)^2) / (1 - sum(w~^2)), w~ = w / sum(w)
wvar <- function(x, w, binary) { w <- w / sum(w); m <- sum(w * x); if (binary) m * (1 - m) else sum(w * (x - m)^2) / (1 - sum(w^2)) }
wks <- function(x, a, w, binary) {
  if (binary) return(abs(wmean(x[a == 1], w[a == 1]) - wmean(x[a == 0], w[a == 0])))
  ww <- ifelse(a == 1, w / sum(w[a == 1]), -w / sum(w[a == 0]))
  o <- order(x)
  max(abs(cumsum(ww[o]))[c(diff(x[o]) != 0, TRUE)])
}
rows <- function(w, binary_mode) {
  lapply(colnames(C), function(v) {
    x <- C[, v]; b <- bin[[v]]
    one <- rep(1, length(x))
    # pooled SD of the UNADJUSTED sample, the same for every weight vector
    sigma <- sqrt((wvar(x[a == 1], one[a == 1], b) + wvar(x[a == 0], one[a == 0], b)) / 2)
    diff <- wmean(x[a == 1], w[a == 1]) - wmean(x[a == 0], w[a == 0])
    std <- if (b) binary_mode == "std" else TRUE
    smd <- if (std && abs(diff) >= sqrt(.Machine$double.eps)) diff / sigma else diff
    vr <- if (b) NA_real_ else wvar(x[a == 1], w[a == 1], FALSE) / wvar(x[a == 0], w[a == 0], FALSE)
    list(variable = v, smd = smd, varianceRatio = vr, ks = wks(x, a, w, b))
  })
}
for (mode in c("std", "raw")) {
  write_fixture("balance-study", paste0("example-study-binary-", mode),
    sprintf("cobalt::bal.tab(treat ~ %s, data = cc, weights = list(matched = w_match, iptw = w_ate), s.d.denom = \"pooled\", binary = \"%s\", stats = c(\"m\", \"v\", \"ks\"), un = TRUE)", paste(covs, collapse = " + "), mode),
    input = list(n = nrow(cc), nTreated = sum(a), patientIds = cc$patient_id, matchedIds = cc$patient_id[w_match > 0], binary = mode),
    expected = list(before = rows(rep(1, length(a)), mode), matched = rows(w_match, mode), weighted = rows(w_ate, mode)),
    packages = c("stats", "MatchIt"),
    note = "cobalt not in Debian: its definitions in base R (tools/oracle/balance-study.R); matching: MatchIt 4.5.x nearest neighbour in plain R (match-nn.R), logit PS, caliper 0.2 SD, largest first; weights: stabilised ATE; sample: complete cases of the six covariates")
}
cat("balance-study fixtures written\n")
