/**
 * `survinfer match DATA --treatment COL [--treated-value V] --covariates a,b,c [--distance ps|logit] [--ratio 1]
 *   [--caliper 0.2] [--replace] [--order largest|smallest|random|data] [--method nearest|optimal] [--json]`
 * `survinfer weight DATA --treatment COL --covariates a,b,c --estimand ATE|ATT|ATC|ATO [--stabilize] [--trim Q]
 *   [--truncate P] [--json]`
 * JSON (design contract): { ps, weights, matched?, ess?, balance: { before[], after[] } } with ps and weights
 * in data-row order (null for patients left out), matched[].{treated, controls[]} as ids, and
 * balance[].{variable, smd, varianceRatio, ks}.
 */
import type { Command } from "commander";
import { propensityAnalysis, type PropensityAnalysisResult } from "../../causal/propensity-analysis.js";
import type { BalanceResult } from "../../causal/balance.js";
import { treatmentIndicator } from "../../data/treatment.js";
import { addDataOptions, loadData, rowIds, type DataOptions } from "../data-args.js";
import { formatNumber, formatTable, printJson } from "../format.js";
import type { CliIO } from "../io.js";
import { parseChoice, parseNumberOption, parseReferences } from "../options.js";

interface PropensityCliOptions extends DataOptions {
  treatment: string;
  treatedValue?: string;
  covariates: string;
  model: string;
  json?: boolean;
}

interface MatchCliOptions extends PropensityCliOptions {
  distance: string;
  ratio: string;
  caliper?: string;
  replace?: boolean;
  order: string;
  method: string;
  seed: string;
}

interface WeightCliOptions extends PropensityCliOptions {
  estimand: string;
  stabilize?: boolean;
  trim?: string;
  truncate?: string;
}

function addPropensityOptions(cmd: Command): Command {
  return addDataOptions(
    cmd
      .argument("<data>", "data file (CSV, TSV or XLSX)")
      .requiredOption("--treatment <col>", "treatment column")
      .option("--treated-value <value>", "value of --treatment meaning treated (default: 1, or the second level)")
      .requiredOption("--covariates <list>", "comma-separated covariates of the propensity model")
      .option("--model <model>", "propensity model: glm (R's glm binomial) or firth", "glm")
      .option("--json", "print one JSON object"),
  );
}

function run(file: string, opts: PropensityCliOptions, io: CliIO, adjust: Parameters<typeof propensityAnalysis>[1]): { res: PropensityAnalysisResult; warnings: string[] } {
  const { table, warnings } = loadData(file, opts, io);
  const t = treatmentIndicator(table, opts.treatment, opts.treatedValue);
  const covariates = opts.covariates.split(",").map((s) => s.trim()).filter((s) => s !== "");
  const res = propensityAnalysis(
    { table, treatment: t.codes, covariates, ids: rowIds(table, opts.id), reference: parseReferences(opts.reference) },
    { ...adjust, model: parseChoice("--model", opts.model, ["glm", "firth"] as const) },
  );
  return { res, warnings: [...warnings, ...res.warnings] };
}

function balanceRows(b: BalanceResult, which: "before" | "after"): { variable: string; smd: number; varianceRatio: number | null; ks: number; balanced: boolean }[] {
  return (which === "before" ? b.before : (b.after ?? [])).map((r) => ({ variable: r.variable, smd: r.smd, varianceRatio: r.varianceRatio, ks: r.ks, balanced: r.balanced }));
}

function balanceText(b: BalanceResult): string {
  const after = b.after ?? [];
  const rows = b.before.map((r, k) => [
    r.variable,
    formatNumber(r.smd, 3),
    formatNumber(after[k]?.smd, 3),
    formatNumber(after[k]?.varianceRatio ?? null, 3),
    formatNumber(after[k]?.ks, 3),
    after[k]?.balanced ? "yes" : "NO",
  ]);
  return formatTable(["covariate", "SMD before", "SMD after", "var. ratio after", "KS after", "balanced"], rows) + `SMD: ${b.formula}\n`;
}

