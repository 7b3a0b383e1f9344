/**
 * The R and package versions survinfer's numbers were checked against (the committed fixtures of tools/oracle/,
 * test/fixtures/), for the report's "as R's …" sentences: a reader can then reproduce the reference. A test
 * (test/report/r-reference.test.ts) reads the fixtures and fails when a version here drifts from theirs.
 */

/** R itself, as the fixtures record it. */
export const R_VERSION = "4.2.2";

/** Package versions of the reference checks. */
export const R_PACKAGES = {
  survival: "3.5.3",
  MatchIt: "4.5.1",
  survey: "4.1.1",
  cmprsk: "2.2.11",
  rms: "6.5.0",
  riskRegression: "2022.11.28",
  relsurv: "2.2.9",
  mets: "1.3.2",
  mice: "3.15.0",
} as const;

export type RPackage = keyof typeof R_PACKAGES;

/** "R 4.2.2, mice 3.15.0": the versions a "checked against R's …" statement refers to. */
export function rReference(...packages: readonly RPackage[]): string {
  return [`R ${R_VERSION}`, ...packages.map((p) => `${p} ${R_PACKAGES[p]}`)].join(", ");
}
