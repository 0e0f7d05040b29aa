/** The most characters of one value a message quotes: enough to recognise it, never a page. */
export const MAX_QUOTED = 80;

/**
 * How a message shows a value someone wrote: a string in double quotes, a number or boolean as written,
 * a list or mapping as JSON — cut to `max` characters with "…". The JSON is written only as far as it
 * is shown, without recursion: a YAML alias bomb (shared lists nested eight deep) would expand to
 * gigabytes under `JSON.stringify`, and a value nested ten thousand deep would overflow the stack.
 */
export function quoteValue(value: unknown, max = MAX_QUOTED): string {
  let out = "";
  // Work left to do, last first: a value to write, or literal text (brackets, commas, keys).
  const first = { value };
  const stack: Array<{ value: unknown } | string> = [first];
  while (stack.length > 0 && out.length <= max) {
    const next = stack.pop()!;
    if (typeof next === "string") {
      out += next;
      continue;
    }
    const v = next.value;
    if (typeof v === "string") out += JSON.stringify(v.length > max ? v.slice(0, max + 1) : v);
    else if (v === null) out += "null";
    else if (v === undefined) out += next === first ? "nothing" : "null";
    else if (typeof v === "number" || typeof v === "boolean" || typeof v === "bigint") out += String(v);
    else if (Array.isArray(v)) {
      stack.push("]");
      // Only the items that can still be shown are visited: a list of a million items costs as little as one of ten.
      for (let i = Math.min(v.length, max) - 1; i >= 0; i--) stack.push({ value: v[i] }, i > 0 ? "," : "");
      out += "[";
    } else if (typeof v === "object") {
      stack.push("}");
      const keys: string[] = [];
      for (const key in v) {
        if (!Object.hasOwn(v, key)) continue;
        if (keys.length > max) break;
        keys.push(key);
      }
      for (let i = keys.length - 1; i >= 0; i--) stack.push({ value: (v as Record<string, unknown>)[keys[i]!] }, `${i > 0 ? "," : ""}${JSON.stringify(keys[i]!.slice(0, max + 1))}:`);
      out += "{";
    } else out += typeof v;
  }
  return out.length > max || stack.length > 0 ? `${out.slice(0, max - 1)}…` : out;
}
