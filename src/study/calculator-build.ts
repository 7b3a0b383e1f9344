/**
 * Building a per-patient calculator (src/study/calculator.ts) from a fitted model: the inputs from the
 * model matrix (range and median of a numeric covariate, levels and the most frequent level of a
 * factor, over the model's own rows) and a linear score from the model's named coefficients (R's
 * column naming: a numeric term's column is the term; a factor's dummies are term + level).
 */
import { SurvinferError } from "../errors.js";
import type { ModelMatrix } from "../formula/model-matrix.js";
import type { CalculatorInput, CalculatorScore } from "./calculator.js";

/** One calculator input with the model column of each numeric value or level (R's naming: term + level). */
export interface InputColumns {
  readonly input: CalculatorInput;
  /** numeric: the one column; categorical: column per non-reference level. */
  readonly numericColumn?: string;
  readonly levelColumns?: Readonly<Record<string, string>>;
}

function median(values: number[]): number {
  const v = [...values].sort((a, b) => a - b);
  const m = v.length >> 1;
  return v.length % 2 === 1 ? v[m] : (v[m - 1] + v[m]) / 2;
}

/** Calculator inputs from the model matrix: ranges, medians and levels of the model's own rows. */
export function calculatorInputs(mm: ModelMatrix, names: readonly string[], labelOf: (name: string) => string): InputColumns[] {
  return mm.terms.map((t, k): InputColumns => {
    const name = names[k];
    const label = labelOf(name);
    const levels = mm.xlevels[t.variables[0]] ?? mm.xlevels[t.label];
    if (levels !== undefined) {
      // most frequent level among the model's rows
      const counts = new Map<string, number>();
      const dummies = t.columns.map((j) => mm.x.subarray(j * mm.nRows, (j + 1) * mm.nRows));
      for (let i = 0; i < mm.nRows; i++) {
        const l = dummies.findIndex((d) => d[i] === 1);
        const level = levels[l + 1];
        counts.set(level, (counts.get(level) ?? 0) + 1);
      }
      let value = levels[0];
      for (const l of levels) if ((counts.get(l) ?? 0) > (counts.get(value) ?? 0)) value = l;
      const levelColumns: Record<string, string> = {};
      for (const l of levels.slice(1)) levelColumns[l] = `${t.label}${l}`;
      return { input: { kind: "categorical", name, label, levels, value }, levelColumns };
    }
    const j = t.columns[0];
    const x = Array.from(mm.x.subarray(j * mm.nRows, (j + 1) * mm.nRows));
    let min = Infinity;
    let max = -Infinity;
    for (const v of x) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    return { input: { kind: "numeric", name, label, min, max, value: median(x) }, numericColumn: mm.columnNames[j] };
  });
}

/** A calculator score from named coefficients; null when a coefficient has no input (model on other covariates). */
export function scoreFromCoefficients(inputs: readonly InputColumns[], coef: ReadonlyMap<string, number>, intercept: number, sign: 1 | -1): CalculatorScore | null {
  const used = new Set<string>();
  const numeric: Record<string, number> = {};
  const levels: Record<string, Record<string, number>> = {};
  for (const ic of inputs) {
    if (ic.numericColumn !== undefined) {
      const b = coef.get(ic.numericColumn);
      if (b !== undefined) {
        numeric[ic.input.name] = sign * b;
        used.add(ic.numericColumn);
      }
    } else if (ic.input.kind === "categorical" && ic.levelColumns) {
      const byLevel: Record<string, number> = { [ic.input.levels[0]]: 0 };
      let any = false;
      for (const l of ic.input.levels.slice(1)) {
        const b = coef.get(ic.levelColumns[l]);
        byLevel[l] = b === undefined ? 0 : sign * b;
        if (b !== undefined) {
          any = true;
          used.add(ic.levelColumns[l]);
        }
      }
      if (any) levels[ic.input.name] = byLevel;
    }
  }
  for (const name of coef.keys()) if (!used.has(name)) return null;
  return { intercept: sign * intercept, numeric, levels };
}

/**
 * The data column of each model term, or an error unless every term is a plain covariate or
 * `factor(covariate)` — what a calculator (and new patients' data) can supply; transformations and
 * interactions cannot.
 */
export function plainTermColumns(mm: ModelMatrix, formula: string): string[] {
  return mm.terms.map((t) => {
    const v = t.variables.length === 1 ? mm.formula.variables.find((x) => x.label === t.variables[0]) : undefined;
    const col = v?.columns.length === 1 ? v.columns[0] : undefined;
    const label = t.label.replace(/`/g, "");
    if (col === undefined || (label !== col && label !== `factor(${col})`)) {
      throw new SurvinferError({
        code: "FORMULA_UNSUPPORTED",
        value: formula,
        message: `term ${t.label} is not a plain covariate or factor(): predictions for new patients need each covariate as a column`,
        hint: "compute the transformed covariate as its own column, or drop the interaction",
      });
    }
    return col;
  });
}
