/** The SVG builder: escaping, number formatting, well-formed output. */
import { describe, expect, it } from "vitest";
import { el, escapeAttr, escapeText, num, richText, svgRoot, text, textWidth, fitText } from "../../../src/report/plots/svg.js";
import { formatP, formatRatio, tickFormatter } from "../../../src/report/plots/format.js";
import { parseXml } from "./xml.js";
import { escapeHtml } from "../../../src/report/escape.js";

describe("svg builder", () => {
  it("escapes &, <, >, quotes in text and attributes, so markup from data is inert", () => {
    expect(escapeText(`<script>alert("x") & 'y'</script>`)).toBe("&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt;");
    expect(escapeAttr(`" onload="alert(1)`)).toBe("&quot; onload=&quot;alert(1)");
    const root = parseXml(el("g", { "data-name": `a"b<c>&` }, text(1, 2, "<b>bold</b>")));
    expect(root.attrs["data-name"]).toBe(`a"b<c>&`);
    expect(root.children[0].text).toBe("<b>bold</b>");
    expect(root.children[0].children).toHaveLength(0);
  });

  it("drops control characters that XML 1.0 forbids and turns tabs/newlines into spaces", () => {
    expect(escapeText("a\u0000b\u0007c\td\ne")).toBe("abc d e");
    expect(() => parseXml(text(0, 0, "x\u0001y"))).not.toThrow();
  });

  it("escapes every span of rich text", () => {
    const root = parseXml(richText(0, 0, [{ text: "<i>" }, { text: "&", attrs: { "font-weight": "bold" } }]));
    expect(root.text).toBe("<i>&");
  });

  it("rejects tag and attribute names that are not plain XML names", () => {
    expect(() => el("g onload", {})).toThrow();
    expect(() => el("g", { "x onload": "1" })).toThrow();
  });

  it("writes numbers rounded to 2 decimals without exponent, trailing zeros or negative zero", () => {
    expect(num(1.005)).toBe("1");
    expect(num(3.14159)).toBe("3.14");
    expect(num(-0.0001)).toBe("0");
    expect(num(2.5)).toBe("2.5");
    expect(num(1e-7)).toBe("0");
    expect(num(123456789.123)).toBe("123456789.12");
    expect(num(NaN)).toBe("0");
    expect(num(1.23456, 3)).toBe("1.235");
  });

  it("builds a root with the printed width in mm and a 96-dpi viewBox", () => {
    const root = parseXml(svgRoot(321.26, 100, { title: "<t>", fontFamily: "Arial", fontSize: 10.67, className: "c" }));
    expect(root.attrs.width).toBe("85mm");
    expect(root.attrs.viewBox).toBe("0 0 321.26 100");
    expect(root.children[0].name).toBe("title");
    expect(root.children[0].text).toBe("<t>");
  });

  it("estimates text widths from Helvetica metrics and shortens long labels with an ellipsis", () => {
    expect(textWidth("0000", 10)).toBeCloseTo(4 * 5.56 * 1.08, 10);
    const s = fitText("a very long covariate name indeed", 10, 60);
    expect(s.endsWith("…")).toBe(true);
    expect(textWidth(s, 10)).toBeLessThanOrEqual(60);
    expect(fitText("short", 10, 60)).toBe("short");
  });
});

describe("one escaping rule for HTML and SVG", () => {
  it("drops the characters neither XML nor HTML allows (controls, DEL, lone surrogates, U+FFFE/FFFF) in both", () => {
    const hostile = `a\u0000b\u0007c\u007fd\ufffee\uffff<f>&"'\ud800g`;
    expect(escapeHtml(hostile)).toBe("abcde&lt;f&gt;&amp;&quot;&#39;g");
    // SVG text and attributes: the same, with tab/newline/CR as spaces
    expect(escapeText(hostile)).toBe(escapeHtml(hostile));
    expect(escapeAttr("x\ty\nz\u007f")).toBe("x y z");
    expect(escapeHtml("x\ty\nz")).toBe("x\ty\nz");
  });
});

describe("number formats (fixed locale)", () => {
  it("formats ticks with as many decimals as the step needs and a typographic minus", () => {
    expect([0, 0.2, 0.4].map(tickFormatter([0, 0.2, 0.4]))).toEqual(["0.0", "0.2", "0.4"]);
    expect([0, 12, 1200].map(tickFormatter([0, 12, 1200]))).toEqual(["0", "12", "1,200"]);
    expect(tickFormatter([-0.5, 0, 0.5])(-0.5)).toBe("\u22120.5");
  });
  it("formats p-values by the report's rule: two significant digits, \"< 0.001\", \"> 0.99\"", () => {
    expect(formatP(0.0443)).toBe("0.044");
    expect(formatP(0.16)).toBe("0.16");
    expect(formatP(0.0004)).toBe("< 0.001");
    expect(formatP(null)).toBe("");
    expect(formatP(1)).toBe("> 0.99");
  });
  it("formats ratios with 2 decimals (2 significant digits below 0.1)", () => {
    expect(formatRatio(0.6234)).toBe("0.62");
    expect(formatRatio(0.05)).toBe("0.05");
    expect(formatRatio(0.0123)).toBe("0.012");
    expect(formatRatio(12.345)).toBe("12.35");
  });
});
