/**
 * Test helper: the example study (or a variant of it) through the same steps as `survinfer run` —
 * read the spec and the data (src/data/read-file.ts, the CLI's column overrides), runStudy — so that
 * the report tests render real results. Results are cached per spec text.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { parse, stringify } from "yaml";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { readTableFile } from "../../src/data/read-file.js";
import { columnOverrides, readLifeTable } from "../../src/cli/commands/run.js";
import { parseStudySpec, parseStudySpecWithLines } from "../../src/study/spec.js";
import { plannedPrimaryIds } from "../../src/study/primary.js";
import { runStudy, type StudyResults } from "../../src/study/run.js";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const EXAMPLE_SPEC = join(ROOT, "examples", "lms-metastasectomy", "study.yaml");

const cache = new Map<string, StudyResults>();

/** Runs the study spec at `specPath` as the CLI does (without writing anything). */
export function runSpecFile(specPath: string): StudyResults {
  const text = readFileSync(specPath, "utf8");
  const hit = cache.get(specPath + "\0" + text);
  if (hit) return hit;
  const { spec, lineOf } = parseStudySpecWithLines(text, specPath);
  const read = readTableFile(resolve(dirname(specPath), String(spec.data.file)), {
    fileName: String(spec.data.file),
    sheet: spec.data.sheet,
    decimal: spec.data.decimal,
    missing: spec.data.missing,
    dateFormat: spec.data.dateFormat,
    idColumn: spec.data.id,
    columns: columnOverrides(spec),
    skipAbsentColumnOverrides: true,
  });
  const lifeTable = readLifeTable(spec, specPath);
  const results = runStudy({ spec, table: read.table, inference: read.inference, readWarnings: read.warnings, specFile: specPath, lineOf, ...(lifeTable === undefined ? {} : { lifeTable }) });
  cache.set(specPath + "\0" + text, results);
  return results;
}

export function exampleResults(): StudyResults {
  return runSpecFile(EXAMPLE_SPEC);
}

/** The example's spec as parsed YAML, for tests that edit it. */
export type ExampleSpec = Record<string, Record<string, unknown>>;

/** Drops the long-term analyses (competing risks, cure, prediction, recurrent) from a spec: faster runs. */
export function withoutLongTerm(spec: ExampleSpec): void {
  for (const k of ["competingRisks", "cure", "prediction", "recurrent"]) delete spec.analyses[k];
}

/**
 * Removes what the example's protocol declares (`analyses.primary` and the clone–censor–weight grace period), so
 * that survinfer's default rule picks the primary and the grace period (the 90th percentile of the times to
 * treatment: 6 months on the example, the declared value) — for the tests of the default rule and its "(default)" wording.
 */
export function undeclared(spec: ExampleSpec): void {
  delete spec.analyses.primary;
  const it = spec.analyses.immortalTime;
  if (it !== null && typeof it === "object") {
    const cw = (it as Record<string, unknown>).cloneCensorWeight;
    if (cw !== null && typeof cw === "object") {
      const rest = { ...(cw as Record<string, unknown>) };
      delete rest.grace;
      if (Object.keys(rest).length === 0) delete (it as Record<string, unknown>).cloneCensorWeight;
      else (it as Record<string, unknown>).cloneCensorWeight = rest;
    }
  }
}

/**
 * Balance judged at |SMD| < 0.2 and variance ratio within 1/3–3 instead of 0.1 and 2: the example's weighted sample
 * (largest |SMD| 0.13, variance ratio 2.5) is then balanced and its IPTW estimates carry no residual-imbalance flag —
 * for the tests of the default rule among unflagged estimates (src/study/effect-flags.ts).
 */
export function lenientBalance(spec: ExampleSpec): void {
  const p = spec.analyses.propensity;
  if (p !== null && typeof p === "object") (p as Record<string, unknown>).balance = { thresholds: { smd: 0.2, varianceRatio: 3 } };
}

