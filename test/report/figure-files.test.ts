/**
 * Figure files for journals (issue 19): `figures.format` (svg, png, tiff) and `figures.dpi` (300, 600).
 * The TIFF is checked byte by byte against the TIFF 6.0 baseline (header, IFD tags, resolution) and its
 * strips are decoded with an LZW decoder written here from TIFF 6.0 §13 as libtiff reads it (early change),
 * giving back exactly the pixels that resvg rendered.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Resvg } from "@resvg/resvg-js";
import { unzipSync } from "fflate";
import { parse, stringify } from "yaml";
import { afterAll, describe, expect, it } from "vitest";
import { decodePng, encodeTiff, lzwEncode, pngToTiff } from "../../src/report/plots/tiff.js";
import { svgToPng } from "../../src/report/plots/png.js";
import { renderReport } from "../../src/report/render.js";
import type { StudyResults } from "../../src/study/run.js";
import { runCli } from "../helpers/cli.js";
import { EXAMPLE_SPEC, ROOT, exampleResults } from "./render-study.js";

const SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="20mm" height="10mm" viewBox="0 0 75.6 37.8"><rect width="75.6" height="37.8" fill="#fff"/><rect x="5" y="5" width="30" height="20" fill="#0072b2"/><circle cx="55" cy="19" r="12" fill="#d55e00" fill-opacity="0.5"/><path d="M0,37 L75,0" stroke="#000" stroke-width="1.5"/></svg>';

/** TIFF LZW decoder (TIFF 6.0 §13, libtiff's early change: codes widen when the next free code passes 2^n − 2). */
function lzwDecode(data: Uint8Array): Uint8Array {
  const out: number[] = [];
  let pos = 0;
  let width = 9;
  const read = (): number => {
    let code = 0;
    for (let k = 0; k < width; k++) {
      const bit = (data[(pos + k) >> 3] >> (7 - ((pos + k) & 7))) & 1;
      code = (code << 1) | bit;
    }
    pos += width;
    return code;
  };
  let table: number[][] = [];
  let prev: number[] | null = null;
  for (;;) {
    if (pos + width > data.length * 8) throw new Error("LZW data ends without EOI");
    const code = read();
    if (code === 257) break;
    if (code === 256) {
      table = Array.from({ length: 258 }, (_, i) => [i]);
      width = 9;
      prev = null;
      continue;
    }
    let entry: number[];
    if (code < table.length) entry = table[code];
    else if (code === table.length && prev !== null) entry = [...prev, prev[0]];
    else throw new Error(`bad LZW code ${code}`);
    if (prev !== null) table.push([...prev, entry[0]]);
    out.push(...entry);
    prev = entry;
    if (table.length + 1 >= 1 << width && width < 12) width++;
  }
  return Uint8Array.from(out);
}

interface Tiff {
  readonly tags: Map<number, number[]>;
  readonly pixels: Uint8Array;
}

/** Reads a little-endian baseline TIFF: IFD tags (values resolved) and the concatenated decoded strips. */
function readTiff(bytes: Uint8Array): Tiff {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  expect([...bytes.subarray(0, 4)]).toEqual([0x49, 0x49, 42, 0]);
  const ifd = v.getUint32(4, true);
  const n = v.getUint16(ifd, true);
  const tags = new Map<number, number[]>();
  for (let k = 0; k < n; k++) {
    const at = ifd + 2 + 12 * k;
    const tag = v.getUint16(at, true);
    const type = v.getUint16(at + 2, true);
    const count = v.getUint32(at + 4, true);
    const size = type === 3 ? 2 : type === 4 ? 4 : 8;
    const base = size * count <= 4 ? at + 8 : v.getUint32(at + 8, true);
    const values: number[] = [];
    for (let i = 0; i < count; i++) {
      if (type === 3) values.push(v.getUint16(base + 2 * i, true));
      else if (type === 4) values.push(v.getUint32(base + 4 * i, true));
      else values.push(v.getUint32(base + 8 * i, true) / v.getUint32(base + 8 * i + 4, true));
    }
    tags.set(tag, values);
  }
  const offsets = tags.get(273) ?? [];
  const counts = tags.get(279) ?? [];
  const parts = offsets.map((o, i) => lzwDecode(bytes.subarray(o, o + counts[i])));
  const pixels = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) {
    pixels.set(p, o);
    o += p.length;
  }
  return { tags, pixels };
}

/** resvg's own RGBA pixels at `dpi`, composited on white (what the PNG holds). */
function resvgRgb(svg: string, dpi: number): { width: number; height: number; rgb: Uint8Array } {
  const img = new Resvg(svg, { fitTo: { mode: "zoom", value: dpi / 96 }, background: "#ffffff", font: { loadSystemFonts: false } }).render();
  const rgba = img.pixels;
  const rgb = new Uint8Array(img.width * img.height * 3);
  for (let p = 0; p < img.width * img.height; p++) for (let k = 0; k < 3; k++) rgb[3 * p + k] = Math.round(rgba[4 * p + k] * (rgba[4 * p + 3] / 255) + 255 * (1 - rgba[4 * p + 3] / 255));
  return { width: img.width, height: img.height, rgb };
}

