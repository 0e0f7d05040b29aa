import { join } from "node:path";
import { cli } from "../../src/cli/main.js";
import { addDays } from "../../src/core/dates.js";
import { GitFixture } from "./git-fixture.js";
import { parseCsv } from "./parse-csv.js";
import { fixture, PYPROJECT } from "./device-fixtures.js";
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
const daysAgo = (days: number) => addDays(TODAY, -days);

/**
 * A device repository with real npm and Python lockfiles and a partial set of records in all three forms,
 * one per status the audit knows.
 */
function device(): Record<string, string> {
  return {
    "package-lock.json": fixture("lockfiles/npm-lock-v3/trivy__package-lock_v3.json"),
    "services/api/poetry.lock": fixture("lockfiles/poetry-lock/trivy__poetry_flask.lock"),
    "services/api/pyproject.toml": PYPROJECT,
    "services/worker/requirements.txt": fixture("lockfiles/requirements-txt/trivy__requirements_hash.txt"),
    "services/inference/requirements_lock.txt": "fastapi==0.115.6\ntimm==1.0.24\n",
    "services/training/requirements_lock.txt": "timm==1.0.22\n",
    "docs/soup/timm.md": fixture("records/legit-health-timm.md"),
    "docs/soup/index.md": fixture("records/index-page.md"),
    "docs/soup/body-parser.md": `---\ntitle: Body parser\nsoup:\n  package: body-parser\n  ecosystem: npm\n  versions: ["1.18.2"]\n  last_review_date: ${daysAgo(10)}\n---\n`,
    "docs/soup/finalhandler.md": `---\nsoup:\n  package: finalhandler\n  versions: ["1.1.1"]\n  latest_reviewed: "1.1.0"\n  last_review_date: ${daysAgo(10)}\n---\n`,
    "docs/soup/ms.yml": `package: ms\necosystem: npm\nversions: ["1.0.0"]\nlast_review_date: ${daysAgo(350)}\n`,
    "docs/soup/promise.yml": `package: promise\nversions: ["8.3.0"]\nlast_review_date: ${daysAgo(10)}\n`,
    "docs/soup/promise-copy.yml": `package: promise\nversions: ["8.3.0"]\nlast_review_date: ${daysAgo(10)}\n`,
    "docs/soup/flask.yml": `title: Flask\npackage: Flask\necosystem: pypi\nversions: ["1.0.3"]\nlast_review_date: ${daysAgo(400)}\n`,
    "docs/soup/fastapi.md": `---\nsoup:\n  package: fastapi\n  versions: ["0.115.6"]\n  last_review_date: 2099-01-01\n---\n`,
    "docs/soup/jinja2.yml": `title: '=HYPERLINK("https://example.com","x")'\npackage: jinja2\nmanufacturer: 'Pallets, "the team"'\nversions: ["3.0.0"]\nlast_review_date: ${daysAgo(5)}\n`,
    "docs/soup/left-pad.md": `---\ntitle: Left pad\nsoup:\n  package: left-pad\n  ecosystem: npm\n  versions: ["1.3.0"]\n  last_review_date: ${daysAgo(5)}\n---\n`,
  };
}

interface AuditJson {
  ref: string;
  commit: string;
  date: string;
  policy: string | null;
  conclusion: string;
  lockfiles: string[];
  items: Array<{
    ecosystem: string;
    name: string;
    versions: string[];
    locations: Array<{ lockfile: string; line: number; version: string }>;
    status: string;
    record: { path: string; title: string | null } | null;
    findings: Array<{ code: string; severity: string }>;
  }>;
  out_of_scope: number;
  orphans: Array<{ path: string; packages: string[] }>;
  orphans_not_checked: string | null;
  findings: Array<{ code: string; severity: string; path: string | null; line: number | null }>;
}

