/**
 * results.json at scale (src/report/results-output.ts): up to the limit the results are written as they
 * are; above it per-patient values move to tables/*.csv without losing a digit, curves keep their step
 * points (the same step function at every time) and long internal arrays become summaries that say so.
 * The example study (64 patients) is run once and written with a limit of 10 to exercise the rule.
 */
import { describe, expect, it } from "vitest";
import { toJson } from "../../src/cli/format.js";
import { CURE_PATIENTS_CSV, MATCHED_SETS_CSV, PATIENTS_CSV, patientFiles, resultsForJson } from "../../src/report/results-output.js";
import { MAX_STUDY_ROWS, runStudy } from "../../src/study/run.js";
import { decodeText, MAX_TEXT_BYTES } from "../../src/data/read-csv.js";
import { SurvinferError } from "../../src/errors.js";
import type { Table } from "../../src/data/table.js";
import { EXAMPLE_SPEC, runSpecFile } from "../report/render-study.js";

const results = runSpecFile(EXAMPLE_SPEC);
const n = results.data.nRows;

/** Value at t of a right-continuous step function given at `time` (1 before the first time). */
function stepAt(time: ArrayLike<number>, value: ArrayLike<number | null>, t: number): number | null {
  let v: number | null = 1;
  for (let j = 0; j < time.length && time[j] <= t; j++) v = value[j];
  return v;
}

function csvColumns(text: string): Record<string, string[]> {
  const [head, ...rows] = text.trimEnd().split("\r\n");
  const names = head.split(",");
  const out: Record<string, string[]> = Object.fromEntries(names.map((h) => [h, []]));
  for (const r of rows) r.split(",").forEach((c, j) => out[names[j]].push(c));
  return out;
}

describe("results.json up to the limit", () => {
  it("is the results themselves, and toJson writes them unchanged", () => {
    expect(resultsForJson(results)).toBe(results);
    expect(patientFiles(results)).toEqual({});
    expect(JSON.parse(toJson(results))).not.toHaveProperty("patientData");
  });
});

