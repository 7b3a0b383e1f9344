/**
 * A clinician's spreadsheet (German headers, last contact + vital status, operation date empty for the
 * unoperated, one death on the day of time zero) through `survinfer run`, against the same patients in
 * the classic layout (death date, last follow-up, yes/no column).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { coxFit } from "../../src/survival/cox/fit.js";
import { runCli } from "../helpers/cli.js";
import { defaultForm, emptyEndpoint, formSpec } from "../../web/src/form.js";

const dir = mkdtempSync(join(tmpdir(), "survinfer-clin-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const DAY0 = Date.UTC(2010, 0, 1);
const de = (days: number): string => {
  const d = new Date(DAY0 + days * 86400000);
  const p = (x: number): string => String(x).padStart(2, "0");
  return `${p(d.getUTCDate())}.${p(d.getUTCMonth() + 1)}.${d.getUTCFullYear()}`;
};

interface Patient {
  readonly start: number;
  readonly end: number;
  readonly dead: boolean;
  readonly op?: number;
  readonly age: number;
}

/** 40 patients, deterministic: every 2nd operated 20–80 days after diagnosis; patient 1 dies on day 0, patient 2 on the day of surgery. */
const patients: Patient[] = Array.from({ length: 40 }, (_, i) => {
  const start = 30 * i;
  const operated = i % 2 === 1;
  const len = 60 + ((i * 97) % 700) + (operated ? 150 : 0);
  const dead = (i * 7) % 3 !== 0;
  return { start, end: start + len, dead, op: operated ? start + 20 + ((i * 13) % 60) : undefined, age: 40 + ((i * 11) % 35) };
});
patients[0] = { start: 0, end: 0, dead: true, age: 70 }; // death on the day of time zero
patients[1] = { start: 30, end: 30 + 45, dead: true, op: 30 + 45, age: 66 }; // death on the day of surgery

const germanCsv = [
  "Patient;Datum_Lungenmetastase;Letzter_Kontakt;Status;OP_Datum;Operiert;Alter",
  ...patients.map((p, i) => [`P${i + 1}`, de(p.start), de(p.end), p.dead ? "verstorben" : "lebend", p.op === undefined ? "" : de(p.op), p.op === undefined ? "nein" : "ja", p.age].join(";")),
].join("\n");
const classicCsv = [
  "id,date_lung_met,date_death,date_last_followup,metastasectomy,date_pm,age",
  ...patients.map((p, i) => [`P${i + 1}`, de(p.start), p.dead ? de(p.end) : "", p.dead ? "" : de(p.end), p.op === undefined ? "no" : "yes", p.op === undefined ? "" : de(p.op), p.age].join(",")),
].join("\n");

const analyses = `
covariates: [{ name: AGE, label: Age }]
analyses:
  km: { endpoint: os, by: treatment, times: [6, 12] }
  logrank: { endpoint: os, by: treatment }
  cox: { endpoint: os, univariable: all }
  immortalTime: { landmark: 3, timeDependent: true }
`;
const germanSpec = `title: Lungenmetastasen
data: { file: kohorte.csv, id: Patient, dateFormat: DD.MM.YYYY }
endpoints:
  os:
    label: Gesamtüberleben
    origin: Datum_Lungenmetastase
    lastContact: Letzter_Kontakt
    status: Status
    values: [verstorben, dead]
    censored: [lebend, alive]
treatment:
  date: OP_Datum
  check: { column: Operiert, treated: ja }
  label: Metastasektomie
${analyses.replace("AGE", "Alter")}`;
const classicSpec = `title: Classic
data: { file: cohort.csv, id: id, dateFormat: DD.MM.YYYY }
endpoints:
  os: { origin: date_lung_met, event: date_death, censor: date_last_followup }
treatment: { column: metastasectomy, treated: "yes", date: date_pm }
${analyses.replace("AGE", "age")}`;

