import { loadLockfile } from "../../src/core/load-lockfile.js";
import { findFormat, parseLoaded } from "../../src/lockfiles/index.js";
import type { ParseOutcome } from "../../src/types.js";
import { MemorySnapshot } from "../core/memory-snapshot.js";
import { loadedFormat } from "./corpus.js";

/**
 * One megabyte-long hostile line for every place a parser matches a pattern on a line or a value, and
 * input nested as deep as it likes. A backtracking pattern takes minutes on these, recursion overflows the
 * stack: here each must simply give its answer, well within jest's default timeout. What is asserted is the
 * answer (no test here measures time).
 */
const MB = 1 << 20;
const many = (unit: string, size = MB): string => unit.repeat(Math.ceil(size / unit.length));

type Expected = { packages: string[] } | { line: number; says?: string };

function summary(outcome: ParseOutcome): Expected {
  return outcome.ok
    ? { packages: outcome.dependencies.map(({ name, version }) => `${name}@${version}`) }
    : { line: outcome.error.line, says: outcome.error.message };
}

function expectOutcome(path: string, text: string, expected: Expected): void {
  const outcome = parseLoaded(loadedFormat(path), text, { path });
  const got = summary(outcome);
  if ("packages" in expected) expect(got).toEqual(expected);
  else expect(got).toMatchObject({ line: expected.line, ...(expected.says ? { says: expect.stringContaining(expected.says) } : {}) });
  if (!outcome.ok) expect(outcome.error.message.length).toBeLessThanOrEqual(1000);
}

const REQUIREMENTS: Array<[string, string, Expected]> = [
  ["a line of spaces, then text", `six==1.16.0${many(" ")}x\n`, { line: 1, says: "unexpected `x`" }],
  ["a line of spaces and tabs", `${many(" \t")}\nsix==1.16.0\n`, { packages: ["six@1.16.0"] }],
  ["a comment after a line of spaces", `six==1.16.0${many(" ")}# pinned\n`, { packages: ["six@1.16.0"] }],
  ["a comment line of tabs", `${many("\t")}# note\nsix==1.16.0\n`, { packages: ["six@1.16.0"] }],
  ["a `#` glued to text after spaces", `six==1.16.0${many(" a#")}\n`, { line: 1 }],
  ["a run of backslashes inside a continued line", `six==1.16.0 ${many("\\")}x\\\n\n`, { line: 1, says: "as a folder to install" }],
  ["a run of backslashes ending a line", `six==1.16.0${many("\\")}\n`, { packages: ["six@1.16.0"] }],
  ["a `[` run after a name", `six${many("[")}==1.0\n`, { line: 1, says: "have no closing" }],
  ["a `[` run closed at the end", `six[${many("[")}]==1.0\n`, { line: 1, says: "is not a valid extra" }],
  ["a path of `[` runs", `./pkg${many("[")}]\n`, { line: 1, says: "as a folder to install" }],
  ["a long URL path segment", `https://example.com/${many("a")}/\n`, { line: 1, says: "cannot tell which package" }],
  ["a URL of `?` and `#` runs", `https://example.com/a.whl${many("?#")}\n`, { line: 1, says: "is not a valid wheel file name" }],
  ["a line of line separators pip breaks on", `six==1.16.0 #${many("\u2028")}\n`, { line: 1, says: "control character U+2028" }],
  ["a VCS URL ending in slashes", `git+https://example.com/org/tool${many("/")}\n`, { packages: ["tool@"] }],
  ["a VCS URL of slashes and `@`", `git+https://example.com/org/tool${many("/@")}\n`, { line: 1 }],
  ["an egg fragment run", `git+https://example.com/org/tool#${many("&egg=")}\n`, { line: 1 }],
  ["an sdist name of dashes and digits", `https://example.com/${many("a-1")}.tar.gz\n`, { packages: [`${many("a-1").slice(0, -2)}@`] }],
  ["a long wheel file name", `./dist/${many("a_")}b-1.0-py3-none-any.whl\n`, { packages: [`${many("a_")}b@1.0`] }],
  ["a marker after a line of spaces", `six==1.16.0;${many(" ")}python_version > "3.8"\n`, { packages: ["six@1.16.0"] }],
  ["a marker of `(`", `six==1.16.0; ${many("(")}\n`, { line: 1, says: "is not a marker variable" }],
  ["a marker of thousands of terms", `six==1.16.0; python_version > "3"${many(' or os_name == "nt"')}\n`, { packages: ["six@1.16.0"] }],
  ["a marker of nested parentheses", `six==1.16.0; ${many("(", MB / 2)}python_version > "3"${many(")", MB / 2)}\n`, { packages: ["six@1.16.0"] }],
  ["an unclosed quote in a marker", `six==1.16.0; python_version > '${many("3")}\n`, { line: 1, says: "unexpected" }],
  ["a `not` and spaces in a marker", `six==1.16.0; "a" not${many(" ")}inx\n`, { line: 1 }],
  ["a long version", `six==${many("1.")}0\n`, { packages: [`six@${many("1.")}0`] }],
  ["a version of letters", `six==1${many("rc")}\n`, { line: 1, says: "not a valid version specifier" }],
  ["a long hash", `six==1.16.0 --hash=sha256:${many("a")}\n`, { line: 1, says: "is not a sha256 digest" }],
  ["a via comment of spaces", `six==1.16.0\n    # via${many(" ")}x\n`, { packages: ["six@1.16.0"] }],
  ["a via item of `(`", `six==1.16.0  # via (${many("a.")}\n`, { packages: ["six@1.16.0"] }],
  ["a line of `=` (no merge-conflict marker)", `${many("=")}\n`, { line: 1 }],
  ["a name of a million letters", `${many("a")}==1.0\n`, { packages: [`${many("a")}@1.0`] }],
];

