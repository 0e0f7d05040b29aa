import fc from "fast-check";
import { readBerryLayout } from "../../src/lockfiles/npm/yarn-berry-reader.js";
import { listFixtures, readFixture } from "../lockfiles/corpus.js";
import { berryKeyOrder, berryLines, berryTexts, jsYamlReads } from "../lockfiles/npm/yarn-berry-texts.js";
import { HOSTILE_PIECES, mutated } from "./damage.js";
import { expectPrototypesClean, FUZZ_TIMEOUT } from "./lockfiles-loaded.js";
import { FUZZ_OPTIONS } from "./runs.js";

/**
 * The berry reader on damaged texts, Yarn's own and the corpus's: whatever the damage, it gives up, or it
 * gives exactly what js-yaml gives (js-yaml then reading the text without error), with each top-level
 * key's line. It may give up on text js-yaml reads; it may never read text otherwise.
 */

/** What breaks YAML and Yarn's layout in one or two characters: quotes, escapes, indicators, markers, line ends. */
const YAML_PIECES = [
  '"', "'", "\\", ":", ": ", " ", "  ", "#", " #", "\n", "\n\n", "\t", "\r", "\r\n", "{", "}", "[", "]", ",", "&a ", "*a", "!", "!!str ",
  "|", ">", "- ", "? ", "%", "@", "`", "...", "---", "<<", "__proto__", "constructor", "\\x41", "\\u0041", "\\u00", "\\e", "\\ ", '\\"',
  "\\n", "\\ud800", "\\/", "\uFEFF", "\u2028", "\u0085", "\u00a0", "\ud800", "\udc00", "😀", "é", "\u0000", "\u007f", "\u0001",
];

const piece = fc.oneof(fc.constantFrom(...YAML_PIECES), fc.constantFrom(...HOSTILE_PIECES), fc.string({ unit: "binary", maxLength: 4 }));
const position = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });

type Damage =
  | { op: "insert"; at: number; piece: string }
  | { op: "replace"; at: number; length: number; piece: string }
  | { op: "delete"; at: number; length: number }
  | { op: "duplicate a line"; at: number }
  | { op: "indent a line"; at: number; by: number };

const damage: fc.Arbitrary<Damage> = fc.oneof(
  fc.record({ op: fc.constant("insert" as const), at: position, piece }),
  fc.record({ op: fc.constant("replace" as const), at: position, length: fc.integer({ min: 1, max: 4 }), piece }),
  fc.record({ op: fc.constant("delete" as const), at: position, length: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ op: fc.constant("duplicate a line" as const), at: position }),
  fc.record({ op: fc.constant("indent a line" as const), at: position, by: fc.integer({ min: -4, max: 4 }).filter((by) => by !== 0) }),
);

function apply(text: string, damage: Damage): string {
  const at = Math.floor(damage.at * text.length);
  switch (damage.op) {
    case "insert":
      return text.slice(0, at) + damage.piece + text.slice(at);
    case "replace":
      return text.slice(0, at) + damage.piece + text.slice(at + damage.length);
    case "delete":
      return text.slice(0, at) + text.slice(at + damage.length);
    case "duplicate a line":
    case "indent a line": {
      const lines = text.split("\n");
      const index = Math.floor(damage.at * lines.length);
      const line = lines[index]!;
      if (damage.op === "duplicate a line") lines.splice(index, 0, line);
      else lines[index] = damage.by > 0 ? " ".repeat(damage.by) + line : line.replace(new RegExp(`^ {0,${-damage.by}}`), "");
      return lines.join("\n");
    }
  }
}

/** The reader's answer, when it gives one, is js-yaml's. */
function expectJsYamlsReadingOrNothing(text: string): void {
  const read = readBerryLayout(text);
  expectPrototypesClean();
  if (read === undefined) return;
  const loaded = jsYamlReads(text);
  expect(read.data).toStrictEqual(loaded);
  expect(berryKeyOrder(read.data)).toEqual(berryKeyOrder(loaded));
  expect(read.lines).toEqual(berryLines(text, Object.keys(loaded as object)));
}

const FIXTURE_TEXTS = listFixtures("yarn-berry").map(readFixture);
const original = fc.oneof(berryTexts, fc.constantFrom(...FIXTURE_TEXTS));

describe("berry reader, damaged texts", () => {
  test("the corpus is there to damage", () => {
    expect(FIXTURE_TEXTS).toHaveLength(8);
  });

  test("a few characters or lines damaged", () => {
    fc.assert(
      fc.property(original, fc.array(damage, { minLength: 1, maxLength: 4 }), (text, damages) => {
        expectJsYamlsReadingOrNothing(damages.reduce(apply, text));
      }),
      FUZZ_OPTIONS,
    );
  }, FUZZ_TIMEOUT);

  test("damaged the way files get damaged (flipped bits, cuts, swapped lines, hostile pieces)", () => {
    fc.assert(
      fc.property(original.chain(mutated), (text) => {
        expectJsYamlsReadingOrNothing(text);
      }),
      FUZZ_OPTIONS,
    );
  }, FUZZ_TIMEOUT);
});
