/**
 * SVG snapshot comparison (after Observable Plot's test/plot-snapshot.js): the SVG is normalised (numbers
 * rounded to 3 decimals) and compared with test/fixtures/svg/<name>.svg. On mismatch the new output is
 * written to <name>-changed.svg next to it for review and the test fails; UPDATE_SNAPSHOTS=1 rewrites the
 * snapshot instead. A missing snapshot is written (and the test passes) on a developer's machine; under CI
 * (env CI=true) a missing snapshot fails and UPDATE_SNAPSHOTS is refused, so CI never re-baselines a figure.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const svgFixtureDir = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "fixtures", "svg");

/** Rounds every decimal number to 3 decimals (drops trailing zeros) and puts one element per line. */
export function normaliseSvg(svg: string): string {
  return svg
    .replace(/-?\d+\.\d+/g, (m) => {
      const r = Math.round(Number(m) * 1000) / 1000;
      return String(r === 0 ? 0 : r);
    })
    .replace(/></g, ">\n<")
    .concat("\n");
}

/** True under CI: env CI set to anything but "" / "0" / "false" (GitHub Actions, GitLab and `.ci/run` set CI=true). */
export function isCi(env: NodeJS.ProcessEnv = process.env): boolean {
  const v = env.CI;
  return v !== undefined && v !== "" && v !== "0" && v.toLowerCase() !== "false";
}

/** Returns null when equal (or newly written / updated), else a message naming the -changed file. */
export function compareSnapshot(name: string, svg: string): string | null {
  mkdirSync(svgFixtureDir, { recursive: true });
  const file = join(svgFixtureDir, `${name}.svg`);
  const changed = join(svgFixtureDir, `${name}-changed.svg`);
  const actual = normaliseSvg(svg);
  const ci = isCi();
  if (ci && process.env.UPDATE_SNAPSHOTS === "1") {
    return `UPDATE_SNAPSHOTS=1 is refused under CI (CI=${process.env.CI}): re-baseline ${name}.svg on a developer machine and commit it`;
  }
  if (ci && !existsSync(file)) {
    return `SVG snapshot ${name}.svg is missing and CI (CI=${process.env.CI}) never writes one: run this test locally without CI, review test/fixtures/svg/${name}.svg and commit it`;
  }
  if (process.env.UPDATE_SNAPSHOTS === "1" || !existsSync(file)) {
    writeFileSync(file, actual);
    if (existsSync(changed)) rmSync(changed);
    return null;
  }
  const expected = readFileSync(file, "utf8");
  if (expected === actual) {
    if (existsSync(changed)) rmSync(changed);
    return null;
  }
  writeFileSync(changed, actual);
  return `SVG snapshot ${name}.svg differs: new output written to ${changed} (review, then UPDATE_SNAPSHOTS=1 to accept)`;
}
