# Oracle for src/causal/weight.ts. WeightIt is not packaged for Debian bookworm, so its published
# definitions (get_w_from_ps(), stabilize_w(), trim() / .trim_weights(), ESS()) are written here in base R.
# PS from glm(treat ~ age + educ + race + married + nodegree + re74 + re75, binomial) on MatchIt's lalonde.
# Run: Rscript tools/oracle/weights.R
args <- commandArgs(trailingOnly = FALSE); here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)]))); source(file.path(here, "common.R"))
data("lalonde", package = "MatchIt")
ps <- unname(fitted(glm(treat ~ age + educ + race + married + nodegree + re74 + re75, data = lalonde, family = binomial)))
a <- lalonde$treat

# WeightIt::get_w_from_ps, binary treatment
w_from_ps <- function(e, a, estimand) {
  switch(estimand,
         ATE = ifelse(a == 1, 1 / e, 1 / (1 - e)),
         ATT = ifelse(a == 1, 1, e / (1 - e)),
         ATC = ifelse(a == 1, (1 - e) / e, 1),
         ATO = ifelse(a == 1, 1 - e, e),                       # 1/e * (1/e + 1/(1-e))^-1 for treated
         ATM = ifelse(a == 1, pmin(e, 1 - e) / e, pmin(e, 1 - e) / (1 - e)))
}
# WeightIt:::stabilize_w: multiply by the proportion of units in the unit's own group
stabilize_w <- function(w, a) w * ifelse(a == 1, mean(a == 1), mean(a == 0))
# WeightIt:::.trim_weights(at < 1, lower = FALSE, drop = FALSE); groups with constant weights are not trimmed
trim_w <- function(w, a, at) {
  at <- max(at, 1 - at)
  same <- tapply(w, a, function(x) abs(max(x) - min(x)) < sqrt(.Machine$double.eps))
  keep_groups <- as.numeric(names(same)[!same])
  tb <- a %in% keep_groups
  q <- quantile(w[tb], probs = at, type = 3)
  w[tb & w > q] <- q
  list(w = w, q = unname(q), n = sum(tb & w == q))
}
ess <- function(w) sum(w)^2 / sum(w^2)

case <- function(name, estimand, stabilize = FALSE, truncate = NULL, trim_ps = NULL) {
  inc <- rep(TRUE, length(a))
  if (!is.null(trim_ps)) inc <- ps >= trim_ps[1] & ps <= trim_ps[2]
  w <- rep(0, length(a))
  w[inc] <- w_from_ps(ps[inc], a[inc], estimand)
  if (stabilize) w[inc] <- stabilize_w(w[inc], a[inc])
  q <- NULL
  if (!is.null(truncate)) { tr <- trim_w(w[inc], a[inc], truncate); w[inc] <- tr$w; q <- tr$q }
  call <- sprintf("WeightIt::get_w_from_ps(ps, treat, estimand = \"%s\", stabilize = %s)%s%s", estimand, stabilize,
                  if (!is.null(truncate)) sprintf(" |> WeightIt::trim(at = %s, treat = treat)", truncate) else "",
                  if (!is.null(trim_ps)) sprintf(" on units with ps in [%s, %s] (others weight 0)", trim_ps[1], trim_ps[2]) else "")
  write_fixture("weights", name, call,
                input = list(ps = ps, treatment = a, estimand = estimand, stabilize = stabilize,
                             truncate = truncate, trimPs = trim_ps),
                expected = list(weights = w, essTreated = ess(w[inc & a == 1]), essControl = ess(w[inc & a == 0]),
                                truncationThreshold = q, nIncluded = sum(inc)),
                packages = c("stats", "MatchIt"),
                note = "WeightIt not in Debian: its published definitions written in base R in tools/oracle/weights.R; ps = fitted(glm(treat ~ age + educ + race + married + nodegree + re74 + re75, lalonde, binomial))")
}
for (e in c("ATE", "ATT", "ATC", "ATO", "ATM")) case(paste0("lalonde-", tolower(e)), e)
case("lalonde-ate-stabilized", "ATE", stabilize = TRUE)
case("lalonde-att-stabilized", "ATT", stabilize = TRUE)
case("lalonde-ate-truncate-099", "ATE", truncate = 0.99)
case("lalonde-ate-truncate-090", "ATE", truncate = 0.90)
case("lalonde-att-truncate-095", "ATT", truncate = 0.95)
case("lalonde-ate-stabilized-truncate-095", "ATE", stabilize = TRUE, truncate = 0.95)
case("lalonde-ate-trimps-01-09", "ATE", trim_ps = c(0.1, 0.9))
cat("weights fixtures written\n")
