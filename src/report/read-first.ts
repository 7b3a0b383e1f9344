/**
 * The "Read first" list: every warning an analysis raised, and every analysis that did not run, gathered
 * from the results and linked to the report section that shows the number concerned.
 *
 * Warnings are found by crawling the whole results object for `warnings: string[]` arrays (with their
 * path), so that a new analysis cannot be forgotten. Pure: results in, items out.
 */
import { notEstimableParts } from "../study/not-estimable.js";
import type { StudyResults } from "../study/run.js";
import { covariateObject } from "../study/schema.js";

/** One `warnings` entry found in the results, with where it was found. */
export interface FoundWarning {
  /** JSON path of the array, e.g. "analyses.effects.estimates[1].warnings". */
  readonly path: string;
  readonly text: string;
}

/** One line of the "Read first" list. */
export interface ReadFirstItem {
  /** The report section (element id) that holds the number concerned. */
  readonly section: string;
  /** What the warning is about, e.g. the analyses it concerns ("Multivariable Cox; PS-matched Cox, adjusted"); empty when the text says it. */
  readonly context: string;
  readonly text: string;
  readonly kind: "warning" | "not-run";
  /** Paths of the `warnings` arrays that hold the text (empty for analyses not run). */
  readonly paths: readonly string[];
  /** The warning texts as the analyses raised them (before labels and grouping), to find an item by its analysis's own text. */
  readonly sources: readonly string[];
  /** Other sections whose numbers the same warning concerns (its text is listed there too); none when absent. */
  readonly alsoIn?: readonly string[];
  /**
   * The hazard-ratio rows the warning concerns, known from the results' structure (the row's own `warnings`, or a
   * `rowWarnings` entry), never from the words of the warning; none when absent. The report names a row biased by
   * design by its scheme in the item's text (src/report/not-estimable-shown.ts rowsNamedByScheme).
   */
  readonly rows?: readonly ReadFirstRow[];
}

