import { withEveryLine } from "../../src/lockfiles/index.js";
import { pipfileLock } from "../../src/lockfiles/pipenv.js";
import type { ParseOutcome } from "../../src/types.js";
import { adjust, dependenciesOf, listFixtures, pairsOf, readExpected, readFixture, type Adjustment } from "./corpus.js";

/** Every line found, as `audit` asks: a parse finds them on demand, for the packages a check names. */
const parse = (text: string, manifest?: string): ParseOutcome =>
  withEveryLine(pipfileLock.parse(text, manifest === undefined ? { path: "Pipfile.lock" } : { path: "Pipfile.lock", manifest }));

/**
 * We read `default` (runtime) and `develop` (dev), as osv-scalibr does. syft and trivy read `default` only:
 * the `develop` packages are added to their lists (trivy's two fixtures have an empty `develop`).
 */
const CASES: Record<string, Adjustment & { checkDev: boolean }> = {
  "pipfile-lock/scalibr__multiple-packages.json": { checkDev: true },
  "pipfile-lock/scalibr__one-package-dev.json": { checkDev: true },
  "pipfile-lock/scalibr__two-packages-alt.json": { checkDev: true },
  "pipfile-lock/syft__pipfile-lock/Pipfile.lock": { checkDev: false, add: ["astroid@2.5.2", "autopep8@1.5.6"] },
  "pipfile-lock/trivy__Pipfile_django.lock": { checkDev: false },
  "pipfile-lock/trivy__Pipfile_many.lock": { checkDev: false },
};

describe("Pipfile.lock against the corpus", () => {
  it("has a row for every fixture", () => {
    expect(Object.keys(CASES).sort()).toEqual(listFixtures("pipfile-lock"));
  });

  it.each(Object.entries(CASES))("%s", (fixture, { checkDev, ...adjustment }) => {
    const dependencies = dependenciesOf(parse(readFixture(fixture)));
    const expected = readExpected(fixture);
    expect(pairsOf(dependencies)).toEqual(adjust(pairsOf(expected), adjustment));
    // osv-scalibr: a package in both sections is runtime (dev: false), as with us.
    if (checkDev) expect(pairsOf(dependencies.filter((dependency) => dependency.dev))).toEqual(pairsOf(expected.filter((entry) => entry.dev === true)));
  });

  it("marks the develop section dev and gives the line of each package key", () => {
    const dependencies = dependenciesOf(parse(readFixture("pipfile-lock/syft__pipfile-lock/Pipfile.lock")));
    expect(dependencies.map(({ name, dev, line }) => ({ name, dev, line }))).toEqual([
      { name: "aio-pika", dev: false, line: 24 },
      { name: "aiodns", dev: false, line: 32 },
      { name: "aiohttp", dev: false, line: 40 },
      { name: "aiohttp-jinja2", dev: false, line: 48 },
      { name: "astroid", dev: true, line: 58 },
      { name: "autopep8", dev: true, line: 65 },
    ]);
  });

  it("keeps one version per section when they differ, each at its own line", () => {
    const pluggy = dependenciesOf(parse(readFixture("pipfile-lock/scalibr__multiple-packages.json"))).filter(({ name }) => name === "pluggy");
    expect(pluggy.map(({ version, dev, line }) => ({ version, dev, line }))).toEqual([
      { version: "1.0.1", dev: false, line: 27 },
      { version: "1.0.0", dev: true, line: 88 },
    ]);
  });

  it("takes direct from the Pipfile, PEP 503-normalised", () => {
    const manifest = ['[[source]]', 'url = "https://pypi.org/simple"', 'name = "pypi"', "", "[packages]", 'Django = "==2.2"', 'djangorestframework = "*"', "", "[dev-packages]", 'PyYAML = "*"', "", "[requires]", 'python_version = "3.7"'].join("\n");
    const direct = dependenciesOf(parse(readFixture("pipfile-lock/trivy__Pipfile_django.lock"), manifest))
      .filter((dependency) => dependency.direct)
      .map((dependency) => dependency.name);
    expect(direct).toEqual(["django", "djangorestframework", "pyyaml"]);
  });
});

