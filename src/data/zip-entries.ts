/**
 * The ZIP central directory walked as SheetJS 0.20.3 walks it (`parse_zip`): the end-of-central-directory
 * record found from the end, entries from the central directory, data at the offset its local header
 * gives, sizes from the local header with ZIP64 overrides. Used by `xlsx-limits.ts` to check a workbook
 * before SheetJS parses it; CRC-32 as ZIP stores it (APPNOTE.TXT 4.4.7).
 */
import { SurvinferError } from "../errors.js";

/** CRC-32 (ISO-HDLC, reflected polynomial 0xEDB88320), the checksum ZIP stores for every part. */
const CRC_TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();
/** Continues the CRC-32 `crc` (0 to start) over `b`, as zlib's `crc32(crc, buf, len)`. */
export function crc32(crc: number, b: Uint8Array): number {
  let c = ~crc;
  for (let i = 0; i < b.length; i++) c = CRC_TABLE[(c ^ b[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

function u16(b: Uint8Array, i: number): number {
  return b[i] | (b[i + 1] << 8);
}
function u32(b: Uint8Array, i: number): number {
  return (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16)) + b[i + 3] * 0x1000000;
}
function u64(b: Uint8Array, i: number): number {
  return u32(b, i) + u32(b, i + 4) * 0x100000000;
}

/** ZIP64 extended information (header id 0x0001) as SheetJS reads it: unpacked size, then packed size. */
function zip64(b: Uint8Array, start: number, len: number): { usz?: number; csz?: number } {
  let i = start;
  const end = Math.min(start + len, b.length);
  while (i + 4 <= end) {
    const id = u16(b, i);
    const sz = u16(b, i + 2);
    if (id === 0x0001) {
      const out: { usz?: number; csz?: number } = {};
      if (sz >= 8 && i + 12 <= end) out.usz = u64(b, i + 4);
      if (sz >= 16 && i + 20 <= end) out.csz = u64(b, i + 12);
      return out;
    }
    i += 4 + sz;
  }
  return {};
}

export interface ZipEntry {
  readonly name: string;
  readonly crc: number;
  readonly method: number;
  readonly dataStart: number;
  readonly packed: number;
  readonly declared: number;
  /** The unpacked size SheetJS will use (local header, ZIP64 overrides); 0 when a data descriptor follows. */
  readonly localSize: number;
}

export function damagedWorkbook(file: string, what: string): SurvinferError {
  return new SurvinferError({
    code: "DATA_UNREADABLE_WORKBOOK",
    message: `could not be read as a spreadsheet (damaged ZIP archive: ${what})`,
    file,
    hint: "Open it in Excel and save it again as .xlsx, or export the sheet as CSV (UTF-8)",
  });
}

/** Central directory → entries, as SheetJS `parse_zip` walks it; a structure outside the file is `DATA_UNREADABLE_WORKBOOK`. */
export function zipEntries(bytes: Uint8Array, file: string): ZipEntry[] {
  let eocd = bytes.length - 4;
  while (eocd >= 0 && !(bytes[eocd] === 0x50 && bytes[eocd + 1] === 0x4b && bytes[eocd + 2] === 0x05 && bytes[eocd + 3] === 0x06)) eocd--;
  if (eocd < 0 || eocd + 20 > bytes.length) throw damagedWorkbook(file, "no end-of-central-directory record");
  const count = u16(bytes, eocd + 8);
  let p = u32(bytes, eocd + 16);
  const out: ZipEntry[] = [];
  for (let k = 0; k < count; k++) {
    if (p + 46 > bytes.length) throw damagedWorkbook(file, `central directory entry ${k + 1} lies outside the file`);
    const crc = u32(bytes, p + 16);
    let csz = u32(bytes, p + 20);
    let usz = u32(bytes, p + 24);
    const nameLen = u16(bytes, p + 28);
    const extraLen = u16(bytes, p + 30);
    const commentLen = u16(bytes, p + 32);
    const offset = u32(bytes, p + 42);
    const cd64 = zip64(bytes, p + 46 + nameLen, extraLen);
    const name = new TextDecoder().decode(bytes.subarray(p + 46, Math.min(p + 46 + nameLen, bytes.length)));
    p += 46 + nameLen + extraLen + commentLen;
    if (cd64.usz) usz = cd64.usz;
    if (cd64.csz) csz = cd64.csz;

    const h = offset + 4; // just after the local header signature, as SheetJS positions it
    if (h + 26 > bytes.length) throw damagedWorkbook(file, `part ${JSON.stringify(name)} lies outside the file`);
    const method = u16(bytes, h + 4);
    let lcsz = u32(bytes, h + 14);
    let lusz = u32(bytes, h + 18);
    const lNameLen = u16(bytes, h + 22);
    const lExtraLen = u16(bytes, h + 24);
    if (lExtraLen > 0) {
      const l64 = zip64(bytes, h + 26 + lNameLen, lExtraLen);
      if (l64.usz) lusz = l64.usz;
      if (l64.csz) lcsz = l64.csz;
      if (cd64.usz) lusz = cd64.usz;
      if (cd64.csz) lcsz = cd64.csz;
    }
    const dataStart = h + 26 + lNameLen + lExtraLen;
    // A local header without sizes (data descriptor follows the data): the central directory has them.
    const packed = lcsz > 0 ? lcsz : csz;
    out.push({ name, crc, method, dataStart, packed, declared: Math.max(lusz, usz, method === 0 ? packed : 0), localSize: lusz });
  }
  return out;
}
