# Rosenbaum bounds against the published examples, computed with the published code itself (not a
# restatement): P. R. Rosenbaum's own senWilcox / senWilcoxExact (CRAN package DOS2 0.5.2, which its
# documentation says reproduces Section 3.5 of "Design of Observational Studies", 2nd ed., and
# parts of Tables 4.3-4.4 of "Observational Studies", 2nd ed., 2002) on its bundled data, and L. Keele's
# psens / binarysens (CRAN package rbounds 2.2, whose examples replicate Chapter 4 of Rosenbaum 2002:
# the lead data, 33 pairs, and the smoking example with 110 and 12 discordant pairs, p. 112).
# Neither package is in Debian, so this script sources their R files and data from source checkouts:
#   git clone https://github.com/cran/DOS2; git clone https://github.com/cran/rbounds
#   Rscript tools/oracle/rosenbaum-published.R <path to DOS2> <path to rbounds>
# Writes test/fixtures/sensitivity/published-*.json.
args <- commandArgs(trailingOnly = TRUE)
stopifnot(length(args) == 2)
dos2 <- normalizePath(args[1]); rb <- normalizePath(args[2])
a0 <- commandArgs(trailingOnly = FALSE)
here <- dirname(normalizePath(sub("^--file=", "", a0[grep("^--file=", a0)])))
source(file.path(here, "common.R"))
version_of <- function(dir) read.dcf(file.path(dir, "DESCRIPTION"))[1, "Version"]

write_pub <- function(name, call, source_note, input, expected) {
  dir <- file.path(oracle_root(), "test", "fixtures", "sensitivity")
  obj <- list(call = call, r_version = R.version.string, packages = list(DOS2 = version_of(dos2), rbounds = version_of(rb)),
              source = source_note, input = input, expected = expected)
  writeLines(toJSON(obj, auto_unbox = TRUE, digits = NA, na = "null", null = "null"), file.path(dir, paste0(name, ".json")))
}

source(file.path(dos2, "R", "senWilcox.R"))
source(file.path(rb, "R", "psens.R")); source(file.path(rb, "R", "binarysens.R"))
e <- new.env(); load(file.path(dos2, "data", "werfel.rda"), envir = e); load(file.path(dos2, "data", "lead.rda"), envir = e)
werfel <- e$werfel; lead <- e$lead

# Werfel et al. (1998) welders, 39 pairs: DOS 2nd ed. Section 3.5 (large-sample bound, gamma = 3 in the book)
d <- werfel$serpc_p - werfel$cerpc_p
gammas <- c(1, 1.5, 2, 3, 4, 5)
write_pub("published-werfel-senwilcox",
  "DOS2::senWilcox(d, gamma = g)$pval, d <- werfel$serpc_p - werfel$cerpc_p",
  "Rosenbaum (2020) Design of Observational Studies, 2nd ed., Section 3.5 (large-sample bound); computed by the author's code (DOS2)",
  list(treated = werfel$serpc_p, control = werfel$cerpc_p, gammas = gammas),
  list(pUpper = sapply(gammas, function(g) senWilcox(d, gamma = g)$pval)))

# Lead (Morton et al. 1982), 33 pairs, Rosenbaum (2002) Section 4.3: rbounds' own psens (zero differences dropped,
# p-values rounded to 4 digits by psens) and DOS2's senWilcox (zero differences ranked, then given score 0)
gl <- 1:6
ps <- psens(lead$exposed, lead$control, Gamma = 6, GammaInc = 1)
write_pub("published-lead-psens",
  "rbounds::psens(lead$exposed, lead$control, Gamma = 6, GammaInc = 1)$bounds; DOS2::senWilcox(lead$dif, gamma = g)$pval",
  "Rosenbaum (2002) Observational Studies, 2nd ed., Section 4.3 (lead data as bundled in DOS2); psens by L. Keele (rbounds), senWilcox by P. R. Rosenbaum (DOS2)",
  list(treated = lead$exposed, control = lead$control, gammas = gl),
  list(psensLower = ps$bounds[["Lower bound"]], psensUpper = ps$bounds[["Upper bound"]],
       senWilcoxUpper = sapply(gl, function(g) senWilcox(lead$dif, gamma = g)$pval)))

# Smoking and lung cancer (Hammond 1964), 122 discordant pairs: Rosenbaum (2002) p. 112, rbounds' example
bs <- binarysens(12, 110, Gamma = 6, GammaInc = 1)
write_pub("published-smoking-binarysens",
  "rbounds::binarysens(12, 110, Gamma = 6, GammaInc = 1)$bounds",
  "Rosenbaum (2002) Observational Studies, 2nd ed., p. 112 (Hammond 1964: 110 pairs in which only the smoker died of lung cancer, 12 in which only the non-smoker did); binarysens by L. Keele (rbounds)",
  list(tested = 110, other = 12, gammas = 1:6),
  list(lower = bs$bounds[["Lower bound"]], upper = bs$bounds[["Upper bound"]]))
