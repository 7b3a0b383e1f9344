/**
 * The form survives a reload (web/src/storage.ts) with every option, the prediction and cure models,
 * competing risks and recurrent events included; a form saved before those options existed loads with
 * them at their defaults (off).
 * localStorage is replaced by an in-memory Storage here (Node has none).
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildSpecInput, defaultForm, FORM_VERSION } from "../../web/src/form.js";
import { STORAGE_KEY, loadForm, saveForm } from "../../web/src/storage.js";
import { exampleCompeting, exampleForm, exampleRecurrent } from "./example-form.js";

class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();
  get length(): number {
    return this.items.size;
  }
  clear(): void {
    this.items.clear();
  }
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
  setItem(key: string, value: string): void {
    this.items.set(key, String(value));
  }
}

describe("the form in local storage", () => {
  const saved = Object.getOwnPropertyDescriptor(globalThis, "localStorage");
  beforeEach(() => {
    Object.defineProperty(globalThis, "localStorage", { value: new MemoryStorage(), configurable: true, writable: true });
  });
  afterEach(() => {
    if (saved) Object.defineProperty(globalThis, "localStorage", saved);
    else Reflect.deleteProperty(globalThis, "localStorage");
  });

  it("restores the prediction model's options as saved, so the same spec is exported after a reload", () => {
    const f = exampleForm();
    const form = { ...f, analyses: { ...f.analyses, prediction: true, predictionExcluded: ["grade"], predictionTime: "36", predictionBootstrap: "0" } };
    saveForm(form, false);
    const { form: back, rememberData } = loadForm();
    expect(rememberData).toBe(false);
    expect(back).toEqual(form);
    expect(buildSpecInput(back)).toEqual(buildSpecInput(form));
  });

  it("loads a form saved before the prediction options existed with the prediction model off", () => {
    const f = exampleForm();
    const { prediction: _p, predictionExcluded: _e, predictionTime: _t, predictionBootstrap: _b, ...oldAnalyses } = f.analyses;
    localStorage.setItem(STORAGE_KEY, JSON.stringify({ version: FORM_VERSION, form: { ...f, analyses: oldAnalyses }, rememberData: false }));
    const { form } = loadForm();
    expect(form.analyses).toEqual({ ...oldAnalyses, prediction: false, predictionExcluded: [], predictionTime: "", predictionBootstrap: "200" });
    expect(form).toEqual(f);
  });

  it("restores the cure model's options as saved, so the same spec is exported after a reload", () => {
    const f = exampleForm();
    const form = {
      ...f,
      analyses: { ...f.analyses, cure: true, cureModel: "ph" as const, cureByTreatment: true, cureIncidence: ["timing", "n_lung_mets"], cureLatencySame: false, cureLatency: ["age_primary"], cureBootstrap: "50" },
    };
    saveForm(form, false);
    const { form: back } = loadForm();
    expect(back).toEqual(form);
    expect(buildSpecInput(back)).toEqual(buildSpecInput(form));
    expect(buildSpecInput(back).analyses?.cure).toEqual({ endpoint: "os", model: "ph", by: "treatment", incidence: ["timing", "n_lung_mets"], latency: ["age_primary"], bootstrap: 50 });
  });

  it("loads a form saved before the cure options existed with the cure model off, and exports the same spec", () => {
    const f = exampleForm();
    const { cure: _c, cureModel: _m, cureByTreatment: _b, cureIncidence: _i, cureLatencySame: _s, cureLatency: _l, cureBootstrap: _n, ...oldAnalyses } = f.analyses;
    localStorage.setItem(STORAGE_KEY, JSON.stringify({ version: FORM_VERSION, form: { ...f, analyses: oldAnalyses }, rememberData: false }));
    const { form } = loadForm();
    expect(form.analyses).toEqual({ ...oldAnalyses, cure: false, cureModel: "weibull", cureByTreatment: false, cureIncidence: [], cureLatencySame: true, cureLatency: [], cureBootstrap: "100" });
    expect(form).toEqual(f);
    expect(buildSpecInput(form).analyses?.cure).toBeUndefined();
  });

  it("restores the competing-risks and recurrent-events options as saved, so the same spec is exported after a reload", () => {
    const f = exampleForm();
    const form = {
      ...f,
      analyses: {
        ...f.analyses,
        ...exampleCompeting,
        competingCauses: [...(exampleCompeting.competingCauses ?? []), { value: "unknown", cause: "" }],
        competingTimesSameAsKm: false,
        competingTimes: "6, 18",
        ...exampleRecurrent,
        recurrentByTreatment: true,
        recurrentModels: ["pwp-gap" as const],
      },
    };
    saveForm(form, false);
    const { form: back } = loadForm();
    expect(back).toEqual(form);
    expect(buildSpecInput(back)).toEqual(buildSpecInput(form));
    expect(buildSpecInput(back).endpoints?.os).toMatchObject({ causes: { column: "cause_of_death", values: { Sarcoma: "sarcoma", "Other causes": "other" } } });
    expect(buildSpecInput(back).analyses?.competingRisks).toEqual({ endpoint: "os", by: "treatment", times: [6, 18], covariates: ["age_primary", "n_lung_mets"] });
    expect(buildSpecInput(back).analyses?.recurrent).toMatchObject({ by: "treatment", models: ["pwp-gap"] });
  });

  it("loads a form saved before the competing-risks and recurrent-events options existed with both off, and exports the same spec", () => {
    const f = exampleForm();
    const {
      competingRisks: _c,
      competingCauseColumn: _cc,
      competingCauses: _ce,
      competingByTreatment: _cb,
      competingTimesSameAsKm: _cs,
      competingTimes: _ct,
      competingCovariates: _cv,
      recurrent: _r,
      recurrentEvents: _re,
      recurrentLabel: _rl,
      recurrentByTreatment: _rb,
      recurrentCovariates: _rv,
      recurrentModels: _rm,
      ...oldAnalyses
    } = f.analyses;
    const before = buildSpecInput(f);
    localStorage.setItem(STORAGE_KEY, JSON.stringify({ version: FORM_VERSION, form: { ...f, analyses: oldAnalyses }, rememberData: false }));
    const { form } = loadForm();
    expect(form.analyses).toMatchObject({ competingRisks: false, competingCauses: [], recurrent: false, recurrentEvents: [""], recurrentModels: ["ag", "pwp-total", "pwp-gap"] });
    expect(form).toEqual(f);
    expect(buildSpecInput(form)).toEqual(before);
    expect(buildSpecInput(form).analyses).not.toHaveProperty("competingRisks");
    expect(buildSpecInput(form).analyses).not.toHaveProperty("recurrent");
    expect(buildSpecInput(form).endpoints?.os).not.toHaveProperty("causes");
  });

  it("stores nothing for the untouched default form", () => {
    saveForm(defaultForm(), false);
    expect(localStorage.getItem(STORAGE_KEY)).toBeNull();
    expect(loadForm().form).toEqual(defaultForm());
  });
});
