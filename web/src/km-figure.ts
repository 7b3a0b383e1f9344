/**
 * Interactive Kaplan–Meier figure: the curves of results.analyses.km as steps, with a cursor that
 * follows the pointer (or the arrow keys when the figure has focus) and a readout of time, survival,
 * confidence interval and numbers at risk per curve. The publication figure is the report's (kmPlot);
 * this one is for exploring.
 */
import { html } from "htm/preact";
import { useMemo, useState } from "preact/hooks";
import type { VNode } from "preact";
import { OKABE_ITO } from "../../src/report/plots/theme.js";
import { kmReadout, type KmCurve } from "./km-readout.js";
import { DECIMAL_MARK, type Language } from "../../src/i18n/language.js";
import { messagesFor, type Messages } from "../../src/i18n/messages.js";

const W = 640;
const H = 340;
const M = { left: 52, right: 16, top: 16, bottom: 44 };

/** A number with `d` decimals and the decimal mark of `language` (German "0,750"). */
function fmt(x: number | null, d: number, language: Language): string {
  return x === null || !Number.isFinite(x) ? "NA" : x.toFixed(d).replace(".", DECIMAL_MARK[language]);
}

function niceStep(max: number): number {
  const raw = max / 6;
  const p = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= raw) return m * p;
  return 10 * p;
}

/**
 * The curves, bands and censoring marks as a few long paths (one each per curve, not one element per
 * mark: a cohort of 100,000 has thousands of distinct times), computed once per result; moving the
 * cursor re-renders only the cursor layer.
 */
function geometry(curves: readonly KmCurve[], unit: string, language: Language, t: Messages["app"], unitWord: string = unit) {
  const maxT = Math.max(1e-9, ...curves.map((c) => (c.time.length > 0 ? c.time[c.time.length - 1] : 0)));
  const step = unit === "months" && maxT > 24 ? (maxT > 120 ? 24 : 12) : niceStep(maxT);
  const xMax = Math.ceil(maxT / step) * step;
  const x = (v: number): number => M.left + (v / xMax) * (W - M.left - M.right);
  const y = (s: number): number => M.top + (1 - s) * (H - M.top - M.bottom);
  const ticks: number[] = [];
  for (let v = 0; v <= xMax + 1e-9; v += step) ticks.push(v);

  const path = (c: KmCurve): string => {
    let d = `M${x(0)},${y(1)}`;
    c.time.forEach((ti, i) => {
      const si = c.surv[i];
      if (si !== null) d += `H${x(ti)}V${y(si)}`;
    });
    if (c.time.length > 0) d += `H${x(c.time[c.time.length - 1])}`;
    return d;
  };
  const band = (c: KmCurve): string => {
    const up: string[] = [];
    const lo: string[] = [];
    let pu = 1;
    let pl = 1;
    let px = 0;
    c.time.forEach((ti, i) => {
      up.push(`${x(px)},${y(pu)}`, `${x(ti)},${y(pu)}`);
      lo.push(`${x(px)},${y(pl)}`, `${x(ti)},${y(pl)}`);
      const u = c.upper[i];
      const l = c.lower[i];
      pu = u ?? pu;
      pl = l ?? 0;
      px = ti;
    });
    return `M${up.join("L")}L${lo.reverse().join("L")}Z`;
  };
  const censorMarks = (c: KmCurve): string => {
    let d = "";
    c.time.forEach((ti, i) => {
      const si = c.surv[i];
      if (c.nCensor[i] > 0 && si !== null) d += `M${x(ti)},${y(si) - 4}V${y(si) + 4}`;
    });
    return d;
  };
  const layer = html`<g>
    <rect x=${M.left} y=${M.top} width=${W - M.left - M.right} height=${H - M.top - M.bottom} fill="#fff" />
    ${[0, 0.25, 0.5, 0.75, 1].map(
      (s) => html`<g><line x1=${M.left} x2=${W - M.right} y1=${y(s)} y2=${y(s)} stroke="#e0e0e0" />
        <text x=${M.left - 6} y=${y(s) + 4} text-anchor="end" font-size="12">${fmt(s, 2, language)}</text></g>`,
    )}
    ${ticks.map(
      (v) => html`<g><line x1=${x(v)} x2=${x(v)} y1=${H - M.bottom} y2=${H - M.bottom + 5} stroke="#000" />
        <text x=${x(v)} y=${H - M.bottom + 18} text-anchor="middle" font-size="12">${String(v).replace(".", DECIMAL_MARK[language])}</text></g>`,
    )}
    <line x1=${M.left} x2=${W - M.right} y1=${H - M.bottom} y2=${H - M.bottom} stroke="#000" />
    <line x1=${M.left} x2=${M.left} y1=${M.top} y2=${H - M.bottom} stroke="#000" />
    <text x=${(M.left + W - M.right) / 2} y=${H - 6} text-anchor="middle" font-size="12">${t.timeAxis(unitWord)}</text>
    <text transform="translate(14 ${(M.top + H - M.bottom) / 2}) rotate(-90)" text-anchor="middle" font-size="12">${t.survivalProbability}</text>
    ${curves.map((c, k) => html`<path d=${band(c)} fill=${OKABE_ITO[k % OKABE_ITO.length]} fill-opacity="0.12" stroke="none" />`)}
    ${curves.map((c, k) => html`<path d=${path(c)} fill="none" stroke=${OKABE_ITO[k % OKABE_ITO.length]} stroke-width="2" />`)}
    ${curves.map((c, k) => html`<path d=${censorMarks(c)} fill="none" stroke=${OKABE_ITO[k % OKABE_ITO.length]} />`)}
  </g>`;
  return { maxT, step, xMax, x, y, layer };
}

