import { poetryLock } from "../../src/lockfiles/poetry.js";
import type { ParseOutcome } from "../../src/types.js";
import { dependenciesOf, listFixtures, pairsOf, readExpected, readFixture, type ExpectedPackage } from "./corpus.js";

const parse = (text: string, manifest?: string): ParseOutcome =>
  poetryLock.parse(text, manifest === undefined ? { path: "poetry.lock" } : { path: "poetry.lock", manifest });

/**
 * Every producer lists every `[[package]]` of a poetry.lock, as we do: no set adjustments. Dev, where the
 * producer asserts it: trivy writes `dev: true` (absent = runtime); osv-scalibr writes depGroups, where
 * "dev" appears exactly for packages whose `groups` lack `main` (its "optional" means an extra: runtime).
 */
const DEV_RULE: Record<string, ((entry: ExpectedPackage) => boolean) | undefined> = {
  "poetry-lock/scalibr__multiple-packages.v2.lock": (entry) => entry.depGroups?.includes("dev") ?? false,
  "poetry-lock/scalibr__optional-package.lock": (entry) => entry.depGroups?.includes("dev") ?? false,
  "poetry-lock/scalibr__source-git.lock": (entry) => entry.depGroups?.includes("dev") ?? false,
  "poetry-lock/scalibr__source-legacy.lock": (entry) => entry.depGroups?.includes("dev") ?? false,
  // syft asserts no dev flag.
  "poetry-lock/syft__dev-deps/poetry.lock": undefined,
  "poetry-lock/trivy__poetry_flask.lock": (entry) => entry.dev === true,
  "poetry-lock/trivy__poetry_v2_flask.lock": (entry) => entry.dev === true,
};

describe("poetry.lock against the corpus", () => {
  it("has a row for every fixture", () => {
    expect(Object.keys(DEV_RULE).sort()).toEqual(listFixtures("poetry-lock"));
  });

  it.each(Object.entries(DEV_RULE))("%s", (fixture, devRule) => {
    const dependencies = dependenciesOf(parse(readFixture(fixture)));
    const expected = readExpected(fixture);
    expect(pairsOf(dependencies)).toEqual(pairsOf(expected));
    expect(dependencies.every((dependency) => dependency.direct)).toBe(true);
    if (devRule) {
      expect(pairsOf(dependencies.filter((dependency) => dependency.dev))).toEqual(pairsOf(expected.filter(devRule)));
    }
  });

  it("marks every package of a poetry 1.x dev-only lock as dev", () => {
    expect(dependenciesOf(parse(readFixture("poetry-lock/syft__dev-deps/poetry.lock"))).every((dependency) => dependency.dev)).toBe(true);
  });

  it.each([
    ["poetry-lock/trivy__poetry_flask.lock", { flask: 44, pluggy: 109, werkzeug: 158 }],
    ["poetry-lock/trivy__poetry_v2_flask.lock", { flask: 63, pluggy: 211, werkzeug: 276 }],
  ])("gives the [[package]] header line in %s", (fixture, lines) => {
    const dependencies = dependenciesOf(parse(readFixture(fixture)));
    const byName = Object.fromEntries(dependencies.map(({ name, line }) => [name, line]));
    expect(Object.fromEntries(Object.keys(lines).map((name) => [name, byName[name]]))).toEqual(lines);
  });

  it("keeps both versions of a forked package, each at its own line, and the git source", () => {
    const forked = dependenciesOf(parse(readFixture("poetry-lock/scalibr__multiple-packages.v2.lock"))).filter(({ name }) => name === "proto-plus");
    expect(forked.map(({ version, line }) => ({ version, line }))).toEqual([
      { version: "1.22.0", line: 51 },
      { version: "1.23.0", line: 70 },
    ]);
    expect(parse(readFixture("poetry-lock/scalibr__source-git.lock"))).toEqual({
      ok: true,
      dependencies: [{ ecosystem: "pypi", name: "ike", version: "0.2.0", direct: true, dev: false, line: 1, source: "git" }],
    });
  });
});

