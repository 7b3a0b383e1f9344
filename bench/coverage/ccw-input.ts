/**
 * The clone–censor–weight input of one simulated lms cohort with the study's covariates and no missing values (the
 * latent complete size and grade): time and status from the dates, the time to surgery (Infinity when never
 * operated), in months. Shared by the CCW coverage scripts of this folder.
 */
import { simulateCohort, DAYS_PER_MONTH, type SimulateOptions } from "../../src/simulate/index.js";
import type { CcwInput } from "../../src/causal/ccw/types.js";

export function ccwInputOf(n: number, seed: number, options: Pick<SimulateOptions, "trueHazardRatio" | "parameters"> = {}): CcwInput {
  const sim = simulateCohort({ n, seed, ...options });
  const c = sim.columns;
  const l = sim.latent;
  const cols = ["age", "male", "size", "nMets", "sync", "grade2", "grade3"];
  const x = new Float64Array(n * cols.length);
  const time = new Float64Array(n);
  const status = new Int32Array(n);
  const treatmentTime = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    time[i] = (c.dateLastFollowup[i] - c.dateLungMet[i]) / DAYS_PER_MONTH;
    status[i] = Number.isNaN(c.dateDeath[i]) ? 0 : 1;
    treatmentTime[i] = Number.isNaN(c.datePm[i]) ? Number.POSITIVE_INFINITY : (c.datePm[i] - c.dateLungMet[i]) / DAYS_PER_MONTH;
    [c.agePrimary[i], c.male[i], l.sizeComplete[i], c.nLungMets[i], c.synchronous[i], l.gradeComplete[i] === 2 ? 1 : 0, l.gradeComplete[i] === 3 ? 1 : 0].forEach((v, j) => (x[j * n + i] = v));
  }
  return { time, status, treatmentTime, x, p: cols.length, columnNames: cols };
}
