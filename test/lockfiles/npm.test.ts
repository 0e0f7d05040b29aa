import { parseLoaded, withEveryLine } from "../../src/lockfiles/index.js";
import { npmLock } from "../../src/lockfiles/npm.js";
import type { Dependency } from "../../src/types.js";
import { dependenciesOf, describeCorpus, listFixtures, parseFixture, readFixture, type CorpusRule } from "./corpus.js";
import { diffDependencies } from "../../src/core/diff-dependencies.js";

const SAME = "the producer lists every installed name@version, as we do";

const RULES: Record<string, CorpusRule> = {
  "npm-lock-v1/scalibr__alias.v1.json": { rule: `${SAME}; aliases under the real name`, compare: "all" },
  "npm-lock-v1/scalibr__files.v1.json": { rule: `${SAME}; a v1 file: dependency pins no version ("")`, compare: "all" },
  "npm-lock-v1/scalibr__nested-dependencies-dup.v1.json": { rule: `${SAME}; 73 nested entries, 39 packages`, compare: "all" },
  "npm-lock-v1/scalibr__same-package-different-groups.v1.json": { rule: `${SAME}; prod wins over dev`, compare: "all" },
  "npm-lock-v1/trivy__package-lock_v1.json": { rule: SAME, compare: "all" },
  "npm-lock-v2/scalibr__alias.v2.json": { rule: SAME, compare: "all" },
  "npm-lock-v2/scalibr__commits.v2.json": {
    rule: "same packages; raven-js has no version field, so we report its commit where osv-scalibr reports an empty version",
    compare: "all",
    remove: ["raven-js@"],
    add: ["raven-js@c2b377e7a254264fd4a1fe328e4e3cfc9e245570"],
  },
  "npm-lock-v2/scalibr__files.v2.json": { rule: `${SAME}; the local folder package deps/etag is vendored code, kept`, compare: "all" },
  "npm-lock-v2/scalibr__same-package-different-groups.v2.json": { rule: `${SAME}; devOptional and prod occurrences make ajv runtime`, compare: "all" },
  "npm-lock-v2/snyk__npm-lock-v2-goof/package-lock.json": {
    rule:
      "snyk lists production packages only, so our runtime set is compared; npm records four more as runtime " +
      "(no dev flag) that snyk does not reach: convert-source-map and source-map are hoisted copies of nyc's " +
      "bundled dependencies, argparse and ansi-regex ship inside nyc's tarball (inBundle) — nyc is a runtime dependency",
    compare: "runtime",
    add: ["ansi-regex@2.0.0", "argparse@1.0.7", "convert-source-map@1.1.3", "source-map@0.5.7"],
  },
  "npm-lock-v2/trivy__package-lock_v2.json": { rule: SAME, compare: "all" },
  "npm-lock-v3/scalibr__bundled-dependencies.v3.json": { rule: `${SAME}; bundled packages are SOUP too`, compare: "all" },
  "npm-lock-v3/trivy__package-lock_v3.json": { rule: SAME, compare: "all" },
  "npm-lock-v3/trivy__package-lock_v3_with-same-dev-and-non-dev.json": { rule: `${SAME}; minimist is runtime at the top level`, compare: "all" },
  "npm-lock-v3/trivy__package-lock_v3_with_peer.json": { rule: `${SAME}; installed peers included`, compare: "all" },
  "npm-lock-v3/trivy__package-lock_v3_with_workspace.json": {
    rule:
      "trivy keeps the workspace members function1 and nested_func; we exclude them as the project's own code. " +
      "debug@2.6.9 is listed by the workspace nested_func, so it is direct for us (trivy: indirect)",
    compare: "all",
    remove: ["function1@", "nested_func@1.0.0"],
    flagExceptions: ["debug@2.6.9"],
  },
};

describe("npm corpus: every fixture against its producer's expectation", () => {
  describeCorpus(npmLock, ["npm-lock-v1", "npm-lock-v2", "npm-lock-v3"], RULES);
});

function find(dependencies: Dependency[], name: string, version: string): Dependency | undefined {
  return dependencies.find((dependency) => dependency.name === name && dependency.version === version);
}

function parse(text: string, manifest?: string) {
  return withEveryLine(npmLock.parse(text, { path: "package-lock.json", ...(manifest === undefined ? {} : { manifest }) }));
}

