/**
 * From a Table to the matrix-level input of `survivalContrasts`: complete cases and R's model.matrix coding
 * (the same `effectData` as the Cox-based treatment effects), after checking that no covariate is missing
 * for a whole treatment group (complete-case analysis would then silently drop that group).
 */
import { effectData, type TreatmentEffectsInput } from "../effect.js";
import { SurvinferError } from "../../errors.js";
import { findColumn, type Column } from "../../data/table.js";
import type { DroppedCount } from "../../formula/model-matrix.js";
import type { SurvivalContrastsInput } from "./types.js";

function isMissing(col: Column, i: number): boolean {
  return col.kind === "categorical" ? col.codes[i] < 0 : !Number.isFinite(col.values[i]);
}

/** Stops with EFFECTS_COVARIATE_MISSING_IN_GROUP when a covariate has no value in one treatment group. */
export function checkCovariatesPerGroup(input: TreatmentEffectsInput, groupLabels: readonly [string, string]): void {
  const { table } = input;
  for (const name of input.covariates) {
    const col = findColumn(table, name);
    if (col === undefined) continue; // a term such as factor(x): the model matrix names it
    for (const arm of [0, 1] as const) {
      let seen = 0;
      let present = 0;
      for (let i = 0; i < table.nRows; i++) {
        if (input.treatment[i] !== arm) continue;
        seen++;
        if (!isMissing(col, i)) present++;
      }
      if (seen > 0 && present === 0) {
        throw new SurvinferError({
          code: "EFFECTS_COVARIATE_MISSING_IN_GROUP",
          file: table.source.file,
          column: name,
          message: `covariate "${name}" is missing for every patient of the ${arm === 1 ? "treated" : "untreated"} group (${groupLabels[arm]}, ${seen} patients): a complete-case analysis would leave that group out`,
          hint: `remove "${name}" from --covariates, or fill it in for that group`,
        });
      }
    }
  }
}

export function contrastsInputFromTable(input: TreatmentEffectsInput, groupLabels: readonly [string, string]): { input: SurvivalContrastsInput; ids: readonly string[]; dropped: DroppedCount[]; warnings: string[] } {
  checkCovariatesPerGroup(input, groupLabels);
  const { data, dropped, warnings } = effectData(input);
  return {
    input: { time: data.time, status: Uint8Array.from(data.status), treat: Uint8Array.from(data.treat), x: data.x, columnNames: data.columnNames },
    ids: data.ids,
    dropped,
    warnings,
  };
}
