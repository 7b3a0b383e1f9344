/** Loads R reference fixtures written by tools/oracle/*.R into test/fixtures/r/<estimator>/<case>.json. */
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const fixtureRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "fixtures", "r");

export interface RFixture<I = Record<string, unknown>, E = Record<string, unknown>> {
  /** The exact R call that produced `expected`. */
  readonly call: string;
  readonly r_version: string;
  readonly packages: Record<string, string>;
  readonly input: I;
  readonly expected: E;
  readonly note?: string;
}

export function loadFixture<I = Record<string, unknown>, E = Record<string, unknown>>(estimator: string, name: string): RFixture<I, E> {
  return JSON.parse(readFileSync(join(fixtureRoot, estimator, `${name}.json`), "utf8")) as RFixture<I, E>;
}

/** Names of all fixture cases for one estimator (file names without .json), sorted. */
export function listFixtures(estimator: string): string[] {
  return readdirSync(join(fixtureRoot, estimator))
    .filter((f) => f.endsWith(".json"))
    .map((f) => f.slice(0, -5))
    .sort();
}
