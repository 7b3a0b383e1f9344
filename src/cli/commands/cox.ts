/**
 * `survinfer cox DATA --formula "Surv(time, status) ~ age + factor(sex) + strata(inst)" [--ties efron|breslow]
 *   [--weights COL] [--robust] [--zph [transform]] [--conf-level 0.95] [--reference COL=LEVEL ...] [--json]`
 * JSON (design contract): { n, nEvent, terms[].{name, coef, hr, se, robustSe, z, p, lower, upper},
 * loglik: [initial, final], tests: {lr, wald, score}, concordance: {value, se}, var, zph? }.
 */
import type { Command } from "commander";
import { SurvinferError } from "../../errors.js";
import { coxph, type CoxphOptions, type CoxphResult } from "../../survival/coxph.js";
import { addDataOptions, loadData, namesIn, type DataOptions } from "../data-args.js";
import { hintTable } from "../hint-dates.js";
import { ciText, formatNumber, formatP, formatTable, pText, printJson } from "../format.js";
import type { CliIO } from "../io.js";
import { parseChoice, parseProbabilityOption, parseReferences } from "../options.js";
import { requireCovariates, statusCodingOf, withRowsExplained } from "../formula-checks.js";
import type { StatusCoding } from "../../formula/surv-status.js";
import { addTreatmentDateOptions, immortalTimeText, treatmentTiming, type TreatmentDateOptions } from "../treatment-date.js";
import { coxTreatmentDateHint, coxWithTreatmentDate, type CoxTreatmentDate } from "./cox-treatment-date.js";
import { addEngineOptions, chosenEngine, MEMORY_ONLY_OPTIONS, rejectMemoryOnlyOptions, withSqlSource, type EngineOptions } from "../engine-args.js";
import { coxphSql, type SqlCoxFit } from "../../sql/cox.js";
import type { CoxPenalizedResult, CoxTies } from "../../survival/cox/types.js";
import { EPV_DEFAULTS, eventsPerParameter } from "../../study/epv.js";

interface CoxCliOptions extends DataOptions, TreatmentDateOptions, EngineOptions {
  treatment?: string;
  formula: string;
  ties: string;
  weights?: string;
  robust?: boolean;
  zph?: string | boolean;
  confLevel: string;
  firth?: boolean;
  json?: boolean;
}

export function registerCox(program: Command, io: CliIO): void {
  const cmd = addDataOptions(
    addEngineOptions(program.command("cox"))
      .description("Cox proportional-hazards regression (R: coxph), with the proportional-hazards test (cox.zph)")
      .argument("[data]", "data file (CSV, TSV, XLSX or Arrow; Parquet through DuckDB); omit it with --sql")
      .requiredOption("--formula <formula>", 'model, e.g. "Surv(time, status) ~ age + factor(grade) + strata(centre) + cluster(id)"')
      .option("--ties <method>", "efron (R's default) or breslow", "efron")
      .option("--weights <col>", "case weights column")
      .option("--robust", "robust (sandwich) variance, as coxph(robust = TRUE)")
      .option("--zph [transform]", "test proportional hazards: km (default), rank, identity or log")
      .option("--conf-level <level>", "confidence level of the hazard ratios", "0.95")
      .option("--firth", "also fit Firth's penalised likelihood (coxphf: Breslow ties, profile-likelihood CIs); recommended when a coefficient diverges")
      .option("--treatment <col>", "with --treatment-date: the yes/no treatment column of the formula (default: the one whose patients have the dates)")
      .option("--json", "print one JSON object"),
  );
  addTreatmentDateOptions(cmd).action(async (file: string | undefined, opts: CoxCliOptions) => {
    const zph = opts.zph === undefined || opts.zph === false ? false : opts.zph === true ? "km" : parseChoice("--zph", opts.zph, ["km", "rank", "identity", "log"] as const);
    const ties = parseChoice("--ties", opts.ties, ["efron", "breslow"] as const);
    const confLevel = parseProbabilityOption("--conf-level", opts.confLevel);
    const reference = parseReferences(opts.reference);
    requireCovariates(opts.formula, "cox");
    const engine = chosenEngine(file, opts);
    if (engine !== "memory") return coxInDatabase(engine, file, opts, io, ties, confLevel, reference);
    if (file === undefined) throw new SurvinferError({ code: "OPTION_MISSING", message: "no data file given", hint: 'name the data file (or give --sql "SELECT ..." with --engine duckdb or postgres)' });
    const projection = { columns: [...namesIn(opts.formula), opts.weights, opts.id, opts.treatmentDate, opts.origin, opts.treatment] };
    const read = await loadData(file, opts, io, projection);
    const { table, warnings: readWarnings } = read;
    const coxOptions: CoxphOptions = { ties, weights: opts.weights, robust: opts.robust ? true : undefined, zph, confLevel, reference, firth: opts.firth ? "always" : "never" };
    const timing = treatmentTiming(table, opts);
    if (opts.treatment !== undefined && timing === undefined) throw new SurvinferError({ code: "OPTION_MISSING", message: "option --treatment needs --treatment-date COL", hint: "name the column with the date (or time from the origin) of treatment" });
    let td: CoxTreatmentDate | undefined;
    const res = withRowsExplained(table, opts.formula, reference, () => {
      if (timing === undefined) return coxph(table, opts.formula, coxOptions);
      td = coxWithTreatmentDate(table, opts.formula, timing, opts.treatment, opts.id, coxOptions);
      return td.res;
    });
    const statusCoding = statusCodingOf(table, opts.formula);
    const hint = timing === undefined ? await coxTreatmentDateHint(table, opts.formula, (treatments) => hintTable(file, opts, io, read, treatments)) : undefined;
    const warnings = [...readWarnings, ...(td?.warnings ?? []), ...(hint === undefined ? [] : [hint]), ...epvNote(res.fit.nEvent, res.fit.coef.length), ...res.warnings];
    if (opts.json) {
      return printJson(io, { formula: res.formula, ...res.fit, statusCoding, zph: res.zph, firth: res.firth, modelTerms: res.terms, nDropped: res.nDropped, dropped: res.dropped, ...(td ? { immortalTime: td.immortalTime } : {}), warnings });
    }
    io.stdout(coxText(td ? timeDependentNames(res, td) : res, statusCoding) + (td ? coxImmortalTimeText(td, confLevel) : "") + warnings.map((w) => `note: ${w}\n`).join(""));
  });
}

