import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  parseStudySpec,
  parseStudySpecWithLines,
  specColumnReferences,
  studySpecJsonSchema,
  StudySpecError,
} from "../../src/study/spec.js";
import { isSurvinferError } from "../../src/errors.js";

const root = new URL("../../", import.meta.url);
const exampleYaml = readFileSync(new URL("examples/lms-metastasectomy/study.yaml", root), "utf8");

const minimal = [
  "title: T",
  "data: { file: d.csv }",
  "endpoints:",
  "  os: { origin: a, event: b, censor: c }",
].join("\n");

/** Parses and returns the StudySpecError it must throw. */
function specError(text: string, file = "study.yaml"): StudySpecError {
  try {
    parseStudySpec(text, file);
  } catch (e) {
    expect(e).toBeInstanceOf(StudySpecError);
    return e as StudySpecError;
  }
  throw new Error("expected parseStudySpec to throw");
}

describe("parseStudySpec", () => {
  it("accepts the bundled example spec and fills in R's defaults", () => {
    const spec = parseStudySpec(exampleYaml, "study.yaml");
    expect(spec.title).toMatch(/metastasectomy/);
    expect(spec.treatment).toEqual({ column: "metastasectomy", treated: "yes", date: "date_pm", label: "Pulmonary metastasectomy" });
    expect(spec.analyses.km).toEqual({ endpoint: "os", by: "treatment", times: [12, 36, 60], confType: "log", confLevel: 0.95 });
    expect(spec.analyses.cox?.ties).toBe("efron");
    expect(spec.analyses.cox?.univariable).toBe("all");
    expect(spec.analyses.propensity?.matching).toEqual({ method: "nearest", ratio: 1, caliper: 0.2, distance: "logit", replace: false, order: "largest" });
    expect(spec.analyses.propensity?.weighting).toEqual({ estimand: "ATE", stabilize: true });
    // the example's protocol declares the grace period (the other clone–censor–weight settings get their defaults) and the primary analysis
    expect(spec.analyses.immortalTime).toEqual({ landmark: 6, timeDependent: true, sequentialMatching: false, cloneCensorWeight: { grace: 6, weights: "unstabilized", censoringModel: "piecewise", bootstrap: 200 } });
    expect(spec.analyses.primary).toBe("cloneCensorWeight");
    expect(spec.endpoints.pfs).toMatchObject({ event: ["date_progression", "date_death"], unit: "months" });
    expect(spec.seed).toBe(44);
  });

  it("refuses an option that would change nothing: cure.bootstrap with the Weibull model", () => {
    const text = exampleYaml.replace("model: aic, incidence:", "model: weibull, bootstrap: 50, incidence:");
    expect(text).toContain("bootstrap: 50");
    expect(() => parseStudySpec(text, "study.yaml")).toThrow(/analyses\.cure\.bootstrap.*applies to model "ph" only/);
  });

  it("refuses the treatment as a term of a cure model fitted to one arm (cure.population)", () => {
    const text = exampleYaml.replace("incidence: [n_lung_mets, timing]", "incidence: [n_lung_mets, treatment]");
    expect(text).toContain("incidence: [n_lung_mets, treatment]");
    expect(() => parseStudySpec(text, "study.yaml")).toThrow(/analyses\.cure\.population.*keeps one treatment arm/);
    // a population by treatment without a treatment is refused, naming the key
    expect(() => parseStudySpec(`${minimal}\nanalyses:\n  cure: { endpoint: os, population: treated }\n`, "s.yaml")).toThrow(/analyses\.cure\.population/);
  });

  it("reads YAML 1.2: 'yes' stays a string and dates stay text", () => {
    const spec = parseStudySpec(`${minimal}\ntreatment: { column: op, treated: yes }\n`, "s.yaml");
    expect(spec.treatment?.treated).toBe("yes");
    const cut = parseStudySpec(minimal.replace("censor: c }", "censor: c, cutoff: 2021-06-30 }"), "s.yaml");
    expect(cut.endpoints.os).toMatchObject({ cutoff: "2021-06-30" });
  });

  it("accepts JSON with the same result as YAML", () => {
    const json = JSON.stringify({ title: "T", data: { file: "d.csv" }, endpoints: { os: { origin: "a", event: "b", censor: "c" } } }, null, 2);
    expect(parseStudySpec(json, "study.json")).toEqual(parseStudySpec(minimal, "study.yaml"));
  });

  it("accepts a $schema key so editors can validate JSON specs", () => {
    const json = JSON.stringify({ $schema: "../schema/study.schema.json", title: "T", data: { file: "d.csv" }, endpoints: { os: { time: "t", status: "s", values: [1] } } });
    expect(parseStudySpec(json, "s.json").endpoints.os).toEqual({ time: "t", status: "s", values: [1], unit: "months" });
  });

  it("names the line and path of an unknown key and suggests the right spelling", () => {
    const e = specError(`${minimal}\nanalyses:\n  km: { endpoint: os, confype: log }\n`);
    expect(e.code).toBe("SPEC_INVALID");
    expect(e.location).toMatchObject({ file: "study.yaml", line: 6, path: "analyses.km.confype" });
    expect(e.message).toContain('unknown key "confype"');
    expect(e.message).toContain('did you mean "confType"?');
    expect(isSurvinferError(e)).toBe(true);
  });

  it("names the line and index of a bad list element (analyses.km.times[1])", () => {
    const text = `${minimal}\nanalyses:\n  km:\n    endpoint: os\n    times:\n      - 12\n      - -3\n`;
    const e = specError(text);
    expect(e.location).toMatchObject({ line: 10, path: "analyses.km.times[1]" });
    expect(e.message).toContain("must be > 0; got -3");
  });

  it("names the line of a wrong enum value and lists the allowed values", () => {
    const e = specError(minimal.replace("censor: c }", "censor: c, unit: weeks }"));
    expect(e.location).toMatchObject({ line: 4, path: "endpoints.os.unit" });
    expect(e.message).toContain('must be one of "days", "months", "years"; got "weeks"');
  });

  it("reports a missing required key at its parent's line", () => {
    const e = specError("title: T\nendpoints:\n  os: { origin: a, event: b, censor: c }\n");
    expect(e.location).toMatchObject({ path: "data", line: 1 });
    expect(e.message).toContain("is required");
  });

  it("reports the closest form of a union (an endpoint from dates missing its censor date)", () => {
    const e = specError(minimal.replace(", censor: c", ""));
    expect(e.issues).toHaveLength(1);
    expect(e.location).toMatchObject({ path: "endpoints.os.censor", line: 4 });
  });

  it("reports a wrong type with both allowed forms (covariate neither a name nor a mapping)", () => {
    const e = specError(`${minimal}\ncovariates: [age, 3]\n`);
    expect(e.location).toMatchObject({ path: "covariates[1]", line: 5 });
    expect(e.message).toContain("must be a text or a mapping (key: value); got 3");
  });

  it("lists every problem, not only the first, each with its line", () => {
    const text = [
      "title: T",
      "data: { file: d.csv, dateformat: DD.MM.YYYY }",
      "endpoints:",
      "  os: { origin: a, event: b, censor: c, unit: weeks }",
      "covariates: [{ name: size, cutoff: { above: 70, atleast: 3 } }]",
      "analyses:",
      "  km: { endpoint: os, times: [12, -3], confLevel: 95 }",
      "  propensity: { weighting: { estimand: ATO, stabilize: true } }",
    ].join("\n");
    const e = specError(text);
    expect(e.issues.map((i) => [i.line, i.path])).toEqual([
      [2, "data.dateformat"],
      [4, "endpoints.os.unit"],
      [5, "covariates[0].cutoff.atleast"],
      [7, "analyses.km.times[1]"],
      [7, "analyses.km.confLevel"],
      [8, "analyses.propensity.weighting.stabilize"],
    ]);
    expect(e.message).toContain("5 more problems");
    expect(e.message).toContain("line 8, at analyses.propensity.weighting.stabilize: overlap (ATO) weights are not stabilised");
  });

  it("checks references inside the spec: undefined endpoint, undeclared covariate, missing treatment", () => {
    const text = [
      minimal,
      "covariates: [age]",
      "analyses:",
      "  km: { endpoint: oss, by: treatment }",
      "  cox: { endpoint: os, multivariable: [age, size] }",
      "  immortalTime: { landmark: 6 }",
    ].join("\n");
    const e = specError(text);
    expect(e.issues.map((i) => [i.line, i.path])).toEqual([
      [7, "analyses.km.endpoint"],
      [7, "analyses.km.by"],
      [8, "analyses.cox.multivariable[1]"],
      [9, "analyses.immortalTime"],
    ]);
    expect(e.issues[0].message).toBe('endpoint "oss" is not defined under endpoints');
    expect(e.issues[2].message).toBe('"size" is not a declared covariate');
  });

  it("refuses a dichotomising cut-off on a categorical covariate and a cut-off with both above and atLeast", () => {
    const e = specError(`${minimal}\ncovariates:\n  - { name: g, type: categorical, cutoff: { above: 1 } }\n  - { name: n, cutoff: { above: 1, atLeast: 5 } }\n`);
    expect(e.issues.map((i) => i.path)).toEqual(["covariates[0].cutoff", "covariates[1].cutoff"]);
    expect(e.issues[1].message).toBe("give exactly one of above (value > x) or atLeast (value >= x)");
  });

  it("reports YAML syntax errors with their line", () => {
    const e = specError("title: T\ndata: { file: d.csv\nendpoints: {}\n");
    expect(e.code).toBe("SPEC_INVALID");
    expect(e.message).toContain("syntax error");
    expect(e.location.line).toBeGreaterThanOrEqual(2);
  });

  it("reports invalid JSON in a .json file even where YAML would accept it", () => {
    const e = specError('{\n  "title": "T",\n  // comment\n  "data": {}\n}', "study.json");
    expect(e.message).toContain("syntax error");
  });

  it("refuses an empty file", () => {
    expect(specError("").message).toContain("empty");
  });
});