/** The example study with `edit` applied to its spec (the data path made absolute), written to `dir/name.yaml` and run as the CLI does. */
export function runExampleVariant(dir: string, name: string, edit: (spec: ExampleSpec) => void): StudyResults {
  const spec = parse(readFileSync(EXAMPLE_SPEC, "utf8")) as ExampleSpec;
  spec.data.file = join(ROOT, "examples", "lms-metastasectomy", String(spec.data.file));
  const declared = spec.analyses.primary;
  edit(spec);
  dropOrphanPrimary(spec, declared);
  const path = join(dir, `${name}.yaml`);
  writeFileSync(path, stringify(spec));
  return runSpecFile(path);
}

/**
 * The example declares its primary analysis (clone–censor–weight, which needs the treatment date and the immortal-time
 * designs). A variant that removes the design keeps no declaration of it: the default rule then picks the primary, as
 * a study without that design would. A primary the variant itself declares is kept (and refused when unknown).
 */
export function dropOrphanPrimary(spec: ExampleSpec, exampleDeclared: unknown): void {
  if (spec.analyses.primary === undefined || spec.analyses.primary !== exampleDeclared) return;
  let planned: string[];
  try {
    planned = plannedPrimaryIds(parseStudySpec(stringify(spec), "variant.yaml"));
  } catch {
    return; // an invalid variant: the run reports its own error
  }
  if (!planned.includes(String(spec.analyses.primary))) delete spec.analyses.primary;
}

export const HOSTILE = "<script>alert(1)</script>";

/**
 * The example with hostile strings everywhere the data reach the report: the title, a covariate's
 * column name (no label, so the name itself is shown), a level of a categorical covariate and the ids.
 */
export function hostileResults(): StudyResults {
  const dir = mkdtempSync(join(tmpdir(), "survinfer-hostile-"));
  const src = join(ROOT, "examples", "lms-metastasectomy");
  const csv = readFileSync(join(src, "cohort.csv"), "utf8").split(/\r?\n/);
  const header = csv[0].split(",");
  const timing = header.indexOf("timing");
  const id = header.indexOf("patient_id");
  const hostileLevel = "<script>alert(2)</script>";
  header[header.indexOf("n_lung_mets")] = `"${HOSTILE}"`;
  const rows = csv.slice(1).map((line) => {
    if (line === "") return line;
    const cells = line.split(",");
    if (cells[timing] === "synchronous") cells[timing] = `"${hostileLevel}"`;
    cells[id] = `"<img src=x onerror=alert(3)>${cells[id]}"`;
    return cells.join(",");
  });
  writeFileSync(join(dir, "cohort.csv"), [header.join(","), ...rows].join("\n"));
  let spec = readFileSync(join(src, "study.yaml"), "utf8");
  spec = spec
    .replace(/^title: .*$/m, `title: "${HOSTILE} study"`)
    .replace(/- name: n_lung_mets\n\s+label: Number of lung metastases\n/, `- name: "${HOSTILE}"\n    label: "${HOSTILE}"\n`)
    // every model list that names the covariate (multivariable Cox, competing risks, cure, prediction, recurrent)
    .replace(/(\[[^\]\n]*)\bn_lung_mets\b(?=[^\]\n]*\])/g, `$1"${HOSTILE}"`);
  writeFileSync(join(dir, "study.yaml"), spec);
  return runSpecFile(join(dir, "study.yaml"));
}

let leanDir: string | undefined;
/**
 * The example without its recurrent events and with an unbootstrapped prediction model: a faster run of everything
 * the sensitivity and long-term sections show (the runs are cached by runSpecFile).
 */
export function exampleWithoutRecurrent(): StudyResults {
  leanDir ??= mkdtempSync(join(tmpdir(), "survinfer-lean-example-"));
  return runExampleVariant(leanDir, "example", (spec) => {
    delete spec.analyses.recurrent;
    (spec.analyses.prediction as Record<string, unknown>).bootstrap = 0;
  });
}
