/**
 * Eisel–Lemire: the double nearest to w × 10^q (ties to even) for a decimal significand 0 < w < 2^64,
 * without BigInt per number (D. Lemire, "Number parsing at a gigabyte per second", Software: Practice
 * and Experience 51(8), 2021, doi:10.1002/spe.2984, sections 5–6 and Algorithm 1, as in fast_float's
 * `compute_float`). w × 5^q is approximated by w × T_q, T_q the 128-bit truncation of 5^q scaled to
 * [2^127, 2^128); the top 54 bits of the product give the 53-bit significand and its rounding bit.
 * The 64 × 64-bit products are formed exactly in double arithmetic from 16-bit limbs (see `mul64`).
 *
 * Answers NaN where the algorithm does not decide, and the caller then asks `Number()`: the paper's
 * fallback (the 128-bit product's low half all ones after the second multiplication, q outside
 * [−27, 55]), subnormal results, overflow to infinity, and q outside [−342, 308].
 */

/** Decimal exponents of the table (fast_float's smallest_power_of_ten and largest_power_of_ten for binary64). */
const SMALLEST_Q = -342;
const LARGEST_Q = 308;

/**
 * T_q for q in [SMALLEST_Q, LARGEST_Q] as eight 16-bit limbs each, least significant first: the same
 * values as fast_float's `powers_of_five_128` (its generating script), computed once here from exact
 * integers. q ≥ 0: 5^q shifted to 128 bits (truncated); −27 ≤ q < 0: ⌊2^(z+127) / 5^−q⌋ + 1 with
 * 2^(z−1) < 5^−q < 2^z; q < −27: ⌊2^(2z+128) / 5^−q⌋ + 1 truncated to 128 bits.
 */
const T = buildTable();

function buildTable(): Int32Array {
  const out = new Int32Array(8 * (LARGEST_Q - SMALLEST_Q + 1));
  const two128 = 1n << 128n;
  for (let q = SMALLEST_Q; q <= LARGEST_Q; q++) {
    let c: bigint;
    if (q >= 0) {
      c = 5n ** BigInt(q);
      const bits = c.toString(2).length;
      c = bits <= 128 ? c << BigInt(128 - bits) : c >> BigInt(bits - 128);
    } else {
      const p5 = 5n ** BigInt(-q);
      const z = p5.toString(2).length;
      if (q >= -27) c = (1n << BigInt(z + 127)) / p5 + 1n;
      else {
        c = (1n << BigInt(2 * z + 128)) / p5 + 1n;
        while (c >= two128) c >>= 1n;
      }
    }
    const o = 8 * (q - SMALLEST_Q);
    for (let k = 0; k < 8; k++) out[o + k] = Number((c >> BigInt(16 * k)) & 0xffffn);
  }
  return out;
}

/** 2^e for e in [−1074, 971] at index e + 1074: every exponent of a normal double's integer significand. */
const POW2 = Float64Array.from({ length: 971 + 1074 + 1 }, (_, k) => 2 ** (k - 1074));

/** The first product (w × the high 64 bits of T_q) and the second (× the low 64 bits), four 32-bit words each, least significant first. */
const P = new Float64Array(4);
const S = new Float64Array(4);

/**
 * out = (w3 w2 w1 w0) × (T[o+3] … T[o]), 16-bit limbs in, 32-bit words out: the exact 128-bit product.
 * A column sum of limb products is below 2^34, two adjacent columns with the carry below 2^52: exact.
 */
function mul64(w0: number, w1: number, w2: number, w3: number, o: number, out: Float64Array): void {
  const t0 = T[o];
  const t1 = T[o + 1];
  const t2 = T[o + 2];
  const t3 = T[o + 3];
  let s = w0 * t0 + (w0 * t1 + w1 * t0) * 65536;
  let c = Math.floor(s * INV2_32);
  out[0] = s - c * 4294967296;
  s = c + w0 * t2 + w1 * t1 + w2 * t0 + (w0 * t3 + w1 * t2 + w2 * t1 + w3 * t0) * 65536;
  c = Math.floor(s * INV2_32);
  out[1] = s - c * 4294967296;
  s = c + w1 * t3 + w2 * t2 + w3 * t1 + (w2 * t3 + w3 * t2) * 65536;
  c = Math.floor(s * INV2_32);
  out[2] = s - c * 4294967296;
  out[3] = c + w3 * t3;
}

