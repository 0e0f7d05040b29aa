import yaml from "js-yaml";
import { walkHeaders, yarnLock } from "../../src/lockfiles/yarn.js";
import { parseLoaded, withEveryLine } from "../../src/lockfiles/index.js";
import type { Dependency } from "../../src/types.js";
import { dependenciesOf, describeCorpus, listFixtures, parseFixture, readFixture, type CorpusRule } from "./corpus.js";

const SCALIBR = "osv-scalibr lists one entry per block (dedup does not matter for the set); same pairs as ours";
const TRIVY = "trivy lists npm-protocol blocks only; this lockfile has no other kind, so same pairs as ours";
const SNYK = "snyk lists production packages reachable from package.json; our runtime set (classified from the same package.json) is identical";

const RULES: Record<string, CorpusRule> = {
  "yarn-v1/scalibr__commits.v1.lock": {
    rule: `${SCALIBR}; git blocks keep their version field (mine4 0.0.2 and 0.0.4 share a commit and are both kept)`,
    compare: "all",
  },
  "yarn-v1/scalibr__files.v1.lock": { rule: `${SCALIBR}; file: and link: packages are vendored code, kept`, compare: "all" },
  "yarn-v1/scalibr__multiple-versions.v1.lock": { rule: SCALIBR, compare: "all" },
  "yarn-v1/scalibr__with-aliases.v1.lock": { rule: `${SCALIBR}; aliases under the real name`, compare: "all" },
  "yarn-v1/scalibr__with-prerelease.v1.lock": { rule: SCALIBR, compare: "all" },
  "yarn-v1/trivy__yarn_happy.lock": { rule: TRIVY, compare: "all" },
  "yarn-v1/snyk__yarn-lock-v1-real-goof/yarn.lock": { rule: SNYK, compare: "runtime" },
  "yarn-berry/scalibr__commits.v2.lock": { rule: SCALIBR, compare: "all" },
  "yarn-berry/scalibr__files.v2.lock": { rule: SCALIBR, compare: "all" },
  "yarn-berry/scalibr__scoped-packages.v2.lock": { rule: SCALIBR, compare: "all" },
  "yarn-berry/scalibr__with-aliases.v2.lock": { rule: `${SCALIBR}; both skip the root mine@workspace:.`, compare: "all" },
  "yarn-berry/trivy__yarn_v2_deps_with_protocol.lock": { rule: `${TRIVY}; both skip the root app@workspace:.`, compare: "all" },
  "yarn-berry/trivy__yarn_v2_happy.lock": {
    rule:
      "trivy skips patch: blocks; the only fsevents block here is yarn's builtin patch of fsevents@2.1.3, " +
      "which we report once as the package it patches",
    compare: "all",
    add: ["fsevents@2.1.3"],
  },
  "yarn-berry/snyk__yarn-lock-v2-real-goof/yarn.lock": { rule: SNYK, compare: "runtime" },
  "yarn-berry/snyk__yarn-lock-v4-real-goof/yarn.lock": { rule: SNYK, compare: "runtime" },
};

describe("yarn corpus: every fixture against its producer's expectation", () => {
  describeCorpus(yarnLock, ["yarn-v1", "yarn-berry"], RULES);
});

function parse(text: string, manifest?: string) {
  return withEveryLine(yarnLock.parse(text, { path: "yarn.lock", ...(manifest === undefined ? {} : { manifest }) }));
}

function summary(dependencies: Dependency[]): string[] {
  return dependencies.map(({ name, version, line, direct, dev }) => `${name}@${version} line ${line}${direct ? " direct" : ""}${dev ? " dev" : ""}`);
}

