/**
 * analyses.recurrent in a study (src/study/recurrent-step.ts): a small hand-made cohort whose recurrent
 * events are given one column per event — as times since the origin (time/status endpoint) and as dates
 * (dates endpoint, months of 30.4375 days) — gives the same mean cumulative function and Andersen–Gill /
 * PWP fits (1e-12) as the engines called directly on the counting-process table written out by hand
 * below; each data error names the user's row, the column and the value; a model without events is a
 * warning; no event at all is a clear error. Last, the example cohort's repeat metastasectomies.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readTable } from "../../src/data/read.js";
import { daysFromCivil, formatIsoDate } from "../../src/data/dates.js";
import type { Column, Table } from "../../src/data/table.js";
import { SurvinferError } from "../../src/errors.js";
import { prepareStudy } from "../../src/study/prepare.js";
import { recurrentStep, type RecurrentStepResult } from "../../src/study/recurrent-step.js";
import { parseStudySpec } from "../../src/study/spec.js";
import { fitRecurrentCox, meanCumulativeFunction, type McfResult, type RecurrentCoxResult, type RecurrentModel } from "../../src/survival/recurrent/index.js";
import { expectClose } from "../helpers/expect-close.js";

// id, arm, age ("" = missing), follow-up time (months), died, times of the 1st, 2nd, 3rd event ("" = none)
type Patient = readonly [number, "A" | "B", number | "", number, 0 | 1, number | "", number | "", number | ""];
const PATIENTS: readonly Patient[] = [
  [1, "A", 50, 12, 1, 2, 6, ""],
  [2, "A", 61, 24, 0, 4, "", ""],
  [3, "A", 45, 12, 0, "", "", ""],
  [4, "A", 70, 8, 1, 2.5, 5, 8], // last event on the day of death: no row after it
  [5, "B", 55, 36, 0, 12, 24, ""],
  [6, "B", 66, 12, 1, 3, "", ""],
  [7, "B", 40, 18, 0, "", "", ""],
  [8, "B", 58, 24, 1, 3, 7, 14],
  [9, "A", 52, 24, 0, 12, "", ""],
  [10, "B", 63, 12, 0, 4, "", ""], // tied with patient 2's first event
  [11, "A", 48, 10, 0, 6, "", ""], // tied with patient 1's second event
  [12, "B", "", 20, 1, 5, 10, ""], // missing age: in the MCF, not in the models
];

// The counting-process table by hand: id, start, stop, event (months).
const LONG: readonly (readonly [number, number, number, 0 | 1])[] = [
  [1, 0, 2, 1], [1, 2, 6, 1], [1, 6, 12, 0],
  [2, 0, 4, 1], [2, 4, 24, 0],
  [3, 0, 12, 0],
  [4, 0, 2.5, 1], [4, 2.5, 5, 1], [4, 5, 8, 1],
  [5, 0, 12, 1], [5, 12, 24, 1], [5, 24, 36, 0],
  [6, 0, 3, 1], [6, 3, 12, 0],
  [7, 0, 18, 0],
  [8, 0, 3, 1], [8, 3, 7, 1], [8, 7, 14, 1], [8, 14, 24, 0],
  [9, 0, 12, 1], [9, 12, 24, 0],
  [10, 0, 4, 1], [10, 4, 12, 0],
  [11, 0, 6, 1], [11, 6, 10, 0],
  [12, 0, 5, 1], [12, 5, 10, 1], [12, 10, 20, 0],
];

/** The hand-written long table with the patients' arm and age; `time` maps its times (default: months as written). */
function handTable(time: (x: number) => number = (x) => x): Table {
  const byId = new Map(PATIENTS.map((p) => [p[0], p]));
  const n = LONG.length;
  const columns: Column[] = [
    { kind: "numeric", name: "id", values: Float64Array.from(LONG, (r) => r[0]) },
    { kind: "numeric", name: "start", values: Float64Array.from(LONG, (r) => time(r[1])) },
    { kind: "numeric", name: "stop", values: Float64Array.from(LONG, (r) => time(r[2])) },
    { kind: "numeric", name: "event", values: Float64Array.from(LONG, (r) => r[3]) },
    { kind: "categorical", name: "arm", levels: ["A", "B"], codes: Int32Array.from(LONG, (r) => (byId.get(r[0])![1] === "A" ? 0 : 1)) },
    { kind: "numeric", name: "age", values: Float64Array.from(LONG, (r) => { const a = byId.get(r[0])![2]; return a === "" ? Number.NaN : a; }) },
  ];
  return { nRows: n, columns, source: { file: "hand" }, rowNumbers: Int32Array.from({ length: n }, (_, i) => i + 2) };
}

