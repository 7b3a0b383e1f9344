/**
 * The prediction model's per-patient calculator in the local app, offered exactly when the report offers it
 * (results.analyses.prediction.calculatorUse), in headless Chromium (same launch and skip rule as app.test.ts):
 *
 * 1. the bundled example (64 patients): its model fails the checks for use on new patients (Riley's minimum
 *    sample size), so the app shows no field and no prediction, but the report's reason — the very note of the
 *    report's prediction section, in the report frame — and, with the language switch, the same note in German
 *    and Japanese (without a new run; after one, the report frame's note equals it);
 * 2. a simulated cohort large enough (simulateCohort, 1,500 patients): the model passes, the calculator is
 *    there, and its outputs for a patient's values equal predictPatient on the app's results.json calculator
 *    and on the CLI's for the exported study.yaml (1e-12), with the extrapolation warning outside the data.
 *
 * Screenshots: test-artifacts/app-calculator/.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, type AppServer } from "../../src/cli/commands/app.js";
import { main } from "../../src/cli/main.js";
import type { StudyResults } from "../../src/study/run.js";
import { predictPatient } from "../../src/study/calculator.js";
import { simulateCohort } from "../../src/simulate/index.js";
import { cohortCsv } from "../../src/simulate/csv.js";
import { messagesFor } from "../../src/i18n/messages.js";
import { predictionSummary } from "../../web/src/engine.js";
import { calculatorReadout, discriminationText, percentText } from "../../web/src/calculator-panel.js";
import { expectClose } from "../helpers/expect-close.js";
import { EXAMPLE_DIR } from "../web/example-form.js";
import { browserSkipReason, inView, launchChromium } from "../helpers/chromium.js";

const ROOT = resolve(import.meta.dirname, "..", "..");
const skipReason = browserSkipReason;
if (skipReason) console.warn(`app calculator e2e test skipped: ${skipReason}`);

type BrowserContext = import("playwright-core").BrowserContext;
type Page = import("playwright-core").Page;

/** The pre-operative covariates of the prediction model (the example's, without grade, whose fit diverges). */
const COVARIATES = ["age_primary", "sex", "primary_size_mm", "n_lung_mets", "timing"] as const;


async function cli(argv: readonly string[], cwd: string): Promise<{ code: number; stderr: string }> {
  let stderr = "";
  const code = await main(argv, { stdout: () => undefined, stderr: (t) => (stderr += t), cwd });
  return { code, stderr };
}

