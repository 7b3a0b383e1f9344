/** survinfer run with analyses.propensity.bootstrap: a progress bar on stderr, nothing extra on stdout. */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { progressBar } from "../../src/cli/commands/run.js";
import type { StudyResults } from "../../src/study/run.js";
import { runCli } from "../helpers/cli.js";

const root = new URL("../../", import.meta.url).pathname;
const example = join(root, "examples", "lms-metastasectomy");
const dir = mkdtempSync(join(tmpdir(), "survinfer-run-boot-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("survinfer run with a bootstrap", () => {
  it("draws a progress bar on stderr and keeps --json output to one JSON object on stdout", async () => {
    copyFileSync(join(example, "cohort.csv"), join(dir, "cohort.csv"));
    const yaml = readFileSync(join(example, "study.yaml"), "utf8").replace(
      "    weighting: { estimand: ATE, stabilize: true }\n",
      "    weighting: { estimand: ATE, stabilize: true }\n    bootstrap: { replicates: 20 }\n",
    );
    writeFileSync(join(dir, "study.yaml"), yaml);
    const r = await runCli(["run", "study.yaml", "--out", "out", "--no-png", "--json"], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr.endsWith(`\rbootstrap [${"#".repeat(30)}] 20/20\n`)).toBe(true);
    const frames = r.stderr.split("\r").filter((s) => s !== "");
    expect(frames.filter((s) => s.startsWith("bootstrap ["))).toHaveLength(20); // every replicate (total < 50)
    // the clone–censor–weight bootstrap (200 replicates by default) draws its own bar first, about 50 frames
    expect(frames.filter((s) => s.startsWith("clone–censor–weight bootstrap ["))).toHaveLength(50);
    expect(r.stderr).toContain(`\rclone–censor–weight bootstrap [${"#".repeat(30)}] 200/200\n`);
    const res = JSON.parse(r.stdout) as StudyResults;
    expect(res.analyses.effects!.bootstrap).toMatchObject({ replicates: 20, seed: 44 });
    expect(JSON.parse(readFileSync(join(dir, "out", "results.json"), "utf8"))).toEqual(res);
    // the report's treatment-effect table gains the bootstrap CI column
    expect(readFileSync(join(dir, "out", "report.html"), "utf8")).toContain("Bootstrap 95% CI");
  });

  it("progressBar redraws about 50 times for a long bootstrap and ends the line", () => {
    let text = "";
    const bar = progressBar({ stdout: () => undefined, stderr: (t) => (text += t), cwd: "." }, 10);
    for (let k = 1; k <= 1000; k++) bar("bootstrap", k, 1000);
    const frames = text.split("\r").filter((s) => s !== "");
    expect(frames).toHaveLength(50);
    expect(frames[0]).toBe("bootstrap [..........] 20/1000");
    expect(frames[24]).toBe("bootstrap [#####.....] 500/1000");
    expect(frames[49]).toBe("bootstrap [##########] 1000/1000\n");
  });
});
