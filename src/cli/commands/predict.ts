/**
 * `survinfer predict DATA --formula "Surv(time, status) ~ ..." [--times 60] [--tau T] [--bootstrap 200]
 *   [--seed 1] [--groups 5] [--ties efron|breslow] [--reference COL=LEVEL ...] [--newdata FILE] [--json]`
 * Validation of a Cox prediction model: Harrell's and Uno's C, AUC(t), calibration at t (risk groups and
 * slope) and Harrell's bootstrap optimism correction (src/survival/validation/).
 * JSON: { formula, n, nEvent, nDropped, terms[], harrell:{value,se,...}, uno:{value,se,...}, auc:{time,auc,...}|null,
 * calibration:{time, groups[], slope}|null, calibrationIntercept:{intercept, observed, expected}, optimism:{B, indices[].{name,apparent,optimism,corrected}}|null,
 * nomogram|null, options, warnings }; with --newdata also predictions[].{id, row, survival, linearPredictor}
 * (survival at the --times horizon for each patient of FILE, as summary(survfit(fit, newdata), times)).
 */
import type { Command } from "commander";
import { validatePredictionModel, type PredictionValidationResult } from "../../survival/validation/index.js";
import { addDataOptions, loadData, type DataOptions } from "../data-args.js";
import { predictionCalculator, predictNewPatients, type NewPatientPrediction } from "./predict-newdata.js";
import { formatNumber, formatTable, printJson } from "../format.js";
import type { CliIO } from "../io.js";
import { parseChoice, parseIntegerOption, parseNumberOption, parseReferences, parseReplicatesOption, parseSeedOption, POSITIVE_TIME } from "../options.js";
import { requireCovariates, statusCodingOf, withRowsExplained } from "../formula-checks.js";
import { survStatusText } from "./cox.js";

interface PredictCliOptions extends DataOptions {
  formula: string;
  times?: string;
  tau?: string;
  bootstrap: string;
  seed: string;
  groups: string;
  ties: string;
  newdata?: string;
  json?: boolean;
}

export function registerPredict(program: Command, io: CliIO): void {
  addDataOptions(
    program
      .command("predict")
      .description("validate a Cox prediction model: Harrell's and Uno's C, AUC(t), calibration, bootstrap optimism correction (R: concordance, timeROC, rms::validate)")
      .argument("<data>", "data file (CSV, TSV, XLSX or Arrow)")
      .requiredOption("--formula <formula>", 'model, e.g. "Surv(time, status) ~ age + primary_size + factor(timing)"')
      .option("--times <t>", "horizon for AUC(t), calibration and the nomogram, e.g. 60")
      .option("--tau <t>", "truncation time of Uno's C (default: the --times horizon, else none)")
      .option("--bootstrap <B>", "bootstrap replicates for the optimism correction (0 = none)", "200")
      .option("--seed <n>", "seed of the bootstrap resamples", "1")
      .option("--groups <g>", "risk groups of the calibration table", "5")
      .option("--ties <method>", "efron (R's default) or breslow", "efron")
      .option("--newdata <file>", "predict survival at the --times horizon for each patient (row) of this file, which has the model's covariate columns")
      .option("--json", "print one JSON object"),
  ).action(async (file: string, opts: PredictCliOptions) => {
    const options = {
      time: opts.times === undefined ? null : parseNumberOption("--times", opts.times, POSITIVE_TIME),
      tau: opts.tau === undefined ? undefined : parseNumberOption("--tau", opts.tau, POSITIVE_TIME),
      B: parseReplicatesOption("--bootstrap", opts.bootstrap),
      seed: parseSeedOption("--seed", opts.seed),
      groups: parseIntegerOption("--groups", opts.groups, { min: 2, max: 100 }),
      ties: parseChoice("--ties", opts.ties, ["efron", "breslow"] as const),
      reference: parseReferences(opts.reference),
    };
    requireCovariates(opts.formula, "predict");
    const { table, warnings: readWarnings } = await loadData(file, opts, io);
    const res = withRowsExplained(table, opts.formula, options.reference, () => validatePredictionModel(table, opts.formula, options));
    const statusCoding = statusCodingOf(table, opts.formula);
    const warnings = [...readWarnings, ...res.warnings];
    let predictions: NewPatientPrediction[] | undefined;
    if (opts.newdata !== undefined) {
      const model = predictionCalculator(table, res, parseReferences(opts.reference));
      const { table: newTable, warnings: newReadWarnings } = await loadData(opts.newdata, { ...opts, id: undefined }, io);
      const out = predictNewPatients(model, newTable, opts.id);
      predictions = out.predictions;
      warnings.push(...newReadWarnings, ...out.warnings.map((w) => `${opts.newdata}: ${w}`));
    }
    if (opts.json) {
      const { fit, ...rest } = res;
      return printJson(io, { ...rest, statusCoding, coefficients: fit.terms, ...(predictions ? { predictions } : {}), warnings });
    }
    let text = predictText(res) + survStatusText(statusCoding);
    if (predictions) {
      text += `\nPredicted survival at t = ${formatNumber(res.options.time ?? Number.NaN)} for the patients of ${opts.newdata}:\n`;
      text += formatTable(["id", "row", "survival", "linear predictor"], predictions.map((p) => [p.id, String(p.row), p.survival === null ? "NA" : formatNumber(p.survival, 3), p.linearPredictor === null ? "NA" : formatNumber(p.linearPredictor, 3)]));
    }
    io.stdout(text + warnings.map((w) => `note: ${w}\n`).join(""));
  });
}

