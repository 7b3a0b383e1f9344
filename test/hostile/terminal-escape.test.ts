/**
 * Issue 12, terminal: data text (column names, levels, cell values, titles) can hold escape
 * sequences (OSC 52 clipboard writes, ESC[2J, the one-byte CSI U+009B, bidi overrides). Whatever a
 * command prints, no raw control character may reach stdout or stderr: they are shown as the text
 * `\uXXXX` (src/cli/io.ts), and `--json` output keeps its exact meaning.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { escapeStderrText, escapeTerminalText, terminalSafeIO, type CliIO } from "../../src/cli/io.js";
import { runCli, type CliRun } from "../helpers/cli.js";
import { assertAsyncProperty, assertProperty, asyncProperty, property } from "../helpers/property.js";

const ESC = "\x1b";
const BEL = "\x07";
const OSC52 = `${ESC}]52;c;ZWNobw==${BEL}`;
/** Every character a terminal may act on (written out independently of src/cli/io.ts). */
const CONTROL_CODES = [
  ...range(0x00, 0x08), ...range(0x0b, 0x1f), 0x7f, ...range(0x80, 0x9f), 0x2028, 0x2029, ...range(0x202a, 0x202e), ...range(0x2066, 0x2069),
];
const CONTROLS = new Set(CONTROL_CODES.map((c) => String.fromCharCode(c)));

function range(a: number, b: number): number[] {
  return Array.from({ length: b - a + 1 }, (_, i) => a + i);
}

