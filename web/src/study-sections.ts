/** The study form: endpoints (with live feedback), treatment, covariates and analyses. */
import { html } from "htm/preact";
import type { VNode } from "preact";
import type { ColumnInfo, EndpointFeedback, Problem } from "./engine.js";
import { problemText } from "./problem-text.js";
import { Check, Select, Text, columnOptions, fieldId } from "./fields.js";
import { formatTime } from "../../src/report/number-format.js";
import {
  causeRows,
  causeValues,
  competingCovariates,
  cureCovariates,
  defaultCauses,
  defaultHorizon,
  emptyCovariate,
  emptyEndpoint,
  formHasTreatment,
  kmTimes,
  predictionCovariates,
  recurrentCovariates,
  unmappedLevels,
  type CauseEntry,
  type CovariateForm,
  type CureModelChoice,
  type CurePopulationChoice,
  type EndpointForm,
  type FormState,
  type RecurrentModelChoice,
} from "./form.js";
import { messagesFor, type Messages } from "../../src/i18n/messages.js";
import { withLanguage, type Language } from "../../src/i18n/language.js";

type Update = (fn: (f: FormState) => FormState) => void;

type AppTexts = Messages["app"];

/** The time units, labelled in the app's language (the values are the spec's). */
const units = (t: AppTexts): { value: string; label: string }[] => [
  { value: "days", label: t.unitDays },
  { value: "months", label: t.unitMonths },
  { value: "years", label: t.unitYears },
];

function fmtNum(x: number | null | undefined, t: AppTexts, language: Language): string {
  // one decimal, as the report (src/report/number-format.ts), with the language's decimal mark
  return x === null || x === undefined || !Number.isFinite(x) ? t.notReached : withLanguage(language, () => formatTime(x));
}

export function ProblemList(p: { problems: readonly Problem[]; onRow: (row: number) => void; testid: string; language?: Language }): VNode | null {
  if (p.problems.length === 0) return null;
  const t = messagesFor(p.language ?? "en").app;
  const shown = p.problems.slice(0, 50);
  return html`<ul class="problems" data-testid=${p.testid}>
    ${shown.map(
      (q) => html`<li class=${q.severity === "error" ? "problem error" : "problem"} data-code=${q.code}>
        <span class="badge">${q.severity === "error" ? t.problemError : t.problemExcluded}</span>
        <span class="message">${problemText(q, p.language ?? "en")}</span>
        ${q.row !== undefined ? html` <button type="button" class="link" onClick=${() => p.onRow(q.row as number)}>${t.showRow(String(q.row))}</button>` : null}
      </li>`,
    )}
    ${p.problems.length > shown.length ? html`<li>${t.andMore(String(p.problems.length - shown.length))}</li>` : null}
  </ul>`;
}

