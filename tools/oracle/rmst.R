# Restricted mean survival time fixtures. survRM2 is not packaged for Debian, so its published method
# (Uno et al. 2014, survRM2::rmst2 1.0-4: area under the Kaplan–Meier curve up to tau, Greenwood-type
# plug-in variance, difference / ratio / RMTL ratio with normal CIs on the identity / log scale, and the
# default-tau rule) is written out below in base R + survival; the per-group RMST and SE are
# cross-checked against survival's own summary(survfit(...), rmean = tau)$table.
# Run: Rscript tools/oracle/rmst.R  -> test/fixtures/r/rmst/*.json
args <- commandArgs(trailingOnly = FALSE); here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)]))); source(file.path(here, "common.R"))
suppressPackageStartupMessages(library(survival))

codes <- function(f) { x <- as.integer(f) - 1L; x[is.na(x)] <- -1L; x }

# One arm: RMST = sum of rectangles under the KM step function on [0, tau];
# var = sum over KM times t_i <= tau of (area from t_i to tau)^2 * d_i / (Y_i (Y_i - d_i)), the term
# taken as 0 when Y_i = d_i (survRM2's rule).
rmst_one_arm <- function(time, status, tau, alpha) {
  km <- survfit(Surv(time, status) ~ 1)
  keep <- km$time <= tau
  knots <- c(km$time[keep], tau)
  widths <- diff(c(0, knots))
  pieces <- widths * c(1, km$surv[keep])
  y <- km$n.risk[keep]; d <- km$n.event[keep]
  h <- ifelse(y - d == 0, 0, d / (y * (y - d)))
  area_after <- rev(cumsum(rev(pieces[-1])))    # area from t_i to tau
  est <- sum(pieces); v <- sum(area_after^2 * h); se <- sqrt(v); z <- qnorm(1 - alpha / 2)
  list(rmst = est, var = v, se = se, lower = est - z * se, upper = est + z * se,
       rmtl = tau - est, rmtlLower = tau - (est + z * se), rmtlUpper = tau - (est - z * se),
       n = length(time), events = sum(status))
}

# survRM2's tau rule for two arms (cases 1-4 of ?rmst2): the limit is the larger of the two largest
# observed times when the arm with the smaller one ends with events only, otherwise the smaller one.
tau_limit <- function(time, status, arm) {
  mx <- tapply(time, arm, max)
  ends_event <- sapply(split(data.frame(time, status), arm), function(a) min(a$status[a$time == max(a$time)]) == 1)
  lim <- min(c(max(mx), mx[!ends_event]))
  unname(lim)
}

contrast <- function(est, se, z, log_scale) {
  if (log_scale) {
    c(exp(est), exp(est - z * se), exp(est + z * se), 2 * pnorm(-abs(est) / se))
  } else c(est, est - z * se, est + z * se, 2 * pnorm(-abs(est) / se))
}

rmst_case <- function(name, time, status, group, tau = NULL, alpha = 0.05, call_text, note = NULL) {
  arm <- codes(group)
  lim <- tau_limit(time, status, arm)
  used_tau <- if (is.null(tau)) lim else tau
  stopifnot(used_tau <= lim)
  z <- qnorm(1 - alpha / 2)
  per <- lapply(levels(group), function(l) rmst_one_arm(time[group == l], status[group == l], used_tau, alpha))
  surv_tab <- summary(survfit(Surv(time, status) ~ group), rmean = used_tau)$table
  expected <- list(
    tau = used_tau, tauLimit = lim, groupNames = levels(group),
    rmst = sapply(per, `[[`, "rmst"), se = sapply(per, `[[`, "se"),
    lower = sapply(per, `[[`, "lower"), upper = sapply(per, `[[`, "upper"),
    rmtl = sapply(per, `[[`, "rmtl"), rmtlLower = sapply(per, `[[`, "rmtlLower"), rmtlUpper = sapply(per, `[[`, "rmtlUpper"),
    n = sapply(per, `[[`, "n"), events = sapply(per, `[[`, "events"),
    survivalRmean = unname(surv_tab[, "rmean"]), survivalSeRmean = unname(surv_tab[, "se(rmean)"]))
  if (length(per) == 2) {
    a1 <- per[[2]]; a0 <- per[[1]]   # arm 1 = second level, arm 0 = first (reference) level
    expected$difference <- contrast(a1$rmst - a0$rmst, sqrt(a1$var + a0$var), z, FALSE)
    expected$ratio <- contrast(log(a1$rmst) - log(a0$rmst), sqrt(a1$var / a1$rmst^2 + a0$var / a0$rmst^2), z, TRUE)
    expected$rmtlRatio <- contrast(log(a1$rmtl) - log(a0$rmtl), sqrt(a1$var / a1$rmtl^2 + a0$var / a0$rmtl^2), z, TRUE)
  }
  input <- list(time = time, status = status, group = arm, groupLevels = levels(group), tau = tau, confLevel = 1 - alpha)
  write_fixture("rmst", name, call = call_text, input = input, expected = expected,
                note = paste(c("survRM2::rmst2 method written in base R (survRM2 not in Debian)", note), collapse = "; "))
}

