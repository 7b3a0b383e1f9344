/**
 * The per-patient calculator block of report.html (src/report/html.ts) and its one inline script
 * (src/report/calculator-script.ts), in Node: escaping of hostile labels and levels in the form and in
 * the JSON data block, starting outputs equal to predictPatient (src/study/calculator.ts), the CSP that
 * names the script's hash only when a calculator is present, and the hash constant itself. The script
 * is also run here against a minimal stand-in for the DOM built from the rendered markup, so that its
 * formula and its rounding are checked against predictPatient without a browser
 * (test/e2e/report-calculator.test.ts does the same in Chromium).
 */
import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CALCULATOR_SCRIPT, CALCULATOR_SCRIPT_HASH } from "../../src/report/calculator-script.js";
import { CALCULATOR_CSP, REPORT_CSP, calculatorHtml, formatCalculatorPercent, reportHtml, scriptJson, type ReportModel } from "../../src/report/html.js";
import { toFixedR } from "../../src/report/table1.js";
import { withLanguage } from "../../src/i18n/language.js";
import { predictPatient, type PatientCalculatorModel } from "../../src/study/calculator.js";
import { assertProperty, property } from "../helpers/property.js";

const HOSTILE = "</script><img src=x onerror=alert(1)>";

/** Two numeric inputs, one categorical (with a hostile level), a survival and a probability output. */
const MODEL: PatientCalculatorModel = {
  title: `Calculator ${HOSTILE}`,
  inputs: [
    { kind: "numeric", name: "age_primary", label: `Age ${HOSTILE}`, min: 24, max: 79, value: 55 },
    { kind: "numeric", name: "n_lung_mets", label: "Number of lung metastases", min: 1, max: 12, value: 2 },
    { kind: "categorical", name: "timing", label: `Timing ${HOSTILE}`, levels: ["metachronous", HOSTILE, "a & b \u2028 \"q\" 'q'"], value: "metachronous" },
  ],
  outputs: [
    {
      kind: "survival",
      id: "os",
      label: `Overall survival at 60 months ${HOSTILE}`,
      time: 60,
      unit: "months",
      baselineSurv: 0.48,
      centre: 1.3,
      score: { intercept: 0, numeric: { age_primary: 0.021, n_lung_mets: 0.18 }, levels: { timing: { metachronous: 0, [HOSTILE]: 0.64, "a & b \u2028 \"q\" 'q'": -0.2 } } },
    },
    {
      kind: "probability",
      id: "cure",
      label: "Probability of cure",
      score: { intercept: 1.1, numeric: { age_primary: -0.03, n_lung_mets: -0.25 }, levels: { timing: { metachronous: 0, [HOSTILE]: -0.9, "a & b \u2028 \"q\" 'q'": 0.3 } } },
    },
  ],
  notes: [`Internal validation only ${HOSTILE}`],
};

function report(blocks: ReportModel["sections"][number]["blocks"]): string {
  return reportHtml({ title: "Study", subtitle: [], sections: [{ id: "prediction", title: "Prediction", blocks }] });
}

function cspOf(html: string): string {
  const m = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
  if (!m) throw new Error("no CSP meta tag");
  return m[1].replace(/&#39;/g, "'");
}

/** Contents of the <script> elements: executable ones (no type) and JSON data blocks. */
function scripts(html: string): { type: string | null; id: string | null; text: string }[] {
  return [...html.matchAll(/<script((?:\s[^>]*)?)>([\s\S]*?)<\/script>/g)].map((m) => ({
    type: /\stype="([^"]*)"/.exec(m[1])?.[1] ?? null,
    id: /\sid="([^"]*)"/.exec(m[1])?.[1] ?? null,
    text: m[2],
  }));
}

function decodeEntities(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|#39);/g, (_m, e: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" })[e] ?? "");
}

function attrsOf(raw: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of raw.matchAll(/\s([a-z][a-z0-9-]*)(?:="([^"]*)")?/g)) out.set(m[1], decodeEntities(m[2] ?? ""));
  return out;
}

/** Text content of the elements with tag `tag` (no nested tags of the same name). */
function elements(html: string, tag: string): { attrs: Map<string, string>; text: string }[] {
  return [...html.matchAll(new RegExp(`<${tag}(\\s[^>]*)?>([\\s\\S]*?)</${tag}>`, "g"))].map((m) => ({
    attrs: attrsOf(m[1] ?? ""),
    text: decodeEntities(m[2].replace(/<[^>]*>/g, "")),
  }));
}

