/**
 * `--treatment-date` input errors: exit 2 with a typed code, the file, row, column, value and what to do.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

const dir = mkdtempSync(join(tmpdir(), "survinfer-td-err-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const rows = [
  "id,time,status,op,age,date_dx,date_op,wait",
  "A,10,1,yes,60,2020-01-01,2020-01-21,0.66",
  "B,20,0,no,55,2020-01-01,,",
  "C,15,1,yes,65,2020-03-01,2020-03-16,0.49",
  "D,30,0,yes,50,2020-01-01,2020-01-11,0.33",
  "E,8,1,no,72,2020-01-01,,",
  "F,12,1,no,68,2020-01-01,,",
];

function write(name: string, lines: string[]): string {
  const p = join(dir, name);
  writeFileSync(p, lines.join("\n") + "\n");
  return p;
}

const base = write("base.csv", rows);
const km = (file: string, ...extra: string[]) => runCli(["km", file, "--time", "time", "--event", "status", "--by", "op", "--id", "id", ...extra]);

describe("--treatment-date errors (exit 2, typed, located)", () => {
  it("an unknown column names the option and suggests the nearest column", async () => {
    const r = await km(base, "--treatment-date", "date_opp", "--origin", "date_dx", "--time-unit", "days");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('has no column "date_opp" (--treatment-date)');
    expect(r.stderr).toContain('"date_op"');
  });

  it("a text column names the first row, the column and its value", async () => {
    const r = await km(base, "--treatment-date", "op");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('row 2, column "op"');
    expect(r.stderr).toContain('(value: "yes")');
    expect(r.stderr).toContain("must hold dates or numeric times since the origin");
  });

  it("dates without --origin or --time-unit say which option to add", async () => {
    const r = await km(base, "--treatment-date", "date_op", "--time-unit", "days");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--origin COL");
    const u = await km(base, "--treatment-date", "date_op", "--origin", "date_dx");
    expect(u.code).toBe(2);
    expect(u.stderr).toContain("--time-unit days|months|years");
  });

  it("a treatment date before the origin names the row, column, value and the origin date", async () => {
    const bad = write("before.csv", rows.map((l, i) => (i === 3 ? l.replace("2020-03-16", "2020-02-20") : l)));
    for (const cmd of ["km", "cox"]) {
      const r =
        cmd === "km"
          ? await km(bad, "--treatment-date", "date_op", "--origin", "date_dx", "--time-unit", "days")
          : await runCli(["cox", bad, "--formula", "Surv(time, status) ~ op + age", "--treatment-date", "date_op", "--origin", "date_dx", "--time-unit", "days"]);
      expect(r.code, cmd).toBe(2);
      expect(r.stderr).toContain('row 4, column "date_op": treatment before the origin (date_dx = 2020-03-01)');
      expect(r.stderr).toContain('(value: "2020-02-20")');
    }
  });

  it("a negative numeric time to treatment is a treatment before the origin", async () => {
    const bad = write("negative.csv", rows.map((l, i) => (i === 4 ? l.replace(",0.33", ",-0.5") : l)));
    const r = await km(bad, "--treatment-date", "wait");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('row 5, column "wait": treatment before the origin (negative time)');
  });

  it("a treatment date for an untreated patient names the row and both columns", async () => {
    const bad = write("untreated-date.csv", rows.map((l, i) => (i === 2 ? l.replace("2020-01-01,,", "2020-01-01,2020-01-05,") : l)));
    const r = await km(bad, "--treatment-date", "date_op", "--origin", "date_dx", "--time-unit", "days");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('row 3, column "date_op"');
    expect(r.stderr).toContain('op = "no"');
  });

  it("treatment after the end of follow-up for every treated patient stops: origin or unit is not that of the times", async () => {
    const r = await km(base, "--treatment-date", "date_op", "--origin", "date_dx", "--time-unit", "years");
    expect(r.code).toBe(0); // a unit too large only shortens the waits: not detectable from the data
    const w = await km(base, "--treatment-date", "wait");
    expect(w.code).toBe(0);
    const months = write("months.csv", rows.map((l, i) => (i === 0 ? l : l.replace(/^(\w),(\d+),/, (_m, id: string, t: string) => `${id},${Number(t) / 100},`))));
    const r2 = await km(months, "--treatment-date", "date_op", "--origin", "date_dx", "--time-unit", "days");
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain("3 of 3 treated patients with a treatment after time 0 were treated after the end of their follow-up");
    expect(r2.stderr).toContain("--time-unit days their unit");
  });

  it("--time-dependent or --origin without --treatment-date, and a numeric --treatment-date with --origin, are refused", async () => {
    expect((await km(base, "--time-dependent")).stderr).toContain("--time-dependent needs --treatment-date");
    expect((await km(base, "--origin", "date_dx")).stderr).toContain("--origin needs --treatment-date");
    expect((await km(base, "--time-unit", "days")).stderr).toContain("--time-unit needs --treatment-date");
    expect((await km(base, "--treatment-date", "date_op", "--origin", "date_dx", "--time-unit", "weeks")).stderr).toContain("--time-unit must be one of days, months, years");
    const r = await km(base, "--treatment-date", "wait", "--origin", "date_dx");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("already a time since the origin");
  });

  it("cox: a yes/no column of the formula is required, and --treatment must be one", async () => {
    const r = await runCli(["cox", base, "--formula", "Surv(time, status) ~ age", "--treatment-date", "date_op", "--origin", "date_dx", "--time-unit", "days"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--treatment COL");
    const t = await runCli(["cox", base, "--formula", "Surv(time, status) ~ op + age", "--treatment", "age", "--treatment-date", "date_op", "--origin", "date_dx", "--time-unit", "days"]);
    expect(t.code).toBe(2);
    expect(t.stderr).toContain('the formula\'s yes/no columns: "op"');
  });

  it("a same-day case with a numeric time to treatment and no --time-unit asks for the unit", async () => {
    const zero = write("zero.csv", rows.map((l, i) => (i === 6 ? l.replace("F,12,", "F,0,") : l)));
    const r = await km(zero, "--treatment-date", "wait", "--time-dependent");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("row 7");
    expect(r.stderr).toContain("--time-unit");
  });
});
