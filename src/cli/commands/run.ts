/** `survinfer run STUDY.yaml [--out DIR]`: the whole study from one spec file. */
import { outputsMessage } from "../outputs-message.js";
import { sensitivitySummaryLines } from "../../report/sections-sensitivity.js";
import { createHash } from "node:crypto";
import { basename, dirname, relative, resolve } from "node:path";
import type { Command } from "commander";
import { SurvinferError, isSurvinferError } from "../../errors.js";
import { readRegularFile } from "../../data/read-file.js";
import { readTable } from "../../data/read.js";
import { specReadOptions } from "../../study/read-options.js";
import { dataSource, type DataSource } from "../../study/data-source.js";
import type { ReadOptions } from "../../data/read.js";
import { parseStudySpecWithLines } from "../../study/spec.js";
import type { StudyResults } from "../../study/run.js";
import { runStudyAsync } from "../../study/run-async.js";
import type { StudySpec } from "../../study/schema.js";
import type { Table } from "../../data/table.js";
import { notEstimableShown, studyWarningShown } from "../../report/not-estimable-shown.js";
import { formatNumber, toJson } from "../format.js";
import { pPhrase as pText, withInterval } from "../../report/number-format.js";
import { formatRatio } from "../../report/plots/format.js";

/** A ratio with its CI as the report prints it: "0.62 (0.41–0.93)" (src/report/number-format.ts). */
function ratioCi(est: number | null | undefined, lower: number | null | undefined, upper: number | null | undefined): string {
  const f = (x: number | null | undefined): string => (x === null || x === undefined || !Number.isFinite(x) ? "NA" : formatRatio(x));
  return withInterval(f(est), f(lower), f(upper));
}
import type { CliIO } from "../io.js";
import { nodeFsOps } from "../fs-ops.js";
import { checkOutputDir } from "../output-guard.js";
import { recoverStaleOutput, writeOutputDir } from "../write-output.js";
import { immortalTimeBiased, primaryLeads, renderReport } from "../../report/render.js";
import { svgToPng } from "../../report/plots/png.js";
import { randomOrderSentence, schemeNotEstimand } from "../../report/sections-effects.js";
import { parseChoice, parseIntegerOption } from "../options.js";
import { LANGUAGES, localizeDecimal, localizeProse, withLanguage, type Language } from "../../i18n/language.js";
import { msg } from "../../i18n/messages.js";
import { engineText } from "../../i18n/warnings.js";
import { adjustedSurvivalLines, coxLines, endpointLines, immortalLines, longTermLines, missingDataLines, survivalLines } from "../summary-sections.js";
import { immortalPrimaryText } from "../../report/primary-headline.js";

export { columnOverrides } from "../../study/read-options.js";

interface RunOptions {
  out?: string;
  json?: boolean;
  png?: boolean;
  dpi?: string;
  excel?: boolean;
  language?: string;
}

