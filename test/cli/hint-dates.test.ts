/**
 * The treatment-date hint reads the date columns only when they can matter (hint-dates.ts): the file's
 * first rows rule out a date column filled for patients of both groups, so none is read then; a
 * column named after the treatment, or empty in the sample, is still read, and the hint still fires
 * when the treatment's dates only begin after the sample.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { columnFactor } from "../../src/data/factor.js";
import { requireColumn } from "../../src/data/validate.js";
import { loadData } from "../../src/cli/data-args.js";
import { HEAD_BYTES, hintTable } from "../../src/cli/hint-dates.js";
import { possibleTreatmentDates } from "../../src/cli/treatment-date-hint.js";
import { runCli } from "../helpers/cli.js";

const dir = mkdtempSync(join(tmpdir(), "survinfer-hint-dates-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const io = { cwd: dir, stdout: () => undefined, stderr: () => undefined };

const iso = (k: number, plus = 0): string => new Date(Date.UTC(2020, 0, 1 + (k % 300) + plus)).toISOString().slice(0, 10);

/** n patients, surgery yes/no alternating; date_dx for all; date_op for the operated from row `opFrom` on; also the byte where that row starts. */
function write(name: string, n: number, opFrom: number): { path: string; opByte: number } {
  const lines = ["time,status,surgery,date_dx,date_op"];
  let opByte = -1;
  let bytes = lines[0].length + 1;
  for (let i = 0; i < n; i++) {
    const yes = i % 2 === 0;
    if (i === opFrom) opByte = bytes;
    const line = `${10 + (i % 50)},${i % 3 === 0 ? 0 : 1},${yes ? "yes" : "no"},${iso(i)},${yes && i >= opFrom ? iso(i, 20) : ""}`;
    lines.push(line);
    bytes += line.length + 1;
  }
  const path = join(dir, name);
  writeFileSync(path, lines.join("\n") + "\n");
  return { path, opByte };
}

async function tableForHint(path: string): Promise<{ added: string[]; same: boolean }> {
  const read = await loadData(path, {}, io, { columns: ["time", "status", "surgery"] });
  const factor = columnFactor(requireColumn(read.table, "surgery"));
  const t = await hintTable(path, {}, io, read, [{ column: "surgery", factor }]);
  return { added: t.columns.map((c) => c.name).filter((c) => !["time", "status", "surgery"].includes(c)), same: t === read.table };
}

describe("possibleTreatmentDates", () => {
  const factor = { codes: Int32Array.from([0, 1, 0, 1, -1]), levels: ["no", "yes"] };
  const col = (name: string, filled: number[]) => ({ name, filled: Uint8Array.from(filled) });
  it("rules out a column filled in both groups, keeps one filled in one group, empty, or named after the treatment", () => {
    const sample = [col("date_dx", [1, 1, 1, 1, 1]), col("date_x", [0, 1, 0, 1, 0]), col("date_y", [0, 0, 0, 0, 1]), col("date_surgery", [1, 1, 1, 1, 1])];
    expect(possibleTreatmentDates(sample, [{ column: "surgery", factor }])).toEqual(["date_x", "date_y", "date_surgery"]);
    // a treatment with other than two levels never has a treatment date
    expect(possibleTreatmentDates(sample, [{ column: "surgery", factor: { codes: factor.codes, levels: ["a", "b", "c"] } }])).toEqual([]);
  });
});

describe("hintTable", () => {
  it("reads no date column when the sample shows every one filled in both groups", async () => {
    const path = join(dir, "everyone.csv");
    writeFileSync(path, ["time,status,surgery,date_birth,date_dx", ...Array.from({ length: 40 }, (_, i) => `${i + 1},1,${i % 2 ? "yes" : "no"},${iso(i)},${iso(i + 1)}`)].join("\n") + "\n");
    expect(await tableForHint(path)).toEqual({ added: [], same: true });
  });

  it("reads every date column when one is filled in one group only", async () => {
    expect(await tableForHint(write("small.csv", 40, 0).path)).toEqual({ added: ["date_dx", "date_op"], same: false });
  });

  it("reads them too when the treatment's dates begin after the sample, and km still gives the hint", async () => {
    const { path, opByte } = write("late.csv", 200_000, 60_000);
    // the treatment dates begin past the first HEAD_BYTES of the file
    expect(opByte).toBeGreaterThan(HEAD_BYTES);
    expect(await tableForHint(path)).toEqual({ added: ["date_dx", "date_op"], same: false });
    const r = await runCli(["km", path, "--time", "time", "--event", "status", "--by", "surgery", "--json"]);
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { warnings: string[] }).warnings.join("\n")).toContain("declare it with --treatment-date date_op");
  });
});
