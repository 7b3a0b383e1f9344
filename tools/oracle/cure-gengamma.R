# Reference values for the mixture cure model with a generalised gamma latency (issue 17, item 2).
# flexsurv and flexsurvcure are not packaged for Debian bookworm: the generalised gamma is written out here in
# Prentice's (1974) parameterisation as flexsurv's dgengamma/pgengamma (Q != 0; the log-normal at Q = 0):
#   w = (log t - mu) / sigma,  a = Q^-2,  u = a exp(Q w)
#   f(t) = |Q| a^a exp(a (Q w - exp(Q w))) / (sigma t Gamma(a))
#   S(t) = 1 - pgamma(u, a) for Q > 0,  pgamma(u, a) for Q < 0.
# Q = 1 is the Weibull, Q = sigma the gamma, Q -> 0 the log-normal. In survinfer's latency parametrisation
# w = alpha (log lambda + x beta + log t): mu = -log lambda - x beta, sigma = 1 / alpha.
# The cure likelihood is cure.R's (incidence logit(1 - pi) = Z gamma); theta = (gamma, beta, log lambda,
# log alpha, Q). Maximised with optim (BFGS; analytic gradient in all but Q, central differences in Q), then
# Newton steps with a Hessian from differences of that gradient (Q-Q entry: second difference of the
# log-likelihood). Inputs are those of test/fixtures/r/cure/<case>.json.
# Writes test/fixtures/r/cure-gengamma/<case>.json. Run: Rscript tools/oracle/cure-gengamma.R
args <- commandArgs(trailingOnly = FALSE); here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)]))); source(file.path(here, "common.R"))

gg_logg <- function(w, Q) { # log density of the standardised w
  if (Q == 0) return(dnorm(w, log = TRUE))
  a <- Q^-2
  log(abs(Q)) + a * log(a) + a * (Q * w - exp(Q * w)) - lgamma(a)
}
gg_logS <- function(w, Q) {
  if (Q == 0) return(pnorm(-w, log.p = TRUE))
  a <- Q^-2; u <- a * exp(Q * w)
  if (Q > 0) pgamma(u, a, lower.tail = FALSE, log.p = TRUE) else pgamma(u, a, log.p = TRUE)
}
gg_dlogg <- function(w, Q) if (Q == 0) -w else (1 - exp(Q * w)) / Q
gg_dlogS <- function(w, Q) -exp(gg_logg(w, Q) - gg_logS(w, Q))
# flexsurv's density, for the statement's own check
dgengamma_flexsurv <- function(x, mu, sigma, Q) {
  w <- (log(x) - mu) / sigma
  exp(-log(sigma * x) + log(abs(Q)) * (1 - 2 * Q^-2) + Q^-2 * (Q * w - exp(Q * w)) - lgamma(Q^-2))
}
stopifnot(abs(dgengamma_flexsurv(2.3, 0.4, 0.7, 0.6) - exp(gg_logg((log(2.3) - 0.4) / 0.7, 0.6)) / (0.7 * 2.3)) < 1e-15)
stopifnot(abs(integrate(function(x) dgengamma_flexsurv(x, 0.4, 0.7, -0.5), 0, 3)$value - (1 - exp(gg_logS((log(3) - 0.4) / 0.7, -0.5)))) < 1e-8)