describe("TIFF figures", () => {
  it("decodes the PNG that svgToPng writes to resvg's pixels, with its dpi", () => {
    const img = decodePng(svgToPng(SVG, { dpi: 600, loadSystemFonts: false }));
    const ref = resvgRgb(SVG, 600);
    expect([img.width, img.height, img.dpi]).toEqual([ref.width, ref.height, 600]);
    // 20 mm at 600 dpi = 472 pixels
    expect(img.width).toBe(Math.round((20 / 25.4) * 600));
    expect(Buffer.from(img.rgb).equals(Buffer.from(ref.rgb))).toBe(true);
  });

  it("writes a baseline RGB TIFF (LZW) with the PNG's size, resolution and exact pixels", () => {
    const png = svgToPng(SVG, { dpi: 300, loadSystemFonts: false });
    const { tags, pixels } = readTiff(pngToTiff(png));
    const ref = resvgRgb(SVG, 300);
    expect(tags.get(256)).toEqual([ref.width]);
    expect(tags.get(257)).toEqual([ref.height]);
    expect(tags.get(258)).toEqual([8, 8, 8]);
    expect(tags.get(259)).toEqual([5]); // LZW
    expect(tags.get(262)).toEqual([2]); // RGB
    expect(tags.get(277)).toEqual([3]);
    expect(tags.get(282)).toEqual([300]);
    expect(tags.get(283)).toEqual([300]);
    expect(tags.get(296)).toEqual([2]); // inch
    expect(Buffer.from(pixels).equals(Buffer.from(ref.rgb))).toBe(true);
  });

  it("LZW round-trips data that fills the code table several times (Clear codes, 9–12-bit codes)", () => {
    // pseudo-random bytes (xorshift) do not repeat: the table fills fast
    let s = 19;
    const data = Uint8Array.from({ length: 50_000 }, () => {
      s ^= s << 13;
      s ^= s >>> 17;
      s ^= s << 5;
      return (s >>> 0) & 0x3f;
    });
    for (const d of [data, new Uint8Array(0), Uint8Array.of(7), new Uint8Array(10_000).fill(200)]) expect([...lzwDecode(lzwEncode(d))]).toEqual([...d]);
    // a run of one value compresses well
    expect(lzwEncode(new Uint8Array(10_000).fill(200)).length).toBeLessThan(400);
    // several strips: rows split as RowsPerStrip says, the pixels whole
    const big = { width: 300, height: 200, rgb: Uint8Array.from({ length: 300 * 200 * 3 }, (_, i) => (i * 7) & 0xff), dpi: 600 };
    const t = readTiff(encodeTiff(big));
    expect((t.tags.get(273) ?? []).length).toBe(Math.ceil(200 / (t.tags.get(278)?.[0] ?? 1)));
    expect(Buffer.from(t.pixels).equals(Buffer.from(big.rgb))).toBe(true);
  });
});

describe("figures.format and figures.dpi", () => {
  const dir = mkdtempSync(join(tmpdir(), "survinfer-figfiles-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("writes the formats asked for (SVG and TIFF, no PNG) and keeps the PNGs in report.docx", async () => {
    const r = exampleResults();
    const spec = { ...r.spec, figures: { ...r.spec.figures, ciBands: false, minAtRisk: 5, cumulativeEvents: false, format: ["svg", "tiff"] as ("svg" | "png" | "tiff")[] } };
    const files = await renderReport({ ...r, spec } as StudyResults, { rasterize: (svg) => svgToPng(svg, { dpi: 72 }) });
    expect(files["figures/km.svg"]).toBeDefined();
    expect(files["figures/km.tiff"]).toBeDefined();
    expect(files["figures/km.png"]).toBeUndefined();
    const tiff = readTiff(files["figures/km.tiff"] as Uint8Array);
    expect(tiff.tags.get(282)).toEqual([72]);
    // the default: SVG and PNG, no TIFF
    const plain = await renderReport(r, { rasterize: (svg) => svgToPng(svg, { dpi: 72 }) });
    expect(Object.keys(plain).filter((f) => f.endsWith(".tiff"))).toEqual([]);
    expect(plain["figures/km.png"]).toBeDefined();
    // report.docx embeds every figure's PNG whatever the formats
    const media = (docx: unknown): number => Object.keys(unzipSync(docx as Uint8Array)).filter((f) => f.startsWith("word/media/")).length;
    const nFigures = Object.keys(plain).filter((f) => f.endsWith(".png")).length;
    expect(media(files["report.docx"])).toBe(nFigures);
    expect(media(plain["report.docx"])).toBe(nFigures);
  }, 120_000);

  it("survinfer run rasterizes at the spec's figures.dpi unless --dpi is given", async () => {
    const spec = parse(readFileSync(EXAMPLE_SPEC, "utf8")) as Record<string, Record<string, unknown>>;
    spec.data.file = join(ROOT, "examples", "lms-metastasectomy", String(spec.data.file));
    spec.analyses = { km: spec.analyses.km };
    spec.figures = { dpi: 600, format: ["png", "tiff"] };
    const path = join(dir, "study.yaml");
    writeFileSync(path, stringify(spec));
    const dpiOf = (file: string): number | null => decodePng(new Uint8Array(readFileSync(file))).dpi;
    const out = join(dir, "out600");
    const r = await runCli(["run", path, "--out", out]);
    expect(r.code, r.stderr).toBe(0);
    expect(dpiOf(join(out, "figures", "km.png"))).toBe(600);
    expect(readTiff(new Uint8Array(readFileSync(join(out, "figures", "km.tiff")))).tags.get(282)).toEqual([600]);
    expect(existsSync(join(out, "figures", "km.svg"))).toBe(false);
    const out2 = join(dir, "out150");
    const r2 = await runCli(["run", path, "--out", out2, "--dpi", "150"]);
    expect(r2.code, r2.stderr).toBe(0);
    expect(dpiOf(join(out2, "figures", "km.png"))).toBe(150);
  }, 240_000);
});
