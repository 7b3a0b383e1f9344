/**
 * Every argument an English text shows, the German and Japanese texts show too (issue 19: the German warning on the
 * bootstrap of the survival difference dropped the unit "points" that the English prints after each number).
 *
 * Two kinds of texts: the catalogues' sentence functions (src/i18n/en.ts, de.ts, ja.ts and their parts), called with
 * one distinct marker per argument, and the templates of the engine texts (src/i18n/warnings-*.ts), called with one
 * marker per named group of the English pattern that carries a free value (a number, a name, a unit; not a choice
 * among fixed English words, which the templates translate rather than repeat). A marker in the English output that
 * the German or Japanese output lacks is an omission; the intentional ones are listed below with their reason.
 */
import { describe, expect, it } from "vitest";
import { en } from "../../src/i18n/en.js";
import { de } from "../../src/i18n/de.js";
import { ja } from "../../src/i18n/ja.js";
import { ENGINE_PATTERNS, SCOPE_PATTERNS } from "../../src/i18n/warnings-en.js";
import { engineTextsDe, scopesDe } from "../../src/i18n/warnings-de.js";
import { engineTextsJa, scopesJa } from "../../src/i18n/warnings-ja.js";
import type { EngineTemplate } from "../../src/i18n/warnings.js";

/** The marker of argument `i`: letters no catalogue writes, unchanged by capitalisation helpers (cap, toLowerCase: compared ignoring case). */
const marker = (i: number): string => `QZ${i}ZQ`;

type Fn = (...args: unknown[]) => string;

/** Every sentence function of a catalogue by its dotted key. */
function functions(cat: object, prefix = ""): Map<string, Fn> {
  const out = new Map<string, Fn>();
  for (const [k, v] of Object.entries(cat) as [string, unknown][]) {
    const key = prefix === "" ? k : `${prefix}.${k}`;
    if (typeof v === "function") out.set(key, v as Fn);
    else if (v !== null && typeof v === "object" && !Array.isArray(v)) for (const [k2, f] of functions(v, key)) out.set(k2, f);
  }
  return out;
}

/** The markers (argument indices) that `text` shows. */
function shown(text: string, n: number): Set<number> {
  const t = text.toUpperCase();
  return new Set(Array.from({ length: n }, (_, i) => i).filter((i) => t.includes(marker(i).toUpperCase())));
}

/**
 * Catalogue functions whose German or Japanese text leaves out an argument the English one shows, on purpose:
 * key → the argument indices and why.
 */
const OMITTED: Readonly<Record<string, { readonly de?: readonly number[]; readonly ja?: readonly number[]; readonly why: string }>> = {
  "longTerm.ctVerdict": { de: [0], ja: [0], why: "the verdict is an id (sufficient | inconclusive | not-shown) that each language words itself" },
  "longTerm.laModel": { de: [0], ja: [0], why: "the kind of cure model is an id (relative | all-cause | cause-specific) that each language words itself" },
};

describe("the catalogues' sentence functions: German and Japanese show every argument the English shows", () => {
  const enFns = functions(en);
  const langs = { de: functions(de), ja: functions(ja) } as const;
  for (const lang of ["de", "ja"] as const) {
    it(`${lang}: no argument of an English sentence is left out (intentional omissions listed in OMITTED)`, () => {
      const missing: string[] = [];
      for (const [key, f] of enFns) {
        const g = langs[lang].get(key);
        if (g === undefined || f.length === 0) continue;
        const args = Array.from({ length: f.length }, (_, i) => marker(i));
        let enOut: string;
        let out: string;
        try {
          enOut = String(f(...args));
          out = String(g(...args));
        } catch {
          continue; // a function that needs arguments of another kind (an object, a number): not a template of strings
        }
        const lost = [...shown(enOut, args.length)].filter((i) => !shown(out, args.length).has(i));
        const allowed = new Set(OMITTED[key]?.[lang] ?? []);
        const unexplained = lost.filter((i) => !allowed.has(i));
        if (unexplained.length > 0) missing.push(`${key}: argument(s) ${unexplained.join(", ")} — en: ${enOut.slice(0, 160)} | ${lang}: ${out.slice(0, 160)}`);
      }
      expect(missing).toEqual([]);
    });
  }

  it("each listed omission still happens (a stale entry is removed)", () => {
    const stale: string[] = [];
    for (const [key, o] of Object.entries(OMITTED)) {
      const f = functions(en).get(key);
      for (const lang of ["de", "ja"] as const) {
        const g = functions(lang === "de" ? de : ja).get(key);
        if (f === undefined || g === undefined) {
          stale.push(`${key}: no such function`);
          continue;
        }
        const args = Array.from({ length: f.length }, (_, i) => marker(i));
        const out = shown(String(g(...args)), args.length);
        for (const i of o[lang] ?? []) if (out.has(i)) stale.push(`${key} (${lang}): argument ${i} is shown`);
      }
    }
    expect(stale).toEqual([]);
  });
});

/** A group of a pattern: its name (if named), its alternatives, each with the groups nested in it. */
interface GroupNode {
  readonly name: string | null;
  readonly body: string;
  readonly alts: GroupNode[][];
}

/** The groups of a regular expression's source as a tree (escapes and character classes skipped). */
function parseGroups(src: string): GroupNode {
  const root: GroupNode = { name: null, body: src, alts: [[]] };
  const stack: { node: GroupNode; start: number }[] = [{ node: root, start: 0 }];
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    const top = stack[stack.length - 1].node;
    if (ch === "\\") i++;
    else if (ch === "[") {
      for (i++; i < src.length && src[i] !== "]"; i++) if (src[i] === "\\") i++;
    } else if (ch === "(") {
      const named = /^\(\?<(\w+)>/.exec(src.slice(i));
      const node: GroupNode = { name: named?.[1] ?? null, body: "", alts: [[]] };
      top.alts[top.alts.length - 1].push(node);
      stack.push({ node, start: i + (named?.[0].length ?? (src.startsWith("(?", i) ? 3 : 1)) });
    } else if (ch === ")") {
      const done = stack.pop()!;
      (done.node as { body: string }).body = src.slice(done.start, i);
    } else if (ch === "|") top.alts.push([]);
  }
  return root;
}

