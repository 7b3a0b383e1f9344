/**
 * A date column as a factor (`--strata`, `--by`) has its dates as levels, in time order, as R's factor() of a
 * Date prints them — not the internal day numbers ("18262").
 */
import { describe, expect, it } from "vitest";
import { columnFactor } from "../../src/data/factor.js";
import { readTable } from "../../src/data/read.js";
import { runCli } from "../helpers/cli.js";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const CSV = "time,status,grp,d\n5,1,a,2020-02-01\n6,0,b,2020-01-01\n7,1,a,2020-02-01\n8,1,b,\n9,0,a,2020-01-01\n3,1,b,2020-02-01\n";

describe("a date column as a factor", () => {
  it("has its ISO dates as levels, in time order; an empty cell is missing", () => {
    const t = readTable(new TextEncoder().encode(CSV), { fileName: "d.csv" }).table;
    const d = t.columns.find((c) => c.name === "d")!;
    expect(d.kind).toBe("date");
    const f = columnFactor(d);
    expect(f.levels).toEqual(["2020-01-01", "2020-02-01"]);
    expect(Array.from(f.codes)).toEqual([1, 0, 1, -1, 0, 1]);
  });

  it("names the strata of `logrank --strata` by date", async () => {
    const dir = mkdtempSync(join(tmpdir(), "survinfer-factor-dates-"));
    const file = join(dir, "d.csv");
    writeFileSync(file, CSV);
    const r = await runCli(["logrank", file, "--time", "time", "--event", "status", "--by", "grp", "--strata", "d", "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const res = JSON.parse(r.stdout) as { strata: { name: string }[] };
    expect(res.strata.map((s) => s.name)).toEqual(["2020-01-01", "2020-02-01"]);
  });
});
