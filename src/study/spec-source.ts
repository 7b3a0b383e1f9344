/**
 * Reads a spec file (YAML 1.2 or JSON — JSON is read by the same YAML parser, which keeps node
 * positions) into plain data plus a locator that maps a path such as
 * ["analyses", "km", "times", 1] to the 1-based line of that node in the file. For a path that
 * does not exist (a missing key) the locator returns the line of the nearest existing ancestor.
 */
import { LineCounter, isMap, isSeq, isPair, isScalar, parseDocument, type Node } from "yaml";

export type SpecPath = readonly (string | number)[];

export interface SpecSource {
  /** The document as plain JS data (undefined for an empty file). */
  readonly data: unknown;
  /** Syntax errors with their 1-based line. */
  readonly syntaxErrors: readonly { readonly line: number; readonly message: string }[];
  /** 1-based line of the node at `path` (or of its nearest existing ancestor). */
  lineOf(path: SpecPath, opts?: { key?: boolean }): number | undefined;
}

export function readSpecSource(text: string, fileName: string): SpecSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, keepSourceTokens: true, prettyErrors: false, uniqueKeys: true });
  const lineAt = (offset: number): number => lineCounter.linePos(offset).line;
  const syntaxErrors = doc.errors.map((e) => ({
    line: lineAt(e.pos[0]),
    message: e.message.split("\n")[0],
  }));
  if (syntaxErrors.length === 0 && /\.json$/i.test(fileName)) {
    // JSON is a subset of YAML 1.2, but YAML accepts things JSON does not (comments, bare words)
    try {
      JSON.parse(text);
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      const pos = /position (\d+)/.exec(msg);
      syntaxErrors.push({ line: pos ? lineAt(Number(pos[1])) : 1, message: `invalid JSON: ${msg}` });
    }
  }
  const data: unknown = syntaxErrors.length === 0 ? doc.toJS({ maxAliasCount: 100 }) : undefined;

  function lineOf(path: SpecPath, opts: { key?: boolean } = {}): number | undefined {
    let node: unknown = doc.contents;
    let line = nodeLine(node);
    for (let k = 0; k < path.length; k++) {
      const step = path[k];
      const last = k === path.length - 1;
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(step));
        if (!pair) return line;
        const keyLine = nodeLine(pair.key);
        if (last && opts.key) return keyLine ?? line;
        node = pair.value;
        line = nodeLine(node) ?? keyLine ?? line;
      } else if (isSeq(node) && typeof step === "number") {
        const item = node.items[step];
        if (item === undefined) return line;
        node = item;
        line = nodeLine(node) ?? line;
      } else {
        return line;
      }
    }
    return line;
  }

  function nodeLine(node: unknown): number | undefined {
    const range = (node as Node | null | undefined)?.range;
    return range ? lineAt(range[0]) : undefined;
  }

  return { data, syntaxErrors, lineOf };
}
