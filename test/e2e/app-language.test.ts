/**
 * Issue 19: the local app entirely in German and Japanese, in headless Chromium (same launch and skip rule as
 * app.test.ts). With the language switch on de, then ja, the whole flow: open the example cohort, read its
 * preview, fill the form (every analysis section opened), run (the status line and progress bar watched while
 * the worker runs), the results view, the calculator (withheld on the example; offered on a simulated cohort of
 * 1,500 patients), the downloads; a file the reader warns about, a malformed file and an incomplete study.
 * At each stop the page's title, every visible text node and every attribute a reader sees or hears (title, aria-label,
 * placeholder, alt, aria-valuetext) is collected; after taking out the data's own strings (the files' column
 * names and cell values, the file names) and numbers, none may hold an English word of the list below. The
 * study.yaml preview (<pre>: the spec's keys are the file format) and the report frame (its own language tests:
 * test/i18n/no-english.test.ts) are not the app's texts. In English the same collection holds those words (the
 * check is not vacuous). Screenshots: test-artifacts/app-language/.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, type AppServer } from "../../src/cli/commands/app.js";
import { simulateCohort } from "../../src/simulate/index.js";
import { cohortCsv } from "../../src/simulate/csv.js";
import { EXAMPLE_DIR } from "../web/example-form.js";
import { browserSkipReason, inView, launchChromium } from "../helpers/chromium.js";

const ROOT = resolve(import.meta.dirname, "..", "..");
if (browserSkipReason) console.warn(`app language e2e test not run: ${browserSkipReason}`);

type BrowserContext = import("playwright-core").BrowserContext;
type Page = import("playwright-core").Page;

/**
 * English words that the app's own texts must not show in German or Japanese (whole words, any case). Words German
 * journals write as English does (Hazard Ratio, Bootstrap, Propensity Score, Matching, Landmark, Caliper, Estimand,
 * Median, Status) are not in it.
 */
const ENGLISH_WORDS = [
  "the", "and", "of", "with", "is", "are", "to", "for", "from", "by", "or", "not", "none", "than", "this", "these", "each", "has", "have", "was", "were", "cannot",
  "choose", "add", "remove", "show", "open", "run", "clear", "remember", "detect", "previous", "next",
  "row", "rows", "column", "columns", "file", "sheet", "delimiter", "encoding", "decimal", "missing", "excluded", "read", "analysed",
  "patients", "events", "event", "months", "years", "days", "survival", "treatment", "treated", "covariate", "covariates",
  "value", "values", "date", "time", "endpoint", "endpoints", "label", "type", "analysis", "analyses", "model", "models",
  "results", "report", "study", "data", "working", "done", "failed", "error", "group", "level", "reference", "unit",
  "numeric", "categorical", "inferred", "first", "random", "seed", "title", "notes", "downloads", "figure", "table", "computed",
];
const ENGLISH = new RegExp(`(?<![\\p{L}\\p{N}_])(?:${ENGLISH_WORDS.join("|")})(?![\\p{L}\\p{N}_])`, "iu");

/** The data's own strings (column names, cell values of the files opened, file names), longest first. */
function dataStrings(csvTexts: readonly string[], files: readonly string[]): string[] {
  const out = new Set<string>(files);
  for (const text of csvTexts) for (const line of text.split(/\r?\n/)) for (const cell of line.split(/[,;\t]/)) if (cell.trim().length > 1) out.add(cell.trim());
  return [...out].sort((a, b) => b.length - a.length);
}

/** What a reader sees or hears on the page: text nodes and the attributes read aloud or shown, outside <pre>, <script>, <style> and the report frame. */
async function pageTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [document.title];
    const skip = (el: Element | null): boolean => el !== null && el.closest("pre, script, style, iframe, noscript") !== null;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n !== null; n = walker.nextNode()) {
      const t = n.textContent?.trim() ?? "";
      if (t !== "" && !skip(n.parentElement)) out.push(t);
    }
    for (const el of Array.from(document.body.querySelectorAll("*"))) {
      if (skip(el)) continue;
      for (const a of ["title", "aria-label", "placeholder", "alt", "aria-valuetext"]) {
        const v = el.getAttribute(a);
        if (v !== null && v.trim() !== "") out.push(v.trim());
      }
    }
    return out;
  });
}

/**
 * What is not the app's prose and stays as it is in every language: the spec's keys and paths (study.yaml is the
 * file format: "analyses.safeguards.epvFloor", "endpoints: …"), file names, error codes ("[MODEL_TOO_FEW_EVENTS]"),
 * and the term German writes in English ("Immortal Time", "Immortal-Time-Bias"; Japanese イモータルタイム).
 */