export function registerRun(program: Command, io: CliIO): void {
  program
    .command("run")
    .description("run a whole study from a spec file and write its results")
    .argument("<study>", "study spec (YAML or JSON)")
    .option("--out <dir>", "output directory (default: out/ next to the spec)")
    .option("--json", "print results.json on stdout instead of the summary")
    .option("--no-png", "skip the PNG copies of the figures")
    .option("--dpi <dpi>", "resolution of the PNG (and TIFF) figures (default: the spec's figures.dpi, else 300)")
    .option("--excel", "CSV tables for Excel in a decimal-comma locale: ';' separator and decimal commas (as output.excel: true)")
    .option("--language <lang>", "language of the report, summary.txt and tables: en, de or ja (default: the spec's language, else en)")
    .action(async (studyFile: string, opts: RunOptions) => {
      const specPath = resolve(io.cwd, studyFile);
      let text: string;
      try {
        // a regular file only (never a FIFO or /dev/zero), at most 16 MB
        text = new TextDecoder("utf-8").decode(readRegularFile(specPath, "study spec", studyFile, 16 * 1024 * 1024));
      } catch (e) {
        if (isSurvinferError(e) && e.code === "DATA_FILE_NOT_FOUND") {
          throw new SurvinferError({ code: "SPEC_FILE_NOT_FOUND", file: studyFile, message: "does not exist", hint: "check the path of the study spec" });
        }
        throw e;
      }
      const { spec, lineOf } = parseStudySpecWithLines(text, studyFile);
      const source = dataSource(spec, studyFile, lineOf);
      const dataPath = source.file === undefined ? undefined : resolve(dirname(specPath), source.file);
      const outDir = resolve(io.cwd, opts.out ?? resolve(dirname(specPath), "out"));
      const shownOut = opts.out ?? (relative(io.cwd, outDir) || ".");
      const lifeTableName = spec.analyses.cure?.relative?.lifeTable;
      const lifeTablePath = lifeTableName === undefined ? undefined : resolve(dirname(specPath), lifeTableName);
      const inputs = [dataPath, specPath, lifeTablePath].filter((p): p is string => p !== undefined);
      // refuse a bad --out before the (possibly long) analyses, and again when writing
      recoverStaleOutput(outDir);
      checkOutputDir(nodeFsOps, outDir, shownOut, inputs);
      const dpi = opts.dpi === undefined ? (spec.figures?.dpi ?? 300) : parseIntegerOption("--dpi", opts.dpi, { min: 36, max: 2400 });
      const language: Language = opts.language === undefined ? (spec.language ?? "en") : parseChoice("--language", opts.language, LANGUAGES);
      const { bytes, fileName, readOptions } = await studyDataBytes(spec, source, specPath);
      // results name the data file by its base name and fingerprint, never by the folders it sits in
      const read = readTable(bytes, { ...specReadOptions(spec, fileName), ...readOptions });
      const dataSha256 = createHash("sha256").update(bytes).digest("hex");
      const lifeTable = readLifeTable(spec, specPath);
      // the multiple imputations on worker threads (src/study/run-async.ts): the same results as runStudy, the app's path
      const results = await runStudyAsync({ spec, table: read.table, inference: read.inference, readWarnings: read.warnings, specFile: studyFile, dataSha256, lineOf, onProgress: progressBar(io), ...(lifeTable === undefined ? {} : { lifeTable }) });
      const json = toJson(results);
      const report = await renderReport(results, { ...(opts.png === false ? {} : { rasterize: (svg: string) => svgToPng(svg, { dpi }) }), ...(opts.excel === true ? { excel: true } : {}), language });
      const summary = summaryText(results, language);
      await writeOutputDir(outDir, { ...report, "results.json": json + "\n", "summary.txt": summary }, { inputs, shown: shownOut });
      if (opts.json) {
        io.stdout(json + "\n");
        return;
      }
      io.stdout(summary);
      io.stdout(outputsMessage(io.cwd, outDir, opts.png !== false, language));
    });
}

/**
 * The study's data as bytes for the reader: the file itself (engine memory), or the rows of a query or a
 * Parquet/CSV file loaded through DuckDB or PostgreSQL as CSV (src/sql/study-data.ts; at most
 * MAX_STUDY_ROWS), read with "," and "." since that is how they were written. The database client loads
 * only here. `data.sha256` is then the fingerprint of that CSV text (the rows as loaded).
 */
async function studyDataBytes(spec: StudySpec, source: DataSource, specPath: string): Promise<{ bytes: Uint8Array; fileName: string; readOptions: Partial<ReadOptions> }> {
  if (source.kind === "file") {
    const path = resolve(dirname(specPath), source.file);
    return { bytes: readRegularFile(path, "data file", source.file), fileName: basename(path), readOptions: {} };
  }
  const { loadStudyRows } = await import("../../sql/study-data.js");
  const cwd = dirname(specPath);
  const db = source.engine === "duckdb" ? await (await import("../../sql/duckdb.js")).openDuckDb({ cwd }) : await (await import("../../sql/postgres.js")).openPostgres();
  try {
    const rows = await loadStudyRows(db, { file: source.file, query: source.query, cwd });
    return { bytes: rows.csv, fileName: basename(rows.label), readOptions: { delimiter: ",", decimal: "." } };
  } finally {
    await db.close();
  }
}

/**
 * The life table of a relative-survival cure model (analyses.cure.relative.lifeTable, a path relative to the
 * spec), read as a data file (CSV, TSV or XLSX); undefined when the spec has none. Never written to.
 */
