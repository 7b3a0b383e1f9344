/**
 * The problems and notes the app shows, in the app's language. English shows the engine's own text, byte for
 * byte (the CLI prints the same). German and Japanese are made by code, never by translating the English
 * sentence: a problem (a SurvinferError's code and its structured place: file, line, row, column, spec path,
 * value) becomes the place in the language's words and the template of its code (src/i18n/problems-*.ts); a code
 * without a template falls back to the English message. The reader's warnings (src/data) carry no code: each is
 * matched whole by the pattern of its sentence, and its numbers and names go into the template of the same id.
 * test/web/problem-text.test.ts lists the codes the app can show and fails when one of them has no template.
 */
import type { Problem } from "./engine.js";
import type { Language } from "../../src/i18n/language.js";
import { messagesFor, type Messages } from "../../src/i18n/messages.js";

type ProblemTexts = Messages["problems"];
type CodeId = keyof ProblemTexts["codes"];

/** The template of `code` in `language`, or undefined when the code has none. */
export function codeTemplate(code: string, language: Language): string | undefined {
  const codes: Readonly<Record<string, string>> = messagesFor(language).problems.codes;
  return Object.hasOwn(codes, code) ? codes[code as CodeId] : undefined;
}

/** The place of a problem in the words of `language`: "file, line 3, row 7, column "x", at path". */
function placeOf(p: Problem, t: ProblemTexts): string {
  const parts: string[] = [];
  if (p.file !== undefined) parts.push(p.file);
  if (p.line !== undefined) parts.push(t.line(String(p.line)));
  if (p.row !== undefined) parts.push(t.row(String(p.row)));
  if (p.column !== undefined) parts.push(t.column(p.column));
  if (p.path !== undefined) parts.push(t.path(p.path));
  return parts.join(t.sep);
}

/**
 * A problem as the app shows it in `language`: English its message; German and Japanese its place, its value
 * and its code's template (a row left out by an endpoint says so), or the English message for a code without one.
 *
 * @example
 * problemText({ code: "DATA_MISSING_ORIGIN", message: "…", file: "a.csv", row: 7, column: "op_date", value: "", severity: "excluded" }, "de");
 * // 'a.csv, Zeile 7, Spalte „op_date“: Zeile ausgeschlossen: Das Ursprungsdatum fehlt.'
 */
export function problemText(p: Problem, language: Language): string {
  if (language === "en") return p.message;
  const template = codeTemplate(p.code, language);
  if (template === undefined) return p.message;
  const t = messagesFor(language).problems;
  const place = placeOf(p, t);
  const value = p.severity === "error" && p.value !== undefined && p.value !== "" ? t.value(p.value) : "";
  const body = p.severity === "excluded" ? t.rowExcluded(template) : template;
  return place === "" ? `${value.trim()}${value === "" ? "" : t.colon}${body}` : `${place}${value}${t.colon}${body}`;
}

type ReadWarningId = keyof ProblemTexts["readWarnings"];

