import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { formatFormula, parseFormula } from "../../src/formula/parse.js";
import { SurvinferError } from "../../src/errors.js";
import { deparse } from "../../src/formula/expr.js";
import { formatRNumber } from "../../src/formula/format-number.js";
import { assertProperty, property } from "../helpers/property.js";

function labels(text: string): string[] {
  return parseFormula(text).terms.map((t) => t.label);
}

function syntaxError(text: string): SurvinferError {
  try {
    parseFormula(text);
  } catch (e) {
    if (e instanceof SurvinferError) return e;
    throw e;
  }
  throw new Error(`no error for ${text}`);
}

/** The column the caret points at: the index of '^' in the caret line, minus the 2-space indent, plus 1. */
function caretColumn(err: SurvinferError): number {
  const lines = err.message.split("\n");
  const caret = lines.find((l) => /^\s*\^$/.test(l)) as string;
  return caret.indexOf("^") - 2 + 1;
}

describe("parseFormula: responses and specials", () => {
  it("reads Surv(time, status) with strata, cluster and offset specials", () => {
    const f = parseFormula("Surv(time, status) ~ age + factor(sex) + strata(inst) + cluster(id) + offset(log_t)");
    expect(f.response?.kind).toBe("Surv");
    if (f.response?.kind !== "Surv") return;
    expect(deparse(f.response.time)).toBe("time");
    expect(f.response.status && deparse(f.response.status)).toBe("status");
    expect(f.response.start).toBeUndefined();
    expect(labels("Surv(time, status) ~ age + factor(sex) + strata(inst)")).toEqual(["age", "factor(sex)"]);
    expect(f.strata.map((s) => s.label)).toEqual(["strata(inst)"]);
    expect(f.cluster?.label).toBe("id");
    expect(f.offsets.map((o) => o.label)).toEqual(["log_t"]);
    expect(f.intercept).toBe(true);
  });

  it("reads counting-process Surv(start, stop, event)", () => {
    const f = parseFormula("Surv(start, stop, event) ~ x");
    if (f.response?.kind !== "Surv") throw new Error("no Surv");
    expect([f.response.start, f.response.time, f.response.status].map((e) => e && deparse(e))).toEqual(["start", "stop", "event"]);
  });

  it("keeps status expressions inside Surv as R deparses them", () => {
    for (const s of ["status == 2", "status > 1", "status %in% c(1, 2)", 'vital == "dead"']) {
      const f = parseFormula(`Surv(time, ${s}) ~ x`);
      if (f.response?.kind !== "Surv" || f.response.status === undefined) throw new Error("no status");
      expect(deparse(f.response.status)).toBe(s);
    }
  });

  it("accepts a one-sided formula and a plain response", () => {
    expect(parseFormula("~ a + b").response).toBeUndefined();
    expect(parseFormula("treated ~ age").response).toMatchObject({ kind: "variable", label: "treated" });
  });

  it("reads backquoted names with spaces and prints them backquoted, as R does", () => {
    const f = parseFormula("Surv(t, d) ~ `primary size (mm)` + age");
    expect(f.terms[0].label).toBe("`primary size (mm)`");
    expect(f.variables[0].columns).toEqual(["primary size (mm)"]);
    expect(labels("~ `age`")).toEqual(["age"]);
  });
});

describe("parseFormula: term algebra as R's terms.formula", () => {
  it("expands a*b into a + b + a:b", () => expect(labels("~ a*b")).toEqual(["a", "b", "a:b"]));
  it("expands a*b*c with all interactions ordered by order", () =>
    expect(labels("~ a*b*c")).toEqual(["a", "b", "c", "a:b", "a:c", "b:c", "a:b:c"]));
  it("expands (a+b+c)^2 to main effects and two-way interactions", () =>
    expect(labels("~ (a + b + c)^2")).toEqual(["a", "b", "c", "a:b", "a:c", "b:c"]));
  it("expands a/b into a + a:b", () => expect(labels("~ a/b")).toEqual(["a", "a:b"]));
  it("removes terms with -", () => expect(labels("~ a*b - a")).toEqual(["b", "a:b"]));
  it("orders interaction labels by first appearance of the variables", () => expect(labels("~ b:a + a")).toEqual(["a", "b:a"]));
  it("drops duplicated terms", () => expect(labels("~ a + a + a:b + b:a")).toEqual(["a", "a:b"]));
  it("removes the intercept with - 1 or + 0 and restores it with + 1", () => {
    expect(parseFormula("~ a - 1").intercept).toBe(false);
    expect(parseFormula("~ 0 + a").intercept).toBe(false);
    expect(parseFormula("~ -1 + a").intercept).toBe(false);
    expect(parseFormula("~ 0 + a + 1").intercept).toBe(true);
  });
  it("names transformed variables as R deparses them", () =>
    expect(labels("~ I(age/10) + log(m + 1) + I(n^2) + I(-n) + I(n*2) + I(n == 2) + I(1e5 * x)")).toEqual([
      "I(age/10)", "log(m + 1)", "I(n^2)", "I(-n)", "I(n * 2)", "I(n == 2)", "I(1e+05 * x)",
    ]));
  it("gives ^ precedence over unary minus and : over +", () => {
    const f = parseFormula("~ I(-2^2) + a:b + c");
    expect(f.terms.map((t) => t.label)).toEqual(["I(-2^2)", "c", "a:b"]);
  });
});

