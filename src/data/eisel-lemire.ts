/**
 * Eisel–Lemire: the double nearest to w × 10^q (ties to even) for a decimal significand 0 < w < 2^64,
 * without BigInt per number (D. Lemire, "Number parsing at a gigabyte per second", Software: Practice
 * and Experience 51(8), 2021, doi:10.1002/spe.2984, sections 5–6 and Algorithm 1, as in fast_float's
 * `compute_float`). w × 5^q is approximated by w × T_q, T_q the 128-bit truncation of 5^q scaled to
 * [2^127, 2^128); the top 54 bits of the product give the 53-bit significand and its rounding bit.
 * The 64 × 64-bit products are formed exactly from 16-bit limbs in double arithmetic (each limb
 * product < 2^32, each column sum < 2^35).
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

/** The 128-bit product of the last `mul64`, eight 16-bit limbs, least significant first. */
const P = new Float64Array(8);

/** P = (w3 w2 w1 w0) × (T[o+3] … T[o]), all 16-bit limbs: the exact 128-bit product. */
function mul64(w0: number, w1: number, w2: number, w3: number, o: number, out: Float64Array): void {
  const t0 = T[o];
  const t1 = T[o + 1];
  const t2 = T[o + 2];
  const t3 = T[o + 3];
  let s = w0 * t0;
  let lo = s & 0xffff; // ToInt32 is exact modulo 2^32 for integers below 2^53
  out[0] = lo;
  s = (s - lo) / 65536 + w0 * t1 + w1 * t0;
  lo = s & 0xffff;
  out[1] = lo;
  s = (s - lo) / 65536 + w0 * t2 + w1 * t1 + w2 * t0;
  lo = s & 0xffff;
  out[2] = lo;
  s = (s - lo) / 65536 + w0 * t3 + w1 * t2 + w2 * t1 + w3 * t0;
  lo = s & 0xffff;
  out[3] = lo;
  s = (s - lo) / 65536 + w1 * t3 + w2 * t2 + w3 * t1;
  lo = s & 0xffff;
  out[4] = lo;
  s = (s - lo) / 65536 + w2 * t3 + w3 * t2;
  lo = s & 0xffff;
  out[5] = lo;
  s = (s - lo) / 65536 + w3 * t3;
  lo = s & 0xffff;
  out[6] = lo;
  out[7] = (s - lo) / 65536;
}

const S = new Float64Array(8);

/**
 * The double nearest to w × 10^q, w = wHi × 2^32 + wLo (unsigned 32-bit halves, w > 0), or NaN when
 * Eisel–Lemire does not decide it (see the module comment; the caller then uses `Number()`).
 */
export function eiselLemire(wHi: number, wLo: number, q: number): number {
  if (q < SMALLEST_Q || q > LARGEST_Q) return Number.NaN;
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
  // first product: w × (high 64 bits of T_q)
  mul64(w0, w1, w2, w3, o + 4, P);
  let p0 = P[0];
  let p1 = P[1];
  let p2 = P[2];
  let p3 = P[3];
  let p4 = P[4];
  let p5 = P[5];
  let p6 = P[6];
  let p7 = P[7];
  if ((p4 & 0x1ff) === 0x1ff) {
    // the 9 bits below the 55 kept are all ones: add the high half of w × (low 64 bits of T_q)
    mul64(w0, w1, w2, w3, o, S);
    let c = p0 + S[4];
    p0 = c & 0xffff;
    c = (c - p0) / 65536 + p1 + S[5];
    p1 = c & 0xffff;
    c = (c - p1) / 65536 + p2 + S[6];
    p2 = c & 0xffff;
    c = (c - p2) / 65536 + p3 + S[7];
    p3 = c & 0xffff;
    c = (c - p3) / 65536 + p4;
    p4 = c & 0xffff;
    c = (c - p4) / 65536 + p5;
    p5 = c & 0xffff;
    c = (c - p5) / 65536 + p6;
    p6 = c & 0xffff;
    p7 += (c - p6) / 65536;
    // the paper's fallback: still ambiguous outside the exponents where the product is exact enough
    if (p0 === 0xffff && p1 === 0xffff && p2 === 0xffff && p3 === 0xffff && (q < -27 || q > 55)) return Number.NaN;
  }
  const upperbit = p7 >>> 15;
  const shift = upperbit + 9; // the 54 bits hi64 >> shift: significand and rounding bit
  const s1 = shift + 1;
  // hi64 >> (shift + 1): the 53-bit significand (exact in a double)
  let m = p7 * 2 ** (48 - s1) + p6 * 2 ** (32 - s1) + p5 * 2 ** (16 - s1) + (p4 >>> s1);
  let roundBit = (p4 >>> shift) & 1;
  // binary exponent: ⌊q log2 10⌋ via 217706 / 2^16 (fast_float's `power`), biased by 1023
  let power2 = ((q * 217706) >> 16) + 63 + upperbit - lz + 1023;
  if (power2 <= 0) return Number.NaN; // subnormal: left to Number()
  // exactly halfway (the product is exact: low half ≤ 1, q in [−4, 23]) with an even significand: round down
  if (roundBit === 1 && p3 === 0 && p2 === 0 && p1 === 0 && p0 <= 1 && q >= -4 && q <= 23 && m % 2 === 0 && (p4 & ((1 << shift) - 1)) === 0) {
    roundBit = 0;
  }
  m += roundBit;
  if (m === 9007199254740992) {
    m = 4503599627370496;
    power2++;
  }
  if (power2 >= 0x7ff) return Number.NaN; // infinity: left to Number()
  return m * POW2[power2 - 1075 + 1074];
}
