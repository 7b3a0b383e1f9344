/**
 * The CLI end to end against R: each case rebuilds a CSV from an R fixture's input, runs
 * `survinfer km|logrank|rmst ... --json` in-process and compares with what R printed.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { expectClose } from "../helpers/expect-close.js";
import { loadFixture } from "../helpers/fixtures.js";
import { runCli } from "../helpers/cli.js";

const dir = mkdtempSync(join(tmpdir(), "survinfer-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes time,status,group rows; group as its level label (prefixed so it is read as text). */
function writeCsv(name: string, time: number[], status: number[], group: number[], levels: string[]): string {
  const lines = ["time,status,group", ...time.map((t, i) => `${t},${status[i]},g${levels[group[i]]}`)];
  const path = join(dir, name);
  writeFileSync(path, lines.join("\n") + "\n");
  return path;
}

interface KmStratum { name: string; surv: number[]; stdErr: number[]; lower: number[]; upper: number[]; nRisk: number[]; time: number[]; quantiles: { estimate: (number | null)[] } }

describe("survinfer km --json equals R survfit", () => {
  for (const [name, confType] of [["lung-by-sex", "log"], ["lung-by-sex-loglog", "log-log"], ["veteran-by-celltype", "log"]] as const) {
    it(name, async () => {
      const fx = loadFixture<{ time: number[]; status: number[]; group: { codes: number[]; levels: string[] } }, { strata: KmStratum[] }>("km", name);
      const csv = writeCsv(`${name}.csv`, fx.input.time, fx.input.status, fx.input.group.codes, fx.input.group.levels);
      const r = await runCli(["km", csv, "--time", "time", "--event", "status", "--by", "group", "--conf-type", confType, "--json"]);
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      const res = JSON.parse(r.stdout) as { strata: (KmStratum & { median: { estimate: number | null } })[] };
      for (const want of fx.expected.strata) {
        const got = res.strata.find((s) => s.name === `g${want.name}`);
        expect(got, `stratum ${want.name}`).toBeDefined();
        expectClose(got!.time, want.time, { rel: 1e-13 }, "time");
        expectClose(got!.nRisk, want.nRisk, { rel: 0 }, "nRisk");
        expectClose(got!.surv, want.surv, { rel: 1e-10 }, "surv");
        expectClose(got!.stdErr, want.stdErr, { rel: 1e-10 }, "stdErr");
        expectClose(got!.lower, want.lower, { rel: 1e-10 }, "lower");
        expectClose(got!.upper, want.upper, { rel: 1e-10 }, "upper");
        expectClose(got!.median.estimate, want.quantiles.estimate[1], { rel: 1e-10 }, "median");
      }
    });
  }
});

describe("survinfer logrank --json equals R survdiff", () => {
  for (const name of ["lung-sex", "lung-sex-rho1", "lung-ecog"]) {
    it(name, async () => {
      const fx = loadFixture<{ time: number[]; status: number[]; group: number[]; groupLevels: string[]; rho: number }, { groupNames: string[]; observed: number[]; expected: number[]; chisq: number; df: number; p: number }>("logrank", name);
      const keep = fx.input.group.map((g, i) => (g === null || g < 0 ? -1 : i)).filter((i) => i >= 0);
      const csv = writeCsv(`${name}.csv`, keep.map((i) => fx.input.time[i]), keep.map((i) => fx.input.status[i]), keep.map((i) => fx.input.group[i]), fx.input.groupLevels);
      const r = await runCli(["logrank", csv, "--time", "time", "--event", "status", "--by", "group", "--rho", String(fx.input.rho), "--json"]);
      expect(r.code, r.stderr).toBe(0);
      const res = JSON.parse(r.stdout) as { chisq: number; df: number; p: number; groups: { name: string; observed: number; expected: number }[] };
      expectClose(res.chisq, fx.expected.chisq, { rel: 1e-10 }, "chisq");
      expect(res.df).toBe(fx.expected.df);
      expectClose(res.p, fx.expected.p, { rel: 1e-10 }, "p");
      fx.expected.groupNames.forEach((g, k) => {
        const got = res.groups.find((x) => x.name === `g${g}`)!;
        expectClose(got.observed, fx.expected.observed[k], { rel: 1e-10 }, `observed ${g}`);
        expectClose(got.expected, fx.expected.expected[k], { rel: 1e-10 }, `expected ${g}`);
      });
    });
  }
});

describe("survinfer rmst --json equals survRM2's method", () => {
  it("lung-sex-tau-365", async () => {
    const fx = loadFixture<{ time: number[]; status: number[]; group: number[]; groupLevels: string[]; tau: number }, { rmst: number[]; se: number[]; difference: { estimate: number } | number[] }>("rmst", "lung-sex-tau-365");
    const csv = writeCsv("rmst.csv", fx.input.time, fx.input.status, fx.input.group, fx.input.groupLevels);
    const r = await runCli(["rmst", csv, "--time", "time", "--event", "status", "--by", "group", "--tau", String(fx.input.tau), "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const res = JSON.parse(r.stdout) as { groups: { name: string; rmst: number; se: number }[] };
    expectClose(res.groups.map((g) => g.rmst), fx.expected.rmst, { rel: 1e-10 }, "rmst");
    expectClose(res.groups.map((g) => g.se), fx.expected.se, { rel: 1e-10 }, "se");
  });
});

describe("CLI errors name the file, row, column and value", () => {
  it("a negative time stops with exit 2 naming row and column", async () => {
    const path = join(dir, "neg.csv");
    writeFileSync(path, "time,status\n5,1\n-2,0\n");
    const r = await runCli(["km", path, "--time", "time", "--event", "status"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/row 3/);
    expect(r.stderr).toMatch(/column "time"/);
    expect(r.stderr).toMatch(/"-2"/);
  });

  it("a text status without --event-value asks for it", async () => {
    const path = join(dir, "text.csv");
    writeFileSync(path, "time,status\n5,dead\n2,alive\n");
    const r = await runCli(["km", path, "--time", "time", "--event", "status"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--event-value");
    const ok = await runCli(["km", path, "--time", "time", "--event", "status", "--event-value", "dead", "--json"]);
    expect(ok.code).toBe(0);
    expect((JSON.parse(ok.stdout) as { strata: { events: number }[] }).strata[0].events).toBe(1);
  });

  it("rows with a missing time are dropped and counted", async () => {
    const path = join(dir, "na.csv");
    writeFileSync(path, "time,status\n5,1\nNA,0\n3,1\n");
    const r = await runCli(["km", path, "--time", "time", "--event", "status", "--json"]);
    const res = JSON.parse(r.stdout) as { strata: { n: number }[]; warnings: string[] };
    expect(res.strata[0].n).toBe(2);
    expect(res.warnings.join(" ")).toContain("1 row dropped for a missing value: 1 in time");
  });
});
