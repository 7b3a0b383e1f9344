/**
 * A small XML well-formedness checker and tree builder for the SVG tests (no dependency): balanced tags,
 * quoted attributes, no duplicate attributes, only the five predefined entities and character references,
 * no raw "<" or "&" in text. Throws with the offset on the first problem.
 */
export interface XmlElement {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  /** Concatenated, decoded text of this element and its descendants. */
  text: string;
}

const ENTITY = /^&(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/;
const NAME = /^[A-Za-z_][A-Za-z0-9_.:-]*/;

function decode(raw: string, at: number): string {
  let out = "";
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i];
    if (ch === "<") throw new Error(`raw "<" in text or attribute at ${at + i}`);
    if (ch !== "&") {
      out += ch;
      continue;
    }
    const m = ENTITY.exec(raw.slice(i));
    if (!m) throw new Error(`bad entity at ${at + i}: ${raw.slice(i, i + 12)}`);
    const e = m[1];
    out += e === "amp" ? "&" : e === "lt" ? "<" : e === "gt" ? ">" : e === "quot" ? '"' : e === "apos" ? "'" : String.fromCodePoint(e[1] === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    i += m[0].length - 1;
  }
  return out;
}

export function parseXml(src: string): XmlElement {
  let i = 0;
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  const skipWs = (): void => {
    while (i < src.length && /\s/.test(src[i])) i++;
  };
  skipWs();
  if (src.startsWith("<?xml", i)) {
    const end = src.indexOf("?>", i);
    if (end < 0) throw new Error("unterminated XML declaration");
    i = end + 2;
  }
  while (i < src.length) {
    if (src[i] === "<") {
      if (src.startsWith("<!--", i)) {
        const end = src.indexOf("-->", i);
        if (end < 0) throw new Error(`unterminated comment at ${i}`);
        i = end + 3;
        continue;
      }
      if (src[i + 1] === "/") {
        const m = NAME.exec(src.slice(i + 2));
        if (!m) throw new Error(`bad closing tag at ${i}`);
        const top = stack.pop();
        if (!top || top.name !== m[0]) throw new Error(`mismatched </${m[0]}> at ${i} (open: ${top?.name ?? "none"})`);
        i += 2 + m[0].length;
        skipWs();
        if (src[i] !== ">") throw new Error(`bad closing tag at ${i}`);
        i++;
        if (stack.length > 0) stack[stack.length - 1].text += top.text;
        continue;
      }
      const m = NAME.exec(src.slice(i + 1));
      if (!m) throw new Error(`bad tag at ${i}`);
      if (root && stack.length === 0) throw new Error(`second root element at ${i}`);
      i += 1 + m[0].length;
      const attrs: Record<string, string> = {};
      for (;;) {
        const before = i;
        skipWs();
        if (src[i] === ">" || src.startsWith("/>", i)) break;
        if (i === before) throw new Error(`missing space before attribute at ${i}`);
        const a = NAME.exec(src.slice(i));
        if (!a) throw new Error(`bad attribute name at ${i}`);
        i += a[0].length;
        skipWs();
        if (src[i] !== "=") throw new Error(`attribute without value at ${i}`);
        i++;
        skipWs();
        const q = src[i];
        if (q !== '"' && q !== "'") throw new Error(`unquoted attribute at ${i}`);
        const end = src.indexOf(q, i + 1);
        if (end < 0) throw new Error(`unterminated attribute at ${i}`);
        if (a[0] in attrs) throw new Error(`duplicate attribute ${a[0]} at ${i}`);
        attrs[a[0]] = decode(src.slice(i + 1, end), i + 1);
        i = end + 1;
      }
      const el: XmlElement = { name: m[0], attrs, children: [], text: "" };
      if (stack.length > 0) stack[stack.length - 1].children.push(el);
      else root = el;
      if (src.startsWith("/>", i)) {
        i += 2;
      } else {
        i += 1;
        stack.push(el);
      }
      continue;
    }
    const next = src.indexOf("<", i);
    const raw = src.slice(i, next < 0 ? src.length : next);
    if (stack.length === 0) {
      if (raw.trim() !== "") throw new Error(`text outside the root element at ${i}`);
    } else stack[stack.length - 1].text += decode(raw, i);
    i = next < 0 ? src.length : next;
  }
  if (stack.length > 0) throw new Error(`unclosed <${stack[stack.length - 1].name}>`);
  if (!root) throw new Error("no root element");
  return root;
}

/** All elements (depth-first) matching a predicate. */
export function findAll(root: XmlElement, pred: (e: XmlElement) => boolean): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement): void => {
    if (pred(e)) out.push(e);
    for (const c of e.children) walk(c);
  };
  walk(root);
  return out;
}

export const hasClass = (e: XmlElement, c: string): boolean => (e.attrs.class ?? "").split(/\s+/).includes(c);
