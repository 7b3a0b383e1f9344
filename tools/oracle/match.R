# Fixtures for nearest-neighbour propensity-score matching (survinfer matchNearest).
# Rscript tools/oracle/match.R  ->  test/fixtures/r/match/{lalonde,sim-ties}.json
#
# Expected matched sets come from MatchIt 4.5.x's algorithm stated in plain R (match-nn.R), because
# Debian's MatchIt 4.5.1 binary is wrong for vector distances (integer abs(): every PS difference is 0).
# Matching weights come from MatchIt's own C++ (MatchIt:::weights.matrix, unaffected by the bug)
# applied to those sets. For each case the fixture also records what Debian's matchit() returns on the
# same data and options (debian.sameSets, debian.nTreatedDifferent): the Mahalanobis cases go through
# MatchIt's other matcher (nn_matchC, which uses Rcpp's double abs) and must agree; the vector-distance
# cases with a caliper or a non-trivial neighbour choice disagree, showing the bug.
args <- commandArgs(trailingOnly = FALSE); here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)]))); source(file.path(here, "common.R"))
source(file.path(here, "match-nn.R"))
suppressPackageStartupMessages(library(MatchIt))

# One case: run the plain-R algorithm, MatchIt's weights, and Debian's matchit() for comparison.
run_case <- function(name, treat, ps, data, opts, mahvars = NULL, exact_var = NULL) {
  dist <- if (opts$distance == "logit") qlogis(ps) else ps
  names(treat) <- rownames(data)
  cal <- NULL
  if (!is.null(opts$caliper)) cal <- if (opts$stdCaliper) opts$caliper * sd(dist) else opts$caliper
  ex <- if (is.null(exact_var)) NULL else data[[exact_var]]
  mm <- if (is.null(mahvars)) {
    nn_match_vec_45(treat, dist, opts$ratio, opts$replace, cal, opts$order, ex)
  } else {
    nn_match_mah_45(treat, dist, data[, mahvars], opts$ratio, opts$replace, cal, opts$order, ex)
  }
  w <- as.numeric(MatchIt:::weights.matrix(mm, treat))
  ids <- rownames(data)
  sets <- list(); unmatched <- character(0)
  for (i in seq_len(nrow(mm))) {
    ctl <- mm[i, !is.na(mm[i, ])]
    if (length(ctl) == 0) unmatched <- c(unmatched, rownames(mm)[i])
    else sets[[length(sets) + 1]] <- list(treated = rownames(mm)[i], controls = I(ids[ctl]))
  }
  # Debian's MatchIt on the same inputs
  args <- list(formula = treat ~ age + educ + race + married + nodegree + re74 + re75, data = data,
               distance = dist, method = "nearest", ratio = opts$ratio, replace = opts$replace,
               m.order = opts$order)
  if (!is.null(opts$caliper)) { args$caliper <- opts$caliper; args$std.caliper <- opts$stdCaliper }
  if (!is.null(exact_var)) args$exact <- reformulate(exact_var)
  if (!is.null(mahvars)) args$mahvars <- reformulate(mahvars)
  deb <- suppressWarnings(do.call(matchit, args))
  dmm <- deb$match.matrix
  key <- function(v) paste(sort(v[!is.na(v)]), collapse = ",")
  ours <- vapply(seq_len(nrow(mm)), function(i) key(ids[mm[i, ]]), "")
  theirs <- vapply(seq_len(nrow(dmm)), function(i) key(dmm[i, ]), "")
  ndiff <- sum(ours != theirs[match(rownames(mm), rownames(dmm))])
  # the same statement with Debian's two slips (integer abs(), off-by-one row test) must reproduce its binary
  bug_reproduced <- NA
  if (is.null(mahvars)) {
    mmb <- nn_match_vec_45(treat, dist, opts$ratio, opts$replace, cal, opts$order, ex,
                           absfun = function(x) trunc(abs(x)), row_off_by_one = TRUE)
    bug <- vapply(seq_len(nrow(mmb)), function(i) key(ids[mmb[i, ]]), "")
    bug_reproduced <- all(bug == theirs[match(rownames(mmb), rownames(dmm))])
  }
  list(name = name,
       options = c(opts, list(exact = !is.null(exact_var), mahalanobis = !is.null(mahvars))),
       caliperWidth = if (is.null(cal)) NULL else cal,
       sets = sets, unmatched = I(unmatched), weights = w,
       debian = list(sameSets = ndiff == 0, nTreatedDifferent = ndiff, reproducedBySlips = bug_reproduced))
}