function EndpointEditor(p: { e: EndpointForm; k: number; columns: readonly ColumnInfo[]; update: Update; feedback?: EndpointFeedback; onRow: (row: number) => void; removable: boolean; t: Messages["app"]; language: Language }): VNode {
  const { e, k, t } = p;
  const set = (patch: Partial<EndpointForm>): void => p.update((f) => ({ ...f, endpoints: f.endpoints.map((x, i) => (i === k ? { ...x, ...patch } : x)) }));
  const dates = p.columns.filter((c) => c.kind === "date");
  const dateCols = columnOptions(dates.length > 0 ? [...dates, ...p.columns.filter((c) => c.kind !== "date")] : p.columns, t);
  const cols = columnOptions(p.columns, t);
  const id = (s: string): string => fieldId(`ep${k}-${s}`);
  const fb = p.feedback;
  return html`<fieldset class="endpoint" data-testid=${`endpoint-${k}`}>
    <legend>${t.endpoint(e.name || String(k + 1))}</legend>
    <div class="row">
      ${Text({ id: id("name"), label: t.shortName, value: e.name, onInput: (v) => set({ name: v.replace(/\s+/g, "_") }), hint: t.shortNameHint })}
      ${Text({ id: id("label"), label: t.label, value: e.label, onInput: (v) => set({ label: v }), placeholder: t.labelPlaceholder })}
      ${Select({ id: id("mode"), label: t.definedBy, value: e.mode, options: [{ value: "dates", label: t.modeDates }, { value: "contact", label: t.modeContact }, { value: "columns", label: t.modeColumns }], onChange: (v) => set({ mode: v as EndpointForm["mode"] }) })}
      ${Select({ id: id("unit"), label: t.timeUnit, value: e.unit, options: units(t), onChange: (v) => set({ unit: v as EndpointForm["unit"] }) })}
    </div>
    ${e.mode === "dates"
      ? html`<div class="row">
          ${Select({ id: id("origin"), label: t.originDate, value: e.origin, options: dateCols, onChange: (v) => set({ origin: v }) })}
          ${e.events.map(
            (ev, j) =>
              html`<div class="field-group">
                ${Select({ id: id(`event${j}`), label: e.events.length > 1 ? `${t.eventDate} ${j + 1}` : t.eventDate, value: ev, options: dateCols, onChange: (v) => set({ events: e.events.map((x, i) => (i === j ? v : x)) }) })}
                ${e.events.length > 1 ? html`<button type="button" class="small" onClick=${() => set({ events: e.events.filter((_, i) => i !== j) })}>${t.removeEvent(String(j + 1))}</button>` : null}
              </div>`,
          )}
          ${Select({ id: id("censor"), label: t.lastFollowUp, value: e.censor, options: dateCols, onChange: (v) => set({ censor: v }) })}
        </div>
        <button type="button" class="small" onClick=${() => set({ events: [...e.events, ""] })}>${t.addEventDate}</button>`
      : e.mode === "contact"
        ? html`<div class="row">
          ${Select({ id: id("origin"), label: t.originDate, value: e.origin, options: dateCols, onChange: (v) => set({ origin: v }) })}
          ${Select({ id: id("censor"), label: t.lastContact, value: e.censor, options: dateCols, onChange: (v) => set({ censor: v }) })}
          ${Select({ id: id("status"), label: t.vitalStatus, value: e.status, options: cols, onChange: (v) => set({ status: v }) })}
          ${Text({ id: id("values"), label: t.statusValuesEvent, value: e.statusValues, onInput: (v) => set({ statusValues: v }), hint: t.statusHintContact })}
        </div>`
      : html`<div class="row">
          ${Select({ id: id("time"), label: t.timeColumn, value: e.time, options: cols, onChange: (v) => set({ time: v }) })}
          ${Select({ id: id("status"), label: t.statusColumn, value: e.status, options: cols, onChange: (v) => set({ status: v }) })}
          ${Text({ id: id("values"), label: t.statusValuesColumns, value: e.statusValues, onInput: (v) => set({ statusValues: v }), hint: t.statusHintColumns })}
        </div>`}
    <div class="feedback" aria-live="polite" data-testid=${`endpoint-feedback-${k}`}>
      ${fb === undefined
        ? html`<span class="muted">${t.chooseColumnsFeedback}</span>`
        : fb.ok || fb.n !== undefined
          ? html`<span data-testid=${`endpoint-summary-${k}`}>n = <strong>${fb.n}</strong>, ${t.eventsIs} = <strong>${fb.events}</strong>, ${t.medianFollowUpReverse} <strong>${fmtNum(fb.medianFollowUp, t, p.language)}</strong> ${fb.unit === undefined ? "" : messagesFor(p.language).unit(fb.unit)}; ${fb.flowCounts ? t.endpointFlow(String(fb.flowCounts.read), String(fb.flowCounts.excluded), String(fb.flowCounts.analysed)) : fb.flow}</span>`
          : null}
      ${fb ? ProblemList({ problems: fb.problems, onRow: p.onRow, testid: `endpoint-problems-${k}`, language: p.language }) : null}
    </div>
    ${p.removable ? html`<button type="button" class="small" onClick=${() => p.update((f) => ({ ...f, endpoints: f.endpoints.filter((_, i) => i !== k) }))}>${t.removeEndpoint}</button>` : null}
  </fieldset>`;
}

export function EndpointsSection(p: { form: FormState; columns: readonly ColumnInfo[]; update: Update; feedback: readonly EndpointFeedback[]; onRow: (row: number) => void }): VNode {
  const t = messagesFor(p.form.language ?? "en").app;
  return html`<section aria-labelledby="h-endpoints">
    <h2 id="h-endpoints">${t.endpointsHeading}</h2>
    ${p.form.endpoints.map((e, k) =>
      EndpointEditor({ e, k, columns: p.columns, update: p.update, feedback: p.feedback.find((f) => f.name === e.name), onRow: p.onRow, removable: p.form.endpoints.length > 1, t, language: p.form.language ?? "en" }),
    )}
    <button type="button" onClick=${() => p.update((f) => ({ ...f, endpoints: [...f.endpoints, emptyEndpoint(f.endpoints.some((x) => x.name === "pfs") ? `ep${f.endpoints.length + 1}` : "pfs", f.language ?? "en")] }))}>${t.addEndpoint}</button>
  </section>`;
}

