/** `survinfer run STUDY.yaml [--out DIR]`: the whole study from one spec file. */
import { sensitivitySummaryLines } from "../../report/sections-sensitivity.js";
import { createHash } from "node:crypto";
import { basename, dirname, join, relative, resolve } from "node:path";
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
import { notEstimableText } from "../../study/not-estimable.js";
import { formatNumber, toJson } from "../format.js";
import { formatPercent, formatTime, pPhrase as pText, withInterval } from "../../report/number-format.js";
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
import { IMMORTAL_BIAS_LABEL, immortalTimeBiased, renderReport } from "../../report/render.js";
import { svgToPng } from "../../report/plots/png.js";
import { randomOrderSentence } from "../../report/sections-effects.js";
import { parseChoice, parseIntegerOption } from "../options.js";
import { LANGUAGES, localizeDecimal, localizeProse, withLanguage, type Language } from "../../i18n/language.js";
import { msg } from "../../i18n/messages.js";
import { recurrentQuotes } from "../../report/recurrent-quote.js";
import { engineText } from "../../i18n/warnings.js";

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
      const where = relative(io.cwd, outDir) || ".";
      io.stdout(summary);
      io.stdout(`\nReport: ${join(where, "report.html")}\nAll outputs in ${where}/: report.html, figures/ (SVG${opts.png === false ? "" : ", PNG"}), tables/ (CSV), tables.docx, report.docx, results.json, summary.txt\n`);
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
  for (const e of r.endpoints) {
    const fu = e.followUp.strata[0]?.median.estimate ?? null;
    lines.push(`${e.label} (${e.name}): ${e.flow.text}`);
    lines.push(m.eventsAmong(String(e.events), String(e.n), fu === null ? msg().num.notReached : `${formatTime(fu)} ${msg().unit(e.unit)}`));
  }
  // analyses that could not be estimated: said first, so no reader takes their absence for an oversight
  const notEstimable = r.notEstimable ?? []; // results.json written before notEstimable existed has none
  if (notEstimable.length > 0) lines.push("", m.notEstimable, ...notEstimable.map((n) => `  - ${engineText(notEstimableText(n))}`));
  const km = r.analyses.km;
  if (km) {
    lines.push("", `${m.kmHeading(km.endpoint, km.by ? km.by : null, String(km.n))}${immortalTimeBiased(r, km.by) ? ` — ${IMMORTAL_BIAS_LABEL}` : ""}:`);
    for (const s of km.strata) {
      const med = formatTime(s.median.estimate);
      const at = s.at.map((a) => `S(${num(a.time)}) = ${a.estimable ? `${withInterval(formatPercent(a.surv), formatPercent(a.lower), formatPercent(a.upper))} %` : "NA"}`).join(", ");
      lines.push(`${m.kmStratum(s.name, String(s.n), String(s.events), med)}${at ? `; ${at}` : ""}`);
    }
  }
  const lr = r.analyses.logrank;
  if (lr) {
    lines.push("", `${lr.method} test (${lr.endpoint} by ${lr.by}; n = ${lr.n})${immortalTimeBiased(r, lr.by) ? ` — ${IMMORTAL_BIAS_LABEL}` : ""}: chi-square ${num(lr.chisq)} on ${lr.df} df, ${pText(lr.p)}`);
    const hr = lr.hazardRatio?.observedExpectedRatio;
    if (hr && lr.hazardRatio) lines.push(`  hazard ratio from the log-rank (O/E, not a Cox model), ${lr.hazardRatio.comparison}: ${ratioCi(hr.estimate, hr.lower, hr.upper)}`);
  }
  const rm = r.analyses.rmst;
  if (rm) {
    lines.push("", `Restricted mean survival time up to ${num(rm.tau)} (${rm.endpoint} by ${rm.by}; n = ${rm.n})${immortalTimeBiased(r, rm.by) ? ` — ${IMMORTAL_BIAS_LABEL}` : ""}:`);
    for (const g of rm.groups) lines.push(`  ${g.name}: ${num(g.rmst)} (${num(g.lower)} to ${num(g.upper)})`);
    if (rm.difference) lines.push(`  difference: ${num(rm.difference.estimate)} (${num(rm.difference.lower)} to ${num(rm.difference.upper)}), ${pText(rm.difference.p)}`);
  }
  const cox = r.analyses.cox;
  if (cox?.multivariable) {
    const fit = cox.multivariable.result.fit;
    lines.push("", m.multivariableCox(cox.endpoint, String(fit.n), String(fit.nEvent), cox.multivariable.result.formula));
    const tcol = r.spec.treatment?.column;
    // the treatment's own term, from the origin, carries immortal time when treatment starts later
    const biasedTerm = (name: string): string => (tcol !== undefined && immortalTimeBiased(r, tcol) && (name === tcol || name.startsWith(tcol)) ? ` (${IMMORTAL_BIAS_LABEL})` : "");
    for (const t of fit.terms) {
      lines.push(`  ${cox.multivariable.termLabels[t.name] ?? t.name}${biasedTerm(t.name)}: HR ${t.hr === null ? "NA" : `${ratioCi(t.hr, t.lower, t.upper)}, ${pText(t.p)}`}`);
    }
  }
  const bal = r.analyses.propensity?.balance;
  if (bal) lines.push("", m.balanceHeading(String(bal.sample.n), engineText(bal.formula)), ...bal.verdicts.map((v) => `  ${engineText(v.text)}`));
  const eff = r.analyses.effects;
  if (eff) {
    lines.push("", m.effectHeading(eff.endpoint, String(Math.round(eff.options.confLevel * 100))));
    const primary = r.primary;
    // without a primary, its reason ("No primary analysis: …", "The declared primary analysis … could not be estimated …")
    // a primary from another section (an immortal-time design) is stated here with its estimate and where it is
    const pc = primary.section === "effects" ? undefined : primary.candidates.find((c) => c.id === primary.id && c.section === primary.section)?.estimate;
    const hrText = pc === undefined ? "" : `HR ${ratioCi(pc.hr, pc.lower, pc.upper)}, ${pText(pc.p)}`;
    // missing.primary: mi — the pooled estimate of the same analysis is the primary, the complete-case rows here its sensitivity analyses
    const mi = r.analyses.missing;
    const elsewhere =
      pc === undefined
        ? ""
        : primary.section === "missing"
          ? `: ${hrText}; all ${pc.n} patients, ${pc.events} events, ${mi?.m ?? "?"} imputations; estimand: ${pc.description}; the complete-case rows below are sensitivity analyses (pooled estimates under Missing data below)`
          : `: ${pc.headline !== undefined ? `${pc.headline}; per-protocol ${hrText} (secondary)` : hrText}; ${pc.n} patients, ${pc.events} events (under Immortal time below); the rows here are sensitivity analyses`;
    // the lead says whether survinfer's default rule chose it and which of its settings are defaults (study/primary.ts primaryLead)
    const im = msg().immortal;
    // an immortal-time design with its absolute effects as headline: lead and headline are engine texts (IMMORTAL_PATTERNS)
    const immortalLine = primary.section === "immortal-time" && pc?.headline !== undefined && primary.lead !== undefined ? im.primaryElsewhere(engineText(primary.lead), engineText(pc.headline), hrText, String(pc.n), String(pc.events)) : undefined;
    lines.push(primary.id === null ? `  ${primary.reason}` : `  ${immortalLine ?? `${primary.lead ?? `primary analysis: ${primary.label} (${primary.declared ? "declared in the spec" : "default rule"})`}${elsewhere}`}`);
    // the primary first, then the sensitivity analyses, each tagged; a row biased by design says so
    const isPrimary = (id: string): boolean => primary.section === "effects" && primary.id === id;
    const ordered = [...eff.estimates.filter((e) => isPrimary(e.id)), ...eff.estimates.filter((e) => !isPrimary(e.id))];
    for (const e of ordered) {
      const boot = e.bootstrap ? `; ${e.bootstrap.estimable ? `bootstrap ${num(e.bootstrap.lower)} to ${num(e.bootstrap.upper)}${e.bootstrap.note ? ` (${e.bootstrap.note})` : ""}` : e.bootstrap.note}` : "";
      const kept = e.treatedKept !== null && e.treatedDiscarded !== null ? ` [${e.treatedKept} of ${e.treatedKept + e.treatedDiscarded} treated kept]` : "";
      const ccOfPrimary = primary.section === "missing" && primary.id === e.id ? "; complete cases" : "";
      const role = `${isPrimary(e.id) ? "primary" : "sensitivity"}${ccOfPrimary}${eff.biasedByDesign === null ? "" : `; biased by design (${eff.biasedByDesign})`}`;
      lines.push(`  ${e.label}${kept} [${role}]: ${e.hr === null ? (e.notEstimable ?? "NA") : `${ratioCi(e.hr, e.lower, e.upper)}, ${pText(e.p)}${boot}`}; ${e.variance}`);
    }
    const orderCheck = randomOrderSentence(eff);
    if (orderCheck !== null) lines.push(`  ${orderCheck}`);
    // absolute effects: adjusted survival and RMST differences, treated − untreated
    const absolute: [string, NonNullable<typeof eff.weighted>["survival"]][] = [];
    if (eff.weighted !== null && eff.options.weighting !== null) absolute.push([`IPTW (${eff.options.weighting.estimand})`, eff.weighted.survival]);
    if (eff.matched !== null) absolute.push([`PS-matched (${eff.matched.estimand})`, eff.matched.survival]);
    for (const [name, m] of absolute) {
      const ci = (c: { estimate: number | null; lower: number | null; upper: number | null; bootstrapFailed: number | null; bootstrapNote: string | null }): string =>
        c.lower !== null && c.upper !== null ? ` (${num(c.lower)} to ${num(c.upper)})` : c.bootstrapFailed === null ? " (CI not computed: enable bootstrap)" : ` (${c.bootstrapNote ?? "CI not estimable by bootstrap"})`;
      const parts = m.times.map((t, j) => `S(${num(t)}) ${num(m.survTreated[j])} vs ${num(m.survControl[j])}, difference ${num(m.survDifference[j].estimate)}${ci(m.survDifference[j])}`);
      if (m.tau !== null) parts.push(`RMST(${num(m.tau)}) ${num(m.rmstTreated)} vs ${num(m.rmstControl)}, difference ${num(m.rmstDifference.estimate)}${ci(m.rmstDifference)}`);
      if (parts.length > 0) lines.push(`  adjusted survival, ${name}, treated vs untreated: ${parts.join("; ")}`);
    }
    if (eff.immortalTimeCaveat) lines.push(`  caveat: ${eff.immortalTimeCaveat}`);
  }
  lines.push(...missingDataSummary(r));
  const it = r.analyses.immortalTime;
  if (it) {
    const hr = (c: { terms: readonly { hr: number | null; lower: number | null; upper: number | null; p: number | null }[] }): string =>
      `HR ${ratioCi(c.terms[0].hr, c.terms[0].lower, c.terms[0].upper)}, ${pText(c.terms[0].p)}`;
    lines.push("", `Immortal time: ${it.explanation}`);
    // the study's primary, when it is one of these designs and no treatment-effect section said it above
    const pr = r.primary;
    const pe = pr.section === "immortal-time" ? pr.candidates.find((c) => c.id === pr.id && c.section === pr.section)?.estimate : undefined;
    if (!r.analyses.effects && pe !== undefined && pr.lead !== undefined) {
      const hrText = `HR ${ratioCi(pe.hr, pe.lower, pe.upper)}, ${pText(pe.p)}`;
      const im = msg().immortal;
      const lead = engineText(pr.lead);
      lines.push(`  ${pe.headline !== undefined ? im.primaryHere(lead, engineText(pe.headline), hrText, String(pe.n), String(pe.events)) : im.primaryHereHr(lead, hrText, String(pe.n), String(pe.events))}`);
    }
    // the adjusted designs first (immortal time and confounding together), then the crude ones
    const adj = it.adjustedTimeDependent;
    const adjTerm = adj?.result.fit.terms.find((t) => t.name === adj.treatmentTerm);
    if (adj && adjTerm) lines.push(`  time-dependent Cox adjusted for the covariates (n = ${adj.n}; ${adj.estimandLabel}; robust SE): ${hr({ terms: [adjTerm] })}`);
    const lw = it.landmarkPs?.effects.estimates.find((e) => e.id === "weighted");
    if (it.landmarkPs && lw && lw.hr !== null) lines.push(`  landmark at ${num(it.landmarkPs.time)} ${it.unit}, PS re-estimated, IPTW (${it.landmarkPs.population}; marginal HR; robust SE): ${hr({ terms: [lw] })}`);
    lines.push(`  naive (biased by design (immortal time), treatment fixed at the origin): ${hr(it.naive.cox)}`);
    if (it.timeDependent) lines.push(`  treatment as a time-dependent covariate, crude (treatment only): ${hr(it.timeDependent.cox)}`);
    if (it.landmark) lines.push(`  landmark at ${num(it.landmark.time)} ${it.unit} (n = ${it.landmark.n}), crude (treatment only): ${hr(it.landmark.cox)}`);
  }
  lines.push(...longTermSummary(r));
  lines.push(...sensitivitySummaryLines(r.analyses.sensitivity));
  if (r.notRun.length > 0) lines.push("", `${m.notRunYet}${r.notRun.map((n) => `${n.analysis} (${n.reason})`).join("; ")}`);
  if (r.warnings.length > 0) lines.push("", m.notes, ...r.warnings.map((w) => `  - ${engineText(w)}`));
  return lines.join("\n") + "\n";
}

