/**
 * Issue 12, option validation as a class: every numeric option of every command goes through one
 * validated parser per kind (src/cli/options.ts) and a bad value exits 2 naming the option, the
 * value and the allowed range. Plain decimals only: no hex/octal/binary, Infinity, NaN or "1e400".
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { runCli } from "../helpers/cli.js";
import { isSurvinferError } from "../../src/errors.js";
import { MAX_SEED, parseDecimalText, parseIntegerOption, parseNumberList, parseNumberOption, parseProbabilityOption, parseSeedOption } from "../../src/cli/options.js";
import { writeCohort } from "./status-helpers.js";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { assertProperty, property } from "../helpers/property.js";

const N = 24;
const file = writeCohort(Array.from({ length: N }, (_, i) => (i % 3 === 0 ? 0 : 1)), "0/1");
const NOT_DECIMAL = ["0x10", "0b1", "0o7", "Infinity", "-Infinity", "NaN", "1e400", "", "abc", "1,5", "12abc"];

const surv = ["--time", "time", "--event", "status"];
/** command -> base argv (runs without the option) and its numeric options with bad values. */
const table: { base: string[]; options: Record<string, string[]>; allowed?: Record<string, string> }[] = [
  { base: ["km", file, ...surv], options: { "--conf-level": ["0", "1", "1.5", "-0.1", ...NOT_DECIMAL], "--times": ["-1", "12,,60", "12;60", "0x10", "12,Infinity", "1e400"] }, allowed: { "--conf-level": "strictly between 0 and 1", "--times": "a time ≥ 0" } },
  { base: ["logrank", file, ...surv, "--by", "grp"], options: { "--rho": ["0x1", "Infinity", "abc", ""] } },
  { base: ["rmst", file, ...surv, "--by", "grp"], options: { "--tau": ["0", "-5", "0x10", "Infinity"], "--conf-level": ["1", "95"] }, allowed: { "--tau": "a time > 0" } },
  { base: ["cox", file, "--formula", "Surv(time, status) ~ x"], options: { "--conf-level": ["0", "1", "0x1", "95"] } },
  {
    base: ["predict", file, "--formula", "Surv(time, status) ~ x", "--bootstrap", "0"],
    options: { "--times": ["0", "-1", "0x10"], "--tau": ["0", "1e400"], "--bootstrap": ["-5", "1.5", "1e6", "0x10"], "--seed": ["1e20", "-1", "2147483648", "1.5", "0x10"], "--groups": ["1", "0", "101", "2.5"] },
    allowed: { "--bootstrap": "a whole number from 0 to 100000", "--seed": "a whole number from 0 to 2147483647", "--groups": "a whole number from 2 to 100" },
  },
  { base: ["cure", file, ...surv, "--incidence", "x"], options: { "--bootstrap": ["-5", "2.5"], "--seed": ["1e20", "-3"], "--conf-level": ["1", "0x1"] } },
  {
    base: ["match", file, "--treatment", "treat", "--covariates", "age,x"],
    options: { "--ratio": ["1e9", "0", "-1", "1.5", "0x2", String(N / 2 + 1)], "--caliper": ["0", "-0.2", "0x1", "Infinity"], "--seed": ["1e20", "-1"], "--bootstrap": ["-5", "1.5"], "--bootstrap-seed": ["1e20"] },
    allowed: { "--ratio": `from 1 to ${N / 2}, the number of untreated patients`, "--seed": "a whole number from 0 to 2147483647" },
  },
  { base: ["match", file, "--treatment", "treat", "--covariates", "age,x", ...surv], options: { "--times": ["0x10", "-1"], "--tau": ["0", "-1"] } },
  { base: ["weight", file, "--treatment", "treat", "--covariates", "age,x", "--estimand", "ATE"], options: { "--trim": ["0.5", "-0.1", "0x1", "1"], "--truncate": ["0", "1", "1.5"] } },
  { base: ["cuminc", file, "--time", "time", "--cause", "status"], options: { "--times": ["0x10", "-1", ""] } },
  { base: ["recurrent", file, "--id", "id", "--start", "start", "--stop", "time", "--event", "status"], options: { "--conf-level": ["1", "0x1"] } },
  { base: ["evalue", "--hr", "0.6"], options: { "--lower": ["0", "-1", "0x1"], "--upper": ["Infinity", "abc"] } },
  { base: ["evalue"], options: { "--hr": ["0", "-1", "0x1", "Infinity", "abc"] } },
  { base: ["simulate"], options: { "--n": ["0", "-5", "1.5", "1e9", "0x10"], "--seed": ["1e20", "-1", "2147483648"], "--hr": ["0", "0x1", "-0.5"] } },
];

