/** Drops a leading UTF-8 byte-order mark, which editors on Windows write and JSON and YAML parsers refuse. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
