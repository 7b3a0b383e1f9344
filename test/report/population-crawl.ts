/**
 * Test helper for issue 13, item 1 ("Done when"): crawls a rendered report.html together with its
 * results.json and lists every table or figure whose n differs from the n of its own analysis
 * population — a title/caption n that is not the analysis's, group n's that do not add up, a Table 1
 * or balance panel on other patients than the propensity sample, an HR annotating a figure drawn on
 * other patients. Returns the problems as sentences (empty = consistent).
 */

/** results.json as parsed JSON (only the parts the crawl reads are typed). */
type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };

export interface CrawledTable {
  readonly id: string;
  readonly caption: string;
  /** Header rows, each a list of cell texts (a spanning cell once). */
  readonly headers: readonly string[][];
  readonly rows: readonly string[][];
}

export interface CrawledFigure {
  readonly id: string;
  /** Title and caption, as text. */
  readonly caption: string;
  /** Lines of the figure's annotation box (`<g class="annotation">`), when it has one. */
  readonly annotation: readonly string[];
  readonly svg: string;
}

function unescapeHtml(t: string): string {
  return t
    .replace(/<[^>]+>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&amp;/g, "&")
    .trim();
}

function cells(tr: string): string[] {
  return [...tr.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((m) => unescapeHtml(m[1]));
}

/** Every `<table id="tab-…">` of the report with its caption, header rows and body rows. */
export function crawlTables(html: string): CrawledTable[] {
  return [...html.matchAll(/<table[^>]*\bid="tab-([^"]+)"[^>]*>([\s\S]*?)<\/table>/g)].map((m) => {
    const body = m[2];
    const caption = unescapeHtml(/<caption>([\s\S]*?)<\/caption>/.exec(body)?.[1] ?? "");
    const thead = /<thead>([\s\S]*?)<\/thead>/.exec(body)?.[1] ?? "";
    const tbody = /<tbody>([\s\S]*?)<\/tbody>/.exec(body)?.[1] ?? "";
    const rowsOf = (s: string): string[][] => [...s.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((r) => cells(r[1]));
    return { id: m[1], caption, headers: rowsOf(thead), rows: rowsOf(tbody) };
  });
}

/** Every `<figure id="fig-…">` with its caption and annotation lines. */
export function crawlFigures(html: string): CrawledFigure[] {
  return [...html.matchAll(/<figure id="fig-([^"]+)">([\s\S]*?)<\/figure>/g)].map((m) => {
    const caption = unescapeHtml(/<figcaption>([\s\S]*?)<\/figcaption>/.exec(m[2])?.[1] ?? "");
    const svg = /<svg[\s\S]*<\/svg>/.exec(m[2])?.[0] ?? "";
    const ann = /<g class="annotation">([\s\S]*?)<\/g>/.exec(svg);
    const annotation = ann ? [...ann[1].matchAll(/<text[^>]*>([\s\S]*?)<\/text>/g)].map((t) => unescapeHtml(t[1])) : [];
    return { id: m[1], caption, annotation, svg };
  });
}

/** The first "n = 123" of a text (null when none). */
export function firstN(text: string): number | null {
  const m = /\bn = (\d+)/.exec(text);
  return m ? Number(m[1]) : null;
}

const get = (o: Json | undefined, path: string): Json | undefined => {
  let v: Json | undefined = o;
  for (const k of path.split(".")) {
    if (v === null || v === undefined || typeof v !== "object") return undefined;
    v = Array.isArray(v) ? v[Number(k)] : (v as Obj)[k];
  }
  return v;
};
const num = (o: Json | undefined, path: string): number | undefined => {
  const v = get(o, path);
  return typeof v === "number" ? v : undefined;
};
const positives = (v: Json | undefined): number | undefined => (Array.isArray(v) ? v.filter((x) => typeof x === "number" && x > 0).length : undefined);

/** "0.61 (0.26–1.45)" as the report prints a ratio and its CI (src/report/tables.ts fmtRatioCi). */
export type RatioFormatter = (hr: number | null, lower: number | null, upper: number | null) => string;

/**
 * The n each table and figure of the report must show, from results.json, by id (tables: tab-<id>,
 * figures: fig-<id>). Ids of sections built elsewhere (immortal time, treatment effects) are checked
 * by their rows instead.
 */
