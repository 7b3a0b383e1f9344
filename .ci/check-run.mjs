/* global process, console */
// CI guard after `npm test` (docs/validation.md, "Test policy"): fails when any test was skipped or left
// as todo (unless .ci/allowed-skips.json names it with a reason), when the run wrote no result, or when the
// working tree changed during the run (a snapshot written, a fixture rewritten, a stray output file).
// Usage: node .ci/check-run.mjs VITEST_JSON GIT_STATUS_BEFORE GIT_STATUS_AFTER
import { readFileSync, existsSync } from "node:fs";

const [resultFile, beforeFile, afterFile] = process.argv.slice(2);
const problems = [];

/** @type {{ test: string, reason: string }[]} */
const allowed = existsSync(".ci/allowed-skips.json") ? JSON.parse(readFileSync(".ci/allowed-skips.json", "utf8")) : [];
for (const a of allowed) {
  if (typeof a.test !== "string" || typeof a.reason !== "string" || a.reason.trim().length < 10) {
    problems.push(`.ci/allowed-skips.json: every entry needs "test" (the full test name) and a "reason" of at least 10 characters: ${JSON.stringify(a)}`);
  }
}

if (!existsSync(resultFile)) {
  problems.push(`no vitest JSON result at ${resultFile}: did npm test run with --reporter=json?`);
} else {
  const result = JSON.parse(readFileSync(resultFile, "utf8"));
  const skipped = [];
  for (const file of result.testResults ?? []) {
    for (const t of file.assertionResults ?? []) {
      if (t.status !== "passed" && t.status !== "failed") skipped.push({ file: file.name, name: t.fullName, status: t.status });
    }
  }
  const allowedNames = new Set(allowed.map((a) => a.test));
  for (const s of skipped) {
    if (!allowedNames.has(s.name)) {
      problems.push(`test ${s.status} in CI: "${s.name}" (${s.file}). Make it run here (install what it needs in .ci/run) or add {"test": ${JSON.stringify(s.name)}, "reason": "..."} to .ci/allowed-skips.json`);
    }
  }
  console.log(`ci: ${result.numTotalTests} tests, ${result.numPassedTests} passed, ${result.numFailedTests} failed, ${skipped.length} skipped/todo (${skipped.filter((s) => allowedNames.has(s.name)).length} allowed)`);
}

const before = readFileSync(beforeFile, "utf8");
const after = readFileSync(afterFile, "utf8");
if (before !== after) {
  const b = new Set(before.split("\n").filter(Boolean));
  const a = new Set(after.split("\n").filter(Boolean));
  const changed = [...a].filter((l) => !b.has(l)).concat([...b].filter((l) => !a.has(l)).map((l) => `(no longer) ${l}`));
  problems.push(`the test run changed the working tree (a snapshot or fixture written, or a file left behind); git status lines that differ:\n  ${changed.join("\n  ")}\nTests must write only under a temporary directory; snapshots are re-baselined on a developer machine and committed.`);
}

if (problems.length > 0) {
  for (const p of problems) console.error(`ci: FAIL: ${p}`);
  process.exit(1);
}
console.log("ci: no skipped test, working tree unchanged");
