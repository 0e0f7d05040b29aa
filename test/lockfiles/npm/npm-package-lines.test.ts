import { scanJsonKeys } from "../../../src/lockfiles/shared/json-key-offsets.js";
import { createLineIndex } from "../../../src/lockfiles/shared/line-index.js";
import { findPackageKeyLines } from "../../../src/lockfiles/npm/npm-package-lines.js";
import { listFixtures, readFixture } from "../corpus.js";

function find(text: string): number[] {
  const lock = JSON.parse(text) as Record<string, unknown>;
  const packages = lock.packages as Record<string, unknown>;
  const paths = Object.keys(packages);
  return findPackageKeyLines(text, lock, paths, paths.map((path) => packages[path]));
}

/** The oracle: the full tokenizer's first offset of each `packages` key, as a line. */
function tokenize(text: string): number[] {
  const offsets = new Map<string, number>();
  scanJsonKeys(text, (parents, key, offset) => {
    if (parents.length === 2 && parents[1] === "packages" && !offsets.has(key)) offsets.set(key, offset);
  });
  const lineAt = createLineIndex(text);
  const packages = (JSON.parse(text) as { packages: Record<string, unknown> }).packages;
  return Object.keys(packages).map((path) => lineAt(offsets.get(path) ?? 0));
}

describe("lines of package-lock `packages` keys", () => {
  const fixtures = [...listFixtures("npm-lock-v2"), ...listFixtures("npm-lock-v3")];

  test.each(fixtures)("%s: the lines the full tokenizer gives", (fixture) => {
    const text = readFixture(fixture);
    expect(find(text)).toEqual(tokenize(text));
  });

  const lock = (packages: string) => `{\n  "name": "app",\n  "lockfileVersion": 3,\n  "packages": {\n${packages}\n  }\n}\n`;

  test.each([
    [
      "a key named like a workspace folder inside the entry before it",
      lock(
        [
          '    "": { "workspaces": ["lib"] },',
          '    "node_modules/a": {',
          '      "bin": { "lib": "cli.js" },',
          '      "peerDependenciesMeta": {\n        "lib": { "optional": true }\n      }',
          "    },",
          '    "lib": { "version": "1.0.0" }',
        ].join("\n"),
      ),
      [5, 6, 12],
    ],
    [
      "a link whose target path comes first as a value",
      lock(['    "": {},', '    "node_modules/lib": { "resolved": "lib", "link": true },', '    "lib": {}'].join("\n")),
      [5, 6, 7],
    ],
    ["keys spelled with escapes", lock(['    "": {},', '    "node_modules\\/a": {},', '    "node_modules/\\u0062": {}'].join("\n")), [5, 6, 7]],
    ["an integer-like folder name, which Object.keys lists first", lock(['    "": {},', '    "app": {},', '    "2": {}'].join("\n")), [7, 5, 6]],
    ["entries that are not objects", lock(['    "": {},', '    "node_modules/a": "1.0.0",', '    "node_modules/b": null'].join("\n")), [5, 6, 7]],
    [
      "a `packages` key inside a member before the top-level one",
      `{\n  "meta": { "packages": { "node_modules/a": {} } },\n  "packages": {\n    "": {},\n    "node_modules/a": {}\n  }\n}\n`,
      [4, 5],
    ],
    ["minified JSON", '{"lockfileVersion":3,"packages":{"":{},"node_modules/a":{"version":"1.0.0"}}}', [1, 1]],
    ["CRLF line endings", lock(['    "": {},', '    "node_modules/a": {}'].join("\n")).replace(/\n/g, "\r\n"), [5, 6]],
  ])("%s", (_what, text, lines) => {
    expect(find(text)).toEqual(lines);
    expect(find(text)).toEqual(tokenize(text));
  });
});
