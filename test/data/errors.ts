import { expect } from "vitest";
import { SurvinferError } from "../../src/errors.js";

/** Runs `fn`, expects a SurvinferError with `code`, and checks that its message names the row/column/value given. */
export function expectDataError(
  fn: () => unknown,
  code: string,
  where: { row?: number; column?: string; value?: string; text?: RegExp } = {},
): SurvinferError {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught, `expected ${code} to be thrown`).toBeInstanceOf(SurvinferError);
  const err = caught as SurvinferError;
  expect(err.code).toBe(code);
  if (where.row !== undefined) {
    expect(err.location.row).toBe(where.row);
    expect(err.message).toContain(`row ${where.row}`);
  }
  if (where.column !== undefined) {
    expect(err.location.column).toBe(where.column);
    expect(err.message).toContain(`column "${where.column}"`);
  }
  if (where.value !== undefined) expect(err.message).toContain(JSON.stringify(where.value));
  if (where.text !== undefined) expect(err.message).toMatch(where.text);
  return err;
}
