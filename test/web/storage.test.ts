/**
 * The form survives a reload (web/src/storage.ts) with every option, the prediction model included;
 * a form saved before the prediction options existed loads with them at their defaults (off).
 * localStorage is replaced by an in-memory Storage here (Node has none).
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildSpecInput, defaultForm, FORM_VERSION } from "../../web/src/form.js";
import { STORAGE_KEY, loadForm, saveForm } from "../../web/src/storage.js";
import { exampleForm } from "./example-form.js";

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

  it("stores nothing for the untouched default form", () => {
    saveForm(defaultForm(), false);
    expect(localStorage.getItem(STORAGE_KEY)).toBeNull();
    expect(loadForm().form).toEqual(defaultForm());
  });
});
