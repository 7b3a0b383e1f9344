/**
 * What the worker sends to the UI thread after a run: a summary for the results view (not the full
 * results, which are tens of megabytes for 100,000 patients) and every output as a Blob.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { outputBlobs, resultsSummary, runAll } from "../../web/src/engine.js";
import { formSpec } from "../../web/src/form.js";
import { EXAMPLE_DIR, exampleForm } from "./example-form.js";

const bytes = new Uint8Array(readFileSync(join(EXAMPLE_DIR, "cohort.csv")));

describe("the worker's result message", () => {
  it("summarises the results for the view: the KM and effects results as they are, no Cox residuals", async () => {
    const out = await runAll(bytes, formSpec(exampleForm()).spec, "cohort.csv");
    const s = resultsSummary(out.results);
    expect(Object.keys(s.analyses).sort()).toEqual(["effects", "km"]);
    expect(s.analyses.km).toEqual(out.results.analyses.km);
    expect(s.analyses.effects).toEqual(out.results.analyses.effects);
    expect(s.endpoints.map((e) => [e.name, e.n, e.events, e.flow.text])).toEqual(out.results.endpoints.map((e) => [e.name, e.n, e.events, e.flow.text]));
    expect(s.data).toEqual({ file: "cohort.csv", nRows: 64 });
    expect(s.warnings).toEqual(out.results.warnings);
  });

  it("gives every output as a Blob with its MIME type, results.json byte for byte", async () => {
    const out = await runAll(bytes, formSpec(exampleForm()).spec, "cohort.csv");
    const blobs = outputBlobs(out);
    expect(await blobs["results.json"].text()).toBe(out.resultsJson);
    expect(blobs["results.json"].type).toBe("application/json");
    expect(await blobs["report.html"].text()).toBe(out.files["report.html"]);
    expect(blobs["report.html"].type).toBe("text/html");
    expect(new Uint8Array(await blobs["tables.docx"].arrayBuffer())).toEqual(out.files["tables.docx"]);
    expect(Object.keys(blobs).sort()).toEqual(["results.json", ...Object.keys(out.files)].sort());
    for (const [name, b] of Object.entries(blobs)) if (name.endsWith(".svg")) expect(b.type).toBe("image/svg+xml");
  });
});