function CovariateEditor(p: { c: CovariateForm; k: number; info?: ColumnInfo; update: Update; t: AppTexts }): VNode {
  const { c, k, t } = p;
  const kindName = (kind: string | undefined): string => (kind === "numeric" ? t.kindNumeric : kind === "categorical" ? t.kindCategorical : kind === "date" ? t.kindDate : (kind ?? "?"));
  const set = (patch: Partial<CovariateForm>): void => p.update((f) => ({ ...f, covariates: f.covariates.map((x, i) => (i === k ? { ...x, ...patch } : x)) }));
  const id = (s: string): string => fieldId(`cov-${c.name}-${s}`);
  const categorical = c.type === "categorical" || (c.type === "" && p.info?.kind === "categorical");
  const levels = p.info?.levels ?? [];
  return html`<li class="covariate" data-testid=${`covariate-${c.name}`}>
    <strong>${c.name}</strong>
    <div class="row">
      ${Text({ id: id("label"), label: t.labelOf(c.name), value: c.label, onInput: (v) => set({ label: v }) })}
      ${Select({ id: id("type"), label: t.typeOf(c.name), value: c.type, options: [{ value: "", label: t.asRead(kindName(p.info?.kind)) }, { value: "numeric", label: t.kindNumeric }, { value: "categorical", label: t.kindCategorical }], onChange: (v) => set({ type: v as CovariateForm["type"], ...(v === "categorical" ? { cutoffKind: "" } : { reference: "" }) }) })}
      ${categorical
        ? levels.length > 0 && c.type === ""
          ? Select({ id: id("reference"), label: t.referenceOf(c.name), value: c.reference, options: [{ value: "", label: t.firstLevel(levels[0]) }, ...levels.map((l) => ({ value: l, label: l }))], onChange: (v) => set({ reference: v }) })
          : Text({ id: id("reference"), label: t.referenceOf(c.name), value: c.reference, onInput: (v) => set({ reference: v }), placeholder: t.firstLevelPlaceholder })
        : html`${Select({ id: id("cutkind"), label: t.cutoffOf(c.name), value: c.cutoffKind, options: [{ value: "", label: t.cutoffNone }, { value: "above", label: t.cutoffAbove }, { value: "atLeast", label: t.cutoffAtLeast }], onChange: (v) => set({ cutoffKind: v as CovariateForm["cutoffKind"] }) })}
          ${c.cutoffKind !== "" ? Text({ id: id("cutvalue"), label: t.cutoffValueOf(c.name), value: c.cutoffValue, onInput: (v) => set({ cutoffValue: v }), inputmode: "decimal" }) : null}
          ${c.cutoffKind !== "" ? Text({ id: id("cutlabel"), label: t.cutoffLabelOf(c.name), value: c.cutoffLabel, onInput: (v) => set({ cutoffLabel: v }), placeholder: t.cutoffLabelPlaceholder }) : null}`}
    </div>
  </li>`;
}

export function TreatmentSection(p: { form: FormState; columns: readonly ColumnInfo[]; update: Update }): VNode {
  const tx = messagesFor(p.form.language ?? "en").app;
  const t = p.form.treatment;
  const set = (patch: Partial<FormState["treatment"]>): void => p.update((f) => ({ ...f, treatment: { ...f.treatment, ...patch } }));
  const info = p.columns.find((c) => c.column === t.column);
  const levels = info?.levels ?? [];
  const covNames = new Set(p.form.covariates.map((c) => c.name));
  // dates are follow-up or treatment times, never baseline covariates (issue 19: no date column offered)
  const candidates = p.columns.filter((c) => c.column !== t.column && c.column !== p.form.idColumn && (c.kind !== "date" || covNames.has(c.column)));
  const toggle = (name: string, on: boolean): void =>
    p.update((f) => ({ ...f, covariates: on ? [...f.covariates, emptyCovariate(name)] : f.covariates.filter((c) => c.name !== name), analyses: {
        ...f.analyses,
        coxMultivariable: on ? f.analyses.coxMultivariable : f.analyses.coxMultivariable.filter((n) => n !== name),
        // a covariate chosen (again) starts in the prediction model
        predictionExcluded: f.analyses.predictionExcluded.filter((n) => n !== name),
        cureIncidence: on ? f.analyses.cureIncidence : f.analyses.cureIncidence.filter((n) => n !== name),
        cureLatency: on ? f.analyses.cureLatency : f.analyses.cureLatency.filter((n) => n !== name),
        competingCovariates: on ? f.analyses.competingCovariates : f.analyses.competingCovariates.filter((n) => n !== name),
        recurrentCovariates: on ? f.analyses.recurrentCovariates : f.analyses.recurrentCovariates.filter((n) => n !== name),
      } }));
  return html`<section aria-labelledby="h-treatment">
    <h2 id="h-treatment">${tx.treatmentHeading}</h2>
    <div class="row">
      ${Select({ id: "treatment-column", label: tx.treatmentColumn, value: t.column, options: columnOptions(p.columns, tx, tx.noneOption), onChange: (v) => set({ column: v, treated: "" }) })}
      ${levels.length > 0
        ? Select({ id: "treatment-treated", label: tx.valueTreated, value: t.treated, options: [{ value: "", label: tx.chooseOption }, ...levels.map((l) => ({ value: l, label: l }))], onChange: (v) => set({ treated: v }) })
        : Text({ id: "treatment-treated", label: tx.valueTreated, value: t.treated, onInput: (v) => set({ treated: v }), placeholder: "1" })}
      ${Select({ id: "treatment-date", label: tx.treatmentDate, value: t.date, options: columnOptions(p.columns.filter((c) => c.kind === "date"), tx, tx.noneOption), onChange: (v) => set({ date: v }) })}
      ${Text({ id: "treatment-label", label: tx.treatmentLabel, value: t.label, onInput: (v) => set({ label: v }), placeholder: tx.treatmentPlaceholder })}
    </div>
    <fieldset>
      <legend>${tx.covariatesLegend}</legend>
      <div class="checks">
        ${candidates.map((c) => Check({ id: fieldId(`use-${c.column}`), label: c.column, checked: covNames.has(c.column), onChange: (on) => toggle(c.column, on) }))}
      </div>
      <ol class="covariates">
        ${p.form.covariates.map((c, k) => CovariateEditor({ c, k, info: p.columns.find((x) => x.column === c.name), update: p.update, t: tx }))}
      </ol>
    </fieldset>
  </section>`;
}