opt <- function(distance = "ps", ratio = 1L, replace = FALSE, caliper = NULL, stdCaliper = TRUE, order = "largest") {
  o <- list(distance = distance, ratio = ratio, replace = replace, stdCaliper = stdCaliper, order = order)
  if (!is.null(caliper)) o$caliper <- caliper
  o
}

grid_cases <- function(treat, ps, data) {
  cases <- list()
  for (distance in c("ps", "logit")) for (ratio in 1:2) for (replace in c(FALSE, TRUE))
    for (cal in list(NULL, c(0.2, 1), c(0.1, 0))) {
      orders <- if (replace) "data" else c("largest", "smallest", "data")
      for (order in orders) {
        o <- opt(distance, ratio, replace, if (is.null(cal)) NULL else cal[1], if (is.null(cal)) TRUE else cal[2] == 1, order)
        nm <- sprintf("%s-ratio%d-%s-%s-%s", distance, ratio, if (replace) "replace" else "noreplace",
                      if (is.null(cal)) "nocaliper" else sprintf("caliper%s%s", cal[1], if (cal[2] == 1) "sd" else "raw"), order)
        cases[[length(cases) + 1]] <- run_case(nm, treat, ps, data, o)
      }
    }
  cases
}

# ---- lalonde -------------------------------------------------------------------------------------
data("lalonde", package = "MatchIt")
fit <- glm(treat ~ age + educ + race + married + nodegree + re74 + re75, family = binomial, data = lalonde)
# rounded to 15 significant digits so that the JSON input is exactly the vector R matched on
ps <- signif(unname(fitted(fit)), 15)
treat <- lalonde$treat
cases <- grid_cases(treat, ps, lalonde)
cases[[length(cases) + 1]] <- run_case("ps-ratio1-noreplace-caliper0.2sd-largest-exact-married", treat, ps, lalonde, opt(caliper = 0.2), exact_var = "married")
cases[[length(cases) + 1]] <- run_case("ps-ratio2-noreplace-nocaliper-largest-exact-married", treat, ps, lalonde, opt(ratio = 2L), exact_var = "married")
cases[[length(cases) + 1]] <- run_case("logit-ratio1-replace-caliper0.2sd-data-exact-married", treat, ps, lalonde, opt("logit", replace = TRUE, caliper = 0.2, order = "data"), exact_var = "married")
mah <- c("age", "educ", "re74", "re75")
cases[[length(cases) + 1]] <- run_case("mahalanobis-ratio1-noreplace-pscaliper0.2sd-largest", treat, ps, lalonde, opt(caliper = 0.2), mahvars = mah)
cases[[length(cases) + 1]] <- run_case("mahalanobis-ratio2-noreplace-pscaliper0.1sd-smallest", treat, ps, lalonde, opt(ratio = 2L, caliper = 0.1, order = "smallest"), mahvars = mah)
cases[[length(cases) + 1]] <- run_case("mahalanobis-ratio1-noreplace-nocaliper-data", treat, ps, lalonde, opt(order = "data"), mahvars = mah)
cases[[length(cases) + 1]] <- run_case("mahalanobis-ratio1-replace-pscaliper0.2sd-data", treat, ps, lalonde, opt(replace = TRUE, caliper = 0.2, order = "data"), mahvars = mah)
cases[[length(cases) + 1]] <- run_case("mahalanobis-ratio1-noreplace-pscaliper0.2sd-largest-exact-married", treat, ps, lalonde, opt(caliper = 0.2), mahvars = mah, exact_var = "married")

