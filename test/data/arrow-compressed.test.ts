/**
 * Compressed Arrow IPC bodies (issue 18; src/data/arrow-codecs.ts): a file whose record batches are
 * LZ4-frame or ZSTD compressed gives the same Table and the same `km --json` as the uncompressed file;
 * the int64 length prefix of each buffer is read by apache-arrow, not handed to the codec; a damaged
 * buffer stops with DATA_ARROW_INVALID naming the file; a codec survinfer lacks with DATA_ARROW_COMPRESSED.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { CompressionType, Dictionary, Float64, Int32, RecordBatchFileWriter, RecordBatchStreamWriter, Table as ArrowTable, Utf8, compressionRegistry, vectorFromArray } from "apache-arrow";
import { compress as lz4Compress } from "lz4js";
import { afterAll, describe, expect, it } from "vitest";
import { thrownSurvinferError } from "../helpers/survinfer-error.js";
import { readArrow } from "../../src/data/read-arrow.js";
import { decodeLz4, decodeZstd, lengthPrefix, registerArrowCodecs } from "../../src/data/arrow-codecs.js";
import { runCli } from "../helpers/cli.js";

const here = dirname(fileURLToPath(import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "survinfer-arrow-lz4-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const error = thrownSurvinferError;

/** A cohort with repeated values (so LZ4 shrinks its buffers), a missing value and a dictionary column. */
function cohort(n: number): ArrowTable {
  const time: number[] = [];
  const status: number[] = [];
  const group: string[] = [];
  const size: (number | null)[] = [];
  for (let i = 0; i < n; i++) {
    time.push(((i * 37) % 60) + 0.5);
    status.push(i % 3 === 0 ? 0 : 1);
    group.push(i % 2 === 0 ? "surgery" : "no surgery");
    size.push(i % 7 === 3 ? null : (i % 5) * 10);
  }
  return new ArrowTable({
    time: vectorFromArray(time, new Float64()),
    status: vectorFromArray(status, new Int32()),
    group: vectorFromArray(group, new Dictionary(new Utf8(), new Int32())),
    size: vectorFromArray(size, new Float64()),
  });
}

/** Writes `t` with `type` compression through apache-arrow's writer, `encode` registered for the write only. */
function writeCompressed(t: ArrowTable, type: CompressionType, encode: (b: Uint8Array) => Uint8Array, format: "file" | "stream" = "file"): Uint8Array {
  compressionRegistry.set(type, { encode });
  try {
    const writer = format === "file" ? RecordBatchFileWriter : RecordBatchStreamWriter;
    return writer.writeAll(t, { compressionType: type }).toUint8Array(true);
  } finally {
    registerArrowCodecs();
  }
}

const lz4 = (b: Uint8Array): Uint8Array => Uint8Array.from(lz4Compress(b));