export function expectedNs(results: Json): { tables: Map<string, number>; figures: Map<string, number> } {
  const a = get(results, "analyses");
  const tables = new Map<string, number>();
  const figures = new Map<string, number>();
  const set = (m: Map<string, number>, id: string, n: number | undefined): void => {
    if (n !== undefined) m.set(id, n);
  };
  set(tables, "survival", num(a, "km.n"));
  set(figures, "km", num(a, "km.n"));
  set(tables, "rmst", num(a, "rmst.n"));
  set(tables, "competing-risks", num(a, "competingRisks.n"));
  set(figures, "cif", num(a, "competingRisks.n"));
  const crModels = get(a, "competingRisks.models");
  if (Array.isArray(crModels) && crModels.length > 0) set(tables, "competing-models", num(crModels[0], "fineGray.n"));
  const mv = num(a, "cox.multivariable.result.fit.n");
  set(tables, "cox", mv);
  set(figures, "forest-cox", mv);
  const ps = num(a, "propensity.balance.sample.n");
  for (const id of ["ps-model", "balance", "matching"]) set(tables, id, ps);
  set(tables, "weighting", positives(get(a, "propensity.analysis.weighting.weights")));
  for (const id of ["ps-overlap", "love"]) set(figures, id, ps);
  set(tables, "survival-matched", num(a, "propensity.matched.km.n"));
  set(figures, "km-matched", num(a, "propensity.matched.km.n"));
  set(tables, "survival-weighted", num(a, "propensity.weighted.km.n"));
  set(figures, "km-weighted", num(a, "propensity.weighted.km.n"));
  for (const id of ["cure-fraction", "cure-latency", "cure-model", "cure-profiles"]) set(tables, id, num(a, "cure.fit.n"));
  set(figures, "cure-fit", num(a, "cure.fit.n"));
  for (const id of ["prediction-model", "prediction-performance", "prediction-calibration", "decision-curve"]) set(tables, id, num(a, "prediction.validation.n"));
  for (const id of ["calibration", "calibration-smoothed", "decision-curve", "nomogram"]) set(figures, id, num(a, "prediction.validation.n"));
  for (const id of ["recurrent-counts", "recurrent-models"]) set(tables, id, num(a, "recurrent.nPatients"));
  set(figures, "mcf", num(a, "recurrent.nPatients"));
  // the linearity check refits the multivariable model with splines (its own complete cases)
  const lin = num(a, "cox.linearity.result.fit.n");
  set(tables, "cox-linearity", lin);
  for (const k of [1, 2, 3, 4, 5, 6, 7, 8]) set(figures, `hr-curve-${k}`, lin);
  // multiple imputation: every patient of the endpoint
  for (const id of ["missing-pattern", "missing-by-group", "cox-mi"]) set(tables, id, num(a, "missing.n"));
  // the propensity analyses within each imputation (src/study/mi-within.ts): all patients of the endpoint; balance on the PS sample
  for (const id of ["effects-mi", "contrasts-mi"]) set(tables, id, num(a, "missing.within.n"));
  set(tables, "balance-mi", num(a, "missing.within.balance.0.n"));
  // sensitivity analyses, each on its own population
  set(tables, "sensitivity-evalue", num(a, "sensitivity.eValue.n"));
  set(tables, "sensitivity-bias", num(a, "sensitivity.biasAnalysis.n"));
  set(figures, "sensitivity-bias-contour", num(a, "sensitivity.biasAnalysis.n"));
  set(tables, "sensitivity-rosenbaum", num(a, "sensitivity.rosenbaum.n"));
  set(tables, "sensitivity-negative-control", num(a, "sensitivity.negativeControl.n"));
  set(tables, "sensitivity-sample-size", num(a, "sensitivity.sampleSize.available.n"));
  // the immortal-time section's own tables and figures with one population
  set(tables, "ccw", num(a, "immortalTime.cloneCensorWeight.n"));
  set(figures, "ccw", num(a, "immortalTime.cloneCensorWeight.n"));
  // the weight diagnostics (issue 19, referee A9): every patient cloned into both strategies; the uncensored clones per strategy in its rows
  set(tables, "ccw-balance", num(a, "immortalTime.cloneCensorWeight.n"));
  set(figures, "simon-makuch", num(a, "immortalTime.naive.cox.n"));
  set(figures, "km-landmark", num(a, "immortalTime.landmark.n"));
  // the landmark PS model's balance (issue 19, referee point 3): the landmark cohort with complete covariates
  set(tables, "immortal-time-landmark-balance", num(a, "immortalTime.landmarkPs.psBalance.sample.n"));
  return { tables, figures };
}

/** Tables and figures of sections other modules build, and the flow table (which counts every population). */
const OTHER_OWNERS = /^(flow|effects|immortal|landmark|forest-effects|td-|not-estimable)/;

