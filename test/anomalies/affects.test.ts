import { affects } from "../../src/anomalies/affects.js";
import type { Advisory } from "../../src/anomalies/advisory.js";
import { advisory, EXPRESS_REDIRECT_XSS, GRATIENT_MALWARE, PY_REDOS_GHSA, PY_REDOS_PYSEC, TORCH_JIT_EVAL, TORCH_LOAD_RCE } from "./fixtures.js";

const pypi = (name: string, version: string) => ({ ecosystem: "pypi" as const, name, version });
const npm = (name: string, version: string) => ({ ecosystem: "npm" as const, name, version });

describe("which versions a real OSV record affects", () => {
  it.each([
    // GHSA-53q9-r3pm-6pq6 (CVE-2025-32434): introduced 0, fixed 2.6.0 — fixed is exclusive.
    [TORCH_LOAD_RCE, "2.5.1", true],
    [TORCH_LOAD_RCE, "2.5.1+cu124", true],
    [TORCH_LOAD_RCE, "1.0.0", true],
    [TORCH_LOAD_RCE, "2.6.0rc1", true],
    [TORCH_LOAD_RCE, "2.6.0", false],
    [TORCH_LOAD_RCE, "2.6.0+cpu", false],
    [TORCH_LOAD_RCE, "2.9.1", false],
    // PYSEC-2022-43015: an ECOSYSTEM range (fixed 1.13.1), a GIT range and the versions OSV expanded.
    [TORCH_JIT_EVAL, "1.13.0", true],
    [TORCH_JIT_EVAL, "1.0.1.post2", true],
    [TORCH_JIT_EVAL, "1.13.1", false],
    // GHSA-w596-4wvx-j9j6 and PYSEC-2022-42969: last_affected 1.11.0 is inclusive.
    [PY_REDOS_GHSA, "1.11.0", true],
    [PY_REDOS_GHSA, "1.11.1", false],
    [PY_REDOS_PYSEC, "1.4.32.dev1", true],
    [PY_REDOS_PYSEC, "2.0.0", false],
    // PYSEC-2024-1: only explicit versions, compared by PEP 440 ("0.5" is "0.5.0").
    [GRATIENT_MALWARE, "0.5", true],
    [GRATIENT_MALWARE, "0.5.0", true],
    [GRATIENT_MALWARE, "0.4", false],
    [GRATIENT_MALWARE, "0.6", false],
  ])("%s affects %s: %s", (file, version, expected) => {
    const record = advisory(file);
    const name = record.affected[0]!.name;
    expect(affects(record, pypi(name, version))).toBe(expected);
  });

  it("matches PyPI names after PEP 503 normalisation, and only in their own ecosystem", () => {
    const record = advisory(TORCH_LOAD_RCE);
    expect(affects(record, pypi("Torch", "2.5.1"))).toBe(true);
    expect(affects(record, npm("torch", "2.5.1"))).toBe(false);
    expect(affects(record, pypi("torchvision", "0.20.1"))).toBe(false);
  });

  it.each([
    // GHSA-qw6h-vgh9-j6wx: <4.20.0, and 5.0.0-alpha.1 up to 5.0.0 in a second entry (semver prereleases).
    ["4.19.2", true],
    ["4.20.0", false],
    ["4.21.2", false],
    ["5.0.0-beta.3", true],
    ["5.0.0", false],
  ])("express %s is affected by GHSA-qw6h-vgh9-j6wx: %s", (version, expected) => {
    expect(affects(advisory(EXPRESS_REDIRECT_XSS), npm("express", version))).toBe(expected);
  });

  const ranged = (type: string, events: Array<Record<string, string>>, ecosystem = "PyPI"): Advisory => ({
    id: "TEST-1", modified: "2024-01-01T00:00:00Z", aliases: [], scores: [],
    affected: [{ ecosystem, name: "pkg", versions: [], scores: [], ranges: [{ type, events: events as never }] }],
  });

  it("reopens a range at each introduced event and honours limit events", () => {
    const twice = ranged("ECOSYSTEM", [{ introduced: "1.0" }, { fixed: "1.2" }, { introduced: "3.0" }, { fixed: "3.2.5" }]);
    expect([["0.9", false], ["1.1", true], ["2.0", false], ["3.1", true], ["3.2.5", false]].map(([v]) => affects(twice, pypi("pkg", v as string)))).toEqual([false, true, false, true, false]);
    const limited = ranged("ECOSYSTEM", [{ introduced: "0" }, { limit: "2.0" }]);
    expect(affects(limited, pypi("pkg", "1.9"))).toBe(true);
    expect(affects(limited, pypi("pkg", "2.0"))).toBe(false);
    const unlimited = ranged("ECOSYSTEM", [{ introduced: "1.0" }, { limit: "*" }]);
    expect(affects(unlimited, pypi("pkg", "9.0"))).toBe(true);
  });

  it("sorts events by version whatever order the record gives them in", () => {
    expect(affects(ranged("ECOSYSTEM", [{ fixed: "2.0" }, { introduced: "1.0" }]), pypi("pkg", "1.5"))).toBe(true);
  });

  it("reads SEMVER ranges with semver and skips GIT ranges, which need the repository", () => {
    const semverRange = ranged("SEMVER", [{ introduced: "1.0.0" }, { fixed: "1.10.0" }], "npm");
    expect(affects(semverRange, npm("pkg", "1.9.0"))).toBe(true);
    expect(affects(semverRange, npm("pkg", "1.10.0"))).toBe(false);
    const git = ranged("GIT", [{ introduced: "0" }, { fixed: "767f6aa49fe20a2766b9843d01e3b7f7793df6a3" }]);
    expect(affects(git, pypi("pkg", "1.0"))).toBe(false);
  });

  it("counts a range it cannot compare as affecting the version, so that it is assessed rather than passed", () => {
    expect(affects(ranged("ECOSYSTEM", [{ introduced: "0" }, { fixed: "not-a-version" }]), pypi("pkg", "1.0"))).toBe(true);
  });
});