const LAYOUT = { id: "id", start: "start", stop: "stop", event: "event" };

function csvTimes(patients: readonly Patient[]): string {
  return ["id,arm,age,time,died,t1,t2,t3", ...patients.map((p) => p.join(","))].join("\n") + "\n";
}

const DAY0 = daysFromCivil(2014, 1, 1);
/** Dates variant: origin 2014-01-01 + 17·id days; a time of x months is 30·x days (so 30·x / 30.4375 months). */
function csvDates(patients: readonly Patient[]): string {
  const date = (origin: number, months: number | ""): string => (months === "" ? "" : formatIsoDate(origin + 30 * months));
  const rows = patients.map((p) => {
    const o = DAY0 + 17 * p[0];
    return [p[0], p[1], p[2], formatIsoDate(o), p[4] ? date(o, p[3]) : "", date(o, p[3]), date(o, p[5]), date(o, p[6]), date(o, p[7])].join(",");
  });
  return ["id,arm,age,origin,death,last_fu,e1,e2,e3", ...rows].join("\n") + "\n";
}

const SPEC_TIMES = `title: Recurrent events
data: { file: cohort.csv, id: id }
endpoints:
  os: { time: time, status: died, values: [1], unit: months }
covariates: [age, arm]
analyses:
  recurrent: { endpoint: os, events: [t1, t2, t3], label: Repeat operation, covariates: [age, arm] }
`;

const SPEC_DATES = `title: Recurrent events
data: { file: cohort.csv, id: id, dateFormat: YYYY-MM-DD }
endpoints:
  os: { origin: origin, event: death, censor: last_fu, unit: months }
covariates: [age, arm]
analyses:
  recurrent: { endpoint: os, events: [e1, e2, e3], covariates: [age, arm] }
`;

function run(csv: string, specText: string): RecurrentStepResult | undefined {
  const spec = parseStudySpec(specText, "study.yaml");
  const { table } = readTable(new TextEncoder().encode(csv), { fileName: "cohort.csv", dateFormat: spec.data.dateFormat, idColumn: spec.data.id });
  return recurrentStep(prepareStudy(spec, table, "study.yaml"), spec);
}

function thrown(f: () => unknown): SurvinferError {
  try {
    f();
  } catch (e) {
    if (e instanceof SurvinferError) return e;
    throw e;
  }
  throw new Error("no error thrown");
}

const TOL = { rel: 1e-12, abs: 1e-15 };

function expectSameMcf(actual: McfResult, expected: McfResult): void {
  expect(actual.curves.map((c) => [c.name, c.nPatients, c.events])).toEqual(expected.curves.map((c) => [c.name, c.nPatients, c.events]));
  actual.curves.forEach((c, g) => {
    const d = expected.curves[g];
    expectClose(c.time, d.time, TOL, `time ${c.name}`);
    expect(c.nRisk).toEqual(d.nRisk);
    expect(c.nEvent).toEqual(d.nEvent);
    expect(c.nCensor).toEqual(d.nCensor);
    expectClose(c.mcf, d.mcf, TOL, `mcf ${c.name}`);
    expectClose(c.stdErr, d.stdErr, TOL, `stdErr ${c.name}`);
    expectClose(c.naiveStdErr, d.naiveStdErr, TOL, `naiveStdErr ${c.name}`);
  });
}

