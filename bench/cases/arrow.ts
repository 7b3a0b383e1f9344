/**
 * Issue 18, session 10: reading the 1,000,000-row benchmark registry (bench/cases/data.ts,
 * `writeRegistryCsv`) as an Arrow IPC file (typed: Float64 numbers, Date32 dates, dictionary-encoded
 * texts, as a warehouse export writes them) against the same rows as CSV, all 15 columns, in process.
 * No R side: R's arrow package is not installed here (docs/validation.md, "Session 10: Arrow input").
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DateDay, Dictionary, Float64, Int32, Table as ArrowTable, Utf8, tableToIPC, vectorFromArray } from "apache-arrow";
import type { Vector } from "apache-arrow";
import { readTable } from "../../src/data/read.js";
import { readTableFile } from "../../src/data/read-file.js";
import { defineCases } from "../harness.js";
import { writeRegistryCsv } from "./data.js";

/** Writes registry.csv and registry.arrow (the CSV's Table as typed Arrow columns) into `dir`. */
function writeBoth(dir: string): { csv: string; arrow: string } {
  const csv = join(dir, "registry.csv");
  const arrow = join(dir, "registry.arrow");
  writeRegistryCsv(csv);
  const { table } = readTable(readFileSync(csv), { fileName: "registry.csv" });
  const columns: Record<string, Vector> = {};
  for (const c of table.columns) {
    if (c.kind === "numeric") columns[c.name] = vectorFromArray(Array.from(c.values, (v) => (Number.isNaN(v) ? null : v)), new Float64());
    else if (c.kind === "date") columns[c.name] = vectorFromArray(Array.from(c.values, (v) => (Number.isNaN(v) ? null : new Date(v * 86_400_000))), new DateDay());
    else columns[c.name] = vectorFromArray(Array.from(c.codes, (k) => (k < 0 ? null : c.levels[k])), new Dictionary(new Utf8(), new Int32()));
  }
  writeFileSync(arrow, tableToIPC(new ArrowTable(columns), "file"));
  return { csv, arrow };
}

export const cases = defineCases<{ csv: string; arrow: string }>([
  {
    name: "arrow: read 1e6-row registry as Arrow IPC, all 15 columns",
    repeats: 3,
    setup: writeBoth,
    run: ({ arrow }) => readTableFile(arrow),
  },
  {
    name: "arrow: read the same 1e6 rows as CSV, all 15 columns",
    repeats: 3,
    setup: writeBoth,
    run: ({ csv }) => readTableFile(csv),
  },
]);
