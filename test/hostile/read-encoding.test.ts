/**
 * Issue 12, reading data: one Windows-1252 byte in an otherwise UTF-8 file used to make the whole file
 * decode as Windows-1252, so "männlich" written in UTF-8 and in Latin-1 became two groups. Now a file
 * mixing both is decoded row by row, with a warning naming the rows read as Windows-1252.
 */
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { decodeText, utf8SequenceLength } from "../../src/data/decode.js";
import { readTable } from "../../src/data/read.js";
import type { CategoricalColumn } from "../../src/data/table.js";
import { findColumn } from "../../src/data/table.js";
import { runCli } from "../helpers/cli.js";
import { cohort, tempDir } from "./read-helpers.js";
import { assertProperty, property } from "../helpers/property.js";

const tmp = tempDir("survinfer-encoding-");
afterAll(() => tmp.cleanup());

const SEED = 20261205;

/** Windows-1252 bytes of a string made of Latin-1 characters. */
function latin1(s: string): Uint8Array {
  return Uint8Array.from(s, (ch) => {
    const c = ch.charCodeAt(0);
    if (c > 0xff) throw new Error(`not Latin-1: ${ch}`);
    return c;
  });
}
const utf8 = (s: string) => new TextEncoder().encode(s);

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  let k = 0;
  for (const p of parts) {
    out.set(p, k);
    k += p.length;
  }
  return out;
}

/** time;status;sex rows, each row encoded as UTF-8 or (where `cp1252[i]`) Windows-1252. */
function mixedFile(sex: readonly string[], cp1252: readonly boolean[], eol = "\n"): Uint8Array {
  const c = cohort(sex.length);
  const lines: Uint8Array[] = [utf8(`time;status;sex${eol}`)];
  sex.forEach((s, i) => {
    const line = `${String(c.time[i]).replace(".", ",")};${c.status[i]};${s}${eol}`;
    lines.push(cp1252[i] ? latin1(line) : utf8(line));
  });
  return concat(lines);
}

