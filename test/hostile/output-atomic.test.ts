/**
 * The atomic replacement of an output folder under injected faults: whichever file-system step fails
 * (the temp folder's mkdir, the write of the k-th file, the first or the second rename, the restore
 * after a failed second rename) or a SIGINT/SIGTERM arrives while writing, the previous output is
 * byte-identical afterwards and no `*.tmp-*` / `*.old-*` folder is left; a crash between the two
 * renames is repaired on the next start.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { SurvinferError } from "../../src/errors.js";
import { nodeFsOps, type FsOps } from "../../src/cli/fs-ops.js";
import { recoverStaleOutput, writeOutputDir, type SignalHooks, type StopSignal } from "../../src/cli/write-output.js";
import { ROOT, hashTree, leftovers, tempDir } from "./output-fixture.js";

const root = tempDir("out-atomic");
afterAll(() => rmSync(root, { recursive: true, force: true }));

const OLD = { "report.html": "<p>old</p>", "results.json": '{"old":true}\n', "figures/km.svg": "<svg>old</svg>" };
const NEW = { "report.html": "<p>new</p>", "results.json": '{"new":true}\n', "figures/km.svg": "<svg>new</svg>", "figures/km.png": Uint8Array.from([137, 80, 78, 71]), "tables/table1.csv": "a,b\n" };
const N_WRITES = Object.keys(NEW).length + 1; // the marker is written first

function errno(code: string, path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: injected, '${path}'`), { code });
}

type Op = "mkdir" | "writeFile" | "rename";

/** nodeFsOps whose `op` throws `code` at its `k`-th call (1-based); counts calls. */
function failingAt(op: Op, k: number, code = "ENOSPC", extra?: Partial<FsOps>): FsOps {
  let n = 0;
  const base: FsOps = { ...nodeFsOps, ...extra };
  const wrap =
    <A extends unknown[]>(f: (...args: A) => void) =>
    (...args: A): void => {
      n += 1;
      if (n === k) throw errno(code, String(args[0]));
      f(...args);
    };
  if (op === "mkdir") return { ...base, mkdir: wrap(base.mkdir) };
  if (op === "writeFile") return { ...base, writeFile: wrap(base.writeFile) };
  return { ...base, rename: wrap(base.rename) };
}

/** Signal hooks that record handlers instead of touching the process. */
function fakeSignals(): SignalHooks & { handlers: Map<StopSignal, Set<() => void>>; reraised: StopSignal[]; fire: (s: StopSignal) => void } {
  const handlers = new Map<StopSignal, Set<() => void>>([["SIGINT", new Set()], ["SIGTERM", new Set()]]);
  const reraised: StopSignal[] = [];
  return {
    handlers,
    reraised,
    on: (s, h) => void handlers.get(s)!.add(h),
    off: (s, h) => void handlers.get(s)!.delete(h),
    reraise: (s) => void reraised.push(s),
    isAlive: () => false,
    fire: (s) => handlers.get(s)!.forEach((h) => h()),
  };
}

async function failure(p: Promise<void>): Promise<SurvinferError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(SurvinferError);
  return e as SurvinferError;
}

let parent: string;
let out: string;
let previous: Record<string, string>;
let k = 0;
beforeEach(async () => {
  parent = join(root, `case-${++k}`);
  mkdirSync(parent);
  out = join(parent, "out");
  await writeOutputDir(out, OLD);
  previous = hashTree(out);
  expect(Object.keys(previous)).toContain(".survinfer-output");
});

function expectPreviousIntact(): void {
  expect(hashTree(out)).toEqual(previous);
  expect(leftovers(parent)).toEqual([]);
}