describe("results.json above the limit (limit 10 on the 64-patient example)", () => {
  const json = resultsForJson(results, 10) as Record<string, unknown> & { analyses: Record<string, Record<string, unknown>>; patientData: { files: { file: string }[]; curvesStepPointsOnly: string[] } };
  const files = patientFiles(results, 10);
  const p = results.analyses.propensity!.analysis;

  it("names every file it refers to, and the files are written", () => {
    expect(json.patientData.files.map((f) => f.file).sort()).toEqual([CURE_PATIENTS_CSV, PATIENTS_CSV].sort());
    expect(Object.keys(files).sort()).toEqual([CURE_PATIENTS_CSV, PATIENTS_CSV].sort());
    expect(files[MATCHED_SETS_CSV]).toBeUndefined();
    const propensity = json.analyses.propensity as { analysis: { ps: unknown } };
    expect(propensity.analysis.ps).toEqual({ file: PATIENTS_CSV, column: "ps", length: n });
  });

  it("writes each per-patient value to the CSV without losing a digit", () => {
    const cols = csvColumns(files[PATIENTS_CSV]);
    expect(cols.dataRow).toEqual(Array.from({ length: n }, (_, i) => String(i + 1)));
    const back = (c: string): number | null => (c === "" ? null : Number(c));
    expect(cols.ps.map(back)).toEqual(p.ps);
    expect(cols.treatment.map(back)).toEqual(p.treatment);
    expect(cols.iptwWeight.map(back)).toEqual(p.weighting!.weights);
    expect(cols.matchingWeight.map(back)).toEqual(p.matching!.weights);
    const cure = csvColumns(files[CURE_PATIENTS_CSV]);
    expect(cure.fileRow.map(Number)).toEqual(results.analyses.cure!.patients.row);
    expect(cure.cureProbability.map(Number)).toEqual(results.analyses.cure!.patients.cureProbability);
  });

  it("keeps the step function of every curve at every time", () => {
    const km = (json.analyses.km as unknown as { strata: { time: number[]; surv: number[]; lower: (number | null)[]; nEvent: number[]; censorOnlyRowsOmitted: number }[] }).strata;
    results.analyses.km!.strata.forEach((full, s) => {
      const compact = km[s];
      expect(compact.censorOnlyRowsOmitted).toBe(full.time.length - compact.time.length);
      expect(compact.censorOnlyRowsOmitted).toBeGreaterThan(0);
      expect(compact.nEvent.reduce((a, b) => a + b, 0)).toBe(full.events);
      for (const t of [0, ...full.time, full.time[full.time.length - 1] + 1]) {
        expect(stepAt(compact.time, compact.surv, t)).toBe(stepAt(full.time, full.surv, t));
        expect(stepAt(compact.time, compact.lower, t)).toBe(stepAt(full.time, full.lower, t));
      }
      expect(compact.time[compact.time.length - 1]).toBe(full.time[full.time.length - 1]);
    });
    expect(json.patientData.curvesStepPointsOnly).toContain("analyses.km.strata.0");
  });

  it("thins only the per-row columns of a curve, not lists of the same length (quantiles, at)", () => {
    const km = results.analyses.km!;
    const s0 = km.strata[0];
    const rows = ["time", "nRisk", "nEvent", "nCensor", "surv", "stdErr", "stdErrLogSurv", "lower", "upper"] as const;
    // a stratum of 3 rows: the first censored only, as many rows as quantiles and at-times
    const short = { ...s0, ...Object.fromEntries(rows.map((k) => [k, [s0[k][0], s0[k][1], s0[k][2]]])), nEvent: [0, 1, 1] };
    expect(short.quantiles).toHaveLength(3);
    const out = resultsForJson({ ...results, analyses: { ...results.analyses, km: { ...km, strata: [short] } } }, 10) as { analyses: { km: { strata: { time: number[]; quantiles: unknown; at: unknown; censorOnlyRowsOmitted: number }[] } } };
    const s = out.analyses.km.strata[0];
    expect(s.time).toEqual([s0.time[1], s0.time[2]]);
    expect(s.censorOnlyRowsOmitted).toBe(1);
    expect(s.quantiles).toEqual(s0.quantiles);
    expect(s.at).toEqual(s0.at);
  });

  it("leaves the in-memory results as they were", () => {
    expect(p.ps.length).toBe(n);
    expect(Array.isArray(p.ps)).toBe(true);
  });
});

describe("limits that stop early with a clear message", () => {
  it(`a study of more than ${MAX_STUDY_ROWS} rows stops with STUDY_TOO_LARGE before any analysis`, () => {
    const table: Table = { nRows: MAX_STUDY_ROWS + 1, columns: [], source: { file: "big.csv" }, rowNumbers: new Int32Array(0) };
    const run = (): unknown => runStudy({ spec: { ...results.spec }, table, inference: [], readWarnings: [], specFile: "study.yaml" });
    expect(run).toThrow(SurvinferError);
    expect(run).toThrow(/big\.csv: has 3,000,001 data rows; a study runs on at most 3,000,000.*random sample/);
  });

  it(`a text file of more than ${MAX_TEXT_BYTES} bytes is refused before decoding (DATA_FILE_TOO_LARGE)`, () => {
    // a stand-in with the length of a too-large file (allocating 500 MB in a test would be the problem itself)
    const big = { length: MAX_TEXT_BYTES + 1 } as unknown as Uint8Array;
    try {
      decodeText(big, "big.csv", []);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(SurvinferError);
      expect((e as SurvinferError).code).toBe("DATA_FILE_TOO_LARGE");
      expect((e as Error).message).toMatch(/big\.csv: is 500 MB; survinfer reads text files of at most 500 MB/);
    }
  });
});
