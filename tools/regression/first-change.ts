/**
 * Finds the commit that first changed part of an old spec's rendering: for each path pattern (tools/regression/leaves.ts
 * syntax), the first commit after BASE whose results.json differs from BASE's rendering on a numeric leaf matching it
 * (by more than 1e-12 relative, or a number that appears, disappears or becomes null; texts are not compared). The
 * search bisects the first-parent history BASE..HEAD, then, when the culprit is a merge, the branch it merged, and so
 * on. Each commit is rendered once with tools/regression/run-at.sh (no checkout touched) and cached in CACHE.
 * It assumes that a difference, once introduced, stays (check the answer when a change was later reverted).
 *
 *   npx tsx tools/regression/first-change.ts [--base dddad89] [--spec test/fixtures/old-spec/study.yaml] \
 *     [--cache /tmp/survinfer-old-spec-runs] '.analyses.recurrent.nEvents' '.analyses.cox.multivariable.**'
 *
 * With `--verify C` it checks a candidate instead (two runs): for each pattern, whether C's first parent still
 * renders it as BASE did, and whether C itself changes it relative to that parent.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { leaves, pathPattern, sameNumber, type Leaf } from "./leaves.js";

const here = dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
const option = (name: string, fallback: string): string => {
  const i = argv.indexOf(name);
  if (i < 0) return fallback;
  const [value] = argv.splice(i, 2).slice(1);
  return value;
};
const base = option("--base", "dddad89");
const spec = resolve(option("--spec", join(here, "..", "..", "test", "fixtures", "old-spec", "study.yaml")));
const cache = resolve(option("--cache", "/tmp/survinfer-old-spec-runs"));
const verify = option("--verify", "");
const patterns = argv;
if (patterns.length === 0) {
  console.error("usage: first-change.ts [--base C] [--spec S] [--cache D] PATTERN...");
  process.exit(64);
}

const git = (...args: string[]): string => execFileSync("git", ["-C", here, ...args], { encoding: "utf8" }).trim();

const rendered = new Map<string, Map<string, Leaf>>();
function render(commit: string): Map<string, Leaf> {
  const sha = git("rev-parse", commit);
  const hit = rendered.get(sha);
  if (hit) return hit;
  const out = join(cache, sha);
  if (!existsSync(join(out, "results.json"))) {
    const run = spawnSync(join(here, "run-at.sh"), [sha, spec, out], { stdio: "inherit" });
    if (run.status !== 0) throw new Error(`${sha}: the run failed (exit ${run.status}); see ${out}.log`);
  }
  const flat = leaves(JSON.parse(readFileSync(join(out, "results.json"), "utf8")));
  rendered.set(sha, flat);
  return flat;
}

function differs(commit: string, re: RegExp, from = base): boolean {
  const a = render(from);
  const b = render(commit);
  for (const k of new Set([...a.keys(), ...b.keys()])) {
    if (!re.test(k)) continue;
    const x = a.get(k);
    const y = b.get(k);
    if (typeof x !== "number" && typeof y !== "number") continue; // texts change for many reasons: numbers only
    if (typeof x !== "number" || typeof y !== "number" || !sameNumber(x, y)) return true;
  }
  return false;
}

/** The first commit of `list` (oldest first) for which `bad` holds, given that it holds for the last one. */
function firstBad(list: string[], bad: (c: string) => boolean): string {
  let lo = 0;
  let hi = list.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (bad(list[mid])) hi = mid;
    else lo = mid + 1;
  }
  return list[lo];
}

function culprit(from: string, to: string, re: RegExp): string {
  const list = git("rev-list", "--first-parent", "--reverse", `${from}..${to}`).split("\n").filter(Boolean);
  const first = firstBad(list, (c) => differs(c, re));
  const parents = git("rev-list", "--parents", "-n", "1", first).split(" ").slice(1);
  if (parents.length > 1 && !differs(parents[0], re) && differs(parents[1], re)) {
    return culprit(git("merge-base", parents[0], parents[1]), parents[1], re);
  }
  return first;
}

for (const p of patterns) {
  const re = pathPattern(p);
  if (verify !== "") {
    const parent = `${verify}^`;
    const before = differs(parent, re) ? "already differs from" : "same as";
    const by = differs(verify, re, parent) ? "changes it" : "does not change it";
    console.log(`${p}\t${git("log", "-1", "--format=%h", verify)}^ ${before} ${base}; ${verify} ${by}`);
    continue;
  }
  if (!differs("HEAD", re)) {
    console.log(`${p}\tunchanged at HEAD`);
    continue;
  }
  const c = culprit(base, "HEAD", re);
  console.log(`${p}\t${git("log", "-1", "--format=%h %ad %s", "--date=short", c).slice(0, 200)}`);
}