const NOT_PROSE = [
  /[\w-]+\.(?:csv|svg|yaml|json|html|docx)\b/g,
  /\bsurvinfer \w+/g,
  /\b[A-Za-z_][\w]*(?:\.[\w[\]]+)+/g,
  /(?<=^\s*)(?:endpoints|analyses|data|treatment|covariates|title|seed|language|missing)(?=[:：])/g,
  /\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/g,
  /\bimmortal[- ]time\b/gi,
];

/** The texts that still hold an English word once the data's strings and what is not prose are taken out. */
function englishIn(texts: readonly string[], data: readonly string[]): string[] {
  const found = new Set<string>();
  for (const text of texts) {
    let t = ` ${text} `;
    for (const d of data) t = t.split(d).join(" ");
    for (const re of NOT_PROSE) t = t.replace(re, " ");
    if (ENGLISH.test(t)) found.add(text);
  }
  return [...found];
}

if (browserSkipReason === "") {
  describe("the app in German and Japanese in headless Chromium: no English left", () => {
    const dir = mkdtempSync(join(tmpdir(), "survinfer-app-language-"));
    const artifacts = join(ROOT, "test-artifacts", "app-language");
    let server: AppServer;
    let context: BrowserContext;
    let page: Page;
    const example = join(ROOT, EXAMPLE_DIR, "cohort.csv");
    const big = join(dir, "kohorte-1500.csv");
    const warned = join(dir, "komma.csv");
    const broken = join(dir, "kaputt.csv");
    const files: string[] = [];
    // the collected texts, by language, and where they were seen
    const seen: Record<"en" | "de" | "ja", Map<string, string>> = { en: new Map(), de: new Map(), ja: new Map() };
    const collect = async (language: "en" | "de" | "ja", where: string): Promise<void> => {
      for (const t of await pageTexts(page)) if (!seen[language].has(t)) seen[language].set(t, where);
      await page.screenshot({ path: join(artifacts, `${language}-${where}.png`), fullPage: true });
    };

    beforeAll(async () => {
      rmSync(artifacts, { recursive: true, force: true });
      mkdirSync(artifacts, { recursive: true });
      writeFileSync(big, cohortCsv(simulateCohort({ n: 1500, seed: 1 })));
      // a file the reader reads with warnings: decimal commas (detected), a row shorter than the header, a column without a name
      writeFileSync(warned, "id;dauer;status;\n1;12,5;1;a\n2;30,25;0;b\n3;7,5;1;c\n4;18,75\n");
      writeFileSync(broken, "id,dauer,status\n1,12,1\n2,30,0,9\n");
      files.push(example, big, warned, broken);
      const { build } = await import("vite");
      await build({ root: join(ROOT, "web"), logLevel: "silent", build: { outDir: join(dir, "dist"), emptyOutDir: true } });
      server = await startAppServer({ dir: join(dir, "dist"), port: 0 });
      context = await launchChromium(dir, { acceptDownloads: true, viewport: { width: 1280, height: 900 } });
      page = context.pages()[0] ?? (await context.newPage());
    }, 120_000);

    afterAll(async () => {
      await context?.close();
      await server?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    /** Watches the status line and the progress bar while the worker runs (their texts are gone when it is done). */
    async function watchRun(): Promise<void> {
      await page.evaluate(() => {
        const texts: string[] = [];
        (window as unknown as { runTexts: string[] }).runTexts = texts;
        new MutationObserver(() => {
          for (const el of Array.from(document.querySelectorAll('[data-testid="status"], [data-testid="progress"]'))) {
            const t = el.textContent?.trim();
            if (t) texts.push(t);
            for (const p of Array.from(el.querySelectorAll("[aria-valuetext]"))) texts.push(p.getAttribute("aria-valuetext") ?? "");
          }
        }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
      });
    }
    async function runTexts(language: "en" | "de" | "ja"): Promise<void> {
      const texts = await page.evaluate(() => (window as unknown as { runTexts: string[] }).runTexts);
      expect(texts.length).toBeGreaterThan(0);
      for (const t of texts) if (t !== "" && !seen[language].has(t)) seen[language].set(t, "running");
    }

    /** A fresh app in `language` with `file` open and the study of the example filled in (every analysis section opened, then the long ones closed). */
    async function study(language: "en" | "de" | "ja", file: string, prediction: boolean): Promise<void> {
      await page.goto(server.url);
      await page.waitForSelector("#file");
      page.once("dialog", (d) => void d.accept());
      await page.click('[data-testid="clear"]');
      await page.selectOption("#language", language);
      await collect(language, "start");
      await page.setInputFiles("#file", file);
      await page.waitForSelector('[data-testid="preview"] tbody tr');
      await collect(language, "preview");
      await page.selectOption("#f-ep0-origin", "date_lung_met");
      await page.selectOption("#f-ep0-event0", "date_death");
      await page.selectOption("#f-ep0-censor", "date_last_followup");
      await page.waitForSelector('[data-testid="endpoint-summary-0"]');
      await page.selectOption("#treatment-column", "metastasectomy");
      await page.selectOption("#treatment-treated", "yes");
      await page.selectOption("#treatment-date", "date_pm");
      for (const c of ["age_primary", "sex", "primary_size_mm", "n_lung_mets", "timing"]) await page.check(`#f-use-${c}`);
      await page.selectOption("#f-cov-timing-type", "categorical");
      await page.selectOption("#f-cov-age_primary-cutkind", "above");
      for (const a of ["rmst", "competing", "cure", "recurrent", "prediction"]) await page.check(`#an-${a}`);
      await page.selectOption("#cr-cause-column", "cause_of_death");
      await collect(language, "form");
      // the run: the example's primary survival and treatment comparison; the prediction model when asked
      for (const a of ["rmst", "competing", "cure", "recurrent", "immortal", "weighting"]) if ((await page.locator(`#an-${a}`).count()) > 0 && (await page.isChecked(`#an-${a}`))) await page.uncheck(`#an-${a}`);
      if (!prediction) await page.uncheck("#an-prediction");
      else await page.fill("#pred-bootstrap", "0");
      await page.fill("#bootstrap-replicates", prediction ? "" : "10");
    }

    async function run(language: "en" | "de" | "ja"): Promise<void> {
      await watchRun();
      // a complete study: no issue listed above the run button
      expect(await page.locator('[data-testid="spec-issues"]').allTextContents()).toEqual([]);
      await inView(page, '[data-testid="run"]');
      await page.click('[data-testid="run"]');
      await page.waitForSelector('[data-testid="status"][data-state="done"], [data-testid="run-problem"]', { timeout: 120_000 });
      expect(await page.locator('[data-testid="run-problem"]').count(), (await page.locator('[data-testid="run-problem"]').allTextContents()).join("; ")).toBe(0);
      await page.waitForSelector('[data-testid="results"]');
      await runTexts(language);
      // the KM figure's readout under the pointer
      const svg = page.locator('[data-testid="km-interactive"]');
      await svg.scrollIntoViewIfNeeded();
      const box = (await svg.boundingBox())!;
      await page.mouse.move(box.x + box.width * 0.4, box.y + box.height * 0.5);
      await collect(language, "results");
    }

    /** The data step's problems: a file read with warnings, then a malformed one. */
    async function fileProblems(language: "en" | "de" | "ja"): Promise<void> {
      await page.setInputFiles("#file", warned);
      await page.waitForSelector('[data-testid="read-warnings"]');
      await collect(language, "warnings");
      await page.setInputFiles("#file", broken);
      await page.waitForSelector('[data-testid="read-problem"]');
      await collect(language, "read-problem");
    }

    it("holds no English word in German and Japanese, through the whole flow", async () => {
      // German: the example (its calculator withheld), with a short bootstrap for the progress bar
      await study("de", example, false);
      await run("de");
      // the same results in Japanese: the switch changes the app's texts without a new run
      await page.selectOption("#language", "ja");
      await collect("ja", "results");
      // Japanese: the simulated cohort, whose prediction model passes the checks: the calculator with its notes
      await study("ja", big, true);
      await run("ja");
      await page.waitForSelector('[data-testid="calculator"]');
      await page.locator('[data-testid="calc-input-age_primary"]').fill("200");
      await collect("ja", "calculator");
      await page.selectOption("#language", "de");
      await collect("de", "calculator");
      await fileProblems("de");
      await page.selectOption("#language", "ja");
      await collect("ja", "read-problem");
      await page.setInputFiles("#file", warned);
      await page.waitForSelector('[data-testid="read-warnings"]');
      await collect("ja", "warnings");

      const csvs = files.map((f) => readFileSync(f, "utf8"));
      const data = dataStrings(csvs, files.map((f) => f.split("/").pop() as string));
      const found = (language: "de" | "ja"): string[] => englishIn([...seen[language].keys()], data).map((t) => `[${seen[language].get(t)}] ${t}`);
      expect(seen.de.size).toBeGreaterThan(200);
      expect(seen.ja.size).toBeGreaterThan(200);
      const english = { de: found("de"), ja: found("ja") };
      writeFileSync(join(artifacts, "english-left.json"), JSON.stringify(english, null, 1));
      expect(english).toEqual({ de: [], ja: [] });
    }, 600_000);

    it("finds English words in English (the check is not vacuous)", async () => {
      await study("en", example, false);
      await run("en");
      const data = dataStrings([readFileSync(example, "utf8")], ["cohort.csv"]);
      expect(englishIn([...seen.en.keys()], data).length).toBeGreaterThan(100);
    }, 300_000);
  });
}