describe("yarn corpus details", () => {
  test("lines are those of the block headers; aliases resolve to the real name", () => {
    expect(summary(dependenciesOf(parseFixture(yarnLock, "yarn-v1/scalibr__with-aliases.v1.lock")))).toEqual([
      "ansi-regex@5.0.1 line 5 direct",
      "ansi-regex@6.0.1 line 10 direct",
      "@babel/helper-validator-identifier@7.22.20 line 15 direct",
    ]);
    // Berry records the root workspace's dependencies: those are the direct ones.
    expect(summary(dependenciesOf(parseFixture(yarnLock, "yarn-berry/scalibr__with-aliases.v2.lock")))).toEqual([
      "ansi-regex@5.0.1 line 8 direct",
      "ansi-regex@6.0.1 line 15 direct",
      "@babel/helper-validator-identifier@7.22.20 line 22 direct",
    ]);
  });

  test("a multi-descriptor header and file:/link: packages", () => {
    const files = dependenciesOf(parseFixture(yarnLock, "yarn-v1/scalibr__files.v1.lock"));
    expect(files.map(({ name, version, line, source }) => `${name}@${version}:${line}:${source ?? "registry"}`)).toEqual([
      "etag@1.8.1:5:registry",
      "filedep@1.2.0:9:file",
      "lodash@1.3.1:12:registry",
      "other_package@0.0.2:16:file",
      "sprintf-js@0.0.0:24:file",
      "etag@1.8.0:27:file",
    ]);
  });

  test("git blocks are flagged, whatever the URL form", () => {
    const commits = dependenciesOf(parseFixture(yarnLock, "yarn-v1/scalibr__commits.v1.lock"));
    expect(commits.filter((dependency) => dependency.source !== "git")).toEqual([]);
    const berry = dependenciesOf(parseFixture(yarnLock, "yarn-berry/scalibr__commits.v2.lock"));
    expect(berry.filter((dependency) => dependency.source !== "git")).toEqual([]);
  });

  test("the builtin fsevents patch is reported once, at its header, as the package it patches", () => {
    const happy = dependenciesOf(parseFixture(yarnLock, "yarn-berry/trivy__yarn_v2_happy.lock"));
    expect(happy.filter((dependency) => dependency.name === "fsevents")).toEqual([
      { ecosystem: "npm", name: "fsevents", version: "2.1.3", direct: false, dev: false, line: 95 },
    ]);
  });

  test.each(["yarn-v1/snyk__yarn-lock-v1-real-goof/yarn.lock", "yarn-berry/snyk__yarn-lock-v2-real-goof/yarn.lock", "yarn-berry/snyk__yarn-lock-v4-real-goof/yarn.lock"])(
    "the goof project %s: 27 direct dependencies, browserify the only dev one",
    (fixture) => {
      const direct = dependenciesOf(parseFixture(yarnLock, fixture)).filter((dependency) => dependency.direct);
      expect(direct).toHaveLength(27);
      expect(direct.filter((dependency) => dependency.dev).map((dependency) => dependency.name)).toEqual(["browserify"]);
    },
  );
});

const CLASSIC = `# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.
# yarn lockfile v1


debug@2.6.9:
  version "2.6.9"
  dependencies:
    ms "2.0.0"

debug@^4.0.0:
  version "4.3.4"
  dependencies:
    ms "2.1.2"

express@^4.0.0:
  version "4.18.2"
  dependencies:
    debug "2.6.9"
    ms "2.0.0"

jest-lite@^1.0.0:
  version "1.0.0"
  dependencies:
    debug "^4.0.0"
    ms "2.0.0"

ms@2.0.0:
  version "2.0.0"

ms@2.1.2:
  version "2.1.2"

orphan@^1.0.0:
  version "1.0.0"

"pad@npm:left-pad@^1.1.0":
  version "1.1.0"
`;

const MANIFEST = JSON.stringify({
  dependencies: { express: "^4.0.0", pad: "npm:left-pad@^1.1.0" },
  devDependencies: { "jest-lite": "^1.0.0" },
});

describe("yarn v1 rules", () => {
  test("package.json splits dev from runtime along the lockfile's graph; prod wins", () => {
    expect(summary(dependenciesOf(parse(CLASSIC, MANIFEST)))).toEqual([
      "debug@2.6.9 line 5",
      "debug@4.3.4 line 10 dev",
      "express@4.18.2 line 15 direct",
      "jest-lite@1.0.0 line 21 direct dev",
      // Reached from express (runtime) and from jest-lite (dev): runtime.
      "ms@2.0.0 line 27",
      "ms@2.1.2 line 30 dev",
      // Listed by no manifest we have (a workspace member's, say): direct and runtime, to be checked.
      "orphan@1.0.0 line 33 direct",
      "left-pad@1.1.0 line 36 direct",
    ]);
  });

  test("without package.json every package is direct and runtime", () => {
    expect(dependenciesOf(parse(CLASSIC)).every((dependency) => dependency.direct && !dependency.dev)).toBe(true);
  });

  test("a malformed package.json is ignored, as if absent", () => {
    expect(parse(CLASSIC, "{ not json")).toEqual(parse(CLASSIC));
    expect(parse(CLASSIC, '"just a string"')).toEqual(parse(CLASSIC));
  });

  test("__proto__ as a package name is an ordinary package", () => {
    const text = `# yarn lockfile v1\n\n\n"__proto__@^1.0.0":\n  version "1.0.0"\n\na@^1.0.0:\n  version "2.0.0"\n  dependencies:\n    "__proto__" "^1.0.0"\n`;
    expect(summary(dependenciesOf(parse(text)))).toEqual(["__proto__@1.0.0 line 4 direct", "a@2.0.0 line 7 direct"]);
    expect(({} as Record<string, unknown>).version).toBeUndefined();
  });
});

