/**
 * The app: open a file, preview and fix how it is read, define the study, run it in the Web Worker,
 * look at the results and download them. State lives here; sections render it.
 */
import { html } from "htm/preact";
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import type { VNode } from "preact";
import type { ColumnKind } from "../../src/data/table.js";
import { StudySpecError } from "../../src/study/spec.js";
import type { EndpointFeedback, PreviewFormat, PreviewInfo, Problem, ResultsSummary, RowsWindow } from "./engine.js";
import { inferenceReasonText, readWarningText, specIssueText } from "./problem-text.js";
import { Check, Select, Text, columnOptions } from "./fields.js";
import { buildSpecInput, defaultForm, formSpec, previewReadOptions, switchLanguage, type FormState } from "./form.js";
import { parseStudySpec } from "../../src/study/spec.js";
import { EngineClient } from "./rpc.js";
import { ResultsView, type Download } from "./results-view.js";
import { clearAll, forgetData, loadData, loadForm, saveData, saveForm } from "./storage.js";
import { AnalysesSection, EndpointsSection, ProblemList, TreatmentSection } from "./study-sections.js";
import { stringify } from "yaml";
import { stepLabel } from "./steps.js";
import { LANGUAGES, type Language } from "../../src/i18n/language.js";
import { messagesFor, type Messages } from "../../src/i18n/messages.js";

type AppTexts = Messages["app"];

/** The language switch: each language by its own name. */
const LANGUAGE_NAMES: Readonly<Record<Language, string>> = { en: "English", de: "Deutsch", ja: "日本語" };

const PAGE = 15;
const DATE_FORMATS = ["", "DD.MM.YYYY", "MM/DD/YYYY", "DD/MM/YYYY", "YYYY-MM-DD", "excel-serial"];
// the data step's reading controls (issue 19): what the reader would otherwise detect, declared by the user
// (the first option, "detect", is labelled in the app's language by withDetect; the others are symbols and names)
const DECIMALS = [
  { value: "", label: "" },
  { value: ".", label: ". (1234.5)" },
  { value: ",", label: ", (1234,5)" },
];
const DELIMITERS = [
  { value: "", label: "" },
  { value: ",", label: "," },
  { value: ";", label: ";" },
  { value: "tab", label: "Tab ⇥" },
  { value: "|", label: "|" },
];
const ENCODINGS = [
  { value: "", label: "" },
  { value: "utf-8", label: "UTF-8" },
  { value: "windows-1252", label: "Windows-1252 (Excel)" },
];

/** The options with the first ("detect") labelled in the app's language. */
function withDetect(options: readonly { value: string; label: string }[], detect: string): { value: string; label: string }[] {
  return options.map((o, k) => (k === 0 ? { ...o, label: detect } : o));
}

interface RunState {
  readonly status: "idle" | "running" | "done" | "error";
  readonly step?: string;
  /** Progress of a long step (the bootstrap): `done` of `total` replicates. */
  readonly progress?: { readonly done: number; readonly total: number };
  readonly results?: ResultsSummary;
  readonly reportHtml?: string;
  readonly downloads?: readonly Download[];
  readonly ms?: number;
  readonly problem?: Problem;
}

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const h = setTimeout(() => setV(value), ms);
    return () => clearTimeout(h);
  }, [value, ms]);
  return v;
}

/** Download links (object URLs) for the run's outputs, made in the worker as Blobs, and the spec. */
/** A download's label in the app's language, from its file name (the name itself stays as it is). */
export function downloadLabel(name: string, t: AppTexts): string {
  if (name === "report.html") return t.downloadReport;
  if (name === "results.json") return t.downloadResults;
  if (name === "study.yaml") return t.downloadSpec;
  if (name === "tables.docx") return t.downloadDocx;
  if (name.endsWith(".csv")) return t.downloadTable(name);
  if (name.endsWith(".svg")) return t.downloadFigure(name);
  return name;
}

