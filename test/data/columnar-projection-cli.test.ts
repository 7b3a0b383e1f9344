/**
 * Issue 18 pieces around the columnar reader: the byte number parser equals `parseNumber` (value and
 * -0, or "ask the text parser"), `readTableFile` streams a file in chunks to the same Table as
 * `readTable` on its bytes, and the CLI's column projection (`loadData`): a command reads only the
 * columns it names, a misspelt column reads the whole file (so its error is the one it was: the nearest
 * columns of the whole file), and a stray text in a column the command does not use no longer stops it.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BYTES_NUMBER, lastBytesStatus, parseNumberBytes } from "../../src/data/bytes-number.js";
import { parseNumber } from "../../src/data/numbers.js";
import { readTable } from "../../src/data/read.js";
import { CHUNK_BYTES, readTableFile } from "../../src/data/read-file.js";
import { namesIn } from "../../src/cli/data-args.js";
import { runCli } from "../helpers/cli.js";

const enc = new TextEncoder();
const dir = mkdtempSync(join(tmpdir(), "survinfer-columnar-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

describe("parseNumberBytes", () => {
  it("gives parseNumber's value (bit for bit, -0 included) or asks for the text parser, on 20,000 generated texts", () => {
    const rnd = lcg(18);
    const pick = (xs: string): string => xs[Math.floor(rnd() * xs.length)];
    let fast = 0;
    for (let k = 0; k < 20_000; k++) {
      let s = rnd() < 0.3 ? pick("+-") : "";
      const nInt = Math.floor(rnd() * 19);
      for (let i = 0; i < nInt; i++) s += pick("0123456789");
      if (rnd() < 0.6) s += pick(".,");
      const nFrac = Math.floor(rnd() * 8);
      for (let i = 0; i < nFrac; i++) s += pick("0123456789");
      if (rnd() < 0.2) s += pick("eE") + (rnd() < 0.5 ? pick("+-") : "") + String(Math.floor(rnd() * 400));
      if (rnd() < 0.02) s += pick("x ,.e");
      if (s === "") continue;
      for (const decimal of [undefined, ","] as const) {
        const bytes = enc.encode(s);
        const v = parseNumberBytes(bytes, 0, bytes.length, decimal === "," ? 0x2c : 0x2e);
        const want = parseNumber(s, decimal);
        if (lastBytesStatus() === BYTES_NUMBER) {
          fast++;
          expect(Object.is(v, want), `${JSON.stringify(s)} (${decimal ?? "."}): ${v} vs ${want}`).toBe(true);
        }
      }
    }
    expect(fast).toBeGreaterThan(10_000);
  });

  it("reads 16- and 17-digit numbers (String(x), R's digits = 17) and exponents beyond ±22 from the bytes, exactly as Number()", () => {
    const rnd = lcg(19);
    const texts = ["0.12345678901234567", "-123456789.01234567", "12345678901234567890", "1e300", "-2.5E-300", "1,00000000000000001", "+.12345678901234567e-5"];
    for (let k = 0; k < 5000; k++) texts.push(String((rnd() - 0.5) * 10 ** Math.floor(rnd() * 12 - 4)), String(rnd()));
    for (const t of texts) {
      for (const decimal of [undefined, ","] as const) {
        const s = decimal === "," ? t.replace(".", ",") : t;
        if (t.includes(",") !== (decimal === ",") && t.includes(",")) continue; // a "," text is German only
        const bytes = enc.encode(s);
        const v = parseNumberBytes(bytes, 0, bytes.length, decimal === "," ? 0x2c : 0x2e);
        expect(lastBytesStatus(), s).toBe(BYTES_NUMBER);
        expect(Object.is(v, parseNumber(s, decimal)), `${s}: ${v}`).toBe(true);
      }
    }
  });
});

describe("readTableFile streams", () => {
  it("a file of several chunks gives the same result as readTable on its bytes", () => {
    const rnd = lcg(3);
    const lines = ["id,time,status,group,date"];
    for (let i = 1; i * 40 < 3 * CHUNK_BYTES; i++) lines.push(`P${i},${Math.floor(rnd() * 5000)},${rnd() < 0.5 ? 1 : 0},${rnd() < 0.5 ? "männlich" : "weiblich"},2010-0${1 + Math.floor(rnd() * 9)}-1${Math.floor(rnd() * 9)}`);
    const path = join(dir, "chunks.csv");
    writeFileSync(path, lines.join("\n") + "\n");
    const streamed = readTableFile(path, { fileName: "chunks.csv", columnsToRead: ["time", "group", "date"] });
    const whole = readTable(new Uint8Array(readFileSync(path)), { fileName: "chunks.csv", columnsToRead: ["time", "group", "date"], textReaderOnly: true });
    expect(streamed.reader).toBe("columnar");
    expect(streamed.table).toEqual(whole.table);
    expect(streamed.inference).toEqual(whole.inference);
    expect(streamed.warnings).toEqual(whole.warnings);
  });
});

describe("column projection on the command line", () => {
  it("namesIn lists the column names of a formula or covariate list, not the functions", () => {
    expect(namesIn("Surv(time, status == 2) ~ age + factor(sex) + `size (mm)` + strata(inst) + I(x^2) + 1.5e3")).toEqual(["time", "status", "age", "sex", "size (mm)", "inst", "x"]);
    expect(namesIn("a, b,factor(grade)")).toEqual(["a", "b", "grade"]);
  });

  it("km ignores a stray text in a column it does not use, and a misspelt column is named with the whole file's nearest columns", async () => {
    const path = join(dir, "stray.csv");
    const rows = ["time,status,group,albumin"];
    for (let i = 1; i <= 40; i++) rows.push(`${i},${i % 3 === 0 ? 0 : 1},${i % 2 === 0 ? "a" : "b"},${i === 7 ? "n.d." : 3 + i / 10}`);
    writeFileSync(path, rows.join("\n") + "\n");
    const ok = await runCli(["km", path, "--time", "time", "--event", "status", "--by", "group", "--json"]);
    expect(ok.stderr).toBe("");
    expect(ok.code).toBe(0);
    expect((JSON.parse(ok.stdout) as { n: number }).n).toBe(40);
    // the same stray value in a used column stops, as before
    const bad = await runCli(["km", path, "--time", "albumin", "--event", "status", "--json"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/DATA_INVALID_NUMBER|is not a number/);
    expect(bad.stderr).toContain("row 8");
    // a name that is not a column: the whole file is read, as without projection (here its stray value stops first)
    const misspeltHere = await runCli(["km", path, "--time", "albumine", "--event", "status", "--json"]);
    expect(misspeltHere.code).toBe(2);
    expect(misspeltHere.stderr).toContain("row 8");
    const clean = join(dir, "clean.csv");
    writeFileSync(clean, rows.map((r) => r.replace("n.d.", "3.7")).join("\n") + "\n");
    const misspelt = await runCli(["km", clean, "--time", "albumine", "--event", "status", "--json"]);
    expect(misspelt.code).toBe(2);
    expect(misspelt.stderr).toContain('has no column "albumine"');
    expect(misspelt.stderr).toContain('"albumin"');
  });
});
