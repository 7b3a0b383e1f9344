/**
 * Every error code survinfer can throw is named by at least one test (docs/validation.md, "Test policy").
 * A code is a string literal in src/ written as `code: "X"`, or an upper-case literal with one of the
 * known prefixes (DATA_, SPEC_, OPTION_, ...) passed on to SurvinferError by a helper (e.g. specError's
 * last argument). A test names it when a test file (test/**, not test/meta) contains it as a whole word.
 */
import { describe, expect, it } from "vitest";
import { filesUnder, read } from "./scan.js";

const PREFIXES = ["APP", "COX", "DATA", "FORMULA", "INPUT", "INTERNAL", "MODEL", "OPTION", "OUTPUT", "SPEC", "STUDY"];

/**
 * Codes that no test can reach through a public function, each with the reason. Keep this list short: a
 * code that a user can meet belongs in a test (test/errors/codes.test.ts takes one-line cases).
 */
const UNTESTABLE: Readonly<Record<string, string>> = {
  INTERNAL: "an internal consistency check (a validated model whose coefficients do not match its own terms); no input reaches it",
  APP_PORT_DENIED: "needs a port the user may not open (< 1024 for a non-root user); CI runs as root, where every port opens",
  DATA_FILE_CHANGED: "needs another process to change the file between fstat and read; no test can time that race deterministically",
};

function codesInSource(): Map<string, string> {
  const codes = new Map<string, string>();
  const literal = new RegExp(`"((?:${PREFIXES.join("|")})(?:_[A-Z0-9]+)*)"`, "g");
  const codeField = /code: "([A-Z][A-Z0-9_]*)"/g;
  for (const file of filesUnder("src", [".ts"])) {
    const text = read(file);
    for (const re of [codeField, literal]) {
      for (const m of text.matchAll(re)) if (!codes.has(m[1])) codes.set(m[1], file);
    }
  }
  return codes;
}

describe("error codes", () => {
  const codes = codesInSource();
  const tests = filesUnder("test", [".ts"]).filter((f) => !f.startsWith("test/meta/")).map(read).join("\n");

  it("finds the codes it checks (the scan itself works)", () => {
    expect(codes.size).toBeGreaterThanOrEqual(90);
    expect(codes.get("DATA_NEGATIVE_TIME")).toBeDefined();
  });

  it("every error code thrown in src/ is named by at least one test", () => {
    const missing = [...codes].filter(([code]) => !(code in UNTESTABLE) && !new RegExp(`\\b${code}\\b`).test(tests));
    expect(
      missing.map(([code, file]) => `${code} (thrown in ${file}): add a test that triggers it and checks err.code, e.g. a case in test/errors/codes.test.ts`),
    ).toEqual([]);
  });

  it("the untestable list names only codes that exist, each with a reason", () => {
    for (const [code, reason] of Object.entries(UNTESTABLE)) {
      expect(codes.has(code), `${code} is in UNTESTABLE but src/ no longer throws it: remove it from the list`).toBe(true);
      expect(reason.length).toBeGreaterThan(20);
    }
  });
});
