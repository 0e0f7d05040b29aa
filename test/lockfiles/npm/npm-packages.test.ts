import fc from "fast-check";
import { isRegistryTarball } from "../../../src/lockfiles/npm/npm-packages.js";
import { sourceOfResolved } from "../../../src/lockfiles/npm/resolved-source.js";
import { FUZZ_OPTIONS } from "../../fuzz/runs.js";

/**
 * package-lock v2/v3 entries skip `sourceOfResolved` for what looks like a registry tarball: whatever
 * passes that test must be what `sourceOfResolved` calls a registry package, or a git dependency written
 * to look like one would lose its commit.
 */
describe("the registry tarball shortcut", () => {
  test("takes npm's own tarball URLs, scoped or not", () => {
    expect(isRegistryTarball("https://registry.npmjs.org/semver/-/semver-7.6.3.tgz")).toBe(true);
    expect(isRegistryTarball("https://registry.npmjs.org/@npmcli/arborist/-/arborist-7.5.4.tgz")).toBe(true);
  });

  test("leaves every location with a fragment, a query, another host or no /-/ to sourceOfResolved", () => {
    for (const resolved of [
      "https://registry.npmjs.org/semver/-/semver-7.6.3.tgz#sha1",
      "https://registry.npmjs.org/x/repository/archive.tar.gz?ref=0123456789abcdef/-/x.tgz",
      "https://registry.npmjs.org/semver",
      "https://registry.yarnpkg.com/semver/-/semver-7.6.3.tgz",
      "git+https://registry.npmjs.org/semver/-/semver-7.6.3.tgz",
      "file:../semver",
      undefined,
    ]) {
      expect(isRegistryTarball(resolved)).toBe(false);
    }
  });

  test("takes nothing sourceOfResolved would not call a registry package", () => {
    const piece = fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom("https://registry.npmjs.org/", "/-/", "/", "semver", "-7.6.3", ".tgz", ".tar.gz", "@s/") },
      { weight: 1, arbitrary: fc.constantFrom("#", "?", "?ref=0123456789abcdef", "repository/archive.tar.gz", "codeload.github.com", "git+", "\n", " ") },
      { weight: 1, arbitrary: fc.string({ maxLength: 4 }) },
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 10 }), (pieces) => {
        const resolved = `https://registry.npmjs.org/${pieces.join("")}`;
        if (isRegistryTarball(resolved)) expect(sourceOfResolved(resolved)).toStrictEqual({});
      }),
      FUZZ_OPTIONS,
    );
  });
});
