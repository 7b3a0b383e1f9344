/**
 * `survinfer run` is a function of its inputs: the same spec, data and seed give byte-identical output
 * folders (every file, PNGs and tables.docx included) on another day, and the same results.json and
 * report.html from whichever folder it is started; results name the data file by its base name and
 * SHA-256, never by the folders around it.
 */
import { createHash } from "node:crypto";
import { readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { runCli } from "../helpers/cli.js";
import { parseStudySpecWithLines } from "../../src/study/spec.js";
import { runAll } from "../../web/src/engine.js";
import { hashTree, smallStudy, tempDir } from "./output-fixture.js";

const root = tempDir("det-run");
afterAll(() => rmSync(root, { recursive: true, force: true }));
afterEach(() => vi.useRealTimers());

const PRIVATE = "clinic-private-folder";
const study = smallStudy(root, join(PRIVATE, "lms"));
const inputsBefore = hashTree(study);

describe("survinfer run is deterministic", () => {
  it("writes byte-identical output folders on two runs at different dates (PNGs and tables.docx included)", async () => {
    const a = await runCli(["run", join(study, "study.yaml"), "--out", join(root, "run-a")], root);
    expect(a.code, a.stderr).toBe(0);
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2031-07-08T09:10:11Z") });
    const b = await runCli(["run", join(study, "study.yaml"), "--out", join(root, "run-b")], root);
    vi.useRealTimers();
    expect(b.code, b.stderr).toBe(0);
    const ha = hashTree(join(root, "run-a"));
    expect(Object.keys(ha)).toEqual(expect.arrayContaining(["figures/km.png", "tables.docx", "results.json", "report.html", ".survinfer-output"]));
    expect(hashTree(join(root, "run-b"))).toEqual(ha);
    expect(hashTree(study)).toEqual(inputsBefore);
  }, 120_000);

  it("gives identical results.json and report.html from three working folders, with no folder names in them", async () => {
    const runs = [
      { cwd: root, spec: join(PRIVATE, "lms", "study.yaml"), out: "cwd-1" },
      { cwd: study, spec: "study.yaml", out: join(root, "cwd-2") },
      { cwd: tmpdir(), spec: join(study, "study.yaml"), out: join(root, "cwd-3") },
    ];
    const texts: { results: string; report: string; summary: string }[] = [];
    for (const r of runs) {
      const res = await runCli(["run", r.spec, "--out", r.out, "--no-png"], r.cwd);
      expect(res.code, res.stderr).toBe(0);
      const out = join(root, basename(r.out));
      texts.push({ results: readFileSync(join(out, "results.json"), "utf8"), report: readFileSync(join(out, "report.html"), "utf8"), summary: readFileSync(join(out, "summary.txt"), "utf8") });
    }
    expect(texts[1]).toEqual(texts[0]);
    expect(texts[2]).toEqual(texts[0]);
    for (const t of Object.values(texts[0])) {
      expect(t).not.toContain(PRIVATE);
      expect(t).not.toContain(basename(root));
      expect(t).not.toContain("lms/cohort.csv");
    }
    const data = (JSON.parse(texts[0].results) as { data: { file: string; sha256: string; nRows: number } }).data;
    expect(data.file).toBe("cohort.csv");
    expect(data.sha256).toBe(createHash("sha256").update(readFileSync(join(study, "cohort.csv"))).digest("hex"));
    expect(data.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(texts[0].report).toContain("cohort.csv");
    // the report's header and summary.txt name the file by its fingerprint too, as results.json does
    expect(texts[0].report).toContain(`SHA-256 ${data.sha256}`);
    expect(texts[0].summary).toContain(`SHA-256 ${data.sha256}`);
    // the local app, given the dropped file's bytes and name, records the same name and SHA-256: same results.json and report
    const { spec } = parseStudySpecWithLines(readFileSync(join(study, "study.yaml"), "utf8"), "study.yaml");
    const app = await runAll(new Uint8Array(readFileSync(join(study, "cohort.csv"))), spec, "cohort.csv");
    expect(app.resultsJson).toBe(texts[0].results);
    expect(app.files["report.html"]).toBe(texts[0].report);
    expect(hashTree(study)).toEqual(inputsBefore);
  }, 120_000);
});
