/**
 * Atomic output. Every file of a run is written into a temporary sibling folder `DIR.tmp-PID-MS`,
 * which then replaces DIR by two renames (DIR -> `DIR.old-PID-MS`, temp -> DIR) and the old copy is
 * deleted. Whatever fails (a full disk at any file, either rename) or interrupts (SIGINT/SIGTERM,
 * whose handlers are installed only while writing), the previous DIR survives and no temporary
 * folder is left; a crash between the renames is repaired on the next start (`DIR.old-*` goes back
 * to DIR). DIR must be new, empty, or written by survinfer (output-guard.ts); inputs are never touched.
 */
import { basename, dirname, isAbsolute, join } from "node:path";
import { SurvinferError } from "../errors.js";
import { outputWriteError } from "./fs-error.js";
import { nodeFsOps, type FsOps } from "./fs-ops.js";
import { OUTPUT_MARKER, checkOutputDir, markerText } from "./output-guard.js";

export type OutputFiles = Readonly<Record<string, string | Uint8Array>>;
export type { FsOps } from "./fs-ops.js";

export type StopSignal = "SIGINT" | "SIGTERM";

/** How the writer hears of and passes on an interruption (tests pass fakes). */
export interface SignalHooks {
  readonly on: (signal: StopSignal, handler: () => void) => void;
  readonly off: (signal: StopSignal, handler: () => void) => void;
  /** Called after clean-up; the default ends the process by the same signal. */
  readonly reraise: (signal: StopSignal) => void;
  /** True when process `pid` is running (a temp folder of a live run is not stale). */
  readonly isAlive: (pid: number) => boolean;
}

export const processSignals: SignalHooks = {
  on: (signal, handler) => void process.on(signal, handler),
  off: (signal, handler) => void process.off(signal, handler),
  reraise: (signal) => void process.kill(process.pid, signal),
  isAlive: (pid) => {
    if (pid <= 0) return false;
    try {
      process.kill(pid, 0);
      return true;
    } catch (e) {
      return (e as { code?: unknown }).code === "EPERM";
    }
  },
};

export interface WriteOutputOptions {
  /** Absolute paths of the files the run read: DIR may neither be nor hold one of them. */
  readonly inputs?: readonly string[];
  /** How messages name DIR (as the user gave it); default DIR. */
  readonly shown?: string;
  readonly fsOps?: FsOps;
  readonly signals?: SignalHooks;
}

const SIGNALS: readonly StopSignal[] = ["SIGINT", "SIGTERM"];

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The `DIR.tmp-*` and `DIR.old-*` siblings of DIR, newest first, with the process that made them. */
function siblings(fs: FsOps, outDir: string): { path: string; kind: "tmp" | "old"; pid: number; stamp: number }[] {
  const parent = dirname(outDir);
  const pattern = new RegExp(`^${escapeRegExp(basename(outDir))}\\.(tmp|old)-(\\d+)-(\\d+)$`);
  let names: string[];
  try {
    names = fs.lstat(parent)?.isDirectory() === true ? fs.readdir(parent) : [];
  } catch {
    return [];
  }
  const out: { path: string; kind: "tmp" | "old"; pid: number; stamp: number }[] = [];
  for (const name of names) {
    const m = pattern.exec(name);
    if (m) out.push({ path: join(parent, name), kind: m[1] as "tmp" | "old", pid: Number(m[2]), stamp: Number(m[3]) });
  }
  return out.sort((a, b) => b.stamp - a.stamp);
}

function isMarkedOrEmpty(fs: FsOps, dir: string): boolean {
  try {
    const entries = fs.readdir(dir);
    return entries.length === 0 || entries.includes(OUTPUT_MARKER);
  } catch {
    return false;
  }
}

/**
 * Repairs what an earlier run that died (power cut, SIGKILL) left beside DIR: if DIR is missing but a
 * marked `DIR.old-*` exists, the run died between its two renames, so the newest one becomes DIR
 * again; then stale `DIR.tmp-*` (marked or empty) and marked `DIR.old-*` folders are removed. Folders
 * of a run that is still going (its process is alive) and folders without the marker are left alone.
 */
export function recoverStaleOutput(outDir: string, fs: FsOps = nodeFsOps, signals: SignalHooks = processSignals): void {
  const stale = siblings(fs, outDir).filter((s) => s.pid === process.pid || !signals.isAlive(s.pid));
  let present: boolean;
  try {
    present = fs.lstat(outDir) !== undefined;
  } catch (e) {
    throw outputWriteError(e, "look at the output folder", outDir);
  }
  if (!present) {
    const previous = stale.find((s) => s.kind === "old" && isMarkedOrEmpty(fs, s.path));
    if (previous) {
      try {
        fs.rename(previous.path, outDir);
      } catch (e) {
        throw outputWriteError(e, `restore the previous output from ${basename(previous.path)}`, outDir, `rename ${previous.path} back to ${outDir}`);
      }
    }
  }
  for (const s of stale) {
    try {
      if (fs.lstat(s.path) === undefined || !isMarkedOrEmpty(fs, s.path)) continue;
      fs.rm(s.path);
    } catch {
      // best effort: a leftover that cannot be removed now is tried again next time
    }
  }
}