/**
 * summary.txt lines of multiple imputation (missing: { method: mi }): which version is primary (missing.primary),
 * the pooled treatment-effect HRs (within approach) and the pooled multivariable Cox model, each tagged.
 */
function missingDataSummary(r: StudyResults): string[] {
  const mi = r.analyses.missing;
  if (mi === undefined) return [];
  const primaryMi = mi.primary === "mi";
  const lines = ["", `Missing covariates: ${mi.n - mi.nComplete} of ${mi.n} patients have a missing value; multiple imputation (${mi.m} imputations, ${mi.iterations} iterations, seed ${mi.seed}) is ${primaryMi ? "primary, complete cases a sensitivity analysis" : "a sensitivity analysis, complete cases primary"} (missing.primary: ${mi.primary})`];
  const note = r.primary.missingData?.note;
  if (note !== null && note !== undefined) lines.push(`  ${note}`);
  const w = mi.within;
  if (w !== null && w.hazardRatios.length > 0) {
    lines.push(`  treatment effect by multiple imputation, within approach (${w.endpoint}; all ${w.n} patients; pooled by Rubin's rules):`);
    for (const h of w.hazardRatios) {
      const tag = h.id !== w.primaryId ? "" : primaryMi ? " [primary]" : " [sensitivity analysis of the primary]";
      const ev = h.eValue === null ? "" : `; E-value ${num(h.eValue.point, 3)}${h.eValue.ci === null ? "" : ` (CI limit ${num(h.eValue.ci, 3)})`}`;
      lines.push(`    ${h.label}${tag}: ${h.notEstimable !== null ? h.notEstimable : `${ratioCi(h.hr, h.lower, h.upper)}, ${pText(h.p)}${ev}`}`);
    }
  }
  if (mi.cox !== null) {
    lines.push(`  multivariable Cox model by multiple imputation (${mi.endpoint}; all ${mi.n} patients):`);
    for (const t of mi.cox.terms) lines.push(`    ${t.label}: HR ${ratioCi(t.hr, t.hrLower, t.hrUpper)}, ${pText(t.p)}`);
  }
  return lines;
}

