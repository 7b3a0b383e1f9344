/**
 * TIFF for journals that ask for it (issue 19): the figure's PNG (from svgToPng, src/report/plots/png.ts)
 * re-encoded as a baseline RGB TIFF with LZW compression and the PNG's resolution (dpi). Written by hand:
 * both formats are simple and no TIFF writer is among the project's dependencies; inflating the PNG uses
 * fflate, which the project already has. Pure (bytes in, bytes out), so the browser could use it too.
 *
 * References: TIFF 6.0 (Adobe, 1992), sections 2 (baseline), 8 (baseline fields) and 13 (LZW, with the
 * "early change" of the code width that libtiff's decoder expects); PNG (ISO/IEC 15948), sections 9
 * (filters) and 11.3.5.3 (pHYs). Only what svgToPng writes is read: 8-bit RGB or RGBA, not interlaced;
 * transparency is flattened onto white.
 */
import { unzlibSync } from "fflate";
import { SurvinferError } from "../../errors.js";

/** Pixels of a decoded PNG: RGB, 8 bits per sample, row-major. */
export interface RgbImage {
  readonly width: number;
  readonly height: number;
  readonly rgb: Uint8Array;
  /** Resolution from the pHYs chunk, dots per inch; null when absent or not in metres. */
  readonly dpi: number | null;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function pngError(message: string): SurvinferError {
  return new SurvinferError({ code: "INPUT_INVALID", message: `PNG to TIFF: ${message}`, hint: "pass the PNG bytes that svgToPng returns" });
}

/** Paeth predictor (PNG §9.4). */
function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/**
 * Decodes an 8-bit RGB/RGBA, non-interlaced PNG to RGB (alpha composited on white).
 *
 * @example
 * ```ts
 * const img = decodePng(svgToPng(svg, { dpi: 300 })); // { width, height, rgb, dpi: 300 }
 * ```
 */
export function decodePng(png: Uint8Array): RgbImage {
  if (png.length < 33 || PNG_SIGNATURE.some((b, i) => png[i] !== b)) throw pngError("not a PNG file");
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  let width = 0;
  let height = 0;
  let channels = 0;
  let dpi: number | null = null;
  const idat: Uint8Array[] = [];
  for (let off = 8; off + 12 <= png.length; ) {
    const len = view.getUint32(off);
    const type = String.fromCharCode(png[off + 4], png[off + 5], png[off + 6], png[off + 7]);
    const data = png.subarray(off + 8, off + 8 + len);
    if (type === "IHDR") {
      width = view.getUint32(off + 8);
      height = view.getUint32(off + 12);
      const depth = data[8];
      const colour = data[9];
      if (depth !== 8 || (colour !== 2 && colour !== 6) || data[12] !== 0) throw pngError(`only 8-bit RGB/RGBA non-interlaced PNGs are read (bit depth ${depth}, colour type ${colour}, interlace ${data[12]})`);
      channels = colour === 6 ? 4 : 3;
    } else if (type === "pHYs" && data[8] === 1) {
      dpi = Math.round(view.getUint32(off + 8) * 0.0254);
    } else if (type === "IDAT") idat.push(data);
    else if (type === "IEND") break;
    off += 12 + len;
  }
  if (width === 0 || height === 0) throw pngError("no IHDR chunk");
  const joined = new Uint8Array(idat.reduce((n, d) => n + d.length, 0));
  let o = 0;
  for (const d of idat) {
    joined.set(d, o);
    o += d.length;
  }
  const raw = unzlibSync(joined);
  const stride = width * channels;
  if (raw.length < height * (stride + 1)) throw pngError("image data shorter than its size");
  // undo the per-row filters (PNG §9.2), bytes per pixel = channels
  const px = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const src = y * (stride + 1) + 1;
    const row = y * stride;
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? px[row + i - channels] : 0;
      const b = y > 0 ? px[row - stride + i] : 0;
      const c = i >= channels && y > 0 ? px[row - stride + i - channels] : 0;
      const v = raw[src + i];
      px[row + i] = (filter === 0 ? v : filter === 1 ? v + a : filter === 2 ? v + b : filter === 3 ? v + ((a + b) >> 1) : filter === 4 ? v + paeth(a, b, c) : NaN) & 0xff;
      if (filter > 4) throw pngError(`unknown row filter ${filter}`);
    }
  }
  const rgb = new Uint8Array(width * height * 3);
  for (let p = 0; p < width * height; p++) {
    const alpha = channels === 4 ? px[p * 4 + 3] / 255 : 1;
    for (let k = 0; k < 3; k++) rgb[p * 3 + k] = Math.round(px[p * channels + k] * alpha + 255 * (1 - alpha));
  }
  return { width, height, rgb, dpi };
}

/**
 * TIFF LZW (TIFF 6.0 §13): codes of 9–12 bits, most significant bit first, Clear (256) first, EOI (257)
 * last, a Clear when the table fills. The encoder widens its codes when its next free code reaches 512, 1024
 * and 2048: one code ahead of the decoder, which is libtiff's "early change".
 */
