import { readFileSync } from "node:fs";
import { join } from "node:path";
import nock from "nock";
import { cli } from "../../src/cli/main.js";
import { ADVISORIES } from "../anomalies/fixtures.js";
import { standInOsv } from "../anomalies/osv-stand-in.js";
import { GitFixture } from "./git-fixture.js";

const TODAY = "2026-06-15";
const fixture = (path: string) => readFileSync(join(import.meta.dirname, "../fixtures", path), "utf8");

/** A front-matter record reviewed recently, with the given `soup.anomalies` entries (id, applicable). */
function record(name: string, ecosystem: string, versions: string[], anomalies: Array<[string, string]> = []): string {
  return [
    "---",
    "soup:",
    `  package: ${name}`,
    `  ecosystem: ${ecosystem}`,
    `  versions: [${versions.map((v) => `"${v}"`).join(", ")}]`,
    "  last_review_date: 2026-06-01",
    ...(anomalies.length > 0 ? ["  anomalies:", ...anomalies.flatMap(([id, applicable]) => [`    - id: ${id}`, `      applicable: "${applicable}"`, "      rationale: reviewed for the device", "      reviewed: 2026-06-01"])] : []),
    "---",
    `# ${name}`,
    "",
  ].join("\n");
}

interface Report {
  conclusion: string;
  changes: Array<{ name: string; to: string; findings: Array<{ code: string; message: string; advisory?: { id: string; aliases: string[]; severity: string | null; url: string } }> }>;
  findings: Array<{ code: string; severity: string; message: string }>;
}

describe("check and audit against real advisories from a folder (--advisories DIR)", () => {
  let repo: GitFixture;
  beforeAll(() => {
    // Asking the OSV API would fail the tests: the folder must be the only source.
    nock.disableNetConnect();
    repo = new GitFixture();
    repo.commit({
      "requirements.txt": "timm==1.0.22\ntorch==2.6.0\n",
      "package-lock.json": lock({ express: "4.21.2" }),
      "docs/soup/timm.md": fixture("records/legit-health-timm-anomalies.md"),
      "docs/soup/torch.md": record("torch", "pypi", ["2.5.1", "2.6.0"], [["CVE-2025-32434", "no"]]),
      "docs/soup/py.md": record("py", "pypi", ["1.11.0", "1.11.1"]),
      "docs/soup/loguru.md": record("loguru", "pypi", ["0.5.3"]),
      "docs/soup/express.md": record("express", "npm", ["4.19.2", "4.21.2"]),
    }, "base");
    repo.git("checkout", "--quiet", "-b", "feature");
    repo.commit({ "requirements.txt": "timm==1.0.24\ntorch==2.5.1+cu124\npy==1.11.0\nloguru==0.5.3\ngratient==0.5\n", "package-lock.json": lock({ express: "4.19.2" }) }, "bump");
  });
  afterAll(() => {
    repo.remove();
    nock.enableNetConnect();
  });

  const check = (...args: string[]) => cli(["check", "--repo", repo.dir, "--base", "main", "--head", "feature", "--today", TODAY, "--advisories", ADVISORIES, ...args]);

  it("passes advisories assessed under any alias, fails each unassessed anomaly once, ignores withdrawn ones and versions outside the ranges", async () => {
    const result = await check("--format", "json");
    expect(result.stderr).toBe("");
    const report = JSON.parse(result.stdout) as Report;
    expect(report.changes.map((c) => [c.name, c.to, c.findings.map((f) => [f.code, f.advisory?.id ?? null])])).toEqual([
      ["express", "4.19.2", [["anomaly-not-assessed", "GHSA-qw6h-vgh9-j6wx"]]],
      ["gratient", "0.5", [["missing-record", null]]],
      ["loguru", "0.5.3", []],
      ["py", "1.11.0", [["anomaly-not-assessed", "GHSA-w596-4wvx-j9j6"]]],
      ["timm", "1.0.24", []],
      // 2.5.1+cu124 is 2.5.1 to the advisories: GHSA-53q9-r3pm-6pq6, assessed by its CVE id.
      ["torch", "2.5.1+cu124", []],
    ]);
    const py = report.changes.find((c) => c.name === "py")!.findings[0]!;
    expect(py.advisory).toEqual({ id: "GHSA-w596-4wvx-j9j6", aliases: ["CVE-2022-42969", "PYSEC-2022-42969"], severity: "moderate", url: "https://osv.dev/vulnerability/GHSA-w596-4wvx-j9j6" });
    expect(py.message).toContain("docs/soup/py.md has not assessed it: add GHSA-w596-4wvx-j9j6 (or any of CVE-2022-42969, PYSEC-2022-42969) to its known anomalies");
    expect(report.conclusion).toBe("failure");
    expect(result.code).toBe(1);
  });

  it("pre-fills the comment's draft for a missing record with the advisories that affect its version", async () => {
    const markdown = (await check("--format", "markdown")).stdout;
    expect(markdown).toContain('  anomalies:         # published advisories that affect these versions: assess each one\n    - id: "PYSEC-2024-1"   # gratient 0.5 contains credential harvesting code; https://osv.dev/vulnerability/PYSEC-2024-1\n      applicable:');
    expect(markdown).toContain("| 1 assessed | covered |");
  });

  it("audit lists per item the advisories affecting its locked versions and whether each is assessed", async () => {
    repo.git("checkout", "--quiet", "feature");
    const result = await cli(["audit", "--repo", repo.dir, "--today", TODAY, "--advisories", ADVISORIES, "--format", "json"]);
    const audit = JSON.parse(result.stdout) as { items: Array<{ name: string; anomalies: Array<{ id: string; versions: string[]; assessed: boolean }> | null }> };
    const of = (name: string) => audit.items.find((i) => i.name === name)!.anomalies!.map((a) => [a.id, a.versions, a.assessed]);
    expect(of("torch")).toEqual([["GHSA-53q9-r3pm-6pq6", ["2.5.1+cu124"], true]]);
    expect(of("py")).toEqual([["GHSA-w596-4wvx-j9j6", ["1.11.0"], false]]);
    expect(of("timm")).toEqual([]);
    expect(of("loguru")).toEqual([]);
    const markdown = (await cli(["audit", "--repo", repo.dir, "--today", TODAY, "--advisories", ADVISORIES, "--format", "markdown"])).stdout;
    expect(markdown).toContain("[GHSA-53q9-r3pm-6pq6](https://osv.dev/vulnerability/GHSA-53q9-r3pm-6pq6) (CVE-2025-32434; critical) on 2.5.1+cu124: assessed");
  });

  it("scaffold --format table drafts the Known Anomalies table with the advisories that affect the version, unassessed", async () => {
    repo.git("checkout", "--quiet", "feature");
    const result = await cli(["scaffold", "--repo", repo.dir, "--format", "table", "--advisories", ADVISORIES]);
    expect(result.stdout).toContain("docs/soup/gratient.md");
    const draft = readFileSync(join(repo.dir, "docs/soup/gratient.md"), "utf8");
    expect(draft).toContain("| Anomaly reference | Status | Applicable | Rationale | Reviewed at |\n|---|---|---|---|---|\n| PYSEC-2024-1 (gratient 0.5 contains credential harvesting code; https://osv.dev/vulnerability/PYSEC-2024-1) | Open |  |  |  |\n");
    repo.write({ "docs/soup/gratient.md": null });
  });

  it("refuses an --advisories path that is no folder", async () => {
    const result = await check("--advisories", join(ADVISORIES, "nope"));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("is not a folder: give a folder of OSV records");
  });
});