export function AnalysesSection(p: { form: FormState; columns: readonly ColumnInfo[]; update: Update }): VNode {
  const t = messagesFor(p.form.language ?? "en").app;
  const a = p.form.analyses;
  const set = (patch: Partial<FormState["analyses"]>): void => p.update((f) => ({ ...f, analyses: { ...f.analyses, ...patch } }));
  const endpoints = p.form.endpoints.filter((e) => e.name !== "").map((e) => ({ value: e.name, label: e.name }));
  const hasDate = p.form.treatment.date !== "";
  return html`<section aria-labelledby="h-analyses">
    <h2 id="h-analyses">${t.analysesHeading}</h2>
    <div class="row">
      ${Text({ id: "title", label: t.studyTitle, value: p.form.title, onInput: (v) => p.update((f) => ({ ...f, title: v })) })}
      ${Select({ id: "km-endpoint", label: t.endpointAnalysed, value: a.kmEndpoint, options: endpoints, onChange: (v) => set({ kmEndpoint: v }) })}
      ${Text({ id: "seed", label: t.randomSeed, value: p.form.seed, onInput: (v) => p.update((f) => ({ ...f, seed: v })), inputmode: "numeric" })}
    </div>
    <fieldset><legend>${t.descriptionLegend}</legend>
      <div class="row">
        ${Check({ id: "an-table1", label: t.table1ByTreatment, checked: a.table1, onChange: (v) => set({ table1: v }) })}
        ${Check({ id: "an-km", label: t.kaplanMeier, checked: a.km, onChange: (v) => set({ km: v }) })}
        ${Text({ id: "km-times", label: t.kmTimes, value: a.kmTimes, onInput: (v) => set({ kmTimes: v }), hint: t.timesHint })}
        ${Check({ id: "an-logrank", label: t.logrank, checked: a.logrank, onChange: (v) => set({ logrank: v }) })}
        ${Check({ id: "an-rmst", label: t.rmst, checked: a.rmst, onChange: (v) => set({ rmst: v }) })}
        ${a.rmst ? Text({ id: "rmst-tau", label: t.rmstTau, value: a.rmstTau, onInput: (v) => set({ rmstTau: v }), inputmode: "decimal" }) : null}
      </div>
    </fieldset>
    <fieldset><legend>${t.coxLegend}</legend>
      ${Check({ id: "an-cox", label: t.coxUni, checked: a.cox, onChange: (v) => set({ cox: v }) })}
      <div class="checks" role="group" aria-label=${t.mvGroup}>
        <span>${t.mvModel}</span>
        ${p.form.covariates.map((c) =>
          Check({
            id: fieldId(`mv-${c.name}`),
            label: c.name,
            checked: a.coxMultivariable.includes(c.name),
            onChange: (on) => set({ coxMultivariable: on ? [...a.coxMultivariable, c.name] : a.coxMultivariable.filter((n) => n !== c.name) }),
          }),
        )}
      </div>
    </fieldset>
    <fieldset><legend>${t.psLegend}</legend>
      <div class="row">
        ${Check({ id: "an-matching", label: t.matching, checked: a.matching, onChange: (v) => set({ matching: v }) })}
        ${Text({ id: "match-ratio", label: t.controlsPerTreated, value: a.ratio, onInput: (v) => set({ ratio: v }), inputmode: "numeric" })}
        ${Text({ id: "match-caliper", label: t.caliper, value: a.caliper, onInput: (v) => set({ caliper: v }), inputmode: "decimal" })}
        ${Select({ id: "match-distance", label: t.distance, value: a.distance, options: [{ value: "logit", label: t.logitPs }, { value: "ps", label: "PS" }], onChange: (v) => set({ distance: v as "logit" | "ps" }) })}
        ${Select({ id: "match-order", label: t.matchingOrder, value: a.order, options: [["largest", t.orderLargest], ["smallest", t.orderSmallest], ["random", t.orderRandom], ["data", t.orderData]].map(([value, label]) => ({ value, label })), onChange: (v) => set({ order: v as FormState["analyses"]["order"] }) })}
        ${Check({ id: "match-replace", label: t.withReplacement, checked: a.replace, onChange: (v) => set({ replace: v }) })}
      </div>
      <div class="row">
        ${Check({ id: "an-weighting", label: t.weighting, checked: a.weighting, onChange: (v) => set({ weighting: v }) })}
        ${Select({ id: "weight-estimand", label: t.estimand, value: a.estimand, options: ["ATE", "ATT", "ATC", "ATO"].map((v) => ({ value: v, label: v })), onChange: (v) => set({ estimand: v as FormState["analyses"]["estimand"] }) })}
        ${Check({ id: "weight-stabilize", label: t.stabilised, checked: a.stabilize && a.estimand !== "ATO", disabled: a.estimand === "ATO", onChange: (v) => set({ stabilize: v }) })}
      </div>
      <div class="row">
        ${Text({ id: "bootstrap-replicates", label: t.bootstrapReplicates, value: a.bootstrap, onInput: (v) => set({ bootstrap: v }), inputmode: "numeric", hint: t.bootstrapHint })}
      </div>
    </fieldset>
    <fieldset><legend>${t.immortalLegend}</legend>
      ${hasDate ? null : html`<p class="muted">${t.giveDate}</p>`}
      <div class="row">
        ${Check({ id: "an-immortal", label: t.immortalAnalyses, checked: a.immortalTime && hasDate, disabled: !hasDate, onChange: (v) => set({ immortalTime: v }) })}
        ${Check({ id: "it-timedep", label: t.timeDependent, checked: a.timeDependent, disabled: !hasDate, onChange: (v) => set({ timeDependent: v }) })}
        ${Text({ id: "it-landmark", label: t.landmarkTime, value: a.landmark, onInput: (v) => set({ landmark: v }), inputmode: "decimal" })}
      </div>
    </fieldset>
    ${CompetingFieldset({ form: p.form, columns: p.columns, set })}
    ${CureFieldset({ form: p.form, set })}
    ${RecurrentFieldset({ form: p.form, columns: p.columns, set })}
    ${PredictionFieldset({ form: p.form, set })}
  </section>`;
}

