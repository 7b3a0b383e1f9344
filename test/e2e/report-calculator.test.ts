/**
 * The per-patient calculator of report.html in a real browser: headless Chromium (Debian's
 * /usr/bin/chromium driven by playwright-core) opens a report whose only block is a calculator built
 * from a hand-made model (two numeric inputs, one categorical; a survival and a probability output),
 * types values and picks levels, and checks every output against predictPatient (src/study/calculator.ts):
 * the shown text to its decimal and `data-value` to 1e-12 relative. Also: the script runs under the
 * report's CSP by its hash alone (a changed script is refused), no console error, no CSP violation,
 * no request outside the page, the out-of-range warning, the static median patient when scripts may not
 * run (the app's sandboxed iframe), and no overflow at 794 px print media or on a narrow screen.
 * Skips, saying why, when Chromium or playwright-core is not installed.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CALCULATOR_SCRIPT } from "../../src/report/calculator-script.js";
import { escapeHtml } from "../../src/report/escape.js";
import { formatCalculatorPercent, reportHtml } from "../../src/report/html.js";
import { predictPatient, type PatientCalculatorModel } from "../../src/study/calculator.js";
import { browserSkipReason, launchChromium } from "../helpers/chromium.js";
import { withLanguage } from "../../src/i18n/language.js";
import { expectClose } from "../helpers/expect-close.js";

const skipReason = browserSkipReason;
if (skipReason) console.warn(`report-calculator test skipped: ${skipReason}`);

type BrowserContext = import("playwright-core").BrowserContext;
type Page = import("playwright-core").Page;

const HOSTILE = "</script><img src=x onerror=alert(1)>";

/** Hand-made: Cox-like survival at 60 months and a cure probability over age, primary size and timing. */
const MODEL: PatientCalculatorModel = {
  title: "Survival and cure for one patient",
  inputs: [
    { kind: "numeric", name: "age_primary", label: "Age at diagnosis (years)", min: 24, max: 79, value: 55 },
    { kind: "numeric", name: "primary_size_mm", label: `Primary tumour size (mm) ${HOSTILE}`, min: 20, max: 210, value: 85.5 },
    { kind: "categorical", name: "timing", label: "Timing of lung metastases", levels: ["metachronous", "synchronous", HOSTILE], value: "metachronous" },
  ],
  outputs: [
    {
      kind: "survival",
      id: "os60",
      label: "Overall survival at 60 months",
      time: 60,
      unit: "months",
      baselineSurv: 0.41,
      centre: 1.52,
      score: { intercept: 0, numeric: { age_primary: 0.0213, primary_size_mm: 0.0049 }, levels: { timing: { metachronous: 0, synchronous: 0.71, [HOSTILE]: -0.3 } } },
    },
    {
      kind: "probability",
      id: "cure",
      label: "Probability of cure",
      score: { intercept: 1.4, numeric: { age_primary: -0.035, primary_size_mm: -0.006 }, levels: { timing: { metachronous: 0, synchronous: -0.82, [HOSTILE]: 0.25 } } },
    },
  ],
  notes: ["Internal validation only.", `Range of the data ${HOSTILE}`],
};

const HTML = reportHtml({
  title: "Calculator test",
  subtitle: ["survinfer test"],
  sections: [
    { id: "text", title: "Before", blocks: [{ kind: "text", text: "A paragraph before the calculator." }] },
    { id: "prediction", title: "Prediction", blocks: [{ kind: "calculator", id: "patient", model: MODEL }] },
  ],
});

/** The same report in German and Japanese: the script prints the language's number format (issue 19). */
const HTML_BY_LANGUAGE = {
  de: reportHtml({ title: "Rechner", subtitle: [], language: "de", sections: [{ id: "prediction", title: "Vorhersage", blocks: [{ kind: "calculator", id: "patient", model: MODEL }] }] }),
  ja: reportHtml({ title: "計算", subtitle: [], language: "ja", sections: [{ id: "prediction", title: "予測", blocks: [{ kind: "calculator", id: "patient", model: MODEL }] }] }),
} as const;

interface Shown {
  readonly text: string;
  readonly value: string;
}

interface Opened {
  readonly page: Page;
  readonly requests: string[];
  readonly errors: string[];
  readonly violations: string[];
  readonly dialogs: string[];
}

