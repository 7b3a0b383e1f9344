/**
 * The binomial family with the logit link exactly as R's C code computes it (`stats/src/family.c`):
 * the inverse link clamps η to (−30, 30) so that μ stays in [ε/(1+ε), 1/(1+ε)], and dμ/dη is
 * floored at DBL_EPSILON. Used by the IRLS and Firth fitters so that fitted values match `glm`.
 */
export const DBL_EPSILON = 2.220446049250313e-16;
const THRESH = 30;
const MTHRESH = -30;
const INVEPS = 1 / DBL_EPSILON;

/** μ = logit⁻¹(η), R's `binomial()$linkinv` (logit_linkinv in family.c). */
export function logitLinkinv(eta: number): number {
  const tmp = eta < MTHRESH ? DBL_EPSILON : eta > THRESH ? INVEPS : Math.exp(eta);
  return tmp / (1 + tmp);
}

/** dμ/dη, R's `binomial()$mu.eta` (logit_mu_eta in family.c). */
export function logitMuEta(eta: number): number {
  const opexp = 1 + Math.exp(eta);
  return eta > THRESH || eta < MTHRESH ? DBL_EPSILON : Math.exp(eta) / (opexp * opexp);
}

/** η = log(μ/(1−μ)), R's `binomial()$linkfun`. */
export function logitLink(mu: number): number {
  return Math.log(mu / (1 - mu));
}

function yLogY(y: number, mu: number): number {
  return y !== 0 ? y * Math.log(y / mu) : 0;
}

/** Binomial deviance residual 2 w [y log(y/μ) + (1−y) log((1−y)/(1−μ))] (binomial_dev_resids). */
export function binomialDevResid(y: number, mu: number, w: number): number {
  return 2 * w * (yLogY(y, mu) + yLogY(1 - y, 1 - mu));
}

// Lanczos approximation (g = 7, n = 9), relative accuracy about 1e-15 for x > 0.
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** log Γ(x) for x > 0. */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const xm = x - 1;
  let a = LANCZOS[0];
  const t = xm + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i] / (xm + i);
  return 0.5 * Math.log(2 * Math.PI) + (xm + 0.5) * Math.log(t) - t + Math.log(a);
}

/** log dbinom(k; size, p) as R computes the binomial AIC term (k, size integers). */
export function logDbinom(k: number, size: number, p: number): number {
  if (k < 0 || k > size) return -Infinity;
  let lchoose = 0;
  if (k !== 0 && k !== size) lchoose = logGamma(size + 1) - logGamma(k + 1) - logGamma(size - k + 1);
  const a = k === 0 ? 0 : k * Math.log(p);
  const b = size - k === 0 ? 0 : (size - k) * Math.log1p(-p);
  return lchoose + a + b;
}
