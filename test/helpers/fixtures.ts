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

/**
 * Names of the fixture cases for one estimator (file names without .json, kept by `filter`), sorted. A loop
 * over fixtures states how many cases it expects: when a folder is renamed or a fixture added or removed,
 * the count differs and the test file fails at once instead of silently running fewer cases
 * (docs/validation.md, "Test policy").
 */
export function listFixtures(estimator: string, count: number, filter: (name: string) => boolean = () => true): string[] {
  const names = readdirSync(join(fixtureRoot, estimator))
    .filter((f) => f.endsWith(".json"))
    .map((f) => f.slice(0, -5))
    .filter(filter)
    .sort();
  if (names.length !== count) {
    throw new Error(
      `test/fixtures/r/${estimator}: found ${names.length} fixture cases${filter.length > 0 ? " (after the filter)" : ""}, the test expects ${count}. ` +
        `A fixture was added, removed or renamed: check tools/oracle/, then update the count passed to listFixtures("${estimator}", ${count}, ...)`,
    );
  }
  return names;
}
