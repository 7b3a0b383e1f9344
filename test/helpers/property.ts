/**
 * Property tests with a fixed seed and a checked share of runs that assert (docs/validation.md, "Test policy").
 * `property(...arbitraries, predicate)` is fast-check's `fc.property` with a counter: a run asserts when
 * its predicate returns a boolean (fast-check checks it) or makes at least one `expect` call; a run that
 * calls `fc.pre(false)` is discarded. `assertProperty(p, { seed, ... })` runs it and then fails unless at
 * least `minShare` (default 80%) of the generated inputs reached an assertion: a property whose generator
 * mostly produces inputs it then ignores checks nothing and must get a better generator.
 * The seed is fixed so CI is reproducible; PROPERTY_SEED=<n> overrides every seed (the nightly script
 * .ci/nightly-properties varies it), and the seed in use is in every failure message.
 */
import fc from "fast-check";
import { expect } from "vitest";
import { SurvinferError } from "../../src/errors.js";

export interface PropertyCounts {
  /** Inputs the predicate was called with (discarded ones included). */
  generated: number;
  /** Runs that returned a boolean or made an `expect` call. */
  asserting: number;
  /** Runs discarded by `fc.pre`. */
  discarded: number;
}

export interface CountedProperty<Ts extends [unknown, ...unknown[]]> {
  readonly property: fc.IProperty<Ts>;
  readonly counts: PropertyCounts;
}

export interface CountedAsyncProperty<Ts extends [unknown, ...unknown[]]> {
  readonly property: fc.IAsyncProperty<Ts>;
  readonly counts: PropertyCounts;
}

/** fast-check parameters with the seed required. */
export type SeededParameters<Ts> = fc.Parameters<Ts> & { readonly seed: number };

type Arbitraries<Ts extends unknown[]> = { [K in keyof Ts]: fc.Arbitrary<Ts[K]> };

function assertionCalls(): number {
  return expect.getState().assertionCalls;
}

function record(counts: PropertyCounts, before: number, result: unknown): void {
  if (typeof result === "boolean" || assertionCalls() > before) counts.asserting++;
}

function onThrow(counts: PropertyCounts, e: unknown): never {
  if (fc.PreconditionFailure.isFailure(e)) counts.discarded++;
  else counts.asserting++; // a failed expect or a thrown error is a (failing) check
  throw e;
}

/** `fc.property` that counts asserting runs. */
export function property<Ts extends [unknown, ...unknown[]]>(...args: [...arbitraries: Arbitraries<Ts>, predicate: (...values: Ts) => boolean | void]): CountedProperty<Ts> {
  const counts: PropertyCounts = { generated: 0, asserting: 0, discarded: 0 };
  const predicate = args[args.length - 1] as (...values: Ts) => boolean | void;
  const arbitraries = args.slice(0, -1) as fc.Arbitrary<unknown>[];
  const wrapped = (...values: Ts): boolean | void => {
    counts.generated++;
    const before = assertionCalls();
    let result: boolean | void;
    try {
      result = predicate(...values);
    } catch (e) {
      onThrow(counts, e);
    }
    record(counts, before, result);
    return result;
  };
  const make = fc.property as unknown as (...a: unknown[]) => fc.IProperty<Ts>;
  return { property: make(...arbitraries, wrapped), counts };
}

/** `fc.asyncProperty` that counts asserting runs. */
export function asyncProperty<Ts extends [unknown, ...unknown[]]>(...args: [...arbitraries: Arbitraries<Ts>, predicate: (...values: Ts) => Promise<boolean | void>]): CountedAsyncProperty<Ts> {
  const counts: PropertyCounts = { generated: 0, asserting: 0, discarded: 0 };
  const predicate = args[args.length - 1] as (...values: Ts) => Promise<boolean | void>;
  const arbitraries = args.slice(0, -1) as fc.Arbitrary<unknown>[];
  const wrapped = async (...values: Ts): Promise<boolean | void> => {
    counts.generated++;
    const before = assertionCalls();
    let result: boolean | void;
    try {
      result = await predicate(...values);
    } catch (e) {
      onThrow(counts, e);
    }
    record(counts, before, result);
    return result;
  };
  const make = fc.asyncProperty as unknown as (...a: unknown[]) => fc.IAsyncProperty<Ts>;
  return { property: make(...arbitraries, wrapped), counts };
}

/** The seed to use: PROPERTY_SEED when set (nightly runs), else the test's own. */
export function seedFor(seed: number, env: NodeJS.ProcessEnv = process.env): number {
  const s = env.PROPERTY_SEED;
  if (s === undefined || s === "") return seed;
  const n = Number(s);
  if (!Number.isSafeInteger(n)) throw new Error(`PROPERTY_SEED must be an integer; got ${JSON.stringify(s)}`);
  return n;
}

function checkShare(counts: PropertyCounts, seed: number, minShare: number): void {
  const share = counts.generated === 0 ? 0 : counts.asserting / counts.generated;
  expect(
    share,
    `property (seed ${seed}) asserted on ${counts.asserting} of ${counts.generated} generated inputs (${counts.discarded} discarded by fc.pre): ` +
      `below ${Math.round(minShare * 100)}%. Generate valid inputs instead of discarding them, or assert on every input`,
  ).toBeGreaterThanOrEqual(minShare);
}

/** Runs a counted property with a required seed, then checks the share of asserting runs. */
export function assertProperty<Ts extends [unknown, ...unknown[]]>(p: CountedProperty<Ts>, params: SeededParameters<Ts>, minShare = 0.8): void {
  const seed = seedFor(params.seed);
  fc.assert(p.property, { ...params, seed });
  checkShare(p.counts, seed, minShare);
}

/** Async version of {@link assertProperty}. */
export async function assertAsyncProperty<Ts extends [unknown, ...unknown[]]>(p: CountedAsyncProperty<Ts>, params: SeededParameters<Ts>, minShare = 0.8): Promise<void> {
  const seed = seedFor(params.seed);
  await fc.assert(p.property, { ...params, seed });
  checkShare(p.counts, seed, minShare);
}

/**
 * What a reader's refusal must be (docs/cli.md): a data error (`DATA_*` code) that names the file. Property
 * tests on hostile input call it on every refusal, so a refused input is a checked run, not a vacuous one.
 */
export function expectReadRefusal(e: unknown, fileName: string): void {
  expect(e, `expected a SurvinferError, got ${String(e)}`).toBeInstanceOf(SurvinferError);
  const err = e as SurvinferError;
  expect(err.code, err.message).toMatch(/^DATA_[A-Z_]+$/);
  expect(err.location.file, `${err.code}: the message should name the file`).toBe(fileName);
  expect(err.message.startsWith(`${fileName}`), err.message).toBe(true);
}