function expectSameFit(actual: RecurrentCoxResult, expected: RecurrentCoxResult): void {
  expect([actual.model, actual.nPatients, actual.nRows, actual.nEvents, actual.nDropped]).toEqual([expected.model, expected.nPatients, expected.nRows, expected.nEvents, expected.nDropped]);
  expect(actual.strata).toEqual(expected.strata);
  expect(actual.fit.columnNames).toEqual(expected.fit.columnNames);
  expectClose(actual.fit.coef, expected.fit.coef, TOL, `${actual.model} coef`);
  expectClose(actual.fit.var.flat(), expected.fit.var.flat(), TOL, `${actual.model} robust var`);
  expectClose(actual.fit.naiveVar!.flat(), expected.fit.naiveVar!.flat(), TOL, `${actual.model} naive var`);
  expectClose(actual.fit.loglik, expected.fit.loglik, TOL, `${actual.model} loglik`);
}

const MODELS: readonly RecurrentModel[] = ["ag", "pwp-total", "pwp-gap"];

describe("recurrentStep on a time/status endpoint (event times in months)", () => {
  const res = run(csvTimes(PATIENTS), SPEC_TIMES)!;

  it("counts patients, events and patients by number of events", () => {
    expect(res.endpoint).toBe("os");
    expect(res.label).toBe("Repeat operation");
    expect(res.unit).toBe("months");
    expect(res.eventColumns).toEqual(["t1", "t2", "t3"]);
    expect(res.nPatients).toBe(12);
    expect(res.nEvents).toBe(17);
    expect(res.eventsPerPatient).toEqual([{ count: 0, patients: 2 }, { count: 1, patients: 5 }, { count: 2, patients: 3 }, { count: 3, patients: 2 }]);
  });

  it("gives the MCF of meanCumulativeFunction on the hand-written counting-process table", () => {
    const direct = meanCumulativeFunction(handTable(), LAYOUT);
    expectSameMcf(res.mcf, direct);
    expect(res.mcf.curves[0].mcf.at(-1)).toBeGreaterThan(0);
  });

  it("fits Andersen–Gill and PWP total/gap time as the engines do on the hand-written table (age + arm, patient 12 dropped)", () => {
    expect(res.models.map((m) => [m.model, m.label])).toEqual([["ag", "Andersen–Gill"], ["pwp-total", "PWP total time"], ["pwp-gap", "PWP gap time"]]);
    res.models.forEach((m, k) => {
      const direct = fitRecurrentCox(handTable(), MODELS[k], { ...LAYOUT, covariates: ["age", "arm"] });
      expectSameFit(m.result, direct);
      expect(m.result.nPatients).toBe(11);
      expect(m.termLabels).toEqual({ age: "age", armB: "arm: B vs A" });
    });
  });

  it("is a plain object of numbers, strings and arrays (results.json)", () => {
    const plain = (v: unknown): boolean =>
      v === null || ["number", "string", "boolean", "undefined"].includes(typeof v) ||
      (Array.isArray(v) && v.every(plain)) ||
      (typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype && Object.values(v as object).every(plain));
    expect(plain(res)).toBe(true);
  });

  it("runs only the models the spec asks for", () => {
    const one = run(csvTimes(PATIENTS), SPEC_TIMES.replace("covariates: [age, arm] }", "covariates: [age, arm], models: [pwp-gap] }"))!;
    expect(one.models.map((m) => m.model)).toEqual(["pwp-gap"]);
  });
});

