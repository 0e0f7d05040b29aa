import { uvLock } from "../../src/lockfiles/uv.js";
import type { ParseOutcome } from "../../src/types.js";
import { adjust, dependenciesOf, listFixtures, pairsOf, readExpected, readFixture, type Adjustment } from "./corpus.js";

const parse = (text: string): ParseOutcome => uvLock.parse(text, { path: "uv.lock" });

/**
 * The project itself (`source = { virtual = "." }`) is first-party code, not SOUP: we leave it out, as
 * osv-scalibr does. trivy and syft list it (trivy as `relationship: root`): removed from their lists.
 */
const CASES: Record<string, Adjustment> = {
  "uv-lock/scalibr__grouped-packages.lock": {},
  "uv-lock/scalibr__source-git.lock": {},
  "uv-lock/scalibr__two-packages.lock": {},
  "uv-lock/syft__simple-deps/uv.lock": { remove: ["testpkg@0.1.0"] },
  "uv-lock/trivy__uv_normal.lock": { remove: ["normal@0.1.0"] },
};

describe("uv.lock against the corpus", () => {
  it("has a row for every fixture", () => {
    expect(Object.keys(CASES).sort()).toEqual(listFixtures("uv-lock"));
  });

  it.each(Object.entries(CASES))("%s", (fixture, adjustment) => {
    expect(pairsOf(dependenciesOf(parse(readFixture(fixture))))).toEqual(adjust(pairsOf(readExpected(fixture)), adjustment));
  });

  it("agrees with trivy on direct and dev for every package", () => {
    const fixture = "uv-lock/trivy__uv_normal.lock";
    const ours = dependenciesOf(parse(readFixture(fixture))).map(({ name, direct, dev }) => ({ name, direct, dev }));
    const trivy = readExpected(fixture)
      .filter((entry) => entry.relationship !== "root")
      .map((entry) => ({ name: entry.name, direct: entry.relationship === "direct", dev: entry.dev === true }));
    expect(ours).toEqual(trivy);
  });

  it("counts the project's extras as direct runtime, where osv-scalibr lists them as groups", () => {
    const fixture = "uv-lock/scalibr__grouped-packages.lock";
    const dependencies = dependenciesOf(parse(readFixture(fixture)));
    // The root names emoji in `dependencies`, click in the extra `cli`, black and flake8 in the extras `dev`/`test`.
    expect(dependencies.filter((dependency) => dependency.direct).map((dependency) => dependency.name)).toEqual(["black", "click", "emoji", "flake8"]);
    expect(dependencies.some((dependency) => dependency.dev)).toBe(false);
    const grouped = readExpected(fixture).filter((entry) => (entry.depGroups ?? []).length > 0).map((entry) => entry.name);
    expect(grouped.every((name) => dependencies.find((dependency) => dependency.name === name)?.direct)).toBe(true);
  });

  it("takes direct from the root project in syft's lock", () => {
    const dependencies = dependenciesOf(parse(readFixture("uv-lock/syft__simple-deps/uv.lock")));
    expect(dependencies.map(({ name, direct, dev, line }) => ({ name, direct, dev, line }))).toEqual([
      { name: "certifi", direct: false, dev: false, line: 4 },
      { name: "charset-normalizer", direct: false, dev: false, line: 13 },
      { name: "idna", direct: false, dev: false, line: 61 },
      { name: "requests", direct: true, dev: false, line: 70 },
      { name: "urllib3", direct: false, dev: false, line: 96 },
    ]);
  });

  it("flags a git source", () => {
    expect(parse(readFixture("uv-lock/scalibr__source-git.lock"))).toEqual({
      ok: true,
      dependencies: [{ ecosystem: "pypi", name: "ruff", version: "0.8.1", direct: true, dev: false, line: 4, source: "git" }],
    });
  });
});

const lock = (...packages: string[]): string => ['version = 1', 'requires-python = ">=3.9"', "", ...packages].join("\n");
const pkg = (name: string, version: string, source: string, ...rest: string[]): string =>
  ["[[package]]", `name = "${name}"`, `version = "${version}"`, `source = ${source}`, ...rest, ""].join("\n");
const registry = '{ registry = "https://pypi.org/simple" }';

