import fc from "fast-check";

/**
 * Pieces that break YAML, Markdown and the record forms in the ways real hostile or damaged files do:
 * aliases and anchors, prototype keys, control characters, unbalanced brackets and fences, huge numbers,
 * dates at the ends of the calendar, long runs that make a pattern backtrack.
 */
export const HOSTILE_PIECES = [
  "*a", "&a ", "<<: *a", "__proto__", "constructor", "prototype", "\u0000", "\t", "\r", "\r\n", "\uFEFF", "\u2028", "🙂",
  "{", "}", "[", "]", "(", ")", ":", ": ", "- ", "---", "...", "|", "\\|", "\\", "#", "`", "```", "~~~", "<!--", "-->",
  "'", '"', "!!js/function", "!!binary", "? ", "%YAML 1.2", "1e400", "-1", "0", "99999999999999999999", "100000000", ".nan", ".inf",
  "0000-01-01", "9999-12-31", "1900-02-29", "2026-02-30", "version-locked at ", "–", " and ", ", ", ">=", "==", "~=", "||",
  "soup:", "package:", "versions:", "last_review_date:", "review_interval_days:", "| Package Name |", "| Deployed Version(s) |",
  " ".repeat(200), "-".repeat(200), "/".repeat(200), "[".repeat(200), "*".repeat(200), "1.".repeat(100),
];

type Mutation =
  | { op: "flip"; at: number; bit: number }
  | { op: "delete"; at: number; length: number }
  | { op: "duplicate"; at: number; length: number }
  | { op: "insert"; at: number; piece: string }
  | { op: "swap-lines"; a: number; b: number }
  | { op: "truncate"; at: number };

const position = fc.double({ min: 0, max: 1, noNaN: true });

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant("flip" as const), at: position.map((p) => p), bit: fc.integer({ min: 0, max: 6 }) }),
  fc.record({ op: fc.constant("delete" as const), at: position, length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ op: fc.constant("duplicate" as const), at: position, length: fc.integer({ min: 1, max: 200 }) }),
  fc.record({ op: fc.constant("insert" as const), at: position, piece: fc.oneof(fc.constantFrom(...HOSTILE_PIECES), fc.string({ unit: "binary", maxLength: 8 })) }),
  fc.record({ op: fc.constant("swap-lines" as const), a: position, b: position }),
  fc.record({ op: fc.constant("truncate" as const), at: position }),
);

function apply(text: string, m: Mutation): string {
  const at = (p: number) => Math.floor(p * text.length);
  switch (m.op) {
    case "flip": {
      const i = at(m.at);
      if (i >= text.length) return text;
      return text.slice(0, i) + String.fromCharCode(text.charCodeAt(i) ^ (1 << m.bit)) + text.slice(i + 1);
    }
    case "delete":
      return text.slice(0, at(m.at)) + text.slice(at(m.at) + m.length);
    case "duplicate":
      return text.slice(0, at(m.at) + m.length) + text.slice(at(m.at));
    case "insert":
      return text.slice(0, at(m.at)) + m.piece + text.slice(at(m.at));
    case "swap-lines": {
      const lines = text.split("\n");
      const a = Math.floor(m.a * lines.length);
      const b = Math.floor(m.b * lines.length);
      [lines[a], lines[b]] = [lines[b]!, lines[a]!];
      return lines.join("\n");
    }
    case "truncate":
      return text.slice(0, at(m.at));
  }
}

/** A real file with one to eight of the mutations above applied: damaged, cut, or laced with hostile pieces. */
export function mutated(text: string): fc.Arbitrary<string> {
  return fc.array(mutation, { minLength: 1, maxLength: 8 }).map((ms) => ms.reduce(apply, text));
}

/** Properties the prototypes of plain objects and arrays must never gain, whatever was parsed. */
export function expectNoPollution(): void {
  for (const proto of [Object.prototype, Array.prototype]) {
    for (const key of ["polluted", "path", "package", "a", "soup", "records", "name"]) {
      if (Object.hasOwn(proto, key)) throw new Error(`${key} was added to a prototype`);
    }
  }
}