describe("a file mixing UTF-8 and Windows-1252 rows", () => {
  it('puts "männlich" in both encodings in one group and names the rows read as Windows-1252', () => {
    const sex = ["männlich", "weiblich", "männlich", "männlich", "weiblich", "männlich"];
    // row 6 ("weiblich") is plain ASCII, the same in both encodings: not listed
    const bytes = mixedFile(sex, [false, false, true, false, true, true]);
    const r = readTable(bytes, { fileName: "mixed.csv" });
    const col = findColumn(r.table, "sex") as CategoricalColumn;
    expect(col.levels).toEqual(["männlich", "weiblich"]);
    expect(Array.from(col.codes)).toEqual([0, 1, 0, 0, 1, 0]);
    const w = r.warnings.join("\n");
    expect(w).toMatch(/mixed\.csv: mixed encodings: rows 4 and 7 are not valid UTF-8 and were read as Windows-1252/);
  });

  it("survinfer km --by sex gives two groups, not three", async () => {
    const sex = Array.from({ length: 30 }, (_, i) => (i % 3 === 0 ? "weiblich" : "männlich"));
    const file = tmp.write("km.csv", mixedFile(sex, sex.map((_, i) => i % 4 === 1)));
    const r = await runCli(["km", file, "--time", "time", "--event", "status", "--by", "sex", "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as { strata: { name: string; n: number }[]; warnings?: string[] };
    expect(j.strata.map((s) => [s.name, s.n])).toEqual([
      ["männlich", 20],
      ["weiblich", 10],
    ]);
  });

  it("counts a quoted value spanning lines as one row, and reads CRLF files", () => {
    const bytes = concat([utf8('id;note;sex\r\n1;"two\r\nlines";männlich\r\n'), latin1("2;x;männlich\r\n"), utf8("3;y;weiblich\r\n")]);
    const r = readTable(bytes, { fileName: "q.csv" });
    expect((findColumn(r.table, "sex") as CategoricalColumn).levels).toEqual(["männlich", "weiblich"]);
    expect(Array.from(r.table.rowNumbers)).toEqual([2, 3, 4]);
    expect(r.warnings.join("\n")).toMatch(/row 3 is not valid UTF-8/);
  });

  it("drops a UTF-8 BOM also when the file then turns out to be mixed", () => {
    const bytes = concat([Uint8Array.of(0xef, 0xbb, 0xbf), utf8("sex;x\nmännlich;1\n"), latin1("männlich;2\n")]);
    const r = readTable(bytes, { fileName: "bom.csv" });
    expect(r.table.columns.map((c) => c.name)).toEqual(["sex", "x"]);
    expect((findColumn(r.table, "sex") as CategoricalColumn).levels).toEqual(["männlich"]);
  });

  it("property: any split of rows between the two encodings gives the same table as all UTF-8, and the warning lists exactly the Windows-1252 rows", () => {
    const words = ["männlich", "weiblich", "Größe", "née", "€uro"];
    const arb = fc.array(fc.record({ word: fc.constantFrom(...words), cp: fc.boolean() }), { minLength: 1, maxLength: 40 });
    assertProperty(
      property(arb, (rows) => {
        const sex = rows.map((r) => r.word);
        const cp = rows.map((r) => r.cp);
        // at least one UTF-8 multibyte row is needed for "mixed": the header row carries one
        const header = utf8("Größe;sex\n");
        const body = rows.map((r, i) => (cp[i] ? latin1 : utf8)(`${i};${sex[i]}\n`.replace("€", cp[i] ? "\x80" : "€")));
        const r = readTable(concat([header, ...body]), { fileName: "p.csv" });
        const ref = readTable(utf8(`Größe;sex\n${rows.map((_, i) => `${i};${sex[i]}`).join("\n")}\n`), { fileName: "p.csv" });
        const a = findColumn(r.table, "sex") as CategoricalColumn;
        const b = findColumn(ref.table, "sex") as CategoricalColumn;
        expect(a.levels).toEqual(b.levels);
        expect(Array.from(a.codes)).toEqual(Array.from(b.codes));
        // a row is listed when it is Windows-1252 and not plain ASCII (ASCII is the same in both)
        const cpRows = cp.flatMap((c, i) => (c && /[^ -~]/.test(sex[i]) ? [i + 2] : []));
        const w = r.warnings.find((x) => x.includes("mixed encodings"));
        if (cpRows.length === 0) expect(w).toBeUndefined();
        else {
          expect(w).toBeDefined();
          const part = (w as string).split("mixed encodings: ")[1].split(/ (?:is|are) not| \(/)[0];
          expect((part.match(/\d+/g) ?? []).map(Number)).toEqual(cpRows.slice(0, 10));
          if (cpRows.length > 10) expect(w).toContain(`(${cpRows.length} rows)`);
        }
      }),
      { seed: SEED, numRuns: 150 },
    );
  });
});

describe("files in one encoding", () => {
  it("a Windows-1252 file without any UTF-8 character is read as Windows-1252 with a note", () => {
    const r = readTable(latin1("sex;x\nmännlich;1\nweiblich;2\n"), { fileName: "w.csv" });
    expect((findColumn(r.table, "sex") as CategoricalColumn).levels).toEqual(["männlich", "weiblich"]);
    expect(r.warnings.join("\n")).toMatch(/w\.csv: not valid UTF-8 and no UTF-8 characters at all; read as Windows-1252/);
  });

  it("decodes Windows-1252's 0x80–0x9F as WHATWG says (€, „, –, “), not as Latin-1 controls", () => {
    const w: string[] = [];
    expect(decodeText(Uint8Array.of(0x80, 0x84, 0x96, 0x93, 0x94, 0xe4, 0x0a), "w.csv", w)).toBe("€„–“”ä\n");
    expect(w).toHaveLength(1);
  });

  it("a valid UTF-8 file has no encoding warning", () => {
    const r = readTable(utf8("sex;x\nmännlich;1\nweiblich;2\n"), { fileName: "u.csv" });
    expect(r.warnings).toEqual([]);
    expect(decodeText(utf8("äöü€"), "u.csv", [])).toBe("äöü€");
  });

  it("utf8SequenceLength follows Unicode's well-formedness table (no overlongs, surrogates or > U+10FFFF)", () => {
    const len = (...b: number[]) => utf8SequenceLength(Uint8Array.from(b), 0, b.length);
    expect(len(0x41)).toBe(1);
    expect(len(0xc3, 0xa4)).toBe(2); // ä
    expect(len(0xe2, 0x82, 0xac)).toBe(3); // €
    expect(len(0xf0, 0x9f, 0x98, 0x80)).toBe(4); // 😀
    expect(len(0xc0, 0x80)).toBe(0); // overlong NUL
    expect(len(0xe0, 0x80, 0x80)).toBe(0); // overlong
    expect(len(0xed, 0xa0, 0x80)).toBe(0); // surrogate D800
    expect(len(0xf4, 0x90, 0x80, 0x80)).toBe(0); // > U+10FFFF
    expect(len(0xe4, 0x6e)).toBe(0); // Latin-1 ä followed by n
    expect(len(0xe2, 0x82)).toBe(0); // truncated
    // agrees with TextDecoder(fatal) on every 2-byte sequence
    for (let a = 0x80; a < 0x100; a++) {
      for (let b = 0; b < 0x100; b += 7) {
        let ok = true;
        try {
          new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.of(a, b));
        } catch {
          ok = false;
        }
        expect(len(a, b) === 2, `${a},${b}`).toBe(ok);
      }
    }
  });
});

describe("a declared encoding is obeyed (data.encoding, --encoding, the app's control)", () => {
  const bytes = concat([utf8("id,sex\n1,female\n"), latin1("2,männlich\n"), utf8("3,männlich\n")]);

  it("windows-1252 decodes every byte as Windows-1252, with no detection and no warning", () => {
    const warnings: string[] = [];
    const text = decodeText(latin1("id,sex\n1,männlich\n"), "x.csv", warnings, "windows-1252");
    expect(text).toBe("id,sex\n1,männlich\n");
    expect(warnings).toEqual([]);
    // UTF-8 bytes read as Windows-1252 are what the user asked for: "Ã¤"
    expect(decodeText(utf8("ä"), "x.csv", [], "windows-1252")).toBe("Ã¤");
  });

  it("utf-8 refuses bytes that are not UTF-8 instead of falling back, naming the file and the row", () => {
    let err: unknown;
    try {
      readTable(bytes, { fileName: "cohort.csv", encoding: "utf-8" });
    } catch (e) {
      err = e;
    }
    expect(err).toMatchObject({ code: "DATA_NOT_UTF8", location: { file: "cohort.csv", row: 3 } });
    expect(String((err as Error).message)).toMatch(/declared UTF-8 but byte \d+ \(0xe4\) is not valid UTF-8/);
    // undeclared, the same bytes are read row by row (issue 12)
    const t = readTable(bytes, { fileName: "cohort.csv" });
    expect((findColumn(t.table, "sex") as CategoricalColumn).levels).toEqual(["female", "männlich"]);
  });

  it("is refused for a workbook, and an unknown encoding is refused by name", () => {
    expect(() => readTable(bytes, { fileName: "cohort.xlsx", encoding: "utf-8" })).toThrow(/encoding/);
    expect(() => readTable(bytes, { fileName: "cohort.csv", encoding: "latin9" as never })).toThrow(/utf-8 \| windows-1252/);
  });

  it("the CLI's --encoding reaches the reader", async () => {
    const file = tmp.write("enc.csv", latin1("id,time,status\n1,5,1\n2,7,0\n3,9,1\n"));
    const r = await runCli(["km", file, "--time", "time", "--event", "status", "--encoding", "utf-8", "--json"]);
    expect(r.code).toBe(0);
    const bad = tmp.write("enc-bad.csv", concat([utf8("id,time,status,sex\n1,5,1,f\n"), latin1("2,7,0,ä\n")]));
    const r2 = await runCli(["km", bad, "--time", "time", "--event", "status", "--encoding", "utf-8"]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/row 3/);
  });
});
