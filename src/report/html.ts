/**
 * report.html: ONE self-contained file — inline CSS and inline SVG figures, no font, no image or link
 * to anywhere else, under a Content-Security-Policy that forbids every request
 * (`default-src 'none'; style-src 'unsafe-inline'; img-src data:`). No script, except when the report
 * holds a per-patient calculator (block kind "calculator"): then one constant inline script
 * (src/report/calculator-script.ts), allowed by its SHA-256 hash alone (`script-src 'sha256-…'`), and
 * the calculators' models as JSON data blocks (`<script type="application/json">`, never executed).
 * Print CSS: A4/Letter margins, each section on a new page, tables that wrap instead of overflowing (on screen a wide
 * table scrolls sideways instead)
 * (fixed layout, 100% width), figures scaled to the page width. Every string from the data goes through
 * `escapeHtml` (src/report/escape.ts); figures come from the SVG builders, which escape their own text.
 * Pure: string in, string out.
 */
import type { ReportTable } from "./csv.js";
import { type Html, escapeHtml, fragment, h, hVoid, trusted } from "./escape.js";
import { CALCULATOR_SCRIPT, CALCULATOR_SCRIPT_HASH, calculatorFormatAttributes } from "./calculator-script.js";
import { toFixedR } from "./table1.js";
import { msg } from "../i18n/messages.js";
import { currentLanguage, localizeDecimal, localizePercent, withLanguage, type Language } from "../i18n/language.js";
import {
  predictPatient,
  type CalculatorCategoricalInput,
  type CalculatorInput,
  type CalculatorNumericInput,
  type CalculatorOutput,
  type PatientCalculatorModel,
} from "../study/calculator.js";

/** CSP of a report without a calculator: no script, no request. */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/** CSP of a report with a calculator: REPORT_CSP plus the calculator script, by its hash (nothing else loosened). */
export const CALCULATOR_CSP = `${REPORT_CSP}; script-src '${CALCULATOR_SCRIPT_HASH}'`;

export interface ReportFigure {
  /** File stem under figures/ (e.g. "km-treatment"). */
  readonly id: string;
  readonly title: string;
  readonly caption?: string;
  /** SVG markup from a src/report/plots builder. */
  readonly svg: string;
}

export type ReportBlock =
  | { readonly kind: "table"; readonly id: string; readonly table: ReportTable }
  | { readonly kind: "figure"; readonly figure: ReportFigure }
  | { readonly kind: "text"; readonly text: string }
  /** `code`: column names in `text` to show in code font (a column named where no label describes it). */
  | { readonly kind: "note"; readonly text: string; readonly code?: readonly string[] }
  | { readonly kind: "list"; readonly items: readonly string[] }
  | { readonly kind: "pre"; readonly text: string }
  | { readonly kind: "calculator"; readonly id: string; readonly model: PatientCalculatorModel };

export interface ReadFirstEntry {
  /** Footnote mark, e.g. "⚠3" (the same mark as on the number concerned). */
  readonly mark: string;
  readonly text: string;
  /** Id of the section that shows the number concerned. */
  readonly section: string;
  readonly sectionTitle: string;
  /** Listed in full under "Read first" (it changes how a result is read); otherwise its mark only, in one line. */
  readonly serious?: boolean;
  /** Severity (src/report/read-first.ts readFirstTier): the list is grouped primary, serious, minor, under labels. */
  readonly tier?: "primary" | "serious" | "notEstimated" | "minor";
}

export interface ReportSection {
  readonly id: string;
  readonly title: string;
  readonly blocks: readonly ReportBlock[];
}

export interface ReportModel {
  readonly title: string;
  /** Lines under the title (software, data file, date-free so the output is reproducible). */
  readonly subtitle: readonly string[];
  /**
   * The "Read first" list after the title: every warning and every analysis not run, each with its footnote
   * mark (as on the estimate) and a link to its section. Omitted when undefined; when empty, one line says so.
   */
  readonly readFirst?: readonly ReadFirstEntry[];
  readonly sections: readonly ReportSection[];
  /** Language of the texts (the `lang` attribute); default the language in force (src/i18n/language.ts). */
  readonly language?: Language;
}