export function KmFigure(props: { curves: readonly KmCurve[]; unit: string; unitWord?: string; title: string; language: Language }): VNode {
  const { curves, unit, language } = props;
  // the unit as the app's language words it (the axis title, the readout); `unit` (the spec's) sets the ticks
  const unitWord = props.unitWord ?? unit;
  const tx = messagesFor(language).app;
  const { maxT, step, xMax, x, y, layer } = useMemo(() => geometry(curves, unit, language, tx, unitWord), [curves, unit, language, unitWord]);
  const [t, setT] = useState<number | null>(null);

  const fromPointer = (ev: PointerEvent): void => {
    const svg = ev.currentTarget as SVGSVGElement;
    const r = svg.getBoundingClientRect();
    const px = ((ev.clientX - r.left) / r.width) * W;
    const v = ((px - M.left) / (W - M.left - M.right)) * xMax;
    setT(Math.min(xMax, Math.max(0, v)));
  };
  const onKey = (ev: KeyboardEvent): void => {
    const d = ev.shiftKey ? step : xMax / 100;
    if (ev.key === "ArrowRight") setT(Math.min(xMax, (t ?? 0) + d));
    else if (ev.key === "ArrowLeft") setT(Math.max(0, (t ?? 0) - d));
    else if (ev.key === "Home") setT(0);
    else if (ev.key === "End") setT(maxT);
    else if (ev.key === "Escape") setT(null);
    else return;
    ev.preventDefault();
  };
  const readouts = t === null ? [] : curves.map((c) => kmReadout(c, t));

  return html`<figure class="km-figure">
    <figcaption>${tx.kmHowTo(props.title)}</figcaption>
    <svg
      viewBox="0 0 ${W} ${H}"
      role="img"
      tabindex="0"
      aria-label=${tx.kmAria(props.title)}
      data-testid="km-interactive"
      onPointerMove=${fromPointer}
      onPointerLeave=${() => setT(null)}
      onKeyDown=${onKey}
    >
      ${layer}
      ${t !== null ? html`<line x1=${x(t)} x2=${x(t)} y1=${M.top} y2=${H - M.bottom} stroke="#333" stroke-dasharray="4 3" />` : null}
      ${readouts.map((r, k) =>
        r.surv !== null && r.inRange ? html`<circle cx=${x(t as number)} cy=${y(r.surv)} r="4" fill=${OKABE_ITO[k % OKABE_ITO.length]} />` : null,
      )}
    </svg>
    <div class="km-legend">
      ${curves.map((c, k) => html`<span><span class="swatch" style=${`background:${OKABE_ITO[k % OKABE_ITO.length]}`}></span>${c.name} (n = ${c.n})</span>`)}
    </div>
    <div class="km-readout" aria-live="polite" data-testid="km-readout">
      ${t === null
        ? html`<span class="muted">${tx.kmReadoutEmpty}</span>`
        : html`<strong>t = ${fmt(t, 1, language)} ${unitWord}</strong>
            ${readouts.map(
              (r) =>
                html`<span>${r.name}: ${r.inRange ? tx.kmReadoutLine(fmt(r.surv, 3, language), fmt(r.lower, 3, language), fmt(r.upper, 3, language), String(r.nRisk)) : tx.beyondFollowUp}</span>`,
            )}`}
    </div>
  </figure>`;
}
