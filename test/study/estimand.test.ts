/**
 * Issue 13, items 4 and 7, on the example study: the caliper-matched analysis keeps 11 of 40 treated
 * patients, so it is the matched treated (ATM), not the ATT, everywhere (results.json, the effects table,
 * the methods text); matching every treated patient gives ATT; marginal vs conditional HRs; no "doubly
 * robust"; and a bootstrap whose replicates diverge prints "not estimable by bootstrap (k of B replicates
 * failed)" instead of an absurd interval.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { readFileSync } from "node:fs";
import { methodsText } from "../../src/report/methods-text.js";
import { buildReportModel, effectRows } from "../../src/report/render.js";
import { effectsTable } from "../../src/report/tables.js";
import { schemeNotEstimand } from "../../src/report/sections-effects.js";
import type { StudyResults } from "../../src/study/run.js";
import { EXAMPLE_SPEC, ROOT, runSpecFile } from "../report/render-study.js";

const dir = mkdtempSync(join(tmpdir(), "survinfer-estimand-"));

/** The example spec without the long-term analyses (faster), with `edit` applied to analyses.propensity. */
/** `floor0`: analyses.safeguards.epvFloor 0, so that the covariate-adjusted models (EPV 1.3–2.9) are fitted (src/study/effects-epv.ts). */
function variant(name: string, edit: (propensity: Record<string, unknown>) => void, floor0 = false): StudyResults {
  const spec = parse(readFileSync(EXAMPLE_SPEC, "utf8")) as Record<string, Record<string, unknown>>;
  spec.data.file = join(ROOT, "examples", "lms-metastasectomy", String(spec.data.file));
  for (const k of ["competingRisks", "cure", "prediction", "recurrent"]) delete spec.analyses[k];
  if (floor0) spec.analyses.safeguards = { epvFloor: 0 };
  edit(spec.analyses.propensity as Record<string, unknown>);
  const path = join(dir, `${name}.yaml`);
  writeFileSync(path, stringify(spec));
  return runSpecFile(path);
}

function effectsSectionText(r: StudyResults): string {
  const { model, tables } = buildReportModel(r);
  const section = model.sections.find((s) => s.id === "effects")!;
  const effects = tables.find((t) => t.id === "effects")!.table;
  return JSON.stringify(section) + JSON.stringify(effects);
}

describe("the example's caliper-matched analysis is the matched treated (ATM)", () => {
  const r = variant("example", () => undefined);
  const eff = r.analyses.effects!;

  it("results.json: estimand ATM with 11 of 40 treated kept and 29 discarded", () => {
    expect(eff.matched).toMatchObject({ nTreated: 11, estimand: "ATM", treatedDiscarded: 29 });
    for (const id of ["matched", "matchedStratified", "matchedAdjusted"]) {
      expect(eff.estimates.find((e) => e.id === id)).toMatchObject({ estimand: "ATM", treatedKept: 11, treatedDiscarded: 29 });
    }
    expect(eff.estimates.find((e) => e.id === "matched")!.hrType).toBe("marginal");
    expect(eff.estimates.find((e) => e.id === "matchedStratified")!.hrType).toBe("conditional");
    expect(eff.estimates.find((e) => e.id === "weightedAdjusted")!.hrType).toBe("conditional");
  });

  it("the effects table and forest plot say ATM with the counts, never ATT or doubly robust", () => {
    // without a design bias (as results.json has them), the estimands
    expect(effectRows({ ...eff, biasedByDesign: null }).map((x) => x.estimand)).toContain("ATM: 11 of 40 treated patients kept; marginal HR");
    // the example compares by treatment ever received (biased by design, immortal time): its rows name the matched
    // sample with the counts and the weights, not a causal estimand (issue 19, session 11)
    const text = effectsSectionText(r);
    expect(text).toContain("matched sample: 11 of 40 treated patients kept; marginal HR; not a causal effect here (immortal time)");
    expect(text).toContain("PS-matched Cox (matched sample, marginal HR)");
    expect(text).toContain("IPTW Cox adjusted for covariates (ATE weights, conditional HR; robust SE)");
    expect(text).not.toContain("ATT");
    expect(text).not.toMatch(/doubly robust(?! estimat)/i);
    expect(text).not.toMatch(/had they (not )?been treated|their hazard if treated/);
  });

  it("the forest plot keeps each row's estimand visible (long labels wrap, never cut)", () => {
    const svg = buildReportModel(r).figures.find((f) => f.id === "forest-effects")!.svg;
    // a long label wraps onto lines (tspans): its text is the lines joined
    const labels = [...svg.matchAll(/<text[^>]*class="row-label"[^>]*>([\s\S]*?)<\/text>/g)].map((m) => m[1].replace(/<[^>]+>/g, ""));
    expect(labels).toHaveLength(eff.estimates.length);
    // (biased by design: the weights or the matched sample in place of the estimand, schemeNotEstimand)
    eff.estimates.forEach((e, i) => expect(labels[i]).toContain(/ (\([^()]+\))$/.exec(schemeNotEstimand(e.label, e))![1]));
  });

  it("the methods text explains ATM and marginal vs conditional HRs", () => {
    const t = methodsText(r);
    expect(t).toContain("Matching discarded 29 of 40 treated patients without an acceptable match, so the matched analyses estimate the effect in the matched treated patients (ATM: 11 of 40 treated patients kept), not the average effect in the treated (ATT).");
    expect(t).toContain("non-collapsible (Hernán 2010)");
    expect(t).toMatch(/marginal \(population-averaged\) hazard ratios/);
    expect(t).not.toContain("Bootstrap percentile intervals");
  });
});