const CSS = `
:root { --ink: #111; --muted: #555; --rule: #333; --light: #ddd; }
* { box-sizing: border-box; }
html { font-family: Helvetica, Arial, "Liberation Sans", "DejaVu Sans", sans-serif; font-size: 10.5pt; color: var(--ink); background: #fff; }
body { margin: 0 auto; padding: 16px 24px; max-width: 190mm; line-height: 1.4; overflow-wrap: anywhere; }
h1 { font-size: 17pt; margin: 0 0 4px; line-height: 1.2; }
h2 { font-size: 13pt; margin: 24px 0 8px; border-bottom: 1px solid var(--rule); padding-bottom: 2px; }
h3 { font-size: 11pt; margin: 14px 0 6px; }
p { margin: 6px 0; }
.subtitle { color: var(--muted); margin: 0 0 2px; }
nav ol { columns: 2; padding-left: 20px; margin: 8px 0; }
.table-wrap { margin: 8px 0 14px; max-width: 100%; overflow-x: auto; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; font-size: 8.5pt; }
table.wide { font-size: 7.5pt; min-width: calc(var(--ncol, 8) * 6.2em + 10em); } /* on screen: scroll sideways rather than wrap every cell */
caption { caption-side: top; text-align: left; font-weight: bold; font-size: 9.5pt; padding-bottom: 4px; }
th, td { padding: 2px 4px; vertical-align: top; overflow-wrap: anywhere; word-break: break-word; hyphens: auto; }
th { font-weight: bold; text-align: center; }
th:first-child, td:first-child { text-align: left; }
td { text-align: center; }
thead tr:first-child th { border-top: 1.5px solid var(--rule); }
thead tr:last-child th { border-bottom: 1px solid var(--rule); }
tbody tr:last-child td { border-bottom: 1.5px solid var(--rule); }
td.indent { padding-left: 14px; }
.footnotes { font-size: 7.5pt; color: var(--muted); margin: 3px 0 0; padding: 0; list-style: none; }
figure { margin: 10px 0 16px; max-width: 100%; break-inside: avoid; page-break-inside: avoid; }
figure svg { display: block; width: 100%; max-width: 165mm; height: auto; }
figure svg[width="85mm"] { max-width: 85mm; } /* single-column figures keep their printed size */
figcaption { font-size: 8.5pt; color: var(--muted); margin-top: 4px; }
a.mark { text-decoration: none; }
.read-first { border: 1px solid #d55e00; background: #fdf3ee; padding: 4px 10px; margin: 10px 0; }
.read-first h2 { border-bottom: 0; margin: 4px 0; }
.read-first ul { list-style: none; padding-left: 4px; }
.read-first li { margin: 2px 0; }
.note { border-left: 3px solid #e69f00; padding: 2px 8px; background: #fff8e8; font-size: 9pt; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; font-size: 8pt; background: #f6f6f6; padding: 8px; max-width: 100%; }
ul { margin: 4px 0; padding-left: 20px; }
form.calculator { margin: 10px 0 16px; padding: 8px 12px; border: 1px solid var(--light); max-width: 100%; break-inside: avoid; page-break-inside: avoid; }
.calc-title { margin-top: 4px; }
.calc-inputs { border: 0; margin: 0; padding: 0; min-width: 0; }
.calc-inputs legend { font-weight: bold; font-size: 9.5pt; padding: 0; margin-bottom: 4px; }
.calc-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 13em), 1fr)); gap: 6px 16px; }
.calc-field { display: flex; flex-direction: column; justify-content: space-between; gap: 2px; min-width: 0; }
.calc-field label { font-size: 9pt; }
.calc-hint { color: var(--muted); font-size: 8pt; }
.calc-field input, .calc-field select { font: inherit; width: 100%; min-width: 0; max-width: 100%; padding: 2px 4px; }
.calc-field input[aria-invalid="true"] { outline: 2px solid #d55e00; }
.calc-outputs { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 13em), 1fr)); gap: 6px 16px; margin: 10px 0 4px; }
.calc-output { display: flex; flex-direction: column; min-width: 0; }
.calc-output label { font-size: 9pt; }
.calc-output output { font-size: 15pt; font-weight: bold; font-variant-numeric: tabular-nums; }
.calc-warning { border-left: 3px solid #d55e00; padding: 2px 8px; background: #fdeee6; font-size: 9pt; }
.calc-static { color: var(--muted); font-size: 8.5pt; }
.calc-notes { font-size: 8.5pt; color: var(--muted); }
[hidden] { display: none !important; }
@page { size: A4; margin: 15mm 14mm; }
@media print {
  html { font-size: 9.5pt; }
  body { max-width: none; padding: 0; }
  nav { display: none; }
  section.page { break-before: page; page-break-before: always; }
  h2, h3, caption { break-after: avoid; page-break-after: avoid; }
  tr, figure { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  .table-wrap { overflow: visible; }
  table.wide { min-width: 0; }
  form.calculator { border: 0; padding: 0; }
  .calc-field input, .calc-field select { border: 0; padding: 0; background: none; color: inherit; opacity: 1; font-weight: bold; appearance: none; -webkit-appearance: none; -moz-appearance: textfield; }
  .calc-field input::-webkit-inner-spin-button, .calc-field input::-webkit-outer-spin-button { -webkit-appearance: none; margin: 0; }
  .calc-field input[aria-invalid="true"] { outline: 0; text-decoration: underline wavy #d55e00; }
}
`;

