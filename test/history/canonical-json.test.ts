import { canonicalJson } from "../../src/history/canonical-json.js";

describe("canonicalJson", () => {
  it.each<[string, unknown, string]>([
    ["keys sorted at every depth, no whitespace", { seq: 2, entry: { b: [1, { z: null, a: true }], a: "x" } }, '{"entry":{"a":"x","b":[1,{"a":true,"z":null}]},"seq":2}'],
    ["keys by UTF-16 code units: upper case before lower case", { b: 1, B: 2, _: 3, a: 4 }, '{"B":2,"_":3,"a":4,"b":1}'],
    ["undefined properties left out", { a: undefined, b: 1 }, '{"b":1}'],
    ["strings escaped as JSON.stringify does", { t: 'quote " back \\ line\nend é 😀 \u0001' }, '{"t":"quote \\" back \\\\ line\\nend é 😀 \\u0001"}'],
    ["numbers as JSON.stringify writes them", [0, -0, 1.5, 1e21, 42], "[0,0,1.5,1e+21,42]"],
    ["a key named __proto__ kept as data", JSON.parse('{"__proto__":{"x":1}}'), '{"__proto__":{"x":1}}'],
  ])("writes %s", (_what, value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });

  it.each<[string, unknown]>([
    ["NaN", { n: Number.NaN }],
    ["Infinity", [Number.POSITIVE_INFINITY]],
    ["undefined in an array", [undefined]],
    ["a Date", { at: new Date(0) }],
    ["a function", { f: () => 1 }],
    ["a bigint", { n: 1n }],
  ])("refuses %s rather than hash something it could not read back", (_what, value) => {
    expect(() => canonicalJson(value)).toThrow(TypeError);
  });

  it("reads back to the same text", () => {
    const text = canonicalJson({ z: [{ b: 1, a: "2" }], a: { c: null } });
    expect(canonicalJson(JSON.parse(text))).toBe(text);
  });
});