/** Column index of a header cell equal to `name` in the last header row. */
function col(t: CrawledTable, name: string): number {
  return (t.headers[t.headers.length - 1] ?? []).indexOf(name);
}

/**
 * Every inconsistency between the report's n's and populations and results.json. `fmt` formats an HR
 * with its CI as the report does, to find which estimate an annotation shows.
 */
export function populationProblems(html: string, results: Json, fmt: RatioFormatter): string[] {
  const problems: string[] = [];
  const a = get(results, "analyses");
  const tables = crawlTables(html);
  const figures = crawlFigures(html);
  const expected = expectedNs(results);

  // 1. every table and figure states its n, and it is its own analysis's n
  for (const t of tables) {
    if (OTHER_OWNERS.test(t.id) || t.id === "table1") continue;
    if (/^zph-/.test(t.id)) continue;
    const want = expected.tables.get(t.id);
    const got = firstN(t.caption);
    if (want === undefined) problems.push(`table ${t.id}: no known population in results.json for it (caption "${t.caption}")`);
    else if (got !== want) problems.push(`table ${t.id}: caption n = ${got ?? "none"}, its analysis has n = ${want} ("${t.caption}")`);
  }
  for (const f of figures) {
    if (OTHER_OWNERS.test(f.id)) continue;
    const want = /^zph-/.test(f.id) ? num(a, "cox.multivariable.result.fit.n") : expected.figures.get(f.id);
    const got = firstN(f.caption);
    if (want === undefined) problems.push(`figure ${f.id}: no known population in results.json for it (caption "${f.caption}")`);
    else if (got !== want) problems.push(`figure ${f.id}: caption n = ${got ?? "none"}, its analysis has n = ${want}`);
  }

  // 2. group n's of survival and RMST tables add up to the caption's n
  for (const t of tables) {
    if (!["survival", "rmst", "survival-matched", "survival-weighted", "weighting"].includes(t.id)) continue;
    const j = col(t, "n");
    if (j < 0) continue;
    const sum = t.rows.map((r) => Number(r[j] === "" ? NaN : r[j])).filter((x) => Number.isFinite(x)).reduce((s, x) => s + x, 0);
    if (sum !== firstN(t.caption)) problems.push(`table ${t.id}: group n's add up to ${sum}, the caption says n = ${firstN(t.caption)}`);
  }

  // 3. Table 1: panel n's are their populations' n's, group n's add up
  const t1 = tables.find((t) => t.id === "table1");
  if (t1 !== undefined && get(a, "table1") !== undefined) {
    const psN = num(a, "propensity.balance.sample.n");
    // one panel: no panel header row, the caption holds the population and its n
    const panelHead = t1.headers.length > 1 ? t1.headers[0].slice(1) : [`Unadjusted ${t1.caption}`];
    const groupHead = t1.headers[t1.headers.length - 1].slice(1).filter((c) => / \(n = \d+/.test(c));
    panelHead.forEach((title, k) => {
      const n = firstN(title);
      const want = title.startsWith("All patients")
        ? num(a, "table1.allPatients.groups.2.n") ?? null
        : title.startsWith("Unadjusted")
          ? psN ?? num(a, "km.n") ?? null
          : title.startsWith("PS-matched")
            ? positives(get(a, "propensity.analysis.matching.weights")) ?? null
            : title.startsWith("IPTW")
              ? positives(get(a, "propensity.analysis.weighting.weights")) ?? null
              : null;
      if (want === null) problems.push(`Table 1 panel "${title}": unknown population`);
      else if (n !== want) problems.push(`Table 1 panel "${title}": n = ${n ?? "none"}, its population has n = ${want}`);
      const pair = groupHead.slice(2 * k, 2 * k + 2).map((c) => firstN(c) ?? NaN);
      if (n !== null && pair.length === 2 && pair[0] + pair[1] !== n) problems.push(`Table 1 panel "${title}": groups n = ${pair.join(" + ")} do not add up to ${n}`);
    });
    if (psN !== undefined && !panelHead.some((p) => p.startsWith("Unadjusted") && firstN(p) === psN)) problems.push(`Table 1: no unadjusted panel on the propensity sample (n = ${psN})`);
  }

  // 4. balance table and Love plot: "Unadjusted (n = …)" is the propensity sample
  const bal = tables.find((t) => t.id === "balance");
  const psN = num(a, "propensity.balance.sample.n");
  if (bal !== undefined && psN !== undefined) {
    const un = bal.headers[0].find((c) => c.startsWith("Unadjusted"));
    if (un === undefined || firstN(un) !== psN) problems.push(`balance table: "${un ?? "no unadjusted column"}", the propensity sample has n = ${psN}`);
    const m = bal.headers[0].find((c) => c.startsWith("Matched"));
    const mw = positives(get(a, "propensity.analysis.matching.weights"));
    if (m !== undefined && firstN(m) !== mw) problems.push(`balance table: "${m}", the matched sample has n = ${mw}`);
  }
  // the landmark PS model's balance table: "Unadjusted (n = …)" is the landmark cohort, "Matched (n = …)" the landmark matched sample
  const lbal = tables.find((t) => t.id === "immortal-time-landmark-balance");
  const lN = num(a, "immortalTime.landmarkPs.psBalance.sample.n");
  if (lbal !== undefined && lN !== undefined) {
    const un = lbal.headers[0].find((c) => c.startsWith("Unadjusted"));
    if (un === undefined || firstN(un) !== lN) problems.push(`landmark balance table: "${un ?? "no unadjusted column"}", the landmark cohort has n = ${lN}`);
    const m = lbal.headers[0].find((c) => c.startsWith("Matched"));
    const mn = num(a, "immortalTime.landmarkPs.effects.matched.n");
    if (m !== undefined && firstN(m) !== mn) problems.push(`landmark balance table: "${m}", the landmark matched sample has n = ${mn}`);
  }
  const love = figures.find((f) => f.id === "love");
  if (love !== undefined && psN !== undefined && !love.svg.includes(`Unadjusted (n = ${psN})`)) problems.push(`Love plot: its unadjusted legend is not "Unadjusted (n = ${psN})"`);

  // 5. an HR annotating a figure comes from an analysis of the figure's patients
  const effectEstimates = get(a, "effects.estimates");
  // the per-protocol HR of clone–censor–weight annotates its own figure: an estimate with its n
  const ccwHr = get(a, "immortalTime.cloneCensorWeight.hazardRatio");
  const estimates = [
    ...(Array.isArray(effectEstimates) ? effectEstimates : []),
    ...(ccwHr !== undefined && ccwHr !== null ? [{ label: "clone–censor–weight per-protocol HR", hr: num(ccwHr, "hr"), lower: num(ccwHr, "lower"), upper: num(ccwHr, "upper"), n: num(a, "immortalTime.cloneCensorWeight.n") } as Json] : []),
  ];
  const lr = get(a, "logrank");
  for (const f of figures) {
    const figN = firstN(f.caption);
    for (const line of f.annotation) {
      const m = /HR ([\d.,]+ \([\d.,]+–[\d.,]+\))/.exec(line);
      // "HR … from the log-rank (O/E)" is the log-rank's, not a Cox estimate's
      const fromLogrank = line.includes("log-rank (O/E)");
      if (m !== null && !fromLogrank) {
        const from = Array.isArray(estimates) ? estimates.filter((e) => fmt(num(e, "hr") ?? null, num(e, "lower") ?? null, num(e, "upper") ?? null) === m[1]) : [];
        if (from.length === 0) problems.push(`figure ${f.id}: annotation "${line}" matches no estimate of results.json`);
        for (const e of from) if (num(e, "n") !== figN) problems.push(`figure ${f.id} (n = ${figN}): annotated with ${String(get(e, "label"))} "${line}" computed on n = ${num(e, "n")}`);
      }
      if (m !== null && fromLogrank && f.id === "km" && num(lr, "n") !== figN) problems.push(`figure km (n = ${figN}): log-rank HR of n = ${num(lr, "n")}`);
      if (/^Log-rank p/.test(line) && f.id === "km" && num(lr, "n") !== figN) problems.push(`figure km (n = ${figN}): log-rank p of n = ${num(lr, "n")}`);
      if (/^(Matched l|L)og-rank p/.test(line) && f.id === "km-matched" && num(a, "propensity.matched.logrank.n") !== figN) problems.push(`figure km-matched (n = ${figN}): log-rank p of n = ${num(a, "propensity.matched.logrank.n")}`);
    }
  }

  // 6. the treatment-effect table: each row's n is its estimate's n
  const eff = tables.find((t) => t.id === "effects");
  if (eff !== undefined && Array.isArray(estimates)) {
    const j = col(eff, "n");
    for (const row of eff.rows) {
      const label = row[0].replace(/\s*⚠[\d,]+$/, "");
      const e = estimates.find((x) => get(x, "label") === label);
      if (e === undefined || j < 0 || row[j] === "") continue;
      if (Number(row[j]) !== num(e, "n")) problems.push(`treatment effect "${label}": row n = ${row[j]}, results.json n = ${num(e, "n")}`);
    }
  }
  return problems;
}
