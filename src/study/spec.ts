/**
 * Study spec front door: parse YAML or JSON, validate with the zod schema (./schema.ts), check the
 * cross-references that need no data (endpoint names, covariates named by analyses, treatment
 * needed by an analysis), and report every problem at once with its path and line in the file.
 * Checks that need the data (unknown column, one treatment level, ...) belong to study/run.ts,
 * which can point at the YAML line with `specColumnReferences()` + `lineOf`.
 */
import { z } from "zod";
import { SurvinferError } from "../errors.js";
import { readSpecSource, type SpecPath, type SpecSource } from "./spec-source.js";
import { studySpecSchema, covariateObject, type StudySpec } from "./schema.js";
import { zodIssuesToSpecIssues, formatPath, type SpecIssue } from "./spec-issues.js";
import { cureCauseIssues, negativeControlIssues, recurrentPopulationIssues } from "./spec-rules.js";

export * from "./schema.js";
export { formatPath, type SpecIssue } from "./spec-issues.js";
export type { SpecPath } from "./spec-source.js";
export { specColumnReferences, type ColumnReference } from "./spec-columns.js";

/**
 * A SurvinferError that lists every problem found. Its code, line and path are those of the first problem: SPEC_INVALID,
 * or the problem's own code for one found against the data (SPEC_UNKNOWN_COLUMN, SPEC_PRIMARY_UNKNOWN; study/preflight.ts).
 */
export class StudySpecError extends SurvinferError {
  readonly issues: readonly SpecIssue[];
  constructor(file: string, issues: readonly SpecIssue[]) {
    const [first, ...rest] = issues;
    const item = (i: SpecIssue): string => `${i.message}${i.value !== undefined ? ` (value: ${JSON.stringify(i.value)})` : ""}${i.hint ? ` (${i.hint})` : ""}`;
    const more = rest.map((i) => `\n  - ${i.line !== undefined ? `line ${i.line}, ` : ""}at ${i.path}: ${item(i)}${i.code !== undefined && i.code !== first.code ? ` [${i.code}]` : ""}`);
    super({
      code: first.code ?? "SPEC_INVALID",
      file,
      line: first.line,
      path: first.path,
      ...(rest.length === 0 && first.value !== undefined ? { value: first.value } : {}),
      message: rest.length === 0 ? first.message : `${item(first)}; ${rest.length} more problem${rest.length > 1 ? "s" : ""}:${more.join("")}`,
      hint: rest.length === 0 ? (first.hint ?? "See docs/spec.md for the study spec format") : undefined,
    });
    this.name = "StudySpecError";
    this.issues = issues;
  }
}

export interface ParsedStudySpec {
  readonly spec: StudySpec;
  /** 1-based line of the node at a spec path, e.g. lineOf(["analyses", "km", "times", 1]). */
  readonly lineOf: SpecSource["lineOf"];
}

/**
 * Parses and validates a study spec (YAML 1.2 or JSON). Throws a StudySpecError
 * (code SPEC_INVALID) listing every problem with its line and path.
 * @example
 * const spec = parseStudySpec("title: T\ndata: { file: d.csv }\nendpoints:\n  os: { origin: a, event: b, censor: c }\n", "s.yaml");
 * spec.endpoints.os; // { origin: "a", event: "b", censor: "c", unit: "months" }
 */
export function parseStudySpec(text: string, fileName: string): StudySpec {
  return parseStudySpecWithLines(text, fileName).spec;
}