describe("writeOutputDir keeps the previous output whatever step fails", () => {
  it("the mkdir of the temporary folder (EACCES)", async () => {
    // mkdir calls: 1 = the parent (recursive), 2 = the temporary folder
    const e = await failure(writeOutputDir(out, NEW, { fsOps: failingAt("mkdir", 2, "EACCES") }));
    expect(e.code).toBe("OUTPUT_WRITE_FAILED");
    expect(e.message).toMatch(/out\.tmp-\d+-\d+: cannot create the temporary output folder: permission denied \[EACCES\]/);
    expectPreviousIntact();
  });

  it.each(Array.from({ length: N_WRITES }, (_, i) => i + 1))("the write of file %i (ENOSPC)", async (at) => {
    const e = await failure(writeOutputDir(out, NEW, { fsOps: failingAt("writeFile", at) }));
    expect(e.code).toBe("OUTPUT_WRITE_FAILED");
    expect(e.message).toContain("cannot write: the disk is full [ENOSPC]");
    expect(e.message).toContain("free some space");
    expectPreviousIntact();
  });

  it.each(["ENOSPC", "EACCES", "EROFS", "EPERM", "EEXIST", "ENOTDIR", "EIO", "EWHATEVER"])("reports %s with the path and the reason in plain words", async (code) => {
    const e = await failure(writeOutputDir(out, NEW, { fsOps: failingAt("writeFile", 3, code) }));
    expect(e.code).toBe("OUTPUT_WRITE_FAILED");
    expect(e.message).toMatch(new RegExp(`out\\.tmp-\\d+-\\d+/[^:]+: cannot write: [a-z].+ \\[${code}\\]`));
    expect(e.message).not.toMatch(/\n\s+at /); // no stack trace
    expectPreviousIntact();
  });

  it("the first rename (previous output aside)", async () => {
    const e = await failure(writeOutputDir(out, NEW, { fsOps: failingAt("rename", 1, "EBUSY") }));
    expect(e.message).toContain("cannot move the previous output aside: the file or folder is in use by another program [EBUSY]");
    expectPreviousIntact();
  });

  it("the second rename (new output into place): the previous output is moved back", async () => {
    const e = await failure(writeOutputDir(out, NEW, { fsOps: failingAt("rename", 2, "EXDEV") }));
    expect(e.message).toContain("cannot move the new output into place");
    expectPreviousIntact();
  });

  it("the second rename and then the move back: the previous output is kept aside, named, and restored on the next start", async () => {
    let renames = 0;
    const fsOps: FsOps = {
      ...nodeFsOps,
      rename: (from, to) => {
        renames += 1;
        if (renames >= 2) throw errno("EIO", from);
        nodeFsOps.rename(from, to);
      },
    };
    const e = await failure(writeOutputDir(out, NEW, { fsOps }));
    expect(e.message).toMatch(/The previous output is kept in .*out\.old-\d+-\d+: rename it back/);
    const aside = leftovers(parent);
    expect(aside).toHaveLength(1);
    expect(aside[0]).toMatch(/^out\.old-/);
    expect(hashTree(join(parent, aside[0]))).toEqual(previous); // nothing lost
    recoverStaleOutput(out);
    expectPreviousIntact();
  });

  it("after any failure the next write succeeds and replaces the output", async () => {
    await failure(writeOutputDir(out, NEW, { fsOps: failingAt("writeFile", 2) }));
    await writeOutputDir(out, NEW);
    expect(readFileSync(join(out, "report.html"), "utf8")).toBe("<p>new</p>");
    expect(leftovers(parent)).toEqual([]);
  });
});