parts <- function(theta, t, Z, X) {
  pz <- ncol(Z); px <- ncol(X); k <- length(theta)
  g <- theta[seq_len(pz)]; b <- if (px > 0) theta[pz + seq_len(px)] else numeric(0)
  al <- exp(theta[pz + px + 2]); Q <- theta[k]
  w <- al * (theta[pz + px + 1] + log(t) + (if (px > 0) drop(X %*% b) else 0))
  list(p = plogis(drop(Z %*% g)), w = w, al = al, Q = Q, pz = pz, px = px)
}
loglik <- function(theta, t, d, Z, X) {
  q <- parts(theta, t, Z, X)
  sum(ifelse(d == 1, log(q$p) + log(q$al) - log(t) + gg_logg(q$w, q$Q), log(1 - q$p + q$p * exp(gg_logS(q$w, q$Q)))))
}
grad <- function(theta, t, d, Z, X) {
  q <- parts(theta, t, Z, X); k <- length(theta)
  e <- exp(gg_logS(q$w, q$Q)); D <- 1 - q$p + q$p * e
  dz <- ifelse(d == 1, 1 - q$p, q$p * (1 - q$p) * (e - 1) / D)
  dw <- ifelse(d == 1, gg_dlogg(q$w, q$Q), q$p * e * gg_dlogS(q$w, q$Q) / D)
  h <- 1e-5; tp <- theta; tm <- theta; tp[k] <- tp[k] + h; tm[k] <- tm[k] - h
  c(drop(crossprod(Z, dz)), if (q$px > 0) q$al * drop(crossprod(X, dw)) else numeric(0), q$al * sum(dw), sum(d) + sum(dw * q$w),
    (loglik(tp, t, d, Z, X) - loglik(tm, t, d, Z, X)) / (2 * h))
}
hess <- function(theta, tt, dd, Zm, Xm) {
  k <- length(theta); H <- matrix(0, k, k)
  for (j in seq_len(k)) {
    h <- 1e-5 * max(1, abs(theta[j])); tp <- theta; tm <- theta; tp[j] <- tp[j] + h; tm[j] <- tm[j] - h
    H[, j] <- (grad(tp, tt, dd, Zm, Xm) - grad(tm, tt, dd, Zm, Xm)) / (2 * h)
  }
  H[k, ] <- H[, k] # the Q row from the analytic components
  h <- 1e-4; tp <- theta; tm <- theta; tp[k] <- tp[k] + h; tm[k] <- tm[k] - h
  H[k, k] <- (loglik(tp, tt, dd, Zm, Xm) - 2 * loglik(theta, tt, dd, Zm, Xm) + loglik(tm, tt, dd, Zm, Xm)) / h^2
  (H + t(H)) / 2
}
fit_gengamma_cure <- function(t, d, Z, X, starts) {
  best <- NULL
  for (s in starts) {
    o <- optim(s, loglik, grad, t = t, d = d, Z = Z, X = X, method = "BFGS", control = list(fnscale = -1, reltol = 1e-15, maxit = 20000))
    if (is.null(best) || o$value > best$value) best <- o
  }
  th <- best$par
  for (k in 1:10) th <- th - solve(hess(th, t, d, Z, X), grad(th, t, d, Z, X))
  V <- solve(-hess(th, t, d, Z, X)); ll <- loglik(th, t, d, Z, X)
  list(theta = th, loglik = ll, se = sqrt(diag(V)), aic = -2 * ll + 2 * length(th), gradNorm = max(abs(grad(th, t, d, Z, X))),
       cureFractionMeanProfile = unname(1 - plogis(sum(colMeans(Z) * th[seq_len(ncol(Z))]))))
}

root <- oracle_root()
for (name in c("lms-cohort", "lms-cohort-intercept", "sim-n300", "sim-ties-n150")) {
  fx <- jsonlite::fromJSON(file.path(root, "test", "fixtures", "r", "cure", paste0(name, ".json")), simplifyVector = FALSE)
  inp <- fx$input
  tt <- unlist(inp$time); dd <- unlist(inp$status); n <- length(tt)
  Z <- do.call(cbind, lapply(inp$z, unlist)); colnames(Z) <- unlist(inp$zNames)
  X <- if (length(inp$x) > 0) do.call(cbind, lapply(inp$x, unlist)) else matrix(numeric(0), n, 0)
  # starts: the Weibull fit (Q = 1) and the log-normal fit near Q = 0 from cure.R's fixture
  wb <- unlist(fx$expected$weibull$theta); ln <- unlist(fx$expected$lognormal$theta)
  f <- fit_gengamma_cure(tt, dd, Z, X, list(c(wb, 1), c(ln, 0.05), c(ln, -0.05)))
  write_fixture("cure-gengamma", name,
    call = paste("generalised gamma mixture cure (Prentice parameterisation as flexsurv::dgengamma, written out):",
                 "optim(BFGS, reltol 1e-15) from the Weibull (Q = 1) and log-normal (Q = +-0.05) fits, then 10 Newton steps (tools/oracle/cure-gengamma.R)"),
    input = list(cureFixture = name), expected = f, packages = character(0),
    note = "inputs: test/fixtures/r/cure/<case>.json; theta = (incidence gamma, latency beta, log lambda, log alpha, Q)")
}
