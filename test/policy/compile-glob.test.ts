import fc from "fast-check";
import picomatch from "picomatch";
import { compileGlob, usesExtendedGlob } from "../../src/policy/compile-glob.js";
import { FUZZ_OPTIONS } from "../fuzz/runs.js";
import { hostileRun } from "../fuzz/hostile-line.js";

describe("compileGlob", () => {
  it.each([
    ["@types/*", "@types/node", true], ["@types/*", "@types/a/b", false], ["@types/*", "@types/", false],
    ["examples/**", "examples", true], ["examples/**", "examples/a/b", true], ["examples/**", "examplesx", false],
    ["**/x.json", "x.json", true], ["**/x.json", "a/b/x.json", true], ["**/x.json", "ax.json", false],
    ["a/**/b", "a/b", true], ["a/**/b", "a/x/y/b", true], ["a/**/b", "ab", false],
    ["**", "a/b/c", true], ["*", "a/b", false], ["*", ".hidden", true], ["a**b", "axxb", true], ["a**b", "ax/xb", false],
    ["{a,b}*", "bz", true], ["{a,b}*", "cz", false], ["{a,{b,c}}", "c", true], ["{a}", "a", false], ["{a}", "{a}", true], ["{a,b", "{a,b", true],
    ["[abc]x", "bx", true], ["[a-c]x", "dx", false], ["[^a]x", "bx", true], ["[", "[", true], ["a?c", "abc", true], ["?", "/", false],
    ["a\\*b", "a*b", true], ["a\\*b", "axb", false], ["./a", "a", true], ["a.b", "axb", false], ["(a)", "(a)", true], ["a|b", "a", false],
    ["test/fixtures/**", "test/fixtures/x/y.txt", true], ["**/node_modules/**", "node_modules/a", true], ["foo/**/*.txt", "foo/a.txt", true],
  ])("%s against %s: %s (as picomatch reads it)", (pattern, text, expected) => {
    expect(compileGlob(pattern)(text)).toBe(expected);
    expect(picomatch.isMatch(text, pattern, { dot: true })).toBe(expected);
  });

  it("agrees with picomatch on globs of folders made of names, stars, classes and alternatives, and globstars", () => {
    // A trailing `/**` is left to the table above: picomatch lets `examples/**` match `examples` but not `*/**` match `a`.
    const piece = fc.constantFrom("a", "b", "*", "?", "[ab]", "[a-b]", "[!a]", "{a,b}", "{a,b*}", ".", "-", "@");
    const folder = fc.oneof(fc.array(piece, { minLength: 1, maxLength: 3 }).map((p) => p.join("")), fc.constant("**"));
    // `**` is read as a whole folder name only; picomatch's readings of `**a` differ by position and are left out.
    const glob = fc.array(folder, { minLength: 1, maxLength: 4 }).map((f) => f.join("/")).filter((g) => g.split("/").every((f) => f === "**" || !f.includes("**"))).filter((g) => !g.endsWith("/**") && !g.includes("!a") && !g.includes("***") && g.split("/").slice(1).every((f) => f !== "." && f !== ".."));
    // Texts are what globs meet: package names and repository paths, whose folders are never empty and do
    // not end in "." (picomatch reads `*.*` as needing a character after the dot there).
    const text = fc.array(fc.constantFrom("a", "b", "c", "/", ".", "-", "@"), { minLength: 1, maxLength: 8 }).map((p) => p.join(""))
      .filter((t) => t.split("/").every((part) => part !== "" && !part.endsWith(".")));
    fc.assert(fc.property(glob, text, (g, t) => {
      expect(compileGlob(g)(t)).toBe(picomatch.isMatch(t, g, { dot: true }));
    }), FUZZ_OPTIONS);
  });

  it.each([
    ["a backtracking glob against a long name", `${"*a".repeat(20)}b`, hostileRun("a", 5000), false],
    ["a globstar glob against a deep path", `${"**/".repeat(50)}x`, `${hostileRun("a/", 100_000)}x`, true],
    ["a star per folder against a 1 MB path", "*/*/*/*/*", hostileRun("a/"), false],
  ])("%s takes linear time", (_, pattern, text, expected) => {
    expect(compileGlob(pattern)(text)).toBe(expected);
  });

  it.each([["@(a|b)", true], ["!(a)", true], ["+(a)", true], ["*(a)", true], ["?(a)", true], ["\\@(a)", false], ["(a)", false], ["@types/*", false]])("usesExtendedGlob(%s) is %s", (pattern, expected) => {
    expect(usesExtendedGlob(pattern)).toBe(expected);
  });
});