export function registerPropensity(program: Command, io: CliIO): void {
  addPropensityOptions(program.command("match").description("propensity-score matching (as MatchIt nearest neighbour) with balance before and after"))
    .option("--distance <d>", "match on the propensity score (ps) or its logit", "ps")
    .option("--ratio <k>", "controls per treated patient", "1")
    .option("--caliper <sd>", "caliper in SD units of the distance (e.g. 0.2)")
    .option("--replace", "match with replacement")
    .option("--order <order>", "matching order: largest, smallest, random, data (MatchIt's m.order)", "largest")
    .option("--method <method>", "nearest (default) or optimal (minimum total distance)", "nearest")
    .option("--seed <n>", "seed for --order random", "1")
    .action((file: string, opts: MatchCliOptions) => {
      const order = parseChoice("--order", opts.order, ["largest", "smallest", "random", "data"] as const);
      const { res, warnings } = run(file, opts, io, {
        matching: {
          method: parseChoice("--method", opts.method, ["nearest", "optimal"] as const),
          distance: parseChoice("--distance", opts.distance, ["ps", "logit"] as const),
          ratio: parseNumberOption("--ratio", opts.ratio),
          caliper: opts.caliper === undefined ? undefined : parseNumberOption("--caliper", opts.caliper),
          replace: opts.replace === true,
          order,
          seed: order === "random" ? parseNumberOption("--seed", opts.seed) : undefined,
        },
      });
      const m = res.matching!;
      if (opts.json) {
        return printJson(io, {
          ps: res.ps,
          weights: m.weights,
          matched: m.result.matched.map((s) => ({ treated: s.treated, controls: s.controls })),
          unmatched: m.result.unmatched,
          steps: m.result.steps,
          balance: { before: balanceRows(m.balance, "before"), after: balanceRows(m.balance, "after"), formula: m.balance.formula },
          model: res.model,
          overlap: res.overlap,
          options: m.result.options,
          warnings,
        });
      }
      const s = m.result.steps;
      let out = `Propensity-score matching: ${m.result.method} neighbour 1:${m.result.options.ratio} on the ${m.result.options.distance === "logit" ? "logit of the " : ""}propensity score`;
      out += m.result.options.caliperWidth === null ? ", no caliper" : `, caliper ${formatNumber(m.result.options.caliper)}${m.result.options.stdCaliper ? " SD" : ""} (= ${formatNumber(m.result.options.caliperWidth)})`;
      out += `${m.result.options.replace ? ", with replacement" : ", without replacement"}, order ${m.result.options.order}\n`;
      out += `Propensity model: ${res.formula} (${res.model.method}), ${res.n} patients (${res.nTreated} treated, ${res.nControl} untreated)\n`;
      const reasons = Object.entries(s.unmatchedByReason).filter(([, k]) => k > 0).map(([r, k]) => `${k} ${r.replace(/-/g, " ")}`);
      out += `Matched: ${s.treatedMatched} of ${s.treated} treated with ${s.controlsMatched} of ${s.controls} untreated patients`;
      out += s.treatedUnmatched > 0 ? `; ${s.treatedUnmatched} treated unmatched (${reasons.join(", ")})\n\n` : "\n\n";
      out += balanceText(m.balance);
      out += warnings.map((w) => `note: ${w}\n`).join("");
      io.stdout(out);
    });

  addPropensityOptions(program.command("weight").description("inverse probability of treatment weights (ATE, ATT, ATC, overlap) with balance before and after"))
    .requiredOption("--estimand <e>", "ATE, ATT, ATC or ATO (overlap)")
    .option("--stabilize", "stabilised weights (multiplied by the marginal treatment probability)")
    .option("--trim <q>", "drop patients with a propensity score outside [q, 1 - q]")
    .option("--truncate <p>", "truncate weights at this percentile (e.g. 0.99)")
    .action((file: string, opts: WeightCliOptions) => {
      const { res, warnings } = run(file, opts, io, {
        weighting: {
          estimand: parseChoice("--estimand", opts.estimand, ["ATE", "ATT", "ATC", "ATO"] as const),
          stabilize: opts.stabilize === true,
          trimPs: opts.trim === undefined ? undefined : parseNumberOption("--trim", opts.trim),
          truncate: opts.truncate === undefined ? undefined : parseNumberOption("--truncate", opts.truncate),
        },
      });
      const w = res.weighting!;
      if (opts.json) {
        return printJson(io, {
          ps: res.ps,
          weights: w.weights,
          ess: w.ess,
          balance: { before: balanceRows(w.balance, "before"), after: balanceRows(w.balance, "after"), formula: w.balance.formula },
          estimand: w.result.estimand,
          estimandDescription: w.result.estimandDescription,
          extreme: w.result.extreme,
          model: res.model,
          overlap: res.overlap,
          warnings,
        });
      }
      let out = `Propensity-score weighting: ${w.result.estimandLabel}${opts.stabilize ? ", stabilised" : ""} — ${w.result.estimandDescription}\n`;
      out += `Weights: ${w.result.formula}\n`;
      out += `Propensity model: ${res.formula} (${res.model.method}), ${res.n} patients (${res.nTreated} treated, ${res.nControl} untreated)\n`;
      out += `Effective sample size: treated ${formatNumber(w.ess.treated)}, untreated ${formatNumber(w.ess.control)}; largest weight ${formatNumber(w.result.extreme.maxWeight)} (patient ${w.result.extreme.maxId})\n\n`;
      out += balanceText(w.balance);
      out += warnings.map((x) => `note: ${x}\n`).join("");
      io.stdout(out);
    });
}
