/**
 * results.json as a flat list of leaves, for comparing renderings of the same spec by different commits
 * (tools/regression/first-change.ts, test/report/old-spec.test.ts).
 *
 * Paths read like jq's: `.analyses.km.strata[0].surv[3]`; `fieldPaths` writes every array index as `[]`
 * (`.analyses.km.strata[].surv`), the form in which a user's script names a field.
 */

export type Leaf = string | number | boolean | null;

/** Every leaf (string, number, boolean, null) of `value`, keyed by its path. */
export function leaves(value: unknown, path = "", out = new Map<string, Leaf>()): Map<string, Leaf> {
  if (Array.isArray(value)) value.forEach((x, i) => leaves(x, `${path}[${i}]`, out));
  else if (value !== null && typeof value === "object") {
    for (const [k, x] of Object.entries(value)) leaves(x, `${path}.${k}`, out);
  } else out.set(path, value as Leaf);
  return out;
}

/**
 * The field names of `value`: the normalised path of every object key at any depth (an empty array or object still
 * names its field; array elements are not fields of their own).
 */
export function fieldPaths(value: unknown, path = "", out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((x) => fieldPaths(x, `${path}[]`, out));
  else if (value !== null && typeof value === "object") {
    for (const [k, x] of Object.entries(value)) {
      out.add(`${path}.${k}`);
      fieldPaths(x, `${path}.${k}`, out);
    }
  }
  return out;
}

/** Two numbers equal to `rel` relative (absolute below 1); NaN equals NaN. */
export function sameNumber(a: number, b: number, rel = 1e-12): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  return a === b || Math.abs(a - b) <= rel * Math.max(1, Math.abs(a));
}

/**
 * A path pattern as the tests write it: `*` is one key or index (no dots), `**` any run of keys, `[]` any index.
 * `.analyses.cox.multivariable.**` matches every leaf under the multivariable Cox model.
 */
export function pathPattern(pattern: string): RegExp {
  let re = "";
  for (let i = 0; i < pattern.length; i++) {
    if (pattern.startsWith("**", i)) { re += ".*"; i++; }
    else if (pattern[i] === "*") re += "[^.\\[\\]]*";
    else if (pattern.startsWith("[]", i)) { re += "\\[\\d+\\]"; i++; }
    else re += pattern[i].replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`);
}
