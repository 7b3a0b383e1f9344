/**
 * Andersen–Gill model for recurrent events.
 */
import type { Table } from "../../data/table.js";
import { fitRecurrentCox, type RecurrentCoxOptions, type RecurrentCoxResult } from "./recurrent-cox.js";

/**
 * Andersen–Gill (AG) model: a Cox model on the counting-process rows (start, stop], every patient at
 * risk of the next event whatever the number of earlier ones, with one common baseline hazard:
 * λ_i(t) = Y_i(t) λ₀(t) exp(β′x_i(t)). β maximises the partial likelihood
 * L(β) = Π_i Π_t [exp(β′x_i(t)) / Σ_l Y_l(t) exp(β′x_l(t))]^{dN_i(t)} (Efron ties), and its variance is
 * the robust sandwich V = I⁻¹ (Σ_i U_i U_iᵀ) I⁻¹ with U_i the dfbeta score residuals summed over the
 * patient's rows (Lin & Wei 1989), since events of one patient are dependent.
 *
 * Reference: Andersen PK, Gill RD (1982). Cox's regression model for counting processes: a large
 * sample study. Ann Stat 10:1100–1120. doi:10.1214/aos/1176345976.
 * R: `survival::coxph(Surv(start, stop, event) ~ x + cluster(id), data = d)` (survival 3.5-3).
 *
 * @example
 * const res = andersenGill(table, { id: "id", start: "start", stop: "stop", event: "event", covariates: ["rx", "number", "size"] });
 * res.fit.terms.map((t) => [t.name, t.hr, t.robustSe]);
 */
export function andersenGill(table: Table, options: RecurrentCoxOptions): RecurrentCoxResult {
  return fitRecurrentCox(table, "ag", options);
}