describe("npm corpus details", () => {
  test("lines are those of the package keys (v2 packages, v1 nested dependencies)", () => {
    const v2 = dependenciesOf(parseFixture(npmLock, "npm-lock-v2/scalibr__alias.v2.json"));
    expect(v2.map(({ name, version, line }) => [name, version, line])).toEqual([
      ["@babel/code-frame", "7.0.0", 13],
      ["string-width", "5.1.2", 22],
      ["string-width", "4.2.0", 32],
    ]);
    const v1 = dependenciesOf(parseFixture(npmLock, "npm-lock-v1/scalibr__same-package-different-groups.v1.json"));
    expect(v1.map(({ name, line }) => [name, line])).toEqual([["ajv", 5], ["eslint", 17], ["table", 49]]);
    const workspace = dependenciesOf(parseFixture(npmLock, "npm-lock-v3/trivy__package-lock_v3_with_workspace.json"));
    expect(workspace.map(({ name, version, line }) => `${name}@${version}:${line}`)).toEqual([
      "debug@2.6.9:31",
      "debug@2.5.2:39",
      "ms@0.7.2:47",
      "ms@2.0.0:56",
    ]);
  });

  test("a workspace's own dependency is direct (trivy calls debug@2.6.9 indirect)", () => {
    const workspace = dependenciesOf(parseFixture(npmLock, "npm-lock-v3/trivy__package-lock_v3_with_workspace.json"));
    expect(find(workspace, "debug", "2.6.9")).toMatchObject({ direct: true, dev: false });
    expect(find(workspace, "ms", "2.0.0")).toMatchObject({ direct: false });
  });

  test("git dependencies: one entry per commit, version from the version field, else the commit", () => {
    const commits = dependenciesOf(parseFixture(npmLock, "npm-lock-v2/scalibr__commits.v2.json"));
    expect(commits.filter((dependency) => dependency.name === "is-number-1")).toEqual([
      expect.objectContaining({ version: "3.0.0", line: 60, direct: true, source: "git" }),
      expect.objectContaining({ version: "3.0.0", line: 130, direct: false, source: "git" }),
    ]);
    expect(commits).toHaveLength(14);
    expect(find(commits, "postcss-calc", "7.0.1")).not.toHaveProperty("source");
  });

  test("the goof project: npm records 27 direct dependencies, browserify the only dev one", () => {
    const goof = dependenciesOf(parseFixture(npmLock, "npm-lock-v2/snyk__npm-lock-v2-goof/package-lock.json"));
    const direct = goof.filter((dependency) => dependency.direct);
    expect(direct).toHaveLength(27);
    expect(direct.filter((dependency) => dependency.dev).map((dependency) => dependency.name)).toEqual(["browserify"]);
  });
});

// Line numbers in the cases below count from the `{` on the first line of the template.
const WORKSPACE_LOCK = `{
  "name": "app",
  "lockfileVersion": 3,
  "packages": {
    "": {
      "name": "app",
      "workspaces": ["packages/*"],
      "dependencies": { "left-pad": "^1.3.0", "pad-alias": "npm:left-pad@^1.1.0", "vendored": "file:vendor/vendored" },
      "devDependencies": { "jest-lite": "^1.0.0" }
    },
    "node_modules/app-utils": { "resolved": "packages/utils", "link": true },
    "node_modules/gitdep": {
      "version": "2.0.0",
      "resolved": "git+ssh://git@github.com/o/gitdep.git#0123456789abcdef0123456789abcdef01234567",
      "devOptional": true
    },
    "node_modules/jest-lite": { "version": "1.0.0", "dev": true, "license": "MIT", "dependencies": { "left-pad": "1.1.0" } },
    "node_modules/jest-lite/node_modules/left-pad": { "version": "1.1.0", "dev": true },
    "node_modules/left-pad": { "version": "1.3.0", "license": "WTFPL" },
    "node_modules/pad-alias": { "name": "left-pad", "version": "1.1.0" },
    "node_modules/vendored": { "resolved": "vendor/vendored", "link": true },
    "packages/utils": { "name": "app-utils", "version": "0.1.0", "dependencies": { "gitdep": "github:o/gitdep" } },
    "vendor/vendored": { "version": "2.0.0" }
  }
}
`;

