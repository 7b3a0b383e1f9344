/** survinfer cuminc end to end against cmprsk::cuminc (fixture cmprsk/cuminc-help-example-unstratified). */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { expectClose } from "../helpers/expect-close.js";
import { loadFixture } from "../helpers/fixtures.js";
import { runCli } from "../helpers/cli.js";

const dir = mkdtempSync(join(tmpdir(), "survinfer-cuminc-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Input { time: number[]; cause: number[]; group: { codes: number[]; levels: string[] }; times: number[] }
interface Expected { tests: { cause: string; stat: number; pv: number; df: number }[] }

describe("survinfer cuminc", () => {
  const fx = loadFixture<Input, Expected>("cmprsk", "cuminc-help-example-unstratified");
  const csv = join(dir, "cr.csv");
  writeFileSync(csv, ["time,cause,group", ...fx.input.time.map((t, i) => `${t},${fx.input.cause[i]},${fx.input.group.levels[fx.input.group.codes[i]]}`)].join("\n") + "\n");

  it("Gray's tests equal cmprsk::cuminc's", async () => {
    const r = await runCli(["cuminc", csv, "--time", "time", "--cause", "cause", "--by", "group", "--times", fx.input.times.join(","), "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const res = JSON.parse(r.stdout) as { tests: { cause: number; statistic: number; p: number; df: number }[]; curves: { at: { est: number[] } }[] };
    expectClose(res.tests.map((t) => t.statistic), fx.expected.tests.map((t) => t.stat), { rel: 1e-8 }, "Gray statistic");
    expectClose(res.tests.map((t) => t.p), fx.expected.tests.map((t) => t.pv), { rel: 1e-8 }, "Gray p");
    expect(res.curves.length).toBe(6);
  });

  it("text causes need --censor-value, and then map to causes in level order", async () => {
    const path = join(dir, "text.csv");
    writeFileSync(path, "time,cause\n1,alive\n2,sarcoma\n3,other\n4,sarcoma\n");
    const bad = await runCli(["cuminc", path, "--time", "time", "--cause", "cause"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--censor-value");
    const ok = await runCli(["cuminc", path, "--time", "time", "--cause", "cause", "--censor-value", "alive", "--json"]);
    expect(ok.code, ok.stderr).toBe(0);
    expect((JSON.parse(ok.stdout) as { causeLabels: Record<string, string> }).causeLabels).toEqual({ "1": "other", "2": "sarcoma" });
  });
});