/**
 * Extra CSS of a language: Japanese text gets a CJK font ahead of the Latin stack (Noto Sans CJK JP is Debian's
 * fonts-noto-cjk) and breaks lines anywhere a CJK line may break. English adds nothing (its report is unchanged).
 */
const CSS_BY_LANGUAGE: Partial<Record<Language, string>> = {
  ja: `html { font-family: Helvetica, Arial, "Liberation Sans", "Noto Sans CJK JP", "Noto Sans JP", "Hiragino Sans", "Yu Gothic", "DejaVu Sans", sans-serif; line-break: strict; }\n`,
};

/** A warning mark in a text: "⚠3" or "⚠1,2" (the numbers of the Read-first entries). */
const MARK = /⚠(\d+(?:,\d+)*)/g;

/**
 * A text with each warning mark made a link to its Read-first entry (`#read-first-N`), the rest escaped:
 * "HR 0.72 ⚠1,2" → HR 0.72 <a href="#read-first-1">⚠1</a>,<a href="#read-first-2">2</a>.
 */
export function withMarkLinks(text: string): Html {
  const parts: (string | Html)[] = [];
  let last = 0;
  for (const m of text.matchAll(MARK)) {
    const at = m.index ?? 0;
    if (at > last) parts.push(text.slice(last, at));
    m[1].split(",").forEach((k, i) => {
      if (i > 0) parts.push(",");
      parts.push(h("a", { href: `#read-first-${k}`, class: "mark", title: msg().html.warningLink(k) }, i === 0 ? `⚠${k}` : k));
    });
    last = at + m[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return fragment(...parts);
}

/** `text` cut at every occurrence of the strings of `code`: the plain parts and the code parts between them, in order. */
function withCode(text: string, code: readonly string[]): (string | { readonly code: string })[] {
  const out: (string | { readonly code: string })[] = [];
  let rest = text;
  for (;;) {
    const hits = code.filter((c) => c !== "" && rest.includes(c)).map((c) => ({ c, at: rest.indexOf(c) }));
    if (hits.length === 0) break;
    const first = hits.reduce((a, b) => (b.at < a.at || (b.at === a.at && b.c.length > a.c.length) ? b : a));
    if (first.at > 0) out.push(rest.slice(0, first.at));
    out.push({ code: first.c });
    rest = rest.slice(first.at + first.c.length);
  }
  if (rest !== "" || out.length === 0) out.push(rest);
  return out;
}

/** A ReportTable as an HTML table (escaped; header spans kept; sub-rows indented; footnotes below). */
export function tableHtml(t: ReportTable, id?: string): Html {
  const ncol = Math.max(0, ...t.rows.map((r) => r.length), ...t.headers.map((hr) => hr.reduce((s, c) => s + (typeof c === "string" ? 1 : c.span), 0)));
  const head = h(
    "thead",
    {},
    ...t.headers.map((hr) =>
      h(
        "tr",
        {},
        ...hr.map((c) => (typeof c === "string" ? h("th", { scope: "col" }, withMarkLinks(c)) : h("th", { scope: "colgroup", colspan: c.span }, withMarkLinks(c.text)))),
      ),
    ),
  );
  const body = h(
    "tbody",
    {},
    ...t.rows.map((r, i) => h("tr", {}, ...r.map((c, j) => h("td", { class: j === 0 && t.indented?.[i] === true ? "indent" : null }, withMarkLinks(c))))),
  );
  // first column wider: labels wrap less than numbers
  const first = ncol <= 2 ? 45 : ncol <= 4 ? 34 : ncol <= 7 ? 24 : 17;
  const rest = ncol > 1 ? (100 - first) / (ncol - 1) : 0;
  const cols = h("colgroup", {}, ...Array.from({ length: ncol }, (_, k) => hVoid("col", { style: `width:${(k === 0 ? first : rest).toFixed(2)}%` })));
  // a wide table gets a minimum width from its column count (CSS --ncol): the screen scrolls it sideways; print fits the page
  const table = h("table", { class: ncol > 7 ? "wide" : null, style: ncol > 7 ? `--ncol:${ncol}` : null, id: id ?? null }, h("caption", {}, withMarkLinks(t.title)), cols, head, body);
  const notes = t.footnotes.length > 0 ? h("ul", { class: "footnotes" }, ...t.footnotes.map((f) => h("li", {}, withMarkLinks(f)))) : null;
  return h("div", { class: "table-wrap" }, table, notes);
}

/** Inline form of an SVG figure: the XML declaration and the namespace attribute are dropped (HTML puts <svg> in its namespace). */
export function inlineSvg(svg: string): Html {
  const s = svg.replace(/^<\?xml[^>]*\?>\s*/, "").replace(/^<svg([^>]*?) xmlns="http:\/\/www\.w3\.org\/2000\/svg"/, "<svg$1");
  return trusted(s);
}

function figureHtml(f: ReportFigure): Html {
  return h("figure", { id: `fig-${f.id}` }, inlineSvg(f.svg), h("figcaption", {}, h("strong", {}, withMarkLinks(f.title)), f.caption ? withMarkLinks(` ${f.caption}`) : null));
}

/**
 * JSON for a `<script type="application/json">` data block: "<", ">", "&", U+2028 and U+2029 written as
 * \uXXXX escapes, so no "</script>" or "<!--" can end or change the block, whatever the strings hold;
 * non-finite numbers (which JSON lacks) as the strings "NaN", "Infinity", "-Infinity".
 *
 * @example
 * ```ts
 * scriptJson({ label: "</script>" }); // '{"label":"\\u003c/script\\u003e"}'
 * ```
 */
export function scriptJson(value: unknown): string {
  const json = JSON.stringify(value, (_key, v: unknown) => (typeof v === "number" && !Number.isFinite(v) ? String(v) : v)) ?? "null";
  return json.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** A probability as the calculator prints it: percent with 1 decimal (R's rounding of halves), "–" when not a number. */
export function formatCalculatorPercent(p: number): string {
  if (!Number.isFinite(p)) return "–";
  const text = toFixedR(100 * p, 1);
  return localizePercent(`${localizeDecimal(text === "-0.0" ? "0.0" : text)}%`);
}

/** The values a calculator starts from: each input's `value` (median of the data, most frequent level). */
export function calculatorStartValues(model: PatientCalculatorModel): Record<string, number | string> {
  const values: Record<string, number | string> = {};
  for (const input of model.inputs) values[input.name] = input.value;
  return values;
}

/** Whether a numeric value lies outside the data's range [min, max] (extrapolation). */
function outsideRange(input: CalculatorNumericInput, x: number): boolean {
  return Number.isFinite(x) && (x < input.min || x > input.max);
}

/** A number for a label: at most 4 significant digits, no trailing zeros. */
function shortNumber(x: number): string {
  return Number.isFinite(x) ? String(Number(x.toPrecision(4))) : String(x);
}

/** Element ids may hold no space; the calculator's id becomes a token (the data never reach an id unescaped anyway). */
function idToken(id: string): string {
  return id.replace(/[^A-Za-z0-9_-]/g, "-");
}

function numericFieldHtml(input: CalculatorNumericInput, index: number, fieldId: string): Html {
  const range = msg().html.calcData(localizeDecimal(shortNumber(input.min)), localizeDecimal(shortNumber(input.max)));
  return h(
    "div",
    { class: "calc-field" },
    h("label", { for: fieldId }, input.label, " ", h("span", { class: "calc-hint" }, `(${range})`)),
    hVoid("input", {
      type: "number",
      id: fieldId,
      name: input.name,
      min: input.min,
      max: input.max,
      step: "any",
      value: input.value,
      "data-input": index,
      "aria-invalid": outsideRange(input, input.value) ? "true" : null,
    }),
  );
}

function categoricalFieldHtml(input: CalculatorCategoricalInput, index: number, fieldId: string): Html {
  const options = input.levels.map((level) => h("option", { value: level, selected: level === input.value }, level));
  return h(
    "div",
    { class: "calc-field" },
    h("label", { for: fieldId }, input.label),
    h("select", { id: fieldId, name: input.name, "data-input": index }, ...options),
  );
}

function fieldHtml(input: CalculatorInput, index: number, fieldId: string): Html {
  return input.kind === "numeric" ? numericFieldHtml(input, index, fieldId) : categoricalFieldHtml(input, index, fieldId);
}

function outputHtml(output: CalculatorOutput, index: number, value: number, outputId: string, fieldIds: readonly string[]): Html {
  return h(
    "div",
    { class: "calc-output" },
    h("label", { for: outputId }, output.label),
    h("output", { id: outputId, for: fieldIds.join(" "), "data-output": index, "data-value": String(value), "aria-live": "polite" }, formatCalculatorPercent(value)),
  );
}

/**
 * A per-patient calculator: a form with one labelled field per input (starting at the median / most
 * frequent level), one `<output>` per prediction holding `predictPatient` at those values (so a printout
 * or a page without scripts shows the median patient), the notes, a warning shown when a value leaves the
 * data's range, and the model as a JSON data block that CALCULATOR_SCRIPT reads.
 */
export function calculatorHtml(id: string, model: PatientCalculatorModel): Html {
  const formId = `calc-${idToken(id)}`;
  const modelId = `${formId}-model`;
  const titleId = `${formId}-title`;
  const fieldIds = model.inputs.map((_, i) => `${formId}-x${i}`);
  const start = predictPatient(model, calculatorStartValues(model));
  const outside = model.inputs.some((input) => input.kind === "numeric" && outsideRange(input, input.value));
  const form = h(
    "form",
    { class: "calculator", id: formId, "data-calculator": "", "data-model": modelId, ...calculatorFormatAttributes(), "aria-labelledby": titleId, autocomplete: "off" },
    h("h3", { class: "calc-title", id: titleId }, model.title),
    h(
      "fieldset",
      { class: "calc-inputs", disabled: true },
      h("legend", {}, msg().html.calcPatient),
      h("div", { class: "calc-grid" }, ...model.inputs.map((input, i) => fieldHtml(input, i, fieldIds[i]))),
    ),
    h("p", { class: "calc-warning", role: "status", "data-range-warning": "", hidden: !outside }, msg().html.calcOutside),
    h("div", { class: "calc-outputs" }, ...model.outputs.map((o, i) => outputHtml(o, i, start[i].value, `${formId}-y${i}`, fieldIds))),
    h(
      "p",
      { class: "calc-static", "data-static-note": "" },
      msg().html.calcStatic,
    ),
    model.notes.length > 0 ? h("ul", { class: "calc-notes" }, ...model.notes.map((n) => h("li", {}, n))) : null,
  );
  return fragment(form, h("script", { type: "application/json", id: modelId }, trusted(scriptJson(model))));
}

function hasCalculator(model: ReportModel): boolean {
  return model.sections.some((s) => s.blocks.some((b) => b.kind === "calculator"));
}

function blockHtml(b: ReportBlock): Html {
  switch (b.kind) {
    case "table":
      return tableHtml(b.table, `tab-${b.id}`);
    case "figure":
      return figureHtml(b.figure);
    case "text":
      return h("p", {}, withMarkLinks(b.text));
    case "note":
      return h("p", { class: "note" }, ...withCode(b.text, b.code ?? []).map((part) => (typeof part === "string" ? withMarkLinks(part) : h("code", {}, part.code))));
    case "list":
      return h("ul", {}, ...b.items.map((i) => h("li", {}, withMarkLinks(i))));
    case "pre":
      return h("pre", {}, b.text);
    case "calculator":
      return calculatorHtml(b.id, b.model);
  }
}

/** The "Read first" box: one item per warning or analysis not run, its mark, its text and a link to its section. */
export function readFirstHtml(entries: readonly ReadFirstEntry[] | undefined): Html | null {
  if (entries === undefined) return null;
  const item = (e: ReadFirstEntry): Html => h("li", { id: `read-first-${e.mark.replace(/[^0-9]/g, "")}` }, h("strong", {}, e.mark), " ", e.text, " (", h("a", { href: `#${e.section}` }, e.sectionTitle), ")");
  const listed = entries.filter((e) => e.serious !== false);
  // grouped by severity when the entries carry it (issue 19): the primary result, other shown numbers, minor notes
  const tiers: readonly { readonly tier: NonNullable<ReadFirstEntry["tier"]>; readonly title: string }[] = [
    { tier: "primary", title: msg().html.tierPrimary },
    { tier: "serious", title: msg().html.tierSerious },
    { tier: "notEstimated", title: msg().html.tierNotEstimated },
    { tier: "minor", title: msg().html.tierMinor },
  ];
  const grouped = listed.length > 0 && listed.every((e) => e.tier !== undefined);
  const body =
    entries.length === 0
      ? h("p", {}, msg().html.noWarnings)
      : grouped
        ? h(
            "div",
            { class: "read-first-groups" },
            ...tiers.flatMap(({ tier, title }) => {
              const own = listed.filter((e) => e.tier === tier);
              return own.length === 0 ? [] : [h("h3", { class: `read-first-tier read-first-${tier}` }, title), h("ul", { class: "read-first-list" }, ...own.map(item))];
            }),
          )
        : h("ul", { class: "read-first-list" }, ...listed.map(item));
  // the other notes: their marks in one line, each linking to the section that lists its text (the marks on numbers link here)
  const minor = entries.filter((e) => e.serious === false);
  const rest =
    minor.length === 0
      ? null
      : h(
          "p",
          { class: "note" },
          msg().html.furtherNotes(minor.length),
          ...minor.flatMap((e, k) => [k === 0 ? "" : ", ", h("a", { id: `read-first-${e.mark.replace(/[^0-9]/g, "")}`, href: `#${e.section}` }, `${e.mark} ${e.sectionTitle}`)]),
          ".",
        );
  return h("section", { id: "read-first", class: "read-first", "aria-label": msg().html.readFirst }, h("h2", {}, msg().html.readFirst), body, rest);
}

/**
 * The whole report as one HTML document.
 *
 * @example
 * ```ts
 * const html = reportHtml({ title: "Study", subtitle: ["survinfer 0.1.0"], sections: [{ id: "flow", title: "Patient flow", blocks: [{ kind: "text", text: "64 patients" }] }] });
 * html.startsWith("<!DOCTYPE html>"); // true
 * ```
 */
export function reportHtml(model: ReportModel): string {
  return withLanguage(model.language ?? currentLanguage(), () => documentHtml(model));
}

function documentHtml(model: ReportModel): string {
  const calculator = hasCalculator(model);
  const head = h(
    "head",
    {},
    hVoid("meta", { charset: "utf-8" }),
    hVoid("meta", { "http-equiv": "Content-Security-Policy", content: calculator ? CALCULATOR_CSP : REPORT_CSP }),
    hVoid("meta", { name: "viewport", content: "width=device-width, initial-scale=1" }),
    hVoid("meta", { name: "referrer", content: "no-referrer" }),
    hVoid("meta", { name: "generator", content: "survinfer" }),
    h("title", {}, model.title),
    h("style", {}, trusted(CSS + (CSS_BY_LANGUAGE[model.language ?? currentLanguage()] ?? ""))),
  );
  const nav = h("nav", { "aria-label": msg().html.contents }, h("ol", {}, ...model.sections.map((s) => h("li", {}, h("a", { href: `#${s.id}` }, s.title)))));
  const sections = model.sections.map((s, i) => h("section", { id: s.id, class: i === 0 ? null : "page" }, h("h2", {}, s.title), ...s.blocks.map(blockHtml)));
  const header = h("header", {}, h("h1", {}, model.title), ...model.subtitle.map((l) => h("p", { class: "subtitle" }, l)));
  // the calculator script once, after the content (the forms exist when it runs)
  const script = calculator ? h("script", {}, trusted(CALCULATOR_SCRIPT)) : null;
  const body = h("body", {}, header, readFirstHtml(model.readFirst), nav, h("main", {}, ...sections), script);
  return `<!DOCTYPE html>\n${h("html", { lang: model.language ?? currentLanguage() }, head, body).html}\n`;
}

export { escapeHtml, fragment };
