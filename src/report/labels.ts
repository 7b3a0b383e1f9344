/**
 * Covariates by their spec labels, never their internal names: "size of the primary tumour (mm)", not
 * "primary_size_mm" or the derived column "primary_size_mm>70" (issue 19). Used by the tables, the notes
 * and the methods text.
 */
import { covariateObject, type StudySpec } from "../study/schema.js";
import { TERM_VERSUS } from "../study/model-terms.js";
import { msg } from "../i18n/messages.js";
import { currentLanguage } from "../i18n/language.js";

/**
 * The display label of a covariate or of a column derived from it: `factor(x)` and back-quotes dropped; a
 * cut-off column ("age>60") by its cut-off label, or with `missing` (the value that is missing is the
 * variable's own) by the variable's label. Unknown names come back bare.
 */
export function covariateLabel(spec: Pick<StudySpec, "covariates">, name: string, options: { readonly missing?: boolean } = {}): string {
  const bare = name.replace(/^factor\((.*)\)$/, "$1").replace(/`/g, "").trim();
  for (const c of spec.covariates) {
    const cov = covariateObject(c);
    if (cov.name === bare) return cov.label ?? bare;
  }
  for (const c of spec.covariates) {
    const cov = covariateObject(c);
    if (bare.startsWith(cov.name) && /^[<>=]/.test(bare.slice(cov.name.length))) {
      return options.missing === true ? (cov.label ?? cov.name) : (cov.cutoff?.label ?? cov.label ?? bare);
    }
  }
  return bare;
}

/** A label lower-cased at its start for use inside a sentence, acronyms ("FNCLCC grade") kept as written. */
export function lowerFirst(s: string): string {
  return /^[A-Z][a-z]/.test(s) ? s[0].toLowerCase() + s.slice(1) : s;
}

/**
 * A label inside a sentence of the language in force: lower-cased at its start in English ({@link lowerFirst},
 * acronyms kept), as the user wrote it in German and Japanese ("overall survival" is English, not Japanese).
 */
export function labelInSentence(s: string): string {
  return currentLanguage() === "en" ? lowerFirst(s) : s;
}

/**
 * The display label of any variable a table or sentence names: the treatment's column by the treatment's label, a
 * covariate (or a column derived from it) as {@link covariateLabel}; other columns (auxiliary imputation variables)
 * by their name.
 */
export function variableLabel(spec: Pick<StudySpec, "covariates" | "treatment">, name: string, options: { readonly missing?: boolean } = {}): string {
  const t = spec.treatment;
  if (t !== undefined && (name === t.column || name === "treatment")) return t.label ?? t.column;
  return covariateLabel(spec, name, options);
}

/**
 * A model coefficient's label as the report shows it: the results' "FNCLCC grade: 3 vs 1" (src/study/model-terms.ts)
 * with the comparison words of the language in force (the catalogue's `descriptive.summary.versus`: "FNCLCC grade: 3
 * vs. 1" in German; "vs" in Japanese, as Japanese journals write it). Only the connector model-terms writes after the
 * label's ": " is replaced; a label without it comes back as it is.
 */
export function termLabel(label: string): string {
  const colon = label.indexOf(": ");
  const at = label.lastIndexOf(TERM_VERSUS);
  return colon < 0 || at < colon ? label : msg().descriptive.summary.versus(label.slice(0, at), label.slice(at + TERM_VERSUS.length));
}
