import { pylock } from "../../src/lockfiles/pylock.js";
import type { ParseOutcome } from "../../src/types.js";
import { dependenciesOf, readFixture } from "./corpus.js";

const parse = (text: string): ParseOutcome => pylock.parse(text, { path: "pylock.toml" });

describe("pylock.toml (PEP 751)", () => {
  it("reads the specification's example with every kind of source, leaving out the project itself", () => {
    // PEP 751 records no dependency roots, so every package is direct; groups live only in markers: runtime.
    expect(parse(readFixture("pylock/pylock.toml"))).toEqual({
      ok: true,
      dependencies: [
        { ecosystem: "pypi", name: "attrs", version: "25.1.0", direct: true, dev: false, line: 9 },
        { ecosystem: "pypi", name: "cattrs", version: "24.1.2", direct: true, dev: false, line: 27 },
        { ecosystem: "pypi", name: "numpy", version: "2.2.3", direct: true, dev: false, line: 42 },
        { ecosystem: "pypi", name: "pydantic-settings", version: "", direct: true, dev: false, line: 61, source: "git" },
        { ecosystem: "pypi", name: "legacy-sdk", version: "0.9.2", direct: true, dev: false, line: 71, source: "url" },
        { ecosystem: "pypi", name: "imaging-plugins", version: "", direct: true, dev: false, line: 80, source: "file" },
      ],
    });
  });

  it("reports where TOML parsing stopped", () => {
    expect(parse("lock-version = '1.0'\n\n[[packages]]\nname = 'attrs'\nversion = '25.1.0\n")).toEqual({
      ok: false,
      error: { message: "pylock.toml is not valid TOML: control characters are not allowed in strings (column 18)", line: 5 },
    });
  });

  it("refuses TOML that is not a lock file, and an unquoted version", () => {
    expect(parse("[project]\nname = 'app'\n")).toEqual({
      ok: false,
      error: { message: "this is not a pylock.toml: it has neither [[packages]] tables nor `lock-version`", line: 1 },
    });
    expect(parse("lock-version = '1.0'\n[[packages]]\nname = 'pyyaml'\nversion = 6.0\n")).toEqual({
      ok: false,
      error: { message: "the version of pyyaml must be a quoted string: `version = 6` is not read as written", line: 2 },
    });
  });

  it('keeps "6.0" a string, merges a repeated name@version and reads __proto__ as plain data', () => {
    const text = [
      "lock-version = '1.0'",
      "[[packages]]",
      "name = 'PyYAML'",
      "version = '6.0'",
      "[[packages]]",
      "name = 'pyyaml'",
      "version = '6.0'",
      "[[packages]]",
      "name = '__proto__'",
      "version = '1.0'",
    ].join("\n");
    expect(dependenciesOf(parse(text)).map(({ name, version, line }) => `${name}@${version}:${line}`)).toEqual(["PyYAML@6.0:2", "__proto__@1.0:8"]);
  });
});