/** 2^−32, to shift a carry down exactly. */
const INV2_32 = 1 / 4294967296;

/**
 * The double nearest to w × 10^q, w = wHi × 2^32 + wLo (unsigned 32-bit halves, w > 0), or NaN when
 * Eisel–Lemire does not decide it (see the module comment; the caller then uses `Number()`).
 */
export function eiselLemire(wHi: number, wLo: number, q: number): number {
  return eiselLemireInto(wHi, wLo, q, RESULT) ? RESULT[0] : Number.NaN;
}

const RESULT = new Float64Array(1);

/** `eiselLemire` into out[0] (no boxed number per call): true when decided, false for "ask `Number()`". */
export function eiselLemireInto(wHi: number, wLo: number, q: number, out: Float64Array): boolean {
  if (q < SMALLEST_Q || q > LARGEST_Q) return false;
  // normalise: shift w left until its bit 63 is set
  let hi = wHi;
  let lo = wLo;
  const lz = hi !== 0 ? Math.clz32(hi) : 32 + Math.clz32(lo);
  if (lz >= 32) {
    hi = (lo << (lz - 32)) >>> 0;
    lo = 0;
  } else if (lz > 0) {
    hi = ((hi << lz) | (lo >>> (32 - lz))) >>> 0;
    lo = (lo << lz) >>> 0;
  }
  const w3 = hi >>> 16;
  const w2 = hi & 0xffff;
  const w1 = lo >>> 16;
  const w0 = lo & 0xffff;
  const o = 8 * (q - SMALLEST_Q);
  // first product: w × (high 64 bits of T_q), as 32-bit words r3 r2 | r1 r0
  mul64(w0, w1, w2, w3, o + 4, P);
  let r0 = P[0];
  let r1 = P[1];
  let r2 = P[2];
  let r3 = P[3];
  if ((r2 & 0x1ff) === 0x1ff) {
    // the 9 bits below the 55 kept are all ones: add the high half of w × (low 64 bits of T_q)
    mul64(w0, w1, w2, w3, o, S);
    let c = r0 + S[2];
    r0 = c >= 4294967296 ? c - 4294967296 : c;
    c = (c >= 4294967296 ? 1 : 0) + r1 + S[3];
    r1 = c >= 4294967296 ? c - 4294967296 : c;
    c = (c >= 4294967296 ? 1 : 0) + r2;
    r2 = c >= 4294967296 ? c - 4294967296 : c;
    r3 += c >= 4294967296 ? 1 : 0;
    // the paper's fallback: still ambiguous outside the exponents where the product is exact enough
    if (r0 === 4294967295 && r1 === 4294967295 && (q < -27 || q > 55)) return false;
  }
  const upperbit = r3 >= 2147483648 ? 1 : 0;
  const shift = upperbit + 9; // the 54 bits hi64 >> shift: significand and rounding bit
  const s1 = shift + 1;
  // hi64 >> (shift + 1): the 53-bit significand (exact in a double)
  let m = r3 * (upperbit === 1 ? 2097152 : 4194304) + (r2 >>> s1);
  let roundBit = (r2 >>> shift) & 1;
  // binary exponent: ⌊q log2 10⌋ via 217706 / 2^16 (fast_float's `power`), biased by 1023
  let power2 = ((q * 217706) >> 16) + 63 + upperbit - lz + 1023;
  if (power2 <= 0) return false; // subnormal: left to Number()
  // exactly halfway (the product is exact: low half ≤ 1, q in [−4, 23]) with an even significand: round down
  if (roundBit === 1 && r1 === 0 && r0 <= 1 && q >= -4 && q <= 23 && ((r2 >>> s1) & 1) === 0 && (r2 & ((1 << shift) - 1)) === 0) {
    roundBit = 0;
  }
  m += roundBit;
  if (m === 9007199254740992) {
    m = 4503599627370496;
    power2++;
  }
  if (power2 >= 0x7ff) return false; // infinity: left to Number()
  out[0] = m * POW2[power2 - 1075 + 1074];
  return true;
}
