# Reference values for src/math/lowess.ts: stats::lowess (R's C clowess) on small hand-made data, ties
# in x, a span that rounds (f * n just below an integer), iter = 0, delta = 0, a straight line, and the
# scaled Schoenfeld residuals of cox.zph on lung (the points of the PH diagnostic plot).
args <- commandArgs(trailingOnly = FALSE); here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)]))); source(file.path(here, "common.R"))
suppressPackageStartupMessages(library(survival))

case <- function(name, x, y, f = 2/3, iter = 3L, delta = NULL, note = NULL) {
  call <- sprintf("lowess(x, y, f = %s, iter = %d%s)", format(f, digits = 17), as.integer(iter),
                  if (is.null(delta)) "" else sprintf(", delta = %s", format(delta, digits = 17)))
  fit <- if (is.null(delta)) lowess(x, y, f = f, iter = iter) else lowess(x, y, f = f, iter = iter, delta = delta)
  input <- list(x = x, y = y, f = f, iter = as.integer(iter))
  if (!is.null(delta)) input$delta <- delta
  write_fixture("lowess", name, call, input = input, expected = list(x = fit$x, y = fit$y),
                packages = c("stats", "survival"), note = note)
}

# cars (datasets): ties in x, the classic lowess example
case("cars", as.numeric(cars$speed), as.numeric(cars$dist), note = "datasets::cars; speed has many ties")
case("cars-f0.2-iter0", as.numeric(cars$speed), as.numeric(cars$dist), f = 0.2, iter = 0L)
case("cars-delta0", as.numeric(cars$speed), as.numeric(cars$dist), f = 0.5, delta = 0)
# small n, unsorted, with an outlier
case("small-outlier", c(5, 1, 4, 2, 3, 7, 6), c(2.1, 0.9, 8.5, 1.4, 1.8, 3.1, 2.6), note = "unsorted x; y[3] is an outlier")
case("two-points", c(2, 1), c(5, 3))
case("one-point", 3, 7)
case("all-x-tied", c(1, 1, 1, 1), c(1, 2, 3, 10))
# f * n = 28.999999999999996 for n = 100, f = 0.29: the span is 29 (R adds 1e-7 before truncating)
set.seed(1)
xr <- round(runif(100, 0, 10), 1)
yr <- sin(xr) + rnorm(100, sd = 0.3)
case("span-rounding", xr, yr, f = 0.29, note = "set.seed(1); x <- round(runif(100, 0, 10), 1) (ties); y <- sin(x) + rnorm(100, sd = 0.3)")
case("large-delta", xr, yr, f = 0.5, delta = 0.7, note = "delta = 0.7 interpolates across several points")
# a straight line is reproduced exactly
case("line", c(0, 1, 2, 3, 5, 8, 13), 2 + 0.5 * c(0, 1, 2, 3, 5, 8, 13), note = "y = 2 + x / 2")
# ... but not always with robustness iterations: the residuals of an exact fit are rounding noise, the
# bisquare weights of that noise drop points and the fit at x = 5 jumps to the value at x = 3 (R's behaviour)
xl <- c(13, 0, 5, 1, 8, 2, 3, 3)
case("line-rounding-noise", xl, 2 - 0.75 * xl, f = 0.5, delta = 0, note = "y = 2 - 0.75 x; iter = 3 on rounding-noise residuals gives -0.25 (not -1.75) at x = 5")
# the scaled Schoenfeld residuals of the PH diagnostic plot
fit <- coxph(Surv(time, status) ~ age + sex + ph.karno, data = lung)
z <- cox.zph(fit, transform = "km")
for (j in seq_len(ncol(z$y))) {
  case(paste0("lung-zph-", colnames(z$y)[j]), as.numeric(z$x), as.numeric(z$y[, j]),
       note = sprintf("cox.zph(coxph(Surv(time, status) ~ age + sex + ph.karno, data = lung), transform = \"km\"): x and y[, \"%s\"]; PH p = %s",
                      colnames(z$y)[j], format(z$table[j, "p"], digits = 6)))
}