describe("soup-gate audit on a device repository", () => {
  let repo: GitFixture;
  let commit: string;
  beforeAll(() => {
    repo = new GitFixture();
    commit = repo.commit(device(), "device");
  });
  afterAll(() => repo.remove());

  const audit = (...args: string[]) => cli(["audit", "--repo", repo.dir, "--today", TODAY, ...args]);
  const json = async (...args: string[]) => JSON.parse((await audit("--format", "json", ...args)).stdout) as AuditJson;

  it("gives every in-scope SOUP item one status, and exits 1 on failures", async () => {
    const result = await audit("--format", "json");
    expect(result.stderr).toBe("");
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as AuditJson;
    expect(report).toMatchObject({ ref: "HEAD", commit, date: TODAY, policy: null, conclusion: "failure" });
    expect(report.items.map((i) => [i.ecosystem, i.name, i.versions, i.status, i.record?.path ?? null])).toEqual([
      ["npm", "@babel/helper-string-parser", ["7.19.4"], "missing-record", null],
      ["npm", "body-parser", ["1.18.3"], "version-not-recorded", "docs/soup/body-parser.md"],
      ["npm", "finalhandler", ["1.1.1"], "newer-than-reviewed", "docs/soup/finalhandler.md"],
      ["npm", "ms", ["1.0.0"], "review-due-soon", "docs/soup/ms.yml"],
      ["npm", "promise", ["8.3.0"], "duplicate-record", "docs/soup/promise-copy.yml"],
      ["pypi", "fastapi", ["0.115.6"], "record-invalid", "docs/soup/fastapi.md"],
      ["pypi", "flask", ["1.0.3"], "review-overdue", "docs/soup/flask.yml"],
      ["pypi", "FooProject", ["1.2"], "missing-record", null],
      ["pypi", "Jinja2", ["3.0.0"], "covered", "docs/soup/jinja2.yml"],
      ["pypi", "timm", ["1.0.22", "1.0.24"], "covered", "docs/soup/timm.md"],
    ]);
    expect(report.lockfiles).toEqual(["package-lock.json", "services/api/poetry.lock", "services/inference/requirements_lock.txt", "services/training/requirements_lock.txt", "services/worker/requirements.txt"]);
  });

  it("lists every locked version of an item across lockfiles, at the lines that declare them", async () => {
    const timm = (await json()).items.find((i) => i.name === "timm")!;
    expect(timm.locations).toEqual([
      { lockfile: "services/inference/requirements_lock.txt", line: 2, version: "1.0.24" },
      { lockfile: "services/training/requirements_lock.txt", line: 1, version: "1.0.22" },
    ]);
    expect(timm.findings).toEqual([]);
  });

  it("checks only what the policy scopes: transitive and dev-only packages are counted, not listed", async () => {
    const report = await json();
    const names = report.items.map((i) => i.name);
    // poetry.lock locks jinja2 3.1.5 as a transitive dependency of flask: only requirements.txt's 3.0.0 is in scope.
    expect(report.items.find((i) => i.name === "Jinja2")?.versions).toEqual(["3.0.0"]);
    expect(names).not.toContain("pytest");
    expect(names).not.toContain("werkzeug");
    expect(report.out_of_scope).toBeGreaterThan(0);
  });

  it("reports records that describe no locked package as orphans, with a notice", async () => {
    const report = await json();
    expect(report.orphans.map((o) => [o.path, o.packages])).toEqual([["docs/soup/left-pad.md", ["left-pad"]]]);
    expect(report.orphans_not_checked).toBeNull();
    expect(report.findings.filter((f) => f.code === "orphan-record")).toEqual([expect.objectContaining({ severity: "notice", path: "docs/soup/left-pad.md", line: 4 })]);
  });

  it("renders the SOUP list of a design history file, with the Legit.Health record's row as the QMS states it", async () => {
    const result = await audit("--format", "markdown");
    expect(result.code).toBe(1);
    const text = result.stdout;
    expect(text).toMatch(/^# SOUP list\n/);
    expect(text).toContain(`| Commit | \`${commit}\` (HEAD) |`);
    expect(text).toContain(`| Date | ${TODAY} |`);
    expect(text).toContain("| Policy | defaults (no `.github/soup.yml`) |");
    expect(text).toContain("| Title | Package | Manufacturer | Locked versions | Licence | Last review | Status | Record |");
    expect(text).toContain("| Timm | `timm` (PyPI) | Ross Wightman / Hugging Face | 1.0.22, 1.0.24 | Apache License 2.0 | 2026-01-26 | ✅ covered | `docs/soup/timm.md` |");
    expect(text).toContain("| @babel/helper-string-parser | `@babel/helper-string-parser` (npm) | — | 7.19.4 | — | — | ❌ missing record | — |");
    expect(text).toContain("| Flask | `flask` (PyPI) | — | 1.0.3 | — | 2025-10-22 | ❌ review overdue | `docs/soup/flask.yml` |");
    expect(text).toContain("## Orphan records\n\n| Record | Title | Packages | Last review |\n|---|---|---|---|\n| `docs/soup/left-pad.md` | Left pad | `left-pad` | 2026-11-21 |");
    // The index page beside the records is not a record, so it is neither an item's record nor an orphan.
    expect(text).not.toContain("index.md");
  });

  it("writes a CSV that a spreadsheet opens cleanly and cannot run as formulas", async () => {
    const result = await audit("--format", "csv");
    expect(result.code).toBe(1);
    const csv = result.stdout;
    expect(csv.startsWith("\uFEFFEcosystem,Package,Title,Manufacturer,Locked versions,Licence,Last review,Status,Record,Lockfiles,Findings,Anomalies\r\n")).toBe(true);
    expect(csv.endsWith("\r\n")).toBe(true);
    expect(csv.replace(/"[^"]*"/g, "").split("\n").every((line) => line === "" || line.endsWith("\r"))).toBe(true);
    expect(csv).toContain(`pypi,Jinja2,"'=HYPERLINK(""https://example.com"",""x"")","Pallets, ""the team""",3.0.0,,${daysAgo(5)},covered,docs/soup/jinja2.yml,services/worker/requirements.txt:4,,none\r\n`);

    const rows = parseCsv(csv.slice(1));
    expect(rows.every((row) => row.length === 12)).toBe(true);
    expect(rows.map((row) => [row[1], row[7]])).toEqual([
      ["Package", "Status"],
      ["'@babel/helper-string-parser", "missing-record"],
      ["body-parser", "version-not-recorded"],
      ["finalhandler", "newer-than-reviewed"],
      ["ms", "review-due-soon"],
      ["promise", "duplicate-record"],
      ["fastapi", "record-invalid"],
      ["flask", "review-overdue"],
      ["FooProject", "missing-record"],
      ["Jinja2", "covered"],
      ["timm", "covered"],
      ["left-pad", "orphan-record"],
    ]);
    const timm = rows.find((row) => row[1] === "timm")!;
    expect(timm).toEqual(["pypi", "timm", "Timm", "Ross Wightman / Hugging Face", "1.0.22, 1.0.24", "Apache License 2.0", "2026-01-26", "covered", "docs/soup/timm.md", "services/inference/requirements_lock.txt:2\nservices/training/requirements_lock.txt:1", "", "none"]);
    // No cell a spreadsheet would evaluate: every one starting with = + - @ carries the apostrophe guard.
    expect(rows.flat().filter((cell) => /^[=+\-@]/.test(cell))).toEqual([]);
  });

  it("prints a short checklist: counts, then what to do for each item that needs action", async () => {
    const result = await audit();
    expect(result.code).toBe(1);
    const lines = result.stdout.split("\n");
    expect(lines[0]).toBe("✗ SOUP audit: 7 of 10 SOUP items need action (1 warning).");
    expect(lines[1]).toContain(`at ${commit.slice(0, 12)} (HEAD), ${TODAY}, policy defaults`);
    expect(result.stdout).toContain("  10 SOUP items in scope: 2 covered, 2 missing record, 1 version not recorded, 1 newer than reviewed, 1 review due soon, 1 duplicate records, 1 invalid record, 1 review overdue\n");
    expect(result.stdout).toMatch(/\n✗ @babel\/helper-string-parser 7\.19\.4 \(npm\): missing record {2}package-lock\.json:24\n {4}No SOUP record covers @babel\/helper-string-parser \(npm\) 7\.19\.4\. Add one under docs\/soup\/ — `soup-gate scaffold` writes a draft/);
    expect(result.stdout).toMatch(/\n! ms 1\.0\.0 \(npm\): review due soon {2}docs\/soup\/ms\.yml\n {4}The review of docs\/soup\/ms\.yml lapses on 2026-12-11, in 15 days\. Plan the review\./);
    expect(result.stdout).toContain("\n· orphan-record docs/soup/left-pad.md:4\n");
    // Covered items need nothing: they are counted, not listed.
    expect(lines.some((line) => /^\S+ timm /.test(line) || /^\S+ Jinja2 /.test(line))).toBe(false);
  });

  it("never reads the working tree: an uncommitted record does not count", async () => {
    repo.write({ "docs/soup/foo.yml": `package: FooProject\nversions: ["1.2"]\nlast_review_date: ${daysAgo(1)}\n` });
    try {
      expect((await json()).items.find((i) => i.name === "FooProject")?.status).toBe("missing-record");
    } finally {
      repo.write({ "docs/soup/foo.yml": null });
    }
  });
});

describe("soup-gate audit", () => {
  let repo: GitFixture;
  beforeEach(() => (repo = new GitFixture()));
  afterEach(() => repo.remove());

  const audit = (...args: string[]) => cli(["audit", "--repo", repo.dir, "--today", TODAY, ...args]);
  const inference = { "requirements_lock.txt": "timm==1.0.24\n", "docs/soup/timm.md": fixture("records/legit-health-timm.md") };

  it("exits 0 when every item is covered", async () => {
    repo.commit(inference);
    const result = await audit();
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout.split("\n")[0]).toBe("✓ SOUP audit: the SOUP item is covered by reviewed records.");
  });

  it("names the repository by its origin, never with the credentials a clone URL may carry", async () => {
    repo.commit(inference);
    repo.git("remote", "add", "origin", "https://ci-bot:ghp_secret@github.com/acme/device.git");
    const result = await audit("--format", "markdown");
    expect(result.stdout).toContain("| Repository | https://github.com/acme/device.git |");
    expect(result.stdout).not.toContain("ghp_secret");
    expect(JSON.parse((await audit("--format", "json")).stdout)).toMatchObject({ repository: "https://github.com/acme/device.git" });
  });

  it("audits the commit --ref names, with the policy at that commit", async () => {
    const first = repo.commit({ ...inference, "package-lock.json": fixture("lockfiles/npm-lock-v3/trivy__package-lock_v3.json"), ".github/soup.yml": "lockfiles:\n  exclude: [package-lock.json]\n" });
    repo.commit({ ".github/soup.yml": null });
    expect((await audit()).code).toBe(1);
    const result = await audit("--ref", "HEAD~1", "--format", "json");
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ ref: "HEAD~1", commit: first, policy: ".github/soup.yml", lockfiles: ["requirements_lock.txt"] });
  });

  it("applies the policy's ignore list and severities, or the --config file", async () => {
    repo.commit({ ...inference, "requirements.txt": "fastapi==0.115.6\n" });
    expect((await audit()).code).toBe(1);
    // An uncommitted policy file: --config reads it from disk.
    const config = join(repo.dir, "local-policy.yml");
    repo.write({ "local-policy.yml": "ignore:\n  - { ecosystem: pypi, name: fastapi, reason: vendored in the base image }\n" });
    const result = await audit("--config", config, "--format", "json");
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ policy: config, items: [expect.objectContaining({ name: "timm", status: "covered" })] });
    repo.write({ "local-policy.yml": "severity:\n  missing-record: warning\n" });
    expect((await audit("--config", config)).code).toBe(0);
  });

  it("fails closed on an unreadable lockfile, and then names no orphans", async () => {
    repo.commit({ ...inference, "package-lock.json": `{\n<<<<<<< HEAD\n  "a": 1\n=======\n  "a": 2\n>>>>>>> x\n}\n`, "docs/soup/left-pad.yml": `package: left-pad\nversions: ["1.3.0"]\nlast_review_date: ${daysAgo(1)}\n` });
    const result = await audit("--format", "json");
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as AuditJson;
    expect(report.findings.map((f) => [f.code, f.path, f.line])).toEqual([["lockfile-unparsable", "package-lock.json", 2]]);
    expect(report.orphans).toEqual([]);
    expect(report.orphans_not_checked).toMatch(/a lockfile could not be read/);
    expect((await audit()).stdout).toContain("✗ lockfile-unparsable package-lock.json:2\n");
  });

  it("reports a record that names no package as invalid rather than ignoring it", async () => {
    repo.commit({ ...inference, "docs/soup/nameless.yml": `versions: ["1.0.0"]\nlast_review_date: ${daysAgo(1)}\n` });
    const report = JSON.parse((await audit("--format", "json")).stdout) as AuditJson;
    expect(report.conclusion).toBe("failure");
    expect(report.findings.map((f) => [f.code, f.path])).toEqual([["record-invalid", "docs/soup/nameless.yml"]]);
    expect(report.orphans).toEqual([]);
  });

  it.each([
    [["--format", "xml"], /--format must be text, markdown, csv or json, not "xml"/],
    [["--today", "26/11/2026"], /--today must be a date as YYYY-MM-DD/],
    [["--ref", "no-such-ref"], /"no-such-ref" is not a commit/],
    [["--config", "/nonexistent/soup.yml"], /cannot read --config \/nonexistent\/soup\.yml: no such file/],
    [["--base", "HEAD"], /Unknown option '--base'/],
  ])("exits 2 with a clear message for %j", async (args, message) => {
    repo.commit(inference);
    const result = await audit(...args);
    expect(result).toMatchObject({ code: 2, stdout: "" });
    expect(result.stderr).toMatch(message);
  });

  it("exits 2 when the policy keeps records in another repository and no clone is given", async () => {
    repo.commit({ ...inference, ".github/soup.yml": "records:\n  repository: acme/qms\n" });
    const result = await audit();
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/reads records from acme\/qms: pass --records DIR/);
  });

  it("reads the records of another repository from --records, and names no orphans of it", async () => {
    const qms = new GitFixture();
    try {
      qms.commit({ "docs/soup/timm.md": fixture("records/legit-health-timm.md"), "docs/soup/left-pad.yml": `package: left-pad\nversions: ["1.3.0"]\nlast_review_date: ${daysAgo(1)}\n` });
      repo.commit({ "requirements_lock.txt": "timm==1.0.24\n", ".github/soup.yml": "records:\n  repository: acme/qms\n" });
      const result = await audit("--records", qms.dir, "--format", "json");
      expect(result.code).toBe(0);
      const report = JSON.parse(result.stdout) as AuditJson;
      expect(report.items.map((i) => [i.name, i.status])).toEqual([["timm", "covered"]]);
      expect(report.orphans_not_checked).toMatch(/another repository/);
    } finally {
      qms.remove();
    }
  });
});