describe("recurrentStep on a dates endpoint (months of 30.4375 days)", () => {
  const res = run(csvDates(PATIENTS), SPEC_DATES)!;
  // every time of the hand table is 30·x days after the origin: 30·x / 30.4375 months
  const hand = handTable((x) => (30 * x) / 30.4375);

  it("converts the dates as the endpoint does and equals the engines on the hand-written table", () => {
    expect(res.nPatients).toBe(12);
    expect(res.nEvents).toBe(17);
    expect(res.label).toBe("Recurrent events");
    expectSameMcf(res.mcf, meanCumulativeFunction(hand, LAYOUT));
    res.models.forEach((m, k) => expectSameFit(m.result, fitRecurrentCox(hand, MODELS[k], { ...LAYOUT, covariates: ["age", "arm"] })));
  });

  it("gives one MCF per group with `by`, as meanCumulativeFunction by arm", () => {
    const byArm = run(csvDates(PATIENTS), SPEC_DATES.replace("covariates: [age, arm] }", "covariates: [age], by: arm }"))!;
    expect(byArm.by).toBe("arm");
    expect(byArm.mcf.curves.map((c) => c.name)).toEqual(["arm=A", "arm=B"]);
    expectSameMcf(byArm.mcf, meanCumulativeFunction(hand, { ...LAYOUT, by: "arm" }));
    // the group joins the models as a factor after the covariates
    byArm.models.forEach((m, k) => expectSameFit(m.result, fitRecurrentCox(hand, MODELS[k], { ...LAYOUT, covariates: ["age", "arm"] })));
  });

  it("groups by the treatment with the untreated level as reference and the treatment's label", () => {
    const spec = SPEC_DATES.replace("covariates: [age, arm]\n", "treatment: { column: arm, treated: A, label: Surgery }\ncovariates: [age]\n").replace("covariates: [age, arm] }", "covariates: [age], by: treatment, models: [ag] }");
    const res2 = run(csvDates(PATIENTS), spec)!;
    expect(res2.mcf.curves.map((c) => c.name)).toEqual(["arm=B", "arm=A"]);
    const m = res2.models[0];
    expect(m.result.fit.columnNames).toEqual(["age", "armA"]);
    expect(m.termLabels.armA).toBe("Surgery: A vs B");
    const direct = fitRecurrentCox(hand, "ag", { ...LAYOUT, covariates: ["age", "arm"], reference: { arm: "B" } });
    expectClose(m.result.fit.coef, direct.fit.coef, TOL, "coef");
    expectClose(m.result.fit.var.flat(), direct.fit.var.flat(), TOL, "var");
  });

  it("leaves out events after the endpoint's cut-off, with a warning", () => {
    // patient 5 (origin 2014-03-27): events at 360 and 720 days; a cut-off 400 days after its origin keeps the first only
    const cutoff = formatIsoDate(DAY0 + 17 * 5 + 400);
    const res2 = run(csvDates(PATIENTS), SPEC_DATES.replace("unit: months }", `unit: months, cutoff: "${cutoff}" }`))!;
    expect(res2.nEvents).toBeLessThan(17);
    expect(res2.warnings.join("\n")).toMatch(/recurrent event\(s\) after the cut-off of endpoint os were left out/);
  });
});

