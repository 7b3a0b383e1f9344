/**
 * What survives a reload: the form (column mapping and options) in localStorage, and the data file
 * only when the user ticks "remember data on this computer". `clearAll` removes both.
 */
import { defaultForm, FORM_VERSION, type FormState } from "./form.js";

export const STORAGE_KEY = "survinfer.app.form";
export const DATA_KEY = "survinfer.app.data";

export interface StoredData {
  readonly fileName: string;
  readonly bytes: Uint8Array;
}

function store(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

export function loadForm(): { form: FormState; rememberData: boolean } {
  const raw = store()?.getItem(STORAGE_KEY);
  if (!raw) return { form: defaultForm(), rememberData: false };
  try {
    const parsed = JSON.parse(raw) as { version?: number; form?: Partial<FormState>; rememberData?: boolean };
    if (parsed.version !== FORM_VERSION || parsed.form === undefined) return { form: defaultForm(), rememberData: false };
    const d = defaultForm();
    const f = parsed.form;
    return { form: { ...d, ...f, treatment: { ...d.treatment, ...f.treatment }, analyses: { ...d.analyses, ...f.analyses } }, rememberData: parsed.rememberData === true };
  } catch {
    return { form: defaultForm(), rememberData: false };
  }
}

export function saveForm(form: FormState, rememberData: boolean): void {
  try {
    if (!rememberData && JSON.stringify(form) === JSON.stringify(defaultForm())) {
      store()?.removeItem(STORAGE_KEY);
      return;
    }
    store()?.setItem(STORAGE_KEY, JSON.stringify({ version: FORM_VERSION, form, rememberData }));
  } catch {
    // storage full or disabled: the app works without it
  }
}

function toBase64(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function fromBase64(text: string): Uint8Array {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** Saves the data file; false when it does not fit in the browser's storage. */
export function saveData(data: StoredData): boolean {
  try {
    store()?.setItem(DATA_KEY, JSON.stringify({ fileName: data.fileName, base64: toBase64(data.bytes) }));
    return true;
  } catch {
    return false;
  }
}

export function loadData(): StoredData | undefined {
  const raw = store()?.getItem(DATA_KEY);
  if (!raw) return undefined;
  try {
    const p = JSON.parse(raw) as { fileName: string; base64: string };
    return { fileName: p.fileName, bytes: fromBase64(p.base64) };
  } catch {
    return undefined;
  }
}

export function forgetData(): void {
  store()?.removeItem(DATA_KEY);
}

export function clearAll(): void {
  store()?.removeItem(STORAGE_KEY);
  store()?.removeItem(DATA_KEY);
}
