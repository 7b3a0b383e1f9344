/**
 * The few synchronous file-system operations the output writer uses, behind one interface so that
 * tests can make any one of them fail (a full disk at the k-th file, a failing rename) and check
 * that nothing is lost.
 */
import { lstatSync, mkdirSync, readFileSync, readdirSync, realpathSync, renameSync, rmSync, writeFileSync } from "node:fs";

export interface EntryKind {
  isDirectory(): boolean;
  isSymbolicLink(): boolean;
}

export interface FsOps {
  readonly mkdir: (path: string, options?: { readonly recursive?: boolean }) => void;
  readonly writeFile: (path: string, data: string | Uint8Array) => void;
  readonly rename: (from: string, to: string) => void;
  /** Removes a file or a folder with everything in it; no error when absent. */
  readonly rm: (path: string) => void;
  readonly readdir: (path: string) => string[];
  /** The entry itself (links not followed), or undefined when nothing is there. */
  readonly lstat: (path: string) => EntryKind | undefined;
  readonly readFile: (path: string) => string;
  readonly realpath: (path: string) => string;
}

export const nodeFsOps: FsOps = {
  mkdir: (path, options) => void mkdirSync(path, options),
  writeFile: (path, data) => writeFileSync(path, data, { flag: "wx" }),
  rename: (from, to) => renameSync(from, to),
  rm: (path) => rmSync(path, { recursive: true, force: true }),
  readdir: (path) => readdirSync(path),
  lstat: (path) => lstatSync(path, { throwIfNoEntry: false }),
  readFile: (path) => readFileSync(path, "utf8"),
  realpath: (path) => realpathSync(path),
};
