import { describe, expect, it } from "vitest";
import { flowDiagram, wrapText } from "../../../src/report/plots/flow-diagram.js";
import { textWidth } from "../../../src/report/plots/svg.js";
import { strobeFlow } from "../../../src/report/flow.js";
import { buildReportModel } from "../../../src/report/render.js";
import { exampleResults } from "../render-study.js";
import { findAll, hasClass, parseXml, type XmlElement } from "./xml.js";

const rectOf = (box: XmlElement): { x: number; y: number; w: number; h: number } => {
  const r = findAll(box, (e) => e.name === "rect")[0];
  return { x: Number(r.attrs.x), y: Number(r.attrs.y), w: Number(r.attrs.width), h: Number(r.attrs.height) };
};

describe("flowDiagram (STROBE patient flow)", () => {
  it("wraps long text inside its box instead of cutting it, measured with the text-width estimate", () => {
    const long = "Age at diagnosis of the primary tumour in completed years, as recorded by the referring centre";
    const svg = flowDiagram({ steps: [{ lines: ["Patients assessed", "n = 64"], side: ["Excluded (n = 3)", `missing ${long}: 3`] }, { lines: ["Analysed", "n = 61"] }], groups: [["No metastasectomy", "n = 20"], ["Metastasectomy", "n = 41"]] });
    const root = parseXml(svg);
    const boxes = findAll(root, (e) => hasClass(e, "flow-box") || hasClass(e, "flow-side") || hasClass(e, "flow-group"));
    expect(boxes.length).toBe(5);
    const all: string[] = [];
    for (const b of boxes) {
      const rect = rectOf(b);
      for (const t of findAll(b, (e) => e.name === "text")) {
        const bold = t.attrs["font-weight"] === "bold";
        all.push(t.text);
        expect(Number(t.attrs.x) + textWidth(t.text, Number(t.attrs["font-size"]), bold)).toBeLessThanOrEqual(rect.x + rect.w);
        expect(Number(t.attrs.y)).toBeLessThan(rect.y + rect.h);
      }
    }
    // every word is shown, none cut with an ellipsis
    expect(all.join(" ")).toContain("referring centre: 3");
    expect(all.join(" ")).not.toContain("…");
  });

  it("keeps boxes apart: no two boxes overlap", () => {
    const root = parseXml(flowDiagram(strobeFlow(exampleResults())!));
    const rects = findAll(root, (e) => hasClass(e, "flow-box") || hasClass(e, "flow-side") || hasClass(e, "flow-group") || hasClass(e, "flow-cohort")).map(rectOf);
    // 3 main boxes, 1 exclusion, 2 groups, and the cohorts of the other designs that were estimated (CCW, landmark,
    // prediction; the adjusted time-dependent Cox is refused below the EPV floor on the example, so it has no box)
    expect(rects.length).toBe(9);
    for (let i = 0; i < rects.length; i++) {
      for (let j = i + 1; j < rects.length; j++) {
        const a = rects[i];
        const b = rects[j];
        const overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
        expect(overlap, `boxes ${i} and ${j}`).toBe(false);
      }
    }
  });

  it("wrapText breaks at spaces and never loses a word", () => {
    const lines = wrapText("one two three four five six", 12, 40);
    expect(lines.join(" ")).toBe("one two three four five six");
    expect(lines.length).toBeGreaterThan(1);
  });
});

describe("the report's flow diagram", () => {
  it("shows the example's numbers: assessed, analysed with events, missing covariates by label, per group", () => {
    const r = exampleResults();
    const f = buildReportModel(r).figures.find((x) => x.id === "flow");
    expect(f).toBeDefined();
    const text = findAll(parseXml(f!.svg), (e) => e.name === "text").map((t) => t.text).join("\n");
    const ep = r.endpoints[0];
    expect(text).toContain(`n = ${ep.flow.read}`);
    expect(text).toContain(`n = ${ep.flow.analysed}, ${ep.events} events`);
    const a = r.analyses.propensity!.analysis;
    expect(text).toContain(`n = ${a.n} with complete covariates`);
    // each group box under the propensity-score box starts with its part of that box's n: a box never holds more
    // patients than its parent (referee A4, session 12); the group's analysed patients follow
    const strata = r.analyses.km!.strata;
    const flat = text.replace(/\s+/g, " ");
    strata.forEach((s, j) => expect(flat).toContain(`propensity analyses: ${j === 1 ? a.nTreated : a.nControl} of ${s.n} analysed`));
    // no events of another population in these boxes (the group's events are of all its analysed patients)
    expect(flat).not.toMatch(/propensity analyses: \d+[^,]*events/);
    expect(a.nTreated + a.nControl).toBe(a.n);
    expect(text).not.toMatch(/^analysed: n = /m);
    expect(text).not.toMatch(/primary_size_mm|n_lung_mets/);
    expect(text).toContain("missing size of the primary tumour (mm): ");
    expect(text).toContain("missing FNCLCC grade: ");
  });

  it("draws the cohorts of the immortal-time designs and of the prediction model with their own n and events", () => {
    const r = exampleResults();
    const f = buildReportModel(r).figures.find((x) => x.id === "flow");
    const text = findAll(parseXml(f!.svg), (e) => e.name === "text").map((t) => t.text).join(" ");
    const it = r.analyses.immortalTime!;
    expect(text).toContain(`n = ${it.cloneCensorWeight!.n}, ${it.cloneCensorWeight!.patientEvents} events`);
    expect(text).toContain(`Landmark at ${it.landmarkPs!.time} ${it.unit}`);
    expect(text).toContain(`n = ${it.landmarkPs!.n}, ${it.landmarkPs!.events} events`);
    // the PS landmark cohort says it is the complete cases among those alive at the landmark (53 of 61 on the example)
    expect(it.landmark!.n).toBeGreaterThan(it.landmarkPs!.n);
    expect(text).toMatch(new RegExp(`with complete covariates, of ${it.landmark!.n} alive and in\\s+follow-up at the\\s+landmark`));
    // the declared primary (clone–censor–weight) is named so in its box
    expect(r.primary.id).toBe("cloneCensorWeight");
    expect(text).toMatch(/Clone–censor–weight\s+\(primary\s+analysis\)/);
    const pv = r.analyses.prediction!.validation;
    expect(text).toContain(`n = ${pv.n}, ${pv.nEvent} events`);
    // the flow without those analyses has no cohort row
    const bare = strobeFlow({ ...r, analyses: { ...r.analyses, immortalTime: undefined, prediction: undefined } })!;
    expect(bare.cohorts).toBeUndefined();
  });
});
