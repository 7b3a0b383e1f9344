/**
 * A tiny, deterministic SVG builder for survinfer's figures.
 *
 * Safety by type: markup is a branded string (`Svg`). Only the functions here make one; every piece of text
 * that reaches a figure goes through `escapeText` (element content) or `escapeAttr` (attribute values), which
 * use the report's one escaping function `escapeHtml` (src/report/escape.ts), so a group called
 * `<script>alert(1)</script>` comes out as inert text. Tag and attribute names are code constants, checked
 * against a strict pattern.
 *
 * Determinism: numbers are written by `num()` (rounded to 2 decimals, no locale, no exponent, no "-0"); no
 * random or counter-based ids are generated; attribute order is the order given.
 */

import { escapeHtml } from "../escape.js";
import { currentLanguage } from "../../i18n/language.js";

/** A piece of SVG markup produced by this module (never raw data). */
export type Svg = string & { readonly __svgMarkup: true };

export type AttrValue = string | number | null | undefined | false;
export type Attrs = Readonly<Record<string, AttrValue>>;

const NAME = /^[A-Za-z_][A-Za-z0-9_.:-]*$/;

/** Escapes text for element content: & < > (and quotes, so the result is also safe in attributes). */
export function escapeText(s: string): string {
  return escapeAttr(s);
}

/** Escapes a string for a double-quoted attribute value: tab, LF and CR become spaces (figure text is one line), then `escapeHtml`. */
export function escapeAttr(s: string): string {
  return escapeHtml(String(s).replace(/[\t\n\r]/g, " "));
}

/**
 * A number for SVG output: rounded to `digits` decimals (default 2), trailing zeros dropped, never "-0",
 * never exponent notation; non-finite values become "0" (callers filter them before drawing).
 */
export function num(x: number, digits = 2): string {
  if (!Number.isFinite(x)) return "0";
  const f = 10 ** digits;
  const r = Math.round(x * f) / f;
  if (r === 0) return "0";
  let s = r.toFixed(digits);
  if (s.includes(".")) s = s.replace(/0+$/, "").replace(/\.$/, "");
  return s;
}

function attrString(attrs: Attrs): string {
  let out = "";
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (!NAME.test(k)) throw new Error(`invalid SVG attribute name ${JSON.stringify(k)}`);
    out += ` ${k}="${typeof v === "number" ? num(v) : escapeAttr(v)}"`;
  }
  return out;
}

/** An element with attributes and child markup (self-closing when there are no children). */
export function el(tag: string, attrs: Attrs = {}, ...children: readonly (Svg | null | undefined | false)[]): Svg {
  if (!NAME.test(tag)) throw new Error(`invalid SVG tag name ${JSON.stringify(tag)}`);
  const kids = children.filter((c): c is Svg => typeof c === "string" && c.length > 0);
  const open = `<${tag}${attrString(attrs)}`;
  return (kids.length === 0 ? `${open}/>` : `${open}>${kids.join("")}</${tag}>`) as Svg;
}

/** A group of elements. */
export function g(attrs: Attrs, ...children: readonly (Svg | null | undefined | false)[]): Svg {
  return el("g", attrs, ...children);
}

/** Concatenates markup. */
export function frag(...children: readonly (Svg | null | undefined | false)[]): Svg {
  return children.filter((c): c is Svg => typeof c === "string" && c.length > 0).join("") as Svg;
}

/** A text element; `content` is escaped. */
export function text(x: number, y: number, content: string, attrs: Attrs = {}): Svg {
  return `<text x="${num(x)}" y="${num(y)}"${attrString(attrs)}>${escapeText(content)}</text>` as Svg;
}

/** A text element made of spans (e.g. a bold part); each span's text is escaped. */
export function richText(x: number, y: number, spans: readonly { readonly text: string; readonly attrs?: Attrs }[], attrs: Attrs = {}): Svg {
  const inner = spans.map((s) => `<tspan${attrString(s.attrs ?? {})}>${escapeText(s.text)}</tspan>`).join("");
  return `<text x="${num(x)}" y="${num(y)}"${attrString(attrs)}>${inner}</text>` as Svg;
}

/** A straight line. */
export function line(x1: number, y1: number, x2: number, y2: number, attrs: Attrs = {}): Svg {
  return el("line", { x1, y1, x2, y2, ...attrs });
}

/** An escaped <title> (tooltip / accessible name). */
export function title(content: string): Svg {
  return `<title>${escapeText(content)}</title>` as Svg;
}

/**
 * The root element. `widthMm` sets the printed size; the viewBox is in CSS pixels at 96 dpi
 * (1 mm = 96/25.4 px), so font sizes in px map exactly to points (1 pt = 4/3 px).
 */