/** summary.txt lines of the competing-risks, cure, prediction and recurrent-event analyses. */
function longTermSummary(r: StudyResults): string[] {
  const lines: string[] = [];
  const ci = (est: number | null, lower: number | null, upper: number | null): string => `${num(est)} (${num(lower)} to ${num(upper)})`;
  const cr = r.analyses.competingRisks;
  if (cr) {
    lines.push("", `Competing risks (${cr.endpoint}${cr.by ? ` by ${cr.by}` : ""}), cumulative incidence:`);
    for (const c of cr.curves) {
      const at = c.at ? c.at.est.map((e, k) => `F(${num(cr.options.times![k])}) = ${num(e, 3)}`).join(", ") : `at last time ${num(c.est[c.est.length - 1], 3)}`;
      lines.push(`  ${cr.causeLabels[c.cause - 1] ?? c.cause}${c.group ? `, ${c.group}` : ""}: ${c.events} events; ${at}`);
    }
    for (const t of cr.tests ?? []) lines.push(`  Gray's test, ${cr.causeLabels[t.cause - 1] ?? t.cause}: ${pText(t.p)}`);
    for (const m of cr.models) {
      m.causeSpecific.fit.terms.forEach((t, j) => {
        const fg = m.fineGray?.terms[j];
        lines.push(`  ${m.label}, ${m.termLabels[t.name] ?? t.name}: cause-specific HR ${ci(t.hr, t.lower, t.upper)}${fg ? `; subdistribution HR ${ci(fg.shr, fg.lower, fg.upper)}` : ""}`);
      });
    }
  }
  const cure = r.analyses.cure;
  if (cure) {
    // the headline as the report gives it: the chosen model, what it is of, its population, the plateau beside it
    const of = cure.relative !== undefined ? "relative survival" : cure.claims.cause === "any" ? "any cause" : `cause-specific: ${cure.claims.cause}`;
    const pop = cure.population !== undefined && cure.population.kind !== "all" ? `; ${cure.population.description}` : "";
    lines.push("", `Cure model (${cure.endpoint}, ${of}${pop}; ${cure.fit.method === "ph-mixture-cure-em" ? "semiparametric PH" : cure.latencyLabel} mixture${cure.model === "aic" ? ", lowest AIC" : ""}), cure fraction:`);
    for (const g of [cure.overall, ...cure.groups]) lines.push(`  ${g.name} (n = ${g.n}, ${g.events} events): ${g.events === 0 ? "not estimable (no events)" : ci(g.cureFraction.estimate, g.cureFraction.lower, g.cureFraction.upper)}${g.kmPlateau === null ? "" : `; Kaplan–Meier plateau ${num(g.kmPlateau)}`}${g.followUp ? `; plateau ${num(g.followUp.plateauLength)} ${cure.unit}, Maller–Zhou ${pText(g.followUp.mallerZhou.pValue)}; follow-up ${g.followUp.verdict === "sufficient" ? "sufficient" : g.followUp.verdict === "inconclusive" ? "inconclusive" : "not shown to be sufficient"}` : ""}`);
  }
  const pred = r.analyses.prediction;
  if (pred) {
    const v = pred.validation;
    const idx = (name: string): string => {
      const i = v.optimism?.indices.find((x) => x.name === name);
      return i ? ` (corrected ${num(i.corrected, 3)})` : "";
    };
    lines.push("", `Prediction model (${pred.endpoint} at ${num(pred.time)} ${pred.unit}): ${v.formula}`);
    lines.push(`  n = ${v.n}, events = ${v.nEvent}; Harrell's C ${num(v.harrell.value, 3)}${idx("harrellC")}, Uno's C ${num(v.uno.value, 3)}${idx("unoC")}, AUC ${num(v.auc?.auc ?? null, 3)}${idx("auc")}, calibration slope${idx("slope") || ` ${num(v.calibration?.slope.slope ?? null, 3)}`}`);
  }
  const rec = r.analyses.recurrent;
  if (rec) {
    lines.push("", `Recurrent events (${rec.label}): ${rec.nEvents} events in ${rec.nPatients} patients`);
    if (rec.population?.fromTreatment === true) lines.push(`  population: ${rec.population.description}`);
    // the Ghosh–Lin mean (death ends follow-up) is the estimate, read as the report reads it (src/report/recurrent-quote.ts)
    for (const q of recurrentQuotes(rec)) {
      lines.push(`  mean number of events per patient (Ghosh–Lin, death as terminal event)${q.name ? `, ${q.name}` : ""}: ${num(q.mu, 3)} (${num(q.lower, 3)} to ${num(q.upper, 3)}) by ${num(q.time)} ${rec.unit} (${q.nRisk} at risk)`);
      if (q.naive !== null) lines.push(`  for comparison only, the naive mean cumulative number (death as censoring; overstates the burden)${q.name ? `, ${q.name}` : ""}: ${num(q.naive, 3)} by ${num(q.time)} ${rec.unit}`);
    }
    for (const m of rec.models) for (const t of m.result.fit.terms) lines.push(`  ${m.label}, ${m.termLabels[t.name] ?? t.name}: HR ${ci(t.hr, t.lower, t.upper)}, ${pText(t.p)}`);
  }
  return lines;
}
