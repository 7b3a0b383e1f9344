/**
 * The byte number parser's exact path for up to 19 significant digits (Clinger's fast path and
 * Eisel–Lemire, src/data/bytes-number.ts and eisel-lemire.ts) against `Number()`: every value bit for
 * bit (`Object.is`, so −0 too), on 10⁶ random doubles printed as `String(x)`, `toPrecision(17)`,
 * `toPrecision(16)` and `toExponential(k)`, with signs, leading and trailing zeros and the German
 * "," point, and on the hard cases: subnormals, the neighbours of 2^53 and of the powers of ten,
 * halfway cases between two doubles, the largest and smallest normals, exponents up to ±308.
 */
import { describe, expect, it } from "vitest";
import { BYTES_NUMBER, lastBytesStatus, parseNumberBytes } from "../../src/data/bytes-number.js";
import { eiselLemire } from "../../src/data/eisel-lemire.js";

const enc = new TextEncoder();

/** xorshift32 in [0, 1): deterministic, seeded per block. */
function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };
}

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const HI = littleEndian ? 1 : 0;
const LO = littleEndian ? 0 : 1;

/** The double with these bit halves. */
function fromBits(hi: number, lo: number): number {
  u32[HI] = hi >>> 0;
  u32[LO] = lo >>> 0;
  return f64[0];
}

/** The next double towards +∞ (x finite, x ≥ 0) or towards 0 (`down`). */
function step(x: number, down: boolean): number {
  f64[0] = x;
  let lo = u32[LO];
  let hi = u32[HI];
  if (down) {
    if (lo === 0) hi--;
    lo = (lo - 1) >>> 0;
  } else {
    lo = (lo + 1) >>> 0;
    if (lo === 0) hi++;
  }
  return fromBits(hi, lo);
}

/** Mismatches of the byte parser against Number() on `texts` (German copies too), with the point "." read as `point`. */
function mismatches(texts: readonly string[]): string[] {
  const bad: string[] = [];
  for (const text of texts) {
    const want = Number(text);
    for (const point of [0x2e, 0x2c]) {
      const written = point === 0x2c ? text.replace(".", ",") : text;
      const b = enc.encode(written);
      const v = parseNumberBytes(b, 0, b.length, point);
      if (lastBytesStatus() !== BYTES_NUMBER || !Object.is(v, want)) bad.push(`${written}: ${v} (status ${lastBytesStatus()}) vs ${want}`);
    }
  }
  return bad;
}

/** Leading zeros before the first digit, trailing zeros after the last fraction digit, or a "+" sign. */
function decorate(text: string, r: number): string {
  const sign = text.startsWith("-") ? "-" : "";
  let body = sign === "" ? text : text.slice(1);
  if (r < 0.15) body = "00" + body;
  else if (r < 0.3 && body.includes(".")) {
    const e = body.search(/[eE]/);
    body = e < 0 ? body + "000" : body.slice(0, e) + "00" + body.slice(e);
  } else if (r < 0.35 && sign === "") return "+" + body;
  return sign + body;
}

/** A random double: random bits (every exponent, subnormals included) or a value of everyday size. */
function randomDouble(rnd: () => number): number {
  const kind = rnd();
  if (kind < 0.4) {
    for (;;) {
      const x = fromBits(rnd() * 4294967296, rnd() * 4294967296);
      if (Number.isFinite(x)) return x;
    }
  }
  if (kind < 0.5) return fromBits((rnd() * 2 ** 20) | (rnd() < 0.5 ? 0x80000000 : 0), rnd() * 4294967296); // subnormal
  const scale = 10 ** Math.floor(rnd() * 40 - 20);
  return (rnd() - 0.5) * scale;
}

/** How one double is printed (each as in R's or JavaScript's writers). */
function printings(x: number, rnd: () => number): string[] {
  const k = Math.floor(rnd() * 21); // toExponential(0 … 20): up to 21 significant digits (beyond 19: Number())
  return [String(x), x.toPrecision(17), x.toPrecision(16), x.toExponential(k)].map((t) => decorate(t, rnd()));
}

