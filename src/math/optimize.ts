/**
 * One-dimensional root finding, shared by the profile-likelihood limits of the Firth-penalised Cox
 * model (survival/cox-firth/profile.ts) and of Firth's logistic regression (regression/firth.ts).
 * Written by hand: a few lines, and the callers need its exact iterates (their fixtures and tests
 * depend on them), which a general-purpose package would not promise.
 */

/**
 * Brent's root finder (zeroin) on [a, b] with f(a)·f(b) ≤ 0 (`fa`, `fb` are f at a and b, already
 * evaluated); stops when half the bracket is within tol1 = 2ε|b| + tol/2 of b or f(b) = 0, or after
 * `maxIter` evaluations of f, and returns b. Inverse quadratic / secant steps guarded by bisection.
 * Brent (1973), Algorithms for Minimization without Derivatives, ch. 4; the algorithm of R's `uniroot`
 * (R_zeroin2 in src/library/stats/src/zeroin.c), with the tolerance on the abscissa only.
 *
 * @example
 * ```ts
 * const f = (x: number): number => x * x - 2;
 * brentRoot(f, 0, 2, f(0), f(2), 1e-12); // √2 to within 1e-12
 * ```
 */
export function brentRoot(f: (x: number) => number, a: number, b: number, fa: number, fb: number, tol: number, maxIter = 200): number {
  let c = a;
  let fc = fa;
  let e = b - a;
  let dd = e;
  for (let it = 0; it < maxIter; it++) {
    if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0)) {
      c = a;
      fc = fa;
      e = b - a;
      dd = e;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tol1 = 2 * Number.EPSILON * Math.abs(b) + 0.5 * tol;
    const xm = 0.5 * (c - b);
    if (Math.abs(xm) <= tol1 || fb === 0) return b;
    if (Math.abs(e) >= tol1 && Math.abs(fa) > Math.abs(fb)) {
      // inverse quadratic interpolation (secant when a = c)
      const s = fb / fa;
      let pp: number;
      let q: number;
      if (a === c) {
        pp = 2 * xm * s;
        q = 1 - s;
      } else {
        const qa = fa / fc;
        const r = fb / fc;
        pp = s * (2 * xm * qa * (qa - r) - (b - a) * (r - 1));
        q = (qa - 1) * (r - 1) * (s - 1);
      }
      if (pp > 0) q = -q;
      pp = Math.abs(pp);
      if (2 * pp < Math.min(3 * xm * q - Math.abs(tol1 * q), Math.abs(e * q))) {
        e = dd;
        dd = pp / q;
      } else {
        dd = xm;
        e = dd;
      }
    } else {
      dd = xm;
      e = dd;
    }
    a = b;
    fa = fb;
    b += Math.abs(dd) > tol1 ? dd : Math.sign(xm) * tol1;
    fb = f(b);
  }
  return b;
}
