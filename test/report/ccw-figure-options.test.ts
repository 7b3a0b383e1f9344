/**
 * The clone–censor–weight figure follows the spec's figure options as every Kaplan–Meier figure does (found by the
 * issue-19 figures review: it drew with the defaults whatever `figures` said).
 */
import { describe, expect, it } from "vitest";
import { buildReportModel } from "../../src/report/render.js";
import { exampleResults } from "./render-study.js";
import { findAll, hasClass, parseXml } from "./plots/xml.js";

const ticks = (svg: string): number[] =>
  findAll(parseXml(svg), (e) => hasClass(e, "tick-label"))
    .map((e) => Number(e.text))
    .filter(Number.isFinite);

describe("clone–censor–weight figure: the spec's figures options", () => {
  const base = exampleResults();
  const ccw = (figures: Record<string, unknown> | undefined) => {
    const r = { ...base, spec: { ...base.spec, ...(figures ? { figures: { ...base.spec.figures, ...figures } } : {}) } };
    const f = buildReportModel(r as typeof base).figures.find((x) => x.id === "ccw");
    if (f === undefined) throw new Error("no ccw figure");
    return f;
  };
  it("xMax and breakBy set the time axis", () => {
    const before = ticks(ccw(undefined).svg);
    const after = ticks(ccw({ xMax: 48, breakBy: 6 }).svg);
    expect(Math.max(...before)).toBeGreaterThan(48);
    expect(after).toEqual(expect.arrayContaining([0, 6, 12, 18, 24, 30, 36, 42, 48]));
    expect(Math.max(...after)).toBe(48);
  });
  it("minAtRisk cuts the curves and the caption says so", () => {
    expect(ccw({ minAtRisk: 15 }).caption).toContain("fewer than 15 patients");
    expect(ccw({ minAtRisk: 15 }).svg).not.toBe(ccw(undefined).svg);
  });
});