/** The pre-operative prediction model (analyses.prediction): covariates, horizon and optimism bootstrap. */
function PredictionFieldset(p: { form: FormState; set: (patch: Partial<FormState["analyses"]>) => void }): VNode {
  const a = p.form.analyses;
  const unit = (p.form.endpoints.find((e) => e.name === a.kmEndpoint) ?? p.form.endpoints[0])?.unit ?? "months";
  const horizon = defaultHorizon(unit);
  const inModel = new Set(predictionCovariates(p.form));
  const candidates = p.form.covariates.filter((c) => c.name !== "" && c.name !== p.form.treatment.column);
  const t = messagesFor(p.form.language ?? "en").app;
  return html`<fieldset><legend>${t.predictionLegend}</legend>
    ${Check({ id: "an-prediction", label: t.predictionCheck, checked: a.prediction, onChange: (v) => p.set({ prediction: v }) })}
    ${a.prediction
      ? html`<div class="checks" role="group" aria-label=${t.predictionGroup}>
            <span>${t.predictionKnown}</span>
            ${candidates.length === 0 ? html`<span class="muted">${t.chooseCovariates}</span>` : null}
            ${candidates.map((c) =>
              Check({
                id: fieldId(`pred-${c.name}`),
                label: c.name,
                checked: inModel.has(c.name),
                onChange: (on) => p.set({ predictionExcluded: on ? a.predictionExcluded.filter((n) => n !== c.name) : [...a.predictionExcluded, c.name] }),
              }),
            )}
          </div>
          <div class="row">
            ${Text({ id: "pred-time", label: t.predictionHorizon(messagesFor(p.form.language ?? "en").unit(unit)), value: a.predictionTime, onInput: (v) => p.set({ predictionTime: v }), inputmode: "decimal", placeholder: String(horizon), hint: t.blankDefault(String(horizon), messagesFor(p.form.language ?? "en").unit(unit)) })}
            ${Text({ id: "pred-bootstrap", label: t.predictionBootstrap, value: a.predictionBootstrap, onInput: (v) => p.set({ predictionBootstrap: v }), inputmode: "numeric", hint: t.predictionBootstrapHint })}
          </div>`
      : null}
  </fieldset>`;
}

/** Ticked names in the order ticked: adds at the end, removes in place. */
function toggled<T extends string>(list: readonly T[], name: T, on: boolean): T[] {
  return on ? [...list.filter((n) => n !== name), name] : list.filter((n) => n !== name);
}

