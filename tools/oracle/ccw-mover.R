# MOVER interval of the clone–censor–weight survival difference S1(t) − S0(t) on the complementary log-log scale
# with bootstrap SEs (Zou & Donner 2008, doi:10.1002/sim.3125; dependent arms: Zou 2008, doi:10.1093/aje/kwn104),
# stated in base R: no R package computes it. Input: the engine's per-arm estimates and each bootstrap replicate's
# per-arm survival, written by `npx tsx bench/coverage/ccw-mover-fixture.ts` to test/fixtures/r/ccw-mover/<case>.json;
# this script reads them and rewrites each file with the expected limits.
#   theta_a = log(-log S_a); SE_a = sd of the finite theta*_a over the replicates;
#   l_a = exp(-exp(theta_a + z SE_a)), u_a = exp(-exp(theta_a - z SE_a))   (the map is decreasing in S);
#   r = cor(S*_1, S*_0) over the replicates where both are finite;
#   L = D - sqrt((S1-l1)^2 + (u0-S0)^2 - 2r(S1-l1)(u0-S0)), U = D + sqrt((u1-S1)^2 + (S0-l0)^2 - 2r(u1-S1)(S0-l0)).
# No limits when an estimate is 0 or 1, when fewer than 2 finite theta* in an arm, or when more than maxFailedShare of
# the replicates have no finite theta* in an arm (failed = B - the smaller count of finite theta*).
args <- commandArgs(trailingOnly = FALSE); here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)]))); source(file.path(here, "common.R"))

num <- function(x) vapply(x, function(v) if (is.null(v)) NA_real_ else as.numeric(v), numeric(1))

mover_cloglog <- function(s, boot1, boot0, conf, max_failed) {
  none <- list(lower = NULL, upper = NULL, cloglogSe = list(NULL, NULL), correlation = NULL)
  if (!(all(s > 0) && all(s < 1))) return(none)
  B <- length(boot1)
  th1 <- log(-log(boot1)); th0 <- log(-log(boot0))
  th1 <- th1[is.finite(th1)]; th0 <- th0[is.finite(th0)]
  ok <- is.finite(boot1) & is.finite(boot0)
  failed <- B - min(length(th1), length(th0))
  if (length(th1) < 2 || length(th0) < 2 || sum(ok) < 2 || failed / B > max_failed) return(none)
  se <- c(sd(th1), sd(th0))
  r <- cor(boot1[ok], boot0[ok])
  z <- qnorm(1 - (1 - conf) / 2)
  theta <- log(-log(s))
  l <- exp(-exp(theta + z * se)); u <- exp(-exp(theta - z * se))
  D <- s[1] - s[2]
  a <- s[1] - l[1]; b <- u[2] - s[2]; c <- u[1] - s[1]; e <- s[2] - l[2]
  list(lower = D - sqrt(a^2 + b^2 - 2 * r * a * b), upper = D + sqrt(c^2 + e^2 - 2 * r * c * e),
       cloglogSe = as.list(se), correlation = r, armLimits = list(c(l[1], u[1]), c(l[2], u[2])))
}

dir <- file.path(oracle_root(), "test", "fixtures", "r", "ccw-mover")
for (f in sort(list.files(dir, pattern = "\\.json$"))) {
  inp <- jsonlite::fromJSON(file.path(dir, f), simplifyVector = FALSE)$input
  expected <- lapply(seq_along(inp$times), function(k) {
    s <- num(inp$estimates[[k]])
    boot1 <- num(lapply(inp$armSurvival, function(row) row[[k]][[1]]))
    boot0 <- num(lapply(inp$armSurvival, function(row) row[[k]][[2]]))
    c(list(time = inp$times[[k]]), mover_cloglog(s, boot1, boot0, inp$confLevel, inp$maxFailedShare))
  })
  write_fixture("ccw-mover", sub("\\.json$", "", f),
    call = "MOVER (Zou & Donner 2008) on the complementary log-log scale per arm with bootstrap SEs and the bootstrap correlation of the arms' survival, in base R (tools/oracle/ccw-mover.R)",
    input = inp, expected = expected, packages = character(0),
    note = "input written by the engine (bench/coverage/ccw-mover-fixture.ts: cloneCensorWeight's per-arm estimates and bootstrap.armSurvival); no R package implements this interval")
}
