# Oracle for optimal full matching and optimal pair matching with a caliper (src/causal/match/full.ts).
# optmatch is not packaged for Debian, so the problem is stated here in base R, two ways:
#  (1) brute force over all set partitions of a tiny sample (n <= 9): every block is one treated unit with
#      >= 1 controls or one control with >= 1 treated units (pairs within the caliper, sizes within the
#      bounds) or a single unmatched unit; the best partition matches the most units, then has the least
#      total within-block treated-control distance;
#  (2) the same problem as a minimum-cost flow, solved by successive shortest paths with Bellman-Ford
#      (not Dijkstra as the TypeScript does), for larger samples; (1) and (2) must agree where both run.
# Weights: MatchIt's own MatchIt:::weights.subclass on the subclasses found here (MatchIt 4.5.1).
# Writes test/fixtures/fullmatch/<case>.json. Run: Rscript tools/oracle/fullmatch.R
suppressPackageStartupMessages({ library(jsonlite); library(MatchIt) })
args <- commandArgs(trailingOnly = FALSE)
file_arg <- sub("^--file=", "", args[grep("^--file=", args)])
root <- normalizePath(file.path(dirname(normalizePath(file_arg[1])), "..", ".."))
out_dir <- file.path(root, "test", "fixtures", "fullmatch")
dir.create(out_dir, recursive = TRUE, showWarnings = FALSE)

# ---- (2) min-cost flow, successive shortest paths with Bellman-Ford ------------------------------------
# nodes: 1 = source, focal units, other units, sink; arcs as vectors; residual twin of arc k is k + m.
ssp_bellman_ford <- function(nn, from, to, cap, cost, s, t, mode) {
  m <- length(from)
  fr <- c(from, to); tt <- c(to, from); cp <- c(cap, rep(0, m)); cs <- c(cost, -cost)
  twin <- c(seq_len(m) + m, seq_len(m))
  repeat {
    dist <- rep(Inf, nn); dist[s] <- 0; pred <- rep(0L, nn)
    for (it in seq_len(nn)) {
      ok <- cp > 0 & is.finite(dist[fr])
      cand <- dist[fr] + cs
      changed <- FALSE
      for (k in which(ok & cand < dist[tt] - 1e-12)) {
        if (dist[fr[k]] + cs[k] < dist[tt[k]] - 1e-12) { dist[tt[k]] <- dist[fr[k]] + cs[k]; pred[tt[k]] <- k; changed <- TRUE }
      }
      if (!changed) break
    }
    if (!is.finite(dist[t])) break
    if (mode == "min-cost" && dist[t] >= 0) break
    v <- t; push <- Inf
    while (v != s) { k <- pred[v]; push <- min(push, cp[k]); v <- fr[k] }
    v <- t
    while (v != s) { k <- pred[v]; cp[k] <- cp[k] - push; cp[twin[k]] <- cp[twin[k]] + push; v <- fr[k] }
  }
  cap - cp[seq_len(m)]
}

# full (mode "full") or 1:k pair (mode "pair") matching; returns subclass per unit (NA = unmatched)
flow_match <- function(treat, d, width, mode, max_others, max_focal, focal = 1, forbid = character(0)) {
  f <- which(treat == focal); o <- which(treat != focal)
  n1 <- length(f); n0 <- length(o)
  pairs <- expand.grid(i = seq_len(n1), j = seq_len(n0))
  pairs$c <- abs(d[f[pairs$i]] - d[o[pairs$j]])
  pairs <- pairs[pairs$c <= width & !(paste(f[pairs$i], o[pairs$j]) %in% forbid), ]
  S <- 1; TT <- n1 + n0 + 2
  fnode <- function(i) 1 + i; onode <- function(j) 1 + n1 + j
  degf <- tabulate(pairs$i, n1); dego <- tabulate(pairs$j, n0)
  M <- (2 * (n1 + n0 + 2) + 1) * max(c(pairs$c, 0)) + 1
  from <- c(); to <- c(); cap <- c(); cost <- c()
  add <- function(a, b, k, c) { from <<- c(from, a); to <<- c(to, b); cap <<- c(cap, k); cost <<- c(cost, c) }
  for (i in which(degf > 0)) {
    if (mode == "full") { add(S, fnode(i), 1, -M); e <- min(max_others, degf[i]) - 1; if (e > 0) add(S, fnode(i), e, 0) }
    else add(S, fnode(i), min(max_others, degf[i]), 0)
  }
  first_pair <- length(from) + 1
  for (k in seq_len(nrow(pairs))) add(fnode(pairs$i[k]), onode(pairs$j[k]), 1, pairs$c[k])
  for (j in which(dego > 0)) {
    if (mode == "full") { add(onode(j), TT, 1, -M); e <- min(max_focal, dego[j]) - 1; if (e > 0) add(onode(j), TT, e, 0) }
    else add(onode(j), TT, 1, 0)
  }
  flow <- ssp_bellman_ford(TT, from, to, cap, cost, S, TT, if (mode == "full") "min-cost" else "max-flow")
  used <- pairs[flow[first_pair:(first_pair + nrow(pairs) - 1)] > 0, ]
  if (mode == "full" && nrow(used) > 0) {
    # drop edges joining two units of degree >= 2: a star forest remains
    keep <- rep(TRUE, nrow(used)); df <- tabulate(used$i, n1); do <- tabulate(used$j, n0)
    for (k in seq_len(nrow(used))) if (df[used$i[k]] >= 2 && do[used$j[k]] >= 2) { keep[k] <- FALSE; df[used$i[k]] <- df[used$i[k]] - 1; do[used$j[k]] <- do[used$j[k]] - 1 }
    used <- used[keep, ]
  }
  edges <- paste(f[used$i], o[used$j])
  sub <- rep(NA_integer_, length(treat))
  # components of a star forest: label by the centre (the endpoint of degree >= 2, else the focal unit)
  df <- tabulate(used$i, n1)
  for (k in seq_len(nrow(used))) {
    centre <- if (df[used$i[k]] >= 2) f[used$i[k]] else o[used$j[k]]
    if (df[used$i[k]] == 1 && tabulate(used$j, n0)[used$j[k]] == 1) centre <- f[used$i[k]]
    sub[f[used$i[k]]] <- centre; sub[o[used$j[k]]] <- centre
  }
  attr(sub, "edges") <- edges
  sub
}

