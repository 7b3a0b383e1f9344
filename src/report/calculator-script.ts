/**
 * The one inline script of report.html: it makes the per-patient calculators (src/report/html.ts,
 * block kind "calculator") interactive. Plain ES2017 in a classic script, no module, no eval, no
 * innerHTML (text goes in through textContent only), ASCII only. For every `form[data-calculator]` it
 * parses the model from the `<script type="application/json">` data block named by `data-model`,
 * enables the fieldset (disabled in the markup, so a page without scripts shows the median patient
 * and cannot be edited), hides the "scripts off" note and recomputes each `<output>` on input/change
 * with exactly `predictPatient`'s formula (src/study/calculator.ts):
 *   score = intercept + Σ numeric coef·x + level coef (keys in the model's order, as Object.entries),
 *   survival S = baselineSurv^exp(score − centre), probability P = expit(score),
 * written as a percentage with 1 decimal (R's rounding of exact binary halves, as toFixedR) in the number
 * format of the report's language, and as the full number in `data-value`. The script has no catalogue: the
 * form carries the language's decimal mark and percent sign (`calculatorFormatAttributes`, "84,1 %" in German
 * with a no-break space, "84.1%" in English and Japanese, as formatCalculatorPercent in html.ts writes them), so
 * one script text (one CSP hash) serves every language. Non-finite numbers arrive as the strings "NaN",
 * "Infinity", "-Infinity" (JSON has no such numbers; see calculatorModelJson in html.ts).
 *
 * The page's CSP allows this script by its hash only (`script-src 'sha256-…'`): change one byte of
 * CALCULATOR_SCRIPT and CALCULATOR_SCRIPT_HASH must be recomputed (test/report/calculator.test.ts
 * fails until it is):
 *   npx tsx --eval 'import("./src/report/calculator-script.ts").then(async (m) => console.log("sha256-" +
 *     (await import("node:crypto")).createHash("sha256").update(m.CALCULATOR_SCRIPT).digest("base64")))'
 * The hash is a literal, not computed, because the report is also rendered in a Web Worker (the
 * browser app), where node:crypto does not exist and WebCrypto is asynchronous.
 */

import { DECIMAL_MARK, currentLanguage, localizePercent } from "../i18n/language.js";

export const CALCULATOR_SCRIPT = `
(function () {
  "use strict";
  var DASH = String.fromCharCode(8211);
  function num(x) {
    return typeof x === "number" ? x : typeof x === "string" ? Number(x) : NaN;
  }
  function expit(x) {
    return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
  }
  function linearScore(score, values) {
    var s = num(score.intercept);
    var numeric = score.numeric || {};
    var levels = score.levels || {};
    Object.keys(numeric).forEach(function (name) {
      var v = values[name];
      var x = typeof v === "number" ? v : NaN;
      s += num(numeric[name]) * x;
    });
    Object.keys(levels).forEach(function (name) {
      var byLevel = levels[name];
      var level = String(values[name]);
      var coef = Object.prototype.hasOwnProperty.call(byLevel, level) ? num(byLevel[level]) : NaN;
      s += coef;
    });
    return s;
  }
  function predict(output, values) {
    var s = linearScore(output.score, values);
    return output.kind === "survival" ? Math.pow(num(output.baselineSurv), Math.exp(s - num(output.centre))) : expit(s);
  }
  function fixed1(y) {
    var q = 4 * y;
    if (Math.abs(y) < 1e15 && q === Math.floor(q) && q % 2 !== 0) {
      var lower = Math.floor(Math.abs(y) * 10);
      var even = lower % 2 === 0 ? lower : lower + 1;
      var text = (even / 10).toFixed(1);
      return y < 0 ? "-" + text : text;
    }
    return y.toFixed(1);
  }
  function percent(p, format) {
    if (typeof p !== "number" || !isFinite(p)) return DASH;
    var text = fixed1(100 * p);
    return (text === "-0.0" ? "0.0" : text).replace(".", format.decimal) + format.percent;
  }
  function setup(form) {
    var holder = document.getElementById(form.getAttribute("data-model") || "");
    if (!holder) return;
    var model;
    try {
      model = JSON.parse(holder.textContent || "");
    } catch (e) {
      return;
    }
    if (!model || !model.inputs || !model.outputs) return;
    var fields = form.querySelectorAll("[data-input]");
    var outputs = form.querySelectorAll("output[data-output]");
    var warning = form.querySelector("[data-range-warning]");
    var format = { decimal: form.getAttribute("data-decimal-mark") || ".", percent: form.getAttribute("data-percent-sign") || "%" };
    function update() {
      var values = {};
      var outside = false;
      for (var i = 0; i < fields.length; i++) {
        var el = fields[i];
        var input = model.inputs[Number(el.getAttribute("data-input"))];
        if (!input) continue;
        if (input.kind === "numeric") {
          var raw = String(el.value).trim();
          var x = raw === "" ? NaN : Number(raw);
          values[input.name] = x;
          var out = isFinite(x) && (x < num(input.min) || x > num(input.max));
          if (out) outside = true;
          el.setAttribute("aria-invalid", out || !isFinite(x) ? "true" : "false");
        } else {
          values[input.name] = el.value;
        }
      }
      for (var j = 0; j < outputs.length; j++) {
        var o = model.outputs[Number(outputs[j].getAttribute("data-output"))];
        if (!o) continue;
        var p = predict(o, values);
        outputs[j].textContent = percent(p, format);
        outputs[j].setAttribute("data-value", String(p));
      }
      if (warning) warning.hidden = !outside;
    }
    form.addEventListener("input", update);
    form.addEventListener("change", update);
    form.addEventListener("submit", function (e) {
      e.preventDefault();
    });
    var fieldset = form.querySelector("fieldset");
    if (fieldset) fieldset.disabled = false;
    var note = form.querySelector("[data-static-note]");
    if (note) note.hidden = true;
    update();
  }
  var forms = document.querySelectorAll("form[data-calculator]");
  for (var k = 0; k < forms.length; k++) setup(forms[k]);
})();
`;

/**
 * The attributes of a calculator's form that tell CALCULATOR_SCRIPT the number format of the language in force
 * (src/i18n/language.ts): its decimal mark and what follows the number of a percentage ("\u00a0%" in German).
 */
export function calculatorFormatAttributes(): { readonly "data-decimal-mark": string; readonly "data-percent-sign": string } {
  return { "data-decimal-mark": DECIMAL_MARK[currentLanguage()], "data-percent-sign": localizePercent("0%").slice(1) };
}

/** CSP source of CALCULATOR_SCRIPT: base64 SHA-256 of its exact text (UTF-8; the text is ASCII). */
export const CALCULATOR_SCRIPT_HASH = "sha256-leC3GC8KkC4o9iRaij4DV4oomRYxv/5/opymyp6UkJQ=";
