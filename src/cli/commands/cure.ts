/**
 * `survinfer cure DATA --time COL --event COL [--event-value V] --incidence a,b --latency a,b
 *   [--model weibull|ph] [--bootstrap N] [--seed S] [--conf-level 0.95] [--json]`
 * Mixture cure model (Weibull latency by maximum likelihood, or smcure's semiparametric PH latency by EM
 * with bootstrap SEs), cure fractions per group and per patient, and the follow-up sufficiency check.
 * JSON: { model, n, nEvent, incidence[], latency[], shape?, lambda?, cureFraction: {meanProfile, average,
 * groups[]}, followUp, patients[].{id, cureProbability}, convergence, bootstrap?, warnings }.
 */
import type { Command } from "commander";
import { SurvinferError } from "../../errors.js";
import type { Table } from "../../data/table.js";
import { columnFactor } from "../../data/factor.js";
import { requireColumn } from "../../data/validate.js";
import { semiparametricCure } from "../../survival/cure/semiparametric.js";
import { weibullCure } from "../../survival/cure/weibull.js";
import { followUpCheck } from "../../survival/cure/follow-up-check.js";
import type { CureCoefficient, CureFractionEstimate, CureInput, CureProfile } from "../../survival/cure/design.js";
import { addDataOptions, eventStatus, loadData, pick, RowFilter, rowIds, statusCodingText, timeValues, type DataOptions } from "../data-args.js";
import { ciText, formatNumber, formatP, formatTable, printJson } from "../format.js";
import type { CliIO } from "../io.js";
import { parseChoice, parseProbabilityOption, parseReplicatesOption, parseSeedOption } from "../options.js";

interface CureCliOptions extends DataOptions {
  time: string;
  event: string;
  eventValue?: string;
  incidence?: string;
  latency?: string;
  model: string;
  bootstrap: string;
  seed: string;
  confLevel: string;
  json?: boolean;
}

/** Covariate design from column names: numeric as is, categorical as treatment dummies (first level = reference). */
interface Design {
  names: string[];
  columns: Float64Array[];
  /** categorical columns: the dummy indices per level (level 0 = reference, no dummy) */
  factors: { column: string; levels: readonly string[]; dummies: number[] }[];
}

function buildDesign(table: Table, list: readonly string[], role: string, filter: RowFilter): Design {
  const d: Design = { names: [], columns: [], factors: [] };
  for (const name of list) {
    const col = requireColumn(table, name, role);
    if (col.kind === "numeric") {
      for (let i = 0; i < table.nRows; i++) if (Number.isNaN(col.values[i])) filter.drop(i, name);
      d.names.push(name);
      d.columns.push(col.values);
    } else if (col.kind === "categorical") {
      const f = columnFactor(col);
      for (let i = 0; i < table.nRows; i++) if (f.codes[i] < 0) filter.drop(i, name);
      const dummies: number[] = [];
      for (let l = 1; l < f.levels.length; l++) {
        const v = new Float64Array(table.nRows);
        for (let i = 0; i < table.nRows; i++) v[i] = f.codes[i] === l ? 1 : 0;
        dummies.push(d.names.length);
        d.names.push(`${name}${f.levels[l]}`);
        d.columns.push(v);
      }
      d.factors.push({ column: name, levels: f.levels, dummies });
    } else {
      throw new SurvinferError({ code: "DATA_NOT_NUMERIC", message: `column "${name}" (${role}) holds dates; give a numeric or categorical covariate`, file: table.source.file, column: name });
    }
  }
  return d;
}

function columnMajor(cols: readonly Float64Array[], rows: Int32Array): Float64Array {
  const m = rows.length;
  const out = new Float64Array(m * cols.length);
  cols.forEach((c, j) => {
    for (let r = 0; r < m; r++) out[j * m + r] = c[rows[r]];
  });
  return out;
}

function splitList(text: string | undefined): string[] {
  if (text === undefined) return [];
  return text.split(",").map((s) => s.trim()).filter((s) => s !== "");
}

