/**
 * No loose tolerance without a reason (docs/validation.md, "Tolerance policy"). The scan reads every test
 * file (test/**\/*.ts except test/meta and fixtures) and finds tolerances written as:
 *   - `rel: X` or `abs: X` (expectClose's Tolerance, inline or in a constant; every number literal in the
 *     value counts, so `rel: loose ? 1e-6 : 1e-10` counts 1e-6);
 *   - `const|let <name> = X` where the name is rel, abs or tol or starts with one (relTol, TOL_COEF) or ends
 *     with one (tolVar is not; looseTol, COEF_TOL are), e.g. `const REL = 1e-6`;
 *   - `toBeCloseTo(x, D)` and `expect.closeTo(x, D)`, whose tolerance is 10^-D.
 * One is loose when it exceeds 1e-8 (the policy's tier for standard errors, statistics and p-values;
 * closed forms are held to 1e-10 and only iterated fits may go to 1e-6). A loose tolerance needs a comment
 * containing `tolerance:` with the reason on the same line or the line above, e.g.
 *   // tolerance: 1e-6, R's crr stops at gtol = 1e-6 (observed 3e-9)
 */
import { describe, expect, it } from "vitest";
import { filesUnder, read } from "./scan.js";

export const LOOSE_ABOVE = 1e-8;

export interface ToleranceUse {
  readonly line: number;
  readonly value: number;
  readonly text: string;
}

const NUMBER = /(?<![\w.])(\d+(?:\.\d+)?(?:e[-+]?\d+)?)(?![\w.])/gi;

/** Every tolerance on one line (see the module comment for what counts). */
export function tolerancesOnLine(line: string): number[] {
  const out: number[] = [];
  const code = line.replace(/\/\/.*$/, "");
  for (const m of code.matchAll(/\b(?:rel|abs)\s*:\s*([^,}\n]+)/g)) for (const n of m[1].matchAll(NUMBER)) out.push(Number(n[1]));
  for (const m of code.matchAll(/\b(?:const|let)\s+(?:(?:rel|abs|tol|REL|ABS|TOL)(?:[A-Z_]\w*)?|\w+(?:Rel|Abs|Tol|_REL|_ABS|_TOL))\s*(?::[^=]+)?=\s*([^;]+)/g)) for (const n of m[1].matchAll(NUMBER)) out.push(Number(n[1]));
  for (const m of code.matchAll(/(?:toBeCloseTo|closeTo)\([^;]*?,\s*(\d+)\s*\)/g)) out.push(10 ** -Number(m[1]));
  return out;
}

/** Loose tolerances in a file's text that have no `tolerance:` reason on their line or the line above. */
export function undocumentedLoose(text: string): ToleranceUse[] {
  const lines = text.split("\n");
  const out: ToleranceUse[] = [];
  lines.forEach((line, i) => {
    const loose = tolerancesOnLine(line).filter((v) => v > LOOSE_ABOVE);
    if (loose.length === 0) return;
    if (/tolerance:/.test(line) || (i > 0 && /tolerance:/.test(lines[i - 1]))) return;
    out.push({ line: i + 1, value: Math.max(...loose), text: line.trim() });
  });
  return out;
}

describe("tolerance policy", () => {
  it("the scan recognises each form of tolerance", () => {
    expect(tolerancesOnLine(`expectClose(a, b, { rel: 1e-6, abs: 1e-12 }, "x");`)).toEqual([1e-6, 1e-12]);
    expect(tolerancesOnLine(`const tolVar = loose ? { rel: 1e-5 } : { rel: 1e-10 };`)).toEqual([1e-5, 1e-10, 1e-5, 1e-10]);
    expect(tolerancesOnLine(`const REL = 2e-7;`)).toEqual([2e-7]);
    expect(tolerancesOnLine(`const looseTol = 2e-7;`)).toEqual([2e-7]);
    expect(tolerancesOnLine("const rootRels = `<Relationships>8</Relationships>`;")).toEqual([]);
    expect(tolerancesOnLine(`expect(x).toBeCloseTo(0.5, 6);`)).toEqual([1e-6]);
    expect(tolerancesOnLine(`].map((v) => expect.closeTo(v, 8)));`)).toEqual([1e-8]);
    expect(tolerancesOnLine(`const n = 1e-6; // rel: 1e-3 in a comment does not count`)).toEqual([]);
    expect(undocumentedLoose(`a\nexpectClose(a, b, { rel: 1e-6 });\n`)).toEqual([{ line: 2, value: 1e-6, text: "expectClose(a, b, { rel: 1e-6 });" }]);
    expect(undocumentedLoose(`// tolerance: R iterates to 1e-6\nexpectClose(a, b, { rel: 1e-6 });\n`)).toEqual([]);
    expect(undocumentedLoose(`expectClose(a, b, { rel: 1e-8 });\n`)).toEqual([]);
  });

  it("every tolerance looser than 1e-8 in a test file carries a `// tolerance:` reason", () => {
    const files = filesUnder("test", [".ts"]).filter((f) => !f.startsWith("test/meta/"));
    expect(files.length).toBeGreaterThan(100);
    const offenders = files.flatMap((f) =>
      undocumentedLoose(read(f)).map((u) => `${f}:${u.line}: tolerance ${u.value} > ${LOOSE_ABOVE} without a reason: tighten it to what the observed agreement supports, or add "// tolerance: <why>" on this line or the line above (${u.text.slice(0, 100)})`),
    );
    expect(offenders).toEqual([]);
  });
});
