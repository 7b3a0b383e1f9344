/**
 * The results: key numbers (survival at the requested times per arm, the treatment-effect table),
 * the interactive KM figure, the per-patient calculator of the prediction model, the full report (renderReport's report.html in a sandboxed iframe, which
 * carries Table 1, Cox tables, PS overlap, Love plot and the rest) and the downloads.
 */
import { html } from "htm/preact";
import type { VNode } from "preact";
import type { ResultsSummary } from "./engine.js";
import { notEstimableShown } from "../../src/report/not-estimable-shown.js";
import { effectRows } from "../../src/report/sections-effects.js";
import { primaryReasonText } from "../../src/report/primary-reason.js";
import { immortalPrimaryText } from "../../src/report/primary-headline.js";
import { formatFixed, formatPValue, formatPercent, formatTime, trimZeros, withInterval } from "../../src/report/number-format.js";
import { formatRatio } from "../../src/report/plots/format.js";
import { CalculatorPanel } from "./calculator-panel.js";
import type { Language } from "../../src/i18n/language.js";
import { KmFigure } from "./km-figure.js";
import { messagesFor, msg, type Messages } from "../../src/i18n/messages.js";
import { withLanguage } from "../../src/i18n/language.js";
import { engineText } from "../../src/i18n/warnings.js";
import type { KmCurve } from "./km-readout.js";

export interface Download {
  readonly name: string;
  readonly url: string;
  readonly label: string;
}

// numbers as the report prints them (src/report/number-format.ts): survival in % with one decimal, times with one
// decimal, ratios with two, p-values by the report's rule, intervals with "to" when a limit is negative
function ratio(x: number | null | undefined): string {
  return x === null || x === undefined || !Number.isFinite(x) ? "NA" : formatRatio(x);
}
function ratioCi(est: number | null | undefined, lower: number | null | undefined, upper: number | null | undefined): string {
  return withInterval(ratio(est), ratio(lower), ratio(upper));
}
function pText(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return "NA";
  return formatPValue(p);
}
type AppTexts = Messages["app"];

/** The KM grouping as the view names it: "treatment" (the spec's word for the treatment arms) in the app's language, a column as it is. */
const byWord = (by: string, t: AppTexts): string => (by === "treatment" ? t.kmByTreatment : by);

/** A requested time as a number in the language in force ("1.5" → German "1,5"). */
const formatNumberText = (x: number): string => trimZeros(formatFixed(x, 6));
const val = (x: number | null | undefined): string => (x === null || x === undefined ? "" : String(x));

function SurvivalTable(r: ResultsSummary, t: AppTexts): VNode | null {
  const km = r.analyses.km;
  if (!km) return null;
  // the unit and the grouping in the language in force (English: the spec's words, as before)
  const unit = msg().unit(r.endpoints.find((e) => e.name === km.endpoint)?.unit ?? "");
  const times = km.options.times;
  return html`<table class="results" data-testid="survival-table">
    <caption>${km.by ? t.kmCaptionBy(km.endpoint, byWord(km.by, t)) : t.kmCaption(km.endpoint)}${r.kmBiasedByDesign ? t.biasedByDesign(r.kmBiasedByDesign) : ""}</caption>
    <thead><tr><th scope="col">${t.group}</th><th scope="col">n</th><th scope="col">${t.events}</th><th scope="col">${t.medianUnit(unit)}</th>
      ${times.map((time) => html`<th scope="col">${t.survivalAt(formatNumberText(time), unit)}</th>`)}</tr></thead>
    <tbody>
      ${km.strata.map(
        (s) => html`<tr>
          <th scope="row">${s.name}</th><td>${s.n}</td><td>${s.events}</td>
          <td>${formatTime(s.median.estimate)}</td>
          ${s.at.map(
            (a) => html`<td data-testid=${`km-at-${s.name}-${a.time}`} data-value=${val(a.surv)} data-lower=${val(a.lower)} data-upper=${val(a.upper)}>
              ${a.estimable ? withInterval(formatPercent(a.surv), formatPercent(a.lower), formatPercent(a.upper)) : "NA"}</td>`,
          )}
        </tr>`,
      )}
    </tbody>
  </table>`;
}