/** The mixture cure model (analyses.cure): latency model, grouping by treatment, incidence and latency covariates. */
function CureFieldset(p: { form: FormState; set: (patch: Partial<FormState["analyses"]>) => void }): VNode {
  const a = p.form.analyses;
  const { incidence, latency } = cureCovariates(p.form);
  const inIncidence = new Set(incidence);
  const inLatency = new Set(latency ?? incidence);
  const candidates = p.form.covariates.filter((c) => c.name !== "" && c.name !== p.form.treatment.column);
  const hasTreatment = formHasTreatment(p.form.treatment);
  const t = messagesFor(p.form.language ?? "en").app;
  const none = candidates.length === 0 ? html`<span class="muted">${t.chooseCovariates}</span>` : null;
  // the causes named for competing risks (same column and names): a cause-specific cure model of one of them
  const causes = a.competingCauseColumn === "" ? [] : [...new Set(a.competingCauses.map((c) => c.cause.trim()).filter((c) => c !== ""))];
  const oneArm = hasTreatment && a.curePopulation !== "all";
  return html`<fieldset><legend>${t.cureLegend}</legend>
    ${Check({ id: "an-cure", label: t.cureCheck, checked: a.cure, onChange: (v) => p.set({ cure: v }) })}
    ${a.cure
      ? html`<div class="row">
            ${Select({
              id: "cure-model",
              label: t.cureLatency,
              value: a.cureModel,
              options: [
                { value: "aic", label: t.cureAic },
                { value: "weibull", label: t.cureWeibull },
                { value: "lognormal", label: t.cureLognormal },
                { value: "loglogistic", label: t.cureLoglogistic },
                { value: "gengamma", label: t.cureGengamma },
                { value: "ph", label: t.curePh },
              ],
              onChange: (v) => p.set({ cureModel: v as CureModelChoice }),
            })}
            ${a.cureModel === "ph" ? Text({ id: "cure-bootstrap", label: t.cureBootstrap, value: a.cureBootstrap, onInput: (v) => p.set({ cureBootstrap: v }), inputmode: "numeric", hint: t.cureBootstrapHint }) : null}
            ${Select({
              id: "cure-cause",
              label: t.cureCause,
              value: causes.includes(a.cureCause) ? a.cureCause : "",
              options: [{ value: "", label: t.cureAnyCause }, ...causes.map((c) => ({ value: c, label: t.cureDeathFrom(c) }))],
              onChange: (v) => p.set({ cureCause: v }),
              hint: causes.length === 0 ? t.cureCauseHintNone : t.cureCauseHint,
            })}
            ${Select({
              id: "cure-population",
              label: t.curePatients,
              value: hasTreatment ? a.curePopulation : "all",
              options: [
                { value: "all", label: t.cureAll },
                { value: "treated", label: t.cureTreated },
                { value: "untreated", label: t.cureUntreated },
              ],
              onChange: (v) => p.set({ curePopulation: v as CurePopulationChoice }),
              hint: hasTreatment ? t.curePopulationHint : t.curePopulationHintNone,
            })}
            ${Check({ id: "cure-by", label: t.cureByTreatment, checked: a.cureByTreatment && hasTreatment && !oneArm, disabled: !hasTreatment || oneArm, onChange: (v) => p.set({ cureByTreatment: v }) })}
          </div>
          <p class="muted">${t.cureCovariatesNote}</p>
          <div class="checks" role="group" aria-label=${t.cureIncidenceGroup}>
            <span>${t.cureIncidenceLead}</span>
            ${none}
            ${candidates.map((c) =>
              Check({ id: fieldId(`cure-inc-${c.name}`), label: c.name, checked: inIncidence.has(c.name), onChange: (on) => p.set({ cureIncidence: toggled(a.cureIncidence, c.name, on) }) }),
            )}
          </div>
          ${Check({
            id: "cure-latency-same",
            label: t.cureLatencySame,
            checked: a.cureLatencySame,
            // unticked: the latency list starts as the incidence list
            onChange: (v) => p.set(v ? { cureLatencySame: true } : { cureLatencySame: false, cureLatency: incidence }),
          })}
          ${a.cureLatencySame
            ? null
            : html`<div class="checks" role="group" aria-label=${t.cureLatencyGroup}>
                <span>${t.cureLatencyLead}</span>
                ${none}
                ${candidates.map((c) =>
                  Check({ id: fieldId(`cure-lat-${c.name}`), label: c.name, checked: inLatency.has(c.name), onChange: (on) => p.set({ cureLatency: toggled(a.cureLatency, c.name, on) }) }),
                )}
              </div>`}`
      : null}
  </fieldset>`;
}

/** The list with item i moved by `delta` places (−1: up, +1: down); unchanged at the ends. */
function moved<T>(list: readonly T[], i: number, delta: number): T[] {
  const j = i + delta;
  if (j < 0 || j >= list.length) return [...list];
  const out = [...list];
  [out[i], out[j]] = [out[j], out[i]];
  return out;
}

/** Move up / Move down buttons of item i of an ordered list, labelled with the item for screen readers. */
function MoveButtons(p: { i: number; n: number; what: string; onMove: (delta: number) => void; t: AppTexts }): VNode {
  return html`<button type="button" class="small" aria-label=${p.t.moveUp(p.what)} disabled=${p.i === 0} onClick=${() => p.onMove(-1)}>${p.t.up}</button><button
      type="button"
      class="small"
      aria-label=${p.t.moveDown(p.what)}
      disabled=${p.i === p.n - 1}
      onClick=${() => p.onMove(1)}
    >${p.t.down}</button>`;
}

/** Ticks of covariates (chosen in section 4, not the treatment) for a model, in the order ticked. */
function CovariateTicks(p: { form: FormState; prefix: string; label: string; lead: string; ticked: readonly string[]; onChange: (list: string[]) => void }): VNode {
  const candidates = p.form.covariates.filter((c) => c.name !== "" && c.name !== p.form.treatment.column);
  const inModel = new Set(p.ticked);
  return html`<div class="checks" role="group" aria-label=${p.label}>
    <span>${p.lead}</span>
    ${candidates.length === 0 ? html`<span class="muted">${messagesFor(p.form.language ?? "en").app.chooseCovariates}</span>` : null}
    ${candidates.map((c) => Check({ id: fieldId(`${p.prefix}-${c.name}`), label: c.name, checked: inModel.has(c.name), onChange: (on) => p.onChange(toggled(p.ticked, c.name, on)) }))}
  </div>`;
}

