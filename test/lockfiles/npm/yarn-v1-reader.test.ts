import { createRequire } from "node:module";
import { readYarnClassic, type ClassicBlock } from "../../../src/lockfiles/npm/yarn-v1-reader.js";
import { listFixtures, readFixture } from "../corpus.js";

// yarn's own parser, as the oracle: what the reader yields must be what yarn itself reads.
const yarnLockfile = createRequire(import.meta.url)("@yarnpkg/lockfile") as {
  parse(text: string): { type: string; object: Record<string, Record<string, unknown>> };
};

const FIELDS = ["version", "resolved", "integrity", "dependencies", "optionalDependencies"] as const;

/** descriptor → the fields soup-gate reads, as plain objects. */
function byDescriptor(entries: Iterable<[string, Record<string, unknown>]>): Record<string, Record<string, unknown>> {
  const result: Record<string, Record<string, unknown>> = {};
  for (const [descriptor, fields] of entries) {
    const picked: Record<string, unknown> = {};
    for (const field of FIELDS) {
      const value = fields[field];
      if (value !== undefined) picked[field] = typeof value === "object" && value !== null ? { ...value } : value;
    }
    result[descriptor] = picked;
  }
  return result;
}

function read(text: string): ClassicBlock[] {
  const outcome = readYarnClassic(text);
  if (!outcome.ok) throw new Error(`line ${outcome.error.line}: ${outcome.error.message}`);
  return outcome.blocks;
}

function readAsYarnDoes(text: string): Record<string, Record<string, unknown>> {
  return byDescriptor(read(text).flatMap((block) => block.descriptors.map((descriptor): [string, Record<string, unknown>] => [descriptor, block.fields])));
}

function yarnReads(text: string): Record<string, Record<string, unknown>> {
  return byDescriptor(Object.entries(yarnLockfile.parse(text).object));
}

/** Every yarn v1 lockfile of the corpus. */
const FIXTURES = listFixtures("yarn-v1");

describe("yarn v1 reader against @yarnpkg/lockfile", () => {
  test("the corpus holds them all", () => {
    expect(FIXTURES).toHaveLength(7);
  });

  test.each(FIXTURES)("%s: the same blocks, descriptor by descriptor", (fixture) => {
    const text = readFixture(fixture);
    expect(readAsYarnDoes(text)).toEqual(yarnReads(text));
    expect(Object.keys(readAsYarnDoes(text)).length).toBeGreaterThan(0);
  });

  test.each(FIXTURES)("%s with CRLF line endings", (fixture) => {
    const text = readFixture(fixture).replace(/\n/g, "\r\n");
    expect(readAsYarnDoes(text)).toEqual(yarnReads(text));
  });

  test("escapes, comments, multi-descriptor headers and a `__proto__` package", () => {
    const text = [
      "# yarn lockfile v1",
      "",
      '"__proto__@^1.0.0", "a\\"quoted\\"@1":',
      '  version "1.0.0"  # a trailing comment',
      '  resolved "https://example.com/a\\u0062c.tgz"',
      "  uid \"\"",
      "",
      "b@^2, b@~2.1:",
      "  # a comment inside a block",
      '  version "2.1.0"',
      "  integrity sha512-abc+/==",
      "  dependencies:",
      '    "__proto__" "^1.0.0"',
      "    c latest",
      "  optionalDependencies:",
      '    "@s/d" "*"',
      "",
    ].join("\n");
    expect(readAsYarnDoes(text)).toEqual(yarnReads(text));
    const [, b] = read(text);
    expect(b).toEqual({
      descriptors: ["b@^2", "b@~2.1"],
      fields: { version: "2.1.0", integrity: "sha512-abc+/==", dependencies: { ["__proto__"]: "^1.0.0", c: "latest" }, optionalDependencies: { "@s/d": "*" } },
      line: 8,
    });
    expect(Object.keys(b!.fields.dependencies!)).toEqual(["__proto__", "c"]);
    expect(({} as Record<string, unknown>).version).toBeUndefined();
  });

  test("`key: value` reads as `key value`, as parseSyml read it (yarn itself refuses it)", () => {
    expect(read('# yarn lockfile v1\n\nb@^2:\n  version: "2.1.0"\n  dependencies:\n    c: "^1"\n')).toEqual([
      { descriptors: ["b@^2"], fields: { version: "2.1.0", dependencies: { c: "^1" } }, line: 3 },
    ]);
  });

  test("each block carries the line of its header", () => {
    const blocks = read(readFixture("yarn-v1/scalibr__files.v1.lock"));
    expect(blocks.map(({ descriptors, line }) => `${line}: ${descriptors.join(", ")}`)).toEqual([
      "5: etag@^1.0.0",
      "9: filedep@file:../../correct/path/filedep",
      "12: lodash@^1.3.1",
      "16: other_package@file:./deps/other_package",
      "24: sprintf-js@file:./mocks/sprintf-js, sprintf-js@~1.0.2",
      "27: etag@link:./deps/etag",
    ]);
  });
});

