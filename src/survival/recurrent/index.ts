/** Recurrent events: Andersen–Gill and PWP (total/gap time) Cox models, and the mean cumulative function. */
export { andersenGill } from "./andersen-gill.js";
export { pwpGap, pwpTotal } from "./pwp.js";
export { fitRecurrentCox } from "./recurrent-cox.js";
export type { RecurrentCoxOptions, RecurrentCoxResult, RecurrentModel, RecurrentStratum } from "./recurrent-cox.js";
export { mcfKernel, meanCumulativeFunction } from "./mcf.js";
export type { McfCurve, McfOptions, McfResult } from "./mcf.js";
export { readRecurrentData } from "./intervals.js";
export type { RecurrentColumns, RecurrentData } from "./intervals.js";
export { ghoshLin, ghoshLinKernel } from "./ghosh-lin.js";
export type { GhoshLinCurve, GhoshLinOptions, GhoshLinResult } from "./ghosh-lin.js";