describe("Pipfile.lock beside its Pipfile", () => {
  const text = JSON.stringify({ _meta: {}, default: { django: { version: "==4.2.0" }, six: { version: "==1.16.0" } }, develop: {} }, null, 4);
  const directOf = (manifest: string) => dependenciesOf(parse(text, manifest)).filter((dependency) => dependency.direct).map((dependency) => dependency.name);

  it("takes no name from the Pipfile's settings sections", () => {
    const manifest = '[packages]\nDjango = "*"\n\n[scripts]\nsix = "python -m six"\n\n[requires]\npython_version = "3.12"\n\n[pipenv]\nallow_prereleases = false\n\n[[source]]\nname = "pypi"\nurl = "https://pypi.org/simple"\n';
    expect(directOf(manifest)).toStrictEqual(["django"]);
  });

  it("reads each Pipfile's own names, whichever was read before", () => {
    const django = '[packages]\nDjango = "*"\n';
    const six = '[packages]\nsix = "*"\n';
    expect([directOf(django), directOf(six), directOf(django), directOf("[packages\n")]).toStrictEqual([["django"], ["six"], ["django"], ["django", "six"]]);
  });
});

describe("Pipfile.lock by hand", () => {
  const lock = (sections: Record<string, unknown>): string => JSON.stringify({ _meta: { "pipfile-spec": 6 }, default: {}, develop: {}, ...sections }, null, 4);

  it("keeps git and path entries without a version, flagged by source", () => {
    const text = lock({
      default: {
        mylib: { editable: true, git: "https://github.com/acme/mylib.git", ref: "3f2a1b4c" },
        local: { editable: true, path: "./libs/local" },
        pyyaml: { hashes: ["sha256:d4db7c7a"], version: "==6.0" },
      },
    });
    expect(parse(text)).toEqual({
      ok: true,
      dependencies: [
        { ecosystem: "pypi", name: "mylib", version: "", direct: true, dev: false, line: 6, source: "git" },
        { ecosystem: "pypi", name: "local", version: "", direct: true, dev: false, line: 11, source: "file" },
        { ecosystem: "pypi", name: "pyyaml", version: "6.0", direct: true, dev: false, line: 15 },
      ],
    });
  });

  it("counts a package in both sections once, as runtime", () => {
    const text = lock({ default: { six: { version: "==1.16.0" } }, develop: { six: { version: "==1.16.0" }, pytest: { version: "==8.0.0" } } });
    expect(dependenciesOf(parse(text)).map(({ name, dev, line }) => ({ name, dev, line }))).toEqual([
      { name: "six", dev: false, line: 6 },
      { name: "pytest", dev: true, line: 14 },
    ]);
  });

  it("reads a package named __proto__ as plain data", () => {
    const text = '{"_meta": {}, "default": {"__proto__": {"version": "==1.0"}, "constructor": {"version": "==2.0"}}, "develop": {}}';
    expect(dependenciesOf(parse(text)).map(({ name, version }) => `${name}@${version}`)).toEqual(["__proto__@1.0", "constructor@2.0"]);
    expect(({} as Record<string, unknown>)["version"]).toBeUndefined();
  });

  it.each([
    ['{\n    "default": {\n        "six": {"version": "==1.16.0"},\n    }\n}', 4, "Pipfile.lock is not valid JSON: Expected double-quoted property name"],
    ['{\n    "default": {\n        "six": {"version": ==1.16.0}\n    }\n}', 3, "Pipfile.lock is not valid JSON: Unexpected token '='"],
    ['{\n    "default": {\n        "six": {"version": "==1.16.0"}', 3, "Pipfile.lock is not valid JSON: Expected ',' or '}' after property value"],
    ['{\n    "default": {\n        "six": ', 3, "Pipfile.lock is not valid JSON: Unexpected end of JSON input"],
    ['{"_meta": {}}', 1, "this is not a Pipfile.lock: it has no `default` or `develop` section"],
    ['{"default": {"six": "==1.16.0"}}', 1, "Pipfile.lock: `default` › `six` is a string, not a map"],
    ['{\n  "_meta": {},\n  "default": [],\n  "develop": {"pytest": {"version": "==8.0.0"}}\n}', 3, "Pipfile.lock: `default` is a list, not a map"],
    ['{\n  "default": {\n    "six": {"version": 1.16}\n  }\n}', 3, "Pipfile.lock: `default` › `six` › `version` is a number, not a string"],
    ['{"default": {}, "develop": {}, "extra": "none"}', 1, "Pipfile.lock: `extra` is a string, not a map"],
  ])("fails closed on %j at line %i", (text, line, message) => {
    expect(parse(text)).toEqual({ ok: false, error: { message, line } });
  });
});