interface Cox {
  coef: (number | null)[];
  var: number[][] | number[];
  loglik: number[];
}
interface Results {
  endpoints: { name: string; n: number; events: number }[];
  analyses: {
    km: { strata: { name: string; n: number; time: number[]; surv: number[] }[] };
    logrank: { chisq: number };
    immortalTime: {
      naive: { cox: Cox };
      timeDependent: { cox: Cox; intervals: number };
      landmark: { n: number; cox: Cox };
      adjustedTimeDependent: { result: { fit: Cox } };
      cloneCensorWeight: { n: number; hazardRatio: { coef: number; robustSe: number }; survivalDifference: { estimate: number }[] };
    };
  };
  primary: { id: string | null; section: string | null };
  warnings: string[];
}

async function run(name: string, csv: string, csvName: string, spec: string): Promise<{ code: number; stderr: string; res?: Results }> {
  const d = join(dir, name);
  rmSync(d, { recursive: true, force: true });
  mkdirSync(d);
  writeFileSync(join(d, csvName), csv);
  writeFileSync(join(d, "study.yaml"), spec);
  const r = await runCli(["run", join(d, "study.yaml"), "--out", join(d, "out")]);
  if (r.code !== 0) return { code: r.code, stderr: r.stderr };
  return { code: 0, stderr: r.stderr, res: JSON.parse(readFileSync(join(d, "out", "results.json"), "utf8")) as Results };
}

describe("a clinician's spreadsheet through survinfer run", () => {
  it("gives the endpoint, treatment groups and immortal-time analyses of the classic layout", async () => {
    const g = await run("german", germanCsv, "kohorte.csv", germanSpec);
    expect(g.code, g.stderr).toBe(0);
    const c = await run("classic", classicCsv, "cohort.csv", classicSpec);
    expect(c.code, c.stderr).toBe(0);
    const gr = g.res!;
    const cr = c.res!;
    expect(gr.endpoints.map((e) => [e.n, e.events])).toEqual([[40, patients.filter((p) => p.dead).length]]);
    expect(gr.endpoints.map((e) => [e.n, e.events])).toEqual(cr.endpoints.map((e) => [e.n, e.events]));
    // same groups (no / yes), same curves
    expect(gr.analyses.km.strata.map((s) => [s.name, s.n])).toEqual([["no", 20], ["yes", 20]]);
    expect(gr.analyses.km.strata.map((s) => [s.time, s.surv])).toEqual(cr.analyses.km.strata.map((s) => [s.time, s.surv]));
    expect(gr.analyses.logrank.chisq).toBe(cr.analyses.logrank.chisq);
    const it = gr.analyses.immortalTime;
    const ci = cr.analyses.immortalTime;
    expect(it.naive.cox.coef).toEqual(ci.naive.cox.coef);
    expect(it.timeDependent.cox.coef).toEqual(ci.timeDependent.cox.coef);
    expect(it.timeDependent.intervals).toBe(ci.timeDependent.intervals);
    expect(it.landmark.cox.coef).toEqual(ci.landmark.cox.coef);
    // immortal time detected from the operation date alone: clone–censor–weight and the adjusted time-dependent
    // Cox run (by default) on the German file as on the classic one, and the emulated trial is the primary analysis
    expect(gr.primary).toMatchObject({ id: "cloneCensorWeight", section: "immortal-time" });
    expect(gr.analyses.immortalTime.cloneCensorWeight.n).toBe(40);
    expect(gr.analyses.immortalTime.cloneCensorWeight.hazardRatio).toEqual(ci.cloneCensorWeight.hazardRatio);
    expect(gr.analyses.immortalTime.cloneCensorWeight.survivalDifference).toEqual(ci.cloneCensorWeight.survivalDifference);
    expect(it.adjustedTimeDependent.result.fit.coef).toEqual(ci.adjustedTimeDependent.result.fit.coef);
    // the same-day patients are named by id and data row
    expect(gr.warnings.join("\n")).toMatch(/on the day of Datum_Lungenmetastase \(time 0\): counted as half a day.*patient P1 \(row 2\)/);
    expect(gr.warnings.join("\n")).toMatch(/on the day of treatment \(OP_Datum\).*patient P2 \(row 3\)/);
  }, 60_000);

  it("the time-dependent Cox model equals coxph on the survival::heart intervals built by hand", async () => {
    const g = await run("german-td", germanCsv, "kohorte.csv", germanSpec);
    expect(g.code, g.stderr).toBe(0);
    // tmerge(..., tdc(txtime)) with futime = pmax(.5, futime) and txtime − .5 when tx.date == fu.date (days / 30.4375)
    const entry: number[] = [];
    const stop: number[] = [];
    const status: number[] = [];
    const x: number[] = [];
    const add = (a: number, b: number, d: number, t: number): void => {
      entry.push(a);
      stop.push(b);
      status.push(d);
      x.push(t);
    };
    const m = 30.4375;
    for (const p of patients) {
      const T = Math.max(p.end - p.start, 0.5) / m;
      const d = p.dead ? 1 : 0;
      if (p.op === undefined) {
        add(0, T, d, 0);
        continue;
      }
      const tx = (p.op === p.end ? p.op - p.start - 0.5 : p.op - p.start) / m;
      if (tx > 0) add(0, tx, 0, 0);
      add(Math.max(tx, 0), T, d, 1);
    }
    const ref = coxFit({ time: Float64Array.from(stop), status: Int32Array.from(status), entry: Float64Array.from(entry), x: Float64Array.from(x), p: 1, columnNames: ["t"] });
    expect(g.res!.analyses.immortalTime.timeDependent.intervals).toBe(stop.length);
    expect(g.res!.analyses.immortalTime.timeDependent.cox.coef[0]).toBeCloseTo(ref.coef[0]!, 12);
  }, 60_000);
});

