/**
 * The canonical JSON of a value: object keys sorted (by UTF-16 code units, JavaScript's default order),
 * no whitespace, strings and numbers written as `JSON.stringify` writes them, properties whose value is
 * `undefined` left out. For the values an entry holds (strings, integers, booleans, null, arrays, plain
 * objects) this is the JSON Canonicalization Scheme of RFC 8785, so an auditor can recompute a hash with
 * any JCS implementation.
 *
 * Written here rather than taken from a library on purpose: every hash in every stored chain depends on
 * these exact bytes, so they must never change with a dependency update.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === "boolean" || typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new TypeError(`canonical JSON has no form for the number ${value}`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    return `[${value.map((item) => (item === undefined ? failOn("undefined in an array") : canonicalJson(item))).join(",")}]`;
  }
  if (typeof value === "object" && isPlainObject(value)) {
    const fields = Object.keys(value)
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${fields.join(",")}}`;
  }
  return failOn(typeof value === "object" ? "an object that is not plain data" : `a ${typeof value}`);
}

function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function failOn(what: string): never {
  throw new TypeError(`canonical JSON has no form for ${what}`);
}