describe("check against the OSV API (stood in by nock)", () => {
  let repo: GitFixture;
  beforeAll(() => {
    nock.disableNetConnect();
    repo = new GitFixture();
    repo.commit({ "requirements.txt": "torch==2.6.0\n", "docs/soup/torch.md": record("torch", "pypi", ["2.5.1", "2.6.0"]) }, "base");
    repo.commit({ "requirements.txt": "torch==2.5.1\n" }, "downgrade");
  });
  afterEach(() => nock.cleanAll());
  afterAll(() => {
    repo.remove();
    nock.enableNetConnect();
  });

  it("asks OSV_API_URL once and fails the unassessed advisory", async () => {
    const { asked } = standInOsv({ "PyPI/torch@2.5.1": ["GHSA-53q9-r3pm-6pq6"] }, "http://osv.mirror.internal");
    const result = await cli(["check", "--repo", repo.dir, "--base", "HEAD~1", "--today", TODAY, "--format", "json"], { env: { OSV_API_URL: "http://osv.mirror.internal" }, cwd: repo.dir });
    expect(asked).toEqual([{ package: { name: "torch", ecosystem: "PyPI" }, version: "2.5.1" }]);
    expect((JSON.parse(result.stdout) as Report).changes[0]!.findings.map((f) => f.code)).toEqual(["anomaly-not-assessed"]);
  });

  it("an unreachable OSV warns, and anomalies.source: off asks nothing", async () => {
    const warned = JSON.parse((await cli(["check", "--repo", repo.dir, "--base", "HEAD~1", "--today", TODAY, "--format", "json"], { env: { OSV_API_URL: "http://osv.mirror.internal" }, cwd: repo.dir })).stdout) as Report;
    expect(warned.conclusion).toBe("success");
    expect(warned.findings.map((f) => [f.code, f.severity])).toEqual([["anomaly-check-unavailable", "warning"]]);
    expect(warned.findings[0]!.message).toContain("POST http://osv.mirror.internal/v1/querybatch failed");

    repo.write({ "off.yml": "anomalies:\n  source: off\n" });
    const off = JSON.parse((await cli(["check", "--repo", repo.dir, "--base", "HEAD~1", "--today", TODAY, "--format", "json", "--config", join(repo.dir, "off.yml")], { env: { OSV_API_URL: "http://osv.mirror.internal" }, cwd: repo.dir })).stdout) as Report;
    expect(off.findings).toEqual([]);
    expect(off.conclusion).toBe("success");
  });
});

/** A package-lock.json v3 with each package a direct runtime dependency. */
function lock(pins: Record<string, string>): string {
  const packages: Record<string, unknown> = { "": { name: "device", version: "1.0.0", dependencies: Object.fromEntries(Object.keys(pins).map((n) => [n, "*"])) } };
  for (const [name, version] of Object.entries(pins)) packages[`node_modules/${name}`] = { version, resolved: `https://registry.npmjs.org/${name}/-/${name}-${version}.tgz`, license: "MIT" };
  return `${JSON.stringify({ name: "device", version: "1.0.0", lockfileVersion: 3, requires: true, packages }, null, 2)}\n`;
}
