/**
 * Reading + endpoint derivation of 1,000,000 rows: a CSV with three DD.MM.YYYY date columns
 * (origin, death, last follow-up) and numeric/categorical covariates. survinfer: readTableFile +
 * deriveEndpoint (months). R: read.csv + as.Date + difftime for the same derivation.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { formatIsoDate } from "../../src/data/dates.js";
import { deriveEndpoint } from "../../src/data/endpoints.js";
import { readTableFile } from "../../src/data/read-file.js";
import { defineCases } from "../harness.js";

const N = 1_000_000;

function ddmmyyyy(days: number): string {
  const [y, m, d] = formatIsoDate(days).split("-");
  return `${d}.${m}.${y}`;
}

/** Writes the cohort CSV with a fixed linear congruential generator (deterministic). */
function writeCohort(path: string): void {
  let s = 12345;
  const rnd = () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 4294967296;
  };
  const lines: string[] = ["patient_id,date_lung_met,date_death,date_last_followup,age,sex,size_mm,grade"];
  const start = 12419; // 2004-01-01
  for (let i = 0; i < N; i++) {
    const origin = start + Math.floor(rnd() * 6000);
    const dies = rnd() < 0.45;
    const death = dies ? origin + Math.floor(-Math.log(1 - rnd()) * 900) : Number.NaN;
    const fu = dies ? death : origin + Math.floor(rnd() * 3000);
    const age = (30 + rnd() * 50).toFixed(1);
    const sex = rnd() < 0.5 ? "female" : "male";
    const size = Math.floor(20 + rnd() * 150);
    const grade = ["G1", "G2", "G3"][Math.floor(rnd() * 3)];
    lines.push(`P${i + 1},${ddmmyyyy(origin)},${dies ? ddmmyyyy(death) : ""},${ddmmyyyy(fu)},${age},${sex},${size},${grade}`);
  }
  writeFileSync(path, lines.join("\n") + "\n");
}

/** Issue 18: reading only, in process: the columnar reader (3 of 15 columns, and all 15) against data.table::fread. */
const readCases = defineCases<{ path: string }>([
  {
    name: "read 1e6-row 90 MB CSV, 3 of 15 columns (columnar reader + projection) vs fread(select)",
    setup(dir) {
      const path = join(dir, "registry.csv");
      writeRegistryCsv(path);
      return { path };
    },
    run: ({ path }) => readTableFile(path, { columnsToRead: ["time", "status", "group"] }),
    r: (dir) => `suppressPackageStartupMessages(library(data.table))
t0 <- proc.time()[["elapsed"]]
d <- fread(file.path(${JSON.stringify(dir)}, "registry.csv"), select = c("time", "status", "group"))
cat("ELAPSED", proc.time()[["elapsed"]] - t0, "\n")
`,
  },
  {
    name: "read 1e6-row 90 MB CSV, all 15 columns (columnar reader) vs fread",
    repeats: 2,
    setup(dir) {
      const path = join(dir, "registry.csv");
      writeRegistryCsv(path);
      return { path };
    },
    run: ({ path }) => readTableFile(path),
    r: (dir) => `suppressPackageStartupMessages(library(data.table))
t0 <- proc.time()[["elapsed"]]
d <- fread(file.path(${JSON.stringify(dir)}, "registry.csv"))
d$date_dx <- as.IDate(d$date_dx); d$date_last <- as.IDate(d$date_last)
cat("ELAPSED", proc.time()[["elapsed"]] - t0, "\n")
`,
  },
]);