export function readLifeTable(spec: StudySpec, specPath: string): Table | undefined {
  const name = spec.analyses.cure?.relative?.lifeTable;
  if (name === undefined) return undefined;
  const path = resolve(dirname(specPath), name);
  return readTable(readRegularFile(path, "life table", name), { fileName: basename(path) }).table;
}

/**
 * A progress bar for long steps (the bootstrap) on stderr, never on stdout (so `--json` stays one
 * JSON object): "\r<step> [#####.....] done/total", redrawn about 50 times, ended by a newline.
 */
export function progressBar(io: CliIO, width = 30): (step: string, done: number, total: number) => void {
  return (step, done, total) => {
    if (done !== total && done % Math.max(1, Math.floor(total / 50)) !== 0) return;
    const filled = Math.round((done / total) * width);
    io.stderr(`\r${step} [${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total}${done === total ? "\n" : ""}`);
  };
}

/** A number as summary.txt prints it (4 significant digits), with the decimal mark of the language in force. */
function num(x: number | null | undefined, digits?: number): string {
  return localizeDecimal(formatNumber(x, digits));
}

/**
 * A plain-text summary of what was run; the HTML report renders the same results. In `language` (default the
 * spec's, else English): the headings so far (src/i18n), and every number with the language's decimal mark.
 */
export function summaryText(r: StudyResults, language: Language = r.spec.language ?? "en"): string {
  // numbers inside lines not yet translated get the language's decimal mark too (src/i18n/language.ts, localizeProse)
  return withLanguage(language, () => summaryLines(r).split("\n").map(localizeProse).join("\n"));
}