describe("matching that keeps every treated patient is the ATT", () => {
  it("with replacement and no caliper: ATT, 0 of 40 discarded", () => {
    const r = variant("att", (p) => {
      p.matching = { ratio: 1, caliper: null, distance: "logit", replace: true, order: "largest" };
    });
    const eff = r.analyses.effects!;
    expect(eff.matched).toMatchObject({ nTreated: 40, estimand: "ATT", treatedDiscarded: 0 });
    const m = eff.estimates.find((e) => e.id === "matched")!;
    expect(m).toMatchObject({ estimand: "ATT", label: "PS-matched Cox (ATT, marginal HR)", estimandLabel: "ATT; marginal HR", treatedKept: 40, treatedDiscarded: 0 });
    expect(methodsText(r)).toContain("Matching kept all 40 treated patients, so the matched analyses estimate the effect in the treated (ATT).");
  });
});

describe("a bootstrap whose replicates diverge says so", () => {
  // the bootstrap's failure counts of the adjusted matched model (10 events for 8 parameters: refused at the default floor)
  const r = variant(
    "boot",
    (p) => {
      p.bootstrap = { replicates: 40 };
    },
    true,
  );
  const eff = r.analyses.effects!;

  it("the covariate-adjusted matched HR (11 matched pairs) is not estimable by bootstrap: no limits, k of B in results.json", () => {
    const adj = eff.estimates.find((e) => e.id === "matchedAdjusted")!;
    expect(adj.bootstrap).toMatchObject({ estimable: false, lower: null, upper: null, replicates: 40 });
    expect(adj.bootstrap!.failed).toBeGreaterThan(4);
    expect(adj.bootstrap!.note).toBe(`not estimable by bootstrap (${adj.bootstrap!.failed} of 40 replicates failed)`);
    expect(eff.bootstrap!.maxFailedShare).toBe(0.1);
    expect(eff.bootstrap!.intervals.find((i) => i.name === "logHR:matchedAdjusted")).toMatchObject({ failed: adj.bootstrap!.failed, estimable: false });
    expect(r.warnings).toContain(`treatment effects: ${adj.label}: ${adj.bootstrap!.note}`);
    // survival differences carry their failed count too
    const sd = eff.matched!.survival.survDifference;
    eff.matched!.survival.times.forEach((t, j) => {
      const iv = eff.bootstrap!.intervals.find((i) => i.name === `matched:survDifference@${t}`)!;
      expect(sd[j].bootstrapFailed).toBe(iv.failed);
      if (!iv.estimable) expect([sd[j].lower, sd[j].upper]).toEqual([null, null]);
    });
  });

  it("the report prints the failure instead of an interval, and no bootstrap limit beyond 1e4", () => {
    const table = effectsTable(effectRows(eff), { confLevel: 0.95 });
    const col = table.headers[0].indexOf("Bootstrap 95% CI");
    const cells = table.rows.map((row) => row[col]);
    const adj = eff.estimates.findIndex((e) => e.id === "matchedAdjusted");
    expect(cells[adj]).toBe(eff.estimates[adj].bootstrap!.note);
    for (const cell of cells) {
      for (const num of cell.match(/\d[\d,]*\.?\d*/g) ?? []) if (!/replicates/.test(cell)) expect(Number(num.replace(/,/g, ""))).toBeLessThan(1e4);
    }
    // an interval given with some failed replicates carries a footnote naming k
    eff.estimates.forEach((e, i) => {
      if (e.bootstrap!.estimable && e.bootstrap!.failed > 0) {
        expect(cells[i]).toMatch(/†$/);
        expect(table.footnotes!.join(" ")).toContain(`${e.bootstrap!.failed} of 40 bootstrap replicates failed or diverged`);
      }
    });
    expect(methodsText(r)).toContain("more than 10% such replicates is reported as not estimable by bootstrap");
  });
});
