/** Test helper: two Kaplan–Meier results (in-database and in-memory) agree to 1e-10, stratum by stratum (matched by name). */
import { expect } from "vitest";
import { expectClose } from "../helpers/expect-close.js";
import type { KaplanMeierResult } from "../../src/survival/kaplan-meier.js";

const TOL = { rel: 1e-10, abs: 1e-13 };

export function expectSameKm(sql: KaplanMeierResult, mem: KaplanMeierResult): void {
  expect(sql.n).toBe(mem.n);
  expect(sql.options).toEqual(mem.options);
  const byName = new Map(mem.strata.map((s) => [s.name, s]));
  expect(sql.strata.map((s) => s.name).sort()).toEqual([...byName.keys()].sort());
  for (const s of sql.strata) {
    const m = byName.get(s.name)!;
    expect(s.n).toBe(m.n);
    expect(s.time).toEqual(m.time);
    for (const key of ["nRisk", "nEvent", "nCensor", "surv", "stdErr", "stdErrLogSurv", "lower", "upper"] as const) expectClose(s[key], m[key], TOL, `${s.name} ${key}`);
    expectClose(s.events, m.events, TOL, "events");
    expect(s.median).toEqual(m.median);
    expect(s.quantiles).toEqual(m.quantiles);
    expect(s.at.map((a) => a.estimable)).toEqual(m.at.map((a) => a.estimable));
    for (const key of ["nRisk", "nEvent", "nCensor", "surv", "stdErr", "lower", "upper"] as const) expectClose(s.at.map((a) => a[key]), m.at.map((a) => a[key]), TOL, `${s.name} at ${key}`);
  }
}