describe("causes of death from the vital-status column", () => {
  const causeCsv = germanCsv
    .split("\n")
    .map((l, i) => (i === 0 ? l : l.replace(";verstorben;", i % 3 === 0 ? ";verstorben (Tumor);" : ";verstorben (andere);")))
    .join("\n");
  const causeSpec = germanSpec
    .replace("values: [verstorben, dead]", 'values: ["verstorben (Tumor)", "verstorben (andere)"]\n    causes: { column: Status, values: { Tumor: "verstorben (Tumor)", Andere: "verstorben (andere)" } }')
    .replace("  immortalTime:", "  competingRisks: { endpoint: os, by: treatment, times: [6] }\n  immortalTime:");

  it("a status column with one value per cause of death gives the endpoint and the competing causes", async () => {
    const r = await run("causes", causeCsv, "kohorte.csv", causeSpec);
    expect(r.code, r.stderr).toBe(0);
    const lines = causeCsv.split("\n").slice(1);
    const tumour = lines.filter((l) => l.includes("(Tumor)")).length;
    const other = lines.filter((l) => l.includes("(andere)")).length;
    expect(tumour).toBeGreaterThan(0);
    expect(other).toBeGreaterThan(0);
    expect(r.res!.endpoints[0].events).toBe(tumour + other);
    const cr = (r.res as unknown as { analyses: { competingRisks: unknown } }).analyses.competingRisks;
    expect(JSON.stringify(cr)).toContain("Tumor");
    expect(JSON.stringify(cr)).toContain("Andere");
  });

  it("a vital status that is neither a declared cause of death nor alive stops at its row", async () => {
    const csv = causeCsv.replace(";verstorben (andere);", ";verstorben (Herz);");
    const row = causeCsv.split("\n").findIndex((l) => l.includes(";verstorben (andere);")) + 1;
    const r = await run("causes-bad", csv, "kohorte.csv", causeSpec);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`row ${row}`);
    expect(r.stderr).toContain('column "Status"');
    expect(r.stderr).toContain('"verstorben (Herz)"');
  });
});

