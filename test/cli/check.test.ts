import { readFileSync } from "node:fs";
import { join } from "node:path";
import { cli } from "../../src/cli/main.js";
import { EXAMPLES, example } from "./examples.js";
import { GitFixture } from "./git-fixture.js";
import nock from "nock";
import { standInOsv } from "../anomalies/osv-stand-in.js";

// No test reaches the network: OSV is stood in by nock, knowing no advisory unless a test says otherwise.
beforeAll(() => {
  nock.disableNetConnect();
  standInOsv();
});
afterAll(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

const TODAY = "2026-11-26";


interface JsonReport {
  conclusion: string;
  changes: Array<{ name: string; change: string; from: string | null; to: string | null; lockfile: string; line: number; direct: boolean; dev: boolean; in_scope: boolean; record: string | null; findings: Array<{ code: string }> }>;
  findings: Array<{ code: string; path: string | null; line: number | null }>;
}

describe("soup-gate check on the demo project", () => {
  let repo: GitFixture;
  beforeAll(() => {
    repo = new GitFixture();
    repo.commit(example("base", TODAY), "base");
    repo.git("checkout", "--quiet", "-b", "feature");
    repo.commit(example("head", TODAY), "bump");
  });
  afterAll(() => repo.remove());

  const check = (...args: string[]) => cli(["check", "--repo", repo.dir, "--base", "main", "--head", "feature", "--today", TODAY, ...args]);

  it("reports every changed package, with the right verdict per package, and exits 1", async () => {
    const result = await check("--format", "json", "--advisories", join(EXAMPLES, "advisories"));
    expect(result.stderr).toBe("");
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.conclusion).toBe("failure");
    const inScope = report.changes.filter((c) => c.in_scope).map((c) => [c.name, c.change, c.from, c.to, c.record, c.findings.map((f) => f.code)]);
    expect(inScope).toEqual([
      ["express", "upgraded", "4.21.2", "4.22.1", "docs/soup/express.md", ["version-not-recorded", "newer-than-reviewed"]],
      ["helmet", "upgraded", "7.1.0", "7.2.0", "docs/soup/helmet.yml", []],
      ["zod", "added", null, "3.23.8", null, ["missing-record"]],
      ["fastapi", "upgraded", "0.115.0", "0.115.6", "docs/soup/fastapi.md", ["review-overdue"]],
      ["timm", "upgraded", "1.0.22", "1.0.24", "docs/soup/timm.md", []],
      ["torch", "upgraded", "2.4.1", "2.5.1", "docs/soup/torch.md", ["anomaly-not-assessed"]],
    ]);
  });

  it("lists transitive and development-only changes without checking them", async () => {
    const report = JSON.parse((await check("--format", "json")).stdout) as JsonReport;
    const notChecked = report.changes.filter((c) => !c.in_scope);
    expect(notChecked.map((c) => c.name)).toEqual(expect.arrayContaining(["is-odd", "body-parser", "pydantic", "pydantic-core", "starlette"]));
    expect(notChecked.every((c) => c.findings.length === 0)).toBe(true);
    expect(notChecked.find((c) => c.name === "is-odd")).toMatchObject({ dev: true, direct: true });
    expect(notChecked.find((c) => c.name === "pydantic")).toMatchObject({ dev: false, direct: false, from: "2.9.2", to: "2.10.3" });
  });

  it("points each finding at the head lockfile line that declares the package", async () => {
    const report = JSON.parse((await check("--format", "json")).stdout) as JsonReport;
    const lockfile = readFileSync(join(repo.dir, "package-lock.json"), "utf8").split("\n");
    const zod = report.changes.find((c) => c.name === "zod")!;
    expect(lockfile[zod.line - 1]).toContain('"node_modules/zod"');
    const requirements = readFileSync(join(repo.dir, "services/inference/requirements.txt"), "utf8").split("\n");
    const fastapi = report.changes.find((c) => c.name === "fastapi")!;
    expect(requirements[fastapi.line - 1]).toBe("fastapi==0.115.6");
  });

  it("prints, for a terminal, the changes grouped by lockfile with what to do", async () => {
    const result = await check();
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^✗ SOUP records: 4 problems to fix before merging\./);
    expect(result.stdout).toContain("package-lock.json\n");
    expect(result.stdout).toContain("services/inference/requirements.txt\n");
    expect(result.stdout).toMatch(/✗ zod added 3\.23\.8 {2}line \d+ {2}anomalies: none\n {6}failure missing-record: No SOUP record covers zod \(npm\) 3\.23\.8\./);
    expect(result.stdout).toMatch(/✓ helmet 7\.1\.0 → 7\.2\.0 {2}line \d+ {2}record docs\/soup\/helmet\.yml/);
  });

  it("renders the pull-request comment with a draft record for the missing one", async () => {
    const result = await check("--format", "markdown");
    expect(result.stdout).toContain("#### Draft records");
    expect(result.stdout).toContain("save as <code>docs/soup/zod.md</code>");
  });
});