export function predictText(res: PredictionValidationResult): string {
  const o = res.options;
  let out = `Prediction model (Cox, ${o.ties} ties): ${res.formula}\n`;
  out += `n = ${res.n}, events = ${res.nEvent}${res.nDropped > 0 ? ` (${res.nDropped} rows dropped for missing values)` : ""}\n\n`;
  const opt = new Map((res.optimism?.indices ?? []).map((i) => [i.name, i]));
  const row = (label: string, key: "harrellC" | "unoC" | "auc" | "slope" | "intercept", value: number, se: number | null): string[] => {
    const i = opt.get(key);
    return [label, formatNumber(value, 3), se === null ? "" : formatNumber(se, 3), i ? formatNumber(i.optimism, 3) : "", i ? formatNumber(i.corrected, 3) : ""];
  };
  const rows: string[][] = [
    row("Harrell's C", "harrellC", res.harrell.value, res.harrell.se),
    row(`Uno's C${o.tau === null ? "" : ` (tau = ${formatNumber(o.tau)})`}`, "unoC", res.uno.value, res.uno.se),
  ];
  if (res.auc) rows.push(row(`AUC(t = ${formatNumber(res.auc.time)})`, "auc", res.auc.auc, null));
  if (res.calibration) rows.push(row("Calibration slope", "slope", res.calibration.slope.slope, null));
  rows.push(row("Calibration intercept (log O/E)", "intercept", res.calibrationIntercept.intercept, null));
  out += formatTable(["index", "apparent", "se", res.optimism ? `optimism (B = ${res.optimism.B})` : "optimism", "corrected"], rows);
  if (res.calibration) {
    out += `\nCalibration at t = ${formatNumber(res.calibration.time)} by risk group (Kaplan–Meier vs mean predicted survival):\n`;
    out += formatTable(
      ["group", "n", "events", "predicted", "observed", "95% CI"],
      res.calibration.groups.map((g) => [String(g.group), String(g.n), String(g.events), formatNumber(g.predicted, 3), g.observed === null ? "NA" : formatNumber(g.observed, 3), g.lower === null ? "" : `${formatNumber(g.lower, 3)}–${formatNumber(g.upper, 3)}`]),
    );
  }
  if (res.optimism) out += `\nOptimism: Harrell's bootstrap (refit on each of ${res.optimism.B} resamples, seed ${o.seed}); corrected = apparent − optimism.\n`;
  return out;
}
