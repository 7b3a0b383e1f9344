/**
 * SVG → PNG for manuscripts (e.g. 300 dpi), via @resvg/resvg-js (a Rust SVG renderer; no browser needed).
 *
 * Fonts: resvg has no built-in font; it uses the machine's fonts (`loadSystemFonts`, default true) and/or the
 * given font files. The figures' font stack is Helvetica, Arial, Liberation Sans, DejaVu Sans, sans-serif; on
 * Debian install `fonts-liberation2` or `fonts-dejavu-core`, or pass `fontFiles`. Without any font, text is
 * not drawn (resvg renders shapes only).
 *
 * Node only (native addon): the report and the CLI import this module; the browser app does not.
 */
import { Resvg } from "@resvg/resvg-js";
import { optionError } from "../../errors.js";

export interface SvgToPngOptions {
  /** Output resolution in dots per inch; default 300. The figure keeps its printed size (mm). */
  readonly dpi?: number;
  /** Use fonts installed on the machine; default true. */
  readonly loadSystemFonts?: boolean;
  /** Extra font files (.ttf/.otf) to load. */
  readonly fontFiles?: readonly string[];
  /** Family used when none of the SVG's families is available; default "DejaVu Sans". */
  readonly defaultFontFamily?: string;
}

/**
 * Renders an SVG string (as produced by kmPlot, lovePlot, ...) to PNG bytes at `dpi`, with a pHYs chunk so
 * Word and LaTeX place it at its printed size.
 *
 * @example
 * ```ts
 * const png = svgToPng('<svg xmlns="http://www.w3.org/2000/svg" width="10mm" height="10mm" viewBox="0 0 37.8 37.8"/>', { dpi: 300 });
 * png.length > 0; // true (118 × 118 pixels)
 * ```
 */
export function svgToPng(svg: string, options: SvgToPngOptions = {}): Uint8Array {
  const dpi = options.dpi ?? 300;
  if (typeof dpi !== "number" || !(dpi >= 36 && dpi <= 2400)) throw optionError("dpi", "a number between 36 and 2400", options.dpi);
  const resvg = new Resvg(svg, {
    fitTo: { mode: "zoom", value: dpi / 96 },
    font: {
      loadSystemFonts: options.loadSystemFonts ?? true,
      fontFiles: options.fontFiles ? [...options.fontFiles] : [],
      defaultFontFamily: options.defaultFontFamily ?? "DejaVu Sans",
      sansSerifFamily: "DejaVu Sans",
    },
    background: "#ffffff",
    logLevel: "off",
  });
  const png = new Uint8Array(resvg.render().asPng());
  return withPhys(png, dpi);
}

// ---- PNG pHYs chunk (PNG spec §11.3.5.3): pixels per metre, unit 1 = metre

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Inserts (or replaces) the pHYs chunk after IHDR. */
export function withPhys(png: Uint8Array, dpi: number): Uint8Array {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  if (png.length < 33 || view.getUint32(12) !== 0x49484452) return png; // not a PNG with IHDR first
  const ppm = Math.round(dpi / 0.0254);
  const chunk = new Uint8Array(21);
  const cv = new DataView(chunk.buffer);
  cv.setUint32(0, 9);
  chunk.set([0x70, 0x48, 0x59, 0x73], 4); // "pHYs"
  cv.setUint32(8, ppm);
  cv.setUint32(12, ppm);
  chunk[16] = 1;
  cv.setUint32(17, crc32(chunk.subarray(4, 17)));
  // drop an existing pHYs, keep everything else
  const parts: Uint8Array[] = [png.subarray(0, 33), chunk];
  let off = 33;
  while (off + 12 <= png.length) {
    const len = view.getUint32(off);
    const type = view.getUint32(off + 4);
    const end = off + 12 + len;
    if (type !== 0x70485973) parts.push(png.subarray(off, end));
    off = end;
  }
  const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