export function svgRoot(
  widthPx: number,
  heightPx: number,
  opts: { readonly title: string; readonly description?: string; readonly fontFamily: string; readonly fontSize: number; readonly className: string },
  ...children: readonly (Svg | null | undefined | false)[]
): Svg {
  const mm = (px: number): string => `${num((px * 25.4) / 96)}mm`;
  return el(
    "svg",
    {
      xmlns: "http://www.w3.org/2000/svg",
      width: mm(widthPx),
      height: mm(heightPx),
      viewBox: `0 0 ${num(widthPx)} ${num(heightPx)}`,
      class: opts.className,
      role: "img",
      // Japanese text needs a CJK font: Noto Sans CJK JP (Debian fonts-noto-cjk) before the Latin fallbacks
      "font-family": currentLanguage() === "ja" ? opts.fontFamily.replace(/(,\s*)(DejaVu Sans|sans-serif)/, `$1${CJK_FONT}, $2`) : opts.fontFamily,
      "font-size": opts.fontSize,
    },
    title(opts.title),
    opts.description ? (`<desc>${escapeText(opts.description)}</desc>` as Svg) : null,
    el("rect", { x: 0, y: 0, width: widthPx, height: heightPx, fill: "#ffffff" }),
    ...children,
  );
}

/** The CJK family the figures name for Japanese text (Debian: fonts-noto-cjk). */
const CJK_FONT = "Noto Sans CJK JP";

/** East Asian wide characters (CJK punctuation, kana, ideographs, Hangul, full-width forms): one em. */
function isWide(c: number): boolean {
  return (c >= 0x2e80 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7af) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6);
}

/** A CJK character with the closing punctuation that must stay with it, or a run of other characters. */
const CJK_PIECE = /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef][）」』】、。，．：；！？ー]*|[^\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]+/g;

// Helvetica/Arial advance widths (1/1000 em) for printable ASCII from space (0x20) to "~" (0x7e).
const HELVETICA = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // space ! " # $ % & ' ( ) * + , - . /
  556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, // 0-9 : ; < = > ?
  1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // @ A-O
  667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, // P-Z [ \ ] ^ _
  333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, // ` a-o
  556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, // p-z { | } ~
];

/**
 * Approximate rendered width of `s` in px at `fontSize` px: Helvetica/Arial advance widths (Liberation Sans
 * has the same metrics) times 1.08, a margin for a wider fallback font. Non-ASCII characters count as a
 * digit (0.556 em). Used only for layout (margins, column widths), deterministically.
 */
export function textWidth(s: string, fontSize: number, bold = false): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    w += c >= 0x20 && c <= 0x7e ? HELVETICA[c - 0x20] : isWide(c) ? 1000 : 556;
  }
  return (w / 1000) * fontSize * 1.08 * (bold ? 1.08 : 1);
}

/** The report's warning mark, as in "⚠17,18" before a label that carries warnings. */
export const WARNING_MARK = "⚠";

/**
 * Room the warning mark takes at `fontSize` px: 0.9 em (DejaVu Sans, the font of the stack that has the glyph, advances
 * it about 0.84 em). Text after the mark starts there as a text chunk of its own (see forest.ts).
 */
export function markAdvance(fontSize: number): number {
  return 0.9 * fontSize;
}

/** Shortens `s` with an ellipsis so that it fits `maxWidth` px. */
export function fitText(s: string, fontSize: number, maxWidth: number, bold = false): string {
  if (textWidth(s, fontSize, bold) <= maxWidth) return s;
  const chars = Array.from(s);
  while (chars.length > 1 && textWidth(`${chars.join("")}…`, fontSize, bold) > maxWidth) chars.pop();
  return `${chars.join("")}…`;
}

/**
 * Words of `s` greedily into lines at most `maxWidth` px wide; a single word longer than that gets a line of its own.
 * Chinese/Japanese text, which has no spaces, may break after any CJK character (a closing bracket or
 * "、" "。" stays with the character before it).
 */
export function wrapText(s: string, fontSize: number, maxWidth: number, bold = false): string[] {
  const words = s.split(/\s+/).filter((w) => w !== "");
  // the pieces a line may break between; `glue` is "" between the pieces of one CJK run, " " between words
  const pieces = words.flatMap((w) => (w.match(CJK_PIECE) ?? [w]).map((text, k) => ({ text, glue: k === 0 ? " " : "" })));
  const lines: string[] = [];
  let cur = "";
  for (const { text: w, glue } of pieces) {
    const next = cur === "" ? w : `${cur}${glue}${w}`;
    if (cur !== "" && textWidth(next, fontSize, bold) > maxWidth) {
      lines.push(cur);
      cur = w;
    } else cur = next;
  }
  if (cur !== "") lines.push(cur);
  return lines.length === 0 ? [""] : lines;
}
