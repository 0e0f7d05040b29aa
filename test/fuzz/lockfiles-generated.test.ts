import fc from "fast-check";
import { dump } from "js-yaml";
import { stringify as stringifyToml } from "smol-toml";
import { withEveryLine, type LockfileFormat } from "../../src/lockfiles/index.js";
import { LOADED_FORMATS, loadedFormat } from "../lockfiles/corpus.js";
import type { ParseOutcome } from "../../src/types.js";
import { FUZZ_OPTIONS } from "./runs.js";
import { expectPrototypesClean, FUZZ_TIMEOUT, lineCount } from "./lockfiles-loaded.js";

/**
 * Generated input for every parser, called directly (without the catch-all of `parseLockfile`): any text,
 * and documents of each format's syntax with hostile keys and values. Each must give packages at lines of
 * the text or an unparsable answer at one, never throw, and never touch a prototype.
 */
function expectAnswer(format: LockfileFormat, text: string, outcome: ParseOutcome): void {
  expectPrototypesClean();
  const lines = lineCount(text);
  if (outcome.ok) {
    for (const dependency of outcome.dependencies) {
      expect(dependency.line).toBeGreaterThanOrEqual(1);
      expect(dependency.line).toBeLessThanOrEqual(lines);
      expect(typeof dependency.name === "string" && typeof dependency.version === "string").toBe(true);
    }
    for (const include of outcome.includes ?? []) expect(include.line).toBeLessThanOrEqual(lines);
  } else {
    expect(outcome.error.message).not.toBe("");
    expect(outcome.error.message.length).toBeLessThanOrEqual(1000);
    expect(outcome.error.line).toBeGreaterThanOrEqual(1);
    expect(outcome.error.line).toBeLessThanOrEqual(lines + 1);
  }
  void format;
}

const read = (format: LockfileFormat, text: string): void => expectAnswer(format, text, withEveryLine(format.parse(text, { path: pathOf(format) })));
const pathOf = (format: LockfileFormat): string => ({ "package-lock": "package-lock.json" })[format.id] ?? format.id;

/** Keys a hostile file would use: prototype names, empty, separators, long runs. */
const hostileKey = fc.oneof(
  fc.constantFrom("__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "", "node_modules/__proto__", "@", "/", "a@", "@a/b@1.0.0"),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: fc.constantFrom("/", ".", "@", "(", ")", "_", "a", "1", ":", "#", "\\"), maxLength: 30 }),
);
const scalar = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom("1.0.0", "^1.0.0", "link:../x", "file:x", "npm:a@1.0.0", "git+https://h/o/r.git#abc"), fc.integer(), fc.boolean(), fc.constant(null));
const value = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof({ depthSize: "small" }, scalar, fc.array(tie("value"), { maxLength: 4 }), fc.dictionary(hostileKey, tie("value"), { maxKeys: 5 })),
})).value;

/** A map of packages: hostile keys, entries that are mostly entries and sometimes anything. */
const packageMap = (fields: Record<string, fc.Arbitrary<unknown>>) =>
  fc.dictionary(hostileKey, fc.oneof({ weight: 4, arbitrary: fc.record(fields, { requiredKeys: [] }) }, { weight: 1, arbitrary: value }), { maxKeys: 8 });

const npmEntry = { version: fc.oneof(fc.constantFrom("1.0.0", "2.0.0-rc.1"), scalar), resolved: scalar, name: fc.oneof(hostileKey, scalar), link: fc.boolean(), dev: fc.oneof(fc.boolean(), scalar), dependencies: value };
const npmDocument = fc.record({
  lockfileVersion: fc.oneof(fc.constantFrom(1, 2, 3), scalar),
  packages: fc.oneof(packageMap(npmEntry), value),
  dependencies: fc.oneof(packageMap({ ...npmEntry, dependencies: packageMap(npmEntry) }), value),
}, { requiredKeys: ["lockfileVersion"] });

const pnpmReference = fc.oneof(fc.constantFrom("1.0.0", "link:../lib", "1.0.0(peer@2.0.0)", "/a/1.0.0"), scalar, fc.record({ specifier: scalar, version: scalar }));
const pnpmDocument = fc.record({
  lockfileVersion: fc.constantFrom("5.4", "6.0", "9.0", "7.0", "x"),
  importers: fc.oneof(fc.dictionary(hostileKey, fc.record({ dependencies: fc.dictionary(hostileKey, pnpmReference, { maxKeys: 4 }), devDependencies: fc.dictionary(hostileKey, pnpmReference, { maxKeys: 4 }) }, { requiredKeys: [] }), { maxKeys: 3 }), value),
  packages: fc.oneof(packageMap({ name: scalar, version: scalar, dev: fc.constantFrom("true", "false"), resolution: fc.oneof(fc.record({ directory: scalar, tarball: scalar, commit: scalar, type: scalar }, { requiredKeys: [] }), value) }), value),
  snapshots: fc.oneof(packageMap({ dependencies: fc.dictionary(hostileKey, pnpmReference, { maxKeys: 3 }) }), value),
}, { requiredKeys: ["lockfileVersion"] });

const berryDocument = fc
  .tuple(packageMap({ version: fc.oneof(fc.constantFrom("1.0.0"), scalar), resolution: fc.oneof(fc.constantFrom("a@npm:1.0.0", "a@patch:a@npm%3A1.0.0#p", "a@workspace:."), scalar), dependencies: value }), fc.boolean())
  .map(([blocks, metadata]) => (metadata ? { __metadata: { version: 6 }, ...blocks } : blocks));

