import { describe, expect, it } from "vitest";
import { renderReport } from "../../src/report/render.js";
import { parseXml } from "./plots/xml.js";
import { exampleResults, hostileResults } from "./render-study.js";

describe("renderReport", () => {
  it("returns report.html, figures, CSV tables and tables.docx", async () => {
    const files = await renderReport(exampleResults());
    const names = Object.keys(files);
    expect(names[0]).toBe("report.html");
    expect(names).toEqual(expect.arrayContaining(["figures/km.svg", "figures/forest-cox.svg", "figures/ps-overlap.svg", "figures/love.svg", "figures/km-matched.svg", "figures/km-weighted.svg"]));
    expect(names).toEqual(expect.arrayContaining(["tables/flow.csv", "tables/table1.csv", "tables/survival.csv", "tables/rmst.csv", "tables/cox.csv", "tables/ps-model.csv", "tables/matching.csv", "tables/weighting.csv", "tables.docx"]));
    expect(names.some((n) => n.endsWith(".png"))).toBe(false);
    for (const n of names.filter((x) => x.endsWith(".svg"))) {
      const svg = files[n] as string;
      expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
      expect(() => parseXml(svg)).not.toThrow();
    }
    const docx = files["tables.docx"] as Uint8Array;
    expect([docx[0], docx[1]]).toEqual([0x50, 0x4b]); // a zip (OOXML)
  });

  it("is deterministic", async () => {
    const a = await renderReport(exampleResults());
    const b = await renderReport(exampleResults());
    expect(a["report.html"]).toBe(b["report.html"]);
    expect(a["tables/table1.csv"]).toBe(b["tables/table1.csv"]);
  });

  it("writes a PNG per figure only through the injected rasterizer", async () => {
    const seen: string[] = [];
    const files = await renderReport(exampleResults(), { rasterize: (svg) => (seen.push(svg), Uint8Array.of(1, 2, 3)) });
    const svgs = Object.keys(files).filter((n) => n.endsWith(".svg"));
    expect(seen.length).toBe(svgs.length);
    for (const n of svgs) expect(files[n.replace(/\.svg$/, ".png")]).toEqual(Uint8Array.of(1, 2, 3));
  });

  it("guards CSV tables against formula injection", async () => {
    const files = await renderReport(hostileResults());
    const cox = files["tables/cox.csv"] as string;
    expect(cox).toContain("<script>alert(1)</script>"); // CSV is data, not markup: kept as text
    for (const [name, v] of Object.entries(files)) {
      if (!name.endsWith(".csv")) continue;
      for (const line of (v as string).split("\r\n")) for (const cell of line.split(",")) expect(/^[=+@\t\r]/.test(cell), `${name}: ${cell}`).toBe(false);
    }
  });
});