/** Byte offset of `needle` in `hay`, or -1. */
function indexOf(hay: Uint8Array, needle: Uint8Array, from = 0): number {
  outer: for (let i = from; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

const LZ4_MAGIC = Uint8Array.from([0x04, 0x22, 0x4d, 0x18]);

describe("LZ4-frame compressed Arrow files", () => {
  const t = cohort(200);
  const plain = RecordBatchFileWriter.writeAll(t).toUint8Array(true);
  const packed = writeCompressed(t, CompressionType.LZ4_FRAME, lz4);

  it("really are compressed (LZ4 frames in the body, smaller than the plain file)", () => {
    expect(indexOf(packed, LZ4_MAGIC)).toBeGreaterThan(0);
    expect(indexOf(plain, LZ4_MAGIC)).toBe(-1);
    expect(packed.length).toBeLessThan(plain.length);
  });

  it("give the identical Table, inference and warnings as the uncompressed file (file and stream format)", () => {
    const a = readArrow(plain, { fileName: "c.arrow" });
    const b = readArrow(packed, { fileName: "c.arrow" });
    expect(b.table).toEqual(a.table);
    expect(b.inference).toEqual(a.inference);
    expect(b.warnings).toEqual(a.warnings);
    const stream = writeCompressed(t, CompressionType.LZ4_FRAME, lz4, "stream");
    const s = readArrow(stream, { fileName: "c.arrows" });
    expect(s.table.columns).toEqual(a.table.columns);
    expect(s.format).toEqual({ kind: "arrow", format: "stream" });
    const size = a.table.columns.find((c) => c.name === "size");
    expect(size?.kind === "numeric" && Number.isNaN(size.values[3])).toBe(true);
  });

  it("give the identical km --json as the uncompressed file, and the input is not modified", async () => {
    const p = join(dir, "plain.arrow");
    const z = join(dir, "lz4.feather");
    writeFileSync(p, plain);
    writeFileSync(z, packed);
    const args = (f: string) => ["km", f, "--time", "time", "--event", "status", "--by", "group", "--times", "12,24", "--json"];
    const r1 = await runCli(args(p));
    const r2 = await runCli(args(z));
    expect(r1.code, r1.stderr).toBe(0);
    expect(r2.code, r2.stderr).toBe(0);
    const neutral = (s: string, f: string) => s.split(f).join("DATA").split(f.replace(/^.*\//, "")).join("DATA");
    expect(neutral(r2.stdout, z)).toEqual(neutral(r1.stdout, p));
    expect(r2.stdout.length).toBeGreaterThan(100);
    expect(readFileSync(z).equals(Buffer.from(packed))).toBe(true);
  });

  it("hands the codec the frame only: the int64 length prefix sits just before it and is not part of it", () => {
    const file = Uint8Array.from(packed);
    const seen: { first: number[]; prefix: number | undefined; frameLength: number; at: number; decoded: number; sameBuffer: boolean }[] = [];
    compressionRegistry.set(CompressionType.LZ4_FRAME, {
      decode: (frame: Uint8Array) => {
        const out = decodeLz4(frame);
        seen.push({ first: Array.from(frame.subarray(0, 4)), prefix: lengthPrefix(frame), frameLength: frame.length, at: frame.byteOffset - 8, decoded: out.length, sameBuffer: frame.buffer === file.buffer });
        return out;
      },
    });
    try {
      readArrow(file, { fileName: "c.arrow" });
    } finally {
      registerArrowCodecs();
    }
    expect(seen.length).toBeGreaterThan(0);
    for (const s of seen) {
      expect(s.first).toEqual(Array.from(LZ4_MAGIC));
      // apache-arrow's writer (21.2) puts the compressed length in the prefix, not the uncompressed one
      expect(s.prefix).toBe(s.frameLength);
      expect(s.sameBuffer).toBe(true);
    }
    // as the spec says and pyarrow writes it: the uncompressed length in every prefix reads the same
    const view = new DataView(file.buffer);
    for (const s of seen) view.setBigInt64(s.at, BigInt(s.decoded), true);
    expect(readArrow(file, { fileName: "c.arrow" }).table.columns).toEqual(readArrow(plain, { fileName: "c.arrow" }).table.columns);
  });

  it("a buffer whose prefix says -1 is read as stored (never decoded)", () => {
    // 16 bytes do not shrink (an LZ4 frame alone takes 15 bytes of header and end mark): stored with the -1 prefix
    const noise = [0.1234, 98.765];
    const t2 = new ArrowTable({ x: vectorFromArray(noise, new Float64()) });
    let decoded = 0;
    const bytes = writeCompressed(t2, CompressionType.LZ4_FRAME, lz4);
    compressionRegistry.set(CompressionType.LZ4_FRAME, {
      decode: (f: Uint8Array) => {
        decoded++;
        return decodeLz4(f);
      },
    });
    try {
      const col = readArrow(bytes, { fileName: "n.arrow" }).table.columns[0];
      expect(col.kind === "numeric" && Array.from(col.values)).toEqual(noise);
    } finally {
      registerArrowCodecs();
    }
    expect(decoded).toBe(0);
  });

  it("a damaged LZ4 buffer stops with DATA_ARROW_INVALID naming the file, and no table", () => {
    const broken = Uint8Array.from(packed);
    const at = indexOf(broken, LZ4_MAGIC);
    broken[at + 4] = 0x00; // frame descriptor version 00: not an LZ4 frame
    const e = error(() => readArrow(broken, { fileName: "broken.feather" }));
    expect(e.code).toBe("DATA_ARROW_INVALID");
    expect(e.location.file).toBe("broken.feather");
    expect(e.message).toContain("LZ4-compressed buffer that cannot be decoded");
    // a wrong uncompressed length in the prefix is caught too
    const short = Uint8Array.from(packed);
    const view = new DataView(short.buffer);
    const prefixAt = indexOf(short, LZ4_MAGIC) - 8;
    view.setBigInt64(prefixAt, view.getBigInt64(prefixAt, true) + 1000n, true);
    const e2 = error(() => readArrow(short, { fileName: "short.feather" }));
    expect(e2.code).toBe("DATA_ARROW_INVALID");
    expect(e2.message).toContain("the file says");
  });

  it("a codec survinfer has no decoder for stops with DATA_ARROW_COMPRESSED, saying what it reads", () => {
    const bytes = writeCompressed(t, CompressionType.LZ4_FRAME, lz4);
    compressionRegistry.set(CompressionType.LZ4_FRAME, null as never);
    try {
      const e = error(() => readArrow(bytes, { fileName: "lz4.feather" }));
      expect(e.code).toBe("DATA_ARROW_COMPRESSED");
      expect(e.message).toContain("LZ4-frame and ZSTD");
      expect(e.location.file).toBe("lz4.feather");
    } finally {
      registerArrowCodecs();
    }
  });
});

describe("ZSTD compressed Arrow buffers", () => {
  const frame = new Uint8Array(readFileSync(join(here, "..", "fixtures", "arrow", "float64-8.zst")));
  const values = [5, 8, 12, 12, 20, 31.5, 40, 40];

  it("the registered decoder decodes a zstd frame laid out as Arrow lays it (int64 uncompressed length, then the frame)", () => {
    const body = new Uint8Array(8 + frame.length);
    new DataView(body.buffer).setBigInt64(0, 64n, true);
    body.set(frame, 8);
    const out = decodeZstd(body.subarray(8)).slice();
    expect(Array.from(new Float64Array(out.buffer, 0, 8))).toEqual(values);
    // a prefix that disagrees with the decoded length is refused
    new DataView(body.buffer).setBigInt64(0, 72n, true);
    expect(() => decodeZstd(body.subarray(8))).toThrow(/decodes to 64 bytes, but the file says 72/);
  });

  /** A stand-in for a buffer the writer must store as it is: longer than `b`, with the zstd magic its validator checks. */
  const longer = (b: Uint8Array): Uint8Array => {
    const out = new Uint8Array(Math.max(6, b.length + 1));
    out.set([0x28, 0xb5, 0x2f, 0xfd]);
    return out;
  };

  it("a file whose Float64 buffer is a real zstd frame reads as the uncompressed file", () => {
    const t = new ArrowTable({ time: vectorFromArray(values, new Float64()) });
    const payload = new Uint8Array(new Float64Array(values).buffer);
    // fzstd cannot encode: the encoder returns the committed frame for this payload, else a longer
    // buffer (which the writer then stores uncompressed, prefix -1)
    const encode = (b: Uint8Array) => (b.length === payload.length && b.every((x, i) => x === payload[i]) ? frame : longer(b));
    const bytes = writeCompressed(t, CompressionType.ZSTD, encode);
    expect(indexOf(bytes, frame)).toBeGreaterThan(0);
    const col = readArrow(bytes, { fileName: "z.arrow" }).table.columns[0];
    expect(col.kind === "numeric" && Array.from(col.values)).toEqual(values);
  });

  it("a damaged zstd frame stops with DATA_ARROW_INVALID naming the file", () => {
    const t = new ArrowTable({ time: vectorFromArray(values, new Float64()) });
    const bad = Uint8Array.from(frame);
    bad[0] = 0x00; // not the zstd magic number
    const bytes = writeCompressed(t, CompressionType.ZSTD, (b) => (b.length === 64 ? bad : longer(b)));
    const e = error(() => readArrow(bytes, { fileName: "z.arrow" }));
    expect(e.code).toBe("DATA_ARROW_INVALID");
    expect(e.location.file).toBe("z.arrow");
    expect(e.message).toContain("ZSTD-compressed buffer");
  });
});