/** A relative, "/"-separated file name that stays inside the output folder. */
function checkName(name: string): void {
  if (name === "" || isAbsolute(name) || name.split(/[\\/]/).some((p) => p === ".." || p === "" || p === ".") || name === OUTPUT_MARKER) {
    throw new Error(`output file name ${JSON.stringify(name)} would leave the output folder`);
  }
}

function interruptedError(shown: string, signal: StopSignal): SurvinferError {
  return new SurvinferError({ code: "OUTPUT_INTERRUPTED", file: shown, message: `interrupted (${signal}) while writing the outputs; nothing was changed`, hint: "the previous outputs, if any, are as they were; run again to write them" });
}

/** Lets pending signals reach their handlers between two files. */
function yieldToEvents(): Promise<void> {
  return new Promise((done) => setImmediate(done));
}

/**
 * Writes `files` (relative names, "/" for subfolders) as the new content of `outDir` (absolute),
 * plus the `.survinfer-output` marker listing them. Refuses (exit 2) when outDir is not new, empty
 * or a survinfer output folder, and reports disk failures in plain words (`OUTPUT_WRITE_FAILED`).
 *
 * @example
 * await writeOutputDir("/home/me/study/out", { "results.json": json, "figures/km.svg": svg }, { inputs: [dataPath, specPath] });
 */
export async function writeOutputDir(outDir: string, files: OutputFiles, options: WriteOutputOptions = {}): Promise<void> {
  const fs = options.fsOps ?? nodeFsOps;
  const signals = options.signals ?? processSignals;
  const shown = options.shown ?? outDir;
  const inputs = options.inputs ?? [];
  const names = Object.keys(files);
  names.forEach(checkName);
  recoverStaleOutput(outDir, fs, signals);
  checkOutputDir(fs, outDir, shown, inputs);
  try {
    fs.mkdir(dirname(outDir), { recursive: true });
  } catch (e) {
    throw outputWriteError(e, "create the parent folder of the output", dirname(outDir));
  }
  const stamp = `${process.pid}-${Date.now()}`;
  const tmp = `${outDir}.tmp-${stamp}`;
  const old = `${outDir}.old-${stamp}`;
  let interrupted: StopSignal | undefined;
  const handlers = SIGNALS.map((sig) => [sig, (): void => void (interrupted ??= sig)] as const);
  for (const [sig, h] of handlers) signals.on(sig, h);
  let movedAside = false;
  let restoreFailed = false;
  try {
    const step = (action: string, path: string, op: () => void): void => {
      if (interrupted) throw interruptedError(shown, interrupted);
      try {
        op();
      } catch (e) {
        throw outputWriteError(e, action, path);
      }
    };
    step("create the temporary output folder", tmp, () => fs.mkdir(tmp));
    // the marker first: a temp folder left by a crash is then recognisably ours
    step("write", join(tmp, OUTPUT_MARKER), () => fs.writeFile(join(tmp, OUTPUT_MARKER), markerText(names)));
    for (const name of names) {
      const path = join(tmp, ...name.split("/"));
      step("create a folder", dirname(path), () => fs.mkdir(dirname(path), { recursive: true }));
      step("write", path, () => fs.writeFile(path, files[name]));
      await yieldToEvents();
    }
    // look again just before replacing: the user may have put something there meanwhile
    const state = checkOutputDir(fs, outDir, shown, inputs);
    if (interrupted) throw interruptedError(shown, interrupted);
    if (state !== "absent") {
      step("move the previous output aside", outDir, () => fs.rename(outDir, old));
      movedAside = true;
    }
    try {
      fs.rename(tmp, outDir);
    } catch (e) {
      if (movedAside) {
        try {
          fs.rename(old, outDir);
          movedAside = false;
        } catch {
          restoreFailed = true;
          throw outputWriteError(e, "move the new output into place", outDir, `The previous output is kept in ${old}: rename it back to ${outDir} (the next survinfer run does this itself)`);
        }
      }
      throw outputWriteError(e, "move the new output into place", outDir);
    }
  } finally {
    for (const [sig, h] of handlers) signals.off(sig, h);
    try {
      fs.rm(tmp);
      if (movedAside && !restoreFailed) fs.rm(old);
    } catch {
      // best effort; recoverStaleOutput removes leftovers on the next start
    }
    // after clean-up, pass the interruption on (the default ends the process by that signal)
    if (interrupted) signals.reraise(interrupted);
  }
}
