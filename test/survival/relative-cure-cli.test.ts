/**
 * `survinfer run` with analyses.cure.relative: the CLI reads the life table next to the spec (a path relative
 * to it), writes the report, and never touches the life table; a missing life table file is a bad-input error
 * (exit 2) naming it.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { runCli } from "../helpers/cli.js";
import { ROOT } from "../report/render-study.js";

const example = join(ROOT, "examples", "lms-metastasectomy");
const dir = mkdtempSync(join(tmpdir(), "survinfer-relative-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeStudy(lifeTable: string): string {
  const spec = parse(readFileSync(join(example, "study.yaml"), "utf8")) as Record<string, Record<string, unknown>>;
  spec.analyses = { cure: { endpoint: "os", model: "weibull", by: "treatment", incidence: ["n_lung_mets"], latency: ["age_primary"], bandReplicates: 50, relative: { lifeTable, age: "age_primary", ageAt: "date_primary", sex: "sex", yearChange: "birthday" } } };
  copyFileSync(join(example, "cohort.csv"), join(dir, "cohort.csv"));
  spec.data.file = "cohort.csv";
  const path = join(dir, "study.yaml");
  writeFileSync(path, stringify(spec));
  return path;
}

describe("survinfer run with a relative-survival cure model", () => {
  it("reads the life table next to the spec, leaves it unchanged and reports the cure of the disease", async () => {
    copyFileSync(join(example, "life-table-us.csv"), join(dir, "life-table-us.csv"));
    const before = createHash("sha256").update(readFileSync(join(dir, "life-table-us.csv"))).digest("hex");
    const out = join(dir, "out");
    const r = await runCli(["run", writeStudy("life-table-us.csv"), "--out", out, "--no-png"]);
    expect(r.code, r.stderr).toBe(0);
    const res = JSON.parse(readFileSync(join(out, "results.json"), "utf8")) as { analyses: { cure: { relative: { lifeTableFile: string }; claims: { isCureOfDisease: boolean } } } };
    expect(res.analyses.cure.relative.lifeTableFile).toBe("life-table-us.csv");
    expect(res.analyses.cure.claims.isCureOfDisease).toBe(true);
    expect(readFileSync(join(out, "report.html"), "utf8")).toContain("Relative survival: background mortality from the life table life-table-us.csv");
    expect(createHash("sha256").update(readFileSync(join(dir, "life-table-us.csv"))).digest("hex")).toBe(before);
  });
  it("a missing life table is a bad-input error (exit 2) naming the file", async () => {
    const r = await runCli(["run", writeStudy("no-such-table.csv"), "--out", join(dir, "out2"), "--no-png"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no-such-table\.csv/);
  });
});
