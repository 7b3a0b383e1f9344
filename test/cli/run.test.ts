/** survinfer run: the bundled example end to end, and bad specs that must point into the YAML file. */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, copyFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { kaplanMeier } from "../../src/survival/kaplan-meier.js";
import { runCli } from "../helpers/cli.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const example = join(root, "examples", "lms-metastasectomy");
const dir = mkdtempSync(join(tmpdir(), "survinfer-run-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Results {
  schemaVersion: number;
  endpoints: { name: string; n: number; events: number; flow: { read: number; analysed: number } }[];
  analyses: { km?: { strata: { name: string; n: number; surv: number[]; at: { time: number; surv: number | null }[] }[] }; logrank?: { chisq: number; p: number } };
  warnings: string[];
}

describe("survinfer run on the example study", () => {
  it("writes results.json atomically into --out with the endpoints and analyses", async () => {
    const out = join(dir, "out");
    const r = await runCli(["run", join(example, "study.yaml"), "--out", out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("report.html");
    for (const f of ["report.html", "results.json", "summary.txt", "tables.docx", "figures/km.svg", "figures/km.png", "figures/love.svg", "tables/table1.csv"]) {
      expect(existsSync(join(out, f)), f).toBe(true);
    }
    expect(readdirSync(dir).filter((f) => f.startsWith("out.")).length).toBe(0); // no temp dirs left
    const res = JSON.parse(readFileSync(join(out, "results.json"), "utf8")) as Results;
    expect(res.schemaVersion).toBe(1);
    const os = res.endpoints.find((e) => e.name === "os")!;
    expect(os.flow.read).toBe(64);
    expect(os.n).toBe(64);
    const km = res.analyses.km!;
    expect(km.strata.map((s) => [s.name, s.n])).toEqual([["no", 20], ["yes", 44]]);
    expect(km.strata[1].at.map((a) => a.time)).toEqual([12, 36, 60]);
    const t1 = (res as unknown as { analyses: { table1: { unadjusted: { rows: { variable: string }[] }; matched: unknown; weighted: unknown } } }).analyses.table1;
    expect(t1.unadjusted.rows.map((r) => r.variable)).toEqual(["age_primary", "sex", "primary_size_mm", "n_lung_mets", "timing", "grade"]);
    expect(t1.matched).toBeDefined();
    expect(t1.weighted).toBeDefined();
    // the long-term analyses of the example: files, and their lines in summary.txt
    // (no nomogram: the example's prediction model fails the checks for use on new patients, src/study/calculator-use.ts)
    expect(existsSync(join(out, "figures/nomogram.svg"))).toBe(false);
    for (const f of ["figures/cif.svg", "figures/cure-fit.svg", "figures/calibration.svg", "figures/mcf.svg", "tables/competing-models.csv", "tables/cure-fraction.csv", "tables/prediction-performance.csv", "tables/recurrent-models.csv"]) {
      expect(existsSync(join(out, f)), f).toBe(true);
    }
    const summary = readFileSync(join(out, "summary.txt"), "utf8");
    const cure = (res as unknown as { analyses: { cure: { overall: { cureFraction: { estimate: number }; kmPlateau: number } } } }).analyses.cure;
    // the headline: the model chosen for the cure question, what it is of, its population; the model's fraction is not a
    // finding here, so the Kaplan–Meier estimate at the end of follow-up (an upper bound) leads and the model follows (referee s12 A15)
    expect(summary).toContain(
      `Cure model (Death from sarcoma (other causes censored), cause-specific model; treated patients (Metastasectomy) from the date of treatment; Weibull mixture, lowest AIC), cure fraction:\n  Metastasectomy (n = 44, 17 events): Kaplan–Meier at the end of follow-up ${(100 * cure.overall.kmPlateau).toFixed(1)}% (`,
    );
    expect(summary).toContain(`, an upper bound on the proportion cured; model ${(100 * cure.overall.cureFraction.estimate).toFixed(1)}% (`);
    // repeated operations: report, summary.txt and methods quote one Ghosh–Lin estimate (same time, same value)
    const gl = /mean number of events per patient \(Ghosh–Lin, death as terminal event\), all: (\S+) \((\S+)–(\S+)\) by (\S+) months/.exec(summary);
    expect(gl, summary).not.toBeNull();
    const html = readFileSync(join(out, "report.html"), "utf8");
    const round = (x: string, d: number): string => Number(x).toFixed(d);
    expect(html).toContain(`${round(gl![1], 2)} per patient (95% CI ${round(gl![2], 2)}–${round(gl![3], 2)}) by ${round(gl![4], 0)} months`);
    expect(html).toContain("Ghosh and Lin 2000");
    expect(summary).toMatch(/Recurrent events \(Pulmonary metastasectomy\): 23 events in 44 patients\n {2}population: treated patients \(Metastasectomy\) from the date of treatment/);
    expect(summary).toMatch(/Competing risks, Overall survival by Pulmonary metastasectomy \(n = 64\)[\s\S]*Gray's test, Sarcoma \(n = 64\): p = /);
    expect(summary).toMatch(/Prediction model \(Overall survival at 60 months\)[\s\S]*Harrell's C 0\.\d{3} \(optimism-corrected 0\.\d{3}\)/);
  });

  it("the KM in results.json is the engine's KM on the derived endpoint (no recomputation elsewhere)", async () => {
    const out = join(dir, "out2");
    await runCli(["run", join(example, "study.yaml"), "--out", out, "--json"]);
    const res = JSON.parse(readFileSync(join(out, "results.json"), "utf8")) as Results;
    const os = res.endpoints.find((e) => e.name === "os")!;
    const all = res.analyses.km!.strata.reduce((a, s) => a + s.n, 0);
    expect(all).toBe(os.n);
    const direct = kaplanMeier({ time: Float64Array.from([1, 2, 3]), status: Int32Array.from([1, 0, 1]) });
    expect(direct.strata[0].surv[0]).toBeCloseTo(2 / 3, 14);
  });

  it("never writes into the input folder and leaves the input files unchanged", async () => {
    const before = readFileSync(join(example, "cohort.csv"));
    await runCli(["run", join(example, "study.yaml"), "--out", join(dir, "out3")]);
    expect(readFileSync(join(example, "cohort.csv")).equals(before)).toBe(true);
  });
});

describe("bad specs stop with a message that points into the YAML file by line", () => {
  const spec = readFileSync(join(example, "study.yaml"), "utf8");
  const write = (name: string, text: string): string => {
    const d = mkdtempSync(join(dir, "spec-"));
    copyFileSync(join(example, "cohort.csv"), join(d, "cohort.csv"));
    writeFileSync(join(d, name), text);
    return join(d, name);
  };
  const lineOf = (text: string, needle: string): number => text.split("\n").findIndex((l) => l.includes(needle)) + 1;

  it("an unknown column names the line and suggests the nearest column", async () => {
    const bad = spec.replace("event: date_death\n", "event: date_deth\n");
    const r = await runCli(["run", write("study.yaml", bad), "--out", join(dir, "x1")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`line ${lineOf(bad, "event: date_deth")}`);
    expect(r.stderr).toContain("date_death");
    expect(existsSync(join(dir, "x1"))).toBe(false);
  });

  it("a treatment value no patient has names the treatment line", async () => {
    const bad = spec.replace('treated: "yes"', 'treated: "yess"');
    const r = await runCli(["run", write("study.yaml", bad), "--out", join(dir, "x2")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`line ${lineOf(bad, 'treated: "yess"')}`);
  });

  it("an endpoint without events is refused with its line", async () => {
    const path = write("study.yaml", spec);
    // blank every date of death and progression: no events at all
    const csv = readFileSync(join(example, "cohort.csv"), "utf8").split("\n");
    const header = csv[0].split(",");
    const blank = [header.indexOf("date_death"), header.indexOf("date_progression")];
    const rows = csv.map((line, i) => (i === 0 || line === "" ? line : line.split(",").map((v, j) => (blank.includes(j) ? "" : v)).join(",")));
    writeFileSync(join(dirname(path), "cohort.csv"), rows.join("\n"));
    const r = await runCli(["run", path, "--out", join(dir, "x3")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`line ${lineOf(spec, "  os:")}`);
    expect(r.stderr).toContain("no events");
  });

  it("a schema error (unknown key) lists the line and path", async () => {
    const bad = spec.replace("analyses:\n", "analyses:\n  kmm: {}\n");
    const r = await runCli(["run", write("study.yaml", bad), "--out", join(dir, "x4")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`line ${lineOf(bad, "kmm")}`);
  });
});
