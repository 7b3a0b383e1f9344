/**
 * The "Read first" list: every warning an analysis raised, and every analysis that did not run, gathered
 * from the results and linked to the report section that shows the number concerned.
 *
 * Warnings are found by crawling the whole results object for `warnings: string[]` arrays (with their
 * path), so that a new analysis cannot be forgotten. Pure: results in, items out.
 */
import type { StudyResults } from "../study/run.js";

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
};

/** Prefixes runStudy puts on the study-level warnings (`results.warnings`), to the section they concern. */
const SECTION_OF_PREFIX: readonly (readonly [string, string])[] = [
  ["propensity: ", "propensity"],
  ["table 1: ", "table1"],
  ["Cox: ", "cox"],
  ["immortal time: ", "immortal-time"],
  ["treatment effects: ", "effects"],
  ["prediction model: ", "prediction"],
  ["recurrent events: ", "recurrent"],
  ["competing risks: ", "competing-risks"],
  ["cure: ", "cure"],
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
  return id !== undefined && sections.has(id) ? id : "notes";
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
  // links to the report's "Analyses not estimable" section when it has one
  const notEstimableSection = sections.has("not-estimable") ? "not-estimable" : "notes";
  for (const n of r.notEstimable) items.push({ section: notEstimableSection, context: n.analysis, text: `not estimable: ${n.reason}`, kind: "not-run", paths: [] });
  for (const n of r.notRun) items.push({ section: "notes", context: n.analysis, text: `not run: ${n.reason}`, kind: "not-run", paths: [] });

  const groups = new Map<string, { section: string; text: string; contexts: string[]; paths: string[] }>();
  for (const w of crawlWarnings(r)) {
    if (w.path === "notEstimable" || w.path.startsWith("spec.")) continue;
    const section = sectionOfPath(w.path, w.text, sections);
    const key = `${section}\u0000${w.text}`;
    const g = groups.get(key) ?? { section, text: w.text, contexts: [], paths: [] };
    if (!g.paths.includes(w.path)) g.paths.push(w.path);
    const c = contextOfPath(r, w.path);
    if (c !== "" && !g.contexts.includes(c)) g.contexts.push(c);
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
      continue;
    }
    items.push({ section: g.section, context: g.contexts.join("; "), text: g.text, kind: "warning", paths: g.paths });
  }
  return items;
}
