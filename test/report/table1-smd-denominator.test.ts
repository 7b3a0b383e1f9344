/**
 * Table 1's adjusted panels share the SMD denominator of the unadjusted panel (issue 19, referee item 2): cobalt's
 * rule, σ from the UNADJUSTED sample and the same before and after adjustment (bal.tab's s.d.denom: "pooled" for
 * the ATE, "treated" for the ATT), applied to the Yang–Dalton multi-level SMD too (its covariance Σ), and the
 * footnote says so. By hand on a 12-patient example with a three-level grade.
 */
import { describe, expect, it } from "vitest";
import type { Table } from "../../src/data/table.js";
import { table1 } from "../../src/report/table1.js";
import { expectClose } from "../helpers/expect-close.js";

const grade = [1, 2, 3, 1, 2, 2, 3, 1, 3, 3, 2, 1];
const group = [1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0];
const weights = [1, 0, 1, 1, 0, 1, 1, 1, 0, 1, 1, 0];
const table: Table = {
  nRows: 12,
  columns: [{ kind: "numeric", name: "grade", values: Float64Array.from(grade) }],
  source: { file: "grade.csv" },
  rowNumbers: Int32Array.from({ length: 12 }, (_, i) => i + 2),
};
const by = { codes: Int32Array.from(group), levels: ["no", "yes"] as [string, string] };

/** Level proportions (levels 2 and 3; level 1 dropped) of group g with weights w. */
function props(g: number, w: readonly number[]): [number, number] {
  let s = 0;
  let n2 = 0;
  let n3 = 0;
  grade.forEach((x, i) => {
    if (group[i] !== g) return;
    s += w[i];
    if (x === 2) n2 += w[i];
    if (x === 3) n3 += w[i];
  });
  return [n2 / s, n3 / s];
}

/** √(dᵀ Σ⁻¹ d) for 2 × 2 Σ = average of diag(q) − q qᵀ over the denominators' proportion vectors. */
function yangDalton(p1: [number, number], p0: [number, number], denominators: [number, number][]): number {
  const cov = (q: [number, number]): number[] => [q[0] * (1 - q[0]), -q[0] * q[1], -q[0] * q[1], q[1] * (1 - q[1])];
  const S = [0, 0, 0, 0];
  for (const q of denominators) cov(q).forEach((v, k) => (S[k] += v / denominators.length));
  const det = S[0] * S[3] - S[1] * S[2];
  const inv = [S[3] / det, -S[1] / det, -S[2] / det, S[0] / det];
  const d = [p1[0] - p0[0], p1[1] - p0[1]];
  return Math.sqrt(d[0] * (inv[0] * d[0] + inv[1] * d[1]) + d[1] * (inv[2] * d[0] + inv[3] * d[1]));
}

describe("Table 1 SMDs after adjustment use the unadjusted denominator", () => {
  const variables = [{ name: "grade", kind: "categorical" as const }];
  const ones = grade.map(() => 1);
  const u1 = props(1, ones);
  const u0 = props(0, ones);

  it("the weighted panel's multi-level SMD has the unadjusted Σ (pooled for the ATE)", () => {
    const r = table1({ table, by, variables, weights: Float64Array.from(weights) }, { balance: { estimand: "ATE" } });
    const expected = yangDalton(props(1, weights), props(0, weights), [u1, u0]);
    expectClose(r.rows[0].smd, expected, { rel: 1e-12 }, "weighted Yang–Dalton SMD");
    // not the covariance of the weighted sample (the old, incomparable denominator)
    expect(Math.abs((r.rows[0].smd as number) - yangDalton(props(1, weights), props(0, weights), [props(1, weights), props(0, weights)]))).toBeGreaterThan(1e-3);
    // the unadjusted panel: the same Σ
    const un = table1({ table, by, variables }, { balance: { estimand: "ATE" } });
    expectClose(un.rows[0].smd, yangDalton(u1, u0, [u1, u0]), { rel: 1e-12 }, "unadjusted Yang–Dalton SMD");
  });

  it("follows cobalt's s.d.denom for the ATT (the unadjusted treated group)", () => {
    const r = table1({ table, by, variables, weights: Float64Array.from(weights) }, { balance: { estimand: "ATT" } });
    expectClose(r.rows[0].smd, yangDalton(props(1, weights), props(0, weights), [u1]), { rel: 1e-12 }, "ATT Yang–Dalton SMD");
  });

  it("names the denominator in the footnote", () => {
    const r = table1({ table, by, variables, weights: Float64Array.from(weights) }, { balance: { estimand: "ATE" } });
    const note = r.footnotes.find((f) => f.startsWith("SMD:")) ?? "";
    expect(note).toMatch(/pooled SD of the unadjusted treated and control groups, the same before and after adjustment/);
    expect(note).toMatch(/Yang–Dalton .*covariance Σ from the unadjusted sample/);
  });
});