function makeDownloads(blobs: Record<string, Blob>, yaml: string, t: AppTexts): Download[] {
  const mk = (name: string, blob: Blob): Download => ({ name, url: URL.createObjectURL(blob), label: downloadLabel(name, t) });
  const out: Download[] = [
    mk("report.html", blobs["report.html"]),
    mk("results.json", blobs["results.json"]),
    mk("study.yaml", new Blob([yaml], { type: "application/yaml" })),
  ];
  if (blobs["tables.docx"]) out.push(mk("tables.docx", blobs["tables.docx"]));
  for (const [name, blob] of Object.entries(blobs)) {
    const base = name.split("/").pop() as string;
    if (name.startsWith("tables/") && name.endsWith(".csv")) out.push(mk(base, blob));
    else if (name.startsWith("figures/") && name.endsWith(".svg")) out.push(mk(base, blob));
  }
  return out;
}

/** How the preview read the file, in the app's language: "delimited text (",")", "workbook, sheet "Patients"". */
export function formatText(format: PreviewFormat, t: AppTexts): string {
  if (format.kind === "xlsx") return t.formatWorkbook(JSON.stringify(format.sheet));
  if (format.kind === "arrow") return t.formatArrow;
  return t.formatDelimited(format.delimiter === "\t" ? t.delimiterTab : JSON.stringify(format.delimiter));
}

function DataPreview(p: {
  info: PreviewInfo;
  rows: RowsWindow;
  focusRow: number | null;
  types: Record<string, ColumnKind>;
  onType: (column: string, kind: ColumnKind | "") => void;
  onPage: (start: number) => void;
  t: AppTexts;
  language: Language;
}): VNode {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (p.focusRow === null) return;
    const el = ref.current?.querySelector<HTMLElement>(`[data-row="${p.focusRow}"]`);
    el?.scrollIntoView({ block: "center" });
    el?.focus();
  }, [p.focusRow, p.rows]);
  const { info, rows, t } = p;
  const kindName: Readonly<Record<ColumnKind, string>> = { numeric: t.kindNumeric, categorical: t.kindCategorical, date: t.kindDate };
  return html`<div>
    <p>${t.previewSummary(info.fileName, String(info.nRows), String(info.columns.length), formatText(info.format, t))}</p>
    ${info.warnings.length > 0 ? html`<ul class="warnings" data-testid="read-warnings">${info.warnings.map((w) => html`<li>${readWarningText(w, p.language)}</li>`)}</ul>` : null}
    <div class="table-scroll" ref=${ref} tabindex="0" role="region" aria-label=${t.dataPreview}>
      <table class="preview" data-testid="preview">
        <caption>${t.rowsCaption(String(rows.start + 1), String(rows.start + rows.cells.length), String(info.nRows))}</caption>
        <thead>
          <tr><th scope="col">${t.rowHeader}</th>${info.columns.map((c) => html`<th scope="col">${c.column}</th>`)}</tr>
          <tr>
            <td></td>
            ${info.columns.map(
              (c) => html`<td>
                <label class="sr-only" for=${`type-${c.column}`}>${t.columnType(c.column)}</label>
                <select id=${`type-${c.column}`} data-testid=${`type-${c.column}`} title=${inferenceReasonText(c.reason, p.language)} onChange=${(e: Event) => p.onType(c.column, (e.target as HTMLSelectElement).value as ColumnKind | "")}>
                  ${(["", "numeric", "categorical", "date"] as const).map(
                    (k) => html`<option value=${k} selected=${(p.types[c.column] ?? "") === k}>${k === "" ? t.inferred(kindName[c.kind]) : kindName[k]}</option>`,
                  )}
                </select>
                <div class="muted small">${t.nMissing(String(c.nMissing))}${c.dateFormat ? `; ${c.dateFormat}` : ""}</div>
              </td>`,
            )}
          </tr>
        </thead>
        <tbody>
          ${rows.cells.map(
            (r, i) => html`<tr data-row=${rows.rowNumbers[i]} tabindex="-1" class=${rows.rowNumbers[i] === p.focusRow ? "focus" : ""}>
              <th scope="row">${rows.rowNumbers[i]}</th>${r.map((c) => html`<td>${c}</td>`)}
            </tr>`,
          )}
        </tbody>
      </table>
    </div>
    <div class="pager">
      <button type="button" disabled=${rows.start === 0} onClick=${() => p.onPage(Math.max(0, rows.start - PAGE))}>${t.previousRows}</button>
      <button type="button" disabled=${rows.start + rows.cells.length >= info.nRows} onClick=${() => p.onPage(rows.start + PAGE)}>${t.nextRows}</button>
    </div>
  </div>`;
}

