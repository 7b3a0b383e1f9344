/**
 * The lines `survinfer run` prints after summary.txt: where the report and the other outputs are, in the report's
 * language (referee B12: a German run printed English), with a path the user can open: relative to the working
 * folder when the output folder lies inside it, else absolute ("../../tmp/out" told the reader nothing).
 */
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { withLanguage, type Language } from "../i18n/language.js";
import { msg } from "../i18n/messages.js";

/**
 * The output folder as the user should read it: relative to `cwd` when inside it ("." for `cwd` itself),
 * otherwise absolute.
 *
 * @example
 * ```ts
 * shownOutputDir("/work/study", "/work/study/out"); // "out"
 * shownOutputDir("/work/study", "/tmp/out");        // "/tmp/out"
 * ```
 */
export function shownOutputDir(cwd: string, outDir: string): string {
  const absolute = resolve(cwd, outDir);
  const rel = relative(cwd, absolute);
  if (rel === "") return ".";
  return rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel) ? absolute : rel;
}

/**
 * "\nReport: out/report.html\nAll outputs in out/: report.html, figures/ (SVG, PNG), …\n" in `language`.
 *
 * @example
 * ```ts
 * outputsMessage("/work/study", "/tmp/out", true, "de");
 * // "\nBericht: /tmp/out/report.html\nAlle Ausgaben in /tmp/out/: report.html, figures/ (SVG, PNG), …\n"
 * ```
 */
export function outputsMessage(cwd: string, outDir: string, png: boolean, language: Language): string {
  const where = shownOutputDir(cwd, outDir);
  return withLanguage(language, () => {
    const t = msg().cliOutputs;
    return `\n${t.report(join(where, "report.html"))}\n${t.all(`${where}/`, png ? "SVG, PNG" : "SVG")}\n`;
  });
}
