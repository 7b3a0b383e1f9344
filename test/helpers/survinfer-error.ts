/** The SurvinferError `f` throws (any other error is rethrown; no error fails the test). */
import { SurvinferError } from "../../src/errors.js";

export function thrownSurvinferError(f: () => unknown): SurvinferError {
  try {
    f();
  } catch (e) {
    if (e instanceof SurvinferError) return e;
    throw e;
  }
  throw new Error("expected a SurvinferError");
}
