/**
 * Rubin's rules over fitted models, with mice's complete-data degrees of freedom (mice 3.15.0
 * `get.dfcom`): Cox — max(nevent − p, 1) from the first fit; logistic — df.residual. The variance of a
 * Cox fit is its reported variance (robust when the fit is robust, as pool() takes tidy()'s robust.se).
 */
import type { CoxResult } from "../survival/cox/types.js";
import type { LogisticResult } from "../regression/logistic.js";
import { SurvinferError } from "../errors.js";
import { poolRubin, type PooledResult } from "./pool.js";

function sameTerms(names: readonly (readonly string[])[]): readonly string[] {
  const first = names[0];
  for (let l = 1; l < names.length; l++) {
    if (names[l].join("\u0000") !== first.join("\u0000")) {
      throw new SurvinferError({ code: "MI_POOL_INPUT", message: `completed dataset ${l + 1} gave the terms ${names[l].join(", ")}, the first gave ${first.join(", ")}: a category is absent in one imputation` });
    }
  }
  return first;
}

function finite(v: number | null, what: string, l: number): number {
  if (v === null || !Number.isFinite(v)) {
    throw new SurvinferError({ code: "MI_POOL_INPUT", message: `${what} is not estimable in completed dataset ${l + 1} (a collinear or separated covariate)` });
  }
  return v;
}

/** Pools Cox fits on the log-hazard-ratio scale (mice::pool on coxph fits). */
export function poolCox(fits: readonly CoxResult[], confLevel = 0.95): PooledResult {
  const terms = sameTerms(fits.map((f) => f.columnNames));
  const est = fits.map((f, l) => f.coef.map((c, j) => finite(c, `the coefficient of ${terms[j]}`, l)));
  const vars = fits.map((f, l) => terms.map((t, j) => finite(f.var[j][j], `the variance of ${t}`, l)));
  const dfcom = Math.max(fits[0].nEvent - terms.length, 1);
  return poolRubin(terms, est, vars, dfcom, confLevel);
}

/** Pools logistic fits on the log-odds scale (mice::pool on glm fits). */
export function poolLogistic(fits: readonly LogisticResult[], confLevel = 0.95): PooledResult {
  const terms = sameTerms(fits.map((f) => f.columnNames));
  const est = fits.map((f, l) => f.coef.map((c, j) => finite(c, `the coefficient of ${terms[j]}`, l)));
  const vars = fits.map((f, l) => terms.map((t, j) => finite(f.vcov[j][j], `the variance of ${t}`, l)));
  return poolRubin(terms, est, vars, Math.max(fits[0].dfResidual, 1), confLevel);
}
