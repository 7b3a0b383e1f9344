# MatchIt 4.5.x nearest-neighbour matching written out in plain R (helper sourced by match.R; running it
# alone only defines functions). Why: Debian's r-cran-matchit 4.5.1 calls integer abs() on doubles in
# its C++ matcher for a vector distance (src/nn_matchC_vec.cpp), so every propensity-score difference
# is 0: calipers exclude no one and the left (lower-score) control always wins. Upstream fixed it in
# 4.5.4 (MatchIt issue #163). These functions state the algorithm of MatchIt 4.5.x as read from
# R/matchit2nearest.R, src/nn_matchC_vec.cpp and src/nn_matchC.cpp, with a correct |.|.
#
# Semantics (vector distance, nn_matchC_vec):
#   * all units are sorted once by distance, ascending, stably (base::sort.list: ties keep data order);
#   * treated units are visited in m.order: "largest" = order(distance[treat == 1], decreasing = TRUE)
#     (stable radix: ties keep data order), "smallest", "data"; with replacement MatchIt forces "data";
#   * ratio k: round r = 1..k visits every treated unit before anyone gets an (r+1)-th control;
#   * for one treated unit at sorted position i: the nearest eligible control on the left (scan i-1, i-2,
#     ...) and on the right (i+1, ...), where eligible = control, not yet used (without replacement),
#     not already in this unit's row; the scan stops (no control on that side) at the first eligible
#     control farther than the caliper;
#   * the left one wins when |d_left - d_i| <= |d_right - d_i| (ties go to the lower sorted position);
#   * exact strata are matched separately, each with its own order of treated units.
# Semantics (Mahalanobis with a propensity-score caliper, nn_matchC): for each treated unit (same order,
# same rounds; with replacement one pass that takes the k closest at once), eligible controls in data
# order are filtered by use count, row, exact stratum and |ps_c - ps_t| <= caliper; the control with the
# smallest Mahalanobis distance wins, the first in data order on ties (which.min). The metric is the
# pooled within-group covariance of the covariates (MatchIt:::pooled_cov, denominator n - 2).

nn_order_treated <- function(t1, distance, m.order) {
  switch(m.order,
    largest = t1[order(distance[t1], decreasing = TRUE)],
    smallest = t1[order(distance[t1], decreasing = FALSE)],
    data = t1,
    stop("unknown m.order ", m.order))
}

# Returns an integer matrix (one row per treated unit in data order, named by its row name; `ratio`
# columns) of matched control row indices (1-based), NA when none.
# `absfun` and `row_off_by_one` exist only to reproduce the installed 4.5.1 binary and so show that this
# statement is its algorithm: absfun = function(x) trunc(abs(x)) is C's integer abs() of a double;
# row_off_by_one = TRUE reproduces a second slip in nn_matchC_vec's "already matched to this treated
# unit" test (it compares the candidate's 0-based index with the 1-based indices stored in the row, so
# for ratio > 1 it skips the control in the data row just after one already matched, and with
# replacement lets the same control be matched twice to one treated unit). The expected values use
# the intended rule: skip exactly the controls already in the row.
nn_match_vec_45 <- function(treat, distance, ratio = 1L, replace = FALSE, caliper = NULL,
                            m.order = "largest", exact = NULL, absfun = abs, row_off_by_one = FALSE) {
  n <- length(treat)
  ind1 <- which(treat == 1)
  mm <- matrix(NA_integer_, length(ind1), ratio, dimnames = list(names(treat)[ind1], NULL))
  if (replace) m.order <- "data"
  strata <- if (is.null(exact)) list(seq_len(n)) else split(seq_len(n), factor(exact))
  used <- rep(FALSE, n)
  for (s in strata) {
    t1 <- s[treat[s] == 1]
    if (length(t1) == 0) next
    ord <- nn_order_treated(t1, distance, m.order)
    sorted <- s[sort.list(distance[s])]
    pos <- integer(n)
    pos[sorted] <- seq_along(sorted)
    ns <- length(sorted)
    for (r in seq_len(ratio)) {
      for (t in ord) {
        row <- mm[match(t, ind1), ]
        row <- row[!is.na(row)]
        dt <- distance[t]
        eligible <- function(u) treat[u] == 0 && !((if (row_off_by_one) u - 1L else u) %in% row) && !used[u]
        find <- function(qs) {
          for (q in qs) {
            u <- sorted[q]
            if (!eligible(u)) next
            if (!is.null(caliper) && absfun(dt - distance[u]) > caliper) return(NA_integer_)
            return(u)
          }
          NA_integer_
        }
        p <- pos[t]
        kl <- if (p > 1) find(seq.int(p - 1, 1)) else NA_integer_
        kr <- if (p < ns) find(seq.int(p + 1, ns)) else NA_integer_
        k <- if (!is.na(kl) && !is.na(kr)) {
          if (absfun(distance[kl] - dt) <= absfun(distance[kr] - dt)) kl else kr
        } else if (!is.na(kl)) kl else kr
        if (is.na(k)) next
        mm[match(t, ind1), r] <- k
        if (!replace) used[k] <- TRUE
      }
    }
  }
  mm
}

