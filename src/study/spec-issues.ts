/**
 * Turns zod issues into readable spec problems: one per thing to fix, with the path as the user
 * writes it (`analyses.km.times[1]`), the offending value, and a "did you mean" hint for unknown
 * keys and enum values. For a union (e.g. an endpoint from dates or from columns) the branch that
 * comes closest to the user's input is reported, not every branch.
 */
import type { z } from "zod";
import type { SpecPath } from "./spec-source.js";
import { studySpecSchema } from "./schema.js";

export interface SpecIssue {
  /** Path as text, e.g. "analyses.km.times[1]". */
  readonly path: string;
  readonly pathParts: SpecPath;
  /** 1-based line in the spec file, when known. */
  readonly line?: number;
  readonly message: string;
  readonly hint?: string;
  /** Point at the key rather than the value (unknown keys). */
  readonly atKey?: boolean;
  /** The error code when it is not SPEC_INVALID (e.g. SPEC_UNKNOWN_COLUMN, found against the data's header). */
  readonly code?: string;
  /** The offending value, when the message does not show it. */
  readonly value?: string;
}

type Issue = z.core.$ZodIssue;

export function formatPath(parts: SpecPath): string {
  let s = "";
  for (const p of parts) {
    if (typeof p === "number") s += `[${p}]`;
    else s += s === "" ? p : `.${p}`;
  }
  return s === "" ? "(top level)" : s;
}

export function zodIssuesToSpecIssues(issues: readonly Issue[], data: unknown): SpecIssue[] {
  const out: SpecIssue[] = [];
  for (const issue of issues) collect(issue, [], data, out);
  return out;
}

function collect(issue: Issue, base: SpecPath, data: unknown, out: SpecIssue[]): void {
  const pathParts: SpecPath = [...base, ...issue.path.map((p) => (typeof p === "number" ? p : String(p)))];
  const value = valueAt(data, pathParts);
  const push = (parts: SpecPath, message: string, hint?: string, atKey?: boolean): void => {
    out.push({ path: formatPath(parts), pathParts: parts, message, hint, atKey });
  };
  switch (issue.code) {
    case "invalid_union": {
      const branches = issue.errors;
      if (branches.length === 0) {
        push(pathParts, "matches more than one allowed form");
        return;
      }
      // Every branch rejects the type itself: say which types are allowed.
      const typeOnly = branches.every((b) => b.length === 1 && b[0].code === "invalid_type" && b[0].path.length === 0);
      if (typeOnly) {
        const expected = branches.map((b) => (b[0] as z.core.$ZodIssueInvalidType).expected);
        push(pathParts, value === undefined ? "is required" : `must be ${joinOr(expected.map(describeType))}; got ${describeValue(value)}`);
        return;
      }
      // Otherwise report the branch with the fewest problems (the form the user meant).
      const best = branches.reduce((a, b) => (weight(b) < weight(a) ? b : a));
      for (const sub of best) collect(sub, pathParts, data, out);
      return;
    }
    case "unrecognized_keys":
      for (const key of issue.keys) {
        const near = nearest(key, ALL_KEYS);
        push([...pathParts, key], `unknown key "${key}"`, near ? `did you mean "${near}"?` : undefined, true);
      }
      return;
    case "invalid_type":
      if (value === undefined) push(pathParts, "is required", undefined, true);
      else push(pathParts, `must be ${describeType(issue.expected)}; got ${describeValue(value)}`);
      return;
    case "invalid_value": {
      const allowed = issue.values.map((v) => JSON.stringify(v));
      const near = typeof value === "string" ? nearest(value, issue.values.map(String)) : undefined;
      push(pathParts, `must be ${allowed.length === 1 ? allowed[0] : `one of ${allowed.join(", ")}`}; got ${describeValue(value)}`, near ? `did you mean "${near}"?` : undefined);
      return;
    }
    case "too_small":
    case "too_big": {
      const small = issue.code === "too_small";
      const bound = small ? issue.minimum : issue.maximum;
      if (issue.origin === "array") push(pathParts, `must have ${small ? "at least" : "at most"} ${bound} item${Number(bound) === 1 ? "" : "s"}`);
      else if (issue.origin === "string") push(pathParts, small ? "must not be empty" : `must be at most ${bound} characters`);
      else {
        const op = small ? (issue.inclusive ? ">=" : ">") : issue.inclusive ? "<=" : "<";
        push(pathParts, `must be ${op} ${bound}; got ${describeValue(value)}`);
      }
      return;
    }
    case "invalid_key":
      push(pathParts, `has an invalid name: ${issue.issues.map((i) => i.message).join("; ")}`);
      return;
    default:
      push(pathParts, issue.code === "invalid_format" || issue.code === "not_multiple_of" || issue.code === "custom"
        ? `${issue.message}${value !== undefined && issue.code !== "custom" ? `; got ${describeValue(value)}` : ""}`
        : issue.message);
  }
}

/** Branch weight: each missing field or unknown key counts once; a wrong type for the whole value, a lot. */
function weight(branch: readonly Issue[]): number {
  return branch.reduce((s, i) => s + (i.code === "unrecognized_keys" ? i.keys.length : i.code === "invalid_type" && i.path.length === 0 ? 100 : 1), 0);
}

function valueAt(data: unknown, path: SpecPath): unknown {
  let v: unknown = data;
  for (const p of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<string | number, unknown>)[p];
  }
  return v;
}

function describeType(t: string): string {
  switch (t) {
    case "object": return "a mapping (key: value)";
    case "array": return "a list";
    case "string": return "a text";
    case "number": return "a number";
    case "int": return "a whole number";
    case "boolean": return "true or false";
    default: return t;
  }
}

function describeValue(v: unknown): string {
  if (v === undefined) return "nothing";
  if (Array.isArray(v)) return "a list";
  if (v !== null && typeof v === "object") return "a mapping";
  return JSON.stringify(v);
}

function joinOr(items: readonly string[]): string {
  const u = [...new Set(items)];
  return u.length <= 1 ? (u[0] ?? "") : `${u.slice(0, -1).join(", ")} or ${u[u.length - 1]}`;
}

/** Closest candidate by edit distance (case-insensitive), if close enough to be a typo. */
export function nearest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length];
}

/** Every key that appears in any object of the spec schema (for "did you mean"). */
const ALL_KEYS: readonly string[] = (() => {
  const keys = new Set<string>();
  const seen = new Set<unknown>();
  const visit = (s: unknown): void => {
    if (s === null || typeof s !== "object" || seen.has(s)) return;
    seen.add(s);
    const def = (s as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
    if (!def) return;
    if (def.type === "object") {
      const shape = def.shape as Record<string, unknown>;
      for (const [k, v] of Object.entries(shape)) {
        keys.add(k);
        visit(v);
      }
    }
    for (const field of ["innerType", "element", "valueType", "in", "out"]) visit(def[field]);
    if (Array.isArray(def.options)) def.options.forEach(visit);
  };
  visit(studySpecSchema);
  return [...keys];
})();
