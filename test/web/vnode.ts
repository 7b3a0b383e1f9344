/** Test helpers: reading the app's views (preact VNode trees) without a DOM. */

export interface Node {
  readonly props: Record<string, unknown> & { children?: unknown };
}

/** The text nodes of a VNode tree, in order. */
export function texts(v: unknown, out: string[] = []): string[] {
  if (Array.isArray(v)) for (const c of v) texts(c, out);
  else if (typeof v === "string" || typeof v === "number") out.push(String(v));
  else if (v !== null && typeof v === "object" && "props" in v) texts((v as Node).props.children, out);
  return out;
}

/** The first element whose data-testid is `id`. */
export function byTestId(v: unknown, id: string): Node | undefined {
  if (Array.isArray(v)) {
    for (const c of v) {
      const f = byTestId(c, id);
      if (f !== undefined) return f;
    }
    return undefined;
  }
  if (v === null || typeof v !== "object" || !("props" in v)) return undefined;
  const n = v as Node;
  return n.props["data-testid"] === id ? n : byTestId(n.props.children, id);
}
