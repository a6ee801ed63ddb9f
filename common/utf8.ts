/**
 * Where bytes stop being UTF-8. JSON files are UTF-8 (RFC 8259, section 8.1) and Labelbox reads
 * import files so; bytes that are not UTF-8 are decoded as U+FFFD and would otherwise pass as
 * text nobody wrote.
 */

/** Byte offset of the first byte that does not start or continue a valid UTF-8 character, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i];
    if (lead < 0x80) {
      i++;
      continue;
    }
    // Continuation bytes and the ranges that keep encodings shortest and below U+10FFFF, outside the surrogates.
    let count: number;
    let min = 0x80;
    let max = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) count = 1;
    else if (lead >= 0xe0 && lead <= 0xef) {
      count = 2;
      if (lead === 0xe0) min = 0xa0;
      if (lead === 0xed) max = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      count = 3;
      if (lead === 0xf0) min = 0x90;
      if (lead === 0xf4) max = 0x8f;
    } else return i;
    for (let k = 1; k <= count; k++) {
      const next = bytes[i + k];
      if (next === undefined || next < (k === 1 ? min : 0x80) || next > (k === 1 ? max : 0xbf)) return i;
    }
    i += count + 1;
  }
  return -1;
}

/** The same check, fast for the common case of valid UTF-8. */
export function invalidUtf8Offset(bytes: Uint8Array): number {
  const isUtf8 = (globalThis as { Buffer?: { isUtf8?: (input: Uint8Array) => boolean } }).Buffer?.isUtf8;
  if (isUtf8?.(bytes)) return -1;
  return firstInvalidUtf8(bytes);
}