/** --engine duckdb|postgres: Newton–Raphson over per-time sums computed in the database (src/sql/cox.ts). */
async function coxInDatabase(engine: "duckdb" | "postgres", file: string | undefined, opts: CoxCliOptions, io: CliIO, ties: CoxTies, confLevel: number, reference: Record<string, string>): Promise<void> {
  rejectMemoryOnlyOptions(engine, opts as unknown as Record<string, unknown>, [...MEMORY_ONLY_OPTIONS, "zph", "firth", "treatment"]);
  const res = await withSqlSource(engine, file, opts, io, (db, source) => coxphSql(db, source, opts.formula, { ties, weights: opts.weights, robust: opts.robust ? true : undefined, confLevel, reference }));
  if (opts.json) return printJson(io, { formula: res.formula, ...res.fit, statusCoding: res.statusCoding, nDropped: res.nDropped, warnings: res.warnings });
  io.stdout(coxText({ formula: res.formula, fit: res.fit, terms: [], nDropped: res.nDropped }, res.statusCoding) + `(computed by ${engine})\n` + res.warnings.map((w) => `note: ${w}\n`).join(""));
}

/** What the human table reads: an in-memory fit, or an in-database one (no concordance, no zph, no Firth). */
type CoxTextInput = Pick<CoxphResult, "formula" | "terms" | "nDropped" | "zph" | "firth"> & { readonly fit: CoxphResult["fit"] | SqlCoxFit };

/** The treatment's coefficients marked "(time-dependent)" in the human table. */
function timeDependentNames(res: CoxphResult, td: CoxTreatmentDate): CoxphResult {
  const marked = new Set(td.immortalTime.treatmentTerms);
  return { ...res, fit: { ...res.fit, terms: res.fit.terms.map((t) => (marked.has(t.name) ? { ...t, name: `${t.name} (time-dependent)` } : t)) } };
}

function coxImmortalTimeText(td: CoxTreatmentDate, confLevel: number): string {
  const it = td.immortalTime;
  let out = `\nTreatment ${it.treatment.column} as a time-dependent covariate on ${it.intervals} intervals (R: tmerge(..., tdc()) + coxph), robust SE clustered by patient.\n`;
  if (it.naive.label !== null) {
    const pct = `${Math.round(confLevel * 100)}% CI`;
    out += `For contrast only, the fit with ${it.treatment.column} fixed at the origin (${it.naive.label}):\n`;
    out += formatTable(["term", "HR", pct, "p"], it.naive.terms.map((t) => [t.name, t.hr === null ? "NA" : formatNumber(t.hr, 3), t.hr === null ? "" : ciText(t.lower, t.upper), formatP(t.p)]));
  }
  return out + immortalTimeText(it);
}

/** The pspline() terms of a penalised fit: θ, df and print.coxph.penal's linear / non-linear Wald tests. */
function penalizedText(pen: CoxPenalizedResult): string {
  let out = "\nPenalised spline terms (the rows ps(x)3, ... above are the basis coefficients; read the term as a whole):\n";
  const rows = pen.terms.flatMap((t) => [
    [`${t.label}, linear`, formatNumber(t.linear.coef, 4), formatNumber(t.linear.se, 4), formatNumber(t.linear.chisq, 2), "1", formatP(t.linear.p)],
    [`${t.label}, non-linear`, "", "", formatNumber(t.nonlinear.chisq, 2), formatNumber(t.nonlinear.df, 2), formatP(t.nonlinear.p)],
  ]);
  out += formatTable(["term", "coef", "se", "chi-square", "df", "p"], rows);
  for (const t of pen.terms) out += `${t.label}: theta = ${formatNumber(t.theta, 4)}, df = ${formatNumber(t.df, 2)}${t.targetDf === null ? " (theta given)" : ` (target ${t.targetDf})`}\n`;
  out += `Iterations: ${pen.outerIterations} outer, ${pen.newtonIterations} Newton-Raphson\n`;
  return out;
}

