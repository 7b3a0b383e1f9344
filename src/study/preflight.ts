/**
 * Everything about a study's spec that can be checked from the spec and the data's header and column types,
 * checked before the first estimate and reported at once (referee B15): a spec with three mistakes gets one
 * error naming all three, each with its path and line, instead of the first one after minutes of multiple
 * imputation and bootstrap. The same shape as the validator's own errors (StudySpecError, study/spec.ts): the
 * error's code, path and line are the first problem's, the message lists the others.
 *
 * What is checked: the cross-references and cross-field rules of the spec (study/spec.ts crossReferenceIssues,
 * again here for a spec that did not come through the parser), `analyses.primary` against the analyses the spec
 * runs, every column the spec names against the data (existence and type), the column a date-defined treatment
 * derives, and the life table a relative-survival cure model needs. What the data's values decide (no events, one
 * treatment level, an unlisted cause in a row) is found by the steps themselves.
 */
import type { Table } from "../data/table.js";
import type { StudySpec } from "./schema.js";
import { crossReferenceIssues, StudySpecError } from "./spec.js";
import type { SpecIssue } from "./spec-issues.js";
import { declaredPrimaryIssues } from "./primary.js";
import { derivedTreatmentIssues, specColumnIssues, type LineOf } from "./prepare.js";
import { lifeTableIssues } from "./spec-rules.js";

export interface PreflightInput {
  readonly spec: StudySpec;
  readonly table: Table;
  readonly specFile: string;
  readonly lineOf?: LineOf;
  /** The life table of analyses.cure.relative, when the caller read one. */
  readonly lifeTable?: Table;
}

/** Every problem found from the spec and the data's header and types, in the order of the spec file. */
export function preflightIssues(input: PreflightInput): SpecIssue[] {
  const { spec, table, lineOf } = input;
  const issues = [
    ...crossReferenceIssues(spec).map((i) => ({ ...i, line: i.line ?? lineOf?.(i.pathParts, { key: i.atKey }) })),
    ...declaredPrimaryIssues(spec, lineOf),
    ...specColumnIssues(spec, table, lineOf),
    ...derivedTreatmentIssues(spec, table).map((i) => ({ ...i, line: lineOf?.(i.pathParts, { key: true }) })),
    ...lifeTableIssues(spec, input.lifeTable !== undefined).map((i) => ({ ...i, line: lineOf?.(i.pathParts) })),
  ];
  // stable: problems without a line keep their place after those with one
  return issues.map((i, k) => ({ i, k })).sort((a, b) => (a.i.line ?? Infinity) - (b.i.line ?? Infinity) || a.k - b.k).map(({ i }) => i);
}

/** Throws one StudySpecError listing every {@link preflightIssues} problem; returns when there is none. */
export function checkStudyBeforeRun(input: PreflightInput): void {
  const issues = preflightIssues(input);
  if (issues.length > 0) throw new StudySpecError(input.specFile, issues);
}
