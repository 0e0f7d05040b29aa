import fc from "fast-check";
import semverCompare from "semver/functions/compare.js";
import semverEq from "semver/functions/eq.js";
import semverValid from "semver/functions/valid.js";
import { isInSpan, versioningFor } from "../../src/versions/versioning.js";
import { FUZZ_OPTIONS } from "../fuzz/runs.js";

describe("versioning", () => {
  it.each([
    ["pypi", "2.0", "2.0.0", 0],
    ["pypi", "1.0a1", "1.0", -1],
    ["pypi", "1.0.post1", "1.0", 1],
    ["pypi", "1!1.0", "2.0", 1],
    ["pypi", "2.0.0rc1", "2.0.0", -1],
    ["pypi", "4.12.0.88", "4.12.0.9", 1],
    ["npm", "1.0.0-rc.1", "1.0.0", -1],
    ["npm", "1.10.0", "1.9.0", 1],
    ["npm", "1.2.3", "1.2.4", -1],
    ["npm", "1.2.10", "1.2.9", 1],
    ["npm", "2.0.0", "10.0.0", -1],
    ["npm", "3.1.4", "3.1.4", 0],
    ["npm", "1.0.0+a", "1.0.0+b", 0],
  ] as const)("%s orders %s against %s as %d", (eco, a, b, sign) => {
    expect(Math.sign(versioningFor(eco).compare(a, b)!)).toBe(sign);
  });

  it("cannot order what is not a version of the ecosystem", () => {
    expect(versioningFor("npm").compare("github:a/b#abc", "1.0.0")).toBeUndefined();
    expect(versioningFor("pypi").compare("", "1.0")).toBeUndefined();
  });

  it.each([
    ["pypi", "2.0.0", "2.0", true],
    ["pypi", "2.1.0+cu121", "2.1.0", true],
    ["pypi", "2.1.0+cu121", "2.1.0+cu118", false],
    ["pypi", "2.1.0", "2.1.0+cu121", false],
    ["pypi", "1.0.24", "1.0.22", false],
    ["npm", "4.22.1", "4.22.1", true],
    ["npm", "4.22.1", "v4.22.1", true],
    ["npm", "abc123", "abc123", true],
  ] as const)("%s: locked %s matches recorded %s: %s", (eco, version, recorded, expected) => {
    expect(versioningFor(eco).matches(version, recorded)).toBe(expected);
  });

  it("tests ranges per ecosystem", () => {
    expect(versioningFor("pypi").satisfies("1.0.24", ">=1.0.9")).toBe(true);
    expect(versioningFor("pypi").satisfies("1.0.8", ">=1.0.9")).toBe(false);
    expect(versioningFor("pypi").satisfies("1.0.8", "not a range")).toBe(false);
    expect(versioningFor("npm").satisfies("4.22.1", "^4.21.0")).toBe(true);
    expect(versioningFor("npm").satisfies("5.0.0", "^4.21.0")).toBe(false);
  });

  it("treats a local build as the same release, not a newer one", () => {
    expect(versioningFor("pypi").isNewer("2.5.1+cu121", "2.5.1")).toBe(false);
    expect(versioningFor("pypi").isNewer("2.5.2", "2.5.1")).toBe(true);
    expect(versioningFor("npm").isNewer("1.0.1", "1.0.0")).toBe(true);
  });

  it("includes both ends of a locked span", () => {
    const span = { from: "1.40.61", to: "1.42.26" };
    expect(["1.40.60", "1.40.61", "1.41.0", "1.42.26", "1.42.27"].map((v) => isInSpan("pypi", v, span))).toEqual([false, true, true, true, false]);
  });
});

describe("npm versions of the plain form, compared without semver", () => {
  // Parts around the edges: zero, one digit, many digits, the longest semver takes as a safe integer.
  const part = fc.oneof(fc.constantFrom("0", "1", "9", "10", "999999999999999"), fc.nat({ max: 10 ** 9 }).map(String));
  const plain = fc.tuple(part, part, part).map((parts) => parts.join("."));
  // Versions semver reads but that are not plain, and strings that are no version at all.
  const other = fc.constantFrom("1.0.0-rc.1", "1.0.0+build", "v1.2.3", " 1.2.3", "01.2.3", "1.2", "1.2.3.4", "1.2.x", "", "1234567890123456.0.0");

  it("order and match exactly as semver does", () => {
    const npm = versioningFor("npm");
    fc.assert(
      fc.property(fc.oneof(plain, other), fc.oneof(plain, other), (a, b) => {
        const valid = (v: string) => semverValid(v) !== null;
        expect(npm.isValid(a)).toBe(valid(a));
        expect(npm.compare(a, b)).toBe(valid(a) && valid(b) ? semverCompare(a, b) : undefined);
        expect(npm.matches(a, b)).toBe(valid(a) && valid(b) ? semverEq(a, b) : a === b.trim());
      }),
      FUZZ_OPTIONS,
    );
  });
});