describe("poetry.lock with its pyproject.toml", () => {
  const lock = readFixture("poetry-lock/trivy__poetry_flask.lock");
  const directOf = (manifest: string) =>
    dependenciesOf(parse(lock, manifest))
      .filter((dependency) => dependency.direct)
      .map((dependency) => dependency.name);

  it("takes direct from [tool.poetry] dependencies and groups, PEP 503-normalised, python excluded", () => {
    const manifest = [
      "[tool.poetry.dependencies]",
      'python = "^3.9"',
      'Flask = "1.0.3"',
      "[tool.poetry.group.test.dependencies]",
      'PyTest = "^5.4"',
    ].join("\n");
    expect(directOf(manifest)).toEqual(["flask", "pytest"]);
  });

  it("takes direct from poetry 1.x [tool.poetry.dev-dependencies]", () => {
    expect(directOf('[tool.poetry.dependencies]\nflask = "*"\n[tool.poetry.dev-dependencies]\npytest = "*"\n')).toEqual(["flask", "pytest"]);
  });

  it("takes direct from PEP 621 dependencies, optional dependencies and PEP 735 groups", () => {
    const manifest = [
      "[project]",
      'name = "app"',
      'dependencies = ["Flask>=1.0; python_version >= \'3.8\'"]',
      "[project.optional-dependencies]",
      'speed = ["MarkupSafe[extra]"]',
      "[dependency-groups]",
      'test = ["pytest>=5", {include-group = "lint"}]',
      'lint = ["wcwidth"]',
    ].join("\n");
    expect(directOf(manifest)).toEqual(["flask", "markupsafe", "pytest", "wcwidth"]);
  });

  it("treats every package as direct when the manifest cannot be read", () => {
    expect(directOf("[tool.poetry\n")).toHaveLength(15);
  });
});

describe("poetry.lock by hand", () => {
  it("reports where TOML parsing stopped", () => {
    expect(parse('[[package]]\nname = "six"\nversion = \n')).toEqual({
      ok: false,
      error: { message: "poetry.lock is not valid TOML: invalid value (column 11)", line: 3 },
    });
  });

  it('keeps "6.0" a string and refuses an unquoted 6.0', () => {
    expect(dependenciesOf(parse('[[package]]\nname = "pyyaml"\nversion = "6.0"\n'))[0]!.version).toBe("6.0");
    expect(parse('[metadata]\n\n[[package]]\nname = "pyyaml"\nversion = 6.0\n')).toEqual({
      ok: false,
      error: { message: "the version of pyyaml must be a quoted string: `version = 6` is not read as written", line: 3 },
    });
  });

  it("reads a package named __proto__ as plain data", () => {
    expect(parse('[[package]]\nname = "__proto__"\nversion = "1.0"\n[package.dependencies]\n__proto__ = "*"\n')).toEqual({
      ok: true,
      dependencies: [{ ecosystem: "pypi", name: "__proto__", version: "1.0", direct: true, dev: false, line: 1 }],
    });
    expect(({} as Record<string, unknown>)["version"]).toBeUndefined();
  });

  it("refuses a pdm.lock or a uv.lock saved as poetry.lock, naming the format and the line that tells", () => {
    expect(parse(readFixture("pdm-lock/scalibr__two-packages.toml"))).toEqual({
      ok: false,
      error: { message: "this is a pdm.lock, not a poetry.lock: it has `metadata.lock_version`, which only pdm.lock writes", line: 7 },
    });
    expect(parse(readFixture("uv-lock/scalibr__two-packages.lock"))).toEqual({
      ok: false,
      error: { message: "this is a uv.lock, not a poetry.lock: it has `version`, which only uv.lock writes", line: 1 },
    });
  });

  it("refuses TOML that is not a poetry.lock", () => {
    expect(parse('[tool.black]\nline-length = 100\n')).toEqual({
      ok: false,
      error: { message: "this is not a poetry.lock: it has neither [[package]] tables nor `metadata`", line: 1 },
    });
  });

  it("takes poetry 2 groups: runtime when `main` is among them, extras runtime", () => {
    const text = [
      "[[package]]",
      'name = "redis"',
      'version = "5.2.1"',
      "optional = true",
      'groups = ["main"]',
      "",
      "[[package]]",
      'name = "six"',
      'version = "1.17.0"',
      'groups = ["main", "dev"]',
      "",
      "[[package]]",
      'name = "faker"',
      'version = "33.3.0"',
      'groups = ["dev", "test"]',
      "",
      "[metadata]",
      'lock-version = "2.1"',
    ].join("\n");
    expect(dependenciesOf(parse(text)).map(({ name, dev, line }) => ({ name, dev, line }))).toEqual([
      { name: "redis", dev: false, line: 1 },
      { name: "six", dev: false, line: 7 },
      { name: "faker", dev: true, line: 12 },
    ]);
  });
});