l <- survival::lung; l$st <- l$status - 1L
for (tau in list(NULL, 180, 365, 500, 700)) {
  tg <- if (is.null(tau)) "default" else tau
  rmst_case(paste0("lung-sex-tau-", tg), l$time, l$st, factor(l$sex), tau = tau,
            call_text = sprintf("rmst2(lung$time, lung$status - 1, lung$sex - 1, tau = %s)", if (is.null(tau)) "NULL" else tau))
}
rmst_case("lung-sex-tau-365-alpha10", l$time, l$st, factor(l$sex), tau = 365, alpha = 0.1,
          call_text = "rmst2(lung$time, lung$status - 1, lung$sex - 1, tau = 365, alpha = 0.1)")
v <- survival::veteran
for (tau in list(NULL, 90, 180, 365)) {
  tg <- if (is.null(tau)) "default" else tau
  rmst_case(paste0("veteran-trt-tau-", tg), v$time, v$status, factor(v$trt), tau = tau,
            call_text = sprintf("rmst2(veteran$time, veteran$status, veteran$trt - 1, tau = %s)", if (is.null(tau)) "NULL" else tau))
}
# Edge: tau exactly at the last event time of the shorter arm (veteran trt 1: last time 553, an event).
last_ev <- max(v$time[v$trt == 1 & v$status == 1])
rmst_case("veteran-trt-tau-last-event", v$time, v$status, factor(v$trt), tau = last_ev,
          call_text = sprintf("rmst2(veteran$time, veteran$status, veteran$trt - 1, tau = %s)", last_ev),
          note = "tau equals the last event time of arm trt = 1")
# aml: Nonmaintained ends with an event at 45 (KM reaches 0), Maintained is censored at 161: the default
# tau is the larger maximum, 161 (survRM2 case 2), and the SE term with Y = d is 0.
a <- survival::aml
rmst_case("aml-x-tau-default", a$time, a$status, a$x,
          call_text = "rmst2(aml$time, aml$status, as.integer(aml$x == 'Nonmaintained'), tau = NULL)",
          note = "group order: Maintained (reference) then Nonmaintained; Nonmaintained ends with Y = d = 1 at 45")
rmst_case("aml-x-tau-100", a$time, a$status, a$x, tau = 100,
          call_text = "rmst2(aml$time, aml$status, as.integer(aml$x == 'Nonmaintained'), tau = 100)")
o <- survival::ovarian
rmst_case("ovarian-rx-tau-default", o$futime, o$fustat, factor(o$rx),
          call_text = "rmst2(ovarian$futime, ovarian$fustat, ovarian$rx - 1, tau = NULL)")
# More than two groups: per-group RMST only (survRM2 compares two arms).
rmst_case("veteran-celltype-tau-100", v$time, v$status, v$celltype, tau = 100,
          call_text = "per-group rmst1(...) for veteran by celltype, tau = 100 (survRM2's one-arm method)")
