import { pnpmLock } from "../../src/lockfiles/pnpm.js";
import type { Dependency } from "../../src/types.js";
import { dependenciesOf, describeCorpus, parseFixture, type CorpusRule } from "./corpus.js";

const SCALIBR = "osv-scalibr lists every packages entry, peer variants as one name@version; same pairs as ours";
const TRIVY_DEV_DROPPED = "trivy drops `dev: true` packages before lockfile v9, so its list is our runtime set";
const TRIVY_V9 = "trivy v9 lists every snapshot; same pairs as ours";

/**
 * The goof lockfiles mark these `optional: true` (v5/v6; v9 in snapshots): optional dependencies of runtime
 * packages (request 2.42's, mongodb-core's kerberos, st's graceful-fs, ...). They ship whenever their
 * install succeeds, so they are runtime for us; snyk's pnpm graph does not follow packages' optionalDependencies.
 */
const GOOF_OPTIONAL = [
  "asn1@0.1.11", "assert-plus@0.1.5", "async@0.9.2", "aws-sign2@0.5.0", "boom@0.4.2", "combined-stream@0.0.7",
  "cryptiles@0.2.2", "ctype@0.5.3", "delayed-stream@0.0.5", "form-data@0.1.4", "graceful-fs@1.2.3", "hawk@1.1.1",
  "hoek@0.9.1", "http-signature@0.10.1", "kerberos@0.0.24", "nan@2.10.0", "oauth-sign@0.4.0", "psl@1.9.0",
  "punycode@2.3.1", "querystringify@2.2.0", "readable-stream@1.1.14", "requires-port@1.0.0", "sntp@0.2.4",
  "universalify@0.2.0", "url-parse@1.5.10",
];
const SNYK = "snyk lists production packages reachable from package.json: our runtime set, plus the optional dependencies listed in GOOF_OPTIONAL";

/** Entries no pnpm writes (hand-edited fixtures) make us fail closed; the tests below check that, and the rest of the file here. */
const without = (...snippets: string[]) => (text: string) =>
  snippets.reduce((edited, snippet) => {
    if (!edited.includes(snippet)) throw new Error(`fixture no longer contains ${JSON.stringify(snippet)}`);
    return edited.replace(snippet, "");
  }, text);

const RULES: Record<string, CorpusRule> = {
  "pnpm-v5/scalibr__commits.yaml": { rule: `${SCALIBR}; git packages named by their name field`, compare: "all" },
  "pnpm-v5/scalibr__exotic.yaml": {
    rule: `${SCALIBR}, once the two entries that name no package (github.com/kevva/is-positive, /foo/bar) are removed`,
    compare: "all",
    edit: without("  github.com/kevva/is-positive:\n", "  /foo/bar:\n"),
  },
  "pnpm-v5/scalibr__files.yaml": {
    rule: `${SCALIBR}, once the nameless entry the fixture itself calls impossible is removed`,
    compare: "all",
    edit: without("  file:../nameless-package:\n    resolution: {directory: ../nameless-package, type: directory}\n    version: 1.0.0\n    dev: false\n"),
  },
  "pnpm-v5/scalibr__multiple-packages.yaml": { rule: SCALIBR, compare: "all" },
  "pnpm-v5/scalibr__peer-dependencies-advanced.yaml": { rule: `${SCALIBR}; v5 peer suffixes and hashed suffixes stripped`, compare: "all" },
  "pnpm-v5/trivy__pnpm-lock_many.yaml": { rule: TRIVY_DEV_DROPPED, compare: "runtime" },
  "pnpm-v5/snyk__pnpm-lock-v5-goof/pnpm-lock.yaml": { rule: SNYK, compare: "runtime", add: [...GOOF_OPTIONAL, "tough-cookie@4.1.3"] },
  "pnpm-v6/scalibr__peer-dependencies-advanced-v6.yaml": { rule: SCALIBR, compare: "all" },
  "pnpm-v6/scalibr__peer-dependencies-v6.yaml": { rule: SCALIBR, compare: "all" },
  "pnpm-v6/trivy__pnpm-lock_archives.yaml": { rule: `${TRIVY_DEV_DROPPED}; no dev packages here; tarball and folder packages kept`, compare: "all" },
  "pnpm-v6/trivy__pnpm-lock_v6_with_dev.yaml": { rule: TRIVY_DEV_DROPPED, compare: "runtime" },
  "pnpm-v6/snyk__pnpm-lock-v6-goof/pnpm-lock.yaml": { rule: SNYK, compare: "runtime", add: [...GOOF_OPTIONAL, "tough-cookie@4.1.3"] },
  "pnpm-v9/scalibr__commits.v9.yaml": { rule: SCALIBR, compare: "all" },
  "pnpm-v9/scalibr__mixed-groups.v9.yaml": {
    rule: `${SCALIBR}; osv-scalibr loses v9 dev information, we walk the importers: is-number is dev`,
    compare: "all",
    flagExceptions: ["is-number@7.0.0"],
  },
  "pnpm-v9/scalibr__peer-dependencies-advanced.v9.yaml": { rule: SCALIBR, compare: "all" },
  "pnpm-v9/trivy__pnpm-lock_v9.yaml": { rule: `${TRIVY_V9}; package1 (a folder package with no version) has version ""`, compare: "all" },
  "pnpm-v9/trivy__pnpm-lock_v9_multi_version.yaml": { rule: TRIVY_V9, compare: "all" },
  "pnpm-v9/trivy__pnpm-lock_v9_multiple_documents.yaml": { rule: `${TRIVY_V9}; the last YAML document is the project`, compare: "all" },
  "pnpm-v9/trivy__pnpm-lock_v9_same-vers-diff-peers.yaml": {
    rule: `${TRIVY_V9}; trivy lists jest-pnp-resolver@1.2.3 twice (dev and runtime), we once: runtime (prod wins)`,
    compare: "all",
  },
  "pnpm-v9/snyk__pnpm-lock-v9-goof/pnpm-lock.yaml": { rule: SNYK, compare: "runtime", add: [...GOOF_OPTIONAL, "tough-cookie@4.1.4"] },
};

