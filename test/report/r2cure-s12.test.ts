/**
 * Referee s12 read 2, A1, A9, A10, B1, B5, B6: the negative control and the cure section say what their numbers can carry.
 * The example study as `survinfer run` runs it (primary: clone–censor–weight; the negative control, death from other
 * causes, has 3 deaths, one of them within the grace period; the cure model's fraction is not a finding).
 */
import { describe, expect, it } from "vitest";
import { exampleWithoutRecurrent } from "./render-study.js";
import { buildReportModel } from "../../src/report/render.js";
import { summaryText } from "../../src/cli/commands/run.js";
import { methodsText } from "../../src/report/methods-text.js";
import type { StudyResults } from "../../src/study/run.js";

const example = exampleWithoutRecurrent;

const section = (r: StudyResults, id: string, lang: "en" | "de" | "ja" = "en"): string => JSON.stringify(buildReportModel(r, lang).model.sections.find((s) => s.id === id));
const tableOf = (r: StudyResults, id: string, lang: "en" | "de" | "ja" = "en") => buildReportModel(r, lang).tables.find((x) => x.id === id)!.table;

describe("negative control below minEvents deaths (referee s12 A1, B1)", () => {
  it("is read as uninformative, with the death counted in both strategies, never as 'no sign of residual confounding'", () => {
    const r = example();
    const nc = r.analyses.sensitivity!.negativeControl!;
    expect(nc.events).toBe(3);
    // patient 11 died at 0.59 months, within the grace period: his death counts in both strategies (1 / 3 clone events)
    expect(nc.eventsByStrategy!.map((a) => a.events)).toEqual([1, 3]);
    expect(nc.eventsInBoth).toBe(1);
    expect(nc.interpretation).toMatch(/^Uninformative: 3 deaths from other causes, 1 of them within the grace period and counted in both strategies, fewer than 10 \(analyses\.safeguards\.minEvents\); this check can neither show nor exclude residual confounding\. The point estimate \(HR 0\.24, 95% CI 0\.037–1\.60\) lies below 1 \(fewer deaths from other causes with treatment\)\.$/);
    expect(nc.interpretation).not.toContain("no sign of residual confounding");
  });

  it("shows the clone events per strategy in the table and one CI format in table, sentence and summary.txt", () => {
    const r = example();
    const table = tableOf(r, "sensitivity-negative-control");
    expect(table.headers[0]).toContain("Clone events per strategy");
    expect(table.rows[0].at(-1)).toBe("1 / 3");
    expect(table.rows[0].at(-2)).toBe("3");
    expect(table.footnotes!.join(" ")).toContain("counts in both strategies (here 1), so the clone events can add up to more than the 3 deaths");
    const cell = table.rows[0][1];
    expect(cell).toBe("0.24 (0.037–1.60)");
    const sec = section(r, "sensitivity");
    expect(sec).toContain("HR 0.24, 95% CI 0.037–1.60");
    expect(sec).not.toContain("0.04–1.60");
    // summary.txt: the HR once, in the interpretation's words
    const line = summaryText(r).split("\n").find((l) => l.includes("negative control, other causes"))!;
    expect(line.match(/0\.24/g)).toHaveLength(1);
    expect(line).toContain("Uninformative: 3 deaths");
  });

  it("is translated in German and Japanese", () => {
    const r = example();
    const de = section(r, "sensitivity", "de");
    const ja = section(r, "sensitivity", "ja");
    expect(de).toContain("Nicht aussagekräftig: 3 Todesfälle");
    expect(de).toContain("95%-KI 0,037–1,60) liegt unter 1");
    expect(ja).toContain("判定不能：");
    expect(ja).toContain("うち1例は猶予期間内の死亡で両戦略に計上");
    for (const s of [de, ja]) {
      expect(s).not.toContain("Uninformative");
      expect(s).not.toContain("Clone events");
    }
  });
});

