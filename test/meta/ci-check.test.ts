/** .ci/check-run.mjs, the guard CI runs after `npm test`: a skipped test or a changed tree fails CI. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT } from "./scan.js";

const dir = mkdtempSync(join(tmpdir(), "survinfer-ci-check-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function result(statuses: readonly string[]): string {
  const file = join(dir, `r-${statuses.join("-")}.json`);
  const assertionResults = statuses.map((status, i) => ({ fullName: `suite test ${i}`, status }));
  writeFileSync(file, JSON.stringify({ numTotalTests: statuses.length, numPassedTests: statuses.filter((s) => s === "passed").length, numFailedTests: 0, testResults: [{ name: "test/x.test.ts", assertionResults }] }));
  return file;
}

function status(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

function check(resultFile: string, before: string, after: string): { code: number | null; out: string } {
  const r = spawnSync(process.execPath, [join(ROOT, ".ci", "check-run.mjs"), resultFile, before, after], { cwd: ROOT, encoding: "utf8" });
  return { code: r.status, out: r.stdout + r.stderr };
}

describe(".ci/check-run.mjs", () => {
  const same = status("before", " M src/x.ts\n");

  it("passes when every test ran and the tree is unchanged", () => {
    const r = check(result(["passed", "passed"]), same, same);
    expect(r.out).toContain("no skipped test, working tree unchanged");
    expect(r.code).toBe(0);
  });

  it("fails on a skipped or todo test that .ci/allowed-skips.json does not name", () => {
    const r = check(result(["passed", "skipped", "todo"]), same, same);
    expect(r.code).toBe(1);
    expect(r.out).toContain('test skipped in CI: "suite test 1" (test/x.test.ts)');
    expect(r.out).toContain('test todo in CI: "suite test 2"');
  });

  it("fails when the run changed the working tree, naming the changed paths", () => {
    const r = check(result(["passed"]), same, status("after", " M src/x.ts\n?? test/fixtures/svg/new.svg\n"));
    expect(r.code).toBe(1);
    expect(r.out).toContain("?? test/fixtures/svg/new.svg");
  });

  it("fails when there is no vitest result", () => {
    const r = check(join(dir, "missing.json"), same, same);
    expect(r.code).toBe(1);
    expect(r.out).toContain("no vitest JSON result");
  });
});
