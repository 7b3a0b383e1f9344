/**
 * Which folders `--out` may replace. survinfer writes only into a new folder, an existing empty one,
 * or a folder that it wrote itself: every output folder holds a marker file, `.survinfer-output`,
 * listing the files survinfer put there. Anything else (a user's folder, a file, a folder that holds
 * or is an input file, a marked folder to which the user has added files) is refused with a
 * SurvinferError, exit 2, before anything is written.
 */
import { basename, dirname, isAbsolute, join, relative, sep } from "node:path";
import { SurvinferError } from "../errors.js";
import { outputWriteError } from "./fs-error.js";
import type { FsOps } from "./fs-ops.js";

/** Name of the marker file in every output folder. */
export const OUTPUT_MARKER = ".survinfer-output";

const MARKER_HEADER = "# Written by survinfer. The next `survinfer run --out` to this folder replaces it, unless it holds files not listed here.";

/** The marker's text: a header line, then the files survinfer wrote (relative, "/"-separated, sorted). */
export function markerText(files: readonly string[]): string {
  return [MARKER_HEADER, ...[...files].sort()].join("\n") + "\n";
}

/** The files a marker lists. */
export function parseMarker(text: string): Set<string> {
  return new Set(text.split(/\r?\n/).filter((l) => l !== "" && !l.startsWith("#")));
}

/** Every entry under `dir`, "/"-separated, folders with a trailing "/" (symbolic links are not followed). */
export function listTree(fs: FsOps, dir: string, prefix = ""): string[] {
  const out: string[] = [];
  for (const name of fs.readdir(join(dir, prefix)).sort()) {
    const rel = prefix === "" ? name : `${prefix}/${name}`;
    const st = fs.lstat(join(dir, rel));
    if (st?.isDirectory() === true && st.isSymbolicLink() !== true) out.push(`${rel}/`, ...listTree(fs, dir, rel));
    else out.push(rel);
  }
  return out;
}

/** `path` with symbolic links resolved, as far as it exists (a path that does not exist yet keeps its tail). */
function realish(fs: FsOps, path: string): string {
  try {
    return fs.realpath(path);
  } catch {
    const parent = dirname(path);
    return parent === path ? path : join(realish(fs, parent), basename(path));
  }
}

/** True when `inner` is `outer` or lies inside it. */
function within(inner: string, outer: string): boolean {
  const rel = relative(outer, inner);
  return rel === "" || (rel !== ".." && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/** What `--out` points at now. */
export type OutputState = "absent" | "empty" | "ours";

function listShort(items: readonly string[]): string {
  const head = items.slice(0, 5).map((s) => JSON.stringify(s)).join(", ");
  return items.length > 5 ? `${head} and ${items.length - 5} more` : head;
}

/**
 * Checks that `outDir` (absolute) may be written, and says what is there. `shown` is how messages
 * name it (as the user gave it); `inputs` are the absolute paths of the files the run reads.
 * Throws `OUTPUT_HOLDS_INPUT`, `OUTPUT_IS_FILE` or `OUTPUT_NOT_OURS` otherwise.
 */
export function checkOutputDir(fs: FsOps, outDir: string, shown: string, inputs: readonly string[]): OutputState {
  const real = realish(fs, outDir);
  for (const input of inputs) {
    const realInput = realish(fs, input);
    if (within(input, outDir) || within(realInput, real)) {
      const same = input === outDir || realInput === real;
      throw new SurvinferError({
        code: "OUTPUT_HOLDS_INPUT",
        file: shown,
        message: same ? `--out names the input file ${basename(input)}; survinfer never writes to or beside its inputs` : `--out is a folder that holds the input file ${basename(input)}; survinfer would replace the whole folder, so it refuses`,
        hint: "give --out a new folder name, e.g. --out results (the default is out/ next to the spec)",
      });
    }
  }
  let st;
  try {
    st = fs.lstat(outDir);
  } catch (e) {
    throw outputWriteError(e, "look at the output folder", shown);
  }
  if (st === undefined) return "absent";
  if (st.isSymbolicLink()) {
    throw new SurvinferError({ code: "OUTPUT_NOT_OURS", file: shown, message: "--out is a symbolic link; survinfer does not replace links or what they point to", hint: "give --out a new folder name" });
  }
  if (!st.isDirectory()) {
    throw new SurvinferError({ code: "OUTPUT_IS_FILE", file: shown, message: "--out is an existing file, not a folder; survinfer will not replace it", hint: "give --out the name of a new folder, e.g. --out results" });
  }
  let entries: string[];
  try {
    entries = listTree(fs, outDir);
  } catch (e) {
    throw outputWriteError(e, "list the output folder", shown);
  }
  if (entries.length === 0) return "empty";
  if (!entries.includes(OUTPUT_MARKER)) {
    const top = entries.filter((e) => !e.slice(0, -1).includes("/"));
    throw new SurvinferError({
      code: "OUTPUT_NOT_OURS",
      file: shown,
      message: `--out is a folder that survinfer did not write (no ${OUTPUT_MARKER} marker); it holds ${listShort(top)}. survinfer replaces its output folder as a whole and will not delete these`,
      hint: "give --out a new or empty folder, e.g. --out results",
    });
  }
  let listed: Set<string>;
  try {
    listed = parseMarker(fs.readFile(join(outDir, OUTPUT_MARKER)));
  } catch (e) {
    throw outputWriteError(e, "read the output folder's marker", join(shown, OUTPUT_MARKER));
  }
  const folders = new Set<string>();
  for (const f of listed) for (let i = f.indexOf("/"); i >= 0; i = f.indexOf("/", i + 1)) folders.add(f.slice(0, i + 1));
  const foreign = entries.filter((e) => e !== OUTPUT_MARKER && !listed.has(e) && !folders.has(e));
  if (foreign.length > 0) {
    throw new SurvinferError({
      code: "OUTPUT_NOT_OURS",
      file: shown,
      message: `--out is a survinfer output folder that now also holds files survinfer did not write: ${listShort(foreign)}. Replacing the folder would delete them`,
      hint: "move those files elsewhere, or give --out a new folder",
    });
  }
  return "ours";
}