/**
 * Progress of a long step (the bootstrap): a native <progress> (role progressbar) with its label and
 * aria-valuetext; the status line above it stays the polite live region, so screen readers are not
 * flooded with every replicate.
 */
function ProgressBar(p: { step: string; done: number; total: number; t: AppTexts }): VNode {
  // the bootstrap counts replicates; the other long steps (Firth's profile likelihood, the CCW bootstrap, imputation) units of their own
  const label = stepLabel(p.step, p.t);
  const text = p.step === "bootstrap" ? p.t.replicatesOf(String(p.done), String(p.total)) : p.t.stepProgress(String(p.done), String(p.total), label);
  return html`<div class="progress" data-testid="progress">
    <label for="run-progress">${p.step === "bootstrap" ? p.t.bootstrap : label}</label>
    <progress id="run-progress" data-testid="run-progress" max=${p.total} value=${p.done} aria-valuemin="0" aria-valuemax=${p.total} aria-valuenow=${p.done} aria-valuetext=${text}></progress>
    <span class="small">${text}</span>
  </div>`;
}

export function App(): VNode {
  const engine = useMemo(() => new EngineClient(), []);
  const initial = useMemo(() => loadForm(), []);
  const [form, setForm] = useState<FormState>(initial.form);
  const [remember, setRemember] = useState(initial.rememberData);
  const [file, setFile] = useState<{ name: string; size: number } | null>(null);
  const [bytesCopy, setBytesCopy] = useState<Uint8Array | null>(null);
  const [preview, setPreview] = useState<{ info: PreviewInfo; rows: RowsWindow } | null>(null);
  const [readProblem, setReadProblem] = useState<Problem | null>(null);
  const [focusRow, setFocusRow] = useState<number | null>(null);
  const [feedback, setFeedback] = useState<{ items: readonly EndpointFeedback[]; readProblem?: Problem }>({ items: [] });
  const [run, setRun] = useState<RunState>({ status: "idle" });
  const [dragging, setDragging] = useState(false);
  const [storageNote, setStorageNote] = useState<"" | "remembered" | "too-large">("");
  const [previewKey, setPreviewKey] = useState(0);
  const update = (fn: (f: FormState) => FormState): void => setForm((f) => fn(f));

  useEffect(() => saveForm(form, remember), [form, remember]);

  async function openBytes(name: string, bytes: Uint8Array, size: number): Promise<void> {
    setFile({ name, size });
    setBytesCopy(bytes);
    setRun({ status: "idle" });
    setFeedback({ items: [] });
    // another file: its sheet names and its delimiter/encoding are its own
    setForm((f) => ({ ...f, fileName: name, title: f.title || name.replace(/\.[^.]+$/, ""), ...(f.fileName !== name ? { sheet: "", delimiter: "", encoding: "" } : {}) }));
    await engine.request({ type: "load", bytes: bytes.slice(), fileName: name });
    setPreviewKey((k) => k + 1);
  }

  // restore the remembered data file
  useEffect(() => {
    if (!initial.rememberData) return;
    const d = loadData();
    if (d) void openBytes(d.fileName, d.bytes, d.bytes.length);
  }, []);

  useEffect(() => {
    if (!remember) {
      forgetData();
      setStorageNote("");
    } else if (file && bytesCopy) setStorageNote(saveData({ fileName: file.name, bytes: bytesCopy }) ? "remembered" : "too-large");
  }, [remember, bytesCopy]);

  async function onFiles(files: FileList | null): Promise<void> {
    const f = files?.[0];
    if (!f) return;
    const bytes = new Uint8Array(await f.arrayBuffer());
    await openBytes(f.name, bytes, f.size);
  }

  // preview: re-read when the file or the read options change
  const readKey = JSON.stringify([form.types, form.missing, form.dateFormat, form.decimal, form.delimiter, form.encoding, form.sheet]);
  const debouncedReadKey = useDebounced(readKey, 250);
  useEffect(() => {
    if (!file) return;
    let alive = true;
    void engine.request({ type: "preview", options: previewReadOptions(form, file.name), start: 0, count: PAGE }).then((r) => {
      if (!alive) return;
      if (r.type === "preview") {
        setPreview({ info: r.info, rows: r.rows });
        setReadProblem(null);
      } else if (r.type === "error") setReadProblem(r.problem);
    });
    return () => {
      alive = false;
    };
  }, [previewKey, debouncedReadKey, file?.name]);

  async function showRow(row: number): Promise<void> {
    const r = await engine.request({ type: "rows", start: 0, count: PAGE, row });
    if (r.type === "rows" && preview) {
      setPreview({ ...preview, rows: r.rows });
      setFocusRow(row);
    }
  }
  async function page(start: number): Promise<void> {
    const r = await engine.request({ type: "rows", start, count: PAGE });
    if (r.type === "rows" && preview) setPreview({ ...preview, rows: r.rows });
  }

  // live endpoint feedback
  const endpointSpecText = useMemo(() => {
    const input = buildSpecInput(form);
    if (Object.keys(input.endpoints ?? {}).length === 0) return "";
    return stringify({ title: "endpoint check", data: input.data, endpoints: input.endpoints });
  }, [form]);
  const debouncedEndpointSpec = useDebounced(endpointSpecText, 300);
  useEffect(() => {
    if (!file || !preview || debouncedEndpointSpec === "") {
      setFeedback({ items: [] });
      return;
    }
    let spec;
    try {
      spec = parseStudySpec(debouncedEndpointSpec, "study.yaml");
    } catch {
      return;
    }
    let alive = true;
    void engine.request({ type: "check", spec }).then((r) => {
      if (alive && r.type === "check") setFeedback({ items: r.feedback, readProblem: r.readProblem });
    });
    return () => {
      alive = false;
    };
  }, [debouncedEndpointSpec, preview?.info]);

  // the whole spec, validated by the CLI's parser
  const specState = useMemo((): { yaml?: string; issues: string[] } => {
    try {
      const { yaml } = formSpec(form);
      return { yaml, issues: [] };
    } catch (e) {
      if (e instanceof StudySpecError) return { issues: e.issues.map((i) => specIssueText(i, form.language ?? "en")) };
      return { issues: [e instanceof Error ? e.message : String(e)] };
    }
  }, [form]);

  async function runStudy(): Promise<void> {
    let spec;
    let yaml: string;
    try {
      ({ spec, yaml } = formSpec(form));
    } catch {
      return;
    }
    for (const d of run.downloads ?? []) URL.revokeObjectURL(d.url);
    setRun({ status: "running", step: "starting" });
    // marks for measuring responsiveness (test/e2e/app-responsive.test.ts): run sent, result received
    performance.mark("survinfer:run");
    const r = await engine.request({ type: "run", spec }, (step, done, total) =>
      setRun({ status: "running", step, progress: done === undefined || total === undefined ? undefined : { done, total } }),
    );
    performance.mark("survinfer:result");
    if (r.type === "result") {
      setRun({ status: "done", results: r.results, reportHtml: r.reportHtml, downloads: makeDownloads(r.blobs, yaml, messagesFor(form.language ?? "en").app), ms: r.ms });
    } else if (r.type === "error") setRun({ status: "error", problem: r.problem });
  }

  function clearEverything(): void {
    clearAll();
    for (const d of run.downloads ?? []) URL.revokeObjectURL(d.url);
    setForm(defaultForm());
    setRemember(false);
    setFile(null);
    setBytesCopy(null);
    setPreview(null);
    setReadProblem(null);
    setFeedback({ items: [] });
    setRun({ status: "idle" });
  }

  const columns = preview?.info.columns ?? [];
  const workbook = preview?.info.sheets !== undefined || /\.(xlsx|xlsm|xls|ods)$/i.test(file?.name ?? "");
  // an Arrow file carries its own types: no decimal mark, delimiter or encoding to choose (the reader refuses them)
  const arrowFile = preview?.info.format.kind === "arrow" || /\.(arrow|feather|ipc|arrows)$/i.test(file?.name ?? "");
  const setType = (column: string, kind: ColumnKind | ""): void =>
    update((f) => {
      const types = { ...f.types };
      if (kind === "") delete types[column];
      else types[column] = kind;
      return { ...f, types };
    });

  // the app's texts and the report in the language of the switch (the spec's `language`)
  const language: Language = form.language ?? "en";
  const t = messagesFor(language).app;
  useEffect(() => {
    document.documentElement.lang = language;
    document.title = t.pageTitle;
  }, [language]);

  return html`<div class="app">
    <header>
      <h1>survinfer</h1>
      ${Select({ id: "language", label: t.language, value: language, options: LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] })), onChange: (v) => update((f) => switchLanguage(f, v as Language)) })}
      <p>${t.tagline} <strong>${t.dataStays}</strong>${t.dataStaysRest}</p>
      <button type="button" class="danger" onClick=${clearEverything} data-testid="clear">${t.clear}</button>
    </header>
    <main>
      <section aria-labelledby="h-data">
        <h2 id="h-data">${t.dataFile}</h2>
        <div
          class=${dragging ? "dropzone dragging" : "dropzone"}
          onDragOver=${(e: DragEvent) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave=${() => setDragging(false)}
          onDrop=${(e: DragEvent) => {
            e.preventDefault();
            setDragging(false);
            void onFiles(e.dataTransfer?.files ?? null);
          }}
        >
          <label for="file">${t.openFile}</label>
          <input id="file" data-testid="file" type="file" accept=".csv,.tsv,.txt,.xlsx,.xlsm,.xls,.ods,.arrow,.feather,.ipc,.arrows,text/csv" onChange=${(e: Event) => void onFiles((e.target as HTMLInputElement).files)} />
          ${file ? html`<p data-testid="file-name">${t.opened(file.name, String(file.size))}</p>` : null}
        </div>
        ${Check({ id: "remember", label: t.remember, checked: remember, onChange: setRemember })}
        ${storageNote ? html`<p class="muted">${storageNote === "remembered" ? t.dataRemembered : t.dataTooLarge}</p>` : null}
      </section>

      <section aria-labelledby="h-read">
        <h2 id="h-read">${t.howRead}</h2>
        <div class="row">
          ${Select({ id: "date-format", label: t.dateFormat, value: form.dateFormat, options: DATE_FORMATS.map((d) => ({ value: d, label: d === "" ? t.detect : d })), onChange: (v) => update((f) => ({ ...f, dateFormat: v as FormState["dateFormat"] })) })}
          ${Text({ id: "missing", label: t.missingTokens, value: form.missing, onInput: (v) => update((f) => ({ ...f, missing: v })), placeholder: t.missingPlaceholder, hint: t.missingHint })}
          ${arrowFile ? null : Select({ id: "decimal", label: t.decimalMark, value: form.decimal, options: withDetect(DECIMALS, t.detect), onChange: (v) => update((f) => ({ ...f, decimal: v as FormState["decimal"] })) })}
          ${arrowFile
            ? null
            : workbook
            ? Select({ id: "sheet", label: t.sheet, value: form.sheet, options: [{ value: "", label: t.firstSheet }, ...(preview?.info.sheets ?? []).map((n) => ({ value: n, label: n }))], onChange: (v) => update((f) => ({ ...f, sheet: v })) })
            : html`${Select({ id: "delimiter", label: t.delimiter, value: form.delimiter, options: withDetect(DELIMITERS, t.detect).map((o) => (o.value === "tab" ? { ...o, label: t.delimiterTabOption } : o)), onChange: (v) => update((f) => ({ ...f, delimiter: v as FormState["delimiter"] })) })}
              ${Select({ id: "encoding", label: t.encoding, value: form.encoding, options: withDetect(ENCODINGS, t.detectEncoding), onChange: (v) => update((f) => ({ ...f, encoding: v as FormState["encoding"] })) })}`}
          ${Select({ id: "id-column", label: t.idColumn, value: form.idColumn, options: columnOptions(columns, t, t.rowNumber), onChange: (v) => update((f) => ({ ...f, idColumn: v })) })}
        </div>
        ${readProblem ? html`<div role="alert" data-testid="read-problem">${ProblemList({ problems: [readProblem], onRow: (row) => void showRow(row), testid: "read-problems", language })}</div>` : null}
        ${preview
          ? html`<${DataPreview} info=${preview.info} rows=${preview.rows} focusRow=${focusRow} types=${form.types} onType=${setType} onPage=${(s: number) => void page(s)} t=${t} language=${language} />`
          : html`<p class="muted">${t.openToPreview}</p>`}
      </section>

      ${EndpointsSection({ form, columns, update, feedback: feedback.items, onRow: (row) => void showRow(row) })}
      ${feedback.readProblem ? html`<div role="alert" data-testid="check-read-problem">${ProblemList({ problems: [feedback.readProblem], onRow: (row) => void showRow(row), testid: "check-problems", language })}</div>` : null}
      ${TreatmentSection({ form, columns, update })}
      ${AnalysesSection({ form, columns, update })}

      <section aria-labelledby="h-run">
        <h2 id="h-run">${t.run}</h2>
        ${specState.issues.length > 0
          ? html`<div class="spec-issues" data-testid="spec-issues"><p>${t.completeFirst}</p><ul>${specState.issues.map((i) => html`<li>${i}</li>`)}</ul></div>`
          : null}
        <button type="button" class="primary" data-testid="run" disabled=${!file || specState.issues.length > 0 || run.status === "running"} onClick=${() => void runStudy()}>${t.runStudy}</button>
        <p class="status" role="status" aria-live="polite" data-testid="status" data-state=${run.status}>
          ${run.status === "running" ? t.working(stepLabel(run.step ?? "", t)) : run.status === "done" ? t.done : run.status === "error" ? t.failed : ""}
        </p>
        ${run.status === "running" && run.progress ? ProgressBar({ step: run.step ?? "", ...run.progress, t }) : null}
        ${run.problem ? html`<div role="alert" data-testid="run-problem">${ProblemList({ problems: [run.problem], onRow: (row) => void showRow(row), testid: "run-problems", language })}</div>` : null}
        ${specState.yaml
          ? html`<details><summary>${t.specYaml}</summary><pre data-testid="spec-yaml">${specState.yaml}</pre></details>`
          : null}
      </section>

      ${run.status === "done" && run.results && run.reportHtml && run.downloads
        ? html`<${ResultsView} results=${run.results} reportHtml=${run.reportHtml} downloads=${run.downloads.map((d) => ({ ...d, label: downloadLabel(d.name, t) }))} ms=${run.ms ?? 0} language=${language} />`
        : null}
    </main>
  </div>`;
}