describe("recurrentStep errors name the row, column and value", () => {
  /** PATIENTS with some cells of patient `id` replaced (k = index in the Patient tuple). */
  const withCells = (id: number, cells: Readonly<Record<number, number | "">>): Patient[] =>
    PATIENTS.map((p) => (p[0] === id ? (p.map((v, k) => (k in cells ? cells[k] : v)) as unknown as Patient) : p));

  it("an event at the origin (time 0)", () => {
    const e = thrown(() => run(csvTimes(withCells(3, { 5: 0 })), SPEC_TIMES));
    expect(e.code).toBe("DATA_RECURRENT_EVENT_BEFORE_ORIGIN");
    expect(e.location).toMatchObject({ file: "cohort.csv", row: 4, column: "t1", value: "0" });
    expect(e.hint).toBeDefined();
  });

  it("an event date before the origin date", () => {
    // patient 2: origin DAY0 + 34 days, first event 120 days later → 3 days before the origin
    const origin = DAY0 + 34;
    const csv = csvDates(PATIENTS).replace(`,${formatIsoDate(origin + 120)},`, `,${formatIsoDate(origin - 3)},`);
    const e = thrown(() => run(csv, SPEC_DATES));
    expect(e.code).toBe("DATA_RECURRENT_EVENT_BEFORE_ORIGIN");
    expect(e.location).toMatchObject({ row: 3, column: "e1", value: formatIsoDate(origin - 3) });
  });

  it("an event after the end of follow-up", () => {
    const e = thrown(() => run(csvTimes(withCells(6, { 6: 13 })), SPEC_TIMES));
    expect(e.code).toBe("DATA_RECURRENT_EVENT_AFTER_FOLLOWUP");
    expect(e.location).toMatchObject({ row: 7, column: "t2", value: "13" });
    expect(e.message).toMatch(/after the end of follow-up/);
  });

  it("events not strictly increasing across the columns", () => {
    const e = thrown(() => run(csvTimes(withCells(5, { 6: 12 })), SPEC_TIMES));
    expect(e.code).toBe("DATA_RECURRENT_EVENTS_NOT_INCREASING");
    expect(e.location).toMatchObject({ row: 6, column: "t2", value: "12" });
    expect(e.message).toMatch(/event 2 \(t2\) is not after event 1 \(t1: 12\)/);
  });

  it("an empty column followed by a filled one", () => {
    const e = thrown(() => run(csvTimes(withCells(9, { 5: "", 6: 20 })), SPEC_TIMES));
    expect(e.code).toBe("DATA_RECURRENT_EVENT_GAP");
    expect(e.location).toMatchObject({ row: 10, column: "t2", value: "20" });
    expect(e.message).toMatch(/column t1 is empty but the later event column t2 is not/);
  });

  it("no recurrent event at all", () => {
    const none = PATIENTS.map((p) => [p[0], p[1], p[2], p[3], p[4], "", "", ""] as const);
    const e = thrown(() => run(csvTimes(none), SPEC_TIMES.replace("events: [t1, t2, t3]", "events: [t1]")));
    expect(e.code).toBe("SPEC_NO_EVENTS");
    expect(e.message).toMatch(/no recurrent event in t1 among the 12 patients of endpoint os/);
  });
});

describe("recurrentStep warnings", () => {
  it("turns a model without events among its complete cases into a warning, keeping the MCF", () => {
    // age missing for every patient with an event: the models have no events
    const noAge = PATIENTS.map((p) => (p[5] === "" ? p : (p.map((v, k) => (k === 2 ? "" : v)) as unknown as Patient)));
    const res = run(csvTimes(noAge), SPEC_TIMES.replace("covariates: [age, arm] }", "covariates: [age] }"))!;
    expect(res.models).toEqual([]);
    expect(res.warnings.filter((w) => /model not fitted: .*no events/.test(w))).toHaveLength(3);
    expect(res.nEvents).toBe(17);
    expectSameMcf(res.mcf, meanCumulativeFunction(handTable(), LAYOUT));
  });

  it("fits no model, with a warning, when there are neither covariates nor a group", () => {
    const res = run(csvTimes(PATIENTS), SPEC_TIMES.replace("covariates: [age, arm] }", "covariates: [] }"))!;
    expect(res.models).toEqual([]);
    expect(res.warnings).toContain("no recurrent-event model fitted: name covariates or a by group under analyses.recurrent");
  });

  it("leaves out patients with a follow-up time of 0, with a warning", () => {
    const res = run(csvTimes(PATIENTS.map((p) => (p[0] === 7 ? ([7, "B", 40, 0, 0, "", "", ""] as const) : p))), SPEC_TIMES)!;
    expect(res.nPatients).toBe(11);
    expect(res.warnings).toContain("1 patient(s) with a follow-up time of 0 are not in the recurrent-event analysis");
  });

  it("returns undefined when the spec has no recurrent analysis", () => {
    expect(run(csvTimes(PATIENTS), SPEC_TIMES.replace(/ {2}recurrent:.*\n/, "  km: { endpoint: os }\n"))).toBeUndefined();
  });
});