const BERRY = `# This file is generated by running "yarn install" inside your project.
# Manual changes might be lost - proceed with caution!

__metadata:
  version: 6
  cacheKey: 8

"app@workspace:.":
  version: 0.0.0-use.local
  resolution: "app@workspace:."
  dependencies:
    fsevents: ~2.3.2
    jest-lite: ^1.0.0
    lib: "workspace:packages/lib"
    resolve: ^1.22.0
  languageName: unknown
  linkType: soft

"fsevents@npm:~2.3.2":
  version: 2.3.2
  resolution: "fsevents@npm:2.3.2"
  languageName: node
  linkType: hard

"fsevents@patch:fsevents@~2.3.2#~builtin<compat/fsevents>":
  version: 2.3.2
  resolution: "fsevents@patch:fsevents@npm%3A2.3.2#~builtin<compat/fsevents>::version=2.3.2&hash=df0bf1"
  languageName: node
  linkType: hard

"jest-lite@npm:^1.0.0":
  version: 1.0.0
  resolution: "jest-lite@npm:1.0.0"
  dependencies:
    __proto__: ^1.0.0
    resolve: ^1.22.0
  languageName: node
  linkType: hard

"left-pad@npm:^1.3.0":
  version: 1.3.0
  resolution: "left-pad@npm:1.3.0"
  languageName: node
  linkType: hard

"lib@workspace:packages/lib":
  version: 0.0.0-use.local
  resolution: "lib@workspace:packages/lib"
  dependencies:
    left-pad: ^1.3.0
  languageName: unknown
  linkType: soft

"resolve@patch:resolve@^1.22.0#~builtin<compat/resolve>":
  version: 1.22.8
  resolution: "resolve@patch:resolve@npm%3A1.22.8#~builtin<compat/resolve>::version=1.22.8&hash=c3c19d"
  languageName: node
  linkType: hard

"__proto__@npm:^1.0.0":
  version: 1.0.0
  resolution: "__proto__@npm:1.0.0"
  languageName: node
  linkType: hard
`;

describe("yarn berry rules", () => {
  test("workspaces are the project; patch: blocks collapse into the package they patch", () => {
    expect(parse(BERRY)).toEqual({
      ok: true,
      dependencies: [
        { ecosystem: "npm", name: "fsevents", version: "2.3.2", direct: true, dev: false, line: 19 },
        { ecosystem: "npm", name: "jest-lite", version: "1.0.0", direct: true, dev: false, line: 31 },
        // A member workspace's dependency is direct too; without its package.json it counts as runtime.
        { ecosystem: "npm", name: "left-pad", version: "1.3.0", direct: true, dev: false, line: 40 },
        // Only the patched block exists: reported once, at its header, under the patched package's name.
        { ecosystem: "npm", name: "resolve", version: "1.22.8", direct: true, dev: false, line: 54 },
        { ecosystem: "npm", name: "__proto__", version: "1.0.0", direct: false, dev: false, line: 60 },
      ],
    });
  });

  test("the root package.json splits the root workspace's list into dev and runtime", () => {
    const manifest = JSON.stringify({ dependencies: { fsevents: "~2.3.2", resolve: "^1.22.0" }, devDependencies: { "jest-lite": "^1.0.0" } });
    expect(summary(dependenciesOf(parse(BERRY, manifest)))).toEqual([
      "fsevents@2.3.2 line 19 direct",
      "jest-lite@1.0.0 line 31 direct dev",
      "left-pad@1.3.0 line 40 direct",
      // Runtime through the root's own list, though jest-lite (dev) needs it too.
      "resolve@1.22.8 line 54 direct",
      "__proto__@1.0.0 line 60 dev",
    ]);
  });
});

