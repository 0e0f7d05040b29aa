/** Cuts `text` to at most `max` characters, ending with "…" when it was cut. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Cuts `text` to at most `maxBytes` bytes of UTF-8 (GitHub counts annotation messages in bytes). */
export function clipBytes(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text) <= maxBytes) return text;
  let end = Math.min(text.length, maxBytes);
  while (Buffer.byteLength(text.slice(0, end)) > maxBytes - 3) end = Math.floor(end * 0.9);
  return `${text.slice(0, end)}…`;
}