describe("parseFormula: errors point at the column", () => {
  const cases: [string, number, RegExp][] = [
    ["Surv(time, status) ~ age + )", 28, /unexpected '\)'/],
    ["Surv(time, status) ~ age + sex)", 31, /unexpected '\)'/],
    ["Surv(time, status) ~ (age + sex", 22, /unclosed '\('/],
    ["Surv(time, status ~ age", 19, /unexpected '~' \(expected ',' or '\)'\)/],
    ["Surv(time, status", 5, /unclosed '\(' of Surv\(/],
    ["Surv(time, status) age", 20, /expected '~'/],
    ["Surv(time, status)", 19, /missing '~'/],
    ["Surv(time, status) ~ age $ sex", 26, /unexpected character '\$'/],
    ["Surv(time, status) ~ age +", 27, /unexpected end of formula/],
    ["Surv(time, status) ~ `primary size", 22, /unclosed backquote/],
    ["Surv(time, status) ~ factor(sex, levels = 2)", 41, /unexpected '='/],
    ["Surv(time, status) ~ age + 3", 28, /unexpected number 3/],
    ["Surv(time, status) ~ age * strata(inst)", 28, /strata\(\) cannot be part of an interaction/],
    ["Surv(time, status) ~ (a + b)^x", 30, /whole number/],
    ["Surv(time, status) ~ a ~ b", 24, /unexpected '~'/],
    ["Surv(time, status) ~ survival::strata(x)", 30, /unsupported '::'/],
    ["Surv(time,, status) ~ a", 11, /missing argument to Surv\(\)/],
  ];
  for (const [text, column, re] of cases) {
    it(`"${text}" fails at column ${column}`, () => {
      const err = syntaxError(text);
      expect(err.message).toMatch(re);
      expect(err.message).toContain(`at column ${column}`);
      expect(caretColumn(err)).toBe(column);
      expect(err.location.value).toBe(text);
    });
  }
  it("uses code FORMULA_SYNTAX for syntax errors", () => expect(syntaxError("y ~ (a").code).toBe("FORMULA_SYNTAX"));
  it("rejects two cluster() terms", () => expect(syntaxError("Surv(t, d) ~ a + cluster(i) + cluster(j)").code).toBe("FORMULA_UNSUPPORTED"));
  it("rejects '.'", () => expect(syntaxError("Surv(t, d) ~ .").message).toMatch(/not supported/));
});

describe("formatRNumber prints numbers as R's as.character", () => {
  it("matches R on representative values", () => {
    const cases: [number, string][] = [
      [1e5, "1e+05"], [123456, "123456"], [1e-4, "1e-04"], [0.001, "0.001"], [0.1 + 0.2, "0.3"], [1e15, "1e+15"],
      [123456.7, "123456.7"], [0.1234567890123456, "0.123456789012346"], [2, "2"], [-1.5, "-1.5"], [10, "10"],
    ];
    for (const [x, s] of cases) expect(formatRNumber(x)).toBe(s);
  });
});

describe("formatFormula round-trips", () => {
  const name = fc.constantFrom("a", "b", "c", "age", "factor(g)", "`x y`", "I(z/2)");
  const term = fc.array(name, { minLength: 1, maxLength: 3 }).map((vs) => [...new Set(vs)].join(":"));
  const formula = fc.record({
    terms: fc.array(term, { minLength: 1, maxLength: 5 }),
    intercept: fc.boolean(),
    strata: fc.option(fc.constantFrom("strata(s)", "strata(s, t)"), { nil: undefined }),
    op: fc.constantFrom(" + ", " * "),
  });
  it("parse(format(parse(s))) has the same terms, specials and intercept", () => {
    assertProperty(
      property(formula, (g) => {
        const text = `Surv(time, status) ~ ${g.terms.join(g.op)}${g.strata ? ` + ${g.strata}` : ""}${g.intercept ? "" : " - 1"}`;
        const f1 = parseFormula(text);
        const f2 = parseFormula(formatFormula(f1));
        const sets = (f: typeof f1) => f.terms.map((t) => [...t.variables].sort().join("|"));
        expect(sets(f2)).toEqual(sets(f1));
        expect(f2.intercept).toBe(f1.intercept);
        expect(f2.strata.map((s) => s.label)).toEqual(f1.strata.map((s) => s.label));
        expect(formatFormula(f2)).toBe(formatFormula(parseFormula(formatFormula(f2))));
      }),
      { numRuns: 200, seed: 42 },
    );
  });
});
