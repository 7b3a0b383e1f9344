# Oracle for src/stats/ (welchTTest, wilcoxonRankSum, chisqTest, fisherExact): base R's t.test,
# wilcox.test, chisq.test and fisher.test with their defaults, on small hand-made samples and tables
# (ties, exact/normal switch, Yates, sparse r x c) and on MatchIt's lalonde.
# Run: Rscript tools/oracle/tests.R
args <- commandArgs(trailingOnly = FALSE); here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)]))); source(file.path(here, "common.R"))
data("lalonde", package = "MatchIt")
num <- function(v) { v <- unname(v); if (is.null(v)) NULL else as.numeric(v) }

t_case <- function(name, x, y, call) {
  r <- t.test(x, y, var.equal = FALSE)
  write_fixture("tests", paste0("welch-", name), sprintf("t.test(%s, var.equal = FALSE)", call),
                input = list(x = x, y = y),
                expected = list(statistic = num(r$statistic), df = num(r$parameter), p = r$p.value,
                                meanX = num(r$estimate[1]), meanY = num(r$estimate[2]), stdErr = r$stderr,
                                lower = r$conf.int[1], upper = r$conf.int[2]),
                packages = c("stats"))
}
t_case("small", c(1, 2, 3, 4), c(2, 4, 6, 8, 10), "c(1, 2, 3, 4), c(2, 4, 6, 8, 10)")
t_case("with-na", c(5.1, NA, 4.9, 6.3, 5.7, 5.0), c(6.2, 7.1, 6.8, NA, 7.4), "x, y (NA dropped)")
t_case("lalonde-age", lalonde$age[lalonde$treat == 1], lalonde$age[lalonde$treat == 0], "age[treat == 1], age[treat == 0], data = lalonde")
t_case("lalonde-re74", lalonde$re74[lalonde$treat == 1], lalonde$re74[lalonde$treat == 0], "re74[treat == 1], re74[treat == 0], data = lalonde")
t_case("tiny-p", c(10.1, 10.3, 10.2, 10.4, 10.25), c(1.1, 1.2, 1.05, 1.3), "c(10.1, 10.3, 10.2, 10.4, 10.25), c(1.1, 1.2, 1.05, 1.3)")

w_case <- function(name, x, y, call) {
  r <- suppressWarnings(wilcox.test(x, y))
  write_fixture("tests", paste0("wilcoxon-", name), sprintf("wilcox.test(%s)", call),
                input = list(x = x, y = y),
                expected = list(statistic = num(r$statistic), p = r$p.value, method = r$method),
                packages = c("stats"))
}
w_case("exact-small", c(1.1, 2.3, 3.8), c(4.2, 5.0, 6.1, 7.7), "c(1.1, 2.3, 3.8), c(4.2, 5.0, 6.1, 7.7)")
w_case("exact-upper", c(8.5, 2.2, 9.1, 7.3, 6.6, 10.2), c(1.5, 3.3, 2.9, 5.4, 0.7), "x, y (W above its mean)")
w_case("exact-p-one", c(1, 4, 5, 8), c(2, 3, 6, 7), "c(1, 4, 5, 8), c(2, 3, 6, 7)")
w_case("ties-small", c(1, 2, 2, 3, 5), c(2, 3, 3, 4, 6, 6), "c(1, 2, 2, 3, 5), c(2, 3, 3, 4, 6, 6) (ties: normal approximation)")
set.seed(20240611)
xa <- round(rexp(40, 1/20), 6); ya <- round(rexp(45, 1/30), 6)
w_case("exact-49", xa, ya, "x, y (40 and 45 distinct values: exact)")
xb <- round(rnorm(60, 50, 10), 6); yb <- round(rnorm(30, 55, 10), 6)
w_case("normal-50", xb, yb, "x (n = 60), y (n = 30): normal approximation with continuity correction")
w_case("lalonde-re74", lalonde$re74[lalonde$treat == 1], lalonde$re74[lalonde$treat == 0], "re74[treat == 1], re74[treat == 0], data = lalonde")
w_case("lalonde-age", lalonde$age[lalonde$treat == 1], lalonde$age[lalonde$treat == 0], "age[treat == 1], age[treat == 0], data = lalonde")

tab_case <- function(name, m, call) {
  cs <- suppressWarnings(chisq.test(m))
  fi <- fisher.test(m)
  write_fixture("tests", paste0("table-", name), sprintf("chisq.test(%s); fisher.test(%s)", call, call),
                input = list(table = lapply(seq_len(nrow(m)), function(i) as.numeric(m[i, ]))),
                expected = list(chisq = list(statistic = num(cs$statistic), df = num(cs$parameter), p = cs$p.value,
                                             method = cs$method, expected = lapply(seq_len(nrow(m)), function(i) as.numeric(cs$expected[i, ]))),
                                fisher = list(p = fi$p.value)),
                packages = c("stats"))
}
tab_case("2x2", matrix(c(12, 7, 5, 9), 2), "matrix(c(12, 7, 5, 9), 2)")
tab_case("2x2-small", matrix(c(3, 1, 1, 3), 2), "matrix(c(3, 1, 1, 3), 2)")
tab_case("2x2-yates-small-diff", matrix(c(10, 10, 10, 11), 2), "matrix(c(10, 10, 10, 11), 2)")
tab_case("2x2-zero-cell", matrix(c(0, 8, 6, 4), 2), "matrix(c(0, 8, 6, 4), 2)")
tab_case("2x2-large", matrix(c(120, 85, 60, 140), 2), "matrix(c(120, 85, 60, 140), 2)")
tab_case("3x2", matrix(c(5, 2, 8, 1, 6, 3), 3), "matrix(c(5, 2, 8, 1, 6, 3), 3)")
tab_case("2x3", matrix(c(4, 1, 0, 5, 3, 2), 2), "matrix(c(4, 1, 0, 5, 3, 2), 2)")
tab_case("3x3", matrix(c(3, 1, 2, 0, 4, 1, 2, 2, 5), 3), "matrix(c(3, 1, 2, 0, 4, 1, 2, 2, 5), 3)")
tab_case("4x2", matrix(c(7, 3, 2, 1, 2, 6, 4, 5), 4), "matrix(c(7, 3, 2, 1, 2, 6, 4, 5), 4)")
tab_case("4x3", matrix(c(2, 3, 1, 4, 5, 0, 2, 3, 1, 2, 4, 2), 4), "matrix(c(2, 3, 1, 4, 5, 0, 2, 3, 1, 2, 4, 2), 4)")
tab_case("3x4-n119", matrix(c(10, 11, 9, 12, 7, 10, 8, 13, 8, 9, 10, 12), 3), "matrix(c(10, 11, 9, 12, 7, 10, 8, 13, 8, 9, 10, 12), 3)")
tab_case("3x5-n85", matrix(c(5, 4, 6, 6, 6, 3, 7, 5, 5, 4, 7, 4, 3, 6, 8), 3), "matrix(c(5, 4, 6, 6, 6, 3, 7, 5, 5, 4, 7, 4, 3, 6, 8), 3)")
tab_case("5x2-n166", matrix(c(20, 18, 14, 16, 12, 15, 22, 19, 13, 17), 5), "matrix(c(20, 18, 14, 16, 12, 15, 22, 19, 13, 17), 5)")
tab_case("lalonde-race", unclass(table(lalonde$race, lalonde$treat)), "table(lalonde$race, lalonde$treat)")
tab_case("lalonde-married", unclass(table(lalonde$married, lalonde$treat)), "table(lalonde$married, lalonde$treat)")
cat("tests fixtures written\n")