/** Whether a group's body is a choice among fixed words ("at|up to", "negative control: "): translated, not repeated. */
function isFixedChoice(body: string): boolean {
  const literal = body.replace(/\\[().|?*+:-]/g, "");
  return !/[[.{*+]|\\[wdSs]/.test(literal);
}

/** The alternatives of a fixed choice as plain text ("Matching|Weighting" → ["Matching", "Weighting"]). */
function choices(body: string): string[] {
  return body.split("|").map((c) => c.replace(/\\(.)/g, "$1"));
}

/** Every combination of the fixed choices of `groups` (at most `cap`), each as group name → text. */
function choiceVariants(groups: readonly GroupNode[], cap = 64): Record<string, string>[] {
  let out: Record<string, string>[] = [{}];
  for (const n of groups) out = out.flatMap((v) => choices(n.body).map((c) => ({ ...v, [n.name!]: c }))).slice(0, cap);
  return out;
}

/**
 * The sets of named groups one English text can fill together: one per combination of the alternatives of the
 * pattern (`(?:all (?<c2>…)|(?<c2k>…) of (?<c2n>…))` fills either c2 or c2k and c2n), at most `cap` of them.
 */
function groupSets(node: GroupNode, cap = 256): GroupNode[][] {
  const ofAlt = (alt: GroupNode[]): GroupNode[][] => {
    let sets: GroupNode[][] = [[]];
    for (const child of alt) {
      const childSets = groupSets(child, cap);
      sets = sets.flatMap((a) => childSets.map((b) => [...a, ...b])).slice(0, cap);
    }
    return sets;
  };
  const inner = node.name !== null && isFixedChoice(node.body) ? [[]] : node.alts.flatMap(ofAlt).slice(0, cap);
  return node.name === null ? inner : inner.map((set) => [node, ...set]);
}
/** Engine templates that leave out a free group the English shows, on purpose: id → groups and why. */
const ENGINE_OMITTED: Readonly<Record<string, { readonly groups: readonly string[]; readonly why: string }>> = {
  itExplanation: { groups: ["designs"], why: "the English sentence on the designs is rebuilt in each language from its parts (est, only, all, some, not, none), which are shown" },
};

describe("the engine texts' templates: German and Japanese show every free value the English pattern captures", () => {
  const cases = [
    ["engine", ENGINE_PATTERNS, { de: engineTextsDe, ja: engineTextsJa }],
    ["scope", SCOPE_PATTERNS, { de: scopesDe, ja: scopesJa }],
  ] as const;
  for (const [kind, patterns, templates] of cases) {
    for (const lang of ["de", "ja"] as const) {
      it(`${lang}: every ${kind} template shows the numbers, names and units of its English text`, () => {
        const missing: string[] = [];
        for (const [id, re] of patterns as readonly (readonly [string, RegExp])[]) {
          const template = (templates[lang] as Readonly<Record<string, EngineTemplate>>)[id];
          const allowed = new Set(ENGINE_OMITTED[id]?.groups ?? []);
          for (const set of groupSets(parseGroups(re.source))) {
            const free = set.filter((n) => !isFixedChoice(n.body)).map((n) => n.name!);
            if (free.length === 0) continue;
            // a free value shown under some choice of the fixed words ("leaves" the band, then which part is outside)
            const shownHere = new Set<number>();
            let out = "";
            for (const fixed of choiceVariants(set.filter((n) => isFixedChoice(n.body)))) {
              const g: Record<string, string> = { ...fixed };
              free.forEach((name, i) => (g[name] = marker(i)));
              out = template({ g, t: (x) => x, s: (x) => x });
              for (const i of shown(out, free.length)) shownHere.add(i);
            }
            const lost = free.filter((name, i) => !shownHere.has(i) && !allowed.has(name));
            const line = `${id}: ${lost.join(", ")} — ${lang}: ${out.slice(0, 200)}`;
            if (lost.length > 0 && !missing.includes(line)) missing.push(line);
          }
        }
        expect(missing).toEqual([]);
      });
    }
  }

  it("the German and Japanese bootstrap warnings write the unit after each number, as the English does", () => {
    const text =
      "the bootstrap distribution of the survival difference at 12 months is not centred on the estimate (mean of the replicates -5.3 points, estimate -7.8 points: bias 2.5 points, more than a quarter of the bootstrap SE of 10.0 points): its interval is unreliable (do not rely on it)";
    const [id, re] = ENGINE_PATTERNS.find(([, r]) => r.test(text))!;
    const g = { ...re.exec(text)!.groups };
    const deText = engineTextsDe[id]({ g, t: (s) => s, s: (s) => s });
    const jaText = engineTextsJa[id]({ g, t: (s) => s, s: (s) => s });
    expect(deText).toContain("(Mittelwert der Replikationen -5.3 Prozentpunkte, Schätzwert -7.8 Prozentpunkte: Verzerrung 2.5 Prozentpunkte, mehr als ein Viertel des Bootstrap-SE von 10.0 Prozentpunkten)");
    expect(jaText).toContain("反復の平均-5.3ポイント、推定値-7.8ポイント：バイアス2.5ポイントはブートストラップSE 10.0ポイント");
  });
});