const tomlValue = fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.boolean(), fc.array(fc.string({ maxLength: 6 }), { maxLength: 3 }), fc.dictionary(hostileKey.filter((key) => key !== ""), fc.string({ maxLength: 6 }), { maxKeys: 3 }));
const tomlPackage = fc.record({ name: fc.oneof(hostileKey, tomlValue), version: fc.oneof(fc.constantFrom("1.0.0"), tomlValue), source: tomlValue, groups: tomlValue, dependencies: tomlValue, vcs: tomlValue, directory: tomlValue }, { requiredKeys: [] });
const tomlDocument = fc.record({
  version: fc.oneof(fc.constant(1), tomlValue),
  "lock-version": tomlValue,
  metadata: fc.oneof(fc.record({ "lock-version": tomlValue, lock_version: tomlValue, groups: tomlValue }, { requiredKeys: [] }), tomlValue),
  package: fc.oneof(fc.array(tomlPackage, { maxLength: 5 }), tomlValue),
  packages: fc.oneof(fc.array(tomlPackage, { maxLength: 5 }), tomlValue),
}, { requiredKeys: [] });

const pipfileDocument = fc.dictionary(
  fc.oneof(fc.constantFrom("_meta", "default", "develop", "__proto__"), hostileKey),
  fc.oneof(packageMap({ version: fc.oneof(fc.constantFrom("==1.0.0", "*"), scalar), git: scalar, path: scalar, file: scalar, hashes: value }), value),
  { maxKeys: 4 },
);

/** One requirements line from pip's grammar and just beside it. */
const requirementLine = fc.oneof(
  fc.tuple(fc.string({ unit: fc.constantFrom("a", "b", "-", "_", ".", "/", "\\", "~", "1", "["), minLength: 1, maxLength: 12 }), fc.constantFrom("==", "===", ">=", "~=", "", " @ ", "=="), fc.string({ unit: fc.constantFrom("1", ".", "*", "a", "+", "!", " "), maxLength: 8 })).map((parts) => parts.join("")),
  fc.constantFrom("-r other.txt", "-c constraints.txt", "-e .", "-e ./libs/core", "--hash=sha256:" + "a".repeat(64), "--hash=sh", "-i https://pypi.org/simple", "--frobnicate", "-r", "-e"),
  fc.constantFrom("./wheels/a-1.0-py3-none-any.whl", "https://h/a-1.0.tar.gz", "git+https://h/o/r.git@v1#egg=r", "six==1.16.0 ; python_version >= '3.8'", "six[security]==1.16.0", "six==1.16.0 # via flask", "    # via", "#   -r requirements.in"),
  fc.string({ maxLength: 20 }),
);
const requirementsText = fc
  .tuple(fc.array(fc.tuple(requirementLine, fc.constantFrom("", " \\", " \\\\", "  # note")), { maxLength: 12 }), fc.constantFrom("\n", "\r\n", "\r"))
  .map(([lines, newline]) => lines.map(([line, end]) => line + end).join(newline));

describe("any text, under every lockfile's name", () => {
  test.each(LOADED_FORMATS.map((format) => [format.id, format] as const))("%s", (_id, format) => {
    fc.assert(fc.property(fc.oneof(fc.string({ unit: "binary", maxLength: 400 }), fc.string({ unit: "grapheme", maxLength: 400 })), (text) => read(format, text)), FUZZ_OPTIONS);
  }, FUZZ_TIMEOUT);
});

describe("documents of each format's syntax with hostile keys and values", () => {
  test("package-lock.json", () => {
    fc.assert(fc.property(npmDocument, fc.constantFrom(0, 2), (document, indent) => read(loadedFormat("package-lock.json"), JSON.stringify(document, null, indent))), FUZZ_OPTIONS);
  }, FUZZ_TIMEOUT);

  test("pnpm-lock.yaml", () => {
    fc.assert(fc.property(pnpmDocument, (document) => read(loadedFormat("pnpm-lock.yaml"), dump(document, { lineWidth: -1 }))), FUZZ_OPTIONS);
  }, FUZZ_TIMEOUT);

  test("yarn.lock (berry)", () => {
    fc.assert(fc.property(berryDocument, (document) => read(loadedFormat("yarn.lock"), dump(document, { lineWidth: -1 }))), FUZZ_OPTIONS);
  }, FUZZ_TIMEOUT);

  test.each(["poetry.lock", "uv.lock", "pdm.lock", "pylock.toml"])("%s", (path) => {
    fc.assert(fc.property(tomlDocument, (document) => read(loadedFormat(path), stringifyToml(document))), FUZZ_OPTIONS);
  }, FUZZ_TIMEOUT);

  test("Pipfile.lock", () => {
    fc.assert(fc.property(pipfileDocument, (document) => read(loadedFormat("Pipfile.lock"), JSON.stringify(document, null, 4))), FUZZ_OPTIONS);
  }, FUZZ_TIMEOUT);

  test("requirements.txt", () => {
    fc.assert(fc.property(requirementsText, (text) => read(loadedFormat("requirements.txt"), text)), FUZZ_OPTIONS);
  }, FUZZ_TIMEOUT);
});