describe("parseNumberBytes: every plain number's value is Number()'s, bit for bit", () => {
  const BLOCKS = 8;
  const PER_BLOCK = 125_000; // 10^6 doubles in all, four printings each, "." and ","
  for (let block = 0; block < BLOCKS; block++) {
    it(`random doubles, block ${block + 1} of ${BLOCKS} (${PER_BLOCK} doubles)`, () => {
      const rnd = rng(0x5eed + block);
      const bad: string[] = [];
      for (let k = 0; k < PER_BLOCK && bad.length < 10; k++) {
        const x = randomDouble(rnd);
        bad.push(...mismatches(printings(x, rnd)));
      }
      expect(bad).toEqual([]);
    });
  }

  it("near 2^53, near the powers of ten, the largest and smallest normals, subnormals, exponents up to ±308", () => {
    const texts: string[] = [];
    const values: number[] = [];
    for (let d = -40; d <= 40; d++) values.push(2 ** 53 + d, 2 ** 53 + d / 8, 2 ** 52 + d / 2);
    for (let p = -323; p <= 308; p++) {
      const x = Number(`1e${p}`);
      let up = x;
      let down = x;
      values.push(x);
      for (let k = 0; k < 3; k++) {
        up = step(up, false);
        if (down > 0) down = step(down, true);
        values.push(up, down);
      }
    }
    const maxNormal = Number.MAX_VALUE;
    const minNormal = 2 ** -1022;
    values.push(maxNormal, step(maxNormal, true), minNormal, step(minNormal, false), step(minNormal, true), Number.MIN_VALUE, 2 * Number.MIN_VALUE);
    for (const x of values) {
      for (const y of [x, -x]) texts.push(String(y), y.toPrecision(17), y.toPrecision(16), y.toExponential(18), y.toExponential(15));
    }
    texts.push("1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308", "2.2250738585072014e-308", "2.2250738585072011e-308");
    texts.push("4.9406564584124654e-324", "2.4703282292062327e-324", "2.4703282292062328e-324", "1e-400", "1e309", "-0", "-0.000", "0e300", "-0.0e-999");
    for (let e = -308; e <= 308; e += 7) texts.push(`9.9999999999999999e${e}`, `1.0000000000000001e${e}`, `123456789012345678e${e}`, `0.000000000000000000001e${e}`);
    expect(mismatches(texts)).toEqual([]);
  });

  it("halfway cases between two doubles (ties to even) and their neighbours, as integers and decimals", () => {
    const rnd = rng(53);
    const texts = ["9007199254740993", "9007199254740995", "9007199254740993.0", "1.00000000000000011102230246251565e0", "1.00000000000000011102230246251565404236316680908203125"];
    for (let k = 0; k < 20_000; k++) {
      // an odd integer in [2^53, 2^64): halfway between two doubles when its bits below the last kept one are 100…0
      const bits = 54 + Math.floor(rnd() * 10);
      const top = BigInt(Math.floor(rnd() * 2 ** 52)) | (1n << 52n);
      const extra = BigInt(bits - 53);
      const half = (top << extra) + (1n << (extra - 1n));
      for (const d of [-1n, 0n, 1n]) {
        const n = (half + d).toString();
        texts.push(n, `${n.slice(0, -3)}.${n.slice(-3)}e3`, `0.${n}e${n.length}`, `${n}e-2`, `${n}e4`);
      }
      // x + 1/2 for x in [2^52, 2^53): a halfway decimal with one fraction digit
      const x = 2 ** 52 + Math.floor(rnd() * 2 ** 52);
      texts.push(`${x}.5`, `${x}.49999`, `${x}.50001`, `${x}5e-1`);
    }
    expect(mismatches(texts)).toEqual([]);
  });
});

describe("eiselLemire", () => {
  it("decides normal doubles and leaves subnormals, infinity and exponents outside its table to Number()", () => {
    expect(eiselLemire(0, 1, 0)).toBe(1);
    expect(eiselLemire(0x1f, 0xffffffff, -10)).toBe(Number("137438953471e-10"));
    expect(eiselLemire(0, 1, -320)).toBeNaN(); // 1e-320 is subnormal
    expect(eiselLemire(0, 2, 308)).toBeNaN(); // 2e308 overflows
    expect(eiselLemire(0, 1, -343)).toBeNaN();
    expect(eiselLemire(0, 1, 309)).toBeNaN();
    expect(eiselLemire(0xffffffff, 0xffffffff, 0)).toBe(2 ** 64); // 2^64 − 1 rounds up
  });
});
