import { findMisshape, type Shape } from "../../../src/lockfiles/common/shape.js";

// A map of `only` the listed fields, as package-lock v1 entries and pnpm's sections are checked.
const ENTRY: Shape = { only: true, fields: { version: "string", dev: "boolean", requires: { map: "string" } } };

describe("a map of only the fields its shape lists", () => {
  test.each([
    ["every field as listed", { version: "1.0.0", dev: true, requires: { a: "^1" } }, undefined],
    ["no field at all", {}, undefined],
    ["a field no format has, after a bad one: the unknown field is what is wrong", { dev: "yes", versoin: "1.0.0" }, "`versoin` is no field this format has"],
    ["two bad fields: the first in the shape's order, wherever it is written", { requires: { a: 1 }, version: 2 }, "`version` is a number, not a string"],
    ["a bad value inside a field", { version: "1.0.0", requires: { a: "^1", b: false } }, "`requires` › `b` is true or false, not a string"],
    ["`__proto__` as a key of the map itself", JSON.parse('{"version": "1.0.0", "__proto__": {}}') as unknown, "`__proto__` is no field this format has"],
    ["not a map", ["1.0.0"], "the file is a list, not a map"],
  ])("%s", (_what, value, message) => {
    expect(findMisshape(value, ENTRY)?.message).toBe(message);
  });
});
