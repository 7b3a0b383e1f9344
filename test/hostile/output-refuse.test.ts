/**
 * `survinfer run --out` never replaces what is not its own: the current folder, a folder holding the
 * data or the spec, an input file itself, a user's folder or file, or a survinfer folder to which the
 * user has added files. Each case: exit 2, a message that says what is there and what to do, and every
 * file under the test folder (inputs and earlier outputs) byte-identical before and after.
 */
import { mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import type { SurvinferError } from "../../src/errors.js";
import { nodeFsOps } from "../../src/cli/fs-ops.js";
import { checkOutputDir } from "../../src/cli/output-guard.js";
import { hashTree, leftovers, tempDir, tinyStudy } from "./output-fixture.js";

const root = tempDir("out-refuse");
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Runs `survinfer run` in `cwd` and checks the refusal: exit 2, code in the message, nothing under `root` changed. */
async function refused(args: readonly string[], cwd: string, expected: readonly (string | RegExp)[]): Promise<string> {
  const before = hashTree(root);
  const r = await runCli(["run", ...args, "--no-png"], cwd);
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe("");
  expect(r.stderr).not.toContain("internal error");
  for (const e of expected) {
    if (typeof e === "string") expect(r.stderr).toContain(e);
    else expect(r.stderr).toMatch(e);
  }
  expect(hashTree(root)).toEqual(before);
  return r.stderr;
}

describe("checkOutputDir gives each refusal its stable code", () => {
  const d = tempDir("out-codes");
  afterAll(() => rmSync(d, { recursive: true, force: true }));
  const study = tinyStudy(d);
  const inputs = [join(study, "cohort.csv"), join(study, "study.yaml")];
  writeFileSync(join(d, "file.txt"), "x");
  mkdirSync(join(d, "user"));
  writeFileSync(join(d, "user", "a.txt"), "x");
  const code = (out: string): string => {
    try {
      checkOutputDir(nodeFsOps, out, out, inputs);
      return "accepted";
    } catch (e) {
      return (e as SurvinferError).code;
    }
  };
  it.each([
    ["the data file", () => inputs[0], "OUTPUT_HOLDS_INPUT"],
    ["the spec file", () => inputs[1], "OUTPUT_HOLDS_INPUT"],
    ["the folder of the inputs", () => study, "OUTPUT_HOLDS_INPUT"],
    ["a parent of that folder", () => d, "OUTPUT_HOLDS_INPUT"],
    ["a file", () => join(d, "file.txt"), "OUTPUT_IS_FILE"],
    ["a user's folder", () => join(d, "user"), "OUTPUT_NOT_OURS"],
    ["a path through a file", () => join(d, "file.txt", "out"), "OUTPUT_WRITE_FAILED"],
    ["a new folder", () => join(d, "new", "out"), "accepted"],
  ])("%s -> %s", (_label, out, expected) => {
    expect(code(out())).toBe(expected);
  });
});

describe("survinfer run --out refuses folders and files that are not its own", () => {
  const study = tinyStudy(root, "my-study");
  writeFileSync(join(root, "notes.txt"), "my own notes\n");
  const userDir = join(root, "thesis");
  mkdirSync(join(userDir, "chapter1"), { recursive: true });
  writeFileSync(join(userDir, "draft.docx"), "draft");
  writeFileSync(join(userDir, "chapter1", "figure.png"), "png");

  it("refuses --out . when the current folder holds the data and the spec (OUTPUT_HOLDS_INPUT)", async () => {
    const msg = await refused(["study.yaml", "--out", "."], study, [".: --out is a folder that holds the input file cohort.csv"]);
    expect(msg).toMatch(/give --out a new folder name/);
  });

  it("refuses a parent folder of the inputs (it would replace the whole tree)", async () => {
    await refused(["my-study/study.yaml", "--out", root], root, [`${root}: --out is a folder that holds the input file`]);
    await refused(["my-study/study.yaml", "--out", "."], root, ["holds the input file"]);
  });

  it("refuses the data file itself as --out, and the spec file", async () => {
    await refused(["study.yaml", "--out", "cohort.csv"], study, ["cohort.csv: --out names the input file cohort.csv", "never writes to or beside its inputs"]);
    await refused(["study.yaml", "--out", "study.yaml"], study, ["--out names the input file study.yaml"]);
    await refused(["my-study/study.yaml", "--out", join(study, ".", "cohort.csv")], root, ["--out names the input file cohort.csv"]);
    expect(readdirSync(study).sort()).toEqual(["cohort.csv", "study.yaml"]);
  });

  it("refuses a user's non-empty folder and names what is in it (OUTPUT_NOT_OURS)", async () => {
    const msg = await refused(["my-study/study.yaml", "--out", "thesis"], root, ["thesis: --out is a folder that survinfer did not write", '"draft.docx"', '"chapter1/"', "new or empty folder"]);
    expect(msg).toContain(".survinfer-output");
  });

  it("refuses an existing file that is not an input (OUTPUT_IS_FILE)", async () => {
    await refused(["my-study/study.yaml", "--out", "notes.txt"], root, ["notes.txt: --out is an existing file, not a folder", "name of a new folder"]);
  });

  it("refuses a symbolic link", async () => {
    symlinkSync(userDir, join(root, "link-to-thesis"));
    await refused(["my-study/study.yaml", "--out", "link-to-thesis"], root, ["--out is a symbolic link"]);
    rmSync(join(root, "link-to-thesis"));
  });

  it("says in plain words when a part of the --out path is a file (ENOTDIR), not an internal error", async () => {
    await refused(["my-study/study.yaml", "--out", "notes.txt/out"], root, ["notes.txt/out: cannot look at the output folder: a part of the path is a file, not a folder [ENOTDIR]"]);
  });

  it("writes into an existing empty folder, marks it, and replaces its own output on the next run", async () => {
    const out = join(root, "results");
    mkdirSync(out);
    const first = await runCli(["run", "my-study/study.yaml", "--out", "results", "--no-png"], root);
    expect(first.code, first.stderr).toBe(0);
    const marker = readFileSync(join(out, ".survinfer-output"), "utf8").split("\n").filter((l) => l !== "" && !l.startsWith("#"));
    const files = Object.keys(hashTree(out)).filter((f) => !f.endsWith("/") && f !== ".survinfer-output");
    expect([...marker].sort()).toEqual([...files].sort());
    expect(files).toContain("results.json");
    const second = await runCli(["run", "my-study/study.yaml", "--out", "results", "--no-png"], root);
    expect(second.code, second.stderr).toBe(0);
    expect(leftovers(root)).toEqual([]);
  }, 60_000);

  it("refuses its own output folder once the user has put a file there, and lists that file", async () => {
    const out = join(root, "results");
    writeFileSync(join(out, "my-comments.txt"), "keep me");
    mkdirSync(join(out, "figures", "edited"));
    await refused(["my-study/study.yaml", "--out", "results"], root, ["results: --out is a survinfer output folder that now also holds files survinfer did not write", '"figures/edited/"', '"my-comments.txt"', "move those files elsewhere"]);
    expect(readFileSync(join(out, "my-comments.txt"), "utf8")).toBe("keep me");
    expect(basename(out)).toBe("results");
  });
});
