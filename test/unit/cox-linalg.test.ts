/**
 * The generalised Cholesky used by the Cox fitter (src/math/linalg.ts, survival's cholesky2/chsolve2/chinv2):
 * exact inverse of a small SPD matrix, and zero rows/columns plus reduced rank for a redundant column.
 */
import { describe, expect, it } from "vitest";
import { inverseSymmetric, ldlDecompose, quadFormInverse, solveSymmetric } from "../../src/math/linalg.js";
import { expectClose } from "../helpers/expect-close.js";

describe("linalg generalised Cholesky", () => {
  it("inverts a 3 × 3 SPD matrix: A = [[4,2,0],[2,3,1],[0,1,2]], det 12, adj/det by hand", () => {
    const a = Float64Array.from([4, 2, 0, 2, 3, 1, 0, 1, 2]);
    // cofactors: [[5,-4,2],[-4,8,-4],[2,-4,8]] / 12
    const expected = [5, -4, 2, -4, 8, -4, 2, -4, 8].map((v) => v / 12);
    expectClose(Array.from(inverseSymmetric(a, 3)), expected, { rel: 1e-14, abs: 1e-15 }, "inverse");
    expectClose(Array.from(solveSymmetric(a, 3, [1, 0, 0])), [5 / 12, -4 / 12, 2 / 12], { rel: 1e-14 }, "solve");
    expectClose(quadFormInverse(a, 3, [1, 1, 1]).value, (5 - 4 + 2 - 4 + 8 - 4 + 2 - 4 + 8) / 12, { rel: 1e-14 }, "b'A^-1 b");
    expect(ldlDecompose(a, 3).rank).toBe(3);
  });

  it("marks a column that is a combination of earlier ones as redundant: rank 2, zero row and column", () => {
    // third column = first + second
    const b = [
      [2, 1, 3],
      [1, 2, 3],
      [3, 3, 6],
    ];
    const a = Float64Array.from(b.flat());
    expect(ldlDecompose(a, 3).rank).toBe(2);
    const inv = inverseSymmetric(a, 3);
    // inverse of the leading 2 × 2 block [[2,1],[1,2]] is [[2,-1],[-1,2]]/3
    expectClose(Array.from(inv), [2 / 3, -1 / 3, 0, -1 / 3, 2 / 3, 0, 0, 0, 0], { rel: 1e-13, abs: 1e-15 }, "generalised inverse");
    expect(solveSymmetric(a, 3, [1, 1, 2])[2]).toBe(0);
  });
});