export const cases = [...readCases, ...defineCases<{ path: string }>([
  {
    name: "data: read CSV + derive endpoint, 1e6 rows",
    repeats: 3,
    setup(dir) {
      const path = join(dir, "cohort.csv");
      writeCohort(path);
      return { path };
    },
    run({ path }) {
      const { table } = readTableFile(path, { dateFormat: "DD.MM.YYYY" });
      return deriveEndpoint(table, { origin: "date_lung_met", event: "date_death", censor: "date_last_followup", unit: "months" });
    },
    r(dir) {
      return `
t0 <- proc.time()[["elapsed"]]
d <- read.csv(file.path(${JSON.stringify(dir)}, "cohort.csv"), na.strings = c("", "NA", "N/A", ".", "-"), stringsAsFactors = TRUE)
origin <- as.Date(d$date_lung_met, format = "%d.%m.%Y")
death <- as.Date(d$date_death, format = "%d.%m.%Y")
fu <- as.Date(d$date_last_followup, format = "%d.%m.%Y")
status <- as.integer(!is.na(death))
end <- death; end[is.na(death)] <- fu[is.na(death)]
keep <- !is.na(origin) & !is.na(end)
time <- as.numeric(difftime(end[keep], origin[keep], units = "days")) / 30.4375
status <- status[keep]
el <- proc.time()[["elapsed"]] - t0
cat("CHECK", length(time), sum(status), format(sum(time), digits = 15), "\\n")
cat("ELAPSED", el, "\\n")
`;
    },
  },
])];

/**
 * Issue 18: the 1,000,000-row, ~90 MB registry extract of the whole-process benchmarks (15 columns:
 * id, time, status, group, 8 covariates, 2 ISO dates, a centre), written deterministically (LCG seed 20240301).
 */
export const REGISTRY_ROWS = 1_000_000;

export function writeRegistryCsv(path: string, n: number = REGISTRY_ROWS): number {
  let s = 20240301 >>> 0;
  const rnd = (): number => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
  const lines: string[] = ["id,time,status,group,age,sex,size_mm,grade,bmi,score,date_dx,date_last,creat,centre,ecog"];
  for (let i = 0; i < n; i++) {
    const g = rnd() < 0.5 ? 0 : 1;
    const ev = Math.ceil(-Math.log(1 - rnd()) * (g === 0 ? 700 : 900));
    const ce = Math.ceil(rnd() * 3000);
    const dx = 12419 + Math.floor(rnd() * 6000);
    const t = Math.min(ev, ce);
    lines.push(
      `P${i + 1},${t},${ev <= ce ? 1 : 0},${g === 0 ? "control" : "treated"},${(30 + rnd() * 50).toFixed(1)},${rnd() < 0.5 ? "female" : "male"},` +
        `${Math.floor(20 + rnd() * 150)},G${1 + Math.floor(rnd() * 3)},${(18 + rnd() * 15).toFixed(2)},${(rnd() * 10).toFixed(3)},` +
        `${formatIsoDate(dx)},${formatIsoDate(dx + t)},${(0.5 + rnd() * 2).toFixed(2)},Centre_${String(1 + Math.floor(rnd() * 40)).padStart(2, "0")},${Math.floor(rnd() * 4)}`,
    );
  }
  const text = lines.join("\n") + "\n";
  writeFileSync(path, text);
  return Buffer.byteLength(text);
}

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** The built CLI (`node bin/survinfer.js`), building dist/ first when it is missing (untimed, in setup). */
/** Newest modification time (ms) of the files under `dir`. */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

export function survinferCommand(): string[] {
  // a dist older than any source would time yesterday's code: build when it is missing or stale
  const built = join(root, "dist", "cli", "main.js");
  if (!existsSync(built) || statSync(built).mtimeMs < newestMtime(join(root, "src"))) {
    const res = spawnSync("npx", ["tsc", "-p", "tsconfig.build.json"], { cwd: root, stdio: "inherit" });
    if (res.status !== 0) throw new Error("npm run build failed");
  }
  return [process.execPath, join(root, "bin", "survinfer.js")];
}

/** One whole process: wall seconds, and (with GNU time at /usr/bin/time) CPU seconds (user + sys) and peak resident memory in MiB. */
export interface ProcessRun {
  readonly seconds: number;
  readonly cpu?: number;
  readonly rssMb?: number;
}

/** Runs a whole process (stdout discarded) under /usr/bin/time when it exists (`%M` peak RSS, `%U + %S` CPU). */
export function wholeProcess(argv: readonly string[]): ProcessRun {
  const timed = existsSync("/usr/bin/time");
  const t0 = process.hrtime.bigint();
  const res = spawnSync(timed ? "/usr/bin/time" : argv[0], timed ? ["-f", "RSS_KB %M CPU %U %S", ...argv] : argv.slice(1), { encoding: "utf8", maxBuffer: 1 << 28 });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (res.status !== 0) throw new Error(`${argv.join(" ")} failed: ${(res.stderr ?? "").slice(-500)}`);
  const m = /RSS_KB (\d+) CPU ([0-9.]+) ([0-9.]+)/.exec(res.stderr ?? "");
  return m ? { seconds, cpu: Number(m[2]) + Number(m[3]), rssMb: Number(m[1]) / 1024 } : { seconds };
}