describe("requirements.txt, one hostile line", () => {
  // Read as the caller reads it, with the commit at hand: a path is a project folder only if the commit has one there.
  test.each(REQUIREMENTS)("%s", async (_what, text, expected) => {
    const loaded = await loadLockfile(new MemorySnapshot({ "requirements.txt": text }), "requirements.txt", findFormat("requirements.txt")!);
    const error = loaded.errors[0]?.error;
    const got = error ? { line: error.line, says: error.message } : { packages: loaded.byFile.get("requirements.txt")!.map(({ name, version }) => `${name}@${version}`) };
    if ("packages" in expected) expect(got).toEqual(expected);
    else expect(got).toMatchObject({ line: expected.line, ...(expected.says ? { says: expect.stringContaining(expected.says) } : {}) });
    expect(error?.message.length ?? 0).toBeLessThanOrEqual(1000);
  });
});

/** A package-lock v1 whose packages each depend on the next: `depth` levels of `dependencies`. */
function nestedV1(depth: number): string {
  const open: string[] = [];
  for (let level = 0; level < depth; level++) open.push(`"p${level}": {"version": "1.0.${level}", "dependencies": {`);
  return `{"lockfileVersion": 1, "dependencies": {${open.join("")}${"}}".repeat(depth)}}}`;
}

