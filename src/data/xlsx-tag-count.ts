/**
 * Counts the cells, rows and shared strings an OOXML or OpenDocument workbook's XML declares, over a
 * stream of chunks, without parsing or keeping the XML (used by `xlsx-limits.ts`).
 */
const enum Tag {
  Other,
  Cell,
  Row,
  SharedString,
  OdsCell,
  OdsRow,
  OdsCoveredCell,
}

const ODS_REPEAT = /number-(rows|columns)-repeated\s*=\s*["']\s*(\d+)/g;

/**
 * Counts XML start tags by local name across chunk boundaries (`<x:c ...>` counts as `c`): cells,
 * rows and shared strings. One pass over the bytes; only the attributes of ODS table tags are kept,
 * because there one element can stand for many cells: SheetJS copies a non-empty
 * `<table:table-cell number-columns-repeated="n">` n times in each of the `number-rows-repeated` rows
 * of its row, so such a cell counts n × rows (a self-closing cell makes at most one cell, and
 * repeated rows themselves are not materialised, so LibreOffice's trailing empty rows cost nothing).
 */
export class TagCounter {
  cells = 0;
  rows = 0;
  sharedStrings = 0;
  /** 0: outside a tag; 1: reading the element name; 2: reading the attributes of an ODS table tag. */
  private mode = 0;
  /** Bytes of the local name being read (after the last ':'). */
  private len = 0;
  private readonly name = new Uint8Array(24);
  private tag = Tag.Other;
  private attrs = new Uint8Array(256);
  private attrLen = 0;
  private quote = 0;
  /** `number-rows-repeated` of the current ODS row. */
  private rowRepeat = 1;

  scan(chunk: Uint8Array): void {
    const name = this.name;
    for (let i = 0; i < chunk.length; i++) {
      const ch = chunk[i];
      if (this.mode === 0) {
        if (ch === 0x3c) {
          this.mode = 1; // '<'
          this.len = 0;
        }
      } else if (this.mode === 1) {
        if (ch === 0x20 || ch === 0x3e || ch === 0x2f || ch === 0x09 || ch === 0x0a || ch === 0x0d) {
          this.endName(ch);
        } else if (ch === 0x3a || ch === 0x3c) {
          this.len = 0; // ':' starts the local name; a stray '<' starts over
        } else if (this.len < name.length) {
          name[this.len++] = ch;
        } else {
          this.len = name.length + 1; // too long to matter
        }
      } else if (this.quote !== 0) {
        if (ch === this.quote) this.quote = 0;
        this.pushAttr(ch);
      } else if (ch === 0x22 || ch === 0x27) {
        this.quote = ch;
        this.pushAttr(ch);
      } else if (ch === 0x3e) {
        this.endOdsTag();
      } else {
        this.pushAttr(ch);
      }
    }
  }

  private endName(terminator: number): void {
    const tag = this.classify();
    this.mode = 0;
    if (tag === Tag.Cell) this.cells++;
    else if (tag === Tag.Row) this.rows++;
    else if (tag === Tag.SharedString) this.sharedStrings++;
    else if (tag !== Tag.Other) {
      this.tag = tag;
      this.attrLen = 0;
      this.quote = 0;
      if (terminator === 0x3e) this.endOdsTag();
      else {
        if (terminator === 0x2f) this.pushAttr(terminator);
        this.mode = 2;
      }
    }
  }

  private classify(): Tag {
    const n = this.name;
    const len = this.len;
    if (len === 1 && n[0] === 0x63) return Tag.Cell; // c
    if (len === 3 && n[0] === 0x72 && n[1] === 0x6f && n[2] === 0x77) return Tag.Row; // row
    if (len === 2 && n[0] === 0x73 && n[1] === 0x69) return Tag.SharedString; // si
    if (len === 9 || len === 10 || len === 18) {
      const s = String.fromCharCode(...n.subarray(0, len));
      if (s === "table-cell") return Tag.OdsCell;
      if (s === "table-row") return Tag.OdsRow;
      if (s === "covered-table-cell") return Tag.OdsCoveredCell;
    }
    return Tag.Other;
  }

  private pushAttr(ch: number): void {
    if (this.attrLen === this.attrs.length) {
      const grown = new Uint8Array(this.attrs.length * 2);
      grown.set(this.attrs);
      this.attrs = grown;
    }
    this.attrs[this.attrLen++] = ch;
  }

  private endOdsTag(): void {
    this.mode = 0;
    let last = this.attrLen - 1;
    while (last >= 0 && (this.attrs[last] === 0x20 || this.attrs[last] === 0x09 || this.attrs[last] === 0x0a || this.attrs[last] === 0x0d)) last--;
    const selfClosing = last >= 0 && this.attrs[last] === 0x2f;
    let rows = 1;
    let cols = 1;
    if (this.attrLen > 0) {
      const text = new TextDecoder().decode(this.attrs.subarray(0, this.attrLen));
      for (const m of text.matchAll(ODS_REPEAT)) {
        const n = Math.max(1, Number(m[2]) || 1);
        if (m[1] === "rows") rows = n;
        else cols = n;
      }
    }
    if (this.attrs.length > 4096) this.attrs = new Uint8Array(256);
    this.attrLen = 0;
    if (this.tag === Tag.OdsRow) {
      this.rows++;
      if (!selfClosing) this.rowRepeat = rows;
    } else if (this.tag === Tag.OdsCell && !selfClosing) {
      this.cells += cols * this.rowRepeat;
    } else {
      this.cells++;
    }
  }
}

/** True when SheetJS will read the archive as an OpenDocument spreadsheet (its `parse_zip` test). */
export function isOds(names: readonly string[]): boolean {
  return names.some((n) => {
    const k = n.replace(/^\//, "").toLowerCase();
    return k === "meta-inf/manifest.xml" || k === "objectdata.xml";
  });
}
