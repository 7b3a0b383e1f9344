/**
 * Prentice–Williams–Peterson (PWP) conditional models for recurrent events, total and gap time.
 */
import type { Table } from "../../data/table.js";
import { fitRecurrentCox, type RecurrentCoxOptions, type RecurrentCoxResult } from "./recurrent-cox.js";

/**
 * PWP total-time model: a Cox model stratified by event number k (the k-th event's risk set holds the
 * patients who have had k − 1 events), on the time since study entry:
 * λ_ik(t) = Y_ik(t) λ₀k(t) exp(β′x_i(t)), with the rows (start, stop] and the robust variance clustered
 * on the patient. The event number of a row (`enum`) is 1 + the patient's earlier events, built here.
 *
 * Reference: Prentice RL, Williams BJ, Peterson AV (1981). On the regression analysis of multivariate
 * failure time data. Biometrika 68:373–379. doi:10.1093/biomet/68.2.373.
 * R: `survival::coxph(Surv(start, stop, event) ~ x + cluster(id) + strata(enum), data = d)`.
 *
 * @example
 * const res = pwpTotal(table, { id: "id", start: "start", stop: "stop", event: "event", covariates: ["rx"] });
 * res.strata; // rows and events per event number
 */
export function pwpTotal(table: Table, options: RecurrentCoxOptions): RecurrentCoxResult {
  return fitRecurrentCox(table, "pwp-total", options);
}

/**
 * PWP gap-time model: as pwpTotal, but the clock restarts at each event: the time scale is the gap
 * u = stop − start since the previous event (or study entry), λ_ik(u) = λ₀k(u) exp(β′x_i).
 * Deliberate choice, as R: each row is taken as its own gap from 0, so a patient whose follow-up is split
 * into several rows without an event in between should be given one row per gap.
 *
 * Reference: Prentice, Williams & Peterson (1981), doi:10.1093/biomet/68.2.373.
 * R: `survival::coxph(Surv(stop - start, event) ~ x + cluster(id) + strata(enum), data = d)`.
 *
 * @example
 * const res = pwpGap(table, { id: "id", start: "start", stop: "stop", event: "event", covariates: ["rx"] });
 * res.fit.terms[0].hr;
 */
export function pwpGap(table: Table, options: RecurrentCoxOptions): RecurrentCoxResult {
  return fitRecurrentCox(table, "pwp-gap", options);
}
