/**
 * A treatment-effect model whose Cox fit diverges (here the covariate-adjusted Cox on 18 exactly matched
 * patients with 6 events, which runs out of iterations) is refused, not printed: no HR, CI, p or E-value
 * in results.json, "not estimable: …" in the effects table, summary.txt and the warnings (found by a
 * referee read, where it printed HR 3.6e25 with an E-value of 1.7e13).
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { buildReportModel } from "../../src/report/render.js";
import { summaryText } from "../../src/cli/commands/run.js";
import { schemeNotEstimand } from "../../src/report/sections-effects.js";
import { EXAMPLE_SPEC, ROOT, runSpecFile } from "../report/render-study.js";

const dir = mkdtempSync(join(tmpdir(), "survinfer-not-estimable-"));
const spec = parse(readFileSync(EXAMPLE_SPEC, "utf8")) as Record<string, Record<string, unknown>>;
spec.data.file = join(ROOT, "examples", "lms-metastasectomy", String(spec.data.file));
for (const k of ["competingRisks", "cure", "prediction", "recurrent"]) delete spec.analyses[k];
const propensity = spec.analyses.propensity as Record<string, Record<string, unknown>>;
propensity.matching.exact = ["timing"];
// the divergence rule, not the events-per-parameter floor (6 events for 8 parameters would refuse the model first)
spec.analyses.safeguards = { epvFloor: 0 };
const path = join(dir, "study.yaml");
writeFileSync(path, stringify(spec));
const r = runSpecFile(path);
const effects = r.analyses.effects!;
const adjusted = effects.estimates.find((e) => e.id === "matchedAdjusted")!;

describe("a diverged treatment-effect model is not estimable", () => {
  it("has no HR, CI, p or E-value, and says why, with its events and patients", () => {
    expect(adjusted.notEstimable).toBe(`not estimable: the treatment coefficient did not converge to a finite value (${adjusted.nEvents} events among ${adjusted.n} patients)`);
    expect([adjusted.coef, adjusted.se, adjusted.hr, adjusted.lower, adjusted.upper, adjusted.p, adjusted.eValue]).toEqual([null, null, null, null, null, null, null]);
    expect(adjusted.warnings.some((w) => w.includes(adjusted.notEstimable!))).toBe(true);
  });

  it("the converged estimates keep their numbers", () => {
    for (const e of effects.estimates.filter((x) => x.id !== "matchedAdjusted")) {
      expect(e.notEstimable, e.id).toBeNull();
      expect(e.hr, e.id).not.toBeNull();
      expect(Math.abs(Math.log(e.hr!))).toBeLessThan(10);
    }
  });

  it("the effects table and summary.txt say 'not estimable' and print no huge number", () => {
    const table = buildReportModel(r).tables.find((t) => t.id === "effects")!.table;
    // (the example is biased by design: the row names its matched sample, not the estimand, issue 19 session 11)
    const label = effects.biasedByDesign ? schemeNotEstimand(adjusted.label, adjusted) : adjusted.label;
    const row = table.rows.find((x) => x[0] === label || x[0].startsWith(`${label} — `))!;
    expect(row[1]).toContain("not estimable");
    expect(row.join(" ")).not.toMatch(/e\+\d|\d{7,}/);
    const line = summaryText(r).split("\n").find((l) => l.includes(label))!;
    expect(line).toContain("not estimable");
    expect(line).not.toMatch(/e\+\d/);
  });
});

describe("the forest plot of the effects", () => {
  it("draws the diverged model as a 'not estimable' row, not a point", () => {
    const fig = buildReportModel(r).model.sections.flatMap((s) => s.blocks).find((b) => b.kind === "figure" && b.figure.id === "forest-effects");
    expect(fig).toBeDefined();
    const svg = fig!.kind === "figure" ? fig!.figure.svg : "";
    expect(svg).toContain("not estimable");
    expect(svg).not.toMatch(/e\+\d/);
  });
});

describe("the Read first list", () => {
  it("lists the not-estimable model once, without repeating its label", () => {
    const entries = buildReportModel(r).model.readFirst ?? [];
    const mine = entries.filter((e) => e.text.includes(adjusted.notEstimable!));
    expect(mine).toHaveLength(1);
    // named as the table names the row: by its matched sample when the study is biased by design (session 12, Read first)
    const label = effects.biasedByDesign ? schemeNotEstimand(adjusted.label, adjusted) : adjusted.label;
    expect(mine[0].text).not.toContain(`${label}: ${label}:`);
    expect(mine[0].text.startsWith(`${label}: `)).toBe(true);
  });
});