# Mahalanobis metric as MatchIt::transform_covariates(method = "mahalanobis"): scale, pooled
# within-treatment covariance (denominator n - 2), inverse. Returns list(sd, R) such that the distance
# between rows i and j is ||((x_i - x_j) / sd) %*% t(R)||. It is computed from the raw difference
# x_i - x_j (not from transformed coordinates, as MatchIt does), so that mathematically equal distances
# (e.g. differences d and -d) are equal in floating point and the first control in data order wins, as
# which.min says; MatchIt's own floating-point noise can break such exact ties either way.
mahalanobis_metric <- function(X, treat) {
  X0 <- as.matrix(X)
  X <- scale(X0)
  Xc <- X
  for (g in unique(treat)) {
    idx <- which(treat == g)
    for (j in seq_len(ncol(X))) Xc[idx, j] <- X[idx, j] - mean(X[idx, j])
  }
  n <- nrow(X)
  S <- cov(Xc) * (n - 1) / (n - 2)
  list(X = X0, sd = attr(X, "scaled:scale"), R = chol(solve(S)))
}

mahalanobis_to <- function(M, t, el) {
  D <- sweep(M$X[el, , drop = FALSE], 2, M$X[t, ])
  D <- sweep(D, 2, M$sd, "/")
  sqrt(rowSums((D %*% t(M$R))^2))
}

nn_match_mah_45 <- function(treat, ps, X, ratio = 1L, replace = FALSE, caliper = NULL,
                            m.order = "largest", exact = NULL) {
  n <- length(treat)
  ind1 <- which(treat == 1)
  M <- mahalanobis_metric(X, treat)
  mm <- matrix(NA_integer_, length(ind1), ratio, dimnames = list(names(treat)[ind1], NULL))
  if (replace) m.order <- "data"
  strata <- if (is.null(exact)) list(seq_len(n)) else split(seq_len(n), factor(exact))
  for (s in strata) {
    t1 <- s[treat[s] == 1]
    c0 <- s[treat[s] == 0]
    if (length(t1) == 0 || length(c0) == 0) next
    ord <- nn_order_treated(t1, ps, m.order)
    times <- setNames(integer(length(c0)), c0)
    rounds <- if (replace) 1L else ratio
    for (r in seq_len(rounds)) {
      for (t in ord) {
        i <- match(t, ind1)
        row <- mm[i, ]
        row <- row[!is.na(row)]
        el <- c0
        if (!replace) el <- el[times[as.character(el)] < 1]
        el <- el[!(el %in% row)]
        if (!is.null(caliper)) el <- el[abs(ps[el] - ps[t]) <= caliper]
        if (length(el) == 0) next
        if (replace && length(el) <= ratio) {
          mm[i, seq_along(el)] <- el
          next
        }
        d <- mahalanobis_to(M, t, el)
        if (replace) {
          mm[i, seq_len(ratio)] <- el[order(d)[seq_len(ratio)]]
        } else {
          k <- el[which.min(d)]
          mm[i, r] <- k
          times[as.character(k)] <- times[as.character(k)] + 1L
        }
      }
    }
  }
  mm
}