/**
 * Competing risks (analyses.competingRisks and the analysed endpoint's causes): the cause column, its
 * levels mapped to causes (one per level by default; same name = one cause; empty = not a cause, with a
 * warning), by treatment, times and the covariates of the cause-specific Cox and Fine–Gray models.
 */
function CompetingFieldset(p: { form: FormState; columns: readonly ColumnInfo[]; set: (patch: Partial<FormState["analyses"]>) => void }): VNode {
  const a = p.form.analyses;
  const hasTreatment = formHasTreatment(p.form.treatment);
  const categorical = p.columns.filter((c) => c.kind === "categorical" && c.column !== p.form.idColumn);
  const info = p.columns.find((c) => c.column === a.competingCauseColumn);
  const levels = info?.levels ?? [];
  const rows = causeRows(a.competingCauses, levels);
  const unmapped = unmappedLevels(a.competingCauses, levels);
  const causes = Object.entries(causeValues(a.competingCauses));
  const setRows = (next: CauseEntry[]): void => p.set({ competingCauses: next });
  const km = kmTimes(a);
  const used = new Set<string>();
  const idOf = (value: string, k: number): string => {
    const base = fieldId(`cr-cause-${value}`);
    const id = used.has(base) ? `${base}-${k}` : base;
    used.add(id);
    return id;
  };
  const t = messagesFor(p.form.language ?? "en").app;
  return html`<fieldset><legend>${t.crLegend}</legend>
    ${Check({ id: "an-competing", label: t.crCheck, checked: a.competingRisks, onChange: (v) => p.set({ competingRisks: v }) })}
    ${a.competingRisks
      ? html`<div class="row">
            ${Select({
              id: "cr-cause-column",
              label: t.crCauseColumn,
              value: a.competingCauseColumn,
              options: columnOptions(categorical, t),
              // one cause per level to start with
              onChange: (v) => p.set({ competingCauseColumn: v, competingCauses: defaultCauses(p.columns.find((c) => c.column === v)?.levels ?? []) }),
              hint: t.crCauseColumnHint,
            })}
            ${Check({ id: "cr-by", label: t.crByTreatment, checked: a.competingByTreatment && hasTreatment, disabled: !hasTreatment, onChange: (v) => p.set({ competingByTreatment: v }) })}
            ${Check({ id: "cr-times-km", label: t.crAtKmTimes(km.join(", ") || t.crNoTimes), checked: a.competingTimesSameAsKm, onChange: (v) => p.set(v ? { competingTimesSameAsKm: true } : { competingTimesSameAsKm: false, competingTimes: km.join(", ") }) })}
            ${a.competingTimesSameAsKm ? null : Text({ id: "cr-times", label: t.crTimes, value: a.competingTimes, onInput: (v) => p.set({ competingTimes: v }), hint: t.timesHint })}
          </div>
          ${a.competingCauseColumn === ""
            ? html`<p class="muted">${t.crChooseColumn}</p>`
            : html`<div role="group" aria-labelledby="cr-causes-title" data-testid="cr-causes">
                <p id="cr-causes-title">${t.crCausesTitle(a.competingCauseColumn)}</p>
                <p class="small">${t.crCausesHelp}</p>
                ${rows.length === 0 ? html`<p class="muted">${t.crOpenData(a.competingCauseColumn)}</p>` : null}
                <ol class="causes">
                  ${rows.map(
                    (e, k) => html`<li key=${e.value} class="row">
                      ${Text({ id: idOf(e.value, k), label: t.crCauseOf(e.value), value: e.cause, onInput: (v) => setRows(rows.map((x, i) => (i === k ? { ...x, cause: v } : x))), placeholder: t.crNotACause })}
                      ${MoveButtons({ i: k, n: rows.length, what: e.value, onMove: (d) => setRows(moved(rows, k, d)), t })}
                      ${levels.length > 0 && !levels.includes(e.value) ? html`<span class="small">${t.crNotInData}</span>` : null}
                    </li>`,
                  )}
                </ol>
                ${info?.nLevels !== undefined && info.nLevels > levels.length ? html`<p class="small">${t.crOnlyFirst(String(levels.length), String(info.nLevels))}</p>` : null}
                <p class="small" data-testid="cr-cause-list">
                  ${causes.length === 0 ? t.crNoCause : t.crCauses(causes.map(([name, v], k) => `${k + 1} = ${name} (${(Array.isArray(v) ? v : [v]).join(", ")})`).join("; "))}
                </p>
                ${unmapped.length > 0
                  ? html`<p class="problem" role="status" data-testid="cr-unmapped">
                      <span class="badge">${t.crWarning}</span>
                      ${t.crUnmapped(unmapped.join(", "), a.competingCauseColumn)}
                    </p>`
                  : null}
                <button type="button" class="small" onClick=${() => setRows(defaultCauses(levels))}>${t.crReset}</button>
              </div>`}
          <p class="muted">${t.crCovariatesNote}</p>
          ${CovariateTicks({
            form: p.form,
            prefix: "cr-cov",
            label: t.crCovGroup,
            lead: t.crCovLead,
            ticked: competingCovariates(p.form),
            onChange: (list) => p.set({ competingCovariates: list }),
          })}`
      : null}
  </fieldset>`;
}