describe("npm lockfileVersion 2/3 lines, found on demand", () => {
  const fixtures = [...listFixtures("npm-lock-v2"), ...listFixtures("npm-lock-v3")];
  const key = (dep: Dependency) => `${dep.name}@${dep.version}`;

  test.each(fixtures)("%s: every line 0 until asked for, then the line of the full parse", (fixture) => {
    const text = readFixture(fixture);
    const every = parseLoaded(npmLock, text, { path: "package-lock.json" });
    const onDemand = parseLoaded(npmLock, text, { path: "package-lock.json" }, "on demand");
    if (!every.ok || !onDemand.ok) throw new Error("unparsable");
    expect(every.locate).toBeUndefined();
    expect(onDemand.dependencies.every((dep) => dep.line === 0)).toBe(true);
    // In the same order (by place, which is line order here); the lines of every third package, then of all:
    // a package located once keeps its line.
    expect(onDemand.dependencies.map(key)).toEqual(every.dependencies.map(key));
    const wanted = new Uint8Array(onDemand.dependencies.length).map((_, index) => (index % 3 === 0 ? 1 : 0));
    onDemand.locate!(wanted);
    expect(onDemand.dependencies.map((dep) => dep.line)).toEqual(every.dependencies.map((dep, index) => (index % 3 === 0 ? dep.line : 0)));
    onDemand.locate!(new Uint8Array(onDemand.dependencies.length).fill(1));
    expect(onDemand.dependencies).toEqual(every.dependencies);
    expect(onDemand.dependencies.length).toBeGreaterThan(0);
  });

  test("a diff of lists read on demand names the lines a diff of fully read lists names", () => {
    const base = readFixture("npm-lock-v3/trivy__package-lock_v3.json");
    const lock = JSON.parse(base) as { packages: Record<string, { version?: string }> };
    // Bump every fifth package, and drop one: upgrades, a removal (its line is the base's).
    const paths = Object.keys(lock.packages).filter((path) => path.startsWith("node_modules/"));
    paths.forEach((path, index) => {
      if (index % 5 === 0) lock.packages[path]!.version = "99.0.0";
    });
    delete lock.packages[paths[1]!];
    const head = JSON.stringify(lock, null, 2);
    const read = (text: string, lines?: "on demand") => {
      const outcome = parseLoaded(npmLock, text, { path: "package-lock.json" }, lines);
      if (!outcome.ok) throw new Error(outcome.error.message);
      return outcome;
    };
    const expected = diffDependencies("package-lock.json", read(base).dependencies, read(head).dependencies);
    const [before, after] = [read(base, "on demand"), read(head, "on demand")];
    const changes = diffDependencies("package-lock.json", before.dependencies, after.dependencies, { base: before.locate, head: after.locate });
    expect(changes).toEqual(expected);
    expect(changes.some((change) => change.kind === "removed")).toBe(true);
    expect(changes.every((change) => change.line > 1)).toBe(true);
  });
});

