/** The command registry: one line per command; each command lives in its own file. */
import type { Command } from "commander";
import type { CliIO } from "../io.js";
import { registerApp } from "./app.js";
import { registerCox } from "./cox.js";
import { registerCuminc } from "./cuminc.js";
import { registerCure } from "./cure.js";
import { registerEffects } from "./effects.js";
import { registerEValue } from "./evalue.js";
import { registerKm } from "./km.js";
import { registerLogrank } from "./logrank.js";
import { registerPredict } from "./predict.js";
import { registerPropensity } from "./propensity.js";
import { registerRecurrent } from "./recurrent.js";
import { registerRmst } from "./rmst.js";
import { registerRun } from "./run.js";
import { registerSensitivity } from "./sensitivity.js";
import { registerSimulateCommand } from "./simulate.js";

export function registerCommands(program: Command, io: CliIO): void {
  registerRun(program, io);
  registerKm(program, io);
  registerLogrank(program, io);
  registerRmst(program, io);
  registerCox(program, io);
  registerCuminc(program, io);
  registerCure(program, io);
  registerPredict(program, io);
  registerRecurrent(program, io);
  registerPropensity(program, io);
  registerEffects(program, io);
  registerEValue(program, io);
  registerSensitivity(program, io);
  registerSimulateCommand(program, io);
  registerApp(program, io);
}
