/**
 * Fenwick (binary indexed) tree of weights over ranks 0..size−1: add a weight at a rank and sum the
 * weights below a rank in O(log n) (Fenwick 1994, doi:10.1002/spe.4380240306). Used for the pair counts
 * of concordance statistics in O(n log n).
 */
export class Fenwick {
  readonly tree: Float64Array;
  readonly point: Float64Array;
  total = 0;
  constructor(readonly size: number) {
    this.tree = new Float64Array(size + 1);
    this.point = new Float64Array(size);
  }
  add(rank: number, w: number): void {
    this.point[rank] += w;
    this.total += w;
    for (let i = rank + 1; i <= this.size; i += i & -i) this.tree[i] += w;
  }
  /** Sum of weights with rank < r. */
  below(rank: number): number {
    let s = 0;
    for (let i = rank; i > 0; i -= i & -i) s += this.tree[i];
    return s;
  }
  /** Sets every node on the update path of `rank` back to exactly 0 (reuse across strata). */
  clear(rank: number): void {
    this.point[rank] = 0;
    this.total = 0;
    for (let i = rank + 1; i <= this.size; i += i & -i) this.tree[i] = 0;
  }
}
