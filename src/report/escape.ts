/**
 * HTML escaping for the report, safe by type as the SVG builder is (src/report/plots/svg.ts): markup is
 * a wrapper object (`Html`) that only the functions here produce; every string from the data (column
 * names, levels, ids, labels, the title, warnings, the spec echo) goes through `escapeHtml`, so a column
 * called `<script>alert(1)</script>` prints as text. Tag and attribute names are code constants, checked
 * against a strict pattern.
 */

/** A piece of HTML markup produced by this module (never raw data): a wrapper, so a plain string can never pass for markup. */
export interface Html {
  readonly html: string;
}

export type HtmlAttrValue = string | number | boolean | null | undefined;
export type HtmlAttrs = Readonly<Record<string, HtmlAttrValue>>;

const NAME = /^[a-z][a-z0-9-]*$/;

/**
 * The report's one escaping function, for HTML and for SVG/XML text (the figure builders in
 * src/report/plots/svg.ts call it too): & < > " ' become character references, so the result is safe in
 * element content and in double-quoted attribute values. Characters allowed in neither HTML nor XML 1.0
 * are dropped: C0 controls other than tab, LF and CR, DEL, lone surrogates, U+FFFE and U+FFFF.
 *
 * @example
 * ```ts
 * escapeHtml("<script>alert(1)</script>"); // "&lt;script&gt;alert(1)&lt;/script&gt;"
 * ```
 */
export function escapeHtml(s: string): string {
  let out = "";
  for (const ch of String(s)) {
    const c = ch.codePointAt(0) ?? 0;
    if (ch === "&") out += "&amp;";
    else if (ch === "<") out += "&lt;";
    else if (ch === ">") out += "&gt;";
    else if (ch === '"') out += "&quot;";
    else if (ch === "'") out += "&#39;";
    else if (ch === "\t" || ch === "\n" || ch === "\r") out += ch;
    else if (c < 0x20 || c === 0x7f || (c >= 0xd800 && c <= 0xdfff) || c === 0xfffe || c === 0xffff) continue;
    else out += ch;
  }
  return out;
}

function attrString(attrs: HtmlAttrs): string {
  let out = "";
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (!NAME.test(k)) throw new Error(`invalid HTML attribute name ${JSON.stringify(k)}`);
    out += v === true ? ` ${k}` : ` ${k}="${escapeHtml(String(v))}"`;
  }
  return out;
}

type Child = Html | string | null | undefined | false;

/** Children: markup is kept, plain strings are escaped, empty values dropped. */
function children(kids: readonly Child[]): string {
  let out = "";
  for (const k of kids) {
    if (k === null || k === undefined || k === false) continue;
    out += typeof k === "string" ? escapeHtml(k) : k.html;
  }
  return out;
}

function mark(s: string): Html {
  return Object.freeze({ html: s });
}

/**
 * An element with attributes and children. Plain string children are escaped; only markup made by this
 * module passes through unchanged.
 *
 * @example
 * ```ts
 * h("td", { class: "num" }, "<b>").html; // '<td class="num">&lt;b&gt;</td>'
 * ```
 */
export function h(tag: string, attrs: HtmlAttrs = {}, ...kids: readonly Child[]): Html {
  if (!NAME.test(tag)) throw new Error(`invalid HTML tag name ${JSON.stringify(tag)}`);
  return mark(`<${tag}${attrString(attrs)}>${children(kids)}</${tag}>`);
}

/** A void element (no content), e.g. `<meta>`. */
export function hVoid(tag: string, attrs: HtmlAttrs = {}): Html {
  if (!NAME.test(tag)) throw new Error(`invalid HTML tag name ${JSON.stringify(tag)}`);
  return mark(`<${tag}${attrString(attrs)}>`);
}

/** Concatenates children (strings escaped) into one piece of markup. */
export function fragment(...kids: readonly Child[]): Html {
  return mark(children(kids));
}

/**
 * Trusted markup from code (CSS, an SVG produced by the figure builders, which escape their own text):
 * the caller vouches that it holds no unescaped data. Never pass data here.
 */
export function trusted(markup: string): Html {
  return mark(markup);
}
