/**
 * `survinfer predict --newdata`: the validated Cox model applied to new patients equals R's
 * summary(survfit(fit, newdata), times)$surv and predict(fit, newdata, type = "lp") (fixture from
 * tools/oracle/predict-newdata.R); missing covariates give NA with a note, unknown levels and missing
 * columns stop with the file, row, column and value.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { loadFixture } from "../helpers/fixtures.js";
import { expectClose } from "../helpers/expect-close.js";

interface NewPatient {
  id: string;
  age: number;
  sex: string;
  rx: string;
  many_nodes: number;
}
const fx = loadFixture<{ newdata: NewPatient[]; time: number }, { survival: number[]; lp: number[] }>("predict-newdata", "colon");

function setup(newdata: string): string {
  const dir = mkdtempSync(join(tmpdir(), "survinfer-newdata-"));
  const lines = readFileSync("test/fixtures/r/study-long-term/colon.csv", "utf8").trimEnd().split("\n");
  const header = lines[0].split(",");
  const nodes = header.indexOf('"nodes"');
  // as R's as.integer(nodes > 4): missing stays missing
  const manyNodes = (cell: string): string => (cell === "" || cell === "NA" ? "" : Number(cell) > 4 ? "1" : "0");
  const out = [`${lines[0]},"many_nodes"`, ...lines.slice(1).map((l) => `${l},${manyNodes(l.split(",")[nodes])}`)];
  writeFileSync(join(dir, "colon.csv"), out.join("\n") + "\n");
  writeFileSync(join(dir, "new.csv"), newdata);
  return dir;
}

const newCsv = ["id,age,sex,rx,many_nodes", ...fx.input.newdata.map((p) => [p.id, p.age, p.sex, p.rx, p.many_nodes].join(","))].join("\n") + "\n";
const args = ["predict", "colon.csv", "--formula", "Surv(time, status) ~ age + sex + rx + factor(many_nodes)", "--times", String(fx.input.time), "--bootstrap", "0", "--newdata", "new.csv", "--id", "id"];

describe("survinfer predict --newdata", () => {
  it("predicts survival at the horizon and the centred linear predictor as R's survfit(fit, newdata)", async () => {
    const dir = setup(newCsv);
    const run = await runCli([...args, "--json"], dir);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as { predictions: { id: string; row: number; survival: number; linearPredictor: number }[] };
    expect(json.predictions.map((p) => p.id)).toEqual(["p1", "p2", "p3", "p4"]);
    expect(json.predictions.map((p) => p.row)).toEqual([2, 3, 4, 5]);
    expectClose(json.predictions.map((p) => p.survival), fx.expected.survival, { rel: 1e-10 });
    expectClose(json.predictions.map((p) => p.linearPredictor), fx.expected.lp, { rel: 1e-10, abs: 1e-12 });
  });

  it("prints NA for a patient with a missing covariate and notes extrapolation", async () => {
    const dir = setup("id,age,sex,rx,many_nodes\nq1,,male,Obs,0\nq2,99,female,Lev,1\n");
    const run = await runCli(args, dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/q1\s+2\s+NA\s+NA/);
    expect(run.stdout).toMatch(/row 2: age is missing: no prediction/);
    expect(run.stdout).toMatch(/row 3: age = 99 is outside the model's data \(18 to 85\)/);
  });

  it("stops on a level the model does not know (DATA_UNKNOWN_LEVEL), naming file, row, column and value", async () => {
    const dir = setup("id,age,sex,rx,many_nodes\nq1,60,male,Placebo,0\n");
    const run = await runCli(args, dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/new\.csv/);
    expect(run.stderr).toMatch(/new\.csv, row 2, column "rx": row 2: rx = "Placebo" is not a level of the model \(value: "Placebo"\)/);
    expect(run.stderr).toMatch(/Lev\+5FU/);
  });

  it("stops when the new data lack a covariate column, and when there is no horizon", async () => {
    const dir = setup("id,age,sex,many_nodes\nq1,60,male,0\n");
    const run = await runCli(args, dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/no column "rx"/);
    const noTime = await runCli(args.filter((a, i) => a !== "--times" && args[i - 1] !== "--times"), dir);
    expect(noTime.code).toBe(2);
    expect(noTime.stderr).toMatch(/--newdata needs --times/);
  });

  it("refuses a formula whose terms new patients cannot supply (transformations)", async () => {
    const dir = setup(newCsv);
    const run = await runCli(["predict", "colon.csv", "--formula", "Surv(time, status) ~ log(age) + sex", "--times", "1826", "--bootstrap", "0", "--newdata", "new.csv"], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/term log\(age\) is not a plain covariate or factor\(\)/);
  });
});
