/**
 * A balance verdict in words from a balance table: which covariate terms fail which threshold
 * (|SMD| < t, max(VR, 1/VR) < t, KS < t; the thresholds of `BalanceResult.options`), so a report can
 * say "After matching, 3 of 8 covariate terms remain imbalanced …" instead of leaving it to the reader.
 * Thresholds: Austin PC. Stat Med 2009;28:3083–3107 (|SMD| < 0.1); Rubin DB. Health Serv Outcomes Res
 * Methodol 2001;2:169–188 (0.5 < VR < 2). cobalt's `bal.tab(thresholds = c(m = .1, v = 2))` flags the same terms.
 */
import { BALANCE_STATS, type BalanceStatId } from "./balance-stats.js";
import type { BalanceResult, BalanceRow } from "./balance.js";

export interface BalanceVerdictItem {
  readonly variable: string;
  readonly covariate: string;
  readonly level: string | null;
  readonly smd: number;
  readonly varianceRatio: number | null;
  readonly ks: number;
  /** Statistics whose threshold the term fails. */
  readonly failed: readonly BalanceStatId[];
}

export interface BalanceVerdict {
  /** Which sample: "unadjusted", "matched" or "weighted". */
  readonly sample: "unadjusted" | "matched" | "weighted";
  readonly nTerms: number;
  readonly nImbalanced: number;
  readonly imbalanced: readonly BalanceVerdictItem[];
  readonly thresholds: Readonly<Record<BalanceStatId, number | null>>;
  /** The verdict as one sentence (labels from the caller). */
  readonly text: string;
}

const STAT_ORDER: readonly BalanceStatId[] = ["smd", "varianceRatio", "ks"];

/** Signed number with `d` decimals (default 2) and a true minus sign. */
function num(x: number, d = 2): string {
  const s = x.toFixed(d);
  return s.startsWith("-") ? `−${s.slice(1)}` : s;
}

/**
 * The decimals with which an SMD is printed so that the threshold decision can be read off the printed number
 * (issue 19): `base` (2) unless the value rounded there lands on the other side of the |SMD| threshold, then as
 * many more as it takes (at most 6). |SMD| 0.0996 is below 0.1 and is not counted as imbalanced by |SMD|: printed
 * "0.10" it would read as at the threshold, so it is printed "0.0996"; 0.1004 stays "0.10" (≥ 0.1, counted).
 * The one rule of every printed SMD: balance verdicts, the balance tables (study and landmark), Table 1.
 *
 * @example
 * ```ts
 * smdDecimals(0.0996, 0.1); // 4
 * smdDecimals(0.094, 0.1); // 2 ("0.09")
 * smdDecimals(-0.0996, 0.1); // 4
 * smdDecimals(0.0996, null); // 2
 * ```
 */
export function smdDecimals(smd: number, threshold: number | null, base = 2): number {
  if (threshold === null || !Number.isFinite(smd)) return base;
  const below = Math.abs(smd) < threshold;
  for (let d = base; d < 6; d++) if (Number(Math.abs(smd).toFixed(d)) < threshold === below) return d;
  return 6;
}

/** An SMD as the verdicts print it: signed, true minus, {@link smdDecimals} decimals against `threshold`. */
export function smdText(smd: number, threshold: number | null): string {
  return num(smd, smdDecimals(smd, threshold));
}

/** The rule in words, e.g. "|SMD| ≥ 0.1 or variance ratio outside 0.5–2". */
export function thresholdRule(thresholds: Readonly<Record<BalanceStatId, number | null>>, failing: boolean): string {
  const parts: string[] = [];
  const t = thresholds;
  if (t.smd !== null) parts.push(failing ? `|SMD| ≥ ${t.smd}` : `|SMD| < ${t.smd}`);
  if (t.varianceRatio !== null) parts.push(failing ? `variance ratio outside ${num(1 / t.varianceRatio)}–${t.varianceRatio}` : `variance ratio within ${num(1 / t.varianceRatio)}–${t.varianceRatio}`);
  if (t.ks !== null) parts.push(failing ? `KS ≥ ${t.ks}` : `KS < ${t.ks}`);
  return parts.join(failing ? " or " : " and ");
}

function failedStats(row: BalanceRow, thresholds: Readonly<Record<BalanceStatId, number | null>>): BalanceStatId[] {
  const out: BalanceStatId[] = [];
  for (const id of STAT_ORDER) {
    const th = thresholds[id];
    const v = id === "smd" ? row.smd : id === "varianceRatio" ? row.varianceRatio : row.ks;
    if (th === null || v === null || Number.isNaN(v)) continue;
    if (!(BALANCE_STATS[id].absolute(v) < th)) out.push(id);
  }
  return out;
}

const SAMPLE_WORDS: Readonly<Record<BalanceVerdict["sample"], string>> = { unadjusted: "Before adjustment", matched: "After matching", weighted: "After weighting" };

/**
 * Verdict on the `after` rows of a balance table (or `before` for sample "unadjusted").
 *
 * @example
 * ```ts
 * const v = balanceVerdict(res, "matched", (r) => r.variable, 50);
 * v.text; // "After matching (n = 50), 2 of 8 covariate terms remain imbalanced (|SMD| ≥ 0.1 or …), 1 of them with |SMD| ≥ 0.1: …"
 * ```
 */
export function balanceVerdict(
  result: Pick<BalanceResult, "before" | "after" | "options">,
  sample: BalanceVerdict["sample"],
  labelOf: (row: BalanceRow) => string,
  n?: number,
): BalanceVerdict {
  const rows = sample === "unadjusted" ? result.before : result.after ?? [];
  const thresholds = result.options.thresholds;
  const imbalanced: BalanceVerdictItem[] = [];
  const described: string[] = [];
  for (const r of rows) {
    const failed = failedStats(r, thresholds);
    if (failed.length === 0) continue;
    imbalanced.push({ variable: r.variable, covariate: r.covariate, level: r.level, smd: r.smd, varianceRatio: r.varianceRatio, ks: r.ks, failed });
    const stats = [`SMD ${smdText(r.smd, thresholds.smd)}`];
    if (failed.includes("varianceRatio") && r.varianceRatio !== null) stats.push(`variance ratio ${num(r.varianceRatio)}`);
    if (failed.includes("ks")) stats.push(`KS ${num(r.ks)}`);
    described.push(`${labelOf(r)} (${stats.join(", ")})`);
  }
  const lead = `${SAMPLE_WORDS[sample]}${n === undefined ? "" : ` (n = ${n})`}`;
  const verb = sample === "unadjusted" ? "are" : "remain";
  // with more than one criterion, how many of the terms fail the |SMD| one: the count the worsening of balance
  // (src/study/effect-flags.ts, "as many terms with |SMD| ≥ 0.1 as before") and the flags compare (issue 19)
  const several = thresholds.smd !== null && (thresholds.varianceRatio !== null || thresholds.ks !== null);
  const bySmd = several ? `, ${imbalanced.filter((x) => x.failed.includes("smd")).length} of them with |SMD| ≥ ${thresholds.smd}` : "";
  const text =
    rows.length === 0
      ? `${lead}, no covariate could be compared.`
      : imbalanced.length === 0
        ? `${lead}, all ${rows.length} covariate terms are balanced (${thresholdRule(thresholds, false)}).`
        : `${lead}, ${imbalanced.length} of ${rows.length} covariate terms ${verb} imbalanced (${thresholdRule(thresholds, true)})${bySmd}: ${described.join("; ")}.`;
  return Object.freeze({ sample, nTerms: rows.length, nImbalanced: imbalanced.length, imbalanced, thresholds, text });
}
