/**
 * `survinfer run` when the disk fails while it writes (a full disk, no permission, a read-only disk, ...):
 * exit 2 with the path and the reason in plain words, never "internal error" with a stack trace, and the
 * previous output and the inputs byte-identical afterwards.
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { nodeFsOps } from "../../src/cli/fs-ops.js";
import { runCli } from "../helpers/cli.js";
import { hashTree, leftovers, tempDir, tinyStudy } from "./output-fixture.js";

const root = tempDir("out-disk");
afterAll(() => rmSync(root, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

const REASONS: Record<string, string> = {
  ENOSPC: "the disk is full",
  EACCES: "permission denied",
  EROFS: "the disk or folder is read-only",
  EPERM: "the operation is not permitted",
  EEXIST: "something with that name appeared while writing",
  ENOTDIR: "a part of the path is a file, not a folder",
};

describe("survinfer run with a failing disk", () => {
  beforeAll(async () => {
    tinyStudy(root, "study");
    const first = await runCli(["run", "study/study.yaml", "--out", "out", "--no-png"], root);
    expect(first.code, first.stderr).toBe(0);
  }, 60_000);

  it.each(Object.entries(REASONS))("%s while writing the 3rd file: exit 2, '%s', the path, nothing changed", async (code, reason) => {
    const before = hashTree(root);
    let n = 0;
    const write = nodeFsOps.writeFile;
    vi.spyOn(nodeFsOps, "writeFile").mockImplementation((path, data) => {
      if (++n === 3) throw Object.assign(new Error(`${code}: injected, write '${path}'`), { code });
      write(path, data);
    });
    const r = await runCli(["run", "study/study.yaml", "--out", "out", "--no-png"], root);
    expect(r.code).toBe(2);
    // the bootstrap progress bars come first on stderr ("\r<step> [###...] done/total", the last frame ending the line)
    const err = r.stderr.replace(/\r[^\r\n]*\[[#.]*\] \d+\/\d+\n?/g, "");
    expect(err).toMatch(new RegExp(`^survinfer: ${root.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/out\\.tmp-\\d+-\\d+/\\S+: cannot write: ${reason} \\[${code}\\]\\. `));
    expect(r.stderr).not.toContain("internal error");
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(n).toBeGreaterThanOrEqual(3);
    expect(hashTree(root)).toEqual(before);
    expect(leftovers(root)).toEqual([]);
  }, 60_000);

  it("ENOSPC when moving the new output into place: exit 2 and the previous output back in place", async () => {
    const before = hashTree(root);
    let n = 0;
    const rename = nodeFsOps.rename;
    vi.spyOn(nodeFsOps, "rename").mockImplementation((from, to) => {
      if (++n === 2) throw Object.assign(new Error("ENOSPC: injected"), { code: "ENOSPC" });
      rename(from, to);
    });
    const r = await runCli(["run", "study/study.yaml", "--out", "out", "--no-png"], root);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${join(root, "out")}: cannot move the new output into place: the disk is full [ENOSPC]`);
    expect(hashTree(root)).toEqual(before);
  }, 60_000);
});
