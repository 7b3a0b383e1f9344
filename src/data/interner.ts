/**
 * Interning of byte strings for the columnar CSV reader (columnar-csv.ts): each distinct cell text of
 * a column is decoded (UTF-8) once and shared, and numbered in order of first appearance.
 */
const utf8 = new TextDecoder("utf-8", { ignoreBOM: true });

/**
 * Distinct byte strings → one shared JS string each (FNV-1a hash, open addressing), so a column of
 * 1,000,000 cells with 3 levels makes 3 strings, not 1,000,000.
 */
export class Interner {
  private slots = new Int32Array(1024).fill(-1);
  private pool = new Uint8Array(4096);
  private poolUsed = 0;
  private starts: number[] = [];
  private lengths: number[] = [];
  private hashes: number[] = [];

  /** Distinct strings in order of first appearance, and the row where each first appeared (`id` callers). */
  readonly strings: string[] = [];
  readonly firstRows: number[] = [];
  private lastId = 0;

  /** The id of b[s, e) (its index in `strings`); `row` is recorded when it is new. */
  id(b: Uint8Array, s: number, e: number, row: number): number {
    const n = this.strings.length;
    this.get(b, s, e);
    if (this.strings.length > n) this.firstRows.push(row);
    return this.lastId;
  }

  /** The id of b[s, e), without recording a first row (text columns). */
  code(b: Uint8Array, s: number, e: number): number {
    this.get(b, s, e);
    return this.lastId;
  }

  get(b: Uint8Array, s: number, e: number): string {
    let h = 0x811c9dc5;
    for (let i = s; i < e; i++) h = Math.imul(h ^ b[i], 0x01000193);
    h >>>= 0;
    const mask = this.slots.length - 1;
    const len = e - s;
    for (let k = h & mask; ; k = (k + 1) & mask) {
      const id = this.slots[k];
      if (id < 0) {
        const str = utf8.decode(b.subarray(s, e));
        this.add(b, s, e, h, str, k);
        return str;
      }
      if (this.hashes[id] === h && this.lengths[id] === len) {
        const p = this.starts[id];
        let same = true;
        for (let i = 0; i < len; i++) {
          if (this.pool[p + i] !== b[s + i]) {
            same = false;
            break;
          }
        }
        if (same) {
          this.lastId = id;
          return this.strings[id];
        }
      }
    }
  }

  private add(b: Uint8Array, s: number, e: number, h: number, str: string, slot: number): void {
    const len = e - s;
    if (this.poolUsed + len > this.pool.length) {
      const grown = new Uint8Array(Math.max(this.pool.length * 2, this.poolUsed + len));
      grown.set(this.pool.subarray(0, this.poolUsed));
      this.pool = grown;
    }
    this.pool.set(b.subarray(s, e), this.poolUsed);
    const id = this.strings.length;
    this.starts.push(this.poolUsed);
    this.lengths.push(len);
    this.hashes.push(h);
    this.strings.push(str);
    this.poolUsed += len;
    this.slots[slot] = id;
    this.lastId = id;
    if (this.strings.length * 2 > this.slots.length) this.rehash();
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(-1);
    const mask = slots.length - 1;
    for (let id = 0; id < this.hashes.length; id++) {
      let k = this.hashes[id] & mask;
      while (slots[k] >= 0) k = (k + 1) & mask;
      slots[k] = id;
    }
    this.slots = slots;
  }
}
