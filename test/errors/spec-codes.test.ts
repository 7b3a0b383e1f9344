/**
 * Study-spec errors that stop before any analysis (src/study/prepare.ts): each names the spec file, the
 * line and the spec path of the key at fault, and the CLI exits 2 with that message.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SurvinferError } from "../../src/errors.js";
import { runSpecFile } from "../report/render-study.js";
import { runCli } from "../helpers/cli.js";

const ROWS = [
  "id,time,status,arm,op_date",
  "1,5,1,surgery,01.02.2020",
  "2,8,0,none,",
  "3,3,1,surgery,04.02.2020",
  "4,9,1,none,",
  "5,2,0,surgery,06.02.2020",
  "6,7,1,none,",
];

function study(treatment: string, rows: readonly string[] = ROWS, time = "time"): string {
  const dir = mkdtempSync(join(tmpdir(), "survinfer-spec-codes-"));
  writeFileSync(join(dir, "cohort.csv"), rows.join("\n") + "\n");
  const spec = `title: Spec errors
data: { file: cohort.csv, id: id, dateFormat: DD.MM.YYYY }
endpoints:
  os: { label: Overall survival, time: ${time}, status: status, values: [1], unit: months }
${treatment}
analyses:
  km: { endpoint: os }
`;
  writeFileSync(join(dir, "study.yaml"), spec);
  return join(dir, "study.yaml");
}

function specError(path: string): SurvinferError {
  try {
    runSpecFile(path);
  } catch (e) {
    expect(e).toBeInstanceOf(SurvinferError);
    return e as SurvinferError;
  }
  return expect.fail(`runSpecFile(${path}) did not stop`);
}

describe("study spec errors found against the data", () => {
  it("SPEC_TREATMENT_ONE_LEVEL: treatment.treated that no patient has names the values present (and the CLI exits 2)", async () => {
    const path = study("treatment: { column: arm, treated: radiation }");
    const e = specError(path);
    expect(e.code).toBe("SPEC_TREATMENT_ONE_LEVEL");
    expect(e.location).toMatchObject({ file: path, path: "treatment.treated", line: 5 });
    expect(e.message).toMatch(/no patient has arm = "radiation".*"surgery", "none"/);
    const cli = await runCli(["run", path, "--out", join(path, "..", "out")]);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toContain(`${path}, line 5`);
  });

  it("SPEC_TREATMENT_ONE_LEVEL: a treatment date that no patient has", () => {
    const e = specError(study("treatment: { date: op_date }", ROWS.map((r, i) => (i === 0 ? r : r.replace(/,[^,]*$/, ",")))));
    expect(e.code).toBe("SPEC_TREATMENT_ONE_LEVEL");
    expect(e.location.path).toBe("treatment.date");
    expect(e.message).toMatch(/no patient has a date in op_date/);
  });

  it("SPEC_DATA_MISMATCH: a treatment by date whose indicator name the data already use", () => {
    const rows = ROWS.map((r, i) => `${r},${i === 0 ? "treated (op_date)" : "x"}`);
    const e = specError(study("treatment: { date: op_date }", rows));
    expect(e.code).toBe("SPEC_DATA_MISMATCH");
    expect(e.location.path).toBe("treatment.date");
    expect(e.message).toMatch(/already have a column "treated \(op_date\)"/);
  });

  it("SPEC_COLUMN_TYPE: an endpoint time column read as text names the column, its role and the spec line", () => {
    const rows = ROWS.map((r, i) => (i === 0 ? `${r},t_text` : `${r},t${i}`));
    const e = specError(study("treatment: { column: arm, treated: surgery }", rows, "t_text"));
    expect(e.code).toBe("SPEC_COLUMN_TYPE");
    expect(e.location).toMatchObject({ path: "endpoints.os.time", line: 4 });
    expect(e.message).toMatch(/column "t_text" is used as time and must hold numbers, but was read as categorical/);
  });
});
