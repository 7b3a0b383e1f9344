/**
 * Issue 19: the problems the app shows (the data step, the endpoint feedback, the spec form and the run) in the
 * app's language. German and Japanese are made from each error's code and its structured place, never from the
 * English sentence; English stays the engine's message byte for byte.
 *
 * The codes the app can show are collected from the source: every `code: "…"` of the modules the app's worker and
 * page import (followed import by import from web/src/worker.ts and web/src/app.ts). Each must have a German and a
 * Japanese template, so a new error code reachable from the app fails here until it is translated.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { checkEndpoints, problemOf, readPreview, type Problem } from "../../web/src/engine.js";
import { codeTemplate, inferenceReasonText, problemText, readWarningText, specIssueText } from "../../web/src/problem-text.js";
import { defaultForm, formSpec, previewReadOptions } from "../../web/src/form.js";
import { StudySpecError } from "../../src/study/spec.js";
import { messagesFor } from "../../src/i18n/messages.js";
import { EXAMPLE_DIR, exampleForm } from "./example-form.js";

/** The modules reachable from `entries` by relative imports (the app's own code and the engines it runs). */
function reachable(entries: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const stack = entries.map((e) => resolve(e));
  while (stack.length > 0) {
    const file = stack.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const src = readFileSync(file, "utf8");
    for (const m of src.matchAll(/(?:import|export)\s[^;]*?from\s+"(\.[^"]+)"|import\(\s*"(\.[^"]+)"\s*\)|new URL\(\s*"(\.[^"]+)"/g)) {
      const path = resolve(dirname(file), (m[1] ?? m[2] ?? m[3]).replace(/\.js$/, ".ts"));
      if (existsSync(path)) stack.push(path);
    }
  }
  return seen;
}

/** Every error code the app can show: the codes thrown or set in the modules it runs. */
function appCodes(): string[] {
  const codes = new Set<string>();
  for (const file of reachable(["web/src/worker.ts", "web/src/app.ts"])) for (const m of readFileSync(file, "utf8").matchAll(/\bcode: "([A-Z][A-Z0-9_]+)"/g)) codes.add(m[1]);
  return [...codes].sort();
}

const ENGLISH = /\b(?:the|and|of|with|is|not|must|row|column|file|value|missing|excluded)\b/i;

describe("the codes the app can show", () => {
  const codes = appCodes();

  it("are found in the app's modules (the data step's, the spec's and the run's)", () => {
    expect(codes.length).toBeGreaterThan(60);
    for (const c of ["DATA_INVALID_DATE", "DATA_INVALID_NUMBER", "DATA_RAGGED_ROW", "DATA_UNDECLARED_DECIMAL_MARK", "SPEC_UNKNOWN_COLUMN", "DATA_MISSING_COLUMN", "SPEC_NO_EVENTS", "MODEL_TOO_FEW_EVENTS", "APP_NO_FILE", "INTERNAL"]) expect(codes, c).toContain(c);
  });

  for (const language of ["de", "ja"] as const) {
    it(`each has a ${language} template`, () => {
      expect(codes.filter((c) => codeTemplate(c, language) === undefined)).toEqual([]);
    });
  }

  it("has no template for a code the app cannot show (the catalogue does not drift)", () => {
    const shown = new Set(codes);
    expect(Object.keys(messagesFor("en").problems.codes).filter((c) => !shown.has(c))).toEqual([]);
  });
});

const csv = (text: string): Uint8Array => new TextEncoder().encode(text);
function readError(text: string, fileName = "kohorte.csv"): Problem {
  try {
    readPreview(csv(text), { fileName });
  } catch (e) {
    return problemOf(e);
  }
  throw new Error("the file was read without an error");
}

describe("a problem in the app's language", () => {
  const ragged = readError("id,age\n1,50\n2,60,7\n");
  const number = readError(`id,age\n${Array.from({ length: 20 }, (_, i) => `${i + 1},${50 + i}`).join("\n")}\n21,fünfzig\n`);

  it("is the engine's message in English, byte for byte", () => {
    expect(problemText(ragged, "en")).toBe(ragged.message);
    expect(problemText(number, "en")).toBe(number.message);
  });

  it("names the place and says what is wrong in German and Japanese, without English", () => {
    expect(ragged.code).toBe("DATA_RAGGED_ROW");
    const de = problemText(ragged, "de");
    expect(de).toContain("kohorte.csv, Zeile 3");
    expect(de).toContain("Trennzeichen");
    expect(de).not.toMatch(ENGLISH);
    const ja = problemText(ragged, "ja");
    expect(ja).toContain("kohorte.csv、3 行目");
    expect(ja).toContain("区切り文字");
    expect(number.code).toBe("DATA_INVALID_NUMBER");
    expect(problemText(number, "de")).toContain("Zeile 22, Spalte „age“ (Wert: „fünfzig“): ");
    expect(problemText(number, "ja")).toContain("22 行目、列「age」（値：「fünfzig」）：");
  });

  it("says a row left out by an endpoint is excluded, and why", () => {
    const text = readFileSync(join(EXAMPLE_DIR, "cohort.csv"), "utf8").split("\n");
    // the first patient without a date of surgery: the origin of the example's endpoints
    const header = text[0].split(",");
    const origin = exampleForm().endpoints[0].origin;
    const k = header.indexOf(origin);
    const row = text[1].split(",");
    row[k] = "";
    text[1] = row.join(",");
    const { spec } = formSpec(exampleForm());
    const { feedback } = checkEndpoints(csv(text.join("\n")), spec, "cohort.csv");
    const excluded = feedback[0].problems.find((p) => p.severity === "excluded");
    expect(excluded?.code).toBe("DATA_MISSING_ORIGIN");
    expect(problemText(excluded!, "en")).toBe(excluded!.message);
    expect(problemText(excluded!, "de")).toBe(`cohort.csv, Zeile 2, Spalte „${origin}“: Zeile ausgeschlossen: Das Ursprungsdatum fehlt.`);
    expect(problemText(excluded!, "ja")).toBe(`cohort.csv、2 行目、列「${origin}」：この行は除外：起点日が欠測しています。`);
  });

  it("falls back to the English message for a code without a template", () => {
    const p: Problem = { code: "SOME_NEW_CODE", message: "something new went wrong", severity: "error" };
    expect(problemText(p, "de")).toBe("something new went wrong");
  });
});