/** Like parseStudySpec, and also returns a line locator for later (data-dependent) errors. */
export function parseStudySpecWithLines(text: string, fileName: string): ParsedStudySpec {
  const source = readSpecSource(text, fileName);
  if (source.syntaxErrors.length > 0) {
    throw new StudySpecError(
      fileName,
      source.syntaxErrors.map((e) => ({ path: "(file)", pathParts: [], line: e.line, message: `syntax error: ${e.message}` })),
    );
  }
  if (source.data === undefined || source.data === null) {
    throw new StudySpecError(fileName, [{ path: "(file)", pathParts: [], line: 1, message: "the spec file is empty", hint: "see examples/lms-metastasectomy/study.yaml" }]);
  }
  const result = studySpecSchema.safeParse(source.data);
  const issues = result.success
    ? crossReferenceIssues(result.data)
    : zodIssuesToSpecIssues(result.error.issues, source.data);
  if (issues.length > 0) {
    const located = issues
      .map((i) => ({ ...i, line: i.line ?? source.lineOf(i.pathParts, { key: i.atKey }) }))
      .sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    throw new StudySpecError(fileName, located);
  }
  return { spec: result.data as StudySpec, lineOf: source.lineOf };
}

/** The JSON Schema (draft 2020-12) of the spec as a user writes it (defaults make fields optional). */
export function studySpecJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(studySpecSchema, { io: "input", target: "draft-2020-12" }) as Record<string, unknown>;
}

/**
 * Checks that need no data: names that refer to other parts of the spec, and the rules between fields that the steps
 * rely on (study/spec-rules.ts). runStudy checks them again before any computation (study/preflight.ts), for a spec
 * that did not come through the parser.
 */