describe("npm lockfileVersion 2/3 rules", () => {
  test("root and workspace members are the project; links, aliases, git, folders and merges resolve to packages", () => {
    expect(parse(WORKSPACE_LOCK)).toEqual({
      ok: true,
      dependencies: [
        // devOptional ships whenever the optional install succeeds: runtime. Listed by the workspace: direct.
        { ecosystem: "npm", name: "gitdep", version: "2.0.0", direct: true, dev: false, line: 12, source: "git" },
        { ecosystem: "npm", name: "jest-lite", version: "1.0.0", direct: true, dev: true, line: 17, license: "MIT" },
        // Dev under jest-lite, runtime and direct behind the alias pad-alias: one package, direct, runtime.
        { ecosystem: "npm", name: "left-pad", version: "1.1.0", direct: true, dev: false, line: 18 },
        { ecosystem: "npm", name: "left-pad", version: "1.3.0", direct: true, dev: false, line: 19, license: "WTFPL" },
        { ecosystem: "npm", name: "vendored", version: "2.0.0", direct: true, dev: false, line: 23, source: "file" },
      ],
    });
  });

  test("each lockfile's own workspace list decides which folders are the project, read after one another", () => {
    // The same folders, workspaces in one lockfile and plain linked folders in the other.
    const lock = (workspaces: string) => `{"lockfileVersion": 3, "packages": {
"": {"workspaces": ${workspaces}, "dependencies": {"a": "1.0.0"}},
"node_modules/a": {"resolved": "tools/a", "link": true},
"tools/a": {"name": "a", "version": "1.0.0"}}}`;
    const names = (text: string) => dependenciesOf(parse(text)).map((dependency) => `${dependency.name}@${dependency.version}`);
    expect(names(lock('["tools/*"]'))).toEqual([]);
    expect(names(lock('["packages/*"]'))).toEqual(["a@1.0.0"]);
    expect(names(lock('["tools/*"]'))).toEqual([]);
  });

  test("a JSON string holding a line separator and a run of `=` is text, not a merge conflict", () => {
    // JSON allows U+2028 unescaped inside a string; a pattern's line start matches after it all the same.
    const text = `{"lockfileVersion": 3, "packages": {"": {}, "node_modules/a": {"version": "1.0.0", "license": "MIT\u2028======= see LICENSE"}}}`;
    expect(dependenciesOf(parseLoaded(npmLock, text, { path: "package-lock.json" }))).toEqual([
      { ecosystem: "npm", name: "a", version: "1.0.0", direct: false, dev: false, line: 1, license: "MIT\u2028======= see LICENSE" },
    ]);
  });

  test("__proto__ as a package key is an ordinary package and pollutes nothing", () => {
    const text = `{"lockfileVersion": 3, "packages": {"": {"dependencies": {"__proto__": "1.0.0"}},
"node_modules/__proto__": {"version": "1.0.0"}, "__proto__": {"version": "6.6.6"}}}`;
    expect(parse(text)).toEqual({
      ok: true,
      dependencies: [
        { ecosystem: "npm", name: "__proto__", version: "1.0.0", direct: true, dev: false, line: 2 },
        { ecosystem: "npm", name: "__proto__", version: "6.6.6", direct: false, dev: false, line: 2, source: "file" },
      ],
    });
    expect(({} as Record<string, unknown>).version).toBeUndefined();
  });

  test("a linked folder without a name takes its link's name, whether the link comes before or after it", () => {
    // npm sorts the keys: `libs/…` comes before `node_modules/…`, `vendor/…` after.
    const text = `{"lockfileVersion": 3, "packages": {"": {"dependencies": {"early": "file:libs/early-src", "late": "file:vendor/late-src"}},
"libs/early-src": {"version": "1.0.0"},
"node_modules/early": {"resolved": "libs/early-src", "link": true},
"node_modules/late": {"resolved": "vendor/late-src", "link": true},
"vendor/late-src": {"version": "2.0.0", "license": "MIT"}}}`;
    expect(dependenciesOf(parse(text))).toEqual([
      { ecosystem: "npm", name: "early", version: "1.0.0", direct: true, dev: false, line: 2, source: "file" },
      { ecosystem: "npm", name: "late", version: "2.0.0", direct: true, dev: false, line: 5, source: "file", license: "MIT" },
    ]);
  });

  test("a linked folder with a name of its own is a local package under that name, whatever its link is called", () => {
    const text = `{"lockfileVersion": 3, "packages": {"": {"dependencies": {"tool-link": "file:libs/tool"}},
"libs/tool": {"name": "tool", "version": "3.0.0", "resolved": "https://example.com/tool-3.0.0.tgz"},
"node_modules/tool-link": {"resolved": "libs/tool", "link": true}}}`;
    expect(dependenciesOf(parse(text))).toEqual([{ ecosystem: "npm", name: "tool", version: "3.0.0", direct: true, dev: false, line: 2, source: "file" }]);
  });

  test("a workspace's dependency is the copy Node finds first: its own node_modules, then each folder's above it", () => {
    const text = `{"lockfileVersion": 3, "packages": {
"": {"workspaces": ["apps/*", "apps/group/*"], "dependencies": {"left-pad": "^1.3.0"}},
"apps/group": {"name": "group", "dependencies": {"chalk": "^4.0.0"}},
"apps/group/member": {"name": "member", "dependencies": {"chalk": "^3.0.0", "debug": "^3.0.0", "ms": "^2.0.0"}},
"apps/group/member/node_modules/chalk": {"version": "3.0.0"},
"apps/group/node_modules/chalk": {"version": "4.1.2"},
"apps/group/node_modules/debug": {"version": "3.2.7"},
"apps/web": {"name": "web", "dependencies": {"left-pad": "^1.1.0"}},
"apps/web/node_modules/left-pad": {"version": "1.1.0"},
"node_modules/debug": {"version": "4.3.4"},
"node_modules/left-pad": {"version": "1.3.0"},
"node_modules/member": {"resolved": "apps/group/member", "link": true},
"node_modules/ms": {"version": "2.1.3"}}}`;
    const direct = dependenciesOf(parse(text)).map((dependency) => `${dependency.name}@${dependency.version}${dependency.direct ? " direct" : ""}`);
    expect(direct).toEqual(["chalk@3.0.0 direct", "chalk@4.1.2 direct", "debug@3.2.7 direct", "left-pad@1.1.0 direct", "debug@4.3.4", "left-pad@1.3.0 direct", "ms@2.1.3 direct"]);
  });
});

