/**
 * File-system failures while writing outputs, in plain words: a full disk, a read-only folder or a
 * missing permission is the user's to fix, so it becomes a `SurvinferError` (`OUTPUT_WRITE_FAILED`,
 * exit 2) naming the path and the reason, never an internal error with a stack trace.
 */
import { SurvinferError } from "../errors.js";

/** Plain-words reason and what to do, by Node's error code (errno name). */
const REASONS: Readonly<Record<string, readonly [reason: string, hint: string]>> = {
  ENOSPC: ["the disk is full", "free some space or choose --out on another disk, then run again"],
  EDQUOT: ["the disk quota is used up", "free some space or choose --out on another disk, then run again"],
  EACCES: ["permission denied", "choose --out in a folder you may write to, or ask for write access"],
  EPERM: ["the operation is not permitted", "choose --out in a folder you may write to, or ask for write access"],
  EROFS: ["the disk or folder is read-only", "choose --out on a writable disk"],
  EEXIST: ["something with that name appeared while writing", "check that no other program writes there, then run again"],
  ENOTDIR: ["a part of the path is a file, not a folder", "choose an --out whose parent folders are folders"],
  EISDIR: ["a folder is where a file should go", "choose another --out"],
  ENOENT: ["a folder on the path disappeared while writing", "check that no other program moves or deletes it, then run again"],
  ENAMETOOLONG: ["the path is too long", "choose a shorter --out"],
  EMFILE: ["too many files are open", "close other programs and run again"],
  EBUSY: ["the file or folder is in use by another program", "close the program that uses it and run again"],
  EIO: ["the disk reported an input/output error", "check the disk, or choose --out on another disk"],
  EXDEV: ["the output folder and its temporary folder are on different disks", "choose --out on one disk"],
};

/** Node's errno code of `e` ("ENOSPC", ...), or undefined when `e` is not a system error. */
export function errnoCode(e: unknown): string | undefined {
  if (typeof e !== "object" || e === null || !("code" in e)) return undefined;
  const code = (e as { code: unknown }).code;
  return typeof code === "string" && /^E[A-Z0-9]+$/.test(code) ? code : undefined;
}

/**
 * A system error while doing `action` on `path` as a SurvinferError; anything that is not a system
 * error (a bug) is returned unchanged so that it still reports as an internal error.
 */
export function outputWriteError(e: unknown, action: string, path: string, extra?: string): unknown {
  const code = errnoCode(e);
  if (code === undefined) return e;
  const known = REASONS[code];
  const reason = known ? known[0] : `the system reported ${code}${e instanceof Error ? ` (${e.message})` : ""}`;
  const hint = [extra, known ? known[1] : "check the disk and the folder, then run again"].filter((s) => s !== undefined).join(". ");
  return new SurvinferError({ code: "OUTPUT_WRITE_FAILED", file: path, message: `cannot ${action}: ${reason} [${code}]`, hint });
}