function summaryLines(r: StudyResults): string {
  const m = msg().summary;
  const lines: string[] = [`${r.title}`, m.dataLine(r.software.version, r.data.file, String(r.data.nRows), r.data.sha256 ? r.data.sha256 : null), ""];
  lines.push(...endpointLines(r));
  // analyses that could not be estimated: said first, so no reader takes their absence for an oversight
  const notEstimable = r.notEstimable ?? []; // results.json written before notEstimable existed has none
  if (notEstimable.length > 0) lines.push("", m.notEstimable, ...notEstimable.map((n) => `  - ${notEstimableShown(n, r.analyses.effects)}`));
  // a primary analysis from the immortal-time designs is read first, before the crude comparisons by treatment ever
  // received (issue 14; the report's order, src/report/render.ts primaryLeads)
  const leads = primaryLeads(r) && immortalPrimaryText(r.primary) !== null;
  if (leads) lines.push(...immortalLines(r));
  // the immortal-time label of a comparison by treatment received, from the origin
  const biased = (by: string | undefined): string => (immortalTimeBiased(r, by) ? ` — ${msg().report.immortalBias}` : "");
  lines.push(...survivalLines(r, biased));
  const tcol = r.spec.treatment?.column;
  // the treatment's own term, from the origin, carries immortal time when treatment starts later
  const biasedTerm = (name: string): string => (tcol !== undefined && immortalTimeBiased(r, tcol) && (name === tcol || name.startsWith(tcol)) ? ` (${msg().report.immortalBias})` : "");
  lines.push(...coxLines(r, biasedTerm));
  const bal = r.analyses.propensity?.balance;
  if (bal) lines.push("", m.balanceHeading(String(bal.sample.n), engineText(bal.formula)), ...bal.verdicts.map((v) => `  ${engineText(v.text)}`));
  const eff = r.analyses.effects;
  if (eff) {
    // a clone–censor–weight primary leads with survival differences, the rows below are hazard ratios: the heading names neither
    const heading = r.primary.id === "cloneCensorWeight" ? m.effectHeadingAbsolute : m.effectHeading;
    lines.push("", heading(r.endpoints.find((e) => e.name === eff.endpoint)?.label ?? eff.endpoint, String(Math.round(eff.options.confLevel * 100))));
    const primary = r.primary;
    // without a primary, its reason ("No primary analysis: …", "The declared primary analysis … could not be estimated …")
    // a primary from the multiple imputations (missing.primary: mi) is stated here with its estimate and where it is;
    // one from the immortal-time designs was printed first, under Immortal time, and is pointed to, not repeated
    const pc = primary.section === "missing" ? primary.candidates.find((c) => c.id === primary.id && c.section === primary.section)?.estimate : undefined;
    const mi = r.analyses.missing;
    const elsewhere =
      pc === undefined
        ? ""
        : `: HR ${ratioCi(pc.hr, pc.lower, pc.upper)}, ${pText(pc.p)}; all ${pc.n} patients, ${pc.events} events, ${mi?.m ?? "?"} imputations; estimand: ${pc.description}; the complete-case rows below are sensitivity analyses (pooled estimates under Missing data below)`;
    // the lead says whether survinfer's default rule chose it and which of its settings are defaults (study/primary.ts primaryLead)
    if (leads) lines.push(m.primaryAbove(engineText(primary.lead ?? "")));
    else lines.push(primary.id === null ? `  ${primary.reason}` : `  ${primary.lead ?? `primary analysis: ${primary.label} (${primary.declared ? "declared in the spec" : "default rule"})`}${elsewhere}`);
    // the primary first, then the sensitivity analyses, each tagged; a row biased by design says so
    const isPrimary = (id: string): boolean => primary.section === "effects" && primary.id === id;
    const ordered = [...eff.estimates.filter((e) => isPrimary(e.id)), ...eff.estimates.filter((e) => !isPrimary(e.id))];
    const ef = msg().effects;
    for (const e of ordered) {
      const boot = e.bootstrap ? `; ${e.bootstrap.estimable ? `${ef.sumBootstrap(num(e.bootstrap.lower), num(e.bootstrap.upper))}${e.bootstrap.note ? ` (${engineText(e.bootstrap.note)})` : ""}` : engineText(e.bootstrap.note ?? "")}` : "";
      const kept = e.treatedKept !== null && e.treatedDiscarded !== null ? ef.sumKept(String(e.treatedKept), String(e.treatedKept + e.treatedDiscarded)) : "";
      const ccOfPrimary = primary.section === "missing" && primary.id === e.id ? ef.sumRoleCompleteCases : "";
      const role = `${isPrimary(e.id) ? ef.sumRolePrimary : ef.sumRoleSensitivity}${ccOfPrimary}${eff.biasedByDesign === null ? "" : ef.sumRoleBiased(eff.biasedByDesign)}`;
      // the flags the report's table puts after the HR (src/study/effect-flags.ts: too few events, worsened balance)
      const flags = (eff.flags ?? []).filter((f) => f.id === e.id).map((f) => `; ${engineText(f.text)}`).join("");
      const value = e.hr === null ? (e.notEstimable === null ? "NA" : engineText(e.notEstimable)) : `${ratioCi(e.hr, e.lower, e.upper)}, ${pText(e.p)}${flags}${boot}`;
      lines.push(ef.sumRow(eff.biasedByDesign !== null ? schemeNotEstimand(engineText(e.label), e) : engineText(e.label), kept, role, value, engineText(e.variance)));
    }
    const orderCheck = randomOrderSentence(eff);
    if (orderCheck !== null) lines.push(`  ${orderCheck}`);
    // absolute effects: adjusted survival and RMST differences, treated − untreated (percent, the endpoint's unit)
    lines.push(...adjustedSurvivalLines(r));
    // the caveat names the primary design when it is the one that handles immortal time
    if (eff.immortalTimeCaveat) lines.push(msg().effects.sumEffectsCaveat(leads ? msg().report.immortalCaveatPrimary(engineText(primary.label ?? "")) : engineText(eff.immortalTimeCaveat)));
  }
  lines.push(...missingDataLines(r));
  if (!leads) lines.push(...immortalLines(r));
  lines.push(...longTermLines(r, biased));
  lines.push(...sensitivitySummaryLines(r.analyses.sensitivity, r.analyses.effects));
  if (r.notRun.length > 0) lines.push("", `${m.notRunYet}${r.notRun.map((n) => msg().descriptive.summary.notRun(n.analysis, engineText(n.reason))).join("; ")}`);
  // column names as the report shows them (the spec's labels), rows biased by design named by their scheme
  const shown = studyWarningShown(r);
  if (r.warnings.length > 0) lines.push("", m.notes, ...r.warnings.map((w) => `  - ${shown(w)}`));
  return lines.join("\n") + "\n";
}