describe("pnpm corpus: every fixture against its producer's expectation", () => {
  describeCorpus(pnpmLock, ["pnpm-v5", "pnpm-v6", "pnpm-v9"], RULES);
});

function parse(text: string) {
  return pnpmLock.parse(text, { path: "pnpm-lock.yaml" });
}

function summary(dependencies: Dependency[]): string[] {
  return dependencies.map(({ name, version, line, direct, dev, source }) =>
    `${name}@${version} line ${line}${direct ? " direct" : ""}${dev ? " dev" : ""}${source ? ` ${source}` : ""}`,
  );
}

describe("pnpm corpus details", () => {
  test("entries that name no package make the hand-edited fixtures unreadable, at their line", () => {
    expect(parseFixture(pnpmLock, "pnpm-v5/scalibr__exotic.yaml")).toEqual({
      ok: false,
      error: { message: 'pnpm-lock.yaml entry "github.com/kevva/is-positive" names no package (no name and version in the key or the entry)', line: 14 },
    });
    expect(parseFixture(pnpmLock, "pnpm-v5/scalibr__exotic.yaml", without("  github.com/kevva/is-positive:\n"))).toMatchObject({
      ok: false,
      error: { line: 17 },
    });
    expect(parseFixture(pnpmLock, "pnpm-v5/scalibr__files.yaml")).toMatchObject({ ok: false, error: { line: 44 } });
  });

  test("lines are those of the package keys; tarball, git and folder packages are flagged", () => {
    expect(summary(dependenciesOf(parseFixture(pnpmLock, "pnpm-v6/trivy__pnpm-lock_archives.yaml")))).toEqual([
      "asynckit@0.4.0 line 19",
      "ms@2.1.2 line 23",
      "is-negative@2.0.1 line 27 direct git",
      "debug@4.3.4 line 34 direct url",
      "lodash@4.17.21 line 48 direct file",
      "package1@1.0.0 line 54 direct file",
    ]);
    expect(summary(dependenciesOf(parseFixture(pnpmLock, "pnpm-v9/trivy__pnpm-lock_v9_multiple_documents.yaml")))).toEqual([
      "is-number@7.0.0 line 215 direct",
    ]);
    const peers = dependenciesOf(parseFixture(pnpmLock, "pnpm-v5/scalibr__peer-dependencies-advanced.yaml"));
    expect(peers.slice(0, 2).map(({ name, line }) => `${name}:${line}`)).toEqual(["@typescript-eslint/eslint-plugin:17", "@typescript-eslint/parser:44"]);
  });

  test("v9 dev comes from the importers' lists, carried down the snapshots", () => {
    expect(summary(dependenciesOf(parseFixture(pnpmLock, "pnpm-v9/scalibr__mixed-groups.v9.yaml")))).toEqual([
      "ansi-regex@5.0.1 line 25 direct",
      "is-number@7.0.0 line 29 direct dev",
      "uuid@8.3.2 line 33 direct",
    ]);
  });

  test.each(["pnpm-v5/snyk__pnpm-lock-v5-goof/pnpm-lock.yaml", "pnpm-v6/snyk__pnpm-lock-v6-goof/pnpm-lock.yaml", "pnpm-v9/snyk__pnpm-lock-v9-goof/pnpm-lock.yaml"])(
    "the goof project %s: 27 direct dependencies, browserify the only dev one",
    (fixture) => {
      const direct = dependenciesOf(parseFixture(pnpmLock, fixture)).filter((dependency) => dependency.direct);
      expect(direct).toHaveLength(27);
      expect(direct.filter((dependency) => dependency.dev).map((dependency) => dependency.name)).toEqual(["browserify"]);
    },
  );
});