const V1_LOCK = `{
  "lockfileVersion": 1,
  "dependencies": {
    "left-pad": { "version": "1.3.0" },
    "pad-alias": { "version": "npm:left-pad@1.1.0" },
    "mocha-lite": {
      "version": "2.0.0",
      "dev": true,
      "dependencies": { "left-pad": { "version": "1.1.0", "dev": true } }
    },
    "repo-dep": { "version": "github:o/repo-dep#89abcdef0123456789abcdef0123456789abcdef" }
  }
}
`;

describe("npm lockfileVersion 1 rules", () => {
  test("with package.json, only the top level's entries are what it lists: a nested copy of the same name is not direct", () => {
    const text = `{"lockfileVersion": 1, "dependencies": {
"a": {"version": "1.0.0", "dependencies": {"b": {"version": "2.0.0"}}},
"b": {"version": "1.0.0"}}}`;
    const direct = dependenciesOf(parse(text, '{"dependencies": {"a": "^1.0.0", "b": "^1.0.0"}}')).map((dep) => `${dep.name}@${dep.version}${dep.direct ? " direct" : ""}`);
    expect(direct).toEqual(["a@1.0.0 direct", "b@2.0.0", "b@1.0.0 direct"]);
  });

  test("without package.json every package is direct; dev comes from the lockfile's flags", () => {
    expect(parse(V1_LOCK)).toEqual({
      ok: true,
      dependencies: [
        { ecosystem: "npm", name: "left-pad", version: "1.3.0", direct: true, dev: false, line: 4 },
        { ecosystem: "npm", name: "left-pad", version: "1.1.0", direct: true, dev: false, line: 5 },
        { ecosystem: "npm", name: "mocha-lite", version: "2.0.0", direct: true, dev: true, line: 6 },
        {
          ecosystem: "npm",
          name: "repo-dep",
          version: "89abcdef0123456789abcdef0123456789abcdef",
          direct: true,
          dev: false,
          line: 11,
          source: "git",
        },
      ],
    });
  });

  test("package.json names the direct ones: top-level entries it lists", () => {
    const manifest = JSON.stringify({ dependencies: { "pad-alias": "npm:left-pad@^1.1.0" }, devDependencies: { "mocha-lite": "^2.0.0" } });
    const direct = dependenciesOf(parse(V1_LOCK, manifest)).map(({ name, version, direct }) => `${name}@${version}:${direct}`);
    expect(direct).toEqual(["left-pad@1.3.0:false", "left-pad@1.1.0:true", "mocha-lite@2.0.0:true", "repo-dep@89abcdef0123456789abcdef0123456789abcdef:false"]);
  });

  test("a malformed package.json is ignored: everything direct, as without one", () => {
    expect(parse(V1_LOCK, '{"dependencies": {')).toEqual(parse(V1_LOCK));
  });

  test('npm 6\'s `"resolved": false` (bundled dependencies of fsevents) is read as npm reads it: no location', () => {
    // The shape of pypi/warehouse's package-lock.json (2020, npm 6), cut down to one such entry.
    const text = `{
  "lockfileVersion": 1,
  "dependencies": {
    "fsevents": {
      "version": "1.2.9",
      "resolved": "https://registry.npmjs.org/fsevents/-/fsevents-1.2.9.tgz",
      "optional": true,
      "requires": { "nan": "^2.12.1" },
      "dependencies": {
        "chownr": {
          "version": "1.1.1",
          "resolved": false,
          "integrity": "sha512-j38EvO5+LHX84jlo6h4UzmOwi0UgW61WRyPtJz4qaadK5eY3BTS5TY/S1Stc3Uk2lIM6TPevAlULiEJwie860g=="
        }
      }
    }
  }
}
`;
    expect(parse(text, '{"devDependencies": {"fsevents": "^1.2.9"}}')).toEqual({
      ok: true,
      dependencies: [
        { ecosystem: "npm", name: "fsevents", version: "1.2.9", direct: true, dev: false, line: 4 },
        { ecosystem: "npm", name: "chownr", version: "1.1.1", direct: false, dev: false, line: 10 },
      ],
    });
    expect(parse(text.replace('"resolved": false', '"resolved": 7'))).toEqual({
      ok: false,
      error: { message: "package-lock.json: `fsevents` › `dependencies` › `chownr` › `resolved` is a number, not a string or true or false", line: 10 },
    });
  });

  test("__proto__ in v1 dependencies and in package.json is an ordinary name", () => {
    const text = `{"lockfileVersion": 1, "dependencies": {"__proto__": {"version": "1.0.0"}, "other": {"version": "2.0.0"}}}`;
    expect(parse(text, '{"dependencies": {"__proto__": "1.0.0"}}')).toEqual({
      ok: true,
      dependencies: [
        { ecosystem: "npm", name: "__proto__", version: "1.0.0", direct: true, dev: false, line: 1 },
        { ecosystem: "npm", name: "other", version: "2.0.0", direct: false, dev: false, line: 1 },
      ],
    });
  });
});