describe("JavaScript lockfiles, hostile lines and deep nesting", () => {
  test("a valid package-lock v1 nested 10,000 levels deep is read whole", () => {
    const outcome = parseLoaded(loadedFormat("package-lock.json"), nestedV1(10_000), { path: "package-lock.json" });
    expect(outcome.ok && outcome.dependencies.length).toBe(10_000);
    expect(outcome.ok && outcome.dependencies[9_999]).toMatchObject({ name: "p9999", version: "1.0.9999", line: 1 });
  });

  test("a package-lock v3 entry holding a value nested 10,000 levels deep is read", () => {
    const deep = `${'{"a":'.repeat(10_000)}1${"}".repeat(10_000)}`;
    const text = `{\n"lockfileVersion": 3,\n"packages": {\n"node_modules/a": {"version": "1.0.0", "x": ${deep}},\n"node_modules/b": {"version": "2.0.0"}\n}\n}`;
    expectOutcome("package-lock.json", text, { packages: ["a@1.0.0", "b@2.0.0"] });
  });

  test("a resolved URL of `.tgz?` and line breaks", () => {
    const resolved = JSON.stringify(`https://example.com/a${many(".tgz?x\n")}`);
    expectOutcome("package-lock.json", `{"lockfileVersion": 3, "packages": {"node_modules/a": {"version": "1.0.0", "resolved": ${resolved}}}}`, { packages: ["a@1.0.0"] });
  });

  test("a package key of backslashes and quotes", () => {
    const key = JSON.stringify(`node_modules/${many('\\"')}`);
    expectOutcome("package-lock.json", `{"lockfileVersion": 3, "packages": {${key}: {"version": "1.0.0"}}}`, { packages: [`${many('\\"')}@1.0.0`] });
  });

  test("a yarn berry header of escaped quotes, never closed", () => {
    const text = `__metadata:\n  version: 6\n\n'"${many('\\"')}@npm:1.0.0':\n  version: 1.0.0\n  resolution: "a@npm:1.0.0"\n`;
    expectOutcome("yarn.lock", text, { packages: ["a@1.0.0"] });
  });

  test("a yarn berry resolution without a protocol's colon", () => {
    const text = `__metadata:\n  version: 6\n\n"a@npm:1.0.0":\n  version: 1.0.0\n  resolution: "a@${many("a")}"\n`;
    expectOutcome("yarn.lock", text, { packages: ["a@1.0.0"] });
  });

  test("a yarn berry resolution of patches of patches", () => {
    const text = `__metadata:\n  version: 6\n\n"a@npm:1.0.0":\n  version: 1.0.0\n  resolution: "a@${many("patch:a@")}npm:1.0.0#p"\n`;
    expectOutcome("yarn.lock", text, { packages: ["a@1.0.0"] });
  });

  test("a yarn header of comment lines of spaces", () => {
    expectOutcome("yarn.lock", `#${many(" ")}\n#${many(" ")}\n`, { line: 1, says: "is neither a yarn v1 lockfile" });
  });

  test("a yarn v1 line of spaces, and of quotes", () => {
    expectOutcome("yarn.lock", `# yarn lockfile v1\n\na@^1:\n  version "1.0.0"${many(" ")}\n`, { packages: ["a@1.0.0"] });
    expectOutcome("yarn.lock", `# yarn lockfile v1\n\na@^1:\n  version "1.0.0${many('\\"')}\n`, { line: 4, says: "unterminated" });
  });

  test("a pnpm importer key and a resolution directory of slashes", () => {
    const slashes = many("/");
    const text = `lockfileVersion: '9.0'\n\nimporters:\n\n  ? "./${slashes}x"\n  : {}\n\npackages:\n\n  lib@file:lib:\n    resolution: {directory: "lib${slashes}a", type: directory}\n`;
    expectOutcome("pnpm-lock.yaml", text, { packages: ["lib@"] });
  });

  test("a pnpm importer key and a resolution directory ending in slashes", () => {
    const slashes = many("/");
    const text = `lockfileVersion: '9.0'\n\nimporters:\n\n  ? "lib${slashes}"\n  : {}\n\npackages:\n\n  lib@file:lib:\n    resolution: {directory: "./lib${slashes}", type: directory}\n\n  vendored@file:vendor:\n    resolution: {directory: "vendor${slashes}", type: directory}\n`;
    expectOutcome("pnpm-lock.yaml", text, { packages: ["vendored@"] });
  });

  test("a pnpm v5 key of host-like dots and of path segments", () => {
    const dots = many("a.");
    expectOutcome("pnpm-lock.yaml", `lockfileVersion: 5.4\n\npackages:\n\n  ${dots}x:\n    name: a\n    version: 1.0.0\n`, { packages: ["a@1.0.0"] });
    const segments = many("a/");
    expectOutcome("pnpm-lock.yaml", `lockfileVersion: 5.4\n\npackages:\n\n  github.com/${segments}:\n    name: a\n    version: 1.0.0\n`, { packages: ["a@1.0.0"] });
  });

  test("a pnpm key quoted with a run of doubled quotes", () => {
    const text = `lockfileVersion: '9.0'\n\npackages:\n\n  '${many("''")}a@1.0.0':\n    resolution: {integrity: sha512-a}\n`;
    expectOutcome("pnpm-lock.yaml", text, { packages: [`${many("'").slice(0, many("''").length / 2)}a@1.0.0`] });
  });
});

describe("Python lockfiles, hostile lines", () => {
  test("a [[package]] header padded with a megabyte of spaces", () => {
    const text = `[[ ${many(" ")} package ]]\nname = "six"\nversion = "1.16.0"\n\n[metadata]\nlock-version = "2.1"\n`;
    expectOutcome("poetry.lock", text, { packages: ["six@1.16.0"] });
  });

  test("a comment line of spaces and tabs between tables", () => {
    const text = `version = 1\n#${many(" \t")}\n[[package]]\nname = "six"\nversion = "1.16.0"\nsource = { registry = "https://pypi.org/simple" }\n`;
    expectOutcome("uv.lock", text, { packages: ["six@1.16.0"] });
  });

  test("a key of a megabyte in a TOML document that does not set it", () => {
    expectOutcome("pdm.lock", `${many("a")} = 1\n`, { line: 1, says: "neither [[package]] tables" });
  });

  test("a Pipfile.lock key of escaped quotes", () => {
    const key = JSON.stringify(many('\\"'));
    expectOutcome("Pipfile.lock", `{"default": {${key}: {"version": "==1.0"}}}`, { packages: [`${many('\\"')}@1.0`] });
  });
});
