/**
 * Every CLI option that takes data (--event/--event-value, --weights, --strata, --cause) stops a bad cell with
 * exit 2 and a message naming the file, row, column and value (docs/cli.md; error codes in src/errors.ts).
 * The code of each message is checked on the function the command calls (src/cli/data-args.ts).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { eventStatus, RowFilter, weightValues } from "../../src/cli/data-args.js";
import { readTable } from "../../src/data/read.js";
import type { Table } from "../../src/data/table.js";
import { expectDataError } from "../data/errors.js";
import { runCli } from "../helpers/cli.js";

const dir = mkdtempSync(join(tmpdir(), "survinfer-data-options-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// header is row 1: the patient with id k is on row k + 1
const CSV = [
  "id,time,status,arm,w,site,cause,dx",
  "1,5,1,a,1,x,1,01.02.2020",
  "2,8,0,b,2,y,2,03.02.2020",
  "3,3,3,a,-1,x,0,04.02.2020",
  "4,9,1,b,1,,1,05.02.2020",
  "5,2,1,a,1,y,1.5,06.02.2020",
  "6,7,0,b,1,x,0,07.02.2020",
].join("\n") + "\n";
const file = join(dir, "cohort.csv");
writeFileSync(file, CSV);
const table: Table = readTable(new TextEncoder().encode(CSV), { fileName: file }).table;

interface Case {
  readonly title: string;
  readonly argv: readonly string[];
  readonly row?: number;
  readonly column: string;
  readonly value?: string;
  readonly text: RegExp;
}

const surv = ["--time", "time"];
const CASES: readonly Case[] = [
  { title: "--event: a status 3 in a 0/1 column (DATA_INVALID_STATUS)", argv: ["km", file, ...surv, "--event", "status"], row: 4, column: "status", value: "3", text: /must be 0\/1/ },
  { title: "--event: a date column (DATA_BAD_STATUS)", argv: ["km", file, ...surv, "--event", "dx"], column: "dx", text: /holds dates, not an event status/ },
  { title: "--event: a text column without --event-value (DATA_BAD_STATUS)", argv: ["logrank", file, ...surv, "--event", "arm", "--by", "site"], column: "arm", text: /say which value means an event with --event-value/ },
  { title: "--weights: a negative weight in km (DATA_BAD_WEIGHT)", argv: ["km", file, ...surv, "--event", "status", "--event-value", "1", "--weights", "w"], row: 4, column: "w", value: "-1", text: /case weights must be finite and not negative/ },
  { title: "--weights: a negative weight in cox (DATA_BAD_WEIGHT)", argv: ["cox", file, "--formula", "Surv(time, status == 1) ~ arm", "--weights", "w"], row: 4, column: "w", value: "-1", text: /case weights must be positive and finite/ },
  { title: "--weights: a text column (DATA_NOT_NUMERIC)", argv: ["km", file, ...surv, "--event", "status", "--event-value", "1", "--weights", "arm"], column: "arm", text: /weights column "arm" must be numeric/ },
  { title: "--cause: a cause of 1.5 (DATA_BAD_STATUS)", argv: ["cuminc", file, ...surv, "--cause", "cause"], row: 6, column: "cause", value: "1.5", text: /a cause must be a whole number/ },
  { title: "--cause: a date column (DATA_BAD_STATUS)", argv: ["cuminc", file, ...surv, "--cause", "dx"], column: "dx", text: /holds dates, not causes/ },
];

describe("CLI options that take data: exit 2 naming file, row, column and value", () => {
  it.each(CASES)("$title", async (c) => {
    const r = await runCli(c.argv);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(file);
    expect(r.stderr).toContain(`column "${c.column}"`);
    if (c.row !== undefined) expect(r.stderr).toContain(`row ${c.row},`);
    else expect(r.stderr).not.toMatch(/\brow \d/);
    if (c.value !== undefined) expect(r.stderr).toContain(`(value: ${JSON.stringify(c.value)})`);
    expect(r.stderr).toMatch(c.text);
  });

  it("--event-value: a value the column does not hold names the option, the column and the values present", async () => {
    const r = await runCli(["km", file, ...surv, "--event", "status", "--event-value", "7"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('option --event-value must be one of the values of column "status" ("0", "1", "3"); got "7"');
  });

  it("--event-value: a text value not among the levels names the levels", async () => {
    const r = await runCli(["km", file, ...surv, "--event", "arm", "--event-value", "c"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('column "arm" ("a", "b"); got "c"');
  });

  it("--strata: a column that does not exist (DATA_MISSING_COLUMN) names the file, the option and the columns", async () => {
    const r = await runCli(["logrank", file, ...surv, "--event", "status", "--event-value", "1", "--by", "arm", "--strata", "nope"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file}: has no column "nope" (--strata) (value: "nope")`);
  });

  it("--strata: a missing stratum drops its row with a warning instead of stopping", async () => {
    const r = await runCli(["logrank", file, ...surv, "--event", "status", "--event-value", "1", "--by", "arm", "--strata", "site", "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { groups: { n: number }[]; warnings: string[] };
    expect(out.groups.reduce((s, g) => s + g.n, 0)).toBe(5);
    expect(out.warnings.join("\n")).toContain("1 row dropped for a missing value: 1 in site");
  });
});

describe("the codes behind those messages (src/cli/data-args.ts)", () => {
  it("eventStatus: DATA_INVALID_STATUS at row 4, DATA_BAD_STATUS for a date or an unlabelled text column", () => {
    expectDataError(() => eventStatus(table, "status", undefined, new RowFilter(table)), "DATA_INVALID_STATUS", { row: 4, column: "status", value: "3" });
    expectDataError(() => eventStatus(table, "dx", undefined, new RowFilter(table)), "DATA_BAD_STATUS", { column: "dx" });
    expectDataError(() => eventStatus(table, "arm", undefined, new RowFilter(table)), "DATA_BAD_STATUS", { column: "arm", text: /--event-value/ });
    expectDataError(() => eventStatus(table, "status", "7", new RowFilter(table)), "OPTION_INVALID", { text: /--event-value/ });
  });

  it("weightValues: DATA_BAD_WEIGHT at row 4, DATA_NOT_NUMERIC for a text column", () => {
    expectDataError(() => weightValues(table, "w", new RowFilter(table)), "DATA_BAD_WEIGHT", { row: 4, column: "w", value: "-1" });
    expectDataError(() => weightValues(table, "arm", new RowFilter(table)), "DATA_NOT_NUMERIC", { column: "arm" });
  });
});
