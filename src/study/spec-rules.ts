/**
 * Cross-field rules of the study spec that the steps rely on, written once: the validator checks them before any
 * computation (study/spec.ts crossReferenceIssues, again in study/preflight.ts for a spec that did not come through
 * the parser), and a step run on its own throws the same problem ({@link specRuleError}) instead of computing on a
 * spec that breaks them.
 */
import { SurvinferError } from "../errors.js";
import { endpointOrigin, type StudySpec } from "./schema.js";
import { formatPath, type SpecIssue } from "./spec-issues.js";
import type { SpecPath } from "./spec-source.js";

function issue(pathParts: SpecPath, message: string, hint?: string): SpecIssue {
  return { pathParts, path: formatPath(pathParts), message, hint };
}

/** A broken rule as the error a step throws (code SPEC_INVALID unless the issue names another). */
export function specRuleError(i: SpecIssue): SurvinferError {
  return new SurvinferError({ code: i.code ?? "SPEC_INVALID", path: i.path, message: i.message, hint: i.hint, ...(i.value === undefined ? {} : { value: i.value }) });
}

/** analyses.recurrent.population: treated follows the treated from the date of treatment: it needs treatment.date and an endpoint from dates. */
export const RECURRENT_TREATED_NEEDS_DATE: SpecIssue = issue(
  ["analyses", "recurrent", "population"],
  'population "treated" follows the treated from the date of treatment: it needs treatment.date and an endpoint from dates',
  "Give treatment.date (the date of the index operation), or use population: all",
);

/** The recurrent-event analysis's population against the treatment and the endpoint (spec only). */
export function recurrentPopulationIssues(spec: StudySpec): SpecIssue[] {
  const a = spec.analyses.recurrent;
  if (a?.population !== "treated") return [];
  const ep = spec.endpoints[a.endpoint];
  if (ep === undefined) return []; // reported as an undefined endpoint
  return spec.treatment?.date === undefined || endpointOrigin(ep) === undefined ? [RECURRENT_TREATED_NEEDS_DATE] : [];
}

/** The endpoint of the treatment comparison, as runStudy chooses it: the Kaplan–Meier endpoint, else the first endpoint. */
export function comparisonEndpoint(spec: StudySpec): string {
  return spec.analyses.km?.endpoint ?? Object.keys(spec.endpoints)[0];
}

/** A named cause of an endpoint (analyses.cure.cause, the negative control's cause): the endpoint must list its causes, and this one among them. */
export function causeIssues(spec: StudySpec, endpoint: string, cause: string, causePath: SpecPath, needsCausesPath: SpecPath, who: string, word: "named" | "listed"): SpecIssue[] {
  const causes = spec.endpoints[endpoint]?.causes;
  if (causes === undefined) {
    return [issue(needsCausesPath, `${who} needs the causes of endpoint ${endpoint}`, "Add e.g. causes: { column: cause_of_death, values: { Sarcoma: sarcoma, Other: other } } to the endpoint")];
  }
  if (causes.values[cause] !== undefined) return [];
  const listed = Object.keys(causes.values).map((c) => JSON.stringify(c)).join(", ");
  return [{ ...issue(causePath, `cause ${JSON.stringify(cause)} is not ${word} under endpoints.${endpoint}.causes.values`, `${word === "named" ? "Named" : "Listed"} causes: ${listed}`), value: cause }];
}

/** analyses.cure.cause against the endpoint's causes. */
export function cureCauseIssues(spec: StudySpec): SpecIssue[] {
  const a = spec.analyses.cure;
  if (a?.cause === undefined || spec.endpoints[a.endpoint] === undefined) return [];
  return causeIssues(spec, a.endpoint, a.cause, ["analyses", "cure", "cause"], ["analyses", "cure", "cause"], "analyses.cure.cause", "named");
}

/** The negative-control outcome (analyses.sensitivity.negativeControl): its endpoint, cause, and the treatment-effect table it re-runs. */
export function negativeControlIssues(spec: StudySpec): SpecIssue[] {
  const nc = spec.analyses.sensitivity?.negativeControl;
  if (nc === undefined) return [];
  const base: SpecPath = ["analyses", "sensitivity", "negativeControl"];
  const endpoint = nc.endpoint ?? comparisonEndpoint(spec);
  if (spec.endpoints[endpoint] === undefined) {
    return [issue([...base, "endpoint"], `endpoint "${endpoint}" is not defined under endpoints`, `defined: ${Object.keys(spec.endpoints).join(", ")}`)];
  }
  const out = causeIssues(spec, endpoint, nc.cause, [...base, "cause"], base, "the negative control", "listed");
  if (spec.treatment === undefined || spec.covariates.length === 0) out.push(issue(base, NEGATIVE_CONTROL_NEEDS_EFFECTS));
  return out;
}

/** The negative control re-runs the treatment-effect table on the cause-specific endpoint. */
export const NEGATIVE_CONTROL_NEEDS_EFFECTS = "the negative control needs a treatment, covariates and analyses.propensity";

/** analyses.cure.relative needs its life table, read by the caller (the CLI reads it next to the spec; the app cannot yet). */
export function lifeTableIssues(spec: StudySpec, lifeTableRead: boolean): SpecIssue[] {
  const rs = spec.analyses.cure?.relative;
  if (rs === undefined || lifeTableRead) return [];
  return [{
    ...issue(["analyses", "cure", "relative", "lifeTable"], "the relative-survival cure model needs its life table file, which was not read", "run the study with `survinfer run study.yaml` (the CLI reads the life table next to the spec); the browser app does not read life tables yet"),
    value: rs.lifeTable,
  }];
}
