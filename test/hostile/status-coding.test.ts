/**
 * Issue 12, status coding: every command reads an event status by R's Surv() rule (if the largest
 * value is 2, 1/2 coding, else 0/1; TRUE/FALSE as 1/0; anything else stops naming the row), so all
 * commands count the same events on the same file and say which rule applied (`statusCoding`).
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { runCli } from "../helpers/cli.js";
import { decodeStatus } from "../../src/formula/surv-status.js";
import { EVENT_COMMANDS, RECURRENT, runJson, writeCohort, writeCsv, type Coding } from "./status-helpers.js";
import { assertAsyncProperty, assertProperty, asyncProperty, property } from "../helpers/property.js";

const N = 24;
const mixed = Array.from({ length: N }, (_, i) => (i % 3 === 0 ? 0 : 1));
const allEvents = Array.from({ length: N }, () => 1);

describe("every command agrees on the number of events (Surv()'s rule)", () => {
  const cases: { label: string; events: number[]; coding: Coding; expected: string }[] = [
    { label: "0/1", events: mixed, coding: "0/1", expected: "0/1" },
    { label: "all 1 in a 0/1 column (all events, not 1/2 coding)", events: allEvents, coding: "0/1", expected: "0/1" },
    { label: "1/2", events: mixed, coding: "1/2", expected: "1/2" },
    { label: "TRUE/FALSE", events: mixed, coding: "TRUE/FALSE", expected: "TRUE/FALSE" },
  ];
  for (const c of cases) {
    it(`${c.label}: ${c.events.reduce((a, b) => a + b, 0)} events in km, logrank, rmst, cox, predict, cure, match, weight${c.coding === "TRUE/FALSE" ? "" : ", recurrent"}`, async () => {
      const file = writeCohort(c.events, c.coding);
      const want = c.events.reduce((a, b) => a + b, 0);
      const commands = c.coding === "TRUE/FALSE" ? EVENT_COMMANDS : [...EVENT_COMMANDS, RECURRENT];
      for (const cmd of commands) {
        const { json } = await runJson(cmd.argv(file));
        expect({ command: cmd.name, events: cmd.events(json), coding: cmd.coding(json) }).toEqual({ command: cmd.name, events: want, coding: c.expected });
      }
    });
  }

  it("the human output says which rule applied", async () => {
    const file = writeCohort(allEvents, "0/1");
    const km = await runCli(["km", file, "--time", "time", "--event", "status"]);
    expect(km.stdout).toContain("event status status: 0/1 coding (1 = event)");
    const file12 = writeCohort(mixed, "1/2");
    const lr = await runCli(["logrank", file12, "--time", "time", "--event", "status", "--by", "grp"]);
    expect(lr.stdout).toContain("R's 1/2 coding (2 = event, 1 = censored)");
    const cox = await runCli(["cox", file12, "--formula", "Surv(time, status) ~ x"]);
    expect(cox.stdout).toContain("Surv() status: R's 1/2 coding");
  });
});

describe("a status outside 0/1 and 1/2 stops every command (exit 2) naming file, row, column and value", () => {
  // 0, 1 and 2: the largest is 2, so R reads 1/2 coding and 0 is invalid (R: NA with a warning)
  const csv = "id,start,time,status,grp,x,treat,age\n" + Array.from({ length: 12 }, (_, i) => `${i + 1},0,${i + 1},${i === 4 ? 0 : i % 2 === 0 ? 1 : 2},${i % 2 ? "a" : "b"},${i / 3},${i % 4 < 2 ? 1 : 0},${40 + i}`).join("\n") + "\n";
  const file = writeCsv(csv, "mixed-codes.csv");
  for (const cmd of [...EVENT_COMMANDS, RECURRENT]) {
    it(`${cmd.name}`, async () => {
      const r = await runCli(cmd.argv(file));
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toContain("mixed-codes.csv");
      expect(r.stderr).toContain("row 6"); // data row 5 (0-based 4) is spreadsheet row 6
      expect(r.stderr).toContain('column "status"');
      expect(r.stderr).toContain('(value: "0")');
      expect(r.stderr).toContain("1/2 coding");
    });
  }

  it("a value like 3 or 0.5 is named too", async () => {
    const f = writeCsv("time,status\n1,0\n2,1\n3,0.5\n4,1\n", "half.csv");
    const r = await runCli(["km", f, "--time", "time", "--event", "status"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/half\.csv, row 4, column "status".*\(value: "0\.5"\)/);
    const c = await runCli(["cox", f, "--formula", "Surv(time, status) ~ 1 + time"]);
    expect(c.code).toBe(2);
    expect(c.stderr).toContain("row 4");
  });
});

describe("decodeStatus follows survival::Surv exactly (property, seeded)", () => {
  it("0/1 stays, 1/2 shifts only when the largest value is 2, everything else is refused", () => {
    const source = { label: "status", rowNumbers: Array.from({ length: 64 }, (_, i) => i + 2) };
    assertProperty(
      property(fc.array(fc.constantFrom(0, 1, 2, 3, -1, 0.5, Number.NaN), { minLength: 1, maxLength: 40 }), (values) => {
        const present = values.filter((v) => !Number.isNaN(v));
        const max = present.length === 0 ? -Infinity : Math.max(...present);
        const shift = max === 2 ? 1 : 0;
        const valid = present.every((v) => v - shift === 0 || v - shift === 1);
        if (!valid) {
          expect(() => decodeStatus(Float64Array.from(values), source)).toThrow(expect.objectContaining({ code: "DATA_INVALID_STATUS" }));
          return;
        }
        const d = decodeStatus(Float64Array.from(values), source);
        expect(d.coding).toBe(shift === 1 ? "1/2" : "0/1");
        values.forEach((v, i) => (Number.isNaN(v) ? expect(d.status[i]).toBeNaN() : expect(d.status[i]).toBe(v - shift)));
      }),
      { seed: 20261205, numRuns: 300 },
    );
  });

  it("km and cox count the same events for random 0/1 vectors written in any coding (seeded)", async () => {
    await assertAsyncProperty(
      asyncProperty(fc.array(fc.integer({ min: 0, max: 1 }), { minLength: 6, maxLength: 20 }), fc.constantFrom<Coding>("0/1", "1/2", "TRUE/FALSE"), async (events, coding) => {
        // a 1/2 column needs a 2 to be read as 1/2 coding: with no event it is all 1 = all events, as in R
        const expected = coding === "1/2" && events.every((e) => e === 0) ? events.length : events.reduce((a, b) => a + b, 0);
        const file = writeCohort(events, coding);
        const km = await runJson(["km", file, "--time", "time", "--event", "status", "--json"]);
        expect((km.json.strata as { events: number }[]).reduce((a, s) => a + s.events, 0)).toBe(expected);
        if (expected > 0) {
          const cox = await runJson(["cox", file, "--formula", "Surv(time, status) ~ x", "--json"]);
          expect(cox.json.nEvent).toBe(expected);
        }
      }),
      { seed: 42, numRuns: 12 },
    );
  });
});