const GOOD = ["# yarn lockfile v1", "", "", "a@^1:", '  version "1.0.0"', "  dependencies:", '    b "^2"', "", "b@^2:", '  version "2.0.0"', ""];

/** GOOD with line `line` (1-based) replaced by `replacement` (several lines, or none). */
function edit(line: number, ...replacement: string[]): string {
  return [...GOOD.slice(0, line - 1), ...replacement, ...GOOD.slice(line)].join("\n");
}

describe("malformed yarn v1 text fails closed at its line", () => {
  test("the text before editing is fine", () => {
    expect(readYarnClassic(GOOD.join("\n"))).toMatchObject({ ok: true });
  });

  test.each([
    ["an odd indentation", edit(5, '   version "1.0.0"'), "yarn.lock has an odd indentation (3 spaces); yarn indents with two spaces per level", 5],
    ["a tab in the indentation", edit(5, '\tversion "1.0.0"'), "yarn.lock has a tab in the indentation; yarn indents with two spaces per level", 5],
    ["a field outside a block", edit(4, '  version "0.1.0"', "a@^1:"), "yarn.lock has a field outside a block (no `name@range:` header above it)", 4],
    ["a line deeper than its parent allows", edit(7, '      b "^2"'), "yarn.lock has a line indented deeper than the line above allows", 7],
    ["an entry under a scalar field", edit(6, '  dependencies "b"'), "yarn.lock has a line indented deeper than the line above allows", 7],
    ["an unterminated quote", edit(5, '  version "1.0.0'), "yarn.lock has an unterminated quoted string", 5],
    ["an unterminated quote in a header", edit(4, '"a@^1:'), "yarn.lock has an unterminated quoted string", 4],
    ["an invalid escape", edit(5, '  version "1.0\\q"'), "yarn.lock has a quoted string with an invalid escape", 5],
    ["a backslash outside quotes", edit(7, "    b ^2\\"), "yarn.lock has a backslash outside quotes", 7],
    ["a block without a version", edit(10, '  resolved "https://example.com/b.tgz"'), 'yarn.lock block "b@^2" has no version', 9],
    ["a block without a version at the end", edit(10), 'yarn.lock block "b@^2" has no version', 9],
    ["a map without its colon", edit(6, "  dependencies"), "yarn.lock has a field `dependencies` without a value (a map needs a ':' after its name)", 6],
    ["a header without its colon", edit(4, "a@^1"), "yarn.lock has a line outside a block that is not a block header such as `name@range:`", 4],
    ["a value at the top level", edit(4, 'a "1.0.0"'), "yarn.lock has a line outside a block that is not a block header such as `name@range:`", 4],
    ["an empty descriptor", edit(4, "a@^1, :"), "yarn.lock has an empty descriptor in a block header", 4],
    ["text after a value", edit(5, '  version "1.0.0" "1.0.1"'), "yarn.lock has unexpected text after a value", 5],
    ["text glued to a key", edit(5, '  version"1.0.0"'), "yarn.lock has unexpected text after `version`", 5],
    ["a line without a key", edit(5, '  : "1.0.0"'), "yarn.lock has a line without a key", 5],
    ["a descriptor in two blocks", edit(9, "b@^2, a@^1:"), 'yarn.lock has "a@^1" in two blocks (lines 4 and 9); regenerate it with `yarn install`', 9],
    ["a lost header: a block's fields under the block above", edit(9), "yarn.lock has `version` twice in one block; regenerate it with `yarn install`", 9],
    ["an entry twice in a dependency map", edit(7, '    b "^2"', '    b "^3"'), "yarn.lock has `b` twice in one map; regenerate it with `yarn install`", 8],
  ])("%s", (_what, text, message, line) => {
    expect(readYarnClassic(text)).toEqual({ ok: false, error: { message, line } });
  });
});
