/** Small labelled form controls (every input has a visible <label>), shared by the app's sections. */
import { html } from "htm/preact";
import type { VNode } from "preact";
import type { Messages } from "../../src/i18n/messages.js";

/** A stable id per call site key (labels need ids that do not change between renders). */
export function fieldId(key: string): string {
  return `f-${key.replace(/[^A-Za-z0-9_-]/g, "_")}`;
}

export interface Option {
  readonly value: string;
  readonly label: string;
}

export function Select(p: { id: string; label: string; value: string; options: readonly Option[]; onChange: (v: string) => void; hint?: string; testid?: string }): VNode {
  return html`<div class="field">
    <label for=${p.id}>${p.label}</label>
    <select id=${p.id} data-testid=${p.testid ?? p.id} onChange=${(e: Event) => p.onChange((e.target as HTMLSelectElement).value)}>
      ${p.options.map((o) => html`<option value=${o.value} selected=${o.value === p.value}>${o.label}</option>`)}
    </select>
    ${p.hint ? html`<small>${p.hint}</small>` : null}
  </div>`;
}

export function Text(p: { id: string; label: string; value: string; onInput: (v: string) => void; placeholder?: string; hint?: string; inputmode?: string; testid?: string }): VNode {
  return html`<div class="field">
    <label for=${p.id}>${p.label}</label>
    <input
      id=${p.id}
      data-testid=${p.testid ?? p.id}
      type="text"
      value=${p.value}
      placeholder=${p.placeholder ?? ""}
      inputmode=${p.inputmode ?? "text"}
      onInput=${(e: Event) => p.onInput((e.target as HTMLInputElement).value)}
    />
    ${p.hint ? html`<small>${p.hint}</small>` : null}
  </div>`;
}

export function Check(p: { id: string; label: string; checked: boolean; onChange: (v: boolean) => void; disabled?: boolean; testid?: string }): VNode {
  return html`<div class="check">
    <input id=${p.id} data-testid=${p.testid ?? p.id} type="checkbox" checked=${p.checked} disabled=${p.disabled === true} onChange=${(e: Event) => p.onChange((e.target as HTMLInputElement).checked)} />
    <label for=${p.id}>${p.label}</label>
  </div>`;
}

/** The words the column choices need from the app's catalogue (src/i18n, `app`). */
export type ColumnOptionTexts = Pick<Messages["app"], "chooseOption" | "kindNumeric" | "kindCategorical" | "kindDate">;

/** Column choices for a select, with their types in the app's language, plus a blank first entry ("— choose —" unless given). */
export function columnOptions(columns: readonly { column: string; kind: string }[], t: ColumnOptionTexts, blank: string = t.chooseOption): Option[] {
  const kind = (k: string): string => (k === "numeric" ? t.kindNumeric : k === "categorical" ? t.kindCategorical : k === "date" ? t.kindDate : k);
  return [{ value: "", label: blank }, ...columns.map((c) => ({ value: c.column, label: `${c.column} (${kind(c.kind)})` }))];
}