describe.skipIf(skipReason !== "")("report.html calculator in headless Chromium", () => {
  const dir = mkdtempSync(join(tmpdir(), "survinfer-report-calculator-"));
  let browser: BrowserContext;

  beforeAll(async () => {
    writeFileSync(join(dir, "report.html"), HTML);
    for (const [lang, html] of Object.entries(HTML_BY_LANGUAGE)) writeFileSync(join(dir, `report-${lang}.html`), html);
    writeFileSync(join(dir, "tampered.html"), HTML.replace(`<script>${CALCULATOR_SCRIPT}</script>`, `<script>${CALCULATOR_SCRIPT} </script>`));
    writeFileSync(join(dir, "sandboxed.html"), `<!DOCTYPE html><html><body><iframe sandbox="" style="width:1000px;height:900px" srcdoc="${escapeHtml(HTML)}"></iframe></body></html>`);
    browser = await launchChromium(dir);
  });

  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function open(file: string, width = 1200, media: "print" | "screen" = "screen"): Promise<Opened> {
    const page = await browser.newPage();
    await page.setViewportSize({ width, height: 1123 });
    const opened: Opened = { page, requests: [], errors: [], violations: [], dialogs: [] };
    page.on("request", (req) => opened.requests.push(req.url()));
    page.on("console", (msg) => {
      if (msg.type() === "error") opened.errors.push(msg.text());
    });
    page.on("pageerror", (e) => opened.errors.push(String(e)));
    page.on("dialog", (d) => {
      opened.dialogs.push(d.message());
      void d.dismiss();
    });
    // injected by the browser (not subject to the page's CSP): records every CSP violation report
    await page.addInitScript(() => {
      const w = window as unknown as { __violations: string[] };
      w.__violations = [];
      document.addEventListener("securitypolicyviolation", (e) => w.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    await page.emulateMedia({ media });
    await page.goto(`file://${join(dir, file)}`, { waitUntil: "load" });
    return opened;
  }

  async function finish(o: Opened): Promise<void> {
    o.violations.push(...(await o.page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)));
    await o.page.close();
  }

  const shown = (page: Page): Promise<Shown[]> =>
    page.$$eval("output[data-output]", (els) => els.map((e) => ({ text: e.textContent ?? "", value: e.getAttribute("data-value") ?? "" })));

  function expectPredictions(got: readonly Shown[], values: Record<string, number | string>, label: string): void {
    const expected = predictPatient(MODEL, values);
    expect(got).toHaveLength(expected.length);
    expected.forEach((e, i) => {
      expect(got[i].text, `${label}: ${e.id}`).toBe(formatCalculatorPercent(e.value));
      expectClose(Number(got[i].value), e.value, { rel: 1e-12 }, `${label}: ${e.id}`);
    });
  }

  it("recomputes both outputs as predictPatient does when values and levels change, under the CSP, offline", async () => {
    const o = await open("report.html");
    const { page } = o;
    expect(await page.$eval("fieldset.calc-inputs", (el) => (el as HTMLFieldSetElement).disabled)).toBe(false);
    expect(await page.isVisible("[data-static-note]")).toBe(false);
    expect(await page.isVisible("[data-range-warning]")).toBe(false);
    expectPredictions(await shown(page), { age_primary: 55, primary_size_mm: 85.5, timing: "metachronous" }, "start");

    const steps: readonly [age: string, size: string, timing: string][] = [
      ["67.3", "85.5", "metachronous"],
      ["67.3", "142", "synchronous"],
      ["31", "24.75", HOSTILE],
      ["78.9", "210", "synchronous"],
    ];
    for (const [age, size, timing] of steps) {
      await page.fill("#calc-patient-x0", age);
      await page.fill("#calc-patient-x1", size);
      await page.selectOption("#calc-patient-x2", timing);
      expectPredictions(await shown(page), { age_primary: Number(age), primary_size_mm: Number(size), timing }, `${age}, ${size}, ${timing}`);
      expect(await page.isVisible("[data-range-warning]")).toBe(false);
    }
    // the outputs really moved (the test would pass on a page that never updates otherwise)
    const last = await shown(page);
    expect(last[0].text).not.toBe(formatCalculatorPercent(predictPatient(MODEL, { age_primary: 55, primary_size_mm: 85.5, timing: "metachronous" })[0].value));

    const text = await page.evaluate(() => document.body.innerText);
    expect(text).toContain(`Primary tumour size (mm) ${HOSTILE}`);
    expect(await page.evaluate(() => document.querySelectorAll("img, iframe").length)).toBe(0);
    await finish(o);
    expect(o.errors).toEqual([]);
    expect(o.violations).toEqual([]);
    expect(o.dialogs).toEqual([]);
    expect(o.requests.filter((u) => !u.startsWith("file:") && !u.startsWith("data:"))).toEqual([]);
  });

  for (const [lang, pattern] of [
    ["de", /^\d+,\d\u00a0%$/],
    ["ja", /^\d+\.\d%$/],
  ] as const) {
    it(`${lang}: after an entry the outputs read in the report's number format (${lang === "de" ? "84,1 % with a no-break space" : "84.1%"}), under the CSP`, async () => {
      const o = await open(`report-${lang}.html`);
      const { page } = o;
      const before = await shown(page);
      await page.fill("#calc-patient-x0", "67.3");
      await page.fill("#calc-patient-x1", "142");
      await page.selectOption("#calc-patient-x2", "synchronous");
      const got = await shown(page);
      const expected = predictPatient(MODEL, { age_primary: 67.3, primary_size_mm: 142, timing: "synchronous" });
      expected.forEach((e, i) => {
        expect(got[i].text, e.id).toBe(withLanguage(lang, () => formatCalculatorPercent(e.value)));
        expect(got[i].text, e.id).toMatch(pattern);
        expect(got[i].text, e.id).not.toBe(before[i].text);
      });
      await finish(o);
      expect(o.errors).toEqual([]);
      expect(o.violations).toEqual([]);
    });
  }

  it("shows the out-of-range warning outside the data's range and hides it inside, and a dash for an empty field", async () => {
    const o = await open("report.html");
    const { page } = o;
    expect(await page.$eval("fieldset.calc-inputs", (el) => (el as HTMLFieldSetElement).disabled)).toBe(false);
    await page.fill("#calc-patient-x0", "95");
    expect(await page.isVisible("[data-range-warning]")).toBe(true);
    expect(await page.getAttribute("#calc-patient-x0", "aria-invalid")).toBe("true");
    expectPredictions(await shown(page), { age_primary: 95, primary_size_mm: 85.5, timing: "metachronous" }, "age 95");
    await page.fill("#calc-patient-x0", "60");
    await page.fill("#calc-patient-x1", "5");
    expect(await page.isVisible("[data-range-warning]")).toBe(true);
    await page.fill("#calc-patient-x1", "20");
    expect(await page.isVisible("[data-range-warning]")).toBe(false);
    await page.fill("#calc-patient-x1", "");
    expect((await shown(page)).map((s) => s.text)).toEqual(["–", "–"]);
    expect(await page.isVisible("[data-range-warning]")).toBe(false);
    await finish(o);
    expect(o.errors).toEqual([]);
    expect(o.violations).toEqual([]);
  });

  it("refuses a script whose hash is not in the CSP (the CSP is enforced): the form stays static", async () => {
    const o = await open("tampered.html");
    expect(await o.page.$eval("fieldset.calc-inputs", (el) => (el as HTMLFieldSetElement).disabled)).toBe(true);
    expect(await o.page.isVisible("[data-static-note]")).toBe(true);
    await finish(o);
    expect(o.violations.some((v) => v.startsWith("script-src"))).toBe(true);
  });

  it("shows the median patient, static, in a sandboxed iframe without scripts (as in the app)", async () => {
    const o = await open("sandboxed.html");
    const frame = o.page.frames().find((f) => f !== o.page.mainFrame());
    if (!frame) throw new Error("no iframe");
    await frame.waitForSelector("output[data-output]", { state: "attached" });
    expect(await frame.$eval("fieldset.calc-inputs", (el) => (el as HTMLFieldSetElement).disabled)).toBe(true);
    expect(await frame.isVisible("[data-static-note]")).toBe(true);
    const got = await frame.$$eval("output[data-output]", (els) => els.map((e) => ({ text: e.textContent ?? "", value: e.getAttribute("data-value") ?? "" })));
    expectPredictions(got, { age_primary: 55, primary_size_mm: 85.5, timing: "metachronous" }, "sandboxed");
    await finish(o);
    expect(o.requests.filter((u) => !u.startsWith("file:") && !u.startsWith("data:") && u !== "about:srcdoc")).toEqual([]);
  });

  for (const [width, media] of [[794, "print"], [360, "screen"], [1200, "screen"]] as const) {
    it(`fits the calculator into the page width, fields in a grid that wraps (${width} px, ${media})`, async () => {
      const o = await open("report.html", width, media);
      const layout = await o.page.evaluate(() => {
        const body = document.body.getBoundingClientRect();
        const form = document.querySelector("form.calculator") as HTMLFormElement;
        const wide = Array.from(form.querySelectorAll("*"))
          .filter((el) => el.getBoundingClientRect().right > body.right + 0.5 || el.getBoundingClientRect().width > body.width + 0.5)
          .map((el) => el.tagName);
        const tops = Array.from(form.querySelectorAll(".calc-field")).map((el) => Math.round(el.getBoundingClientRect().top));
        return { wide, formScroll: form.scrollWidth, formWidth: form.clientWidth, pageScroll: document.documentElement.scrollWidth, viewport: window.innerWidth, rows: new Set(tops).size, fields: tops.length };
      });
      await finish(o);
      expect(layout.wide).toEqual([]);
      expect(layout.formScroll).toBeLessThanOrEqual(layout.formWidth);
      expect(layout.pageScroll).toBeLessThanOrEqual(layout.viewport);
      expect(layout.fields).toBe(3);
      // one column on a phone, several fields side by side on a wide screen
      if (width === 360) expect(layout.rows).toBe(3);
      if (width === 1200) expect(layout.rows).toBeLessThan(3);
    });
  }
});