describe("cure model not a finding (referee s12 A10)", () => {
  it("its coefficient and profile tables carry the verdict and the warning marks in their titles (CSV title lines)", () => {
    const r = example();
    for (const id of ["cure-model", "cure-profiles"]) {
      const title = tableOf(r, id).title!;
      expect(title).toContain(" — model not supported by the data, shown for transparency");
      expect(title).toMatch(/ ⚠[\d,]+$/);
    }
    expect(tableOf(r, "cure-profiles", "de").title).toContain("Modell durch die Daten nicht gestützt, zur Transparenz gezeigt");
    expect(tableOf(r, "cure-model", "ja").title).toContain("モデルはデータにより支持されない");
  });

  it("the closing line leads with the Kaplan–Meier estimate at the end of follow-up and its CI, the model second", () => {
    const r = example();
    const sec = buildReportModel(r).model.sections.find((s) => s.id === "cure")!;
    const last = sec.blocks.filter((b) => b.kind === "text").at(-1) as { text: string };
    expect(last.text).toMatch(/^Proportion cured \(/);
    expect(last.text).toContain("overall Kaplan–Meier at the end of follow-up 38% (95% CI 19%–75%), an upper bound on the proportion cured; model 41% (95% CI 18%–70%), not supported by the data");
  });
});

describe("cause-specific cure model named by its event (referee s12 A9, B5, B6)", () => {
  it("figure title, caption, table footnote, Methods and summary.txt name death from sarcoma, not overall survival", () => {
    const r = example();
    const built = buildReportModel(r);
    const fig = built.figures.find((f) => f.id === "cure-fit")!;
    expect(fig.title).toBe("Death from sarcoma (other causes censored): mixture cure model over the Kaplan–Meier estimate.");
    expect(fig.caption).toContain("The Kaplan–Meier estimate is cause-specific: death from sarcoma is the event, deaths from other causes are censored.");
    expect(tableOf(r, "cure-fraction").footnotes!.join(" ")).toContain("The Kaplan–Meier estimate is cause-specific");
    const methods = methodsText(r);
    expect(methods).toContain("The cure fraction for death from sarcoma (other causes censored) (the probability of never dying of sarcoma");
    expect(methods).not.toContain("The cure fraction for overall survival");
    expect(summaryText(r)).toContain("Cure model (Death from sarcoma (other causes censored), cause-specific model;");
    const de = buildReportModel(r, "de").figures.find((f) => f.id === "cure-fit")!;
    expect(de.title).toContain("Tod durch Sarcoma (andere Todesursachen zensiert)");
    const ja = buildReportModel(r, "ja").figures.find((f) => f.id === "cure-fit")!;
    expect(ja.title).toContain("Sarcomaによる死亡（他の死因は打ち切り）");
  });

  it("says 'probability of never dying of sarcoma' and describes only the columns the tables have", () => {
    const r = example();
    const sec = section(r, "cure");
    expect(sec).toContain("Cured: the probability of never dying of sarcoma (deaths from other causes censored: a cause-specific mixture cure model) by the Weibull mixture cure model");
    expect(sec).not.toContain("never having death from");
    const ft = tableOf(r, "cure-fraction");
    // no row is outside the band: the footnote does not describe an "outside band" mark
    expect(ft.rows.some((row) => row.some((x) => x.includes("outside band")))).toBe(false);
    expect(ft.footnotes!.join(" ")).not.toContain("outside band");
    expect(ft.footnotes!.join(" ")).toContain("the model curve stays inside the 95% simultaneous bootstrap band");
    // the latency has no covariate: no hazard ratios to describe
    expect(r.analyses.cure!.fit.latency).toHaveLength(0);
    expect(tableOf(r, "cure-model").footnotes!.join(" ")).not.toContain("e^{αβ}");
    // a quartile of a count between two values is said to be interpolated
    const rows = tableOf(r, "cure-profiles").rows.map((row) => row[0]);
    expect(rows).toContain("Number of lung metastases = 3.25 (upper quartile, interpolated)");
    expect(rows).toContain("Number of lung metastases = 1 (lower quartile)");
    expect(tableOf(r, "cure-profiles", "de").rows.map((row) => row[0])).toContain("Number of lung metastases = 3,25 (oberes Quartil, interpoliert)");
  });
});

describe("the cure section's lead is a sentence (referee s12 B6)", () => {
  it("names the model with its latency in parentheses and gives it a verb, in English and German", () => {
    const r = example();
    const lead = (lang: "en" | "de") => (buildReportModel(r, lang).model.sections.find((s) => s.id === "cure")!.blocks[0] as { text: string }).text;
    expect(lead("en")).toContain("the cause-specific Weibull mixture cure model (latency chosen by the lowest AIC among the converged Weibull, log-normal, log-logistic and generalised gamma fits) was fitted; the model and the data disagree, because");
    expect(lead("de")).toMatch(/\) wurde angepasst; Modell und Daten widersprechen sich, denn /);
  });
});