describe.skipIf(skipReason !== "")("the prediction model's calculator in the app, offered as the report offers it", () => {
  const dir = mkdtempSync(join(tmpdir(), "survinfer-app-calc-"));
  const artifacts = join(ROOT, "test-artifacts", "app-calculator"); // not app/: app.test.ts empties that one
  let server: AppServer;
  let context: BrowserContext;
  let page: Page;
  const consoleErrors: string[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    rmSync(artifacts, { recursive: true, force: true });
    mkdirSync(artifacts, { recursive: true });
    writeFileSync(join(dir, "cohort-1500.csv"), cohortCsv(simulateCohort({ n: 1500, seed: 1 })));
    const { build } = await import("vite");
    await build({ root: join(ROOT, "web"), logLevel: "silent", build: { outDir: join(dir, "dist"), emptyOutDir: true } });
    server = await startAppServer({ dir: join(dir, "dist"), port: 0 });
    context = await launchChromium(dir, { acceptDownloads: true, viewport: { width: 1280, height: 900 } });
    page = context.pages()[0] ?? (await context.newPage());
    page.on("request", (r) => requests.push(r.url()));
    page.on("console", (m) => {
      if (m.type() === "error") consoleErrors.push(m.text());
    });
    page.on("pageerror", (e) => consoleErrors.push(e.message));
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A fresh app with `file` open: OS from dates, treatment, the covariates, no propensity score (a short run), the prediction model. */
  async function study(file: string, bootstrap: string): Promise<void> {
    await page.goto(server.url);
    await page.waitForSelector("#file");
    page.once("dialog", (d) => void d.accept());
    await page.click('[data-testid="clear"]');
    await page.setInputFiles("#file", file);
    await page.waitForSelector('[data-testid="preview"] tbody tr');
    await page.selectOption("#f-ep0-origin", "date_lung_met");
    await page.selectOption("#f-ep0-event0", "date_death");
    await page.selectOption("#f-ep0-censor", "date_last_followup");
    await page.waitForSelector('[data-testid="endpoint-summary-0"]');
    await page.selectOption("#treatment-column", "metastasectomy");
    await page.selectOption("#treatment-treated", "yes");
    for (const c of COVARIATES) await page.check(`#f-use-${c}`);
    await page.selectOption("#f-cov-timing-type", "categorical");
    await page.uncheck("#an-matching");
    await page.uncheck("#an-weighting");
    await page.check("#an-prediction");
    await page.fill("#pred-bootstrap", bootstrap);
  }

  /** Runs the study in the worker and waits for its results (no run problem). */
  async function run(): Promise<void> {
    await inView(page, '[data-testid="run"]');
    await page.click('[data-testid="run"]');
    await page.waitForSelector('[data-testid="status"][data-state="done"], [data-testid="run-problem"]', { timeout: 60_000 });
    expect(await page.locator('[data-testid="run-problem"]').count(), (await page.locator('[data-testid="run-problem"]').allTextContents()).join("; ")).toBe(0);
    await page.waitForSelector('[data-testid="results"]');
  }

  async function download(name: string): Promise<string> {
    await inView(page, `[data-testid="download-${name}"]`);
    const [d] = await Promise.all([page.waitForEvent("download"), page.click(`[data-testid="download-${name}"]`)]);
    const path = join(dir, `dl-${Date.now()}-${name}`);
    await d.saveAs(path);
    return readFileSync(path, "utf8");
  }

  const reportNotes = (): Promise<string[]> => page.frameLocator('[data-testid="report-frame"]').locator("section#prediction p.note").allTextContents();

  it("withholds the calculator on the example, as the report does, and shows the report's reason in English, German and Japanese", async () => {
    await study(join(ROOT, EXAMPLE_DIR, "cohort.csv"), "20");
    await run();
    const prediction = (JSON.parse(await download("results.json")) as StudyResults).analyses.prediction!;
    expect(prediction.calculatorUse?.offered).toBe(false);
    expect(prediction.calculatorUse?.failed).toContain("sample-size");
    const reasons = predictionSummary(prediction).withheld!;
    const panel = page.locator('[data-testid="calculator-withheld"]');
    const reason = panel.locator('[data-testid="calculator-withheld-reason"]');
    // no field, no prediction: the model is a development result
    expect(await page.locator('[data-testid="calculator"]').count()).toBe(0);
    expect(await page.locator('[data-testid^="calc-input-"], [data-testid^="calc-output-"], [data-testid="calculator-withheld"] input, [data-testid="calculator-withheld"] select').count()).toBe(0);
    // the report's reason, the note of its prediction section
    expect(await reason.textContent()).toBe(reasons.en);
    expect(reasons.en).toMatch(/^Calculator and nomogram not offered: the model was fitted on \d+ patients \(\d+ events\), fewer than the \d+ patients \(\d+ events\)/);
    expect(await reportNotes()).toContain(reasons.en);
    expect(await panel.locator("h3").textContent()).toBe(messagesFor("en").section.prediction);
    await panel.screenshot({ path: join(artifacts, "01-withheld-en.png") });

    for (const [k, language] of (["de", "ja"] as const).entries()) {
      // the switch translates the reason at once, without a new run ...
      await page.selectOption("#language", language);
      await expect.poll(async () => reason.textContent()).toBe(reasons[language]);
      // the data step's reading controls speak the language too (issue 19: no English left in the app)
      for (const [id, key] of [["decimal", "decimalMark"], ["encoding", "encoding"], ["id-column", "idColumn"]] as const) {
        expect(await page.locator(`label[for="${id}"]`).textContent()).toBe(messagesFor(language).app[key]);
      }
      expect(await page.locator("#decimal option").first().textContent()).toBe(messagesFor(language).app.detect);
      expect(await panel.locator("h3").textContent()).toBe(messagesFor(language).section.prediction);
      expect(reasons[language]).not.toBe(reasons.en);
      // ... and a run in that language writes the same sentence in the report
      await run();
      expect(await reportNotes()).toContain(await reason.textContent());
      // the results view's own texts (issue 19): headings and the KM figure's axis in the language
      expect(await page.locator("#h-results").textContent()).toBe(messagesFor(language).app.resultsHeading);
      expect(await page.locator("#h-downloads").textContent()).toBe(messagesFor(language).app.downloads);
      expect(await page.locator('[data-testid="km-interactive"]').textContent()).toContain(messagesFor(language).app.survivalProbability);
      expect(await page.locator('[data-testid="results"]').textContent()).not.toContain("Survival probability");
      expect(await page.locator('[data-testid^="calc-input-"]').count()).toBe(0);
      await panel.screenshot({ path: join(artifacts, `${String(k + 2).padStart(2, "0")}-withheld-${language}.png`) });
    }
    // German numbers with the decimal comma, as in the report ("below 0,60" when the C check failed too)
    expect(reasons.de).toMatch(/^Rechner und Nomogramm nicht angeboten: Das Modell wurde an \d+ Patienten/);
    if (prediction.calculatorUse?.failed.includes("c-statistic")) expect(reasons.de).toMatch(/unter 0,60 /);
    expect(reasons.ja).toMatch(/^計算ツールとノモグラムは提供しない：モデルは\d+例/);

    // every id of the page once (a label's `for` names one control)
    expect(await page.evaluate(() => Array.from(document.querySelectorAll("[id]"), (e) => e.id).filter((id, i, all) => all.indexOf(id) !== i))).toEqual([]);
    const origin = new URL(server.url).origin;
    expect(requests.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith("data:") && !u.startsWith("blob:"))).toEqual([]);
    expect(consoleErrors).toEqual([]);
  }, 180_000);

  it("offers the calculator on a cohort large enough, with predictPatient's numbers for a patient's values", async () => {
    await study(join(dir, "cohort-1500.csv"), "0");
    await run();
    await page.waitForSelector('[data-testid="calculator"]');
    expect(await page.locator('[data-testid="calculator-withheld"]').count()).toBe(0);
    const predApp = (JSON.parse(await download("results.json")) as StudyResults).analyses.prediction!;
    expect(predApp.calculatorUse?.offered, JSON.stringify(predApp.calculatorUse)).toBe(true);
    // the CLI on the exported spec: the same calculator
    const cliDir = join(dir, "cli");
    mkdirSync(cliDir);
    copyFileSync(join(dir, "cohort-1500.csv"), join(cliDir, "cohort-1500.csv"));
    writeFileSync(join(cliDir, "study.yaml"), await download("study.yaml"));
    const r = await cli(["run", "study.yaml", "--out", "out", "--no-png"], cliDir);
    expect(r.code, r.stderr).toBe(0);
    const predCli = (JSON.parse(readFileSync(join(cliDir, "out", "results.json"), "utf8")) as StudyResults).analyses.prediction!;
    expect(predCli.calculatorUse).toEqual(predApp.calculatorUse);

    const calc = page.locator('[data-testid="calculator"]');
    const outputOf = async (id: string): Promise<{ value: number; text: string | null }> => {
      const el = calc.locator(`[data-testid="calc-output-${id}"]`);
      return { value: Number(await el.getAttribute("data-value")), text: await el.textContent() };
    };
    const checkOutputs = async (values: Record<string, number | string>, label: string): Promise<void> => {
      const fromApp = predictPatient(predApp.calculator, values);
      const fromCli = predictPatient(predCli.calculator, values);
      expect(fromApp.map((o) => o.id)).toEqual(["survival"]);
      // the panel recomputes as the fields change: wait for the last edit to show
      await expect.poll(async () => Math.abs((await outputOf("survival")).value / fromApp[0].value - 1), { message: label }).toBeLessThan(1e-12);
      for (const [k, o] of fromApp.entries()) {
        const shown = await outputOf(o.id);
        expectClose(shown.value, o.value, { rel: 1e-12 }, `${label}: ${o.id} vs predictPatient(results.json)`);
        expectClose(shown.value, fromCli[k].value, { rel: 1e-12 }, `${label}: ${o.id} vs the CLI`);
        expect(shown.text).toBe(percentText(o.value));
      }
    };
    // the starting values (medians, most frequent levels) ...
    const start = Object.fromEntries(predApp.calculator.inputs.map((i) => [i.name, i.value]));
    expect(Object.keys(start)).toEqual([...COVARIATES]);
    await checkOutputs(start, "starting values");
    // ... and one patient's values
    const patient = { age_primary: 67, sex: "male", primary_size_mm: 120, n_lung_mets: 3, timing: "synchronous" };
    await calc.locator('[data-testid="calc-input-age_primary"]').fill("67");
    await calc.locator('[data-testid="calc-input-sex"]').selectOption("male");
    await calc.locator('[data-testid="calc-input-primary_size_mm"]').fill("120");
    await calc.locator('[data-testid="calc-input-n_lung_mets"]').fill("3");
    await calc.locator('[data-testid="calc-input-timing"]').selectOption("synchronous");
    await checkOutputs(patient, "patient");
    expect(await calc.locator('[data-testid="calc-outputs"]').getAttribute("aria-live")).toBe("polite");
    expect(await calc.locator('[data-testid="calc-warnings"] li').count()).toBe(0);
    expect(await calc.locator('[data-testid="calc-discrimination"]').textContent()).toBe(`Discrimination: ${discriminationText(predictionSummary(predCli))}.`);
    expect(await calc.locator('[data-testid="calc-notes"] li').allTextContents()).toEqual([...predCli.calculator.notes]);
    await calc.screenshot({ path: join(artifacts, "04-calculator.png") });
    // outside the data's range: a warning, and still the model's prediction
    const age = predApp.calculator.inputs.find((i) => i.name === "age_primary")!;
    if (age.kind !== "numeric") throw new Error("age_primary is a numeric input of the calculator");
    const beyond = Math.ceil(age.max) + 10;
    await calc.locator('[data-testid="calc-input-age_primary"]').fill(String(beyond));
    await checkOutputs({ ...patient, age_primary: beyond }, `age ${beyond}`);
    expect(await calc.locator('[data-testid="calc-warnings"] li').allTextContents()).toEqual([calculatorReadout(predApp.calculator, { age_primary: String(beyond) }).issues[0].message]);
    expect(await calc.locator('[data-testid="calc-warnings"] li').textContent()).toMatch(new RegExp(`^age_primary = ${beyond} is outside the range of the data \\(\\d+(\\.\\d+)? to \\d+(\\.\\d+)?\\): the prediction extrapolates\\.$`));
    // the report offers it too: its calculator block and no note that withholds it
    const frame = page.frameLocator('[data-testid="report-frame"]');
    expect((await reportNotes()).some((t) => /^Calculator and nomogram not offered/.test(t))).toBe(false);
    expect(await frame.locator("section#prediction form[data-calculator]").count()).toBe(1);
    expect(consoleErrors).toEqual([]);
  }, 180_000);
});
