/**
 * Data paths that are not regular files (issue 12): a directory, a FIFO, /dev/zero, and a regular
 * file too large for the in-memory reader. Each is refused with exit code 2 before anything is read.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, statSync, symlinkSync, truncateSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { MAX_DATA_FILE_BYTES, assertRegularFile, readRegularFile, readTableFile } from "../../src/data/read-file.js";
import { SurvinferError } from "../../src/errors.js";
import { km, sha256, tempDir, writeBytes } from "./files.js";
import { runCli } from "../helpers/cli.js";

const { dir, cleanup } = tempDir("files");
afterAll(cleanup);

const COHORT = "time,status\n5,1\n8,0\n12,1\n";

function fifo(path: string): boolean {
  try {
    execFileSync("mkfifo", [path]);
    return true;
  } catch {
    return false;
  }
}
const canFifo = fifo(join(dir, "probe.fifo"));

function thrown(fn: () => unknown): SurvinferError {
  try {
    fn();
  } catch (e) {
    if (e instanceof SurvinferError) return e;
    throw e;
  }
  throw new Error("expected a SurvinferError");
}

describe("data paths that are not regular files", () => {
  it("a directory: exit 2 saying it is a directory; its contents are untouched", async () => {
    const d = join(dir, "cohort.csv");
    mkdirSync(d);
    writeBytes(d, "inside.csv", COHORT);
    const run = await km("cohort.csv", dir);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("cohort.csv: cannot be read as the data file: it is a directory, not a regular file");
    expect(readdirSync(d)).toEqual(["inside.csv"]);
  });

  it.skipIf(!canFifo)("a FIFO: exit 2 at once, without waiting for a writer", async () => {
    const p = join(dir, "pipe.csv");
    expect(fifo(p)).toBe(true);
    const run = await km("pipe.csv", dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("pipe.csv: cannot be read as the data file: it is a named pipe (FIFO), not a regular file");
    expect(statSync(p).isFIFO()).toBe(true);
  });

  it.skipIf(!existsSync("/dev/zero"))("/dev/zero: exit 2, a character device, never read", async () => {
    const run = await km("/dev/zero", dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("/dev/zero: cannot be read as the data file: it is a character device, not a regular file");
    expect(run.stderr).toContain("Give the path of the data file itself");
  });

  it("a missing path keeps its own code", () => {
    expect(thrown(() => assertRegularFile(join(dir, "nope.csv"), "data file", "nope.csv")).code).toBe("DATA_FILE_NOT_FOUND");
    expect(thrown(() => assertRegularFile(join(dir, "nope", "x.csv"), "data file")).code).toBe("DATA_FILE_NOT_FOUND");
  });

  it("a symbolic link to a regular file is followed and read", async () => {
    const target = writeBytes(dir, "real.csv", COHORT);
    const before = sha256(target);
    symlinkSync(target, join(dir, "link.csv"));
    const run = await km("link.csv", dir);
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { strata: { n: number }[] }).strata[0].n).toBe(3);
    expect(sha256(target)).toBe(before);
    expect(statSync(join(dir, "link.csv")).isFile()).toBe(true);
  });
});

describe("regular files too large for the in-memory reader", () => {
  it("a file over MAX_DATA_FILE_BYTES: exit 2 naming its size and the limit, before reading it", async () => {
    const p = writeBytes(dir, "huge.csv", "time,status\n");
    truncateSync(p, MAX_DATA_FILE_BYTES + 1); // sparse: no disk space used, nothing written by survinfer
    const mtime = statSync(p).mtimeMs;
    const run = await km("huge.csv", dir);
    expect(run.code).toBe(2);
    const n = (MAX_DATA_FILE_BYTES + 1).toLocaleString("en");
    expect(run.stderr).toContain(`huge.csv: is 512.0 MB (${n} bytes), more than the 512.0 MB`);
    expect(run.stderr).toContain("survinfer reads into memory as the data file");
    expect(run.ms).toBeLessThan(5000); // 512 MB would take far longer to read
    expect(statSync(p).size).toBe(MAX_DATA_FILE_BYTES + 1);
    expect(statSync(p).mtimeMs).toBe(mtime);
  });

  it("the limit applies to the byte count, and the file is unchanged", () => {
    const p = writeBytes(dir, "small.csv", COHORT);
    const before = sha256(p);
    const size = statSync(p).size;
    expect(readRegularFile(p, "data file", "small.csv", size)).toHaveLength(size);
    const err = thrown(() => readRegularFile(p, "data file", "small.csv", size - 1));
    expect(err.code).toBe("DATA_FILE_TOO_LARGE");
    expect(err.location.file).toBe("small.csv");
    expect(sha256(p)).toBe(before);
  });

  it("assertRegularFile serves other roles (e.g. the study spec) and returns the file's stats", () => {
    const p = writeBytes(dir, "study.yaml", "title: x\n");
    expect(assertRegularFile(p, "study spec").size).toBe(9);
    expect(thrown(() => assertRegularFile(dir, "study spec", "spec-dir")).message).toBe(
      "spec-dir: cannot be read as the study spec: it is a directory, not a regular file. Give the path of the study spec itself (a regular file)",
    );
  });

  it("readTableFile names the file as the caller shows it", () => {
    const err = thrown(() => readTableFile(dir, { fileName: "shown.csv" }));
    expect(err.code).toBe("DATA_FILE_UNREADABLE");
    expect(err.message.startsWith("shown.csv: ")).toBe(true);
  });
});

describe("study specs that are not regular files (run)", () => {
  it("a FIFO, /dev/zero or a directory as the spec: exit 2 at once, nothing written", async () => {
    const specFifo = join(dir, "study.fifo");
    const specs = [join(dir, "spec-dir"), "/dev/zero", ...(fifo(specFifo) ? [specFifo] : [])];
    mkdirSync(specs[0]);
    for (const spec of specs) {
      const out = join(dir, "out-spec");
      const run = await runCli(["run", spec, "--out", out]);
      expect(run.code, spec).toBe(2);
      expect(run.stderr).toContain("cannot be read as the study spec");
      expect(existsSync(out)).toBe(false);
    }
  });

  it("a missing spec: SPEC_FILE_NOT_FOUND, exit 2", async () => {
    const run = await runCli(["run", join(dir, "no-such-study.yaml"), "--out", join(dir, "out-missing")]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("no-such-study.yaml: does not exist");
  });
});
