/**
 * `tt(x)` terms of a Cox formula: a time-varying coefficient, x·g(t) evaluated in each risk set at the
 * event time t, as survival::coxph(..., tt = function(x, t, ...) x * g(t)). g is one of a small set:
 * "log" (default, x·log t), "identity" (x·t) or "sqrt" (x·√t). `tt(x, cut = c(c1, c2, ...))` gives a step
 * function instead: one column per interval (0, c1], (c1, c2], ..., (c_k, ∞) holding x·1{t in interval},
 * the coefficients of survSplit(cut = ...) + coxph(... ~ x:strata(tgroup)).
 */
import { SurvinferError } from "../errors.js";
import { deparse, type CallExpr, type Expr } from "./expr.js";
import { formatRNumber } from "./format-number.js";

export type TtFunction = "log" | "identity" | "sqrt";
export const TT_FUNCTIONS: readonly TtFunction[] = ["log", "identity", "sqrt"];

export type TtSpec = { readonly x: Expr; readonly fn: TtFunction } | { readonly x: Expr; readonly cut: readonly number[] };

function ttError(text: string, e: Expr, message: string): SurvinferError {
  return new SurvinferError({
    code: "FORMULA_INVALID",
    message: `${deparse(e)}: ${message}`,
    value: text,
    hint: 'Write tt(x) for x·log(t), tt(x, "identity") for x·t, tt(x, "sqrt") for x·√t, or tt(x, cut = c(90, 180)) for a coefficient per time interval',
  });
}

/** Reads tt(x), tt(x, "identity"), tt(x, fn = "sqrt") or tt(x, cut = c(...)). */
export function ttCall(e: CallExpr, text: string): TtSpec {
  const names = e.argNames ?? e.args.map(() => undefined);
  if (e.args.length === 0 || names[0] !== undefined) throw ttError(text, e, "the first argument must be the covariate");
  if (e.args.length > 2) throw ttError(text, e, "too many arguments");
  const x = e.args[0];
  if (e.args.length === 1) return { x, fn: "log" };
  const a = e.args[1];
  const name = names[1] ?? "fn";
  if (name === "fn") {
    if (a.kind !== "string" || !(TT_FUNCTIONS as readonly string[]).includes(a.value)) throw ttError(text, e, `fn must be one of ${TT_FUNCTIONS.map((f) => JSON.stringify(f)).join(", ")}`);
    return { x, fn: a.value as TtFunction };
  }
  if (name !== "cut") throw ttError(text, e, `unknown argument ${name}`);
  const items = a.kind === "call" && a.fn === "c" ? a.args : [a];
  const cut = items.map((c) => {
    if (c.kind !== "number" || !(c.value > 0) || !Number.isFinite(c.value)) throw ttError(text, e, "cut points must be positive numbers");
    return c.value;
  });
  for (let k = 1; k < cut.length; k++) if (!(cut[k] > cut[k - 1])) throw ttError(text, e, "cut points must increase");
  return { x, cut };
}

/** Column-name suffixes of a step-function tt term: the intervals (0,c1], (c1,c2], ..., (ck,Inf]. */
export function ttCutSuffixes(cut: readonly number[]): string[] {
  const b = [0, ...cut, Number.POSITIVE_INFINITY];
  return b.slice(1).map((hi, k) => `(${formatRNumber(b[k])},${Number.isFinite(hi) ? formatRNumber(hi) : "Inf"}]`);
}
