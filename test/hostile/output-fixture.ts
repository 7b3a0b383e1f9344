/** Shared by the output-* and determinism-* tests: folder fingerprints and a small study in a temp folder. */
import { createHash } from "node:crypto";
import { copyFileSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const EXAMPLE = join(ROOT, "examples", "lms-metastasectomy");

/** Every entry under `dir` (sorted, "/"-separated) with the SHA-256 of each file's bytes ("dir" for folders). */
export function hashTree(dir: string, prefix = ""): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(join(dir, prefix)).sort()) {
    const rel = prefix === "" ? name : `${prefix}/${name}`;
    const st = lstatSync(join(dir, rel));
    if (st.isSymbolicLink()) {
      out[rel] = `link -> ${readlinkSync(join(dir, rel))}`;
    } else if (st.isDirectory()) {
      out[`${rel}/`] = "dir";
      Object.assign(out, hashTree(dir, rel));
    } else {
      out[rel] = createHash("sha256").update(readFileSync(join(dir, rel))).digest("hex");
    }
  }
  return out;
}

/** A fresh temp folder under os.tmpdir(). */
export function tempDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `survinfer-${label}-`));
}

/**
 * The example cohort and a shortened copy of its study (the long-term analyses left out, so a run takes
 * a second or two) in `dir`/`sub`; returns the folder.
 */
export function smallStudy(dir: string, sub = "study"): string {
  const d = join(dir, sub);
  mkdirSync(d, { recursive: true });
  copyFileSync(join(EXAMPLE, "cohort.csv"), join(d, "cohort.csv"));
  const yaml = readFileSync(join(EXAMPLE, "study.yaml"), "utf8");
  const cut = yaml.indexOf("  # long-term questions");
  if (cut < 0) throw new Error("the example study.yaml changed: update smallStudy()");
  writeFileSync(join(d, "study.yaml"), yaml.slice(0, cut) + "\nseed: 44\n");
  return d;
}

/** The example cohort with a minimal study (Kaplan–Meier only, plus the Table 1 every run makes) in `dir`/`sub`. */
export function tinyStudy(dir: string, sub = "study"): string {
  const d = join(dir, sub);
  mkdirSync(d, { recursive: true });
  copyFileSync(join(EXAMPLE, "cohort.csv"), join(d, "cohort.csv"));
  const yaml = readFileSync(join(EXAMPLE, "study.yaml"), "utf8");
  const cut = yaml.indexOf("\nanalyses:");
  if (cut < 0) throw new Error("the example study.yaml changed: update tinyStudy()");
  writeFileSync(join(d, "study.yaml"), yaml.slice(0, cut) + "\nanalyses:\n  km: { endpoint: os, by: treatment, times: [12] }\nseed: 44\n");
  return d;
}

/** Names in `dir` that look like the writer's temporary or set-aside folders. */
export function leftovers(dir: string): string[] {
  return readdirSync(dir).filter((n) => /\.(tmp|old)-\d+-\d+$/.test(n));
}
