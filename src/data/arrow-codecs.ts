/**
 * Decoders for compressed Arrow IPC bodies (issue 18): LZ4 frame (lz4js) and ZSTD (fzstd), registered
 * once in apache-arrow's `compressionRegistry`, so a compressed file (pyarrow's and R arrow's Feather
 * default is LZ4) is read exactly as an uncompressed one.
 *
 * Arrow spec (Message.fbs, BodyCompression; BUFFER method): each compressed buffer is an int64
 * little-endian uncompressed length followed by the codec's frame; a length of -1 means the bytes
 * follow uncompressed. apache-arrow 21 reads that prefix itself (reader.mjs, _decompressBuffers): the
 * codec gets only the frame, and -1 buffers never reach it. The decoder here still checks the decoded
 * length against the prefix (read just before the frame in the same ArrayBuffer), so a frame that
 * decodes to too few bytes stops instead of giving short columns. apache-arrow's own writer (21.2)
 * writes the *compressed* length in the prefix, so that value is accepted too.
 */
import { CompressionType, compressionRegistry } from "apache-arrow";
import { decompress as lz4Decompress } from "lz4js";
import { decompress as zstdDecompress } from "fzstd";

/** A compressed buffer that its codec cannot decode; read-arrow.ts turns it into DATA_ARROW_INVALID. */
export class ArrowCodecError extends Error {
  readonly codec: string;
  constructor(codec: string, detail: string) {
    super(detail);
    this.name = "ArrowCodecError";
    this.codec = codec;
  }
}

/** The int64 length prefix just before `frame` in its ArrayBuffer, or undefined when it is not there. */
export function lengthPrefix(frame: Uint8Array): number | undefined {
  if (frame.byteOffset < 8) return undefined;
  const v = new DataView(frame.buffer, frame.byteOffset - 8, 8).getBigInt64(0, true);
  return Number(v);
}

/** Wraps a frame decoder: errors and a decoded length that disagrees with the prefix become ArrowCodecError. */
export function checkedDecoder(codec: string, decode: (frame: Uint8Array) => Uint8Array): (frame: Uint8Array) => Uint8Array {
  return (frame) => {
    let out: Uint8Array;
    try {
      out = decode(frame);
    } catch (e) {
      throw new ArrowCodecError(codec, e instanceof Error ? e.message : String(e));
    }
    const expected = lengthPrefix(frame);
    if (expected !== undefined && expected >= 0 && out.length !== expected && expected !== frame.length) {
      throw new ArrowCodecError(codec, `a buffer decodes to ${out.length} bytes, but the file says ${expected}`);
    }
    // apache-arrow views the bytes as Float64Array/BigInt64Array…: a view must start on an 8-byte boundary
    return out.byteOffset % 8 === 0 ? out : out.slice();
  };
}

/** LZ4 frame decoder (lz4js ignores the optional checksums: the length check above is what guards it). */
export const decodeLz4 = checkedDecoder("LZ4", (frame) => lz4Decompress(frame));

/** ZSTD frame decoder (fzstd; its output can be a view at any offset, hence the copy above). */
export const decodeZstd = checkedDecoder("ZSTD", (frame) => zstdDecompress(frame));

/** Puts the decoders into apache-arrow's codec registry (idempotent; read-arrow.ts calls it once on load). */
export function registerArrowCodecs(): void {
  compressionRegistry.set(CompressionType.LZ4_FRAME, { decode: decodeLz4 });
  compressionRegistry.set(CompressionType.ZSTD, { decode: decodeZstd });
}