/**
 * R side of a whole-process case: times a separate `Rscript` running `body` (startup, library loads,
 * fread and the analysis, as the survinfer side is timed) and prints its ELAPSED (used by the
 * harness's own line; `sideBySide` prints the fuller comparison).
 */
export function rWholeProcess(dir: string, body: string): string {
  const inner = join(dir, "inner.R");
  writeFileSync(inner, body);
  return `t0 <- proc.time()[["elapsed"]]
status <- system2("Rscript", ${JSON.stringify(inner)}, stdout = FALSE)
if (status != 0) stop("inner R script failed")
cat("ELAPSED", proc.time()[["elapsed"]] - t0, "\\n")
`;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/**
 * Issue 18's measurement: survinfer and R (`rBody` run by its own `Rscript`) as whole processes,
 * `runs` times each, alternating so that both see the same load; prints the medians of CPU (user + sys)
 * and wall seconds, their ratios survinfer ÷ R (goal ≤ 0.5), survinfer's peak RSS ÷ the file's size
 * (goal ≤ 2) and the load average before and after. On a shared machine the CPU ratio is the fair one:
 * wall time depends on the share of the cores each process got.
 */
export function sideBySide(label: string, fileBytes: number, argv: readonly string[], dir: string, rBody: string | undefined, runs = 3): void {
  const hasR = rBody !== undefined && spawnSync("Rscript", ["--version"], { stdio: "ignore" }).status === 0;
  const inner = join(dir, "inner-side.R");
  if (hasR) writeFileSync(inner, rBody);
  const load0 = loadavg()[0];
  const js: ProcessRun[] = [];
  const r: ProcessRun[] = [];
  for (let k = 0; k < runs; k++) {
    js.push(wholeProcess(argv));
    if (hasR) r.push(wholeProcess(["Rscript", inner]));
  }
  const load1 = loadavg()[0];
  const mb = fileBytes / 1048576;
  const stat = (xs: ProcessRun[], key: "seconds" | "cpu" | "rssMb"): number | undefined => (xs.length > 0 && xs.every((x) => x[key] !== undefined) ? median(xs.map((x) => x[key] as number)) : undefined);
  const f = (x: number | undefined, d = 2): string => (x === undefined ? "-" : x.toFixed(d));
  const [jc, jw, jm] = [stat(js, "cpu"), stat(js, "seconds"), stat(js, "rssMb")];
  const [rc, rw, rm] = [stat(r, "cpu"), stat(r, "seconds"), stat(r, "rssMb")];
  const ratio = (a: number | undefined, b: number | undefined): string => (a === undefined || b === undefined ? "-" : (a / b).toFixed(3));
  console.log(
    `  ${label} (median of ${runs}, alternating; load average ${load0.toFixed(1)} → ${load1.toFixed(1)}): ` +
      `survinfer CPU ${f(jc)} s, wall ${f(jw)} s, peak RSS ${f(jm, 0)} MiB = ${jm === undefined ? "-" : (jm / mb).toFixed(2)} × the file's ${mb.toFixed(1)} MiB (goal ≤ 2); ` +
      (hasR ? `R CPU ${f(rc)} s, wall ${f(rw)} s, peak RSS ${f(rm, 0)} MiB; ratio survinfer/R: CPU ${ratio(jc, rc)}, wall ${ratio(jw, rw)} (goal ≤ 0.5)` : "R not run"),
  );
  console.log(`    survinfer runs (CPU/wall s): ${js.map((x) => `${f(x.cpu)}/${f(x.seconds)}`).join(", ")}${hasR ? `; R runs: ${r.map((x) => `${f(x.cpu)}/${f(x.seconds)}`).join(", ")}` : ""}`);
}
