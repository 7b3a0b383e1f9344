/**
 * Without --treatment-date, a yes/no treatment and a date column that looks like its date: a warning
 * saying how to declare it (stderr notes and JSON warnings). No warning for unrelated dates.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

const dir = mkdtempSync(join(tmpdir(), "survinfer-td-hint-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// 12 patients: surgery yes for 6, each with a surgery date after diagnosis; birth and diagnosis dates for all
const patients = Array.from({ length: 12 }, (_, k) => {
  const yes = k % 2 === 0;
  const day = String(1 + k).padStart(2, "0");
  return {
    time: 70 + 3 * k,
    status: k % 3 === 0 ? 0 : 1,
    surgery: yes ? "yes" : "no",
    grade: ["G1", "G2", "G3"][k % 3],
    age: 50 + k,
    birth: `19${50 + k}-05-${day}`,
    dx: `2020-01-${day}`,
    op: yes ? `2020-03-${day}` : "",
    biopsy: yes ? `2019-12-${day}` : "",
  };
});

function write(name: string, cols: string[], cell: (p: (typeof patients)[number], i: number) => string[]): string {
  const path = join(dir, name);
  writeFileSync(path, [cols.join(","), ...patients.map((p, i) => cell(p, i).join(","))].join("\n") + "\n");
  return path;
}

const withOp = write("op.csv", ["time", "status", "surgery", "grade", "age", "date_birth", "date_dx", "date_surgery_x"], (p) => [String(p.time), String(p.status), p.surgery, p.grade, String(p.age), p.birth, p.dx, p.op]);
const unrelated = write("unrelated.csv", ["time", "status", "surgery", "grade", "age", "date_birth", "date_dx", "date_biopsy"], (p) => [String(p.time), String(p.status), p.surgery, p.grade, String(p.age), p.birth, p.dx, p.biopsy]);
// by name: "date_of_surgery" holds dates for the operated and, by a data-entry slip, one untreated patient
const byName = write("name.csv", ["time", "status", "surgery", "age", "date_dx", "date_of_surgery"], (p, i) => [String(p.time), String(p.status), p.surgery, String(p.age), p.dx, i === 1 ? "2020-04-01" : p.op]);
const lookalike = write("lookalike.csv", ["time", "status", "surgery", "age", "date_dx", "date_visit"], (p, i) => [String(p.time), String(p.status), p.surgery, String(p.age), p.dx, i === 1 ? "2020-04-01" : p.op]);

// the treatment coded 1/0 (a numeric column with two values; age, with twelve, is no candidate)
const numeric = write("numeric.csv", ["time", "status", "surgery", "age", "date_dx", "date_surgery_x"], (p) => [String(p.time), String(p.status), p.surgery === "yes" ? "1" : "0", String(p.age), p.dx, p.op]);

const hint = "declare it with --treatment-date date_surgery_x";

describe("the treatment-date hint", () => {
  it("warns in km, logrank, rmst, cox and weight when a date column is filled only for the treated, after the origin", async () => {
    const runs = [
      ["km", withOp, "--time", "time", "--event", "status", "--by", "surgery"],
      ["logrank", withOp, "--time", "time", "--event", "status", "--by", "surgery"],
      ["rmst", withOp, "--time", "time", "--event", "status", "--by", "surgery", "--tau", "80"],
      ["cox", withOp, "--formula", "Surv(time, status) ~ surgery + age"],
      ["weight", withOp, "--treatment", "surgery", "--covariates", "age", "--estimand", "ATE"],
    ];
    for (const argv of runs) {
      const r = await runCli([...argv, "--json"]);
      expect(r.code, r.stderr).toBe(0);
      const warnings = (JSON.parse(r.stdout) as { warnings: string[] }).warnings;
      expect(warnings.some((w) => w.includes(hint) && w.includes("surgery = yes (6 of 6)")), argv[0]).toBe(true);
      const text = await runCli(argv);
      expect(text.stdout, argv[0]).toContain(`note: column "date_surgery_x" holds dates only for patients with surgery = yes`);
    }
  });

  it("warns in cox for a treatment coded 1/0 in a numeric column, and not for a covariate with more values", async () => {
    const r = await runCli(["cox", numeric, "--formula", "Surv(time, status) ~ surgery + age", "--json"]);
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { warnings: string[] }).warnings.some((w) => w.includes(hint) && w.includes("surgery = 1 (6 of 6)"))).toBe(true);
    const ageOnly = await runCli(["cox", numeric, "--formula", "Surv(time, status) ~ age", "--json"]);
    expect((JSON.parse(ageOnly.stdout) as { warnings: string[] }).warnings.join("\n")).not.toContain("--treatment-date");
  });

  it("warns by name when a column named after the treatment holds ≥ 80% of its dates in one group", async () => {
    const r = await runCli(["km", byName, "--time", "time", "--event", "status", "--by", "surgery", "--json"]);
    expect((JSON.parse(r.stdout) as { warnings: string[] }).warnings.join("\n")).toContain("--treatment-date date_of_surgery");
    const other = await runCli(["km", lookalike, "--time", "time", "--event", "status", "--by", "surgery", "--json"]);
    expect((JSON.parse(other.stdout) as { warnings: string[] }).warnings.join("\n")).not.toContain("--treatment-date");
  });

  it("stays silent on dates present for everyone (birth, diagnosis), on treated-only dates before the origin, and on non-yes/no groups", async () => {
    for (const argv of [
      ["km", unrelated, "--time", "time", "--event", "status", "--by", "surgery"],
      ["cox", unrelated, "--formula", "Surv(time, status) ~ surgery + age"],
      ["km", withOp, "--time", "time", "--event", "status", "--by", "grade"],
      ["km", withOp, "--time", "time", "--event", "status"],
    ]) {
      const r = await runCli([...argv, "--json"]);
      expect(r.code, r.stderr).toBe(0);
      expect((JSON.parse(r.stdout) as { warnings: string[] }).warnings.join("\n"), argv.join(" ")).not.toContain("--treatment-date");
    }
  });

  it("is not given once --treatment-date is declared", async () => {
    const r = await runCli(["km", withOp, "--time", "time", "--event", "status", "--by", "surgery", "--treatment-date", "date_surgery_x", "--origin", "date_dx", "--time-unit", "days", "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const res = JSON.parse(r.stdout) as { warnings: string[]; immortalTime: { nTreatedAfterOrigin: number } };
    expect(res.warnings.join("\n")).not.toContain("declare it");
    expect(res.immortalTime.nTreatedAfterOrigin).toBe(6);
  });
});
