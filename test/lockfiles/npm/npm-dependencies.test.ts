import fc from "fast-check";
import { ENTRY, readEntry, type EntryFields } from "../../../src/lockfiles/npm/npm-dependencies.js";
import { conforms } from "../../../src/lockfiles/common/shape.js";
import { FUZZ_OPTIONS } from "../../fuzz/runs.js";

/**
 * lockfileVersion 1 entries are checked by `readEntry`, one pass written for speed, against the shape
 * that words the messages (`ENTRY`): the two must agree on every value, or a damaged entry would pass
 * unnoticed, or be refused with no message to give.
 */
const FIELDS = ["version", "resolved", "integrity", "from", "dev", "optional", "devOptional", "peer", "bundled", "requires", "dependencies"];

const leaf = fc.oneof(fc.string({ maxLength: 6 }), fc.boolean(), fc.integer(), fc.constant(null), fc.constant([]), fc.constant({}));
const stringMap = fc.dictionary(fc.string({ maxLength: 4 }), fc.string({ maxLength: 4 }), { maxKeys: 3 });
const value = fc.oneof(leaf, stringMap, fc.dictionary(fc.string({ maxLength: 4 }), leaf, { maxKeys: 3 }));
const key = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...FIELDS) }, { weight: 1, arbitrary: fc.constantFrom("__proto__", "constructor", "license", "name", "") });
/** Entries as JSON.parse makes them: own keys only, `__proto__` among them. */
const entry = fc.array(fc.tuple(key, value), { maxLength: 6 }).map((pairs) => JSON.parse(JSON.stringify(Object.fromEntries(pairs))) as unknown);

const fields = (): EntryFields => ({ version: "", dev: false, dependencies: undefined });

describe("lockfileVersion 1 entries", () => {
  test("readEntry accepts exactly what the entry shape accepts", () => {
    fc.assert(
      fc.property(fc.oneof(entry, leaf), (candidate) => {
        expect(readEntry(candidate, fields())).toBe(conforms(candidate, ENTRY));
      }),
      FUZZ_OPTIONS,
    );
  });

  test("readEntry reads the version, the dev flag and the nested map, and forgets the entry read before", () => {
    const read = fields();
    const nested = { b: { version: "1.0.0" } };
    expect(readEntry(JSON.parse(`{"version":"2.0.0","dev":true,"requires":{"b":"^1.0.0"},"dependencies":${JSON.stringify(nested)}}`), read)).toBe(true);
    expect(read).toEqual({ version: "2.0.0", dev: true, dependencies: nested });
    expect(readEntry({ integrity: "sha512-x" }, read)).toBe(true);
    expect(read).toEqual({ version: "", dev: false, dependencies: undefined });
  });

  test("a field npm never writes, a wrongly typed field or a `requires` range that is no text is refused", () => {
    for (const text of ['{"version":"1.0.0","licence":"MIT"}', '{"version":1}', '{"dev":"true"}', '{"requires":{"a":1}}', '{"dependencies":[]}', '{"resolved":null}', "[]", "null"]) {
      expect([text, readEntry(JSON.parse(text), fields())]).toEqual([text, false]);
    }
    expect(readEntry(JSON.parse('{"__proto__":{"version":"1.0.0"}}'), fields())).toBe(false);
  });
});
