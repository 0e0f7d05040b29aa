import { Buffer, isAscii } from "node:buffer";

/**
 * Decodes a file's bytes as text. pip accepts UTF-16 requirements files (PowerShell's `>` writes them with
 * a byte-order mark), so the BOM decides; everything else is UTF-8, with a UTF-8 BOM dropped. Nearly every
 * lockfile is plain ASCII, whose bytes are their characters: it is copied as Latin-1, a fraction of the
 * cost of decoding UTF-8 (`isAscii` looks at all the bytes at once).
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  if (isAscii(bytes)) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  return new TextDecoder("utf-8", { ignoreBOM: false }).decode(bytes);
}
