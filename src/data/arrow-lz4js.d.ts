/** Types for lz4js 0.2.0 (CommonJS, no bundled types): LZ4 frame format, used by arrow-codecs.ts. */
declare module "lz4js" {
  /** Decodes one LZ4 frame; `maxSize` bounds the output (default: read from the frame). */
  export function decompress(src: Uint8Array, maxSize?: number): Uint8Array;
  /** Encodes bytes as one LZ4 frame. */
  export function compress(src: Uint8Array, maxSize?: number): Uint8Array;
}
