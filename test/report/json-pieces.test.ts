import fc from "fast-check";
import { JsonList, jsonPieces } from "../../src/report/json-pieces.js";
import { FUZZ_OPTIONS } from "../fuzz/runs.js";

describe("jsonPieces", () => {
  it("writes exactly what JSON.stringify(value, null, 2) writes, whatever the object", () => {
    const object = fc.dictionary(fc.string({ maxLength: 5 }), fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constant(undefined)), { maxKeys: 6 });
    fc.assert(fc.property(object, (value) => {
      expect([...jsonPieces(value)].join("")).toBe(JSON.stringify(value, null, 2));
    }), FUZZ_OPTIONS);
  });

  it("writes a list item by item, mapping each item only then", () => {
    const mapped: number[] = [];
    const pieces = jsonPieces({ a: new JsonList([1, 2, 3], (n: number) => (mapped.push(n), { n })) });
    expect(pieces.next().value).toBe("{");
    expect(pieces.next().value).toBe('\n  "a": [');
    expect(pieces.next().value).toBe('\n    {\n      "n": 1\n    },');
    expect(mapped).toEqual([1]);
    expect([...pieces].join("")).toBe('\n    {\n      "n": 2\n    },\n    {\n      "n": 3\n    }\n  ]\n}');
  });
});
