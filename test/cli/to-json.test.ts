/**
 * `toJson` (src/cli/format.ts) writes exactly what JSON.stringify with the former replacer wrote
 * (typed arrays as arrays, non-finite numbers as null), now without a replacer: on values with typed
 * arrays, NaN, ±Infinity, −0, nested objects and arrays, holes, undefined, functions, Dates, toJSON,
 * class instances, getters, DataView, boxed primitives and a "__proto__" key.
 */
import { describe, expect, it } from "vitest";
import { toJson } from "../../src/cli/format.js";

function former(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return Array.from(v as unknown as ArrayLike<number>);
    if (typeof v === "number" && !Number.isFinite(v)) return null;
    return v;
  });
}

class Fit {
  readonly coef = new Float64Array([0.5, Number.NaN, -0]);
  private readonly hidden = 1;
  get shown(): number {
    return this.hidden + 1;
  }
  method(): number {
    return 2;
  }
}

describe("toJson", () => {
  it("equals JSON.stringify with the former replacer", () => {
    // eslint-disable-next-line no-sparse-arrays
    const holes = [1, , 3];
    const values: unknown[] = [
      1,
      Number.NaN,
      -0,
      "text",
      null,
      undefined,
      [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NaN, -0, 1e-320],
      { a: new Float64Array([1, Number.NaN, Number.POSITIVE_INFINITY, -0, 1.5e300]), b: new Int32Array([1, -2]), c: new Uint8Array([255]) },
      { nested: { deeper: [{ x: new Float32Array([0.1]) }], u: undefined, f: () => 1 }, holes },
      { when: new Date(Date.UTC(2020, 0, 2)), custom: { toJSON: (key: string) => ({ key, arr: new Float64Array([Number.NaN, 2]) }) } },
      new Fit(),
      { view: new DataView(new ArrayBuffer(4)), boxed: [Object(5) as unknown, Object("s") as unknown, Object(false) as unknown] },
      JSON.parse('{"__proto__": {"x": 1}, "y": [1, 2]}') as unknown,
      { map: new Map([[1, 2]]), set: new Set([1]) },
      { linearPredictors: Float64Array.from({ length: 10_000 }, (_, i) => Math.sin(i) * 1e3) },
    ];
    for (const v of values) expect(toJson(v)).toBe(former(v));
  });

  it("refuses a circular value, as JSON.stringify does", () => {
    const a: { self?: unknown } = {};
    a.self = a;
    expect(() => toJson(a)).toThrow(TypeError);
    const shared = { x: new Float64Array([1]) };
    expect(toJson({ p: shared, q: [shared, shared] })).toBe(former({ p: shared, q: [shared, shared] }));
  });
});