describe("every numeric option of every command: a bad value exits 2 naming the option, value and allowed range", () => {
  for (const t of table) {
    for (const [option, values] of Object.entries(t.options)) {
      it(`${t.base[0]} ${option}: ${values.map((v) => JSON.stringify(v)).join(" ")}`, async () => {
        for (const v of values) {
          const r = await runCli([...t.base, `${option}=${v}`]);
          expect({ value: v, code: r.code, stdout: r.stdout }).toEqual({ value: v, code: 2, stdout: "" });
          expect(r.stderr).toContain(`option ${option} must be`);
          expect(r.stderr).toContain(`got ${JSON.stringify(v)}`);
          const allowed = t.allowed?.[option];
          if (allowed !== undefined) expect(r.stderr).toContain(allowed);
        }
      });
    }
  }

  it("match/weight --treated-value must be a value of the treatment column", async () => {
    for (const cmd of [["match"], ["weight", "--estimand", "ATE"]]) {
      for (const bad of ["yes", "", "2"]) {
        const r = await runCli([cmd[0], file, "--treatment", "treat", "--covariates", "age,x", ...cmd.slice(1), `--treated-value=${bad}`]);
        expect(r.code).toBe(2);
        expect(r.stderr).toContain("option --treated-value must be one of the values of column \"treat\" (\"1\", \"0\")");
        expect(r.stderr).toContain(`got ${JSON.stringify(bad)}`);
      }
      expect((await runCli([cmd[0], file, "--treatment", "treat", "--covariates", "age,x", ...cmd.slice(1), "--treated-value=0", "--json"])).code).toBe(0);
    }
  });

  it("the valid edges are accepted (ratio = number of untreated, seed = 2^31 - 1, times 0)", async () => {
    expect((await runCli(["match", file, "--treatment", "treat", "--covariates", "age,x", `--ratio=${N / 2}`, "--replace", "--json"])).code).toBe(0);
    expect((await runCli(["match", file, "--treatment", "treat", "--covariates", "age,x", "--order", "random", `--seed=${MAX_SEED}`, "--json"])).code).toBe(0);
    expect((await runCli(["km", file, ...surv, "--times=0,1e1,12.5", "--conf-level=.9", "--json"])).code).toBe(0);
  });
});

describe("run --dpi", () => {
  it("refuses a resolution that is not a whole number from 36 to 2400, before writing anything", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "survinfer-dpi-")), "out");
    for (const bad of ["0x10", "0", "-300", "1e9", "300.5", "Infinity", ""]) {
      const r = await runCli(["run", "examples/lms-metastasectomy/study.yaml", "--out", out, `--dpi=${bad}`]);
      expect(r.code, bad).toBe(2);
      expect(r.stderr).toContain("--dpi");
      expect(r.stderr).toContain("from 36 to 2400");
      expect(existsSync(out)).toBe(false);
    }
  });
});

function optionCode(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return isSurvinferError(e) ? e.code : "not a SurvinferError";
  }
  return undefined;
}

describe("the option parsers (properties, seeded)", () => {
  const params = { seed: 20261205, numRuns: 300 };

  it("any finite double printed by JavaScript parses back to itself", () => {
    assertProperty(
      property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        expect(parseDecimalText(String(x))).toBe(x === 0 ? 0 : x);
      }),
      params,
    );
  });

  it("text that is not a plain decimal is refused (OPTION_INVALID), whatever Number() would make of it", () => {
    const notDecimal = fc.oneof(
      fc.constantFrom(...NOT_DECIMAL, " ", "+", "-", ".", "e5", "1e", "1.2.3", "0x1F", "1_000", "١٢"),
      fc.integer({ min: 0, max: 0xffff }).map((n) => `0x${n.toString(16)}`),
      fc.string().filter((s) => !/^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/.test(s)),
    );
    assertProperty(
      property(notDecimal, (s) => {
        expect(optionCode(() => parseNumberOption("--x", s))).toBe("OPTION_INVALID");
      }),
      params,
    );
  });

  it("whole numbers are accepted exactly within their bounds", () => {
    assertProperty(
      property(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: -50, max: 50 }), fc.integer({ min: 0, max: 100 }), (v, min, width) => {
        const max = min + width;
        const code = optionCode(() => parseIntegerOption("--k", String(v), { min, max }));
        expect(code).toBe(v >= min && v <= max ? undefined : "OPTION_INVALID");
      }),
      params,
    );
  });

  it("seeds are whole numbers in [0, 2^31 - 1]; probabilities are in (0, 1)", () => {
    assertProperty(
      property(fc.double({ min: -1e12, max: 1e12, noNaN: true }), (x) => {
        expect(optionCode(() => parseSeedOption("--seed", String(x)))).toBe(Number.isInteger(x) && x >= 0 && x <= MAX_SEED ? undefined : "OPTION_INVALID");
        expect(optionCode(() => parseProbabilityOption("--conf-level", String(x)))).toBe(x > 0 && x < 1 ? undefined : "OPTION_INVALID");
      }),
      params,
    );
  });

  it("lists keep order and refuse empty items", () => {
    assertProperty(
      property(fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 6 }), (xs) => {
        expect(parseNumberList("--times", xs.map(String).join(","), { min: 0 })).toEqual(xs.map((x) => (x === 0 ? 0 : x)));
        expect(optionCode(() => parseNumberList("--times", `${xs.map(String).join(",")},`, { min: 0 }))).toBe("OPTION_INVALID");
      }),
      params,
    );
  });
});
