import { readFileSync } from "node:fs";
import { join } from "node:path";
import { decodeText } from "../../src/lockfiles/common/decode-text.js";
import { requirementsTxt } from "../../src/lockfiles/requirements.js";
import { normalizePypiName } from "../../src/names.js";
import type { Dependency, ParseOutcome } from "../../src/types.js";
import { adjust, CORPUS, dependenciesOf, listFixtures, pairsOf, readExpected, type Adjustment } from "./corpus.js";

const parse = (text: string, path = "requirements.txt"): ParseOutcome => requirementsTxt.parse(text, { path });

/** Parses a fixture as the caller does: bytes decoded (UTF-16 too), then every `-r` include, and the union. */
function parseWithIncludes(fixture: string): Dependency[] {
  const seen = new Set<string>();
  const all: Dependency[] = [];
  const visit = (path: string): void => {
    if (seen.has(path)) return;
    seen.add(path);
    const outcome = requirementsTxt.parse(decodeText(readFileSync(path)), { path });
    all.push(...dependenciesOf(outcome));
    for (const include of outcome.ok ? (outcome.includes ?? []) : []) visit(include.path);
  };
  visit(join(CORPUS, fixture));
  return all;
}

type Producer = "osv-scanner-v1" | "osv-scalibr" | "trivy";

/**
 * How each producer counts (FORMATS.md §1.1) against our rule, where versions are `==`/`===` pins only and
 * every other requirement is kept with version "":
 * - osv-scanner v1 lowercases names (PEP 503) and writes "0.0.0" for unpinned requirements, so names are
 *   compared normalised and "0.0.0" reads as "". It takes the version after `>=`/`~=`: adjusted per file.
 * - osv-scalibr keeps a version for a single `>=`/`<=`/`~=` and skips URL and path lines: adjusted per file.
 * - trivy keeps only `==` pins (with useMinVersion also lower bounds): the unpinned ones are added.
 * Wheel lines (`./x-1.0-py3-none-any.whl`, a wheel URL) are packages the device ships; the wheel file name
 * standard fixes name and version, so we report them where the producers skip them.
 */
const CASES: Record<string, { producer: Producer } & Adjustment> = {
  "requirements-txt/osvv1__duplicate-r-dev/duplicate-r-dev.txt": { producer: "osv-scanner-v1" },
  "requirements-txt/osvv1__file-format-example/file-format-example.txt": {
    producer: "osv-scanner-v1",
    remove: ["keyring@4.1.1", "mopidy-dirble@1.1"],
    add: ["keyring@", "mopidy-dirble@", "numpy@1.9.2", "wxpython-phoenix@3.0.3.dev1820+49a8884"],
  },
  // pip's join_lines strips every `\` at the end of a continued line: `bar == 4.5\\` + `.6` is `bar == 4.5.6`.
  "requirements-txt/osvv1__line-continuation.txt": { producer: "osv-scanner-v1", remove: ["bar@4.5\\\\"], add: ["bar@4.5.6"] },
  "requirements-txt/osvv1__multiple-packages-constrained.txt": { producer: "osv-scanner-v1" },
  "requirements-txt/osvv1__non-normalized-names.txt": { producer: "osv-scanner-v1" },
  "requirements-txt/osvv1__with-multiple-r-options/with-multiple-r-options.txt": { producer: "osv-scanner-v1" },
  "requirements-txt/osvv1__with-per-requirement-options.txt": { producer: "osv-scanner-v1", remove: ["barproject@1.2"], add: ["barproject@"] },
  "requirements-txt/scalibr__example/example.txt": {
    producer: "osv-scalibr",
    remove: ["Mopidy-Dirble@1.1", "keyring@4.1.1"],
    add: ["Mopidy-Dirble@", "keyring@", "urllib3@", "numpy@1.9.2", "wxPython_Phoenix@3.0.3.dev1820+49a8884"],
  },
  "requirements-txt/trivy__requirements_hash.txt": { producer: "trivy" },
  "requirements-txt/trivy__requirements_operator.txt": {
    producer: "trivy",
    add: ["keyring@", "coverage@", "Mopidy-Dirble@", "numpyNew@", "numpy@", "requests@"],
  },
  "requirements-txt/trivy__requirements_utf16le.txt": { producer: "trivy" },
};

/**
 * Files pip itself refuses: we fail closed at the first such line. With those lines blanked out (line
 * numbers kept), the rest is compared with the expectation like any other file.
 */
