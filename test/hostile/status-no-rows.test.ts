/**
 * Issue 12, empty analyses: when every row is dropped (a missing value in a used column), every
 * command stops with exit 2 and DATA_NO_ROWS, saying which column dropped the rows. (Before, km and
 * logrank printed n = 0 with exit 0.)
 */
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { writeCsv } from "./status-helpers.js";

// time is missing on every row ("NA", "" and "." are default missing tokens)
const noTime = writeCsv("id,time,status,grp,x,treat,age,cause\n" + Array.from({ length: 10 }, (_, i) => `${i + 1},${["NA", "", "."][i % 3]},${i % 2},${i % 2 ? "a" : "b"},${i},${i % 2},${40 + i},${i % 3}`).join("\n") + "\n", "no-time.csv");
// status is missing on every row, time is fine
const noStatus = writeCsv("id,time,status,grp,x,treat,age\n" + Array.from({ length: 10 }, (_, i) => `${i + 1},${i + 1},NA,${i % 2 ? "a" : "b"},${i},${i % 2},${40 + i}`).join("\n") + "\n", "no-status.csv");

const commands: { name: string; argv: (f: string) => string[]; column: string }[] = [
  { name: "km", argv: (f) => ["km", f, "--time", "time", "--event", "status"], column: "time" },
  { name: "km --json", argv: (f) => ["km", f, "--time", "time", "--event", "status", "--json"], column: "time" },
  { name: "logrank", argv: (f) => ["logrank", f, "--time", "time", "--event", "status", "--by", "grp"], column: "time" },
  { name: "rmst", argv: (f) => ["rmst", f, "--time", "time", "--event", "status", "--by", "grp"], column: "time" },
  { name: "cox", argv: (f) => ["cox", f, "--formula", "Surv(time, status) ~ x"], column: "time" },
  { name: "predict", argv: (f) => ["predict", f, "--formula", "Surv(time, status) ~ x", "--bootstrap", "0"], column: "time" },
  { name: "cure", argv: (f) => ["cure", f, "--time", "time", "--event", "status"], column: "time" },
  { name: "cuminc", argv: (f) => ["cuminc", f, "--time", "time", "--cause", "cause"], column: "time" },
  { name: "match", argv: (f) => ["match", f, "--treatment", "treat", "--covariates", "age", "--time", "time", "--event", "status"], column: "time" },
  { name: "weight", argv: (f) => ["weight", f, "--treatment", "treat", "--covariates", "age", "--estimand", "ATE", "--time", "time", "--event", "status"], column: "time" },
];

describe("no rows left stops every command (exit 2) and says which column dropped them", () => {
  for (const c of commands) {
    it(`${c.name}: every time missing`, async () => {
      const r = await runCli(c.argv(noTime));
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toContain("no-time.csv");
      expect(r.stderr).toContain("no rows left to analyse: all 10 rows were dropped for a missing value");
      expect(r.stderr).toContain(`10 in column "${c.column}"`);
    });
  }
  for (const c of commands.filter((x) => x.name !== "cuminc")) {
    it(`${c.name}: every status missing`, async () => {
      const r = await runCli(c.argv(noStatus));
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('10 in column "status"');
    });
  }
});