describe("yarn berry lines, found on demand", () => {
  const onDemand = (text: string) => {
    const outcome = parseLoaded(yarnLock, text, { path: "yarn.lock" }, "on demand");
    if (!outcome.ok) throw new Error(outcome.error.message);
    return outcome;
  };
  const lines = (text: string, wanted: (index: number) => boolean) => {
    const outcome = onDemand(text);
    expect(outcome.dependencies.every((dep) => dep.line === 0)).toBe(true);
    outcome.locate!(new Uint8Array(outcome.dependencies.length).map((_, index) => (wanted(index) ? 1 : 0)));
    return outcome.dependencies.map((dep) => `${dep.name} ${dep.line}`);
  };

  test("0 until asked for, then the header's line; each alone as every one together", () => {
    expect(lines(BERRY, (index) => index % 2 === 1)).toEqual(["fsevents 0", "jest-lite 31", "left-pad 0", "resolve 54", "__proto__ 0"]);
    for (const [index, expected] of ["fsevents 19", "jest-lite 31", "left-pad 40", "resolve 54", "__proto__ 60"].entries()) {
      expect(lines(BERRY, (other) => other === index)[index]).toBe(expected);
    }
  });

  test.each(listFixtures("yarn-berry"))("%s: the walk of the header lines finds every block's line itself", (fixture) => {
    const text = readFixture(fixture);
    const keys = Object.keys(yaml.load(text, { schema: yaml.FAILSAFE_SCHEMA }) as object);
    const every = keys.map((_, place) => place);
    const walked = walkHeaders(text, keys, every);
    expect(walked).toBeDefined();
    // Each header's first line holds its key, as the reading of every header finds it.
    const lines = text.split("\n");
    for (const [place, line] of walked!.entries()) expect([place, lines[line - 1]!.includes(keys[place]!.split(", ")[0]!)]).toEqual([place, true]);
    expect(walkHeaders(text, keys, every.filter((place) => place % 5 === 2))).toEqual(walked!.filter((_, place) => place % 5 === 2));
  });

  test("headers Yarn does not write so (a flow-style block, a comment at the top) give the lines every header's reading gives", () => {
    const flow = BERRY.replace('"left-pad@npm:^1.3.0":\n  version: 1.3.0\n  resolution: "left-pad@npm:1.3.0"\n  languageName: node\n  linkType: hard', '"left-pad@npm:^1.3.0": { version: 1.3.0, resolution: "left-pad@npm:1.3.0" }');
    expect(lines(flow, () => true).sort()).toEqual(dependenciesOf(parse(flow)).map((dep) => `${dep.name} ${dep.line}`).sort());
    expect(lines(flow, (index) => index === 3)).toEqual(["fsevents 0", "jest-lite 0", "left-pad 0", "resolve 50", "__proto__ 0"]);
    const directive = `%YAML 1.2\n---\n${BERRY}`;
    expect(lines(directive, () => true)).toEqual(["fsevents 21", "jest-lite 33", "left-pad 42", "resolve 56", "__proto__ 62"]);
  });
});

describe("yarn line endings", () => {
  test("CRLF files give the same packages and lines", () => {
    expect(parse(CLASSIC.replace(/\n/g, "\r\n"), MANIFEST)).toEqual(parse(CLASSIC, MANIFEST));
    expect(parse(BERRY.replace(/\n/g, "\r\n"))).toEqual(parse(BERRY));
  });
});

describe("yarn lockfiles that cannot be read fail closed at a line", () => {
  test("a yarn.lock that holds JSON", () => {
    expect(parse('{\n  "lockfileVersion": 3\n}\n')).toEqual({
      ok: false,
      error: { message: "yarn.lock holds JSON, not a yarn lockfile; regenerate it with `yarn install`", line: 1 },
    });
  });

  test("a yarn v1 syntax error names its line", () => {
    const broken = CLASSIC.replace('ms@2.1.2:\n  version "2.1.2"', 'ms@2.1.2:\n  version "2.1.2"\n  dependencies\n');
    expect(parse(broken)).toMatchObject({ ok: false, error: { line: 32 } });
  });

  test("a key written twice in a block's map is refused at its line, as is a header written twice", () => {
    const twice = BERRY.replace("    jest-lite: ^1.0.0\n", "    jest-lite: ^1.0.0\n    fsevents: ~2.3.0\n");
    expect(parse(twice)).toEqual({ ok: false, error: { message: "yarn.lock has a key written twice in one map, which Yarn never writes: regenerate it with `yarn install`", line: 14 } });
    const header = `${BERRY}\n"left-pad@npm:^1.3.0":\n  version: 1.3.1\n  resolution: "left-pad@npm:1.3.1"\n`;
    expect(parse(header)).toEqual({ ok: false, error: { message: "yarn.lock has a key written twice in one map, which Yarn never writes: regenerate it with `yarn install`", line: 66 } });
  });

  test("a berry YAML error names its line", () => {
    const broken = BERRY.replace('  resolution: "left-pad@npm:1.3.0"', '  resolution: "left-pad@npm:1.3.0"\n - stray');
    expect(parse(broken)).toMatchObject({ ok: false, error: { line: 43 } });
  });

  test("text that is neither yarn format", () => {
    expect(parse("left-pad: 1.3.0\n")).toEqual({
      ok: false,
      error: { message: "yarn.lock is neither a yarn v1 lockfile (`# yarn lockfile v1` header) nor a yarn 2+ lockfile (`__metadata`)", line: 1 },
    });
  });

  test("a block without a version", () => {
    const broken = CLASSIC.replace('orphan@^1.0.0:\n  version "1.0.0"', 'orphan@^1.0.0:\n  resolved "https://example.com/orphan.tgz"');
    expect(parse(broken)).toEqual({ ok: false, error: { message: 'yarn.lock block "orphan@^1.0.0" has no version', line: 33 } });
  });
});