const REFUSED: Record<string, { producer: Producer; line: number; message: string; blank: number[]; digests?: boolean } & Adjustment> = {
  // pip refuses, reading the file: foo4 `--hash=wrongformatbutok` and foo12 `--hash=` (no `algorithm:digest`),
  // foo7 text after the version, foo10 and foo15 `==` without a version. It refuses to install the rest:
  // `sha256:123` is no sha256 digest, so no file matches it. Here the digests are made whole (`digests`).
  "requirements-txt/scalibr__per_req_options.txt": {
    producer: "osv-scalibr",
    line: 1,
    message: "pip cannot read this line: `--hash=sha256:123` is not a sha256 digest (64 lower-case hex digits): no file can match it",
    blank: [7, 13, 20, 24, 30],
    digests: true,
    remove: ["foo4@1.0", "foo7@1.0 unexpected_text_before_options_stays_around", "foo12@1.0"],
  },
  // `django==5.*.*` and `django==4.*.1` are not PEP 440 specifiers; the rest are ranges, unpinned for us.
  "requirements-txt/trivy__requirements_compatible.txt": {
    producer: "trivy",
    line: 4,
    message: "pip cannot read this requirement: `==5.*.*` is not a valid version specifier for django",
    blank: [4, 5],
    remove: ["Mopidy-Dirble@1.1", "eventlet@0.18.2", "keyring@4.1.1", "pyjwt@1.2", "python-gitlab@2.0.0"],
    add: ["Mopidy-Dirble@", "eventlet@", "keyring@", "pyjwt@", "python-gitlab@"],
  },
};

function expectedPairs(fixture: string, producer: Producer, adjustment: Adjustment): string[] {
  const expected = readExpected(fixture).map((entry) =>
    producer === "osv-scanner-v1" ? { name: entry.name, version: entry.version === "0.0.0" ? "" : entry.version } : entry,
  );
  return adjust(pairsOf(expected), adjustment);
}

const rename = (producer: Producer) => (producer === "osv-scanner-v1" ? normalizePypiName : undefined);

describe("requirements.txt against the corpus", () => {
  it("has a row for every fixture", () => {
    expect(Object.keys({ ...CASES, ...REFUSED }).sort()).toEqual(listFixtures("requirements-txt"));
  });

  it.each(Object.entries(CASES))("%s", (fixture, { producer, ...adjustment }) => {
    const ours = pairsOf(parseWithIncludes(fixture), rename(producer));
    expect(ours).toEqual(expectedPairs(fixture, producer, adjustment));
  });

  it.each(Object.entries(REFUSED))("%s fails closed where pip does", (fixture, { producer, line, message, blank, digests, ...adjustment }) => {
    const text = readFileSync(join(CORPUS, fixture), "utf8");
    expect(parse(text)).toEqual({ ok: false, error: { message, line } });
    const whole = (content: string) => (digests ? content.replace(/sha256:[^ ]*/g, `sha256:${"0".repeat(64)}`) : content);
    const rest = text.split("\n").map((content, index) => (blank.includes(index + 1) ? "" : whole(content))).join("\n");
    expect(pairsOf(dependenciesOf(parse(rest)), rename(producer))).toEqual(expectedPairs(fixture, producer, adjustment));
  });

  it("reads pip-compile `# via` annotations: direct when an input file is named", () => {
    const dependencies = dependenciesOf(parse(readFileSync(join(CORPUS, "requirements-txt/osvv1__multiple-packages-constrained.txt"), "utf8")));
    const direct = dependencies.filter((dependency) => dependency.direct).map((dependency) => dependency.name);
    expect(direct).toEqual(["boto3", "circus", "django-debug-toolbar", "django-filter", "django-nose", "django-storages", "django"]);
    expect(dependencies.every((dependency) => !dependency.dev)).toBe(true);
  });

  it("keeps a package without annotation in an annotated file direct, and names as written", () => {
    const dependencies = dependenciesOf(parse(readFileSync(join(CORPUS, "requirements-txt/osvv1__non-normalized-names.txt"), "utf8")));
    expect(dependencies.map(({ name, direct, line }) => ({ name, direct, line }))).toEqual([
      { name: "zope.interface", direct: false, line: 1 },
      { name: "Pillow", direct: true, line: 6 },
      { name: "Twisted", direct: false, line: 8 },
    ]);
  });

  it("takes dev from each file's own name, across includes", () => {
    const dependencies = parseWithIncludes("requirements-txt/osvv1__duplicate-r-dev/duplicate-r-dev.txt");
    expect(dependencies.map(({ name, dev }) => `${name}:${dev}`).sort()).toEqual([
      "django:false",
      "pandas:true",
      "requests:true",
      "requests:true",
      "unittest:true",
    ]);
  });

  it("returns includes resolved against the including file's folder", () => {
    const outcome = requirementsTxt.parse(readFileSync(join(CORPUS, "requirements-txt/scalibr__example/example.txt"), "utf8"), {
      path: "requirements-txt/scalibr__example/example.txt",
    });
    expect(outcome.ok && outcome.includes).toEqual([{ path: "requirements-txt/scalibr__example/other-requirements.txt", line: 21 }]);
  });

  it.each([
    ["requirements-txt/osvv1__line-continuation.txt", { foo: 2, bar: 9, baz: 13, qux: 17 }],
    ["requirements-txt/trivy__requirements_hash.txt", { FooProject: 1, Jinja2: 4 }],
    ["requirements-txt/osvv1__with-per-requirement-options.txt", { boto3: 1, foo: 2, FooProject: 6, BarProject: 12 }],
  ])("gives the line where each requirement starts in %s", (fixture, lines) => {
    const dependencies = dependenciesOf(parse(readFileSync(join(CORPUS, fixture), "utf8")));
    expect(Object.fromEntries(dependencies.map(({ name, line }) => [name, line]))).toEqual(lines);
  });
});

