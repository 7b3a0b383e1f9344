# Rosenbaum bounds for 1:k matched sets (src/sensitivity/matched-sets.ts) against P. R. Rosenbaum's own code:
# sensitivitymv 1.4.3 (CRAN; not in Debian), whose senmv examples reproduce parts of Table 1 of Rosenbaum (2007,
# Biometrics 63:456-464: welders, erpcp, 39 matched pairs) and use the NHANES mercury data
# (397 sets of 1 treated and 2 controls; Rosenbaum 2014). This script sources the package's R files and data
# from a source checkout and writes, per example, senmv's M-scores (mscorev, the scores the bound is computed
# on) and the bound of separable1v at each gamma: test/fixtures/sensitivity/published-senmv-*.json.
#   git clone https://github.com/cran/sensitivitymv
#   Rscript tools/oracle/rosenbaum-matched-sets.R <path to sensitivitymv>
args <- commandArgs(trailingOnly = TRUE)
stopifnot(length(args) == 1)
smv <- normalizePath(args[1])
a0 <- commandArgs(trailingOnly = FALSE)
here <- dirname(normalizePath(sub("^--file=", "", a0[grep("^--file=", a0)])))
source(file.path(here, "common.R"))
for (f in list.files(file.path(smv, "R"), full.names = TRUE)) source(f)
e <- new.env()
for (d in c("erpcp", "mercury")) load(file.path(smv, "data", paste0(d, ".rda")), envir = e)
version <- read.dcf(file.path(smv, "DESCRIPTION"))[1, "Version"]

one <- function(name, y, trim, gammas, note) {
  ms <- mscorev(y, inner = 0, trim = trim, qu = 1/2, TonT = FALSE)
  sets <- lapply(seq_len(nrow(ms)), function(i) { r <- as.vector(unlist(ms[i, ])); r[!is.na(r)] })
  res <- lapply(gammas, function(g) senmv(y, gamma = g, trim = trim))
  obj <- list(call = sprintf("sensitivitymv::senmv(%s, gamma = g, trim = %s) and mscorev(%s, trim = %s)", name, trim, name, trim),
              r_version = R.version.string, packages = list(sensitivitymv = version), source = note,
              input = list(sets = sets, gammas = gammas),
              expected = list(pval = sapply(res, `[[`, "pval"), deviate = sapply(res, `[[`, "deviate"),
                              statistic = res[[1]]$statistic, expectation = sapply(res, `[[`, "expectation"),
                              variance = sapply(res, `[[`, "variance")))
  writeLines(toJSON(obj, auto_unbox = TRUE, digits = NA), file.path(oracle_root(), "test", "fixtures", "sensitivity", paste0("published-senmv-", name, ".json")))
}
one("erpcp", e$erpcp, 1, c(1, 2, 3, 4), "Rosenbaum (2007) Biometrics, Table 1 (senmv's example: gamma = 2 and 3, trim = 1)")
one("mercury", e$mercury, 2.5, c(1, 5, 10, 15, 20), "NHANES mercury, 397 sets of 1 treated and 2 controls (senmv's example, gamma = 15, Huber scores)")
