/**
 * Describing missing data as plain data: the missing-data pattern (as mice 3.15.0 `md.pattern`) and a
 * table of missing values by variable and group (STROBE item 12c/13: "indicate the number of participants
 * with missing data for each variable of interest"; Vandenbroucke et al. 2007, doi:10.1371/journal.pmed.0040297).
 */

export interface MissingPattern {
  /** Columns ordered by their number of missing values, ascending (ties keep the input order). */
  readonly columns: readonly string[];
  /** One row per distinct pattern: 1 = observed, 0 = missing, in `columns` order (md.pattern's body). */
  readonly patterns: readonly (readonly number[])[];
  /** Number of rows with each pattern (md.pattern's row names). */
  readonly counts: readonly number[];
  /** Number of missing values in each pattern (md.pattern's last column). */
  readonly missingPerPattern: readonly number[];
  /** Missing values per column, in `columns` order (md.pattern's last row), and in total. */
  readonly missingPerColumn: readonly number[];
  readonly totalMissing: number;
}

/** `missing[j][i]` is true when column j is missing in row i. Patterns sorted as md.pattern sorts them. */
export function missingPattern(names: readonly string[], missing: readonly (ArrayLike<boolean>)[]): MissingPattern {
  const p = names.length;
  const n = p === 0 ? 0 : missing[0].length;
  const nmis = missing.map((col) => {
    let c = 0;
    for (let i = 0; i < n; i++) if (col[i]) c++;
    return c;
  });
  const order = Array.from({ length: p }, (_, j) => j).sort((a, b) => nmis[a] - nmis[b] || a - b);
  const counts = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const key = order.map((j) => (missing[j][i] ? "1" : "0")).join("");
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  // md.pattern orders patterns by the string of missingness indicators ("0" observed < "1" missing)
  const keys = Array.from(counts.keys()).sort();
  const patterns = keys.map((k) => Array.from(k, (c) => (c === "1" ? 0 : 1)));
  return {
    columns: order.map((j) => names[j]),
    patterns,
    counts: keys.map((k) => counts.get(k) ?? 0),
    missingPerPattern: patterns.map((r) => r.filter((v) => v === 0).length),
    missingPerColumn: order.map((j) => nmis[j]),
    totalMissing: nmis.reduce((a, b) => a + b, 0),
  };
}

export interface MissingCount {
  readonly missing: number;
  readonly n: number;
  /** missing / n × 100 (NaN when n = 0). */
  readonly percent: number;
}

export interface MissingByGroupRow {
  readonly variable: string;
  readonly overall: MissingCount;
  /** One entry per group, in `groups` order. */
  readonly groups: readonly MissingCount[];
}

export interface MissingByGroup {
  readonly groups: readonly string[];
  readonly rows: readonly MissingByGroupRow[];
  /** Plain-language warnings, e.g. a variable missing for everyone in a group. */
  readonly warnings: readonly string[];
}

/**
 * Missing values per variable overall and per group. `group[i]` is the group index of row i (0..groups.length − 1).
 * A variable missing for every patient of a group is flagged: its imputations there rest on the other
 * group's relation alone (extrapolation), which the analysis should say.
 */
export function missingByGroup(names: readonly string[], missing: readonly (ArrayLike<boolean>)[], group: ArrayLike<number>, groups: readonly string[]): MissingByGroup {
  const warnings: string[] = [];
  const count = (m: number, n: number): MissingCount => ({ missing: m, n, percent: n === 0 ? Number.NaN : (100 * m) / n });
  const rows = names.map((variable, j) => {
    const miss = new Array<number>(groups.length).fill(0);
    const tot = new Array<number>(groups.length).fill(0);
    let all = 0;
    for (let i = 0; i < group.length; i++) {
      const g = group[i];
      tot[g]++;
      if (missing[j][i]) {
        miss[g]++;
        all++;
      }
    }
    groups.forEach((gname, g) => {
      if (tot[g] > 0 && miss[g] === tot[g]) {
        warnings.push(`"${variable}" is missing for all ${tot[g]} patients in group "${gname}": imputed values there rest on the other groups' data only; consider leaving it out or reporting the analysis without it`);
      }
    });
    return { variable, overall: count(all, group.length), groups: groups.map((_, g) => count(miss[g], tot[g])) };
  });
  return { groups, rows, warnings };
}
