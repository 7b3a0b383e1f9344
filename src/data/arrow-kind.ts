/**
 * Whether a data file is Arrow IPC (read-arrow.ts), by its first bytes or its name, without loading
 * apache-arrow: the CLI's reader (read-file-async.ts) loads the Arrow reader only for Arrow files.
 */

/** File names read as Arrow IPC (file format: .arrow, .feather, .ipc; stream format: .arrows). */
export const ARROW_EXT = /\.(arrow|feather|ipc|arrows)$/i;

/** "ARROW1": the first six bytes of an Arrow IPC file (Feather v2). */
export function isArrowFile(b: Uint8Array): boolean {
  return b.length >= 6 && b[0] === 0x41 && b[1] === 0x52 && b[2] === 0x52 && b[3] === 0x4f && b[4] === 0x57 && b[5] === 0x31;
}

/** An Arrow IPC stream begins with the continuation marker 0xFFFFFFFF. */
export function isArrowStream(b: Uint8Array): boolean {
  return b.length >= 8 && b[0] === 0xff && b[1] === 0xff && b[2] === 0xff && b[3] === 0xff;
}

/** Whether the file is to be read as Arrow IPC: by its first bytes, or by its name. */
export function isArrow(head: Uint8Array, file: string): boolean {
  return isArrowFile(head) || isArrowStream(head) || ARROW_EXT.test(file);
}