describe("soup-gate check", () => {
  let repo: GitFixture;
  beforeEach(() => (repo = new GitFixture()));
  afterEach(() => repo.remove());

  const lock = (version: string) => `${JSON.stringify({ name: "app", lockfileVersion: 3, requires: true, packages: { "": { name: "app", dependencies: { "left-pad": version } }, "node_modules/left-pad": { version, license: "WTFPL" } } }, null, 2)}\n`;

  it("says there are no dependency changes and exits 0 when no lockfile changed", async () => {
    repo.commit({ "README.md": "a" });
    repo.commit({ "README.md": "b" });
    const result = await cli(["check", "--repo", repo.dir, "--base", "HEAD~1"]);
    expect(result).toEqual({ code: 0, stdout: "✓ SOUP records: no dependency changes.\n", stderr: "" });
  });

  it("reads the policy from the base commit, so a change cannot weaken its own gate", async () => {
    repo.commit({ "package-lock.json": lock("1.0.0") });
    repo.git("checkout", "--quiet", "-b", "feature");
    repo.commit({ "package-lock.json": lock("1.3.0"), ".github/soup.yml": "ignore:\n  - { name: left-pad, reason: trust me }\n" });
    const result = await cli(["check", "--repo", repo.dir, "--format", "json"]);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.changes.map((c) => [c.name, c.findings.map((f) => f.code)])).toEqual([["left-pad", ["missing-record"]]]);
    expect((await cli(["check", "--repo", repo.dir])).stdout).toContain("edits .github/soup.yml; the new policy applies once it is merged");
  });

  it("never reads the working tree", async () => {
    repo.commit({ "package-lock.json": lock("1.0.0") });
    repo.commit({ "package-lock.json": lock("1.3.0"), "docs/soup/left-pad.md": null });
    repo.write({ "docs/soup/left-pad.yml": 'package: left-pad\nversions: ["1.3.0"]\nlast_review_date: 2026-11-01\n' });
    const result = await cli(["check", "--repo", repo.dir, "--base", "HEAD~1", "--format", "json"]);
    expect((JSON.parse(result.stdout) as JsonReport).changes[0]?.findings.map((f) => f.code)).toEqual(["missing-record"]);
  });

  it("fails closed on a lockfile with merge-conflict markers, at the marker's line", async () => {
    repo.commit({ "package-lock.json": lock("1.0.0") });
    repo.commit({ "package-lock.json": `{\n<<<<<<< HEAD\n  "a": 1\n=======\n  "a": 2\n>>>>>>> x\n}\n` });
    const result = await cli(["check", "--repo", repo.dir, "--base", "HEAD~1", "--format", "json"]);
    expect(result.code).toBe(1);
    expect((JSON.parse(result.stdout) as JsonReport).findings).toEqual([expect.objectContaining({ code: "lockfile-unparsable", path: "package-lock.json", line: 2 })]);
  });

  it("re-reads a lockfile whose manifest alone changed, and asks for a record when a dev package now ships", async () => {
    const yarnLock = '# yarn lockfile v1\n\n\nleft-pad@1.3.0:\n  version "1.3.0"\n  resolved "https://registry.yarnpkg.com/left-pad/-/left-pad-1.3.0.tgz"\n';
    repo.commit({ "web/package.json": JSON.stringify({ devDependencies: { "left-pad": "1.3.0" } }), "web/yarn.lock": yarnLock });
    repo.commit({ "web/package.json": JSON.stringify({ dependencies: { "left-pad": "1.3.0" } }) });
    const result = await cli(["check", "--repo", repo.dir, "--base", "HEAD~1", "--format", "json"]);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.changes.map((c) => [c.name, c.change, c.from, c.to, c.lockfile, c.line, c.findings.map((f) => f.code)])).toEqual([["left-pad", "changed", "1.3.0", "1.3.0", "web/yarn.lock", 4, ["missing-record"]]]);
    expect((await cli(["check", "--repo", repo.dir, "--base", "HEAD~1"])).stdout).toContain("left-pad 1.3.0, now a direct runtime dependency");
  });

  it("follows pip -r includes: a bump in an included file is reported at that file's line", async () => {
    repo.commit({ "requirements.txt": "-r common/base.txt\nflask==2.0.0\n", "common/base.txt": "requests==2.31.0\n" });
    repo.commit({ "common/base.txt": "# pinned\nrequests==2.32.3\n" });
    const report = JSON.parse((await cli(["check", "--repo", repo.dir, "--base", "HEAD~1", "--format", "json"])).stdout) as JsonReport;
    expect(report.changes.map((c) => [c.name, c.from, c.to, c.lockfile, c.line])).toEqual([["requests", "2.31.0", "2.32.3", "common/base.txt", 2]]);
  });

  it.each([
    ["has merge-conflict markers", { "common/base.txt": "<<<<<<< HEAD\nrequests==2.32.3\n=======\nrequests==2.32.0\n>>>>>>> x\n" }, "common/base.txt"],
    ["was deleted", { "common/base.txt": null }, "requirements.txt"],
  ])("fails closed when an included requirements file %s", async (_, change, path) => {
    repo.commit({ "requirements.txt": "-r common/base.txt\nflask==2.0.0\n", "common/base.txt": "requests==2.31.0\n" });
    repo.commit(change);
    const result = await cli(["check", "--repo", repo.dir, "--base", "HEAD~1", "--format", "json"]);
    expect(result.code).toBe(1);
    expect((JSON.parse(result.stdout) as JsonReport).findings).toEqual([expect.objectContaining({ code: "lockfile-unparsable", path, line: 1 })]);
  });

  it("reports an invalid policy with every bad key, and still evaluates with the defaults", async () => {
    repo.commit({ ".github/soup.yml": "scope: { transitive: maybe }\ncolour: blue\n", "package-lock.json": lock("1.0.0") });
    repo.commit({ "package-lock.json": lock("1.3.0") });
    const result = await cli(["check", "--repo", repo.dir, "--base", "HEAD~1", "--format", "json"]);
    const report = JSON.parse(result.stdout) as JsonReport & { findings: Array<{ message: string }> };
    expect(report.findings.map((f) => f.code)).toEqual(["config-invalid", "missing-record"]);
    expect(report.findings[0]?.message).toContain("scope.transitive");
    expect(report.findings[0]?.message).toContain("colour");
  });

  it.each([
    [["check", "--format", "xml"], /--format must be text, markdown or json, not "xml"/],
    [["check", "--frobnicate"], /Unknown option '--frobnicate'/],
    [["check", "--base", "no-such-ref"], /"no-such-ref" is not a commit/],
    [["check", "--config", "/nonexistent/soup.yml", "--base", "HEAD"], /cannot read --config \/nonexistent\/soup\.yml: no such file/],
    [["check", "--today", "26/11/2026"], /--today must be a date as YYYY-MM-DD/],
    [["audit-everything"], /unknown command "audit-everything"/],
  ])("exits 2 with a clear message for %j", async (args, message) => {
    repo.commit({ "README.md": "a" });
    const result = await cli([...args.slice(0, 1), "--repo", repo.dir, ...args.slice(1)].filter((a, i) => !(args[0] === "audit-everything" && i > 0)));
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(message);
  });

  it("exits 2 outside a git repository", async () => {
    const result = await cli(["check", "--repo", "/", "--base", "HEAD"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^soup-gate: /);
  });
});