describe("writeOutputDir on SIGINT/SIGTERM", () => {
  it.each([
    ["SIGINT", 1],
    ["SIGINT", 4],
    ["SIGTERM", N_WRITES],
  ] as const)("%s during write %i: previous output intact, no temp folder, the signal passed on", async (sig, at) => {
    const signals = fakeSignals();
    let n = 0;
    const fsOps: FsOps = {
      ...nodeFsOps,
      writeFile: (p, d) => {
        nodeFsOps.writeFile(p, d);
        if (++n === at) signals.fire(sig);
      },
    };
    const e = await failure(writeOutputDir(out, NEW, { fsOps, signals }));
    expect(e.code).toBe("OUTPUT_INTERRUPTED");
    expect(e.message).toContain(`interrupted (${sig}) while writing the outputs; nothing was changed`);
    expect(signals.reraised).toEqual([sig]);
    expect([...signals.handlers.values()].every((h) => h.size === 0)).toBe(true);
    expectPreviousIntact();
  });

  it("installs its handlers only while writing", async () => {
    const signals = fakeSignals();
    let during = 0;
    const fsOps: FsOps = {
      ...nodeFsOps,
      writeFile: (p, d) => {
        during = Math.max(during, signals.handlers.get("SIGINT")!.size + signals.handlers.get("SIGTERM")!.size);
        nodeFsOps.writeFile(p, d);
      },
    };
    await writeOutputDir(out, NEW, { fsOps, signals });
    expect(during).toBe(2);
    expect(signals.handlers.get("SIGINT")!.size + signals.handlers.get("SIGTERM")!.size).toBe(0);
    expect(signals.reraised).toEqual([]);
  });
});

describe("a crash (SIGKILL, power cut) leaves folders that the next start repairs", () => {
  const marked = (dir: string, files: Record<string, string>): void => {
    mkdirSync(dir);
    writeFileSync(join(dir, ".survinfer-output"), `# Written by survinfer.\n${Object.keys(files).join("\n")}\n`);
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  };

  it("between the two renames: DIR.old-* becomes DIR again and the half-swapped temp folder goes", async () => {
    rmSync(out, { recursive: true });
    marked(`${out}.old-999999-1`, { "report.html": "<p>previous</p>" });
    marked(`${out}.tmp-999999-2`, { "report.html": "<p>complete but never swapped</p>" });
    recoverStaleOutput(out);
    expect(readFileSync(join(out, "report.html"), "utf8")).toBe("<p>previous</p>");
    expect(leftovers(parent)).toEqual([]);
  });

  it("while writing: the partial temp folder goes; the next write replaces DIR", async () => {
    marked(`${out}.tmp-999999-3`, { "report.html": "<p>half</p>" });
    mkdirSync(`${out}.tmp-999999-4`); // died right after mkdir
    await writeOutputDir(out, NEW);
    expect(readFileSync(join(out, "report.html"), "utf8")).toBe("<p>new</p>");
    expect(leftovers(parent)).toEqual([]);
  });

  it("after the swap: a leftover DIR.old-* goes, DIR stays", () => {
    marked(`${out}.old-999999-5`, { "report.html": "<p>older</p>" });
    recoverStaleOutput(out);
    expectPreviousIntact();
  });

  it("leaves alone what is not its own (no marker) and the folders of a run still going", () => {
    mkdirSync(`${out}.tmp-999999-6`);
    writeFileSync(join(`${out}.tmp-999999-6`, "user.txt"), "mine");
    marked(`${out}.tmp-${process.ppid}-7`, { "report.html": "<p>other run</p>" });
    const signals = { ...fakeSignals(), isAlive: (pid: number) => pid === process.ppid };
    recoverStaleOutput(out, nodeFsOps, signals);
    expect(leftovers(parent).sort()).toEqual([`out.tmp-${process.ppid}-7`, "out.tmp-999999-6"]);
    expect(hashTree(out)).toEqual(previous);
  });
});

describe("writeOutputDir in a real process that receives SIGINT/SIGTERM while writing", () => {
  const child = join(ROOT, "test", "hostile", "output-signal-child.ts");
  it.each(["SIGINT", "SIGTERM"] as const)("%s: the process ends by that signal, the previous output intact, no temp folder", (sig) => {
    const r = spawnSync(process.execPath, ["--import", "tsx", child, out, sig], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
    expect(r.stdout).not.toContain("not interrupted");
    expect(r.signal, r.stderr).toBe(sig);
    expectPreviousIntact();
  }, 60_000);
});