describe("recurrentStep on the example cohort (all pulmonary metastasectomies)", () => {
  const csv = readFileSync(new URL("../../examples/lms-metastasectomy/cohort.csv", import.meta.url), "utf8");
  const spec = `title: Repeat metastasectomy
data: { file: cohort.csv, id: patient_id, dateFormat: DD.MM.YYYY }
endpoints:
  os: { origin: date_lung_met, event: date_death, censor: date_last_followup, unit: months }
treatment: { column: metastasectomy, treated: "yes", date: date_pm }
covariates: [age_primary, n_lung_mets]
analyses:
  recurrent: { endpoint: os, events: [date_pm, date_pm2, date_pm3], label: Pulmonary metastasectomy, covariates: [age_primary, n_lung_mets], models: [ag, pwp-gap] }
`;
  const res = run(csv, spec)!;

  it("does not count the index operation (date_pm = the treatment date) by default: 23 repeat operations, the untreated none by construction", () => {
    expect(res.nPatients).toBe(64);
    expect(res.nEvents).toBe(23);
    expect(res.indexOperation).toEqual({ column: "date_pm", counted: false });
    expect(res.eventsPerPatient).toEqual([{ count: 0, patients: 50 }, { count: 1, patients: 5 }, { count: 2, patients: 9 }]);
    expect(res.warnings.join("\n")).toMatch(/the index operation \(date_pm, the metastasectomy date\) is not counted.*have none by construction/);
    expect(res.models.map((m) => m.model)).toEqual(["ag", "pwp-gap"]);
  });

  it("counts the index operation when asked (countIndexOperation: true): 44 + 23 operations", () => {
    const all = run(csv, spec.replace("models: [ag, pwp-gap] }", "models: [ag, pwp-gap], countIndexOperation: true }"))!;
    expect(all.nEvents).toBe(67);
    expect(all.indexOperation).toEqual({ column: "date_pm", counted: true });
    expect(all.eventsPerPatient).toEqual([{ count: 0, patients: 20 }, { count: 1, patients: 30 }, { count: 2, patients: 5 }, { count: 3, patients: 9 }]);
    for (const m of all.models) expect(m.result.fit.coef.every((b) => b !== null && Number.isFinite(b))).toBe(true);
    const mcf = all.mcf.curves[0];
    // every patient is at risk at the start; the MCF ends above the 67/64 of complete follow-up only through censoring
    expect(mcf.nRisk[0]).toBe(64);
    expect(mcf.mcf.at(-1)).toBeGreaterThan(67 / 64);
    // the referee's numbers: naive MCF 1.62 by 208 months vs Ghosh–Lin (death terminal) 1.25
    expect(mcf.mcf.at(-1)!.toFixed(2)).toBe("1.62");
    expect(all.ghoshLin.curves[0].mu.at(-1)!.toFixed(2)).toBe("1.25");
  });

  it("gives the Ghosh–Lin mean with death as terminal event, never above the naive MCF that censors at death", () => {
    const gl = res.ghoshLin.curves[0];
    const naive = res.mcf.curves[0];
    expect(res.terminalLabel).toBe("death");
    expect(gl.events).toBe(23);
    expect(gl.deaths).toBe(res.ghoshLin.curves[0].deaths);
    expect(gl.deaths).toBeGreaterThan(0);
    gl.time.forEach((t, j) => {
      const k = naive.time.indexOf(t);
      expect(gl.mu[j]).toBeLessThanOrEqual(naive.mcf[k] + 1e-12);
    });
    expect(gl.mu.at(-1)!).toBeLessThan(naive.mcf.at(-1)!);
  });
});
