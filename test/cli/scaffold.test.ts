import { existsSync, readdirSync, readFileSync, symlinkSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cli } from "../../src/cli/main.js";
import { parseRecord } from "../../src/records/parse-record.js";
import { GitFixture } from "./git-fixture.js";
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

/** Real npm and Python lockfiles, no records. In scope: 2 + 5 npm packages, flask, FooProject, Jinja2. */
const DEVICE = {
  "web/package-lock.json": fixture("lockfiles/npm-lock-v3/trivy__package-lock_v3_with_peer.json"),
  "package-lock.json": fixture("lockfiles/npm-lock-v3/trivy__package-lock_v3.json"),
  "services/api/poetry.lock": fixture("lockfiles/poetry-lock/trivy__poetry_flask.lock"),
  "services/api/pyproject.toml": PYPROJECT,
  "services/worker/requirements.txt": fixture("lockfiles/requirements-txt/trivy__requirements_hash.txt"),
};

const DRAFTS = [
  "docs/soup/babel-helper-string-parser.md",
  "docs/soup/body-parser.md",
  "docs/soup/finalhandler.md",
  "docs/soup/flask.md",
  "docs/soup/fooproject.md",
  "docs/soup/jinja2.md",
  "docs/soup/lodash.md",
  "docs/soup/ms.md",
  "docs/soup/promise.md",
  "docs/soup/winston-mail.md",
];

interface AuditJson {
  items: Array<{ name: string; status: string; record: { path: string } | null; findings: Array<{ code: string; message: string }> }>;
  findings: Array<{ code: string }>;
}