const V5 = `lockfileVersion: 5.4

importers:

  .:
    specifiers:
      foo: ^1.0.0
      lib: link:packages/lib
    dependencies:
      foo: 1.0.0_bar@3.0.0
      lib: link:packages/lib

  packages/lib:
    specifiers:
      foo: ^1.0.0
    devDependencies:
      foo: 1.0.0_bar@2.0.0

packages:

  /foo/1.0.0_bar@2.0.0:
    resolution: {integrity: sha512-a}
    dev: true

  /foo/1.0.0_bar@3.0.0:
    resolution: {integrity: sha512-b}
    dev: false

  /foo/2.0.0:
    resolution: {integrity: sha512-c}
    dev: true

  /__proto__/1.0.0:
    resolution: {integrity: sha512-d}
`;

const V6 = `lockfileVersion: '6.0'

dependencies:
  foo:
    specifier: ^1.0.0
    version: 1.0.0(bar@3.0.0)

packages:

  /foo@1.0.0(bar@2.0.0):
    resolution: {integrity: sha512-a}
    dev: true

  /foo@1.0.0(bar@3.0.0):
    resolution: {integrity: sha512-b}
    dev: false
`;

const V9 = `lockfileVersion: '9.0'

importers:

  .:
    dependencies:
      foo:
        specifier: ^1.0.0
        version: 1.0.0(bar@3.0.0)
      lib:
        specifier: workspace:*
        version: link:packages/lib
    devDependencies:
      tool:
        specifier: ^1.0.0
        version: 1.0.0

  packages/lib:
    dependencies:
      foo:
        specifier: ^2.0.0
        version: 2.0.0

packages:

  foo@1.0.0:
    resolution: {integrity: sha512-a}

  foo@2.0.0:
    resolution: {integrity: sha512-b}

  tool@1.0.0:
    resolution: {integrity: sha512-c}

  __proto__@1.0.0:
    resolution: {integrity: sha512-d}

snapshots:

  foo@1.0.0(bar@2.0.0): {}

  foo@1.0.0(bar@3.0.0): {}

  foo@2.0.0: {}

  tool@1.0.0:
    dependencies:
      foo: 1.0.0(bar@2.0.0)
      __proto__: 1.0.0

  __proto__@1.0.0: {}
`;

