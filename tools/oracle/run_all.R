# Regenerates every fixture: Rscript tools/oracle/run_all.R
# Runs each tools/oracle/*.R except this file and common.R, in alphabetical order, each in a fresh environment.
args <- commandArgs(trailingOnly = FALSE)
file_arg <- sub("^--file=", "", args[grep("^--file=", args)])
here <- dirname(normalizePath(file_arg[1]))
scripts <- sort(setdiff(list.files(here, pattern = "\\.R$"), c("run_all.R", "common.R")))
for (s in scripts) {
  cat("oracle:", s, "\n")
  status <- system2(file.path(R.home("bin"), "Rscript"), file.path(here, s))
  if (status != 0) stop("oracle script failed: ", s)
}
