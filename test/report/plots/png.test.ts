/** PNG export via resvg: signature, pixel size from dpi and printed size, pHYs chunk. */
import { describe, expect, it } from "vitest";
import { svgToPng, withPhys } from "../../../src/report/plots/png.js";
import { lovePlot } from "../../../src/report/plots/love.js";

const u32 = (b: Uint8Array, o: number): number => new DataView(b.buffer, b.byteOffset).getUint32(o);
const chunks = (png: Uint8Array): string[] => {
  const out: string[] = [];
  for (let o = 8; o + 12 <= png.length; o += 12 + u32(png, o)) out.push(String.fromCharCode(...png.subarray(o + 4, o + 8)));
  return out;
};

describe("svgToPng", () => {
  it("renders at the requested dpi for the printed size (85 mm at 300 dpi ≈ 1004 px wide)", () => {
    const png = svgToPng(lovePlot({ before: [{ variable: "age", smd: 0.3 }] }), { dpi: 300 });
    expect([...png.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
    expect(Math.abs(u32(png, 16) - Math.round((85 / 25.4) * 300))).toBeLessThanOrEqual(1);
  });

  it("writes one pHYs chunk after IHDR with the dpi in pixels per metre", () => {
    const png = svgToPng('<svg xmlns="http://www.w3.org/2000/svg" width="10mm" height="10mm" viewBox="0 0 37.8 37.8"/>', { dpi: 150 });
    const names = chunks(png);
    expect(names[0]).toBe("IHDR");
    expect(names[1]).toBe("pHYs");
    expect(names.filter((c) => c === "pHYs")).toHaveLength(1);
    expect(u32(png, 33 + 8)).toBe(Math.round(150 / 0.0254));
    expect(chunks(withPhys(png, 300)).filter((c) => c === "pHYs")).toHaveLength(1);
  });

  it("rejects an unreasonable dpi", () => {
    expect(() => svgToPng("<svg/>", { dpi: 0 })).toThrow(/dpi/);
  });
});
