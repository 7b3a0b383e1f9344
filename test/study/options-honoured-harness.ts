/**
 * Test harness for "every key of the study spec is honoured": lists every key the zod schema has (by
 * walking its definition), runs a spec object through the same steps as `survinfer run` (parse, read,
 * runStudy, toJson) and compares results.json with and without a change.
 */
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { parse } from "yaml";
import { toJson } from "../../src/cli/format.js";
import { readTableFile } from "../../src/data/read-file.js";
import { specReadOptions } from "../../src/study/read-options.js";
import { dataSource } from "../../src/study/data-source.js";
import { parseStudySpecWithLines } from "../../src/study/spec.js";
import { runStudy, type StudyResults } from "../../src/study/run.js";
import { readLifeTable } from "../../src/cli/commands/run.js";
import { buildReportModel } from "../../src/report/render.js";
import { dropOrphanPrimary, type ExampleSpec } from "../report/render-study.js";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const EXAMPLE_DIR = join(ROOT, "examples", "lms-metastasectomy");

interface ZodDef {
  readonly type: string;
  readonly shape?: Readonly<Record<string, { readonly _zod: { readonly def: ZodDef } }>>;
  readonly innerType?: { readonly _zod: { readonly def: ZodDef } };
  readonly element?: { readonly _zod: { readonly def: ZodDef } };
  readonly options?: readonly { readonly _zod: { readonly def: ZodDef } }[];
  readonly valueType?: { readonly _zod: { readonly def: ZodDef } };
  /** Input side of a pipe (a schema with a transform, e.g. treatment). */
  readonly in?: { readonly _zod: { readonly def: ZodDef } };
}

/**
 * Every key of a zod object schema as a dotted path: `a.b` for nested objects, `a[].b` for objects in
 * arrays, `a.*.b` for objects in records; wrappers (optional, default, nullable) and unions are looked through.
 */
export function schemaKeys(schema: unknown, prefix = ""): string[] {
  const out = new Set<string>();
  const walk = (def: ZodDef, p: string): void => {
    switch (def.type) {
      case "object":
        for (const [k, v] of Object.entries(def.shape ?? {})) {
          const key = p === "" ? k : `${p}.${k}`;
          out.add(key);
          walk(v._zod.def, key);
        }
        break;
      case "optional":
      case "default":
      case "prefault":
      case "nullable":
      case "readonly":
        walk(def.innerType!._zod.def, p);
        break;
      case "array":
        walk(def.element!._zod.def, `${p}[]`);
        break;
      case "union":
        for (const o of def.options ?? []) walk(o._zod.def, p);
        break;
      case "pipe":
        if (def.in !== undefined) walk(def.in._zod.def, p);
        break;
      case "record":
        walk(def.valueType!._zod.def, `${p}.*`);
        break;
      default:
        break;
    }
  };
  walk((schema as { _zod: { def: ZodDef } })._zod.def, prefix);
  return [...out].sort();
}

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
/** Marks a key to be removed from the spec. */
export const DELETE = Symbol("delete");
export type Patch = Readonly<Record<string, Json | typeof DELETE>>;

/** A deep copy of `spec` with each dotted path (numeric parts index arrays) set to its value or deleted. */
export function patched(spec: Json, patch: Patch): Json {
  const out = structuredClone(spec);
  for (const [path, value] of Object.entries(patch)) {
    const parts = path.split(".");
    let node = out as Record<string, Json>;
    for (const part of parts.slice(0, -1)) {
      if (node[part] === undefined || node[part] === null) node[part] = {};
      node = node[part] as Record<string, Json>;
    }
    const last = parts[parts.length - 1];
    if (value === DELETE) delete node[last];
    else node[last] = value;
  }
  return out;
}

/** The example study spec as an object (the YAML file), data file resolved against the example folder. */
export function exampleSpec(): Json {
  return parse(readFileSync(join(EXAMPLE_DIR, "study.yaml"), "utf8")) as Json;
}

/**
 * Runs a spec object as `survinfer run` does (spec text → parse → read the data → runStudy → results.json),
 * with the spec file notionally in `dir`. Returns the parsed results.json.
 */
export function runSpecObject(spec: Json, dir = EXAMPLE_DIR): Record<string, Json> {
  return JSON.parse(toJson(runSpecRaw(spec, dir))) as Record<string, Json>;
}

/** As runSpecObject, the StudyResults object itself. */
export function runSpecRaw(spec: Json, dir = EXAMPLE_DIR): StudyResults {
  // a variant without the design the example declares as primary (clone–censor–weight) falls to the default rule
  const own = JSON.parse(JSON.stringify(spec)) as ExampleSpec;
  if (own.analyses !== undefined) dropOrphanPrimary(own, (parse(readFileSync(join(EXAMPLE_DIR, "study.yaml"), "utf8")) as ExampleSpec).analyses.primary);
  const text = JSON.stringify(own, null, 1);
  const { spec: parsed, lineOf } = parseStudySpecWithLines(text, "study.json");
  // the data source as `survinfer run` decides it (refusals name data.file/query/engine); files in memory here
  const source = dataSource(parsed, "study.json", lineOf);
  if (source.kind !== "file") throw new Error("this harness reads data files in memory; a database source runs through survinfer run (test/sql/study-query.test.ts)");
  const dataPath = resolve(dir, source.file);
  const read = readTableFile(dataPath, specReadOptions(parsed, source.file));
  const lifeTable = readLifeTable(parsed, join(dir, "study.json"));
  return runStudy({ spec: parsed, table: read.table, inference: read.inference, readWarnings: read.warnings, specFile: "study.json", lineOf, ...(lifeTable === undefined ? {} : { lifeTable }) });
}