describe("CALCULATOR_SCRIPT", () => {
  it("has CALCULATOR_SCRIPT_HASH as the base64 SHA-256 of its exact text", () => {
    const hash = `sha256-${createHash("sha256").update(CALCULATOR_SCRIPT, "utf8").digest("base64")}`;
    expect(CALCULATOR_SCRIPT_HASH).toBe(hash);
    expect(createHash("sha256").update(`${CALCULATOR_SCRIPT} `, "utf8").digest("base64")).not.toBe(hash.slice(7));
  });

  it("is plain ASCII with no end tag, comment opener, eval, innerHTML or module syntax", () => {
    expect(CALCULATOR_SCRIPT).toMatch(/^[\x20-\x7e\n]*$/);
    expect(CALCULATOR_SCRIPT).not.toMatch(/<\/?script|<!--/i);
    expect(CALCULATOR_SCRIPT).not.toMatch(/\beval\b|\bFunction\(|innerHTML|outerHTML|insertAdjacentHTML|document\.write|\bimport\b|\bexport\b|=>|`/);
  });
});

describe("scriptJson", () => {
  it("escapes <, >, &, U+2028 and U+2029 and parses back to the same value", () => {
    const value = { a: HOSTILE, b: "<!-- & \u2028\u2029 -->", c: [1.5, -0] };
    const json = scriptJson(value);
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(json).toContain("\\u003c/script\\u003e\\u003cimg");
    expect(json).toContain("\\u0026 \\u2028\\u2029");
    expect(JSON.parse(json)).toEqual({ ...value, c: [1.5, 0] });
  });

  it("writes non-finite numbers as strings (JSON has none)", () => {
    expect(JSON.parse(scriptJson({ x: [Number.NaN, Infinity, -Infinity, 2] }))).toEqual({ x: ["NaN", "Infinity", "-Infinity", 2] });
  });
});

describe("calculator block in report.html", () => {
  const html = report([{ kind: "text", text: "before" }, { kind: "calculator", id: "os", model: MODEL }]);
  const plain = report([{ kind: "text", text: "no calculator" }]);

  it("escapes hostile labels, levels, title and notes in the form", () => {
    const form = /<form[\s\S]*?<\/form>/.exec(html)?.[0] ?? "";
    expect(form).not.toBe("");
    expect(form).not.toMatch(/<img|<\/script|onerror=alert\(1\)>/i);
    expect(form).toContain("&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;");
    const options = elements(form, "option");
    expect(options.map((o) => o.attrs.get("value"))).toEqual(MODEL.inputs[2].kind === "categorical" ? [...MODEL.inputs[2].levels] : []);
    expect(options.map((o) => o.text)).toEqual(options.map((o) => o.attrs.get("value")));
    expect(elements(form, "label").map((l) => l.text)).toEqual([
      `Age ${HOSTILE} (data 24–79)`,
      "Number of lung metastases (data 1–12)",
      `Timing ${HOSTILE}`,
      `Overall survival at 60 months ${HOSTILE}`,
      "Probability of cure",
    ]);
  });

  it("writes the model as a JSON data block that no string can end early, and it parses back to the model", () => {
    const data = scripts(html).filter((s) => s.type === "application/json");
    expect(data).toHaveLength(1);
    expect(data[0].id).toBe("calc-os-model");
    expect(data[0].text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(data[0].text)).toEqual(MODEL);
    expect(html).not.toMatch(/<img/i);
  });

  it("shows predictPatient at the starting values (median patient) in every output, in text and in data-value", () => {
    const start = { age_primary: 55, n_lung_mets: 2, timing: "metachronous" };
    const expected = predictPatient(MODEL, start);
    const outputs = elements(html, "output");
    expect(outputs).toHaveLength(2);
    outputs.forEach((o, i) => {
      expect(o.attrs.get("data-output")).toBe(String(i));
      expect(Number(o.attrs.get("data-value"))).toBe(expected[i].value);
      expect(o.text).toBe(formatCalculatorPercent(expected[i].value));
      expect(o.text).toBe(`${toFixedR(100 * expected[i].value, 1)}%`);
    });
    expect(expected[0].value).toBeGreaterThan(0);
    expect(expected[0].value).toBeLessThan(1);
  });

  it("starts with the fields disabled, the scripts-off note shown and the range warning hidden", () => {
    expect(html).toMatch(/<fieldset class="calc-inputs" disabled>/);
    expect(html).toMatch(/<p class="calc-static" data-static-note="">/);
    expect(html).toMatch(/<p class="calc-warning" role="status" data-range-warning="" hidden>/);
    expect(html).toMatch(/<input type="number" id="calc-os-x0" name="age_primary" min="24" max="79" step="any" value="55" data-input="0">/);
  });

  it("shows the range warning from the start when a starting value lies outside the data's range", () => {
    const odd: PatientCalculatorModel = { ...MODEL, inputs: [{ kind: "numeric", name: "age_primary", label: "Age", min: 24, max: 79, value: 90 }, ...MODEL.inputs.slice(1)] };
    const block = calculatorHtml("x", odd).html;
    expect(block).toMatch(/data-range-warning="">/);
    expect(block).not.toMatch(/data-range-warning="" hidden>/);
    expect(block).toContain('aria-invalid="true"');
  });

  it("uses the CSP with the script's hash only when a calculator block is present", () => {
    expect(cspOf(plain)).toBe(REPORT_CSP);
    expect(plain).not.toMatch(/<script|script-src|sha256-/i);
    expect(cspOf(html)).toBe(CALCULATOR_CSP);
    expect(CALCULATOR_CSP).toBe(`${REPORT_CSP}; script-src '${CALCULATOR_SCRIPT_HASH}'`);
    expect(cspOf(html).split("; ")).toEqual([...REPORT_CSP.split("; "), `script-src '${CALCULATOR_SCRIPT_HASH}'`]);
  });

  it("holds the script once, after the content, as the exact hashed text, even with two calculators", () => {
    const two = report([{ kind: "calculator", id: "a", model: MODEL }, { kind: "calculator", id: "b", model: MODEL }]);
    const all = scripts(two);
    const executable = all.filter((s) => s.type === null);
    expect(executable).toHaveLength(1);
    expect(executable[0].text).toBe(CALCULATOR_SCRIPT);
    expect(all.filter((s) => s.type === "application/json").map((s) => s.id)).toEqual(["calc-a-model", "calc-b-model"]);
    expect(two.endsWith(`<script>${CALCULATOR_SCRIPT}</script></body></html>\n`)).toBe(true);
    expect(two.lastIndexOf("</main>")).toBeLessThan(two.indexOf(`<script>${CALCULATOR_SCRIPT}`));
  });
});

// ---- the script against a stand-in DOM built from the rendered markup ----

class FakeElement {
  readonly attrs: Map<string, string>;
  value = "";
  textContent = "";
  hidden: boolean;
  disabled: boolean;
  readonly listeners = new Map<string, (() => void)[]>();
  constructor(attrs: Map<string, string>, text = "") {
    this.attrs = new Map(attrs);
    this.textContent = text;
    this.hidden = attrs.has("hidden");
    this.disabled = attrs.has("disabled");
  }
  getAttribute(name: string): string | null {
    return this.attrs.get(name) ?? null;
  }
  setAttribute(name: string, value: string): void {
    this.attrs.set(name, String(value));
  }
  addEventListener(type: string, fn: () => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), fn]);
  }
  dispatch(type: string): void {
    for (const fn of this.listeners.get(type) ?? []) fn();
  }
}

interface FakeCalculator {
  readonly form: FakeElement;
  readonly fields: FakeElement[];
  readonly outputs: FakeElement[];
  readonly warning: FakeElement;
  readonly fieldset: FakeElement;
  readonly note: FakeElement;
}

/** The elements CALCULATOR_SCRIPT touches, taken from one rendered calculator, and a `document` that finds them. */
function fakeDom(markup: string): { calc: FakeCalculator; document: object } {
  const tag = (name: string) => [...markup.matchAll(new RegExp(`<${name}(\\s[^>]*)?>`, "g"))].map((m) => new FakeElement(attrsOf(m[1] ?? "")));
  const form = tag("form")[0];
  const fieldset = tag("fieldset")[0];
  const fields = [...markup.matchAll(/<(input|select)(\s[^>]*)>/g)].map((m) => {
    const el = new FakeElement(attrsOf(m[2]));
    if (m[1] === "input") el.value = el.getAttribute("value") ?? "";
    return el;
  });
  for (const [i, sel] of [...markup.matchAll(/<select[\s\S]*?<\/select>/g)].entries()) {
    const selected = elements(sel[0], "option").find((o) => o.attrs.has("selected"));
    const el = fields.filter((f) => !f.attrs.has("type"))[i];
    el.value = selected?.attrs.get("value") ?? "";
  }
  const outputs = elements(markup, "output").map((o) => new FakeElement(o.attrs, o.text));
  const paragraphs = tag("p");
  const warning = paragraphs.find((p) => p.attrs.has("data-range-warning")) as FakeElement;
  const note = paragraphs.find((p) => p.attrs.has("data-static-note")) as FakeElement;
  const json = scripts(markup).find((s) => s.type === "application/json");
  const holder = new FakeElement(new Map([["id", json?.id ?? ""]]), json?.text ?? "");
  const select = (selector: string): FakeElement[] =>
    selector === "[data-input]" ? fields : selector === "output[data-output]" ? outputs : selector === "[data-range-warning]" ? [warning] : selector === "fieldset" ? [fieldset] : selector === "[data-static-note]" ? [note] : [];
  Object.assign(form, { querySelectorAll: select, querySelector: (s: string) => select(s)[0] ?? null });
  const document = {
    querySelectorAll: (s: string) => (s === "form[data-calculator]" ? [form] : []),
    getElementById: (id: string) => (id === holder.getAttribute("id") ? holder : null),
  };
  return { calc: { form, fields, outputs, warning, fieldset, note }, document };
}

/** Runs CALCULATOR_SCRIPT (a classic script reading the global `document`) against a stand-in document. */
function runScript(document: object): void {
  new Function("document", CALCULATOR_SCRIPT)(document);
}

function setValues(calc: FakeCalculator, values: readonly string[]): void {
  values.forEach((v, i) => {
    calc.fields[i].value = v;
  });
  calc.form.dispatch("input");
}

describe("CALCULATOR_SCRIPT computes what predictPatient computes", () => {
  it("enables the fields, hides the scripts-off note and keeps the starting outputs", () => {
    const markup = calculatorHtml("os", MODEL).html;
    const { calc, document } = fakeDom(markup);
    const before = calc.outputs.map((o) => [o.textContent, o.getAttribute("data-value")]);
    expect(calc.fieldset.disabled).toBe(true);
    runScript(document);
    expect(calc.fieldset.disabled).toBe(false);
    expect(calc.note.hidden).toBe(true);
    expect(calc.warning.hidden).toBe(true);
    expect(calc.outputs.map((o) => [o.textContent, o.getAttribute("data-value")])).toEqual(before);
  });

  it("gives predictPatient's value (bit for bit) and its display for any entered values and levels", () => {
    const { calc, document } = fakeDom(calculatorHtml("os", MODEL).html);
    runScript(document);
    const levels = MODEL.inputs[2].kind === "categorical" ? MODEL.inputs[2].levels : [];
    assertProperty(
      property(fc.double({ min: 0, max: 110, noNaN: true }), fc.integer({ min: 0, max: 20 }), fc.constantFrom(...levels), (age, mets, timing) => {
        setValues(calc, [String(age), String(mets), timing]);
        const expected = predictPatient(MODEL, { age_primary: age, n_lung_mets: mets, timing });
        calc.outputs.forEach((o, i) => {
          expect(o.getAttribute("data-value")).toBe(String(expected[i].value));
          expect(o.textContent).toBe(formatCalculatorPercent(expected[i].value));
        });
        const outside = age < 24 || age > 79 || mets > 12 || mets < 1;
        expect(calc.warning.hidden).toBe(!outside);
      }),
      { seed: 20240601, numRuns: 300 },
    );
  });

  it("shows the range warning outside [min, max] and marks the field, and a dash for an empty field", () => {
    const { calc, document } = fakeDom(calculatorHtml("os", MODEL).html);
    runScript(document);
    setValues(calc, ["80", "2", "metachronous"]);
    expect(calc.warning.hidden).toBe(false);
    expect(calc.fields[0].getAttribute("aria-invalid")).toBe("true");
    setValues(calc, ["79", "2", "metachronous"]);
    expect(calc.warning.hidden).toBe(true);
    expect(calc.fields[0].getAttribute("aria-invalid")).toBe("false");
    setValues(calc, ["", "2", "metachronous"]);
    expect(calc.outputs.map((o) => o.textContent)).toEqual(["–", "–"]);
    expect(calc.outputs.map((o) => o.getAttribute("data-value"))).toEqual(["NaN", "NaN"]);
    expect(calc.warning.hidden).toBe(true);
  });

  it("rounds exact binary halves to even, as R's sprintf and toFixedR do (56.25 → 56.2, 43.75 → 43.8)", () => {
    for (const [baselineSurv, text] of [[0.5625, "56.2%"], [0.4375, "43.8%"], [0.0625, "6.2%"], [0.5, "50.0%"], [1, "100.0%"], [0, "0.0%"]] as const) {
      const model: PatientCalculatorModel = {
        title: "t",
        inputs: [{ kind: "numeric", name: "x", label: "x", min: 0, max: 1, value: 0.5 }],
        outputs: [{ kind: "survival", id: "s", label: "S", time: 1, unit: "y", baselineSurv, centre: 0, score: { intercept: 0, numeric: { x: 0 }, levels: {} } }],
        notes: [],
      };
      const markup = calculatorHtml("h", model).html;
      expect(elements(markup, "output")[0].text).toBe(text);
      const { calc, document } = fakeDom(markup);
      runScript(document);
      setValues(calc, ["0.25"]);
      expect(calc.outputs[0].textContent).toBe(text);
      expect(formatCalculatorPercent(baselineSurv)).toBe(text);
    }
  });

  it("reads non-finite coefficients as predictPatient does (Infinity, not null)", () => {
    const model: PatientCalculatorModel = {
      title: "t",
      inputs: [{ kind: "numeric", name: "x", label: "x", min: -1, max: 1, value: 0 }],
      outputs: [{ kind: "probability", id: "p", label: "P", score: { intercept: 0, numeric: { x: Infinity }, levels: {} } }],
      notes: [],
    };
    const { calc, document } = fakeDom(calculatorHtml("inf", model).html);
    runScript(document);
    for (const x of ["0.5", "-0.5"]) {
      setValues(calc, [x]);
      expect(calc.outputs[0].getAttribute("data-value")).toBe(String(predictPatient(model, { x: Number(x) })[0].value));
    }
    expect(calc.outputs[0].textContent).toBe("0.0%");
  });
});

describe("CALCULATOR_SCRIPT prints the number format of the report's language (issue 19)", () => {
  const NBSP = "\u00a0";
  for (const [lang, pattern] of [
    ["de", new RegExp(`^\\d+,\\d${NBSP}%$`)],
    ["ja", /^\d+\.\d%$/],
    ["en", /^\d+\.\d%$/],
  ] as const) {
    it(`${lang}: after an entry, each output reads as formatCalculatorPercent writes it in ${lang} (${lang === "de" ? "84,1 % with a no-break space" : "84.1%"})`, () => {
      const markup = withLanguage(lang, () => calculatorHtml("os", MODEL).html);
      const { calc, document } = fakeDom(markup);
      const before = calc.outputs.map((o) => o.textContent);
      runScript(document);
      // the script's first pass leaves the server-rendered text as it was
      expect(calc.outputs.map((o) => o.textContent)).toEqual(before);
      for (const values of [["55", "2", "metachronous"], ["70.5", "7", HOSTILE], ["31", "1", "metachronous"]]) {
        setValues(calc, values);
        const expected = predictPatient(MODEL, { age_primary: Number(values[0]), n_lung_mets: Number(values[1]), timing: values[2] });
        calc.outputs.forEach((o, i) => {
          expect(o.textContent).toBe(withLanguage(lang, () => formatCalculatorPercent(expected[i].value)));
          expect(o.textContent).toMatch(pattern);
          // data-value stays the full number with a point, for programs
          expect(o.getAttribute("data-value")).toBe(String(expected[i].value));
        });
      }
      setValues(calc, ["", "2", "metachronous"]);
      expect(calc.outputs.map((o) => o.textContent)).toEqual(["–", "–"]);
    });
  }

  it("de: the data range of a field is written with the decimal comma (Daten 0,25–1,5)", () => {
    const model: PatientCalculatorModel = {
      title: "t",
      inputs: [{ kind: "numeric", name: "x", label: "x", min: 0.25, max: 1.5, value: 0.5 }],
      outputs: [{ kind: "probability", id: "p", label: "P", score: { intercept: 0, numeric: { x: 1 }, levels: {} } }],
      notes: [],
    };
    expect(withLanguage("de", () => calculatorHtml("r", model).html)).toContain("(Daten 0,25–1,5)");
    expect(withLanguage("ja", () => calculatorHtml("r", model).html)).toContain("0.25");
  });

  it("de: R's rounding of halves with the decimal comma (56.25 → 56,2 %)", () => {
    const model: PatientCalculatorModel = {
      title: "t",
      inputs: [{ kind: "numeric", name: "x", label: "x", min: 0, max: 1, value: 0.5 }],
      outputs: [{ kind: "survival", id: "s", label: "S", time: 1, unit: "y", baselineSurv: 0.5625, centre: 0, score: { intercept: 0, numeric: { x: 0 }, levels: {} } }],
      notes: [],
    };
    const { calc, document } = fakeDom(withLanguage("de", () => calculatorHtml("h", model).html));
    runScript(document);
    setValues(calc, ["0.25"]);
    expect(calc.outputs[0].textContent).toBe(`56,2${NBSP}%`);
  });
});
