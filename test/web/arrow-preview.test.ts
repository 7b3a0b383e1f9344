/**
 * The app reads a dropped Arrow IPC file (issue 18): the Web Worker's preview and endpoint check give
 * the same types, rows and endpoint as for the example CSV, and the file's format is named in every language.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DateDay, Dictionary, Float64, Int32, Table as ArrowTable, Utf8, tableToIPC, vectorFromArray } from "apache-arrow";
import type { Vector } from "apache-arrow";
import { describe, expect, it } from "vitest";
import { readTable } from "../../src/data/read.js";
import { messagesFor } from "../../src/i18n/messages.js";
import { formatText } from "../../web/src/app.js";
import { checkEndpoints, readPreview, rowsWindow } from "../../web/src/engine.js";
import { buildSpecInput, formSpec, previewReadOptions } from "../../web/src/form.js";
import { EXAMPLE_DIR, exampleForm } from "./example-form.js";

const csv = new Uint8Array(readFileSync(join(EXAMPLE_DIR, "cohort.csv")));

/** The example cohort as a typed Arrow file (numbers Float64, dates Date32, texts dictionary-encoded). */
function exampleArrow(): Uint8Array {
  const { table } = readTable(csv, { fileName: "cohort.csv", dateFormat: "DD.MM.YYYY" });
  const columns: Record<string, Vector> = {};
  for (const c of table.columns) {
    if (c.kind === "numeric") columns[c.name] = vectorFromArray(Array.from(c.values, (v) => (Number.isNaN(v) ? null : v)), new Float64());
    else if (c.kind === "date") columns[c.name] = vectorFromArray(Array.from(c.values, (v) => (Number.isNaN(v) ? null : new Date(v * 86_400_000))), new DateDay());
    else columns[c.name] = vectorFromArray(Array.from(c.codes, (k) => (k < 0 ? null : c.levels[k])), new Dictionary(new Utf8(), new Int32()));
  }
  return tableToIPC(new ArrowTable(columns), "file");
}

describe("the app with an Arrow file", () => {
  const arrow = exampleArrow();

  it("previews the same columns, kinds and rows as the CSV", () => {
    const a = readPreview(arrow, previewReadOptions(exampleForm(), "cohort.arrow"));
    const c = readPreview(csv, previewReadOptions(exampleForm(), "cohort.csv"));
    expect(a.info.format).toEqual({ kind: "arrow" });
    expect(a.info.nRows).toBe(64);
    expect(a.info.columns.map((x) => [x.column, x.kind, x.nMissing])).toEqual(c.info.columns.map((x) => [x.column, x.kind, x.nMissing]));
    expect(rowsWindow(a.read.table, 0, 5)).toEqual(rowsWindow(c.read.table, 0, 5));
    for (const lang of ["en", "de", "ja"] as const) expect(formatText(a.info.format, messagesFor(lang).app)).toContain("Arrow");
  });

  it("drops the text reader's settings left from an earlier CSV (decimal, delimiter, encoding) for an Arrow file", () => {
    const form = { ...exampleForm(), fileName: "cohort.arrow", decimal: "," as const, delimiter: ";" as const, encoding: "windows-1252" as const };
    const opts = previewReadOptions(form, "cohort.arrow");
    expect([opts.decimal, opts.delimiter, opts.encoding]).toEqual([undefined, undefined, undefined]);
    expect(readPreview(arrow, opts).info.nRows).toBe(64);
    const data = buildSpecInput(form).data as Record<string, unknown>;
    expect([data.decimal, data.delimiter, data.encoding]).toEqual([undefined, undefined, undefined]);
    expect(previewReadOptions(form, "cohort.csv").decimal).toBe(",");
  });

  it("checks the endpoints as for the CSV", async () => {
    const { spec } = formSpec(exampleForm());
    const a = await checkEndpoints(arrow, spec, "cohort.arrow");
    const c = await checkEndpoints(csv, spec, "cohort.csv");
    expect(a.readProblem).toBeUndefined();
    expect(JSON.stringify(c.feedback).length).toBeGreaterThan(20);
    expect(a.feedback).toEqual(c.feedback);
  });
});
