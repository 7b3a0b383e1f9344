/**
 * Test harness for "every key of the study spec is honoured": lists every key the zod schema has (by
 * walking its definition), runs a spec object through the same steps as `survinfer run` (parse, read,
 * runStudy, toJson) and compares results.json with and without a change.
 */
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { toJson } from "../../src/cli/format.js";
import { readTableFile } from "../../src/data/read-file.js";
import { specReadOptions } from "../../src/study/read-options.js";
import { parseStudySpecWithLines } from "../../src/study/spec.js";
import { runStudy } from "../../src/study/run.js";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const EXAMPLE_DIR = join(ROOT, "examples", "lms-metastasectomy");

interface ZodDef {
  readonly type: string;
  readonly shape?: Readonly<Record<string, { readonly _zod: { readonly def: ZodDef } }>>;
  readonly innerType?: { readonly _zod: { readonly def: ZodDef } };
  readonly element?: { readonly _zod: { readonly def: ZodDef } };
  readonly options?: readonly { readonly _zod: { readonly def: ZodDef } }[];
  readonly valueType?: { readonly _zod: { readonly def: ZodDef } };
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
  const text = JSON.stringify(spec, null, 1);
  const { spec: parsed, lineOf } = parseStudySpecWithLines(text, "study.json");
  const dataPath = resolve(dir, parsed.data.file);
  const read = readTableFile(dataPath, specReadOptions(parsed, parsed.data.file));
  const results = runStudy({ spec: parsed, table: read.table, inference: read.inference, readWarnings: read.warnings, specFile: "study.json", lineOf });
  return JSON.parse(toJson(results)) as Record<string, Json>;
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