export function lzwEncode(data: Uint8Array): Uint8Array {
  const CLEAR = 256;
  const EOI = 257;
  const out: number[] = [];
  let acc = 0;
  let nAcc = 0;
  let width = 9;
  const emit = (code: number): void => {
    acc = (acc << width) | code;
    nAcc += width;
    while (nAcc >= 8) {
      out.push((acc >>> (nAcc - 8)) & 0xff);
      nAcc -= 8;
    }
    acc &= (1 << nAcc) - 1;
  };
  let dict = new Map<number, number>();
  let next = 258;
  const added = (): void => {
    next++;
    if (next === 512) width = 10;
    else if (next === 1024) width = 11;
    else if (next === 2048) width = 12;
  };
  emit(CLEAR);
  if (data.length === 0) {
    emit(EOI);
  } else {
    let w = data[0];
    for (let i = 1; i < data.length; i++) {
      const c = data[i];
      const key = (w << 8) | c;
      const hit = dict.get(key);
      if (hit !== undefined) {
        w = hit;
        continue;
      }
      emit(w);
      dict.set(key, next);
      added();
      if (next === 4094) {
        emit(CLEAR);
        dict = new Map();
        next = 258;
        width = 9;
      }
      w = c;
    }
    emit(w);
    // the decoder adds an entry on reading w: the EOI has the width that follows it
    added();
    emit(EOI);
  }
  if (nAcc > 0) out.push((acc << (8 - nAcc)) & 0xff);
  return Uint8Array.from(out);
}

/** Rows per strip: strips of about 64 KB before compression (TIFF 6.0 recommends about 8 KB or more). */
function rowsPerStrip(width: number, height: number): number {
  return Math.max(1, Math.min(height, Math.floor(65536 / (width * 3))));
}

/**
 * An RGB image as a little-endian baseline TIFF: LZW-compressed strips, 8 bits per sample, resolution in
 * dots per inch (default 300).
 *
 * @example
 * ```ts
 * const tiff = encodeTiff({ width: 1, height: 1, rgb: Uint8Array.of(255, 0, 0), dpi: 300 });
 * // tiff begins with "II*\0"
 * ```
 */
export function encodeTiff(img: RgbImage): Uint8Array {
  const { width, height, rgb } = img;
  const dpi = img.dpi ?? 300;
  const rps = rowsPerStrip(width, height);
  const strips: Uint8Array[] = [];
  for (let y = 0; y < height; y += rps) strips.push(lzwEncode(rgb.subarray(y * width * 3, Math.min(height, y + rps) * width * 3)));
  // layout: header (8) | strips | BitsPerSample (6) | XResolution (8) | YResolution (8) | StripOffsets | StripByteCounts | IFD
  let pos = 8;
  const stripOffsets: number[] = [];
  for (const s of strips) {
    stripOffsets.push(pos);
    pos += s.length + (s.length % 2); // word-aligned
  }
  const bpsAt = pos;
  const xResAt = bpsAt + 6 + 2;
  const yResAt = xResAt + 8;
  const offsetsAt = yResAt + 8;
  const countsAt = offsetsAt + 4 * strips.length;
  const ifdAt = countsAt + 4 * strips.length;
  const entries: [tag: number, type: number, count: number, value: number][] = [
    [256, 4, 1, width], // ImageWidth (LONG)
    [257, 4, 1, height], // ImageLength
    [258, 3, 3, bpsAt], // BitsPerSample 8,8,8 (SHORT ×3, at an offset)
    [259, 3, 1, 5], // Compression: LZW
    [262, 3, 1, 2], // PhotometricInterpretation: RGB
    [273, 4, strips.length, strips.length === 1 ? stripOffsets[0] : offsetsAt], // StripOffsets
    [277, 3, 1, 3], // SamplesPerPixel
    [278, 4, 1, rps], // RowsPerStrip
    [279, 4, strips.length, strips.length === 1 ? strips[0].length : countsAt], // StripByteCounts
    [282, 5, 1, xResAt], // XResolution (RATIONAL)
    [283, 5, 1, yResAt], // YResolution
    [284, 3, 1, 1], // PlanarConfiguration: chunky
    [296, 3, 1, 2], // ResolutionUnit: inch
  ];
  const total = ifdAt + 2 + entries.length * 12 + 4;
  const out = new Uint8Array(total);
  const v = new DataView(out.buffer);
  out.set([0x49, 0x49, 0x2a, 0x00]); // "II", 42
  v.setUint32(4, ifdAt, true);
  strips.forEach((s, k) => out.set(s, stripOffsets[k]));
  for (let k = 0; k < 3; k++) v.setUint16(bpsAt + 2 * k, 8, true);
  v.setUint32(xResAt, dpi, true);
  v.setUint32(xResAt + 4, 1, true);
  v.setUint32(yResAt, dpi, true);
  v.setUint32(yResAt + 4, 1, true);
  strips.forEach((s, k) => {
    v.setUint32(offsetsAt + 4 * k, stripOffsets[k], true);
    v.setUint32(countsAt + 4 * k, s.length, true);
  });
  v.setUint16(ifdAt, entries.length, true);
  entries.forEach(([tag, type, count, value], k) => {
    const at = ifdAt + 2 + 12 * k;
    v.setUint16(at, tag, true);
    v.setUint16(at + 2, type, true);
    v.setUint32(at + 4, count, true);
    // a single SHORT sits in the first two bytes of the value field
    if (type === 3 && count === 1) v.setUint16(at + 8, value, true);
    else v.setUint32(at + 8, value, true);
  });
  v.setUint32(ifdAt + 2 + 12 * entries.length, 0, true); // no next IFD
  return out;
}

/**
 * A figure's PNG (svgToPng) as an LZW-compressed RGB TIFF with the same pixels and resolution.
 *
 * @example
 * ```ts
 * const tiff = pngToTiff(svgToPng(svg, { dpi: 600 }));
 * ```
 */
export function pngToTiff(png: Uint8Array): Uint8Array {
  return encodeTiff(decodePng(png));
}