describe("the shape of a Pipfile.lock entry", () => {
  test("refuses a field soup-gate reads when it is of the wrong kind, with the shape's words, at the package's line", () => {
    const text = JSON.stringify({ _meta: {}, default: { six: { version: "==1.16.0" }, idna: { version: 3.7 } } }, null, 4);
    expect(parse(text)).toStrictEqual({ ok: false, error: { line: 7, message: "Pipfile.lock: `default` › `idna` › `version` is a number, not a string" } });
  });

  test.each([
    [{ version: "==3.7", git: true }, "`default` › `idna` › `git` is true or false, not a string"],
    [{ path: ["."] }, "`default` › `idna` › `path` is a list, not a string"],
    [{ file: { url: "x" } }, "`default` › `idna` › `file` is a map, not a string"],
    ["==3.7", "`default` › `idna` is a string, not a map"],
    [null, "`default` › `idna` is empty, not a map"],
    [[], "`default` › `idna` is a list, not a map"],
  ])("refuses the entry %j with the shape's words", (entry, message) => {
    const text = JSON.stringify({ _meta: {}, default: { six: { version: "==1.16.0" }, idna: entry } }, null, 4);
    expect(parse(text)).toStrictEqual({ ok: false, error: { line: 7, message: `Pipfile.lock: ${message}` } });
  });

  test("reads an entry with every field it reads, each a string", () => {
    const text = JSON.stringify({ _meta: {}, default: { idna: { version: "==3.7", git: "https://github.com/kjd/idna", path: ".", file: "https://example.org/idna.whl" } } }, null, 4);
    expect(dependenciesOf(parse(text)).map(({ name, version, source }) => ({ name, version, source }))).toStrictEqual([{ name: "idna", version: "3.7", source: "git" }]);
  });

  test("reads a version pinned with == or ===, and none from a range", () => {
    const text = JSON.stringify({ _meta: {}, default: { a: { version: "==1.0" }, b: { version: "===2.0" }, c: { version: ">=3.0" }, d: { version: "*" }, e: { version: "== 4.0 " } } }, null, 4);
    expect(dependenciesOf(parse(text)).map(({ name, version }) => `${name}@${version}`)).toStrictEqual(["a@1.0", "b@2.0", "c@", "d@", "e@4.0"]);
  });

  test("tells a wheel or archive at a URL from a local file", () => {
    const text = JSON.stringify({ _meta: {}, default: { a: { file: "https://example.org/a-1.0-py3-none-any.whl" }, b: { file: "file:///wheels/b-1.0.whl" }, c: { file: "./wheels/c-1.0.whl" }, d: { path: "./d" }, e: { version: "==1.0" } } }, null, 4);
    expect(dependenciesOf(parse(text)).map(({ name, source }) => `${name}:${source ?? "registry"}`)).toStrictEqual(["a:url", "b:file", "c:file", "d:file", "e:registry"]);
  });

  test("leaves alone the fields soup-gate never reads, as pipenv's own business", () => {
    const text = JSON.stringify({ _meta: {}, default: { idna: { version: "==3.7", hashes: "sha256:1", markers: 3, index: null, extras: {}, ref: [], editable: "yes" } } }, null, 4);
    expect(dependenciesOf(parse(text)).map(({ name, version, line }) => ({ name, version, line }))).toStrictEqual([{ name: "idna", version: "3.7", line: 4 }]);
  });
});