describe("empty cells of a yes/no treatment column", () => {
  // only the operated are marked: "yes" or empty
  const marked = classicCsv.replace(/,no,/g, ",,");

  it("are missing by default: the unmarked patients leave the treatment comparison", async () => {
    const r = await run("empty-missing", marked, "cohort.csv", classicSpec);
    // every patient is either "yes" or missing: one treatment level, a spec error at treatment.column
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/every patient has metastasectomy = "yes"/);
  });

  it("with empty: untreated, give the groups of the fully coded column", async () => {
    const spec = classicSpec.replace('treated: "yes", date: date_pm', 'treated: "yes", empty: untreated, date: date_pm');
    const r = await run("empty-untreated", marked, "cohort.csv", spec);
    expect(r.code, r.stderr).toBe(0);
    const full = await run("empty-full", classicCsv, "cohort.csv", classicSpec);
    const strata = (x: Results): unknown => x.analyses.km.strata.map((s) => [s.n, s.time, s.surv]);
    expect(strata(r.res!)).toEqual(strata(full.res!));
    expect(r.res!.analyses.immortalTime.timeDependent.cox.coef).toEqual(full.res!.analyses.immortalTime.timeDependent.cox.coef);
  });
});

describe("errors in a clinician's spreadsheet name the file, row, column and value", () => {
  it("a vital status outside the declared values", async () => {
    const csv = germanCsv.replace(";lebend;", ";Lebend;");
    const row = germanCsv.split("\n").findIndex((l) => l.includes(";lebend;")) + 1;
    const r = await run("bad-status", csv, "kohorte.csv", germanSpec);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("kohorte.csv");
    expect(r.stderr).toContain(`row ${row}`);
    expect(r.stderr).toContain('column "Status"');
    expect(r.stderr).toContain('"Lebend"');
  });

  it("a patient marked operated without an operation date", async () => {
    const lines = germanCsv.split("\n");
    const k = lines.findIndex((l) => l.endsWith(";nein;66") || (l.includes(";;nein;") && !l.startsWith("P1;")));
    lines[k] = lines[k].replace(";;nein;", ";;ja;");
    const r = await run("bad-check", lines.join("\n"), "kohorte.csv", germanSpec);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`row ${k + 1}`);
    expect(r.stderr).toContain('column "Operiert"');
    expect(r.stderr).toContain("OP_Datum");
  });

  it("a treatment with neither column nor date is a spec error at its line", async () => {
    const r = await run("bad-spec", germanCsv, "kohorte.csv", germanSpec.replace("  date: OP_Datum\n  check: { column: Operiert, treated: ja }\n", ""));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/treatment.*give column \(with treated\) or date/);
  });

  it("check without a date-only treatment is a spec error", async () => {
    const r = await run("bad-spec2", germanCsv, "kohorte.csv", germanSpec.replace("  date: OP_Datum\n", "  column: Operiert\n  treated: ja\n"));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/check goes with a treatment given by its date alone/);
  });
});

describe("the app's form offers the clinical layout", () => {
  it("an endpoint from last contact and vital status, and a treatment from its date alone", () => {
    const f = defaultForm();
    const { spec, yaml } = formSpec({
      ...f,
      title: "Lungenmetastasen",
      fileName: "kohorte.csv",
      endpoints: [{ ...emptyEndpoint("os"), mode: "contact", origin: "Datum_Lungenmetastase", censor: "Letzter_Kontakt", status: "Status", statusValues: "verstorben, dead" }],
      treatment: { column: "", treated: "", date: "OP_Datum", label: "Metastasektomie" },
    });
    expect(spec.endpoints.os).toMatchObject({ origin: "Datum_Lungenmetastase", lastContact: "Letzter_Kontakt", status: "Status", values: ["verstorben", "dead"] });
    expect(spec.treatment).toMatchObject({ date: "OP_Datum", column: "treated (OP_Datum)", treated: "yes", fromDate: true });
    expect(yaml).not.toMatch(/column:/);
  });
});