describe("uv.lock by hand", () => {
  const summary = (text: string) => dependenciesOf(parse(text)).map(({ name, version, direct, dev }) => `${name}@${version} direct=${direct} dev=${dev}`);

  it("follows forked resolutions by version and walks extras that a reference asks for", () => {
    const text = lock(
      pkg("app", "0.1.0", '{ editable = "." }',
        'dependencies = [{ name = "numpy", version = "1.26.4", source = { registry = "https://pypi.org/simple" }, marker = "python_full_version < \'3.10\'" }, { name = "numpy", version = "2.2.3", source = { registry = "https://pypi.org/simple" }, marker = "python_full_version >= \'3.10\'" }]',
        "[package.dev-dependencies]",
        'dev = [{ name = "httpx", extra = ["socks"] }, { name = "sniffio" }]'),
      pkg("anyio", "4.7.0", registry, 'dependencies = [{ name = "sniffio" }]'),
      pkg("httpx", "0.28.1", registry, 'dependencies = [{ name = "anyio" }]', "[package.optional-dependencies]", 'socks = [{ name = "socksio" }]'),
      pkg("numpy", "1.26.4", registry),
      pkg("numpy", "2.2.3", registry),
      pkg("sniffio", "1.3.1", registry),
      pkg("socksio", "1.0.0", registry),
      pkg("unused", "1.0.0", registry),
    );
    expect(summary(text)).toEqual([
      "anyio@4.7.0 direct=false dev=true",
      "httpx@0.28.1 direct=true dev=true",
      "numpy@1.26.4 direct=true dev=false",
      "numpy@2.2.3 direct=true dev=false",
      "sniffio@1.3.1 direct=true dev=true",
      "socksio@1.0.0 direct=false dev=true",
      // Reached from nothing: nothing says it is dev, so it is runtime.
      "unused@1.0.0 direct=false dev=false",
    ]);
  });

  it("lets runtime win over dev, and leaves workspace members out while reading their dependencies", () => {
    const text = lock(
      pkg("app", "0.1.0", '{ virtual = "." }', 'dependencies = [{ name = "core" }]', "[package.dev-dependencies]", 'dev = [{ name = "pytest" }]'),
      pkg("core", "0.2.0", '{ editable = "packages/core" }', 'dependencies = [{ name = "packaging" }]'),
      pkg("packaging", "24.2", registry),
      pkg("pytest", "8.3.4", registry, 'dependencies = [{ name = "packaging" }, { name = "pluggy" }]'),
      pkg("pluggy", "1.5.0", registry),
      pkg("vendored", "0.9.0", '{ directory = "vendor/vendored" }'),
    );
    expect(dependenciesOf(parse(text))).toEqual([
      { ecosystem: "pypi", name: "packaging", version: "24.2", direct: true, dev: false, line: 18 },
      { ecosystem: "pypi", name: "pytest", version: "8.3.4", direct: true, dev: true, line: 23 },
      { ecosystem: "pypi", name: "pluggy", version: "1.5.0", direct: false, dev: true, line: 29 },
      { ecosystem: "pypi", name: "vendored", version: "0.9.0", direct: false, dev: false, line: 34, source: "file" },
    ]);
  });

  it("treats every package as direct runtime when the lock has no project", () => {
    expect(summary(lock(pkg("six", "1.17.0", registry)))).toEqual(["six@1.17.0 direct=true dev=false"]);
  });

  it("reports where TOML parsing stopped", () => {
    expect(parse('version = 1\n\n[[package]]\nname = "six\nversion = "1.17.0"\n')).toEqual({
      ok: false,
      error: { message: "uv.lock is not valid TOML: control characters are not allowed in strings (column 12)", line: 4 },
    });
  });

  it('keeps "6.0" a string, refuses a number, and reads __proto__ as plain data', () => {
    expect(summary(lock(pkg("pyyaml", "6.0", registry)))).toEqual(["pyyaml@6.0 direct=true dev=false"]);
    expect(parse('version = 1\n[[package]]\nname = "pyyaml"\nversion = 6.0\n')).toEqual({
      ok: false,
      error: { message: "the version of pyyaml must be a quoted string: `version = 6` is not read as written", line: 2 },
    });
    expect(summary(lock(pkg("__proto__", "1.0", registry, 'dependencies = [{ name = "constructor" }]')))).toEqual(["__proto__@1.0 direct=true dev=false"]);
  });
});
