/**
 * End to end: the example spec through runStudy (as `survinfer run` reads it) and renderReport; the
 * numbers the report shows equal the results object, and the key ones R's (fixture
 * example/lms-metastasectomy, tools/oracle/example.R: survfit at 12/36/60 months, survdiff).
 */
import { describe, expect, it } from "vitest";
import { renderReport } from "../../src/report/render.js";
import { toFixedR } from "../../src/report/table1.js";
import { pPhrase } from "../../src/report/number-format.js";
import { loadFixture } from "../helpers/fixtures.js";
import { exampleResults } from "./render-study.js";

interface Expected {
  km: { strata: string[]; time: number[]; surv: number[]; lower: number[]; upper: number[] };
  logrank: { chisq: number };
}

const pc = (x: number): string => toFixedR(100 * x, 1);

describe("report of the example study", () => {
  const r = exampleResults();
  const fx = loadFixture<unknown, Expected>("example", "lms-metastasectomy");

  it("shows the 60-month survival per arm as the results have it and as R computes it", async () => {
    const html = (await renderReport(r))["report.html"] as string;
    const km = r.analyses.km!;
    for (const s of km.strata) {
      const at = s.at.find((a) => a.time === 60)!;
      const cell = `${pc(at.surv!)} (${pc(at.lower!)}–${pc(at.upper!)})`;
      const shown = r.spec.labels?.metastasectomy?.[s.name] ?? s.name; // the spec's level label ("no" → "No metastasectomy")
      expect(html).toContain(`<tr><td>${shown}</td><td>${s.n}</td><td>${s.events}</td>`);
      expect(html).toContain(`<td>${cell}</td>`);
      // R: survfit(...) at 60 months, treat = 0 ("no") / 1 ("yes")
      const k = fx.expected.km.time.findIndex((t, i) => t === 60 && fx.expected.km.strata[i] === (s.name === "no" ? "treat=0" : "treat=1"));
      expect(cell).toBe(`${pc(fx.expected.km.surv[k])} (${pc(fx.expected.km.lower[k])}–${pc(fx.expected.km.upper[k])})`);
    }
  });

  it("shows the log-rank test, the median follow-up and the Cox HRs of the results", async () => {
    const files = await renderReport(r);
    const html = files["report.html"] as string;
    const lr = r.analyses.logrank!;
    expect(html).toContain(`χ² = ${toFixedR(lr.chisq, 2)} (1 df), ${pPhrase(lr.p)}`);
    expect(pPhrase(lr.p)).toBe("p = 0.44"); // two significant digits (src/report/number-format.ts)
    expect(toFixedR(lr.chisq, 2)).toBe(toFixedR(fx.expected.logrank.chisq, 2));
    const fu = r.endpoints[0].followUp.strata[0].median;
    expect(html).toContain(`Median follow-up (reverse Kaplan–Meier): ${toFixedR(fu.estimate!, 1)} (${toFixedR(fu.lower!, 1)}–${toFixedR(fu.upper!, 1)}) months.`);
    const n5 = r.analyses.cox!.univariable.find((u) => u.dichotomised && u.covariate === "n_lung_mets")!.result.fit.terms[0];
    expect(html).toContain(`<td>${n5.hr!.toFixed(2)} (${n5.lower!.toFixed(2)}–${n5.upper!.toFixed(2)})</td>`);
    const csv = files["tables/survival.csv"] as string;
    expect(csv.startsWith("\uFEFF")).toBe(true); // UTF-8 byte-order mark for Excel on Windows
    // the first line is the table's title with its qualifiers (referee A9), then the header
    expect(csv.slice(1).split("\r\n")[0]).toMatch(/^"?Overall survival: survival estimates by Pulmonary metastasectomy, biased by design \(immortal time\)/);
    expect(csv.slice(1).split("\r\n")[1]).toBe("Pulmonary metastasectomy,n,Events,\"Median, months (95% CI)\",\"12-month survival, % (95% CI)\",\"36-month survival, % (95% CI)\",\"60-month survival, % (95% CI)\"");
    // the Excel dialect: ";" between fields, decimal commas, the same byte-order mark
    const excel = (await renderReport(r, { excel: true }))["tables/survival.csv"] as string;
    expect(excel.split("\r\n")[1].startsWith("Pulmonary metastasectomy;n;Events;Median, months (95% CI);")).toBe(true);
    expect(excel.startsWith("\uFEFF")).toBe(true);
    const firstRow = excel.split("\r\n")[2].split(";");
    expect(firstRow[3]).toMatch(/^(\d+,\d|NR|–)/);
    expect(firstRow[3]).not.toMatch(/\d\.\d/);
  });

  it("shows the matching numbers and the unmatched reasons of the results", async () => {
    const html = (await renderReport(r))["report.html"] as string;
    const s = r.analyses.propensity!.analysis.matching!.result.steps;
    expect(html).toContain(`<td>Treated matched</td><td>${s.treatedMatched}</td>`);
    expect(html).toContain(`<td class="indent">no control within the caliper</td><td>${s.unmatchedByReason["no-control-within-caliper"]}</td>`);
    const ess = r.analyses.propensity!.analysis.weighting!.result.ess;
    expect(html).toContain(`(overall ${toFixedR(ess.overall, 1)})`);
  });
});