export function registerCure(program: Command, io: CliIO): void {
  addDataOptions(
    program
      .command("cure")
      .description("mixture cure model: who is cured (logistic incidence) and when the others die (Weibull or semiparametric PH latency, R smcure), with a follow-up sufficiency check")
      .argument("<data>", "data file (CSV, TSV, XLSX or Arrow)")
      .requiredOption("--time <col>", "follow-up time column")
      .requiredOption("--event <col>", "event status column (0/1, 1/2, or any values with --event-value)")
      .option("--event-value <value>", "the value of --event that means an event")
      .option("--incidence <cols>", "comma-separated covariates of the cure (incidence) model")
      .option("--latency <cols>", "comma-separated covariates of the latency (uncured survival) model")
      .option("--model <model>", "latency model: weibull (maximum likelihood) or ph (semiparametric, EM as smcure)", "weibull")
      .option("--bootstrap <n>", "bootstrap replicates for the ph model's SEs (smcure's nboot)", "100")
      .option("--seed <s>", "seed of the bootstrap", "1")
      .option("--conf-level <level>", "confidence level", "0.95")
      .option("--json", "print one JSON object"),
  ).action(async (file: string, opts: CureCliOptions) => {
    const model = parseChoice("--model", opts.model, ["weibull", "ph"] as const);
    const confLevel = parseProbabilityOption("--conf-level", opts.confLevel);
    const bootstrap = parseReplicatesOption("--bootstrap", opts.bootstrap);
    const seed = parseSeedOption("--seed", opts.seed);
    const { table, warnings: readWarnings } = await loadData(file, opts, io);
    const filter = new RowFilter(table);
    const time = timeValues(table, opts.time, filter);
    const event = eventStatus(table, opts.event, opts.eventValue, filter);
    const zd = buildDesign(table, splitList(opts.incidence), "--incidence", filter);
    const xd = buildDesign(table, splitList(opts.latency), "--latency", filter);
    const rows = filter.rows();
    const ids = rowIds(table, opts.id);
    const input: CureInput = {
      time: pick(time, rows),
      status: pick(event.status, rows),
      z: columnMajor(zd.columns, rows),
      zNames: zd.names,
      x: columnMajor(xd.columns, rows),
      xNames: xd.names,
    };
    const n = rows.length;
    const means = zd.columns.map((c) => {
      let s = 0;
      for (const r of rows) s += c[r];
      return s / n;
    });
    // one profile per level of each categorical incidence covariate, the other covariates at their means
    const profiles: CureProfile[] = [];
    for (const f of zd.factors) {
      f.levels.forEach((level, l) => {
        const z = [...means];
        f.dummies.forEach((k, q) => (z[k] = q + 1 === l ? 1 : 0));
        profiles.push({ name: `${f.column}=${level}`, z });
      });
    }
    const fu = followUpCheck(input.time, input.status);
    const fit =
      model === "weibull"
        ? weibullCure(input, { confLevel, profiles })
        : semiparametricCure(input, {
            confLevel,
            profiles,
            bootstrap,
            seed,
          });
    const warnings = [...readWarnings, ...filter.warnings(), ...fu.warnings, ...fit.warnings];
    const patients = Array.from(rows, (r, k) => ({ id: ids[r], cureProbability: fit.cureProbability[k] }));
    const common = {
      model,
      statusCoding: event.coding,
      n: fit.n,
      nEvent: fit.nEvent,
      incidence: fit.incidence,
      latency: fit.latency,
      cureFraction: { meanProfile: fit.cureFraction.meanProfile, average: fit.cureFraction.average, groups: fit.cureFraction.profiles },
      followUp: fu,
      patients,
    };
    const json =
      fit.method === "weibull-mixture-cure"
        ? { ...common, latencyHazardRatio: fit.latencyHazardRatio, shape: fit.shape, lambda: fit.lambda, logLambda: fit.logLambda, logShape: fit.logShape, loglik: fit.loglik, convergence: fit.convergence, options: fit.options, warnings }
        : { ...common, baseline: fit.baseline, convergence: fit.convergence, bootstrap: { replicates: fit.bootstrap.replicates, seed: fit.bootstrap.seed, discarded: fit.bootstrap.discarded }, options: fit.options, warnings };
    if (opts.json) return printJson(io, json);

    const pct = `${Math.round(confLevel * 100)}% CI`;
    const coefRows = (cs: readonly CureCoefficient[]): string[][] => cs.map((c) => [c.name, formatNumber(c.estimate), formatNumber(c.se), ciText(c.lower, c.upper), formatP(c.p)]);
    let out = model === "weibull" ? "Weibull mixture cure model (maximum likelihood)\n" : `Semiparametric PH mixture cure model (EM as R smcure; ${fit.method === "ph-mixture-cure-em" ? fit.bootstrap.replicates : 0} bootstrap replicates for the SEs)\n`;
    out += `n = ${fit.n}, events = ${fit.nEvent}; ${statusCodingText(event.coding, opts.event, opts.eventValue)}\n\nIncidence: logistic model for being UNCURED (log-odds)\n`;
    out += formatTable(["term", "estimate", "SE", pct, "p"], coefRows(fit.incidence));
    out += `\nLatency (uncured): ${model === "weibull" ? "Weibull log-rate coefficients" : "log hazard ratios"}\n`;
    out += formatTable(["term", "estimate", "SE", pct, "p"], coefRows(fit.latency));
    if (fit.method === "weibull-mixture-cure") {
      out += `Weibull shape = ${formatNumber(fit.shape)}, rate λ = ${formatNumber(fit.lambda)}\n`;
      for (const h of fit.latencyHazardRatio) out += `  hazard ratio among the uncured, ${h.name}: ${formatNumber(h.hr, 3)} (${pct} ${ciText(h.lower, h.upper)})\n`;
    }
    const cf = (e: CureFractionEstimate): string[] => [e.name, formatNumber(e.estimate, 3), ciText(e.lower, e.upper)];
    out += `\nCure fraction\n` + formatTable(["profile", "cured", pct], [fit.cureFraction.meanProfile, fit.cureFraction.average, ...fit.cureFraction.profiles].map(cf));
    out += `\nFollow-up: KM plateau of ${formatNumber(fu.plateauLength)} after the last event (S = ${formatNumber(fu.plateauSurvival, 3)}, ${fu.nCensoredOnPlateau} patients on it); Maller–Zhou test p = ${formatP(fu.mallerZhou.pValue)} (small p: follow-up sufficient)\n`;
    out += warnings.map((w) => `note: ${w}\n`).join("");
    io.stdout(out);
  });
}