/** The recurrent-event models, labelled in the app's language (Andersen–Gill is a name). */
const recurrentModelChoices = (t: AppTexts): readonly { value: RecurrentModelChoice; label: string }[] => [
  { value: "ag", label: "Andersen–Gill" },
  { value: "pwp-total", label: t.recPwpTotal },
  { value: "pwp-gap", label: t.recPwpGap },
];

/**
 * Recurrent events (analyses.recurrent) over the analysed endpoint's follow-up: the ordered event
 * columns (dates for an endpoint from dates, times since the origin for time/status), the label, by
 * treatment, covariates and models.
 */
function RecurrentFieldset(p: { form: FormState; columns: readonly ColumnInfo[]; set: (patch: Partial<FormState["analyses"]>) => void }): VNode {
  const a = p.form.analyses;
  const hasTreatment = p.form.treatment.column !== "" && p.form.treatment.treated !== "";
  const ep = p.form.endpoints.find((e) => e.name === a.kmEndpoint) ?? p.form.endpoints[0];
  const dates = ep?.mode !== "columns";
  const kind = dates ? "date" : "numeric";
  const options = columnOptions(p.columns.filter((c) => c.kind === kind), messagesFor(p.form.language ?? "en").app);
  const events = a.recurrentEvents.length > 0 ? a.recurrentEvents : [""];
  const setEvents = (next: string[]): void => p.set({ recurrentEvents: next });
  const t = messagesFor(p.form.language ?? "en").app;
  const nth = (j: number): string => String(j + 1);
  return html`<fieldset><legend>${t.recLegend}</legend>
    ${Check({ id: "an-recurrent", label: t.recCheck, checked: a.recurrent, onChange: (v) => p.set({ recurrent: v }) })}
    ${a.recurrent
      ? html`<div class="row">
            ${Text({ id: "rec-label", label: t.recName, value: a.recurrentLabel, onInput: (v) => p.set({ recurrentLabel: v }), placeholder: t.recNamePlaceholder, hint: t.recNameHint })}
            ${Check({ id: "rec-by", label: t.recByTreatment, checked: a.recurrentByTreatment && hasTreatment, disabled: !hasTreatment, onChange: (v) => p.set({ recurrentByTreatment: v }) })}
            ${Select({
              id: "rec-population",
              label: t.curePatients,
              value: hasTreatment ? a.recurrentPopulation : "all",
              options: [
                { value: "all", label: t.recAll },
                { value: "treated", label: t.recTreated },
              ],
              onChange: (v) => p.set({ recurrentPopulation: v === "treated" ? "treated" : "all" }),
              hint: t.recPopulationHint,
            })}
          </div>
          <div role="group" aria-labelledby="rec-events-title">
            <p id="rec-events-title">
              ${dates ? t.recEventsTitleDates(ep?.name ?? "") : t.recEventsTitleTimes(ep?.name ?? "")}
            </p>
            <ol class="rec-events">
              ${events.map(
                (c, j) => html`<li class="row">
                  ${Select({ id: `rec-event${j}`, label: dates ? t.recEventDate(nth(j)) : t.recEventTime(nth(j)), value: c, options, onChange: (v) => setEvents(events.map((x, i) => (i === j ? v : x))) })}
                  ${MoveButtons({ i: j, n: events.length, what: t.recEventWhat(nth(j)), onMove: (d) => setEvents(moved(events, j, d)), t })}
                  ${events.length > 1 ? html`<button type="button" class="small" aria-label=${t.recRemoveEvent(nth(j))} onClick=${() => setEvents(events.filter((_, i) => i !== j))}>${t.recRemove}</button>` : null}
                </li>`,
              )}
            </ol>
            <button type="button" class="small" data-testid="rec-add" onClick=${() => setEvents([...events, ""])}>${t.recAdd}</button>
          </div>
          <p class="muted">${t.recCovNote}</p>
          ${CovariateTicks({
            form: p.form,
            prefix: "rec-cov",
            label: t.recCovGroup,
            lead: t.recCovLead,
            ticked: recurrentCovariates(p.form),
            onChange: (list) => p.set({ recurrentCovariates: list }),
          })}
          <div class="checks" role="group" aria-label=${t.recModelsGroup}>
            <span>${t.recModelsLead}</span>
            ${recurrentModelChoices(t).map((m) =>
              Check({ id: `rec-model-${m.value}`, label: m.label, checked: a.recurrentModels.includes(m.value), onChange: (on) => p.set({ recurrentModels: toggled(a.recurrentModels, m.value, on) }) }),
            )}
          </div>`
      : null}
  </fieldset>`;
}
