import { pdmLock } from "../../src/lockfiles/pdm.js";
import type { ParseOutcome } from "../../src/types.js";
import { dependenciesOf, listFixtures, pairsOf, readExpected, readFixture, type ExpectedPackage } from "./corpus.js";

const parse = (text: string, manifest?: string): ParseOutcome =>
  pdmLock.parse(text, manifest === undefined ? { path: "pdm.lock" } : { path: "pdm.lock", manifest });

/**
 * osv-scalibr and syft list every `[[package]]`, as we do: no set adjustments. Dev: osv-scalibr writes
 * `dev` for groups containing "dev" and `optional` for groups with neither "default" nor "dev"
 * (`scalibr__optional-dependency.toml`, group "tmp"). pdm puts extras and dev groups alike in `groups`;
 * without the manifest we count every group other than `default` as dev, so "optional" reads as dev there.
 * syft asserts no dev flag.
 */
const DEV_RULE: Record<string, ((entry: ExpectedPackage) => boolean) | undefined> = {
  "pdm-lock/scalibr__dev-dependency.toml": (entry) => entry.dev === true,
  "pdm-lock/scalibr__git-dependency.toml": (entry) => entry.dev === true,
  "pdm-lock/scalibr__optional-dependency.toml": (entry) => entry.dev === true || entry.optional === true,
  "pdm-lock/scalibr__two-packages.toml": (entry) => entry.dev === true,
  "pdm-lock/syft__pdm-lock/pdm.lock": undefined,
};

describe("pdm.lock against the corpus", () => {
  it("has a row for every fixture", () => {
    expect(Object.keys(DEV_RULE).sort()).toEqual(listFixtures("pdm-lock"));
  });

  it.each(Object.entries(DEV_RULE))("%s", (fixture, devRule) => {
    const dependencies = dependenciesOf(parse(readFixture(fixture)));
    const expected = readExpected(fixture);
    expect(pairsOf(dependencies)).toEqual(pairsOf(expected));
    expect(dependencies.every((dependency) => dependency.direct)).toBe(true);
    if (devRule) expect(pairsOf(dependencies.filter((dependency) => dependency.dev))).toEqual(pairsOf(expected.filter(devRule)));
  });

  it("counts an extra named in pyproject.toml as runtime, where osv-scalibr says optional", () => {
    const manifest = '[project]\nname = "app"\ndependencies = ["toml"]\n\n[project.optional-dependencies]\ntmp = ["pyroute2"]\n';
    const dependencies = dependenciesOf(parse(readFixture("pdm-lock/scalibr__optional-dependency.toml"), manifest));
    expect(dependencies.map(({ name, direct, dev, line }) => ({ name, direct, dev, line }))).toEqual([
      { name: "pyroute2", direct: true, dev: false, line: 10 },
      { name: "toml", direct: true, dev: false, line: 22 },
      { name: "win-inet-pton", direct: false, dev: false, line: 33 },
    ]);
  });

  it("takes direct and dev from pyproject.toml for syft's lock", () => {
    const manifest = [
      "[project]",
      'name = "demo"',
      "dependencies = [\"chardet; os_name == 'nt'\", \"IDNA>=2.5\"]",
      "[project.optional-dependencies]",
      'security = ["requests>=2.27"]',
      "[tool.pdm.dev-dependencies]",
      'tests = ["pytest<3.3", "-e file:///${PROJECT_ROOT}/plugins/local"]',
    ].join("\n");
    const dependencies = dependenciesOf(parse(readFixture("pdm-lock/syft__pdm-lock/pdm.lock"), manifest));
    expect(dependencies.map(({ name, direct, dev }) => `${name} direct=${direct} dev=${dev}`)).toEqual([
      "certifi direct=false dev=false",
      "chardet direct=true dev=false",
      "charset-normalizer direct=false dev=false",
      "colorama direct=false dev=true",
      "idna direct=true dev=false",
      "py direct=false dev=true",
      "pytest direct=true dev=true",
      "requests direct=true dev=false",
      "setuptools direct=false dev=true",
      "urllib3 direct=false dev=false",
    ]);
  });

  it("flags a git source and gives the [[package]] header line", () => {
    expect(parse(readFixture("pdm-lock/scalibr__git-dependency.toml"))).toEqual({
      ok: true,
      dependencies: [{ ecosystem: "pypi", name: "toml", version: "0.10.2", direct: true, dev: false, line: 10, source: "git" }],
    });
  });
});

describe("pdm.lock by hand", () => {
  it("merges the second [[package]] that an extra adds, keeping the first line and runtime", () => {
    const text = [
      "[metadata]",
      'groups = ["default", "dev"]',
      'lock_version = "4.5.0"',
      "",
      "[[package]]",
      'name = "coverage"',
      'version = "7.6.10"',
      'groups = ["dev"]',
      "",
      "[[package]]",
      'name = "coverage"',
      'version = "7.6.10"',
      'extras = ["toml"]',
      'groups = ["default"]',
      'dependencies = ["coverage==7.6.10", "tomli; python_full_version <= \\"3.11.0a6\\""]',
      "",
      "[[package]]",
      'name = "local-plugin"',
      'version = "0.1.0"',
      'path = "./plugins/local"',
      'groups = ["default"]',
    ].join("\n");
    expect(parse(text)).toEqual({
      ok: true,
      dependencies: [
        { ecosystem: "pypi", name: "coverage", version: "7.6.10", direct: true, dev: false, line: 5 },
        { ecosystem: "pypi", name: "local-plugin", version: "0.1.0", direct: true, dev: false, line: 17, source: "file" },
      ],
    });
  });

  it("refuses a poetry.lock saved as pdm.lock: every pdm.lock has [metadata], and poetry spells its keys with `-`", () => {
    expect(parse(readFixture("poetry-lock/scalibr__source-legacy.lock"))).toEqual({
      ok: false,
      error: { message: "this is not a pdm.lock: it has no `metadata`, which every pdm.lock has", line: 1 },
    });
    expect(parse(readFixture("poetry-lock/trivy__poetry_flask.lock"))).toEqual({
      ok: false,
      error: { message: "this is a poetry.lock, not a pdm.lock: it has `metadata.lock-version`, which only poetry.lock writes", line: 173 },
    });
  });

  it("reports where TOML parsing stopped", () => {
    expect(parse('[metadata]\ngroups = ["default"\n\n[[package]]\nname = "six"\n')).toEqual({
      ok: false,
      error: { message: "pdm.lock is not valid TOML: expected comma or end of structure (column 1)", line: 4 },
    });
  });

  it('keeps "6.0" a string, refuses a number, and reads __proto__ as plain data', () => {
    expect(dependenciesOf(parse('[metadata]\n[[package]]\nname = "pyyaml"\nversion = "6.0"\ngroups = ["default"]\n'))[0]!.version).toBe("6.0");
    expect(parse('[metadata]\n[[package]]\nname = "pyyaml"\nversion = 6.0\n')).toEqual({
      ok: false,
      error: { message: "the version of pyyaml must be a quoted string: `version = 6` is not read as written", line: 2 },
    });
    expect(parse('[metadata]\n[[package]]\nname = "__proto__"\nversion = "1.0"\ngroups = ["__proto__"]\n', '[project.optional-dependencies]\n__proto__ = ["x"]\n')).toEqual({
      ok: true,
      dependencies: [{ ecosystem: "pypi", name: "__proto__", version: "1.0", direct: false, dev: false, line: 2 }],
    });
  });
});
