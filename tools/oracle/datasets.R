# Writes the public datasets the CLI tests read as files: test/fixtures/data/{lalonde,lung}.csv
# (MatchIt's lalonde with its row names as an id column; survival's lung with sex as text).
args <- commandArgs(trailingOnly = FALSE); here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)]))); source(file.path(here, "common.R"))
suppressPackageStartupMessages({ library(survival); library(MatchIt) })
out <- file.path(oracle_root(), "test", "fixtures", "data")
dir.create(out, recursive = TRUE, showWarnings = FALSE)
data("lalonde", package = "MatchIt")
write.csv(data.frame(id = rownames(lalonde), lalonde), file.path(out, "lalonde.csv"), row.names = FALSE, quote = TRUE)
lung2 <- survival::lung
lung2$sex <- ifelse(lung2$sex == 1, "male", "female")
write.csv(lung2, file.path(out, "lung.csv"), row.names = FALSE, na = "NA")
