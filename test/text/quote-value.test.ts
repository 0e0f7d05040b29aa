import { quoteValue } from "../../src/text/quote-value.js";

describe("quoteValue", () => {
  it.each([
    ["a short string", "fatal", '"fatal"'],
    ["a number", 3, "3"],
    ["a boolean", true, "true"],
    ["null", null, "null"],
    ["nothing", undefined, "nothing"],
    ["a short list", ["a", 1, null, undefined], '["a",1,null,null]'],
    ["a short mapping", { a: [1], b: { c: "d" } }, '{"a":[1],"b":{"c":"d"}}'],
    ["an empty list and mapping", [[], {}], "[[],{}]"],
    ["a string with quotes and a newline", 'say "hi"\n', '"say \\"hi\\"\\n"'],
    ["a long string, cut", "x".repeat(1000), `"${"x".repeat(78)}…`],
    ["a list of a million items, cut", Array(1_000_000).fill(1), `[${"1,".repeat(39)}…`],
  ])("%s", (_, value, quoted) => {
    expect(quoteValue(value)).toBe(quoted);
  });

  it("writes no more of an alias bomb than it shows", () => {
    let bomb: unknown = "lol";
    for (let i = 0; i < 30; i++) bomb = Array(9).fill(bomb);
    expect(quoteValue(bomb)).toBe(`${"[".repeat(30)}${'"lol",'.repeat(8)}"…`);
  });

  it("writes a list nested a million deep without recursion", () => {
    let deep: unknown = [];
    for (let i = 0; i < 1_000_000; i++) deep = [deep];
    expect(quoteValue(deep)).toBe(`${"[".repeat(79)}…`);
  });

  it("cuts to the length asked for", () => {
    expect(quoteValue("abcdef", 4)).toBe('"ab…');
    expect(quoteValue("ab", 4)).toBe('"ab"');
  });
});