# The optimum is unique when forbidding any one edge of it either matches fewer units or costs more.
is_unique <- function(treat, d, width, mode, max_others, max_focal, focal, sub) {
  n_matched <- sum(!is.na(sub)); obj <- objective_of(treat, d, sub)
  for (e in attr(sub, "edges")) {
    alt <- flow_match(treat, d, width, mode, max_others, max_focal, focal, forbid = e)
    if (sum(!is.na(alt)) == n_matched && objective_of(treat, d, alt) <= obj + 1e-10) return(FALSE)
  }
  TRUE
}

# ---- (1) brute force over set partitions ---------------------------------------------------------------
partitions <- function(n) {
  # restricted growth strings
  out <- list(); a <- integer(n)
  rec <- function(k, mx) {
    if (k > n) { out[[length(out) + 1]] <<- a; return(invisible()) }
    for (v in 1:(mx + 1)) { a[k] <<- v; rec(k + 1, max(mx, v)) }
  }
  rec(1, 0); out
}
brute_full <- function(treat, d, width, max_others, max_focal, focal = 1) {
  best <- NULL; bestMatched <- -1; bestCost <- Inf; nBest <- 0
  for (p in partitions(length(treat))) {
    ok <- TRUE; matched <- 0; cost <- 0
    for (b in unique(p)) {
      u <- which(p == b)
      if (length(u) == 1) next
      ff <- u[treat[u] == focal]; oo <- u[treat[u] != focal]
      if (length(ff) == 0 || length(oo) == 0 || (length(ff) > 1 && length(oo) > 1)) { ok <- FALSE; break }
      if (length(oo) > max_others || length(ff) > max_focal) { ok <- FALSE; break }
      dd <- abs(outer(d[ff], d[oo], "-"))
      if (any(dd > width)) { ok <- FALSE; break }
      matched <- matched + length(u); cost <- cost + sum(dd)
    }
    if (!ok) next
    if (matched > bestMatched || (matched == bestMatched && cost < bestCost - 1e-10)) { best <- p; bestMatched <- matched; bestCost <- cost; nBest <- 1 }
    else if (matched == bestMatched && abs(cost - bestCost) <= 1e-10) nBest <- nBest + 1
  }
  sub <- best; sizes <- tabulate(best); sub[sizes[best] == 1] <- NA
  list(subclass = sub, objective = bestCost, unique = nBest == 1)
}

objective_of <- function(treat, d, sub) {
  tot <- 0
  for (b in unique(sub[!is.na(sub)])) { u <- which(sub == b); tot <- tot + sum(abs(outer(d[u[treat[u] == 1]], d[u[treat[u] == 0]], "-"))) }
  tot
}
canon <- function(sub) { # relabel 1, 2, ... in order of first appearance (NA stays NA)
  lv <- unique(sub[!is.na(sub)]); out <- match(sub, lv); out
}