describe("the reader's warnings in the app's language", () => {
  // a file that gives the reader's warnings: a short row, a column without a name, a repeated name, decimal commas
  const file = "id;;age;age;size\n1;a;50;1;2,5\n2;b;60;2;3,5\n3;c\n";
  const { info } = readPreview(csv(file), { fileName: "k.csv" });

  it("are translated whole in German and Japanese (every warning of this file), and English stays as it is", () => {
    expect(info.warnings.length).toBeGreaterThanOrEqual(4);
    for (const w of info.warnings) {
      expect(readWarningText(w, "en")).toBe(w);
      for (const language of ["de", "ja"] as const) {
        const shown = readWarningText(w, language);
        expect(shown, w).not.toBe(w);
        expect(shown, w).not.toMatch(/\b(?:the|and|of|with|is|are|read as)\b/);
        expect(shown).toContain("k.csv");
      }
    }
  });

  it("puts the numbers and names into the template", () => {
    const short = info.warnings.find((w) => w.includes("fewer cells"));
    expect(readWarningText(short!, "de")).toBe("k.csv: 1 Zeile(n) haben weniger Zellen als die Kopfzeile (erste: Zeile 4); die fehlenden Zellen werden als fehlend gelesen");
  });

  it("matches every English template of the catalogue (the patterns and the templates agree)", () => {
    const en = messagesFor("en").problems.readWarnings;
    for (const language of ["de", "ja"] as const) {
      const t = messagesFor(language).problems.readWarnings;
      for (const [id, template] of Object.entries(en) as [keyof typeof en, (...a: string[]) => string][]) {
        const args = Array.from({ length: template.length }, (_, i) => (id === "decimalComma" && i === 3 ? "2" : id === "mixedEncoding" && i === 1 ? "5, 7" : `${i + 3}`));
        expect(readWarningText(template(...args), language), id).toBe((t[id] as (...a: string[]) => string)(...args));
      }
    }
  });
});

describe("the type inference's reasons in the app's language", () => {
  it("translates the reason of every column of the example", () => {
    const { info } = readPreview(new Uint8Array(readFileSync(join(EXAMPLE_DIR, "cohort.csv"))), previewReadOptions({ ...exampleForm(), types: { grade: "categorical" } }, "cohort.csv"));
    for (const c of info.columns) {
      expect(inferenceReasonText(c.reason, "en")).toBe(c.reason);
      for (const language of ["de", "ja"] as const) expect(inferenceReasonText(c.reason, language), c.reason).not.toBe(c.reason);
    }
  });
});

describe("the study form's issues in the app's language", () => {
  function issues(): StudySpecError {
    try {
      formSpec(defaultForm());
    } catch (e) {
      if (e instanceof StudySpecError) return e;
    }
    throw new Error("the empty form gave a spec");
  }
  it("keeps English as before and translates the message (the path is the spec's key)", () => {
    const [issue] = issues().issues;
    expect(specIssueText(issue, "en")).toBe(`${issue.path}: ${issue.message}${issue.hint ? ` (${issue.hint})` : ""}`);
    expect(specIssueText(issue, "de")).toBe("endpoints: Definieren Sie mindestens einen Endpunkt (Schritt 3: Spalten wählen)");
    expect(specIssueText(issue, "ja")).toMatch(/^endpoints：少なくとも/);
    expect(specIssueText({ path: "analyses.km.times[0]", message: "must be >= 0; got -3" }, "de")).toBe("analyses.km.times[0]: muss ≥ 0 sein; angegeben: -3");
    expect(specIssueText({ path: "x", message: "must be one of \"a\", \"b\"; got \"c\"", hint: 'did you mean "a"?' }, "de")).toBe('x: muss einer der Werte "a", "b" sein; angegeben: "c" (meinten Sie „a“?)');
    expect(specIssueText({ path: "x", message: "an issue without a template" }, "de")).toBe("x: an issue without a template");
  });
});