describe("pnpm rules", () => {
  test("v5: peer-suffixed keys are one package; importers and link: refs are the project; dev from the flag", () => {
    expect(parse(V5)).toEqual({
      ok: true,
      dependencies: [
        // Dev-only with one set of peers, runtime with the other: runtime. Listed by both importers: direct.
        { ecosystem: "npm", name: "foo", version: "1.0.0", direct: true, dev: false, line: 21 },
        { ecosystem: "npm", name: "foo", version: "2.0.0", direct: false, dev: true, line: 29 },
        { ecosystem: "npm", name: "__proto__", version: "1.0.0", direct: false, dev: false, line: 33 },
      ],
    });
    expect(({} as Record<string, unknown>).resolution).toBeUndefined();
  });

  test("v6: peer-suffixed keys are one package", () => {
    expect(parse(V6)).toEqual({
      ok: true,
      dependencies: [{ ecosystem: "npm", name: "foo", version: "1.0.0", direct: true, dev: false, line: 10 }],
    });
  });

  test("v9: snapshots walked from the importers; peers collapse; prod wins; workspace links skipped", () => {
    expect(parse(V9)).toEqual({
      ok: true,
      dependencies: [
        // One snapshot reached from the runtime list, the other only through the dev tool: runtime.
        { ecosystem: "npm", name: "foo", version: "1.0.0", direct: true, dev: false, line: 26 },
        // The workspace member packages/lib lists it: direct, runtime.
        { ecosystem: "npm", name: "foo", version: "2.0.0", direct: true, dev: false, line: 29 },
        { ecosystem: "npm", name: "tool", version: "1.0.0", direct: true, dev: true, line: 32 },
        { ecosystem: "npm", name: "__proto__", version: "1.0.0", direct: false, dev: true, line: 35 },
      ],
    });
  });

  test("an injected workspace member (file: of an importer folder) is the project; other folders are vendored code", () => {
    const text = `lockfileVersion: '9.0'

importers:

  .:
    dependencies:
      lib:
        specifier: workspace:*
        version: file:packages/lib
      vendored:
        specifier: file:vendor/vendored
        version: file:vendor/vendored

  packages/lib:
    dependencies:
      left-pad:
        specifier: ^1.3.0
        version: 1.3.0

packages:

  left-pad@1.3.0:
    resolution: {integrity: sha512-a}

  lib@file:packages/lib:
    resolution: {directory: packages/lib, type: directory}

  vendored@file:vendor/vendored:
    resolution: {directory: vendor/vendored, type: directory}

snapshots:

  left-pad@1.3.0: {}

  lib@file:packages/lib:
    dependencies:
      left-pad: 1.3.0

  vendored@file:vendor/vendored: {}
`;
    expect(parse(text)).toEqual({
      ok: true,
      dependencies: [
        { ecosystem: "npm", name: "left-pad", version: "1.3.0", direct: true, dev: false, line: 22 },
        { ecosystem: "npm", name: "vendored", version: "", direct: true, dev: false, line: 28, source: "file" },
      ],
    });
  });

  test("multi-document files: the last document is the project", () => {
    const env = `lockfileVersion: '9.0'\n\nimporters:\n\n  .:\n    configDependencies: {}\n\npackages:\n\n  pnpm@11.0.0:\n    resolution: {integrity: sha512-z}\n\n---\n`;
    expect(summary(dependenciesOf(parse(env + V9)))).toEqual([
      "foo@1.0.0 line 39 direct",
      "foo@2.0.0 line 42 direct",
      "tool@1.0.0 line 45 direct dev",
      "__proto__@1.0.0 line 48 dev",
    ]);
  });
});

describe("pnpm line endings", () => {
  test("CRLF files give the same packages and lines", () => {
    expect(parse(V5.replace(/\n/g, "\r\n"))).toEqual(parse(V5));
    expect(parse(V9.replace(/\n/g, "\r\n"))).toEqual(parse(V9));
  });
});

describe("pnpm lockfiles that cannot be read fail closed at a line", () => {
  test("a YAML syntax error names its line", () => {
    const broken = V9.replace("    resolution: {integrity: sha512-c}\n", "    resolution: {integrity: sha512-c}\n     dev: true\n");
    expect(parse(broken)).toEqual({ ok: false, error: { message: "pnpm-lock.yaml is not valid YAML: bad indentation of a mapping entry", line: 34 } });
  });

  test.each([
    ["unknown lockfileVersion", "lockfileVersion: '7.0'\n\npackages: {}\n", "pnpm-lock.yaml has lockfileVersion 7.0; soup-gate reads versions 5.x, 6.x and 9.x", 1],
    ["no lockfileVersion", "packages:\n  /foo/1.0.0: {}\n", "pnpm-lock.yaml has no lockfileVersion; is it a pnpm lockfile?", 1],
    ["a JSON package-lock", '{\n  "lockfileVersion": 3,\n  "packages": {}\n}\n', "pnpm-lock.yaml holds JSON, not a pnpm lockfile; regenerate it with `pnpm install`", 1],
    ["an empty file", "", "pnpm-lock.yaml has no lockfileVersion; is it a pnpm lockfile?", 1],
  ])("%s", (_label, text, message, line) => {
    expect(parse(text)).toEqual({ ok: false, error: { message, line } });
  });
});