write_case <- function(name, treat, ps, distance = "ps", caliper = NULL, std_caliper = TRUE, method = "full",
                       estimand = "ATT", min_controls = 0, max_controls = Inf, ratio = 1, brute = FALSE) {
  d <- if (distance == "logit") qlogis(ps) else ps
  width <- if (is.null(caliper)) Inf else if (std_caliper) caliper * sd(d) else caliper
  focal <- if (estimand == "ATC") 0 else 1
  max_focal <- if (min_controls == 0) Inf else round(1 / min_controls)
  if (method == "full") {
    sub <- flow_match(treat, d, width, "full", max_controls, max_focal, focal)
    if (brute) {
      bf <- brute_full(treat, d, width, max_controls, max_focal, focal)
      if (abs(bf$objective - objective_of(treat, d, sub)) > 1e-12) stop(name, ": flow and brute force disagree")
      if (bf$unique && !identical(canon(bf$subclass), canon(sub))) stop(name, ": flow and brute force subclasses differ")
      unique <- bf$unique
      if (unique != is_unique(treat, d, width, "full", max_controls, max_focal, focal, sub)) stop(name, ": uniqueness checks disagree")
    } else unique <- is_unique(treat, d, width, "full", max_controls, max_focal, focal, sub)
    w <- MatchIt:::weights.subclass(factor(sub), treat, estimand)
    call <- sprintf("MatchIt::matchit(treat ~ ., distance = %s, method = \"full\", estimand = \"%s\"%s%s%s) (optmatch::fullmatch); here solved in base R (tools/oracle/fullmatch.R); weights by MatchIt:::weights.subclass",
                    if (distance == "logit") "qlogis(ps)" else "ps", estimand,
                    if (is.null(caliper)) "" else sprintf(", caliper = %s, std.caliper = %s", caliper, std_caliper),
                    if (min_controls > 0) sprintf(", min.controls = %s", min_controls) else "",
                    if (is.finite(max_controls)) sprintf(", max.controls = %s", max_controls) else "")
  } else {
    sub <- flow_match(treat, d, width, "pair", ratio, 1, 1)
    unique <- is_unique(treat, d, width, "pair", ratio, 1, 1, sub)
    w <- NULL
    call <- sprintf("optimal 1:%d pair matching with caliper %s (most pairs, then least total distance); base R min-cost flow", ratio, caliper)
  }
  expected <- list(objective = if (method == "full") objective_of(treat, d, sub) else {
      tot <- 0; for (b in unique(sub[!is.na(sub)])) { u <- which(sub == b); tot <- tot + sum(abs(outer(d[u[treat[u] == 1]], d[u[treat[u] == 0]], "-"))) }; tot },
    unique = unique, subclass = canon(sub), weights = if (is.null(w)) NULL else unname(w),
    matchedTreated = sum(!is.na(sub) & treat == 1), matchedControls = sum(!is.na(sub) & treat == 0))
  obj <- list(call = call, r_version = R.version.string, packages = list(MatchIt = as.character(packageVersion("MatchIt"))),
              input = list(treat = treat, ps = ps, distance = distance, caliper = caliper, stdCaliper = std_caliper,
                           method = method, estimand = estimand, minControls = min_controls,
                           maxControls = if (is.finite(max_controls)) max_controls else NULL, ratio = ratio),
              expected = expected)
  writeLines(toJSON(obj, auto_unbox = TRUE, digits = NA, na = "null", null = "null"), file.path(out_dir, paste0(name, ".json")))
}

sim <- function(seed, n1, n0, shift = 1) {
  set.seed(seed)
  x <- c(rnorm(n1, shift), rnorm(n0, 0))
  treat <- c(rep(1L, n1), rep(0L, n0))
  ps <- plogis(-0.3 + 1.1 * x)
  o <- sample(length(treat))
  list(treat = treat[o], ps = ps[o])
}

s <- sim(1, 4, 4); write_case("tiny-att", s$treat, s$ps, brute = TRUE)
s <- sim(2, 5, 3); write_case("tiny-fewer-controls", s$treat, s$ps, brute = TRUE)
s <- sim(3, 4, 5); write_case("tiny-caliper", s$treat, s$ps, distance = "logit", caliper = 0.3, brute = TRUE)
s <- sim(4, 4, 5); write_case("tiny-max2", s$treat, s$ps, max_controls = 2, brute = TRUE)
s <- sim(5, 5, 4); write_case("tiny-min-half", s$treat, s$ps, min_controls = 0.5, brute = TRUE)
s <- sim(6, 4, 4); write_case("tiny-ate", s$treat, s$ps, estimand = "ATE", brute = TRUE)
s <- sim(7, 4, 5); write_case("tiny-atc", s$treat, s$ps, estimand = "ATC", max_controls = 2, brute = TRUE)
s <- sim(11, 44, 16); write_case("small-cohort-44-16", s$treat, s$ps, distance = "logit", caliper = 0.2)
s <- sim(12, 44, 16); write_case("small-cohort-ate", s$treat, s$ps, distance = "logit", estimand = "ATE")
s <- sim(13, 20, 40); write_case("medium-att-max3", s$treat, s$ps, distance = "logit", caliper = 0.25, max_controls = 3)
s <- sim(14, 30, 30); write_case("medium-atc", s$treat, s$ps, estimand = "ATC", min_controls = 0.5)
s <- sim(15, 25, 12); write_case("pair-caliper-1to1", s$treat, s$ps, distance = "logit", caliper = 0.2, method = "pair")
s <- sim(16, 10, 30); write_case("pair-caliper-1to2", s$treat, s$ps, distance = "logit", caliper = 0.1, method = "pair", ratio = 2)
cat("fullmatch fixtures written to", out_dir, "\n")
