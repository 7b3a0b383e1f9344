/**
 * The app's worker logic in Node: reading for the preview, live endpoint feedback, and the whole run,
 * which must give results.json byte for byte equal to `survinfer run` on the exported study.yaml.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { checkEndpoints, readPreview, rowIndex, rowsWindow, runAll } from "../../web/src/engine.js";
import { formSpec, previewReadOptions } from "../../web/src/form.js";
import { kmReadout } from "../../web/src/km-readout.js";
import { EXAMPLE_DIR, exampleForm } from "./example-form.js";

const csv = readFileSync(join(EXAMPLE_DIR, "cohort.csv"));
const bytes = new Uint8Array(csv);
const dir = mkdtempSync(join(tmpdir(), "survinfer-app-engine-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("app engine (the Web Worker's logic)", () => {
  it("reads the example for the preview with inferred types and shows rows with file row numbers", () => {
    const { read, info } = readPreview(bytes, previewReadOptions(exampleForm(), "cohort.csv"));
    expect(info.nRows).toBe(64);
    expect(info.columns.find((c) => c.column === "date_death")?.kind).toBe("date");
    expect(info.columns.find((c) => c.column === "metastasectomy")?.levels).toEqual(["no", "yes"]);
    const w = rowsWindow(read.table, 0, 3);
    expect(w.rowNumbers).toEqual([2, 3, 4]);
    expect(w.cells[0].slice(0, 4)).toEqual(["1", "female", "2010-10-31", "2011-01-26"]);
    expect(rowIndex(read.table, 10)).toBe(8);
    expect(rowIndex(read.table, 1)).toBe(-1);
  });

  it("a user's type override is applied on re-reading", () => {
    const { info } = readPreview(bytes, previewReadOptions({ ...exampleForm(), types: { grade: "categorical" } }, "cohort.csv"));
    expect(info.columns.find((c) => c.column === "grade")).toMatchObject({ kind: "categorical", levels: ["1", "2", "3"] });
  });

  it("gives the endpoint's n, events and median follow-up as the study run reports them", async () => {
    const { spec } = formSpec(exampleForm());
    const { feedback, readProblem } = checkEndpoints(bytes, spec, "cohort.csv");
    expect(readProblem).toBeUndefined();
    const out = await runAll(bytes, spec, "cohort.csv");
    const ep = out.results.endpoints[0];
    expect(feedback).toHaveLength(1);
    expect(feedback[0]).toMatchObject({ name: "os", ok: true, n: ep.n, events: ep.events, medianFollowUp: ep.followUp.strata[0].median.estimate });
  });

  it("names the file, row, column and value of an event date before the origin, as the CLI does", async () => {
    const text = csv.toString("utf8").split("\n");
    // row 5 of the file (4th patient): death two years before the lung metastases
    const cells = text[4].split(",");
    cells[7] = "01.01.2010";
    text[4] = cells.join(",");
    const bad = new TextEncoder().encode(text.join("\n"));
    const { spec, yaml } = formSpec(exampleForm());
    const { feedback } = checkEndpoints(bad, spec, "cohort.csv");
    const problem = feedback[0].problems[0];
    expect(problem).toMatchObject({ code: "DATA_EVENT_BEFORE_ORIGIN", severity: "error", file: "cohort.csv", row: 5, column: "date_death", value: "2010-01-01" });
    writeFileSync(join(dir, "cohort.csv"), bad);
    writeFileSync(join(dir, "study.yaml"), yaml);
    const cli = await runCli(["run", "study.yaml", "--out", "out", "--no-png"], dir);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toBe(`survinfer: ${problem.message}\n`);
  });

  it("runs the study to results.json identical to `survinfer run` on the exported study.yaml", async () => {
    const { spec, yaml } = formSpec(exampleForm());
    const app = await runAll(bytes, spec, "cohort.csv");
    copyFileSync(join(EXAMPLE_DIR, "cohort.csv"), join(dir, "cohort.csv"));
    writeFileSync(join(dir, "study.yaml"), yaml);
    const cli = await runCli(["run", "study.yaml", "--out", "out", "--no-png"], dir);
    expect(cli.stderr).toBe("");
    expect(app.resultsJson).toBe(readFileSync(join(dir, "out", "results.json"), "utf8"));
    expect(app.files["report.html"]).toBe(readFileSync(join(dir, "out", "report.html"), "utf8"));
    expect(Object.keys(app.files).filter((f) => f.endsWith(".csv")).length).toBeGreaterThan(3);
  });
});

describe("KM readout under the cursor", () => {
  // hand example: times 2 (1 event of 4), 5 (1 censored of 3), 7 (1 event of 2)
  const curve = { name: "a", n: 4, time: [2, 5, 7], nRisk: [4, 3, 2], nEvent: [1, 0, 1], nCensor: [0, 1, 0], surv: [0.75, 0.75, 0.375], lower: [0.4, 0.4, 0.1], upper: [1, 1, 1] };
  it("is S = 1 with everyone at risk before the first time", () => {
    expect(kmReadout(curve, 1)).toMatchObject({ surv: 1, lower: 1, upper: 1, nRisk: 4, inRange: true });
  });
  it("is right-continuous: at an event time the drop has happened and the risk set is that time's", () => {
    expect(kmReadout(curve, 2)).toMatchObject({ surv: 0.75, nRisk: 4 });
    expect(kmReadout(curve, 3)).toMatchObject({ surv: 0.75, lower: 0.4, nRisk: 3 });
    expect(kmReadout(curve, 6)).toMatchObject({ surv: 0.75, nRisk: 2 });
    expect(kmReadout(curve, 7)).toMatchObject({ surv: 0.375, nRisk: 2, inRange: true });
  });
  it("says beyond follow-up after the last time, with nobody at risk", () => {
    expect(kmReadout(curve, 8)).toMatchObject({ nRisk: 0, inRange: false });
  });
});