describe("soup-gate scaffold", () => {
  let repo: GitFixture;
  beforeEach(() => (repo = new GitFixture()));
  afterEach(() => repo.remove());

  const scaffold = (...args: string[]) => cli(["scaffold", "--repo", repo.dir, ...args]);
  const audit = async (...args: string[]) => {
    const result = await cli(["audit", "--repo", repo.dir, "--today", TODAY, "--format", "json", ...args]);
    return { code: result.code, report: JSON.parse(result.stdout) as AuditJson };
  };
  const listDrafts = () => (existsSync(join(repo.dir, "docs/soup")) ? readdirSync(join(repo.dir, "docs/soup")).map((f) => `docs/soup/${f}`).sort() : []);
  const read = (path: string) => readFileSync(join(repo.dir, path), "utf8");

  it("drafts every record that is missing; once committed, audit reports each draft as invalid (review pending), none as missing", async () => {
    repo.commit(DEVICE);
    expect((await audit()).report.items.every((i) => i.status === "missing-record")).toBe(true);

    const result = await scaffold();
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(listDrafts()).toEqual(DRAFTS);
    expect(result.stdout).toMatch(/^Wrote 10 draft records for the SOUP items at [0-9a-f]{12} \(HEAD\) without a record:\n/);
    expect(result.stdout).toMatch(/\n {2}docs\/soup\/lodash\.md +npm lodash 4\.17\.21\n/);
    expect(result.stdout).toContain("record-invalid (review pending)");
    expect(repo.git("status", "--porcelain", "--untracked-files=all").split("\n").sort()).toEqual(DRAFTS.map((d) => `?? ${d}`));

    repo.commit({}, "SOUP record drafts");
    const { code, report } = await audit();
    expect(code).toBe(1);
    expect(report.items).toHaveLength(DRAFTS.length);
    expect(report.items.map((i) => [i.name, i.status, i.record?.path])).toEqual(expect.arrayContaining([["lodash", "record-invalid", "docs/soup/lodash.md"], ["FooProject", "record-invalid", "docs/soup/fooproject.md"]]));
    expect(report.items.every((i) => i.status === "record-invalid" && i.findings.every((f) => f.code === "record-invalid" && /last_review_date is missing/.test(f.message)))).toBe(true);
    expect(report.findings.some((f) => f.code === "missing-record")).toBe(false);
    expect((await cli(["audit", "--repo", repo.dir, "--today", TODAY])).stdout).toContain("10 SOUP items in scope: 10 invalid record (review pending)");
  });

  it("fills in what the lockfile knows — name, ecosystem, every locked version, licence — and leaves the review empty", async () => {
    repo.commit(DEVICE);
    await scaffold();
    const lodash = parseRecord("docs/soup/lodash.md", read("docs/soup/lodash.md"));
    expect(lodash).toMatchObject({ kind: "record", record: { packages: ["lodash"], ecosystem: "npm", versions: ["4.17.21"], license: "MIT" } });
    const record = lodash.kind === "record" ? lodash.record : undefined;
    expect(record?.lastReviewDate).toBeUndefined();
    expect(record?.latestReviewed).toBeUndefined();
    expect(record?.manufacturer).toBeUndefined();
    expect(read("docs/soup/fooproject.md")).toContain('  package: "FooProject"\n  ecosystem: pypi\n');
    expect(read("docs/soup/babel-helper-string-parser.md")).toContain('  package: "@babel/helper-string-parser"\n');
  });

  it("lists every in-scope version across lockfiles in one draft", async () => {
    repo.commit({ "a/requirements_lock.txt": "timm==1.0.22\n", "b/requirements_lock.txt": "timm==1.0.24\nfastapi==0.115.6\n" });
    await scaffold();
    expect(read("docs/soup/timm.md")).toContain('  versions: ["1.0.22", "1.0.24"]');
  });

  it("writes the Legit.Health General Information table with --format table, which audit reads as a pending record", async () => {
    repo.commit({ "requirements_lock.txt": "timm==1.0.22\ntimm==1.0.24\n" });
    const result = await scaffold("--format", "table");
    expect(result.code).toBe(0);
    const text = read("docs/soup/timm.md");
    expect(text).toContain("| Package Name | timm |\n");
    expect(text).toContain("| Deployed Version(s) | version-locked at 1.0.22 and 1.0.24 |\n");
    expect(text).toContain("| Last Review Date |  |\n");
    repo.commit({});
    const { report } = await audit();
    expect(report.items.map((i) => [i.name, i.status])).toEqual([["timm", "record-invalid"]]);
  });

  it("never overwrites a file: an existing one is skipped and named, the others are written", async () => {
    repo.commit(DEVICE);
    repo.write({ "docs/soup/ms.md": "my own notes\n" });
    const result = await scaffold();
    expect(result.code).toBe(0);
    expect(read("docs/soup/ms.md")).toBe("my own notes\n");
    expect(listDrafts()).toEqual(DRAFTS);
    expect(result.stdout).toMatch(/\nSkipped 1 SOUP item without a record: a file is already at the draft's path, and scaffold never overwrites one:\n {2}docs\/soup\/ms\.md +npm ms 1\.0\.0: the file exists/);

    // A second run writes nothing: every draft's file is there (not committed yet).
    const again = await scaffold();
    expect(again.code).toBe(0);
    expect(again.stdout).not.toContain("Wrote");
    expect(again.stdout).toContain("Skipped 10 SOUP items");
    expect(read("docs/soup/ms.md")).toBe("my own notes\n");
  });

  it("writes nothing when every item has a record, and says so", async () => {
    repo.commit({ "requirements_lock.txt": "timm==1.0.24\n", "docs/soup/timm.md": fixture("records/legit-health-timm.md") });
    const result = await scaffold("--missing");
    expect(result).toEqual({ code: 0, stdout: expect.stringMatching(/^Nothing to write: every SOUP item in scope at [0-9a-f]{12} \(HEAD\) has a record\.\n$/), stderr: "" });
    expect(repo.git("status", "--porcelain")).toBe("");
  });

  it("does the same with and without --missing", async () => {
    repo.commit(DEVICE);
    const plain = await scaffold();
    for (const draft of DRAFTS) repo.write({ [draft]: null });
    const missing = await scaffold("--missing");
    expect(missing).toEqual(plain);
  });

  it("writes into --dir, creating it, and warns when the policy would not read it there", async () => {
    repo.commit({ "requirements_lock.txt": "timm==1.0.24\n" });
    const result = await scaffold("--dir", "qms/soup-drafts/");
    expect(result.code).toBe(0);
    expect(existsSync(join(repo.dir, "qms/soup-drafts/timm.md"))).toBe(true);
    expect(result.stdout).toContain("Note: qms/soup-drafts is not under the policy's records.path (docs/soup)");

    repo.commit({ ".github/soup.yml": "records:\n  path: qms/soup-drafts\n", "qms/soup-drafts/timm.md": null });
    const inPolicy = await scaffold();
    expect(inPolicy.stdout).toContain("  qms/soup-drafts/timm.md  pypi timm 1.0.24\n");
    expect(inPolicy.stdout).not.toContain("Note:");
  });

  it("gives the second of two same-named packages of different ecosystems its own file", async () => {
    const lock = JSON.stringify({ name: "app", lockfileVersion: 3, requires: true, packages: { "": { name: "app", dependencies: { six: "1.0.0" } }, "node_modules/six": { version: "1.0.0" } } }, null, 2);
    repo.commit({ "package-lock.json": lock, "requirements_lock.txt": "six==1.17.0\n" });
    const result = await scaffold();
    expect(result.code).toBe(0);
    expect(listDrafts()).toEqual(["docs/soup/six.md", "docs/soup/six.pypi.md"]);
    expect(read("docs/soup/six.pypi.md")).toContain("  ecosystem: pypi\n");
  });

  it("notes a lockfile it cannot read, and drafts for the rest", async () => {
    repo.commit({ "requirements_lock.txt": "timm==1.0.24\n", "package-lock.json": `{\n<<<<<<< HEAD\n  "a": 1\n=======\n}\n` });
    const result = await scaffold();
    expect(result.code).toBe(0);
    expect(listDrafts()).toEqual(["docs/soup/timm.md"]);
    expect(result.stdout).toContain("Note: package-lock.json could not be read (line 2): its packages get no draft until it is fixed.");
  });

  it.each([
    [["--format", "yaml"], /--format must be front-matter or table, not "yaml"/],
    [["--dir", "../elsewhere"], /--dir must be a folder inside the repository, such as docs\/soup, not "\.\.\/elsewhere"/],
    [["--dir", "/tmp/soup"], /--dir must be a folder inside the repository/],
    [["--dir", ".git/soup"], /--dir must be a folder inside the repository/],
    [["--ref", "no-such-ref"], /"no-such-ref" is not a commit/],
    [["--overwrite"], /Unknown option '--overwrite'/],
    [["--config", "/nonexistent/soup.yml"], /cannot read --config/],
  ])("exits 2 on %j and leaves the working tree untouched", async (args, message) => {
    repo.commit(DEVICE);
    const result = await scaffold(...args);
    expect(result).toMatchObject({ code: 2, stdout: "" });
    expect(result.stderr).toMatch(message);
    expect(repo.git("status", "--porcelain", "--untracked-files=all", "--ignored")).toBe("");
    expect(existsSync(join(repo.dir, "docs"))).toBe(false);
  });

  it("refuses a records folder that is a symlink leading out of the working tree, writing nothing", async () => {
    const outside = mkdtempSync(join(tmpdir(), "soup-gate-outside-"));
    try {
      repo.commit({ "requirements_lock.txt": "timm==1.0.24\n" });
      symlinkSync(outside, join(repo.dir, "docs"));
      const result = await scaffold();
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/docs\/soup leads outside the working tree/);
      expect(readdirSync(outside)).toEqual([]);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it("writes the drafts into the records clone when the policy keeps records in another repository", async () => {
    const qms = new GitFixture();
    try {
      qms.commit({ "README.md": "QMS\n" });
      repo.commit({ "requirements_lock.txt": "timm==1.0.24\n", ".github/soup.yml": "records:\n  repository: acme/qms\n" });
      expect((await scaffold()).stderr).toMatch(/pass --records DIR/);
      const result = await scaffold("--records", qms.dir);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`into ${qms.dir}`);
      expect(existsSync(join(qms.dir, "docs/soup/timm.md"))).toBe(true);
      expect(existsSync(join(repo.dir, "docs"))).toBe(false);
    } finally {
      qms.remove();
    }
  });
});
