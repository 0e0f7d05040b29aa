import { describe, expect, test } from "@jest/globals";
import fc from "fast-check";
import { nameKey, normalizePypiName } from "../src/names.js";
import { FUZZ_OPTIONS } from "./fuzz/runs.js";

/** PEP 503 as the standard writes it, the reference for the shortcut taken for names already in that form. */
const pep503 = (name: string): string => name.replace(/[-_.]+/g, "-").toLowerCase();

describe("PyPI names", () => {
  test("are normalised as PEP 503 says", () => {
    expect(["Flask", "zope.interface", "typing_extensions", "ruamel.yaml.clib", "a--b", "-a-", "pyyaml", "ÄBC", ""].map(normalizePypiName)).toStrictEqual([
      "flask",
      "zope-interface",
      "typing-extensions",
      "ruamel-yaml-clib",
      "a-b",
      "-a-",
      "pyyaml",
      "äbc",
      "",
    ]);
  });

  test("come out of the shortcut exactly as PEP 503 makes them, whatever they hold", () => {
    const char = fc.constantFrom("a", "z", "A", "Z", "0", "9", "-", "_", ".", " ", "İ", "ß", "Ä", "+", "\u00a0");
    // Names in or near the shortcut's alphabet most of the time: one character outside it leaves the shortcut.
    const normal = fc.constantFrom("a", "z", "0", "9", "-");
    const spelled = (of: fc.Arbitrary<string>) => fc.array(of, { maxLength: 8 }).map((chars) => chars.join(""));
    const name = fc.oneof(fc.string({ maxLength: 8 }), spelled(char), { weight: 3, arbitrary: spelled(normal) });
    fc.assert(fc.property(name, (candidate) => expect(normalizePypiName(candidate)).toBe(pep503(candidate))), FUZZ_OPTIONS);
  });

  test("are keyed without the spaces around them, in either ecosystem", () => {
    expect([nameKey("pypi", " Django\n"), nameKey("pypi", "\u00a0six"), nameKey("pypi", " six"), nameKey("pypi", "six "), nameKey("npm", " left-pad "), nameKey("npm", "left-pad")]).toStrictEqual(["django", "six", "six", "six", "left-pad", "left-pad"]);
  });

  test("are keyed by PEP 503 for PyPI only: npm names are exact", () => {
    expect([nameKey("npm", "Left_Pad"), nameKey("pypi", "Left_Pad")]).toStrictEqual(["Left_Pad", "left-pad"]);
  });
});
