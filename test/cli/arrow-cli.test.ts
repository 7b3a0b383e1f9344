/**
 * Arrow IPC files on the command line (issue 18): the same cohort written as CSV and as Arrow gives the
 * identical `km`, `logrank` and `cox --json` output and the same `survinfer run` results; the input
 * file is never modified; `--engine duckdb` refuses an Arrow file with exit 2.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Bool, DateDay, Dictionary, Float64, Int32, Int64, Table as ArrowTable, Utf8, tableToIPC, vectorFromArray } from "apache-arrow";
import type { Vector } from "apache-arrow";
import { afterAll, describe, expect, it } from "vitest";
import { readTable } from "../../src/data/read.js";
import { runCli } from "../helpers/cli.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const dir = mkdtempSync(join(tmpdir(), "survinfer-arrow-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A small deterministic cohort (a linear congruential generator, no RNG state shared with other tests). */
function cohort(n: number) {
  let s = 20261205;
  const u = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const rows = [];
  for (let i = 0; i < n; i++) {
    const group = u() < 0.5 ? "surgery" : "no surgery";
    rows.push({
      id: 1000 + i,
      time: Math.round(u() * 600) / 10 + 0.5,
      status: u() < 0.6 ? 1 : 0,
      group,
      age: BigInt(40 + Math.floor(u() * 40)),
      female: u() < 0.5,
      size: i % 11 === 3 ? null : Math.round(u() * 1200) / 8,
    });
  }
  return rows;
}

const rows = cohort(80);
const csvPath = join(dir, "cohort.csv");
const arrowPath = join(dir, "cohort.arrow");
writeFileSync(
  csvPath,
  ["id,time,status,group,age,female,size", ...rows.map((r) => [r.id, r.time, r.status, r.group, r.age, r.female ? "TRUE" : "FALSE", r.size ?? ""].join(","))].join("\n") + "\n",
);
writeFileSync(
  arrowPath,
  tableToIPC(
    new ArrowTable({
      id: vectorFromArray(rows.map((r) => r.id), new Int32()),
      time: vectorFromArray(rows.map((r) => r.time), new Float64()),
      status: vectorFromArray(rows.map((r) => r.status), new Int32()),
      group: vectorFromArray(rows.map((r) => r.group), new Dictionary(new Utf8(), new Int32())),
      age: vectorFromArray(rows.map((r) => r.age), new Int64()),
      female: vectorFromArray(rows.map((r) => r.female), new Bool()),
      size: vectorFromArray(rows.map((r) => r.size), new Float64()),
    }),
    "file",
  ),
);