/** The Surv() status coding as a line of the human output. */
export function survStatusText(coding: StatusCoding): string {
  const how = coding === "1/2" ? "R's 1/2 coding (2 = event, 1 = censored), as its largest value is 2" : coding === "TRUE/FALSE" ? "TRUE/FALSE (TRUE = event)" : "0/1 coding (1 = event)";
  return `Surv() status: ${how}\n`;
}

export function coxText(res: CoxTextInput, statusCoding?: StatusCoding): string {
  const fit = res.fit;
  const pct = `${Math.round(fit.options.confLevel * 100)}% CI`;
  const phByColumn = new Map<number, string>();
  if (res.zph) {
    for (const t of res.terms) {
      const z = res.zph.terms.find((x) => x.name === t.label);
      if (z) t.columns.forEach((c, k) => phByColumn.set(c, k === 0 ? formatP(z.p) : ""));
    }
  }
  const rows = fit.terms.map((t, j) => [
    t.name,
    t.hr === null ? "NA (collinear)" : formatNumber(t.hr, 3),
    t.hr === null ? "" : ciText(t.lower, t.upper),
    formatP(t.p),
    ...(res.zph ? [phByColumn.get(j) ?? ""] : []),
  ]);
  let out = `Cox proportional-hazards model (${fit.options.ties} ties${fit.options.robust ? ", robust variance" : ""}): ${res.formula}\n`;
  out += `n = ${fit.n}, events = ${fit.nEvent}${res.nDropped > 0 ? ` (${res.nDropped} rows dropped for missing values)` : ""}\n`;
  out += `${statusCoding === undefined ? "" : survStatusText(statusCoding)}\n`;
  out += formatTable(["term", "HR", pct, "p", ...(res.zph ? [`PH test p (${res.zph.transform})`] : [])], rows);
  const t = fit.tests;
  const pen = "penalized" in fit ? fit.penalized : undefined;
  if (pen !== undefined) out += penalizedText(pen);
  const dfText = (df: number): string => (Number.isInteger(df) ? String(df) : formatNumber(df, 2));
  out += `\nLikelihood ratio test = ${formatNumber(t.lr.statistic)} on ${dfText(t.lr.df)} df, ${pText(t.lr.p)}\n`;
  out += `Wald test            = ${formatNumber(t.wald.statistic)} on ${dfText(t.wald.df)} df, ${pText(t.wald.p)}\n`;
  out += pen !== undefined ? "Score (log-rank)     = not computed for a penalised model (as coxph)\n" : `Score (log-rank)     = ${formatNumber(t.score.statistic)} on ${t.score.df} df, ${pText(t.score.p)}\n`;
  out += fit.concordance === null ? "Concordance: not computed by the database engines (it needs every row's linear predictor)\n" : `Concordance = ${formatNumber(fit.concordance.value, 3)} (se = ${formatNumber(fit.concordance.se, 3)})\n`;
  if (res.zph) out += `Global PH test: chi-square ${formatNumber(res.zph.global.statistic)} on ${res.zph.global.df} df, ${pText(res.zph.global.p)}\n`;
  const f = res.firth;
  if (f) {
    out += `\nFirth's penalised likelihood (coxphf, ${f.options.ties} ties, profile-likelihood CIs):\n`;
    out += formatTable(["term", "HR", pct, "p"], f.terms.map((t) => [t.name, formatNumber(t.hr, 3), ciText(t.lower, t.upper), formatP(t.p)]));
    out += `Penalised likelihood ratio test = ${formatNumber(f.tests.lr.statistic)} on ${f.tests.lr.df} df, ${pText(f.tests.lr.p)}\n`;
  }
  return out;
}

/**
 * The study's events-per-parameter rule (src/study/epv.ts) as a note: `survinfer cox` fits the model the user asked
 * for, but says when `survinfer run` would warn (EPV < 10) or not fit it at all (EPV < 5).
 */
export function epvNote(events: number, parameters: number): string[] {
  const e = eventsPerParameter(events, parameters);
  if (e.status === "ok") return [];
  if (e.status === "warn") return e.message === null ? [] : [e.message];
  return [`too few events per parameter: ${events} events for ${parameters} parameters (EPV ${e.epv.toFixed(1)}, below the floor of ${EPV_DEFAULTS.epvFloor} at which survinfer run does not fit a model): do not rely on these estimates; fit fewer covariates`];
}