nd <- sum(!vapply(cases, function(c) c$debian$sameSets, TRUE))
write_fixture("match", "lalonde",
  call = paste("ps <- fitted(glm(treat ~ age + educ + race + married + nodegree + re74 + re75, binomial, data = lalonde));",
               "sets: MatchIt 4.5.x nearest-neighbour algorithm in plain R (tools/oracle/match-nn.R);",
               "weights: MatchIt:::weights.matrix(mm, treat); comparison: matchit(treat ~ ..., data = lalonde,",
               "distance = ps or qlogis(ps), method = 'nearest', ratio, replace, caliper, std.caliper, m.order, exact = ~married, mahvars = ~age + educ + re74 + re75)"),
  input = list(ids = rownames(lalonde), treat = treat, ps = ps, married = lalonde$married,
               mahalanobis = list(columns = mah, x = as.vector(t(as.matrix(lalonde[, mah]))))),
  expected = list(cases = cases),
  packages = c("MatchIt"),
  note = sprintf(paste("Debian's MatchIt 4.5.1 matchit() gives different matched sets from the 4.5.x algorithm in %d of %d cases",
                       "(integer abs() in nn_matchC_vec makes every PS difference 0; see each case's debian.nTreatedDifferent).",
                       "A second slip in 4.5.1's nn_matchC_vec: for ratio > 1 its 'already matched to this unit' test compares a 0-based",
                       "with 1-based indices (it skips the control in the next data row, and with replacement lets one control fill",
                       "both slots of a treated unit). match-nn.R with both slips switched on reproduces Debian's sets in every",
                       "vector-distance case (debian.reproducedBySlips = true); the expected sets use the intended rules.",
                       "The Mahalanobis cases use MatchIt's nn_matchC, which is not affected, and agree, except",
                       "mahalanobis-ratio1-replace-pscaliper0.2sd-data for 1 treated unit (NSW89): PSID383 and PSID407 are at exactly",
                       "the same Mahalanobis distance (differences d and -d); MatchIt's transformed coordinates break that tie by",
                       "floating-point noise (PSID407), the plain-R statement (and survinfer) takes the first in data order (PSID383).",
                       "Without that tie rule a similar exact tie (NSW58: PSID415 vs PSID420) also appears in the no-caliper case."),
                 nd, length(cases)))

# ---- simulated cohort with ties in the propensity score ------------------------------------------
set.seed(20240605)
n <- 240
sim <- data.frame(sex = rbinom(n, 1, 0.5), agegrp = sample(0:2, n, replace = TRUE), stage = rbinom(n, 1, 0.4))
sim$treat <- rbinom(n, 1, plogis(-1.2 + 0.8 * sim$sex + 0.5 * sim$agegrp - 0.7 * sim$stage))
rownames(sim) <- sprintf("P%03d", seq_len(n))
fit2 <- glm(treat ~ sex + factor(agegrp) + stage, family = binomial, data = sim)
ps2 <- signif(unname(fitted(fit2)), 15)
# the comparison formula names lalonde's variables; give the simulated data stand-ins
sim2 <- within(sim, { age <- agegrp; educ <- stage; race <- factor(sex); married <- sex; nodegree <- stage; re74 <- agegrp; re75 <- stage })
cases2 <- grid_cases(sim$treat, ps2, sim2)
write_fixture("match", "sim-ties",
  call = paste("set.seed(20240605); 240 patients, sex ~ Bin(0.5), agegrp ~ U{0,1,2}, stage ~ Bin(0.4); ps <- fitted(glm(treat ~ sex + factor(agegrp) + stage, binomial))",
               "(12 distinct scores, so many exact ties); sets: tools/oracle/match-nn.R; weights: MatchIt:::weights.matrix"),
  input = list(ids = rownames(sim), treat = sim$treat, ps = ps2),
  expected = list(cases = cases2),
  packages = c("MatchIt"),
  note = sprintf("Debian's MatchIt 4.5.1 gives different matched sets in %d of %d cases (integer abs() bug; for ratio 2 also its off-by-one row test); match-nn.R with both slips reproduces Debian's sets in every case (debian.reproducedBySlips).",
                 sum(!vapply(cases2, function(c) c$debian$sameSets, TRUE)), length(cases2)))
