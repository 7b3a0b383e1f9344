/**
 * The app reads a dropped LZ4-compressed Arrow file (issue 18): the worker's engine (web/src/engine.ts)
 * reads through src/data/read-arrow.ts, which registers the decoders, so the preview equals the
 * uncompressed file's.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CompressionType, Float64, RecordBatchFileWriter, Table as ArrowTable, compressionRegistry, vectorFromArray } from "apache-arrow";
import type { Vector } from "apache-arrow";
import { compress } from "lz4js";
import { describe, expect, it } from "vitest";
import { readTable } from "../../src/data/read.js";
import { registerArrowCodecs } from "../../src/data/arrow-codecs.js";
import { readPreview, rowsWindow } from "../../web/src/engine.js";
import { previewReadOptions } from "../../web/src/form.js";
import { EXAMPLE_DIR, exampleForm } from "./example-form.js";

describe("the app with an LZ4-compressed Arrow file", () => {
  it("previews the same columns, kinds and rows as the uncompressed file", () => {
    const csv = new Uint8Array(readFileSync(join(EXAMPLE_DIR, "cohort.csv")));
    const { table } = readTable(csv, { fileName: "cohort.csv", dateFormat: "DD.MM.YYYY" });
    const columns: Record<string, Vector> = {};
    for (const c of table.columns) if (c.kind === "numeric") columns[c.name] = vectorFromArray(Array.from(c.values, (v) => (Number.isNaN(v) ? null : v)), new Float64());
    const t = new ArrowTable(columns);
    const plain = RecordBatchFileWriter.writeAll(t).toUint8Array(true);
    compressionRegistry.set(CompressionType.LZ4_FRAME, { encode: (b: Uint8Array) => Uint8Array.from(compress(b)) });
    let packed: Uint8Array;
    try {
      packed = RecordBatchFileWriter.writeAll(t, { compressionType: CompressionType.LZ4_FRAME }).toUint8Array(true);
    } finally {
      registerArrowCodecs();
    }
    expect(packed.length).toBeLessThan(plain.length);
    const a = readPreview(packed, previewReadOptions(exampleForm(), "cohort.feather"));
    const b = readPreview(plain, previewReadOptions(exampleForm(), "cohort.arrow"));
    expect(a.info.nRows).toBe(64);
    expect(a.info.columns).toEqual(b.info.columns);
    expect(rowsWindow(a.read.table, 0, 64)).toEqual(rowsWindow(b.read.table, 0, 64));
  });
});
