/**
 * The CLI's reader (read-file-async.ts) gives what `readTableFile` gives — Table, inference, warnings,
 * format, reader — on a plain CSV (columnar path, no CSV library), a CSV whose first bytes hold quotes
 * (papaparse's sniff), one the columnar path leaves to the text reader (decimal commas), a workbook,
 * and the same errors; and the papaparse-free delimiter sniff equals papaparse's on quote-free samples.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as XLSX from "@e965/xlsx";
import { afterAll, describe, expect, it } from "vitest";
import { sniffDelimiterPlain } from "../../src/data/csv-header.js";
import { sniffDelimiterSample } from "../../src/data/read-csv.js";
import { readTableFile } from "../../src/data/read-file.js";
import { readTableFileAsync } from "../../src/data/read-file-async.js";
import type { ReadOptions } from "../../src/data/read.js";

const dir = mkdtempSync(join(tmpdir(), "survinfer-read-async-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

async function same(name: string, content: string | Uint8Array, options: Partial<ReadOptions> = {}): Promise<string> {
  const path = join(dir, name);
  writeFileSync(path, content);
  const sync = readTableFile(path, options);
  const lazy = await readTableFileAsync(path, options);
  expect(lazy.table).toEqual(sync.table);
  expect(lazy.inference).toEqual(sync.inference);
  expect(lazy.warnings).toEqual(sync.warnings);
  expect(lazy.format).toEqual(sync.format);
  expect(lazy.columnNames).toEqual(sync.columnNames);
  expect(lazy.reader).toBe(sync.reader);
  return lazy.reader;
}

describe("readTableFileAsync", () => {
  const rows = ["id,time,status,group,date_dx"];
  for (let i = 1; i <= 300; i++) rows.push(`P${i},${i * 3},${i % 3 === 0 ? 0 : 1},${i % 2 === 0 ? "yes" : "no"},2020-01-${String(1 + (i % 28)).padStart(2, "0")}`);
  const plain = rows.join("\n") + "\n";

  it("reads a plain CSV with the columnar reader, as readTableFile does (all columns and a projection)", async () => {
    expect(await same("plain.csv", plain)).toBe("columnar");
    expect(await same("plain.csv", plain, { columnsToRead: ["time", "group"], alsoDateColumns: true, idColumn: "id" })).toBe("columnar");
  });

  it("sniffs the delimiter with papaparse when quotes come first, and leaves decimal commas to the text reader", async () => {
    const quoted = plain.replace(/,(yes|no),/g, ',"$1",').replace(/;/g, ",");
    expect(await same("quoted.csv", quoted)).toBe("columnar");
    const semicolons = quoted.replace(/,/g, ";").replace(/"yes"/g, '"yes|op"');
    expect(await same("semicolons.csv", semicolons)).toBe("columnar");
    const german = "time;status;size\n3;1;2,5\n4;0;3,5\n5;1;1,25\n";
    expect(await same("german.csv", german)).toBe("text");
  });

  it("reads a workbook with the workbook reader", async () => {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([["time", "status", "group"], [3, 1, "a"], [5, 0, "b"]]), "Patients");
    const bytes = new Uint8Array(XLSX.write(wb, { type: "array", bookType: "xlsx" }) as ArrayBuffer);
    expect(await same("cohort.xlsx", bytes)).toBe("workbook");
  });

  it("stops with the same error (code, row, column, value) on a bad value, an empty file and a missing id column", async () => {
    const cases: [string, string, Partial<ReadOptions>][] = [
      ["bad.csv", plain.replace("P7,21,", "P7,n.d.,"), {}],
      ["empty.csv", "", {}],
      ["noid.csv", plain, { idColumn: "patient" }],
    ];
    for (const [name, content, options] of cases) {
      const path = join(dir, name);
      writeFileSync(path, content);
      let want: unknown;
      try {
        readTableFile(path, options);
      } catch (e) {
        want = e;
      }
      expect(want, name).toBeDefined();
      await expect(readTableFileAsync(path, options)).rejects.toEqual(want);
    }
  });
});

describe("sniffDelimiterPlain", () => {
  it("gives papaparse's sniff on 2,000 generated quote-free samples (delimiters, blanks, CRLF, short and long records, cut samples)", () => {
    const rnd = lcg(8);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
    for (let k = 0; k < 2000; k++) {
      const eol = pick(["\n", "\r\n", "\r"]);
      const lines: string[] = [];
      const width = 1 + Math.floor(rnd() * 5);
      for (let r = 0; r < 1 + Math.floor(rnd() * 70); r++) {
        const d = rnd() < 0.8 ? pick([",", ";", "\t", "|"]) : pick([",", ";"]);
        const n = rnd() < 0.7 ? width : Math.floor(rnd() * 7);
        lines.push(rnd() < 0.05 ? pick(["", " ", ";;", ",,"]) : Array.from({ length: n }, () => pick(["a", "1", "2,5", " ", "", "x y", "3;4"])).join(d));
      }
      const text = lines.join(eol) + (rnd() < 0.5 ? eol : "");
      const truncated = rnd() < 0.3;
      expect(sniffDelimiterPlain(text, truncated), JSON.stringify(text)).toBe(sniffDelimiterSample(text, truncated));
    }
    expect(sniffDelimiterPlain('a,"b"\n1,2\n', false)).toBeUndefined();
  });
});