/** stdout with the file's name made neutral (the JSON names its input). */
async function out(args: (file: string) => string[], file: string): Promise<string> {
  const r = await runCli(args(file));
  expect(r.code, r.stderr).toBe(0);
  return r.stdout.split(file).join("DATA").split(file.replace(/^.*\//, "")).join("DATA");
}

describe("the same cohort as CSV and as Arrow", () => {
  const cases: [string, (f: string) => string[]][] = [
    ["km", (f) => ["km", f, "--time", "time", "--event", "status", "--by", "group", "--times", "12,24", "--json"]],
    ["logrank", (f) => ["logrank", f, "--time", "time", "--event", "status", "--by", "group", "--json"]],
    ["cox", (f) => ["cox", f, "--formula", "Surv(time, status) ~ group + age + female + size", "--id", "id", "--json"]],
    ["km (human output)", (f) => ["km", f, "--time", "time", "--event", "status", "--by", "female"]],
  ];
  for (const [name, args] of cases) {
    it(`gives identical ${name} output`, async () => {
      const before = statSync(arrowPath);
      const bytes = readFileSync(arrowPath);
      const fromCsv = await out(args, csvPath);
      const fromArrow = await out(args, arrowPath);
      expect(fromArrow).toEqual(fromCsv);
      expect(fromArrow.length).toBeGreaterThan(100);
      // the input is only read
      expect(readFileSync(arrowPath).equals(bytes)).toBe(true);
      expect(statSync(arrowPath).mtimeMs).toBe(before.mtimeMs);
    });
  }

  it("--engine duckdb refuses an Arrow file (exit 2), saying to use the default engine or Parquet", async () => {
    const r = await runCli(["km", arrowPath, "--time", "time", "--event", "status", "--engine", "duckdb", "--json"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Arrow IPC files are read in memory: --engine duckdb cannot read them");
    expect(r.stderr).toContain("Parquet");
    expect(r.stdout).toBe("");
  });
});

describe("survinfer run with data.file an Arrow file", () => {
  it("gives the same results.json numbers as the CSV, and refuses CSV-only keys (SPEC_DATA_SOURCE)", async () => {
    const csv = join(dir, "lms.csv");
    copyFileSync(join(root, "examples/lms-metastasectomy/cohort.csv"), csv);
    const table = readTable(readFileSync(csv), { fileName: "lms.csv", idColumn: "patient_id", dateFormat: "DD.MM.YYYY" }).table;
    const columns: Record<string, Vector> = {};
    for (const c of table.columns) {
      if (c.kind === "numeric") columns[c.name] = vectorFromArray(Array.from(c.values, (v) => (Number.isNaN(v) ? null : v)), new Float64());
      else if (c.kind === "date") columns[c.name] = vectorFromArray(Array.from(c.values, (v) => (Number.isNaN(v) ? null : new Date(v * 86_400_000))), new DateDay());
      else columns[c.name] = vectorFromArray(Array.from(c.codes, (k) => (k < 0 ? null : c.levels[k])), new Utf8());
    }
    writeFileSync(join(dir, "lms.feather"), tableToIPC(new ArrowTable(columns), "file"));
    const spec = (file: string, extra = "") =>
      [
        "title: Arrow input",
        `data: { file: ${file}, id: patient_id, dateFormat: DD.MM.YYYY${extra} }`,
        "endpoints:",
        "  os: { origin: date_lung_met, event: date_death, censor: date_last_followup, unit: months }",
        'treatment: { column: metastasectomy, treated: "yes" }',
        "covariates: [age_primary, sex, primary_size_mm]",
        "analyses:",
        "  km: { endpoint: os, by: treatment, times: [12, 36] }",
        "  cox: { endpoint: os, univariable: all, multivariable: [age_primary, primary_size_mm] }",
      ].join("\n") + "\n";
    writeFileSync(join(dir, "csv.yaml"), spec("lms.csv"));
    writeFileSync(join(dir, "arrow.yaml"), spec("lms.feather"));
    const a = await runCli(["run", join(dir, "csv.yaml"), "--out", join(dir, "out-csv")]);
    expect(a.code, a.stderr).toBe(0);
    const b = await runCli(["run", join(dir, "arrow.yaml"), "--out", join(dir, "out-arrow")]);
    expect(b.code, b.stderr).toBe(0);
    const results = (d: string) => JSON.parse(readFileSync(join(dir, d, "results.json"), "utf8")) as { analyses: unknown; endpoints: unknown };
    const x = results("out-csv");
    const y = results("out-arrow");
    expect(y.endpoints).toEqual(x.endpoints);
    expect(y.analyses).toEqual(x.analyses);

    writeFileSync(join(dir, "bad.yaml"), spec("lms.feather", ", delimiter: ';'"));
    const c = await runCli(["run", join(dir, "bad.yaml"), "--out", join(dir, "out-bad")]);
    expect(c.code).toBe(2);
    expect(c.stderr).toContain("at data.delimiter: data.delimiter is for CSV/TSV and workbook files");
    writeFileSync(join(dir, "duck.yaml"), spec("lms.feather", ", engine: duckdb"));
    const d = await runCli(["run", join(dir, "duck.yaml"), "--out", join(dir, "out-duck")]);
    expect(d.code).toBe(2);
    expect(d.stderr).toContain("cannot read an Arrow IPC file");
  });
});
