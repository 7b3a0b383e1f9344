/**
 * Issue 12, --event-value: on a numeric column it must be a number that occurs in the column, on a
 * text column one of its levels; empty is refused. Each refusal exits 2 naming the option, the value
 * and the values present. (Before: "yes" gave 0 events and "" turned the censored into events.)
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { runCli } from "../helpers/cli.js";
import { writeCsv } from "./status-helpers.js";
import { assertAsyncProperty, asyncProperty } from "../helpers/property.js";

const numeric = writeCsv("time,status,treat,age\n" + Array.from({ length: 16 }, (_, i) => `${i + 1},${i % 3 === 0 ? 0 : i % 3 === 1 ? 1 : 2},${i % 2},${40 + i}`).join("\n") + "\n", "numeric-status.csv");
const text = writeCsv("time,vital,treat,age\n" + Array.from({ length: 16 }, (_, i) => `${i + 1},${i % 3 === 0 ? "alive" : "dead"},${i % 2},${40 + ((i * 7) % 13)}`).join("\n") + "\n", "text-status.csv");

/** The commands that take --event-value, with the rest of their arguments. */
const commands: { name: string; argv: (file: string, event: string, value: string) => string[] }[] = [
  { name: "km", argv: (f, e, v) => ["km", f, "--time", "time", "--event", e, "--event-value", v] },
  { name: "logrank", argv: (f, e, v) => ["logrank", f, "--time", "time", "--event", e, "--event-value", v, "--by", "treat"] },
  { name: "rmst", argv: (f, e, v) => ["rmst", f, "--time", "time", "--event", e, "--event-value", v, "--by", "treat"] },
  { name: "cure", argv: (f, e, v) => ["cure", f, "--time", "time", "--event", e, "--event-value", v] },
  { name: "match", argv: (f, e, v) => ["match", f, "--treatment", "treat", "--covariates", "age", "--time", "time", "--event", e, "--event-value", v] },
  { name: "weight", argv: (f, e, v) => ["weight", f, "--treatment", "treat", "--covariates", "age", "--estimand", "ATE", "--time", "time", "--event", e, "--event-value", v] },
];

describe("--event-value is checked against the column", () => {
  for (const c of commands) {
    for (const bad of ["yes", "", " ", "5", "0x2", "Infinity"]) {
      it(`${c.name}: ${JSON.stringify(bad)} on a numeric column with values 0, 1, 2 exits 2 naming the option, value and values present`, async () => {
        const r = await runCli(c.argv(numeric, "status", bad));
        expect(r.code).toBe(2);
        expect(r.stdout).toBe("");
        expect(r.stderr).toContain("--event-value");
        expect(r.stderr).toContain(`got ${JSON.stringify(bad)}`);
        expect(r.stderr).toContain('"0", "1", "2"');
      });
    }
    it(`${c.name}: a level that is not in the text column exits 2 naming the levels`, async () => {
      const r = await runCli(c.argv(text, "vital", "Dead"));
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("--event-value");
      expect(r.stderr).toContain('"alive", "dead"');
    });
  }

  it("a value present in the column counts exactly the rows holding it (km, property over the values, seeded)", async () => {
    await assertAsyncProperty(
      asyncProperty(fc.constantFrom("0", "1", "2", "2.0", "1e0"), async (v) => {
        const r = await runCli(["km", numeric, "--time", "time", "--event", "status", "--event-value", v, "--json"]);
        expect(r.code).toBe(0);
        const j = JSON.parse(r.stdout) as { statusCoding: string; strata: { events: number }[] };
        const want = Array.from({ length: 16 }, (_, i) => i % 3).filter((s) => s === Number(v)).length;
        expect(j.strata[0].events).toBe(want);
        expect(j.statusCoding).toBe("event-value");
      }),
      { seed: 7, numRuns: 10 },
    );
  });

  it("a text level works and says so", async () => {
    const r = await runCli(["km", text, "--time", "time", "--event", "vital", "--event-value", "dead"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('event status vital: "dead" = event, any other value = censored');
  });

  it("cuminc --censor-value is checked the same way", async () => {
    const f = writeCsv("time,cause\n1,0\n2,1\n3,2\n4,1\n5,0\n", "causes.csv");
    for (const bad of ["none", "", "7"]) {
      const r = await runCli(["cuminc", f, "--time", "time", "--cause", "cause", "--censor-value", bad]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("--censor-value");
      expect(r.stderr).toContain(`got ${JSON.stringify(bad)}`);
    }
    expect((await runCli(["cuminc", f, "--time", "time", "--cause", "cause", "--censor-value", "0", "--json"])).code).toBe(0);
  });
});