describe("npm lockfiles that cannot be read fail closed at a line", () => {
  test("truncated JSON stops at its last line", () => {
    const midString = WORKSPACE_LOCK.slice(0, WORKSPACE_LOCK.indexOf("FPL"));
    expect(parse(midString)).toEqual({
      ok: false,
      error: { message: "package-lock.json is not valid JSON: Unterminated string", line: 19 },
    });
    const afterColon = WORKSPACE_LOCK.slice(0, WORKSPACE_LOCK.indexOf('{ "version": "1.3.0"'));
    expect(parse(afterColon)).toEqual({
      ok: false,
      error: { message: "package-lock.json is not valid JSON: Unexpected end of JSON input", line: 19 },
    });
  });

  test("a syntax error names its line", () => {
    const broken = WORKSPACE_LOCK.replace('"version": "1.3.0",', '"version": "1.3.0",,');
    expect(parse(broken)).toMatchObject({ ok: false, error: { line: 19 } });
  });

  test.each([
    ["an unknown lockfileVersion", '{\n  "lockfileVersion": 4,\n  "packages": {}\n}', "package-lock.json has lockfileVersion 4; soup-gate reads lockfileVersion 1, 2 and 3", 2],
    ["no lockfileVersion", '{\n  "name": "x",\n  "packages": {}\n}', "package-lock.json has no lockfileVersion; soup-gate reads lockfileVersion 1, 2 and 3", 1],
    ["v3 without packages", '{\n  "lockfileVersion": 3\n}', "package-lock.json (lockfileVersion 3) has no `packages` map; regenerate it with npm install", 2],
    ["v1 without dependencies", '{\n  "lockfileVersion": 1,\n  "packages": {}\n}', "package-lock.json (lockfileVersion 1) has no `dependencies` map; regenerate it with npm install", 2],
    ["not an object", "[1, 2]", "package-lock.json does not hold a JSON object", 1],
  ])("%s", (_label, text, message, line) => {
    expect(parse(text)).toEqual({ ok: false, error: { message, line } });
  });

  test("a yarn.lock saved as package-lock.json is not JSON", () => {
    expect(parse("# yarn lockfile v1\n\nleft-pad@^1.3.0:\n  version \"1.3.0\"\n")).toMatchObject({ ok: false, error: { line: 1 } });
  });
});