export function crossReferenceIssues(spec: StudySpec): SpecIssue[] {
  const issues: SpecIssue[] = [];
  const add = (pathParts: SpecPath, message: string, hint?: string): void => {
    issues.push({ pathParts, path: formatPath(pathParts), message, hint });
  };
  const endpointNames = Object.keys(spec.endpoints);
  const covNames = spec.covariates.map((c) => covariateObject(c).name);
  const a = spec.analyses;

  const seen = new Set<string>();
  covNames.forEach((n, i) => {
    if (seen.has(n)) add(["covariates", i], `covariate "${n}" is listed twice`);
    seen.add(n);
  });

  const checkEndpoint = (analysis: string, ep: string): void => {
    if (!endpointNames.includes(ep)) {
      add(["analyses", analysis, "endpoint"], `endpoint "${ep}" is not defined under endpoints`, `defined: ${endpointNames.join(", ")}`);
    }
  };
  if (a.km) checkEndpoint("km", a.km.endpoint);
  if (a.logrank) checkEndpoint("logrank", a.logrank.endpoint);
  if (a.rmst) checkEndpoint("rmst", a.rmst.endpoint);
  if (a.cox) checkEndpoint("cox", a.cox.endpoint);
  if (a.competingRisks) {
    checkEndpoint("competingRisks", a.competingRisks.endpoint);
    const ep = spec.endpoints[a.competingRisks.endpoint];
    if (ep !== undefined && ep.causes === undefined) {
      add(["analyses", "competingRisks", "endpoint"], `endpoint "${a.competingRisks.endpoint}" has no causes`, `add endpoints.${a.competingRisks.endpoint}.causes: { column: ..., values: { ...: ... } }`);
    }
  }

  if (a.cure) checkEndpoint("cure", a.cure.endpoint);
  if (a.prediction) checkEndpoint("prediction", a.prediction.endpoint);
  if (a.recurrent) checkEndpoint("recurrent", a.recurrent.endpoint);

  const needTreatment = (pathParts: SpecPath, what: string): void => {
    if (!spec.treatment) add(pathParts, `${what} needs a treatment, but the spec has no treatment section`, "add treatment: { column: ..., treated: ... }");
  };
  for (const key of ["table1", "km", "logrank", "rmst", "competingRisks", "cure", "recurrent"] as const) {
    const by = a[key]?.by;
    if (by === "treatment") needTreatment(["analyses", key, "by"], `analyses.${key}.by: treatment`);
  }
  // Table 1 compares the treatment groups as observed, matched and weighted: another grouping is refused, not ignored
  if (a.table1 && a.table1.by !== "treatment" && a.table1.by !== spec.treatment?.column) {
    add(["analyses", "table1", "by"], `Table 1 compares the treatment groups (as observed, matched and weighted); by: "${a.table1.by}" is not supported`, "remove by, or write by: treatment");
  }
  if (a.propensity) needTreatment(["analyses", "propensity"], "the propensity analysis");
  if (a.prediction?.population === "treated" || a.prediction?.population === "untreated") {
    needTreatment(["analyses", "prediction", "population"], `analyses.prediction.population: ${a.prediction.population}`);
  }
  if (a.cure?.population === "treated" || a.cure?.population === "untreated") {
    needTreatment(["analyses", "cure", "population"], `analyses.cure.population: ${a.cure.population}`);
  }
  if (a.immortalTime) {
    needTreatment(["analyses", "immortalTime"], "the immortal-time analysis");
    if (spec.treatment && spec.treatment.date === undefined) {
      add(["analyses", "immortalTime"], "the immortal-time analysis needs the date of treatment", "add treatment.date: <date column>");
    }
  }
  issues.push(...recurrentPopulationIssues(spec), ...cureCauseIssues(spec), ...negativeControlIssues(spec));

  // Names used by models must be declared covariates (that is where types, levels and labels live).
  const allowed = new Set(covNames);
  if (spec.treatment) allowed.add(spec.treatment.column).add("treatment");
  const checkNames = (names: readonly string[] | undefined, base: SpecPath): void => {
    names?.forEach((n, i) => {
      if (!allowed.has(n)) {
        add([...base, i], `"${n}" is not a declared covariate`, covNames.length > 0 ? `declared: ${covNames.join(", ")}` : "list it under covariates");
      }
    });
  };
  if (a.cox) {
    if (a.cox.univariable !== "all") checkNames(a.cox.univariable, ["analyses", "cox", "univariable"]);
    checkNames(a.cox.multivariable, ["analyses", "cox", "multivariable"]);
  }
  if (a.competingRisks) checkNames(a.competingRisks.covariates, ["analyses", "competingRisks", "covariates"]);
  if (a.cure) {
    checkNames(a.cure.incidence, ["analyses", "cure", "incidence"]);
    checkNames(a.cure.latency, ["analyses", "cure", "latency"]);
  }
  if (a.prediction) {
    checkNames(a.prediction.covariates, ["analyses", "prediction", "covariates"]);
    if ((a.prediction.covariates ?? covNames).length === 0) add(["analyses", "prediction"], "the prediction model has no covariates", "list covariates");
  }
  if (a.recurrent) checkNames(a.recurrent.covariates, ["analyses", "recurrent", "covariates"]);
  if (a.immortalTime) {
    checkNames(a.immortalTime.covariates, ["analyses", "immortalTime", "covariates"]);
    a.immortalTime.covariates?.forEach((n, i) => {
      if (spec.treatment && (n === spec.treatment.column || n === "treatment")) {
        add(["analyses", "immortalTime", "covariates", i], "the treatment cannot be one of the confounders it is adjusted for", "remove it: the designs add the treatment themselves");
      }
    });
  }
  if (a.propensity) {
    const psNames = a.propensity.covariates;
    checkNames(psNames, ["analyses", "propensity", "covariates"]);
    checkNames(a.propensity.matching?.exact, ["analyses", "propensity", "matching", "exact"]);
    psNames?.forEach((n, i) => {
      if (spec.treatment && (n === spec.treatment.column || n === "treatment")) {
        add(["analyses", "propensity", "covariates", i], "the treatment cannot be a covariate of its own propensity model");
      }
    });
    if ((psNames ?? covNames).length === 0) add(["analyses", "propensity"], "the propensity model has no covariates", "list covariates");
    if (!a.propensity.matching && !a.propensity.weighting) {
      add(["analyses", "propensity"], "choose matching, weighting or both", "e.g. matching: { ratio: 1, caliper: 0.2 }");
    }
  }
  return issues;
}