describe("specColumnReferences", () => {
  it("lists every column the example spec refers to, with its path and line", () => {
    const { spec, lineOf } = parseStudySpecWithLines(exampleYaml, "study.yaml");
    const refs = specColumnReferences(spec, lineOf);
    const lines = exampleYaml.split("\n");
    for (const r of refs) {
      expect(r.line, r.path).toBeDefined();
      // the referenced column name (or, for by: treatment, the key) is on the named line
      expect(lines[(r.line ?? 0) - 1], r.path).toMatch(r.role === "by" ? /by:/ : new RegExp(r.column));
    }
    const byRole = (role: string): string[] => refs.filter((r) => r.role === role).map((r) => r.column);
    expect(byRole("event")).toEqual(["date_death", "date_progression", "date_death"]);
    expect(byRole("treatmentDate")).toEqual(["date_pm"]);
    expect(byRole("by")).toEqual(["metastasectomy", "metastasectomy", "metastasectomy", "metastasectomy", "metastasectomy"]);
    expect(refs.find((r) => r.column === "date_lung_met")).toMatchObject({ path: "endpoints.os.origin", expectedKind: "date" });
  });
});

describe("studySpecJsonSchema", () => {
  it("matches the committed schema/study.schema.json (UPDATE_SCHEMA=1 rewrites it)", () => {
    const file = new URL("schema/study.schema.json", root);
    const text = `${JSON.stringify(studySpecJsonSchema(), null, 2)}\n`;
    if (process.env.UPDATE_SCHEMA === "1") writeFileSync(file, text);
    expect(readFileSync(file, "utf8")).toBe(text);
  });

  it("describes the spec as written: defaulted fields are optional and objects closed", () => {
    const schema = studySpecJsonSchema() as { required: string[]; additionalProperties: boolean };
    expect(schema.required.sort()).toEqual(["data", "endpoints", "title"]);
    expect(schema.additionalProperties).toBe(false);
  });
});
