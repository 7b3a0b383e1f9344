import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readTableFile } from "../../src/data/read-file.js";
import { expectDataError } from "./errors.js";

const dir = mkdtempSync(join(tmpdir(), "survinfer-data-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("readTableFile", () => {
  it("reads a file from disk without modifying it, naming it by its path", () => {
    const path = join(dir, "cohort.csv");
    const text = "id;dx\n1;02.01.2010\n";
    writeFileSync(path, text);
    const before = statSync(path).mtimeMs;
    const r = readTableFile(path);
    expect(r.table.source.file).toBe(path);
    expect(r.table.nRows).toBe(1);
    expect(readFileSync(path, "utf8")).toBe(text);
    expect(statSync(path).mtimeMs).toBe(before);
  });

  it("reports a missing file as a data error", () => {
    expectDataError(() => readTableFile(join(dir, "nope.csv")), "DATA_FILE_NOT_FOUND");
    expectDataError(() => readTableFile(dir), "DATA_FILE_UNREADABLE");
  });
});