/** results.json without the echo of the spec (which changes with every key by construction). */
export function withoutSpecEcho(results: Record<string, Json>): Record<string, Json> {
  const { spec: _spec, ...rest } = results;
  return rest;
}

/**
 * Every number of results.json with its path, skipping the echo of the spec and every `options` object
 * (echoes of settings): what is left are estimates, counts, weights, curves and tests.
 */
export function numbersOf(results: Record<string, Json>): string[] {
  const out: string[] = [];
  const walk = (v: Json, path: string): void => {
    if (typeof v === "number") out.push(`${path}=${v}`);
    else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`));
    else if (v !== null && typeof v === "object") {
      for (const [k, x] of Object.entries(v)) if (k !== "options") walk(x, `${path}.${k}`);
    }
  };
  walk(withoutSpecEcho(results), "");
  return out;
}

export interface Entry {
  /** Schema key (dotted path as schemaKeys lists it). */
  readonly key: string;
  /** The change: dotted spec paths set to a value (or deleted). */
  readonly set: Patch;
  /** Applied to both runs first, when the key only matters in a setting the example does not use. */
  readonly with?: Patch;
  /**
   * "numbers": results.json's numbers change; "json": results.json without the spec echo changes (e.g. ids);
   * { report }: the report (built from results.json) shows this text, which it did not before (names and
   * labels); a RegExp: the run is refused with an error matching it; "inert": documented as ignored (only
   * `$schema`, an editor hint) — then results.json must not change.
   */
  readonly expect: "numbers" | "json" | { readonly report: string | RegExp } | "inert" | RegExp;
  /** Hazard-ratio estimates of the effects table (id prefix) that must each change (coefficient or SE). */
  readonly estimates?: "matched" | "weighted";
}

interface Estimate {
  readonly id: string;
  readonly coef: number | null;
  readonly se: number | null;
  /** Why there is no estimate (a refusal below the EPV floor, a diverged fit); null when estimated. */
  readonly notEstimable?: string | null;
}

function estimatesOf(results: Record<string, Json>, prefix: string): Estimate[] {
  const effects = (results.analyses as { effects?: { estimates: Estimate[] } }).effects;
  return (effects?.estimates ?? []).filter((e) => e.id.startsWith(prefix));
}

/** The example spec, with the prediction model's optimism bootstrap off (speed; its own key has an entry). */
export function base(): Json {
  return patched(exampleSpec(), { "analyses.prediction.bootstrap": 0 });
}

const cache = new Map<string, StudyResults>();
function rawFor(spec: Json): StudyResults {
  const k = JSON.stringify(spec);
  let v = cache.get(k);
  if (v === undefined) {
    v = runSpecRaw(spec);
    cache.set(k, v);
  }
  return v;
}
function resultsFor(spec: Json): Record<string, Json> {
  return JSON.parse(toJson(rawFor(spec))) as Record<string, Json>;
}
/** The report model (text, tables, figures) the report renders from the results. */
function reportFor(spec: Json): string {
  return JSON.stringify(buildReportModel(rawFor(spec)));
}

/** Checks one entry; returns nothing, fails the test with the key named. */
export function checkEntry(e: Entry, start: Json): void {
  const before = e.with ? patched(start, e.with) : start;
  const after = patched(before, e.set);
  if (typeof e.expect === "object" && !(e.expect instanceof RegExp)) {
    // a string: found verbatim in the report model's JSON; a RegExp: matched against it (a figure's size whose height follows its text)
    const want = e.expect.report;
    const text = typeof want === "string" ? JSON.stringify(want).slice(1, -1) : want.source;
    const shows = (json: string): boolean => (typeof want === "string" ? json.includes(text) : want.test(json));
    expect(shows(reportFor(before)), `the report shows ${text} before the change`).toBe(false);
    expect(shows(reportFor(after)), `changing ${e.key} does not reach the report`).toBe(true);
  } else if (e.expect === "json" || e.expect === "inert") {
    const a = JSON.stringify(withoutSpecEcho(resultsFor(before)));
    const b = JSON.stringify(withoutSpecEcho(resultsFor(after)));
    if (e.expect === "json") expect(b, `changing ${e.key} left results.json unchanged (silently ignored)`).not.toBe(a);
    else expect(b, `${e.key} is documented as ignored`).toBe(a);
  } else if (e.expect === "numbers") {
    const a = resultsFor(before);
    const b = resultsFor(after);
    expect(numbersOf(b), `changing ${e.key} left every number of results.json unchanged (silently ignored)`).not.toEqual(numbersOf(a));
    if (e.estimates !== undefined) {
      const ea = estimatesOf(a, e.estimates);
      const eb = new Map(estimatesOf(b, e.estimates).map((x) => [x.id, x]));
      expect(ea.length, "the example has these estimates").toBeGreaterThan(0);
      for (const x of ea) {
        const y = eb.get(x.id);
        if (y === undefined) continue; // the change removed this estimate (e.g. no pair-stratified model with replacement)
        if (x.coef === null && y.coef === null && typeof x.notEstimable === "string" && typeof y.notEstimable === "string") continue; // refused both times (e.g. below the EPV floor)
        expect([y.coef, y.se], `changing ${e.key} left the ${x.id} hazard ratio unchanged`).not.toEqual([x.coef, x.se]);
      }
    }
  } else {
    expect(() => runSpecObject(after), `changing ${e.key} should be refused`).toThrow(e.expect);
  }
}