describe("requirements.txt by hand", () => {
  it("reads markers, extras and a hash continuation as one pinned requirement", () => {
    const text = [
      'requests[security, socks]==2.31.0 ; python_version >= "3.8" and sys_platform != "win32" \\',
      "    --hash=sha256:942c5a758f98d790eaed1a29cb6eefc7ffb0d1cf7af05c3d2791656dbd6ad1e1 \\",
      "    --hash=sha256:58cd2187c01e70e6e26505bca751777aa9f2ee0b7f4300988b709f44e013003f",
      "    # via -r requirements.in",
    ].join("\n");
    expect(parse(text)).toEqual({
      ok: true,
      dependencies: [{ ecosystem: "pypi", name: "requests", version: "2.31.0", direct: true, dev: false, line: 1 }],
    });
  });

  it("reads the version a wheel's file name fixes from a direct reference, as from the same URL on a line of its own", () => {
    const wheel = "https://files.pythonhosted.org/packages/36/42/015c23096649b908c809c69388a805a571a3bea44362fe87e33fc3afa01f/flask-3.0.0-py3-none-any.whl";
    const compiled = [
      `flask @ ${wheel} \\`,
      "    --hash=sha256:21128f47e4e3b9d597a3e8521a329bf56909b690fcc3fa3e477725aa81367638",
      "    # via -r requirements.in",
    ].join("\n");
    const flask = { ecosystem: "pypi", name: "flask", version: "3.0.0", direct: true, dev: false, line: 1, source: "url" };
    expect(parse(compiled)).toEqual({ ok: true, dependencies: [flask] });
    expect(parse(`${wheel}\n`)).toEqual({ ok: true, dependencies: [flask] });
    expect(dependenciesOf(parse(`Flask[async] @ ${wheel}#sha256=21128f47 ; python_version >= "3.8"\n`))).toEqual([{ ...flask, name: "Flask" }]);
    expect(dependenciesOf(parse("tool @ file:///wheels/tool-2.1-1-py3-none-any.whl\n"))).toEqual([{ ...flask, name: "tool", version: "2.1", source: "file" }]);
  });

  it("keeps a direct reference to an sdist or a repository unpinned, and refuses one to another project's wheel", () => {
    expect(dependenciesOf(parse("flask @ https://example.com/flask-3.0.0.tar.gz\nmylib @ git+https://github.com/acme/mylib.git@v1.2\n")).map(({ name, version }) => `${name}@${version}`)).toEqual([
      "flask@",
      "mylib@",
    ]);
    expect(parse("django @ https://example.com/flask-3.0.0-py3-none-any.whl\n")).toEqual({
      ok: false,
      error: { message: "pip cannot read this requirement: `django @` names the wheel of another project, `flask`", line: 1 },
    });
    expect(parse("flask @ https://example.com/flask-3.0.0-py3-none.whl\n")).toEqual({
      ok: false,
      error: { message: "pip cannot read this requirement: `flask-3.0.0-py3-none.whl` is not a valid wheel file name", line: 1 },
    });
  });

  it("keeps `6.0` the string 6.0 and `===` pins as written", () => {
    expect(dependenciesOf(parse("PyYAML==6.0\nlegacy===2013b\n")).map(({ name, version }) => `${name}@${version}`)).toEqual([
      "PyYAML@6.0",
      "legacy@2013b",
    ]);
  });

  it("returns unpinned requirements with version \"\" so that `unpinned` can be raised", () => {
    const text = "flask>=2\ndjango\nnumpy==1.*\nfoo~=1.2\nbar>=1,<2\nbaz!=1.0\n";
    expect(dependenciesOf(parse(text)).map(({ name, version }) => `${name}@${version}`)).toEqual([
      "flask@",
      "django@",
      "numpy@",
      "foo@",
      "bar@",
      "baz@",
    ]);
  });

  it("merges PEP 503 spellings of one name@version, keeping the first spelling and line", () => {
    expect(parse("Zope.Interface==5.4.0\nzope_interface==5.4.0\nzope-interface==5.5.0\n")).toEqual({
      ok: true,
      dependencies: [
        { ecosystem: "pypi", name: "Zope.Interface", version: "5.4.0", direct: true, dev: false, line: 1 },
        { ecosystem: "pypi", name: "zope-interface", version: "5.5.0", direct: true, dev: false, line: 3 },
      ],
    });
  });

  it("reads line-style annotations and pyproject inputs", () => {
    const text = [
      "django==4.2.11  # via -r requirements.in",
      "sqlparse==0.4.4  # via django",
      "httpx==0.27.0",
      "    # via my-service (pyproject.toml)",
      "anyio==4.3.0",
      "    # via",
      "    #   -c constraints.txt",
      "    #   httpx",
    ].join("\n");
    expect(dependenciesOf(parse(text)).map(({ name, direct }) => `${name}:${direct}`)).toEqual([
      "django:true",
      "sqlparse:false",
      "httpx:true",
      "anyio:false",
    ]);
  });

  it("handles options, includes, editables, direct references and local folders", () => {
    const text = [
      "--index-url https://pypi.org/simple",
      "--extra-index-url=https://example.com/simple",
      "-r ../base.txt",
      "--requirement=dev.txt",
      "-rlint.txt",
      "-c constraints.txt",
      "--require-hashes",
      "-e git+https://github.com/acme/mylib.git@v1.2#egg=mylib",
      "-e .",
      "-e file:///home/ci/work/service[dev]",
      "./libs/core",
      "urllib3 @ https://github.com/urllib3/urllib3/archive/refs/tags/1.26.8.zip",
      "git+https://github.com/acme/tool.git@3f2a1b4",
      "./vendor/acme_sdk-1.0.2-py3-none-any.whl",
      "https://example.com/dist/legacy_client-0.3.tar.gz",
    ].join("\n");
    expect(requirementsTxt.parse(text, { path: "services/api/requirements.txt" })).toEqual({
      ok: true,
      dependencies: [
        { ecosystem: "pypi", name: "mylib", version: "", direct: true, dev: false, line: 8, source: "git" },
        { ecosystem: "pypi", name: "urllib3", version: "", direct: true, dev: false, line: 12, source: "url" },
        { ecosystem: "pypi", name: "tool", version: "", direct: true, dev: false, line: 13, source: "git" },
        { ecosystem: "pypi", name: "acme_sdk", version: "1.0.2", direct: true, dev: false, line: 14, source: "file" },
        { ecosystem: "pypi", name: "legacy_client", version: "", direct: true, dev: false, line: 15, source: "url" },
      ],
      folders: [
        {
          candidates: ["services/api", ""],
          line: 9,
          refusal: "pip reads `.` as a folder to install, and there is no Python project (pyproject.toml or setup.py) at services/api or the repository root: pip would refuse the line",
        },
        {
          candidates: ["services/api/libs/core", "libs/core"],
          line: 11,
          refusal: "pip reads `./libs/core` as a folder to install, and there is no Python project (pyproject.toml or setup.py) at services/api/libs/core or libs/core: pip would refuse the line",
        },
      ],
      includes: [
        { path: "services/base.txt", line: 3 },
        { path: "services/api/dev.txt", line: 4 },
        { path: "services/api/lint.txt", line: 5 },
      ],
    });
  });

  it.each([
    ["foo ===", 1, "pip cannot read this requirement: `===` is not a valid version specifier for foo"],
    ["ok==1.0\n{", 2, "pip cannot read this requirement: `{` is not a requirement: expected a package name"],
    ["ok==1.0\n--frobnicate", 2, "pip cannot read this line: `--frobnicate` is not a pip option in a requirements file"],
    ["ok==1.0 --frobnicate=1", 1, "pip cannot read this line: `--frobnicate` is not a pip option in a requirements file"],
    ["-r", 1, "pip cannot read this line: --requirement needs a value"],
    ["ok==1.0\nbad==1.0 \\\n   extra-garbage", 2, "pip cannot read this requirement: unexpected `extra-garbage` after the requirement bad==1.0"],
    ["foo[bar==1.0", 1, "pip cannot read this requirement: the extras of foo have no closing `]`"],
    ['foo==1.0; python_version >> "3"', 1, "pip cannot read this requirement: foo: `>` is not a marker variable or quoted string"],
    ["foo==1.0; colour == 'red'", 1, "pip cannot read this requirement: foo: `colour` is not a marker variable or quoted string"],
    ["-r https://example.com/requirements.txt", 1, "`-r https://example.com/requirements.txt` includes a file from a URL, which soup-gate cannot review: keep the file in the repository"],
    ["https://example.com/download?id=3", 1, "pip cannot read this line: cannot tell which package `https://example.com/download?id=3` installs: write it as `<name> @ https://example.com/download?id=3`"],
    ["__proto__==1.0", 1, "pip cannot read this requirement: `__proto__==1.0` is not a requirement: expected a package name"],
    ["six==1.16.0 --hash=sh", 1, "pip cannot read this line: `--hash=sh` is not a hash pip accepts: it takes --hash=sha256:<digest> (or sha384, sha512)"],
    ["six==1.16.0 \\\n  --hash=md5:0123", 1, "pip cannot read this line: `--hash=md5:0123` is not a hash pip accepts: it takes --hash=sha256:<digest> (or sha384, sha512)"],
    [
      "six==1.16.0 --hash=sha256:486ea46224d1bb4fb680f34f7c9ad96a8f24ec88be73ea8e5a6c65260e9cb8a",
      1,
      "pip cannot read this line: `--hash=sha256:486ea46224d1bb4fb680f34f7c9ad96a8f24ec88be73ea8e5a6c65260e9cb8a` is not a sha256 digest (64 lower-case hex digits): no file can match it",
    ],
    ["ok==1.0\n~/src/tool", 2, "pip reads `~/src/tool` as a folder to install, outside the repository: soup-gate cannot see what it installs"],
    ["/orch==2.1.0", 1, "pip reads `/orch==2.1.0` as a folder to install, outside the repository: soup-gate cannot see what it installs"],
    ["-e ../../../elsewhere", 1, "pip reads `../../../elsewhere` as a folder to install, outside the repository: soup-gate cannot see what it installs"],
    ["./vendor/acme_sdk-1.0.2-py3.whl", 1, "pip cannot read this line: `acme_sdk-1.0.2-py3.whl` is not a valid wheel file name"],
    ["./vendor/acme_sdk-1.0.2.dev-build-py3-none-any.whl", 1, "pip cannot read this line: `acme_sdk-1.0.2.dev-build-py3-none-any.whl` is not a valid wheel file name"],
  ])("fails closed on %j at line %i", (text, line, message) => {
    expect(parse(text)).toEqual({ ok: false, error: { message, line } });
  });

  it("leaves prototypes alone whatever the names", () => {
    expect(dependenciesOf(parse("constructor==1.0\nhasOwnProperty==2.0\n")).map(({ name }) => name)).toEqual(["constructor", "hasOwnProperty"]);
    expect(({} as Record<string, unknown>)["version"]).toBeUndefined();
  });

  it("reads the UTF-16 file PowerShell writes, once decoded from bytes", () => {
    const text = decodeText(readFileSync(join(CORPUS, "requirements-txt/trivy__requirements_utf16le.txt")));
    expect(parse(text)).toEqual({
      ok: true,
      dependencies: [{ ecosystem: "pypi", name: "attrs", version: "20.3.0", direct: true, dev: false, line: 1 }],
    });
  });

  it.each([
    ["requirements-dev.txt", true],
    ["dev-requirements.txt", true],
    ["requirements_dev.txt", true],
    ["requirements/test.txt", true],
    ["requirements-tests.txt", true],
    ["requirements-lint.txt", true],
    ["docs/requirements-docs.txt", true],
    ["requirements.ci.txt", true],
    ["requirements.txt", false],
    ["requirements_lock.txt", false],
    ["requirements/prod.txt", false],
    ["requirements-devices.txt", false],
  ])("takes %s as dev: %s", (path, dev) => {
    expect(dependenciesOf(requirementsTxt.parse("six==1.16.0\n", { path }))[0]!.dev).toBe(dev);
  });
});
