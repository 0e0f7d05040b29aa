/** A list written item by item: `map` runs on each item only when its turn to be written comes. */
export class JsonList<T> {
  constructor(readonly items: readonly T[], readonly map: (item: T) => unknown) {}
}

/**
 * `JSON.stringify(object, null, 2)`, in pieces: each item of a top-level list is written on its own,
 * so a report of a million changes is never one string (`Invalid string length`) nor one object tree.
 */
export function* jsonPieces(object: Record<string, unknown>): Generator<string> {
  const entries = Object.entries(object).filter(([, value]) => value !== undefined);
  if (entries.length === 0) return yield "{}";
  yield "{";
  for (const [i, [key, value]] of entries.entries()) {
    const comma = i < entries.length - 1 ? "," : "";
    const items = value instanceof JsonList ? value : Array.isArray(value) ? new JsonList(value, (x) => x) : undefined;
    if (!items || items.items.length === 0) {
      yield `\n  ${JSON.stringify(key)}: ${indent(JSON.stringify(items ? [] : value, null, 2), "  ")}${comma}`;
      continue;
    }
    yield `\n  ${JSON.stringify(key)}: [`;
    const last = items.items.length - 1;
    for (const [j, item] of items.items.entries()) yield `\n    ${indent(JSON.stringify(items.map(item), null, 2) ?? "null", "    ")}${j < last ? "," : ""}`;
    yield `\n  ]${comma}`;
  }
  yield "\n}";
}

function indent(json: string, prefix: string): string {
  return json.includes("\n") ? json.replace(/\n/g, `\n${prefix}`) : json;
}
