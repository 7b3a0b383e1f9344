/** Shared by the status-* hostile tests: a small cohort written as CSV and the commands that read --event. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli, type CliRun } from "../helpers/cli.js";

export type Coding = "0/1" | "1/2" | "TRUE/FALSE";

/** A cohort of n patients with the given 0/1 events, written with the status in `coding`; returns the file path. */
export function writeCohort(events: readonly number[], coding: Coding, extra: (i: number) => Record<string, string> = () => ({})): string {
  const dir = mkdtempSync(join(tmpdir(), "survinfer-status-"));
  const file = join(dir, "cohort.csv");
  const code = (e: number): string => (coding === "0/1" ? String(e) : coding === "1/2" ? String(e + 1) : e === 1 ? "TRUE" : "FALSE");
  const rows = events.map((e, i) => ({
    id: String(i + 1),
    start: "0",
    time: String(((i * 7) % 37) + 1 + i / 100),
    status: code(e),
    grp: i % 2 === 1 ? "a" : "b",
    x: String(((i * 13) % 11) / 3),
    treat: i % 4 < 2 ? "1" : "0",
    age: String(40 + ((i * 17) % 29)),
    ...extra(i),
  }));
  const header = Object.keys(rows[0]);
  writeFileSync(file, [header.join(","), ...rows.map((r) => header.map((h) => (r as Record<string, string>)[h]).join(","))].join("\n") + "\n");
  return file;
}

/** Writes raw CSV text to a fresh temp file. */
export function writeCsv(text: string, name = "data.csv"): string {
  const file = join(mkdtempSync(join(tmpdir(), "survinfer-hostile-")), name);
  writeFileSync(file, text);
  return file;
}

export interface EventCommand {
  readonly name: string;
  readonly argv: (file: string) => string[];
  /** Number of events the command counted, from its JSON. */
  readonly events: (json: Record<string, unknown>) => number;
  /** The statusCoding field of its JSON. */
  readonly coding: (json: Record<string, unknown>) => unknown;
}

type Json = Record<string, unknown>;
const arr = (x: unknown): Json[] => x as Json[];
const sum = (xs: Json[], key: string): number => xs.reduce((a, s) => a + (s[key] as number), 0);
const survArgs = ["--time", "time", "--event", "status"];

/** Every command that reads an event status, with where its JSON says how many events it saw. */
export const EVENT_COMMANDS: readonly EventCommand[] = [
  { name: "km", argv: (f) => ["km", f, ...survArgs, "--json"], events: (j) => sum(arr(j.strata), "events"), coding: (j) => j.statusCoding },
  { name: "logrank", argv: (f) => ["logrank", f, ...survArgs, "--by", "grp", "--json"], events: (j) => sum(arr(j.groups), "observed"), coding: (j) => j.statusCoding },
  { name: "rmst", argv: (f) => ["rmst", f, ...survArgs, "--by", "grp", "--json"], events: (j) => sum(arr(j.groups), "events"), coding: (j) => j.statusCoding },
  { name: "cox", argv: (f) => ["cox", f, "--formula", "Surv(time, status) ~ x", "--json"], events: (j) => j.nEvent as number, coding: (j) => j.statusCoding },
  { name: "predict", argv: (f) => ["predict", f, "--formula", "Surv(time, status) ~ x", "--bootstrap", "0", "--json"], events: (j) => j.nEvent as number, coding: (j) => j.statusCoding },
  { name: "cure", argv: (f) => ["cure", f, ...survArgs, "--incidence", "x", "--latency", "x", "--json"], events: (j) => j.nEvent as number, coding: (j) => j.statusCoding },
  { name: "match", argv: (f) => ["match", f, "--treatment", "treat", "--covariates", "age,x", ...survArgs, "--json"], events: (j) => (j.effect as Json).nEvents as number, coding: (j) => (j.effect as Json).statusCoding },
  { name: "weight", argv: (f) => ["weight", f, "--treatment", "treat", "--covariates", "age,x", "--estimand", "ATE", ...survArgs, "--json"], events: (j) => (j.effect as Json).nEvents as number, coding: (j) => (j.effect as Json).statusCoding },
];

/** The recurrent-event command reads a numeric event column (one interval per patient here). */
export const RECURRENT: EventCommand = {
  name: "recurrent",
  argv: (f) => ["recurrent", f, "--id", "id", "--start", "start", "--stop", "time", "--event", "status", "--json"],
  events: (j) => sum(arr((j.mcf as Json).curves), "events"),
  coding: (j) => j.statusCoding,
};

export async function runJson(argv: readonly string[]): Promise<{ run: CliRun; json: Json }> {
  const run = await runCli(argv);
  if (run.code !== 0) throw new Error(`${argv.join(" ")} exited ${run.code}: ${run.stderr}`);
  return { run, json: JSON.parse(run.stdout) as Json };
}
