import fc from "fast-check";
import { scanJsonKeys } from "../../../src/lockfiles/common/json-key-offsets.js";
import { createLineIndex } from "../../../src/lockfiles/common/line-index.js";
import { packageKeyLocator, scanDependencyTreeKeys, treeKeyLocator, walkPackageKeys, walkTreeKeys, type TreeKey } from "../../../src/lockfiles/npm/npm-package-lines.js";
import { listFixtures, readFixture } from "../corpus.js";
import { FUZZ_OPTIONS } from "../../fuzz/runs.js";

/** The lines of the `packages` keys at the places `wanted` lists (ascending; every key when absent). */
function find(text: string, wanted?: number[]): number[] {
  const lock = JSON.parse(text) as Record<string, unknown>;
  const paths = Object.keys(lock.packages as Record<string, unknown>);
  return packageKeyLocator(text, lock, paths)(wanted ?? paths.map((_, index) => index));
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

/** The walk alone (no tokenizer behind it): the lines, or undefined where it is in doubt. */
function walk(text: string, wanted?: number[]): number[] | undefined {
  const paths = Object.keys((JSON.parse(text) as { packages: Record<string, unknown> }).packages);
  return walkPackageKeys(text, paths, wanted ?? paths.map((_, index) => index));
}

const isIndexLike = (key: string) => /^(?:0|[1-9][0-9]*)$/.test(key);

describe("lines of package-lock `packages` keys", () => {
  const fixtures = [...listFixtures("npm-lock-v2"), ...listFixtures("npm-lock-v3")];

  test.each(fixtures)("%s: the lines the full tokenizer gives, found by the walk alone", (fixture) => {
    const text = readFixture(fixture);
    expect(find(text)).toEqual(tokenize(text));
    // npm's own layout leaves the walk no doubt: the tokenizer is never needed, for all keys or some.
    expect(walk(text)).toEqual(tokenize(text));
    const some = tokenize(text).flatMap((_, index) => (index % 3 === 1 ? [index] : []));
    expect(walk(text, some)).toEqual(some.map((index) => tokenize(text)[index]));
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
  ])("%s", (what, text, lines) => {
    expect(find(text)).toEqual(lines);
    expect(find(text)).toEqual(tokenize(text));
    // Each key alone, as a check asks for the one package that changed.
    for (const [index, line] of lines.entries()) expect(find(text, [index])).toEqual([line]);
    // The walk finds them itself where the layout is npm's, and leaves the others to the tokenizer.
    const doubtful = ["keys spelled with escapes", "an integer-like folder name, which Object.keys lists first", "minified JSON", "a `packages` key inside a member before the top-level one"];
    expect(walk(text)).toEqual(doubtful.includes(what) ? undefined : lines);
  });

  test("a key named like the last path, inside the entry before it, at the indentation of `packages` keys", () => {
    // Not as npm writes it: the walk cannot tell the two apart, so the tokenizer decides.
    const text = lock(['    "": {},', '    "node_modules/a": {', '      "bin": {', '    "lib": "x"', "      }", "    },", '    "lib": {}'].join("\n"));
    expect(find(text, [2])).toEqual([11]);
    expect(find(text)).toEqual(tokenize(text));
    expect(walk(text, [2])).toBeUndefined();
  });

  test("a key named like a later path, inside an entry before it, at the indentation of `packages` keys", () => {
    // The search for the wanted path finds that line first; the line after it is not the next key's.
    const text = lock(['    "": {},', '    "node_modules/a": {', '      "bin": {', '    "node_modules/b": "x"', "      }", "    },", '    "node_modules/b": {},', '    "node_modules/c": {}'].join("\n"));
    expect(walk(text, [2])).toBeUndefined();
    expect(find(text, [2])).toEqual([11]);
    expect(find(text)).toEqual(tokenize(text));
    // Keys before that line, and after the real one, are found by the search alone.
    expect(walk(text, [0, 1])).toEqual([5, 6]);
    expect(walk(text, [3])).toEqual([12]);
  });

  test("a key spelled with escapes past the one after the wanted ones does not matter; one before sends the search to the tokenizer", () => {
    const text = lock(['    "": {},', '    "node_modules/a": {},', '    "node_modules/\\u0062": {}'].join("\n"));
    expect(find(text, [1])).toEqual([6]);
    expect(find(text, [2])).toEqual([7]);
    // The walk checks one key past the last wanted one: key 1 for key 0, the escaped key 2 for key 1.
    expect(walk(text, [0])).toEqual([5]);
    expect(walk(text, [1])).toBeUndefined();
  });
});

describe("lines of generated `packages` maps: any choice of keys, as the tokenizer gives them", () => {
  // Paths and inner keys that collide: a workspace folder named like a dependency or a bin, an integer-like folder.
  const path = fc.constantFrom("", "a", "lib", "2", "node_modules/a", "node_modules/lib", "lib/node_modules/a", "node_modules/@s/b");
  const inner = fc.dictionary(fc.constantFrom("a", "lib", "node_modules/a", "version", "2"), fc.oneof(fc.constant("1.0.0"), fc.dictionary(path, fc.constant("x"), { maxKeys: 2 })), { maxKeys: 3 });
  const packages = fc.dictionary(path, fc.oneof(inner, fc.constant("1.0.0"), fc.constant(null)), { minKeys: 1, maxKeys: 6 });

  test("pretty (two spaces, four, a tab) or minified, with members before `packages`", () => {
    fc.assert(
      fc.property(packages, fc.constantFrom<string | number>(0, 2, 4, "\t"), fc.boolean(), fc.array(fc.nat(), { maxLength: 4 }), (map, indent, before, picks) => {
        const text = JSON.stringify(before ? { name: "app", lockfileVersion: 3, packages: map } : { packages: map, lockfileVersion: 3 }, null, indent);
        const all = tokenize(text);
        const wanted = [...new Set(picks.map((pick) => pick % all.length))].sort((a, b) => a - b);
        expect(find(text, wanted)).toEqual(wanted.map((index) => all[index]));
        // Laid out by JSON.stringify with an indentation, no key out of text order: the walk needs no help.
        if (indent !== 0 && !Object.keys(map).some(isIndexLike)) expect(walk(text, wanted)).toEqual(wanted.map((index) => all[index]));
        if (indent === 0 && wanted.length > 0) expect(walk(text, wanted)).toBeUndefined();
      }),
      FUZZ_OPTIONS,
    );
  });
});

/** `a › b: line` for every key of a v1 tree, depth first. */
function flatten(node: TreeKey, prefix = ""): string[] {
  return [...(node.children ?? [])].flatMap(([key, child]) => [`${prefix}${key}: ${child.line}`, ...flatten(child, `${prefix}${key} › `)]);
}

/** The places of a v1 tree as the reader walks it (each entry, then its own `dependencies`), with their `a › b` paths. */
function walkTree(text: string): { lock: Record<string, unknown>; keys: string[]; parents: number[]; paths: string[] } {
  const lock = JSON.parse(text) as Record<string, unknown>;
  const keys: string[] = [];
  const parents: number[] = [];
  const paths: string[] = [];
  const isMap = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
  const visit = (map: Record<string, unknown>, parent: number, prefix: string) => {
    for (const key of Object.keys(map)) {
      const place = keys.length;
      keys.push(key);
      parents.push(parent);
      paths.push(`${prefix}${key}`);
      const entry = map[key];
      if (isMap(entry) && Object.hasOwn(entry, "dependencies") && isMap(entry.dependencies)) visit(entry.dependencies, place, `${prefix}${key} › `);
    }
  };
  if (isMap(lock.dependencies)) visit(lock.dependencies, -1, "");
  return { lock, keys, parents, paths };
}

/**
 * `a › b: line` for the places `wanted` lists (ascending; every place when absent), in code-unit order,
 * found by the walk wherever it can (however many are wanted).
 */
function treeLines(text: string, wanted?: number[]): string[] {
  const { lock, keys, parents, paths } = walkTree(text);
  const places = wanted ?? keys.map((_, place) => place);
  const lines = treeKeyLocator(text, lock, keys, parents, 1)(places);
  return places.map((place, k) => `${paths[place]}: ${lines[k]}`).sort();
}
const scannedTree = (text: string): string[] => flatten(scanDependencyTreeKeys(text)).sort();

describe("lines of package-lock v1 `dependencies` tree keys", () => {
  test.each(listFixtures("npm-lock-v1"))("%s: the lines the full tokenizer gives, found by the walk alone", (fixture) => {
    const text = readFixture(fixture);
    expect(treeLines(text)).toEqual(scannedTree(text));
    expect(treeLines(text).length).toBeGreaterThan(0);
    const { keys, parents } = walkTree(text);
    const every = keys.map((_, place) => place);
    expect(walkTreeKeys(text, keys, parents, every)).toBeDefined();
    const some = every.filter((place) => place % 4 === 3);
    expect(walkTreeKeys(text, keys, parents, some)).toEqual(treeKeyLocator(text, walkTree(text).lock, keys, parents, 0)(some));
  });

  const v1 = (dependencies: string) => `{\n  "name": "app",\n  "lockfileVersion": 1,\n  "dependencies": {\n${dependencies}\n  }\n}\n`;

  test.each([
    [
      "a nested package named like a key its parent requires",
      v1(
        [
          '    "a": {',
          '      "version": "1.0.0",',
          '      "requires": {\n        "b": "^2.0.0"\n      },',
          '      "dependencies": {\n        "b": { "version": "2.0.0" }\n      }',
          "    },",
          '    "b": { "version": "1.0.0" }',
        ].join("\n"),
      ),
      ["a: 5", "a › b: 11", "b: 14"],
    ],
    [
      "a package named `dependencies`, required before its own entry",
      v1(['    "x": {', '      "requires": { "dependencies": "1" },', '      "dependencies": { "dependencies": { "version": "1.0.0" } }', "    }"].join("\n")),
      ["x: 5", "x › dependencies: 7"],
    ],
    ["a key spelled with escapes", v1(['    "a": { "version": "1.0.0" },', '    "\\u0062": { "version": "1.0.0" }'].join("\n")), ["a: 5", "b: 6"]],
    ["an integer-like package name", v1(['    "a": { "version": "1.0.0" },', '    "7": { "version": "1.0.0" }'].join("\n")), ["a: 5", "7: 6"]],
    ["a `dependencies` key inside a member before the top-level one", `{\n  "meta": { "dependencies": { "a": {} } },\n  "dependencies": {\n    "a": { "version": "1.0.0" }\n  }\n}\n`, ["a: 4"]],
    ["minified JSON", '{"lockfileVersion":1,"dependencies":{"a":{"version":"1.0.0","dependencies":{"b":{"version":"2.0.0"}}}}}', ["a: 1", "a › b: 1"]],
    ["CRLF line endings", v1('    "a": {\n      "dependencies": {\n        "b": {}\n      }\n    }').replace(/\n/g, "\r\n"), ["a: 5", "a › b: 7"]],
  ])("%s", (_what, text, lines) => {
    expect(treeLines(text)).toEqual([...lines].sort());
    expect(treeLines(text)).toEqual(scannedTree(text));
    // Each entry alone, as a check asks for the one package that changed.
    for (const [place, path] of walkTree(text).paths.entries()) expect(treeLines(text, [place])).toEqual(lines.filter((line) => line.startsWith(`${path}: `)));
  });

  test("an entry's `dependencies` written inline, then a sibling's at the fields' indentation: the tokenizer decides", () => {
    const text = v1(['    "a": { "version": "1.0.0", "dependencies": { "b": {} } },', '    "c": {', '      "dependencies": {', '        "b": {}', "      }", "    }"].join("\n"));
    expect(treeLines(text, [1])).toEqual(["a › b: 5"]);
    expect(treeLines(text, [3])).toEqual(["c › b: 8"]);
    expect(treeLines(text)).toEqual(scannedTree(text));
  });

  test("an entry's `dependencies` on a line with another field, then a sibling's on its own line: the sibling's is not taken for it", () => {
    const text = v1(['    "a": {', '      "version": "1.0.0", "dependencies": { "b": {} }', "    },", '    "c": {', '      "dependencies": {', '        "b": {}', "      }", "    }"].join("\n"));
    expect(treeLines(text, [1])).toEqual(["a › b: 6"]);
    expect(treeLines(text)).toEqual(scannedTree(text));
  });
});

describe("lines of generated v1 trees: the walk agrees with the tokenizer", () => {
  // Names that collide: a package, a field and a required name spelled alike, at several depths.
  const name = fc.constantFrom("a", "b", "dependencies", "requires", "version", "__proto__", "7", "a\\b", "");
  const entry = fc.letrec<{ entry: unknown }>((tie) => ({
    entry: fc.record(
      {
        version: fc.constantFrom("1.0.0", "b"),
        requires: fc.dictionary(name, fc.oneof(fc.constantFrom("^1.0.0"), tie("entry")), { maxKeys: 3 }),
        dependencies: fc.oneof({ depthSize: "small" }, fc.dictionary(name, tie("entry"), { maxKeys: 3 }), fc.constantFrom("b", null)),
        b: fc.oneof(fc.constant({}), fc.constant("x")),
      },
      { requiredKeys: [] },
    ),
  })).entry;
  const tree = fc.dictionary(name, entry, { maxKeys: 4 });

  test("any tree, pretty or minified", () => {
    fc.assert(
      fc.property(tree, fc.constantFrom<string | number>(0, 2, 4, "\t"), fc.array(fc.nat(), { maxLength: 4 }), (dependencies, indent, picks) => {
        const text = JSON.stringify({ lockfileVersion: 1, dependencies }, null, indent);
        const all = treeLines(text);
        expect(all).toEqual(scannedTree(text));
        // Any choice of entries gets the lines it gets among all of them.
        const { keys, parents } = walkTree(text);
        if (keys.length === 0) return;
        const wanted = [...new Set(picks.map((pick) => pick % keys.length))].sort((a, b) => a - b);
        for (const line of treeLines(text, wanted)) expect(all).toContain(line);
        // Laid out by JSON.stringify with an indentation, no escape, no key out of text order: the walk needs no help.
        const walked = walkTreeKeys(text, keys, parents, wanted);
        if (indent === 0 && wanted.length > 0) expect(walked).toBeUndefined();
        else if (!text.includes("\\") && !keys.some(isIndexLike)) expect(walked).toBeDefined();
      }),
      FUZZ_OPTIONS,
    );
  });
});