/** The reader's warnings (src/data), each matched whole; the groups are the template's arguments in order. */
const READ_WARNINGS: readonly (readonly [ReadWarningId, RegExp])[] = [
  ["shortRows", /^(.+): (\d+) row\(s\) have fewer cells than the header \(first: row (\d+)\); the missing cells are read as missing$/],
  ["unnamedColumn", /^(.+): column (\d+) has no name in the header \(row (\d+)\); named "(.*)"$/],
  ["duplicateName", /^(.+): column name "(.*)" appears more than once; the later one is named "(.*)"$/],
  ["windows1252", /^(.+): not valid UTF-8 and no UTF-8 characters at all; read as Windows-1252 \(Excel's "CSV" encoding on Windows\)\. Save as "CSV UTF-8" to be sure$/],
  ["mixedEncoding", /^(.+): mixed encodings: rows? (.+?) (?:is|are) not valid UTF-8 and (?:was|were) read as Windows-1252; the rest is UTF-8\. Check (?:that row|those rows) and save the file as "CSV UTF-8"$/],
  ["declaredDateFormat", /^column "(.*)": dates read as (\S+); the declared dateFormat (\S+) does not fit their shape$/],
  ["strayQuotes", /^(.+): (\d+) record\(s\) with stray quote characters \(first: row (\d+)\); read as written$/],
  ["excelErrors", /^(.+): (\d+) cell\(s\) hold Excel errors and are read as missing \(first: (.+)\)$/],
  [
    "decimalComma",
    /^(.+): decimal mark "," \(detected\): (\d+) number\(s\) written with a decimal comma, e\.g\. (.+?), and none with "\." as decimal mark(?:; (\d+) value\(s\) like "1,234" are read with "," as decimal mark too \(1\.234\))?\. Declare decimal \("\." or ","\) to override$/,
  ],
];

/** A list of rows as the decoder writes it ("5, 6 and 9", "1, 2, …, (40 rows)") as numbers only ("5, 6, 9"). */
function rowNumbers(list: string): string {
  return list.replace(/, … \(\d+ rows\)$/, ", …").replace(/ and /g, ", ");
}

/**
 * A warning of the reader (shown above the data preview) in `language`: English as it is; German and Japanese by
 * the template of the pattern it matches, or as it is (English) when none does.
 */
export function readWarningText(warning: string, language: Language): string {
  if (language === "en") return warning;
  const t = messagesFor(language).problems.readWarnings;
  for (const [id, re] of READ_WARNINGS) {
    const m = re.exec(warning);
    if (m === null) continue;
    const g = m.slice(1).map((x) => x ?? "");
    if (id === "mixedEncoding") g[1] = rowNumbers(g[1]);
    // the example's place, as the detector writes it ('"12,5" (column "dauer", row 2)'), in the problems' words
    if (id === "decimalComma") {
      const p = messagesFor(language).problems;
      g[2] = g[2].replace(/\(column "(.*?)", row (\d+)\)/g, (_, column: string, row: string) => `(${p.column(column)}${p.sep}${p.row(row)})`);
    }
    return (t[id] as (...args: string[]) => string)(...g);
  }
  return warning;
}

type InferenceId = keyof ProblemTexts["inference"];

/** The reasons of the type inference (src/data/infer.ts), matched whole; constant ones by their text. */
const INFERENCE_CONSTANT: Readonly<Record<string, InferenceId>> = {
  "declared numeric": "declaredNumeric",
  "declared date": "declaredDate",
  "declared date; every value is missing": "declaredDateAllMissing",
  "declared categorical": "declaredCategorical",
  "read as text": "readAsText",
  "numbers, categorical because a reference level was given": "numbersWithReference",
  "every value is missing": "allMissing",
  "every value is a number": "allNumbers",
  "every value is a spreadsheet date": "allSpreadsheetDates",
  "text values": "text",
};
const INFERENCE_PATTERNS: readonly (readonly [InferenceId, RegExp])[] = [
  ["allDates", /^every value is a date in (\S+)$/],
  ["mostlyNumbers", /^text: (\d+) of (\d+) values are numbers, but row (\d+) has (".*"); models refuse it as a covariate with many levels unless declared \(factor\(\) or data\.types\)$/],
  ["leadingNumbers", /^text: (\d+) of (\d+) values are numbers or begin with one \(row (\d+) has (".*")\); models refuse it as a covariate with many levels unless declared \(factor\(\) or data\.types\)$/],
];

/** Why a column was read as its type (the type select's title) in `language`; as it is when no pattern matches. */
export function inferenceReasonText(reason: string, language: Language): string {
  if (language === "en") return reason;
  const t = messagesFor(language).problems.inference;
  const ref = /^(.*); reference level (".*")$/.exec(reason);
  if (ref !== null) return t.referenceLevel(inferenceReasonText(ref[1], language), ref[2]);
  const constant = INFERENCE_CONSTANT[reason];
  if (constant !== undefined) return t[constant] as string;
  for (const [id, re] of INFERENCE_PATTERNS) {
    const m = re.exec(reason);
    if (m !== null) return (t[id] as (...args: string[]) => string)(...m.slice(1));
  }
  return reason;
}

/** An issue of the spec parser as the form lists it: its path, its message and the hint when there is one. */
export interface SpecIssueView {
  readonly path: string;
  readonly message: string;
  readonly hint?: string;
}

/** The spec parser's types as it names them (src/study/spec-issues.ts describeType), by catalogue key. */
const SPEC_TYPES: Readonly<Record<string, "typeNumber" | "typeWholeNumber" | "typeText" | "typeList">> = {
  "a number": "typeNumber",
  "a whole number": "typeWholeNumber",
  "a text": "typeText",
  "a list": "typeList",
};

/** A spec issue's message in `language`, or null when no pattern matches it whole. */
function specMessage(message: string, language: Language): string | null {
  const t = messagesFor(language).problems.spec;
  const got = (v: string): string => (v === "nothing" ? t.nothing : v);
  if (message === "define at least one endpoint") return t.noEndpoint;
  if (message === "is required") return t.required;
  if (message === "must not be empty") return t.notEmpty;
  let m = /^must be (>=|>|<=|<) (\S+); got (.+)$/.exec(message);
  if (m !== null) return t.bound({ ">=": "≥", ">": ">", "<=": "≤", "<": "<" }[m[1]] ?? m[1], m[2], got(m[3]));
  m = /^must have at least (\d+) items?$/.exec(message);
  if (m !== null) return t.atLeastItems(m[1]);
  m = /^must be one of (.+); got (.+)$/.exec(message);
  if (m !== null) return t.oneOf(m[1], got(m[2]));
  m = /^must be (a number|a whole number|a text|a list); got (.+)$/.exec(message);
  if (m !== null) return t.mustBeType(t[SPEC_TYPES[m[1]]], got(m[2]));
  m = /^name the value of (.+) that means treated, e\.g\. treated: "yes"$/.exec(message);
  if (m !== null) return t.treatedValue(m[1]);
  return null;
}

/**
 * A spec issue as the form lists it, in `language`: English "path: message (hint)" as before; German and Japanese
 * the path (the spec's own key, as in study.yaml) and the message and hint by their patterns, or as they are.
 */
export function specIssueText(issue: SpecIssueView, language: Language): string {
  const english = `${issue.path}: ${issue.message}${issue.hint ? ` (${issue.hint})` : ""}`;
  if (language === "en") return english;
  const t = messagesFor(language).problems.spec;
  const message = specMessage(issue.message, language);
  if (message === null) return english;
  const near = issue.hint === undefined ? undefined : /^did you mean "(.+)"\?$/.exec(issue.hint);
  const hint = issue.hint === undefined ? undefined : near ? t.didYouMean(near[1]) : issue.hint;
  return t.issue(issue.path, hint === undefined ? message : t.hint(message, hint));
}