/** A hazard-ratio row a warning concerns. */
export interface ReadFirstRow {
  /**
   * The row's table: the treatment-effect table (results.analyses.effects.estimates), the landmark PS analysis
   * (analyses.immortalTime.landmarkPs.effects.estimates) or the pooled multiple-imputation table
   * (analyses.missing.within.hazardRatios).
   */
  readonly table: "effects" | "landmarkPs" | "missing";
  /** The row's id (as effects.estimates[].id). */
  readonly id: string;
  /** The row's label as the engine wrote it (English). */
  readonly label: string;
  readonly estimand: string;
  /** The design bias of the row's comparison ("immortal time"; the pooled rows share the treatment-effect table's), null when none. */
  readonly biasedByDesign: string | null;
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Column names → the spec's labels, for warning texts shown to a reader: `"grade2"` → `"FNCLCC grade: 2"`,
 * `primary_size_mm>70` → the cut-off's label, `missing primary_size_mm` → `missing Size of the primary
 * tumour (mm)`. A name is replaced where it cannot be a plain word: in quotes, after "missing ", or
 * when it holds a character no word has (_ digit < > = .). Levels come from Table 1's rows.
 */
export function warningLabeller(r: StudyResults): (text: string) => string {
  const pairs: [string, string][] = [];
  const t1 = r.analyses.table1;
  const levelsOf = (name: string): readonly string[] => {
    const row = (t1?.allPatients ?? t1?.unadjusted)?.rows.find((x) => x.variable === name);
    return row?.kind === "categorical" ? row.levels.map((l) => l.level) : [];
  };
  for (const c of r.spec.covariates) {
    const cov = covariateObject(c);
    const label = cov.label ?? cov.name;
    const cut = cov.cutoff;
    if (cut !== undefined) {
      const op = cut.above !== undefined ? ">" : ">=";
      const x = cut.above ?? cut.atLeast;
      pairs.push([`${cov.name}${op}${x}`, cut.label ?? `${label} ${op === ">" ? ">" : "≥"} ${x}`]);
    }
    for (const lv of levelsOf(cov.name)) pairs.push([`${cov.name}${lv}`, `${label}: ${lv}`]);
    if (label !== cov.name) pairs.push([cov.name, label]);
  }
  if (pairs.length === 0) return (text) => text;
  pairs.sort((a, b) => b[0].length - a[0].length);
  const map = new Map(pairs);
  const alt = pairs.map(([n]) => escapeRe(n)).join("|");
  const quoted = new RegExp(`"(${alt})"`, "g");
  const missing = new RegExp(`(missing )(${alt})(?![A-Za-z0-9_.>=])`, "g");
  const odd = pairs.filter(([n]) => /[^A-Za-z]/.test(n)).map(([n]) => escapeRe(n));
  const bare = odd.length === 0 ? null : new RegExp(`(?<![A-Za-z0-9_.])(${odd.join("|")})(?![A-Za-z0-9_.>=])`, "g");
  return (text) => {
    let out = text.replace(quoted, (_m, n: string) => `"${map.get(n) ?? n}"`).replace(missing, (_m, pre: string, n: string) => `${pre}${map.get(n) ?? n}`);
    if (bare !== null) out = out.replace(bare, (n: string) => map.get(n) ?? n);
    return out;
  };
}

/** Every `warnings` array of string in `value`, depth first, with its path (arrays of non-strings are crawled, not read). */
export function crawlWarnings(value: unknown, path = ""): FoundWarning[] {
  const out: FoundWarning[] = [];
  const visit = (v: unknown, p: string): void => {
    if (Array.isArray(v)) {
      v.forEach((x, i) => visit(x, `${p}[${i}]`));
      return;
    }
    if (v === null || typeof v !== "object") return;
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      const q = p === "" ? k : `${p}.${k}`;
      if (k === "warnings" && Array.isArray(x) && x.every((s) => typeof s === "string")) {
        for (const s of x as string[]) out.push({ path: q, text: s });
      } else visit(x, q);
    }
  };
  visit(value, path);
  return out;
}

/** Section id of each analysis key of `results.analyses` (as src/report/render.ts names its sections). */
const SECTION_OF_ANALYSIS: Readonly<Record<string, string>> = {
  km: "survival",
  logrank: "survival",
  rmst: "survival",
  table1: "table1",
  competingRisks: "competing-risks",
  cox: "cox",
  propensity: "propensity",
  immortalTime: "immortal-time",
  effects: "effects",
  cure: "cure",
  prediction: "prediction",
  recurrent: "recurrent",
  // multiple imputation and the analyses of unmeasured confounding have their own sections (referee A10)
  missing: "missing-data",
  sensitivity: "sensitivity",
};

/** Prefixes runStudy puts on the study-level warnings (`results.warnings`), to the section they concern. */
const SECTION_OF_PREFIX: readonly (readonly [string, string])[] = [
  ["propensity: ", "propensity"],
  ["table 1: ", "table1"],
  ["Cox: ", "cox"],
  ["immortal time: ", "immortal-time"],
  ["treatment: ", "survival"],
  ["covariates: ", "notes"],
  ["treatment effects: ", "effects"],
  ["prediction model: ", "prediction"],
  ["recurrent events: ", "recurrent"],
  ["missing data: ", "missing-data"],
  ["sensitivity: ", "sensitivity"],
  ["competing risks: ", "competing-risks"],
  ["cure: ", "cure"],
  ["cure model: ", "cure"],
  ["survival: ", "survival"],
  ["Kaplan–Meier: ", "survival"],
  ["log-rank: ", "survival"],
  ["RMST: ", "survival"],
];

function sectionOfPath(path: string, text: string, sections: ReadonlySet<string>): string {
  const m = /^analyses\.([A-Za-z0-9]+)/.exec(path);
  let id = m ? SECTION_OF_ANALYSIS[m[1]] : undefined;
  if (id === undefined && path === "warnings") id = SECTION_OF_PREFIX.find(([prefix]) => text.startsWith(prefix))?.[1];
  if (id === undefined && path.startsWith("data.")) id = "flow";
  // the Riley minimum sample size (sensitivity step) is shown in the prediction section, beside the calculator decision (issue 19)
  if (path.startsWith("analyses.sensitivity.sampleSize") || (path.startsWith("analyses.sensitivity.warnings") && text.startsWith("sample size: ")) || (path === "warnings" && text.startsWith("sensitivity: sample size: "))) id = "prediction";
  return id !== undefined && sections.has(id) ? id : "notes";
}

/**
 * The hazard-ratio rows of a warning, from the results' structure: a warning in a treatment-effect row's own `warnings`
 * concerns that row; one listed in the `rowWarnings` of the treatment-effect table (its study-level events-per-parameter
 * warnings), of the pooled multiple-imputation rows or of the landmark PS analysis concerns the row named there, wherever the steps above repeat it under their prefix ("missing data: ",
 * "immortal time: landmark at 6 months (PS): "; the study-level `warnings`, `path` "warnings").
 */
export function warningRows(r: StudyResults): (path: string, text: string) => ReadFirstRow[] {
  const effects = r.analyses.effects;
  const bias = effects?.biasedByDesign ?? null;
  const within = r.analyses.missing?.within ?? null;
  const lp = r.analyses.immortalTime?.landmarkPs;
  // the text as the step raised it, or repeated by the steps above under their "scope: " prefixes
  const said = (text: string, own: string): boolean => text === own || text.endsWith(`: ${own}`);
  return (path, text) => {
    const est = /^analyses\.effects\.estimates\[(\d+)\]/.exec(path);
    if (est) {
      const e = effects?.estimates[Number(est[1])];
      return e === undefined ? [] : [{ table: "effects", id: e.id, label: e.label, estimand: e.estimand, biasedByDesign: bias }];
    }
    const out: ReadFirstRow[] = [];
    // the study-level warnings about one treatment-effect row ("treatment effects: <row>: few events per parameter …")
    if (effects !== undefined && path === "warnings") {
      for (const w of effects.rowWarnings ?? []) {
        const e = effects.estimates.find((x) => x.id === w.id);
        if (e !== undefined && said(text, w.text)) out.push({ table: "effects", id: e.id, label: e.label, estimand: e.estimand, biasedByDesign: bias });
      }
    }
    if (within !== null && (path === "warnings" || path.startsWith("analyses.missing"))) {
      for (const w of within.rowWarnings ?? []) {
        const h = within.hazardRatios.find((x) => x.id === w.id);
        if (h !== undefined && said(text, w.text)) out.push({ table: "missing", id: h.id, label: h.label, estimand: h.estimand, biasedByDesign: bias });
      }
    }
    if (lp !== undefined && (path === "warnings" || path.startsWith("analyses.immortalTime"))) {
      for (const w of lp.rowWarnings ?? []) {
        const e = lp.effects.estimates.find((x) => x.id === w.id);
        // the landmark cohort handles immortal time: its rows are not biased by design
        if (e !== undefined && said(text, w.text)) out.push({ table: "landmarkPs", id: e.id, label: e.label, estimand: e.estimand, biasedByDesign: null });
      }
    }
    return out;
  };
}

const sameRow = (a: ReadFirstRow, b: ReadFirstRow): boolean => a.table === b.table && a.id === b.id;

/** `into` with the rows of `more` it lacks (in place). */
function addRows(into: ReadFirstRow[], more: readonly ReadFirstRow[]): void {
  for (const x of more) if (!into.some((y) => sameRow(x, y))) into.push(x);
}

/** What a nested warning is about, from its path: the treatment-effect analysis it came from (the Cox step's own list already names its models). */
function contextOfPath(r: StudyResults, path: string): string {
  const est = /^analyses\.effects\.estimates\[(\d+)\]/.exec(path);
  if (est) return r.analyses.effects?.estimates[Number(est[1])]?.label ?? "";
  return "";
}

/**
 * The "Read first" items of a study: analyses not run (or not estimable), then every distinct warning,
 * each with the section it concerns. Dedupe: one item per (section, text), naming every analysis that
 * raised it; a text repeated inside a longer one of the same section ("Cox: univariable grade: X" holds
 * "X") is said once, in its longer form. `sections` are the ids the report has (others go to "notes").
 */
export function readFirstItems(r: StudyResults, sections: ReadonlySet<string>): ReadFirstItem[] {
  const items: ReadFirstItem[] = [];
  const label = warningLabeller(r);
  // links to the report's "Analyses not estimable" section when it has one
  const notEstimableSection = sections.has("not-estimable") ? "not-estimable" : "notes";
  // a refused row names its table and model: "Treatment effect, PS-matched Cox adjusted for covariates (…): not estimated: …"
  for (const n of r.notEstimable) items.push({ section: notEstimableSection, ...notEstimableParts(n), kind: "not-run", paths: [], sources: [] });
  for (const n of r.notRun) items.push({ section: "notes", context: n.analysis, text: `not run: ${n.reason}`, kind: "not-run", paths: [], sources: [] });

  const groups = new Map<string, { section: string; text: string; contexts: string[]; paths: string[]; sources: string[]; rows: ReadFirstRow[] }>();
  const rowsOf = warningRows(r);
  for (const w of crawlWarnings(r)) {
    if (w.path === "notEstimable" || w.path.startsWith("spec.")) continue;
    const section = sectionOfPath(w.path, w.text, sections);
    const key = `${section}\u0000${w.text}`;
    const g = groups.get(key) ?? { section, text: w.text, contexts: [], paths: [], sources: [w.text], rows: [] };
    if (!g.paths.includes(w.path)) g.paths.push(w.path);
    const c = contextOfPath(r, w.path);
    if (c !== "" && !g.contexts.includes(c)) g.contexts.push(c);
    addRows(g.rows, rowsOf(w.path, w.text));
    groups.set(key, g);
  }
  const all = [...groups.values()];
  for (const g of all) {
    // the longest text that ends with this one (the outermost of "Cox: univariable grade: X" ⊃ "univariable grade: X" ⊃ "X")
    const holder = all
      .filter((o) => o !== g && o.section === g.section && o.text.length > g.text.length && o.text.endsWith(`: ${g.text}`))
      .reduce<(typeof all)[number] | undefined>((best, o) => (best === undefined || o.text.length > best.text.length ? o : best), undefined);
    // a longer text already says it (and takes its paths), unless this one names analyses (the effect models) the longer one does not
    if (holder !== undefined && g.contexts.length === 0) {
      for (const q of g.paths) if (!holder.paths.includes(q)) holder.paths.push(q);
      for (const t of g.sources) if (!holder.sources.includes(t)) holder.sources.push(t);
      addRows(holder.rows, g.rows);
      continue;
    }
    items.push({ section: g.section, context: g.contexts.join("; "), text: g.text, kind: "warning", paths: g.paths, sources: g.sources, ...(g.rows.length === 0 ? {} : { rows: g.rows }) });
  }
  return groupItems(items.map((it) => (it.kind === "warning" ? { ...it, text: label(it.text), context: label(it.context) } : it)), sections);
}

/** The study-level prefix of a warning ("propensity: ", "Cox: "…) and the rest of its text. */
function splitPrefix(text: string): [string, string] {
  const p = SECTION_OF_PREFIX.find(([prefix]) => text.startsWith(prefix))?.[0] ?? "";
  return [p, text.slice(p.length)];
}

/**
 * Fewer, fuller items: (1) one warning said for several sections ("propensity: 29 of 40 … not matched" and
 * "treatment effects: 29 of 40 … not matched") becomes one item in the first section, listed in the
 * others too (`alsoIn`); (2) texts that differ only in one quoted term ('coefficient for "grade: 2" …',
 * 'coefficient for "grade: 3" …') become one naming every term; (3) texts that differ only in the
 * analysis named before the message ("PWP total time: X", "PWP gap time: X") become one naming both; (4) texts that
 * differ only in the hazard-ratio rows they name (`rows`, known from the results: "landmark at 6 months (PS): IPTW Cox
 * (…; robust SE): X", "…: IPTW Cox (…; M-estimation SE): X") become one naming every row, as the treatment-effect
 * rows' own warnings are ("IPTW Cox (…; robust SE); IPTW Cox (…; M-estimation SE): X").
 */
function groupItems(items: readonly ReadFirstItem[], sections: ReadonlySet<string>): ReadFirstItem[] {
  type Mut = { -readonly [K in keyof ReadFirstItem]: ReadFirstItem[K] } & { alsoIn: string[]; paths: string[]; sources: string[]; rows: ReadFirstRow[] };
  const out: Mut[] = [];
  const merge = (into: Mut, it: ReadFirstItem): void => {
    for (const q of it.paths) if (!into.paths.includes(q)) into.paths.push(q);
    for (const t of it.sources) if (!into.sources.includes(t)) into.sources.push(t);
    addRows(into.rows, it.rows ?? []);
    for (const c of it.context === "" ? [] : it.context.split("; ")) if (!into.context.split("; ").includes(c)) into.context = into.context === "" ? c : `${into.context}; ${c}`;
    if (it.section !== into.section && !into.alsoIn.includes(it.section) && sections.has(it.section)) into.alsoIn.push(it.section);
  };
  const copy = (it: ReadFirstItem): Mut => ({ ...it, alsoIn: [], paths: [...it.paths], sources: [...it.sources], rows: [...(it.rows ?? [])] });
  for (const it of items) {
    if (it.kind !== "warning") {
      out.push(copy(it));
      continue;
    }
    // (4) the same text about other rows of the same table: one item naming every row (the labels where the text names them)
    const at = rowsIn(it.text, it.rows ?? []);
    if (at !== null) {
      const twin = out.find((o) => {
        if (o.kind !== "warning" || o.section !== it.section || o.context !== it.context || o.rows.length === 0 || o.rows[0].table !== it.rows![0].table) return false;
        const ot = rowsIn(o.text, o.rows);
        return ot !== null && ot.before === at.before && ot.after === at.after;
      });
      if (twin !== undefined) {
        merge(twin, it);
        twin.text = `${at.before}${twin.rows.map((x) => x.label).join("; ")}${at.after}`;
        continue;
      }
    }
    const [prefix, body] = splitPrefix(it.text);
    // (1) the same message under another section's prefix
    const same = out.find((o) => o.kind === "warning" && o.context === it.context && splitPrefix(o.text)[1] === body && o.section !== it.section);
    if (same !== undefined) {
      if (splitPrefix(same.text)[0] !== "") same.text = splitPrefix(same.text)[1];
      merge(same, it);
      continue;
    }
    // (2) one quoted term differs
    const q = /"([^"]+)"/.exec(body);
    if (q !== null) {
      const before = body.slice(0, q.index);
      const after = body.slice(q.index + q[0].length);
      const twin = out.find((o) => {
        if (o.kind !== "warning" || o.section !== it.section || o.context !== it.context) return false;
        const [op, ob] = splitPrefix(o.text);
        return op === prefix && ob.startsWith(before) && ob.endsWith(after) && /^"[^"]+"(?:(?:, | and )"[^"]+")*$/.test(ob.slice(before.length, ob.length - after.length));
      });
      if (twin !== undefined) {
        const [tp, tb] = splitPrefix(twin.text);
        const terms = tb.slice(before.length, tb.length - after.length).split(/, | and /);
        terms.push(q[0]);
        twin.text = `${tp}${before}${terms.slice(0, -1).join(", ")} and ${terms[terms.length - 1]}${after}`;
        merge(twin, it);
        continue;
      }
    }
    // (3) the analysis named before the message differs ("PWP total time: X" / "PWP gap time: X")
    const colon = body.indexOf(": ");
    if (colon > 0 && colon < 60) {
      const head = body.slice(0, colon);
      const msg = body.slice(colon + 2);
      const twin = out.find((o) => {
        if (o.kind !== "warning" || o.section !== it.section || o.context !== it.context) return false;
        const [op, ob] = splitPrefix(o.text);
        return op === prefix && ob.endsWith(`: ${msg}`) && !ob.slice(0, ob.length - msg.length - 2).includes(": ");
      });
      if (twin !== undefined && !/\d/.test(head)) {
        const [tp, tb] = splitPrefix(twin.text);
        const heads = tb.slice(0, tb.length - msg.length - 2);
        twin.text = `${tp}${heads.includes(" and ") ? heads.replace(/ and /, ", ") : heads} and ${head}: ${msg}`;
        merge(twin, it);
        continue;
      }
    }
    out.push(copy(it));
  }
  return out.map(({ alsoIn, rows, ...rest }) => ({ ...rest, ...(alsoIn.length === 0 ? {} : { alsoIn }), ...(rows.length === 0 ? {} : { rows }) }));
}

/**
 * Where a text names its rows, by their labels as the engine wrote them ("L1: X", or "L1; L2: X" once grouped): the
 * text before and after the labels; null when the rows are of several tables or their labels are not in the text
 * (a treatment-effect row's own warning, whose label is the item's context).
 */
function rowsIn(text: string, rows: readonly ReadFirstRow[]): { readonly before: string; readonly after: string } | null {
  if (rows.length === 0 || rows.some((x) => x.table !== rows[0].table)) return null;
  const labels = rows.map((x) => x.label).join("; ");
  const i = text.indexOf(`${labels}: `);
  return i < 0 ? null : { before: text.slice(0, i), after: text.slice(i + labels.length) };
}

/**
 * Severity of a "Read first" item (issue 19): "primary" — it changes how the study's primary result is read (a
 * warning of the primary analysis itself, or of a model it rests on, and its population notes: patients left out for
 * missing covariates, referee B14 of session 12); "serious" — it changes how another shown
 * number is read (diverged, unstable weights …); "notEstimated" — a pre-specified analysis that has no number on these
 * data (referee B13, session 12: its own group, not among the numbers shown); "minor" — a note on a secondary model or a
 * convention (the events per parameter of sensitivity or secondary models, the greedy matching-order note, the cure
 * model's follow-up check) or a routine note (rows dropped, exclusions). Every warning keeps its place in its section;
 * the tier only orders and labels the list.
 */
export type ReadFirstTier = "primary" | "serious" | "notEstimated" | "minor";

/**
 * A warning that a pre-specified analysis has no number (the pooled multiple-imputation rows not estimated in the
 * completed datasets): with the analyses not estimable, not among the minor notes (referee B4 of session 12's second read).
 */
const NOT_ESTIMATED = /no pooled estimate|not estimable in any of the \d+ completed datasets/;

/** Worded like serious warnings but, unless they concern the primary analysis, minor notes (the referee's triage). */
const MINOR_NOTE = /greedy largest-first|matching order|Maller–Zhou|follow-up is long enough|events per parameter|\bEPV\b/;

/** What identifies the primary analysis's warnings: result paths and words in their texts. */
export interface PrimaryKeys {
  readonly paths: readonly string[];
  readonly words: readonly string[];
}

/** The paths and words of the study's primary analysis (study/primary.ts ids), for {@link readFirstTier}. */
export function primaryKeys(r: StudyResults): PrimaryKeys {
  const p = r.primary;
  if (p === undefined || p === null || p.id === null) return { paths: [], words: [] };
  if (p.section === "effects") {
    const k = r.analyses.effects?.estimates.findIndex((e) => e.id === p.id) ?? -1;
    const label = k >= 0 ? r.analyses.effects?.estimates[k].label : undefined;
    return { paths: k >= 0 ? [`analyses.effects.estimates[${k}]`, "primary.warnings"] : ["primary.warnings"], words: label === undefined ? [] : [label] };
  }
  const byId: Readonly<Record<string, PrimaryKeys>> = {
    cloneCensorWeight: { paths: ["analyses.immortalTime.cloneCensorWeight"], words: ["clone–censor–weight"] },
    adjustedTimeDependent: { paths: ["analyses.immortalTime.adjustedTimeDependent"], words: ["adjusted time-dependent"] },
    sequentialMatching: { paths: ["analyses.immortalTime.sequentialMatching"], words: ["sequential matching"] },
  };
  // results.primary.warnings (the primary or its settings are survinfer's defaults, study/primary.ts) concern it too
  const withOwn = (k: PrimaryKeys): PrimaryKeys => ({ paths: [...k.paths, "primary.warnings"], words: k.words });
  const known = byId[p.id];
  if (known !== undefined) return withOwn(known);
  // the landmark designs (landmarkWeighted, landmarkMatched, …)
  return withOwn(p.id.startsWith("landmark") ? { paths: ["analyses.immortalTime.landmarkPs"], words: ["landmark at"] } : { paths: [], words: p.label === null ? [] : [p.label] });
}

/**
 * The tier of an item: `serious` is the item's text judged by the report's rule (render.ts seriousWarning). Every
 * warning of the primary analysis is in its tier, serious or not (its population note beside its bootstrap and
 * weights), and so listed in full.
 */
export function readFirstTier(it: ReadFirstItem, serious: boolean, keys: PrimaryKeys): ReadFirstTier {
  if (it.kind === "not-run") return "notEstimated";
  const said = `${it.context} ${it.text}`;
  const ofPrimary = it.paths.some((q) => keys.paths.some((p) => q.startsWith(p))) || keys.words.some((w) => said.includes(w));
  if (ofPrimary) return "primary";
  if (NOT_ESTIMATED.test(it.text)) return "notEstimated";
  if (serious && !MINOR_NOTE.test(it.text)) return "serious";
  return "minor";
}