/**
 * The primary analysis when it is one of the immortal-time designs, with its absolute effects and HR: shown first,
 * before the survival by treatment ever received (crude), as the report and summary.txt order them (issue 14).
 */
function PrimaryFirst(r: ResultsSummary, language: Language): VNode | null {
  // made in the worker from the full results (the intervals' methods are not in the summary), in each language
  const text = r.primaryFirst?.[language];
  if (text === undefined) return null;
  const sentence = `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
  return html`<p class="primary-first" data-testid="primary-first" data-primary=${r.primary.id ?? ""}>${sentence}</p>`;
}

function EffectsTable(r: ResultsSummary, t: AppTexts): VNode | null {
  const eff = r.analyses.effects;
  if (!eff) return null;
  const boot = eff.bootstrap;
  const primary = r.primary;
  const isPrimary = (id: string): boolean => primary.section === "effects" && primary.id === id;
  // the primary first, then the sensitivity analyses (study/primary.ts); a design bias is named on each row
  // each row's label, estimand cell and flags as the report's table shows them (src/report/sections-effects.ts effectRows):
  // a row biased by design named by its weighting scheme or matched sample, never by a causal estimand (referee A17)
  const views = effectRows(eff, primary);
  const rows = eff.estimates.map((e, k) => ({ e, v: views[k] }));
  const ordered = [...rows.filter((x) => isPrimary(x.e.id)), ...rows.filter((x) => !isPrimary(x.e.id))];
  const bias = eff.biasedByDesign === null ? "" : t.biasedByDesign(eff.biasedByDesign);
  // the engine's labels, notes and reasons in the language in force (the report's render-time translation, src/i18n/warnings.ts)
  const label = primary.label === null ? primary.id : engineText(primary.label);
  return html`<p data-testid="primary-analysis" data-primary=${primary.id ?? ""}>${primary.id === null ? primaryReasonText(primary.reason, t) : primary.declared ? t.primaryDeclared(label ?? primary.id) : t.primaryDefault(label ?? primary.id)}</p>
  <table class="results" data-testid="effects-table">
    <caption>${t.effectCaption(eff.endpoint)}</caption>
    <thead><tr><th scope="col">${t.analysis}</th><th scope="col">${t.role}</th><th scope="col">${t.hrCi}</th><th scope="col">p</th>
      ${boot ? html`<th scope="col">${t.bootstrapCi(String(boot.replicates))}</th>` : null}<th scope="col">n</th><th scope="col">${t.estimandHeader}</th></tr></thead>
    <tbody>
      ${ordered.map(
        ({ e, v }) => html`<tr data-testid=${`effect-${e.id}`} data-role=${isPrimary(e.id) ? "primary" : "sensitivity"} data-hr=${val(e.hr)} data-lower=${val(e.lower)} data-upper=${val(e.upper)} data-boot-lower=${val(e.bootstrap?.lower)} data-boot-upper=${val(e.bootstrap?.upper)}>
          <th scope="row">${v.analysis}</th><td>${isPrimary(e.id) ? t.rolePrimary : t.roleSensitivity}${bias}</td><td>${e.hr === null ? (e.notEstimable === null ? "NA" : engineText(e.notEstimable)) : ratioCi(e.hr, e.lower, e.upper)}${(v.flags ?? []).length > 0 ? html`<span class="flags" data-testid=${`effect-flags-${e.id}`}>; ${(v.flags ?? []).join("; ")}</span>` : null}</td><td>${pText(e.p)}</td>
          ${boot ? html`<td>${e.bootstrap ? (e.bootstrap.estimable ? `${t.range(ratio(e.bootstrap.lower), ratio(e.bootstrap.upper))}${e.bootstrap.failed > 0 ? ` (${engineText(e.bootstrap.note ?? "")})` : ""}` : engineText(e.bootstrap.note ?? "")) : "NA"}</td>` : null}<td>${e.n}</td><td>${v.estimand ?? ""}</td>
        </tr>`,
      )}
    </tbody>
  </table>
  ${eff.immortalTimeCaveat ? html`<p class="note">${immortalPrimaryText(primary) !== null ? msg().report.immortalCaveatPrimary(label ?? "") : engineText(eff.immortalTimeCaveat)}</p>` : null}`;
}

/**
 * The report in a sandboxed frame with neither scripts nor the app's origin (an opaque origin): the
 * report runs no script, and Chromium can lay the frame out in its own process, so a large report (the
 * figures of 100,000 patients) does not block the app's thread. The frame scrolls itself.
 */
function ReportFrame(p: { html: string; title: string }): VNode {
  return html`<iframe class="report" title=${p.title} sandbox="" srcdoc=${p.html} data-testid="report-frame"></iframe>`;
}

type KmSummary = NonNullable<ResultsSummary["analyses"]["km"]>;
// the curves of one result, made once (the figure's geometry is memoised on their identity); without a hook,
// so the view is a pure function of its props (test/web/results-view-language.test.ts calls it)
const CURVES = new WeakMap<KmSummary, KmCurve[]>();
function curvesOf(km: KmSummary): KmCurve[] {
  let c = CURVES.get(km);
  if (c === undefined) {
    c = km.strata.map((s) => ({ name: s.name, time: s.time, nRisk: s.nRisk, nEvent: s.nEvent, nCensor: s.nCensor, surv: s.surv, lower: s.lower, upper: s.upper, n: s.n }));
    CURVES.set(km, c);
  }
  return c;
}

export function ResultsView(p: { results: ResultsSummary; reportHtml: string; downloads: readonly Download[]; ms: number; language: Language }): VNode {
  const r = p.results;
  const t = messagesFor(p.language).app;
  const km = r.analyses.km;
  const unit = km ? (r.endpoints.find((e) => e.name === km.endpoint)?.unit ?? "") : "";
  const unitWord = messagesFor(p.language).unit(unit);
  const curves = km ? curvesOf(km) : [];
  return html`<section aria-labelledby="h-results" data-testid="results">
    <h2 id="h-results">${t.resultsHeading}</h2>
    <p class="muted">${t.computedIn(withLanguage(p.language, () => formatFixed(p.ms / 1000, 1)), r.software.version, r.data.file, String(r.data.nRows))}</p>
    <ul class="endpoint-summary">
      ${r.endpoints.map((e) => html`<li>${t.eventsAmong(e.label, String(e.events), String(e.n), e.flowText?.[p.language] ?? e.flow.text)}</li>`)}
    </ul>
    ${(r.notEstimable ?? []).length > 0
      ? html`<div class="note" data-testid="not-estimable"><strong>${t.notEstimable}</strong><ul>${r.notEstimable.map((n) => html`<li>${withLanguage(p.language, () => notEstimableShown(n, r.analyses.effects))}</li>`)}</ul></div>`
      : null}
    ${PrimaryFirst(r, p.language)}
    ${withLanguage(p.language, () => SurvivalTable(r, t))}
    ${km ? html`<${KmFigure} curves=${curves} unit=${unit} unitWord=${unitWord} title=${`${km.by ? t.kmTitleBy(km.endpoint, byWord(km.by, t)) : t.kmTitle(km.endpoint)}${r.kmBiasedByDesign ? t.biasedByDesign(r.kmBiasedByDesign) : ""}`} language=${p.language} />` : null}
    ${withLanguage(p.language, () => EffectsTable(r, t))}
    ${r.analyses.prediction ? html`<${CalculatorPanel} prediction=${r.analyses.prediction} language=${p.language} />` : null}
    ${r.warnings.length > 0 ? html`<details><summary>${t.notes(String(r.warnings.length))}</summary><ul>${(r.warningsShown?.[p.language] ?? r.warnings.map((w) => withLanguage(p.language, () => engineText(w)))).map((w) => html`<li>${w}</li>`)}</ul></details>` : null}
    <h3 id="h-downloads">${t.downloads}</h3>
    <ul class="downloads" aria-labelledby="h-downloads" data-testid="downloads">
      ${p.downloads.map((d) => html`<li><a href=${d.url} download=${d.name} data-testid=${`download-${d.name}`}>${d.label}</a></li>`)}
    </ul>
    <h3>${t.fullReport}</h3>
    <p class="muted">${t.fullReportBlurb}</p>
    <${ReportFrame} html=${p.reportHtml} title=${t.fullReport} />
  </section>`;
}