/** The raw control characters in `text`, as U+XXXX (none may reach the terminal). */
function rawControls(text: string): string[] {
  return [...text].filter((c) => CONTROLS.has(c)).map((c) => `U+${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

function expectNoRawControls(r: CliRun): void {
  expect(rawControls(r.stdout), `stdout: ${JSON.stringify(r.stdout.slice(0, 300))}`).toEqual([]);
  expect(rawControls(r.stderr), `stderr: ${JSON.stringify(r.stderr.slice(0, 300))}`).toEqual([]);
}

const dir = mkdtempSync(join(tmpdir(), "survinfer-terminal-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A hostile cohort: the group column's name writes the clipboard, its levels clear the screen,
// open a one-byte CSI and reverse the text; the treated value blinks; a covariate sets the title.
const GROUP = `arm${OSC52}`;
const LEVELS = [`a${ESC}[2J`, `b\u009b31m\u202e`] as const;
const TREATED = `yes${ESC}[5m`;
const AGE = `age${ESC}]0;pwned${BEL}`;

function hostileCsv(name: string, levels: readonly string[] = LEVELS, extraRow?: string): string {
  const rows = [`time,status,${GROUP},treat,${AGE}`];
  for (let i = 0; i < 40; i++) {
    rows.push(`${((i * 7) % 31) + 1},${i % 3 === 0 ? 0 : 1},${levels[i % levels.length]},${i % 2 === 0 ? TREATED : "no"},${40 + ((i * 13) % 29)}`);
  }
  if (extraRow !== undefined) rows.push(extraRow);
  const path = join(dir, name);
  writeFileSync(path, rows.join("\n") + "\n");
  return path;
}

const csv = hostileCsv("hostile.csv");
const surv = ["--time", "time", "--event", "status"];
const ps = ["--treatment", "treat", "--treated-value", TREATED, "--covariates", `${AGE},${GROUP}`];

describe("escapeTerminalText shows every terminal control character as \\uXXXX", () => {
  it("escapes C0 (but TAB and LF), CR, DEL, C1, bidi controls and U+2028/U+2029, and nothing else", () => {
    for (const c of CONTROL_CODES) {
      const ch = String.fromCharCode(c);
      expect(escapeTerminalText(`x${ch}y`)).toBe(`x\\u${c.toString(16).padStart(4, "0")}y`);
    }
    expect(escapeTerminalText(OSC52)).toBe("\\u001b]52;c;ZWNobw==\\u0007");
    const harmless = "tab\there\nnew line, Größe µ ±, 中文, emoji 😀, \\ backslash, \u00a0nbsp";
    expect(escapeTerminalText(harmless)).toBe(harmless);
  });

  it("is idempotent, and keeps the meaning of JSON text (property, seeded)", () => {
    const anyText = fc.array(fc.oneof(fc.constantFrom(...CONTROL_CODES.map((c) => String.fromCharCode(c))), fc.string({ maxLength: 4 })), { maxLength: 12 }).map((a) => a.join(""));
    assertProperty(
      property(anyText, fc.array(anyText, { maxLength: 4 }), (s, list) => {
        const once = escapeTerminalText(s);
        expect(rawControls(once)).toEqual([]);
        expect(escapeTerminalText(once)).toBe(once);
        const value = { name: s, levels: list, n: list.length };
        for (const json of [JSON.stringify(value), JSON.stringify(value, null, 2)]) {
          const safe = escapeTerminalText(json);
          expect(rawControls(safe)).toEqual([]);
          expect(JSON.parse(safe)).toEqual(value);
        }
      }),
      { seed: 12, numRuns: 300 },
    );
  });
});

describe("the progress bar keeps its own carriage return and nothing else", () => {
  it("a redraw keeps its leading \\r; control characters in the step name are escaped", () => {
    expect(escapeStderrText("\rbootstrap [###...] 3/6")).toBe("\rbootstrap [###...] 3/6");
    expect(escapeStderrText("\rbootstrap [######] 6/6\n")).toBe("\rbootstrap [######] 6/6\n");
    expect(escapeStderrText(`\rstep${ESC}[2J\r [#.] 1/2`)).toBe("\rstep\\u001b[2J\\u000d [#.] 1/2");
  });

  it("a carriage return anywhere else is escaped", () => {
    expect(escapeStderrText("survinfer: value \rOK\n")).toBe("survinfer: value \\u000dOK\n");
    expect(escapeStderrText("\rnot a progress bar\n")).toBe("\\u000dnot a progress bar\n");
    expect(escapeTerminalText("\rbootstrap [###...] 3/6")).toBe("\\u000dbootstrap [###...] 3/6");
  });

  it("terminalSafeIO escapes every write and passes cwd through", () => {
    const got: string[] = [];
    const io: CliIO = terminalSafeIO(terminalSafeIO({ stdout: (t) => got.push(`o:${t}`), stderr: (t) => got.push(`e:${t}`), cwd: "/x" }));
    io.stdout(`a${ESC}b\r`);
    io.stderr("\rboot [#] 1/1\n");
    io.stderr(`c\u009bd`);
    expect(got).toEqual(["o:a\\u001bb\\u000d", "e:\rboot [#] 1/1\n", "e:c\\u009bd"]);
    expect(io.cwd).toBe("/x");
  });
});

describe("no command prints a raw control character from the data", () => {
  const cases: [string, string[]][] = [
    ["km", ["km", csv, ...surv, "--by", GROUP, "--times", "5,10"]],
    ["logrank", ["logrank", csv, ...surv, "--by", GROUP]],
    ["rmst", ["rmst", csv, ...surv, "--by", GROUP, "--tau", "20"]],
    ["cox", ["cox", csv, "--formula", `Surv(time, status) ~ \`${AGE}\` + factor(\`${GROUP}\`)`]],
    ["match", ["match", csv, ...ps]],
    ["weight", ["weight", csv, ...ps, "--estimand", "ATE"]],
  ];
  for (const [name, argv] of cases) {
    it(`${name}: text output`, async () => {
      const r = await runCli(argv, dir);
      expect(r.code, r.stderr).toBe(0);
      expectNoRawControls(r);
      expect(r.stdout.length).toBeGreaterThan(0);
    });
    it(`${name}: --json output parses back to the original data text`, async () => {
      const r = await runCli([...argv, "--json"], dir);
      expect(r.code, r.stderr).toBe(0);
      expectNoRawControls(r);
      const text = JSON.stringify(JSON.parse(r.stdout));
      // the parsed JSON holds the raw strings again: at least one hostile name made it through intact
      expect([GROUP, AGE, TREATED, ...LEVELS].some((s) => text.includes(JSON.stringify(s).slice(1, -1)))).toBe(true);
    });
  }

  it("km shows the levels visibly (\\u001b, \\u009b, \\u202e) in its table", async () => {
    const r = await runCli(["km", csv, ...surv, "--by", GROUP], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("arm\\u001b]52;c;ZWNobw==\\u0007=a\\u001b[2J");
    expect(r.stdout).toContain("b\\u009b31m\\u202e");
  });

  it("logrank --json: group names parse back to the exact levels", async () => {
    const r = await runCli(["logrank", csv, ...surv, "--by", GROUP, "--json"], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("\\u009b");
    const res = JSON.parse(r.stdout) as { groups: { name: string }[] };
    expect(res.groups.map((g) => g.name).sort()).toEqual([...LEVELS].sort());
  });

  it("run: the summary and --json carry the hostile title and levels escaped", async () => {
    const spec = {
      title: `Title${ESC}]0;pwned${BEL}${ESC}[2J`,
      data: { file: "hostile.csv" },
      endpoints: { os: { time: "time", status: "status", values: [1], label: `OS${OSC52}` } },
      treatment: { column: "treat", treated: TREATED, label: `Surgery\u202e` },
      covariates: [AGE, GROUP],
      analyses: { table1: { by: "treatment" }, km: { endpoint: "os", by: "treatment" }, logrank: { endpoint: "os", by: "treatment" } },
      seed: 1,
    };
    const specPath = join(dir, "study.yaml");
    writeFileSync(specPath, JSON.stringify(spec, null, 2));
    const text = await runCli(["run", specPath, "--out", join(dir, "run-text"), "--no-png"], dir);
    expect(text.code, text.stderr).toBe(0);
    expectNoRawControls(text);
    expect(text.stdout).toContain("Title\\u001b]0;pwned\\u0007\\u001b[2J");
    const json = await runCli(["run", specPath, "--out", join(dir, "run-json"), "--no-png", "--json"], dir);
    expect(json.code, json.stderr).toBe(0);
    expectNoRawControls(json);
    expect((JSON.parse(json.stdout) as { title: string }).title).toBe(spec.title);
  });

  it("error messages naming a bad value, a bad column or a bad option escape it (exit 2)", async () => {
    const bad = hostileCsv("bad-status.csv", LEVELS, `1,x${ESC}]52;c;AAAA${BEL},${LEVELS[0]},no,50`);
    const runs = [
      await runCli(["km", bad, ...surv], dir),
      await runCli(["km", csv, "--time", `no${ESC}[2Jsuch`, "--event", "status"], dir),
      await runCli(["km", csv, ...surv, "--by", GROUP, "--conf-type", `x\u009b2J`], dir),
      await runCli(["cox", csv, "--formula", `Surv(time, status) ~ ${AGE}`], dir),
      await runCli(["match", csv, "--treatment", "treat", "--treated-value", TREATED, "--covariates", `${AGE},nope${ESC}[2J`], dir),
      await runCli(["km", join(dir, `missing${ESC}]0;t${BEL}.csv`), ...surv], dir),
      await runCli(["km", csv, ...surv, `--unknown${ESC}[2J`], dir),
    ];
    for (const r of runs) {
      expect(r.code, r.stderr).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toMatch(/\\u(001b|009b)/);
      expectNoRawControls(r);
    }
    expect(runs[0].stderr).toContain("x\\u001b]52;c;AAAA\\u0007");
  });
});

describe("a real progress bar keeps its carriage returns", () => {
  it("match --bootstrap: stderr holds only the bar's own \\r, each starting a redraw; stdout none", async () => {
    const r = await runCli(["match", csv, ...ps, ...surv, "--bootstrap", "10", "--json"], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(rawControls(r.stdout)).toEqual([]);
    const redraws = r.stderr.split("\r").slice(1);
    expect(redraws.length).toBeGreaterThan(1);
    for (const d of redraws) expect(d).toMatch(/^bootstrap \[[#.]+\] \d+\/10\n?$/);
    expect(rawControls(r.stderr.replaceAll("\r", ""))).toEqual([]);
  }, 120_000);
});

describe("property: random control strings as levels and column names never reach the terminal raw", () => {
  it("km and logrank, text and --json (seeded)", async () => {
    const ctrl = fc.constantFrom(...CONTROL_CODES.filter((c) => c !== 0x0d && c !== 0x0a).map((c) => String.fromCharCode(c)));
    // CSV-safe text: no comma, quote or line break (the reader's own rules are not under test here)
    const word = fc.array(fc.oneof(ctrl, fc.constantFrom("a", "b", "[", "]", ";", "2J", "52", " ")), { minLength: 1, maxLength: 6 }).map((a) => `L${a.join("")}`);
    let run = 0;
    await assertAsyncProperty(
      asyncProperty(fc.uniqueArray(word, { minLength: 2, maxLength: 3 }), word, async (levels, column) => {
        const path = join(dir, `prop-${run++}.csv`);
        const rows = [`time,status,${column}`];
        for (let i = 0; i < 24; i++) rows.push(`${(i % 11) + 1},${i % 4 === 0 ? 0 : 1},${levels[i % levels.length]}`);
        writeFileSync(path, rows.join("\n") + "\n");
        for (const argv of [["km", path, ...surv, "--by", column], ["logrank", path, ...surv, "--by", column, "--json"]]) {
          const r = await runCli(argv, dir);
          expectNoRawControls(r);
          expect([0, 2]).toContain(r.code);
          if (argv.includes("--json") && r.code === 0) {
            const names = (JSON.parse(r.stdout) as { groups: { name: string }[] }).groups.map((g) => g.name);
            expect(names.length).toBeGreaterThan(0);
          }
        }
      }),
      { seed: 1212, numRuns: 25 },
    );
  });
});
